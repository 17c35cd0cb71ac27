//! Operators on values with Python's semantics: truthiness, arithmetic on ints and floats
//! (floor division, modulo, power), sequence operators, comparisons, `in`, `is`, and user
//! classes' dunder methods. Operands that involve tensors go to the runtime (`api::ops`).

use super::error::{raise, type_err, value_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::rc::Rc;

/// Python's TypeError for `-v`, `+v` or `~v` on a value without that operator.
pub(super) fn bad_unary_operand(op: UnaryOp, v: &Value) -> super::error::Flow {
    let sym = match op {
        UnaryOp::Neg => "-",
        UnaryOp::Pos => "+",
        _ => "~",
    };
    type_err(format!(
        "bad operand type for unary {}: '{}'",
        sym,
        v.type_name()
    ))
}

fn is_tensorish(v: &Value) -> bool {
    matches!(v, Value::Tensor(_) | Value::Variable(_) | Value::NdArray(_))
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
    }
}

/// Python's float `%` (the sign follows the divisor).
pub fn py_fmod(a: f64, b: f64) -> f64 {
    let r = a % b;
    if r != 0.0 && ((r < 0.0) != (b < 0.0)) {
        r + b
    } else {
        r
    }
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        Value::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

impl Interp {
    /// The truth of an optional argument, `default` when it was not given.
    pub(crate) fn flag(&mut self, v: Option<Value>, default: bool) -> R<bool> {
        match v {
            Some(v) => self.truthy(&v),
            None => Ok(default),
        }
    }

    pub(crate) fn truthy(&mut self, v: &Value) -> R<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) | Value::Set(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range(a, b, s) => (*s > 0 && a < b) || (*s < 0 && a > b),
            Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                (self.hooks.tensor_truth)(v)?
            }
            Value::Shape(s) => s.dims.as_ref().map(|d| !d.is_empty()).unwrap_or(true),
            Value::Instance(_) => {
                if let Ok(f) = self.get_attr(v, "__bool__") {
                    let r = self.call(&f, Args::default())?;
                    return self.truthy(&r);
                }
                if let Ok(f) = self.get_attr(v, "__len__") {
                    let r = self.call(&f, Args::default())?;
                    return Ok(!matches!(r, Value::Int(0)));
                }
                true
            }
            _ => true,
        })
    }

    pub(crate) fn unary(&mut self, op: UnaryOp, v: &Value) -> R<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(v)?));
        }
        if is_tensorish(v) {
            return (self.hooks.tensor_unary)(self, op, v);
        }
        match (op, v) {
            (UnaryOp::Neg, Value::Int(i)) => Ok(i
                .checked_neg()
                .map(Value::Int)
                .unwrap_or(Value::Float(-(*i as f64)))),
            (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => Ok(v.clone()),
            (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (_, Value::Instance(_)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                let f = self.get_attr(v, name)?;
                self.call(&f, Args::default())
            }
            _ => Err(bad_unary_operand(op, v)),
        }
    }

    pub(crate) fn binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Value> {
        if let Some(v) = self.numeric_binary(op, a, b)? {
            return Ok(v);
        }
        if let (BinOp::Mod, Value::Str(fmt)) = (op, a) {
            return Ok(Value::str(&self.percent_format(fmt, b)?));
        }
        if is_tensorish(a) || is_tensorish(b) {
            // A user class on the right may still define the reflected operator.
            if !matches!(b, Value::Instance(_)) && !matches!(a, Value::Instance(_)) {
                return (self.hooks.tensor_binary)(self, op, a, b);
            }
        }
        let (name, rname) = dunder(op);
        if let Value::Instance(_) = a {
            if let Ok(f) = self.get_attr(a, name) {
                return self.call(&f, Args::new(vec![b.clone()]));
            }
        }
        if let Value::Instance(_) = b {
            if let Ok(f) = self.get_attr(b, rname) {
                return self.call(&f, Args::new(vec![a.clone()]));
            }
        }
        if is_tensorish(a) || is_tensorish(b) {
            return (self.hooks.tensor_binary)(self, op, a, b);
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => Ok(Value::str(&format!("{}{}", x, y))),
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Ok(Value::list(v))
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = x.as_ref().clone();
                v.extend(y.iter().cloned());
                Ok(Value::tuple(v))
            }
            (
                BinOp::Mul,
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                Value::Int(_) | Value::Bool(_),
            ) => self.repeat(a, int(b).unwrap_or(0)),
            (
                BinOp::Mul,
                Value::Int(_) | Value::Bool(_),
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
            ) => self.repeat(b, int(a).unwrap_or(0)),
            (BinOp::Mod, Value::Str(fmt), _) => Ok(Value::str(&self.percent_format(fmt, b)?)),
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                let mut d = x.borrow().clone();
                let y = y.borrow();
                for (k, v) in y.keys.iter().zip(&y.values) {
                    d.insert(k.clone(), v.clone())?;
                }
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
            }
            _ => Err(type_err(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))),
        }
    }

    fn repeat(&mut self, seq: &Value, n: i64) -> R<Value> {
        let n = n.max(0) as usize;
        Ok(match seq {
            Value::Str(s) => {
                if s.len()
                    .checked_mul(n)
                    .is_none_or(|b| b > isize::MAX as usize)
                {
                    return raise(ExcKind::OverflowError, "repeated string is too long");
                }
                super::budget::bytes(s.len().saturating_mul(n))?;
                Value::str(&s.repeat(n))
            }
            Value::List(l) => {
                let l = l.borrow();
                super::budget::values(l.len().saturating_mul(n))?;
                Value::list((0..n).flat_map(|_| l.iter().cloned()).collect())
            }
            Value::Tuple(t) => {
                super::budget::values(t.len().saturating_mul(n))?;
                Value::tuple((0..n).flat_map(|_| t.iter().cloned()).collect())
            }
            _ => Value::None,
        })
    }

    /// Arithmetic on bools, ints and floats; None when an operand is not a number.
    fn numeric_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        if let (Some(x), Some(y)) = (int(a), int(b)) {
            let r = match op {
                BinOp::Add => x.checked_add(y).map(Value::Int),
                BinOp::Sub => x.checked_sub(y).map(Value::Int),
                BinOp::Mul => x.checked_mul(y).map(Value::Int),
                BinOp::Div => {
                    if y == 0 {
                        return raise(ExcKind::ZeroDivisionError, "division by zero");
                    }
                    Some(Value::Float(x as f64 / y as f64))
                }
                BinOp::FloorDiv => {
                    if y == 0 {
                        return raise(
                            ExcKind::ZeroDivisionError,
                            "integer division or modulo by zero",
                        );
                    }
                    // i64::MIN // -1 is 2**63, past what a 64-bit int holds.
                    x.checked_div(y).map(|_| {
                        Value::Int(
                            x.div_euclid(y) - if y < 0 && x.rem_euclid(y) != 0 { 1 } else { 0 },
                        )
                    })
                }
                BinOp::Mod => {
                    if y == 0 {
                        return raise(
                            ExcKind::ZeroDivisionError,
                            "integer division or modulo by zero",
                        );
                    }
                    let r = x.wrapping_rem(y);
                    Some(Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                        r + y
                    } else {
                        r
                    }))
                }
                BinOp::Pow => {
                    if y < 0 {
                        if x == 0 {
                            return raise(
                                ExcKind::ZeroDivisionError,
                                "0.0 cannot be raised to a negative power",
                            );
                        }
                        Some(Value::Float((x as f64).powf(y as f64)))
                    } else {
                        u32::try_from(y)
                            .ok()
                            .and_then(|e| x.checked_pow(e))
                            .map(Value::Int)
                    }
                }
                BinOp::BitAnd => Some(Value::Int(x & y)),
                BinOp::BitOr => Some(Value::Int(x | y)),
                BinOp::BitXor => Some(Value::Int(x ^ y)),
                BinOp::LShift => {
                    if y < 0 {
                        return raise(ExcKind::ValueError, "negative shift count");
                    }
                    u32::try_from(y)
                        .ok()
                        .and_then(|s| x.checked_shl(s))
                        .filter(|r| r >> y == x)
                        .map(Value::Int)
                }
                BinOp::RShift => {
                    if y < 0 {
                        return raise(ExcKind::ValueError, "negative shift count");
                    }
                    Some(Value::Int(x >> y.min(63)))
                }
                BinOp::MatMul => return Ok(None),
            };
            if matches!(
                (a, b, op),
                (
                    Value::Bool(_),
                    Value::Bool(_),
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor
                )
            ) {
                if let Some(Value::Int(v)) = r {
                    return Ok(Some(Value::Bool(v != 0)));
                }
            }
            return match r {
                Some(v) => Ok(Some(v)),
                None => raise(
                    ExcKind::OverflowError,
                    "integer overflow: the result does not fit in 64 bits",
                ),
            };
        }
        let (Some(x), Some(y)) = (num(a), num(b)) else {
            return Ok(None);
        };
        let v = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return raise(ExcKind::ZeroDivisionError, "float division by zero");
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return raise(ExcKind::ZeroDivisionError, "float floor division by zero");
                }
                (x / y).floor()
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return raise(ExcKind::ZeroDivisionError, "float modulo");
                }
                py_fmod(x, y)
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return raise(
                        ExcKind::ZeroDivisionError,
                        "0.0 cannot be raised to a negative power",
                    );
                }
                if x < 0.0 && y.fract() != 0.0 {
                    return Err(value_err(
                        "math domain error: complex results are not supported",
                    ));
                }
                let r = x.powf(y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return raise(
                        ExcKind::OverflowError,
                        "(34, 'Numerical result out of range')",
                    );
                }
                r
            }
            _ => return Ok(None),
        };
        Ok(Some(Value::Float(v)))
    }

    pub(crate) fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(same(a, b))),
            CmpOp::IsNot => return Ok(Value::Bool(!same(a, b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if is_tensorish(a) || is_tensorish(b) {
            return (self.hooks.tensor_compare)(self, op, a, b);
        }
        if let Value::Instance(_) = a {
            let name = match op {
                CmpOp::Eq => "__eq__",
                CmpOp::NotEq => "__ne__",
                CmpOp::Lt => "__lt__",
                CmpOp::LtE => "__le__",
                CmpOp::Gt => "__gt__",
                _ => "__ge__",
            };
            if let Ok(f) = self.get_attr(a, name) {
                return self.call(&f, Args::new(vec![b.clone()]));
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.equal(a, b)?)),
            CmpOp::NotEq => Ok(Value::Bool(!self.equal(a, b)?)),
            _ => {
                let ord = self.order(a, b, op)?;
                Ok(Value::Bool(match op {
                    CmpOp::Lt => ord == std::cmp::Ordering::Less,
                    CmpOp::LtE => ord != std::cmp::Ordering::Greater,
                    CmpOp::Gt => ord == std::cmp::Ordering::Greater,
                    _ => ord != std::cmp::Ordering::Less,
                }))
            }
        }
    }

    /// Python `==` for non-tensor values. A container equals itself without a look inside
    /// (CPython's identity shortcut), and nesting deeper than the recursion limit raises
    /// RecursionError.
    pub(crate) fn equal(&mut self, a: &Value, b: &Value) -> R<bool> {
        match (a, b) {
            (Value::List(x), Value::List(y)) if Rc::ptr_eq(x, y) => Ok(true),
            (Value::Dict(x), Value::Dict(y)) if Rc::ptr_eq(x, y) => Ok(true),
            (Value::Tuple(x), Value::Tuple(y)) if Rc::ptr_eq(x, y) => Ok(true),
            (Value::List(_), Value::List(_))
            | (Value::Dict(_), Value::Dict(_))
            | (Value::Tuple(_), Value::Tuple(_)) => {
                self.enter_comparison()?;
                let r = self.equal_value(a, b);
                self.depth -= 1;
                r
            }
            _ => self.equal_value(a, b),
        }
    }

    /// One more level of a recursive comparison, or RecursionError past the limit.
    fn enter_comparison(&mut self) -> R<()> {
        if self.depth >= super::session::MAX_DEPTH {
            return raise(
                ExcKind::RecursionError,
                "maximum recursion depth exceeded in comparison",
            );
        }
        self.depth += 1;
        Ok(())
    }

    fn equal_value(&mut self, a: &Value, b: &Value) -> R<bool> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return Ok(x == y);
        }
        Ok(match (a, b) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_equal(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_equal(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in x.keys.iter().zip(&x.values) {
                    match y.get(k)? {
                        Some(w) => {
                            if !self.equal(v, &w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                true
            }
            (Value::DType(x), Value::DType(y)) => x == y,
            (Value::DType(x), Value::Str(s)) | (Value::Str(s), Value::DType(x)) => {
                x.name() == s.as_ref()
            }
            (Value::Shape(x), Value::Shape(y)) => x == y,
            (Value::Shape(x), Value::List(_) | Value::Tuple(_))
            | (Value::List(_) | Value::Tuple(_), Value::Shape(x)) => {
                let other = if matches!(a, Value::Shape(_)) { b } else { a };
                let items: Vec<Value> = self.collect_items(other)?;
                match &x.dims {
                    Some(d) => {
                        d.len() == items.len()
                            && d.iter().zip(&items).all(|(dim, v)| match (dim, v) {
                                (Some(n), Value::Int(m)) => *n as i64 == *m,
                                (None, Value::None) => true,
                                _ => false,
                            })
                    }
                    None => false,
                }
            }
            (Value::Range(a1, b1, c1), Value::Range(a2, b2, c2)) => (a1, b1, c1) == (a2, b2, c2),
            _ => same(a, b),
        })
    }

    fn seq_equal(&mut self, x: &[Value], y: &[Value]) -> R<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            let eq = if is_tensorish(p) || is_tensorish(q) {
                let r = (self.hooks.tensor_compare)(self, CmpOp::Eq, p, q)?;
                self.truthy(&r)?
            } else {
                self.equal(p, q)?
            };
            if !eq {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn order_items(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> R<std::cmp::Ordering> {
        for (p, q) in x.iter().zip(y) {
            if !self.equal(p, q)? {
                return self.order(p, q, op);
            }
        }
        Ok(x.len().cmp(&y.len()))
    }

    /// Ordering for `<` and friends, and for sorted().
    pub(crate) fn order(&mut self, a: &Value, b: &Value, op: CmpOp) -> R<std::cmp::Ordering> {
        use std::cmp::Ordering;
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return Ok(x.partial_cmp(&y).unwrap_or(Ordering::Equal));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(x.cmp(y)),
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x: Vec<Value> = self.collect_items(a)?;
                let y: Vec<Value> = self.collect_items(b)?;
                self.enter_comparison()?;
                let r = self.order_items(&x, &y, op);
                self.depth -= 1;
                r
            }
            _ if is_tensorish(a) || is_tensorish(b) => {
                let lt = (self.hooks.tensor_compare)(self, CmpOp::Lt, a, b)?;
                if self.truthy(&lt)? {
                    return Ok(Ordering::Less);
                }
                let gt = (self.hooks.tensor_compare)(self, CmpOp::Gt, a, b)?;
                Ok(if self.truthy(&gt)? {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                })
            }
            _ => Err(type_err(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ))),
        }
    }

    pub(crate) fn contains(&mut self, container: &Value, item: &Value) -> R<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(sub.as_ref())),
                _ => Err(type_err(format!(
                    "'in <string>' requires string as left operand, not {}",
                    item.type_name()
                ))),
            },
            Value::Dict(d) => Ok(d.borrow().get(item)?.is_some()),
            Value::Range(a, b, s) => Ok(match int(item) {
                Some(i) => {
                    let inside = if *s > 0 {
                        i >= *a && i < *b
                    } else {
                        i <= *a && i > *b
                    };
                    inside && (i - a) % s == 0
                }
                None => false,
            }),
            Value::Instance(_) => {
                let f = self.get_attr(container, "__contains__")?;
                let r = self.call(&f, Args::new(vec![item.clone()]))?;
                self.truthy(&r)
            }
            _ => {
                let mut items = self.iterate(container)?;
                while let Some(v) = items.next(self)? {
                    let eq = if is_tensorish(&v) || is_tensorish(item) {
                        let r = (self.hooks.tensor_compare)(self, CmpOp::Eq, &v, item)?;
                        self.truthy(&r)?
                    } else {
                        self.equal(&v, item)?
                    };
                    if eq {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}

/// Python's `is`.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::DType(x), Value::DType(y)) => x == y,
        (Value::ExcClass(x), Value::ExcClass(y)) => x == y,
        (Value::None, _) | (_, Value::None) => false,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a.identity() == b.identity(),
    }
}
