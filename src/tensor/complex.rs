//! The complex element types of `tf.complex64` and `tf.complex128`: a pair of floats. The
//! ops on complex tensors are in `ops/complex.rs`; here are the element type, its place
//! among the `Elem` types (real part as the number a real dtype reads), and the scalar
//! arithmetic those ops share.

use super::data::Data;
use super::dtype::{DType, Elem};
use ndarray::{ArcArray, IxDyn};
use num_traits::Float;

/// A complex number `re + im·j`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Complex<T> {
    pub re: T,
    pub im: T,
}

/// numpy sorts complex numbers by real part, then imaginary part.
impl<T: PartialOrd> PartialOrd for Complex<T> {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        match self.re.partial_cmp(&o.re) {
            Some(std::cmp::Ordering::Equal) => self.im.partial_cmp(&o.im),
            other => other,
        }
    }
}

impl<T: Float> Complex<T> {
    pub fn new(re: T, im: T) -> Self {
        Complex { re, im }
    }

    pub fn add(self, o: Self) -> Self {
        Complex::new(self.re + o.re, self.im + o.im)
    }

    pub fn sub(self, o: Self) -> Self {
        Complex::new(self.re - o.re, self.im - o.im)
    }

    pub fn mul(self, o: Self) -> Self {
        Complex::new(
            self.re * o.re - self.im * o.im,
            self.re * o.im + self.im * o.re,
        )
    }

    /// Smith's division, which keeps intermediate products in range (numpy's algorithm;
    /// TensorFlow's `std::complex` division agrees on ordinary values).
    pub fn div(self, o: Self) -> Self {
        let (a, b, c, d) = (self.re, self.im, o.re, o.im);
        if c.abs() >= d.abs() {
            if c == T::zero() && d == T::zero() {
                return Complex::new(a / c.abs(), b / c.abs());
            }
            let r = d / c;
            let den = c + d * r;
            Complex::new((a + b * r) / den, (b - a * r) / den)
        } else {
            let r = c / d;
            let den = c * r + d;
            Complex::new((a * r + b) / den, (b * r - a) / den)
        }
    }

    pub fn neg(self) -> Self {
        Complex::new(-self.re, -self.im)
    }

    pub fn conj(self) -> Self {
        Complex::new(self.re, -self.im)
    }

    pub fn abs(self) -> T {
        self.re.hypot(self.im)
    }

    pub fn arg(self) -> T {
        self.im.atan2(self.re)
    }

    pub fn exp(self) -> Self {
        let m = self.re.exp();
        Complex::new(m * self.im.cos(), m * self.im.sin())
    }

    pub fn ln(self) -> Self {
        Complex::new(self.abs().ln(), self.arg())
    }

    /// The principal square root (C99's `csqrt`).
    pub fn sqrt(self) -> Self {
        let (x, y) = (self.re, self.im);
        if x == T::zero() && y == T::zero() {
            return Complex::new(T::zero(), y);
        }
        let t = ((x.abs() + self.abs()) / (T::one() + T::one())).sqrt();
        if x >= T::zero() {
            Complex::new(t, y / (t + t))
        } else {
            Complex::new(y.abs() / (t + t), t.copysign(y))
        }
    }
}

pub type C64 = Complex<f32>;
pub type C128 = Complex<f64>;

macro_rules! complex_elem {
    ($f:ty, $dt:ident) => {
        impl Elem for Complex<$f> {
            const DTYPE: DType = DType::$dt;
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self.re as f64
            }
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                Complex::new(v as $f, 0.0)
            }
            #[inline(always)]
            fn to_i64(self) -> i64 {
                self.re as i64
            }
            #[inline(always)]
            fn from_i64(v: i64) -> Self {
                Complex::new(v as $f, 0.0)
            }
            #[inline(always)]
            fn from_bool(v: bool) -> Self {
                Complex::new(v as u8 as $f, 0.0)
            }
            #[inline(always)]
            fn is_zero(self) -> bool {
                self.re == 0.0 && self.im == 0.0
            }
            fn wrap(a: ArcArray<Self, IxDyn>) -> Data {
                Data::$dt(a)
            }
            fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>> {
                match d {
                    Data::$dt(a) => Some(a),
                    _ => None,
                }
            }
        }
    };
}
complex_elem!(f32, C64);
complex_elem!(f64, C128);

pub(crate) mod tests {
    use super::*;

    fn arithmetic_as_python_computes_it() {
        // (1+2j)*(3-1j) == (5+5j); (1+2j)/(1+1j) == (1.5+0.5j); cmath.sqrt(-4) == 2j.
        let a = C128::new(1.0, 2.0);
        assert_eq!(a.mul(C128::new(3.0, -1.0)), C128::new(5.0, 5.0));
        assert_eq!(a.div(C128::new(1.0, 1.0)), C128::new(1.5, 0.5));
        assert_eq!(C128::new(-4.0, 0.0).sqrt(), C128::new(0.0, 2.0));
        assert_eq!(C128::new(3.0, 4.0).abs(), 5.0);
    }

    unit_cases!(arithmetic_as_python_computes_it);
}
