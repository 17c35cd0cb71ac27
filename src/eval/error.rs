//! Python exceptions as Rust values with the frames they left (for tracebacks), and the
//! non-local control flow (return, break, continue) that travels the same `Err` path
//! through the evaluator.

use super::value::Value;
use crate::errors::ExcKind;
use crate::syntax::Span;
use crate::tensor::TfError;
use std::rc::Rc;

/// A piece of source code as tracebacks name and quote it.
#[derive(Debug)]
pub struct SourceFile {
    /// As Python prints it: the script's absolute path, `<stdin>` or `<string>`.
    pub name: String,
    pub text: Rc<str>,
    /// Whether tracebacks quote its lines (Python quotes none for `-c` or piped input;
    /// tensh's REPL quotes its entries).
    pub quoted: bool,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Rc<str>>, quoted: bool) -> Rc<SourceFile> {
        Rc::new(SourceFile {
            name: name.into(),
            text: text.into(),
            quoted,
        })
    }
}

/// A frame an exception left on its way out: the function's name, where in its code the
/// exception was (the failing expression, or the call it came out of), and the code's file.
#[derive(Clone, Debug)]
pub struct TbFrame {
    pub name: String,
    pub span: Option<Span>,
    pub file: Rc<SourceFile>,
}

/// A raised exception: its class, message and, once known, the span it came from.
#[derive(Clone, Debug)]
pub struct Exception {
    /// The builtin class; for an instance of a user class, its nearest builtin base.
    pub kind: ExcKind,
    pub message: String,
    pub span: Option<Span>,
    /// The exception object, for instances of user classes and `except E as e`.
    pub value: Option<Value>,
    /// The frames it left, innermost first (the frame it is in now holds `span`).
    pub frames: Vec<TbFrame>,
}

/// Why evaluation stopped early.
#[derive(Debug)]
pub enum Flow {
    Error(Box<Exception>),
    Return(Value),
    Break,
    Continue,
}

pub type R<T> = Result<T, Flow>;

impl Exception {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Exception {
        Exception {
            kind,
            message: message.into(),
            span: None,
            value: None,
            frames: Vec::new(),
        }
    }

    /// The class name as a traceback prints it: the user class of a raised instance, or
    /// the builtin class.
    pub fn class_name(&self) -> String {
        match &self.value {
            Some(Value::Instance(i)) => i.class.name.clone(),
            _ if !self.kind.is_tf() && self.kind.module() != "builtins" => {
                format!("{}.{}", self.kind.module(), self.kind.name())
            }
            _ => self.kind.name().to_string(),
        }
    }

    /// Whether this error is of builtin class `kind` (or a subclass of it).
    pub fn is(&self, kind: ExcKind) -> bool {
        self.kind.is_subclass_of(kind)
    }

    /// Leaves the frame of `name` in `file`: the location so far becomes that frame's, and
    /// the caller's location is attached next.
    #[cold]
    pub fn leave_frame(&mut self, name: &str, file: &Rc<SourceFile>) {
        self.frames.push(TbFrame {
            name: name.to_string(),
            span: self.span.take(),
            file: file.clone(),
        });
    }
}

pub fn raise<T>(kind: ExcKind, message: impl Into<String>) -> R<T> {
    Err(err(kind, message))
}

pub fn err(kind: ExcKind, message: impl Into<String>) -> Flow {
    Flow::Error(Box::new(Exception::new(kind, message)))
}

/// `SystemExit(code)`: ends the run with `code`'s exit status unless caught
/// (`except SystemExit`, `except BaseException`).
pub fn system_exit(code: Value) -> Flow {
    let message = match &code {
        Value::None => String::new(),
        Value::Str(s) => s.to_string(),
        Value::Int(n) => n.to_string(),
        _ => String::new(),
    };
    let mut e = Exception::new(ExcKind::SystemExit, message);
    e.value = Some(Value::Object(Rc::new(super::types::ExcObject::called(
        ExcKind::SystemExit,
        vec![code],
    ))));
    Flow::Error(Box::new(e))
}

pub fn type_err(message: impl Into<String>) -> Flow {
    err(ExcKind::TypeError, message)
}

pub fn value_err(message: impl Into<String>) -> Flow {
    err(ExcKind::ValueError, message)
}

pub fn attr_err(message: impl Into<String>) -> Flow {
    err(ExcKind::AttributeError, message)
}

pub fn index_err(message: impl Into<String>) -> Flow {
    err(ExcKind::IndexError, message)
}

/// `KeyError(key)`: the message is the key's repr (`shown`), and `e.args` holds the key.
pub fn key_err(key: Value, shown: impl Into<String>) -> Flow {
    let mut e = Exception::new(ExcKind::KeyError, shown);
    e.value = Some(Value::Object(std::rc::Rc::new(
        super::types::ExcObject::called(ExcKind::KeyError, vec![key]),
    )));
    Flow::Error(Box::new(e))
}

/// `KeyError('text')` for a key that is a string.
pub fn key_str_err(key: &str) -> Flow {
    key_err(Value::str(key), format!("'{}'", key))
}

pub fn runtime_err(message: impl Into<String>) -> Flow {
    err(ExcKind::RuntimeError, message)
}

impl From<TfError> for Flow {
    fn from(e: TfError) -> Flow {
        err(e.kind, e.message)
    }
}

/// Attaches a span to an error that has none yet (the innermost span wins).
pub fn at<T>(r: R<T>, span: Span) -> R<T> {
    r.map_err(|f| match f {
        Flow::Error(mut e) if e.span.is_none() => {
            e.span = Some(span);
            Flow::Error(e)
        }
        other => other,
    })
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`, as Python words it.
pub fn missing_args(fname: &str, missing: &[String], kind: &str) -> String {
    let list = match missing {
        [one] => format!("'{}'", one),
        [first, second] => format!("'{}' and '{}'", first, second),
        // Python's list has a serial comma: 'a', 'b', and 'c'.
        [rest @ .., last] => format!(
            "{}, and '{}'",
            rest.iter()
                .map(|m| format!("'{}'", m))
                .collect::<Vec<_>>()
                .join(", "),
            last
        ),
        [] => String::new(),
    };
    format!(
        "{}() missing {} required {} argument{}: {}",
        fname,
        missing.len(),
        kind,
        if missing.len() == 1 { "" } else { "s" },
        list
    )
}
