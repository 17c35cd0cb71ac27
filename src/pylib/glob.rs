//! Python's `glob` module: file name patterns.

use crate::eval::Interp;

/// Sets `glob`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
