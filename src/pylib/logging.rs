//! Python's `logging` module: basic logging.

use crate::eval::Interp;

/// Sets `logging`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
