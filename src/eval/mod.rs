//! The evaluator: runs the AST against the runtime, as Python's interactive mode does.
//!
//! | file | owns |
//! |---|---|
//! | `value.rs` | `Value` and the types behind it; argument binding |
//! | `bigint.rs` | ints past 64 bits: arithmetic, exact int/float comparison, numeric hashes |
//! | `bytes.rs` | `bytes` and `bytearray`: constructors, repr, methods |
//! | `codecs.rs` | `str.encode` and `bytes.decode`: utf-8, ascii, latin-1 and their errors |
//! | `error.rs` | exceptions and control flow |
//! | `budget.rs` | the memory budget of Python objects: `MemoryError` before a string or container outgrows it |
//! | `scope.rs` | name scopes |
//! | `session.rs` | `Interp`: one session's state; running a program; error reports |
//! | `traceback.rs` | tracebacks and syntax error locations laid out as Python prints them |
//! | `exec.rs` | statements |
//! | `expr.rs` | expressions, comprehensions, assignment targets |
//! | `ops.rs` | operators on Python values (tensors go through `hooks`) |
//! | `call.rs` | calling functions, classes and methods |
//! | `attrs.rs` | attributes and subscripts of values; the names completion offers |
//! | `methods.rs` | the methods of list, tuple, dict and set; the method names of the builtin types |
//! | `repr.rs` | `repr()` and `str()` |
//! | `format.rs` | format specs, `str.format`, `%` formatting |
//! | `dunder.rs` | user classes: C3 MRO, attribute lookup with descriptors, `__getattr__`, `__setattr__`, `__slots__` |
//! | `dunder_ops.rs` | operators on user instances: reflected and in-place special methods, rich comparisons, `__bool__`/`__len__` checks |
//! | `descr.rs` | `property`, `classmethod`, `staticmethod`, `NotImplemented`, `object`'s methods |
//! | `decl/` | one declaration per builtin function: paths, parameters, defaults, docs |
//! | `builtins.rs` | Python's builtins about objects and text (print, repr, getattr, ...); builtin constants and exception classes |
//! | `num_methods.rs` | the methods and attributes of int and float (`bit_length`, `to_bytes`, `hex`, ...) |
//! | `numbers.rs` | the numeric builtins (int, float, round, min, max, ...) |
//! | `sequences.rs` | the builtins that make or walk sequences (range, list, len, zip, sorted, ...) |
//! | `sets.rs` | `set`: methods, operators, equality and CPython's iteration order |
//! | `str_methods.rs` | the methods of `str` |
//! | `str_more.rs` | the `str` methods with positions, tables and fill characters; `str.maketrans` |
//! | `unbound.rs` | a builtin type's methods looked up on the type: `list.append(l, x)`, `str.lower` |
//! | `types.rs` | `type()`, `isinstance`, exception instances |
//! | `iter.rs` | the iterator protocol: `Iter` for loops, `PyIter` for iterator objects |
//! | `generator.rs` | generators and generator expressions: bodies on coroutine stacks, `yield`, `send`/`throw`/`close` |
//! | `lazy.rs` | the lazy iterators of `enumerate`, `zip`, `map`, `filter` |
//! | `matching.rs` | the `match` statement and its patterns |
//! | `quitter.rs` | `exit` and `quit` |
//! | `hooks.rs` | `Hooks`: what `api` and `nn` install for tensors and native classes |
//! | `views.rs` | the views `dict.keys()`, `values()`, `items()` return |

pub(crate) mod attrs;
pub(crate) mod bigint;
pub(crate) mod budget;
pub(crate) mod builtins;
pub(crate) mod bytes;
pub(crate) mod call;
pub(crate) mod codecs;
pub(crate) mod decl;
pub(crate) mod descr;
pub(crate) mod dunder;
pub(crate) mod dunder_ops;
pub(crate) mod error;
pub(crate) mod evaluate;
pub(crate) mod exec;
pub(crate) mod expr;
pub(crate) mod format;
pub(crate) mod generator;
pub(crate) mod hooks;
pub(crate) mod iter;
pub(crate) mod lazy;
pub(crate) mod matching;
pub(crate) mod methods;
pub(crate) mod num_methods;
pub(crate) mod numbers;
pub(crate) mod ops;
pub(crate) mod quitter;
pub(crate) mod repr;
pub(crate) mod scope;
pub(crate) mod sequences;
pub mod session;
pub(crate) mod sets;
pub(crate) mod str_methods;
pub(crate) mod str_more;
pub(crate) mod traceback;
pub(crate) mod types;
pub(crate) mod unbound;
pub(crate) mod unread;
pub mod value;
pub(crate) mod views;

pub(crate) use error::{Flow, R};
pub use session::{Interp, Outcome};
pub use value::{Args, Value};
