//! f-strings: the body of `f'...'` split into literal text and `{expr!conv:spec}` fields,
//! each field's expression parsed with the ordinary expression parser at its true offset.

use super::ast::FPart;
use super::error::SyntaxError;
use super::expr::testlist_star;
use super::lexeme::{tokenize_fragment, unescape};
use super::tokens::{PErr, Toks};
use crate::errors::ExcKind;

fn err(offset: usize, msg: &str) -> PErr {
    PErr {
        offset,
        end: offset + 1,
        message: Some(msg.to_string()),
        opened: None,
        at_end: false,
        header: None,
        kind: ExcKind::SyntaxError,
    }
}

fn from_syntax(e: SyntaxError) -> PErr {
    PErr {
        offset: e.offset,
        end: e.offset + 1,
        message: Some(e.message),
        opened: None,
        at_end: false,
        header: None,
        kind: ExcKind::SyntaxError,
    }
}

/// Parses an f-string body that starts at byte `offset` of the source.
pub fn parse_fstring(body: &str, offset: usize, raw: bool) -> Result<Vec<FPart>, PErr> {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    let flush = |lit: &mut String, parts: &mut Vec<FPart>| {
        if !lit.is_empty() {
            let text = if raw {
                std::mem::take(lit)
            } else {
                unescape(&std::mem::take(lit))
            };
            parts.push(FPart::Lit(text));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => {
                lit.push('{');
                i += 2;
            }
            b'}' if bytes.get(i + 1) == Some(&b'}') => {
                lit.push('}');
                i += 2;
            }
            b'}' => return Err(err(offset + i, "f-string: single '}' is not allowed")),
            b'{' => {
                flush(&mut lit, &mut parts);
                let (part, next) = field(body, i + 1, offset)?;
                parts.push(part);
                i = next;
            }
            _ => {
                let ch_len = body[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                lit.push_str(&body[i..i + ch_len]);
                i += ch_len;
            }
        }
    }
    flush(&mut lit, &mut parts);
    Ok(parts)
}

/// One replacement field starting after its `{`; returns the part and the index after `}`.
fn field(body: &str, start: usize, offset: usize) -> Result<(FPart, usize), PErr> {
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut i = start;
    let mut expr_end = None;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'\'' | b'"' => quote = Some(b),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' if depth > 0 => depth -= 1,
            b'}' | b':' if depth == 0 => {
                expr_end = Some(i);
                break;
            }
            b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => {
                expr_end = Some(i);
                break;
            }
            _ => {}
        }
        i += 1;
    }
    let Some(mut end) = expr_end else {
        return Err(err(offset + start - 1, "f-string: expecting '}'"));
    };
    let mut text = &body[start..end];
    // `{x=}` prints the expression text too.
    let mut debug = None;
    let trimmed = text.trim_end();
    if trimmed.ends_with('=') && !trimmed.ends_with("==") && !trimmed.ends_with("!=") {
        debug = Some(text.to_string());
        text = &trimmed[..trimmed.len() - 1];
    }
    if text.trim().is_empty() {
        return Err(err(
            offset + start,
            "f-string: valid expression required before '}'",
        ));
    }
    let toks = tokenize_fragment(text, offset + start).map_err(from_syntax)?;
    let (rest, expr) = testlist_star(Toks(&toks)).map_err(|e| match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => err(offset + start, "f-string: invalid expression"),
    })?;
    if rest.0.len() > 1 {
        return Err(err(rest.offset(), "f-string: invalid syntax"));
    }
    let mut conv = None;
    if bytes[end] == b'!' {
        conv = body[end + 1..].chars().next();
        if !matches!(conv, Some('r' | 's' | 'a')) {
            return Err(err(
                offset + end,
                "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            ));
        }
        end += 2;
    }
    let mut spec = Vec::new();
    if bytes.get(end) == Some(&b':') {
        // The spec runs to the matching '}' and may hold nested fields.
        let mut j = end + 1;
        let mut lit = String::new();
        loop {
            match bytes.get(j) {
                None => return Err(err(offset + start - 1, "f-string: expecting '}'")),
                Some(b'}') => break,
                Some(b'{') => {
                    if !lit.is_empty() {
                        spec.push(FPart::Lit(std::mem::take(&mut lit)));
                    }
                    let (p, next) = field(body, j + 1, offset)?;
                    spec.push(p);
                    j = next;
                }
                Some(_) => {
                    let c = body[j..].chars().next().unwrap_or(' ');
                    lit.push(c);
                    j += c.len_utf8();
                }
            }
        }
        if !lit.is_empty() {
            spec.push(FPart::Lit(lit));
        }
        end = j;
    }
    if bytes.get(end) != Some(&b'}') {
        return Err(err(offset + end, "f-string: expecting '}'"));
    }
    if debug.is_some() && conv.is_none() && spec.is_empty() {
        conv = Some('r');
    }
    Ok((
        FPart::Expr {
            expr,
            conv,
            spec,
            debug,
        },
        end + 1,
    ))
}
