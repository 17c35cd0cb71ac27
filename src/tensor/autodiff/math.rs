//! Gradients of the arithmetic ops: elementwise unary and binary ops (with broadcasting
//! undone by summing), reductions, cumulative sums and products, matmul, softmax and casts.
//! Each formula is TensorFlow's own (`math_grad.py`, `nn_grad.py`), so results round alike.

use crate::tensor::ops::complex::conj;
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::linalg::matmul;
use crate::tensor::ops::reduce::{self, norm_axes, Reduce};
use crate::tensor::ops::select::select;
use crate::tensor::ops::shape::{broadcast_to, reshape_to};
use crate::tensor::{TResult, Tensor};

pub type Grads = TResult<Vec<Option<Tensor>>>;

fn bin(op: Binary, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    ew::binary(op, a, b)
}

fn un(op: Unary, a: &Tensor) -> TResult<Tensor> {
    ew::unary(op, a)
}

/// A scalar of `like`'s dtype.
pub fn scalar(like: &Tensor, v: f64) -> Tensor {
    let t = Tensor::from_f64s(like.dtype(), &[], &[v]);
    crate::tensor::compile::capture::constant(&t);
    t
}

/// 1 where `cmp(a, b)` holds, else 0, in `a`'s dtype.
fn mask(cmp: Compare, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    Ok(ew::compare(cmp, a, b)?.cast(a.dtype()))
}

/// `mask`, recorded as a step function of `a` whose own gradient is zero: TensorFlow's
/// ReluGrad and Relu6Grad keep their features input connected, so differentiating a relu
/// gradient again gives zeros (not None) for the relu's input.
fn step(cmp: Compare, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    let m = mask(cmp, a, b)?;
    Ok(crate::tensor::autodiff::record(&[a], m, |x, _y, _g| {
        Ok(vec![Some(Tensor::zeros(x[0].dtype(), x[0].shape()))])
    }))
}

/// Sums `g` down to `shape`, undoing numpy broadcasting.
pub fn unbroadcast(g: Tensor, shape: &[usize]) -> TResult<Tensor> {
    if g.shape() == shape {
        return Ok(g);
    }
    let lead = g.ndim() - shape.len().min(g.ndim());
    let axes: Vec<i64> = (0..g.ndim())
        .filter(|&i| i < lead || (shape[i - lead] == 1 && g.shape()[i] != 1))
        .map(|i| i as i64)
        .collect();
    let s = reduce::reduce(Reduce::Sum, &g, Some(&axes), true)?;
    Ok(reshape_to(&s, shape))
}

/// The gradient of a unary op; None where TensorFlow defines none (floor, ceil, round).
pub fn unary(op: Unary, x: &Tensor, y: &Tensor, g: &Tensor) -> TResult<Option<Tensor>> {
    use Unary::*;
    if x.dtype().is_complex() && op == Abs {
        return super::complex::abs(x, g);
    }
    // Complex inputs enter the formulas conjugated, as TensorFlow's gradients take them.
    let conjugated;
    let (x, y) = if x.dtype().is_complex() {
        conjugated = (conj(x), conj(y));
        (&conjugated.0, &conjugated.1)
    } else {
        (x, y)
    };
    let one = scalar(x, 1.0);
    let d = match op {
        Neg => un(Neg, g)?,
        Abs => bin(Binary::Mul, g, &un(Sign, x)?)?,
        Sign => Tensor::zeros(x.dtype(), x.shape()),
        Square => bin(Binary::Mul, g, &bin(Binary::Mul, &scalar(x, 2.0), x)?)?,
        Sqrt => bin(Binary::Div, &bin(Binary::Mul, g, &scalar(x, 0.5))?, y)?,
        Rsqrt => {
            let y3 = bin(Binary::Mul, &un(Square, y)?, y)?;
            bin(Binary::Mul, &bin(Binary::Mul, &scalar(x, -0.5), g)?, &y3)?
        }
        Exp => bin(Binary::Mul, g, y)?,
        Expm1 => bin(Binary::Mul, g, &un(Exp, x)?)?,
        Log => bin(Binary::Mul, g, &un(Reciprocal, x)?)?,
        Log1p => bin(
            Binary::Mul,
            g,
            &un(Reciprocal, &bin(Binary::Add, &one, x)?)?,
        )?,
        Sin => bin(Binary::Mul, g, &un(Cos, x)?)?,
        Cos => un(Neg, &bin(Binary::Mul, g, &un(Sin, x)?)?)?,
        Tan => bin(Binary::Mul, g, &un(Square, &un(Reciprocal, &un(Cos, x)?)?)?)?,
        Asin | Acos => {
            let r = un(Rsqrt, &bin(Binary::Sub, &one, &un(Square, x)?)?)?;
            let d = bin(Binary::Mul, g, &r)?;
            if op == Acos {
                un(Neg, &d)?
            } else {
                d
            }
        }
        Atan => bin(
            Binary::Mul,
            g,
            &un(Reciprocal, &bin(Binary::Add, &one, &un(Square, x)?)?)?,
        )?,
        Sinh => bin(Binary::Mul, g, &un(Cosh, x)?)?,
        Cosh => bin(Binary::Mul, g, &un(Sinh, x)?)?,
        Tanh => bin(Binary::Mul, g, &bin(Binary::Sub, &one, &un(Square, y)?)?)?,
        Sigmoid => bin(
            Binary::Mul,
            g,
            &bin(Binary::Mul, y, &bin(Binary::Sub, &one, y)?)?,
        )?,
        Reciprocal => un(Neg, &bin(Binary::Mul, g, &un(Square, y)?)?)?,
        Relu if crate::tensor::ops::nn::relu_grad_fuses(g, y) => {
            crate::tensor::ops::nn::relu_grad(g, y)?
        }
        Relu => bin(Binary::Mul, g, &step(Compare::Greater, y, &scalar(y, 0.0))?)?,
        Relu6 => {
            let lo = step(Compare::Greater, x, &scalar(x, 0.0))?;
            let hi = step(Compare::Less, x, &scalar(x, 6.0))?;
            bin(Binary::Mul, g, &bin(Binary::Mul, &lo, &hi)?)?
        }
        Softplus => bin(Binary::Mul, g, &un(Sigmoid, x)?)?,
        Softsign => {
            let d = un(Square, &bin(Binary::Add, &one, &un(Abs, x)?)?)?;
            bin(Binary::Div, g, &d)?
        }
        Erf => {
            let k = scalar(x, 2.0 / std::f64::consts::PI.sqrt());
            let e = un(Exp, &un(Neg, &un(Square, x)?)?)?;
            bin(Binary::Mul, g, &bin(Binary::Mul, &k, &e)?)?
        }
        Floor | Ceil | Round | IsNan | IsInf | IsFinite | LogicalNot => return Ok(None),
    };
    Ok(Some(d))
}

/// The gradients of a binary op, each summed back to its input's shape.
pub fn binary(op: Binary, a: &Tensor, b: &Tensor, y: &Tensor, g: &Tensor) -> Grads {
    use Binary::*;
    if a.dtype().is_complex() && !g.dtype().is_complex() {
        return Ok(vec![None, None]);
    }
    // Complex operands enter the formulas conjugated, as TensorFlow's gradients take them.
    let conjugated;
    let (a, b, y) = if a.dtype().is_complex() {
        conjugated = (conj(a), conj(b), conj(y));
        (&conjugated.0, &conjugated.1, &conjugated.2)
    } else {
        (a, b, y)
    };
    // A gradient the sweep drops (a constant operand, as the exponent of `x ** 2`) is not
    // computed, as TensorFlow skips it: each is a pass over the operands.
    let (na, nb) = (super::tape::needs_grad(0), super::tape::needs_grad(1));
    let when = |need: bool, f: &dyn Fn() -> TResult<Tensor>| need.then(f).transpose();
    let (ga, gb) = match op {
        Add => (Some(g.clone()), Some(g.clone())),
        Sub => (Some(g.clone()), when(nb, &|| un(Unary::Neg, g))?),
        Mul => (when(na, &|| bin(Mul, g, b))?, when(nb, &|| bin(Mul, a, g))?),
        Div => (
            when(na, &|| bin(Div, g, b))?,
            when(nb, &|| {
                let gb = bin(Div, &bin(Div, &un(Unary::Neg, a)?, b)?, b)?;
                bin(Mul, g, &gb)
            })?,
        ),
        FloorDiv => (None, None),
        FloorMod => (
            Some(g.clone()),
            when(nb, &|| {
                let q = bin(FloorDiv, a, b)?;
                bin(Mul, &un(Unary::Neg, g)?, &q)
            })?,
        ),
        Pow => (
            when(na, &|| {
                let bm1 = bin(Sub, b, &scalar(b, 1.0))?;
                bin(Mul, &bin(Mul, g, b)?, &bin(Pow, a, &bm1)?)
            })?,
            when(nb, &|| {
                let pos = ew::compare(Compare::Greater, a, &scalar(a, 0.0))?;
                let log_a = select(&pos, &un(Unary::Log, a)?, &Tensor::zeros(a.dtype(), &[]))?;
                bin(Mul, &bin(Mul, g, y)?, &log_a)
            })?,
        ),
        Maximum | Minimum => {
            let cmp = if op == Maximum {
                Compare::GreaterEqual
            } else {
                Compare::LessEqual
            };
            let m = ew::compare(cmp, a, b)?;
            let zero = Tensor::zeros(g.dtype(), &[]);
            (
                when(na, &|| select(&m, g, &zero))?,
                when(nb, &|| select(&m, &zero, g))?,
            )
        }
        SquaredDifference => {
            let ga = bin(Mul, &bin(Mul, &scalar(g, 2.0), g)?, &bin(Sub, a, b)?)?;
            let gb = when(nb, &|| un(Unary::Neg, &ga))?;
            (Some(ga), gb)
        }
    };
    let fit = |g: Option<Tensor>, shape: &[usize]| g.map(|g| unbroadcast(g, shape)).transpose();
    Ok(vec![fit(ga, a.shape())?, fit(gb, b.shape())?])
}

/// `x`'s shape with the reduced axes kept as 1.
fn kept_shape(x: &Tensor, axes: &[usize]) -> Vec<usize> {
    let mut s = x.shape().to_vec();
    for &a in axes {
        s[a] = 1;
    }
    s
}

/// The gradient of a reduction over `axes` (None: all).
pub fn reduction(
    op: Reduce,
    axes: Option<&[i64]>,
    x: &Tensor,
    y: &Tensor,
    g: &Tensor,
) -> TResult<Option<Tensor>> {
    let all: Vec<i64> = (0..x.ndim() as i64).collect();
    let axes = norm_axes(op.op_name(), axes.unwrap_or(&all), x.ndim())?;
    let kept = kept_shape(x, &axes);
    let g = reshape_to(g, &kept);
    let d = match op {
        Reduce::Sum => broadcast_to(&g, x.shape())?,
        Reduce::Mean => {
            let n: usize = axes.iter().map(|&a| x.shape()[a]).product();
            let g = bin(Binary::Div, &g, &scalar(&g, n.max(1) as f64))?;
            broadcast_to(&g, x.shape())?
        }
        Reduce::Max | Reduce::Min => {
            let ind = mask(Compare::Equal, x, &reshape_to(y, &kept))?;
            let ax: Vec<i64> = axes.iter().map(|&a| a as i64).collect();
            let n = reduce::reduce(Reduce::Sum, &ind, Some(&ax), true)?;
            bin(Binary::Mul, &bin(Binary::Div, &ind, &n)?, &g)?
        }
        Reduce::Prod => {
            let gy = bin(Binary::Mul, &g, &reshape_to(y, &kept))?;
            bin(Binary::Div, &gy, x)?
        }
        Reduce::Any | Reduce::All => return Ok(None),
    };
    Ok(Some(d))
}

/// The gradient of `tf.math.cumsum` / `cumprod`.
pub fn cumulative(
    prod: bool,
    axis: i64,
    exclusive: bool,
    reverse: bool,
    x: &Tensor,
    y: &Tensor,
    g: &Tensor,
) -> TResult<Tensor> {
    if prod {
        let s = reduce::cumulative(false, &bin(Binary::Mul, y, g)?, axis, exclusive, !reverse)?;
        return bin(Binary::Div, &s, x);
    }
    reduce::cumulative(false, g, axis, exclusive, !reverse)
}

/// The gradients of `matmul(a, b, ta, tb)`, batch dimensions summed back.
pub fn matmul_grad(a: &Tensor, b: &Tensor, ta: bool, tb: bool, g: &Tensor) -> Grads {
    use super::needs_grad;
    let ga = || match (ta, tb) {
        (false, false) => matmul(g, b, false, true),
        (true, false) => matmul(b, g, false, true),
        (false, true) => matmul(g, b, false, false),
        (true, true) => matmul(b, g, true, true),
    };
    let gb = || match (ta, tb) {
        (false, false) => matmul(a, g, true, false),
        (true, false) => matmul(a, g, false, false),
        (false, true) => matmul(g, a, true, false),
        (true, true) => matmul(g, a, true, true),
    };
    let ga = match needs_grad(0) {
        true => Some(unbroadcast(ga()?, a.shape())?),
        false => None,
    };
    let gb = match needs_grad(1) {
        true => Some(unbroadcast(gb()?, b.shape())?),
        false => None,
    };
    Ok(vec![ga, gb])
}

/// The gradient of softmax (or log-softmax) along `axis`.
pub fn softmax_grad(axis: i64, log: bool, y: &Tensor, g: &Tensor) -> TResult<Tensor> {
    let ax = [axis];
    if log {
        let s = reduce::reduce(Reduce::Sum, g, Some(&ax), true)?;
        return bin(Binary::Sub, g, &bin(Binary::Mul, &s, &un(Unary::Exp, y)?)?);
    }
    let s = reduce::reduce(Reduce::Sum, &bin(Binary::Mul, g, y)?, Some(&ax), true)?;
    bin(Binary::Mul, &bin(Binary::Sub, g, &s)?, y)
}

/// The gradients of `tf.where(cond, x, y)`.
pub fn select_grad(c: &Tensor, x: &Tensor, y: &Tensor, g: &Tensor) -> Grads {
    let zero = Tensor::zeros(g.dtype(), &[]);
    let gx = select(c, g, &zero)?;
    let gy = select(c, &zero, g)?;
    Ok(vec![
        None,
        Some(unbroadcast(gx, x.shape())?),
        Some(unbroadcast(gy, y.shape())?),
    ])
}
