//! The `str` methods that take positions, tables or fill characters, with CPython's
//! argument checks: `find`/`rfind`/`index`/`rindex`/`count` and `startswith`/`endswith`
//! with start and end, `format_map`, `partition`, `expandtabs`, `translate` and
//! `str.maketrans`, `center`/`ljust`/`rjust`, `splitlines(keepends)`, `removeprefix`,
//! `removesuffix`, `casefold`, and the `is*` predicates `str_methods.rs` leaves out.

use super::error::{raise, type_err, value_err, R};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

/// Methods that take no arguments: a call with some is CPython's TypeError.
const NO_ARGS: &[&str] = &[
    "upper",
    "lower",
    "casefold",
    "swapcase",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isspace",
    "isalnum",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "istitle",
    "isascii",
    "isprintable",
];

fn need_str(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!("must be str, not {}", other.type_name()))),
    }
}

/// A start/end argument: an int or None, clipped to the string as slices are.
fn bound(v: Option<&Value>, len: usize, default: usize) -> R<usize> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(i)) => {
            let n = len as i64;
            let j = if *i < 0 { (*i + n).max(0) } else { (*i).min(n) };
            Ok(j as usize)
        }
        Some(Value::Bool(b)) => Ok((*b as usize).min(len)),
        Some(_) => Err(type_err(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// The char positions `[start, end)` of `a.pos[from..]`, as char indices.
fn window(a: &Args, from: usize, len: usize) -> R<(usize, usize)> {
    Ok((
        bound(a.pos.get(from), len, 0)?,
        bound(a.pos.get(from + 1), len, len)?,
    ))
}

fn byte_at(s: &str, ci: usize) -> usize {
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}

fn char_index(s: &str, b: usize) -> usize {
    s[..b].chars().count()
}

fn fill_char(a: &Args, i: usize) -> R<char> {
    match a.pos.get(i) {
        None => Ok(' '),
        Some(Value::Str(f)) => {
            let mut c = f.chars();
            match (c.next(), c.next()) {
                (Some(ch), None) => Ok(ch),
                _ => Err(type_err(
                    "The fill character must be exactly one character long",
                )),
            }
        }
        Some(other) => Err(type_err(format!(
            "The fill character must be a unicode character, not {}",
            other.type_name()
        ))),
    }
}

/// A padding width (`center`, `ljust`, `rjust`); a width over the memory budget is
/// CPython's MemoryError before anything is made.
fn width(a: &Args) -> R<usize> {
    match a.pos.first() {
        Some(Value::Int(w)) => {
            let w = (*w).max(0) as usize;
            super::budget::bytes(w)?;
            Ok(w)
        }
        Some(Value::BigInt(_)) => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
        Some(Value::Bool(b)) => Ok(*b as usize),
        Some(other) => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(type_err("expected at least 1 argument, got 0")),
    }
}

/// The methods handled here; None for the others.
pub fn str_method_more(it: &mut Interp, s: &str, name: &str, a: &Args) -> R<Option<Value>> {
    if NO_ARGS.contains(&name) && (!a.pos.is_empty() || !a.kw.is_empty()) {
        return Err(type_err(format!(
            "str.{}() takes no arguments ({} given)",
            name,
            a.pos.len() + a.kw.len()
        )));
    }
    let n = s.chars().count();
    Ok(Some(match name {
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let [sub, _, _] = a.bind(name, ["sub", "start=None", "end=None"])?;
            let sub = need_str(&sub.unwrap_or(Value::None))?;
            let (st, en) = window(a, 1, n)?;
            let past_end = matches!(a.pos.get(1), Some(Value::Int(i)) if *i > n as i64);
            if st > en || (sub.is_empty() && past_end) {
                return Ok(Some(match name {
                    "count" => Value::Int(0),
                    "index" | "rindex" => return raise(ExcKind::ValueError, "substring not found"),
                    _ => Value::Int(-1),
                }));
            }
            let (bs, be) = (byte_at(s, st), byte_at(s, en));
            let hay = &s[bs..be];
            if name == "count" {
                let c = if sub.is_empty() {
                    hay.chars().count() + 1
                } else {
                    hay.matches(sub.as_str()).count()
                };
                return Ok(Some(Value::Int(c as i64)));
            }
            let found = if name.starts_with('r') {
                hay.rfind(sub.as_str())
            } else {
                hay.find(sub.as_str())
            };
            match found {
                Some(b) => Value::Int((st + char_index(hay, b)) as i64),
                None if name.ends_with("index") => {
                    return raise(ExcKind::ValueError, "substring not found")
                }
                None => Value::Int(-1),
            }
        }
        "startswith" | "endswith" => {
            let [prefix, _, _] = a.bind(name, ["prefix", "start=None", "end=None"])?;
            let (st, en) = window(a, 1, n)?;
            let prefix = prefix.unwrap_or(Value::None);
            let cands: Vec<Value> = match &prefix {
                Value::Tuple(t) => t.as_ref().clone(),
                Value::Str(_) => vec![prefix.clone()],
                other => {
                    return Err(type_err(format!(
                        "{} first arg must be str or a tuple of str, not {}",
                        name,
                        other.type_name()
                    )))
                }
            };
            if st > en {
                return Ok(Some(Value::Bool(false)));
            }
            let hay = &s[byte_at(s, st)..byte_at(s, en)];
            let mut hit = false;
            for c in cands {
                let c = match c {
                    Value::Str(c) => c,
                    other => {
                        return Err(type_err(format!(
                            "tuple for {} must only contain str, not {}",
                            name,
                            other.type_name()
                        )))
                    }
                };
                hit |= if name == "startswith" {
                    hay.starts_with(c.as_ref())
                } else {
                    hay.ends_with(c.as_ref())
                };
            }
            Value::Bool(hit)
        }
        "split" | "rsplit" => {
            let max = a
                .pos
                .get(1)
                .or_else(|| a.kw.iter().find(|(k, _)| k == "maxsplit").map(|(_, v)| v));
            match max {
                Some(Value::Int(_) | Value::Bool(_)) | None => return Ok(None),
                Some(other) => {
                    return Err(type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )))
                }
            }
        }
        "format_map" => {
            let [m] = a.bind("format_map", ["mapping"])?;
            let m = m.unwrap_or(Value::None);
            let Value::Dict(d) = &m else {
                return Err(type_err(format!(
                    "'{}' object is not subscriptable",
                    m.type_name()
                )));
            };
            let d = d.borrow().clone();
            let mut kw = Vec::new();
            for (k, v) in d.keys.iter().zip(&d.values) {
                if let Value::Str(k) = k {
                    kw.push((k.to_string(), v.clone()));
                }
            }
            Value::str(&it.str_format(s, &Args { pos: vec![], kw })?)
        }
        "partition" | "rpartition" => {
            let [sep] = a.bind(name, ["sep"])?;
            let sep = need_str(&sep.unwrap_or(Value::None))?;
            if sep.is_empty() {
                return Err(value_err("empty separator"));
            }
            let found = if name == "partition" {
                s.find(sep.as_str())
            } else {
                s.rfind(sep.as_str())
            };
            let parts = match found {
                Some(b) => [&s[..b], sep.as_str(), &s[b + sep.len()..]],
                None if name == "partition" => [s, "", ""],
                None => ["", "", s],
            };
            Value::tuple(parts.iter().map(|p| Value::str(p)).collect())
        }
        "expandtabs" => {
            let [t] = a.bind("expandtabs", ["tabsize=8"])?;
            let size = match t {
                None => 8,
                // CPython reads the tab size as a C int.
                Some(Value::Int(i)) if i32::try_from(i).is_ok() => i,
                Some(Value::Int(_) | Value::BigInt(_)) => {
                    return raise(
                        ExcKind::OverflowError,
                        "Python int too large to convert to C int",
                    )
                }
                Some(other) => {
                    return Err(type_err(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )))
                }
            };
            // The result is at most the tab size per tab, plus the text.
            let tabs = s.bytes().filter(|&b| b == b'\t').count();
            super::budget::check(tabs.saturating_mul(size.max(0) as usize), 1)?;
            let mut out = String::new();
            let mut col = 0i64;
            for c in s.chars() {
                match c {
                    '\t' => {
                        if size > 0 {
                            let pad = size - col % size;
                            out.extend(std::iter::repeat_n(' ', pad as usize));
                            col += pad;
                        }
                    }
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            Value::str(&out)
        }
        "translate" => {
            let [table] = a.bind("translate", ["table"])?;
            let table = table.unwrap_or(Value::None);
            let mut out = String::new();
            for c in s.chars() {
                let got = match &table {
                    Value::Dict(d) => d.borrow().get(&Value::Int(c as i64))?,
                    _ => match it.get_item(&table, &Value::Int(c as i64)) {
                        Ok(v) => Some(v),
                        Err(super::Flow::Error(e)) if e.is(ExcKind::LookupError) => None,
                        Err(e) => return Err(e),
                    },
                };
                match got {
                    None => out.push(c),
                    Some(Value::None) => {}
                    Some(Value::Str(r)) => out.push_str(&r),
                    Some(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => {
                            return Err(value_err("character mapping must be in range(0x110000)"))
                        }
                    },
                    Some(_) => {
                        return Err(type_err(
                            "character mapping must return integer, None or str",
                        ))
                    }
                }
            }
            Value::str(&out)
        }
        "center" | "ljust" | "rjust" => {
            if a.pos.is_empty() || a.pos.len() > 2 {
                return Err(type_err(format!(
                    "{} expected {} arguments, got {}",
                    name,
                    if a.pos.is_empty() {
                        "at least 1"
                    } else {
                        "at most 2"
                    },
                    a.pos.len()
                )));
            }
            let w = width(a)?;
            let f = fill_char(a, 1)?;
            if w <= n {
                return Ok(Some(Value::str(s)));
            }
            let pad = w - n;
            let (left, right) = match name {
                "ljust" => (0, pad),
                "rjust" => (pad, 0),
                // CPython's centering puts the odd space on the left when the width is odd.
                _ => {
                    let left = pad / 2 + (pad & w & 1);
                    (left, pad - left)
                }
            };
            let mut out = String::new();
            out.extend(std::iter::repeat_n(f, left));
            out.push_str(s);
            out.extend(std::iter::repeat_n(f, right));
            Value::str(&out)
        }
        "splitlines" => {
            let [keep] = a.bind("splitlines", ["keepends=False"])?;
            let keep = it.flag(keep, false)?;
            let mut out = Vec::new();
            let chars: Vec<char> = s.chars().collect();
            let mut start = 0;
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let is_break = matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                );
                if is_break {
                    let mut end = i + 1;
                    if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                        end += 1;
                    }
                    let stop = if keep { end } else { i };
                    out.push(Value::str(&chars[start..stop].iter().collect::<String>()));
                    start = end;
                    i = end;
                } else {
                    i += 1;
                }
            }
            if start < chars.len() {
                out.push(Value::str(&chars[start..].iter().collect::<String>()));
            }
            Value::list(out)
        }
        "removeprefix" | "removesuffix" => {
            let [x] = a.bind(name, ["prefix"])?;
            let x = need_str(&x.unwrap_or(Value::None))?;
            let r = if name == "removeprefix" {
                s.strip_prefix(x.as_str())
            } else {
                s.strip_suffix(x.as_str())
            };
            Value::str(r.unwrap_or(s))
        }
        "casefold" => Value::str(&s.to_lowercase().replace('ß', "ss")),
        "isnumeric" => Value::Bool(!s.is_empty() && s.chars().all(char::is_numeric)),
        "istitle" => {
            let mut cased = false;
            let mut prev_cased = false;
            let mut ok = true;
            for c in s.chars() {
                if c.is_uppercase() {
                    ok &= !prev_cased;
                    prev_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    ok &= prev_cased;
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            Value::Bool(ok && cased)
        }
        "isascii" => Value::Bool(s.is_ascii()),
        "isprintable" => Value::Bool(s.chars().all(|c| !c.is_control() && c != '\u{ad}')),
        _ => return Ok(None),
    }))
}

/// `str.maketrans(x[, y[, z]])`.
pub fn maketrans(it: &mut Interp, a: Args) -> R<Value> {
    let mut d = Dict::default();
    match a.pos.as_slice() {
        [Value::Dict(m)] => {
            let m = m.borrow().clone();
            for (k, v) in m.keys.iter().zip(&m.values) {
                let k = match k {
                    Value::Str(s) if s.chars().count() == 1 => {
                        Value::Int(s.chars().next().map_or(0, |c| c as i64))
                    }
                    Value::Int(_) => k.clone(),
                    Value::Str(_) => {
                        return Err(value_err(
                            "string keys in translate table must be of length 1",
                        ))
                    }
                    other => {
                        return Err(type_err(format!(
                            "keys in translate table must be strings or integers, not {}",
                            other.type_name()
                        )))
                    }
                };
                d.insert(k, v.clone())?;
            }
        }
        [_] => {
            return Err(type_err(
                "if you give only one argument to maketrans it must be a dict",
            ))
        }
        [x, y, rest @ ..] if rest.len() <= 1 => {
            let (x, y) = (need_str(x)?, need_str(y)?);
            if x.chars().count() != y.chars().count() {
                return Err(value_err(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (a, b) in x.chars().zip(y.chars()) {
                d.insert(Value::Int(a as i64), Value::Int(b as i64))?;
            }
            if let Some(z) = rest.first() {
                for c in need_str(z)?.chars() {
                    d.insert(Value::Int(c as i64), Value::None)?;
                }
            }
        }
        _ => {
            return Err(type_err(format!(
                "maketrans() takes at most 3 arguments ({} given)",
                a.pos.len()
            )))
        }
    }
    let _ = it;
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}
