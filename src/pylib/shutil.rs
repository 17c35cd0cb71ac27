//! Python's `shutil`: copying files and trees, removing trees, moving, `which`, and
//! `disk_usage`.

use super::os_path::{join, split};
use super::oserror::{errno_error, fspath, os_error};
use crate::builtin;
use crate::eval::error::{type_err, R};
use crate::eval::value::{Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::rc::Rc;

fn path(it: &mut Interp, v: &Value) -> R<String> {
    fspath(it, v).map_err(|_| {
        type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.type_name()
        ))
    })
}

fn is_dir(p: &str) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_dir())
}

/// The destination a copy into `dst` writes: inside it when it is a directory.
fn target(src: &str, dst: &str) -> String {
    if is_dir(dst) {
        let name = split(src.trim_end_matches('/')).1;
        join(dst, &[name])
    } else {
        dst.to_string()
    }
}

fn copy_file(src: &str, dst: &str) -> R<()> {
    if is_dir(src) {
        return Err(errno_error(21, src));
    }
    std::fs::metadata(src).map_err(|e| os_error(&e, src))?;
    std::fs::copy(src, dst).map_err(|e| os_error(&e, dst))?;
    Ok(())
}

fn copy_times(src: &str, dst: &str) {
    if let Ok(m) = std::fs::metadata(src) {
        if let (Ok(t), Ok(f)) = (
            m.modified(),
            std::fs::OpenOptions::new().append(true).open(dst),
        ) {
            let _ = f.set_modified(t);
        }
    }
}

builtin! {
    /// Copy data from src to dst in the most efficient way possible.
    python ["shutil.copyfile"]
    fn copyfile(it, src, dst, *, follow_symlinks = True) {
        let _ = follow_symlinks;
        let (s, d) = (path(it, &src)?, path(it, &dst)?);
        copy_file(&s, &d)?;
        Ok(dst)
    }
}

builtin! {
    /// Copy data and mode bits ("cp src dst"). Return the file's destination.
    python ["shutil.copy"]
    fn copy(it, src, dst, *, follow_symlinks = True) {
        let _ = follow_symlinks;
        let (s, d) = (path(it, &src)?, path(it, &dst)?);
        let t = target(&s, &d);
        copy_file(&s, &t)?;
        Ok(if t == d { dst } else { Value::str(&t) })
    }
}

builtin! {
    /// Copy data and metadata. Return the file's destination.
    python ["shutil.copy2"]
    fn copy2(it, src, dst, *, follow_symlinks = True) {
        let _ = follow_symlinks;
        let (s, d) = (path(it, &src)?, path(it, &dst)?);
        let t = target(&s, &d);
        copy_file(&s, &t)?;
        copy_times(&s, &t);
        Ok(if t == d { dst } else { Value::str(&t) })
    }
}

fn copy_tree(it: &mut Interp, src: &str, dst: &str, exist_ok: bool) -> R<()> {
    it.check_interrupt()?;
    let rd = std::fs::read_dir(src).map_err(|e| os_error(&e, src))?;
    if let Err(e) = std::fs::create_dir_all(dst) {
        return Err(os_error(&e, dst));
    }
    let _ = exist_ok;
    for e in rd {
        let e = e.map_err(|e| os_error(&e, src))?;
        let name = e.file_name().to_string_lossy().into_owned();
        let (s, d) = (
            join(src, std::slice::from_ref(&name)),
            join(dst, std::slice::from_ref(&name)),
        );
        if is_dir(&s) {
            copy_tree(it, &s, &d, true)?;
        } else {
            copy_file(&s, &d)?;
            copy_times(&s, &d);
        }
    }
    Ok(())
}

builtin! {
    /// Recursively copy a directory tree and return the destination directory.
    python ["shutil.copytree"]
    fn copytree(it, src, dst, symlinks = False, ignore = None, copy_function = None, ignore_dangling_symlinks = False, dirs_exist_ok = False) {
        let _ = (symlinks, ignore, copy_function, ignore_dangling_symlinks);
        let (s, d) = (path(it, &src)?, path(it, &dst)?);
        let exist_ok = it.truthy(&dirs_exist_ok)?;
        std::fs::metadata(&s).map_err(|e| os_error(&e, &s))?;
        if !exist_ok && std::fs::symlink_metadata(&d).is_ok() {
            return Err(errno_error(17, &d));
        }
        copy_tree(it, &s, &d, exist_ok)?;
        Ok(dst)
    }
}

fn remove_tree(it: &mut Interp, p: &str) -> R<()> {
    it.check_interrupt()?;
    let rd = std::fs::read_dir(p).map_err(|e| os_error(&e, p))?;
    for e in rd {
        let e = e.map_err(|e| os_error(&e, p))?;
        let child = e.path().to_string_lossy().into_owned();
        let dir = e.file_type().is_ok_and(|t| t.is_dir());
        if dir {
            remove_tree(it, &child)?;
        } else {
            std::fs::remove_file(&child).map_err(|e| os_error(&e, &child))?;
        }
    }
    std::fs::remove_dir(p).map_err(|e| os_error(&e, p))
}

builtin! {
    /// Recursively delete a directory tree.
    python ["shutil.rmtree"]
    fn rmtree(it, path_, ignore_errors = False, onerror = None, *, dir_fd = None) {
        let _ = (onerror, dir_fd);
        let p = path(it, &path_)?;
        let ignore = it.truthy(&ignore_errors)?;
        if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
            if ignore {
                return Ok(Value::None);
            }
            return Err(crate::eval::error::err(
                crate::errors::ExcKind::OSError,
                "Cannot call rmtree on a symbolic link",
            ));
        }
        if std::fs::metadata(&p).is_ok_and(|m| !m.is_dir()) {
            if ignore {
                return Ok(Value::None);
            }
            return Err(errno_error(20, &p));
        }
        match remove_tree(it, &p) {
            Err(crate::eval::error::Flow::Error(_)) if ignore => Ok(Value::None),
            r => r.map(|_| Value::None),
        }
    }
}

builtin! {
    /// Recursively move a file or directory to another location.
    python ["shutil.move"]
    fn r#move(it, src, dst, copy_function = None) {
        let _ = copy_function;
        let (s, d) = (path(it, &src)?, path(it, &dst)?);
        let t = target(&s, &d);
        if t != d && std::fs::symlink_metadata(&t).is_ok() {
            return Err(crate::eval::error::err(
                crate::errors::ExcKind::OSError,
                format!("Destination path '{}' already exists", t),
            ));
        }
        if std::fs::rename(&s, &t).is_err() {
            if is_dir(&s) {
                copy_tree(it, &s, &t, false)?;
                remove_tree(it, &s)?;
            } else {
                copy_file(&s, &t)?;
                copy_times(&s, &t);
                std::fs::remove_file(&s).map_err(|e| os_error(&e, &s))?;
            }
        }
        Ok(if t == d { dst } else { Value::str(&t) })
    }
}

builtin! {
    /// Given a command, mode, and a PATH string, return the path which conforms to the given mode on the PATH, or None if there is no such file.
    python ["shutil.which"]
    fn which(it, cmd, mode = 1, path = None) {
        let _ = mode;
        let c = match &cmd {
            Value::Str(s) => s.to_string(),
            v => fspath(it, v)?,
        };
        let executable = |p: &str| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        };
        if c.contains('/') {
            return Ok(if executable(&c) { Value::str(&c) } else { Value::None });
        }
        let dirs = match path {
            Value::Str(s) => s.to_string(),
            _ => std::env::var("PATH").unwrap_or_else(|_| "/bin:/usr/bin".into()),
        };
        for d in dirs.split(':') {
            let d = if d.is_empty() { "." } else { d };
            let p = join(d, std::slice::from_ref(&c));
            if executable(&p) {
                return Ok(Value::str(&p));
            }
        }
        Ok(Value::None)
    }
}

/// `shutil.disk_usage`'s named tuple `usage(total, used, free)`.
struct Usage {
    total: i64,
    used: i64,
    free: i64,
}

impl Object for Usage {
    fn type_name(&self) -> String {
        "usage".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "total" => Some(Value::Int(self.total)),
            "used" => Some(Value::Int(self.used)),
            "free" => Some(Value::Int(self.free)),
            _ => None,
        })
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(vec![
            Value::Int(self.total),
            Value::Int(self.used),
            Value::Int(self.free),
        ])
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "usage(total={}, used={}, free={})",
            self.total, self.used, self.free
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The C library's `statvfs` record (Linux, 64-bit).
#[repr(C)]
struct StatVfs {
    f_bsize: u64,
    f_frsize: u64,
    f_blocks: u64,
    f_bfree: u64,
    f_bavail: u64,
    f_files: u64,
    f_ffree: u64,
    f_favail: u64,
    f_fsid: u64,
    f_flag: u64,
    f_namemax: u64,
    spare: [i32; 6],
}

extern "C" {
    fn statvfs(path: *const std::os::raw::c_char, buf: *mut StatVfs) -> i32;
}

builtin! {
    /// Return disk usage statistics about the given path.
    python ["shutil.disk_usage"]
    fn disk_usage(it, path_) {
        let p = path(it, &path_)?;
        let c = std::ffi::CString::new(p.clone())
            .map_err(|_| crate::eval::error::value_err("embedded null byte"))?;
        let mut st = std::mem::MaybeUninit::<StatVfs>::zeroed();
        // SAFETY: `c` is a NUL-terminated string that outlives the call, and `st` points
        // to writable memory of the record's size and layout, which statvfs fills.
        let rc = unsafe { statvfs(c.as_ptr(), st.as_mut_ptr()) };
        if rc != 0 {
            return Err(os_error(&std::io::Error::last_os_error(), &p));
        }
        // SAFETY: statvfs returned 0, so it filled the record (and it started zeroed).
        let st = unsafe { st.assume_init() };
        let total = (st.f_blocks * st.f_frsize) as i64;
        let free = (st.f_bavail * st.f_frsize) as i64;
        let used = ((st.f_blocks - st.f_bfree) * st.f_frsize) as i64;
        Ok(Value::Object(Rc::new(Usage { total, used, free })))
    }
}

/// `install` for `shutil` (everything is declared).
pub(crate) fn install(_it: &mut Interp) {}
