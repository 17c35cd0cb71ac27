//! `LeakyReLU`: `x` where positive, `alpha * x` elsewhere.

use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct LeakyReLU {
    pub alpha: f64,
}

crate::builtin! {
    /// Leaky version of a Rectified Linear Unit.
    python ["tf.keras.layers.LeakyReLU"]
    fn LeakyReLU(it, alpha = 0.3, **kwargs) {
        let common = super::Common::from_kwargs(it, "LeakyReLU", &kwargs)?;
        let alpha = f64_arg(&alpha, "alpha")?;
        common.make(it, LeakyReLU { alpha })
    }
}

impl LayerKind for LeakyReLU {
    fn config(&self) -> Vec<(&'static str, Value)> {
        // Keras keeps alpha as a float32 and shows it as a Python float.
        vec![("alpha", Value::Float(self.alpha as f32 as f64))]
    }

    fn class_name(&self) -> &'static str {
        "LeakyReLU"
    }

    fn module(&self) -> &'static str {
        "activation.leaky_relu"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "alpha").then_some(Value::Float(self.alpha))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["alpha"]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        crate::api::tf_nn::leaky_relu(&x, self.alpha)
    }
}
