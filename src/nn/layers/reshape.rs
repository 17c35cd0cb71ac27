//! `Reshape`: each sample to `target_shape` (one entry may be -1), the batch axis kept.

use super::LayerKind;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct Reshape {
    pub target: Vec<i64>,
}

crate::builtin! {
    /// Layer that reshapes inputs into the given shape.
    python ["tf.keras.layers.Reshape"]
    fn Reshape(it, target_shape, **kwargs) {
        let target = crate::api::convert::int_list(it, &target_shape, "target_shape")?;
        if target.iter().any(|&d| d < -1) {
            return Err(value_err(format!(
                "The `target_shape` argument must be a tuple of integers. Received: {}",
                it.repr(&target_shape)?
            )));
        }
        super::make(it, &kwargs, Reshape { target })
    }
}

impl LayerKind for Reshape {
    fn class_name(&self) -> &'static str {
        "Reshape"
    }

    fn module(&self) -> &'static str {
        "reshaping.reshape"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "target_shape")
            .then(|| Value::tuple(self.target.iter().map(|&d| Value::Int(d)).collect()))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["target_shape"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![(
            "target_shape",
            self.attr("target_shape").unwrap_or(Value::None),
        )]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let total: Option<usize> = shape
            .iter()
            .skip(1)
            .try_fold(1usize, |a, d| d.map(|d| a * d));
        let known: usize = self
            .target
            .iter()
            .filter(|&&d| d >= 0)
            .map(|&d| d as usize)
            .product();
        let mut out = vec![shape.first().copied().flatten()];
        out.extend(self.target.iter().map(|&d| {
            if d >= 0 {
                Some(d as usize)
            } else {
                total.and_then(|t| t.checked_div(known))
            }
        }));
        out
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let mut req = vec![x.shape().first().copied().unwrap_or(1) as i64];
        req.extend(&self.target);
        sh::reshape(&x, &req).map_err(|e| super::call_error(layer, e))
    }
}
