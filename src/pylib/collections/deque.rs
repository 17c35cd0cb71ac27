//! `collections.deque`: a double-ended queue with an optional maximum length.

use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::iter::iter_value_named;
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::{bind, int_arg, method, PyClass};
use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// The `deque` class.
pub(super) fn class() -> Value {
    PyClass::value("deque", "collections", Some(new_deque), |v| {
        v.as_object::<Deque>().is_some()
    })
}

fn new_deque(it: &mut Interp, class: &Value, args: Args) -> R<Value> {
    let [iterable, maxlen] = bind(&args, "deque", ["iterable=()", "maxlen=None"])?;
    let maxlen = match maxlen {
        None => None,
        Some(v) => {
            let n = int_arg(&v)?;
            if n < 0 {
                return raise(ExcKind::ValueError, "maxlen must be non-negative");
            }
            Some(n as usize)
        }
    };
    let d = Deque {
        class: class.clone(),
        items: RefCell::new(VecDeque::new()),
        maxlen,
    };
    if let Some(src) = iterable {
        let items = it.collect_items(&src)?;
        for x in items {
            d.push(x, true);
        }
    }
    Ok(Value::Object(Rc::new(d)))
}

/// A deque.
pub(crate) struct Deque {
    class: Value,
    items: RefCell<VecDeque<Value>>,
    maxlen: Option<usize>,
}

impl Deque {
    /// Appends at the right (or left), dropping from the other end past `maxlen`.
    fn push(&self, x: Value, right: bool) {
        let mut q = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        if right {
            q.push_back(x);
        } else {
            q.push_front(x);
        }
        if let Some(m) = self.maxlen {
            while q.len() > m {
                if right {
                    q.pop_front();
                } else {
                    q.pop_back();
                }
            }
        }
    }

    fn index(&self, it: &mut Interp, i: &Value) -> R<usize> {
        let i = match i {
            Value::Int(_) | Value::Bool(_) => int_arg(i)?,
            other => {
                return Err(type_err(format!(
                    "sequence index must be integer, not '{}'",
                    other.type_name()
                )))
            }
        };
        let _ = it;
        let n = self.items.borrow().len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return raise(ExcKind::IndexError, "deque index out of range");
        }
        Ok(j as usize)
    }
}

const METHODS: &[&str] = &[
    "append",
    "appendleft",
    "pop",
    "popleft",
    "extend",
    "extendleft",
    "rotate",
    "clear",
    "count",
    "index",
    "remove",
    "insert",
    "reverse",
    "copy",
    "__len__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__eq__",
    "__iter__",
];

impl Object for Deque {
    fn type_name(&self) -> String {
        "deque".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "maxlen" => Some(
                self.maxlen
                    .map(|m| Value::Int(m as i64))
                    .unwrap_or(Value::None),
            ),
            "__class__" => Some(self.class.clone()),
            _ => method(this, name, METHODS, deque_method),
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let items: Vec<Value> = self.items.borrow().iter().cloned().collect();
        let body = it.repr(&Value::list(items))?;
        Ok(match self.maxlen {
            Some(m) => format!("deque({}, maxlen={})", body, m),
            None => format!("deque({})", body),
        })
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(std::iter::once("maxlen".to_string()))
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn deque_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Some(d) = this.as_object::<Deque>() else {
        return Ok(Value::None);
    };
    let arg0 = args.pos.first().cloned().unwrap_or(Value::None);
    match name {
        "append" | "appendleft" => {
            d.push(arg0, name == "append");
            Ok(Value::None)
        }
        "pop" | "popleft" => {
            let mut q = d.items.borrow_mut();
            let v = if name == "pop" {
                q.pop_back()
            } else {
                q.pop_front()
            };
            match v {
                Some(v) => Ok(v),
                None => raise(ExcKind::IndexError, "pop from an empty deque"),
            }
        }
        "extend" | "extendleft" => {
            let items = it.collect_items(&arg0)?;
            for x in items {
                d.push(x, name == "extend");
            }
            Ok(Value::None)
        }
        "rotate" => {
            let [n] = bind(&args, "rotate", ["n=1"])?;
            let n = match n {
                Some(v) => int_arg(&v)?,
                None => 1,
            };
            let mut q = d.items.borrow_mut();
            let len = q.len() as i64;
            if len > 0 {
                let k = n.rem_euclid(len) as usize;
                q.rotate_right(k);
            }
            Ok(Value::None)
        }
        "clear" => {
            d.items.borrow_mut().clear();
            Ok(Value::None)
        }
        "reverse" => {
            d.items.borrow_mut().make_contiguous().reverse();
            Ok(Value::None)
        }
        "copy" => Ok(Value::Object(Rc::new(Deque {
            class: d.class.clone(),
            items: RefCell::new(d.items.borrow().clone()),
            maxlen: d.maxlen,
        }))),
        "insert" => {
            let [i, x] = bind(&args, "insert", ["index", "object"])?;
            let i = int_arg(&i.unwrap_or(Value::None))?;
            if d.maxlen.is_some_and(|m| d.items.borrow().len() >= m) {
                return raise(ExcKind::IndexError, "deque already at its maximum size");
            }
            let mut q = d.items.borrow_mut();
            let n = q.len() as i64;
            let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
            q.insert(j as usize, x.unwrap_or(Value::None));
            Ok(Value::None)
        }
        "remove" => {
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            for (i, x) in items.iter().enumerate() {
                if it.equal(x, &arg0)? {
                    d.items.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            raise(
                ExcKind::ValueError,
                format!("{} is not in deque", it.repr(&arg0)?),
            )
        }
        "count" | "index" => {
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            let mut n = 0;
            for (i, x) in items.iter().enumerate() {
                if it.equal(x, &arg0)? {
                    if name == "index" {
                        return Ok(Value::Int(i as i64));
                    }
                    n += 1;
                }
            }
            if name == "index" {
                return raise(
                    ExcKind::ValueError,
                    format!("{} is not in deque", it.repr(&arg0)?),
                );
            }
            Ok(Value::Int(n))
        }
        "__len__" => Ok(Value::Int(d.items.borrow().len() as i64)),
        "__getitem__" => {
            let i = d.index(it, &arg0)?;
            Ok(d.items.borrow()[i].clone())
        }
        "__setitem__" => {
            let i = d.index(it, &arg0)?;
            d.items.borrow_mut()[i] = args.pos.get(1).cloned().unwrap_or(Value::None);
            Ok(Value::None)
        }
        "__delitem__" => {
            let i = d.index(it, &arg0)?;
            d.items.borrow_mut().remove(i);
            Ok(Value::None)
        }
        "__eq__" => {
            let Some(o) = arg0.as_object::<Deque>() else {
                return Ok(Value::Bool(false));
            };
            let a = Value::list(d.items.borrow().iter().cloned().collect());
            let b = Value::list(o.items.borrow().iter().cloned().collect());
            Ok(Value::Bool(it.equal(&a, &b)?))
        }
        _ => {
            let items: Vec<Value> = d.items.borrow().iter().cloned().collect();
            Ok(iter_value_named(items, "_collections._deque_iterator"))
        }
    }
}
