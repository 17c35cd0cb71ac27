//! More of numpy's functions, the ones TF notebooks call beside the constructors and
//! reductions of `numpy.rs`: identity matrices and filled arrays, joining and reshaping,
//! `argmax`/`argmin`, `where`, `clip`, `round`, `dot`/`matmul`, `cumsum`, `std`/`var`,
//! sorting, and the elementwise `maximum`, `minimum`, `square`, `power`,
//! `floor`, `ceil`, `sign`, `isnan`. Arrays of different dtypes meet as numpy promotes
//! them (int64 with float64 gives float64), not as TensorFlow refuses.

use super::convert::{f64_arg, i64_arg, int_list};
use super::numpy::{nd, np_array, np_dtype_arg, np_err};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{index_err, raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::index::{strided_slice, Index};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::ops::{creation, linalg, reduce_numpy, select, shape, sort};
use crate::tensor::{DType, Tensor};

/// numpy's result type of two arrays (for the dtypes tensh has).
pub(crate) fn promoted(a: DType, b: DType) -> DType {
    use DType::*;
    if a == b {
        return a;
    }
    match (a, b) {
        (F64, _) | (_, F64) => F64,
        (F32, I64 | I32) | (I64 | I32, F32) => F64,
        (F32, _) | (_, F32) => F32,
        (Bool, x) | (x, Bool) => x,
        (U8, x) | (x, U8) => x,
        _ => I64,
    }
}

/// Both operands as arrays of their common dtype.
fn pair(it: &mut Interp, a: &Value, b: &Value) -> R<(Tensor, Tensor)> {
    let x = np_array(it, a, None)?;
    let y = np_array(it, b, None)?;
    let d = promoted(x.dtype(), y.dtype());
    Ok((x.cast(d), y.cast(d)))
}

fn axis_of(v: &Value) -> R<Option<i64>> {
    match v {
        Value::None => Ok(None),
        v => Ok(Some(i64_arg(v, "axis")?)),
    }
}

fn arrays(it: &mut Interp, seq: &Value) -> R<Vec<Tensor>> {
    let items = it.collect_items(seq)?;
    if items.is_empty() {
        return raise(
            ExcKind::ValueError,
            "need at least one array to concatenate",
        );
    }
    let ts = items
        .iter()
        .map(|v| np_array(it, v, None))
        .collect::<R<Vec<_>>>()?;
    let d = ts
        .iter()
        .skip(1)
        .fold(ts[0].dtype(), |d, t| promoted(d, t.dtype()));
    Ok(ts.into_iter().map(|t| t.cast(d)).collect())
}

builtin! {
    /// Return a 2-D array with ones on the diagonal and zeros elsewhere.
    python ["np.eye"]
    fn eye(it, N, M = None, k = 0, dtype = None) {
        let n = i64_arg(&N, "N")?.max(0) as usize;
        let m = match M { Value::None => n, v => i64_arg(&v, "M")?.max(0) as usize };
        let k = i64_arg(&k, "k")?;
        let d = match dtype { Value::None => DType::F64, v => np_dtype_arg(&v)? };
        let base = creation::eye(n, m, d).map_err(np_err)?;
        if k == 0 {
            return Ok(Value::ndarray(base));
        }
        let mut v = vec![0.0f64; n * m];
        for r in 0..n {
            let c = r as i64 + k;
            if c >= 0 && (c as usize) < m {
                v[r * m + c as usize] = 1.0;
            }
        }
        let _ = it;
        nd(Ok(Tensor::from_vec(&[n, m], v).cast(d)))
    }
}

builtin! {
    /// Return the identity array.
    python ["np.identity"]
    fn identity(it, n, dtype = None) {
        let _ = it;
        let n = i64_arg(&n, "n")?.max(0) as usize;
        let d = match dtype { Value::None => DType::F64, v => np_dtype_arg(&v)? };
        nd(creation::eye(n, n, d))
    }
}

builtin! {
    /// Return a new array of given shape and type, filled with `fill_value`.
    python ["np.full"]
    fn full(it, shape, fill_value, dtype = None) {
        let dims: Vec<usize> = int_list(it, &shape, "shape")?.into_iter().map(|d| d.max(0) as usize).collect();
        let fill = np_array(it, &fill_value, None)?;
        let d = match dtype { Value::None => fill.dtype(), v => np_dtype_arg(&v)? };
        crate::tensor::alloc::check(&dims, d, "full").map_err(np_err)?;
        nd(shape::broadcast_to(&fill.cast(d), &dims))
    }
}

/// `zeros_like`, `ones_like`, `full_like`: the shape and dtype of `a`.
fn like(it: &mut Interp, a: &Value, v: f64, dtype: Value) -> R<Value> {
    let t = np_array(it, a, None)?;
    let d = match dtype {
        Value::None => t.dtype(),
        v => np_dtype_arg(&v)?,
    };
    crate::tensor::alloc::check(t.shape(), d, "like").map_err(np_err)?;
    nd(Ok(Tensor::full(d, t.shape(), v)))
}

builtin! {
    /// Return an array of zeros with the same shape and type as a given array.
    python ["np.zeros_like"]
    fn zeros_like(it, a, dtype = None) { like(it, &a, 0.0, dtype) }
}

builtin! {
    /// Return a new array with the same shape and type as a given array (zeros in tensh).
    python ["np.empty_like"]
    fn empty_like(it, prototype, dtype = None) { like(it, &prototype, 0.0, dtype) }
}

builtin! {
    /// Return an array of ones with the same shape and type as a given array.
    python ["np.ones_like"]
    fn ones_like(it, a, dtype = None) { like(it, &a, 1.0, dtype) }
}

builtin! {
    /// Return a full array with the same shape and type as a given array.
    python ["np.full_like"]
    fn full_like(it, a, fill_value, dtype = None) {
        let v = f64_arg(&fill_value, "fill_value")?;
        like(it, &a, v, dtype)
    }
}

builtin! {
    /// Join a sequence of arrays along an existing axis.
    python ["np.concatenate"]
    fn concatenate(it, arrays_, axis = 0) {
        if let Some(v) = super::np_object::concatenate_of(it, &arrays_, &axis)? {
            return Ok(v);
        }
        let ts = arrays(it, &arrays_)?;
        match axis_of(&axis)? {
            Some(ax) => nd(shape::concat(&ts, ax)),
            None => {
                let flat: Vec<Tensor> = ts.iter().map(|t| shape::reshape_to(t, &[t.size()])).collect();
                nd(shape::concat(&flat, 0))
            }
        }
    }
}

builtin! {
    /// Join a sequence of arrays along a new axis.
    python ["np.stack"]
    fn stack(it, arrays_, axis = 0) {
        let ts = arrays(it, &arrays_)?;
        nd(shape::stack(&ts, i64_arg(&axis, "axis")?))
    }
}

builtin! {
    /// Stack arrays in sequence vertically (row wise).
    python ["np.vstack"]
    fn vstack(it, tup) {
        let ts: Vec<Tensor> = arrays(it, &tup)?
            .into_iter()
            .map(|t| if t.ndim() < 2 { shape::reshape_to(&t, &[1, t.size()]) } else { t })
            .collect();
        nd(shape::concat(&ts, 0))
    }
}

builtin! {
    /// Stack arrays in sequence horizontally (column wise).
    python ["np.hstack"]
    fn hstack(it, tup) {
        let ts = arrays(it, &tup)?;
        let axis = if ts[0].ndim() <= 1 { 0 } else { 1 };
        let ts: Vec<Tensor> = ts.into_iter().map(|t| if t.ndim() == 0 { shape::reshape_to(&t, &[1]) } else { t }).collect();
        nd(shape::concat(&ts, axis))
    }
}

builtin! {
    /// Expand the shape of an array.
    python ["np.expand_dims"]
    fn expand_dims(it, a, axis) {
        if let Value::NdArray(arr) = &a {
            return super::np_views::expand_dims(arr, &int_list(it, &axis, "axis")?);
        }
        let t = np_array(it, &a, None)?;
        nd(shape::expand_dims(&t, i64_arg(&axis, "axis")?))
    }
}

builtin! {
    /// Remove axes of length one from `a`.
    python ["np.squeeze"]
    fn squeeze(it, a, axis = None) {
        let t = np_array(it, &a, None)?;
        let axes = match axis { Value::None => None, v => Some(int_list(it, &v, "axis")?) };
        if let Value::NdArray(arr) = &a {
            return super::np_views::squeeze(arr, axes.as_deref());
        }
        nd(shape::squeeze(&t, axes.as_deref()))
    }
}

builtin! {
    /// Returns an array with axes transposed.
    python ["np.transpose"]
    fn transpose(it, a, axes = None) {
        let t = np_array(it, &a, None)?;
        let perm = match axes { Value::None => None, v => Some(int_list(it, &v, "axes")?) };
        if let Value::NdArray(arr) = &a {
            return super::np_views::transpose(arr, perm.as_deref());
        }
        nd(shape::transpose(&t, perm.as_deref()))
    }
}

builtin! {
    /// Gives a new shape to an array without changing its data.
    python ["np.reshape"]
    fn reshape(it, a, newshape) {
        let t = np_array(it, &a, None)?;
        let dims = int_list(it, &newshape, "newshape")?;
        if let Value::NdArray(arr) = &a {
            return super::np_views::reshape(arr, &dims);
        }
        nd(shape::reshape(&t, &dims))
    }
}

builtin! {
    /// Return a contiguous flattened array.
    python ["np.ravel"]
    fn ravel(it, a) {
        if let Value::NdArray(arr) = &a {
            return super::np_views::ravel(arr);
        }
        let t = np_array(it, &a, None)?;
        nd(Ok(shape::reshape_to(&t, &[t.size()])))
    }
}

/// `argmax` / `argmin`: over the flattened array when `axis` is None.
fn arg(it: &mut Interp, a: &Value, axis: &Value, max: bool) -> R<Value> {
    let t = np_array(it, a, None)?;
    if t.size() == 0 {
        return raise(
            ExcKind::ValueError,
            format!(
                "attempt to get {} of an empty sequence",
                if max { "argmax" } else { "argmin" }
            ),
        );
    }
    match axis_of(axis)? {
        Some(ax) => nd(reduce::arg_reduce(max, &t, ax, DType::I64)),
        None => {
            let flat = shape::reshape_to(&t, &[t.size()]);
            let r = reduce::arg_reduce(max, &flat, 0, DType::I64).map_err(np_err)?;
            Ok(Value::ndarray(shape::reshape_to(&r, &[])))
        }
    }
}

builtin! {
    /// Returns the indices of the maximum values along an axis.
    python ["np.argmax"]
    fn argmax(it, a, axis = None) { arg(it, &a, &axis, true) }
}

builtin! {
    /// Returns the indices of the minimum values along an axis.
    python ["np.argmin"]
    fn argmin(it, a, axis = None) { arg(it, &a, &axis, false) }
}

builtin! {
    /// Return elements chosen from `x` or `y` depending on `condition`.
    python ["np.where"]
    fn where_(it, condition, x = None, y = None) {
        let c = np_array(it, &condition, None)?;
        let c = if c.dtype() == DType::Bool { c } else { ew::compare(ew::Compare::NotEqual, &c, &Tensor::full(c.dtype(), &[], 0.0)).map_err(np_err)? };
        match (x, y) {
            (Value::None, Value::None) => {
                let idx = select::where_indices(&c);
                let cols = shape::unstack(&shape::transpose(&idx, None).map_err(np_err)?, 0).map_err(np_err)?;
                Ok(Value::tuple(cols.into_iter().map(|t| Value::ndarray(t.cast(DType::I64))).collect()))
            }
            (Value::None, _) | (_, Value::None) => raise(ExcKind::ValueError, "either both or neither of x and y should be given"),
            (x, y) => {
                let (a, b) = pair(it, &x, &y)?;
                let out = crate::tensor::broadcast::broadcast_shapes(a.shape(), b.shape())
                    .and_then(|s| crate::tensor::broadcast::broadcast_shapes(&s, c.shape()))
                    .ok_or_else(|| crate::eval::error::err(ExcKind::ValueError, "operands could not be broadcast together"))?;
                let a = shape::broadcast_to(&a, &out).map_err(np_err)?;
                let b = shape::broadcast_to(&b, &out).map_err(np_err)?;
                let c = shape::broadcast_to(&c, &out).map_err(np_err)?;
                nd(select::select(&c, &a, &b))
            }
        }
    }
}

builtin! {
    /// Clip (limit) the values in an array.
    python ["np.clip"]
    fn clip(it, a, a_min, a_max) {
        let mut t = np_array(it, &a, None)?;
        if !matches!(a_min, Value::None) {
            let (x, lo) = pair(it, &Value::ndarray(t.clone()), &a_min)?;
            t = ew::binary(Binary::Maximum, &x, &lo).map_err(np_err)?;
        }
        if !matches!(a_max, Value::None) {
            let (x, hi) = pair(it, &Value::ndarray(t.clone()), &a_max)?;
            t = ew::binary(Binary::Minimum, &x, &hi).map_err(np_err)?;
        }
        nd(Ok(t))
    }
}

builtin! {
    /// Evenly round to the given number of decimals.
    python ["np.round", "np.around", "np.round_"]
    fn round(it, a, decimals = 0) {
        let t = np_array(it, &a, None)?;
        let dec = i64_arg(&decimals, "decimals")?;
        if !t.dtype().is_float() {
            return nd(Ok(t));
        }
        let scale = 10f64.powi(dec as i32);
        let r = ew::map_f64(&t.cast(DType::F64), |x| {
            let y = x * scale;
            let r = y.round();
            // Half to even, as numpy's rint.
            let r = if (y - y.trunc()).abs() == 0.5 { 2.0 * (y / 2.0).round() } else { r };
            r / scale
        });
        nd(Ok(r.cast(t.dtype())))
    }
}

builtin! {
    /// Dot product of two arrays.
    python ["np.dot"]
    fn dot(it, a, b) {
        let (x, y) = pair(it, &a, &b)?;
        if x.ndim() == 0 || y.ndim() == 0 {
            return nd(ew::binary(Binary::Mul, &x, &y));
        }
        if x.ndim() == 1 && y.ndim() == 1 {
            let p = ew::binary(Binary::Mul, &x, &y).map_err(np_err)?;
            let s = reduce::reduce(Reduce::Sum, &p, None, false).map_err(np_err)?;
            return Ok(Value::ndarray(s));
        }
        np_matmul(&x, &y)
    }
}

/// `matmul` with numpy's handling of 1-D operands.
fn np_matmul(x: &Tensor, y: &Tensor) -> R<Value> {
    let xs = if x.ndim() == 1 {
        shape::reshape_to(x, &[1, x.size()])
    } else {
        x.clone()
    };
    let ys = if y.ndim() == 1 {
        shape::reshape_to(y, &[y.size(), 1])
    } else {
        y.clone()
    };
    let k1 = xs.shape()[xs.ndim() - 1];
    let k0 = ys.shape()[ys.ndim() - 2];
    if k1 != k0 {
        return raise(
            ExcKind::ValueError,
            format!("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {} is different from {})", k0, k1),
        );
    }
    let mut r = linalg::matmul(&xs, &ys, false, false).map_err(np_err)?;
    if x.ndim() == 1 {
        r = shape::squeeze(&r, Some(&[-2])).map_err(np_err)?;
    }
    if y.ndim() == 1 {
        r = shape::squeeze(&r, Some(&[-1])).map_err(np_err)?;
    }
    if r.ndim() == 0 {
        return Ok(Value::ndarray(r));
    }
    nd(Ok(r))
}

builtin! {
    /// Matrix product of two arrays.
    python ["np.matmul"]
    fn matmul(it, x1, x2) {
        let (x, y) = pair(it, &x1, &x2)?;
        if x.ndim() == 0 || y.ndim() == 0 {
            return raise(ExcKind::ValueError, "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)");
        }
        np_matmul(&x, &y)
    }
}

builtin! {
    /// Return the cumulative sum of the elements along a given axis.
    python ["np.cumsum"]
    fn cumsum(it, a, axis = None) { cumulative(it, &a, &axis, false) }
}

builtin! {
    /// Return the cumulative product of elements along a given axis.
    python ["np.cumprod"]
    fn cumprod(it, a, axis = None) { cumulative(it, &a, &axis, true) }
}

/// `cumsum` / `cumprod`: over the flattened array when `axis` is None.
fn cumulative(it: &mut Interp, a: &Value, axis: &Value, prod: bool) -> R<Value> {
    let t = super::numpy::accumulating(np_array(it, a, None)?);
    match axis_of(axis)? {
        Some(ax) => nd(reduce::cumulative(prod, &t, ax, false, false)),
        None => nd(reduce::cumulative(
            prod,
            &shape::reshape_to(&t, &[t.size()]),
            0,
            false,
            false,
        )),
    }
}

builtin! {
    /// Range of values (maximum - minimum) along an axis.
    python ["np.ptp"]
    fn ptp(it, a, axis = None, keepdims = False) {
        let t = np_array(it, &a, None)?;
        let axes = match axis { Value::None => None, v => Some(int_list(it, &v, "axis")?) };
        let keep = it.truthy(&keepdims)?;
        let hi = reduce::reduce(Reduce::Max, &t, axes.as_deref(), keep)?;
        let lo = reduce::reduce(Reduce::Min, &t, axes.as_deref(), keep)?;
        nd(ew::binary(Binary::Sub, &hi, &lo))
    }
}

builtin! {
    /// Return specified diagonals (of the first two axes' matrix, offset 0).
    python ["np.diagonal"]
    fn diagonal(it, a) {
        let t = np_array(it, &a, None)?;
        if t.ndim() < 2 {
            return raise(ExcKind::ValueError, "diag requires an array of at least two dimensions");
        }
        let n = t.shape()[0].min(t.shape()[1]);
        let flat: Vec<Tensor> = (0..n)
            .map(|i| strided_slice(&t, &[Index::Int(i as i64), Index::Int(i as i64)]))
            .collect::<Result<_, _>>()?;
        // numpy puts the diagonal last.
        let stacked = shape::stack(&flat, -1)?;
        nd(Ok(if t.ndim() == 2 { shape::reshape_to(&stacked, &[n]) } else { stacked }))
    }
}

builtin! {
    /// Return the sum along diagonals of the array.
    python ["np.trace"]
    fn trace(it, a) {
        let t = super::numpy::accumulating(np_array(it, &a, None)?);
        if t.ndim() < 2 {
            return raise(ExcKind::ValueError, "diag requires an array of at least two dimensions");
        }
        let n = t.shape()[0].min(t.shape()[1]);
        let mut sum = Tensor::zeros(t.dtype(), &t.shape()[2..]);
        for i in 0..n {
            let d = strided_slice(&t, &[Index::Int(i as i64), Index::Int(i as i64)])?;
            sum = ew::binary(Binary::Add, &sum, &d)?;
        }
        nd(Ok(sum))
    }
}

builtin! {
    /// Take elements from an array along an axis (the flattened array when axis is None).
    python ["np.take"]
    fn take(it, a, indices, axis = None) {
        let t = np_array(it, &a, None)?;
        let idx = np_array(it, &indices, None)?;
        if !idx.dtype().is_int() {
            return Err(type_err("Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'"));
        }
        let (src, ax) = match axis_of(&axis)? {
            Some(ax) => (t, ax),
            None => (shape::reshape_to(&t, &[t.size()]), 0),
        };
        let n = src.shape().get(if ax < 0 { (ax + src.ndim() as i64).max(0) as usize } else { ax as usize }).copied().unwrap_or(0) as i64;
        let fixed: Vec<i64> = idx.to_i64_vec();
        if let Some(bad) = fixed.iter().find(|&&i| i >= n || i < -n) {
            return Err(index_err(format!("index {bad} is out of bounds for axis {ax} with size {n}")));
        }
        let fixed: Vec<i64> = fixed.into_iter().map(|i| if i < 0 { i + n } else { i }).collect();
        let idx = Tensor::from_vec(idx.shape(), fixed);
        nd(select::gather(&src, &idx, ax))
    }
}

/// `var` and `std`: the mean squared deviation over `axis`, with `ddof`, as numpy's `_var`
/// computes it: in the array's float type (integers and bools in float64), the mean a sum
/// divided by the count, the deviations squared, their sum divided by `count - ddof`.
fn spread(
    it: &mut Interp,
    a: &Value,
    axis: &Value,
    ddof: &Value,
    keepdims: &Value,
    sqrt: bool,
) -> R<Value> {
    let t = np_array(it, a, None)?;
    let axes = match axis {
        Value::None => None,
        v => Some(int_list(it, v, "axis")?),
    };
    let ddof = f64_arg(ddof, "ddof")?;
    let keepdims = it.flag(Some(keepdims.clone()), false)?;
    let dtype = match t.dtype() {
        DType::F32 => DType::F32,
        _ => DType::F64,
    };
    let x = t.cast(dtype);
    let axes = axes.as_deref();
    let sum = reduce_numpy::np_reduce(Reduce::Sum, &x, axes, true).map_err(np_err)?;
    let n = (x.size() / sum.size().max(1)) as f64;
    let count = |v: f64| Tensor::from_f64s(dtype, &[], &[v]);
    let mean = ew::binary(Binary::Div, &sum, &count(n)).map_err(np_err)?;
    let d = ew::binary(Binary::Sub, &x, &mean).map_err(np_err)?;
    let d = ew::binary(Binary::Mul, &d, &d).map_err(np_err)?;
    let s = reduce_numpy::np_reduce(Reduce::Sum, &d, axes, keepdims).map_err(np_err)?;
    let v = ew::binary(Binary::Div, &s, &count((n - ddof).max(0.0))).map_err(np_err)?;
    let v = if sqrt {
        ew::unary(Unary::Sqrt, &v).map_err(np_err)?
    } else {
        v
    };
    if v.ndim() == 0 {
        return Ok(Value::ndarray(v));
    }
    nd(Ok(v))
}

builtin! {
    /// Compute the standard deviation along the specified axis.
    python ["np.std"]
    fn std(it, a, axis = None, dtype = None, out = None, ddof = 0, keepdims = False) { spread(it, &a, &axis, &ddof, &keepdims, true) }
}

builtin! {
    /// Compute the variance along the specified axis.
    python ["np.var"]
    fn var(it, a, axis = None, dtype = None, out = None, ddof = 0, keepdims = False) { spread(it, &a, &axis, &ddof, &keepdims, false) }
}

builtin! {
    /// Return a sorted copy of an array.
    python ["np.sort"]
    fn sort_(it, a, axis = -1) {
        let t = np_array(it, &a, None)?;
        match axis_of(&axis)? {
            Some(ax) => nd(sort::sort(&t, ax, false)),
            None => nd(sort::sort(&shape::reshape_to(&t, &[t.size()]), 0, false)),
        }
    }
}

builtin! {
    /// Returns the indices that would sort an array.
    python ["np.argsort"]
    fn argsort(it, a, axis = -1) {
        let t = np_array(it, &a, None)?;
        let r = match axis_of(&axis)? {
            Some(ax) => sort::argsort(&t, ax, false),
            None => sort::argsort(&shape::reshape_to(&t, &[t.size()]), 0, false),
        };
        nd(r.map(|r| r.cast(DType::I64)))
    }
}

/// Declares numpy's one-array elementwise functions (integers stay integers).
macro_rules! unaries {
    ($($(#[doc = $doc:literal])* [$path:literal] fn $name:ident => $op:expr, $float:expr;)*) => {$(
        builtin! {
            $(#[doc = $doc])*
            python [$path]
            fn $name(it, x) {
                let t = np_array(it, &x, None)?;
                let t = if $float && !t.dtype().is_float() { t.cast(DType::F64) } else { t };
                nd(ew::unary($op, &t))
            }
        }
    )*};
}

unaries! {
    /// Return the element-wise square of the input.
    ["np.square"] fn square => Unary::Square, false;
    /// Return the floor of the input, element-wise.
    ["np.floor"] fn floor => Unary::Floor, true;
    /// Return the ceiling of the input, element-wise.
    ["np.ceil"] fn ceil => Unary::Ceil, true;
    /// Returns an element-wise indication of the sign of a number.
    ["np.sign"] fn sign => Unary::Sign, false;
    /// Test element-wise for NaN and return result as a boolean array.
    ["np.isnan"] fn isnan => Unary::IsNan, true;
    /// Test element-wise for positive or negative infinity.
    ["np.isinf"] fn isinf => Unary::IsInf, true;
    /// Test element-wise for finiteness (not infinity and not Not a Number).
    ["np.isfinite"] fn isfinite => Unary::IsFinite, true;
    /// Calculate the exponential of all elements minus one.
    ["np.log1p"] fn log1p => Unary::Log1p, true;
}

/// `np.isposinf` / `np.isneginf`: where `x` is the infinity `inf` (never, for integers).
fn is_infinity(it: &mut Interp, x: &Value, inf: f64) -> R<Value> {
    let t = np_array(it, x, None)?;
    if !t.dtype().is_float() {
        return nd(Ok(Tensor::zeros(DType::Bool, t.shape())));
    }
    let inf = Tensor::from_f64s(t.dtype(), &[], &[inf]);
    nd(ew::compare(ew::Compare::Equal, &t, &inf))
}

builtin! {
    /// Test element-wise for positive infinity, return result as bool array.
    python ["np.isposinf"]
    fn isposinf(it, x, out = None) { is_infinity(it, &x, f64::INFINITY) }
}

builtin! {
    /// Test element-wise for negative infinity, return result as bool array.
    python ["np.isneginf"]
    fn isneginf(it, x, out = None) { is_infinity(it, &x, f64::NEG_INFINITY) }
}
