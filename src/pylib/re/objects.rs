//! `re.Pattern` and `re.Match`: searching, iterating matches with CPython's empty-match
//! rule, `sub` templates, `split` and `findall` group semantics.

use super::translate;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::iter::iter_value_named;
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::{int_arg, method};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A compiled pattern.
#[derive(Clone)]
pub struct Pattern {
    pub source: String,
    pub flags: i64,
    pub re: regex::Regex,
    /// The pattern anchored at the end, for `fullmatch`.
    pub full: Option<regex::Regex>,
}

/// `re.compile(pattern, flags)` as a value.
pub(crate) fn compile_value(it: &mut Interp, pattern: &Value, flags: &Value) -> R<Value> {
    if pattern.as_object::<Pattern>().is_some() && super::flag_int(flags) == Some(0) {
        return Ok(pattern.clone());
    }
    Ok(Value::Object(super::compile(it, pattern, flags)?))
}

/// Character index → byte offset in `s` (clamped to the end).
fn byte_at(s: &str, chars: usize) -> usize {
    if s.is_ascii() {
        return chars.min(s.len());
    }
    s.char_indices().nth(chars).map_or(s.len(), |(b, _)| b)
}

/// Byte offset → character index in `s`.
fn char_at(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

type Spans = Vec<Option<(usize, usize)>>;

impl Pattern {
    fn groups(&self) -> usize {
        self.re.captures_len() - 1
    }

    fn group_index(&self, name: &str) -> Option<usize> {
        self.re.capture_names().position(|n| n == Some(name))
    }

    /// The capture spans (bytes) of the leftmost match at or after `start`.
    fn find(&self, re: &regex::Regex, hay: &str, start: usize) -> Option<Spans> {
        let caps = re.captures_at(hay, start)?;
        Some(
            (0..caps.len())
                .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
                .collect(),
        )
    }

    /// Every match from `start`, as `sre` walks them: an empty match may follow a
    /// non-empty one, but not another empty match at the same place.
    fn find_all(&self, it: &mut Interp, hay: &str, start: usize, limit: usize) -> R<Vec<Spans>> {
        let mut out = Vec::new();
        let mut pos = start;
        let mut must_advance = false;
        while pos <= hay.len() && out.len() < limit {
            if out.len() & 0xfff == 0xfff {
                it.check_interrupt()?;
            }
            let Some(spans) = self.find(&self.re, hay, pos) else {
                break;
            };
            let (s, e) = spans[0].unwrap_or((pos, pos));
            if must_advance && s == e && s == pos {
                match hay[pos..].chars().next() {
                    Some(c) => pos += c.len_utf8(),
                    None => break,
                }
                must_advance = false;
                continue;
            }
            must_advance = s == e;
            pos = e;
            out.push(spans);
        }
        Ok(out)
    }
}

/// The subject and bounds a search method was given.
struct Subject {
    text: Rc<str>,
    /// The text up to `endpos`, as a byte length.
    end: usize,
    start: usize,
    pos: usize,
    endpos: usize,
}

fn subject(string: &Value, pos: Option<Value>, endpos: Option<Value>) -> R<Subject> {
    let Value::Str(text) = string else {
        return Err(type_err(format!(
            "expected string or bytes-like object, got '{}'",
            string.type_name()
        )));
    };
    let n = text.chars().count();
    let clamp = |v: Option<Value>, d: usize| -> R<usize> {
        Ok(match v {
            None => d,
            Some(v) => {
                let i = int_arg(&v)?;
                if i < 0 {
                    (n as i64 + i).max(0) as usize
                } else {
                    (i as usize).min(n)
                }
            }
        })
    };
    let pos = clamp(pos, 0)?;
    let endpos = clamp(endpos, n)?.max(pos);
    Ok(Subject {
        start: byte_at(text, pos),
        end: byte_at(text, endpos),
        text: text.clone(),
        pos,
        endpos,
    })
}

/// A match: spans in characters of the subject.
pub struct Match {
    pattern: Rc<Pattern>,
    pattern_value: Value,
    text: Rc<str>,
    spans: Spans,
    pos: usize,
    endpos: usize,
}

fn make_match(pv: &Value, p: &Rc<Pattern>, sub: &Subject, spans: Spans) -> Value {
    let text = &sub.text;
    let spans = spans
        .into_iter()
        .map(|s| s.map(|(a, b)| (char_at(text, a), char_at(text, b))))
        .collect();
    Value::Object(Rc::new(Match {
        pattern: p.clone(),
        pattern_value: pv.clone(),
        text: text.clone(),
        spans,
        pos: sub.pos,
        endpos: sub.endpos,
    }))
}

impl Match {
    fn slice(&self, i: usize) -> Value {
        match self.spans[i] {
            Some((a, b)) => Value::str(&self.text.chars().skip(a).take(b - a).collect::<String>()),
            None => Value::None,
        }
    }

    /// A group given by number or name.
    fn index(&self, it: &mut Interp, g: &Value) -> R<usize> {
        let i = match g {
            Value::Int(i) if *i >= 0 && (*i as usize) < self.spans.len() => Some(*i as usize),
            Value::Bool(b) => Some(*b as usize),
            Value::Str(s) => self.pattern.group_index(s),
            _ => None,
        };
        let _ = it;
        match i {
            Some(i) => Ok(i),
            None => raise(ExcKind::IndexError, "no such group"),
        }
    }

    fn lastindex(&self) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (i, s) in self.spans.iter().enumerate().skip(1) {
            if let Some((_, e)) = s {
                if best.is_none_or(|(_, be)| *e > be) {
                    best = Some((i, *e));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

const MATCH_METHODS: &[&str] = &[
    "group",
    "groups",
    "groupdict",
    "start",
    "end",
    "span",
    "expand",
    "__getitem__",
];

impl Object for Match {
    fn type_name(&self) -> String {
        "re.Match".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "string" => Some(Value::Str(self.text.clone())),
            "__class__" => it
                .get_attr(
                    &it.modules.get("re").cloned().unwrap_or(Value::None),
                    "Match",
                )
                .ok(),
            "re" => Some(self.pattern_value.clone()),
            "pos" => Some(Value::Int(self.pos as i64)),
            "endpos" => Some(Value::Int(self.endpos as i64)),
            "lastindex" => Some(
                self.lastindex()
                    .map_or(Value::None, |i| Value::Int(i as i64)),
            ),
            "lastgroup" => Some(
                self.lastindex()
                    .and_then(|i| self.pattern.re.capture_names().nth(i).flatten())
                    .map_or(Value::None, Value::str),
            ),
            "regs" => Some(Value::tuple(
                self.spans
                    .iter()
                    .map(|s| {
                        let (a, b) = s.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
                        Value::tuple(vec![Value::Int(a), Value::Int(b)])
                    })
                    .collect(),
            )),
            _ => method(this, name, MATCH_METHODS, match_method),
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let (a, b) = self.spans[0].unwrap_or((0, 0));
        Ok(format!(
            "<re.Match object; span=({}, {}), match={}>",
            a,
            b,
            it.repr(&self.slice(0))?
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn match_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Some(m) = this.as_object::<Match>() else {
        return Ok(Value::None);
    };
    match name {
        "group" | "__getitem__" => {
            if args.pos.is_empty() {
                return Ok(m.slice(0));
            }
            let mut out = Vec::new();
            for g in &args.pos {
                let i = m.index(it, g)?;
                out.push(m.slice(i));
            }
            Ok(if out.len() == 1 {
                out.remove(0)
            } else {
                Value::tuple(out)
            })
        }
        "groups" => {
            let [default] = args.bind("groups", ["default=None"])?;
            let d = default.unwrap_or(Value::None);
            Ok(Value::tuple(
                (1..m.spans.len())
                    .map(|i| match m.slice(i) {
                        Value::None => d.clone(),
                        v => v,
                    })
                    .collect(),
            ))
        }
        "groupdict" => {
            let [default] = args.bind("groupdict", ["default=None"])?;
            let d = default.unwrap_or(Value::None);
            let mut out = Dict::default();
            for (i, n) in m.pattern.re.capture_names().enumerate() {
                if let Some(n) = n {
                    let v = match m.slice(i) {
                        Value::None => d.clone(),
                        v => v,
                    };
                    out.insert(Value::str(n), v)?;
                }
            }
            Ok(Value::Dict(Rc::new(RefCell::new(out))))
        }
        "start" | "end" | "span" => {
            let g = args.pos.first().cloned().unwrap_or(Value::Int(0));
            let i = m.index(it, &g)?;
            let (a, b) = m.spans[i].map_or((-1, -1), |(a, b)| (a as i64, b as i64));
            Ok(match name {
                "start" => Value::Int(a),
                "end" => Value::Int(b),
                _ => Value::tuple(vec![Value::Int(a), Value::Int(b)]),
            })
        }
        _ => {
            let t = args.pos.first().cloned().unwrap_or(Value::None);
            let Value::Str(t) = t else {
                return Err(type_err("expected str instance"));
            };
            let parts = parse_template(it, &m.pattern, &t)?;
            Ok(Value::str(&expand(m, &parts)))
        }
    }
}

/// One piece of a replacement template.
enum Piece {
    Text(String),
    Group(usize),
}

/// Parses a `sub` template: `\1`, `\g<1>`, `\g<name>`, escapes.
fn parse_template(it: &mut Interp, p: &Pattern, t: &str) -> R<Vec<Piece>> {
    let chars: Vec<char> = t.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let bad_ref = |it: &mut Interp, what: String, at: usize| {
        Err(super::re_error(
            it,
            &format!("invalid group reference {} at position {}", what, at),
        ))
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' {
            text.push(c);
            i += 1;
            continue;
        }
        let Some(&n) = chars.get(i + 1) else {
            return Err(super::re_error(
                it,
                &format!("bad escape (end of pattern) at position {}", i),
            ));
        };
        match n {
            'g' => {
                let close = chars[i..].iter().position(|&c| c == '>');
                if chars.get(i + 2) != Some(&'<') || close.is_none() {
                    return Err(super::re_error(
                        it,
                        &format!("missing < at position {}", i + 2),
                    ));
                }
                let close = i + close.unwrap_or(0);
                let name: String = chars[i + 3..close].iter().collect();
                let g = match name.parse::<usize>() {
                    Ok(g) if g <= p.groups() => g,
                    Ok(_) => return bad_ref(it, name, i + 3),
                    Err(_) => match p.group_index(&name) {
                        Some(g) => g,
                        None => {
                            return raise(
                                ExcKind::IndexError,
                                format!("unknown group name '{}'", name),
                            )
                        }
                    },
                };
                out.push(Piece::Text(std::mem::take(&mut text)));
                out.push(Piece::Group(g));
                i = close + 1;
            }
            '0'..='9' => {
                let mut j = i + 1;
                let mut num = String::new();
                while j < chars.len() && chars[j].is_ascii_digit() && num.len() < 2 {
                    num.push(chars[j]);
                    j += 1;
                }
                let g: usize = num.parse().unwrap_or(0);
                if n == '0' || g > p.groups() {
                    if n == '0' {
                        text.push('\0');
                        i += 2;
                        continue;
                    }
                    return bad_ref(it, num, i + 1);
                }
                out.push(Piece::Text(std::mem::take(&mut text)));
                out.push(Piece::Group(g));
                i = j;
            }
            'n' => {
                text.push('\n');
                i += 2;
            }
            't' => {
                text.push('\t');
                i += 2;
            }
            'r' => {
                text.push('\r');
                i += 2;
            }
            'f' => {
                text.push('\x0c');
                i += 2;
            }
            'v' => {
                text.push('\x0b');
                i += 2;
            }
            'a' => {
                text.push('\x07');
                i += 2;
            }
            'b' => {
                text.push('\x08');
                i += 2;
            }
            '\\' => {
                text.push('\\');
                i += 2;
            }
            c if c.is_ascii_alphabetic() => {
                return Err(super::re_error(
                    it,
                    &format!("bad escape \\{} at position {}", c, i),
                ))
            }
            c => {
                text.push('\\');
                text.push(c);
                i += 2;
            }
        }
    }
    out.push(Piece::Text(text));
    Ok(out)
}

fn expand(m: &Match, parts: &[Piece]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            Piece::Text(t) => s.push_str(t),
            Piece::Group(g) => {
                if let Value::Str(v) = m.slice(*g) {
                    s.push_str(&v);
                }
            }
        }
    }
    s
}

const PATTERN_METHODS: &[&str] = &[
    "match",
    "search",
    "fullmatch",
    "findall",
    "finditer",
    "sub",
    "subn",
    "split",
];

impl Object for Pattern {
    fn type_name(&self) -> String {
        "re.Pattern".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "pattern" => Some(Value::str(&self.source)),
            "__class__" => it
                .get_attr(
                    &it.modules.get("re").cloned().unwrap_or(Value::None),
                    "Pattern",
                )
                .ok(),
            "flags" => Some(Value::Int(self.flags)),
            "groups" => Some(Value::Int(self.groups() as i64)),
            "groupindex" => {
                let mut d = Dict::default();
                for (i, n) in self.re.capture_names().enumerate() {
                    if let Some(n) = n {
                        d.insert(Value::str(n), Value::Int(i as i64))?;
                    }
                }
                Some(Value::Dict(Rc::new(RefCell::new(d))))
            }
            _ => method(this, name, PATTERN_METHODS, pattern_method),
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let src = it.repr(&Value::str(&self.source))?;
        let shown = super::flag_names(self.flags & !translate::UNICODE);
        Ok(if shown.is_empty() {
            format!("re.compile({})", src)
        } else {
            format!("re.compile({}, {})", src, shown.join("|"))
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The methods of a compiled pattern (and, through them, the module's functions).
pub(crate) fn pattern_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Some(p) = this.as_object::<Pattern>() else {
        return Ok(Value::None);
    };
    let p = Rc::new(p.clone());
    match name {
        "match" | "search" | "fullmatch" | "findall" | "finditer" => {
            let [string, pos, endpos] = args.bind(name, ["string", "pos=0", "endpos=None"])?;
            let sub = subject(&string.unwrap_or(Value::None), pos, endpos)?;
            let hay = &sub.text[..sub.end];
            if name == "findall" || name == "finditer" {
                let all = p.find_all(it, hay, sub.start, usize::MAX)?;
                if name == "finditer" {
                    let ms = all
                        .into_iter()
                        .map(|s| make_match(this, &p, &sub, s))
                        .collect();
                    return Ok(iter_value_named(ms, "callable_iterator"));
                }
                let g = p.groups();
                let out = all
                    .into_iter()
                    .map(|s| {
                        let text = |i: usize| Value::str(s[i].map_or("", |(a, b)| &hay[a..b]));
                        match g {
                            0 => text(0),
                            1 => text(1),
                            _ => Value::tuple((1..=g).map(text).collect()),
                        }
                    })
                    .collect();
                return Ok(Value::list(out));
            }
            let re = if name == "fullmatch" {
                p.full.as_ref().unwrap_or(&p.re)
            } else {
                &p.re
            };
            let found = p
                .find(re, hay, sub.start)
                .filter(|s| name == "search" || s[0].is_some_and(|(a, _)| a == sub.start));
            Ok(match found {
                Some(s) => make_match(this, &p, &sub, s),
                None => Value::None,
            })
        }
        "sub" | "subn" => {
            let [repl, string, count] = args.bind(name, ["repl", "string", "count=0"])?;
            let repl = repl.unwrap_or(Value::None);
            let count = match count {
                Some(c) => int_arg(&c)?,
                None => 0,
            };
            let sub = subject(&string.unwrap_or(Value::None), None, None)?;
            let limit = if count <= 0 {
                usize::MAX
            } else {
                count as usize
            };
            let template = match &repl {
                Value::Str(t) => Some(parse_template(it, &p, t)?),
                _ => None,
            };
            let all = p.find_all(it, &sub.text, 0, limit)?;
            let n = all.len();
            let mut out = String::new();
            let mut last = 0;
            for spans in all {
                let (a, b) = spans[0].unwrap_or((last, last));
                out.push_str(&sub.text[last..a]);
                let m = make_match(this, &p, &sub, spans);
                match &template {
                    Some(parts) => {
                        if let Some(mm) = m.as_object::<Match>() {
                            out.push_str(&expand(mm, parts));
                        }
                    }
                    None => match it.call(&repl, Args::new(vec![m]))? {
                        Value::Str(s) => out.push_str(&s),
                        other => {
                            return Err(type_err(format!(
                                "expected str instance, {} found",
                                other.type_name()
                            )))
                        }
                    },
                }
                last = b;
            }
            out.push_str(&sub.text[last..]);
            let s = Value::str(&out);
            Ok(if name == "subn" {
                Value::tuple(vec![s, Value::Int(n as i64)])
            } else {
                s
            })
        }
        _ => {
            let [string, maxsplit] = args.bind("split", ["string", "maxsplit=0"])?;
            let maxsplit = match maxsplit {
                Some(c) => int_arg(&c)?,
                None => 0,
            };
            let sub = subject(&string.unwrap_or(Value::None), None, None)?;
            let limit = if maxsplit <= 0 {
                usize::MAX
            } else {
                maxsplit as usize
            };
            let all = p.find_all(it, &sub.text, 0, limit)?;
            let mut out = Vec::new();
            let mut last = 0;
            for spans in all {
                let (a, b) = spans[0].unwrap_or((last, last));
                out.push(Value::str(&sub.text[last..a]));
                for g in spans.iter().skip(1) {
                    out.push(g.map_or(Value::None, |(x, y)| Value::str(&sub.text[x..y])));
                }
                last = b;
            }
            out.push(Value::str(&sub.text[last..]));
            Ok(Value::list(out))
        }
    }
}
