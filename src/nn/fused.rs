//! The bias add and activation of a Dense layer in one pass over the output, as TensorFlow
//! fuses them (relu and linear; other activations follow as their own kernels).

use super::activations::{Act, Activation};
use crate::eval::error::R;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::parallel::rows_mut;
use crate::tensor::{Data, Tensor};

/// Whether `bias_act` applies the activation itself.
pub fn fuses(act: &Act) -> bool {
    matches!(
        act,
        Act::Named(Activation::Relu) | Act::Named(Activation::Linear)
    )
}

/// `y + bias`, then relu when the activation is relu; `y` is `[rows, units]`.
pub fn bias_act(y: &Tensor, bias: &Tensor, act: &Act) -> R<Tensor> {
    let relu = matches!(act, Act::Named(Activation::Relu));
    let recording = crate::tensor::autodiff::tape::any_recording();
    let (Data::F32(a), Data::F32(b), false) = (&y.data, &bias.data, recording) else {
        let s = ew::binary(Binary::Add, y, bias)?;
        return Ok(if relu {
            ew::unary(ew::Unary::Relu, &s)?
        } else {
            s
        });
    };
    let (Some(src), Some(bias)) = (a.as_slice(), b.as_slice()) else {
        let s = ew::binary(Binary::Add, y, &Tensor::from_shared(b.clone()))?;
        return Ok(if relu {
            ew::unary(ew::Unary::Relu, &s)?
        } else {
            s
        });
    };
    let cols = bias.len();
    let mut out = src.to_vec();
    rows_mut(&mut out, cols, |_, row| {
        for (v, &c) in row.iter_mut().zip(bias) {
            let s = *v + c;
            *v = if !relu || s > 0.0 { s } else { 0.0 };
        }
    });
    Ok(Tensor::from_vec(y.shape(), out))
}
