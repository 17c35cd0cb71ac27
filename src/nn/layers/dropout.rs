//! `Dropout`: zeroes a `rate` fraction of the inputs while training, scaling the rest.

use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;
use std::cell::Cell;

pub struct Dropout {
    pub rate: f64,
    /// The arguments as given, for `get_config`.
    given: [Value; 3],
    /// The next operation seed when the layer has a seed (Keras adds one per call).
    seed: Cell<Option<i64>>,
}

crate::builtin! {
    /// Applies Dropout to the input.
    python ["tf.keras.layers.Dropout"]
    fn Dropout(it, rate, noise_shape = None, seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Dropout", &kwargs)?;
        let r = f64_arg(&rate, "rate")?;
        if !(0.0..=1.0).contains(&r) {
            return Err(crate::eval::error::value_err(format!(
                "Invalid value {} received for `rate`, expected a value between 0 and 1.",
                it.repr(&rate)?
            )));
        }
        let next = match &seed {
            Value::None => None,
            v => Some(crate::api::convert::i64_arg(v, "seed")?),
        };
        let given = [rate, noise_shape, seed];
        common.make(it, Dropout { rate: r, given, seed: Cell::new(next) })
    }
}

impl LayerKind for Dropout {
    fn class_name(&self) -> &'static str {
        "Dropout"
    }

    fn module(&self) -> &'static str {
        "regularization.dropout"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "rate").then_some(Value::Float(self.rate))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["rate"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let [rate, noise_shape, seed] = self.given.clone();
        vec![("rate", rate), ("noise_shape", noise_shape), ("seed", seed)]
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let rate = self.rate;
        if !training || rate == 0.0 {
            return Ok(x);
        }
        if rate >= 1.0 {
            // TF's dropout op refuses rate 1 (it would divide by zero).
            return Err(crate::eval::error::value_err(format!(
                "Exception encountered when calling layer '{}' (type Dropout).",
                layer.name
            )));
        }
        let seed = self.seed.get();
        self.seed.set(seed.map(|s| s + 1));
        let noise = crate::api::tf_random::noise_dims(it, &x, &self.given[1])?;
        crate::api::tf_random::dropout_of(it, x, rate, &noise, seed)
    }
}
