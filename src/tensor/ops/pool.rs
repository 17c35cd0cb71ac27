//! Max and average pooling over NHWC batches, as TensorFlow's `MaxPool` and `AvgPool` compute
//! them: windows and strides per spatial axis, `VALID` or `SAME` padding (padded elements
//! never win a max and are not counted in an average). The gradient of max pooling goes to
//! the first maximum of each window; that of average pooling is spread over the window's
//! real elements. 1-D pooling is this op on a reshaped input (`api`).

use super::conv::{axis_out, Padding};
use crate::errors::ExcKind;
use crate::tensor::autodiff::record;
use crate::tensor::error::{TResult, TfError};
use crate::tensor::{DType, Tensor};

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
    let xv = x.contiguous().to_f64_vec();
    let f32_sums = x.dtype() == DType::F32;
    // Channels innermost: each window element adds a contiguous row of channels to the
    // accumulators (the same order of additions per channel as one channel at a time).
    let c = win.c;
    let mut y = vec![0f64; out_shape.iter().product()];
    let init = match kind {
        PoolKind::Max => f64::NEG_INFINITY,
        PoolKind::Avg => 0.0,
    };
    let mut acc = vec![init; c];
    // float32 averages are summed in float32, as TensorFlow's kernel does.
    let mut acc32 = vec![0f32; c];
    let mut o = 0;
    for b in 0..win.n {
        for oy in 0..win.out[0] {
            for ox in 0..win.out[1] {
                acc.fill(init);
                acc32.fill(0.0);
                let mut count = 0usize;
                for yy in win.span(0, oy) {
                    for xx in win.span(1, ox) {
                        let base = ((b * win.h + yy) * win.w + xx) * c;
                        let row = &xv[base..base + c];
                        match kind {
                            // NaN wins a max, as in TensorFlow's kernel.
                            PoolKind::Max => {
                                for (a, &v) in acc.iter_mut().zip(row) {
                                    if v > *a || v.is_nan() {
                                        *a = v;
                                    }
                                }
                            }
                            PoolKind::Avg => {
                                for ((a, a32), &v) in acc.iter_mut().zip(acc32.iter_mut()).zip(row)
                                {
                                    *a += v;
                                    *a32 += v as f32;
                                }
                            }
                        }
                        count += 1;
                    }
                }
                let n = count.max(1);
                for ch in 0..c {
                    y[o + ch] = match kind {
                        PoolKind::Avg if f32_sums => (acc32[ch] / n as f32) as f64,
                        PoolKind::Avg => acc[ch] / n as f64,
                        PoolKind::Max => acc[ch],
                    };
                }
                o += c;
            }
        }
    }
    let out = Tensor::from_f64s(x.dtype(), &out_shape, &y);
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
    let xv = x.contiguous().to_f64_vec();
    let gv = g.contiguous().to_f64_vec();
    let mut dx = vec![0.0f64; xv.len()];
    let mut gi = 0;
    for b in 0..win.n {
        for oy in 0..win.out[0] {
            for ox in 0..win.out[1] {
                for ch in 0..win.c {
                    let gval = gv.get(gi).copied().unwrap_or(0.0);
                    gi += 1;
                    let at = |yy: usize, xx: usize| ((b * win.h + yy) * win.w + xx) * win.c + ch;
                    match kind {
                        PoolKind::Max => {
                            let mut best: Option<(usize, f64)> = None;
                            for yy in win.span(0, oy) {
                                for xx in win.span(1, ox) {
                                    let v = xv[at(yy, xx)];
                                    if best
                                        .is_none_or(|(_, m)| v > m || (v.is_nan() && !m.is_nan()))
                                    {
                                        best = Some((at(yy, xx), v));
                                    }
                                }
                            }
                            if let Some((i, _)) = best {
                                dx[i] += gval;
                            }
                        }
                        PoolKind::Avg => {
                            let rows = win.span(0, oy);
                            let cols = win.span(1, ox);
                            let count = (rows.len() * cols.len()).max(1) as f64;
                            for yy in rows {
                                for xx in cols.clone() {
                                    dx[at(yy, xx)] += gval / count;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(Tensor::from_f64s(x.dtype(), x.shape(), &dx))
}
