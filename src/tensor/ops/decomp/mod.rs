//! Matrix decompositions shared by `np.linalg` and `tf.linalg`.
//!
//! Each decomposition comes in the two versions the references run. numpy computes with
//! LAPACK's reference routines (through OpenBLAS), always in float64; the `lapack` kernels
//! follow those routines step for step (Householder conventions, shifts, deflation tests,
//! sorting), so that vectors come out with LAPACK's signs and eigenvalues in LAPACK's order.
//! TensorFlow's CPU kernels call Eigen in the tensor's own precision; the `eigen` kernels
//! repeat Eigen's arithmetic operation by operation (reciprocal multiplies, summation order,
//! no fused multiply-add), so float32 results round to the digits TensorFlow prints.
//!
//! Matrices here are plain row-major [`Mat`]s; `batch.rs` turns tensors into batches of them.
//!
//! | file | owns |
//! |---|---|
//! | `lu.rs` | LU with partial pivoting, triangular solves, inverse, determinant, Cholesky |
//! | `qr.rs` | Householder reflectors, QR, Eigen's column-pivoted QR |
//! | `eigh.rs` | symmetric eigendecomposition along LAPACK dsyevd's path |
//! | `eigh_eigen.rs` | symmetric eigendecomposition as Eigen's solver computes it |
//! | `svd.rs` | singular values and vectors as LAPACK's dgesdd computes them |
//! | `bdsqr.rs` | LAPACK's SVD of a bidiagonal matrix (dbdsdc through dbdsqr) |
//! | `svd_jacobi.rs` | singular values and vectors as Eigen's Jacobi SVD computes them |
//! | `eig.rs` | eigenvalues and vectors of general matrices (LAPACK dgeev's path) |
//! | `batch.rs` | stacks of matrices from tensors, results back to tensors |

// The kernels transcribe LAPACK and Eigen loop for loop; index loops keep them comparable.
#![allow(clippy::needless_range_loop)]

pub(crate) mod batch;
mod bdsqr;
pub(crate) mod eig;
pub(crate) mod eigh;
pub(crate) mod eigh_eigen;
pub(crate) mod lu;
pub(crate) mod qr;
pub(crate) mod svd;
pub(crate) mod svd_jacobi;

use std::fmt::Debug;
use std::ops::{AddAssign, DivAssign, Index, IndexMut, MulAssign, SubAssign};

/// The float element types the kernels run in.
pub trait Real:
    num_traits::Float
    + Default
    + Debug
    + Send
    + Sync
    + 'static
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
{
}

impl Real for f32 {}
impl Real for f64 {}

/// A constant in the kernel's precision.
pub fn c<T: Real>(x: f64) -> T {
    T::from(x).unwrap_or_else(T::nan)
}

/// A dense row-major matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct Mat<T> {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<T>,
}

impl<T: Real> Mat<T> {
    pub fn zeros(rows: usize, cols: usize) -> Mat<T> {
        Mat {
            rows,
            cols,
            data: vec![T::zero(); rows * cols],
        }
    }

    /// Ones on the main diagonal of a `rows`×`cols` matrix.
    pub fn eye(rows: usize, cols: usize) -> Mat<T> {
        let mut m = Mat::zeros(rows, cols);
        for i in 0..rows.min(cols) {
            m[(i, i)] = T::one();
        }
        m
    }

    pub fn from_vec(rows: usize, cols: usize, data: Vec<T>) -> Mat<T> {
        debug_assert_eq!(data.len(), rows * cols);
        Mat { rows, cols, data }
    }

    pub fn transpose(&self) -> Mat<T> {
        let mut t = Mat::zeros(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t[(j, i)] = self[(i, j)];
            }
        }
        t
    }

    pub fn swap_rows(&mut self, a: usize, b: usize) {
        if a != b {
            for j in 0..self.cols {
                self.data.swap(a * self.cols + j, b * self.cols + j);
            }
        }
    }

    pub fn swap_cols(&mut self, a: usize, b: usize) {
        if a != b {
            for i in 0..self.rows {
                self.data.swap(i * self.cols + a, i * self.cols + b);
            }
        }
    }

    /// The top-left `rows`×`cols` block.
    pub fn block(&self, rows: usize, cols: usize) -> Mat<T> {
        let mut b = Mat::zeros(rows, cols);
        for i in 0..rows {
            for j in 0..cols {
                b[(i, j)] = self[(i, j)];
            }
        }
        b
    }

    /// `self · other`, each entry summed in index order.
    pub fn matmul(&self, other: &Mat<T>) -> Mat<T> {
        let mut out = Mat::zeros(self.rows, other.cols);
        for i in 0..self.rows {
            for j in 0..other.cols {
                let mut s = T::zero();
                for k in 0..self.cols {
                    s += self[(i, k)] * other[(k, j)];
                }
                out[(i, j)] = s;
            }
        }
        out
    }

    pub fn map<U: Real>(&self, f: impl Fn(T) -> U) -> Mat<U> {
        Mat {
            rows: self.rows,
            cols: self.cols,
            data: self.data.iter().map(|&x| f(x)).collect(),
        }
    }
}

impl<T> Index<(usize, usize)> for Mat<T> {
    type Output = T;
    #[inline]
    fn index(&self, (i, j): (usize, usize)) -> &T {
        &self.data[i * self.cols + j]
    }
}

impl<T> IndexMut<(usize, usize)> for Mat<T> {
    #[inline]
    fn index_mut(&mut self, (i, j): (usize, usize)) -> &mut T {
        &mut self.data[i * self.cols + j]
    }
}

/// Fortran's `SIGN(a, b)`: |a| with the sign bit of b.
#[inline]
pub fn sign<T: Real>(a: T, b: T) -> T {
    let a = a.abs();
    if b.is_sign_negative() {
        -a
    } else {
        a
    }
}

/// Eigen's row-major matrix-vector kernel (`general_matrix_vector_product<RowMajor>`) as it
/// sums: `rows` dot products of `row(r)` (a function of the column) with `x`. Rows go in
/// groups of 8, 4 and 2 that use full packets only; a row left over also uses half packets.
/// Packet lanes accumulate separately and are then folded as Eigen's `predux` folds them
/// (AVX: 8 float or 4 double lanes, halves of 4 and 2).
pub fn eigen_rowmajor_dots<T: Real>(
    rows: usize,
    x: &[T],
    row: impl Fn(usize, usize) -> T,
) -> Vec<T> {
    let len = x.len();
    let (p, h) = if std::mem::size_of::<T>() == 4 {
        (8, 4)
    } else {
        (4, 2)
    };
    let full = p * (len / p);
    let packets = |r: usize, from: usize, to: usize, lanes: usize| -> T {
        let mut acc = vec![T::zero(); lanes];
        let mut j = from;
        while j < to {
            for (l, a) in acc.iter_mut().enumerate() {
                *a += row(r, j + l) * x[j + l];
            }
            j += lanes;
        }
        predux(&acc)
    };
    let mut out = vec![T::zero(); rows];
    let grouped = |rows_in_group: usize, i: usize| -> bool { i + rows_in_group <= rows };
    let mut i = 0;
    for g in [8, 4, 2] {
        while grouped(g, i) {
            for r in i..i + g {
                let mut cc = packets(r, 0, full, p);
                for (j, &xj) in x.iter().enumerate().skip(full) {
                    cc += row(r, j) * xj;
                }
                out[r] = cc;
            }
            i += g;
        }
    }
    for (r, slot) in out.iter_mut().enumerate().skip(i) {
        let mut cc = packets(r, 0, full, p);
        let half = h * (len / h);
        if half > full {
            cc += packets(r, full, half, h);
        }
        for (j, &xj) in x.iter().enumerate().skip(half.max(full)) {
            cc += row(r, j) * xj;
        }
        *slot = cc;
    }
    out
}

/// Eigen's horizontal sum of a packet: the upper half added onto the lower, repeatedly.
pub(crate) fn predux<T: Real>(lanes: &[T]) -> T {
    let mut v = lanes.to_vec();
    while v.len() > 1 {
        let half = v.len() / 2;
        v = (0..half).map(|i| v[i] + v[i + half]).collect();
    }
    v.first().copied().unwrap_or_else(T::zero)
}
