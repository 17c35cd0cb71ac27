//! Python's `functools` module: partial, reduce, lru_cache/cache, wraps, cmp_to_key,
//! total_ordering.

use super::pyclass::{method, module};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::builtins::items;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Sets `functools`'s classes.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "functools");
    m.set(
        "partial",
        super::pyclass::PyClass::value(
            "partial",
            "functools",
            Some(|_, _, mut args| {
                if args.pos.is_empty() {
                    return raise(
                        ExcKind::TypeError,
                        "type 'partial' takes at least one argument",
                    );
                }
                let func = args.pos.remove(0);
                Ok(make_partial(func, args))
            }),
            |v| v.as_object::<Partial>().is_some(),
        ),
    );
}

/// `partial(func, *args, **kw)`; a partial of a partial flattens, as in CPython.
fn make_partial(func: Value, args: Args) -> Value {
    if let Some(p) = func.as_object::<Partial>() {
        let mut pos = p.args.clone();
        pos.extend(args.pos);
        let mut kw = p.kw.clone();
        for (k, v) in args.kw {
            kw.retain(|(n, _)| *n != k);
            kw.push((k, v));
        }
        return Value::Object(Rc::new(Partial {
            func: p.func.clone(),
            args: pos,
            kw,
        }));
    }
    Value::Object(Rc::new(Partial {
        func,
        args: args.pos,
        kw: args.kw,
    }))
}

struct Partial {
    func: Value,
    args: Vec<Value>,
    kw: Vec<(String, Value)>,
}

fn kw_dict(kw: &[(String, Value)]) -> R<Value> {
    let mut d = Dict::default();
    for (k, v) in kw {
        d.insert(Value::str(k), v.clone())?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

impl Object for Partial {
    fn type_name(&self) -> String {
        "functools.partial".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "func" => Some(self.func.clone()),
            "args" => Some(Value::tuple(self.args.clone())),
            "keywords" => Some(kw_dict(&self.kw)?),
            _ => None,
        })
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let mut pos = self.args.clone();
        pos.extend(args.pos);
        let mut kw = self.kw.clone();
        for (k, v) in args.kw {
            kw.retain(|(n, _)| *n != k);
            kw.push((k, v));
        }
        it.call(&self.func, Args { pos, kw })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = vec![it.repr(&self.func)?];
        for a in &self.args {
            parts.push(it.repr(a)?);
        }
        for (k, v) in &self.kw {
            parts.push(format!("{}={}", k, it.repr(v)?));
        }
        Ok(format!("functools.partial({})", parts.join(", ")))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// reduce(function, iterable[, initial]) -> value
    python ["functools.reduce"]
    fn reduce(it, function, iterable, *args) {
        let extra = items(&args);
        if extra.len() > 1 {
            return raise(
                ExcKind::TypeError,
                format!("reduce expected at most 3 arguments, got {}", extra.len() + 2),
            );
        }
        let mut acc = extra.into_iter().next();
        let mut src = it.iterate(&iterable)?;
        while let Some(x) = src.next(it)? {
            acc = Some(match acc {
                None => x,
                Some(a) => it.call(&function, Args::new(vec![a, x]))?,
            });
        }
        match acc {
            Some(v) => Ok(v),
            None => raise(ExcKind::TypeError, "reduce() of empty iterable with no initial value"),
        }
    }
}

builtin! {
    /// Least-recently-used cache decorator.
    python ["functools.lru_cache"]
    fn lru_cache(it, maxsize = 128, typed = False) {
        let _ = typed;
        if !matches!(maxsize, Value::Int(_) | Value::None | Value::Bool(_)) {
            if it.is_callable(&maxsize) {
                return Ok(make_cache(maxsize, Some(128)));
            }
            return raise(ExcKind::TypeError, "Expected first argument to be an integer, a callable, or None");
        }
        let size = match maxsize {
            Value::Int(n) => Some(n.max(0) as usize),
            Value::Bool(b) => Some(b as usize),
            _ => None,
        };
        Ok(Value::Object(Rc::new(CacheDecorator { maxsize: size })))
    }
}

builtin! {
    /// Simple lightweight unbounded cache.  Sometimes called "memoize".
    python ["functools.cache"]
    fn cache(it, user_function) {
        let _ = it;
        Ok(make_cache(user_function, None))
    }
}

/// What `lru_cache(maxsize)` returns: the decorator.
struct CacheDecorator {
    maxsize: Option<usize>,
}

impl Object for CacheDecorator {
    fn type_name(&self) -> String {
        "function".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _: &Value, _: &mut Interp, args: Args) -> R<Value> {
        let f = args.pos.into_iter().next().unwrap_or(Value::None);
        Ok(make_cache(f, self.maxsize))
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("<function lru_cache.<locals>.decorating_function>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make_cache(func: Value, maxsize: Option<usize>) -> Value {
    Value::Object(Rc::new(Cached {
        func,
        maxsize,
        state: RefCell::new(CacheState::default()),
    }))
}

#[derive(Default)]
struct CacheState {
    entries: Dict,
    hits: i64,
    misses: i64,
}

/// A function wrapped by `lru_cache`.
struct Cached {
    func: Value,
    maxsize: Option<usize>,
    state: RefCell<CacheState>,
}

impl Object for Cached {
    fn type_name(&self) -> String {
        "functools._lru_cache_wrapper".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if name == "__wrapped__" {
            return Ok(Some(self.func.clone()));
        }
        if let Some(m) = method(this, name, &["cache_info", "cache_clear"], cache_method) {
            return Ok(Some(m));
        }
        Ok(it.get_attr(&self.func, name).ok())
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let mut key = args.pos.clone();
        if !args.kw.is_empty() {
            key.push(Value::Ellipsis);
            for (k, v) in &args.kw {
                key.push(Value::str(k));
                key.push(v.clone());
            }
        }
        let key = Value::tuple(key);
        let hit = self.state.borrow().entries.get(&key)?;
        if let Some(v) = hit {
            let mut s = self.state.borrow_mut();
            s.hits += 1;
            if self.maxsize.is_some() {
                s.entries.remove(&key)?;
                s.entries.insert(key, v.clone())?;
            }
            return Ok(v);
        }
        self.state.borrow_mut().misses += 1;
        let v = it.call(&self.func, args)?;
        let mut s = self.state.borrow_mut();
        match self.maxsize {
            Some(0) => {}
            Some(m) => {
                s.entries.insert(key, v.clone())?;
                while s.entries.len() > m {
                    let first = s.entries.keys[0].clone();
                    s.entries.remove(&first)?;
                }
            }
            None => s.entries.insert(key, v.clone())?,
        }
        Ok(v)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        it.repr(&self.func)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn cache_method(it: &mut Interp, this: &Value, name: &str, _: Args) -> R<Value> {
    let Some(c) = this.as_object::<Cached>() else {
        return Ok(Value::None);
    };
    if name == "cache_clear" {
        *c.state.borrow_mut() = CacheState::default();
        return Ok(Value::None);
    }
    let (hits, misses, size) = {
        let s = c.state.borrow();
        (s.hits, s.misses, s.entries.len())
    };
    let class = super::collections::namedtuple_class(
        "CacheInfo",
        &["hits", "misses", "maxsize", "currsize"],
    );
    it.call(
        &class,
        Args::new(vec![
            Value::Int(hits),
            Value::Int(misses),
            c.maxsize.map_or(Value::None, |m| Value::Int(m as i64)),
            Value::Int(size as i64),
        ]),
    )
}

const WRAPPER_ASSIGNMENTS: &[&str] = &["__module__", "__name__", "__qualname__", "__doc__"];

builtin! {
    /// Decorator factory to apply update_wrapper() to a wrapper function
    python ["functools.wraps"]
    fn wraps(it, wrapped, assigned = None, updated = None) {
        let _ = (it, assigned, updated);
        Ok(Value::Object(Rc::new(Wraps { wrapped })))
    }
}

builtin! {
    /// Update a wrapper function to look like the wrapped function
    python ["functools.update_wrapper"]
    fn update_wrapper(it, wrapper, wrapped, assigned = None, updated = None) {
        let _ = (assigned, updated);
        update(it, wrapper, &wrapped)
    }
}

fn update(it: &mut Interp, wrapper: Value, wrapped: &Value) -> R<Value> {
    let mut attrs = HashMap::new();
    for a in WRAPPER_ASSIGNMENTS {
        if let Ok(v) = it.get_attr(wrapped, a) {
            attrs.insert(a.to_string(), v);
        }
    }
    attrs.insert("__wrapped__".into(), wrapped.clone());
    Ok(Value::Object(Rc::new(Wrapper {
        func: wrapper,
        attrs: RefCell::new(attrs),
    })))
}

/// What `wraps(f)` returns: the decorator that copies f's name and doc.
struct Wraps {
    wrapped: Value,
}

impl Object for Wraps {
    fn type_name(&self) -> String {
        "functools.partial".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let f = args.pos.into_iter().next().unwrap_or(Value::None);
        update(it, f, &self.wrapped)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A function with the attributes `wraps` gave it.
struct Wrapper {
    func: Value,
    attrs: RefCell<HashMap<String, Value>>,
}

impl Object for Wrapper {
    fn type_name(&self) -> String {
        "function".into()
    }
    fn get_attr(&self, _: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if let Some(v) = self.attrs.borrow().get(name) {
            return Ok(Some(v.clone()));
        }
        Ok(it.get_attr(&self.func, name).ok())
    }
    fn set_attr(&self, name: &str, value: Value, _: &mut Interp) -> R<bool> {
        self.attrs.borrow_mut().insert(name.to_string(), value);
        Ok(true)
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        it.call(&self.func, args)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        match self.attrs.borrow().get("__qualname__") {
            Some(Value::Str(q)) => Ok(format!("<function {}>", q)),
            _ => it.repr(&self.func),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Convert a cmp= function into a key= function.
    python ["functools.cmp_to_key"]
    fn cmp_to_key(it, mycmp) {
        let _ = it;
        Ok(Value::Object(Rc::new(CmpToKey { cmp: mycmp })))
    }
}

struct CmpToKey {
    cmp: Value,
}

impl Object for CmpToKey {
    fn type_name(&self) -> String {
        "functools.KeyWrapper".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _: &Value, _: &mut Interp, args: Args) -> R<Value> {
        let [obj] = args.bind("K", ["obj"])?;
        Ok(Value::Object(Rc::new(KeyWrapper {
            cmp: self.cmp.clone(),
            obj: obj.unwrap_or(Value::None),
        })))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// One key `cmp_to_key` made: compares by calling the cmp function.
struct KeyWrapper {
    cmp: Value,
    obj: Value,
}

impl Object for KeyWrapper {
    fn type_name(&self) -> String {
        "functools.KeyWrapper".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if name == "obj" {
            return Ok(Some(self.obj.clone()));
        }
        Ok(method(
            this,
            name,
            &["__lt__", "__gt__", "__le__", "__ge__", "__eq__"],
            |it, this, name, args| {
                let (Some(a), Some(b)) = (
                    this.as_object::<KeyWrapper>(),
                    args.pos.first().and_then(|o| o.as_object::<KeyWrapper>()),
                ) else {
                    return Err(type_err("other argument must be K instance"));
                };
                let r = it.call(&a.cmp, Args::new(vec![a.obj.clone(), b.obj.clone()]))?;
                let o = it.order(&r, &Value::Int(0), crate::syntax::ast::CmpOp::Lt)?;
                use std::cmp::Ordering::*;
                Ok(Value::Bool(match name {
                    "__lt__" => o == Less,
                    "__gt__" => o == Greater,
                    "__le__" => o != Greater,
                    "__ge__" => o != Less,
                    _ => o == Equal,
                }))
            },
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Class decorator that fills in missing ordering methods
    python ["functools.total_ordering"]
    fn total_ordering(it, cls) {
        let Value::Class(c) = &cls else {
            return Ok(cls);
        };
        let roots = ["__lt__", "__le__", "__gt__", "__ge__"];
        let Some(root) = roots.iter().find(|r| c.dict.borrow().contains_key(**r)) else {
            return raise(ExcKind::ValueError, "must define at least one ordering operation: < > <= >=");
        };
        let derived: &[(&str, &str)] = match *root {
            "__lt__" => &[
                ("__gt__", "not self.__lt__(other) and not self == other"),
                ("__le__", "self.__lt__(other) or self == other"),
                ("__ge__", "not self.__lt__(other)"),
            ],
            "__le__" => &[
                ("__ge__", "not self.__le__(other) or self == other"),
                ("__lt__", "self.__le__(other) and not self == other"),
                ("__gt__", "not self.__le__(other)"),
            ],
            "__gt__" => &[
                ("__lt__", "not self.__gt__(other) and not self == other"),
                ("__ge__", "self.__gt__(other) or self == other"),
                ("__le__", "not self.__gt__(other)"),
            ],
            _ => &[
                ("__le__", "not self.__ge__(other) or self == other"),
                ("__gt__", "self.__ge__(other) and not self == other"),
                ("__lt__", "not self.__ge__(other)"),
            ],
        };
        for (name, body) in derived {
            if c.dict.borrow().contains_key(*name) {
                continue;
            }
            let f = eval_source(it, &format!("lambda self, other: {}", body))?;
            c.dict.borrow_mut().insert(name.to_string(), f);
        }
        Ok(cls.clone())
    }
}

/// The value of one Python expression given as source.
pub(crate) fn eval_source(it: &mut Interp, src: &str) -> R<Value> {
    let prog = crate::syntax::parse_program(src)
        .map_err(|e| crate::eval::error::err(ExcKind::SyntaxError, e.message.clone()))?;
    match prog.first().map(|s| &s.kind) {
        Some(crate::syntax::StmtKind::Expr(e)) => it.eval(e),
        _ => raise(ExcKind::SyntaxError, "invalid syntax"),
    }
}
