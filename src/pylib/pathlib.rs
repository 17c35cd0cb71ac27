//! Python's `pathlib` module: `Path` objects.

use crate::eval::Interp;

/// Sets `pathlib`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
