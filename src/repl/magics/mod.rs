//! IPython's magics, shared by the REPL, notebooks and the Jupyter kernel: a cell (a REPL
//! entry, a notebook cell, an `execute_request`) is split into Python code and magic lines
//! as IPython's input transformers do, and run piece by piece.
//!
//! Line magics: `%matplotlib`, `%run`, `%who`, `%whos`, `%who_ls`, `%history`, `%reset`,
//! `%time`, `%timeit`, `%pwd`, `%cd`, `%load_ext` and `%config` (accepted), `%lsmagic`;
//! cell magics: `%%time`, `%%timeit`, `%%capture`, `%%writefile`. `!cmd`, `%pip` and
//! `%%bash` say that tensh has no shell escape. A magic line inside a block becomes a call
//! of `__tensh_magic__`, as IPython makes it one of `get_ipython().run_line_magic`.

use crate::eval::error::{Exception, SourceFile};
use crate::eval::value::Args;
use crate::eval::{Interp, Outcome, Value};
use crate::print::cfmt::thousands;
use crate::syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::cell::RefCell;
use std::io::Write;
use std::time::Instant;

mod capture;
mod files;
mod namespace;
pub(crate) mod timing;

use capture::capture;
use files::*;
use namespace::*;
use timing::*;
pub use timing::{format_time, TimeitOpts};

/// The session state magics keep: the inputs so far (`%history`), the previous directory
/// (`%cd -`), and whether figures go inline (notebooks and the kernel).
#[derive(Default)]
struct State {
    history: Vec<String>,
    oldpwd: Option<std::path::PathBuf>,
    inline: bool,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Records one input for `%history` (the runner calls this before running it).
pub fn record_input(src: &str) {
    STATE.with(|s| s.borrow_mut().history.push(src.to_string()));
}

/// Forgets the inputs `%history` lists (a fresh notebook session).
pub fn clear_history() {
    STATE.with(|s| s.borrow_mut().history.clear());
}

/// Says whether figures are shown inline (a notebook or the kernel) for `%matplotlib`.
pub fn set_inline(on: bool) {
    STATE.with(|s| s.borrow_mut().inline = on);
}

/// Why a cell stopped.
#[derive(Debug)]
pub enum Stop {
    /// IPython's `UsageError: ...` (already printed on stderr).
    Usage(String),
    /// An error, already reported.
    Failed,
    /// `SystemExit` with this status.
    Exit(u8),
}

type MR = Result<Option<Value>, Stop>;

/// What running a cell gave: how it ended and, when asked for, the value of its last
/// expression (IPython's `Out`).
pub struct CellRun {
    pub stop: Option<Stop>,
    pub value: Option<Value>,
}

impl CellRun {
    pub fn outcome(&self) -> Outcome {
        match &self.stop {
            None => Outcome::Ok,
            Some(Stop::Exit(c)) => Outcome::Exit(*c),
            Some(_) => Outcome::Failed,
        }
    }
}

/// How a cell runs: in the REPL every top-level expression echoes; in a notebook only the
/// last one is kept as the cell's value (`display_last`); a script echoes nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Repl,
    Notebook { display_last: bool },
}

/// One piece of a cell.
#[derive(Debug, PartialEq)]
enum Piece {
    /// Python code: the cell's text with the lines of other pieces blanked, so that line
    /// numbers stay those of the cell.
    Code(String),
    Line {
        name: String,
        args: String,
    },
    Cell {
        name: String,
        args: String,
        body: String,
    },
}

/// Whether a line (without its indentation) is a magic or shell escape.
fn magic_start(t: &str) -> bool {
    let mut c = t.chars();
    match (c.next(), c.next()) {
        (Some('%'), Some(n)) => n.is_alphabetic() || n == '_' || n == '%',
        (Some('!'), Some(n)) => n != '=',
        _ => false,
    }
}

/// Whether a cell has anything for the magic runner (otherwise it is plain Python).
pub fn has_magic(cell: &str) -> bool {
    cell.lines().any(|l| magic_start(l.trim_start()))
}

/// `%name args` / `!cmd` as (name, args); `!` is the name of a shell escape.
fn name_args(t: &str) -> (String, String) {
    if let Some(cmd) = t.strip_prefix('!') {
        return ("!".into(), cmd.trim().to_string());
    }
    let t = &t[1..];
    match t.split_once(char::is_whitespace) {
        Some((n, a)) => (n.to_string(), a.trim().to_string()),
        None => (t.to_string(), String::new()),
    }
}

/// Python's repr of a str (for the call a magic inside a block becomes).
fn py_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `code` ends inside an open bracket or string (a `%` there is an operator).
fn inside_open(code: &str) -> bool {
    matches!(crate::syntax::lexeme::tokenize(code, 0), Err(e) if e.incomplete)
}

fn split(cell: &str) -> Vec<Piece> {
    let lines: Vec<&str> = cell.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(i) = first {
        if let Some(head) = lines[i].strip_prefix("%%") {
            let (name, args) = match head.split_once(char::is_whitespace) {
                Some((n, a)) => (n.to_string(), a.trim().to_string()),
                None => (head.trim().to_string(), String::new()),
            };
            return vec![Piece::Cell {
                name,
                args,
                body: lines[i + 1..].join("\n"),
            }];
        }
    }
    let mut pieces = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if magic_start(t) && !inside_open(&cur.join("\n")) {
            let (name, args) = name_args(t);
            let indent = &line[..line.len() - t.len()];
            if indent.is_empty() {
                if cur.iter().any(|l| !l.trim().is_empty()) {
                    pieces.push(Piece::Code(cur.join("\n")));
                }
                cur = vec![String::new(); i + 1];
                pieces.push(Piece::Line { name, args });
            } else {
                cur.push(format!(
                    "{}__tensh_magic__({}, {})",
                    indent,
                    py_str(&name),
                    py_str(&args)
                ));
            }
            continue;
        }
        cur.push(line.to_string());
    }
    if cur.iter().any(|l| !l.trim().is_empty()) {
        pieces.push(Piece::Code(cur.join("\n")));
    }
    pieces
}

/// Runs a cell: its code and its magics in order, up to the first error.
pub fn run_cell(it: &mut Interp, cell: &str, file: &str, mode: Mode) -> CellRun {
    let pieces = split(cell);
    let n = pieces.len();
    let mut value = None;
    for (k, piece) in pieces.into_iter().enumerate() {
        let keep = matches!(mode, Mode::Notebook { display_last: true }) && k + 1 == n;
        let r = match piece {
            Piece::Code(src) => exec_code(it, &src, file, mode, keep),
            Piece::Line { name, args } => line_magic(it, &name, &args, mode),
            Piece::Cell { name, args, body } => cell_magic(it, &name, &args, &body, file, mode),
        };
        it.flush();
        match r {
            Ok(v) => {
                value = None;
                match v {
                    Some(v) if !matches!(v, Value::None) => {
                        if mode == Mode::Repl {
                            echo(it, &v);
                        } else if keep {
                            value = Some(v);
                        }
                    }
                    _ => {}
                }
            }
            Err(stop) => {
                if let Stop::Usage(msg) = &stop {
                    usage_error(it, msg);
                }
                return CellRun {
                    stop: Some(stop),
                    value: None,
                };
            }
        }
    }
    CellRun { stop: None, value }
}

fn usage_error(it: &mut Interp, msg: &str) {
    it.flush();
    let _ = writeln!(it.io.err, "UsageError: {}", msg);
    let _ = it.io.err.flush();
}

/// Prints a magic's value as the REPL echoes an expression, and binds `_`.
fn echo(it: &mut Interp, v: &Value) {
    if let Ok(text) = it.repr(v) {
        it.write_out(&text);
        it.write_out("\n");
        it.flush();
    }
    it.builtins.insert("_".into(), v.clone());
}

const HIDDEN: &str = "__tensh_out__";

/// Runs Python code at the top level. With `keep`, a final expression statement is not
/// echoed but its value returned (unless the code ends with `;`).
fn exec_code(it: &mut Interp, src: &str, file: &str, mode: Mode, keep: bool) -> MR {
    it.file = SourceFile::new(file, src, true);
    let mut prog = match crate::syntax::parse_program(src) {
        Ok(p) => p,
        Err(e) => {
            it.report_syntax(&e);
            return Err(Stop::Failed);
        }
    };
    let quiet = src.trim_end().ends_with(';');
    let hidden = keep
        && !quiet
        && matches!(
            prog.last(),
            Some(Stmt {
                kind: StmtKind::Expr(_),
                ..
            })
        );
    if hidden {
        if let Some(Stmt {
            kind: kind @ StmtKind::Expr(_),
            ..
        }) = prog.last_mut()
        {
            if let StmtKind::Expr(e) = std::mem::replace(kind, StmtKind::Pass) {
                let target = Expr {
                    kind: ExprKind::Name(HIDDEN.into()),
                    span: e.span,
                };
                *kind = StmtKind::Assign(vec![target], e);
            }
        }
    }
    let saved = it.echo_enabled;
    it.echo_enabled = mode == Mode::Repl;
    it.quiet_last = mode == Mode::Repl && quiet;
    let outcome = it.run_parsed(&prog, false);
    it.echo_enabled = saved;
    it.quiet_last = false;
    let value = if hidden {
        it.globals.borrow_mut().vars.remove(HIDDEN)
    } else {
        None
    };
    match outcome {
        Outcome::Ok => {
            if let Some(v) = &value {
                if !matches!(v, Value::None) {
                    it.builtins.insert("_".into(), v.clone());
                }
            }
            Ok(value)
        }
        Outcome::Failed => Err(Stop::Failed),
        Outcome::Exit(c) => Err(Stop::Exit(c)),
    }
}

fn say(it: &mut Interp, text: &str) {
    it.write_out(text);
    if !text.ends_with('\n') {
        it.write_out("\n");
    }
    it.flush();
}

fn no_shell(it: &mut Interp, what: &str) -> MR {
    it.flush();
    let _ = writeln!(
        it.io.err,
        "tensh has no shell escape: `{}` was not run",
        what
    );
    let _ = it.io.err.flush();
    Ok(None)
}

/// Runs one line magic.
fn line_magic(it: &mut Interp, name: &str, args: &str, mode: Mode) -> MR {
    match name {
        "!" => no_shell(it, &format!("!{}", args)),
        "pip" | "conda" | "mamba" | "system" | "sx" | "sc" => {
            no_shell(it, format!("%{} {}", name, args).trim_end())
        }
        "matplotlib" => {
            if args.is_empty() {
                let inline = STATE.with(|s| s.borrow().inline);
                say(
                    it,
                    if inline {
                        "Using matplotlib backend: module://matplotlib_inline.backend_inline"
                    } else {
                        "Using matplotlib backend: agg"
                    },
                );
            }
            Ok(None)
        }
        "load_ext" | "reload_ext" | "unload_ext" | "autoreload" | "aimport" | "config"
        | "xmode" | "colors" | "autosave" | "autocall" | "automagic" | "doctest_mode" => Ok(None),
        "tensorflow_version" => {
            say(
                it,
                "Colab only includes TensorFlow 2.x; %tensorflow_version has no effect.",
            );
            Ok(None)
        }
        "time" => time_cell(it, args, "<timed exec>", mode),
        "timeit" => {
            let (opts, stmt) = timeit_options(args)?;
            if stmt.is_empty() {
                return Ok(None);
            }
            timeit(it, &opts, "", &stmt)
        }
        "who" => who(it, args),
        "who_ls" => Ok(Some(Value::list(
            who_ls(it, args)
                .into_iter()
                .map(|n| Value::str(&n))
                .collect(),
        ))),
        "whos" => whos(it, args),
        "history" | "hist" => {
            say_raw(it, &history(args));
            Ok(None)
        }
        "reset" => reset(it, args, mode),
        "pwd" => Ok(Some(Value::str(
            &std::env::current_dir()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ))),
        "cd" => cd(it, args),
        "run" => run_file(it, args),
        "lsmagic" => {
            say(it, &lsmagic());
            Ok(None)
        }
        _ => Err(Stop::Usage(format!(
            "Line magic function `%{}` not found.",
            name
        ))),
    }
}

fn say_raw(it: &mut Interp, text: &str) {
    it.write_out(text);
    it.flush();
}

/// The line magics `%lsmagic` lists and Tab completes.
pub const LINE_MAGICS: &[&str] = &[
    "aimport",
    "autoreload",
    "cd",
    "config",
    "hist",
    "history",
    "load_ext",
    "lsmagic",
    "matplotlib",
    "pip",
    "pwd",
    "reload_ext",
    "reset",
    "run",
    "time",
    "timeit",
    "unload_ext",
    "who",
    "who_ls",
    "whos",
];

/// The cell magics `%lsmagic` lists and Tab completes.
pub const CELL_MAGICS: &[&str] = &["capture", "time", "timeit", "writefile"];

/// `%lsmagic`, in IPython's layout.
fn lsmagic() -> String {
    let line: Vec<String> = LINE_MAGICS.iter().map(|m| format!("%{}", m)).collect();
    let cell: Vec<String> = CELL_MAGICS.iter().map(|m| format!("%%{}", m)).collect();
    format!(
        "Available line magics:\n{}\n\nAvailable cell magics:\n{}\n\nAutomagic is OFF, % prefix IS needed for line magics.",
        line.join("  "),
        cell.join("  ")
    )
}

/// Runs one cell magic on the lines after the `%%` line.
fn cell_magic(it: &mut Interp, name: &str, args: &str, body: &str, file: &str, mode: Mode) -> MR {
    // The body's lines keep their numbers in the cell (the magic's line is line 1).
    let src = format!("\n{}", body);
    let keep = matches!(mode, Mode::Notebook { display_last: true });
    match name {
        "time" => {
            let t = Times::start();
            let r = exec_code(it, &src, file, mode, keep);
            t.report(it);
            r
        }
        "timeit" => {
            let (opts, setup) = timeit_options(args)?;
            timeit(it, &opts, &setup, body)
        }
        "capture" => capture(it, args, &src, file, mode),
        "writefile" => {
            let (append, path) = match args.strip_prefix("-a") {
                Some(rest) if rest.starts_with(char::is_whitespace) => (true, rest.trim()),
                _ => (false, args.trim()),
            };
            if path.is_empty() {
                return Err(Stop::Usage(
                    "the following arguments are required: filename".into(),
                ));
            }
            let path = path.trim_matches(|c| c == '"' || c == '\'');
            let exists = std::path::Path::new(path).exists();
            let text = if append {
                format!("{}\n", body)
            } else {
                body.to_string()
            };
            let written = std::fs::OpenOptions::new()
                .create(true)
                .append(append)
                .write(true)
                .truncate(!append)
                .open(path)
                .and_then(|mut f| f.write_all(text.as_bytes()));
            let msg = match (append, exists) {
                (true, _) => format!("Appending to {}", path),
                (false, true) => format!("Overwriting {}", path),
                (false, false) => format!("Writing {}", path),
            };
            match written {
                Ok(()) => {
                    say(it, &msg);
                    Ok(None)
                }
                Err(e) => {
                    if let crate::eval::error::Flow::Error(exc) =
                        crate::pylib::oserror::os_error(&e, path)
                    {
                        it.report(&exc);
                    }
                    Err(Stop::Failed)
                }
            }
        }
        "bash" | "sh" | "script" | "system" | "!" => {
            no_shell(it, format!("%%{} {}", name, args).trim_end())
        }
        _ => Err(Stop::Usage(format!("Cell magic `%%{}` not found.", name))),
    }
}

pub(crate) mod tests {
    use super::*;

    fn splits_cells_into_code_and_magics() {
        let p =
            split("%matplotlib inline\nx = 1\n!ls -l\ny = (1 +\n%2)\nfor i in x:\n    %time i\n");
        assert_eq!(
            p[0],
            Piece::Line {
                name: "matplotlib".into(),
                args: "inline".into()
            }
        );
        assert_eq!(p[1], Piece::Code("\nx = 1".into()));
        assert_eq!(
            p[2],
            Piece::Line {
                name: "!".into(),
                args: "ls -l".into()
            }
        );
        assert_eq!(
            p[3],
            Piece::Code(
                "\n\n\ny = (1 +\n%2)\nfor i in x:\n    __tensh_magic__('time', 'i')\n".into()
            )
        );
        assert_eq!(
            split("\n%%time\nx = 1"),
            vec![Piece::Cell {
                name: "time".into(),
                args: String::new(),
                body: "x = 1".into()
            }]
        );
        assert!(!has_magic("x = 1 % 2\ny != 3"));
    }

    unit_cases!(splits_cells_into_code_and_magics);
}
