//! TensorFlow's functional control flow as it runs eagerly: `tf.cond`, `tf.case`,
//! `tf.switch_case`, `tf.while_loop`, `tf.map_fn`, `tf.vectorized_map`, `tf.foldl`,
//! `tf.foldr`, `tf.scan` and `tf.TensorArray`. They call the user's Python functions, so
//! they are written in Python (`pysrc/tf_control.py`) over tensh's ops, whose gradients
//! the tapes record as they run; built on first use.

use crate::eval::{Interp, Value};

const SOURCE: &str = include_str!("pysrc/tf_control.py");

/// Where TensorFlow defines them.
const MODULE: &str = "tensorflow.python.ops.control_flow_ops";

const NAMES: [&str; 10] = [
    "cond",
    "case",
    "switch_case",
    "while_loop",
    "map_fn",
    "vectorized_map",
    "foldl",
    "foldr",
    "scan",
    "TensorArray",
];

/// Registers the names, built on first use.
pub(crate) fn install(it: &mut Interp) {
    for name in NAMES {
        it.lazy_modules.insert(lazy_key(name), build);
    }
}

fn lazy_key(name: &str) -> &'static str {
    match name {
        "cond" => "tensorflow.cond",
        "case" => "tensorflow.case",
        "switch_case" => "tensorflow.switch_case",
        "while_loop" => "tensorflow.while_loop",
        "map_fn" => "tensorflow.map_fn",
        "vectorized_map" => "tensorflow.vectorized_map",
        "foldl" => "tensorflow.foldl",
        "foldr" => "tensorflow.foldr",
        "scan" => "tensorflow.scan",
        _ => "tensorflow.TensorArray",
    }
}

fn build(it: &mut Interp) {
    for name in NAMES {
        it.lazy_modules.remove(lazy_key(name));
    }
    crate::pylib::pysource::load(it, MODULE, SOURCE, &[]);
    let Some(Value::Module(ops)) = it.modules.get(MODULE).cloned() else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    for name in NAMES {
        if let Some(v) = ops.get(name) {
            tf.set(name, v);
        }
    }
}
