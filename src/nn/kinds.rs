//! What each built-in layer computes: build (weights and their initializers) and call, and
//! the output shape each gives for a known input shape (for summaries).

use super::activations::Act;
use super::initializers::Init;
use super::layer::Layer;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{linalg, reduce, shape as sh};
use crate::tensor::{DType, Tensor};

pub enum Kind {
    Dense {
        units: usize,
        activation: Act,
        use_bias: bool,
        kernel_init: Init,
        bias_init: Init,
    },
    Dropout {
        rate: f64,
    },
    Flatten,
    Activation {
        activation: Act,
    },
    ReLU {
        max_value: Option<f64>,
        negative_slope: f64,
        threshold: f64,
    },
    LeakyReLU {
        alpha: f64,
    },
    Softmax {
        axis: i64,
    },
    BatchNorm {
        axis: i64,
        momentum: f64,
        epsilon: f64,
        center: bool,
        scale: bool,
    },
    Add,
    InputLayer,
    /// A user subclass of `keras.layers.Layer` or `keras.Model`.
    Custom,
}

/// The Keras module path of a built-in layer class, for reprs.
pub fn module_of(class: &str) -> &'static str {
    match class {
        "Dense" => "core.dense",
        "Activation" => "core.activation",
        "Dropout" => "regularization.dropout",
        "Flatten" => "reshaping.flatten",
        "ReLU" => "activation.relu",
        "LeakyReLU" => "activation.leaky_relu",
        "Softmax" => "activation.softmax",
        "BatchNormalization" => "normalization.batch_normalization",
        "Add" => "merging.add",
        _ => "engine.base_layer",
    }
}

/// Attributes particular to a kind (`units`, `activation`, `rate`...).
pub fn kind_attr(layer: &Layer, name: &str) -> Option<Value> {
    match (&*layer.kind.borrow(), name) {
        (Kind::Dense { units, .. }, "units") => Some(Value::Int(*units as i64)),
        (Kind::Dense { activation, .. }, "activation")
        | (Kind::Activation { activation }, "activation") => Some(activation.value()),
        (Kind::Dense { use_bias, .. }, "use_bias") => Some(Value::Bool(*use_bias)),
        (Kind::Dropout { rate }, "rate") => Some(Value::Float(*rate)),
        (Kind::LeakyReLU { alpha }, "alpha") => Some(Value::Float(*alpha)),
        (Kind::Softmax { axis }, "axis") | (Kind::BatchNorm { axis, .. }, "axis") => {
            Some(Value::Int(*axis))
        }
        (Kind::BatchNorm { momentum, .. }, "momentum") => Some(Value::Float(*momentum)),
        (Kind::BatchNorm { epsilon, .. }, "epsilon") => Some(Value::Float(*epsilon)),
        _ => None,
    }
}

/// The kind-specific attribute names (for completion).
pub fn kind_attr_names(kind: &Kind) -> &'static [&'static str] {
    match kind {
        Kind::Dense { .. } => &["units", "activation", "use_bias"],
        Kind::Activation { .. } => &["activation"],
        Kind::Dropout { .. } => &["rate"],
        Kind::LeakyReLU { .. } => &["alpha"],
        Kind::Softmax { .. } => &["axis"],
        Kind::BatchNorm { .. } => &["axis", "momentum", "epsilon"],
        _ => &[],
    }
}

fn dims_str(shape: &[Option<usize>]) -> String {
    crate::eval::repr::shape_str(&Some(shape.to_vec()))
}

/// Builds the layer for an input shape (`scoped`: inside its name scope, as in a call or a
/// model build). A rebuild replaces the weights.
pub fn build(it: &mut Interp, layer: &Layer, shape: &[Option<usize>], scoped: bool) -> R<()> {
    let spec = match &*layer.kind.borrow() {
        Kind::Dense {
            units,
            use_bias,
            kernel_init,
            bias_init,
            ..
        } => {
            let last = shape.last().copied().flatten().ok_or_else(|| {
                value_err(format!(
                    "The last dimension of the inputs to a Dense layer should be defined. Found None. Full input shape received: {}",
                    dims_str(shape)
                ))
            })?;
            let mut w = vec![("kernel", kernel_init.clone(), vec![last, *units], true)];
            if *use_bias {
                w.push(("bias", bias_init.clone(), vec![*units], true));
            }
            w
        }
        Kind::BatchNorm {
            axis,
            center,
            scale,
            ..
        } => {
            let nd = shape.len() as i64;
            let ax = if *axis < 0 { axis + nd } else { *axis };
            let c = usize::try_from(ax).ok().and_then(|a| shape.get(a).copied().flatten()).ok_or_else(|| {
                value_err(format!("Axis {} of input tensor should have a defined dimension but the layer received an input with shape {}.", axis, dims_str(shape)))
            })?;
            let mut w = Vec::new();
            if *scale {
                w.push(("gamma", Init::Ones, vec![c], true));
            }
            if *center {
                w.push(("beta", Init::Zeros, vec![c], true));
            }
            w.push(("moving_mean", Init::Zeros, vec![c], false));
            w.push(("moving_variance", Init::Ones, vec![c], false));
            w
        }
        _ => vec![],
    };
    for (attr, init, dims, trainable) in spec {
        let t = init.sample(it, &dims, DType::F32)?;
        layer.set_weight(it, attr, t, trainable, scoped);
    }
    layer.built.set(true);
    Ok(())
}

/// The output shape for an input shape (batch dim may be None).
pub fn output_shape(layer: &Layer, shape: &[Option<usize>]) -> Vec<Option<usize>> {
    match &*layer.kind.borrow() {
        Kind::Dense { units, .. } => {
            let mut s = shape.to_vec();
            if let Some(l) = s.last_mut() {
                *l = Some(*units);
            }
            s
        }
        Kind::Flatten => {
            let rest: Option<usize> = shape
                .iter()
                .skip(1)
                .try_fold(1usize, |a, d| d.map(|d| a * d));
            vec![shape.first().copied().flatten(), rest]
        }
        _ => shape.to_vec(),
    }
}

/// Keras casts layer inputs to the layer's float32 compute dtype.
fn autocast(x: Tensor) -> Tensor {
    if x.dtype() == DType::F32 {
        x
    } else {
        x.cast(DType::F32)
    }
}

fn incompatible(layer: &Layer, detail: String) -> crate::eval::Flow {
    value_err(format!(
        "Input 0 of layer \"{}\" is incompatible with the layer: {}",
        layer.name, detail
    ))
}

/// Calls a built-in layer on `x`, building it first if needed.
pub fn call(it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
    if matches!(&*layer.kind.borrow(), Kind::Add) {
        let items: Vec<Value> = it.iterate(x)?.collect();
        let mut acc: Option<Tensor> = None;
        for v in &items {
            let t = autocast(super::layer::tensor_arg(it, v)?);
            acc = Some(match acc {
                None => t,
                Some(a) => ew::binary(Binary::Add, &a, &t)?,
            });
        }
        layer.built.set(true);
        return acc
            .map(Value::Tensor)
            .ok_or_else(|| value_err("A merge layer should be called on a list of inputs."));
    }
    let x = autocast(super::layer::tensor_arg(it, x)?);
    if matches!(&*layer.kind.borrow(), Kind::Dense { .. }) && x.ndim() < 2 {
        return Err(incompatible(
            layer,
            format!(
                "expected min_ndim=2, found ndim={}. Full shape received: {}",
                x.ndim(),
                crate::print::shape_tuple(x.shape())
            ),
        ));
    }
    if !layer.built.get() {
        let shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
        build(it, layer, &shape, true)?;
    }
    let kind = layer.kind.borrow();
    let y = match &*kind {
        Kind::Dense {
            units, activation, ..
        } => {
            let kernel = layer.weight("kernel").map(|v| v.read());
            let Some(kernel) = kernel else {
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
            if let Some(b) = layer.weight("bias") {
                let b = b.read();
                y = super::fused::bias_act(&y, &b, activation)?;
                if !super::fused::fuses(activation) {
                    y = activation.apply(it, &y)?;
                }
            } else {
                y = activation.apply(it, &y)?;
            }
            let mut out = batch;
            out.push(*units);
            sh::reshape_to(&y, &out)
        }
        Kind::Dropout { rate } => {
            if !training || *rate == 0.0 {
                x
            } else {
                let keep = 1.0 - rate;
                let u = it.rng.uniform(x.shape(), 0.0, 1.0, DType::F32);
                let mask =
                    ew::compare(ew::Compare::GreaterEqual, &u, &Tensor::scalar(*rate as f32))?
                        .cast(DType::F32);
                let scaled = ew::binary(Binary::Mul, &x, &Tensor::scalar((1.0 / keep) as f32))?;
                ew::binary(Binary::Mul, &scaled, &mask)?
            }
        }
        Kind::Flatten => {
            let batch = x.shape().first().copied().unwrap_or(1);
            let rest: usize = x.shape().iter().skip(1).product();
            sh::reshape_to(&x.contiguous(), &[batch, rest])
        }
        Kind::Activation { activation } => {
            let a = activation.clone();
            drop(kind);
            return Ok(Value::Tensor(a.apply(it, &x)?));
        }
        Kind::ReLU {
            max_value,
            negative_slope,
            threshold,
        } => super::activations::relu(&x, *negative_slope, *max_value, *threshold)?,
        Kind::LeakyReLU { alpha } => crate::api::tf_nn::leaky_relu(&x, *alpha)?,
        Kind::Softmax { axis } => crate::tensor::ops::nn::softmax(&x, *axis, false)?,
        Kind::BatchNorm {
            axis,
            momentum,
            epsilon,
            ..
        } => batch_norm(layer, &x, *axis, *momentum, *epsilon, training)?,
        Kind::InputLayer | Kind::Custom | Kind::Add => x,
    };
    Ok(Value::Tensor(y))
}

fn batch_norm(
    layer: &Layer,
    x: &Tensor,
    axis: i64,
    momentum: f64,
    eps: f64,
    training: bool,
) -> R<Tensor> {
    let nd = x.ndim() as i64;
    let ax = if axis < 0 { axis + nd } else { axis };
    let red: Vec<i64> = (0..nd).filter(|&d| d != ax).collect();
    let get = |n: &str| layer.weight(n).map(|v| v.read());
    let (mean, var) = if training {
        let m = reduce::reduce(reduce::Reduce::Mean, x, Some(&red), true)?;
        let d = ew::binary(Binary::SquaredDifference, x, &m)?;
        let v = reduce::reduce(reduce::Reduce::Mean, &d, Some(&red), true)?;
        // Moving statistics: m - (m - batch) * (1 - momentum), as Keras assigns them.
        let decay = Tensor::scalar((1.0 - momentum) as f32);
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
        &ew::binary(Binary::Add, &var, &Tensor::scalar(eps as f32))?,
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
