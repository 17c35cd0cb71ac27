//! Singular value decompositions.
//!
//! numpy's `svd` is LAPACK's `dgesdd`: a QR (or LQ) first when the matrix is much taller
//! (wider) than square, bidiagonalization (`dgebd2`), the bidiagonal SVD (`dbdsdc`, in
//! `bdsqr.rs`), and the reflectors multiplied back (`dormbr`). TensorFlow's `Svd` kernel is
//! Eigen's `BDCSVD`, which below 16 columns is `JacobiSVD`: two-sided Jacobi rotations on
//! the matrix scaled by its largest magnitude, after a column-pivoting QR when the matrix is
//! not square; that one is in `svd_jacobi.rs`.

use super::bdsqr::dbdsdc;
use super::qr::{
    dlarfg, lapack_apply_left, lapack_apply_right, lapack_gelq2, lapack_geqr2, lapack_org2r,
    lapack_orgl2, Reflector,
};
use super::Mat;

/// Singular values (descending) and, when asked for, `U` and `Vᵀ`.
#[derive(Clone, Debug)]
pub struct Svd<T> {
    pub s: Vec<T>,
    pub u: Option<Mat<T>>,
    pub vt: Option<Mat<T>>,
}

/// What to compute: values only, or vectors thin (`min(m, n)` of them) or full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    Values,
    Thin,
    Full,
}

/// LAPACK's `dgebd2`: `(d, e, Q's reflectors, P's reflectors)`; upper bidiagonal when
/// `m >= n`, lower otherwise.
#[allow(clippy::type_complexity)]
fn dgebd2(a: &mut Mat<f64>) -> (Vec<f64>, Vec<f64>, Vec<Reflector<f64>>, Vec<Reflector<f64>>) {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut d = vec![0.0; k];
    let mut e = vec![0.0; k.saturating_sub(1)];
    let (mut hq, mut hp) = (Vec::new(), Vec::new());
    let column = |a: &mut Mat<f64>, col: usize, from: usize| -> Reflector<f64> {
        let mut x: Vec<f64> = (from..a.rows).map(|r| a[(r, col)]).collect();
        let tau = dlarfg(&mut x);
        for (r, &v) in x.iter().enumerate() {
            a[(from + r, col)] = v;
        }
        let mut v = x;
        v[0] = 1.0;
        Reflector {
            start: from,
            v,
            tau,
        }
    };
    let row = |a: &mut Mat<f64>, r: usize, from: usize| -> Reflector<f64> {
        let mut x: Vec<f64> = (from..a.cols).map(|cidx| a[(r, cidx)]).collect();
        let tau = dlarfg(&mut x);
        for (cidx, &v) in x.iter().enumerate() {
            a[(r, from + cidx)] = v;
        }
        let mut v = x;
        v[0] = 1.0;
        Reflector {
            start: from,
            v,
            tau,
        }
    };
    if m >= n {
        for i in 0..n {
            let h = column(a, i, i);
            d[i] = a[(i, i)];
            if i + 1 < n {
                lapack_apply_left(&h, a, i + 1..n);
            }
            hq.push(h);
            if i + 1 < n {
                let g = row(a, i, i + 1);
                e[i] = a[(i, i + 1)];
                lapack_apply_right(&g, a, i + 1..m);
                hp.push(g);
            }
        }
    } else {
        for i in 0..m {
            let g = row(a, i, i);
            d[i] = a[(i, i)];
            if i + 1 < m {
                lapack_apply_right(&g, a, i + 1..m);
            }
            hp.push(g);
            if i + 1 < m {
                let h = column(a, i, i + 1);
                e[i] = a[(i + 1, i)];
                lapack_apply_left(&h, a, i + 1..n);
                hq.push(h);
            }
        }
    }
    (d, e, hq, hp)
}

/// The SVD of a square or nearly square matrix by bidiagonalization (`dgesdd` paths 5/5t):
/// `(s, U (m×ucols), Vᵀ (vrows×n))`.
fn svd_direct(mut a: Mat<f64>, job: Job) -> Option<Svd<f64>> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let (mut d, mut e, hq, hp) = dgebd2(&mut a);
    let vectors = job != Job::Values;
    let (ub, vtb) = dbdsdc(m < n, &mut d, &mut e, vectors)?;
    if !vectors {
        return Some(Svd {
            s: d,
            u: None,
            vt: None,
        });
    }
    let (ucols, vrows) = match job {
        Job::Full => (m, n),
        _ => (k, k),
    };
    let mut u = Mat::eye(m, ucols);
    for i in 0..k {
        for j in 0..k {
            u[(i, j)] = ub[(i, j)];
        }
    }
    for i in 0..m.min(ucols) {
        if i >= k {
            u[(i, i)] = 1.0;
        }
    }
    let mut vt = Mat::eye(vrows, n);
    for i in 0..k {
        for j in 0..k {
            vt[(i, j)] = vtb[(i, j)];
        }
    }
    for h in hq.iter().rev() {
        lapack_apply_left(h, &mut u, 0..ucols);
    }
    for g in hp.iter().rev() {
        lapack_apply_right(g, &mut vt, 0..vrows);
    }
    Some(Svd {
        s: d,
        u: Some(u),
        vt: Some(vt),
    })
}

/// numpy's `svd` (LAPACK `dgesdd`) in float64.
pub fn lapack_svd(a: Mat<f64>, job: Job) -> Option<Svd<f64>> {
    let (m, n) = (a.rows, a.cols);
    // dgesdd refuses a NaN entry (numpy: "SVD did not converge").
    if a.data.iter().any(|v| v.is_nan()) {
        return None;
    }
    let k = m.min(n);
    if k == 0 {
        let (ur, vr) = if job == Job::Full { (m, n) } else { (0, 0) };
        return Some(Svd {
            s: vec![],
            u: (job != Job::Values).then(|| Mat::eye(m, ur)),
            vt: (job != Job::Values).then(|| Mat::eye(vr, n)),
        });
    }
    let mnthr = (k as f64 * 11.0 / 6.0) as usize;
    if m >= n && m >= mnthr && m > n {
        // QR first, then the SVD of R.
        let mut r = a;
        let hs = lapack_geqr2(&mut r);
        let mut rr = Mat::zeros(n, n);
        for i in 0..n {
            for j in i..n {
                rr[(i, j)] = r[(i, j)];
            }
        }
        let inner = svd_direct(
            rr,
            if job == Job::Values {
                Job::Values
            } else {
                Job::Thin
            },
        )?;
        if job == Job::Values {
            return Some(inner);
        }
        let ur = inner.u.clone().unwrap_or_else(|| Mat::eye(n, n));
        let qcols = if job == Job::Full { m } else { n };
        let q = lapack_org2r(&hs, m, qcols);
        let mut u = q.clone();
        let prod = q.block(m, n).matmul(&ur);
        for i in 0..m {
            for j in 0..n {
                u[(i, j)] = prod[(i, j)];
            }
        }
        return Some(Svd {
            s: inner.s,
            u: Some(u),
            vt: inner.vt,
        });
    }
    if n > m && n >= mnthr {
        // LQ first, then the SVD of L.
        let mut l = a;
        let hs = lapack_gelq2(&mut l);
        let mut ll = Mat::zeros(m, m);
        for i in 0..m {
            for j in 0..=i {
                ll[(i, j)] = l[(i, j)];
            }
        }
        let inner = svd_direct(
            ll,
            if job == Job::Values {
                Job::Values
            } else {
                Job::Thin
            },
        )?;
        if job == Job::Values {
            return Some(inner);
        }
        let vl = inner.vt.clone().unwrap_or_else(|| Mat::eye(m, m));
        let qrows = if job == Job::Full { n } else { m };
        let q = lapack_orgl2(&hs, qrows, n);
        let mut vt = q.clone();
        let top = Mat::from_vec(m, n, q.data[..m * n].to_vec());
        let prod = vl.matmul(&top);
        vt.data[..m * n].copy_from_slice(&prod.data);
        return Some(Svd {
            s: inner.s,
            u: inner.u,
            vt: Some(vt),
        });
    }
    svd_direct(a, job)
}

pub(crate) mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-8)
    }

    fn numpy_svd_2x2() {
        // np.linalg.svd([[1., 2.], [3., 4.]]).
        let a = Mat::from_vec(2, 2, vec![1.0, 2., 3., 4.]);
        let r = lapack_svd(a, Job::Full).unwrap();
        assert!(close(&r.s, &[5.4649857, 0.36596619]));
        let u = r.u.unwrap();
        assert!(
            close(&u.data, &[-0.40455358, -0.9145143, -0.9145143, 0.40455358]),
            "{:?}",
            u
        );
        let vt = r.vt.unwrap();
        assert!(
            close(
                &vt.data,
                &[-0.57604844, -0.81741556, 0.81741556, -0.57604844]
            ),
            "{:?}",
            vt
        );
    }

    unit_cases!(numpy_svd_2x2);
}
