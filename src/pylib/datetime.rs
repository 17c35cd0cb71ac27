//! Python's `datetime` module: dates, times, timedeltas.

use crate::eval::Interp;

/// Sets `datetime`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
