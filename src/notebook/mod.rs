//! Jupyter notebooks: reading and writing nbformat 4, running cells as Jupyter does, and
//! the `tensh run NB.ipynb` / `tensh test NB.ipynb` commands. The kernel (`crate::kernel`)
//! runs cells through the same executor.
//!
//! | file | owns |
//! |---|---|
//! | `format.rs` | nbformat 4 JSON: cells, outputs, writing 4.5 with cell ids |
//! | `exec.rs` | the executor: a session whose output becomes a cell's outputs |
//! | `pretty.rs` | IPython's `text/plain` of a value |
//! | `run.rs` | `tensh run [--inplace]` and `tensh test` for notebooks |

pub mod exec;
pub mod format;
pub(crate) mod pretty;
pub mod run;
