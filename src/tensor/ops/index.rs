//! Python indexing of tensors (`x[1, ::2, tf.newaxis, ...]`): TensorFlow's strided slice,
//! done as a view on the shared buffer.

use crate::tensor::error::{op_error, TResult};
use crate::tensor::Tensor;
use crate::with_data;
use ndarray::{IxDyn, SliceInfo, SliceInfoElem};

#[derive(Clone, Debug, PartialEq)]
pub enum Index {
    Int(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    NewAxis,
    Ellipsis,
}

/// Python's start/stop/step for a dimension of length `n`, as the elements it picks:
/// (first index, count, step).
fn py_slice(n: usize, start: Option<i64>, stop: Option<i64>, step: i64) -> (i64, usize, i64) {
    let n = n as i64;
    let clip = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(x) => (if x < 0 { x + n } else { x }).clamp(lo, hi),
    };
    let (s, e) = if step > 0 {
        (clip(start, 0, 0, n), clip(stop, n, 0, n))
    } else {
        (clip(start, n - 1, -1, n - 1), clip(stop, -1, -1, n - 1))
    };
    let count = if step > 0 {
        if e > s {
            (e - s + step - 1) / step
        } else {
            0
        }
    } else if s > e {
        (s - e + (-step) - 1) / (-step)
    } else {
        0
    };
    (s, count as usize, step)
}

/// `t[items]`.
pub fn strided_slice(t: &Tensor, items: &[Index]) -> TResult<Tensor> {
    let kept = items.to_vec();
    crate::tensor::compile::capture::op(&[t], move |x| strided_slice_recorded(x[0], &kept))
}

fn strided_slice_recorded(t: &Tensor, items: &[Index]) -> TResult<Tensor> {
    let out = strided_slice_kernel(t, items)?;
    let items = items.to_vec();
    Ok(crate::tensor::autodiff::record_moves_first(
        &[t],
        out,
        move |x| strided_slice_kernel(x, &items),
    ))
}

/// The computation of `strided_slice`, before it is recorded for gradients.
fn strided_slice_kernel(t: &Tensor, items: &[Index]) -> TResult<Tensor> {
    let elems = resolve(t.shape(), items)?;
    let info = SliceInfo::<Vec<SliceInfoElem>, IxDyn, IxDyn>::try_from(elems).map_err(|_| {
        op_error(
            "StridedSlice",
            "StridedSlice",
            "invalid slice",
            Some("strided_slice/"),
        )
    })?;
    Ok(with_data!(&t.data, a => Tensor::from_shared(a.clone().slice_move(info.as_ref()))))
}

/// `items` over an array of `shape` as ndarray's slice elements, one per input axis (plus
/// new axes), with Python's bounds and negative indices resolved; errors as TF words them.
pub(crate) fn resolve(shape: &[usize], items: &[Index]) -> TResult<Vec<SliceInfoElem>> {
    let consumed = items
        .iter()
        .filter(|i| matches!(i, Index::Int(_) | Index::Slice(..)))
        .count();
    if consumed > shape.len() {
        return Err(op_error(
            "StridedSlice",
            "StridedSlice",
            format!(
                "Index out of range using input dim {}; input has only {} dims",
                shape.len(),
                shape.len()
            ),
            Some("strided_slice/"),
        ));
    }
    let mut elems: Vec<SliceInfoElem> = Vec::new();
    let mut dim = 0usize;
    let mut seen_ellipsis = false;
    for item in items {
        match item {
            Index::Ellipsis => {
                if seen_ellipsis {
                    return Err(op_error(
                        "StridedSlice",
                        "StridedSlice",
                        "Multiple ellipses in slice spec not allowed",
                        Some("strided_slice/"),
                    ));
                }
                seen_ellipsis = true;
                let fill = shape.len() - consumed;
                for _ in 0..fill {
                    elems.push(SliceInfoElem::Slice {
                        start: 0,
                        end: None,
                        step: 1,
                    });
                    dim += 1;
                }
            }
            Index::NewAxis => elems.push(SliceInfoElem::NewAxis),
            Index::Int(i) => {
                let n = shape[dim] as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return Err(op_error(
                        "StridedSlice",
                        "StridedSlice",
                        format!("slice index {} of dimension {} out of bounds.", i, dim),
                        Some("strided_slice/"),
                    ));
                }
                elems.push(SliceInfoElem::Index(j as isize));
                dim += 1;
            }
            Index::Slice(start, stop, step) => {
                let step = step.unwrap_or(1);
                if step == 0 {
                    return Err(op_error(
                        "StridedSlice",
                        "StridedSlice",
                        "slice step cannot be zero",
                        Some("strided_slice/"),
                    ));
                }
                let (s, count, step) = py_slice(shape[dim], *start, *stop, step);
                let e = if count == 0 {
                    SliceInfoElem::Slice {
                        start: 0,
                        end: Some(0),
                        step: 1,
                    }
                } else if step > 0 {
                    SliceInfoElem::Slice {
                        start: s as isize,
                        end: Some((s + step * (count as i64 - 1) + 1) as isize),
                        step: step as isize,
                    }
                } else {
                    // ndarray takes a negative step from the end of [lo, hi).
                    let last = s + step * (count as i64 - 1);
                    SliceInfoElem::Slice {
                        start: last as isize,
                        end: Some((s + 1) as isize),
                        step: step as isize,
                    }
                };
                elems.push(e);
                dim += 1;
            }
        }
    }
    while dim < shape.len() {
        elems.push(SliceInfoElem::Slice {
            start: 0,
            end: None,
            step: 1,
        });
        dim += 1;
    }
    Ok(elems)
}
