//! `tf.nn` convolution and pooling: `conv1d`, `conv2d`, `conv2d_transpose`,
//! `depthwise_conv2d`, `max_pool1d/2d`, `avg_pool1d/2d`, `max_pool`, `avg_pool` and
//! `bias_add`, over channels-last data. One-dimensional forms run the 2-D kernels on inputs
//! with a height of one. Each function is one declaration.

use super::convert::{given, int_list, to_tensor};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::conv::{self, Conv, Padding};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::pool::{self, PoolKind};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// Strides, dilations or window sizes for `n` spatial axes: an int, or a list of 1, `n` or
/// `n + 2` ints (the last form has the batch and channel entries around them).
fn spatial(it: &mut Interp, v: &Value, n: usize, what: &str) -> R<Vec<usize>> {
    let l = int_list(it, v, what)?;
    let picked: Vec<i64> = match l.len() {
        1 => vec![l[0]; n],
        k if k == n => l,
        k if k == n + 2 => l[1..=n].to_vec(),
        k => {
            return Err(value_err(format!(
                "{} should be of length 1, {} or {}. Received: {}={} of length {}",
                what,
                n,
                n + 2,
                what,
                it.repr(v)?,
                k
            )))
        }
    };
    if let Some(bad) = picked.iter().find(|&&s| s < 0) {
        return Err(value_err(format!(
            "`{}` must be non-negative, got {}",
            what, bad
        )));
    }
    Ok(picked.into_iter().map(|s| s as usize).collect())
}

/// `'VALID'`, `'SAME'` or an explicit list of `[before, after]` pairs for every axis
/// (batch and channels included, both zero).
fn padding_of(it: &mut Interp, v: &Value, n: usize, explicit: bool) -> R<Padding> {
    if let Value::Str(s) = v {
        return match &**s {
            "VALID" => Ok(Padding::Valid),
            "SAME" => Ok(Padding::Same),
            _ => raise(
                ExcKind::InvalidArgumentError,
                format!(
                    "Value for attr 'padding' of \"{}\" is not in the list of allowed values: \"SAME\", \"VALID\"{}",
                    s,
                    if explicit { ", \"EXPLICIT\"" } else { "" }
                ),
            ),
        };
    }
    let rows = it.collect_items(v)?;
    if rows.len() != n + 2 {
        return Err(value_err(format!(
            "When `padding` is a list, it should be of length {}. Received: padding={}",
            n + 2,
            it.repr(v)?
        )));
    }
    let mut pairs = Vec::new();
    for r in &rows {
        let p = int_list(it, r, "padding")?;
        if p.len() != 2 || p.iter().any(|&x| x < 0) {
            return Err(value_err(format!(
                "Each padding entry must be a pair of non-negative ints. Received: padding={}",
                it.repr(v)?
            )));
        }
        pairs.push((p[0] as usize, p[1] as usize));
    }
    if pairs[0] != (0, 0) || pairs[n + 1] != (0, 0) {
        return Err(value_err(
            "Explicit padding on the batch and channel dimensions is not supported",
        ));
    }
    let mut both = [(0, 0); 2];
    // A 1-D convolution's height has no padding.
    for (a, p) in pairs[1..=n].iter().enumerate() {
        both[2 - n + a] = *p;
    }
    Ok(Padding::Explicit(both))
}

/// Only channels-last data: the layouts TensorFlow runs on a CPU.
fn channels_last(v: &Value, names: &[&str]) -> R<()> {
    match v {
        Value::None => Ok(()),
        Value::Str(s) if names.contains(&&**s) => Ok(()),
        Value::Str(s) => raise(
            ExcKind::InvalidArgumentError,
            format!(
                "Conv2DCustomBackpropInputOp only supports NHWC. data_format={} is not supported on CPU",
                s
            ),
        ),
        _ => Ok(()),
    }
}

/// A filter: a tensor as it is (a dtype unlike the input's is the kernel's error), other
/// values converted to the input's dtype.
fn filter_of(it: &mut Interp, v: &Value, x: &Tensor) -> R<Tensor> {
    match super::convert::tensor_of(v) {
        Some(f) => Ok(f),
        None => to_tensor(it, v, Some(x.dtype())),
    }
}

fn conv_of(it: &mut Interp, strides: &Value, dilations: &Value, pad: &Value, n: usize) -> R<Conv> {
    let s = spatial(it, strides, n, "strides")?;
    let d = match given(dilations.clone()) {
        Some(d) => spatial(it, &d, n, "dilations")?,
        None => vec![1; n],
    };
    let (s, d) = if n == 1 {
        ([1, s[0]], [1, d[0]])
    } else {
        ([s[0], s[1]], [d[0], d[1]])
    };
    Ok(Conv {
        strides: s,
        dilations: d,
        padding: padding_of(it, pad, n, true)?,
    })
}

builtin! {
    /// Computes a 2-D convolution given `input` and 4-D `filters` tensors.
    dispatch ["tf.nn.conv2d"]
    fn conv2d(it, input, filters, strides, padding, data_format = "NHWC", dilations = None, name = None) {
        channels_last(&data_format, &["NHWC"])?;
        let x = to_tensor(it, &input, None)?;
        let f = filter_of(it, &filters, &x)?;
        let c = conv_of(it, &strides, &dilations, &padding, 2)?;
        t(batched(&x, 4, |x| Ok(conv::conv2d(x, &f, &c)?))?)
    }
}

/// Runs `op` on `x` with its leading batch axes (beyond a rank of `rank`) folded into one,
/// and unfolds them in the result, as TensorFlow's convolutions take extra batch axes.
fn batched(x: &Tensor, rank: usize, op: impl Fn(&Tensor) -> R<Tensor>) -> R<Tensor> {
    if x.ndim() <= rank {
        return op(x);
    }
    let lead = x.ndim() - rank + 1;
    let batch: Vec<usize> = x.shape()[..lead].to_vec();
    let mut folded = vec![batch.iter().product()];
    folded.extend_from_slice(&x.shape()[lead..]);
    let y = op(&sh::reshape_to(x, &folded))?;
    let mut shape = batch;
    shape.extend_from_slice(&y.shape()[1..]);
    Ok(sh::reshape_to(&y, &shape))
}

builtin! {
    /// 2-D convolution with separable filters.
    dispatch ["tf.nn.separable_conv2d"]
    fn separable_conv2d(it, input, depthwise_filter, pointwise_filter, strides, padding,
        data_format = None, dilations = None, name = None) {
        channels_last(&data_format, &["NHWC"])?;
        let x = to_tensor(it, &input, None)?;
        let dw = filter_of(it, &depthwise_filter, &x)?;
        let pw = filter_of(it, &pointwise_filter, &x)?;
        let c = conv_of(it, &strides, &dilations, &padding, 2)?;
        let mid = depthwise(&x, &dw, &c)?;
        let one = Conv { strides: [1, 1], dilations: [1, 1], padding: Padding::Valid };
        t(conv::conv2d(&mid, &pw, &one)?)
    }
}

/// A depthwise convolution: the filter `[kh, kw, c, m]` is a grouped one `[kh, kw, 1, c * m]`.
fn depthwise(x: &Tensor, f: &Tensor, c: &Conv) -> R<Tensor> {
    if f.ndim() != 4 {
        return Err(value_err(format!(
            "Shape must be rank 4 but is rank {}",
            f.ndim()
        )));
    }
    Ok(conv::depthwise_conv2d(x, f, c)?)
}

builtin! {
    /// Computes a 1-D convolution given 3-D input and filter tensors.
    dispatch ["tf.nn.conv1d"]
    fn conv1d(it, input, filters, stride, padding, data_format = "NWC", dilations = None, name = None) {
        channels_last(&data_format, &["NWC"])?;
        let x = to_tensor(it, &input, None)?;
        let f = filter_of(it, &filters, &x)?;
        let c = conv_of(it, &stride, &dilations, &padding, 1)?;
        let y = conv::conv2d(&sh::expand_dims(&x, -3)?, &sh::expand_dims(&f, 0)?, &c)?;
        t(sh::squeeze(&y, Some(&[-3]))?)
    }
}

builtin! {
    /// The transpose of `conv2d`.
    dispatch ["tf.nn.conv2d_transpose"]
    fn conv2d_transpose(it, input, filters, output_shape, strides, padding = "SAME",
        data_format = "NHWC", dilations = None, name = None) {
        channels_last(&data_format, &["NHWC"])?;
        let y = to_tensor(it, &input, None)?;
        let f = filter_of(it, &filters, &y)?;
        let shape: Vec<usize> = int_list(it, &output_shape, "output_shape")?
            .into_iter()
            .map(|d| d.max(0) as usize)
            .collect();
        if shape.len() != 4 {
            return Err(value_err(format!(
                "output_shape must have shape (4,), got {}",
                crate::print::shape_tuple(&[shape.len()])
            )));
        }
        let c = conv_of(it, &strides, &dilations, &padding, 2)?;
        t(conv::conv2d_transpose(&y, &f, &shape, &c)?)
    }
}

builtin! {
    /// Depthwise 2-D convolution.
    dispatch ["tf.nn.depthwise_conv2d"]
    fn depthwise_conv2d(it, input, filter, strides, padding, data_format = None, dilations = None, name = None) {
        channels_last(&data_format, &["NHWC"])?;
        let x = to_tensor(it, &input, None)?;
        let f = filter_of(it, &filter, &x)?;
        let c = conv_of(it, &strides, &dilations, &padding, 2)?;
        t(depthwise(&x, &f, &c)?)
    }
}

/// A pool of `rank` spatial axes (1 or 2) on a channels-last tensor.
fn pool_nd(
    it: &mut Interp,
    kind: PoolKind,
    input: &Value,
    ksize: &Value,
    strides: &Value,
    pad: &Value,
    rank: usize,
) -> R<Value> {
    let x = to_tensor(it, input, None)?;
    let k = spatial(it, ksize, rank, "ksize")?;
    let s = spatial(it, strides, rank, "strides")?;
    let p = padding_of(it, pad, rank, kind == PoolKind::Max)?;
    if matches!(p, Padding::Explicit(_)) {
        return Err(value_err("Explicit padding is not supported for pooling"));
    }
    // TensorFlow's oneDNN max pool refuses a 1-D pool on a 4-D input this way.
    if kind == PoolKind::Max && rank == 1 && x.ndim() == 4 {
        return max_pool_aborted();
    }
    if rank == 1 {
        let y = pool::pool2d(kind, &sh::expand_dims(&x, -3)?, [1, k[0]], [1, s[0]], &p)?;
        return t(sh::squeeze(&y, Some(&[-3]))?);
    }
    t(pool::pool2d(kind, &x, [k[0], k[1]], [s[0], s[1]], &p)?)
}

/// The error TensorFlow's oneDNN max pool gives for layouts it cannot run on a CPU.
fn max_pool_aborted() -> R<Value> {
    raise(
        ExcKind::AbortedError,
        "{{function_node __wrapped__MaxPool_device_/job:localhost/replica:0/task:0/device:CPU:0}} Compute received an exception:Status: 2, message: could not create a descriptor for a pooling forward propagation primitive, in file tensorflow/core/kernels/mkl/mkl_maxpooling_op.cc:211 [Op:MaxPool] name:",
    )
}

builtin! {
    /// Performs max pooling on 2D spatial data such as images.
    dispatch ["tf.nn.max_pool2d"]
    fn max_pool2d(it, input, ksize, strides, padding, data_format = "NHWC", name = None) {
        if matches!(&data_format, Value::Str(f) if &**f == "NCHW") {
            return max_pool_aborted();
        }
        channels_last(&data_format, &["NHWC"])?;
        pool_nd(it, PoolKind::Max, &input, &ksize, &strides, &padding, 2)
    }
}

builtin! {
    /// Performs the average pooling on the input.
    dispatch ["tf.nn.avg_pool2d"]
    fn avg_pool2d(it, input, ksize, strides, padding, data_format = "NHWC", name = None) {
        channels_last(&data_format, &["NHWC"])?;
        pool_nd(it, PoolKind::Avg, &input, &ksize, &strides, &padding, 2)
    }
}

builtin! {
    /// Performs the max pooling on the input.
    dispatch ["tf.nn.max_pool1d"]
    fn max_pool1d(it, input, ksize, strides, padding, data_format = "NWC", name = None) {
        channels_last(&data_format, &["NWC"])?;
        pool_nd(it, PoolKind::Max, &input, &ksize, &strides, &padding, 1)
    }
}

builtin! {
    /// Performs the average pooling on the input.
    dispatch ["tf.nn.avg_pool1d"]
    fn avg_pool1d(it, input, ksize, strides, padding, data_format = "NWC", name = None) {
        channels_last(&data_format, &["NWC"])?;
        pool_nd(it, PoolKind::Avg, &input, &ksize, &strides, &padding, 1)
    }
}

/// The spatial rank of a pool's input: its rank less the batch and channel axes.
fn spatial_rank(it: &mut Interp, input: &Value) -> R<usize> {
    let x = to_tensor(it, input, None)?;
    match x.ndim() {
        3 => Ok(1),
        4 => Ok(2),
        n => Err(value_err(format!(
            "`input.shape.rank` must be 3, 4 or 5. Received: input.shape={} of rank {}",
            crate::print::shape_tuple(x.shape()),
            n
        ))),
    }
}

builtin! {
    /// Performs max pooling on the input.
    dispatch ["tf.nn.max_pool"]
    fn max_pool(it, input, ksize, strides, padding, data_format = None, name = None) {
        let r = spatial_rank(it, &input)?;
        pool_nd(it, PoolKind::Max, &input, &ksize, &strides, &padding, r)
    }
}

builtin! {
    /// Performs the avg pooling on the input.
    dispatch ["tf.nn.avg_pool"]
    fn avg_pool(it, input, ksize, strides, padding, data_format = None, name = None) {
        let r = spatial_rank(it, &input)?;
        pool_nd(it, PoolKind::Avg, &input, &ksize, &strides, &padding, r)
    }
}

builtin! {
    /// Performs an N-D pooling operation.
    dispatch ["tf.nn.pool"]
    fn pool(it, input, window_shape, pooling_type, strides = None, padding = "VALID",
        data_format = None, dilations = None, name = None) {
        let window = int_list(it, &window_shape, "window_shape")?;
        let rank = window.len();
        let kind = match &pooling_type {
            Value::Str(s) if &**s == "MAX" => PoolKind::Max,
            Value::Str(s) if &**s == "AVG" => PoolKind::Avg,
            other => {
                return Err(value_err(format!(
                    "{}-D {} pooling is not supported.",
                    rank,
                    it.str_of(other)?
                )))
            }
        };
        let ones = Value::list(vec![Value::Int(1); rank]);
        let strides = given(strides).unwrap_or_else(|| ones.clone());
        let dil = given(dilations).map(|d| int_list(it, &d, "dilations")).transpose()?;
        let st = int_list(it, &strides, "strides")?;
        if let Some(d) = &dil {
            let show = |v: &[i64]| format!("[{}]", v.iter().map(|x| x.to_string()).collect::<Vec<_>>().join(" "));
            if d.iter().any(|&x| x > 1) && st.iter().any(|&x| x > 1) {
                return Err(value_err(format!(
                    "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides={} and dilation_rate={}",
                    show(&st),
                    show(d)
                )));
            }
        }
        let ksize = Value::list(window.iter().map(|&w| Value::Int(w)).collect());
        match dil.filter(|d| d.iter().any(|&x| x > 1)) {
            Some(d) if rank == 2 => {
                let x = to_tensor(it, &input, None)?;
                let p = padding_of(it, &padding, 2, true)?;
                let k = [window[0].max(0) as usize, window[1].max(0) as usize];
                t(pool::pool2d_dilated(kind, &x, k, [1, 1], [d[0] as usize, d[1] as usize], &p)?)
            }
            Some(_) => raise(
                ExcKind::NotImplementedError,
                "tensh runs dilated pooling in 2-D only",
            ),
            None => pool_nd(it, kind, &input, &ksize, &strides, &padding, rank),
        }
    }
}

builtin! {
    /// Calculates the mean and variance of `x`.
    dispatch ["tf.nn.moments"]
    fn moments(it, x, axes, shift = None, keepdims = False, name = None) {
        let x = to_tensor(it, &x, None)?;
        let axes = int_list(it, &axes, "axes")?;
        let keep = it.truthy(&keepdims)?;
        // TensorFlow's: the variance is the mean squared difference from the mean, with no
        // gradient through the mean in it.
        let mean = reduce::reduce(Reduce::Mean, &x, Some(&axes), true)?;
        let sq = ew::binary(Binary::SquaredDifference, &x, &mean.clone().renewed())?;
        let var = reduce::reduce(Reduce::Mean, &sq, Some(&axes), true)?;
        let (mean, var) = if keep {
            (mean, var)
        } else {
            (sh::squeeze(&mean, Some(&axes))?, sh::squeeze(&var, Some(&axes))?)
        };
        Ok(Value::tuple(vec![Value::Tensor(mean), Value::Tensor(var)]))
    }
}

builtin! {
    /// Batch normalization.
    dispatch ["tf.nn.batch_normalization"]
    fn batch_normalization(it, x, mean, variance, offset, scale, variance_epsilon, name = None) {
        let x = to_tensor(it, &x, None)?;
        let d = x.dtype();
        let mean = to_tensor(it, &mean, Some(d))?;
        let var = to_tensor(it, &variance, Some(d))?;
        let eps = to_tensor(it, &variance_epsilon, Some(d))?;
        let mut inv = ew::unary(Unary::Rsqrt, &ew::binary(Binary::Add, &var, &eps)?)?;
        if let Some(s) = given(scale) {
            inv = ew::binary(Binary::Mul, &inv, &to_tensor(it, &s, Some(d))?)?;
        }
        let shifted = ew::binary(Binary::Mul, &mean, &inv)?;
        let add = match given(offset) {
            Some(o) => ew::binary(Binary::Sub, &to_tensor(it, &o, Some(d))?, &shifted)?,
            None => ew::unary(Unary::Neg, &shifted)?,
        };
        t(ew::binary(Binary::Add, &ew::binary(Binary::Mul, &x, &inv)?, &add)?)
    }
}

builtin! {
    /// Local Response Normalization.
    dispatch ["tf.nn.local_response_normalization", "tf.nn.lrn"]
    fn local_response_normalization(it, input, depth_radius = 5, bias = 1.0, alpha = 1.0, beta = 0.5, name = None) {
        let x = to_tensor(it, &input, None)?;
        if x.ndim() != 4 {
            return raise(
                ExcKind::InvalidArgumentError,
                "{{function_node __wrapped__LRN_device_/job:localhost/replica:0/task:0/device:CPU:0}} in must be 4-dimensional [Op:LRN]",
            );
        }
        let r = super::convert::i64_arg(&depth_radius, "depth_radius")?.max(0) as usize;
        let d = x.dtype();
        let scalar = |v: &Value| -> R<Tensor> { Ok(Tensor::from_f64s(d, &[], &[super::convert::f64_arg(v, "value")?])) };
        // The sum of squares over the channels within `r` of each one: the squares padded
        // with `r` zeros each side, and the `2r + 1` shifted windows added.
        let sq = ew::binary(Binary::Mul, &x, &x)?;
        let c = x.shape()[3];
        let padded = sh::pad(&sq, &[(0, 0), (0, 0), (0, 0), (r, r)], "CONSTANT", 0.0)?;
        let mut sum = sh::slice_axis(&padded, 3, 0, c);
        for k in 1..=2 * r {
            sum = ew::binary(Binary::Add, &sum, &sh::slice_axis(&padded, 3, k, k + c))?;
        }
        let base = ew::binary(
            Binary::Add,
            &scalar(&bias)?,
            &ew::binary(Binary::Mul, &scalar(&alpha)?, &sum)?,
        )?;
        let denom = ew::binary(Binary::Pow, &base, &scalar(&beta)?)?;
        t(ew::binary(Binary::Div, &x, &denom)?)
    }
}

builtin! {
    /// Adds `bias` to `value`.
    dispatch ["tf.nn.bias_add"]
    fn bias_add(it, value, bias, data_format = None, name = None) {
        let x = to_tensor(it, &value, None)?;
        let b = to_tensor(it, &bias, Some(x.dtype()))?;
        if b.ndim() != 1 {
            return raise(
                ExcKind::InvalidArgumentError,
                format!(
                    "{{{{function_node __wrapped__BiasAdd_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} Biases must be 1D: {} [Op:BiasAdd] name:",
                    crate::tensor::broadcast::shape_brackets(b.shape())
                ),
            );
        }
        let last = x.shape().last().copied().unwrap_or(0);
        if x.ndim() < 2 || last != b.size() {
            return raise(
                ExcKind::InvalidArgumentError,
                format!(
                    "{{{{function_node __wrapped__BiasAdd_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} Must provide as many biases as the last dimension of the input tensor: {} vs. {} [Op:BiasAdd] name:",
                    crate::tensor::broadcast::shape_brackets(b.shape()),
                    crate::tensor::broadcast::shape_brackets(x.shape())
                ),
            );
        }
        t(ew::binary(Binary::Add, &x, &b)?)
    }
}
