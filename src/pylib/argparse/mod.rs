//! Python's `argparse` module: command-line arguments for scripts, parsed, converted and
//! reported as CPython 3.11 does, help and errors byte for byte.
//!
//! | file | part |
//! |---|---|
//! | `mod.rs` | the module's names; `Namespace` |
//! | `parser.rs` | `ArgumentParser` and argument groups as Python objects |
//! | `container.rs` | the parser's state and `add_argument` |
//! | `action.rs` | actions (`_StoreAction`, ...) |
//! | `parse.rs` | parsing a command line |
//! | `format.rs` | help and usage text |
//! | `wrap.rs` | `textwrap`'s wrapping, for help text |
//! | `errors.rs` | `ArgumentError`, `ArgumentTypeError`, error output |

mod action;
mod container;
mod errors;
mod format;
mod parse;
mod parser;
mod wrap;

use super::pyclass::PyClass;
use crate::eval::error::{type_err, R};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// Sets `argparse`'s constants and classes.
pub(crate) fn install(it: &mut Interp) {
    let m = super::pyclass::module(it, "argparse");
    m.set(
        "ArgumentParser",
        PyClass::value(
            "ArgumentParser",
            "argparse",
            Some(parser::new_parser),
            |v| v.as_object::<parser::ParserObj>().is_some(),
        ),
    );
    m.set(
        "Namespace",
        PyClass::value("Namespace", "argparse", Some(new_namespace), |v| {
            v.as_object::<Namespace>().is_some()
        }),
    );
    for (name, _) in container::Fmt::ALL {
        m.set(name, PyClass::value(name, "argparse", None, |_| false));
    }
    m.set(
        "BooleanOptionalAction",
        PyClass::value("BooleanOptionalAction", "argparse", None, |v| {
            v.as_object::<action::Action>()
                .is_some_and(|a| a.kind == action::Kind::BooleanOptional)
        }),
    );
    m.set(
        "Action",
        PyClass::value("Action", "argparse", None, |v| {
            v.as_object::<action::Action>().is_some()
        }),
    );
    let (arg_err, type_err) = errors::classes();
    m.set("ArgumentError", arg_err);
    m.set("ArgumentTypeError", type_err);
    m.set("SUPPRESS", Value::str(action::SUPPRESS));
    m.set("OPTIONAL", Value::str("?"));
    m.set("ZERO_OR_MORE", Value::str("*"));
    m.set("ONE_OR_MORE", Value::str("+"));
    m.set("PARSER", Value::str("A..."));
    m.set("REMAINDER", Value::str("..."));
}

/// Whether `v` is `argparse.BooleanOptionalAction`.
pub(crate) fn is_boolean_optional(v: &Value) -> bool {
    v.as_object::<PyClass>()
        .is_some_and(|c| c.name == "BooleanOptionalAction" && c.module == "argparse")
}

/// `argparse.Namespace`: attributes in the order they were set.
pub(crate) struct Namespace {
    dict: Rc<RefCell<Dict>>,
}

impl Namespace {
    pub(crate) fn value() -> Value {
        Value::Object(Rc::new(Namespace {
            dict: Rc::new(RefCell::new(Dict::default())),
        }))
    }
}

fn new_namespace(_it: &mut Interp, _cls: &Value, args: Args) -> R<Value> {
    if let Some(v) = args.pos.first() {
        let _ = v;
        return Err(type_err(format!(
            "Namespace.__init__() takes 1 positional argument but {} were given",
            args.pos.len() + 1
        )));
    }
    let v = Namespace::value();
    if let Some(ns) = v.as_object::<Namespace>() {
        for (k, x) in args.kw {
            ns.dict.borrow_mut().insert(Value::str(&k), x)?;
        }
    }
    Ok(v)
}

fn ns_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(ns) = recv.as_object::<Namespace>() else {
        return Err(type_err("descriptor requires a 'Namespace' object"));
    };
    let [x] = args.bind(name, ["key"])?;
    let x = x.unwrap_or(Value::None);
    match name {
        "__contains__" => Ok(Value::Bool(ns.dict.borrow().get(&x)?.is_some())),
        _ => {
            let eq = match x.as_object::<Namespace>() {
                Some(other) => {
                    let (a, b) = (
                        Value::Dict(ns.dict.clone()),
                        Value::Dict(other.dict.clone()),
                    );
                    it.equal(&a, &b)?
                }
                None => return Ok(Value::Bool(false)),
            };
            Ok(Value::Bool(if name == "__eq__" { eq } else { !eq }))
        }
    }
}

impl Object for Namespace {
    fn type_name(&self) -> String {
        "Namespace".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if name == "__dict__" {
            return Ok(Some(Value::Dict(self.dict.clone())));
        }
        if matches!(name, "__contains__" | "__eq__" | "__ne__") {
            let n: &'static str = match name {
                "__contains__" => "__contains__",
                "__eq__" => "__eq__",
                _ => "__ne__",
            };
            return Ok(Some(Value::method(this.clone(), n, ns_method)));
        }
        self.dict.borrow().get(&Value::str(name))
    }
    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        self.dict.borrow_mut().insert(Value::str(name), value)?;
        Ok(true)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let (keys, values) = {
            let d = self.dict.borrow();
            (d.keys.clone(), d.values.clone())
        };
        let mut parts = Vec::new();
        let mut star = Dict::default();
        for (k, v) in keys.into_iter().zip(values) {
            match &k {
                Value::Str(s) if is_identifier(s) => parts.push(format!("{}={}", s, it.repr(&v)?)),
                _ => star.insert(k, v)?,
            }
        }
        if !star.is_empty() {
            let d = Value::Dict(Rc::new(RefCell::new(star)));
            parts.push(format!("**{}", it.repr(&d)?));
        }
        Ok(format!("Namespace({})", parts.join(", ")))
    }
    fn attr_names(&self) -> Vec<String> {
        self.dict
            .borrow()
            .keys
            .iter()
            .filter_map(|k| match k {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect()
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::Dict(self.dict.clone()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `str.isidentifier()`.
fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_alphabetic() || f == '_' => c.all(|x| x.is_alphanumeric() || x == '_'),
        _ => false,
    }
}

/// The name of a native class value (`argparse.HelpFormatter` is "HelpFormatter").
pub(crate) fn pyclass_name(v: &Value) -> Option<String> {
    v.as_object::<PyClass>().map(|c| c.name.to_string())
}
