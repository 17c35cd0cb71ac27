//! `tf.nn` activations (and their `tf`/`tf.math` aliases). Activations that
//! TensorFlow composes from exp (elu, selu, swish) are composed here from the same exact
//! kernels. Each function is one declaration.

use super::convert::{f64_arg, given, i64_arg, to_tensor};
use crate::builtin;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::Tensor;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn scalar_like(x: &Tensor, v: f64) -> Tensor {
    Tensor::from_f64s(x.dtype(), &[], &[v])
}

/// `where(x < 0, neg, pos)`, elementwise.
fn select_neg(x: &Tensor, neg: &Tensor, pos: &Tensor) -> R<Tensor> {
    let m = ew::compare(Compare::Less, x, &scalar_like(x, 0.0))?;
    Ok(crate::tensor::ops::select::select(&m, neg, pos)?)
}

pub fn elu(x: &Tensor, alpha: f64) -> R<Tensor> {
    let em1 = ew::binary(
        Binary::Sub,
        &ew::unary(Unary::Exp, x)?,
        &scalar_like(x, 1.0),
    )?;
    let neg = if alpha == 1.0 {
        em1
    } else {
        ew::binary(Binary::Mul, &em1, &scalar_like(x, alpha))?
    };
    select_neg(x, &neg, x)
}

pub fn selu(x: &Tensor) -> R<Tensor> {
    const ALPHA: f64 = 1.6732632423543772848170429916717;
    const SCALE: f64 = 1.0507009873554804934193349852946;
    let em1 = ew::binary(
        Binary::Sub,
        &ew::unary(Unary::Exp, x)?,
        &scalar_like(x, 1.0),
    )?;
    let neg = ew::binary(Binary::Mul, &em1, &scalar_like(x, SCALE * ALPHA))?;
    let pos = ew::binary(Binary::Mul, x, &scalar_like(x, SCALE))?;
    select_neg(x, &neg, &pos)
}

pub fn leaky_relu(x: &Tensor, alpha: f64) -> R<Tensor> {
    let scaled = ew::binary(Binary::Mul, x, &scalar_like(x, alpha))?;
    let m = ew::compare(Compare::Greater, x, &scalar_like(x, 0.0))?;
    Ok(crate::tensor::ops::select::select(&m, x, &scaled)?)
}

pub fn swish(x: &Tensor) -> R<Tensor> {
    Ok(ew::binary(Binary::Mul, x, &ew::unary(Unary::Sigmoid, x)?)?)
}

pub fn gelu(x: &Tensor, approximate: bool) -> R<Tensor> {
    let half = scalar_like(x, 0.5);
    let inner = if approximate {
        let c = scalar_like(x, (2.0 / std::f64::consts::PI).sqrt());
        let cube = ew::binary(Binary::Mul, &ew::binary(Binary::Mul, x, x)?, x)?;
        let s = ew::binary(
            Binary::Add,
            x,
            &ew::binary(Binary::Mul, &cube, &scalar_like(x, 0.044715))?,
        )?;
        ew::unary(Unary::Tanh, &ew::binary(Binary::Mul, &s, &c)?)?
    } else {
        ew::unary(
            Unary::Erf,
            &ew::binary(
                Binary::Mul,
                x,
                &scalar_like(x, std::f64::consts::FRAC_1_SQRT_2),
            )?,
        )?
    };
    let one_plus = ew::binary(Binary::Add, &inner, &scalar_like(x, 1.0))?;
    Ok(ew::binary(
        Binary::Mul,
        &ew::binary(Binary::Mul, &half, x)?,
        &one_plus,
    )?)
}

/// Declares activations of one tensor `features`.
macro_rules! activation {
    ($($(#[doc = $doc:literal])* $style:ident [$($path:literal),+]
       fn $name:ident(|$x:ident| $body:expr);)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            $style [$($path),+]
            fn $name(it, features, name = None) {
                let $x = to_tensor(it, &features, None)?;
                t($body)
            }
        }
    )*};
}

activation! {
    /// Computes rectified linear: `max(features, 0)`.
    python ["tf.nn.relu"] fn relu(|x| ew::unary(Unary::Relu, &x)?);
    /// Computes Rectified Linear 6: `min(max(features, 0), 6)`.
    dispatch ["tf.nn.relu6"] fn relu6(|x| ew::unary(Unary::Relu6, &x)?);
    /// Computes the exponential linear function.
    python ["tf.nn.elu"] fn elu(|x| elu(&x, 1.0)?);
    /// Computes scaled exponential linear: `scale * alpha * (exp(features) - 1)`
    python ["tf.nn.selu"] fn selu(|x| selu(&x)?);
    /// Computes softsign: `features / (abs(features) + 1)`.
    python ["tf.nn.softsign"] fn softsign(|x| ew::unary(Unary::Softsign, &x)?);
    /// Computes the SiLU or Swish activation function: `x * sigmoid(beta * x)`.
    dispatch ["tf.nn.silu", "tf.nn.swish"] fn swish(|x| swish(&x)?);
}

builtin! {
    /// Compute the Leaky ReLU activation function.
    dispatch ["tf.nn.leaky_relu"]
    fn leaky_relu(it, features, alpha = 0.2, name = None) {
        let x = to_tensor(it, &features, None)?;
        t(leaky_relu(&x, f64_arg(&alpha, "alpha")?)?)
    }
}

builtin! {
    /// Compute the Gaussian Error Linear Unit (GELU) activation function.
    dispatch ["tf.nn.gelu"]
    fn gelu(it, features, approximate = False, name = None) {
        let x = to_tensor(it, &features, None)?;
        let approx = it.truthy(&approximate)?;
        t(gelu(&x, approx)?)
    }
}

/// Softmax or log-softmax of `logits` along `axis` (None is the last).
fn softmax_of(it: &mut Interp, logits: &Value, axis: Value, log: bool) -> R<Value> {
    let x = to_tensor(it, logits, None)?;
    let axis = given(axis)
        .map(|v| i64_arg(&v, "axis"))
        .transpose()?
        .unwrap_or(-1);
    t(crate::tensor::ops::nn::softmax(&x, axis, log)?)
}

builtin! {
    /// Computes softmax activations.
    dispatch ["tf.math.softmax", "tf.nn.softmax"]
    fn softmax(it, logits, axis = None, name = None) {
        softmax_of(it, &logits, axis, false)
    }
}

builtin! {
    /// Computes log softmax activations.
    dispatch ["tf.math.log_softmax", "tf.nn.log_softmax"]
    fn log_softmax(it, logits, axis = None, name = None) {
        softmax_of(it, &logits, axis, true)
    }
}
