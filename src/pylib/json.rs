//! Python's `json` module: `dumps`/`dump` with CPython's encoder options and output, and
//! `loads`/`load` (`json/decode.rs`) raising `json.JSONDecodeError` (a ValueError) with
//! CPython's messages. `dump` and `load` call `.write`/`.read` on whatever file object
//! they are given.

mod decode;

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Class};
use crate::eval::{Interp, Value};
use crate::syntax::ast::CmpOp;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The encoder's options, as `json.dumps` takes them.
struct Encoder {
    skipkeys: bool,
    ensure_ascii: bool,
    check_circular: bool,
    allow_nan: bool,
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    default: Option<Value>,
    sort_keys: bool,
    /// The containers being encoded, for "Circular reference detected".
    stack: Vec<usize>,
}

/// A string as a JSON string literal.
pub(crate) fn quote(s: &str, ensure_ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", unit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Encoder {
    fn float(&self, it: &mut Interp, f: f64) -> R<String> {
        if f.is_finite() {
            return it.repr(&Value::Float(f));
        }
        if !self.allow_nan {
            return raise(
                ExcKind::ValueError,
                "Out of range float values are not JSON compliant",
            );
        }
        Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .into())
    }

    fn enter(&mut self, v: &Value) -> R<()> {
        if self.check_circular {
            let id = v.identity();
            if self.stack.contains(&id) {
                return Err(value_err("Circular reference detected"));
            }
            self.stack.push(id);
        }
        Ok(())
    }

    fn leave(&mut self) {
        if self.check_circular {
            self.stack.pop();
        }
    }

    fn newline(&self, level: usize) -> String {
        match &self.indent {
            Some(ind) => format!("\n{}", ind.repeat(level)),
            None => String::new(),
        }
    }

    fn encode(&mut self, it: &mut Interp, v: &Value, level: usize, out: &mut String) -> R<()> {
        it.check_interrupt()?;
        match v {
            Value::None => out.push_str("null"),
            Value::Bool(true) => out.push_str("true"),
            Value::Bool(false) => out.push_str("false"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&self.float(it, *f)?),
            Value::Str(s) => out.push_str(&quote(s, self.ensure_ascii)),
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(v)?;
                if items.is_empty() {
                    out.push_str("[]");
                    return Ok(());
                }
                self.enter(v)?;
                out.push('[');
                let inner = self.newline(level + 1);
                out.push_str(&inner);
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&self.item_sep);
                        out.push_str(&inner);
                    }
                    self.encode(it, x, level + 1, out)?;
                }
                out.push_str(&self.newline(level));
                out.push(']');
                self.leave();
            }
            Value::Dict(d) => {
                let (mut keys, mut values) = {
                    let d = d.borrow();
                    (d.keys.clone(), d.values.clone())
                };
                if keys.is_empty() {
                    out.push_str("{}");
                    return Ok(());
                }
                self.enter(v)?;
                if self.sort_keys {
                    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(values).collect();
                    sort_pairs(it, &mut pairs)?;
                    (keys, values) = pairs.into_iter().unzip();
                }
                out.push('{');
                let inner = self.newline(level + 1);
                out.push_str(&inner);
                let mut first = true;
                for (k, x) in keys.iter().zip(&values) {
                    let key = match k {
                        Value::Str(s) => s.to_string(),
                        Value::Float(f) => self.float(it, *f)?,
                        Value::Bool(true) => "true".into(),
                        Value::Bool(false) => "false".into(),
                        Value::None => "null".into(),
                        Value::Int(i) => i.to_string(),
                        _ if self.skipkeys => continue,
                        other => {
                            return Err(type_err(format!(
                                "keys must be str, int, float, bool or None, not {}",
                                other.type_name()
                            )))
                        }
                    };
                    if !first {
                        out.push_str(&self.item_sep);
                        out.push_str(&inner);
                    }
                    first = false;
                    out.push_str(&quote(&key, self.ensure_ascii));
                    out.push_str(&self.key_sep);
                    self.encode(it, x, level + 1, out)?;
                }
                out.push_str(&self.newline(level));
                out.push('}');
                self.leave();
            }
            other => {
                let Some(default) = self.default.clone() else {
                    return Err(type_err(format!(
                        "Object of type {} is not JSON serializable",
                        other.type_name()
                    )));
                };
                self.enter(v)?;
                let r = it.call(&default, Args::new(vec![other.clone()]))?;
                self.encode(it, &r, level, out)?;
                self.leave();
            }
        }
        Ok(())
    }
}

/// Sorts (key, value) pairs by key with Python's `<`, stably.
fn sort_pairs(it: &mut Interp, pairs: &mut [(Value, Value)]) -> R<()> {
    // Insertion sort keeps it simple and lets comparison errors surface.
    for i in 1..pairs.len() {
        let mut j = i;
        while j > 0 {
            let lt = it.compare(CmpOp::Lt, &pairs[j].0, &pairs[j - 1].0)?;
            if !it.truthy(&lt)? {
                break;
            }
            pairs.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn encoder(
    it: &mut Interp,
    skipkeys: Value,
    ensure_ascii: Value,
    check_circular: Value,
    allow_nan: Value,
    indent: Value,
    separators: Value,
    default: Value,
    sort_keys: Value,
) -> R<Encoder> {
    let indent = match indent {
        Value::None => None,
        Value::Int(n) => Some(" ".repeat(n.max(0) as usize)),
        Value::Str(s) => Some(s.to_string()),
        other => {
            return Err(type_err(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.type_name()
            )))
        }
    };
    let (item_sep, key_sep) = match &separators {
        Value::None => (
            if indent.is_some() { "," } else { ", " }.to_string(),
            ": ".to_string(),
        ),
        v => {
            let parts = it.collect_items(v)?;
            match parts.as_slice() {
                [Value::Str(a), Value::Str(b)] => (a.to_string(), b.to_string()),
                [_, _] => return Err(type_err("make_encoder() argument 6 must be str, not int")),
                _ => {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "too many values to unpack (expected 2, got {})",
                            parts.len()
                        ),
                    )
                }
            }
        }
    };
    Ok(Encoder {
        skipkeys: it.truthy(&skipkeys)?,
        ensure_ascii: it.truthy(&ensure_ascii)?,
        check_circular: it.truthy(&check_circular)?,
        allow_nan: it.truthy(&allow_nan)?,
        indent,
        item_sep,
        key_sep,
        default: crate::eval::value::given(default),
        sort_keys: it.truthy(&sort_keys)?,
        stack: Vec::new(),
    })
}

builtin! {
    /// Serialize obj to a JSON formatted str.
    python ["json.dumps"]
    fn dumps(it, obj, *, skipkeys = False, ensure_ascii = True, check_circular = True, allow_nan = True, cls = None, indent = None, separators = None, default = None, sort_keys = False, **kw) {
        let mut enc = encoder(it, skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default, sort_keys)?;
        let mut out = String::new();
        enc.encode(it, &obj, 0, &mut out)?;
        Ok(Value::str(&out))
    }
}

builtin! {
    /// Serialize obj as a JSON formatted stream to fp (a .write()-supporting file-like object).
    python ["json.dump"]
    fn dump(it, obj, fp, *, skipkeys = False, ensure_ascii = True, check_circular = True, allow_nan = True, cls = None, indent = None, separators = None, default = None, sort_keys = False, **kw) {
        let mut enc = encoder(it, skipkeys, ensure_ascii, check_circular, allow_nan, indent, separators, default, sort_keys)?;
        let mut out = String::new();
        enc.encode(it, &obj, 0, &mut out)?;
        let write = it.get_attr(&fp, "write")?;
        it.call(&write, Args::new(vec![Value::str(&out)]))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Deserialize s (a str instance containing a JSON document) to a Python object.
    python ["json.loads"]
    fn loads(it, s, *, cls = None, object_hook = None, parse_float = None, parse_int = None, parse_constant = None, object_pairs_hook = None, **kw) {
        let text = match &s {
            Value::Str(s) => s.to_string(),
            other => return Err(type_err(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            ))),
        };
        let v = decode::parse(it, &text)?;
        match crate::eval::value::given(object_hook) {
            Some(hook) => apply_hook(it, v, &hook),
            None => Ok(v),
        }
    }
}

/// Calls `object_hook` on every decoded object, innermost first.
fn apply_hook(it: &mut Interp, v: Value, hook: &Value) -> R<Value> {
    match &v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                out.push(apply_hook(it, x, hook)?);
            }
            Ok(Value::list(out))
        }
        Value::Dict(d) => {
            let (keys, values) = {
                let d = d.borrow();
                (d.keys.clone(), d.values.clone())
            };
            let mut nd = crate::eval::value::Dict::default();
            for (k, x) in keys.into_iter().zip(values) {
                let x = apply_hook(it, x, hook)?;
                nd.insert(k, x)?;
            }
            it.call(
                hook,
                Args::new(vec![Value::Dict(Rc::new(RefCell::new(nd)))]),
            )
        }
        _ => Ok(v),
    }
}

builtin! {
    /// Deserialize fp (a .read()-supporting file-like object containing a JSON document).
    python ["json.load"]
    fn load(it, fp, *, cls = None, object_hook = None, parse_float = None, parse_int = None, parse_constant = None, object_pairs_hook = None, **kw) {
        let read = it.get_attr(&fp, "read")?;
        let text = it.call(&read, Args::default())?;
        let text = match &text {
            Value::Str(s) => s.to_string(),
            other => return Err(type_err(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            ))),
        };
        let v = decode::parse(it, &text)?;
        match crate::eval::value::given(object_hook) {
            Some(hook) => apply_hook(it, v, &hook),
            None => Ok(v),
        }
    }
}

/// Sets `json.JSONDecodeError` (also `json.decoder.JSONDecodeError`).
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "json");
    let class = Value::Class(Rc::new(Class {
        name: "JSONDecodeError".into(),
        bases: vec![Value::ExcClass(ExcKind::ValueError)],
        dict: RefCell::new(HashMap::new()),
    }));
    m.set("JSONDecodeError", class.clone());
    let dec = super::sys::module(it, "json.decoder");
    dec.set("JSONDecodeError", class);
    m.set("decoder", Value::Module(dec));
}
