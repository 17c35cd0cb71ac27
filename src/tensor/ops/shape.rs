//! Shape ops that move data without computing: reshape, transpose, expand_dims, squeeze,
//! concat, stack, unstack, split, tile, pad, broadcast_to, reverse. Reshape and transpose
//! share the buffer when the layout allows.

use crate::tensor::autodiff::{record, record_moves, record_moves_first};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{invalid_arg, op_error, value_error, TResult};
use crate::tensor::{Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, ArrayD, Axis, IxDyn};

/// Resolves a requested shape with at most one -1 against `size` elements.
pub fn resolve_shape(size: usize, req: &[i64]) -> TResult<Vec<usize>> {
    let unknown: Vec<usize> = req
        .iter()
        .enumerate()
        .filter(|(_, &d)| d == -1)
        .map(|(i, _)| i)
        .collect();
    if unknown.len() > 1 {
        return Err(op_error(
            "Reshape",
            "Reshape",
            format!(
                "Only one input size may be -1, not both {} and {}",
                unknown[0], unknown[1]
            ),
            None,
        ));
    }
    if let Some(&d) = req.iter().find(|&&d| d < -1) {
        return Err(op_error(
            "Reshape",
            "Reshape",
            format!("Size {} must be non-negative, not {}", 0, d),
            None,
        ));
    }
    let known = req
        .iter()
        .filter(|&&d| d != -1)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d as usize))
        .ok_or_else(|| {
            op_error(
                "Reshape",
                "Reshape",
                "Encountered overflow when multiplying shape dimensions".to_string(),
                None,
            )
        })?;
    let mut out: Vec<usize> = req.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(op_error(
                "Reshape",
                "Reshape",
                format!(
                    "Input to reshape is a tensor with {} values, but the requested shape requires a multiple of {}",
                    size, known
                ),
                None,
            ));
        }
        out[u] = size / known;
    } else if known != size {
        return Err(op_error(
            "Reshape",
            "Reshape",
            format!(
                "Input to reshape is a tensor with {} values, but the requested shape has {}",
                size, known
            ),
            None,
        ));
    }
    Ok(out)
}

/// The same elements in a new shape (no copy when the input is contiguous).
pub fn reshape_to(t: &Tensor, shape: &[usize]) -> Tensor {
    let to = shape.to_vec();
    crate::tensor::compile::capture::infallible(&[t], move |x| reshape_recorded(x[0], &to))
}

fn reshape_recorded(t: &Tensor, shape: &[usize]) -> Tensor {
    let out = reshape_kernel(t, shape);
    record(&[t], out, |x, _y, g| {
        Ok(vec![Some(reshape_to(g, x[0].shape()))])
    })
}

/// The computation of `reshape_to`, before it is recorded for gradients.
pub(crate) fn reshape_kernel(t: &Tensor, shape: &[usize]) -> Tensor {
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, shape: &[usize]) -> Tensor {
        if a.is_standard_layout() {
            if let Ok(r) = a.clone().into_shape_with_order(IxDyn(shape)) {
                return Tensor::from_shared(r);
            }
        }
        let v: Vec<T> = a.iter().copied().collect();
        Tensor::from_vec(shape, v)
    }
    with_data!(&t.data, a => go(a, shape))
}

pub fn reshape(t: &Tensor, req: &[i64]) -> TResult<Tensor> {
    let shape = resolve_shape(t.size(), req)?;
    Ok(reshape_to(t, &shape))
}

/// `tf.transpose` (a view; `perm` None reverses the axes).
pub fn transpose(t: &Tensor, perm: Option<&[i64]>) -> TResult<Tensor> {
    let out = transpose_kernel(t, perm)?;
    // The gradient is the output gradient transposed back by the inverse permutation.
    let n = t.ndim();
    let full: Vec<usize> = match perm {
        None => (0..n).rev().collect(),
        Some(p) => p
            .iter()
            .map(|&d| if d < 0 { d + n as i64 } else { d } as usize)
            .collect(),
    };
    let mut inverse = vec![0i64; n];
    for (i, &d) in full.iter().enumerate() {
        inverse[d] = i as i64;
    }
    Ok(record(&[t], out, move |xs, _y, g| {
        if !(xs[0].dtype().is_float() || xs[0].dtype().is_complex()) {
            return Ok(vec![None]);
        }
        Ok(vec![Some(
            transpose_kernel(g, Some(&inverse))?.contiguous(),
        )])
    }))
}

/// The computation of `transpose`, before it is recorded for gradients.
fn transpose_kernel(t: &Tensor, perm: Option<&[i64]>) -> TResult<Tensor> {
    let n = t.ndim();
    let perm: Vec<usize> = match perm {
        None => (0..n).rev().collect(),
        Some(p) => {
            if p.len() != n {
                return Err(op_error(
                    "Transpose",
                    "Transpose",
                    format!("transpose expects a vector of size {}. But input(1) is a vector of size {}", n, p.len()),
                    Some(""),
                ));
            }
            let mut seen = vec![false; n];
            let mut out = Vec::with_capacity(n);
            for &d in p {
                let d2 = if d < 0 { d + n as i64 } else { d };
                if d2 < 0 || d2 >= n as i64 || seen[d2 as usize] {
                    return Err(op_error(
                        "Transpose",
                        "Transpose",
                        format!("{} is out of range [0 .. {})", d, n),
                        Some(""),
                    ));
                }
                seen[d2 as usize] = true;
                out.push(d2 as usize);
            }
            out
        }
    };
    Ok(with_data!(&t.data, a => Tensor::from_shared(a.clone().permuted_axes(IxDyn(&perm)))))
}

pub fn expand_dims(t: &Tensor, axis: i64) -> TResult<Tensor> {
    let n = t.ndim() as i64;
    if axis < -n - 1 || axis > n {
        return Err(op_error(
            "ExpandDims",
            "ExpandDims",
            format!(
                "Tried to expand dim index {} for tensor with {} dimensions.",
                axis, n
            ),
            Some(""),
        ));
    }
    let ax = if axis < 0 { axis + n + 1 } else { axis } as usize;
    let mut shape = t.shape().to_vec();
    shape.insert(ax, 1);
    Ok(reshape_to(t, &shape))
}

pub fn squeeze(t: &Tensor, axes: Option<&[i64]>) -> TResult<Tensor> {
    let n = t.ndim() as i64;
    let shape = t.shape();
    let drop: Vec<usize> = match axes {
        None => (0..shape.len()).filter(|&d| shape[d] == 1).collect(),
        Some(ax) => {
            let mut v = Vec::new();
            for &a in ax {
                if a < -n || a >= n {
                    return Err(op_error(
                        "Squeeze",
                        "Squeeze",
                        format!(
                            "Tried to squeeze dim index {} for tensor with {} dimensions.",
                            a, n
                        ),
                        Some(""),
                    ));
                }
                let d = if a < 0 { a + n } else { a } as usize;
                if shape[d] != 1 {
                    return Err(op_error(
                        "Squeeze",
                        "Squeeze",
                        format!(
                            "Can not squeeze dim[{}], expected a dimension of 1, got {}",
                            d, shape[d]
                        ),
                        Some(""),
                    ));
                }
                v.push(d);
            }
            v
        }
    };
    let new: Vec<usize> = shape
        .iter()
        .enumerate()
        .filter(|(d, _)| !drop.contains(d))
        .map(|(_, &s)| s)
        .collect();
    Ok(reshape_to(t, &new))
}

fn norm_axis(axis: i64, ndim: usize) -> Option<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return None;
    }
    Some(if axis < 0 { axis + n } else { axis } as usize)
}

/// `tf.concat`.
pub fn concat(ts: &[Tensor], axis: i64) -> TResult<Tensor> {
    let out = concat_kernel(ts, axis)?;
    let inputs: Vec<&Tensor> = ts.iter().collect();
    Ok(record_moves(&inputs, out, move |xs| {
        concat_kernel(xs, axis)
    }))
}

/// The computation of `concat`, before it is recorded for gradients.
pub(crate) fn concat_kernel(ts: &[Tensor], axis: i64) -> TResult<Tensor> {
    let Some(first) = ts.first() else {
        return Err(value_error(
            "List argument 'values' to 'ConcatV2' Op with length 0 shorter than minimum length 1.",
        ));
    };
    let kernel = format!("ConcatV2_N_{}", ts.len());
    let concat_err = |msg: String| op_error(&kernel, "ConcatV2", msg, Some("concat"));
    let nd = first.ndim();
    if nd == 0 {
        return Err(concat_err(
            "Can't concatenate scalars (use tf.stack instead)".into(),
        ));
    }
    let Some(ax) = norm_axis(axis, nd) else {
        return Err(concat_err(format!(
            "ConcatOp : Expected concatenating dimensions in the range [{}, {}), but got {}",
            -(nd as i64),
            nd,
            axis
        )));
    };
    for (i, t) in ts.iter().enumerate().skip(1) {
        if t.dtype() != first.dtype() {
            return Err(invalid_arg(format!(
                "cannot compute ConcatV2 as input #{}(zero-based) was expected to be a {} tensor but is a {} tensor [Op:ConcatV2] name: concat",
                i,
                first.dtype().kind_word(),
                t.dtype().kind_word()
            )));
        }
        let shapes = || {
            format!(
                "shape[0] = {} vs. shape[{}] = {}",
                shape_brackets(first.shape()),
                i,
                shape_brackets(t.shape())
            )
        };
        if t.ndim() != nd {
            return Err(concat_err(format!(
                "ConcatOp : Ranks of all input tensors should match: {}",
                shapes()
            )));
        }
        for d in 0..nd {
            if d != ax && t.shape()[d] != first.shape()[d] {
                return Err(concat_err(format!(
                    "ConcatOp : Dimension {} in both shapes must be equal: {}",
                    d,
                    shapes()
                )));
            }
        }
    }
    let mut out_shape = first.shape().to_vec();
    out_shape[ax] = ts
        .iter()
        .fold(0usize, |n, t| n.saturating_add(t.shape()[ax]));
    crate::tensor::alloc::check_as(
        &out_shape,
        first.dtype(),
        &format!("ConcatV2_N_{}", ts.len()),
        "ConcatV2",
        Some("concat"),
    )?;
    fn go<T: Elem>(ts: &[Tensor], ax: usize) -> Tensor {
        let views: Vec<_> = ts
            .iter()
            .filter_map(|t| t.array::<T>())
            .map(|a| a.view())
            .collect();
        match ndarray::concatenate(Axis(ax), &views) {
            Ok(a) => Tensor::from_array(a),
            Err(_) => Tensor::zeros(T::DTYPE, &[0]),
        }
    }
    Ok(with_data!(&first.data, _a => {
        fn pick<T: Elem>(_: &ArcArray<T, IxDyn>, ts: &[Tensor], ax: usize) -> Tensor { go::<T>(ts, ax) }
        pick(_a, ts, ax)
    }))
}

/// `tf.stack`.
pub fn stack(ts: &[Tensor], axis: i64) -> TResult<Tensor> {
    let Some(first) = ts.first() else {
        return Err(value_error(
            "List argument 'values' to 'Pack' Op with length 0 shorter than minimum length 1.",
        ));
    };
    let nd = first.ndim() as i64;
    if axis < -nd - 1 || axis > nd {
        return Err(value_error(format!(
            "Argument `axis` = {} not in range [{}, {})",
            axis,
            -nd - 1,
            nd + 1
        )));
    }
    for (i, t) in ts.iter().enumerate() {
        if t.shape() != first.shape() {
            return Err(op_error(
                &format!("Pack_N_{}", ts.len()),
                "Pack",
                format!(
                    "Shapes of all inputs must match: values[0].shape = {} != values[{}].shape = {}",
                    shape_brackets(first.shape()),
                    i,
                    shape_brackets(t.shape())
                ),
                Some("stack"),
            ));
        }
        if t.dtype() != first.dtype() {
            return Err(invalid_arg(format!(
                "cannot compute Pack as input #{}(zero-based) was expected to be a {} tensor but is a {} tensor [Op:Pack] name: stack",
                i,
                first.dtype().kind_word(),
                t.dtype().kind_word()
            )));
        }
    }
    let ax = if axis < 0 { axis + nd + 1 } else { axis };
    let mut out_shape = first.shape().to_vec();
    out_shape.insert(ax as usize, ts.len());
    crate::tensor::alloc::check_as(
        &out_shape,
        first.dtype(),
        &format!("Pack_N_{}", ts.len()),
        "Pack",
        Some("stack"),
    )?;
    let expanded: Vec<Tensor> = ts
        .iter()
        .map(|t| expand_dims(t, ax))
        .collect::<TResult<_>>()?;
    concat(&expanded, ax)
}

/// `tf.unstack`: the slices along an axis.
pub fn unstack(t: &Tensor, axis: i64) -> TResult<Vec<Tensor>> {
    let nd = t.ndim();
    let Some(ax) = norm_axis(axis, nd.max(1)).filter(|_| nd > 0) else {
        return Err(value_error(format!(
            "Cannot unstack a tensor of rank {}: axis {} out of range",
            nd, axis
        )));
    };
    let n = t.shape()[ax];
    Ok((0..n).map(|i| index_axis(t, ax, i)).collect())
}

/// The sub-tensor at index `i` of axis `ax` (a view).
pub fn index_axis(t: &Tensor, ax: usize, i: usize) -> Tensor {
    let out = index_axis_kernel(t, ax, i);
    record(&[t], out, move |xs, _y, g| {
        Ok(vec![place_axis(&xs[0], g, ax, i, true)])
    })
}

/// The gradient of a cut along `ax` starting at `start` (one index when `index`): `g` in
/// zeros of the input's shape. One pass over the input, where the generic gradient of an
/// op that moves elements maps every element's number.
fn place_axis(x: &Tensor, g: &Tensor, ax: usize, start: usize, index: bool) -> Option<Tensor> {
    if !(x.dtype().is_float() || x.dtype().is_complex()) {
        return None;
    }
    let shape = x.shape().to_vec();
    Some(with_data!(&g.data, a => {
        let mut z = ArrayD::from_elem(IxDyn(&shape), Elem::from_f64(0.0));
        if index {
            z.index_axis_mut(Axis(ax), start).assign(a);
        } else {
            let n = a.shape()[ax];
            z.slice_axis_mut(Axis(ax), ndarray::Slice::from(start..start + n)).assign(a);
        }
        Tensor::from_shared(z.into_shared())
    }))
}

/// The computation of `index_axis`, before it is recorded for gradients.
fn index_axis_kernel(t: &Tensor, ax: usize, i: usize) -> Tensor {
    with_data!(&t.data, a => Tensor::from_shared(a.clone().index_axis_move(Axis(ax), i)))
}

/// A range `[start, end)` of axis `ax` (a view).
pub fn slice_axis(t: &Tensor, ax: usize, start: usize, end: usize) -> Tensor {
    let out = slice_axis_kernel(t, ax, start, end);
    record(&[t], out, move |xs, _y, g| {
        Ok(vec![place_axis(&xs[0], g, ax, start, false)])
    })
}

/// The computation of `slice_axis`, before it is recorded for gradients.
fn slice_axis_kernel(t: &Tensor, ax: usize, start: usize, end: usize) -> Tensor {
    with_data!(&t.data, a => {
        let mut v = a.clone();
        v.slice_axis_inplace(Axis(ax), ndarray::Slice::from(start..end));
        Tensor::from_shared(v)
    })
}

/// `axis` of `t` for `tf.split`, or Split's error for one out of range.
fn split_axis(t: &Tensor, axis: i64) -> TResult<usize> {
    let nd = t.ndim();
    norm_axis(axis, nd).ok_or_else(|| {
        op_error(
            "Split",
            "Split",
            format!("-{} <= split_dim < {}, but got {}", nd, nd, axis),
            Some("split"),
        )
    })
}

/// `tf.split` into `sizes` along `axis` (a -1 size takes the rest).
pub fn split(t: &Tensor, sizes: &[i64], axis: i64) -> TResult<Vec<Tensor>> {
    let ax = split_axis(t, axis)?;
    let total = t.shape()[ax];
    let known: i64 = sizes.iter().filter(|&&s| s >= 0).sum();
    let mut sizes = sizes.to_vec();
    if let Some(i) = sizes.iter().position(|&s| s == -1) {
        sizes[i] = total as i64 - known;
    }
    if sizes.iter().sum::<i64>() != total as i64 || sizes.iter().any(|&s| s < 0) {
        return Err(op_error(
            "SplitV",
            "SplitV",
            format!(
                "Determined shape must either match input shape along split_dim exactly if fully specified, or be less than the size of the input along split_dim if not fully specified.  Got: {}",
                known
            ),
            Some("split"),
        ));
    }
    let mut out = Vec::new();
    let mut start = 0usize;
    for s in sizes {
        let end = start + s as usize;
        out.push(slice_axis(t, ax, start, end));
        start = end;
    }
    Ok(out)
}

/// `tf.split` into `n` equal parts.
pub fn split_even(t: &Tensor, n: usize, axis: i64) -> TResult<Vec<Tensor>> {
    let ax = split_axis(t, axis)?;
    let total = t.shape()[ax];
    if n == 0 || !total.is_multiple_of(n) {
        return Err(op_error(
            "Split",
            "Split",
            format!("Number of ways to split should evenly divide the split dimension, but got split_dim {} (size = {}) and num_split {}", ax, total, n),
            Some("split"),
        ));
    }
    split(t, &vec![(total / n) as i64; n], ax as i64)
}

/// `tf.tile`.
pub fn tile(t: &Tensor, multiples: &[i64]) -> TResult<Tensor> {
    let out = tile_kernel(t, multiples)?;
    let m = multiples.to_vec();
    Ok(record_moves_first(&[t], out, move |x| tile_kernel(x, &m)))
}
/// The computation of `tile`, before it is recorded for gradients.
fn tile_kernel(t: &Tensor, multiples: &[i64]) -> TResult<Tensor> {
    if multiples.len() != t.ndim() {
        return Err(op_error(
            "Tile",
            "Tile",
            format!(
                "Expected multiples argument to be a vector of length {} but got length {}",
                t.ndim(),
                multiples.len()
            ),
            Some(""),
        ));
    }
    let out: Vec<usize> = t
        .shape()
        .iter()
        .zip(multiples)
        .map(|(&d, &m)| d.saturating_mul(m.max(0) as usize))
        .collect();
    crate::tensor::alloc::check_as(&out, t.dtype(), "Tile", "Tile", None)?;
    let mut cur = t.clone();
    for (ax, &m) in multiples.iter().enumerate() {
        if m < 0 {
            return Err(op_error(
                "Tile",
                "Tile",
                format!("Expected multiples[{}] >= 0, but got {}", ax, m),
                Some(""),
            ));
        }
        if m != 1 {
            let copies = vec![cur.clone(); m as usize];
            cur = if copies.is_empty() {
                let mut shape = cur.shape().to_vec();
                shape[ax] = 0;
                Tensor::zeros(cur.dtype(), &shape)
            } else {
                concat(&copies, ax as i64)?
            };
        }
    }
    Ok(cur)
}

/// `tf.pad` (CONSTANT, REFLECT or SYMMETRIC).
pub fn pad(t: &Tensor, paddings: &[(usize, usize)], mode: &str, value: f64) -> TResult<Tensor> {
    let out = pad_kernel(t, paddings, mode, value)?;
    let (p, mode) = (paddings.to_vec(), mode.to_string());
    Ok(record_moves_first(&[t], out, move |x| {
        pad_kernel(x, &p, &mode, -1.0)
    }))
}

/// The computation of `pad`, before it is recorded for gradients.
fn pad_kernel(t: &Tensor, paddings: &[(usize, usize)], mode: &str, value: f64) -> TResult<Tensor> {
    if paddings.len() != t.ndim() {
        return Err(op_error(
            "Pad",
            "Pad",
            format!(
                "The first dimension of paddings must be the rank of inputs[{},2] {}",
                paddings.len(),
                shape_brackets(t.shape())
            ),
            Some(""),
        ));
    }
    let padded: Vec<usize> = t
        .shape()
        .iter()
        .zip(paddings)
        .map(|(&n, &(b, e))| n.saturating_add(b).saturating_add(e))
        .collect();
    crate::tensor::alloc::check_as(&padded, t.dtype(), "Pad", "Pad", None)?;
    let mode = mode.to_ascii_uppercase();
    for (d, &(b, a)) in paddings.iter().enumerate() {
        let n = t.shape()[d];
        let limit = match mode.as_str() {
            "REFLECT" => n.saturating_sub(1),
            "SYMMETRIC" => n,
            _ => usize::MAX,
        };
        if b > limit || a > limit {
            return Err(op_error(
                "MirrorPad",
                "MirrorPad",
                format!(
                    "paddings must be less than the dimension size: {}, {} not less than {}",
                    b, a, n
                ),
                Some(""),
            ));
        }
    }
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, p: &[(usize, usize)], mode: &str, value: f64) -> Tensor {
        let shape: Vec<usize> = a
            .shape()
            .iter()
            .zip(p)
            .map(|(&n, &(b, e))| n + b + e)
            .collect();
        let mut out = ArrayD::from_elem(IxDyn(&shape), T::from_f64(value));
        let mut src = vec![0usize; shape.len()];
        for (idx, v) in out.indexed_iter_mut() {
            let mut inside = true;
            for d in 0..shape.len() {
                let n = a.shape()[d] as i64;
                let i = idx[d] as i64 - p[d].0 as i64;
                let j = if i >= 0 && i < n {
                    i
                } else {
                    match mode {
                        "REFLECT" => {
                            if i < 0 {
                                -i
                            } else {
                                2 * (n - 1) - i
                            }
                        }
                        "SYMMETRIC" => {
                            if i < 0 {
                                -i - 1
                            } else {
                                2 * n - 1 - i
                            }
                        }
                        _ => {
                            inside = false;
                            0
                        }
                    }
                };
                src[d] = j as usize;
            }
            if inside {
                *v = a[IxDyn(&src)];
            }
        }
        Tensor::from_array(out)
    }
    Ok(with_data!(&t.data, a => go(a, paddings, &mode, value)))
}

/// `tf.broadcast_to`.
pub fn broadcast_to(t: &Tensor, shape: &[usize]) -> TResult<Tensor> {
    let to = shape.to_vec();
    crate::tensor::compile::capture::op(&[t], move |x| broadcast_recorded(x[0], &to))
}

fn broadcast_recorded(t: &Tensor, shape: &[usize]) -> TResult<Tensor> {
    let out = broadcast_kernel(t, shape)?;
    Ok(record(&[t], out, |x, _y, g| {
        Ok(vec![Some(crate::tensor::autodiff::math::unbroadcast(
            g.clone(),
            x[0].shape(),
        )?)])
    }))
}

/// The computation of `broadcast_to`, before it is recorded for gradients.
fn broadcast_kernel(t: &Tensor, shape: &[usize]) -> TResult<Tensor> {
    crate::tensor::alloc::check_as(shape, t.dtype(), "BroadcastTo", "BroadcastTo", None)?;
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, shape: &[usize]) -> Option<Tensor> {
        if let Some(src) = a.as_slice() {
            return super::broadcast_copy::broadcast(src, a.shape(), shape)
                .map(|v| Tensor::from_vec(shape, v));
        }
        a.broadcast(IxDyn(shape))
            .map(|v| Tensor::from_array(v.to_owned()))
    }
    with_data!(&t.data, a => go(a, shape)).ok_or_else(|| {
        let message = if t.ndim() > shape.len() {
            format!(
                "Rank of input ({}) must be no greater than rank of output shape ({}).",
                t.ndim(),
                shape.len()
            )
        } else {
            format!(
                "Incompatible shapes: {} vs. {}",
                shape_brackets(t.shape()),
                shape_brackets(shape)
            )
        };
        op_error("BroadcastTo", "BroadcastTo", message, None)
    })
}

/// `tf.reverse` along the given axes.
pub fn reverse(t: &Tensor, axes: &[usize]) -> Tensor {
    let out = reverse_kernel(t, axes);
    let axes = axes.to_vec();
    record_moves_first(&[t], out, move |x| Ok(reverse_kernel(x, &axes)))
}

/// The computation of `reverse`, before it is recorded for gradients.
fn reverse_kernel(t: &Tensor, axes: &[usize]) -> Tensor {
    with_data!(&t.data, a => {
        let mut v = a.clone();
        for &ax in axes {
            v.invert_axis(Axis(ax));
        }
        Tensor::from_shared(v)
    })
}
