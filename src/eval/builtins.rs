//! Python's builtins: the functions about objects and text (print, repr, str, isinstance,
//! getattr, ...), each one declaration, and what is not a function (the exception classes,
//! constants, and `type` and `super`, whose names Rust reserves). The numeric builtins are in
//! `numbers.rs`, the ones about sequences and iteration in `sequences.rs`.

use super::error::{type_err, Flow, R};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::builtin;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

pub use super::sequences::sort_values;

/// Names of builtins that are types: `type(3) is int`, and they repr as `<class 'int'>`.
pub const TYPE_NAMES: &[&str] = &[
    "int",
    "float",
    "str",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
    "range",
    "type",
    "object",
    "bytes",
    "bytearray",
];

/// What is not a declared function: the exception classes and constants.
pub fn install(it: &mut Interp) {
    // Python's exception classes (TensorFlow's live in `tf.errors`).
    for kind in ExcKind::ALL.iter().filter(|k| k.module() == "builtins") {
        it.builtins
            .insert(kind.name().to_string(), Value::ExcClass(*kind));
    }
    for alias in ["EnvironmentError", "IOError"] {
        it.builtins
            .insert(alias.into(), Value::ExcClass(ExcKind::OSError));
    }
    it.builtins.insert("Ellipsis".into(), Value::Ellipsis);
    it.builtins
        .insert("NotImplemented".into(), super::descr::not_implemented());
    it.builtins
        .insert("__name__".into(), Value::str("__main__"));
    super::quitter::install(it);
}

/// The items of a `*args` tuple.
pub fn items(v: &Value) -> Vec<Value> {
    match v {
        Value::Tuple(t) => t.to_vec(),
        _ => vec![],
    }
}

/// A declaration's `*args` and `**kwargs` as a call's arguments again.
pub fn to_args(args: &Value, kwargs: &Value) -> Args {
    let kw = match kwargs {
        Value::Dict(d) => {
            let d = d.borrow();
            d.keys
                .iter()
                .zip(&d.values)
                .filter_map(|(k, v)| match k {
                    Value::Str(s) => Some((s.to_string(), v.clone())),
                    _ => None,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    Args {
        pos: items(args),
        kw,
    }
}

/// `sep` and `end` of print(): a string, or None for the default.
fn print_text(v: Value, which: &str, default: &str) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::None => Ok(default.to_string()),
        other => Err(type_err(format!(
            "{} must be None or a string, not {}",
            which,
            other.type_name()
        ))),
    }
}

builtin! {
    /// Prints the values to a stream, or to sys.stdout by default.
    python ["builtins.print"]
    fn print(it, *args, sep = " ", end = "\n", file = None, flush = False) {
        let sep = print_text(sep, "sep", " ")?;
        let end = print_text(end, "end", "\n")?;
        let mut parts = Vec::new();
        for v in items(&args) {
            parts.push(it.str_of(&v)?);
        }
        // Without `file`, print writes to `sys.stdout`, which the program may have replaced.
        let file = match file {
            Value::None => it.replaced_stdout().unwrap_or(Value::None),
            f => f,
        };
        if !matches!(file, Value::None) {
            // CPython writes each piece with its own call.
            let mut pieces = Vec::new();
            for (i, p) in parts.into_iter().enumerate() {
                if i > 0 {
                    pieces.push(sep.clone());
                }
                pieces.push(p);
            }
            pieces.push(end);
            let write = it.get_attr(&file, "write").map_err(|_| {
                super::error::attr_err(format!(
                    "'{}' object has no attribute 'write'",
                    file.type_name()
                ))
            })?;
            for p in pieces {
                it.call(&write, Args::new(vec![Value::str(&p)]))?;
            }
            if it.truthy(&flush)? {
                if let Ok(f) = it.get_attr(&file, "flush") {
                    it.call(&f, Args::default())?;
                }
            }
            return Ok(Value::None);
        }
        let text = format!("{}{}", parts.join(&sep), end);
        it.write_out(&text);
        it.check_out()?;
        Ok(Value::None)
    }
}

builtin! {
    /// str(object='') -> str
    python ["builtins.str"]
    fn str(it, object = "") {
        Ok(Value::str(&it.str_of(&object)?))
    }
}

builtin! {
    /// bool(x) -> bool
    python ["builtins.bool"]
    fn bool(it, x = False) {
        Ok(Value::Bool(it.truthy(&x)?))
    }
}

builtin! {
    /// Return the canonical string representation of the object.
    python ["builtins.repr"]
    fn repr(it, obj) {
        Ok(Value::str(&it.repr(&obj)?))
    }
}

builtin! {
    /// Return value.__format__(format_spec)
    python ["builtins.format"]
    fn format(it, value, format_spec = "") {
        let spec = match format_spec {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        };
        Ok(Value::str(&it.format_value(&value, &spec)?))
    }
}

builtin! {
    /// Return whether an object is an instance of a class or of a subclass thereof.
    python ["builtins.isinstance"]
    fn isinstance(it, obj, class_or_tuple) {
        Ok(Value::Bool(super::types::isinstance(&it.hooks, &obj, &class_or_tuple)?))
    }
}

builtin! {
    /// Return whether 'cls' is derived from another class or is the same class.
    python ["builtins.issubclass"]
    fn issubclass(it, cls, class_or_tuple) {
        if !matches!(cls, Value::Class(_) | Value::ExcClass(_) | Value::Builtin(_)) {
            return Err(type_err("issubclass() arg 1 must be a class"));
        }
        Ok(Value::Bool(subclass_check(&cls, &class_or_tuple)?))
    }
}

fn attr_name(n: Value) -> R<String> {
    match n {
        Value::Str(s) => Ok(s.to_string()),
        v => Err(type_err(format!(
            "attribute name must be string, not '{}'",
            v.type_name()
        ))),
    }
}

/// Whether class `c` derives from `t` (a class or a tuple of them).
fn subclass_check(c: &Value, t: &Value) -> R<bool> {
    let builtin_name =
        |b: &super::value::Builtin| b.name.rsplit('.').next().unwrap_or("").to_string();
    Ok(match (c, t) {
        (_, Value::Tuple(ts)) => {
            for t in ts.iter() {
                if subclass_check(c, t)? {
                    return Ok(true);
                }
            }
            false
        }
        (_, Value::Builtin(b)) if builtin_name(b) == "object" => true,
        (Value::Class(c), Value::Class(d)) => c.is_subclass_of(d),
        (Value::ExcClass(c), Value::ExcClass(d)) => c.is_subclass_of(*d),
        (Value::Class(c), Value::ExcClass(d)) => c.exc_kind().is_some_and(|k| k.is_subclass_of(*d)),
        (Value::Builtin(a), Value::Builtin(b)) => {
            let (a, b) = (builtin_name(a), builtin_name(b));
            a == b || (a == "bool" && b == "int")
        }
        (_, Value::Class(_) | Value::ExcClass(_) | Value::Builtin(_)) => false,
        _ => {
            return Err(type_err(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            ))
        }
    })
}

builtin! {
    /// Deletes the named attribute from the given object.
    python ["builtins.delattr"]
    fn delattr(it, obj, name) {
        let name = attr_name(name)?;
        it.del_attr(&obj, &name)?;
        Ok(Value::None)
    }
}

builtin! {
    /// vars([object]) -> dictionary
    python ["builtins.vars"]
    fn vars(it, *object) {
        let object = items(&object);
        let Some(obj) = object.first() else {
            let sc = it.scope.borrow();
            let mut names: Vec<(String, Value)> = sc
                .vars
                .iter()
                .filter(|(k, _)| !k.starts_with(' '))
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            drop(sc);
            names.sort_by(|a, b| a.0.cmp(&b.0));
            let mut d = super::value::Dict::default();
            for (k, v) in names {
                d.insert(Value::str(&k), v)?;
            }
            return Ok(Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d))));
        };
        match it.get_attr(obj, "__dict__") {
            Ok(d) => Ok(d),
            Err(_) => Err(type_err("vars() argument must have __dict__ attribute")),
        }
    }
}

builtin! {
    /// Return whether the object has an attribute with the given name.
    python ["builtins.hasattr"]
    fn hasattr(it, obj, name) {
        let name = attr_name(name)?;
        match it.get_attr(&obj, &name) {
            Ok(_) => Ok(Value::Bool(true)),
            Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) => Ok(Value::Bool(false)),
            Err(e) => Err(e),
        }
    }
}

builtin! {
    /// getattr(object, name[, default]) -> value
    python ["builtins.getattr"]
    fn getattr(it, obj, name, *default) {
        let default = items(&default);
        if default.len() > 1 {
            return Err(type_err(format!(
                "getattr() takes from 2 to 3 positional arguments but {} were given",
                default.len() + 2
            )));
        }
        let name = attr_name(name)?;
        match it.get_attr(&obj, &name) {
            Ok(v) => Ok(v),
            Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) && !default.is_empty() => {
                Ok(default[0].clone())
            }
            Err(e) => Err(e),
        }
    }
}

builtin! {
    /// Sets the named attribute on the given object to the specified value.
    python ["builtins.setattr"]
    fn setattr(it, obj, name, value) {
        let name = attr_name(name)?;
        it.set_attr(&obj, &name, value)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Return whether the object is callable (i.e., some kind of function).
    python ["builtins.callable"]
    fn callable(it, obj) {
        Ok(Value::Bool(it.is_callable(&obj)))
    }
}

builtin! {
    /// Return the identity of an object.
    python ["builtins.id"]
    fn id(it, obj) {
        Ok(Value::Int(obj.identity() as i64))
    }
}

builtin! {
    /// Return the hash value for the given object.
    python ["builtins.hash"]
    fn hash(it, obj) {
        use std::hash::{Hash, Hasher};
        if let Some(h) = super::bigint::hash_number(&obj) {
            return Ok(Value::Int(h));
        }
        if let Value::Instance(_) = &obj {
            if let Some(r) = it.call_special(&obj, "__hash__", vec![])? {
                return match r {
                    Value::Int(_) => Ok(r),
                    Value::Bool(b) => Ok(Value::Int(b as i64)),
                    _ => Err(type_err("__hash__ method should return an integer")),
                };
            }
        }
        let k = super::value::Key::of(&obj)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        k.hash(&mut h);
        Ok(Value::Int(h.finish() as i64))
    }
}

builtin! {
    /// slice(stop) or slice(start, stop[, step]): the object `x[start:stop:step]` indexes with.
    python ["builtins.slice"]
    fn slice(it, *args) {
        let a = items(&args);
        let none = || Value::None;
        let parts = match a.len() {
            0 => return Err(type_err("slice expected at least 1 argument, got 0")),
            1 => [none(), a[0].clone(), none()],
            2 => [a[0].clone(), a[1].clone(), none()],
            3 => [a[0].clone(), a[1].clone(), a[2].clone()],
            n => return Err(type_err(format!("slice expected at most 3 arguments, got {}", n))),
        };
        Ok(Value::Slice(Rc::new(parts)))
    }
}

builtin! {
    /// The base class of the class hierarchy.
    python ["builtins.object"]
    fn object(it) {
        Ok(Value::Object(Rc::new(PlainObject)))
    }
}

/// What `object()` makes: an object with identity and nothing else (a sentinel).
struct PlainObject;

impl super::value::Object for PlainObject {
    fn type_name(&self) -> String {
        "object".into()
    }
    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn set_attr(&self, name: &str, _value: Value, _it: &mut Interp) -> R<bool> {
        Err(super::error::attr_err(format!(
            "'object' object has no attribute '{}'",
            name
        )))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<object object at 0x{:x}>",
            self as *const PlainObject as usize
        ))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

builtin! {
    /// Return the dictionary containing the current scope's global variables.
    python ["builtins.globals"]
    fn globals(it) {
        let mut d = Dict::default();
        for (k, v) in it.global_vars() {
            d.insert(Value::str(&k), v)?;
        }
        Ok(Value::Dict(Rc::new(RefCell::new(d))))
    }
}

builtin! {
    /// dir([object]) -> list of strings
    python ["builtins.dir"]
    fn dir(it, object = None) {
        let mut names: Vec<String> = match &object {
            Value::Module(m) => m.attrs.borrow().keys().cloned().collect(),
            Value::Instance(i) => i.dict.borrow().keys().cloned().collect(),
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
    }
}

impl Interp {
    /// Python's `callable(v)`.
    pub(crate) fn is_callable(&mut self, v: &Value) -> bool {
        match v {
            Value::Function(_)
            | Value::Builtin(_)
            | Value::Bound(_)
            | Value::Class(_)
            | Value::ExcClass(_)
            | Value::Object(_) => true,
            Value::Instance(_) => self.special(v, "__call__").is_some(),
            _ => false,
        }
    }
}
