//! The statement language: the part of Python that TensorFlow-2 notebook code uses.
//!
//! | file | owns |
//! |---|---|
//! | `ast.rs` | the syntax tree; every node has a byte span |
//! | `lexeme.rs` | the lexer: lexemes as nom parsers over `&str`, plus layout tokens |
//! | `tokens.rs` | the token-slice input for nom, the parse error, primitive token parsers |
//! | `expr.rs` | expressions by precedence |
//! | `fstring.rs` | f-string bodies |
//! | `stmt.rs` | the file, logical lines, simple statements |
//! | `compound.rs` | compound statements, their blocks, decorators, parameter lists |
//! | `pattern.rs` | the `match` statement and its patterns |
//! | `complete.rs` | "is this input complete?" for the REPL |
//! | `yields.rs` | where `yield` may stand; which functions are generators |
//! | `unparse.rs` | the AST back to source (used by round-trip tests and `:save`) |
//! | `error.rs` | syntax errors with positions |
//! | `source.rs` | source bytes to text (UTF-8 or Python's SyntaxError) |
//!
//! grammar/tensh.ebnf is the reference this parser follows.

use crate::errors::ExcKind;
pub mod ast;
pub mod complete;
pub(crate) mod compound;
pub mod error;
pub(crate) mod expr;
pub(crate) mod fstring;
pub(crate) mod lexeme;
pub(crate) mod pattern;
pub mod source;
pub(crate) mod stmt;
pub(crate) mod tokens;
pub mod unparse;
pub mod yields;

pub(crate) use ast::{Span, Stmt, StmtKind};
pub(crate) use error::SyntaxError;

use error::line_col;
use tokens::{PErr, Toks};

/// Parses a whole program (a file, a cell, or one REPL entry).
pub fn parse_program(src: &str) -> Result<Vec<Stmt>, SyntaxError> {
    let toks = lexeme::tokenize(src, 0)?;
    match stmt::file(Toks(&toks)) {
        Ok((_, body)) => Ok(body),
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => Err(to_syntax_error(src, e)),
        Err(nom::Err::Incomplete(_)) => Err(SyntaxError::new(
            ExcKind::SyntaxError,
            "unexpected end of input",
            src.len(),
        )),
    }
}

fn to_syntax_error(src: &str, e: PErr) -> SyntaxError {
    let mut message = e.message.unwrap_or_else(|| "invalid syntax".into());
    if let Some(open) = e.opened {
        let (l, c) = line_col(src, open);
        let bracket = src[open..].chars().next().unwrap_or('(');
        message = format!("{} to close '{}' opened at {}:{}", message, bracket, l, c);
    }
    if let Some(h) = e.header {
        // Python names the block's statement: "after 'for' statement on line 1",
        // "after function definition on line 3".
        let word: String = src[h..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let what = match word.as_str() {
            "def" => "function definition".to_string(),
            "class" => "class definition".to_string(),
            w => format!("'{}' statement", w),
        };
        message = format!("{} after {} on line {}", message, what, line_col(src, h).0);
    }
    let mut err = SyntaxError::new(e.kind, message, e.offset);
    if e.end > e.offset + 1 {
        err.end = Some(e.end);
    }
    err.incomplete = e.at_end;
    if e.at_end && e.header.is_some() {
        // A block missing at the end: Python quotes the file's last line, without a caret.
        let body = src.strip_suffix('\n').unwrap_or(src);
        err.offset = body.rfind('\n').map_or(0, |i| i + 1);
        err.end = None;
        err.caret = false;
    }
    err
}
