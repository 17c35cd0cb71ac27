//! The native part of a user subclass of `keras.layers.Layer` or `keras.Model`: no weights
//! of its own until the user's `build` adds them, and the identity as its computation (the
//! user's `call` runs instead).

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::Interp;
use crate::nn::layer::Layer;
use crate::tensor::Tensor;

pub struct Base;

impl LayerKind for Base {
    fn class_name(&self) -> &'static str {
        "Layer"
    }

    fn module(&self) -> &'static str {
        "engine.base_layer"
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }
}
