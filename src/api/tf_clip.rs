//! `tf.clip_by_global_norm`, declared once: TensorFlow's own composition (half squared
//! norms, their sum, the scale), so values and gradients round alike.

use super::convert::{tensor_of, to_tensor};
use super::ops::convert_hinted;
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::ops::shape::stack;
use crate::tensor::{error::invalid_arg, Tensor};

fn class_of(v: &Value) -> String {
    match v {
        Value::Tensor(_) => "tensorflow.python.framework.ops.EagerTensor".into(),
        Value::Variable(_) => "tensorflow.python.ops.resource_variable_ops.ResourceVariable".into(),
        Value::NdArray(_) => "numpy.ndarray".into(),
        other => other.type_name(),
    }
}

/// `tf.nn.l2_loss`: the sum of halved squares.
fn l2_loss(t: &Tensor) -> R<Tensor> {
    if !t.dtype().is_float() {
        return Err(invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double\n\t; NodeDef: {{{{node L2Loss}}}}; Op<name=L2Loss; signature=t:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]> [Op:L2Loss] name:",
            t.dtype().kind_word()
        ))
        .into());
    }
    let half = Tensor::from_f64s(t.dtype(), &[], &[0.5]);
    let sq = ew::binary(Binary::Mul, &ew::unary(Unary::Square, t)?, &half)?;
    Ok(reduce(Reduce::Sum, &sq, None, false)?)
}

fn scalar_like(it: &mut Interp, v: &Value, like: &Tensor) -> R<Tensor> {
    match tensor_of(v) {
        Some(t) => Ok(t),
        None => convert_hinted(it, v, like.dtype()),
    }
}

crate::builtin! {
    /// Clips values of multiple tensors by the ratio of the sum of their norms.
    dispatch ["tf.clip_by_global_norm"]
    fn clip_by_global_norm(it, t_list, clip_norm, use_norm = None, name = None) {
        if !matches!(t_list, Value::List(_) | Value::Tuple(_)) {
            return Err(type_err(format!(
                "`t_list` should be a sequence of tensors. Received <class '{}'>.",
                class_of(&t_list)
            )));
        }
        let items: Vec<Value> = it.collect_items(&t_list)?;
        let mut ts: Vec<Option<Tensor>> = Vec::with_capacity(items.len());
        for v in &items {
            ts.push(match v {
                Value::None => None,
                v => Some(to_tensor(it, v, None)?),
            });
        }
        let norm = match &use_norm {
            Value::None => {
                let halves = ts
                    .iter()
                    .flatten()
                    .map(l2_loss)
                    .collect::<R<Vec<Tensor>>>()?;
                let total = reduce(Reduce::Sum, &stack(&halves, 0)?, None, false)?;
                let two = Tensor::from_f64s(total.dtype(), &[], &[2.0]);
                ew::unary(Unary::Sqrt, &ew::binary(Binary::Mul, &total, &two)?)?
            }
            Value::Tensor(_) | Value::Variable(_) | Value::NdArray(_) => to_tensor(it, &use_norm, None)?,
            other => {
                return Err(err(ExcKind::AttributeError,
                    format!("'{}' object has no attribute 'dtype'", other.type_name()),
                ))
            }
        };
        let one = Tensor::from_f64s(norm.dtype(), &[], &[1.0]);
        let clip = scalar_like(it, &clip_norm, &norm)?;
        let inv_norm = ew::binary(Binary::Div, &one, &norm)?;
        let inv_clip = ew::binary(Binary::Div, &one, &clip)?;
        let finite = ew::binary(Binary::Mul, &clip, &ew::binary(Binary::Minimum, &inv_norm, &inv_clip)?)?;
        let scale = ew::binary(Binary::Add, &finite, &ew::binary(Binary::Sub, &norm, &norm)?)?;
        let mut out = Vec::with_capacity(ts.len());
        for t in ts {
            out.push(match t {
                None => Value::None,
                Some(t) => {
                    let s = if scale.dtype() == t.dtype() { scale.clone() } else { scale.cast(t.dtype()) };
                    Value::Tensor(ew::binary(Binary::Mul, &t, &s)?)
                }
            });
        }
        Ok(Value::tuple(vec![Value::list(out), Value::Tensor(norm)]))
    }
}
