//! The unpickler: the pickle virtual machine of protocols 0 to 5, as CPython 3.11's C
//! unpickler runs it, for the values tensh holds: None, bools, ints of any size, floats,
//! str, bytes, bytearray, lists, tuples, dicts, sets, frozensets, and numpy arrays, dtypes
//! and scalars as numpy pickles them (`numpy.rs`). Python 2 strings are decoded by
//! `encoding` (`'bytes'` keeps them bytes, as Keras reads CIFAR's batches). Every length
//! is checked against the input before it is used, so malformed input is an error, never
//! a panic or a large allocation.

use super::numpy::{self as np, Pending};
use super::{unpickling_error, Known};
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, Flow, R};
use crate::eval::value::{Args, Dict};
use crate::eval::{Interp, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A value on the unpickler's stack: a Python value, a global it found, or a numpy object
/// being rebuilt (shared with the memo, so that `BUILD` completes it everywhere).
#[derive(Clone)]
pub(super) enum Item {
    V(Value),
    Global(Known),
    Pending(Rc<RefCell<Pending>>),
}

/// How Python 2 `str` objects are read: decoded with a codec, or kept as bytes.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Encoding {
    Ascii,
    Latin1,
    Utf8,
    Bytes,
}

pub(super) struct Unpickler<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<Item>,
    marks: Vec<usize>,
    memo: HashMap<u64, Item>,
    encoding: Encoding,
    fix_imports: bool,
}

fn truncated() -> Flow {
    unpickling_error("pickle data was truncated")
}

fn underflow() -> Flow {
    unpickling_error("unpickling stack underflow")
}

impl<'a> Unpickler<'a> {
    pub(super) fn new(data: &'a [u8], encoding: Encoding, fix_imports: bool) -> Self {
        Unpickler {
            data,
            pos: 0,
            stack: Vec::new(),
            marks: Vec::new(),
            memo: HashMap::new(),
            encoding,
            fix_imports,
        }
    }

    /// Bytes read so far (where the next pickle in the same input starts).
    pub(super) fn consumed(&self) -> usize {
        self.pos
    }

    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(truncated)?;
        let s = self.data.get(self.pos..end).ok_or_else(truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> R<usize> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]) as usize)
    }

    fn u32(&mut self) -> R<usize> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn u64(&mut self) -> R<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A length read as 8 bytes, which must fit what is left of the input.
    fn len8(&mut self) -> R<usize> {
        let n = self.u64()?;
        if n > (self.data.len() - self.pos) as u64 {
            return Err(truncated());
        }
        Ok(n as usize)
    }

    /// A protocol-0 line, without its newline.
    fn line(&mut self) -> R<&'a [u8]> {
        let rest = &self.data[self.pos..];
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(truncated)?;
        self.pos += nl + 1;
        Ok(&rest[..nl])
    }

    fn line_str(&mut self) -> R<String> {
        let l = self.line()?;
        Ok(String::from_utf8_lossy(l).into_owned())
    }

    fn push(&mut self, v: Value) {
        self.stack.push(Item::V(v));
    }

    fn pop(&mut self) -> R<Item> {
        let floor = self.marks.last().copied().unwrap_or(0);
        if self.stack.len() <= floor {
            return Err(underflow());
        }
        self.stack.pop().ok_or_else(underflow)
    }

    fn pop_value(&mut self, it: &mut Interp) -> R<Value> {
        let item = self.pop()?;
        np::to_value(it, item)
    }

    fn top(&mut self) -> R<&mut Item> {
        let floor = self.marks.last().copied().unwrap_or(0);
        if self.stack.len() <= floor {
            return Err(underflow());
        }
        self.stack.last_mut().ok_or_else(underflow)
    }

    /// The items since the last mark, which is removed.
    fn pop_mark(&mut self) -> R<Vec<Item>> {
        let m = self
            .marks
            .pop()
            .ok_or_else(|| unpickling_error("could not find MARK"))?;
        Ok(self.stack.split_off(m.min(self.stack.len())))
    }

    fn pop_mark_values(&mut self, it: &mut Interp) -> R<Vec<Value>> {
        let items = self.pop_mark()?;
        items.into_iter().map(|i| np::to_value(it, i)).collect()
    }

    fn memo_put(&mut self, idx: u64) -> R<()> {
        let top = self.top()?.clone();
        self.memo.insert(idx, top);
        Ok(())
    }

    fn memo_get(&mut self, idx: u64) -> R<()> {
        match self.memo.get(&idx) {
            Some(v) => {
                let v = v.clone();
                self.stack.push(v);
                Ok(())
            }
            None => Err(unpickling_error(format!(
                "Memo value not found at index {}",
                idx
            ))),
        }
    }

    /// A Python 2 `str` by the chosen encoding.
    fn py2_str(&self, b: &[u8]) -> R<Value> {
        decode(b, self.encoding)
    }

    /// Runs the pickle to its STOP and returns the value.
    pub(super) fn load(&mut self, it: &mut Interp) -> R<Value> {
        if self.data.is_empty() {
            return raise(ExcKind::EOFError, "Ran out of input");
        }
        let mut steps: usize = 0;
        loop {
            steps += 1;
            if steps.is_multiple_of(4096) {
                it.check_interrupt()?;
            }
            if self.pos >= self.data.len() {
                return raise(ExcKind::EOFError, "Ran out of input");
            }
            let op = self.byte()?;
            match op {
                b'.' => {
                    let v = self.pop()?;
                    return np::to_value(it, v);
                }
                0x80 => {
                    let p = self.byte()?;
                    if p > 5 {
                        return raise(
                            ExcKind::ValueError,
                            format!("unsupported pickle protocol: {}", p),
                        );
                    }
                }
                0x95 => {
                    self.len8()?;
                }
                b'(' => self.marks.push(self.stack.len()),
                b'0' => {
                    self.pop()?;
                }
                b'1' => {
                    self.pop_mark()?;
                }
                b'2' => {
                    let t = self.top()?.clone();
                    self.stack.push(t);
                }
                b'N' => self.push(Value::None),
                0x88 => self.push(Value::Bool(true)),
                0x89 => self.push(Value::Bool(false)),
                b'K' => {
                    let b = self.byte()?;
                    self.push(Value::Int(b as i64));
                }
                b'M' => {
                    let n = self.u16()?;
                    self.push(Value::Int(n as i64));
                }
                b'J' => {
                    let b = self.take(4)?;
                    self.push(Value::Int(i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64));
                }
                0x8a | 0x8b => {
                    let n = if op == 0x8a {
                        self.byte()? as usize
                    } else {
                        let b = self.take(4)?;
                        let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                        if n < 0 {
                            return Err(unpickling_error("LONG pickle has negative byte count"));
                        }
                        n as usize
                    };
                    let b = self.take(n)?;
                    let big = num_bigint::BigInt::from_signed_bytes_le(b);
                    self.push(crate::eval::bigint::norm(big));
                }
                b'I' => {
                    let l = self.line_str()?;
                    let v = match l.trim() {
                        "00" => Value::Bool(false),
                        "01" => Value::Bool(true),
                        s => parse_int(s)?,
                    };
                    self.push(v);
                }
                b'L' => {
                    let l = self.line_str()?;
                    let s = l.trim();
                    let v = parse_int(s.strip_suffix('L').unwrap_or(s))?;
                    self.push(v);
                }
                b'F' => {
                    let l = self.line_str()?;
                    let f: f64 = l.trim().parse().map_err(|_| {
                        err(
                            ExcKind::ValueError,
                            format!("could not convert string to float: '{}'", l),
                        )
                    })?;
                    self.push(Value::Float(f));
                }
                b'G' => {
                    let b = self.take(8)?;
                    let mut a = [0u8; 8];
                    a.copy_from_slice(b);
                    self.push(Value::Float(f64::from_be_bytes(a)));
                }
                b'S' => {
                    let l = self.line()?;
                    let raw = unquote(l)?;
                    let v = self.py2_str(&raw)?;
                    self.push(v);
                }
                b'T' => {
                    let b = self.take(4)?;
                    let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    if n < 0 {
                        return Err(unpickling_error("BINSTRING pickle has negative byte count"));
                    }
                    let s = self.take(n as usize)?;
                    let v = self.py2_str(s)?;
                    self.push(v);
                }
                b'U' => {
                    let n = self.byte()? as usize;
                    let s = self.take(n)?;
                    let v = self.py2_str(s)?;
                    self.push(v);
                }
                b'V' => {
                    let l = self.line()?;
                    self.push(Value::str(&raw_unicode_escape(l)));
                }
                b'X' | 0x8c | 0x8d => {
                    let n = match op {
                        b'X' => self.u32()?,
                        0x8c => self.byte()? as usize,
                        _ => self.len8()?,
                    };
                    let s = self.take(n)?;
                    let v = utf8(s)?;
                    self.push(v);
                }
                b'B' | b'C' | 0x8e | 0x96 => {
                    let n = match op {
                        b'B' => self.u32()?,
                        b'C' => self.byte()? as usize,
                        _ => self.len8()?,
                    };
                    let s = self.take(n)?;
                    self.push(if op == 0x96 {
                        Value::ByteArray(Rc::new(RefCell::new(s.to_vec())))
                    } else {
                        Value::Bytes(Rc::from(s))
                    });
                }
                0x97 => {
                    return Err(unpickling_error(
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ))
                }
                0x98 => {}
                b')' => self.push(Value::tuple(vec![])),
                b't' => {
                    let items = self.pop_mark_values(it)?;
                    self.push(Value::tuple(items));
                }
                0x85..=0x87 => {
                    let n = (op - 0x84) as usize;
                    let floor = self.marks.last().copied().unwrap_or(0);
                    if self.stack.len() < floor + n {
                        return Err(underflow());
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    let vals = items
                        .into_iter()
                        .map(|i| np::to_value(it, i))
                        .collect::<R<Vec<_>>>()?;
                    self.push(Value::tuple(vals));
                }
                b']' => self.push(Value::list(vec![])),
                b'l' => {
                    let items = self.pop_mark_values(it)?;
                    self.push(Value::list(items));
                }
                b'}' => self.push(Value::Dict(Rc::new(RefCell::new(Dict::default())))),
                b'd' => {
                    let items = self.pop_mark_values(it)?;
                    let mut d = Dict::default();
                    for kv in items.chunks(2) {
                        if let [k, v] = kv {
                            d.insert(k.clone(), v.clone())?;
                        }
                    }
                    self.push(Value::Dict(Rc::new(RefCell::new(d))));
                }
                0x8f => self.push(Value::Set(Rc::new(RefCell::new(Vec::new())))),
                b'a' => {
                    let v = self.pop_value(it)?;
                    self.append(it, vec![v])?;
                }
                b'e' => {
                    let vals = self.pop_mark_values(it)?;
                    self.append(it, vals)?;
                }
                b's' => {
                    let v = self.pop_value(it)?;
                    let k = self.pop_value(it)?;
                    self.set_items(vec![k, v])?;
                }
                b'u' => {
                    let vals = self.pop_mark_values(it)?;
                    self.set_items(vals)?;
                }
                0x90 => {
                    let vals = self.pop_mark_values(it)?;
                    let target = match self.top()? {
                        Item::V(v @ Value::Set(_)) => v.clone(),
                        _ => return Err(unpickling_error("ADDITEMS on a non-set")),
                    };
                    if let Value::Set(s) = &target {
                        let old = s.borrow().clone();
                        let mut all = old;
                        all.extend(vals);
                        if let Value::Set(new) = it.make_set(all)? {
                            let items = new.borrow().clone();
                            *s.borrow_mut() = items;
                        }
                    }
                }
                0x91 => {
                    // tensh has no frozenset: a frozenset is read as a set.
                    let vals = self.pop_mark_values(it)?;
                    let set = it.make_set(vals)?;
                    self.push(set);
                }
                b'g' => {
                    let l = self.line_str()?;
                    let i = l
                        .trim()
                        .parse::<u64>()
                        .map_err(|_| unpickling_error("could not parse memo index"))?;
                    self.memo_get(i)?;
                }
                b'h' => {
                    let i = self.byte()? as u64;
                    self.memo_get(i)?;
                }
                b'j' => {
                    let i = self.u32()? as u64;
                    self.memo_get(i)?;
                }
                b'p' => {
                    let l = self.line_str()?;
                    let i = l
                        .trim()
                        .parse::<u64>()
                        .map_err(|_| unpickling_error("could not parse memo index"))?;
                    self.memo_put(i)?;
                }
                b'q' => {
                    let i = self.byte()? as u64;
                    self.memo_put(i)?;
                }
                b'r' => {
                    let i = self.u32()? as u64;
                    self.memo_put(i)?;
                }
                0x94 => {
                    let i = self.memo.len() as u64;
                    self.memo_put(i)?;
                }
                b'c' => {
                    let module = self.line_str()?;
                    let name = self.line_str()?;
                    let g = super::find_global(it, &module, &name, self.fix_imports)?;
                    self.stack.push(Item::Global(g));
                }
                0x93 => {
                    let name = self.pop_value(it)?;
                    let module = self.pop_value(it)?;
                    let (Value::Str(module), Value::Str(name)) = (module, name) else {
                        return Err(unpickling_error("STACK_GLOBAL requires str"));
                    };
                    let g = super::find_global(it, &module, &name, self.fix_imports)?;
                    self.stack.push(Item::Global(g));
                }
                b'R' => {
                    let args = self.pop()?;
                    let f = self.pop()?;
                    let args = match np::to_value(it, args)? {
                        Value::Tuple(t) => t.to_vec(),
                        _ => return Err(unpickling_error("REDUCE argument must be a tuple")),
                    };
                    let r = np::call(it, f, args)?;
                    self.stack.push(r);
                }
                0x81 | 0x92 => {
                    if op == 0x92 {
                        self.pop()?;
                    }
                    self.pop()?;
                    let cls = self.pop()?;
                    return Err(np::instance_error(it, &cls));
                }
                b'b' => {
                    let state = self.pop_value(it)?;
                    let target = self.top()?.clone();
                    np::build(it, &target, state)?;
                }
                b'i' => {
                    let module = self.line_str()?;
                    let name = self.line_str()?;
                    self.pop_mark()?;
                    let g = super::find_global(it, &module, &name, self.fix_imports)?;
                    return Err(np::instance_error(it, &Item::Global(g)));
                }
                b'o' => {
                    let mut items = self.pop_mark()?;
                    if items.is_empty() {
                        return Err(underflow());
                    }
                    let cls = items.remove(0);
                    return Err(np::instance_error(it, &cls));
                }
                b'P' | b'Q' => {
                    return Err(unpickling_error(
                        "A load persistent id instruction was encountered, but no persistent_load function was specified.",
                    ))
                }
                0x82..=0x84 => {
                    return raise(ExcKind::ValueError, "unregistered extension code");
                }
                other => {
                    let shown = if other.is_ascii_graphic() || other == b' ' {
                        format!("'{}'", other as char)
                    } else {
                        format!("'\\x{:02x}'", other)
                    };
                    return Err(unpickling_error(format!("invalid load key, {}.", shown)));
                }
            }
        }
    }

    fn append(&mut self, it: &mut Interp, vals: Vec<Value>) -> R<()> {
        let target = self.top()?.clone();
        match target {
            Item::V(Value::List(l)) => {
                l.borrow_mut().extend(vals);
                Ok(())
            }
            Item::V(v) => {
                let f = it.get_attr(&v, "append")?;
                for x in vals {
                    it.call(&f, Args::new(vec![x]))?;
                }
                Ok(())
            }
            _ => Err(unpickling_error("APPEND to a value that is not a list")),
        }
    }

    fn set_items(&mut self, vals: Vec<Value>) -> R<()> {
        match self.top()? {
            Item::V(Value::Dict(d)) => {
                let d = d.clone();
                let mut d = d.borrow_mut();
                for kv in vals.chunks(2) {
                    if let [k, v] = kv {
                        d.insert(k.clone(), v.clone())?;
                    }
                }
                Ok(())
            }
            _ => Err(unpickling_error("SETITEM to a value that is not a dict")),
        }
    }
}

fn parse_int(s: &str) -> R<Value> {
    match crate::eval::bigint::parse_int(s, 10)? {
        Some(v) => Ok(v),
        None => raise(
            ExcKind::ValueError,
            format!("invalid literal for int() with base 10: '{}'", s),
        ),
    }
}

fn utf8(s: &[u8]) -> R<Value> {
    match std::str::from_utf8(s) {
        Ok(s) => Ok(Value::str(s)),
        Err(e) => raise(
            ExcKind::UnicodeDecodeError,
            format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                s[e.valid_up_to()],
                e.valid_up_to()
            ),
        ),
    }
}

/// A Python 2 `str`'s bytes as `encoding` reads them.
pub(super) fn decode(b: &[u8], encoding: Encoding) -> R<Value> {
    match encoding {
        Encoding::Bytes => Ok(Value::Bytes(Rc::from(b))),
        Encoding::Latin1 => Ok(Value::str(&b.iter().map(|&c| c as char).collect::<String>())),
        Encoding::Utf8 => utf8(b),
        Encoding::Ascii => match b.iter().position(|&c| c >= 0x80) {
            None => Ok(Value::str(&String::from_utf8_lossy(b))),
            Some(p) => raise(
                ExcKind::UnicodeDecodeError,
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                    b[p], p
                ),
            ),
        },
    }
}

/// A protocol-0 `STRING` argument: a quoted Python 2 literal with its escapes.
fn unquote(l: &[u8]) -> R<Vec<u8>> {
    let l = l.strip_suffix(b"\r").unwrap_or(l);
    let inner = match l {
        [q, body @ .., e] if (*q == b'\'' || *q == b'"') && q == e => body,
        _ => {
            return Err(unpickling_error(
                "the STRING opcode argument must be quoted",
            ))
        }
    };
    let mut out = Vec::with_capacity(inner.len());
    let mut i = 0;
    while i < inner.len() {
        let c = inner[i];
        if c != b'\\' || i + 1 >= inner.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let n = inner[i + 1];
        i += 2;
        match n {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'x' => {
                let hex = inner
                    .get(i..i + 2)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => return raise(ExcKind::ValueError, "invalid \\x escape"),
                }
            }
            b'0'..=b'7' => {
                let mut v = (n - b'0') as u32;
                let mut k = 0;
                while k < 2 && i < inner.len() && (b'0'..=b'7').contains(&inner[i]) {
                    v = v * 8 + (inner[i] - b'0') as u32;
                    i += 1;
                    k += 1;
                }
                out.push(v as u8);
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// A protocol-0 `UNICODE` argument: `\uXXXX` and `\UXXXXXXXX` escapes, other bytes as
/// Latin-1.
fn raw_unicode_escape(l: &[u8]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < l.len() {
        if l[i] == b'\\' && i + 1 < l.len() && (l[i + 1] == b'u' || l[i + 1] == b'U') {
            let n = if l[i + 1] == b'u' { 4 } else { 8 };
            let hex = l
                .get(i + 2..i + 2 + n)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(c) = hex
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
            {
                out.push(c);
                i += 2 + n;
                continue;
            }
        }
        out.push(l[i] as char);
        i += 1;
    }
    out
}
