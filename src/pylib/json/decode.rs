//! JSON decoding as CPython's `json.decoder` scans: the same order of checks, so the same
//! `JSONDecodeError` message and position for every malformed document.

use crate::errors::ExcKind;
use crate::eval::error::{Exception, Flow, R};
use crate::eval::value::{Dict, Instance};
use crate::eval::{Interp, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

struct Parser<'a> {
    s: &'a [char],
    doc: &'a str,
}

/// A `json.JSONDecodeError` at char position `pos` of `doc`.
fn decode_error(it: &mut Interp, msg: &str, doc: &str, chars: &[char], pos: usize) -> Flow {
    let before = &chars[..pos.min(chars.len())];
    let lineno = before.iter().filter(|c| **c == '\n').count() + 1;
    let colno = match before.iter().rposition(|c| *c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    let full = format!("{}: line {} column {} (char {})", msg, lineno, colno, pos);
    let class = match it.modules.get("json") {
        Some(Value::Module(m)) => m.get("JSONDecodeError"),
        _ => None,
    };
    let mut e = Exception::new(ExcKind::ValueError, full.clone());
    if let Some(Value::Class(class)) = class {
        let mut dict = HashMap::new();
        dict.insert("args".to_string(), Value::tuple(vec![Value::str(&full)]));
        dict.insert("msg".to_string(), Value::str(msg));
        dict.insert("doc".to_string(), Value::str(doc));
        dict.insert("pos".to_string(), Value::Int(pos as i64));
        dict.insert("lineno".to_string(), Value::Int(lineno as i64));
        dict.insert("colno".to_string(), Value::Int(colno as i64));
        e.value = Some(Value::Instance(Rc::new(Instance {
            class,
            dict: RefCell::new(dict),
            attr_order: RefCell::new(
                ["args", "msg", "doc", "pos", "lineno", "colno"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            ),
            native: RefCell::new(None),
        })));
    }
    Flow::Error(Box::new(e))
}

/// Why a scan stopped: a message at a position, or "no value here" (StopIteration).
enum Stop {
    Msg(String, usize),
    NoValue(usize),
    Other(Flow),
}

type P<T> = Result<T, Stop>;

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Parser<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.s.len() >= i + w.len() && self.s[i..i + w.len()] == w[..]
    }

    fn value(&self, it: &mut Interp, i: usize, depth: usize) -> P<(Value, usize)> {
        if depth > 900 {
            return Err(Stop::Other(crate::eval::error::err(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while decoding a JSON document",
            )));
        }
        let Some(c) = self.at(i) else {
            return Err(Stop::NoValue(i));
        };
        match c {
            '"' => {
                let (s, end) = self.string(i + 1)?;
                Ok((Value::str(&s), end))
            }
            '{' => self.object(it, i + 1, depth),
            '[' => self.array(it, i + 1, depth),
            'n' if self.starts(i, "null") => Ok((Value::None, i + 4)),
            't' if self.starts(i, "true") => Ok((Value::Bool(true), i + 4)),
            'f' if self.starts(i, "false") => Ok((Value::Bool(false), i + 5)),
            'N' if self.starts(i, "NaN") => Ok((Value::Float(f64::NAN), i + 3)),
            'I' if self.starts(i, "Infinity") => Ok((Value::Float(f64::INFINITY), i + 8)),
            '-' if self.starts(i, "-Infinity") => Ok((Value::Float(f64::NEG_INFINITY), i + 9)),
            '-' | '0'..='9' => self.number(i),
            _ => Err(Stop::NoValue(i)),
        }
    }

    fn number(&self, start: usize) -> P<(Value, usize)> {
        let mut i = start;
        if self.at(i) == Some('-') {
            i += 1;
        }
        match self.at(i) {
            Some('0') => i += 1,
            Some('1'..='9') => {
                while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
            }
            _ => return Err(Stop::NoValue(start)),
        }
        let int_end = i;
        let mut is_float = false;
        if self.at(i) == Some('.') && self.at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
            while self.at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            is_float = true;
        }
        if matches!(self.at(i), Some('e' | 'E')) {
            let mut j = i + 1;
            if matches!(self.at(j), Some('+' | '-')) {
                j += 1;
            }
            if self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                while self.at(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                i = j;
                is_float = true;
            }
        }
        let text: String = self.s[start..i].iter().collect();
        if is_float {
            let f: f64 = text.parse().unwrap_or(f64::NAN);
            return Ok((Value::Float(f), i));
        }
        let digits: String = self.s[start..int_end].iter().collect();
        match digits.parse::<i64>() {
            Ok(n) => Ok((Value::Int(n), i)),
            Err(_) => {
                let big: num_bigint::BigInt = digits.parse().unwrap_or_default();
                match crate::pylib::math::ints::int_value(big) {
                    Ok(v) => Ok((v, i)),
                    Err(f) => Err(Stop::Other(f)),
                }
            }
        }
    }

    /// A string body from just after its opening quote; returns the text and the index
    /// after the closing quote.
    fn string(&self, start: usize) -> P<(String, usize)> {
        let begin = start - 1;
        let mut out = String::new();
        let mut i = start;
        loop {
            let Some(c) = self.at(i) else {
                return Err(Stop::Msg("Unterminated string starting at".into(), begin));
            };
            match c {
                '"' => return Ok((out, i + 1)),
                '\\' => {
                    let Some(esc) = self.at(i + 1) else {
                        return Err(Stop::Msg("Unterminated string starting at".into(), begin));
                    };
                    if esc != 'u' {
                        let ch = match esc {
                            '"' => '"',
                            '\\' => '\\',
                            '/' => '/',
                            'b' => '\u{8}',
                            'f' => '\u{c}',
                            'n' => '\n',
                            'r' => '\r',
                            't' => '\t',
                            other => {
                                let _ = other;
                                return Err(Stop::Msg("Invalid \\escape".into(), i));
                            }
                        };
                        out.push(ch);
                        i += 2;
                        continue;
                    }
                    let mut uni = self.hex4(i)?;
                    let mut end = i + 6;
                    if (0xd800..=0xdbff).contains(&uni)
                        && self.at(end) == Some('\\')
                        && self.at(end + 1) == Some('u')
                    {
                        let uni2 = self.hex4(end)?;
                        if (0xdc00..=0xdfff).contains(&uni2) {
                            uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00));
                            end += 6;
                        }
                    }
                    out.push(char::from_u32(uni).unwrap_or('\u{fffd}'));
                    i = end;
                }
                c if (c as u32) < 0x20 => {
                    return Err(Stop::Msg("Invalid control character at".into(), i))
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    /// The four hex digits of a `\u` escape whose backslash is at `pos`.
    fn hex4(&self, pos: usize) -> P<u32> {
        let digits: String = self.s.get(pos + 2..pos + 6).unwrap_or(&[]).iter().collect();
        if digits.len() == 4 && !digits.starts_with(['x', 'X']) && !digits.contains(['x', 'X']) {
            if let Ok(v) = u32::from_str_radix(&digits, 16) {
                return Ok(v);
            }
        }
        Err(Stop::Msg("Invalid \\uXXXX escape".into(), pos + 1))
    }

    fn object(&self, it: &mut Interp, start: usize, depth: usize) -> P<(Value, usize)> {
        let mut d = Dict::default();
        let mut end = start;
        let mut next = self.at(end);
        if next != Some('"') {
            if next.is_some_and(is_ws) {
                end = self.skip_ws(end);
                next = self.at(end);
            }
            if next == Some('}') {
                return Ok((Value::Dict(Rc::new(RefCell::new(d))), end + 1));
            }
            if next != Some('"') {
                return Err(Stop::Msg(
                    "Expecting property name enclosed in double quotes".into(),
                    end,
                ));
            }
        }
        end += 1;
        loop {
            let (key, e) = self.string(end)?;
            end = e;
            if self.at(end) != Some(':') {
                end = self.skip_ws(end);
                if self.at(end) != Some(':') {
                    return Err(Stop::Msg("Expecting ':' delimiter".into(), end));
                }
            }
            end = self.skip_ws(end + 1);
            let (v, e) = match self.value(it, end, depth + 1) {
                Err(Stop::NoValue(p)) => return Err(Stop::Msg("Expecting value".into(), p)),
                r => r?,
            };
            end = e;
            d.insert(Value::str(&key), v).map_err(Stop::Other)?;
            end = self.skip_ws(end);
            let next = self.at(end);
            end += 1;
            if next == Some('}') {
                break;
            }
            if next != Some(',') {
                return Err(Stop::Msg("Expecting ',' delimiter".into(), end - 1));
            }
            end = self.skip_ws(end);
            let next = self.at(end);
            end += 1;
            if next != Some('"') {
                return Err(Stop::Msg(
                    "Expecting property name enclosed in double quotes".into(),
                    end - 1,
                ));
            }
        }
        Ok((Value::Dict(Rc::new(RefCell::new(d))), end))
    }

    fn array(&self, it: &mut Interp, start: usize, depth: usize) -> P<(Value, usize)> {
        let mut items = Vec::new();
        let mut end = self.skip_ws(start);
        if self.at(end) == Some(']') {
            return Ok((Value::list(items), end + 1));
        }
        loop {
            let (v, e) = match self.value(it, end, depth + 1) {
                Err(Stop::NoValue(p)) => return Err(Stop::Msg("Expecting value".into(), p)),
                r => r?,
            };
            items.push(v);
            end = self.skip_ws(e);
            let next = self.at(end);
            end += 1;
            if next == Some(']') {
                break;
            }
            if next != Some(',') {
                return Err(Stop::Msg("Expecting ',' delimiter".into(), end - 1));
            }
            end = self.skip_ws(end);
        }
        Ok((Value::list(items), end))
    }
}

/// Parses a whole JSON document.
pub(crate) fn parse(it: &mut Interp, doc: &str) -> R<Value> {
    let chars: Vec<char> = doc.chars().collect();
    let p = Parser { s: &chars, doc };
    let start = p.skip_ws(0);
    let r = match p.value(it, start, 0) {
        Ok((v, end)) => {
            let end = p.skip_ws(end);
            if end != chars.len() {
                Err(Stop::Msg("Extra data".into(), end))
            } else {
                Ok(v)
            }
        }
        Err(Stop::NoValue(pos)) => Err(Stop::Msg("Expecting value".into(), pos)),
        Err(e) => Err(e),
    };
    match r {
        Ok(v) => Ok(v),
        Err(Stop::Msg(m, pos)) => Err(decode_error(it, &m, p.doc, &chars, pos)),
        Err(Stop::NoValue(pos)) => Err(decode_error(it, "Expecting value", p.doc, &chars, pos)),
        Err(Stop::Other(f)) => Err(f),
    }
}
