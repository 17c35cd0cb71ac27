//! Python's `contextlib` module: `contextmanager` on generators (exceptions thrown in at
//! the `yield`), `suppress`, `nullcontext`, `closing`, `redirect_stdout`/`redirect_stderr`,
//! `ExitStack`, `ContextDecorator`, `AbstractContextManager`. Written in Python
//! (`pysrc/contextlib.py`) so user classes can derive from its classes.

use crate::eval::Interp;

/// The module's source.
const SOURCE: &str = include_str!("pysrc/contextlib.py");

/// Registers `contextlib`, built from its source on first import.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("contextlib", |it| {
        super::pysource::load(it, "contextlib", SOURCE, &[]);
    });
}
