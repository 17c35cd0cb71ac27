//! Ordering ops: sort, argsort (stable), top_k, unique and unique_with_counts.

use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{DType, Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, ArrayD, Axis, IxDyn};

fn cmp_f64(a: f64, b: f64) -> std::cmp::Ordering {
    a.partial_cmp(&b)
        .unwrap_or_else(|| b.is_nan().cmp(&a.is_nan()))
}

/// Stable argsort of every lane along `axis` (descending keeps equal elements in order).
pub fn argsort(t: &Tensor, axis: i64, descending: bool) -> TResult<Tensor> {
    let nd = t.ndim() as i64;
    if nd == 0 || axis < -nd || axis >= nd {
        return Err(invalid_arg(format!(
            "axis {} out of range for a tensor of rank {}",
            axis, nd
        )));
    }
    let ax = if axis < 0 { axis + nd } else { axis } as usize;
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, ax: usize, desc: bool) -> ArrayD<i32> {
        let mut out = ArrayD::<i32>::zeros(IxDyn(a.shape()));
        for (lane, mut dst) in a.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
            let vals: Vec<f64> = lane.iter().map(|v| v.to_f64()).collect();
            let mut idx: Vec<usize> = (0..vals.len()).collect();
            if desc {
                idx.sort_by(|&i, &j| cmp_f64(vals[j], vals[i]));
            } else {
                idx.sort_by(|&i, &j| cmp_f64(vals[i], vals[j]));
            }
            for (d, i) in dst.iter_mut().zip(idx) {
                *d = i as i32;
            }
        }
        out
    }
    Ok(Tensor::from_array(
        with_data!(&t.data, a => go(a, ax, descending)),
    ))
}

/// Gathers along `axis` by per-lane indices (the values of a sort).
pub fn take_along(t: &Tensor, idx: &Tensor, axis: usize) -> Tensor {
    let out = take_along_kernel(t, idx, axis);
    let idx = idx.clone();
    crate::tensor::autodiff::record_moves_first(&[t], out, move |x| {
        Ok(take_along_kernel(x, &idx, axis))
    })
}

/// The computation of `take_along`, before it is recorded for gradients.
fn take_along_kernel(t: &Tensor, idx: &Tensor, axis: usize) -> Tensor {
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, idx: &ArcArray<i32, IxDyn>, ax: usize) -> Tensor {
        let mut out = ArrayD::<T>::from_elem(IxDyn(idx.shape()), T::default());
        for ((src, ix), mut dst) in a
            .lanes(Axis(ax))
            .into_iter()
            .zip(idx.lanes(Axis(ax)))
            .zip(out.lanes_mut(Axis(ax)))
        {
            for (d, &i) in dst.iter_mut().zip(ix.iter()) {
                *d = src[i as usize];
            }
        }
        Tensor::from_array(out)
    }
    match idx.array::<i32>() {
        Some(ix) => with_data!(&t.data, a => go(a, ix, axis)),
        None => t.clone(),
    }
}

pub fn sort(t: &Tensor, axis: i64, descending: bool) -> TResult<Tensor> {
    let nd = t.ndim() as i64;
    let idx = argsort(t, axis, descending)?;
    let ax = if axis < 0 { axis + nd } else { axis } as usize;
    Ok(take_along(t, &idx, ax))
}

/// `tf.math.top_k` over the last axis: (values, int32 indices).
pub fn top_k(t: &Tensor, k: usize) -> TResult<(Tensor, Tensor)> {
    let nd = t.ndim();
    if nd == 0 {
        return Err(invalid_arg("input must be at least 1-D"));
    }
    let n = t.shape()[nd - 1];
    if k > n {
        return Err(crate::tensor::error::op_error(
            "TopKV2",
            "TopKV2",
            format!(
                "input must have at least k columns. Had {}, needed {}",
                n, k
            ),
            Some(""),
        ));
    }
    let idx = argsort(t, -1, true)?;
    let idx = super::shape::slice_axis(&idx, nd - 1, 0, k).contiguous();
    let vals = take_along(t, &idx, nd - 1);
    Ok((vals, idx))
}

/// `tf.unique` on a 1-D tensor: (unique values in first-seen order, index of each element,
/// count of each unique value).
pub fn unique(t: &Tensor, out_idx: DType) -> TResult<(Tensor, Tensor, Tensor)> {
    if t.ndim() != 1 {
        return Err(crate::tensor::error::op_error(
            "Unique",
            "Unique",
            "unique expects a 1D vector.",
            None,
        ));
    }
    fn go<T: Elem, K: std::hash::Hash + Eq>(
        a: &ArcArray<T, IxDyn>,
        key: impl Fn(T) -> K,
    ) -> (Tensor, Vec<f64>, Vec<f64>) {
        let mut uniq: Vec<T> = Vec::new();
        let mut counts: Vec<f64> = Vec::new();
        let mut idx = Vec::with_capacity(a.len());
        let mut seen: std::collections::HashMap<K, usize> = std::collections::HashMap::new();
        for &v in a.iter() {
            let pos = match seen.get(&key(v)) {
                Some(&p) => p,
                None => {
                    seen.insert(key(v), uniq.len());
                    uniq.push(v);
                    counts.push(0.0);
                    uniq.len() - 1
                }
            };
            counts[pos] += 1.0;
            idx.push(pos as f64);
        }
        (Tensor::from_vec(&[uniq.len()], uniq), idx, counts)
    }
    // Equal values share a key (all NaNs one, and 0.0 with -0.0); strings are their own.
    fn number_key<T: Elem>(v: T) -> u64 {
        if !T::DTYPE.is_float() {
            return v.to_i64() as u64;
        }
        let f = v.to_f64();
        if f.is_nan() {
            f64::NAN.to_bits()
        } else {
            (f + 0.0).to_bits()
        }
    }
    let (u, idx, counts) = match t.array::<crate::tensor::TStr>() {
        Some(a) => go(a, |v| v),
        None => with_data!(&t.data, a => go(a, number_key)),
    };
    let n = idx.len();
    let c = counts.len();
    Ok((
        u,
        Tensor::from_f64s(out_idx, &[n], &idx),
        Tensor::from_f64s(out_idx, &[c], &counts),
    ))
}
