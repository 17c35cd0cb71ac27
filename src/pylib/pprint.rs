//! Python's `pprint` module: pretty printing.

use crate::eval::Interp;

/// Sets `pprint`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
