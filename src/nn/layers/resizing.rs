//! `Resizing(height, width, interpolation='bilinear', crop_to_aspect_ratio=False)`: images
//! resized by `tf.image.resize` (or Keras's `smart_resize`, which crops to the target's
//! aspect ratio first), the output float32.

use super::image_rng::{image_op, with_hw};
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::{DType, Tensor};

const METHODS: [&str; 8] = [
    "bilinear",
    "nearest",
    "bicubic",
    "area",
    "lanczos3",
    "lanczos5",
    "gaussian",
    "mitchellcubic",
];

/// Keras's check of an `interpolation=` name.
pub fn interpolation_arg(v: &Value) -> R<String> {
    let s = match v {
        Value::Str(s) => s.to_string(),
        other => other.type_name().to_string(),
    };
    if !METHODS.contains(&s.as_str()) {
        return raise(
            ExcKind::NotImplementedError,
            format!(
                "Value not recognized for `interpolation`: {}. Supported values are: dict_keys(['bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'])",
                s
            ),
        );
    }
    Ok(s)
}

pub struct Resizing {
    height: i64,
    width: i64,
    interpolation: String,
    crop: bool,
}

crate::builtin! {
    /// A preprocessing layer which resizes images.
    op("Resizing.__init__") ["tf.keras.layers.Resizing", "tf.keras.layers.experimental.preprocessing.Resizing"]
    fn Resizing(it, height, width, interpolation = "bilinear", crop_to_aspect_ratio = False, **kwargs) {
        let height = crate::api::convert::i64_arg(&height, "height")?;
        let width = crate::api::convert::i64_arg(&width, "width")?;
        let interpolation = interpolation_arg(&interpolation)?;
        let crop = it.truthy(&crop_to_aspect_ratio)?;
        super::make(it, &kwargs, Resizing { height, width, interpolation, crop })
    }
}

impl LayerKind for Resizing {
    fn class_name(&self) -> &'static str {
        "Resizing"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "height" => Some(Value::Int(self.height)),
            "width" => Some(Value::Int(self.width)),
            "interpolation" => Some(Value::str(&self.interpolation)),
            "crop_to_aspect_ratio" => Some(Value::Bool(self.crop)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["height", "width", "interpolation", "crop_to_aspect_ratio"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("height", Value::Int(self.height)),
            ("width", Value::Int(self.width)),
            ("interpolation", Value::str(&self.interpolation)),
            ("crop_to_aspect_ratio", Value::Bool(self.crop)),
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
        let size = Value::list(vec![Value::Int(self.height), Value::Int(self.width)]);
        let name = if self.crop { "_smart_resize" } else { "resize" };
        let y = image_op(
            it,
            name,
            vec![Value::Tensor(x), size, Value::str(&self.interpolation)],
        )?;
        Ok(y.cast(DType::F32))
    }
}
