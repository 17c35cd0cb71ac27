//! `Dense`: `activation(inputs @ kernel + bias)` over the last axis.

use super::{dims_str, incompatible, LayerKind, WeightSpec};
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::activations::Act;
use crate::nn::fused;
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::nn::penalties::LayerPenalties;
use crate::tensor::ops::{linalg, shape as sh};
use crate::tensor::Tensor;

pub struct Dense {
    pub units: usize,
    pub activation: Act,
    pub use_bias: bool,
    pub kernel_init: Init,
    pub bias_init: Init,
    pub penalties: std::rc::Rc<LayerPenalties>,
}

crate::builtin! {
    /// Just your regular densely-connected NN layer.
    python ["tf.keras.layers.Dense"]
    fn Dense(it, units, activation = None, use_bias = True,
        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Dense", &kwargs)?;
        let units = match &units {
            Value::Str(s) => match s.trim().parse::<i64>() {
                Ok(u) => u,
                Err(_) => {
                    return Err(crate::eval::error::value_err(format!(
                        "invalid literal for int() with base 10: {}",
                        it.repr(&units)?
                    )))
                }
            },
            _ => i64_arg(&units, "units")?,
        };
        if units < 0 {
            return Err(value_err(format!(
                "Received an invalid value for `units`, expected a positive integer. Received: units={}",
                units
            )));
        }
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let kind = Dense {
            units: units as usize,
            activation: Act::from_value(Some(activation))?,
            use_bias: it.truthy(&use_bias)?,
            kernel_init: Init::from_value(Some(kernel_initializer))?,
            bias_init: Init::from_value(Some(bias_initializer))?,
            penalties: penalties.clone(),
        };
        penalties.attached(common.make(it, kind)?)
    }
}

impl LayerKind for Dense {
    fn class_name(&self) -> &'static str {
        "Dense"
    }

    fn module(&self) -> &'static str {
        "core.dense"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "units" => Some(Value::Int(self.units as i64)),
            "activation" => Some(self.activation.value()),
            "use_bias" => Some(Value::Bool(self.use_bias)),
            _ => self.penalties.attr(name),
        }
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = vec![
            ("units", Value::Int(self.units as i64)),
            ("activation", Value::str(&self.activation.config_name())),
            ("use_bias", Value::Bool(self.use_bias)),
            ("kernel_initializer", self.kernel_init.config_value()),
            ("bias_initializer", self.bias_init.config_value()),
        ];
        c.extend(self.penalties.config());
        c
    }

    fn penalties(&self) -> Option<&LayerPenalties> {
        Some(&self.penalties)
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["units", "activation", "use_bias"]
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let last = shape.last().copied().flatten().ok_or_else(|| {
            value_err(format!(
                "The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: {}",
                dims_str(shape)
            ))
        })?;
        let mut w = vec![WeightSpec {
            attr: "kernel",
            init: self.kernel_init.clone(),
            dims: vec![last, self.units],
            trainable: true,
        }];
        if self.use_bias {
            w.push(WeightSpec {
                attr: "bias",
                init: self.bias_init.clone(),
                dims: vec![self.units],
                trainable: true,
            });
        }
        Ok(w)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut s = shape.to_vec();
        if let Some(l) = s.last_mut() {
            *l = Some(self.units);
        }
        s
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        if x.ndim() < 2 {
            return Err(incompatible(
                layer,
                format!(
                    "expected min_ndim=2, found ndim={}. Full shape received: {}",
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
        let in_dim = kernel.shape()[0];
        let last = *x.shape().last().unwrap_or(&0);
        if last != in_dim {
            return Err(incompatible(
                layer,
                format!(
                    "expected axis -1 of input shape to have value {}, but received input with shape {}",
                    in_dim,
                    crate::print::shape_tuple(x.shape())
                ),
            ));
        }
        let batch: Vec<usize> = x.shape()[..x.ndim() - 1].to_vec();
        let flat = sh::reshape_to(&x.contiguous(), &[batch.iter().product(), in_dim]);
        let mut y = linalg::matmul(&flat, &kernel, false, false)?;
        let bias = layer.weight("bias").map(|b| b.read());
        y = fused::bias_then_act(it, y, bias, &self.activation)?;
        let mut out = batch;
        out.push(self.units);
        let y = sh::reshape_to(&y, &out);
        self.penalties.after_call(it, &y)?;
        Ok(y)
    }
}
