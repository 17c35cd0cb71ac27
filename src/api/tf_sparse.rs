//! `tf.SparseTensor` (also `tf.sparse.SparseTensor`), `tf.SparseTensorSpec` and the
//! `tf.sparse` functions: Python source (`pysrc/tf_sparse.py` for the class, conversions,
//! reordering and addition; `pysrc/tf_sparse_ops.py` for products, reductions, slicing,
//! reshaping and the TensorFlow functions that dispatch to sparse tensors) over tensh's ops,
//! whose gradients the tapes record as they run. Built on first use; building it turns on
//! the dispatch hook (`tf_dispatch.rs`).

use crate::eval::{Interp, Value};

const CLASS_SOURCE: &str = include_str!("pysrc/tf_sparse.py");
const OPS_SOURCE: &str = include_str!("pysrc/tf_sparse_ops.py");

/// Where TensorFlow defines the class.
const MODULE: &str = "tensorflow.python.framework.sparse_tensor";

/// `tf.sparse`'s names (the module already holds the segment functions).
const SPARSE_NAMES: [&str; 20] = [
    "SparseTensor",
    "to_dense",
    "from_dense",
    "reorder",
    "retain",
    "add",
    "maximum",
    "minimum",
    "sparse_dense_matmul",
    "reduce_sum",
    "reduce_max",
    "slice",
    "reshape",
    "transpose",
    "concat",
    "fill_empty_rows",
    "expand_dims",
    "to_indicator",
    "eye",
    "map_values",
];

fn sparse_key(name: &str) -> &'static str {
    match name {
        "SparseTensor" => "tensorflow.sparse.SparseTensor",
        "to_dense" => "tensorflow.sparse.to_dense",
        "from_dense" => "tensorflow.sparse.from_dense",
        "reorder" => "tensorflow.sparse.reorder",
        "retain" => "tensorflow.sparse.retain",
        "add" => "tensorflow.sparse.add",
        "maximum" => "tensorflow.sparse.maximum",
        "minimum" => "tensorflow.sparse.minimum",
        "sparse_dense_matmul" => "tensorflow.sparse.sparse_dense_matmul",
        "reduce_sum" => "tensorflow.sparse.reduce_sum",
        "reduce_max" => "tensorflow.sparse.reduce_max",
        "slice" => "tensorflow.sparse.slice",
        "reshape" => "tensorflow.sparse.reshape",
        "transpose" => "tensorflow.sparse.transpose",
        "concat" => "tensorflow.sparse.concat",
        "fill_empty_rows" => "tensorflow.sparse.fill_empty_rows",
        "expand_dims" => "tensorflow.sparse.expand_dims",
        "to_indicator" => "tensorflow.sparse.to_indicator",
        "eye" => "tensorflow.sparse.eye",
        _ => "tensorflow.sparse.map_values",
    }
}

const TOP_KEYS: [&str; 2] = ["tensorflow.SparseTensor", "tensorflow.SparseTensorSpec"];

/// Registers the names, built on first use.
pub(crate) fn install(it: &mut Interp) {
    for key in TOP_KEYS {
        it.lazy_modules.insert(key, build);
    }
    for name in SPARSE_NAMES {
        it.lazy_modules.insert(sparse_key(name), build);
    }
}

fn build(it: &mut Interp) {
    for key in TOP_KEYS {
        it.lazy_modules.remove(key);
    }
    for name in SPARSE_NAMES {
        it.lazy_modules.remove(sparse_key(name));
    }
    let source = format!("{}\n{}", CLASS_SOURCE, OPS_SOURCE);
    crate::pylib::pysource::load(it, MODULE, &source, &[]);
    let Some(Value::Module(m)) = it.modules.get(MODULE).cloned() else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    for name in ["SparseTensor", "SparseTensorSpec"] {
        if let Some(v) = m.get(name) {
            tf.set(name, v);
        }
    }
    if let Some(Value::Module(sparse)) = tf.get("sparse") {
        for name in SPARSE_NAMES {
            if let Some(v) = m.get(name) {
                sparse.set(name, v);
            }
        }
    }
    super::tf_dispatch::enable(it);
}
