//! Python's `copy` module: `copy` and `deepcopy`.

use crate::eval::Interp;

/// Sets `copy`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
