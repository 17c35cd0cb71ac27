//! `np.linalg`'s derived functions: `norm` (vector and matrix norms, every `ord`, `axis`,
//! `keepdims`), `lstsq`, `pinv`, `matrix_rank`, `matrix_power` and `cond`, written as
//! numpy's Python code writes them over the decompositions of `np_linalg.rs`.

use super::np_linalg::{dims, f64_mats, linalg_err, operand, stacked_2d, stacked_square, svds};
use super::numpy::{nd, np_array, np_err};
use crate::builtin;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::decomp::batch::{from_matrices, from_scalars, from_vectors};
use crate::tensor::ops::decomp::lu::{lapack_lu, lapack_lu_solve};
use crate::tensor::ops::decomp::qr::{lapack_apply_left, lapack_geqr2};
use crate::tensor::ops::decomp::svd::{lapack_svd, Job};
use crate::tensor::ops::decomp::Mat;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::ops::{linalg, shape};
use crate::tensor::{DType, Tensor};

/// A norm order as numpy compares it: `None`, a number, or a string.
#[derive(Clone, Debug, PartialEq)]
enum Ord {
    Default,
    Num(f64),
    Text(String),
}

fn ord_of(v: &Value) -> R<Ord> {
    Ok(match v {
        Value::None => Ord::Default,
        Value::Str(s) => Ord::Text(s.to_string()),
        Value::Bool(b) => Ord::Num(*b as i64 as f64),
        Value::Int(i) => Ord::Num(*i as f64),
        Value::Float(f) => Ord::Num(*f),
        other => match super::convert::tensor_of(other).and_then(|t| t.item_f64()) {
            Some(f) => Ord::Num(f),
            None => Ord::Text(other.type_name()),
        },
    })
}

fn t_err(t: crate::tensor::error::TResult<Tensor>) -> R<Tensor> {
    t.map_err(np_err)
}

/// numpy's `normalize_axis_index`.
fn axis_index(axis: i64, ndim: usize) -> R<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(value_err(format!(
            "axis {} is out of bounds for array of dimension {}",
            axis, ndim
        )));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

fn sum(x: &Tensor, axes: &[i64], keep: bool) -> R<Tensor> {
    t_err(reduce::reduce(Reduce::Sum, x, Some(axes), keep))
}

fn abs(x: &Tensor) -> R<Tensor> {
    t_err(ew::unary(Unary::Abs, x))
}

/// The singular values of the matrices of `x` over axes `(row, col)`, reduced by `op`.
fn svd_norm(x: &Tensor, row: usize, col: usize, op: Reduce) -> R<Tensor> {
    let nd_ = x.ndim();
    let mut perm: Vec<i64> = (0..nd_ as i64)
        .filter(|&a| a != row as i64 && a != col as i64)
        .collect();
    perm.extend([row as i64, col as i64]);
    let y = t_err(shape::transpose(x, Some(&perm)))?.contiguous();
    let (batch, m, n, res) = svds(&y, Job::Values)?;
    let ss: Vec<Vec<f64>> = res.into_iter().map(|r| r.s).collect();
    let s = from_vectors(&batch, m.min(n), &ss, x.dtype());
    t_err(reduce::reduce(op, &s, Some(&[-1]), false))
}

/// `np.linalg.norm` on an array already converted to a float dtype.
fn norm_of(x: &Tensor, ord: &Ord, axis: Option<Vec<i64>>, keep: bool) -> R<Tensor> {
    let nd_ = x.ndim();
    let sq = |x: &Tensor| t_err(ew::binary(Binary::Mul, x, x));
    if axis.is_none()
        && (*ord == Ord::Default
            || (matches!(ord, Ord::Text(s) if s == "f" || s == "fro") && nd_ == 2)
            || (*ord == Ord::Num(2.0) && nd_ == 1))
    {
        let flat = shape::reshape_to(x, &[x.size()]);
        let s = sum(&sq(&flat)?, &[0], false)?;
        let r = t_err(ew::unary(Unary::Sqrt, &s))?;
        return Ok(if keep {
            shape::reshape_to(&r, &vec![1; nd_])
        } else {
            r
        });
    }
    let axes: Vec<i64> = axis.unwrap_or_else(|| (0..nd_ as i64).collect());
    match axes.len() {
        1 => {
            let ax = axis_index(axes[0], nd_)? as i64;
            let a = [ax];
            let red = |op: Reduce, t: &Tensor| t_err(reduce::reduce(op, t, Some(&a), keep));
            match ord {
                Ord::Num(p) if p.is_infinite() && *p > 0.0 => red(Reduce::Max, &abs(x)?),
                Ord::Num(p) if p.is_infinite() => red(Reduce::Min, &abs(x)?),
                Ord::Num(p) if *p == 0.0 => {
                    let nz = ew::map_f64(x, |v| (v != 0.0) as i64 as f64);
                    red(Reduce::Sum, &nz)
                }
                Ord::Num(p) if *p == 1.0 => red(Reduce::Sum, &abs(x)?),
                Ord::Default | Ord::Num(2.0) => {
                    t_err(ew::unary(Unary::Sqrt, &red(Reduce::Sum, &sq(x)?)?))
                }
                Ord::Text(s) => Err(value_err(format!("Invalid norm order '{}' for vectors", s))),
                Ord::Num(p) => {
                    let p = *p;
                    let powed = ew::map_f64(&abs(x)?, |v| v.powf(p));
                    let s = red(Reduce::Sum, &powed)?;
                    let inv = 1.0 / p;
                    Ok(ew::map_f64(&s, |v| v.powf(inv)))
                }
            }
        }
        2 => {
            let row = axis_index(axes[0], nd_)?;
            let col = axis_index(axes[1], nd_)?;
            if row == col {
                return Err(value_err("Duplicate axes given."));
            }
            let (r, c) = (row as i64, col as i64);
            let reduced = |inner: i64, outer: i64, op: Reduce| -> R<Tensor> {
                let s = sum(&abs(x)?, &[inner], false)?;
                let outer = if outer > inner { outer - 1 } else { outer };
                t_err(reduce::reduce(op, &s, Some(&[outer]), false))
            };
            let ret = match ord {
                Ord::Num(p) if *p == 2.0 => svd_norm(x, row, col, Reduce::Max)?,
                Ord::Num(p) if *p == -2.0 => svd_norm(x, row, col, Reduce::Min)?,
                Ord::Num(p) if *p == 1.0 => reduced(r, c, Reduce::Max)?,
                Ord::Num(p) if p.is_infinite() && *p > 0.0 => reduced(c, r, Reduce::Max)?,
                Ord::Num(p) if *p == -1.0 => reduced(r, c, Reduce::Min)?,
                Ord::Num(p) if p.is_infinite() => reduced(c, r, Reduce::Min)?,
                Ord::Default => t_err(ew::unary(Unary::Sqrt, &sum(&sq(x)?, &[r, c], false)?))?,
                Ord::Text(s) if s == "fro" || s == "f" => {
                    t_err(ew::unary(Unary::Sqrt, &sum(&sq(x)?, &[r, c], false)?))?
                }
                Ord::Text(s) if s == "nuc" => svd_norm(x, row, col, Reduce::Sum)?,
                _ => return Err(value_err("Invalid norm order for matrices.")),
            };
            if keep {
                let mut s = x.shape().to_vec();
                s[row] = 1;
                s[col] = 1;
                return Ok(shape::reshape_to(&ret, &s));
            }
            Ok(ret)
        }
        _ => Err(value_err("Improper number of dimensions to norm.")),
    }
}

/// `axis` as numpy's `norm` reads it: `None`, a tuple of ints, or anything `int()` takes.
fn norm_axis(it: &mut Interp, v: &Value) -> R<Option<Vec<i64>>> {
    match v {
        Value::None => Ok(None),
        Value::Tuple(_) => {
            let items = it.collect_items(v)?;
            items
                .iter()
                .map(|a| int_of(it, a))
                .collect::<R<Vec<i64>>>()
                .map(Some)
        }
        other => Ok(Some(vec![int_of(it, other)?])),
    }
}

fn int_of(it: &mut Interp, v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        other => match super::convert::tensor_of(other).filter(|t| t.size() == 1) {
            Some(t) => Ok(t.item_f64().unwrap_or(0.0).trunc() as i64),
            None => {
                let _ = it;
                Err(type_err(
                    "'axis' must be None, an integer or a tuple of integers",
                ))
            }
        },
    }
}

/// An array as `norm` reads it: integers and booleans as float64.
fn float_array(it: &mut Interp, v: &Value) -> R<Tensor> {
    let t = np_array(it, v, None)?;
    Ok(if t.dtype().is_float() {
        t
    } else {
        t.cast(DType::F64)
    })
}

builtin! {
    /// Matrix or vector norm.
    python ["np.linalg.norm"]
    fn norm(it, x, ord = None, axis = None, keepdims = False) {
        let t = float_array(it, &x)?;
        let ord = ord_of(&ord)?;
        let axis = norm_axis(it, &axis)?;
        let keep = it.truthy(&keepdims)?;
        nd(Ok(norm_of(&t, &ord, axis, keep)?))
    }
}

/// The `rcond` of `lstsq`: the relative cutoff LAPACK's `dgelsd` applies.
fn lstsq_rcond(v: &Value, m: usize, n: usize) -> R<f64> {
    let eps = f64::EPSILON / 2.0;
    let r = match v {
        Value::Str(s) if &**s == "warn" => -1.0,
        Value::None => f64::EPSILON * m.max(n) as f64,
        other => super::convert::f64_arg(other, "rcond")?,
    };
    Ok(if r <= 0.0 || r >= 1.0 { eps } else { r })
}

builtin! {
    /// Return the least-squares solution to a linear matrix equation.
    python ["np.linalg.lstsq"]
    fn lstsq(it, a, b, rcond = "warn") {
        let (ta, oa) = operand(it, &a)?;
        let (tb, ob) = operand(it, &b)?;
        let is_1d = tb.ndim() == 1;
        let tb = if is_1d { shape::reshape_to(&tb, &[tb.size(), 1]) } else { tb };
        for t in [&ta, &tb] {
            if t.ndim() != 2 {
                return Err(linalg_err(format!(
                    "{}-dimensional array given. Array must be two-dimensional",
                    t.ndim()
                )));
            }
        }
        let (m, n) = dims(&ta);
        let (m2, nrhs) = dims(&tb);
        if m != m2 {
            return Err(linalg_err("Incompatible dimensions"));
        }
        let out = if oa == DType::F32 && ob == DType::F32 { DType::F32 } else { DType::F64 };
        let tol_rel = lstsq_rcond(&rcond, m, n)?;
        let am = f64_mats(&ta)?.1.remove(0);
        let bm = f64_mats(&tb)?.1.remove(0);
        let svd = lapack_svd(am.clone(), Job::Thin)
            .ok_or_else(|| linalg_err("SVD did not converge in Linear Least Squares"))?;
        let k = m.min(n);
        let smax = svd.s.iter().fold(0.0f64, |a, &v| a.max(v));
        let tol = tol_rel * smax;
        let rank = svd.s.iter().filter(|&&v| v > tol).count();
        let (u, vt) = (svd.u.unwrap_or_else(|| Mat::zeros(m, k)), svd.vt.unwrap_or_else(|| Mat::zeros(k, n)));
        let mut x: Mat<f64> = Mat::zeros(n, nrhs);
        for c in 0..nrhs {
            for (i, &si) in svd.s.iter().enumerate() {
                if si <= tol {
                    continue;
                }
                let mut d = 0.0;
                for r in 0..m {
                    d += u[(r, i)] * bm[(r, c)];
                }
                let coef = d / si;
                for j in 0..n {
                    x[(j, c)] += vt[(i, j)] * coef;
                }
            }
        }
        let resids = if rank == n && m > n {
            let mut qr = am;
            let hs = lapack_geqr2(&mut qr);
            let mut qb = bm;
            for h in &hs {
                lapack_apply_left(h, &mut qb, 0..nrhs);
            }
            let r: Vec<f64> = (0..nrhs)
                .map(|c| (n..m).map(|i| qb[(i, c)] * qb[(i, c)]).sum())
                .collect();
            from_vectors(&[], nrhs, &[r], out)
        } else {
            Tensor::zeros(out, &[0])
        };
        let xt = if is_1d {
            from_vectors(&[], n, &[x.data], out)
        } else {
            from_matrices(&[], n, nrhs, &[x], out)
        };
        let s = from_vectors(&[], k, &[svd.s], out);
        Ok(Value::tuple(vec![
            Value::ndarray(xt),
            Value::ndarray(resids),
            Value::ndarray(Tensor::scalar(rank as i32)),
            Value::ndarray(s),
        ]))
    }
}

/// `pinv` of one matrix from its SVD, in the precision numpy's float32 or float64 arrays
/// keep: `Vᵀᵀ · (s⁻¹ ⊙ Uᵀ)` with values at or below `rcond·max(s)` dropped.
fn pinv_one<T: crate::tensor::ops::decomp::batch::Float>(
    u: &Mat<T>,
    s: &[T],
    vt: &Mat<T>,
    rcond: T,
) -> Mat<T> {
    let (m, k, n) = (u.rows, s.len(), vt.cols);
    let smax = s
        .iter()
        .fold(T::neg_infinity(), |a, &v| if v > a { v } else { a });
    let cutoff = rcond * smax;
    let inv: Vec<T> = s
        .iter()
        .map(|&v| if v > cutoff { T::one() / v } else { T::zero() })
        .collect();
    let mut out = Mat::zeros(n, m);
    for i in 0..n {
        for j in 0..m {
            let mut acc = T::zero();
            for q in 0..k {
                acc += vt[(q, i)] * (inv[q] * u[(j, q)]);
            }
            out[(i, j)] = acc;
        }
    }
    out
}

builtin! {
    /// Compute the (Moore-Penrose) pseudo-inverse of a matrix.
    python ["np.linalg.pinv"]
    fn pinv(it, a, rcond = 1e-15, hermitian = False) {
        let (t, out) = operand(it, &a)?;
        let rc = super::convert::f64_arg(&rcond, "rcond")?;
        if t.ndim() >= 2 && t.size() == 0 {
            let (m, n) = dims(&t);
            let mut s = t.shape()[..t.ndim() - 2].to_vec();
            s.extend([n, m]);
            return nd(Ok(Tensor::zeros(t.dtype(), &s)));
        }
        let herm = it.truthy(&hermitian)?;
        let job = Job::Thin;
        stacked_2d(&t)?;
        let (m, n) = dims(&t);
        let (batch, mats) = f64_mats(&t)?;
        let mut res64 = Vec::new();
        let mut res32 = Vec::new();
        for x in mats {
            let svd = if herm {
                hermitian_svd(x)?
            } else {
                lapack_svd(x, job).ok_or_else(|| linalg_err("SVD did not converge"))?
            };
            let (u, vt) = (svd.u.unwrap_or_else(|| Mat::zeros(m, 0)), svd.vt.unwrap_or_else(|| Mat::zeros(0, n)));
            if out == DType::F32 {
                let f = |v: f64| v as f32;
                let s: Vec<f32> = svd.s.iter().map(|&v| v as f32).collect();
                res32.push(pinv_one(&u.map(f), &s, &vt.map(f), rc as f32));
            } else {
                res64.push(pinv_one(&u, &svd.s, &vt, rc));
            }
        }
        if out == DType::F32 {
            nd(Ok(from_matrices(&batch, n, m, &res32, out)))
        } else {
            nd(Ok(from_matrices(&batch, n, m, &res64, out)))
        }
    }
}

/// `svd(a, hermitian=True)` of one symmetric matrix (`eigh`, ordered by magnitude).
fn hermitian_svd(x: Mat<f64>) -> R<crate::tensor::ops::decomp::svd::Svd<f64>> {
    let n = x.rows;
    let (w, v) = crate::tensor::ops::decomp::eigh::lapack_eigh(x, true, true)
        .ok_or_else(|| linalg_err("Eigenvalues did not converge"))?;
    let v = v.unwrap_or_else(|| Mat::zeros(n, n));
    let (s, factors) = super::np_linalg::by_magnitude(&w, Some(&v));
    let (u, vt) = factors.unwrap_or_else(|| (Mat::zeros(n, n), Mat::zeros(n, n)));
    Ok(crate::tensor::ops::decomp::svd::Svd {
        s,
        u: Some(u),
        vt: Some(vt),
    })
}

builtin! {
    /// Return matrix rank of array using SVD method.
    python ["np.linalg.matrix_rank"]
    fn matrix_rank(it, A, tol = None, hermitian = False) {
        let t = np_array(it, &A, None)?;
        if t.ndim() < 2 {
            return Ok(Value::Int(t.to_f64_vec().iter().any(|&v| v != 0.0) as i64));
        }
        let out = if t.dtype() == DType::F32 { DType::F32 } else { DType::F64 };
        let eps = if out == DType::F32 { f32::EPSILON as f64 } else { f64::EPSILON };
        let (m, n) = dims(&t);
        let herm = it.truthy(&hermitian)?;
        let (batch, mats) = f64_mats(&t)?;
        let tols: Option<Vec<f64>> = match &tol {
            Value::None => None,
            v => Some(np_array(it, v, None)?.cast(DType::F64).to_f64_vec()),
        };
        let mut ranks = Vec::with_capacity(mats.len());
        for (bi, x) in mats.into_iter().enumerate() {
            let s: Vec<f64> = if herm {
                hermitian_svd(x)?.s
            } else {
                lapack_svd(x, Job::Values).ok_or_else(|| linalg_err("SVD did not converge"))?.s
            };
            // The values and the threshold in the result precision, as numpy compares them.
            let round = |v: f64| if out == DType::F32 { v as f32 as f64 } else { v };
            let s: Vec<f64> = s.into_iter().map(round).collect();
            let thr = match &tols {
                None => {
                    let smax = s.iter().fold(f64::NEG_INFINITY, |a, &v| a.max(v));
                    round(round(smax * m.max(n) as f64) * eps)
                }
                Some(ts) => ts[if ts.len() == 1 { 0 } else { bi % ts.len() }],
            };
            ranks.push(s.iter().filter(|&&v| v > thr).count() as i64);
        }
        if batch.is_empty() {
            return Ok(Value::ndarray(Tensor::scalar(ranks[0])));
        }
        nd(Ok(Tensor::from_vec(&batch, ranks)))
    }
}

/// numpy's `matmul` of two stacks with the same dtype.
fn mm(a: &Tensor, b: &Tensor) -> R<Tensor> {
    t_err(linalg::matmul(a, b, false, false))
}

builtin! {
    /// Raise a square matrix to the (integer) power `n`.
    python ["np.linalg.matrix_power"]
    fn matrix_power(it, a, n) {
        let mut t = np_array(it, &a, None)?;
        stacked_square(&t)?;
        let mut n = match &n {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            other => match super::convert::tensor_of(other).filter(|t| t.ndim() == 0 && !t.dtype().is_float() && t.dtype() != DType::Bool) {
                Some(t) => t.item_i64().unwrap_or(0),
                None => return Err(type_err("exponent must be an integer")),
            },
        };
        let k = dims(&t).0;
        if n == 0 {
            let eye = crate::tensor::ops::creation::eye(k, k, t.dtype()).map_err(np_err)?;
            return nd(shape::broadcast_to(&eye, t.shape()).map(|e| e.contiguous()));
        }
        if n < 0 {
            t = invert(&t)?;
            n = -n;
        }
        let r = match n {
            1 => t,
            2 => mm(&t, &t)?,
            3 => mm(&mm(&t, &t)?, &t)?,
            _ => {
                let (mut z, mut result): (Option<Tensor>, Option<Tensor>) = (None, None);
                while n > 0 {
                    z = Some(match z {
                        None => t.clone(),
                        Some(z) => mm(&z, &z)?,
                    });
                    let bit = n % 2;
                    n /= 2;
                    if bit == 1 {
                        let zz = z.clone().unwrap_or_else(|| t.clone());
                        result = Some(match result {
                            None => zz,
                            Some(r) => mm(&r, &zz)?,
                        });
                    }
                }
                result.unwrap_or(t)
            }
        };
        nd(Ok(r))
    }
}

/// `np.linalg.inv` of a stack (float64, or float32 for float32 input).
fn invert(t: &Tensor) -> R<Tensor> {
    let out = if t.dtype() == DType::F32 {
        DType::F32
    } else {
        DType::F64
    };
    let k = dims(t).0;
    let (batch, mats) = f64_mats(t)?;
    let mut res = Vec::with_capacity(mats.len());
    for m in mats {
        let lu = lapack_lu(m);
        if lu.zero_pivot.is_some() {
            return Err(linalg_err("Singular matrix"));
        }
        let mut x = Mat::eye(k, k);
        lapack_lu_solve(&lu, &mut x);
        res.push(x);
    }
    Ok(from_matrices(&batch, k, k, &res, out))
}

builtin! {
    /// Compute the condition number of a matrix.
    python ["np.linalg.cond"]
    fn cond(it, x, p = None) {
        let t = np_array(it, &x, None)?;
        if t.size() == 0 && t.ndim() >= 2 && dims(&t).0 * dims(&t).1 == 0 {
            return Err(linalg_err("cond is not defined on empty arrays"));
        }
        let out = if t.dtype() == DType::F32 { DType::F32 } else { DType::F64 };
        let ord = ord_of(&p)?;
        let r = match ord {
            Ord::Default | Ord::Num(2.0) | Ord::Num(-2.0) => {
                let (batch, _, _, res) = svds(&t, Job::Values)?;
                let rs: Vec<f64> = res
                    .iter()
                    .map(|r| {
                        let round = |v: f64| if out == DType::F32 { v as f32 as f64 } else { v };
                        let (first, last) = (round(r.s[0]), round(r.s[r.s.len() - 1]));
                        let q = if ord == Ord::Num(-2.0) { last / first } else { first / last };
                        round(q)
                    })
                    .collect();
                from_scalars(&batch, rs, out)
            }
            _ => {
                stacked_square(&t)?;
                let f = t.cast(DType::F64);
                let inv = match invert(&f) {
                    Ok(i) => i,
                    Err(_) => ew::map_f64(&f, |_| f64::NAN),
                };
                let nd_ = t.ndim() as i64;
                let axes = Some(vec![nd_ - 2, nd_ - 1]);
                let a = norm_of(&f, &ord, axes.clone(), false)?;
                let b = norm_of(&inv, &ord, axes, false)?;
                t_err(ew::binary(Binary::Mul, &a, &b))?.cast(out)
            }
        };
        // A NaN from a singular matrix (not from NaN input) is infinity.
        let nan_in: Vec<bool> = {
            let (batch, mats) = f64_mats(&t)?;
            let _ = batch;
            mats.iter().map(|m| m.data.iter().any(|v| v.is_nan())).collect()
        };
        let vals: Vec<f64> = r
            .to_f64_vec()
            .into_iter()
            .zip(nan_in.iter().chain(std::iter::repeat(&false)))
            .map(|(v, &had)| if v.is_nan() && !had { f64::INFINITY } else { v })
            .collect();
        nd(Ok(Tensor::from_f64s(out, r.shape(), &vals)))
    }
}
