//! A second batch of numpy functions: grids and comparisons (`meshgrid`, `isclose`,
//! `array_equal`), products (`outer`, `einsum`), repeating and flipping (`tile`, `repeat`,
//! `flip`), counting and logic (`count_nonzero`, `any`, `all`, `logical_*`, `nonzero`,
//! `argwhere`), differences and splits (`diff`, `split`), order statistics (`median`,
//! `percentile`), and more elementwise functions (`log10`, `log2`, `sin`, `cos`).

use super::convert::{f64_arg, i64_arg, int_list};
use super::numpy::{nd, np_array, np_err};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Logical, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::ops::{creation, select, shape, sort};
use crate::tensor::{DType, Tensor};

fn flat(t: &Tensor) -> Tensor {
    shape::reshape_to(t, &[t.size()])
}

fn floats(it: &mut Interp, v: &Value) -> R<Tensor> {
    Ok(np_array(it, v, None)?.cast(DType::F64))
}

builtin! {
    /// Return coordinate matrices from coordinate vectors.
    python ["np.meshgrid"]
    fn meshgrid(it, *xi, indexing = "xy") {
        let xs = it.collect_items(&xi)?;
        let ts = xs.iter().map(|v| np_array(it, v, None)).collect::<R<Vec<_>>>()?;
        let ij = matches!(&indexing, Value::Str(s) if &**s == "ij");
        let grids = creation::meshgrid(&ts, ij).map_err(np_err)?;
        Ok(Value::list(grids.into_iter().map(Value::ndarray).collect()))
    }
}

/// numpy's `isclose` rule: |a - b| <= atol + rtol * |b|, NaNs equal only when asked.
fn close(
    it: &mut Interp,
    a: &Value,
    b: &Value,
    rtol: &Value,
    atol: &Value,
    nan: &Value,
) -> R<Tensor> {
    let x = floats(it, a)?;
    let y = floats(it, b)?;
    let (rtol, atol) = (f64_arg(rtol, "rtol")?, f64_arg(atol, "atol")?);
    let nan_eq = it.truthy(nan)?;
    let out =
        crate::tensor::broadcast::broadcast_shapes(x.shape(), y.shape()).ok_or_else(|| {
            crate::eval::error::err(
                ExcKind::ValueError,
                "operands could not be broadcast together",
            )
        })?;
    let x = shape::broadcast_to(&x, &out).map_err(np_err)?.to_f64_vec();
    let y = shape::broadcast_to(&y, &out).map_err(np_err)?.to_f64_vec();
    let v: Vec<bool> = x
        .iter()
        .zip(&y)
        .map(|(&a, &b)| {
            if a.is_nan() || b.is_nan() {
                nan_eq && a.is_nan() && b.is_nan()
            } else if a.is_infinite() || b.is_infinite() {
                a == b
            } else {
                (a - b).abs() <= atol + rtol * b.abs()
            }
        })
        .collect();
    Ok(Tensor::from_vec(&out, v))
}

builtin! {
    /// Returns a boolean array where two arrays are element-wise equal within a tolerance.
    python ["np.isclose"]
    fn isclose(it, a, b, rtol = 1e-05, atol = 1e-08, equal_nan = False) {
        nd(Ok(close(it, &a, &b, &rtol, &atol, &equal_nan)?))
    }
}

builtin! {
    /// True if two arrays have the same shape and elements, False otherwise.
    python ["np.array_equal"]
    fn array_equal(it, a1, a2, equal_nan = False) {
        let x = np_array(it, &a1, None)?;
        let y = np_array(it, &a2, None)?;
        if x.shape() != y.shape() {
            return Ok(Value::Bool(false));
        }
        let nan_eq = it.truthy(&equal_nan)?;
        let (x, y) = (x.cast(DType::F64).to_f64_vec(), y.cast(DType::F64).to_f64_vec());
        Ok(Value::Bool(x.iter().zip(&y).all(|(a, b)| a == b || (nan_eq && a.is_nan() && b.is_nan()))))
    }
}

builtin! {
    /// Compute the outer product of two vectors.
    python ["np.outer"]
    fn outer(it, a, b) {
        let x = np_array(it, &a, None)?;
        let y = np_array(it, &b, None)?;
        let d = if x.dtype().is_float() || y.dtype().is_float() { DType::F64 } else { DType::I64 };
        let x = shape::reshape_to(&flat(&x.cast(d)), &[x.size(), 1]);
        let y = shape::reshape_to(&flat(&y.cast(d)), &[1, y.size()]);
        nd(ew::binary(Binary::Mul, &x, &y))
    }
}

builtin! {
    /// Evaluates the Einstein summation convention on the operands.
    python ["np.einsum"]
    fn einsum(it, subscripts, *operands) {
        let Value::Str(eq) = &subscripts else {
            return raise(ExcKind::TypeError, "einsum(): the first argument must be a string of subscripts");
        };
        let ops = it.collect_items(&operands)?;
        let ts = ops.iter().map(|v| np_array(it, v, None)).collect::<R<Vec<_>>>()?;
        let d = if ts.iter().any(|t| t.dtype().is_float()) { DType::F64 } else { DType::I64 };
        let ts: Vec<Tensor> = ts.into_iter().map(|t| t.cast(d)).collect();
        nd(crate::tensor::ops::einsum::einsum(eq, &ts))
    }
}

builtin! {
    /// Construct an array by repeating A the number of times given by reps.
    python ["np.tile"]
    fn tile(it, A, reps) {
        let t = np_array(it, &A, None)?;
        let mut reps = int_list(it, &reps, "reps")?;
        let mut t = t;
        while t.ndim() < reps.len() {
            t = shape::expand_dims(&t, 0).map_err(np_err)?;
        }
        while reps.len() < t.ndim() {
            reps.insert(0, 1);
        }
        nd(shape::tile(&t, &reps))
    }
}

builtin! {
    /// Repeat each element of an array after themselves.
    python ["np.repeat"]
    fn repeat(it, a, repeats, axis = None) {
        let t = np_array(it, &a, None)?;
        let (t, ax) = match axis {
            Value::None => (flat(&t), 0usize),
            v => {
                let ax = i64_arg(&v, "axis")?;
                let n = t.ndim() as i64;
                if ax < -n || ax >= n {
                    return raise(ExcKind::ValueError, format!("axis {} is out of bounds for array of dimension {}", ax, n));
                }
                (t, ax.rem_euclid(n.max(1)) as usize)
            }
        };
        let len = t.shape().get(ax).copied().unwrap_or(1);
        let reps = int_list(it, &repeats, "repeats")?;
        let reps: Vec<i64> = if reps.len() == 1 { vec![reps[0]; len] } else { reps };
        if reps.len() != len {
            return raise(ExcKind::ValueError, format!("operands could not be broadcast together with shape ({},) ({},)", len, reps.len()));
        }
        let mut idx = Vec::new();
        for (i, &r) in reps.iter().enumerate() {
            for _ in 0..r.max(0) {
                idx.push(i as i64);
            }
        }
        nd(select::gather(&t, &Tensor::from_vec(&[idx.len()], idx), ax as i64))
    }
}

builtin! {
    /// Reverse the order of elements in an array along the given axis.
    python ["np.flip"]
    fn flip(it, m, axis = None) {
        let t = np_array(it, &m, None)?;
        let axes: Vec<usize> = match axis {
            Value::None => (0..t.ndim()).collect(),
            v => int_list(it, &v, "axis")?
                .into_iter()
                .map(|a| a.rem_euclid(t.ndim().max(1) as i64) as usize)
                .collect(),
        };
        nd(Ok(shape::reverse(&t, &axes)))
    }
}

/// The array as booleans (non-zero is true).
fn truths(it: &mut Interp, a: &Value) -> R<Tensor> {
    let t = np_array(it, a, None)?;
    if t.dtype() == DType::Bool {
        return Ok(t);
    }
    ew::compare(Compare::NotEqual, &t, &Tensor::full(t.dtype(), &[], 0.0)).map_err(np_err)
}

builtin! {
    /// Counts the number of non-zero values in the array.
    python ["np.count_nonzero"]
    fn count_nonzero(it, a, axis = None) {
        let t = truths(it, &a)?.cast(DType::I64);
        match axis {
            Value::None => {
                let s = reduce::reduce(Reduce::Sum, &t, None, false).map_err(np_err)?;
                Ok(Value::Int(s.item_i64().unwrap_or(0)))
            }
            v => {
                let axes = int_list(it, &v, "axis")?;
                nd(reduce::reduce(Reduce::Sum, &t, Some(&axes), false))
            }
        }
    }
}

/// `any` / `all` over `axis`.
fn logic_reduce(it: &mut Interp, a: &Value, axis: &Value, op: Reduce) -> R<Value> {
    let t = truths(it, a)?;
    let axes = match axis {
        Value::None => None,
        v => Some(int_list(it, v, "axis")?),
    };
    nd(reduce::reduce(op, &t, axes.as_deref(), false))
}

builtin! {
    /// Test whether any array element along a given axis evaluates to True.
    python ["np.any"]
    fn any(it, a, axis = None) { logic_reduce(it, &a, &axis, Reduce::Any) }
}

builtin! {
    /// Test whether all array elements along a given axis evaluate to True.
    python ["np.all"]
    fn all(it, a, axis = None) { logic_reduce(it, &a, &axis, Reduce::All) }
}

/// Declares numpy's logical functions of two arrays.
macro_rules! logicals {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $op:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$path]
            fn $name(it, x1, x2) {
                let a = truths(it, &x1)?;
                let b = truths(it, &x2)?;
                nd(ew::logical($op, &a, &b))
            }
        }
    )*};
}

logicals! {
    /// Compute the truth value of x1 AND x2 element-wise.
    ["np.logical_and"] fn logical_and => Logical::And;
    /// Compute the truth value of x1 OR x2 element-wise.
    ["np.logical_or"] fn logical_or => Logical::Or;
    /// Compute the truth value of x1 XOR x2, element-wise.
    ["np.logical_xor"] fn logical_xor => Logical::Xor;
}

builtin! {
    /// Compute the truth value of NOT x element-wise.
    python ["np.logical_not"]
    fn logical_not(it, x) {
        let t = truths(it, &x)?;
        nd(ew::unary(Unary::LogicalNot, &t))
    }
}

/// The indices of the non-zero elements, as one array per axis.
fn nonzero_cols(it: &mut Interp, a: &Value) -> R<Vec<Tensor>> {
    let t = truths(it, a)?;
    let idx = select::where_indices(&t).cast(DType::I64);
    let n = idx.shape()[0];
    let cols = (0..t.ndim())
        .map(|d| {
            let col = shape::slice_axis(&idx, 1, d, d + 1);
            shape::reshape_to(&col, &[n])
        })
        .collect();
    Ok(cols)
}

builtin! {
    /// Return the indices of the elements that are non-zero.
    python ["np.nonzero"]
    fn nonzero(it, a) {
        let cols = nonzero_cols(it, &a)?;
        Ok(Value::tuple(cols.into_iter().map(Value::ndarray).collect()))
    }
}

builtin! {
    /// Find the indices of array elements that are non-zero, grouped by element.
    python ["np.argwhere"]
    fn argwhere(it, a) {
        let t = truths(it, &a)?;
        nd(Ok(select::where_indices(&t).cast(DType::I64)))
    }
}

builtin! {
    /// Calculate the n-th discrete difference along the given axis.
    python ["np.diff"]
    fn diff(it, a, n = 1, axis = -1) {
        let mut t = np_array(it, &a, None)?;
        let n = i64_arg(&n, "n")?;
        let ax = i64_arg(&axis, "axis")?.rem_euclid(t.ndim().max(1) as i64) as usize;
        for _ in 0..n.max(0) {
            let len = t.shape()[ax];
            if len == 0 {
                break;
            }
            let hi = shape::slice_axis(&t, ax, 1, len);
            let lo = shape::slice_axis(&t, ax, 0, len - 1);
            t = if t.dtype() == DType::Bool {
                ew::compare(Compare::NotEqual, &hi, &lo).map_err(np_err)?
            } else {
                ew::binary(Binary::Sub, &hi, &lo).map_err(np_err)?
            };
        }
        nd(Ok(t))
    }
}

builtin! {
    /// Split an array into multiple sub-arrays (equal parts, or at the given indices).
    python ["np.split"]
    fn split(it, ary, indices_or_sections, axis = 0) {
        let t = np_array(it, &ary, None)?;
        let ax = i64_arg(&axis, "axis")?.rem_euclid(t.ndim().max(1) as i64) as usize;
        let len = t.shape()[ax];
        let cuts: Vec<usize> = match &indices_or_sections {
            Value::Int(k) => {
                let k = *k;
                if k <= 0 || len as i64 % k != 0 {
                    return raise(ExcKind::ValueError, "array split does not result in an equal division");
                }
                (1..k as usize).map(|i| i * len / k as usize).collect()
            }
            v => int_list(it, v, "indices")?.into_iter().map(|i| i.clamp(0, len as i64) as usize).collect(),
        };
        let mut parts = Vec::new();
        let mut start = 0;
        for c in cuts.into_iter().chain(std::iter::once(len)) {
            let end = c.max(start);
            parts.push(Value::ndarray(shape::slice_axis(&t, ax, start, end)));
            start = end;
        }
        Ok(Value::list(parts))
    }
}

/// The q-th percentile of sorted values with numpy's linear interpolation.
fn percentile_of(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q / 100.0 * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    let frac = pos - lo as f64;
    sorted[lo] + (sorted[hi] - sorted[lo]) * frac
}

/// `percentile` / `median` over the flattened array or along one axis.
fn order_stat(it: &mut Interp, a: &Value, qs: &[f64], axis: &Value) -> R<Tensor> {
    let t = floats(it, a)?;
    match axis {
        Value::None => {
            let mut v = t.to_f64_vec();
            v.sort_by(|x, y| x.total_cmp(y));
            let out: Vec<f64> = qs.iter().map(|&q| percentile_of(&v, q)).collect();
            Ok(Tensor::from_vec(&[out.len()], out))
        }
        v => {
            let ax = i64_arg(v, "axis")?;
            let sorted = sort::sort(&t, ax, false).map_err(np_err)?;
            let ax = ax.rem_euclid(t.ndim().max(1) as i64);
            let moved = shape::transpose(&sorted, Some(&move_last(t.ndim(), ax as usize)))
                .map_err(np_err)?;
            let n = moved.shape().last().copied().unwrap_or(1);
            let rows = moved.size() / n.max(1);
            let data = moved.to_f64_vec();
            let mut out = Vec::with_capacity(qs.len() * rows);
            for &q in qs {
                for r in 0..rows {
                    out.push(percentile_of(&data[r * n..(r + 1) * n], q));
                }
            }
            let mut dims = vec![qs.len()];
            dims.extend(moved.shape()[..moved.ndim() - 1].iter());
            Ok(Tensor::from_vec(&dims, out))
        }
    }
}

/// The permutation that moves axis `ax` last.
fn move_last(ndim: usize, ax: usize) -> Vec<i64> {
    let mut p: Vec<i64> = (0..ndim as i64).filter(|&d| d != ax as i64).collect();
    p.push(ax as i64);
    p
}

builtin! {
    /// Compute the median along the specified axis.
    python ["np.median"]
    fn median(it, a, axis = None) {
        let r = order_stat(it, &a, &[50.0], &axis)?;
        let dims = r.shape()[1..].to_vec();
        nd(Ok(shape::reshape_to(&r, &dims)))
    }
}

builtin! {
    /// Compute the q-th percentile of the data along the specified axis.
    python ["np.percentile"]
    fn percentile(it, a, q, axis = None) {
        let scalar = !matches!(q, Value::List(_) | Value::Tuple(_) | Value::NdArray(_));
        let qs = floats(it, &q)?.to_f64_vec();
        if qs.iter().any(|&q| !(0.0..=100.0).contains(&q)) {
            return raise(ExcKind::ValueError, "Percentiles must be in the range [0, 100]");
        }
        let r = order_stat(it, &a, &qs, &axis)?;
        if scalar {
            let dims = r.shape()[1..].to_vec();
            return nd(Ok(shape::reshape_to(&r, &dims)));
        }
        nd(Ok(r))
    }
}

/// Declares more of numpy's one-array float functions.
macro_rules! float_unaries {
    ($($(#[doc = $doc:literal])* [$($path:literal),+] fn $name:ident => $f:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$($path),+]
            fn $name(it, x) {
                let t = np_array(it, &x, None)?;
                let out = if t.dtype() == DType::F32 { DType::F32 } else { DType::F64 };
                nd(Ok(ew::map_f64(&t.cast(DType::F64), $f).cast(out)))
            }
        }
    )*};
}

float_unaries! {
    /// Return the base 10 logarithm of the input array, element-wise.
    ["np.log10"] fn log10 => f64::log10;
    /// Base-2 logarithm of x.
    ["np.log2"] fn log2 => f64::log2;
    /// Trigonometric sine, element-wise.
    ["np.sin"] fn sin => f64::sin;
    /// Cosine element-wise.
    ["np.cos"] fn cos => f64::cos;
    /// Compute tangent element-wise.
    ["np.tan"] fn tan => f64::tan;
    /// Inverse sine, element-wise.
    ["np.arcsin"] fn arcsin => f64::asin;
    /// Trigonometric inverse cosine, element-wise.
    ["np.arccos"] fn arccos => f64::acos;
    /// Trigonometric inverse tangent, element-wise.
    ["np.arctan"] fn arctan => f64::atan;
    /// Hyperbolic sine, element-wise.
    ["np.sinh"] fn sinh => f64::sinh;
    /// Hyperbolic cosine, element-wise.
    ["np.cosh"] fn cosh => f64::cosh;
    /// Calculate exp(x) - 1 for all elements in the array.
    ["np.expm1"] fn expm1 => f64::exp_m1;
    /// Calculate 2**p for all p in the input array.
    ["np.exp2"] fn exp2 => f64::exp2;
    /// Return the cube-root of an array, element-wise.
    ["np.cbrt"] fn cbrt => f64::cbrt;
    /// Round elements of the array to the nearest integer.
    ["np.rint"] fn rint => f64::round_ties_even;
    /// Return the truncated value of the input, element-wise.
    ["np.trunc"] fn trunc => f64::trunc;
    /// Round to nearest integer towards zero.
    ["np.fix"] fn fix => f64::trunc;
    /// Convert angles from degrees to radians.
    ["np.deg2rad", "np.radians"] fn deg2rad => f64::to_radians;
    /// Convert angles from radians to degrees.
    ["np.rad2deg", "np.degrees"] fn rad2deg => f64::to_degrees;
}
