//! Runtime errors raised by tensor ops, named as TensorFlow and Python name them. The
//! evaluator turns them into Python exceptions with the span of the call.

use crate::errors::ExcKind;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct TfError {
    /// `InvalidArgumentError`, `ValueError`, `TypeError`, `IndexError`, `ResourceExhaustedError`...
    pub kind: ExcKind,
    pub message: String,
    /// For an allocation over the memory budget: the shape and dtype that did not fit, so a
    /// numpy caller can word the error as numpy does (`Unable to allocate ...`).
    pub oom: Option<Box<(Vec<usize>, super::DType)>>,
}

pub type TResult<T> = Result<T, TfError>;

impl TfError {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> TfError {
        TfError {
            kind,
            message: message.into(),
            oom: None,
        }
    }
}

impl fmt::Display for TfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

pub fn invalid_arg(message: impl Into<String>) -> TfError {
    TfError::new(ExcKind::InvalidArgumentError, message)
}

pub fn value_error(message: impl Into<String>) -> TfError {
    TfError::new(ExcKind::ValueError, message)
}

/// An eager kernel error as TensorFlow 2.15 words it: the wrapped function node, the message,
/// `[Op:Name]`, and ` name: NAME` when the op has a name attribute.
pub fn op_error(kernel: &str, op: &str, message: impl Into<String>, name: Option<&str>) -> TfError {
    let mut m = format!(
        "{{{{function_node __wrapped__{}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} {} [Op:{}]",
        kernel,
        message.into(),
        op
    );
    if let Some(n) = name {
        m.push_str(" name: ");
        m.push_str(n);
    }
    invalid_arg(m.trim_end().to_string())
}
