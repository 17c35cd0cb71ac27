//! The codecs `str.encode` and `bytes.decode` use: utf-8, ascii and latin-1, with
//! CPython's error handlers and error texts.

use super::bytes::new_bytes;
use super::error::{raise, type_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;

/// A codec name as CPython normalises it, or LookupError.
fn codec(name: &str) -> R<&'static str> {
    let n = name.to_ascii_lowercase().replace(['-', ' '], "_");
    Ok(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => "utf-8",
        "ascii" | "us_ascii" | "646" => "ascii",
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
            "latin-1"
        }
        _ => return raise(ExcKind::LookupError, format!("unknown encoding: {}", name)),
    })
}

/// A character as CPython's codec errors show it: `'\xe9'`, `'\u20ac'`.
fn char_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("'\\x{:02x}'", n)
    } else if n < 0x10000 {
        format!("'\\u{:04x}'", n)
    } else {
        format!("'\\U{:08x}'", n)
    }
}

/// `str.encode(encoding, errors)`.
pub fn encode(s: &str, encoding: &str, errors: &str) -> R<Vec<u8>> {
    let name = codec(encoding)?;
    if name == "utf-8" {
        return Ok(s.as_bytes().to_vec());
    }
    let max = if name == "ascii" { 0x80 } else { 0x100 };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < max {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && chars[end] as u32 >= max {
            end += 1;
        }
        match errors {
            "strict" => {
                let what = if end - i == 1 {
                    format!("character {} in position {}", char_escape(c), i)
                } else {
                    format!("characters in position {}-{}", i, end - 1)
                };
                return raise(
                    ExcKind::UnicodeEncodeError,
                    format!(
                        "'{}' codec can't encode {}: ordinal not in range({})",
                        name, what, max
                    ),
                );
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "backslashreplace" => {
                for &c in &chars[i..end] {
                    let e = char_escape(c);
                    out.extend_from_slice(&e.as_bytes()[1..e.len() - 1]);
                }
            }
            "xmlcharrefreplace" => {
                for &c in &chars[i..end] {
                    out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                }
            }
            other => {
                return raise(
                    ExcKind::LookupError,
                    format!("unknown error handler name '{}'", other),
                )
            }
        }
        i = end;
    }
    Ok(out)
}

/// The length of the invalid UTF-8 sequence at the start of `b` and why it is invalid,
/// as CPython's decoder reports it.
fn utf8_error(b: &[u8]) -> (usize, &'static str) {
    let c = b[0];
    let (need, lo, hi) = match c {
        0xc2..=0xdf => (1, 0x80, 0xbf),
        0xe0 => (2, 0xa0, 0xbf),
        0xed => (2, 0x80, 0x9f),
        0xe1..=0xef => (2, 0x80, 0xbf),
        0xf0 => (3, 0x90, 0xbf),
        0xf4 => (3, 0x80, 0x8f),
        0xf1..=0xf3 => (3, 0x80, 0xbf),
        _ => return (1, "invalid start byte"),
    };
    for k in 1..=need {
        let Some(&x) = b.get(k) else {
            return (b.len(), "unexpected end of data");
        };
        let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xbf) };
        if x < l || x > h {
            return (k, "invalid continuation byte");
        }
    }
    (need + 1, "")
}

/// `bytes.decode(encoding, errors)`.
pub fn decode(b: &[u8], encoding: &str, errors: &str) -> R<String> {
    let name = codec(encoding)?;
    if name == "latin-1" {
        return Ok(b.iter().map(|&c| c as char).collect());
    }
    let mut out = String::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (len, reason) = if name == "ascii" {
            if b[i] < 0x80 {
                out.push(b[i] as char);
                i += 1;
                continue;
            }
            (1, "ordinal not in range(128)")
        } else {
            let end = (i + 4).min(b.len());
            let chunk = &b[i..end];
            let valid = match std::str::from_utf8(chunk) {
                Ok(s) => s.len(),
                Err(e) => e.valid_up_to(),
            };
            if valid > 0 {
                let s = std::str::from_utf8(&chunk[..valid]).unwrap_or("");
                // Take whole characters only; the rest is looked at again.
                let first = s.chars().next().map(char::len_utf8).unwrap_or(1);
                out.push_str(&s[..first]);
                i += first;
                continue;
            }
            utf8_error(&b[i..])
        };
        match errors {
            "strict" => {
                let what = if len == 1 {
                    format!("byte 0x{:02x} in position {}", b[i], i)
                } else {
                    format!("bytes in position {}-{}", i, i + len - 1)
                };
                return raise(
                    ExcKind::UnicodeDecodeError,
                    format!("'{}' codec can't decode {}: {}", name, what, reason),
                );
            }
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for &c in &b[i..i + len] {
                    out.push_str(&format!("\\x{:02x}", c));
                }
            }
            other => {
                return raise(
                    ExcKind::LookupError,
                    format!("unknown error handler name '{}'", other),
                )
            }
        }
        i += len;
    }
    Ok(out)
}

pub(crate) fn str_arg(v: &Option<Value>, what: &str, default: &str) -> R<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_err(format!(
            "{} must be str, not {}",
            what,
            other.type_name()
        ))),
    }
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub fn str_encode(_it: &mut Interp, recv: &Value, _name: &'static str, a: Args) -> R<Value> {
    let Value::Str(s) = recv else {
        return Ok(Value::None);
    };
    let [enc, errs] = a.bind("encode", ["encoding=None", "errors=None"])?;
    let enc = str_arg(&enc, "encode() argument 'encoding'", "utf-8")?;
    let errs = str_arg(&errs, "encode() argument 'errors'", "strict")?;
    Ok(new_bytes(encode(s, &enc, &errs)?))
}
