//! `tf.linalg`'s solvers: `solve`, `triangular_solve`, `cholesky_solve` and `lstsq` (the
//! fast Cholesky path of the normal equations, and `fast=False`'s complete orthogonal
//! decomposition). Errors name TensorFlow's kernels as `tf_linalg_decomp` does.

use super::convert::{tensor_of, to_tensor};
use super::tf_linalg_decomp::{
    by_float, cholesky_of, float_only, kernel_err, suffix, Spec, CHOLESKY, INV_ORDER,
};
use super::tf_math::pair;
use crate::builtin;
use crate::eval::error::R;
use crate::eval::Value;
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::ops::decomp::batch::{from_matrices, matrices, Float};
use crate::tensor::ops::decomp::lu::{eigen_lu, eigen_lu_solve, eigen_tri_solve, Tri};
use crate::tensor::ops::decomp::qr::eigen_cod_solve;
use crate::tensor::ops::decomp::Mat;
use crate::tensor::ops::elementwise::{self as ew, check_same_dtype, Binary};
use crate::tensor::ops::{linalg, shape};
use crate::tensor::{DType, Tensor};

const SOLVE: Spec = Spec {
    op: "MatrixSolve",
    sig: "matrix:T, rhs:T -> output:T",
    attrs: "attr=adjoint:bool,default=false; ",
    allowed: INV_ORDER,
};
const TRI_SOLVE: Spec = Spec {
    op: "MatrixTriangularSolve",
    sig: "matrix:T, rhs:T -> output:T",
    attrs: "attr=lower:bool,default=true; attr=adjoint:bool,default=false; ",
    allowed: "bfloat16, double, float, half, complex64, complex128",
};

/// Validates two same-rank operands as TensorFlow's LinearAlgebraOp does, returning the
/// batch shape.
fn solver_shapes(spec: &Spec, a: &Tensor, b: &Tensor, sfx: Option<&str>) -> TResult<Vec<usize>> {
    if a.ndim() < 2 {
        return Err(kernel_err(
            spec,
            format!("Input tensor 0 must have rank >= 2, got {}", a.ndim()),
            sfx,
        ));
    }
    if b.ndim() != a.ndim() {
        return Err(kernel_err(
            spec,
            "All input tensors must have the same rank.",
            sfx,
        ));
    }
    let r = a.ndim();
    if a.shape()[..r - 2] != b.shape()[..r - 2] {
        return Err(kernel_err(
            spec,
            "All input tensors must have the same outer dimensions.",
            sfx,
        ));
    }
    if a.shape()[r - 2] != a.shape()[r - 1] {
        return Err(kernel_err(
            spec,
            "First input (lhs) must be a square matrix.",
            sfx,
        ));
    }
    if a.shape()[r - 2] != b.shape()[r - 2] {
        return Err(kernel_err(
            spec,
            "Input matrix and rhs are incompatible.",
            sfx,
        ));
    }
    Ok(a.shape()[..r - 2].to_vec())
}

fn solve_kernel<T: Float>(
    a: &Tensor,
    b: &Tensor,
    adjoint: bool,
    sfx: Option<&str>,
) -> TResult<Tensor> {
    let r = a.ndim();
    let (n, k) = (a.shape()[r - 1], b.shape()[r - 1]);
    let (batch, ams) = matrices::<T>(a)?;
    let (_, bms) = matrices::<T>(b)?;
    let mut res = Vec::with_capacity(ams.len());
    for (m, mut x) in ams.into_iter().zip(bms) {
        if n == 0 || k == 0 {
            res.push(Mat::zeros(n, k));
            continue;
        }
        let m = if adjoint { m.transpose() } else { m };
        let lu = eigen_lu(m);
        if !lu.invertible() {
            return Err(kernel_err(&SOLVE, "Input matrix is not invertible.", sfx));
        }
        eigen_lu_solve(&lu, &mut x);
        res.push(x);
    }
    Ok(from_matrices(&batch, n, k, &res, a.dtype()))
}

builtin! {
    /// Solves systems of linear equations.
    dispatch ["tf.linalg.solve"]
    fn solve(it, matrix, rhs, adjoint = False, name = None) {
        let sfx = suffix(&[&matrix, &rhs], &name);
        let sfx = sfx.as_deref();
        let (a, b) = pair(it, &matrix, &rhs)?;
        float_only(&SOLVE, &a, sfx)?;
        check_same_dtype(SOLVE.op, &a, &b)?;
        solver_shapes(&SOLVE, &a, &b, sfx)?;
        let adjoint = it.truthy(&adjoint)?;
        Ok(Value::Tensor(by_float!(a.dtype(), solve_kernel(&a, &b, adjoint, sfx))?))
    }
}

fn tri_kernel<T: Float>(a: &Tensor, b: &Tensor, lower: bool, adjoint: bool) -> TResult<Tensor> {
    let (ra, rb) = (a.ndim(), b.ndim());
    let n = a.shape()[ra - 1];
    let k = b.shape()[rb - 1];
    let (abatch, ams) = matrices::<T>(a)?;
    let (bbatch, bms) = matrices::<T>(b)?;
    let out = crate::tensor::broadcast::broadcast_shapes(&abatch, &bbatch).unwrap_or_default();
    let count: usize = out.iter().product();
    let tri = match (lower, adjoint) {
        (true, false) => Tri::Lower,
        (false, false) => Tri::Upper,
        (true, true) => Tri::LowerT,
        (false, true) => Tri::UpperT,
    };
    let mut res = Vec::with_capacity(count);
    for i in 0..count {
        let t = &ams[super::np_linalg::source_index(&out, &abatch, i)];
        let mut x = bms[super::np_linalg::source_index(&out, &bbatch, i)].clone();
        eigen_tri_solve(t, tri, &mut x);
        res.push(x);
    }
    Ok(from_matrices(&out, n, k, &res, a.dtype()))
}

/// `tf.linalg.triangular_solve` of float tensors.
pub(crate) fn triangular_solve_of(
    a: &Tensor,
    b: &Tensor,
    lower: bool,
    adjoint: bool,
    sfx: Option<&str>,
) -> TResult<Tensor> {
    if a.ndim() < 2 {
        return Err(kernel_err(
            &TRI_SOLVE,
            format!("In[0] ndims must be >= 2: {}", a.ndim()),
            sfx,
        ));
    }
    if b.ndim() < 2 {
        return Err(kernel_err(
            &TRI_SOLVE,
            format!("In[1] ndims must be >= 2: {}", b.ndim()),
            sfx,
        ));
    }
    let (ra, rb) = (a.ndim(), b.ndim());
    let (d0, d1) = (a.shape()[ra - 2], a.shape()[ra - 1]);
    if d0 != d1 {
        return Err(kernel_err(
            &TRI_SOLVE,
            format!(
                "In[0] matrices in the last dimensions must be square ({} =/= {})",
                d1, d0
            ),
            sfx,
        ));
    }
    if crate::tensor::broadcast::broadcast_shapes(&a.shape()[..ra - 2], &b.shape()[..rb - 2])
        .is_none()
    {
        return Err(kernel_err(
            &TRI_SOLVE,
            format!(
                "In[0] and In[1] must have compatible batch dimensions: {} vs. {}",
                shape_brackets(a.shape()),
                shape_brackets(b.shape())
            ),
            sfx,
        ));
    }
    let d2 = b.shape()[rb - 2];
    if d1 != d2 {
        return Err(kernel_err(
            &TRI_SOLVE,
            format!(
                "In[0] mismatch In[1] shape: {} vs. {}: {} {} {} {}",
                d1,
                d2,
                shape_brackets(a.shape()),
                shape_brackets(b.shape()),
                lower as i32,
                adjoint as i32
            ),
            sfx,
        ));
    }
    by_float!(a.dtype(), tri_kernel(a, b, lower, adjoint))
}

builtin! {
    /// Solve systems of linear equations with upper or lower triangular matrices.
    dispatch ["tf.linalg.triangular_solve"]
    fn triangular_solve(it, matrix, rhs, lower = True, adjoint = False, name = None) {
        let sfx = suffix(&[&matrix, &rhs], &name);
        let sfx = sfx.as_deref();
        let (a, b) = pair(it, &matrix, &rhs)?;
        float_only(&TRI_SOLVE, &a, sfx)?;
        check_same_dtype(TRI_SOLVE.op, &a, &b)?;
        let lower = it.truthy(&lower)?;
        let adjoint = it.truthy(&adjoint)?;
        Ok(Value::Tensor(triangular_solve_of(&a, &b, lower, adjoint, sfx)?))
    }
}

/// `cholesky_solve`: two triangular solves with the factor.
fn cholesky_solve_of(chol: &Tensor, rhs: &Tensor, sfx: Option<&str>) -> TResult<Tensor> {
    let y = triangular_solve_of(chol, rhs, true, false, sfx)?;
    triangular_solve_of(chol, &y, true, true, sfx)
}

builtin! {
    /// Solves systems of linear eqns `A X = RHS`, given Cholesky factorizations.
    dispatch ["tf.linalg.cholesky_solve"]
    fn cholesky_solve(it, chol, rhs, name = None) {
        let sfx = suffix(&[&chol, &rhs], &name);
        let sfx = sfx.as_deref();
        let (a, b) = pair(it, &chol, &rhs)?;
        float_only(&TRI_SOLVE, &a, sfx)?;
        check_same_dtype(TRI_SOLVE.op, &a, &b)?;
        Ok(Value::Tensor(cholesky_solve_of(&a, &b, sfx)?))
    }
}

builtin! {
    /// Solves one or more linear least-squares problems.
    dispatch ["tf.linalg.lstsq"]
    fn lstsq(it, matrix, rhs, l2_regularizer = 0.0, fast = True, name = None) {
        let a = to_tensor(it, &matrix, None)?;
        let b = match tensor_of(&rhs) {
            Some(b) if matches!(rhs, Value::Tensor(_) | Value::Variable(_)) => b,
            _ => super::ops::convert_hinted(it, &rhs, a.dtype())?,
        };
        let l2 = to_tensor(it, &l2_regularizer, Some(a.dtype()))?;
        if !it.truthy(&fast)? {
            return Ok(Value::Tensor(cod_lstsq(&a, &b)?));
        }
        let regularize = l2.to_f64_vec().iter().any(|&v| v != 0.0);
        if a.ndim() < 2 {
            return Err(op_error("__MklMatMul", "MatMul", "In[0] ndims must be >= 2".to_string(), Some("")).into());
        }
        let r = a.ndim();
        let (m, n) = (a.shape()[r - 2], a.shape()[r - 1]);
        let over = m >= n;
        // The Gramian of the small side, regularized, and its Cholesky factor.
        let gram = if over { linalg::matmul(&a, &a, true, false)? } else { linalg::matmul(&a, &a, false, true)? };
        let gram = if regularize {
            let k = gram.shape()[gram.ndim() - 1];
            let eye = shape::broadcast_to(&crate::tensor::ops::creation::eye(k, k, a.dtype())?, gram.shape())?;
            ew::binary(Binary::Add, &gram, &ew::binary(Binary::Mul, &l2, &eye)?)?
        } else {
            gram
        };
        float_only(&CHOLESKY, &gram, Some(""))?;
        let chol = cholesky_of(&gram)?;
        let x = if over {
            let atb = linalg::matmul(&a, &b, true, false)?;
            cholesky_solve_of(&chol, &atb, Some(""))?
        } else {
            let y = cholesky_solve_of(&chol, &b, Some(""))?;
            linalg::matmul(&a, &y, true, false)?
        };
        Ok(Value::Tensor(x))
    }
}

fn cod_kernel<T: Float>(a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    let r = a.ndim();
    let (n, k) = (a.shape()[r - 1], b.shape()[r - 1]);
    let (batch, ams) = matrices::<T>(a)?;
    let (_, bms) = matrices::<T>(b)?;
    let res: Vec<Mat<T>> = ams
        .into_iter()
        .zip(&bms)
        .map(|(m, x)| {
            if m.rows == 0 || n == 0 || k == 0 {
                Mat::zeros(n, k)
            } else {
                eigen_cod_solve(m, x)
            }
        })
        .collect();
    Ok(from_matrices(&batch, n, k, &res, a.dtype()))
}

/// `lstsq(fast=False)`: TensorFlow's MatrixSolveLs kernel, a complete orthogonal
/// decomposition per matrix.
fn cod_lstsq(a: &Tensor, b: &Tensor) -> R<Tensor> {
    const SOLVE_LS: Spec = Spec {
        op: "MatrixSolveLs",
        sig: "matrix:T, rhs:T, l2_regularizer:double -> output:T",
        attrs: "attr=fast:bool,default=true; ",
        allowed: INV_ORDER,
    };
    float_only(&SOLVE_LS, a, Some(""))?;
    check_same_dtype(SOLVE_LS.op, a, b)?;
    if a.ndim() < 2 {
        return Err(kernel_err(
            &SOLVE_LS,
            format!("Input tensor 0 must have rank >= 2, got {}", a.ndim()),
            Some(""),
        )
        .into());
    }
    if b.ndim() != a.ndim() {
        return Err(kernel_err(
            &SOLVE_LS,
            "All input tensors must have the same rank.",
            Some(""),
        )
        .into());
    }
    let r = a.ndim();
    if a.shape()[..r - 2] != b.shape()[..r - 2] {
        return Err(kernel_err(
            &SOLVE_LS,
            "All input tensors must have the same outer dimensions.",
            Some(""),
        )
        .into());
    }
    if a.shape()[r - 2] != b.shape()[r - 2] {
        return Err(kernel_err(
            &SOLVE_LS,
            "Input matrix and rhs are incompatible.",
            Some(""),
        )
        .into());
    }
    Ok(by_float!(a.dtype(), cod_kernel(a, b))?)
}
