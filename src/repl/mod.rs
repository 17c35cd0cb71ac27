//! The interactive REPL: `>>> ` and `... ` prompts with auto-indent, completion and
//! highlighting (`helper.rs`; the completion itself is `complete.rs`, shared with the
//! Jupyter kernel), commands (`commands.rs`), pictures of tensors (`show.rs`), persistent
//! history, and Ctrl-C that interrupts a running statement.

pub(crate) mod commands;
pub(crate) mod complete;
pub(crate) mod config;
pub(crate) mod editing;
pub(crate) mod helper;
pub(crate) mod inspect;
pub mod magics;
pub(crate) mod show;

use crate::eval::{Interp, Outcome};
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
    let (settings, problems) = config::load();
    for p in problems {
        eprintln!("tensh: {}", p);
    }
    let mode = if settings.vi {
        rustyline::EditMode::Vi
    } else {
        rustyline::EditMode::Emacs
    };
    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(rustyline::CompletionType::List)
        .edit_mode(mode)
        .max_history_size(settings.history_size)
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
        theme: settings.theme,
        hinter: HistoryHinter::new(),
    }));
    editing::bind(&mut rl);
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
        // Between entries: what the last one freed goes back to the system.
        crate::tensor::alloc::release_free_memory();
        let mut buffer = match rl.readline(">>> ") {
            Ok(b) => b,
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                continue;
            }
            Err(ReadlineError::Eof) => return 0,
            Err(e) => {
                eprintln!("tensh: {}", e);
                return 1;
            }
        };
        // Enter only hands over a complete entry; a terminal the editor cannot drive hands
        // over each line, and the entry goes on line by line as in Python's plain REPL.
        while !editing::ready(&editing::source(&buffer)) {
            match rl.readline(editing::CONTINUATION) {
                Ok(more) => {
                    buffer.push('\n');
                    buffer.push_str(&more);
                }
                Err(ReadlineError::Interrupted) => {
                    println!("KeyboardInterrupt");
                    buffer.clear();
                    break;
                }
                Err(ReadlineError::Eof) => break,
                Err(e) => {
                    eprintln!("tensh: {}", e);
                    return 1;
                }
            }
        }
        let entry = strip_prompts(&editing::source(&buffer));
        if entry.trim().is_empty() {
            continue;
        }
        let _ =
            rl.add_history_entry(buffer.trim_end_matches([' ', '\n', editing::PAD, editing::MARK]));
        if let Some(h) = &hist {
            let _ = rl.append_history(h);
        }
        // A block ended by an empty line keeps that line, so that an error in it (a block
        // header with no body) is placed where Python places it: on the empty line.
        let entry = match entry.trim_end().len() {
            n if entry[n..].contains('\n') => format!("{}\n\n", entry.trim_end()),
            n => entry[..n].to_string(),
        };
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
        it.quiet_last = entry.trim_end().ends_with(';');
        let code = entry.trim_end().trim_end_matches(';');
        let outcome = it.run(code, None, false);
        it.quiet_last = false;
        match outcome {
            Outcome::Ok if !commands::only_inspects(code) => saved.push(code.to_string()),
            Outcome::Ok => {}
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
        _ if t.ends_with('?') && !t.contains('\n') => {
            let source = t.ends_with("??");
            let name = t.trim_end_matches('?');
            let plain = !name.is_empty()
                && !name.contains(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'));
            if !plain {
                return None;
            }
            if let Some(v) = it.run_expr(name) {
                let layout = if source {
                    inspect::Layout::Source(name)
                } else {
                    inspect::Layout::Inspect(name)
                };
                out.push_str(inspect::describe(&mut it, &v, layout).trim_end());
            }
        }
        _ if word.starts_with(':')
            && word.len() > 1
            && word[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
        {
            out.push_str(&commands::unknown(word));
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
