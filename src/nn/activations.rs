//! `tf.keras.activations`: one [`Activation`] enum (Keras name, function, TensorFlow op),
//! the functions declared at their Keras paths, and the values `activation=` accepts.

use crate::api::convert::{f64_arg, i64_arg, to_tensor};
use crate::api::tf_nn;
use crate::eval::decl::BUILTINS;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::Tensor;

/// The activations Keras knows by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Activation {
    Linear,
    Relu,
    Sigmoid,
    Tanh,
    Softmax,
    Elu,
    Selu,
    Softplus,
    Softsign,
    Swish,
    Silu,
    Gelu,
    Exponential,
    HardSigmoid,
    Relu6,
    LeakyRelu,
    LogSoftmax,
}

impl Activation {
    pub const ALL: [Activation; 17] = [
        Activation::Linear,
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Softmax,
        Activation::Elu,
        Activation::Selu,
        Activation::Softplus,
        Activation::Softsign,
        Activation::Swish,
        Activation::Silu,
        Activation::Gelu,
        Activation::Exponential,
        Activation::HardSigmoid,
        Activation::Relu6,
        Activation::LeakyRelu,
        Activation::LogSoftmax,
    ];

    /// The Keras name: what `activation=` takes, `serialize` gives and the function is
    /// called in `tf.keras.activations`.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Linear => "linear",
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Softmax => "softmax",
            Activation::Elu => "elu",
            Activation::Selu => "selu",
            Activation::Softplus => "softplus",
            Activation::Softsign => "softsign",
            Activation::Swish => "swish",
            Activation::Silu => "silu",
            Activation::Gelu => "gelu",
            Activation::Exponential => "exponential",
            Activation::HardSigmoid => "hard_sigmoid",
            Activation::Relu6 => "relu6",
            Activation::LeakyRelu => "leaky_relu",
            Activation::LogSoftmax => "log_softmax",
        }
    }

    /// The name in a layer's config (`serialize`): the Keras name.
    pub fn config_name(self) -> &'static str {
        self.name()
    }

    pub fn by_name(name: &str) -> Option<Activation> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Applies the activation with its default arguments.
    pub fn apply(self, x: &Tensor) -> R<Tensor> {
        Ok(match self {
            Activation::Linear => x.clone(),
            Activation::Relu => ew::unary(Unary::Relu, x)?,
            Activation::Relu6 => ew::unary(Unary::Relu6, x)?,
            Activation::Sigmoid => ew::unary(Unary::Sigmoid, x)?,
            Activation::Tanh => ew::unary(Unary::Tanh, x)?,
            Activation::Softmax | Activation::LogSoftmax => {
                if x.ndim() <= 1 {
                    return Err(value_err(format!(
                        "Cannot apply softmax to a tensor that is 1D. Received input: {}",
                        crate::print::tensor_str(x)
                    )));
                }
                crate::tensor::ops::nn::softmax(x, -1, self == Activation::LogSoftmax)?
            }
            Activation::Elu => tf_nn::elu(x, 1.0)?,
            Activation::Selu => tf_nn::selu(x)?,
            Activation::Softplus => ew::unary(Unary::Softplus, x)?,
            Activation::Softsign => ew::unary(Unary::Softsign, x)?,
            Activation::Swish | Activation::Silu => tf_nn::swish(x)?,
            Activation::Gelu => tf_nn::gelu(x, false)?,
            Activation::Exponential => ew::unary(Unary::Exp, x)?,
            Activation::LeakyRelu => tf_nn::leaky_relu(x, 0.2)?,
            Activation::HardSigmoid => {
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
        })
    }

    /// The function as a value, `keras.activations.relu`.
    pub fn value(self) -> Value {
        let name = format!("keras.activations.{}", self.name());
        let path = format!("tf.{}", name);
        if BUILTINS.iter().any(|d| d.paths.contains(&path.as_str())) {
            return super::declared(&path);
        }
        // Not functions of the module here: plain callables applying the defaults.
        if self == Activation::LeakyRelu {
            return Value::builtin(&name, |it, a| {
                let x = x_of(it, a.pos.first().cloned())?;
                Ok(Value::Tensor(Activation::LeakyRelu.apply(&x)?))
            });
        }
        Value::builtin(&name, |it, a| {
            let x = x_of(it, a.pos.first().cloned())?;
            Ok(Value::Tensor(Activation::LogSoftmax.apply(&x)?))
        })
    }
}

/// An activation: a named Keras one, or any callable.
#[derive(Clone)]
pub enum Act {
    Named(Activation),
    Callable(Value),
}

fn scalar(x: &Tensor, v: f64) -> Tensor {
    Tensor::from_f64s(x.dtype(), &[], &[v])
}

/// Keras's `relu(x, alpha, max_value, threshold)`.
pub fn keras_relu(x: &Tensor, alpha: f64, max_value: Option<f64>, threshold: f64) -> R<Tensor> {
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

impl Act {
    /// From an `activation=` argument: None, a name, a Keras activation, or a callable.
    pub fn from_value(v: Option<Value>) -> R<Act> {
        let unknown = |s: &str| {
            value_err(format!(
                "Unknown activation function '{}' cannot be deserialized.",
                s
            ))
        };
        match v {
            None | Some(Value::None) => Ok(Act::Named(Activation::Linear)),
            Some(Value::Str(s)) => Activation::by_name(&s)
                .map(Act::Named)
                .ok_or_else(|| unknown(&s)),
            Some(Value::Builtin(b)) if b.name.starts_with("keras.activations.") => {
                let n = &b.name["keras.activations.".len()..];
                Ok(Activation::by_name(n)
                    .map(Act::Named)
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
            Act::Named(a) => a.apply(x),
            Act::Callable(f) => {
                let r = it.call(f, Args::new(vec![Value::Tensor(x.clone())]))?;
                to_tensor(it, &r, None)
            }
        }
    }

    /// The name `get_config()` shows: the activation's name, or a callable's `__name__`.
    pub fn config_name(&self) -> String {
        match self {
            Act::Named(a) => a.name().to_string(),
            Act::Callable(v) => match v {
                Value::Function(f) => f.def.name.to_string(),
                _ => v.type_name().to_string(),
            },
        }
    }

    /// The value `layer.activation` gives back.
    pub fn value(&self) -> Value {
        match self {
            Act::Named(a) => a.value(),
            Act::Callable(v) => v.clone(),
        }
    }
}

/// An activation's input as a float tensor.
fn x_of(it: &mut Interp, x: Option<Value>) -> R<Tensor> {
    let Some(x) = x else {
        return Err(type_err("Missing required positional argument"));
    };
    // No cast: as in Keras, an int or bool input reaches the op, whose kernel refuses it.
    to_tensor(it, &x, None)
}

crate::builtin! {
    /// Linear activation function (pass-through).
    dispatch ["tf.keras.activations.linear"]
    fn linear(it, x) {
        // Keras returns its argument itself, whatever it is.
        let _ = it;
        Ok(x)
    }
}

/// Declares `tf.keras.activations.NAME(x)` applying an [`Activation`] with its defaults.
macro_rules! plain_activation {
    ($($doc:literal $path:literal $name:ident => $act:ident),* $(,)?) => {$(
        crate::builtin! {
            #[doc = $doc]
            dispatch [$path]
            fn $name(it, x) {
                let x = x_of(it, Some(x))?;
                Ok(Value::Tensor(Activation::$act.apply(&x)?))
            }
        }
    )*};
}

plain_activation! {
    "Sigmoid activation function, `sigmoid(x) = 1 / (1 + exp(-x))`."
        "tf.keras.activations.sigmoid" sigmoid => Sigmoid,
    "Hyperbolic tangent activation function."
        "tf.keras.activations.tanh" tanh => Tanh,
    "Scaled Exponential Linear Unit (SELU)."
        "tf.keras.activations.selu" selu => Selu,
    "Softplus activation function, `softplus(x) = log(exp(x) + 1)`."
        "tf.keras.activations.softplus" softplus => Softplus,
    "Softsign activation function, `softsign(x) = x / (abs(x) + 1)`."
        "tf.keras.activations.softsign" softsign => Softsign,
    "Swish activation function, `swish(x) = x * sigmoid(x)`."
        "tf.keras.activations.swish" swish => Swish,
    "Swish activation function, `swish(x) = x * sigmoid(x)`."
        "tf.keras.activations.silu" silu => Silu,
    "Exponential activation function."
        "tf.keras.activations.exponential" exponential => Exponential,
    "Hard sigmoid activation function."
        "tf.keras.activations.hard_sigmoid" hard_sigmoid => HardSigmoid,
    "Computes Rectified Linear 6: `min(max(features, 0), 6)`."
        "tf.keras.activations.relu6" relu6 => Relu6,
}

crate::builtin! {
    /// Applies the rectified linear unit activation function.
    dispatch ["tf.keras.activations.relu"]
    fn relu(it, x, alpha = 0.0, max_value = None, threshold = 0.0) {
        let x = x_of(it, Some(x))?;
        let alpha = f64_arg(&alpha, "alpha")?;
        let max_value = match max_value {
            Value::None => None,
            v => Some(f64_arg(&v, "max_value")?),
        };
        let threshold = f64_arg(&threshold, "threshold")?;
        Ok(Value::Tensor(keras_relu(&x, alpha, max_value, threshold)?))
    }
}

crate::builtin! {
    /// Softmax converts a vector of values to a probability distribution.
    dispatch ["tf.keras.activations.softmax"]
    fn softmax(it, x, axis = -1) {
        let x = x_of(it, Some(x))?;
        let axis = i64_arg(&axis, "axis")?;
        if x.ndim() <= 1 {
            return Activation::Softmax.apply(&x).map(Value::Tensor);
        }
        Ok(Value::Tensor(crate::tensor::ops::nn::softmax(&x, axis, false)?))
    }
}

crate::builtin! {
    /// Exponential Linear Unit.
    dispatch ["tf.keras.activations.elu"]
    fn elu(it, x, alpha = 1.0) {
        let x = x_of(it, Some(x))?;
        let alpha = f64_arg(&alpha, "alpha")?;
        let res = tf_nn::elu(&x, 1.0)?;
        if alpha == 1.0 {
            return Ok(Value::Tensor(res));
        }
        let scaled = ew::binary(Binary::Mul, &res, &scalar(&x, alpha))?;
        let pos = ew::compare(Compare::Greater, &x, &scalar(&x, 0.0))?;
        Ok(Value::Tensor(crate::tensor::ops::select::select(&pos, &res, &scaled)?))
    }
}

crate::builtin! {
    /// Applies the Gaussian error linear unit (GELU) activation function.
    dispatch ["tf.keras.activations.gelu"]
    fn gelu(it, x, approximate = False) {
        let x = x_of(it, Some(x))?;
        let approximate = it.truthy(&approximate)?;
        Ok(Value::Tensor(tf_nn::gelu(&x, approximate)?))
    }
}

crate::builtin! {
    /// Returns the string identifier of an activation function.
    dispatch ["tf.keras.activations.serialize"]
    fn serialize(it, activation, use_legacy_format = False) {
        match Act::from_value(Some(activation))? {
            Act::Named(a) => Ok(Value::str(a.config_name())),
            Act::Callable(v) => Err(value_err(format!(
                "Unknown activation function: {}",
                v.type_name()
            ))),
        }
    }
}

crate::builtin! {
    /// Returns function.
    dispatch ["tf.keras.activations.get"]
    fn get(it, identifier) {
        Ok(Act::from_value(Some(identifier))?.value())
    }
}

crate::builtin! {
    /// Returns activation function given a string identifier.
    dispatch ["tf.keras.activations.deserialize"]
    fn deserialize(it, name, custom_objects = None, use_legacy_format = False) {
        Ok(Act::from_value(Some(name))?.value())
    }
}
