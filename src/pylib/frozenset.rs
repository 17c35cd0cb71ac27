//! Python's `frozenset`: an immutable, hashable set, written in Python
//! (`pysrc/frozenset.py`) over the set type and made a builtin on first use.

use crate::eval::{Interp, Value};

const SOURCE: &str = include_str!("pysrc/frozenset.py");

/// Registers the builtin `frozenset`, built from its source when a program first names it.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("builtins.frozenset", |it| {
        super::pysource::load(it, "_frozenset", SOURCE, &[]);
        if let Some(Value::Module(m)) = it.modules.get("_frozenset").cloned() {
            if let Some(v) = m.get("frozenset") {
                it.builtins.insert("frozenset".into(), v);
            }
        }
    });
}
