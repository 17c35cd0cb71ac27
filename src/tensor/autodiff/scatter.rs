//! Gradients of `tensor_scatter_nd_*`, TensorFlow's own rules (`array_grad.py`): the updated
//! slices take their gradient from the output's, the tensor keeps the rest; min and max
//! share the gradient equally among the inputs that tie for the result.

use super::math::Grads;
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::scatter::{tensor_scatter, ScatterOp};
use crate::tensor::ops::select::{gather_nd, scatter_nd};
use crate::tensor::Tensor;

/// The gradients of `y = tensor_scatter_nd_<op>(x, indices, u)` for `x` and `u`.
pub fn tensor_scatter_grad(
    op: ScatterOp,
    x: &Tensor,
    indices: &Tensor,
    u: &Tensor,
    y: &Tensor,
    g: &Tensor,
) -> Grads {
    match op {
        ScatterOp::Update => {
            let zeros = Tensor::zeros(g.dtype(), u.shape());
            let gx = tensor_scatter(ScatterOp::Update, g, indices, &zeros)?;
            Ok(vec![Some(gx), Some(gather_nd(g, indices)?)])
        }
        ScatterOp::Add => Ok(vec![Some(g.clone()), Some(gather_nd(g, indices)?)]),
        ScatterOp::Sub => Ok(vec![
            Some(g.clone()),
            Some(ew::unary(Unary::Neg, &gather_nd(g, indices)?)?),
        ]),
        ScatterOp::Min | ScatterOp::Max => {
            let x_ind = ew::compare(Compare::Equal, x, y)?.cast(g.dtype());
            let y_at = gather_nd(y, indices)?;
            let u_ind = ew::compare(Compare::Equal, u, &y_at)?.cast(g.dtype());
            let u_sum = scatter_nd(indices, &u_ind, x.shape())?;
            let ind = ew::binary(Binary::Add, &x_ind, &u_sum)?;
            let gx = ew::binary(Binary::Div, &ew::binary(Binary::Mul, g, &x_ind)?, &ind)?;
            let per = gather_nd(&ew::binary(Binary::Div, g, &ind)?, indices)?;
            let gu = ew::binary(Binary::Mul, &u_ind, &per)?;
            Ok(vec![Some(gx), Some(gu)])
        }
    }
}
