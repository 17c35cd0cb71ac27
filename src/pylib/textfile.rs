//! The text file object `open()` returns (`_io.TextIOWrapper`): reads decode and translate
//! newlines as CPython does, line by line or in counted characters, through a read-ahead
//! buffer filled one chunk at a time. Every fill checks Ctrl-C and the session's memory
//! budget, so reading an endless device fails with MemoryError instead of exhausting the
//! machine.

use super::oserror::{int_arg, os_error, quote};
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, value_err, R};
use crate::eval::iter::{iter_object, PyIter};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

const CHUNK: usize = 64 * 1024;

/// A text encoding tensh can decode and encode.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Encoding {
    Utf8,
    Latin1,
    Ascii,
}

impl Encoding {
    /// The encoding a name denotes (Python's aliases), or LookupError.
    pub(crate) fn named(name: &str) -> R<Encoding> {
        let n = name.to_ascii_lowercase().replace(['_', ' '], "-");
        Ok(match n.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Encoding::Utf8,
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" => {
                Encoding::Latin1
            }
            "ascii" | "us-ascii" | "646" => Encoding::Ascii,
            _ => return raise(ExcKind::LookupError, format!("unknown encoding: {}", name)),
        })
    }

    fn codec(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Latin1 => "latin-1",
            Encoding::Ascii => "ascii",
        }
    }

    fn is_char_start(self, b: u8) -> bool {
        self != Encoding::Utf8 || (b & 0xC0) != 0x80
    }

    /// Decodes `bytes`, which start `offset` bytes into what this read returns.
    pub(crate) fn decode(self, bytes: &[u8]) -> R<String> {
        match self {
            Encoding::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_string()),
                Err(e) => {
                    let at = e.valid_up_to();
                    let reason = match e.error_len() {
                        None => "unexpected end of data",
                        Some(_) if bytes[at] >= 0x80 && bytes[at] < 0xC2 => "invalid start byte",
                        Some(_) if bytes[at] > 0xF4 => "invalid start byte",
                        Some(_) => "invalid continuation byte",
                    };
                    raise(
                        ExcKind::UnicodeDecodeError,
                        format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                            bytes[at], at, reason
                        ),
                    )
                }
            },
            Encoding::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
            Encoding::Ascii => match bytes.iter().position(|&b| b >= 0x80) {
                Some(at) => raise(
                    ExcKind::UnicodeDecodeError,
                    format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        bytes[at], at
                    ),
                ),
                None => Ok(String::from_utf8_lossy(bytes).into_owned()),
            },
        }
    }

    pub(crate) fn encode(self, s: &str) -> R<Vec<u8>> {
        let limit = match self {
            Encoding::Utf8 => return Ok(s.as_bytes().to_vec()),
            Encoding::Latin1 => 256,
            Encoding::Ascii => 128,
        };
        let mut out = Vec::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            if (c as u32) >= limit {
                let what = if limit == 128 { "128" } else { "256" };
                return raise(
                    ExcKind::UnicodeEncodeError,
                    format!(
                        "'{}' codec can't encode character '\\x{:02x}' in position {}: ordinal not in range({})",
                        self.codec(),
                        c as u32,
                        i,
                        what
                    ),
                );
            }
            out.push(c as u8);
        }
        Ok(out)
    }
}

/// How a text file treats line endings (`newline=`).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Newline {
    /// `None`: `\n`, `\r` and `\r\n` end lines and read as `\n`.
    Universal,
    /// `''`: any of them ends a line, kept as is.
    Any,
    /// `'\n'`, `'\r'` or `'\r\n'`: only that ends a line; writes translate `\n` to it.
    Exactly(&'static str),
}

impl Newline {
    pub(crate) fn from_arg(v: &Value) -> R<Newline> {
        Ok(match v {
            Value::None => Newline::Universal,
            Value::Str(s) => match s.as_ref() {
                "" => Newline::Any,
                "\n" => Newline::Exactly("\n"),
                "\r" => Newline::Exactly("\r"),
                "\r\n" => Newline::Exactly("\r\n"),
                other => {
                    return raise(
                        ExcKind::ValueError,
                        format!("illegal newline value: {}", other),
                    )
                }
            },
            other => {
                return Err(type_err(format!(
                    "open() argument 'newline' must be str or None, not {}",
                    other.type_name()
                )))
            }
        })
    }
}

/// The state of an open file.
pub(crate) struct State {
    pub(crate) file: Option<File>,
    /// Bytes read ahead of the position the program sees; `buf[pos..]` is unread.
    pub(crate) buf: Vec<u8>,
    pub(crate) pos: usize,
    pub(crate) eof: bool,
}

impl State {
    /// Reads one more chunk of the file into the buffer; false at end of file. `closed` is
    /// the error of a read after close, worded as the file kind's.
    pub(crate) fn fill(&mut self, it: &mut Interp, closed: &str, name: &str) -> R<bool> {
        let st = self;
        if st.eof {
            return Ok(false);
        }
        if st.pos > 0 {
            let pos = st.pos;
            st.buf.drain(..pos);
            st.pos = 0;
        }
        // Chunks grow with the buffer, so a large read takes few calls.
        let chunk = (st.buf.len() / 2).clamp(CHUNK, 16 * CHUNK * CHUNK / 1024);
        if st.buf.len() + chunk > read_budget() {
            return raise(ExcKind::MemoryError, "");
        }
        let old = st.buf.len();
        st.buf.resize(old + chunk, 0);
        loop {
            it.check_interrupt()?;
            let State { file, buf, .. } = &mut *st;
            let Some(f) = file.as_mut() else {
                return Err(value_err(closed));
            };
            match f.read(&mut buf[old..]) {
                Ok(n) => {
                    st.buf.truncate(old + n);
                    if n == 0 {
                        st.eof = true;
                    }
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // A FIFO opened without blocking: wait for data, Ctrl-C still heard.
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                }
                Err(e) => {
                    st.buf.truncate(old);
                    return Err(os_error(&e, name));
                }
            }
        }
    }
}

/// `_io.TextIOWrapper`: a file opened in text mode.
pub(crate) struct TextFile {
    st: RefCell<State>,
    pub(crate) name: String,
    pub(crate) mode: String,
    pub(crate) encoding: String,
    enc: Encoding,
    newline: Newline,
    readable: bool,
    writable: bool,
}

impl TextFile {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        file: File,
        name: String,
        mode: String,
        encoding: String,
        enc: Encoding,
        newline: Newline,
        readable: bool,
        writable: bool,
    ) -> TextFile {
        TextFile {
            st: RefCell::new(State {
                file: Some(file),
                buf: Vec::new(),
                pos: 0,
                eof: false,
            }),
            name,
            mode,
            encoding,
            enc,
            newline,
            readable,
            writable,
        }
    }

    fn closed(&self) -> bool {
        self.st.borrow().file.is_none()
    }

    fn check_open(&self) -> R<()> {
        if self.closed() {
            return Err(value_err("I/O operation on closed file."));
        }
        Ok(())
    }

    fn check_readable(&self) -> R<()> {
        self.check_open()?;
        if !self.readable {
            return raise(ExcKind::UnsupportedOperation, "not readable");
        }
        Ok(())
    }

    fn check_writable(&self) -> R<()> {
        self.check_open()?;
        if !self.writable {
            return raise(ExcKind::UnsupportedOperation, "not writable");
        }
        Ok(())
    }

    /// Reads one more chunk into the buffer; false at end of file.
    fn fill(&self, it: &mut Interp) -> R<bool> {
        self.st
            .borrow_mut()
            .fill(it, "I/O operation on closed file.", &self.name)
    }

    /// Where the next line ends in the unread bytes (one past its terminator), whether
    /// more bytes are needed to know, or None when no terminator is buffered.
    fn line_end(&self, data: &[u8], eof: bool) -> Option<Result<usize, ()>> {
        match self.newline {
            Newline::Exactly(t) => {
                let t = t.as_bytes();
                data.windows(t.len())
                    .position(|w| w == t)
                    .map(|i| Ok(i + t.len()))
            }
            Newline::Universal | Newline::Any => {
                let i = data.iter().position(|&b| b == b'\n' || b == b'\r')?;
                if data[i] == b'\n' {
                    return Some(Ok(i + 1));
                }
                match data.get(i + 1) {
                    Some(b'\n') => Some(Ok(i + 2)),
                    Some(_) => Some(Ok(i + 1)),
                    None if eof => Some(Ok(i + 1)),
                    None => Some(Err(())),
                }
            }
        }
    }

    /// Decodes read bytes and translates line endings as reading shows them.
    fn text_of(&self, raw: &[u8]) -> R<String> {
        let s = self.enc.decode(raw)?;
        Ok(match self.newline {
            Newline::Universal if s.contains('\r') => s.replace("\r\n", "\n").replace('\r', "\n"),
            _ => s,
        })
    }

    fn take(&self, n: usize) -> Vec<u8> {
        let mut st = self.st.borrow_mut();
        let start = st.pos;
        let end = (start + n).min(st.buf.len());
        st.pos = end;
        st.buf[start..end].to_vec()
    }

    /// `readline(size=-1)`.
    pub(crate) fn readline(&self, it: &mut Interp, limit: i64) -> R<String> {
        self.check_readable()?;
        let mut scanned = 0;
        loop {
            let (found, avail) = {
                let st = self.st.borrow();
                let data = &st.buf[st.pos..];
                let from = scanned.min(data.len());
                let found = self
                    .line_end(&data[from..], st.eof)
                    .map(|r| r.map(|e| e + from));
                (found, data.len())
            };
            let end = match found {
                Some(Ok(end)) => Some(end),
                Some(Err(())) => None,
                None if limit >= 0 && self.char_prefix(limit as usize, avail) < avail => {
                    Some(avail)
                }
                None => {
                    scanned = avail.saturating_sub(1);
                    None
                }
            };
            if let Some(end) = end {
                let cut = if limit >= 0 {
                    self.char_prefix(limit as usize, end)
                } else {
                    end
                };
                let raw = self.take(cut);
                return self.text_of(&raw);
            }
            if !self.fill(it)? {
                let avail = {
                    let st = self.st.borrow();
                    st.buf.len() - st.pos
                };
                if matches!(found, Some(Err(()))) {
                    continue;
                }
                let cut = if limit >= 0 {
                    self.char_prefix(limit as usize, avail)
                } else {
                    avail
                };
                let raw = self.take(cut);
                return self.text_of(&raw);
            }
        }
    }

    /// How many of the first `end` unread bytes make up at most `n` characters.
    fn char_prefix(&self, n: usize, end: usize) -> usize {
        let st = self.st.borrow();
        let data = &st.buf[st.pos..st.pos + end];
        let mut count = 0;
        for (i, &b) in data.iter().enumerate() {
            if self.enc.is_char_start(b) {
                if count == n {
                    return i;
                }
                count += 1;
            }
        }
        end
    }

    /// `read(size=-1)`: the rest of the file, or at most `size` characters of it.
    pub(crate) fn read(&self, it: &mut Interp, size: i64) -> R<String> {
        self.check_readable()?;
        if size < 0 {
            while self.fill(it)? {}
            let raw = self.take(usize::MAX / 2);
            return self.text_of(&raw);
        }
        let n = size as usize;
        loop {
            let (end, complete) = self.scan_chars(n);
            if complete {
                let raw = self.take(end);
                return self.text_of(&raw);
            }
            if !self.fill(it)? {
                let raw = self.take(usize::MAX / 2);
                return self.text_of(&raw);
            }
        }
    }

    /// The unread bytes making up `n` characters as reading shows them (`\r\n` is one
    /// under universal newlines), and whether the buffer held enough to be sure.
    fn scan_chars(&self, n: usize) -> (usize, bool) {
        let st = self.st.borrow();
        let data = &st.buf[st.pos..];
        let mut count = 0;
        let mut i = 0;
        while i < data.len() {
            let b = data[i];
            if self.enc.is_char_start(b) {
                if count == n {
                    return (i, true);
                }
                count += 1;
                if b == b'\r' && self.newline == Newline::Universal {
                    match data.get(i + 1) {
                        Some(b'\n') => {
                            i += 2;
                            continue;
                        }
                        None if !st.eof => return (i, false),
                        _ => {}
                    }
                }
            }
            i += 1;
        }
        (data.len(), st.eof && count <= n)
    }

    /// `write(s)`: the number of characters written.
    pub(crate) fn write(&self, s: &Value) -> R<usize> {
        self.check_writable()?;
        let Value::Str(s) = s else {
            return Err(type_err(format!(
                "write() argument must be str, not {}",
                s.type_name()
            )));
        };
        let text = match self.newline {
            Newline::Exactly(t) if t != "\n" => s.replace('\n', t),
            _ => s.to_string(),
        };
        let bytes = self.enc.encode(&text)?;
        let mut st = self.st.borrow_mut();
        let unread = (st.buf.len() - st.pos) as i64;
        st.buf.clear();
        st.pos = 0;
        st.eof = false;
        let Some(f) = st.file.as_mut() else {
            return Err(value_err("I/O operation on closed file."));
        };
        if unread > 0 {
            f.seek(SeekFrom::Current(-unread))
                .map_err(|e| os_error(&e, &self.name))?;
        }
        f.write_all(&bytes).map_err(|e| os_error(&e, &self.name))?;
        Ok(s.chars().count())
    }

    pub(crate) fn tell(&self) -> R<i64> {
        self.check_open()?;
        let mut st = self.st.borrow_mut();
        let unread = (st.buf.len() - st.pos) as u64;
        let Some(f) = st.file.as_mut() else {
            return Err(value_err("I/O operation on closed file."));
        };
        let p = f.stream_position().map_err(|e| os_error(&e, &self.name))?;
        Ok(p.saturating_sub(unread) as i64)
    }

    pub(crate) fn seek(&self, offset: i64, whence: i64) -> R<i64> {
        self.check_open()?;
        let to = match whence {
            0 if offset < 0 => {
                return raise(
                    ExcKind::ValueError,
                    format!("negative seek position {}", offset),
                )
            }
            0 => SeekFrom::Start(offset as u64),
            1 if offset != 0 => {
                return raise(
                    ExcKind::UnsupportedOperation,
                    "can't do nonzero cur-relative seeks",
                )
            }
            1 => return self.tell(),
            2 if offset != 0 => {
                return raise(
                    ExcKind::UnsupportedOperation,
                    "can't do nonzero end-relative seeks",
                )
            }
            2 => SeekFrom::End(0),
            w => {
                return raise(
                    ExcKind::ValueError,
                    format!("invalid whence ({}, should be 0, 1 or 2)", w),
                )
            }
        };
        let mut st = self.st.borrow_mut();
        st.buf.clear();
        st.pos = 0;
        st.eof = false;
        let Some(f) = st.file.as_mut() else {
            return Err(value_err("I/O operation on closed file."));
        };
        let p = f.seek(to).map_err(|e| os_error(&e, &self.name))?;
        Ok(p as i64)
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

/// The most one read may buffer: an eighth of the session's memory budget, and at most
/// 1 GiB.
pub(crate) fn read_budget() -> usize {
    (crate::tensor::alloc::limit() / 8).min(1 << 30)
}

const METHODS: &[&str] = &[
    "read",
    "readline",
    "readlines",
    "write",
    "writelines",
    "close",
    "flush",
    "seek",
    "tell",
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
    let Some(f) = recv.as_object::<TextFile>() else {
        return Err(type_err("descriptor requires a '_io.TextIOWrapper' object"));
    };
    match name {
        "read" => {
            let [size] = args.bind("read", ["size=-1"])?;
            let n = size.map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
            Ok(Value::str(&f.read(it, n)?))
        }
        "readline" => {
            let [size] = args.bind("readline", ["size=-1"])?;
            let n = size.map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
            Ok(Value::str(&f.readline(it, n)?))
        }
        "readlines" => {
            let [hint] = args.bind("readlines", ["hint=-1"])?;
            let hint = hint.map(|v| int_arg(&v)).transpose()?.unwrap_or(-1);
            let mut lines = Vec::new();
            let mut total = 0usize;
            loop {
                let l = f.readline(it, -1)?;
                if l.is_empty() {
                    break;
                }
                total += l.chars().count();
                lines.push(Value::str(&l));
                if hint > 0 && total >= hint as usize {
                    break;
                }
            }
            Ok(Value::list(lines))
        }
        "write" => {
            let [s] = args.bind("write", ["s"])?;
            let n = f.write(&s.unwrap_or(Value::None))?;
            Ok(Value::Int(n as i64))
        }
        "writelines" => {
            let [lines] = args.bind("writelines", ["lines"])?;
            f.check_writable()?;
            let lines = lines.unwrap_or(Value::None);
            let mut items = it.iterate(&lines)?;
            while let Some(l) = items.next(it)? {
                f.write(&l)?;
            }
            Ok(Value::None)
        }
        "close" => {
            f.close();
            Ok(Value::None)
        }
        "flush" => {
            f.check_open()?;
            Ok(Value::None)
        }
        "seek" => {
            let [offset, whence] = args.bind("seek", ["cookie", "whence=0"])?;
            let offset = int_arg(&offset.unwrap_or(Value::Int(0)))?;
            let whence = whence.map(|v| int_arg(&v)).transpose()?.unwrap_or(0);
            Ok(Value::Int(f.seek(offset, whence)?))
        }
        "tell" => Ok(Value::Int(f.tell()?)),
        "readable" => {
            f.check_open()?;
            Ok(Value::Bool(f.readable))
        }
        "writable" => {
            f.check_open()?;
            Ok(Value::Bool(f.writable))
        }
        "seekable" => {
            f.check_open()?;
            Ok(Value::Bool(true))
        }
        "isatty" => {
            f.check_open()?;
            Ok(Value::Bool(false))
        }
        "fileno" => {
            use std::os::fd::AsRawFd;
            let st = f.st.borrow();
            match &st.file {
                Some(file) => Ok(Value::Int(file.as_raw_fd() as i64)),
                None => Err(value_err("I/O operation on closed file.")),
            }
        }
        "__enter__" => {
            f.check_open()?;
            Ok(recv.clone())
        }
        "__exit__" => {
            f.close();
            Ok(Value::None)
        }
        "__iter__" => {
            f.check_open()?;
            Ok(lines_of(recv.clone(), "TextIOWrapper"))
        }
        _ => {
            let l = f.readline(it, -1)?;
            if l.is_empty() {
                return Err(err(ExcKind::StopIteration, ""));
            }
            Ok(Value::str(&l))
        }
    }
}

/// An iterator over a file-like object's lines, pulled one `__next__` at a time.
pub(crate) fn lines_of(file: Value, name: &'static str) -> Value {
    iter_object(Lines { file, name })
}

struct Lines {
    file: Value,
    name: &'static str,
}

impl PyIter for Lines {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        it.next_of(&self.file)
    }
    fn type_name(&self) -> String {
        self.name.into()
    }
}

impl Object for TextFile {
    fn type_name(&self) -> String {
        "TextIOWrapper".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            "mode" => Some(Value::str(&self.mode)),
            "encoding" => Some(Value::str(&self.encoding)),
            "errors" => Some(Value::str("strict")),
            "closed" => Some(Value::Bool(self.closed())),
            "line_buffering" => Some(Value::Bool(false)),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_io.TextIOWrapper name={} mode={} encoding={}>",
            quote(&self.name),
            quote(&self.mode),
            quote(&self.encoding)
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS
            .iter()
            .filter(|m| !m.starts_with('_'))
            .map(|s| s.to_string())
            .chain(["name", "mode", "encoding", "closed"].map(String::from))
            .collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
