//! Python's `csv` module: CSV readers and writers.

use crate::eval::Interp;

/// Sets `csv`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
