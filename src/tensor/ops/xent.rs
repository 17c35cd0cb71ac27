//! The fused softmax cross-entropy losses. Their values are computed from `log_softmax`;
//! their gradients are TensorFlow's (`nn_grad.py`): `softmax - labels` for the logits, which
//! assumes each row of labels sums to one, as TensorFlow's kernel does.

use super::elementwise::{self as ew, Unary};
use super::nn::softmax;
use super::reduce::{reduce, Reduce};
use super::select::gather;
use super::shape::reshape_to;
use crate::tensor::autodiff::record;
use crate::tensor::autodiff::xent::{softmax_xent_grad, sparse_xent_grad};
use crate::tensor::{TResult, Tensor};

/// `-sum(labels * log_softmax(logits), -1)` for `labels` and `logits` of one shape.
pub fn softmax_xent(labels: &Tensor, logits: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[labels, logits], |x| softmax_xent_recorded(x[0], x[1]))
}

fn softmax_xent_recorded(labels: &Tensor, logits: &Tensor) -> TResult<Tensor> {
    let ls = softmax(&logits.clone().renewed(), -1, true)?;
    let prod = ew::binary(ew::Binary::Mul, &labels.clone().renewed(), &ls)?;
    let loss = ew::unary(Unary::Neg, &reduce(Reduce::Sum, &prod, Some(&[-1]), false)?)?;
    Ok(record(&[labels, logits], loss, |x, _y, g| {
        softmax_xent_grad(&x[0], &x[1], g)
    }))
}

/// `-log_softmax(logits)[..., label]`; `labels` are checked to lie in `[0, classes)`.
pub fn sparse_xent(labels: &Tensor, logits: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[labels, logits], |x| sparse_xent_recorded(x[0], x[1]))
}

fn sparse_xent_recorded(labels: &Tensor, logits: &Tensor) -> TResult<Tensor> {
    let ls = softmax(&logits.clone().renewed(), -1, true)?;
    let classes = *logits.shape().last().unwrap_or(&1);
    let flat = reshape_to(&ls, &[ls.size()]);
    let idx: Vec<i64> = labels
        .to_i64_vec()
        .iter()
        .enumerate()
        .map(|(r, &l)| (r * classes) as i64 + l)
        .collect();
    let picked = gather(&flat, &Tensor::from_vec(labels.shape(), idx), 0)?;
    let loss = ew::unary(Unary::Neg, &picked)?;
    let labels = labels.clone();
    Ok(record(&[logits], loss, move |x, _y, g| {
        Ok(vec![Some(sparse_xent_grad(&labels, &x[0], g)?)])
    }))
}
