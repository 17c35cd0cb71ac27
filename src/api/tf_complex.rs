//! Complex numbers in TensorFlow: `tf.complex`, `tf.math.real`/`imag`/`conj`/`angle`,
//! and the Fourier transforms `tf.signal.fft`/`ifft`/`rfft`/`irfft` over the innermost
//! axis. The element arithmetic is in `tensor/ops/complex.rs`.

use super::convert::to_tensor;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::complex::{self as cx, dft_rows, join, parts};
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

builtin! {
    /// Converts two real numbers to a complex number.
    dispatch ["tf.complex", "tf.dtypes.complex"]
    fn complex(it, real, imag, name = None) {
        let re = to_tensor(it, &real, None)?;
        let im = to_tensor(it, &imag, Some(re.dtype())).or_else(|_| to_tensor(it, &imag, None))?;
        if !matches!(re.dtype(), DType::F32 | DType::F64) || re.dtype() != im.dtype() {
            return Err(type_err(format!(
                "real and imag dtypes must be the same ({} vs {}) and be float32 or float64",
                re.dtype().name(),
                im.dtype().name()
            )));
        }
        match cx::complex_op(&re, &im) {
            Some(z) => t(z),
            None => raise(
                ExcKind::InvalidArgumentError,
                format!(
                    "Incompatible shapes: {} vs. {} [Op:Complex] name: ",
                    crate::tensor::broadcast::shape_brackets(re.shape()),
                    crate::tensor::broadcast::shape_brackets(im.shape())
                ),
            ),
        }
    }
}

builtin! {
    /// Returns the real part of a complex (or real) tensor.
    dispatch ["tf.math.real", "tf.real"]
    fn real(it, input, name = None) {
        let x = to_tensor(it, &input, None)?;
        t(cx::real_op(&x))
    }
}

builtin! {
    /// Returns the imaginary part of a complex (or real) tensor.
    dispatch ["tf.math.imag", "tf.imag"]
    fn imag(it, input, name = None) {
        let x = to_tensor(it, &input, None)?;
        t(cx::imag_op(&x))
    }
}

builtin! {
    /// Returns the complex conjugate of a complex number.
    dispatch ["tf.math.conj", "tf.conj"]
    fn conj(it, x, name = None) {
        let x = to_tensor(it, &x, None)?;
        t(cx::conj_op(&x))
    }
}

builtin! {
    /// Returns the element-wise argument of a complex (or real) tensor.
    dispatch ["tf.math.angle", "tf.angle"]
    fn angle(it, input, name = None) {
        let x = to_tensor(it, &input, None)?;
        t(cx::angle_op(&x))
    }
}

/// The transform of the innermost axis of a complex tensor.
pub(crate) fn fft_last(x: &Tensor, inverse: bool) -> Tensor {
    let n = x.shape().last().copied().unwrap_or(1);
    let (re, im) = parts(&x.contiguous());
    let (or, oi) = dft_rows(&re.to_f64_vec(), &im.to_f64_vec(), n, inverse);
    let real = x.dtype().real_dtype();
    let re = Tensor::from_f64s(real, x.shape(), &or);
    let im = Tensor::from_f64s(real, x.shape(), &oi);
    join(&re, &im).unwrap_or(re)
}

fn complex_input(it: &mut Interp, v: &Value, op: &str) -> R<Tensor> {
    let x = to_tensor(it, v, None)?;
    if !x.dtype().is_complex() {
        return raise(
            ExcKind::InvalidArgumentError,
            format!(
                "Value for attr 'Tcomplex' of {} is not in the list of allowed values: complex64, complex128\n\t; NodeDef: {{{{node {op}}}}}; Op<name={op}; signature=input:Tcomplex -> output:Tcomplex; attr=Tcomplex:type,default=DT_COMPLEX64,allowed=[DT_COMPLEX64, DT_COMPLEX128]> [Op:{op}] name: ",
                x.dtype().name()
            ),
        );
    }
    if x.ndim() == 0 {
        return raise(
            ExcKind::InvalidArgumentError,
            format!("Input must have rank of at least 1 but got: [] [Op:{op}] name: "),
        );
    }
    Ok(x)
}

builtin! {
    /// Fast Fourier transform over the inner-most dimension of input.
    dispatch ["tf.signal.fft", "tf.spectral.fft"]
    fn fft(it, input, name = None) {
        let x = complex_input(it, &input, "FFT")?;
        t(fft_last(&x, false))
    }
}

builtin! {
    /// Inverse fast Fourier transform over the inner-most dimension of input.
    dispatch ["tf.signal.ifft", "tf.spectral.ifft"]
    fn ifft(it, input, name = None) {
        let x = complex_input(it, &input, "IFFT")?;
        t(fft_last(&x, true))
    }
}

/// A real signal's first `n / 2 + 1` frequencies, the signal cut or zero-padded to `n`.
pub(crate) fn rfft_last(x: &Tensor, n: usize) -> R<Tensor> {
    let x = fit_last(x, n)?;
    let z = x.cast(if x.dtype() == DType::F64 {
        DType::C128
    } else {
        DType::C64
    });
    let full = fft_last(&z, false);
    let keep = n / 2 + 1;
    Ok(crate::tensor::ops::shape::slice_axis(
        &full,
        full.ndim() - 1,
        0,
        keep,
    ))
}

/// The innermost axis cut to `n` or padded with zeros to it (the transforms' length).
pub(crate) fn fit_last(x: &Tensor, n: usize) -> R<Tensor> {
    use crate::tensor::ops::shape;
    let len = x.shape().last().copied().unwrap_or(0);
    if n <= len {
        return Ok(shape::slice_axis(x, x.ndim() - 1, 0, n));
    }
    let mut pad_shape = x.shape().to_vec();
    if let Some(l) = pad_shape.last_mut() {
        *l = n - len;
    }
    let zeros = Tensor::zeros(x.dtype(), &pad_shape);
    Ok(shape::concat(&[x.clone(), zeros], x.ndim() as i64 - 1)?)
}

fn length_arg(it: &mut Interp, v: &Value, default: usize) -> R<usize> {
    match v {
        Value::None => Ok(default),
        v => {
            let l = super::convert::int_list(it, v, "fft_length")?;
            Ok(l.last().copied().unwrap_or(default as i64).max(0) as usize)
        }
    }
}

builtin! {
    /// Real-valued fast Fourier transform over the inner-most dimension of input.
    dispatch ["tf.signal.rfft", "tf.spectral.rfft"]
    fn rfft(it, input_tensor, fft_length = None, name = None) {
        let x = to_tensor(it, &input_tensor, None)?;
        if !matches!(x.dtype(), DType::F32 | DType::F64) {
            return raise(ExcKind::InvalidArgumentError, format!(
                "Value for attr 'Treal' of {} is not in the list of allowed values: float, double [Op:RFFT] name: ",
                x.dtype().name()
            ));
        }
        let len = x.shape().last().copied().unwrap_or(1);
        let n = length_arg(it, &fft_length, len)?;
        t(rfft_last(&x, n)?)
    }
}

builtin! {
    /// Inverse real-valued fast Fourier transform over the inner-most dimension of input.
    dispatch ["tf.signal.irfft", "tf.spectral.irfft"]
    fn irfft(it, input_tensor, fft_length = None, name = None) {
        let z = complex_input(it, &input_tensor, "IRFFT")?;
        let m = z.shape().last().copied().unwrap_or(1);
        let n = length_arg(it, &fft_length, 2 * m.saturating_sub(1))?;
        // The full Hermitian spectrum: X[k] for k <= n/2, conj(X[n-k]) above.
        let (re, im) = parts(&z.contiguous());
        let (re, im) = (re.to_f64_vec(), im.to_f64_vec());
        let rows = re.len() / m.max(1);
        let (mut fr, mut fi) = (vec![0.0; rows * n], vec![0.0; rows * n]);
        for r in 0..rows {
            for k in 0..n {
                let (src, sign) = if k <= n / 2 { (k, 1.0) } else { (n - k, -1.0) };
                if src < m {
                    fr[r * n + k] = re[r * m + src];
                    fi[r * n + k] = sign * im[r * m + src];
                }
            }
        }
        let (or, _) = dft_rows(&fr, &fi, n, true);
        let mut shape = z.shape().to_vec();
        if let Some(l) = shape.last_mut() {
            *l = n;
        }
        t(Tensor::from_f64s(z.dtype().real_dtype(), &shape, &or))
    }
}
