//! The activations and losses of `tf.keras.backend`: `relu` (Keras's, shared with
//! `keras.activations.relu`), `elu`, `softmax`, and the per-sample `categorical_crossentropy`,
//! `sparse_categorical_crossentropy` and elementwise `binary_crossentropy`, with Keras
//! 2.15's formulas (probabilities clipped to `[epsilon, 1 - epsilon]`, logits through
//! TensorFlow's fused kernels).

use super::backend::{call_tf, epsilon_value};
use crate::api::convert::{f64_arg, given, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::Value;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};

fn scalar(d: DType, v: f64) -> Tensor {
    Tensor::full(d, &[], v)
}

/// `tf.clip_by_value(x, lo, hi)` with scalar bounds.
fn clip(x: &Tensor, lo: f64, hi: f64) -> R<Tensor> {
    let d = x.dtype();
    let t = ew::binary(Binary::Minimum, x, &scalar(d, hi))?;
    Ok(ew::binary(Binary::Maximum, &t, &scalar(d, lo))?)
}

crate::builtin! {
    /// Rectified linear unit.
    dispatch ["tf.keras.backend.relu"]
    fn relu(it, x, alpha = 0.0, max_value = None, threshold = 0.0) {
        let alpha = f64_arg(&alpha, "alpha")?;
        let threshold = f64_arg(&threshold, "threshold")?;
        let max_value = given(max_value).map(|v| f64_arg(&v, "max_value")).transpose()?;
        let x = to_tensor(it, &x, None)?;
        let y = crate::nn::activations::keras_relu(&x, alpha, max_value, threshold)?;
        Ok(Value::Tensor(y))
    }
}

crate::builtin! {
    /// Exponential linear unit.
    dispatch ["tf.keras.backend.elu"]
    fn elu(it, x, alpha = 1.0) {
        let res = call_tf(it, "tf.nn.elu", vec![x.clone()], vec![])?;
        if f64_arg(&alpha, "alpha")? == 1.0 {
            return Ok(res);
        }
        let pos = call_tf(it, "tf.math.greater", vec![x, Value::Int(0)], vec![])?;
        let scaled = call_tf(it, "tf.math.multiply", vec![alpha, res.clone()], vec![])?;
        call_tf(it, "tf.where", vec![pos, res, scaled], vec![])
    }
}

crate::builtin! {
    /// Softmax of a tensor.
    dispatch ["tf.keras.backend.softmax"]
    fn softmax(it, x, axis = -1) {
        let shape = it.get_attr(&x, "shape")?;
        let rank = it.get_attr(&shape, "rank")?;
        if matches!(rank, Value::Int(r) if r <= 1) {
            let shown = match crate::api::convert::tensor_of(&x) {
                Some(t) => crate::print::array_str(&t),
                None => it.str_of(&x)?,
            };
            return Err(value_err(format!(
                "Cannot apply softmax to a tensor that is 1D. Received input: {}",
                shown
            )));
        }
        if matches!(axis, Value::Int(_)) {
            return call_tf(it, "tf.nn.softmax", vec![x], vec![("axis", axis)]);
        }
        let m = call_tf(it, "tf.math.reduce_max", vec![x.clone(), axis.clone()], vec![("keepdims", Value::Bool(true))])?;
        let diff = call_tf(it, "tf.math.subtract", vec![x, m], vec![])?;
        let num = call_tf(it, "tf.math.exp", vec![diff], vec![])?;
        let den = call_tf(it, "tf.math.reduce_sum", vec![num.clone(), axis], vec![("keepdims", Value::Bool(true))])?;
        call_tf(it, "tf.math.divide", vec![num, den], vec![])
    }
}

/// `TensorShape.assert_is_compatible_with` for fully known shapes.
fn assert_compatible(a: &Tensor, b: &Tensor) -> R<()> {
    if a.shape() != b.shape() {
        return Err(value_err(format!(
            "Shapes {} and {} are incompatible",
            crate::print::shape_tuple(a.shape()),
            crate::print::shape_tuple(b.shape())
        )));
    }
    Ok(())
}

crate::builtin! {
    /// Categorical crossentropy between an output tensor and a target tensor.
    dispatch ["tf.keras.backend.categorical_crossentropy"]
    fn categorical_crossentropy(it, target, output, from_logits = False, axis = -1) {
        let t = to_tensor(it, &target, None)?;
        let p = to_tensor(it, &output, None)?;
        assert_compatible(&t, &p)?;
        if it.truthy(&from_logits)? {
            return call_tf(
                it,
                "tf.nn.softmax_cross_entropy_with_logits",
                vec![],
                vec![("labels", Value::Tensor(t)), ("logits", Value::Tensor(p)), ("axis", axis)],
            );
        }
        let ax = [crate::api::convert::i64_arg(&axis, "axis")?];
        let d = p.dtype();
        let total = reduce::reduce(Reduce::Sum, &p, Some(&ax), true)?;
        let p = ew::binary(Binary::Div, &p, &total)?;
        let eps = epsilon_value(it);
        let p = clip(&p, eps, 1.0 - eps)?;
        let terms = ew::binary(Binary::Mul, &t.cast(d), &ew::unary(Unary::Log, &p)?)?;
        let sum = reduce::reduce(Reduce::Sum, &terms, Some(&ax), false)?;
        Ok(Value::Tensor(ew::unary(Unary::Neg, &sum)?))
    }
}

crate::builtin! {
    /// Categorical crossentropy with integer targets.
    dispatch ["tf.keras.backend.sparse_categorical_crossentropy"]
    fn sparse_categorical_crossentropy(it, target, output, from_logits = False, axis = -1,
        ignore_class = None) {
        if given(ignore_class).is_some() {
            return raise(
                ExcKind::NotImplementedError,
                "tensh's backend.sparse_categorical_crossentropy does not take ignore_class",
            );
        }
        let t = to_tensor(it, &target, None)?.cast(DType::I64);
        let mut p = to_tensor(it, &output, None)?;
        if !it.truthy(&from_logits)? {
            let eps = epsilon_value(it);
            p = ew::unary(Unary::Log, &clip(&p, eps, 1.0 - eps)?)?;
        }
        let rank = p.ndim() as i64;
        if rank == 0 {
            return Err(value_err("sparse_categorical_crossentropy needs an output of rank 1 or more"));
        }
        let ax = crate::api::convert::i64_arg(&axis, "axis")?.rem_euclid(rank);
        let mut logits = Value::Tensor(p.clone());
        if ax != rank - 1 {
            let perm: Vec<Value> = (0..rank)
                .filter(|&i| i != ax)
                .chain([ax])
                .map(Value::Int)
                .collect();
            logits = call_tf(it, "tf.transpose", vec![logits], vec![("perm", Value::list(perm))])?;
        }
        let out_shape = to_tensor(it, &logits, None)?.shape().to_vec();
        let update = t.ndim() as i64 != rank - 1;
        let mut labels = Value::Tensor(t);
        if update {
            let classes = *out_shape.last().unwrap_or(&1) as i64;
            labels = call_tf(it, "tf.reshape", vec![labels, Value::list(vec![Value::Int(-1)])], vec![])?;
            logits = call_tf(it, "tf.reshape", vec![logits, Value::list(vec![Value::Int(-1), Value::Int(classes)])], vec![])?;
        }
        let res = call_tf(
            it,
            "tf.nn.sparse_softmax_cross_entropy_with_logits",
            vec![],
            vec![("labels", labels), ("logits", logits)],
        )?;
        if update && rank >= 3 {
            let dims = out_shape[..out_shape.len() - 1]
                .iter()
                .map(|&n| Value::Int(n as i64))
                .collect();
            return call_tf(it, "tf.reshape", vec![res, Value::list(dims)], vec![]);
        }
        Ok(res)
    }
}

crate::builtin! {
    /// Binary crossentropy between an output tensor and a target tensor.
    dispatch ["tf.keras.backend.binary_crossentropy"]
    fn binary_crossentropy(it, target, output, from_logits = False) {
        let t = to_tensor(it, &target, None)?;
        let p = to_tensor(it, &output, None)?;
        if it.truthy(&from_logits)? {
            return call_tf(
                it,
                "tf.nn.sigmoid_cross_entropy_with_logits",
                vec![],
                vec![("labels", Value::Tensor(t)), ("logits", Value::Tensor(p))],
            );
        }
        let d = p.dtype();
        let t = t.cast(d);
        let eps = epsilon_value(it);
        let p = clip(&p, eps, 1.0 - eps)?;
        let s = |v: f64| scalar(d, v);
        let log_p = ew::unary(Unary::Log, &ew::binary(Binary::Add, &p, &s(eps))?)?;
        let mut bce = ew::binary(Binary::Mul, &t, &log_p)?;
        let one_minus_t = ew::binary(Binary::Sub, &s(1.0), &t)?;
        let one_minus_p = ew::binary(Binary::Add, &ew::binary(Binary::Sub, &s(1.0), &p)?, &s(eps))?;
        let rest = ew::binary(Binary::Mul, &one_minus_t, &ew::unary(Unary::Log, &one_minus_p)?)?;
        bce = ew::binary(Binary::Add, &bce, &rest)?;
        Ok(Value::Tensor(ew::unary(Unary::Neg, &bce)?))
    }
}
