//! What the normalization layers share: their `axis` argument (an int, or a list Keras
//! tracks and prints as `ListWrapper`; resolved to positive axes when the layer is built)
//! and the normalization itself, as `tf.nn.batch_normalization` computes it.

use super::list_wrapper::{int_list, list_wrapper};
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{reduce, shape as sh};
use crate::tensor::{TResult, Tensor};
use std::cell::RefCell;

/// An `axis` argument, and the positive axes it names once the layer is built.
pub struct Axis {
    /// One axis as given, or None for a list.
    pub single: Option<i64>,
    pub list: Vec<i64>,
    pub built: RefCell<Option<Vec<usize>>>,
}

/// `(1, 2)` / `(3,)`: axes as a Python tuple prints.
pub fn tuple_str(axes: &[i64]) -> String {
    match axes {
        [a] => format!("({},)", a),
        _ => format!(
            "({})",
            axes.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Axis {
    /// Reads `axis=` (an int or a list/tuple of ints).
    pub fn parse(it: &mut Interp, v: &Value) -> R<Axis> {
        let bad = |it: &mut Interp| -> R<crate::eval::Flow> {
            Ok(type_err(format!(
                "Expected an int or a list/tuple of ints for the argument 'axis', but received: {}",
                it.repr(v)?
            )))
        };
        let (single, list) = match v {
            Value::Int(a) => (Some(*a), vec![*a]),
            Value::List(_) | Value::Tuple(_) => {
                let mut out = Vec::new();
                for x in it.collect_items(v)? {
                    match x {
                        Value::Int(a) => out.push(a),
                        _ => return Err(bad(it)?),
                    }
                }
                (None, out)
            }
            _ => return Err(bad(it)?),
        };
        Ok(Axis {
            single,
            list,
            built: RefCell::new(None),
        })
    }

    /// The attribute / config value: the int given, or a `ListWrapper` (of the resolved
    /// axes once built).
    pub fn value(&self) -> Value {
        if let Some(b) = &*self.built.borrow() {
            return int_list(&b.iter().map(|&a| a as i64).collect::<Vec<_>>());
        }
        match self.single {
            Some(a) => Value::Int(a),
            None => list_wrapper(self.list.iter().map(|&a| Value::Int(a)).collect()),
        }
    }

    /// Resolves the axes for an input rank (negative ones counted from the end) and keeps
    /// them; `invalid` words the out-of-range error with the adjusted axes.
    pub fn resolve(&self, ndim: usize, invalid: impl Fn(&[i64]) -> String) -> R<Vec<usize>> {
        if let Some(b) = &*self.built.borrow() {
            return Ok(b.clone());
        }
        let n = ndim as i64;
        let adj: Vec<i64> = self
            .list
            .iter()
            .map(|&a| if a < 0 { a + n } else { a })
            .collect();
        if adj.iter().any(|&a| a < 0 || a >= n) {
            return Err(value_err(invalid(&adj)));
        }
        let mut seen = adj.clone();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != adj.len() {
            return Err(err(
                ExcKind::ValueError,
                format!("Duplicate axis: {}", tuple_str(&adj)),
            ));
        }
        let out: Vec<usize> = adj.iter().map(|&a| a as usize).collect();
        *self.built.borrow_mut() = Some(out.clone());
        Ok(out)
    }
}

/// `tf.nn.batch_normalization`: `x * inv + (beta - mean * inv)` with
/// `inv = rsqrt(var + eps) * gamma`; every statistic already shaped to broadcast.
pub fn normalize(
    x: &Tensor,
    mean: &Tensor,
    var: &Tensor,
    gamma: Option<&Tensor>,
    beta: Option<&Tensor>,
    eps: f64,
) -> TResult<Tensor> {
    let mut inv = ew::unary(
        Unary::Rsqrt,
        &ew::binary(Binary::Add, var, &Tensor::scalar(eps as f32))?,
    )?;
    if let Some(g) = gamma {
        inv = ew::binary(Binary::Mul, &inv, g)?;
    }
    let shift = ew::binary(Binary::Mul, mean, &inv)?;
    let offset = match beta {
        Some(b) => ew::binary(Binary::Sub, b, &shift)?,
        None => ew::unary(Unary::Neg, &shift)?,
    };
    ew::binary(Binary::Add, &ew::binary(Binary::Mul, x, &inv)?, &offset)
}

/// A per-axis parameter reshaped to broadcast against an input of `shape` normalized
/// over the kept `axes` (their dims stay, every other is 1).
pub fn broadcast_shape(t: &Tensor, shape: &[usize], axes: &[usize]) -> Tensor {
    let b: Vec<usize> = (0..shape.len())
        .map(|d| if axes.contains(&d) { shape[d] } else { 1 })
        .collect();
    if b.iter().product::<usize>() != t.size() {
        // An input the layer was not built for: left to the ops' broadcasting errors.
        return t.clone();
    }
    sh::reshape_to(&t.contiguous(), &b)
}

/// The input check of a built normalization layer: the normalized axes keep the sizes
/// its weights were made for.
pub fn check_built_dims(
    layer: &crate::nn::layer::Layer,
    axis: &Axis,
    x: &Tensor,
    weight: Option<Tensor>,
) -> R<()> {
    let (Some(axes), Some(w)) = (axis.built.borrow().clone(), weight) else {
        return Ok(());
    };
    let dims: Vec<usize> = if w.ndim() == x.ndim() && axes.len() > 1 {
        axes.iter().map(|&a| w.shape()[a]).collect()
    } else {
        w.shape().to_vec()
    };
    for (i, &a) in axes.iter().enumerate() {
        let want = dims.get(i).copied().unwrap_or(1);
        if x.shape().get(a) != Some(&want) {
            return Err(super::incompatible(
                layer,
                format!(
                    "expected axis {} of input shape to have value {}, but received input with shape {}",
                    a,
                    want,
                    crate::print::shape_tuple(x.shape())
                ),
            ));
        }
    }
    Ok(())
}

/// Mean and biased variance over `red` as TensorFlow's fused batch-norm kernel computes
/// them (`sum * (1 / n)`), kept as broadcastable dims; also `n`.
pub fn fused_moments(x: &Tensor, red: &[i64]) -> TResult<(Tensor, Tensor, usize)> {
    let n: usize = red.iter().map(|&d| x.shape()[d as usize]).product();
    let inv_n = Tensor::scalar(1.0f32 / n.max(1) as f32);
    let sum = |t: &Tensor| reduce::reduce(reduce::Reduce::Sum, t, Some(red), true);
    let mean = ew::binary(Binary::Mul, &sum(x)?, &inv_n)?;
    let centered = ew::binary(Binary::Sub, x, &mean)?;
    let var = ew::binary(
        Binary::Mul,
        &sum(&ew::unary(Unary::Square, &centered)?)?,
        &inv_n,
    )?;
    Ok((mean, var, n))
}

/// The fused kernel's output: `(x - mean) * (rsqrt(var + eps) * gamma) + beta`.
pub fn fused_normalize(
    x: &Tensor,
    mean: &Tensor,
    var: &Tensor,
    gamma: Option<&Tensor>,
    beta: Option<&Tensor>,
    eps: f64,
) -> TResult<Tensor> {
    let mut factor = ew::unary(
        Unary::Rsqrt,
        &ew::binary(Binary::Add, var, &Tensor::scalar(eps as f32))?,
    )?;
    if let Some(g) = gamma {
        factor = ew::binary(Binary::Mul, &factor, g)?;
    }
    let out = ew::binary(Binary::Mul, &ew::binary(Binary::Sub, x, mean)?, &factor)?;
    match beta {
        Some(b) => ew::binary(Binary::Add, &out, b),
        None => Ok(out),
    }
}
