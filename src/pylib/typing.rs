//! Python's `typing` module: type annotation names.

use crate::eval::Interp;

/// Sets `typing`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
