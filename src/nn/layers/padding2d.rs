//! `ZeroPadding2D` and `Cropping2D`: zeros added around, or rows and columns cut from, the
//! two spatial axes of a channels-last batch. Both take an int, a pair (symmetric per axis)
//! or a pair of `(before, after)` pairs.

use super::LayerKind;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

/// `((top, bottom), (left, right))` from a layer's `padding=` or `cropping=` argument.
fn pairs(it: &mut Interp, v: &Value, what: &str) -> R<[(usize, usize); 2]> {
    let int = |x: &Value| -> R<usize> {
        let n = crate::api::convert::i64_arg(x, what)?;
        if n < 0 {
            return Err(value_err(format!(
                "`{}` must be non-negative. Received: {}",
                what, n
            )));
        }
        Ok(n as usize)
    };
    if let Value::Int(_) = v {
        let n = int(v)?;
        return Ok([(n, n), (n, n)]);
    }
    let items = it.collect_items(v)?;
    if items.len() != 2 {
        return Err(value_err(format!(
            "`{}` should have two elements. Received: {}.",
            what,
            it.repr(v)?
        )));
    }
    let mut out = [(0, 0); 2];
    for (a, item) in items.iter().enumerate() {
        out[a] = if let Value::Int(_) = item {
            let n = int(item)?;
            (n, n)
        } else {
            let p = it.collect_items(item)?;
            if p.len() != 2 {
                return Err(value_err(format!(
                    "`{}[{}]` should have two elements. Received: {}",
                    what,
                    a,
                    it.repr(item)?
                )));
            }
            (int(&p[0])?, int(&p[1])?)
        };
    }
    Ok(out)
}

fn pairs_value(p: &[(usize, usize); 2]) -> Value {
    let pair =
        |(a, b): (usize, usize)| Value::tuple(vec![Value::Int(a as i64), Value::Int(b as i64)]);
    Value::tuple(vec![pair(p[0]), pair(p[1])])
}

pub struct ZeroPadding2D {
    pub padding: [(usize, usize); 2],
}

crate::builtin! {
    /// Zero-padding layer for 2D input (e.g. picture).
    python ["tf.keras.layers.ZeroPadding2D"]
    fn ZeroPadding2D(it, padding = (1, 1), data_format = None, **kwargs) {
        let padding = pairs(it, &padding, "padding")?;
        super::make(it, &kwargs, ZeroPadding2D { padding })
    }
}

impl LayerKind for ZeroPadding2D {
    fn class_name(&self) -> &'static str {
        "ZeroPadding2D"
    }

    fn module(&self) -> &'static str {
        "reshaping.zero_padding2d"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "padding" => Some(pairs_value(&self.padding)),
            "data_format" => Some(Value::str("channels_last")),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["padding", "data_format"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("padding", pairs_value(&self.padding)),
            ("data_format", Value::str("channels_last")),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = shape.to_vec();
        for a in 0..2 {
            if let Some(Some(d)) = out.get_mut(1 + a) {
                *d += self.padding[a].0 + self.padding[a].1;
            }
        }
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, 4)
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let p = [(0, 0), self.padding[0], self.padding[1], (0, 0)];
        Ok(sh::pad(&x, &p, "CONSTANT", 0.0)?)
    }
}

pub struct Cropping2D {
    pub cropping: [(usize, usize); 2],
}

crate::builtin! {
    /// Cropping layer for 2D input (e.g. picture).
    python ["tf.keras.layers.Cropping2D"]
    fn Cropping2D(it, cropping = 0, data_format = None, **kwargs) {
        let cropping = pairs(it, &cropping, "cropping")?;
        super::make(it, &kwargs, Cropping2D { cropping })
    }
}

impl LayerKind for Cropping2D {
    fn class_name(&self) -> &'static str {
        "Cropping2D"
    }

    fn module(&self) -> &'static str {
        "reshaping.cropping2d"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "cropping" => Some(pairs_value(&self.cropping)),
            "data_format" => Some(Value::str("channels_last")),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["cropping", "data_format"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("cropping", pairs_value(&self.cropping)),
            ("data_format", Value::str("channels_last")),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = shape.to_vec();
        for a in 0..2 {
            if let Some(Some(d)) = out.get_mut(1 + a) {
                *d = d.saturating_sub(self.cropping[a].0 + self.cropping[a].1);
            }
        }
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, 4)
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let mut y = x;
        for a in 0..2 {
            let len = y.shape()[1 + a];
            let (b, e) = self.cropping[a];
            if b + e >= len {
                return Err(value_err(format!(
                    "Exception encountered when calling layer '{}' (type Cropping2D).\n\nArgument `cropping` must be smaller than the input's spatial size. Received: cropping={}, input shape={}",
                    layer.name,
                    crate::eval::repr::shape_str(&Some(vec![Some(b), Some(e)])),
                    crate::print::shape_tuple(y.shape())
                )));
            }
            y = sh::slice_axis(&y, 1 + a, b, len - e);
        }
        Ok(y)
    }
}
