//! `SeparableConv1D` and `SeparableConv2D`: a depthwise convolution (kernel
//! `kernel_size + (in_channels, depth_multiplier)`) followed by a pointwise one (kernel
//! `(1, 1, in_channels * depth_multiplier, filters)`), the bias and activation, with Keras
//! 2.15's arguments and `get_config`.

use super::conv::{as_2d, ConvLayer};
use super::depthwise_conv::{check_rank, config_without, depthwise, multiplier};
use super::{LayerKind, WeightSpec};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::nn::penalties::LayerPenalties;
use crate::tensor::ops::conv::{self, Conv, Padding};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;
use std::rc::Rc;

pub struct SeparableConv {
    pub base: ConvLayer,
    pub depth_multiplier: usize,
    pub depthwise_init: Init,
    pub pointwise_init: Init,
}

impl SeparableConv {
    #[allow(clippy::too_many_arguments)]
    fn new(
        it: &mut Interp,
        rank: usize,
        filters: &Value,
        kernel_size: &Value,
        strides: &Value,
        padding: &Value,
        data_format: &Value,
        dilation_rate: &Value,
        depth_multiplier: &Value,
        activation: Value,
        use_bias: &Value,
        inits: [Value; 3],
        penalties: Rc<LayerPenalties>,
    ) -> R<SeparableConv> {
        let [depthwise_initializer, pointwise_initializer, bias_initializer] = inits;
        let base = ConvLayer::from_args(
            it,
            rank,
            filters,
            kernel_size,
            strides,
            padding,
            data_format,
            dilation_rate,
            &Value::Int(1),
            activation,
            use_bias,
            Value::str("glorot_uniform"),
            bias_initializer,
            penalties,
        )?;
        Ok(SeparableConv {
            base,
            depth_multiplier: multiplier(depth_multiplier)?,
            depthwise_init: Init::from_value(Some(depthwise_initializer))?,
            pointwise_init: Init::from_value(Some(pointwise_initializer))?,
        })
    }
}

crate::builtin! {
    /// Depthwise separable 2D convolution.
    python ["tf.keras.layers.SeparableConv2D", "tf.keras.layers.SeparableConvolution2D"]
    fn SeparableConv2D(it, filters, kernel_size, strides = (1, 1), padding = "valid",
        data_format = None, dilation_rate = (1, 1), depth_multiplier = 1, activation = None,
        use_bias = True, depthwise_initializer = "glorot_uniform",
        pointwise_initializer = "glorot_uniform", bias_initializer = "zeros",
        depthwise_regularizer = None, pointwise_regularizer = None, bias_regularizer = None,
        activity_regularizer = None, depthwise_constraint = None, pointwise_constraint = None,
        bias_constraint = None, **kwargs) {
        base_conv_kwargs(&kwargs)?;
        let common = super::Common::from_kwargs(it, "SeparableConv2D", &kwargs)?;
        let penalties = LayerPenalties::new(it, &[
            ("depthwise_kernel", "depthwise", &depthwise_regularizer, &depthwise_constraint),
            ("pointwise_kernel", "pointwise", &pointwise_regularizer, &pointwise_constraint),
            ("bias", "bias", &bias_regularizer, &bias_constraint),
        ], &activity_regularizer)?;
        let kind = SeparableConv::new(it, 2, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &depth_multiplier, activation, &use_bias,
            [depthwise_initializer, pointwise_initializer, bias_initializer], penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

crate::builtin! {
    /// Depthwise separable 1D convolution.
    python ["tf.keras.layers.SeparableConv1D", "tf.keras.layers.SeparableConvolution1D"]
    fn SeparableConv1D(it, filters, kernel_size, strides = 1, padding = "valid",
        data_format = None, dilation_rate = 1, depth_multiplier = 1, activation = None,
        use_bias = True, depthwise_initializer = "glorot_uniform",
        pointwise_initializer = "glorot_uniform", bias_initializer = "zeros",
        depthwise_regularizer = None, pointwise_regularizer = None, bias_regularizer = None,
        activity_regularizer = None, depthwise_constraint = None, pointwise_constraint = None,
        bias_constraint = None, **kwargs) {
        base_conv_kwargs(&kwargs)?;
        let common = super::Common::from_kwargs(it, "SeparableConv1D", &kwargs)?;
        let penalties = LayerPenalties::new(it, &[
            ("depthwise_kernel", "depthwise", &depthwise_regularizer, &depthwise_constraint),
            ("pointwise_kernel", "pointwise", &pointwise_regularizer, &pointwise_constraint),
            ("bias", "bias", &bias_regularizer, &bias_constraint),
        ], &activity_regularizer)?;
        let kind = SeparableConv::new(it, 1, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &depth_multiplier, activation, &use_bias,
            [depthwise_initializer, pointwise_initializer, bias_initializer], penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

impl LayerKind for SeparableConv {
    fn penalties(&self) -> Option<&LayerPenalties> {
        Some(&self.base.penalties)
    }

    fn channels_first(&self) -> bool {
        self.base.channels_first
    }

    fn class_name(&self) -> &'static str {
        if self.base.rank == 1 {
            "SeparableConv1D"
        } else {
            "SeparableConv2D"
        }
    }

    fn module(&self) -> &'static str {
        if self.base.rank == 1 {
            "convolutional.separable_conv1d"
        } else {
            "convolutional.separable_conv2d"
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "depth_multiplier" => Some(Value::Int(self.depth_multiplier as i64)),
            _ => self.base.attr(name),
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        self.base.attr_names()
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        config_without(
            &self.base,
            &[],
            vec![
                ("depth_multiplier", Value::Int(self.depth_multiplier as i64)),
                ("depthwise_initializer", self.depthwise_init.config_value()),
                ("pointwise_initializer", self.pointwise_init.config_value()),
            ]
            .into_iter()
            .chain(
                [
                    "depthwise_regularizer",
                    "pointwise_regularizer",
                    "depthwise_constraint",
                    "pointwise_constraint",
                ]
                .map(|k| (k, self.base.penalties.config_entry(k))),
            )
            .collect(),
        )
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let channels = shape.last().copied().flatten().ok_or_else(|| {
            value_err("The channel dimension of the inputs should be defined. Found `None`.")
        })?;
        let mut dims = self.base.kernel_size.clone();
        dims.extend([channels, self.depth_multiplier]);
        let mut pw = vec![1; self.base.rank];
        pw.extend([channels * self.depth_multiplier, self.base.filters]);
        let mut w = vec![
            WeightSpec {
                attr: "depthwise_kernel",
                init: self.depthwise_init.clone(),
                dims,
                trainable: true,
            },
            WeightSpec {
                attr: "pointwise_kernel",
                init: self.pointwise_init.clone(),
                dims: pw,
                trainable: true,
            },
        ];
        if self.base.use_bias {
            w.push(WeightSpec {
                attr: "bias",
                init: self.base.bias_init.clone(),
                dims: vec![self.base.filters],
                trainable: true,
            });
        }
        Ok(w)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        self.base.output_shape(shape)
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        check_rank(layer, self.base.rank, x)
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let (Some(dk), Some(pk)) = (
            layer.weight("depthwise_kernel").map(|v| v.read()),
            layer.weight("pointwise_kernel").map(|v| v.read()),
        ) else {
            return raise(ExcKind::ValueError, "the layer has no kernels");
        };
        let wrap = |e| super::call_error(layer, e);
        let mid = depthwise(layer, &self.base, &x, &dk)?;
        let one = Conv {
            strides: [1, 1],
            dilations: [1, 1],
            padding: Padding::Valid,
        };
        let mut y =
            as_2d(self.base.rank, &mid, &pk, |x, k| conv::conv2d(x, k, &one)).map_err(wrap)?;
        if let Some(b) = layer.weight("bias") {
            y = ew::binary(Binary::Add, &y, &b.read())?;
        }
        let y = self.base.activation.apply(it, &y)?;
        self.base.penalties.after_call(it, &y)?;
        Ok(y)
    }
}

/// Takes out of `**kwargs` the arguments of Keras's convolution base class that a separable
/// convolution's own `get_config` shows at their defaults (`groups`, `kernel_*`), so a
/// layer rebuilds from its config.
fn base_conv_kwargs(kwargs: &Value) -> R<()> {
    use super::Common;
    Common::take_kwarg(kwargs, "groups", |v| {
        crate::api::convert::i64_arg(v, "groups").ok() == Some(1)
    })?;
    Common::take_kwarg(kwargs, "kernel_initializer", |v| match v {
        Value::Str(s) => &**s == "glorot_uniform",
        Value::Dict(d) => matches!(
            d.borrow().get(&Value::str("class_name")),
            Ok(Some(Value::Str(c))) if &*c == "GlorotUniform"
        ),
        _ => false,
    })?;
    for key in ["kernel_regularizer", "kernel_constraint"] {
        Common::take_kwarg(kwargs, key, |v| matches!(v, Value::None))?;
    }
    Ok(())
}
