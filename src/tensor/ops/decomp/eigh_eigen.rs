//! Eigenvalues and eigenvectors of symmetric matrices as TensorFlow computes them: Eigen's
//! `SelfAdjointEigenSolver`, the matrix scaled by its largest magnitude, Eigen's own
//! tridiagonalization, and Wilkinson-shifted QR steps with Givens rotations, in the
//! tensor's precision.

use super::eigh::Eigh;
use super::{c, Mat, Real};

/// Eigen's `SelfAdjointEigenSolver` (reading the lower triangle).
pub fn eigen_eigh<T: Real>(a: &Mat<T>, vectors: bool) -> Eigh<T> {
    let n = a.rows;
    if n == 0 {
        return Some((vec![], vectors.then(|| Mat::zeros(0, 0))));
    }
    if n == 1 {
        return Some((
            vec![a[(0, 0)]],
            vectors.then(|| Mat::from_vec(1, 1, vec![T::one()])),
        ));
    }
    // The lower triangle, scaled into [-1, 1].
    let mut m = Mat::zeros(n, n);
    let mut scale = T::zero();
    for i in 0..n {
        for j in 0..=i {
            m[(i, j)] = a[(i, j)];
            let v = a[(i, j)].abs();
            if v > scale {
                scale = v;
            }
        }
    }
    if scale == T::zero() {
        scale = T::one();
    }
    for i in 0..n {
        for j in 0..=i {
            m[(i, j)] /= scale;
        }
    }
    let mut h = vec![T::zero(); n - 1];
    tridiagonalize(&mut m, &mut h);
    let mut diag: Vec<T> = (0..n).map(|i| m[(i, i)]).collect();
    let mut sub: Vec<T> = (0..n - 1).map(|i| m[(i + 1, i)]).collect();
    let mut q = vectors.then(|| householder_q(&m, &h));
    if !tridiagonal_qr(&mut diag, &mut sub, q.as_mut()) {
        return None;
    }
    for v in diag.iter_mut() {
        *v *= scale;
    }
    Some((diag, q))
}

/// Eigen's `tridiagonalization_inplace`: `m` keeps the tridiagonal matrix on its diagonal
/// and subdiagonal and the reflectors' essential parts below; `h` their coefficients.
fn tridiagonalize<T: Real>(m: &mut Mat<T>, h: &mut [T]) {
    let n = m.rows;
    for i in 0..n - 1 {
        let rs = n - i - 1;
        let mut x: Vec<T> = (i + 1..n).map(|r| m[(r, i)]).collect();
        let (hc, beta) = super::qr::eigen_make_householder(&mut x);
        x[0] = T::one();
        for (k, &v) in x.iter().enumerate() {
            m[(i + 1 + k, i)] = v;
        }
        let o = i + 1;
        // w = selfadjoint(lower) · (h·v): Eigen's kernel on column-major storage, one column
        // of the lower triangle at a time.
        let mut w = vec![T::zero(); rs];
        for j in 0..rs {
            let t1 = hc * x[j];
            let mut t2 = T::zero();
            w[j] += m[(o + j, o + j)] * t1;
            for r in j + 1..rs {
                let a = m[(o + r, o + j)];
                w[r] += a * t1;
                t2 += a * x[r];
            }
            w[j] += hc * t2;
        }
        let mut dot = w[0] * x[0];
        for k in 1..rs {
            dot += w[k] * x[k];
        }
        let s = (hc * c::<T>(-0.5)) * dot;
        for k in 0..rs {
            w[k] += s * x[k];
        }
        // A -= v·wᵀ + w·vᵀ on the lower triangle, row by row.
        for r in 0..rs {
            let (a1, a2) = (-x[r], -w[r]);
            for k in 0..=r {
                let add = a1 * w[k] + a2 * x[k];
                m[(o + r, o + k)] += add;
            }
        }
        m[(i + 1, i)] = beta;
        h[i] = hc;
    }
}

/// The orthogonal factor of the tridiagonalization: the reflectors (shifted one row down)
/// applied to the identity from the last to the first. Eigen keeps eigenvectors in
/// column-major storage, so `essᵀ·bottom` goes through its row-major matrix-vector kernel.
fn householder_q<T: Real>(m: &Mat<T>, h: &[T]) -> Mat<T> {
    let n = m.rows;
    let mut q = Mat::eye(n, n);
    for k in (0..n - 1).rev() {
        let ess: Vec<T> = (k + 2..n).map(|r| m[(r, k)]).collect();
        let tau = h[k];
        let r0 = k + 1;
        let cols = n - r0;
        if ess.is_empty() {
            let f = T::one() - tau;
            for j in r0..n {
                q[(r0, j)] *= f;
            }
            continue;
        }
        if tau == T::zero() {
            continue;
        }
        let mut tmp = super::eigen_rowmajor_dots(cols, &ess, |c, i| q[(r0 + 1 + i, r0 + c)]);
        for (c, t) in tmp.iter_mut().enumerate() {
            *t += q[(r0, r0 + c)];
            q[(r0, r0 + c)] -= tau * *t;
        }
        for (c, &t) in tmp.iter().enumerate() {
            for (i, &e) in ess.iter().enumerate() {
                let f = tau * e;
                q[(r0 + 1 + i, r0 + c)] -= t * f;
            }
        }
    }
    q
}

/// Eigen's `makeGivens(p, q)` for real numbers: `(c, s)`.
pub fn make_givens<T: Real>(p: T, q: T) -> (T, T) {
    if q == T::zero() {
        (if p < T::zero() { -T::one() } else { T::one() }, T::zero())
    } else if p == T::zero() {
        (T::zero(), if q < T::zero() { T::one() } else { -T::one() })
    } else if p.abs() > q.abs() {
        let t = q / p;
        let mut u = (T::one() + t * t).sqrt();
        if p < T::zero() {
            u = -u;
        }
        let cc = T::one() / u;
        (cc, -t * cc)
    } else {
        let t = p / q;
        let mut u = (T::one() + t * t).sqrt();
        if q < T::zero() {
            u = -u;
        }
        let s = -T::one() / u;
        (-t * s, s)
    }
}

/// Eigen's `hypot`: `p·sqrt(1 + (q/p)²)` with p the larger magnitude.
pub fn eigen_hypot<T: Real>(x: T, y: T) -> T {
    let (ax, ay) = (x.abs(), y.abs());
    let (p, qp) = if ax > ay {
        (ax, ay / ax)
    } else {
        (ay, ax / ay)
    };
    if p == T::zero() {
        return T::zero();
    }
    p * (T::one() + qp * qp).sqrt()
}

/// Eigen's `computeFromTridiagonal_impl`: deflation, QR steps, then a selection sort.
fn tridiagonal_qr<T: Real>(diag: &mut [T], sub: &mut [T], mut q: Option<&mut Mat<T>>) -> bool {
    let n = diag.len();
    let mut end = n - 1;
    let mut start = 0;
    let mut iter = 0;
    let max_iter = 30 * n;
    let zero_tol = T::min_positive_value();
    let precision_inv = T::one() / T::epsilon();
    while end > 0 {
        for i in start..end {
            if sub[i].abs() < zero_tol {
                sub[i] = T::zero();
            } else {
                let scaled = precision_inv * sub[i];
                if scaled * scaled <= diag[i].abs() + diag[i + 1].abs() {
                    sub[i] = T::zero();
                }
            }
        }
        while end > 0 && sub[end - 1] == T::zero() {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        iter += 1;
        if iter > max_iter {
            return false;
        }
        start = end - 1;
        while start > 0 && sub[start - 1] != T::zero() {
            start -= 1;
        }
        qr_step(diag, sub, start, end, q.as_deref_mut());
    }
    for i in 0..n - 1 {
        let mut k = i;
        for j in i + 1..n {
            if diag[j] < diag[k] {
                k = j;
            }
        }
        if k != i {
            diag.swap(i, k);
            if let Some(q) = q.as_deref_mut() {
                q.swap_cols(i, k);
            }
        }
    }
    true
}

/// Eigen's `tridiagonal_qr_step` with the Wilkinson shift.
fn qr_step<T: Real>(
    diag: &mut [T],
    sub: &mut [T],
    start: usize,
    end: usize,
    mut q: Option<&mut Mat<T>>,
) {
    let td = (diag[end - 1] - diag[end]) * c::<T>(0.5);
    let e = sub[end - 1];
    let mut mu = diag[end];
    if td == T::zero() {
        mu -= e.abs();
    } else if e != T::zero() {
        let e2 = e * e;
        let h = eigen_hypot(td, e);
        let hs = if td > T::zero() { h } else { -h };
        if e2 == T::zero() {
            mu -= e / ((td + hs) / e);
        } else {
            mu -= e2 / (td + hs);
        }
    }
    let mut x = diag[start] - mu;
    let mut z = sub[start];
    let mut k = start;
    while k < end && z != T::zero() {
        let (cc, s) = make_givens(x, z);
        let sdk = s * diag[k] + cc * sub[k];
        let dkp1 = s * sub[k] + cc * diag[k + 1];
        diag[k] = cc * (cc * diag[k] - s * sub[k]) - s * (cc * sub[k] - s * diag[k + 1]);
        diag[k + 1] = s * sdk + cc * dkp1;
        sub[k] = cc * sdk - s * dkp1;
        if k > start {
            sub[k - 1] = cc * sub[k - 1] - s * z;
        }
        x = sub[k];
        if k + 1 < end {
            z = -s * sub[k + 1];
            sub[k + 1] = cc * sub[k + 1];
        }
        if let Some(q) = q.as_deref_mut() {
            // Q = Q·G: columns k and k+1.
            for i in 0..q.rows {
                let (xi, yi) = (q[(i, k)], q[(i, k + 1)]);
                q[(i, k)] = cc * xi - s * yi;
                q[(i, k + 1)] = s * xi + cc * yi;
            }
        }
        k += 1;
    }
}

pub(crate) mod tests {
    use super::*;

    fn tensorflow_eigh_digits() {
        // tf.linalg.eigh([[2., 1.], [1., 3.]]) prints e = [1.3819659, 3.6180334],
        // v = [[-0.8506507, -0.52573115], [0.52573115, -0.8506507]].
        let a = Mat::from_vec(2, 2, vec![2f32, 1., 1., 3.]);
        let (w, v) = eigen_eigh(&a, true).unwrap();
        assert_eq!(w, vec![1.3819659f32, 3.6180334]);
        assert_eq!(
            v.unwrap().data,
            vec![-0.8506507f32, -0.52573115, 0.52573115, -0.8506507]
        );
    }

    unit_cases!(tensorflow_eigh_digits);
}
