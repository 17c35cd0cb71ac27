//! LU factorization with partial pivoting and what is built on it (solves, inverses,
//! determinants), triangular solves, and Cholesky factorization.
//!
//! The `eigen_*` kernels are Eigen's `PartialPivLU` (unblocked: Eigen blocks only matrices
//! wider than 16 columns), its triangular solves as they run on row-major storage (the
//! right-hand side is updated row by row and each row is scaled by the reciprocal of the
//! pivot), and `LLT`. The `lapack_*` kernels are OpenBLAS's `getf2` (left-looking, pivots
//! scaled by reciprocals) and `potf2`, in float64.

use super::{Mat, Real};

/// A factorization `P·A = L·U` stored in one matrix: `L` (unit diagonal) below, `U` on and
/// above the diagonal. `piv[k]` is the row swapped with row `k` at step `k`.
#[derive(Clone, Debug)]
pub struct Lu<T> {
    pub lu: Mat<T>,
    pub piv: Vec<usize>,
    /// How many of the swaps exchanged two different rows.
    pub swaps: usize,
    /// The first step whose pivot column was all zeros.
    pub zero_pivot: Option<usize>,
}

impl<T: Real> Lu<T> {
    /// Whether no pivot is zero: TensorFlow's test `min |pivot| > 0`, with the minimum taken
    /// as Eigen's `minCoeff` takes it (a NaN first stays; a NaN later is passed over).
    pub fn invertible(&self) -> bool {
        let n = self.lu.rows.min(self.lu.cols);
        if n == 0 {
            return true;
        }
        let mut min = self.lu[(0, 0)].abs();
        for i in 1..n {
            let a = self.lu[(i, i)].abs();
            if a < min {
                min = a;
            }
        }
        min > T::zero()
    }
}

/// Eigen's unblocked partial-pivoting LU.
pub fn eigen_lu<T: Real>(mut a: Mat<T>) -> Lu<T> {
    let (rows, cols) = (a.rows, a.cols);
    let size = rows.min(cols);
    let mut piv = Vec::with_capacity(size);
    let (mut swaps, mut zero_pivot) = (0, None);
    for k in 0..size {
        // The first row of the largest magnitude (NaN never compares larger).
        let mut best = k;
        let mut big = a[(k, k)].abs();
        for i in k + 1..rows {
            let v = a[(i, k)].abs();
            if v > big {
                big = v;
                best = i;
            }
        }
        piv.push(best);
        if big != T::zero() {
            if best != k {
                a.swap_rows(k, best);
                swaps += 1;
            }
            let p = a[(k, k)];
            for i in k + 1..rows {
                a[(i, k)] /= p;
            }
        } else if zero_pivot.is_none() {
            zero_pivot = Some(k);
        }
        if k + 1 < rows {
            for i in k + 1..rows {
                let l = a[(i, k)];
                for j in k + 1..cols {
                    a[(i, j)] = a[(i, j)] - l * a[(k, j)];
                }
            }
        }
    }
    Lu {
        lu: a,
        piv,
        swaps,
        zero_pivot,
    }
}

/// Which triangle a triangular solve reads, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    /// Lower triangle with ones on the diagonal (the `L` of an LU).
    UnitLower,
    Lower,
    Upper,
    /// The transpose of the lower triangle (an upper triangular system).
    LowerT,
    /// The transpose of the upper triangle (a lower triangular system).
    UpperT,
}

/// Solves `T·X = B` in place of `b` as Eigen does for row-major operands: row `j` of `X` is
/// `B`'s row minus the already solved rows times `T`'s entries (one row at a time, in the
/// order they were solved), then scaled by `1 / T[j][j]`.
pub fn eigen_tri_solve<T: Real>(t: &Mat<T>, tri: Tri, b: &mut Mat<T>) {
    let n = t.rows;
    let m = b.cols;
    // (the coefficient T'(j, k) of the system actually solved)
    let coef = |j: usize, k: usize| match tri {
        Tri::UnitLower | Tri::Lower | Tri::Upper => t[(j, k)],
        Tri::LowerT | Tri::UpperT => t[(k, j)],
    };
    let forward = matches!(tri, Tri::UnitLower | Tri::Lower | Tri::UpperT);
    let unit = tri == Tri::UnitLower;
    let order: Vec<usize> = if forward {
        (0..n).collect()
    } else {
        (0..n).rev().collect()
    };
    for &j in &order {
        let solved: Vec<usize> = if forward {
            (0..j).collect()
        } else {
            (j + 1..n).collect()
        };
        for k in solved {
            let f = coef(j, k);
            for c in 0..m {
                let y = b[(k, c)];
                b[(j, c)] -= y * f;
            }
        }
        if !unit {
            let inv = T::one() / t[(j, j)];
            for c in 0..m {
                b[(j, c)] *= inv;
            }
        }
    }
}

/// `X = A⁻¹·B` from Eigen's LU: the row swaps, then `L`, then `U`.
pub fn eigen_lu_solve<T: Real>(lu: &Lu<T>, b: &mut Mat<T>) {
    for (k, &p) in lu.piv.iter().enumerate() {
        b.swap_rows(k, p);
    }
    eigen_tri_solve(&lu.lu, Tri::UnitLower, b);
    eigen_tri_solve(&lu.lu, Tri::Upper, b);
}

/// TensorFlow's `(sign, log|det|)`: the LU's pivots, the logs of their magnitudes summed as
/// Eigen's `abs_diag.log().sum()` sums them; a zero or non-finite result is sign 0 and
/// log|det| ±inf.
pub fn eigen_slogdet<T: Real>(a: Mat<T>) -> (T, T) {
    if a.rows == 0 {
        return (T::one(), T::zero());
    }
    let lu = eigen_lu(a);
    let n = lu.lu.rows;
    let mut sign = if lu.swaps % 2 == 1 {
        -T::one()
    } else {
        T::one()
    };
    let mut prod = T::one();
    let mut abs = Vec::with_capacity(n);
    for i in 0..n {
        let d = lu.lu[(i, i)];
        let ad = d.abs();
        abs.push(ad);
        prod *= d / ad;
    }
    let mut log = log_sum(&abs);
    sign *= prod;
    if !log.is_finite() {
        sign = T::zero();
        log = if log > T::zero() {
            T::infinity()
        } else {
            T::neg_infinity()
        };
    }
    (sign, log)
}

/// `x.log().sum()` over an aligned Eigen array: whole AVX packets (8 floats, 4 doubles)
/// take Eigen's packet log and are summed in two packet accumulators, then folded; the rest
/// take the C library's log and are added one by one.
fn log_sum<T: Real>(x: &[T]) -> T {
    use crate::tensor::ops::eigen::{log_f32, log_f64};
    let f32s = std::mem::size_of::<T>() == 4;
    let p = if f32s { 8 } else { 4 };
    let plog = |v: T| -> T {
        let v = v.to_f64().unwrap_or(f64::NAN);
        let r = if f32s {
            log_f32(v as f32) as f64
        } else {
            log_f64(v)
        };
        super::c::<T>(r)
    };
    let n = x.len();
    let whole = n / p * p;
    if whole == 0 {
        let mut res = x[0].ln();
        for &v in &x[1..] {
            res += v.ln();
        }
        return res;
    }
    let packet = |at: usize| -> Vec<T> { x[at..at + p].iter().map(|&v| plog(v)).collect() };
    let add = |a: &mut Vec<T>, b: Vec<T>| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
    let mut r0 = packet(0);
    if whole > p {
        let whole2 = n / (2 * p) * (2 * p);
        let mut r1 = packet(p);
        let mut at = 2 * p;
        while at < whole2 {
            add(&mut r0, packet(at));
            add(&mut r1, packet(at + p));
            at += 2 * p;
        }
        add(&mut r0, r1);
        if whole > whole2 {
            add(&mut r0, packet(whole2));
        }
    }
    let mut res = super::predux(&r0);
    for &v in &x[whole..] {
        res += v.ln();
    }
    res
}

/// Eigen's unblocked `LLT` of the lower triangle (the upper one is never read); `None` when a
/// pivot is not positive. The result has zeros above the diagonal.
pub fn eigen_cholesky<T: Real>(mut a: Mat<T>) -> Option<Mat<T>> {
    let n = a.rows;
    for k in 0..n {
        let mut x = a[(k, k)];
        if k > 0 {
            let mut sq = a[(k, 0)] * a[(k, 0)];
            for j in 1..k {
                sq += a[(k, j)] * a[(k, j)];
            }
            x -= sq;
        }
        if x <= T::zero() {
            return None;
        }
        let x = x.sqrt();
        a[(k, k)] = x;
        if k > 0 && k + 1 < n {
            // A21 -= A20 · A10ᵀ: Eigen's row-major matrix-vector kernel, or a plain dot
            // product when A20 is a single row.
            let a10: Vec<T> = (0..k).map(|j| a[(k, j)]).collect();
            let dots = if n - k - 1 == 1 {
                let mut d = T::zero();
                for (j, &x) in a10.iter().enumerate() {
                    d += a[(k + 1, j)] * x;
                }
                vec![d]
            } else {
                super::eigen_rowmajor_dots(n - k - 1, &a10, |r, j| a[(k + 1 + r, j)])
            };
            for (r, d) in dots.into_iter().enumerate() {
                a[(k + 1 + r, k)] -= d;
            }
        }
        for i in k + 1..n {
            a[(i, k)] /= x;
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            a[(i, j)] = T::zero();
        }
    }
    Some(a)
}

/// OpenBLAS's `getf2` in float64: column `j` is first brought up to date (swaps, the solve
/// with `L` above the diagonal, the product below it), then its pivot is chosen and the
/// multipliers are scaled by the pivot's reciprocal. `zero_pivot` is LAPACK's `info - 1`.
pub fn lapack_lu(mut a: Mat<f64>) -> Lu<f64> {
    let (m, n) = (a.rows, a.cols);
    let mut piv: Vec<usize> = Vec::with_capacity(m.min(n));
    let (mut swaps, mut zero_pivot) = (0, None);
    for j in 0..n {
        for (i, &p) in piv.iter().enumerate().take(j.min(m)) {
            if p != i {
                let t = a[(i, j)];
                a[(i, j)] = a[(p, j)];
                a[(p, j)] = t;
            }
        }
        for i in 1..j.min(m) {
            let mut dot = 0.0f64;
            for k in 0..i {
                dot = a[(i, k)].mul_add(a[(k, j)], dot);
            }
            a[(i, j)] -= dot;
        }
        if j < m {
            for i in j..m {
                let mut s = 0.0f64;
                for k in 0..j {
                    s = a[(i, k)].mul_add(a[(k, j)], s);
                }
                a[(i, j)] -= s;
            }
            // OpenBLAS's idamax finds the largest magnitude, then its first index; a NaN in
            // first place matches nothing and leaves no pivot (numpy: singular).
            let mut jp = j;
            let mut big = a[(j, j)].abs();
            for i in j + 1..m {
                let v = a[(i, j)].abs();
                if v > big {
                    big = v;
                    jp = i;
                }
            }
            piv.push(jp);
            let p = a[(jp, j)];
            let lost = big.is_nan() && m - j > 1;
            if p != 0.0 && !lost {
                if jp != j {
                    for k in 0..=j {
                        let t = a[(j, k)];
                        a[(j, k)] = a[(jp, k)];
                        a[(jp, k)] = t;
                    }
                    swaps += 1;
                }
                if p.abs() >= f64::MIN_POSITIVE {
                    let r = 1.0 / p;
                    for i in j + 1..m {
                        a[(i, j)] *= r;
                    }
                } else {
                    for i in j + 1..m {
                        a[(i, j)] /= p;
                    }
                }
            } else if zero_pivot.is_none() {
                zero_pivot = Some(j);
            }
        }
    }
    Lu {
        lu: a,
        piv,
        swaps,
        zero_pivot,
    }
}

/// `X = A⁻¹·B` from LAPACK's LU (`getrs` as OpenBLAS runs it): the row swaps, then the
/// two triangular solves column by column with fused multiply-adds; several right-hand
/// sides go through `trsm`, which multiplies by the pivots' reciprocals, one through
/// `trsv`, which divides.
pub fn lapack_lu_solve(lu: &Lu<f64>, b: &mut Mat<f64>) {
    let n = lu.lu.rows;
    for (k, &p) in lu.piv.iter().enumerate() {
        b.swap_rows(k, p);
    }
    let a = &lu.lu;
    let divide = b.cols == 1;
    for c in 0..b.cols {
        for j in 0..n {
            let x = b[(j, c)];
            for i in j + 1..n {
                b[(i, c)] = (-x).mul_add(a[(i, j)], b[(i, c)]);
            }
        }
        for j in (0..n).rev() {
            let x = if divide {
                b[(j, c)] / a[(j, j)]
            } else {
                b[(j, c)] * (1.0 / a[(j, j)])
            };
            b[(j, c)] = x;
            for i in 0..j {
                b[(i, c)] = (-x).mul_add(a[(i, j)], b[(i, c)]);
            }
        }
    }
}

/// numpy's `(sign, log|det|)`: LAPACK's LU, the sign of each pivot folded into the sign and
/// the logs of their magnitudes summed in order; a singular matrix is `(0, -inf)`.
pub fn lapack_slogdet(a: Mat<f64>) -> (f64, f64) {
    if a.rows == 0 {
        return (1.0, 0.0);
    }
    let lu = lapack_lu(a);
    if lu.zero_pivot.is_some() {
        return (0.0, f64::NEG_INFINITY);
    }
    let mut sign = if lu.swaps % 2 == 1 { -1.0 } else { 1.0 };
    let mut log = 0.0;
    for i in 0..lu.lu.rows {
        let mut d = lu.lu[(i, i)];
        if d < 0.0 {
            sign = -sign;
            d = -d;
        }
        log += d.ln();
    }
    (sign, log)
}

/// OpenBLAS's `potf2` on the lower triangle in float64; `None` when a pivot is not positive.
pub fn lapack_cholesky(mut a: Mat<f64>) -> Option<Mat<f64>> {
    let n = a.rows;
    for j in 0..n {
        let mut dot = 0.0;
        for k in 0..j {
            dot += a[(j, k)] * a[(j, k)];
        }
        let ajj = a[(j, j)] - dot;
        if ajj <= 0.0 {
            return None;
        }
        let ajj = ajj.sqrt();
        a[(j, j)] = ajj;
        let r = 1.0 / ajj;
        for i in j + 1..n {
            let mut s = 0.0;
            for k in 0..j {
                s += a[(i, k)] * a[(j, k)];
            }
            a[(i, j)] = (a[(i, j)] - s) * r;
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            a[(i, j)] = 0.0;
        }
    }
    Some(a)
}

pub(crate) mod tests {
    use super::*;

    fn eigen_inverse_rounds_as_tensorflow() {
        // tf.linalg.inv([[1., 2.], [3., 4.]]) prints [[-2.0000002, 1.0000001],
        // [1.5000001, -0.50000006]].
        let a = Mat::from_vec(2, 2, vec![1f32, 2., 3., 4.]);
        let lu = eigen_lu(a);
        let mut x = Mat::eye(2, 2);
        eigen_lu_solve(&lu, &mut x);
        assert_eq!(
            x.data,
            vec![-2.0000002f32, 1.0000001, 1.5000001, -0.50000006]
        );
    }

    fn slogdet_of_singular_is_zero_sign() {
        let a = Mat::from_vec(2, 2, vec![1f32, 2., 2., 4.]);
        assert_eq!(eigen_slogdet(a), (0.0, f32::NEG_INFINITY));
        let a = Mat::from_vec(2, 2, vec![1f64, 2., 2., 4.]);
        assert_eq!(lapack_slogdet(a), (0.0, f64::NEG_INFINITY));
    }

    fn cholesky_of_a_positive_definite_matrix() {
        // np.linalg.cholesky([[4, 1, 2], [1, 3, .5], [2, .5, 5]])[1, 1] prints 1.6583124.
        let a = Mat::from_vec(3, 3, vec![4.0, 1., 2., 1., 3., 0.5, 2., 0.5, 5.]);
        let l = lapack_cholesky(a).unwrap();
        assert_eq!(l[(0, 0)], 2.0);
        assert!((l[(1, 1)] - 1.6583124).abs() < 1e-7);
        assert_eq!(l[(0, 1)], 0.0);
        assert!(lapack_cholesky(Mat::from_vec(2, 2, vec![1.0, 2., 3., 4.])).is_none());
    }

    unit_cases!(
        eigen_inverse_rounds_as_tensorflow,
        slogdet_of_singular_is_zero_sign,
        cholesky_of_a_positive_definite_matrix,
    );
}
