//! Python's `math` module: mathematical functions, bit-identical to CPython 3.11 on Linux.
//! Floating-point functions call the C library as CPython does (Rust's own `asinh`,
//! `acosh`, `atanh` differ from glibc's, so those are called directly); `gamma`, `lgamma`,
//! `fsum` and `hypot`/`dist` follow CPython's own algorithms. Errors carry CPython's words:
//! `math domain error`, `math range error`.

mod gamma;
pub(crate) mod ints;

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, Flow, R};
use crate::eval::{Interp, Value};

extern "C" {
    #[link_name = "erf"]
    fn c_erf(x: f64) -> f64;
    #[link_name = "erfc"]
    fn c_erfc(x: f64) -> f64;
    #[link_name = "asinh"]
    fn c_asinh(x: f64) -> f64;
    #[link_name = "acosh"]
    fn c_acosh(x: f64) -> f64;
    #[link_name = "atanh"]
    fn c_atanh(x: f64) -> f64;
    // Rust links its own `cbrt` under that name; glibc's is also `cbrtf64`.
    #[link_name = "cbrtf64"]
    fn c_cbrt(x: f64) -> f64;
    #[link_name = "nextafter"]
    fn c_nextafter(x: f64, y: f64) -> f64;
    #[link_name = "remainder"]
    fn c_remainder(x: f64, y: f64) -> f64;
}

/// Calls a one-argument function of the C math library.
fn libm1(f: unsafe extern "C" fn(f64) -> f64, x: f64) -> f64 {
    // SAFETY: the C math library's one-double functions take no pointers and touch no
    // global state beyond errno.
    unsafe { f(x) }
}

/// Calls a two-argument function of the C math library.
fn libm2(f: unsafe extern "C" fn(f64, f64) -> f64, x: f64, y: f64) -> f64 {
    // SAFETY: as for `libm1`: pure functions of two doubles.
    unsafe { f(x, y) }
}

pub(crate) fn domain() -> Flow {
    err(ExcKind::ValueError, "math domain error")
}

pub(crate) fn range() -> Flow {
    err(ExcKind::OverflowError, "math range error")
}

/// A real number argument as CPython's `PyFloat_AsDouble` reads it.
pub(crate) fn real(it: &mut Interp, v: &Value) -> R<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
            match (it.hooks.scalar_of)(v, "float")? {
                Value::Float(f) => Ok(f),
                Value::Int(i) => Ok(i as f64),
                Value::Bool(b) => Ok(b as i64 as f64),
                _ => Err(type_err(format!(
                    "must be real number, not {}",
                    v.type_name()
                ))),
            }
        }
        _ => Err(type_err(format!(
            "must be real number, not {}",
            v.type_name()
        ))),
    }
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity from a finite
/// argument is a range error where the function can overflow, else a domain error.
fn math_1(it: &mut Interp, x: &Value, f: impl Fn(f64) -> f64, can_overflow: bool) -> R<Value> {
    let x = real(it, x)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range() } else { domain() });
    }
    Ok(Value::Float(r))
}

/// CPython's `math_2` for two-argument functions.
fn math_2(it: &mut Interp, x: &Value, y: &Value, f: impl Fn(f64, f64) -> f64) -> R<Value> {
    let x = real(it, x)?;
    let y = real(it, y)?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(domain());
    }
    Ok(Value::Float(r))
}

macro_rules! unary {
    ($($name:ident $path:literal $doc:literal ($x:ident) => $e:expr, $ovf:expr;)*) => {$(
        builtin! {
            #[doc = $doc]
            python [$path]
            fn $name(it, x) {
                math_1(it, &x, |$x: f64| $e, $ovf)
            }
        }
    )*};
}

unary! {
    sqrt "math.sqrt" "Return the square root of x." (x) => x.sqrt(), false;
    exp "math.exp" "Return e raised to the power of x." (x) => x.exp(), true;
    exp2 "math.exp2" "Return 2 raised to the power of x." (x) => x.exp2(), true;
    expm1 "math.expm1" "Return exp(x)-1." (x) => x.exp_m1(), true;
    sin "math.sin" "Return the sine of x (measured in radians)." (x) => x.sin(), false;
    cos "math.cos" "Return the cosine of x (measured in radians)." (x) => x.cos(), false;
    tan "math.tan" "Return the tangent of x (measured in radians)." (x) => x.tan(), false;
    asin "math.asin" "Return the arc sine (measured in radians) of x." (x) => x.asin(), false;
    acos "math.acos" "Return the arc cosine (measured in radians) of x." (x) => x.acos(), false;
    atan "math.atan" "Return the arc tangent (measured in radians) of x." (x) => x.atan(), false;
    sinh "math.sinh" "Return the hyperbolic sine of x." (x) => x.sinh(), true;
    cosh "math.cosh" "Return the hyperbolic cosine of x." (x) => x.cosh(), true;
    tanh "math.tanh" "Return the hyperbolic tangent of x." (x) => x.tanh(), false;
    asinh "math.asinh" "Return the inverse hyperbolic sine of x." (x) => libm1(c_asinh, x), false;
    acosh "math.acosh" "Return the inverse hyperbolic cosine of x." (x) => libm1(c_acosh, x), false;
    atanh "math.atanh" "Return the inverse hyperbolic tangent of x." (x) => libm1(c_atanh, x), false;
    erf "math.erf" "Error function at x." (x) => libm1(c_erf, x), false;
    erfc "math.erfc" "Complementary error function at x." (x) => libm1(c_erfc, x), false;
    cbrt "math.cbrt" "Return the cube root of x." (x) => libm1(c_cbrt, x), false;
    fabs "math.fabs" "Return the absolute value of the float x." (x) => x.abs(), false;
    degrees "math.degrees" "Convert angle x from radians to degrees." (x) => x * (180.0 / std::f64::consts::PI), false;
    radians "math.radians" "Convert angle x from degrees to radians." (x) => x * (std::f64::consts::PI / 180.0), false;
}

/// CPython's `m_log`: log of a positive number; zero and negatives are domain errors.
fn m_log(x: f64, f: fn(f64) -> f64) -> R<f64> {
    if x.is_finite() {
        if x > 0.0 {
            Ok(f(x))
        } else {
            Err(domain())
        }
    } else if x.is_nan() || x > 0.0 {
        Ok(x)
    } else {
        Err(domain())
    }
}

/// The log of an int or float argument.
fn log_of(it: &mut Interp, v: &Value, f: fn(f64) -> f64) -> R<f64> {
    if let Value::Int(i) = v {
        if *i <= 0 {
            return Err(domain());
        }
    }
    m_log(real(it, v)?, f)
}

builtin! {
    /// log(x, [base=math.e])
    python ["math.log"]
    fn log(it, x, *args) {
        let rest = match &args { Value::Tuple(t) => t.as_ref().clone(), _ => vec![] };
        if rest.len() > 1 {
            return Err(type_err(format!("log expected at most 2 arguments, got {}", rest.len() + 1)));
        }
        let num = log_of(it, &x, f64::ln)?;
        match rest.first() {
            None => Ok(Value::Float(num)),
            Some(b) => {
                let den = log_of(it, b, f64::ln)?;
                if den == 0.0 {
                    return raise(ExcKind::ZeroDivisionError, "float division by zero");
                }
                Ok(Value::Float(num / den))
            }
        }
    }
}

builtin! {
    /// Return the base 2 logarithm of x.
    python ["math.log2"]
    fn log2(it, x) {
        Ok(Value::Float(log_of(it, &x, f64::log2)?))
    }
}

builtin! {
    /// Return the base 10 logarithm of x.
    python ["math.log10"]
    fn log10(it, x) {
        Ok(Value::Float(log_of(it, &x, f64::log10)?))
    }
}

builtin! {
    /// Return the natural logarithm of 1+x (base e).
    python ["math.log1p"]
    fn log1p(it, x) {
        let x = real(it, &x)?;
        if x <= -1.0 {
            return Err(domain());
        }
        Ok(Value::Float(x.ln_1p()))
    }
}

/// CPython's `math.pow`: IEEE special values handled directly, finite ones by libm.
fn py_pow(x: f64, y: f64) -> R<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain() } else { range() });
    }
    Ok(r)
}

builtin! {
    /// Return x**y (x to the power of y).
    python ["math.pow"]
    fn pow(it, x, y) {
        let x = real(it, &x)?;
        let y = real(it, &y)?;
        Ok(Value::Float(py_pow(x, y)?))
    }
}

builtin! {
    /// Return the arc tangent (measured in radians) of y/x.
    python ["math.atan2"]
    fn atan2(it, y, x) {
        let y = real(it, &y)?;
        let x = real(it, &x)?;
        Ok(Value::Float(y.atan2(x)))
    }
}

builtin! {
    /// Return a float with the magnitude (absolute value) of x but the sign of y.
    python ["math.copysign"]
    fn copysign(it, x, y) {
        math_2(it, &x, &y, f64::copysign)
    }
}

builtin! {
    /// Return fmod(x, y), according to platform C.
    python ["math.fmod"]
    fn fmod(it, x, y) {
        let a = real(it, &x)?;
        let b = real(it, &y)?;
        if b.is_infinite() && a.is_finite() {
            return Ok(Value::Float(a));
        }
        math_2(it, &x, &y, |a, b| a % b)
    }
}

builtin! {
    /// Difference between x and the closest integer multiple of y.
    python ["math.remainder"]
    fn remainder(it, x, y) {
        let a = real(it, &x)?;
        let b = real(it, &y)?;
        if a.is_nan() || b.is_nan() {
            return Ok(Value::Float(f64::NAN));
        }
        if a.is_infinite() || b == 0.0 {
            return Err(domain());
        }
        if b.is_infinite() {
            return Ok(Value::Float(a));
        }
        Ok(Value::Float(libm2(c_remainder, a, b)))
    }
}

builtin! {
    /// Return the next floating-point value after x towards y.
    python ["math.nextafter"]
    fn nextafter(it, x, y) {
        let a = real(it, &x)?;
        let b = real(it, &y)?;
        Ok(Value::Float(libm2(c_nextafter, a, b)))
    }
}

builtin! {
    /// Return the value of the least significant bit of the float x.
    python ["math.ulp"]
    fn ulp(it, x) {
        let x = real(it, &x)?.abs();
        if x.is_nan() || x.is_infinite() {
            return Ok(Value::Float(x));
        }
        let next = libm2(c_nextafter, x, f64::INFINITY);
        if next.is_infinite() {
            let prev = libm2(c_nextafter, x, -f64::INFINITY);
            return Ok(Value::Float(x - prev));
        }
        Ok(Value::Float(next - x))
    }
}

builtin! {
    /// Return the fractional and integer parts of x.
    python ["math.modf"]
    fn modf(it, x) {
        let x = real(it, &x)?;
        if x.is_infinite() {
            return Ok(Value::tuple(vec![Value::Float(0f64.copysign(x)), Value::Float(x)]));
        }
        let i = x.trunc();
        Ok(Value::tuple(vec![Value::Float((x - i).copysign(x)), Value::Float(i)]))
    }
}

/// `frexp`: mantissa in [0.5, 1) and exponent.
pub(crate) fn frexp_f(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp_f(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// The power of two 2**s for s in the range of doubles (normal or subnormal).
fn pow2(s: i64) -> f64 {
    if s >= -1022 {
        f64::from_bits(((s + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (s + 1074))
    }
}

/// `ldexp`: x * 2**e with a single rounding, as C's.
pub(crate) fn ldexp_f(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, k) = frexp_f(x);
    let total = k.saturating_add(e);
    if total > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if total < -1080 {
        return 0f64.copysign(x);
    }
    let mant = m * pow2(53);
    let s = total - 53;
    if s >= -1074 {
        mant * pow2(s)
    } else {
        (mant * pow2(s + 1074)) * f64::from_bits(1)
    }
}

builtin! {
    /// Return the mantissa and exponent of x, as pair (m, e).
    python ["math.frexp"]
    fn frexp(it, x) {
        let x = real(it, &x)?;
        let (m, e) = frexp_f(x);
        Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
    }
}

builtin! {
    /// Return x * (2**i).
    python ["math.ldexp"]
    fn ldexp(it, x, i) {
        let x = real(it, &x)?;
        let e = match i {
            Value::Int(e) => e,
            Value::Bool(b) => b as i64,
            _ => return Err(type_err("Expected an int as second argument to ldexp.")),
        };
        let r = ldexp_f(x, e);
        if r.is_infinite() && x.is_finite() {
            return Err(range());
        }
        Ok(Value::Float(r))
    }
}

fn float_to_int(x: f64) -> R<Value> {
    if x.is_nan() {
        return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        );
    }
    ints::int_from_f64(x)
}

/// floor/ceil/trunc: ints stay as they are, floats become ints.
fn rounding(it: &mut Interp, x: &Value, f: fn(f64) -> f64) -> R<Value> {
    match x {
        Value::Int(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => {
            let v = real(it, x)?;
            float_to_int(f(v))
        }
    }
}

builtin! {
    /// Return the floor of x as an Integral.
    python ["math.floor"]
    fn floor(it, x) {
        rounding(it, &x, f64::floor)
    }
}

builtin! {
    /// Return the ceiling of x as an Integral.
    python ["math.ceil"]
    fn ceil(it, x) {
        rounding(it, &x, f64::ceil)
    }
}

builtin! {
    /// Truncates the Real x to the nearest Integral toward 0.
    python ["math.trunc"]
    fn trunc(it, x) {
        if matches!(x, Value::Float(_) | Value::Int(_) | Value::Bool(_)) {
            return rounding(it, &x, f64::trunc);
        }
        Err(type_err(format!("type {} doesn't define __trunc__ method", x.type_name())))
    }
}

builtin! {
    /// Return True if x is neither an infinity nor a NaN, and False otherwise.
    python ["math.isfinite"]
    fn isfinite(it, x) {
        Ok(Value::Bool(real(it, &x)?.is_finite()))
    }
}

builtin! {
    /// Return True if x is a positive or negative infinity, and False otherwise.
    python ["math.isinf"]
    fn isinf(it, x) {
        Ok(Value::Bool(real(it, &x)?.is_infinite()))
    }
}

builtin! {
    /// Return True if x is a NaN (not a number), and False otherwise.
    python ["math.isnan"]
    fn isnan(it, x) {
        Ok(Value::Bool(real(it, &x)?.is_nan()))
    }
}

builtin! {
    /// Determine whether two floating point numbers are close in value.
    python ["math.isclose"]
    fn isclose(it, a, b, *, rel_tol = 1e-09, abs_tol = 0.0) {
        let a = real(it, &a)?;
        let b = real(it, &b)?;
        let rel = real(it, &rel_tol)?;
        let abs = real(it, &abs_tol)?;
        if rel < 0.0 || abs < 0.0 {
            return raise(ExcKind::ValueError, "tolerances must be non-negative");
        }
        if a == b {
            return Ok(Value::Bool(true));
        }
        if a.is_infinite() || b.is_infinite() {
            return Ok(Value::Bool(false));
        }
        let diff = (b - a).abs();
        Ok(Value::Bool(
            (diff <= (rel * b).abs()) || (diff <= (rel * a).abs()) || diff <= abs,
        ))
    }
}

/// Shewchuk's exact summation with CPython's final half-even correction.
pub(crate) fn fsum_values(xs: &[f64]) -> R<f64> {
    let mut p: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for &item in xs {
        let mut x = item;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            let lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if item.is_finite() {
                    return raise(ExcKind::OverflowError, "intermediate overflow in fsum");
                }
                if item.is_infinite() {
                    inf_sum += item;
                }
                special += item;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return raise(ExcKind::ValueError, "-inf + inf in fsum");
        }
        return Ok(special);
    }
    let mut hi = 0.0;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

builtin! {
    /// Return an accurate floating point sum of values in the iterable seq.
    python ["math.fsum"]
    fn fsum(it, seq) {
        let items = it.collect_items(&seq)?;
        let mut xs = Vec::with_capacity(items.len());
        for v in &items {
            xs.push(real(it, v)?);
        }
        Ok(Value::Float(fsum_values(&xs)?))
    }
}

/// CPython's `vector_norm`: the Euclidean norm with an exactly rounded sum of squares.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_f(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp_f(1.0, -max_e);
    let mut csum = 1.0f64;
    let mut frac1 = 0.0f64;
    let mut frac2 = 0.0f64;
    for &v in vec.iter() {
        let x = v * scale;
        let (hi, lo) = dl_mul(x, x);
        let (shi, slo) = dl_fast_sum(csum, hi);
        csum = shi;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = dl_mul(-h, h);
    let (shi, slo) = dl_fast_sum(csum, hi);
    csum = shi;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    let y = b - z;
    (x, y)
}

fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    let zz = x.mul_add(y, -z);
    (z, zz)
}

fn norm_of(xs: Vec<f64>) -> f64 {
    let mut found_nan = false;
    let mut max = 0.0f64;
    let mut v: Vec<f64> = Vec::with_capacity(xs.len());
    for x in xs {
        let x = x.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    vector_norm(&mut v, max, found_nan)
}

builtin! {
    /// Multidimensional Euclidean distance from the origin to a point.
    python ["math.hypot"]
    fn hypot(it, *coordinates) {
        let items = match &coordinates { Value::Tuple(t) => t.as_ref().clone(), _ => vec![] };
        let mut xs = Vec::new();
        for v in &items {
            xs.push(real(it, v)?);
        }
        Ok(Value::Float(norm_of(xs)))
    }
}

builtin! {
    /// Return the Euclidean distance between two points p and q.
    python ["math.dist"]
    fn dist(it, p, q) {
        if !matches!(p, Value::List(_) | Value::Tuple(_)) || !matches!(q, Value::List(_) | Value::Tuple(_)) {
            let bad = if matches!(p, Value::List(_) | Value::Tuple(_)) { &q } else { &p };
            return Err(type_err(format!("dist() argument must be a sequence, not '{}'", bad.type_name())));
        }
        let p = it.collect_items(&p)?;
        let q = it.collect_items(&q)?;
        if p.len() != q.len() {
            return raise(ExcKind::ValueError, "both points must have the same number of dimensions");
        }
        let mut xs = Vec::new();
        for (a, b) in p.iter().zip(&q) {
            xs.push(real(it, a)? - real(it, b)?);
        }
        Ok(Value::Float(norm_of(xs)))
    }
}

builtin! {
    /// Calculate the product of all the elements in the input iterable.
    python ["math.prod"]
    fn prod(it, iterable, *, start = 1) {
        let items = it.collect_items(&iterable)?;
        let mut acc = start;
        for v in items {
            acc = it.binary(crate::syntax::ast::BinOp::Mul, &acc, &v)?;
        }
        Ok(acc)
    }
}

/// Sets `math`'s constants.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "math");
    m.set("pi", Value::Float(std::f64::consts::PI));
    m.set("e", Value::Float(std::f64::consts::E));
    m.set("tau", Value::Float(std::f64::consts::TAU));
    m.set("inf", Value::Float(f64::INFINITY));
    m.set("nan", Value::Float(f64::NAN));
}
