//! `repr()` and `str()` of every value, as Python, numpy and TensorFlow print them.

use super::error::{raise, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::print;
use crate::syntax::unparse::quote;
use std::rc::Rc;

/// Python's repr of a float: shortest round-trip digits, `.0` when integral, scientific
/// below 1e-4 and from 1e16.
pub fn float_repr(f: f64) -> String {
    print::float::scalar_repr(f)
}

/// The dims of a TensorShape as Python prints a list of them: `[None, 3]`.
pub fn dims_list(dims: &[Option<usize>]) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| d.map(|n| n.to_string()).unwrap_or_else(|| "None".into()))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// `str(TensorShape)`: `(4, 512)`, `(None, 3)`, `(5,)`, `<unknown>`.
pub fn shape_str(dims: &Option<Vec<Option<usize>>>) -> String {
    match dims {
        None => "<unknown>".into(),
        Some(d) => {
            let parts: Vec<String> = d
                .iter()
                .map(|x| x.map(|n| n.to_string()).unwrap_or_else(|| "None".into()))
                .collect();
            match parts.len() {
                1 => format!("({},)", parts[0]),
                _ => format!("({})", parts.join(", ")),
            }
        }
    }
}

impl Interp {
    /// `repr(v)`. A container met again inside itself prints as `[...]`, `(...)` or `{...}`, and
    /// nesting deeper than the recursion limit raises RecursionError, as in CPython.
    pub(crate) fn repr(&mut self, v: &Value) -> R<String> {
        let (id, cycle) = match v {
            Value::List(l) => (Rc::as_ptr(l) as *const () as usize, "[...]"),
            Value::Dict(d) => (Rc::as_ptr(d) as *const () as usize, "{...}"),
            Value::Tuple(t) => (Rc::as_ptr(t) as *const () as usize, "(...)"),
            Value::Set(_) => (0, ""),
            _ => return self.repr_value(v),
        };
        if id != 0 && self.repr_guard.contains(&id) {
            return Ok(cycle.into());
        }
        if self.depth >= super::session::MAX_DEPTH {
            return raise(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            );
        }
        self.depth += 1;
        self.repr_guard.push(id);
        let r = self.repr_value(v);
        self.repr_guard.pop();
        self.depth -= 1;
        r
    }

    fn repr_value(&mut self, v: &Value) -> R<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => super::bigint::to_decimal(b)?,
            Value::Float(f) => float_repr(*f),
            Value::Bytes(b) => super::bytes::bytes_repr(b),
            Value::ByteArray(b) => format!("bytearray({})", super::bytes::bytes_repr(&b.borrow())),
            Value::Str(s) => quote(s),
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => match t.len() {
                1 => format!("({},)", self.repr(&t[0])?),
                _ => format!("({})", self.join_reprs(t)?),
            },
            Value::Set(s) => {
                let items = s.borrow().clone();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::Dict(_) if self.object_dunder(v, "__repr__")?.is_some() => {
                let f = self.object_dunder(v, "__repr__")?.unwrap_or(Value::None);
                let r = self.call(&f, Args::default())?;
                self.str_of(&r)?
            }
            Value::Dict(d) => {
                let d = d.borrow().clone();
                let mut parts = Vec::new();
                for (k, v) in d.keys.iter().zip(&d.values) {
                    parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s[0])?,
                self.repr(&s[1])?,
                self.repr(&s[2])?
            ),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Range(r) => {
                let &(a, b, s) = &**r;
                if s == 1 {
                    format!("range({}, {})", a, b)
                } else {
                    format!("range({}, {}, {})", a, b, s)
                }
            }
            Value::Tensor(t) => print::tensor_repr(t),
            Value::NdArray(a) => match a.tensor() {
                t if t.ndim() == 0 && !a.is_array0() => print::scalar_repr_of(&t),
                t => print::array_repr(&t),
            },
            Value::Variable(var) => {
                print::variable_repr(&var.name.borrow(), &var.value.borrow(), var.autocast)
            }
            Value::DType(d) => format!("tf.{}", d.name()),
            Value::Shape(s) => match &s.dims {
                Some(d) => format!("TensorShape({})", dims_list(d)),
                None => "TensorShape(None)".into(),
            },
            Value::Function(f) => {
                if f.def.is_lambda {
                    "<function <lambda>>".into()
                } else {
                    format!("<function {}>", f.qualname)
                }
            }
            Value::Builtin(b) if super::builtins::TYPE_NAMES.contains(&b.name.as_str()) => {
                format!("<class '{}'>", b.name)
            }
            Value::Builtin(b) => format!(
                "<built-in function {}>",
                b.name.rsplit('.').next().unwrap_or(&b.name)
            ),
            Value::Bound(b) => {
                let name = match &b.callee {
                    super::value::Callee::Native(n, _) => n.to_string(),
                    super::value::Callee::Value(Value::Function(f)) => f.qualname.clone(),
                    _ => "?".into(),
                };
                format!("<bound method {} of {}>", name, b.receiver.type_name())
            }
            Value::Class(c) if c.module_name() == "builtins" => format!("<class '{}'>", c.name),
            Value::Class(c) => format!("<class '{}.{}'>", c.module_name(), c.name),
            Value::ExcClass(k) if k.module() != "builtins" => {
                format!("<class '{}.{}'>", k.module(), k)
            }
            Value::ExcClass(k) => format!("<class '{}'>", k),
            Value::Instance(i) => {
                if let Some(r) = self.call_special(v, "__repr__", vec![])? {
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(super::error::type_err(format!(
                            "__repr__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                // An exception instance shows its class and args: `MyError('bad')`.
                if i.class.exc_kind().is_some() {
                    if let Ok(Value::Tuple(a)) = self.get_attr(v, "args") {
                        return Ok(format!("{}({})", i.class.name, self.join_reprs(&a)?));
                    }
                }
                format!("<{}.{} object>", i.class.module_name(), v.type_name())
            }
            Value::Module(m) => format!("<module '{}'>", m.python_name()),
            Value::Object(o) => o.clone().repr(self)?,
            Value::Iterator(i) => match i.try_borrow() {
                Ok(b) => b.repr(v.identity()),
                Err(_) => format!("<generator object at 0x{:x}>", v.identity()),
            },
        })
    }

    fn join_reprs(&mut self, items: &[Value]) -> R<String> {
        let mut parts = Vec::with_capacity(items.len());
        for x in items {
            parts.push(self.repr(x)?);
        }
        Ok(parts.join(", "))
    }

    pub(crate) fn str_of(&mut self, v: &Value) -> R<String> {
        Ok(match v {
            Value::Str(s) => s.to_string(),
            Value::Tensor(t) => print::tensor_str(t),
            Value::NdArray(a) => print::array_str(&a.tensor()),
            Value::Variable(_) => self.repr(v)?,
            Value::DType(d) => format!("<dtype: '{}'>", d.name()),
            Value::Shape(s) => shape_str(&s.dims),
            Value::Instance(_) => {
                if let Some(r) = self.call_special(v, "__str__", vec![])? {
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(super::error::type_err(format!(
                            "__str__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if let Ok(Value::Tuple(a)) = self.get_attr(v, "args") {
                    if a.len() == 1 {
                        return self.str_of(&a[0]);
                    }
                }
                self.repr(v)?
            }
            Value::Object(o) => o.clone().str(self)?,
            _ => self.repr(v)?,
        })
    }
}
