//! `Rescaling(scale, offset=0.0)`: `x * scale + offset`, the inputs cast to float32.

use super::LayerKind;
use crate::api::convert::to_tensor;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::{DType, Tensor};

pub struct Rescaling {
    pub scale: Value,
    pub offset: Value,
}

crate::builtin! {
    /// A preprocessing layer which rescales input values to a new range.
    op("Rescaling.__init__") ["tf.keras.layers.Rescaling", "tf.keras.layers.experimental.preprocessing.Rescaling"]
    fn Rescaling(it, scale, offset = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "Rescaling", &kwargs)?;
        let shown = |v: Value| match &v {
            Value::List(l) => super::list_wrapper::list_wrapper(l.borrow().clone()),
            _ => v,
        };
        common.make(it, Rescaling { scale: shown(scale), offset: shown(offset) })
    }
}

impl LayerKind for Rescaling {
    fn class_name(&self) -> &'static str {
        "Rescaling"
    }

    fn module(&self) -> &'static str {
        "preprocessing.image_preprocessing"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "scale" => Some(self.scale.clone()),
            "offset" => Some(self.offset.clone()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["scale", "offset"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("scale", self.scale.clone()),
            ("offset", self.offset.clone()),
        ]
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let mut as_f32 = |v: &Value| -> R<Tensor> {
            let v = match v.as_object::<super::list_wrapper::ListWrapper>() {
                Some(l) => Value::list(l.0.clone()),
                None => v.clone(),
            };
            Ok(to_tensor(it, &v, None)?.cast(DType::F32))
        };
        let scale = as_f32(&self.scale)?;
        let offset = as_f32(&self.offset)?;
        Ok(ew::binary(
            Binary::Add,
            &ew::binary(Binary::Mul, &x, &scale)?,
            &offset,
        )?)
    }
}
