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

fn parse_int(s: &str, base: u32) -> Option<i64> {
    let t = s.trim().replace('_', "");
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b.to_string()),
        None => (false, t.trim_start_matches('+').to_string()),
    };
    let body = match base {
        16 => body
            .trim_start_matches("0x")
            .trim_start_matches("0X")
            .to_string(),
        8 => body.trim_start_matches("0o").to_string(),
        2 => body.trim_start_matches("0b").to_string(),
        _ => body,
    };
    i64::from_str_radix(&body, base)
        .ok()
        .map(|v| if neg { -v } else { v })
}

builtin! {
    /// int([x]) -> integer
    python ["builtins.int"]
    fn int(it, x = 0, base = 10) {
        let base = match base {
            Value::Int(b) => b as u32,
            _ => 10,
        };
        match x {
            Value::Int(i) => Ok(Value::Int(i)),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            Value::Float(f) => {
                if f.is_nan() {
                    return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
                }
                if f.is_infinite() {
                    return raise(ExcKind::OverflowError, "cannot convert float infinity to integer");
                }
                Ok(Value::Int(f.trunc() as i64))
            }
            Value::Str(s) => match parse_int(&s, base) {
                Some(v) => Ok(Value::Int(v)),
                None => raise(ExcKind::ValueError,
                    format!(
                        "invalid literal for int() with base {}: {}",
                        base,
                        it.repr(&Value::Str(s.clone()))?
                    ),
                ),
            },
            v @ (Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_)) => {
                match (it.hooks.scalar_of)(&v, "int")? {
                    Value::Float(f) => Ok(Value::Int(f.trunc() as i64)),
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

builtin! {
    /// Convert a string or number to a floating point number, if possible.
    python ["builtins.float"]
    fn float(it, x = 0) {
        match x {
            Value::Int(i) => Ok(Value::Float(i as f64)),
            Value::Bool(b) => Ok(Value::Float(b as i64 as f64)),
            Value::Float(f) => Ok(Value::Float(f)),
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
            Value::Int(i) => Ok(Value::Int(i.abs())),
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

/// Python's round(): half to even; with ndigits, the float nearest the decimal result.
pub fn round_half_even(x: f64, ndigits: i64) -> f64 {
    if ndigits == 0 {
        return x.round_ties_even();
    }
    // Decide by the exact decimal expansion, as CPython does via its repr machinery.
    let s = format!("{:.*}", ndigits.clamp(0, 300) as usize, x);
    if ndigits > 0 {
        return s.parse().unwrap_or(x);
    }
    let p = 10f64.powi((-ndigits) as i32);
    (x / p).round_ties_even() * p
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
        match (&x, given(ndigits)) {
            (Value::Int(i), None) => Ok(Value::Int(*i)),
            (Value::Bool(b), None) => Ok(Value::Int(*b as i64)),
            (Value::Int(i), Some(Value::Int(n))) => {
                if n >= 0 {
                    return Ok(Value::Int(*i));
                }
                let p = 10i64.pow((-n).min(18) as u32);
                let q = round_half_even(*i as f64 / p as f64, 0) as i64;
                Ok(Value::Int(q * p))
            }
            (Value::Float(f), None) => {
                if !f.is_finite() {
                    return raise(
                        if f.is_nan() {
                            ExcKind::ValueError
                        } else {
                            ExcKind::OverflowError
                        },
                        "cannot convert float to integer",
                    );
                }
                Ok(Value::Int(f.round_ties_even() as i64))
            }
            (Value::Float(f), Some(Value::Int(n))) => Ok(Value::Float(round_half_even(*f, n))),
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
        let mut acc = start;
        for v in it.collect_items(&iterable)? {
            acc = it.binary(BinOp::Add, &acc, &v)?;
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
    let items: Vec<Value> = if a.pos.len() == 1 {
        it.collect_items(&a.pos[0])?
    } else {
        a.pos
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => raise(
                ExcKind::ValueError,
                format!("{}() arg is an empty sequence", name),
            ),
        };
    }
    let op = if name == "min" { CmpOp::Lt } else { CmpOp::Gt };
    let mut best = items[0].clone();
    let mut best_key = match &key {
        Some(k) => it.call(k, Args::new(vec![best.clone()]))?,
        None => best.clone(),
    };
    for v in items.into_iter().skip(1) {
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
        let q = it.binary(BinOp::FloorDiv, &x, &y)?;
        let r = it.binary(BinOp::Mod, &x, &y)?;
        Ok(Value::tuple(vec![q, r]))
    }
}

builtin! {
    /// Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments
    python ["builtins.pow"]
    fn pow(it, base, exp) {
        it.binary(BinOp::Pow, &base, &exp)
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
fn int_text(args: &Value, name: &str, f: fn(i64) -> String) -> R<Value> {
    let args = super::builtins::items(args);
    match args.as_slice() {
        [Value::Int(i)] => Ok(Value::str(&f(*i))),
        [Value::Bool(b)] => Ok(Value::str(&f(*b as i64))),
        [v] => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
        _ => Err(type_err(format!(
            "{}() takes exactly one argument ({} given)",
            name,
            args.len()
        ))),
    }
}

fn sign(i: i64) -> &'static str {
    if i < 0 {
        "-"
    } else {
        ""
    }
}

builtin! {
    /// Return the hexadecimal representation of an integer.
    python ["builtins.hex"]
    fn hex(it, *args) {
        int_text(&args, "hex", |i| format!("{}0x{:x}", sign(i), i.unsigned_abs()))
    }
}

builtin! {
    /// Return the binary representation of an integer.
    python ["builtins.bin"]
    fn bin(it, *args) {
        int_text(&args, "bin", |i| format!("{}0b{:b}", sign(i), i.unsigned_abs()))
    }
}

builtin! {
    /// Return the octal representation of an integer.
    python ["builtins.oct"]
    fn oct(it, *args) {
        int_text(&args, "oct", |i| format!("{}0o{:o}", sign(i), i.unsigned_abs()))
    }
}
