//! `tf.nn` activations (and their `tf`/`tf.math` aliases) and `tf.random`. Activations that
//! TensorFlow composes from exp (elu, selu, swish) are composed here from the same exact
//! kernels.

use super::convert::{f64_arg, to_tensor};
use super::tf_core::dims_arg;
use super::{add_all, dtype_or};
use crate::eval::error::{value_err, R};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

fn features(it: &mut Interp, a: &Args, name: &str) -> R<Tensor> {
    let [x, _name] = a.bind(name, ["features", "name=None"])?;
    to_tensor(it, &req(x), None)
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

fn softmax_fn(it: &mut Interp, a: Args, log: bool) -> R<Value> {
    let name = if log { "log_softmax" } else { "softmax" };
    let [x, axis, _name] = a.bind(name, ["logits", "axis=None", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis
        .map(|v| super::convert::i64_arg(&v, "axis"))
        .transpose()?
        .unwrap_or(-1);
    t(crate::tensor::ops::nn::softmax(&x, axis, log)?)
}

fn random_normal(it: &mut Interp, a: Args, truncated: bool) -> R<Value> {
    let name = if truncated {
        "truncated_normal"
    } else {
        "normal"
    };
    let [shape, mean, std, dtype, _seed, _name] = a.bind(
        name,
        [
            "shape",
            "mean=0.0",
            "stddev=1.0",
            "dtype=tf.float32",
            "seed=None",
            "name=None",
        ],
    )?;
    let dims = dims_arg(it, &req(shape))?;
    let mean = mean
        .map(|v| f64_arg(&v, "mean"))
        .transpose()?
        .unwrap_or(0.0);
    let std = std
        .map(|v| f64_arg(&v, "stddev"))
        .transpose()?
        .unwrap_or(1.0);
    let d = dtype_or(dtype, DType::F32)?;
    crate::tensor::alloc::check(
        &dims,
        d,
        if truncated {
            "TruncatedNormal"
        } else {
            "RandomStandardNormal"
        },
    )?;
    if !d.is_float() {
        return Err(value_err(format!(
            "Invalid dtype {} for normal: must be a floating point type",
            d.name()
        )));
    }
    t(if truncated {
        it.rng.truncated_normal(&dims, mean, std, d)
    } else {
        it.rng.normal(&dims, mean, std, d)
    })
}

fn random_uniform(it: &mut Interp, a: Args) -> R<Value> {
    let [shape, minval, maxval, dtype, _seed, _name] = a.bind(
        "uniform",
        [
            "shape",
            "minval=0",
            "maxval=None",
            "dtype=tf.float32",
            "seed=None",
            "name=None",
        ],
    )?;
    let dims = dims_arg(it, &req(shape))?;
    let d = dtype_or(dtype, DType::F32)?;
    crate::tensor::alloc::check(&dims, d, "RandomUniform")?;
    let lo = minval
        .map(|v| f64_arg(&v, "minval"))
        .transpose()?
        .unwrap_or(0.0);
    let hi = match maxval {
        Some(v) => f64_arg(&v, "maxval")?,
        None if d.is_float() => 1.0,
        None => {
            return Err(value_err(format!(
                "Must specify maxval for integer dtype <dtype: '{}'>.",
                d.name()
            )))
        }
    };
    if !d.is_float() && hi <= lo {
        return Err(value_err("Need minval < maxval"));
    }
    t(it.rng.uniform(&dims, lo, hi, d))
}

fn shuffle(it: &mut Interp, a: Args) -> R<Value> {
    let [x, _seed, _name] = a.bind("shuffle", ["value", "seed=None", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    if x.ndim() == 0 {
        return t(x);
    }
    let perm = it.rng.permutation(x.shape()[0]);
    let idx = Tensor::from_vec(&[perm.len()], perm.iter().map(|&p| p as i64).collect());
    t(crate::tensor::ops::select::gather(&x, &idx, 0)?)
}

fn set_seed(it: &mut Interp, a: Args) -> R<Value> {
    let [seed] = a.bind("set_seed", ["seed"])?;
    match seed {
        Some(Value::None) | None => {}
        Some(v) => it.rng.reseed(super::convert::i64_arg(&v, "seed")? as u64),
    }
    Ok(Value::None)
}

pub fn install(tf: &Module, math: &Module, nn: &Module, random: &Module) {
    add_all(
        nn,
        &[
            ("relu", |it, a| {
                t(ew::unary(Unary::Relu, &features(it, &a, "relu")?)?)
            }),
            ("relu6", |it, a| {
                t(ew::unary(Unary::Relu6, &features(it, &a, "relu6")?)?)
            }),
            ("elu", |it, a| t(elu(&features(it, &a, "elu")?, 1.0)?)),
            ("selu", |it, a| t(selu(&features(it, &a, "selu")?)?)),
            ("softsign", |it, a| {
                t(ew::unary(Unary::Softsign, &features(it, &a, "softsign")?)?)
            }),
            ("softmax", |it, a| softmax_fn(it, a, false)),
            ("log_softmax", |it, a| softmax_fn(it, a, true)),
            ("leaky_relu", |it, a| {
                let [x, alpha, _name] =
                    a.bind("leaky_relu", ["features", "alpha=0.2", "name=None"])?;
                let x = to_tensor(it, &req(x), None)?;
                let alpha = alpha
                    .map(|v| f64_arg(&v, "alpha"))
                    .transpose()?
                    .unwrap_or(0.2);
                t(leaky_relu(&x, alpha)?)
            }),
            ("gelu", |it, a| {
                let [x, approx, _name] =
                    a.bind("gelu", ["features", "approximate=False", "name=None"])?;
                let x = to_tensor(it, &req(x), None)?;
                let approx = it.flag(approx, false)?;
                t(gelu(&x, approx)?)
            }),
            ("swish", |it, a| t(swish(&features(it, &a, "swish")?)?)),
            ("silu", |it, a| t(swish(&features(it, &a, "silu")?)?)),
        ],
    );
    add_all(
        math,
        &[
            ("softmax", |it, a| softmax_fn(it, a, false)),
            ("log_softmax", |it, a| softmax_fn(it, a, true)),
        ],
    );
    add_all(
        random,
        &[
            ("normal", |it, a| random_normal(it, a, false)),
            ("truncated_normal", |it, a| random_normal(it, a, true)),
            ("uniform", random_uniform),
            ("shuffle", shuffle),
            ("set_seed", set_seed),
        ],
    );
    let _ = tf;
}
