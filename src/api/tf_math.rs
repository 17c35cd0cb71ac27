//! `tf` and `tf.math` arithmetic: elementwise functions, binary ops, comparisons, logical
//! ops, reductions, norms, clipping and matmul.

use super::convert::{f64_arg, i64_arg, int_list, tensor_of, to_tensor};
use super::{add_all, dtype_or};
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::{Args, Module, NativeFn};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Logical, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or(Value::None)
}

/// Two op inputs converted together: a tensor among them fixes the dtype of the other.
pub fn pair(it: &mut Interp, x: &Value, y: &Value) -> R<(Tensor, Tensor)> {
    let hint = tensor_of(x).or_else(|| tensor_of(y)).map(|t| t.dtype());
    let a = match (tensor_of(x), hint) {
        (Some(a), _) => a,
        (None, Some(h)) => super::ops::convert_hinted(it, x, h)?,
        (None, None) => to_tensor(it, x, None)?,
    };
    let b = match tensor_of(y) {
        Some(b) => b,
        None => super::ops::convert_hinted(it, y, hint.unwrap_or(a.dtype()))?,
    };
    Ok((a, b))
}

pub fn unary_value(it: &mut Interp, a: Args, name: &str, op: Unary) -> R<Value> {
    let [x, _name] = a.bind(name, ["x", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    t(ew::unary(op, &x)?)
}

macro_rules! unary_fns {
    ($($fname:ident => ($py:expr, $op:expr)),* $(,)?) => {
        $(fn $fname(it: &mut Interp, a: Args) -> R<Value> { unary_value(it, a, $py, $op) })*
        const UNARY: &[(&str, NativeFn)] = &[$(($py, $fname)),*];
    };
}

unary_fns! {
    u_abs => ("abs", Unary::Abs),
    u_negative => ("negative", Unary::Neg),
    u_sign => ("sign", Unary::Sign),
    u_square => ("square", Unary::Square),
    u_sqrt => ("sqrt", Unary::Sqrt),
    u_rsqrt => ("rsqrt", Unary::Rsqrt),
    u_exp => ("exp", Unary::Exp),
    u_expm1 => ("expm1", Unary::Expm1),
    u_log => ("log", Unary::Log),
    u_log1p => ("log1p", Unary::Log1p),
    u_sin => ("sin", Unary::Sin),
    u_cos => ("cos", Unary::Cos),
    u_tan => ("tan", Unary::Tan),
    u_asin => ("asin", Unary::Asin),
    u_acos => ("acos", Unary::Acos),
    u_atan => ("atan", Unary::Atan),
    u_sinh => ("sinh", Unary::Sinh),
    u_cosh => ("cosh", Unary::Cosh),
    u_tanh => ("tanh", Unary::Tanh),
    u_sigmoid => ("sigmoid", Unary::Sigmoid),
    u_floor => ("floor", Unary::Floor),
    u_ceil => ("ceil", Unary::Ceil),
    u_round => ("round", Unary::Round),
    u_reciprocal => ("reciprocal", Unary::Reciprocal),
    u_erf => ("erf", Unary::Erf),
    u_is_nan => ("is_nan", Unary::IsNan),
    u_is_inf => ("is_inf", Unary::IsInf),
    u_is_finite => ("is_finite", Unary::IsFinite),
    u_logical_not => ("logical_not", Unary::LogicalNot),
    u_softplus => ("softplus", Unary::Softplus),
}

/// Names that exist only under `tf.math` (not directly under `tf`).
const MATH_ONLY: &[&str] = &[
    "log",
    "log1p",
    "expm1",
    "erf",
    "is_nan",
    "is_inf",
    "is_finite",
    "reciprocal",
    "softplus",
    "rsqrt",
];

fn binary_value(it: &mut Interp, a: Args, name: &str, op: Binary) -> R<Value> {
    let [x, y, _name] = a.bind(name, ["x", "y", "name=None"])?;
    let (x, y) = pair(it, &req(x), &req(y))?;
    let (x, y) = if op == Binary::Div && name != "realdiv" {
        super::ops::true_div_operands(&x, &y)
    } else {
        (x, y)
    };
    t(ew::binary(op, &x, &y)?)
}

macro_rules! binary_fns {
    ($($fname:ident => ($py:expr, $op:expr)),* $(,)?) => {
        $(fn $fname(it: &mut Interp, a: Args) -> R<Value> { binary_value(it, a, $py, $op) })*
        const BINARY: &[(&str, NativeFn)] = &[$(($py, $fname)),*];
    };
}

binary_fns! {
    b_add => ("add", Binary::Add),
    b_subtract => ("subtract", Binary::Sub),
    b_multiply => ("multiply", Binary::Mul),
    b_divide => ("divide", Binary::Div),
    b_truediv => ("truediv", Binary::Div),
    b_realdiv => ("realdiv", Binary::Div),
    b_floordiv => ("floordiv", Binary::FloorDiv),
    b_floormod => ("floormod", Binary::FloorMod),
    b_mod => ("mod", Binary::FloorMod),
    b_pow => ("pow", Binary::Pow),
    b_maximum => ("maximum", Binary::Maximum),
    b_minimum => ("minimum", Binary::Minimum),
    b_squared_difference => ("squared_difference", Binary::SquaredDifference),
}

fn compare_value(it: &mut Interp, a: Args, name: &str, op: Compare) -> R<Value> {
    let [x, y, _name] = a.bind(name, ["x", "y", "name=None"])?;
    let (x, y) = pair(it, &req(x), &req(y))?;
    t(ew::compare(op, &x, &y)?)
}

macro_rules! compare_fns {
    ($($fname:ident => ($py:expr, $op:expr)),* $(,)?) => {
        $(fn $fname(it: &mut Interp, a: Args) -> R<Value> { compare_value(it, a, $py, $op) })*
        const COMPARE: &[(&str, NativeFn)] = &[$(($py, $fname)),*];
    };
}

compare_fns! {
    c_equal => ("equal", Compare::Equal),
    c_not_equal => ("not_equal", Compare::NotEqual),
    c_less => ("less", Compare::Less),
    c_less_equal => ("less_equal", Compare::LessEqual),
    c_greater => ("greater", Compare::Greater),
    c_greater_equal => ("greater_equal", Compare::GreaterEqual),
}

fn logical_value(it: &mut Interp, a: Args, name: &str, op: Logical) -> R<Value> {
    let [x, y, _name] = a.bind(name, ["x", "y", "name=None"])?;
    let (x, y) = pair(it, &req(x), &req(y))?;
    t(ew::logical(op, &x, &y)?)
}

fn divide_no_nan(it: &mut Interp, a: Args) -> R<Value> {
    let [x, y, _name] = a.bind("divide_no_nan", ["x", "y", "name=None"])?;
    let (x, y) = pair(it, &req(x), &req(y))?;
    let q = ew::binary(Binary::Div, &x, &y)?;
    let zero = Tensor::zeros(y.dtype(), &[]);
    let is_zero = ew::compare(Compare::Equal, &y, &zero)?;
    let zeros = Tensor::zeros(q.dtype(), q.shape());
    let mask = crate::tensor::ops::shape::broadcast_to(&is_zero, q.shape())?;
    t(crate::tensor::ops::select::select(&mask, &zeros, &q)?)
}

/// The `axis` argument of reductions: None, an int, or a list.
pub fn axes_arg(it: &mut Interp, v: Option<Value>) -> R<Option<Vec<i64>>> {
    match v {
        None => Ok(None),
        Some(v) => Ok(Some(int_list(it, &v, "axis")?)),
    }
}

fn reduce_value(it: &mut Interp, a: Args, name: &str, op: Reduce) -> R<Value> {
    let [x, axis, keepdims, _name] = a.bind(
        name,
        ["input_tensor", "axis=None", "keepdims=False", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    t(reduce::reduce(op, &x, axes.as_deref(), keep)?)
}

macro_rules! reduce_fns {
    ($($fname:ident => ($py:expr, $op:expr)),* $(,)?) => {
        $(fn $fname(it: &mut Interp, a: Args) -> R<Value> { reduce_value(it, a, $py, $op) })*
        const REDUCE: &[(&str, NativeFn)] = &[$(($py, $fname)),*];
    };
}

reduce_fns! {
    r_sum => ("reduce_sum", Reduce::Sum),
    r_mean => ("reduce_mean", Reduce::Mean),
    r_max => ("reduce_max", Reduce::Max),
    r_min => ("reduce_min", Reduce::Min),
    r_prod => ("reduce_prod", Reduce::Prod),
    r_any => ("reduce_any", Reduce::Any),
    r_all => ("reduce_all", Reduce::All),
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

fn reduce_std(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, keepdims, _name] = a.bind(
        "reduce_std",
        ["input_tensor", "axis=None", "keepdims=False", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    t(ew::unary(
        Unary::Sqrt,
        &variance(&x, axes.as_deref(), keep)?,
    )?)
}

fn reduce_variance(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, keepdims, _name] = a.bind(
        "reduce_variance",
        ["input_tensor", "axis=None", "keepdims=False", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    t(variance(&x, axes.as_deref(), keep)?)
}

fn reduce_logsumexp(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, keepdims, _name] = a.bind(
        "reduce_logsumexp",
        ["input_tensor", "axis=None", "keepdims=False", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    let m = reduce::reduce(Reduce::Max, &x, axes.as_deref(), true)?;
    let e = ew::unary(Unary::Exp, &ew::binary(Binary::Sub, &x, &m)?)?;
    let s = reduce::reduce(Reduce::Sum, &e, axes.as_deref(), keep)?;
    let m2 = reduce::reduce(Reduce::Max, &x, axes.as_deref(), keep)?;
    t(ew::binary(Binary::Add, &ew::unary(Unary::Log, &s)?, &m2)?)
}

fn count_nonzero(it: &mut Interp, a: Args) -> R<Value> {
    let [x, axis, keepdims, dtype, _name] = a.bind(
        "count_nonzero",
        [
            "input",
            "axis=None",
            "keepdims=None",
            "dtype=tf.int64",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    let nz = x.cast(DType::Bool).cast(DType::I64);
    t(reduce::reduce(Reduce::Sum, &nz, axes.as_deref(), keep)?.cast(dtype_or(dtype, DType::I64)?))
}

fn arg_value(it: &mut Interp, a: Args, max: bool) -> R<Value> {
    let name = if max { "argmax" } else { "argmin" };
    let [x, axis, out, _name] = a.bind(
        name,
        ["input", "axis=None", "output_type=tf.int64", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    t(reduce::arg_reduce(
        max,
        &x,
        axis,
        dtype_or(out, DType::I64)?,
    )?)
}

fn norm(it: &mut Interp, a: Args) -> R<Value> {
    let [x, ord, axis, keepdims, _name] = a.bind(
        "norm",
        [
            "tensor",
            "ord='euclidean'",
            "axis=None",
            "keepdims=None",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axes = axes_arg(it, axis)?;
    let keep = it.flag(keepdims, false)?;
    let ord = match ord {
        None => 2.0,
        Some(Value::Str(s)) if s.as_ref() == "euclidean" || s.as_ref() == "fro" => 2.0,
        Some(v) => f64_arg(&v, "ord")?,
    };
    let r = if ord == 1.0 {
        reduce::reduce(
            Reduce::Sum,
            &ew::unary(Unary::Abs, &x)?,
            axes.as_deref(),
            keep,
        )?
    } else if ord.is_infinite() {
        reduce::reduce(
            Reduce::Max,
            &ew::unary(Unary::Abs, &x)?,
            axes.as_deref(),
            keep,
        )?
    } else {
        let sq = ew::binary(Binary::Mul, &x, &x)?;
        ew::unary(
            Unary::Sqrt,
            &reduce::reduce(Reduce::Sum, &sq, axes.as_deref(), keep)?,
        )?
    };
    t(r)
}

fn cumulative(it: &mut Interp, a: Args, prod: bool) -> R<Value> {
    let name = if prod { "cumprod" } else { "cumsum" };
    let [x, axis, exclusive, reverse, _name] = a.bind(
        name,
        [
            "x",
            "axis=0",
            "exclusive=False",
            "reverse=False",
            "name=None",
        ],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let axis = axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(0);
    let ex = it.flag(exclusive, false)?;
    let rev = it.flag(reverse, false)?;
    t(reduce::cumulative(prod, &x, axis, ex, rev)?)
}

fn clip_by_value(it: &mut Interp, a: Args) -> R<Value> {
    let [x, lo, hi, _name] = a.bind(
        "clip_by_value",
        ["t", "clip_value_min", "clip_value_max", "name=None"],
    )?;
    let x = to_tensor(it, &req(x), None)?;
    let lo = to_tensor(it, &req(lo), Some(x.dtype()))?;
    let hi = to_tensor(it, &req(hi), Some(x.dtype()))?;
    let r = ew::binary(Binary::Minimum, &x, &hi)?;
    let r = ew::binary(Binary::Maximum, &r, &lo)?;
    if r.shape() != x.shape() {
        return Err(value_err(
            "clip_by_value: the clip bounds must broadcast to the shape of t",
        ));
    }
    t(r)
}

fn clip_by_norm(it: &mut Interp, a: Args) -> R<Value> {
    let [x, clip, axes, _name] =
        a.bind("clip_by_norm", ["t", "clip_norm", "axes=None", "name=None"])?;
    let x = to_tensor(it, &req(x), None)?;
    let clip = to_tensor(it, &req(clip), Some(x.dtype()))?;
    let axes = axes_arg(it, axes)?;
    let l2 = ew::unary(
        Unary::Sqrt,
        &reduce::reduce(
            Reduce::Sum,
            &ew::binary(Binary::Mul, &x, &x)?,
            axes.as_deref(),
            true,
        )?,
    )?;
    let scaled = ew::binary(Binary::Mul, &x, &clip)?;
    let denom = ew::binary(Binary::Maximum, &l2, &clip)?;
    t(ew::binary(Binary::Div, &scaled, &denom)?)
}

fn matmul(it: &mut Interp, a: Args) -> R<Value> {
    let [x, y, ta, tb, adj_a, adj_b, _sa, _sb, _out, _name] = a.bind(
        "matmul",
        [
            "a",
            "b",
            "transpose_a=False",
            "transpose_b=False",
            "adjoint_a=False",
            "adjoint_b=False",
            "a_is_sparse=False",
            "b_is_sparse=False",
            "output_type=None",
            "name=None",
        ],
    )?;
    let (x, y) = pair(it, &req(x), &req(y))?;
    let ta = it.flag(ta, false)? || it.flag(adj_a, false)?;
    let tb = it.flag(tb, false)? || it.flag(adj_b, false)?;
    t(crate::tensor::ops::linalg::matmul(&x, &y, ta, tb)?)
}

fn add_n(it: &mut Interp, a: Args) -> R<Value> {
    let [inputs, _name] = a.bind("add_n", ["inputs", "name=None"])?;
    let items: Vec<Value> = it.iterate(&req(inputs))?.collect();
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

pub fn install(tf: &Module, math: &Module, linalg: &Module) {
    for (name, f) in UNARY.iter().chain(BINARY).chain(COMPARE).chain(REDUCE) {
        add_all(math, &[(name, *f)]);
        if !MATH_ONLY.contains(name) {
            add_all(tf, &[(name, *f)]);
        }
    }
    let more: &[(&str, NativeFn)] = &[
        ("logical_and", |it, a| {
            logical_value(it, a, "logical_and", Logical::And)
        }),
        ("logical_or", |it, a| {
            logical_value(it, a, "logical_or", Logical::Or)
        }),
        ("logical_xor", |it, a| {
            logical_value(it, a, "logical_xor", Logical::Xor)
        }),
        ("argmax", |it, a| arg_value(it, a, true)),
        ("argmin", |it, a| arg_value(it, a, false)),
        ("norm", norm),
        ("cumsum", |it, a| cumulative(it, a, false)),
        ("cumprod", |it, a| cumulative(it, a, true)),
        ("clip_by_value", clip_by_value),
        ("matmul", matmul),
        ("add_n", add_n),
    ];
    add_all(tf, more);
    add_all(math, more);
    add_all(
        math,
        &[
            ("divide_no_nan", divide_no_nan),
            ("reduce_std", reduce_std),
            ("reduce_variance", reduce_variance),
            ("reduce_logsumexp", reduce_logsumexp),
            ("count_nonzero", count_nonzero),
        ],
    );
    add_all(tf, &[("clip_by_norm", clip_by_norm)]);
    add_all(linalg, &[("matmul", matmul), ("norm", norm)]);
}
