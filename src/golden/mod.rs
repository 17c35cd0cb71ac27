//! Golden transcripts: notebook-format files of code cells and the output each must print.
//!
//! | file | owns |
//! |---|---|
//! | `transcript.rs` | the format: parsing and rendering `In [n]:` cells, keeping markdown |
//! | `matcher.rs` | comparing with `[..]`, `...` and `[num]` wildcards; bless; diffs |
//! | `runner.rs` | `tensh test` (with `--bless`) and `tensh record` |

pub mod matcher;
pub mod runner;
pub(crate) mod transcript;
