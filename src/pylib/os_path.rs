//! `os.path` (POSIX): the string algorithms of CPython's `posixpath`, line for line, and
//! the queries that look at the file system (`exists`, `isdir`, `getsize`...).

use super::oserror::{fspath, os_error};
use crate::builtin;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::Value;
use crate::eval::Interp;

/// `posixpath.join`.
pub(crate) fn join(a: &str, rest: &[String]) -> String {
    let mut path = a.to_string();
    for b in rest {
        if b.starts_with('/') {
            path = b.clone();
        } else if path.is_empty() || path.ends_with('/') {
            path.push_str(b);
        } else {
            path.push('/');
            path.push_str(b);
        }
    }
    path
}

/// `posixpath.split`: (head, tail).
pub(crate) fn split(p: &str) -> (String, String) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let head = if !head.is_empty() && head.chars().any(|c| c != '/') {
        head.trim_end_matches('/')
    } else {
        head
    };
    (head.to_string(), tail.to_string())
}

/// `posixpath.splitext`: (root, ext).
pub(crate) fn splitext(p: &str) -> (String, String) {
    let sep = p.rfind('/').map(|i| i as i64).unwrap_or(-1);
    let dot = p.rfind('.').map(|i| i as i64).unwrap_or(-1);
    if dot > sep {
        let bytes = p.as_bytes();
        let mut i = (sep + 1) as usize;
        while (i as i64) < dot {
            if bytes[i] != b'.' {
                let d = dot as usize;
                return (p[..d].to_string(), p[d..].to_string());
            }
            i += 1;
        }
    }
    (p.to_string(), String::new())
}

/// `posixpath.normpath`.
pub(crate) fn normpath(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let mut initial = if path.starts_with('/') { 1 } else { 0 };
    if path.starts_with("//") && !path.starts_with("///") {
        initial = 2;
    }
    let mut comps: Vec<&str> = Vec::new();
    for comp in path.split('/') {
        if comp.is_empty() || comp == "." {
            continue;
        }
        if comp != ".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&"..") {
            comps.push(comp);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let joined = format!("{}{}", "/".repeat(initial), comps.join("/"));
    if joined.is_empty() {
        ".".into()
    } else {
        joined
    }
}

pub(crate) fn cwd() -> R<String> {
    std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .map_err(|e| os_error(&e, "."))
}

/// `posixpath.abspath`.
pub(crate) fn abspath(p: &str) -> R<String> {
    if p.starts_with('/') {
        Ok(normpath(p))
    } else {
        Ok(normpath(&join(&cwd()?, &[p.to_string()])))
    }
}

/// `posixpath.realpath` (not strict): symlinks resolved as far as the path exists.
pub(crate) fn realpath(p: &str) -> R<String> {
    let abs = abspath(p)?;
    let mut existing = std::path::PathBuf::from(&abs);
    let mut rest: Vec<String> = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(&existing) {
            let base = c.to_string_lossy().into_owned();
            rest.reverse();
            return Ok(normpath(&join(&base, &rest)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_string_lossy().into_owned());
                existing = parent.to_path_buf();
            }
            _ => return Ok(abs),
        }
    }
}

/// `posixpath.expanduser`: `~` and `~/...` become the home directory.
pub(crate) fn expanduser(p: &str) -> String {
    if !p.starts_with('~') {
        return p.to_string();
    }
    let end = p.find('/').unwrap_or(p.len());
    if end != 1 {
        return p.to_string();
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/".into());
    let home = home.trim_end_matches('/');
    let out = format!("{}{}", home, &p[1..]);
    if out.is_empty() {
        "/".into()
    } else {
        out
    }
}

/// `os.path.commonprefix` of strings.
fn commonprefix(items: &[String]) -> String {
    let (Some(lo), Some(hi)) = (items.iter().min(), items.iter().max()) else {
        return String::new();
    };
    let n = lo
        .chars()
        .zip(hi.chars())
        .take_while(|(a, b)| a == b)
        .count();
    lo.chars().take(n).collect()
}

/// `posixpath.relpath`.
pub(crate) fn relpath(path: &str, start: &str) -> R<String> {
    if path.is_empty() {
        return Err(value_err("no path specified"));
    }
    let parts = |p: String| -> Vec<String> {
        p.split('/')
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    let s = parts(abspath(start)?);
    let p = parts(abspath(path)?);
    let i = s.iter().zip(&p).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<String> = vec!["..".to_string(); s.len() - i];
    rel.extend(p[i..].iter().cloned());
    if rel.is_empty() {
        return Ok(".".into());
    }
    Ok(join(&rel[0], &rel[1..]))
}

fn path_arg(it: &mut Interp, v: &Value) -> R<String> {
    fspath(it, v).map_err(|_| {
        type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.type_name()
        ))
    })
}

fn pair(a: String, b: String) -> Value {
    Value::tuple(vec![Value::str(&a), Value::str(&b)])
}

builtin! {
    /// Join two or more pathname components, inserting '/' as needed.
    python ["os.path.join"]
    fn join_(it, a, *p) {
        let a = path_arg(it, &a)?;
        let mut rest = Vec::new();
        if let Value::Tuple(t) = &p {
            for v in t.iter() {
                rest.push(path_arg(it, v)?);
            }
        }
        Ok(Value::str(&join(&a, &rest)))
    }
}

builtin! {
    /// Split a pathname. Returns tuple "(head, tail)".
    python ["os.path.split"]
    fn split_(it, p) {
        let (h, t) = split(&path_arg(it, &p)?);
        Ok(pair(h, t))
    }
}

builtin! {
    /// Split the extension from a pathname.
    python ["os.path.splitext"]
    fn splitext_(it, p) {
        let (r, e) = splitext(&path_arg(it, &p)?);
        Ok(pair(r, e))
    }
}

builtin! {
    /// Returns the final component of a pathname
    python ["os.path.basename"]
    fn basename(it, p) {
        Ok(Value::str(&split(&path_arg(it, &p)?).1))
    }
}

builtin! {
    /// Returns the directory component of a pathname
    python ["os.path.dirname"]
    fn dirname(it, p) {
        Ok(Value::str(&split(&path_arg(it, &p)?).0))
    }
}

builtin! {
    /// Normalize path, eliminating double slashes, etc.
    python ["os.path.normpath"]
    fn normpath_(it, path) {
        Ok(Value::str(&normpath(&path_arg(it, &path)?)))
    }
}

builtin! {
    /// Return an absolute path.
    python ["os.path.abspath"]
    fn abspath_(it, path) {
        Ok(Value::str(&abspath(&path_arg(it, &path)?)?))
    }
}

builtin! {
    /// Return the canonical path of the specified filename, eliminating any symbolic links encountered in the path.
    python ["os.path.realpath"]
    fn realpath_(it, filename, *, strict = False) {
        let _ = strict;
        Ok(Value::str(&realpath(&path_arg(it, &filename)?)?))
    }
}

builtin! {
    /// Expand ~ and ~user constructions.
    python ["os.path.expanduser"]
    fn expanduser_(it, path) {
        Ok(Value::str(&expanduser(&path_arg(it, &path)?)))
    }
}

builtin! {
    /// Return a relative version of a path
    python ["os.path.relpath"]
    fn relpath_(it, path, start = None) {
        let path = path_arg(it, &path)?;
        let start = match start {
            Value::None => ".".to_string(),
            s => path_arg(it, &s)?,
        };
        Ok(Value::str(&relpath(&path, &start)?))
    }
}

builtin! {
    /// Test whether a path is absolute
    python ["os.path.isabs"]
    fn isabs(it, s) {
        Ok(Value::Bool(path_arg(it, &s)?.starts_with('/')))
    }
}

builtin! {
    /// Given a list of pathnames, returns the longest common leading component
    python ["os.path.commonprefix"]
    fn commonprefix_(it, m) {
        let items = it.collect_items(&m)?;
        let mut strs = Vec::new();
        for v in &items {
            strs.push(path_arg(it, v)?);
        }
        Ok(Value::str(&commonprefix(&strs)))
    }
}

/// The metadata of a path argument, following symlinks; None when it cannot be read.
fn meta(it: &mut Interp, v: &Value) -> R<Option<std::fs::Metadata>> {
    match v {
        Value::Str(_) | Value::Object(_) => {
            Ok(fspath(it, v).ok().and_then(|p| std::fs::metadata(p).ok()))
        }
        Value::Int(_) | Value::Bool(_) => Ok(None),
        _ => Err(type_err(format!(
            "stat: path should be string, bytes, os.PathLike or integer, not {}",
            v.type_name()
        ))),
    }
}

builtin! {
    /// Test whether a path exists.  Returns False for broken symbolic links
    python ["os.path.exists"]
    fn exists(it, path) {
        Ok(Value::Bool(meta(it, &path)?.is_some()))
    }
}

builtin! {
    /// Test whether a path is a regular file
    python ["os.path.isfile"]
    fn isfile(it, path) {
        Ok(Value::Bool(meta(it, &path)?.is_some_and(|m| m.is_file())))
    }
}

builtin! {
    /// Return true if the pathname refers to an existing directory.
    python ["os.path.isdir"]
    fn isdir(it, s) {
        Ok(Value::Bool(meta(it, &s)?.is_some_and(|m| m.is_dir())))
    }
}

builtin! {
    /// Test whether a path is a symbolic link
    python ["os.path.islink"]
    fn islink(it, path) {
        let p = path_arg(it, &path)?;
        Ok(Value::Bool(std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())))
    }
}

builtin! {
    /// Return the size of a file, reported by os.stat().
    python ["os.path.getsize"]
    fn getsize(it, filename) {
        let p = path_arg(it, &filename)?;
        let m = std::fs::metadata(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::Int(m.len() as i64))
    }
}

builtin! {
    /// Return the last modification time of a file, reported by os.stat().
    python ["os.path.getmtime"]
    fn getmtime(it, filename) {
        let p = path_arg(it, &filename)?;
        let m = std::fs::metadata(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::Float(super::os::mtime(&m)))
    }
}
