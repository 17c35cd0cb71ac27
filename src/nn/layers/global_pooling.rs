//! `GlobalAveragePooling1D/2D` and `GlobalMaxPooling1D/2D`: the mean or max over every
//! spatial axis (`keepdims` keeps them as ones), channels last or first.

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::pool::PoolKind;
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::Tensor;

pub struct GlobalPooling {
    pub kind: PoolKind,
    pub rank: usize,
    pub keepdims: bool,
    /// `data_format='channels_first'`: the channels follow the batch axis.
    pub channels_first: bool,
}

impl GlobalPooling {
    fn format(&self) -> Value {
        Value::str(if self.channels_first {
            "channels_first"
        } else {
            "channels_last"
        })
    }
}

impl LayerKind for GlobalPooling {
    fn class_name(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "GlobalMaxPooling1D",
            (PoolKind::Max, _) => "GlobalMaxPooling2D",
            (PoolKind::Avg, 1) => "GlobalAveragePooling1D",
            (PoolKind::Avg, _) => "GlobalAveragePooling2D",
        }
    }

    fn module(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "pooling.global_max_pooling1d",
            (PoolKind::Max, _) => "pooling.global_max_pooling2d",
            (PoolKind::Avg, 1) => "pooling.global_average_pooling1d",
            (PoolKind::Avg, _) => "pooling.global_average_pooling2d",
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "keepdims" => Some(Value::Bool(self.keepdims)),
            "data_format" => Some(self.format()),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["keepdims", "data_format"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("data_format", self.format()),
            ("keepdims", Value::Bool(self.keepdims)),
        ]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = vec![shape.first().copied().flatten()];
        let channels = if self.channels_first {
            shape.get(1).copied().flatten()
        } else {
            shape.last().copied().flatten()
        };
        if self.channels_first {
            out.push(channels);
        }
        if self.keepdims {
            out.extend(std::iter::repeat_n(Some(1), self.rank));
        }
        if !self.channels_first {
            out.push(channels);
        }
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, self.rank + 2)
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let first = if self.channels_first { 2 } else { 1 };
        let axes: Vec<i64> = (first..first + self.rank as i64).collect();
        let op = match self.kind {
            PoolKind::Max => Reduce::Max,
            PoolKind::Avg => Reduce::Mean,
        };
        Ok(reduce::reduce(op, &x, Some(&axes), self.keepdims)?)
    }

    /// `GlobalAveragePooling1D` given a mask averages the unmasked steps only.
    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        mask: Option<Tensor>,
        _args: &crate::eval::value::Args,
        training: bool,
    ) -> R<Value> {
        let Some(mask) = mask.filter(|_| matches!(self.kind, PoolKind::Avg) && self.rank == 1)
        else {
            return self.call_value(it, layer, x, training);
        };
        let x = super::autocast(crate::nn::layer::tensor_arg(it, x)?);
        self.check_input(layer, &x)?;
        let (mask_axis, steps) = if self.channels_first { (1, 2) } else { (2, 1) };
        let m = crate::tensor::ops::shape::expand_dims(&mask.cast(x.dtype()), mask_axis)?;
        let masked = ew::binary(Binary::Mul, &x, &m)?;
        let num = reduce::reduce(Reduce::Sum, &masked, Some(&[steps]), self.keepdims)?;
        let den = reduce::reduce(Reduce::Sum, &m, Some(&[steps]), self.keepdims)?;
        Ok(Value::Tensor(ew::binary(Binary::Div, &num, &den)?))
    }
}

macro_rules! global_pooling {
    ($($(#[doc = $doc:literal])* [$($path:literal),+] fn $name:ident => ($kind:expr, $rank:expr);)*) => {$(
        crate::builtin! {
            $(#[doc = $doc])*
            python [$($path),+]
            fn $name(it, data_format = None, keepdims = False, **kwargs) {
                let keepdims = it.truthy(&keepdims)?;
                let channels_first = super::channels_first(&data_format)?;
                super::make(it, &kwargs, GlobalPooling { kind: $kind, rank: $rank, keepdims, channels_first })
            }
        }
    )*};
}

global_pooling! {
    /// Global average pooling operation for spatial data.
    ["tf.keras.layers.GlobalAveragePooling2D", "tf.keras.layers.GlobalAvgPool2D"]
    fn GlobalAveragePooling2D => (PoolKind::Avg, 2);
    /// Global max pooling operation for spatial data.
    ["tf.keras.layers.GlobalMaxPooling2D", "tf.keras.layers.GlobalMaxPool2D"]
    fn GlobalMaxPooling2D => (PoolKind::Max, 2);
    /// Global average pooling operation for temporal data.
    ["tf.keras.layers.GlobalAveragePooling1D", "tf.keras.layers.GlobalAvgPool1D"]
    fn GlobalAveragePooling1D => (PoolKind::Avg, 1);
    /// Global max pooling operation for 1D temporal data.
    ["tf.keras.layers.GlobalMaxPooling1D", "tf.keras.layers.GlobalMaxPool1D"]
    fn GlobalMaxPooling1D => (PoolKind::Max, 1);
}
