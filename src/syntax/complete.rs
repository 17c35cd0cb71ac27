//! Is this REPL input complete? The answer drives the line editor: run it, ask for a
//! continuation line (`... `), or report the error now.

use super::lexeme::{tokenize, Tok};
use super::parse_program;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Ready to run (or to report a syntax error that more lines would not fix).
    Complete,
    /// Needs more lines: an open bracket or string, a backslash, or an open block.
    Incomplete,
}

/// Python's interactive rule: an entry whose first line opens a block (or that ends inside
/// one) goes on until a blank line; an open bracket, triple-quoted string or trailing
/// backslash always goes on.
pub fn check(src: &str) -> Completeness {
    if src.trim().is_empty() {
        return Completeness::Complete;
    }
    let toks = match tokenize(src, 0) {
        Ok(t) => t,
        Err(e) => {
            return if e.incomplete {
                Completeness::Incomplete
            } else {
                Completeness::Complete
            }
        }
    };
    // A block (an indented suite, or a compound statement or decorator on the first line)
    // goes on until an empty line, as in Python's REPL.
    let compound = |t: &Tok| matches!(t, Tok::Name(n) if ["for", "while", "if", "def", "class", "with", "try"].contains(&n.as_str()));
    let opens_block = toks.iter().any(|t| t.tok == Tok::Indent)
        || toks
            .first()
            .is_some_and(|t| compound(&t.tok) || t.tok == Tok::Op("@"));
    // The line editor hands over the buffer without the final newline, so an entry that
    // ends in a newline ends in an empty line: the block is finished.
    let ends_blank = src.ends_with('\n') || src.lines().last().is_some_and(|l| l.trim().is_empty());
    if opens_block && !ends_blank {
        return Completeness::Incomplete;
    }
    // After an empty line only an open bracket, string or backslash goes on: a block
    // header without a body is reported then (Python: IndentationError).
    match parse_program(src) {
        Err(e) if e.incomplete && !ends_blank => Completeness::Incomplete,
        _ => Completeness::Complete,
    }
}
