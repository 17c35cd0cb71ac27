//! `tf.linalg.matvec`, `tf.linalg.trace`, `tf.einsum`, `tf.tensordot`, `tf.linalg.cross` and
//! `tf.norm` (vector and matrix norms), declared once each.

use super::convert::to_tensor;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, value_err, R};
use crate::eval::Interp;
use crate::eval::Value;
use crate::tensor::ops::elementwise::check_same_dtype_in;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::ops::{einsum, linalg, moves, shape};
use crate::tensor::Tensor;

crate::builtin! {
    /// Multiplies matrix `a` by vector `b`, producing `a` * `b`.
    dispatch ["tf.linalg.matvec"]
    fn matvec(it, a, b, transpose_a = False, adjoint_a = False, a_is_sparse = False,
              b_is_sparse = False, name = None) {
        let a = to_tensor(it, &a, None)?;
        let b = to_tensor(it, &b, None)?;
        let ta = it.truthy(&transpose_a)? || it.truthy(&adjoint_a)?;
        check_same_dtype_in("_MklMatMul", "MatMul", &a, &b)?;
        let col = shape::expand_dims(&b, -1)?;
        let prod = linalg::matmul(&a, &col, ta, false)?;
        Ok(Value::Tensor(shape::squeeze(&prod, Some(&[-1]))?))
    }
}

crate::builtin! {
    /// Compute the trace of a tensor `x`.
    dispatch ["tf.linalg.trace"]
    fn trace(it, x, name = None) {
        let x = to_tensor(it, &x, None)?;
        let d = moves::diag_part(&x)?;
        Ok(Value::Tensor(reduce(Reduce::Sum, &d, Some(&[-1]), false)?))
    }
}

crate::builtin! {
    /// Tensor contraction over specified indices and outer product.
    python ["tf.einsum", "tf.linalg.einsum"]
    fn einsum(it, equation, *inputs, **kwargs) {
        if let Value::Dict(d) = &kwargs {
            let bad: Vec<String> = d
                .borrow()
                .keys
                .iter()
                .filter_map(|k| match k {
                    Value::Str(s) if !["name", "optimize", "greedy"].contains(&&**s) => {
                        Some(s.to_string())
                    }
                    _ => None,
                })
                .collect();
            if !bad.is_empty() {
                return Err(type_err(format!(
                    "Invalid keyword arguments for einsum: {}. Valid arguments: name, optimize, greedy.",
                    bad.join(", ")
                )));
            }
        }
        let items: Vec<Value> = it.collect_items(&inputs)?;
        let mut ts = Vec::with_capacity(items.len());
        for v in &items {
            match v {
                Value::Tensor(_) | Value::Variable(_) | Value::NdArray(_) => {
                    ts.push(to_tensor(it, v, None)?)
                }
                other => {
                    return Err(err(ExcKind::AttributeError,
                        format!("'{}' object has no attribute 'shape'", other.type_name()),
                    ))
                }
            }
        }
        let Value::Str(eq) = &equation else {
            return Err(err(ExcKind::AttributeError,
                format!("'{}' object has no attribute 'replace'", equation.type_name()),
            ));
        };
        Ok(Value::Tensor(einsum::einsum(eq, &ts)?))
    }
}

/// An `ord` of `tf.norm`, as the Python code compares it.
#[derive(Clone, Copy, PartialEq)]
enum NormOrd {
    Euclidean,
    Fro,
    P(f64),
}

/// `str(ord)` for the messages.
fn ord_text(it: &mut Interp, v: &Value) -> R<String> {
    it.str_of(v)
}

/// `tf.norm`'s `ord` checks: matrix norms accept 'euclidean', 'fro', 1, 2 and inf; vector
/// norms 'euclidean' and positive numbers.
fn norm_ord(it: &mut Interp, ord: &Value, matrix: bool) -> R<NormOrd> {
    let num = match ord {
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::BigInt(b) => Some(if b.sign() == num_bigint::Sign::Minus {
            f64::MIN
        } else {
            f64::MAX
        }),
        _ => None,
    };
    let name = match ord {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    };
    if matrix {
        let ok = match (&name, num) {
            (Some(s), _) => s == "euclidean" || s == "fro",
            (None, Some(p)) => p == 1.0 || p == 2.0 || p == f64::INFINITY,
            _ => false,
        };
        if !ok {
            return Err(value_err(format!(
                "'ord' must be a supported matrix norm in ['euclidean', 'fro', 1, 2, inf], got {}",
                ord_text(it, ord)?
            )));
        }
    } else {
        match (&name, num) {
            (Some(s), _) if s == "euclidean" => {}
            (None, Some(p)) if p > 0.0 || p.is_nan() => {}
            (None, None) if matches!(ord, Value::Tensor(_) | Value::Variable(_)) => {
                return Err(type_err(
                    "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed.",
                ));
            }
            (None, None)
                if !matches!(
                    ord,
                    Value::List(_)
                        | Value::Tuple(_)
                        | Value::Bytes(_)
                        | Value::NdArray(_)
                        | Value::Range(..)
                ) =>
            {
                return Err(type_err(format!(
                    "'<=' not supported between instances of '{}' and 'int'",
                    ord.type_name()
                )));
            }
            _ => {
                return Err(value_err(format!(
                    "'ord' must be a supported vector norm, got {}",
                    ord_text(it, ord)?
                )))
            }
        }
    }
    Ok(match (name, num) {
        (Some(s), _) if s == "fro" => NormOrd::Fro,
        (Some(_), _) => NormOrd::Euclidean,
        (None, Some(p)) => NormOrd::P(p),
        _ => NormOrd::Euclidean,
    })
}

builtin! {
    /// Computes the norm of vectors, matrices, and tensors.
    dispatch ["tf.linalg.norm", "tf.norm"]
    fn norm(it, tensor, ord = "euclidean", axis = None, keepdims = None, name = None) {
        let keep = it.truthy(&keepdims)?;
        let pair_axes = match &axis {
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(&axis)?;
                (items.len() == 2).then_some(items)
            }
            _ => None,
        };
        let bad_axis = |it: &mut Interp| -> R<crate::eval::error::Flow> {
            Ok(value_err(format!(
                "'axis' must be None, an integer, or a tuple of 2 unique integers, got {}",
                it.str_of(&axis)?
            )))
        };
        let axes: Option<Vec<i64>> = match &pair_axes {
            Some(items) => {
                let ints: Vec<Option<i64>> = items
                    .iter()
                    .map(|v| match v {
                        Value::Int(i) => Some(*i),
                        Value::Bool(b) => Some(*b as i64),
                        _ => None,
                    })
                    .collect();
                match (ints[0], ints[1]) {
                    (Some(a), Some(b)) if a != b => Some(vec![a, b]),
                    _ => return Err(bad_axis(it)?),
                }
            }
            None => match &axis {
                Value::None => None,
                Value::Int(i) => Some(vec![*i]),
                Value::Bool(b) => Some(vec![*b as i64]),
                _ => return Err(bad_axis(it)?),
            },
        };
        let matrix = pair_axes.is_some();
        let ord = norm_ord(it, &ord, matrix)?;
        let x = to_tensor(it, &tensor, None)?;
        let ax = axes.as_deref();
        let red = |op: Reduce, t: &Tensor, a: Option<&[i64]>| reduce(op, t, a, true);
        let result = match ord {
            NormOrd::P(p) if matrix && p == 2.0 => matrix_two_norm(&x, ax.unwrap_or(&[]))?,
            NormOrd::Euclidean | NormOrd::Fro | NormOrd::P(2.0) => {
                let sq = ew::binary(Binary::Mul, &x, &x)?;
                ew::unary(Unary::Sqrt, &red(Reduce::Sum, &sq, ax)?)?
            }
            NormOrd::P(p) => {
                let a = ew::unary(Unary::Abs, &x)?;
                if p == 1.0 {
                    let first = ax.map(|a| vec![a[0]]);
                    let s = red(Reduce::Sum, &a, first.as_deref())?;
                    if matrix { red(Reduce::Max, &s, ax.map(|a| &a[1..]))? } else { s }
                } else if p == f64::INFINITY {
                    let a = if matrix { red(Reduce::Sum, &a, ax.map(|a| &a[1..]))? } else { a };
                    let first = ax.map(|a| vec![a[0]]);
                    red(Reduce::Max, &a, first.as_deref())?
                } else {
                    let pt = Tensor::from_f64s(x.dtype(), &[], &[p]);
                    let inv = Tensor::from_f64s(x.dtype(), &[], &[1.0 / p]);
                    let powed = ew::binary(Binary::Pow, &a, &pt)?;
                    ew::binary(Binary::Pow, &red(Reduce::Sum, &powed, ax)?, &inv)?
                }
            }
        };
        if keep {
            return Ok(Value::Tensor(result));
        }
        Ok(Value::Tensor(shape::squeeze(&result, ax)?))
    }
}

/// The matrix 2-norm over `axes`: the largest singular value, kept as size-1 axes.
fn matrix_two_norm(x: &Tensor, axes: &[i64]) -> R<Tensor> {
    let rank = x.ndim() as i64;
    let pos: Vec<i64> = axes
        .iter()
        .map(|&a| if a < 0 { a + rank } else { a })
        .collect();
    let mut perm: Vec<i64> = (0..rank).filter(|a| !pos.contains(a)).collect();
    perm.extend(&pos);
    let permed = shape::transpose(x, Some(&perm))?.contiguous();
    if !permed.dtype().is_float() {
        return Err(crate::eval::error::err(
            ExcKind::InvalidArgumentError,
            format!(
                "Value for attr 'T' of {} is not in the list of allowed values: double, float, half, complex64, complex128",
                permed.dtype().name()
            ),
        ));
    }
    let (s, _, _) = super::tf_linalg_decomp::svd_of(&permed, false, false)?;
    let m = reduce(Reduce::Max, &ew::unary(Unary::Abs, &s)?, Some(&[-1]), true)?;
    let m = shape::expand_dims(&m, -1)?;
    let mut after = vec![0i64; rank as usize];
    for (i, &p) in perm.iter().enumerate() {
        after[p as usize] = i as i64;
    }
    Ok(shape::transpose(&m, Some(&after))?)
}

/// `tensordot`'s axes: `(a_axes, b_axes)` from an int or a pair of lists.
fn tensordot_axes(it: &mut Interp, axes: &Value, a: &Tensor) -> R<(Vec<i64>, Vec<i64>)> {
    let rank = a.ndim() as i64;
    if let Value::Int(n) = axes {
        if *n < 0 {
            return Err(value_err("'axes' must be at least 0."));
        }
        if *n > rank {
            return Err(value_err(format!(
                "'axes' must not be larger than the number of dimensions of tensor {}. Received {}, vs tensor dimensions {}.",
                it.repr(&Value::Tensor(a.clone()))?, n, rank
            )));
        }
        return Ok(((rank - n..rank).collect(), (0..*n).collect()));
    }
    let items = it.collect_items(axes)?;
    if items.len() != 2 {
        return Err(value_err(format!(
            "`axes` must be an integer or have length 2. Received {}.",
            it.str_of(axes)?
        )));
    }
    let side = |it: &mut Interp, v: &Value| -> R<Vec<i64>> {
        match v {
            Value::Int(i) => Ok(vec![*i]),
            other => super::convert::int_list(it, other, "axes"),
        }
    };
    let (x, y) = (side(it, &items[0])?, side(it, &items[1])?);
    if x.len() != y.len() {
        return Err(value_err(format!(
            "Different number of contraction axes `a` and `b`, {} != {}.",
            x.len(),
            y.len()
        )));
    }
    Ok((x, y))
}

/// `a` transposed so its free axes lead (or trail) and reshaped to a matrix; the free dims.
fn tensordot_matrix(t: &Tensor, axes: &[i64], flipped: bool) -> R<(Tensor, Vec<usize>)> {
    let rank = t.ndim() as i64;
    let axes: Vec<i64> = axes
        .iter()
        .map(|&a| if a < 0 { a + rank } else { a })
        .collect();
    let free: Vec<i64> = (0..rank).filter(|a| !axes.contains(a)).collect();
    let free_dims: Vec<usize> = free.iter().map(|&a| t.shape()[a as usize]).collect();
    let prod_free: usize = free_dims.iter().product();
    let prod_axes: usize = axes
        .iter()
        .map(|&a| t.shape().get(a as usize).copied().unwrap_or(1))
        .product();
    let perm: Vec<i64> = if flipped {
        axes.iter().chain(&free).copied().collect()
    } else {
        free.iter().chain(&axes).copied().collect()
    };
    let moved = shape::transpose(t, Some(&perm))?;
    let dims = if flipped {
        [prod_axes, prod_free]
    } else {
        [prod_free, prod_axes]
    };
    Ok((shape::reshape_to(&moved.contiguous(), &dims), free_dims))
}

builtin! {
    /// Tensor contraction of a and b along specified axes and outer product.
    dispatch ["tf.tensordot", "tf.linalg.tensordot"]
    fn tensordot(it, a, b, axes, name = None) {
        let a = to_tensor(it, &a, None)?;
        let b = to_tensor(it, &b, None)?;
        let (aa, ba) = tensordot_axes(it, &axes, &a)?;
        let (am, afree) = tensordot_matrix(&a, &aa, false)?;
        let (bm, bfree) = tensordot_matrix(&b, &ba, true)?;
        let prod = linalg::matmul(&am, &bm, false, false)?;
        let mut dims = afree;
        dims.extend(bfree);
        Ok(Value::Tensor(shape::reshape_to(&prod, &dims)))
    }
}

builtin! {
    /// Compute the pairwise cross product.
    dispatch ["tf.linalg.cross"]
    fn cross(it, a, b, name = None) {
        let (x, y) = super::tf_math::pair(it, &a, &b)?;
        crate::tensor::ops::elementwise::check_same_dtype("Cross", &x, &y)?;
        if x.shape() != y.shape() {
            return Err(crate::tensor::error::op_error("Cross", "Cross", format!(
                "Both inputs must be of same shape: {} vs. {}",
                crate::tensor::broadcast::shape_brackets(x.shape()),
                crate::tensor::broadcast::shape_brackets(y.shape())
            ), None).into());
        }
        if x.shape().last() != Some(&3) {
            return Err(err(
                ExcKind::FailedPreconditionError,
                "{{function_node __wrapped__Cross_device_/job:localhost/replica:0/task:0/device:CPU:0}} Cross-products are only defined for 3-element vectors. [Op:Cross]",
            ));
        }
        let last = x.ndim() - 1;
        let part = |t: &Tensor, i: usize| shape::slice_axis(t, last, i, i + 1);
        let (x0, x1, x2) = (part(&x, 0), part(&x, 1), part(&x, 2));
        let (y0, y1, y2) = (part(&y, 0), part(&y, 1), part(&y, 2));
        let term = |p: &Tensor, q: &Tensor, r: &Tensor, s: &Tensor| -> R<Tensor> {
            Ok(ew::binary(Binary::Sub, &ew::binary(Binary::Mul, p, q)?, &ew::binary(Binary::Mul, r, s)?)?)
        };
        let c = shape::concat(&[
            term(&x1, &y2, &x2, &y1)?,
            term(&x2, &y0, &x0, &y2)?,
            term(&x0, &y1, &x1, &y0)?,
        ], last as i64)?;
        Ok(Value::Tensor(c))
    }
}
