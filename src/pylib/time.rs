//! Python's `time` module: clocks, sleep, strftime.

use crate::eval::Interp;

/// Sets `time`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
