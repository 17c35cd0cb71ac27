//! Python's `os` module: files, directories, the environment (`os.environ`), `stat`,
//! `scandir` and the lazy `walk`. `os.path` is in `os_path.rs`.

use super::os_path;
use super::oserror::{fspath, os_error, os_error2, quote};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{key_err, raise, type_err, R};
use crate::eval::iter::{iter_object, PyIter};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// Sets `os`'s constants and `os.environ` (its functions are declared).
pub(crate) fn install(it: &mut Interp) {
    let Some(Value::Module(m)) = it.modules.get("os").cloned() else {
        return;
    };
    for (k, v) in [
        ("sep", "/"),
        ("altsep", ""),
        ("linesep", "\n"),
        ("name", "posix"),
        ("curdir", "."),
        ("pardir", ".."),
        ("extsep", "."),
        ("pathsep", ":"),
        ("devnull", "/dev/null"),
    ] {
        m.set(
            k,
            if k == "altsep" {
                Value::None
            } else {
                Value::str(v)
            },
        );
    }
    m.set("environ", Value::Object(Rc::new(Environ)));
    if let Some(Value::Module(p)) = m.get("path") {
        for (k, v) in [
            ("sep", "/"),
            ("curdir", "."),
            ("pardir", ".."),
            ("extsep", "."),
            ("pathsep", ":"),
            ("devnull", "/dev/null"),
        ] {
            p.set(k, Value::str(v));
        }
        p.set("altsep", Value::None);
    }
}

/// A path argument, with CPython's TypeError naming the function.
fn path_of(it: &mut Interp, v: &Value, func: &str) -> R<String> {
    fspath(it, v).map_err(|_| {
        type_err(format!(
            "{}: path should be string, bytes or os.PathLike, not {}",
            func,
            v.type_name()
        ))
    })
}

/// Seconds since the epoch of a file's last modification.
pub(crate) fn mtime(m: &std::fs::Metadata) -> f64 {
    use std::os::unix::fs::MetadataExt;
    m.mtime() as f64 + m.mtime_nsec() as f64 * 1e-9
}

builtin! {
    /// Return a unicode string representing the current working directory.
    python ["os.getcwd"]
    fn getcwd(it) {
        let _ = it;
        Ok(Value::str(&os_path::cwd()?))
    }
}

builtin! {
    /// Change the current working directory to the specified path.
    python ["os.chdir"]
    fn chdir(it, path) {
        let p = path_of(it, &path, "chdir")?;
        std::env::set_current_dir(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Return a list containing the names of the files in the directory.
    python ["os.listdir"]
    fn listdir(it, path = None) {
        let p = match path {
            Value::None => ".".to_string(),
            v => path_of(it, &v, "listdir")?,
        };
        let rd = std::fs::read_dir(&p).map_err(|e| os_error(&e, &p))?;
        let mut out = Vec::new();
        for e in rd {
            let e = e.map_err(|e| os_error(&e, &p))?;
            out.push(Value::str(&e.file_name().to_string_lossy()));
            if out.len() & 0xfff == 0 {
                it.check_interrupt()?;
            }
        }
        Ok(Value::list(out))
    }
}

builtin! {
    /// Create a directory.
    python ["os.mkdir"]
    fn mkdir(it, path, mode = 511, *, dir_fd = None) {
        let _ = (mode, dir_fd);
        let p = path_of(it, &path, "mkdir")?;
        std::fs::create_dir(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::None)
    }
}

builtin! {
    /// makedirs(name [, mode=0o777][, exist_ok=False])
    python ["os.makedirs"]
    fn makedirs(it, name, mode = 511, exist_ok = False) {
        let _ = mode;
        let p = path_of(it, &name, "makedirs")?;
        let exist_ok = it.truthy(&exist_ok)?;
        make_dirs(&p, exist_ok)?;
        Ok(Value::None)
    }
}

/// `os.makedirs(p, exist_ok=)`: every missing parent, then `p`.
pub(crate) fn make_dirs(p: &str, exist_ok: bool) -> R<()> {
    let (head, tail) = os_path::split(p);
    let (head, tail) = if tail.is_empty() {
        os_path::split(&head)
    } else {
        (head, tail)
    };
    if !head.is_empty() && !tail.is_empty() && std::fs::metadata(&head).is_err() {
        match make_dirs(&head, true) {
            Ok(()) => {}
            Err(crate::eval::error::Flow::Error(e)) if e.is(ExcKind::FileExistsError) => {}
            Err(e) => return Err(e),
        }
    }
    match std::fs::create_dir(p) {
        Ok(()) => Ok(()),
        Err(e) => {
            if exist_ok && std::fs::metadata(p).is_ok_and(|m| m.is_dir()) {
                return Ok(());
            }
            Err(os_error(&e, p))
        }
    }
}

builtin! {
    /// Remove a file (same as unlink()).
    python ["os.remove", "os.unlink"]
    fn remove(it, path, *, dir_fd = None) {
        let _ = dir_fd;
        let p = path_of(it, &path, "remove")?;
        if std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
            return Err(super::oserror::errno_error(21, &p));
        }
        std::fs::remove_file(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Remove a directory.
    python ["os.rmdir"]
    fn rmdir(it, path, *, dir_fd = None) {
        let _ = dir_fd;
        let p = path_of(it, &path, "rmdir")?;
        std::fs::remove_dir(&p).map_err(|e| os_error(&e, &p))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Rename a file or directory.
    python ["os.rename", "os.replace"]
    fn rename(it, src, dst) {
        let s = path_of(it, &src, "rename")?;
        let d = path_of(it, &dst, "rename")?;
        std::fs::rename(&s, &d).map_err(|e| os_error2(&e, &s, &d))?;
        Ok(Value::None)
    }
}

builtin! {
    /// Get an environment variable, return None if it doesn't exist.
    python ["os.getenv"]
    fn getenv(it, key, default = None) {
        let _ = it;
        let Value::Str(k) = &key else {
            return Err(type_err(format!("str expected, not {}", key.type_name())));
        };
        Ok(match std::env::var(k.as_ref()) {
            Ok(v) => Value::str(&v),
            Err(_) => default,
        })
    }
}

builtin! {
    /// Change or add an environment variable.
    python ["os.putenv"]
    fn putenv(it, name, value) {
        let _ = it;
        set_env(&name, &value)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Delete an environment variable.
    python ["os.unsetenv"]
    fn unsetenv(it, name) {
        let _ = it;
        let k = env_str(&name)?;
        std::env::remove_var(k);
        Ok(Value::None)
    }
}

builtin! {
    /// Return the number of logical CPUs in the system.
    python ["os.cpu_count"]
    fn cpu_count(it) {
        let _ = it;
        Ok(std::thread::available_parallelism()
            .map(|n| Value::Int(n.get() as i64))
            .unwrap_or(Value::None))
    }
}

builtin! {
    /// Return the current process id.
    python ["os.getpid"]
    fn getpid(it) {
        let _ = it;
        Ok(Value::Int(std::process::id() as i64))
    }
}

builtin! {
    /// Return the file system path representation of the object.
    python ["os.fspath"]
    fn fspath_(it, path) {
        fspath(it, &path).map(|s| Value::str(&s)).map_err(|_| {
            type_err(format!(
                "expected str, bytes or os.PathLike object, not {}",
                path.type_name()
            ))
        })
    }
}

builtin! {
    /// Perform a stat system call on the given path.
    python ["os.stat"]
    fn stat(it, path, *, dir_fd = None, follow_symlinks = True) {
        let _ = dir_fd;
        let p = path_of(it, &path, "stat")?;
        let follow = it.truthy(&follow_symlinks)?;
        stat_of(&p, follow)
    }
}

/// `os.stat(p)` as an `os.stat_result`.
pub(crate) fn stat_of(p: &str, follow: bool) -> R<Value> {
    let m = if follow {
        std::fs::metadata(p)
    } else {
        std::fs::symlink_metadata(p)
    }
    .map_err(|e| os_error(&e, p))?;
    Ok(Value::Object(Rc::new(StatResult(m))))
}

/// `os.stat_result`.
struct StatResult(std::fs::Metadata);

impl Object for StatResult {
    fn type_name(&self) -> String {
        "stat_result".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        use std::os::unix::fs::MetadataExt;
        let m = &self.0;
        Ok(Some(match name {
            "st_mode" => Value::Int(m.mode() as i64),
            "st_ino" => Value::Int(m.ino() as i64),
            "st_dev" => Value::Int(m.dev() as i64),
            "st_nlink" => Value::Int(m.nlink() as i64),
            "st_uid" => Value::Int(m.uid() as i64),
            "st_gid" => Value::Int(m.gid() as i64),
            "st_size" => Value::Int(m.size() as i64),
            "st_atime" => Value::Float(m.atime() as f64 + m.atime_nsec() as f64 * 1e-9),
            "st_mtime" => Value::Float(mtime(m)),
            "st_ctime" => Value::Float(m.ctime() as f64 + m.ctime_nsec() as f64 * 1e-9),
            _ => return Ok(None),
        }))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        use std::os::unix::fs::MetadataExt;
        let m = &self.0;
        Ok(format!(
            "os.stat_result(st_mode={}, st_ino={}, st_dev={}, st_nlink={}, st_uid={}, st_gid={}, st_size={}, st_atime={}, st_mtime={}, st_ctime={})",
            m.mode(), m.ino(), m.dev(), m.nlink(), m.uid(), m.gid(), m.size(), m.atime(), m.mtime(), m.ctime()
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Return an iterator of DirEntry objects for given path.
    python ["os.scandir"]
    fn scandir(it, path = None) {
        let p = match path {
            Value::None => ".".to_string(),
            v => path_of(it, &v, "scandir")?,
        };
        let rd = std::fs::read_dir(&p).map_err(|e| os_error(&e, &p))?;
        Ok(iter_object(ScanDir { dir: p, rd }))
    }
}

struct ScanDir {
    dir: String,
    rd: std::fs::ReadDir,
}

impl PyIter for ScanDir {
    fn next(&mut self, _it: &mut Interp) -> R<Option<Value>> {
        match self.rd.next() {
            None => Ok(None),
            Some(Err(e)) => Err(os_error(&e, &self.dir)),
            Some(Ok(e)) => {
                let name = e.file_name().to_string_lossy().into_owned();
                let path = if self.dir == "." {
                    format!("./{}", name)
                } else {
                    os_path::join(&self.dir, std::slice::from_ref(&name))
                };
                Ok(Some(Value::Object(Rc::new(DirEntry { name, path }))))
            }
        }
    }
    fn type_name(&self) -> String {
        "ScandirIterator".into()
    }
}

/// `os.DirEntry`.
struct DirEntry {
    name: String,
    path: String,
}

fn entry_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(e) = recv.as_object::<DirEntry>() else {
        return Ok(Value::None);
    };
    let follow = match args.kw.iter().find(|(k, _)| k == "follow_symlinks") {
        Some((_, v)) => it.truthy(v)?,
        None => true,
    };
    let m = if follow {
        std::fs::metadata(&e.path)
    } else {
        std::fs::symlink_metadata(&e.path)
    };
    Ok(match name {
        "is_file" => Value::Bool(m.is_ok_and(|m| m.is_file())),
        "is_dir" => Value::Bool(m.is_ok_and(|m| m.is_dir())),
        "is_symlink" => Value::Bool(
            std::fs::symlink_metadata(&e.path).is_ok_and(|m| m.file_type().is_symlink()),
        ),
        "__fspath__" => Value::str(&e.path),
        _ => stat_of(&e.path, follow)?,
    })
}

impl Object for DirEntry {
    fn type_name(&self) -> String {
        "DirEntry".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            "path" => Some(Value::str(&self.path)),
            "is_file" | "is_dir" | "is_symlink" | "stat" | "__fspath__" => {
                let m = ["is_file", "is_dir", "is_symlink", "stat", "__fspath__"]
                    .into_iter()
                    .find(|m| *m == name)
                    .unwrap_or("stat");
                Some(Value::method(this.clone(), m, entry_method))
            }
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!("<DirEntry {}>", quote(&self.name)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Directory tree generator.
    python ["os.walk"]
    fn walk(it, top, topdown = True, onerror = None, followlinks = False) {
        let _ = onerror;
        let top = fspath(it, &top).map_err(|_| {
            type_err(format!(
                "expected str, bytes or os.PathLike object, not {}",
                top.type_name()
            ))
        })?;
        let topdown = it.truthy(&topdown)?;
        let followlinks = it.truthy(&followlinks)?;
        Ok(iter_object(Walk {
            stack: vec![Pending::Visit(top)],
            topdown,
            followlinks,
        }))
    }
}

enum Pending {
    /// A directory still to list.
    Visit(String),
    /// A directory already yielded top-down: descend into its (possibly edited) dirnames.
    Descend(String, Value),
    /// A directory whose subdirectories are done (bottom-up): yield it.
    Yield(Value),
}

/// `os.walk`: directories listed one at a time as the iteration reaches them.
struct Walk {
    stack: Vec<Pending>,
    topdown: bool,
    followlinks: bool,
}

impl Walk {
    fn children(&self, top: &str, dirs: &Value) -> Vec<Pending> {
        let names = match dirs {
            Value::List(l) => l.borrow().clone(),
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        for n in names.iter().rev() {
            if let Value::Str(n) = n {
                let p = os_path::join(top, &[n.to_string()]);
                let link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
                if self.followlinks || !link {
                    out.push(Pending::Visit(p));
                }
            }
        }
        out
    }
}

impl PyIter for Walk {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        while let Some(p) = self.stack.pop() {
            it.check_interrupt()?;
            match p {
                Pending::Yield(v) => return Ok(Some(v)),
                Pending::Descend(top, dirs) => {
                    let kids = self.children(&top, &dirs);
                    self.stack.extend(kids);
                }
                Pending::Visit(top) => {
                    let Ok(rd) = std::fs::read_dir(&top) else {
                        continue;
                    };
                    let (mut dirs, mut files) = (Vec::new(), Vec::new());
                    for e in rd.flatten() {
                        let name = Value::str(&e.file_name().to_string_lossy());
                        let is_dir = match e.file_type() {
                            Ok(t) if t.is_symlink() => {
                                std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir())
                            }
                            Ok(t) => t.is_dir(),
                            Err(_) => false,
                        };
                        if is_dir {
                            dirs.push(name);
                        } else {
                            files.push(name);
                        }
                    }
                    let dirs = Value::list(dirs);
                    let entry =
                        Value::tuple(vec![Value::str(&top), dirs.clone(), Value::list(files)]);
                    if self.topdown {
                        self.stack.push(Pending::Descend(top, dirs));
                        return Ok(Some(entry));
                    }
                    self.stack.push(Pending::Yield(entry));
                    let kids = self.children(&top, &dirs);
                    self.stack.extend(kids);
                }
            }
        }
        Ok(None)
    }
    fn type_name(&self) -> String {
        "generator".into()
    }
}

fn env_str(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        _ => Err(type_err(format!("str expected, not {}", v.type_name()))),
    }
}

fn set_env(k: &Value, v: &Value) -> R<()> {
    let k = env_str(k)?;
    let v = env_str(v)?;
    if k.is_empty() || k.contains('=') {
        return raise(ExcKind::ValueError, "illegal environment variable name");
    }
    if k.contains('\0') || v.contains('\0') {
        return raise(ExcKind::ValueError, "embedded null byte");
    }
    std::env::set_var(k, v);
    Ok(())
}

/// `os.environ`: the process environment as a mapping; assignment sets the variable.
struct Environ;

const ENV_METHODS: &[&str] = &[
    "get",
    "setdefault",
    "keys",
    "values",
    "items",
    "pop",
    "copy",
    "update",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
    "__iter__",
    "__len__",
];

fn env_vars() -> Vec<(String, String)> {
    std::env::vars_os()
        .map(|(k, v)| {
            (
                k.to_string_lossy().into_owned(),
                v.to_string_lossy().into_owned(),
            )
        })
        .collect()
}

fn env_method(it: &mut Interp, _recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let lookup = |k: &Value| -> R<Option<String>> { Ok(std::env::var(env_str(k)?).ok()) };
    match name {
        "get" => {
            let [k, d] = args.bind("get", ["key", "default=None"])?;
            let k = k.unwrap_or(Value::None);
            Ok(match lookup(&k)? {
                Some(v) => Value::str(&v),
                None => d.unwrap_or(Value::None),
            })
        }
        "setdefault" => {
            let [k, d] = args.bind("setdefault", ["key", "default=None"])?;
            let k = k.unwrap_or(Value::None);
            match lookup(&k)? {
                Some(v) => Ok(Value::str(&v)),
                None => {
                    let d = d.unwrap_or(Value::None);
                    set_env(&k, &d)?;
                    Ok(d)
                }
            }
        }
        "__getitem__" => {
            let [k] = args.bind("__getitem__", ["key"])?;
            let k = k.unwrap_or(Value::None);
            match lookup(&k)? {
                Some(v) => Ok(Value::str(&v)),
                None => Err(key_err(k.clone(), it.repr(&k)?)),
            }
        }
        "__setitem__" => {
            let [k, v] = args.bind("__setitem__", ["key", "value"])?;
            set_env(&k.unwrap_or(Value::None), &v.unwrap_or(Value::None))?;
            Ok(Value::None)
        }
        "__delitem__" | "pop" => {
            let [k, d] = args.bind(name, ["key", "default=None"])?;
            let k = k.unwrap_or(Value::None);
            match lookup(&k)? {
                Some(v) => {
                    std::env::remove_var(env_str(&k)?);
                    Ok(if name == "pop" {
                        Value::str(&v)
                    } else {
                        Value::None
                    })
                }
                None if name == "pop" && args.pos.len() + args.kw.len() > 1 => {
                    Ok(d.unwrap_or(Value::None))
                }
                None => Err(key_err(k.clone(), it.repr(&k)?)),
            }
        }
        "__contains__" => {
            let [k] = args.bind("__contains__", ["key"])?;
            Ok(Value::Bool(match k.unwrap_or(Value::None) {
                Value::Str(s) => std::env::var_os(s.as_ref()).is_some(),
                _ => false,
            }))
        }
        "__len__" => Ok(Value::Int(env_vars().len() as i64)),
        "keys" | "__iter__" => Ok(crate::eval::iter::iter_value_named(
            env_vars()
                .into_iter()
                .map(|(k, _)| Value::str(&k))
                .collect(),
            "dict_keyiterator",
        )),
        "values" => Ok(Value::list(
            env_vars()
                .into_iter()
                .map(|(_, v)| Value::str(&v))
                .collect(),
        )),
        "items" => Ok(Value::list(
            env_vars()
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![Value::str(&k), Value::str(&v)]))
                .collect(),
        )),
        "update" => {
            let [other] = args.bind("update", ["other"])?;
            if let Some(Value::Dict(d)) = other {
                let d = d.borrow().clone();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    set_env(k, v)?;
                }
            }
            for (k, v) in &args.kw {
                set_env(&Value::str(k), v)?;
            }
            Ok(Value::None)
        }
        _ => {
            let mut d = Dict::default();
            for (k, v) in env_vars() {
                d.insert(Value::str(&k), Value::str(&v))?;
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
    }
}

impl Object for Environ {
    fn type_name(&self) -> String {
        "_Environ".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(ENV_METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, env_method)))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        let parts: Vec<String> = env_vars()
            .iter()
            .map(|(k, v)| format!("{}: {}", quote(k), quote(v)))
            .collect();
        Ok(format!("environ({{{}}})", parts.join(", ")))
    }
    fn attr_names(&self) -> Vec<String> {
        ENV_METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
