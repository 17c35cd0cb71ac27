//! The methods of a concrete `pathlib.Path` that touch the file system: queries, `mkdir`
//! and friends, reading and writing text through `open()`, `iterdir`, and `glob`/`rglob`
//! as CPython 3.11's selectors walk (directory order, `**` as this directory and every
//! directory below it).

use super::glob::{fnmatch, has_magic};
use super::os::stat_of;
use super::os_path;
use super::pathlib::{fs_err, fs_err2, fs_errno, path_value, paths_value, PathObj};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, Flow, R};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use std::collections::HashSet;

/// The methods only concrete paths have.
pub(crate) const FS_METHODS: &[&str] = &[
    "exists",
    "is_file",
    "is_dir",
    "is_symlink",
    "stat",
    "mkdir",
    "rmdir",
    "unlink",
    "touch",
    "read_text",
    "write_text",
    "read_bytes",
    "write_bytes",
    "open",
    "iterdir",
    "glob",
    "rglob",
    "resolve",
    "absolute",
    "expanduser",
    "rename",
    "replace",
    "samefile",
];

/// Argument `i`, given by position or by keyword `name`.
pub(crate) fn arg(args: &Args, i: usize, name: &str) -> Option<Value> {
    args.pos.get(i).cloned().or_else(|| {
        args.kw
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
}

fn truthy_kw(it: &mut Interp, args: &Args, i: usize, name: &str, default: bool) -> R<bool> {
    match arg(args, i, name) {
        Some(v) => it.truthy(&v),
        None => Ok(default),
    }
}

/// Calls the builtin `open` on `path` with the given mode and keywords.
fn open_file(it: &mut Interp, path: &str, mode: &str, kws: Vec<(String, Value)>) -> R<Value> {
    let open = it
        .builtins
        .get("open")
        .cloned()
        .ok_or_else(|| type_err("open() is not available"))?;
    it.call(
        &open,
        Args {
            pos: vec![Value::str(path), Value::str(mode)],
            kw: kws,
        },
    )
}

fn call_method(it: &mut Interp, obj: &Value, name: &str, args: Vec<Value>) -> R<Value> {
    let f = it.get_attr(obj, name)?;
    it.call(&f, Args::new(args))
}

fn mkdir(p: &PathObj, parents: bool, exist_ok: bool) -> R<()> {
    let s = p.to_str();
    match std::fs::create_dir(&s) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(2) && parents && !p_is_top(p) => {
            let parent = p_parent(p);
            mkdir(&parent, true, true)?;
            mkdir(p, false, exist_ok)
        }
        Err(e) => {
            if exist_ok && std::fs::metadata(&s).is_ok_and(|m| m.is_dir()) {
                return Ok(());
            }
            Err(fs_err(&e, &s))
        }
    }
}

fn p_parent(p: &PathObj) -> PathObj {
    p.parent()
}

fn p_is_top(p: &PathObj) -> bool {
    p.parts.is_empty()
}

/// Every directory at and below `dir`, this one first, depth first in directory order.
fn directories(it: &mut Interp, dir: &PathObj, out: &mut Vec<PathObj>) -> R<()> {
    it.check_interrupt()?;
    out.push(dir.clone());
    let Ok(rd) = std::fs::read_dir(dir.to_str()) else {
        return Ok(());
    };
    for e in rd.flatten() {
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            let name = e.file_name().to_string_lossy().into_owned();
            directories(it, &join(dir, &name), out)?;
        }
    }
    Ok(())
}

fn join(dir: &PathObj, name: &str) -> PathObj {
    dir.join(name)
}

fn select(it: &mut Interp, dir: &PathObj, parts: &[String], out: &mut Vec<PathObj>) -> R<()> {
    let Some((part, rest)) = parts.split_first() else {
        out.push(dir.clone());
        return Ok(());
    };
    if part == "**" {
        let mut dirs = Vec::new();
        directories(it, dir, &mut dirs)?;
        let mut seen = HashSet::new();
        for d in dirs {
            let mut found = Vec::new();
            select(it, &d, rest, &mut found)?;
            for f in found {
                if seen.insert(f.to_str()) {
                    out.push(f);
                }
            }
        }
        return Ok(());
    }
    if has_magic(part) {
        let Ok(rd) = std::fs::read_dir(dir.to_str()) else {
            return Ok(());
        };
        for e in rd.flatten() {
            it.check_interrupt()?;
            let name = e.file_name().to_string_lossy().into_owned();
            if !rest.is_empty() {
                let is_dir = match e.file_type() {
                    Ok(t) if t.is_symlink() => {
                        std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir())
                    }
                    Ok(t) => t.is_dir(),
                    Err(_) => false,
                };
                if !is_dir {
                    continue;
                }
            }
            if fnmatch(&name, part) {
                select(it, &join(dir, &name), rest, out)?;
            }
        }
        return Ok(());
    }
    let next = join(dir, part);
    let s = next.to_str();
    let ok = if rest.is_empty() {
        std::fs::symlink_metadata(&s).is_ok()
    } else {
        std::fs::metadata(&s).is_ok_and(|m| m.is_dir())
    };
    if ok {
        select(it, &next, rest, out)?;
    }
    Ok(())
}

fn glob(it: &mut Interp, base: &PathObj, pattern: &Value, recursive: bool) -> R<Value> {
    let Value::Str(pat) = pattern else {
        return Err(type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            pattern.type_name()
        )));
    };
    let pp = PathObj::parse(pat, false);
    if pat.starts_with('/') {
        return raise(
            ExcKind::NotImplementedError,
            "Non-relative patterns are unsupported",
        );
    }
    let mut parts = pp.parts.clone();
    if parts.is_empty() && !recursive {
        return raise(
            ExcKind::ValueError,
            format!("Unacceptable pattern: {}", super::oserror::quote(pat)),
        );
    }
    if recursive {
        parts.insert(0, "**".into());
    }
    let mut out = Vec::new();
    select(it, base, &parts, &mut out)?;
    Ok(paths_value(
        out.iter().map(|p| p.to_str()).collect(),
        "generator",
    ))
}

/// A file-system method of path `p` (whose string is `s`).
pub(crate) fn method(
    it: &mut Interp,
    recv: &Value,
    p: &PathObj,
    s: &str,
    name: &'static str,
    args: Args,
) -> R<Value> {
    let meta = || std::fs::metadata(s);
    match name {
        "exists" => Ok(Value::Bool(meta().is_ok())),
        "is_file" => Ok(Value::Bool(meta().is_ok_and(|m| m.is_file()))),
        "is_dir" => Ok(Value::Bool(meta().is_ok_and(|m| m.is_dir()))),
        "is_symlink" => Ok(Value::Bool(
            std::fs::symlink_metadata(s).is_ok_and(|m| m.file_type().is_symlink()),
        )),
        "stat" => stat_of(s, true),
        "mkdir" => {
            let parents = truthy_kw(it, &args, 1, "parents", false)?;
            let exist_ok = truthy_kw(it, &args, 2, "exist_ok", false)?;
            mkdir(p, parents, exist_ok)?;
            Ok(Value::None)
        }
        "rmdir" => {
            std::fs::remove_dir(s).map_err(|e| fs_err(&e, s))?;
            Ok(Value::None)
        }
        "unlink" => {
            let missing_ok = truthy_kw(it, &args, 0, "missing_ok", false)?;
            if std::fs::symlink_metadata(s).is_ok_and(|m| m.is_dir()) {
                return Err(fs_errno(21, s));
            }
            match std::fs::remove_file(s) {
                Ok(()) => Ok(Value::None),
                Err(e) if missing_ok && e.raw_os_error() == Some(2) => Ok(Value::None),
                Err(e) => Err(fs_err(&e, s)),
            }
        }
        "touch" => {
            let exist_ok = truthy_kw(it, &args, 1, "exist_ok", true)?;
            if meta().is_ok() {
                if !exist_ok {
                    return Err(fs_errno(17, s));
                }
                let f = std::fs::OpenOptions::new()
                    .append(true)
                    .open(s)
                    .map_err(|e| fs_err(&e, s))?;
                let _ = f.set_modified(std::time::SystemTime::now());
                return Ok(Value::None);
            }
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(s)
                .map_err(|e| fs_err(&e, s))?;
            Ok(Value::None)
        }
        "read_text" => {
            let mut kws = Vec::new();
            if let Some(e) = arg(&args, 0, "encoding") {
                kws.push(("encoding".to_string(), e));
            }
            let f = open_file(it, s, "r", kws)?;
            let r = call_method(it, &f, "read", vec![]);
            call_method(it, &f, "close", vec![])?;
            r
        }
        "write_text" => {
            let data = arg(&args, 0, "data").unwrap_or(Value::None);
            if !matches!(data, Value::Str(_)) {
                return Err(type_err(format!(
                    "data must be str, not {}",
                    data.type_name()
                )));
            }
            let mut kws = Vec::new();
            if let Some(e) = arg(&args, 1, "encoding") {
                kws.push(("encoding".to_string(), e));
            }
            if let Some(n) = arg(&args, 3, "newline") {
                kws.push(("newline".to_string(), n));
            }
            let f = open_file(it, s, "w", kws)?;
            let r = call_method(it, &f, "write", vec![data]);
            call_method(it, &f, "close", vec![])?;
            r
        }
        "read_bytes" => {
            let f = open_file(it, s, "rb", Vec::new())?;
            let r = call_method(it, &f, "read", vec![]);
            call_method(it, &f, "close", vec![])?;
            r
        }
        "write_bytes" => {
            let data = arg(&args, 0, "data").unwrap_or(Value::None);
            if crate::eval::bytes::bytes_of(&data).is_none() {
                return Err(type_err(format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    data.type_name()
                )));
            }
            let f = open_file(it, s, "wb", Vec::new())?;
            let r = call_method(it, &f, "write", vec![data]);
            call_method(it, &f, "close", vec![])?;
            r
        }
        "open" => {
            let mode = match arg(&args, 0, "mode") {
                Some(Value::Str(m)) => m.to_string(),
                Some(v) => {
                    return Err(type_err(format!(
                        "open() argument 'mode' must be str, not {}",
                        v.type_name()
                    )))
                }
                None => "r".into(),
            };
            let kws = args
                .kw
                .iter()
                .filter(|(k, _)| k != "mode")
                .cloned()
                .collect();
            open_file(it, s, &mode, kws)
        }
        "iterdir" => {
            let rd = std::fs::read_dir(s).map_err(|e| fs_err(&e, s))?;
            let mut out = Vec::new();
            for e in rd {
                let e = e.map_err(|e| fs_err(&e, s))?;
                out.push(join(p, &e.file_name().to_string_lossy()).to_str());
            }
            Ok(paths_value(out, "generator"))
        }
        "glob" => glob(
            it,
            p,
            &arg(&args, 0, "pattern").unwrap_or(Value::None),
            false,
        ),
        "rglob" => glob(
            it,
            p,
            &arg(&args, 0, "pattern").unwrap_or(Value::None),
            true,
        ),
        "resolve" => Ok(path_value(&os_path::realpath(s)?)),
        "absolute" => {
            if s.starts_with('/') {
                return Ok(recv.clone());
            }
            let cwd = os_path::cwd()?;
            Ok(path_value(&if s == "." {
                cwd
            } else {
                format!("{}/{}", cwd.trim_end_matches('/'), s)
            }))
        }
        "expanduser" => Ok(path_value(&os_path::expanduser(s))),
        "rename" | "replace" => {
            let target = arg(&args, 0, "target").unwrap_or(Value::None);
            let t = super::oserror::fspath(it, &target)?;
            std::fs::rename(s, &t).map_err(|e| fs_err2(&e, s, &t))?;
            Ok(path_value(&t))
        }
        "samefile" => {
            use std::os::unix::fs::MetadataExt;
            let other = arg(&args, 0, "other_path").unwrap_or(Value::None);
            let o = super::oserror::fspath(it, &other)?;
            let a = meta().map_err(|e| fs_err(&e, s))?;
            let b = std::fs::metadata(&o).map_err(|e| fs_err(&e, &o))?;
            Ok(Value::Bool(a.dev() == b.dev() && a.ino() == b.ino()))
        }
        _ => Err(Flow::Error(Box::new(crate::eval::error::Exception::new(
            ExcKind::AttributeError,
            format!("'PosixPath' object has no attribute '{}'", name),
        )))),
    }
}
