//! Python's `dataclasses` module: `@dataclass`.

use crate::eval::Interp;

/// Sets `dataclasses`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
