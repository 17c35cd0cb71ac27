//! `BatchNormalization`: normalizes with the batch's statistics while training (updating
//! the moving ones) and with the moving statistics otherwise.

use super::{dims_str, LayerKind, WeightSpec};
use crate::api::convert::{f64_arg, i64_arg};
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{reduce, shape as sh};
use crate::tensor::Tensor;

pub struct BatchNormalization {
    pub axis: i64,
    pub momentum: f64,
    pub epsilon: f64,
    pub center: bool,
    pub scale: bool,
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
            axis: i64_arg(&axis, "axis")?,
            momentum: f64_arg(&momentum, "momentum")?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
            center: it.truthy(&center)?,
            scale: it.truthy(&scale)?,
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
            "axis" => Some(Value::Int(self.axis)),
            "momentum" => Some(Value::Float(self.momentum)),
            "epsilon" => Some(Value::Float(self.epsilon)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axis", "momentum", "epsilon"]
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let nd = shape.len() as i64;
        let ax = if self.axis < 0 {
            self.axis + nd
        } else {
            self.axis
        };
        let c = usize::try_from(ax)
            .ok()
            .and_then(|a| shape.get(a).copied().flatten())
            .ok_or_else(|| {
                value_err(format!("Axis {} of input tensor should have a defined dimension but the layer received an input with shape {}.", self.axis, dims_str(shape)))
            })?;
        let spec = |attr, init, trainable| WeightSpec {
            attr,
            init,
            dims: vec![c],
            trainable,
        };
        let mut w = Vec::new();
        if self.scale {
            w.push(spec("gamma", Init::Ones, true));
        }
        if self.center {
            w.push(spec("beta", Init::Zeros, true));
        }
        w.push(spec("moving_mean", Init::Zeros, false));
        w.push(spec("moving_variance", Init::Ones, false));
        Ok(w)
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let x = &x;
        let nd = x.ndim() as i64;
        let ax = if self.axis < 0 {
            self.axis + nd
        } else {
            self.axis
        };
        let red: Vec<i64> = (0..nd).filter(|&d| d != ax).collect();
        let get = |n: &str| layer.weight(n).map(|v| v.read());
        let (mean, var) = if training {
            let m = reduce::reduce(reduce::Reduce::Mean, x, Some(&red), true)?;
            let d = ew::binary(Binary::SquaredDifference, x, &m)?;
            let v = reduce::reduce(reduce::Reduce::Mean, &d, Some(&red), true)?;
            // Moving statistics: m - (m - batch) * (1 - momentum), as Keras assigns them.
            let decay = Tensor::scalar((1.0 - self.momentum) as f32);
            for (name, batch) in [("moving_mean", &m), ("moving_variance", &v)] {
                if let Some(var) = layer.weight(name) {
                    let cur = var.value.borrow().clone();
                    let b = sh::reshape_to(&batch.contiguous(), cur.shape());
                    let upd = ew::binary(Binary::Mul, &ew::binary(Binary::Sub, &cur, &b)?, &decay)?;
                    var.set(ew::binary(Binary::Sub, &cur, &upd)?);
                }
            }
            (m, v)
        } else {
            (
                get("moving_mean").unwrap_or_else(|| Tensor::scalar(0f32)),
                get("moving_variance").unwrap_or_else(|| Tensor::scalar(1f32)),
            )
        };
        // Broadcast the per-channel parameters along `ax`.
        let mut bshape = vec![1usize; x.ndim()];
        bshape[ax as usize] = x.shape()[ax as usize];
        let shape_to = |t: Tensor| sh::reshape_to(&t.contiguous(), &bshape);
        let (mean, var) = (shape_to(mean), shape_to(var));
        // tf.nn.batch_normalization: inv = rsqrt(var + eps) * gamma; x * inv + (beta - mean * inv)
        let mut inv = ew::unary(
            Unary::Rsqrt,
            &ew::binary(Binary::Add, &var, &Tensor::scalar(self.epsilon as f32))?,
        )?;
        if let Some(g) = get("gamma") {
            inv = ew::binary(Binary::Mul, &inv, &shape_to(g))?;
        }
        let shift = ew::binary(Binary::Mul, &mean, &inv)?;
        let offset = match get("beta") {
            Some(b) => ew::binary(Binary::Sub, &shape_to(b), &shift)?,
            None => ew::unary(Unary::Neg, &shift)?,
        };
        Ok(ew::binary(
            Binary::Add,
            &ew::binary(Binary::Mul, x, &inv)?,
            &offset,
        )?)
    }
}
