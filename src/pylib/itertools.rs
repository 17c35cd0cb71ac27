//! Python's `itertools` module: lazy iterator building blocks.

use crate::eval::Interp;

/// Sets `itertools`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
