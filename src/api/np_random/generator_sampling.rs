//! `Generator`'s sampling from a population as numpy 1.26 does it: `choice` (with
//! replacement by Lemire integers or, with `p`, by the cumulative sum and `searchsorted`;
//! without replacement by Floyd's algorithm with a hash set, a partial Fisher-Yates tail
//! for large populations, or rounds of weighted draws), `permutation`, and `shuffle`
//! (Fisher-Yates from the last element down, each partner by masked rejection).

use super::generator::{fill, np_size, Generator};
use super::sampling::{cdf_of, kahan, search_right, weighted_unique};
use super::Bits;
use crate::api::numpy::np_array;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};

/// `axis` of an array with `ndim` dimensions, negative counting from the end.
fn norm_axis(axis: i64, ndim: usize) -> R<usize> {
    let a = if axis < 0 { axis + ndim as i64 } else { axis };
    if a < 0 || a >= ndim as i64 {
        return raise(
            ExcKind::ValueError,
            format!(
                "axis {} is out of bounds for array of dimension {}",
                axis, ndim
            ),
        );
    }
    Ok(a as usize)
}

fn axis_arg(v: Option<Value>) -> R<i64> {
    match v {
        None => Ok(0),
        Some(v) => crate::api::convert::i64_arg(&v, "axis"),
    }
}

/// numpy's `_shuffle_int`: positions `n-1` down to `first` swapped with a Lemire-drawn
/// partner.
fn shuffle_int(g: &Generator, data: &mut [i64], first: usize) {
    let mut b = g.bits();
    for i in (first..data.len()).rev() {
        let j = b.bounded_u64(0, i as u64) as usize;
        data.swap(i, j);
    }
}

/// Fisher-Yates as numpy's `shuffle` runs it, partners by `random_interval`.
fn shuffle_slice<T>(it: &mut Interp, g: &Generator, v: &mut [T]) -> R<()> {
    for (k, i) in (1..v.len()).rev().enumerate() {
        if k % 65_536 == 0 {
            it.check_interrupt()?;
        }
        let j = g.bits().interval(i as u64) as usize;
        v.swap(i, j);
    }
    Ok(())
}

/// `size` distinct indices of `0..pop` without weights, as `choice(replace=False)` picks.
fn distinct(it: &mut Interp, g: &Generator, pop: usize, size: usize, shuffle: bool) -> R<Vec<i64>> {
    let cutoff = if shuffle { 50 } else { 20 };
    if pop > 10_000 && size > pop / cutoff {
        crate::tensor::alloc::check(&[pop], DType::I64, "choice")
            .map_err(crate::api::numpy::np_err)?;
        it.check_interrupt()?;
        let mut idx: Vec<i64> = (0..pop as i64).collect();
        shuffle_int(g, &mut idx, (pop - size).max(1));
        return Ok(idx[pop - size..].to_vec());
    }
    // Floyd's algorithm with an open-addressing set a power of two above 1.2 * size.
    let mut mask = (1.2 * size as f64) as u64;
    for s in [1, 2, 4, 8, 16, 32] {
        mask |= mask >> s;
    }
    let mut set = vec![u64::MAX; mask as usize + 1];
    let mut idx = vec![0i64; size];
    {
        let mut b = g.bits();
        for j in (pop - size)..pop {
            let val = b.bounded_u64(0, j as u64);
            let mut loc = (val & mask) as usize;
            while set[loc] != u64::MAX && set[loc] != val {
                loc = (loc + 1) & mask as usize;
            }
            let pick = if set[loc] == u64::MAX {
                set[loc] = val;
                val
            } else {
                let mut loc = (j as u64 & mask) as usize;
                while set[loc] != u64::MAX {
                    loc = (loc + 1) & mask as usize;
                }
                set[loc] = j as u64;
                j as u64
            };
            idx[j + size - pop] = pick as i64;
        }
    }
    if shuffle {
        shuffle_int(g, &mut idx, 1);
    }
    Ok(idx)
}

/// numpy's checks of `choice`'s `p`, giving the probabilities.
fn probabilities(it: &mut Interp, p: &Value, pop: usize) -> R<Vec<f64>> {
    let t = np_array(it, p, None)?;
    let mut atol = f64::EPSILON.sqrt();
    if t.dtype() == DType::F32 && p.as_ndarray().is_some() {
        atol = atol.max((f32::EPSILON as f64).sqrt());
    }
    let w = t.cast(DType::F64).to_f64_vec();
    if t.ndim() != 1 {
        return raise(ExcKind::ValueError, "p must be 1-dimensional");
    }
    if w.len() != pop {
        return raise(ExcKind::ValueError, "a and p must have same size");
    }
    let sum = kahan(&w);
    if sum.is_nan() {
        return raise(ExcKind::ValueError, "probabilities contain NaN");
    }
    if w.iter().any(|x| *x < 0.0) {
        return raise(ExcKind::ValueError, "probabilities are not non-negative");
    }
    if (sum - 1.0).abs() > atol {
        return raise(ExcKind::ValueError, "probabilities do not sum to 1");
    }
    Ok(w)
}

/// What `choice` samples from: a population size, an array, or a list of non-numbers.
enum Population {
    Range,
    Array(Tensor, usize),
    Items(Vec<Value>),
}

/// `Generator.choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)`.
pub(super) fn choice(it: &mut Interp, g: &Generator, args: Args) -> R<Value> {
    let [a, size, replace, p, axis, shuffle] = args.bind(
        "choice",
        [
            "a",
            "size=None",
            "replace=True",
            "p=None",
            "axis=0",
            "shuffle=True",
        ],
    )?;
    let a = a.unwrap_or(Value::None);
    let size = np_size(it, &size.unwrap_or(Value::None), DType::I64)?;
    let replace = it.truthy(&replace.unwrap_or(Value::Bool(true)))?;
    let shuffle = it.truthy(&shuffle.unwrap_or(Value::Bool(true)))?;
    let no_samples = size
        .as_ref()
        .is_some_and(|d| d.iter().product::<usize>() == 0);
    let not_int = |it: &mut Interp, a: &Value| -> R<Value> {
        let class = crate::eval::types::type_of(it, a.clone())?;
        let class = it.repr(&class)?;
        raise(
            ExcKind::ValueError,
            format!("a must be a sequence or an integer, not {}", class),
        )
    };
    let (pop, population) = match &a {
        Value::Int(_) | Value::Bool(_) => {
            let n = crate::api::convert::i64_arg(&a, "a")?;
            (n, Population::Range)
        }
        Value::Float(_) | Value::Str(_) | Value::None => return not_int(it, &a),
        Value::List(_) | Value::Tuple(_)
            if it
                .collect_items(&a)?
                .iter()
                .any(|x| matches!(x, Value::Str(_) | Value::None)) =>
        {
            let items = it.collect_items(&a)?;
            (items.len() as i64, Population::Items(items))
        }
        _ => {
            let t = np_array(it, &a, None)?;
            if t.ndim() == 0 {
                if t.dtype().is_float() || t.dtype() == DType::Bool {
                    return not_int(it, &a);
                }
                (t.item_i64().unwrap_or(0), Population::Range)
            } else {
                let ax = norm_axis(axis_arg(axis)?, t.ndim())?;
                (t.shape()[ax] as i64, Population::Array(t, ax))
            }
        }
    };
    if matches!(population, Population::Range) {
        if pop <= 0 && !no_samples {
            return raise(
                ExcKind::ValueError,
                "a must be a positive integer unless no samples are taken",
            );
        }
    } else if pop == 0 && !no_samples {
        return raise(
            ExcKind::ValueError,
            "a cannot be empty unless no samples are taken",
        );
    }
    let pop = pop.max(0) as usize;
    let p = match p {
        None | Some(Value::None) => None,
        Some(p) => Some(probabilities(it, &p, pop)?),
    };
    let dims = size.clone().unwrap_or_default();
    let n: usize = dims.iter().product();
    let idx: Vec<i64> = if replace {
        match &p {
            Some(w) => {
                let cdf = cdf_of(w);
                fill(it, g, n, |b, _| search_right(&cdf, b.next_double()) as i64)?
            }
            None => fill(it, g, n, |b, _| b.bounded_u64(0, pop as u64 - 1) as i64)?,
        }
    } else {
        if n > pop {
            return raise(
                ExcKind::ValueError,
                "Cannot take a larger sample than population when replace is False",
            );
        }
        match &p {
            Some(w) => {
                if w.iter().filter(|x| **x > 0.0).count() < n {
                    return raise(ExcKind::ValueError, "Fewer non-zero entries in p than size");
                }
                weighted_unique(w, n, |k| {
                    let mut b = g.bits();
                    (0..k).map(|_| b.next_double()).collect()
                })
            }
            None => distinct(it, g, pop, n, shuffle)?,
        }
    };
    match population {
        Population::Range => match size {
            None => Ok(Value::Int(idx[0])),
            Some(d) => Ok(Value::ndarray(Tensor::from_vec(&d, idx))),
        },
        Population::Items(items) => match size {
            None => Ok(items[idx[0] as usize].clone()),
            Some(_) => raise(
                ExcKind::NotImplementedError,
                "choice with a size over non-numbers needs string arrays, which tensh does not have yet",
            ),
        },
        Population::Array(t, ax) => {
            let mut shape = t.shape()[..ax].to_vec();
            shape.extend(&dims);
            shape.extend(&t.shape()[ax + 1..]);
            let index = Tensor::from_vec(&[idx.len()], idx);
            let picked = crate::tensor::ops::select::gather(&t, &index, ax as i64)
                .map_err(crate::api::numpy::np_err)?;
            Ok(Value::ndarray(crate::tensor::ops::shape::reshape_to(
                &picked, &shape,
            )))
        }
    }
}

/// `t` with its slices along `axis` in the order numpy's in-place `shuffle` leaves them.
pub(crate) fn shuffled(it: &mut Interp, g: &Generator, t: &Tensor, axis: usize) -> R<Tensor> {
    let n = t.shape()[axis];
    crate::tensor::alloc::check(&[n], DType::I64, "shuffle").map_err(crate::api::numpy::np_err)?;
    let mut order: Vec<i64> = (0..n as i64).collect();
    shuffle_slice(it, g, &mut order)?;
    let index = Tensor::from_vec(&[n], order);
    crate::tensor::ops::select::gather(t, &index, axis as i64).map_err(crate::api::numpy::np_err)
}

/// `Generator.permutation(x, axis=0)`: a shuffled copy, or a shuffled `arange(x)`.
pub(super) fn permutation(it: &mut Interp, g: &Generator, args: Args) -> R<Value> {
    let [x, axis] = args.bind("permutation", ["x", "axis=0"])?;
    let x = x.unwrap_or(Value::None);
    let t = match x {
        Value::Int(_) | Value::Bool(_) => {
            let n = crate::api::convert::i64_arg(&x, "x")?.max(0);
            crate::tensor::alloc::check(&[n as usize], DType::I64, "permutation")
                .map_err(crate::api::numpy::np_err)?;
            Tensor::from_vec(&[n as usize], (0..n).collect::<Vec<i64>>())
        }
        _ => np_array(it, &x, None)?,
    };
    let axis = norm_axis(axis_arg(axis)?, t.ndim())?;
    Ok(Value::ndarray(shuffled(it, g, &t, axis)?))
}

/// Puts shuffled contents back into the array `shuffle` was given.
fn write_in_place(x: &Value, contents: Tensor) -> R<Value> {
    if let Value::NdArray(a) = x {
        crate::api::np_views::replace(a, &contents)?;
    }
    Ok(Value::None)
}

/// `Generator.shuffle(x, axis=0)`: in place, for a list or an array.
pub(super) fn shuffle(it: &mut Interp, g: &Generator, args: Args) -> R<Value> {
    let [x, axis] = args.bind("shuffle", ["x", "axis=0"])?;
    let x = x.unwrap_or(Value::None);
    let axis = axis_arg(axis)?;
    if let Some(t) = x.as_ndarray() {
        if t.ndim() == 0 {
            return Err(type_err("len() of unsized object"));
        }
        let ax = norm_axis(axis, t.ndim())?;
        if t.size() == 0 {
            return Ok(Value::None);
        }
        let contents = shuffled(it, g, &t, ax)?;
        drop(t);
        return write_in_place(&x, contents);
    }
    let n = match &x {
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Str(s) => s.chars().count(),
        other => {
            return Err(type_err(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    };
    if axis != 0 {
        return raise(
            ExcKind::NotImplementedError,
            "Axis argument is only supported on ndarray objects",
        );
    }
    match &x {
        Value::List(l) => {
            let mut items = l.borrow().clone();
            shuffle_slice(it, g, &mut items)?;
            *l.borrow_mut() = items;
            Ok(Value::None)
        }
        other => {
            if n > 1 {
                // numpy draws the first partner before the assignment fails.
                g.bits().interval(n as u64 - 1);
                return Err(type_err(format!(
                    "'{}' object does not support item assignment",
                    other.type_name()
                )));
            }
            Ok(Value::None)
        }
    }
}
