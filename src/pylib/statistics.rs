//! Python's `statistics` module for int and float data: means, medians, modes, spreads,
//! quantiles. Means and variances are computed exactly, as CPython's Fraction arithmetic
//! computes them (see `statistics/exact.rs`), and rounded once; results follow CPython's
//! types (an int mean of ints stays an int when it is whole; otherwise a float).

mod exact;
mod more;

use super::pyclass::module;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{type_err, Exception, Flow, R};
use crate::eval::value::{Args, Class, Value};
use crate::eval::Interp;
use exact::Frac;
use num_bigint::BigInt;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Sets `statistics.StatisticsError` (a ValueError).
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "statistics");
    let err = Value::Class(Rc::new(Class {
        name: "StatisticsError".into(),
        bases: vec![Value::ExcClass(ExcKind::ValueError)],
        dict: RefCell::new(HashMap::new()),
    }));
    m.set("StatisticsError", err);
}

fn stats_error(it: &mut Interp, msg: &str) -> Flow {
    let class = match it.modules.get("statistics") {
        Some(Value::Module(m)) => m.get("StatisticsError"),
        _ => None,
    };
    let mut e = Exception::new(ExcKind::ValueError, msg);
    if let Some(c) = class {
        e.value = it.call(&c, Args::new(vec![Value::str(msg)])).ok();
    }
    Flow::Error(Box::new(e))
}

/// The data as numbers; all-int data is reported so results can stay ints.
fn numbers(it: &mut Interp, data: &Value) -> R<(Vec<f64>, bool)> {
    let items = it.collect_items(data)?;
    let mut out = Vec::with_capacity(items.len());
    let mut ints = true;
    for v in items {
        match v {
            Value::Int(i) => out.push(i as f64),
            Value::Bool(b) => out.push(b as i64 as f64),
            Value::Float(f) => {
                ints = false;
                out.push(f)
            }
            other => {
                return Err(type_err(format!(
                    "can't convert type '{}' to numerator/denominator",
                    other.type_name()
                )))
            }
        }
    }
    Ok((out, ints))
}

/// An exact-looking result: an int when the data were ints and the value is whole.
fn num(v: f64, ints: bool) -> Value {
    if ints && v.fract() == 0.0 && v.abs() < 9e15 {
        Value::Int(v as i64)
    } else {
        Value::Float(v)
    }
}

/// The data as exact fractions, and whether any was a float (CPython's result type);
/// None in place of the fractions when a value is infinite or nan.
fn fractions(it: &mut Interp, data: &Value) -> R<(Option<Vec<Frac>>, Vec<f64>, bool)> {
    let items = it.collect_items(data)?;
    let mut out = Some(Vec::with_capacity(items.len()));
    let mut floats = Vec::with_capacity(items.len());
    let mut is_float = false;
    for v in items {
        let (f, x) = match &v {
            Value::Int(i) => (Some(Frac::int(BigInt::from(*i))), *i as f64),
            Value::Bool(b) => (Some(Frac::int(BigInt::from(*b as i64))), *b as i64 as f64),
            Value::BigInt(b) => (
                Some(Frac::int(b.as_ref().clone())),
                crate::eval::bigint::to_f64(b)?,
            ),
            Value::Float(x) => {
                is_float = true;
                (Frac::float(*x), *x)
            }
            other => {
                return Err(type_err(format!(
                    "can't convert type '{}' to numerator/denominator",
                    other.type_name()
                )))
            }
        };
        floats.push(x);
        match (f, out.as_mut()) {
            (Some(f), Some(o)) => o.push(f),
            _ => out = None,
        }
    }
    Ok((out, floats, is_float))
}

fn frac_sum(xs: &[Frac]) -> Frac {
    xs.iter()
        .fold(Frac::int(BigInt::from(0)), |acc, x| acc.add(x))
}

/// CPython's `_convert`: an int when the data were ints and the value is whole.
fn convert(q: &Frac, is_float: bool) -> Value {
    if !is_float && q.is_int() {
        crate::eval::bigint::norm(q.num.clone())
    } else {
        Value::Float(q.to_f64())
    }
}

fn mean_of(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

builtin! {
    /// Return the sample arithmetic mean of data.
    python ["statistics.mean"]
    fn mean(it, data) {
        let (fr, x, is_float) = fractions(it, &data)?;
        if x.is_empty() {
            return Err(stats_error(it, "mean requires at least one data point"));
        }
        Ok(match fr {
            Some(fr) => {
                let n = Frac::int(BigInt::from(fr.len()));
                convert(&frac_sum(&fr).div(&n), is_float)
            }
            None => Value::Float(mean_of(&x)),
        })
    }
}

builtin! {
    /// Convert data to floats and compute the arithmetic mean.
    python ["statistics.fmean"]
    fn fmean(it, data, weights = None) {
        more::fmean(it, &data, &weights)
    }
}

fn sorted_data(it: &mut Interp, data: &Value, what: &str) -> R<(Vec<f64>, bool)> {
    let (mut x, ints) = numbers(it, data)?;
    if x.is_empty() {
        return Err(stats_error(it, &format!("no {} for empty data", what)));
    }
    x.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Ok((x, ints))
}

builtin! {
    /// Return the median (middle value) of numeric data.
    python ["statistics.median"]
    fn median(it, data) {
        let (x, ints) = sorted_data(it, &data, "median")?;
        let n = x.len();
        if n % 2 == 1 {
            return Ok(num(x[n / 2], ints));
        }
        let m = (x[n / 2 - 1] + x[n / 2]) / 2.0;
        // CPython averages the two middle values with `/`: always a float.
        Ok(Value::Float(m))
    }
}

builtin! {
    /// Return the low median of numeric data.
    python ["statistics.median_low"]
    fn median_low(it, data) {
        let (x, ints) = sorted_data(it, &data, "median")?;
        let n = x.len();
        Ok(num(if n % 2 == 1 { x[n / 2] } else { x[n / 2 - 1] }, ints))
    }
}

builtin! {
    /// Return the high median of data.
    python ["statistics.median_high"]
    fn median_high(it, data) {
        let (x, ints) = sorted_data(it, &data, "median")?;
        Ok(num(x[x.len() / 2], ints))
    }
}

/// The most common values, first-seen order, with their count.
fn modes(it: &mut Interp, data: &Value) -> R<Vec<Value>> {
    let items = it.collect_items(data)?;
    let mut seen: Vec<(Value, usize)> = Vec::new();
    for v in items {
        let mut found = false;
        for (k, c) in seen.iter_mut() {
            if it.equal(k, &v)? {
                *c += 1;
                found = true;
                break;
            }
        }
        if !found {
            seen.push((v, 1));
        }
    }
    let best = seen.iter().map(|(_, c)| *c).max().unwrap_or(0);
    Ok(seen
        .into_iter()
        .filter(|(_, c)| *c == best)
        .map(|(v, _)| v)
        .collect())
}

builtin! {
    /// Return the most common data point from discrete or nominal data.
    python ["statistics.mode"]
    fn mode(it, data) {
        match modes(it, &data)?.into_iter().next() {
            Some(v) => Ok(v),
            None => Err(stats_error(it, "no mode for empty data")),
        }
    }
}

builtin! {
    /// Return a list of the most frequently occurring values.
    python ["statistics.multimode"]
    fn multimode(it, data) {
        Ok(Value::list(modes(it, &data)?))
    }
}

/// CPython's `_ss`: the exact sum of squared deviations (from the mean, or from `c`
/// computed in Python arithmetic), whether the result is a float, and the count.
fn sum_squares(it: &mut Interp, data: &Value, c: &Value) -> R<(Option<Frac>, f64, bool, usize)> {
    let (fr, x, is_float) = fractions(it, data)?;
    let n = x.len();
    if !matches!(c, Value::None) {
        let (cf, c_float) = match c {
            Value::Int(i) => (Frac::int(BigInt::from(*i)), false),
            Value::Bool(b) => (Frac::int(BigInt::from(*b as i64)), false),
            Value::BigInt(b) => (Frac::int(b.as_ref().clone()), false),
            Value::Float(f) => match Frac::float(*f) {
                Some(f) => (f, true),
                None => return Ok((None, f64::NAN, true, n)),
            },
            other => {
                return Err(type_err(format!(
                    "unsupported operand type(s) for -: 'int' and '{}'",
                    other.type_name()
                )))
            }
        };
        let Some(fr) = fr else {
            return Ok((None, f64::NAN, true, n));
        };
        let floats = is_float || c_float;
        let cx = cf.to_f64();
        let mut terms = Vec::with_capacity(n);
        for (f, xf) in fr.iter().zip(&x) {
            if floats {
                let d = xf - cx;
                match Frac::float(d * d) {
                    Some(t) => terms.push(t),
                    None => return Ok((None, d * d, true, n)),
                }
            } else {
                let d = f.sub(&cf);
                terms.push(d.mul(&d));
            }
        }
        return Ok((Some(frac_sum(&terms)), 0.0, floats, n));
    }
    let Some(fr) = fr else {
        let m = mean_of(&x);
        return Ok((None, x.iter().map(|v| (v - m) * (v - m)).sum(), true, n));
    };
    if n == 0 {
        return Ok((Some(Frac::int(BigInt::from(0))), 0.0, is_float, 0));
    }
    let sx = frac_sum(&fr);
    let sxx = frac_sum(&fr.iter().map(|f| f.mul(f)).collect::<Vec<_>>());
    let count = Frac::int(BigInt::from(n));
    let ss = count.mul(&sxx).sub(&sx.mul(&sx)).div(&count);
    Ok((Some(ss), 0.0, is_float, n))
}

/// The variance (exact, or a float for non-finite data), its type, for `name`.
fn variance_of(
    it: &mut Interp,
    data: &Value,
    mu: &Value,
    sample: bool,
    name: &str,
) -> R<(Result<Frac, f64>, bool)> {
    let (ss, approx, is_float, n) = sum_squares(it, data, mu)?;
    let need = if sample { 2 } else { 1 };
    if n < need {
        let msg = if sample {
            format!("{} requires at least two data points", name)
        } else {
            format!("{} requires at least one data point", name)
        };
        return Err(stats_error(it, &msg));
    }
    let d = if sample { n - 1 } else { n };
    Ok(match ss {
        Some(ss) => (Ok(ss.div(&Frac::int(BigInt::from(d)))), is_float),
        None => (Err(approx / d as f64), true),
    })
}

builtin! {
    /// Return the sample variance of data.
    python ["statistics.variance"]
    fn variance(it, data, xbar = None) {
        let (v, is_float) = variance_of(it, &data, &xbar, true, "variance")?;
        Ok(match v {
            Ok(q) => convert(&q, is_float),
            Err(f) => Value::Float(f),
        })
    }
}

builtin! {
    /// Return the population variance of ``data``.
    python ["statistics.pvariance"]
    fn pvariance(it, data, mu = None) {
        let (v, is_float) = variance_of(it, &data, &mu, false, "pvariance")?;
        Ok(match v {
            Ok(q) => convert(&q, is_float),
            Err(f) => Value::Float(f),
        })
    }
}

builtin! {
    /// Return the square root of the sample variance.
    python ["statistics.stdev"]
    fn stdev(it, data, xbar = None) {
        let (v, _) = variance_of(it, &data, &xbar, true, "stdev")?;
        Ok(Value::Float(match v {
            Ok(q) => q.sqrt_f64(),
            Err(f) => f.sqrt(),
        }))
    }
}

builtin! {
    /// Return the square root of the population variance.
    python ["statistics.pstdev"]
    fn pstdev(it, data, mu = None) {
        let (v, _) = variance_of(it, &data, &mu, false, "pstdev")?;
        Ok(Value::Float(match v {
            Ok(q) => q.sqrt_f64(),
            Err(f) => f.sqrt(),
        }))
    }
}
