//! numpy's two-operand ufuncs by name: `np.add`, `np.subtract`, `np.multiply`,
//! `np.divide`/`true_divide`, `np.floor_divide`, `np.mod`/`remainder`, `np.power`,
//! `np.maximum`/`minimum`, the comparisons (`np.greater`, `np.equal`, ...), and the float
//! functions `arctan2`, `hypot`, `copysign`, `logaddexp`, `logaddexp2`, `fmax`, `fmin`,
//! `fmod`, `heaviside`, `float_power`; the bitwise ones (`bitwise_and`, `left_shift`, ...,
//! `invert`), `gcd`, `lcm`; with `divmod`, `modf`, `negative`, `positive`, `reciprocal`,
//! `fabs`, `signbit` and `sinc`.
//!
//! The arithmetic and comparisons are the operators' own code (`a + b` on arrays), so a
//! ufunc and its operator agree on dtypes, value-based casting (`float32_array + 1.5` stays
//! float32) and errors; tensors passed in count as arrays.

use super::np_promote::float_of;
use super::numpy::{nd, np_array, np_err};
use super::ops::{np_operands, np_values, tensor_binary, tensor_compare, tensor_unary};
use crate::builtin;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::shape::broadcast_to;
use crate::tensor::{DType, Tensor};

/// `op` between two operands as the operator computes it; `dtype=` casts both first.
fn arith(it: &mut Interp, op: BinOp, a: &Value, b: &Value, dtype: &Value) -> R<Value> {
    let (a, b) = match dtype {
        Value::None => both_arrays(it, a, b)?,
        d => (
            Value::ndarray(np_array(it, a, Some(d.clone()))?),
            Value::ndarray(np_array(it, b, Some(d.clone()))?),
        ),
    };
    tensor_binary(it, op, &a, &b)
}

/// The operands as the operators take them numpy's way: tensors become arrays, and with two
/// Python numbers the first becomes a numpy scalar, so the operator computes in numpy
/// (`np.add(1, 2)` is `np.int64(3)`, not `3`).
fn both_arrays(it: &mut Interp, a: &Value, b: &Value) -> R<(Value, Value)> {
    let (a, b) = np_values(a, b);
    let array = |v: &Value| matches!(v, Value::NdArray(_));
    if array(&a) || array(&b) {
        return Ok((a, b));
    }
    let ta = np_array(it, &a, None)?;
    if matches!(b, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
        // Two scalars promote by their dtypes alone.
        let tb = np_array(it, &b, None)?;
        return Ok((Value::ndarray(ta), Value::ndarray(tb)));
    }
    Ok((Value::ndarray(ta), b))
}

fn cmp(it: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
    let (a, b) = both_arrays(it, a, b)?;
    tensor_compare(it, op, &a, &b)
}

/// Declares ufuncs that are an operator under a name.
macro_rules! operator_ufuncs {
    ($($(#[doc = $doc:literal])* [$($path:literal),+] fn $name:ident => $op:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$($path),+]
            fn $name(it, x1, x2, dtype = None) { arith(it, $op, &x1, &x2, &dtype) }
        }
    )*};
}

operator_ufuncs! {
    /// Add arguments element-wise.
    ["np.add"] fn add => BinOp::Add;
    /// Subtract arguments, element-wise.
    ["np.subtract"] fn subtract => BinOp::Sub;
    /// Multiply arguments element-wise.
    ["np.multiply"] fn multiply => BinOp::Mul;
    /// Divide arguments element-wise.
    ["np.divide", "np.true_divide"] fn divide => BinOp::Div;
    /// Return the largest integer smaller or equal to the division of the inputs.
    ["np.floor_divide"] fn floor_divide => BinOp::FloorDiv;
    /// Returns the element-wise remainder of division.
    ["np.mod", "np.remainder"] fn remainder => BinOp::Mod;
    /// First array elements raised to powers from second array, element-wise.
    ["np.power"] fn power => BinOp::Pow;
    /// Compute the bit-wise AND of two arrays element-wise.
    ["np.bitwise_and"] fn bitwise_and => BinOp::BitAnd;
    /// Compute the bit-wise OR of two arrays element-wise.
    ["np.bitwise_or"] fn bitwise_or => BinOp::BitOr;
    /// Compute the bit-wise XOR of two arrays element-wise.
    ["np.bitwise_xor"] fn bitwise_xor => BinOp::BitXor;
    /// Shift the bits of an integer to the left.
    ["np.left_shift"] fn left_shift => BinOp::LShift;
    /// Shift the bits of an integer to the right.
    ["np.right_shift"] fn right_shift => BinOp::RShift;
}

builtin! {
    /// Compute bit-wise inversion, or bit-wise NOT, element-wise.
    python ["np.invert", "np.bitwise_not"]
    fn invert(it, x) {
        let x = one(it, &x)?;
        tensor_unary(it, UnaryOp::Invert, &x)
    }
}

/// Euclid's greatest common divisor of two integers (non-negative).
fn gcd_i(mut a: i64, mut b: i64) -> i64 {
    (a, b) = (a.unsigned_abs() as i64, b.unsigned_abs() as i64);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

builtin! {
    /// Returns the greatest common divisor of |x1| and |x2|.
    python ["np.gcd"]
    fn gcd(it, x1, x2) {
        zip_f64(it, &x1, &x2, |d| d, |a, b| gcd_i(a as i64, b as i64) as f64)
    }
}

builtin! {
    /// Returns the lowest common multiple of |x1| and |x2|.
    python ["np.lcm"]
    fn lcm(it, x1, x2) {
        zip_f64(it, &x1, &x2, |d| d, |a, b| {
            let (a, b) = (a as i64, b as i64);
            match gcd_i(a, b) {
                0 => 0.0,
                g => ((a / g).wrapping_mul(b)).unsigned_abs() as f64,
            }
        })
    }
}

/// Declares the comparison ufuncs.
macro_rules! comparisons {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $op:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$path]
            fn $name(it, x1, x2) { cmp(it, $op, &x1, &x2) }
        }
    )*};
}

comparisons! {
    /// Return the truth value of (x1 > x2) element-wise.
    ["np.greater"] fn greater => CmpOp::Gt;
    /// Return the truth value of (x1 >= x2) element-wise.
    ["np.greater_equal"] fn greater_equal => CmpOp::GtE;
    /// Return the truth value of (x1 < x2) element-wise.
    ["np.less"] fn less => CmpOp::Lt;
    /// Return the truth value of (x1 =< x2) element-wise.
    ["np.less_equal"] fn less_equal => CmpOp::LtE;
    /// Return (x1 == x2) element-wise.
    ["np.equal"] fn equal => CmpOp::Eq;
    /// Return (x1 != x2) element-wise.
    ["np.not_equal"] fn not_equal => CmpOp::NotEq;
}

/// `f` over the broadcast pairs of two operands, computed in float64 and returned in
/// `out` (a function of the promoted dtype).
fn zip_f64(
    it: &mut Interp,
    a: &Value,
    b: &Value,
    out: impl Fn(DType) -> DType,
    f: impl Fn(f64, f64) -> f64,
) -> R<Value> {
    let (ta, tb) = np_operands(it, a, b)?;
    // np_operands checked that the shapes broadcast.
    let shape =
        crate::tensor::broadcast::broadcast_shapes(ta.shape(), tb.shape()).unwrap_or_default();
    let xs = broadcast_to(&ta, &shape).map_err(np_err)?;
    let ys = broadcast_to(&tb, &shape).map_err(np_err)?;
    let v: Vec<f64> = xs
        .to_f64_vec()
        .into_iter()
        .zip(ys.to_f64_vec())
        .map(|(x, y)| f(x, y))
        .collect();
    nd(Ok(Tensor::from_f64s(out(ta.dtype()), &shape, &v)))
}

/// Declares float ufuncs of two operands: integers compute in numpy's float for them.
macro_rules! float_binaries {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $f:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$path]
            fn $name(it, x1, x2) { zip_f64(it, &x1, &x2, float_of, $f) }
        }
    )*};
}

/// numpy's `npy_logaddexp`: `log(exp(x) + exp(y))` without overflow.
fn logaddexp(x: f64, y: f64) -> f64 {
    if x == y {
        return x + std::f64::consts::LN_2;
    }
    let d = x - y;
    if d > 0.0 {
        x + (-d).exp().ln_1p()
    } else if d <= 0.0 {
        y + d.exp().ln_1p()
    } else {
        d
    }
}

/// numpy's `npy_logaddexp2`: `log2(2**x + 2**y)`.
fn logaddexp2(x: f64, y: f64) -> f64 {
    if x == y {
        return x + 1.0;
    }
    let d = x - y;
    let log2_1p = |v: f64| std::f64::consts::LOG2_E * v.ln_1p();
    if d > 0.0 {
        x + log2_1p((-d).exp2())
    } else if d <= 0.0 {
        y + log2_1p(d.exp2())
    } else {
        d
    }
}

fn heaviside(x: f64, h0: f64) -> f64 {
    if x.is_nan() {
        x
    } else if x == 0.0 {
        h0
    } else if x < 0.0 {
        0.0
    } else {
        1.0
    }
}

float_binaries! {
    /// Element-wise arc tangent of x1/x2 choosing the quadrant correctly.
    ["np.arctan2"] fn arctan2 => f64::atan2;
    /// Given the "legs" of a right triangle, return its hypotenuse.
    ["np.hypot"] fn hypot => f64::hypot;
    /// Change the sign of x1 to that of x2, element-wise.
    ["np.copysign"] fn copysign => f64::copysign;
    /// Logarithm of the sum of exponentiations of the inputs.
    ["np.logaddexp"] fn logaddexp_ => logaddexp;
    /// Logarithm of the sum of exponentiations of the inputs in base-2.
    ["np.logaddexp2"] fn logaddexp2_ => logaddexp2;
    /// Compute the Heaviside step function.
    ["np.heaviside"] fn heaviside_ => heaviside;
}

/// numpy's `fmax`/`fmin`: a NaN loses to a number; integers keep their dtype.
fn nan_ignoring(it: &mut Interp, a: &Value, b: &Value, max: bool) -> R<Value> {
    zip_f64(
        it,
        a,
        b,
        |d| d,
        move |x, y| match (x.is_nan(), y.is_nan()) {
            (true, _) => y,
            (_, true) => x,
            _ if (x >= y) == max => x,
            _ => y,
        },
    )
}

builtin! {
    /// Element-wise maximum of array elements.
    python ["np.fmax"]
    fn fmax(it, x1, x2) { nan_ignoring(it, &x1, &x2, true) }
}

builtin! {
    /// Element-wise minimum of array elements.
    python ["np.fmin"]
    fn fmin(it, x1, x2) { nan_ignoring(it, &x1, &x2, false) }
}

builtin! {
    /// Returns the element-wise remainder of division (the sign of the dividend).
    python ["np.fmod"]
    fn fmod(it, x1, x2) {
        // C's fmod. By zero it is NaN, which an integer dtype stores as 0, numpy's integer
        // result (it warns).
        zip_f64(it, &x1, &x2, |d| d, |x, y| x % y)
    }
}

builtin! {
    /// First array elements raised to powers from second array, element-wise.
    python ["np.float_power"]
    fn float_power(it, x1, x2) {
        let wide = |d: DType| if d.is_complex() { DType::C128 } else { DType::F64 };
        zip_f64(it, &x1, &x2, wide, f64::powf)
    }
}

builtin! {
    /// Return element-wise quotient and remainder simultaneously.
    python ["np.divmod"]
    fn divmod(it, x1, x2) {
        let q = arith(it, BinOp::FloorDiv, &x1, &x2, &Value::None)?;
        let r = arith(it, BinOp::Mod, &x1, &x2, &Value::None)?;
        Ok(Value::tuple(vec![q, r]))
    }
}

builtin! {
    /// Return the fractional and integral parts of an array, element-wise.
    python ["np.modf"]
    fn modf(it, x) {
        let t = np_array(it, &x, None)?;
        let d = float_of(t.dtype());
        let v = t.to_f64_vec();
        let frac: Vec<f64> = v.iter().map(|x| if x.is_infinite() { 0f64.copysign(*x) } else { x - x.trunc() }).collect();
        let whole: Vec<f64> = v.iter().map(|x| x.trunc()).collect();
        Ok(Value::tuple(vec![
            nd(Ok(Tensor::from_f64s(d, t.shape(), &frac)))?,
            nd(Ok(Tensor::from_f64s(d, t.shape(), &whole)))?,
        ]))
    }
}

/// A one-operand ufunc as a numpy array (a tensor or a Python number becomes one).
fn one(it: &mut Interp, x: &Value) -> R<Value> {
    Ok(Value::ndarray(np_array(it, x, None)?))
}

builtin! {
    /// Numerical negative, element-wise.
    python ["np.negative"]
    fn negative(it, x) {
        let x = one(it, &x)?;
        tensor_unary(it, UnaryOp::Neg, &x)
    }
}

builtin! {
    /// Numerical positive, element-wise.
    python ["np.positive"]
    fn positive(it, x) { one(it, &x) }
}

builtin! {
    /// Return the reciprocal of the argument, element-wise.
    python ["np.reciprocal"]
    fn reciprocal(it, x) {
        let t = np_array(it, &x, None)?;
        if t.dtype().is_float() {
            return nd(ew::unary(Unary::Reciprocal, &t));
        }
        // Integers: the reciprocal truncated toward zero (numpy's integer loop); of zero,
        // the most negative integer.
        let f = |v: f64| if v == 0.0 { i64::MIN as f64 } else { (1.0 / v).trunc() };
        let v: Vec<f64> = t.to_f64_vec().into_iter().map(f).collect();
        nd(Ok(Tensor::from_f64s(t.dtype(), t.shape(), &v)))
    }
}

builtin! {
    /// Compute the absolute values element-wise (always floats).
    python ["np.fabs"]
    fn fabs(it, x) {
        let t = np_array(it, &x, None)?;
        nd(Ok(ew::map_f64(&t.cast(float_of(t.dtype())), f64::abs)))
    }
}

builtin! {
    /// Returns element-wise True where signbit is set (less than zero).
    python ["np.signbit"]
    fn signbit(it, x) {
        let t = np_array(it, &x, None)?;
        let v: Vec<f64> = t.to_f64_vec().iter().map(|x| x.is_sign_negative() as u8 as f64).collect();
        nd(Ok(Tensor::from_f64s(DType::Bool, t.shape(), &v)))
    }
}

builtin! {
    /// Return the normalized sinc function.
    python ["np.sinc"]
    fn sinc(it, x) {
        let t = np_array(it, &x, None)?;
        let d = float_of(t.dtype());
        // numpy: y = pi * where(x == 0, 1e-20, x); sin(y) / y, each step in the float dtype.
        let round = move |v: f64| match d {
            DType::F32 => v as f32 as f64,
            DType::F16 => half::f16::from_f64(v).to_f64(),
            _ => v,
        };
        let v: Vec<f64> = t
            .to_f64_vec()
            .into_iter()
            .map(|x| {
                let y = round(std::f64::consts::PI * if x == 0.0 { round(1e-20) } else { x });
                round(round(y.sin()) / y)
            })
            .collect();
        nd(Ok(Tensor::from_f64s(d, t.shape(), &v)))
    }
}

builtin! {
    /// Element-wise maximum of array elements.
    python ["np.maximum"]
    fn maximum(it, x1, x2) { extremum(it, &x1, &x2, true) }
}

builtin! {
    /// Element-wise minimum of array elements.
    python ["np.minimum"]
    fn minimum(it, x1, x2) { extremum(it, &x1, &x2, false) }
}

/// `np.maximum`/`np.minimum`: NaN propagates; dtypes promote as for `+`.
fn extremum(it: &mut Interp, a: &Value, b: &Value, max: bool) -> R<Value> {
    let op = if max {
        Binary::Maximum
    } else {
        Binary::Minimum
    };
    let (ta, tb) = np_operands(it, a, b)?;
    // TensorFlow's Maximum keeps x's NaN only; numpy's keeps either.
    let r = ew::binary(op, &ta, &tb).map_err(np_err)?;
    if !r.dtype().is_float() {
        return nd(Ok(r));
    }
    let nan = ew::unary(Unary::IsNan, &tb).map_err(np_err)?;
    nd(crate::tensor::ops::select::select(&nan, &tb, &r))
}
