//! Python's `bytes` and `bytearray`: the constructors, repr and methods. The codecs are in
//! `codecs.rs`.
//! Operators (`+`, `*`, `in`, comparisons) are in `ops.rs`, subscripts in `attrs.rs`.

use super::error::{raise, type_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::builtin;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

use super::codecs::str_arg;
pub use super::codecs::{decode, encode, str_encode};

pub const BYTES_METHODS: &[&str] = &[
    "decode",
    "hex",
    "split",
    "rsplit",
    "strip",
    "lstrip",
    "rstrip",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "replace",
    "join",
    "upper",
    "lower",
    "capitalize",
    "swapcase",
    "title",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
    "isascii",
    "partition",
    "splitlines",
    "center",
    "ljust",
    "rjust",
    "zfill",
];

pub const BYTEARRAY_METHODS: &[&str] = &[
    "append", "extend", "pop", "insert", "remove", "clear", "copy", "reverse",
];

/// The bytes of a bytes-like value.
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.to_vec()),
        Value::ByteArray(b) => Some(b.borrow().clone()),
        _ => None,
    }
}

pub fn new_bytes(b: Vec<u8>) -> Value {
    Value::Bytes(Rc::from(b))
}

pub fn new_bytearray(b: Vec<u8>) -> Value {
    Value::ByteArray(Rc::new(RefCell::new(b)))
}

/// A result of the receiver's type.
fn like(recv: &Value, b: Vec<u8>) -> Value {
    match recv {
        Value::ByteArray(_) => new_bytearray(b),
        _ => new_bytes(b),
    }
}

/// `b'...'` as CPython prints it: single quotes unless the bytes hold one and no double.
pub fn bytes_repr(b: &[u8]) -> String {
    crate::syntax::unparse::bytes_quote(b)
}

/// A byte value from an int, with CPython's range error.
pub fn byte_of(v: &Value) -> R<u8> {
    match v {
        Value::Int(i) if (0..256).contains(i) => Ok(*i as u8),
        Value::Bool(b) => Ok(*b as u8),
        Value::Int(_) | Value::BigInt(_) => {
            raise(ExcKind::ValueError, "byte must be in range(0, 256)")
        }
        other => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The bytes `bytes(source, encoding, errors)` and `bytearray(...)` make.
fn from_source(
    it: &mut Interp,
    source: Option<Value>,
    encoding: Option<Value>,
    errors: Option<Value>,
) -> R<Vec<u8>> {
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            return raise(
                ExcKind::TypeError,
                "encoding or errors without sequence argument",
            );
        }
        return Ok(Vec::new());
    };
    if let Value::Str(s) = &source {
        if encoding.is_none() {
            return raise(ExcKind::TypeError, "string argument without an encoding");
        }
        let enc = str_arg(&encoding, "bytes() argument 'encoding'", "utf-8")?;
        let errs = str_arg(&errors, "bytes() argument 'errors'", "strict")?;
        return encode(s, &enc, &errs);
    }
    if encoding.is_some() {
        return raise(ExcKind::TypeError, "encoding without a string argument");
    }
    if errors.is_some() {
        return raise(ExcKind::TypeError, "errors without a string argument");
    }
    match &source {
        Value::Int(n) => {
            if *n < 0 {
                return raise(ExcKind::ValueError, "negative count");
            }
            if *n as u64 > crate::tensor::alloc::limit() as u64 {
                return raise(ExcKind::MemoryError, "");
            }
            Ok(vec![0; *n as usize])
        }
        Value::BigInt(_) => raise(
            ExcKind::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        ),
        Value::Bytes(_) | Value::ByteArray(_) => Ok(bytes_of(&source).unwrap_or_default()),
        Value::Float(_) | Value::None => Err(type_err(format!(
            "cannot convert '{}' object to bytes",
            source.type_name()
        ))),
        _ => {
            let mut out = Vec::new();
            let mut items = it.iterate(&source)?;
            while let Some(x) = items.next(it)? {
                match x {
                    Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                    Value::Bool(b) => out.push(b as u8),
                    Value::Int(_) | Value::BigInt(_) => {
                        return raise(ExcKind::ValueError, "bytes must be in range(0, 256)")
                    }
                    other => {
                        return Err(type_err(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                }
            }
            Ok(out)
        }
    }
}

builtin! {
    /// bytes(iterable_of_ints) -> bytes
    python ["builtins.bytes"]
    fn bytes(it, source = None, encoding = None, errors = None) {
        let src = super::value::given(source);
        let (enc, errs) = (super::value::given(encoding), super::value::given(errors));
        Ok(new_bytes(from_source(it, src, enc, errs)?))
    }
}

builtin! {
    /// bytearray(iterable_of_ints) -> bytearray
    python ["builtins.bytearray"]
    fn bytearray(it, source = None, encoding = None, errors = None) {
        let src = super::value::given(source);
        let (enc, errs) = (super::value::given(encoding), super::value::given(errors));
        Ok(new_bytearray(from_source(it, src, enc, errs)?))
    }
}

/// `bytes.fromhex(s)`: pairs of hex digits, spaces between pairs allowed.
pub fn fromhex(s: &str) -> R<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = (b[i] as char).to_digit(16);
        let lo = b.get(i + 1).and_then(|&c| (c as char).to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) if i + 1 >= b.len() => {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i + 1
                    ),
                )
            }
            (Some(_), None) => {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i + 1
                    ),
                )
            }
            _ => {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i
                    ),
                )
            }
        }
        i += 2;
    }
    Ok(out)
}

/// The attributes of the types themselves: `bytes.fromhex`, `bytearray.fromhex`.
pub fn type_attr(type_name: &str, name: &str) -> Option<Value> {
    if name != "fromhex" {
        return None;
    }
    let f: super::value::NativeMethod = |_, recv, _, a| {
        let [s] = a.bind("fromhex", ["string"])?;
        let Some(Value::Str(s)) = s else {
            return Err(type_err(format!(
                "fromhex() argument must be str, not {}",
                a.pos.first().map(|v| v.type_name()).unwrap_or_default()
            )));
        };
        let b = fromhex(&s)?;
        Ok(match recv {
            Value::Str(t) if t.as_ref() == "bytearray" => new_bytearray(b),
            _ => new_bytes(b),
        })
    };
    Some(Value::method(Value::str(type_name), "fromhex", f))
}

/// A subsequence argument: bytes-like, or an int for `in`, `find`, `count`, `index`.
fn needle(v: &Value, int_ok: bool) -> R<Vec<u8>> {
    if let Some(b) = bytes_of(v) {
        return Ok(b);
    }
    if int_ok && super::bigint::is_int(v) {
        return Ok(vec![byte_of(v)?]);
    }
    Err(type_err(format!(
        "a bytes-like object is required, not '{}'",
        v.type_name()
    )))
}

fn find_sub(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return (from <= h.len()).then_some(from);
    }
    (from..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..].starts_with(n))
}

fn rfind_sub(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| h[i..].starts_with(n))
}

/// `b in container` for bytes-like containers.
pub fn contains(container: &[u8], item: &Value) -> R<bool> {
    let n = needle(item, true)?;
    Ok(find_sub(container, &n, 0).is_some())
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn split(h: &[u8], sep: Option<&[u8]>, maxsplit: i64) -> R<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut left = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    match sep {
        Some([]) => return raise(ExcKind::ValueError, "empty separator"),
        Some(sep) => {
            let mut start = 0;
            while left > 0 {
                match find_sub(h, sep, start) {
                    Some(p) => {
                        out.push(h[start..p].to_vec());
                        start = p + sep.len();
                        left -= 1;
                    }
                    None => break,
                }
            }
            out.push(h[start..].to_vec());
        }
        None => {
            let mut i = 0;
            while i < h.len() {
                while i < h.len() && is_space(h[i]) {
                    i += 1;
                }
                if i >= h.len() {
                    break;
                }
                if left == 0 {
                    let mut end = h.len();
                    while end > i && is_space(h[end - 1]) {
                        end -= 1;
                    }
                    out.push(h[i..end].to_vec());
                    break;
                }
                let start = i;
                while i < h.len() && !is_space(h[i]) {
                    i += 1;
                }
                out.push(h[start..i].to_vec());
                left = left.saturating_sub(1);
            }
        }
    }
    Ok(out)
}

fn opt_int(v: &Option<Value>, default: i64) -> R<i64> {
    match v {
        None => Ok(default),
        Some(Value::Int(i)) => Ok(*i),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(other) => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// The methods of `bytes` and `bytearray`.
pub fn bytes_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let Some(h) = bytes_of(recv) else {
        return Ok(Value::None);
    };
    if let Value::ByteArray(arr) = recv {
        if let Some(v) = bytearray_method(it, arr, name, &a)? {
            return Ok(v);
        }
    }
    let tname = recv.type_name();
    let bool_of = |f: fn(&u8) -> bool, nonempty: bool| Value::Bool(nonempty && h.iter().all(f));
    Ok(match name {
        "decode" => {
            let [enc, errs] = a.bind("decode", ["encoding=None", "errors=None"])?;
            let enc = str_arg(&enc, "decode() argument 'encoding'", "utf-8")?;
            let errs = str_arg(&errs, "decode() argument 'errors'", "strict")?;
            Value::str(&decode(&h, &enc, &errs)?)
        }
        "hex" => {
            let [sep] = a.bind("hex", ["sep=None"])?;
            let parts: Vec<String> = h.iter().map(|c| format!("{:02x}", c)).collect();
            match sep {
                Some(Value::Str(s)) => Value::str(&parts.join(&s)),
                _ => Value::str(&parts.concat()),
            }
        }
        "split" | "rsplit" => {
            let [sep, maxsplit] = a.bind(name, ["sep=None", "maxsplit=-1"])?;
            let sep = match &sep {
                Some(v) => Some(needle(v, false)?),
                None => None,
            };
            let max = opt_int(&maxsplit, -1)?;
            let parts = if name == "rsplit" && max >= 0 {
                // Split the reversed bytes and reverse back.
                let rev: Vec<u8> = h.iter().rev().copied().collect();
                let rsep: Option<Vec<u8>> = sep.map(|s| s.into_iter().rev().collect());
                let mut p = split(&rev, rsep.as_deref(), max)?;
                p.reverse();
                p.into_iter()
                    .map(|x| x.into_iter().rev().collect())
                    .collect()
            } else {
                split(&h, sep.as_deref(), max)?
            };
            Value::list(parts.into_iter().map(|p| like(recv, p)).collect())
        }
        "strip" | "lstrip" | "rstrip" => {
            let [chars] = a.bind(name, ["bytes=None"])?;
            let set = match &chars {
                Some(v) => needle(v, false)?,
                None => b" \t\n\r\x0b\x0c".to_vec(),
            };
            let mut s = 0;
            let mut e = h.len();
            if name != "rstrip" {
                while s < e && set.contains(&h[s]) {
                    s += 1;
                }
            }
            if name != "lstrip" {
                while e > s && set.contains(&h[e - 1]) {
                    e -= 1;
                }
            }
            like(recv, h[s..e].to_vec())
        }
        "startswith" | "endswith" => {
            let [prefix] = a.bind(name, ["prefix"])?;
            let prefix = prefix.unwrap_or(Value::None);
            let options = match &prefix {
                Value::Tuple(t) => t.as_ref().clone(),
                other => vec![other.clone()],
            };
            let mut hit = false;
            for o in &options {
                let Some(p) = bytes_of(o) else {
                    return Err(type_err(format!(
                        "{} first arg must be bytes or a tuple of bytes, not {}",
                        name,
                        o.type_name()
                    )));
                };
                hit |= if name == "startswith" {
                    h.starts_with(&p)
                } else {
                    h.ends_with(&p)
                };
            }
            Value::Bool(hit)
        }
        "find" | "rfind" | "index" | "rindex" => {
            let [sub] = a.bind(name, ["sub"])?;
            let n = needle(&sub.unwrap_or(Value::None), true)?;
            let pos = if name.starts_with('r') {
                rfind_sub(&h, &n)
            } else {
                find_sub(&h, &n, 0)
            };
            match pos {
                Some(p) => Value::Int(p as i64),
                None if name.ends_with("find") => Value::Int(-1),
                None => return raise(ExcKind::ValueError, "subsection not found"),
            }
        }
        "count" => {
            let [sub] = a.bind("count", ["sub"])?;
            let n = needle(&sub.unwrap_or(Value::None), true)?;
            if n.is_empty() {
                return Ok(Value::Int(h.len() as i64 + 1));
            }
            let mut c = 0;
            let mut start = 0;
            while let Some(p) = find_sub(&h, &n, start) {
                c += 1;
                start = p + n.len();
            }
            Value::Int(c)
        }
        "replace" => {
            let [old, new, count] = a.bind("replace", ["old", "new", "count=-1"])?;
            let old = needle(&old.unwrap_or(Value::None), false)?;
            let new = needle(&new.unwrap_or(Value::None), false)?;
            let mut left = opt_int(&count, -1)?;
            let mut out = Vec::new();
            let mut i = 0;
            while i <= h.len() {
                if left != 0 && h[i..].starts_with(&old) {
                    out.extend_from_slice(&new);
                    left -= 1;
                    if old.is_empty() {
                        if i < h.len() {
                            out.push(h[i]);
                        }
                        i += 1;
                    } else {
                        i += old.len();
                    }
                } else {
                    if i < h.len() {
                        out.push(h[i]);
                    }
                    i += 1;
                }
            }
            like(recv, out)
        }
        "join" => {
            let [items] = a.bind("join", ["iterable_of_bytes"])?;
            let items = it.collect_items(&items.unwrap_or(Value::None))?;
            let mut out = Vec::new();
            for (k, x) in items.iter().enumerate() {
                if k > 0 {
                    out.extend_from_slice(&h);
                }
                match bytes_of(x) {
                    Some(b) => out.extend_from_slice(&b),
                    None => {
                        return Err(type_err(format!(
                            "sequence item {}: expected a bytes-like object, {} found",
                            k,
                            x.type_name()
                        )))
                    }
                }
            }
            like(recv, out)
        }
        "upper" => like(recv, h.to_ascii_uppercase()),
        "lower" => like(recv, h.to_ascii_lowercase()),
        "swapcase" => like(
            recv,
            h.iter()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
        ),
        "capitalize" => {
            let mut out = h.to_ascii_lowercase();
            if let Some(f) = out.first_mut() {
                *f = f.to_ascii_uppercase();
            }
            like(recv, out)
        }
        "title" => {
            let mut prev = false;
            let out = h
                .iter()
                .map(|&c| {
                    let r = if prev {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    };
                    prev = c.is_ascii_alphabetic();
                    r
                })
                .collect();
            like(recv, out)
        }
        "isdigit" => bool_of(u8::is_ascii_digit, !h.is_empty()),
        "isalpha" => bool_of(u8::is_ascii_alphabetic, !h.is_empty()),
        "isalnum" => bool_of(u8::is_ascii_alphanumeric, !h.is_empty()),
        "isspace" => bool_of(|c| is_space(*c), !h.is_empty()),
        "isascii" => bool_of(u8::is_ascii, true),
        "islower" | "isupper" => {
            let cased = h.iter().any(u8::is_ascii_alphabetic);
            let ok = if name == "islower" {
                !h.iter().any(u8::is_ascii_uppercase)
            } else {
                !h.iter().any(u8::is_ascii_lowercase)
            };
            Value::Bool(cased && ok)
        }
        "partition" => {
            let [sep] = a.bind("partition", ["sep"])?;
            let sep = needle(&sep.unwrap_or(Value::None), false)?;
            if sep.is_empty() {
                return raise(ExcKind::ValueError, "empty separator");
            }
            match find_sub(&h, &sep, 0) {
                Some(p) => Value::tuple(vec![
                    like(recv, h[..p].to_vec()),
                    like(recv, sep.clone()),
                    like(recv, h[p + sep.len()..].to_vec()),
                ]),
                None => Value::tuple(vec![
                    like(recv, h.clone()),
                    like(recv, vec![]),
                    like(recv, vec![]),
                ]),
            }
        }
        "splitlines" => {
            let [keep] = a.bind("splitlines", ["keepends=False"])?;
            let keep = it.flag(keep, false)?;
            let mut out = Vec::new();
            let mut start = 0;
            let mut i = 0;
            while i < h.len() {
                if h[i] == b'\n' || h[i] == b'\r' {
                    let mut end = i + 1;
                    if h[i] == b'\r' && h.get(i + 1) == Some(&b'\n') {
                        end += 1;
                    }
                    out.push(like(recv, h[start..if keep { end } else { i }].to_vec()));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < h.len() {
                out.push(like(recv, h[start..].to_vec()));
            }
            Value::list(out)
        }
        "center" | "ljust" | "rjust" => {
            let [width, fill] = a.bind(name, ["width", "fillchar=None"])?;
            let width = opt_int(&width, 0)?.max(0) as usize;
            let fill = match &fill {
                Some(v) => match bytes_of(v) {
                    Some(b) if b.len() == 1 => b[0],
                    _ => {
                        return Err(type_err(format!(
                            "{}() argument 2 must be a byte string of length 1, not {}",
                            name,
                            v.type_name()
                        )))
                    }
                },
                None => b' ',
            };
            if width <= h.len() {
                return Ok(like(recv, h));
            }
            let n = width - h.len();
            let (l, r) = match name {
                "ljust" => (0, n),
                "rjust" => (n, 0),
                _ => {
                    let l = n / 2 + (n & width & 1);
                    (l, n - l)
                }
            };
            let mut out = vec![fill; l];
            out.extend_from_slice(&h);
            out.extend(std::iter::repeat_n(fill, r));
            like(recv, out)
        }
        "zfill" => {
            let [width] = a.bind("zfill", ["width"])?;
            let width = opt_int(&width, 0)?.max(0) as usize;
            if width <= h.len() {
                return Ok(like(recv, h));
            }
            crate::eval::budget::bytes(width)?;
            let signed = matches!(h.first(), Some(b'+' | b'-'));
            let mut out = Vec::with_capacity(width);
            if signed {
                out.push(h[0]);
            }
            out.extend(std::iter::repeat_n(b'0', width - h.len()));
            out.extend_from_slice(&h[signed as usize..]);
            like(recv, out)
        }
        _ => {
            return raise(
                ExcKind::AttributeError,
                format!("'{}' object has no attribute '{}'", tname, name),
            )
        }
    })
}

/// The mutating methods of `bytearray`; None for the methods it shares with bytes.
fn bytearray_method(
    it: &mut Interp,
    arr: &Rc<RefCell<Vec<u8>>>,
    name: &str,
    a: &Args,
) -> R<Option<Value>> {
    Ok(Some(match name {
        "append" => {
            let [x] = a.bind("append", ["item"])?;
            let b = byte_of(&x.unwrap_or(Value::None))?;
            arr.borrow_mut().push(b);
            Value::None
        }
        "extend" => {
            let [x] = a.bind("extend", ["iterable_of_ints"])?;
            let x = x.unwrap_or(Value::None);
            let add = match bytes_of(&x) {
                Some(b) => b,
                None => from_source(it, Some(x), None, None)?,
            };
            arr.borrow_mut().extend(add);
            Value::None
        }
        "pop" => {
            let [i] = a.bind("pop", ["index=-1"])?;
            let len = arr.borrow().len();
            if len == 0 {
                return raise(ExcKind::IndexError, "pop from empty bytearray");
            }
            let i = super::attrs::norm_index(opt_int(&i, -1)?, len, "pop")?;
            Value::Int(arr.borrow_mut().remove(i) as i64)
        }
        "insert" => {
            let [i, x] = a.bind("insert", ["index", "item"])?;
            let b = byte_of(&x.unwrap_or(Value::None))?;
            let len = arr.borrow().len() as i64;
            let i = opt_int(&i, 0)?;
            let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
            arr.borrow_mut().insert(i as usize, b);
            Value::None
        }
        "remove" => {
            let [x] = a.bind("remove", ["value"])?;
            let b = byte_of(&x.unwrap_or(Value::None))?;
            let pos = arr.borrow().iter().position(|&c| c == b);
            match pos {
                Some(p) => {
                    arr.borrow_mut().remove(p);
                }
                None => return raise(ExcKind::ValueError, "value not found in bytearray"),
            }
            Value::None
        }
        "clear" => {
            arr.borrow_mut().clear();
            Value::None
        }
        "copy" => new_bytearray(arr.borrow().clone()),
        "reverse" => {
            arr.borrow_mut().reverse();
            Value::None
        }
        _ => return Ok(None),
    }))
}

impl Interp {
    /// `b[i]` and `b[i:j]` for bytes and bytearray.
    pub(crate) fn bytes_item(&mut self, obj: &Value, index: &Value) -> R<Value> {
        let h = bytes_of(obj).unwrap_or_default();
        let what = if matches!(obj, Value::ByteArray(_)) {
            "bytearray "
        } else {
            ""
        };
        match index {
            Value::Slice(s) => {
                let picked = super::attrs::slice_positions(s, h.len())?
                    .into_iter()
                    .map(|i| h[i])
                    .collect();
                Ok(like(obj, picked))
            }
            _ => {
                let i = self.index_of(index, obj.type_name().as_str())?;
                let n = h.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return raise(ExcKind::IndexError, format!("{}index out of range", what));
                }
                Ok(Value::Int(h[j as usize] as i64))
            }
        }
    }

    /// `a[i] = v` and `a[i:j] = ...` for bytearray.
    pub(crate) fn bytearray_set(
        &mut self,
        arr: &Rc<RefCell<Vec<u8>>>,
        index: &Value,
        v: Value,
    ) -> R<()> {
        if let Value::Slice(s) = index {
            let len = arr.borrow().len();
            let (start, stop, step) = super::attrs::slice_indices(s, len)?;
            let items = match bytes_of(&v) {
                Some(b) => b,
                None if super::bigint::is_int(&v) => {
                    return raise(
                        ExcKind::TypeError,
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    )
                }
                None => from_source(self, Some(v), None, None)?,
            };
            if step != 1 {
                return raise(
                    ExcKind::ValueError,
                    "extended slice assignment is not supported",
                );
            }
            let stop = stop.max(start);
            arr.borrow_mut()
                .splice(start as usize..stop as usize, items);
            return Ok(());
        }
        let i = self.index_of(index, "bytearray")?;
        let len = arr.borrow().len();
        let i = super::attrs::norm_index(i, len, "bytearray")?;
        arr.borrow_mut()[i] = byte_of(&v)?;
        Ok(())
    }
}
