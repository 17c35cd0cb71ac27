//! Python's `statistics` module: mean, median, stdev, ....

use crate::eval::Interp;

/// Sets `statistics`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
