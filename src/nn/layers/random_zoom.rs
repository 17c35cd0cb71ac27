//! `RandomZoom(height_factor, width_factor=None, fill_mode='reflect',
//! interpolation='bilinear', seed=None, fill_value=0.0)`: each image scaled about its
//! centre by `1 + factor` drawn per axis (the height's draw for both when no
//! `width_factor`), through TensorFlow's projective transform.

use super::image_affine::Affine;
use super::image_rng::{augments, seed_arg, ImageRng};
use super::random_contrast::factor_pair;
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct RandomZoom {
    height_factor: Value,
    height: (f64, f64),
    width_factor: Value,
    width: Option<(f64, f64)>,
    affine: Affine,
    seed: Value,
    rng: ImageRng,
}

crate::builtin! {
    /// A preprocessing layer which randomly zooms images during training.
    op("RandomZoom.__init__") ["tf.keras.layers.RandomZoom", "tf.keras.layers.experimental.preprocessing.RandomZoom"]
    fn RandomZoom(it, height_factor, width_factor = None, fill_mode = "reflect", interpolation = "bilinear", seed = None, fill_value = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "RandomZoom", &kwargs)?;
        let height = factor_pair(it, &height_factor, |f| (-f, f))?;
        if height.0.abs() > 1.0 || height.1.abs() > 1.0 {
            let shown = it.repr(&height_factor)?;
            return raise(ExcKind::ValueError, format!("`height_factor` argument must have values between [-1, 1]. Received: height_factor={}", shown));
        }
        let width = match &width_factor {
            Value::None => None,
            v => {
                let w = factor_pair(it, v, |f| (-f, f))?;
                if w.0 < -1.0 || w.1 < -1.0 {
                    let shown = it.repr(v)?;
                    return raise(ExcKind::ValueError, format!("`width_factor` argument must have values larger than -1. Received: width_factor={}", shown));
                }
                Some(w)
            }
        };
        let affine = Affine::new(&fill_mode, &interpolation, fill_value)?;
        let rng = ImageRng::new(seed_arg(&seed)?);
        common.make(it, RandomZoom { height_factor, height, width_factor, width, affine, seed, rng })
    }
}

impl LayerKind for RandomZoom {
    fn class_name(&self) -> &'static str {
        "RandomZoom"
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
            let zy = self
                .rng
                .uniform(it, &[n, 1], 1.0 + hl, 1.0 + hu)
                .to_vec::<f32>()?;
            let zx = match self.width {
                Some((wl, wu)) => self
                    .rng
                    .uniform(it, &[n, 1], 1.0 + wl, 1.0 + wu)
                    .to_vec::<f32>()?,
                None => zy.clone(),
            };
            // Keras's `get_zoom_matrix`.
            Ok(zx
                .iter()
                .zip(&zy)
                .map(|(&zx, &zy)| {
                    let x_offset = ((w - 1.0) / 2.0) * (1.0 - zx);
                    let y_offset = ((h - 1.0) / 2.0) * (1.0 - zy);
                    [zx, 0.0, x_offset, 0.0, zy, y_offset, 0.0, 0.0]
                })
                .collect())
        })
    }
}
