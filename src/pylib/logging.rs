//! Python's `logging` module: loggers in a dotted hierarchy with propagation, handlers
//! (stream, file, null, the last-resort stderr handler), formatters in the `%`, `{` and
//! `$` styles, filters, `basicConfig` and the module-level functions on the root logger.
//! Written in Python (`pysrc/logging/`) so user code can subclass handlers, formatters
//! and filters as it does in CPython; records learn their caller's line and function
//! from the evaluator's frames (`pysource::frames`).

use crate::eval::Interp;

/// The module's source: levels, records, formatters and filters; handlers; loggers and
/// the module-level functions.
const SOURCE: &str = concat!(
    include_str!("pysrc/logging/records.py"),
    include_str!("pysrc/logging/handlers.py"),
    include_str!("pysrc/logging/loggers.py"),
);

/// Registers `logging`, built from its source on first import.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("logging", |it| {
        super::pysource::load(
            it,
            "logging",
            SOURCE,
            &[("_frames", super::pysource::frames_native)],
        );
    });
}
