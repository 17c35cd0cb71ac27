//! 2-D convolution over NHWC batches with HWIO filters, as TensorFlow's `Conv2D` computes it:
//! strides, dilations, `VALID`/`SAME`/explicit padding and channel groups: shapes, checks,
//! TensorFlow's errors and the recorded gradients. The kernels (patch rows multiplied by the
//! filter, block by block) are in `conv_blocks`. 1-D convolutions and depthwise ones are this
//! op on reshaped operands (`api`); 3-D ones are sums of 2-D ones.

use super::conv_blocks::{self as blocks, Plan};
use crate::errors::ExcKind;
use crate::tensor::autodiff::record;
use crate::tensor::error::{TResult, TfError};
use crate::tensor::{DType, Elem, Tensor};
use std::ops::{Add, AddAssign, Mul};

/// How the borders are padded: TensorFlow's `VALID`, `SAME`, or explicit (top, bottom) and
/// (left, right) amounts.
#[derive(Clone, Debug, PartialEq)]
pub enum Padding {
    Valid,
    Same,
    Explicit([(usize, usize); 2]),
}

/// Everything about one convolution's shapes: input `[n, h, w, c]`, window `[kh, kw]` with
/// strides and dilations, the padding before each spatial axis and the output size.
#[derive(Clone, Debug)]
pub struct Geometry {
    pub n: usize,
    pub h: usize,
    pub w: usize,
    pub c: usize,
    pub kh: usize,
    pub kw: usize,
    pub sh: usize,
    pub sw: usize,
    pub dh: usize,
    pub dw: usize,
    pub top: usize,
    pub left: usize,
    pub oh: usize,
    pub ow: usize,
}

/// The output length and the padding before it on one axis, as TensorFlow computes them
/// (`SAME`: `ceil(in / stride)` outputs, the odd padded element after); None when the
/// window does not fit.
pub fn axis_out(
    input: usize,
    k: usize,
    stride: usize,
    dilation: usize,
    pad: &Padding,
    axis: usize,
) -> Option<(usize, usize)> {
    let span = (k.max(1) - 1) * dilation + 1;
    match pad {
        Padding::Valid => (input >= span).then(|| ((input - span) / stride + 1, 0)),
        Padding::Same => {
            let out = input.div_ceil(stride);
            let total = ((out.max(1) - 1) * stride + span).saturating_sub(input);
            Some((out, total / 2))
        }
        Padding::Explicit(p) => {
            let (before, after) = p[axis];
            let padded = input + before + after;
            (padded >= span).then(|| ((padded - span) / stride + 1, before))
        }
    }
}

impl Geometry {
    /// The geometry of an NHWC input under a `[kh, kw]` window, or TensorFlow's error when the
    /// window (dilated) is larger than the padded input.
    pub fn new(
        input: &[usize],
        k: [usize; 2],
        strides: [usize; 2],
        dilations: [usize; 2],
        pad: &Padding,
        op: &str,
    ) -> TResult<Geometry> {
        let [n, h, w, c] = [input[0], input[1], input[2], input[3]];
        let mut outs = [(0, 0); 2];
        for (a, len) in [h, w].into_iter().enumerate() {
            outs[a] = axis_out(len, k[a], strides[a], dilations[a], pad, a).ok_or_else(|| {
                let span = (k[a].max(1) - 1) * dilations[a] + 1;
                let s = strides[a] as i64;
                kernel_error(
                    op,
                    format!(
                        "Computed output size would be negative: {} [input_size: {}, effective_filter_size: {}, stride: {}]",
                        (len as i64 - span as i64 + s) / s,
                        len,
                        span,
                        s
                    ),
                )
            })?;
        }
        let [(oh, top), (ow, left)] = outs;
        Ok(Geometry {
            n,
            h,
            w,
            c,
            kh: k[0],
            kw: k[1],
            sh: strides[0],
            sw: strides[1],
            dh: dilations[0],
            dw: dilations[1],
            top,
            left,
            oh,
            ow,
        })
    }

    /// Rows of the patch matrix: one per output position.
    pub fn rows(&self) -> usize {
        self.n * self.oh * self.ow
    }
}

/// An eager kernel error with TensorFlow's function-node prefix.
fn kernel_error(op: &str, message: String) -> TfError {
    // TensorFlow's CPU build runs convolutions through its oneDNN kernels.
    let kernel = match op {
        "Conv2D" => "__MklNativeConv2D",
        "Conv2DBackpropInput" => "__MklNativeConv2DBackpropInput",
        other => other,
    };
    TfError::new(
        ExcKind::InvalidArgumentError,
        format!(
            "{{{{function_node __wrapped__{kernel}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} {message} [Op:{op}] name:"
        ),
    )
}

/// The float element types convolution runs on.
pub trait Real: Elem + Add<Output = Self> + Mul<Output = Self> + AddAssign {
    /// `self * a + b` rounded once (a fused multiply-add, as the GEMM kernels and
    /// TensorFlow's oneDNN kernels compute their sums).
    fn fma(self, a: Self, b: Self) -> Self;
}
impl Real for f32 {
    #[inline(always)]
    fn fma(self, a: f32, b: f32) -> f32 {
        self.mul_add(a, b)
    }
}
impl Real for f64 {
    #[inline(always)]
    fn fma(self, a: f64, b: f64) -> f64 {
        self.mul_add(a, b)
    }
}

/// The elements of a contiguous float tensor (empty for another element type).
fn slice<T: Real>(t: &Tensor) -> &[T] {
    t.array::<T>().and_then(|a| a.as_slice()).unwrap_or(&[])
}

/// The error a kernel stopped by Ctrl-C returns (the flag taken).
fn interrupted() -> TfError {
    crate::tensor::interrupt::take();
    TfError::new(ExcKind::KeyboardInterrupt, "")
}

/// One convolution's settings.
#[derive(Clone, Debug)]
pub struct Conv {
    pub strides: [usize; 2],
    pub dilations: [usize; 2],
    pub padding: Padding,
}

/// `tf.nn.conv2d`: `x` `[n, h, w, c]`, `filter` `[kh, kw, c / groups, out]`.
pub fn conv2d(x: &Tensor, filter: &Tensor, conv: &Conv) -> TResult<Tensor> {
    let out = conv2d_kernel(x, filter, conv)?;
    let conv = conv.clone();
    Ok(record(&[x, filter], out, move |xs, _y, g| {
        use crate::tensor::autodiff::needs_grad;
        let geo = geometry(xs[0].shape(), &xs[1], &conv)?;
        let dx = match needs_grad(0) {
            true => Some(input_grad(xs[0].shape(), &xs[1], g, &geo)?),
            false => None,
        };
        let df = match needs_grad(1) {
            true => Some(filter_grad(&xs[0], &xs[1], g, &geo)?),
            false => None,
        };
        Ok(vec![dx, df])
    }))
}

/// A depthwise convolution: the filter `[kh, kw, c, m]` runs as a grouped one
/// `[kh, kw, 1, c * m]` (each input channel its own group).
pub fn depthwise_conv2d(x: &Tensor, filter: &Tensor, conv: &Conv) -> TResult<Tensor> {
    let fs = filter.shape().to_vec();
    let grouped = super::shape::reshape_to(filter, &[fs[0], fs[1], 1, fs[2] * fs[3]]);
    conv2d(x, &grouped, conv)
}

/// The channel groups of a convolution: their number, input channels per group and output
/// channels per group, or TensorFlow's error.
fn groups(c: usize, filter: &Tensor) -> TResult<(usize, usize, usize)> {
    let (fin, out) = (filter.shape()[2], filter.shape()[3]);
    if fin == 0 || !c.is_multiple_of(fin) {
        return Err(kernel_error(
            "Conv2D",
            format!(
                "input depth must be evenly divisible by filter depth: {} vs {}",
                c, fin
            ),
        ));
    }
    let groups = c / fin;
    if out % groups != 0 {
        return Err(kernel_error(
            "Conv2D",
            format!(
                "output depth must be evenly divisible by number of groups: {} vs {}",
                out, groups
            ),
        ));
    }
    Ok((groups, fin, out / groups))
}

fn geometry(x: &[usize], filter: &Tensor, conv: &Conv) -> TResult<Geometry> {
    let fs = filter.shape();
    Geometry::new(
        x,
        [fs[0], fs[1]],
        conv.strides,
        conv.dilations,
        &conv.padding,
        "Conv2D",
    )
}

fn check_ranks(x: &Tensor, filter: &Tensor, conv: &Conv) -> TResult<()> {
    if let Some(s) = conv.strides.iter().find(|&&s| s == 0) {
        return Err(kernel_error(
            "Conv2D",
            format!("Stride must be > 0, but got {}", s),
        ));
    }
    if conv.dilations.contains(&0) {
        return Err(kernel_error(
            "Conv2D",
            "Dilated rates should be larger than 0.".into(),
        ));
    }
    for (what, t) in [("input", x), ("filter", filter)] {
        if t.ndim() != 4 {
            return Err(kernel_error(
                "Conv2D",
                format!(
                    "{} must be 4-dimensional{}",
                    what,
                    crate::tensor::broadcast::shape_brackets(t.shape())
                ),
            ));
        }
    }
    if x.dtype() != filter.dtype() {
        return Err(TfError::new(
            ExcKind::InvalidArgumentError,
            format!(
                "cannot compute _MklNativeConv2D as input #1(zero-based) was expected to be a {} tensor but is a {} tensor [Op:Conv2D] name:",
                x.dtype().kind_word(),
                filter.dtype().kind_word()
            ),
        ));
    }
    Ok(())
}

fn conv2d_kernel(x: &Tensor, filter: &Tensor, conv: &Conv) -> TResult<Tensor> {
    check_ranks(x, filter, conv)?;
    let (groups, fin, og) = groups(x.shape()[3], filter)?;
    let g = geometry(x.shape(), filter, conv)?;
    let out = og * groups;
    crate::tensor::alloc::check(&[g.n, g.oh, g.ow, out], x.dtype(), "Conv2D")?;
    fn go<T: Real>(
        x: &Tensor,
        f: &Tensor,
        g: &Geometry,
        (groups, fin, og): (usize, usize, usize),
    ) -> TResult<Tensor> {
        let (xc, fc) = (x.contiguous(), f.contiguous());
        let plan = Plan { g, groups, fin, og };
        let y = blocks::forward(slice::<T>(&xc), slice::<T>(&fc), &plan).ok_or_else(interrupted)?;
        Ok(Tensor::from_vec(&[g.n, g.oh, g.ow, og * groups], y))
    }
    match x.dtype() {
        DType::F32 => go::<f32>(x, filter, &g, (groups, fin, og)),
        DType::F64 => go::<f64>(x, filter, &g, (groups, fin, og)),
        // Integer convolutions go through float64, exact for the values they can hold.
        d => Ok(go::<f64>(
            &x.cast(DType::F64),
            &filter.cast(DType::F64),
            &g,
            (groups, fin, og),
        )?
        .cast(d)),
    }
}

/// The gradient of a convolution with respect to its input (of shape `x_shape`), for the
/// output gradient `dy`: the patch gradients `dy @ filter^T`, scattered back.
pub fn input_grad(
    x_shape: &[usize],
    filter: &Tensor,
    dy: &Tensor,
    g: &Geometry,
) -> TResult<Tensor> {
    let (groups, fin, og) = groups(x_shape[3], filter)?;
    fn go<T: Real>(
        x_shape: &[usize],
        f: &Tensor,
        dy: &Tensor,
        g: &Geometry,
        (groups, fin, og): (usize, usize, usize),
    ) -> TResult<Tensor> {
        let fc = f.cast(T::DTYPE).contiguous();
        let gc = dy.cast(T::DTYPE).contiguous();
        let plan = Plan { g, groups, fin, og };
        let dx =
            blocks::input_grad(slice::<T>(&fc), slice::<T>(&gc), &plan).ok_or_else(interrupted)?;
        Ok(Tensor::from_vec(x_shape, dx))
    }
    match dy.dtype() {
        DType::F64 => go::<f64>(x_shape, filter, dy, g, (groups, fin, og)),
        _ => go::<f32>(x_shape, filter, dy, g, (groups, fin, og)),
    }
}

/// The gradient of a convolution with respect to its filter: `patches^T @ dy`, per group.
pub fn filter_grad(x: &Tensor, filter: &Tensor, dy: &Tensor, g: &Geometry) -> TResult<Tensor> {
    let (groups, fin, og) = groups(x.shape()[3], filter)?;
    fn go<T: Real>(
        x: &Tensor,
        fs: &[usize],
        dy: &Tensor,
        g: &Geometry,
        (groups, fin, og): (usize, usize, usize),
    ) -> TResult<Tensor> {
        let xc = x.cast(T::DTYPE).contiguous();
        let gc = dy.cast(T::DTYPE).contiguous();
        let plan = Plan { g, groups, fin, og };
        let df =
            blocks::filter_grad(slice::<T>(&xc), slice::<T>(&gc), &plan).ok_or_else(interrupted)?;
        Ok(Tensor::from_vec(fs, df))
    }
    match dy.dtype() {
        DType::F64 => go::<f64>(x, filter.shape(), dy, g, (groups, fin, og)),
        _ => go::<f32>(x, filter.shape(), dy, g, (groups, fin, og)),
    }
}

/// `tf.nn.conv2d_transpose`: the input gradient of a convolution applied to `y`
/// (`[n, oh, ow, out]`, filter `[kh, kw, c, out]`), giving `output_shape` `[n, h, w, c]`.
pub fn conv2d_transpose(
    y: &Tensor,
    filter: &Tensor,
    output_shape: &[usize],
    conv: &Conv,
) -> TResult<Tensor> {
    let g = geometry(output_shape, filter, conv)?;
    let fs = filter.shape();
    if y.shape() != [g.n, g.oh, g.ow, fs[3]] {
        return Err(TfError::new(
            ExcKind::AbortedError,
            "{{function_node __wrapped____MklNativeConv2DBackpropInput_device_/job:localhost/replica:0/task:0/device:CPU:0}} Operation received an exception:Status: 2, message: could not create a primitive descriptor for a convolution forward propagation primitive, in file tensorflow/core/kernels/mkl/mkl_conv_grad_input_ops.cc:545 [Op:Conv2DBackpropInput]",
        ));
    }
    crate::tensor::alloc::check(output_shape, y.dtype(), "Conv2DBackpropInput")?;
    let out = input_grad(output_shape, filter, y, &g)?.cast(y.dtype());
    let conv = conv.clone();
    Ok(record(&[y, filter], out, move |xs, _out, gr| {
        // With f fixed the op is linear in y, the adjoint of the convolution by f: y's
        // gradient is that convolution of the output gradient, and the filter's is the
        // convolution's filter gradient with the output gradient as its input.
        let gy = conv2d_kernel(&gr.cast(xs[0].dtype()), &xs[1], &conv)?;
        let gf = filter_grad(gr, &xs[1], &xs[0], &g)?;
        Ok(vec![Some(gy), Some(gf)])
    }))
}

/// `tf.nn.conv3d`: `x` `[n, d, h, w, c]`, `filter` `[kd, kh, kw, c, out]`. Each output depth
/// is the sum, over the filter's depth taps that land inside the input, of 2-D convolutions
/// of the input's depth slices with the filter's slices; the gradients follow from those
/// ops. `pad` is VALID or SAME (on every axis).
pub fn conv3d(
    x: &Tensor,
    filter: &Tensor,
    strides: [usize; 3],
    dilations: [usize; 3],
    pad: &Padding,
) -> TResult<Tensor> {
    let (xs, fs) = (x.shape().to_vec(), filter.shape().to_vec());
    if xs.len() != 5 || fs.len() != 5 {
        return Err(TfError::new(
            ExcKind::InvalidArgumentError,
            format!(
                "input and filter must be 5-dimensional: {} {} [Op:Conv3D]",
                xs.len(),
                fs.len()
            ),
        ));
    }
    let Some((od, front)) = axis_out(xs[1], fs[0], strides[0], dilations[0], pad, 0) else {
        return Err(kernel_error(
            "Conv3D",
            format!(
                "Computed output size would be negative: {} [input_size: {}, effective_filter_size: {}, stride: {}]",
                (xs[1] as i64 - ((fs[0] as i64 - 1) * dilations[0] as i64 + 1) + strides[0] as i64)
                    / strides[0] as i64,
                xs[1],
                (fs[0] - 1) * dilations[0] + 1,
                strides[0]
            ),
        ));
    };
    let conv = Conv {
        strides: [strides[1], strides[2]],
        dilations: [dilations[1], dilations[2]],
        padding: pad.clone(),
    };
    // Index `i` of axis `axis`, that axis dropped (recorded for gradients).
    let take = |t: &Tensor, axis: usize, i: usize| -> TResult<Tensor> {
        let s = t.shape().to_vec();
        let mut begin = vec![0i64; s.len()];
        let mut size: Vec<i64> = s.iter().map(|&d| d as i64).collect();
        begin[axis] = i as i64;
        size[axis] = 1;
        let part = super::moves::slice(t, &begin, &size)?;
        let mut shape = s;
        shape.remove(axis);
        Ok(super::shape::reshape_to(&part, &shape))
    };
    let mut outs = Vec::with_capacity(od);
    for o in 0..od {
        let mut acc: Option<Tensor> = None;
        for k in 0..fs[0] {
            let Some(i) = (o * strides[0] + k * dilations[0]).checked_sub(front) else {
                continue;
            };
            if i >= xs[1] {
                continue;
            }
            let y = conv2d(&take(x, 1, i)?, &take(filter, 0, k)?, &conv)?;
            acc = Some(match acc {
                None => y,
                Some(a) => super::elementwise::binary(super::elementwise::Binary::Add, &a, &y)?,
            });
        }
        let y = match acc {
            Some(y) => y,
            None => {
                let g = geometry(&[xs[0], xs[2], xs[3], xs[4]], &take(filter, 0, 0)?, &conv)?;
                Tensor::zeros(x.dtype(), &[xs[0], g.oh, g.ow, fs[4]])
            }
        };
        outs.push(y);
    }
    if outs.is_empty() {
        return Ok(Tensor::zeros(x.dtype(), &[xs[0], 0, 0, 0, fs[4]]));
    }
    super::shape::stack(&outs, 1)
}
