//! `ReLU`: Keras's relu with a cap, a negative slope and a threshold.

use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::activations::keras_relu;
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct ReLU {
    pub max_value: Option<f64>,
    pub negative_slope: f64,
    pub threshold: f64,
}

crate::builtin! {
    /// Rectified Linear Unit activation function.
    python ["tf.keras.layers.ReLU"]
    fn ReLU(it, max_value = None, negative_slope = 0.0, threshold = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "ReLU", &kwargs)?;
        let kind = ReLU {
            max_value: match max_value {
                Value::None => None,
                v => Some(f64_arg(&v, "max_value")?),
            },
            negative_slope: f64_arg(&negative_slope, "negative_slope")?,
            threshold: f64_arg(&threshold, "threshold")?,
        };
        common.make(it, kind)
    }
}

impl LayerKind for ReLU {
    fn config(&self) -> Vec<(&'static str, Value)> {
        // Keras casts the three to float32 arrays (`backend.cast_to_floatx`).
        let arr = |v: f64| Value::ndarray(Tensor::scalar(v as f32));
        vec![
            ("max_value", self.max_value.map(arr).unwrap_or(Value::None)),
            ("negative_slope", arr(self.negative_slope)),
            ("threshold", arr(self.threshold)),
        ]
    }

    fn class_name(&self) -> &'static str {
        "ReLU"
    }

    fn module(&self) -> &'static str {
        "activation.relu"
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        keras_relu(&x, self.negative_slope, self.max_value, self.threshold)
    }
}
