//! numpy's set and counting functions: `unique` (with indices, inverse, counts and
//! `axis`), `union1d`, `intersect1d`, `setdiff1d`, `setxor1d`, `in1d`/`isin`,
//! `searchsorted`, `digitize` and `bincount`. Values are ordered as numpy sorts them (NaN
//! last, all NaNs one value in `unique`); results keep the inputs' common dtype.

use super::convert::i64_arg;
use super::np_funcs::promoted;
use super::numpy::{nd, np_array, np_err};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::{select, shape};
use crate::tensor::{DType, Tensor};
use std::cmp::Ordering;

/// An array's elements as sort keys: integers exactly, floats with NaN after everything.
pub(crate) enum Keys {
    Int(Vec<i64>),
    Float(Vec<f64>),
}

impl Keys {
    pub(crate) fn of(t: &Tensor) -> Keys {
        if t.dtype().is_float() {
            Keys::Float(t.to_f64_vec())
        } else {
            Keys::Int(t.to_i64_vec())
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Keys::Int(v) => v.len(),
            Keys::Float(v) => v.len(),
        }
    }

    /// numpy's sort order between elements `i` and `j`.
    pub(crate) fn cmp(&self, i: usize, j: usize) -> Ordering {
        match self {
            Keys::Int(v) => v[i].cmp(&v[j]),
            Keys::Float(v) => cmp_f64(v[i], v[j]),
        }
    }

    /// `==` between elements (NaN equals nothing).
    pub(crate) fn eq(&self, i: usize, j: usize) -> bool {
        match self {
            Keys::Int(v) => v[i] == v[j],
            Keys::Float(v) => v[i] == v[j],
        }
    }

    fn is_nan(&self, i: usize) -> bool {
        matches!(self, Keys::Float(v) if v[i].is_nan())
    }

    /// A stable argsort.
    pub(crate) fn argsort(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.len()).collect();
        idx.sort_by(|&i, &j| self.cmp(i, j));
        idx
    }
}

/// numpy's float order: NaN after every number.
pub(crate) fn cmp_f64(a: f64, b: f64) -> Ordering {
    a.partial_cmp(&b)
        .unwrap_or_else(|| a.is_nan().cmp(&b.is_nan()))
}

/// The array flattened.
pub(crate) fn flat(t: &Tensor) -> Tensor {
    shape::reshape_to(t, &[t.size()])
}

/// The elements of a 1-D array at `idx`, in that order.
pub(crate) fn take(t: &Tensor, idx: &[usize]) -> R<Tensor> {
    let ix = Tensor::from_vec(&[idx.len()], idx.iter().map(|&i| i as i64).collect());
    select::gather(t, &ix, 0).map_err(np_err)
}

fn index_array(v: &[usize]) -> Tensor {
    Tensor::from_vec(&[v.len()], v.iter().map(|&i| i as i64).collect())
}

/// Two arrays in their common dtype, flattened.
fn flat_pair(it: &mut Interp, a: &Value, b: &Value) -> R<(Tensor, Tensor)> {
    let x = np_array(it, a, None)?;
    let y = np_array(it, b, None)?;
    let d = promoted(x.dtype(), y.dtype());
    Ok((flat(&x.cast(d)), flat(&y.cast(d))))
}

/// `unique` of a flat array: the sorted distinct values with, per value, the index of its
/// first occurrence and its count, and per element the index of its value.
struct Unique {
    values: Tensor,
    first: Vec<usize>,
    inverse: Vec<usize>,
    counts: Vec<usize>,
}

fn unique1d(t: &Tensor) -> R<Unique> {
    unique_nan(t, true)
}

/// `unique1d`, with NaNs one value (`equal_nan`) or each its own.
fn unique_nan(t: &Tensor, equal_nan: bool) -> R<Unique> {
    let keys = Keys::of(t);
    let perm = keys.argsort();
    let (mut first, mut counts) = (Vec::new(), Vec::new());
    let mut inverse = vec![0usize; perm.len()];
    for (k, &i) in perm.iter().enumerate() {
        let new = k == 0 || {
            let p = perm[k - 1];
            !(keys.eq(p, i) || (equal_nan && keys.is_nan(p) && keys.is_nan(i)))
        };
        if new {
            first.push(i);
            counts.push(0);
        }
        *counts.last_mut().unwrap_or(&mut 0) += 1;
        inverse[i] = first.len() - 1;
    }
    Ok(Unique {
        values: take(t, &first)?,
        first,
        inverse,
        counts,
    })
}

/// `unique(ar, axis=k)`: the distinct slices along `k`, in lexicographic order.
fn unique_axis(t: &Tensor, axis: i64) -> R<Unique> {
    let n = t.ndim() as i64;
    if axis < -n || axis >= n {
        return raise(
            ExcKind::ValueError,
            format!(
                "axis {} is out of bounds for array of dimension {}",
                axis, n
            ),
        );
    }
    let ax = if axis < 0 { axis + n } else { axis } as usize;
    let mut perm: Vec<i64> = vec![ax as i64];
    perm.extend((0..n).filter(|&d| d != ax as i64));
    let moved = shape::transpose(t, Some(&perm))
        .map_err(np_err)?
        .contiguous();
    let rows = moved.shape()[0];
    let width = moved.size().checked_div(rows).unwrap_or(0);
    let keys = Keys::of(&moved);
    let row_cmp = |i: usize, j: usize| {
        (0..width)
            .map(|c| keys.cmp(i * width + c, j * width + c))
            .find(|o| *o != Ordering::Equal)
            .unwrap_or(Ordering::Equal)
    };
    let mut order: Vec<usize> = (0..rows).collect();
    order.sort_by(|&i, &j| row_cmp(i, j));
    let (mut first, mut counts) = (Vec::new(), Vec::new());
    let mut inverse = vec![0usize; rows];
    for (k, &i) in order.iter().enumerate() {
        if k == 0 || row_cmp(order[k - 1], i) != Ordering::Equal {
            first.push(i);
            counts.push(0);
        }
        *counts.last_mut().unwrap_or(&mut 0) += 1;
        inverse[i] = first.len() - 1;
    }
    let picked = select::gather(&moved, &index_array(&first), 0).map_err(np_err)?;
    // Move the axis back where it was.
    let back: Vec<i64> = (0..n)
        .map(|d| match (d as usize).cmp(&ax) {
            Ordering::Less => d + 1,
            Ordering::Equal => 0,
            Ordering::Greater => d,
        })
        .collect();
    let values = shape::transpose(&picked, Some(&back))
        .map_err(np_err)?
        .contiguous();
    Ok(Unique {
        values,
        first,
        inverse,
        counts,
    })
}

builtin! {
    /// Find the unique elements of an array.
    python ["np.unique"]
    fn unique(it, ar, return_index = False, return_inverse = False, return_counts = False, axis = None, *, equal_nan = True) {
        let t = np_array(it, &ar, None)?;
        let u = match axis {
            Value::None => unique_nan(&flat(&t), it.truthy(&equal_nan)?)?,
            a => unique_axis(&t, i64_arg(&a, "axis")?)?,
        };
        let mut out = vec![Value::ndarray(u.values)];
        if it.truthy(&return_index)? {
            out.push(Value::ndarray(index_array(&u.first)));
        }
        if it.truthy(&return_inverse)? {
            out.push(Value::ndarray(index_array(&u.inverse)));
        }
        if it.truthy(&return_counts)? {
            out.push(Value::ndarray(index_array(&u.counts)));
        }
        Ok(if out.len() == 1 { out.remove(0) } else { Value::tuple(out) })
    }
}

builtin! {
    /// Find the union of two arrays.
    python ["np.union1d"]
    fn union1d(it, ar1, ar2) {
        let (a, b) = flat_pair(it, &ar1, &ar2)?;
        let both = shape::concat(&[a, b], 0).map_err(np_err)?;
        Ok(Value::ndarray(unique1d(&both)?.values))
    }
}

builtin! {
    /// Find the intersection of two arrays.
    python ["np.intersect1d"]
    fn intersect1d(it, ar1, ar2, assume_unique = False, return_indices = False) {
        let (a, b) = flat_pair(it, &ar1, &ar2)?;
        let indices = it.truthy(&return_indices)?;
        let (a, b, ia, ib) = if it.truthy(&assume_unique)? {
            let (na, nb) = (a.size(), b.size());
            (a, b, (0..na).collect::<Vec<_>>(), (0..nb).collect::<Vec<_>>())
        } else {
            let (ua, ub) = (unique1d(&a)?, unique1d(&b)?);
            (ua.values, ub.values, ua.first, ub.first)
        };
        let na = a.size();
        let aux = shape::concat(&[a, b], 0).map_err(np_err)?;
        let keys = Keys::of(&aux);
        let order = keys.argsort();
        let mut vals = Vec::new();
        let (mut i1, mut i2) = (Vec::new(), Vec::new());
        for w in order.windows(2) {
            if keys.eq(w[0], w[1]) {
                vals.push(w[0]);
                i1.push(ia.get(w[0]).copied().unwrap_or(0));
                i2.push(ib.get(w[1].wrapping_sub(na)).copied().unwrap_or(0));
            }
        }
        let common = take(&aux, &vals)?;
        if !indices {
            return Ok(Value::ndarray(common));
        }
        Ok(Value::tuple(vec![
            Value::ndarray(common),
            Value::ndarray(index_array(&i1)),
            Value::ndarray(index_array(&i2)),
        ]))
    }
}

/// Whether each element of `a` is among those of `b` (NaN never is).
fn member(a: &Tensor, b: &Tensor) -> Vec<bool> {
    let n = a.size();
    let both = shape::concat(&[a.clone(), b.clone()], 0);
    let Ok(both) = both else {
        return vec![false; n];
    };
    let keys = Keys::of(&both);
    let mut sorted: Vec<usize> = (n..keys.len()).collect();
    sorted.sort_by(|&i, &j| keys.cmp(i, j));
    (0..n)
        .map(|i| {
            sorted
                .binary_search_by(|&j| keys.cmp(j, i))
                .is_ok_and(|p| keys.eq(sorted[p], i))
        })
        .collect()
}

fn bool_array(shape: &[usize], v: Vec<bool>) -> Tensor {
    Tensor::from_vec(shape, v)
}

builtin! {
    /// Test whether each element of a 1-D array is also present in a second array.
    python ["np.in1d"]
    fn in1d(it, ar1, ar2, assume_unique = False, invert = False, *, kind = None) {
        let _ = (assume_unique, kind);
        let (a, b) = flat_pair(it, &ar1, &ar2)?;
        let inv = it.truthy(&invert)?;
        let m: Vec<bool> = member(&a, &b).into_iter().map(|x| x != inv).collect();
        Ok(Value::ndarray(bool_array(&[m.len()], m)))
    }
}

builtin! {
    /// Calculates `element in test_elements`, broadcasting over `element` only.
    python ["np.isin"]
    fn isin(it, element, test_elements, assume_unique = False, invert = False, *, kind = None) {
        let _ = (assume_unique, kind);
        let shape_of = np_array(it, &element, None)?.shape().to_vec();
        let (a, b) = flat_pair(it, &element, &test_elements)?;
        let inv = it.truthy(&invert)?;
        let m: Vec<bool> = member(&a, &b).into_iter().map(|x| x != inv).collect();
        Ok(Value::ndarray(bool_array(&shape_of, m)))
    }
}

builtin! {
    /// Find the set difference of two arrays.
    python ["np.setdiff1d"]
    fn setdiff1d(it, ar1, ar2, assume_unique = False) {
        let x = np_array(it, &ar1, None)?;
        let (a, b) = flat_pair(it, &ar1, &ar2)?;
        let (a, b) = if it.truthy(&assume_unique)? {
            (a, b)
        } else {
            (unique1d(&a)?.values, unique1d(&b)?.values)
        };
        let keep: Vec<usize> = member(&a, &b)
            .iter()
            .enumerate()
            .filter(|(_, m)| !**m)
            .map(|(i, _)| i)
            .collect();
        nd(Ok(take(&a, &keep)?.cast(x.dtype())))
    }
}

builtin! {
    /// Find the set exclusive-or of two arrays.
    python ["np.setxor1d"]
    fn setxor1d(it, ar1, ar2, assume_unique = False) {
        let (a, b) = flat_pair(it, &ar1, &ar2)?;
        let (a, b) = if it.truthy(&assume_unique)? {
            (a, b)
        } else {
            (unique1d(&a)?.values, unique1d(&b)?.values)
        };
        let aux = shape::concat(&[a, b], 0).map_err(np_err)?;
        let keys = Keys::of(&aux);
        let order = keys.argsort();
        let n = order.len();
        let differs = |k: usize| k == 0 || k == n || !keys.eq(order[k - 1], order[k]);
        let keep: Vec<usize> = (0..n)
            .filter(|&k| differs(k) && differs(k + 1))
            .map(|k| order[k])
            .collect();
        Ok(Value::ndarray(take(&aux, &keep)?))
    }
}

/// Where each of `v` goes in the sorted `a` (`right`: after equal elements).
pub(crate) fn search(a: &Tensor, v: &Tensor, right: bool) -> R<Vec<usize>> {
    let d = promoted(a.dtype(), v.dtype());
    let (a, v) = (flat(&a.cast(d)), flat(&v.cast(d)));
    let n = a.size();
    let both = shape::concat(&[a, v], 0).map_err(np_err)?;
    let keys = Keys::of(&both);
    Ok((n..keys.len())
        .map(|q| {
            let (mut lo, mut hi) = (0usize, n);
            while lo < hi {
                let mid = (lo + hi) / 2;
                let o = keys.cmp(mid, q);
                let go_right = if right {
                    o != Ordering::Greater
                } else {
                    o == Ordering::Less
                };
                if go_right {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        })
        .collect())
}

fn side_right(side: &Value) -> R<bool> {
    match side {
        Value::Str(s) if s.starts_with(['l', 'L']) => Ok(false),
        Value::Str(s) if s.starts_with(['r', 'R']) => Ok(true),
        Value::Str(s) => raise(
            ExcKind::ValueError,
            format!("search side must be 'left' or 'right' (got '{}')", s),
        ),
        v => Err(type_err(format!(
            "search side must be str, not {}",
            v.type_name()
        ))),
    }
}

fn one_d(t: &Tensor) -> R<()> {
    match t.ndim() {
        1 => Ok(()),
        0 => raise(
            ExcKind::ValueError,
            "object of too small depth for desired array",
        ),
        _ => raise(ExcKind::ValueError, "object too deep for desired array"),
    }
}

builtin! {
    /// Find indices where elements should be inserted to maintain order.
    python ["np.searchsorted"]
    fn searchsorted(it, a, v, side = "left", sorter = None) {
        let right = side_right(&side)?;
        let mut a = np_array(it, &a, None)?;
        one_d(&a)?;
        if !matches!(sorter, Value::None) {
            let s = np_array(it, &sorter, None)?;
            let order: Vec<usize> = s.to_i64_vec().into_iter().map(|i| i.max(0) as usize).collect();
            if order.len() != a.size() {
                return raise(ExcKind::ValueError, "sorter.size must equal a.size");
            }
            if s.to_i64_vec().iter().any(|&i| i < 0 || i as usize >= a.size()) {
                return raise(ExcKind::ValueError, "Sorter index out of range.");
            }
            a = take(&a, &order)?;
        }
        let v = np_array(it, &v, None)?;
        let pos = search(&a, &v, right)?;
        let out: Vec<i64> = pos.into_iter().map(|p| p as i64).collect();
        nd(Ok(Tensor::from_vec(v.shape(), out)))
    }
}

builtin! {
    /// Return the indices of the bins to which each value in input array belongs.
    python ["np.digitize"]
    fn digitize(it, x, bins, right = False) {
        let x = np_array(it, &x, None)?;
        let b = np_array(it, &bins, None)?;
        one_d(&b)?;
        let keys = Keys::of(&b);
        let n = keys.len();
        let up = (1..n).all(|i| keys.cmp(i - 1, i) != Ordering::Greater);
        let down = (1..n).all(|i| keys.cmp(i - 1, i) != Ordering::Less);
        if !up && !down {
            return raise(ExcKind::ValueError, "bins must be monotonically increasing or decreasing");
        }
        let right = it.truthy(&right)?;
        let out: Vec<i64> = if up {
            search(&b, &x, !right)?.into_iter().map(|p| p as i64).collect()
        } else {
            let rev: Vec<usize> = (0..n).rev().collect();
            let r = take(&b, &rev)?;
            search(&r, &x, !right)?.into_iter().map(|p| (n - p) as i64).collect()
        };
        nd(Ok(Tensor::from_vec(x.shape(), out)))
    }
}

/// numpy's `bincount` of non-negative integers, with optional weights.
pub(crate) fn bincount_of(x: &Tensor, weights: Option<&Tensor>, minlength: usize) -> R<Tensor> {
    one_d(x)?;
    if x.dtype().is_float() {
        return Err(type_err(format!(
            "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
            x.dtype().name()
        )));
    }
    let xs = x.to_i64_vec();
    if xs.iter().any(|&i| i < 0) {
        return raise(
            ExcKind::ValueError,
            "'list' argument must have no negative elements",
        );
    }
    let len = xs
        .iter()
        .map(|&i| i as usize + 1)
        .max()
        .unwrap_or(0)
        .max(minlength);
    let out_dtype = if weights.is_some() {
        DType::F64
    } else {
        DType::I64
    };
    crate::tensor::alloc::check(&[len], out_dtype, "bincount").map_err(np_err)?;
    match weights {
        None => {
            let mut out = vec![0i64; len];
            for &i in &xs {
                out[i as usize] += 1;
            }
            Ok(Tensor::from_vec(&[len], out))
        }
        Some(w) => {
            one_d(w)?;
            let w = w.to_f64_vec();
            if w.len() != xs.len() {
                return raise(
                    ExcKind::ValueError,
                    "The weights and list don't have the same length.",
                );
            }
            let mut out = vec![0f64; len];
            for (&i, &wi) in xs.iter().zip(&w) {
                out[i as usize] += wi;
            }
            Ok(Tensor::from_vec(&[len], out))
        }
    }
}

builtin! {
    /// Count number of occurrences of each value in array of non-negative ints.
    python ["np.bincount"]
    fn bincount(it, x, weights = None, minlength = 0) {
        // A Python sequence converts to integers; a float array does not.
        let x = match crate::api::convert::tensor_of(&x) {
            Some(t) => t,
            None => {
                let t = np_array(it, &x, None)?;
                if t.dtype().is_float() { t.cast(DType::I64) } else { t }
            }
        };
        let w = match weights {
            Value::None => None,
            w => Some(np_array(it, &w, None)?),
        };
        let minlength = match minlength {
            Value::None => 0,
            m => i64_arg(&m, "minlength")?,
        };
        if minlength < 0 {
            return raise(ExcKind::ValueError, "'minlength' must not be negative");
        }
        nd(Ok(bincount_of(&x, w.as_ref(), minlength as usize)?))
    }
}
