//! Elementwise ops: unary math, binary arithmetic with broadcasting, comparisons and
//! logical ops. Each op picks its kernel once (per dtype and op), then runs a tight loop over
//! contiguous buffers; scalars and equal shapes take fast paths, other shapes broadcast.

use super::eigen;
use super::parallel::{filled, map_uninit, map_vec, rows_vec, zip_vec};
use crate::tensor::autodiff::{math as grad, record};
use crate::tensor::broadcast::{broadcast_shapes, shape_brackets};
use crate::tensor::dtype::num_like::{FloatOps, NumOps};
use crate::tensor::error::{invalid_arg, op_error, TResult};
use crate::tensor::{DType, Data, Elem, TStr, Tensor};
use crate::with_data;
use ndarray::{ArcArray, ArrayD, IxDyn, Zip};

/// `f` over every element, into a new contiguous array.
pub fn map_array<A: Elem, O: Elem>(
    a: &ArcArray<A, IxDyn>,
    f: impl Fn(A) -> O + Sync + Send,
) -> ArrayD<O> {
    let std = a.as_standard_layout();
    let src = std.as_slice().unwrap_or(&[]);
    let out = map_vec(src, f);
    ArrayD::from_shape_vec(IxDyn(a.shape()), out).unwrap_or_else(|_| ArrayD::default(IxDyn(&[0])))
}

/// `f` over pairs of elements with broadcasting; None when the shapes do not broadcast.
pub fn zip_arrays<A: Elem, B: Elem, O: Elem>(
    a: &ArcArray<A, IxDyn>,
    b: &ArcArray<B, IxDyn>,
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Option<ArrayD<O>> {
    if a.shape() == b.shape() {
        if let (Some(x), Some(y)) = (a.as_slice(), b.as_slice()) {
            let out = zip_vec(x, y, f);
            return ArrayD::from_shape_vec(IxDyn(a.shape()), out).ok();
        }
    }
    let shape = broadcast_shapes(a.shape(), b.shape())?;
    if b.len() == 1 && a.shape() == shape.as_slice() {
        let y = *b.iter().next()?;
        return Some(map_array(a, move |x| f(x, y)));
    }
    if a.len() == 1 && b.shape() == shape.as_slice() {
        let x = *a.iter().next()?;
        return Some(map_array(b, move |y| f(x, y)));
    }
    // One operand whole, the other a row repeated over it (a bias over a batch).
    let repeats = |row: &[usize]| {
        let lead = row.iter().take_while(|&&d| d == 1).count();
        shape.ends_with(&row[lead..])
    };
    if let (Some(x), Some(y)) = (a.as_slice(), b.as_slice()) {
        if a.shape() == shape.as_slice() && repeats(b.shape()) && !y.is_empty() {
            let out = rows_vec(x, y, f);
            return ArrayD::from_shape_vec(IxDyn(&shape), out).ok();
        }
        if b.shape() == shape.as_slice() && repeats(a.shape()) && !x.is_empty() {
            let out = rows_vec(y, x, |q, p| f(p, q));
            return ArrayD::from_shape_vec(IxDyn(&shape), out).ok();
        }
    }
    let av = a.broadcast(IxDyn(&shape))?;
    let bv = b.broadcast(IxDyn(&shape))?;
    Some(Zip::from(&av).and(&bv).map_collect(|&x, &y| f(x, y)))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    FloorMod,
    Pow,
    Maximum,
    Minimum,
    SquaredDifference,
}

impl Binary {
    /// The TensorFlow op name in error messages.
    pub fn op_name(self) -> &'static str {
        match self {
            Binary::Add => "AddV2",
            Binary::Sub => "Sub",
            Binary::Mul => "Mul",
            Binary::Div => "RealDiv",
            Binary::FloorDiv => "FloorDiv",
            Binary::FloorMod => "FloorMod",
            Binary::Pow => "Pow",
            Binary::Maximum => "Maximum",
            Binary::Minimum => "Minimum",
            Binary::SquaredDifference => "SquaredDifference",
        }
    }
}

/// TensorFlow's check that both inputs of an op have one dtype.
pub fn check_same_dtype(op: &str, a: &Tensor, b: &Tensor) -> TResult<()> {
    check_same_dtype_in(op, op, a, b)
}

/// The same check where the kernel that reports it has another name than the op
/// (`tf.linalg.matvec` fails in `_MklMatMul` under `[Op:MatMul]`).
pub fn check_same_dtype_in(kernel: &str, op: &str, a: &Tensor, b: &Tensor) -> TResult<()> {
    if a.dtype() != b.dtype() {
        return Err(invalid_arg(format!(
            "cannot compute {} as input #1(zero-based) was expected to be a {} tensor but is a {} tensor [Op:{}] name:",
            kernel,
            a.dtype().kind_word(),
            b.dtype().kind_word(),
            op
        )));
    }
    Ok(())
}

fn incompatible(op: &str, a: &Tensor, b: &Tensor) -> crate::tensor::TfError {
    op_error(
        op,
        op,
        format!(
            "Incompatible shapes: {} vs. {}",
            shape_brackets(a.shape()),
            shape_brackets(b.shape())
        ),
        Some(""),
    )
}

fn float_binary<T: Elem + FloatOps>(
    op: Binary,
    x: &ArcArray<T, IxDyn>,
    y: &ArcArray<T, IxDyn>,
) -> Option<ArrayD<T>> {
    match op {
        Binary::Add => zip_arrays(x, y, |a: T, b: T| a.add(b)),
        Binary::Sub => zip_arrays(x, y, |a: T, b: T| a.sub(b)),
        Binary::Mul => zip_arrays(x, y, |a: T, b: T| a.mul(b)),
        Binary::Div => zip_arrays(x, y, |a: T, b: T| a.div(b)),
        Binary::FloorDiv => zip_arrays(x, y, |a: T, b: T| a.div(b).floor()),
        Binary::FloorMod => zip_arrays(x, y, |a: T, b: T| a.floormod(b).unwrap_or(a)),
        Binary::Pow => zip_arrays(x, y, |a: T, b: T| a.pow(b)),
        Binary::Maximum => zip_arrays(x, y, |a: T, b: T| if a.is_nan() || a > b { a } else { b }),
        Binary::Minimum => zip_arrays(x, y, |a: T, b: T| if a.is_nan() || a < b { a } else { b }),
        Binary::SquaredDifference => zip_arrays(x, y, |a: T, b: T| {
            let d = a.sub(b);
            d.mul(d)
        }),
    }
}

fn int_binary<T: Elem + NumOps>(
    op: Binary,
    x: &ArcArray<T, IxDyn>,
    y: &ArcArray<T, IxDyn>,
) -> TResult<Option<ArrayD<T>>> {
    let has_zero = || y.iter().any(|v| v.is_zero());
    // The error TensorFlow raises for integer operands it refuses, naming the op twice.
    let refuse = |bad: bool, name: &str, msg: &str| match bad {
        true => Err(op_error(name, name, msg, Some(""))),
        false => Ok(()),
    };
    Ok(match op {
        Binary::Add => zip_arrays(x, y, |a: T, b: T| a.add(b)),
        Binary::Sub => zip_arrays(x, y, |a: T, b: T| a.sub(b)),
        Binary::Mul => zip_arrays(x, y, |a: T, b: T| a.mul(b)),
        Binary::FloorDiv | Binary::Div => {
            refuse(has_zero(), op.op_name(), "Integer division by zero")?;
            zip_arrays(x, y, |a: T, b: T| a.floordiv(b).unwrap_or(a))
        }
        Binary::FloorMod => {
            refuse(has_zero(), op.op_name(), "Integer division by zero")?;
            zip_arrays(x, y, |a: T, b: T| a.floormod(b).unwrap_or(a))
        }
        Binary::Pow => {
            refuse(
                y.iter().any(|v| v.to_i64() < 0),
                "Pow",
                "Integers to negative integer powers are not allowed",
            )?;
            zip_arrays(x, y, |a: T, b: T| a.pow(b))
        }
        Binary::Maximum => zip_arrays(x, y, |a: T, b: T| if a > b { a } else { b }),
        Binary::Minimum => zip_arrays(x, y, |a: T, b: T| if a < b { a } else { b }),
        Binary::SquaredDifference => zip_arrays(x, y, |a: T, b: T| {
            let d = a.sub(b);
            d.mul(d)
        }),
    })
}

/// A binary arithmetic op with TensorFlow's dtype and shape rules.
/// Checks the size of a broadcast result against the memory budget.
fn check_broadcast(a: &Tensor, b: &Tensor, out: DType, op: &str) -> TResult<()> {
    match broadcast_shapes(a.shape(), b.shape()) {
        Some(s) if a.size().max(b.size()) < s.iter().product::<usize>() => {
            crate::tensor::alloc::check(&s, out, op)
        }
        _ => Ok(()),
    }
}

pub fn binary(op: Binary, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[a, b], move |x| binary_recorded(op, x[0], x[1]))
}

fn binary_recorded(op: Binary, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    let out = binary_kernel(op, a, b)?;
    Ok(record(&[a, b], out, move |x, y, g| {
        grad::binary(op, &x[0], &x[1], y, g)
    }))
}

fn binary_kernel(op: Binary, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    check_same_dtype(op.op_name(), a, b)?;
    check_broadcast(a, b, a.dtype(), op.op_name())?;
    if let Some(w) = a.dtype().compute_dtype() {
        let out = binary_kernel(op, &a.cast_kernel(w), &b.cast_kernel(w))?;
        return Ok(out.cast_kernel(a.dtype()));
    }
    if a.dtype().is_complex() {
        return super::complex::binary(op, a, b)?.ok_or_else(|| incompatible(op.op_name(), a, b));
    }
    let out = match (&a.data, &b.data) {
        (Data::F32(x), Data::F32(y)) => float_binary(op, x, y).map(Tensor::from_array),
        (Data::F64(x), Data::F64(y)) => float_binary(op, x, y).map(Tensor::from_array),
        (Data::I32(x), Data::I32(y)) => int_binary(op, x, y)?.map(Tensor::from_array),
        (Data::I64(x), Data::I64(y)) => int_binary(op, x, y)?.map(Tensor::from_array),
        (Data::U8(x), Data::U8(y)) => int_binary(op, x, y)?.map(Tensor::from_array),
        (Data::U64(x), Data::U64(y)) => int_binary(op, x, y)?.map(Tensor::from_array),
        (Data::Str(x), Data::Str(y)) if op == Binary::Add => concat_strings(x, y)?,
        _ => {
            return Err(invalid_arg(format!(
                "Value for attr 'T' of {} is not in the list of allowed values: bfloat16, half, float, double, uint8, uint16, uint32, uint64, int8, int16, int32, int64, complex64, complex128\n\t; NodeDef: {{{{node {}}}}}; Op<name={}; signature=x:T, y:T -> z:T> [Op:{}] name: ",
                a.dtype().name(),
                op.op_name(),
                op.op_name(),
                op.op_name()
            )))
        }
    };
    out.ok_or_else(|| incompatible(op.op_name(), a, b))
}

/// `+` of string tensors: elementwise concatenation, broadcast as numbers are.
fn concat_strings(x: &ArcArray<TStr, IxDyn>, y: &ArcArray<TStr, IxDyn>) -> TResult<Option<Tensor>> {
    let failed = std::sync::Mutex::new(None);
    let out = zip_arrays(x, y, |a: TStr, b: TStr| {
        let mut v = a.bytes().to_vec();
        v.extend_from_slice(b.bytes());
        TStr::intern(&v).unwrap_or_else(|e| {
            if let Ok(mut f) = failed.lock() {
                *f = Some(e);
            }
            TStr::default()
        })
    });
    match failed.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(out.map(Tensor::from_array)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compare {
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

impl Compare {
    pub fn op_name(self) -> &'static str {
        match self {
            Compare::Equal => "Equal",
            Compare::NotEqual => "NotEqual",
            Compare::Less => "Less",
            Compare::LessEqual => "LessEqual",
            Compare::Greater => "Greater",
            Compare::GreaterEqual => "GreaterEqual",
        }
    }
}

fn compare_arrays<T: Elem>(
    op: Compare,
    x: &ArcArray<T, IxDyn>,
    y: &ArcArray<T, IxDyn>,
) -> Option<ArrayD<bool>> {
    match op {
        Compare::Equal => zip_arrays(x, y, |a: T, b: T| a == b),
        Compare::NotEqual => zip_arrays(x, y, |a: T, b: T| a != b),
        Compare::Less => zip_arrays(x, y, |a: T, b: T| a < b),
        Compare::LessEqual => zip_arrays(x, y, |a: T, b: T| a <= b),
        Compare::Greater => zip_arrays(x, y, |a: T, b: T| a > b),
        Compare::GreaterEqual => zip_arrays(x, y, |a: T, b: T| a >= b),
    }
}

pub fn compare(op: Compare, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[a, b], move |x| compare_now(op, x[0], x[1]))
}

fn compare_now(op: Compare, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    check_same_dtype(op.op_name(), a, b)?;
    check_broadcast(a, b, DType::Bool, op.op_name())?;
    if let Some(w) = a.dtype().compute_dtype() {
        return compare_now(op, &a.cast_kernel(w), &b.cast_kernel(w));
    }
    if a.dtype().is_complex() {
        return super::complex::compare(op, a, b)?.ok_or_else(|| incompatible(op.op_name(), a, b));
    }
    let out = match (&a.data, &b.data) {
        (Data::F32(x), Data::F32(y)) => compare_arrays(op, x, y),
        (Data::F64(x), Data::F64(y)) => compare_arrays(op, x, y),
        (Data::I32(x), Data::I32(y)) => compare_arrays(op, x, y),
        (Data::I64(x), Data::I64(y)) => compare_arrays(op, x, y),
        (Data::U8(x), Data::U8(y)) => compare_arrays(op, x, y),
        (Data::U64(x), Data::U64(y)) => compare_arrays(op, x, y),
        (Data::Bool(x), Data::Bool(y)) => compare_arrays(op, x, y),
        (Data::Str(x), Data::Str(y)) if matches!(op, Compare::Equal | Compare::NotEqual) => {
            compare_arrays(op, x, y)
        }
        (Data::Str(_), _) => {
            return Err(invalid_arg(format!(
                "Value for attr 'T' of string is not in the list of allowed values: float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64\n\t; NodeDef: {{{{node {}}}}}; Op<name={}; signature=x:T, y:T -> z:bool; attr=T:type,allowed=[DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64]> [Op:{}] name: ",
                op.op_name(),
                op.op_name(),
                op.op_name()
            )))
        }
        _ => None,
    };
    out.map(Tensor::from_array)
        .ok_or_else(|| incompatible(op.op_name(), a, b))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Logical {
    And,
    Or,
    Xor,
}

pub fn logical(op: Logical, a: &Tensor, b: &Tensor) -> TResult<Tensor> {
    let name = match op {
        Logical::And => "LogicalAnd",
        Logical::Or => "LogicalOr",
        Logical::Xor => "LogicalXor",
    };
    let (Data::Bool(x), Data::Bool(y)) = (&a.data, &b.data) else {
        let bad = if a.dtype() != DType::Bool { a } else { b };
        return Err(invalid_arg(format!(
            "cannot compute {} as input #{}(zero-based) was expected to be a bool tensor but is a {} tensor [Op:{}] name:",
            name,
            if a.dtype() != DType::Bool { 0 } else { 1 },
            bad.dtype().kind_word(),
            name
        )));
    };
    let out = match op {
        Logical::And => zip_arrays(x, y, |p, q| p && q),
        Logical::Or => zip_arrays(x, y, |p, q| p || q),
        Logical::Xor => zip_arrays(x, y, |p, q| p != q),
    };
    out.map(Tensor::from_array)
        .ok_or_else(|| incompatible(name, a, b))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Neg,
    Abs,
    Sign,
    Square,
    Sqrt,
    Rsqrt,
    Exp,
    Expm1,
    Log,
    Log1p,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Sigmoid,
    Floor,
    Ceil,
    Round,
    Reciprocal,
    Relu,
    Relu6,
    Softplus,
    Softsign,
    Erf,
    IsNan,
    IsInf,
    IsFinite,
    LogicalNot,
}

impl Unary {
    pub fn op_name(self) -> &'static str {
        match self {
            Unary::Neg => "Neg",
            Unary::Abs => "Abs",
            Unary::Sign => "Sign",
            Unary::Square => "Square",
            Unary::Sqrt => "Sqrt",
            Unary::Rsqrt => "Rsqrt",
            Unary::Exp => "Exp",
            Unary::Expm1 => "Expm1",
            Unary::Log => "Log",
            Unary::Log1p => "Log1p",
            Unary::Sin => "Sin",
            Unary::Cos => "Cos",
            Unary::Tan => "Tan",
            Unary::Asin => "Asin",
            Unary::Acos => "Acos",
            Unary::Atan => "Atan",
            Unary::Sinh => "Sinh",
            Unary::Cosh => "Cosh",
            Unary::Tanh => "Tanh",
            Unary::Sigmoid => "Sigmoid",
            Unary::Floor => "Floor",
            Unary::Ceil => "Ceil",
            Unary::Round => "Round",
            Unary::Reciprocal => "Reciprocal",
            Unary::Relu => "Relu",
            Unary::Relu6 => "Relu6",
            Unary::Softplus => "Softplus",
            Unary::Softsign => "Softsign",
            Unary::Erf => "Erf",
            Unary::IsNan => "IsNan",
            Unary::IsInf => "IsInf",
            Unary::IsFinite => "IsFinite",
            Unary::LogicalNot => "LogicalNot",
        }
    }

    /// Ops defined on integers too (the rest need a float dtype).
    fn takes_ints(self) -> bool {
        matches!(
            self,
            Unary::Neg
                | Unary::Abs
                | Unary::Sign
                | Unary::Square
                | Unary::Relu
                | Unary::Relu6
                | Unary::Round
        )
    }
}

/// The error TensorFlow gives for a float-only op on another dtype.
fn not_allowed(op: Unary, d: DType) -> crate::tensor::TfError {
    invalid_arg(format!(
        "Value for attr 'T' of {} is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128\n\t; NodeDef: {{{{node {}}}}}; Op<name={}; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]> [Op:{}] name: ",
        d.name(),
        op.op_name(),
        op.op_name(),
        op.op_name()
    ))
}

extern "C" {
    /// The C library's `erf`, which TensorFlow's float64 kernel calls through `std::erf`.
    #[link_name = "erf"]
    fn c_erf(x: f64) -> f64;
}

/// The error function in float64, as TensorFlow computes it (the C library's `erf`).
pub fn erf(x: f64) -> f64 {
    // SAFETY: `erf` from the C math library is a pure function of one double; it takes no
    // pointers and touches no global state beyond errno.
    unsafe { c_erf(x) }
}

/// The error function in float32 (also half and bfloat16), as Eigen's `generic_fast_erf`
/// computes it: an odd/even rational polynomial, ±1 from the float whose erf rounds to 1.
#[allow(clippy::approx_constant)] // Eigen's 1.128379143519084f is one ulp off 2/sqrt(pi)
pub fn erf_f32(x: f32) -> f32 {
    const ALPHA: [f32; 5] = [
        0.000_229_050_65,
        0.003_408_291,
        0.050_955_695,
        0.185_208_32,
        1.128_379_1,
    ];
    const BETA: [f32; 7] = [
        -1.179_160_3e-7,
        0.000_023_547_966,
        0.001_017_962_6,
        0.014_070_47,
        0.110_985_05,
        0.497_469_25,
        1.0,
    ];
    if x.abs() >= 3.832_507 {
        return x.signum();
    }
    let x2 = x * x;
    let p = ALPHA[1..].iter().fold(ALPHA[0], |p, c| x2 * p + c);
    let q = BETA[1..].iter().fold(BETA[0], |q, c| x2 * q + c);
    x * p / q
}

/// A float unary op over a contiguous buffer (the TensorFlow-exact kernels are in
/// `exact_unary`).
fn float_unary<T: Elem + FloatOps>(op: Unary, a: &ArcArray<T, IxDyn>) -> ArrayD<T> {
    macro_rules! via64 {
        ($f:expr) => {
            map_array(a, |x: T| T::from_f64c($f(x.to_f64c())))
        };
    }
    match op {
        // Handled by `exact_unary` before dispatch reaches here.
        Unary::Exp => map_array(a, |x: T| x.exp()),
        Unary::Log => map_array(a, |x: T| x.ln()),
        Unary::Sin => map_array(a, |x: T| x.sin()),
        Unary::Cos => map_array(a, |x: T| x.cos()),
        Unary::Tanh => map_array(a, |x: T| x.tanh()),
        Unary::Sigmoid => via64!(|x: f64| 1.0 / (1.0 + (-x).exp())),
        Unary::Neg => map_array(a, |x: T| x.neg()),
        Unary::Abs => map_array(a, |x: T| x.abs()),
        Unary::Sign => map_array(a, |x: T| if x.is_nan() { x } else { signum(x) }),
        Unary::Square => map_array(a, |x: T| x.mul(x)),
        Unary::Sqrt => map_array(a, |x: T| x.sqrt()),
        Unary::Rsqrt => map_array(a, |x: T| T::one().div(x.sqrt())),
        Unary::Reciprocal => map_array(a, |x: T| T::one().div(x)),
        Unary::Floor => map_array(a, |x: T| x.floor()),
        Unary::Ceil => map_array(a, |x: T| x.ceil()),
        Unary::Round => map_array(a, |x: T| x.round_even()),
        Unary::Relu => map_array(a, |x: T| if x > T::zero() { x } else { T::zero() }),
        Unary::Relu6 => map_array(a, |x: T| {
            let six = T::from_f64c(6.0);
            if x < T::zero() {
                T::zero()
            } else if x > six {
                six
            } else {
                x
            }
        }),
        Unary::Expm1 => via64!(f64::exp_m1),
        Unary::Log1p => via64!(f64::ln_1p),
        Unary::Tan => via64!(f64::tan),
        Unary::Asin => via64!(f64::asin),
        Unary::Acos => via64!(f64::acos),
        Unary::Atan => via64!(f64::atan),
        Unary::Sinh => via64!(f64::sinh),
        Unary::Cosh => via64!(f64::cosh),
        Unary::Softplus => via64!(|x: f64| if x > 0.0 {
            x + (-x).exp().ln_1p()
        } else {
            x.exp().ln_1p()
        }),
        Unary::Softsign => via64!(|x: f64| x / (1.0 + x.abs())),
        Unary::Erf if std::mem::size_of::<T>() == 8 => via64!(erf),
        Unary::Erf => via64!(|x: f64| erf_f32(x as f32) as f64),
        Unary::IsNan | Unary::IsInf | Unary::IsFinite | Unary::LogicalNot => map_array(a, |x: T| x),
    }
}

/// Runs `packet` over whole packets of `lanes` elements and `scalar` over the rest, as
/// TensorFlow's evaluator does; both are inlined into the SIMD loop.
fn packet_map<E: Elem>(
    a: &ArcArray<E, IxDyn>,
    lanes: usize,
    packet: impl Fn(E) -> E + Sync + Send,
    scalar: impl Fn(E) -> E,
) -> ArrayD<E> {
    let std = a.as_standard_layout();
    let src = std.as_slice().unwrap_or(&[]);
    let k = eigen::packet_split(src.len(), lanes);
    // SAFETY: map_uninit writes the first k elements, the loop the rest.
    let out = unsafe {
        filled(src.len(), |out| {
            map_uninit(&src[..k], &mut out[..k], packet);
            for (o, &x) in out[k..].iter_mut().zip(&src[k..]) {
                o.write(scalar(x));
            }
        })
    };
    ArrayD::from_shape_vec(IxDyn(a.shape()), out).unwrap_or_else(|_| ArrayD::default(IxDyn(&[0])))
}

/// The TensorFlow-exact kernels: exp, log, sin, cos, tanh, sigmoid, softplus on f32 and f64.
// The packet functions go in as closures marked to inline: a function item passed as
// `impl Fn` is called through a shim the compiler may keep out of line, and then the
// loop runs as baseline code instead of in vectors.
#[allow(clippy::redundant_closure)]
fn exact_unary(op: Unary, data: &Data) -> Option<Tensor> {
    macro_rules! inl {
        ($f:path) => {
            #[inline(always)]
            |v| $f(v)
        };
    }
    Some(match (data, op) {
        (Data::F32(x), Unary::Exp) => {
            Tensor::from_array(packet_map(x, 8, inl!(eigen::exp_f32), f32::exp))
        }
        (Data::F32(x), Unary::Log) => {
            Tensor::from_array(packet_map(x, 8, inl!(eigen::log_f32), f32::ln))
        }
        (Data::F32(x), Unary::Sin) => {
            Tensor::from_array(packet_map(x, 8, inl!(eigen::sincos_f32::<true>), f32::sin))
        }
        (Data::F32(x), Unary::Cos) => {
            Tensor::from_array(packet_map(x, 8, inl!(eigen::sincos_f32::<false>), f32::cos))
        }
        (Data::F32(x), Unary::Tanh) => {
            Tensor::from_array(packet_map(x, 8, inl!(eigen::tanh_f32), eigen::tanh_f32))
        }
        (Data::F32(x), Unary::Sigmoid) => Tensor::from_array(packet_map(
            x,
            8,
            inl!(eigen::sigmoid_f32),
            eigen::sigmoid_f32_scalar,
        )),
        (Data::F64(x), Unary::Exp) => {
            Tensor::from_array(packet_map(x, 4, inl!(eigen::exp_f64), f64::exp))
        }
        (Data::F64(x), Unary::Log) => {
            Tensor::from_array(packet_map(x, 4, inl!(eigen::log_f64), f64::ln))
        }
        (Data::F64(x), Unary::Sigmoid) => Tensor::from_array(packet_map(
            x,
            4,
            |v| {
                if v > 700.0 {
                    1.0
                } else {
                    eigen::exp_f64(v) / (1.0 + eigen::exp_f64(v))
                }
            },
            |v| {
                if v > 700.0 {
                    1.0
                } else {
                    v.exp() / (1.0 + v.exp())
                }
            },
        )),
        (Data::F32(x), Unary::Softplus) => Tensor::from_array(packet_map(
            x,
            8,
            inl!(eigen::softplus_f32::<true>),
            eigen::softplus_f32::<false>,
        )),
        // Eigen has no packet log1p for double: the whole select runs on scalars.
        (Data::F64(x), Unary::Softplus) => Tensor::from_array(map_array(x, eigen::softplus_f64)),
        (Data::F64(x), Unary::Sin) => Tensor::from_array(map_array(x, f64::sin)),
        (Data::F64(x), Unary::Cos) => Tensor::from_array(map_array(x, f64::cos)),
        (Data::F64(x), Unary::Tanh) => Tensor::from_array(map_array(x, f64::tanh)),
        _ => return None,
    })
}

/// `softplus` of a 16-bit float tensor as TensorFlow's kernel evaluates its select on
/// Eigen's half and bfloat16 scalars: the threshold, `exp` and `log1p` each computed in
/// float32 and rounded to the type. The threshold is `log(epsilon) + 2` with Eigen's
/// epsilons: 2^-7 for bfloat16, and 2^-13 (not 2^-10) for float16.
fn half_softplus(a: &Tensor) -> Tensor {
    let d = a.dtype();
    let round = move |v: f32| match d {
        DType::BF16 => half::bf16::from_f32(v).to_f32(),
        _ => half::f16::from_f32(v).to_f32(),
    };
    let eps: f32 = if d == DType::BF16 {
        2f32.powi(-7)
    } else {
        2f32.powi(-13)
    };
    let t = round(round(eps.ln()) + 2.0);
    let x = a.cast_kernel(DType::F32);
    let y = match &x.data {
        Data::F32(x) => map_array(x, move |v: f32| {
            eigen::softplus_select(v, t, round(v.exp()), |e| round(e.ln_1p()))
        }),
        _ => return x,
    };
    Tensor::from_array(y).cast_kernel(d)
}

/// 1, -1 or 0 by the sign of `x`.
fn signum<T: Elem + NumOps>(x: T) -> T {
    if x > T::zero() {
        T::one()
    } else if x < T::zero() {
        T::one().neg()
    } else {
        T::zero()
    }
}

fn int_unary<T: Elem + NumOps>(op: Unary, a: &ArcArray<T, IxDyn>) -> ArrayD<T> {
    match op {
        Unary::Neg => map_array(a, |x: T| x.neg()),
        Unary::Abs => map_array(a, |x: T| x.abs()),
        Unary::Sign => map_array(a, signum),
        Unary::Square => map_array(a, |x: T| x.mul(x)),
        Unary::Relu => map_array(a, |x: T| if x > T::zero() { x } else { T::zero() }),
        Unary::Relu6 => map_array(a, |x: T| {
            let six = T::from_i64(6);
            if x < T::zero() {
                T::zero()
            } else if x > six {
                six
            } else {
                x
            }
        }),
        _ => map_array(a, |x: T| x),
    }
}

/// A unary op with TensorFlow's dtype rules.
pub fn unary(op: Unary, a: &Tensor) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[a], move |x| unary_recorded(op, x[0]))
}

fn unary_recorded(op: Unary, a: &Tensor) -> TResult<Tensor> {
    let out = unary_kernel(op, a)?;
    Ok(record(&[a], out, move |x, y, g| {
        Ok(vec![grad::unary(op, &x[0], y, g)?])
    }))
}

fn unary_kernel(op: Unary, a: &Tensor) -> TResult<Tensor> {
    match op {
        Unary::IsNan | Unary::IsInf | Unary::IsFinite => {
            return match &a.data {
                Data::F32(x) => Ok(Tensor::from_array(predicate(op, x))),
                Data::F64(x) => Ok(Tensor::from_array(predicate(op, x))),
                _ if a.dtype().is_half() => unary_kernel(op, &a.cast_kernel(DType::F32)),
                _ => Err(not_allowed(op, a.dtype())),
            }
        }
        Unary::LogicalNot => {
            return match &a.data {
                Data::Bool(x) => Ok(Tensor::from_array(map_array(x, |v: bool| !v))),
                _ => Err(invalid_arg(format!(
                    "cannot compute LogicalNot as input #0(zero-based) was expected to be a bool tensor but is a {} tensor [Op:LogicalNot] name:",
                    a.dtype().kind_word()
                ))),
            }
        }
        _ => {}
    }
    let d = a.dtype();
    if d.is_complex() {
        return super::complex::unary(op, a);
    }
    if op == Unary::Softplus && d.is_half() {
        return Ok(half_softplus(a));
    }
    if let Some(w) = d.compute_dtype() {
        let allowed = d.is_float() || (op.takes_ints() && (op != Unary::Neg || !d.is_unsigned()));
        if !allowed {
            return Err(not_allowed(op, d));
        }
        return Ok(unary_kernel(op, &a.cast_kernel(w))?.cast_kernel(d));
    }
    if let Some(t) = exact_unary(op, &a.data) {
        return Ok(t);
    }
    match &a.data {
        Data::F32(x) => Ok(Tensor::from_array(float_unary(op, x))),
        Data::F64(x) => Ok(Tensor::from_array(float_unary(op, x))),
        Data::I32(x) if op.takes_ints() => Ok(Tensor::from_array(int_unary(op, x))),
        Data::I64(x) if op.takes_ints() => Ok(Tensor::from_array(int_unary(op, x))),
        Data::U8(x) if op.takes_ints() && op != Unary::Neg => {
            Ok(Tensor::from_array(int_unary(op, x)))
        }
        Data::U64(x) if op.takes_ints() && op != Unary::Neg => {
            Ok(Tensor::from_array(int_unary(op, x)))
        }
        _ => Err(not_allowed(op, a.dtype())),
    }
}

fn predicate<T: Elem + FloatOps>(op: Unary, a: &ArcArray<T, IxDyn>) -> ArrayD<bool> {
    match op {
        Unary::IsNan => map_array(a, |x: T| x.is_nan()),
        Unary::IsInf => map_array(a, |x: T| !x.is_nan() && x.to_f64c().is_infinite()),
        _ => map_array(a, |x: T| x.to_f64c().is_finite()),
    }
}

/// `tf.cast`-free helper: applies `f` to every element as f64 and keeps the dtype.
pub fn map_f64(t: &Tensor, f: impl Fn(f64) -> f64 + Sync + Send) -> Tensor {
    fn go<T: Elem>(a: &ArcArray<T, IxDyn>, f: impl Fn(f64) -> f64 + Sync + Send) -> Tensor {
        Tensor::from_array(map_array(a, |x: T| T::from_f64(f(x.to_f64()))))
    }
    with_data!(&t.data, a => go(a, &f))
}
