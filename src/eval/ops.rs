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

/// Python's float `%` (the sign follows the divisor).
pub fn py_fmod(a: f64, b: f64) -> f64 {
    float_divmod(a, b).1
}

/// Python's float `divmod` (CPython's `float_divmod`): the floor quotient and the modulo
/// whose sign follows the divisor, with signed zeros where CPython gives them.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// A sequence repetition count: ints past the index range overflow as in CPython.
fn repeat_count(v: &Value) -> R<i64> {
    match v {
        Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => Ok(0),
        Value::BigInt(_) => raise(
            ExcKind::OverflowError,
            "cannot fit 'int' into an index-sized integer",
        ),
        other => Ok(int(other).unwrap_or(0)),
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
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::ByteArray(b) => !b.borrow().is_empty(),
            Value::List(l) | Value::Set(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Range(r) => (r.2 > 0 && r.0 < r.1) || (r.2 < 0 && r.0 > r.1),
            Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                (self.hooks.tensor_truth)(v)?
            }
            Value::Shape(s) => s.dims.as_ref().map(|d| !d.is_empty()).unwrap_or(true),
            Value::Object(o) => {
                if let Some(items) = o.as_tuple() {
                    return Ok(!items.is_empty());
                }
                for name in ["__bool__", "__len__"] {
                    if let Some(f) = self.object_dunder(v, name)? {
                        let r = self.call(&f, Args::default())?;
                        return self.truthy(&r);
                    }
                }
                true
            }
            Value::Instance(_) => return self.instance_truth(v),
            _ => true,
        })
    }

    pub(crate) fn unary(&mut self, op: UnaryOp, v: &Value) -> R<Value> {
        if op == UnaryOp::Not {
            if let (Some(_), Value::Object(_)) = (self.hooks.graph_pick, v) {
                // While a `tf.function` is traced, `not` of a symbolic tensor is
                // `tf.logical_not` (AutoGraph).
                return (self.hooks.tensor_unary)(self, op, v);
            }
            return Ok(Value::Bool(!self.truthy(v)?));
        }
        if is_tensorish(v) {
            return (self.hooks.tensor_unary)(self, op, v);
        }
        match (op, v) {
            (UnaryOp::Neg, Value::Int(i)) => Ok(i
                .checked_neg()
                .map(Value::Int)
                .unwrap_or_else(|| super::bigint::neg(&(*i).into()))),
            (UnaryOp::Neg, Value::BigInt(b)) => Ok(super::bigint::neg(b)),
            (UnaryOp::Invert, Value::BigInt(b)) => Ok(super::bigint::invert(b)),
            (UnaryOp::Pos, Value::BigInt(_)) => Ok(v.clone()),
            (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => Ok(v.clone()),
            (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (_, Value::Instance(_) | Value::Object(_)) => {
                let name = match op {
                    UnaryOp::Neg => "__neg__",
                    UnaryOp::Pos => "__pos__",
                    _ => "__invert__",
                };
                match self.special_method(v, name)? {
                    Some(f) => self.call(&f, Args::default()),
                    None => Err(bad_unary_operand(op, v)),
                }
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
            // A user class or native object on either side may still define the operator.
            if !matches!(b, Value::Instance(_) | Value::Object(_))
                && !matches!(a, Value::Instance(_) | Value::Object(_))
            {
                return (self.hooks.tensor_binary)(self, op, a, b);
            }
        }
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            if let Some(r) = self.instance_binary(op, a, b)? {
                return Ok(r);
            }
        }
        let (name, rname, _) = super::dunder_ops::names(op);
        if !matches!(a, Value::Instance(_)) {
            if let Some(f) = self.special_method(a, name)? {
                return self.call(&f, Args::new(vec![b.clone()]));
            }
        }
        if !matches!(b, Value::Instance(_)) {
            if let Some(f) = self.special_method(b, rname)? {
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
            (
                BinOp::Add,
                Value::Bytes(_) | Value::ByteArray(_),
                Value::Bytes(_) | Value::ByteArray(_),
            ) => {
                let mut v = super::bytes::bytes_of(a).unwrap_or_default();
                v.extend(super::bytes::bytes_of(b).unwrap_or_default());
                Ok(match a {
                    Value::ByteArray(_) => super::bytes::new_bytearray(v),
                    _ => super::bytes::new_bytes(v),
                })
            }
            (BinOp::Add, Value::Bytes(_) | Value::ByteArray(_), _) => Err(type_err(format!(
                "can't concat {} to {}",
                b.type_name(),
                a.type_name()
            ))),
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = x.as_ref().clone();
                v.extend(y.iter().cloned());
                Ok(Value::tuple(v))
            }
            (
                BinOp::Mul,
                Value::Str(_)
                | Value::List(_)
                | Value::Tuple(_)
                | Value::Bytes(_)
                | Value::ByteArray(_),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
            ) => self.repeat(a, repeat_count(b)?),
            (
                BinOp::Mul,
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
                Value::Str(_)
                | Value::List(_)
                | Value::Tuple(_)
                | Value::Bytes(_)
                | Value::ByteArray(_),
            ) => self.repeat(b, repeat_count(a)?),
            (BinOp::Mod, Value::Str(fmt), _) => Ok(Value::str(&self.percent_format(fmt, b)?)),
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(x),
                Value::Set(y),
            ) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                match self.set_binary(op, &x, &y)? {
                    Some(v) => Ok(v),
                    None => Err(type_err("unsupported set operation")),
                }
            }
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
            Value::Bytes(_) | Value::ByteArray(_) => {
                let b = super::bytes::bytes_of(seq).unwrap_or_default();
                if b.len().saturating_mul(n) > crate::tensor::alloc::limit() {
                    return raise(ExcKind::MemoryError, "");
                }
                let r = b.repeat(n);
                match seq {
                    Value::ByteArray(_) => super::bytes::new_bytearray(r),
                    _ => super::bytes::new_bytes(r),
                }
            }
            _ => Value::None,
        })
    }

    /// Arithmetic on bools, ints and floats; None when an operand is not a number.
    fn numeric_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        if let Some(v) = self.int_binary(op, a, b)? {
            return Ok(Some(v));
        }
        self.float_binary(op, a, b)
    }

    /// Int operators: the i64 path, and past it the exact one of `bigint.rs`.
    fn int_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        if !super::bigint::is_int(a) || !super::bigint::is_int(b) {
            return Ok(None);
        }
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
            if r.is_some() {
                return Ok(r);
            }
        }
        let (Some(x), Some(y)) = (super::bigint::big_of(a), super::bigint::big_of(b)) else {
            return Ok(None);
        };
        super::bigint::binary(op, &x, &y)
    }

    /// Float operators, for a float operand or an int power with a negative exponent.
    fn float_binary(&mut self, op: BinOp, a: &Value, b: &Value) -> R<Option<Value>> {
        if !matches!(
            a,
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
        ) || !matches!(
            b,
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
        ) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (super::bigint::num_f64(a)?, super::bigint::num_f64(b)?) else {
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
                float_divmod(x, y).0
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

    /// The special method `name` (`__truediv__`, `__contains__`...) of a user instance or
    /// a native object, bound to it; None when it has none.
    pub(crate) fn special_method(&mut self, v: &Value, name: &str) -> R<Option<Value>> {
        Ok(match v {
            Value::Instance(_) => self.special(v, name),
            Value::Object(o) => o.clone().get_attr(v, name, self)?,
            Value::Dict(d) => {
                let ext = d.borrow().ext.clone();
                match ext {
                    Some(e) => e.attr(v, name, self)?,
                    None => None,
                }
            }
            _ => None,
        })
    }

    pub(crate) fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(same(a, b))),
            CmpOp::IsNot => return Ok(Value::Bool(!same(a, b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if (is_tensorish(a) || is_tensorish(b))
            && !matches!(a, Value::Object(_))
            && !matches!(b, Value::Object(_))
        {
            return (self.hooks.tensor_compare)(self, op, a, b);
        }
        if matches!(a, Value::Instance(_)) || matches!(b, Value::Instance(_)) {
            return self.instance_compare(op, a, b);
        }
        if let (Value::Object(_), false) = (b, matches!(a, Value::Object(_))) {
            // The reflected comparison of a native object on the right (`0 < x`).
            let name = match op {
                CmpOp::Eq => "__eq__",
                CmpOp::NotEq => "__ne__",
                CmpOp::Lt => "__gt__",
                CmpOp::LtE => "__ge__",
                CmpOp::Gt => "__lt__",
                _ => "__le__",
            };
            if let Some(f) = self.special_method(b, name)? {
                return self.call(&f, Args::new(vec![a.clone()]));
            }
        }
        if let Value::Object(_) = a {
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
        if is_tensorish(a) || is_tensorish(b) {
            return (self.hooks.tensor_compare)(self, op, a, b);
        }
        if let (Value::Set(_), Value::Set(_), CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE) =
            (a, b, op)
        {
            // Sets order by inclusion: `a <= b` is "a is a subset of b".
            let (small, big) = match op {
                CmpOp::Lt | CmpOp::LtE => (a, b),
                _ => (b, a),
            };
            let xs = self.collect_items(small)?;
            let big_len = self.collect_items(big)?.len();
            let mut inside = true;
            for x in &xs {
                if !self.contains(big, x)? {
                    inside = false;
                    break;
                }
            }
            let strict = matches!(op, CmpOp::Lt | CmpOp::Gt);
            return Ok(Value::Bool(inside && (!strict || xs.len() < big_len)));
        }
        if let Some(o) = super::bigint::cmp_numbers(a, b) {
            use std::cmp::Ordering::*;
            return Ok(Value::Bool(match (op, o) {
                (CmpOp::NotEq, o) => o != Some(Equal),
                (_, None) => false,
                (CmpOp::Eq, Some(o)) => o == Equal,
                (CmpOp::Lt, Some(o)) => o == Less,
                (CmpOp::LtE, Some(o)) => o != Greater,
                (CmpOp::Gt, Some(o)) => o == Greater,
                (_, Some(o)) => o != Less,
            }));
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
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                let r = self.instance_compare(CmpOp::Eq, a, b)?;
                self.truthy(&r)
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
        if let Some(o) = super::bigint::cmp_numbers(a, b) {
            return Ok(o == Some(std::cmp::Ordering::Equal));
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(f) = self.object_dunder(x, "__eq__")? {
                let r = self.call(&f, Args::new(vec![y.clone()]))?;
                return self.truthy(&r);
            }
        }
        if let Some(eq) = super::types::dtype_equal(a, b) {
            return Ok(eq);
        }
        if let Some(x) = as_tuple(a) {
            return Ok(match as_tuple(b) {
                Some(y) => self.seq_equal(&x, &y)?,
                None => false,
            });
        }
        if let (Value::Tuple(_), Some(y)) = (a, as_tuple(b)) {
            return self.equal_value(&Value::tuple(y), a);
        }
        Ok(match (a, b) {
            (Value::Bytes(_) | Value::ByteArray(_), Value::Bytes(_) | Value::ByteArray(_)) => {
                super::bytes::bytes_of(a) == super::bytes::bytes_of(b)
            }
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
            (Value::Range(x), Value::Range(y)) => super::sequences::same_range(x, y),
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.set_equal(&x, &y)?
            }
            (Value::Object(x), Value::Object(y)) if x.type_name() == y.type_name() => {
                match (x.value_key(), y.value_key()) {
                    (Some(p), Some(q)) => self.equal(&p, &q)?,
                    _ => same(a, b),
                }
            }
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
        if let Some(o) = super::bigint::cmp_numbers(a, b) {
            return Ok(o.unwrap_or(Ordering::Equal));
        }
        if let Some(o) = self.rich_order(a, b)? {
            return Ok(o);
        }
        if let (Some(x), Some(y)) = (as_tuple(a), as_tuple(b)) {
            if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
                return self.order(&Value::tuple(x), &Value::tuple(y), op);
            }
        }
        match (a, b) {
            (Value::Bytes(_) | Value::ByteArray(_), Value::Bytes(_) | Value::ByteArray(_)) => {
                Ok(super::bytes::bytes_of(a).cmp(&super::bytes::bytes_of(b)))
            }
            (Value::Str(x), Value::Str(y)) => Ok(x.cmp(y)),
            (Value::Object(x), Value::Object(y)) if x.type_name() == y.type_name() => {
                match (x.value_key(), y.value_key()) {
                    (Some(p), Some(q)) => self.order(&p, &q, op),
                    _ => Err(type_err(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    ))),
                }
            }
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x: Vec<Value> = self.collect_items(a)?;
                let y: Vec<Value> = self.collect_items(b)?;
                self.enter_comparison()?;
                let r = self.order_items(&x, &y, op);
                self.depth -= 1;
                r
            }
            (Value::Instance(_), _) | (_, Value::Instance(_)) => {
                let (op, first, second) = match op {
                    CmpOp::Gt | CmpOp::GtE => (CmpOp::Gt, Ordering::Greater, Ordering::Less),
                    _ => (CmpOp::Lt, Ordering::Less, Ordering::Greater),
                };
                let r = self.instance_compare(op, a, b)?;
                if self.truthy(&r)? {
                    return Ok(first);
                }
                let r = self.instance_compare(op, b, a)?;
                Ok(if self.truthy(&r)? {
                    second
                } else {
                    Ordering::Equal
                })
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
            (Value::Object(_), _) if self.get_attr(a, "__lt__").is_ok() => {
                let lt = self.get_attr(a, "__lt__")?;
                let r = self.call(&lt, Args::new(vec![b.clone()]))?;
                if self.truthy(&r)? {
                    return Ok(Ordering::Less);
                }
                let gt = self.get_attr(a, "__gt__")?;
                let r = self.call(&gt, Args::new(vec![b.clone()]))?;
                Ok(if self.truthy(&r)? {
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

    /// Ordering through `__lt__` of instances and native objects (`sorted` of objects
    /// defining `__lt__`, `cmp_to_key`'s keys); None when neither side defines it.
    fn rich_order(&mut self, a: &Value, b: &Value) -> R<Option<std::cmp::Ordering>> {
        use std::cmp::Ordering;
        let lt = |it: &mut Interp, x: &Value| -> R<Option<Value>> {
            match x {
                Value::Instance(_) => Ok(it.get_attr(x, "__lt__").ok()),
                Value::Object(_) => it.object_dunder(x, "__lt__"),
                _ => Ok(None),
            }
        };
        let (Some(fa), Some(fb)) = (lt(self, a)?, lt(self, b)?) else {
            return Ok(None);
        };
        let r = self.call(&fa, Args::new(vec![b.clone()]))?;
        if self.truthy(&r)? {
            return Ok(Some(Ordering::Less));
        }
        let r = self.call(&fb, Args::new(vec![a.clone()]))?;
        Ok(Some(if self.truthy(&r)? {
            Ordering::Greater
        } else {
            Ordering::Equal
        }))
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
            Value::Bytes(_) | Value::ByteArray(_) => {
                super::bytes::contains(&super::bytes::bytes_of(container).unwrap_or_default(), item)
            }
            Value::Range(r) => Ok(match int(item) {
                Some(i) => {
                    let &(a, b, s) = &**r;
                    let inside = if s > 0 {
                        i >= a && i < b
                    } else {
                        i <= a && i > b
                    };
                    inside && (i - a) % s == 0
                }
                None => false,
            }),
            Value::Instance(_) if self.special(container, "__contains__").is_some() => {
                let r = self.call_special(container, "__contains__", vec![item.clone()])?;
                self.truthy(&r.unwrap_or(Value::None))
            }
            Value::Object(_) if self.special_method(container, "__contains__")?.is_some() => {
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

/// The items of a tuple, or of a native object that is one (a named tuple).
fn as_tuple(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Tuple(t) => Some(t.as_ref().clone()),
        Value::Object(o) => o.as_tuple(),
        _ => None,
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
