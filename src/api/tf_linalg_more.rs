//! `tf.linalg.matvec`, `tf.linalg.trace` and `tf.einsum`, declared once each.

use super::convert::to_tensor;
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err};
use crate::eval::Value;
use crate::tensor::ops::elementwise::check_same_dtype_in;
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::ops::{einsum, linalg, moves, shape};

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
