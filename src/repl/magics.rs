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
            say(it, LSMAGIC);
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

const LSMAGIC: &str = "Available line magics:
%aimport  %autoreload  %cd  %config  %hist  %history  %load_ext  %lsmagic  %matplotlib  %pip  %pwd  %reload_ext  %reset  %run  %time  %timeit  %unload_ext  %who  %who_ls  %whos

Available cell magics:
%%capture  %%time  %%timeit  %%writefile

Automagic is OFF, % prefix IS needed for line magics.";

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
        "capture" => {
            let quiet = |it: &mut Interp| -> (Box<dyn Write>, Box<dyn Write>) {
                (
                    std::mem::replace(&mut it.io.out, Box::new(std::io::sink())),
                    std::mem::replace(&mut it.io.err, Box::new(std::io::sink())),
                )
            };
            it.flush();
            let (out, err) = quiet(it);
            let r = exec_code(it, &src, file, mode, false);
            it.io.out = out;
            it.io.err = err;
            r.map(|_| None)
        }
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
                    it.report(&io_exception(&e, path));
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

/// An OS error as the Python exception `open` raises for it.
fn io_exception(e: &std::io::Error, path: &str) -> Exception {
    use crate::errors::ExcKind;
    let kind = match e.kind() {
        std::io::ErrorKind::NotFound => ExcKind::FileNotFoundError,
        std::io::ErrorKind::PermissionDenied => ExcKind::PermissionError,
        std::io::ErrorKind::IsADirectory => ExcKind::IsADirectoryError,
        _ => ExcKind::OSError,
    };
    Exception::new(kind, format!("{}: '{}'", errno_text(e), path))
}

/// `[Errno 2] No such file or directory`, as Python words an OS error.
fn errno_text(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => format!(
            "[Errno {}] {}",
            n,
            std::io::Error::from_raw_os_error(n)
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or("")
        ),
        None => e.to_string(),
    }
}

// --- %time and %timeit -----------------------------------------------------------------

/// IPython's `_format_time`: three significant digits and a unit (`1.5 ms`, `757 ns`),
/// or `1min 5s` past a minute.
pub fn format_time(secs: f64, precision: usize) -> String {
    if secs >= 60.0 {
        let mut parts = Vec::new();
        let mut left = secs;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let v = (left / len).trunc();
            if v > 0.0 {
                left %= len;
                parts.push(format!("{}{}", v as u64, suffix));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let units = ["s", "ms", "μs", "ns"];
    let order = if secs > 0.0 {
        let e = secs.log10().floor() as i64;
        (-(e.div_euclid(3))).clamp(0, 3) as usize
    } else {
        3
    };
    let scaled = secs * [1.0, 1e3, 1e6, 1e9][order];
    format!(
        "{} {}",
        crate::print::cfmt::general(scaled, precision.max(1), false, false),
        units[order]
    )
}

/// The process's CPU times (user, system) in seconds.
fn cpu_times() -> (f64, f64) {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let ru = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut ru);
        ru
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    (secs(ru.ru_utime), secs(ru.ru_stime))
}

/// The clocks `%time` reads before and after.
struct Times {
    cpu: (f64, f64),
    wall: Instant,
}

impl Times {
    fn start() -> Times {
        Times {
            cpu: cpu_times(),
            wall: Instant::now(),
        }
    }

    fn report(&self, it: &mut Interp) {
        let wall = self.wall.elapsed().as_secs_f64();
        let (u1, s1) = cpu_times();
        let (u, s) = ((u1 - self.cpu.0).max(0.0), (s1 - self.cpu.1).max(0.0));
        say(
            it,
            &format!(
                "CPU times: user {}, sys: {}, total: {}\nWall time: {}",
                format_time(u, 3),
                format_time(s, 3),
                format_time(u + s, 3),
                format_time(wall, 3)
            ),
        );
    }
}

/// `%time STMT`: runs it once, prints the CPU and wall times, returns its value.
fn time_cell(it: &mut Interp, stmt: &str, file: &str, mode: Mode) -> MR {
    let t = Times::start();
    let r = if stmt.trim().is_empty() {
        Ok(None)
    } else {
        let keep_mode = match mode {
            Mode::Repl => Mode::Notebook { display_last: true },
            m => m,
        };
        exec_code(it, stmt, file, keep_mode, true)
    };
    t.report(it);
    r
}

/// `%timeit`'s options.
#[derive(Debug, Default, PartialEq)]
pub struct TimeitOpts {
    number: usize,
    repeat: usize,
    precision: usize,
    quiet: bool,
}

/// Splits `-n N -r R -p P -q -o` from the statement after them.
fn timeit_options(args: &str) -> Result<(TimeitOpts, String), Stop> {
    let mut o = TimeitOpts {
        number: 0,
        repeat: 7,
        precision: 3,
        quiet: false,
    };
    let mut rest = args.trim_start();
    while let Some(opt) = rest.strip_prefix('-') {
        let Some(flag) = opt.chars().next() else {
            break;
        };
        let after = &opt[flag.len_utf8()..];
        match flag {
            'n' | 'r' | 'p' => {
                let after = after.trim_start();
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                let v: usize = after[..end].parse().map_err(|_| {
                    Stop::Usage(format!(
                        "invalid literal for int() with base 10: '{}'",
                        &after[..end]
                    ))
                })?;
                match flag {
                    'n' => o.number = v,
                    'r' => o.repeat = v,
                    _ => o.precision = v,
                }
                rest = after[end..].trim_start();
            }
            'q' | 'o' | 't' | 'c' if after.is_empty() || after.starts_with(char::is_whitespace) => {
                o.quiet |= flag == 'q';
                rest = after.trim_start();
            }
            _ => break,
        }
    }
    if o.repeat == 0 {
        return Err(Stop::Usage("repeat must be at least 1".into()));
    }
    Ok((o, rest.to_string()))
}

/// `%timeit`: loops per run grow by 10x until a run takes 0.2 s (unless `-n`), then
/// `repeat` runs; prints IPython's line. The statement is parsed once.
fn timeit(it: &mut Interp, o: &TimeitOpts, setup: &str, stmt: &str) -> MR {
    let parse = |it: &mut Interp, src: &str, name: &str| -> Result<Vec<Stmt>, Stop> {
        it.file = SourceFile::new(name, src, true);
        crate::syntax::parse_program(src).map_err(|e| {
            it.report_syntax(&e);
            Stop::Failed
        })
    };
    let setup_prog = parse(it, setup, "<magic-timeit-setup>")?;
    let prog = parse(it, stmt, "<magic-timeit>")?;
    let saved = it.echo_enabled;
    it.echo_enabled = false;
    let result = timeit_runs(it, o, &setup_prog, &prog);
    it.echo_enabled = saved;
    let (number, runs) = result?;
    let times: Vec<f64> = runs.iter().map(|t| t / number as f64).collect();
    let n = times.len() as f64;
    let mean = times.iter().sum::<f64>() / n;
    let std = (times.iter().map(|t| (t - mean).powi(2)).sum::<f64>() / n).sqrt();
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let worst = times.iter().copied().fold(0.0, f64::max);
    if o.quiet {
        return Ok(None);
    }
    let mut text = String::new();
    if worst > 4.0 * best && best > 0.0 && worst > 1e-6 {
        text.push_str(&format!(
            "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.\n",
            worst / best
        ));
    }
    text.push_str(&format!(
        "{} ± {} per loop (mean ± std. dev. of {} run{}, {} loop{} each)",
        format_time(mean, o.precision),
        format_time(std, o.precision),
        o.repeat,
        if o.repeat == 1 { "" } else { "s" },
        thousands(number),
        if number == 1 { "" } else { "s" }
    ));
    say(it, &text);
    Ok(None)
}

/// The timing loop of `%timeit`: the loops per run and each run's seconds.
fn timeit_runs(
    it: &mut Interp,
    o: &TimeitOpts,
    setup: &[Stmt],
    prog: &[Stmt],
) -> Result<(usize, Vec<f64>), Stop> {
    let check = |outcome: Outcome| match outcome {
        Outcome::Ok => Ok(()),
        Outcome::Failed => Err(Stop::Failed),
        Outcome::Exit(c) => Err(Stop::Exit(c)),
    };
    let run = |it: &mut Interp, loops: usize| -> Result<f64, Stop> {
        check(it.run_parsed(setup, false))?;
        let t0 = Instant::now();
        for _ in 0..loops {
            check(it.run_parsed(prog, false))?;
        }
        Ok(t0.elapsed().as_secs_f64())
    };
    let mut number = o.number;
    if number == 0 {
        for index in 0..10 {
            number = 10usize.pow(index);
            if run(it, number)? >= 0.2 {
                break;
            }
        }
    }
    let mut runs = Vec::with_capacity(o.repeat);
    for _ in 0..o.repeat {
        runs.push(run(it, number)?);
    }
    Ok((number, runs))
}

// --- the namespace: %who, %whos, %reset ------------------------------------------------

/// The user's names as `%who` lists them: not starting with `_`, sorted, of the given
/// types if any.
fn who_ls(it: &Interp, args: &str) -> Vec<String> {
    let types: Vec<&str> = args.split_whitespace().collect();
    let mut names: Vec<String> = it
        .global_vars()
        .into_iter()
        .filter(|(n, v)| {
            !n.starts_with('_') && (types.is_empty() || types.contains(&v.type_name().as_str()))
        })
        .map(|(n, _)| n)
        .collect();
    names.sort();
    names
}

fn nothing_to_list(it: &mut Interp, args: &str) -> MR {
    say(
        it,
        if args.trim().is_empty() {
            "Interactive namespace is empty."
        } else {
            "No variables match your requested type."
        },
    );
    Ok(None)
}

fn who(it: &mut Interp, args: &str) -> MR {
    let names = who_ls(it, args);
    if names.is_empty() {
        return nothing_to_list(it, args);
    }
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        out.push_str(n);
        out.push_str("\t ");
        if (i + 1) % 9 == 0 {
            out.push('\n');
        }
    }
    out.push('\n');
    say_raw(it, &out);
    Ok(None)
}

fn whos(it: &mut Interp, args: &str) -> MR {
    let names = who_ls(it, args);
    if names.is_empty() {
        return nothing_to_list(it, args);
    }
    let vars: Vec<Value> = names
        .iter()
        .map(|n| {
            it.globals
                .borrow()
                .vars
                .get(n.as_str())
                .cloned()
                .unwrap_or(Value::None)
        })
        .collect();
    let types: Vec<String> = vars.iter().map(|v| v.type_name()).collect();
    let varwidth = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(8)
        + 3;
    let typewidth = types
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(4)
        + 3;
    let mut out = format!(
        "{:<vw$}{:<tw$} Data/Info\n{}\n",
        "Variable",
        "Type",
        "-".repeat(varwidth + typewidth + 10),
        vw = varwidth,
        tw = typewidth
    );
    for ((name, v), ty) in names.iter().zip(&vars).zip(&types) {
        out.push_str(&format!(
            "{:<vw$}{:<tw$} ",
            name,
            ty,
            vw = varwidth,
            tw = typewidth
        ));
        let info = match ty.as_str() {
            "dict" | "list" | "tuple" => {
                let n = it
                    .call(
                        &it.builtins.get("len").cloned().unwrap_or(Value::None),
                        Args::new(vec![v.clone()]),
                    )
                    .ok()
                    .and_then(|n| it.str_of(&n).ok())
                    .unwrap_or_default();
                format!("n={}", n)
            }
            "ndarray" => match crate::api::convert::tensor_of(v) {
                Some(t) => {
                    let shape = t
                        .shape()
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("x");
                    let bytes = t.nbytes();
                    let mut s = format!(
                        "{}: {} elems, type `{}`, {} bytes",
                        shape,
                        t.shape().iter().product::<usize>(),
                        t.dtype().name(),
                        bytes
                    );
                    if bytes >= 100_000 {
                        if bytes < 1 << 20 {
                            s.push_str(&format!(" ({} kb)", py_float(bytes as f64 / 1024.0)));
                        } else {
                            s.push_str(&format!(" ({} Mb)", py_float(bytes as f64 / 1_048_576.0)));
                        }
                    }
                    s
                }
                None => String::new(),
            },
            _ => {
                let s = it.str_of(v).unwrap_or_default().replace('\n', "\\n");
                let chars: Vec<char> = s.chars().collect();
                if chars.len() < 50 {
                    s
                } else {
                    let head: String = chars[..25].iter().collect();
                    let tail: String = chars[chars.len() - 25..].iter().collect();
                    format!("{}<...>{}", head, tail)
                }
            }
        };
        out.push_str(&info);
        out.push('\n');
    }
    say_raw(it, &out);
    Ok(None)
}

/// Python's `str` of a float.
fn py_float(x: f64) -> String {
    crate::print::cfmt::general(x, 17, false, false)
        .parse::<f64>()
        .map(|v| {
            let s = format!("{}", v);
            if s.contains('.') || s.contains('e') {
                s
            } else {
                format!("{}.0", s)
            }
        })
        .unwrap_or_default()
}

/// `%reset`: with `-f`, forgets every user name; otherwise asks first (in the REPL).
fn reset(it: &mut Interp, args: &str, mode: Mode) -> MR {
    let force = args.split_whitespace().any(|a| a == "-f");
    if !force {
        let prompt = "Once deleted, variables cannot be recovered. Proceed (y/[n])? ";
        let yes = if mode == Mode::Repl {
            it.write_out(prompt);
            it.flush();
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            line.trim().eq_ignore_ascii_case("y")
        } else {
            it.write_out(prompt);
            it.write_out("\n");
            false
        };
        if !yes {
            say(it, "Nothing done.");
            return Ok(None);
        }
    }
    it.globals
        .borrow_mut()
        .vars
        .retain(|k, _| k.starts_with("__"));
    it.builtins.remove("_");
    Ok(None)
}

// --- %history, %pwd, %cd, %run --------------------------------------------------------

fn history(args: &str) -> String {
    let numbered = args.split_whitespace().any(|a| a == "-n");
    STATE.with(|s| {
        let mut out = String::new();
        for (i, cell) in s.borrow().history.iter().enumerate() {
            let cell = cell.trim_end_matches('\n');
            if numbered {
                if cell.contains('\n') {
                    out.push_str(&format!("{:>4}:\n{}\n", i + 1, cell));
                } else {
                    out.push_str(&format!("{:>4}: {}\n", i + 1, cell));
                }
            } else {
                out.push_str(cell);
                out.push('\n');
            }
        }
        out
    })
}

fn home() -> std::path::PathBuf {
    std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/".into())
}

fn expand_user(p: &str) -> std::path::PathBuf {
    match p.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            home().join(rest.trim_start_matches('/'))
        }
        _ => p.into(),
    }
}

/// `%cd [-q] [DIR | -]`: changes directory and prints the new one.
fn cd(it: &mut Interp, args: &str) -> MR {
    let mut quiet = false;
    let mut target = String::new();
    for a in args.split_whitespace() {
        if a == "-q" {
            quiet = true;
        } else {
            target = a.trim_matches(|c| c == '"' || c == '\'').to_string();
        }
    }
    let dest = match target.as_str() {
        "" => home(),
        "-" => match STATE.with(|s| s.borrow().oldpwd.clone()) {
            Some(p) => p,
            None => return Err(Stop::Usage("%cd -: No previous directory".into())),
        },
        t => expand_user(t),
    };
    let before = std::env::current_dir().ok();
    match std::env::set_current_dir(&dest) {
        Ok(()) => STATE.with(|s| s.borrow_mut().oldpwd = before),
        Err(e) => say(it, &format!("{}: '{}'", errno_text(&e), dest.display())),
    }
    if !quiet || target.is_empty() {
        let cwd = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        say(it, &cwd);
    }
    Ok(None)
}

/// `%run FILE [ARGS]`: runs a script in the session's namespace, with `sys.argv` set.
fn run_file(it: &mut Interp, args: &str) -> MR {
    let words: Vec<&str> = args.split_whitespace().collect();
    let Some(first) = words.first() else {
        it.report(&Exception::new(
            crate::errors::ExcKind::Exception,
            "you must provide at least a filename.",
        ));
        return Err(Stop::Failed);
    };
    let mut path = expand_user(first);
    if !path.exists() && path.extension().is_none() {
        path.set_extension("py");
    }
    let name = path.display().to_string();
    let src = match std::fs::read(&path) {
        Ok(b) => match crate::syntax::source::decode(b, &name) {
            Ok(s) => s,
            Err(msg) => {
                it.report(&Exception::new(crate::errors::ExcKind::SyntaxError, msg));
                return Err(Stop::Failed);
            }
        },
        Err(_) => {
            it.report(&Exception::new(
                crate::errors::ExcKind::Exception,
                format!("File `'{}'` not found.", first),
            ));
            return Err(Stop::Failed);
        }
    };
    let argv = std::iter::once(name.clone())
        .chain(words[1..].iter().map(|s| s.to_string()))
        .collect();
    it.set_argv(argv);
    let saved = it.echo_enabled;
    it.echo_enabled = false;
    let outcome = it.run(&src, Some(&name), false);
    it.echo_enabled = saved;
    match outcome {
        Outcome::Ok => Ok(None),
        Outcome::Failed => Err(Stop::Failed),
        Outcome::Exit(c) => Err(Stop::Exit(c)),
    }
}

crate::builtin! {
    /// Run an IPython line magic (what a magic line inside a block becomes).
    python ["builtins.__tensh_magic__"]
    fn __tensh_magic__(it, name, line) {
        let (Value::Str(name), Value::Str(line)) = (&name, &line) else {
            return Ok(Value::None);
        };
        // The magic may run code at the top level: keep this frame's state around it.
        let scope = it.scope.clone();
        let file = it.file.clone();
        let depth = it.depth;
        let echo = it.echo;
        let r = line_magic(it, name, line, Mode::Notebook { display_last: false });
        it.scope = scope;
        it.file = file;
        it.depth = depth;
        it.echo = echo;
        match r {
            Ok(v) => Ok(v.unwrap_or(Value::None)),
            Err(Stop::Usage(msg)) => {
                usage_error(it, &msg);
                Ok(Value::None)
            }
            Err(Stop::Failed) => crate::eval::error::raise(
                crate::errors::ExcKind::RuntimeError,
                format!("%{} failed", name),
            ),
            Err(Stop::Exit(c)) => crate::eval::error::raise(
                crate::errors::ExcKind::SystemExit,
                c.to_string(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
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

    #[test]
    fn times_read_as_ipython_prints_them() {
        assert_eq!(format_time(0.0, 3), "0 ns");
        assert_eq!(format_time(757e-9, 3), "757 ns");
        assert_eq!(format_time(3.32e-6, 3), "3.32 μs");
        assert_eq!(format_time(1e-6, 3), "1 μs");
        assert_eq!(format_time(0.5, 3), "500 ms");
        assert_eq!(format_time(1.5, 3), "1.5 s");
        assert_eq!(format_time(65.0, 3), "1min 5s");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(100), "100");
    }

    #[test]
    fn timeit_options_come_before_the_statement() {
        let (o, s) = timeit_options("-n 10 -r 3 x + 1").unwrap();
        assert_eq!((o.number, o.repeat, s.as_str()), (10, 3, "x + 1"));
        let (o, s) = timeit_options("-n10 -q f(-1)").unwrap();
        assert_eq!((o.number, o.quiet, s.as_str()), (10, true, "f(-1)"));
        let (_, s) = timeit_options("-x").unwrap();
        assert_eq!(s, "-x");
    }
}
