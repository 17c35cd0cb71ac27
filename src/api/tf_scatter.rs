//! `tf.tensor_scatter_nd_update` / `_add` / `_sub` / `_min` / `_max`, declared once each.
//! Four of them are generated ops, so their argument errors name `tensor_scatter_add` etc.

use super::convert::{tensor_of, to_tensor};
use super::ops::convert_hinted;
use crate::eval::{Interp, Value, R};
use crate::tensor::ops::scatter::{tensor_scatter, ScatterOp};

fn scatter(
    it: &mut Interp,
    op: ScatterOp,
    tensor: &Value,
    indices: &Value,
    updates: &Value,
) -> R<Value> {
    let t = to_tensor(it, tensor, None)?;
    let idx = to_tensor(it, indices, None)?;
    let u = match tensor_of(updates) {
        Some(u) => u,
        None => convert_hinted(it, updates, t.dtype())?,
    };
    Ok(Value::Tensor(tensor_scatter(op, &t, &idx, &u)?))
}

crate::builtin! {
    /// Scatter `updates` into an existing tensor according to `indices`.
    dispatch ["tf.tensor_scatter_nd_update"]
    fn tensor_scatter_nd_update(it, tensor, indices, updates, name = None) {
        scatter(it, ScatterOp::Update, &tensor, &indices, &updates)
    }
}

crate::builtin! {
    /// Adds sparse `updates` to an existing tensor according to `indices`.
    op("tensor_scatter_add") ["tf.tensor_scatter_nd_add"]
    fn tensor_scatter_nd_add(it, tensor, indices, updates, name = None) {
        scatter(it, ScatterOp::Add, &tensor, &indices, &updates)
    }
}

crate::builtin! {
    /// Subtracts sparse `updates` from an existing tensor according to `indices`.
    op("tensor_scatter_sub") ["tf.tensor_scatter_nd_sub"]
    fn tensor_scatter_nd_sub(it, tensor, indices, updates, name = None) {
        scatter(it, ScatterOp::Sub, &tensor, &indices, &updates)
    }
}

crate::builtin! {
    /// TODO: add doc.
    op("tensor_scatter_min") ["tf.tensor_scatter_nd_min"]
    fn tensor_scatter_nd_min(it, tensor, indices, updates, name = None) {
        scatter(it, ScatterOp::Min, &tensor, &indices, &updates)
    }
}

crate::builtin! {
    /// Apply a sparse update to a tensor taking the element-wise maximum.
    op("tensor_scatter_max") ["tf.tensor_scatter_nd_max"]
    fn tensor_scatter_nd_max(it, tensor, indices, updates, name = None) {
        scatter(it, ScatterOp::Max, &tensor, &indices, &updates)
    }
}
