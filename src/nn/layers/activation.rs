//! `Activation`: applies an activation function (a Keras name or any callable).

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::activations::Act;
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct Activation {
    pub activation: Act,
}

crate::builtin! {
    /// Applies an activation function to an output.
    python ["tf.keras.layers.Activation"]
    fn Activation(it, activation, **kwargs) {
        let common = super::Common::from_kwargs(it, "Activation", &kwargs)?;
        let activation = Act::from_value(Some(activation))?;
        common.make(it, Activation { activation })
    }
}

impl LayerKind for Activation {
    fn class_name(&self) -> &'static str {
        "Activation"
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("activation", Value::str(&self.activation.config_name()))]
    }

    fn module(&self) -> &'static str {
        "core.activation"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "activation").then(|| self.activation.value())
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["activation"]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        self.activation.apply(it, &x)
    }
}
