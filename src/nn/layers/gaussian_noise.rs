//! `GaussianNoise(stddev, seed=None)`: adds zero-centred normal noise while training.

use super::merge::{in_call, keras_cast};
use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::errors::ExcKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::{DType, Tensor};

pub struct GaussianNoise {
    pub stddev: f64,
    pub seed: Value,
}

crate::builtin! {
    /// Apply additive zero-centered Gaussian noise.
    op("GaussianNoise.__init__") ["tf.keras.layers.GaussianNoise"]
    fn GaussianNoise(it, stddev, seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "GaussianNoise", &kwargs)?;
        let stddev = f64_arg(&stddev, "stddev")?;
        common.make(it, GaussianNoise { stddev, seed })
    }
}

impl LayerKind for GaussianNoise {
    fn class_name(&self) -> &'static str {
        "GaussianNoise"
    }

    fn module(&self) -> &'static str {
        "regularization.gaussian_noise"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "stddev" => Some(Value::Float(self.stddev)),
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["stddev", "seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("stddev", Value::Float(self.stddev)),
            ("seed", self.seed.clone()),
        ]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !training {
            return Ok(x);
        }
        let noise = it
            .rng
            .normal_op(x.shape(), 0.0, self.stddev, DType::F32, None);
        Ok(ew::binary(Binary::Add, &x, &noise)?)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        let t = keras_cast(tensor_arg(it, x)?);
        layer.built.set(true);
        if training && t.dtype() != DType::F32 {
            return Err(in_call(
                layer,
                ExcKind::TypeError,
                format!(
                    "Cannot convert 0.0 to EagerTensor of dtype {}",
                    t.dtype().name()
                ),
            ));
        }
        Ok(Value::Tensor(self.call(it, layer, t, training)?))
    }
}
