//! `tf.gather` and `tf.gather_nd` with `batch_dims`: the leading `batch_dims` axes of params
//! and indices pair up, and each batch gathers from its own slice of params. Both only move
//! elements, so their gradients come from the shared rule for moves.

use crate::tensor::autodiff::record_moves_first;
use crate::tensor::error::{op_error, value_error, TResult, TfError};
use crate::tensor::ops::select::gather_nd;
use crate::tensor::{Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, IxDyn};

fn gather_err(m: String) -> TfError {
    op_error("GatherV2", "GatherV2", m, None)
}

/// The multi-index of flat position `pos` in `shape`, as TensorFlow prints it (`0,1`).
fn loc(shape: &[usize], mut pos: usize) -> String {
    let mut parts = vec![0usize; shape.len()];
    for d in (0..shape.len()).rev() {
        parts[d] = pos % shape[d].max(1);
        pos /= shape[d].max(1);
    }
    let p: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    p.join(",")
}

/// `tf.gather(params, indices, axis, batch_dims)` with `batch_dims` already checked to be
/// in `[0, rank(indices)]` and the axis normalized.
pub fn gather_batched(
    params: &Tensor,
    indices: &Tensor,
    axis: i64,
    batch_dims: i64,
) -> TResult<Tensor> {
    let out = kernel(params, indices, axis, batch_dims)?;
    let idx = indices.clone();
    Ok(record_moves_first(&[params], out, move |x| {
        kernel(x, &idx, axis, batch_dims)
    }))
}

fn kernel(params: &Tensor, indices: &Tensor, axis: i64, batch_dims: i64) -> TResult<Tensor> {
    let (pnd, ind) = (params.ndim() as i64, indices.ndim() as i64);
    crate::tensor::ops::select::gather_axis_check(params, axis)?;
    let axis = if axis < 0 { axis + pnd } else { axis } as usize;
    if batch_dims < -ind || batch_dims > ind {
        return Err(gather_err(format!(
            "Expected batch_dims in the range [{}, {}], but got {}",
            -ind, ind, batch_dims
        )));
    }
    let b = if batch_dims < 0 {
        batch_dims + ind
    } else {
        batch_dims
    } as usize;
    if b as i64 >= pnd {
        return Err(gather_err(format!(
            "batch_dims ({}) must be less than rank(params) ({}).",
            b, pnd
        )));
    }
    if axis < b {
        return Err(gather_err(format!(
            "batch_dims ({}) must be less than or equal to axis ({}).",
            b, axis
        )));
    }
    let (ps, is) = (params.shape(), indices.shape());
    for i in 0..b {
        if ps[i] != is[i] {
            return Err(gather_err(format!(
                "params.shape[{}]: {} should be equal to indices.shape[{}]: {}",
                i, ps[i], i, is[i]
            )));
        }
    }
    let n = ps[axis];
    let idx = indices.to_i64_vec();
    if let Some(pos) = idx.iter().position(|&i| i < 0 || i as usize >= n) {
        return Err(gather_err(format!(
            "indices[{}] = {} is not in [0, {})",
            loc(is, pos),
            idx[pos],
            n
        )));
    }
    let mut shape: Vec<usize> = ps[..axis].to_vec();
    shape.extend_from_slice(&is[b..]);
    shape.extend_from_slice(&ps[axis + 1..]);
    crate::tensor::alloc::check(&shape, params.dtype(), "GatherV2")?;
    let dims = Dims {
        batch: ps[..b].iter().product(),
        outer: ps[b..axis].iter().product(),
        n,
        inner: ps[axis + 1..].iter().product(),
        per_batch: is[b..].iter().product(),
    };
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, d: &Dims, idx: &[i64], shape: &[usize]) -> Tensor {
        let a = a.as_standard_layout();
        let flat = a.as_slice().unwrap_or(&[]);
        let mut out = Vec::with_capacity(shape.iter().product());
        for bi in 0..d.batch {
            for o in 0..d.outer {
                for k in 0..d.per_batch {
                    let i = idx[bi * d.per_batch + k] as usize;
                    let at = ((bi * d.outer + o) * d.n + i) * d.inner;
                    out.extend_from_slice(&flat[at..at + d.inner]);
                }
            }
        }
        Tensor::from_vec(shape, out)
    }
    Ok(with_data!(&params.data, a => go(a, &dims, &idx, &shape)))
}

struct Dims {
    batch: usize,
    outer: usize,
    n: usize,
    inner: usize,
    per_batch: usize,
}

/// `tf.gather_nd(params, indices, batch_dims)` for `batch_dims > 0`, as TensorFlow builds
/// it: each index row gets its batch coordinates prepended, then one `gather_nd`.
pub fn gather_nd_batched(params: &Tensor, indices: &Tensor, batch_dims: usize) -> TResult<Tensor> {
    let is = indices.shape();
    if batch_dims >= is.len() {
        return Err(value_error(format!(
            "Argument `batch_dims` = {} must be less than rank(`indices`) = {}",
            batch_dims,
            is.len()
        )));
    }
    if batch_dims >= params.ndim() {
        return Err(value_error(format!(
            "Argument `batch_dims` = {} must be less than rank(`params`) = {}",
            batch_dims,
            params.ndim()
        )));
    }
    let ps = params.shape();
    let depth = is[is.len() - 1];
    let batch: usize = is[..batch_dims].iter().product();
    let per_batch: usize = is[batch_dims..is.len() - 1].iter().product();
    let idx = indices.to_i64_vec();
    let mut full = Vec::with_capacity(batch * per_batch * (batch_dims + depth));
    for bi in 0..batch {
        let coords: Vec<i64> = {
            let mut rem = bi;
            let mut c = vec![0i64; batch_dims];
            for d in (0..batch_dims).rev() {
                c[d] = (rem % is[d].max(1)) as i64;
                rem /= is[d].max(1);
            }
            c
        };
        for k in 0..per_batch {
            full.extend_from_slice(&coords);
            let at = (bi * per_batch + k) * depth;
            full.extend_from_slice(&idx[at..at + depth]);
        }
    }
    let mut fshape = vec![batch];
    fshape.extend_from_slice(&is[batch_dims..is.len() - 1]);
    fshape.push(batch_dims + depth);
    // TensorFlow's Python builds this one, and its errors end in an empty `name:`.
    let out = gather_nd(params, &Tensor::from_vec(&fshape, full)).map_err(|mut e| {
        if !e.message.ends_with("name:") {
            e.message.push_str(" name:");
        }
        e
    })?;
    let mut shape: Vec<usize> = is[..is.len() - 1].to_vec();
    shape.extend_from_slice(&ps[(batch_dims + depth).min(ps.len())..]);
    if out.size() != shape.iter().product::<usize>() {
        return Err(op_error(
            "Reshape",
            "Reshape",
            format!(
                "Input to reshape is a tensor with {} values, but the requested shape has {}",
                out.size(),
                shape.iter().product::<usize>()
            ),
            Some(""),
        ));
    }
    Ok(crate::tensor::ops::shape::reshape_to(&out, &shape))
}
