//! Expressions: names, literals, operators, calls, subscripts, comprehensions, f-strings,
//! and the targets of assignment and `del`.

use super::error::{at, raise, type_err, Flow, R};
use super::scope::{lookup_var, Scope, ScopeKind};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Stands for the callee's name in a repeated `**` keyword error until the call names it.
const DUP_KW: &str = "\u{1}";

/// The marker a comprehension's own scope carries (not a Python name).
const COMPREHENSION: &str = " comprehension";

impl Interp {
    #[inline]
    pub(crate) fn eval(&mut self, e: &Expr) -> R<Value> {
        match self.eval_inner(e) {
            Ok(v) => Ok(v),
            Err(f) => Err(self.locate(f, e)),
        }
    }

    /// An error leaving expression `e`: located at `e` unless a part of it is already the
    /// location. Leaving a comprehension also leaves its frame (`<listcomp>`, ...), as in
    /// Python 3.11, unless the error came from its first iterable (evaluated outside).
    #[cold]
    #[inline(never)]
    fn locate(&self, f: Flow, e: &Expr) -> Flow {
        let Flow::Error(mut x) = f else { return f };
        let comp = match &e.kind {
            ExprKind::ListComp(_, g) => Some(("<listcomp>", g)),
            ExprKind::SetComp(_, g) => Some(("<setcomp>", g)),
            ExprKind::DictComp(_, _, g) => Some(("<dictcomp>", g)),
            ExprKind::GenExp(_, g) => Some(("<genexpr>", g)),
            _ => None,
        };
        if let (Some((name, gens)), Some(span)) = (comp, x.span) {
            let outside = gens
                .first()
                .is_some_and(|g| g.iter.span.start <= span.start && span.end <= g.iter.span.end);
            if !outside {
                x.leave_frame(name, &self.file);
            }
        }
        if x.span.is_none() {
            x.span = Some(e.span);
        }
        Flow::Error(x)
    }

    fn eval_inner(&mut self, e: &Expr) -> R<Value> {
        match &e.kind {
            ExprKind::Int(v) => Ok(Value::Int(*v)),
            ExprKind::BigInt(v) => Ok(super::bigint::literal(v)),
            ExprKind::Bytes(b) => Ok(super::bytes::new_bytes(b.clone())),
            ExprKind::Float(v) => Ok(Value::Float(*v)),
            // tensh holds a Python complex as numpy's complex128 scalar.
            ExprKind::Imag(v) => Ok(Value::ndarray(crate::tensor::Tensor::scalar(
                crate::tensor::complex::C128::new(0.0, *v),
            ))),
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
                    if let ExprKind::Starred(m) = &k.kind {
                        let m = self.eval(m)?;
                        self.merge_mapping(&mut d, &m)?;
                        continue;
                    }
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    d.insert(k, v)?;
                }
                Ok(Value::Dict(Rc::new(RefCell::new(d))))
            }
            ExprKind::ListComp(elt, gens) => {
                if let [g] = gens.as_slice() {
                    if g.ifs.is_empty() {
                        return self.list_comp_one(elt, g);
                    }
                }
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
                // The outermost iterable is evaluated (and iterated) now, the rest lazily.
                let first = self.eval(&gens[0].iter)?;
                let first = at(self.iter_of(&first), gens[0].iter.span)?;
                let scope = Scope::new(ScopeKind::Function, Some(self.scope.clone()));
                Ok(super::generator::Generator::of_genexp(
                    self.qualify("<genexpr>"),
                    (**elt).clone(),
                    gens.clone(),
                    first,
                    scope,
                ))
            }
            ExprKind::Yield(v) => {
                let v = match v {
                    Some(v) => self.eval(v)?,
                    None => Value::None,
                };
                self.yield_value(v)
            }
            ExprKind::YieldFrom(v) => {
                let v = self.eval(v)?;
                self.yield_from(&v)
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
                let args = self.eval_args(args).map_err(|e| match e {
                    Flow::Error(mut x) if x.message.starts_with(DUP_KW) => {
                        let who = match &f {
                            Value::Function(func) => format!("__main__.{}()", func.qualname),
                            other => format!("{}()", crate::eval::attrs::callable_name(other)),
                        };
                        x.message = x.message.replacen(DUP_KW, &format!("{} ", who), 1);
                        Flow::Error(x)
                    }
                    other => other,
                })?;
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
                for (i, v) in values.iter().enumerate() {
                    last = self.eval(v)?;
                    if let (Some(h), Value::Object(_), true) =
                        (self.hooks.graph_pick, &last, i + 1 < values.len())
                    {
                        let rest = &values[i + 1..];
                        let pick = match op {
                            BoolOpKind::And => super::hooks::Pick::And(rest),
                            BoolOpKind::Or => super::hooks::Pick::Or(rest),
                        };
                        if let Some(v) = h(self, &last, pick)? {
                            return Ok(v);
                        }
                    }
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
                if let (Some(h), Value::Object(_)) = (self.hooks.graph_pick, &c) {
                    if let Some(v) = h(self, &c, super::hooks::Pick::IfExp { body, orelse })? {
                        return Ok(v);
                    }
                }
                if self.truthy(&c)? {
                    self.eval(body)
                } else {
                    self.eval(orelse)
                }
            }
            ExprKind::Starred(_) => {
                raise(ExcKind::SyntaxError, "can't use starred expression here")
            }
            ExprKind::NamedExpr(name, value) => {
                let v = self.eval(value)?;
                self.bind_named(name, v.clone());
                Ok(v)
            }
        }
    }

    pub(crate) fn load_name(&mut self, name: &str) -> R<Value> {
        if let Some(v) = lookup_var(&self.scope, &self.globals, name) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        // A builtin written in Python source is built the first time it is named.
        if let Some(build) = self
            .lazy_modules
            .remove(format!("builtins.{}", name).as_str())
        {
            build(self);
            if let Some(v) = self.builtins.get(name) {
                return Ok(v.clone());
            }
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
                        if out.kw.iter().any(|(n, _)| n.as_str() == k.as_ref()) {
                            return Err(type_err(format!(
                                "{}got multiple values for keyword argument '{}'",
                                DUP_KW, k
                            )));
                        }
                        out.kw.push((k.to_string(), v.clone()));
                    }
                }
            }
        }
        Ok(out)
    }

    /// `name := v`: binds in the scope the expression is in, or, inside a comprehension, in
    /// the scope that holds the comprehension.
    fn bind_named(&mut self, name: &str, v: Value) {
        let mut target = self.scope.clone();
        loop {
            let parent = {
                let b = target.borrow();
                if !b.vars.contains_key(COMPREHENSION) {
                    break;
                }
                b.parent.clone()
            };
            match parent {
                Some(p) => target = p,
                None => break,
            }
        }
        if Rc::ptr_eq(&target, &self.scope) {
            self.set_name(name, v);
            return;
        }
        let saved = std::mem::replace(&mut self.scope, target);
        self.set_name(name, v);
        self.scope = saved;
    }

    /// `{**m}`: the items of a dict (or of a mapping with `keys()`) into `d`.
    fn merge_mapping(&mut self, d: &mut Dict, m: &Value) -> R<()> {
        match m {
            Value::Dict(src) => {
                let src = src.borrow().clone();
                for (k, v) in src.keys.into_iter().zip(src.values) {
                    d.insert(k, v)?;
                }
                Ok(())
            }
            _ => match self.get_attr(m, "keys") {
                Ok(keys) => {
                    let ks = self.call(&keys, Args::default())?;
                    for k in self.collect_items(&ks)? {
                        let v = self.get_item(m, &k)?;
                        d.insert(k, v)?;
                    }
                    Ok(())
                }
                Err(_) => Err(type_err(format!(
                    "'{}' object is not a mapping",
                    m.type_name()
                ))),
            },
        }
    }

    pub(crate) fn make_set(&mut self, vals: Vec<Value>) -> R<Value> {
        let mut d = Dict::default();
        for v in vals {
            d.insert(v, Value::None)?;
        }
        Ok(Value::Set(Rc::new(RefCell::new(
            super::sets::cpython_order(d.keys),
        ))))
    }

    /// Runs `body` for every binding of the comprehension's clauses, in a scope of its own.
    fn comprehension(
        &mut self,
        gens: &[Comprehension],
        body: &mut dyn FnMut(&mut Interp) -> R<()>,
    ) -> R<()> {
        let first_iter = self.eval(&gens[0].iter)?;
        let comp_scope = Scope::new(ScopeKind::Function, Some(self.scope.clone()));
        comp_scope
            .borrow_mut()
            .vars
            .insert(COMPREHENSION.into(), Value::None);
        let saved = std::mem::replace(&mut self.scope, comp_scope);
        let r = self.comp_level(gens, 0, Some(first_iter), body);
        self.scope = saved;
        r
    }

    /// `[elt for target in iterable]`, the common shape, without the general machinery: the
    /// list is sized up front from the iterable's length when that is known.
    fn list_comp_one(&mut self, elt: &Expr, g: &Comprehension) -> R<Value> {
        let first = self.eval(&g.iter)?;
        let comp_scope = Scope::new(ScopeKind::Function, Some(self.scope.clone()));
        comp_scope
            .borrow_mut()
            .vars
            .insert(COMPREHENSION.into(), Value::None);
        let saved = std::mem::replace(&mut self.scope, comp_scope);
        let mut out = Vec::new();
        let r = self.fill_list(elt, g, &first, &mut out);
        self.scope = saved;
        r.map(|()| Value::list(out))
    }

    fn fill_list(
        &mut self,
        elt: &Expr,
        g: &Comprehension,
        first: &Value,
        out: &mut Vec<Value>,
    ) -> R<()> {
        let mut items = self.iterate(first)?;
        if let Some(n) = items.len_hint() {
            // Capped: a huge range may still end early (an error, a break in the element).
            let _ = out.try_reserve(n.min(1 << 26));
        }
        // `[x for _ in ...]`: a loop variable nothing reads is bound once, not on every step.
        if let ExprKind::Name(name) = &g.target.kind {
            if super::unread::never_reads(name, elt) {
                if let Some(item) = items.next(self)? {
                    self.assign(&g.target, item)?;
                    out.push(self.eval(elt)?);
                }
                while items.next(self)?.is_some() {
                    self.check_interrupt()?;
                    let v = self.eval(elt)?;
                    super::budget::grow(out.len())?;
                    out.push(v);
                }
                return Ok(());
            }
        }
        while let Some(item) = items.next(self)? {
            self.check_interrupt()?;
            self.assign(&g.target, item)?;
            let v = self.eval(elt)?;
            super::budget::grow(out.len())?;
            out.push(v);
        }
        Ok(())
    }

    pub(crate) fn comp_level(
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
                let star = items
                    .iter()
                    .position(|t| matches!(t.kind, ExprKind::Starred(_)));
                let vals = match (star, &v) {
                    // Without a starred target, one item past the targets already decides:
                    // an endless iterator is "too many values", as in CPython.
                    (None, Value::Iterator(_) | Value::Instance(_) | Value::Object(_)) => {
                        let mut got = Vec::with_capacity(items.len() + 1);
                        let mut it = at(self.iterate(&v), target.span)?;
                        while got.len() <= items.len() {
                            match at(it.next(self), target.span)? {
                                Some(x) => got.push(x),
                                None => break,
                            }
                        }
                        got
                    }
                    _ => at(self.collect_items(&v), target.span)?,
                };
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
        if let Value::NdArray(_) = cur {
            return (self.hooks.array_inplace)(self, op, cur, rhs);
        }
        if let Value::Instance(_) = cur {
            if let Some(r) = self.instance_inplace(op, cur, rhs)? {
                return Ok(r);
            }
        }
        // The fallback's error names the augmented operator: `+=`.
        self.binary(op, cur, rhs).map_err(|e| match e {
            Flow::Error(mut x) if x.kind == ExcKind::TypeError => {
                let plain = format!("unsupported operand type(s) for {}:", op.symbol());
                if x.message.starts_with(&plain) {
                    x.message = x.message.replacen(
                        &plain,
                        &format!("unsupported operand type(s) for {}=:", op.symbol()),
                        1,
                    );
                }
                Flow::Error(x)
            }
            other => other,
        })
    }

    pub(crate) fn delete(&mut self, t: &Expr) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                let is_global = self.scope.borrow().globals_decl.contains(n.as_str());
                let scope = if is_global {
                    self.globals.clone()
                } else {
                    self.scope.clone()
                };
                let removed = scope.borrow_mut().vars.remove(n.as_str());
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
                at(self.del_attr(&o, name), t.span)
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
