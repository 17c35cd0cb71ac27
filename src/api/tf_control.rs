//! TensorFlow's functional control flow as it runs eagerly: `tf.cond`, `tf.case`,
//! `tf.switch_case`, `tf.while_loop`, `tf.map_fn`, `tf.vectorized_map`, `tf.foldl`,
//! `tf.foldr`, `tf.scan` and `tf.TensorArray`. They call the user's Python functions, so
//! they are written in Python (`pysrc/tf_control.py`) over tensh's ops, whose gradients
//! the tapes record as they run; built on first use.
//!
//! Inside a `tf.function` a `TensorArray` keeps its elements as one tensor (rows are the
//! elements) that loops carry like any other tensor; `_ta_write` is its one native step.

use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::error::op_error;
use crate::tensor::ops::index::{strided_slice, Index};
use crate::tensor::ops::shape::{concat, expand_dims};
use crate::tensor::Tensor;

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
    crate::pylib::pysource::load(it, MODULE, SOURCE, &[("_ta_write", ta_write)]);
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

/// `_ta_write(rows, index, value, dynamic)`: the rows of a traced `TensorArray` with row
/// `index` set to `value`. A one-dimensional `rows` whose elements have no shape yet
/// takes `value`'s; a dynamic array grows to fit the index.
fn ta_write(it: &mut Interp, args: Args) -> R<Value> {
    let get = |i: usize| args.pos.get(i).cloned().unwrap_or(Value::None);
    let rows = super::convert::to_tensor(it, &get(0), None)?;
    let index = super::convert::i64_arg(&get(1), "index")?;
    let value = super::convert::to_tensor(it, &get(2), Some(rows.dtype()))?;
    let dynamic = it.truthy(&get(3))?;
    let err = |msg: String| -> R<Value> {
        Err(op_error("TensorListSetItem", "TensorListSetItem", msg, Some("")).into())
    };
    let n = rows.shape().first().copied().unwrap_or(0);
    if index < 0 || (index as usize >= n && !dynamic) {
        return err(format!(
            "Trying to modify element {} in a list with {} elements.",
            index, n
        ));
    }
    let i = index as usize;
    let mut elem: Vec<usize> = rows.shape().get(1..).unwrap_or(&[]).to_vec();
    let mut rows = rows;
    if rows.ndim() == 1 && value.ndim() >= 1 {
        // No element written yet: the rows take the value's shape.
        elem = value.shape().to_vec();
        let mut dims = vec![n];
        dims.extend(&elem);
        rows = Tensor::full(rows.dtype(), &dims, 0.0);
    }
    if value.shape() != elem.as_slice() {
        return err(format!(
            "Tried to set a tensor with incompatible shape at a list index. Item element shape: {:?} list shape: {:?}",
            value.shape(),
            elem
        ));
    }
    if i >= n {
        let mut dims = vec![i + 1 - n];
        dims.extend(&elem);
        rows = concat(&[rows, Tensor::full(value.dtype(), &dims, 0.0)], 0)?;
    }
    let total = rows.shape()[0] as i64;
    let before = strided_slice(&rows, &[Index::Slice(None, Some(index), None)])?;
    let after = strided_slice(&rows, &[Index::Slice(Some(index + 1), Some(total), None)])?;
    Ok(Value::Tensor(concat(
        &[before, expand_dims(&value, 0)?, after],
        0,
    )?))
}
