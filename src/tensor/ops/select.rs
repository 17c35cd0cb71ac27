//! Ops that pick or place elements by index or mask: gather, gather_nd, boolean_mask,
//! where (indices, and the three-argument select), scatter_nd, one_hot.

use crate::tensor::autodiff::{record, record_moves_first};
use crate::tensor::broadcast::{broadcast_shapes, shape_brackets};
use crate::tensor::error::{invalid_arg, op_error, value_error, TResult};
use crate::tensor::{DType, Data, Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, ArrayD, IxDyn, Zip};

/// `tf.gather(params, indices, axis)`.
pub fn gather(params: &Tensor, indices: &Tensor, axis: i64) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[params, indices], move |x| {
        gather_recorded(x[0], x[1], axis)
    })
}

fn gather_recorded(params: &Tensor, indices: &Tensor, axis: i64) -> TResult<Tensor> {
    let out = gather_kernel(params, indices, axis)?;
    let idx = indices.clone();
    let nd = params.ndim() as i64;
    let ax = if axis < 0 { axis + nd } else { axis } as usize;
    Ok(record(&[params], out, move |xs, _y, g| {
        Ok(vec![gather_grad(&xs[0], g, ax, &idx.to_i64_vec())])
    }))
}

/// The gradient of `gather` for its params: each slice of `g` added back at the index it
/// was taken from (in float64, rounded once, as the generic gradient of moved elements
/// sums), in one pass over `g` and one over the params.
fn gather_grad(params: &Tensor, g: &Tensor, ax: usize, idx: &[i64]) -> Option<Tensor> {
    if !params.dtype().is_float() {
        return None;
    }
    let shape = params.shape().to_vec();
    let g = g.cast(params.dtype()).contiguous();
    fn go<T: Elem>(g: &ArcArray<T, IxDyn>, shape: &[usize], ax: usize, idx: &[i64]) -> Tensor {
        let (n, inner, outer) = (
            shape[ax],
            shape[ax + 1..].iter().product::<usize>(),
            shape[..ax].iter().product::<usize>(),
        );
        let src = g.as_slice().unwrap_or(&[]);
        let mut acc = vec![0f64; outer * n * inner];
        for o in 0..outer {
            for (p, &i) in idx.iter().enumerate() {
                if i < 0 || i as usize >= n {
                    continue;
                }
                let from = (o * idx.len() + p) * inner;
                let to = (o * n + i as usize) * inner;
                if from + inner > src.len() {
                    continue;
                }
                for (a, v) in acc[to..to + inner].iter_mut().zip(&src[from..from + inner]) {
                    *a += v.to_f64();
                }
            }
        }
        Tensor::from_vec(shape, acc.into_iter().map(T::from_f64).collect())
    }
    Some(
        crate::with_float!(&g.data, a => go(a, &shape, ax, idx), Tensor::zeros(params.dtype(), &shape)),
    )
}

/// TensorFlow's shape check of gather's params against its axis.
pub(crate) fn gather_axis_check(params: &Tensor, axis: i64) -> TResult<()> {
    let nd = params.ndim() as i64;
    let m = if nd == 0 {
        "params must be at least 1 dimensional".to_string()
    } else if axis >= nd || axis < -nd {
        let need = if axis >= 0 { axis + 1 } else { -axis };
        format!("Shape must be at least rank {} but is rank {}", need, nd)
    } else {
        return Ok(());
    };
    Err(op_error("GatherV2", "GatherV2", m, None))
}

/// The computation of `gather`, before it is recorded for gradients.
pub(crate) fn gather_kernel(params: &Tensor, indices: &Tensor, axis: i64) -> TResult<Tensor> {
    gather_axis_check(params, axis)?;
    let nd = params.ndim() as i64;
    let ax = if axis < 0 { axis + nd } else { axis } as usize;
    let n = params.shape()[ax] as i64;
    let idx = indices.to_i64_vec();
    for (pos, &i) in idx.iter().enumerate() {
        if i < 0 || i >= n {
            let loc = if indices.ndim() == 0 {
                String::new()
            } else {
                let mut rem = pos;
                let mut parts = vec![0usize; indices.ndim()];
                for d in (0..indices.ndim()).rev() {
                    parts[d] = rem % indices.shape()[d];
                    rem /= indices.shape()[d];
                }
                parts
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            return Err(op_error(
                "GatherV2",
                "GatherV2",
                // TF writes a scalar index without brackets: "indices = 7".
                if indices.ndim() == 0 {
                    format!("indices = {} is not in [0, {})", i, n)
                } else {
                    format!("indices[{}] = {} is not in [0, {})", loc, i, n)
                },
                None,
            ));
        }
    }
    let mut shape: Vec<usize> = params.shape()[..ax].to_vec();
    shape.extend_from_slice(indices.shape());
    shape.extend_from_slice(&params.shape()[ax + 1..]);
    crate::tensor::alloc::check(&shape, params.dtype(), "GatherV2")?;
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, ax: usize, idx: &[i64], shape: &[usize]) -> Tensor {
        let a = a.as_standard_layout();
        let flat = a.as_slice().unwrap_or(&[]);
        let n = a.shape()[ax];
        let inner: usize = a.shape()[ax + 1..].iter().product();
        let outer: usize = a.shape()[..ax].iter().product();
        let mut out = Vec::with_capacity(outer * idx.len() * inner);
        // Row-major: for each outer index, each gathered slice's inner block.
        for o in 0..outer {
            for &i in idx {
                let at = (o * n + i as usize) * inner;
                out.extend_from_slice(&flat[at..at + inner]);
            }
        }
        Tensor::from_vec(shape, out)
    }
    Ok(with_data!(&params.data, a => go(a, ax, &idx, &shape)))
}

/// `tf.gather_nd(params, indices)`.
pub fn gather_nd(params: &Tensor, indices: &Tensor) -> TResult<Tensor> {
    let out = gather_nd_kernel(params, indices)?;
    let idx = indices.clone();
    Ok(record_moves_first(&[params], out, move |x| {
        gather_nd_kernel(x, &idx)
    }))
}

/// The computation of `gather_nd`, before it is recorded for gradients.
fn gather_nd_kernel(params: &Tensor, indices: &Tensor) -> TResult<Tensor> {
    let ish = indices.shape();
    let Some(&depth) = ish.last() else {
        return Err(invalid_arg("indices must be at least a vector"));
    };
    if depth > params.ndim() {
        return Err(op_error(
            "GatherNd",
            "GatherNd",
            format!(
                "index innermost dimension length must be <= params rank; saw: {} vs. {}",
                depth,
                params.ndim()
            ),
            Some(""),
        ));
    }
    let idx = indices.to_i64_vec();
    let count = match idx.len().checked_div(depth) {
        Some(c) => c,
        None => ish[..ish.len() - 1].iter().product(),
    };
    let mut pieces = Vec::with_capacity(count);
    for c in 0..count {
        let mut t = params.clone();
        for d in 0..depth {
            let i = idx[c * depth + d];
            let n = params.shape()[d] as i64;
            if i < 0 || i >= n {
                let outer = &ish[..ish.len() - 1];
                let mut rem = c;
                let mut loc = vec![String::new(); outer.len()];
                for k in (0..outer.len()).rev() {
                    loc[k] = (rem % outer[k].max(1)).to_string();
                    rem /= outer[k].max(1);
                }
                return Err(op_error(
                    "GatherNd",
                    "GatherNd",
                    format!(
                        "indices[{}] = [{}] does not index into param shape {}, node name: GatherNd",
                        loc.join(","),
                        idx[c * depth..(c + 1) * depth].iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", "),
                        shape_brackets(params.shape())
                    ),
                    None,
                ));
            }
            t = super::shape::index_axis(&t, 0, i as usize);
        }
        pieces.push(t.contiguous());
    }
    let mut shape: Vec<usize> = ish[..ish.len() - 1].to_vec();
    shape.extend_from_slice(&params.shape()[depth..]);
    if pieces.is_empty() {
        return Ok(Tensor::zeros(params.dtype(), &shape));
    }
    let flat = super::shape::stack(&pieces, 0)?;
    Ok(super::shape::reshape_to(&flat, &shape))
}

/// `tf.boolean_mask(t, mask, axis)`.
pub fn boolean_mask(t: &Tensor, mask: &Tensor, axis: usize) -> TResult<Tensor> {
    let out = boolean_mask_kernel(t, mask, axis)?;
    let m = mask.clone();
    Ok(record_moves_first(&[t], out, move |x| {
        boolean_mask_kernel(x, &m, axis)
    }))
}

/// The computation of `boolean_mask`, before it is recorded for gradients.
fn boolean_mask_kernel(t: &Tensor, mask: &Tensor, axis: usize) -> TResult<Tensor> {
    let mshape = mask.shape();
    if mshape.is_empty() {
        return Err(value_error("mask cannot be scalar."));
    }
    if axis + mshape.len() > t.ndim() || t.shape()[axis..axis + mshape.len()] != *mshape {
        return Err(value_error(format!(
            "Shapes {} and {} are incompatible",
            crate::tensor::broadcast::shape_tuple(
                &t.shape()[axis..(axis + mshape.len()).min(t.ndim())]
            ),
            crate::tensor::broadcast::shape_tuple(mshape)
        )));
    }
    let mut merged: Vec<usize> = t.shape()[..axis].to_vec();
    merged.push(mshape.iter().product());
    merged.extend_from_slice(&t.shape()[axis + mshape.len()..]);
    let flat = super::shape::reshape_to(&t.contiguous(), &merged);
    let keep: Vec<i64> = mask
        .to_i64_vec()
        .iter()
        .enumerate()
        .filter(|(_, &v)| v != 0)
        .map(|(i, _)| i as i64)
        .collect();
    let idx = Tensor::from_vec(&[keep.len()], keep);
    gather(&flat, &idx, axis as i64)
}

/// `tf.where(cond)`: the coordinates of true (non-zero) elements, int64 `[n, rank]`.
pub fn where_indices(cond: &Tensor) -> Tensor {
    let shape = cond.shape().to_vec();
    let flags: Vec<bool> = with_data!(&cond.data, a => a.iter().map(|x| !x.is_zero()).collect());
    let mut out = Vec::new();
    let mut n = 0;
    let mut idx = vec![0usize; shape.len()];
    for &f in &flags {
        if f {
            out.extend(idx.iter().map(|&i| i as i64));
            n += 1;
        }
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Tensor::from_vec(&[n, shape.len()], out)
}

/// `tf.where(cond, x, y)` with broadcasting.
pub fn select(cond: &Tensor, x: &Tensor, y: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[cond, x, y], |i| select_recorded(i[0], i[1], i[2]))
}

fn select_recorded(cond: &Tensor, x: &Tensor, y: &Tensor) -> TResult<Tensor> {
    let out = select_kernel(cond, x, y)?;
    Ok(record(&[cond, x, y], out, |i, _y, g| {
        crate::tensor::autodiff::math::select_grad(&i[0], &i[1], &i[2], g)
    }))
}

/// The computation of `select`, before it is recorded for gradients.
fn select_kernel(cond: &Tensor, x: &Tensor, y: &Tensor) -> TResult<Tensor> {
    let Data::Bool(c) = &cond.data else {
        return Err(invalid_arg(format!(
            "cannot compute SelectV2 as input #0(zero-based) was expected to be a bool tensor but is a {} tensor [Op:SelectV2] name:",
            cond.dtype().kind_word()
        )));
    };
    super::elementwise::check_same_dtype("SelectV2", x, y).map_err(|_| {
        invalid_arg(format!(
            "cannot compute SelectV2 as input #2(zero-based) was expected to be a {} tensor but is a {} tensor [Op:SelectV2] name:",
            x.dtype().kind_word(),
            y.dtype().kind_word()
        ))
    })?;
    let shape = broadcast_shapes(cond.shape(), x.shape())
        .and_then(|s| broadcast_shapes(&s, y.shape()))
        .ok_or_else(|| {
            op_error(
                "SelectV2",
                "SelectV2",
                format!(
                    "condition [{}], then [{}], and else [{}] must be broadcastable",
                    cond.shape()
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    x.shape()
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    y.shape()
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                Some(""),
            )
        })?;
    crate::tensor::alloc::check(&shape, x.dtype(), "SelectV2")?;
    fn go<T: Elem>(
        c: &ArcArray<bool, IxDyn>,
        x: &ArcArray<T, IxDyn>,
        y: &Tensor,
        shape: &[usize],
    ) -> Option<Tensor> {
        let y = y.array::<T>()?;
        let (cv, xv, yv) = (
            c.broadcast(IxDyn(shape))?,
            x.broadcast(IxDyn(shape))?,
            y.broadcast(IxDyn(shape))?,
        );
        let out: ArrayD<T> = Zip::from(&cv)
            .and(&xv)
            .and(&yv)
            .map_collect(|&c, &a, &b| if c { a } else { b });
        Some(Tensor::from_array(out))
    }
    with_data!(&x.data, a => go(c, a, y, &shape)).ok_or_else(|| invalid_arg("where: bad operands"))
}

/// `tf.scatter_nd(indices, updates, shape)` (duplicates add up).
pub fn scatter_nd(indices: &Tensor, updates: &Tensor, shape: &[usize]) -> TResult<Tensor> {
    let out = scatter_nd_kernel(indices, updates, shape)?;
    Ok(record(&[indices, updates], out, |i, _y, g| {
        Ok(vec![None, Some(gather_nd(g, &i[0])?)])
    }))
}

/// The computation of `scatter_nd`, before it is recorded for gradients.
fn scatter_nd_kernel(indices: &Tensor, updates: &Tensor, shape: &[usize]) -> TResult<Tensor> {
    let ish = indices.shape();
    if ish.is_empty() {
        return Err(op_error(
            "ScatterNd",
            "ScatterNd",
            "Indices must have rank >= 1, got a scalar",
            Some(""),
        ));
    }
    let depth = *ish.last().unwrap_or(&1);
    if depth > shape.len() {
        return Err(op_error(
            "ScatterNd",
            "ScatterNd",
            format!(
                "Index innermost dimension length must be <= output rank; saw: {} vs. {}",
                depth,
                shape.len()
            ),
            Some(""),
        ));
    }
    crate::tensor::alloc::check_as(shape, updates.dtype(), "ScatterNd", "ScatterNd", None)?;
    let idx = indices.to_i64_vec();
    let count = idx.len().checked_div(depth).unwrap_or(0);
    let inner: usize = shape[depth.min(shape.len())..].iter().product();
    let vals = updates.to_f64_vec();
    if vals.len() != count * inner {
        return Err(op_error(
            "ScatterNd",
            "ScatterNd",
            format!(
                "Dimensions [0,{}) of indices[shape={}] = {} must match dimensions [0,{}) of updates[shape={}]",
                ish.len() - 1,
                shape_brackets(ish),
                shape_brackets(&ish[..ish.len() - 1]),
                updates.ndim(),
                shape_brackets(updates.shape())
            ),
            Some(""),
        ));
    }
    let total: usize = shape.iter().product();
    let mut out = vec![0f64; total];
    for c in 0..count {
        let mut off = 0usize;
        for d in 0..depth {
            let i = idx[c * depth + d];
            if i < 0 || i as usize >= shape[d] {
                return Err(op_error(
                    "ScatterNd",
                    "ScatterNd",
                    format!(
                        "indices[{}] = [{}] does not index into shape {}",
                        c,
                        idx[c * depth..(c + 1) * depth]
                            .iter()
                            .map(|v| v.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        shape_brackets(shape)
                    ),
                    Some(""),
                ));
            }
            off = off * shape[d] + i as usize;
        }
        for k in 0..inner {
            out[off * inner + k] += vals[c * inner + k];
        }
    }
    Ok(Tensor::from_f64s(updates.dtype(), shape, &out))
}

/// `tf.one_hot`.
pub fn one_hot(
    indices: &Tensor,
    depth: usize,
    on: f64,
    off: f64,
    axis: i64,
    dtype: DType,
) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[indices], move |x| {
        one_hot_now(x[0], depth, on, off, axis, dtype)
    })
}

fn one_hot_now(
    indices: &Tensor,
    depth: usize,
    on: f64,
    off: f64,
    axis: i64,
    dtype: DType,
) -> TResult<Tensor> {
    let mut full = indices.shape().to_vec();
    full.push(depth);
    crate::tensor::alloc::check(&full, dtype, "OneHot")?;
    let idx = indices.to_i64_vec();
    let mut shape = indices.shape().to_vec();
    let nd = shape.len() as i64;
    let ax = if axis == -1 { nd } else { axis };
    if ax < 0 || ax > nd {
        return Err(op_error(
            "OneHot",
            "OneHot",
            format!(
                "Expected axis to be -1 or between [0, {}).  But received: {}",
                nd + 1,
                axis
            ),
            Some(""),
        ));
    }
    let mut vals = Vec::with_capacity(idx.len() * depth);
    for &i in &idx {
        for d in 0..depth {
            vals.push(if i == d as i64 { on } else { off });
        }
    }
    shape.push(depth);
    let t = Tensor::from_f64s(dtype, &shape, &vals);
    if ax == nd {
        return Ok(t);
    }
    let mut perm: Vec<i64> = (0..nd).collect();
    perm.insert(ax as usize, nd);
    Ok(super::shape::transpose(&t, Some(&perm))?.contiguous())
}
