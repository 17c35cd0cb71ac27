//! Types as values: `type(x)`, `isinstance`, the objects `type()` returns for runtime
//! values, instances of the builtin exception classes, and dtype equality across
//! TensorFlow and numpy.

use super::error::{type_err, R};
use super::hooks::Hooks;
use super::value::{Args, Object, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::any::Any;
use std::rc::Rc;

crate::builtin! {
    /// type(object) -> the object's type
    python ["builtins.type"]
    fn r#type(it, object) {
        type_of(it, object)
    }
}

crate::builtin! {
    /// super() -> same as super(__class__, <first argument>)
    python ["builtins.super"]
    fn super_(it, *args) {
        let pos = match args {
            Value::Tuple(t) => t.as_ref().clone(),
            _ => Vec::new(),
        };
        it.make_super(Args::new(pos))
    }
}

/// `type(x)`: the type object of a value.
pub(crate) fn type_of(it: &mut Interp, x: Value) -> R<Value> {
    if let Value::Dict(d) = &x {
        if let Some(e) = d.borrow().ext.clone() {
            return Ok(e.class());
        }
    }
    if let Value::Object(o) = &x {
        if let Some(c) = o.clone().get_attr(&x, "__class__", it)? {
            return Ok(c);
        }
    }
    let builtin_type = match &x {
        Value::Int(_) | Value::BigInt(_) => Some("int"),
        Value::Float(_) => Some("float"),
        Value::Bytes(_) => Some("bytes"),
        Value::ByteArray(_) => Some("bytearray"),
        Value::Str(_) => Some("str"),
        Value::Bool(_) => Some("bool"),
        Value::List(_) => Some("list"),
        Value::Tuple(_) => Some("tuple"),
        Value::Dict(_) => Some("dict"),
        Value::Set(_) => Some("set"),
        Value::Range(..) => Some("range"),
        _ => None,
    };
    if let Some(t) = builtin_type {
        return Ok(it.builtins.get(t).cloned().unwrap_or(Value::None));
    }
    match &x {
        Value::Instance(i) => Ok(Value::Class(i.class.clone())),
        Value::Object(o) if o.as_any().is::<ExcObject>() => {
            let kind = x
                .as_object::<ExcObject>()
                .map_or(ExcKind::Exception, |e| e.kind);
            Ok(Value::ExcClass(kind))
        }
        _ => Ok(Value::Object(Rc::new(TypeObject {
            qualified: qualified_type(&x),
        }))),
    }
}

fn qualified_type(v: &Value) -> String {
    match v {
        Value::Tensor(_) => "tensorflow.python.framework.ops.EagerTensor".into(),
        Value::Variable(_) => "tensorflow.python.ops.resource_variable_ops.ResourceVariable".into(),
        Value::NdArray(t) if t.ndim() == 0 && !t.is_array0() => {
            format!("numpy.{}", t.dtype().name())
        }
        Value::NdArray(_) => "numpy.ndarray".into(),
        Value::DType(_) => "tensorflow.python.framework.dtypes.DType".into(),
        Value::Shape(_) => "tensorflow.python.framework.tensor_shape.TensorShape".into(),
        Value::Object(o) => o.class_path().unwrap_or_else(|| v.type_name()),
        other => other.type_name(),
    }
}

/// What `type(x)` gives for values that are not user instances or builtin-type values.
pub struct TypeObject {
    pub qualified: String,
}

impl Object for TypeObject {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        // `numpy.float64` is named `float64` in module `numpy`; builtin types live in
        // `builtins`.
        let (module, short) = match self.qualified.rsplit_once('.') {
            Some((m, n)) => (m, n),
            None => ("builtins", self.qualified.as_str()),
        };
        Ok(match name {
            "__name__" | "__qualname__" => Some(Value::str(short)),
            "__module__" => Some(Value::str(module)),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<class '{}'>", self.qualified))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Whether `x` is an instance of `t` (a type, a class, or a tuple of them).
pub fn isinstance(hooks: &Hooks, x: &Value, t: &Value) -> R<bool> {
    match t {
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if isinstance(hooks, x, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Builtin(b) => Ok(match b.name.as_str() {
            "int" => matches!(x, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)),
            "bytes" => matches!(x, Value::Bytes(_)),
            "bytearray" => matches!(x, Value::ByteArray(_)),
            "float" => matches!(x, Value::Float(_)),
            "str" => matches!(x, Value::Str(_)),
            "bool" => matches!(x, Value::Bool(_)),
            "list" => matches!(x, Value::List(_)),
            "tuple" => match x {
                Value::Object(o) => o.as_tuple().is_some(),
                _ => matches!(x, Value::Tuple(_)),
            },
            "dict" => matches!(x, Value::Dict(_)),
            "set" => matches!(x, Value::Set(_)),
            "range" => matches!(x, Value::Range(..)),
            "slice" => matches!(x, Value::Slice(_)),
            "object" => true,
            other => (hooks.isinstance_native)(x, other),
        }),
        Value::Class(c) => Ok(match x {
            // A user class over a native base (a Keras layer) may count as the hook says.
            Value::Instance(i) => i.class.is_subclass_of(c) || (hooks.isinstance_class)(x, c),
            other => (hooks.isinstance_class)(other, c),
        }),
        Value::ExcClass(kind) => Ok(match x {
            Value::Object(_) => x
                .as_object::<ExcObject>()
                .is_some_and(|e| e.kind.is_subclass_of(*kind)),
            Value::Instance(i) => i.class.exc_kind().is_some_and(|k| k.is_subclass_of(*kind)),
            _ => false,
        }),
        Value::Object(o) => Ok(match o.instance_check(x) {
            Some(b) => b,
            None => (hooks.isinstance_object)(x, o.as_ref()),
        }),
        _ => Err(type_err(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

/// An instance of a builtin exception class: `ValueError("bad")`.
pub struct ExcObject {
    pub kind: ExcKind,
    pub args: Vec<Value>,
    /// An op error's message, which TensorFlow keeps out of `args` (`e.message`).
    pub op_message: Option<String>,
    /// `__cause__`, set by `raise ... from ...`.
    pub cause: std::cell::RefCell<Value>,
    /// What a program passed when it made an op error itself (`node_def`, `op`, ...).
    pub op_parts: Option<Box<OpParts>>,
}

/// The constructor arguments of a `tf.errors` class beyond its message.
pub struct OpParts {
    pub node_def: Value,
    pub op: Value,
    pub message: Value,
    pub error_code: Value,
    pub payloads: Option<Value>,
}

impl ExcObject {
    /// The object `except ... as e` binds for an error raised by tensh itself.
    pub fn raised(kind: ExcKind, message: &str) -> ExcObject {
        if kind.is_tf() {
            return ExcObject {
                kind,
                args: vec![],
                op_message: Some(message.to_string()),
                cause: std::cell::RefCell::new(Value::None),
                op_parts: None,
            };
        }
        let args = if message.is_empty() {
            vec![]
        } else {
            vec![Value::str(message)]
        };
        ExcObject {
            kind,
            args,
            op_message: None,
            cause: std::cell::RefCell::new(Value::None),
            op_parts: None,
        }
    }

    /// `ValueError("bad")`; TensorFlow's classes take `(node_def, op, message)`.
    pub fn called(kind: ExcKind, args: Vec<Value>) -> ExcObject {
        if kind.is_tf() {
            let message = match args.get(2) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            return ExcObject {
                kind,
                args: vec![],
                op_message: Some(message),
                cause: std::cell::RefCell::new(Value::None),
                op_parts: None,
            };
        }
        ExcObject {
            kind,
            args,
            op_message: None,
            cause: std::cell::RefCell::new(Value::None),
            op_parts: None,
        }
    }
}

impl ExcObject {
    /// Calling a `tf.errors` class: `(node_def, op, message, *args)`, and `OpError`'s
    /// `error_code` after the message, bound as Python binds TensorFlow's `__init__`.
    pub fn op_error(it: &mut Interp, kind: ExcKind, args: Args) -> R<ExcObject> {
        let mut names = vec!["node_def", "op", "message"];
        if kind == ExcKind::OpError {
            names.push("error_code");
        }
        let mut slots: Vec<Option<Value>> = vec![None; names.len()];
        let mut rest = Vec::new();
        for (i, v) in args.pos.into_iter().enumerate() {
            match slots.get_mut(i) {
                Some(slot) => *slot = Some(v),
                None => rest.push(v),
            }
        }
        for (k, v) in args.kw {
            let Some(i) = names.iter().position(|n| *n == k) else {
                return Err(type_err(format!(
                    "{}.__init__() got an unexpected keyword argument '{}'",
                    kind.name(),
                    k
                )));
            };
            if slots[i].is_some() {
                return Err(type_err(format!(
                    "{}.__init__() got multiple values for argument '{}'",
                    kind.name(),
                    k
                )));
            }
            slots[i] = Some(v);
        }
        let missing: Vec<String> = names
            .iter()
            .zip(&slots)
            .filter(|(_, s)| s.is_none())
            .map(|(n, _)| format!("'{}'", n))
            .collect();
        if !missing.is_empty() {
            let list = match missing.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{} and {}", a, b),
                [init @ .., last] => format!("{}, and {}", init.join(", "), last),
                [] => String::new(),
            };
            return Err(type_err(format!(
                "{}.__init__() missing {} required positional argument{}: {}",
                kind.name(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                list
            )));
        }
        let mut vals = slots.into_iter().flatten();
        let node_def = vals.next().unwrap_or(Value::None);
        let op = vals.next().unwrap_or(Value::None);
        let message = vals.next().unwrap_or(Value::None);
        let error_code = match vals.next() {
            Some(code) => code,
            None => kind.error_code().map_or(Value::None, Value::Int),
        };
        let op_message = match &message {
            Value::Str(s) => s.to_string(),
            other => it.str_of(other)?,
        };
        Ok(ExcObject {
            kind,
            args: vec![],
            op_message: Some(op_message),
            cause: std::cell::RefCell::new(Value::None),
            op_parts: Some(Box::new(OpParts {
                node_def,
                op,
                message,
                error_code,
                payloads: rest.into_iter().next(),
            })),
        })
    }

    /// An op error's attribute: `message`, `op`, `node_def`, `error_code`,
    /// `experimental_payloads`.
    fn op_attr(&self, name: &str) -> Option<Value> {
        let parts = self.op_parts.as_deref();
        Some(match name {
            "message" => match parts {
                Some(p) => p.message.clone(),
                None => Value::str(self.op_message.as_deref().unwrap_or_default()),
            },
            "op" => parts.map_or(Value::None, |p| p.op.clone()),
            "node_def" => parts.map_or(Value::None, |p| p.node_def.clone()),
            "error_code" => match parts {
                Some(p) => p.error_code.clone(),
                None => self.kind.error_code().map_or(Value::None, Value::Int),
            },
            "experimental_payloads" => match parts.and_then(|p| p.payloads.clone()) {
                Some(v) => v,
                None => Value::Dict(Rc::new(std::cell::RefCell::new(
                    super::value::Dict::default(),
                ))),
            },
            _ => return None,
        })
    }
}

impl Object for ExcObject {
    fn type_name(&self) -> String {
        self.kind.name().to_string()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        if self.kind.is_tf() {
            if let Some(v) = self.op_attr(name) {
                return Ok(Some(v));
            }
        }
        Ok(match name {
            "args" => Some(Value::tuple(self.args.clone())),
            "value" if self.kind == ExcKind::StopIteration => {
                Some(self.args.first().cloned().unwrap_or(Value::None))
            }
            "__cause__" => Some(self.cause.borrow().clone()),
            "__context__" | "__traceback__" => Some(Value::None),
            // SystemExit's exit status: None, the one argument, or all of them.
            "code" if self.kind == ExcKind::SystemExit => Some(match self.args.as_slice() {
                [] => Value::None,
                [one] => one.clone(),
                _ => Value::tuple(self.args.clone()),
            }),
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for a in &self.args {
            parts.push(it.repr(a)?);
        }
        Ok(format!("{}({})", self.kind.name(), parts.join(", ")))
    }
    fn str(&self, it: &mut Interp) -> R<String> {
        if let Some(m) = &self.op_message {
            return Ok(m.clone());
        }
        match self.args.as_slice() {
            [] => Ok(String::new()),
            // KeyError shows its key as a repr: `KeyError: 'k'`.
            [one] if self.kind == ExcKind::KeyError => it.repr(one),
            [one] => it.str_of(one),
            _ => it.repr(&Value::tuple(self.args.clone())),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `==` between dtype-like values (`tf.int8 == np.int8`, `arr.dtype == 'float32'`); None
/// when neither side is a dtype-like object.
pub(crate) fn dtype_equal(a: &Value, b: &Value) -> Option<bool> {
    let of = |v: &Value| match v {
        Value::Object(o) => o.as_dtype(),
        _ => None,
    };
    let (da, db) = (of(a), of(b));
    if da.is_none() && db.is_none() {
        return None;
    }
    let full = |v: &Value, d: Option<crate::tensor::DType>| match v {
        Value::DType(x) => Some(*x),
        _ => d,
    };
    Some(match (full(a, da), full(b, db)) {
        (Some(x), Some(y)) => x == y,
        (Some(x), None) | (None, Some(x)) => {
            let other = if da.is_some() { b } else { a };
            matches!(other, Value::Str(s) if crate::tensor::DType::from_name(s) == Some(x))
        }
        (None, None) => false,
    })
}
