//! `Add`: the elementwise sum of a list of inputs.

use super::{autocast, LayerKind};
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;

pub struct Add;

crate::builtin! {
    /// Layer that adds a list of inputs.
    python ["tf.keras.layers.Add"]
    fn Add(it, **kwargs) {
        super::make(it, &kwargs, Add)
    }
}

impl LayerKind for Add {
    fn class_name(&self) -> &'static str {
        "Add"
    }

    fn module(&self) -> &'static str {
        "merging.add"
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        let items: Vec<Value> = it.collect_items(x)?;
        let mut acc: Option<Tensor> = None;
        for v in &items {
            let t = autocast(tensor_arg(it, v)?);
            acc = Some(match acc {
                None => t,
                Some(a) => ew::binary(Binary::Add, &a, &t)?,
            });
        }
        layer.built.set(true);
        acc.map(Value::Tensor)
            .ok_or_else(|| value_err("A merge layer should be called on a list of inputs."))
    }
}
