//! The `match` statement: patterns tried in order against the subject, binding names as
//! they match, with CPython's rules for sequences (not str), mappings, class patterns
//! (`__match_args__`, and the builtin types that match their whole subject).

use super::error::{at, type_err, Flow, R};
use super::value::{Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::{CmpOp, ExprKind, MatchCase, Pattern};
use std::cell::RefCell;
use std::rc::Rc;

/// The builtin types whose class pattern takes one positional sub-pattern: the subject.
const SELF_MATCHING: &[&str] = &[
    "bool",
    "bytearray",
    "bytes",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "set",
    "str",
    "tuple",
];

impl Interp {
    /// Runs the body of the first case whose pattern matches and whose guard holds.
    pub(crate) fn match_stmt(
        &mut self,
        subject: &crate::syntax::ast::Expr,
        cases: &[MatchCase],
    ) -> R<()> {
        let v = self.eval(subject)?;
        for c in cases {
            if !self.match_pattern(&c.pattern, &v)? {
                continue;
            }
            if let Some(g) = &c.guard {
                let t = self.eval(g)?;
                if !self.truthy(&t)? {
                    continue;
                }
            }
            return self.exec_block(&c.body);
        }
        Ok(())
    }

    fn match_pattern(&mut self, p: &Pattern, v: &Value) -> R<bool> {
        match p {
            Pattern::Wildcard => Ok(true),
            Pattern::Capture(n) => {
                self.set_name(n, v.clone());
                Ok(true)
            }
            Pattern::Value(e) => {
                let want = self.eval(e)?;
                if matches!(e.kind, ExprKind::NoneLit | ExprKind::Bool(_)) {
                    return Ok(super::ops::same(&want, v));
                }
                let r = at(self.compare(CmpOp::Eq, v, &want), e.span)?;
                self.truthy(&r)
            }
            Pattern::As(inner, n) => {
                if self.match_pattern(inner, v)? {
                    self.set_name(n, v.clone());
                    return Ok(true);
                }
                Ok(false)
            }
            Pattern::Or(alts) => {
                for a in alts {
                    if self.match_pattern(a, v)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Pattern::Star(_) => Ok(true),
            Pattern::Sequence(items) => self.match_sequence(items, v),
            Pattern::Mapping(items, rest) => self.match_mapping(items, rest.as_deref(), v),
            Pattern::Class(cls, pos, kws) => {
                let c = self.eval(cls)?;
                if !matches!(
                    c,
                    Value::Class(_) | Value::Builtin(_) | Value::ExcClass(_) | Value::Object(_)
                ) {
                    return Err(type_err("called match pattern must be a class"));
                }
                if !super::types::isinstance(&self.hooks, v, &c)? {
                    return Ok(false);
                }
                self.match_class(&c, pos, kws, v)
            }
        }
    }

    fn match_sequence(&mut self, items: &[Pattern], v: &Value) -> R<bool> {
        let vals = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.as_ref().clone(),
            Value::Range(..) => self.collect_items(v)?,
            _ => return Ok(false),
        };
        let star = items.iter().position(|p| matches!(p, Pattern::Star(_)));
        match star {
            None => {
                if vals.len() != items.len() {
                    return Ok(false);
                }
                for (p, x) in items.iter().zip(&vals) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Some(s) => {
                let after = items.len() - s - 1;
                if vals.len() < items.len() - 1 {
                    return Ok(false);
                }
                for (p, x) in items[..s].iter().zip(&vals) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                let tail = &vals[vals.len() - after..];
                for (p, x) in items[s + 1..].iter().zip(tail) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                if let Pattern::Star(Some(n)) = &items[s] {
                    self.set_name(n, Value::list(vals[s..vals.len() - after].to_vec()));
                }
                Ok(true)
            }
        }
    }

    fn match_mapping(
        &mut self,
        items: &[(crate::syntax::ast::Expr, Pattern)],
        rest: Option<&str>,
        v: &Value,
    ) -> R<bool> {
        let Value::Dict(d) = v else {
            return Ok(false);
        };
        let mut used = Vec::new();
        for (k, p) in items {
            let key = self.eval(k)?;
            let got = d.borrow().get(&key)?;
            let Some(x) = got else { return Ok(false) };
            if !self.match_pattern(p, &x)? {
                return Ok(false);
            }
            used.push(key);
        }
        if let Some(r) = rest {
            let mut out = Dict::default();
            let d = d.borrow().clone();
            for (k, x) in d.keys.iter().zip(&d.values) {
                let mut taken = false;
                for u in &used {
                    if self.equal(k, u)? {
                        taken = true;
                    }
                }
                if !taken {
                    out.insert(k.clone(), x.clone())?;
                }
            }
            self.set_name(r, Value::Dict(Rc::new(RefCell::new(out))));
        }
        Ok(true)
    }

    fn match_class(
        &mut self,
        c: &Value,
        pos: &[Pattern],
        kws: &[(String, Pattern)],
        v: &Value,
    ) -> R<bool> {
        let cname = match c {
            Value::Class(k) => k.name.clone(),
            Value::Builtin(b) => b.name.rsplit('.').next().unwrap_or(&b.name).to_string(),
            other => other.type_name(),
        };
        if !pos.is_empty() {
            if SELF_MATCHING.contains(&cname.as_str()) && matches!(c, Value::Builtin(_)) {
                if pos.len() > 1 {
                    return Err(type_err(format!(
                        "{}() accepts 1 positional sub-pattern ({} given)",
                        cname,
                        pos.len()
                    )));
                }
                if !self.match_pattern(&pos[0], v)? {
                    return Ok(false);
                }
            } else {
                let args = match c {
                    Value::Class(k) => k.lookup("__match_args__"),
                    _ => None,
                };
                let names: Vec<String> = match args {
                    Some(Value::Tuple(t)) => t
                        .iter()
                        .map(|x| match x {
                            Value::Str(s) => Ok(s.to_string()),
                            other => Err(type_err(format!(
                                "__match_args__ elements must be strings (got {})",
                                other.type_name()
                            ))),
                        })
                        .collect::<R<_>>()?,
                    Some(other) => {
                        return Err(type_err(format!(
                            "{}.__match_args__ must be a tuple (got {})",
                            cname,
                            other.type_name()
                        )))
                    }
                    None => Vec::new(),
                };
                if pos.len() > names.len() {
                    return Err(type_err(format!(
                        "{}() accepts {} positional sub-pattern{} ({} given)",
                        cname,
                        names.len(),
                        if names.len() == 1 { "" } else { "s" },
                        pos.len()
                    )));
                }
                for (p, n) in pos.iter().zip(&names) {
                    if !self.match_attr(v, n, p)? {
                        return Ok(false);
                    }
                }
            }
        }
        for (n, p) in kws {
            if !self.match_attr(v, n, p)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn match_attr(&mut self, v: &Value, name: &str, p: &Pattern) -> R<bool> {
        match self.get_attr(v, name) {
            Ok(x) => self.match_pattern(p, &x),
            Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
