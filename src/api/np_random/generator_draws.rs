//! `Generator`'s number-drawing methods as numpy 1.26 words and shapes them: `random`,
//! `standard_normal` and `standard_exponential` (float64 or float32), `normal`,
//! `uniform`, `exponential`, `binomial`, `poisson` (parameters scalars or arrays spread
//! over the output, checked with numpy's messages), `integers` (any low/high, closed or
//! open, int64/int32/uint8/bool) and `bytes`. Without a size a scalar comes back as
//! numpy returns it: a Python float or int, except `integers`' numpy scalar.

use super::draws::{poisson_lam_max, Buffer};
use super::generator::{broadcast, fill, np_size, shape_tuple, spread_f64, Generator};
use super::pcg64::Pcg64;
use crate::api::numpy::{np_array, np_err};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Elem, Tensor};
use num_traits::ToPrimitive;
use std::rc::Rc;

/// What numpy checks a parameter against (`check_constraint` in numpy's `_common.pyx`).
#[derive(Clone, Copy, PartialEq)]
enum Cons {
    None,
    NonNegative,
    Bounded01,
    Poisson,
}

/// numpy's check of one parameter: `array` when it came as an array (the wording differs).
fn check(name: &str, cons: Cons, vals: &[f64], array: bool) -> R<()> {
    let fail = |msg: String| raise::<()>(ExcKind::ValueError, msg);
    match cons {
        Cons::None => Ok(()),
        Cons::NonNegative if vals.iter().any(|v| !v.is_nan() && v.is_sign_negative()) => {
            fail(format!("{} < 0", name))
        }
        Cons::Bounded01 if vals.iter().any(|v| !(*v >= 0.0 && *v <= 1.0)) => fail(format!(
            "{0} < 0, {0} > 1 or {0} {1}",
            name,
            if array { "contains NaNs" } else { "is NaN" }
        )),
        Cons::Poisson => {
            let max = poisson_lam_max();
            if array {
                if vals.iter().any(|v| v.is_nan() || *v > max) {
                    return fail(format!("{} value too large", name));
                }
                if vals.iter().any(|v| v.is_nan() || *v < 0.0) {
                    return fail(format!("{} < 0 or {} contains NaNs", name, name));
                }
            } else {
                if vals.iter().any(|v| v.is_nan() || *v < 0.0) {
                    return fail(format!("{} < 0 or {} is NaN", name, name));
                }
                if vals.iter().any(|v| v.is_nan() || *v > max) {
                    return fail(format!("{} value too large", name));
                }
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// A distribution parameter as numpy converts it: a float64 array (0-d for a number).
fn float_param(it: &mut Interp, v: &Value) -> R<Tensor> {
    if let Value::Str(s) = v {
        return raise(
            ExcKind::ValueError,
            format!("could not convert string to float: '{}'", s),
        );
    }
    Ok(np_array(it, v, None)?.cast(DType::F64))
}

/// A dtype as numpy reads it (`int` is int64, `float` float64).
pub(super) fn np_dtype(v: &Value) -> R<DType> {
    match v {
        Value::Builtin(b) if b.name == "int" => Ok(DType::I64),
        Value::Builtin(b) if b.name == "float" => Ok(DType::F64),
        Value::Str(s) if &**s == "int" || &**s == "int_" => Ok(DType::I64),
        Value::Str(s) if &**s == "float" || &**s == "d" => Ok(DType::F64),
        Value::Str(s) if DType::from_name(s).is_none() => {
            let lacking = [
                "int8", "int16", "uint16", "uint32", "uint64", "float16", "i1", "i2", "u2", "u4",
                "u8", "f2",
            ];
            if lacking.contains(&&**s) {
                return raise(
                    ExcKind::NotImplementedError,
                    format!("tensh has no {} arrays", s),
                );
            }
            Err(type_err(format!("data type '{}' not understood", s)))
        }
        _ => crate::api::convert::dtype_arg(v),
    }
}

/// Draws for a distribution with parameters (numpy's `cont` and `disc`): one value made
/// a Python number by `scalar` when every parameter is a number and there is no size,
/// else an array of `size` (or of the parameters' broadcast shape) with the parameters
/// spread over it.
fn sample<T: Elem>(
    it: &mut Interp,
    g: &Generator,
    size: Option<Vec<usize>>,
    params: &[(Tensor, &str, Cons)],
    scalar: fn(T) -> Value,
    mut f: impl FnMut(&mut Pcg64, &[f64]) -> T,
) -> R<Value> {
    let all_scalar = params.iter().all(|p| p.0.ndim() == 0);
    for (t, name, cons) in params {
        check(name, *cons, &t.to_f64_vec(), !all_scalar)?;
    }
    if all_scalar {
        let vals: Vec<f64> = params.iter().map(|p| p.0.to_f64_vec()[0]).collect();
        return match size {
            None => Ok(scalar(f(&mut g.bits(), &vals))),
            Some(dims) => {
                let n = dims.iter().product();
                let out = fill(it, g, n, |b, _| f(b, &vals))?;
                Ok(Value::ndarray(Tensor::from_vec(&dims, out)))
            }
        };
    }
    let shapes: Vec<&[usize]> = params.iter().map(|p| p.0.shape()).collect();
    let out_shape = match size {
        Some(d) => d,
        None => broadcast(&shapes)?,
    };
    let mut all = vec![out_shape.as_slice()];
    all.extend(shapes);
    let b = broadcast(&all)?;
    if b != out_shape {
        return raise(
            ExcKind::ValueError,
            format!(
                "Output size {} is not compatible with broadcast dimensions of inputs {}.",
                shape_tuple(&out_shape),
                shape_tuple(&b)
            ),
        );
    }
    crate::tensor::alloc::check(&out_shape, T::DTYPE, "np.random").map_err(np_err)?;
    let spread: Vec<Vec<f64>> = params
        .iter()
        .map(|p| spread_f64(&p.0, &out_shape))
        .collect::<R<_>>()?;
    let n = out_shape.iter().product();
    let mut vals = vec![0.0; params.len()];
    let out = fill(it, g, n, |b, i| {
        for (v, s) in vals.iter_mut().zip(&spread) {
            *v = s[i];
        }
        f(b, &vals)
    })?;
    Ok(Value::ndarray(Tensor::from_vec(&out_shape, out)))
}

fn py_float(v: f64) -> Value {
    Value::Float(v)
}

fn py_int(v: i64) -> Value {
    Value::Int(v)
}

/// `random`, `standard_normal`, `standard_exponential`: float64 or float32, no parameters.
fn standard(it: &mut Interp, g: &Generator, name: &'static str, args: Args) -> R<Value> {
    let [size, dtype, method, out] = if name == "standard_exponential" {
        args.bind(
            name,
            ["size=None", "dtype=np.float64", "method='zig'", "out=None"],
        )?
    } else {
        let [s, d, o] = args.bind(name, ["size=None", "dtype=np.float64", "out=None"])?;
        [s, d, None, o]
    };
    if out.is_some_and(|o| !matches!(o, Value::None)) {
        return raise(
            ExcKind::NotImplementedError,
            format!(
                "tensh's {} has no out= (numpy arrays cannot be written in place yet)",
                name
            ),
        );
    }
    let inv = match method {
        Some(Value::Str(m)) => &*m != "zig",
        _ => false,
    };
    let dtype = dtype
        .map(|d| np_dtype(&d))
        .transpose()?
        .unwrap_or(DType::F64);
    if !matches!(dtype, DType::F64 | DType::F32) {
        return Err(type_err(format!(
            "Unsupported dtype dtype('{}') for {}",
            dtype.name(),
            name
        )));
    }
    let size = np_size(it, &size.unwrap_or(Value::None), dtype)?;
    match dtype {
        DType::F64 => {
            let draw: fn(&mut Pcg64) -> f64 = match name {
                "random" => Pcg64::next_double,
                "standard_normal" => Pcg64::standard_normal,
                _ if inv => |b| -(-b.next_double()).ln_1p(),
                _ => Pcg64::standard_exponential,
            };
            sample(it, g, size, &[], py_float, |b, _| draw(b))
        }
        _ => {
            let draw: fn(&mut Pcg64) -> f32 = match name {
                "random" => Pcg64::next_float,
                "standard_normal" => Pcg64::standard_normal_f32,
                _ if inv => |b| -(-(b.next_float() as f64)).ln_1p() as f32,
                _ => Pcg64::standard_exponential_f32,
            };
            sample(
                it,
                g,
                size,
                &[],
                |v: f32| Value::Float(v as f64),
                |b, _| draw(b),
            )
        }
    }
}

/// The distributions with parameters, and the standard ones.
pub(super) fn distribution(
    it: &mut Interp,
    g: &Generator,
    name: &'static str,
    args: Args,
) -> R<Value> {
    let arg = |v: Option<Value>| v.unwrap_or(Value::None);
    match name {
        "normal" => {
            let [loc, scale, size] = args.bind(name, ["loc=0.0", "scale=1.0", "size=None"])?;
            let loc = float_param(it, &loc.unwrap_or(Value::Float(0.0)))?;
            let scale = float_param(it, &scale.unwrap_or(Value::Float(1.0)))?;
            let size = np_size(it, &arg(size), DType::F64)?;
            let params = [(loc, "", Cons::None), (scale, "scale", Cons::NonNegative)];
            sample(it, g, size, &params, py_float, |b, p| {
                p[0] + p[1] * b.standard_normal()
            })
        }
        "exponential" => {
            let [scale, size] = args.bind(name, ["scale=1.0", "size=None"])?;
            let scale = float_param(it, &scale.unwrap_or(Value::Float(1.0)))?;
            let size = np_size(it, &arg(size), DType::F64)?;
            let params = [(scale, "scale", Cons::NonNegative)];
            sample(it, g, size, &params, py_float, |b, p| {
                p[0] * b.standard_exponential()
            })
        }
        "uniform" => {
            let [low, high, size] = args.bind(name, ["low=0.0", "high=1.0", "size=None"])?;
            let low = float_param(it, &low.unwrap_or(Value::Float(0.0)))?;
            let high = float_param(it, &high.unwrap_or(Value::Float(1.0)))?;
            let range = if low.ndim() == 0 && high.ndim() == 0 {
                let r = high.to_f64_vec()[0] - low.to_f64_vec()[0];
                if !r.is_finite() {
                    return raise(
                        ExcKind::OverflowError,
                        "high - low range exceeds valid bounds",
                    );
                }
                Tensor::scalar(r)
            } else {
                let Some(shape) =
                    crate::tensor::broadcast::broadcast_shapes(high.shape(), low.shape())
                else {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "operands could not be broadcast together with shapes {} {} ",
                            shape_tuple(high.shape()).replace(' ', ""),
                            shape_tuple(low.shape()).replace(' ', "")
                        ),
                    );
                };
                let (h, l) = (spread_f64(&high, &shape)?, spread_f64(&low, &shape)?);
                let r: Vec<f64> = h.iter().zip(&l).map(|(h, l)| h - l).collect();
                if r.iter().any(|x| !x.is_finite()) {
                    return raise(ExcKind::OverflowError, "Range exceeds valid bounds");
                }
                Tensor::from_vec(&shape, r)
            };
            let size = np_size(it, &arg(size), DType::F64)?;
            let params = [
                (low, "", Cons::None),
                (range, "high - low", Cons::NonNegative),
            ];
            sample(it, g, size, &params, py_float, |b, p| {
                p[0] + p[1] * b.next_double()
            })
        }
        "binomial" => {
            let [n, p, size] = args.bind(name, ["n", "p", "size=None"])?;
            let p = float_param(it, &arg(p))?;
            let n = np_array(it, &arg(n), None)?
                .cast(DType::I64)
                .cast(DType::F64);
            let size = np_size(it, &arg(size), DType::I64)?;
            let params = [(p, "p", Cons::Bounded01), (n, "n", Cons::NonNegative)];
            let mut cache = g.binomial.borrow_mut();
            sample(it, g, size, &params, py_int, |b, v| {
                super::binomial::binomial(b, &mut cache, v[1] as i64, v[0])
            })
        }
        "poisson" => {
            let [lam, size] = args.bind(name, ["lam=1.0", "size=None"])?;
            let lam = float_param(it, &lam.unwrap_or(Value::Float(1.0)))?;
            let size = np_size(it, &arg(size), DType::I64)?;
            let params = [(lam, "lam", Cons::Poisson)];
            sample(it, g, size, &params, py_int, |b, p| b.poisson(p[0]))
        }
        _ => standard(it, g, name, args),
    }
}

/// An integer bound as numpy reads it: a Python int of any size (held to i128), a float
/// truncated, or an array of them.
fn int_param(it: &mut Interp, v: &Value) -> R<(Vec<usize>, Vec<i128>)> {
    let big = |b: &num_bigint::BigInt| {
        b.to_i128()
            .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
                i128::MIN
            } else {
                i128::MAX
            })
    };
    match v {
        Value::Int(i) => return Ok((vec![], vec![*i as i128])),
        Value::Bool(b) => return Ok((vec![], vec![*b as i128])),
        Value::BigInt(b) => return Ok((vec![], vec![big(b)])),
        Value::Str(s) => {
            return raise(
                ExcKind::ValueError,
                format!("invalid literal for int() with base 10: '{}'", s),
            )
        }
        _ => {}
    }
    let t = np_array(it, v, None)?;
    let vals: Vec<i128> = if t.dtype().is_float() {
        let mut out = Vec::with_capacity(t.size());
        for f in t.to_f64_vec() {
            if f.is_nan() {
                return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
            }
            if f.is_infinite() {
                return raise(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                );
            }
            out.push(f.trunc() as i128);
        }
        out
    } else {
        t.to_i64_vec().into_iter().map(|x| x as i128).collect()
    };
    Ok((t.shape().to_vec(), vals))
}

/// `Generator.integers(low, high=None, size=None, dtype=np.int64, endpoint=False)`.
pub(super) fn integers(it: &mut Interp, g: &Generator, args: Args) -> R<Value> {
    let [low, high, size, dtype, endpoint] = args.bind(
        "integers",
        [
            "low",
            "high=None",
            "size=None",
            "dtype=np.int64",
            "endpoint=False",
        ],
    )?;
    let low = low.unwrap_or(Value::None);
    let (low, high) = match high {
        None | Some(Value::None) => (Value::Int(0), low),
        Some(h) => (low, h),
    };
    let python_type =
        matches!(&dtype, Some(Value::Builtin(b)) if b.name == "int" || b.name == "bool");
    let dtype = dtype
        .map(|d| np_dtype(&d))
        .transpose()?
        .unwrap_or(DType::I64);
    let (lb, ub): (i128, i128) = match dtype {
        DType::I64 => (i64::MIN as i128, i64::MAX as i128),
        DType::I32 => (i32::MIN as i128, i32::MAX as i128),
        DType::U8 => (0, 255),
        DType::Bool => (0, 1),
        d => {
            return Err(type_err(format!(
                "Unsupported dtype dtype('{}') for integers",
                d.name()
            )))
        }
    };
    let closed = it.truthy(&endpoint.unwrap_or(Value::Bool(false)))?;
    let size = np_size(it, &size.unwrap_or(Value::None), dtype)?;
    if let Some(d) = &size {
        if d.iter().product::<usize>() == 0 {
            return Ok(Value::ndarray(Tensor::zeros(dtype, d)));
        }
    }
    let (lo_shape, lo) = int_param(it, &low)?;
    let (hi_shape, hi) = int_param(it, &high)?;
    let open = (!closed) as i128;
    let name = dtype.name();
    if lo.iter().any(|l| *l < lb) {
        return raise(
            ExcKind::ValueError,
            format!("low is out of bounds for {}", name),
        );
    }
    if hi.iter().any(|h| h.saturating_sub(open) > ub) {
        return raise(
            ExcKind::ValueError,
            format!("high is out of bounds for {}", name),
        );
    }
    let bounds_error = || {
        let msg = match (lo.iter().any(|l| *l != 0), closed) {
            (false, false) => "high <= 0",
            (false, true) => "high < 0",
            (true, false) => "low >= high",
            (true, true) => "low > high",
        };
        raise::<Value>(ExcKind::ValueError, msg)
    };
    let scalar = lo_shape.is_empty() && hi_shape.is_empty();
    let Some(pair_shape) = crate::tensor::broadcast::broadcast_shapes(&lo_shape, &hi_shape) else {
        return raise(
            ExcKind::ValueError,
            format!(
                "operands could not be broadcast together with shapes {} {} ",
                shape_tuple(&lo_shape).replace(' ', ""),
                shape_tuple(&hi_shape).replace(' ', "")
            ),
        );
    };
    let spread = |shape: &[usize], vals: &[i128], to: &[usize]| -> R<Vec<i128>> {
        let idx = Tensor::from_vec(shape, (0..vals.len() as i64).collect::<Vec<_>>());
        Ok(spread_f64(&idx, to)?
            .iter()
            .map(|i| vals[*i as usize])
            .collect())
    };
    let (l2, h2) = (
        spread(&lo_shape, &lo, &pair_shape)?,
        spread(&hi_shape, &hi, &pair_shape)?,
    );
    if l2.iter().zip(&h2).any(|(l, h)| *l > h.saturating_sub(open)) {
        return bounds_error();
    }
    let out_shape = size.clone().unwrap_or_else(|| pair_shape.clone());
    let full = broadcast(&[&lo_shape, &hi_shape, &out_shape])?;
    crate::tensor::alloc::check(&full, dtype, "integers").map_err(np_err)?;
    let (lo, hi) = (
        spread(&lo_shape, &lo, &full)?,
        spread(&hi_shape, &hi, &full)?,
    );
    let n: usize = out_shape.iter().product();
    let mut buf = Buffer::default();
    let t = match dtype {
        DType::I64 => Tensor::from_vec(
            &out_shape,
            fill(it, g, n, |b, i| {
                let rng = (hi[i] - open - lo[i]) as u64;
                b.bounded_u64(lo[i] as i64 as u64, rng) as i64
            })?,
        ),
        DType::I32 => Tensor::from_vec(
            &out_shape,
            fill(it, g, n, |b, i| {
                let rng = (hi[i] - open - lo[i]) as u32;
                b.bounded_u32(lo[i] as i32 as u32, rng) as i32
            })?,
        ),
        DType::U8 => Tensor::from_vec(
            &out_shape,
            fill(it, g, n, |b, i| {
                b.bounded_u8(lo[i] as u8, (hi[i] - open - lo[i]) as u8, &mut buf)
            })?,
        ),
        _ => Tensor::from_vec(
            &out_shape,
            fill(it, g, n, |b, i| {
                b.bounded_bool(lo[i] != 0, hi[i] - open - lo[i] != 0, &mut buf)
            })?,
        ),
    };
    if !(scalar && size.is_none()) {
        return Ok(Value::ndarray(t));
    }
    let t = crate::tensor::ops::shape::reshape_to(&t, &[]);
    if python_type {
        return Ok(match dtype {
            DType::Bool => Value::Bool(t.item_i64() == Some(1)),
            _ => Value::Int(t.item_i64().unwrap_or(0)),
        });
    }
    Ok(Value::ndarray(t))
}

/// `Generator.bytes(length)`: little-endian words of 32-bit draws, cut to `length`.
pub(super) fn bytes(it: &mut Interp, g: &Generator, args: Args) -> R<Value> {
    let [length] = args.bind("bytes", ["length"])?;
    let length = match length.unwrap_or(Value::None) {
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        other => {
            return Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    // numpy divides in C here: (length - 1) / 4 rounds toward zero.
    let words = (length - 1) / 4 + 1;
    if words < 0 {
        return raise(ExcKind::ValueError, "negative dimensions are not allowed");
    }
    crate::tensor::alloc::check(&[words as usize], DType::I32, "bytes").map_err(np_err)?;
    let drawn = fill(it, g, words as usize, |b, _| b.next_u32())?;
    let all: Vec<u8> = drawn.iter().flat_map(|w| w.to_le_bytes()).collect();
    let end = if length < 0 {
        (all.len() as i64 + length).max(0) as usize
    } else {
        (length as usize).min(all.len())
    };
    Ok(Value::Bytes(Rc::from(&all[..end])))
}
