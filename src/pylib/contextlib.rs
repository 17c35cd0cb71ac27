//! Python's `contextlib` module: context manager helpers.

use crate::eval::Interp;

/// Sets `contextlib`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
