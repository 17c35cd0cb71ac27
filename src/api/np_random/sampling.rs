//! Sampling from a population as numpy's legacy generator does it: `choice` (with and
//! without replacement, with probabilities `p` through the cumulative sum and
//! `searchsorted`), `permutation` and `shuffle` (Fisher-Yates from the last element down,
//! each swap partner drawn by masked rejection).

use super::Bits;
use super::{size_arg, Shared};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};

/// `choice(a, size=None, replace=True, p=None)` as numpy's legacy generator draws it.
pub(super) fn choice(it: &mut Interp, g: &Shared, args: Args) -> R<Value> {
    let [a, size, replace, p] =
        args.bind("choice", ["a", "size=None", "replace=True", "p=None"])?;
    let a = a.unwrap_or(Value::None);
    let a_rest = [size.clone(), replace.clone(), p.clone()];
    let replace = it.truthy(&replace.unwrap_or(Value::Bool(true)))?;
    let (pop, values): (usize, Option<Tensor>) = match &a {
        Value::Int(n) => {
            if *n <= 0 {
                return raise(
                    ExcKind::ValueError,
                    "a must be greater than 0 unless no samples are taken",
                );
            }
            (*n as usize, None)
        }
        Value::List(_) | Value::Tuple(_) if !numeric_items(it, &a)? => {
            let items = it.collect_items(&a)?;
            if items.is_empty() {
                return raise(
                    ExcKind::ValueError,
                    "'a' cannot be empty unless no samples are taken",
                );
            }
            let Value::Int(i) =
                choice(it, g, args_with_a(Value::Int(items.len() as i64), &a_rest))?
            else {
                return raise(
                    ExcKind::NotImplementedError,
                    "np.random.choice with a size over non-numbers needs string arrays, which tensh does not have yet",
                );
            };
            return Ok(items[i as usize].clone());
        }
        other => {
            let t = crate::api::numpy::np_array(it, other, None)?;
            if t.ndim() != 1 {
                return raise(ExcKind::ValueError, "a must be 1-dimensional");
            }
            if t.size() == 0 {
                return raise(
                    ExcKind::ValueError,
                    "'a' cannot be empty unless no samples are taken",
                );
            }
            (t.size(), Some(t))
        }
    };
    let p = match p {
        None | Some(Value::None) => None,
        Some(pv) => {
            let t = crate::api::numpy::np_array(it, &pv, None)?;
            let w = t.to_f64_vec();
            if t.ndim() != 1 {
                return raise(ExcKind::ValueError, "'p' must be 1-dimensional");
            }
            if w.len() != pop {
                return raise(ExcKind::ValueError, "'a' and 'p' must have same size");
            }
            let sum = kahan(&w);
            if sum.is_nan() {
                return raise(ExcKind::ValueError, "probabilities contain NaN");
            }
            if w.iter().any(|x| *x < 0.0) {
                return raise(ExcKind::ValueError, "probabilities are not non-negative");
            }
            let mut atol = f64::EPSILON.sqrt();
            if t.dtype() == DType::F32 {
                atol = atol.max((f32::EPSILON as f64).sqrt());
            }
            if (sum - 1.0).abs() > atol {
                return raise(ExcKind::ValueError, "probabilities do not sum to 1");
            }
            Some(w)
        }
    };
    let scalar = matches!(size, None | Some(Value::None));
    let dims = size_arg(it, &size.unwrap_or(Value::None))?.unwrap_or_default();
    let n: usize = dims.iter().product();
    let idx: Vec<i64> = if replace {
        match &p {
            Some(w) => {
                let cdf = cdf_of(w);
                let mut r = g.borrow_mut();
                (0..if scalar { 1 } else { n })
                    .map(|_| search_right(&cdf, r.next_double()) as i64)
                    .collect()
            }
            None => {
                let mut r = g.borrow_mut();
                (0..if scalar { 1 } else { n })
                    .map(|_| r.bounded_u64(0, pop as u64 - 1) as i64)
                    .collect()
            }
        }
    } else {
        let want = if scalar { 1 } else { n };
        if want > pop {
            return raise(
                ExcKind::ValueError,
                "Cannot take a larger sample than population when 'replace=False'",
            );
        }
        match &p {
            Some(w) => {
                if w.iter().filter(|x| **x > 0.0).count() < want {
                    return raise(ExcKind::ValueError, "Fewer non-zero entries in p than size");
                }
                weighted_unique(w, want, |k| {
                    let mut r = g.borrow_mut();
                    (0..k).map(|_| r.next_double()).collect()
                })
            }
            None => {
                let perm = permutation_of(it, g, pop)?;
                perm[..want].to_vec()
            }
        }
    };
    let Some(values) = values else {
        if scalar {
            return Ok(Value::Int(idx[0]));
        }
        return Ok(Value::ndarray(Tensor::from_vec(&dims, idx)));
    };
    let index = Tensor::from_vec(&[idx.len()], idx);
    let picked = crate::tensor::ops::select::gather(&values, &index, 0)?;
    if scalar {
        // A numpy scalar of the array's dtype.
        let t = crate::tensor::ops::shape::reshape_to(&picked, &[]);
        return Ok(Value::ndarray(t));
    }
    Ok(Value::ndarray(crate::tensor::ops::shape::reshape_to(
        &picked, &dims,
    )))
}

/// Whether every item of a list is a number (numpy then makes a numeric array).
fn numeric_items(it: &mut Interp, a: &Value) -> R<bool> {
    Ok(it.collect_items(a)?.iter().all(|x| {
        matches!(
            x,
            Value::Int(_)
                | Value::Float(_)
                | Value::Bool(_)
                | Value::NdArray(_)
                | Value::Tensor(_)
                | Value::List(_)
                | Value::Tuple(_)
        )
    }))
}

/// `choice`'s arguments again with another `a`.
fn args_with_a(a: Value, rest: &[Option<Value>; 3]) -> Args {
    let mut args = Args::new(vec![a]);
    for (name, v) in ["size", "replace", "p"].iter().zip(rest) {
        if let Some(v) = v {
            args.kw.push((name.to_string(), v.clone()));
        }
    }
    args
}

/// `want` distinct indices drawn with weights `w` as numpy's `choice(replace=False, p=w)`
/// draws them: rounds of `uniforms(k)` for the `k` still missing, each round's new
/// indices kept in the order first drawn, the weights of those found zeroed.
pub(super) fn weighted_unique(
    w: &[f64],
    want: usize,
    mut uniforms: impl FnMut(usize) -> Vec<f64>,
) -> Vec<i64> {
    let mut w = w.to_vec();
    let mut found: Vec<i64> = Vec::new();
    while found.len() < want {
        let xs = uniforms(want - found.len());
        for f in &found {
            w[*f as usize] = 0.0;
        }
        let cdf = cdf_of(&w);
        let new: Vec<i64> = xs.iter().map(|x| search_right(&cdf, *x) as i64).collect();
        // np.unique(new, return_index=True), the first indices, in draw order.
        let mut firsts: Vec<(i64, usize)> = Vec::new();
        for (i, v) in new.iter().enumerate() {
            if !firsts.iter().any(|(u, _)| u == v) {
                firsts.push((*v, i));
            }
        }
        firsts.sort_by_key(|(_, i)| *i);
        found.extend(firsts.iter().map(|(v, _)| *v));
    }
    found.truncate(want);
    found
}

/// numpy's `kahan_sum` of the probabilities.
pub(super) fn kahan(w: &[f64]) -> f64 {
    let (mut sum, mut c) = (0.0f64, 0.0f64);
    for x in w {
        let y = x - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// `cumsum(w) / cumsum(w)[-1]`.
pub(super) fn cdf_of(w: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = w
        .iter()
        .map(|x| {
            acc += x;
            acc
        })
        .collect();
    let last = cdf.last().copied().unwrap_or(1.0);
    for c in &mut cdf {
        *c /= last;
    }
    cdf
}

/// `searchsorted(cdf, x, side='right')`.
pub(super) fn search_right(cdf: &[f64], x: f64) -> usize {
    cdf.partition_point(|c| *c <= x)
}

/// `arange(n)` shuffled by numpy's legacy Fisher-Yates.
fn permutation_of(it: &mut Interp, g: &Shared, n: usize) -> R<Vec<i64>> {
    crate::tensor::alloc::check(&[n], DType::I64, "permutation")
        .map_err(crate::api::numpy::np_err)?;
    let mut v: Vec<i64> = (0..n as i64).collect();
    shuffle_slice(it, g, &mut v)?;
    Ok(v)
}

fn shuffle_slice<T>(it: &mut Interp, g: &Shared, v: &mut [T]) -> R<()> {
    let n = v.len();
    for (k, i) in (1..n).rev().enumerate() {
        if k % 65_536 == 0 {
            it.check_interrupt()?;
        }
        let j = g.borrow_mut().interval(i as u64) as usize;
        v.swap(i, j);
    }
    Ok(())
}

pub(super) fn permutation(it: &mut Interp, g: &Shared, args: Args) -> R<Value> {
    let [x] = args.bind("permutation", ["x"])?;
    let x = x.unwrap_or(Value::None);
    if let Value::Int(n) = x {
        if n < 0 {
            return raise(ExcKind::ValueError, "negative dimensions are not allowed");
        }
        let v = permutation_of(it, g, n as usize)?;
        return Ok(Value::ndarray(Tensor::from_vec(&[v.len()], v)));
    }
    let t = crate::api::numpy::np_array(it, &x, None)?;
    if t.ndim() < 1 {
        return raise(
            ExcKind::IndexError,
            "x must be an integer or at least 1-dimensional",
        );
    }
    let idx = permutation_of(it, g, t.shape()[0])?;
    let index = Tensor::from_vec(&[idx.len()], idx);
    Ok(Value::ndarray(crate::tensor::ops::select::gather(
        &t, &index, 0,
    )?))
}

pub(super) fn shuffle(it: &mut Interp, g: &Shared, args: Args) -> R<Value> {
    let [x] = args.bind("shuffle", ["x"])?;
    match x.unwrap_or(Value::None) {
        Value::List(l) => {
            let mut items = l.borrow().clone();
            shuffle_slice(it, g, &mut items)?;
            *l.borrow_mut() = items;
            Ok(Value::None)
        }
        // Rows trade places in the same swaps as a list's items, as numpy does.
        Value::NdArray(a) => {
            let t = a.tensor();
            if t.ndim() == 0 {
                return Err(type_err("len() of unsized object"));
            }
            let idx = permutation_of(it, g, t.shape()[0])?;
            let index = Tensor::from_vec(&[idx.len()], idx);
            let rows = crate::tensor::ops::select::gather(&t, &index, 0)?;
            crate::api::np_views::replace(&a, &rows)?;
            Ok(Value::None)
        }
        other => Err(type_err(format!(
            "'{}' object does not support item assignment",
            other.type_name()
        ))),
    }
}
