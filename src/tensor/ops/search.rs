//! Searching and binning: `tf.searchsorted` (the LowerBound / UpperBound kernels over rows),
//! `tf.histogram_fixed_width` and `tf.histogram_fixed_width_bins`, and `tf.reverse_sequence`
//! (which only moves elements, so its gradient comes from the shared rule for moves).

use crate::tensor::autodiff::record_moves_first;
use crate::tensor::error::{invalid_arg, op_error, TResult};
use crate::tensor::{DType, Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, IxDyn};

/// `searchsorted` on 2-D operands: for each row of `values`, the insertion points in the
/// same row of `sorted` (`right`: after equal elements).
pub fn search_rows(sorted: &Tensor, values: &Tensor, right: bool, out: DType) -> TResult<Tensor> {
    let op = if right { "UpperBound" } else { "LowerBound" };
    if sorted.dtype() != values.dtype() {
        return Err(invalid_arg(format!(
            "cannot compute {} as input #1(zero-based) was expected to be a {} tensor but is a {} tensor [Op:{}] name: ",
            op,
            sorted.dtype().kind_word(),
            values.dtype().kind_word(),
            op
        ).trim_end().to_string()));
    }
    let (ss, vs) = (sorted.shape(), values.shape());
    if ss[0] != vs[0] {
        return Err(op_error(
            op,
            op,
            "Leading dim_size of both tensors must match.",
            Some(""),
        ));
    }
    let s = sorted.to_f64_vec();
    let v = values.to_f64_vec();
    let (n, m) = (ss[1], vs[1]);
    let mut res = Vec::with_capacity(v.len());
    for r in 0..vs[0] {
        let row = &s[r * n..(r + 1) * n];
        for &x in &v[r * m..(r + 1) * m] {
            let k = if right {
                row.partition_point(|&e| e <= x)
            } else {
                row.partition_point(|&e| e < x)
            };
            res.push(k as f64);
        }
    }
    Ok(Tensor::from_f64s(out, vs, &res))
}

/// How `histogram_fixed_width` prints a range bound (C++ stream style: `5`, `0.5`).
fn bound(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{}", x)
    }
}

/// `tf.histogram_fixed_width(values, value_range, nbins, dtype)`: counts in `nbins` equal
/// bins over the range; values outside it count in the first or last bin.
pub fn histogram_fixed_width(
    values: &Tensor,
    range: &Tensor,
    nbins: i64,
    out: DType,
) -> TResult<Tensor> {
    let fail = |m: String| op_error("HistogramFixedWidth", "HistogramFixedWidth", m, None);
    if range.ndim() != 1 || range.size() != 2 {
        return Err(fail("value_range should be a vector of 2 elements.".into()));
    }
    let r = range.to_f64_vec();
    if r[0] >= r[1] {
        return Err(fail(format!(
            "value_range should satisfy value_range[0] < value_range[1], but got '[{}, {}]'",
            bound(r[0]),
            bound(r[1])
        )));
    }
    if nbins <= 0 {
        return Err(fail(format!(
            "nbins should be a positive number, but got '{}'",
            nbins
        )));
    }
    crate::tensor::alloc::check(&[nbins as usize], out, "HistogramFixedWidth")?;
    let f32s = values.dtype() == DType::F32;
    let step = (r[1] - r[0]) / nbins as f64;
    let mut counts = vec![0f64; nbins as usize];
    for x in values.to_f64_vec() {
        // The offset is taken in the values' own type, then divided in double.
        let off = if f32s {
            (x.max(r[0]) as f32 - r[0] as f32) as f64
        } else {
            x.max(r[0]) - r[0]
        };
        let bin = (off / step).min((nbins - 1) as f64);
        let bin = if bin.is_nan() { 0 } else { bin as usize };
        counts[bin] += 1.0;
    }
    Ok(Tensor::from_f64s(out, &[nbins as usize], &counts))
}

/// `tf.histogram_fixed_width_bins` for float values: the bin of each value, as TensorFlow's
/// Python computes it in the values' precision (`floor(nbins * (v - lo) / (hi - lo))`,
/// clipped to the bins).
pub fn histogram_bins(values: &Tensor, range: &Tensor, nbins: i64) -> Tensor {
    let r = range.to_f64_vec();
    let (lo, hi) = (
        r.first().copied().unwrap_or(0.0),
        r.get(1).copied().unwrap_or(1.0),
    );
    let f32s = values.dtype() == DType::F32;
    let bins: Vec<i32> = values
        .to_f64_vec()
        .into_iter()
        .map(|v| {
            let i = if f32s {
                let s = (v as f32 - lo as f32) / (hi as f32 - lo as f32);
                (nbins as f32 * s).floor().clamp(0.0, nbins as f32 - 1.0) as f64
            } else {
                let s = (v - lo) / (hi - lo);
                (nbins as f64 * s).floor().clamp(0.0, nbins as f64 - 1.0)
            };
            i as i32
        })
        .collect();
    Tensor::from_vec(values.shape(), bins)
}

/// `tf.reverse_sequence(input, seq_lengths, seq_axis, batch_axis)`: along `seq_axis`, the
/// first `seq_lengths[b]` elements of batch `b` reversed, the rest kept.
pub fn reverse_sequence(x: &Tensor, lens: &Tensor, seq: usize, batch: usize) -> TResult<Tensor> {
    let fail = |m: String| op_error("ReverseSequence", "ReverseSequence", m, None);
    if batch == seq {
        return Err(fail(format!("batch_dim == seq_dim == {}", seq)));
    }
    if seq >= x.ndim() {
        return Err(fail(format!(
            "seq_dim must be < input rank ( {} vs. {})",
            seq,
            x.ndim()
        )));
    }
    if batch >= x.ndim() {
        return Err(fail(format!(
            "batch_dim must be < input rank ( {} vs. {})",
            batch,
            x.ndim()
        )));
    }
    if lens.ndim() != 1 {
        return Err(fail(format!(
            "seq_lengths must be 1-dim, not {}",
            lens.ndim()
        )));
    }
    let l = lens.to_i64_vec();
    if l.len() != x.shape()[batch] {
        return Err(fail(format!(
            "Length of seq_lengths != input.dims({}), ({} vs. {})",
            batch,
            l.len(),
            x.shape()[batch]
        )));
    }
    for (d, &v) in l.iter().enumerate() {
        if v < 0 {
            return Err(fail(format!("seq_lens({}) < 0", d)));
        }
        if v as usize > x.shape()[seq] {
            return Err(fail(format!("seq_lens({}) > input.dims({})", d, seq)));
        }
    }
    let out = reverse_kernel(x, &l, seq, batch);
    Ok(record_moves_first(&[x], out, move |t| {
        Ok(reverse_kernel(t, &l, seq, batch))
    }))
}

fn reverse_kernel(x: &Tensor, lens: &[i64], seq: usize, batch: usize) -> Tensor {
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, lens: &[i64], seq: usize, batch: usize) -> Tensor {
        let mut out = a.to_owned();
        for (pos, v) in out.indexed_iter_mut() {
            let len = lens[pos[batch]] as usize;
            if pos[seq] < len {
                let mut src = pos.clone();
                src[seq] = len - 1 - pos[seq];
                *v = a[&src];
            }
        }
        Tensor::from_array(out)
    }
    with_data!(&x.data, a => go(a, lens, seq, batch))
}
