//! `BatchNormalization`: normalizes with the batch's statistics while training (updating
//! the moving ones) and with the moving statistics otherwise. On 4-D and 5-D inputs
//! normalized over the channel axis (TensorFlow's fused kernel) the moving variance takes
//! the batch's unbiased variance.

use super::norm_axes::{
    broadcast_shape, check_built_dims, fused_moments, fused_normalize, normalize, tuple_str, Axis,
};
use super::{dims_str, LayerKind, WeightSpec};
use crate::api::convert::f64_arg;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::{reduce, shape as sh};
use crate::tensor::Tensor;

pub struct BatchNormalization {
    pub axis: Axis,
    pub momentum: f64,
    pub epsilon: f64,
    pub center: bool,
    pub scale: bool,
    /// beta, gamma, moving mean, moving variance.
    pub inits: [Init; 4],
}

crate::builtin! {
    /// Layer that normalizes its inputs.
    python ["tf.keras.layers.BatchNormalization"]
    fn BatchNormalization(it, axis = -1, momentum = 0.99, epsilon = 0.001, center = True,
        scale = True, beta_initializer = "zeros", gamma_initializer = "ones",
        moving_mean_initializer = "zeros", moving_variance_initializer = "ones",
        beta_regularizer = None, gamma_regularizer = None, beta_constraint = None,
        gamma_constraint = None, synchronized = False, **kwargs) {
        let common = super::Common::from_kwargs(it, "BatchNormalization", &kwargs)?;
        let kind = BatchNormalization {
            axis: Axis::parse(it, &axis)?,
            momentum: f64_arg(&momentum, "momentum")?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
            center: it.truthy(&center)?,
            scale: it.truthy(&scale)?,
            inits: [
                Init::from_value(Some(beta_initializer))?,
                Init::from_value(Some(gamma_initializer))?,
                Init::from_value(Some(moving_mean_initializer))?,
                Init::from_value(Some(moving_variance_initializer))?,
            ],
        };
        common.make(it, kind)
    }
}

impl LayerKind for BatchNormalization {
    fn class_name(&self) -> &'static str {
        "BatchNormalization"
    }

    fn module(&self) -> &'static str {
        "normalization.batch_normalization"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "axis" => Some(self.axis.value()),
            "momentum" => Some(Value::Float(self.momentum)),
            "epsilon" => Some(Value::Float(self.epsilon)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axis", "momentum", "epsilon"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let [b, g, mm, mv] = &self.inits;
        vec![
            ("axis", self.axis.value()),
            ("momentum", Value::Float(self.momentum)),
            ("epsilon", Value::Float(self.epsilon)),
            ("center", Value::Bool(self.center)),
            ("scale", Value::Bool(self.scale)),
            ("beta_initializer", b.config_value()),
            ("gamma_initializer", g.config_value()),
            ("moving_mean_initializer", mm.config_value()),
            ("moving_variance_initializer", mv.config_value()),
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
        let w = layer.weight("moving_mean").or_else(|| layer.weight("beta"));
        check_built_dims(layer, &self.axis, x, w.map(|v| v.read()))
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let axes = self.axes(shape.len())?;
        let mut known = Vec::new();
        for &a in &axes {
            known.push(shape[a].ok_or_else(|| {
                value_err(format!("Axis {} of input tensor should have a defined dimension but the layer received an input with shape {}.", a, dims_str(shape)))
            })?);
        }
        // One axis: a vector; several: the input's rank with 1 on the other axes.
        let dims: Vec<usize> = if axes.len() == 1 {
            known
        } else {
            (0..shape.len())
                .map(|d| match axes.iter().position(|&a| a == d) {
                    Some(i) => known[i],
                    None => 1,
                })
                .collect()
        };
        let spec = |attr, init, trainable| WeightSpec {
            attr,
            init,
            dims: dims.clone(),
            trainable,
        };
        let mut w = Vec::new();
        if self.scale {
            w.push(spec("gamma", self.inits[1].clone(), true));
        }
        if self.center {
            w.push(spec("beta", self.inits[0].clone(), true));
        }
        w.push(spec("moving_mean", self.inits[2].clone(), false));
        w.push(spec("moving_variance", self.inits[3].clone(), false));
        Ok(w)
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let x = &x;
        let nd = x.ndim();
        let axes = self.axes(nd)?;
        let red: Vec<i64> = (0..nd as i64)
            .filter(|&d| !axes.contains(&(d as usize)))
            .collect();
        let get = |n: &str| layer.weight(n).map(|v| v.read());
        // TensorFlow's fused kernel runs on the channel axis of 4-D and 5-D inputs; it hands
        // back the unbiased variance for the moving statistics.
        let fused = matches!(
            (nd, axes.as_slice()),
            (4, [1]) | (4, [3]) | (5, [1]) | (5, [4])
        );
        let (mean, var) = if training {
            let (m, v, n) = if fused {
                fused_moments(x, &red)?
            } else {
                let m = reduce::reduce(reduce::Reduce::Mean, x, Some(&red), true)?;
                let d = ew::binary(Binary::SquaredDifference, x, &m)?;
                let v = reduce::reduce(reduce::Reduce::Mean, &d, Some(&red), true)?;
                (m, v, 0)
            };
            let f = (1.0 - self.momentum) as f32;
            // The fused kernel folds the Bessel factor n / (n - 1) into the averaging one.
            let bessel = n as f32 / (n.max(2) - 1) as f32;
            for (name, batch, factor) in
                [("moving_mean", &m, f), ("moving_variance", &v, f * bessel)]
            {
                if let Some(var) = layer.weight(name) {
                    let cur = var.value.borrow().clone();
                    let b = sh::reshape_to(&batch.contiguous(), cur.shape());
                    var.set(if fused {
                        // (1 - f) * old + factor * batch, f = 1 - momentum.
                        let keep = ew::binary(Binary::Mul, &cur, &Tensor::scalar(1.0f32 - f))?;
                        let add = ew::binary(Binary::Mul, &b, &Tensor::scalar(factor))?;
                        ew::binary(Binary::Add, &keep, &add)?
                    } else {
                        // Keras's assignment: old - (old - batch) * (1 - momentum).
                        let upd = ew::binary(
                            Binary::Mul,
                            &ew::binary(Binary::Sub, &cur, &b)?,
                            &Tensor::scalar(f),
                        )?;
                        ew::binary(Binary::Sub, &cur, &upd)?
                    });
                }
            }
            (m, v)
        } else {
            (
                get("moving_mean").unwrap_or_else(|| Tensor::scalar(0f32)),
                get("moving_variance").unwrap_or_else(|| Tensor::scalar(1f32)),
            )
        };
        // Broadcast the per-channel parameters along the normalized axes.
        let shape_to = |t: Tensor| {
            if t.ndim() == nd || t.ndim() == 0 {
                t
            } else {
                broadcast_shape(&t, x.shape(), &axes)
            }
        };
        let (mean, var) = (shape_to(mean), shape_to(var));
        let gamma = get("gamma").map(shape_to);
        let beta = get("beta").map(shape_to);
        let normalize = if fused { fused_normalize } else { normalize };
        Ok(normalize(
            x,
            &mean,
            &var,
            gamma.as_ref(),
            beta.as_ref(),
            self.epsilon,
        )?)
    }
}

impl BatchNormalization {
    fn axes(&self, ndim: usize) -> R<Vec<usize>> {
        self.axis.resolve(ndim, |adj| {
            format!(
                "Invalid axis. Expected 0 <= axis < inputs.rank (with inputs.rank={}). Received: layer.axis={}",
                ndim,
                tuple_str(adj)
            )
        })
    }
}
