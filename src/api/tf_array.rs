//! `tf` array functions: reshape, transpose, expand_dims, squeeze, concat, stack, unstack,
//! split, tile, pad, broadcast_to, gather, gather_nd, boolean_mask, where, scatter_nd,
//! meshgrid, reverse, sort, argsort, top_k, unique. Each function is one declaration.

use super::convert::{
    conversion_error, dtype_arg, f64_arg, given, i64_arg, int_input, int_list, to_tensor,
};
use super::objects::NamedTuple;
use super::tf_core::dims_arg;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::{select, shape as sh, sort};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn tensors(it: &mut Interp, v: &Value) -> R<Vec<Tensor>> {
    let items: Vec<Value> = it.collect_items(v)?;
    let hint = items
        .iter()
        .find_map(super::convert::tensor_of)
        .map(|t| t.dtype());
    // The tensors made here from Python values live together until the op has run: their
    // total (with a few hundred bytes of bookkeeping each) must fit the budget, as one
    // tensor must (a million small lists to `tf.concat` otherwise takes gigabytes).
    let mut made = 0usize;
    let mut out = Vec::with_capacity(items.len().min(1 << 16));
    for x in &items {
        let t = to_tensor(it, x, hint)?;
        if super::convert::tensor_of(x).is_none() {
            made = made.saturating_add(t.size()).saturating_add(64);
            crate::tensor::alloc::check(&[made], crate::tensor::DType::F32, "Pack")?;
        }
        out.push(t);
    }
    Ok(out)
}

fn list_of(ts: Vec<Tensor>) -> Value {
    Value::list(ts.into_iter().map(Value::Tensor).collect())
}

builtin! {
    /// Reshapes a tensor.
    dispatch ["tf.reshape"]
    fn reshape(it, tensor, shape, name = None) {
        let x = to_tensor(it, &tensor, None)?;
        let shape = int_list(it, &shape, "shape")?;
        t(sh::reshape(&x, &shape)?)
    }
}

builtin! {
    /// Transposes `a`, where `a` is a Tensor.
    dispatch ["tf.transpose"]
    fn transpose(it, a, perm = None, conjugate = False, name = "transpose") {
        let x = to_tensor(it, &a, None)?;
        let perm = given(perm).map(|p| int_list(it, &p, "perm")).transpose()?;
        t(sh::transpose(&x, perm.as_deref())?)
    }
}

builtin! {
    /// Returns a tensor with a length 1 axis inserted at index `axis`.
    dispatch ["tf.expand_dims"]
    fn expand_dims(it, input, axis, name = None) {
        let x = to_tensor(it, &input, None)?;
        t(sh::expand_dims(&x, int_input(&axis, "axis")?)?)
    }
}

builtin! {
    /// Removes dimensions of size 1 from the shape of a tensor.
    dispatch ["tf.squeeze"]
    fn squeeze(it, input, axis = None, name = None) {
        let x = to_tensor(it, &input, None)?;
        // `axis` is an attribute: TensorFlow checks it in Python, a TypeError for anything
        // but ints.
        let axes = given(axis)
            .map(|v| {
                int_list(it, &v, "axis").map_err(|_| {
                    type_err(format!("Expected int for argument 'squeeze_dims' not {}.", v.type_name()))
                })
            })
            .transpose()?;
        t(sh::squeeze(&x, axes.as_deref())?)
    }
}

builtin! {
    /// Concatenates tensors along one dimension.
    dispatch ["tf.concat"]
    fn concat(it, values, axis, name = "concat") {
        let ts = tensors(it, &values)?;
        if ts.len() == 1 {
            return t(ts[0].clone());
        }
        t(sh::concat(&ts, int_input(&axis, "axis")?)?)
    }
}

builtin! {
    /// Stacks a list of rank-`R` tensors into one rank-`(R+1)` tensor.
    dispatch ["tf.stack"]
    fn stack(it, values, axis = 0, name = "stack") {
        let ts = tensors(it, &values)?;
        t(sh::stack(&ts, i64_arg(&axis, "axis")?)?)
    }
}

builtin! {
    /// Unpacks the given dimension of a rank-`R` tensor into rank-`(R-1)` tensors.
    dispatch ["tf.unstack"]
    fn unstack(it, value, num = None, axis = 0, name = "unstack") {
        let x = to_tensor(it, &value, None)?;
        let parts = sh::unstack(&x, i64_arg(&axis, "axis")?)?;
        if let Some(n) = given(num) {
            if i64_arg(&n, "num")? as usize != parts.len() {
                return Err(value_err(format!(
                    "num ({}) does not match the dimension size {}",
                    it.repr(&n)?,
                    parts.len()
                )));
            }
        }
        Ok(list_of(parts))
    }
}

builtin! {
    /// Splits a tensor `value` into a list of sub tensors.
    dispatch ["tf.split"]
    fn split(it, value, num_or_size_splits, axis = 0, num = None, name = "split") {
        let x = to_tensor(it, &value, None)?;
        let axis = int_input(&axis, "axis")?;
        let parts = match num_or_size_splits {
            Value::Int(k) => sh::split_even(&x, k.max(0) as usize, axis)?,
            other => sh::split(&x, &int_list(it, &other, "num_or_size_splits")?, axis)?,
        };
        Ok(list_of(parts))
    }
}

builtin! {
    /// Constructs a tensor by tiling a given tensor.
    python ["tf.tile"]
    fn tile(it, input, multiples, name = None) {
        let x = to_tensor(it, &input, None)?;
        t(sh::tile(&x, &int_list(it, &multiples, "multiples")?)?)
    }
}

builtin! {
    /// Pads a tensor.
    dispatch ["tf.pad"]
    fn pad(it, tensor, paddings, mode = "CONSTANT", constant_values = 0, name = None) {
        let x = to_tensor(it, &tensor, None)?;
        // TensorFlow converts `paddings` to an int tensor; the kernel wants it [rank, 2].
        if let Some(e) = conversion_error(&paddings) {
            return Err(e);
        }
        let pt = to_tensor(it, &paddings, None)?;
        if pt.size() > 0 && (pt.dtype().is_float() || pt.dtype() == DType::Bool) {
            return raise(ExcKind::InvalidArgumentError, format!(
                "Value for attr 'Tpaddings' of {} is not in the list of allowed values: int32, int64",
                pt.dtype().name()
            ));
        }
        if pt.ndim() != 2 || pt.shape()[1] != 2 || pt.shape()[0] != x.ndim() {
            return raise(ExcKind::InvalidArgumentError, format!(
                "paddings must be a matrix with 2 columns and {} rows: {}",
                x.ndim(),
                crate::tensor::broadcast::shape_brackets(pt.shape())
            ));
        }
        let vals = pt.to_i64_vec();
        if let Some(v) = vals.iter().find(|&&v| v < 0) {
            return raise(ExcKind::InvalidArgumentError, format!("Paddings must be non-negative: {}", v));
        }
        let p: Vec<(usize, usize)> = vals.chunks(2).map(|c| (c[0] as usize, c[1] as usize)).collect();
        let mode = match &mode {
            Value::Str(s) => s.to_string(),
            other => {
                return raise(ExcKind::AttributeError,
                    format!("'{}' object has no attribute 'upper'", other.type_name()),
                )
            }
        };
        let value = f64_arg(&constant_values, "constant_values")?;
        t(sh::pad(&x, &p, &mode, value)?)
    }
}

builtin! {
    /// Broadcast an array for a compatible shape.
    python ["tf.broadcast_to"]
    fn broadcast_to(it, input, shape, name = None) {
        let x = to_tensor(it, &input, None)?;
        let dims = dims_arg(it, &shape)?;
        t(sh::broadcast_to(&x, &dims)?)
    }
}

builtin! {
    /// Gather slices from params axis `axis` according to indices. (deprecated arguments)
    dispatch ["tf.gather"]
    fn gather(
        it, params, indices, validate_indices = None, axis = None, batch_dims = 0, name = None
    ) {
        let p = to_tensor(it, &params, None)?;
        let idx = to_tensor(it, &indices, None)?;
        if idx.dtype().is_float() {
            return raise(ExcKind::InvalidArgumentError, format!("Value for attr 'Tindices' of {} is not in the list of allowed values: int16, int32, int64", idx.dtype().kind_word()));
        }
        // TensorFlow's axis=None is the first axis after the batch dimensions, and a constant
        // axis 0 gathers rows whatever batch_dims says.
        let batch = int_input(&batch_dims, "batch_dims")?;
        let axis = given(axis).map(|v| int_input(&v, "axis")).transpose()?.unwrap_or(batch);
        if axis == 0 || batch == 0 {
            // TensorFlow's message for a tensor's element picked by a Python int ends in an
            // empty `name:` (its other index errors do not).
            let named = matches!(params, Value::Tensor(_) | Value::Variable(_))
                && matches!(indices, Value::Int(_));
            return t(select::gather(&p, &idx, axis).map_err(|mut e| {
                if named && e.message.ends_with("[Op:GatherV2]") {
                    e.message.push_str(" name:");
                }
                e
            })?);
        }
        t(crate::tensor::ops::batch_gather::gather_batched(&p, &idx, axis, batch)?)
    }
}

builtin! {
    /// Gather slices from `params` into a Tensor with shape specified by `indices`.
    dispatch ["tf.gather_nd"]
    fn gather_nd(it, params, indices, batch_dims = 0, name = None) {
        let p = to_tensor(it, &params, None)?;
        let idx = to_tensor(it, &indices, None)?;
        if !matches!(idx.dtype(), DType::I32 | DType::I64) {
            return raise(ExcKind::InvalidArgumentError, format!("Value for attr 'Tindices' of {} is not in the list of allowed values: int16, int32, int64", idx.dtype().kind_word()));
        }
        match int_input(&batch_dims, "batch_dims")? {
            0 => t(select::gather_nd(&p, &idx)?),
            b => t(crate::tensor::ops::batch_gather::gather_nd_batched(&p, &idx, b.max(0) as usize)?),
        }
    }
}

builtin! {
    /// Apply boolean mask to tensor.
    dispatch ["tf.boolean_mask"]
    fn boolean_mask(it, tensor, mask, axis = None, name = "boolean_mask") {
        let x = to_tensor(it, &tensor, None)?;
        if matches!(mask, Value::Str(_) | Value::Bytes(_)) {
            return Err(value_err("mask cannot be scalar."));
        }
        let m = to_tensor(it, &mask, None)?;
        // axis=None masks from the first axis; a negative one slices the shape as Python
        // does (`shape[axis:axis + rank(mask)]`), which must be the mask's shape.
        let axis = given(axis).map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
        let nd = x.ndim() as i64;
        let start = if axis < 0 { (axis + nd).max(0) } else { axis.min(nd) };
        let stop = axis.saturating_add(m.ndim() as i64);
        let stop = if stop < 0 { (stop + nd).max(0) } else { stop.min(nd) };
        if m.ndim() > 0 && (stop < start || x.shape()[start as usize..stop as usize] != *m.shape()) {
            let part = &x.shape()[start as usize..stop.max(start) as usize];
            return Err(value_err(format!(
                "Shapes {} and {} are incompatible",
                crate::tensor::broadcast::shape_tuple(part),
                crate::tensor::broadcast::shape_tuple(m.shape())
            )));
        }
        t(select::boolean_mask(&x, &m, start as usize)?)
    }
}

builtin! {
    /// Returns the indices of non-zero elements, or multiplexes `x` and `y`.
    dispatch ["tf.where"]
    fn r#where(it, condition, x = None, y = None, name = None) {
        let c = to_tensor(it, &condition, None)?;
        match (given(x), given(y)) {
            (None, None) if c.ndim() == 0 => Err(crate::tensor::error::op_error(
                "Where",
                "Where",
                "WhereOp : Unhandled input dimensions: 0",
                Some(""),
            )
            .into()),
            (None, None) => t(select::where_indices(&c)),
            (Some(x), Some(y)) => {
                let (x, y) = super::tf_math::pair(it, &x, &y)?;
                t(select::select(&c, &x, &y)?)
            }
            _ => Err(value_err("x and y must both be non-None or both be None.")),
        }
    }
}

builtin! {
    /// Scatters `updates` into a tensor of shape `shape` according to `indices`.
    python ["tf.scatter_nd"]
    fn scatter_nd(it, indices, updates, shape, name = None) {
        let idx = to_tensor(it, &indices, None)?;
        let upd = to_tensor(it, &updates, None)?;
        let dims = dims_arg(it, &shape)?;
        t(select::scatter_nd(&idx, &upd, &dims)?)
    }
}

builtin! {
    /// Broadcasts parameters for evaluation on an N-D grid.
    python ["tf.meshgrid"]
    fn meshgrid(it, *args, **kwargs) {
        let mut ij = false;
        let kw: Vec<(Value, Value)> = match &kwargs {
            Value::Dict(d) => {
                let d = d.borrow();
                d.keys.iter().cloned().zip(d.values.iter().cloned()).collect()
            }
            _ => vec![],
        };
        for (k, v) in &kw {
            let k = match k {
                Value::Str(s) => s.to_string(),
                other => it.repr(other)?,
            };
            match (k.as_str(), v) {
                ("indexing", Value::Str(s)) => ij = s.as_ref() == "ij",
                ("name", _) => {}
                _ => {
                    return Err(type_err(format!(
                        "'{}' is an invalid keyword argument for this function",
                        k
                    )))
                }
            }
        }
        let items: Vec<Value> = it.collect_items(&args)?;
        let mut xs = Vec::new();
        for v in &items {
            xs.push(to_tensor(it, v, None)?);
        }
        Ok(list_of(crate::tensor::ops::creation::meshgrid(&xs, ij)?))
    }
}

builtin! {
    /// Reverses specific dimensions of a tensor.
    op("reverse_v2") ["tf.reverse"]
    fn reverse(it, tensor, axis, name = None) {
        let x = to_tensor(it, &tensor, None)?;
        let nd = x.ndim() as i64;
        let given = int_list(it, &axis, "axis")?;
        // TensorFlow returns a scalar as it is, whatever the axes.
        if nd == 0 {
            return t(x);
        }
        let fail = |m: String| crate::tensor::error::op_error("ReverseV2", "ReverseV2", m, None);
        let mut axes = Vec::new();
        for (i, d) in given.into_iter().enumerate() {
            let c = if d < 0 { d + nd } else { d };
            if !(0..nd).contains(&c) {
                let m = format!("'axis'[{}] = {} is out of valid range [0, {}", i, d, nd - 1);
                return Err(fail(m).into());
            }
            if axes.contains(&(c as usize)) {
                return Err(fail(format!("axis {} specified more than once.", c)).into());
            }
            axes.push(c as usize);
        }
        t(sh::reverse(&x, &axes))
    }
}

/// `direction`: true for descending.
fn descending(v: &Value) -> R<bool> {
    match v {
        Value::Str(s) if s.as_ref() == "ASCENDING" => Ok(false),
        Value::Str(s) if s.as_ref() == "DESCENDING" => Ok(true),
        _ => Err(value_err(
            "`direction` must be one of: 'ASCENDING', 'DESCENDING'",
        )),
    }
}

/// The `axis` of sort and argsort: TensorFlow needs a constant scalar (ValueError else),
/// and takes a float through Python's `int()`.
fn sort_axis(v: &Value) -> R<i64> {
    let scalar = super::convert::tensor_of(v).filter(|t| t.ndim() == 0 && t.dtype() != DType::Bool);
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) if f.is_nan() => Err(value_err("cannot convert float NaN to integer")),
        Value::Float(f) if f.is_infinite() => raise(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ),
        Value::Float(f) => Ok(*f as i64),
        _ => match scalar {
            Some(t) => Ok(t.item_f64().unwrap_or(0.0) as i64),
            None => Err(value_err("axis must be a constant scalar")),
        },
    }
}

builtin! {
    /// Sorts a tensor.
    dispatch ["tf.sort"]
    fn sort(it, values, axis = -1, direction = "ASCENDING", name = None) {
        let x = to_tensor(it, &values, None)?;
        t(sort::sort(&x, sort_axis(&axis)?, descending(&direction)?)?)
    }
}

builtin! {
    /// Returns the indices of a tensor that give its sorted order along an axis.
    dispatch ["tf.argsort"]
    fn argsort(it, values, axis = -1, direction = "ASCENDING", stable = False, name = None) {
        let x = to_tensor(it, &values, None)?;
        t(sort::argsort(&x, sort_axis(&axis)?, descending(&direction)?)?)
    }
}

builtin! {
    /// Finds values and indices of the `k` largest entries for the last dimension.
    dispatch ["tf.math.top_k", "tf.nn.top_k"]
    fn top_k(it, input, k = 1, sorted = True, index_type = tf.int32, name = None) {
        let x = to_tensor(it, &input, None)?;
        let k = int_input(&k, "k")?;
        if k < 0 {
            return Err(crate::tensor::error::op_error(
                "TopKV2",
                "TopKV2",
                format!("Need k >= 0, got {}", k),
                None,
            )
            .into());
        }
        let (v, i) = sort::top_k(&x, k as usize)?;
        Ok(Value::Object(Rc::new(NamedTuple {
            type_name: "TopKV2",
            fields: vec![("values", Value::Tensor(v)), ("indices", Value::Tensor(i))],
        })))
    }
}

/// `tf.unique` and `tf.unique_with_counts`: the distinct values, the index of each input
/// element among them, and (with counts) how often each occurs.
fn unique_of(it: &mut Interp, x: &Value, out_idx: &Value, counts: bool) -> R<Value> {
    let x = to_tensor(it, x, None)?;
    let out = dtype_arg(out_idx)?;
    if !matches!(out, DType::I32 | DType::I64) {
        return raise(
            ExcKind::InvalidArgumentError,
            format!(
                "Value for attr 'out_idx' of {} is not in the list of allowed values: int32, int64",
                out.kind_word()
            ),
        );
    }
    let (y, idx, count) = sort::unique(&x, out)?;
    let mut fields = vec![("y", Value::Tensor(y)), ("idx", Value::Tensor(idx))];
    if counts {
        fields.push(("count", Value::Tensor(count)));
    }
    Ok(Value::Object(Rc::new(NamedTuple {
        type_name: if counts { "UniqueWithCounts" } else { "Unique" },
        fields,
    })))
}

builtin! {
    /// Finds unique elements in a 1-D tensor.
    dispatch ["tf.unique"]
    fn unique(it, x, out_idx = tf.int32, name = None) {
        unique_of(it, &x, &out_idx, false)
    }
}

builtin! {
    /// Finds unique elements in a 1-D tensor.
    dispatch ["tf.unique_with_counts"]
    fn unique_with_counts(it, x, out_idx = tf.int32, name = None) {
        unique_of(it, &x, &out_idx, true)
    }
}
