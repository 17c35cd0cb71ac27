//! Reductions (sum, mean, max, min, prod, any, all, std), arg-reductions and cumulative sums.
//!
//! Axes are moved last and made contiguous, so every output element reduces one contiguous
//! run. Float sums over the innermost axes add in the order TensorFlow's Eigen kernels do
//! (two 8-lane accumulators, a split in halves above 1024 packets, the AVX horizontal sum),
//! so the printed digits agree; reductions over outer axes add row after row, as Eigen does.

use super::parallel::{vectorized, PAR_MIN};
use crate::tensor::autodiff::{math as grad, record};
use crate::tensor::dtype::num_like::NumOps;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::{DType, Data, Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, ArrayD, IxDyn};
use rayon::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reduce {
    Sum,
    Mean,
    Max,
    Min,
    Prod,
    Any,
    All,
}

impl Reduce {
    pub fn op_name(self) -> &'static str {
        match self {
            Reduce::Sum => "Sum",
            Reduce::Mean => "Mean",
            Reduce::Max => "Max",
            Reduce::Min => "Min",
            Reduce::Prod => "Prod",
            Reduce::Any => "Any",
            Reduce::All => "All",
        }
    }
}

/// Normalizes reduction axes (negative counts from the end); errors as TensorFlow words them.
pub fn norm_axes(op: &str, axes: &[i64], ndim: usize) -> TResult<Vec<usize>> {
    let mut out = Vec::new();
    for &a in axes {
        let n = ndim as i64;
        if a < -n || a >= n {
            return Err(op_error(
                op,
                op,
                format!(
                    "Invalid reduction dimension ({} for input with {} dimension(s)",
                    a, ndim
                ),
                Some(""),
            ));
        }
        let a = if a < 0 { a + n } else { a } as usize;
        if out.contains(&a) {
            return Err(op_error(
                op,
                op,
                format!(
                    "Invalid reduction arguments: Axes contains duplicate dimension: {}",
                    a
                ),
                None,
            ));
        }
        out.push(a);
    }
    out.sort_unstable();
    Ok(out)
}

/// Whether `axes` are the leading ones (0, 1, ...): a contiguous input is then `[red, kept]`
/// in memory, and its reduction adds whole rows.
fn leading(axes: &[usize]) -> bool {
    !axes.is_empty() && axes.iter().enumerate().all(|(i, &ax)| ax == i)
}

/// Folds the rows of `s` (`cols` long) into one row, each column from `init` in row order:
/// the order a sequential fold of each gathered column takes, without gathering.
fn fold_rows<T: Elem>(s: &[T], cols: usize, init: T, f: impl Fn(T, T) -> T + Sync) -> Vec<T> {
    let mut acc = vec![init; cols];
    if cols == 0 {
        return acc;
    }
    let run = |acc: &mut [T], c0: usize| {
        vectorized(
            #[inline(always)]
            || {
                for row in s.chunks_exact(cols) {
                    let row = &row[c0..c0 + acc.len()];
                    for (a, &v) in acc.iter_mut().zip(row) {
                        *a = f(*a, v);
                    }
                }
            },
        )
    };
    // Column blocks on both cores when the whole is large; each column's order is the same.
    let block = 1024.min(cols);
    if s.len() >= PAR_MIN && cols > block {
        acc.par_chunks_mut(block)
            .enumerate()
            .for_each(|(i, a)| run(a, i * block));
    } else {
        for (i, a) in acc.chunks_mut(block).enumerate() {
            run(a, i * block);
        }
    }
    acc
}

/// The input rearranged so the reduced axes come last: (contiguous data, kept shape,
/// reduced length, whether the reduced axes were already innermost). Borrows the buffer
/// when it already has that layout.
fn split_axes<'a, T: Elem>(
    a: &'a ArcArray<T, IxDyn>,
    axes: &[usize],
) -> (std::borrow::Cow<'a, [T]>, Vec<usize>, usize, bool) {
    let nd = a.ndim();
    let kept: Vec<usize> = (0..nd).filter(|d| !axes.contains(d)).collect();
    let innermost = axes
        .iter()
        .enumerate()
        .all(|(i, &ax)| ax == nd - axes.len() + i);
    let kept_shape: Vec<usize> = kept.iter().map(|&d| a.shape()[d]).collect();
    let red: usize = axes.iter().map(|&d| a.shape()[d]).product();
    if innermost {
        if let Some(s) = a.as_slice() {
            return (std::borrow::Cow::Borrowed(s), kept_shape, red, innermost);
        }
    }
    if let (true, Some(s)) = (leading(axes), a.as_slice()) {
        // [red, kept] in memory: a plain 2-D transpose (bias gradients, column sums).
        let cols = kept_shape.iter().product::<usize>();
        let mut data = Vec::with_capacity(s.len());
        for j in 0..cols {
            data.extend((0..red).map(|i| s[i * cols + j]));
        }
        return (std::borrow::Cow::Owned(data), kept_shape, red, innermost);
    }
    let mut perm = kept.clone();
    perm.extend_from_slice(axes);
    let v = a.view().permuted_axes(IxDyn(&perm));
    let data: Vec<T> = v.iter().copied().collect();
    (std::borrow::Cow::Owned(data), kept_shape, red, innermost)
}

/// Sum of a run the way Eigen's innermost-dimension reducer adds it: halves above 1024
/// packets (the two halves run on both cores; the tree, and so the result, is the same),
/// then two packet accumulators and the AVX horizontal sum.
pub fn eigen_sum<T: Elem + NumOps>(x: &[T], lanes: usize) -> T {
    const LEAF: usize = 1024;
    if x.len() > lanes * LEAF {
        let half = x.len().div_ceil(2);
        let split = (half.div_ceil(lanes) * lanes).min(x.len());
        let (l, r) = x.split_at(split);
        let (a, b) = if x.len() >= PAR_MIN {
            rayon::join(|| eigen_sum(l, lanes), || eigen_sum(r, lanes))
        } else {
            (eigen_sum(l, lanes), eigen_sum(r, lanes))
        };
        return a.add(b);
    }
    vectorized(
        #[inline(always)]
        || eigen_leaf(x, lanes),
    )
}

#[inline(always)]
fn eigen_leaf<T: Elem + NumOps>(x: &[T], lanes: usize) -> T {
    if lanes == 4 {
        eigen_leaf_n::<T, 4>(x)
    } else {
        eigen_leaf_n::<T, 8>(x)
    }
}

/// Two packet accumulators of `L` lanes over whole packets, a scalar sum of the rest, then
/// the horizontal sum (AVX: halves added, then SSE's (a0 + a2) + (a1 + a3)).
#[inline(always)]
fn eigen_leaf_n<T: Elem + NumOps, const L: usize>(x: &[T]) -> T {
    let mut acc = [T::zero(); L];
    let mut acc2 = [T::zero(); L];
    let mut pairs = x.chunks_exact(2 * L);
    for c in &mut pairs {
        for l in 0..L {
            acc[l] = acc[l].add(c[l]);
            acc2[l] = acc2[l].add(c[L + l]);
        }
    }
    let rest = pairs.remainder();
    let mut singles = rest.chunks_exact(L);
    for c in &mut singles {
        for l in 0..L {
            acc[l] = acc[l].add(c[l]);
        }
    }
    for l in 0..L {
        acc[l] = acc[l].add(acc2[l]);
    }
    let tail = singles.remainder();
    let vectorized = x.len() - tail.len();
    let mut s = T::zero();
    for &v in tail {
        s = s.add(v);
    }
    if vectorized == 0 {
        return s;
    }
    let lanes = L;
    // Horizontal sum: halves added until one lane is left, pairing (i, i + width/2).
    let mut width = lanes;
    while width > 1 {
        let h = width / 2;
        if width == 4 {
            // SSE predux: (a0 + a2) + (a1 + a3)
            let p = acc[0].add(acc[2]);
            let q = acc[1].add(acc[3]);
            acc[0] = p.add(q);
            break;
        }
        for l in 0..h {
            acc[l] = acc[l].add(acc[l + h]);
        }
        width = h;
    }
    s.add(acc[0])
}

fn seq_fold<T: Copy>(x: &[T], init: T, f: impl Fn(T, T) -> T) -> T {
    x.iter().fold(init, |a, &b| f(a, b))
}

/// A max or min of a run in eight independent lanes, so the loop runs in vectors; `pick`
/// is the rule a sequential fold applies. The result is the sequential fold's except that
/// +0 and -0 (equal, so the first one met is kept) may come out the other way, so a zero
/// result is folded again in order.
fn lanes_fold<T: Elem>(x: &[T], init: T, pick: impl Fn(T, T) -> T + Copy) -> T {
    let r = vectorized(
        #[inline(always)]
        || {
            let mut acc = [init; 8];
            let mut chunks = x.chunks_exact(8);
            for c in &mut chunks {
                for (a, &v) in acc.iter_mut().zip(c) {
                    *a = pick(*a, v);
                }
            }
            let r = acc.iter().fold(init, |r, &a| pick(r, a));
            chunks.remainder().iter().fold(r, |r, &v| pick(r, v))
        },
    );
    if r == T::default() {
        seq_fold(x, init, pick)
    } else {
        r
    }
}

fn reduce_runs<T: Elem, O: Elem + Send>(
    data: &[T],
    red: usize,
    f: impl Fn(&[T]) -> O + Sync + Send,
) -> Vec<O> {
    if red == 0 {
        return Vec::new();
    }
    if data.len() >= PAR_MIN && data.len() / red > 1 {
        data.par_chunks(red).map(&f).collect()
    } else {
        data.chunks(red).map(f).collect()
    }
}

/// `f` over the runs of elements that reducing `axes` gathers (the axes already
/// normalised), one output element per kept position; an empty run when an axis is 0.
pub fn reduce_with<T: Elem, O: Elem + Send>(
    a: &ArcArray<T, IxDyn>,
    axes: &[usize],
    keepdims: bool,
    f: impl Fn(&[T]) -> O + Sync + Send,
) -> Tensor {
    let (data, kept, red, _) = split_axes(a, axes);
    let vals = if red == 0 {
        vec![f(&[]); kept.iter().product()]
    } else {
        reduce_runs(&data, red, f)
    };
    Tensor::from_vec(&shape_out(&kept, a.shape(), axes, keepdims), vals)
}

fn lanes_of(d: DType) -> usize {
    match d {
        DType::F64 | DType::I64 => 4,
        _ => 8,
    }
}

fn num_reduce<T: Elem + NumOps>(
    op: Reduce,
    a: &ArcArray<T, IxDyn>,
    axes: &[usize],
) -> (Vec<T>, Vec<usize>) {
    if let (true, Some(s)) = (leading(axes) && axes.len() < a.ndim(), a.as_slice()) {
        if let Some(out) = fold_leading(op, a, axes, s) {
            return out;
        }
    }
    let (data, kept, red, innermost) = split_axes(a, axes);
    let lanes = lanes_of(T::DTYPE);
    let kept_count: usize = kept.iter().product();
    let out = if red == 0 {
        let v = match op {
            Reduce::Sum | Reduce::Mean => T::zero(),
            Reduce::Prod => T::one(),
            Reduce::Max => T::min_value(),
            _ => T::max_value(),
        };
        vec![v; kept_count]
    } else {
        match op {
            Reduce::Sum | Reduce::Mean => {
                let sums = reduce_runs(&data, red, |x| {
                    if innermost && T::DTYPE.is_float() {
                        eigen_sum(x, lanes)
                    } else {
                        seq_fold(x, T::zero(), |p, q| p.add(q))
                    }
                });
                if op == Reduce::Mean {
                    let n = T::from_i64(red as i64);
                    sums.into_iter()
                        .map(|s| {
                            if T::DTYPE.is_float() {
                                T::from_f64(s.to_f64() / red as f64)
                            } else {
                                s.floordiv_trunc(n)
                            }
                        })
                        .collect()
                } else {
                    sums
                }
            }
            Reduce::Prod => reduce_runs(&data, red, |x| seq_fold(x, T::one(), |p, q| p.mul(q))),
            // A NaN (the only value unequal to itself) wins.
            #[allow(clippy::eq_op)]
            Reduce::Max => reduce_runs(&data, red, |x| {
                lanes_fold(
                    x,
                    T::min_value(),
                    |p, q| if q > p || q != q { q } else { p },
                )
            }),
            #[allow(clippy::eq_op)]
            _ => reduce_runs(&data, red, |x| {
                lanes_fold(
                    x,
                    T::max_value(),
                    |p, q| if q < p || q != q { q } else { p },
                )
            }),
        }
    };
    (out, kept)
}

/// A sum or product over leading axes of a contiguous input `s`, row by row (the order the
/// gathered columns would be folded in); None for other reductions and empty ones.
fn fold_leading<T: Elem + NumOps>(
    op: Reduce,
    a: &ArcArray<T, IxDyn>,
    axes: &[usize],
    s: &[T],
) -> Option<(Vec<T>, Vec<usize>)> {
    let kept = a.shape()[axes.len()..].to_vec();
    let cols: usize = kept.iter().product();
    let red: usize = a.shape()[..axes.len()].iter().product();
    if red == 0 || cols == 0 {
        return None;
    }
    let out = match op {
        Reduce::Sum => fold_rows(s, cols, T::zero(), |p, q| p.add(q)),
        Reduce::Prod => fold_rows(s, cols, T::one(), |p, q| p.mul(q)),
        _ => return None,
    };
    Some((out, kept))
}

/// Integer division truncating toward zero (TensorFlow's integer mean).
trait TruncDiv {
    fn floordiv_trunc(self, n: Self) -> Self;
}
impl<T: Elem + NumOps> TruncDiv for T {
    fn floordiv_trunc(self, n: Self) -> Self {
        T::from_i64(self.to_i64() / n.to_i64().max(1))
    }
}

/// Float mean: the sum divided by the count in the element type (as Eigen's MeanReducer).
fn float_mean_fix<T: Elem + NumOps>(sums: Vec<T>, count: usize) -> Vec<T> {
    sums.into_iter()
        .map(|s| T::from_f64(s.to_f64()).mul(T::one()).div_count(count))
        .collect()
}

trait DivCount {
    fn div_count(self, n: usize) -> Self;
}
impl<T: Elem> DivCount for T {
    fn div_count(self, n: usize) -> Self {
        match T::DTYPE {
            DType::F32 => T::from_f64((self.to_f64() as f32 / n as f32) as f64),
            _ => T::from_f64(self.to_f64() / n as f64),
        }
    }
}

fn shape_out(kept: &[usize], a_shape: &[usize], axes: &[usize], keepdims: bool) -> Vec<usize> {
    if !keepdims {
        return kept.to_vec();
    }
    a_shape
        .iter()
        .enumerate()
        .map(|(d, &n)| if axes.contains(&d) { 1 } else { n })
        .collect()
}

/// `tf.reduce_*`: `axes` None reduces everything.
pub fn reduce(op: Reduce, t: &Tensor, axes: Option<&[i64]>, keepdims: bool) -> TResult<Tensor> {
    let axes_kept = axes.map(|a| a.to_vec());
    crate::tensor::compile::capture::op(&[t], move |x| {
        reduce_recorded(op, x[0], axes_kept.as_deref(), keepdims)
    })
}

fn reduce_recorded(
    op: Reduce,
    t: &Tensor,
    axes: Option<&[i64]>,
    keepdims: bool,
) -> TResult<Tensor> {
    let out = reduce_kernel(op, t, axes, keepdims)?;
    let axes = axes.map(|a| a.to_vec());
    Ok(record(&[t], out, move |x, y, g| {
        Ok(vec![grad::reduction(op, axes.as_deref(), &x[0], y, g)?])
    }))
}

/// The computation of `reduce`, before it is recorded for gradients.
fn reduce_kernel(op: Reduce, t: &Tensor, axes: Option<&[i64]>, keepdims: bool) -> TResult<Tensor> {
    // Narrow dtypes reduce in their compute dtype: a mean of int8 does not wrap on the way
    // (a sum does, once narrowed back), and half floats accumulate in float32.
    if t.dtype().is_complex() {
        return complex_reduce(op, t, axes, keepdims);
    }
    if let Some(w) = t.dtype().compute_dtype() {
        if !matches!(op, Reduce::Any | Reduce::All) {
            return Ok(reduce_kernel(op, &t.cast_kernel(w), axes, keepdims)?.cast_kernel(t.dtype()));
        }
    }
    let all: Vec<i64> = (0..t.ndim() as i64).collect();
    let axes = norm_axes(op.op_name(), axes.unwrap_or(&all), t.ndim())?;
    fn go<T: Elem + NumOps>(
        op: Reduce,
        a: &ArcArray<T, IxDyn>,
        axes: &[usize],
        keepdims: bool,
    ) -> Tensor {
        let (vals, kept) = if op == Reduce::Mean && T::DTYPE.is_float() {
            let (sums, kept) = num_reduce(Reduce::Sum, a, axes);
            let count: usize = axes.iter().map(|&d| a.shape()[d]).product();
            (float_mean_fix(sums, count), kept)
        } else {
            num_reduce(op, a, axes)
        };
        Tensor::from_vec(&shape_out(&kept, a.shape(), axes, keepdims), vals)
    }
    match (&t.data, op) {
        (Data::Bool(a), Reduce::Any | Reduce::All) => {
            let (data, kept, red, _) = split_axes(a, &axes);
            let vals = if red == 0 {
                vec![op == Reduce::All; kept.iter().product()]
            } else if op == Reduce::Any {
                reduce_runs(&data, red, |x| x.iter().any(|&v| v))
            } else {
                reduce_runs(&data, red, |x| x.iter().all(|&v| v))
            };
            Ok(Tensor::from_vec(&shape_out(&kept, a.shape(), &axes, keepdims), vals))
        }
        (Data::Bool(_) | Data::Str(_), _) | (_, Reduce::Any | Reduce::All) => Err(crate::tensor::error::invalid_arg(format!(
            "cannot compute {} as input #0(zero-based) was expected to be a {} tensor but is a {} tensor [Op:{}] name: ",
            op.op_name(),
            if matches!(op, Reduce::Any | Reduce::All) { "bool" } else { "float" },
            t.dtype().kind_word(),
            op.op_name()
        ).trim_end().to_string())),
        (Data::F32(a), _) => Ok(go(op, a, &axes, keepdims)),
        (Data::F64(a), _) => Ok(go(op, a, &axes, keepdims)),
        (Data::I32(a), _) => Ok(go(op, a, &axes, keepdims)),
        (Data::I64(a), _) => Ok(go(op, a, &axes, keepdims)),
        (Data::U8(a), _) => Ok(go(op, a, &axes, keepdims)),
        (Data::U64(a), _) => Ok(go(op, a, &axes, keepdims)),
        // The other dtypes were widened above.
        _ => Err(crate::tensor::error::invalid_arg(format!(
            "{} does not support {}",
            op.op_name(),
            t.dtype().name()
        ))),
    }
}

/// Sums and means of complex tensors reduce the two parts; a product multiplies along
/// the reduced axes moved last.
fn complex_reduce(op: Reduce, t: &Tensor, axes: Option<&[i64]>, keepdims: bool) -> TResult<Tensor> {
    use super::complex;
    match op {
        Reduce::Sum | Reduce::Mean => {
            let (re, im) = complex::parts(t);
            let re = reduce_kernel(op, &re, axes, keepdims)?;
            let im = reduce_kernel(op, &im, axes, keepdims)?;
            Ok(complex::join(&re, &im).unwrap_or(re))
        }
        Reduce::Prod => {
            let all: Vec<i64> = (0..t.ndim() as i64).collect();
            let axes = norm_axes(op.op_name(), axes.unwrap_or(&all), t.ndim())?;
            let kept_axes: Vec<usize> = (0..t.ndim()).filter(|d| !axes.contains(d)).collect();
            let order: Vec<i64> = kept_axes
                .iter()
                .chain(axes.iter())
                .map(|&d| d as i64)
                .collect();
            let moved = super::shape::transpose(t, Some(&order))?.contiguous();
            let kept: usize = kept_axes.iter().map(|&d| t.shape()[d]).product();
            let red: usize = axes.iter().map(|&d| t.shape()[d]).product();
            let rows = complex::prod_rows(&moved, kept, red);
            let shape = shape_out(
                &kept_axes.iter().map(|&d| t.shape()[d]).collect::<Vec<_>>(),
                t.shape(),
                &axes,
                keepdims,
            );
            Ok(super::shape::reshape_to(&rows, &shape))
        }
        _ => Err(complex::not_for_complex(op.op_name(), t.dtype())),
    }
}

/// `tf.argmax` / `tf.argmin` along one axis; the first index wins ties.
pub fn arg_reduce(max: bool, t: &Tensor, axis: i64, out: DType) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[t], move |x| arg_reduce_now(max, x[0], axis, out))
}

fn arg_reduce_now(max: bool, t: &Tensor, axis: i64, out: DType) -> TResult<Tensor> {
    let op = if max { "ArgMax" } else { "ArgMin" };
    let ax = norm_axes(op, &[axis], t.ndim().max(1))?;
    if t.ndim() == 0 {
        return Err(crate::tensor::error::invalid_arg(format!(
            "Expected dimension in the range [0, 0), but got {} [Op:{}]",
            axis, op
        )));
    }
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, axes: &[usize], max: bool) -> (Vec<i64>, Vec<usize>) {
        let (data, kept, red, _) = split_axes(a, axes);
        let vals = reduce_runs(&data, red, |x| {
            let mut best = 0usize;
            for (i, &v) in x.iter().enumerate() {
                let b = x[best];
                let better = if max { v > b } else { v < b };
                if better || (v.to_f64().is_nan() && !b.to_f64().is_nan()) {
                    best = i;
                }
            }
            best as i64
        });
        (vals, kept)
    }
    let (vals, kept) = with_data!(&t.data, a => go(a, &ax, max));
    Ok(Tensor::from_f64s(
        out,
        &kept,
        &vals.iter().map(|&v| v as f64).collect::<Vec<_>>(),
    ))
}

/// `tf.math.cumsum` / `cumprod` along an axis.
pub fn cumulative(
    prod: bool,
    t: &Tensor,
    axis: i64,
    exclusive: bool,
    reverse: bool,
) -> TResult<Tensor> {
    let out = cumulative_kernel(prod, t, axis, exclusive, reverse)?;
    Ok(record(&[t], out, move |x, y, g| {
        let d = grad::cumulative(prod, axis, exclusive, reverse, &x[0], y, g)?;
        Ok(vec![Some(d)])
    }))
}

/// The computation of `cumulative`, before it is recorded for gradients.
fn cumulative_kernel(
    prod: bool,
    t: &Tensor,
    axis: i64,
    exclusive: bool,
    reverse: bool,
) -> TResult<Tensor> {
    let op = if prod { "Cumprod" } else { "Cumsum" };
    let ax = norm_axes(op, &[axis], t.ndim())?[0];
    fn go<T: Elem + NumOps>(
        a: &ArcArray<T, IxDyn>,
        ax: usize,
        prod: bool,
        exclusive: bool,
        reverse: bool,
    ) -> Tensor {
        let mut out: ArrayD<T> = a.to_owned();
        for mut lane in out.lanes_mut(ndarray::Axis(ax)) {
            let n = lane.len();
            let mut acc = if prod { T::one() } else { T::zero() };
            for k in 0..n {
                let i = if reverse { n - 1 - k } else { k };
                let v = lane[i];
                if exclusive {
                    lane[i] = acc;
                    acc = if prod { acc.mul(v) } else { acc.add(v) };
                } else {
                    acc = if prod { acc.mul(v) } else { acc.add(v) };
                    lane[i] = acc;
                }
            }
        }
        Tensor::from_array(out)
    }
    match &t.data {
        Data::F32(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        Data::F64(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        Data::I32(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        Data::I64(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        Data::U8(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        Data::U64(a) => Ok(go(a, ax, prod, exclusive, reverse)),
        _ if t.dtype().compute_dtype().is_some() => {
            let w = t.dtype().compute_dtype().unwrap_or(DType::F32);
            let out = cumulative_kernel(prod, &t.cast_kernel(w), axis, exclusive, reverse)?;
            Ok(out.cast_kernel(t.dtype()))
        }
        _ => Err(crate::tensor::error::invalid_arg(format!(
            "{} does not support {}",
            op,
            t.dtype().name()
        ))),
    }
}
