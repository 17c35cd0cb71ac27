//! Compiling a step: the kernels one run of it executes, captured as a flat program and
//! run again on new arguments without whatever issued them.
//!
//! | file | owns |
//! |---|---|
//! | `capture.rs` | recording a run: the instrumented-op hook, what a kept op's inputs are, why a capture fails |
//! | `plan.rs` | the program: steps over numbered results, freed after their last use |
//!
//! `tf.function` uses it for a trace whose steps it knows to keep their state in variables
//! (Keras layers, losses, optimizers, gradient tapes, TensorFlow's ops): gradients are
//! ordinary kernels in the program, so a run costs the kernels alone.

pub mod capture;
pub mod plan;

pub use capture::{cell, op};
pub use plan::{Plan, Stop};
