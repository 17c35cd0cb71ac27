//! `tf.RaggedTensor`, `tf.RaggedTensorSpec` and the `tf.ragged` module: Python source
//! (`pysrc/tf_ragged.py` for the class, its factories and indexing;
//! `pysrc/tf_ragged_format.py` for numpy's layout in its repr and `numpy()`;
//! `pysrc/tf_ragged_ops.py` for `tf.ragged.*` and the TensorFlow functions that dispatch
//! to ragged tensors) over tensh's ops, whose gradients the tapes record as they run.
//! Built on first use; building it turns on the dispatch hook (`tf_dispatch.rs`).

use super::new_module;
use crate::eval::{Interp, Value};

const CLASS_SOURCE: &str = include_str!("pysrc/tf_ragged.py");
const FORMAT_SOURCE: &str = include_str!("pysrc/tf_ragged_format.py");
const OPS_SOURCE: &str = include_str!("pysrc/tf_ragged_ops.py");

/// Where TensorFlow defines the class.
const MODULE: &str = "tensorflow.python.ops.ragged.ragged_tensor";

const KEYS: [&str; 3] = [
    "tensorflow.ragged",
    "tensorflow.RaggedTensor",
    "tensorflow.RaggedTensorSpec",
];

/// `tf.ragged`'s names and the module function each is.
const RAGGED_NAMES: [(&str, &str); 5] = [
    ("constant", "constant"),
    ("range", "ragged_range"),
    ("map_flat_values", "map_flat_values"),
    ("stack", "stack"),
    ("boolean_mask", "boolean_mask"),
];

/// Registers the names, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &KEYS, build);
}

fn build(it: &mut Interp) {
    let source = format!("{}\n{}\n{}", CLASS_SOURCE, FORMAT_SOURCE, OPS_SOURCE);
    let Some(m) = crate::pylib::pysource::build_lazy(it, &KEYS, MODULE, &source, &[]) else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    for name in ["RaggedTensor", "RaggedTensorSpec"] {
        if let Some(v) = m.get(name) {
            tf.set(name, v);
        }
    }
    let ragged = new_module("tensorflow.ragged");
    for (name, src) in RAGGED_NAMES {
        if let Some(v) = m.get(src) {
            ragged.set(name, v);
        }
    }
    if let Some(v) = m.get("RaggedTensor") {
        ragged.set("RaggedTensor", v);
    }
    tf.set("ragged", Value::Module(ragged.clone()));
    it.modules
        .insert("tensorflow.ragged".into(), Value::Module(ragged));
    super::tf_dispatch::enable(it);
}
