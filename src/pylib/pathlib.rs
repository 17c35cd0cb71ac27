//! Python's `pathlib`: `Path` (a `PosixPath`) and `PurePath` (a `PurePosixPath`). A path
//! is its parsed parts, as CPython 3.11 parses them; it compares, hashes and sorts as its
//! parts, joins with `/` (from either side), and its file-system methods reuse `os`,
//! `glob` and `open()`.

use super::glob::fnmatch;
use super::os_path;
use super::oserror::{errno_error, fspath, os_error, os_error2, quote};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::iter::iter_value_named;
use crate::eval::value::{Args, Module, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::rc::Rc;

/// A parsed path: an optional root and its parts.
#[derive(Clone)]
pub(crate) struct PathObj {
    /// `"/"`, `"//"` or empty.
    pub(crate) root: String,
    pub(crate) parts: Vec<String>,
    pub(crate) pure: bool,
}

impl PathObj {
    pub(crate) fn parse(s: &str, pure: bool) -> PathObj {
        let root = if s.starts_with("//") && !s.starts_with("///") {
            "//"
        } else if s.starts_with('/') {
            "/"
        } else {
            ""
        };
        let parts = s
            .split('/')
            .filter(|p| !p.is_empty() && *p != ".")
            .map(String::from)
            .collect();
        PathObj {
            root: root.into(),
            parts,
            pure,
        }
    }

    /// Several segments joined as `Path(a, b, ...)` joins them.
    fn from_segments(segs: &[String], pure: bool) -> PathObj {
        let mut p = PathObj::parse("", pure);
        for s in segs {
            p = p.join(s);
        }
        p
    }

    pub(crate) fn join(&self, s: &str) -> PathObj {
        let other = PathObj::parse(s, self.pure);
        if !other.root.is_empty() {
            return other;
        }
        let mut p = self.clone();
        p.parts.extend(other.parts);
        p
    }

    pub(crate) fn to_str(&self) -> String {
        let s = format!("{}{}", self.root, self.parts.join("/"));
        if s.is_empty() {
            ".".into()
        } else {
            s
        }
    }

    fn name(&self) -> String {
        self.parts.last().cloned().unwrap_or_default()
    }

    fn suffix(&self) -> String {
        let n = self.name();
        match n.rfind('.') {
            Some(i) if i > 0 && i < n.len() - 1 => n[i..].to_string(),
            _ => String::new(),
        }
    }

    fn stem(&self) -> String {
        let n = self.name();
        match n.rfind('.') {
            Some(i) if i > 0 && i < n.len() - 1 => n[..i].to_string(),
            _ => n,
        }
    }

    fn suffixes(&self) -> Vec<String> {
        let n = self.name();
        if n.ends_with('.') {
            return Vec::new();
        }
        let n = n.trim_start_matches('.');
        n.split('.').skip(1).map(|s| format!(".{}", s)).collect()
    }

    pub(crate) fn parent(&self) -> PathObj {
        let mut p = self.clone();
        p.parts.pop();
        p
    }

    fn with_parts(&self, parts: Vec<String>) -> PathObj {
        PathObj {
            root: self.root.clone(),
            parts,
            pure: self.pure,
        }
    }

    fn type_name(&self) -> &'static str {
        if self.pure {
            "PurePosixPath"
        } else {
            "PosixPath"
        }
    }

    fn value(self) -> Value {
        Value::Object(Rc::new(self))
    }

    fn all_parts(&self) -> Vec<String> {
        let mut v = Vec::new();
        if !self.root.is_empty() {
            v.push(self.root.clone());
        }
        v.extend(self.parts.iter().cloned());
        v
    }
}

/// A path argument: a str or any path-like object.
fn seg(it: &mut Interp, v: &Value) -> R<String> {
    fspath(it, v).map_err(|_| {
        type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.type_name()
        ))
    })
}

fn new_path(it: &mut Interp, args: &[Value], pure: bool) -> R<Value> {
    let mut segs = Vec::new();
    for a in args {
        segs.push(seg(it, a)?);
    }
    Ok(PathObj::from_segments(&segs, pure).value())
}

/// `pathlib.Path`, `PosixPath`, `PurePath`, `PurePosixPath` as values: callable classes.
struct PathClass {
    name: &'static str,
    pure: bool,
}

impl Object for PathClass {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__name__" => Some(Value::str(self.name)),
            "cwd" if !self.pure => Some(Value::builtin("cwd", |_, _| {
                Ok(PathObj::parse(&os_path::cwd()?, false).value())
            })),
            "home" if !self.pure => Some(Value::builtin("home", |_, _| {
                Ok(PathObj::parse(&os_path::expanduser("~"), false).value())
            })),
            _ => None,
        })
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        if let Some((k, _)) = args.kw.first() {
            return Err(type_err(format!(
                "{}() got an unexpected keyword argument '{}'",
                self.name, k
            )));
        }
        new_path(it, &args.pos, self.pure)
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!("<class 'pathlib.{}'>", self.name))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Sets `pathlib`'s classes.
pub(crate) fn install(it: &mut Interp) {
    let m = match it.modules.get("pathlib") {
        Some(Value::Module(m)) => m.clone(),
        _ => {
            let m = Rc::new(Module::new("pathlib"));
            it.modules
                .insert("pathlib".into(), Value::Module(m.clone()));
            m
        }
    };
    for (name, pure) in [
        ("Path", false),
        ("PosixPath", false),
        ("PurePath", true),
        ("PurePosixPath", true),
    ] {
        m.set(name, Value::Object(Rc::new(PathClass { name, pure })));
    }
}

/// The methods every path has (concrete paths also have `path_fs::FS_METHODS`).
const METHODS: &[&str] = &[
    "__truediv__",
    "__rtruediv__",
    "__fspath__",
    "joinpath",
    "with_suffix",
    "with_name",
    "with_stem",
    "relative_to",
    "is_relative_to",
    "is_absolute",
    "as_posix",
    "match",
];

use super::path_fs::arg;

fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(p) = recv.as_object::<PathObj>() else {
        return Err(type_err("descriptor requires a 'PosixPath' object"));
    };
    let s = p.to_str();
    match name {
        "__truediv__" | "joinpath" => {
            let mut q = p.clone();
            for a in &args.pos {
                let part = match a {
                    Value::Str(_) | Value::Object(_) => fspath(it, a).ok(),
                    _ => None,
                };
                match part {
                    Some(part) => q = q.join(&part),
                    None if name == "joinpath" => {
                        return Err(type_err(format!(
                            "expected str, bytes or os.PathLike object, not {}",
                            a.type_name()
                        )))
                    }
                    None => {
                        return Err(type_err(format!(
                            "unsupported operand type(s) for /: '{}' and '{}'",
                            p.type_name(),
                            a.type_name()
                        )))
                    }
                }
            }
            Ok(q.value())
        }
        "__rtruediv__" => {
            let a = args.pos.first().cloned().unwrap_or(Value::None);
            match &a {
                Value::Str(l) => {
                    let base = PathObj::parse(l, p.pure);
                    let mut q = base.join(&s);
                    q.pure = p.pure;
                    Ok(q.value())
                }
                _ => Err(type_err(format!(
                    "unsupported operand type(s) for /: '{}' and '{}'",
                    a.type_name(),
                    p.type_name()
                ))),
            }
        }
        "__fspath__" | "as_posix" => Ok(Value::str(&s)),
        "with_suffix" => {
            let suf = match arg(&args, 0, "suffix") {
                Some(Value::Str(x)) => x.to_string(),
                _ => {
                    return Err(type_err(
                        "with_suffix() missing 1 required positional argument: 'suffix'",
                    ))
                }
            };
            if suf.contains('/') || (!suf.is_empty() && (!suf.starts_with('.') || suf == ".")) {
                return raise(
                    ExcKind::ValueError,
                    format!("Invalid suffix {}", quote(&suf)),
                );
            }
            let n = p.name();
            if n.is_empty() {
                return raise(
                    ExcKind::ValueError,
                    format!("{}({}) has an empty name", p.type_name(), quote(&s)),
                );
            }
            let old = p.suffix();
            let base = &n[..n.len() - old.len()];
            let mut parts = p.parts.clone();
            if let Some(last) = parts.last_mut() {
                *last = format!("{}{}", base, suf);
            }
            Ok(p.with_parts(parts).value())
        }
        "with_name" | "with_stem" => {
            let new = match arg(&args, 0, if name == "with_name" { "name" } else { "stem" }) {
                Some(Value::Str(x)) => x.to_string(),
                Some(v) => return Err(type_err(format!("expected str, not {}", v.type_name()))),
                None => {
                    return Err(type_err(format!(
                        "{}() missing 1 required positional argument",
                        name
                    )))
                }
            };
            if p.name().is_empty() {
                return raise(
                    ExcKind::ValueError,
                    format!("{}({}) has an empty name", p.type_name(), quote(&s)),
                );
            }
            let new = if name == "with_stem" {
                format!("{}{}", new, p.suffix())
            } else {
                new
            };
            if new.is_empty() || new.contains('/') || new == "." {
                return raise(ExcKind::ValueError, format!("Invalid name {}", quote(&new)));
            }
            let mut parts = p.parts.clone();
            if let Some(last) = parts.last_mut() {
                *last = new;
            }
            Ok(p.with_parts(parts).value())
        }
        "relative_to" | "is_relative_to" => {
            let mut segs = Vec::new();
            for a in &args.pos {
                segs.push(seg(it, a)?);
            }
            let other = PathObj::from_segments(&segs, p.pure);
            let (mine, theirs) = (p.all_parts(), other.all_parts());
            let ok = p.root == other.root
                && theirs.len() <= mine.len()
                && mine[..theirs.len()] == theirs[..];
            if name == "is_relative_to" {
                return Ok(Value::Bool(ok));
            }
            if !ok {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "{} is not in the subpath of {} OR one path is relative and the other is absolute.",
                        quote(&s),
                        quote(&other.to_str())
                    ),
                );
            }
            let rest = mine[theirs.len()..].to_vec();
            Ok(PathObj {
                root: String::new(),
                parts: rest,
                pure: p.pure,
            }
            .value())
        }
        "is_absolute" => Ok(Value::Bool(!p.root.is_empty())),
        "match" => {
            let pat = match arg(&args, 0, "path_pattern") {
                Some(Value::Str(x)) => x.to_string(),
                _ => {
                    return Err(type_err(
                        "match() missing 1 required positional argument: 'path_pattern'",
                    ))
                }
            };
            if pat.is_empty() {
                return Err(value_err("empty pattern"));
            }
            let pp = PathObj::parse(&pat, true);
            let pats = pp.all_parts();
            let mine = p.all_parts();
            if !pp.root.is_empty() && pats.len() != mine.len() {
                return Ok(Value::Bool(false));
            }
            if pats.len() > mine.len() {
                return Ok(Value::Bool(false));
            }
            let ok = mine
                .iter()
                .rev()
                .zip(pats.iter().rev())
                .all(|(n, q)| fnmatch(n, q));
            Ok(Value::Bool(ok))
        }
        _ => super::path_fs::method(it, recv, p, &s, name, args),
    }
}

impl Object for PathObj {
    fn type_name(&self) -> String {
        PathObj::type_name(self).into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        if let Some(m) = super::path_fs::FS_METHODS.iter().find(|m| **m == name) {
            if self.pure {
                return Ok(None);
            }
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        Ok(Some(match name {
            "name" => Value::str(&self.name()),
            "stem" => Value::str(&self.stem()),
            "suffix" => Value::str(&self.suffix()),
            "suffixes" => Value::list(self.suffixes().iter().map(|s| Value::str(s)).collect()),
            "parent" => self.parent().value(),
            "parents" => {
                let mut out = Vec::new();
                let mut cur = self.clone();
                while !cur.parts.is_empty() {
                    cur = cur.parent();
                    out.push(cur.clone().value());
                }
                Value::tuple(out)
            }
            "parts" => Value::tuple(self.all_parts().iter().map(|s| Value::str(s)).collect()),
            "anchor" | "root" => Value::str(&self.root),
            "drive" => Value::str(""),
            _ => return Ok(None),
        }))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "{}({})",
            PathObj::type_name(self),
            quote(&self.to_str())
        ))
    }
    fn str(&self, _it: &mut Interp) -> R<String> {
        Ok(self.to_str())
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::tuple(
            self.all_parts().iter().map(|s| Value::str(s)).collect(),
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        let fs: &[&str] = if self.pure {
            &[]
        } else {
            super::path_fs::FS_METHODS
        };
        METHODS
            .iter()
            .chain(fs)
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(
                [
                    "name", "stem", "suffix", "suffixes", "parent", "parents", "parts", "anchor",
                ]
                .map(String::from),
            )
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A new concrete path from a string.
pub(crate) fn path_value(s: &str) -> Value {
    PathObj::parse(s, false).value()
}

/// The errors the file-system methods share, for `path_fs.rs`.
pub(crate) fn fs_err(e: &std::io::Error, p: &str) -> crate::eval::error::Flow {
    os_error(e, p)
}

pub(crate) fn fs_err2(e: &std::io::Error, a: &str, b: &str) -> crate::eval::error::Flow {
    os_error2(e, a, b)
}

pub(crate) fn fs_errno(n: i32, p: &str) -> crate::eval::error::Flow {
    errno_error(n, p)
}

/// Path objects made by the file-system methods.
pub(crate) fn paths_value(items: Vec<String>, name: &'static str) -> Value {
    iter_value_named(items.iter().map(|s| path_value(s)).collect(), name)
}
