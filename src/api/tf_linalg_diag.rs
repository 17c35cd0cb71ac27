//! `tf.linalg`'s diagonal and band ops: `diag`, `diag_part`, `set_diag` (one diagonal or a
//! band of them, `k = (lower, upper)`, aligned `RIGHT_LEFT` and the other three ways),
//! `band_part`, `matrix_transpose` and `adjoint`. Each output element comes from one place
//! in an input or is padding, so the ops are index maps, and their gradients are the move
//! rule of `autodiff::select`.

use super::convert::to_tensor;
use crate::builtin;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::record_moves;
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::ops::shape;
use crate::tensor::Tensor;

/// Builds an output of `shape` whose element `o` is `sources[i][k]` for `map(o) =
/// Some((i, k))`, or `pad`; the dtype is the first source's.
fn gather_map(
    sources: &[Tensor],
    out_shape: &[usize],
    pad: f64,
    map: &dyn Fn(usize) -> Option<(usize, usize)>,
) -> Tensor {
    let flats: Vec<Vec<f64>> = sources
        .iter()
        .map(|t| t.contiguous().to_f64_vec())
        .collect();
    let n: usize = out_shape.iter().product();
    let vals: Vec<f64> = (0..n)
        .map(|o| match map(o) {
            Some((i, k)) => flats[i][k],
            None => pad,
        })
        .collect();
    Tensor::from_f64s(sources[0].dtype(), out_shape, &vals)
}

/// The length of diagonal `d` of an `m`×`n` matrix.
fn diag_len(m: usize, n: usize, d: i64) -> usize {
    let (m, n) = (m as i64, n as i64);
    (m + d.min(0)).min(n - d.max(0)).max(0) as usize
}

/// Where diagonal `d` starts in a row of `max_len` slots under `align`.
fn offset(align: &str, d: i64, len: usize, max_len: usize) -> usize {
    let right = if d >= 0 {
        align.starts_with("RIGHT")
    } else {
        align.ends_with("RIGHT")
    };
    if right {
        max_len - len
    } else {
        0
    }
}

/// `k` as `(lower, upper)`.
fn k_pair(it: &mut Interp, v: &Value) -> R<(i64, i64)> {
    let ks = super::convert::int_list(it, v, "k")?;
    Ok(match ks.as_slice() {
        [k] => (*k, *k),
        [lo, hi] => (*lo, *hi),
        _ => return Err(value_err("k must be a scalar or a pair of integers")),
    })
}

fn align_arg(v: &Value) -> R<String> {
    match v {
        Value::Str(s) if ["RIGHT_LEFT", "LEFT_RIGHT", "LEFT_LEFT", "RIGHT_RIGHT"].contains(&&**s) => Ok(s.to_string()),
        Value::Str(s) => Err(crate::tensor::error::invalid_arg(format!(
            "Value for attr 'align' of \"{}\" is not in the list of allowed values: \"LEFT_RIGHT\", \"RIGHT_LEFT\", \"LEFT_LEFT\", \"RIGHT_RIGHT\"",
            s
        ))
        .into()),
        other => Err(type_err(format!("Expected string for argument 'align' not {}.", other.type_name()))),
    }
}

/// `MatrixDiagV3`.
#[allow(clippy::too_many_arguments)]
fn matrix_diag(
    d: &Tensor,
    lo: i64,
    hi: i64,
    rows: i64,
    cols: i64,
    pad: &Tensor,
    align: &str,
    sfx: Option<&str>,
) -> TResult<Tensor> {
    let err = |m: String| op_error("MatrixDiagV3", "MatrixDiagV3", m, sfx);
    if lo > hi {
        return Err(err(format!(
            "lower_diag_index must not be larger than upper_diag_index: {} > {}",
            lo, hi
        )));
    }
    let nd = d.ndim();
    let num = (hi - lo + 1) as usize;
    if nd < 1 || (num > 1 && (nd < 2 || d.shape()[nd - 2] != num)) {
        return Err(err("diagonal must be at least 1-dim".into()));
    }
    let max_len = d.shape()[nd - 1];
    let min_rows = max_len as i64 - hi.min(0);
    let min_cols = max_len as i64 + lo.max(0);
    let (rows, cols) = match (rows, cols) {
        (-1, -1) => (min_rows.max(min_cols), min_rows.max(min_cols)),
        (-1, c) => (min_rows, c),
        (r, -1) => (r, min_cols),
        (r, c) => (r, c),
    };
    if !(rows == min_rows || cols == min_cols) {
        return Err(err("The number of rows or columns is not consistent with the specified d_lower, d_upper, and diagonal.".into()));
    }
    let (m, n) = (rows as usize, cols as usize);
    let lead = if num > 1 { nd - 2 } else { nd - 1 };
    let batch = d.shape()[..lead].to_vec();
    let mut out = batch.clone();
    out.extend([m, n]);
    let per = num * max_len;
    let padv = pad.item_f64().unwrap_or(0.0);
    let align = align.to_string();
    let map = move |o: usize| -> Option<(usize, usize)> {
        let (b, rest) = (o / (m * n), o % (m * n));
        let (i, j) = (rest / n, rest % n);
        let dd = j as i64 - i as i64;
        if dd < lo || dd > hi {
            return None;
        }
        let q = (hi - dd) as usize;
        let len = diag_len(m, n, dd);
        let p = i.min(j) + offset(&align, dd, len, max_len);
        (p < max_len).then_some((0, b * per + q * max_len + p))
    };
    let res = gather_map(std::slice::from_ref(d), &out, padv, &map);
    let out2 = out.clone();
    Ok(record_moves(&[d], res, move |xs| {
        Ok(gather_map(xs, &out2, -1.0, &map))
    }))
}

builtin! {
    /// Returns a batched diagonal tensor with given batched diagonal values.
    dispatch ["tf.linalg.diag"]
    fn diag(it, diagonal, name = "diag", k = 0, num_rows = -1, num_cols = -1, padding_value = 0, align = "RIGHT_LEFT") {
        let sfx = super::tf_linalg_decomp::suffix(&[&diagonal], &name);
        let d = to_tensor(it, &diagonal, None)?;
        let (lo, hi) = k_pair(it, &k)?;
        let rows = super::convert::i64_arg(&num_rows, "num_rows")?;
        let cols = super::convert::i64_arg(&num_cols, "num_cols")?;
        let pad = to_tensor(it, &padding_value, Some(d.dtype()))?;
        let align = align_arg(&align)?;
        Ok(Value::Tensor(matrix_diag(&d, lo, hi, rows, cols, &pad, &align, sfx.as_deref())?))
    }
}

/// `MatrixDiagPartV3`.
fn matrix_diag_part(
    t: &Tensor,
    lo: i64,
    hi: i64,
    pad: f64,
    align: &str,
    sfx: Option<&str>,
) -> TResult<Tensor> {
    let nd = t.ndim();
    if nd < 2 {
        return Err(op_error(
            "MatrixDiagPartV3",
            "MatrixDiagPartV3",
            format!(
                "input must be at least 2-dim, received shape: {}",
                shape_brackets(t.shape())
            ),
            sfx,
        ));
    }
    let (m, n) = (t.shape()[nd - 2], t.shape()[nd - 1]);
    if lo > hi {
        return Err(op_error(
            "MatrixDiagPartV3",
            "MatrixDiagPartV3",
            format!(
                "lower_diag_index must not be larger than upper_diag_index: {} > {}",
                lo, hi
            ),
            sfx,
        ));
    }
    let num = (hi - lo + 1) as usize;
    let max_len = (m as i64 + hi.min(0)).min(n as i64 - lo.max(0)).max(0) as usize;
    let mut out = t.shape()[..nd - 2].to_vec();
    if num > 1 {
        out.push(num);
    }
    out.push(max_len);
    let align = align.to_string();
    let map = move |o: usize| -> Option<(usize, usize)> {
        let b = o / (num * max_len);
        let rest = o % (num * max_len);
        let (q, p) = (rest / max_len, rest % max_len);
        let d = hi - q as i64;
        let len = diag_len(m, n, d);
        let off = offset(&align, d, len, max_len);
        if p < off || p - off >= len {
            return None;
        }
        let s = p - off;
        let (i, j) = if d >= 0 {
            (s, s + d as usize)
        } else {
            (s + (-d) as usize, s)
        };
        Some((0, b * m * n + i * n + j))
    };
    let res = gather_map(std::slice::from_ref(t), &out, pad, &map);
    let out2 = out.clone();
    Ok(record_moves(&[t], res, move |xs| {
        Ok(gather_map(xs, &out2, -1.0, &map))
    }))
}

builtin! {
    /// Returns the batched diagonal part of a batched tensor.
    dispatch ["tf.linalg.diag_part"]
    fn diag_part(it, input, name = "diag_part", k = 0, padding_value = 0, align = "RIGHT_LEFT") {
        let sfx = super::tf_linalg_decomp::suffix(&[&input], &name);
        let t = to_tensor(it, &input, None)?;
        let (lo, hi) = k_pair(it, &k)?;
        let pad = to_tensor(it, &padding_value, Some(t.dtype()))?.item_f64().unwrap_or(0.0);
        let align = align_arg(&align)?;
        Ok(Value::Tensor(matrix_diag_part(&t, lo, hi, pad, &align, sfx.as_deref())?))
    }
}

/// `MatrixSetDiagV3`: `t` with diagonals `lo..=hi` replaced by `d`.
pub(crate) fn set_diag_k(t: &Tensor, d: &Tensor, lo: i64, hi: i64, align: &str) -> TResult<Tensor> {
    let nd = t.ndim();
    let err = |m: String| op_error("MatrixSetDiagV3", "MatrixSetDiagV3", m, None);
    if nd < 2 {
        return Err(err(format!(
            "input must be at least 2-dim, received shape: {}",
            shape_brackets(t.shape())
        )));
    }
    let (m, n) = (t.shape()[nd - 2], t.shape()[nd - 1]);
    let num = (hi - lo + 1) as usize;
    let max_len = (m as i64 + hi.min(0)).min(n as i64 - lo.max(0)).max(0) as usize;
    let mut expected = t.shape()[..nd - 2].to_vec();
    if num > 1 {
        expected.push(num);
    }
    expected.push(max_len);
    if d.shape() != expected.as_slice() {
        return Err(err(format!(
            "Either first dimensions of diagonal don't match input.shape[:-2], or diagonal.shape[:-1] is not equal to the longests diagonal in range [lower_diag_index:upper_diag_index].\nInput shape: {}\nDiagonal shape: {}\nExpected diagonal shape: {}",
            shape_brackets(t.shape()),
            shape_brackets(d.shape()),
            shape_brackets(&expected)
        )));
    }
    let d = d.cast(t.dtype());
    let align = align.to_string();
    let map = move |o: usize| -> Option<(usize, usize)> {
        let (b, rest) = (o / (m * n), o % (m * n));
        let (i, j) = (rest / n, rest % n);
        let dd = j as i64 - i as i64;
        if dd < lo || dd > hi {
            return Some((0, o));
        }
        let q = (hi - dd) as usize;
        let len = diag_len(m, n, dd);
        let p = i.min(j) + offset(&align, dd, len, max_len);
        Some((1, b * num * max_len + q * max_len + p))
    };
    let shape_out = t.shape().to_vec();
    let res = gather_map(&[t.clone(), d.clone()], &shape_out, 0.0, &map);
    Ok(record_moves(&[t, &d], res, move |xs| {
        Ok(gather_map(xs, &shape_out, -1.0, &map))
    }))
}

/// `set_diag` of the main diagonal.
pub(crate) fn set_diag_of(t: &Tensor, d: &Tensor) -> TResult<Tensor> {
    set_diag_k(t, d, 0, 0, "RIGHT_LEFT")
}

builtin! {
    /// Returns a batched matrix tensor with new batched diagonal values.
    dispatch ["tf.linalg.set_diag"]
    fn set_diag(it, input, diagonal, name = "set_diag", k = 0, align = "RIGHT_LEFT") {
        let t = to_tensor(it, &input, None)?;
        let d = to_tensor(it, &diagonal, Some(t.dtype()))?;
        let (lo, hi) = k_pair(it, &k)?;
        let align = align_arg(&align)?;
        Ok(Value::Tensor(set_diag_k(&t, &d, lo, hi, &align)?))
    }
}

/// `MatrixBandPart`: entries more than `lower` below or `upper` above the diagonal zeroed
/// (a negative count keeps the whole triangle).
pub(crate) fn band_of(t: &Tensor, lower: i64, upper: i64) -> TResult<Tensor> {
    let nd = t.ndim();
    let err = |m: String| op_error("MatrixBandPart", "MatrixBandPart", m, None);
    if nd < 2 {
        return Err(err(format!(
            "input must be at least 2-dim, received shape: {}",
            shape_brackets(t.shape())
        )));
    }
    let (m, n) = (t.shape()[nd - 2], t.shape()[nd - 1]);
    if lower > m as i64 {
        return Err(err(format!(
            "num_lower must be negative or less or equal to number of rows ({}) got: {}",
            m, lower
        )));
    }
    if upper > n as i64 {
        return Err(err(format!(
            "num_upper must be negative or less or equal to number of columns ({}) got: {}",
            n, upper
        )));
    }
    let map = move |o: usize| -> Option<(usize, usize)> {
        let rest = o % (m * n);
        let (i, j) = ((rest / n) as i64, (rest % n) as i64);
        ((lower < 0 || i - j <= lower) && (upper < 0 || j - i <= upper)).then_some((0, o))
    };
    let s = t.shape().to_vec();
    let res = gather_map(std::slice::from_ref(t), &s, 0.0, &map);
    Ok(record_moves(&[t], res, move |xs| {
        Ok(gather_map(xs, &s, -1.0, &map))
    }))
}

builtin! {
    /// Copy a tensor setting everything outside a central band in each innermost matrix to zero.
    dispatch ["tf.linalg.band_part"]
    fn band_part(it, input, num_lower, num_upper, name = None) {
        let t = to_tensor(it, &input, None)?;
        let lower = super::convert::int_input(&num_lower, "num_lower")?;
        let upper = super::convert::int_input(&num_upper, "num_upper")?;
        Ok(Value::Tensor(band_of(&t, lower, upper)?))
    }
}

/// Swaps the last two axes.
/// The complex conjugate of a tensor value (real tensors are their own).
fn conjugated(v: Value) -> R<Value> {
    match v {
        Value::Tensor(t) => Ok(Value::Tensor(crate::tensor::ops::complex::conj(&t))),
        v => Ok(v),
    }
}

fn swap_last(it: &mut Interp, a: &Value) -> R<Value> {
    let t = to_tensor(it, a, None)?;
    if t.ndim() < 2 {
        let shown = it.str_of(&Value::ndarray(t.clone()))?;
        let dims: Vec<String> = t.shape().iter().map(|d| d.to_string()).collect();
        let shape_text = if dims.len() == 1 {
            format!("({},)", dims[0])
        } else {
            format!("({})", dims.join(", "))
        };
        return Err(value_err(format!(
            "Argument `a` should be a (batch) matrix with rank >= 2.  Received `a` = {} with shape: {}",
            shown, shape_text
        )));
    }
    let nd = t.ndim() as i64;
    let mut perm: Vec<i64> = (0..nd).collect();
    perm.swap(nd as usize - 1, nd as usize - 2);
    Ok(Value::Tensor(shape::transpose(&t, Some(&perm))?))
}

builtin! {
    /// Transposes last two dimensions of tensor `a`.
    dispatch ["tf.linalg.matrix_transpose", "tf.linalg.transpose"]
    fn matrix_transpose(it, a, name = "matrix_transpose", conjugate = False) {
        let swapped = swap_last(it, &a)?;
        if !it.truthy(&conjugate)? {
            return Ok(swapped);
        }
        conjugated(swapped)
    }
}

builtin! {
    /// Transposes the last two dimensions of and conjugates tensor `matrix`.
    dispatch ["tf.linalg.adjoint"]
    fn adjoint(it, matrix, name = None) {
        let swapped = swap_last(it, &matrix)?;
        conjugated(swapped)
    }
}
