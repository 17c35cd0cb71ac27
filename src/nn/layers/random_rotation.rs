//! `RandomRotation(factor, fill_mode='reflect', interpolation='bilinear', seed=None,
//! fill_value=0.0)`: each image turned about its centre by an angle drawn from
//! `[lower, upper] · 2π`, as Keras's rotation matrix and TensorFlow's projective
//! transform compute it.

use super::image_affine::Affine;
use super::image_rng::{augments, seed_arg, ImageRng};
use super::random_contrast::factor_pair;
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Unary};
use crate::tensor::Tensor;

pub struct RandomRotation {
    factor: Value,
    lower: f64,
    upper: f64,
    affine: Affine,
    seed: Value,
    rng: ImageRng,
}

crate::builtin! {
    /// A preprocessing layer which randomly rotates images during training.
    op("RandomRotation.__init__") ["tf.keras.layers.RandomRotation", "tf.keras.layers.experimental.preprocessing.RandomRotation"]
    fn RandomRotation(it, factor, fill_mode = "reflect", interpolation = "bilinear", seed = None, fill_value = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomRotation", &kwargs)?;
        let (lower, upper) = factor_pair(it, &factor, |f| (-f, f))?;
        if upper < lower {
            let shown = it.repr(&factor)?;
            return raise(ExcKind::ValueError, format!("`factor` argument cannot have a negative value. Received: factor={}", shown));
        }
        let affine = Affine::new(&fill_mode, &interpolation, fill_value)?;
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomRotation { factor, lower, upper, affine, seed, rng })
    }
}

/// Keras's `get_rotation_matrix`: the inverse rotation about the image centre, in float32.
fn rotation_matrices(angles: &Tensor, h: f32, w: f32) -> R<Vec<[f32; 8]>> {
    let cos = ew::unary(Unary::Cos, angles)?.to_vec::<f32>()?;
    let sin = ew::unary(Unary::Sin, angles)?.to_vec::<f32>()?;
    Ok(cos
        .iter()
        .zip(&sin)
        .map(|(&c, &s)| {
            let x_offset = ((w - 1.0) - (c * (w - 1.0) - s * (h - 1.0))) / 2.0;
            let y_offset = ((h - 1.0) - (s * (w - 1.0) + c * (h - 1.0))) / 2.0;
            [c, -s, x_offset, s, c, y_offset, 0.0, 0.0]
        })
        .collect())
}

impl LayerKind for RandomRotation {
    fn class_name(&self) -> &'static str {
        "RandomRotation"
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
            n => self.affine.attr(n),
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "factor",
            "lower",
            "upper",
            "fill_mode",
            "fill_value",
            "interpolation",
            "seed",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = vec![("factor", self.factor.clone())];
        c.extend(self.affine.config());
        c.push(("seed", self.seed.clone()));
        c
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !augments(training) {
            return Ok(x);
        }
        let (lo, hi) = (
            self.lower * 2.0 * std::f64::consts::PI,
            self.upper * 2.0 * std::f64::consts::PI,
        );
        self.affine.apply(it, x, |it, n, h, w| {
            let angles = self.rng.uniform(it, &[n], lo, hi);
            rotation_matrices(&angles, h, w)
        })
    }
}
