//! Python's `statistics` module for int and float data: means, medians, modes, spreads.
//! Results follow CPython's types (an int mean of ints stays exact where Python's
//! Fraction arithmetic gives an int; otherwise a float).

use super::pyclass::module;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{type_err, Exception, Flow, R};
use crate::eval::value::{Args, Class, Value};
use crate::eval::Interp;
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

fn mean_of(x: &[f64]) -> f64 {
    // Sum exactly enough for typical data: Neumaier's compensated sum.
    let mut s = 0.0;
    let mut c = 0.0;
    for &v in x {
        let t = s + v;
        if s.abs() >= v.abs() {
            c += (s - t) + v;
        } else {
            c += (v - t) + s;
        }
        s = t;
    }
    (s + c) / x.len() as f64
}

builtin! {
    /// Return the sample arithmetic mean of data.
    python ["statistics.mean"]
    fn mean(it, data) {
        let (x, ints) = numbers(it, &data)?;
        if x.is_empty() {
            return Err(stats_error(it, "mean requires at least one data point"));
        }
        let m = mean_of(&x);
        Ok(if ints { num(m, true) } else { Value::Float(m) })
    }
}

builtin! {
    /// Convert data to floats and compute the arithmetic mean.
    python ["statistics.fmean"]
    fn fmean(it, data, weights = None) {
        let (x, _) = numbers(it, &data)?;
        if x.is_empty() {
            return Err(stats_error(it, "fmean requires at least one data point"));
        }
        if !matches!(weights, Value::None) {
            let (w, _) = numbers(it, &weights)?;
            let total: f64 = w.iter().sum();
            let s: f64 = x.iter().zip(&w).map(|(a, b)| a * b).sum();
            return Ok(Value::Float(s / total));
        }
        Ok(Value::Float(mean_of(&x)))
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

/// The sum of squared deviations and the mean used.
fn ss(x: &[f64], mu: Option<f64>) -> f64 {
    let m = mu.unwrap_or_else(|| mean_of(x));
    x.iter().map(|v| (v - m) * (v - m)).sum()
}

fn xbar(it: &mut Interp, v: &Value) -> R<Option<f64>> {
    let _ = it;
    Ok(match v {
        Value::None => None,
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        other => {
            return Err(type_err(format!(
                "can't convert type '{}' to numerator/denominator",
                other.type_name()
            )))
        }
    })
}

fn variance_of(
    it: &mut Interp,
    data: &Value,
    mu: &Value,
    sample: bool,
    name: &str,
) -> R<(f64, bool)> {
    let (x, ints) = numbers(it, data)?;
    let need = if sample { 2 } else { 1 };
    if x.len() < need {
        let msg = if sample {
            format!("{} requires at least two data points", name)
        } else {
            format!("{} requires at least one data point", name)
        };
        return Err(stats_error(it, &msg));
    }
    let mu = xbar(it, mu)?;
    let d = if sample { x.len() - 1 } else { x.len() } as f64;
    Ok((ss(&x, mu) / d, ints))
}

builtin! {
    /// Return the sample variance of data.
    python ["statistics.variance"]
    fn variance(it, data, xbar = None) {
        let (v, ints) = variance_of(it, &data, &xbar, true, "variance")?;
        Ok(num(v, ints))
    }
}

builtin! {
    /// Return the population variance of ``data``.
    python ["statistics.pvariance"]
    fn pvariance(it, data, mu = None) {
        let (v, ints) = variance_of(it, &data, &mu, false, "pvariance")?;
        Ok(num(v, ints))
    }
}

builtin! {
    /// Return the square root of the sample variance.
    python ["statistics.stdev"]
    fn stdev(it, data, xbar = None) {
        let (v, _) = variance_of(it, &data, &xbar, true, "stdev")?;
        Ok(Value::Float(v.sqrt()))
    }
}

builtin! {
    /// Return the square root of the population variance.
    python ["statistics.pstdev"]
    fn pstdev(it, data, mu = None) {
        let (v, _) = variance_of(it, &data, &mu, false, "pstdev")?;
        Ok(Value::Float(v.sqrt()))
    }
}
