//! Ops that move elements by position, built from the recorded views of `shape.rs` (so the
//! element-moving gradient rule covers them): `slice` (a box of a tensor), `roll` (cyclic
//! shifts along axes) and `diag_part` (the main diagonal of the last two axes).

use super::select::gather;
use super::shape::{concat, reshape_to, slice_axis};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::Tensor;

fn slice_err(message: String) -> crate::tensor::TfError {
    op_error("Slice", "Slice", message, None)
}

/// `tf.slice(input, begin, size)`: `size[i] == -1` takes the rest of axis `i`.
pub fn slice(t: &Tensor, begin: &[i64], size: &[i64]) -> TResult<Tensor> {
    let nd = t.ndim();
    if begin.len() != nd || size.len() != nd {
        return Err(slice_err(format!(
            "Expected begin and size arguments to be 1-D tensors of size {}, but got shapes [{}] and [{}] instead.",
            nd,
            begin.len(),
            size.len()
        )));
    }
    let mut ranges = Vec::with_capacity(nd);
    for i in 0..nd {
        let dim = t.shape()[i] as i64;
        let b = begin[i];
        let s = if size[i] == -1 { dim - b } else { size[i] };
        if dim == 0 {
            if b != 0 || s != 0 {
                return Err(slice_err(format!(
                    "Expected begin[{}] == 0 (got {}) and size[{}] == 0 (got {}) when input.dim_size({}) == 0",
                    i, b, i, s, i
                )));
            }
        } else {
            if b < 0 || b > dim {
                return Err(slice_err(format!(
                    "Expected begin[{}] in [0, {}], but got {}",
                    i, dim, b
                )));
            }
            if s < 0 || b + s > dim {
                return Err(slice_err(format!(
                    "Expected size[{}] in [0, {}], but got {}",
                    i,
                    dim - b,
                    s
                )));
            }
        }
        ranges.push((b as usize, (b + s) as usize));
    }
    let mut out = t.clone();
    for (ax, (lo, hi)) in ranges.into_iter().enumerate() {
        if lo != 0 || hi != t.shape()[ax] {
            out = slice_axis(&out, ax, lo, hi);
        }
    }
    Ok(out)
}

fn roll_err(message: String) -> crate::tensor::TfError {
    op_error("Roll", "Roll", message, Some(""))
}

/// `tf.roll(input, shift, axis)`: shifts along the same axis add up.
pub fn roll(t: &Tensor, shift: &[i64], axis: &[i64]) -> TResult<Tensor> {
    if shift.len() != axis.len() {
        return Err(op_error(
            "Roll",
            "Roll",
            "shift and axis must have the same size",
            None,
        ));
    }
    let nd = t.ndim() as i64;
    let mut total = vec![0i64; t.ndim()];
    for (&s, &a) in shift.iter().zip(axis) {
        let ax = if a < 0 { a + nd } else { a };
        if ax < 0 || ax >= nd {
            return Err(roll_err(format!("axis {} is out of range", a)));
        }
        total[ax as usize] += s;
    }
    let mut out = t.clone();
    for (ax, s) in total.into_iter().enumerate() {
        let n = t.shape()[ax] as i64;
        if n == 0 {
            continue;
        }
        let s = s.rem_euclid(n) as usize;
        if s == 0 {
            continue;
        }
        let n = n as usize;
        let tail = slice_axis(&out, ax, n - s, n);
        let head = slice_axis(&out, ax, 0, n - s);
        out = concat(&[tail, head], ax as i64)?;
    }
    Ok(out)
}

/// The main diagonal of the last two axes (`tf.linalg.diag_part`), of length min(rows, cols).
pub fn diag_part(t: &Tensor) -> TResult<Tensor> {
    let nd = t.ndim();
    if nd < 2 {
        return Err(op_error(
            "MatrixDiagPartV3",
            "MatrixDiagPartV3",
            format!(
                "input must be at least 2-dim, received shape: {}",
                shape_brackets(t.shape())
            ),
            Some("diag_part"),
        ));
    }
    let (rows, cols) = (t.shape()[nd - 2], t.shape()[nd - 1]);
    let mut flat_shape = t.shape()[..nd - 2].to_vec();
    flat_shape.push(rows * cols);
    let flat = reshape_to(t, &flat_shape);
    let k = rows.min(cols);
    let idx = Tensor::from_vec(&[k], (0..k).map(|i| (i * cols + i) as i64).collect());
    gather(&flat, &idx, -1)
}
