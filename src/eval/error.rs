//! Python exceptions as Rust values, and the non-local control flow (return, break,
//! continue) that travels the same `Err` path through the evaluator.

use super::value::Value;
use crate::syntax::Span;
use crate::tensor::TfError;

/// A raised exception: its class name, message and, once known, the span it came from.
#[derive(Clone, Debug)]
pub struct Exception {
    pub name: String,
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
    pub fn new(name: &str, message: impl Into<String>) -> Exception {
        Exception {
            name: name.to_string(),
            message: message.into(),
            span: None,
            value: None,
        }
    }
}

pub fn raise<T>(name: &str, message: impl Into<String>) -> R<T> {
    Err(Flow::Error(Box::new(Exception::new(name, message))))
}

pub fn err(name: &str, message: impl Into<String>) -> Flow {
    Flow::Error(Box::new(Exception::new(name, message)))
}

pub fn type_err(message: impl Into<String>) -> Flow {
    err("TypeError", message)
}

pub fn value_err(message: impl Into<String>) -> Flow {
    err("ValueError", message)
}

impl From<TfError> for Flow {
    fn from(e: TfError) -> Flow {
        err(e.name, e.message)
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

/// The builtin exception hierarchy: the parent of each class.
pub fn parent_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "BaseException" => return None,
        "Exception" | "KeyboardInterrupt" | "SystemExit" => "BaseException",
        "ZeroDivisionError" | "OverflowError" | "FloatingPointError" => "ArithmeticError",
        "IndexError" | "KeyError" => "LookupError",
        "IndentationError" => "SyntaxError",
        "TabError" => "IndentationError",
        "NotImplementedError" | "RecursionError" => "RuntimeError",
        "ModuleNotFoundError" => "ImportError",
        "UnboundLocalError" => "NameError",
        "InvalidArgumentError"
        | "ResourceExhaustedError"
        | "NotFoundError"
        | "UnimplementedError"
        | "InternalError"
        | "FailedPreconditionError"
        | "OutOfRangeError"
        | "UnknownError" => "OpError",
        _ => "Exception",
    })
}

pub const BUILTIN_EXCEPTIONS: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "ZeroDivisionError",
    "OverflowError",
    "LookupError",
    "IndexError",
    "KeyError",
    "ValueError",
    "TypeError",
    "NameError",
    "AttributeError",
    "RuntimeError",
    "NotImplementedError",
    "RecursionError",
    "AssertionError",
    "StopIteration",
    "ImportError",
    "ModuleNotFoundError",
    "KeyboardInterrupt",
    "SyntaxError",
    "IndentationError",
    "UnboundLocalError",
];

/// Whether class `name` is `base` or derives from it.
pub fn is_subclass(name: &str, base: &str) -> bool {
    let mut cur = Some(name.to_string());
    while let Some(c) = cur {
        if c == base {
            return true;
        }
        cur = parent_class(&c).map(|s| s.to_string());
    }
    false
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
