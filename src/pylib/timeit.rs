//! Python's `timeit` module: timing small snippets.

use crate::eval::Interp;

/// Sets `timeit`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
