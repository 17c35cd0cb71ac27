//! `UpSampling2D`: the rows and columns of a channels-last batch repeated `size` times
//! (`nearest`) or interpolated (`bilinear`, with half-pixel centres as `tf.image.resize`).
//! Each axis is a product with an interpolation matrix, so gradients come from matmul's.

use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::linalg::matmul;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct UpSampling2D {
    pub size: [usize; 2],
    pub bilinear: bool,
}

crate::builtin! {
    /// Upsampling layer for 2D inputs.
    python ["tf.keras.layers.UpSampling2D"]
    fn UpSampling2D(it, size = (2, 2), data_format = None, interpolation = "nearest", **kwargs) {
        let s = super::conv::normalize_tuple(it, &size, 2, "size", true)?;
        let interp = it.str_of(&interpolation)?;
        let bilinear = match interp.as_str() {
            "nearest" => false,
            "bilinear" => true,
            other => {
                return raise(
                    ExcKind::NotImplementedError,
                    format!(
                        "Value not recognized for `interpolation`: {}. Supported values are: dict_keys(['bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic'])",
                        other
                    ),
                )
            }
        };
        super::make(it, &kwargs, UpSampling2D { size: [s[0], s[1]], bilinear })
    }
}

/// The `[out, in]` matrix that maps one axis of length `n` to `n * k`.
fn axis_matrix(n: usize, k: usize, bilinear: bool) -> Tensor {
    let out = n * k;
    let mut m = vec![0f32; out * n];
    for i in 0..out {
        if !bilinear {
            m[i * n + i / k] = 1.0;
            continue;
        }
        let src = ((i as f64 + 0.5) / k as f64 - 0.5).max(0.0);
        let lo = (src.floor() as usize).min(n - 1);
        let hi = (lo + 1).min(n - 1);
        let f = (src - lo as f64) as f32;
        m[i * n + lo] += 1.0 - f;
        m[i * n + hi] += f;
    }
    Tensor::from_vec(&[out, n], m)
}

impl LayerKind for UpSampling2D {
    fn class_name(&self) -> &'static str {
        "UpSampling2D"
    }

    fn module(&self) -> &'static str {
        "reshaping.up_sampling2d"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "size" => Some(Value::tuple(
                self.size.iter().map(|&d| Value::Int(d as i64)).collect(),
            )),
            "interpolation" => Some(Value::str(if self.bilinear {
                "bilinear"
            } else {
                "nearest"
            })),
            "data_format" => Some(Value::str("channels_last")),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["size", "interpolation", "data_format"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("size", self.attr("size").unwrap_or(Value::None)),
            ("data_format", Value::str("channels_last")),
            (
                "interpolation",
                self.attr("interpolation").unwrap_or(Value::None),
            ),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = shape.to_vec();
        for a in 0..2 {
            if let Some(Some(d)) = out.get_mut(1 + a) {
                *d *= self.size[a];
            }
        }
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, 4)
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let [_, h, w, _] = [x.shape()[0], x.shape()[1], x.shape()[2], x.shape()[3]];
        if h == 0 || w == 0 {
            let mut s = x.shape().to_vec();
            s[1] *= self.size[0];
            s[2] *= self.size[1];
            return Ok(Tensor::zeros(x.dtype(), &s));
        }
        let a_h = axis_matrix(h, self.size[0], self.bilinear).cast(x.dtype());
        let a_w = axis_matrix(w, self.size[1], self.bilinear).cast(x.dtype());
        // [n, h, w, c] -> [n, c, h, w]; rows: a_h @ x; columns: x @ a_w^T.
        let t = sh::transpose(&x, Some(&[0, 3, 1, 2]))?;
        let t = matmul(&a_h, &t, false, false)?;
        let t = matmul(&t, &a_w, false, true)?;
        let y = sh::transpose(&t, Some(&[0, 2, 3, 1]))?;
        Ok(y)
    }
}
