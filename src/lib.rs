//! tensh: a REPL for tensor experiments that runs TensorFlow-2 notebook code on its own
//! ndarray runtime and prints what TensorFlow prints.
//!
//! | module | owns |
//! |---|---|
//! | [`errors`] | exception classes as one typed kind ([`errors::ExcKind`]), shared by every layer |
//! | [`syntax`] | the parser: lexer, AST with spans, expressions, statements |
//! | [`eval`] | the evaluator: values, the session, statements and expressions, builtins |
//! | [`tensor`] | the runtime: tensors, dtypes, shapes, broadcasting, ops, random |
//! | [`autodiff`] | gradient tapes: recording ops, the reverse sweep, each op's gradient |
//! | [`nn`] | Keras: layers, Sequential, activations, losses, initializers, optimizers, training |
//! | [`data`] | data sets that need no download: the UCI digits, moons, spirals, XOR |
//! | [`api`] | the `tf` module tree that binds TensorFlow's names to the runtime |
//! | [`print`] | numpy-style formatting and TensorFlow reprs |
//! | [`repl`] | the interactive line editor and its commands |

// Every unsafe block says why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod api;
pub mod autodiff;
pub mod data;
pub mod errors;
pub mod eval;
pub mod golden;
pub mod nn;
pub mod print;
pub mod repl;
pub mod syntax;
pub mod tensor;
