//! `Masking(mask_value=0.0)`: time steps whose features all equal `mask_value` are masked
//! (their values zeroed) and the mask goes on to the layers that follow.

use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::Tensor;

pub struct Masking {
    /// As given (Keras's config shows it so).
    pub mask_value: Value,
    pub value: f64,
}

crate::builtin! {
    /// Masks a sequence by using a mask value to skip timesteps.
    python ["tf.keras.layers.Masking"]
    fn Masking(it, mask_value = 0.0, **kwargs) {
        let value = f64_arg(&mask_value, "mask_value")?;
        super::make(it, &kwargs, Masking { mask_value, value })
    }
}

impl Masking {
    /// Whether any feature of each step differs from the mask value.
    fn keep(&self, x: &Tensor, keepdims: bool) -> R<Tensor> {
        let v = Tensor::from_f64s(x.dtype(), &[], &[self.value]);
        let ne = ew::compare(Compare::NotEqual, x, &v)?;
        Ok(reduce(Reduce::Any, &ne, Some(&[-1]), keepdims)?)
    }
}

impl LayerKind for Masking {
    fn class_name(&self) -> &'static str {
        "Masking"
    }

    fn module(&self) -> &'static str {
        "core.masking"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "mask_value" => Some(self.mask_value.clone()),
            "supports_masking" => Some(Value::Bool(true)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["mask_value"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("mask_value", self.mask_value.clone())]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let keep = self.keep(&x, true)?.cast(x.dtype());
        Ok(ew::binary(Binary::Mul, &x, &keep)?)
    }

    fn supports_masking(&self) -> bool {
        true
    }

    fn compute_mask(
        &self,
        it: &mut Interp,
        _layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
    ) -> R<Option<Tensor>> {
        let x = super::autocast(tensor_arg(it, x)?);
        Ok(Some(self.keep(&x, false)?))
    }
}
