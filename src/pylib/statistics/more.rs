//! `statistics`' float means and cut points: `fmean` (with weights), `geometric_mean`,
//! `harmonic_mean` (exact sums, as CPython's) and `quantiles` (interpolated in Python's own
//! int and float arithmetic, so ints give what `/` gives).

use super::exact::Frac;
use super::{convert, frac_sum, fractions, numbers, stats_error};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Value;
use crate::eval::Interp;
use crate::syntax::ast::BinOp;
use num_bigint::BigInt;

/// `fmean(data, weights=None)`: `fsum(data) / n`, or the weighted `fsum`s' ratio.
pub(super) fn fmean(it: &mut Interp, data: &Value, weights: &Value) -> R<Value> {
    let (x, _) = numbers(it, data)?;
    if matches!(weights, Value::None) {
        let total = crate::pylib::math::fsum_values(&x)?;
        if x.is_empty() {
            return Err(stats_error(it, "fmean requires at least one data point"));
        }
        return Ok(Value::Float(total / x.len() as f64));
    }
    let (w, _) = numbers(it, weights)?;
    let products: Vec<f64> = x.iter().zip(&w).map(|(a, b)| a * b).collect();
    let num = crate::pylib::math::fsum_values(&products)?;
    if x.len() != w.len() {
        return Err(stats_error(it, "data and weights must be the same length"));
    }
    let den = crate::pylib::math::fsum_values(&w)?;
    if den == 0.0 {
        return Err(stats_error(it, "sum of weights must be non-zero"));
    }
    Ok(Value::Float(num / den))
}

builtin! {
    /// Convert data to floats and compute the geometric mean.
    python ["statistics.geometric_mean"]
    fn geometric_mean(it, data) {
        let (x, _) = numbers(it, &data)?;
        if x.is_empty() || x.iter().any(|v| *v <= 0.0 || v.is_nan()) {
            return Err(stats_error(
                it,
                "geometric mean requires a non-empty dataset containing positive numbers",
            ));
        }
        let logs: Vec<f64> = x.iter().map(|v| v.ln()).collect();
        let total = crate::pylib::math::fsum_values(&logs)?;
        Ok(Value::Float((total / logs.len() as f64).exp()))
    }
}

const NEGATIVE: &str = "harmonic mean does not support negative values";

builtin! {
    /// Return the harmonic mean of data.
    python ["statistics.harmonic_mean"]
    fn harmonic_mean(it, data, weights = None) {
        let items = it.collect_items(&data)?;
        let n = items.len();
        if n < 1 {
            return Err(stats_error(it, "harmonic_mean requires at least one data point"));
        }
        let (xf, x, _) = fractions(it, &Value::list(items.clone()))?;
        if n == 1 && matches!(weights, Value::None) {
            if x[0] < 0.0 {
                return Err(stats_error(it, NEGATIVE));
            }
            return Ok(items[0].clone());
        }
        let (ws, sum_weights): (Vec<Value>, Frac) = match &weights {
            Value::None => (vec![Value::Int(1); n], Frac::int(BigInt::from(n))),
            w => {
                let ws = it.collect_items(w)?;
                if ws.len() != n {
                    return Err(stats_error(it, "Number of weights does not match data size"));
                }
                let (wf, wx, _) = fractions(it, &Value::list(ws.clone()))?;
                if wx.iter().any(|v| *v < 0.0) {
                    return Err(stats_error(it, NEGATIVE));
                }
                let total = match wf {
                    Some(wf) => frac_sum(&wf),
                    None => return Ok(Value::Float(f64::NAN)),
                };
                (ws, total)
            }
        };
        let Some(xf) = xf else {
            return Ok(Value::Float(f64::NAN));
        };
        let mut terms = Vec::with_capacity(n);
        let mut is_float = false;
        for ((w, xv), xq) in ws.iter().zip(&items).zip(&xf) {
            if x_negative(xv) {
                return Err(stats_error(it, NEGATIVE));
            }
            if !it.truthy(w)? {
                terms.push(Frac::int(BigInt::from(0)));
                continue;
            }
            if xq.num == BigInt::from(0) {
                return Ok(Value::Int(0));
            }
            // `w / x` is a float, rounded as Python's true division rounds it.
            let q = it.binary(BinOp::Div, w, xv)?;
            let Value::Float(q) = q else { continue };
            is_float = true;
            match Frac::float(q) {
                Some(f) => terms.push(f),
                None => return Ok(Value::Float(f64::NAN)),
            }
        }
        let total = frac_sum(&terms);
        if total.num <= BigInt::from(0) {
            return Err(stats_error(it, "Weighted sum must be positive"));
        }
        Ok(convert(&sum_weights.div(&total), is_float))
    }
}

fn x_negative(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i < 0,
        Value::Float(f) => *f < 0.0,
        Value::BigInt(b) => b.sign() == num_bigint::Sign::Minus,
        _ => false,
    }
}

builtin! {
    /// Divide *data* into *n* continuous intervals with equal probability.
    python ["statistics.quantiles"]
    fn quantiles(it, data, *, n = 4, method = "exclusive") {
        let n = match n {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            other => {
                return Err(crate::eval::error::type_err(format!(
                    "'<' not supported between instances of '{}' and 'int'",
                    other.type_name()
                )))
            }
        };
        if n < 1 {
            return Err(stats_error(it, "n must be at least 1"));
        }
        let items = it.collect_items(&data)?;
        let data = crate::eval::builtins::sort_values(it, items, None, None)?;
        let ld = data.len() as i64;
        if ld < 2 {
            return Err(stats_error(it, "must have at least two data points"));
        }
        let inclusive = match &method {
            Value::Str(s) if s.as_ref() == "inclusive" => true,
            Value::Str(s) if s.as_ref() == "exclusive" => false,
            other => {
                let r = it.repr(other)?;
                return raise(ExcKind::ValueError, format!("Unknown method: {}", r));
            }
        };
        let mut out = Vec::with_capacity(n.max(1) as usize - 1);
        for i in 1..n {
            it.check_interrupt()?;
            let (lo, hi, delta) = if inclusive {
                let m = ld - 1;
                let j = (i * m).div_euclid(n);
                let delta = (i * m).rem_euclid(n);
                (j, j + 1, delta)
            } else {
                let m = ld + 1;
                let j = (i * m / n).clamp(1, ld - 1);
                (j - 1, j, i * m - j * n)
            };
            // (data[lo] * (n - delta) + data[hi] * delta) / n
            let a = it.binary(BinOp::Mul, &data[lo as usize], &Value::Int(n - delta))?;
            let b = it.binary(BinOp::Mul, &data[hi as usize], &Value::Int(delta))?;
            let s = it.binary(BinOp::Add, &a, &b)?;
            out.push(it.binary(BinOp::Div, &s, &Value::Int(n))?);
        }
        Ok(Value::list(out))
    }
}
