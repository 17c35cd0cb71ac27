//! `DepthwiseConv1D` and `DepthwiseConv2D`: each input channel convolved with its own
//! `depth_multiplier` filters (kernel `kernel_size + (in_channels, depth_multiplier)`), then
//! the bias and activation, with Keras 2.15's arguments and `get_config`.

use super::conv::{as_2d, ConvLayer};
use super::{incompatible, LayerKind, WeightSpec};
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::nn::penalties::LayerPenalties;
use crate::tensor::ops::conv;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;
use std::rc::Rc;

pub struct DepthwiseConv {
    /// The shared convolution settings (`filters` unused).
    pub base: ConvLayer,
    pub depth_multiplier: usize,
    pub depthwise_init: Init,
}

/// `depth_multiplier` as Keras reads it (unchecked: 0 makes empty kernels).
pub(crate) fn multiplier(v: &Value) -> R<usize> {
    Ok(i64_arg(v, "depth_multiplier")?.max(0) as usize)
}

/// Runs a depthwise convolution of rank 1 or 2 (a 1-D one as a 2-D one of height one).
pub(crate) fn depthwise(layer: &Layer, base: &ConvLayer, x: &Tensor, kernel: &Tensor) -> R<Tensor> {
    let wrap = |e| super::call_error(layer, e);
    let c = base.conv();
    as_2d(base.rank, x, kernel, |x, k| {
        conv::depthwise_conv2d(x, k, &c)
    })
    .map_err(wrap)
}

/// Keras's input rank check for the depthwise and separable layers.
pub(crate) fn check_rank(layer: &Layer, rank: usize, x: &Tensor) -> R<()> {
    if x.ndim() != rank + 2 {
        return Err(incompatible(
            layer,
            format!(
                "expected min_ndim={}, found ndim={}. Full shape received: {}",
                rank + 2,
                x.ndim(),
                crate::print::shape_tuple(x.shape())
            ),
        ));
    }
    Ok(())
}

/// The config of a depthwise-style layer: the shared entries without `skip`, then `extra`.
pub(crate) fn config_without(
    base: &ConvLayer,
    skip: &[&str],
    extra: Vec<(&'static str, Value)>,
) -> Vec<(&'static str, Value)> {
    let mut c: Vec<(&'static str, Value)> = base
        .config()
        .into_iter()
        .filter(|(k, _)| !skip.contains(k))
        .collect();
    c.extend(extra);
    c
}

impl DepthwiseConv {
    #[allow(clippy::too_many_arguments)]
    fn new(
        it: &mut Interp,
        rank: usize,
        kernel_size: &Value,
        strides: &Value,
        padding: &Value,
        depth_multiplier: &Value,
        data_format: &Value,
        dilation_rate: &Value,
        activation: Value,
        use_bias: &Value,
        depthwise_initializer: Value,
        bias_initializer: Value,
        penalties: Rc<LayerPenalties>,
    ) -> R<DepthwiseConv> {
        let base = ConvLayer::from_args(
            it,
            rank,
            &Value::Int(1),
            kernel_size,
            strides,
            padding,
            data_format,
            dilation_rate,
            &Value::Int(1),
            activation,
            use_bias,
            Value::str("zeros"),
            bias_initializer,
            penalties,
        )?;
        Ok(DepthwiseConv {
            base,
            depth_multiplier: multiplier(depth_multiplier)?,
            depthwise_init: Init::from_value(Some(depthwise_initializer))?,
        })
    }
}

crate::builtin! {
    /// Depthwise 2D convolution.
    python ["tf.keras.layers.DepthwiseConv2D"]
    fn DepthwiseConv2D(it, kernel_size, strides = (1, 1), padding = "valid", depth_multiplier = 1,
        data_format = None, dilation_rate = (1, 1), activation = None, use_bias = True,
        depthwise_initializer = "glorot_uniform", bias_initializer = "zeros",
        depthwise_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        depthwise_constraint = None, bias_constraint = None, **kwargs) {
        super::Common::take_kwarg(&kwargs, "groups", |v| i64_arg(v, "groups").ok() == Some(1))?;
        let common = super::Common::from_kwargs(it, "DepthwiseConv2D", &kwargs)?;
        let penalties = penalties(it, [&depthwise_regularizer, &bias_regularizer,
            &activity_regularizer, &depthwise_constraint, &bias_constraint])?;
        let kind = DepthwiseConv::new(it, 2, &kernel_size, &strides, &padding, &depth_multiplier,
            &data_format, &dilation_rate, activation, &use_bias, depthwise_initializer,
            bias_initializer, penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

crate::builtin! {
    /// Depthwise 1D convolution.
    python ["tf.keras.layers.DepthwiseConv1D"]
    fn DepthwiseConv1D(it, kernel_size, strides = 1, padding = "valid", depth_multiplier = 1,
        data_format = None, dilation_rate = 1, activation = None, use_bias = True,
        depthwise_initializer = "glorot_uniform", bias_initializer = "zeros",
        depthwise_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        depthwise_constraint = None, bias_constraint = None, **kwargs) {
        super::Common::take_kwarg(&kwargs, "groups", |v| i64_arg(v, "groups").ok() == Some(1))?;
        let common = super::Common::from_kwargs(it, "DepthwiseConv1D", &kwargs)?;
        let penalties = penalties(it, [&depthwise_regularizer, &bias_regularizer,
            &activity_regularizer, &depthwise_constraint, &bias_constraint])?;
        let kind = DepthwiseConv::new(it, 1, &kernel_size, &strides, &padding, &depth_multiplier,
            &data_format, &dilation_rate, activation, &use_bias, depthwise_initializer,
            bias_initializer, penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

/// The regularizers and constraints of a depthwise layer: its depthwise kernel's and
/// bias's, and the activity regularizer.
fn penalties(it: &mut Interp, [dr, br, ar, dc, bc]: [&Value; 5]) -> R<Rc<LayerPenalties>> {
    LayerPenalties::new(
        it,
        &[
            ("depthwise_kernel", "depthwise", dr, dc),
            ("bias", "bias", br, bc),
        ],
        ar,
    )
}

impl LayerKind for DepthwiseConv {
    fn penalties(&self) -> Option<&LayerPenalties> {
        Some(&self.base.penalties)
    }

    fn channels_first(&self) -> bool {
        self.base.channels_first
    }

    fn class_name(&self) -> &'static str {
        if self.base.rank == 1 {
            "DepthwiseConv1D"
        } else {
            "DepthwiseConv2D"
        }
    }

    fn module(&self) -> &'static str {
        if self.base.rank == 1 {
            "convolutional.depthwise_conv1d"
        } else {
            "convolutional.depthwise_conv2d"
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "depth_multiplier" => Some(Value::Int(self.depth_multiplier as i64)),
            "filters" => None,
            _ => self.base.attr(name),
        }
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        config_without(
            &self.base,
            &[
                "filters",
                "kernel_initializer",
                "kernel_regularizer",
                "kernel_constraint",
            ],
            vec![
                ("depth_multiplier", Value::Int(self.depth_multiplier as i64)),
                ("depthwise_initializer", self.depthwise_init.config_value()),
                (
                    "depthwise_regularizer",
                    self.base.penalties.config_entry("depthwise_regularizer"),
                ),
                (
                    "depthwise_constraint",
                    self.base.penalties.config_entry("depthwise_constraint"),
                ),
            ],
        )
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let channels = shape.last().copied().flatten().ok_or_else(|| {
            value_err("The channel dimension of the inputs to `DepthwiseConv` should be defined. Found `None`.")
        })?;
        let mut dims = self.base.kernel_size.clone();
        dims.extend([channels, self.depth_multiplier]);
        let mut w = vec![WeightSpec {
            attr: "depthwise_kernel",
            init: self.depthwise_init.clone(),
            dims,
            trainable: true,
        }];
        if self.base.use_bias {
            w.push(WeightSpec {
                attr: "bias",
                init: self.base.bias_init.clone(),
                dims: vec![channels * self.depth_multiplier],
                trainable: true,
            });
        }
        Ok(w)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = self.base.output_shape(shape);
        if let Some(last) = out.last_mut() {
            *last = shape
                .last()
                .copied()
                .flatten()
                .map(|c| c * self.depth_multiplier);
        }
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        check_rank(layer, self.base.rank, x)
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let Some(kernel) = layer.weight("depthwise_kernel").map(|v| v.read()) else {
            return raise(ExcKind::ValueError, "the layer has no depthwise kernel");
        };
        let mut y = depthwise(layer, &self.base, &x, &kernel)?;
        if let Some(b) = layer.weight("bias") {
            y = ew::binary(Binary::Add, &y, &b.read())?;
        }
        let y = self.base.activation.apply(it, &y)?;
        self.base.penalties.after_call(it, &y)?;
        Ok(y)
    }
}
