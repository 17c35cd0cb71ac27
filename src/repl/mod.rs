//! The interactive REPL: `>>> ` and `... ` prompts with auto-indent, completion and
//! highlighting (`helper.rs`; the completion itself is `complete.rs`, shared with the
//! Jupyter kernel), commands (`commands.rs`), pictures of tensors (`show.rs`), persistent
//! history, and Ctrl-C that interrupts a running statement.

pub(crate) mod commands;
pub(crate) mod complete;
pub(crate) mod helper;
pub mod magics;
pub(crate) mod show;

use crate::eval::{Interp, Outcome};
use crate::syntax::complete::{check, Completeness};
use helper::TenshHelper;
use rustyline::error::ReadlineError;
use rustyline::hint::HistoryHinter;
use rustyline::history::DefaultHistory;
use rustyline::{Config, Editor};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::sync::atomic::Ordering;

/// The largest history file that is read; a bigger one is left alone (not read, not
/// written).
const MAX_HISTORY: u64 = 16 << 20;

/// `$XDG_STATE_HOME/tensh/history`, else `~/.local/state/tensh/history`. A relative
/// `XDG_STATE_HOME` is invalid (the XDG spec says to ignore it).
pub(crate) fn history_path() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty() && std::path::Path::new(v).is_absolute())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/state"))
        })?;
    Some(base.join("tensh").join("history"))
}

/// The indentation the next continuation line starts with.
fn next_indent(text: &str) -> String {
    let last = text.lines().last().unwrap_or("");
    let lead: String = last.chars().take_while(|c| *c == ' ').collect();
    let code = last.split('#').next().unwrap_or("").trim_end();
    if code.ends_with(':') {
        format!("{}    ", lead)
    } else {
        lead
    }
}

/// Drops `>>> ` / `... ` prompts from pasted lines.
fn strip_prompts(text: &str) -> String {
    if !text.lines().any(|l| l.starts_with(">>> ") || l == ">>>") {
        return text.to_string();
    }
    text.lines()
        .map(|l| {
            l.strip_prefix(">>> ")
                .or_else(|| l.strip_prefix("... "))
                .unwrap_or(if l == ">>>" || l == "..." { "" } else { l })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the REPL until Ctrl-D; returns the exit status.
pub fn run(seed: Option<u64>, color: bool) -> u8 {
    let started = std::time::Instant::now();
    let session = Rc::new(RefCell::new(crate::stdio_session(seed, color)));
    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .max_history_size(100_000)
        .map(|b| b.build());
    let Ok(config) = config else { return 1 };
    let mut rl: Editor<TenshHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("tensh: cannot start the line editor: {}", e);
            return 1;
        }
    };
    rl.set_helper(Some(TenshHelper {
        session: session.clone(),
        color,
        hinter: HistoryHinter::new(),
    }));
    // Only a regular file (or none yet) of sane size: a FIFO would block the prompt and a
    // device such as /dev/zero would never end.
    let hist = history_path().filter(|h| match std::fs::metadata(h) {
        Ok(m) => m.is_file() && m.len() <= MAX_HISTORY,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    });
    if let Some(h) = &hist {
        let _ = std::fs::create_dir_all(h.parent().unwrap_or(h));
        let _ = rl.load_history(h);
    }
    // Ctrl-C while a statement runs sets the interrupt flag; loops check it.
    let flag = session.borrow().interrupt.clone();
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag.clone());
    let mut saved: Vec<String> = Vec::new();
    println!(
        "tensh {} — TensorFlow 2 in Rust. :help for commands, Ctrl-D exits.",
        env!("CARGO_PKG_VERSION")
    );
    if std::env::var_os("TENSH_STARTUP_TIME").is_some() {
        println!("ready in {:.1} ms", started.elapsed().as_secs_f64() * 1e3);
    }
    loop {
        let mut entry = String::new();
        let mut prompt = ">>> ";
        let mut initial = String::new();
        loop {
            let line = rl.readline_with_initial(prompt, (&initial, ""));
            match line {
                Ok(l) => {
                    let l = strip_prompts(&l);
                    if !entry.is_empty() {
                        entry.push('\n');
                    }
                    entry.push_str(&l);
                    if entry.trim().is_empty() {
                        entry.clear();
                        break;
                    }
                    let blank_end = l.trim().is_empty();
                    if check(&(entry.clone() + if blank_end { "\n" } else { "" }))
                        == Completeness::Complete
                        || (blank_end && check(&entry) == Completeness::Complete)
                    {
                        break;
                    }
                    prompt = "... ";
                    initial = next_indent(&entry);
                }
                Err(ReadlineError::Interrupted) => {
                    entry.clear();
                    println!("KeyboardInterrupt");
                    break;
                }
                Err(ReadlineError::Eof) => {
                    if entry.is_empty() {
                        return 0;
                    }
                    break;
                }
                Err(e) => {
                    eprintln!("tensh: {}", e);
                    return 1;
                }
            }
        }
        let entry = entry.trim_end().to_string();
        if entry.trim().is_empty() {
            continue;
        }
        let _ = rl.add_history_entry(entry.as_str());
        if let Some(h) = &hist {
            let _ = rl.append_history(h);
        }
        flag.store(false, Ordering::Relaxed);
        magics::record_input(&entry);
        if magics::has_magic(&entry) {
            let mut it = session.borrow_mut();
            let run = magics::run_cell(&mut it, &entry, "<stdin>", magics::Mode::Repl);
            if let Outcome::Exit(status) = run.outcome() {
                return status;
            }
            continue;
        }
        if let Some(done) = command(&session, &entry, &mut saved, color) {
            if let Some(status) = done {
                return status;
            }
            continue;
        }
        let mut it = session.borrow_mut();
        it.quiet_last = entry.ends_with(';');
        let code = entry.trim_end_matches(';');
        let outcome = it.run(code, None, false);
        it.quiet_last = false;
        match outcome {
            Outcome::Ok => saved.push(code.to_string()),
            Outcome::Exit(status) => return status,
            Outcome::Failed => {}
        }
    }
}

/// Handles a REPL command; `Some(Some(status))` means exit with that status, None means it
/// was not a command.
fn command(
    session: &Rc<RefCell<Interp>>,
    entry: &str,
    saved: &mut Vec<String>,
    color: bool,
) -> Option<Option<u8>> {
    let t = entry.trim();
    let (word, rest) = match t.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r.trim()),
        None => (t, ""),
    };
    let mut out = String::new();
    let mut it = session.borrow_mut();
    match word {
        ":help" | ":h" => out.push_str(commands::HELP),
        ":vars" => out.push_str(&commands::vars(&it)),
        ":reset" => {
            let fresh = crate::stdio_session(None, color);
            let flag = it.interrupt.clone();
            *it = fresh;
            it.interrupt = flag;
            saved.clear();
            out.push_str("(session reset)");
        }
        ":load" => match std::fs::read_to_string(rest) {
            Ok(src) => match it.run(&src, Some(rest), true) {
                Outcome::Ok => saved.push(src),
                Outcome::Exit(status) => return Some(Some(status)),
                Outcome::Failed => {}
            },
            Err(e) => out.push_str(&format!("tensh: can't open file '{}': {}", rest, e)),
        },
        ":save" => {
            let text = saved.join("\n") + "\n";
            match std::fs::write(rest, text) {
                Ok(()) => out.push_str(&format!("saved {} entries to {}", saved.len(), rest)),
                Err(e) => out.push_str(&format!("tensh: can't write '{}': {}", rest, e)),
            }
        }
        ":time" | ":timeit" => {
            let cell = format!("%{} {}", &word[1..], rest);
            if let Outcome::Exit(status) =
                magics::run_cell(&mut it, &cell, "<stdin>", magics::Mode::Repl).outcome()
            {
                return Some(Some(status));
            }
        }
        ":show" => {
            let v = it.run_expr(rest);
            match v.as_ref().and_then(crate::api::convert::tensor_of) {
                Some(tensor) => match show::render(&tensor, color) {
                    Some(p) => out.push_str(&p),
                    None => out.push_str(":show draws 1-D and 2-D tensors"),
                },
                None => {
                    if v.is_some() {
                        out.push_str(":show needs a tensor");
                    }
                }
            }
        }
        ":quit" | ":q" | ":exit" => return Some(Some(0)),
        _ if t.ends_with('?')
            && !t.contains('\n')
            && !t[..t.len() - 1]
                .contains(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.')) =>
        {
            if let Some(v) = it.run_expr(&t[..t.len() - 1]) {
                let layout = commands::Layout::Inspect(&t[..t.len() - 1]);
                out.push_str(commands::describe(&mut it, &v, layout).trim_end());
            }
        }
        _ => return None,
    }
    if !out.is_empty() {
        it.write_out(&out);
        it.write_out("\n");
    }
    it.flush();
    let _ = std::io::stdout().flush();
    Some(None)
}
