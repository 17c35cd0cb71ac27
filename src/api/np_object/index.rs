//! Indexing object arrays as numpy does: ints, slices, `...` and `None` per axis, and one
//! integer array (or list) or boolean mask; an index naming one element gives the element
//! itself, anything else a new object array. Item assignment takes the same keys.

use super::{obj_array, ObjArray};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::DType;

/// What one index entry picks along its axis.
enum Pick {
    /// One position: the axis goes away.
    One(usize),
    /// Several positions, the axis kept (a slice or an index array).
    Many(Vec<usize>),
    /// A new axis of length 1.
    New,
}

fn index_error(msg: String) -> R<Pick> {
    raise(ExcKind::IndexError, msg)
}

const ONLY: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

/// A position along an axis of length `n`, negative from the end.
fn position(i: i64, axis: usize, n: usize) -> R<usize> {
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return raise(
            ExcKind::IndexError,
            format!(
                "index {} is out of bounds for axis {} with size {}",
                i, axis, n
            ),
        );
    }
    Ok(j as usize)
}

fn slice_positions(it: &mut Interp, s: &[Value; 3], n: usize) -> R<Vec<usize>> {
    let part = |v: &Value| -> R<Option<i64>> {
        match v {
            Value::None => Ok(None),
            v => crate::api::convert::i64_arg(v, "slice").map(Some),
        }
    };
    let _ = it;
    let step = part(&s[2])?.unwrap_or(1);
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let n = n as i64;
    let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
        None => default,
        Some(v) if v < 0 => (v + n).max(lo),
        Some(v) => v.min(hi),
    };
    let mut out = Vec::new();
    if step > 0 {
        let start = clamp(part(&s[0])?, 0, 0, n);
        let stop = clamp(part(&s[1])?, n, 0, n);
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            i += step;
        }
    } else {
        let start = clamp(part(&s[0])?, n - 1, -1, n - 1);
        let stop = clamp(part(&s[1])?, -1, -1, n - 1);
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            i += step;
        }
    }
    Ok(out)
}

/// An index array's positions (ints, or a mask's true places).
fn array_positions(it: &mut Interp, v: &Value, axis: usize, n: usize) -> R<Pick> {
    let t = match v {
        Value::NdArray(a) => a.tensor(),
        Value::Tensor(t) => t.clone(),
        _ => {
            let items = it.collect_items(v)?;
            if items.is_empty() {
                return Ok(Pick::Many(vec![]));
            }
            if items.iter().all(|x| matches!(x, Value::Bool(_))) {
                crate::api::convert::to_tensor(it, v, Some(DType::Bool))?
            } else if items
                .iter()
                .all(|x| matches!(x, Value::Int(_) | Value::Bool(_)))
            {
                crate::api::convert::to_tensor(it, v, Some(DType::I64))?
            } else {
                return index_error(ONLY.into());
            }
        }
    };
    if t.ndim() != 1 {
        return raise(
            ExcKind::IndexError,
            "tensh indexes object arrays with one-dimensional index arrays only",
        );
    }
    if t.dtype() == DType::Bool {
        if t.size() != n {
            return index_error(format!(
                "boolean index did not match indexed array along dimension {}; dimension is {} but corresponding boolean dimension is {}",
                axis, n, t.size()
            ));
        }
        let picks = t
            .to_f64_vec()
            .iter()
            .enumerate()
            .filter(|(_, &b)| b != 0.0)
            .map(|(i, _)| i)
            .collect();
        return Ok(Pick::Many(picks));
    }
    if t.dtype().is_float() {
        return index_error(ONLY.into());
    }
    let mut picks = Vec::with_capacity(t.size());
    for i in t.to_f64_vec() {
        picks.push(position(i as i64, axis, n)?);
    }
    Ok(Pick::Many(picks))
}

/// The picks of a key, one per axis of `shape` (new axes included).
fn picks(it: &mut Interp, key: &Value, shape: &[usize]) -> R<Vec<Pick>> {
    let entries: Vec<Value> = match key {
        Value::Tuple(t) => t.to_vec(),
        k => vec![k.clone()],
    };
    let consumes = |v: &Value| !matches!(v, Value::None | Value::Ellipsis);
    let used = entries.iter().filter(|v| consumes(v)).count();
    if used > shape.len() {
        return raise(
            ExcKind::IndexError,
            format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                shape.len(),
                used
            ),
        );
    }
    let mut out = Vec::new();
    let mut axis = 0;
    let mut arrays = 0;
    for e in &entries {
        match e {
            Value::None => out.push(Pick::New),
            Value::Ellipsis => {
                let fill = shape.len() - used;
                for _ in 0..fill {
                    out.push(Pick::Many((0..shape[axis]).collect()));
                    axis += 1;
                }
            }
            Value::Int(i) => {
                out.push(Pick::One(position(*i, axis, shape[axis])?));
                axis += 1;
            }
            Value::Bool(_) => return raise(ExcKind::IndexError, ONLY),
            Value::Slice(s) => {
                out.push(Pick::Many(slice_positions(it, s, shape[axis])?));
                axis += 1;
            }
            Value::NdArray(a) if a.ndim() == 0 && !a.dtype().is_float() => {
                let i = a.tensor().item_i64().unwrap_or(0);
                out.push(Pick::One(position(i, axis, shape[axis])?));
                axis += 1;
            }
            Value::List(_) | Value::NdArray(_) | Value::Tensor(_) => {
                arrays += 1;
                if arrays > 1 {
                    return raise(
                        ExcKind::IndexError,
                        "tensh indexes object arrays with one index array at a time",
                    );
                }
                out.push(array_positions(it, e, axis, shape[axis])?);
                axis += 1;
            }
            _ => return raise(ExcKind::IndexError, ONLY),
        }
    }
    while axis < shape.len() {
        out.push(Pick::Many((0..shape[axis]).collect()));
        axis += 1;
    }
    Ok(out)
}

/// The flat positions a key selects and the shape of the result (None: one element).
fn select(it: &mut Interp, a: &ObjArray, key: &Value) -> R<(Vec<usize>, Option<Vec<usize>>)> {
    let ps = picks(it, key, &a.shape)?;
    let mut strides = vec![1usize; a.shape.len()];
    for d in (0..a.shape.len().saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * a.shape[d + 1];
    }
    let mut flat = vec![0usize];
    let mut shape = Vec::new();
    let mut axis = 0;
    let mut scalar = true;
    for p in &ps {
        match p {
            Pick::New => {
                shape.push(1);
                scalar = false;
            }
            Pick::One(i) => {
                for f in flat.iter_mut() {
                    *f += i * strides[axis];
                }
                axis += 1;
            }
            Pick::Many(is) => {
                scalar = false;
                shape.push(is.len());
                let mut next = Vec::with_capacity(flat.len() * is.len());
                for f in &flat {
                    for i in is {
                        next.push(f + i * strides[axis]);
                    }
                }
                flat = next;
                axis += 1;
            }
        }
    }
    Ok((flat, if scalar { None } else { Some(shape) }))
}

/// `a[key]`.
pub(super) fn get(it: &mut Interp, a: &ObjArray, key: &Value) -> R<Value> {
    let (flat, shape) = select(it, a, key)?;
    let items = a.items.borrow();
    match shape {
        None => Ok(items[flat[0]].clone()),
        Some(shape) => Ok(ObjArray::value(
            shape,
            flat.iter().map(|&f| items[f].clone()).collect(),
        )),
    }
}

/// `a[key] = value`: one value to every selected place, or a sequence of as many values
/// as places.
pub(super) fn set(it: &mut Interp, a: &ObjArray, key: &Value, value: Value) -> R<()> {
    let (flat, shape) = select(it, a, key)?;
    let values: Vec<Value> = match (&shape, &value) {
        (None, _) => vec![value],
        (Some(_), v) => {
            let seq = match obj_array(v) {
                Some(o) => Some(o.items.borrow().clone()),
                None => match v {
                    Value::List(_) | Value::Tuple(_) | Value::NdArray(_) => {
                        let nested = super::from_nested(it, v)?;
                        obj_array(&nested).map(|o| o.items.borrow().clone())
                    }
                    _ => None,
                },
            };
            match seq {
                Some(s) if s.len() == flat.len() => s,
                Some(s) if s.len() == 1 => vec![s[0].clone(); flat.len()],
                Some(s) => {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "could not broadcast input array from shape ({},) into shape ({},)",
                            s.len(),
                            flat.len()
                        ),
                    )
                }
                None => vec![value.clone(); flat.len()],
            }
        }
    };
    let mut items = a.items.borrow_mut();
    for (f, v) in flat.into_iter().zip(values) {
        items[f] = v;
    }
    Ok(())
}

/// The array with its axes in the order `perm` (a copy).
pub(super) fn permuted(a: &ObjArray, perm: &[usize]) -> Value {
    let shape: Vec<usize> = perm.iter().map(|&p| a.shape[p]).collect();
    let mut strides = vec![1usize; a.shape.len()];
    for d in (0..a.shape.len().saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * a.shape[d + 1];
    }
    let items = a.items.borrow();
    let n = items.len();
    let mut out = Vec::with_capacity(n);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..n {
        let f: usize = idx
            .iter()
            .enumerate()
            .map(|(d, &i)| i * strides[perm[d]])
            .sum();
        out.push(items[f].clone());
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    ObjArray::value(shape, out)
}
