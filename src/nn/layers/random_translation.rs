//! `RandomTranslation(height_factor, width_factor, fill_mode='reflect',
//! interpolation='bilinear', seed=None, fill_value=0.0)`: each image shifted by a fraction
//! of its height and width drawn from the factors' ranges, through TensorFlow's projective
//! transform.

use super::image_affine::Affine;
use super::image_rng::{augments, seed_arg, ImageRng};
use super::random_contrast::factor_pair;
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct RandomTranslation {
    height_factor: Value,
    height: (f64, f64),
    width_factor: Value,
    width: (f64, f64),
    affine: Affine,
    seed: Value,
    rng: ImageRng,
}

/// A factor's bounds, checked as Keras checks them (`which` is `height` or `width`).
fn bounds(it: &mut Interp, v: &Value, which: &str) -> R<(f64, f64)> {
    let (lo, hi) = factor_pair(it, v, |f| (-f, f))?;
    let shown = it.repr(v)?;
    if hi < lo {
        return raise(
            ExcKind::ValueError,
            format!("`{which}_factor` cannot have upper bound less than lower bound, got {shown}"),
        );
    }
    if lo.abs() > 1.0 || hi.abs() > 1.0 {
        let msg = if which == "height" {
            format!("`height_factor` argument must have values between [-1, 1]. Received: height_factor={shown}")
        } else {
            format!("`width_factor` must have values between [-1, 1], got {shown}")
        };
        return raise(ExcKind::ValueError, msg);
    }
    Ok((lo, hi))
}

crate::builtin! {
    /// A preprocessing layer which randomly translates images during training.
    op("RandomTranslation.__init__") ["tf.keras.layers.RandomTranslation", "tf.keras.layers.experimental.preprocessing.RandomTranslation"]
    fn RandomTranslation(it, height_factor, width_factor, fill_mode = "reflect", interpolation = "bilinear", seed = None, fill_value = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomTranslation", &kwargs)?;
        let height = bounds(it, &height_factor, "height")?;
        let width = bounds(it, &width_factor, "width")?;
        let affine = Affine::new(&fill_mode, &interpolation, fill_value)?;
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomTranslation { height_factor, height, width_factor, width, affine, seed, rng })
    }
}

impl LayerKind for RandomTranslation {
    fn class_name(&self) -> &'static str {
        "RandomTranslation"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "height_factor" => Some(self.height_factor.clone()),
            "width_factor" => Some(self.width_factor.clone()),
            "height_lower" => Some(Value::Float(self.height.0)),
            "height_upper" => Some(Value::Float(self.height.1)),
            "width_lower" => Some(Value::Float(self.width.0)),
            "width_upper" => Some(Value::Float(self.width.1)),
            "seed" => Some(self.seed.clone()),
            n => self.affine.attr(n),
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "height_factor",
            "width_factor",
            "height_lower",
            "height_upper",
            "width_lower",
            "width_upper",
            "fill_mode",
            "fill_value",
            "interpolation",
            "seed",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = vec![
            ("height_factor", self.height_factor.clone()),
            ("width_factor", self.width_factor.clone()),
        ];
        c.extend(self.affine.config());
        c.push(("seed", self.seed.clone()));
        c
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        if !augments(training) {
            return Ok(x);
        }
        self.affine.apply(it, x, |it, n, h, w| {
            let (hl, hu) = self.height;
            let (wl, wu) = self.width;
            let dy = self.rng.uniform(it, &[n, 1], hl, hu).to_vec::<f32>()?;
            let dx = self.rng.uniform(it, &[n, 1], wl, wu).to_vec::<f32>()?;
            // Keras's `get_translation_matrix` of the shifts in pixels.
            Ok(dx
                .iter()
                .zip(&dy)
                .map(|(&dx, &dy)| [1.0, 0.0, -(dx * w), 0.0, 1.0, -(dy * h), 0.0, 0.0])
                .collect())
        })
    }
}
