//! `RandomCrop(height, width, seed=None)`: a `height` x `width` window of each batch at a
//! random place while training; otherwise (or when the images are smaller) the images
//! resized by Keras's `smart_resize`.

use super::center_crop::{crop_or_resize, smart_resize};
use super::image_rng::{augments, seed_arg, with_hw, ImageRng};
use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct RandomCrop {
    height: i64,
    width: i64,
    seed: Value,
    rng: ImageRng,
}

crate::builtin! {
    /// A preprocessing layer which randomly crops images during training.
    op("RandomCrop.__init__") ["tf.keras.layers.RandomCrop", "tf.keras.layers.experimental.preprocessing.RandomCrop"]
    fn RandomCrop(it, height, width, seed = None, **kwargs) {
        let height = crate::api::convert::i64_arg(&height, "height")?;
        let width = crate::api::convert::i64_arg(&width, "width")?;
        let rng = ImageRng::new(seed_arg(&seed)?);
        super::make(it, &kwargs, RandomCrop { height, width, seed, rng })
    }
}

impl LayerKind for RandomCrop {
    fn class_name(&self) -> &'static str {
        "RandomCrop"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "height" => Some(Value::Int(self.height)),
            "width" => Some(Value::Int(self.width)),
            "seed" => Some(self.seed.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["height", "width", "seed"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("height", Value::Int(self.height)),
            ("width", Value::Int(self.width)),
            ("seed", self.seed.clone()),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        with_hw(
            shape,
            self.height.max(0) as usize,
            self.width.max(0) as usize,
        )
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let s = x.shape().to_vec();
        let n = s.len();
        let (dh, dw) = if n >= 3 {
            (s[n - 3] as i64 - self.height, s[n - 2] as i64 - self.width)
        } else {
            (-1, -1)
        };
        if augments(training) && dh >= 0 && dw >= 0 {
            let r = self.rng.uniform_int(it, &[2], i32::MAX as i64).to_i64_vec();
            let at = (r[0] % (dh + 1), r[1] % (dw + 1));
            return crop_or_resize(it, x, Some(at), self.height, self.width);
        }
        smart_resize(it, x, self.height, self.width)
    }
}
