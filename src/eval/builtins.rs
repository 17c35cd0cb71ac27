//! The builtin functions notebook code calls (print, len, range, ...), the builtin exception
//! classes, and the methods of `str`.

use super::error::{raise, type_err, Flow, R};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

/// Names of builtins that are types: `type(3) is int`, and they repr as `<class 'int'>`.
pub const TYPE_NAMES: &[&str] = &[
    "int", "float", "str", "bool", "list", "tuple", "dict", "set", "range", "type", "object",
];

pub fn install(it: &mut Interp) {
    let table: &[(&str, super::value::NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("range", b_range),
        ("list", |it, a| {
            Ok(Value::list(one_iterable(it, a, "list")?))
        }),
        ("tuple", |it, a| {
            Ok(Value::tuple(one_iterable(it, a, "tuple")?))
        }),
        ("set", |it, a| {
            let v = one_iterable(it, a, "set")?;
            it.make_set(v)
        }),
        ("dict", b_dict),
        ("int", b_int),
        ("float", b_float),
        ("str", |it, a| match a.pos.first() {
            Some(v) => Ok(Value::str(&it.str_of(v)?)),
            None => Ok(Value::str("")),
        }),
        ("bool", |it, a| match a.pos.first() {
            Some(v) => Ok(Value::Bool(it.truthy(v)?)),
            None => Ok(Value::Bool(false)),
        }),
        ("repr", |it, a| {
            let [x] = a.bind("repr", ["obj"])?;
            Ok(Value::str(&it.repr(&x.unwrap_or(Value::None))?))
        }),
        ("format", |it, a| {
            let [x, spec] = a.bind("format", ["value", "format_spec=''"])?;
            let spec = match spec {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::str(
                &it.format_value(&x.unwrap_or(Value::None), &spec)?,
            ))
        }),
        ("abs", |it, a| {
            let [x] = a.bind("abs", ["x"])?;
            let x = x.unwrap_or(Value::None);
            match &x {
                Value::Int(i) => Ok(Value::Int(i.abs())),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                _ => (it.hooks.tensor_abs)(it, x),
            }
        }),
        ("min", |it, a| min_max(it, a, "min")),
        ("max", |it, a| min_max(it, a, "max")),
        ("sum", b_sum),
        ("round", b_round),
        ("enumerate", |it, a| {
            let [x, start] = a.bind("enumerate", ["iterable", "start=0"])?;
            let start = match start {
                Some(Value::Int(i)) => i,
                _ => 0,
            };
            let items: Vec<Value> = it.iterate(&x.unwrap_or(Value::None))?.collect();
            Ok(iter_value(
                items
                    .into_iter()
                    .enumerate()
                    .map(move |(i, v)| Value::tuple(vec![Value::Int(i as i64 + start), v]))
                    .collect(),
            ))
        }),
        ("zip", |it, a| {
            let mut cols = Vec::new();
            for v in &a.pos {
                cols.push(it.iterate(v)?.collect::<Vec<_>>());
            }
            let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
            Ok(iter_value(
                (0..n)
                    .map(|i| Value::tuple(cols.iter().map(|c| c[i].clone()).collect()))
                    .collect(),
            ))
        }),
        ("sorted", |it, a| {
            let [x, key, reverse] =
                a.bind("sorted", ["iterable", "*key=None", "*reverse=False"])?;
            let items: Vec<Value> = it.iterate(&x.unwrap_or(Value::None))?.collect();
            Ok(Value::list(sort_values(it, items, key, reverse)?))
        }),
        ("reversed", |it, a| {
            let [x] = a.bind("reversed", ["sequence"])?;
            let mut items: Vec<Value> = it.iterate(&x.unwrap_or(Value::None))?.collect();
            items.reverse();
            Ok(iter_value(items))
        }),
        ("map", |it, a| {
            if a.pos.len() < 2 {
                return raise(
                    ExcKind::TypeError,
                    "map() must have at least two arguments.",
                );
            }
            let f = a.pos[0].clone();
            let mut cols = Vec::new();
            for v in &a.pos[1..] {
                cols.push(it.iterate(v)?.collect::<Vec<_>>());
            }
            let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for i in 0..n {
                out.push(it.call(&f, Args::new(cols.iter().map(|c| c[i].clone()).collect()))?);
            }
            Ok(iter_value(out))
        }),
        ("filter", |it, a| {
            let [f, x] = a.bind("filter", ["function", "iterable"])?;
            let mut out = Vec::new();
            for v in it.iterate(&x.unwrap_or(Value::None))?.collect::<Vec<_>>() {
                let keep = match &f {
                    None => it.truthy(&v)?,
                    Some(f) => {
                        let r = it.call(f, Args::new(vec![v.clone()]))?;
                        it.truthy(&r)?
                    }
                };
                if keep {
                    out.push(v);
                }
            }
            Ok(iter_value(out))
        }),
        ("any", |it, a| {
            let [x] = a.bind("any", ["iterable"])?;
            for v in it.iterate(&x.unwrap_or(Value::None))?.collect::<Vec<_>>() {
                if it.truthy(&v)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        ("all", |it, a| {
            let [x] = a.bind("all", ["iterable"])?;
            for v in it.iterate(&x.unwrap_or(Value::None))?.collect::<Vec<_>>() {
                if !it.truthy(&v)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }),
        ("type", super::types::b_type),
        ("isinstance", |it, a| {
            let [x, t] = a.bind("isinstance", ["obj", "class_or_tuple"])?;
            Ok(Value::Bool(super::types::isinstance(
                &it.hooks,
                &x.unwrap_or(Value::None),
                &t.unwrap_or(Value::None),
            )?))
        }),
        ("issubclass", |_, a| {
            let [x, t] = a.bind("issubclass", ["cls", "class_or_tuple"])?;
            Ok(Value::Bool(match (x, t) {
                (Some(Value::Class(c)), Some(Value::Class(d))) => c.is_subclass_of(&d),
                (Some(Value::ExcClass(c)), Some(Value::ExcClass(d))) => c.is_subclass_of(d),
                (Some(Value::Class(c)), Some(Value::ExcClass(d))) => {
                    c.exc_kind().is_some_and(|k| k.is_subclass_of(d))
                }
                _ => false,
            }))
        }),
        ("hasattr", |it, a| {
            let [x, n] = a.bind("hasattr", ["obj", "name"])?;
            let name = attr_name(n)?;
            match it.get_attr(&x.unwrap_or(Value::None), &name) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            }
        }),
        ("getattr", |it, a| {
            let [x, n, default] = a.bind("getattr", ["obj", "name", "default=None"])?;
            let name = attr_name(n)?;
            match it.get_attr(&x.unwrap_or(Value::None), &name) {
                Ok(v) => Ok(v),
                Err(Flow::Error(e))
                    if e.is(ExcKind::AttributeError) && a.pos.len() + a.kw.len() == 3 =>
                {
                    Ok(default.unwrap_or(Value::None))
                }
                Err(e) => Err(e),
            }
        }),
        ("setattr", |it, a| {
            let [x, n, v] = a.bind("setattr", ["obj", "name", "value"])?;
            let name = attr_name(n)?;
            it.set_attr(&x.unwrap_or(Value::None), &name, v.unwrap_or(Value::None))?;
            Ok(Value::None)
        }),
        ("callable", |_, a| {
            let [x] = a.bind("callable", ["obj"])?;
            Ok(Value::Bool(matches!(
                x,
                Some(
                    Value::Function(_)
                        | Value::Builtin(_)
                        | Value::Bound(_)
                        | Value::Class(_)
                        | Value::ExcClass(_)
                        | Value::Object(_)
                )
            )))
        }),
        ("id", |_, a| {
            let [x] = a.bind("id", ["obj"])?;
            Ok(Value::Int(x.map(|v| v.identity() as i64).unwrap_or(0)))
        }),
        ("hash", |_, a| {
            use std::hash::{Hash, Hasher};
            let [x] = a.bind("hash", ["obj"])?;
            let k = super::value::Key::of(&x.unwrap_or(Value::None))?;
            let mut h = std::collections::hash_map::DefaultHasher::new();
            k.hash(&mut h);
            Ok(Value::Int(h.finish() as i64))
        }),
        ("iter", |it, a| {
            let [x] = a.bind("iter", ["object"])?;
            let items: Vec<Value> = it.iterate(&x.unwrap_or(Value::None))?.collect();
            Ok(iter_value(items))
        }),
        ("next", |_, a| {
            let [x, default] = a.bind("next", ["iterator", "default=None"])?;
            match x {
                Some(Value::Iterator(i)) => {
                    let n = i.borrow_mut().next();
                    match (n, default) {
                        (Some(v), _) => Ok(v),
                        (None, Some(d)) => Ok(d),
                        (None, None) => raise(ExcKind::StopIteration, ""),
                    }
                }
                Some(v) => Err(type_err(format!(
                    "'{}' object is not an iterator",
                    v.type_name()
                ))),
                None => Ok(Value::None),
            }
        }),
        ("divmod", |it, a| {
            let [x, y] = a.bind("divmod", ["x", "y"])?;
            let (x, y) = (x.unwrap_or(Value::None), y.unwrap_or(Value::None));
            let q = it.binary(crate::syntax::ast::BinOp::FloorDiv, &x, &y)?;
            let r = it.binary(crate::syntax::ast::BinOp::Mod, &x, &y)?;
            Ok(Value::tuple(vec![q, r]))
        }),
        ("pow", |it, a| {
            let [x, y] = a.bind("pow", ["base", "exp"])?;
            it.binary(
                crate::syntax::ast::BinOp::Pow,
                &x.unwrap_or(Value::None),
                &y.unwrap_or(Value::None),
            )
        }),
        ("chr", |_, a| match a.pos.first() {
            Some(Value::Int(i)) => match char::from_u32(*i as u32) {
                Some(c) => Ok(Value::str(&c.to_string())),
                None => raise(ExcKind::ValueError, "chr() arg not in range(0x110000)"),
            },
            _ => Err(type_err("an integer is required")),
        }),
        ("ord", |_, a| match a.pos.first() {
            Some(Value::Str(s)) if s.chars().count() == 1 => {
                Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
            }
            Some(Value::Str(s)) => Err(type_err(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
            _ => Err(type_err("ord() expected string of length 1")),
        }),
        ("hex", |_, a| {
            int_text(a, "hex", |i| {
                format!("{}0x{:x}", if i < 0 { "-" } else { "" }, i.unsigned_abs())
            })
        }),
        ("bin", |_, a| {
            int_text(a, "bin", |i| {
                format!("{}0b{:b}", if i < 0 { "-" } else { "" }, i.unsigned_abs())
            })
        }),
        ("oct", |_, a| {
            int_text(a, "oct", |i| {
                format!("{}0o{:o}", if i < 0 { "-" } else { "" }, i.unsigned_abs())
            })
        }),
        ("super", |it, a| it.make_super(a)),
        ("object", |_, _| Ok(Value::None)),
        ("exit", |_, _| raise(ExcKind::SystemExit, "")),
        ("quit", |_, _| raise(ExcKind::SystemExit, "")),
        ("globals", |it, _| {
            let mut d = Dict::default();
            let vars = it.global_vars();
            for (k, v) in vars {
                d.insert(Value::str(&k), v)?;
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }),
        ("dir", |it, a| {
            let mut names: Vec<String> = match a.pos.first() {
                Some(Value::Module(m)) => m.attrs.borrow().keys().cloned().collect(),
                Some(Value::Instance(i)) => i.dict.borrow().keys().cloned().collect(),
                _ => it
                    .globals
                    .borrow()
                    .vars
                    .keys()
                    .map(|k| k.to_string())
                    .collect(),
            };
            names.sort();
            Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
        }),
    ];
    for (name, f) in table {
        it.builtins
            .insert(name.to_string(), Value::builtin(name, *f));
    }
    // Python's exception classes (TensorFlow's live in `tf.errors`).
    for kind in ExcKind::ALL.iter().filter(|k| !k.is_tf()) {
        it.builtins
            .insert(kind.name().to_string(), Value::ExcClass(*kind));
    }
    for alias in ["EnvironmentError", "IOError"] {
        it.builtins
            .insert(alias.into(), Value::ExcClass(ExcKind::OSError));
    }
    it.builtins.insert("Ellipsis".into(), Value::Ellipsis);
    it.builtins.insert("NotImplemented".into(), Value::None);
    it.builtins
        .insert("__name__".into(), Value::str("__main__"));
}

fn attr_name(n: Option<Value>) -> R<String> {
    match n {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(v) => Err(type_err(format!(
            "attribute name must be string, not '{}'",
            v.type_name()
        ))),
        None => Ok(String::new()),
    }
}

fn int_text(a: Args, name: &str, f: fn(i64) -> String) -> R<Value> {
    match a.pos.first() {
        Some(Value::Int(i)) => Ok(Value::str(&f(*i))),
        Some(Value::Bool(b)) => Ok(Value::str(&f(*b as i64))),
        Some(v) => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
        None => Err(type_err(format!(
            "{}() takes exactly one argument (0 given)",
            name
        ))),
    }
}

/// A one-shot iterator value (what zip, map, enumerate... return).
pub fn iter_value(items: Vec<Value>) -> Value {
    let it: Box<dyn Iterator<Item = Value>> = Box::new(items.into_iter());
    Value::Iterator(Rc::new(RefCell::new(it)))
}

fn one_iterable(it: &mut Interp, a: Args, name: &str) -> R<Vec<Value>> {
    if a.pos.len() > 1 {
        return raise(
            ExcKind::TypeError,
            format!("{} expected at most 1 argument, got {}", name, a.pos.len()),
        );
    }
    match a.pos.first() {
        Some(v) => Ok(it.iterate(v)?.collect()),
        None => Ok(vec![]),
    }
}

fn b_print(it: &mut Interp, a: Args) -> R<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    for (k, v) in &a.kw {
        match (k.as_str(), v) {
            ("sep", Value::Str(s)) => sep = s.to_string(),
            ("end", Value::Str(s)) => end = s.to_string(),
            ("sep" | "end", Value::None) => {}
            ("file" | "flush", _) => {}
            ("sep" | "end", other) => {
                return Err(type_err(format!(
                    "{} must be None or a string, not {}",
                    k,
                    other.type_name()
                )))
            }
            _ => {
                return Err(type_err(format!(
                    "'{}' is an invalid keyword argument for print()",
                    k
                )))
            }
        }
    }
    let mut parts = Vec::with_capacity(a.pos.len());
    for v in &a.pos {
        parts.push(it.str_of(v)?);
    }
    let text = format!("{}{}", parts.join(&sep), end);
    it.write_out(&text);
    Ok(Value::None)
}

fn b_len(it: &mut Interp, a: Args) -> R<Value> {
    let [x] = a.bind("len", ["obj"])?;
    let x = x.unwrap_or(Value::None);
    let n = match &x {
        Value::Str(s) => s.chars().count(),
        Value::List(l) | Value::Set(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Range(..) => it.iterate(&x)?.count(),
        Value::Instance(_) => {
            let f = it.get_attr(&x, "__len__")?;
            return it.call(&f, Args::default());
        }
        Value::Object(o) => match o.items() {
            Some(i) => i.len(),
            None => {
                return Err(type_err(format!(
                    "object of type '{}' has no len()",
                    x.type_name()
                )))
            }
        },
        _ => return (it.hooks.tensor_len)(&x),
    };
    Ok(Value::Int(n as i64))
}

fn b_range(_: &mut Interp, a: Args) -> R<Value> {
    if !a.kw.is_empty() {
        return raise(ExcKind::TypeError, "range() takes no keyword arguments");
    }
    let mut n = Vec::new();
    for v in &a.pos {
        match v {
            Value::Int(i) => n.push(*i),
            Value::Bool(b) => n.push(*b as i64),
            Value::Tensor(t) | Value::NdArray(t) if t.ndim() == 0 && !t.dtype().is_float() => {
                n.push(t.item_i64().unwrap_or(0))
            }
            other => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        }
    }
    let (start, stop, step) = match n.as_slice() {
        [s] => (0, *s, 1),
        [a, b] => (*a, *b, 1),
        [a, b, c] => (*a, *b, *c),
        [] => {
            return raise(
                ExcKind::TypeError,
                "range expected at least 1 argument, got 0",
            )
        }
        _ => {
            return raise(
                ExcKind::TypeError,
                format!("range expected at most 3 arguments, got {}", n.len()),
            )
        }
    };
    if step == 0 {
        return raise(ExcKind::ValueError, "range() arg 3 must not be zero");
    }
    Ok(Value::Range(start, stop, step))
}

fn b_dict(it: &mut Interp, a: Args) -> R<Value> {
    let d = Value::Dict(Rc::new(RefCell::new(Dict::default())));
    let update = it.get_attr(&d, "update")?;
    it.call(&update, a)?;
    Ok(d)
}

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

fn b_int(it: &mut Interp, a: Args) -> R<Value> {
    let [x, base] = a.bind("int", ["x=0", "base=10"])?;
    let base = match base {
        Some(Value::Int(b)) => b as u32,
        _ => 10,
    };
    match x.unwrap_or(Value::Int(0)) {
        Value::Int(i) => Ok(Value::Int(i)),
        Value::Bool(b) => Ok(Value::Int(b as i64)),
        Value::Float(f) => {
            if f.is_nan() {
                return raise(ExcKind::ValueError, "cannot convert float NaN to integer");
            }
            if f.is_infinite() {
                return raise(
                    ExcKind::OverflowError,
                    "cannot convert float infinity to integer",
                );
            }
            Ok(Value::Int(f.trunc() as i64))
        }
        Value::Str(s) => match parse_int(&s, base) {
            Some(v) => Ok(Value::Int(v)),
            None => raise(
                ExcKind::ValueError,
                format!(
                    "invalid literal for int() with base {}: {}",
                    base,
                    it.repr(&Value::Str(s.clone()))?
                ),
            ),
        },
        v @ (Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_)) => {
            let n = (it.hooks.scalar_of)(&v, "int")?;
            match n {
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

fn b_float(it: &mut Interp, a: Args) -> R<Value> {
    let [x] = a.bind("float", ["x=0.0"])?;
    match x.unwrap_or(Value::Float(0.0)) {
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
                None => raise(
                    ExcKind::ValueError,
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

fn min_max(it: &mut Interp, a: Args, name: &str) -> R<Value> {
    let mut key = None;
    let mut default = None;
    for (k, v) in &a.kw {
        match k.as_str() {
            "key" => key = Some(v.clone()),
            "default" => default = Some(v.clone()),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("'{}' is an invalid keyword argument for {}()", k, name),
                )
            }
        }
    }
    let items: Vec<Value> = if a.pos.len() == 1 {
        it.iterate(&a.pos[0])?.collect()
    } else {
        a.pos.clone()
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
        let op = if name == "min" {
            crate::syntax::ast::CmpOp::Lt
        } else {
            crate::syntax::ast::CmpOp::Gt
        };
        let better = it.compare(op, &k, &best_key)?;
        if it.truthy(&better)? {
            best = v;
            best_key = k;
        }
    }
    Ok(best)
}

fn b_sum(it: &mut Interp, a: Args) -> R<Value> {
    let [x, start] = a.bind("sum", ["iterable", "start=0"])?;
    let mut acc = start.unwrap_or(Value::Int(0));
    for v in it.iterate(&x.unwrap_or(Value::None))?.collect::<Vec<_>>() {
        acc = it.binary(crate::syntax::ast::BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
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

fn b_round(it: &mut Interp, a: Args) -> R<Value> {
    let [x, nd] = a.bind("round", ["number", "ndigits=None"])?;
    let x = x.unwrap_or(Value::None);
    let x = match &x {
        Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
            (it.hooks.scalar_of)(&x, "round")?
        }
        _ => x,
    };
    match (&x, nd) {
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

/// Sorts values by Python's ordering, optionally by a key function, stably.
pub fn sort_values(
    it: &mut Interp,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: Option<Value>,
) -> R<Vec<Value>> {
    let reverse = it.flag(reverse, false)?;
    let mut keyed = Vec::with_capacity(items.len());
    for v in items {
        let k = match &key {
            Some(f) => it.call(f, Args::new(vec![v.clone()]))?,
            None => v.clone(),
        };
        keyed.push((k, v));
    }
    // Merge sort by hand: the comparison can fail, which sort_by cannot report.
    let mut err = None;
    keyed.sort_by(|a, b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match it.order(&a.0, &b.0, crate::syntax::ast::CmpOp::Lt) {
            Ok(o) => {
                if reverse {
                    o.reverse()
                } else {
                    o
                }
            }
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(keyed.into_iter().map(|(_, v)| v).collect())
}
