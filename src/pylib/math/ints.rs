//! `math`'s integer functions: factorial, gcd, lcm, comb, perm, isqrt, and float → int
//! for floor/ceil/trunc. Results are computed as big integers; `int_value` turns one into
//! a Python int (values past i64 raise OverflowError until ints are unbounded).

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A big integer as a Python int.
pub(crate) fn int_value(v: BigInt) -> R<Value> {
    Ok(crate::eval::bigint::norm(v))
}

/// An integral float as a Python int.
pub(crate) fn int_from_f64(x: f64) -> R<Value> {
    if x.abs() < 9.2e18 {
        return Ok(Value::Int(x as i64));
    }
    let (m, e) = super::frexp_f(x);
    let mant = (m * 2f64.powi(53)) as i64;
    let v = BigInt::from(mant) << ((e - 53).max(0) as usize);
    int_value(v)
}

/// An argument that must be an int (`__index__`).
pub(crate) fn index(v: &Value) -> R<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok(b.as_ref().clone()),
        other => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `n!` as a balanced product tree (products of similar size multiply fastest), checking
/// Ctrl-C along the way; a result past the memory budget is MemoryError before any work.
fn factorial_of(it: &mut Interp, n: u64) -> R<BigInt> {
    // log2(n!) < n * log2(n) bits.
    let bits = (n as f64) * (n.max(2) as f64).log2();
    crate::eval::budget::check((bits / 8.0).ceil() as usize, 1)?;
    product(it, 2, n)
}

/// The product of the integers in `lo..=hi`.
fn product(it: &mut Interp, lo: u64, hi: u64) -> R<BigInt> {
    if hi < lo {
        return Ok(BigInt::one());
    }
    if hi - lo < 64 {
        it.check_interrupt()?;
        let mut r = BigInt::one();
        for k in lo..=hi {
            r *= k;
        }
        return Ok(r);
    }
    let mid = lo + (hi - lo) / 2;
    Ok(product(it, lo, mid)? * product(it, mid + 1, hi)?)
}

builtin! {
    /// Find n!.
    python ["math.factorial"]
    fn factorial(it, n) {
        let n = index(&n)?;
        if n.is_negative() {
            return raise(ExcKind::ValueError, "factorial() not defined for negative values");
        }
        let Some(n) = n.to_i64().map(|n| n as u64) else {
            return raise(
                ExcKind::OverflowError,
                "factorial() argument should not exceed 9223372036854775807",
            );
        };
        let r = factorial_of(it, n)?;
        int_value(r)
    }
}

fn gcd2(a: BigInt, b: BigInt) -> BigInt {
    let (mut a, mut b) = (a.abs(), b.abs());
    while !b.is_zero() {
        let t = &a % &b;
        a = b;
        b = t;
    }
    a
}

fn int_args(args: &Value) -> R<Vec<BigInt>> {
    match args {
        Value::Tuple(t) => t.iter().map(index).collect(),
        _ => Ok(vec![]),
    }
}

builtin! {
    /// Greatest Common Divisor.
    python ["math.gcd"]
    fn gcd(it, *integers) {
        let mut g = BigInt::zero();
        for v in int_args(&integers)? {
            g = gcd2(g, v);
        }
        int_value(g)
    }
}

builtin! {
    /// Least Common Multiple.
    python ["math.lcm"]
    fn lcm(it, *integers) {
        let mut l = BigInt::one();
        for v in int_args(&integers)? {
            if v.is_zero() || l.is_zero() {
                l = BigInt::zero();
                continue;
            }
            let g = gcd2(l.clone(), v.clone());
            l = (&l / g * v).abs();
        }
        int_value(l)
    }
}

/// n! / (n-k)!
fn perm_of(it: &mut Interp, n: &BigInt, k: &BigInt) -> R<BigInt> {
    let mut r = BigInt::one();
    let mut i = BigInt::zero();
    let mut steps = 0u32;
    while &i < k {
        r *= n - &i;
        i += 1;
        steps += 1;
        if steps.is_multiple_of(4096) {
            it.check_interrupt()?;
        }
    }
    Ok(r)
}

fn nonneg(v: &BigInt, name: &str) -> R<()> {
    if v.is_negative() {
        return raise(
            ExcKind::ValueError,
            format!("{} must be a non-negative integer", name),
        );
    }
    Ok(())
}

builtin! {
    /// Number of ways to choose k items from n items without repetition and without order.
    python ["math.comb"]
    fn comb(it, n, k) {
        let n = index(&n)?;
        let k = index(&k)?;
        nonneg(&n, "n")?;
        nonneg(&k, "k")?;
        if k > n {
            return Ok(Value::Int(0));
        }
        let k = std::cmp::min(k.clone(), &n - &k);
        let mut r = BigInt::one();
        let mut i = BigInt::zero();
        while i < k {
            r = r * (&n - &i) / (&i + 1);
            i += 1;
        }
        int_value(r)
    }
}

builtin! {
    /// Number of ways to choose k items from n items without repetition and with order.
    python ["math.perm"]
    fn perm(it, n, k = None) {
        let nn = index(&n)?;
        if matches!(k, Value::None) {
            if nn.is_negative() {
                return raise(ExcKind::ValueError, "factorial() not defined for negative values");
            }
            let k = nn.clone();
            let r = perm_of(it, &nn, &k)?;
            return int_value(r);
        }
        let kk = index(&k)?;
        nonneg(&nn, "n")?;
        nonneg(&kk, "k")?;
        if kk > nn {
            return Ok(Value::Int(0));
        }
        let r = perm_of(it, &nn, &kk)?;
        int_value(r)
    }
}

builtin! {
    /// Return the integer part of the square root of the input.
    python ["math.isqrt"]
    fn isqrt(it, n) {
        let n = index(&n)?;
        if n.is_negative() {
            return raise(ExcKind::ValueError, "isqrt() argument must be nonnegative");
        }
        int_value(n.sqrt())
    }
}
