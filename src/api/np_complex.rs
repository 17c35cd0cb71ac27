//! Complex numbers on the numpy side: `np.real`, `np.imag`, `np.conj`, `np.angle`,
//! `np.fft` (`fft`, `ifft`, `rfft`, `irfft`, `fftfreq`) and Python's `complex()`. tensh
//! holds a Python complex number as numpy's complex128 scalar, which prints and computes
//! as Python's does.

use super::convert::{f64_arg, given, i64_arg};
use super::numpy::np_array;
use super::tf_complex::{fft_last, fit_last, rfft_last};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::complex::C128;
use crate::tensor::ops::complex::{self as cx, parts};
use crate::tensor::ops::shape;
use crate::tensor::{DType, Tensor};

fn nd(t: Tensor) -> R<Value> {
    Ok(Value::ndarray(t))
}

builtin! {
    /// Return the real part of the complex argument.
    python ["np.real"]
    fn real(it, val) {
        nd(parts(&np_array(it, &val, None)?).0)
    }
}

builtin! {
    /// Return the imaginary part of the complex argument.
    python ["np.imag"]
    fn imag(it, val) {
        nd(parts(&np_array(it, &val, None)?).1)
    }
}

builtin! {
    /// Return the complex conjugate, element-wise.
    python ["np.conj", "np.conjugate"]
    fn conj(it, x) {
        nd(cx::conj(&np_array(it, &x, None)?))
    }
}

builtin! {
    /// Return the angle of the complex argument.
    python ["np.angle"]
    fn angle(it, z, deg = False) {
        let x = np_array(it, &z, None)?;
        let x = if x.dtype().is_complex() || x.dtype() == DType::F64 { x } else { x.cast(DType::F64) };
        let a = cx::angle(&x);
        if it.truthy(&deg)? {
            return nd(crate::tensor::ops::elementwise::map_f64(&a, f64::to_degrees));
        }
        nd(a)
    }
}

/// The array as complex128 with `axis` moved last, and the permutation that moves it back.
fn along(it: &mut Interp, a: &Value, axis: &Value) -> R<(Tensor, Option<Vec<i64>>)> {
    let x = np_array(it, a, None)?;
    let x = if x.dtype() == DType::C128 {
        x
    } else {
        x.cast(DType::C128)
    };
    let nd_ = x.ndim() as i64;
    if nd_ == 0 {
        return raise(ExcKind::IndexError, "tuple index out of range");
    }
    let ax = i64_arg(axis, "axis")?;
    let ax = if ax < 0 { ax + nd_ } else { ax };
    if !(0..nd_).contains(&ax) {
        return raise(
            ExcKind::AxisError,
            format!(
                "axis {} is out of bounds for array of dimension {}",
                i64_arg(axis, "axis")?,
                nd_
            ),
        );
    }
    if ax == nd_ - 1 {
        return Ok((x, None));
    }
    let mut perm: Vec<i64> = (0..nd_).collect();
    perm.swap(ax as usize, nd_ as usize - 1);
    Ok((shape::transpose(&x, Some(&perm))?, Some(perm)))
}

fn back(t: Tensor, perm: Option<Vec<i64>>) -> R<Value> {
    match perm {
        Some(p) => nd(shape::transpose(&t, Some(&p))?),
        None => nd(t),
    }
}

/// The transform length: `n`, or the axis's length.
fn length(x: &Tensor, n: &Value) -> R<usize> {
    match given(n.clone()) {
        Some(v) => {
            let n = i64_arg(&v, "n")?;
            if n < 1 {
                return raise(
                    ExcKind::ValueError,
                    format!("Invalid number of FFT data points ({}) specified.", n),
                );
            }
            Ok(n as usize)
        }
        None => Ok(x.shape().last().copied().unwrap_or(1)),
    }
}

builtin! {
    /// Compute the one-dimensional discrete Fourier Transform.
    python ["np.fft.fft"]
    fn fft(it, a, n = None, axis = -1, norm = None) {
        let _ = norm;
        let (x, perm) = along(it, &a, &axis)?;
        let n = length(&x, &n)?;
        back(fft_last(&fit_last(&x, n)?, false), perm)
    }
}

builtin! {
    /// Compute the one-dimensional inverse discrete Fourier Transform.
    python ["np.fft.ifft"]
    fn ifft(it, a, n = None, axis = -1, norm = None) {
        let _ = norm;
        let (x, perm) = along(it, &a, &axis)?;
        let n = length(&x, &n)?;
        back(fft_last(&fit_last(&x, n)?, true), perm)
    }
}

builtin! {
    /// Compute the one-dimensional discrete Fourier Transform for real input.
    python ["np.fft.rfft"]
    fn rfft(it, a, n = None, axis = -1, norm = None) {
        let _ = norm;
        let x = np_array(it, &a, None)?;
        if x.dtype().is_complex() {
            return raise(ExcKind::TypeError, "ufunc 'rfft_n_even' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''");
        }
        let (x, perm) = along(it, &Value::ndarray(parts(&x).0.cast(DType::F64)), &axis)?;
        let x = parts(&x).0;
        let n = length(&x, &n)?;
        back(rfft_last(&x, n)?, perm)
    }
}

builtin! {
    /// Return the Discrete Fourier Transform sample frequencies.
    python ["np.fft.fftfreq"]
    fn fftfreq(it, n, d = 1.0) {
        let _ = it;
        let n = i64_arg(&n, "n")?;
        if n <= 0 {
            return raise(ExcKind::ZeroDivisionError, "float division by zero");
        }
        let d = f64_arg(&d, "d")?;
        let val = 1.0 / (n as f64 * d);
        let half = (n - 1) / 2 + 1;
        let v: Vec<f64> = (0..n)
            .map(|i| if i < half { i as f64 } else { (i - n) as f64 } * val)
            .collect();
        nd(Tensor::from_vec(&[n as usize], v))
    }
}

/// A number's value as a complex number: Python numbers, numpy scalars, one-element
/// tensors.
fn complex_of(v: &Value, what: &str) -> R<C128> {
    match v {
        Value::Int(i) => Ok(C128::new(*i as f64, 0.0)),
        Value::Bool(b) => Ok(C128::new(*b as u8 as f64, 0.0)),
        Value::Float(f) => Ok(C128::new(*f, 0.0)),
        v => match super::convert::tensor_of(v) {
            Some(t) if t.size() == 1 => {
                let (re, im) = parts(&t);
                Ok(C128::new(
                    re.item_f64().unwrap_or(0.0),
                    im.item_f64().unwrap_or(0.0),
                ))
            }
            _ => Err(type_err(format!(
                "complex() {} must be a number, not '{}'",
                what,
                v.type_name()
            ))),
        },
    }
}

/// `complex('1+2j')`: Python's complex literal syntax, spaces around it allowed.
fn parse_complex(s: &str) -> Option<C128> {
    let t = s.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let num = |x: &str| -> Option<f64> {
        match x {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            x => x
                .parse::<f64>()
                .ok()
                .filter(|_| !x.contains(char::is_whitespace)),
        }
    };
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return t.parse::<f64>().ok().map(|re| C128::new(re, 0.0));
    };
    // The split between the parts: the last sign not following an exponent's `e`.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    match split {
        Some(i) => Some(C128::new(body[..i].parse().ok()?, num(&body[i..])?)),
        None => Some(C128::new(0.0, num(body)?)),
    }
}

builtin! {
    /// Create a complex number from a real part and an optional imaginary part.
    python ["builtins.complex"]
    fn complex(it, real = 0, imag = None) {
        let _ = it;
        if let Value::Str(s) = &real {
            if !matches!(imag, Value::None) {
                return Err(type_err("complex() can't take second arg if first is a string"));
            }
            return match parse_complex(s) {
                Some(z) => nd(Tensor::scalar(z)),
                None => raise(ExcKind::ValueError, "complex() arg is a malformed string"),
            };
        }
        let a = complex_of(&real, "first argument")?;
        let is_complex = |v: &Value| super::convert::tensor_of(v).is_some_and(|t| t.dtype().is_complex());
        let z = match imag {
            Value::None => a,
            v => {
                let b = complex_of(&v, "second argument")?;
                // CPython: the real part less imag's imaginary part (when imag is complex),
                // the imaginary part imag's real part plus real's imaginary part (when real
                // is complex), so complex(1, -0.0) keeps the sign of zero.
                let re = if is_complex(&v) { a.re - b.im } else { a.re };
                let im = if is_complex(&real) { b.re + a.im } else { b.re };
                C128::new(re, im)
            }
        };
        nd(Tensor::scalar(z))
    }
}
