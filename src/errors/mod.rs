//! Exception classes as one typed kind, shared by every layer: the parser's syntax errors,
//! the runtime's op errors and the evaluator's Python exceptions all carry an [`ExcKind`].
//!
//! | file | owns |
//! |---|---|
//! | `kind.rs` | [`ExcKind`]: CPython 3.11's builtin exception classes and TensorFlow's `tf.errors`, with names and parents |

pub(crate) mod kind;

pub use kind::ExcKind;
