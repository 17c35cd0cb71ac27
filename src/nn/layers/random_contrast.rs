//! `RandomContrast(factor, seed=None)`: each image's contrast scaled by a factor drawn from
//! `[1 - lower, 1 + upper]` through `tf.image.stateless_random_contrast`, then clipped to
//! `[0, 255]`.

use super::image_rng::{augments, image_op, seed_arg, ImageRng};
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;

pub struct RandomContrast {
    factor: Value,
    lower: f64,
    upper: f64,
    seed: Value,
    rng: ImageRng,
}

/// A `factor=` of one number or a pair, as `(lower, upper)`.
pub fn factor_pair(
    it: &mut Interp,
    v: &Value,
    single: impl Fn(f64) -> (f64, f64),
) -> R<(f64, f64)> {
    match v {
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(v)?;
            let a = crate::api::convert::f64_arg(items.first().unwrap_or(&Value::None), "factor")?;
            let b = crate::api::convert::f64_arg(items.get(1).unwrap_or(&Value::None), "factor")?;
            Ok((a, b))
        }
        other => Ok(single(crate::api::convert::f64_arg(other, "factor")?)),
    }
}

crate::builtin! {
    /// A preprocessing layer which randomly adjusts contrast during training.
    op("RandomContrast.__init__") ["tf.keras.layers.RandomContrast", "tf.keras.layers.experimental.preprocessing.RandomContrast"]
    fn RandomContrast(it, factor, seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomContrast", &kwargs)?;
        let (lower, upper) = factor_pair(it, &factor, |f| (f, f))?;
        if lower < 0.0 || upper < 0.0 || lower > 1.0 {
            let shown = it.repr(&factor)?;
            return raise(ExcKind::ValueError, format!("`factor` argument cannot have negative values or values greater than 1.Received: factor={}", shown));
        }
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomContrast { factor, lower, upper, seed, rng })
    }
}

impl LayerKind for RandomContrast {
    fn class_name(&self) -> &'static str {
        "RandomContrast"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "factor" => Some(self.factor.clone()),
            "lower" => Some(Value::Float(self.lower)),
            "upper" => Some(Value::Float(self.upper)),
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["factor", "lower", "upper", "seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("factor", self.factor.clone()), ("seed", self.seed.clone())]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !augments(training) {
            return Ok(x);
        }
        let seed = self.rng.make_seed(it);
        let y = image_op(
            it,
            "stateless_random_contrast",
            vec![
                Value::Tensor(x),
                Value::Float(1.0 - self.lower),
                Value::Float(1.0 + self.upper),
                Value::Tensor(seed),
            ],
        )?;
        let lo = Tensor::scalar(0f32);
        let hi = Tensor::scalar(255f32);
        Ok(ew::binary(
            Binary::Minimum,
            &ew::binary(Binary::Maximum, &y, &lo)?,
            &hi,
        )?)
    }
}
