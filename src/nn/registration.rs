//! Keras's custom-object registry (`get_custom_objects`, `register_keras_serializable`,
//! `custom_object_scope` / `CustomObjectScope`, `get_registered_name`,
//! `get_registered_object`) and the `Sequence` base class. They are classes and closures
//! user code derives from and decorates with, so they are written in Python
//! (`pysrc/object_registration.py`, `pysrc/data_utils.py`) and built into their Keras
//! modules (`keras.src.saving.object_registration`, `keras.src.utils.data_utils`) when a
//! session starts; `keras.utils` and `keras.saving` hold the same objects.

use crate::eval::error::R;
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use std::rc::Rc;

const REGISTRATION: &str = include_str!("pysrc/object_registration.py");
const DATA_UTILS: &str = include_str!("pysrc/data_utils.py");

const REGISTRATION_MODULE: &str = "keras.src.saving.object_registration";
const DATA_UTILS_MODULE: &str = "keras.src.utils.data_utils";

/// The names `keras.utils` and `keras.saving` both export.
const SHARED: &[&str] = &[
    "CustomObjectScope",
    "custom_object_scope",
    "get_custom_objects",
    "register_keras_serializable",
    "get_registered_name",
    "get_registered_object",
];

/// `_is_class(x)`: whether `x` is a class (`inspect.isclass`).
fn is_class(_: &mut Interp, args: Args) -> R<Value> {
    Ok(Value::Bool(matches!(
        args.pos.first(),
        Some(Value::Class(_))
    )))
}

/// `_native_based(cls)`: whether a class derives from a native Keras class (a layer or a
/// model), whose `get_config` the class's own attributes do not show.
fn native_based(_: &mut Interp, args: Args) -> R<Value> {
    Ok(Value::Bool(match args.pos.first() {
        Some(Value::Class(c)) => c.native_base().is_some(),
        _ => false,
    }))
}

/// Builds the Python-written modules and places their objects into `keras.utils` and
/// `keras.saving`.
pub(crate) fn install(it: &mut Interp, utils: &Rc<Module>, saving: &Rc<Module>) {
    crate::pylib::pysource::load(
        it,
        REGISTRATION_MODULE,
        REGISTRATION,
        &[("_is_class", is_class), ("_native_based", native_based)],
    );
    crate::pylib::pysource::load(it, DATA_UTILS_MODULE, DATA_UTILS, &[]);
    if let Some(Value::Module(m)) = it.modules.get(REGISTRATION_MODULE).cloned() {
        for name in SHARED {
            if let Some(v) = m.get(name) {
                utils.set(name, v.clone());
                saving.set(name, v);
            }
        }
    }
    if let Some(Value::Module(m)) = it.modules.get(DATA_UTILS_MODULE).cloned() {
        if let Some(v) = m.get("Sequence") {
            utils.set("Sequence", v);
        }
    }
}
