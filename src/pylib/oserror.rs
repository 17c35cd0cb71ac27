//! What the file modules share: OS errors raised as CPython words them
//! (`[Errno 2] No such file or directory: 'x'`), path arguments (`str` or any object with
//! `__fspath__`), and Python's quoting of a string.

use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, Flow, R};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;

/// The exception class CPython raises for `errno`.
fn kind_of(errno: i32) -> ExcKind {
    match errno {
        2 => ExcKind::FileNotFoundError,
        17 => ExcKind::FileExistsError,
        20 => ExcKind::NotADirectoryError,
        21 => ExcKind::IsADirectoryError,
        1 | 13 => ExcKind::PermissionError,
        _ => ExcKind::OSError,
    }
}

/// The C library's description of an error, without Rust's ` (os error N)` suffix.
fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// An OS error about one file: `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error(e: &std::io::Error, path: &str) -> Flow {
    let kind = e.raw_os_error().map_or(ExcKind::OSError, kind_of);
    err(kind, os_error_text(e, path))
}

/// The message of `os_error`, for callers that print it rather than raise it.
pub(crate) fn os_error_text(e: &std::io::Error, path: &str) -> String {
    match e.raw_os_error() {
        Some(n) => format!("[Errno {}] {}: {}", n, strerror(e), quote(path)),
        None => strerror(e),
    }
}

/// An OS error about two files (`rename`): `[Errno 2] No such file or directory: 'a' -> 'b'`.
pub(crate) fn os_error2(e: &std::io::Error, src: &str, dst: &str) -> Flow {
    match e.raw_os_error() {
        Some(n) => err(
            kind_of(n),
            format!(
                "[Errno {}] {}: {} -> {}",
                n,
                strerror(e),
                quote(src),
                quote(dst)
            ),
        ),
        None => err(ExcKind::OSError, strerror(e)),
    }
}

/// An OS error made from an errno directly (for checks done before a call).
pub(crate) fn errno_error(n: i32, path: &str) -> Flow {
    os_error(&std::io::Error::from_raw_os_error(n), path)
}

/// A path argument as a string: a `str`, or an object with `__fspath__` (a `Path`).
pub(crate) fn fspath(it: &mut Interp, v: &Value) -> R<String> {
    fspath_named(it, v, "")
}

/// Like [`fspath`]; `what` names the function in the TypeError (`open`, `listdir`...), where
/// CPython names one.
pub(crate) fn fspath_named(it: &mut Interp, v: &Value, what: &str) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Object(_) => match it.special_method(v, "__fspath__")? {
            Some(f) => match it.call(&f, Args::default())? {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(type_err("expected __fspath__() to return str or bytes")),
            },
            None => Err(not_pathlike(v, what)),
        },
        _ => Err(not_pathlike(v, what)),
    }
}

fn not_pathlike(v: &Value, what: &str) -> Flow {
    let prefix = if what.is_empty() {
        String::new()
    } else {
        format!("{}: ", what)
    };
    type_err(format!(
        "{}path should be string, bytes, os.PathLike or integer, not {}",
        prefix,
        v.type_name()
    ))
}

/// Python's `repr` of a string.
pub(crate) fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// An integer argument.
pub(crate) fn int_arg(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}
