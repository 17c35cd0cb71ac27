//! `Dot(axes, normalize=False)`: the dot product of two batched inputs along one axis of
//! each (Keras's `batch_dot`), optionally of their L2-normalized forms (cosine proximity).

use super::merge::{in_call, list_inputs, not_a_list, shapes_str};
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::print::shape_tuple;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{linalg, reduce, shape as sh};
use crate::tensor::{TResult, Tensor};

pub struct Dot {
    /// One axis for both inputs, or one for each.
    pub axes: (i64, Option<i64>),
    /// `axes` as given, for `get_config()`.
    pub axes_value: Value,
    pub normalize: bool,
}

crate::builtin! {
    /// Layer that computes a dot product between samples in two tensors.
    op("Dot.__init__") ["tf.keras.layers.Dot"]
    fn Dot(it, axes, normalize = False, **kwargs) {
        let common = super::Common::from_kwargs(it, "Dot", &kwargs)?;
        let kind = match Dot::new(it, &axes, &normalize) {
            Ok(k) => k,
            Err(e) => {
                // Keras names the layer before it checks `axes`.
                if common.name.is_none() {
                    it.unique_name("dot");
                }
                return Err(e);
            }
        };
        common.make(it, kind)
    }
}

/// Python's `a % n` for a possibly negative axis.
fn wrap(a: i64, n: usize) -> i64 {
    if a < 0 {
        a.rem_euclid(n.max(1) as i64)
    } else {
        a
    }
}

impl Dot {
    /// The layer kind for `axes` and `normalize`, with Keras's argument checks.
    pub fn new(it: &mut Interp, axes: &Value, normalize: &Value) -> R<Dot> {
        let shown = match axes {
            Value::Str(s) => s.to_string(),
            other => it.repr(other)?,
        };
        let (pair, axes_value) = match axes {
            Value::Int(a) => ((*a, None), axes.clone()),
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(axes)?;
                if items.len() != 2 {
                    return Err(value_err(format!(
                        "Invalid format for argument `axes`: it should contain two elements. Received: axes={}",
                        shown
                    )));
                }
                let (Value::Int(a), Value::Int(b)) = (&items[0], &items[1]) else {
                    return Err(value_err(format!(
                        "Invalid format for argument `axes`: list elements should be integers. Received: axes={}",
                        shown
                    )));
                };
                let shown_value = if matches!(axes, Value::List(_)) {
                    super::list_wrapper::list_wrapper(items.clone())
                } else {
                    axes.clone()
                };
                ((*a, Some(*b)), shown_value)
            }
            _ => {
                return Err(type_err(format!(
                    "Invalid type for argument `axes`: it should be a list or an int. Received: axes={}",
                    shown
                )))
            }
        };
        let normalize = it.truthy(normalize)?;
        Ok(Dot {
            axes: pair,
            axes_value,
            normalize,
        })
    }
    /// The contraction axis of each input.
    fn resolve(&self, n1: usize, n2: usize) -> (i64, i64) {
        match self.axes {
            (a, None) => (wrap(a, n1), wrap(a, n2)),
            (a, Some(b)) => (wrap(a, n1), wrap(b, n2)),
        }
    }
}

/// `tf.linalg.l2_normalize`: `x * rsqrt(max(sum(x²), 1e-12))` along `axis`.
fn l2_normalize(x: &Tensor, axis: i64) -> TResult<Tensor> {
    let sq = reduce::reduce(
        reduce::Reduce::Sum,
        &ew::unary(Unary::Square, x)?,
        Some(&[axis]),
        true,
    )?;
    let eps = Tensor::scalar(1e-12f32).cast(x.dtype());
    let inv = ew::unary(Unary::Rsqrt, &ew::binary(Binary::Maximum, &sq, &eps)?)?;
    ew::binary(Binary::Mul, x, &inv)
}

/// Keras's `batch_dot`: contracts axis `a` of `x` with axis `b` of `y`, batched over axis 0;
/// the result holds x's other axes then y's (at least one besides the batch).
fn batch_dot(x: &Tensor, y: &Tensor, a: usize, b: usize) -> TResult<Tensor> {
    let (xs, ys) = (x.shape().to_vec(), y.shape().to_vec());
    if xs.len() == 2 && ys.len() == 2 {
        // Two matrices: Keras sums the elementwise product.
        let yy = if a == b {
            y.clone()
        } else {
            sh::transpose(y, Some(&[1, 0]))?
        };
        let xx = if a == b {
            x.clone()
        } else {
            sh::transpose(x, Some(&[1, 0]))?
        };
        let axis = if a == b { a } else { b } as i64;
        let p = ew::binary(Binary::Mul, &xx, &yy)?;
        let out = reduce::reduce(reduce::Reduce::Sum, &p, Some(&[axis]), false)?;
        return sh::expand_dims(&out, 1);
    }
    let batch = xs[0];
    // x to (batch, rest..., k), y to (batch, k, rest...).
    let mut px: Vec<i64> = (0..xs.len() as i64).filter(|&i| i != a as i64).collect();
    px.push(a as i64);
    let mut py: Vec<i64> = vec![0, b as i64];
    py.extend((1..ys.len() as i64).filter(|&i| i != b as i64));
    let xt = sh::transpose(x, Some(&px))?;
    let yt = sh::transpose(y, Some(&py))?;
    let xr: Vec<usize> = px[1..px.len() - 1]
        .iter()
        .map(|&i| xs[i as usize])
        .collect();
    let yr: Vec<usize> = py[2..].iter().map(|&i| ys[i as usize]).collect();
    let (m, n, k) = (
        xr.iter().product::<usize>(),
        yr.iter().product::<usize>(),
        xs[a],
    );
    let x3 = sh::reshape_to(&xt.contiguous(), &[batch, m, k]);
    let y3 = sh::reshape_to(&yt.contiguous(), &[batch, k, n]);
    let out = linalg::matmul(&x3, &y3, false, false)?;
    let mut shape = vec![batch];
    shape.extend(&xr);
    shape.extend(&yr);
    if shape.len() == 1 {
        shape.push(1);
    }
    Ok(sh::reshape_to(&out.contiguous(), &shape))
}

impl LayerKind for Dot {
    fn class_name(&self) -> &'static str {
        "Dot"
    }

    fn module(&self) -> &'static str {
        "merging.dot"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "axes" => Some(self.axes_value.clone()),
            "normalize" => Some(Value::Bool(self.normalize)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axes", "normalize"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("axes", self.axes_value.clone()),
            ("normalize", Value::Bool(self.normalize)),
        ]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        let two = |s: String| {
            value_err(format!(
                "A `Dot` layer should be called on a list of 2 inputs. Received: input_shape={}",
                s
            ))
        };
        let Some(ts) = list_inputs(it, x)? else {
            if layer.built.get() {
                return Err(not_a_list(it, layer, x)?);
            }
            let t = tensor_arg(it, x)?;
            return Err(two(shape_tuple(t.shape())));
        };
        if ts.len() != 2 {
            if !layer.built.get() {
                return Err(two(shapes_str(&ts)));
            }
            return Err(in_call(
                layer,
                ExcKind::ValueError,
                format!(
                    "A `Dot` layer should be called on exactly 2 inputs. Received: inputs={}",
                    shapes_str(&ts)
                ),
            ));
        }
        let (x1, x2) = (&ts[0], &ts[1]);
        let (a, b) = self.resolve(x1.ndim(), x2.ndim());
        if !layer.built.get() {
            let (s1, s2) = (x1.shape(), x2.shape());
            let (Some(d1), Some(d2)) = (s1.get(a as usize), s2.get(b as usize)) else {
                return raise(ExcKind::IndexError, "tuple index out of range");
            };
            if d1 != d2 {
                return Err(value_err(format!(
                    "Incompatible input shapes: axis values {} (at axis {}) != {} (at axis {}). Full input shapes: {}, {}",
                    d1, a, d2, b, shape_tuple(s1), shape_tuple(s2)
                )));
            }
            layer.built.set(true);
        }
        if x1.ndim() < 2 || x2.ndim() < 2 {
            return Err(in_call(
                layer,
                ExcKind::ValueError,
                format!(
                    "Cannot do batch_dot on inputs with rank < 2. Received inputs with tf.shapes {} and {}.",
                    shape_tuple(x1.shape()),
                    shape_tuple(x2.shape())
                ),
            ));
        }
        if x1.shape()[0] != x2.shape()[0] {
            return Err(in_call(
                layer,
                ExcKind::ValueError,
                format!(
                    "Cannot do batch_dot on inputs with different batch sizes. Received inputs with shapes {} and {}.",
                    shape_tuple(x1.shape()),
                    shape_tuple(x2.shape())
                ),
            ));
        }
        let (au, bu) = (a as usize, b as usize);
        if au >= x1.ndim() || bu >= x2.ndim() || x1.shape()[au] != x2.shape()[bu] {
            return Err(in_call(
                layer,
                ExcKind::InvalidArgumentError,
                format!(
                    "Matrix size-incompatible: In[0]: {}, In[1]: {}",
                    shape_tuple(x1.shape()),
                    shape_tuple(x2.shape())
                ),
            ));
        }
        if a == 0 || b == 0 {
            return Err(in_call(
                layer,
                ExcKind::ValueError,
                "Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch dimension to your inputs using K.expand_dims(x, 0)".into(),
            ));
        }
        let run = || -> TResult<Tensor> {
            let (y1, y2) = if self.normalize {
                (l2_normalize(x1, a)?, l2_normalize(x2, b)?)
            } else {
                (x1.clone(), x2.clone())
            };
            batch_dot(&y1, &y2, a as usize, b as usize)
        };
        run()
            .map(Value::Tensor)
            .map_err(|e| super::call_error(layer, e))
    }
}
