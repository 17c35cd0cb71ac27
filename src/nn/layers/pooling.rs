//! `MaxPooling1D/2D` and `AveragePooling1D/2D`: a max or mean over each window of the
//! spatial axes of channels-last inputs, with Keras 2.15's arguments (`pool_size`, `strides`
//! defaulting to the pool size, `padding` valid/same) and errors.

use super::LayerKind;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::tensor::ops::conv::{axis_out, Padding};
use crate::tensor::ops::pool::{self, PoolKind};
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct Pooling {
    pub kind: PoolKind,
    pub rank: usize,
    pub pool_size: Vec<usize>,
    pub strides: Vec<usize>,
    pub padding: String,
    /// `data_format='channels_first'`.
    pub channels_first: bool,
}

impl Pooling {
    fn format(&self) -> Value {
        Value::str(if self.channels_first {
            "channels_first"
        } else {
            "channels_last"
        })
    }
}

impl Pooling {
    fn new(
        it: &mut Interp,
        kind: PoolKind,
        rank: usize,
        pool_size: &Value,
        strides: &Value,
        padding: &Value,
        data_format: &Value,
    ) -> R<Pooling> {
        let pool_size = super::conv::normalize_tuple(it, pool_size, rank, "pool_size", true)?;
        let strides = match strides {
            Value::None => pool_size.clone(),
            s => super::conv::normalize_tuple(it, s, rank, "strides", true)?,
        };
        let padding = match padding {
            Value::Str(s) => s.to_lowercase(),
            other => it.str_of(other)?,
        };
        if !matches!(padding.as_str(), "valid" | "same") {
            return Err(value_err(format!(
                "The `padding` argument must be a list/tuple or one of \"valid\", \"same\" (or \"causal\", only for `Conv1D). Received: {}",
                padding
            )));
        }
        let channels_first = super::channels_first(data_format)?;
        Ok(Pooling {
            channels_first,
            kind,
            rank,
            pool_size,
            strides,
            padding,
        })
    }

    fn pad(&self) -> Padding {
        if self.padding == "same" {
            Padding::Same
        } else {
            Padding::Valid
        }
    }

    fn tuple(v: &[usize]) -> Value {
        Value::tuple(v.iter().map(|&d| Value::Int(d as i64)).collect())
    }
}

impl LayerKind for Pooling {
    fn channels_first(&self) -> bool {
        self.channels_first
    }

    fn class_name(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "MaxPooling1D",
            (PoolKind::Max, _) => "MaxPooling2D",
            (PoolKind::Avg, 1) => "AveragePooling1D",
            (PoolKind::Avg, _) => "AveragePooling2D",
        }
    }

    fn module(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "pooling.max_pooling1d",
            (PoolKind::Max, _) => "pooling.max_pooling2d",
            (PoolKind::Avg, 1) => "pooling.average_pooling1d",
            (PoolKind::Avg, _) => "pooling.average_pooling2d",
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "pool_size" => Self::tuple(&self.pool_size),
            "strides" => Self::tuple(&self.strides),
            "padding" => Value::str(&self.padding),
            "data_format" => self.format(),
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["pool_size", "strides", "padding", "data_format"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let (pool, strides) = (Self::tuple(&self.pool_size), Self::tuple(&self.strides));
        let padding = Value::str(&self.padding);
        let fmt = self.format();
        // Keras's 1-D pools list the strides first.
        if self.rank == 1 {
            vec![
                ("strides", strides),
                ("pool_size", pool),
                ("padding", padding),
                ("data_format", fmt),
            ]
        } else {
            vec![
                ("pool_size", pool),
                ("padding", padding),
                ("strides", strides),
                ("data_format", fmt),
            ]
        }
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = vec![shape.first().copied().flatten()];
        for a in 0..self.rank {
            let d = shape.get(1 + a).copied().flatten();
            out.push(d.and_then(|d| {
                axis_out(d, self.pool_size[a], self.strides[a], 1, &self.pad(), 0).map(|(o, _)| o)
            }));
        }
        out.push(shape.last().copied().flatten());
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        super::expect_ndim(layer, x, self.rank + 2)
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let wrap = |e| super::call_error(layer, e);
        if self.rank == 1 {
            let x4 = sh::expand_dims(&x, -3)?;
            let y = pool::pool2d(
                self.kind,
                &x4,
                [1, self.pool_size[0]],
                [1, self.strides[0]],
                &self.pad(),
            )
            .map_err(wrap)?;
            return Ok(sh::squeeze(&y, Some(&[-3]))?);
        }
        let k = [self.pool_size[0], self.pool_size[1]];
        let s = [self.strides[0], self.strides[1]];
        pool::pool2d(self.kind, &x, k, s, &self.pad()).map_err(wrap)
    }
}

crate::builtin! {
    /// Max pooling operation for 2D spatial data.
    python ["tf.keras.layers.MaxPooling2D", "tf.keras.layers.MaxPool2D"]
    fn MaxPooling2D(it, pool_size = (2, 2), strides = None, padding = "valid", data_format = None, **kwargs) {
        let kind = Pooling::new(it, PoolKind::Max, 2, &pool_size, &strides, &padding, &data_format)?;
        super::make(it, &kwargs, kind)
    }
}

crate::builtin! {
    /// Average pooling operation for 2D spatial data.
    python ["tf.keras.layers.AveragePooling2D", "tf.keras.layers.AvgPool2D"]
    fn AveragePooling2D(it, pool_size = (2, 2), strides = None, padding = "valid", data_format = None, **kwargs) {
        let kind = Pooling::new(it, PoolKind::Avg, 2, &pool_size, &strides, &padding, &data_format)?;
        super::make(it, &kwargs, kind)
    }
}

crate::builtin! {
    /// Max pooling operation for 1D temporal data.
    python ["tf.keras.layers.MaxPooling1D", "tf.keras.layers.MaxPool1D"]
    fn MaxPooling1D(it, pool_size = 2, strides = None, padding = "valid", data_format = "channels_last", **kwargs) {
        let kind = Pooling::new(it, PoolKind::Max, 1, &pool_size, &strides, &padding, &data_format)?;
        super::make(it, &kwargs, kind)
    }
}

crate::builtin! {
    /// Average pooling for temporal data.
    python ["tf.keras.layers.AveragePooling1D", "tf.keras.layers.AvgPool1D"]
    fn AveragePooling1D(it, pool_size = 2, strides = None, padding = "valid", data_format = "channels_last", **kwargs) {
        let kind = Pooling::new(it, PoolKind::Avg, 1, &pool_size, &strides, &padding, &data_format)?;
        super::make(it, &kwargs, kind)
    }
}
