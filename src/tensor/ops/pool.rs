//! Max and average pooling over NHWC batches, as TensorFlow's `MaxPool` and `AvgPool` compute
//! them: windows and strides per spatial axis, `VALID` or `SAME` padding (padded elements
//! never win a max and are not counted in an average). The gradient of max pooling goes to
//! the first maximum of each window; that of average pooling is spread over the window's
//! real elements. 1-D pooling is this op on a reshaped input (`api`).

use super::conv::{axis_out, Padding};
use crate::errors::ExcKind;
use crate::tensor::autodiff::record;
use crate::tensor::error::{TResult, TfError};
use crate::tensor::{DType, Elem, Tensor};
use rayon::prelude::*;
use std::ops::{Add, AddAssign, Div};
use std::sync::atomic::{AtomicBool, Ordering};

/// Which reduction a pool applies to each window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PoolKind {
    Max,
    Avg,
}

impl PoolKind {
    fn op(self) -> &'static str {
        match self {
            PoolKind::Max => "MaxPool",
            PoolKind::Avg => "AvgPool",
        }
    }

    /// The kernel TensorFlow's CPU build runs (average pooling goes through oneDNN).
    fn kernel(self) -> &'static str {
        match self {
            PoolKind::Max => "MaxPool",
            PoolKind::Avg => "__MklNativeAvgPool",
        }
    }

    fn error(self, message: String) -> TfError {
        TfError::new(
            ExcKind::InvalidArgumentError,
            format!(
                "{{{{function_node __wrapped__{}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} {} [Op:{}] name:",
                self.kernel(),
                message,
                self.op()
            ),
        )
    }
}

/// A pool's window over the input: sizes, strides, the padding before each axis and the
/// output size.
#[derive(Clone, Debug)]
struct Windows {
    n: usize,
    h: usize,
    w: usize,
    c: usize,
    k: [usize; 2],
    s: [usize; 2],
    d: [usize; 2],
    pad: [usize; 2],
    out: [usize; 2],
}

impl Windows {
    /// The input rows (or columns) window `o` covers on axis `a`, clipped to the input.
    fn span(&self, a: usize, o: usize) -> std::iter::StepBy<std::ops::Range<usize>> {
        let len = [self.h, self.w][a] as i64;
        let (d, k) = (self.d[a] as i64, self.k[a] as i64);
        let p0 = (o * self.s[a]) as i64 - self.pad[a] as i64;
        // Window elements p0 + j * d for j in 0..k, those inside the input.
        let first = if p0 < 0 { (-p0 + d - 1) / d } else { 0 };
        let last = k.min(if len > p0 { (len - p0 + d - 1) / d } else { 0 });
        let (start, end) = if first < last {
            (
                (p0 + first * d) as usize,
                (p0 + (last - 1) * d + 1) as usize,
            )
        } else {
            (0, 0)
        };
        (start..end).step_by(d.max(1) as usize)
    }
}

fn windows(
    kind: PoolKind,
    shape: &[usize],
    k: [usize; 2],
    s: [usize; 2],
    d: [usize; 2],
    pad: &Padding,
) -> TResult<Windows> {
    if shape.len() != 4 {
        return Err(kind.error("Input must be 4 or 5-dimensional".into()));
    }
    if let Some(a) = k.iter().position(|&d| d == 0) {
        return Err(kind.error(format!(
            "Sliding window ksize for dimension {} was zero.",
            a + 1
        )));
    }
    if s.contains(&0) {
        return Err(kind.error("Stride must be > 0, but got 0".into()));
    }
    let mut out = [0; 2];
    let mut before = [0; 2];
    for a in 0..2 {
        let Some((o, p)) = axis_out(shape[1 + a], k[a], s[a], d[a], pad, a) else {
            // A window larger than the input: an empty average, and an error from the
            // oneDNN max pool TensorFlow runs.
            if kind == PoolKind::Max {
                return Err(TfError::new(
                    ExcKind::AbortedError,
                    "{{function_node __wrapped__MaxPool_device_/job:localhost/replica:0/task:0/device:CPU:0}} Compute received an exception:Status: 2, message: could not create a descriptor for a pooling forward propagation primitive, in file tensorflow/core/kernels/mkl/mkl_maxpooling_op.cc:211 [Op:MaxPool] name:",
                ));
            }
            out[a] = 0;
            continue;
        };
        out[a] = o;
        before[a] = p;
    }
    Ok(Windows {
        n: shape[0],
        h: shape[1],
        w: shape[2],
        c: shape[3],
        k,
        s,
        d,
        pad: before,
        out,
    })
}

/// `tf.nn.max_pool2d` / `tf.nn.avg_pool2d` on an NHWC tensor.
pub fn pool2d(
    kind: PoolKind,
    x: &Tensor,
    k: [usize; 2],
    s: [usize; 2],
    pad: &Padding,
) -> TResult<Tensor> {
    pool2d_dilated(kind, x, k, s, [1, 1], pad)
}

/// `pool2d` whose windows take every `d`-th element (`tf.nn.pool` with `dilations`).
pub fn pool2d_dilated(
    kind: PoolKind,
    x: &Tensor,
    k: [usize; 2],
    s: [usize; 2],
    d: [usize; 2],
    pad: &Padding,
) -> TResult<Tensor> {
    let win = windows(kind, x.shape(), k, s, d, pad)?;
    let out_shape = [win.n, win.out[0], win.out[1], win.c];
    crate::tensor::alloc::check(&out_shape, x.dtype(), kind.op())?;
    if kind == PoolKind::Avg && !x.dtype().is_float() {
        return Err(TfError::new(
            ExcKind::InvalidArgumentError,
            format!(
                "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double",
                x.dtype().name()
            ),
        ));
    }
    let out = match x.dtype() {
        DType::F32 => pool_typed::<f32>(kind, x, &win),
        DType::F64 => pool_typed::<f64>(kind, x, &win),
        // Integer pools go through float64, exact for the values they hold.
        d => pool_typed::<f64>(kind, &x.cast(DType::F64), &win).map(|t| t.cast(d)),
    }
    .ok_or_else(interrupted)?;
    let pad = pad.clone();
    Ok(record(&[x], out, move |xs, _y, g| {
        Ok(vec![Some(pool2d_grad(kind, &xs[0], g, [k, s, d], &pad)?)])
    }))
}

/// The gradient of `pool2d` with respect to its input.
pub fn pool2d_grad(
    kind: PoolKind,
    x: &Tensor,
    g: &Tensor,
    [k, s, d]: [[usize; 2]; 3],
    pad: &Padding,
) -> TResult<Tensor> {
    let win = windows(kind, x.shape(), k, s, d, pad)?;
    let dx = match x.dtype() {
        DType::F32 => pool_grad_typed::<f32>(kind, x, g, &win),
        DType::F64 => pool_grad_typed::<f64>(kind, x, g, &win),
        d => pool_grad_typed::<f64>(kind, &x.cast(DType::F64), g, &win).map(|t| t.cast(d)),
    };
    dx.ok_or_else(interrupted)
}

/// The error a kernel stopped by Ctrl-C returns (the flag taken).
fn interrupted() -> TfError {
    crate::tensor::interrupt::take();
    TfError::new(ExcKind::KeyboardInterrupt, "")
}

/// The float element types pooling runs on.
trait Float: Elem + Add<Output = Self> + Div<Output = Self> + AddAssign {}
impl Float for f32 {}
impl Float for f64 {}

/// NaN is the one value not comparable to itself.
fn is_nan<T: PartialOrd>(v: T) -> bool {
    v.partial_cmp(&v).is_none()
}

/// The elements of a contiguous tensor of element type `T`.
fn slice<T: Elem>(t: &Tensor) -> &[T] {
    t.array::<T>().and_then(|a| a.as_slice()).unwrap_or(&[])
}

/// Runs `f(image, out)` for each image's block of `len` outputs, on both cores for large
/// inputs; false when Ctrl-C stopped it.
fn per_image<T: Send>(
    out: &mut [T],
    len: usize,
    work: usize,
    f: impl Fn(usize, &mut [T]) + Sync,
) -> bool {
    let stopped = AtomicBool::new(false);
    let run = |b: usize, o: &mut [T]| {
        if stopped.load(Ordering::Relaxed) || crate::tensor::interrupt::pending() {
            stopped.store(true, Ordering::Relaxed);
            return;
        }
        f(b, o);
    };
    if work >= PAR_WORK {
        out.par_chunks_mut(len.max(1))
            .enumerate()
            .for_each(|(b, o)| run(b, o));
    } else {
        for (b, o) in out.chunks_mut(len.max(1)).enumerate() {
            run(b, o);
        }
    }
    !stopped.load(Ordering::Relaxed)
}

/// Window elements visited below which a pool runs on one thread.
const PAR_WORK: usize = 1 << 16;

/// The pool of a float tensor. Channels are innermost: each window element adds a
/// contiguous row of channels to the accumulators (per channel, the same order of
/// operations as one channel at a time); float32 averages are summed in float32, as
/// TensorFlow's kernel does.
fn pool_typed<T: Float>(kind: PoolKind, x: &Tensor, win: &Windows) -> Option<Tensor> {
    let xc = x.contiguous();
    let xv = slice::<T>(&xc);
    let c = win.c;
    let per = win.out[0] * win.out[1] * c;
    let mut y = vec![T::default(); win.n * per];
    let work = y.len() * win.k[0] * win.k[1];
    let done = per_image(&mut y, per, work, |b, yb| {
        let image = &xv[b * win.h * win.w * c..(b + 1) * win.h * win.w * c];
        for (o, acc) in yb.chunks_mut(c.max(1)).enumerate() {
            let (oy, ox) = (o / win.out[1], o % win.out[1]);
            let mut count = 0usize;
            for yy in win.span(0, oy) {
                for xx in win.span(1, ox) {
                    let row = &image[(yy * win.w + xx) * c..(yy * win.w + xx + 1) * c];
                    match kind {
                        // NaN wins a max, as in TensorFlow's kernel.
                        PoolKind::Max if count == 0 => acc.copy_from_slice(row),
                        PoolKind::Max => {
                            for (a, &v) in acc.iter_mut().zip(row) {
                                if v > *a || is_nan(v) {
                                    *a = v;
                                }
                            }
                        }
                        PoolKind::Avg => {
                            for (a, &v) in acc.iter_mut().zip(row) {
                                *a += v;
                            }
                        }
                    }
                    count += 1;
                }
            }
            match kind {
                PoolKind::Avg => {
                    let n = T::from_f64(count.max(1) as f64);
                    acc.iter_mut().for_each(|a| *a = *a / n);
                }
                // An empty window (only padding) is -inf, as TensorFlow's kernel gives.
                PoolKind::Max if count == 0 => acc.fill(T::from_f64(f64::NEG_INFINITY)),
                PoolKind::Max => {}
            }
        }
    });
    done.then(|| Tensor::from_vec(&[win.n, win.out[0], win.out[1], c], y))
}

/// The gradient of a pool: each image's windows add to that image's input gradient only,
/// so images run in parallel. Max pooling sends a window's gradient to its first maximum
/// (NaN counting as the largest), average pooling spreads it over the window's real
/// elements.
fn pool_grad_typed<T: Float>(
    kind: PoolKind,
    x: &Tensor,
    g: &Tensor,
    win: &Windows,
) -> Option<Tensor> {
    let xc = x.contiguous();
    let gc = g.cast(T::DTYPE).contiguous();
    let (xv, gv) = (slice::<T>(&xc), slice::<T>(&gc));
    let c = win.c;
    let (per_in, per_out) = (win.h * win.w * c, win.out[0] * win.out[1] * c);
    let mut dx = vec![T::default(); xv.len()];
    let work = win.n * per_out * win.k[0] * win.k[1];
    let done = per_image(&mut dx, per_in, work, |b, dxb| {
        let image = &xv[b * per_in..(b + 1) * per_in];
        let grads = gv.get(b * per_out..(b + 1) * per_out).unwrap_or(&[]);
        // Per channel: the best value so far and where it is.
        let mut best = vec![T::default(); c];
        let mut at = vec![usize::MAX; c];
        for (o, gw) in grads.chunks(c.max(1)).enumerate() {
            let (oy, ox) = (o / win.out[1], o % win.out[1]);
            match kind {
                PoolKind::Max => {
                    at.fill(usize::MAX);
                    for yy in win.span(0, oy) {
                        for xx in win.span(1, ox) {
                            let base = (yy * win.w + xx) * c;
                            for (ch, &v) in image[base..base + c].iter().enumerate() {
                                let m = best[ch];
                                if at[ch] == usize::MAX || v > m || (is_nan(v) && !is_nan(m)) {
                                    best[ch] = v;
                                    at[ch] = base + ch;
                                }
                            }
                        }
                    }
                    for (&i, &gval) in at.iter().zip(gw) {
                        if i != usize::MAX {
                            dxb[i] += gval;
                        }
                    }
                }
                PoolKind::Avg => {
                    let rows = win.span(0, oy);
                    let cols = win.span(1, ox);
                    let count = T::from_f64((rows.len() * cols.len()).max(1) as f64);
                    for yy in rows {
                        for xx in cols.clone() {
                            let base = (yy * win.w + xx) * c;
                            for (d, &gval) in dxb[base..base + c].iter_mut().zip(gw) {
                                *d += gval / count;
                            }
                        }
                    }
                }
            }
        }
    });
    done.then(|| Tensor::from_vec(x.shape(), dx))
}
