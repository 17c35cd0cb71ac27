//! The `tf.nn` losses: the cross-entropies on logits (softmax, sparse softmax, sigmoid)
//! and `l2_loss`, declared once each.

use super::convert::{i64_arg, to_tensor};
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::print::array::array_str;
use crate::tensor::broadcast::{broadcast_shapes, shape_brackets};
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::select::select;
use crate::tensor::ops::shape::{broadcast_to, transpose};
use crate::tensor::ops::xent;
use crate::tensor::Tensor;

/// `(2, 3)`, `(3,)`: a TensorShape as Python prints it.
fn shape_str(s: &[usize]) -> String {
    crate::print::array::shape_tuple(s)
}

/// A shape flattened to `[rows, last]`, as the fused kernel sees it.
fn rows_cols(s: &[usize]) -> Vec<usize> {
    match s.split_last() {
        Some((&c, rest)) => vec![rest.iter().product(), c],
        None => vec![1, 1],
    }
}

/// Moves `axis` of `t` to the end.
fn axis_last(t: &Tensor, axis: usize) -> R<Tensor> {
    let nd = t.ndim();
    let mut perm: Vec<i64> = (0..nd as i64).filter(|&a| a != axis as i64).collect();
    perm.push(axis as i64);
    Ok(transpose(t, Some(&perm))?)
}

crate::builtin! {
    /// Computes softmax cross entropy between `logits` and `labels`.
    dispatch ["tf.nn.softmax_cross_entropy_with_logits"]
    fn softmax_cross_entropy_with_logits(it, labels, logits, axis = -1, name = None) {
        let logits = to_tensor(it, &logits, None)?;
        let labels = to_tensor(it, &labels, None)?;
        let labels = if labels.dtype() == logits.dtype() { labels } else { labels.cast(logits.dtype()) };
        let axis = i64_arg(&axis, "axis")?;
        let nd = logits.ndim() as i64;
        let (logits, labels) = if axis != -1 && axis != nd - 1 && nd > 0 {
            let ax = if axis < 0 { axis + nd } else { axis } as usize;
            (axis_last(&logits, ax)?, axis_last(&labels, ax)?)
        } else {
            (logits, labels)
        };
        let labels = if labels.shape() == logits.shape() {
            labels
        } else if broadcast_shapes(labels.shape(), logits.shape()).as_deref() == Some(logits.shape()) {
            broadcast_to(&labels, logits.shape())?
        } else {
            return Err(op_error(
                "SoftmaxCrossEntropyWithLogits",
                "SoftmaxCrossEntropyWithLogits",
                format!(
                    "logits and labels must be broadcastable: logits_size={} labels_size={}",
                    shape_brackets(&rows_cols(logits.shape())),
                    shape_brackets(&rows_cols(labels.shape()))
                ),
                Some(""),
            )
            .into());
        };
        Ok(Value::Tensor(xent::softmax_xent(&labels, &logits)?))
    }
}

crate::builtin! {
    /// Computes sparse softmax cross entropy between `logits` and `labels`.
    dispatch ["tf.nn.sparse_softmax_cross_entropy_with_logits"]
    fn sparse_softmax_cross_entropy_with_logits(it, labels, logits, name = None) {
        let labels = to_tensor(it, &labels, None)?;
        let logits = to_tensor(it, &logits, None)?;
        if logits.ndim() == 0 {
            return Err(value_err(format!(
                "Logits cannot be scalars - received shape {}.",
                shape_str(logits.shape())
            )));
        }
        if labels.shape() != &logits.shape()[..logits.ndim() - 1] {
            return Err(value_err(format!(
                "`labels.shape` must equal `logits.shape` except for the last dimension. Received: labels.shape={} and logits.shape={}",
                shape_str(labels.shape()),
                shape_str(logits.shape())
            )));
        }
        if !labels.dtype().is_int() {
            return Err(invalid_arg(format!(
                "Value for attr 'Tlabels' of {} is not in the list of allowed values: int32, int64",
                labels.dtype().kind_word()
            ))
            .into());
        }
        let classes = logits.shape()[logits.ndim() - 1] as i64;
        let vals = labels.to_i64_vec();
        if let Some(bad) = vals.iter().find(|&&v| v < 0 || v >= classes) {
            let all: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
            return Err(op_error(
                "SparseSoftmaxCrossEntropyWithLogits",
                "SparseSoftmaxCrossEntropyWithLogits",
                format!(
                    "Received a label value of {} which is outside the valid range of [0, {}).  Label values: {}",
                    bad,
                    classes,
                    all.join(" ")
                ),
                Some(""),
            )
            .into());
        }
        Ok(Value::Tensor(xent::sparse_xent(&labels, &logits)?))
    }
}

/// How the missing-argument message shows a value: numpy's str for tensors.
fn shown(it: &mut Interp, v: &Value) -> R<String> {
    match v {
        Value::Tensor(t) => Ok(array_str(t)),
        Value::NdArray(a) => Ok(array_str(&a.tensor())),
        _ => it.str_of(v),
    }
}

crate::builtin! {
    /// Computes sigmoid cross entropy given `logits`.
    dispatch ["tf.nn.sigmoid_cross_entropy_with_logits"]
    fn sigmoid_cross_entropy_with_logits(it, labels = None, logits = None, name = None) {
        if matches!(labels, Value::None) || matches!(logits, Value::None) {
            return Err(value_err(format!(
                "Both `labels` and `logits` must be provided for sigmoid_cross_entropy_with_logitsReceived: labels={} and logits={}",
                shown(it, &labels)?,
                shown(it, &logits)?
            )));
        }
        let logits = to_tensor(it, &logits, None)?;
        let labels = to_tensor(it, &labels, None)?;
        if labels.shape() != logits.shape() {
            return Err(value_err(format!(
                "`logits` and `labels` must have the same shape, received ({} vs {}).",
                shape_str(logits.shape()),
                shape_str(labels.shape())
            )));
        }
        let zeros = Tensor::zeros(logits.dtype(), logits.shape());
        let cond = ew::compare(Compare::GreaterEqual, &logits, &zeros)?;
        let relu = select(&cond, &logits, &zeros)?;
        let neg_abs = select(&cond, &ew::unary(Unary::Neg, &logits)?, &logits)?;
        let lin = ew::binary(Binary::Sub, &relu, &ew::binary(Binary::Mul, &logits, &labels)?)?;
        let soft = ew::unary(Unary::Log1p, &ew::unary(Unary::Exp, &neg_abs)?)?;
        Ok(Value::Tensor(ew::binary(Binary::Add, &lin, &soft)?))
    }
}

crate::builtin! {
    /// Computes half the L2 norm of a tensor without the `sqrt`: `sum(t ** 2) / 2`.
    dispatch ["tf.nn.l2_loss"]
    fn l2_loss(it, t, name = None) {
        let x = to_tensor(it, &t, None)?;
        if !x.dtype().is_float() || x.dtype().is_complex() {
            return Err(invalid_arg(format!(
                "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double\n\t; NodeDef: {{{{node L2Loss}}}}; Op<name=L2Loss; signature=t:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]> [Op:L2Loss] name: ",
                x.dtype().name()
            )).into());
        }
        // TensorFlow's kernel: (t.square() * 0.5).sum(); its gradient is t times the
        // output gradient, which these ops' gradients give exactly.
        let half = Tensor::from_f64s(x.dtype(), &[], &[0.5]);
        crate::tensor::compile::capture::constant(&half);
        let sq = ew::binary(Binary::Mul, &ew::unary(Unary::Square, &x)?, &half)?;
        Ok(Value::Tensor(crate::tensor::ops::reduce::reduce(
            crate::tensor::ops::reduce::Reduce::Sum, &sq, None, false)?))
    }
}
