//! The binary file objects `open(..., 'rb' | 'wb' | 'ab' | 'r+b' ...)` returns:
//! `_io.BufferedReader`, `_io.BufferedWriter` and `_io.BufferedRandom`. Reads go through
//! a read-ahead buffer filled a chunk at a time (Ctrl-C heard, the memory budget kept);
//! writes take any bytes-like object; errors are worded as CPython words them, down to
//! which method of a closed file says what.

use super::oserror::{int_arg, os_error, quote};
use super::textfile::{lines_of, State};
use crate::errors::ExcKind;
use crate::eval::bytes::{bytes_of, new_bytes};
use crate::eval::error::{err, raise, type_err, value_err, Flow, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

/// A file opened in binary mode.
pub(crate) struct BinFile {
    st: RefCell<State>,
    name: String,
    /// The raw file's mode: `rb`, `wb`, `ab`, `xb`, `rb+`, `ab+`, `xb+`.
    mode: String,
    readable: bool,
    writable: bool,
}

/// A bytes-like argument, with CPython's error for anything else.
pub(crate) fn bytes_arg(v: &Value) -> R<Vec<u8>> {
    bytes_of(v).ok_or_else(|| {
        type_err(format!(
            "a bytes-like object is required, not '{}'",
            v.type_name()
        ))
    })
}

/// A `size` argument: an int, or None for "all".
pub(crate) fn size_arg(v: Option<Value>) -> R<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(Value::Int(i)) => Ok(i),
        Some(Value::Bool(b)) => Ok(b as i64),
        Some(other) => Err(type_err(format!(
            "argument should be integer or None, not '{}'",
            other.type_name()
        ))),
    }
}

impl BinFile {
    pub(crate) fn new(
        file: File,
        name: String,
        mode: String,
        readable: bool,
        writable: bool,
    ) -> BinFile {
        BinFile {
            st: RefCell::new(State {
                file: Some(file),
                buf: Vec::new(),
                pos: 0,
                eof: false,
            }),
            name,
            mode,
            readable,
            writable,
        }
    }

    fn class(&self) -> &'static str {
        match (self.readable, self.writable) {
            (true, true) => "BufferedRandom",
            (true, false) => "BufferedReader",
            _ => "BufferedWriter",
        }
    }

    fn closed(&self) -> bool {
        self.st.borrow().file.is_none()
    }

    /// The error method `m` of a closed file raises, as CPython's buffered classes word it.
    fn closed_error(&self, m: &str) -> Flow {
        let random = self.readable && self.writable;
        let msg = match m {
            "read" | "read1" => "read of closed file",
            "readline" | "__next__" => "readline of closed file",
            "seek" => "seek of closed file",
            "truncate" => "truncate of closed file",
            "write" => "write to closed file",
            "flush" if self.writable => "flush of closed file",
            "flush" | "readlines" | "writelines" | "__iter__" | "__enter__" => {
                "I/O operation on closed file."
            }
            _ if random => "I/O operation on closed file",
            _ => "I/O operation on closed file",
        };
        value_err(msg)
    }

    /// Checks that method `m` may run: readable/writable first, then open.
    fn check(&self, m: &str) -> R<()> {
        let reads = matches!(m, "read" | "read1" | "readline" | "__next__");
        if reads && !self.readable {
            return raise(ExcKind::UnsupportedOperation, "read");
        }
        if matches!(m, "write") && !self.writable {
            return raise(ExcKind::UnsupportedOperation, "write");
        }
        if self.closed() {
            return Err(self.closed_error(m));
        }
        if m == "truncate" && !self.writable {
            return raise(ExcKind::UnsupportedOperation, "truncate");
        }
        Ok(())
    }

    /// Reads one more chunk into the buffer; false at end of file.
    fn fill(&self, it: &mut Interp) -> R<bool> {
        self.st
            .borrow_mut()
            .fill(it, "read of closed file", &self.name)
    }

    fn unread(&self) -> usize {
        let st = self.st.borrow();
        st.buf.len() - st.pos
    }

    fn take(&self, n: usize) -> Vec<u8> {
        let mut st = self.st.borrow_mut();
        let start = st.pos;
        let end = start.saturating_add(n).min(st.buf.len());
        st.pos = end;
        st.buf[start..end].to_vec()
    }

    /// `read(size=-1)`.
    fn read(&self, it: &mut Interp, size: i64) -> R<Vec<u8>> {
        self.check("read")?;
        if size < -1 {
            return raise(
                ExcKind::ValueError,
                "read length must be non-negative or -1",
            );
        }
        if size < 0 {
            while self.fill(it)? {}
            return Ok(self.take(usize::MAX));
        }
        let n = size as usize;
        while self.unread() < n && self.fill(it)? {}
        Ok(self.take(n))
    }

    /// `readline(size=-1)`: up to and including the next `\n`.
    fn readline(&self, it: &mut Interp, limit: i64) -> R<Vec<u8>> {
        self.check("readline")?;
        let mut scanned = 0;
        loop {
            let (found, avail) = {
                let st = self.st.borrow();
                let data = &st.buf[st.pos..];
                let found = data[scanned.min(data.len())..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map(|i| i + scanned + 1);
                (found, data.len())
            };
            let want = match found {
                Some(end) => Some(end),
                None if limit >= 0 && avail >= limit as usize => Some(avail),
                None => None,
            };
            if let Some(end) = want {
                let cut = if limit >= 0 {
                    end.min(limit as usize)
                } else {
                    end
                };
                return Ok(self.take(cut));
            }
            scanned = avail;
            if !self.fill(it)? {
                let cut = if limit >= 0 {
                    avail.min(limit as usize)
                } else {
                    avail
                };
                return Ok(self.take(cut));
            }
        }
    }

    /// Drops the read-ahead, putting the file's position back where the program is.
    fn sync(&self) -> R<()> {
        let mut st = self.st.borrow_mut();
        let unread = (st.buf.len() - st.pos) as i64;
        st.buf.clear();
        st.pos = 0;
        st.eof = false;
        if let Some(f) = st.file.as_mut() {
            if unread > 0 {
                f.seek(SeekFrom::Current(-unread))
                    .map_err(|e| os_error(&e, &self.name))?;
            }
        }
        Ok(())
    }

    fn write(&self, v: &Value) -> R<usize> {
        self.check("write")?;
        let data = bytes_arg(v)?;
        self.sync()?;
        let mut st = self.st.borrow_mut();
        let Some(f) = st.file.as_mut() else {
            return Err(self.closed_error("write"));
        };
        f.write_all(&data).map_err(|e| os_error(&e, &self.name))?;
        Ok(data.len())
    }

    fn tell(&self) -> R<i64> {
        if self.closed() {
            return Err(self.closed_error("tell"));
        }
        let unread = self.unread() as u64;
        let mut st = self.st.borrow_mut();
        let Some(f) = st.file.as_mut() else {
            return Err(self.closed_error("tell"));
        };
        let p = f.stream_position().map_err(|e| os_error(&e, &self.name))?;
        Ok(p.saturating_sub(unread) as i64)
    }

    fn seek(&self, offset: i64, whence: i64) -> R<i64> {
        if !(0..=2).contains(&whence) {
            return raise(
                ExcKind::ValueError,
                format!("whence value {} unsupported", whence),
            );
        }
        self.check("seek")?;
        let here = self.tell()?;
        let target = match whence {
            0 => SeekFrom::Start(offset.max(0) as u64),
            1 => {
                let to = here + offset;
                if to < 0 {
                    return Err(invalid_argument());
                }
                SeekFrom::Start(to as u64)
            }
            _ => SeekFrom::End(offset),
        };
        if whence == 0 && offset < 0 {
            return Err(invalid_argument());
        }
        let mut st = self.st.borrow_mut();
        st.buf.clear();
        st.pos = 0;
        st.eof = false;
        let Some(f) = st.file.as_mut() else {
            return Err(self.closed_error("seek"));
        };
        match f.seek(target) {
            Ok(p) => Ok(p as i64),
            Err(e) if e.raw_os_error() == Some(22) => Err(invalid_argument()),
            Err(e) => Err(os_error(&e, &self.name)),
        }
    }

    fn truncate(&self, size: Option<i64>) -> R<i64> {
        self.check("truncate")?;
        let size = match size {
            Some(n) => n,
            None => self.tell()?,
        };
        if size < 0 {
            return Err(invalid_argument());
        }
        self.sync()?;
        let st = self.st.borrow();
        let Some(f) = st.file.as_ref() else {
            return Err(self.closed_error("truncate"));
        };
        f.set_len(size as u64)
            .map_err(|e| os_error(&e, &self.name))?;
        Ok(size)
    }

    pub(crate) fn close(&self) {
        let mut st = self.st.borrow_mut();
        if let Some(mut f) = st.file.take() {
            let _ = f.flush();
        }
        st.buf = Vec::new();
        st.pos = 0;
    }
}

/// `OSError: [Errno 22] Invalid argument`, with no file name (as lseek reports it).
fn invalid_argument() -> Flow {
    err(ExcKind::OSError, "[Errno 22] Invalid argument")
}

const METHODS: &[&str] = &[
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
    "fileno",
    "__enter__",
    "__exit__",
    "__iter__",
    "__next__",
];

fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(f) = recv.as_object::<BinFile>() else {
        return Err(type_err("descriptor requires a buffered file object"));
    };
    match name {
        "read" | "read1" => {
            let [size] = args.bind(name, ["size=-1"])?;
            Ok(new_bytes(f.read(it, size_arg(size)?)?))
        }
        "readline" => {
            let [size] = args.bind("readline", ["size=-1"])?;
            Ok(new_bytes(f.readline(it, size_arg(size)?)?))
        }
        "readlines" => {
            let [hint] = args.bind("readlines", ["hint=-1"])?;
            let hint = size_arg(hint)?;
            if f.closed() {
                return Err(f.closed_error("readlines"));
            }
            let mut lines = Vec::new();
            let mut total = 0usize;
            loop {
                let l = f.readline(it, -1)?;
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
            let [b] = args.bind("write", ["buffer"])?;
            Ok(Value::Int(f.write(&b.unwrap_or(Value::None))? as i64))
        }
        "writelines" => {
            let [lines] = args.bind("writelines", ["lines"])?;
            if f.closed() {
                return Err(f.closed_error("writelines"));
            }
            let mut items = it.iterate(&lines.unwrap_or(Value::None))?;
            while let Some(l) = items.next(it)? {
                f.write(&l)?;
            }
            Ok(Value::None)
        }
        "seek" => {
            let [offset, whence] = args.bind("seek", ["target", "whence=0"])?;
            let offset = int_arg(&offset.unwrap_or(Value::Int(0)))?;
            let whence = whence.map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
            Ok(Value::Int(f.seek(offset, whence)?))
        }
        "tell" => Ok(Value::Int(f.tell()?)),
        "truncate" => {
            let [size] = args.bind("truncate", ["pos=None"])?;
            let size = match size {
                None | Some(Value::None) => None,
                Some(v) => Some(int_arg(&v)?),
            };
            Ok(Value::Int(f.truncate(size)?))
        }
        "close" | "__exit__" => {
            f.close();
            Ok(Value::None)
        }
        "flush" => {
            if f.closed() {
                return Err(f.closed_error("flush"));
            }
            Ok(Value::None)
        }
        "readable" | "writable" | "seekable" | "isatty" => {
            if f.closed() {
                let quiet =
                    (name == "readable" && !f.readable) || (name == "writable" && !f.writable);
                if quiet {
                    return Ok(Value::Bool(false));
                }
                return Err(f.closed_error(name));
            }
            Ok(Value::Bool(match name {
                "readable" => f.readable,
                "writable" => f.writable,
                "seekable" => true,
                _ => false,
            }))
        }
        "fileno" => {
            use std::os::fd::AsRawFd;
            let st = f.st.borrow();
            match &st.file {
                Some(file) => Ok(Value::Int(file.as_raw_fd() as i64)),
                None => Err(f.closed_error("fileno")),
            }
        }
        "__enter__" => {
            if f.closed() {
                return Err(f.closed_error("__enter__"));
            }
            Ok(recv.clone())
        }
        "__iter__" => {
            if f.closed() {
                return Err(f.closed_error("__iter__"));
            }
            Ok(lines_of(recv.clone(), f.class()))
        }
        _ => {
            f.check("__next__")?;
            let l = f.readline(it, -1)?;
            if l.is_empty() {
                return Err(err(ExcKind::StopIteration, ""));
            }
            Ok(new_bytes(l))
        }
    }
}

impl Object for BinFile {
    fn type_name(&self) -> String {
        self.class().into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            "mode" => Some(Value::str(&self.mode)),
            "closed" => Some(Value::Bool(self.closed())),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!("<_io.{} name={}>", self.class(), quote(&self.name)))
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(["name", "mode", "closed"].map(String::from))
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
