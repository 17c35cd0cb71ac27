//! The bias add and activation of a Dense or convolution layer in one pass over the
//! output, as TensorFlow fuses them (relu and linear; other activations follow as their own kernels). Under a
//! gradient tape the pass is recorded as one op whose gradient is the two unfused ones'
//! (relu's mask, then the add's sum over rows for the bias), so gradients are the same
//! numbers with one pass and one intermediate less.

use super::activations::{Act, Activation};
use crate::eval::error::R;
use crate::eval::session::Interp;
use crate::tensor::autodiff::math;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::parallel::rows_vec;
use crate::tensor::{Data, TResult, Tensor};

/// A layer's output `y` with its bias (along the last axis) and its activation: the two in
/// one pass when the activation fuses, else the bias pass and then the activation.
pub fn bias_then_act(it: &mut Interp, y: Tensor, bias: Option<Tensor>, act: &Act) -> R<Tensor> {
    let Some(b) = bias else {
        return act.apply(it, &y);
    };
    let y = bias_act(&y, &b, act)?;
    if fuses(act) {
        Ok(y)
    } else {
        act.apply(it, &y)
    }
}

/// Whether `bias_act` applies the activation itself.
fn fuses(act: &Act) -> bool {
    matches!(
        act,
        Act::Named(Activation::Relu) | Act::Named(Activation::Linear)
    )
}

/// `y + bias`, then relu when the activation is relu; `bias` runs along `y`'s last axis.
fn bias_act(y: &Tensor, bias: &Tensor, act: &Act) -> R<Tensor> {
    let relu = matches!(act, Act::Named(Activation::Relu));
    Ok(crate::tensor::compile::op(&[y, bias], move |x| {
        bias_act_now(x[0], x[1], relu)
    })?)
}

fn bias_act_now(y: &Tensor, bias: &Tensor, relu: bool) -> TResult<Tensor> {
    let (Data::F32(a), Data::F32(b)) = (&y.data, &bias.data) else {
        return unfused(y, bias, relu);
    };
    let (Some(src), Some(row_bias)) = (a.as_slice(), b.as_slice()) else {
        return unfused(y, bias, relu);
    };
    let cols = row_bias.len();
    if cols == 0 || y.shape().last() != Some(&cols) {
        return unfused(y, bias, relu);
    }
    let out = match relu {
        true => rows_vec(src, row_bias, |v, c| {
            let s = v + c;
            if s > 0.0 {
                s
            } else {
                0.0
            }
        }),
        false => rows_vec(src, row_bias, |v, c| v + c),
    };
    let out = Tensor::from_vec(y.shape(), out);
    Ok(crate::tensor::autodiff::record(
        &[y, bias],
        out,
        move |inputs, out, g| {
            let g = match relu {
                true => math::unary(ew::Unary::Relu, out, out, g)?.unwrap_or_else(|| g.clone()),
                false => g.clone(),
            };
            let gb = math::unbroadcast(g.clone(), inputs[1].shape())?;
            Ok(vec![Some(g), Some(gb)])
        },
    ))
}

/// The add and the relu as two ops (other dtypes, strided operands).
fn unfused(y: &Tensor, bias: &Tensor, relu: bool) -> TResult<Tensor> {
    let s = ew::binary(Binary::Add, y, bias)?;
    Ok(if relu {
        ew::unary(ew::Unary::Relu, &s)?
    } else {
        s
    })
}
