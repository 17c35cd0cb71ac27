//! Fused activations over rows: softmax in two passes (max, then exp and sum), and
//! log_softmax, in the arithmetic order of TensorFlow's kernels.

use super::eigen;
use super::parallel::rows_mut;
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{Data, Tensor};

fn row_softmax_f32(row: &mut [f32], log: bool) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    for v in row.iter_mut() {
        *v -= max;
    }
    if log {
        let mut e: Vec<f32> = row.iter().map(|&v| eigen::exp_f32(v)).collect();
        let s = sum_f32(&mut e);
        let l = eigen::log_f32(s);
        for v in row.iter_mut() {
            *v -= l;
        }
        return;
    }
    for v in row.iter_mut() {
        *v = eigen::exp_f32(*v);
    }
    let inv = 1.0 / sum_f32(row);
    for v in row.iter_mut() {
        *v *= inv;
    }
}

fn sum_f32(x: &mut [f32]) -> f32 {
    let t = Tensor::from_vec(&[x.len()], x.to_vec());
    super::reduce::reduce(super::reduce::Reduce::Sum, &t, None, false)
        .ok()
        .and_then(|r| r.item_f64())
        .unwrap_or(0.0) as f32
}

fn row_softmax_f64(row: &mut [f64], log: bool) {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for v in row.iter_mut() {
        *v -= max;
    }
    let s: f64 = row.iter().map(|&v| eigen::exp_f64(v)).sum();
    if log {
        let l = eigen::log_f64(s);
        row.iter_mut().for_each(|v| *v -= l);
    } else {
        let inv = 1.0 / s;
        row.iter_mut().for_each(|v| *v = eigen::exp_f64(*v) * inv);
    }
}

/// `tf.nn.softmax` / `tf.nn.log_softmax` along `axis`.
pub fn softmax(t: &Tensor, axis: i64, log: bool) -> TResult<Tensor> {
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
            let mut v: Vec<f32> = a.iter().copied().collect();
            rows_mut(&mut v, cols, |_, row| row_softmax_f32(row, log));
            Ok(Tensor::from_vec(t.shape(), v))
        }
        Data::F64(a) => {
            let mut v: Vec<f64> = a.iter().copied().collect();
            rows_mut(&mut v, cols, |_, row| row_softmax_f64(row, log));
            Ok(Tensor::from_vec(t.shape(), v))
        }
        _ => Err(invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double",
            t.dtype().name()
        ))),
    }
}
