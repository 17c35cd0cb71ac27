//! Python's `io` module: `StringIO`.

use crate::eval::Interp;

/// Sets `io`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
