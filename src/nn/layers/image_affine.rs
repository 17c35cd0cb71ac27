//! What `RandomRotation`, `RandomZoom` and `RandomTranslation` share: their `fill_mode`,
//! `interpolation` and `fill_value` (checked as Keras checks them), and Keras's
//! `transform`: a projective transform per image through `ImageProjectiveTransformV3`, an
//! unbatched image taken as a batch of one.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::image_transform::{projective_transform, FillMode};
use crate::tensor::ops::shape::reshape_to;
use crate::tensor::{DType, Tensor};

pub struct Affine {
    pub fill_mode: String,
    pub interpolation: String,
    pub fill_value: Value,
    mode: FillMode,
    value: f32,
}

impl Affine {
    /// Keras's `check_fill_mode_and_interpolation`, then the fill value as float32.
    pub fn new(fill_mode: &Value, interpolation: &Value, fill_value: Value) -> R<Affine> {
        let text = |v: &Value| match v {
            Value::Str(s) => s.to_string(),
            other => format!("{:?}", other.type_name()),
        };
        let (fm, ip) = (text(fill_mode), text(interpolation));
        let Some(mode) = FillMode::parse(&fm) else {
            return raise(
                ExcKind::NotImplementedError,
                format!("Unknown `fill_mode` {}. Only `reflect`, `wrap`, `constant` and `nearest` are supported.", fm),
            );
        };
        if ip != "nearest" && ip != "bilinear" {
            return raise(
                ExcKind::NotImplementedError,
                format!(
                    "Unknown `interpolation` {}. Only `nearest` and `bilinear` are supported.",
                    ip
                ),
            );
        }
        let value = crate::api::convert::f64_arg(&fill_value, "fill_value")? as f32;
        Ok(Affine {
            fill_mode: fm,
            interpolation: ip,
            fill_value,
            mode,
            value,
        })
    }

    /// The config entries the three layers share.
    pub fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("fill_mode", Value::str(&self.fill_mode)),
            ("fill_value", self.fill_value.clone()),
            ("interpolation", Value::str(&self.interpolation)),
        ]
    }

    pub fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "fill_mode" => Some(Value::str(&self.fill_mode)),
            "fill_value" => Some(self.fill_value.clone()),
            "interpolation" => Some(Value::str(&self.interpolation)),
            _ => None,
        }
    }

    /// `transform(images, transforms)` of a batch (`[n, h, w, c]`) or one image
    /// (`[h, w, c]`); `make` gives the transforms for the batch size, height and width.
    pub fn apply(
        &self,
        it: &mut Interp,
        x: Tensor,
        make: impl FnOnce(&mut Interp, usize, f32, f32) -> R<Vec<[f32; 8]>>,
    ) -> R<Tensor> {
        let unbatched = x.ndim() == 3;
        if x.ndim() != 3 && x.ndim() != 4 {
            return raise(
                ExcKind::ValueError,
                format!(
                    "Expected images of rank 3 or 4, got shape {}",
                    crate::print::shape_tuple(x.shape())
                ),
            );
        }
        let shape = x.shape().to_vec();
        let batch = if unbatched {
            let mut s = vec![1];
            s.extend(&shape);
            reshape_to(&x, &s)
        } else {
            x
        };
        let (n, h, w) = (batch.shape()[0], batch.shape()[1], batch.shape()[2]);
        let transforms = make(it, n, h as f32, w as f32)?;
        let x = if batch.dtype().is_float() {
            batch
        } else {
            batch.cast(DType::F32)
        };
        let out = projective_transform(
            &x,
            &transforms,
            (h, w),
            self.interpolation == "bilinear",
            self.mode,
            self.value,
        )?;
        Ok(if unbatched {
            reshape_to(&out, &shape)
        } else {
            out
        })
    }
}
