//! `LayerNormalization(axis=-1, epsilon=1e-3, center=True, scale=True, ...)`: normalizes
//! each sample over `axis` with its own mean and variance, then scales by `gamma` and
//! shifts by `beta` (weights shaped like the normalized axes).

use super::norm_axes::{
    broadcast_shape, check_built_dims, fused_moments, fused_normalize, normalize, tuple_str, Axis,
};
use super::{LayerKind, WeightSpec};
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::reduce;
use crate::tensor::Tensor;

pub struct LayerNormalization {
    pub axis: Axis,
    pub epsilon: f64,
    pub center: bool,
    pub scale: bool,
    pub beta_init: Init,
    pub gamma_init: Init,
}

crate::builtin! {
    /// Layer normalization layer (Ba et al., 2016).
    python ["tf.keras.layers.LayerNormalization"]
    fn LayerNormalization(it, axis = -1, epsilon = 0.001, center = True, scale = True,
        beta_initializer = "zeros", gamma_initializer = "ones", beta_regularizer = None,
        gamma_regularizer = None, beta_constraint = None, gamma_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "LayerNormalization", &kwargs)?;
        let kind = LayerNormalization {
            axis: Axis::parse(it, &axis)?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
            center: it.truthy(&center)?,
            scale: it.truthy(&scale)?,
            beta_init: Init::from_value(Some(beta_initializer))?,
            gamma_init: Init::from_value(Some(gamma_initializer))?,
        };
        common.make(it, kind)
    }
}

impl LayerNormalization {
    fn axes(&self, ndim: usize) -> R<Vec<usize>> {
        self.axis.resolve(ndim, |adj| {
            format!(
                "Invalid value for `axis` argument. Expected 0 <= axis < inputs.rank (with inputs.rank={}). Received: axis={}",
                ndim,
                tuple_str(adj)
            )
        })
    }
}

impl LayerKind for LayerNormalization {
    fn class_name(&self) -> &'static str {
        "LayerNormalization"
    }

    fn module(&self) -> &'static str {
        "normalization.layer_normalization"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "axis" => Some(self.axis.value()),
            "epsilon" => Some(Value::Float(self.epsilon)),
            "center" => Some(Value::Bool(self.center)),
            "scale" => Some(Value::Bool(self.scale)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axis", "epsilon", "center", "scale"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("axis", self.axis.value()),
            ("epsilon", Value::Float(self.epsilon)),
            ("center", Value::Bool(self.center)),
            ("scale", Value::Bool(self.scale)),
            ("beta_initializer", self.beta_init.config_value()),
            ("gamma_initializer", self.gamma_init.config_value()),
            ("beta_regularizer", Value::None),
            ("gamma_regularizer", Value::None),
            ("beta_constraint", Value::None),
            ("gamma_constraint", Value::None),
        ]
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn check_input(&self, layer: &Layer, x: &Tensor) -> R<()> {
        let w = layer.weight("gamma").or_else(|| layer.weight("beta"));
        check_built_dims(layer, &self.axis, x, w.map(|v| v.read()))
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let axes = self.axes(shape.len())?;
        let dims: Vec<usize> = axes.iter().map(|&a| shape[a].unwrap_or(1)).collect();
        let mut w = Vec::new();
        if self.scale {
            w.push(WeightSpec {
                attr: "gamma",
                init: self.gamma_init.clone(),
                dims: dims.clone(),
                trainable: true,
            });
        }
        if self.center {
            w.push(WeightSpec {
                attr: "beta",
                init: self.beta_init.clone(),
                dims,
                trainable: true,
            });
        }
        Ok(w)
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        let axes = self.axes(x.ndim())?;
        let red: Vec<i64> = axes.iter().map(|&a| a as i64).collect();
        let param = |n: &str| {
            layer
                .weight(n)
                .map(|v| broadcast_shape(&v.read(), x.shape(), &axes))
        };
        let (gamma, beta) = (param("gamma"), param("beta"));
        // Keras runs TensorFlow's fused kernel when the axes are the trailing ones (and
        // epsilon is at least its minimum), then scales and shifts.
        let mut sorted = axes.clone();
        sorted.sort_unstable();
        let trailing =
            sorted.last() == Some(&(x.ndim() - 1)) && sorted.windows(2).all(|w| w[1] == w[0] + 1);
        if trailing && self.epsilon >= 1.001e-5 {
            let (mean, var, _) = fused_moments(&x, &red)?;
            let mut out = fused_normalize(&x, &mean, &var, None, None, self.epsilon)?;
            if let Some(g) = &gamma {
                out = ew::binary(Binary::Mul, &out, g)?;
            }
            if let Some(b) = &beta {
                out = ew::binary(Binary::Add, &out, b)?;
            }
            return Ok(out);
        }
        let mean = reduce::reduce(reduce::Reduce::Mean, &x, Some(&red), true)?;
        let d = ew::binary(Binary::SquaredDifference, &x, &mean)?;
        let var = reduce::reduce(reduce::Reduce::Mean, &d, Some(&red), true)?;
        Ok(normalize(
            &x,
            &mean,
            &var,
            gamma.as_ref(),
            beta.as_ref(),
            self.epsilon,
        )?)
    }
}
