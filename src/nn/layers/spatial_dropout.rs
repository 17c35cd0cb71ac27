//! `SpatialDropout1D/2D/3D(rate)`: dropout of whole feature maps while training: one keep
//! or drop draw per sample and channel, scaled by `1 / (1 - rate)`.

use super::merge::keras_cast;
use super::{expect_ndim, LayerKind};
use crate::api::convert::f64_arg;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::{DType, Tensor};

pub struct SpatialDropout {
    /// Spatial dims: 1, 2 or 3.
    pub rank: usize,
    pub rate: f64,
    pub channels_first: bool,
}

/// The checked `rate` and `data_format` of a spatial dropout layer.
fn make(
    it: &mut Interp,
    rank: usize,
    rate: &Value,
    data_format: &Value,
    kwargs: &Value,
) -> R<Value> {
    // Dropout's own arguments, which Keras's SpatialDropout passes on to it.
    super::Common::take_kwarg(kwargs, "noise_shape", |v| matches!(v, Value::None))?;
    super::Common::take_kwarg(kwargs, "seed", |v| matches!(v, Value::None))?;
    let class = ["SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"][rank - 1];
    let common = super::Common::from_kwargs(it, class, kwargs)?;
    let r = f64_arg(rate, "rate")?;
    // Keras names the layer before it checks its arguments.
    let bad_data_format = !matches!(data_format, Value::None)
        && !matches!(data_format, Value::Str(s) if &**s == "channels_last" || &**s == "channels_first");
    if (!(0.0..=1.0).contains(&r) || bad_data_format) && common.name.is_none() {
        it.unique_name(&crate::nn::snake_case(class));
    }
    if !(0.0..=1.0).contains(&r) {
        return Err(value_err(format!(
            "Invalid value {} received for `rate`, expected a value between 0 and 1.",
            it.repr(rate)?
        )));
    }
    let channels_first = match data_format {
        Value::None => false,
        Value::Str(s) if &**s == "channels_last" => false,
        Value::Str(s) if &**s == "channels_first" => true,
        other => {
            let shown = match other {
                Value::Str(s) => s.to_string(),
                v => it.repr(v)?,
            };
            return Err(value_err(format!(
                "`data_format` must be \"channels_last\" or \"channels_first\". Received: data_format={}.",
                shown
            )));
        }
    };
    common.make(
        it,
        SpatialDropout {
            rank,
            rate: r,
            channels_first,
        },
    )
}

crate::builtin! {
    /// Spatial 1D version of Dropout.
    op("SpatialDropout1D.__init__") ["tf.keras.layers.SpatialDropout1D"]
    fn SpatialDropout1D(it, rate, **kwargs) {
        make(it, 1, &rate, &Value::None, &kwargs)
    }
}

crate::builtin! {
    /// Spatial 2D version of Dropout.
    op("SpatialDropout2D.__init__") ["tf.keras.layers.SpatialDropout2D"]
    fn SpatialDropout2D(it, rate, data_format = None, **kwargs) {
        make(it, 2, &rate, &data_format, &kwargs)
    }
}

crate::builtin! {
    /// Spatial 3D version of Dropout.
    op("SpatialDropout3D.__init__") ["tf.keras.layers.SpatialDropout3D"]
    fn SpatialDropout3D(it, rate, data_format = None, **kwargs) {
        make(it, 3, &rate, &data_format, &kwargs)
    }
}

impl LayerKind for SpatialDropout {
    fn class_name(&self) -> &'static str {
        ["SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D"][self.rank - 1]
    }

    fn module(&self) -> &'static str {
        [
            "regularization.spatial_dropout1d",
            "regularization.spatial_dropout2d",
            "regularization.spatial_dropout3d",
        ][self.rank - 1]
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "rate").then_some(Value::Float(self.rate))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["rate"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("rate", Value::Float(self.rate)),
            ("noise_shape", Value::None),
            ("seed", Value::None),
        ]
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        expect_ndim(layer, x, self.rank + 2)
    }

    fn call(&self, it: &mut Interp, _layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let rate = self.rate;
        if !training || rate == 0.0 {
            return Ok(x);
        }
        if rate >= 1.0 {
            return Ok(ew::binary(
                Binary::Mul,
                &x,
                &Tensor::scalar(0f32).cast(x.dtype()),
            )?);
        }
        // One draw per sample and channel, broadcast over the spatial axes.
        let s = x.shape();
        let mut noise = vec![1usize; s.len()];
        noise[0] = s[0];
        let c = if self.channels_first { 1 } else { s.len() - 1 };
        noise[c] = s[c];
        let u = it.rng.uniform_op(&noise, DType::F32, None);
        let mask = ew::compare(ew::Compare::GreaterEqual, &u, &Tensor::scalar(rate as f32))?
            .cast(x.dtype());
        let keep = Tensor::scalar((1.0 / (1.0 - rate)) as f32).cast(x.dtype());
        let scaled = ew::binary(Binary::Mul, &x, &keep)?;
        Ok(ew::binary(Binary::Mul, &scaled, &mask)?)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        let t = keras_cast(tensor_arg(it, x)?);
        self.check_input(layer, &t)?;
        layer.built.set(true);
        Ok(Value::Tensor(self.call(it, layer, t, training)?))
    }
}
