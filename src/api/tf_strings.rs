//! `tf.strings`, the elementwise part: `length`, `upper`, `lower`, `strip`, `substr`,
//! `regex_replace`, `regex_full_match`, `to_number`, `as_string`. Each is one declaration
//! over string tensors; the helpers here (a string input, a map over elements) serve the
//! other `tf.strings` files too.

use super::convert::{dtype_arg, tensor_of, to_tensor};
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::tensor::broadcast::broadcast_shapes;
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::{DType, Elem, TStr, Tensor};
use ndarray::{ArcArray, IxDyn};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// A string input of op `op`: a Python value converts with dtype string (TypeError when it
/// cannot), a tensor of another dtype is the kernel's InvalidArgumentError.
pub(crate) fn str_input(it: &mut Interp, v: &Value, op: &str) -> R<Tensor> {
    let x = match tensor_of(v) {
        Some(x) => x,
        None => to_tensor(it, v, Some(DType::Str))?,
    };
    if x.dtype() != DType::Str {
        return Err(invalid_arg(format!(
            "cannot compute {op} as input #0(zero-based) was expected to be a string tensor but is a {} tensor [Op:{op}] name: ",
            x.dtype().kind_word()
        ))
        .into());
    }
    Ok(x)
}

/// The string elements of a string tensor, typed.
pub(crate) fn strs(x: &Tensor) -> &ArcArray<TStr, IxDyn> {
    static EMPTY: std::sync::OnceLock<ArcArray<TStr, IxDyn>> = std::sync::OnceLock::new();
    x.array::<TStr>()
        .unwrap_or_else(|| EMPTY.get_or_init(|| ArcArray::default(IxDyn(&[0]))))
}

/// A string tensor of `shape` from byte strings, each stored once.
pub(crate) fn from_bytes(shape: &[usize], items: Vec<Vec<u8>>) -> R<Tensor> {
    let v = items
        .iter()
        .map(|b| TStr::intern(b))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Tensor::from_vec(shape, v))
}

/// `f` over every string, giving strings.
pub(crate) fn map_strs(x: &Tensor, mut f: impl FnMut(&[u8]) -> R<Vec<u8>>) -> R<Tensor> {
    let items = strs(x)
        .iter()
        .map(|s| f(s.bytes()))
        .collect::<R<Vec<_>>>()?;
    from_bytes(x.shape(), items)
}

/// `f` over every string, giving elements of another dtype.
pub(crate) fn map_to<O: Elem>(x: &Tensor, mut f: impl FnMut(&[u8]) -> R<O>) -> R<Tensor> {
    let items = strs(x)
        .iter()
        .map(|s| f(s.bytes()))
        .collect::<R<Vec<_>>>()?;
    Ok(Tensor::from_vec(x.shape(), items))
}

/// A Python string argument (`unit`, `encoding`, `pattern` given as str).
pub(crate) fn text_arg(it: &mut Interp, v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        other => match tensor_of(other) {
            Some(x) if x.dtype() == DType::Str && x.size() == 1 => Ok(String::from_utf8_lossy(
                strs(&x).iter().next().map(|s| s.bytes()).unwrap_or(b""),
            )
            .into_owned()),
            _ => it.str_of(other),
        },
    }
}

/// The `unit` attribute of the length and substring ops: true for UTF8_CHAR.
pub(crate) fn utf8_unit(it: &mut Interp, v: &Value) -> R<bool> {
    let u = text_arg(it, v)?;
    match u.as_str() {
        "BYTE" => Ok(false),
        "UTF8_CHAR" => Ok(true),
        _ => Err(invalid_arg(format!(
            "Value for attr 'unit' of \"{u}\" is not in the list of allowed values: \"BYTE\", \"UTF8_CHAR\""
        ))
        .into()),
    }
}

/// The number of UTF-8 characters: bytes that do not continue a character.
fn utf8_len(b: &[u8]) -> usize {
    b.iter().filter(|&&c| (c & 0xC0) != 0x80).count()
}

/// Byte offsets of each UTF-8 character start, and the total length at the end.
fn char_starts(b: &[u8]) -> Vec<usize> {
    let mut v: Vec<usize> = (0..b.len()).filter(|&i| (b[i] & 0xC0) != 0x80).collect();
    v.push(b.len());
    v
}

crate::builtin! {
    /// String lengths of `input`.
    dispatch ["tf.strings.length"]
    fn length(it, input, unit = "BYTE", name = None) {
        let x = str_input(it, &input, "StringLength")?;
        let chars = utf8_unit(it, &unit)?;
        t(map_to(&x, |b| Ok(if chars { utf8_len(b) } else { b.len() } as i32))?)
    }
}

/// ASCII case mapping, or Unicode case mapping when an encoding is given (TensorFlow's
/// `encoding="utf-8"`).
fn case_map(it: &mut Interp, input: &Value, encoding: &Value, upper: bool) -> R<Value> {
    let op = if upper { "StringUpper" } else { "StringLower" };
    let x = str_input(it, input, op)?;
    let enc = text_arg(it, encoding)?;
    let unicode = !enc.is_empty();
    t(map_strs(&x, |b| {
        Ok(match (unicode, std::str::from_utf8(b)) {
            (true, Ok(s)) if upper => s.to_uppercase().into_bytes(),
            (true, Ok(s)) => s.to_lowercase().into_bytes(),
            _ if upper => b.to_ascii_uppercase(),
            _ => b.to_ascii_lowercase(),
        })
    })?)
}

crate::builtin! {
    /// Converts all lowercase characters into their respective uppercase replacements.
    dispatch ["tf.strings.upper"]
    fn upper(it, input, encoding = "", name = None) {
        case_map(it, &input, &encoding, true)
    }
}

crate::builtin! {
    /// Converts all uppercase characters into their respective lowercase replacements.
    dispatch ["tf.strings.lower"]
    fn lower(it, input, encoding = "", name = None) {
        case_map(it, &input, &encoding, false)
    }
}

crate::builtin! {
    /// Strip leading and trailing whitespaces from the Tensor.
    dispatch ["tf.strings.strip"]
    fn strip(it, input, name = None) {
        let x = str_input(it, &input, "StringStrip")?;
        // C's isspace: ASCII whitespace and the vertical tab.
        let space = |c: &u8| c.is_ascii_whitespace() || *c == 0x0b;
        t(map_strs(&x, |b| {
            let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
            let end = b.iter().rposition(|c| !space(c)).map_or(start, |e| e + 1);
            Ok(b[start..end].to_vec())
        })?)
    }
}

/// `tensor` as i64 elements broadcast to `shape` (the caller checked it broadcasts).
fn broadcast_i64(x: &Tensor, shape: &[usize]) -> Vec<i64> {
    let x = x.cast(DType::I64);
    match x.array::<i64>().and_then(|a| a.broadcast(IxDyn(shape))) {
        Some(v) => v.iter().copied().collect(),
        None => Vec::new(),
    }
}

crate::builtin! {
    /// Return substrings from `Tensor` of strings.
    dispatch ["tf.strings.substr"]
    fn substr(it, input, pos, len, unit = "BYTE", name = None) {
        let x = str_input(it, &input, "Substr")?;
        let p = to_tensor(it, &pos, None)?;
        let l = to_tensor(it, &len, None)?;
        let chars = utf8_unit(it, &unit)?;
        let shape = broadcast_shapes(x.shape(), p.shape())
            .and_then(|s| broadcast_shapes(&s, l.shape()))
            .ok_or_else(|| invalid_arg("pos and len should have the same shape"))?;
        let (ps, ls) = (broadcast_i64(&p, &shape), broadcast_i64(&l, &shape));
        let xs: Vec<TStr> = match strs(&x).broadcast(IxDyn(&shape)) {
            Some(v) => v.iter().copied().collect(),
            None => Vec::new(),
        };
        let mut items = Vec::with_capacity(xs.len());
        for (i, s) in xs.iter().enumerate() {
            let b = s.bytes();
            let starts: Vec<usize> = if chars { char_starts(b) } else { (0..=b.len()).collect() };
            let count = starts.len() as i64 - 1;
            let (p, n) = (ps[i], ls[i]);
            let p0 = if p < 0 { count + p } else { p };
            if p0 < 0 || p0 > count {
                let msg = format!(
                    "pos {} out of range for string {} at index {}",
                    p,
                    crate::tensor::tstr::bytes_repr(b),
                    i
                );
                return Err(op_error("Substr", "Substr", msg, None).into());
            }
            let end = (p0 + n.max(0)).min(count);
            items.push(b[starts[p0 as usize]..starts[end as usize]].to_vec());
        }
        t(from_bytes(&shape, items)?)
    }
}

/// An RE2 pattern as a byte regex; TensorFlow's error when it does not parse.
pub(crate) fn regex(pattern: &str, op: &str) -> R<regex::bytes::Regex> {
    regex::bytes::Regex::new(pattern).map_err(|e| {
        let why = match &e {
            regex::Error::Syntax(s) if s.contains("unclosed group") => {
                format!("missing ): {pattern}")
            }
            _ => e
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_string(),
        };
        op_error(
            op,
            op,
            format!("Invalid pattern: {pattern}, error: {why}"),
            None,
        )
        .into()
    })
}

/// An RE2 rewrite string (`\1`, `\\`) in the regex crate's syntax (`${1}`, `$$`).
fn rewrite(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => out.push_str(&format!("${{{d}}}")),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o)
                }
                None => out.push('\\'),
            },
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out
}

crate::builtin! {
    /// Replace elements of `input` matching regex `pattern` with `rewrite`.
    dispatch ["tf.strings.regex_replace"]
    fn regex_replace(it, input, pattern, rewrite_, replace_global = True, name = None) {
        let x = str_input(it, &input, "StaticRegexReplace")?;
        let p = text_arg(it, &pattern)?;
        let re = regex(&p, "StaticRegexReplace")?;
        let rw = rewrite(&text_arg(it, &rewrite_)?);
        let global = it.truthy(&replace_global)?;
        t(map_strs(&x, |b| {
            Ok(if global {
                re.replace_all(b, rw.as_bytes()).into_owned()
            } else {
                re.replace(b, rw.as_bytes()).into_owned()
            })
        })?)
    }
}

crate::builtin! {
    /// Check if the input matches the regex pattern.
    dispatch ["tf.strings.regex_full_match"]
    fn regex_full_match(it, input, pattern, name = None) {
        let x = str_input(it, &input, "StaticRegexFullMatch")?;
        let p = text_arg(it, &pattern)?;
        let re = regex(&format!("^(?:{p})$"), "StaticRegexFullMatch")?;
        t(map_to(&x, |b| Ok(re.is_match(b)))?)
    }
}

/// A number as `strtod`/`strtoll` read it after TensorFlow trims whitespace; None when the
/// whole string is not one.
fn parse_number(b: &[u8], d: DType) -> Option<f64> {
    let s = std::str::from_utf8(b).ok()?.trim();
    match d {
        DType::I32 => s.parse::<i32>().ok().map(|v| v as f64),
        DType::I64 => s.parse::<i64>().ok().map(|v| v as f64),
        _ => {
            let lower = s.to_ascii_lowercase();
            let body = lower.trim_start_matches(['+', '-']);
            if matches!(body, "inf" | "infinity" | "nan") {
                let v = if body == "nan" {
                    f64::NAN
                } else {
                    f64::INFINITY
                };
                return Some(if lower.starts_with('-') { -v } else { v });
            }
            s.parse::<f64>().ok()
        }
    }
}

fn to_number_of(it: &mut Interp, input: &Value, out_type: &Value) -> R<Value> {
    let x = str_input(it, input, "StringToNumber")?;
    let d = dtype_arg(out_type)?;
    if !matches!(d, DType::F32 | DType::F64 | DType::I32 | DType::I64) {
        return Err(invalid_arg(format!(
            "Value for attr 'out_type' of {} is not in the list of allowed values: float, double, int32, int64",
            d.name()
        ))
        .into());
    }
    let mut vals = Vec::with_capacity(x.size());
    for s in strs(&x).iter() {
        match parse_number(s.bytes(), d) {
            Some(v) => vals.push(v),
            None => {
                let msg = format!(
                    "StringToNumberOp could not correctly convert string: {}",
                    String::from_utf8_lossy(s.bytes())
                );
                return Err(op_error("StringToNumber", "StringToNumber", msg, None).into());
            }
        }
    }
    t(Tensor::from_f64s(d, x.shape(), &vals))
}

crate::builtin! {
    /// Converts each string in the input Tensor to the specified numeric type.
    dispatch ["tf.strings.to_number"]
    fn to_number(it, input, out_type = tf.float32, name = None) {
        to_number_of(it, &input, &out_type)
    }
}

crate::builtin! {
    /// Converts each string in the input Tensor to the specified numeric type.
    dispatch ["tf.compat.v1.string_to_number"]
    fn string_to_number(it, string_tensor, out_type = tf.float32, name = None) {
        to_number_of(it, &string_tensor, &out_type)
    }
}
