//! The evaluator: runs the AST against the runtime, as Python's interactive mode does.
//!
//! | file | owns |
//! |---|---|
//! | `value.rs` | `Value` and the types behind it; argument binding |
//! | `error.rs` | exceptions and control flow |
//! | `budget.rs` | the memory budget of Python objects: `MemoryError` before a string or container outgrows it |
//! | `scope.rs` | name scopes |
//! | `session.rs` | `Interp`: one session's state; running a program; error reports |
//! | `exec.rs` | statements |
//! | `expr.rs` | expressions, comprehensions, assignment targets |
//! | `ops.rs` | operators on Python values (tensors go through `hooks`) |
//! | `call.rs` | calling functions, classes and methods |
//! | `attrs.rs` | attributes and subscripts of values; the names completion offers |
//! | `methods.rs` | the methods of list, tuple, dict and set; the method names of the builtin types |
//! | `repr.rs` | `repr()` and `str()` |
//! | `format.rs` | format specs, `str.format`, `%` formatting |
//! | `decl/` | one declaration per builtin function: paths, parameters, defaults, docs |
//! | `builtins.rs` | Python's builtins about objects and text (print, repr, getattr, ...); builtin constants and exception classes |
//! | `numbers.rs` | the numeric builtins (int, float, round, min, max, ...) |
//! | `sequences.rs` | the builtins that make or walk sequences (range, list, len, zip, sorted, ...) |
//! | `str_methods.rs` | the methods of `str` |
//! | `types.rs` | `type()`, `isinstance`, exception instances |
//! | `iter.rs` | the iterator protocol: `Iter` for loops, `PyIter` for iterator objects |
//! | `lazy.rs` | the lazy iterators of `enumerate`, `zip`, `map`, `filter` |
//! | `hooks.rs` | `Hooks`: what `api` and `nn` install for tensors and native classes |
//! | `views.rs` | the views `dict.keys()`, `values()`, `items()` return |

pub(crate) mod attrs;
pub(crate) mod budget;
pub(crate) mod builtins;
pub(crate) mod call;
pub(crate) mod decl;
pub(crate) mod error;
pub(crate) mod exec;
pub(crate) mod expr;
pub(crate) mod format;
pub(crate) mod hooks;
pub(crate) mod iter;
pub(crate) mod lazy;
pub(crate) mod methods;
pub(crate) mod numbers;
pub(crate) mod ops;
pub(crate) mod repr;
pub(crate) mod scope;
pub(crate) mod sequences;
pub mod session;
pub(crate) mod str_methods;
pub(crate) mod types;
pub mod value;
pub(crate) mod views;

pub(crate) use error::{Flow, R};
pub use session::{Interp, Outcome};
pub use value::{Args, Value};
