//! Expressions: names, literals, operators, calls, subscripts, comprehensions, f-strings,
//! and the targets of assignment and `del`.

use super::error::{at, attr_err, raise, type_err, Flow, R};
use super::scope::{lookup, Scope, ScopeKind};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::*;
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub(crate) fn eval(&mut self, e: &Expr) -> R<Value> {
        at(self.eval_inner(e), e.span)
    }

    fn eval_inner(&mut self, e: &Expr) -> R<Value> {
        match &e.kind {
            ExprKind::Int(v) => Ok(Value::Int(*v)),
            ExprKind::Float(v) => Ok(Value::Float(*v)),
            ExprKind::Str(s) => Ok(Value::str(s)),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::NoneLit => Ok(Value::None),
            ExprKind::Ellipsis => Ok(Value::Ellipsis),
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::FString(parts) => Ok(Value::str(&self.fstring(parts)?)),
            ExprKind::List(items) => Ok(Value::list(self.eval_items(items)?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(self.eval_items(items)?)),
            ExprKind::Set(items) => {
                let vals = self.eval_items(items)?;
                self.make_set(vals)
            }
            ExprKind::Dict(pairs) => {
                let mut d = Dict::default();
                for (k, v) in pairs {
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    d.insert(k, v)?;
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::ListComp(elt, gens) => {
                let mut out = Vec::new();
                self.comprehension(gens, &mut |it| {
                    super::budget::grow(out.len())?;
                    out.push(it.eval(elt)?);
                    Ok(())
                })?;
                Ok(Value::list(out))
            }
            ExprKind::SetComp(elt, gens) => {
                let mut out = Vec::new();
                self.comprehension(gens, &mut |it| {
                    super::budget::grow(out.len())?;
                    out.push(it.eval(elt)?);
                    Ok(())
                })?;
                self.make_set(out)
            }
            ExprKind::GenExp(elt, gens) => {
                let mut out = Vec::new();
                self.comprehension(gens, &mut |it| {
                    super::budget::grow(out.len())?;
                    out.push(it.eval(elt)?);
                    Ok(())
                })?;
                Ok(super::iter::iter_value_named(out, "generator"))
            }
            ExprKind::DictComp(k, v, gens) => {
                let mut d = Dict::default();
                self.comprehension(gens, &mut |it| {
                    let kv = it.eval(k)?;
                    let vv = it.eval(v)?;
                    d.insert(kv, vv)
                })?;
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::Lambda(def) => self.make_function(def),
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj)?;
                self.get_attr(&o, name)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj)?;
                let i = self.eval(index)?;
                self.get_item(&o, &i)
            }
            ExprKind::Slice(lo, hi, step) => {
                let mut parts = [Value::None, Value::None, Value::None];
                for (slot, p) in parts.iter_mut().zip([lo, hi, step]) {
                    if let Some(p) = p {
                        *slot = self.eval(p)?;
                    }
                }
                Ok(Value::Slice(Rc::new(parts)))
            }
            ExprKind::Call(func, args) => {
                let f = self.eval(func)?;
                let args = self.eval_args(args)?;
                self.call(&f, args)
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x)?;
                self.unary(*op, &v)
            }
            ExprKind::Binary(op, l, r) => {
                let a = self.eval(l)?;
                let b = self.eval(r)?;
                self.binary(*op, &a, &b)
            }
            ExprKind::BoolOp(op, values) => {
                let mut last = Value::None;
                for v in values {
                    last = self.eval(v)?;
                    let t = self.truthy(&last)?;
                    if (*op == BoolOpKind::And && !t) || (*op == BoolOpKind::Or && t) {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            ExprKind::Compare(left, ops) => {
                let mut a = self.eval(left)?;
                let mut result = Value::Bool(true);
                for (i, (op, right)) in ops.iter().enumerate() {
                    let b = self.eval(right)?;
                    result = self.compare(*op, &a, &b)?;
                    if i + 1 < ops.len() && !self.truthy(&result)? {
                        return Ok(result);
                    }
                    a = b;
                }
                Ok(result)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let c = self.eval(test)?;
                if self.truthy(&c)? {
                    self.eval(body)
                } else {
                    self.eval(orelse)
                }
            }
            ExprKind::Starred(_) => {
                raise(ExcKind::SyntaxError, "can't use starred expression here")
            }
        }
    }

    pub(crate) fn load_name(&mut self, name: &str) -> R<Value> {
        if let Some(v) = lookup(&self.scope, name) {
            return Ok(v);
        }
        if let Some(v) = self.globals.borrow().vars.get(name) {
            return Ok(v.clone());
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        raise(
            ExcKind::NameError,
            format!("name '{}' is not defined", name),
        )
    }

    /// List/tuple items, expanding `*x`.
    fn eval_items(&mut self, items: &[Expr]) -> R<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            if let ExprKind::Starred(inner) = &item.kind {
                let v = self.eval(inner)?;
                out.extend(self.collect_items(&v)?);
            } else {
                out.push(self.eval(item)?);
            }
        }
        Ok(out)
    }

    pub(crate) fn eval_args(&mut self, args: &[Arg]) -> R<Args> {
        let mut out = Args::default();
        for a in args {
            match a {
                Arg::Pos(e) => out.pos.push(self.eval(e)?),
                Arg::Star(e) => {
                    let v = self.eval(e)?;
                    out.pos.extend(self.collect_items(&v)?);
                }
                Arg::Kw(name, e, span) => {
                    let v = self.eval(e)?;
                    if out.kw.iter().any(|(k, _)| k == name) {
                        return at(
                            raise(
                                ExcKind::SyntaxError,
                                format!("keyword argument repeated: {}", name),
                            ),
                            *span,
                        );
                    }
                    out.kw.push((name.clone(), v));
                }
                Arg::StarStar(e) => {
                    let v = self.eval(e)?;
                    let Value::Dict(d) = &v else {
                        return Err(type_err(format!(
                            "argument after ** must be a mapping, not {}",
                            v.type_name()
                        )));
                    };
                    let d = d.borrow();
                    for (k, v) in d.keys.iter().zip(&d.values) {
                        let Value::Str(k) = k else {
                            return Err(type_err("keywords must be strings"));
                        };
                        out.kw.push((k.to_string(), v.clone()));
                    }
                }
            }
        }
        Ok(out)
    }

    pub(crate) fn make_set(&mut self, vals: Vec<Value>) -> R<Value> {
        let mut d = Dict::default();
        for v in vals {
            d.insert(v, Value::None)?;
        }
        Ok(Value::Set(Rc::new(RefCell::new(d.keys))))
    }

    /// Runs `body` for every binding of the comprehension's clauses, in a scope of its own.
    fn comprehension(
        &mut self,
        gens: &[Comprehension],
        body: &mut dyn FnMut(&mut Interp) -> R<()>,
    ) -> R<()> {
        let first_iter = self.eval(&gens[0].iter)?;
        let comp_scope = Scope::new(ScopeKind::Function, Some(self.scope.clone()));
        let saved = std::mem::replace(&mut self.scope, comp_scope);
        let r = self.comp_level(gens, 0, Some(first_iter), body);
        self.scope = saved;
        r
    }

    fn comp_level(
        &mut self,
        gens: &[Comprehension],
        level: usize,
        iter: Option<Value>,
        body: &mut dyn FnMut(&mut Interp) -> R<()>,
    ) -> R<()> {
        if level == gens.len() {
            return body(self);
        }
        let g = &gens[level];
        let it = match iter {
            Some(v) => v,
            None => self.eval(&g.iter)?,
        };
        let mut items = self.iterate(&it)?;
        'items: while let Some(item) = items.next(self)? {
            self.check_interrupt()?;
            self.assign(&g.target, item)?;
            for cond in &g.ifs {
                let c = self.eval(cond)?;
                if !self.truthy(&c)? {
                    continue 'items;
                }
            }
            self.comp_level(gens, level + 1, None, body)?;
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FPart]) -> R<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Expr {
                    expr,
                    conv,
                    spec,
                    debug,
                } => {
                    let v = self.eval(expr)?;
                    if let Some(d) = debug {
                        out.push_str(d);
                    }
                    let v = match conv {
                        Some('r') | Some('a') => Value::str(&self.repr(&v)?),
                        Some('s') => Value::str(&self.str_of(&v)?),
                        _ => v,
                    };
                    let spec = self.fstring(spec)?;
                    out.push_str(&self.format_value(&v, &spec)?);
                }
            }
        }
        Ok(out)
    }

    /// Assigns to a target: a name, attribute, subscript, or a (nested) tuple/list of them.
    pub(crate) fn assign(&mut self, target: &Expr, v: Value) -> R<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_name(n, v);
                Ok(())
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj)?;
                at(self.set_attr(&o, name, v), target.span)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj)?;
                let i = self.eval(index)?;
                at(self.set_item(&o, &i, v), target.span)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let vals = at(self.collect_items(&v), target.span)?;
                let star = items
                    .iter()
                    .position(|t| matches!(t.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        if vals.len() != items.len() {
                            let msg = if vals.len() > items.len() {
                                format!("too many values to unpack (expected {})", items.len())
                            } else {
                                format!(
                                    "not enough values to unpack (expected {}, got {})",
                                    items.len(),
                                    vals.len()
                                )
                            };
                            return at(raise(ExcKind::ValueError, msg), target.span);
                        }
                        for (t, v) in items.iter().zip(vals) {
                            self.assign(t, v)?;
                        }
                    }
                    Some(s) => {
                        let after = items.len() - s - 1;
                        if vals.len() < items.len() - 1 {
                            return at(
                                raise(
                                    ExcKind::ValueError,
                                    format!(
                                        "not enough values to unpack (expected at least {}, got {})",
                                        items.len() - 1,
                                        vals.len()
                                    ),
                                ),
                                target.span,
                            );
                        }
                        for (t, v) in items[..s].iter().zip(vals.iter()) {
                            self.assign(t, v.clone())?;
                        }
                        let mid = vals[s..vals.len() - after].to_vec();
                        if let ExprKind::Starred(inner) = &items[s].kind {
                            self.assign(inner, Value::list(mid))?;
                        }
                        for (t, v) in items[s + 1..].iter().zip(vals[vals.len() - after..].iter()) {
                            self.assign(t, v.clone())?;
                        }
                    }
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.assign(inner, v),
            _ => raise(ExcKind::SyntaxError, "cannot assign to expression"),
        }
    }

    pub(crate) fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> R<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let cur = self.load_name(n)?;
                let rhs = self.eval(value)?;
                let new = self.inplace(op, &cur, &rhs)?;
                self.set_name(n, new);
                Ok(())
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj)?;
                let cur = self.get_attr(&o, name)?;
                let rhs = self.eval(value)?;
                let new = self.inplace(op, &cur, &rhs)?;
                self.set_attr(&o, name, new)
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj)?;
                let i = self.eval(index)?;
                let cur = self.get_item(&o, &i)?;
                let rhs = self.eval(value)?;
                let new = self.inplace(op, &cur, &rhs)?;
                self.set_item(&o, &i, new)
            }
            _ => raise(
                ExcKind::SyntaxError,
                "illegal expression for augmented assignment",
            ),
        }
    }

    /// `a op= b`: lists extend in place; everything else rebinds.
    fn inplace(&mut self, op: BinOp, cur: &Value, rhs: &Value) -> R<Value> {
        if let (BinOp::Add, Value::List(l)) = (op, cur) {
            let items: Vec<Value> = self.collect_items(rhs)?;
            l.borrow_mut().extend(items);
            return Ok(cur.clone());
        }
        self.binary(op, cur, rhs)
    }

    pub(crate) fn delete(&mut self, t: &Expr) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                let removed = self.scope.borrow_mut().vars.remove(n.as_str());
                if removed.is_none() {
                    return at(
                        raise(ExcKind::NameError, format!("name '{}' is not defined", n)),
                        t.span,
                    );
                }
                Ok(())
            }
            ExprKind::Subscript(obj, index) => {
                let o = self.eval(obj)?;
                let i = self.eval(index)?;
                at(self.del_item(&o, &i), t.span)
            }
            ExprKind::Attribute(obj, name) => {
                let o = self.eval(obj)?;
                match &o {
                    Value::Instance(inst) => {
                        if inst.dict.borrow_mut().remove(name).is_none() {
                            return Err(attr_err(name.clone()));
                        }
                        Ok(())
                    }
                    _ => Err(attr_err(format!(
                        "'{}' object attribute '{}' is read-only",
                        o.type_name(),
                        name
                    ))),
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
                Ok(())
            }
            _ => Err(Flow::Error(Box::new(super::error::Exception::new(
                ExcKind::SyntaxError,
                "cannot delete expression",
            )))),
        }
    }
}
