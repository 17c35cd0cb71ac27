//! TensorFlow's singular value decomposition: Eigen's `BDCSVD`, which below 16 columns is
//! `JacobiSVD`: two-sided Jacobi rotations on the matrix scaled by its largest magnitude,
//! after a column-pivoting QR when the matrix is not square.

use super::qr::eigen_colpiv_qr;
use super::svd::{Job, Svd};
use super::{c, Mat, Real};

/// Eigen's `JacobiSVD` (with its column-pivoting QR preconditioner): `(s, U, V)` with `V`
/// not transposed, as TensorFlow returns it.
pub fn eigen_svd<T: Real>(a: &Mat<T>, job: Job) -> Svd<T> {
    let (rows, cols) = (a.rows, a.cols);
    let diag = rows.min(cols);
    let uv = job != Job::Values;
    let full = job == Job::Full;
    let mut scale = T::zero();
    let mut finite = true;
    for &v in &a.data {
        if v.is_nan() {
            finite = false;
        }
        if v.abs() > scale {
            scale = v.abs();
        }
    }
    if !finite || !scale.is_finite() {
        let nan = T::nan();
        return Svd {
            s: vec![nan; diag],
            u: uv.then(|| {
                Mat::from_vec(
                    rows,
                    if full { rows } else { diag },
                    vec![nan; rows * if full { rows } else { diag }],
                )
            }),
            vt: uv.then(|| {
                Mat::from_vec(
                    cols,
                    if full { cols } else { diag },
                    vec![nan; cols * if full { cols } else { diag }],
                )
            }),
        };
    }
    if scale == T::zero() {
        scale = T::one();
    }
    let scaled = a.map(|v| v / scale);
    let ucols = if full { rows } else { diag };
    let vcols = if full { cols } else { diag };
    let (mut w, mut u, mut v);
    if rows > cols {
        let cp = eigen_colpiv_qr(scaled);
        let (qr, perm) = (cp.qr, cp.perm);
        w = qr.r(cols).block(cols, cols);
        u = qr.q(ucols);
        v = Mat::zeros(cols, cols);
        for (i, &p) in perm.iter().enumerate() {
            v[(p, i)] = T::one();
        }
    } else if rows < cols {
        let cp = eigen_colpiv_qr(scaled.transpose());
        let (qr, perm) = (cp.qr, cp.perm);
        w = qr.r(rows).block(rows, rows).transpose();
        v = qr.q(vcols);
        u = Mat::zeros(rows, rows);
        for (i, &p) in perm.iter().enumerate() {
            u[(p, i)] = T::one();
        }
    } else {
        w = scaled;
        u = Mat::eye(rows, ucols);
        v = Mat::eye(cols, vcols);
    }
    jacobi_sweeps(&mut w, &mut u, &mut v);
    let mut s = vec![T::zero(); diag];
    for i in 0..diag {
        let x = w[(i, i)];
        s[i] = x.abs();
        if x < T::zero() {
            for r in 0..u.rows {
                u[(r, i)] = -u[(r, i)];
            }
        }
    }
    for x in s.iter_mut() {
        *x *= scale;
    }
    for i in 0..diag {
        let mut pos = i;
        for j in i + 1..diag {
            if s[j] > s[pos] {
                pos = j;
            }
        }
        if s[pos] == T::zero() {
            break;
        }
        if pos != i {
            s.swap(i, pos);
            u.swap_cols(i, pos);
            v.swap_cols(i, pos);
        }
    }
    Svd {
        s,
        u: uv.then_some(u),
        vt: uv.then_some(v),
    }
}

/// The two-sided Jacobi sweeps of `JacobiSVD` on the square `w`.
fn jacobi_sweeps<T: Real>(w: &mut Mat<T>, u: &mut Mat<T>, v: &mut Mat<T>) {
    let n = w.rows;
    let precision = c::<T>(2.0) * T::epsilon();
    let zero_tol = T::min_positive_value();
    let mut max_diag = T::zero();
    for i in 0..n {
        let d = w[(i, i)].abs();
        if d > max_diag {
            max_diag = d;
        }
    }
    let mut sweeps = 0;
    let mut finished = false;
    while !finished && sweeps < 1000 {
        finished = true;
        sweeps += 1;
        for p in 1..n {
            for q in 0..p {
                let threshold = if zero_tol > precision * max_diag {
                    zero_tol
                } else {
                    precision * max_diag
                };
                if w[(p, q)].abs() > threshold || w[(q, p)].abs() > threshold {
                    finished = false;
                    let (left, right) = real_2x2_jacobi(w, p, q);
                    // w = J_left·w (rows p, q); U·J_leftᵀ; w·J_right; V·J_right.
                    for j in 0..w.cols {
                        let (x, y) = (w[(p, j)], w[(q, j)]);
                        w[(p, j)] = left.0 * x + left.1 * y;
                        w[(q, j)] = -left.1 * x + left.0 * y;
                    }
                    for r in 0..u.rows {
                        let (x, y) = (u[(r, p)], u[(r, q)]);
                        u[(r, p)] = left.0 * x + left.1 * y;
                        u[(r, q)] = -left.1 * x + left.0 * y;
                    }
                    for r in 0..w.rows {
                        let (x, y) = (w[(r, p)], w[(r, q)]);
                        w[(r, p)] = right.0 * x - right.1 * y;
                        w[(r, q)] = right.1 * x + right.0 * y;
                    }
                    for r in 0..v.rows {
                        let (x, y) = (v[(r, p)], v[(r, q)]);
                        v[(r, p)] = right.0 * x - right.1 * y;
                        v[(r, q)] = right.1 * x + right.0 * y;
                    }
                    let dp = w[(p, p)].abs();
                    let dq = w[(q, q)].abs();
                    let m = if dp > dq { dp } else { dq };
                    if m > max_diag {
                        max_diag = m;
                    }
                }
            }
        }
    }
}

/// Eigen's `real_2x2_jacobi_svd`: the left and right rotations `(c, s)` that diagonalize
/// the 2x2 block of rows and columns `p`, `q`.
fn real_2x2_jacobi<T: Real>(w: &Mat<T>, p: usize, q: usize) -> ((T, T), (T, T)) {
    let (mut m00, mut m01, mut m10, mut m11) = (w[(p, p)], w[(p, q)], w[(q, p)], w[(q, q)]);
    let t = m00 + m11;
    let d = m10 - m01;
    let (c1, s1) = if d.abs() < T::min_positive_value() {
        (T::one(), T::zero())
    } else {
        let u = t / d;
        let tmp = (T::one() + u * u).sqrt();
        (u / tmp, T::one() / tmp)
    };
    // m = rot1·m (rows 0 and 1).
    let (a0, a1) = (m00, m10);
    m00 = c1 * a0 + s1 * a1;
    m10 = -s1 * a0 + c1 * a1;
    let (b0, b1) = (m01, m11);
    m01 = c1 * b0 + s1 * b1;
    m11 = -s1 * b0 + c1 * b1;
    let _ = m10;
    // makeJacobi(m00, m01, m11).
    let deno = c::<T>(2.0) * m01.abs();
    let (rc, rs) = if deno < T::min_positive_value() {
        (T::one(), T::zero())
    } else {
        let tau = (m00 - m11) / deno;
        let wv = (tau * tau + T::one()).sqrt();
        let tt = if tau > T::zero() {
            T::one() / (tau + wv)
        } else {
            T::one() / (tau - wv)
        };
        let sign_t = if tt > T::zero() { T::one() } else { -T::one() };
        let nn = T::one() / (tt * tt + T::one()).sqrt();
        (nn, -sign_t * (m01 / m01.abs()) * tt.abs() * nn)
    };
    // left = rot1 · rightᵀ, rightᵀ = (rc, -rs).
    let (c2, s2) = (rc, -rs);
    let lc = c1 * c2 - s1 * s2;
    let ls = c1 * s2 + s1 * c2;
    ((lc, ls), (rc, rs))
}

pub(crate) mod tests {
    use super::*;

    fn tensorflow_svd_2x2() {
        // tf.linalg.svd([[1., 2.], [3., 4.]]) prints s = [5.4649854, 0.36596614],
        // u = [[0.4045535, -0.9145143], [0.9145143, 0.4045535]],
        // v = [[0.5760484, 0.8174156], [0.8174156, -0.5760484]].
        let a = Mat::from_vec(2, 2, vec![1f32, 2., 3., 4.]);
        let r = eigen_svd(&a, Job::Thin);
        assert_eq!(r.s, vec![5.4649854f32, 0.36596614]);
        assert_eq!(
            r.u.unwrap().data,
            vec![0.4045535f32, -0.9145143, 0.9145143, 0.4045535]
        );
        assert_eq!(
            r.vt.unwrap().data,
            vec![0.5760484f32, 0.8174156, 0.8174156, -0.5760484]
        );
    }

    unit_cases!(tensorflow_svd_2x2);
}
