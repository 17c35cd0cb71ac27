//! The `eval` and `exec` builtins: source text run in the caller's namespace, or in the
//! dicts given as `globals` and `locals` (names the code binds are written back to the dict
//! that holds the locals, as CPython's `exec` does).

use super::error::SourceFile;
use super::error::{raise, type_err, Flow, R};
use super::scope::{Scope, ScopeKind};
use super::value::{Dict, Value};
use super::Interp;
use crate::builtin;
use crate::errors::ExcKind;
use crate::syntax::ast::{Stmt, StmtKind};
use std::cell::RefCell;
use std::rc::Rc;

/// The source of an `eval`/`exec` argument: a str, or bytes decoded as UTF-8.
fn source_text(what: &str, v: &Value) -> R<String> {
    let wrong = || {
        type_err(format!(
            "{}() arg 1 must be a string, bytes or code object",
            what
        ))
    };
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(b) => String::from_utf8(b.to_vec()).map_err(|_| wrong()),
        _ => Err(wrong()),
    }
}

/// Parses `src` as `<string>`, with CPython's SyntaxError position.
fn parse(src: &str) -> R<Vec<Stmt>> {
    crate::syntax::parse_program(src).map_err(|e| {
        let (line, _) = crate::syntax::error::line_col(src, e.offset);
        Flow::Error(Box::new(super::error::Exception::new(
            e.kind,
            format!("{} (<string>, line {})", e.message, line),
        )))
    })
}

/// The dict a `globals`/`locals` argument must be.
fn namespace_dict(what: &str, which: &str, v: &Value) -> R<Option<Rc<RefCell<Dict>>>> {
    match v {
        Value::None => Ok(None),
        Value::Dict(d) => Ok(Some(d.clone())),
        _ if which == "globals" && what == "eval" => Err(type_err(
            "globals must be a real dict; try eval(expr, {}, mapping)",
        )),
        other if which == "globals" => Err(type_err(format!(
            "{}() globals must be a dict, not {}",
            what,
            other.type_name()
        ))),
        other => Err(type_err(format!(
            "locals must be a mapping or None, not {}",
            other.type_name()
        ))),
    }
}

/// Runs `body` with the namespace the arguments give: the caller's scope when both are
/// None, else a module scope filled from the dicts, written back to the locals dict after.
fn with_namespace<T>(
    it: &mut Interp,
    what: &str,
    globals: &Value,
    locals: &Value,
    src: &str,
    body: impl FnOnce(&mut Interp) -> R<T>,
) -> R<T> {
    let g = namespace_dict(what, "globals", globals)?;
    let l = namespace_dict(what, "locals", locals)?;
    let file = SourceFile::new("<string>", src, false);
    let saved_file = std::mem::replace(&mut it.file, file);
    let saved_echo = std::mem::replace(&mut it.echo, false);
    let r = match (g, l) {
        (None, None) => body(it),
        (g, l) => {
            let scope = Scope::new(ScopeKind::Module, None);
            for d in [&g, &l].into_iter().flatten() {
                let d = d.borrow();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    if let Value::Str(k) = k {
                        scope.borrow_mut().vars.insert(k.clone(), v.clone());
                    }
                }
            }
            let saved_scope = std::mem::replace(&mut it.scope, scope.clone());
            let saved_globals = std::mem::replace(&mut it.globals, scope.clone());
            let r = body(it);
            it.scope = saved_scope;
            it.globals = saved_globals;
            if let Some(target) = l.or(g) {
                let vars: Vec<(Rc<str>, Value)> = scope
                    .borrow()
                    .vars
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut d = target.borrow_mut();
                for (k, v) in vars {
                    d.insert(Value::Str(k), v)?;
                }
            }
            r
        }
    };
    it.file = saved_file;
    it.echo = saved_echo;
    r
}

builtin! {
    /// Evaluate the given source in the context of globals and locals.
    python ["builtins.eval"]
    fn eval(it, source, globals = None, locals = None) {
        let src = source_text("eval", &source)?;
        // eval() ignores leading spaces and tabs, as CPython does.
        let src = src.trim_start_matches([' ', '\t']).to_string();
        let prog = parse(&src)?;
        let expr = match prog.as_slice() {
            [Stmt { kind: StmtKind::Expr(e), .. }] => e.clone(),
            [] => return raise(ExcKind::SyntaxError, "invalid syntax (<string>, line 0)"),
            [_, second, ..] => {
                let (line, _) = crate::syntax::error::line_col(&src, second.span.start as usize);
                return raise(ExcKind::SyntaxError, format!("invalid syntax (<string>, line {})", line));
            }
            [_] => return raise(ExcKind::SyntaxError, "invalid syntax (<string>, line 1)"),
        };
        with_namespace(it, "eval", &globals, &locals, &src, |it| it.eval(&expr))
    }
}

builtin! {
    /// Execute the given source in the context of globals and locals.
    python ["builtins.exec"]
    fn exec(it, source, globals = None, locals = None) {
        let src = source_text("exec", &source)?;
        let prog = parse(&src)?;
        if let Some(r) = prog.iter().find(|s| matches!(s.kind, StmtKind::Return(_))) {
            let (line, _) = crate::syntax::error::line_col(&src, r.span.start as usize);
            let msg = format!("'return' outside function (<string>, line {})", line);
            return raise(ExcKind::SyntaxError, msg);
        }
        with_namespace(it, "exec", &globals, &locals, &src, |it| {
            match it.exec_block(&prog) {
                Ok(()) => Ok(Value::None),
                Err(Flow::Error(e)) => Err(Flow::Error(e)),
                Err(Flow::Return(_)) => raise(ExcKind::SyntaxError, "'return' outside function"),
                Err(_) => raise(ExcKind::SyntaxError, "'break' outside loop"),
            }
        })
    }
}
