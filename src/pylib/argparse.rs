//! Python's `argparse` module: command-line arguments for scripts.

use crate::eval::Interp;

/// Sets `argparse`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
