//! `tf.keras.activations`: the functions, and the names `activation=` accepts.

use crate::api::convert::{f64_arg, f64_or, to_tensor};
use crate::api::tf_nn;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::Tensor;

/// An activation: a named Keras one, or any callable.
#[derive(Clone)]
pub enum Act {
    Named(&'static str),
    Callable(Value),
}

pub const NAMES: &[&str] = &[
    "linear",
    "relu",
    "sigmoid",
    "tanh",
    "softmax",
    "elu",
    "selu",
    "softplus",
    "softsign",
    "swish",
    "silu",
    "gelu",
    "exponential",
    "hard_sigmoid",
    "relu6",
    "leaky_relu",
    "log_softmax",
];

fn scalar(x: &Tensor, v: f64) -> Tensor {
    Tensor::from_f64s(x.dtype(), &[], &[v])
}

/// Keras's `relu(x, alpha, max_value, threshold)`.
pub fn relu(x: &Tensor, alpha: f64, max_value: Option<f64>, threshold: f64) -> R<Tensor> {
    let negative = if alpha != 0.0 {
        let shifted = if threshold != 0.0 {
            ew::binary(
                Binary::Add,
                &ew::unary(Unary::Neg, x)?,
                &scalar(x, threshold),
            )?
        } else {
            ew::unary(Unary::Neg, x)?
        };
        Some(ew::unary(Unary::Relu, &shifted)?)
    } else {
        None
    };
    let mut clip = max_value;
    let mut y = if threshold != 0.0 {
        let keep = ew::compare(Compare::Greater, x, &scalar(x, threshold))?.cast(x.dtype());
        ew::binary(Binary::Mul, x, &keep)?
    } else if max_value == Some(6.0) {
        clip = None;
        ew::unary(Unary::Relu6, x)?
    } else {
        ew::unary(Unary::Relu, x)?
    };
    if let Some(m) = clip {
        y = ew::binary(
            Binary::Minimum,
            &ew::binary(Binary::Maximum, &y, &scalar(x, 0.0))?,
            &scalar(x, m),
        )?;
    }
    if let Some(n) = negative {
        y = ew::binary(
            Binary::Sub,
            &y,
            &ew::binary(Binary::Mul, &n, &scalar(x, alpha))?,
        )?;
    }
    Ok(y)
}

/// Applies a named activation with its default arguments.
pub fn apply_named(name: &str, x: &Tensor) -> R<Tensor> {
    Ok(match name {
        "linear" => x.clone(),
        "relu" => ew::unary(Unary::Relu, x)?,
        "relu6" => ew::unary(Unary::Relu6, x)?,
        "sigmoid" => ew::unary(Unary::Sigmoid, x)?,
        "tanh" => ew::unary(Unary::Tanh, x)?,
        "softmax" | "log_softmax" => {
            if x.ndim() <= 1 {
                return Err(value_err(format!(
                    "Cannot apply softmax to a tensor that is 1D. Received input: {}",
                    crate::print::tensor_str(x)
                )));
            }
            crate::tensor::ops::nn::softmax(x, -1, name == "log_softmax")?
        }
        "elu" => tf_nn::elu(x, 1.0)?,
        "selu" => tf_nn::selu(x)?,
        "softplus" => ew::unary(Unary::Softplus, x)?,
        "softsign" => ew::unary(Unary::Softsign, x)?,
        "swish" | "silu" => tf_nn::swish(x)?,
        "gelu" => tf_nn::gelu(x, false)?,
        "exponential" => ew::unary(Unary::Exp, x)?,
        "leaky_relu" => tf_nn::leaky_relu(x, 0.2)?,
        "hard_sigmoid" => {
            let y = ew::binary(
                Binary::Add,
                &ew::binary(Binary::Mul, x, &scalar(x, 0.2))?,
                &scalar(x, 0.5),
            )?;
            ew::binary(
                Binary::Minimum,
                &ew::binary(Binary::Maximum, &y, &scalar(x, 0.0))?,
                &scalar(x, 1.0),
            )?
        }
        _ => {
            return Err(value_err(format!(
                "Unknown activation function '{}' cannot be deserialized.",
                name
            )))
        }
    })
}

impl Act {
    /// From an `activation=` argument: None, a name, a Keras activation, or a callable.
    pub fn from_value(v: Option<Value>) -> R<Act> {
        match v {
            None | Some(Value::None) => Ok(Act::Named("linear")),
            Some(Value::Str(s)) => NAMES
                .iter()
                .find(|n| **n == s.as_ref())
                .map(|n| Act::Named(n))
                .ok_or_else(|| {
                    value_err(format!(
                        "Unknown activation function '{}' cannot be deserialized.",
                        s
                    ))
                }),
            Some(Value::Builtin(b)) if b.name.starts_with("keras.activations.") => {
                let n = &b.name["keras.activations.".len()..];
                Ok(NAMES
                    .iter()
                    .find(|m| **m == n)
                    .map(|m| Act::Named(m))
                    .unwrap_or(Act::Callable(Value::Builtin(b))))
            }
            Some(
                v @ (Value::Function(_)
                | Value::Builtin(_)
                | Value::Bound(_)
                | Value::Object(_)
                | Value::Instance(_)),
            ) => Ok(Act::Callable(v)),
            Some(other) => Err(type_err(format!(
                "Could not interpret activation function identifier: {}",
                other.type_name()
            ))),
        }
    }

    pub fn apply(&self, it: &mut Interp, x: &Tensor) -> R<Tensor> {
        match self {
            Act::Named(n) => apply_named(n, x),
            Act::Callable(f) => {
                let r = it.call(f, Args::new(vec![Value::Tensor(x.clone())]))?;
                crate::api::convert::to_tensor(it, &r, None)
            }
        }
    }

    /// The value `layer.activation` gives back.
    pub fn value(&self) -> Value {
        match self {
            Act::Named(n) => activation_value(n),
            Act::Callable(v) => v.clone(),
        }
    }

    pub fn is_linear(&self) -> bool {
        matches!(self, Act::Named("linear"))
    }
}

fn activation_value(name: &str) -> Value {
    Value::builtin(
        &format!("keras.activations.{}", name),
        activation_entry(name),
    )
}

fn x_of(it: &mut Interp, a: &Args, name: &str) -> R<Tensor> {
    let x = a
        .pos
        .first()
        .cloned()
        .or_else(|| a.kw.iter().find(|(k, _)| k == "x").map(|(_, v)| v.clone()));
    let Some(x) = x else {
        return Err(type_err(format!(
            "{}() missing 1 required positional argument: 'x'",
            name
        )));
    };
    let t = to_tensor(it, &x, None)?;
    Ok(if t.dtype().is_float() {
        t
    } else {
        t.cast(crate::tensor::DType::F32)
    })
}

macro_rules! simple_acts {
    ($($fname:ident => $n:expr),* $(,)?) => {
        $(fn $fname(it: &mut Interp, a: Args) -> R<Value> {
            let [x] = a.bind($n, ["x"])?;
            let x = x_of(it, &Args::new(vec![x.unwrap_or(Value::None)]), $n)?;
            Ok(Value::Tensor(apply_named($n, &x)?))
        })*
    };
}

simple_acts! {
    a_linear => "linear", a_sigmoid => "sigmoid", a_tanh => "tanh", a_selu => "selu", a_softplus => "softplus",
    a_softsign => "softsign", a_swish => "swish", a_silu => "silu", a_exponential => "exponential",
    a_hard_sigmoid => "hard_sigmoid", a_relu6 => "relu6",
}

fn a_relu(it: &mut Interp, a: Args) -> R<Value> {
    let [x, alpha, max_value, threshold] = a.bind(
        "relu",
        ["x", "alpha=0.0", "max_value=None", "threshold=0.0"],
    )?;
    let x = x_of(it, &Args::new(vec![x.unwrap_or(Value::None)]), "relu")?;
    let alpha = f64_or(alpha, "alpha", 0.0)?;
    let max_value = max_value.map(|v| f64_arg(&v, "max_value")).transpose()?;
    let threshold = f64_or(threshold, "threshold", 0.0)?;
    Ok(Value::Tensor(relu(&x, alpha, max_value, threshold)?))
}

fn a_softmax(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis] = a.bind("softmax", ["x", "axis=-1"])?;
    let x = x_of(it, &Args::new(vec![x.unwrap_or(Value::None)]), "softmax")?;
    let axis = axis
        .map(|v| crate::api::convert::i64_arg(&v, "axis"))
        .transpose()?
        .unwrap_or(-1);
    if x.ndim() <= 1 {
        return apply_named("softmax", &x).map(Value::Tensor);
    }
    Ok(Value::Tensor(crate::tensor::ops::nn::softmax(
        &x, axis, false,
    )?))
}

fn a_elu(it: &mut Interp, a: Args) -> R<Value> {
    let [x, alpha] = a.bind("elu", ["x", "alpha=1.0"])?;
    let x = x_of(it, &Args::new(vec![x.unwrap_or(Value::None)]), "elu")?;
    let alpha = f64_or(alpha, "alpha", 1.0)?;
    let res = tf_nn::elu(&x, 1.0)?;
    if alpha == 1.0 {
        return Ok(Value::Tensor(res));
    }
    let scaled = ew::binary(Binary::Mul, &res, &scalar(&x, alpha))?;
    let pos = ew::compare(Compare::Greater, &x, &scalar(&x, 0.0))?;
    Ok(Value::Tensor(crate::tensor::ops::select::select(
        &pos, &res, &scaled,
    )?))
}

fn a_gelu(it: &mut Interp, a: Args) -> R<Value> {
    let [x, approx] = a.bind("gelu", ["x", "approximate=False"])?;
    let x = x_of(it, &Args::new(vec![x.unwrap_or(Value::None)]), "gelu")?;
    let approx = it.flag(approx, false)?;
    Ok(Value::Tensor(tf_nn::gelu(&x, approx)?))
}

fn activation_entry(name: &str) -> crate::eval::value::NativeFn {
    match name {
        "relu" => a_relu,
        "softmax" | "log_softmax" => a_softmax,
        "elu" => a_elu,
        "gelu" => a_gelu,
        "sigmoid" => a_sigmoid,
        "tanh" => a_tanh,
        "selu" => a_selu,
        "softplus" => a_softplus,
        "softsign" => a_softsign,
        "swish" => a_swish,
        "silu" => a_silu,
        "exponential" => a_exponential,
        "hard_sigmoid" => a_hard_sigmoid,
        "relu6" => a_relu6,
        "leaky_relu" => |it, a| {
            let x = x_of(it, &a, "leaky_relu")?;
            Ok(Value::Tensor(tf_nn::leaky_relu(&x, 0.2)?))
        },
        _ => a_linear,
    }
}

fn serialize(_it: &mut Interp, a: Args) -> R<Value> {
    let [f] = a.bind("serialize", ["activation"])?;
    match Act::from_value(f)? {
        Act::Named(n) => Ok(Value::str(n)),
        Act::Callable(v) => Err(value_err(format!(
            "Unknown activation function: {}",
            v.type_name()
        ))),
    }
}

fn get(_it: &mut Interp, a: Args) -> R<Value> {
    let [f] = a.bind("get", ["identifier"])?;
    Ok(Act::from_value(f)?.value())
}

pub fn install(m: &Module) {
    for n in NAMES
        .iter()
        .filter(|n| !matches!(**n, "leaky_relu" | "log_softmax"))
    {
        m.set(n, activation_value(n));
    }
    crate::api::add_all(
        m,
        &[("serialize", serialize), ("get", get), ("deserialize", get)],
    );
}
