//! The lexer: source text to tokens, the way CPython's tokenizer does it. Individual lexemes
//! (numbers, strings, names, operators) are nom parsers over `&str`; the driver loop adds the
//! layout tokens (NEWLINE, INDENT, DEDENT), joins lines inside brackets and after a backslash,
//! and drops comments. Offsets are byte positions in the whole source.

use super::ast::Span;
use super::error::SyntaxError;
use crate::errors::ExcKind;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{opt, recognize};
use nom::sequence::pair;
use nom::{IResult, Parser};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    Name(String),
    Int(i64),
    /// An int literal past 64 bits, in decimal.
    BigInt(String),
    Float(f64),
    /// An imaginary literal `2j`: its imaginary part.
    Imag(f64),
    /// A bytes literal, escapes processed.
    Bytes(Vec<u8>),
    /// A plain (or raw, or bytes) string literal, escapes already processed.
    Str(String),
    /// An f-string: its body as written (escapes not processed), the byte offset of the body
    /// in the source, and whether it was raw (`rf'...'`).
    FStr {
        body: String,
        offset: usize,
        raw: bool,
    },
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Operators, longest first so that the first match is the longest one.
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=",
    "/=", "%=", "@=", "&=", "|=", "^=", ":=", "<<", ">>", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=",
];

type LResult<'a, T> = IResult<&'a str, T>;

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// An identifier as Python stores it, NFKC-normalized; tensh folds the compatibility forms
/// identifiers meet in practice: full-width ASCII (`ｘ` is `x`) and the ideographic space.
fn nfkc_name(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    word.chars()
        .map(|c| match c as u32 {
            0xff01..=0xff5e => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn name(i: &str) -> LResult<'_, &str> {
    recognize(pair(satisfy(is_name_start), take_while(is_name_char))).parse(i)
}

fn digits(i: &str) -> LResult<'_, &str> {
    recognize(pair(
        digit1,
        take_while(|c: char| c.is_ascii_digit() || c == '_'),
    ))
    .parse(i)
}

fn exponent(i: &str) -> LResult<'_, &str> {
    recognize((one_of("eE"), opt(one_of("+-")), digits)).parse(i)
}

/// A float literal: `1.5`, `6.`, `.5`, `1e-3`, `2E+5`.
fn float_lit(i: &str) -> LResult<'_, &str> {
    alt((
        recognize((digits, char('.'), opt(digits), opt(exponent))),
        recognize((char('.'), digits, opt(exponent))),
        recognize((digits, exponent)),
    ))
    .parse(i)
}

fn radix_int(i: &str) -> LResult<'_, (u32, &str)> {
    let (rest, (_, r, body)) = (
        char('0'),
        one_of("xXoObB"),
        take_while1(|c: char| c.is_ascii_hexdigit() || c == '_'),
    )
        .parse(i)?;
    let radix = match r {
        'x' | 'X' => 16,
        'o' | 'O' => 8,
        _ => 2,
    };
    Ok((rest, (radix, body)))
}

/// The operator at the start of `i`, if any.
fn operator(i: &str) -> Option<&'static str> {
    OPERATORS.iter().copied().find(|op| i.starts_with(op))
}

/// String prefix and opening quote: returns (prefix lowercase, quote string).
fn string_start(i: &str) -> LResult<'_, (String, &str)> {
    let (rest, prefix) = take_while(|c: char| "rRbBfFuU".contains(c)).parse(i)?;
    if prefix.len() > 2 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        )));
    }
    let (rest, q) = alt((tag("\"\"\""), tag("'''"), tag("\""), tag("'"))).parse(rest)?;
    Ok((rest, (prefix.to_ascii_lowercase(), q)))
}

/// Processes the escapes of a non-raw string body; a bad escape is kept as written.
pub fn unescape(body: &str) -> String {
    unescape_checked(body).unwrap_or_else(|_| body.to_string())
}

/// A few names `\N{...}` understands (tensh has no Unicode name table): letters, digits
/// and common symbols.
fn char_named(name: &str) -> Option<char> {
    let letter = |rest: &str, upper: bool| {
        let c = rest
            .chars()
            .next()
            .filter(|c| c.is_ascii_uppercase() && rest.len() == 1)?;
        Some(if upper { c } else { c.to_ascii_lowercase() })
    };
    if let Some(r) = name.strip_prefix("LATIN SMALL LETTER ") {
        return letter(r, false);
    }
    if let Some(r) = name.strip_prefix("LATIN CAPITAL LETTER ") {
        return letter(r, true);
    }
    const NAMED: &[(&str, char)] = &[
        ("SPACE", ' '),
        ("DIGIT ZERO", '0'),
        ("DIGIT ONE", '1'),
        ("DIGIT TWO", '2'),
        ("DIGIT THREE", '3'),
        ("DIGIT FOUR", '4'),
        ("DIGIT FIVE", '5'),
        ("DIGIT SIX", '6'),
        ("DIGIT SEVEN", '7'),
        ("DIGIT EIGHT", '8'),
        ("DIGIT NINE", '9'),
        ("BULLET", '\u{2022}'),
        ("EM DASH", '\u{2014}'),
        ("EN DASH", '\u{2013}'),
        ("HORIZONTAL ELLIPSIS", '\u{2026}'),
        ("DEGREE SIGN", '\u{b0}'),
        ("GREEK SMALL LETTER ALPHA", '\u{3b1}'),
        ("GREEK SMALL LETTER BETA", '\u{3b2}'),
        ("GREEK SMALL LETTER MU", '\u{3bc}'),
        ("GREEK SMALL LETTER PI", '\u{3c0}'),
        ("GREEK SMALL LETTER SIGMA", '\u{3c3}'),
        ("GREEK CAPITAL LETTER SIGMA", '\u{3a3}'),
        ("CHECK MARK", '\u{2713}'),
        ("RIGHTWARDS ARROW", '\u{2192}'),
        ("MULTIPLICATION SIGN", '\u{d7}'),
        ("PLUS-MINUS SIGN", '\u{b1}'),
        ("NO-BREAK SPACE", '\u{a0}'),
        ("SNOWMAN", '\u{2603}'),
    ];
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// Processes the escapes of a non-raw string body, or Python's `(unicode error)` message
/// for a truncated `\x`/`\u`/`\U` escape or an unknown `\N{name}`. A lone surrogate
/// (`\ud800`) becomes U+FFFD: one character, as in Python.
pub fn unescape_checked(body: &str) -> Result<String, String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    let bad = |from: usize, to: usize, what: &str| {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {}",
            from,
            to.saturating_sub(1),
            what
        )
    };
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        if let Some(&(_, 'N')) = chars.peek() {
            chars.next();
            let rest = &body[at + 2..];
            let Some(close) = rest.strip_prefix('{').and_then(|r| r.find('}')) else {
                return Err(bad(at, at + 2, "malformed \\N character escape"));
            };
            let name = &rest[1..close + 1];
            let end = at + 2 + close + 2;
            match char_named(&name.to_ascii_uppercase()) {
                Some(ch) => out.push(ch),
                None => return Err(bad(at, end, "unknown Unicode character name")),
            }
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            continue;
        }
        match chars.next().map(|(_, c)| c) {
            None => out.push('\\'),
            Some('\n') => {}
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('a') => out.push('\x07'),
            Some('b') => out.push('\x08'),
            Some('f') => out.push('\x0c'),
            Some('v') => out.push('\x0b'),
            Some(d @ '0'..='7') => {
                let mut v = d.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|(_, c)| c.to_digit(8)) {
                        Some(x) => {
                            v = v * 8 + x;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            Some(k @ ('x' | 'u' | 'U')) => {
                let n = match k {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut hex = String::new();
                while hex.len() < n && chars.peek().is_some_and(|(_, c)| c.is_ascii_hexdigit()) {
                    hex.extend(chars.next().map(|(_, c)| c));
                }
                if hex.len() < n {
                    let what = match k {
                        'x' => "truncated \\xXX escape",
                        'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    return Err(bad(at, at + 2 + hex.len(), what));
                }
                match u32::from_str_radix(&hex, 16) {
                    Ok(v) if (0xd800..0xe000).contains(&v) => out.push('\u{fffd}'),
                    Ok(v) => match char::from_u32(v) {
                        Some(ch) => out.push(ch),
                        None => return Err(bad(at, at + 2 + n, "illegal Unicode character")),
                    },
                    Err(_) => return Err(bad(at, at + 2 + n, "illegal Unicode character")),
                }
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Processes the escapes of a bytes literal's (ASCII) body: `\u` and `\N` are not escapes
/// there, and `\x` needs two hex digits.
pub fn unescape_bytes(body: &str) -> Result<Vec<u8>, String> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' || i >= b.len() {
            out.push(c);
            continue;
        }
        let e = b[i];
        i += 1;
        match e {
            b'\n' => {}
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = body
                    .get(i..i + 2)
                    .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()));
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        ))
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

struct Lexer<'a> {
    src: &'a str,
    base: usize,
    tokens: Vec<Token>,
    indents: Vec<usize>,
    /// Open brackets: the bracket and its offset.
    brackets: Vec<(char, usize)>,
    /// Whether the current indentation uses tabs or spaces (for TabError).
    indent_char: Option<char>,
}

impl<'a> Lexer<'a> {
    fn off(&self, rest: &str) -> usize {
        self.base + self.src.len() - rest.len()
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        self.tokens.push(Token {
            tok,
            span: Span::new(start, end),
        });
    }

    /// The 1-based line of byte `at` of this lexer's source.
    fn line_of(&self, at: usize) -> usize {
        super::error::line_col(self.src, at).0
    }

    fn err(&self, at: usize, msg: impl Into<String>) -> SyntaxError {
        SyntaxError::new(ExcKind::SyntaxError, msg, at)
    }

    fn run(mut self) -> Result<Vec<Token>, SyntaxError> {
        let mut rest = self.src;
        let mut at_line_start = true;
        loop {
            if at_line_start && self.brackets.is_empty() {
                // Measure the indentation of a new logical line; skip blank and comment lines.
                let ws_len = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
                let ws = &rest[..ws_len];
                let after = &rest[ws_len..];
                if after.is_empty() {
                    break;
                }
                if after.starts_with('#') || after.starts_with('\n') || after.starts_with("\r\n") {
                    let nl = after.find('\n').map(|p| p + 1).unwrap_or(after.len());
                    rest = &after[nl..];
                    continue;
                }
                if let Some(joined) = after.strip_prefix("\\\n") {
                    rest = joined;
                    continue;
                }
                let start = self.off(after);
                if ws.contains(' ') && ws.contains('\t') {
                    return Err(SyntaxError::new(
                        ExcKind::TabError,
                        "inconsistent use of tabs and spaces in indentation",
                        start,
                    ));
                }
                if let Some(c) = ws.chars().next() {
                    match self.indent_char {
                        Some(prev) if prev != c && self.indents.len() > 1 => {
                            return Err(SyntaxError::new(
                                ExcKind::TabError,
                                "inconsistent use of tabs and spaces in indentation",
                                start,
                            ))
                        }
                        _ => self.indent_char = Some(c),
                    }
                }
                let width = ws
                    .chars()
                    .map(|c| if c == '\t' { 8 } else { 1 })
                    .sum::<usize>();
                let top = *self.indents.last().unwrap_or(&0);
                if width > top {
                    self.indents.push(width);
                    self.push(Tok::Indent, start - ws_len, start);
                } else if width < top {
                    while *self.indents.last().unwrap_or(&0) > width {
                        self.indents.pop();
                        self.push(Tok::Dedent, start, start);
                    }
                    if *self.indents.last().unwrap_or(&0) != width {
                        return Err(SyntaxError::new(
                            ExcKind::IndentationError,
                            "unindent does not match any outer indentation level",
                            start,
                        ));
                    }
                }
                rest = after;
                at_line_start = false;
            }
            // Inside a logical line.
            let trimmed = rest.trim_start_matches([' ', '\t', '\x0c', '\r']);
            rest = trimmed;
            if rest.is_empty() {
                break;
            }
            let start = self.off(rest);
            let c = rest.chars().next().unwrap_or(' ');
            if c == '#' {
                let nl = rest.find('\n').unwrap_or(rest.len());
                rest = &rest[nl..];
                continue;
            }
            if c == '\n' {
                rest = &rest[1..];
                if self.brackets.is_empty() {
                    self.push(Tok::Newline, start, start + 1);
                    at_line_start = true;
                }
                continue;
            }
            if c == '\\' {
                if rest.starts_with("\\\n") || rest.starts_with("\\\r\n") {
                    rest = &rest[rest.find('\n').unwrap_or(0) + 1..];
                    continue;
                }
                if rest.len() == 1 {
                    return Err(self
                        .err(start, "unexpected EOF after line continuation")
                        .incomplete());
                }
                return Err(self.err(
                    start,
                    "unexpected character after line continuation character",
                ));
            }
            if let Ok((after, (prefix, quote))) = string_start(rest) {
                rest = self.string(rest, after, &prefix, quote, start)?;
                continue;
            }
            if c.is_ascii_digit()
                || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit()))
            {
                rest = self.number(rest, start)?;
                continue;
            }
            if is_name_start(c) {
                if let Ok((after, word)) = name(rest) {
                    let end = self.off(after);
                    self.push(Tok::Name(nfkc_name(word)), start, end);
                    rest = after;
                    continue;
                }
            }
            if let Some(op) = operator(rest) {
                rest = &rest[op.len()..];
                self.bracket(op, start)?;
                self.push(Tok::Op(op), start, start + op.len());
                continue;
            }
            let msg = if c == '!' {
                "invalid syntax".to_string()
            } else if c == '\0' {
                "source code cannot contain null bytes".to_string()
            } else {
                format!("invalid character '{}' (U+{:04X})", c, c as u32)
            };
            return Err(self.err(start, msg));
        }
        let end = self.base + self.src.len();
        if let Some(&(b, at)) = self.brackets.last() {
            return Err(self
                .err(at, format!("'{}' was never closed", b))
                .incomplete());
        }
        if !at_line_start {
            self.push(Tok::Newline, end, end);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, end, end);
        }
        self.push(Tok::End, end, end);
        Ok(self.tokens)
    }

    fn bracket(&mut self, op: &str, at: usize) -> Result<(), SyntaxError> {
        match op {
            // Python's tokenizer stops at 200 open brackets (MAXLEVEL); so does tensh.
            "(" | "[" | "{" if self.brackets.len() >= 200 => {
                return Err(self.err(at, "too many nested parentheses"));
            }
            "(" | "[" | "{" => self.brackets.push((op.chars().next().unwrap_or('('), at)),
            ")" | "]" | "}" => {
                let close = op.chars().next().unwrap_or(')');
                let want = match close {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match self.brackets.pop() {
                    None => return Err(self.err(at, format!("unmatched '{}'", close))),
                    Some((open, _)) if open != want => {
                        return Err(self.err(
                            at,
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                close, open
                            ),
                        ))
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn number(&mut self, rest: &'a str, start: usize) -> Result<&'a str, SyntaxError> {
        let bad = |s: &Self| s.err(start, "invalid decimal literal");
        if let Ok((after, (radix, body))) = radix_int(rest) {
            let digits = body.replace('_', "");
            let tok = match i64::from_str_radix(&digits, radix) {
                Ok(v) => Tok::Int(v),
                Err(_) => match num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix) {
                    Some(b) => Tok::BigInt(b.to_string()),
                    None => return Err(self.err(start, "invalid digit in integer literal")),
                },
            };
            self.push(tok, start, self.off(after));
            return Ok(after);
        }
        let (after, text, is_float) = match float_lit(rest) {
            Ok((after, text)) => (after, text, true),
            Err(_) => match digits(rest) {
                Ok((after, text)) => (after, text, false),
                Err(_) => return Err(bad(self)),
            },
        };
        let clean = text.replace('_', "");
        if let Some(rest_j) = after.strip_prefix(['j', 'J']) {
            if rest_j.starts_with(is_name_start) {
                return Err(bad(self));
            }
            let v: f64 = clean.parse().map_err(|_| bad(self))?;
            self.push(Tok::Imag(v), start, self.off(rest_j));
            return Ok(rest_j);
        }
        if after.starts_with(is_name_start) {
            return Err(bad(self));
        }
        let tok = if is_float {
            Tok::Float(clean.parse().map_err(|_| bad(self))?)
        } else if clean.len() > 1 && clean.starts_with('0') && clean.bytes().any(|b| b != b'0') {
            return Err(self.err(
                start,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            ));
        } else {
            match clean.parse::<i64>() {
                Ok(v) => Tok::Int(v),
                Err(_) => Tok::BigInt(clean.trim_start_matches('0').to_string()),
            }
        };
        self.push(tok, start, self.off(after));
        Ok(after)
    }

    fn string(
        &mut self,
        _whole: &'a str,
        body_start: &'a str,
        prefix: &str,
        quote: &str,
        start: usize,
    ) -> Result<&'a str, SyntaxError> {
        let raw = prefix.contains('r');
        let triple = quote.len() == 3;
        let bytes = body_start.as_bytes();
        let q = quote.as_bytes()[0];
        let mut i = 0;
        let end_body;
        loop {
            if i >= bytes.len() {
                let kind = if triple { "triple-quoted " } else { "" };
                // Python names the line where it gave up: the last line of the source.
                let line = self.line_of(self.src.strip_suffix('\n').unwrap_or(self.src).len());
                let msg = format!(
                    "unterminated {}string literal (detected at line {})",
                    kind, line
                );
                let e = self.err(start, msg);
                return Err(if triple { e.incomplete() } else { e });
            }
            let b = bytes[i];
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == b'\n' && !triple {
                let line = self.line_of(start - self.base);
                let msg = format!("unterminated string literal (detected at line {})", line);
                return Err(self.err(start, msg));
            }
            if b == q && (!triple || body_start[i..].starts_with(quote)) {
                end_body = i;
                break;
            }
            i += 1;
        }
        let body = &body_start[..end_body];
        let after = &body_start[end_body + quote.len()..];
        let end = self.off(after);
        let tok = if prefix.contains('b') {
            if !body.is_ascii() {
                return Err(self.err(start, "bytes can only contain ASCII literal characters"));
            }
            if raw {
                Tok::Bytes(body.as_bytes().to_vec())
            } else {
                Tok::Bytes(unescape_bytes(body).map_err(|m| self.err(start, m))?)
            }
        } else if prefix.contains('f') {
            Tok::FStr {
                body: body.to_string(),
                offset: self.off(body_start),
                raw,
            }
        } else if raw {
            Tok::Str(body.to_string())
        } else {
            Tok::Str(unescape_checked(body).map_err(|m| self.err(start, m))?)
        };
        self.push(tok, start, end);
        Ok(after)
    }
}

/// Splits `src` into tokens. `base` is added to every offset (used for f-string fields,
/// which are lexed on their own but must report positions in the whole source).
pub fn tokenize(src: &str, base: usize) -> Result<Vec<Token>, SyntaxError> {
    Lexer {
        src,
        base,
        tokens: Vec::new(),
        indents: vec![0],
        brackets: Vec::new(),
        indent_char: None,
    }
    .run()
}

/// Tokenizes one expression of an f-string field: newlines are not significant there.
pub fn tokenize_fragment(src: &str, base: usize) -> Result<Vec<Token>, SyntaxError> {
    let flat = src.replace('\n', " ");
    let lead = flat.len() - flat.trim_start().len();
    let mut toks: Vec<Token> = tokenize(flat.trim_start(), base + lead)?
        .into_iter()
        .filter(|t| !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::End))
        .collect();
    let end = base + src.len();
    toks.push(Token {
        tok: Tok::End,
        span: Span::new(end, end),
    });
    Ok(toks)
}
