//! `Flatten`: keeps the batch axis and flattens the rest into one.

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct Flatten {
    /// Whether the input is `channels_first` (flattened in channels-last order, as Keras does).
    channels_first: bool,
}

crate::builtin! {
    /// Flattens the input. Does not affect the batch size.
    python ["tf.keras.layers.Flatten"]
    fn Flatten(it, data_format = None, **kwargs) {
        let channels_first = super::channels_first(&data_format)?;
        super::make(it, &kwargs, Flatten { channels_first })
    }
}

impl LayerKind for Flatten {
    fn config(&self) -> Vec<(&'static str, Value)> {
        let f = if self.channels_first {
            "channels_first"
        } else {
            "channels_last"
        };
        vec![("data_format", Value::str(f))]
    }

    fn channels_first(&self) -> bool {
        self.channels_first
    }

    fn class_name(&self) -> &'static str {
        "Flatten"
    }

    fn module(&self) -> &'static str {
        "reshaping.flatten"
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let rest: Option<usize> = shape
            .iter()
            .skip(1)
            .try_fold(1usize, |a, d| d.map(|d| a * d));
        vec![shape.first().copied().flatten(), rest]
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        if x.ndim() == 0 {
            return Err(crate::eval::error::value_err(format!(
                "Input 0 of layer \"{}\" is incompatible with the layer: expected min_ndim=1, found ndim=0. Full shape received: ()",
                layer.name
            )));
        }
        let batch = x.shape().first().copied().unwrap_or(1);
        let rest: usize = x.shape().iter().skip(1).product();
        Ok(sh::reshape_to(&x.contiguous(), &[batch, rest]))
    }
}
