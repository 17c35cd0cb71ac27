//! The parser's input: a slice of tokens that nom can walk (nom 8 implements `Input` for
//! `&str` and `&[u8]` only), the parse error type, and the primitive token parsers.

use super::ast::Span;
use super::lexeme::{Tok, Token, KEYWORDS};
use crate::errors::ExcKind;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Input, Needed};
use std::iter::Enumerate;
use std::slice::Iter;

/// A window on the token list. It always ends with `Tok::End`, except in slices nom takes.
#[derive(Clone, Copy, Debug)]
pub struct Toks<'a>(pub &'a [Token]);

impl<'a> Toks<'a> {
    pub fn first(&self) -> Option<&'a Token> {
        self.0.first()
    }
    /// The byte offset where this input starts.
    pub fn offset(&self) -> usize {
        self.0.first().map(|t| t.span.start as usize).unwrap_or(0)
    }
}

impl<'a> Input for Toks<'a> {
    type Item = &'a Token;
    type Iter = std::slice::Iter<'a, Token>;
    type IterIndices = Enumerate<Iter<'a, Token>>;

    fn input_len(&self) -> usize {
        self.0.len()
    }
    fn take(&self, index: usize) -> Self {
        Toks(&self.0[..index])
    }
    fn take_from(&self, index: usize) -> Self {
        Toks(&self.0[index..])
    }
    fn take_split(&self, index: usize) -> (Self, Self) {
        let (a, b) = self.0.split_at(index);
        (Toks(b), Toks(a))
    }
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.0.iter().position(predicate)
    }
    fn iter_elements(&self) -> Self::Iter {
        self.0.iter()
    }
    fn iter_indices(&self) -> Self::IterIndices {
        self.0.iter().enumerate()
    }
    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.0.len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.0.len()))
        }
    }
}

/// A parse error: the furthest position reached and, when known, what was expected there.
#[derive(Clone, Debug, PartialEq)]
pub struct PErr {
    pub offset: usize,
    pub end: usize,
    pub message: Option<String>,
    /// For "expected ')' to close '(' opened at L:C": the opener's offset.
    pub opened: Option<usize>,
    /// The input ran out (End token reached) where more was expected.
    pub at_end: bool,
    /// For "expected an indented block after ... on line N": the block header's offset.
    pub header: Option<usize>,
    /// `SyntaxError`, or `IndentationError` for an indentation problem.
    pub kind: ExcKind,
}

impl PErr {
    pub fn at(input: Toks, message: impl Into<String>) -> PErr {
        let (offset, end, at_end) = match input.first() {
            Some(t) => (
                t.span.start as usize,
                t.span.end as usize,
                t.tok == Tok::End,
            ),
            None => (0, 0, true),
        };
        PErr {
            offset,
            end,
            message: Some(message.into()),
            opened: None,
            at_end,
            header: None,
            kind: ExcKind::SyntaxError,
        }
    }

    /// The same error, raised as an `IndentationError`.
    pub fn indentation(mut self) -> PErr {
        self.kind = ExcKind::IndentationError;
        self
    }
}

impl<'a> ParseError<Toks<'a>> for PErr {
    fn from_error_kind(input: Toks<'a>, _kind: ErrorKind) -> Self {
        let mut e = PErr::at(input, "");
        e.message = None;
        e
    }
    fn append(_input: Toks<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }
    fn or(self, other: Self) -> Self {
        // Keep the error that got furthest, and among equals the one that says more.
        if other.offset > self.offset || (other.offset == self.offset && self.message.is_none()) {
            other
        } else {
            self
        }
    }
}

pub type PResult<'a, T> = IResult<Toks<'a>, T, PErr>;

/// `IndentationError: unexpected indent` at `i`.
pub fn unexpected_indent<T>(i: Toks<'_>) -> PResult<'_, T> {
    Err(nom::Err::Failure(
        PErr::at(i, "unexpected indent").indentation(),
    ))
}

fn fail<T>(i: Toks<'_>) -> PResult<'_, T> {
    Err(nom::Err::Error(PErr::from_error_kind(i, ErrorKind::Tag)))
}

/// An operator token; returns its span.
pub fn op(s: &'static str) -> impl Fn(Toks) -> PResult<Span> {
    move |i: Toks| match i.first() {
        Some(Token {
            tok: Tok::Op(o),
            span,
        }) if *o == s => Ok((i.take_from(1), *span)),
        _ => fail(i),
    }
}

/// A keyword; returns its span.
pub fn kw(s: &'static str) -> impl Fn(Toks) -> PResult<Span> {
    move |i: Toks| match i.first() {
        Some(Token {
            tok: Tok::Name(n),
            span,
        }) if n == s => Ok((i.take_from(1), *span)),
        _ => fail(i),
    }
}

/// An identifier that is not a keyword.
pub fn ident(i: Toks) -> PResult<(String, Span)> {
    match i.first() {
        Some(Token {
            tok: Tok::Name(n),
            span,
        }) if !KEYWORDS.contains(&n.as_str()) => Ok((i.take_from(1), (n.clone(), *span))),
        _ => fail(i),
    }
}

/// A token of the given layout kind (Newline, Indent, Dedent, End).
pub fn layout(kind: Tok) -> impl Fn(Toks) -> PResult<Span> {
    move |i: Toks| match i.first() {
        Some(t) if t.tok == kind => Ok((i.take_from(1), t.span)),
        _ => fail(i),
    }
}

/// Wraps a parser so that its failure is a hard error saying what was expected.
pub fn expect<'a, T>(
    what: &'static str,
    mut p: impl FnMut(Toks<'a>) -> PResult<'a, T>,
) -> impl FnMut(Toks<'a>) -> PResult<'a, T> {
    move |i: Toks<'a>| match p(i) {
        Ok(r) => Ok(r),
        Err(nom::Err::Failure(e)) => Err(nom::Err::Failure(e)),
        Err(_) => Err(nom::Err::Failure(PErr::at(i, format!("expected {}", what)))),
    }
}

/// The closing bracket of a bracket opened at `open`: a hard error names the opener.
pub fn close<'a>(s: &'static str, open: Span) -> impl FnMut(Toks<'a>) -> PResult<'a, Span> {
    move |i: Toks<'a>| match op(s)(i) {
        Ok(r) => Ok(r),
        Err(_) => {
            let mut e = PErr::at(i, format!("expected '{}'", s));
            e.opened = Some(open.start as usize);
            Err(nom::Err::Failure(e))
        }
    }
}

pub fn peek_is_op(i: Toks, s: &str) -> bool {
    matches!(i.first(), Some(Token { tok: Tok::Op(o), .. }) if *o == s)
}

pub fn peek_is_kw(i: Toks, s: &str) -> bool {
    matches!(i.first(), Some(Token { tok: Tok::Name(n), .. }) if n == s)
}
