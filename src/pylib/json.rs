//! Python's `json` module: JSON encoding and decoding.

use crate::eval::Interp;

/// Sets `json`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
