//! The math of `tf.keras.backend`: reductions, elementwise functions, shape functions,
//! random tensors, activations and the three crossentropies, each as Keras 2.15 writes it
//! on top of the TensorFlow ops (called through their declarations, so errors read as
//! TensorFlow's). Where Keras reads `x.dtype` or `x.shape` first, a value without one (a
//! list) fails with the same AttributeError.

use super::backend::{call_tf, dtype_or_floatx, floatx_dtype};
use crate::api::convert::{dtype_arg, to_tensor};
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};

/// `x.dtype`, as Keras reads it (an AttributeError for values without one).
fn dtype_of(it: &mut Interp, x: &Value) -> R<DType> {
    let d = it.get_attr(x, "dtype")?;
    dtype_arg(&d)
}

/// `x.shape.rank`.
fn rank_of(it: &mut Interp, x: &Value) -> R<Option<usize>> {
    let shape = it.get_attr(x, "shape")?;
    match it.get_attr(&shape, "rank")? {
        Value::Int(n) => Ok(Some(n.max(0) as usize)),
        _ => Ok(None),
    }
}

/// A bool tensor cast to `floatx()`, as `mean`, `std` and `var` do first.
fn bool_to_floatx(it: &mut Interp, x: Value) -> R<Value> {
    if dtype_of(it, &x)? == DType::Bool {
        let d = Value::DType(floatx_dtype(it));
        return call_tf(it, "tf.cast", vec![x], vec![("dtype", d)]);
    }
    Ok(x)
}

fn reduce(it: &mut Interp, path: &str, x: Value, axis: Value, keepdims: Value) -> R<Value> {
    call_tf(it, path, vec![x, axis, keepdims], vec![])
}

/// Declares the reductions `f(x, axis=None, keepdims=False)`; `$prep` readies `x`.
macro_rules! reductions {
    ($($(#[doc = $doc:literal])* $style:ident [$path:literal] fn $name:ident => $tf:literal, $prep:expr;)*) => {$(
        crate::builtin! {
            $(#[doc = $doc])*
            $style [$path]
            fn $name(it, x, axis = None, keepdims = False) {
                let prep: fn(&mut Interp, Value) -> R<Value> = $prep;
                let x = prep(it, x)?;
                reduce(it, $tf, x, axis, keepdims)
            }
        }
    )*};
}

fn as_is(_: &mut Interp, x: Value) -> R<Value> {
    Ok(x)
}

fn to_bool(it: &mut Interp, x: Value) -> R<Value> {
    call_tf(
        it,
        "tf.cast",
        vec![x],
        vec![("dtype", Value::DType(DType::Bool))],
    )
}

reductions! {
    /// Mean of a tensor, alongside the specified axis.
    dispatch ["tf.keras.backend.mean"] fn mean => "tf.math.reduce_mean", bool_to_floatx;
    /// Sum of the values in a tensor, alongside the specified axis.
    dispatch ["tf.keras.backend.sum"] fn sum => "tf.math.reduce_sum", as_is;
    /// Maximum value in a tensor.
    dispatch ["tf.keras.backend.max"] fn max => "tf.math.reduce_max", as_is;
    /// Minimum value in a tensor.
    dispatch ["tf.keras.backend.min"] fn min => "tf.math.reduce_min", as_is;
    /// Multiplies the values in a tensor, alongside the specified axis.
    dispatch ["tf.keras.backend.prod"] fn prod => "tf.math.reduce_prod", as_is;
    /// Standard deviation of a tensor, alongside the specified axis.
    dispatch ["tf.keras.backend.std"] fn std => "tf.math.reduce_std", bool_to_floatx;
    /// Variance of a tensor, alongside the specified axis.
    python ["tf.keras.backend.var"] fn var => "tf.math.reduce_variance", bool_to_floatx;
    /// Bitwise reduction (logical OR).
    dispatch ["tf.keras.backend.any"] fn any => "tf.math.reduce_any", to_bool;
    /// Bitwise reduction (logical AND).
    dispatch ["tf.keras.backend.all"] fn all => "tf.math.reduce_all", to_bool;
}

/// Declares the functions of one tensor that are one TensorFlow op.
macro_rules! unary {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $tf:literal;)*) => {$(
        crate::builtin! {
            $(#[doc = $doc])*
            dispatch [$path]
            fn $name(it, x) {
                call_tf(it, $tf, vec![x], vec![])
            }
        }
    )*};
}

unary! {
    /// Element-wise square.
    ["tf.keras.backend.square"] fn square => "tf.math.square";
    /// Element-wise absolute value.
    ["tf.keras.backend.abs"] fn abs => "tf.math.abs";
    /// Element-wise exponential.
    ["tf.keras.backend.exp"] fn exp => "tf.math.exp";
    /// Element-wise log.
    ["tf.keras.backend.log"] fn log => "tf.math.log";
    /// Element-wise rounding to the closest integer.
    ["tf.keras.backend.round"] fn round => "tf.math.round";
    /// Element-wise sign.
    ["tf.keras.backend.sign"] fn sign => "tf.math.sign";
    /// Computes sin of x element-wise.
    ["tf.keras.backend.sin"] fn sin => "tf.math.sin";
    /// Computes cos of x element-wise.
    ["tf.keras.backend.cos"] fn cos => "tf.math.cos";
    /// Element-wise sigmoid.
    ["tf.keras.backend.sigmoid"] fn sigmoid => "tf.math.sigmoid";
    /// Element-wise tanh.
    ["tf.keras.backend.tanh"] fn tanh => "tf.math.tanh";
    /// Softplus of a tensor.
    ["tf.keras.backend.softplus"] fn softplus => "tf.math.softplus";
    /// Softsign of a tensor.
    ["tf.keras.backend.softsign"] fn softsign => "tf.nn.softsign";
    /// Returns the shape of tensor or variable as a tensor.
    ["tf.keras.backend.shape"] fn shape => "tf.shape";
    /// Transposes a tensor and returns it.
    ["tf.keras.backend.transpose"] fn transpose => "tf.transpose";
    /// Returns `variables` but with zero gradient w.r.t. every other variable.
    ["tf.keras.backend.stop_gradient"] fn stop_gradient => "tf.stop_gradient";
}

/// Declares the functions of two tensors that are one TensorFlow op.
macro_rules! binary {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $tf:literal;)*) => {$(
        crate::builtin! {
            $(#[doc = $doc])*
            dispatch [$path]
            fn $name(it, x, y) {
                call_tf(it, $tf, vec![x, y], vec![])
            }
        }
    )*};
}

binary! {
    /// Element-wise equality between two tensors.
    ["tf.keras.backend.equal"] fn equal => "tf.math.equal";
    /// Element-wise inequality between two tensors.
    ["tf.keras.backend.not_equal"] fn not_equal => "tf.math.not_equal";
    /// Element-wise truth value of (x > y).
    ["tf.keras.backend.greater"] fn greater => "tf.math.greater";
    /// Element-wise truth value of (x >= y).
    ["tf.keras.backend.greater_equal"] fn greater_equal => "tf.math.greater_equal";
    /// Element-wise truth value of (x < y).
    ["tf.keras.backend.less"] fn less => "tf.math.less";
    /// Element-wise truth value of (x <= y).
    ["tf.keras.backend.less_equal"] fn less_equal => "tf.math.less_equal";
    /// Element-wise maximum of two tensors.
    ["tf.keras.backend.maximum"] fn maximum => "tf.math.maximum";
    /// Element-wise minimum of two tensors.
    ["tf.keras.backend.minimum"] fn minimum => "tf.math.minimum";
}

crate::builtin! {
    /// Element-wise exponentiation.
    dispatch ["tf.keras.backend.pow"]
    fn pow(it, x, a) {
        call_tf(it, "tf.math.pow", vec![x, a], vec![])
    }
}

crate::builtin! {
    /// Element-wise square root.
    dispatch ["tf.keras.backend.sqrt"]
    fn sqrt(it, x) {
        let d = dtype_of(it, &x)?;
        let zero = Value::Tensor(Tensor::full(d, &[], 0.0));
        let x = call_tf(it, "tf.math.maximum", vec![x, zero], vec![])?;
        call_tf(it, "tf.math.sqrt", vec![x], vec![])
    }
}

crate::builtin! {
    /// Casts a tensor to a different dtype and returns it.
    dispatch ["tf.keras.backend.cast"]
    fn cast(it, x, dtype) {
        call_tf(it, "tf.cast", vec![x, dtype], vec![])
    }
}

crate::builtin! {
    /// Returns the index of the maximum value along an axis.
    dispatch ["tf.keras.backend.argmax"]
    fn argmax(it, x, axis = -1) {
        call_tf(it, "tf.math.argmax", vec![x, axis], vec![])
    }
}

crate::builtin! {
    /// Returns the index of the minimum value along an axis.
    dispatch ["tf.keras.backend.argmin"]
    fn argmin(it, x, axis = -1) {
        call_tf(it, "tf.math.argmin", vec![x, axis], vec![])
    }
}

crate::builtin! {
    /// Cumulative sum of the values in a tensor, alongside the specified axis.
    dispatch ["tf.keras.backend.cumsum"]
    fn cumsum(it, x, axis = 0) {
        call_tf(it, "tf.math.cumsum", vec![x, axis], vec![])
    }
}

crate::builtin! {
    /// Cumulative product of the values in a tensor alongside the specified axis.
    dispatch ["tf.keras.backend.cumprod"]
    fn cumprod(it, x, axis = 0) {
        call_tf(it, "tf.math.cumprod", vec![x, axis], vec![])
    }
}

crate::builtin! {
    /// Element-wise value clipping.
    dispatch ["tf.keras.backend.clip"]
    fn clip(it, x, min_value, max_value) {
        let num = |v: &Value| match v {
            Value::Int(i) => Some(*i as f64),
            Value::Bool(b) => Some(*b as i64 as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        };
        let mut max_value = max_value;
        if let (Some(lo), Some(hi)) = (num(&min_value), num(&max_value)) {
            if hi < lo {
                max_value = min_value.clone();
            }
        }
        let lo = match min_value {
            Value::None => Value::Float(f64::NEG_INFINITY),
            v => v,
        };
        let hi = match max_value {
            Value::None => Value::Float(f64::INFINITY),
            v => v,
        };
        call_tf(it, "tf.clip_by_value", vec![x, lo, hi], vec![])
    }
}

crate::builtin! {
    /// Multiplies 2 tensors (and/or variables) and returns a tensor.
    dispatch ["tf.keras.backend.dot"]
    fn dot(it, x, y) {
        let (rx, ry) = (rank_of(it, &x)?, rank_of(it, &y)?);
        match (rx, ry) {
            (Some(rx), Some(ry)) if rx > 2 || ry > 2 => nd_dot(it, x, y, ry),
            _ => call_tf(it, "tf.linalg.matmul", vec![x, y], vec![]),
        }
    }
}

/// `dot` of tensors of rank above 2: `x`'s last axis against `y`'s second to last.
fn nd_dot(it: &mut Interp, x: Value, y: Value, ry: usize) -> R<Value> {
    let xs = to_tensor(it, &x, None)?.shape().to_vec();
    let ys = to_tensor(it, &y, None)?.shape().to_vec();
    let int = |n: usize| Value::Int(n as i64);
    let dims = |v: &[usize]| Value::list(v.iter().map(|&n| int(n)).collect());
    if xs.is_empty() || ys.len() < 2 {
        return Err(value_err(
            "dot needs x of rank 1 or more and y of rank 2 or more",
        ));
    }
    let mut perm: Vec<usize> = (0..ry).collect();
    let moved = perm.remove(ry - 2);
    perm.insert(0, moved);
    let xt = call_tf(
        it,
        "tf.reshape",
        vec![x, Value::list(vec![Value::Int(-1), int(xs[xs.len() - 1])])],
        vec![],
    )?;
    let yt = call_tf(it, "tf.transpose", vec![y], vec![("perm", dims(&perm))])?;
    let yt = call_tf(
        it,
        "tf.reshape",
        vec![yt, Value::list(vec![int(ys[ys.len() - 2]), Value::Int(-1)])],
        vec![],
    )?;
    let out = call_tf(it, "tf.linalg.matmul", vec![xt, yt], vec![])?;
    let mut shape = xs[..xs.len() - 1].to_vec();
    shape.extend_from_slice(&ys[..ys.len() - 2]);
    shape.push(ys[ys.len() - 1]);
    call_tf(it, "tf.reshape", vec![out, dims(&shape)], vec![])
}

crate::builtin! {
    /// Reshapes a tensor to the specified shape.
    dispatch ["tf.keras.backend.reshape"]
    fn reshape(it, x, shape) {
        call_tf(it, "tf.reshape", vec![x, shape], vec![])
    }
}

crate::builtin! {
    /// Permutes axes in a tensor.
    dispatch ["tf.keras.backend.permute_dimensions"]
    fn permute_dimensions(it, x, pattern) {
        call_tf(it, "tf.transpose", vec![x], vec![("perm", pattern)])
    }
}

crate::builtin! {
    /// Flatten a tensor.
    dispatch ["tf.keras.backend.flatten"]
    fn flatten(it, x) {
        call_tf(it, "tf.reshape", vec![x, Value::list(vec![Value::Int(-1)])], vec![])
    }
}

crate::builtin! {
    /// Turn a nD tensor into a 2D tensor with same 0th dimension.
    dispatch ["tf.keras.backend.batch_flatten"]
    fn batch_flatten(it, x) {
        let s = to_tensor(it, &x, None)?.shape().to_vec();
        let rest: usize = s.iter().skip(1).product();
        call_tf(it, "tf.reshape", vec![x, Value::list(vec![Value::Int(-1), Value::Int(rest as i64)])], vec![])
    }
}

crate::builtin! {
    /// Concatenates a list of tensors alongside the specified axis.
    dispatch ["tf.keras.backend.concatenate"]
    fn concatenate(it, tensors, axis = -1) {
        let mut axis = crate::api::convert::i64_arg(&axis, "axis")?;
        if axis < 0 {
            let first = it.get_item(&tensors, &Value::Int(0))?;
            axis = match rank_of(it, &first)? {
                Some(r) if r > 0 => axis.rem_euclid(r as i64),
                _ => 0,
            };
        }
        call_tf(it, "tf.concat", vec![tensors, Value::Int(axis)], vec![])
    }
}

crate::builtin! {
    /// Stacks a list of rank `R` tensors into a rank `R+1` tensor.
    dispatch ["tf.keras.backend.stack"]
    fn stack(it, x, axis = 0) {
        call_tf(it, "tf.stack", vec![x], vec![("axis", axis)])
    }
}

crate::builtin! {
    /// Adds a 1-sized dimension at index "axis".
    dispatch ["tf.keras.backend.expand_dims"]
    fn expand_dims(it, x, axis = -1) {
        call_tf(it, "tf.expand_dims", vec![x, axis], vec![])
    }
}

crate::builtin! {
    /// Removes a 1-dimension from the tensor at index "axis".
    dispatch ["tf.keras.backend.squeeze"]
    fn squeeze(it, x, axis) {
        call_tf(it, "tf.squeeze", vec![x, Value::list(vec![axis])], vec![])
    }
}

crate::builtin! {
    /// Creates a tensor by tiling `x` by `n`.
    dispatch ["tf.keras.backend.tile"]
    fn tile(it, x, n) {
        let n = match n {
            Value::Int(_) => Value::list(vec![n]),
            other => other,
        };
        call_tf(it, "tf.tile", vec![x, n], vec![])
    }
}

crate::builtin! {
    /// Retrieves the elements of indices `indices` in the tensor `reference`.
    dispatch ["tf.keras.backend.gather"]
    fn gather(it, reference, indices) {
        call_tf(it, "tf.gather", vec![reference, indices], vec![])
    }
}

crate::builtin! {
    /// Computes the one-hot representation of an integer tensor.
    dispatch ["tf.keras.backend.one_hot"]
    fn one_hot(it, indices, num_classes) {
        call_tf(it, "tf.one_hot", vec![indices], vec![("depth", num_classes), ("axis", Value::Int(-1))])
    }
}

crate::builtin! {
    /// Instantiates an all-zeros variable of the same shape as another tensor.
    python ["tf.keras.backend.zeros_like"]
    fn zeros_like(it, x, dtype = None, name = None) {
        call_tf(it, "tf.zeros_like", vec![x], vec![("dtype", dtype)])
    }
}

crate::builtin! {
    /// Instantiates an all-ones variable of the same shape as another tensor.
    dispatch ["tf.keras.backend.ones_like"]
    fn ones_like(it, x, dtype = None, name = None) {
        call_tf(it, "tf.ones_like", vec![x], vec![("dtype", dtype)])
    }
}

crate::builtin! {
    /// Creates a 1D tensor containing a sequence of integers.
    dispatch ["tf.keras.backend.arange"]
    fn arange(it, start, stop = None, step = 1, dtype = "int32") {
        let negative = matches!(&start, Value::Int(i) if *i < 0)
            || matches!(&start, Value::Float(f) if *f < 0.0);
        let start = if matches!(stop, Value::None) && negative { Value::Int(0) } else { start };
        let r = call_tf(it, "tf.range", vec![start], vec![("limit", stop), ("delta", step)])?;
        match &dtype {
            Value::Str(s) if &**s == "int32" => Ok(r),
            _ => call_tf(it, "tf.cast", vec![r, dtype], vec![]),
        }
    }
}

crate::builtin! {
    /// Normalizes a tensor wrt the L2 norm alongside the specified axis.
    dispatch ["tf.keras.backend.l2_normalize"]
    fn l2_normalize(it, x, axis = None) {
        let sq = call_tf(it, "tf.math.square", vec![x.clone()], vec![])?;
        let sum = call_tf(it, "tf.math.reduce_sum", vec![sq, axis], vec![("keepdims", Value::Bool(true))])?;
        let d = to_tensor(it, &sum, None)?.dtype();
        let floor = Value::Tensor(Tensor::full(d, &[], 1e-12));
        let sum = call_tf(it, "tf.math.maximum", vec![sum, floor], vec![])?;
        let inv = call_tf(it, "tf.math.rsqrt", vec![sum], vec![])?;
        call_tf(it, "tf.math.multiply", vec![x, inv], vec![])
    }
}

/// The op seed Keras's backend samplers use: the given one, else `np.random.randint(10e6)`
/// from numpy's global generator.
fn seed_or_numpy(it: &mut Interp, seed: Value) -> R<Value> {
    match seed {
        Value::None => call_tf(
            it,
            "np.random.randint",
            vec![Value::Int(10_000_000)],
            vec![],
        ),
        s => Ok(s),
    }
}

crate::builtin! {
    /// Returns a tensor with normal distribution of values.
    dispatch ["tf.keras.backend.random_normal"]
    fn random_normal(it, shape, mean = 0.0, stddev = 1.0, dtype = None, seed = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        let seed = seed_or_numpy(it, seed)?;
        call_tf(it, "tf.random.normal", vec![shape], vec![("mean", mean), ("stddev", stddev), ("dtype", dtype), ("seed", seed)])
    }
}

crate::builtin! {
    /// Returns a tensor with uniform distribution of values.
    dispatch ["tf.keras.backend.random_uniform"]
    fn random_uniform(it, shape, minval = 0.0, maxval = 1.0, dtype = None, seed = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        let seed = seed_or_numpy(it, seed)?;
        call_tf(it, "tf.random.uniform", vec![shape], vec![("minval", minval), ("maxval", maxval), ("dtype", dtype), ("seed", seed)])
    }
}

crate::builtin! {
    /// Returns a tensor with truncated random normal distribution of values.
    dispatch ["tf.keras.backend.truncated_normal"]
    fn truncated_normal(it, shape, mean = 0.0, stddev = 1.0, dtype = None, seed = None) {
        let dtype = dtype_or_floatx(it, &dtype)?;
        let seed = seed_or_numpy(it, seed)?;
        call_tf(it, "tf.random.truncated_normal", vec![shape], vec![("mean", mean), ("stddev", stddev), ("dtype", dtype), ("seed", seed)])
    }
}
