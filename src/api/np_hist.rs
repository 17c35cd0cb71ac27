//! `np.histogram`, `np.histogram_bin_edges` and `np.histogram2d` with numpy's arithmetic:
//! equal bins are numpy's `linspace` over the range (float32 data keeps float32 edges), a
//! value on the last edge falls in the last bin, counts are int64 (the weights' dtype
//! when weighted), and `density` divides by the bin widths and the total. `bins` may name
//! one of numpy's width estimators (`auto`, `fd`, `sturges`, ...), except `stone`.

use super::np_sets::{bincount_of, cmp_f64, flat, search};
use super::numpy::{nd, np_array, np_err};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::print::float::scalar_repr;
use crate::tensor::ops::reduce_numpy::pairwise;
use crate::tensor::{DType, Tensor};

/// numpy's `linspace(start, stop, num)` in float64: `start + i * step`, the last exactly
/// `stop`.
fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    let div = num.saturating_sub(1).max(1) as f64;
    let delta = stop - start;
    let step = delta / div;
    let mut y: Vec<f64> = (0..num)
        .map(|i| {
            let i = i as f64;
            if step == 0.0 {
                i / div * delta + start
            } else {
                i * step + start
            }
        })
        .collect();
    if num > 1 {
        y[num - 1] = stop;
    }
    y
}

/// A number as numpy's messages show it (`str()` of the scalar).
fn shown(v: f64, float: bool) -> String {
    if float {
        scalar_repr(v)
    } else {
        format!("{}", v as i64)
    }
}

/// `_get_outer_edges`: the range the equal bins span.
fn outer_edges(it: &mut Interp, a: &Tensor, range: &Value) -> R<(f64, f64)> {
    let (first, last) = match range {
        Value::None if a.size() == 0 => (0.0, 1.0),
        Value::None => {
            let v = a.to_f64_vec();
            // numpy's min and max are NaN when any element is.
            let (lo, hi) = if v.iter().any(|x| x.is_nan()) {
                (f64::NAN, f64::NAN)
            } else {
                v.iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
                        (l.min(x), h.max(x))
                    })
            };
            if !(lo.is_finite() && hi.is_finite()) {
                let fl = a.dtype().is_float();
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "autodetected range of [{}, {}] is not finite",
                        shown(lo, fl),
                        shown(hi, fl)
                    ),
                );
            }
            (lo, hi)
        }
        r => {
            let items = it.collect_items(r)?;
            if items.len() != 2 {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "too many values to unpack (expected 2, got {})",
                        items.len()
                    ),
                );
            }
            let lo = super::convert::f64_arg(&items[0], "range")?;
            let hi = super::convert::f64_arg(&items[1], "range")?;
            if lo > hi {
                return raise(
                    ExcKind::ValueError,
                    "max must be larger than min in range parameter.",
                );
            }
            if !(lo.is_finite() && hi.is_finite()) {
                let (l, h) = (it.repr(&items[0])?, it.repr(&items[1])?);
                return raise(
                    ExcKind::ValueError,
                    format!("supplied range of [{}, {}] is not finite", l, h),
                );
            }
            (lo, hi)
        }
    };
    Ok(if first == last {
        (first - 0.5, last + 0.5)
    } else {
        (first, last)
    })
}

/// The names `bins=` may give to have numpy estimate the bin width.
const ESTIMATORS: [&str; 7] = ["auto", "fd", "doane", "rice", "scott", "sqrt", "sturges"];

fn mean(x: &[f64]) -> f64 {
    pairwise(x) / x.len() as f64
}

fn std(x: &[f64]) -> f64 {
    let m = mean(x);
    let sq: Vec<f64> = x.iter().map(|v| (v - m) * (v - m)).collect();
    mean(&sq).sqrt()
}

fn ptp(x: &[f64]) -> f64 {
    let (lo, hi) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    hi - lo
}

/// numpy's linear-interpolation percentile of `x` at `q` (a fraction).
fn percentile(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len() as f64;
    let virtual_index = (n * q + (1.0 - q) - 1.0).clamp(0.0, n - 1.0);
    let below = virtual_index.floor();
    let gamma = virtual_index - below;
    let i = below as usize;
    let a = sorted[i];
    let b = sorted[(i + 1).min(sorted.len() - 1)];
    let diff = b - a;
    if gamma >= 0.5 {
        b - diff * (1.0 - gamma)
    } else {
        a + diff * gamma
    }
}

/// The bin width numpy's estimator `name` picks for the (non-empty) data.
fn bin_width(name: &str, x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let sturges = || ptp(x) / (n.log2() + 1.0);
    let fd = || {
        let mut s = x.to_vec();
        s.sort_by(|a, b| cmp_f64(*a, *b));
        let iqr = percentile(&s, 0.75) - percentile(&s, 0.25);
        2.0 * iqr * n.powf(-1.0 / 3.0)
    };
    match name {
        "sqrt" => ptp(x) / n.sqrt(),
        "sturges" => sturges(),
        "rice" => ptp(x) / (2.0 * n.powf(1.0 / 3.0)),
        "scott" => (24.0 * std::f64::consts::PI.sqrt() / n).powf(1.0 / 3.0) * std(x),
        "fd" => fd(),
        "doane" => {
            if x.len() <= 2 {
                return 0.0;
            }
            let sg1 = (6.0 * (n - 2.0) / ((n + 1.0) * (n + 3.0))).sqrt();
            let sigma = std(x);
            if sigma <= 0.0 {
                return 0.0;
            }
            let m = mean(x);
            let cubes: Vec<f64> = x.iter().map(|v| ((v - m) / sigma).powi(3)).collect();
            let g1 = mean(&cubes);
            ptp(x) / (1.0 + n.log2() + (1.0 + g1.abs() / sg1).log2())
        }
        _ => {
            let f = fd();
            let s = sturges();
            if f != 0.0 {
                f.min(s)
            } else {
                s
            }
        }
    }
}

/// The bin edges and, for equal bins, their range and count.
struct Bins {
    edges: Tensor,
    uniform: Option<(f64, f64, usize)>,
}

fn bin_edges(it: &mut Interp, a: &Tensor, bins: &Value, range: &Value, weighted: bool) -> R<Bins> {
    match bins {
        Value::Str(name) if &**name == "stone" => raise(
            ExcKind::NotImplementedError,
            "tensh does not have numpy's 'stone' bin estimator",
        ),
        Value::Str(name) => {
            if !ESTIMATORS.contains(&&**name) {
                return raise(
                    ExcKind::ValueError,
                    format!("{} is not a valid estimator for `bins`", it.repr(bins)?),
                );
            }
            if weighted {
                return Err(type_err(
                    "Automated estimation of the number of bins is not supported for weighted data",
                ));
            }
            let (first, last) = outer_edges(it, a, range)?;
            let mut x = a.to_f64_vec();
            if !matches!(range, Value::None) {
                x.retain(|&v| v >= first && v <= last);
            }
            let n = if x.is_empty() {
                1
            } else {
                let mut width = bin_width(name, &x);
                if width != 0.0 && !width.is_nan() {
                    if !a.dtype().is_float() && width < 1.0 {
                        width = 1.0;
                    }
                    ((last - first) / width).ceil().max(1.0) as i64
                } else {
                    1
                }
            };
            bin_edges(it, a, &Value::Int(n), range, false)
        }
        Value::Int(_) | Value::Bool(_) => {
            let n = super::convert::i64_arg(bins, "bins")?;
            if n < 1 {
                return raise(
                    ExcKind::ValueError,
                    "`bins` must be positive, when an integer",
                );
            }
            let (first, last) = outer_edges(it, a, range)?;
            let n = n as usize;
            crate::tensor::alloc::check(&[n + 1], DType::F64, "histogram").map_err(np_err)?;
            let d = if a.dtype() == DType::F32 {
                DType::F32
            } else {
                DType::F64
            };
            let edges = Tensor::from_f64s(d, &[n + 1], &linspace(first, last, n + 1));
            Ok(Bins {
                edges,
                uniform: Some((first, last, n)),
            })
        }
        Value::Float(_) => Err(type_err("`bins` must be an integer, a string, or an array")),
        b => {
            let e = np_array(it, b, None)?;
            if e.ndim() == 0 {
                if e.dtype().is_float() {
                    return Err(type_err("`bins` must be an integer, a string, or an array"));
                }
                return bin_edges(
                    it,
                    a,
                    &Value::Int(e.item_i64().unwrap_or(0)),
                    range,
                    weighted,
                );
            }
            if e.ndim() != 1 {
                return raise(ExcKind::ValueError, "`bins` must be 1d, when an array");
            }
            let v = e.to_f64_vec();
            if v.windows(2).any(|w| w[0] > w[1]) {
                return raise(
                    ExcKind::ValueError,
                    "`bins` must increase monotonically, when an array",
                );
            }
            Ok(Bins {
                edges: e,
                uniform: None,
            })
        }
    }
}

/// The counts (or summed weights) per bin, as numpy's `histogram` computes them.
fn counts(a: &Tensor, w: Option<&Tensor>, bins: &Bins) -> R<Vec<f64>> {
    let edges = bins.edges.to_f64_vec();
    let x = a.to_f64_vec();
    let wv = w.map(|w| w.to_f64_vec());
    if let Some((first, last, n)) = bins.uniform {
        let f32_edges = bins.edges.dtype() == DType::F32;
        let r = |v: f64| if f32_edges { v as f32 as f64 } else { v };
        let denom = r(last - first);
        let mut out = vec![0f64; n];
        for (k, &xi) in x.iter().enumerate() {
            if !(xi >= first && xi <= last) {
                continue;
            }
            let xi = r(xi);
            let f = r(r(r(xi - r(first)) / denom) * n as f64);
            let mut i = f as i64;
            if i == n as i64 {
                i -= 1;
            }
            if i >= 0 && xi < edges[i as usize] {
                i -= 1;
            }
            if i + 1 < edges.len() as i64 && i != n as i64 - 1 && xi >= edges[(i + 1) as usize] {
                i += 1;
            }
            let i = i.clamp(0, n as i64 - 1) as usize;
            out[i] += wv.as_ref().map_or(1.0, |w| w[k]);
        }
        return Ok(out);
    }
    // Edges given: cumulative counts at each edge, the last edge inclusive.
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&i, &j| cmp_f64(x[i], x[j]));
    let sorted: Vec<f64> = order.iter().map(|&i| x[i]).collect();
    let sorted_t = Tensor::from_vec(&[sorted.len()], sorted);
    let ne = edges.len();
    let e_t = flat(&bins.edges);
    let mut at = search(&sorted_t, &e_t, false)?;
    if let Some(last) = at.last_mut() {
        let tail = Tensor::from_f64s(bins.edges.dtype(), &[1], &[edges[ne - 1]]);
        *last = search(&sorted_t, &tail, true)?[0];
    }
    let cum: Vec<f64> = match &wv {
        None => at.iter().map(|&p| p as f64).collect(),
        Some(w) => {
            let mut cw = vec![0f64];
            let mut s = 0.0;
            for &i in &order {
                s += w[i];
                cw.push(s);
            }
            at.iter().map(|&p| cw[p]).collect()
        }
    };
    Ok(cum.windows(2).map(|c| c[1] - c[0]).collect())
}

/// `histogram`'s weights checked against `a` and flattened.
fn weights_of(it: &mut Interp, a: &Tensor, weights: &Value) -> R<Option<Tensor>> {
    match weights {
        Value::None => Ok(None),
        w => {
            let w = np_array(it, w, None)?;
            if w.shape() != a.shape() {
                return raise(
                    ExcKind::ValueError,
                    "weights should have the same shape as a.",
                );
            }
            Ok(Some(flat(&w)))
        }
    }
}

builtin! {
    /// Compute the histogram of a dataset.
    python ["np.histogram"]
    fn histogram(it, a, bins = 10, range = None, density = None, weights = None) {
        let x = np_array(it, &a, None)?;
        let w = weights_of(it, &x, &weights)?;
        let x = flat(&x);
        let b = bin_edges(it, &x, &bins, &range, w.is_some())?;
        let n = counts(&x, w.as_ref(), &b)?;
        let hist = if it.truthy(&density)? {
            let e = b.edges.to_f64_vec();
            let total = pairwise(&n);
            let v: Vec<f64> = n.iter().zip(e.windows(2)).map(|(c, w)| c / (w[1] - w[0]) / total).collect();
            Tensor::from_vec(&[v.len()], v)
        } else {
            let d = match &w {
                None => DType::I64,
                Some(w) if w.dtype() == DType::Bool => DType::Bool,
                Some(w) => w.dtype(),
            };
            Tensor::from_f64s(d, &[n.len()], &n)
        };
        Ok(Value::tuple(vec![nd(Ok(hist))?, Value::ndarray(b.edges)]))
    }
}

builtin! {
    /// Function to calculate only the edges of the bins used by the `histogram` function.
    python ["np.histogram_bin_edges"]
    fn histogram_bin_edges(it, a, bins = 10, range = None, weights = None) {
        let x = np_array(it, &a, None)?;
        let w = weights_of(it, &x, &weights)?;
        let b = bin_edges(it, &flat(&x), &bins, &range, w.is_some())?;
        Ok(Value::ndarray(b.edges))
    }
}

/// One axis of `histogram2d`: its edges, from a bin count or given edges.
fn axis_edges(
    it: &mut Interp,
    x: &Tensor,
    bins: &Value,
    range: &Value,
    i: usize,
) -> R<(Vec<f64>, DType)> {
    let e = np_array(it, bins, None)?;
    if e.ndim() == 0 {
        let n = e.item_f64().unwrap_or(0.0);
        if n < 1.0 {
            return raise(
                ExcKind::ValueError,
                format!("`bins[{}]` must be positive, when an integer", i),
            );
        }
        if e.dtype().is_float() {
            return Err(type_err(format!(
                "`bins[{}]` must be an integer, when a scalar",
                i
            )));
        }
        let (lo, hi) = outer_edges(it, x, range)?;
        let n = n as usize;
        crate::tensor::alloc::check(&[n + 1], DType::F64, "histogram2d").map_err(np_err)?;
        return Ok((linspace(lo, hi, n + 1), DType::F64));
    }
    if e.ndim() != 1 {
        return raise(
            ExcKind::ValueError,
            format!("`bins[{}]` must be a scalar or 1d array", i),
        );
    }
    let v = e.to_f64_vec();
    if v.windows(2).any(|w| w[0] > w[1]) {
        return raise(
            ExcKind::ValueError,
            format!(
                "`bins[{}]` must be monotonically increasing, when an array",
                i
            ),
        );
    }
    Ok((v, e.dtype()))
}

builtin! {
    /// Compute the bi-dimensional histogram of two data samples.
    python ["np.histogram2d"]
    fn histogram2d(it, x, y, bins = 10, range = None, density = None, weights = None) {
        let xs = flat(&np_array(it, &x, None)?);
        let ys = flat(&np_array(it, &y, None)?);
        if xs.size() != ys.size() {
            return raise(ExcKind::ValueError, "x and y must have the same length.");
        }
        // A pair gives each axis its own bins; a longer sequence is both axes' edges.
        let per_axis = match &bins {
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(&bins)?;
                if items.len() == 2 { items } else { vec![bins.clone(), bins.clone()] }
            }
            _ => vec![bins.clone(), bins.clone()],
        };
        let ranges = match &range {
            Value::None => vec![Value::None, Value::None],
            r => {
                let items = it.collect_items(r)?;
                if items.len() != 2 {
                    return raise(ExcKind::ValueError, "range argument must have one entry per dimension");
                }
                items
            }
        };
        let samples = [xs.to_f64_vec(), ys.to_f64_vec()];
        let mut edges = Vec::new();
        let mut dtypes = Vec::new();
        for (i, t) in [&xs, &ys].into_iter().enumerate() {
            let (e, d) = axis_edges(it, t, &per_axis[i], &ranges[i], i)?;
            edges.push(e);
            dtypes.push(d);
        }
        let w = match &weights {
            Value::None => None,
            w => Some(flat(&np_array(it, w, None)?)),
        };
        let nbin: Vec<usize> = edges.iter().map(|e| e.len() + 1).collect();
        let mut flat_idx = vec![0i64; xs.size()];
        for d in 0..2 {
            let e = &edges[d];
            let et = Tensor::from_vec(&[e.len()], e.clone());
            let st = Tensor::from_vec(&[samples[d].len()], samples[d].clone());
            let pos = search(&et, &st, true)?;
            for (k, p) in pos.into_iter().enumerate() {
                let p = if e.last() == Some(&samples[d][k]) { p - 1 } else { p };
                flat_idx[k] = flat_idx[k] * nbin[d] as i64 + p as i64;
            }
        }
        let total = nbin[0] * nbin[1];
        let idx_t = Tensor::from_vec(&[flat_idx.len()], flat_idx);
        let full = bincount_of(&idx_t, w.as_ref(), total)?.to_f64_vec();
        let (nx, ny) = (nbin[0] - 2, nbin[1] - 2);
        let mut hist: Vec<f64> = (0..nx)
            .flat_map(|i| (0..ny).map(move |j| (i, j)))
            .map(|(i, j)| full[(i + 1) * nbin[1] + j + 1])
            .collect();
        if it.truthy(&density)? {
            let s: f64 = (0..nx).map(|i| pairwise(&hist[i * ny..(i + 1) * ny])).sum();
            for i in 0..nx {
                for j in 0..ny {
                    let dx = edges[0][i + 1] - edges[0][i];
                    let dy = edges[1][j + 1] - edges[1][j];
                    hist[i * ny + j] = hist[i * ny + j] / dx / dy / s;
                }
            }
        }
        let out = |v: &Vec<f64>, d: DType| Value::ndarray(Tensor::from_f64s(d, &[v.len()], v));
        Ok(Value::tuple(vec![
            nd(Ok(Tensor::from_vec(&[nx, ny], hist)))?,
            out(&edges[0], dtypes[0]),
            out(&edges[1], dtypes[1]),
        ]))
    }
}
