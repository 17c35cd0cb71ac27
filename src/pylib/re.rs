//! Python's `re` module on the `regex` crate: patterns are translated (`re/translate.rs`),
//! matches walk the subject as CPython's `sre` does (empty matches included, positions in
//! characters), and `Pattern`/`Match` objects have CPython's methods and reprs.

mod objects;
mod translate;

use super::pyclass::module;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, Exception, Flow, R};
use crate::eval::value::{Args, Class, Value};
use crate::eval::Interp;
use objects::Pattern;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use translate::PatternError;

pub(crate) use objects::{compile_value, pattern_method};

/// Sets `re`'s flags and its `error` class.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "re");
    for (names, v) in [
        (&["I", "IGNORECASE"][..], translate::IGNORECASE),
        (&["M", "MULTILINE"], translate::MULTILINE),
        (&["S", "DOTALL"], translate::DOTALL),
        (&["U", "UNICODE"], translate::UNICODE),
        (&["X", "VERBOSE"], translate::VERBOSE),
        (&["A", "ASCII"], translate::ASCII),
        (&["L", "LOCALE"], 4),
        (&["NOFLAG"], 0),
    ] {
        for n in names {
            m.set(n, flag_value(v));
        }
    }
    let base = it
        .builtins
        .get("Exception")
        .cloned()
        .unwrap_or(Value::ExcClass(ExcKind::Exception));
    let error = Value::Class(Rc::new(Class {
        name: "error".into(),
        bases: vec![base],
        dict: RefCell::new(HashMap::new()),
    }));
    m.set("error", error);
    m.set(
        "Pattern",
        super::pyclass::PyClass::value("Pattern", "re", None, |v| {
            v.as_object::<Pattern>().is_some()
        }),
    );
    m.set(
        "Match",
        super::pyclass::PyClass::value("Match", "re", None, |v| {
            v.as_object::<objects::Match>().is_some()
        }),
    );
}

/// A `re.RegexFlag`: an int that shows as `re.IGNORECASE|re.MULTILINE`.
pub(crate) struct Flag(pub i64);

fn flag_value(v: i64) -> Value {
    Value::Object(Rc::new(Flag(v)))
}

/// The int value of a flags argument.
fn flag_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::None => Some(0),
        _ => v.as_object::<Flag>().map(|f| f.0),
    }
}

/// How flags show: `re.IGNORECASE|re.MULTILINE`.
pub(crate) fn flag_names(v: i64) -> Vec<&'static str> {
    [
        (translate::IGNORECASE, "re.IGNORECASE"),
        (4, "re.LOCALE"),
        (translate::MULTILINE, "re.MULTILINE"),
        (translate::DOTALL, "re.DOTALL"),
        (translate::UNICODE, "re.UNICODE"),
        (translate::VERBOSE, "re.VERBOSE"),
        (translate::ASCII, "re.ASCII"),
    ]
    .iter()
    .filter(|(b, _)| v & b != 0)
    .map(|(_, n)| *n)
    .collect()
}

impl crate::eval::value::Object for Flag {
    fn type_name(&self) -> String {
        "RegexFlag".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if name == "value" {
            return Ok(Some(Value::Int(self.0)));
        }
        Ok(super::pyclass::method(
            this,
            name,
            &[
                "__or__",
                "__ror__",
                "__and__",
                "__rand__",
                "__eq__",
                "__index__",
                "__int__",
            ],
            |_, this, name, args| {
                let a = this.as_object::<Flag>().map_or(0, |f| f.0);
                let other = args.pos.first().cloned().unwrap_or(Value::None);
                let Some(b) = flag_int(&other) else {
                    if name == "__eq__" {
                        return Ok(Value::Bool(false));
                    }
                    return Err(type_err(format!(
                        "unsupported operand type(s) for {}: 'RegexFlag' and '{}'",
                        if name.contains("or") { "|" } else { "&" },
                        other.type_name()
                    )));
                };
                Ok(match name {
                    "__or__" | "__ror__" => flag_value(a | b),
                    "__and__" | "__rand__" => flag_value(a & b),
                    "__eq__" => Value::Bool(a == b),
                    _ => Value::Int(a),
                })
            },
        ))
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        let names = flag_names(self.0);
        Ok(if names.is_empty() {
            "re.NOFLAG".into()
        } else {
            names.join("|")
        })
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Raises `re.error(msg)`.
fn re_error(it: &mut Interp, msg: &str) -> Flow {
    let class = it
        .modules
        .get("re")
        .and_then(|m| match m {
            Value::Module(m) => m.get("error"),
            _ => None,
        })
        .unwrap_or(Value::ExcClass(ExcKind::Exception));
    let value = it.call(&class, Args::new(vec![Value::str(msg)])).ok();
    let mut e = Exception::new(ExcKind::Exception, msg);
    e.value = value;
    Flow::Error(Box::new(e))
}

/// Compiles a pattern value (a string or a compiled pattern) with flags.
pub(crate) fn compile(it: &mut Interp, pattern: &Value, flags: &Value) -> R<Rc<Pattern>> {
    let flags = match flag_int(flags) {
        Some(f) => f,
        None => {
            let other = flags;
            return Err(type_err(format!(
                "unsupported operand type(s) for &: '{}' and 'int'",
                other.type_name()
            )));
        }
    };
    if let Some(p) = pattern.as_object::<Pattern>() {
        if flags != 0 {
            return raise(
                ExcKind::ValueError,
                "cannot process flags argument with a compiled pattern",
            );
        }
        return Ok(Rc::new(p.clone()));
    }
    let Value::Str(src) = pattern else {
        return Err(type_err(
            "first argument must be string or compiled pattern",
        ));
    };
    let translated = match translate::translate(src, flags) {
        Ok(t) => t,
        Err(PatternError::Syntax(m)) => return Err(re_error(it, &m)),
        Err(PatternError::Unsupported(m)) => return raise(ExcKind::NotImplementedError, m),
    };
    let build = |p: &str| regex::RegexBuilder::new(p).size_limit(1 << 24).build();
    let re = match build(&translated) {
        Ok(r) => r,
        Err(e) => {
            let msg = e.to_string();
            let last = msg
                .lines()
                .rfind(|l| l.starts_with("error:"))
                .unwrap_or(&msg);
            return Err(re_error(it, last.trim_start_matches("error: ")));
        }
    };
    let full = build(&format!("(?:{})\\z", translated)).ok();
    Ok(Rc::new(Pattern {
        source: src.to_string(),
        flags: flags | translate::UNICODE,
        re,
        full,
    }))
}

/// Calls a Pattern method through the module-level function of the same name.
fn via(
    it: &mut Interp,
    name: &'static str,
    pattern: Value,
    flags: Value,
    args: Vec<Value>,
    kw: Vec<(String, Value)>,
) -> R<Value> {
    let p = compile(it, &pattern, &flags)?;
    let pv = Value::Object(p);
    pattern_method(it, &pv, name, Args { pos: args, kw })
}

builtin! {
    /// Compile a regular expression pattern, returning a Pattern object.
    python ["re.compile"]
    fn compile_(it, pattern, flags = 0) {
        compile_value(it, &pattern, &flags)
    }
}

builtin! {
    /// Try to apply the pattern at the start of the string, returning a Match object, or None if no match was found.
    python ["re.match"]
    fn r#match(it, pattern, string, flags = 0) {
        via(it, "match", pattern, flags, vec![string], vec![])
    }
}

builtin! {
    /// Scan through string looking for a match to the pattern, returning a Match object, or None if no match was found.
    python ["re.search"]
    fn search(it, pattern, string, flags = 0) {
        via(it, "search", pattern, flags, vec![string], vec![])
    }
}

builtin! {
    /// Try to apply the pattern to all of the string, returning a Match object, or None if no match was found.
    python ["re.fullmatch"]
    fn fullmatch(it, pattern, string, flags = 0) {
        via(it, "fullmatch", pattern, flags, vec![string], vec![])
    }
}

builtin! {
    /// Return a list of all non-overlapping matches in the string.
    python ["re.findall"]
    fn findall(it, pattern, string, flags = 0) {
        via(it, "findall", pattern, flags, vec![string], vec![])
    }
}

builtin! {
    /// Return an iterator over all non-overlapping matches in the string.
    python ["re.finditer"]
    fn finditer(it, pattern, string, flags = 0) {
        via(it, "finditer", pattern, flags, vec![string], vec![])
    }
}

builtin! {
    /// Return the string obtained by replacing the leftmost non-overlapping occurrences of the pattern in string by the replacement repl.
    python ["re.sub"]
    fn sub(it, pattern, repl, string, count = 0, flags = 0) {
        via(it, "sub", pattern, flags, vec![repl, string, count], vec![])
    }
}

builtin! {
    /// Return a 2-tuple containing (new_string, number).
    python ["re.subn"]
    fn subn(it, pattern, repl, string, count = 0, flags = 0) {
        via(it, "subn", pattern, flags, vec![repl, string, count], vec![])
    }
}

builtin! {
    /// Split the source string by the occurrences of the pattern, returning a list containing the resulting substrings.
    python ["re.split"]
    fn split(it, pattern, string, maxsplit = 0, flags = 0) {
        via(it, "split", pattern, flags, vec![string, maxsplit], vec![])
    }
}

builtin! {
    /// Escape special characters in a string.
    python ["re.escape"]
    fn escape(it, pattern) {
        let _ = it;
        let Value::Str(s) = &pattern else {
            return Err(type_err("expected str"));
        };
        let mut out = String::new();
        for c in s.chars() {
            if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        Ok(Value::str(&out))
    }
}

builtin! {
    /// Clear the regular expression caches
    python ["re.purge"]
    fn purge(it) {
        let _ = it;
        Ok(Value::None)
    }
}
