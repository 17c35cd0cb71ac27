//! Python's `collections` module: defaultdict, Counter, namedtuple, OrderedDict, deque.

use crate::eval::Interp;

/// Sets `collections`'s constants and classes (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}
