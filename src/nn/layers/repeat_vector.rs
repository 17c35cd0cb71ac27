//! `RepeatVector`: each sample `[features]` repeated `n` times into `[n, features]`.

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct RepeatVector {
    pub n: usize,
}

crate::builtin! {
    /// Repeats the input n times.
    python ["tf.keras.layers.RepeatVector"]
    fn RepeatVector(it, n, **kwargs) {
        let n = crate::api::convert::i64_arg(&n, "n")?.max(0) as usize;
        super::make(it, &kwargs, RepeatVector { n })
    }
}

impl LayerKind for RepeatVector {
    fn class_name(&self) -> &'static str {
        "RepeatVector"
    }

    fn module(&self) -> &'static str {
        "reshaping.repeat_vector"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "n").then_some(Value::Int(self.n as i64))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["n"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("n", Value::Int(self.n as i64))]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        vec![
            shape.first().copied().flatten(),
            Some(self.n),
            shape.get(1).copied().flatten(),
        ]
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, 2)
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let e = sh::expand_dims(&x, 1)?;
        Ok(sh::tile(&e, &[1, self.n as i64, 1])?)
    }
}
