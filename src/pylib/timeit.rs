//! Python's `timeit` module: `Timer` (`timeit`, `repeat`, `autorange`), the functions
//! `timeit` and `repeat`, `default_timer`. The classes are Python (`pysrc/timeit.py`);
//! the timing loop is native: statement strings are parsed once by tensh's parser and run
//! `number` times in a fresh namespace (or the `globals` given), as the body of a function,
//! so names they bind are locals of the run, as in CPython.

use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, Flow, SourceFile, R};
use crate::eval::scope::{Scope, ScopeKind};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::syntax::Stmt;
use std::cell::RefCell;
use std::rc::Rc;

/// The module's source.
const SOURCE: &str = include_str!("pysrc/timeit.py");

/// Registers `timeit`, built from its source on first import.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("timeit", |it| {
        super::pysource::load(
            it,
            "timeit",
            SOURCE,
            &[("_compile", compile_native), ("_run", run_native)],
        );
    });
}

/// A statement string parsed, with CPython's SyntaxError when it does not parse; `skip`
/// lines come before it in what CPython compiles (the setup, when it checks a statement).
fn parse(src: &str, skip: usize) -> R<Vec<Stmt>> {
    let prog = crate::syntax::parse_program(src).map_err(|e| {
        let (line, _) = crate::syntax::error::line_col(src, e.offset);
        err(
            e.kind,
            format!("{} (<timeit-src>, line {})", e.message, line + skip),
        )
    })?;
    for s in &prog {
        if matches!(s.kind, crate::syntax::StmtKind::Return(_)) {
            let (line, _) = crate::syntax::error::line_col(src, s.span.start as usize);
            return raise(
                ExcKind::SyntaxError,
                format!(
                    "'return' outside function (<timeit-src>, line {})",
                    line + skip
                ),
            );
        }
    }
    Ok(prog)
}

/// `_compile(src, setup=None)`: checks that a statement string compiles (after the
/// setup string, if one is given).
fn compile_native(_: &mut Interp, args: Args) -> R<Value> {
    let skip = match args.pos.get(1) {
        Some(Value::Str(setup)) => setup.split('\n').count(),
        _ => 0,
    };
    if let Some(Value::Str(s)) = args.pos.first() {
        parse(s, skip)?;
    }
    Ok(Value::None)
}

/// A statement to time: parsed source, or a callable.
enum Code {
    Source(Vec<Stmt>),
    Call(Value),
}

fn code_of(v: &Value) -> R<Code> {
    Ok(match v {
        Value::Str(s) => Code::Source(parse(s, 0)?),
        other => Code::Call(other.clone()),
    })
}

/// Where statement strings run: a function's locals over the namespace as its globals.
struct Env {
    local: Rc<RefCell<Scope>>,
    namespace: Rc<RefCell<Scope>>,
    file: Rc<SourceFile>,
}

/// Runs one statement: a string in `env` (callables run where they were defined).
fn run_once(it: &mut Interp, env: &Env, code: &Code) -> R<()> {
    let prog = match code {
        Code::Source(prog) => prog,
        Code::Call(f) => return it.call(f, Args::default()).map(|_| ()),
    };
    let saved_scope = std::mem::replace(&mut it.scope, env.local.clone());
    let saved_globals = std::mem::replace(&mut it.globals, env.namespace.clone());
    let saved_file = std::mem::replace(&mut it.file, env.file.clone());
    let saved_echo = std::mem::replace(&mut it.echo, false);
    let r = it.exec_block(prog);
    it.scope = saved_scope;
    it.globals = saved_globals;
    it.file = saved_file;
    it.echo = saved_echo;
    match r {
        Ok(()) => Ok(()),
        Err(Flow::Error(e)) => Err(Flow::Error(e)),
        Err(Flow::Return(_)) => raise(ExcKind::SyntaxError, "'return' outside function"),
        Err(_) => raise(ExcKind::SyntaxError, "'break' outside loop"),
    }
}

/// `_run(stmt, setup, number, globals, timer)`: runs `setup` once, then `stmt` `number`
/// times between two calls of `timer`; returns the difference of the two readings.
fn run_native(it: &mut Interp, args: Args) -> R<Value> {
    let [stmt, setup, number, globals, timer] =
        args.bind("_run", ["stmt", "setup", "number", "globals", "timer"])?;
    let [stmt, setup, number, globals, timer] =
        [stmt, setup, number, globals, timer].map(|v| v.unwrap_or(Value::None));
    let n = match number {
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        other => {
            return Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let stmt = code_of(&stmt)?;
    let setup = code_of(&setup)?;
    let namespace = Scope::new(ScopeKind::Module, None);
    if let Value::Dict(d) = &globals {
        let items: Vec<(Value, Value)> = {
            let d = d.borrow();
            d.keys
                .iter()
                .cloned()
                .zip(d.values.iter().cloned())
                .collect()
        };
        let mut ns = namespace.borrow_mut();
        for (k, v) in items {
            if let Value::Str(k) = k {
                ns.vars.insert(k.as_ref().into(), v);
            }
        }
    }
    let env = Env {
        local: Scope::new(ScopeKind::Function, Some(namespace.clone())),
        namespace,
        file: SourceFile::new("<timeit-src>", "", false),
    };
    run_once(it, &env, &setup)?;
    let t0 = it.call(&timer, Args::default())?;
    for _ in 0..n.max(0) {
        it.check_interrupt()?;
        run_once(it, &env, &stmt)?;
    }
    let t1 = it.call(&timer, Args::default())?;
    it.binary(crate::syntax::ast::BinOp::Sub, &t1, &t0)
}
