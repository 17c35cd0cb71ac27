//! Python's builtins that make or walk sequences: `range`, `list`, `tuple`, `set`, `dict`,
//! `len`, `enumerate`, `zip`, `sorted`, `reversed`, `map`, `filter`, `any`, `all`, `iter`,
//! `next`. Each function is one declaration; those whose CPython wording differs from plain
//! argument binding check their own arguments.

use super::builtins::{items, to_args};
use super::error::{raise, type_err, R};
use super::iter::{iter_object, iter_value_named, CallableIter};
use super::lazy;
use super::value::given;
use super::value::{Args, Value};
use super::Interp;
use crate::builtin;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

builtin! {
    /// range(stop) -> range object
    python ["builtins.range"]
    fn range(it, *args, **kwargs) {
        if !to_args(&Value::tuple(vec![]), &kwargs).kw.is_empty() {
            return raise(ExcKind::TypeError, "range() takes no keyword arguments");
        }
        let mut n = Vec::new();
        for v in items(&args) {
            match v {
                Value::Int(i) => n.push(i),
                Value::Bool(b) => n.push(b as i64),
                Value::BigInt(_) => {
                    return raise(ExcKind::OverflowError, "Python int too large to convert to C ssize_t")
                }
                Value::Tensor(t) if t.ndim() == 0 && !t.dtype().is_float() => {
                    n.push(t.item_i64().unwrap_or(0))
                }
                Value::NdArray(a) if a.ndim() == 0 && !a.dtype().is_float() => {
                    n.push(a.tensor().item_i64().unwrap_or(0))
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
            [] => return raise(ExcKind::TypeError, "range expected at least 1 argument, got 0"),
            _ => {
                return raise(ExcKind::TypeError,
                    format!("range expected at most 3 arguments, got {}", n.len()),
                )
            }
        };
        if step == 0 {
            return raise(ExcKind::ValueError, "range() arg 3 must not be zero");
        }
        Ok(Value::Range(Rc::new((start, stop, step))))
    }
}

/// The items of the one optional iterable `list()`, `tuple()` and `set()` take.
fn one_iterable(it: &mut Interp, args: &Value, name: &str) -> R<Vec<Value>> {
    let args = items(args);
    if args.len() > 1 {
        return raise(
            ExcKind::TypeError,
            format!("{} expected at most 1 argument, got {}", name, args.len()),
        );
    }
    match args.first() {
        Some(v) => Ok(it.collect_items(v)?),
        None => Ok(vec![]),
    }
}

builtin! {
    /// Built-in mutable sequence.
    python ["builtins.list"]
    fn list(it, *args) {
        Ok(Value::list(one_iterable(it, &args, "list")?))
    }
}

builtin! {
    /// Built-in immutable sequence.
    python ["builtins.tuple"]
    fn tuple(it, *args) {
        Ok(Value::tuple(one_iterable(it, &args, "tuple")?))
    }
}

builtin! {
    /// set() -> new empty set object
    python ["builtins.set"]
    fn set(it, *args) {
        let v = one_iterable(it, &args, "set")?;
        it.make_set(v)
    }
}

builtin! {
    /// dict() -> new empty dictionary
    python ["builtins.dict"]
    fn dict(it, *args, **kwargs) {
        let d = Value::Dict(Rc::new(RefCell::new(Default::default())));
        let update = it.get_attr(&d, "update")?;
        it.call(&update, to_args(&args, &kwargs))?;
        Ok(d)
    }
}

builtin! {
    /// Return the number of items in a container.
    python ["builtins.len"]
    fn len(it, obj) {
        let n = match &obj {
            Value::Str(s) => s.chars().count(),
            Value::List(l) | Value::Set(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Bytes(b) => b.len(),
            Value::ByteArray(b) => b.borrow().len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Range(r) => {
                let span = range_count(r.0, r.1, r.2);
                if span > i64::MAX as i128 {
                    return raise(
                        ExcKind::OverflowError,
                        "Python int too large to convert to C ssize_t",
                    );
                }
                span as usize
            }
            Value::Instance(_) => match it.instance_len(&obj)? {
                Some(n) => return Ok(Value::Int(n)),
                None => {
                    return Err(type_err(format!(
                        "object of type '{}' has no len()",
                        obj.type_name()
                    )))
                }
            },
            Value::Object(o) => match o.items() {
                Some(i) => i.len(),
                None if it.special_method(&obj, "__len__")?.is_some() => {
                    let f = it.get_attr(&obj, "__len__")?;
                    return it.call(&f, Args::default());
                }
                None => {
                    return Err(type_err(format!(
                        "object of type '{}' has no len()",
                        obj.type_name()
                    )))
                }
            },
            _ => return (it.hooks.tensor_len)(&obj),
        };
        Ok(Value::Int(n as i64))
    }
}

builtin! {
    /// Return an enumerate object.
    python ["builtins.enumerate"]
    fn enumerate(it, iterable, start = 0) {
        let Value::Int(start) = start else {
            return Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                start.type_name()
            )));
        };
        let inner = it.iterate(&iterable)?;
        Ok(iter_object(lazy::Enumerate { inner, i: start }))
    }
}

builtin! {
    /// zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.
    python ["builtins.zip"]
    fn zip(it, *iterables, strict = False) {
        let strict = it.truthy(&strict)?;
        let mut inners = Vec::new();
        for (i, v) in items(&iterables).iter().enumerate() {
            match it.iterate(v) {
                Ok(x) => inners.push(x),
                Err(super::error::Flow::Error(e)) if e.is(ExcKind::TypeError) => {
                    return Err(type_err(format!(
                        "zip argument #{} must support iteration",
                        i + 1
                    )))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(iter_object(lazy::Zip { inners, strict, done: false }))
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
    // The comparison can fail, which sort_by cannot report: keep the first error.
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

builtin! {
    /// Return a new list containing all items from the iterable in ascending order.
    python ["builtins.sorted"]
    fn sorted(it, iterable, *, key = None, reverse = False) {
        let items: Vec<Value> = it.collect_items(&iterable)?;
        Ok(Value::list(sort_values(it, items, given(key), Some(reverse))?))
    }
}

builtin! {
    /// Return a reverse iterator over the values of the given sequence.
    python ["builtins.reversed"]
    fn reversed(it, sequence) {
        let mut items: Vec<Value> = it.collect_items(&sequence)?;
        items.reverse();
        let name = match sequence {
            Value::List(_) => "list_reverseiterator",
            Value::Range(..) => "range_iterator",
            _ => "reversed",
        };
        Ok(iter_value_named(items, name))
    }
}

builtin! {
    /// map(func, *iterables) --> map object
    python ["builtins.map"]
    fn map(it, *args) {
        let args = items(&args);
        if args.len() < 2 {
            return raise(ExcKind::TypeError, "map() must have at least two arguments.");
        }
        let mut inners = Vec::new();
        for v in &args[1..] {
            inners.push(it.iterate(v)?);
        }
        Ok(iter_object(lazy::Map { f: args[0].clone(), inners }))
    }
}

builtin! {
    /// filter(function or None, iterable) --> filter object
    python ["builtins.filter"]
    fn filter(it, function, iterable) {
        let inner = it.iterate(&iterable)?;
        Ok(iter_object(lazy::Filter { f: given(function), inner }))
    }
}

builtin! {
    /// Return True if bool(x) is True for any x in the iterable.
    python ["builtins.any"]
    fn any(it, iterable) {
        let mut items = it.iterate(&iterable)?;
        while let Some(v) = items.next(it)? {
            if it.truthy(&v)? {
                return Ok(Value::Bool(true));
            }
        }
        Ok(Value::Bool(false))
    }
}

builtin! {
    /// Return True if bool(x) is True for all values x in the iterable.
    python ["builtins.all"]
    fn all(it, iterable) {
        let mut items = it.iterate(&iterable)?;
        while let Some(v) = items.next(it)? {
            if !it.truthy(&v)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    }
}

builtin! {
    /// iter(iterable) -> iterator
    /// iter(callable, sentinel) -> iterator
    python ["builtins.iter"]
    fn iter(it, object, *sentinel) {
        let sentinel = items(&sentinel);
        match sentinel.len() {
            0 => it.iter_of(&object),
            1 => {
                if !it.is_callable(&object) {
                    return raise(ExcKind::TypeError, "iter(v, w): v must be callable");
                }
                Ok(iter_object(CallableIter {
                    callable: object,
                    sentinel: sentinel[0].clone(),
                    done: false,
                }))
            }
            n => Err(type_err(format!("iter expected at most 2 arguments, got {}", n + 1))),
        }
    }
}

builtin! {
    /// next(iterator[, default])
    python ["builtins.next"]
    fn next(it, iterator, *default) {
        let default = items(&default);
        if default.len() > 1 {
            return Err(type_err(format!(
                "next expected at most 2 arguments, got {}",
                default.len() + 1
            )));
        }
        match (it.next_of(&iterator)?, default.into_iter().next()) {
            (Some(v), _) => Ok(v),
            (None, Some(d)) => Ok(d),
            (None, None) => Err(it.exhausted(&iterator)),
        }
    }
}

/// The number of items of `range(start, stop, step)` (`step` is never 0).
pub(crate) fn range_count(start: i64, stop: i64, step: i64) -> i128 {
    let span = if step > 0 {
        (stop as i128 - start as i128 + step as i128 - 1) / step as i128
    } else {
        (start as i128 - stop as i128 - step as i128 - 1) / -(step as i128)
    };
    span.max(0)
}

/// `range == range` compares the sequences, as CPython does: `range(0, 3, 2) == range(0, 4, 2)`.
pub(crate) fn same_range(x: &(i64, i64, i64), y: &(i64, i64, i64)) -> bool {
    let n = range_count(x.0, x.1, x.2);
    n == range_count(y.0, y.1, y.2) && (n == 0 || (x.0 == y.0 && (n == 1 || x.2 == y.2)))
}
