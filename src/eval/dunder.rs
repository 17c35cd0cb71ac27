//! User classes' attribute protocol as CPython has it: the C3 method resolution order,
//! `object.__getattribute__` with data descriptors (property) before the instance dict,
//! `__getattr__` as the fallback, `__setattr__`/`__delattr__`, `__slots__`, classmethod and
//! staticmethod binding, and special methods looked up on the type.

use super::attrs::no_attr;
use super::descr::{object_method, ClassMethod, Property, StaticMethod};
use super::error::{attr_err, type_err, Flow, R};
use super::value::{Args, Bound, Callee, Class, Dict, Instance, Key, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

/// The dict key of an instance: unhashable when its class sets `__hash__` to None (as
/// defining `__eq__` alone does); a dataclass with a generated hash keys by its fields
/// (its hash and `==` both follow them); any other instance by identity.
pub fn instance_key(v: &Value, i: &Instance) -> R<Key> {
    // A frozenset (Python source over a set) is a key by its elements, whatever their order.
    if i.class.name == "frozenset" {
        if let Some(Value::Set(s)) = i.dict.borrow().get("_s") {
            let mut parts = s.borrow().iter().map(Key::of).collect::<R<Vec<Key>>>()?;
            parts.sort_by_cached_key(|k| format!("{:?}", k));
            parts.insert(0, Key::Str("frozenset".into()));
            return Ok(Key::Tuple(parts));
        }
    }
    match i.class.lookup("__hash__") {
        Some(Value::None) => Err(type_err(format!("unhashable type: '{}'", v.type_name()))),
        Some(Value::Function(_)) => match i.class.lookup("__dataclass_fields__") {
            Some(Value::Dict(d)) => {
                let mut parts = vec![Key::Ptr(Rc::as_ptr(&i.class) as *const u8 as usize)];
                for k in d.borrow().keys.iter() {
                    let Value::Str(name) = k else { continue };
                    let x = i.dict.borrow().get(name.as_ref()).cloned();
                    parts.push(Key::of(&x.unwrap_or(Value::None))?);
                }
                Ok(Key::Tuple(parts))
            }
            _ => Ok(Key::Ptr(v.identity())),
        },
        _ => Ok(Key::Ptr(v.identity())),
    }
}

/// The user classes among a class's bases.
fn class_bases(c: &Class) -> impl Iterator<Item = &Rc<Class>> {
    c.bases.iter().filter_map(|b| match b {
        Value::Class(b) => Some(b),
        _ => None,
    })
}

/// C3 linearization of `c` (itself first), or None when the bases admit no consistent order.
pub fn linearize(c: &Rc<Class>) -> Option<Vec<Rc<Class>>> {
    // Single inheritance: the chain itself.
    let mut chain = vec![c.clone()];
    loop {
        let last = chain.last().cloned()?;
        let mut bases = class_bases(&last);
        match (bases.next(), bases.next()) {
            (None, _) => return Some(chain),
            (Some(b), None) => chain.push(b.clone()),
            _ => break,
        }
    }
    let mut seqs: Vec<Vec<Rc<Class>>> = Vec::new();
    for b in class_bases(c) {
        seqs.push(linearize(b)?);
    }
    seqs.push(class_bases(c).cloned().collect());
    let mut out = vec![c.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let head = seqs.iter().find_map(|s| {
            let h = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, h)));
            (!in_tail).then(|| h.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &head) {
                s.remove(0);
            }
        }
        out.push(head);
    }
}

/// The MRO, falling back to depth-first order for an inconsistent hierarchy.
pub fn mro(c: &Rc<Class>) -> Vec<Rc<Class>> {
    linearize(c).unwrap_or_else(|| {
        let mut out = vec![c.clone()];
        for b in class_bases(c) {
            for x in mro(b) {
                if !out.iter().any(|y| Rc::ptr_eq(y, &x)) {
                    out.push(x);
                }
            }
        }
        out
    })
}

/// Looks `name` up along the MRO: the value and the class defining it.
pub fn lookup_in_mro(c: &Rc<Class>, name: &str) -> Option<(Value, Rc<Class>)> {
    for k in mro(c) {
        let found = k.dict.borrow().get(name).cloned();
        if let Some(v) = found {
            return Some((v, k));
        }
    }
    None
}

/// The message CPython gives for bases without a consistent MRO.
pub fn check_mro(c: &Rc<Class>) -> R<()> {
    if linearize(c).is_some() {
        return Ok(());
    }
    let names: Vec<String> = class_bases(c).map(|b| b.name.clone()).collect();
    Err(type_err(format!(
        "Cannot create a consistent method resolution order (MRO) for bases {}",
        names.join(", ")
    )))
}

/// The class-level value bound for access through `receiver` (an instance or the class).
fn bind(receiver: &Value, class: &Rc<Class>, x: Value, owner: Rc<Class>) -> Value {
    let bound = |recv: Value, f: Value| {
        Value::Bound(Rc::new(Bound {
            receiver: recv,
            callee: Callee::Value(f),
            owner: Some(owner.clone()),
        }))
    };
    if let Some(cm) = x.as_object::<ClassMethod>() {
        return bound(Value::Class(class.clone()), cm.0.clone());
    }
    if let Some(sm) = x.as_object::<StaticMethod>() {
        return sm.0.clone();
    }
    match x {
        Value::Function(_) if !matches!(receiver, Value::Class(_)) => bound(receiver.clone(), x),
        Value::Object(ref o) if o.binds_as_method() && !matches!(receiver, Value::Class(_)) => {
            bound(receiver.clone(), x)
        }
        other => other,
    }
}

fn is_attr_error(e: &Flow) -> bool {
    matches!(e, Flow::Error(x) if x.is(ExcKind::AttributeError))
}

/// The names `__slots__` allows, when every class of the MRO declares slots.
fn slots(c: &Rc<Class>) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for k in mro(c) {
        let s = k.dict.borrow().get("__slots__").cloned()?;
        match s {
            Value::Str(s) => names.push(s.to_string()),
            Value::Tuple(t) => names.extend(t.iter().map(slot_name)),
            Value::List(l) => names.extend(l.borrow().iter().map(slot_name)),
            _ => {}
        }
    }
    (!names.iter().any(|n| n == "__dict__")).then_some(names)
}

fn slot_name(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        _ => String::new(),
    }
}

impl Interp {
    /// A special method of `v`'s class (looked up on the type, as CPython does), bound to
    /// `v`. None for values that are not instances of user classes.
    pub(crate) fn special(&mut self, v: &Value, name: &str) -> Option<Value> {
        let Value::Instance(inst) = v else {
            return None;
        };
        let Some((x, owner)) = lookup_in_mro(&inst.class, name) else {
            // A class built on a native one (a Keras Layer or Model) gets the native
            // class's special methods (`__call__`) through its attributes.
            let native = inst.native.borrow().is_some();
            return if native {
                self.get_attr(v, name).ok()
            } else {
                None
            };
        };
        if matches!(x, Value::None) {
            return None;
        }
        Some(bind(v, &inst.class, x, owner))
    }

    /// Calls a special method when the class defines it.
    pub(crate) fn call_special(
        &mut self,
        v: &Value,
        name: &str,
        args: Vec<Value>,
    ) -> R<Option<Value>> {
        match self.special(v, name) {
            Some(f) => Ok(Some(self.call(&f, Args::new(args))?)),
            None => Ok(None),
        }
    }

    /// `inst.name`: `__getattribute__` (the class's or object's), then `__getattr__`.
    pub(crate) fn instance_getattr(
        &mut self,
        v: &Value,
        inst: &Rc<Instance>,
        name: &str,
    ) -> R<Value> {
        let r = match lookup_in_mro(&inst.class, "__getattribute__") {
            Some((f, owner)) => {
                let f = bind(v, &inst.class, f, owner);
                self.call(&f, Args::new(vec![Value::str(name)]))
            }
            None => self.generic_getattr(v, name),
        };
        match r {
            Err(e) if is_attr_error(&e) => match lookup_in_mro(&inst.class, "__getattr__") {
                Some((f, owner)) => {
                    let f = bind(v, &inst.class, f, owner);
                    self.call(&f, Args::new(vec![Value::str(name)]))
                }
                None => Err(e),
            },
            r => r,
        }
    }

    /// `object.__getattribute__`: data descriptors, the instance dict, then the class.
    pub(crate) fn generic_getattr(&mut self, v: &Value, name: &str) -> R<Value> {
        let Value::Instance(inst) = v else {
            return self.get_attr(v, name);
        };
        let found = lookup_in_mro(&inst.class, name);
        if let Some((x, _)) = &found {
            if let Some(p) = x.as_object::<Property>() {
                return self.property_get(p, v, name);
            }
        }
        if let Some(x) = inst.dict.borrow().get(name) {
            return Ok(x.clone());
        }
        if let Some((x, owner)) = found {
            return Ok(bind(v, &inst.class, x, owner));
        }
        match name {
            "__class__" => return Ok(Value::Class(inst.class.clone())),
            "__dict__" => {
                let mut d = Dict::default();
                for k in inst.attr_order.borrow().iter() {
                    if let Some(x) = inst.dict.borrow().get(k) {
                        d.insert(Value::str(k), x.clone())?;
                    }
                }
                return Ok(Value::Dict(Rc::new(RefCell::new(d))));
            }
            _ => {}
        }
        let native = inst.native.borrow().clone();
        if let Some(n) = native {
            if let Some(x) = (self.hooks.native_attr)(self, &n, v, name)? {
                return Ok(x);
            }
        }
        if let Some(f) = object_method(name) {
            if name != "__init__" || inst.class.exc_kind().is_none() {
                return Ok(Value::Bound(Rc::new(Bound {
                    receiver: v.clone(),
                    callee: Callee::Value(f),
                    owner: None,
                })));
            }
        }
        Err(no_attr(v, name))
    }

    /// `inst.name = v`: the class's `__setattr__`, or object's.
    pub(crate) fn instance_setattr(
        &mut self,
        obj: &Value,
        inst: &Rc<Instance>,
        name: &str,
        v: Value,
    ) -> R<()> {
        if let Some((f, owner)) = lookup_in_mro(&inst.class, "__setattr__") {
            let f = bind(obj, &inst.class, f, owner);
            self.call(&f, Args::new(vec![Value::str(name), v]))?;
            return Ok(());
        }
        self.generic_setattr(obj, name, v)
    }

    /// `object.__setattr__`: a property's setter, `__slots__`, then the instance dict.
    pub(crate) fn generic_setattr(&mut self, obj: &Value, name: &str, v: Value) -> R<()> {
        let Value::Instance(inst) = obj else {
            return self.set_attr(obj, name, v);
        };
        if let Some((x, _)) = lookup_in_mro(&inst.class, name) {
            if let Some(p) = x.as_object::<Property>() {
                if matches!(p.fset, Value::None) {
                    return Err(attr_err(format!(
                        "property '{}' of '{}' object has no setter",
                        name, inst.class.name
                    )));
                }
                self.call(&p.fset.clone(), Args::new(vec![obj.clone(), v]))?;
                return Ok(());
            }
        }
        let native = inst.native.borrow().clone();
        if let Some(n) = native {
            if (self.hooks.native_set_attr)(self, &n, obj, name, &v)? {
                return Ok(());
            }
        }
        if let Some(allowed) = slots(&inst.class) {
            if !allowed.iter().any(|s| s == name) {
                return Err(no_attr(obj, name));
            }
        }
        if !inst.dict.borrow().contains_key(name) {
            inst.attr_order.borrow_mut().push(name.to_string());
        }
        inst.dict.borrow_mut().insert(name.to_string(), v);
        Ok(())
    }

    /// `del inst.name`: the class's `__delattr__`, or object's.
    pub(crate) fn instance_delattr(
        &mut self,
        obj: &Value,
        inst: &Rc<Instance>,
        name: &str,
    ) -> R<()> {
        if let Some((f, owner)) = lookup_in_mro(&inst.class, "__delattr__") {
            let f = bind(obj, &inst.class, f, owner);
            self.call(&f, Args::new(vec![Value::str(name)]))?;
            return Ok(());
        }
        self.generic_delattr(obj, name)
    }

    /// `object.__delattr__`: a property's deleter, or the instance dict.
    pub(crate) fn generic_delattr(&mut self, obj: &Value, name: &str) -> R<()> {
        let Value::Instance(inst) = obj else {
            return self.del_attr(obj, name);
        };
        if let Some((x, _)) = lookup_in_mro(&inst.class, name) {
            if let Some(p) = x.as_object::<Property>() {
                if matches!(p.fdel, Value::None) {
                    return Err(attr_err(format!(
                        "property '{}' of '{}' object has no deleter",
                        name, inst.class.name
                    )));
                }
                self.call(&p.fdel.clone(), Args::new(vec![obj.clone()]))?;
                return Ok(());
            }
        }
        if inst.dict.borrow_mut().remove(name).is_none() {
            return Err(no_attr(obj, name));
        }
        inst.attr_order.borrow_mut().retain(|k| k != name);
        Ok(())
    }

    /// `C.name` for a user class.
    pub(crate) fn class_getattr(&mut self, c: &Rc<Class>, name: &str) -> R<Value> {
        if let Some((x, owner)) = lookup_in_mro(c, name) {
            return Ok(bind(&Value::Class(c.clone()), c, x, owner));
        }
        let mro_values = || {
            let mut v: Vec<Value> = mro(c).into_iter().map(Value::Class).collect();
            v.extend(c.native_base());
            v
        };
        match name {
            "__name__" => Ok(Value::str(&c.name)),
            "__qualname__" => Ok(Value::str(&c.name)),
            "__module__" => Ok(Value::str("__main__")),
            "__mro__" => {
                let mut v = mro_values();
                v.push(self.object_class());
                Ok(Value::tuple(v))
            }
            "mro" => {
                let mut v = mro_values();
                v.push(self.object_class());
                let l = Value::list(v);
                Ok(Value::method(l, "mro", |_, recv, _, _| match recv {
                    Value::List(l) => Ok(Value::list(l.borrow().clone())),
                    other => Ok(other.clone()),
                }))
            }
            "__bases__" => {
                let b = if c.bases.is_empty() {
                    vec![self.object_class()]
                } else {
                    c.bases.clone()
                };
                Ok(Value::tuple(b))
            }
            "__base__" => Ok(c
                .bases
                .first()
                .cloned()
                .unwrap_or_else(|| self.object_class())),
            "__dict__" => {
                let mut d = Dict::default();
                let mut keys: Vec<String> = c.dict.borrow().keys().cloned().collect();
                keys.sort();
                for k in keys {
                    let x = c.dict.borrow().get(&k).cloned().unwrap_or(Value::None);
                    d.insert(Value::str(&k), x)?;
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            "__doc__" => Ok(Value::None),
            // A classmethod the native base (a Keras class) gives its subclasses.
            "from_config" if c.native_base().is_some() => {
                let base = c.native_base().unwrap_or(Value::None);
                let class = Value::Class(c.clone());
                match (self.hooks.native_super_attr)(self, &base, &class, name)? {
                    Some(f) => Ok(f),
                    None => Err(attr_err(format!(
                        "type object '{}' has no attribute '{}'",
                        c.name, name
                    ))),
                }
            }
            _ => match object_method(name) {
                Some(f) => Ok(f),
                None => Err(attr_err(format!(
                    "type object '{}' has no attribute '{}'",
                    c.name, name
                ))),
            },
        }
    }

    /// `builtins.object`.
    pub(crate) fn object_class(&self) -> Value {
        self.builtins.get("object").cloned().unwrap_or(Value::None)
    }

    /// `del obj.name` for values other than instances.
    pub(crate) fn del_attr(&mut self, obj: &Value, name: &str) -> R<()> {
        match obj {
            Value::Instance(inst) => {
                let inst = inst.clone();
                self.instance_delattr(obj, &inst, name)
            }
            Value::Class(c) => match c.dict.borrow_mut().remove(name) {
                Some(_) => Ok(()),
                None => Err(attr_err(format!(
                    "type object '{}' has no attribute '{}'",
                    c.name, name
                ))),
            },
            Value::Module(m) => {
                if m.get(name).is_none() {
                    return Err(attr_err(format!(
                        "module '{}' has no attribute '{}'",
                        m.python_name(),
                        name
                    )));
                }
                m.remove(name);
                Ok(())
            }
            _ => Err(attr_err(format!(
                "'{}' object attribute '{}' is read-only",
                obj.type_name(),
                name
            ))),
        }
    }
}
