//! Core `tf` functions: tensor creation, dtypes and casts, `tf.Variable`, `tf.TensorShape`,
//! shape queries, `tf.timestamp`, `tf.print`. Each function is one
//! declaration; `install` adds the non-function members (`tf.Tensor`, the dtypes).

use super::convert::{
    dtype_arg, f64_arg, given, i64_arg, int_input, int_list, opt_dtype, scalar_input, tensor_of,
    to_tensor,
};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Module, Shape, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::ops::{creation, select, shape as shape_ops};
use crate::tensor::{DType, Tensor};
use std::cell::RefCell;
use std::rc::Rc;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// A shape argument as dims: lists, tuples, TensorShapes, 1-D int tensors.
pub fn dims_arg(it: &mut Interp, v: &Value) -> R<Vec<usize>> {
    dims_for(it, v, "Fill")
}

/// `dims_arg` for op `op`: a negative dimension is TF's InvalidArgumentError from that kernel.
pub fn dims_for(it: &mut Interp, v: &Value, op: &str) -> R<Vec<usize>> {
    let dims = int_list(it, v, "shape")?;
    if let Some(d) = dims.iter().find(|&&d| d < 0) {
        return Err(crate::tensor::error::op_error(
            op,
            op,
            format!("Dimension {} must be >= 0", d),
            Some(""),
        )
        .into());
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
            let items: Vec<Value> = it.collect_items(v)?;
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

builtin! {
    /// Creates a constant tensor from a tensor-like object.
    python ["tf.constant"]
    fn constant(it, value, dtype = None, shape = None, name = "Const") {
        let dtype = opt_dtype(&dtype)?;
        let mut x = match (&value.arrays_as_tensors(), dtype) {
            (Value::Tensor(x), Some(d)) => x.cast(d),
            _ => to_tensor(it, &value, dtype)?,
        };
        if let Some(s) = given(shape) {
            let dims = dims_arg(it, &s)?;
            crate::tensor::alloc::check(&dims, x.dtype(), "Fill")?;
            let n: usize = dims.iter().product();
            if x.size() == 1 {
                x = Tensor::from_f64s(x.dtype(), &dims, &vec![x.item_f64().unwrap_or(0.0); n]);
            } else if x.size() == n {
                x = shape_ops::reshape_to(&x, &dims);
            } else {
                return raise(ExcKind::TypeError,
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
}

/// A tensor of `shape` filled with `v`.
fn filled(it: &mut Interp, shape: &Value, dtype: &Value, v: f64) -> R<Value> {
    let dims = dims_arg(it, shape)?;
    let d = dtype_arg(dtype)?;
    crate::tensor::alloc::check(&dims, d, "Fill")?;
    t(Tensor::full(d, &dims, v))
}

builtin! {
    /// Creates a tensor with all elements set to zero.
    dispatch ["tf.zeros"]
    fn zeros(it, shape, dtype = tf.float32, name = None, layout = None) {
        filled(it, &shape, &dtype, 0.0)
    }
}

builtin! {
    /// Creates a tensor with all elements set to one (1).
    dispatch ["tf.ones"]
    fn ones(it, shape, dtype = tf.float32, name = None, layout = None) {
        filled(it, &shape, &dtype, 1.0)
    }
}

/// A tensor shaped like `input` filled with `v`, of `input`'s dtype unless one is given.
fn like(it: &mut Interp, input: &Value, dtype: &Value, v: f64) -> R<Value> {
    let x = to_tensor(it, input, None)?;
    let d = opt_dtype(dtype)?.unwrap_or(x.dtype());
    t(Tensor::full(d, x.shape(), v))
}

builtin! {
    /// Creates a tensor with all elements set to zero.
    dispatch ["tf.zeros_like"]
    fn zeros_like(it, input, dtype = None, name = None, layout = None) {
        like(it, &input, &dtype, 0.0)
    }
}

builtin! {
    /// Creates a tensor of all ones that has the same shape as the input.
    dispatch ["tf.ones_like"]
    fn ones_like(it, input, dtype = None, name = None, layout = None) {
        like(it, &input, &dtype, 1.0)
    }
}

builtin! {
    /// Creates a tensor filled with a scalar value.
    dispatch ["tf.fill"]
    fn fill(it, dims, value, name = None, layout = None) {
        let dims = dims_arg(it, &dims)?;
        let v = to_tensor(it, &value, None)?;
        if v.ndim() != 0 {
            return raise(ExcKind::InvalidArgumentError,
                format!(
                    "value must be a scalar, got shape {}",
                    crate::print::shape_tuple(v.shape())
                ),
            );
        }
        crate::tensor::alloc::check_as(&dims, v.dtype(), "Fill", "Fill", None)?;
        if let Some(s) = v.array::<crate::tensor::TStr>().and_then(|a| a.iter().next()) {
            return t(Tensor::from_vec(&dims, vec![*s; dims.iter().product()]));
        }
        // The scalar broadcast: exact in every dtype (complex and 64-bit integers included),
        // and recorded, so the value's gradient is the sum of the output's (TensorFlow's
        // FillGrad).
        t(crate::tensor::ops::shape::broadcast_to(&v, &dims)?)
    }
}

builtin! {
    /// Creates a sequence of numbers.
    dispatch ["tf.range"]
    fn range(it, start, limit = None, delta = 1, dtype = None, name = "range") {
        let (start, limit) = match given(limit) {
            Some(l) => (start, l),
            None => (Value::Int(0), start),
        };
        let vals = [&start, &limit, &delta];
        for v in vals {
            scalar_input(v, "range")?;
        }
        let is_float =
            |v: &&Value| matches!(v, Value::Float(_)) || tensor_of(v).is_some_and(|t| t.dtype().is_float());
        let inferred = if vals.iter().any(is_float) {
            vals.iter()
                .filter_map(|v| tensor_of(v))
                .map(|t| t.dtype())
                .find(|d| d.is_float())
                .unwrap_or(DType::F32)
        } else {
            // A Python int past int32 converts to int64, and the range takes the widest.
            let wide = vals
                .iter()
                .any(|v| matches!(v, Value::Int(i) if i32::try_from(*i).is_err()));
            vals.iter()
                .filter_map(|v| tensor_of(v))
                .map(|t| t.dtype())
                .next()
                .unwrap_or(if wide { DType::I64 } else { DType::I32 })
        };
        let dtype = opt_dtype(&dtype)?.unwrap_or(inferred);
        if !matches!(dtype, DType::F32 | DType::F64 | DType::I32 | DType::I64) {
            // TensorFlow registers its Range kernel for these four only.
            return raise(
                ExcKind::NotFoundError,
                format!(
                    "Could not find device for node: {{{{node Range}}}} = Range[Tidx={}]",
                    dtype.proto_name()
                ),
            );
        }
        t(creation::range(
            f64_arg(&start, "start")?,
            f64_arg(&limit, "limit")?,
            f64_arg(&delta, "delta")?,
            dtype,
        )?)
    }
}

builtin! {
    /// Generates evenly-spaced values in an interval along a given axis.
    dispatch ["tf.linspace"]
    fn linspace(it, start, stop, num, name = None, axis = 0) {
        let s = to_tensor(it, &start, None)?;
        let d = if s.dtype().is_float() {
            s.dtype()
        } else {
            DType::F64
        };
        let num = int_input(&num, "num")?;
        if num < 0 {
            // TensorFlow counts the inner points with range(1, max(num, 0) - 1).
            return Err(crate::tensor::error::op_error(
                "Range",
                "Range",
                "Requires start <= limit when delta > 0: 1/-1",
                Some(""),
            )
            .into());
        }
        t(creation::linspace(
            s.item_f64().unwrap_or(0.0),
            f64_arg(&stop, "stop")?,
            num.max(0) as usize,
            d,
        )?)
    }
}

builtin! {
    /// Construct an identity matrix, or a batch of matrices.
    dispatch ["tf.eye", "tf.linalg.eye"]
    fn eye(it, num_rows, num_columns = None, batch_shape = None, dtype = tf.float32, name = None) {
        let r = i64_arg(&num_rows, "num_rows")?;
        let c = match given(num_columns) {
            Some(c) => i64_arg(&c, "num_columns")?,
            None => r,
        };
        if let Some(d) = [r, c].into_iter().find(|&d| d < 0) {
            return Err(crate::tensor::error::op_error(
                "Fill",
                "Fill",
                format!("Dimension {} must be >= 0", d),
                Some(""),
            )
            .into());
        }
        let m = creation::eye(r as usize, c as usize, dtype_arg(&dtype)?)?;
        match given(batch_shape) {
            None => t(m),
            Some(b) => {
                let mut dims = dims_arg(it, &b)?;
                dims.extend([r as usize, c as usize]);
                crate::tensor::alloc::check_as(&dims, m.dtype(), "MatrixDiagV3", "MatrixDiagV3", Some("diag"))?;
                t(shape_ops::broadcast_to(&m, &dims)?)
            }
        }
    }
}

builtin! {
    /// Returns a one-hot tensor.
    dispatch ["tf.one_hot"]
    fn one_hot(
        it, indices, depth, on_value = None, off_value = None, axis = None, dtype = None,
        name = None
    ) {
        let idx = to_tensor(it, &indices, None)?;
        let depth = int_input(&depth, "depth")?;
        if depth < 0 {
            return Err(crate::tensor::error::op_error(
                "OneHot",
                "OneHot",
                format!("depth must be non-negative, got: {}", depth),
                None,
            )
            .into());
        }
        let depth = depth as usize;
        let (on, off) = (given(on_value), given(off_value));
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
        let dtype = opt_dtype(&dtype)?.unwrap_or(inferred);
        let on = on.map(|v| f64_arg(&v, "on_value")).transpose()?.unwrap_or(1.0);
        let off = off.map(|v| f64_arg(&v, "off_value")).transpose()?.unwrap_or(0.0);
        let axis = given(axis).map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1);
        t(select::one_hot(&idx, depth, on, off, axis, dtype)?)
    }
}

builtin! {
    /// Converts the given `value` to a `Tensor`.
    dispatch ["tf.convert_to_tensor"]
    fn convert_to_tensor(it, value, dtype = None, dtype_hint = None, name = None) {
        let d = opt_dtype(&dtype)?;
        match to_tensor(it, &value, d) {
            Ok(x) => t(x),
            Err(e) => match given(dtype_hint) {
                Some(h) if d.is_none() => t(to_tensor(it, &value, None)?.cast(dtype_arg(&h)?)),
                _ => Err(e),
            },
        }
    }
}

builtin! {
    /// Return a Tensor with the same shape and contents as input.
    dispatch ["tf.identity"]
    fn identity(it, input, name = None) {
        t(to_tensor(it, &input, None)?)
    }
}

builtin! {
    /// Casts a tensor to a new type.
    dispatch ["tf.cast", "tf.dtypes.cast"]
    fn cast(it, x, dtype, name = None) {
        let x = to_tensor(it, &x, None)?;
        let d = dtype_arg(&dtype)?;
        if (x.dtype() == DType::Str) != (d == DType::Str) {
            let m = crate::tensor::error::op_error(
                "Cast",
                "Cast",
                format!("Cast {} to {} is not supported", x.dtype().kind_word(), d.kind_word()),
                Some(""),
            )
            .message;
            return Err(crate::tensor::TfError::new(ExcKind::UnimplementedError, m).into());
        }
        t(x.cast(d))
    }
}

builtin! {
    /// See the [variable guide](https://tensorflow.org/guide/variable).
    python ["tf.Variable"]
    fn Variable(
        it, initial_value = None, trainable = None, validate_shape = True, caching_device = None,
        name = None, variable_def = None, dtype = None, import_scope = None, constraint = None,
        synchronization = None, aggregation = None, shape = None
    ) {
        let Some(init) = given(initial_value) else {
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
        let d = opt_dtype(&dtype)?;
        let value = match (&init.arrays_as_tensors(), d) {
            (Value::Tensor(x), Some(d)) => x.cast(d),
            _ => to_tensor(it, &init, d)?,
        };
        let name = super::tf_module::variable_name(&name)?;
        // None (the default) means trainable.
        let trainable = it.flag(given(trainable), true)?;
        let id = it.fresh_id();
        if !matches!(constraint, Value::None) {
            if !it.is_callable(&constraint) {
                let class = crate::eval::types::type_of(it, constraint.clone())?;
                let class = it.repr(&class)?;
                return raise(ExcKind::ValueError, format!(
                    "Argument `constraint` must be None or a callable. a callable. Got a {}:  {}",
                    class, it.str_of(&constraint)?
                ));
            }
            super::variable_constraints::set(id, constraint);
        }
        Ok(Value::Variable(Rc::new(Variable {
            name: RefCell::new(format!("{}:0", name)),
            value: crate::tensor::compile::cell(value),
            trainable,
            id,
            autocast: false,
        })))
    }
}

builtin! {
    /// Represents the shape of a `Tensor`.
    python ["tf.TensorShape"]
    fn TensorShape(it, dims) {
        Ok(Value::Shape(Rc::new(shape_from(it, &dims)?)))
    }
}

/// Counts (a shape, a size) as a tensor of `out_type`, int32 when it is None.
fn count_tensor(out_type: &Value, dims: &[usize], vals: &[f64]) -> R<Value> {
    let d = opt_dtype(out_type)?.unwrap_or(DType::I32);
    t(Tensor::from_f64s(d, dims, vals))
}

builtin! {
    /// Returns a tensor containing the shape of the input tensor.
    dispatch ["tf.shape"]
    fn shape(it, input, out_type = None, name = None) {
        let x = to_tensor(it, &input, None)?;
        let dims: Vec<f64> = x.shape().iter().map(|&d| d as f64).collect();
        shape_constant(count_tensor(&out_type, &[dims.len()], &dims))
    }
}

builtin! {
    /// Returns the rank of a tensor.
    dispatch ["tf.rank"]
    fn rank(it, input, name = None) {
        let x = to_tensor(it, &input, None)?;
        shape_constant(t(Tensor::scalar(x.ndim() as i32)))
    }
}

builtin! {
    /// Returns the size of a tensor.
    dispatch ["tf.size"]
    fn size(it, input, out_type = None, name = None) {
        let x = to_tensor(it, &input, None)?;
        shape_constant(count_tensor(&out_type, &[], &[x.size() as f64]))
    }
}

/// A tensor made from a shape: a constant of a compiled step (whose shapes are fixed).
fn shape_constant(v: R<Value>) -> R<Value> {
    if let Ok(Value::Tensor(t)) = &v {
        crate::tensor::compile::capture::constant(t);
    }
    v
}

builtin! {
    /// Provides the time since epoch in seconds.
    python ["tf.timestamp"]
    fn timestamp(it, name = None) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        t(Tensor::scalar(now))
    }
}

builtin! {
    /// Converts the given `type_value` to a `tf.DType`.
    python ["tf.as_dtype", "tf.dtypes.as_dtype"]
    fn as_dtype(it, type_value) {
        Ok(Value::DType(dtype_arg(&type_value)?))
    }
}

builtin! {
    /// Print the specified inputs.
    ///
    /// Tensors are written as TensorFlow summarizes them (`summarize` items at each end of
    /// each axis), to stderr unless `output_stream=sys.stdout`.
    python ["tf.print"]
    fn print(it, *inputs, output_stream = None, summarize = 3, sep = " ", end = "\n", name = None) {
        let Value::Tuple(items) = &inputs else {
            return Ok(Value::None);
        };
        let n = match &summarize {
            Value::None => 3,
            v => i64_arg(v, "summarize")?,
        };
        let mut parts = Vec::new();
        for v in items.iter() {
            parts.push(print_text(it, v, n, true)?);
        }
        let sep = it.str_of(&sep)?;
        let end = it.str_of(&end)?;
        let text = format!("{}{}", parts.join(&sep), end);
        let to_stdout = match &output_stream {
            Value::None => false,
            v => it.repr(v)?.contains("<stdout>"),
        };
        if super::tf_function::graph::held_print(to_stdout, &text) {
            return Ok(Value::None);
        }
        it.flush();
        use std::io::Write;
        let stream = if to_stdout { &mut it.io.out } else { &mut it.io.err };
        let _ = stream.write_all(text.as_bytes());
        let _ = stream.flush();
        Ok(Value::None)
    }
}

/// One `tf.print` input: a tensor as TensorFlow summarizes it (a scalar string at the top
/// level as its text), a structure as Python writes it with its tensors summarized.
fn print_text(it: &mut Interp, v: &Value, n: i64, top: bool) -> R<String> {
    if let Some(x) = tensor_of(v) {
        if top && x.ndim() == 0 && x.dtype() == DType::Str {
            let s = x.to_vec::<crate::tensor::TStr>()?;
            return Ok(
                String::from_utf8_lossy(s.first().map(|s| s.bytes()).unwrap_or(b"")).into_owned(),
            );
        }
        return Ok(crate::print::tf_summary::summarize(&x, n));
    }
    let items = |it: &mut Interp, xs: &[Value]| -> R<Vec<String>> {
        xs.iter().map(|x| print_text(it, x, n, false)).collect()
    };
    Ok(match v {
        Value::Str(s) if top => s.to_string(),
        Value::List(l) => {
            let xs = l.borrow().clone();
            format!("[{}]", items(it, &xs)?.join(", "))
        }
        Value::Tuple(t) if t.len() == 1 => format!("({},)", print_text(it, &t[0], n, false)?),
        Value::Tuple(t) => format!("({})", items(it, t)?.join(", ")),
        Value::Dict(d) => {
            let pairs: Vec<(Value, Value)> = {
                let d = d.borrow();
                d.keys
                    .iter()
                    .cloned()
                    .zip(d.values.iter().cloned())
                    .collect()
            };
            let mut out = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                out.push(format!(
                    "{}: {}",
                    it.repr(&k)?,
                    print_text(it, &v, n, false)?
                ));
            }
            format!("{{{}}}", out.join(", "))
        }
        other if top => it.str_of(other)?,
        other => it.repr(other)?,
    })
}

/// `tf.errors`: `OpError` and its subclasses, the classes op errors are raised as.
pub fn install_errors(errors: &Module) {
    for kind in ExcKind::ALL.iter().filter(|k| k.is_tf()) {
        errors.set(kind.name(), Value::ExcClass(*kind));
    }
    let graph_only = ExcKind::OperatorNotAllowedInGraphError;
    errors.set(graph_only.name(), Value::ExcClass(graph_only));
    let codes = [
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ];
    for (code, name) in codes.iter().enumerate() {
        errors.set(name, Value::Int(code as i64));
    }
}

pub fn install(tf: &Module, dtypes: &Module) {
    tf.set(
        "Tensor",
        Value::builtin("tensorflow.Tensor", |_, _| {
            Err(type_err(
                "tf.Tensor cannot be constructed directly; use tf.constant",
            ))
        }),
    );
    tf.set("newaxis", Value::None);
    for d in DType::ALL {
        tf.set(d.name(), Value::DType(d));
        dtypes.set(d.name(), Value::DType(d));
    }
    tf.set("float", Value::DType(DType::F32));
    tf.set("double", Value::DType(DType::F64));
    tf.set("half", Value::DType(DType::F16));
}
