//! One tensh session: globals, the random generator, Keras name counters, output streams.
//! `run` executes a program statement by statement as Python's interactive mode does and
//! reports each error with Python's traceback (`traceback.rs`), ending in `Name: message`.
//! `SystemExit` ends the run with its exit status.

use super::error::{err, Exception, Flow, SourceFile, TbFrame, R};
use super::hooks::Hooks;
use super::scope::{Scope, ScopeKind};
use super::value::Value;
use crate::errors::ExcKind;
use crate::syntax::{parse_program, Stmt, SyntaxError};
use crate::tensor::random::Generator;
use colored::Colorize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The maximum depth of nested calls before a RecursionError.
pub(crate) const MAX_DEPTH: usize = 1000;

/// A writer kept in memory and shared: one buffer can stand for both of a session's
/// streams, so captured output keeps its order.
#[derive(Clone, Default)]
pub struct SharedBuf(pub Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SharedBuf {
    /// Empties the buffer, returning its text.
    pub fn take_text(&self) -> String {
        let bytes = std::mem::take(&mut *self.0.borrow_mut());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Empties the buffer, returning its lines.
    pub fn take(&self) -> Vec<String> {
        self.take_text().lines().map(String::from).collect()
    }
}

/// Where a session writes: values and print() to `out`, errors to `err`.
pub struct Output {
    pub out: Box<dyn Write>,
    pub err: Box<dyn Write>,
    pub color: bool,
    /// `out` is a terminal: progress bars redraw in place.
    pub tty: bool,
}

impl Output {
    /// The process's stdout and stderr.
    pub(crate) fn stdio(color: bool) -> Output {
        Output {
            out: Box::new(std::io::BufWriter::new(std::io::stdout())),
            err: Box::new(std::io::stderr()),
            color,
            tty: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        }
    }
}

pub struct Interp {
    pub(crate) globals: Rc<RefCell<Scope>>,
    /// The innermost scope being executed.
    pub(crate) scope: Rc<RefCell<Scope>>,
    pub(crate) builtins: super::scope::NameMap<String, Value>,
    pub(crate) modules: HashMap<String, Value>,
    pub(crate) io: Output,
    pub(crate) rng: Generator,
    /// Keras's per-session name counters: `dense`, `dense_1`, ...
    pub(crate) counters: HashMap<String, usize>,
    pub(crate) depth: usize,
    /// The containers whose repr is being built (CPython's `Py_ReprEnter`): one met again
    /// inside itself prints as `[...]` or `{...}`.
    pub(crate) repr_guard: Vec<usize>,
    pub interrupt: Arc<AtomicBool>,
    pub(crate) next_id: usize,
    /// While a `tf.function` is traced: the statements after the `if` being run, in its
    /// block (AutoGraph folds them into the branch that does not return).
    /// Keyed by the address of the `if`'s body, so that no other `if` takes it.
    pub(crate) if_rest: Option<(usize, Vec<crate::syntax::ast::Stmt>)>,
    /// The code being run (a function's while it runs), for tracebacks.
    pub(crate) file: Rc<SourceFile>,
    /// Whether expression statements echo their value (top level of interactive input).
    pub(crate) echo: bool,
    /// Whether error reports show the location and a caret (off in transcripts, which show
    /// errors as a notebook does: one `Name: message` line).
    pub carets: bool,
    /// Hide the echo of the last statement (a REPL entry that ends with `;`).
    pub(crate) quiet_last: bool,
    /// Whether top-level expression statements echo at all (off while `%timeit` runs).
    pub(crate) echo_enabled: bool,
    /// What the layers above the evaluator (tensors, Keras) installed into it.
    pub(crate) hooks: Hooks,
    /// The error standard output gave (a closed pipe, a full disk): print raises it, and the
    /// run ends after the statement, as Python's does.
    pub(crate) out_error: Option<std::rc::Rc<std::io::Error>>,
    /// The statement being run (in the innermost frame), for `logging`'s `lineno`.
    pub(crate) stmt_span: Option<crate::syntax::Span>,
    /// The active calls of user functions, outermost first: the frames `logging` reports.
    pub(crate) calls: Vec<CallSite>,
    /// The exceptions being handled (`except` bodies running), innermost last: what
    /// `sys.exc_info()` reports.
    pub(crate) handling: Vec<Value>,
    /// Modules built on first import (those written in Python): name and builder.
    pub(crate) lazy_modules: HashMap<&'static str, fn(&mut Interp)>,
}

/// One active call of a user function: the function, and the file and statement of the
/// frame that called it.
pub(crate) struct CallSite {
    pub func: Rc<crate::syntax::ast::FuncDef>,
    pub caller_file: Rc<SourceFile>,
    pub caller_span: Option<crate::syntax::Span>,
}

/// A function defined at module level closes over the module scope that holds it: an Rc
/// cycle. Emptying the scope when the session ends breaks it, so a finished session (a
/// `:reset`, each run of the fuzzer) gives its tensors back.
impl Drop for Interp {
    fn drop(&mut self) {
        let vars = std::mem::take(&mut self.globals.borrow_mut().vars);
        let mut pending: Vec<Value> = vars.into_values().collect();
        pending.extend(std::mem::take(&mut self.modules).into_values());
        pending.extend(std::mem::take(&mut self.builtins).into_values());
        break_cycles(pending, self.hooks.held_values);
        crate::tensor::autodiff::tape::stop_all();
    }
}

/// Empties the namespaces reachable from `pending` (modules, classes, instances, closures,
/// dicts, lists, and what native objects hold): a session's values refer to each other in
/// cycles (`sys.modules` holds `sys`, a method's closure holds its class, a metric's
/// `result` closure holds the metric), which reference counting alone never frees.
fn break_cycles(mut pending: Vec<Value>, held: fn(&Value) -> Vec<Value>) {
    let mut seen_objects: std::collections::HashSet<usize> = std::collections::HashSet::new();
    while let Some(v) = pending.pop() {
        if let Value::Object(_) = &v {
            if seen_objects.insert(v.identity()) {
                pending.extend(held(&v));
            }
            continue;
        }
        match v {
            Value::Module(m) => {
                pending.extend(std::mem::take(&mut *m.attrs.borrow_mut()).into_values())
            }
            Value::Class(c) => {
                pending.extend(std::mem::take(&mut *c.dict.borrow_mut()).into_values())
            }
            Value::Instance(i) => {
                pending.extend(std::mem::take(&mut *i.dict.borrow_mut()).into_values());
                pending.extend(i.native.borrow_mut().take());
            }
            Value::Function(f) => {
                if let Some(scope) = &f.closure {
                    let vars = std::mem::take(&mut scope.borrow_mut().vars);
                    pending.extend(vars.into_values());
                }
                pending.extend(std::mem::take(&mut *f.attrs.borrow_mut()).into_values());
            }
            Value::Dict(d) => {
                let d = std::mem::take(&mut *d.borrow_mut());
                pending.extend(d.keys);
                pending.extend(d.values);
            }
            Value::List(l) => pending.extend(std::mem::take(&mut *l.borrow_mut())),
            Value::Bound(b) => pending.push(b.receiver.clone()),
            _ => {}
        }
    }
}

/// Python's exception for an error writing standard output.
fn out_exception(e: &std::io::Error) -> Exception {
    let text = e.to_string();
    let Some(code) = e.raw_os_error() else {
        return Exception::new(ExcKind::OSError, text);
    };
    let reason = text
        .strip_suffix(&format!(" (os error {})", code))
        .unwrap_or(&text);
    let kind = match e.kind() {
        std::io::ErrorKind::BrokenPipe => ExcKind::BrokenPipeError,
        _ => ExcKind::OSError,
    };
    Exception::new(kind, format!("[Errno {}] {}", code, reason))
}

/// How a program run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed,
    /// `SystemExit` (`exit()`, `sys.exit(n)`) with the process's exit status.
    Exit(u8),
}

/// The file a program run under `filename` is: a script's absolute path (as Python names
/// it, the working directory joined without normalising), `<string>` for `-c`, `<stdin>`
/// for piped input, or an interactive entry (`None`), whose lines tracebacks quote.
fn source_file(src: &str, filename: Option<&str>) -> Rc<SourceFile> {
    match filename {
        None => SourceFile::new("<stdin>", src, true),
        Some(n) if n.starts_with('<') => SourceFile::new(n, src, false),
        Some(n) => {
            let path = std::path::Path::new(n);
            let name = match std::env::current_dir() {
                Ok(cwd) if path.is_relative() => cwd.join(path).to_string_lossy().into_owned(),
                _ => n.to_string(),
            };
            SourceFile::new(name, src, true)
        }
    }
}

impl Interp {
    /// The bare evaluator: Python's builtins and nothing above them. A full session (the
    /// `tf` tree, Keras, the data sets) is `tensh::session`, which installs the rest.
    pub(crate) fn bare(io: Output, seed: Option<u64>) -> Interp {
        let globals = Scope::new(ScopeKind::Module, None);
        let mut it = Interp {
            scope: globals.clone(),
            globals,
            builtins: Default::default(),
            modules: HashMap::new(),
            io,
            rng: Generator::new(seed),
            counters: HashMap::new(),
            depth: 0,
            repr_guard: Vec::new(),
            interrupt: crate::tensor::interrupt::flag(),
            next_id: 1,
            if_rest: None,
            file: SourceFile::new("<stdin>", "", true),
            echo: true,
            carets: true,
            quiet_last: false,
            echo_enabled: true,
            hooks: Hooks::default(),
            out_error: None,
            stmt_span: None,
            calls: Vec::new(),
            handling: Vec::new(),
            lazy_modules: HashMap::new(),
        };
        super::builtins::install(&mut it);
        super::decl::install(&mut it, &[("builtins", "builtins")]);
        it
    }

    /// The module-level variables, as (name, value) pairs.
    pub(crate) fn global_vars(&self) -> Vec<(String, Value)> {
        self.globals
            .borrow()
            .vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    /// A fresh name from a Keras-style counter: `base`, `base_1`, `base_2`...
    pub(crate) fn unique_name(&mut self, base: &str) -> String {
        let n = self.counters.entry(base.to_string()).or_insert(0);
        let name = if *n == 0 {
            base.to_string()
        } else {
            format!("{}_{}", base, n)
        };
        *n += 1;
        name
    }

    pub(crate) fn fresh_id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    /// Raises KeyboardInterrupt if Ctrl-C was pressed; loops and long kernels call this.
    #[inline]
    pub(crate) fn check_interrupt(&self) -> super::R<()> {
        // A plain load on the common path; the swap (a locked instruction) only once set.
        if self.interrupt.load(Ordering::Relaxed) && self.interrupt.swap(false, Ordering::Relaxed) {
            return super::error::raise(ExcKind::KeyboardInterrupt, "");
        }
        Ok(())
    }

    /// `sys.stdout` when the program replaced it (`contextlib.redirect_stdout`, an
    /// assignment): `print()` and the echo of values write there.
    pub(crate) fn replaced_stdout(&self) -> Option<Value> {
        let Some(Value::Module(m)) = self.modules.get("sys") else {
            return None;
        };
        let cur = m.get("stdout")?;
        let orig = m.get("__stdout__")?;
        (!super::ops::same(&cur, &orig)).then_some(cur)
    }

    pub(crate) fn write_out(&mut self, s: &str) {
        if self.out_error.is_none() {
            if let Err(e) = self.io.out.write_all(s.as_bytes()) {
                self.out_error = Some(Rc::new(e));
            }
        }
    }

    pub fn flush(&mut self) {
        if self.out_error.is_none() {
            if let Err(e) = self.io.out.flush() {
                self.out_error = Some(Rc::new(e));
            }
        }
        let _ = self.io.err.flush();
    }

    /// The error standard output gave, as Python raises it from print: BrokenPipeError for
    /// a closed pipe, OSError otherwise (`[Errno 28] No space left on device`).
    pub fn check_out(&self) -> R<()> {
        match &self.out_error {
            None => Ok(()),
            Some(e) => Err(Flow::Error(Box::new(out_exception(e)))),
        }
    }

    /// After a statement: whether standard output has failed, which ends the run. A closed
    /// pipe (`| head`) ends it quietly; any other error is reported in one line.
    fn out_failed(&mut self, reported: &mut bool) -> bool {
        let Some(e) = self.out_error.clone() else {
            return false;
        };
        if !*reported && e.kind() != std::io::ErrorKind::BrokenPipe {
            self.report(&out_exception(&e));
        }
        *reported = true;
        true
    }

    /// Parses and runs `src`. With `keep_going`, an error in one top-level statement is
    /// reported and the next one runs; otherwise the run stops at the first error.
    pub fn run(&mut self, src: &str, filename: Option<&str>, keep_going: bool) -> Outcome {
        self.file = source_file(src, filename);
        let program = match parse_program(src) {
            Ok(p) => p,
            Err(e) => {
                self.report_syntax(&e);
                return Outcome::Failed;
            }
        };
        self.run_parsed(&program, keep_going)
    }

    pub(crate) fn run_parsed(&mut self, program: &[Stmt], keep_going: bool) -> Outcome {
        let mut outcome = Outcome::Ok;
        let mut out_reported = false;
        let file = self.file.clone();
        for (i, stmt) in program.iter().enumerate() {
            self.echo = self.echo_enabled && !(self.quiet_last && i + 1 == program.len());
            self.scope = self.globals.clone();
            self.file = file.clone();
            self.depth = 0;
            self.repr_guard.clear();
            // A `yield` where CPython's compiler refuses it fails the statement unrun.
            if let Some(m) = crate::syntax::yields::misplaced(stmt) {
                let mut e = Exception::new(ExcKind::SyntaxError, m.message);
                e.span = Some(m.span);
                self.report(&e);
                outcome = Outcome::Failed;
                if !keep_going {
                    break;
                }
                continue;
            }
            // Last line of defence: a panic in the runtime becomes an error, and the session
            // (its variables, the REPL) goes on.
            let r = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.exec_stmt(stmt)
            })) {
                Ok(r) => r,
                Err(payload) => {
                    let what = payload
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "unknown panic".into());
                    self.scope = self.globals.clone();
                    self.file = file.clone();
                    let mut e = Exception::new(
                        ExcKind::InternalError,
                        format!("{} (this is a bug in tensh; please report it with the code that caused it)", what),
                    );
                    e.span = Some(stmt.span);
                    Err(Flow::Error(Box::new(e)))
                }
            };
            self.flush();
            if self.out_failed(&mut out_reported) {
                outcome = Outcome::Failed;
                break;
            }
            match r {
                Ok(()) => {}
                Err(Flow::Error(e)) if e.is(ExcKind::SystemExit) => {
                    outcome = Outcome::Exit(self.exit_status(&e));
                    break;
                }
                Err(Flow::Error(e)) => {
                    self.report(&e);
                    outcome = Outcome::Failed;
                    if !keep_going {
                        break;
                    }
                }
                Err(Flow::Return(_)) => {
                    self.report(&Exception::new(
                        ExcKind::SyntaxError,
                        "'return' outside function",
                    ));
                    outcome = Outcome::Failed;
                }
                Err(Flow::Break) | Err(Flow::Continue) => {
                    self.report(&Exception::new(
                        ExcKind::SyntaxError,
                        "'break' outside loop",
                    ));
                    outcome = Outcome::Failed;
                }
            }
        }
        self.flush();
        if self.out_failed(&mut out_reported) && outcome == Outcome::Ok {
            outcome = Outcome::Failed;
        }
        outcome
    }

    /// The exit status `SystemExit` carries, as Python ends with it: 0 for none, the low
    /// byte of an int, else 1 with the value printed on stderr.
    fn exit_status(&mut self, e: &Exception) -> u8 {
        let args = match &e.value {
            Some(v) => match self.get_attr(v, "args") {
                Ok(Value::Tuple(t)) => t.as_ref().clone(),
                _ => Vec::new(),
            },
            None if e.message.is_empty() => Vec::new(),
            None => vec![Value::str(&e.message)],
        };
        let code = match args.as_slice() {
            [] => Value::None,
            [one] => one.clone(),
            _ => Value::tuple(args),
        };
        match code {
            Value::None => 0,
            Value::Int(n) => n as u8,
            Value::Bool(b) => b as u8,
            other => {
                let text = self.str_of(&other).unwrap_or_default();
                let _ = self.io.out.flush();
                let _ = writeln!(self.io.err, "{}", text);
                let _ = self.io.err.flush();
                1
            }
        }
    }

    /// Evaluates one expression for the REPL's commands; errors are reported.
    pub(crate) fn run_expr(&mut self, src: &str) -> Option<super::Value> {
        self.file = source_file(src, None);
        let prog = match parse_program(src) {
            Ok(p) => p,
            Err(e) => {
                self.report_syntax(&e);
                return None;
            }
        };
        let Some(crate::syntax::StmtKind::Expr(e)) = prog.first().map(|s| s.kind.clone()) else {
            return None;
        };
        match self.eval(&e) {
            Ok(v) => Some(v),
            Err(Flow::Error(err)) => {
                self.report(&err);
                None
            }
            Err(_) => None,
        }
    }

    fn header(&self, name: &str, message: &str) -> String {
        let line = if message.is_empty() {
            name.to_string()
        } else {
            format!("{}: {}", name, message)
        };
        if self.io.color {
            let (n, rest) = line.split_at(name.len());
            format!("{}{}", n.red().bold(), rest)
        } else {
            line
        }
    }

    /// Reports an error as Python does: the traceback of the frames it left (when it has a
    /// location and reports show one), then `Name: message`.
    pub(crate) fn report(&mut self, e: &Exception) {
        let _ = self.io.out.flush();
        let mut text = String::new();
        if let (Some(span), true) = (e.span, self.carets) {
            let mut frames = vec![TbFrame {
                name: "<module>".into(),
                span: Some(span),
                file: self.file.clone(),
            }];
            frames.extend(e.frames.iter().rev().cloned());
            text.push_str(&super::traceback::traceback(&frames, self.io.color));
        }
        text.push_str(&self.header(&e.class_name(), &e.message));
        text.push('\n');
        let _ = self.io.err.write_all(text.as_bytes());
        let _ = self.io.err.flush();
    }

    pub(crate) fn report_syntax(&mut self, e: &SyntaxError) {
        let _ = self.io.out.flush();
        let mut text = String::new();
        if self.carets && !self.file.text.is_empty() {
            text.push_str(&super::traceback::syntax_location(
                &self.file,
                e.offset,
                // Python marks one character for indentation errors.
                e.end.filter(|_| e.kind == ExcKind::SyntaxError),
                e.caret,
                self.io.color,
            ));
        }
        text.push_str(&self.header(e.kind.name(), &e.message));
        text.push('\n');
        let _ = self.io.err.write_all(text.as_bytes());
        let _ = self.io.err.flush();
    }
}

impl Interp {
    /// `import NAME`: one of the modules tensh provides.
    pub fn import_module(&mut self, name: &str) -> R<Value> {
        if let Some(build) = self.lazy_modules.remove(name) {
            build(self);
        }
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        // `import tensorflow.keras.layers` style paths reached through attributes.
        let mut parts = name.split('.');
        if let Some(first) = parts.next() {
            if let Some(mut cur) = self.modules.get(first).cloned() {
                for p in parts {
                    match &cur {
                        Value::Module(m) => {
                            let m = m.clone();
                            match m.get(p).or_else(|| self.lazy_attr(&m, p)) {
                                Some(v) => cur = v,
                                None => break,
                            }
                        }
                        _ => break,
                    }
                }
                if let Value::Module(m) = &cur {
                    if m.name.ends_with(name.rsplit('.').next().unwrap_or(name)) {
                        return Ok(cur);
                    }
                }
            }
        }
        Err(err(
            ExcKind::ModuleNotFoundError,
            format!("No module named '{}'", name),
        ))
    }
}
