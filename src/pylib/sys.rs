//! Python's `sys` module: the interpreter: argv, version, stdout/stderr, exit, maxsize.

use crate::eval::Interp;

/// Sets `sys`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
