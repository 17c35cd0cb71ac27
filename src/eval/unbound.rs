//! A builtin type's methods looked up on the type itself (`str.lower`, `list.append`,
//! `dict.get`, `float.hex`): method descriptors, called with the receiver first, as in
//! `map(str.strip, lines)` or `sorted(words, key=str.lower)`; and `dict.fromkeys`.

use super::bytes::{BYTEARRAY_METHODS, BYTES_METHODS};
use super::error::type_err;
use super::methods::{DICT_METHODS, LIST_METHODS, STR_METHODS, TUPLE_METHODS};
use super::sets::SET_METHODS;
use super::{Interp, Value};

/// The methods of builtin type `ty` (its last dotted part), when it has a method `name`.
fn method_of(ty: &str, name: &str) -> Option<(&'static str, &'static str)> {
    let (ty, list): (&'static str, &[&'static str]) = match ty {
        "str" => ("str", STR_METHODS),
        "list" => ("list", LIST_METHODS),
        "dict" => ("dict", DICT_METHODS),
        "tuple" => ("tuple", TUPLE_METHODS),
        "set" => ("set", SET_METHODS),
        "bytes" => ("bytes", BYTES_METHODS),
        "bytearray" => ("bytearray", BYTEARRAY_METHODS),
        "float" => (
            "float",
            &["is_integer", "as_integer_ratio", "hex", "conjugate"],
        ),
        "int" => (
            "int",
            &[
                "bit_length",
                "bit_count",
                "to_bytes",
                "as_integer_ratio",
                "conjugate",
            ],
        ),
        _ => return None,
    };
    let m = list.iter().copied().find(|m| *m == name)?;
    Some((ty, m))
}

/// Whether `this` is an instance of builtin type `ty` (bool counts as int).
fn instance_of(ty: &str, this: &Value) -> bool {
    matches!(
        (ty, this),
        ("str", Value::Str(_))
            | ("list", Value::List(_))
            | ("dict", Value::Dict(_))
            | ("tuple", Value::Tuple(_))
            | ("set", Value::Set(_))
            | ("bytes", Value::Bytes(_))
            | ("bytearray", Value::ByteArray(_))
            | ("float", Value::Float(_))
            | ("int", Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
    )
}

/// `dict.fromkeys(iterable, value=None)`.
fn fromkeys(it: &mut Interp, a: super::value::Args) -> super::error::R<Value> {
    let [keys, value] = a.bind("fromkeys", ["iterable", "value=None"])?;
    let keys = it.collect_items(&keys.unwrap_or(Value::None))?;
    let value = value.unwrap_or(Value::None);
    let mut d = super::value::Dict::default();
    for k in keys {
        it.check_interrupt()?;
        d.insert(k, value.clone())?;
    }
    Ok(Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d))))
}

/// `ty.name` for builtin type `ty` (a builtin's registered name, possibly dotted), when
/// the type has that method (or, for `dict.fromkeys`, that class method).
pub fn descriptor(ty: &str, name: &str) -> Option<Value> {
    let ty = ty.rsplit('.').next().unwrap_or(ty);
    if (ty, name) == ("dict", "fromkeys") {
        return Some(Value::builtin("fromkeys", fromkeys));
    }
    let (ty, m) = method_of(ty, name)?;
    Some(Value::method(
        Value::str(ty),
        m,
        |it: &mut Interp, recv, m, mut a| {
            let ty = match recv {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            };
            if a.pos.is_empty() {
                return Err(type_err(format!(
                    "unbound method {}.{}() needs an argument",
                    ty, m
                )));
            }
            let this = a.pos.remove(0);
            if !instance_of(&ty, &this) {
                return Err(type_err(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    m,
                    ty,
                    this.type_name()
                )));
            }
            let bound = it.get_attr(&this, m)?;
            it.call(&bound, a)
        },
    ))
}
