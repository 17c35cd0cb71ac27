//! Householder reflectors and the QR factorizations built from them.
//!
//! LAPACK's reflector (`dlarfg`) is `beta = -sign(alpha)·hypot(alpha, ‖x‖)` with the tail
//! scaled by `1/(alpha - beta)`, and no reflection at all when the tail is zero; Eigen's
//! (`makeHouseholder`) takes the same sign but squares and divides, and skips the reflection
//! only when the tail's squared norm is below the smallest normal number.

use super::{sign, Mat, Real};

/// `I - tau·v·vᵀ` acting on indices `start..start + v.len()`, with `v[0] = 1`.
#[derive(Clone, Debug)]
pub struct Reflector<T> {
    pub start: usize,
    pub v: Vec<T>,
    pub tau: T,
}

/// LAPACK's `dlapy2`: `sqrt(x² + y²)` without overflow.
pub fn dlapy2(x: f64, y: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    let (xa, ya) = (x.abs(), y.abs());
    let w = xa.max(ya);
    let z = xa.min(ya);
    if z == 0.0 || w > f64::MAX {
        w
    } else {
        w * (1.0 + (z / w) * (z / w)).sqrt()
    }
}

/// `‖x‖₂` as OpenBLAS's `dnrm2` returns it (the sum of squares kept in extended precision,
/// here as a two-term float64 sum, then one square root).
pub fn dnrm2(x: &[f64]) -> f64 {
    let scale = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return if x.iter().any(|v| v.is_nan()) {
            f64::NAN
        } else {
            scale
        };
    }
    // Scaled so that squares neither overflow nor underflow; error-free products and sums.
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for &v in x {
        let y = v / scale;
        let p = y * y;
        let pe = y.mul_add(y, -p);
        let s = hi + p;
        let bb = s - hi;
        let e = (hi - (s - bb)) + (p - bb);
        hi = s;
        lo += e + pe;
    }
    scale * (hi + lo).sqrt()
}

/// LAPACK's `dlarfg` on `x` (`x[0]` is alpha): returns `tau`; `x[0]` becomes beta and the
/// rest the reflector's tail.
pub fn dlarfg(x: &mut [f64]) -> f64 {
    if x.len() <= 1 {
        return 0.0;
    }
    let xnorm = dnrm2(&x[1..]);
    if xnorm == 0.0 {
        return 0.0;
    }
    let alpha = x[0];
    let mut beta = -sign(dlapy2(alpha, xnorm), alpha);
    let safmin = f64::MIN_POSITIVE / f64::EPSILON * 2.0;
    let mut knt = 0;
    if beta.abs() < safmin {
        // Rescale a tiny vector until beta is representable accurately.
        let rsafmn = 1.0 / safmin;
        loop {
            knt += 1;
            for v in x.iter_mut() {
                *v *= rsafmn;
            }
            beta *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        let xnorm = dnrm2(&x[1..]);
        beta = -sign(dlapy2(x[0], xnorm), x[0]);
    }
    let alpha = x[0];
    let tau = (beta - alpha) / beta;
    let scal = 1.0 / (alpha - beta);
    for v in x[1..].iter_mut() {
        *v *= scal;
    }
    for _ in 0..knt {
        beta *= safmin;
    }
    x[0] = beta;
    tau
}

/// `dlarf` from the left: rows `h.start..` of `c`, columns `cols`.
pub fn lapack_apply_left(h: &Reflector<f64>, c: &mut Mat<f64>, cols: std::ops::Range<usize>) {
    if h.tau == 0.0 {
        return;
    }
    for j in cols {
        let mut w = 0.0;
        for (i, &vi) in h.v.iter().enumerate() {
            w += c[(h.start + i, j)] * vi;
        }
        if w != 0.0 {
            let t = -h.tau * w;
            for (i, &vi) in h.v.iter().enumerate() {
                c[(h.start + i, j)] += vi * t;
            }
        }
    }
}

/// `dlarf` from the right: columns `h.start..` of `c`, rows `rows`.
pub fn lapack_apply_right(h: &Reflector<f64>, c: &mut Mat<f64>, rows: std::ops::Range<usize>) {
    if h.tau == 0.0 {
        return;
    }
    let rows: Vec<usize> = rows.collect();
    let mut w = vec![0.0; rows.len()];
    for (k, &i) in rows.iter().enumerate() {
        let mut s = 0.0;
        for (j, &vj) in h.v.iter().enumerate() {
            s += c[(i, h.start + j)] * vj;
        }
        w[k] = s;
    }
    for (j, &vj) in h.v.iter().enumerate() {
        if vj != 0.0 {
            let t = -h.tau * vj;
            for (k, &i) in rows.iter().enumerate() {
                c[(i, h.start + j)] += w[k] * t;
            }
        }
    }
}

/// LAPACK's `dgeqr2`: `a` becomes `R` on and above the diagonal; the reflectors are returned
/// (their tails are also left below the diagonal, as LAPACK leaves them).
pub fn lapack_geqr2(a: &mut Mat<f64>) -> Vec<Reflector<f64>> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut hs = Vec::with_capacity(k);
    for i in 0..k {
        let mut x: Vec<f64> = (i..m).map(|r| a[(r, i)]).collect();
        let tau = dlarfg(&mut x);
        for (r, &v) in x.iter().enumerate() {
            a[(i + r, i)] = v;
        }
        let mut v = x;
        v[0] = 1.0;
        let h = Reflector { start: i, v, tau };
        if i + 1 < n {
            lapack_apply_left(&h, a, i + 1..n);
        }
        hs.push(h);
    }
    hs
}

/// LAPACK's `dgelq2`: `a` becomes `L` on and below the diagonal.
pub fn lapack_gelq2(a: &mut Mat<f64>) -> Vec<Reflector<f64>> {
    let (m, n) = (a.rows, a.cols);
    let k = m.min(n);
    let mut hs = Vec::with_capacity(k);
    for i in 0..k {
        let mut x: Vec<f64> = (i..n).map(|c| a[(i, c)]).collect();
        let tau = dlarfg(&mut x);
        for (c, &v) in x.iter().enumerate() {
            a[(i, i + c)] = v;
        }
        let mut v = x;
        v[0] = 1.0;
        let h = Reflector { start: i, v, tau };
        if i + 1 < m {
            lapack_apply_right(&h, a, i + 1..m);
        }
        hs.push(h);
    }
    hs
}

/// LAPACK's `dorg2r`: the first `cols` columns of `H(0)·H(1)···H(k-1)` (an `m`-row matrix).
pub fn lapack_org2r(hs: &[Reflector<f64>], m: usize, cols: usize) -> Mat<f64> {
    let mut q = Mat::eye(m, cols);
    for h in hs.iter().rev() {
        lapack_apply_left(h, &mut q, h.start..cols);
    }
    q
}

/// LAPACK's `dorgl2`: the first `rows` rows of `H(k-1)···H(0)` (an `n`-column matrix).
pub fn lapack_orgl2(hs: &[Reflector<f64>], rows: usize, n: usize) -> Mat<f64> {
    let mut q = Mat::eye(rows, n);
    for h in hs.iter().rev() {
        lapack_apply_right(h, &mut q, h.start..rows);
    }
    q
}

/// Eigen's `makeHouseholderInPlace` on `x` (`x[0]` is c0): returns `(tau, beta)`; the tail
/// becomes the reflector's essential part.
pub fn eigen_make_householder<T: Real>(x: &mut [T]) -> (T, T) {
    let c0 = x[0];
    let tail = &mut x[1..];
    let mut sq = T::zero();
    if let Some((first, rest)) = tail.split_first() {
        sq = *first * *first;
        for &v in rest {
            sq += v * v;
        }
    }
    if sq <= T::min_positive_value() {
        tail.iter_mut().for_each(|v| *v = T::zero());
        return (T::zero(), c0);
    }
    let mut beta = (c0 * c0 + sq).sqrt();
    if c0 >= T::zero() {
        beta = -beta;
    }
    let d = c0 - beta;
    for v in tail.iter_mut() {
        *v /= d;
    }
    ((beta - c0) / beta, beta)
}

/// Eigen's `applyHouseholderOnTheLeft(essential, tau)` on rows `r0..r0 + 1 + ess.len()` and
/// columns `cols` of `m`.
pub fn eigen_apply_left<T: Real>(
    m: &mut Mat<T>,
    r0: usize,
    cols: std::ops::Range<usize>,
    ess: &[T],
    tau: T,
) {
    if ess.is_empty() {
        let f = T::one() - tau;
        for j in cols {
            m[(r0, j)] *= f;
        }
        return;
    }
    if tau == T::zero() {
        return;
    }
    for j in cols {
        let mut tmp = T::zero();
        for (i, &e) in ess.iter().enumerate() {
            tmp += e * m[(r0 + 1 + i, j)];
        }
        tmp += m[(r0, j)];
        m[(r0, j)] -= tau * tmp;
        for (i, &e) in ess.iter().enumerate() {
            let f = tau * e;
            m[(r0 + 1 + i, j)] -= f * tmp;
        }
    }
}

/// An Eigen Householder QR: `qr` holds `R` on and above the diagonal and the essential parts
/// below; `h[k]` is reflector k's coefficient.
#[derive(Clone, Debug)]
pub struct EigenQr<T> {
    pub qr: Mat<T>,
    pub h: Vec<T>,
}

impl<T: Real> EigenQr<T> {
    fn essential(&self, k: usize) -> Vec<T> {
        (k + 1..self.qr.rows).map(|r| self.qr[(r, k)]).collect()
    }

    /// `Q` applied to the `rows`×`cols` identity: the reflectors from the last to the first.
    pub fn q(&self, cols: usize) -> Mat<T> {
        let m = self.qr.rows;
        let mut q = Mat::eye(m, cols);
        for k in (0..self.h.len()).rev() {
            let e = self.essential(k);
            eigen_apply_left(&mut q, k, 0..cols, &e, self.h[k]);
        }
        q
    }

    /// The upper triangle of the first `rows` rows.
    pub fn r(&self, rows: usize) -> Mat<T> {
        let mut r = Mat::zeros(rows, self.qr.cols);
        for i in 0..rows.min(self.qr.rows) {
            for j in i..self.qr.cols {
                r[(i, j)] = self.qr[(i, j)];
            }
        }
        r
    }
}

/// Eigen's `HouseholderQR` (one block: the reflectors are made column by column over the
/// first `min(m, n)` columns, and the columns beyond are updated with the block reflector
/// `I - V·T·Vᵀ` as Eigen's blocked routine does).
pub fn eigen_qr<T: Real>(mut a: Mat<T>) -> EigenQr<T> {
    let (m, n) = (a.rows, a.cols);
    let size = m.min(n);
    let mut h = Vec::with_capacity(size);
    for k in 0..size {
        let mut x: Vec<T> = (k..m).map(|r| a[(r, k)]).collect();
        let (tau, beta) = eigen_make_householder(&mut x);
        for (r, &v) in x.iter().enumerate().skip(1) {
            a[(k + r, k)] = v;
        }
        a[(k, k)] = beta;
        let ess: Vec<T> = x[1..].to_vec();
        eigen_apply_left(&mut a, k, k + 1..size, &ess, tau);
        h.push(tau);
    }
    if n > size && size > 0 {
        apply_block_left(&mut a, &h, size, size..n);
    }
    EigenQr { qr: a, h }
}

/// `A -= V·Tᵀ·Vᵀ·A` on columns `cols` (Eigen's `apply_block_householder_on_the_left` with
/// `forward = false`), `V` the unit lower triangle of `a`'s first `nb` columns.
fn apply_block_left<T: Real>(a: &mut Mat<T>, h: &[T], nb: usize, cols: std::ops::Range<usize>) {
    let m = a.rows;
    let v = |r: usize, c: usize, a: &Mat<T>| -> T {
        if r == c {
            T::one()
        } else if r > c {
            a[(r, c)]
        } else {
            T::zero()
        }
    };
    // The triangular factor, built from the last reflector up.
    let mut t = Mat::zeros(nb, nb);
    for i in (0..nb).rev() {
        let rt = nb - i - 1;
        if rt > 0 {
            let alpha = -h[i];
            // x: reflector i below its head; the unit lower block below and right of it.
            for j in 0..rt {
                let col = i + 1 + j;
                let mut res = alpha * a[(col, i)];
                for k in j + 1..rt {
                    let row = i + 1 + k;
                    res += (alpha * a[(row, i)]) * v(row, col, a);
                }
                let mut c = T::zero();
                for row in i + 1 + rt..m {
                    c += v(row, col, a) * a[(row, i)];
                }
                res += alpha * c;
                t[(i, col)] = res;
            }
            for j in (i + 1..nb).rev() {
                let z = t[(i, j)];
                t[(i, j)] = z * t[(j, j)];
                for l in j + 1..nb {
                    t[(i, l)] = t[(i, l)] + z * t[(j, l)];
                }
            }
        }
        t[(i, i)] = h[i];
    }
    for j in cols {
        // tmp = Vᵀ·A[:, j], then Tᵀ·tmp, then A[:, j] -= V·tmp.
        let mut tmp = vec![T::zero(); nb];
        for (i, slot) in tmp.iter_mut().enumerate() {
            let mut s = T::zero();
            for r in i..m {
                s += v(r, i, a) * a[(r, j)];
            }
            *slot = s;
        }
        let mut tt = vec![T::zero(); nb];
        for (i, slot) in tt.iter_mut().enumerate() {
            let mut s = T::zero();
            for (k, &x) in tmp.iter().enumerate().take(i + 1) {
                s += t[(k, i)] * x;
            }
            *slot = s;
        }
        for r in 0..m {
            let mut s = T::zero();
            for (k, &x) in tt.iter().enumerate().take((r + 1).min(nb)) {
                s += v(r, k, a) * x;
            }
            a[(r, j)] -= s;
        }
    }
}

/// Eigen's `ColPivHouseholderQR`.
#[derive(Clone, Debug)]
pub struct ColPivQr<T> {
    pub qr: EigenQr<T>,
    /// `perm[i]` is the column of the input that ended in column `i`.
    pub perm: Vec<usize>,
    /// Eigen's `rank()` with its default threshold.
    pub rank: usize,
}

/// Eigen's `ColPivHouseholderQR` of `a`.
pub fn eigen_colpiv_qr<T: Real>(mut a: Mat<T>) -> ColPivQr<T> {
    let (rows, cols) = (a.rows, a.cols);
    let size = rows.min(cols);
    let col_norm = |a: &Mat<T>, j: usize, from: usize| -> T {
        let mut s = T::zero();
        let mut first = true;
        for r in from..rows {
            let v = a[(r, j)];
            if first {
                s = v * v;
                first = false;
            } else {
                s += v * v;
            }
        }
        s.sqrt()
    };
    let mut direct: Vec<T> = (0..cols).map(|j| col_norm(&a, j, 0)).collect();
    let mut updated = direct.clone();
    let threshold = T::epsilon().sqrt();
    let maxnorm = updated
        .iter()
        .fold(T::zero(), |m, &v| if v > m { v } else { m });
    let helper = (maxnorm * T::epsilon()) * (maxnorm * T::epsilon()) / super::c::<T>(rows as f64);
    let mut nonzero = size;
    let mut maxpivot = T::zero();
    let mut perm: Vec<usize> = (0..cols).collect();
    let mut h = Vec::with_capacity(size);
    for k in 0..size {
        let mut best = k;
        for j in k + 1..cols {
            if updated[j] > updated[best] {
                best = j;
            }
        }
        let sq = updated[best] * updated[best];
        if nonzero == size && sq < helper * super::c::<T>((rows - k) as f64) {
            nonzero = k;
        }
        if best != k {
            a.swap_cols(k, best);
            updated.swap(k, best);
            direct.swap(k, best);
            perm.swap(k, best);
        }
        let mut x: Vec<T> = (k..rows).map(|r| a[(r, k)]).collect();
        let (tau, beta) = eigen_make_householder(&mut x);
        for (r, &v) in x.iter().enumerate().skip(1) {
            a[(k + r, k)] = v;
        }
        a[(k, k)] = beta;
        if beta.abs() > maxpivot {
            maxpivot = beta.abs();
        }
        let ess: Vec<T> = x[1..].to_vec();
        eigen_apply_left(&mut a, k, k + 1..cols, &ess, tau);
        h.push(tau);
        for j in k + 1..cols {
            if updated[j] != T::zero() {
                let mut temp = a[(k, j)].abs() / updated[j];
                temp = (T::one() + temp) * (T::one() - temp);
                if temp < T::zero() {
                    temp = T::zero();
                }
                let ratio = updated[j] / direct[j];
                let temp2 = temp * (ratio * ratio);
                if temp2 <= threshold {
                    direct[j] = col_norm(&a, j, k + 1);
                    updated[j] = direct[j];
                } else {
                    updated[j] *= temp.sqrt();
                }
            }
        }
    }
    let thr = maxpivot * (T::epsilon() * super::c::<T>(size as f64));
    let rank = (0..nonzero).filter(|&i| a[(i, i)].abs() > thr).count();
    ColPivQr {
        qr: EigenQr { qr: a, h },
        perm,
        rank,
    }
}

/// Eigen's `applyHouseholderOnTheRight(essential, tau)` on rows `rows` and columns
/// `c0..c0 + 1 + ess.len()` of `m`: `tmp = right·ess` through the row-major kernel.
fn eigen_apply_right<T: Real>(
    m: &mut Mat<T>,
    rows: std::ops::Range<usize>,
    c0: usize,
    ess: &[T],
    tau: T,
) {
    if ess.is_empty() {
        let f = T::one() - tau;
        for r in rows {
            m[(r, c0)] *= f;
        }
        return;
    }
    if tau == T::zero() || rows.is_empty() {
        return;
    }
    let r0 = rows.start;
    let n = rows.len();
    let mut tmp = if n == 1 {
        let mut d = T::zero();
        for (j, &e) in ess.iter().enumerate() {
            d += m[(r0, c0 + 1 + j)] * e;
        }
        vec![d]
    } else {
        super::eigen_rowmajor_dots(n, ess, |r, j| m[(r0 + r, c0 + 1 + j)])
    };
    for (r, t) in tmp.iter_mut().enumerate() {
        *t += m[(r0 + r, c0)];
        m[(r0 + r, c0)] -= tau * *t;
    }
    for (r, &t) in tmp.iter().enumerate() {
        let f = tau * t;
        for (j, &e) in ess.iter().enumerate() {
            m[(r0 + r, c0 + 1 + j)] -= f * e;
        }
    }
}

/// Eigen's `CompleteOrthogonalDecomposition::solve`: the minimum-norm least-squares
/// solution of `a·x = b` (TensorFlow's `lstsq(fast=False)`).
pub fn eigen_cod_solve<T: Real>(a: Mat<T>, b: &Mat<T>) -> Mat<T> {
    let (rows, cols) = (a.rows, a.cols);
    let cp = eigen_colpiv_qr(a);
    let rank = cp.rank;
    let mut q = cp.qr.qr.clone();
    let mut z = vec![T::zero(); rows.min(cols)];
    if rank < cols {
        for k in (0..rank).rev() {
            let swap_head = |q: &mut Mat<T>| {
                for r in 0..=k {
                    let t = q[(r, k)];
                    q[(r, k)] = q[(r, rank - 1)];
                    q[(r, rank - 1)] = t;
                }
            };
            if k != rank - 1 {
                swap_head(&mut q);
            }
            let mut x: Vec<T> = (rank - 1..cols).map(|c| q[(k, c)]).collect();
            let (tau, beta) = eigen_make_householder(&mut x);
            for (c, &v) in x.iter().enumerate().skip(1) {
                q[(k, rank - 1 + c)] = v;
            }
            z[k] = tau;
            q[(k, rank - 1)] = beta;
            if k > 0 {
                eigen_apply_right(&mut q, 0..k, rank - 1, &x[1..], tau);
            }
            if k != rank - 1 {
                swap_head(&mut q);
            }
        }
    }
    let nrhs = b.cols;
    let mut x = Mat::zeros(cols, nrhs);
    if rank == 0 {
        return x;
    }
    // c = Qᵀ·b (the first `rank` reflectors, first to last), then T·z = c[..rank].
    let mut c = b.clone();
    for k in 0..rank.min(cp.qr.h.len()) {
        let ess: Vec<T> = (k + 1..rows).map(|r| cp.qr.qr[(r, k)]).collect();
        eigen_apply_left(&mut c, k, 0..nrhs, &ess, cp.qr.h[k]);
    }
    let mut top = c.block(rank, nrhs);
    super::lu::eigen_tri_solve(&q.block(rank, rank), super::lu::Tri::Upper, &mut top);
    for i in 0..rank {
        for j in 0..nrhs {
            x[(i, j)] = top[(i, j)];
        }
    }
    if rank < cols {
        for k in 0..rank {
            if k != rank - 1 {
                x.swap_rows(k, rank - 1);
            }
            let ess: Vec<T> = (rank..cols).map(|cidx| q[(k, cidx)]).collect();
            let mut sub = Mat::zeros(cols - rank + 1, nrhs);
            for r in 0..cols - rank + 1 {
                for j in 0..nrhs {
                    sub[(r, j)] = x[(rank - 1 + r, j)];
                }
            }
            eigen_apply_left(&mut sub, 0, 0..nrhs, &ess, z[k]);
            for r in 0..cols - rank + 1 {
                for j in 0..nrhs {
                    x[(rank - 1 + r, j)] = sub[(r, j)];
                }
            }
            if k != rank - 1 {
                x.swap_rows(k, rank - 1);
            }
        }
    }
    // x = P·x: row i of the solution belongs to column perm[i].
    let mut out = Mat::zeros(cols, nrhs);
    for (i, &p) in cp.perm.iter().enumerate() {
        for j in 0..nrhs {
            out[(p, j)] = x[(i, j)];
        }
    }
    out
}

pub(crate) mod tests {
    use super::*;

    /// numpy's `qr`: `(Q, R)` with `Q` of `mc` columns (`min(m, n)`, or `m` for "complete").
    fn lapack_qr(mut a: Mat<f64>, complete: bool) -> (Mat<f64>, Mat<f64>) {
        let (m, n) = (a.rows, a.cols);
        let hs = lapack_geqr2(&mut a);
        let mc = if complete && m > n { m } else { m.min(n) };
        let q = lapack_org2r(&hs, m, mc);
        let mut r = Mat::zeros(mc, n);
        for i in 0..mc {
            for j in i..n {
                r[(i, j)] = a[(i, j)];
            }
        }
        (q, r)
    }

    fn numpy_qr_signs() {
        // np.linalg.qr([[4, 1, 2], [1, 3, .5], [2, .5, 5]]): R's diagonal is negative first.
        let a = Mat::from_vec(3, 3, vec![4.0, 1., 2., 1., 3., 0.5, 2., 0.5, 5.]);
        let (q, r) = lapack_qr(a, false);
        assert!((r[(0, 0)] + 4.58257569).abs() < 1e-8);
        assert!((r[(1, 1)] + 2.6837252).abs() < 1e-7);
        assert!((r[(2, 2)] - 3.57770876).abs() < 1e-8);
        assert!((q[(0, 0)] + 0.872871561).abs() < 1e-9);
    }

    fn tensorflow_qr_digits() {
        // tf.linalg.qr([[1., 2.], [3., 4.], [5., 6.]]) prints r = [[-5.91608, -7.437357],
        // [0., 0.82807845]] and q[0] = [-0.16903079, 0.897085].
        let a = Mat::from_vec(3, 2, vec![1f32, 2., 3., 4., 5., 6.]);
        let qr = eigen_qr(a);
        let r = qr.r(2);
        assert_eq!(r.data, vec![-5.91608f32, -7.437357, 0.0, 0.82807845]);
        let q = qr.q(2);
        assert_eq!(q[(0, 0)], -0.16903079f32);
        assert_eq!(q[(0, 1)], 0.897085f32);
    }

    unit_cases!(numpy_qr_signs, tensorflow_qr_digits);
}
