//! `tf.random`'s samplers as TensorFlow 2.15 runs them: the stateful ops
//! (`normal`, `uniform`, `truncated_normal`, `shuffle`) draw from the session's per-kernel
//! Philox streams under TensorFlow's seed rules, and the stateless ones from the stream
//! their `seed` pair names, so seeded results equal TensorFlow's bit for bit. Each function
//! is one declaration.

use super::convert::{dtype_arg, f64_arg, given, i64_arg, int_list, to_tensor};
use crate::builtin;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::error::op_error;
use crate::tensor::random::dists::{self, Affine};
use crate::tensor::random::philox::Philox;
use crate::tensor::random::Generator;
use crate::tensor::{DType, Tensor};

/// An op's own `seed` argument, taken modulo 2**31 - 1 as TensorFlow takes it: any Python
/// int, a finite float, or a one-element numeric tensor.
fn op_seed(it: &mut Interp, seed: &Value) -> R<Option<i64>> {
    const M: i64 = (1 << 31) - 1;
    let of_float = |f: f64| f.is_finite().then(|| f.rem_euclid(M as f64).trunc() as i64);
    let s = match seed {
        Value::None => return Ok(None),
        Value::Bool(b) => Some(*b as i64),
        Value::Int(i) => Some(i.rem_euclid(M)),
        Value::BigInt(b) => {
            use num_traits::ToPrimitive;
            let m = num_bigint::BigInt::from(M);
            ((b.as_ref() % &m + &m) % &m).to_i64()
        }
        Value::Float(f) => of_float(*f),
        v => match crate::eval::value::tensor_of(v) {
            Some(t) if t.size() == 1 && t.dtype() != DType::Bool => {
                t.to_f64_vec().first().copied().and_then(of_float)
            }
            _ => None,
        },
    };
    match s {
        Some(s) => Ok(Some(s)),
        None => Err(crate::eval::error::type_err(format!(
            "Expected int for argument 'seed2' not {}.",
            it.repr(seed)?
        ))),
    }
}

/// The shape and dtype of a float sampler, checked and budgeted.
fn float_out(
    it: &mut Interp,
    shape: &Value,
    dtype: &Value,
    op: &str,
    what: &str,
) -> R<(Vec<usize>, DType)> {
    let dims = crate::api::tf_core::dims_for(it, shape, op)?;
    let d = dtype_arg(dtype)?;
    crate::tensor::alloc::check(&dims, d, op)?;
    if !d.is_float() {
        return Err(value_err(format!(
            "Invalid dtype {} for {what}: must be a floating point type",
            d.name()
        )));
    }
    Ok((dims, d))
}

/// A filled tensor, unless Ctrl-C stopped the fill.
fn done(it: &mut Interp, t: Tensor) -> R<Value> {
    it.check_interrupt()?;
    Ok(Value::Tensor(t))
}

/// `rnd * stddev + mean`, as TensorFlow composes a normal from the standard one.
fn normal_of(
    it: &mut Interp,
    shape: &Value,
    mean: &Value,
    stddev: &Value,
    dtype: &Value,
    draw: impl FnOnce(&mut Interp, &[usize], DType, Affine) -> Tensor,
    op: &str,
) -> R<Value> {
    let d = dtype_arg(dtype)?;
    if !d.is_float() {
        // TensorFlow converts `mean`, then `stddev`, to the dtype first.
        for v in [mean, stddev] {
            if !matches!(v, Value::Int(_) | Value::Bool(_)) {
                return Err(crate::eval::error::type_err(format!(
                    "Cannot convert {} to EagerTensor of dtype {}",
                    it.repr(v)?,
                    d.name()
                )));
            }
        }
    }
    let (dims, d) = float_out(it, shape, dtype, op, "normal")?;
    let mean = f64_arg(mean, "mean")?;
    let std = f64_arg(stddev, "stddev")?;
    let t = draw(it, &dims, d, Affine::new(std, mean));
    done(it, t)
}

builtin! {
    /// Outputs random values from a normal distribution.
    dispatch ["tf.random.normal"]
    fn normal(it, shape, mean = 0.0, stddev = 1.0, dtype = tf.float32, seed = None, name = None) {
        let s = op_seed(it, &seed)?;
        normal_of(it, &shape, &mean, &stddev, &dtype, |it, dims, d, a| {
            let n = dims.iter().product();
            let g = it.rng.stateful("RandomStandardNormal", d, s, Generator::output_steps(n));
            dists::normal(g, dims, d, a)
        }, "RandomStandardNormal")
    }
}

builtin! {
    /// Outputs random values from a truncated normal distribution.
    dispatch ["tf.random.truncated_normal"]
    fn truncated_normal(
        it, shape, mean = 0.0, stddev = 1.0, dtype = tf.float32, seed = None, name = None
    ) {
        let s = op_seed(it, &seed)?;
        normal_of(it, &shape, &mean, &stddev, &dtype, |it, dims, d, a| {
            let n = dims.iter().product();
            let g = it.rng.stateful("TruncatedNormal", d, s, Generator::output_steps(n));
            dists::truncated_normal(g, dims, d, a)
        }, "TruncatedNormal")
    }
}

/// Python's `isinstance(v, int) and v == n`.
fn is_int(v: &Value, n: i64) -> bool {
    match v {
        Value::Int(i) => *i == n,
        Value::Bool(b) => *b as i64 == n,
        _ => false,
    }
}

const UNIFORM_DTYPES: [DType; 4] = [DType::F32, DType::F64, DType::I32, DType::I64];

/// Integer bounds for an integer sampler, `minval < maxval`.
fn int_bounds(op: &str, lo: f64, hi: f64) -> R<(i64, i64)> {
    let (lo, hi) = (lo as i64, hi as i64);
    if hi <= lo {
        return Err(op_error(
            op,
            op,
            format!("Need minval < maxval, got {} >= {}", lo, hi),
            Some(""),
        )
        .into());
    }
    Ok((lo, hi))
}

builtin! {
    /// Outputs random values from a uniform distribution.
    dispatch ["tf.random.uniform"]
    fn uniform(it, shape, minval = 0, maxval = None, dtype = tf.float32, seed = None, name = None) {
        let d = dtype_arg(&dtype)?;
        if !UNIFORM_DTYPES.contains(&d) {
            return Err(value_err(format!(
                "Argument `dtype` got invalid value <dtype: '{}'>. Accepted dtypes are (tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64).",
                d.name()
            )));
        }
        let maxval = match given(maxval) {
            Some(v) => v,
            None if d.is_float() => Value::Int(1),
            None => {
                return Err(value_err(format!(
                    "Must specify maxval for integer dtype tf.{}",
                    d.name()
                )))
            }
        };
        let op = if d.is_float() { "RandomUniform" } else { "RandomUniformInt" };
        let dims = crate::api::tf_core::dims_for(it, &shape, op)?;
        crate::tensor::alloc::check(&dims, d, op)?;
        let lo = f64_arg(&minval, "minval")?;
        let hi = f64_arg(&maxval, "maxval")?;
        let s = op_seed(it, &seed)?;
        let n = dims.iter().product();
        if !d.is_float() {
            let (lo, hi) = int_bounds(op, lo, hi)?;
            let g = it.rng.stateful(op, d, s, Generator::output_steps(n));
            return done(it, dists::uniform_int(g, &dims, d, lo, hi));
        }
        let g = it.rng.stateful(op, d, s, Generator::output_steps(n));
        let a = if is_int(&minval, 0) {
            // TensorFlow only multiplies by `maxval` (or nothing for 1) from an int 0.
            Affine { scale: if is_int(&maxval, 1) { 1.0 } else { hi }, shift: None }
        } else {
            Affine::new(dists::difference(d, hi, lo), lo)
        };
        done(it, dists::uniform(g, &dims, d, a))
    }
}

builtin! {
    /// Randomly shuffles a tensor along its first dimension.
    dispatch ["tf.random.shuffle"]
    fn shuffle(it, value, seed = None, name = None) {
        let x = to_tensor(it, &value, None)?;
        let s = op_seed(it, &seed)?;
        if x.ndim() == 0 {
            it.rng.op_seeds(s);
            return Ok(Value::Tensor(x));
        }
        let n = x.shape()[0];
        if n <= 1 || x.size() == 0 {
            // Nothing to shuffle; the operation seed is still taken.
            it.rng.op_seeds(s);
            return Ok(Value::Tensor(x));
        }
        let g = it.rng.stateful("RandomShuffle", x.dtype(), s, dists::shuffle_steps(n));
        let perm = dists::permutation(g, n);
        it.check_interrupt()?;
        let idx = Tensor::from_vec(&[n], perm.iter().map(|&p| p as i64).collect());
        Ok(Value::Tensor(crate::tensor::ops::select::gather(&x, &idx, 0)?))
    }
}

builtin! {
    /// Sets the global random seed.
    python ["tf.random.set_seed"]
    fn set_seed(it, seed) {
        let seed = given(seed).map(|v| i64_arg(&v, "seed")).transpose()?;
        it.rng.set_global_seed(seed);
        Ok(Value::None)
    }
}

/// A stateless op's `seed`: two integers.
fn seed_pair(it: &mut Interp, seed: &Value) -> R<Philox> {
    let s = int_list(it, seed, "seed")?;
    if s.len() != 2 {
        return Err(op_error(
            "StatelessRandomGetKeyCounter",
            "StatelessRandomGetKeyCounter",
            format!("seed must have shape [2], not [{}]", s.len()),
            Some(""),
        )
        .into());
    }
    Ok(Philox::stateless(s[0], s[1]))
}

builtin! {
    /// Outputs deterministic pseudorandom values from a normal distribution.
    dispatch ["tf.random.stateless_normal"]
    fn stateless_normal(
        it, shape, seed, mean = 0.0, stddev = 1.0, dtype = tf.float32, name = None,
        alg = "auto_select"
    ) {
        let g = seed_pair(it, &seed)?;
        normal_of(it, &shape, &mean, &stddev, &dtype, |_, dims, d, a| dists::normal(g, dims, d, a),
            "StatelessRandomNormalV2")
    }
}

builtin! {
    /// Outputs deterministic pseudorandom values, truncated normally distributed.
    dispatch ["tf.random.stateless_truncated_normal"]
    fn stateless_truncated_normal(
        it, shape, seed, mean = 0.0, stddev = 1.0, dtype = tf.float32, name = None,
        alg = "auto_select"
    ) {
        let g = seed_pair(it, &seed)?;
        normal_of(it, &shape, &mean, &stddev, &dtype,
            |_, dims, d, a| dists::truncated_normal(g, dims, d, a), "StatelessTruncatedNormalV2")
    }
}

builtin! {
    /// Outputs deterministic pseudorandom values from a uniform distribution.
    dispatch ["tf.random.stateless_uniform"]
    fn stateless_uniform(
        it, shape, seed, minval = 0, maxval = None, dtype = tf.float32, name = None,
        alg = "auto_select"
    ) {
        let d = dtype_arg(&dtype)?;
        let op = if d.is_float() { "StatelessRandomUniformV2" } else { "StatelessRandomUniformIntV2" };
        let dims = crate::api::tf_core::dims_for(it, &shape, op)?;
        crate::tensor::alloc::check(&dims, d, op)?;
        let g = seed_pair(it, &seed)?;
        if !d.is_float() {
            let (Some(lo), Some(hi)) = (given(minval), given(maxval)) else {
                return Err(value_err(
                    "For integer `dtype` argument int32, argument `minval` and `maxval` must be both None or not None. Got `minval`=0 and `maxval`=None.",
                ));
            };
            let (lo, hi) = int_bounds(op, f64_arg(&lo, "minval")?, f64_arg(&hi, "maxval")?)?;
            return done(it, dists::uniform_int(g, &dims, d, lo, hi));
        }
        let lo = f64_arg(&minval, "minval")?;
        let hi = match given(maxval) {
            Some(v) => f64_arg(&v, "maxval")?,
            None => 1.0,
        };
        let a = Affine::new(dists::difference(d, hi, lo), lo);
        done(it, dists::uniform(g, &dims, d, a))
    }
}

/// `noise_shape` with its `None` entries taken from `x`'s shape.
pub(crate) fn noise_dims(it: &mut Interp, x: &Tensor, noise_shape: &Value) -> R<Vec<usize>> {
    let Value::None = noise_shape else {
        let items = it.collect_items(noise_shape)?;
        let mut dims = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            dims.push(match v {
                Value::None => x.shape().get(i).copied().unwrap_or(1),
                v => i64_arg(v, "noise_shape")?.max(0) as usize,
            });
        }
        return Ok(dims);
    };
    Ok(x.shape().to_vec())
}

builtin! {
    /// Computes dropout: randomly sets elements to zero to prevent overfitting.
    dispatch ["tf.nn.dropout"]
    fn dropout(it, x, rate, noise_shape = None, seed = None, name = None) {
        let x = to_tensor(it, &x, None)?;
        if !x.dtype().is_float() {
            return Err(value_err(format!(
                "`x.dtype` must be a floating point tensor as `x` will be scaled. Received: x_dtype=<dtype: '{}'>",
                x.dtype().name()
            )));
        }
        let r = f64_arg(&rate, "rate")?;
        if !(0.0..1.0).contains(&r) {
            return Err(value_err(format!(
                "`rate` must be a scalar tensor or a float in the range [0, 1). Received: rate={}",
                it.repr(&rate)?
            )));
        }
        let s = op_seed(it, &seed)?;
        if r == 0.0 {
            // TensorFlow still takes an operation seed, so later draws stay in step.
            it.rng.op_seeds(s);
            return Ok(Value::Tensor(x));
        }
        let dims = noise_dims(it, &x, &noise_shape)?;
        Ok(Value::Tensor(dropout_of(it, x, r, &dims, s)?))
    }
}

/// `tf.nn.dropout`'s computation for `0 < rate < 1`: `x / (1 - rate)` where a uniform draw
/// over `noise` (broadcast against `x`) is at least `rate`, else 0. Made of recorded ops, so
/// gradients flow through it.
pub(crate) fn dropout_of(
    it: &mut Interp,
    x: Tensor,
    rate: f64,
    noise: &[usize],
    seed: Option<i64>,
) -> R<Tensor> {
    use crate::tensor::ops::elementwise::{binary, compare, Binary, Compare};
    let d = x.dtype();
    let scale = Tensor::from_f64s(d, &[], &[1.0 / (1.0 - rate)]);
    let scaled = binary(Binary::Mul, &x, &scale)?;
    crate::tensor::alloc::check(noise, d, "RandomUniform")?;
    let u = it.rng.uniform_op(noise, d, seed);
    it.check_interrupt()?;
    let keep = compare(
        Compare::GreaterEqual,
        &u,
        &Tensor::from_f64s(d, &[], &[rate]),
    )?;
    Ok(binary(Binary::Mul, &scaled, &keep.cast(d))?)
}
