//! `tf.keras.backend`: the session state Keras keeps (`floatx`, `epsilon`, the image data
//! format, the layer-name counters `clear_session` resets, the learning phase) and the
//! functions that ask about a tensor (`int_shape`, `ndim`, `dtype`, `is_keras_tensor`),
//! make variables and constants (`variable`, `zeros`, `eye`, `constant`) or read and write
//! them (`get_value`, `set_value`). The math functions are in `backend_ops.rs`.
//!
//! The settings live in the module `keras.src.backend_config`, as Keras keeps them.
//! tensh's layers compute in float32 with channels-last images, so `set_floatx` and
//! `set_image_data_format` refuse the other settings (with Keras's check of the value first).

use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{tensor_of, Args, Module};
use crate::eval::{Interp, Value};
use crate::nn::keras_tensor::KerasTensor;
use crate::tensor::DType;
use std::rc::Rc;

const CONFIG: &str = "keras.src.backend_config";

/// Makes `keras.src.backend_config` with Keras's defaults.
pub(crate) fn install(it: &mut Interp) {
    let m = Rc::new(Module::new(CONFIG));
    m.set("_FLOATX", Value::str("float32"));
    m.set("_EPSILON", Value::Float(1e-7));
    m.set("_IMAGE_DATA_FORMAT", Value::str("channels_last"));
    it.modules.insert(CONFIG.into(), Value::Module(m));
}

pub(crate) fn config(it: &Interp, key: &str) -> Value {
    match it.modules.get(CONFIG) {
        Some(Value::Module(m)) => m.get(key).unwrap_or(Value::None),
        _ => Value::None,
    }
}

pub(crate) fn set_config(it: &Interp, key: &str, v: Value) {
    if let Some(Value::Module(m)) = it.modules.get(CONFIG) {
        m.set(key, v);
    }
}

/// `backend.floatx()` as a dtype.
pub(crate) fn floatx_dtype(it: &Interp) -> DType {
    match config(it, "_FLOATX") {
        Value::Str(s) => DType::from_name(&s).unwrap_or(DType::F32),
        _ => DType::F32,
    }
}

/// `backend.epsilon()` as a number.
pub(crate) fn epsilon_value(it: &Interp) -> f64 {
    crate::api::convert::f64_arg(&config(it, "_EPSILON"), "epsilon").unwrap_or(1e-7)
}

/// A dtype argument that defaults to `floatx()`.
pub(crate) fn dtype_or_floatx(it: &Interp, dtype: &Value) -> R<Value> {
    Ok(match dtype {
        Value::None => config(it, "_FLOATX"),
        d => d.clone(),
    })
}

crate::builtin! {
    /// Returns the default float type, as a string.
    python ["tf.keras.backend.floatx"]
    fn floatx(it) {
        Ok(config(it, "_FLOATX"))
    }
}

crate::builtin! {
    /// Sets the default float type.
    python ["tf.keras.backend.set_floatx"]
    fn set_floatx(it, value) {
        let name = match &value {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        };
        match name.as_deref() {
            Some("float32") => {
                set_config(it, "_FLOATX", value);
                Ok(Value::None)
            }
            Some(n @ ("float16" | "float64")) => raise(
                ExcKind::NotImplementedError,
                format!("tensh's Keras layers compute in float32 only: set_floatx('{}') is not supported", n),
            ),
            _ => Err(value_err(format!(
                "Unknown `floatx` value: {}. Expected one of {{'float16', 'float32', 'float64'}}",
                it.str_of(&value)?
            ))),
        }
    }
}

crate::builtin! {
    /// Returns the value of the fuzz factor used in numeric expressions.
    dispatch ["tf.keras.backend.epsilon"]
    fn epsilon(it) {
        Ok(config(it, "_EPSILON"))
    }
}

crate::builtin! {
    /// Sets the value of the fuzz factor used in numeric expressions.
    python ["tf.keras.backend.set_epsilon"]
    fn set_epsilon(it, value) {
        set_config(it, "_EPSILON", value);
        Ok(Value::None)
    }
}

crate::builtin! {
    /// Returns the default image data format convention.
    dispatch ["tf.keras.backend.image_data_format"]
    fn image_data_format(it) {
        Ok(config(it, "_IMAGE_DATA_FORMAT"))
    }
}

crate::builtin! {
    /// Sets the value of the image data format convention.
    python ["tf.keras.backend.set_image_data_format"]
    fn set_image_data_format(it, data_format) {
        match &data_format {
            Value::Str(s) if &**s == "channels_last" => {
                set_config(it, "_IMAGE_DATA_FORMAT", data_format.clone());
                Ok(Value::None)
            }
            Value::Str(s) if &**s == "channels_first" => raise(
                ExcKind::NotImplementedError,
                "tensh's Keras layers default to channels_last images: set_image_data_format('channels_first') is not supported; pass data_format='channels_first' to the layers that take it",
            ),
            _ => Err(value_err(format!(
                "Unknown `data_format`: {}. Expected one of {{'channels_first', 'channels_last'}}",
                it.str_of(&data_format)?
            ))),
        }
    }
}

crate::builtin! {
    /// Publicly accessible method for determining the current backend.
    python ["tf.keras.backend.backend"]
    fn backend(it) {
        Ok(Value::str("tensorflow"))
    }
}

crate::builtin! {
    /// Resets all state generated by Keras.
    python ["tf.keras.backend.clear_session"]
    fn clear_session(it) {
        it.counters.clear();
        Ok(Value::None)
    }
}

/// `get_uid` counts apart from layer names (Keras keys those by namespace and name); the
/// `input` count is the one unnamed `Input`s are numbered by (`input_1`, `input_2`...).
fn uid_key(prefix: &str) -> String {
    format!("{}#uid", prefix)
}

crate::builtin! {
    /// Associates a string prefix with an integer counter in a TensorFlow graph.
    python ["tf.keras.backend.get_uid"]
    fn get_uid(it, prefix = "") {
        let key = match &prefix {
            Value::Str(s) => uid_key(s),
            other => uid_key(&it.repr(other)?),
        };
        let n = it.counters.entry(key).or_insert(0);
        *n += 1;
        Ok(Value::Int(*n as i64))
    }
}

crate::builtin! {
    /// Resets graph identifiers.
    python ["tf.keras.backend.reset_uids"]
    fn reset_uids(it) {
        it.counters.clear();
        Ok(Value::None)
    }
}

crate::builtin! {
    /// Returns the learning phase flag.
    python ["tf.keras.backend.learning_phase"]
    fn learning_phase(it) {
        Ok(Value::Int(0))
    }
}

crate::builtin! {
    /// Returns shape of tensor/variable as a tuple of int/None entries.
    python ["tf.keras.backend.int_shape"]
    fn int_shape(it, x) {
        let shape = it.get_attr(&x, "shape")?;
        match &shape {
            Value::Tuple(_) => Ok(shape),
            Value::Shape(s) => Ok(match &s.dims {
                Some(d) => crate::nn::shape_tuple_value(d),
                None => Value::None,
            }),
            other => {
                let items = it.collect_items(other)?;
                Ok(Value::tuple(items))
            }
        }
    }
}

crate::builtin! {
    /// Returns the number of axes in a tensor, as an integer.
    python ["tf.keras.backend.ndim"]
    fn ndim(it, x) {
        let shape = it.get_attr(&x, "shape")?;
        it.get_attr(&shape, "rank")
    }
}

crate::builtin! {
    /// Returns the dtype of a Keras tensor or variable, as a string.
    dispatch ["tf.keras.backend.dtype"]
    fn dtype(it, x) {
        let d = it.get_attr(&x, "dtype")?;
        Ok(Value::str(crate::api::convert::dtype_arg(&d)?.name()))
    }
}

crate::builtin! {
    /// Returns the static number of elements in a variable or tensor.
    python ["tf.keras.backend.count_params"]
    fn count_params(it, x) {
        let shape = it.get_attr(&x, "shape")?;
        let dims = crate::api::convert::int_list(it, &shape, "shape")?;
        Ok(Value::Int(dims.iter().product()))
    }
}

/// Whether `x` is a tensor as `tf.is_tensor` sees it (a symbolic Keras tensor included).
fn is_tensor(x: &Value) -> bool {
    matches!(x, Value::Tensor(_) | Value::Variable(_)) || x.as_object::<KerasTensor>().is_some()
}

crate::builtin! {
    /// Returns whether `x` is a Keras tensor.
    python ["tf.keras.backend.is_keras_tensor"]
    fn is_keras_tensor(it, x) {
        if !is_tensor(&x) {
            let class = crate::eval::types::type_of(it, x.clone())?;
            return Err(value_err(format!(
                "Unexpectedly found an instance of type `{}`. Expected a symbolic tensor instance.",
                it.repr(&class)?
            )));
        }
        Ok(Value::Bool(x.as_object::<KerasTensor>().is_some()))
    }
}

/// `x.numpy()` of a tensor or variable; anything else as it is.
fn value_of(x: Value) -> Value {
    match &x {
        Value::Tensor(t) => Value::ndarray(t.clone()),
        Value::Variable(v) => Value::ndarray(v.value.borrow().clone()),
        _ => x,
    }
}

crate::builtin! {
    /// Returns the value of a variable.
    python ["tf.keras.backend.get_value"]
    fn get_value(it, x) {
        Ok(value_of(x))
    }
}

crate::builtin! {
    /// Evaluates the value of a variable.
    python ["tf.keras.backend.eval"]
    fn eval(it, x) {
        Ok(value_of(x))
    }
}

crate::builtin! {
    /// Sets the value of a variable, from a Numpy array.
    python ["tf.keras.backend.set_value"]
    fn set_value(it, x, value) {
        let d = it.get_attr(&x, "dtype")?;
        let d = crate::api::convert::dtype_arg(&d)?;
        let value = match tensor_of(&value) {
            Some(t) => t.cast(d),
            None => crate::api::convert::to_tensor(it, &value, Some(d))?,
        };
        let assign = it.get_attr(&x, "assign")?;
        it.call(&assign, Args::new(vec![Value::ndarray(value)]))?;
        Ok(Value::None)
    }
}

/// Calls the function declared at `path` (`tf.math.reduce_mean`) with positional and
/// keyword arguments.
pub(crate) fn call_tf(
    it: &mut Interp,
    path: &str,
    pos: Vec<Value>,
    kw: Vec<(&str, Value)>,
) -> R<Value> {
    let f = crate::nn::declared(path);
    let args = Args {
        pos,
        kw: kw.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
    };
    it.call(&f, args)
}

crate::builtin! {
    /// Instantiates a variable and returns it.
    python ["tf.keras.backend.variable"]
    fn variable(it, value, dtype = None, name = None, constraint = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        make_variable(it, value, dtype, name, constraint)
    }
}

fn make_variable(
    it: &mut Interp,
    value: Value,
    dtype: Value,
    name: Value,
    constraint: Value,
) -> R<Value> {
    call_tf(
        it,
        "tf.Variable",
        vec![value],
        vec![("dtype", dtype), ("name", name), ("constraint", constraint)],
    )
}

crate::builtin! {
    /// Creates a constant tensor.
    dispatch ["tf.keras.backend.constant"]
    fn constant(it, value, dtype = None, shape = None, name = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        call_tf(it, "tf.constant", vec![value], vec![("dtype", dtype), ("shape", shape), ("name", name)])
    }
}

/// `backend.zeros` / `backend.ones`: a variable, or a tensor when a dimension is 0.
fn filled(it: &mut Interp, path: &str, shape: Value, dtype: Value, name: Value) -> R<Value> {
    let dtype = dtype_or_floatx(it, &dtype)?;
    let v = call_tf(it, path, vec![shape], vec![("dtype", dtype.clone())])?;
    let empty = tensor_of(&v).is_some_and(|t| t.shape().contains(&0));
    if empty {
        return Ok(v);
    }
    make_variable(it, v, dtype, name, Value::None)
}

crate::builtin! {
    /// Instantiates an all-zeros variable and returns it.
    python ["tf.keras.backend.zeros"]
    fn zeros(it, shape, dtype = None, name = None) {
        filled(it, "tf.zeros", shape, dtype, name)
    }
}

crate::builtin! {
    /// Instantiates an all-ones variable and returns it.
    dispatch ["tf.keras.backend.ones"]
    fn ones(it, shape, dtype = None, name = None) {
        filled(it, "tf.ones", shape, dtype, name)
    }
}

crate::builtin! {
    /// Instantiate an identity matrix and returns it.
    dispatch ["tf.keras.backend.eye"]
    fn eye(it, size, dtype = None, name = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        let v = call_tf(it, "tf.eye", vec![size], vec![("dtype", dtype.clone())])?;
        make_variable(it, v, dtype, name, Value::None)
    }
}

crate::builtin! {
    /// Cast a Numpy array to the default Keras float type.
    dispatch ["tf.keras.backend.cast_to_floatx"]
    fn cast_to_floatx(it, x) {
        let d = floatx_dtype(it);
        if matches!(x, Value::Tensor(_) | Value::Variable(_)) {
            return call_tf(it, "tf.cast", vec![x], vec![("dtype", Value::DType(d))]);
        }
        let t = match tensor_of(&x) {
            Some(t) => t.cast(d),
            None => crate::api::convert::to_tensor(it, &x, Some(d))?,
        };
        Ok(Value::ndarray(t))
    }
}
