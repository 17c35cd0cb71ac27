//! Python's `os` module: files, directories, the environment; `os.path`.

use crate::eval::Interp;

/// Sets `os`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
