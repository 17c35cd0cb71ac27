//! The interactive REPL: rustyline with a validator that asks the parser whether the entry
//! is complete, so blocks and open brackets continue on `... ` lines.

use crate::eval::{Interp, Outcome};
use crate::syntax::complete::{check, Completeness};
use rustyline::error::ReadlineError;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Completer, Editor, Helper, Highlighter, Hinter};

#[derive(Helper, Completer, Hinter, Highlighter)]
struct TenshHelper;

impl Validator for TenshHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(match check(ctx.input()) {
            Completeness::Complete => ValidationResult::Valid(None),
            Completeness::Incomplete => ValidationResult::Incomplete,
        })
    }
}

/// Runs the REPL until Ctrl-D; returns the exit status.
pub fn run(seed: Option<u64>, color: bool) -> u8 {
    let mut it = Interp::with_stdio(seed, color);
    let mut rl = match Editor::new() {
        Ok(rl) => rl,
        Err(e) => {
            eprintln!("tensh: cannot start the line editor: {}", e);
            return 1;
        }
    };
    rl.set_helper(Some(TenshHelper));
    println!(
        "tensh {} — TensorFlow 2 notebooks in Rust. Ctrl-D exits.",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        match rl.readline(">>> ") {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = rl.add_history_entry(line.as_str());
                let _ = it.run(&line, None, false) == Outcome::Failed;
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return 0,
            Err(e) => {
                eprintln!("tensh: {}", e);
                return 1;
            }
        }
    }
}
