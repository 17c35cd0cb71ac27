//! `random`'s drawing functions: integers from ranges, picks from sequences, and the
//! real-valued distributions, each consuming the generator exactly as `Lib/random.py` does.

use super::{with_gen, RandomObj};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{index_err, raise, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::pylib::math::real;

/// An integer argument of randrange: ints, and integral floats (deprecated in 3.10).
fn range_arg(v: &Value, which: &str) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) if f.fract() == 0.0 && f.is_finite() => Ok(*f as i64),
        Value::Float(_) => Err(value_err(format!("non-integer {} for randrange()", which))),
        other => Err(type_err(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// Python's `//` on ints: rounds toward negative infinity.
pub(crate) fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn randrange_of(g: &RandomObj, start: i64, stop: Option<i64>, step: i64) -> R<i64> {
    let Some(stop) = stop else {
        if start > 0 {
            return Ok(g.below(start as u64) as i64);
        }
        return raise(ExcKind::ValueError, "empty range for randrange()");
    };
    let width = stop as i128 - start as i128;
    if step == 1 {
        if width > 0 {
            return Ok((start as i128 + g.below(width as u64) as i128) as i64);
        }
        return raise(
            ExcKind::ValueError,
            format!(
                "empty range for randrange() ({}, {}, {})",
                start, stop, width
            ),
        );
    }
    let step = step as i128;
    let n = if step > 0 {
        floor_div(width + step - 1, step)
    } else if step < 0 {
        floor_div(width + step + 1, step)
    } else {
        return raise(ExcKind::ValueError, "zero step for randrange()");
    };
    if n <= 0 {
        return raise(ExcKind::ValueError, "empty range for randrange()");
    }
    Ok((start as i128 + step * g.below(n as u64) as i128) as i64)
}

builtin! {
    /// Choose a random item from range(stop) or range(start, stop[, step]).
    python ["random.randrange"]
    fn randrange(it, start, stop = None, step = 1) {
        let a = range_arg(&start, "arg 1")?;
        let b = match &stop { Value::None => None, v => Some(range_arg(v, "stop")?) };
        if b.is_none() && !matches!(step, Value::Int(1)) {
            return Err(type_err("Missing a non-None stop argument"));
        }
        let s = range_arg(&step, "step")?;
        with_gen(it, |_, g| Ok(Value::Int(randrange_of(g, a, b, s)?)))
    }
}

builtin! {
    /// Return random integer in range [a, b], including both end points.
    python ["random.randint"]
    fn randint(it, a, b) {
        let a = range_arg(&a, "arg 1")?;
        let b = range_arg(&b, "stop")?;
        with_gen(it, |_, g| Ok(Value::Int(randrange_of(g, a, Some(b.saturating_add(1)), 1)?)))
    }
}

/// A sequence's items, or a range's arithmetic without making its items.
enum Seq {
    Items(Vec<Value>),
    Range(i64, i64, usize),
}

impl Seq {
    fn len(&self) -> usize {
        match self {
            Seq::Items(v) => v.len(),
            Seq::Range(_, _, n) => *n,
        }
    }
    fn get(&self, i: usize) -> Value {
        match self {
            Seq::Items(v) => v[i].clone(),
            Seq::Range(start, step, _) => Value::Int(start + step * i as i64),
        }
    }
}

fn range_len(a: i64, b: i64, s: i64) -> usize {
    let (a, b, s) = (a as i128, b as i128, s as i128);
    let n = if s > 0 {
        floor_div(b - a + s - 1, s)
    } else {
        floor_div(b - a + s + 1, s)
    };
    n.max(0) as usize
}

/// A sequence argument (`sample` requires one; `choice` indexes one).
fn seq_of(it: &mut Interp, v: &Value, what: &str) -> R<Seq> {
    Ok(match v {
        Value::Range(r) => Seq::Range(r.0, r.2, range_len(r.0, r.1, r.2)),
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => Seq::Items(it.collect_items(v)?),
        Value::Set(_) | Value::Dict(_) if what == "sample" => {
            return Err(type_err(
                "Population must be a sequence.  For dicts or sets, use sorted(d).",
            ))
        }
        _ => Seq::Items(it.collect_items(v)?),
    })
}

builtin! {
    /// Choose a random element from a non-empty sequence.
    python ["random.choice"]
    fn choice(it, seq) {
        let s = seq_of(it, &seq, "choice")?;
        if s.len() == 0 {
            return Err(index_err("Cannot choose from an empty sequence"));
        }
        let i = with_gen(it, |_, g| Ok(g.below(s.len() as u64)))?;
        Ok(s.get(i as usize))
    }
}

builtin! {
    /// Shuffle list x in place, and return None.
    python ["random.shuffle"]
    fn shuffle(it, x) {
        let Value::List(l) = &x else {
            return Err(type_err(format!("'{}' object does not support item assignment", x.type_name())));
        };
        let n = l.borrow().len();
        with_gen(it, |_, g| {
            for i in (1..n).rev() {
                let j = g.below(i as u64 + 1) as usize;
                let mut v = l.borrow_mut();
                if j < v.len() && i < v.len() {
                    v.swap(i, j);
                }
            }
            Ok(Value::None)
        })
    }
}

/// Index of the first element greater than x (`bisect.bisect_right`) in sorted `a[lo..hi]`.
fn bisect_right(a: &[f64], x: f64, hi: usize) -> usize {
    let (mut lo, mut hi) = (0usize, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

fn sample_indices(g: &RandomObj, n: usize, k: usize) -> Vec<usize> {
    let mut setsize = 21usize;
    if k > 5 {
        let e = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil();
        setsize += 4usize.saturating_pow(e as u32);
    }
    let mut out = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = g.below((n - i) as u64) as usize;
            out.push(pool[j]);
            pool[j] = pool[n - i - 1];
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = g.below(n as u64) as usize;
            while selected.contains(&j) {
                j = g.below(n as u64) as usize;
            }
            selected.insert(j);
            out.push(j);
        }
    }
    out
}

builtin! {
    /// Chooses k unique random elements from a population sequence.
    python ["random.sample"]
    fn sample(it, population, k, *, counts = None) {
        let pop = seq_of(it, &population, "sample")?;
        let n = pop.len();
        let k = match k {
            Value::Int(k) => k,
            Value::Bool(b) => b as i64,
            other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        };
        if !matches!(counts, Value::None) {
            let cs = it.collect_items(&counts)?;
            let mut cum = Vec::with_capacity(cs.len());
            let mut total = 0i64;
            for c in &cs {
                match c {
                    Value::Int(c) => total += c,
                    Value::Bool(b) => total += *b as i64,
                    _ => return Err(type_err("Counts must be integers")),
                }
                cum.push(total as f64);
            }
            if cum.len() != n {
                return raise(ExcKind::ValueError, "The number of counts does not match the population");
            }
            cum.pop();
            if total <= 0 {
                return raise(ExcKind::ValueError, "Total of counts must be greater than zero");
            }
            if k < 0 || k > total {
                return raise(ExcKind::ValueError, "Sample larger than population or is negative");
            }
            let sel = with_gen(it, |_, g| Ok(sample_indices(g, total as usize, k as usize)))?;
            let hi = cum.len();
            return Ok(Value::list(sel.into_iter().map(|s| pop.get(bisect_right(&cum, s as f64, hi))).collect()));
        }
        if k < 0 || k as usize > n {
            return raise(ExcKind::ValueError, "Sample larger than population or is negative");
        }
        let sel = with_gen(it, |_, g| Ok(sample_indices(g, n, k as usize)))?;
        Ok(Value::list(sel.into_iter().map(|j| pop.get(j)).collect()))
    }
}

builtin! {
    /// Return a k sized list of population elements chosen with replacement.
    python ["random.choices"]
    fn choices(it, population, weights = None, *, cum_weights = None, k = 1) {
        let pop = seq_of(it, &population, "choices")?;
        let n = pop.len();
        let k = match k {
            Value::Int(k) => k.max(0) as usize,
            Value::Bool(b) => b as usize,
            other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        };
        let cum: Vec<f64> = match (&weights, &cum_weights) {
            (Value::None, Value::None) => {
                let nf = n as f64;
                crate::eval::budget::values(k)?;
                return with_gen(it, |it, g| {
                    let mut out = Vec::with_capacity(k);
                    for j in 0..k {
                        if j & crate::eval::budget::EVERY == crate::eval::budget::EVERY {
                            it.check_interrupt()?;
                        }
                        let i = (g.random() * nf).floor() as usize;
                        if i >= n {
                            return Err(index_err("list index out of range"));
                        }
                        out.push(pop.get(i));
                    }
                    Ok(Value::list(out))
                });
            }
            (w, Value::None) => {
                if let Value::Int(k) = w {
                    return Err(type_err(format!("The number of choices must be a keyword argument: k={}", k)));
                }
                let ws = it.collect_items(w)?;
                let mut acc = 0.0f64;
                let mut cum = Vec::with_capacity(ws.len());
                for x in &ws {
                    acc += real(it, x)?;
                    cum.push(acc);
                }
                cum
            }
            (Value::None, c) => {
                let cs = it.collect_items(c)?;
                let mut cum = Vec::with_capacity(cs.len());
                for x in &cs {
                    cum.push(real(it, x)?);
                }
                cum
            }
            _ => return Err(type_err("Cannot specify both weights and cumulative weights")),
        };
        if cum.len() != n {
            return raise(ExcKind::ValueError, "The number of weights does not match the population");
        }
        let total = cum.last().copied().unwrap_or(0.0) + 0.0;
        if total <= 0.0 {
            return raise(ExcKind::ValueError, "Total of weights must be greater than zero");
        }
        if !total.is_finite() {
            return raise(ExcKind::ValueError, "Total of weights must be finite");
        }
        let hi = n - 1;
        crate::eval::budget::values(k)?;
        with_gen(it, |it, g| {
            let mut out = Vec::with_capacity(k);
            for j in 0..k {
                if j & crate::eval::budget::EVERY == crate::eval::budget::EVERY {
                    it.check_interrupt()?;
                }
                out.push(pop.get(bisect_right(&cum, g.random() * total, hi)));
            }
            Ok(Value::list(out))
        })
    }
}

fn float_draw(it: &mut Interp, f: impl FnOnce(&RandomObj) -> R<f64>) -> R<Value> {
    with_gen(it, |_, g| Ok(Value::Float(f(g)?)))
}

builtin! {
    /// Get a random number in the range [a, b) or [a, b] depending on rounding.
    python ["random.uniform"]
    fn uniform(it, a, b) {
        let a = real(it, &a)?;
        let b = real(it, &b)?;
        float_draw(it, |g| Ok(a + (b - a) * g.random()))
    }
}

builtin! {
    /// Triangular distribution.
    python ["random.triangular"]
    fn triangular(it, low = 0.0, high = 1.0, mode = None) {
        let lo = real(it, &low)?;
        let hi = real(it, &high)?;
        let c = match &mode {
            Value::None => None,
            m => Some(real(it, m)?),
        };
        let u = with_gen(it, |_, g| Ok(g.random()))?;
        if hi == lo && c.is_some() {
            return Ok(low);
        }
        let mut c = match c {
            None => 0.5,
            Some(m) => (m - lo) / (hi - lo),
        };
        let (mut u, mut lo, mut hi) = (u, lo, hi);
        if u > c {
            u = 1.0 - u;
            c = 1.0 - c;
            std::mem::swap(&mut lo, &mut hi);
        }
        Ok(Value::Float(lo + (hi - lo) * (u * c).sqrt()))
    }
}

fn normal(g: &RandomObj) -> f64 {
    let nv = 4.0 * (-0.5f64).exp() / 2f64.sqrt();
    loop {
        let u1 = g.random();
        let u2 = 1.0 - g.random();
        let z = nv * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return z;
        }
    }
}

builtin! {
    /// Normal distribution.
    python ["random.normalvariate"]
    fn normalvariate(it, mu = 0.0, sigma = 1.0) {
        let mu = real(it, &mu)?;
        let sigma = real(it, &sigma)?;
        float_draw(it, |g| Ok(mu + normal(g) * sigma))
    }
}

builtin! {
    /// Gaussian distribution.
    python ["random.gauss"]
    fn gauss(it, mu = 0.0, sigma = 1.0) {
        let mu = real(it, &mu)?;
        let sigma = real(it, &sigma)?;
        float_draw(it, |g| {
            let z = match g.gauss_next.take() {
                Some(z) => z,
                None => {
                    let x2pi = g.random() * std::f64::consts::TAU;
                    let g2rad = (-2.0 * (1.0 - g.random()).ln()).sqrt();
                    g.gauss_next.set(Some(x2pi.sin() * g2rad));
                    x2pi.cos() * g2rad
                }
            };
            Ok(mu + z * sigma)
        })
    }
}

builtin! {
    /// Log normal distribution.
    python ["random.lognormvariate"]
    fn lognormvariate(it, mu, sigma) {
        let mu = real(it, &mu)?;
        let sigma = real(it, &sigma)?;
        float_draw(it, |g| Ok((mu + normal(g) * sigma).exp()))
    }
}

builtin! {
    /// Exponential distribution.
    python ["random.expovariate"]
    fn expovariate(it, lambd) {
        let l = real(it, &lambd)?;
        let u = with_gen(it, |_, g| Ok(g.random()))?;
        if l == 0.0 {
            return raise(ExcKind::ZeroDivisionError, "float division by zero");
        }
        Ok(Value::Float(-(1.0 - u).ln() / l))
    }
}

builtin! {
    /// Circular data distribution.
    python ["random.vonmisesvariate"]
    fn vonmisesvariate(it, mu, kappa) {
        let mu = real(it, &mu)?;
        let kappa = real(it, &kappa)?;
        let tau = std::f64::consts::TAU;
        float_draw(it, |g| {
            if kappa <= 1e-6 {
                return Ok(tau * g.random());
            }
            let s = 0.5 / kappa;
            let r = s + (1.0 + s * s).sqrt();
            let z = loop {
                let u1 = g.random();
                let z = (std::f64::consts::PI * u1).cos();
                let d = z / (r + z);
                let u2 = g.random();
                if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                    break z;
                }
            };
            let q = 1.0 / r;
            let f = (q + z) / (1.0 + q * z);
            let u3 = g.random();
            let theta = if u3 > 0.5 { mu + f.acos() } else { mu - f.acos() };
            Ok(crate::eval::ops::py_fmod(theta, tau))
        })
    }
}

fn gamma_draw(g: &RandomObj, alpha: f64, beta: f64) -> R<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return raise(
            ExcKind::ValueError,
            "gammavariate: alpha and beta must be > 0.0",
        );
    }
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4f64.ln();
        let ccc = alpha + ainv;
        let sg = 1.0 + 4.5f64.ln();
        loop {
            let u1 = g.random();
            if u1 <= 1e-7 || u1 >= 0.9999999 {
                continue;
            }
            let u2 = 1.0 - g.random();
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-(1.0 - g.random()).ln() * beta)
    } else {
        let e = std::f64::consts::E;
        loop {
            let u = g.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = g.random();
            if p > 1.0 {
                if u1 <= x.powf(alpha - 1.0) {
                    return Ok(x * beta);
                }
            } else if u1 <= (-x).exp() {
                return Ok(x * beta);
            }
        }
    }
}

builtin! {
    /// Gamma distribution.  Not the gamma function!
    python ["random.gammavariate"]
    fn gammavariate(it, alpha, beta) {
        let a = real(it, &alpha)?;
        let b = real(it, &beta)?;
        float_draw(it, |g| gamma_draw(g, a, b))
    }
}

builtin! {
    /// Beta distribution.
    python ["random.betavariate"]
    fn betavariate(it, alpha, beta) {
        let a = real(it, &alpha)?;
        let b = real(it, &beta)?;
        float_draw(it, |g| {
            let y = gamma_draw(g, a, 1.0)?;
            if y != 0.0 {
                return Ok(y / (y + gamma_draw(g, b, 1.0)?));
            }
            Ok(0.0)
        })
    }
}

builtin! {
    /// Pareto distribution.  alpha is the shape parameter.
    python ["random.paretovariate"]
    fn paretovariate(it, alpha) {
        let a = real(it, &alpha)?;
        float_draw(it, |g| Ok((1.0 - g.random()).powf(-1.0 / a)))
    }
}

builtin! {
    /// Weibull distribution.
    python ["random.weibullvariate"]
    fn weibullvariate(it, alpha, beta) {
        let a = real(it, &alpha)?;
        let b = real(it, &beta)?;
        float_draw(it, |g| Ok(a * (-(1.0 - g.random()).ln()).powf(1.0 / b)))
    }
}
