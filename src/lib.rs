//! tensh: a REPL for tensor experiments that runs TensorFlow-2 notebook code on its own
//! ndarray runtime and prints what TensorFlow prints.
//!
//! The modules are layers, bottom first; each imports only the ones before it.
//!
//! | module | owns |
//! |---|---|
//! | [`errors`] | exception classes as one typed kind ([`errors::ExcKind`]), shared by every layer |
//! | [`syntax`] | the parser: lexer, AST with spans, expressions, statements |
//! | [`tensor`] | the runtime: tensors, dtypes, shapes, broadcasting, ops, random, autodiff |
//! | [`print`] | numpy-style formatting and TensorFlow reprs |
//! | [`eval`] | the Python evaluator: values, the session, statements and expressions, builtins, and the hooks the layers above install |
//! | [`pylib`] | Python's standard modules: math, random, os, sys, json, re, collections, itertools, ... |
//! | [`api`] | the `tf` module tree that binds TensorFlow's names to the runtime |
//! | [`nn`] | Keras: layers, Sequential, activations, losses, initializers, optimizers, training |
//! | [`data`] | data sets that need no download: the UCI digits, moons, spirals, XOR |
//! | [`plot`] | matplotlib: figures, axes, pyplot, drawing to PNG, SVG and the terminal |
//! | [`session`] | a full session: the evaluator with `api`, `nn` and `data` installed |
//! | [`golden`] | the `tensh test` runner for golden transcripts |
//! | [`repl`] | the interactive line editor, its commands, and IPython's magics |
//! | [`notebook`] | Jupyter notebooks: nbformat, running cells as Jupyter does, `tensh run`/`test` |
//! | [`kernel`] | the Jupyter kernel over ZeroMQ |

// Every unsafe block says why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

/// Lists a `tests` module's test functions as its `ALL` (see `unit_tests.rs`).
macro_rules! unit_cases {
    ($($name:ident),* $(,)?) => {
        pub(crate) const ALL: (&'static str, &'static [(&'static str, fn())]) =
            (module_path!(), &[$((stringify!($name), $name as fn())),*]);
    };
}

pub mod api;
pub(crate) mod data;
pub(crate) mod errors;
pub mod eval;
pub mod golden;
pub mod kernel;
pub mod nn;
pub mod notebook;
pub(crate) mod plot;
pub(crate) mod print;
pub(crate) mod pylib;
pub mod repl;
pub mod syntax;
pub mod tensor;
#[doc(hidden)]
pub mod unit_tests;

use eval::session::Output;
use eval::Interp;

/// Installs everything above the evaluator, in layer order: Python's standard modules
/// (`pylib`), the `tf` module tree and numpy (`api`), then Keras (`nn`), then the data sets
/// (`data`).
pub(crate) fn install_all(it: &mut Interp) {
    pylib::install(it);
    api::install(it);
    nn::install(it);
    data::install(it);
    plot::install(it);
    eval::decl::install(
        it,
        &[
            ("tf", "tensorflow"),
            ("np", "numpy"),
            ("tensh", "tensh"),
            ("sklearn", "sklearn"),
        ],
    );
}

/// A full tensh session writing to `io`: the evaluator with every layer installed.
pub fn session(io: Output, seed: Option<u64>) -> Interp {
    let mut it = Interp::bare(io, seed);
    install_all(&mut it);
    it
}

/// A full tensh session writing to the process's stdout and stderr.
pub fn stdio_session(seed: Option<u64>, color: bool) -> Interp {
    session(Output::stdio(color), seed)
}
