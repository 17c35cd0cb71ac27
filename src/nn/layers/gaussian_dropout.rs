//! `GaussianDropout(rate, seed=None)`: multiplies by 1-centred normal noise of standard
//! deviation `sqrt(rate / (1 - rate))` while training.

use super::merge::keras_cast;
use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::{DType, Tensor};

pub struct GaussianDropout {
    pub rate: f64,
    pub seed: Value,
}

crate::builtin! {
    /// Apply multiplicative 1-centered Gaussian noise.
    op("GaussianDropout.__init__") ["tf.keras.layers.GaussianDropout"]
    fn GaussianDropout(it, rate, seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "GaussianDropout", &kwargs)?;
        let rate = f64_arg(&rate, "rate")?;
        common.make(it, GaussianDropout { rate, seed })
    }
}

impl LayerKind for GaussianDropout {
    fn class_name(&self) -> &'static str {
        "GaussianDropout"
    }

    fn module(&self) -> &'static str {
        "regularization.gaussian_dropout"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "rate" => Some(Value::Float(self.rate)),
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["rate", "seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("rate", Value::Float(self.rate)),
            ("seed", self.seed.clone()),
        ]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !(training && self.rate > 0.0 && self.rate < 1.0) {
            return Ok(x);
        }
        let stddev = (self.rate / (1.0 - self.rate)).sqrt();
        let noise = it.rng.normal_op(x.shape(), 1.0, stddev, DType::F32, None);
        Ok(ew::binary(Binary::Mul, &x, &noise.cast(x.dtype()))?)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        let t = keras_cast(tensor_arg(it, x)?);
        layer.built.set(true);
        Ok(Value::Tensor(self.call(it, layer, t, training)?))
    }
}
