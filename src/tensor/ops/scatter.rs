//! `tf.tensor_scatter_nd_update` / `_add` / `_sub` / `_min` / `_max`: a copy of a tensor
//! with the slices that `indices` name replaced by, or combined with, `updates` (applied in
//! order, so a repeated index sees every update).

use crate::tensor::autodiff::scatter::tensor_scatter_grad;
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::ops::elementwise::check_same_dtype;
use crate::tensor::Tensor;

/// How an update combines with what is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScatterOp {
    Update,
    Add,
    Sub,
    Min,
    Max,
}

impl ScatterOp {
    pub fn op_name(self) -> &'static str {
        match self {
            ScatterOp::Update => "TensorScatterUpdate",
            ScatterOp::Add => "TensorScatterAdd",
            ScatterOp::Sub => "TensorScatterSub",
            ScatterOp::Min => "TensorScatterMin",
            ScatterOp::Max => "TensorScatterMax",
        }
    }

    fn apply(self, old: f64, u: f64) -> f64 {
        match self {
            ScatterOp::Update => u,
            ScatterOp::Add => old + u,
            ScatterOp::Sub => old - u,
            ScatterOp::Min => old.min(u),
            ScatterOp::Max => old.max(u),
        }
    }
}

/// `tensor_scatter_nd_<op>(tensor, indices, updates)`.
pub fn tensor_scatter(
    op: ScatterOp,
    tensor: &Tensor,
    indices: &Tensor,
    updates: &Tensor,
) -> TResult<Tensor> {
    let out = tensor_scatter_kernel(op, tensor, indices, updates)?;
    let idx = indices.clone();
    Ok(crate::tensor::autodiff::record(
        &[tensor, updates],
        out,
        move |x, y, g| tensor_scatter_grad(op, &x[0], &idx, &x[1], y, g),
    ))
}

/// The flat offsets of the slices `indices` name, after checking them against `shape`.
pub fn slice_offsets(
    op: &str,
    shape: &[usize],
    indices: &Tensor,
    updates: &Tensor,
) -> TResult<(Vec<usize>, usize)> {
    let err = |m: String| op_error(op, op, m, None);
    let ish = indices.shape();
    let depth = if ish.is_empty() {
        1
    } else {
        ish[ish.len() - 1]
    };
    let batch = ish.len().saturating_sub(1);
    let ush = updates.shape();
    if ush.len() < batch || ush[..batch] != ish[..batch] {
        return Err(err(format!(
            "Outer dimensions of indices and update must match. Indices shape: {}, updates shape:{}",
            shape_brackets(ish),
            shape_brackets(ush)
        )));
    }
    if depth > shape.len()
        || ush.len() - batch != shape.len() - depth
        || ush[batch..] != shape[depth..]
    {
        return Err(err(format!(
            "Inner dimensions of output shape must match inner dimensions of updates shape. Output: {} updates: {}",
            shape_brackets(shape),
            shape_brackets(ush)
        )));
    }
    let idx = indices.to_i64_vec();
    let count = idx.len().checked_div(depth).unwrap_or(0);
    let inner: usize = shape[depth..].iter().product();
    let mut offs = Vec::with_capacity(count);
    for c in 0..count {
        let mut off = 0usize;
        let here = &idx[c * depth..(c + 1) * depth];
        for (d, &i) in here.iter().enumerate() {
            if i < 0 || i as usize >= shape[d] {
                let shown: Vec<String> = here.iter().map(|v| v.to_string()).collect();
                return Err(err(format!(
                    "indices[{}] = [{}] does not index into shape {}",
                    c,
                    shown.join(", "),
                    shape_brackets(shape)
                )));
            }
            off = off * shape[d] + i as usize;
        }
        offs.push(off * inner);
    }
    Ok((offs, inner))
}

/// The computation of `tensor_scatter`, before it is recorded for gradients.
pub fn tensor_scatter_kernel(
    op: ScatterOp,
    tensor: &Tensor,
    indices: &Tensor,
    updates: &Tensor,
) -> TResult<Tensor> {
    check_same_dtype(op.op_name(), tensor, updates)?;
    let (offs, inner) = slice_offsets(op.op_name(), tensor.shape(), indices, updates)?;
    if op == ScatterOp::Update || tensor.dtype() == crate::tensor::DType::Str {
        return update_by_gather(tensor, &offs, inner, updates);
    }
    let mut out = tensor.to_f64_vec();
    let vals = updates.to_f64_vec();
    for (c, off) in offs.iter().enumerate() {
        for k in 0..inner {
            out[off + k] = op.apply(out[off + k], vals[c * inner + k]);
        }
    }
    Ok(Tensor::from_f64s(tensor.dtype(), tensor.shape(), &out))
}

/// An update that copies elements as they are (strings, and integers past 2**53 kept
/// exact): each output element is taken from the tensor or from the update that last wrote
/// it, by one gather over the two laid end to end.
fn update_by_gather(
    tensor: &Tensor,
    offs: &[usize],
    inner: usize,
    updates: &Tensor,
) -> TResult<Tensor> {
    use crate::tensor::ops::{select, shape as sh};
    let n = tensor.size();
    let mut from: Vec<i64> = (0..n as i64).collect();
    for (c, off) in offs.iter().enumerate() {
        for k in 0..inner {
            from[off + k] = (n + c * inner + k) as i64;
        }
    }
    // The kernels only: the caller records the op for gradients.
    let both = sh::concat_kernel(
        &[
            sh::reshape_kernel(&tensor.contiguous(), &[n]),
            sh::reshape_kernel(&updates.contiguous(), &[updates.size()]),
        ],
        0,
    )?;
    let picked = select::gather_kernel(&both, &Tensor::from_vec(&[n], from), 0)?;
    Ok(sh::reshape_kernel(&picked.contiguous(), tensor.shape()))
}
