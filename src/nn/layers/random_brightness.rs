//! `RandomBrightness(factor, value_range=(0, 255), seed=None)`: a random offset, a fraction
//! of the value range drawn per image from the layer's generator, added to each image, the
//! result clipped to the range.

use super::image_rng::{augments, seed_arg, ImageRng};
use super::list_wrapper::list_wrapper;
use super::random_contrast::factor_pair;
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;

const FACTOR_ERR: &str =
    "The `factor` argument should be a number (or a list of two numbers) in the range [-1.0, 1.0]. ";
const RANGE_ERR: &str = "The `value_range` argument should be a list of two numbers. ";

pub struct RandomBrightness {
    factor: (f64, f64),
    range: (Value, Value),
    seed: Value,
    rng: ImageRng,
}

fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        Value::Int(v as i64)
    } else {
        Value::Float(v)
    }
}

crate::builtin! {
    /// A preprocessing layer which randomly adjusts brightness during training.
    op("RandomBrightness.__init__") ["tf.keras.layers.RandomBrightness"]
    fn RandomBrightness(it, factor, value_range = (0, 255), seed = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomBrightness", &kwargs)?;
        let shown = it.repr(&factor)?;
        let is_pair = matches!(factor, Value::List(_) | Value::Tuple(_));
        if is_pair && it.collect_items(&factor)?.len() != 2 {
            return raise(ExcKind::ValueError, format!("{}Got {}", FACTOR_ERR, shown));
        }
        if !is_pair && !matches!(factor, Value::Int(_) | Value::Float(_)) {
            return raise(ExcKind::ValueError, format!("{}Got {}", FACTOR_ERR, shown));
        }
        let (a, b) = factor_pair(it, &factor, |f| (-f.abs(), f.abs()))?;
        for (v, raw) in [(a, is_pair), (b, is_pair)] {
            if !(-1.0..=1.0).contains(&v) {
                let got = if raw { num(v) } else { factor.clone() };
                let got = it.repr(&got)?;
                return raise(ExcKind::ValueError, format!("{}Got {}", FACTOR_ERR, got));
            }
        }
        let factor = (a.min(b), a.max(b));
        let range = match &value_range {
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(&value_range)?;
                if items.len() != 2 {
                    let shown = it.repr(&value_range)?;
                    return raise(ExcKind::ValueError, format!("{}Got {}", RANGE_ERR, shown));
                }
                let x = crate::api::convert::f64_arg(&items[0], "value_range")?;
                let y = crate::api::convert::f64_arg(&items[1], "value_range")?;
                if x <= y { (items[0].clone(), items[1].clone()) } else { (items[1].clone(), items[0].clone()) }
            }
            other => {
                let shown = it.repr(other)?;
                return raise(ExcKind::ValueError, format!("{}Got {}", RANGE_ERR, shown));
            }
        };
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomBrightness { factor, range, seed, rng })
    }
}

impl RandomBrightness {
    fn bounds(&self) -> (f64, f64) {
        let f = |v: &Value| crate::api::convert::f64_arg(v, "value_range").unwrap_or(0.0);
        (f(&self.range.0), f(&self.range.1))
    }
}

impl LayerKind for RandomBrightness {
    fn class_name(&self) -> &'static str {
        "RandomBrightness"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            (
                "factor",
                list_wrapper(vec![num(self.factor.0), num(self.factor.1)]),
            ),
            (
                "value_range",
                list_wrapper(vec![self.range.0.clone(), self.range.1.clone()]),
            ),
            ("seed", self.seed.clone()),
        ]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !augments(training) {
            return Ok(x);
        }
        let shape: Vec<usize> = match x.ndim() {
            3 => vec![1, 1, 1],
            4 => vec![x.shape()[0], 1, 1, 1],
            _ => {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Expected the input image to be rank 3 or 4. Got inputs.shape = {}",
                        shape_paren(x.shape())
                    ),
                )
            }
        };
        let (lo, hi) = self.bounds();
        let delta = self.rng.uniform(it, &shape, self.factor.0, self.factor.1);
        let span = Tensor::scalar((hi - lo) as f32);
        let delta = ew::binary(Binary::Mul, &delta, &span)?;
        let y = ew::binary(Binary::Add, &x, &delta)?;
        let y = ew::binary(Binary::Maximum, &y, &Tensor::scalar(lo as f32))?;
        Ok(ew::binary(Binary::Minimum, &y, &Tensor::scalar(hi as f32))?)
    }
}

fn shape_paren(s: &[usize]) -> String {
    let dims: Vec<String> = s.iter().map(|d| d.to_string()).collect();
    match dims.len() {
        1 => format!("({},)", dims[0]),
        _ => format!("({})", dims.join(", ")),
    }
}
