//! Statements: assignment, control flow, definitions, imports, `with`, `try`.

use super::error::{at, err, runtime_err, type_err, Exception, Flow, R};
use super::scope::{closure_of, find_enclosing, Scope, ScopeKind};
use super::value::{Class, Function, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

impl Interp {
    pub(crate) fn exec_block(&mut self, body: &[Stmt]) -> R<()> {
        if self.hooks.graph_control.is_some() {
            for (i, s) in body.iter().enumerate() {
                if let StmtKind::If { body: b, .. } = &s.kind {
                    self.if_rest = Some((b.as_ptr() as usize, body[i + 1..].to_vec()));
                }
                self.exec_stmt(s)?;
            }
            return Ok(());
        }
        for s in body {
            self.exec_stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn exec_stmt(&mut self, s: &Stmt) -> R<()> {
        self.stmt_span = Some(s.span);
        at(self.exec_inner(s), s.span)
    }

    fn exec_inner(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr_stmt(e),
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
                Ok(())
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign(target, ann, value) => {
                if let ExprKind::Name(n) = &target.kind {
                    self.record_annotation(n, ann)?;
                }
                if let Some(value) = value {
                    let v = self.eval(value)?;
                    self.assign(target, v)?;
                }
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let c = self.eval(test)?;
                if let (Some(h), Value::Object(_)) = (self.hooks.graph_control, &c) {
                    let ctl = super::hooks::Control::If {
                        test: &c,
                        body,
                        orelse,
                    };
                    if h(self, ctl)? {
                        return Ok(());
                    }
                }
                if self.truthy(&c)? {
                    self.exec_block(body)
                } else {
                    self.exec_block(orelse)
                }
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_stmt(target, iter, body, orelse),
            StmtKind::Break => Err(Flow::Break),
            StmtKind::Continue => Err(Flow::Continue),
            StmtKind::Pass => Ok(()),
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Return(v) => {
                let v = match v {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                Err(Flow::Return(v))
            }
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def)?;
                let f = self.decorate(&def.decorators, f)?;
                self.set_name(&def.name, f);
                Ok(())
            }
            StmtKind::ClassDef(def) => self.class_def(def),
            StmtKind::Import(names) => self.import(names),
            StmtKind::ImportFrom(module, names) => self.import_from(module, names),
            StmtKind::With { items, body } => self.with_stmt(items, body),
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody),
            StmtKind::Raise(e, cause) => self.raise_stmt(e.as_ref(), cause.as_ref()),
            StmtKind::Assert(test, msg) => self.assert_stmt(test, msg.as_ref()),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => {
                let mut sc = self.scope.borrow_mut();
                for n in names {
                    sc.globals_decl.insert(n.clone());
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                let mut sc = self.scope.borrow_mut();
                for n in names {
                    sc.nonlocals.insert(n.clone());
                }
                Ok(())
            }
        }
    }

    /// An expression statement: at the top level of interactive input it echoes the value
    /// and binds `_`.
    fn expr_stmt(&mut self, e: &Expr) -> R<()> {
        let v = self.eval(e)?;
        if self.echo && !matches!(v, Value::None) {
            let text = self.repr(&v)?;
            if let Some(out) = self.replaced_stdout() {
                let write = self.get_attr(&out, "write")?;
                self.call(&write, super::value::Args::new(vec![Value::str(&text)]))?;
                self.call(&write, super::value::Args::new(vec![Value::str("\n")]))?;
            } else {
                self.write_out(&text);
                self.write_out("\n");
                self.check_out()?;
            }
            self.builtins.insert("_".into(), v);
        }
        Ok(())
    }

    /// `while test: body else: orelse`.
    fn while_stmt(&mut self, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> R<()> {
        let mut first = true;
        loop {
            self.check_interrupt()?;
            let c = self.eval(test)?;
            if let (true, Some(h), Value::Object(_)) = (first, self.hooks.graph_control, &c) {
                if h(self, super::hooks::Control::While { test, body })? {
                    return Ok(());
                }
            }
            first = false;
            if !self.truthy(&c)? {
                return self.exec_block(orelse);
            }
            match self.exec_block(body) {
                Ok(()) | Err(Flow::Continue) => {}
                Err(Flow::Break) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
    }

    /// `for target in iter: body else: orelse`.
    fn for_stmt(&mut self, target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> R<()> {
        let it = self.eval(iter)?;
        if let (Some(h), Value::Object(_)) = (self.hooks.graph_control, &it) {
            let ctl = super::hooks::Control::For {
                target,
                iter: &it,
                body,
            };
            if h(self, ctl)? {
                return Ok(());
            }
        }
        let mut items = self.iterate(&it)?;
        while let Some(item) = items.next(self)? {
            self.check_interrupt()?;
            self.assign(target, item)?;
            match self.exec_block(body) {
                Ok(()) | Err(Flow::Continue) => {}
                Err(Flow::Break) => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        self.exec_block(orelse)
    }

    /// `import a.b.c` and `import a.b as c`.
    fn import(&mut self, names: &[ImportName]) -> R<()> {
        for n in names {
            let full = n.path.join(".");
            let module = self.import_module(&full)?;
            match &n.alias {
                Some(a) => self.set_name(a, module),
                None => {
                    let top = self.import_module(&n.path[0])?;
                    self.set_name(&n.path[0], top);
                }
            }
        }
        Ok(())
    }

    /// `from module import name [as alias], ...` and `from module import *`.
    fn import_from(&mut self, module: &[String], names: &[ImportName]) -> R<()> {
        let full = module.join(".");
        let m = self.import_module(&full)?;
        for n in names {
            if n.path[0] == "*" {
                if let Value::Module(md) = &m {
                    let attrs: Vec<(String, Value)> = md
                        .attrs
                        .borrow()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    for (k, v) in attrs {
                        self.set_name(&k, v);
                    }
                }
                continue;
            }
            let name = &n.path[0];
            let v = match self.get_attr(&m, name) {
                Ok(v) => v,
                Err(_) => match self.import_module(&format!("{}.{}", full, name)) {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(err(
                            ExcKind::ImportError,
                            format!("cannot import name '{}' from '{}'", name, full),
                        ))
                    }
                },
            };
            self.set_name(n.alias.as_ref().unwrap_or(name), v);
        }
        Ok(())
    }

    /// `raise e`; a bare `raise` re-raises the exception being handled (outside a handler
    /// it is a RuntimeError).
    fn raise_stmt(&mut self, e: Option<&Expr>, cause: Option<&Expr>) -> R<()> {
        let Some(e) = e else {
            return match self.handling.last().cloned() {
                Some(v) => Err(self.exception_from(v)?),
                None => Err(runtime_err("No active exception to reraise")),
            };
        };
        let v = self.eval(e)?;
        let flow = self.exception_from(v)?;
        let Some(cause) = cause else {
            return Err(flow);
        };
        let c = self.eval(cause)?;
        let c = match &c {
            Value::None => c,
            Value::ExcClass(_) | Value::Class(_) => self.call(&c, super::value::Args::default())?,
            _ => c,
        };
        let is_exc = matches!(&c, Value::None)
            || c.as_object::<super::types::ExcObject>().is_some()
            || matches!(&c, Value::Instance(i) if i.class.exc_kind().is_some());
        if !is_exc {
            return Err(type_err("exception causes must derive from BaseException"));
        }
        let Flow::Error(mut ex) = flow else {
            return Err(flow);
        };
        let value = self.exception_value(&ex);
        match &value {
            Value::Instance(i) => {
                i.dict.borrow_mut().insert("__cause__".into(), c);
            }
            _ => {
                if let Some(o) = value.as_object::<super::types::ExcObject>() {
                    *o.cause.borrow_mut() = c;
                }
            }
        }
        ex.value = Some(value);
        Err(Flow::Error(ex))
    }

    /// `assert test, msg`.
    fn assert_stmt(&mut self, test: &Expr, msg: Option<&Expr>) -> R<()> {
        let c = self.eval(test)?;
        if self.truthy(&c)? {
            return Ok(());
        }
        let m = match msg {
            Some(m) => {
                let v = self.eval(m)?;
                self.str_of(&v)?
            }
            None => String::new(),
        };
        at(Err(err(ExcKind::AssertionError, m)), test.span)
    }

    /// Binds a name in the current scope, honouring `global` and `nonlocal`.
    pub(crate) fn set_name(&mut self, name: &str, v: Value) {
        let (is_global, is_nonlocal) = {
            let mut sc = self.scope.borrow_mut();
            if sc.globals_decl.is_empty() && sc.nonlocals.is_empty() {
                // The common case: rebinding a name in place keeps its key (no allocation).
                match sc.vars.get_mut(name) {
                    Some(slot) => *slot = v,
                    None => {
                        sc.vars.insert(name.into(), v);
                    }
                }
                return;
            }
            (sc.globals_decl.contains(name), sc.nonlocals.contains(name))
        };
        if is_global {
            self.globals.borrow_mut().vars.insert(name.into(), v);
        } else if is_nonlocal {
            match find_enclosing(&self.scope, name) {
                Some(s) => s.borrow_mut().vars.insert(name.into(), v),
                None => self.scope.borrow_mut().vars.insert(name.into(), v),
            };
        } else {
            self.scope.borrow_mut().vars.insert(name.into(), v);
        }
    }

    pub(crate) fn make_function(&mut self, def: &Rc<FuncDef>) -> R<Value> {
        let mut defaults = Vec::new();
        for p in &def.params.positional {
            if let Some(d) = &p.default {
                defaults.push(self.eval(d)?);
            }
        }
        let mut kw_defaults = Vec::new();
        for p in &def.params.kwonly {
            kw_defaults.push(match &p.default {
                Some(d) => Some(self.eval(d)?),
                None => None,
            });
        }
        let qualname = self.qualify(&def.name);
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            defaults,
            kw_defaults,
            closure: closure_of(&self.scope),
            qualname,
            file: self.file.clone(),
            attrs: Default::default(),
        })))
    }

    /// The qualified name of `name` defined in the current scope: `C.m`, `f.<locals>.g`.
    pub(crate) fn qualify(&self, name: &str) -> String {
        match &self.scope.borrow().owner {
            Some(Value::Function(f)) => format!("{}.<locals>.{}", f.qualname, name),
            Some(Value::Str(c)) => format!("{}.{}", c, name),
            _ => name.to_string(),
        }
    }

    /// `x: T` in a class body or at module level: `T` evaluated into `__annotations__`.
    fn record_annotation(&mut self, name: &str, ann: &Expr) -> R<()> {
        let kind = self.scope.borrow().kind;
        if kind == ScopeKind::Function {
            return Ok(());
        }
        let t = self.eval(ann)?;
        let existing = self.scope.borrow().vars.get("__annotations__").cloned();
        let d = match existing {
            Some(Value::Dict(d)) => d,
            _ => {
                let d = Rc::new(RefCell::new(super::value::Dict::default()));
                self.scope
                    .borrow_mut()
                    .vars
                    .insert("__annotations__".into(), Value::Dict(d.clone()));
                d
            }
        };
        let r = d.borrow_mut().insert(Value::str(name), t);
        r
    }

    fn decorate(&mut self, decorators: &[Expr], mut v: Value) -> R<Value> {
        for d in decorators.iter().rev() {
            let dv = self.eval(d)?;
            v = at(self.call(&dv, super::value::Args::new(vec![v])), d.span)?;
        }
        Ok(v)
    }

    fn class_def(&mut self, def: &Rc<ClassDef>) -> R<()> {
        let mut bases = Vec::new();
        for b in &def.bases {
            bases.push(self.eval(b)?);
        }
        let bases = self.mro_entries(bases)?;
        let body_scope = Scope::new(ScopeKind::Class, Some(self.scope.clone()));
        let qualname = self.qualify(&def.name);
        {
            let mut b = body_scope.borrow_mut();
            b.vars.insert("__module__".into(), Value::str("__main__"));
            b.vars.insert("__qualname__".into(), Value::str(&qualname));
        }
        body_scope.borrow_mut().owner = Some(Value::str(&qualname));
        let saved = std::mem::replace(&mut self.scope, body_scope.clone());
        let saved_echo = std::mem::replace(&mut self.echo, false);
        let r = self.exec_block(&def.body);
        self.scope = saved;
        self.echo = saved_echo;
        if let Err(Flow::Error(mut e)) = r {
            e.leave_frame(&def.name, &self.file);
            return Err(Flow::Error(e));
        }
        r?;
        let mut dict: HashMap<String, Value> = body_scope
            .borrow()
            .vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        if let Some(build) = self.class_builder(&bases) {
            let ns = self.namespace_dict(&dict)?;
            let args = vec![Value::str(&def.name), Value::tuple(bases), ns];
            let class = at(self.call(&build, super::value::Args::new(args)), def.span)?;
            let class = self.decorate(&def.decorators, class)?;
            self.set_name(&def.name, class);
            return Ok(());
        }
        // A class that defines __eq__ without __hash__ is unhashable.
        if dict.contains_key("__eq__") && !dict.contains_key("__hash__") {
            dict.insert("__hash__".into(), Value::None);
        }
        let class = Rc::new(Class {
            name: def.name.clone(),
            bases,
            dict: RefCell::new(dict),
        });
        super::dunder::check_mro(&class)?;
        let class = Value::Class(class);
        let class = self.decorate(&def.decorators, class)?;
        self.set_name(&def.name, class);
        Ok(())
    }

    /// PEP 560: a base that is not a class stands for the classes its `__mro_entries__`
    /// gives (`Generic[T]` stands for `Generic`).
    fn mro_entries(&mut self, bases: Vec<Value>) -> R<Vec<Value>> {
        if !bases.iter().any(|b| matches!(b, Value::Object(_))) {
            return Ok(bases);
        }
        let orig = Value::tuple(bases.clone());
        let mut out = Vec::with_capacity(bases.len());
        for b in bases {
            // A native base that has no such attribute, or fails to look it up, stands
            // for itself.
            let entries = match &b {
                Value::Object(o) => o.get_attr(&b, "__mro_entries__", self).ok().flatten(),
                _ => None,
            };
            match entries {
                Some(f) => {
                    let r = self.call(&f, super::value::Args::new(vec![orig.clone()]))?;
                    out.extend(self.collect_items(&r)?);
                }
                None => out.push(b),
            }
        }
        Ok(out)
    }

    /// A native base that makes the class itself from (name, bases, namespace), as a
    /// metaclass does (`typing.NamedTuple`'s class syntax).
    fn class_builder(&mut self, bases: &[Value]) -> Option<Value> {
        bases.iter().find_map(|b| match b {
            Value::Object(o) => o.get_attr(b, "__build_class__", self).ok().flatten(),
            _ => None,
        })
    }

    /// A class body's names as a dict, its annotations keeping their order.
    fn namespace_dict(&mut self, vars: &HashMap<String, Value>) -> R<Value> {
        let mut d = super::value::Dict::default();
        let mut names: Vec<&String> = vars.keys().collect();
        names.sort();
        for k in names {
            d.insert(Value::str(k), vars[k].clone())?;
        }
        Ok(Value::Dict(Rc::new(RefCell::new(d))))
    }

    fn with_stmt(&mut self, items: &[(Expr, Option<Expr>)], body: &[Stmt]) -> R<()> {
        let Some(((ctx_expr, var), rest)) = items.split_first() else {
            return self.exec_block(body);
        };
        let ctx = self.eval(ctx_expr)?;
        let entered = match self.get_attr(&ctx, "__enter__") {
            Ok(enter) => self.call(&enter, super::value::Args::default())?,
            Err(_) => {
                return Err(type_err(format!(
                    "'{}' object does not support the context manager protocol",
                    ctx.type_name()
                )))
            }
        };
        // As in Python, a failing assignment to the `as` target still runs __exit__.
        let r = match var {
            Some(var) => self.assign(var, entered),
            None => Ok(()),
        };
        let mut r = r.and_then(|_| self.with_stmt(rest, body));
        // The value __exit__ gets is the one that goes on propagating (`exc is value`).
        if let Err(Flow::Error(e)) = &mut r {
            if e.value.is_none() {
                e.value = Some(self.exception_value(e));
            }
        }
        let exit = self.get_attr(&ctx, "__exit__")?;
        let exc_flag = matches!(r, Err(Flow::Error(_)));
        // __exit__ gets the exception's type and value, as Python passes them.
        let args = match &r {
            Err(Flow::Error(e)) => {
                let value = self.exception_value(e);
                let class = match &value {
                    Value::Instance(i) => Value::Class(i.class.clone()),
                    _ => Value::ExcClass(e.kind),
                };
                vec![class, value, Value::None]
            }
            _ => vec![Value::None, Value::None, Value::None],
        };
        let suppress = self.call(&exit, super::value::Args::new(args))?;
        if exc_flag && self.truthy(&suppress)? {
            return Ok(());
        }
        r
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> R<()> {
        let r = self.exec_block(body);
        let r = match r {
            Err(Flow::Error(e)) => {
                let mut handled = None;
                for h in handlers {
                    if self.handler_matches(h, &e)? {
                        handled = Some(h);
                        break;
                    }
                }
                match handled {
                    Some(h) => {
                        let v = self.exception_value(&e);
                        if let Some(name) = &h.name {
                            self.set_name(name, v.clone());
                        }
                        // Truncated, not popped: a generator suspended in a handler
                        // leaves its entry, which the enclosing handler's end clears.
                        let depth = self.handling.len();
                        self.handling.push(v);
                        let r = self.exec_block(&h.body);
                        self.handling.truncate(depth);
                        r
                    }
                    None => Err(Flow::Error(e)),
                }
            }
            Ok(()) => self.exec_block(orelse),
            other => other,
        };
        if !finalbody.is_empty() {
            self.exec_block(finalbody)?;
        }
        r
    }

    fn handler_matches(&mut self, h: &ExceptHandler, e: &Exception) -> R<bool> {
        let Some(kind) = &h.kind else { return Ok(true) };
        let k = self.eval(kind)?;
        let kinds = match &k {
            Value::Tuple(t) => t.as_ref().clone(),
            other => vec![other.clone()],
        };
        for k in kinds {
            let ok = match &k {
                // A user instance's kind is its class's nearest builtin base.
                Value::ExcClass(kind) => e.is(*kind),
                Value::Class(c) => {
                    matches!(&e.value, Some(Value::Instance(i)) if i.class.is_subclass_of(c))
                }
                _ => false,
            };
            if ok {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Turns a raised value (an exception class or instance) into an error.
    pub(crate) fn exception_from(&mut self, v: Value) -> R<Flow> {
        match &v {
            Value::ExcClass(kind) => Ok(err(*kind, "")),
            Value::Class(_) => {
                let inst = self.call(&v, super::value::Args::default())?;
                self.exception_from(inst)
            }
            Value::Instance(i) => {
                let message = match self.get_attr(&v, "args") {
                    Ok(Value::Tuple(a)) if a.len() == 1 => self.str_of(&a[0])?,
                    Ok(Value::Tuple(a)) if a.is_empty() => String::new(),
                    Ok(a @ Value::Tuple(_)) => self.str_of(&a)?,
                    _ => String::new(),
                };
                Ok(Flow::Error(Box::new(Exception {
                    kind: i.class.exc_kind().unwrap_or(ExcKind::Exception),
                    message,
                    span: None,
                    value: Some(v.clone()),
                    frames: Vec::new(),
                })))
            }
            Value::Object(_) => {
                if let Some(ex) = v.as_object::<super::types::ExcObject>() {
                    let mut e = Exception::new(ex.kind, self.str_of(&v)?);
                    e.value = Some(v.clone());
                    return Ok(Flow::Error(Box::new(e)));
                }
                Ok(type_err("exceptions must derive from BaseException"))
            }
            _ => Ok(type_err("exceptions must derive from BaseException")),
        }
    }

    fn exception_value(&self, e: &Exception) -> Value {
        if let Some(v) = &e.value {
            return v.clone();
        }
        Value::Object(Rc::new(super::types::ExcObject::raised(e.kind, &e.message)))
    }
}
