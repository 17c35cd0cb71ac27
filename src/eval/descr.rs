//! Descriptors and the objects of Python's object model that are not classes:
//! `property`, `classmethod`, `staticmethod`, `NotImplemented`, and the methods of `object`
//! itself (`object.__setattr__`, `object.__getattribute__`, ...).

use super::error::{attr_err, type_err, R};
use super::value::{Args, Object, Value};
use super::Interp;
use crate::builtin;
use std::any::Any;
use std::rc::Rc;

/// `property(fget, fset, fdel, doc)`.
#[derive(Clone)]
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

/// `classmethod(f)`: binds to the class.
pub struct ClassMethod(pub Value);

/// `staticmethod(f)`: does not bind.
pub struct StaticMethod(pub Value);

/// The `NotImplemented` singleton a binary special method returns to decline.
pub struct NotImplementedType;

/// Whether `v` is `NotImplemented`.
pub fn is_not_implemented(v: &Value) -> bool {
    v.as_object::<NotImplementedType>().is_some()
}

impl Object for NotImplementedType {
    fn type_name(&self) -> String {
        "NotImplementedType".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("NotImplemented".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn property_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(p) = recv.as_object::<Property>() else {
        return Err(type_err("descriptor requires a 'property' object"));
    };
    let [f] = args.bind(name, ["func"])?;
    let f = f.unwrap_or(Value::None);
    let mut q = p.clone();
    match name {
        "getter" => q.fget = f,
        "setter" => q.fset = f,
        "deleter" => q.fdel = f,
        _ => {
            let [obj] = args.bind("__get__", ["obj"])?;
            return it.property_get(p, &obj.unwrap_or(Value::None), "");
        }
    }
    Ok(Value::Object(Rc::new(q)))
}

impl Object for Property {
    fn type_name(&self) -> String {
        "property".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "fget" => Some(self.fget.clone()),
            "fset" => Some(self.fset.clone()),
            "fdel" => Some(self.fdel.clone()),
            "__doc__" => Some(self.doc.clone()),
            "getter" => Some(Value::method(this.clone(), "getter", property_method)),
            "setter" => Some(Value::method(this.clone(), "setter", property_method)),
            "deleter" => Some(Value::method(this.clone(), "deleter", property_method)),
            "__get__" => Some(Value::method(this.clone(), "__get__", property_method)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for ClassMethod {
    fn type_name(&self) -> String {
        "classmethod".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok((name == "__func__").then(|| self.0.clone()))
    }
    fn call(&self, _: &Value, _: &mut Interp, _: Args) -> R<Value> {
        Err(type_err("'classmethod' object is not callable"))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object for StaticMethod {
    fn type_name(&self) -> String {
        "staticmethod".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok((name == "__func__").then(|| self.0.clone()))
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        it.call(&self.0, args)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Property attribute.
    python ["builtins.property"]
    fn property(it, fget = None, fset = None, fdel = None, doc = None) {
        Ok(Value::Object(Rc::new(Property { fget, fset, fdel, doc })))
    }
}

builtin! {
    /// Convert a function to be a class method.
    python ["builtins.classmethod"]
    fn classmethod(it, function) {
        Ok(Value::Object(Rc::new(ClassMethod(function))))
    }
}

builtin! {
    /// Convert a function to be a static method.
    python ["builtins.staticmethod"]
    fn staticmethod(it, function) {
        Ok(Value::Object(Rc::new(StaticMethod(function))))
    }
}

impl Interp {
    /// Reads a property through its getter.
    pub(crate) fn property_get(&mut self, p: &Property, obj: &Value, name: &str) -> R<Value> {
        if matches!(p.fget, Value::None) {
            return Err(attr_err(format!(
                "property '{}' of '{}' object has no getter",
                name,
                obj.type_name()
            )));
        }
        self.call(&p.fget, Args::new(vec![obj.clone()]))
    }
}

/// The methods of `object`, called unbound (`object.__setattr__(self, k, v)`) or through
/// `super()`.
pub fn object_method(name: &str) -> Option<Value> {
    let f: super::value::NativeFn = match name {
        "__init__" => |_, _| Ok(Value::None),
        "__setattr__" => |it, a| {
            let [obj, name, v] = a.bind("__setattr__", ["self", "name", "value"])?;
            let (obj, name) = (obj.unwrap_or(Value::None), attr_name(name)?);
            it.generic_setattr(&obj, &name, v.unwrap_or(Value::None))?;
            Ok(Value::None)
        },
        "__getattribute__" => |it, a| {
            let [obj, name] = a.bind("__getattribute__", ["self", "name"])?;
            let (obj, name) = (obj.unwrap_or(Value::None), attr_name(name)?);
            it.generic_getattr(&obj, &name)
        },
        "__delattr__" => |it, a| {
            let [obj, name] = a.bind("__delattr__", ["self", "name"])?;
            let (obj, name) = (obj.unwrap_or(Value::None), attr_name(name)?);
            it.generic_delattr(&obj, &name)?;
            Ok(Value::None)
        },
        "__repr__" => |_, a| {
            let [obj] = a.bind("__repr__", ["self"])?;
            let obj = obj.unwrap_or(Value::None);
            let module = match &obj {
                Value::Instance(i) => i.class.module_name(),
                _ => "__main__".to_string(),
            };
            Ok(Value::str(&format!(
                "<{}.{} object at 0x{:x}>",
                module,
                obj.type_name(),
                obj.identity()
            )))
        },
        "__str__" => |it, a| {
            let [obj] = a.bind("__str__", ["self"])?;
            Ok(Value::str(&it.repr(&obj.unwrap_or(Value::None))?))
        },
        "__eq__" => |_, a| {
            let [x, y] = a.bind("__eq__", ["self", "value"])?;
            let (x, y) = (x.unwrap_or(Value::None), y.unwrap_or(Value::None));
            Ok(if super::ops::same(&x, &y) {
                Value::Bool(true)
            } else {
                not_implemented()
            })
        },
        "__ne__" => |it, a| {
            let [x, y] = a.bind("__ne__", ["self", "value"])?;
            let (x, y) = (x.unwrap_or(Value::None), y.unwrap_or(Value::None));
            let r = it.compare(crate::syntax::ast::CmpOp::Eq, &x, &y)?;
            Ok(Value::Bool(!it.truthy(&r)?))
        },
        "__hash__" => |_, a| {
            let [x] = a.bind("__hash__", ["self"])?;
            Ok(Value::Int(
                (x.unwrap_or(Value::None).identity() >> 4) as i64,
            ))
        },
        "__format__" => |it, a| {
            let [x, spec] = a.bind("__format__", ["self", "format_spec"])?;
            let x = x.unwrap_or(Value::None);
            match spec {
                Some(Value::Str(s)) if !s.is_empty() => Err(type_err(format!(
                    "unsupported format string passed to {}.__format__",
                    x.type_name()
                ))),
                _ => Ok(Value::str(&it.str_of(&x)?)),
            }
        },
        "__init_subclass__" => |_, _| Ok(Value::None),
        _ => return None,
    };
    Some(Value::builtin(name, f))
}

fn attr_name(v: Option<Value>) -> R<String> {
    match v {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(type_err(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
        None => Err(type_err("attribute name must be string")),
    }
}

/// A new reference to `NotImplemented`.
pub fn not_implemented() -> Value {
    thread_local! {
        static NI: Value = Value::Object(Rc::new(NotImplementedType));
    }
    NI.with(|v| v.clone())
}
