//! Python's `warnings` module: `warnings.warn` and filters.

use crate::eval::Interp;

/// Sets `warnings`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
