//! `RandomFlip(mode='horizontal_and_vertical', seed=None)`: each image flipped left-right
//! and/or upside down with probability one half, drawn through
//! `tf.image.stateless_random_flip_*` with seeds from the layer's generator.

use super::image_rng::{augments, image_op, seed_arg, ImageRng};
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct RandomFlip {
    mode: String,
    seed: Value,
    rng: ImageRng,
}

crate::builtin! {
    /// A preprocessing layer which randomly flips images during training.
    op("RandomFlip.__init__") ["tf.keras.layers.RandomFlip", "tf.keras.layers.experimental.preprocessing.RandomFlip"]
    fn RandomFlip(it, mode = "horizontal_and_vertical", seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomFlip", &kwargs)?;
        let m = match &mode {
            Value::Str(s) if ["horizontal", "vertical", "horizontal_and_vertical"].contains(&&**s) => s.to_string(),
            other => {
                let shown = match other {
                    Value::Str(s) => s.to_string(),
                    v => it.repr(v)?,
                };
                let name = common.name.clone().unwrap_or_default();
                return raise(ExcKind::ValueError, format!("RandomFlip layer {} received an unknown mode argument {}", name, shown));
            }
        };
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomFlip { mode: m, seed, rng })
    }
}

impl LayerKind for RandomFlip {
    fn class_name(&self) -> &'static str {
        "RandomFlip"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "mode" => Some(Value::str(&self.mode)),
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["mode", "seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("mode", Value::str(&self.mode)),
            ("seed", self.seed.clone()),
        ]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !augments(training) {
            return Ok(x);
        }
        let mut out = x;
        if self.mode != "vertical" {
            let seed = self.rng.make_seed(it);
            out = image_op(
                it,
                "stateless_random_flip_left_right",
                vec![Value::Tensor(out), Value::Tensor(seed)],
            )?;
        }
        if self.mode != "horizontal" {
            let seed = self.rng.make_seed(it);
            out = image_op(
                it,
                "stateless_random_flip_up_down",
                vec![Value::Tensor(out), Value::Tensor(seed)],
            )?;
        }
        Ok(out)
    }
}
