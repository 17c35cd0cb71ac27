//! Python's `operator` module: the operators as functions, and `itemgetter`,
//! `attrgetter`, `methodcaller`.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::builtins::items;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::any::Any;
use std::rc::Rc;

/// Sets `operator`'s constants (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}

/// `a op= b` as the operator module does it: lists extend in place.
fn inplace(it: &mut Interp, op: BinOp, a: Value, b: Value) -> R<Value> {
    if let (BinOp::Add, Value::List(l)) = (op, &a) {
        let extra = it.collect_items(&b)?;
        l.borrow_mut().extend(extra);
        return Ok(a);
    }
    it.binary(op, &a, &b)
}

builtin! {
    /// Same as a + b.
    python ["operator.add", "operator.__add__"]
    fn add(it, a, b) {
        it.binary(BinOp::Add, &a, &b)
    }
}

builtin! {
    /// Same as a + b (in place).
    python ["operator.iadd", "operator.__iadd__"]
    fn iadd(it, a, b) {
        inplace(it, BinOp::Add, a, b)
    }
}

builtin! {
    /// Same as a - b.
    python ["operator.sub", "operator.__sub__"]
    fn sub(it, a, b) {
        it.binary(BinOp::Sub, &a, &b)
    }
}

builtin! {
    /// Same as a - b (in place).
    python ["operator.isub", "operator.__isub__"]
    fn isub(it, a, b) {
        inplace(it, BinOp::Sub, a, b)
    }
}

builtin! {
    /// Same as a * b.
    python ["operator.mul", "operator.__mul__"]
    fn mul(it, a, b) {
        it.binary(BinOp::Mul, &a, &b)
    }
}

builtin! {
    /// Same as a * b (in place).
    python ["operator.imul", "operator.__imul__"]
    fn imul(it, a, b) {
        inplace(it, BinOp::Mul, a, b)
    }
}

builtin! {
    /// Same as a / b.
    python ["operator.truediv", "operator.__truediv__"]
    fn truediv(it, a, b) {
        it.binary(BinOp::Div, &a, &b)
    }
}

builtin! {
    /// Same as a / b (in place).
    python ["operator.itruediv", "operator.__itruediv__"]
    fn itruediv(it, a, b) {
        inplace(it, BinOp::Div, a, b)
    }
}

builtin! {
    /// Same as a // b.
    python ["operator.floordiv", "operator.__floordiv__"]
    fn floordiv(it, a, b) {
        it.binary(BinOp::FloorDiv, &a, &b)
    }
}

builtin! {
    /// Same as a // b (in place).
    python ["operator.ifloordiv", "operator.__ifloordiv__"]
    fn ifloordiv(it, a, b) {
        inplace(it, BinOp::FloorDiv, a, b)
    }
}

builtin! {
    /// Same as a % b.
    python ["operator.mod", "operator.__mod__"]
    fn r#mod(it, a, b) {
        it.binary(BinOp::Mod, &a, &b)
    }
}

builtin! {
    /// Same as a % b (in place).
    python ["operator.imod", "operator.__imod__"]
    fn imod(it, a, b) {
        inplace(it, BinOp::Mod, a, b)
    }
}

builtin! {
    /// Same as a ** b.
    python ["operator.pow", "operator.__pow__"]
    fn pow(it, a, b) {
        it.binary(BinOp::Pow, &a, &b)
    }
}

builtin! {
    /// Same as a ** b (in place).
    python ["operator.ipow", "operator.__ipow__"]
    fn ipow(it, a, b) {
        inplace(it, BinOp::Pow, a, b)
    }
}

builtin! {
    /// Same as a @ b.
    python ["operator.matmul", "operator.__matmul__"]
    fn matmul(it, a, b) {
        it.binary(BinOp::MatMul, &a, &b)
    }
}

builtin! {
    /// Same as a @ b (in place).
    python ["operator.imatmul", "operator.__imatmul__"]
    fn imatmul(it, a, b) {
        inplace(it, BinOp::MatMul, a, b)
    }
}

builtin! {
    /// Same as a & b.
    python ["operator.and_", "operator.__and__"]
    fn and_(it, a, b) {
        it.binary(BinOp::BitAnd, &a, &b)
    }
}

builtin! {
    /// Same as a & b (in place).
    python ["operator.iand", "operator.__iand__"]
    fn iand(it, a, b) {
        inplace(it, BinOp::BitAnd, a, b)
    }
}

builtin! {
    /// Same as a | b.
    python ["operator.or_", "operator.__or__"]
    fn or_(it, a, b) {
        it.binary(BinOp::BitOr, &a, &b)
    }
}

builtin! {
    /// Same as a | b (in place).
    python ["operator.ior", "operator.__ior__"]
    fn ior(it, a, b) {
        inplace(it, BinOp::BitOr, a, b)
    }
}

builtin! {
    /// Same as a ^ b.
    python ["operator.xor", "operator.__xor__"]
    fn xor(it, a, b) {
        it.binary(BinOp::BitXor, &a, &b)
    }
}

builtin! {
    /// Same as a ^ b (in place).
    python ["operator.ixor", "operator.__ixor__"]
    fn ixor(it, a, b) {
        inplace(it, BinOp::BitXor, a, b)
    }
}

builtin! {
    /// Same as a << b.
    python ["operator.lshift", "operator.__lshift__"]
    fn lshift(it, a, b) {
        it.binary(BinOp::LShift, &a, &b)
    }
}

builtin! {
    /// Same as a << b (in place).
    python ["operator.ilshift", "operator.__ilshift__"]
    fn ilshift(it, a, b) {
        inplace(it, BinOp::LShift, a, b)
    }
}

builtin! {
    /// Same as a >> b.
    python ["operator.rshift", "operator.__rshift__"]
    fn rshift(it, a, b) {
        it.binary(BinOp::RShift, &a, &b)
    }
}

builtin! {
    /// Same as a >> b (in place).
    python ["operator.irshift", "operator.__irshift__"]
    fn irshift(it, a, b) {
        inplace(it, BinOp::RShift, a, b)
    }
}

builtin! {
    /// Same as a == b.
    python ["operator.eq", "operator.__eq__"]
    fn eq(it, a, b) {
        it.compare(CmpOp::Eq, &a, &b)
    }
}

builtin! {
    /// Same as a != b.
    python ["operator.ne", "operator.__ne__"]
    fn ne(it, a, b) {
        it.compare(CmpOp::NotEq, &a, &b)
    }
}

builtin! {
    /// Same as a < b.
    python ["operator.lt", "operator.__lt__"]
    fn lt(it, a, b) {
        it.compare(CmpOp::Lt, &a, &b)
    }
}

builtin! {
    /// Same as a <= b.
    python ["operator.le", "operator.__le__"]
    fn le(it, a, b) {
        it.compare(CmpOp::LtE, &a, &b)
    }
}

builtin! {
    /// Same as a > b.
    python ["operator.gt", "operator.__gt__"]
    fn gt(it, a, b) {
        it.compare(CmpOp::Gt, &a, &b)
    }
}

builtin! {
    /// Same as a >= b.
    python ["operator.ge", "operator.__ge__"]
    fn ge(it, a, b) {
        it.compare(CmpOp::GtE, &a, &b)
    }
}

builtin! {
    /// Same as a is b.
    python ["operator.is_"]
    fn is_(it, a, b) {
        it.compare(CmpOp::Is, &a, &b)
    }
}

builtin! {
    /// Same as a is not b.
    python ["operator.is_not"]
    fn is_not(it, a, b) {
        it.compare(CmpOp::IsNot, &a, &b)
    }
}

builtin! {
    /// Same as -a.
    python ["operator.neg", "operator.__neg__"]
    fn neg(it, a) {
        it.unary(UnaryOp::Neg, &a)
    }
}

builtin! {
    /// Same as +a.
    python ["operator.pos", "operator.__pos__"]
    fn pos(it, a) {
        it.unary(UnaryOp::Pos, &a)
    }
}

builtin! {
    /// Same as ~a.
    python ["operator.invert", "operator.__invert__"]
    fn invert(it, a) {
        it.unary(UnaryOp::Invert, &a)
    }
}

builtin! {
    /// Same as ~a.
    python ["operator.inv", "operator.__inv__"]
    fn inv(it, a) {
        it.unary(UnaryOp::Invert, &a)
    }
}

builtin! {
    /// Same as not a.
    python ["operator.not_", "operator.__not__"]
    fn not_(it, a) {
        Ok(Value::Bool(!it.truthy(&a)?))
    }
}

builtin! {
    /// Return True if a is true, False otherwise.
    python ["operator.truth"]
    fn truth(it, a) {
        Ok(Value::Bool(it.truthy(&a)?))
    }
}

builtin! {
    /// Same as abs(a).
    python ["operator.abs", "operator.__abs__"]
    fn abs(it, a) {
        let f = it.builtins.get("abs").cloned().unwrap_or(Value::None);
        it.call(&f, Args::new(vec![a]))
    }
}

builtin! {
    /// Same as a.__index__()
    python ["operator.index", "operator.__index__"]
    fn index(it, a) {
        let _ = it;
        match a {
            Value::Int(_) => Ok(a),
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            other => Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        }
    }
}

builtin! {
    /// Same as a + b, for a and b sequences.
    python ["operator.concat", "operator.__concat__"]
    fn concat(it, a, b) {
        if matches!(a, Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None) {
            return Err(type_err(format!(
                "'{}' object can't be concatenated",
                a.type_name()
            )));
        }
        it.binary(BinOp::Add, &a, &b)
    }
}

builtin! {
    /// Same as b in a (note reversed operands).
    python ["operator.contains", "operator.__contains__"]
    fn contains(it, a, b) {
        Ok(Value::Bool(it.contains(&a, &b)?))
    }
}

builtin! {
    /// Return the number of items in a which are, or which equal, b.
    python ["operator.countOf"]
    fn countOf(it, a, b) {
        let mut n = 0;
        for x in it.collect_items(&a)? {
            if crate::eval::ops::same(&x, &b) || it.equal(&x, &b)? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    }
}

builtin! {
    /// Return the first index of b in a.
    python ["operator.indexOf"]
    fn indexOf(it, a, b) {
        for (i, x) in it.collect_items(&a)?.into_iter().enumerate() {
            if crate::eval::ops::same(&x, &b) || it.equal(&x, &b)? {
                return Ok(Value::Int(i as i64));
            }
        }
        raise(ExcKind::ValueError, "sequence.index(x): x not in sequence")
    }
}

builtin! {
    /// Same as a[b].
    python ["operator.getitem", "operator.__getitem__"]
    fn getitem(it, a, b) {
        it.get_item(&a, &b)
    }
}

builtin! {
    /// Same as a[b] = c.
    python ["operator.setitem", "operator.__setitem__"]
    fn setitem(it, a, b, c) {
        it.set_item(&a, &b, c)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Same as del a[b].
    python ["operator.delitem", "operator.__delitem__"]
    fn delitem(it, a, b) {
        it.del_item(&a, &b)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Return an object that fetches the given item(s) from its operand.
    python ["operator.itemgetter"]
    fn itemgetter(it, *items_) {
        let _ = it;
        let keys = items(&items_);
        if keys.is_empty() {
            return raise(ExcKind::TypeError, "itemgetter expected 1 argument, got 0");
        }
        Ok(Value::Object(Rc::new(Getter { kind: "itemgetter", keys, kw: vec![] })))
    }
}

builtin! {
    /// Return a callable object that fetches the given attribute(s) from its operand.
    python ["operator.attrgetter"]
    fn attrgetter(it, *attrs) {
        let _ = it;
        let keys = items(&attrs);
        if keys.is_empty() {
            return raise(ExcKind::TypeError, "attrgetter expected 1 argument, got 0");
        }
        for k in &keys {
            if !matches!(k, Value::Str(_)) {
                return raise(ExcKind::TypeError, "attribute name must be a string");
            }
        }
        Ok(Value::Object(Rc::new(Getter { kind: "attrgetter", keys, kw: vec![] })))
    }
}

builtin! {
    /// Return a callable object that calls the given method on its operand.
    python ["operator.methodcaller"]
    fn methodcaller(it, name, *args, **kwargs) {
        let _ = it;
        if !matches!(name, Value::Str(_)) {
            return raise(ExcKind::TypeError, "method name must be a string");
        }
        let mut keys = vec![name];
        keys.extend(items(&args));
        let kw = crate::eval::builtins::to_args(&Value::tuple(vec![]), &kwargs).kw;
        Ok(Value::Object(Rc::new(Getter { kind: "methodcaller", keys, kw })))
    }
}

/// `itemgetter`, `attrgetter` and `methodcaller` objects.
struct Getter {
    kind: &'static str,
    keys: Vec<Value>,
    kw: Vec<(String, Value)>,
}

fn dotted_attr(it: &mut Interp, obj: &Value, path: &Value) -> R<Value> {
    let Value::Str(p) = path else {
        return Ok(Value::None);
    };
    let mut cur = obj.clone();
    for part in p.split('.') {
        cur = it.get_attr(&cur, part)?;
    }
    Ok(cur)
}

impl Object for Getter {
    fn type_name(&self) -> String {
        format!("operator.{}", self.kind)
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        if !args.kw.is_empty() {
            return raise(
                ExcKind::TypeError,
                format!("{}() takes no keyword arguments", self.kind),
            );
        }
        if args.pos.len() != 1 {
            return raise(
                ExcKind::TypeError,
                format!("{} expected 1 argument, got {}", self.kind, args.pos.len()),
            );
        }
        let obj = &args.pos[0];
        match self.kind {
            "methodcaller" => {
                let f = dotted_attr(it, obj, &self.keys[0])?;
                it.call(
                    &f,
                    Args {
                        pos: self.keys[1..].to_vec(),
                        kw: self.kw.clone(),
                    },
                )
            }
            kind => {
                let mut out = Vec::new();
                for k in &self.keys {
                    out.push(if kind == "itemgetter" {
                        it.get_item(obj, k)?
                    } else {
                        dotted_attr(it, obj, k)?
                    });
                }
                Ok(if out.len() == 1 {
                    out.remove(0)
                } else {
                    Value::tuple(out)
                })
            }
        }
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for k in &self.keys {
            parts.push(it.repr(k)?);
        }
        for (k, v) in &self.kw {
            parts.push(format!("{}={}", k, it.repr(v)?));
        }
        Ok(format!("operator.{}({})", self.kind, parts.join(", ")))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
