//! `math.gamma` and `math.lgamma` as CPython computes them: the Lanczos approximation
//! (N=13, g=6.024680040776729583740234375, Boost's coefficients) with CPython's error
//! correction, the reflection formula for negative arguments, and exact small integers.

use super::{domain, range, real};
use crate::builtin;
use crate::eval::Value;

// Lanczos approximation parameters (N=13, g=6.024680040776729583740234375), as in Boost
// and CPython.
// Both are exact binary fractions; the digits are CPython's.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
#[allow(clippy::approx_constant)]
const LOGPI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for (n, d) in LANCZOS_NUM.iter().zip(&LANCZOS_DEN).rev() {
            num = num * x + n;
            den = den * x + d;
        }
    } else {
        for (n, d) in LANCZOS_NUM.iter().zip(&LANCZOS_DEN) {
            num = num / x + n;
            den = den / x + d;
        }
    }
    num / den
}

/// sin(pi*x), exact at integers.
fn sinpi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (pi * y).sin(),
        1 => (pi * (y - 0.5)).cos(),
        2 => (pi * (1.0 - y)).sin(),
        3 => -(pi * (y - 1.5)).cos(),
        _ => (pi * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

/// The gamma function as CPython computes it; Err(true) for a range error, Err(false)
/// for a domain error.
fn tgamma(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(false);
    }
    if x == 0.0 {
        return Err(false);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(false);
        }
        if x <= 23.0 {
            let mut r = 1.0f64;
            for k in 2..(x as i64) {
                r *= k as f64;
            }
            return Ok(r);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(true) } else { Ok(r) };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err(true);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sp = y.powf(absx / 2.0 - 0.25);
            r /= sp;
            r /= sp;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sp = y.powf(absx / 2.0 - 0.25);
            r *= sp;
            r *= sp;
        }
    }
    if r.is_infinite() {
        return Err(true);
    }
    Ok(r)
}

fn lgamma_f(x: f64) -> Result<f64, bool> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(false);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOGPI - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(true);
    }
    Ok(r)
}

builtin! {
    /// Gamma function at x.
    python ["math.gamma"]
    fn gamma(it, x) {
        let x = real(it, &x)?;
        match tgamma(x) {
            Ok(r) => Ok(Value::Float(r)),
            Err(true) => Err(range()),
            Err(false) => Err(domain()),
        }
    }
}

builtin! {
    /// Natural logarithm of absolute value of Gamma function at x.
    python ["math.lgamma"]
    fn lgamma(it, x) {
        let x = real(it, &x)?;
        match lgamma_f(x) {
            Ok(r) => Ok(Value::Float(r)),
            Err(true) => Err(range()),
            Err(false) => Err(domain()),
        }
    }
}
