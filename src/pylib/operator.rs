//! Python's `operator` module: operators as functions.

use crate::eval::Interp;

/// Sets `operator`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
