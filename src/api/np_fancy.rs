//! numpy's advanced indexing, for reading an array: integer arrays and lists in a
//! subscript (`x[idx]`, `x[[0, 2]]`, `x[:, [1, 3]]`, `x[rows, cols]`), broadcast together,
//! with integers among them counted as advanced too, as numpy counts them. The result's
//! axes follow numpy's rule: the broadcast index shape replaces the indexed axes where
//! they are next to each other, and comes first where slices separate them. Boolean
//! arrays in a subscript with other items stand for their `nonzero()` indices.

use crate::api::convert::tensor_of;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::broadcast::{broadcast_shapes, shape_tuple};
use crate::tensor::ops::index::{strided_slice, Index};
use crate::tensor::ops::select::gather;
use crate::tensor::ops::shape::{broadcast_to, reshape_to};
use crate::tensor::{DType, Tensor};

/// One subscript item after sorting: a basic index, or integer indices for one axis.
enum Item {
    Basic(Index),
    Adv(Tensor),
}

/// Whether `v` makes a subscript advanced (an array of ints or bools, or a list).
fn is_advanced(v: &Value) -> bool {
    match v {
        Value::List(_) => true,
        Value::NdArray(t) => t.ndim() > 0,
        Value::Tensor(t) => t.ndim() > 0 && (t.dtype().is_int() || t.dtype() == DType::Bool),
        _ => false,
    }
}

/// `x[items]` for an array when some item is an integer or boolean array or a list;
/// None when the subscript is basic.
pub(crate) fn read(it: &mut Interp, t: &Tensor, items: &[Value]) -> R<Option<Tensor>> {
    if !items.iter().any(is_advanced) {
        return Ok(None);
    }
    // Every item as basic or advanced; booleans expand to one index array per axis.
    let mut sorted: Vec<Item> = Vec::new();
    for v in items {
        match v {
            Value::Int(_) | Value::Bool(_) => {
                let i = crate::api::convert::i64_arg(v, "index")?;
                sorted.push(Item::Adv(Tensor::scalar(i)));
            }
            Value::None => sorted.push(Item::Basic(Index::NewAxis)),
            Value::Ellipsis => sorted.push(Item::Basic(Index::Ellipsis)),
            Value::Slice(_) => sorted.push(Item::Basic(super::attrs::index_item(it, v)?)),
            Value::List(l) if l.borrow().is_empty() => {
                sorted.push(Item::Adv(Tensor::from_vec(&[0], Vec::<i64>::new())));
            }
            other if is_advanced(other) || tensor_of(other).is_some() => {
                let idx = crate::api::convert::to_tensor(it, other, None)?;
                if idx.dtype() == DType::Bool {
                    for axis_idx in nonzero(&idx) {
                        sorted.push(Item::Adv(axis_idx));
                    }
                } else if idx.dtype().is_int() {
                    sorted.push(Item::Adv(idx.cast(DType::I64)));
                } else {
                    return raise(
                        ExcKind::IndexError,
                        "arrays used as indices must be of integer (or boolean) type",
                    );
                }
            }
            _ => {
                return raise(
                    ExcKind::IndexError,
                    "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices",
                )
            }
        }
    }
    if sorted
        .iter()
        .any(|i| matches!(i, Item::Basic(Index::NewAxis)))
    {
        return raise(
            ExcKind::IndexError,
            "tensh does not combine numpy.newaxis (`None`) with index arrays yet",
        );
    }
    // Expand the ellipsis to full slices.
    let used = sorted
        .iter()
        .filter(|i| !matches!(i, Item::Basic(Index::Ellipsis)))
        .count();
    let ndim = t.ndim();
    if used > ndim {
        return raise(
            ExcKind::IndexError,
            format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                ndim, used
            ),
        );
    }
    let mut axes: Vec<Item> = Vec::with_capacity(ndim);
    let mut saw_ellipsis = false;
    for item in sorted {
        match item {
            Item::Basic(Index::Ellipsis) if !saw_ellipsis => {
                saw_ellipsis = true;
                for _ in 0..ndim - used {
                    axes.push(Item::Basic(Index::Slice(None, None, None)));
                }
            }
            Item::Basic(Index::Ellipsis) => {
                return raise(
                    ExcKind::IndexError,
                    "an index can only have a single ellipsis ('...')",
                )
            }
            other => axes.push(other),
        }
    }
    while axes.len() < ndim {
        axes.push(Item::Basic(Index::Slice(None, None, None)));
    }
    // The slices first, keeping every indexed axis whole.
    let basic: Vec<Index> = axes
        .iter()
        .map(|a| match a {
            Item::Basic(i) => i.clone(),
            Item::Adv(_) => Index::Slice(None, None, None),
        })
        .collect();
    let part = strided_slice(t, &basic)?;
    let shape = part.shape().to_vec();
    // The index arrays, bounds-checked and broadcast together.
    let mut adv_axes = Vec::new();
    let mut adv = Vec::new();
    let mut bshape: Vec<usize> = Vec::new();
    for a in &axes {
        if let Item::Adv(idx) = a {
            let Some(b) = broadcast_shapes(&bshape, idx.shape()) else {
                let shapes: String = axes
                    .iter()
                    .filter_map(|a| match a {
                        Item::Adv(i) => Some(format!("{} ", shape_tuple(i.shape()))),
                        Item::Basic(_) => None,
                    })
                    .collect();
                return raise(
                    ExcKind::IndexError,
                    format!(
                        "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
                        shapes
                    ),
                );
            };
            bshape = b;
        }
    }
    for (axis, a) in axes.iter().enumerate() {
        if let Item::Adv(idx) = a {
            let n = shape[axis] as i64;
            let mut v = idx.to_i64_vec();
            for x in v.iter_mut() {
                if *x < -n || *x >= n {
                    return raise(
                        ExcKind::IndexError,
                        format!(
                            "index {} is out of bounds for axis {} with size {}",
                            x, axis, n
                        ),
                    );
                }
                if *x < 0 {
                    *x += n;
                }
            }
            adv_axes.push(axis);
            adv.push(Tensor::from_vec(idx.shape(), v));
        }
    }
    let adv: Vec<Vec<i64>> = adv
        .iter()
        .map(|a| broadcast_to(a, &bshape).map(|b| b.to_i64_vec()))
        .collect::<Result<_, _>>()?;
    let count: usize = bshape.iter().product();
    let mut strides = vec![1usize; ndim];
    for d in (0..ndim.saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * shape[d + 1];
    }
    let adjacent = adv_axes.windows(2).all(|w| w[1] == w[0] + 1);
    let rest: Vec<usize> = (0..ndim).filter(|d| !adv_axes.contains(d)).collect();
    let (before, after): (Vec<usize>, Vec<usize>) = if adjacent {
        rest.iter().partition(|&&d| d < adv_axes[0])
    } else {
        (Vec::new(), rest.clone())
    };
    let dims_of = |ds: &[usize]| ds.iter().map(|&d| shape[d]).collect::<Vec<_>>();
    let mut out_shape = dims_of(&before);
    out_shape.extend(&bshape);
    out_shape.extend(dims_of(&after));
    let total: usize = out_shape.iter().product();
    crate::tensor::alloc::check(&out_shape, DType::I64, "getitem")?;
    let offsets_of = |ds: &[usize]| -> Vec<usize> {
        let mut offs = vec![0usize];
        for &d in ds {
            let mut next = Vec::with_capacity(offs.len() * shape[d]);
            for o in &offs {
                for i in 0..shape[d] {
                    next.push(o + i * strides[d]);
                }
            }
            offs = next;
        }
        offs
    };
    let pre = offsets_of(&before);
    let post = offsets_of(&after);
    let mut flat = Vec::with_capacity(total);
    for p in &pre {
        for b in 0..count {
            let a: usize = adv
                .iter()
                .zip(&adv_axes)
                .map(|(v, &ax)| v[b] as usize * strides[ax])
                .sum();
            for q in &post {
                flat.push((p + a + q) as i64);
            }
        }
    }
    let source = reshape_to(&part, &[part.size()]);
    let picked = gather(&source, &Tensor::from_vec(&[flat.len()], flat), 0)?;
    Ok(Some(reshape_to(&picked, &out_shape)))
}

/// `nonzero()` of a boolean array: one index array per axis.
fn nonzero(mask: &Tensor) -> Vec<Tensor> {
    let shape = mask.shape().to_vec();
    let flags: Vec<bool> = mask
        .cast(DType::I64)
        .to_i64_vec()
        .iter()
        .map(|&x| x != 0)
        .collect();
    let mut per_axis: Vec<Vec<i64>> = vec![Vec::new(); shape.len()];
    for (flat, &on) in flags.iter().enumerate() {
        if !on {
            continue;
        }
        let mut rem = flat;
        for d in (0..shape.len()).rev() {
            per_axis[d].push((rem % shape[d]) as i64);
            rem /= shape[d];
        }
    }
    per_axis
        .into_iter()
        .map(|v| Tensor::from_vec(&[v.len()], v))
        .collect()
}
