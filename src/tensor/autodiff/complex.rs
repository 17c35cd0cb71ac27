//! Gradients of the complex ops, as TensorFlow's `math_grad.py` defines them: `complex`
//! splits its gradient into the two parts, `real` and `imag` put a real gradient back on
//! one axis, `conj` conjugates it, `abs` of a complex number scales by its phase and
//! `angle` by `-1/(im + re·j)`.

use super::math::unbroadcast;
use crate::tensor::ops::complex::{conj, join, parts};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::{TResult, Tensor};

/// `g` as a complex tensor with a zero imaginary part (`tf.complex(g, 0)`).
fn as_complex(g: &Tensor) -> Tensor {
    join(g, &Tensor::zeros(g.dtype(), g.shape())).unwrap_or_else(|| g.clone())
}

/// `tf.complex(re, im)`: each part gets its part of the gradient.
pub fn complex(re: &Tensor, im: &Tensor, g: &Tensor) -> TResult<Vec<Option<Tensor>>> {
    let (gr, gi) = parts(g);
    Ok(vec![
        Some(unbroadcast(gr, re.shape())?),
        Some(unbroadcast(gi, im.shape())?),
    ])
}

/// `tf.math.real(z)`: `complex(g, 0)`; of a real tensor, `g` itself.
pub fn real(x: &Tensor, g: &Tensor) -> TResult<Vec<Option<Tensor>>> {
    Ok(vec![Some(if x.dtype().is_complex() {
        as_complex(g)
    } else {
        g.clone()
    })])
}

/// `tf.math.imag(z)`: `complex(0, g)`; of a real tensor, no dependence.
pub fn imag(x: &Tensor, g: &Tensor) -> TResult<Vec<Option<Tensor>>> {
    Ok(vec![Some(if x.dtype().is_complex() {
        join(&Tensor::zeros(g.dtype(), g.shape()), g).unwrap_or_else(|| g.clone())
    } else {
        Tensor::zeros(g.dtype(), g.shape())
    })])
}

/// `tf.math.conj(z)`: the conjugate gradient.
pub fn conjugate(g: &Tensor) -> TResult<Vec<Option<Tensor>>> {
    Ok(vec![Some(conj(g))])
}

/// `tf.abs(z)` of a complex tensor: `complex(g, 0) · sign(z)`.
pub fn abs(x: &Tensor, g: &Tensor) -> TResult<Option<Tensor>> {
    let sign = ew::unary(Unary::Sign, x)?;
    Ok(Some(ew::binary(Binary::Mul, &as_complex(g), &sign)?))
}

/// `tf.math.angle(z)`: `-complex(g, 0) / complex(im, re)`; of a real tensor, zero.
pub fn angle(x: &Tensor, g: &Tensor) -> TResult<Vec<Option<Tensor>>> {
    if !x.dtype().is_complex() {
        return Ok(vec![Some(Tensor::zeros(x.dtype(), x.shape()))]);
    }
    let (re, im) = parts(x);
    let z = join(&im, &re).unwrap_or_else(|| x.clone());
    let q = ew::binary(Binary::Div, &as_complex(g), &z)?;
    Ok(vec![Some(ew::unary(Unary::Neg, &q)?)])
}
