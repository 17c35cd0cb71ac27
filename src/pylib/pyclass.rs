//! Shared pieces for the standard modules' native classes: a class object (callable,
//! `isinstance`-able, with CPython's repr), method lookup by name, and a module's handle.

use crate::eval::error::{type_err, R};
use crate::eval::value::{Args, Module, NativeMethod, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::rc::Rc;

/// Makes an instance: (the class itself, the call's arguments).
pub(crate) type NewFn = fn(&mut Interp, &Value, Args) -> R<Value>;

/// A class implemented in Rust: `collections.deque`, `re.Pattern`, ...
pub(crate) struct PyClass {
    pub name: &'static str,
    pub module: &'static str,
    /// Makes an instance: (the class itself, the call's arguments).
    pub new: Option<NewFn>,
    /// Whether a value is an instance.
    pub is_instance: fn(&Value) -> bool,
    /// The class's own attributes (`Counter.fromkeys`, `chain.from_iterable`).
    pub attr: fn(&mut Interp, &Value, &str) -> R<Option<Value>>,
}

impl PyClass {
    /// A class with no class attributes of its own.
    pub(crate) fn value(
        name: &'static str,
        module: &'static str,
        new: Option<NewFn>,
        is_instance: fn(&Value) -> bool,
    ) -> Value {
        Value::Object(Rc::new(PyClass {
            name,
            module,
            new,
            is_instance,
            attr: |_, _, _| Ok(None),
        }))
    }
}

impl Object for PyClass {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if let Some(v) = (self.attr)(it, this, name)? {
            return Ok(Some(v));
        }
        Ok(match name {
            "__name__" | "__qualname__" => Some(Value::str(self.name)),
            "__module__" => Some(Value::str(self.module)),
            _ => None,
        })
    }
    fn call(&self, this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        match self.new {
            Some(f) => f(it, this, args),
            None => Err(type_err(format!(
                "cannot create '{}.{}' instances",
                self.module, self.name
            ))),
        }
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(if self.module == "builtins" {
            format!("<class '{}'>", self.name)
        } else {
            format!("<class '{}.{}'>", self.module, self.name)
        })
    }
    fn instance_check(&self, x: &Value) -> Option<bool> {
        Some((self.is_instance)(x))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The method `name` of `this` when `name` is one of `names`, dispatched to `f`.
pub(crate) fn method(
    this: &Value,
    name: &str,
    names: &[&'static str],
    f: NativeMethod,
) -> Option<Value> {
    names
        .iter()
        .find(|n| **n == name)
        .map(|n| Value::method(this.clone(), n, f))
}

/// The module `name`, made and registered for `import` if no declaration made it yet.
pub(crate) fn module(it: &mut Interp, name: &str) -> Rc<Module> {
    if let Some(Value::Module(m)) = it.modules.get(name) {
        return m.clone();
    }
    let m = Rc::new(Module::new(name));
    it.modules
        .insert(name.to_string(), Value::Module(m.clone()));
    m
}

/// Binds a native method's arguments: `bind(args, "popitem", ["last=True"])`.
pub(crate) fn bind<const N: usize>(
    args: &Args,
    fname: &str,
    params: [&str; N],
) -> R<[Option<Value>; N]> {
    args.bind(fname, params)
}

/// An int argument, with Python's error for another type.
pub(crate) fn int_arg(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}
