//! Keras's lookup and text layers, written in Python (`pysrc/text_layers.py`):
//! `TextVectorization`, `StringLookup`, `IntegerLookup` and `Hashing`, under
//! `tf.keras.layers` and `tf.keras.layers.experimental.preprocessing`. Their source runs the
//! first time one of them is reached, so sessions that never use them pay nothing.

use crate::eval::{Interp, Value};
use crate::pylib::pysource;

const MODULE: &str = "keras.src.layers.preprocessing";
const SOURCE: &str = include_str!("pysrc/text_layers.py");
const CLASSES: [&str; 4] = [
    "TextVectorization",
    "StringLookup",
    "IntegerLookup",
    "Hashing",
];
const PARENTS: [&str; 2] = ["keras.layers", "keras.layers.experimental.preprocessing"];
/// Each parent's attribute, as the lazy attributes are keyed.
const KEYS: [&str; 8] = [
    "keras.layers.TextVectorization",
    "keras.layers.StringLookup",
    "keras.layers.IntegerLookup",
    "keras.layers.Hashing",
    "keras.layers.experimental.preprocessing.TextVectorization",
    "keras.layers.experimental.preprocessing.StringLookup",
    "keras.layers.experimental.preprocessing.IntegerLookup",
    "keras.layers.experimental.preprocessing.Hashing",
];

/// Registers the classes as attributes built on first use.
pub(crate) fn install(it: &mut Interp) {
    pysource::install_lazy(it, &KEYS, build);
}

fn build(it: &mut Interp) {
    let natives = [("_ListWrapper", list_wrapper as crate::eval::value::NativeFn)];
    let Some(src) = pysource::build_lazy(it, &KEYS, MODULE, SOURCE, &natives) else {
        return;
    };
    for parent in PARENTS {
        let Some(Value::Module(m)) = it.modules.get(parent).cloned() else {
            continue;
        };
        for class in CLASSES {
            if let Some(c) = src.get(class) {
                m.set(class, c);
            }
        }
    }
}

/// `_ListWrapper(list)`: a list as Keras keeps one assigned to a layer attribute (its
/// `get_config` shows `ListWrapper([...])`).
fn list_wrapper(it: &mut Interp, args: crate::eval::value::Args) -> crate::eval::error::R<Value> {
    let [items] = args.bind("_ListWrapper", ["items"])?;
    let items = it.collect_items(&items.unwrap_or(Value::None))?;
    Ok(crate::nn::layers::list_wrapper::list_wrapper(items))
}
