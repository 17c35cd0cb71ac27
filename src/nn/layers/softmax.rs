//! `Softmax` over one axis.

use super::LayerKind;
use crate::api::convert::i64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct Softmax {
    pub axis: i64,
    /// `axis` as given, for `get_config`.
    given_axis: Value,
}

crate::builtin! {
    /// Softmax activation function.
    python ["tf.keras.layers.Softmax"]
    fn Softmax(it, axis = -1, **kwargs) {
        let common = super::Common::from_kwargs(it, "Softmax", &kwargs)?;
        let given_axis = axis.clone();
        let axis = i64_arg(&axis, "axis")?;
        common.make(it, Softmax { axis, given_axis })
    }
}

impl LayerKind for Softmax {
    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("axis", self.given_axis.clone())]
    }

    fn class_name(&self) -> &'static str {
        "Softmax"
    }

    fn module(&self) -> &'static str {
        "activation.softmax"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "axis").then_some(Value::Int(self.axis))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axis"]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(crate::tensor::ops::nn::softmax(&x, self.axis, false)?)
    }
}
