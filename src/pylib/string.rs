//! Python's `string` module: string constants.

use crate::eval::Interp;

/// Sets `string`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
