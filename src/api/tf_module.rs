//! `tf.Module` and `tf.name_scope` as TensorFlow 2.15 runs them eagerly. Both are Python
//! classes in TensorFlow, so they are written in Python (`pysrc/tf_module.py`) and built on
//! first use. The runtime keeps the eager context's current scope name (`a/b/`), which
//! `tf.name_scope` sets and `tf.Variable` prefixes to the names it is given.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use std::cell::RefCell;

const SOURCE: &str = include_str!("pysrc/tf_module.py");

/// Where TensorFlow defines `tf.Module` (the name scope class says its own module).
const MODULE: &str = "tensorflow.python.module.module";

const LAZY: [&str; 2] = ["tensorflow.Module", "tensorflow.name_scope"];

thread_local! {
    /// The eager context's scope name: empty, or scope names each followed by `/`.
    static SCOPE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Registers the names, built on first use, and starts at the root scope.
pub(crate) fn install(it: &mut Interp) {
    SCOPE.with(|s| s.borrow_mut().clear());
    for key in LAZY {
        it.lazy_modules.insert(key, build);
    }
}

/// The full name of a variable created with `name=` in the current scope, as
/// `tf.Variable` enters `name_scope(name or "Variable")`: a name ending in `/` is taken
/// as a whole, an empty one gives an empty name.
pub(crate) fn variable_name(name: &Value) -> R<String> {
    let name = match name {
        Value::None => "Variable",
        Value::Str(s) => s.as_ref(),
        _ => return raise(ExcKind::ValueError, "name for name_scope must be a string."),
    };
    let scope = if name.is_empty() {
        String::new()
    } else if name.ends_with('/') {
        name.to_string()
    } else {
        format!("{}{}/", SCOPE.with(|s| s.borrow().clone()), name)
    };
    Ok(scope.strip_suffix('/').unwrap_or(&scope).to_string())
}

fn get_scope(_: &mut Interp, _: Args) -> R<Value> {
    Ok(Value::str(&SCOPE.with(|s| s.borrow().clone())))
}

fn set_scope(_: &mut Interp, args: Args) -> R<Value> {
    if let Some(Value::Str(s)) = args.pos.first() {
        SCOPE.with(|c| *c.borrow_mut() = s.to_string());
    }
    Ok(Value::None)
}

fn build(it: &mut Interp) {
    for key in LAZY {
        it.lazy_modules.remove(key);
    }
    crate::pylib::pysource::load(
        it,
        MODULE,
        SOURCE,
        &[("_get_scope", get_scope), ("_set_scope", set_scope)],
    );
    let Some(Value::Module(m)) = it.modules.get(MODULE).cloned() else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    if let Some(v) = m.get("Module") {
        tf.set("Module", v);
    }
    if let Some(v) = m.get("name_scope_v2") {
        tf.set("name_scope", v);
    }
}
