//! Python's `typing` module: the names annotations use, subscriptable and printed as
//! CPython 3.11 prints them (`typing.List[int]`, `typing.Optional[str]`, `~T`), with
//! `cast`, `get_type_hints`, `get_origin`, `get_args`, `TypeVar`, `Generic`, `Protocol`
//! and the class syntax of `NamedTuple`; builtin types subscript to generic aliases
//! (`list[int]`). The forms themselves are in `typing/forms.rs`.

mod forms;

use super::pyclass::{module, PyClass};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Class, Dict, Value};
use crate::eval::Interp;
use forms::{Form, Kind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

builtin! {
    /// Cast a value to a type.
    python ["typing.cast"]
    fn cast(it, typ, val) {
        let _ = typ;
        Ok(val)
    }
}

builtin! {
    /// Decorator for overloaded functions/methods.
    python ["typing.overload", "typing.final", "typing.no_type_check",
            "typing.runtime_checkable"]
    fn overload(it, func) {
        Ok(func)
    }
}

builtin! {
    /// Return type hints for an object.
    python ["typing.get_type_hints"]
    fn get_type_hints(it, obj, globalns = None, localns = None, include_extras = False) {
        let mut out = Dict::default();
        let mut chain = Vec::new();
        if let Value::Class(c) = &obj {
            let mut stack = vec![c.clone()];
            while let Some(c) = stack.pop() {
                chain.push(c.clone());
                for b in c.bases.iter().rev() {
                    if let Value::Class(b) = b {
                        stack.push(b.clone());
                    }
                }
            }
            chain.reverse();
            for c in chain {
                if let Some(Value::Dict(d)) = c.dict.borrow().get("__annotations__") {
                    let d = d.borrow();
                    for (k, v) in d.keys.iter().zip(&d.values) {
                        out.insert(k.clone(), forms::hint(it, v)?)?;
                    }
                }
            }
        } else if let Ok(Value::Dict(d)) = it.get_attr(&obj, "__annotations__") {
            let d = d.borrow().clone();
            for (k, v) in d.keys.iter().zip(&d.values) {
                out.insert(k.clone(), forms::hint(it, v)?)?;
            }
        }
        Ok(Value::Dict(Rc::new(RefCell::new(out))))
    }
}

builtin! {
    /// Get the unsubscripted version of a type.
    python ["typing.get_origin"]
    fn get_origin(it, tp) {
        Ok(match tp.as_object::<Form>() {
            Some(f) => f.origin(it),
            None => Value::None,
        })
    }
}

builtin! {
    /// Get type arguments with all substitutions performed.
    python ["typing.get_args"]
    fn get_args(it, tp) {
        Ok(match tp.as_object::<Form>() {
            Some(f) => f.args_value(),
            None => Value::tuple(vec![]),
        })
    }
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False)`.
fn new_typevar(it: &mut Interp, _class: &Value, args: Args) -> R<Value> {
    let mut pos = args.pos.into_iter();
    let name = match pos.next() {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(type_err(format!(
                "TypeVar.__init__() argument 'name' must be str, not {}",
                other.type_name()
            )))
        }
        None => {
            return Err(type_err(
                "TypeVar.__init__() missing required argument 'name' (pos 1)",
            ))
        }
    };
    let constraints: Vec<Value> = pos.collect();
    if constraints.len() == 1 {
        return raise(ExcKind::TypeError, "A single constraint is not allowed");
    }
    let mut bound = Value::None;
    let mut variance = "~";
    for (k, v) in args.kw {
        match k.as_str() {
            "bound" => bound = v,
            "covariant" if it.truthy(&v)? => variance = "+",
            "contravariant" if it.truthy(&v)? => variance = "-",
            "covariant" | "contravariant" => {}
            other => {
                return Err(type_err(format!(
                    "TypeVar.__init__() got an unexpected keyword argument '{}'",
                    other
                )))
            }
        }
    }
    Ok(Form::value(Kind::TypeVar {
        name,
        variance,
        constraints,
        bound,
    }))
}

/// `NewType(name, tp)`: a callable that returns its argument.
fn new_newtype(_it: &mut Interp, _class: &Value, args: Args) -> R<Value> {
    let [name, tp] = super::pyclass::bind(&args, "NewType.__init__", ["name", "tp"])?;
    let name = match name {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(type_err("NewType name must be a string")),
    };
    Ok(Form::value(Kind::NewType {
        name,
        supertype: tp.unwrap_or(Value::None),
    }))
}

/// A class of this module made in Rust (`Generic`, `Protocol`), subscriptable through
/// `__class_getitem__`.
fn base_class(name: &str) -> Value {
    let mut dict = HashMap::new();
    dict.insert("__module__".into(), Value::str("typing"));
    dict.insert("__qualname__".into(), Value::str(name));
    dict.insert(
        "__class_getitem__".into(),
        Value::builtin("__class_getitem__", forms::class_getitem),
    );
    Value::Class(Rc::new(Class {
        name: name.into(),
        bases: Vec::new(),
        dict: RefCell::new(dict),
    }))
}

/// Sets `typing`'s names and the hook that subscripts builtin types.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "typing");
    it.hooks.type_item = forms::type_item;
    for name in forms::SPECIAL {
        m.set(name, Form::value(Kind::Special(name)));
    }
    for (name, origin, n) in forms::ALIASES {
        let origin = forms::origin_value(it, origin);
        m.set(
            name,
            Form::value(Kind::Alias {
                name,
                origin,
                params: *n,
            }),
        );
    }
    m.set(
        "TypeVar",
        PyClass::value("TypeVar", "typing", Some(new_typevar), |v| {
            v.as_object::<Form>()
                .is_some_and(|f| matches!(f.kind, Kind::TypeVar { .. }))
        }),
    );
    m.set(
        "NewType",
        PyClass::value("NewType", "typing", Some(new_newtype), |v| {
            v.as_object::<Form>()
                .is_some_and(|f| matches!(f.kind, Kind::NewType { .. }))
        }),
    );
    m.set("Generic", base_class("Generic"));
    m.set("Protocol", base_class("Protocol"));
    m.set("NamedTuple", Form::value(Kind::NamedTuple));
    m.set("TYPE_CHECKING", Value::Bool(false));
    let str_type = forms::origin_value(it, "str");
    let bytes_type = forms::origin_value(it, "bytes");
    m.set("Text", str_type.clone());
    m.set(
        "AnyStr",
        Form::value(Kind::TypeVar {
            name: "AnyStr".into(),
            variance: "~",
            constraints: vec![bytes_type, str_type],
            bound: Value::None,
        }),
    );
}
