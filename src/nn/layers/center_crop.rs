//! `CenterCrop(height, width)`: the central `height` x `width` window of each image, or,
//! when an image is smaller, the image resized by Keras's `smart_resize`.

use super::image_rng::{image_op, with_hw};
use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::{DType, Tensor};

pub struct CenterCrop {
    height: i64,
    width: i64,
}

crate::builtin! {
    /// A preprocessing layer which crops images.
    op("CenterCrop.__init__") ["tf.keras.layers.CenterCrop", "tf.keras.layers.experimental.preprocessing.CenterCrop"]
    fn CenterCrop(it, height, width, **kwargs) {
        let height = crate::api::convert::i64_arg(&height, "height")?;
        let width = crate::api::convert::i64_arg(&width, "width")?;
        super::make(it, &kwargs, CenterCrop { height, width })
    }
}

/// Crops `x` at `(top, left)` to `h` x `w`, or smart-resizes it when it is too small.
pub fn crop_or_resize(
    it: &mut Interp,
    x: Tensor,
    at: Option<(i64, i64)>,
    h: i64,
    w: i64,
) -> R<Tensor> {
    let s = x.shape().to_vec();
    let n = s.len();
    let (dh, dw) = if n >= 3 {
        (s[n - 3] as i64 - h, s[n - 2] as i64 - w)
    } else {
        (0, 0)
    };
    if dh >= 0 && dw >= 0 {
        let (top, left) = at.unwrap_or(((dh as f64 / 2.0) as i64, (dw as f64 / 2.0) as i64));
        let args = [top, left, h, w].map(Value::Int);
        let mut v = vec![Value::Tensor(x)];
        v.extend(args);
        return image_op(it, "crop_to_bounding_box", v);
    }
    smart_resize(it, x, h, w)
}

/// Keras's `smart_resize` of `x` to `h` x `w` (cropped to that aspect ratio, then resized).
pub fn smart_resize(it: &mut Interp, x: Tensor, h: i64, w: i64) -> R<Tensor> {
    let size = Value::list(vec![Value::Int(h), Value::Int(w)]);
    Ok(image_op(
        it,
        "_smart_resize",
        vec![Value::Tensor(x), size, Value::str("bilinear")],
    )?
    .cast(DType::F32))
}

impl LayerKind for CenterCrop {
    fn class_name(&self) -> &'static str {
        "CenterCrop"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "height" => Some(Value::Int(self.height)),
            "width" => Some(Value::Int(self.width)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["height", "width"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("height", Value::Int(self.height)),
            ("width", Value::Int(self.width)),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        with_hw(
            shape,
            self.height.max(0) as usize,
            self.width.max(0) as usize,
        )
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        crop_or_resize(it, x, None, self.height, self.width)
    }
}
