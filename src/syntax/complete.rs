//! Is this REPL input complete? The answer drives the line editor: run it, ask for a
//! continuation line (`... `), or report the error now.

use super::lexeme::tokenize;
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
    if let Err(e) = tokenize(src, 0) {
        return if e.incomplete {
            Completeness::Incomplete
        } else {
            Completeness::Complete
        };
    }
    // The line editor hands over the buffer without the final newline, so an entry that
    // ends in a newline ends in an empty line: the block is finished.
    let ends_blank = src.ends_with('\n') || src.lines().last().is_some_and(|l| l.trim().is_empty());
    let opens_block = src
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim_end())
        .filter(|l| !l.trim().is_empty())
        .any(|l| l.ends_with(':') || l.starts_with([' ', '\t']) || l.starts_with('@'));
    if opens_block && !ends_blank {
        return Completeness::Incomplete;
    }
    match parse_program(src) {
        Err(e) if e.incomplete => Completeness::Incomplete,
        _ => Completeness::Complete,
    }
}
