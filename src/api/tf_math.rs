//! `tf` and `tf.math` arithmetic: elementwise functions, binary ops, comparisons, logical
//! ops, reductions, norms, clipping and matmul. Each function is one declaration.

use super::convert::{dtype_arg, given, int_input, int_list, tensor_of, to_tensor};
use crate::builtin;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Logical, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// Two op inputs converted together: a tensor among them fixes the dtype of the other.
pub fn pair(it: &mut Interp, x: &Value, y: &Value) -> R<(Tensor, Tensor)> {
    let hint = tensor_of(x).or_else(|| tensor_of(y)).map(|t| t.dtype());
    let a = match (tensor_of(x), hint) {
        (Some(a), _) => a,
        (None, Some(h)) => super::ops::convert_hinted(it, x, h)?,
        (None, None) => to_tensor(it, x, None)?,
    };
    // A numpy array takes the other side's dtype, as TensorFlow converts it (`astype`).
    let b = match (tensor_of(y), y) {
        (Some(b), Value::Tensor(_) | Value::Variable(_)) => b,
        _ => super::ops::convert_hinted(it, y, a.dtype())?,
    };
    Ok((a, b))
}

/// The input of a bool-only op: a Python value converts to bool (a number cannot, a
/// TypeError); a tensor of another dtype fails the reductions' conversion (ValueError) or
/// LogicalNot's kernel (InvalidArgumentError).
fn bool_input(it: &mut Interp, x: &Value, op: &str) -> R<Tensor> {
    match tensor_of(x) {
        Some(t) if matches!(x, Value::Tensor(_) | Value::Variable(_)) => {
            if t.dtype() != DType::Bool && op != "LogicalNot" {
                // Reductions convert their input with dtype=bool.
                return Err(value_err(format!(
                    "Tensor conversion requested dtype bool for Tensor with dtype {}",
                    t.dtype().name()
                )));
            }
            if t.dtype() != DType::Bool {
                return Err(crate::eval::error::err(
                    crate::errors::ExcKind::InvalidArgumentError,
                    format!(
                        "cannot compute {op} as input #0(zero-based) was expected to be a bool tensor but is a {} tensor [Op:{op}] name: ",
                        t.dtype().kind_word()
                    ),
                ));
            }
            Ok(t)
        }
        _ => to_tensor(it, x, Some(DType::Bool)),
    }
}

/// Declares elementwise functions of one tensor `x`.
macro_rules! unary {
    ($($(#[doc = $doc:literal])* $style:ident $(($py:literal))? [$($path:literal),+]
       fn $name:ident($x:ident) => $op:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            $style $(($py))? [$($path),+]
            fn $name(it, $x, name = None) {
                let x = if $op == Unary::LogicalNot {
                    bool_input(it, &$x, "LogicalNot")?
                } else {
                    to_tensor(it, &$x, None)?
                };
                t(ew::unary($op, &x)?)
            }
        }
    )*};
}

unary! {
    /// Computes the absolute value of a tensor.
    dispatch ["tf.abs", "tf.math.abs"] fn abs(x) => Unary::Abs;
    /// Computes numerical negative value element-wise.
    op("neg") ["tf.math.negative", "tf.negative"] fn negative(x) => Unary::Neg;
    /// Returns an element-wise indication of the sign of a number.
    dispatch ["tf.math.sign", "tf.sign"] fn sign(x) => Unary::Sign;
    /// Computes square of x element-wise.
    python ["tf.math.square", "tf.square"] fn square(x) => Unary::Square;
    /// Computes element-wise square root of the input tensor.
    dispatch ["tf.math.sqrt", "tf.sqrt"] fn sqrt(x) => Unary::Sqrt;
    /// Computes reciprocal of square root of x element-wise.
    dispatch ["tf.math.rsqrt"] fn rsqrt(x) => Unary::Rsqrt;
    /// Computes exponential of x element-wise.  \\(y = e^x\\).
    dispatch ["tf.exp", "tf.math.exp"] fn exp(x) => Unary::Exp;
    /// Computes `exp(x) - 1` element-wise.
    python ["tf.math.expm1"] fn expm1(x) => Unary::Expm1;
    /// Computes natural logarithm of x element-wise.
    python ["tf.math.log"] fn log(x) => Unary::Log;
    /// Computes natural logarithm of (1 + x) element-wise.
    python ["tf.math.log1p"] fn log1p(x) => Unary::Log1p;
    /// Computes sine of x element-wise.
    python ["tf.math.sin", "tf.sin"] fn sin(x) => Unary::Sin;
    /// Computes cos of x element-wise.
    python ["tf.cos", "tf.math.cos"] fn cos(x) => Unary::Cos;
    /// Computes tan of x element-wise.
    python ["tf.math.tan", "tf.tan"] fn tan(x) => Unary::Tan;
    /// Computes the trignometric inverse sine of x element-wise.
    python ["tf.asin", "tf.math.asin"] fn asin(x) => Unary::Asin;
    /// Computes acos of x element-wise.
    dispatch ["tf.acos", "tf.math.acos"] fn acos(x) => Unary::Acos;
    /// Computes the trignometric inverse tangent of x element-wise.
    python ["tf.atan", "tf.math.atan"] fn atan(x) => Unary::Atan;
    /// Computes hyperbolic sine of x element-wise.
    python ["tf.math.sinh", "tf.sinh"] fn sinh(x) => Unary::Sinh;
    /// Computes hyperbolic cosine of x element-wise.
    python ["tf.cosh", "tf.math.cosh"] fn cosh(x) => Unary::Cosh;
    /// Computes hyperbolic tangent of `x` element-wise.
    python ["tf.math.tanh", "tf.nn.tanh", "tf.tanh"] fn tanh(x) => Unary::Tanh;
    /// Computes sigmoid of `x` element-wise.
    dispatch ["tf.math.sigmoid", "tf.nn.sigmoid", "tf.sigmoid"] fn sigmoid(x) => Unary::Sigmoid;
    /// Returns element-wise largest integer not greater than x.
    dispatch ["tf.floor", "tf.math.floor"] fn floor(x) => Unary::Floor;
    /// Return the ceiling of the input, element-wise.
    dispatch ["tf.math.ceil"] fn ceil(x) => Unary::Ceil;
    /// Rounds the values of a tensor to the nearest integer, element-wise.
    dispatch ["tf.math.round", "tf.round"] fn round(x) => Unary::Round;
    /// Computes the reciprocal of x element-wise.
    python ["tf.math.reciprocal"] fn reciprocal(x) => Unary::Reciprocal;
    /// Computes the [Gauss error function](https://en.wikipedia.org/wiki/Error_function) of `x` element-wise.
    python ["tf.math.erf"] fn erf(x) => Unary::Erf;
    /// Returns which elements of x are NaN.
    python ["tf.math.is_nan"] fn is_nan(x) => Unary::IsNan;
    /// Returns which elements of x are Inf.
    python ["tf.math.is_inf"] fn is_inf(x) => Unary::IsInf;
    /// Returns which elements of x are finite.
    python ["tf.math.is_finite"] fn is_finite(x) => Unary::IsFinite;
    /// Returns the truth value of `NOT x` element-wise.
    python ["tf.logical_not", "tf.math.logical_not"] fn logical_not(x) => Unary::LogicalNot;
    /// Computes elementwise softplus: `softplus(x) = log(exp(x) + 1)`.
    dispatch ["tf.math.softplus", "tf.nn.softplus"] fn softplus(features) => Unary::Softplus;
}

/// Declares elementwise functions of two tensors `x` and `y`, converted together.
macro_rules! binary {
    ($($(#[doc = $doc:literal])* $style:ident $(($py:literal))? [$($path:literal),+]
       fn $name:ident => |$a:ident, $b:ident| $body:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            $style $(($py))? [$($path),+]
            fn $name(it, x, y, name = None) {
                let ($a, $b) = pair(it, &x, &y)?;
                t($body)
            }
        }
    )*};
}

binary! {
    /// Returns x + y element-wise.
    dispatch ["tf.add", "tf.math.add"] fn add => |x, y| ew::binary(Binary::Add, &x, &y)?;
    /// Returns x - y element-wise.
    dispatch ["tf.math.subtract", "tf.subtract"] fn subtract => |x, y| ew::binary(Binary::Sub, &x, &y)?;
    /// Returns an element-wise x * y.
    dispatch ["tf.math.multiply", "tf.multiply"] fn multiply => |x, y| ew::binary(Binary::Mul, &x, &y)?;
    /// Computes Python style division of `x` by `y`.
    dispatch ["tf.divide", "tf.math.divide"] fn divide => |x, y| true_div(&x, &y)?;
    /// Divides x / y elementwise (using Python 3 division operator semantics).
    dispatch ["tf.math.truediv", "tf.truediv"] fn truediv => |x, y| true_div(&x, &y)?;
    /// Returns x / y element-wise for real types.
    op("real_div") ["tf.realdiv"] fn realdiv => |x, y| ew::binary(Binary::Div, &x, &y)?;
    /// Divides `x / y` elementwise, rounding toward the most negative integer.
    dispatch ["tf.math.floordiv"] fn floordiv => |x, y| ew::binary(Binary::FloorDiv, &x, &y)?;
    /// Returns element-wise remainder of division.
    op("floor_mod") ["tf.math.floormod", "tf.math.mod"] fn floormod => |x, y| ew::binary(Binary::FloorMod, &x, &y)?;
    /// Computes the power of one value to another.
    dispatch ["tf.math.pow", "tf.pow"] fn pow => |x, y| ew::binary(Binary::Pow, &x, &y)?;
    /// Returns the max of x and y (i.e. x > y ? x : y) element-wise.
    python ["tf.math.maximum", "tf.maximum"] fn maximum => |x, y| ew::binary(Binary::Maximum, &x, &y)?;
    /// Returns the min of x and y (i.e. x < y ? x : y) element-wise.
    python ["tf.math.minimum", "tf.minimum"] fn minimum => |x, y| ew::binary(Binary::Minimum, &x, &y)?;
    /// Returns conj(x - y)(x - y) element-wise.
    python ["tf.math.squared_difference"] fn squared_difference => |x, y| ew::binary(Binary::SquaredDifference, &x, &y)?;
    /// Returns the truth value of (x == y) element-wise.
    dispatch ["tf.equal", "tf.math.equal"] fn equal => |x, y| ew::compare(Compare::Equal, &x, &y)?;
    /// Returns the truth value of (x != y) element-wise.
    dispatch ["tf.math.not_equal", "tf.not_equal"] fn not_equal => |x, y| ew::compare(Compare::NotEqual, &x, &y)?;
    /// Returns the truth value of (x < y) element-wise.
    python ["tf.less", "tf.math.less"] fn less => |x, y| ew::compare(Compare::Less, &x, &y)?;
    /// Returns the truth value of (x <= y) element-wise.
    python ["tf.less_equal", "tf.math.less_equal"] fn less_equal => |x, y| ew::compare(Compare::LessEqual, &x, &y)?;
    /// Returns the truth value of (x > y) element-wise.
    python ["tf.greater", "tf.math.greater"] fn greater => |x, y| ew::compare(Compare::Greater, &x, &y)?;
    /// Returns the truth value of (x >= y) element-wise.
    python ["tf.greater_equal", "tf.math.greater_equal"] fn greater_equal => |x, y| ew::compare(Compare::GreaterEqual, &x, &y)?;
    /// Returns the truth value of x AND y element-wise.
    python ["tf.logical_and", "tf.math.logical_and"] fn logical_and => |x, y| ew::logical(Logical::And, &x, &y)?;
    /// Returns the truth value of x OR y element-wise.
    python ["tf.logical_or", "tf.math.logical_or"] fn logical_or => |x, y| ew::logical(Logical::Or, &x, &y)?;
    /// Computes a safe divide which returns 0 if `y` (denominator) is zero.
    dispatch ["tf.math.divide_no_nan"] fn divide_no_nan => |x, y| divide_no_nan_of(&x, &y)?;
}

builtin! {
    /// Logical XOR function.
    dispatch ["tf.math.logical_xor"]
    fn logical_xor(it, x, y, name = "LogicalXor") {
        let (x, y) = pair(it, &x, &y)?;
        t(ew::logical(Logical::Xor, &x, &y)?)
    }
}

/// Python 3 division: integers divide into floats.
fn true_div(x: &Tensor, y: &Tensor) -> R<Tensor> {
    let (x, y) = super::ops::true_div_operands(x, y);
    Ok(ew::binary(Binary::Div, &x, &y)?)
}

fn divide_no_nan_of(x: &Tensor, y: &Tensor) -> R<Tensor> {
    let q = ew::binary(Binary::Div, x, y)?;
    let zero = Tensor::zeros(y.dtype(), &[]);
    let is_zero = ew::compare(Compare::Equal, y, &zero)?;
    let zeros = Tensor::zeros(q.dtype(), q.shape());
    let mask = crate::tensor::ops::shape::broadcast_to(&is_zero, q.shape())?;
    Ok(crate::tensor::ops::select::select(&mask, &zeros, &q)?)
}

/// The `axis` argument of reductions: None, an int, or a list.
pub fn axes_arg(it: &mut Interp, v: Option<Value>) -> R<Option<Vec<i64>>> {
    match v {
        None => Ok(None),
        Some(v) => Ok(Some(int_list(it, &v, "axis")?)),
    }
}

/// The input, axes and keepdims flag every reduction takes.
fn reduction_args(
    it: &mut Interp,
    x: &Value,
    axis: Value,
    keepdims: &Value,
    op: &str,
) -> R<(Tensor, Option<Vec<i64>>, bool)> {
    let x = match op {
        "All" | "Any" => bool_input(it, x, op)?,
        _ => to_tensor(it, x, None)?,
    };
    let axes = axes_arg(it, given(axis))?;
    let keep = it.truthy(keepdims)?;
    Ok((x, axes, keep))
}

/// Declares reductions over `axis` with `keepdims`.
macro_rules! reductions {
    ($($(#[doc = $doc:literal])* [$($path:literal),+] fn $name:ident => |$x:ident, $axes:ident, $keep:ident| $body:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            dispatch [$($path),+]
            fn $name(it, input_tensor, axis = None, keepdims = False, name = None) {
                let op = match stringify!($name) {
                    "reduce_all" => "All",
                    "reduce_any" => "Any",
                    _ => "",
                };
                let ($x, $axes, $keep) = reduction_args(it, &input_tensor, axis, &keepdims, op)?;
                let $axes = $axes.as_deref();
                t($body)
            }
        }
    )*};
}

reductions! {
    /// Computes the sum of elements across dimensions of a tensor.
    ["tf.math.reduce_sum", "tf.reduce_sum"] fn reduce_sum => |x, axes, keep| reduce::reduce(Reduce::Sum, &x, axes, keep)?;
    /// Computes the mean of elements across dimensions of a tensor.
    ["tf.math.reduce_mean", "tf.reduce_mean"] fn reduce_mean => |x, axes, keep| reduce::reduce(Reduce::Mean, &x, axes, keep)?;
    /// Computes `tf.math.maximum` of elements across dimensions of a tensor.
    ["tf.math.reduce_max", "tf.reduce_max"] fn reduce_max => |x, axes, keep| reduce::reduce(Reduce::Max, &x, axes, keep)?;
    /// Computes the `tf.math.minimum` of elements across dimensions of a tensor.
    ["tf.math.reduce_min", "tf.reduce_min"] fn reduce_min => |x, axes, keep| reduce::reduce(Reduce::Min, &x, axes, keep)?;
    /// Computes `tf.math.multiply` of elements across dimensions of a tensor.
    ["tf.math.reduce_prod", "tf.reduce_prod"] fn reduce_prod => |x, axes, keep| reduce::reduce(Reduce::Prod, &x, axes, keep)?;
    /// Computes `tf.math.logical_or` of elements across dimensions of a tensor.
    ["tf.math.reduce_any", "tf.reduce_any"] fn reduce_any => |x, axes, keep| reduce::reduce(Reduce::Any, &x, axes, keep)?;
    /// Computes `tf.math.logical_and` of elements across dimensions of a tensor.
    ["tf.math.reduce_all", "tf.reduce_all"] fn reduce_all => |x, axes, keep| reduce::reduce(Reduce::All, &x, axes, keep)?;
    /// Computes the standard deviation of elements across dimensions of a tensor.
    ["tf.math.reduce_std"] fn reduce_std => |x, axes, keep| ew::unary(Unary::Sqrt, &variance(&x, axes, keep)?)?;
    /// Computes the variance of elements across dimensions of a tensor.
    ["tf.math.reduce_variance"] fn reduce_variance => |x, axes, keep| variance(&x, axes, keep)?;
    /// Computes log(sum(exp(elements across dimensions of a tensor))).
    ["tf.math.reduce_logsumexp"] fn reduce_logsumexp => |x, axes, keep| logsumexp(&x, axes, keep)?;
}

fn logsumexp(x: &Tensor, axes: Option<&[i64]>, keep: bool) -> R<Tensor> {
    let m = reduce::reduce(Reduce::Max, x, axes, true)?;
    let e = ew::unary(Unary::Exp, &ew::binary(Binary::Sub, x, &m)?)?;
    let s = reduce::reduce(Reduce::Sum, &e, axes, keep)?;
    let m2 = reduce::reduce(Reduce::Max, x, axes, keep)?;
    Ok(ew::binary(Binary::Add, &ew::unary(Unary::Log, &s)?, &m2)?)
}

/// Variance: mean of squared deviations (float inputs only).
fn variance(x: &Tensor, axes: Option<&[i64]>, keep: bool) -> R<Tensor> {
    if !x.dtype().is_float() {
        return Err(type_err(format!(
            "Input must be either real or complex. Received integer type {}.",
            x.dtype().name()
        )));
    }
    let m = reduce::reduce(Reduce::Mean, x, axes, true)?;
    let d = ew::binary(Binary::SquaredDifference, x, &m)?;
    Ok(reduce::reduce(Reduce::Mean, &d, axes, keep)?)
}

builtin! {
    /// Computes number of nonzero elements across dimensions of a tensor.
    dispatch ["tf.math.count_nonzero"]
    fn count_nonzero(it, input, axis = None, keepdims = None, dtype = tf.int64, name = None) {
        let (x, axes, keep) = reduction_args(it, &input, axis, &keepdims, "")?;
        let nz = x.cast(DType::Bool).cast(DType::I64);
        t(reduce::reduce(Reduce::Sum, &nz, axes.as_deref(), keep)?.cast(dtype_arg(&dtype)?))
    }
}

fn arg_reduce(it: &mut Interp, x: &Value, axis: Value, out: &Value, max: bool) -> R<Value> {
    let x = to_tensor(it, x, None)?;
    let axis = given(axis)
        .map(|v| int_input(&v, "axis"))
        .transpose()?
        .unwrap_or(0);
    t(reduce::arg_reduce(max, &x, axis, dtype_arg(out)?)?)
}

builtin! {
    /// Returns the index with the largest value across axes of a tensor.
    dispatch ["tf.argmax", "tf.math.argmax"]
    fn argmax(it, input, axis = None, output_type = tf.int64, name = None) {
        arg_reduce(it, &input, axis, &output_type, true)
    }
}

builtin! {
    /// Returns the index with the smallest value across axes of a tensor.
    dispatch ["tf.argmin", "tf.math.argmin"]
    fn argmin(it, input, axis = None, output_type = tf.int64, name = None) {
        arg_reduce(it, &input, axis, &output_type, false)
    }
}

fn cumulative(
    it: &mut Interp,
    x: &Value,
    axis: &Value,
    ex: &Value,
    rev: &Value,
    prod: bool,
) -> R<Value> {
    let x = to_tensor(it, x, None)?;
    let axis = int_input(axis, "axis")?;
    let ex = it.truthy(ex)?;
    let rev = it.truthy(rev)?;
    t(reduce::cumulative(prod, &x, axis, ex, rev)?)
}

builtin! {
    /// Compute the cumulative sum of the tensor `x` along `axis`.
    dispatch ["tf.cumsum", "tf.math.cumsum"]
    fn cumsum(it, x, axis = 0, exclusive = False, reverse = False, name = None) {
        cumulative(it, &x, &axis, &exclusive, &reverse, false)
    }
}

builtin! {
    /// Compute the cumulative product of the tensor `x` along `axis`.
    dispatch ["tf.math.cumprod"]
    fn cumprod(it, x, axis = 0, exclusive = False, reverse = False, name = None) {
        cumulative(it, &x, &axis, &exclusive, &reverse, true)
    }
}

builtin! {
    /// Clips tensor values to a specified min and max.
    dispatch ["tf.clip_by_value"]
    fn clip_by_value(it, t, clip_value_min, clip_value_max, name = None) {
        let x = to_tensor(it, &t, None)?;
        let lo = to_tensor(it, &clip_value_min, Some(x.dtype()))?;
        let hi = to_tensor(it, &clip_value_max, Some(x.dtype()))?;
        let r = ew::binary(Binary::Minimum, &x, &hi)?;
        let r = ew::binary(Binary::Maximum, &r, &lo)?;
        if r.shape() != x.shape() {
            return Err(value_err(
                "clip_by_value: the clip bounds must broadcast to the shape of t",
            ));
        }
        Ok(Value::Tensor(r))
    }
}

builtin! {
    /// Clips tensor values to a maximum L2-norm.
    dispatch ["tf.clip_by_norm"]
    fn clip_by_norm(it, t, clip_norm, axes = None, name = None) {
        let x = to_tensor(it, &t, None)?;
        let clip = to_tensor(it, &clip_norm, Some(x.dtype()))?;
        let axes = axes_arg(it, given(axes))?;
        let sq = ew::binary(Binary::Mul, &x, &x)?;
        let l2 = ew::unary(
            Unary::Sqrt,
            &reduce::reduce(Reduce::Sum, &sq, axes.as_deref(), true)?,
        )?;
        let scaled = ew::binary(Binary::Mul, &x, &clip)?;
        let denom = ew::binary(Binary::Maximum, &l2, &clip)?;
        Ok(Value::Tensor(ew::binary(Binary::Div, &scaled, &denom)?))
    }
}

builtin! {
    /// Multiplies matrix `a` by matrix `b`, producing `a` * `b`.
    dispatch ["tf.linalg.matmul", "tf.matmul"]
    fn matmul(
        it, a, b, transpose_a = False, transpose_b = False, adjoint_a = False,
        adjoint_b = False, a_is_sparse = False, b_is_sparse = False, output_type = None,
        name = None
    ) {
        let (x, y) = pair(it, &a, &b)?;
        let ta = it.truthy(&transpose_a)? || it.truthy(&adjoint_a)?;
        let tb = it.truthy(&transpose_b)? || it.truthy(&adjoint_b)?;
        t(crate::tensor::ops::linalg::matmul(&x, &y, ta, tb)?)
    }
}

builtin! {
    /// Returns the element-wise sum of a list of tensors.
    dispatch ["tf.add_n", "tf.math.add_n"]
    fn add_n(it, inputs, name = None) {
        let items: Vec<Value> = it.collect_items(&inputs)?;
        let mut acc: Option<Tensor> = None;
        for v in items {
            let x = to_tensor(it, &v, acc.as_ref().map(|a| a.dtype()))?;
            acc = Some(match acc {
                None => x,
                Some(s) => ew::binary(Binary::Add, &s, &x)?,
            });
        }
        acc.map(Value::Tensor).ok_or_else(|| {
            value_err("inputs must be a list of at least one Tensor with the same dtype and shape")
        })
    }
}
