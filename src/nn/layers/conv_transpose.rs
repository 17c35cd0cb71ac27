//! `Conv1DTranspose` and `Conv2DTranspose`: the transpose (gradient) of a convolution, with
//! Keras 2.15's output length rule (`deconv_output_length`), `output_padding` and its checks.
//! The kernel is `kernel_size + (filters, in_channels)`.

use super::conv::{as_2d, normalize_tuple, ConvLayer};
use super::{incompatible, LayerKind, WeightSpec};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::nn::penalties::LayerPenalties;
use crate::tensor::ops::conv;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;

pub struct ConvTranspose {
    pub base: ConvLayer,
    pub output_padding: Option<Vec<usize>>,
}

/// Keras's `conv_utils.deconv_output_length`.
fn output_length(
    input: usize,
    k: usize,
    padding: &str,
    output_padding: Option<usize>,
    stride: usize,
    dilation: usize,
) -> usize {
    let k = k + (k - 1) * (dilation - 1);
    match output_padding {
        None => match padding {
            "same" => input * stride,
            _ => input * stride + k.saturating_sub(stride),
        },
        Some(op) => {
            let pad = if padding == "same" { k / 2 } else { 0 };
            ((input.max(1) - 1) * stride + k + op).saturating_sub(2 * pad)
        }
    }
}

impl ConvTranspose {
    fn new(it: &mut Interp, base: ConvLayer, output_padding: &Value) -> R<ConvTranspose> {
        let output_padding = match output_padding {
            Value::None => None,
            v => {
                let p = normalize_tuple(it, v, base.rank, "output_padding", false)?;
                if p.iter().zip(&base.strides).any(|(p, s)| p >= s) {
                    return Err(value_err(format!(
                        "Strides must be greater than output padding. Received strides={}, output_padding={}.",
                        it.repr(&ConvLayer::tuple(&base.strides))?,
                        it.repr(&ConvLayer::tuple(&p))?
                    )));
                }
                Some(p)
            }
        };
        Ok(ConvTranspose {
            base,
            output_padding,
        })
    }

    fn out_len(&self, axis: usize, input: usize) -> usize {
        output_length(
            input,
            self.base.kernel_size[axis],
            &self.base.padding,
            self.output_padding.as_ref().map(|p| p[axis]),
            self.base.strides[axis],
            self.base.dilation_rate[axis],
        )
    }
}

crate::builtin! {
    /// Transposed convolution layer (sometimes called Deconvolution).
    python ["tf.keras.layers.Conv2DTranspose", "tf.keras.layers.Convolution2DTranspose"]
    fn Conv2DTranspose(it, filters, kernel_size, strides = (1, 1), padding = "valid",
        output_padding = None, data_format = None, dilation_rate = (1, 1), activation = None,
        use_bias = True, kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        super::Common::take_kwarg(&kwargs, "groups", |v| crate::api::convert::i64_arg(v, "groups").ok() == Some(1))?;
        let common = super::Common::from_kwargs(it, "Conv2DTranspose", &kwargs)?;
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let base = ConvLayer::from_args(it, 2, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &Value::Int(1), activation, &use_bias,
            kernel_initializer, bias_initializer, penalties.clone())?;
        let kind = ConvTranspose::new(it, base, &output_padding)?;
        penalties.attached(common.make(it, kind)?)
    }
}

crate::builtin! {
    /// 1D transposed convolution layer.
    python ["tf.keras.layers.Conv1DTranspose", "tf.keras.layers.Convolution1DTranspose"]
    fn Conv1DTranspose(it, filters, kernel_size, strides = 1, padding = "valid",
        output_padding = None, data_format = None, dilation_rate = 1, activation = None,
        use_bias = True, kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        super::Common::take_kwarg(&kwargs, "groups", |v| crate::api::convert::i64_arg(v, "groups").ok() == Some(1))?;
        let common = super::Common::from_kwargs(it, "Conv1DTranspose", &kwargs)?;
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let base = ConvLayer::from_args(it, 1, &filters, &kernel_size, &strides, &padding,
            &data_format, &dilation_rate, &Value::Int(1), activation, &use_bias,
            kernel_initializer, bias_initializer, penalties.clone())?;
        let kind = ConvTranspose::new(it, base, &output_padding)?;
        penalties.attached(common.make(it, kind)?)
    }
}

impl LayerKind for ConvTranspose {
    fn penalties(&self) -> Option<&LayerPenalties> {
        Some(&self.base.penalties)
    }

    fn channels_first(&self) -> bool {
        self.base.channels_first
    }

    fn class_name(&self) -> &'static str {
        if self.base.rank == 1 {
            "Conv1DTranspose"
        } else {
            "Conv2DTranspose"
        }
    }

    fn module(&self) -> &'static str {
        if self.base.rank == 1 {
            "convolutional.conv1d_transpose"
        } else {
            "convolutional.conv2d_transpose"
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "output_padding" => Some(match &self.output_padding {
                Some(p) => ConvLayer::tuple(p),
                None => Value::None,
            }),
            _ => self.base.attr(name),
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        self.base.attr_names()
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = self.base.config();
        c.push((
            "output_padding",
            self.attr("output_padding").unwrap_or(Value::None),
        ));
        c
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let mut w = self.base.weights(shape)?;
        // The transpose's kernel maps filters back to the input channels.
        if let Some(k) = w.first_mut() {
            let n = k.dims.len();
            k.dims.swap(n - 2, n - 1);
        }
        Ok(w)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut out = vec![shape.first().copied().flatten()];
        for a in 0..self.base.rank {
            out.push(
                shape
                    .get(1 + a)
                    .copied()
                    .flatten()
                    .map(|d| self.out_len(a, d)),
            );
        }
        out.push(Some(self.base.filters));
        out
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        let rank = self.base.rank;
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

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let Some(kernel) = layer.weight("kernel").map(|v| v.read()) else {
            return raise(ExcKind::ValueError, "the layer has no kernel");
        };
        let wrap = |e| super::call_error(layer, e);
        let conv = self.base.conv();
        let n = x.shape()[0];
        let rank = self.base.rank;
        let mut out_shape = vec![n];
        if rank == 1 {
            out_shape.push(1);
        }
        for a in 0..rank {
            out_shape.push(self.out_len(a, x.shape()[1 + a]));
        }
        out_shape.push(self.base.filters);
        let conv = conv::Conv {
            padding: match self.base.padding.as_str() {
                "same" => conv::Padding::Same,
                _ => conv::Padding::Valid,
            },
            ..conv
        };
        let mut y = as_2d(rank, &x, &kernel, |x, k| {
            conv::conv2d_transpose(x, k, &out_shape, &conv)
        })
        .map_err(wrap)?;
        if let Some(b) = layer.weight("bias") {
            y = ew::binary(Binary::Add, &y, &b.read())?;
        }
        self.base.activation.apply(it, &y)
    }
}
