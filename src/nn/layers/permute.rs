//! `Permute`: the non-batch axes of each sample reordered (`dims` counts from 1).

use super::LayerKind;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct Permute {
    pub dims: Vec<i64>,
}

crate::builtin! {
    /// Permutes the dimensions of the input according to a given pattern.
    python ["tf.keras.layers.Permute"]
    fn Permute(it, dims, **kwargs) {
        let d = crate::api::convert::int_list(it, &dims, "dims")?;
        let mut sorted = d.clone();
        sorted.sort_unstable();
        if sorted != (1..=d.len() as i64).collect::<Vec<_>>() {
            return Err(value_err(format!(
                "Invalid permutation argument `dims` for Permute Layer. The set of indices in `dims` must be consecutive and start from 1. Received dims={}",
                it.repr(&dims)?
            )));
        }
        super::make(it, &kwargs, Permute { dims: d })
    }
}

impl Permute {
    fn dims_value(&self) -> Value {
        Value::tuple(self.dims.iter().map(|&d| Value::Int(d)).collect())
    }
}

impl LayerKind for Permute {
    fn class_name(&self) -> &'static str {
        "Permute"
    }

    fn module(&self) -> &'static str {
        "reshaping.permute"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "dims").then(|| self.dims_value())
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["dims"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("dims", self.dims_value())]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = vec![shape.first().copied().flatten()];
        out.extend(
            self.dims
                .iter()
                .map(|&d| shape.get(d as usize).copied().flatten()),
        );
        out
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        super::expect_ndim(layer, &x, self.dims.len() + 1)?;
        let mut perm = vec![0i64];
        perm.extend(&self.dims);
        Ok(sh::transpose(&x, Some(&perm))?)
    }
}
