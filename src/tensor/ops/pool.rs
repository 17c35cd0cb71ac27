//! Max and average pooling over NHWC batches, as TensorFlow's `MaxPool` and `AvgPool` compute
//! them: windows and strides per spatial axis, `VALID` or `SAME` padding (padded elements
//! never win a max and are not counted in an average), TensorFlow's errors, and the recorded
//! gradients. The gradient of max pooling goes to the first maximum of each window (the
//! forward pass notes where it was); that of average pooling is spread over the window's real
//! elements. The kernels are in `pool_kernels`. 1-D pooling is this op on a reshaped input
//! (`api`).

use super::conv::{axis_out, Padding};
use super::pool_kernels::{self, Float};
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
pub(crate) struct Windows {
    pub n: usize,
    pub h: usize,
    pub w: usize,
    pub c: usize,
    pub k: [usize; 2],
    pub s: [usize; 2],
    pub d: [usize; 2],
    pub pad: [usize; 2],
    pub out: [usize; 2],
}

impl Windows {
    /// The input rows (or columns) window `o` covers on axis `a`, clipped to the input.
    pub fn span(&self, a: usize, o: usize) -> std::iter::StepBy<std::ops::Range<usize>> {
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
    if x.size() / win.n.max(1) >= pool_kernels::NOWHERE as usize {
        return Err(kind.error("tensh pools images of fewer than 2**32 elements".into()));
    }
    // Integer pools go through float64, exact for the values they hold (and not recorded).
    let out = match x.dtype() {
        DType::F32 => forward::<f32>(kind, x, &win),
        DType::F64 => forward::<f64>(kind, x, &win),
        d => forward::<f64>(kind, &x.cast(DType::F64), &win).map(|(t, a)| (t.cast(d), a)),
    };
    let (out, argmax) = out.ok_or_else(interrupted)?;
    let argmax = std::rc::Rc::new(argmax);
    Ok(record(&[x], out, move |xs, _y, g| {
        let dx = match xs[0].dtype() {
            DType::F64 => backward::<f64>(kind, &argmax, g, &win),
            _ => backward::<f32>(kind, &argmax, g, &win),
        };
        Ok(vec![Some(dx.ok_or_else(interrupted)?)])
    }))
}

/// The error a kernel stopped by Ctrl-C returns (the flag taken).
fn interrupted() -> TfError {
    crate::tensor::interrupt::take();
    TfError::new(ExcKind::KeyboardInterrupt, "")
}

/// The pool of a float tensor of element type `T`, with the source of each maximum for max
/// pooling (empty for average pooling); None when interrupted.
fn forward<T: Float>(kind: PoolKind, x: &Tensor, win: &Windows) -> Option<(Tensor, Vec<u32>)> {
    let xc = x.contiguous();
    let xv = xc.array::<T>().and_then(|a| a.as_slice()).unwrap_or(&[]);
    let shape = [win.n, win.out[0], win.out[1], win.c];
    Some(match kind {
        PoolKind::Max => {
            let (y, at) = pool_kernels::max_forward(xv, win)?;
            (Tensor::from_vec(&shape, y), at)
        }
        PoolKind::Avg => (
            Tensor::from_vec(&shape, pool_kernels::avg_forward(xv, win)?),
            vec![],
        ),
    })
}

/// The input gradient of a pool for output gradient `g`, in element type `T`.
fn backward<T: Float>(kind: PoolKind, argmax: &[u32], g: &Tensor, win: &Windows) -> Option<Tensor> {
    let gc = g.cast(T::DTYPE).contiguous();
    let gv = gc.array::<T>().and_then(|a| a.as_slice()).unwrap_or(&[]);
    let dx = match kind {
        PoolKind::Max => pool_kernels::max_backward(argmax, gv, win)?,
        PoolKind::Avg => pool_kernels::avg_backward(gv, win)?,
    };
    Some(Tensor::from_vec(&[win.n, win.h, win.w, win.c], dx))
}
