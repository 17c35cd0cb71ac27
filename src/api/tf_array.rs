//! `tf` array functions: reshape, transpose, expand_dims, squeeze, concat, stack, unstack,
//! split, tile, pad, broadcast_to, gather, gather_nd, boolean_mask, where, scatter_nd,
//! meshgrid, reverse, sort, argsort, top_k, unique.

use super::convert::{i64_arg, int_list, to_tensor};
use super::objects::NamedTuple;
use super::tf_core::dims_arg;
use super::{add_all, dtype_or};
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::ops::{select, shape as sh, sort};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

fn tensors(it: &mut Interp, v: &Value) -> R<Vec<Tensor>> {
    let items: Vec<Value> = it.iterate(v)?.collect();
    let hint = items
        .iter()
        .find_map(super::convert::tensor_of)
        .map(|t| t.dtype());
    items.iter().map(|x| to_tensor(it, x, hint)).collect()
}

fn list_of(ts: Vec<Tensor>) -> Value {
    Value::list(ts.into_iter().map(Value::Tensor).collect())
}

fn reshape(it: &mut Interp, a: Args) -> R<Value> {
    let [x, shape, _name] = a.bind("reshape", ["tensor", "shape", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let shape = int_list(it, &req(shape), "shape")?;
    t(sh::reshape(&x, &shape)?)
}

fn transpose(it: &mut Interp, a: Args) -> R<Value> {
    let [x, perm, _conj, _name] = a.bind(
        "transpose",
        ["a", "perm=None", "conjugate=False", "name='transpose'"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let perm = perm.map(|p| int_list(it, &p, "perm")).transpose()?;
    t(sh::transpose(&x, perm.as_deref())?)
}

fn expand_dims(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, _name] = a.bind("expand_dims", ["input", "axis", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    t(sh::expand_dims(&x, i64_arg(&req(axis), "axis")?)?)
}

fn squeeze(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, _name] = a.bind("squeeze", ["input", "axis=None", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axis.map(|v| int_list(it, &v, "axis")).transpose()?;
    t(sh::squeeze(&x, axes.as_deref())?)
}

fn concat(it: &mut Interp, a: Args) -> R<Value> {
    let [values, axis, _name] = a.bind("concat", ["values", "axis", "name='concat'"])?;
    let ts = tensors(it, &req(values))?;
    if ts.len() == 1 {
        return t(ts[0].clone());
    }
    t(sh::concat(&ts, i64_arg(&req(axis), "axis")?)?)
}

fn stack(it: &mut Interp, a: Args) -> R<Value> {
    let [values, axis, _name] = a.bind("stack", ["values", "axis=0", "name='stack'"])?;
    let ts = tensors(it, &req(values))?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    t(sh::stack(&ts, axis)?)
}

fn unstack(it: &mut Interp, a: Args) -> R<Value> {
    let [x, num, axis, _name] =
        a.bind("unstack", ["value", "num=None", "axis=0", "name='unstack'"])?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    let parts = sh::unstack(&x, axis)?;
    if let Some(n) = num {
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

fn split(it: &mut Interp, a: Args) -> R<Value> {
    let [x, n, axis, _num, _name] = a.bind(
        "split",
        [
            "value",
            "num_or_size_splits",
            "axis=0",
            "num=None",
            "name='split'",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    let parts = match req(n) {
        Value::Int(k) => sh::split_even(&x, k.max(0) as usize, axis)?,
        other => sh::split(&x, &int_list(it, &other, "num_or_size_splits")?, axis)?,
    };
    Ok(list_of(parts))
}

fn tile(it: &mut Interp, a: Args) -> R<Value> {
    let [x, m, _name] = a.bind("tile", ["input", "multiples", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    t(sh::tile(&x, &int_list(it, &req(m), "multiples")?)?)
}

fn pad(it: &mut Interp, a: Args) -> R<Value> {
    let [x, paddings, mode, value, _name] = a.bind(
        "pad",
        [
            "tensor",
            "paddings",
            "mode='CONSTANT'",
            "constant_values=0",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let rows: Vec<Value> = it.iterate(&req(paddings))?.collect();
    let mut p = Vec::new();
    for r in rows {
        let pair = int_list(it, &r, "paddings")?;
        if pair.len() != 2 || pair.iter().any(|&v| v < 0) {
            return Err(value_err(
                "paddings must be a list of [before, after] pairs of non-negative integers",
            ));
        }
        p.push((pair[0] as usize, pair[1] as usize));
    }
    let mode = match mode {
        Some(Value::Str(s)) => s.to_string(),
        _ => "CONSTANT".into(),
    };
    let value = value
        .map(|v| super::convert::f64_arg(&v, "constant_values"))
        .transpose()?
        .unwrap_or(0.0);
    t(sh::pad(&x, &p, &mode, value)?)
}

fn broadcast_to(it: &mut Interp, a: Args) -> R<Value> {
    let [x, shape, _name] = a.bind("broadcast_to", ["input", "shape", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let dims = dims_arg(it, &req(shape))?;
    t(sh::broadcast_to(&x, &dims)?)
}

fn gather(it: &mut Interp, a: Args) -> R<Value> {
    let [params, indices, _validate, axis, _batch, _name] = a.bind(
        "gather",
        [
            "params",
            "indices",
            "validate_indices=None",
            "axis=None",
            "batch_dims=0",
            "name=None",
        ],
    )?;
    let p = to_tensor(it, &req(params), None)?;
    let idx = to_tensor(it, &req(indices), None)?;
    if idx.dtype().is_float() {
        return Err(type_err(format!("Value passed to parameter 'indices' has DataType {} not in list of allowed values: int16, int32, int64", idx.dtype().name())));
    }
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    t(select::gather(&p, &idx, axis)?)
}

fn gather_nd(it: &mut Interp, a: Args) -> R<Value> {
    let [params, indices, _batch, _name] = a.bind(
        "gather_nd",
        ["params", "indices", "batch_dims=0", "name=None"],
    )?;
    let p = to_tensor(it, &req(params), None)?;
    let idx = to_tensor(it, &req(indices), None)?;
    t(select::gather_nd(&p, &idx)?)
}

fn boolean_mask(it: &mut Interp, a: Args) -> R<Value> {
    let [x, mask, axis, _name] = a.bind(
        "boolean_mask",
        ["tensor", "mask", "axis=None", "name='boolean_mask'"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let m = to_tensor(it, &req(mask), Some(DType::Bool))?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    t(select::boolean_mask(&x, &m, axis.max(0) as usize)?)
}

fn where_(it: &mut Interp, a: Args) -> R<Value> {
    let [cond, x, y, _name] = a.bind("where", ["condition", "x=None", "y=None", "name=None"])?;
    let c = to_tensor(it, &req(cond), None)?;
    match (x, y) {
        (None, None) => t(select::where_indices(&c)),
        (Some(x), Some(y)) => {
            let (x, y) = super::tf_math::pair(it, &x, &y)?;
            t(select::select(&c, &x, &y)?)
        }
        _ => Err(value_err("x and y must both be non-None or both be None.")),
    }
}

fn scatter_nd(it: &mut Interp, a: Args) -> R<Value> {
    let [indices, updates, shape, _name] =
        a.bind("scatter_nd", ["indices", "updates", "shape", "name=None"])?;
    let idx = to_tensor(it, &req(indices), None)?;
    let upd = to_tensor(it, &req(updates), None)?;
    let dims = dims_arg(it, &req(shape))?;
    t(select::scatter_nd(&idx, &upd, &dims)?)
}

fn meshgrid(it: &mut Interp, a: Args) -> R<Value> {
    let mut ij = false;
    for (k, v) in &a.kw {
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
    let mut xs = Vec::new();
    for v in &a.pos {
        xs.push(to_tensor(it, v, None)?);
    }
    Ok(list_of(crate::tensor::ops::creation::meshgrid(&xs, ij)?))
}

fn reverse(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, _name] = a.bind("reverse", ["tensor", "axis", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let nd = x.ndim() as i64;
    let axes: Vec<usize> = int_list(it, &req(axis), "axis")?
        .into_iter()
        .map(|d| if d < 0 { d + nd } else { d } as usize)
        .collect();
    t(sh::reverse(&x, &axes))
}

fn direction(v: Option<Value>) -> R<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "ASCENDING" => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "DESCENDING" => Ok(true),
        Some(_) => Err(value_err(
            "`direction` must be one of: 'ASCENDING', 'DESCENDING'",
        )),
    }
}

fn sort_fn(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, dir, _name] = a.bind(
        "sort",
        ["values", "axis=-1", "direction='ASCENDING'", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1);
    t(sort::sort(&x, axis, direction(dir)?)?)
}

fn argsort(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, dir, _stable, _name] = a.bind(
        "argsort",
        [
            "values",
            "axis=-1",
            "direction='ASCENDING'",
            "stable=False",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1);
    t(sort::argsort(&x, axis, direction(dir)?)?)
}

pub fn top_k(it: &mut Interp, a: Args) -> R<Value> {
    let [x, k, _sorted, _itype, _name] = a.bind(
        "top_k",
        [
            "input",
            "k=1",
            "sorted=True",
            "index_type=tf.int32",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let k = k.map(|v| i64_arg(&v, "k")).transpose()?.unwrap_or(1);
    if k < 0 {
        return Err(value_err(format!(
            "'k' input must be non-negative, got {}",
            k
        )));
    }
    let (v, i) = sort::top_k(&x, k as usize)?;
    Ok(Value::Object(Rc::new(NamedTuple {
        type_name: "TopKV2",
        fields: vec![("values", Value::Tensor(v)), ("indices", Value::Tensor(i))],
    })))
}

fn unique(it: &mut Interp, a: Args, counts: bool) -> R<Value> {
    let name = if counts {
        "unique_with_counts"
    } else {
        "unique"
    };
    let [x, out_idx, _name] = a.bind(name, ["x", "out_idx=tf.int32", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let (y, idx, count) = sort::unique(&x, dtype_or(out_idx, DType::I32)?)?;
    let mut fields = vec![("y", Value::Tensor(y)), ("idx", Value::Tensor(idx))];
    if counts {
        fields.push(("count", Value::Tensor(count)));
    }
    Ok(Value::Object(Rc::new(NamedTuple {
        type_name: if counts { "UniqueWithCounts" } else { "Unique" },
        fields,
    })))
}

pub fn install(tf: &Module, math: &Module) {
    add_all(
        tf,
        &[
            ("reshape", reshape),
            ("transpose", transpose),
            ("expand_dims", expand_dims),
            ("squeeze", squeeze),
            ("concat", concat),
            ("stack", stack),
            ("unstack", unstack),
            ("split", split),
            ("tile", tile),
            ("pad", pad),
            ("broadcast_to", broadcast_to),
            ("gather", gather),
            ("gather_nd", gather_nd),
            ("boolean_mask", boolean_mask),
            ("where", where_),
            ("scatter_nd", scatter_nd),
            ("meshgrid", meshgrid),
            ("reverse", reverse),
            ("sort", sort_fn),
            ("argsort", argsort),
            ("unique", |it, a| unique(it, a, false)),
            ("unique_with_counts", |it, a| unique(it, a, true)),
        ],
    );
    add_all(math, &[("top_k", top_k)]);
}
