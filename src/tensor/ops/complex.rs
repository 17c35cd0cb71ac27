//! Ops on `complex64` and `complex128` tensors: arithmetic and comparisons elementwise in
//! the element's precision, the unary math TensorFlow defines for complex numbers, the
//! parts (`real`, `imag`, `conj`, `angle`, `abs`), `tf.complex`, sums and products,
//! matrix products, and the discrete Fourier transforms.

use super::elementwise::{map_array, zip_arrays, Binary, Compare, Unary};
use crate::tensor::autodiff::{complex as grad, record};
use crate::tensor::complex::{Complex, C128, C64};
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{DType, Data, Elem, Tensor};
use ndarray::{ArcArray, ArrayD, IxDyn};
use num_traits::Float;

/// TensorFlow's error for an op it has no complex kernel for.
pub(crate) fn not_for_complex(op: &str, d: DType) -> crate::tensor::TfError {
    invalid_arg(format!(
        "Value for attr 'T' of {} is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64 [Op:{}] name: ",
        d.name(),
        op
    ))
}

/// A complex tensor's real and imaginary parts, as float tensors of its real dtype.
pub fn parts(t: &Tensor) -> (Tensor, Tensor) {
    fn split<F: Float + Elem>(a: &ArcArray<Complex<F>, IxDyn>) -> (Tensor, Tensor)
    where
        Complex<F>: Elem,
    {
        (
            Tensor::from_array(map_array(a, |z: Complex<F>| z.re)),
            Tensor::from_array(map_array(a, |z: Complex<F>| z.im)),
        )
    }
    match &t.data {
        Data::C64(a) => split(a),
        Data::C128(a) => split(a),
        _ => (t.clone(), Tensor::zeros(t.dtype(), t.shape())),
    }
}

/// The complex tensor `re + im·j` of two float tensors of one dtype and shape (float32
/// gives complex64); None for other dtypes or shapes that do not broadcast.
pub fn join(re: &Tensor, im: &Tensor) -> Option<Tensor> {
    match (&re.data, &im.data) {
        (Data::F32(x), Data::F32(y)) => {
            zip_arrays(x, y, |a: f32, b: f32| C64::new(a, b)).map(Tensor::from_array)
        }
        (Data::F64(x), Data::F64(y)) => {
            zip_arrays(x, y, |a: f64, b: f64| C128::new(a, b)).map(Tensor::from_array)
        }
        _ => None,
    }
}

/// complex64 to complex128 and back, part by part.
pub fn cast_complex(t: &Tensor, d: DType) -> Tensor {
    let (re, im) = parts(t);
    let real = d.real_dtype();
    join(&re.cast_kernel(real), &im.cast_kernel(real)).unwrap_or_else(|| t.clone())
}

fn binary_of<F: Float + Elem>(
    op: Binary,
    x: &ArcArray<Complex<F>, IxDyn>,
    y: &ArcArray<Complex<F>, IxDyn>,
) -> TResult<Option<ArrayD<Complex<F>>>>
where
    Complex<F>: Elem,
{
    Ok(match op {
        Binary::Add => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| a.add(b)),
        Binary::Sub => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| a.sub(b)),
        Binary::Mul => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| a.mul(b)),
        Binary::Div => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| a.div(b)),
        Binary::Pow => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| {
            if a.re == F::zero() && a.im == F::zero() {
                if b.re == F::zero() && b.im == F::zero() {
                    Complex::new(F::one(), F::zero())
                } else {
                    Complex::new(F::zero(), F::zero())
                }
            } else {
                b.mul(a.ln()).exp()
            }
        }),
        Binary::SquaredDifference => zip_arrays(x, y, |a: Complex<F>, b: Complex<F>| {
            let d = a.sub(b);
            d.mul(d.conj())
        }),
        Binary::FloorDiv | Binary::FloorMod | Binary::Maximum | Binary::Minimum => {
            return Err(not_for_complex(op.op_name(), Complex::<F>::DTYPE));
        }
    })
}

/// A binary arithmetic op on two complex tensors of one dtype; None when the shapes do not
/// broadcast.
pub fn binary(op: Binary, a: &Tensor, b: &Tensor) -> TResult<Option<Tensor>> {
    Ok(match (&a.data, &b.data) {
        (Data::C64(x), Data::C64(y)) => binary_of(op, x, y)?.map(Tensor::from_array),
        (Data::C128(x), Data::C128(y)) => binary_of(op, x, y)?.map(Tensor::from_array),
        _ => None,
    })
}

/// `==` and `!=`; complex numbers have no order.
pub fn compare(op: Compare, a: &Tensor, b: &Tensor) -> TResult<Option<Tensor>> {
    let eq = match op {
        Compare::Equal => true,
        Compare::NotEqual => false,
        _ => return Err(not_for_complex(op.op_name(), a.dtype())),
    };
    Ok(match (&a.data, &b.data) {
        (Data::C64(x), Data::C64(y)) => zip_arrays(x, y, |p: C64, q: C64| (p == q) == eq),
        (Data::C128(x), Data::C128(y)) => zip_arrays(x, y, |p: C128, q: C128| (p == q) == eq),
        _ => None,
    }
    .map(Tensor::from_array))
}

fn unary_of<F: Float + Elem>(op: Unary, a: &ArcArray<Complex<F>, IxDyn>) -> TResult<Tensor>
where
    Complex<F>: Elem,
{
    let c = |f: fn(Complex<F>) -> Complex<F>| Ok(Tensor::from_array(map_array(a, f)));
    match op {
        Unary::Neg => c(|z| z.neg()),
        Unary::Exp => c(|z| z.exp()),
        Unary::Log => c(|z| z.ln()),
        Unary::Sqrt => c(|z| z.sqrt()),
        Unary::Rsqrt => c(|z| Complex::new(F::one(), F::zero()).div(z.sqrt())),
        Unary::Square => c(|z| z.mul(z)),
        Unary::Reciprocal => c(|z| Complex::new(F::one(), F::zero()).div(z)),
        Unary::Sign => c(|z| {
            let m = z.abs();
            if m == F::zero() {
                z
            } else {
                Complex::new(z.re / m, z.im / m)
            }
        }),
        Unary::Abs => Ok(Tensor::from_array(map_array(a, |z: Complex<F>| z.abs()))),
        _ => Err(not_for_complex(op.op_name(), Complex::<F>::DTYPE)),
    }
}

/// A unary op on a complex tensor (`abs` gives the real magnitudes).
pub fn unary(op: Unary, a: &Tensor) -> TResult<Tensor> {
    match &a.data {
        Data::C64(x) => unary_of(op, x),
        Data::C128(x) => unary_of(op, x),
        _ => Err(not_for_complex(op.op_name(), a.dtype())),
    }
}

/// `tf.complex(re, im)`, recorded for gradients; None when the parts do not fit together.
pub fn complex_op(re: &Tensor, im: &Tensor) -> Option<Tensor> {
    let out = join(re, im)?;
    Some(record(&[re, im], out, |x, _y, g| {
        grad::complex(&x[0], &x[1], g)
    }))
}

/// `tf.math.real`, recorded for gradients.
pub fn real_op(t: &Tensor) -> Tensor {
    record(&[t], parts(t).0, |x, _y, g| grad::real(&x[0], g))
}

/// `tf.math.imag`, recorded for gradients.
pub fn imag_op(t: &Tensor) -> Tensor {
    record(&[t], parts(t).1, |x, _y, g| grad::imag(&x[0], g))
}

/// `tf.math.conj`, recorded for gradients.
pub fn conj_op(t: &Tensor) -> Tensor {
    record(&[t], conj(t), |_x, _y, g| grad::conjugate(g))
}

/// `tf.math.angle`, recorded for gradients.
pub fn angle_op(t: &Tensor) -> Tensor {
    record(&[t], angle(t), |x, _y, g| grad::angle(&x[0], g))
}

/// `tf.math.conj`: real tensors are their own conjugates.
pub fn conj(t: &Tensor) -> Tensor {
    match &t.data {
        Data::C64(a) => Tensor::from_array(map_array(a, |z: C64| z.conj())),
        Data::C128(a) => Tensor::from_array(map_array(a, |z: C128| z.conj())),
        _ => t.clone(),
    }
}

/// `tf.math.angle`: the argument of each element (0 or π for real tensors).
pub fn angle(t: &Tensor) -> Tensor {
    match &t.data {
        Data::C64(a) => Tensor::from_array(map_array(a, |z: C64| z.arg())),
        Data::C128(a) => Tensor::from_array(map_array(a, |z: C128| z.arg())),
        _ => super::elementwise::map_f64(t, |x| if x < 0.0 { std::f64::consts::PI } else { 0.0 }),
    }
}

/// The product of the elements along `axis`-reduced runs: `data` is `[kept, red]`.
pub fn prod_rows(t: &Tensor, kept: usize, red: usize) -> Tensor {
    fn go<F: Float + Elem>(a: &ArcArray<Complex<F>, IxDyn>, kept: usize, red: usize) -> Tensor
    where
        Complex<F>: Elem,
    {
        let std = a.as_standard_layout();
        let src = std.as_slice().unwrap_or(&[]);
        let one = Complex::new(F::one(), F::zero());
        let out: Vec<Complex<F>> = (0..kept)
            .map(|r| {
                src[r * red..(r + 1) * red]
                    .iter()
                    .fold(one, |p, &q| p.mul(q))
            })
            .collect();
        Tensor::from_vec(&[kept], out)
    }
    match &t.data {
        Data::C64(a) => go(a, kept, red),
        Data::C128(a) => go(a, kept, red),
        _ => t.clone(),
    }
}

/// The discrete Fourier transform of each row of `[rows, n]` complex values, in float64,
/// inverse scaled by 1/n: radix-2 for powers of two, the direct sum otherwise.
pub fn dft_rows(re: &[f64], im: &[f64], n: usize, inverse: bool) -> (Vec<f64>, Vec<f64>) {
    let rows = re.len().checked_div(n).unwrap_or(0);
    let mut out_re = vec![0.0; re.len()];
    let mut out_im = vec![0.0; re.len()];
    let sign = if inverse { 1.0 } else { -1.0 };
    for r in 0..rows {
        let (xr, xi) = (&re[r * n..(r + 1) * n], &im[r * n..(r + 1) * n]);
        let (or, oi) = if n.is_power_of_two() {
            fft_pow2(xr, xi, sign)
        } else {
            dft_direct(xr, xi, sign)
        };
        let scale = if inverse { 1.0 / n as f64 } else { 1.0 };
        for k in 0..n {
            out_re[r * n + k] = or[k] * scale;
            out_im[r * n + k] = oi[k] * scale;
        }
        if crate::tensor::interrupt::pending() {
            break;
        }
    }
    (out_re, out_im)
}

/// `(cos, sin)` of `sign · 2π · k / n`, exact at the quarter turns (where the float
/// computation of π would leave a 1e-16 residue).
fn twiddle(k: usize, n: usize, sign: f64) -> (f64, f64) {
    let k = k % n;
    if (4 * k).is_multiple_of(n) {
        return match 4 * k / n {
            0 => (1.0, 0.0),
            1 => (0.0, sign),
            2 => (-1.0, 0.0),
            _ => (0.0, -sign),
        };
    }
    let t = sign * 2.0 * std::f64::consts::PI * k as f64 / n as f64;
    let (s, c) = t.sin_cos();
    (c, s)
}

fn dft_direct(xr: &[f64], xi: &[f64], sign: f64) -> (Vec<f64>, Vec<f64>) {
    let n = xr.len();
    let mut or = vec![0.0; n];
    let mut oi = vec![0.0; n];
    for k in 0..n {
        let (mut sr, mut si) = (0.0, 0.0);
        for j in 0..n {
            // The angle reduced modulo n keeps the twiddles exact for large k*j.
            let (c, s) = twiddle((k * j) % n, n, sign);
            sr += xr[j] * c - xi[j] * s;
            si += xr[j] * s + xi[j] * c;
        }
        or[k] = sr;
        oi[k] = si;
    }
    (or, oi)
}

fn fft_pow2(xr: &[f64], xi: &[f64], sign: f64) -> (Vec<f64>, Vec<f64>) {
    let n = xr.len();
    let bits = n.trailing_zeros();
    let mut re = vec![0.0; n];
    let mut im = vec![0.0; n];
    for i in 0..n {
        let j = if bits == 0 {
            0
        } else {
            i.reverse_bits() >> (usize::BITS - bits)
        };
        re[j] = xr[i];
        im[j] = xi[i];
    }
    let mut len = 2;
    while len <= n {
        let half = len / 2;
        for k in 0..half {
            let (c, s) = twiddle(k, len, sign);
            for start in (0..n).step_by(len) {
                let (a, b) = (start + k, start + k + half);
                let (br, bi) = (re[b] * c - im[b] * s, re[b] * s + im[b] * c);
                re[b] = re[a] - br;
                im[b] = im[a] - bi;
                re[a] += br;
                im[a] += bi;
            }
        }
        len *= 2;
    }
    (re, im)
}
