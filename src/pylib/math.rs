//! Python's `math` module: mathematical functions.

use crate::eval::Interp;

/// Sets `math`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
