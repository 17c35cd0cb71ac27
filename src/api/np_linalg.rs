//! `np.linalg`'s decompositions: `inv`, `det`, `slogdet`, `solve`, `cholesky`, `qr`, `eig`,
//! `eigvals`, `eigh`, `eigvalsh`, `svd`, and the `LinAlgError` class. numpy computes every
//! one in float64 with LAPACK (a float32 array gets float32 results back), over the stack
//! of matrices in the leading axes; the kernels are the `lapack_*` ones in
//! `tensor::ops::decomp`. Norms, least squares and the other derived functions are in
//! `np_linalg_more.rs`.

use super::numpy::{nd, np_array, np_err};
use super::objects::NamedTuple;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, Flow, R};
use crate::eval::value::Module;
use crate::eval::{Interp, Value};
use crate::tensor::ops::decomp::batch::{from_matrices, from_scalars, from_vectors, matrices};
use crate::tensor::ops::decomp::eig::{lapack_eig, Eig};
use crate::tensor::ops::decomp::eigh::lapack_eigh;
use crate::tensor::ops::decomp::lu::{lapack_cholesky, lapack_lu, lapack_lu_solve, lapack_slogdet};
use crate::tensor::ops::decomp::qr::{lapack_geqr2, lapack_org2r};
use crate::tensor::ops::decomp::svd::{lapack_svd, Job, Svd};
use crate::tensor::ops::decomp::Mat;
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// Makes `numpy.linalg` (where the declared functions are placed later) with its
/// `LinAlgError` class.
pub(crate) fn install(it: &mut Interp, np: &Module) {
    let linalg = super::new_module("numpy.linalg");
    linalg.set("LinAlgError", Value::ExcClass(ExcKind::LinAlgError));
    np.set("linalg", Value::Module(linalg.clone()));
    it.modules
        .insert("numpy.linalg".into(), Value::Module(linalg));
}

/// `numpy.linalg.LinAlgError(message)`.
pub(crate) fn linalg_err(message: impl Into<String>) -> Flow {
    err(ExcKind::LinAlgError, message)
}

/// A linalg operand and the dtype numpy gives its results: float32 stays float32, every
/// other dtype (integers and booleans included) computes and returns float64.
pub(crate) fn operand(it: &mut Interp, v: &Value) -> R<(Tensor, DType)> {
    let t = np_array(it, v, None)?;
    let out = if t.dtype() == DType::F32 {
        DType::F32
    } else {
        DType::F64
    };
    Ok((t, out))
}

/// numpy's `_assert_stacked_2d`.
pub(crate) fn stacked_2d(t: &Tensor) -> R<()> {
    if t.ndim() < 2 {
        return Err(linalg_err(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            t.ndim()
        )));
    }
    Ok(())
}

/// numpy's `_assert_stacked_square`.
pub(crate) fn stacked_square(t: &Tensor) -> R<()> {
    stacked_2d(t)?;
    let s = t.shape();
    if s[s.len() - 2] != s[s.len() - 1] {
        return Err(linalg_err("Last 2 dimensions of the array must be square"));
    }
    Ok(())
}

/// The matrices of an operand, in float64.
pub(crate) fn f64_mats(t: &Tensor) -> R<(Vec<usize>, Vec<Mat<f64>>)> {
    matrices::<f64>(t).map_err(np_err)
}

/// `(rows, cols)` of an operand's matrices.
pub(crate) fn dims(t: &Tensor) -> (usize, usize) {
    let s = t.shape();
    (s[s.len() - 2], s[s.len() - 1])
}

/// A stack's batch shape, one result per matrix, and the dtype results take.
type Stack<X> = (Vec<usize>, Vec<X>, DType);

/// Eigenvalues with (optionally) eigenvectors.
type EigPair = (Vec<f64>, Option<Mat<f64>>);

fn named(type_name: &'static str, fields: Vec<(&'static str, Value)>) -> Value {
    Value::Object(Rc::new(NamedTuple { type_name, fields }))
}

builtin! {
    /// Compute the inverse of a matrix.
    python ["np.linalg.inv"]
    fn inv(it, a) {
        let (t, out) = operand(it, &a)?;
        stacked_square(&t)?;
        let n = dims(&t).0;
        let (batch, mats) = f64_mats(&t)?;
        let mut res = Vec::with_capacity(mats.len());
        for m in mats {
            let lu = lapack_lu(m);
            if lu.zero_pivot.is_some() {
                return Err(linalg_err("Singular matrix"));
            }
            let mut x = Mat::eye(n, n);
            lapack_lu_solve(&lu, &mut x);
            res.push(x);
        }
        nd(Ok(from_matrices(&batch, n, n, &res, out)))
    }
}

/// `(sign, log|det|)` of each matrix of a square stack.
fn slogdets(it: &mut Interp, a: &Value) -> R<Stack<(f64, f64)>> {
    let (t, out) = operand(it, a)?;
    stacked_square(&t)?;
    let (batch, mats) = f64_mats(&t)?;
    Ok((batch, mats.into_iter().map(lapack_slogdet).collect(), out))
}

builtin! {
    /// Compute the determinant of an array.
    python ["np.linalg.det"]
    fn det(it, a) {
        let (batch, sl, out) = slogdets(it, &a)?;
        let d: Vec<f64> = sl.iter().map(|(s, l)| s * l.exp()).collect();
        nd(Ok(from_scalars(&batch, d, out)))
    }
}

builtin! {
    /// Compute the sign and (natural) logarithm of the determinant of an array.
    python ["np.linalg.slogdet"]
    fn slogdet(it, a) {
        let (batch, sl, out) = slogdets(it, &a)?;
        let signs = from_scalars(&batch, sl.iter().map(|p| p.0).collect(), out);
        let logs = from_scalars(&batch, sl.iter().map(|p| p.1).collect(), out);
        Ok(named("SlogdetResult", vec![
            ("sign", Value::ndarray(signs)),
            ("logabsdet", Value::ndarray(logs)),
        ]))
    }
}

/// The shape of an operand as numpy writes it in messages: `(3,2,2)`.
fn tuple_text(s: &[usize]) -> String {
    format!(
        "({})",
        s.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// numpy's gufunc broadcasting of two operands' loop dimensions (`core` trailing axes each).
pub(crate) fn loop_shape(
    a: &Tensor,
    ac: usize,
    b: &Tensor,
    bc: usize,
    out_core: &str,
) -> R<Vec<usize>> {
    let (sa, sb) = (a.shape(), b.shape());
    let (la, lb) = (&sa[..sa.len() - ac], &sb[..sb.len() - bc]);
    crate::tensor::broadcast::broadcast_shapes(la, lb).ok_or_else(|| {
        let remap = |s: &[usize], l: &[usize]| {
            let mut parts: Vec<String> = l.iter().map(|d| d.to_string()).collect();
            parts.extend((l.len()..s.len()).map(|_| "newaxis".to_string()));
            format!("{}->({})", tuple_text(s), parts.join(","))
        };
        err(
            ExcKind::ValueError,
            format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {} {}  and requested shape {}",
                remap(sa, la),
                remap(sb, lb),
                out_core
            ),
        )
    })
}

/// The index into a loop-broadcast operand of the output's flat loop index `i`.
pub(crate) fn source_index(out: &[usize], src: &[usize], i: usize) -> usize {
    let off = out.len() - src.len();
    let (mut rem, mut idx, mut stride) = (i, 0, 1);
    for d in (0..out.len()).rev() {
        let k = rem % out[d];
        rem /= out[d];
        if d >= off {
            let n = src[d - off];
            if n != 1 {
                idx += k * stride;
            }
            stride *= n;
        }
    }
    idx
}

builtin! {
    /// Solve a linear matrix equation, or system of linear scalar equations.
    python ["np.linalg.solve"]
    fn solve(it, a, b) {
        let (ta, oa) = operand(it, &a)?;
        stacked_square(&ta)?;
        let (tb, ob) = operand(it, &b)?;
        let out = if oa == DType::F32 && ob == DType::F32 { DType::F32 } else { DType::F64 };
        let n = dims(&ta).0;
        let vector = tb.ndim() + 1 == ta.ndim();
        let (name, sig) = if vector {
            ("solve1", "(m,m),(m)->(m)")
        } else {
            ("solve", "(m,m),(m,n)->(m,n)")
        };
        let need = if vector { 1 } else { 2 };
        if tb.ndim() < need {
            return Err(err(ExcKind::ValueError, format!(
                "{}: Input operand 1 does not have enough dimensions (has {}, gufunc core with signature {} requires {})",
                name, tb.ndim(), sig, need
            )));
        }
        let bs = tb.shape();
        let rows = bs[bs.len() - need];
        if rows != n {
            return Err(err(ExcKind::ValueError, format!(
                "{}: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {} (size {} is different from {})",
                name, sig, rows, n
            )));
        }
        let nrhs = if vector { 1 } else { bs[bs.len() - 1] };
        let core = if vector { format!("({},)", n) } else { format!("({},{})", n, nrhs) };
        let shape = loop_shape(&ta, 2, &tb, need, &core)?;
        let (abatch, amats) = f64_mats(&ta)?;
        let bflat: Vec<f64> = tb.cast(DType::F64).contiguous().to_vec().map_err(np_err)?;
        let bbatch = bs[..bs.len() - need].to_vec();
        let count: usize = shape.iter().product();
        let mut lus = Vec::with_capacity(amats.len());
        for m in amats {
            let lu = lapack_lu(m);
            if lu.zero_pivot.is_some() {
                return Err(linalg_err("Singular matrix"));
            }
            lus.push(lu);
        }
        let mut res = Vec::with_capacity(count);
        for i in 0..count {
            let lu = &lus[source_index(&shape, &abatch, i)];
            let bi = source_index(&shape, &bbatch, i);
            let mut x = Mat::from_vec(n, nrhs, bflat[bi * n * nrhs..(bi + 1) * n * nrhs].to_vec());
            lapack_lu_solve(lu, &mut x);
            res.push(x);
        }
        let t = if vector {
            let vs: Vec<Vec<f64>> = res.into_iter().map(|m| m.data).collect();
            from_vectors(&shape, n, &vs, out)
        } else {
            from_matrices(&shape, n, nrhs, &res, out)
        };
        nd(Ok(t))
    }
}

builtin! {
    /// Cholesky decomposition.
    python ["np.linalg.cholesky"]
    fn cholesky(it, a) {
        let (t, out) = operand(it, &a)?;
        stacked_square(&t)?;
        let n = dims(&t).0;
        let (batch, mats) = f64_mats(&t)?;
        let mut res = Vec::with_capacity(mats.len());
        for m in mats {
            res.push(lapack_cholesky(m).ok_or_else(|| linalg_err("Matrix is not positive definite"))?);
        }
        nd(Ok(from_matrices(&batch, n, n, &res, out)))
    }
}

builtin! {
    /// Compute the qr factorization of a matrix.
    python ["np.linalg.qr"]
    fn qr(it, a, mode = "reduced") {
        let mode = match &mode {
            Value::Str(s) => s.to_string(),
            other => it.str_of(other)?,
        };
        let mode = match mode.as_str() {
            "reduced" | "complete" | "r" | "raw" => mode.clone(),
            "f" | "full" => "reduced".to_string(),
            "e" | "economic" => "economic".to_string(),
            _ => return Err(err(ExcKind::ValueError, format!("Unrecognized mode '{}'", mode))),
        };
        let (t, out) = operand(it, &a)?;
        stacked_2d(&t)?;
        let (m, n) = dims(&t);
        let mn = m.min(n);
        let (batch, mats) = f64_mats(&t)?;
        let mc = if mode == "complete" && m > n { m } else { mn };
        let (mut qs, mut rs, mut hs, mut taus) = (vec![], vec![], vec![], vec![]);
        for mut x in mats {
            let refl = lapack_geqr2(&mut x);
            let rrows = if mode == "r" { mn } else { mc };
            let mut r = Mat::zeros(rrows, n);
            for i in 0..rrows {
                for j in i..n {
                    r[(i, j)] = x[(i, j)];
                }
            }
            if mode == "reduced" || mode == "complete" {
                qs.push(lapack_org2r(&refl, m, mc));
            }
            taus.push(refl.iter().map(|h| h.tau).collect::<Vec<f64>>());
            hs.push(x);
            rs.push(r);
        }
        match mode.as_str() {
            "r" => nd(Ok(from_matrices(&batch, mn, n, &rs, out))),
            "raw" => {
                let ht: Vec<Mat<f64>> = hs.iter().map(|h| h.transpose()).collect();
                Ok(Value::tuple(vec![
                    Value::ndarray(from_matrices(&batch, n, m, &ht, out)),
                    Value::ndarray(from_vectors(&batch, mn, &taus, out)),
                ]))
            }
            "economic" => nd(Ok(from_matrices(&batch, m, n, &hs, out))),
            _ => Ok(named("QRResult", vec![
                ("Q", Value::ndarray(from_matrices(&batch, m, mc, &qs, out))),
                ("R", Value::ndarray(from_matrices(&batch, mc, n, &rs, out))),
            ])),
        }
    }
}

/// The eigenvalues (and vectors) of every matrix of a general square stack.
fn eigs(it: &mut Interp, a: &Value, vectors: bool) -> R<(usize, Stack<EigPair>)> {
    let (t, out) = operand(it, a)?;
    stacked_square(&t)?;
    if t.to_f64_vec().iter().any(|v| !v.is_finite()) {
        return Err(linalg_err("Array must not contain infs or NaNs"));
    }
    let (batch, mats) = f64_mats(&t)?;
    let mut res = Vec::with_capacity(mats.len());
    for m in mats {
        match lapack_eig(m, vectors) {
            Eig::Real(w, v) => res.push((w, v)),
            Eig::Complex => {
                return Err(err(
                    ExcKind::NotImplementedError,
                    "the eigenvalues are complex, and complex arrays are not supported",
                ))
            }
            Eig::NoConvergence => return Err(linalg_err("Eigenvalues did not converge")),
        }
    }
    Ok((dims(&t).0, (batch, res, out)))
}

builtin! {
    /// Compute the eigenvalues and right eigenvectors of a square array.
    python ["np.linalg.eig"]
    fn eig(it, a) {
        let (n, (batch, res, out)) = eigs(it, &a, true)?;
        let ws: Vec<Vec<f64>> = res.iter().map(|r| r.0.clone()).collect();
        let vs: Vec<Mat<f64>> = res
            .into_iter()
            .map(|r| r.1.unwrap_or_else(|| Mat::zeros(n, n)))
            .collect();
        Ok(named(
            "EigResult",
            vec![
                ("eigenvalues", Value::ndarray(from_vectors(&batch, n, &ws, out))),
                ("eigenvectors", Value::ndarray(from_matrices(&batch, n, n, &vs, out))),
            ],
        ))
    }
}

builtin! {
    /// Compute the eigenvalues of a general matrix.
    python ["np.linalg.eigvals"]
    fn eigvals(it, a) {
        let (n, (batch, res, out)) = eigs(it, &a, false)?;
        let ws: Vec<Vec<f64>> = res.into_iter().map(|r| r.0).collect();
        nd(Ok(from_vectors(&batch, n, &ws, out)))
    }
}

/// `UPLO`, upper-cased and checked as numpy does before it reads the array.
fn uplo(it: &mut Interp, v: &Value) -> R<bool> {
    let Value::Str(s) = v else {
        return Err(err(
            ExcKind::AttributeError,
            format!("'{}' object has no attribute 'upper'", v.type_name()),
        ));
    };
    let _ = it;
    match s.to_uppercase().as_str() {
        "L" => Ok(true),
        "U" => Ok(false),
        _ => Err(err(ExcKind::ValueError, "UPLO argument must be 'L' or 'U'")),
    }
}

/// A symmetric stack's eigendecompositions: `(batch, order, results, dtype)`.
type Eighs = (Vec<usize>, usize, Vec<EigPair>, DType);

/// Symmetric eigendecompositions of a square stack.
fn eighs(it: &mut Interp, a: &Value, lower: bool, vectors: bool) -> R<Eighs> {
    let (t, out) = operand(it, a)?;
    stacked_square(&t)?;
    let n = dims(&t).0;
    let (batch, mats) = f64_mats(&t)?;
    let mut res = Vec::with_capacity(mats.len());
    for m in mats {
        res.push(
            lapack_eigh(m, lower, vectors)
                .ok_or_else(|| linalg_err("Eigenvalues did not converge"))?,
        );
    }
    Ok((batch, n, res, out))
}

builtin! {
    /// Return the eigenvalues and eigenvectors of a real symmetric matrix.
    python ["np.linalg.eigh"]
    fn eigh(it, a, UPLO = "L") {
        let lower = uplo(it, &UPLO)?;
        let (batch, n, res, out) = eighs(it, &a, lower, true)?;
        let ws: Vec<Vec<f64>> = res.iter().map(|r| r.0.clone()).collect();
        let vs: Vec<Mat<f64>> = res.into_iter().map(|r| r.1.unwrap_or_else(|| Mat::zeros(n, n))).collect();
        Ok(named("EighResult", vec![
            ("eigenvalues", Value::ndarray(from_vectors(&batch, n, &ws, out))),
            ("eigenvectors", Value::ndarray(from_matrices(&batch, n, n, &vs, out))),
        ]))
    }
}

builtin! {
    /// Compute the eigenvalues of a real symmetric matrix.
    python ["np.linalg.eigvalsh"]
    fn eigvalsh(it, a, UPLO = "L") {
        let lower = uplo(it, &UPLO)?;
        let (batch, n, res, out) = eighs(it, &a, lower, false)?;
        let ws: Vec<Vec<f64>> = res.into_iter().map(|r| r.0).collect();
        nd(Ok(from_vectors(&batch, n, &ws, out)))
    }
}

/// A stack's SVDs: `(batch, m, n, results)`.
pub(crate) type Svds = (Vec<usize>, usize, usize, Vec<Svd<f64>>);

/// The SVDs of every matrix of a stack: `(batch, m, n, results)`.
pub(crate) fn svds(t: &Tensor, job: Job) -> R<Svds> {
    stacked_2d(t)?;
    let (m, n) = dims(t);
    let (batch, mats) = f64_mats(t)?;
    let mut res = Vec::with_capacity(mats.len());
    for x in mats {
        res.push(lapack_svd(x, job).ok_or_else(|| linalg_err("SVD did not converge"))?);
    }
    Ok((batch, m, n, res))
}

/// An SVD's U and V^T.
type UVt = (Mat<f64>, Mat<f64>);

/// A symmetric matrix's singular values from its eigenpairs `w`, `v`: the eigenvalues'
/// magnitudes in descending order (a stable sort, as numpy's argsort), and U and V^T from
/// the eigenvectors, V^T's rows signed as their eigenvalues.
pub(super) fn by_magnitude(w: &[f64], v: Option<&Mat<f64>>) -> (Vec<f64>, Option<UVt>) {
    let n = w.len();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&i, &j| {
        w[i].abs()
            .partial_cmp(&w[j].abs())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    idx.reverse();
    let s = idx.iter().map(|&i| w[i].abs()).collect();
    let factors = v.map(|v| {
        let mut u = Mat::zeros(n, n);
        let mut vt = Mat::zeros(n, n);
        for (c, &i) in idx.iter().enumerate() {
            let sg = if w[i] > 0.0 {
                1.0
            } else if w[i] < 0.0 {
                -1.0
            } else {
                0.0
            };
            for r in 0..n {
                u[(r, c)] = v[(r, i)];
                vt[(c, r)] = v[(r, i)] * sg;
            }
        }
        (u, vt)
    });
    (s, factors)
}

/// `svd(..., hermitian=True)`: from `eigh`, values by magnitude, descending.
fn svd_hermitian(it: &mut Interp, a: &Value, uv: bool) -> R<Value> {
    let (batch, n, res, out) = eighs(it, a, true, uv)?;
    let (mut us, mut ss, mut vts) = (vec![], vec![], vec![]);
    for (w, v) in res {
        let (s, factors) = by_magnitude(&w, v.as_ref());
        ss.push(s);
        if let Some((u, vt)) = factors {
            us.push(u);
            vts.push(vt);
        }
    }
    let s = from_vectors(&batch, n, &ss, out);
    if !uv {
        return nd(Ok(s));
    }
    Ok(named(
        "SVDResult",
        vec![
            ("U", Value::ndarray(from_matrices(&batch, n, n, &us, out))),
            ("S", Value::ndarray(s)),
            ("Vh", Value::ndarray(from_matrices(&batch, n, n, &vts, out))),
        ],
    ))
}

builtin! {
    /// Singular Value Decomposition.
    python ["np.linalg.svd"]
    fn svd(it, a, full_matrices = True, compute_uv = True, hermitian = False) {
        let uv = it.truthy(&compute_uv)?;
        if it.truthy(&hermitian)? {
            return svd_hermitian(it, &a, uv);
        }
        let full = it.truthy(&full_matrices)?;
        let (t, out) = operand(it, &a)?;
        let job = match (uv, full) {
            (false, _) => Job::Values,
            (true, true) => Job::Full,
            (true, false) => Job::Thin,
        };
        let (batch, m, n, res) = svds(&t, job)?;
        let k = m.min(n);
        let ss: Vec<Vec<f64>> = res.iter().map(|r| r.s.clone()).collect();
        let s = from_vectors(&batch, k, &ss, out);
        if !uv {
            return nd(Ok(s));
        }
        let (ucols, vrows) = if full { (m, n) } else { (k, k) };
        let us: Vec<Mat<f64>> = res.iter().map(|r| r.u.clone().unwrap_or_else(|| Mat::zeros(m, ucols))).collect();
        let vts: Vec<Mat<f64>> = res.into_iter().map(|r| r.vt.unwrap_or_else(|| Mat::zeros(vrows, n))).collect();
        Ok(named("SVDResult", vec![
            ("U", Value::ndarray(from_matrices(&batch, m, ucols, &us, out))),
            ("S", Value::ndarray(s)),
            ("Vh", Value::ndarray(from_matrices(&batch, vrows, n, &vts, out))),
        ]))
    }
}
