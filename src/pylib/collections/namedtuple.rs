//! `collections.namedtuple`: tuple classes with named fields. A class is a native object
//! that makes instances; an instance is a tuple (it hashes, compares, indexes and unpacks
//! as one) that also reads its fields by name.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{missing_args, raise, type_err, R};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::method;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

builtin! {
    /// Returns a new subclass of tuple with named fields.
    python ["collections.namedtuple"]
    fn namedtuple(it, typename, field_names, *, rename = False, defaults = None, module = None) {
        let _ = module;
        let rename = it.truthy(&rename)?;
        let mut fields: Vec<Value> = match &field_names {
            Value::Str(s) => s
                .replace(',', " ")
                .split_whitespace()
                .map(Value::str)
                .collect(),
            other => it.collect_items(other)?,
        };
        if rename {
            let mut seen = Vec::<String>::new();
            for (i, f) in fields.iter_mut().enumerate() {
                let bad = match &*f {
                    Value::Str(s) => {
                        !is_identifier(s)
                            || is_keyword(s)
                            || s.starts_with('_')
                            || seen.contains(&s.to_string())
                    }
                    _ => false,
                };
                if bad {
                    *f = Value::str(&format!("_{}", i));
                }
                if let Value::Str(s) = &*f {
                    seen.push(s.to_string());
                }
            }
        }
        let mut names = Vec::new();
        for v in std::iter::once(&typename).chain(fields.iter()) {
            let Value::Str(s) = v else {
                return raise(ExcKind::TypeError, "Type names and field names must be strings");
            };
            if !is_identifier(s) {
                return raise(
                    ExcKind::ValueError,
                    format!("Type names and field names must be valid identifiers: {}", it.repr(v)?),
                );
            }
            if is_keyword(s) {
                return raise(
                    ExcKind::ValueError,
                    format!("Type names and field names cannot be a keyword: {}", it.repr(v)?),
                );
            }
            names.push(s.to_string());
        }
        let name = names.remove(0);
        let mut seen = Vec::<&String>::new();
        for (n, v) in names.iter().zip(&fields) {
            if n.starts_with('_') && !rename {
                return raise(
                    ExcKind::ValueError,
                    format!("Field names cannot start with an underscore: {}", it.repr(v)?),
                );
            }
            if seen.contains(&n) {
                return raise(
                    ExcKind::ValueError,
                    format!("Encountered duplicate field name: {}", it.repr(v)?),
                );
            }
            seen.push(n);
        }
        let defaults = match defaults {
            Value::None => Vec::new(),
            d => it.collect_items(&d)?,
        };
        if defaults.len() > names.len() {
            return raise(ExcKind::TypeError, "Got more default values than field names");
        }
        Ok(Value::Object(Rc::new(NtClass(Rc::new(NtInfo { name, fields: names, defaults, extra: Vec::new() })))))
    }
}

fn is_identifier(s: &str) -> bool {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_alphabetic() || f == '_' => c.all(|x| x.is_alphanumeric() || x == '_'),
        _ => false,
    }
}

fn is_keyword(s: &str) -> bool {
    crate::syntax::lexeme::KEYWORDS.contains(&s)
}

/// A named tuple class.
pub(crate) struct NtClass(Rc<NtInfo>);

/// What a named tuple class knows: its name, fields and defaults.
pub(crate) struct NtInfo {
    name: String,
    fields: Vec<String>,
    /// Defaults of the last fields.
    defaults: Vec<Value>,
    /// Attributes of the class's own: the methods and annotations of a
    /// `typing.NamedTuple` class body.
    extra: Vec<(String, Value)>,
}

impl NtInfo {
    fn make(self: &Rc<Self>, class: &Value, items: Vec<Value>) -> Value {
        Value::Object(Rc::new(NtInstance {
            class: class.clone(),
            info: self.clone(),
            items,
        }))
    }

    /// Binds a call's arguments to the fields, with `Point.__new__()`'s errors.
    fn bind(self: &Rc<Self>, class: &Value, args: Args) -> R<Value> {
        let fname = format!("{}.__new__", self.name);
        let n = self.fields.len();
        if args.pos.len() > n {
            let min = n - self.defaults.len();
            let takes = if self.defaults.is_empty() {
                format!("{} positional arguments", n + 1)
            } else {
                format!("from {} to {} positional arguments", min + 1, n + 1)
            };
            return raise(
                ExcKind::TypeError,
                format!(
                    "{}() takes {} but {} were given",
                    fname,
                    takes,
                    args.pos.len() + 1
                ),
            );
        }
        let mut out: Vec<Option<Value>> = args.pos.into_iter().map(Some).collect();
        out.resize(n, None);
        for (k, v) in args.kw {
            match self.fields.iter().position(|f| *f == k) {
                Some(i) if out[i].is_some() => {
                    return raise(
                        ExcKind::TypeError,
                        format!("{}() got multiple values for argument '{}'", fname, k),
                    )
                }
                Some(i) => out[i] = Some(v),
                None => {
                    return raise(
                        ExcKind::TypeError,
                        format!("{}() got an unexpected keyword argument '{}'", fname, k),
                    )
                }
            }
        }
        let first_default = n - self.defaults.len();
        let mut missing = Vec::new();
        for (i, slot) in out.iter_mut().enumerate() {
            if slot.is_none() {
                if i >= first_default {
                    *slot = Some(self.defaults[i - first_default].clone());
                } else {
                    missing.push(self.fields[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(type_err(missing_args(&fname, &missing, "positional")));
        }
        Ok(self.make(
            class,
            out.into_iter().map(|v| v.unwrap_or(Value::None)).collect(),
        ))
    }

    fn fields_value(&self) -> Value {
        Value::tuple(self.fields.iter().map(|f| Value::str(f)).collect())
    }
}

fn class_rc(v: &Value) -> Option<(Value, Rc<NtInfo>)> {
    v.as_object::<NtClass>().map(|c| (v.clone(), c.0.clone()))
}

impl Object for NtClass {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__name__" | "__qualname__" => Some(Value::str(&self.0.name)),
            "__module__" => Some(Value::str("__main__")),
            "_fields" => Some(self.0.fields_value()),
            _ if self.0.extra_attr(name).is_some() => self.0.extra_attr(name),
            "_field_defaults" => {
                let mut d = Dict::default();
                let first = self.0.fields.len() - self.0.defaults.len();
                for (f, v) in self.0.fields[first..].iter().zip(&self.0.defaults) {
                    d.insert(Value::str(f), v.clone())?;
                }
                Some(Value::Dict(Rc::new(RefCell::new(d))))
            }
            _ => method(this, name, &["_make"], |it, this, _, args| {
                let Some((class, cls)) = class_rc(this) else {
                    return Ok(Value::None);
                };
                let src = args.pos.first().cloned().unwrap_or(Value::None);
                let items = it.collect_items(&src)?;
                if items.len() != cls.fields.len() {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "Expected {} arguments, got {}",
                            cls.fields.len(),
                            items.len()
                        ),
                    );
                }
                Ok(cls.make(&class, items))
            }),
        })
    }
    fn call(&self, this: &Value, _: &mut Interp, args: Args) -> R<Value> {
        match class_rc(this) {
            Some((class, cls)) => cls.bind(&class, args),
            None => Ok(Value::None),
        }
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<class '__main__.{}'>", self.0.name))
    }
    fn instance_check(&self, x: &Value) -> Option<bool> {
        Some(
            x.as_object::<NtInstance>()
                .is_some_and(|i| Rc::ptr_eq(&i.info, &self.0)),
        )
    }
    fn attr_names(&self) -> Vec<String> {
        vec!["_fields".into(), "_field_defaults".into(), "_make".into()]
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An instance of a named tuple class.
pub(crate) struct NtInstance {
    class: Value,
    info: Rc<NtInfo>,
    items: Vec<Value>,
}

const METHODS: &[&str] = &["_asdict", "_replace", "count", "index"];

impl Object for NtInstance {
    fn type_name(&self) -> String {
        self.info.name.clone()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if let Some(i) = self.info.fields.iter().position(|f| f == name) {
            return Ok(Some(self.items[i].clone()));
        }
        if let Some(v) = self.info.extra_attr(name) {
            return Ok(Some(match v {
                Value::Function(_) => Value::Bound(Rc::new(crate::eval::value::Bound {
                    receiver: this.clone(),
                    callee: crate::eval::value::Callee::Value(v),
                    owner: None,
                })),
                v => v,
            }));
        }
        Ok(match name {
            "_fields" => Some(self.info.fields_value()),
            "__class__" => Some(self.class.clone()),
            _ => method(this, name, METHODS, instance_method),
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for (f, v) in self.info.fields.iter().zip(&self.items) {
            parts.push(format!("{}={}", f, it.repr(v)?));
        }
        Ok(format!("{}({})", self.info.name, parts.join(", ")))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.items.clone())
    }
    fn as_tuple(&self) -> Option<Vec<Value>> {
        Some(self.items.clone())
    }
    fn attr_names(&self) -> Vec<String> {
        let mut n = self.info.fields.clone();
        n.extend(METHODS.iter().map(|s| s.to_string()));
        n
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn instance_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Some(inst) = this.as_object::<NtInstance>() else {
        return Ok(Value::None);
    };
    match name {
        "_asdict" => {
            let mut d = Dict::default();
            for (f, v) in inst.info.fields.iter().zip(&inst.items) {
                d.insert(Value::str(f), v.clone())?;
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        "_replace" => {
            let mut items = inst.items.clone();
            let mut unknown = Vec::new();
            for (k, v) in args.kw {
                match inst.info.fields.iter().position(|f| *f == k) {
                    Some(i) => items[i] = v,
                    None => unknown.push(Value::str(&k)),
                }
            }
            if !unknown.is_empty() {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Got unexpected field names: {}",
                        it.repr(&Value::list(unknown))?
                    ),
                );
            }
            Ok(inst.info.make(&inst.class, items))
        }
        _ => {
            let tuple = Value::tuple(inst.items.clone());
            let f = it.get_attr(&tuple, name)?;
            it.call(&f, args)
        }
    }
}

/// A named tuple class made from Rust (`CacheInfo`, `Match` results...).
pub(crate) fn namedtuple_class(name: &str, fields: &[&str]) -> Value {
    Value::Object(Rc::new(NtClass(Rc::new(NtInfo {
        name: name.to_string(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        defaults: Vec::new(),
        extra: Vec::new(),
    }))))
}

/// The named tuple class `class` with attributes of its own added (a `typing.NamedTuple`
/// class body's methods); its instances find the functions as bound methods.
pub(crate) fn namedtuple_with(class: &Value, extra: Vec<(String, Value)>) -> Value {
    match class.as_object::<NtClass>() {
        Some(c) => Value::Object(Rc::new(NtClass(Rc::new(NtInfo {
            name: c.0.name.clone(),
            fields: c.0.fields.clone(),
            defaults: c.0.defaults.clone(),
            extra,
        })))),
        None => class.clone(),
    }
}

impl NtInfo {
    fn extra_attr(&self, name: &str) -> Option<Value> {
        self.extra
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }
}
