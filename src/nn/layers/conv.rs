//! `Conv1D`, `Conv2D` and `Conv3D`: `activation(conv(inputs, kernel) + bias)` over channels-last
//! inputs, with Keras 2.15's arguments (`strides`, `padding` valid/same/causal,
//! `dilation_rate`, `groups`, `use_bias`, initializers) and its argument and input errors.
//! The kernel is `kernel_size + (in_channels / groups, filters)`.

use super::{incompatible, LayerKind, WeightSpec};
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::activations::Act;
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::nn::penalties::LayerPenalties;
use crate::tensor::ops::conv::{self, axis_out, Conv, Padding};
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

/// A Keras convolution of `rank` spatial axes (1 or 2).
pub struct ConvLayer {
    /// `data_format='channels_first'`.
    pub channels_first: bool,
    pub rank: usize,
    pub filters: usize,
    pub kernel_size: Vec<usize>,
    pub strides: Vec<usize>,
    /// `valid`, `same` or `causal`.
    pub padding: String,
    pub dilation_rate: Vec<usize>,
    pub groups: usize,
    pub activation: Act,
    pub use_bias: bool,
    pub kernel_init: Init,
    pub bias_init: Init,
    pub penalties: std::rc::Rc<LayerPenalties>,
}

/// An int or a tuple of `rank` ints, as Keras's `conv_utils.normalize_tuple` reads them;
/// `positive` says whether 0 is refused.
pub(crate) fn normalize_tuple(
    it: &mut Interp,
    v: &Value,
    rank: usize,
    name: &str,
    positive: bool,
) -> R<Vec<usize>> {
    let items: Vec<i64> = match v {
        Value::Int(_) | Value::Bool(_) => vec![i64_arg(v, name)?; rank],
        _ => {
            let vals = it.collect_items(v)?;
            if vals.len() != rank {
                return Err(value_err(format!(
                    "The `{}` argument must be a tuple of {} integers. Received: {}",
                    name,
                    rank,
                    it.repr(v)?
                )));
            }
            vals.iter().map(|x| i64_arg(x, name)).collect::<R<_>>()?
        }
    };
    let bad: Vec<i64> = items
        .iter()
        .copied()
        .filter(|&x| if positive { x <= 0 } else { x < 0 })
        .collect();
    if !bad.is_empty() {
        let set = bad
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        return Err(value_err(format!(
            "The `{}` argument must be a tuple of {} integers. Received: {} including {{{}}} that does not satisfy the requirement `{}`.",
            name,
            rank,
            it.repr(v)?,
            set,
            if positive { "> 0" } else { ">= 0" }
        )));
    }
    Ok(items.into_iter().map(|x| x as usize).collect())
}

/// Runs a 2-D op on a rank-1 or rank-2 convolution's input and kernel: a 1-D one runs as a
/// 2-D one of height one.
pub(crate) fn as_2d(
    rank: usize,
    x: &Tensor,
    k: &Tensor,
    op: impl FnOnce(&Tensor, &Tensor) -> crate::tensor::error::TResult<Tensor>,
) -> crate::tensor::error::TResult<Tensor> {
    if rank != 1 {
        return op(x, k);
    }
    let x4 = sh::expand_dims(x, -3)?;
    let k4 = sh::expand_dims(k, 0)?;
    sh::squeeze(&op(&x4, &k4)?, Some(&[-3]))
}

impl ConvLayer {
    /// Reads a convolution's constructor arguments, with Keras's checks.
    #[allow(clippy::too_many_arguments)]
    pub fn from_args(
        it: &mut Interp,
        rank: usize,
        filters: &Value,
        kernel_size: &Value,
        strides: &Value,
        padding: &Value,
        data_format: &Value,
        dilation_rate: &Value,
        groups: &Value,
        activation: Value,
        use_bias: &Value,
        kernel_initializer: Value,
        bias_initializer: Value,
        penalties: std::rc::Rc<LayerPenalties>,
    ) -> R<ConvLayer> {
        let f = i64_arg(filters, "filters")?;
        if f <= 0 {
            return Err(value_err(format!(
                "Invalid value for argument `filters`. Expected a strictly positive value. Received filters={}.",
                f
            )));
        }
        let groups = i64_arg(groups, "groups")?.max(1) as usize;
        if !(f as usize).is_multiple_of(groups) {
            return Err(value_err(format!(
                "The number of filters must be evenly divisible by the number of groups. Received: groups={}, filters={}",
                groups, f
            )));
        }
        let kernel_size = normalize_tuple(it, kernel_size, rank, "kernel_size", true)?;
        let strides = normalize_tuple(it, strides, rank, "strides", true)?;
        let dilation_rate = normalize_tuple(it, dilation_rate, rank, "dilation_rate", true)?;
        let padding = match padding {
            Value::Str(s) => s.to_lowercase(),
            other => it.str_of(other)?,
        };
        if !matches!(padding.as_str(), "valid" | "same" | "causal") {
            return Err(value_err(format!(
                "The `padding` argument must be a list/tuple or one of \"valid\", \"same\" (or \"causal\", only for `Conv1D). Received: {}",
                padding
            )));
        }
        if padding == "causal" && rank != 1 {
            return Err(value_err(
                "Causal padding is only supported for `Conv1D`and `SeparableConv1D`.",
            ));
        }
        let channels_first = super::channels_first(data_format)?;
        Ok(ConvLayer {
            channels_first,
            rank,
            filters: f as usize,
            kernel_size,
            strides,
            padding,
            dilation_rate,
            groups,
            activation: Act::from_value(Some(activation))?,
            use_bias: it.truthy(use_bias)?,
            kernel_init: Init::from_value(Some(kernel_initializer))?,
            bias_init: Init::from_value(Some(bias_initializer))?,
            penalties,
        })
    }

    /// The settings of the 2-D kernel (a 1-D convolution has a height of one).
    pub(crate) fn conv(&self) -> Conv {
        let two = |v: &[usize]| {
            if self.rank == 1 {
                [1, v[0]]
            } else {
                [v[0], v[1]]
            }
        };
        let padding = match self.padding.as_str() {
            "same" => Padding::Same,
            // Causal: everything the window reaches back is padding before the input.
            "causal" => Padding::Explicit([
                (0, 0),
                ((self.kernel_size[0] - 1) * self.dilation_rate[0], 0),
            ]),
            _ => Padding::Valid,
        };
        Conv {
            strides: two(&self.strides),
            dilations: two(&self.dilation_rate),
            padding,
        }
    }

    /// A 3-D convolution's padding (the same on every axis).
    fn padding3(&self) -> Padding {
        if self.padding == "same" {
            Padding::Same
        } else {
            Padding::Valid
        }
    }

    pub(crate) fn tuple(v: &[usize]) -> Value {
        Value::tuple(v.iter().map(|&d| Value::Int(d as i64)).collect())
    }
}

impl LayerKind for ConvLayer {
    fn channels_first(&self) -> bool {
        self.channels_first
    }

    fn class_name(&self) -> &'static str {
        match self.rank {
            1 => "Conv1D",
            2 => "Conv2D",
            _ => "Conv3D",
        }
    }

    fn module(&self) -> &'static str {
        match self.rank {
            1 => "convolutional.conv1d",
            2 => "convolutional.conv2d",
            _ => "convolutional.conv3d",
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "filters" => Value::Int(self.filters as i64),
            "kernel_size" => Self::tuple(&self.kernel_size),
            "strides" => Self::tuple(&self.strides),
            "dilation_rate" => Self::tuple(&self.dilation_rate),
            "padding" => Value::str(&self.padding),
            "data_format" => Value::str(if self.channels_first {
                "channels_first"
            } else {
                "channels_last"
            }),
            "groups" => Value::Int(self.groups as i64),
            "activation" => self.activation.value(),
            "use_bias" => Value::Bool(self.use_bias),
            "rank" => Value::Int(self.rank as i64),
            _ => return self.penalties.attr(name),
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "filters",
            "kernel_size",
            "strides",
            "dilation_rate",
            "padding",
            "data_format",
            "groups",
            "activation",
            "use_bias",
            "rank",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let a = |n: &str| self.attr(n).unwrap_or(Value::None);
        let mut c = vec![
            ("filters", a("filters")),
            ("kernel_size", a("kernel_size")),
            ("strides", a("strides")),
            ("padding", a("padding")),
            ("data_format", a("data_format")),
            ("dilation_rate", a("dilation_rate")),
            ("groups", a("groups")),
            ("activation", Value::str(&self.activation.config_name())),
            ("use_bias", a("use_bias")),
            ("kernel_initializer", self.kernel_init.config_value()),
            ("bias_initializer", self.bias_init.config_value()),
        ];
        c.extend(self.penalties.config());
        c
    }

    fn penalties(&self) -> Option<&LayerPenalties> {
        Some(&self.penalties)
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let channels = shape.last().copied().flatten().ok_or_else(|| {
            value_err(
                "The channel dimension of the inputs should be defined. The input_shape received is (None,), where axis -1 (0-based) is the channel dimension, which found to be `None`.",
            )
        })?;
        if channels % self.groups != 0 {
            return Err(value_err(format!(
                "The number of input channels must be evenly divisible by the number of groups. Received groups={}, but the input has {} channels (full input shape is {}).",
                self.groups,
                channels,
                super::dims_str(shape)
            )));
        }
        let mut dims = self.kernel_size.clone();
        dims.extend([channels / self.groups, self.filters]);
        let mut w = vec![WeightSpec {
            attr: "kernel",
            init: self.kernel_init.clone(),
            dims,
            trainable: true,
        }];
        if self.use_bias {
            w.push(WeightSpec {
                attr: "bias",
                init: self.bias_init.clone(),
                dims: vec![self.filters],
                trainable: true,
            });
        }
        Ok(w)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = vec![shape.first().copied().flatten()];
        if self.rank == 3 {
            let pad = self.padding3();
            for a in 0..3 {
                let d = shape.get(1 + a).copied().flatten();
                out.push(d.and_then(|d| {
                    axis_out(
                        d,
                        self.kernel_size[a],
                        self.strides[a],
                        self.dilation_rate[a],
                        &pad,
                        0,
                    )
                    .map(|(o, _)| o)
                }));
            }
            out.push(Some(self.filters));
            return out;
        }
        let conv = self.conv();
        // The kernel's axes: a 1-D convolution's one axis is the 2-D kernel's second.
        for a in 0..self.rank {
            let k = a + 2 - self.rank;
            let d = shape.get(1 + a).copied().flatten();
            out.push(d.and_then(|d| {
                axis_out(
                    d,
                    self.kernel_size[a],
                    conv.strides[k],
                    conv.dilations[k],
                    &conv.padding,
                    k,
                )
                .map(|(o, _)| o)
            }));
        }
        out.push(Some(self.filters));
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        if x.ndim() < self.rank + 2 {
            return Err(incompatible(
                layer,
                format!(
                    "expected min_ndim={}, found ndim={}. Full shape received: {}",
                    self.rank + 2,
                    x.ndim(),
                    crate::print::shape_tuple(x.shape())
                ),
            ));
        }
        if let Some(k) = layer.weight("kernel") {
            let want = k.read().shape()[self.rank] * self.groups;
            let got = x.shape()[x.ndim() - 1];
            if got != want {
                return Err(incompatible(
                    layer,
                    format!(
                        "expected axis -1 of input shape to have value {}, but received input with shape {}",
                        want,
                        crate::print::shape_tuple(x.shape())
                    ),
                ));
            }
        }
        Ok(())
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let Some(kernel) = layer.weight("kernel").map(|v| v.read()) else {
            return raise(ExcKind::ValueError, "the layer has no kernel");
        };
        let conv = self.conv();
        let wrap = |e| super::call_error(layer, e);
        let y = if self.rank == 3 {
            let s = &self.strides;
            let d = &self.dilation_rate;
            conv::conv3d(
                &x,
                &kernel,
                [s[0], s[1], s[2]],
                [d[0], d[1], d[2]],
                &self.padding3(),
            )
            .map_err(wrap)?
        } else {
            as_2d(self.rank, &x, &kernel, |x, k| conv::conv2d(x, k, &conv)).map_err(wrap)?
        };
        // The bias along the channels (last here), fused with relu as in Dense.
        let bias = layer.weight("bias").map(|b| b.read());
        let y = crate::nn::fused::bias_then_act(it, y, bias, &self.activation)?;
        self.penalties.after_call(it, &y)?;
        Ok(y)
    }
}

crate::builtin! {
    /// 2D convolution layer (e.g. spatial convolution over images).
    python ["tf.keras.layers.Conv2D", "tf.keras.layers.Convolution2D"]
    fn Conv2D(it, filters, kernel_size, strides = (1, 1), padding = "valid", data_format = None,
        dilation_rate = (1, 1), groups = 1, activation = None, use_bias = True,
        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Conv2D", &kwargs)?;
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let kind = ConvLayer::from_args(it, 2, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &groups, activation, &use_bias,
            kernel_initializer, bias_initializer, penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

crate::builtin! {
    /// 1D convolution layer (e.g. temporal convolution).
    python ["tf.keras.layers.Conv1D", "tf.keras.layers.Convolution1D"]
    fn Conv1D(it, filters, kernel_size, strides = 1, padding = "valid", data_format = "channels_last",
        dilation_rate = 1, groups = 1, activation = None, use_bias = True,
        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Conv1D", &kwargs)?;
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let kind = ConvLayer::from_args(it, 1, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &groups, activation, &use_bias,
            kernel_initializer, bias_initializer, penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}

crate::builtin! {
    /// 3D convolution layer.
    python ["tf.keras.layers.Conv3D", "tf.keras.layers.Convolution3D"]
    fn Conv3D(it, filters, kernel_size, strides = (1, 1, 1), padding = "valid", data_format = None,
        dilation_rate = (1, 1, 1), groups = 1, activation = None, use_bias = True,
        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Conv3D", &kwargs)?;
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let kind = ConvLayer::from_args(it, 3, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &groups, activation, &use_bias,
            kernel_initializer, bias_initializer, penalties.clone())?;
        penalties.attached(common.make(it, kind)?)
    }
}
