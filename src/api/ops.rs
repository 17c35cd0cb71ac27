//! Python operators on tensors, variables and numpy arrays: `+ - * / // % ** @`, unary
//! minus, comparisons. Tensors follow TensorFlow (the other operand converts to the tensor's
//! dtype; mixed tensor dtypes are an InvalidArgumentError); numpy arrays follow numpy's
//! type promotion.

use super::convert::{tensor_of, to_tensor};
use crate::eval::error::{type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::broadcast::{broadcast_shapes, np_mismatch};
use crate::tensor::error::TResult;
use crate::tensor::ops::bitwise::{self, Bitwise};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::linalg::matmul;
use crate::tensor::ops::shape::reshape_to;
use crate::tensor::{DType, Tensor};

fn is_tf(v: &Value) -> bool {
    matches!(v, Value::Tensor(_) | Value::Variable(_))
}

/// `convert_to_tensor(v, dtype_hint=d)`: the hint when it fits, else the inferred dtype (the
/// op then reports the mismatch).
pub fn convert_hinted(it: &mut Interp, v: &Value, d: DType) -> R<Tensor> {
    match to_tensor(it, v, Some(d)) {
        Ok(t) => Ok(t),
        Err(e) => to_tensor(it, v, None).map_err(|_| e),
    }
}

/// Both operands as tensors: TensorFlow converts the non-tensor side to the tensor's dtype.
fn operands(it: &mut Interp, a: &Value, b: &Value) -> R<(Tensor, Tensor, bool)> {
    if is_tf(a) || is_tf(b) {
        let (ta, tb) = if is_tf(a) {
            let ta = tensor_of(a).unwrap_or_else(|| Tensor::scalar(0f32));
            let tb = match tensor_of(b) {
                Some(t) => t,
                None => convert_hinted(it, b, ta.dtype())?,
            };
            (ta, tb)
        } else {
            let tb = tensor_of(b).unwrap_or_else(|| Tensor::scalar(0f32));
            let ta = match tensor_of(a) {
                Some(t) => t,
                None => convert_hinted(it, a, tb.dtype())?,
            };
            (ta, tb)
        };
        return Ok((ta, tb, false));
    }
    // numpy arrays: promote to a common dtype. The other operand converts as numpy
    // converts it (a Python float is float64, every digit kept).
    let ta = match tensor_of(a) {
        Some(t) => t,
        None => super::numpy::np_array(it, a, None)?,
    };
    let tb = match tensor_of(b) {
        Some(t) => t,
        None => super::numpy::np_array(it, b, None)?,
    };
    let d = super::np_promote::result_type(a, &ta, b, &tb);
    Ok((ta.cast(d), tb.cast(d), true))
}

/// Two operands of a numpy ufunc (`np.add(x1, x2)`): tensors and variables count as arrays,
/// and both come back in the dtype numpy's promotion gives the pair.
pub fn np_operands(it: &mut Interp, a: &Value, b: &Value) -> R<(Tensor, Tensor)> {
    let (a, b) = np_values(a, b);
    let (ta, tb, _) = operands(it, &a, &b)?;
    broadcastable(&ta, &tb)?;
    Ok((ta, tb))
}

/// numpy's error for elementwise operands whose shapes do not broadcast.
fn broadcastable(a: &Tensor, b: &Tensor) -> R<()> {
    match broadcast_shapes(a.shape(), b.shape()) {
        Some(_) => Ok(()),
        None => Err(value_err(np_mismatch(&[a.shape(), b.shape()]))),
    }
}

/// Two ufunc operands as values `tensor_binary` and `tensor_compare` take numpy's way
/// (tensors and variables become arrays).
pub fn np_values(a: &Value, b: &Value) -> (Value, Value) {
    let as_np = |v: &Value| match tensor_of(v) {
        Some(t) if is_tf(v) => Value::ndarray(t),
        _ => v.clone(),
    };
    (as_np(a), as_np(b))
}

fn wrap(t: Tensor, numpy: bool) -> Value {
    if numpy {
        Value::ndarray(t)
    } else {
        Value::Tensor(t)
    }
}

pub fn tensor_binary(it: &mut Interp, op: BinOp, a: &Value, b: &Value) -> R<Value> {
    let (ta, tb, numpy) = operands(it, a, b)?;
    if numpy && op != BinOp::MatMul {
        broadcastable(&ta, &tb)?;
    }
    let r: TResult<Tensor> = match op {
        BinOp::Add => ew::binary(Binary::Add, &ta, &tb),
        BinOp::Sub => ew::binary(Binary::Sub, &ta, &tb),
        BinOp::Mul => ew::binary(Binary::Mul, &ta, &tb),
        BinOp::Div => {
            let (x, y) = if numpy && !ta.dtype().is_float() && !ta.dtype().is_complex() {
                // numpy's true_divide of integers is float64 whatever their width.
                (ta.cast(DType::F64), tb.cast(DType::F64))
            } else {
                true_div_operands(&ta, &tb)
            };
            ew::binary(Binary::Div, &x, &y)
        }
        BinOp::FloorDiv => ew::binary(Binary::FloorDiv, &ta, &tb),
        BinOp::Mod if numpy && ta.dtype().is_float() => np_float_mod(&ta, &tb),
        BinOp::Mod => ew::binary(Binary::FloorMod, &ta, &tb),
        BinOp::Pow => ew::binary(Binary::Pow, &ta, &tb),
        BinOp::MatMul if numpy => return np_matmul(&ta, &tb).map(Value::ndarray),
        BinOp::MatMul => matmul(&ta, &tb, false, false),
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor if ta.dtype() == DType::Bool => {
            let l = match op {
                BinOp::BitAnd => ew::Logical::And,
                BinOp::BitOr => ew::Logical::Or,
                _ => ew::Logical::Xor,
            };
            ew::logical(l, &ta, &tb)
        }
        // Integers: bitwise ops (numpy also shifts; TensorFlow's tensors have no `<<`).
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::LShift | BinOp::RShift
            if numpy || !matches!(op, BinOp::LShift | BinOp::RShift) =>
        {
            return bitwise_op(op, &ta, &tb, numpy);
        }
        _ => {
            return Err(type_err(format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                op.symbol(),
                operand_type(a),
                operand_type(b)
            )))
        }
    };
    match r {
        Ok(r) => Ok(wrap(r, numpy)),
        Err(e) if numpy => Err(super::numpy::np_err(e)),
        Err(e) => Err(e.into()),
    }
}

/// A type as CPython names it in operator errors: an extension type by its full path.
fn operand_type(v: &Value) -> String {
    match v {
        Value::Tensor(_) => "tensorflow.python.framework.ops.EagerTensor".into(),
        v => v.type_name(),
    }
}

/// numpy's message for a ufunc given dtypes it has no loop for.
fn no_loop(ufunc: &str) -> String {
    format!("ufunc '{ufunc}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
}

/// `&`, `|`, `^`, `<<`, `>>` of integer operands (already of one dtype).
fn bitwise_op(op: BinOp, a: &Tensor, b: &Tensor, numpy: bool) -> R<Value> {
    let (kind, ufunc, tf_op) = match op {
        BinOp::BitAnd => (Bitwise::And, "bitwise_and", "BitwiseAnd"),
        BinOp::BitOr => (Bitwise::Or, "bitwise_or", "BitwiseOr"),
        BinOp::BitXor => (Bitwise::Xor, "bitwise_xor", "BitwiseXor"),
        BinOp::LShift => (Bitwise::LeftShift, "left_shift", "LeftShift"),
        _ => (Bitwise::RightShift, "right_shift", "RightShift"),
    };
    match bitwise::binary(kind, a, b)? {
        Some(r) => Ok(wrap(r, numpy)),
        None if numpy => Err(type_err(no_loop(ufunc))),
        None => Err(crate::tensor::error::invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: int8, int16, int32, int64, uint8, uint16, uint32, uint64\n\t; NodeDef: {{{{node {tf_op}}}}}; Op<name={tf_op}; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_INT8, DT_INT16, DT_INT32, DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64]; is_commutative=true> [Op:{tf_op}] name: ",
            a.dtype().name()
        ))
        .into()),
    }
}

/// numpy's float `%`: TensorFlow's FloorMod, except that a zero remainder takes the
/// divisor's sign (`-2.0 % 1.0` is `0.0`; TensorFlow keeps the dividend's, `-0.0`).
fn np_float_mod(a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    let r = ew::binary(Binary::FloorMod, a, b)?;
    let signs = ew::map_f64(
        &crate::tensor::ops::shape::broadcast_to(b, r.shape())?,
        |y| 0f64.copysign(y),
    );
    let zero = ew::compare(
        Compare::Equal,
        &r,
        &Tensor::from_f64s(r.dtype(), &[], &[0.0]),
    )?;
    crate::tensor::ops::select::select(&zero, &signs, &r)
}

/// numpy's `@`: a 1-D operand is a row (left) or a column (right) whose added axis is
/// dropped from the result, so two vectors give their inner product.
fn np_matmul(a: &Tensor, b: &Tensor) -> R<Tensor> {
    const SIG: &str = "(n?,k),(k,m?)->(n?,m?)";
    for (i, t) in [a, b].iter().enumerate() {
        if t.ndim() == 0 {
            return Err(value_err(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {SIG} requires 1)"
            )));
        }
    }
    let (a1, b1) = (a.ndim() == 1, b.ndim() == 1);
    let a2 = if a1 {
        reshape_to(a, &[1, a.size()])
    } else {
        a.clone()
    };
    let b2 = if b1 {
        reshape_to(b, &[b.size(), 1])
    } else {
        b.clone()
    };
    let k = a2.shape()[a2.ndim() - 1];
    let kb = b2.shape()[b2.ndim() - 2];
    if k != kb {
        return Err(value_err(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIG} (size {kb} is different from {k})"
        )));
    }
    let r = matmul(&a2, &b2, false, false).map_err(super::numpy::np_err)?;
    // The result is [..., n, m]: drop m for a vector on the right, n for one on the left.
    let mut shape = r.shape().to_vec();
    let n_axis = shape.len() - 2;
    if b1 {
        shape.pop();
    }
    if a1 {
        shape.remove(n_axis);
    }
    Ok(reshape_to(&r, &shape))
}

/// Python 3 division of integer tensors, as `tf.math.truediv`: 8- and 16-bit integers
/// divide in float32, wider ones in float64.
pub fn true_div_operands(a: &Tensor, b: &Tensor) -> (Tensor, Tensor) {
    match a.dtype() {
        d if d.is_int() && d.size_bytes() >= 4 => (a.cast(DType::F64), b.cast(DType::F64)),
        d if d.is_int() => (a.cast(DType::F32), b.cast(DType::F32)),
        _ => (a.clone(), b.clone()),
    }
}

pub fn tensor_unary(_it: &mut Interp, op: UnaryOp, v: &Value) -> R<Value> {
    let t = tensor_of(v).unwrap_or_else(|| Tensor::scalar(0f32));
    let numpy = matches!(v, Value::NdArray(_));
    let r = match op {
        UnaryOp::Neg => ew::unary(Unary::Neg, &t)?,
        UnaryOp::Pos => t,
        UnaryOp::Invert if t.dtype() == DType::Bool => ew::unary(Unary::LogicalNot, &t)?,
        UnaryOp::Invert => match bitwise::invert(&t) {
            Some(r) => r,
            None if numpy => return Err(type_err(no_loop("invert"))),
            None => return Err(type_err(format!("bad operand type for unary ~: '{}'", v.type_name()))),
        },
        UnaryOp::Not => return Err(value_err("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")),
    };
    Ok(wrap(r, numpy))
}

pub fn tensor_compare(it: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
    let cmp = match op {
        CmpOp::Eq => Compare::Equal,
        CmpOp::NotEq => Compare::NotEqual,
        CmpOp::Lt => Compare::Less,
        CmpOp::LtE => Compare::LessEqual,
        CmpOp::Gt => Compare::Greater,
        CmpOp::GtE => Compare::GreaterEqual,
        _ => return Ok(Value::Bool(false)),
    };
    let eq_like = matches!(cmp, Compare::Equal | Compare::NotEqual);
    let (ta, tb, numpy) = match operands(it, a, b) {
        Ok(x) => x,
        // `tensor == None` and other unconvertible comparisons are simply unequal.
        Err(_) if eq_like => return Ok(Value::Bool(cmp == Compare::NotEqual)),
        Err(e) => return Err(e),
    };
    // numpy arrays that do not broadcast are an error, for `==` too.
    if numpy {
        broadcastable(&ta, &tb)?;
    }
    match ew::compare(cmp, &ta, &tb) {
        Ok(r) => Ok(wrap(r, numpy)),
        Err(_) if eq_like && !numpy => Ok(Value::Tensor(Tensor::scalar(cmp == Compare::NotEqual))),
        Err(e) => Err(e.into()),
    }
}
