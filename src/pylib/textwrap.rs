//! Python's `textwrap` module: wrapping and indenting text.

use crate::eval::Interp;

/// Sets `textwrap`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
