//! Attributes and subscripts of tensors, variables, numpy arrays, dtypes and shapes:
//! `x.shape`, `x.numpy()`, `v.assign(...)`, `x[1:, ::2]`, `shape.as_list()`.

use super::convert::{int_list, tensor_of, to_tensor};
use super::objects::NpDType;
use crate::errors::ExcKind;
use crate::eval::error::{attr_err, raise, type_err, value_err, R};
use crate::eval::value::{Args, Shape, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::ops::index::{strided_slice, Index};
use crate::tensor::ops::reduce::{arg_reduce, Reduce};
use crate::tensor::{DType, Tensor};
use std::cell::RefCell;
use std::rc::Rc;

fn shape_value(t: &Tensor) -> Value {
    Value::Shape(Rc::new(Shape::known(t.shape())))
}

fn tuple_of(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())
}

pub fn value_attr(it: &mut Interp, v: &Value, name: &str) -> R<Option<Value>> {
    Ok(match v {
        Value::Tensor(t) => match name {
            "shape" => Some(shape_value(t)),
            "dtype" => Some(Value::DType(t.dtype())),
            "ndim" => Some(Value::Int(t.ndim() as i64)),
            "device" => Some(Value::str("/job:localhost/replica:0/task:0/device:CPU:0")),
            "name" => {
                return Err(attr_err(
                    "Tensor.name is undefined when eager execution is enabled.",
                ))
            }
            "numpy" | "get_shape" | "cpu" | "__len__" | "__array__" => {
                Some(Value::method(v.clone(), static_name(name), tensor_method))
            }
            _ => super::tf_variable_slices::tensor_attr(v, t, name),
        },
        Value::Variable(var) => match name {
            "name" => Some(Value::str(&var.name.borrow())),
            "shape" => Some(shape_value(&var.value.borrow())),
            "dtype" => Some(Value::DType(var.value.borrow().dtype())),
            "ndim" => Some(Value::Int(var.value.borrow().ndim() as i64)),
            "trainable" => Some(Value::Bool(var.trainable)),
            "device" => Some(Value::str("/job:localhost/replica:0/task:0/device:CPU:0")),
            "numpy" | "assign" | "assign_add" | "assign_sub" | "read_value" | "value"
            | "get_shape" => Some(Value::method(v.clone(), static_name(name), variable_method)),
            _ => super::tf_variable_scatter::variable_attr(v, name),
        },
        Value::NdArray(a) => match name {
            _ if super::np_views::is_view_attr(name) => super::np_views::view_attr(v, a, name),
            "shape" => Some(tuple_of(a.tensor().shape())),
            "dtype" => Some(Value::Object(Rc::new(NpDType(a.dtype())))),
            "ndim" => Some(Value::Int(a.ndim() as i64)),
            "size" => Some(Value::Int(a.tensor().size() as i64)),
            "nbytes" => Some(Value::Int(a.tensor().nbytes() as i64)),
            "itemsize" => Some(Value::Int(a.dtype().size_bytes() as i64)),
            // numpy's real and imag of a complex array (tensh copies them; numpy views).
            "real" | "imag" => {
                let (re, im) = crate::tensor::ops::complex::parts(&a.tensor());
                Some(Value::ndarray(if name == "real" { re } else { im }))
            }
            "conj" | "conjugate" => {
                Some(Value::method(v.clone(), static_name(name), ndarray_method))
            }
            "tolist" | "item" | "astype" | "sum" | "mean" | "max" | "min" | "argmax" | "argmin"
            | "flatten" | "copy" | "round" | "all" | "any" | "prod" => {
                Some(Value::method(v.clone(), static_name(name), ndarray_method))
            }
            _ => super::np_views::forwarded(it, v, name)?,
        },
        Value::DType(d) => match name {
            "name" => Some(Value::str(d.name())),
            "is_floating" => Some(Value::Bool(d.is_float())),
            "is_integer" => Some(Value::Bool(d.is_int())),
            "is_unsigned" => Some(Value::Bool(d.is_unsigned())),
            "is_signed" => Some(Value::Bool(!d.is_unsigned() && *d != DType::Str)),
            "is_complex" => Some(Value::Bool(d.is_complex())),
            "is_quantized" => Some(Value::Bool(false)),
            "real_dtype" => Some(Value::DType(d.real_dtype())),
            "is_bool" => Some(Value::Bool(*d == DType::Bool)),
            "size" => Some(Value::Int(d.size_bytes() as i64)),
            "base_dtype" => Some(v.clone()),
            "as_numpy_dtype" => Some(Value::Object(Rc::new(super::objects::NpType(*d)))),
            "limits" => Some(dtype_limits(*d)?),
            "min" | "max" => Some(dtype_limit(*d, name == "max")),
            _ => None,
        },
        Value::Shape(s) => match name {
            "rank" | "ndims" => Some(
                s.dims
                    .as_ref()
                    .map(|d| Value::Int(d.len() as i64))
                    .unwrap_or(Value::None),
            ),
            "dims" => Some(match &s.dims {
                Some(d) => Value::list(
                    d.iter()
                        .map(|x| x.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                        .collect(),
                ),
                None => Value::None,
            }),
            "as_list" | "num_elements" | "is_fully_defined" | "concatenate"
            | "is_compatible_with" => {
                Some(Value::method(v.clone(), static_name(name), shape_method))
            }
            _ => None,
        },
        _ => {
            let _ = it;
            None
        }
    })
}

/// `DType.limits`: TensorFlow clips the low end to 0 (`tf.int8.limits` is `(0, 127)`); floats
/// other than the 16-bit ones are `(0, 1)`.
fn dtype_limits(d: DType) -> R<Value> {
    let hi = match d {
        DType::F32 | DType::F64 => Value::Int(1),
        DType::Bool => Value::Bool(true),
        d if d.is_int() => match dtype_limit(d, true) {
            Value::NdArray(a) => crate::eval::value::scalar_value(&a.tensor()),
            v => v,
        },
        d => {
            return Err(crate::eval::error::value_err(format!(
                "<dtype: '{}'> does not have defined limits.",
                d.name()
            )))
        }
    };
    Ok(Value::tuple(vec![Value::Int(0), hi]))
}

/// `tf.int8.max`, `tf.float16.min`: numpy scalars of the dtype, as TensorFlow gives them.
fn dtype_limit(d: DType, max: bool) -> Value {
    use crate::tensor::Tensor;
    let pick = |lo: Tensor, hi: Tensor| Value::ndarray(if max { hi } else { lo });
    match d {
        DType::F32 => pick(Tensor::scalar(f32::MIN), Tensor::scalar(f32::MAX)),
        DType::F64 => pick(Tensor::scalar(f64::MIN), Tensor::scalar(f64::MAX)),
        DType::F16 => pick(
            Tensor::scalar(half::f16::MIN),
            Tensor::scalar(half::f16::MAX),
        ),
        DType::BF16 => pick(
            Tensor::scalar(half::bf16::MIN),
            Tensor::scalar(half::bf16::MAX),
        ),
        DType::I8 => pick(Tensor::scalar(i8::MIN), Tensor::scalar(i8::MAX)),
        DType::I16 => pick(Tensor::scalar(i16::MIN), Tensor::scalar(i16::MAX)),
        DType::I32 => pick(Tensor::scalar(i32::MIN), Tensor::scalar(i32::MAX)),
        DType::I64 => pick(Tensor::scalar(i64::MIN), Tensor::scalar(i64::MAX)),
        DType::U8 => pick(Tensor::scalar(0u8), Tensor::scalar(u8::MAX)),
        DType::U16 => pick(Tensor::scalar(0u16), Tensor::scalar(u16::MAX)),
        DType::U32 => pick(Tensor::scalar(0u32), Tensor::scalar(u32::MAX)),
        DType::U64 => pick(Tensor::scalar(0u64), Tensor::scalar(u64::MAX)),
        DType::Bool => Value::Bool(max),
        DType::Str | DType::C64 | DType::C128 => Value::None,
    }
}

/// Method names as `'static` strings (the bound-method record keeps them).
fn static_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "numpy",
        "get_shape",
        "cpu",
        "__len__",
        "__array__",
        "assign",
        "assign_add",
        "assign_sub",
        "read_value",
        "value",
        "tolist",
        "item",
        "astype",
        "conj",
        "conjugate",
        "reshape",
        "sum",
        "mean",
        "max",
        "min",
        "argmax",
        "argmin",
        "flatten",
        "copy",
        "round",
        "all",
        "any",
        "prod",
        "std",
        "as_list",
        "num_elements",
        "is_fully_defined",
        "concatenate",
        "is_compatible_with",
    ];
    NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("method")
}

fn tensor_method(_it: &mut Interp, recv: &Value, name: &'static str, _args: Args) -> R<Value> {
    let t = tensor_of(recv).unwrap_or_else(|| Tensor::scalar(0f32));
    Ok(match name {
        "numpy" | "__array__" => Value::ndarray(t),
        "get_shape" => shape_value(&t),
        "__len__" => return super::tensor_len(recv),
        _ => Value::Tensor(t),
    })
}

fn variable_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::Variable(var) = recv else {
        return Ok(Value::None);
    };
    match name {
        "numpy" => Ok(Value::ndarray(var.value.borrow().clone())),
        "read_value" | "value" => Ok(Value::Tensor(var.read())),
        "get_shape" => Ok(shape_value(&var.value.borrow())),
        _ => {
            let [value, _use_locking, _name, read_value] = args.bind(
                name,
                ["value", "use_locking=False", "name=None", "read_value=True"],
            )?;
            let cur = var.value.borrow().clone();
            let x = to_tensor(it, &value.unwrap_or(Value::None), Some(cur.dtype()))?;
            let new = match name {
                "assign" => {
                    if x.shape() != cur.shape() {
                        return Err(value_err(format!(
                            "Cannot assign value to variable ' {}': Shape mismatch.The variable shape {}, and the assigned value shape {} are incompatible.",
                            var.name.borrow(),
                            crate::eval::repr::shape_str(&Some(cur.shape().iter().map(|&d| Some(d)).collect())),
                            crate::eval::repr::shape_str(&Some(x.shape().iter().map(|&d| Some(d)).collect()))
                        )));
                    }
                    x
                }
                "assign_add" => crate::tensor::ops::elementwise::binary(
                    crate::tensor::ops::elementwise::Binary::Add,
                    &cur,
                    &x,
                )?,
                _ => crate::tensor::ops::elementwise::binary(
                    crate::tensor::ops::elementwise::Binary::Sub,
                    &cur,
                    &x,
                )?,
            };
            if new.shape() != cur.shape() {
                return Err(value_err("Shapes must be equal rank"));
            }
            var.set(new);
            let read = it.flag(read_value, true)?;
            if !read {
                return Ok(Value::None);
            }
            Ok(Value::Variable(Rc::new(Variable {
                name: RefCell::new("UnreadVariable".into()),
                value: var.value.clone(),
                trainable: var.trainable,
                id: 0,
                autocast: var.autocast,
            })))
        }
    }
}

fn axis_arg(it: &mut Interp, v: Option<Value>) -> R<Option<Vec<i64>>> {
    match v {
        None => Ok(None),
        Some(v) => Ok(Some(int_list(it, &v, "axis")?)),
    }
}

fn ndarray_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::NdArray(a) = recv else {
        return Ok(Value::None);
    };
    let t = &a.tensor();
    match name {
        "tolist" => to_list(t),
        "item" => {
            if t.size() != 1 {
                return raise(
                    ExcKind::ValueError,
                    "can only convert an array of size 1 to a Python scalar",
                );
            }
            Ok(super::convert::scalar_value(t))
        }
        "conj" | "conjugate" => Ok(Value::ndarray(crate::tensor::ops::complex::conj(t))),
        "astype" => {
            let d = super::numpy::np_dtype_arg(args.pos.first().unwrap_or(&Value::None))?;
            Ok(Value::ndarray(t.cast(d)))
        }
        "flatten" => Ok(Value::ndarray(crate::tensor::ops::shape::reshape_to(
            &t.contiguous(),
            &[t.size()],
        ))),
        "copy" => Ok(Value::ndarray(t.contiguous())),
        "round" => {
            // numpy: rint(x * 10**d) / 10**d.
            let [decimals, _out] = args.bind("round", ["decimals=0", "out=None"])?;
            let d = match decimals {
                Some(v) => crate::api::convert::i64_arg(&v, "decimals")?,
                None => 0,
            };
            // In the array's own precision, as numpy computes it: a float32 value is scaled
            // in float32 (so 0.768505 rounds to 0.7685 there, not 0.76851), and a negative
            // `decimals` divides first.
            let d = d.clamp(-300, 300) as i32;
            let scale = 10f64.powi(d.abs());
            let f32s = t.dtype() == DType::F32;
            Ok(Value::ndarray(crate::tensor::ops::elementwise::map_f64(
                t,
                move |x| match (f32s, d >= 0) {
                    (true, true) => {
                        let s = scale as f32;
                        ((x as f32 * s).round_ties_even() / s) as f64
                    }
                    (true, false) => {
                        let s = scale as f32;
                        ((x as f32 / s).round_ties_even() * s) as f64
                    }
                    (false, true) => (x * scale).round_ties_even() / scale,
                    (false, false) => (x / scale).round_ties_even() * scale,
                },
            )))
        }
        "argmax" | "argmin" => {
            let [axis] = args.bind(name, ["axis=None"])?;
            match axis {
                None => {
                    let flat = crate::tensor::ops::shape::reshape_to(&t.contiguous(), &[t.size()]);
                    Ok(Value::ndarray(arg_reduce(
                        name == "argmax",
                        &flat,
                        0,
                        DType::I64,
                    )?))
                }
                Some(a) => {
                    let a = super::convert::i64_arg(&a, "axis")?;
                    Ok(Value::ndarray(arg_reduce(
                        name == "argmax",
                        t,
                        a,
                        DType::I64,
                    )?))
                }
            }
        }
        _ => {
            let [axis, keepdims] = args.bind(name, ["axis=None", "keepdims=False"])?;
            let axes = axis_arg(it, axis)?;
            let keep = it.flag(keepdims, false)?;
            let src = if name == "mean" && !t.dtype().is_float() {
                t.cast(DType::F64)
            } else {
                t.clone()
            };
            let src = if matches!(name, "sum" | "prod") {
                super::numpy::accumulating(src)
            } else {
                src
            };
            let op = match name {
                "sum" => Reduce::Sum,
                "mean" => Reduce::Mean,
                "max" => Reduce::Max,
                "min" => Reduce::Min,
                "prod" => Reduce::Prod,
                "all" => Reduce::All,
                "any" => Reduce::Any,
                _ => return Ok(Value::None),
            };
            let src = if matches!(op, Reduce::All | Reduce::Any) {
                src.cast(DType::Bool)
            } else {
                src
            };
            Ok(Value::ndarray(crate::tensor::ops::reduce_numpy::np_reduce(
                op,
                &src,
                axes.as_deref(),
                keep,
            )?))
        }
    }
}

/// `tolist()`: nested Python lists of Python numbers, made from the elements in order and
/// grouped axis by axis from the last (one Value per element, no tensor per element).
fn to_list(t: &Tensor) -> R<Value> {
    if t.ndim() == 0 {
        return Ok(super::convert::scalar_value(t));
    }
    if t.size() == 0 {
        return empty_lists(t.shape());
    }
    crate::eval::budget::values(t.size())?;
    use crate::tensor::Data;
    let mut items: Vec<Value> = match &t.data {
        Data::F32(a) => a.iter().map(|&x| Value::Float(x as f64)).collect(),
        Data::F64(a) => a.iter().map(|&x| Value::Float(x)).collect(),
        Data::I32(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::I64(a) => a.iter().map(|&x| Value::Int(x)).collect(),
        Data::U8(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::I8(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::I16(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::U16(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::U32(a) => a.iter().map(|&x| Value::Int(x as i64)).collect(),
        Data::U64(a) => a
            .iter()
            .map(|&x| crate::eval::bigint::norm(x.into()))
            .collect(),
        Data::F16(a) => a.iter().map(|&x| Value::Float(x.to_f64())).collect(),
        Data::BF16(a) => a.iter().map(|&x| Value::Float(x.to_f64())).collect(),
        Data::Bool(a) => a.iter().map(|&x| Value::Bool(x)).collect(),
        Data::C64(a) => a
            .iter()
            .map(|&x| {
                Value::ndarray(Tensor::scalar(crate::tensor::complex::C128::new(
                    x.re as f64,
                    x.im as f64,
                )))
            })
            .collect(),
        Data::C128(a) => a
            .iter()
            .map(|&x| Value::ndarray(Tensor::scalar(x)))
            .collect(),
        Data::Str(a) => a
            .iter()
            .map(|x| crate::eval::bytes::new_bytes(x.bytes().to_vec()))
            .collect(),
    };
    for &d in t.shape()[1..].iter().rev() {
        let mut grouped = Vec::with_capacity(items.len() / d);
        let mut it = items.into_iter();
        loop {
            let row: Vec<Value> = it.by_ref().take(d).collect();
            if row.is_empty() {
                break;
            }
            grouped.push(Value::list(row));
        }
        items = grouped;
    }
    Ok(Value::list(items))
}

/// `tolist()` of an array with no elements: lists nested down to the first zero axis.
fn empty_lists(shape: &[usize]) -> R<Value> {
    match shape {
        [] | [0, ..] => Ok(Value::list(Vec::new())),
        [n, rest @ ..] => {
            crate::eval::budget::values(*n)?;
            let rows = (0..*n).map(|_| empty_lists(rest)).collect::<R<Vec<_>>>()?;
            Ok(Value::list(rows))
        }
    }
}

fn shape_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::Shape(s) = recv else {
        return Ok(Value::None);
    };
    match name {
        "as_list" => match &s.dims {
            Some(d) => Ok(Value::list(
                d.iter()
                    .map(|x| x.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                    .collect(),
            )),
            None => raise(
                ExcKind::ValueError,
                "as_list() is not defined on an unknown TensorShape.",
            ),
        },
        "num_elements" => Ok(match &s.dims {
            Some(d) if d.iter().all(|x| x.is_some()) => {
                Value::Int(d.iter().map(|x| x.unwrap_or(0) as i64).product())
            }
            _ => Value::None,
        }),
        "is_fully_defined" => Ok(Value::Bool(
            s.dims
                .as_ref()
                .is_some_and(|d| d.iter().all(|x| x.is_some())),
        )),
        "concatenate" => {
            let other = super::tf_core::shape_from(it, args.pos.first().unwrap_or(&Value::None))?;
            Ok(Value::Shape(Rc::new(match (&s.dims, &other.dims) {
                (Some(a), Some(b)) => Shape {
                    dims: Some(a.iter().chain(b.iter()).cloned().collect()),
                },
                _ => Shape { dims: None },
            })))
        }
        _ => {
            let other = super::tf_core::shape_from(it, args.pos.first().unwrap_or(&Value::None))?;
            Ok(Value::Bool(match (&s.dims, &other.dims) {
                (Some(a), Some(b)) => {
                    a.len() == b.len()
                        && a.iter()
                            .zip(b)
                            .all(|(x, y)| x.is_none() || y.is_none() || x == y)
                }
                _ => true,
            }))
        }
    }
}

/// Converts one Python subscript item to a strided-slice index.
pub(crate) fn index_item(it: &mut Interp, v: &Value) -> R<Index> {
    let opt = |it: &mut Interp, v: &Value| -> R<Option<i64>> {
        match v {
            Value::None => Ok(None),
            _ => Ok(Some(super::convert::i64_arg(v, "slice index").map_err(
                |_| {
                    let _ = it;
                    type_err("slice indices must be integers or None or have an __index__ method")
                },
            )?)),
        }
    };
    Ok(match v {
        Value::Int(i) => Index::Int(*i),
        Value::Bool(b) => Index::Int(*b as i64),
        Value::None => Index::NewAxis,
        Value::Ellipsis => Index::Ellipsis,
        Value::Slice(s) => Index::Slice(opt(it, &s[0])?, opt(it, &s[1])?, opt(it, &s[2])?),
        Value::Tensor(t) if t.ndim() == 0 && matches!(t.dtype(), DType::I32 | DType::I64) => {
            Index::Int(t.item_i64().unwrap_or(0))
        }
        Value::NdArray(a) => return index_item(it, &Value::Tensor(a.tensor())),
        other => {
            return Err(type_err(format!(
                "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got {}",
                it.repr(other)?
            )))
        }
    })
}

pub fn value_item(it: &mut Interp, obj: &Value, index: &Value) -> R<Value> {
    match obj {
        Value::NdArray(a) => super::np_views::get_item(it, a, index),
        Value::Tensor(_) | Value::Variable(_) => {
            let t = tensor_of(obj).unwrap_or_else(|| Tensor::scalar(0f32));
            let items: Vec<Value> = match index {
                Value::Tuple(items) => items.as_ref().clone(),
                other => vec![other.clone()],
            };
            // A boolean tensor or array alone is a mask (`x[x > 0]`), as TensorFlow reads it.
            if let [m] = items.as_slice() {
                if let Some(m) = crate::eval::value::tensor_of(m)
                    .filter(|m| m.dtype() == DType::Bool && m.ndim() > 0)
                {
                    return Ok(Value::Tensor(crate::tensor::ops::select::boolean_mask(
                        &t, &m, 0,
                    )?));
                }
            }
            let mut idx = Vec::with_capacity(items.len());
            for item in &items {
                idx.push(index_item(it, item)?);
            }
            if t.ndim() == 0
                && idx
                    .iter()
                    .any(|i| matches!(i, Index::Int(_) | Index::Slice(..)))
            {
                return Err(crate::tensor::error::op_error(
                    "StridedSlice",
                    "StridedSlice",
                    "Attempting to slice scalar input.",
                    Some("strided_slice/"),
                )
                .into());
            }
            let out = strided_slice(&t, &idx)?;
            if let Value::Variable(var) = obj {
                super::tf_variable_slices::remember(var, &idx, &out);
            }
            Ok(Value::Tensor(out))
        }
        Value::Shape(s) => {
            let Some(dims) = &s.dims else {
                return raise(ExcKind::ValueError, "Cannot index a shape of unknown rank.");
            };
            match index {
                Value::Slice(sl) => {
                    let pos = crate::eval::attrs::slice_positions(sl, dims.len())?;
                    Ok(Value::Shape(Rc::new(Shape {
                        dims: Some(pos.into_iter().map(|p| dims[p]).collect()),
                    })))
                }
                _ => {
                    let i = it.index_of(index, "tuple")?;
                    let j = crate::eval::attrs::norm_index(i, dims.len(), "tuple")?;
                    Ok(dims[j].map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                }
            }
        }
        _ => Err(type_err(format!(
            "'{}' object is not subscriptable",
            obj.type_name()
        ))),
    }
}
