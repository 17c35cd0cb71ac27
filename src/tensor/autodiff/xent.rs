//! Gradients of the fused cross-entropy losses, as TensorFlow defines them (`nn_grad.py`):
//! the logits get `softmax - labels` (TensorFlow's kernel assumes labels that sum to one),
//! the labels `-log_softmax`, each scaled by the loss's gradient.

use super::math::Grads;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::nn::softmax;
use crate::tensor::ops::select::one_hot;
use crate::tensor::ops::shape::expand_dims;
use crate::tensor::{TResult, Tensor};

/// Gradients of `softmax_xent(labels, logits)`.
pub fn softmax_xent_grad(labels: &Tensor, logits: &Tensor, g: &Tensor) -> Grads {
    let g = expand_dims(g, -1)?;
    let sm = softmax(logits, -1, false)?;
    let d_logits = ew::binary(Binary::Mul, &g, &ew::binary(Binary::Sub, &sm, labels)?)?;
    let neg_ls = ew::unary(Unary::Neg, &softmax(logits, -1, true)?)?;
    let d_labels = ew::binary(Binary::Mul, &g, &neg_ls)?;
    Ok(vec![Some(d_labels), Some(d_logits)])
}

/// The logits' gradient of `sparse_xent(labels, logits)`.
pub fn sparse_xent_grad(labels: &Tensor, logits: &Tensor, g: &Tensor) -> TResult<Tensor> {
    let classes = *logits.shape().last().unwrap_or(&1);
    let hot = one_hot(labels, classes, 1.0, 0.0, -1, logits.dtype())?;
    let sm = softmax(logits, -1, false)?;
    let g = expand_dims(g, -1)?;
    ew::binary(Binary::Mul, &g, &ew::binary(Binary::Sub, &sm, &hot)?)
}
