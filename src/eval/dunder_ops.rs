//! Operators on instances of user classes, as CPython dispatches them: binary special
//! methods with their reflected forms (the right operand's first when its class is a
//! subclass of the left's), `NotImplemented`, in-place forms, rich comparisons with their
//! reflections and the identity fallback of `==`, and the checks on `__bool__`/`__len__`.

use super::descr::is_not_implemented;
use super::error::{type_err, value_err, R};
use super::value::Value;
use super::Interp;
use crate::syntax::ast::{BinOp, CmpOp};

/// The special methods of a binary operator: plain, reflected, in-place.
pub(crate) fn names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
    }
}

fn cmp_names(op: CmpOp) -> (&'static str, &'static str) {
    match op {
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::NotEq => ("__ne__", "__ne__"),
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        _ => ("__ge__", "__le__"),
    }
}

/// Whether `b`'s class is a proper subclass of `a`'s (its reflected method goes first).
fn right_first(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Instance(x), Value::Instance(y)) => {
            !std::rc::Rc::ptr_eq(&x.class, &y.class) && y.class.is_subclass_of(&x.class)
        }
        (_, Value::Instance(_)) => !matches!(a, Value::Instance(_)),
        _ => false,
    }
}

fn same_class(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Instance(x), Value::Instance(y)) if std::rc::Rc::ptr_eq(&x.class, &y.class))
}

impl Interp {
    /// `a op b` through special methods; None when neither side handles it.
    pub(crate) fn instance_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        let (name, rname, _) = names(op);
        let mut tries: Vec<(&Value, &str, &Value)> = vec![(a, name, b)];
        if !same_class(a, b) {
            if right_first(a, b) {
                tries.insert(0, (b, rname, a));
            } else {
                tries.push((b, rname, a));
            }
        }
        for (recv, m, other) in tries {
            if let Some(r) = self.call_special(recv, m, vec![other.clone()])? {
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// `a op= b` through `__iop__`; None when the class does not define it (or declines).
    pub(crate) fn instance_inplace(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        let (_, _, iname) = names(op);
        match self.call_special(a, iname, vec![b.clone()])? {
            Some(r) if !is_not_implemented(&r) => Ok(Some(r)),
            _ => Ok(None),
        }
    }

    /// A rich comparison where either side is an instance of a user class.
    pub(crate) fn instance_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
        let (name, rname) = cmp_names(op);
        let mut tries: Vec<(&Value, &str, &Value)> = vec![(a, name, b)];
        if right_first(a, b) {
            tries.insert(0, (b, rname, a));
        } else {
            tries.push((b, rname, a));
        }
        for (recv, m, other) in tries {
            if let Some(r) = self.call_special(recv, m, vec![other.clone()])? {
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        // object.__ne__ inverts __eq__.
        if op == CmpOp::NotEq {
            for (recv, other) in [(a, b), (b, a)] {
                if let Some(r) = self.call_special(recv, "__eq__", vec![other.clone()])? {
                    if !is_not_implemented(&r) {
                        return Ok(Value::Bool(!self.truthy(&r)?));
                    }
                }
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(super::ops::same(a, b))),
            CmpOp::NotEq => Ok(Value::Bool(!super::ops::same(a, b))),
            _ => Err(type_err(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))),
        }
    }

    /// The truth of an instance: `__bool__` (which must return a bool), then `__len__`.
    pub(crate) fn instance_truth(&mut self, v: &Value) -> R<bool> {
        if let Some(r) = self.call_special(v, "__bool__", vec![])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => Err(type_err(format!(
                    "__bool__ should return bool, returned {}",
                    other.type_name()
                ))),
            };
        }
        match self.instance_len(v)? {
            Some(n) => Ok(n != 0),
            None => Ok(true),
        }
    }

    /// `len(inst)` through `__len__`, with CPython's checks on the result; None without it.
    pub(crate) fn instance_len(&mut self, v: &Value) -> R<Option<i64>> {
        let Some(r) = self.call_special(v, "__len__", vec![])? else {
            return Ok(None);
        };
        let n = match r {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            other => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        };
        if n < 0 {
            return Err(value_err("__len__() should return >= 0"));
        }
        Ok(Some(n))
    }
}

/// The old sequence protocol: `__getitem__(0)`, `__getitem__(1)`, ... until IndexError.
pub struct SeqIter {
    pub getitem: Value,
    pub i: i64,
    pub done: bool,
}

impl super::iter::PyIter for SeqIter {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        let r = it.call(
            &self.getitem,
            super::value::Args::new(vec![Value::Int(self.i)]),
        );
        match r {
            Ok(v) => {
                self.i += 1;
                Ok(Some(v))
            }
            Err(super::Flow::Error(e))
                if e.is(crate::errors::ExcKind::IndexError)
                    || e.is(crate::errors::ExcKind::StopIteration) =>
            {
                self.done = true;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
    fn type_name(&self) -> String {
        "iterator".into()
    }
}
