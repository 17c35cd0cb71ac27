//! Python's `collections` module: defaultdict, Counter, namedtuple, OrderedDict, deque,
//! ChainMap. `defaultdict`, `Counter` and `OrderedDict` are dicts (a [`DictExt`] on a plain
//! dict), so they work wherever a dict does; the others are native objects.

mod chainmap;
mod counter;
mod deque;
mod namedtuple;
pub(crate) use namedtuple::{namedtuple_class, namedtuple_with};

use super::pyclass::{bind, method, module, PyClass};
use crate::errors::ExcKind;
use crate::eval::error::{key_err, key_str_err, raise, type_err, R};
use crate::eval::value::{Args, Dict, DictExt, Value};
use crate::eval::Interp;
use std::cell::RefCell;
use std::rc::Rc;

/// Sets `collections`'s classes.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "collections");
    m.set(
        "defaultdict",
        PyClass::value("defaultdict", "collections", Some(new_defaultdict), |v| {
            ext_is::<DefaultDict>(v)
        }),
    );
    m.set(
        "OrderedDict",
        PyClass::value("OrderedDict", "collections", Some(new_ordered), |v| {
            ext_is::<Ordered>(v)
        }),
    );
    m.set("Counter", counter::class());
    m.set("deque", deque::class());
    m.set("ChainMap", chainmap::class());
}

/// A dict with `ext`, filled from a call's arguments as `dict(...)` fills one.
pub(super) fn new_dict(it: &mut Interp, ext: Rc<dyn DictExt>, args: Args) -> R<Value> {
    let d = Value::Dict(Rc::new(RefCell::new({
        let mut d = Dict::default();
        d.ext = Some(ext);
        d
    })));
    if !args.pos.is_empty() || !args.kw.is_empty() {
        let update = it.get_attr(&d, "update")?;
        it.call(&update, args)?;
    }
    Ok(d)
}

/// Whether `v` is a dict whose subclass part is a `T`.
pub(super) fn ext_is<T: 'static>(v: &Value) -> bool {
    match v {
        Value::Dict(d) => d
            .borrow()
            .ext
            .as_ref()
            .is_some_and(|e| e.as_any_ext().is::<T>()),
        _ => false,
    }
}

/// The entries of a dict as a plain dict (no subclass part).
pub(super) fn plain(v: &Value) -> Value {
    match v {
        Value::Dict(d) => {
            let mut p = d.borrow().clone();
            p.ext = None;
            Value::Dict(Rc::new(RefCell::new(p)))
        }
        other => other.clone(),
    }
}

/// The entries of a dict, in order.
pub(super) fn entries(v: &Value) -> Vec<(Value, Value)> {
    match v {
        Value::Dict(d) => {
            let d = d.borrow();
            d.keys
                .iter()
                .cloned()
                .zip(d.values.iter().cloned())
                .collect()
        }
        _ => Vec::new(),
    }
}

/// `defaultdict(default_factory=None, /, ...)`.
fn new_defaultdict(it: &mut Interp, class: &Value, mut args: Args) -> R<Value> {
    let factory = if args.pos.is_empty() {
        Value::None
    } else {
        args.pos.remove(0)
    };
    if !matches!(factory, Value::None) && !it.is_callable(&factory) {
        return raise(
            ExcKind::TypeError,
            "first argument must be callable or None",
        );
    }
    let ext = Rc::new(DefaultDict {
        class: class.clone(),
        factory,
    });
    new_dict(it, ext, args)
}

/// The subclass part of a `defaultdict`.
struct DefaultDict {
    class: Value,
    factory: Value,
}

impl DictExt for DefaultDict {
    fn type_name(&self) -> String {
        "defaultdict".into()
    }
    fn class(&self) -> Value {
        self.class.clone()
    }
    fn attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if name == "default_factory" {
            return Ok(Some(self.factory.clone()));
        }
        Ok(method(
            this,
            name,
            &["__missing__", "__repr__"],
            defaultdict_method,
        ))
    }
    fn as_any_ext(&self) -> &dyn std::any::Any {
        self
    }
}

fn factory_of(v: &Value) -> Value {
    if let Value::Dict(d) = v {
        if let Some(e) = d.borrow().ext.as_ref() {
            if let Some(dd) = e.as_any_ext().downcast_ref::<DefaultDict>() {
                return dd.factory.clone();
            }
        }
    }
    Value::None
}

fn defaultdict_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let factory = factory_of(this);
    match name {
        "__missing__" => {
            let key = args.pos.first().cloned().unwrap_or(Value::None);
            if let Value::None = factory {
                let shown = it.repr(&key)?;
                return Err(key_err(key, shown));
            }
            let v = it.call(&factory, Args::default())?;
            if let Value::Dict(d) = this {
                d.borrow_mut().insert(key, v.clone())?;
            }
            Ok(v)
        }
        _ => {
            let f = it.repr(&factory)?;
            let body = it.repr(&plain(this))?;
            Ok(Value::str(&format!("defaultdict({}, {})", f, body)))
        }
    }
}

/// `OrderedDict(...)`.
fn new_ordered(it: &mut Interp, class: &Value, args: Args) -> R<Value> {
    new_dict(
        it,
        Rc::new(Ordered {
            class: class.clone(),
        }),
        args,
    )
}

/// The subclass part of an `OrderedDict`.
struct Ordered {
    class: Value,
}

impl DictExt for Ordered {
    fn type_name(&self) -> String {
        "OrderedDict".into()
    }
    fn class(&self) -> Value {
        self.class.clone()
    }
    fn attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(method(
            this,
            name,
            &["__repr__", "__eq__", "move_to_end", "popitem"],
            ordered_method,
        ))
    }
    fn as_any_ext(&self) -> &dyn std::any::Any {
        self
    }
}

fn ordered_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Value::Dict(d) = this else {
        return Ok(Value::None);
    };
    match name {
        "__repr__" => {
            if d.borrow().is_empty() {
                return Ok(Value::str("OrderedDict()"));
            }
            let pairs: Vec<Value> = entries(this)
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect();
            let body = it.repr(&Value::list(pairs))?;
            Ok(Value::str(&format!("OrderedDict({})", body)))
        }
        "__eq__" => {
            let other = args.pos.first().cloned().unwrap_or(Value::None);
            if ext_is::<Ordered>(&other) {
                let (a, b) = (entries(this), entries(&other));
                if a.len() != b.len() {
                    return Ok(Value::Bool(false));
                }
                for ((k1, v1), (k2, v2)) in a.iter().zip(&b) {
                    if !it.equal(k1, k2)? || !it.equal(v1, v2)? {
                        return Ok(Value::Bool(false));
                    }
                }
                return Ok(Value::Bool(true));
            }
            Ok(Value::Bool(it.equal(&plain(this), &plain(&other))?))
        }
        "move_to_end" => {
            let [key, last] = bind(&args, "move_to_end", ["key", "last=True"])?;
            let key = key.unwrap_or(Value::None);
            let last = it.flag(last, true)?;
            let removed = d.borrow_mut().remove(&key)?;
            let Some(v) = removed else {
                let shown = it.repr(&key)?;
                return Err(key_err(key, shown));
            };
            let mut dm = d.borrow_mut();
            if last {
                dm.insert(key, v)?;
            } else {
                let rest: Vec<(Value, Value)> = dm
                    .keys
                    .iter()
                    .cloned()
                    .zip(dm.values.iter().cloned())
                    .collect();
                let ext = dm.ext.clone();
                *dm = {
                    let mut d = Dict::default();
                    d.ext = ext;
                    d
                };
                dm.insert(key, v)?;
                for (k, x) in rest {
                    dm.insert(k, x)?;
                }
            }
            Ok(Value::None)
        }
        _ => {
            let [last] = bind(&args, "popitem", ["last=True"])?;
            let last = it.flag(last, true)?;
            let key = {
                let d = d.borrow();
                if last {
                    d.keys.last().cloned()
                } else {
                    d.keys.first().cloned()
                }
            };
            let Some(k) = key else {
                return Err(key_str_err("dictionary is empty"));
            };
            let v = d.borrow_mut().remove(&k)?.unwrap_or(Value::None);
            Ok(Value::tuple(vec![k, v]))
        }
    }
}

/// An int count or value for Counter arithmetic, with Python's error for others.
pub(super) fn not_supported(op: &str, a: &Value, b: &Value) -> crate::eval::error::Flow {
    type_err(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op,
        a.type_name(),
        b.type_name()
    ))
}
