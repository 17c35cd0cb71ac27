//! numpy's order of adding floats, for `np.sum`, `np.mean` and the array methods. A run of
//! contiguous elements is added in blocks of 8192 (the ufunc buffer), one after another,
//! and each block pairwise: eight accumulators up to 128 elements, halves above (numpy's
//! `pairwise_sum`). TensorFlow's sums add in Eigen's order instead (`reduce`), so the last
//! digit printed can differ. Reductions over leading axes add row after row in both.

use super::reduce::{norm_axes, reduce, Reduce};
use crate::tensor::dtype::num_like::{FloatOps, NumOps};
use crate::tensor::error::TResult;
use crate::tensor::{DType, Data, Elem, Tensor};

/// numpy's ufunc buffer: how many elements one inner reduction loop sees.
const BUFFER: usize = 8192;

/// numpy's `pairwise_sum` of one block.
pub fn pairwise<T: Elem + NumOps>(a: &[T]) -> T {
    let n = a.len();
    if n < 8 {
        return a.iter().fold(T::zero(), |s, &x| s.add(x));
    }
    if n <= 128 {
        let mut r = [T::zero(); 8];
        r.copy_from_slice(&a[..8]);
        let whole = n - n % 8;
        for c in a[8..whole].chunks_exact(8) {
            for (acc, &x) in r.iter_mut().zip(c) {
                *acc = acc.add(x);
            }
        }
        let res = (r[0].add(r[1]).add(r[2].add(r[3]))).add(r[4].add(r[5]).add(r[6].add(r[7])));
        return a[whole..].iter().fold(res, |s, &x| s.add(x));
    }
    let half = n / 2;
    let half = half - half % 8;
    pairwise(&a[..half]).add(pairwise(&a[half..]))
}

/// The sum of a contiguous run as numpy adds it.
pub fn run_sum<T: Elem + NumOps>(a: &[T]) -> T {
    a.chunks(BUFFER)
        .fold(T::zero(), |s, block| s.add(pairwise(block)))
}

/// `np.sum` / `np.mean` (and `.sum()` / `.mean()`): float32 and float64 sums over the
/// innermost axes (or all) in numpy's order, the mean divided in the array's type; other
/// reductions as `reduce` computes them.
pub fn np_reduce(op: Reduce, t: &Tensor, axes: Option<&[i64]>, keepdims: bool) -> TResult<Tensor> {
    let fallback = || reduce(op, t, axes, keepdims);
    if !matches!(op, Reduce::Sum | Reduce::Mean) || !matches!(t.dtype(), DType::F32 | DType::F64) {
        return fallback();
    }
    let nd = t.ndim();
    let all: Vec<i64> = (0..nd as i64).collect();
    let Ok(mut ax) = norm_axes(op.op_name(), axes.unwrap_or(&all), nd) else {
        return fallback();
    };
    ax.sort_unstable();
    let k = ax.len();
    let innermost = ax.iter().enumerate().all(|(i, &a)| a == nd - k + i);
    let shape = t.shape();
    let red: usize = shape[nd - k..].iter().product();
    if k == 0 || !innermost || red == 0 {
        return fallback();
    }
    let mut out_shape = shape[..nd - k].to_vec();
    if keepdims {
        out_shape.extend(std::iter::repeat_n(1, k));
    }
    let c = t.contiguous();
    fn go<T: Elem + FloatOps>(x: &[T], red: usize, mean: bool, shape: &[usize]) -> Tensor {
        let n = T::from_f64(red as f64);
        let vals: Vec<T> = x
            .chunks(red)
            .map(|run| {
                let s = run_sum(run);
                if mean {
                    s.div(n)
                } else {
                    s
                }
            })
            .collect();
        Tensor::from_vec(shape, vals)
    }
    let mean = op == Reduce::Mean;
    Ok(match &c.data {
        Data::F32(a) => go(a.as_slice().unwrap_or(&[]), red, mean, &out_shape),
        Data::F64(a) => go(a.as_slice().unwrap_or(&[]), red, mean, &out_shape),
        _ => return fallback(),
    })
}
