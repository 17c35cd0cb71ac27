//! numpy arrays as objects a program writes to. Views share their array's buffer: basic
//! indexing (`a[1:, ::2]`, `a[0]` of a matrix), `a.T`, `transpose`, `reshape` and `ravel`
//! of a C-contiguous array, `squeeze`, `expand_dims`, `view`. Item assignment takes basic
//! indices, boolean masks and integer arrays (`a[0, 0] = 9`, `a[a > 5] = 0`,
//! `a[[1, 3]] = v`), casting the value to the array's dtype and broadcasting it as numpy
//! does; augmented assignment (`a += 1`) writes in place under numpy's `same_kind` rule; and
//! `fill` and `sort` change the array itself.

use super::convert::{i64_arg, int_list};
use super::numpy::np_array;
use crate::errors::ExcKind;
use crate::eval::error::{err, index_err, raise, type_err, R};
use crate::eval::{Args, Interp, Value};
use crate::syntax::ast::BinOp;
use crate::tensor::broadcast::broadcast_shapes;
use crate::tensor::np_array::{shape_str, NpArray, ViewOp};
use crate::tensor::ops::index::{resolve, Index};
use crate::tensor::ops::{creation, select, shape, sort};
use crate::tensor::{DType, Tensor};
use ndarray::SliceInfoElem;
use std::rc::Rc;

fn wrap(a: NpArray) -> Value {
    // An element of a string array is a `bytes`, as in numpy's object arrays.
    if a.dtype() == DType::Str && a.tensor().ndim() == 0 {
        return Value::ndarray(a.tensor());
    }
    Value::NdArray(Rc::new(a))
}

/// The array attributes this file answers.
pub(crate) fn is_view_attr(name: &str) -> bool {
    matches!(
        name,
        "T" | "transpose" | "reshape" | "ravel" | "squeeze" | "view" | "fill" | "sort" | "swapaxes"
    )
}

/// `a.T`, or one of this file's methods bound to `v`.
pub(crate) fn view_attr(v: &Value, a: &NpArray, name: &str) -> Option<Value> {
    let name: &'static str = match name {
        "T" => return Some(wrap(a.view(ViewOp::Permute(reversed(a.ndim()))))),
        "transpose" => "transpose",
        "reshape" => "reshape",
        "ravel" => "ravel",
        "squeeze" => "squeeze",
        "view" => "view",
        "fill" => "fill",
        "swapaxes" => "swapaxes",
        _ => "sort",
    };
    Some(Value::method(v.clone(), name, method))
}

/// The array methods that are numpy's functions of the same name with the array first.
const FORWARDED: &[&str] = &[
    "argsort",
    "clip",
    "conj",
    "cumprod",
    "cumsum",
    "diagonal",
    "dot",
    "nonzero",
    "ptp",
    "repeat",
    "searchsorted",
    "std",
    "swapaxes",
    "take",
    "trace",
    "var",
];

/// `a.cumsum(...)` and the like: `np.cumsum(a, ...)`, when tensh's numpy has the function.
pub(crate) fn forwarded(it: &mut Interp, v: &Value, name: &str) -> R<Option<Value>> {
    let Some(&name) = FORWARDED.iter().find(|n| **n == name) else {
        return Ok(None);
    };
    let np = it.import_module("numpy")?;
    if it.get_attr(&np, name).is_err() {
        return Ok(None);
    }
    Ok(Some(Value::method(v.clone(), name, forward)))
}

fn forward(it: &mut Interp, recv: &Value, name: &'static str, mut args: Args) -> R<Value> {
    let np = it.import_module("numpy")?;
    let f = it.get_attr(&np, name)?;
    args.pos.insert(0, recv.clone());
    it.call(&f, args)
}

fn reversed(n: usize) -> Rc<[usize]> {
    (0..n).rev().collect()
}

/// The shape arguments of `reshape(2, 3)` or `reshape((2, 3))`, likewise `transpose`.
fn dims_args(it: &mut Interp, pos: &[Value], what: &str) -> R<Option<Vec<i64>>> {
    match pos {
        [] | [Value::None] => Ok(None),
        [one] => Ok(Some(int_list(it, one, what)?)),
        many => Ok(Some(int_list(it, &Value::tuple(many.to_vec()), what)?)),
    }
}

fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::NdArray(a) = recv else {
        return Ok(Value::None);
    };
    match name {
        "transpose" => {
            let perm = dims_args(it, &args.pos, "axes")?;
            transpose(a, perm.as_deref())
        }
        "reshape" => {
            let dims = dims_args(it, &args.pos, "shape")?.unwrap_or_default();
            reshape(a, &dims)
        }
        "ravel" => ravel(a),
        "swapaxes" => {
            let [a1, a2] = args.bind("swapaxes", ["axis1", "axis2"])?;
            let (x, y) = (a1.unwrap_or(Value::None), a2.unwrap_or(Value::None));
            swap_axes(a, &x, &y)
        }
        "squeeze" => {
            let [axis] = args.bind("squeeze", ["axis=None"])?;
            let axes = match axis {
                None => None,
                Some(v) => Some(int_list(it, &v, "axis")?),
            };
            squeeze(a, axes.as_deref())
        }
        "view" => {
            let [dtype, _type] = args.bind("view", ["dtype=None", "type=None"])?;
            match dtype
                .map(|d| super::numpy::np_opt_dtype(&d))
                .transpose()?
                .flatten()
            {
                Some(d) if d != a.dtype() => view_as(&a.tensor(), d).map(Value::ndarray),
                _ => Ok(wrap(a.view(ViewOp::Permute((0..a.ndim()).collect())))),
            }
        }
        "fill" => {
            let [value] = args.bind("fill", ["value"])?;
            let (n, d) = (a.ndim(), a.dtype());
            let v = np_array(it, &value.unwrap_or(Value::None), None)?;
            if v.size() != 1 {
                return raise(
                    ExcKind::ValueError,
                    "setting an array element with a sequence.",
                );
            }
            store(a, &full(n), &v.cast(d))
        }
        _ => {
            let [axis] = args.bind("sort", ["axis=-1"])?;
            let axis = match axis {
                Some(v) => i64_arg(&v, "axis")?,
                None => -1,
            };
            let sorted = sort::sort(&a.tensor(), axis, false).map_err(super::numpy::np_err)?;
            store(a, &full(sorted.ndim()), &sorted)
        }
    }
}

fn full(n: usize) -> Vec<SliceInfoElem> {
    vec![
        SliceInfoElem::Slice {
            start: 0,
            end: None,
            step: 1
        };
        n
    ]
}

/// Writes `v` (of the array's dtype and shape) over the whole array.
pub(crate) fn replace(a: &NpArray, v: &Tensor) -> R<()> {
    Ok(a.assign(&full(v.ndim()), v)?)
}

fn store(a: &NpArray, elems: &[SliceInfoElem], v: &Tensor) -> R<Value> {
    a.assign(elems, v)?;
    Ok(Value::None)
}

fn axis_index(axis: i64, n: usize) -> R<usize> {
    let j = if axis < 0 { axis + n as i64 } else { axis };
    if j < 0 || j >= n as i64 {
        return raise(
            ExcKind::AxisError,
            format!("axis {axis} is out of bounds for array of dimension {n}"),
        );
    }
    Ok(j as usize)
}

fn swap_axes(a: &NpArray, x: &Value, y: &Value) -> R<Value> {
    let n = a.ndim();
    let x = axis_index(i64_arg(x, "axis1")?, n)?;
    let y = axis_index(i64_arg(y, "axis2")?, n)?;
    let mut perm: Vec<usize> = (0..n).collect();
    perm.swap(x, y);
    Ok(wrap(a.view(ViewOp::Permute(perm.into()))))
}

crate::builtin! {
    /// Interchange two axes of an array.
    python ["np.swapaxes"]
    fn np_swapaxes(it, a, axis1, axis2) {
        match &a {
            Value::NdArray(arr) => swap_axes(arr, &axis1, &axis2),
            other => {
                let arr = NpArray::new(np_array(it, other, None)?);
                swap_axes(&arr, &axis1, &axis2)
            }
        }
    }
}

/// `a.transpose(perm)` / `np.transpose`: a view with the axes reordered.
pub(crate) fn transpose(a: &NpArray, perm: Option<&[i64]>) -> R<Value> {
    let n = a.ndim();
    let Some(perm) = perm else {
        return Ok(wrap(a.view(ViewOp::Permute(reversed(n)))));
    };
    if perm.len() != n {
        return raise(ExcKind::ValueError, "axes don't match array");
    }
    let mut out = Vec::with_capacity(n);
    for &p in perm {
        let j = axis_index(p, n)?;
        if out.contains(&j) {
            return raise(ExcKind::ValueError, "repeated axis in transpose");
        }
        out.push(j);
    }
    Ok(wrap(a.view(ViewOp::Permute(out.into()))))
}

/// `a.reshape(dims)` / `np.reshape`: a view when the array is C-contiguous, as numpy
/// makes one, and a copy otherwise.
pub(crate) fn reshape(a: &NpArray, dims: &[i64]) -> R<Value> {
    let t = a.tensor();
    let size = t.size();
    if dims.iter().filter(|&&d| d == -1).count() > 1 {
        return raise(
            ExcKind::ValueError,
            "can only specify one unknown dimension",
        );
    }
    if dims.iter().any(|&d| d < -1) {
        return raise(ExcKind::ValueError, "negative dimensions not allowed");
    }
    let known: usize = dims
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let fail = || {
        let shown: Vec<String> = dims
            .iter()
            .map(|&d| {
                if d == -1 {
                    "newaxis".into()
                } else {
                    d.to_string()
                }
            })
            .collect();
        let shown = match shown.as_slice() {
            [one] => format!("({one},)"),
            _ => format!("({})", shown.join(",")),
        };
        err(
            ExcKind::ValueError,
            format!("cannot reshape array of size {size} into shape {shown}"),
        )
    };
    let out: Vec<usize> = dims
        .iter()
        .map(|&d| match d {
            -1 if known > 0 && size.is_multiple_of(known) => Ok(size / known),
            -1 => Err(fail()),
            d => Ok(d as usize),
        })
        .collect::<R<_>>()?;
    if out.iter().product::<usize>() != size {
        return Err(fail());
    }
    let contiguous = crate::with_data!(&t.data, x => x.is_standard_layout());
    if contiguous {
        Ok(wrap(a.view(ViewOp::Reshape(out.into()))))
    } else {
        Ok(Value::ndarray(shape::reshape_to(&t.contiguous(), &out)))
    }
}

/// `a.ravel()` / `np.ravel`: a flat view of a C-contiguous array, else a flat copy.
pub(crate) fn ravel(a: &NpArray) -> R<Value> {
    let n = a.tensor().size() as i64;
    reshape(a, &[n])
}

/// `a.squeeze(axis)` / `np.squeeze`: a view without the named (or all) length-one axes.
pub(crate) fn squeeze(a: &NpArray, axes: Option<&[i64]>) -> R<Value> {
    let t = a.tensor();
    let dims = t.shape();
    let drop: Vec<usize> = match axes {
        None => (0..dims.len()).filter(|&d| dims[d] == 1).collect(),
        Some(ax) => {
            let mut out = Vec::new();
            for &x in ax {
                let j = axis_index(x, dims.len())?;
                if dims[j] != 1 {
                    return raise(
                        ExcKind::ValueError,
                        "cannot select an axis to squeeze out which has size not equal to one",
                    );
                }
                out.push(j);
            }
            out
        }
    };
    let elems: Vec<SliceInfoElem> = (0..dims.len())
        .map(|d| match drop.contains(&d) {
            true => SliceInfoElem::Index(0),
            false => full(1)[0],
        })
        .collect();
    Ok(wrap(a.view(ViewOp::Slice(elems.into())).into_array()))
}

/// `np.expand_dims(a, axis)`: a view with new length-one axes.
pub(crate) fn expand_dims(a: &NpArray, axes: &[i64]) -> R<Value> {
    let n = a.ndim() + axes.len();
    let mut new = Vec::with_capacity(axes.len());
    for &x in axes {
        let j = axis_index(x, n)?;
        if new.contains(&j) {
            return raise(ExcKind::ValueError, "repeated axis");
        }
        new.push(j);
    }
    let elems: Vec<SliceInfoElem> = (0..n)
        .map(|d| match new.contains(&d) {
            true => SliceInfoElem::NewAxis,
            false => full(1)[0],
        })
        .collect();
    Ok(wrap(a.view(ViewOp::Slice(elems.into()))))
}

/// The subscript's items: a tuple's elements, or the one index. A list of bools is a
/// mask, as numpy reads it.
fn items_of(index: &Value) -> Vec<Value> {
    let items = match index {
        Value::Tuple(items) => items.as_ref().clone(),
        other => vec![other.clone()],
    };
    items
        .into_iter()
        .map(|v| match &v {
            Value::List(l)
                if !l.borrow().is_empty()
                    && l.borrow().iter().all(|x| matches!(x, Value::Bool(_))) =>
            {
                let bools: Vec<bool> = l
                    .borrow()
                    .iter()
                    .map(|x| matches!(x, Value::Bool(true)))
                    .collect();
                Value::ndarray(Tensor::from_vec(&[bools.len()], bools))
            }
            _ => v,
        })
        .collect()
}

/// A lone boolean mask's check against the array's shape, in numpy's words.
fn check_mask(t: &Tensor, m: &Tensor) -> R<()> {
    if m.ndim() > t.ndim() {
        return Err(index_err(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            t.ndim(),
            m.ndim()
        )));
    }
    for (d, (&n, &k)) in t.shape().iter().zip(m.shape()).enumerate() {
        if n != k {
            return Err(index_err(format!(
                "boolean index did not match indexed array along dimension {d}; dimension is {n} but corresponding boolean dimension is {k}"
            )));
        }
    }
    Ok(())
}

/// Whether the subscript needs numpy's advanced indexing (a mask or integer arrays).
fn is_advanced(items: &[Value]) -> bool {
    items.iter().any(|v| match v {
        Value::List(_) => true,
        Value::NdArray(a) => a.ndim() > 0,
        Value::Tensor(t) => t.ndim() > 0 && (t.dtype().is_int() || t.dtype() == DType::Bool),
        _ => false,
    })
}

/// Basic indices checked as numpy checks them (its wording), then resolved against `dims`.
fn basic(it: &mut Interp, dims: &[usize], items: &[Value]) -> R<(Vec<Index>, Vec<SliceInfoElem>)> {
    let mut idx = Vec::with_capacity(items.len());
    for item in items {
        idx.push(super::attrs::index_item(it, item)?);
    }
    let consumed = idx
        .iter()
        .filter(|i| matches!(i, Index::Int(_) | Index::Slice(..)))
        .count();
    if consumed > dims.len() {
        return Err(index_err(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            dims.len(),
            consumed
        )));
    }
    if idx.iter().filter(|i| matches!(i, Index::Ellipsis)).count() > 1 {
        return Err(index_err(
            "an index can only have a single ellipsis ('...')",
        ));
    }
    let mut dim = 0;
    for i in &idx {
        match i {
            Index::Ellipsis => dim += dims.len() - consumed,
            Index::NewAxis => {}
            Index::Int(k) => {
                let n = dims[dim] as i64;
                if *k >= n || *k < -n {
                    return Err(index_err(format!(
                        "index {k} is out of bounds for axis {dim} with size {n}"
                    )));
                }
                dim += 1;
            }
            Index::Slice(_, _, step) => {
                if *step == Some(0) {
                    return raise(ExcKind::ValueError, "slice step cannot be zero");
                }
                dim += 1;
            }
        }
    }
    let elems = resolve(dims, &idx).map_err(|e| index_err(e.message))?;
    Ok((idx, elems))
}

/// `a[index]` for a numpy array: a view for basic indices (a scalar when every axis gets
/// an integer), a copy for masks and integer arrays.
pub(crate) fn get_item(it: &mut Interp, a: &NpArray, index: &Value) -> R<Value> {
    let t = a.tensor();
    let items = items_of(index);
    if let [Value::Bool(b)] = items.as_slice() {
        // A scalar mask: a new axis of length one (True) or zero (False).
        let view = a.view(ViewOp::Slice(Rc::from(vec![SliceInfoElem::NewAxis])));
        return Ok(match b {
            true => wrap(view),
            false => Value::ndarray(Tensor::zeros(t.dtype(), &[&[0], t.shape()].concat())),
        });
    }
    if is_advanced(&items) {
        return Ok(Value::ndarray(advanced(it, &t, &items)?));
    }
    if t.ndim() == 0
        && !items
            .iter()
            .all(|v| matches!(v, Value::None | Value::Ellipsis))
    {
        return Err(index_err(
            "too many indices for array: array is 0-dimensional, but 1 were indexed",
        ));
    }
    let (idx, elems) = basic(it, t.shape(), &items)?;
    let view = a.view(ViewOp::Slice(elems.into()));
    let all_ints = idx.iter().all(|i| matches!(i, Index::Int(_))) && idx.len() == t.ndim();
    if all_ints || view.ndim() == 0 {
        // numpy scalars are values, not views.
        return Ok(Value::ndarray(view.tensor().contiguous()));
    }
    Ok(wrap(view))
}

/// `x[items]` with a boolean mask or integer arrays among the items: a copy.
fn advanced(it: &mut Interp, t: &Tensor, items: &[Value]) -> R<Tensor> {
    if let [m] = items {
        if let Some(m) = crate::eval::value::tensor_of(m).filter(|m| m.dtype() == DType::Bool) {
            check_mask(t, &m)?;
            return Ok(select::boolean_mask(t, &m, 0)?);
        }
    }
    match super::np_fancy::read(it, t, items)? {
        Some(r) => Ok(r),
        None => raise(ExcKind::IndexError, "invalid index"),
    }
}

/// The value to store, as an array of `d`, with Python's errors for values that are not
/// numbers.
fn value_as(it: &mut Interp, v: &Value, d: DType) -> R<Tensor> {
    match v {
        Value::Float(x) if x.is_nan() && !d.is_float() && d != DType::Bool => {
            raise(ExcKind::ValueError, "cannot convert float NaN to integer")
        }
        Value::Float(x) if x.is_infinite() && !d.is_float() && d != DType::Bool => raise(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        ),
        Value::None if d.is_float() => Ok(Tensor::full(d, &[], f64::NAN)),
        // A string is read as `int()` or `float()` reads it.
        Value::Str(s) if d.is_float() => match s.trim().replace('_', "").parse::<f64>() {
            Ok(x) => Ok(Tensor::full(d, &[], x)),
            Err(_) => raise(
                ExcKind::ValueError,
                format!("could not convert string to float: {}", it.repr(v)?),
            ),
        },
        Value::Str(s) => match crate::eval::bigint::parse_int(s, 10)? {
            Some(n) => Ok(np_array(it, &n, None)?.cast(d)),
            None => raise(
                ExcKind::ValueError,
                format!("invalid literal for int() with base 10: {}", it.repr(v)?),
            ),
        },
        Value::None => Err(type_err(format!(
            "{}() argument must be a string, a bytes-like object or a real number, not 'NoneType'",
            if d == DType::Bool { "bool" } else { "int" }
        ))),
        v => Ok(np_array(it, v, None)?.cast(d)),
    }
}

/// `a[index] = value`.
pub(crate) fn set_item(it: &mut Interp, obj: &Value, index: &Value, value: Value) -> R<()> {
    let Value::NdArray(a) = obj else {
        return Err(type_err(format!(
            "'{}' object does not support item assignment",
            obj.type_name()
        )));
    };
    let value = &value;
    // Only the shape and dtype are kept: a live snapshot would make the write copy the
    // whole buffer first.
    let (dims, dtype) = {
        let t = a.tensor();
        (t.shape().to_vec(), t.dtype())
    };
    if dims.is_empty() {
        return Err(type_err(format!(
            "'numpy.{}' object does not support item assignment",
            dtype.name()
        )));
    }
    let v = value_as(it, value, dtype)?;
    let items = items_of(index);
    if let [Value::Bool(b)] = items.as_slice() {
        if *b {
            a.assign(&full(dims.len()), &v)?;
        }
        return Ok(());
    }
    if !is_advanced(&items) {
        let (_, elems) = basic(it, &dims, &items)?;
        if matches!(value, Value::List(_) | Value::Tuple(_)) {
            let target = a.view(ViewOp::Slice(elems.clone().into())).ndim();
            if v.ndim() > target {
                return raise(
                    ExcKind::ValueError,
                    format!("setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {target}."),
                );
            }
        }
        a.assign(&elems, &v)?;
        return Ok(());
    }
    // The positions the subscript picks, found by indexing the positions themselves.
    let n: usize = dims.iter().product();
    crate::tensor::alloc::check(&[n], DType::I64, "setitem")?;
    let pos = shape::reshape_to(&creation::range(0.0, n as f64, 1.0, DType::I64)?, &dims);
    let picked = advanced(it, &pos, &items)?;
    let mask = matches!(items.as_slice(), [m] if crate::eval::value::tensor_of(m)
        .is_some_and(|m| m.dtype() == DType::Bool));
    let v = if mask && v.ndim() == 1 && v.size() != picked.shape()[0] && v.size() != 1 {
        return raise(
            ExcKind::ValueError,
            format!(
                "NumPy boolean array indexing assignment cannot assign {} input values to the {} output values where the mask is true",
                v.size(),
                picked.shape()[0]
            ),
        );
    } else {
        let target = picked.shape();
        let fits = broadcast_shapes(v.shape(), target).as_deref() == Some(target);
        if !fits {
            return raise(
                ExcKind::ValueError,
                format!(
                    "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
                    shape_str(v.shape()),
                    shape_str(target)
                ),
            );
        }
        shape::broadcast_to(&v, target)?.contiguous()
    };
    let positions: Vec<usize> = picked
        .to_i64_vec()
        .into_iter()
        .map(|p| p as usize)
        .collect();
    a.store_at(&positions, &v)?;
    Ok(())
}

/// numpy's `same_kind` casting: whether a ufunc's output of `from` may be stored in `to`.
fn same_kind(from: DType, to: DType) -> bool {
    let rank = |d: DType| match d {
        DType::Bool => 0,
        DType::U8 | DType::I32 | DType::I64 => 1,
        _ => 2,
    };
    rank(from) <= rank(to)
}

fn ufunc_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply",
        BinOp::Div => "divide",
        BinOp::FloorDiv => "floor_divide",
        BinOp::Mod => "remainder",
        BinOp::Pow => "power",
        BinOp::MatMul => "matmul",
        BinOp::BitAnd => "bitwise_and",
        BinOp::BitOr => "bitwise_or",
        BinOp::BitXor => "bitwise_xor",
        BinOp::LShift => "left_shift",
        BinOp::RShift => "right_shift",
    }
}

/// `a op= b` for an array `a`: the result is written into `a` itself.
pub(crate) fn inplace(it: &mut Interp, op: BinOp, cur: &Value, rhs: &Value) -> R<Value> {
    let Value::NdArray(a) = cur else {
        return it.binary(op, cur, rhs);
    };
    let (dims, dtype) = {
        let t = a.tensor();
        (t.shape().to_vec(), t.dtype())
    };
    if dims.is_empty() {
        // numpy scalars are immutable: the name is rebound.
        return it.binary(op, cur, rhs);
    }
    let r = it.binary(op, cur, rhs)?;
    let Some(r) = crate::eval::value::tensor_of(&r) else {
        return Ok(r);
    };
    if !same_kind(r.dtype(), dtype) {
        return raise(
            ExcKind::UFuncTypeError,
            format!(
                "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
                ufunc_name(op),
                r.dtype().name(),
                dtype.name()
            ),
        );
    }
    if broadcast_shapes(r.shape(), &dims[..]).as_deref() != Some(&dims[..]) {
        let b = broadcast_shapes(r.shape(), &dims[..]).unwrap_or_else(|| r.shape().to_vec());
        return raise(
            ExcKind::ValueError,
            format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                shape_str(&dims[..]),
                shape_str(&b)
            ),
        );
    }
    a.assign(&full(dims.len()), &r.cast(dtype))?;
    Ok(cur.clone())
}

/// `arr.view(dtype)`: the same bytes read as another dtype; the last axis scales with the
/// ratio of the item sizes. (tensh copies the bytes: writes through the view do not reach
/// the original.)
fn view_as(t: &crate::tensor::Tensor, d: crate::tensor::DType) -> R<crate::tensor::Tensor> {
    let (from, to) = (t.dtype().size_bytes(), d.size_bytes());
    if t.dtype() == crate::tensor::DType::Str || d == crate::tensor::DType::Str {
        return raise(
            ExcKind::TypeError,
            "Cannot change data-type for object array.",
        );
    }
    let mut shape = t.shape().to_vec();
    if from != to {
        let last = shape.last().copied().unwrap_or(1);
        if shape.is_empty() || (last * from) % to != 0 {
            return raise(
                ExcKind::ValueError,
                "When changing to a smaller dtype, its size must be a divisor of the size of original dtype",
            );
        }
        if let Some(l) = shape.last_mut() {
            *l = last * from / to;
        }
    }
    let bytes = crate::tensor::bytes::to_le_bytes(&t.contiguous());
    Ok(crate::tensor::bytes::from_bytes(d, &shape, &bytes, false))
}
