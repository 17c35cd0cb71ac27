//! Python's numeric builtins: `int`, `float`, `abs`, `round`, `sum`, `min`, `max`,
//! `divmod`, `pow`, `chr`, `ord`, `hex`, `bin`, `oct`. Each function is one declaration;
//! those whose CPython wording differs from plain argument binding check their own arguments.

use super::error::{raise, type_err, R};
use super::value::given;
use super::value::{Args, Value};
use super::Interp;
use crate::builtin;
use crate::errors::ExcKind;
use crate::syntax::ast::{BinOp, CmpOp};

builtin! {
    /// int([x]) -> integer
    python ["builtins.int"]
    fn int(it, x = 0, base = None) {
        let base = match given(base) {
            None => None,
            Some(Value::Int(b)) if b == 0 || (2..=36).contains(&b) => Some(b as u32),
            Some(Value::Int(_) | Value::BigInt(_)) => {
                return raise(ExcKind::ValueError, "int() base must be >= 2 and <= 36, or 0")
            }
            Some(other) => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        };
        let text = match &x {
            Value::Str(s) => Some(s.to_string()),
            Value::Bytes(_) | Value::ByteArray(_) => Some(
                String::from_utf8_lossy(&super::bytes::bytes_of(&x).unwrap_or_default())
                    .into_owned(),
            ),
            _ => None,
        };
        if let Some(text) = text {
            let b = base.unwrap_or(10);
            return match super::bigint::parse_int(&text, b)? {
                Some(v) => Ok(v),
                None => raise(
                    ExcKind::ValueError,
                    format!("invalid literal for int() with base {}: {}", b, it.repr(&x)?),
                ),
            };
        }
        if base.is_some() {
            return raise(ExcKind::TypeError, "int() can't convert non-string with explicit base");
        }
        match x {
            Value::Int(_) | Value::BigInt(_) => Ok(x),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            Value::Float(f) => float_to_int(f),
            v @ (Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_)) => {
                match (it.hooks.scalar_of)(&v, "int")? {
                    Value::Float(f) => float_to_int(f),
                    other => Ok(other),
                }
            }
            v => Err(type_err(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                v.type_name()
            ))),
        }
    }
}

/// `int(f)` for a float: truncation, with CPython's errors for NaN and infinities.
fn float_to_int(f: f64) -> R<Value> {
    if f.is_nan() {
        return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
    }
    if f.is_infinite() {
        return raise(
            ExcKind::OverflowError,
            "cannot convert float infinity to integer",
        );
    }
    Ok(super::bigint::float_to_int(f))
}

builtin! {
    /// Convert a string or number to a floating point number, if possible.
    python ["builtins.float"]
    fn float(it, x = 0) {
        match x {
            Value::Int(i) => Ok(Value::Float(i as f64)),
            Value::BigInt(b) => Ok(Value::Float(super::bigint::to_f64(&b)?)),
            Value::Bool(b) => Ok(Value::Float(b as i64 as f64)),
            Value::Float(f) => Ok(Value::Float(f)),
            Value::Bytes(_) | Value::ByteArray(_) => {
                let text = String::from_utf8_lossy(&super::bytes::bytes_of(&x).unwrap_or_default())
                    .into_owned();
                match text.trim().replace('_', "").parse::<f64>() {
                    Ok(v) => Ok(Value::Float(v)),
                    Err(_) => raise(
                        ExcKind::ValueError,
                        format!("could not convert string to float: {}", it.repr(&x)?),
                    ),
                }
            }
            Value::Str(s) => {
                let t = s.trim().to_lowercase();
                let v = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" | "+nan" | "-nan" => Some(f64::NAN),
                    _ => t.replace('_', "").parse::<f64>().ok(),
                };
                match v {
                    Some(v) => Ok(Value::Float(v)),
                    None => raise(ExcKind::ValueError,
                        format!(
                            "could not convert string to float: {}",
                            it.repr(&Value::Str(s.clone()))?
                        ),
                    ),
                }
            }
            v @ (Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_)) => {
                match (it.hooks.scalar_of)(&v, "float")? {
                    Value::Int(i) => Ok(Value::Float(i as f64)),
                    Value::Bool(b) => Ok(Value::Float(b as i64 as f64)),
                    other => Ok(other),
                }
            }
            v => Err(type_err(format!(
                "float() argument must be a string or a real number, not '{}'",
                v.type_name()
            ))),
        }
    }
}

builtin! {
    /// Return the absolute value of the argument.
    python ["builtins.abs"]
    fn abs(it, x) {
        match &x {
            Value::Int(i) => Ok(i
                .checked_abs()
                .map(Value::Int)
                .unwrap_or_else(|| super::bigint::abs(&(*i).into()))),
            Value::BigInt(b) => Ok(super::bigint::abs(b)),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            Value::Instance(_) => match it.call_special(&x, "__abs__", vec![])? {
                Some(r) => Ok(r),
                None => raise(
                    ExcKind::TypeError,
                    format!("bad operand type for abs(): '{}'", x.type_name()),
                ),
            },
            _ => (it.hooks.tensor_abs)(it, x),
        }
    }
}

/// Python's `round(x, ndigits)` for a float: the float nearest to the exact binary value
/// rounded half to even at `ndigits` decimals, as CPython's dtoa-based rounding gives.
pub fn round_float(x: f64, ndigits: i64) -> R<f64> {
    use num_bigint::BigInt;
    use num_integer::Integer;
    use num_traits::Pow;
    if !x.is_finite() || ndigits > 323 || x == 0.0 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let (n, d) = super::bigint::ratio(x);
    let p: BigInt = Pow::pow(&BigInt::from(10), ndigits.unsigned_abs());
    let (num, den) = if ndigits >= 0 {
        (n * &p, d)
    } else {
        (n, d * &p)
    };
    let (q, r) = num.div_mod_floor(&den);
    let twice: BigInt = r * BigInt::from(2);
    let q = match twice.cmp(&den) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    let v = if ndigits >= 0 {
        super::bigint::true_div(&q, &p)?
    } else {
        match super::bigint::to_f64(&(q * p)) {
            Ok(v) => v,
            Err(_) => {
                return raise(
                    ExcKind::OverflowError,
                    "rounded value too large to represent",
                )
            }
        }
    };
    // A result of zero keeps the sign of x.
    Ok(if v == 0.0 { 0f64.copysign(x) } else { v })
}

builtin! {
    /// Round a number to a given precision in decimal digits.
    python ["builtins.round"]
    fn round(it, number, ndigits = None) {
        let x = match &number {
            Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                (it.hooks.scalar_of)(&number, "round")?
            }
            _ => number,
        };
        let nd = match given(ndigits) {
            None => None,
            Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => Some(v),
            Some(other) => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        };
        match (&x, nd) {
            (Value::Int(_) | Value::BigInt(_), None) => Ok(x.clone()),
            (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
            (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
                let v = super::bigint::big_of(&x).unwrap_or_default();
                super::bigint::round_int(&v, &super::bigint::big_of(&n).unwrap_or_default())
            }
            (Value::Float(f), None) => {
                if !f.is_finite() {
                    return raise(
                        if f.is_nan() {
                            ExcKind::ValueError
                        } else {
                            ExcKind::OverflowError
                        },
                        if f.is_nan() {
                            "cannot convert float NaN to integer"
                        } else {
                            "cannot convert float infinity to integer"
                        },
                    );
                }
                Ok(super::bigint::float_to_int(f.round_ties_even()))
            }
            (Value::Float(f), Some(n)) => {
                let n = match n {
                    Value::Int(n) => n,
                    Value::Bool(b) => b as i64,
                    Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
                    _ => i64::MAX,
                };
                Ok(Value::Float(round_float(*f, n)?))
            }
            _ => Err(type_err(format!(
                "type {} doesn't define __round__ method",
                x.type_name()
            ))),
        }
    }
}

builtin! {
    /// Return the sum of a 'start' value (default: 0) plus an iterable of numbers
    python ["builtins.sum"]
    fn sum(it, iterable, start = 0) {
        if matches!(start, Value::Str(_)) {
            return raise(ExcKind::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
        }
        let mut acc = start;
        let mut items = it.iterate(&iterable)?;
        while let Some(v) = items.next(it)? {
            it.check_interrupt()?;
            acc = match (&acc, &v) {
                (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
                _ => it.binary(BinOp::Add, &acc, &v)?,
            };
        }
        Ok(acc)
    }
}

/// min() and max(): one iterable or several values, `key` and `default` by keyword.
fn min_max(it: &mut Interp, args: Value, kwargs: Value, name: &str) -> R<Value> {
    let a = super::builtins::to_args(&args, &kwargs);
    let mut key = None;
    let mut default = None;
    for (k, v) in a.kw {
        match k.as_str() {
            "key" => key = given(v),
            "default" => default = Some(v),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{}' is an invalid keyword argument for {}()", k, name),
                )
            }
        }
    }
    if a.pos.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!("{} expected at least 1 argument, got 0", name),
        );
    }
    if a.pos.len() > 1 && default.is_some() {
        return raise(
            ExcKind::TypeError,
            format!(
                "Cannot specify a default for {}() with multiple positional arguments",
                name
            ),
        );
    }
    let mut items = if a.pos.len() == 1 {
        it.iterate(&a.pos[0])?
    } else {
        super::iter::Iter::Items(a.pos.into_iter())
    };
    let Some(first) = items.next(it)? else {
        return match default {
            Some(d) => Ok(d),
            None => raise(
                ExcKind::ValueError,
                format!("{}() arg is an empty sequence", name),
            ),
        };
    };
    let op = if name == "min" { CmpOp::Lt } else { CmpOp::Gt };
    let mut best_key = match &key {
        Some(k) => it.call(k, Args::new(vec![first.clone()]))?,
        None => first.clone(),
    };
    let mut best = first;
    while let Some(v) = items.next(it)? {
        it.check_interrupt()?;
        let k = match &key {
            Some(f) => it.call(f, Args::new(vec![v.clone()]))?,
            None => v.clone(),
        };
        let better = it.compare(op, &k, &best_key)?;
        if it.truthy(&better)? {
            best = v;
            best_key = k;
        }
    }
    Ok(best)
}

builtin! {
    /// min(iterable, *[, default=obj, key=func]) -> value
    python ["builtins.min"]
    fn min(it, *args, **kwargs) {
        min_max(it, args, kwargs, "min")
    }
}

builtin! {
    /// max(iterable, *[, default=obj, key=func]) -> value
    python ["builtins.max"]
    fn max(it, *args, **kwargs) {
        min_max(it, args, kwargs, "max")
    }
}

builtin! {
    /// Return the tuple (x//y, x%y).  Invariant: div*y + mod == x.
    python ["builtins.divmod"]
    fn divmod(it, x, y) {
        let is_num = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_));
        if is_num(&x) && is_num(&y) && (matches!(x, Value::Float(_)) || matches!(y, Value::Float(_))) {
            let a = super::bigint::num_f64(&x)?.unwrap_or(0.0);
            let b = super::bigint::num_f64(&y)?.unwrap_or(0.0);
            if b == 0.0 {
                return raise(ExcKind::ZeroDivisionError, "float divmod()");
            }
            let (q, r) = super::ops::float_divmod(a, b);
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
        let q = it.binary(BinOp::FloorDiv, &x, &y)?;
        let r = it.binary(BinOp::Mod, &x, &y)?;
        Ok(Value::tuple(vec![q, r]))
    }
}

builtin! {
    /// Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments
    python ["builtins.pow"]
    fn pow(it, base, exp, r#mod = None) {
        let Some(m) = given(r#mod) else {
            return it.binary(BinOp::Pow, &base, &exp);
        };
        match (super::bigint::big_of(&base), super::bigint::big_of(&exp), super::bigint::big_of(&m)) {
            (Some(b), Some(e), Some(m)) => super::bigint::mod_pow(&b, &e, &m),
            _ if [&base, &exp, &m].iter().all(|v| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_))) => {
                raise(ExcKind::TypeError, "pow() 3rd argument not allowed unless all arguments are integers")
            }
            _ => Err(type_err(format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                base.type_name(),
                exp.type_name(),
                m.type_name()
            ))),
        }
    }
}

builtin! {
    /// Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff.
    python ["builtins.chr"]
    fn chr(it, i) {
        match i {
            Value::Int(i) => match char::from_u32(i as u32) {
                Some(c) => Ok(Value::str(&c.to_string())),
                None => raise(ExcKind::ValueError, "chr() arg not in range(0x110000)"),
            },
            _ => Err(type_err("an integer is required")),
        }
    }
}

builtin! {
    /// Return the Unicode code point for a one-character string.
    python ["builtins.ord"]
    fn ord(it, c) {
        match c {
            Value::Str(s) if s.chars().count() == 1 => {
                Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
            }
            Value::Str(s) => Err(type_err(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
            _ => Err(type_err("ord() expected string of length 1")),
        }
    }
}

/// hex(), bin(), oct(): exactly one integer, in CPython's words.
fn int_text(args: &Value, name: &str, prefix: &str, radix: u32) -> R<Value> {
    let args = super::builtins::items(args);
    match args.as_slice() {
        [v] => match super::bigint::big_of(v) {
            Some(n) => {
                let sign = if n.sign() == num_bigint::Sign::Minus {
                    "-"
                } else {
                    ""
                };
                Ok(Value::str(&format!(
                    "{}{}{}",
                    sign,
                    prefix,
                    n.magnitude().to_str_radix(radix)
                )))
            }
            None => Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))),
        },
        _ => Err(type_err(format!(
            "{}() takes exactly one argument ({} given)",
            name,
            args.len()
        ))),
    }
}

builtin! {
    /// Return the hexadecimal representation of an integer.
    python ["builtins.hex"]
    fn hex(it, *args) {
        int_text(&args, "hex", "0x", 16)
    }
}

builtin! {
    /// Return the binary representation of an integer.
    python ["builtins.bin"]
    fn bin(it, *args) {
        int_text(&args, "bin", "0b", 2)
    }
}

builtin! {
    /// Return the octal representation of an integer.
    python ["builtins.oct"]
    fn oct(it, *args) {
        int_text(&args, "oct", "0o", 8)
    }
}
