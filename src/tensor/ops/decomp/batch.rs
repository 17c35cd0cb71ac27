//! Stacks of matrices: a float tensor of shape `[..., m, n]` as a list of row-major
//! [`Mat`]s (one per batch index, in row-major batch order), and results back to tensors.

use super::{Mat, Real};
use crate::tensor::dtype::Elem;
use crate::tensor::error::TResult;
use crate::tensor::{DType, Tensor};

/// A float element type the kernels run in, with its tensor dtype.
pub trait Float: Real + Elem {}
impl Float for f32 {}
impl Float for f64 {}

/// The batch shape and the matrices of `t` (rank ≥ 2), read as `T`.
pub fn matrices<T: Float>(t: &Tensor) -> TResult<(Vec<usize>, Vec<Mat<T>>)> {
    let shape = t.shape();
    let r = shape.len();
    let (m, n) = (shape[r - 2], shape[r - 1]);
    let batch = shape[..r - 2].to_vec();
    let count: usize = batch.iter().product();
    let data: Vec<T> = t.cast(T::DTYPE).contiguous().to_vec()?;
    let mats = (0..count)
        .map(|b| Mat::from_vec(m, n, data[b * m * n..(b + 1) * m * n].to_vec()))
        .collect();
    Ok((batch, mats))
}

/// A `[batch..., rows, cols]` tensor of dtype `out` from matrices of that shape.
pub fn from_matrices<T: Float>(
    batch: &[usize],
    rows: usize,
    cols: usize,
    mats: &[Mat<T>],
    out: DType,
) -> Tensor {
    let mut shape = batch.to_vec();
    shape.extend([rows, cols]);
    let mut data = Vec::with_capacity(mats.len() * rows * cols);
    for m in mats {
        data.extend_from_slice(&m.data);
    }
    Tensor::from_vec(&shape, data).cast(out)
}

/// A `[batch..., len]` tensor of dtype `out`.
pub fn from_vectors<T: Float>(batch: &[usize], len: usize, vs: &[Vec<T>], out: DType) -> Tensor {
    let mut shape = batch.to_vec();
    shape.push(len);
    let data: Vec<T> = vs.iter().flatten().copied().collect();
    Tensor::from_vec(&shape, data).cast(out)
}

/// A `[batch...]` tensor of dtype `out`.
pub fn from_scalars<T: Float>(batch: &[usize], xs: Vec<T>, out: DType) -> Tensor {
    Tensor::from_vec(batch, xs).cast(out)
}
