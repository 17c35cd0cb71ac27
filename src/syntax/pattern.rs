//! The `match` statement (a soft keyword: `match` is a statement only when a subject, `:`
//! and an indented block of `case` clauses follow) and its patterns.

use super::ast::*;
use super::compound::suite;
use super::expr::{strings, test, testlist_star};
use super::lexeme::Tok;
use super::stmt::hard;
use super::tokens::*;
use nom::Input;

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

/// After the word `match`: None (not a match statement) unless `subject:` and a block of
/// `case` clauses follow.
pub(super) fn match_stmt(i: Toks, start: Span) -> PResult<Option<Stmt>> {
    let (i, subject) = testlist_star(i)?;
    let Ok((i, _)) = op(":")(i) else {
        return Ok((i, None));
    };
    let Ok((i, _)) = layout(Tok::Newline)(i) else {
        return Ok((i, None));
    };
    let Ok((mut i, _)) = layout(Tok::Indent)(i) else {
        return hard(i, "expected an indented block");
    };
    let mut cases = Vec::new();
    let mut end = start;
    loop {
        while let Ok((j, _)) = layout(Tok::Newline)(i) {
            i = j;
        }
        if let Ok((j, _)) = layout(Tok::Dedent)(i) {
            i = j;
            break;
        }
        if layout(Tok::End)(i).is_ok() {
            break;
        }
        let Ok((j, case_span)) = kw("case")(i) else {
            return hard(i, "invalid syntax");
        };
        let (j, pattern) = top_pattern(j)?;
        let (j, guard) = match kw("if")(j) {
            Ok((k, _)) => {
                let (k, g) = expect("a guard expression", test)(k)?;
                (k, Some(g))
            }
            Err(_) => (j, None),
        };
        let (j, body) = suite(j, case_span)?;
        end = body.last().map_or(end, |s| s.span);
        cases.push(MatchCase {
            pattern,
            guard,
            body,
        });
        i = j;
    }
    if cases.is_empty() {
        return hard(i, "expected 'case'");
    }
    let span = start.to(end);
    Ok((
        i,
        Some(Stmt {
            kind: StmtKind::Match { subject, cases },
            span,
        }),
    ))
}

/// The pattern after `case`: an open sequence `a, *b` or one pattern.
fn top_pattern(i: Toks) -> PResult<Pattern> {
    let (mut i, first) = as_pattern(i)?;
    if !peek_is_op(i, ",") {
        return Ok((i, first));
    }
    let mut items = vec![first];
    while let Ok((j, _)) = op(",")(i) {
        i = j;
        if peek_is_op(i, ":") || peek_is_kw(i, "if") {
            break;
        }
        let (j, p) = as_pattern(i)?;
        items.push(p);
        i = j;
    }
    Ok((i, Pattern::Sequence(items)))
}

/// `or_pattern ['as' name]`
fn as_pattern(i: Toks) -> PResult<Pattern> {
    let (i, p) = or_pattern(i)?;
    match kw("as")(i) {
        Ok((j, _)) => {
            let (j, (n, _)) = expect("a name after 'as'", ident)(j)?;
            Ok((j, Pattern::As(Box::new(p), n)))
        }
        Err(_) => Ok((i, p)),
    }
}

fn or_pattern(i: Toks) -> PResult<Pattern> {
    let (mut i, first) = closed_pattern(i)?;
    let mut alts = vec![first];
    while let Ok((j, _)) = op("|")(i) {
        let (j, p) = expect("a pattern after '|'", closed_pattern)(j)?;
        alts.push(p);
        i = j;
    }
    if alts.len() == 1 {
        return Ok((i, alts.pop().unwrap_or(Pattern::Wildcard)));
    }
    Ok((i, Pattern::Or(alts)))
}

/// Patterns inside brackets up to `closer`.
fn sequence_items<'a>(
    mut i: Toks<'a>,
    closer: &'static str,
    open: Span,
) -> PResult<'a, Vec<Pattern>> {
    let mut items = Vec::new();
    loop {
        if let Ok((j, _)) = op(closer)(i) {
            return Ok((j, items));
        }
        let (j, p) = as_pattern(i)?;
        items.push(p);
        i = j;
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => {
                let (j, _) = close(closer, open)(i)?;
                return Ok((j, items));
            }
        }
    }
}

/// A literal: a number (optionally negative), strings, `None`, `True`, `False`.
fn literal(i: Toks) -> PResult<Expr> {
    let Some(tok) = i.first() else {
        return Err(nom::Err::Error(PErr::at(i, "expected a pattern")));
    };
    let span = tok.span;
    let next = i.take_from(1);
    match &tok.tok {
        Tok::Int(v) => Ok((next, mk(ExprKind::Int(*v), span))),
        Tok::Float(v) => Ok((next, mk(ExprKind::Float(*v), span))),
        Tok::Str(_) | Tok::FStr { .. } => strings(i),
        Tok::Op("-") => {
            let (j, e) = literal(next)?;
            let span = span.to(e.span);
            Ok((j, mk(ExprKind::Unary(UnaryOp::Neg, Box::new(e)), span)))
        }
        _ => Err(nom::Err::Error(PErr::at(i, "expected a pattern"))),
    }
}

fn closed_pattern(i: Toks) -> PResult<Pattern> {
    let Some(tok) = i.first() else {
        return Err(nom::Err::Error(PErr::at(i, "expected a pattern")));
    };
    let span = tok.span;
    let next = i.take_from(1);
    match &tok.tok {
        Tok::Op("(") => {
            if let Ok((j, _)) = op(")")(next) {
                return Ok((j, Pattern::Sequence(vec![])));
            }
            let (j, first) = as_pattern(next)?;
            if let Ok((j, _)) = op(")")(j) {
                return Ok((j, first));
            }
            let (j, _) = expect("',' or ')'", op(","))(j)?;
            let (j, mut rest) = sequence_items(j, ")", span)?;
            rest.insert(0, first);
            Ok((j, Pattern::Sequence(rest)))
        }
        Tok::Op("[") => {
            let (j, items) = sequence_items(next, "]", span)?;
            Ok((j, Pattern::Sequence(items)))
        }
        Tok::Op("{") => mapping(next, span),
        Tok::Op("*") => {
            let (j, (n, _)) = expect("a name after '*'", ident)(next)?;
            Ok((j, Pattern::Star((n != "_").then_some(n))))
        }
        Tok::Name(n) if n == "None" => Ok((next, Pattern::Value(mk(ExprKind::NoneLit, span)))),
        Tok::Name(n) if n == "True" => Ok((next, Pattern::Value(mk(ExprKind::Bool(true), span)))),
        Tok::Name(n) if n == "False" => Ok((next, Pattern::Value(mk(ExprKind::Bool(false), span)))),
        Tok::Name(_) => {
            let (mut j, (name, nspan)) = ident(i)?;
            let mut e = mk(ExprKind::Name(name.clone()), nspan);
            let mut dotted = false;
            while let Ok((k, _)) = op(".")(j) {
                let (k, (attr, aspan)) = expect("a name after '.'", ident)(k)?;
                let s = e.span.to(aspan);
                e = mk(ExprKind::Attribute(Box::new(e), attr), s);
                dotted = true;
                j = k;
            }
            if let Ok((k, open)) = op("(")(j) {
                return class_pattern(k, e, open);
            }
            if dotted {
                Ok((j, Pattern::Value(e)))
            } else if name == "_" {
                Ok((j, Pattern::Wildcard))
            } else {
                Ok((j, Pattern::Capture(name)))
            }
        }
        _ => {
            let (j, e) = literal(i)?;
            Ok((j, Pattern::Value(e)))
        }
    }
}

fn class_pattern(mut i: Toks, cls: Expr, open: Span) -> PResult<Pattern> {
    let mut pos = Vec::new();
    let mut kws: Vec<(String, Pattern)> = Vec::new();
    loop {
        if let Ok((j, _)) = op(")")(i) {
            return Ok((j, Pattern::Class(cls, pos, kws)));
        }
        if let (Ok((j, (name, _))), true) = (ident(i), peek_is_op(i.take_from(1), "=")) {
            let (j, _) = op("=")(j)?;
            let (j, p) = as_pattern(j)?;
            kws.push((name, p));
            i = j;
        } else {
            if !kws.is_empty() {
                return hard(i, "positional patterns follow keyword patterns");
            }
            let (j, p) = as_pattern(i)?;
            pos.push(p);
            i = j;
        }
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => {
                let (j, _) = close(")", open)(i)?;
                return Ok((j, Pattern::Class(cls, pos, kws)));
            }
        }
    }
}

fn mapping(mut i: Toks, open: Span) -> PResult<Pattern> {
    let mut items = Vec::new();
    let mut rest = None;
    loop {
        if let Ok((j, _)) = op("}")(i) {
            return Ok((j, Pattern::Mapping(items, rest)));
        }
        if let Ok((j, _)) = op("**")(i) {
            let (j, (n, _)) = expect("a name after '**'", ident)(j)?;
            rest = Some(n);
            i = j;
        } else {
            let (j, key) = match closed_pattern(i)? {
                (j, Pattern::Value(e)) => (j, e),
                _ => {
                    return hard(
                        i,
                        "mapping pattern keys may only match literals and attribute lookups",
                    )
                }
            };
            let (j, _) = expect("':'", op(":"))(j)?;
            let (j, p) = as_pattern(j)?;
            items.push((key, p));
            i = j;
        }
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => {
                let (j, _) = close("}", open)(i)?;
                return Ok((j, Pattern::Mapping(items, rest)));
            }
        }
    }
}
