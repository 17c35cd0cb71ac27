//! Fused activations over rows: softmax in two passes (row max, then exp, row sum and
//! scale) and log_softmax, in the arithmetic order of TensorFlow's kernels. Rows run in
//! parallel, each pass a SIMD loop. Also relu's gradient (TensorFlow's ReluGrad) as one
//! pass instead of a compare, a cast and a product.

use super::eigen;
use super::parallel::{assume_init, uninit_vec, written, PAR_MIN};
use super::reduce::eigen_sum;
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{Data, Tensor};
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// The row maximum with eight independent lanes so it vectorizes. NaNs are skipped here; a
/// row holding one still comes out all NaN through the exp and the sum, as in TensorFlow.
#[inline(always)]
fn row_max(src: &[f32]) -> f32 {
    let mut lanes = [f32::NEG_INFINITY; 8];
    let chunks = src.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for l in 0..8 {
            lanes[l] = lanes[l].max(c[l]);
        }
    }
    let mut m = lanes.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for &v in rest {
        m = m.max(v);
    }
    m
}

/// One row of f32 logits from `src` into `dst` (as long as `src`, written here). `packet_end` is how many leading elements
/// of this row fall in whole packets of the flattened buffer (the rest take libm's exp, as
/// in TensorFlow).
#[inline(always)]
fn row_f32(src: &[f32], dst: &mut [MaybeUninit<f32>], packet_end: usize, log: bool) {
    let max = row_max(src);
    let k = packet_end.min(src.len());
    for (d, &v) in dst[..k].iter_mut().zip(&src[..k]) {
        d.write(eigen::exp_f32(v - max));
    }
    for (d, &v) in dst[k..].iter_mut().zip(&src[k..]) {
        d.write((v - max).exp());
    }
    // SAFETY: the two loops wrote every element (`dst` is as long as `src`).
    let dst = unsafe { written(dst) };
    let sum = eigen_sum(dst, 8);
    if log {
        let l = eigen::log_f32(sum);
        for (d, &v) in dst.iter_mut().zip(src) {
            *d = v - max - l;
        }
        return;
    }
    let inv = 1.0 / sum;
    for d in dst.iter_mut() {
        *d *= inv;
    }
}

#[inline(always)]
fn row_f64(row: &mut [f64], log: bool) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if log {
        let e: Vec<f64> = row.iter().map(|&v| eigen::exp_f64(v - max)).collect();
        let l = eigen::log_f64(eigen_sum(&e, 4));
        row.iter_mut().for_each(|v| *v = *v - max - l);
        return;
    }
    row.iter_mut().for_each(|v| *v = eigen::exp_f64(*v - max));
    let inv = 1.0 / eigen_sum(row, 4);
    row.iter_mut().for_each(|v| *v *= inv);
}

/// A block of whole rows, run as one SIMD-dispatched unit so the row code is compiled for
/// the CPU's vector width.
struct RowsF32<'a> {
    src: &'a [f32],
    data: &'a mut [MaybeUninit<f32>],
    cols: usize,
    first: usize,
    packet_total: usize,
    log: bool,
}

impl pulp::WithSimd for RowsF32<'_> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        for (i, (dst, src)) in self
            .data
            .chunks_mut(self.cols)
            .zip(self.src.chunks(self.cols))
            .enumerate()
        {
            let start = (self.first + i) * self.cols;
            row_f32(src, dst, self.packet_total.saturating_sub(start), self.log);
        }
    }
}

struct RowsF64<'a> {
    data: &'a mut [f64],
    cols: usize,
    log: bool,
}

impl pulp::WithSimd for RowsF64<'_> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        for row in self.data.chunks_mut(self.cols) {
            row_f64(row, self.log);
        }
    }
}

/// Rows per parallel block: about PAR_MIN elements.
fn block_rows(cols: usize) -> usize {
    (PAR_MIN / cols.max(1)).max(1)
}

/// `tf.nn.softmax` / `tf.nn.log_softmax` along `axis`.
pub fn softmax(t: &Tensor, axis: i64, log: bool) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[t], move |x| softmax_recorded(x[0], axis, log))
}

fn softmax_recorded(t: &Tensor, axis: i64, log: bool) -> TResult<Tensor> {
    let out = softmax_kernel(t, axis, log)?;
    Ok(crate::tensor::autodiff::record(
        &[t],
        out,
        move |_x, y, g| {
            Ok(vec![Some(crate::tensor::autodiff::math::softmax_grad(
                axis, log, y, g,
            )?)])
        },
    ))
}

/// The computation of `softmax`, before it is recorded for gradients.
fn softmax_kernel(t: &Tensor, axis: i64, log: bool) -> TResult<Tensor> {
    let nd = t.ndim() as i64;
    if nd == 0 {
        return Err(invalid_arg("logits must have >= 1 dimension, got []"));
    }
    if axis < -nd || axis >= nd {
        return Err(invalid_arg(format!(
            "`axis` must be in the range [{}, {}) where {} is the number of dimensions in the input. Received: axis={}",
            -nd, nd, nd, axis
        )));
    }
    let ax = if axis < 0 { axis + nd } else { axis };
    if ax != nd - 1 {
        // Move the axis last, compute, move it back.
        let mut perm: Vec<i64> = (0..nd).collect();
        perm.swap(ax as usize, (nd - 1) as usize);
        let moved = super::shape::transpose(t, Some(&perm))?.contiguous();
        let r = softmax(&moved, -1, log)?;
        return Ok(super::shape::transpose(&r, Some(&perm))?.contiguous());
    }
    let cols = t.shape()[(nd - 1) as usize];
    let c = t.contiguous();
    match &c.data {
        Data::F32(a) => {
            let src = a.as_slice().unwrap_or(&[]);
            // Unwritten at first: each row is written whole by row_f32.
            let mut v = uninit_vec::<f32>(src.len());
            let packet_total = eigen::packet_split(v.len(), 8);
            let rows = block_rows(cols);
            if cols > 0 {
                v.par_chunks_mut(rows * cols).zip(src.par_chunks(rows * cols)).enumerate().for_each(|(b, (data, src))| {
                    crate::tensor::ops::parallel::dispatch(RowsF32 { src, data, cols, first: b * rows, packet_total, log })
                });
            }
            // SAFETY: the rows (all of them when cols > 0; none exist otherwise) were written.
            Ok(Tensor::from_vec(t.shape(), unsafe { assume_init(v) }))
        }
        Data::F64(a) => {
            let mut v: Vec<f64> = a.as_slice().map(|s| s.to_vec()).unwrap_or_default();
            let rows = block_rows(cols);
            if cols > 0 {
                v.par_chunks_mut(rows * cols).for_each(|data| crate::tensor::ops::parallel::dispatch(RowsF64 { data, cols, log }));
            }
            Ok(Tensor::from_vec(t.shape(), v))
        }
        _ => Err(invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double",
            t.dtype().name()
        ))),
    }
}

/// Whether `relu_grad` takes this gradient and relu output: one float dtype, one shape.
pub fn relu_grad_fuses(g: &Tensor, y: &Tensor) -> bool {
    matches!(
        (&g.data, &y.data),
        (Data::F32(_), Data::F32(_)) | (Data::F64(_), Data::F64(_))
    ) && g.shape() == y.shape()
}

/// TensorFlow's ReluGrad: `g * (y > 0)`, a product by one or zero, so a negative or NaN
/// gradient where `y <= 0` gives -0.0 or NaN as the unfused ops do. `g` and `y` pass
/// `relu_grad_fuses`. Recorded so a second derivative is the same as the unfused ops':
/// `gg * (y > 0)` for `g`, zeros for `y`.
pub fn relu_grad(g: &Tensor, y: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[g, y], |x| relu_grad_recorded(x[0], x[1]))
}

fn relu_grad_recorded(g: &Tensor, y: &Tensor) -> TResult<Tensor> {
    use super::parallel::zip_vec;
    let (gc, yc) = (g.contiguous(), y.contiguous());
    let out = match (&gc.data, &yc.data) {
        (Data::F32(a), Data::F32(b)) => {
            let (a, b) = (a.as_slice().unwrap_or(&[]), b.as_slice().unwrap_or(&[]));
            Tensor::from_vec(
                g.shape(),
                zip_vec(a, b, |g, y| g * if y > 0.0 { 1.0 } else { 0.0 }),
            )
        }
        (Data::F64(a), Data::F64(b)) => {
            let (a, b) = (a.as_slice().unwrap_or(&[]), b.as_slice().unwrap_or(&[]));
            Tensor::from_vec(
                g.shape(),
                zip_vec(a, b, |g, y| g * if y > 0.0 { 1.0 } else { 0.0 }),
            )
        }
        _ => {
            return Err(invalid_arg(
                "relu_grad takes float32 or float64 tensors of one dtype",
            ))
        }
    };
    Ok(crate::tensor::autodiff::record(
        &[g, y],
        out,
        |xs, _y, gg| {
            let y = &xs[1];
            let dg =
                crate::tensor::autodiff::math::unary(super::elementwise::Unary::Relu, y, y, gg)?;
            Ok(vec![dg, Some(Tensor::zeros(y.dtype(), y.shape()))])
        },
    ))
}
