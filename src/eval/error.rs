//! Python exceptions as Rust values, and the non-local control flow (return, break,
//! continue) that travels the same `Err` path through the evaluator.

use super::value::Value;
use crate::errors::ExcKind;
use crate::syntax::Span;
use crate::tensor::TfError;

/// A raised exception: its class, message and, once known, the span it came from.
#[derive(Clone, Debug)]
pub struct Exception {
    /// The builtin class; for an instance of a user class, its nearest builtin base.
    pub kind: ExcKind,
    pub message: String,
    pub span: Option<Span>,
    /// The exception object, for instances of user classes and `except E as e`.
    pub value: Option<Value>,
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
}

pub fn raise<T>(kind: ExcKind, message: impl Into<String>) -> R<T> {
    Err(err(kind, message))
}

pub fn err(kind: ExcKind, message: impl Into<String>) -> Flow {
    Flow::Error(Box::new(Exception::new(kind, message)))
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
