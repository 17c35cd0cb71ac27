//! The methods and attributes of Python's `int` and `float` values (`bit_length`,
//! `to_bytes`, `as_integer_ratio`, `is_integer`, `hex`, `real`, ...) and those of the types
//! themselves (`int.from_bytes`, `float.fromhex`, `bytes.fromhex`).

use super::bigint::{big_of, norm, ratio, to_f64, true_div};
use super::error::{raise, type_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;
use num_bigint::{BigInt, Sign};
use num_traits::{One, Zero};

/// An attribute of an int, bool or float value.
pub fn number_attr(v: &Value, name: &str) -> Option<Value> {
    if let Value::Float(f) = v {
        return Some(match name {
            "real" => Value::Float(*f),
            "imag" => Value::Float(0.0),
            "is_integer" | "as_integer_ratio" | "hex" | "conjugate" => {
                let m: &'static str = match name {
                    "is_integer" => "is_integer",
                    "as_integer_ratio" => "as_integer_ratio",
                    "hex" => "hex",
                    _ => "conjugate",
                };
                Value::method(v.clone(), m, float_method)
            }
            _ => return None,
        });
    }
    let n = big_of(v)?;
    Some(match name {
        "real" | "numerator" => norm(n),
        "imag" => Value::Int(0),
        "denominator" => Value::Int(1),
        "bit_length" | "bit_count" | "to_bytes" | "as_integer_ratio" | "conjugate" => {
            let m: &'static str = match name {
                "bit_length" => "bit_length",
                "bit_count" => "bit_count",
                "to_bytes" => "to_bytes",
                "as_integer_ratio" => "as_integer_ratio",
                _ => "conjugate",
            };
            Value::method(v.clone(), m, int_method)
        }
        _ => return None,
    })
}

fn no_args(a: &Args, name: &str) -> R<()> {
    if !a.pos.is_empty() || !a.kw.is_empty() {
        return Err(type_err(format!(
            "{}() takes no arguments ({} given)",
            name,
            a.pos.len() + a.kw.len()
        )));
    }
    Ok(())
}

fn int_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let n = big_of(recv).unwrap_or_default();
    match name {
        "to_bytes" => {
            let [length, order, signed] =
                a.bind("to_bytes", ["length=1", "byteorder='big'", "*signed=False"])?;
            let length = match length {
                None => 1,
                Some(Value::Int(l)) if l >= 0 => l as usize,
                Some(Value::Int(_)) => {
                    return raise(ExcKind::ValueError, "length argument must be non-negative")
                }
                Some(other) => {
                    return Err(type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )))
                }
            };
            let little = byteorder(order)?;
            let signed = it.flag(signed, false)?;
            if !signed && n.sign() == Sign::Minus {
                return raise(
                    ExcKind::OverflowError,
                    "can't convert negative int to unsigned",
                );
            }
            let mut bytes = if signed {
                n.to_signed_bytes_le()
            } else {
                n.to_bytes_le().1
            };
            if n.is_zero() {
                bytes.clear();
            }
            if bytes.len() > length {
                return raise(ExcKind::OverflowError, "int too big to convert");
            }
            let fill = if n.sign() == Sign::Minus { 0xff } else { 0 };
            if length > crate::tensor::alloc::limit() {
                return raise(ExcKind::MemoryError, "");
            }
            bytes.resize(length, fill);
            if !little {
                bytes.reverse();
            }
            Ok(super::bytes::new_bytes(bytes))
        }
        _ => {
            no_args(&a, name)?;
            Ok(match name {
                "bit_length" => Value::Int(n.bits() as i64),
                "bit_count" => Value::Int(n.magnitude().count_ones() as i64),
                "as_integer_ratio" => Value::tuple(vec![norm(n), Value::Int(1)]),
                _ => norm(n),
            })
        }
    }
}

fn byteorder(order: Option<Value>) -> R<bool> {
    match order {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_ref() == "little" => Ok(true),
        Some(Value::Str(s)) if s.as_ref() == "big" => Ok(false),
        Some(Value::Str(_)) => raise(
            ExcKind::ValueError,
            "byteorder must be either 'little' or 'big'",
        ),
        Some(other) => Err(type_err(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            other.type_name()
        ))),
    }
}

fn float_method(_: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    no_args(&a, name)?;
    let f = match recv {
        Value::Float(f) => *f,
        _ => 0.0,
    };
    Ok(match name {
        "is_integer" => Value::Bool(f.is_finite() && f.fract() == 0.0),
        "as_integer_ratio" => {
            if f.is_nan() {
                return raise(ExcKind::ValueError, "cannot convert NaN to integer ratio");
            }
            if f.is_infinite() {
                return raise(
                    ExcKind::OverflowError,
                    "cannot convert Infinity to integer ratio",
                );
            }
            let (n, d) = ratio(f);
            Value::tuple(vec![norm(n), norm(d)])
        }
        "hex" => Value::str(&float_hex(f)),
        _ => Value::Float(f),
    })
}

/// `float.hex()`: `0x1.999999999999ap-4`.
pub fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{}0x0.0p+0", sign);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    format!("{}0x{}.{:013x}p{:+}", sign, lead, frac, e)
}

/// `float.fromhex(s)`.
pub fn float_fromhex(s: &str) -> R<f64> {
    let bad = || {
        raise(
            ExcKind::ValueError,
            "invalid hexadecimal floating-point string",
        )
    };
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => {
            return Ok(if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match body.split_once('p') {
        Some((m, e)) => match e.parse::<i64>() {
            Ok(e) => (m, e),
            Err(_) => return bad(),
        },
        None => (body, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    let digits = format!("{}{}", int_part, frac_part);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return bad();
    }
    let m = BigInt::parse_bytes(digits.as_bytes(), 16).unwrap_or_default();
    let e = exp - 4 * frac_part.len() as i64;
    let too_large = || {
        raise(
            ExcKind::OverflowError,
            "hexadecimal value too large to represent as a float",
        )
    };
    let v = if m.is_zero() {
        0.0
    } else if e >= 0 {
        if e > 2000 {
            return too_large();
        }
        match to_f64(&(m << e as usize)) {
            Ok(v) => v,
            Err(_) => return too_large(),
        }
    } else if -e > 2200 {
        0.0
    } else {
        true_div(&m, &(BigInt::one() << (-e) as usize))?
    };
    Ok(if neg { -v } else { v })
}

/// The attributes of the types themselves: `int.from_bytes`, `float.fromhex`,
/// `bytes.fromhex`.
pub fn type_attr(type_name: &str, name: &str) -> Option<Value> {
    match (type_name, name) {
        ("int", "from_bytes") => Some(Value::method(
            Value::str("int"),
            "from_bytes",
            |it, _, _, a| {
                let [b, order, signed] =
                    a.bind("from_bytes", ["bytes", "byteorder='big'", "*signed=False"])?;
                let b = b.unwrap_or(Value::None);
                let mut data = match super::bytes::bytes_of(&b) {
                    Some(d) => d,
                    None => {
                        let items = it.collect_items(&b)?;
                        items
                            .iter()
                            .map(super::bytes::byte_of)
                            .collect::<R<Vec<u8>>>()?
                    }
                };
                if !byteorder(order)? {
                    data.reverse();
                }
                let n = if it.flag(signed, false)? {
                    BigInt::from_signed_bytes_le(&data)
                } else {
                    BigInt::from_bytes_le(Sign::Plus, &data)
                };
                Ok(norm(n))
            },
        )),
        ("float", "fromhex") => Some(Value::method(
            Value::str("float"),
            "fromhex",
            |_, _, _, a| {
                let [s] = a.bind("fromhex", ["string"])?;
                match s {
                    Some(Value::Str(s)) => Ok(Value::Float(float_fromhex(&s)?)),
                    other => Err(type_err(format!(
                        "must be str, not {}",
                        other.map(|v| v.type_name()).unwrap_or_default()
                    ))),
                }
            },
        )),
        ("bytes" | "bytearray", _) => super::bytes::type_attr(type_name, name),
        _ => None,
    }
}
