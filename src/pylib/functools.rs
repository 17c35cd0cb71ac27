//! Python's `functools` module: partial, reduce, lru_cache, wraps.

use crate::eval::Interp;

/// Sets `functools`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
