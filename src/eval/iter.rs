//! Iteration: Python's iterator protocol. An iterator is pulled one item at a time and may
//! run Python code to make each item (an instance's `__next__`, a generator's body), so
//! pulling takes the evaluator. `for`, unpacking, `list()` and friends walk an [`Iter`];
//! `iter()` and everything that returns an iterator object make a [`Value::Iterator`]
//! holding a [`PyIter`].

use super::error::{raise, type_err, Flow, R};
use super::value::{Args, List, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

/// A Python iterator object: `__next__` is [`PyIter::next`], `None` is StopIteration.
pub trait PyIter {
    /// The next item, or `None` when exhausted.
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>>;
    /// Python's type name: `list_iterator`, `generator`, `zip`, ...
    fn type_name(&self) -> String;
    /// How many items are left, when that is known without pulling (for pre-sizing).
    fn len_hint(&self) -> Option<usize> {
        None
    }
    /// The `repr`; by default `<TYPE object at 0x..>`.
    fn repr(&self, addr: usize) -> String {
        format!("<{} object at 0x{:x}>", self.type_name(), addr)
    }
    /// What an exhausted generator returned (StopIteration's value), once.
    fn take_return(&mut self) -> Option<Value> {
        None
    }
    /// The generator behind a generator object (for `send`, `throw`, `close`).
    fn as_generator(&mut self) -> Option<&mut super::generator::Generator> {
        None
    }
}

/// A shared iterator object, as a `Value::Iterator` holds it.
pub type IterRef = Rc<RefCell<Box<dyn PyIter>>>;

/// Wraps an iterator object as a value.
pub fn iter_object(i: impl PyIter + 'static) -> Value {
    Value::Iterator(Rc::new(RefCell::new(Box::new(i))))
}

/// A one-shot iterator value over collected items, with Python's type name
/// (`list_iterator`, `zip`, `map`, ...).
pub fn iter_value_named(items: Vec<Value>, name: &'static str) -> Value {
    iter_object(VecIter {
        items: items.into_iter(),
        name,
    })
}

/// Pulls one item from a shared iterator object. Pulling an iterator that is already
/// running (a generator calling `next` on itself) is Python's ValueError.
pub fn pull(r: &IterRef, it: &mut Interp) -> R<Option<Value>> {
    let Ok(mut b) = r.try_borrow_mut() else {
        return raise(ExcKind::ValueError, "generator already executing");
    };
    b.next(it)
}

/// Collected items handed out one by one.
pub struct VecIter {
    pub items: std::vec::IntoIter<Value>,
    pub name: &'static str,
}

impl PyIter for VecIter {
    fn next(&mut self, _: &mut Interp) -> R<Option<Value>> {
        Ok(self.items.next())
    }
    fn type_name(&self) -> String {
        self.name.into()
    }
    fn len_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A list walked by index, so items appended while iterating are seen (as in CPython).
pub struct ListIter {
    list: List,
    idx: usize,
}

impl PyIter for ListIter {
    fn next(&mut self, _: &mut Interp) -> R<Option<Value>> {
        let l = self.list.borrow();
        let v = l.get(self.idx).cloned();
        if v.is_some() {
            self.idx += 1;
        }
        Ok(v)
    }
    fn type_name(&self) -> String {
        "list_iterator".into()
    }
    fn len_hint(&self) -> Option<usize> {
        Some(self.list.borrow().len().saturating_sub(self.idx))
    }
}

/// `range` walked lazily.
pub struct RangeIter {
    i: i64,
    stop: i64,
    step: i64,
}

impl RangeIter {
    fn step(&mut self) -> Option<Value> {
        let (i, stop, step) = (self.i, self.stop, self.step);
        if (step > 0 && i < stop) || (step < 0 && i > stop) {
            // Saturating: the range ends before it could wrap.
            self.i = i.checked_add(step).unwrap_or(stop);
            Some(Value::Int(i))
        } else {
            None
        }
    }
}

impl PyIter for RangeIter {
    fn next(&mut self, _: &mut Interp) -> R<Option<Value>> {
        Ok(self.step())
    }
    fn type_name(&self) -> String {
        "range_iterator".into()
    }
    fn len_hint(&self) -> Option<usize> {
        let span = if self.step > 0 {
            (self.stop as i128 - self.i as i128 + self.step as i128 - 1) / self.step as i128
        } else {
            (self.i as i128 - self.stop as i128 - self.step as i128 - 1) / -(self.step as i128)
        };
        Some(span.max(0).min(usize::MAX as i128) as usize)
    }
}

/// An instance iterator: its `__next__` called until it raises StopIteration.
pub struct InstanceIter {
    next: Value,
    name: String,
}

impl PyIter for InstanceIter {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        match it.call(&self.next, Args::default()) {
            Ok(v) => Ok(Some(v)),
            Err(Flow::Error(e)) if e.is(ExcKind::StopIteration) => Ok(None),
            Err(e) => Err(e),
        }
    }
    fn type_name(&self) -> String {
        self.name.clone()
    }
}

/// `iter(callable, sentinel)`: calls until the sentinel comes back.
pub struct CallableIter {
    pub callable: Value,
    pub sentinel: Value,
    pub done: bool,
}

impl PyIter for CallableIter {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        let v = match it.call(&self.callable, Args::default()) {
            Ok(v) => v,
            Err(Flow::Error(e)) if e.is(ExcKind::StopIteration) => {
                self.done = true;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        if it.equal(&v, &self.sentinel)? {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(v))
    }
    fn type_name(&self) -> String {
        "callable_iterator".into()
    }
}

/// What a loop walks: the common cases inline, anything else through a [`PyIter`].
pub enum Iter {
    Range(RangeIter),
    Items(std::vec::IntoIter<Value>),
    Own(Box<dyn PyIter>),
    Shared(IterRef),
}

impl Iter {
    /// The next item, or `None` when exhausted.
    #[inline]
    pub fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        match self {
            Iter::Range(r) => Ok(r.step()),
            Iter::Items(v) => Ok(v.next()),
            // Iterators that run code (user `__next__`, generators) may never end: each
            // step is a point where Ctrl-C stops them.
            Iter::Own(b) => {
                it.check_interrupt()?;
                b.next(it)
            }
            Iter::Shared(r) => {
                it.check_interrupt()?;
                pull(r, it)
            }
        }
    }

    /// How many items are left, when known.
    pub fn len_hint(&self) -> Option<usize> {
        match self {
            Iter::Range(r) => r.len_hint(),
            Iter::Items(v) => Some(v.len()),
            Iter::Own(b) => b.len_hint(),
            Iter::Shared(r) => r.try_borrow().ok().and_then(|b| b.len_hint()),
        }
    }
}

impl Interp {
    /// Starts iterating over `v` (Python's `iter(v)` as a loop uses it).
    pub(crate) fn iterate(&mut self, v: &Value) -> R<Iter> {
        Ok(match v {
            Value::List(l) => Iter::Own(Box::new(ListIter {
                list: l.clone(),
                idx: 0,
            })),
            Value::Set(l) => Iter::Items(l.borrow().clone().into_iter()),
            Value::Tuple(t) => Iter::Items(t.as_ref().clone().into_iter()),
            Value::Str(s) => {
                let chars: Vec<Value> = s.chars().map(|c| Value::str(&c.to_string())).collect();
                Iter::Items(chars.into_iter())
            }
            Value::Dict(d) => Iter::Items(d.borrow().keys.clone().into_iter()),
            Value::Bytes(_) | Value::ByteArray(_) => Iter::Items(
                super::bytes::bytes_of(v)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|b| Value::Int(b as i64))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            Value::Range(r) => Iter::Range(RangeIter {
                i: r.0,
                stop: r.1,
                step: r.2,
            }),
            Value::Iterator(i) => Iter::Shared(i.clone()),
            Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                Iter::Items((self.hooks.tensor_iter)(v)?.into_iter())
            }
            Value::Shape(s) => match &s.dims {
                Some(d) => Iter::Items(
                    d.iter()
                        .map(|x| x.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                        .collect::<Vec<_>>()
                        .into_iter(),
                ),
                None => {
                    return raise(
                        ExcKind::ValueError,
                        "Cannot iterate over a shape with unknown rank.",
                    )
                }
            },
            Value::Object(o) => match o.items() {
                Some(items) => Iter::Items(items.into_iter()),
                None => match self.special_method(v, "__iter__")? {
                    Some(f) => match self.call(&f, Args::default())? {
                        Value::Iterator(i) => Iter::Shared(i),
                        r => return Err(non_iterator(&r)),
                    },
                    None => return Err(not_iterable(v)),
                },
            },
            Value::Instance(_) => {
                let Some(f) = self.special(v, "__iter__") else {
                    return match self.special(v, "__getitem__") {
                        Some(getitem) => Ok(Iter::Own(Box::new(super::dunder_ops::SeqIter {
                            getitem,
                            i: 0,
                            done: false,
                        }))),
                        None => Err(not_iterable(v)),
                    };
                };
                let r = self.call(&f, Args::default())?;
                match &r {
                    Value::Iterator(i) => Iter::Shared(i.clone()),
                    Value::Instance(_) => match self.get_attr(&r, "__next__") {
                        Ok(next) => Iter::Own(Box::new(InstanceIter {
                            next,
                            name: r.type_name(),
                        })),
                        Err(_) => return Err(non_iterator(&r)),
                    },
                    _ => return Err(non_iterator(&r)),
                }
            }
            _ => return Err(not_iterable(v)),
        })
    }

    /// Every item of `v`, pulled until exhausted (`list(v)`), with the interrupt checked.
    pub(crate) fn collect_items(&mut self, v: &Value) -> R<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.as_ref().clone()),
            _ => {}
        }
        let mut items = self.iterate(v)?;
        self.drain(&mut items)
    }

    /// The rest of an iteration, collected.
    pub(crate) fn drain(&mut self, items: &mut Iter) -> R<Vec<Value>> {
        super::budget::values(items.len_hint().unwrap_or(0))?;
        let mut out = Vec::with_capacity(items.len_hint().unwrap_or(0).min(1 << 20));
        while let Some(x) = items.next(self)? {
            if out.len() & super::budget::EVERY == super::budget::EVERY {
                self.check_interrupt()?;
                super::budget::values(out.len())?;
            }
            out.push(x);
        }
        Ok(out)
    }

    /// `iter(v)`: an iterator object over `v` (`v` itself when it already is one).
    pub(crate) fn iter_of(&mut self, v: &Value) -> R<Value> {
        if let Value::Iterator(_) = v {
            return Ok(v.clone());
        }
        if let Value::Instance(_) | Value::Object(_) = v {
            if let Some(getitem) = self
                .special(v, "__getitem__")
                .filter(|_| self.special(v, "__iter__").is_none())
            {
                return Ok(iter_object(super::dunder_ops::SeqIter {
                    getitem,
                    i: 0,
                    done: false,
                }));
            }
            if let Some(f) = self.special_method(v, "__iter__")? {
                let r = self.call(&f, Args::default())?;
                return match &r {
                    Value::Iterator(_) => Ok(r),
                    Value::Instance(_) if self.get_attr(&r, "__next__").is_ok() => Ok(r),
                    _ => Err(non_iterator(&r)),
                };
            }
        }
        let name = match v {
            Value::List(_) => "list_iterator",
            Value::Tuple(_) => "tuple_iterator",
            Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
            Value::Str(_) => "str_iterator",
            Value::Dict(_) => "dict_keyiterator",
            Value::Set(_) => "set_iterator",
            Value::Range(..) => "range_iterator",
            _ => "iterator",
        };
        Ok(match self.iterate(v)? {
            Iter::Shared(r) => Value::Iterator(r),
            Iter::Own(b) => Value::Iterator(Rc::new(RefCell::new(b))),
            Iter::Range(r) => iter_object(r),
            Iter::Items(items) => iter_object(VecIter { items, name }),
        })
    }

    /// `next(v)` on any iterator: an iterator object or an instance with `__next__`.
    pub(crate) fn next_of(&mut self, v: &Value) -> R<Option<Value>> {
        match v {
            Value::Iterator(r) => pull(r, self),
            Value::Instance(_) | Value::Object(_) => match self.special_method(v, "__next__")? {
                Some(next) => match self.call(&next, Args::default()) {
                    Ok(x) => Ok(Some(x)),
                    Err(Flow::Error(e)) if e.is(ExcKind::StopIteration) => Ok(None),
                    Err(e) => Err(e),
                },
                None => Err(not_an_iterator(v)),
            },
            _ => Err(not_an_iterator(v)),
        }
    }
}

impl Interp {
    /// The attributes every iterator object has (`__next__`, `__iter__`), and a
    /// generator's.
    pub(crate) fn iterator_attr(&mut self, v: &Value, r: &IterRef, name: &str) -> Option<Value> {
        match name {
            "__next__" => Some(Value::method(v.clone(), "__next__", iter_dunder)),
            "__iter__" => Some(Value::method(v.clone(), "__iter__", iter_dunder)),
            _ => self.generator_attr(v, r, name),
        }
    }
}

/// `it.__next__()` and `it.__iter__()` called as methods.
fn iter_dunder(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    if !args.pos.is_empty() || !args.kw.is_empty() {
        return Err(type_err(format!(
            "expected 0 arguments, got {}",
            args.pos.len() + args.kw.len()
        )));
    }
    if name == "__iter__" {
        return Ok(this.clone());
    }
    match it.next_of(this)? {
        Some(x) => Ok(x),
        None => Err(it.exhausted(this)),
    }
}

impl Interp {
    /// The StopIteration `next(v)` raises: with a generator's return value, if any.
    pub(crate) fn exhausted(&mut self, v: &Value) -> Flow {
        let ret = match v {
            Value::Iterator(r) => r.try_borrow_mut().ok().and_then(|mut b| b.take_return()),
            _ => None,
        };
        super::generator::stop_iteration(self, ret.unwrap_or(Value::None))
    }
}

fn not_iterable(v: &Value) -> Flow {
    type_err(format!("'{}' object is not iterable", v.type_name()))
}

fn non_iterator(r: &Value) -> Flow {
    type_err(format!(
        "iter() returned non-iterator of type '{}'",
        r.type_name()
    ))
}

fn not_an_iterator(v: &Value) -> Flow {
    type_err(format!("'{}' object is not an iterator", v.type_name()))
}
