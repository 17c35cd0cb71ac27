//! Standard modules written in Python (`contextlib`, `logging`, `timeit`): their source is
//! compiled into the session on first import, in a namespace of its own, and what it defines
//! becomes the module's attributes. Classes so defined can be subclassed by user code as
//! CPython's can (handlers, formatters, context decorators). Natives the source needs
//! (caller frames, the timing loop) are put in its namespace before it runs.
//!
//! The source's functions see their module's names first; builtins come after, so a
//! user's global of the same name as a builtin cannot reach into the module (the builtins
//! are copied into the namespace once the module is built).

use crate::eval::error::{SourceFile, R};
use crate::eval::scope::{Scope, ScopeKind};
use crate::eval::value::{Args, Builtin, NativeFn};
use crate::eval::{Interp, Value};
use std::rc::Rc;

/// Runs `src` as module `name`, with `natives` bound in its namespace; the names it
/// defines become the attributes of the module. An error in the source (a bug in tensh)
/// leaves the module with what was defined before it.
pub(crate) fn load(it: &mut Interp, name: &str, src: &str, natives: &[(&str, NativeFn)]) {
    let Ok(program) = crate::syntax::parse_program(src) else {
        debug_assert!(false, "the source of module {} does not parse", name);
        return;
    };
    // A function-kind namespace: what the source defines closes over it (a module-kind
    // scope would leave its functions looking names up in the program's globals).
    let scope = Scope::new(ScopeKind::Function, None);
    {
        let mut s = scope.borrow_mut();
        s.vars.insert("__name__".into(), Value::str(name));
        for (n, f) in natives {
            let b = Builtin {
                name: n.to_string(),
                f: *f,
                decl: None,
            };
            s.vars.insert((*n).into(), Value::Builtin(Rc::new(b)));
        }
    }
    let file = SourceFile::new(format!("<frozen {}>", name), src, false);
    let saved_scope = std::mem::replace(&mut it.scope, scope.clone());
    let saved_file = std::mem::replace(&mut it.file, file);
    let saved_echo = std::mem::replace(&mut it.echo, false);
    let saved_span = it.stmt_span;
    let r = it.exec_block(&program);
    it.stmt_span = saved_span;
    it.scope = saved_scope;
    it.file = saved_file;
    it.echo = saved_echo;
    debug_assert!(r.is_ok(), "module {} failed to build", name);
    let m = super::pyclass::module(it, name);
    let defined: Vec<(String, Value)> = scope
        .borrow()
        .vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    for (k, v) in defined {
        if let Value::Class(c) = &v {
            if matches!(c.dict.borrow().get("__module__"), Some(Value::Str(s)) if &**s == "__main__")
            {
                c.dict
                    .borrow_mut()
                    .insert("__module__".into(), Value::str(name));
            }
        }
        if natives.iter().all(|(n, _)| *n != k) {
            m.set(&k, v);
        }
    }
    let mut s = scope.borrow_mut();
    for (k, v) in it.builtins.iter() {
        if !s.vars.contains_key(k.as_str()) {
            s.vars.insert(k.as_str().into(), v.clone());
        }
    }
}

/// Registers `build` for each lazy attribute key (`keras.layers.StringLookup`): the first
/// read of any of them builds them all.
pub(crate) fn install_lazy(it: &mut Interp, keys: &[&'static str], build: fn(&mut Interp)) {
    for key in keys {
        it.lazy_modules.insert(key, build);
    }
}

/// In a lazy `build`: forgets `keys` (so building runs once), runs `src` as module `name`
/// and returns the module.
pub(crate) fn build_lazy(
    it: &mut Interp,
    keys: &[&str],
    name: &str,
    src: &str,
    natives: &[(&str, NativeFn)],
) -> Option<Rc<crate::eval::value::Module>> {
    for key in keys {
        it.lazy_modules.remove(*key);
    }
    load(it, name, src, natives);
    match it.modules.get(name) {
        Some(Value::Module(m)) => Some(m.clone()),
        _ => None,
    }
}

/// The frames of the running program, innermost first: (file name, line, function name).
pub(crate) fn frames(it: &Interp) -> Vec<(String, usize, String)> {
    let line = |file: &SourceFile, span: Option<crate::syntax::Span>| {
        span.map_or(0, |s| {
            crate::syntax::error::line_col(&file.text, s.start as usize).0
        })
    };
    let mut out = Vec::new();
    let mut file = it.file.clone();
    let mut span = it.stmt_span;
    for site in it.calls.iter().rev() {
        out.push((file.name.clone(), line(&file, span), site.func.name.clone()));
        file = site.caller_file.clone();
        span = site.caller_span;
    }
    out.push((file.name.clone(), line(&file, span), "<module>".to_string()));
    out
}

/// `_frames()`: the frames as a list of (filename, lineno, funcName) tuples.
pub(crate) fn frames_native(it: &mut Interp, _: Args) -> R<Value> {
    let items = frames(it)
        .into_iter()
        .map(|(f, l, n)| Value::tuple(vec![Value::str(&f), Value::Int(l as i64), Value::str(&n)]))
        .collect();
    Ok(Value::list(items))
}
