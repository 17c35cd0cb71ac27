//! The `np` functions notebook code uses next to TensorFlow: arrays, dtypes, a few
//! constructors and reductions. Results are numpy arrays (printed as numpy prints them).

use super::convert::{dtype_arg, f64_arg, int_list, tensor_of, to_tensor};
use super::{add_all, new_module};
use crate::eval::error::R;
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

fn nd(t: Tensor) -> R<Value> {
    Ok(Value::NdArray(t))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

/// numpy infers int64 and float64 where TensorFlow infers int32 and float32.
fn np_array(it: &mut Interp, v: &Value, dtype: Option<Value>) -> R<Tensor> {
    if let Some(t) = tensor_of(v) {
        return Ok(match dtype {
            Some(d) => t.cast(dtype_arg(&d)?),
            None => t,
        });
    }
    let t = to_tensor(it, v, None)?;
    let d = match dtype {
        Some(d) => dtype_arg(&d)?,
        None => match t.dtype() {
            DType::I32 => DType::I64,
            DType::F32 => DType::F64,
            other => other,
        },
    };
    // Re-convert from the Python values so float64 keeps every digit.
    Ok(to_tensor(it, v, Some(d)).unwrap_or_else(|_| t.cast(d)))
}

fn array(it: &mut Interp, a: Args) -> R<Value> {
    let [obj, dtype] = a.bind("array", ["object", "dtype=None"])?;
    nd(np_array(it, &req(obj), dtype)?)
}

fn filled(it: &mut Interp, a: Args, name: &str, v: f64) -> R<Value> {
    let [shape, dtype] = a.bind(name, ["shape", "dtype=None"])?;
    let dims: Vec<usize> = int_list(it, &req(shape), "shape")?
        .into_iter()
        .map(|d| d.max(0) as usize)
        .collect();
    let d = match dtype {
        Some(d) => dtype_arg(&d)?,
        None => DType::F64,
    };
    nd(Tensor::full(d, &dims, v))
}

fn arange(_it: &mut Interp, a: Args) -> R<Value> {
    let [start, stop, step, dtype] =
        a.bind("arange", ["start", "stop=None", "step=None", "dtype=None"])?;
    let (s, e) = match stop {
        Some(e) => (req(start), e),
        None => (Value::Int(0), req(start)),
    };
    let step = step.unwrap_or(Value::Int(1));
    let is_float = [&s, &e, &step].iter().any(|v| matches!(v, Value::Float(_)));
    let d = match dtype {
        Some(d) => dtype_arg(&d)?,
        None if is_float => DType::F64,
        None => DType::I64,
    };
    nd(crate::tensor::ops::creation::range(
        f64_arg(&s, "start")?,
        f64_arg(&e, "stop")?,
        f64_arg(&step, "step")?,
        d,
    )?)
}

fn linspace(_it: &mut Interp, a: Args) -> R<Value> {
    let [start, stop, num] = a.bind("linspace", ["start", "stop", "num=50"])?;
    let num = num
        .map(|v| super::convert::i64_arg(&v, "num"))
        .transpose()?
        .unwrap_or(50);
    nd(crate::tensor::ops::creation::linspace(
        f64_arg(&req(start), "start")?,
        f64_arg(&req(stop), "stop")?,
        num.max(0) as usize,
        DType::F64,
    )?)
}

fn unary(it: &mut Interp, a: Args, op: Unary) -> R<Value> {
    let x = np_array(it, a.pos.first().unwrap_or(&Value::None), None)?;
    let x = if x.dtype().is_float() || matches!(op, Unary::Abs | Unary::Neg | Unary::Sign) {
        x
    } else {
        x.cast(DType::F64)
    };
    nd(ew::unary(op, &x)?)
}

fn reduction(it: &mut Interp, a: Args, op: Reduce) -> R<Value> {
    let [x, axis, _dtype, _out, keepdims] = a.bind(
        "reduce",
        ["a", "axis=None", "dtype=None", "out=None", "keepdims=False"],
    )?;
    let x = np_array(it, &req(x), None)?;
    let x = if op == Reduce::Mean && !x.dtype().is_float() {
        x.cast(DType::F64)
    } else {
        x
    };
    let axes = axis.map(|v| int_list(it, &v, "axis")).transpose()?;
    let keep = it.flag(keepdims, false)?;
    let r = reduce::reduce(op, &x, axes.as_deref(), keep)?;
    nd(r)
}

fn allclose(it: &mut Interp, a: Args) -> R<Value> {
    let [x, y, rtol, atol] = a.bind("allclose", ["a", "b", "rtol=1e-05", "atol=1e-08"])?;
    let x = np_array(it, &req(x), None)?.to_f64_vec();
    let y = np_array(it, &req(y), None)?.to_f64_vec();
    let rtol = rtol
        .map(|v| f64_arg(&v, "rtol"))
        .transpose()?
        .unwrap_or(1e-5);
    let atol = atol
        .map(|v| f64_arg(&v, "atol"))
        .transpose()?
        .unwrap_or(1e-8);
    let ok = if x.len() == y.len() {
        x.iter()
            .zip(&y)
            .all(|(p, q)| (p - q).abs() <= atol + rtol * q.abs())
    } else if y.len() == 1 {
        x.iter()
            .all(|p| (p - y[0]).abs() <= atol + rtol * y[0].abs())
    } else {
        false
    };
    Ok(Value::Bool(ok))
}

pub fn module() -> Rc<Module> {
    let np = new_module("numpy");
    add_all(
        &np,
        &[
            ("array", array),
            ("asarray", array),
            ("zeros", |it, a| filled(it, a, "zeros", 0.0)),
            ("ones", |it, a| filled(it, a, "ones", 1.0)),
            ("arange", arange),
            ("linspace", linspace),
            ("exp", |it, a| unary(it, a, Unary::Exp)),
            ("log", |it, a| unary(it, a, Unary::Log)),
            ("sqrt", |it, a| unary(it, a, Unary::Sqrt)),
            ("abs", |it, a| unary(it, a, Unary::Abs)),
            ("tanh", |it, a| unary(it, a, Unary::Tanh)),
            ("sum", |it, a| reduction(it, a, Reduce::Sum)),
            ("mean", |it, a| reduction(it, a, Reduce::Mean)),
            ("max", |it, a| reduction(it, a, Reduce::Max)),
            ("min", |it, a| reduction(it, a, Reduce::Min)),
            ("prod", |it, a| reduction(it, a, Reduce::Prod)),
            ("allclose", allclose),
        ],
    );
    for name in ["float32", "float64", "int32", "int64", "uint8"] {
        np.set(
            name,
            Value::DType(DType::from_name(name).unwrap_or(DType::F32)),
        );
    }
    np.set("bool_", Value::DType(DType::Bool));
    np.set("pi", Value::Float(std::f64::consts::PI));
    np.set("e", Value::Float(std::f64::consts::E));
    np.set("inf", Value::Float(f64::INFINITY));
    np.set("nan", Value::Float(f64::NAN));
    np.set("newaxis", Value::None);
    np.set(
        "ndarray",
        Value::builtin("numpy.ndarray", |_, _| Ok(Value::None)),
    );
    np
}
