//! Core `tf` functions: tensor creation, dtypes and casts, `tf.Variable`, `tf.TensorShape`,
//! shape queries, `tf.function`, `tf.timestamp`.

use super::convert::{dtype_arg, f64_arg, f64_or, i64_arg, int_list, tensor_of, to_tensor};
use super::{add_all, dtype_or};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Module, Shape, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::ops::{creation, select, shape as shape_ops};
use crate::tensor::{DType, Tensor};
use std::cell::RefCell;
use std::rc::Rc;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

/// A shape argument as dims: lists, tuples, TensorShapes, 1-D int tensors.
pub fn dims_arg(it: &mut Interp, v: &Value) -> R<Vec<usize>> {
    let dims = int_list(it, v, "shape")?;
    if let Some(d) = dims.iter().find(|&&d| d < 0) {
        return Err(value_err(format!("Dimension {} must be >= 0", d)));
    }
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// A `TensorShape` from a list (None for unknown dims), a TensorShape, or None.
pub fn shape_from(it: &mut Interp, v: &Value) -> R<Shape> {
    match v {
        Value::Shape(s) => Ok(s.as_ref().clone()),
        Value::None => Ok(Shape { dims: None }),
        Value::Int(n) => Ok(Shape {
            dims: Some(vec![Some(*n as usize)]),
        }),
        _ => {
            let items: Vec<Value> = it.iterate(v)?.collect();
            let mut dims = Vec::new();
            for x in items {
                dims.push(match x {
                    Value::None => None,
                    other => Some(i64_arg(&other, "dimension")? as usize),
                });
            }
            Ok(Shape { dims: Some(dims) })
        }
    }
}

fn constant(it: &mut Interp, a: Args) -> R<Value> {
    let [value, dtype, shape, _name] = a.bind(
        "constant",
        ["value", "dtype=None", "shape=None", "name='Const'"],
    )?;
    let value = req(value);
    let dtype = match dtype {
        Some(d) => Some(dtype_arg(&d)?),
        None => None,
    };
    let mut x = match (&value, dtype) {
        (Value::Tensor(x) | Value::NdArray(x), Some(d)) => x.cast(d),
        _ => to_tensor(it, &value, dtype)?,
    };
    if let Some(s) = shape {
        let dims = dims_arg(it, &s)?;
        crate::tensor::alloc::check(&dims, x.dtype(), "Fill")?;
        let n: usize = dims.iter().product();
        if x.size() == 1 {
            x = Tensor::from_f64s(x.dtype(), &dims, &vec![x.item_f64().unwrap_or(0.0); n]);
        } else if x.size() == n {
            x = shape_ops::reshape_to(&x, &dims);
        } else {
            return raise(
                ExcKind::TypeError,
                format!(
                    "Eager execution of tf.constant with unsupported shape. Tensor {} (converted from {}) has {} elements, but got `shape` {} with {} elements).",
                    crate::print::tensor_str(&x),
                    it.repr(&value)?,
                    x.size(),
                    crate::print::shape_tuple(&dims),
                    n
                ),
            );
        }
    }
    t(x)
}

fn filled(it: &mut Interp, a: Args, name: &str, v: f64) -> R<Value> {
    let [shape, dtype, _name, _layout] = a.bind(
        name,
        ["shape", "dtype=tf.float32", "name=None", "layout=None"],
    )?;
    let dims = dims_arg(it, &req(shape))?;
    let d = dtype_or(dtype, DType::F32)?;
    crate::tensor::alloc::check(&dims, d, "Fill")?;
    t(Tensor::full(d, &dims, v))
}

fn like(it: &mut Interp, a: Args, name: &str, v: f64) -> R<Value> {
    let [input, dtype, _name, _layout] =
        a.bind(name, ["input", "dtype=None", "name=None", "layout=None"])?;
    let x = to_tensor(it, &req(input), None)?;
    let d = dtype_or(dtype, x.dtype())?;
    t(Tensor::full(d, x.shape(), v))
}

fn fill(it: &mut Interp, a: Args) -> R<Value> {
    let [dims, value, _name, _layout] =
        a.bind("fill", ["dims", "value", "name=None", "layout=None"])?;
    let dims = dims_arg(it, &req(dims))?;
    let v = to_tensor(it, &req(value), None)?;
    if v.ndim() != 0 {
        return raise(
            ExcKind::InvalidArgumentError,
            format!(
                "value must be a scalar, got shape {}",
                crate::print::shape_tuple(v.shape())
            ),
        );
    }
    crate::tensor::alloc::check(&dims, v.dtype(), "Fill")?;
    t(Tensor::from_f64s(
        v.dtype(),
        &dims,
        &vec![v.item_f64().unwrap_or(0.0); dims.iter().product()],
    ))
}

fn range(it: &mut Interp, a: Args) -> R<Value> {
    let [start, limit, delta, dtype, _name] = a.bind(
        "range",
        [
            "start",
            "limit=None",
            "delta=1",
            "dtype=None",
            "name='range'",
        ],
    )?;
    let (start, limit) = match limit {
        Some(l) => (req(start), l),
        None => (Value::Int(0), req(start)),
    };
    let delta = delta.unwrap_or(Value::Int(1));
    let vals = [&start, &limit, &delta];
    let inferred = if vals
        .iter()
        .any(|v| matches!(v, Value::Float(_)) || tensor_of(v).is_some_and(|t| t.dtype().is_float()))
    {
        vals.iter()
            .filter_map(|v| tensor_of(v))
            .map(|t| t.dtype())
            .find(|d| d.is_float())
            .unwrap_or(DType::F32)
    } else {
        vals.iter()
            .filter_map(|v| tensor_of(v))
            .map(|t| t.dtype())
            .next()
            .unwrap_or(DType::I32)
    };
    let dtype = dtype_or(dtype, inferred)?;
    let _ = it;
    t(creation::range(
        f64_arg(&start, "start")?,
        f64_arg(&limit, "limit")?,
        f64_arg(&delta, "delta")?,
        dtype,
    )?)
}

fn linspace(it: &mut Interp, a: Args) -> R<Value> {
    let [start, stop, num, _name, _axis] =
        a.bind("linspace", ["start", "stop", "num", "name=None", "axis=0"])?;
    let s = to_tensor(it, &req(start), None)?;
    let d = if s.dtype().is_float() {
        s.dtype()
    } else {
        DType::F64
    };
    let num = i64_arg(&req(num), "num")?;
    t(creation::linspace(
        s.item_f64().unwrap_or(0.0),
        f64_arg(&req(stop), "stop")?,
        num.max(0) as usize,
        d,
    )?)
}

fn eye(_it: &mut Interp, a: Args) -> R<Value> {
    let [rows, cols, _batch, dtype, _name] = a.bind(
        "eye",
        [
            "num_rows",
            "num_columns=None",
            "batch_shape=None",
            "dtype=tf.float32",
            "name=None",
        ],
    )?;
    let r = i64_arg(&req(rows), "num_rows")?;
    let c = match cols {
        Some(c) => i64_arg(&c, "num_columns")?,
        None => r,
    };
    if r < 0 || c < 0 {
        return Err(value_err(format!(
            "Arguments to eye must be non-negative, got num_rows={} and num_columns={}",
            r, c
        )));
    }
    t(creation::eye(
        r as usize,
        c as usize,
        dtype_or(dtype, DType::F32)?,
    )?)
}

fn one_hot(it: &mut Interp, a: Args) -> R<Value> {
    let [indices, depth, on, off, axis, dtype, _name] = a.bind(
        "one_hot",
        [
            "indices",
            "depth",
            "on_value=None",
            "off_value=None",
            "axis=None",
            "dtype=None",
            "name=None",
        ],
    )?;
    let idx = to_tensor(it, &req(indices), None)?;
    let depth = i64_arg(&req(depth), "depth")?.max(0) as usize;
    let inferred = [&on, &off]
        .iter()
        .filter_map(|v| v.as_ref())
        .map(|v| match v {
            Value::Int(_) => DType::I32,
            Value::Float(_) => DType::F32,
            Value::Bool(_) => DType::Bool,
            other => tensor_of(other).map(|t| t.dtype()).unwrap_or(DType::F32),
        })
        .next()
        .unwrap_or(DType::F32);
    let dtype = dtype_or(dtype, inferred)?;
    let on = f64_or(on, "on_value", 1.0)?;
    let off = f64_or(off, "off_value", 0.0)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1);
    t(select::one_hot(&idx, depth, on, off, axis, dtype)?)
}

fn convert_to_tensor(it: &mut Interp, a: Args) -> R<Value> {
    let [value, dtype, hint, _name] = a.bind(
        "convert_to_tensor",
        ["value", "dtype=None", "dtype_hint=None", "name=None"],
    )?;
    let value = req(value);
    let d = match dtype {
        Some(d) => Some(dtype_arg(&d)?),
        None => None,
    };
    match to_tensor(it, &value, d) {
        Ok(x) => t(x),
        Err(e) => match hint {
            Some(h) if d.is_none() => {
                let _ = e;
                t(to_tensor(it, &value, None)?.cast(dtype_arg(&h)?))
            }
            _ => Err(e),
        },
    }
}

fn identity(it: &mut Interp, a: Args) -> R<Value> {
    let [input, _name] = a.bind("identity", ["input", "name=None"])?;
    t(to_tensor(it, &req(input), None)?)
}

fn cast(it: &mut Interp, a: Args) -> R<Value> {
    let [x, dtype, _name] = a.bind("cast", ["x", "dtype", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    t(x.cast(dtype_arg(&req(dtype))?))
}

fn variable(it: &mut Interp, a: Args) -> R<Value> {
    let [init, trainable, _validate, _caching, name, _vdef, dtype, _scope, _constraint, _sync, _agg, _shape] =
        a.bind(
            "Variable",
            [
                "initial_value=None",
                "trainable=None",
                "validate_shape=True",
                "caching_device=None",
                "name=None",
                "variable_def=None",
                "dtype=None",
                "import_scope=None",
                "constraint=None",
                "synchronization=None",
                "aggregation=None",
                "shape=None",
            ],
        )?;
    let Some(init) = init else {
        return raise(ExcKind::ValueError, "The `initial_value` arg to `tf.Variable` must be specified except when you are not providing a `variable_def`. You provided neither.");
    };
    let init = if matches!(
        init,
        Value::Function(_) | Value::Builtin(_) | Value::Bound(_)
    ) {
        it.call(&init, Args::default())?
    } else {
        init
    };
    let d = match dtype {
        Some(d) => Some(dtype_arg(&d)?),
        None => None,
    };
    let value = match (&init, d) {
        (Value::Tensor(x) | Value::NdArray(x), Some(d)) => x.cast(d),
        _ => to_tensor(it, &init, d)?,
    };
    let name = match name {
        Some(Value::Str(s)) => s.to_string(),
        _ => "Variable".into(),
    };
    let trainable = it.flag(trainable, true)?;
    let id = it.fresh_id();
    Ok(Value::Variable(Rc::new(Variable {
        name: RefCell::new(format!("{}:0", name)),
        value: Rc::new(RefCell::new(value)),
        trainable,
        id,
    })))
}

fn tensor_shape(it: &mut Interp, a: Args) -> R<Value> {
    let [dims] = a.bind("TensorShape", ["dims"])?;
    Ok(Value::Shape(Rc::new(shape_from(it, &req(dims))?)))
}

fn shape_of(it: &mut Interp, a: Args) -> R<Value> {
    let [input, _name, out_type] = a.bind("shape", ["input", "name=None", "out_type=None"])?;
    let x = to_tensor(it, &req(input), None)?;
    let dims: Vec<f64> = x.shape().iter().map(|&d| d as f64).collect();
    t(Tensor::from_f64s(
        dtype_or(out_type, DType::I32)?,
        &[dims.len()],
        &dims,
    ))
}

fn rank(it: &mut Interp, a: Args) -> R<Value> {
    let [input, _name] = a.bind("rank", ["input", "name=None"])?;
    let x = to_tensor(it, &req(input), None)?;
    t(Tensor::scalar(x.ndim() as i32))
}

fn size(it: &mut Interp, a: Args) -> R<Value> {
    let [input, _name, out_type] = a.bind("size", ["input", "name=None", "out_type=None"])?;
    let x = to_tensor(it, &req(input), None)?;
    t(Tensor::from_f64s(
        dtype_or(out_type, DType::I32)?,
        &[],
        &[x.size() as f64],
    ))
}

fn timestamp(_it: &mut Interp, a: Args) -> R<Value> {
    let [_name] = a.bind("timestamp", ["name=None"])?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    t(Tensor::scalar(now))
}

/// `tf.function`: tensh runs functions eagerly, so the decorator returns the function.
fn function(_it: &mut Interp, a: Args) -> R<Value> {
    match a.pos.first() {
        Some(f) => Ok(f.clone()),
        None => Ok(Value::builtin("function", |_, a| {
            Ok(a.pos.first().cloned().unwrap_or(Value::None))
        })),
    }
}

fn as_dtype(_it: &mut Interp, a: Args) -> R<Value> {
    let [d] = a.bind("as_dtype", ["type_value"])?;
    Ok(Value::DType(dtype_arg(&req(d))?))
}

/// `tf.print`: writes to stderr as TensorFlow does.
fn tf_print(it: &mut Interp, a: Args) -> R<Value> {
    let mut parts = Vec::new();
    for v in &a.pos {
        parts.push(match v {
            Value::Tensor(x) => crate::print::array_str(x),
            other => it.str_of(other)?,
        });
    }
    let text = format!("{}\n", parts.join(" "));
    it.flush();
    use std::io::Write;
    let _ = it.io.err.write_all(text.as_bytes());
    Ok(Value::None)
}

/// `tf.errors`: `OpError` and its subclasses, the classes op errors are raised as.
pub fn install_errors(errors: &Module) {
    for kind in ExcKind::ALL.iter().filter(|k| k.is_tf()) {
        errors.set(kind.name(), Value::ExcClass(*kind));
    }
}

pub fn install(tf: &Module, dtypes: &Module) {
    add_all(
        tf,
        &[
            ("constant", constant),
            ("zeros", |it, a| filled(it, a, "zeros", 0.0)),
            ("ones", |it, a| filled(it, a, "ones", 1.0)),
            ("zeros_like", |it, a| like(it, a, "zeros_like", 0.0)),
            ("ones_like", |it, a| like(it, a, "ones_like", 1.0)),
            ("fill", fill),
            ("range", range),
            ("linspace", linspace),
            ("eye", eye),
            ("one_hot", one_hot),
            ("convert_to_tensor", convert_to_tensor),
            ("identity", identity),
            ("cast", cast),
            ("Variable", variable),
            ("TensorShape", tensor_shape),
            ("shape", shape_of),
            ("rank", rank),
            ("size", size),
            ("timestamp", timestamp),
            ("function", function),
            ("as_dtype", as_dtype),
            ("print", tf_print),
        ],
    );
    tf.set(
        "Tensor",
        Value::builtin("tensorflow.Tensor", |_, _| {
            Err(type_err(
                "tf.Tensor cannot be constructed directly; use tf.constant",
            ))
        }),
    );
    tf.set("newaxis", Value::None);
    for d in [
        DType::F32,
        DType::F64,
        DType::I32,
        DType::I64,
        DType::U8,
        DType::Bool,
    ] {
        tf.set(d.name(), Value::DType(d));
        dtypes.set(d.name(), Value::DType(d));
    }
    tf.set("float", Value::DType(DType::F32));
    tf.set("double", Value::DType(DType::F64));
    add_all(dtypes, &[("cast", cast), ("as_dtype", as_dtype)]);
}
