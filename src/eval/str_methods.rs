//! The methods of Python's `str` (split, join, replace, format, strip, ...).

use super::error::{raise, type_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;

/// The methods of `str`, by family.
pub fn str_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let Value::Str(s) = recv else {
        return Ok(Value::None);
    };
    let s: &str = s;
    if name == "format" {
        return Ok(Value::str(&it.str_format(s, &a)?));
    }
    if let Some(v) = super::str_more::str_method_more(it, s, name, &a)? {
        return Ok(v);
    }
    let v = if let Some(v) = case(s, name) {
        v
    } else if let Some(v) = layout(s, name, &a)? {
        v
    } else if let Some(v) = split_join(it, s, name, &a)? {
        v
    } else if let Some(v) = search(s, name, &a)? {
        v
    } else if let Some(v) = predicate(s, name) {
        v
    } else {
        return raise(
            ExcKind::AttributeError,
            format!("'str' object has no attribute '{}'", name),
        );
    };
    Ok(v)
}

/// The `i`th positional argument if it is a str.
fn arg_str(a: &Args, i: usize) -> Option<String> {
    match a.pos.get(i) {
        Some(Value::Str(x)) => Some(x.to_string()),
        _ => None,
    }
}

/// Case changes: `upper`, `lower`, `swapcase`, `title`, `capitalize`.
fn case(s: &str, name: &'static str) -> Option<Value> {
    Some(match name {
        "upper" => Value::str(&s.to_uppercase()),
        "lower" | "casefold" => Value::str(&s.to_lowercase()),
        "swapcase" => Value::str(
            &s.chars()
                .map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().to_string()
                    } else {
                        c.to_uppercase().to_string()
                    }
                })
                .collect::<String>(),
        ),
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in s.chars() {
                if prev_alpha {
                    out.extend(c.to_lowercase());
                } else {
                    out.extend(c.to_uppercase());
                }
                prev_alpha = c.is_alphabetic();
            }
            Value::str(&out)
        }
        "capitalize" => {
            let mut c = s.chars();
            Value::str(&match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
                None => String::new(),
            })
        }
        _ => return None,
    })
}

/// Stripping and zero padding: `strip`, `lstrip`, `rstrip`, `zfill` (`str_more.rs` pads
/// with `center`, `ljust`, `rjust` and expands tabs).
fn layout(s: &str, name: &'static str, a: &Args) -> R<Option<Value>> {
    let chars_arg = arg_str(a, 0);
    Ok(Some(match name {
        "strip" | "lstrip" | "rstrip" => {
            let set: Vec<char> = chars_arg.map(|c| c.chars().collect()).unwrap_or_default();
            let pred = |c: char| {
                if set.is_empty() {
                    c.is_whitespace()
                } else {
                    set.contains(&c)
                }
            };
            Value::str(match name {
                "strip" => s.trim_matches(pred),
                "lstrip" => s.trim_start_matches(pred),
                _ => s.trim_end_matches(pred),
            })
        }
        "zfill" => {
            let width = match a.pos.first() {
                Some(Value::Int(w)) => (*w).max(0) as usize,
                _ => 0,
            };
            super::budget::bytes(width)?;
            let n = s.chars().count();
            if width <= n {
                Value::str(s)
            } else {
                let (sign, body) = if s.starts_with(['-', '+']) {
                    s.split_at(1)
                } else {
                    ("", s)
                };
                Value::str(&format!("{}{}{}", sign, "0".repeat(width - n), body))
            }
        }
        _ => return Ok(None),
    }))
}

/// Splitting, joining and replacing: `split`, `splitlines`, `join`, `partition`, `replace`.
fn split_join(it: &mut Interp, s: &str, name: &'static str, a: &Args) -> R<Option<Value>> {
    Ok(Some(match name {
        "split" | "rsplit" => {
            let [sep, maxsplit] = a.bind(name, ["sep=None", "maxsplit=-1"])?;
            let max = match maxsplit {
                Some(Value::Int(m)) if m >= 0 => Some(m as usize),
                _ => None,
            };
            let parts: Vec<String> = match sep {
                Some(Value::Str(sep)) => {
                    if sep.is_empty() {
                        return raise(ExcKind::ValueError, "empty separator");
                    }
                    match (max, name) {
                        (Some(m), "split") => {
                            s.splitn(m + 1, sep.as_ref()).map(String::from).collect()
                        }
                        (Some(m), _) => {
                            let mut v: Vec<String> =
                                s.rsplitn(m + 1, sep.as_ref()).map(String::from).collect();
                            v.reverse();
                            v
                        }
                        (None, _) => s.split(sep.as_ref()).map(String::from).collect(),
                    }
                }
                _ => {
                    let words: Vec<&str> = s.split_whitespace().collect();
                    match max {
                        Some(m) if m < words.len() && name == "split" => {
                            let mut v: Vec<String> =
                                words[..m].iter().map(|w| w.to_string()).collect();
                            let mut rest = s.trim_start();
                            for _ in 0..m {
                                rest = rest.trim_start();
                                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                                rest = &rest[end..];
                            }
                            v.push(rest.trim_start().to_string());
                            v
                        }
                        _ => words.iter().map(|w| w.to_string()).collect(),
                    }
                }
            };
            Value::list(parts.iter().map(|p| Value::str(p)).collect())
        }
        "splitlines" => Value::list(s.lines().map(Value::str).collect()),
        "join" => {
            let items: Vec<Value> = it.collect_items(a.pos.first().unwrap_or(&Value::None))?;
            let mut parts = Vec::new();
            for (i, v) in items.iter().enumerate() {
                match v {
                    Value::Str(x) => parts.push(x.to_string()),
                    other => {
                        return Err(type_err(format!(
                            "sequence item {}: expected str instance, {} found",
                            i,
                            other.type_name()
                        )))
                    }
                }
            }
            Value::str(&parts.join(s))
        }
        "partition" | "rpartition" => {
            let sep = arg_str(a, 0).unwrap_or_default();
            let found = if name == "partition" {
                s.find(&sep)
            } else {
                s.rfind(&sep)
            };
            let parts = match found {
                Some(i) => vec![&s[..i], sep.as_str(), &s[i + sep.len()..]],
                None if name == "partition" => vec![s, "", ""],
                None => vec!["", "", s],
            };
            Value::tuple(parts.into_iter().map(Value::str).collect())
        }
        "replace" => {
            let (Some(old), Some(new)) = (arg_str(a, 0), arg_str(a, 1)) else {
                return Err(type_err("replace() argument must be str"));
            };
            match a.pos.get(2) {
                Some(Value::Int(n)) if *n >= 0 => Value::str(&s.replacen(&old, &new, *n as usize)),
                _ => Value::str(&s.replace(&old, &new)),
            }
        }
        _ => return Ok(None),
    }))
}

/// Searching: `startswith`, `endswith`, `find`, `index`, `count`.
fn search(s: &str, name: &'static str, a: &Args) -> R<Option<Value>> {
    Ok(Some(match name {
        "startswith" | "endswith" => {
            let pats: Vec<String> = match a.pos.first() {
                Some(Value::Str(p)) => vec![p.to_string()],
                Some(Value::Tuple(t)) => t
                    .iter()
                    .filter_map(|v| {
                        if let Value::Str(p) = v {
                            Some(p.to_string())
                        } else {
                            None
                        }
                    })
                    .collect(),
                _ => {
                    return Err(type_err(format!(
                        "{} first arg must be str or a tuple of str",
                        name
                    )))
                }
            };
            Value::Bool(pats.iter().any(|p| {
                if name == "startswith" {
                    s.starts_with(p.as_str())
                } else {
                    s.ends_with(p.as_str())
                }
            }))
        }
        "find" | "rfind" | "index" => {
            let sub = arg_str(a, 0).unwrap_or_default();
            let found = if name == "rfind" {
                s.rfind(&sub)
            } else {
                s.find(&sub)
            };
            match found {
                Some(b) => Value::Int(s[..b].chars().count() as i64),
                None if name == "index" => {
                    return raise(ExcKind::ValueError, "substring not found")
                }
                None => Value::Int(-1),
            }
        }
        "count" => Value::Int(
            s.matches(arg_str(a, 0).unwrap_or_default().as_str())
                .count() as i64,
        ),
        _ => return Ok(None),
    }))
}

/// The `is...` predicates.
fn predicate(s: &str, name: &'static str) -> Option<Value> {
    Some(match name {
        "isdigit" | "isnumeric" | "isdecimal" => {
            Value::Bool(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        }
        "isalpha" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => Value::Bool(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => Value::Bool(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "isupper" => {
            Value::Bool(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase))
        }
        "islower" => {
            Value::Bool(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase))
        }
        "isidentifier" => Value::Bool(
            s.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_alphanumeric() || c == '_'),
        ),
        _ => return None,
    })
}
