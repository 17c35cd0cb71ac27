//! Python's `io` module and the builtin `open()`: text files (see `textfile.rs`), binary
//! files (`binfile.rs`), `io.StringIO`, `io.BytesIO` and `io.UnsupportedOperation`.

use super::binfile::{bytes_arg, size_arg, BinFile};
use super::oserror::{errno_error, fspath_named, int_arg, os_error};
use super::textfile::{lines_of, Encoding, Newline, TextFile};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::bytes::new_bytes;
use crate::eval::error::{err, raise, type_err, value_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// Sets `io`'s constants and classes (its functions are declared).
pub(crate) fn install(it: &mut Interp) {
    if let Some(Value::Module(m)) = it.modules.get("io").cloned() {
        m.set(
            "UnsupportedOperation",
            Value::ExcClass(ExcKind::UnsupportedOperation),
        );
        m.set("SEEK_SET", Value::Int(0));
        m.set("SEEK_CUR", Value::Int(1));
        m.set("SEEK_END", Value::Int(2));
        m.set("DEFAULT_BUFFER_SIZE", Value::Int(8192));
        m.set(
            "BytesIO",
            super::pyclass::PyClass::value("BytesIO", "_io", Some(new_bytesio), |v| {
                v.as_object::<BytesIO>().is_some()
            }),
        );
    }
}

/// Linux's `O_NONBLOCK`, `F_GETFL` and `F_SETFL`.
const O_NONBLOCK: i32 = 0o4000;
const F_GETFL: i32 = 3;
const F_SETFL: i32 = 4;

extern "C" {
    fn fcntl(fd: i32, cmd: i32, ...) -> i32;
}

/// Opens a FIFO for reading as CPython does, waiting for a writer, but with Ctrl-C heard:
/// the blocking open runs on a helper thread (released on interrupt by opening the FIFO
/// for writing), and the file then reads without blocking, so reads wait for data in
/// steps that check Ctrl-C (see `textfile.rs`).
fn open_fifo(it: &mut Interp, opts: &std::fs::OpenOptions, name: &str) -> R<std::fs::File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let (tx, rx) = std::sync::mpsc::channel();
    let (o, path) = (opts.clone(), name.to_string());
    std::thread::spawn(move || {
        let _ = tx.send(o.open(&path));
    });
    loop {
        match rx.recv_timeout(std::time::Duration::from_millis(10)) {
            Ok(r) => {
                let f = r.map_err(|e| os_error(&e, name))?;
                let fd = f.as_raw_fd();
                // SAFETY: `fd` is the open descriptor `f` owns; F_GETFL and F_SETFL only
                // read and set its status flags.
                unsafe {
                    let flags = fcntl(fd, F_GETFL);
                    if flags >= 0 {
                        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
                    }
                }
                return Ok(f);
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                if let Err(e) = it.check_interrupt() {
                    let _ = std::fs::OpenOptions::new()
                        .write(true)
                        .custom_flags(O_NONBLOCK)
                        .open(name);
                    return Err(e);
                }
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                return raise(ExcKind::OSError, "could not open the FIFO")
            }
        }
    }
}

/// The parts of an `open()` mode string.
struct Mode {
    read: bool,
    write: bool,
    append: bool,
    create: bool,
    plus: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> R<Mode> {
    let mut seen = std::collections::HashSet::new();
    let valid = mode
        .chars()
        .all(|c| "axrwb+t".contains(c) && seen.insert(c));
    if !valid {
        return raise(ExcKind::ValueError, format!("invalid mode: '{}'", mode));
    }
    let m = Mode {
        read: seen.contains(&'r'),
        write: seen.contains(&'w'),
        append: seen.contains(&'a'),
        create: seen.contains(&'x'),
        plus: seen.contains(&'+'),
        binary: seen.contains(&'b'),
    };
    if m.binary && seen.contains(&'t') {
        return raise(
            ExcKind::ValueError,
            "can't have text and binary mode at once",
        );
    }
    let n = [m.read, m.write, m.append, m.create]
        .iter()
        .filter(|x| **x)
        .count();
    if n > 1 {
        return raise(
            ExcKind::ValueError,
            "must have exactly one of create/read/write/append mode",
        );
    }
    if n == 0 {
        return raise(
            ExcKind::ValueError,
            "Must have exactly one of create/read/write/append mode and at most one plus",
        );
    }
    Ok(m)
}

builtin! {
    /// Open file and return a stream.  Raise OSError upon failure.
    python ["builtins.open", "io.open"]
    fn open(it, file, mode = "r", buffering = -1, encoding = None, errors = None, newline = None, closefd = True, opener = None) {
        let _ = (buffering, errors, closefd, opener);
        let name = match &file {
            Value::Int(_) | Value::Bool(_) => {
                return raise(ExcKind::NotImplementedError, "open() of a file descriptor is not supported")
            }
            _ => fspath_named(it, &file, "")
                .map_err(|_| type_err(format!(
                    "expected str, bytes or os.PathLike object, not {}",
                    file.type_name()
                )))?,
        };
        let Value::Str(mode_s) = &mode else {
            return Err(type_err(format!(
                "open() argument 'mode' must be str, not {}",
                mode.type_name()
            )));
        };
        let m = parse_mode(mode_s)?;
        if m.binary {
            if !matches!(encoding, Value::None) {
                return raise(ExcKind::ValueError, "binary mode doesn't take an encoding argument");
            }
            if !matches!(newline, Value::None) {
                return raise(ExcKind::ValueError, "binary mode doesn't take a newline argument");
            }
        }
        let (enc_name, enc) = match &encoding {
            Value::None => ("UTF-8".to_string(), Encoding::Utf8),
            Value::Str(s) => (s.to_string(), Encoding::named(s)?),
            other => {
                return Err(type_err(format!(
                    "open() argument 'encoding' must be str or None, not {}",
                    other.type_name()
                )))
            }
        };
        let nl = Newline::from_arg(&newline)?;
        let mut opts = std::fs::OpenOptions::new();
        opts.read(m.read || m.plus)
            .write(m.write || m.append || m.create || m.plus)
            .append(m.append)
            .truncate(m.write)
            .create(m.write || m.append)
            .create_new(m.create);
        let fifo = std::fs::metadata(&name).is_ok_and(|md| {
            use std::os::unix::fs::FileTypeExt;
            md.file_type().is_fifo()
        });
        let f = if fifo && m.read && !m.plus {
            open_fifo(it, &opts, &name)?
        } else {
            opts.open(&name).map_err(|e| os_error(&e, &name))?
        };
        if m.read && f.metadata().is_ok_and(|md| md.is_dir()) {
            return Err(errno_error(21, &name));
        }
        if m.binary {
            let mut f = f;
            if m.append {
                use std::io::Seek;
                let _ = f.seek(std::io::SeekFrom::End(0));
            }
            let plus = if m.plus { "+" } else { "" };
            let raw_mode = if m.create {
                format!("xb{}", plus)
            } else if m.append {
                format!("ab{}", plus)
            } else if m.read && !m.plus {
                "rb".to_string()
            } else if m.write && !m.plus {
                "wb".to_string()
            } else {
                "rb+".to_string()
            };
            return Ok(Value::Object(Rc::new(BinFile::new(
                f,
                name,
                raw_mode,
                m.read || m.plus,
                !m.read || m.plus,
            ))));
        }
        Ok(Value::Object(Rc::new(TextFile::new(
            f,
            name,
            mode_s.to_string(),
            enc_name,
            enc,
            nl,
            m.read || m.plus,
            !m.read || m.plus,
        ))))
    }
}

/// `io.StringIO`: an in-memory text stream.
pub(crate) struct StringIO {
    st: RefCell<Option<(Vec<char>, usize)>>,
}

builtin! {
    /// Text I/O implementation using an in-memory buffer.
    python ["io.StringIO"]
    fn StringIO(it, initial_value = "", newline = "\n") {
        let _ = (it, newline);
        let init = match &initial_value {
            Value::Str(s) => s.chars().collect(),
            Value::None => Vec::new(),
            other => {
                return Err(type_err(format!(
                    "initial_value must be str or None, not {}",
                    other.type_name()
                )))
            }
        };
        Ok(Value::Object(Rc::new(StringIO {
            st: RefCell::new(Some((init, 0))),
        })))
    }
}

const SIO_METHODS: &[&str] = &[
    "getvalue",
    "read",
    "readline",
    "readlines",
    "write",
    "writelines",
    "seek",
    "tell",
    "truncate",
    "close",
    "flush",
    "readable",
    "writable",
    "seekable",
    "isatty",
    "__enter__",
    "__exit__",
    "__iter__",
    "__next__",
];

impl StringIO {
    fn with<T>(&self, f: impl FnOnce(&mut Vec<char>, &mut usize) -> R<T>) -> R<T> {
        let mut st = self.st.borrow_mut();
        match st.as_mut() {
            Some((buf, pos)) => f(buf, pos),
            None => Err(value_err("I/O operation on closed file")),
        }
    }

    fn readline(&self, limit: i64) -> R<String> {
        self.with(|buf, pos| {
            let start = (*pos).min(buf.len());
            let mut end = match buf[start..].iter().position(|&c| c == '\n') {
                Some(i) => start + i + 1,
                None => buf.len(),
            };
            if limit >= 0 {
                end = end.min(start + limit as usize);
            }
            *pos = end.max(start);
            Ok(buf[start..end.max(start)].iter().collect())
        })
    }

    fn write(&self, v: &Value) -> R<usize> {
        let Value::Str(s) = v else {
            return Err(type_err(format!(
                "string argument expected, got '{}'",
                v.type_name()
            )));
        };
        self.with(|buf, pos| {
            let chars: Vec<char> = s.chars().collect();
            if *pos > buf.len() {
                if *pos > super::textfile::read_budget() {
                    return raise(ExcKind::MemoryError, "");
                }
                buf.resize(*pos, '\0');
            }
            let end = (*pos + chars.len()).min(buf.len());
            buf.splice(*pos..end, chars.iter().copied());
            *pos += chars.len();
            Ok(chars.len())
        })
    }
}

fn sio_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(s) = recv.as_object::<StringIO>() else {
        return Err(type_err("descriptor requires an '_io.StringIO' object"));
    };
    match name {
        "getvalue" => s.with(|buf, _| Ok(Value::str(&buf.iter().collect::<String>()))),
        "read" => {
            let [size] = args.bind("read", ["size=-1"])?;
            let n = size.map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
            s.with(|buf, pos| {
                let start = (*pos).min(buf.len());
                let end = if n < 0 {
                    buf.len()
                } else {
                    (start + n as usize).min(buf.len())
                };
                *pos = end.max(*pos);
                Ok(Value::str(&buf[start..end].iter().collect::<String>()))
            })
        }
        "readline" => {
            let [size] = args.bind("readline", ["size=-1"])?;
            let n = size.map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
            Ok(Value::str(&s.readline(n)?))
        }
        "readlines" => {
            let [_hint] = args.bind("readlines", ["hint=-1"])?;
            let mut lines = Vec::new();
            loop {
                let l = s.readline(-1)?;
                if l.is_empty() {
                    break;
                }
                lines.push(Value::str(&l));
            }
            Ok(Value::list(lines))
        }
        "write" => {
            let [v] = args.bind("write", ["s"])?;
            Ok(Value::Int(s.write(&v.unwrap_or(Value::None))? as i64))
        }
        "writelines" => {
            let [lines] = args.bind("writelines", ["lines"])?;
            let mut items = it.iterate(&lines.unwrap_or(Value::None))?;
            while let Some(l) = items.next(it)? {
                s.write(&l)?;
            }
            Ok(Value::None)
        }
        "seek" => {
            let [offset, whence] = args.bind("seek", ["pos", "whence=0"])?;
            let offset = int_arg(&offset.unwrap_or(Value::Int(0)))?;
            let whence = whence.map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
            s.with(|buf, pos| {
                match whence {
                    0 if offset < 0 => {
                        return raise(
                            ExcKind::ValueError,
                            format!("Negative seek position {}", offset),
                        )
                    }
                    0 => *pos = offset as usize,
                    1 | 2 if offset != 0 => {
                        return raise(
                            ExcKind::OSError,
                            if whence == 1 {
                                "Can't do nonzero cur-relative seeks"
                            } else {
                                "Can't do nonzero end-relative seeks"
                            },
                        )
                    }
                    1 => {}
                    2 => *pos = buf.len(),
                    w => {
                        return raise(
                            ExcKind::ValueError,
                            format!("Invalid whence ({}, should be 0, 1 or 2)", w),
                        )
                    }
                }
                Ok(Value::Int(*pos as i64))
            })
        }
        "tell" => s.with(|_, pos| Ok(Value::Int(*pos as i64))),
        "truncate" => {
            let [size] = args.bind("truncate", ["pos=None"])?;
            let size = size.map(|v| int_arg(&v)).transpose()?;
            s.with(|buf, pos| {
                let n = size.map(|n| n.max(0) as usize).unwrap_or(*pos);
                buf.truncate(n);
                Ok(Value::Int(n as i64))
            })
        }
        "close" | "__exit__" => {
            *s.st.borrow_mut() = None;
            Ok(Value::None)
        }
        "flush" => s.with(|_, _| Ok(Value::None)),
        "readable" | "writable" | "seekable" => s.with(|_, _| Ok(Value::Bool(true))),
        "isatty" => s.with(|_, _| Ok(Value::Bool(false))),
        "__enter__" => s.with(|_, _| Ok(recv.clone())),
        "__iter__" => s.with(|_, _| Ok(lines_of(recv.clone(), "StringIO"))),
        _ => {
            let l = s.readline(-1)?;
            if l.is_empty() {
                return Err(err(ExcKind::StopIteration, ""));
            }
            Ok(Value::str(&l))
        }
    }
}

impl Object for StringIO {
    fn type_name(&self) -> String {
        "StringIO".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = SIO_METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, sio_method)));
        }
        Ok(match name {
            "closed" => Some(Value::Bool(self.st.borrow().is_none())),
            "line_buffering" => Some(Value::Bool(false)),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_io.StringIO object at 0x{:x}>",
            self as *const StringIO as usize
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        SIO_METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(["closed".to_string()])
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `io.BytesIO`: an in-memory binary stream.
pub(crate) struct BytesIO {
    st: RefCell<Option<(Vec<u8>, usize)>>,
}

fn new_bytesio(_it: &mut Interp, _cls: &Value, args: Args) -> R<Value> {
    let [init] = args.bind("BytesIO", ["initial_bytes=None"])?;
    let init = match init {
        None | Some(Value::None) => Vec::new(),
        Some(v) => bytes_arg(&v)?,
    };
    Ok(Value::Object(Rc::new(BytesIO {
        st: RefCell::new(Some((init, 0))),
    })))
}

const BIO_METHODS: &[&str] = &[
    "getvalue",
    "read",
    "read1",
    "readline",
    "readlines",
    "write",
    "writelines",
    "seek",
    "tell",
    "truncate",
    "close",
    "flush",
    "readable",
    "writable",
    "seekable",
    "isatty",
    "__enter__",
    "__exit__",
    "__iter__",
    "__next__",
];

impl BytesIO {
    fn with<T>(&self, f: impl FnOnce(&mut Vec<u8>, &mut usize) -> R<T>) -> R<T> {
        let mut st = self.st.borrow_mut();
        match st.as_mut() {
            Some((buf, pos)) => f(buf, pos),
            None => Err(value_err("I/O operation on closed file.")),
        }
    }

    fn read(&self, n: i64) -> R<Vec<u8>> {
        self.with(|buf, pos| {
            let start = (*pos).min(buf.len());
            let end = if n < 0 {
                buf.len()
            } else {
                start.saturating_add(n as usize).min(buf.len())
            };
            *pos = (*pos).max(end);
            Ok(buf[start..end].to_vec())
        })
    }

    fn readline(&self, limit: i64) -> R<Vec<u8>> {
        self.with(|buf, pos| {
            let start = (*pos).min(buf.len());
            let mut end = match buf[start..].iter().position(|&c| c == b'\n') {
                Some(i) => start + i + 1,
                None => buf.len(),
            };
            if limit >= 0 {
                end = end.min(start.saturating_add(limit as usize));
            }
            *pos = (*pos).max(end);
            Ok(buf[start..end].to_vec())
        })
    }

    fn write(&self, v: &Value) -> R<usize> {
        let data = bytes_arg(v)?;
        self.with(|buf, pos| {
            if *pos > buf.len() {
                if *pos > super::textfile::read_budget() {
                    return raise(ExcKind::MemoryError, "");
                }
                buf.resize(*pos, 0);
            }
            let end = (*pos + data.len()).min(buf.len());
            buf.splice(*pos..end, data.iter().copied());
            *pos += data.len();
            Ok(data.len())
        })
    }
}

fn bio_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(b) = recv.as_object::<BytesIO>() else {
        return Err(type_err("descriptor requires an '_io.BytesIO' object"));
    };
    match name {
        "getvalue" => b.with(|buf, _| Ok(new_bytes(buf.clone()))),
        "read" | "read1" => {
            let [size] = args.bind(name, ["size=-1"])?;
            Ok(new_bytes(b.read(size_arg(size)?)?))
        }
        "readline" => {
            let [size] = args.bind("readline", ["size=-1"])?;
            Ok(new_bytes(b.readline(size_arg(size)?)?))
        }
        "readlines" => {
            let [hint] = args.bind("readlines", ["hint=-1"])?;
            let hint = size_arg(hint)?;
            let mut lines = Vec::new();
            let mut total = 0;
            loop {
                let l = b.readline(-1)?;
                if l.is_empty() {
                    break;
                }
                total += l.len();
                lines.push(new_bytes(l));
                if hint > 0 && total >= hint as usize {
                    break;
                }
            }
            Ok(Value::list(lines))
        }
        "write" => {
            let [v] = args.bind("write", ["b"])?;
            Ok(Value::Int(b.write(&v.unwrap_or(Value::None))? as i64))
        }
        "writelines" => {
            let [lines] = args.bind("writelines", ["lines"])?;
            b.with(|_, _| Ok(()))?;
            let mut items = it.iterate(&lines.unwrap_or(Value::None))?;
            while let Some(l) = items.next(it)? {
                b.write(&l)?;
            }
            Ok(Value::None)
        }
        "seek" => {
            let [offset, whence] = args.bind("seek", ["pos", "whence=0"])?;
            let offset = int_arg(&offset.unwrap_or(Value::Int(0)))?;
            let whence = whence.map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
            b.with(|buf, pos| {
                let to = match whence {
                    0 if offset < 0 => {
                        return raise(
                            ExcKind::ValueError,
                            format!("negative seek value {}", offset),
                        )
                    }
                    0 => offset,
                    1 => (*pos as i64 + offset).max(0),
                    2 => (buf.len() as i64 + offset).max(0),
                    w => {
                        return raise(
                            ExcKind::ValueError,
                            format!("invalid whence ({}, should be 0, 1 or 2)", w),
                        )
                    }
                };
                *pos = to as usize;
                Ok(Value::Int(to))
            })
        }
        "tell" => b.with(|_, pos| Ok(Value::Int(*pos as i64))),
        "truncate" => {
            let [size] = args.bind("truncate", ["size=None"])?;
            let size = match size {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(&v)?),
            };
            b.with(|buf, pos| {
                let n = size.unwrap_or(*pos as i64);
                if n < 0 {
                    return raise(ExcKind::ValueError, format!("negative size value {}", n));
                }
                buf.truncate(n as usize);
                Ok(Value::Int(n))
            })
        }
        "close" | "__exit__" => {
            *b.st.borrow_mut() = None;
            Ok(Value::None)
        }
        "flush" => b.with(|_, _| Ok(Value::None)),
        "readable" | "writable" | "seekable" => b.with(|_, _| Ok(Value::Bool(true))),
        "isatty" => b.with(|_, _| Ok(Value::Bool(false))),
        "__enter__" => b.with(|_, _| Ok(recv.clone())),
        "__iter__" => Ok(lines_of(recv.clone(), "BytesIO")),
        _ => {
            let l = b.readline(-1)?;
            if l.is_empty() {
                return Err(err(ExcKind::StopIteration, ""));
            }
            Ok(new_bytes(l))
        }
    }
}

impl Object for BytesIO {
    fn type_name(&self) -> String {
        "BytesIO".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = BIO_METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, bio_method)));
        }
        Ok(match name {
            "closed" => Some(Value::Bool(self.st.borrow().is_none())),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_io.BytesIO object at 0x{:x}>",
            self as *const BytesIO as usize
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        BIO_METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(["closed".to_string()])
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
