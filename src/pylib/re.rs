//! Python's `re` module: regular expressions.

use crate::eval::Interp;

/// Sets `re`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
