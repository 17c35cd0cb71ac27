//! `tf.linalg`'s decompositions: `inv`, `det`, `slogdet`, `logdet`, `cholesky`, `qr`,
//! `svd`, `eigh`, `eigvalsh` and `pinv` (the solvers are in `tf_linalg_solve.rs`). The kernels are the `eigen_*` ones of `tensor::ops::decomp`, run in
//! the tensor's precision as TensorFlow's CPU kernels run Eigen; errors carry the kernels'
//! names and wording. `inv`, `det` and `cholesky` record TensorFlow's gradients.

use super::convert::{tensor_of, to_tensor};
use super::objects::NamedTuple;
use super::tf_linalg_solve::triangular_solve_of;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff;
use crate::tensor::error::{invalid_arg, op_error, TResult};
use crate::tensor::ops::decomp::batch::{
    from_matrices, from_scalars, from_vectors, matrices, Float,
};
use crate::tensor::ops::decomp::eigh_eigen::eigen_eigh;
use crate::tensor::ops::decomp::lu::{eigen_cholesky, eigen_lu, eigen_lu_solve, eigen_slogdet};
use crate::tensor::ops::decomp::qr::eigen_qr;
use crate::tensor::ops::decomp::svd::Job;
use crate::tensor::ops::decomp::svd_jacobi::eigen_svd;
use crate::tensor::ops::decomp::Mat;
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::ops::{linalg, moves, select, shape};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// What an op's dtype error names: the op, its signature and attributes, its dtypes.
pub(super) struct Spec {
    pub(super) op: &'static str,
    pub(super) sig: &'static str,
    pub(super) attrs: &'static str,
    /// The allowed dtypes in the op's order, TensorFlow's names (`double, float, ...`).
    pub(super) allowed: &'static str,
}

pub(super) const INV_ORDER: &str = "double, float, half, complex64, complex128";
const DET_ORDER: &str = "half, float, double, complex64, complex128";

const INVERSE: Spec = Spec {
    op: "MatrixInverse",
    sig: "input:T -> output:T",
    attrs: "attr=adjoint:bool,default=false; ",
    allowed: INV_ORDER,
};
const DETERMINANT: Spec = Spec {
    op: "MatrixDeterminant",
    sig: "input:T -> output:T",
    attrs: "",
    allowed: DET_ORDER,
};
const LOG_DET: Spec = Spec {
    op: "LogMatrixDeterminant",
    sig: "input:T -> sign:T, log_abs_determinant:T",
    attrs: "",
    allowed: DET_ORDER,
};
pub(super) const CHOLESKY: Spec = Spec {
    op: "Cholesky",
    sig: "input:T -> output:T",
    attrs: "",
    allowed: INV_ORDER,
};
const QR: Spec = Spec {
    op: "Qr",
    sig: "input:T -> q:T, r:T",
    attrs: "attr=full_matrices:bool,default=false; ",
    allowed: INV_ORDER,
};
const SVD: Spec = Spec {
    op: "Svd",
    sig: "input:T -> s:T, u:T, v:T",
    attrs: "attr=compute_uv:bool,default=true; attr=full_matrices:bool,default=false; ",
    allowed: INV_ORDER,
};
const EIGH: Spec = Spec {
    op: "SelfAdjointEigV2",
    sig: "input:T -> e:T, v:T",
    attrs: "attr=compute_v:bool,default=true; ",
    allowed: INV_ORDER,
};

/// The `name:` suffix TensorFlow adds to a kernel error: present (with the op's name) when
/// the inputs arrived as tensors (the eager fast path), absent for Python values (the
/// fallback path).
pub(crate) fn suffix(vals: &[&Value], name: &Value) -> Option<String> {
    let tensors = vals
        .iter()
        .all(|v| matches!(v, Value::Tensor(_) | Value::Variable(_)) || v.as_ndarray().is_some());
    tensors.then(|| match name {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    })
}

pub(super) fn kernel_err(
    spec: &Spec,
    msg: impl Into<String>,
    sfx: Option<&str>,
) -> crate::tensor::TfError {
    op_error(spec.op, spec.op, msg, sfx)
}

/// The op's dtype check: only float32 and float64 kernels exist here.
pub(super) fn float_only(spec: &Spec, t: &Tensor, sfx: Option<&str>) -> R<()> {
    if t.dtype().is_float() {
        return Ok(());
    }
    let dts: Vec<String> = spec
        .allowed
        .split(", ")
        .map(|d| format!("DT_{}", d.to_uppercase()))
        .collect();
    let mut m = format!(
        "Value for attr 'T' of {} is not in the list of allowed values: {}\n\t; NodeDef: {{{{node {}}}}}; Op<name={}; signature={}; {}attr=T:type,allowed=[{}]> [Op:{}]",
        t.dtype().name(),
        spec.allowed,
        spec.op,
        spec.op,
        spec.sig,
        spec.attrs,
        dts.join(", "),
        spec.op
    );
    if let Some(n) = sfx {
        m.push_str(" name: ");
        m.push_str(n);
    }
    Err(invalid_arg(m.trim_end().to_string()).into())
}

/// One matrix input: converted, a float dtype, rank ≥ 2, square when asked.
fn matrix_input(
    it: &mut Interp,
    v: &Value,
    name: &Value,
    spec: &Spec,
    square: bool,
) -> R<(Tensor, Option<String>)> {
    let sfx = suffix(&[v], name);
    let sfx_ref = sfx.as_deref();
    let t = to_tensor(it, v, None)?;
    float_only(spec, &t, sfx_ref)?;
    if t.ndim() < 2 {
        return Err(kernel_err(
            spec,
            format!("Input tensor 0 must have rank >= 2, got {}", t.ndim()),
            sfx_ref,
        )
        .into());
    }
    let s = t.shape();
    if square && s[s.len() - 1] != s[s.len() - 2] {
        return Err(kernel_err(spec, "Input matrix must be square.", sfx_ref).into());
    }
    Ok((t, sfx))
}

fn named(type_name: &'static str, fields: Vec<(&'static str, Value)>) -> Value {
    Value::Object(Rc::new(NamedTuple { type_name, fields }))
}

/// Runs a kernel generic in the float type on the tensor's dtype.
macro_rules! by_float {
    ($dt:expr, $f:ident($($arg:expr),*)) => {
        match $dt {
            DType::F32 => $f::<f32>($($arg),*),
            _ => $f::<f64>($($arg),*),
        }
    };
}
pub(super) use by_float;

fn inverse_kernel<T: Float>(t: &Tensor, adjoint: bool, sfx: Option<&str>) -> TResult<Tensor> {
    let n = t.shape()[t.ndim() - 1];
    let (batch, mats) = matrices::<T>(t)?;
    let mut res = Vec::with_capacity(mats.len());
    for m in mats {
        if n == 0 {
            res.push(m);
            continue;
        }
        let m = if adjoint { m.transpose() } else { m };
        let lu = eigen_lu(m);
        if !lu.invertible() {
            return Err(kernel_err(&INVERSE, "Input is not invertible.", sfx));
        }
        let mut x = Mat::eye(n, n);
        eigen_lu_solve(&lu, &mut x);
        res.push(x);
    }
    Ok(from_matrices(&batch, n, n, &res, t.dtype()))
}

/// `tf.linalg.inv` of a float tensor (square matrices), recorded for gradients.
pub(crate) fn inverse(t: &Tensor, adjoint: bool, sfx: Option<&str>) -> TResult<Tensor> {
    let out = by_float!(t.dtype(), inverse_kernel(t, adjoint, sfx))?;
    Ok(autodiff::record(&[t], out, move |_x, y, g| {
        // TensorFlow's _MatrixInverseGrad: -Y^H·(G·Y^H) (adjoints swap for adjoint=True).
        let inner = linalg::matmul(g, y, adjoint, !adjoint)?;
        let outer = linalg::matmul(y, &inner, !adjoint, false)?;
        Ok(vec![Some(ew::unary(Unary::Neg, &outer)?)])
    }))
}

builtin! {
    /// Computes the inverse of one or more square invertible matrices or their adjoints.
    dispatch ["tf.linalg.inv"]
    fn inv(it, input, adjoint = False, name = None) {
        let (t, sfx) = matrix_input(it, &input, &name, &INVERSE, true)?;
        let adjoint = it.truthy(&adjoint)?;
        Ok(Value::Tensor(inverse(&t, adjoint, sfx.as_deref())?))
    }
}

/// A stack's batch shape with `(sign, log|det|)` per matrix.
type SlogdetStack<T> = (Vec<usize>, Vec<(T, T)>);

fn slogdet_kernel<T: Float>(t: &Tensor) -> TResult<SlogdetStack<T>> {
    let (batch, mats) = matrices::<T>(t)?;
    Ok((batch, mats.into_iter().map(eigen_slogdet).collect()))
}

fn det_kernel<T: Float>(t: &Tensor) -> TResult<Tensor> {
    let (batch, sl) = slogdet_kernel::<T>(t)?;
    let d: Vec<T> = sl.into_iter().map(|(s, l)| s * l.exp()).collect();
    Ok(from_scalars(&batch, d, t.dtype()))
}

builtin! {
    /// Computes the determinant of one or more square matrices.
    dispatch ["tf.linalg.det"]
    fn det(it, input, name = None) {
        let (t, _) = matrix_input(it, &input, &name, &DETERMINANT, true)?;
        let out = by_float!(t.dtype(), det_kernel(&t))?;
        let rec = autodiff::record(&[&t], out, |x, y, g| {
            // TensorFlow's _MatrixDeterminantGrad: (G·det)·A^{-H}.
            let a_adj_inv = inverse(&x[0], true, Some(""))?;
            let mut s = y.shape().to_vec();
            s.extend([1, 1]);
            let mult = shape::reshape_to(&ew::binary(Binary::Mul, g, y)?, &s);
            Ok(vec![Some(ew::binary(Binary::Mul, &mult, &a_adj_inv)?)])
        });
        Ok(Value::Tensor(rec))
    }
}

fn slogdet_tensors<T: Float>(t: &Tensor) -> TResult<(Tensor, Tensor)> {
    let (batch, sl) = slogdet_kernel::<T>(t)?;
    let signs = from_scalars(&batch, sl.iter().map(|p| p.0).collect(), t.dtype());
    let logs = from_scalars(&batch, sl.iter().map(|p| p.1).collect(), t.dtype());
    Ok((signs, logs))
}

builtin! {
    /// Computes the sign and the log of the absolute value of the determinant of one or
    /// more square matrices.
    dispatch ["tf.linalg.slogdet"]
    fn slogdet(it, input, name = None) {
        let (t, _) = matrix_input(it, &input, &name, &LOG_DET, true)?;
        let (s, l) = by_float!(t.dtype(), slogdet_tensors(&t))?;
        Ok(named("LogMatrixDeterminant", vec![
            ("sign", Value::Tensor(s)),
            ("log_abs_determinant", Value::Tensor(l)),
        ]))
    }
}

fn cholesky_kernel<T: Float>(t: &Tensor) -> TResult<Tensor> {
    let n = t.shape()[t.ndim() - 1];
    let (batch, mats) = matrices::<T>(t)?;
    let res: Vec<Mat<T>> = mats
        .into_iter()
        .map(|m| {
            eigen_cholesky(m).unwrap_or_else(|| {
                // A failed factorization is NaN on and below the diagonal.
                let mut l = Mat::zeros(n, n);
                for i in 0..n {
                    for j in 0..=i {
                        l[(i, j)] = T::nan();
                    }
                }
                l
            })
        })
        .collect();
    Ok(from_matrices(&batch, n, n, &res, t.dtype()))
}

/// `tf.linalg.cholesky` of a float tensor (square matrices), recorded for gradients.
pub(crate) fn cholesky_of(t: &Tensor) -> TResult<Tensor> {
    let out = by_float!(t.dtype(), cholesky_kernel(t))?;
    Ok(autodiff::record(&[t], out, |_x, l, g| {
        Ok(vec![Some(cholesky_grad(l, g)?)])
    }))
}

/// TensorFlow's _CholeskyGrad.
fn cholesky_grad(l: &Tensor, g: &Tensor) -> TResult<Tensor> {
    let n = l.shape()[l.ndim() - 1];
    let eye = crate::tensor::ops::creation::eye(n, n, l.dtype())?;
    let eye = shape::broadcast_to(&eye, l.shape())?;
    let l_inv = triangular_solve_of(l, &eye, true, false, Some(""))?;
    let middle = linalg::matmul(l, g, true, false)?;
    let d = moves::diag_part(&middle)?;
    let half = Tensor::from_f64s(l.dtype(), &[], &[0.5]);
    let middle = super::tf_linalg_diag::set_diag_of(&middle, &ew::binary(Binary::Mul, &half, &d)?)?;
    let middle = super::tf_linalg_diag::band_of(&middle, -1, 0)?;
    let ga = linalg::matmul(
        &linalg::matmul(&l_inv, &middle, true, false)?,
        &l_inv,
        false,
        false,
    )?;
    let nd_ = ga.ndim() as i64;
    let mut perm: Vec<i64> = (0..nd_).collect();
    perm.swap(nd_ as usize - 1, nd_ as usize - 2);
    let ga = ew::binary(Binary::Add, &ga, &shape::transpose(&ga, Some(&perm))?)?;
    ew::binary(Binary::Mul, &ga, &half)
}

builtin! {
    /// Computes the Cholesky decomposition of one or more square matrices.
    dispatch ["tf.linalg.cholesky"]
    fn cholesky(it, input, name = None) {
        let (t, _) = matrix_input(it, &input, &name, &CHOLESKY, true)?;
        Ok(Value::Tensor(cholesky_of(&t)?))
    }
}

builtin! {
    /// Computes log of the determinant of a hermitian positive definite matrix.
    dispatch ["tf.linalg.logdet"]
    fn logdet(it, matrix, name = None) {
        let (t, _) = matrix_input(it, &matrix, &name, &CHOLESKY, true)?;
        let chol = cholesky_of(&t)?;
        let logs = ew::unary(Unary::Log, &moves::diag_part(&chol)?)?;
        let s = reduce::reduce(Reduce::Sum, &logs, Some(&[-1]), false)?;
        let two = Tensor::from_f64s(t.dtype(), &[], &[2.0]);
        Ok(Value::Tensor(ew::binary(Binary::Mul, &two, &s)?))
    }
}

fn qr_kernel<T: Float>(t: &Tensor, full: bool) -> TResult<(Tensor, Tensor)> {
    let r = t.ndim();
    let (m, n) = (t.shape()[r - 2], t.shape()[r - 1]);
    let k = m.min(n);
    let (qc, rr) = if full { (m, m) } else { (k, k) };
    let (batch, mats) = matrices::<T>(t)?;
    let (mut qs, mut rs) = (vec![], vec![]);
    for x in mats {
        let f = eigen_qr(x);
        qs.push(f.q(qc));
        rs.push(f.r(rr));
    }
    Ok((
        from_matrices(&batch, m, qc, &qs, t.dtype()),
        from_matrices(&batch, rr, n, &rs, t.dtype()),
    ))
}

builtin! {
    /// Computes the QR decompositions of one or more matrices.
    dispatch ["tf.linalg.qr"]
    fn qr(it, input, full_matrices = False, name = None) {
        let (t, _) = matrix_input(it, &input, &name, &QR, false)?;
        let full = it.truthy(&full_matrices)?;
        let (q, r) = by_float!(t.dtype(), qr_kernel(&t, full))?;
        Ok(named("Qr", vec![("q", Value::Tensor(q)), ("r", Value::Tensor(r))]))
    }
}

fn svd_kernel<T: Float>(t: &Tensor, job: Job) -> TResult<(Tensor, Tensor, Tensor)> {
    let r = t.ndim();
    let (m, n) = (t.shape()[r - 2], t.shape()[r - 1]);
    let k = m.min(n);
    let (uc, vc) = if job == Job::Full { (m, n) } else { (k, k) };
    let (batch, mats) = matrices::<T>(t)?;
    let (mut ss, mut us, mut vs) = (vec![], vec![], vec![]);
    for x in mats {
        if k == 0 {
            ss.push(vec![]);
            us.push(Mat::eye(m, uc));
            vs.push(Mat::eye(n, vc));
            continue;
        }
        let r = eigen_svd(&x, job);
        ss.push(r.s);
        us.push(r.u.unwrap_or_else(|| Mat::zeros(m, uc)));
        vs.push(r.vt.unwrap_or_else(|| Mat::zeros(n, vc)));
    }
    Ok((
        from_vectors(&batch, k, &ss, t.dtype()),
        from_matrices(&batch, m, uc, &us, t.dtype()),
        from_matrices(&batch, n, vc, &vs, t.dtype()),
    ))
}

/// `tf.linalg.svd` of a float tensor: `(s, u, v)`.
pub(crate) fn svd_of(t: &Tensor, full: bool, uv: bool) -> TResult<(Tensor, Tensor, Tensor)> {
    let job = match (uv, full) {
        (false, _) => Job::Values,
        (true, true) => Job::Full,
        (true, false) => Job::Thin,
    };
    by_float!(t.dtype(), svd_kernel(t, job))
}

builtin! {
    /// Computes the singular value decompositions of one or more matrices.
    dispatch ["tf.linalg.svd"]
    fn svd(it, tensor, full_matrices = False, compute_uv = True, name = None) {
        let (t, _) = matrix_input(it, &tensor, &name, &SVD, false)?;
        let uv = it.truthy(&compute_uv)?;
        let full = it.truthy(&full_matrices)?;
        let (s, u, v) = svd_of(&t, full, uv)?;
        if !uv {
            return Ok(Value::Tensor(s));
        }
        Ok(Value::tuple(vec![Value::Tensor(s), Value::Tensor(u), Value::Tensor(v)]))
    }
}

fn eigh_kernel<T: Float>(
    t: &Tensor,
    vectors: bool,
    sfx: Option<&str>,
) -> TResult<(Tensor, Tensor)> {
    let n = t.shape()[t.ndim() - 1];
    let (batch, mats) = matrices::<T>(t)?;
    let (mut ws, mut vs) = (vec![], vec![]);
    for x in mats {
        let (w, v) = eigen_eigh(&x, vectors).ok_or_else(|| {
            kernel_err(&EIGH, "Self-adjoint eigen decomposition was not successful. The input might not be valid.", sfx)
        })?;
        ws.push(w);
        vs.push(v.unwrap_or_else(|| Mat::zeros(n, n)));
    }
    Ok((
        from_vectors(&batch, n, &ws, t.dtype()),
        from_matrices(&batch, n, n, &vs, t.dtype()),
    ))
}

builtin! {
    /// Computes the eigen decomposition of a batch of self-adjoint matrices.
    dispatch ["tf.linalg.eigh"]
    fn eigh(it, tensor, name = None) {
        let (t, sfx) = matrix_input(it, &tensor, &name, &EIGH, true)?;
        let (e, v) = by_float!(t.dtype(), eigh_kernel(&t, true, sfx.as_deref()))?;
        Ok(Value::tuple(vec![Value::Tensor(e), Value::Tensor(v)]))
    }
}

builtin! {
    /// Computes the eigenvalues of one or more self-adjoint matrices.
    dispatch ["tf.linalg.eigvalsh"]
    fn eigvalsh(it, tensor, name = None) {
        let (t, sfx) = matrix_input(it, &tensor, &name, &EIGH, true)?;
        let (e, _) = by_float!(t.dtype(), eigh_kernel(&t, false, sfx.as_deref()))?;
        Ok(Value::Tensor(e))
    }
}

builtin! {
    /// Computes the eigen decomposition of a batch of matrices.
    dispatch ["tf.linalg.eig", "tf.linalg.eigvals"]
    fn eig(it, tensor, name = None) {
        let _ = it;
        if tensor_of(&tensor).is_none() {
            return Err(err(ExcKind::AttributeError, format!("'{}' object has no attribute 'dtype'", tensor.type_name())));
        }
        Err(err(
            ExcKind::NotImplementedError,
            "tf.linalg.eig returns complex tensors, and complex dtypes are not supported",
        ))
    }
}

builtin! {
    /// Compute the Moore-Penrose pseudo-inverse of one or more matrices.
    dispatch ["tf.linalg.pinv"]
    fn pinv(it, a, rcond = None, validate_args = False, name = None) {
        let t = to_tensor(it, &a, None)?;
        if !t.dtype().is_float() {
            return Err(type_err(format!("Input `a` must have `float`-like `dtype` (saw {}).", t.dtype().name())));
        }
        if t.ndim() < 2 {
            return Err(value_err(format!("Input `a` must have at least 2 dimensions (saw: {}).", t.ndim())));
        }
        let r = t.ndim();
        let (m, n) = (t.shape()[r - 2], t.shape()[r - 1]);
        let rc = match &rcond {
            Value::None => {
                let eps = if t.dtype() == DType::F32 { f32::EPSILON as f64 } else { f64::EPSILON };
                10.0 * m.max(n) as f64 * eps
            }
            v => to_tensor(it, v, Some(t.dtype()))?.item_f64().unwrap_or(0.0),
        };
        let rc = Tensor::from_f64s(t.dtype(), &[], &[rc]);
        let (s, u, v) = svd_of(&t, false, true)?;
        let cutoff = ew::binary(Binary::Mul, &rc, &reduce::reduce(Reduce::Max, &s, Some(&[-1]), false)?)?;
        let keep = ew::compare(Compare::Greater, &s, &shape::expand_dims(&cutoff, -1)?)?;
        let inf = Tensor::full(t.dtype(), &[], f64::INFINITY);
        let inf = shape::broadcast_to(&inf, s.shape())?;
        let s = select::select(&keep, &s, &inf)?;
        let scaled = ew::binary(Binary::Div, &v, &shape::expand_dims(&s, -2)?)?;
        Ok(Value::Tensor(linalg::matmul(&scaled, &u, false, true)?))
    }
}
