//! Exact rational arithmetic for `statistics`, as CPython sums data: every int and float
//! is a fraction exactly, sums and squares are exact, and the result is rounded to a float
//! once, correctly (as `int / int` and `Fraction.__float__` round), square roots included.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A fraction in lowest terms with a positive denominator.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Frac {
    pub num: BigInt,
    pub den: BigInt,
}

impl Frac {
    pub(super) fn new(num: BigInt, den: BigInt) -> Frac {
        let (num, den) = if den.is_negative() {
            (-num, -den)
        } else {
            (num, den)
        };
        let g = num.gcd(&den);
        if g.is_zero() || g.is_one() {
            return Frac { num, den };
        }
        Frac {
            num: num / &g,
            den: den / &g,
        }
    }

    pub(super) fn int(i: BigInt) -> Frac {
        Frac {
            num: i,
            den: BigInt::one(),
        }
    }

    /// A finite float exactly; None for inf and nan.
    pub(super) fn float(f: f64) -> Option<Frac> {
        if !f.is_finite() {
            return None;
        }
        if f == 0.0 {
            return Some(Frac::int(BigInt::zero()));
        }
        let bits = f.to_bits();
        let sign = if bits >> 63 == 1 { -1 } else { 1 };
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1u64 << 52) - 1);
        let (mant, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | (1u64 << 52), exp - 1075)
        };
        let m = BigInt::from(mant) * sign;
        Some(if e >= 0 {
            Frac::int(m << e as usize)
        } else {
            Frac::new(m, BigInt::one() << (-e) as usize)
        })
    }

    pub(super) fn add(&self, o: &Frac) -> Frac {
        Frac::new(&self.num * &o.den + &o.num * &self.den, &self.den * &o.den)
    }

    pub(super) fn sub(&self, o: &Frac) -> Frac {
        Frac::new(&self.num * &o.den - &o.num * &self.den, &self.den * &o.den)
    }

    pub(super) fn mul(&self, o: &Frac) -> Frac {
        Frac::new(&self.num * &o.num, &self.den * &o.den)
    }

    /// `self / o`; o must not be zero.
    pub(super) fn div(&self, o: &Frac) -> Frac {
        Frac::new(&self.num * &o.den, &self.den * &o.num)
    }

    pub(super) fn is_int(&self) -> bool {
        self.den.is_one()
    }

    /// The nearest float, ties to even.
    pub(super) fn to_f64(&self) -> f64 {
        ratio_to_f64(&self.num, &self.den)
    }

    /// The correctly rounded square root (CPython's `_float_sqrt_of_frac`).
    pub(super) fn sqrt_f64(&self) -> f64 {
        let (n, m) = (&self.num, &self.den);
        if n.sign() != Sign::Plus {
            return 0.0;
        }
        let q = Integer::div_floor(&(n.bits() as i64 - m.bits() as i64 - 109), &2);
        if q >= 0 {
            let num = isqrt_frac_rto(n, &(m << (2 * q) as usize)) << q as usize;
            ratio_to_f64(&num, &BigInt::one())
        } else {
            let num = isqrt_frac_rto(&(n << (-2 * q) as usize), m);
            ratio_to_f64(&num, &(BigInt::one() << (-q) as usize))
        }
    }
}

/// The square root of n/m rounded to an integer with round-to-odd.
fn isqrt_frac_rto(n: &BigInt, m: &BigInt) -> BigInt {
    let a = (n / m).sqrt();
    if &(&a * &a * m) != n {
        a | BigInt::one()
    } else {
        a
    }
}

/// `n / d` as Python's true division of ints rounds it.
pub(super) fn ratio_to_f64(n: &BigInt, d: &BigInt) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    let neg = n.is_negative() != d.is_negative();
    let a = n.abs();
    let b = d.abs();
    // Scale so the quotient has 55 or 56 bits, then round to 53 with a sticky bit.
    let shift = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 {
        (a << shift as usize, b)
    } else {
        (a, b << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let sticky = !r.is_zero();
    let qbits = q.bits() as i64;
    // The float's exponent decides how many bits it keeps (fewer when subnormal).
    let exp = qbits - shift; // value lies in [2^(exp-1), 2^exp)
    let keep = if exp - 1 < -1022 {
        (53 - (-1022 - (exp - 1))).max(0)
    } else {
        53
    };
    let extra = (qbits - keep).max(0);
    let mut mant = &q >> extra as usize;
    if extra > 0 {
        let rem = &q - (&mant << extra as usize);
        let half = BigInt::one() << (extra - 1) as usize;
        let up = rem > half || (rem == half && (sticky || mant.is_odd()));
        if up {
            mant += 1;
        }
    }
    let m = mant.to_f64().unwrap_or(f64::INFINITY);
    let e = extra - shift;
    let v = scale(m, e);
    if neg {
        -v
    } else {
        v
    }
}

/// `m * 2**e` without overflowing the intermediate power.
fn scale(mut m: f64, mut e: i64) -> f64 {
    while e > 1000 {
        m *= 2f64.powi(1000);
        e -= 1000;
        if m.is_infinite() {
            return m;
        }
    }
    while e < -1000 {
        m *= 2f64.powi(-1000);
        e += 1000;
    }
    m * 2f64.powi(e as i32)
}
