//! Syntax errors: what went wrong, where, and whether more input could fix it (which the
//! REPL uses to decide between an error and a continuation prompt).

use crate::errors::ExcKind;

/// A syntax error at a byte offset of the source.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: ExcKind,
    pub message: String,
    pub offset: usize,
    /// The end of the offending text, when it is longer than one character.
    pub end: Option<usize>,
    /// True when the input ended too early: more lines could make it valid.
    pub incomplete: bool,
    /// Whether the quoted line gets a caret (Python draws none for a block missing at the
    /// end of the input).
    pub caret: bool,
}

impl SyntaxError {
    pub(crate) fn new(kind: ExcKind, message: impl Into<String>, offset: usize) -> SyntaxError {
        SyntaxError {
            kind,
            message: message.into(),
            offset,
            end: None,
            incomplete: false,
            caret: true,
        }
    }

    pub(crate) fn incomplete(mut self) -> SyntaxError {
        self.incomplete = true;
        self
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = &src[..floor_char_boundary(src, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
