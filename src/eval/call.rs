//! Calling things: user functions (binding arguments to parameters with Python's errors),
//! builtins, bound methods, classes (instantiation and `__init__`), and `super()`.

use super::error::{raise, runtime_err, type_err, Flow, R};
use super::scope::{Scope, ScopeKind};
use super::session::MAX_DEPTH;
use super::value::{Args, Bound, Callee, Class, Dict, Function, Instance, Object, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Interp {
    pub fn call(&mut self, f: &Value, args: Args) -> R<Value> {
        if let Some(hook) = self.hooks.traced_call {
            if !matches!(f, Value::Function(_) | Value::Class(_)) {
                if let Some(v) = hook(self, f, &args)? {
                    return Ok(v);
                }
            }
        }
        match f {
            Value::Function(func) => self.invoke(func, args, None),
            Value::Builtin(b) => match &b.decl {
                Some(d) => {
                    if let Some(hook) = self.hooks.symbolic_call {
                        if args.has_object() {
                            if let Some(v) = hook(self, f, &args)? {
                                return Ok(v);
                            }
                        }
                    }
                    if let Some(hook) = self.hooks.instance_call {
                        if args.has_instance() {
                            if let Some(v) = hook(self, f, &args)? {
                                return Ok(v);
                            }
                        }
                    }
                    let bound = d.bind(args)?;
                    (d.decl.f)(self, bound)
                }
                None => (b.f)(self, args),
            },
            Value::Bound(b) => match &b.callee {
                Callee::Native(name, m) => m(self, &b.receiver, name, args),
                Callee::Value(v) => {
                    let mut full = args;
                    full.pos.insert(0, b.receiver.clone());
                    match v {
                        Value::Function(func) => self.invoke(func, full, b.owner.clone()),
                        other => self.call(other, full),
                    }
                }
            },
            Value::Class(c) => self.instantiate(c, args),
            Value::ExcClass(kind) if kind.is_tf() => Ok(Value::Object(Rc::new(
                super::types::ExcObject::op_error(self, *kind, args)?,
            ))),
            Value::ExcClass(kind) => Ok(Value::Object(Rc::new(super::types::ExcObject::called(
                *kind, args.pos,
            )))),
            Value::Object(o) => o.clone().call(f, self, args),
            Value::DType(_) => (self.hooks.dtype_call)(self, f, args),
            Value::Instance(_) => match self.special(f, "__call__") {
                Some(c) => self.call(&c, args),
                None => Err(type_err(format!(
                    "'{}' object is not callable",
                    f.type_name()
                ))),
            },
            _ => Err(type_err(format!(
                "'{}' object is not callable",
                f.type_name()
            ))),
        }
    }

    /// Calls a user function: a new scope over its closure, parameters bound, body run.
    pub(crate) fn invoke(
        &mut self,
        func: &Rc<Function>,
        args: Args,
        owner: Option<Rc<Class>>,
    ) -> R<Value> {
        // Python's limit counts the module's frame too.
        if self.depth + 1 >= MAX_DEPTH || super::generator::stack_low() {
            return raise(ExcKind::RecursionError, "maximum recursion depth exceeded");
        }
        let scope = Scope::new(ScopeKind::Function, func.closure.clone());
        scope.borrow_mut().owner = Some(Value::Function(func.clone()));
        self.bind_params(func, args, &mut scope.borrow_mut().vars)?;
        if let Some(owner) = owner {
            let mut sc = scope.borrow_mut();
            sc.vars.insert("__class__".into(), Value::Class(owner));
            if let Some(first) = func.def.params.positional.first() {
                if let Some(v) = sc.vars.get(first.name.as_str()).cloned() {
                    sc.vars.insert(FIRST_ARG.into(), v);
                }
            }
        }
        if func.def.is_generator {
            return Ok(super::generator::Generator::of_function(func, scope));
        }
        // Every call of a user function is a point where Ctrl-C stops the program, so a
        // native loop that calls Python code (`x in it`, `sorted(key=)`) can be interrupted.
        self.check_interrupt()?;
        let saved_scope = std::mem::replace(&mut self.scope, scope);
        let saved_echo = std::mem::replace(&mut self.echo, false);
        let saved_file = std::mem::replace(&mut self.file, func.file.clone());
        self.calls.push(super::session::CallSite {
            func: func.def.clone(),
            caller_file: saved_file.clone(),
            caller_span: self.stmt_span,
        });
        self.depth += 1;
        let r = self.exec_block(&func.def.body);
        self.depth -= 1;
        if let Some(site) = self.calls.pop() {
            self.stmt_span = site.caller_span;
        }
        self.scope = saved_scope;
        self.echo = saved_echo;
        let file = std::mem::replace(&mut self.file, saved_file);
        match r {
            Ok(()) => Ok(Value::None),
            Err(Flow::Return(v)) => Ok(v),
            Err(Flow::Break) | Err(Flow::Continue) => {
                raise(ExcKind::SyntaxError, "'break' outside loop")
            }
            Err(Flow::Error(mut e)) => {
                e.leave_frame(&func.def.name, &file);
                Err(Flow::Error(e))
            }
        }
    }

    fn bind_params(
        &mut self,
        func: &Function,
        args: Args,
        vars: &mut super::scope::NameMap<Rc<str>, Value>,
    ) -> R<()> {
        let p = &func.def.params;
        let name = &func.qualname;
        let npos = p.positional.len();
        let mut pos = args.pos.into_iter();
        let mut extra = Vec::new();
        let mut given = vec![false; npos];
        for (i, v) in pos.by_ref().enumerate() {
            if i < npos {
                vars.insert(p.positional[i].name.as_str().into(), v);
                given[i] = true;
            } else {
                extra.push(v);
            }
        }
        if !extra.is_empty() && p.varargs.is_none() {
            let total = npos + extra.len();
            let ndef = func.defaults.len();
            let takes = if ndef == 0 {
                format!(
                    "{} positional argument{}",
                    npos,
                    if npos == 1 { "" } else { "s" }
                )
            } else {
                format!("from {} to {} positional arguments", npos - ndef, npos)
            };
            return raise(
                ExcKind::TypeError,
                format!("{}() takes {} but {} were given", name, takes, total),
            );
        }
        if let Some(va) = &p.varargs {
            vars.insert(va.as_str().into(), Value::tuple(extra));
        }
        let mut kwargs = Dict::default();
        let mut posonly_kw = Vec::new();
        for (k, v) in args.kw {
            if let Some(i) = p.positional[..p.posonly].iter().position(|q| q.name == k) {
                if p.kwargs.is_some() {
                    kwargs.insert(Value::str(&k), v)?;
                } else {
                    posonly_kw.push(p.positional[i].name.clone());
                }
            } else if let Some(i) = p.positional.iter().position(|q| q.name == k) {
                if given[i] {
                    return raise(
                        ExcKind::TypeError,
                        format!("{}() got multiple values for argument '{}'", name, k),
                    );
                }
                given[i] = true;
                vars.insert(k.as_str().into(), v);
            } else if p.kwonly.iter().any(|q| q.name == k) {
                vars.insert(k.as_str().into(), v);
            } else if p.kwargs.is_some() {
                kwargs.insert(Value::str(&k), v)?;
            } else {
                return raise(
                    ExcKind::TypeError,
                    format!("{}() got an unexpected keyword argument '{}'", name, k),
                );
            }
        }
        if !posonly_kw.is_empty() {
            return raise(
                ExcKind::TypeError,
                format!(
                    "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                    name,
                    posonly_kw.join(", ")
                ),
            );
        }
        let first_default = npos - func.defaults.len();
        let mut missing = Vec::new();
        for (i, q) in p.positional.iter().enumerate() {
            if !given[i] {
                if i >= first_default {
                    vars.insert(
                        q.name.as_str().into(),
                        func.defaults[i - first_default].clone(),
                    );
                } else {
                    missing.push(q.name.clone());
                }
            }
        }
        if !missing.is_empty() {
            return raise(
                ExcKind::TypeError,
                super::error::missing_args(name, &missing, "positional"),
            );
        }
        let mut missing_kw = Vec::new();
        for (q, d) in p.kwonly.iter().zip(&func.kw_defaults) {
            if !vars.contains_key(q.name.as_str()) {
                match d {
                    Some(d) => {
                        vars.insert(q.name.as_str().into(), d.clone());
                    }
                    None => missing_kw.push(q.name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return raise(
                ExcKind::TypeError,
                super::error::missing_args(name, &missing_kw, "keyword-only"),
            );
        }
        if let Some(kw) = &p.kwargs {
            vars.insert(
                kw.as_str().into(),
                Value::Dict(Rc::new(RefCell::new(kwargs))),
            );
        }
        Ok(())
    }

    fn instantiate(&mut self, class: &Rc<Class>, args: Args) -> R<Value> {
        let inst = Value::Instance(Rc::new(Instance {
            class: class.clone(),
            dict: RefCell::new(HashMap::new()),
            attr_order: RefCell::new(Vec::new()),
            native: RefCell::new(None),
        }));
        if let Some(base) = class.native_base() {
            self.init_native_base(&base, &inst, None)?;
        }
        match class.lookup_owner("__init__") {
            Some((init, owner)) => {
                let bound = Value::Bound(Rc::new(Bound {
                    receiver: inst.clone(),
                    callee: Callee::Value(init),
                    owner: Some(owner),
                }));
                let r = self.call(&bound, args)?;
                if !matches!(r, Value::None) {
                    return raise(
                        ExcKind::TypeError,
                        format!("__init__() should return None, not '{}'", r.type_name()),
                    );
                }
            }
            None => {
                if let Some(base) = class.native_base() {
                    self.init_native_base(&base, &inst, Some(args))?;
                } else if !args.pos.is_empty() || !args.kw.is_empty() {
                    return raise(
                        ExcKind::TypeError,
                        format!("{}() takes no arguments", class.name),
                    );
                }
            }
        }
        Ok(inst)
    }

    /// `super()` inside a method (the defining class and the first argument come from the
    /// frame), or `super(type, obj)`.
    pub(crate) fn make_super(&mut self, args: Args) -> R<Value> {
        let (class, receiver) = if args.pos.len() == 2 {
            match &args.pos[0] {
                Value::Class(c) => (c.clone(), args.pos[1].clone()),
                other => {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "super() argument 1 must be a type, not {}",
                            other.type_name()
                        ),
                    )
                }
            }
        } else {
            let sc = self.scope.borrow();
            let class = match sc.vars.get("__class__") {
                Some(Value::Class(c)) => c.clone(),
                _ => return Err(runtime_err("super(): __class__ cell not found")),
            };
            let receiver = sc.vars.get(FIRST_ARG).cloned();
            drop(sc);
            let receiver = match receiver {
                Some(r) => r,
                None => return Err(runtime_err("super(): no arguments")),
            };
            (class, receiver)
        };
        let ok = match &receiver {
            Value::Instance(i) => i.class.is_subclass_of(&class),
            Value::Class(c) => c.is_subclass_of(&class),
            _ => false,
        };
        if !ok {
            return raise(
                ExcKind::TypeError,
                "super(type, obj): obj must be an instance or subtype of type",
            );
        }
        Ok(Value::Object(Rc::new(Super { class, receiver })))
    }
}

/// Where a method's frame keeps its first argument for `super()` (not a Python name).
pub(crate) const FIRST_ARG: &str = " self";

/// The object `super()` returns: attribute lookups start after `class` in the receiver's MRO.
pub struct Super {
    pub class: Rc<Class>,
    pub receiver: Value,
}

impl Object for Super {
    fn type_name(&self) -> String {
        "super".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        let start = match &self.receiver {
            Value::Instance(i) => i.class.clone(),
            Value::Class(c) => c.clone(),
            _ => self.class.clone(),
        };
        let order = super::dunder::mro(&start);
        let pos = order
            .iter()
            .position(|k| Rc::ptr_eq(k, &self.class))
            .map_or(order.len(), |p| p + 1);
        for k in &order[pos..] {
            let found = k.dict.borrow().get(name).cloned();
            let Some(v) = found else { continue };
            let bound = |recv: Value, f: Value| {
                Value::Bound(Rc::new(Bound {
                    receiver: recv,
                    callee: Callee::Value(f),
                    owner: Some(k.clone()),
                }))
            };
            if let Some(p) = v.as_object::<super::descr::Property>() {
                return it.property_get(p, &self.receiver, name).map(Some);
            }
            if let Some(cm) = v.as_object::<super::descr::ClassMethod>() {
                return Ok(Some(bound(Value::Class(start.clone()), cm.0.clone())));
            }
            if let Some(sm) = v.as_object::<super::descr::StaticMethod>() {
                return Ok(Some(sm.0.clone()));
            }
            return Ok(Some(match v {
                Value::Function(_) if !matches!(self.receiver, Value::Class(_)) => {
                    bound(self.receiver.clone(), v)
                }
                other => other,
            }));
        }
        if let Some(base) = self.class.native_base() {
            return it.native_super_attr(&base, &self.receiver, name);
        }
        Ok(super::descr::object_method(name).map(|f| {
            Value::Bound(Rc::new(Bound {
                receiver: self.receiver.clone(),
                callee: Callee::Value(f),
                owner: None,
            }))
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
