//! Python's ints past 64 bits. An int is `Value::Int(i64)` whenever it fits and
//! `Value::BigInt` only when it does not, so the common path never allocates: every integer
//! operation that overflows i64 comes here, computes exactly, and normalises the result back.
//! Also the exact int/float comparisons, CPython's numeric hashes, the 4300-digit limit of
//! decimal conversion, and correctly rounded true division.

use super::error::{raise, R};
use super::value::Value;
use crate::errors::ExcKind;
use crate::syntax::ast::BinOp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

/// CPython's limit on decimal digits converted between int and str.
pub const MAX_STR_DIGITS: usize = 4300;

/// The int as a value: `Int` when it fits 64 bits.
pub fn norm(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::Int(i),
        None => Value::BigInt(Rc::new(b)),
    }
}

/// The integer of an int or bool.
pub fn big_of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some(b.as_ref().clone()),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// The int a finite float truncates to.
pub fn float_to_int(f: f64) -> Value {
    let t = f.trunc();
    if (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&t) {
        return Value::Int(t as i64);
    }
    BigInt::from_f64(t).map(norm).unwrap_or(Value::Int(0))
}

fn too_large() -> super::Flow {
    super::error::err(ExcKind::OverflowError, "int too large to convert to float")
}

/// `float(n)`, correctly rounded; OverflowError past the float range.
pub fn to_f64(b: &BigInt) -> R<f64> {
    let bits = b.bits();
    if bits <= 53 {
        return Ok(b.to_f64().unwrap_or(0.0));
    }
    // Keep 54 bits and a sticky bit, then let the u64 -> f64 conversion round once.
    let shift = bits - 55;
    let mag = b.magnitude();
    let top = (mag >> shift).to_u64().unwrap_or(0);
    let sticky = (mag.trailing_zeros().unwrap_or(0) < shift) as u64;
    let m = (top | sticky) as f64;
    let f = ldexp(m, shift as i64);
    if f.is_infinite() {
        return Err(too_large());
    }
    Ok(if b.sign() == Sign::Minus { -f } else { f })
}

/// `x * 2**e`.
pub fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// A number as a float for mixed arithmetic: None for non-numbers.
pub fn num_f64(v: &Value) -> R<Option<f64>> {
    Ok(match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::BigInt(b) => Some(to_f64(b)?),
        _ => None,
    })
}

/// Exact comparison of an int with a float, as CPython does it; None when `f` is NaN.
pub fn cmp_int_float(a: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let whole = BigInt::from_f64(fl).unwrap_or_default();
    Some(if fl == f {
        a.cmp(&whole)
    } else if *a <= whole {
        Ordering::Less
    } else {
        Ordering::Greater
    })
}

/// Ordering of two numbers (ints of any size, bools, floats); None when a NaN is involved
/// or an operand is not a number.
pub fn cmp_numbers(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    const EXACT: i64 = 1 << 53;
    let r = match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Int(x), Value::Float(y)) if (-EXACT..=EXACT).contains(x) => {
            (*x as f64).partial_cmp(y)
        }
        (Value::Float(x), Value::Int(y)) if (-EXACT..=EXACT).contains(y) => {
            x.partial_cmp(&(*y as f64))
        }
        (Value::Float(x), _) => cmp_int_float(&big_of(b)?, *x).map(Ordering::reverse),
        (_, Value::Float(y)) => cmp_int_float(&big_of(a)?, *y),
        _ => Some(big_of(a)?.cmp(&big_of(b)?)),
    };
    Some(r)
}

/// 2**61 - 1, the modulus of CPython's numeric hash.
const MODULUS: u64 = (1 << 61) - 1;

fn finish_hash(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(n)` for an int, as CPython computes it.
pub fn hash_int(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    finish_hash(if b.sign() == Sign::Minus { -r } else { r })
}

/// `hash(x)` for a float, as CPython computes it: equal to the hash of the equal rational.
pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    let (num, den) = ratio(f);
    let m = BigInt::from(MODULUS);
    // den is a power of two: its inverse modulo the prime is 2**(MODULUS-1-k).
    let inv = den.modpow(&(&m - BigInt::from(2)), &m);
    let r = ((num.abs() % &m) * inv % &m).to_i64().unwrap_or(0);
    finish_hash(if f < 0.0 { -r } else { r })
}

/// The exact ratio of a finite float, in lowest terms with a positive denominator.
pub fn ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::zero(), BigInt::one());
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    while mant & 1 == 0 && e < 0 {
        mant >>= 1;
        e += 1;
    }
    let sign = if f < 0.0 { -1 } else { 1 };
    let num = BigInt::from(mant) * sign;
    if e >= 0 {
        (num << e as usize, BigInt::one())
    } else {
        (num, BigInt::one() << (-e) as usize)
    }
}

/// The ValueError of a decimal conversion past the limit.
fn limit_err<T>(digits: Option<usize>) -> R<T> {
    let what = match digits {
        Some(n) => format!(": value has {} digits", n),
        None => String::new(),
    };
    raise(
        ExcKind::ValueError,
        format!(
            "Exceeds the limit ({} digits) for integer string conversion{}; use sys.set_int_max_str_digits() to increase the limit",
            MAX_STR_DIGITS, what
        ),
    )
}

/// The decimal digits of an int (with its sign), or CPython's ValueError past 4300 digits.
pub fn to_decimal(b: &BigInt) -> R<String> {
    // 4300 digits are at most 14284 bits; anything longer is past the limit.
    if b.bits() > 14300 {
        return limit_err(None);
    }
    let s = b.to_string();
    if s.trim_start_matches('-').len() > MAX_STR_DIGITS {
        return limit_err(None);
    }
    Ok(s)
}

/// `int(text, base)` for text already stripped of whitespace and sign; None when invalid.
/// Underscores may only sit between digits.
pub fn parse_digits(body: &str, base: u32) -> R<Option<BigInt>> {
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Ok(None);
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return Ok(None);
    }
    if !base.is_power_of_two() && clean.len() > MAX_STR_DIGITS {
        return limit_err(Some(clean.len()));
    }
    Ok(BigInt::parse_bytes(clean.as_bytes(), base))
}

/// `int(s, base)`: Python's literal syntax, prefixes for base 0 and matching bases.
pub fn parse_int(s: &str, base: u32) -> R<Option<Value>> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let prefixed = |p: &str| lower.starts_with(p);
    let (base, body) = if (base == 16 || base == 0) && prefixed("0x") {
        (16, &body[2..])
    } else if (base == 8 || base == 0) && prefixed("0o") {
        (8, &body[2..])
    } else if (base == 2 || base == 0) && prefixed("0b") {
        (2, &body[2..])
    } else if base == 0 {
        // Base 0 reads a decimal literal: no leading zeros except for zero itself.
        if body.len() > 1 && body.starts_with('0') && body.chars().any(|c| c != '0' && c != '_') {
            return Ok(None);
        }
        (10, body)
    } else {
        (base, body)
    };
    // After a prefix, one underscore may follow it: `0x_ff`.
    let body = if body.len() != s.trim().len() && base != 10 {
        body.strip_prefix('_').unwrap_or(body)
    } else {
        body
    };
    Ok(parse_digits(body, base)?.map(|b| norm(if neg { -b } else { b })))
}

/// Bytes a result of `bits` bits takes; MemoryError when past the session's budget.
fn check_size(bits: f64) -> R<()> {
    if bits / 8.0 > crate::tensor::alloc::limit() as f64 {
        return raise(ExcKind::MemoryError, "");
    }
    Ok(())
}

/// An int operand as a shift count or exponent, when it fits.
fn small(b: &BigInt) -> Option<u64> {
    b.to_u64()
}

/// `a ** b` for ints with b >= 0, refusing results past the memory budget.
pub fn int_pow(a: &BigInt, b: &BigInt) -> R<Value> {
    if a.is_zero() {
        return Ok(Value::Int(if b.is_zero() { 1 } else { 0 }));
    }
    if a.magnitude().is_one() {
        let odd = b.is_odd();
        return Ok(Value::Int(if a.sign() == Sign::Minus && odd {
            -1
        } else {
            1
        }));
    }
    let bits = (a.bits() as f64 - 1.0).max(1.0) * b.to_f64().unwrap_or(f64::INFINITY);
    check_size(bits)?;
    let e = small(b).unwrap_or(u64::MAX);
    // Powers of two are shifts.
    let mag = a.magnitude();
    if mag.count_ones() == 1 {
        let k = mag.trailing_zeros().unwrap_or(0) * e;
        let r = BigInt::one() << k as usize;
        let neg = a.sign() == Sign::Minus && e % 2 == 1;
        return Ok(norm(if neg { -r } else { r }));
    }
    Ok(norm(num_traits::pow::Pow::pow(a, e)))
}

/// `pow(a, b, m)` for ints; a negative exponent takes the modular inverse.
pub fn mod_pow(a: &BigInt, b: &BigInt, m: &BigInt) -> R<Value> {
    if m.is_zero() {
        return raise(ExcKind::ValueError, "pow() 3rd argument cannot be 0");
    }
    let mabs = m.abs();
    let mut base = a.mod_floor(&mabs);
    let mut e = b.clone();
    if e.sign() == Sign::Minus {
        let g = base.extended_gcd(&mabs);
        if !g.gcd.is_one() {
            return raise(
                ExcKind::ValueError,
                "base is not invertible for the given modulus",
            );
        }
        base = g.x.mod_floor(&mabs);
        e = -e;
    }
    let r = if mabs.is_one() {
        BigInt::zero()
    } else {
        base.modpow(&e, &mabs)
    };
    // The result takes the sign of the modulus.
    let r = if m.sign() == Sign::Minus && !r.is_zero() {
        r + m
    } else {
        r
    };
    Ok(norm(r))
}

/// `a / b` for ints, correctly rounded.
pub fn true_div(a: &BigInt, b: &BigInt) -> R<f64> {
    if b.is_zero() {
        return raise(ExcKind::ZeroDivisionError, "division by zero");
    }
    if a.bits() <= 53 && b.bits() <= 53 {
        return Ok(a.to_f64().unwrap_or(0.0) / b.to_f64().unwrap_or(1.0));
    }
    if a.is_zero() {
        return Ok(if (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus) {
            -0.0
        } else {
            0.0
        });
    }
    let neg = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (x, y) = (a.abs(), b.abs());
    let shift = x.bits() as i64 - y.bits() as i64 - 56;
    let (n, d) = if shift >= 0 {
        (x, y << shift as usize)
    } else {
        (x << (-shift) as usize, y)
    };
    let (q, r) = n.div_rem(&d);
    let q = q.to_u64().unwrap_or(0) | (!r.is_zero()) as u64;
    let f = ldexp(q as f64, shift);
    if f.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "integer division result too large for a double",
        );
    }
    Ok(if neg { -f } else { f })
}

/// An integer operator on ints of any size. Returns None for `@` and for `**` with a
/// negative exponent (float arithmetic then applies).
pub fn binary(op: BinOp, a: &BigInt, b: &BigInt) -> R<Option<Value>> {
    let zero_div = || {
        raise::<Option<Value>>(
            ExcKind::ZeroDivisionError,
            "integer division or modulo by zero",
        )
    };
    Ok(Some(match op {
        BinOp::Add => norm(a + b),
        BinOp::Sub => norm(a - b),
        BinOp::Mul => {
            check_size((a.bits() + b.bits()) as f64)?;
            norm(a * b)
        }
        BinOp::Div => Value::Float(true_div(a, b)?),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return zero_div();
            }
            norm(a.div_floor(b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return zero_div();
            }
            norm(a.mod_floor(b))
        }
        BinOp::Pow => {
            if b.sign() == Sign::Minus {
                return Ok(None);
            }
            int_pow(a, b)?
        }
        BinOp::BitAnd => norm(a & b),
        BinOp::BitOr => norm(a | b),
        BinOp::BitXor => norm(a ^ b),
        BinOp::LShift => {
            if b.sign() == Sign::Minus {
                return raise(ExcKind::ValueError, "negative shift count");
            }
            if a.is_zero() {
                return Ok(Some(Value::Int(0)));
            }
            check_size(a.bits() as f64 + b.to_f64().unwrap_or(f64::INFINITY))?;
            norm(a << small(b).unwrap_or(0) as usize)
        }
        BinOp::RShift => {
            if b.sign() == Sign::Minus {
                return raise(ExcKind::ValueError, "negative shift count");
            }
            match small(b).filter(|&s| s < a.bits() + 1) {
                Some(s) => norm(a >> s as usize),
                None => Value::Int(if a.sign() == Sign::Minus { -1 } else { 0 }),
            }
        }
        BinOp::MatMul => return Ok(None),
    }))
}

/// `-n`, `~n`, `abs(n)` on ints of any size.
pub fn neg(b: &BigInt) -> Value {
    norm(-b)
}

pub fn invert(b: &BigInt) -> Value {
    norm(-(b + BigInt::one()))
}

pub fn abs(b: &BigInt) -> Value {
    norm(b.abs())
}

/// `round(n, ndigits)` for an int and negative ndigits: half to even at 10**-ndigits.
pub fn round_int(n: &BigInt, ndigits: &BigInt) -> R<Value> {
    if ndigits.sign() != Sign::Minus {
        return Ok(norm(n.clone()));
    }
    let k = (-ndigits).to_u64().unwrap_or(u64::MAX);
    if k as f64 > n.bits() as f64 * 0.302 + 2.0 {
        return Ok(Value::Int(0));
    }
    let p = num_traits::pow::Pow::pow(&BigInt::from(10), k);
    let (q, r) = n.div_mod_floor(&p);
    let twice: BigInt = &r * BigInt::from(2);
    let q = match twice.cmp(&p) {
        Ordering::Greater => q + 1,
        Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(norm(q * p))
}

/// `hash()` of a number as CPython computes it; None for other values.
pub fn hash_number(v: &Value) -> Option<i64> {
    Some(match v {
        Value::Int(i) => hash_int(&BigInt::from(*i)),
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => hash_int(b),
        Value::Float(f) => hash_float(*f),
        _ => return None,
    })
}

/// The value of an int literal past 64 bits (decimal digits from the lexer).
pub fn literal(digits: &str) -> Value {
    BigInt::parse_bytes(digits.as_bytes(), 10)
        .map(norm)
        .unwrap_or(Value::Int(0))
}
