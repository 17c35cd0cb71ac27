//! Python's `shutil` module: copying and removing trees.

use crate::eval::Interp;

/// Sets `shutil`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
