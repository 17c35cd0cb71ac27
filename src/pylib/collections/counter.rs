//! `collections.Counter`: a dict of counts, missing keys counting zero, with CPython's
//! `most_common` order (by count, ties in insertion order), multiset arithmetic and repr.

use super::{entries, ext_is, new_dict, not_supported, plain};
use crate::eval::error::R;
use crate::eval::iter::iter_value_named;
use crate::eval::value::{Args, Dict, DictExt, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::{bind, method, PyClass};
use crate::syntax::ast::{BinOp, CmpOp};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// The `Counter` class.
pub(super) fn class() -> Value {
    PyClass::value("Counter", "collections", Some(new_counter), |v| {
        ext_is::<CounterExt>(v)
    })
}

fn new_counter(it: &mut Interp, class: &Value, args: Args) -> R<Value> {
    if args.pos.len() > 1 {
        return crate::eval::error::raise(
            crate::errors::ExcKind::TypeError,
            format!("expected at most 1 argument, got {}", args.pos.len()),
        );
    }
    new_dict(
        it,
        Rc::new(CounterExt {
            class: class.clone(),
        }),
        args,
    )
}

/// The subclass part of a `Counter`.
struct CounterExt {
    class: Value,
}

const METHODS: &[&str] = &[
    "__missing__",
    "__repr__",
    "__eq__",
    "__add__",
    "__sub__",
    "__or__",
    "__and__",
    "most_common",
    "update",
    "subtract",
    "elements",
    "total",
];

impl DictExt for CounterExt {
    fn type_name(&self) -> String {
        "Counter".into()
    }
    fn class(&self) -> Value {
        self.class.clone()
    }
    fn attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(method(this, name, METHODS, counter_method))
    }
    fn as_any_ext(&self) -> &dyn std::any::Any {
        self
    }
}

/// `self[key]` with a missing key counting zero.
fn count(it: &mut Interp, d: &Value, key: &Value) -> R<Value> {
    let _ = it;
    match d {
        Value::Dict(d) => Ok(d.borrow().get(key)?.unwrap_or(Value::Int(0))),
        _ => Ok(Value::Int(0)),
    }
}

fn set(d: &Value, key: Value, v: Value) -> R<()> {
    if let Value::Dict(d) = d {
        d.borrow_mut().insert(key, v)?;
    }
    Ok(())
}

/// The entries sorted by count, largest first, ties in insertion order.
fn most_common(it: &mut Interp, this: &Value) -> R<Vec<(Value, Value)>> {
    let mut e = entries(this);
    let mut err = None;
    e.sort_by(|a, b| {
        if err.is_some() {
            return Ordering::Equal;
        }
        match it.order(&b.1, &a.1, CmpOp::Lt) {
            Ok(o) => o,
            Err(x) => {
                err = Some(x);
                Ordering::Equal
            }
        }
    });
    match err {
        Some(x) => Err(x),
        None => Ok(e),
    }
}

/// Adds (or with `sign` false, subtracts) the counts of `source` to `this`.
fn add_counts(it: &mut Interp, this: &Value, source: &Value, sign: bool) -> R<()> {
    let op = if sign { BinOp::Add } else { BinOp::Sub };
    if let Value::Dict(_) = source {
        for (k, v) in entries(source) {
            let cur = count(it, this, &k)?;
            let n = it.binary(op, &cur, &v)?;
            set(this, k, n)?;
        }
        return Ok(());
    }
    let mut items = it.iterate(source)?;
    while let Some(k) = items.next(it)? {
        let cur = count(it, this, &k)?;
        let n = it.binary(op, &cur, &Value::Int(1))?;
        set(this, k, n)?;
    }
    Ok(())
}

fn positive(it: &mut Interp, v: &Value) -> R<bool> {
    let o = it.order(v, &Value::Int(0), CmpOp::Gt)?;
    Ok(o == Ordering::Greater)
}

/// A new, empty Counter of the same class as `this`.
fn empty_like(this: &Value) -> Value {
    let ext = match this {
        Value::Dict(d) => d.borrow().ext.clone(),
        _ => None,
    };
    Value::Dict(Rc::new(RefCell::new({
        let mut d = Dict::default();
        d.ext = ext;
        d
    })))
}

/// `+`, `-`, `|`, `&` of two Counters: only positive counts are kept.
fn arithmetic(it: &mut Interp, this: &Value, other: &Value, name: &str) -> R<Value> {
    let sym = match name {
        "__add__" => "+",
        "__sub__" => "-",
        "__or__" => "|",
        _ => "&",
    };
    if !ext_is::<CounterExt>(other) {
        return Err(not_supported(sym, this, other));
    }
    let result = empty_like(this);
    for (k, c) in entries(this) {
        let o = count(it, other, &k)?;
        let n = match sym {
            "+" => it.binary(BinOp::Add, &c, &o)?,
            "-" => it.binary(BinOp::Sub, &c, &o)?,
            "|" => {
                if it.order(&c, &o, CmpOp::Lt)? == Ordering::Less {
                    o
                } else {
                    c
                }
            }
            _ => {
                if it.order(&c, &o, CmpOp::Lt)? == Ordering::Less {
                    c
                } else {
                    o
                }
            }
        };
        if positive(it, &n)? {
            set(&result, k, n)?;
        }
    }
    if sym == "&" {
        return Ok(result);
    }
    let this_keys = match this {
        Value::Dict(d) => d.borrow().clone(),
        _ => Dict::default(),
    };
    for (k, c) in entries(other) {
        if this_keys.get(&k)?.is_some() {
            continue;
        }
        if sym == "-" {
            if it.order(&c, &Value::Int(0), CmpOp::Lt)? == Ordering::Less {
                let n = it.binary(BinOp::Sub, &Value::Int(0), &c)?;
                set(&result, k, n)?;
            }
        } else if positive(it, &c)? {
            set(&result, k, c)?;
        }
    }
    Ok(result)
}

fn counter_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let arg0 = args.pos.first().cloned().unwrap_or(Value::None);
    match name {
        "__missing__" => Ok(Value::Int(0)),
        "__repr__" => {
            let e = most_common(it, this)?;
            if e.is_empty() {
                return Ok(Value::str("Counter()"));
            }
            let mut parts = Vec::new();
            for (k, v) in e {
                parts.push(format!("{}: {}", it.repr(&k)?, it.repr(&v)?));
            }
            Ok(Value::str(&format!("Counter({{{}}})", parts.join(", "))))
        }
        "__eq__" => {
            if !ext_is::<CounterExt>(&arg0) {
                return Ok(Value::Bool(it.equal(&plain(this), &plain(&arg0))?));
            }
            for (a, b) in [(this, &arg0), (&arg0, this)] {
                for (k, v) in entries(a) {
                    let w = count(it, b, &k)?;
                    if !it.equal(&v, &w)? {
                        return Ok(Value::Bool(false));
                    }
                }
            }
            Ok(Value::Bool(true))
        }
        "__add__" | "__sub__" | "__or__" | "__and__" => arithmetic(it, this, &arg0, name),
        "most_common" => {
            let [n] = bind(&args, "most_common", ["n=None"])?;
            let mut e = most_common(it, this)?;
            if let Some(n) = n {
                let n = crate::pylib::pyclass::int_arg(&n)?;
                e.truncate(n.max(0) as usize);
            }
            Ok(Value::list(
                e.into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            ))
        }
        "update" | "subtract" => {
            let sign = name == "update";
            if args.pos.len() > 1 {
                return crate::eval::error::raise(
                    crate::errors::ExcKind::TypeError,
                    format!("expected at most 1 argument, got {}", args.pos.len()),
                );
            }
            if let Some(src) = args.pos.first() {
                if !matches!(src, Value::None) {
                    add_counts(it, this, src, sign)?;
                }
            }
            if !args.kw.is_empty() {
                let mut kw = Dict::default();
                for (k, v) in &args.kw {
                    kw.insert(Value::str(k), v.clone())?;
                }
                add_counts(it, this, &Value::Dict(Rc::new(RefCell::new(kw))), sign)?;
            }
            Ok(Value::None)
        }
        "elements" => {
            let mut out = Vec::new();
            for (k, v) in entries(this) {
                let n = match v {
                    Value::Int(n) => n,
                    Value::Bool(b) => b as i64,
                    other => {
                        return Err(crate::eval::error::type_err(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )))
                    }
                };
                for _ in 0..n.max(0) {
                    if out.len() & 0xffff == 0xffff {
                        it.check_interrupt()?;
                    }
                    out.push(k.clone());
                }
            }
            Ok(iter_value_named(out, "itertools.chain"))
        }
        _ => {
            let mut total = Value::Int(0);
            for (_, v) in entries(this) {
                total = it.binary(BinOp::Add, &total, &v)?;
            }
            Ok(total)
        }
    }
}
