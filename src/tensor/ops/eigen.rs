//! Float kernels that round exactly as TensorFlow 2.15's CPU kernels do.
//!
//! TensorFlow computes `exp`, `log`, `sin`, `cos`, `tanh` and `sigmoid` on float32 with
//! Eigen's vectorized approximations (AVX, 8 lanes, multiply and add rounded separately),
//! and finishes the elements that do not fill a packet with the scalar path. Printing shows
//! 8 digits, so a 1-ulp difference is visible; these functions follow the same arithmetic
//! steps so that tensh prints the digits TensorFlow prints. The algorithms are Eigen's
//! (MPL-2.0), re-expressed here; the constants are the published minimax coefficients.
//! Every step is branch-free lane arithmetic, so the loops vectorize.
#![allow(clippy::excessive_precision)]

/// Eigen's `pmadd` without FMA: a product and a sum, each rounded.
#[inline(always)]
fn madd(a: f32, b: f32, c: f32) -> f32 {
    a * b + c
}

/// `a * 2^e` for any integral `e` without intermediate overflow (Eigen's pldexp).
#[inline(always)]
fn ldexp(a: f32, e: f32) -> f32 {
    // The integral float clamped well inside 2^22 converts by the 1.5 * 2^23 trick, which
    // vectorizes (a saturating `as i32` becomes a scalar loop); a NaN exponent only meets a
    // NaN mantissa, so its value does not matter.
    let e = ((e.clamp(-278.0, 278.0) + 12_582_912.0).to_bits() as i32) - 0x4b40_0000;
    let b = e >> 2;
    let c = f32::from_bits(((b + 127) as u32) << 23);
    let out = a * c * c * c;
    let b2 = e - 3 * b;
    out * f32::from_bits(((b2 + 127) as u32) << 23)
}

/// `exp` for f32, Eigen's packet path.
#[inline(always)]
pub fn exp_f32(x: f32) -> f32 {
    // Eigen's pmin keeps a NaN argument (it flows through to the result).
    let xc = if x > 88.723 { 88.723 } else { x };
    let m = madd(xc, std::f32::consts::LOG2_E, 0.5).floor();
    let mut r = madd(m, -0.693359375, xc);
    r = madd(m, 2.12194440e-4, r);
    let r2 = r * r;
    let mut p_even = madd(
        r2,
        1.37449637986719608306884765625e-3,
        4.166965186595916748046875e-2,
    );
    let p_odd = madd(
        r2,
        8.36894474923610687255859375e-3,
        0.16666518151760101318359375,
    );
    p_even = madd(r2, p_even, 0.49999988079071044921875);
    let p_low = r + 1.0;
    let mut y = madd(r, p_odd, p_even);
    y = madd(r2, y, p_low);
    let v = ldexp(y, m);
    let v = if v > x || x.is_nan() { v } else { x };
    // TensorFlow runs its kernels with denormal results flushed to zero.
    if x < -104.0 || v.is_subnormal() {
        0.0
    } else {
        v
    }
}

/// `log` for f32, Eigen's packet path (a rational (3,3) approximation of log(1+x)).
#[inline(always)]
pub fn log_f32(x: f32) -> f32 {
    let (mut m, mut e) = frexp(x);
    let mask = m < std::f32::consts::FRAC_1_SQRT_2;
    let tmp = if mask { m } else { 0.0 };
    m -= 1.0;
    e -= if mask { 1.0 } else { 0.0 };
    m += tmp;
    let mut p = madd(m, 0.18256296349849254, 1.0000000190281063);
    p = madd(m, p, 1.0000000190281136);
    p *= m;
    let mut q = madd(m, 0.049616247954120038, 0.59923249590823520);
    q = madd(m, q, 1.4999999999999927);
    q = madd(m, q, 1.0);
    let r = madd(e, std::f32::consts::LN_2, p / q);
    if x == 0.0 {
        f32::NEG_INFINITY
    } else if x == f32::INFINITY {
        f32::INFINITY
    } else if x < 0.0 || x.is_nan() {
        f32::NAN
    } else {
        r
    }
}

/// Mantissa in [0.5, 1) and exponent, handling denormals (Eigen's pfrexp).
#[inline(always)]
fn frexp(a: f32) -> (f32, f32) {
    let denormal = a.abs() < f32::MIN_POSITIVE;
    let na = if denormal { a * 16_777_216.0 } else { a };
    let offset = if denormal { -126.0 - 24.0 } else { -126.0 };
    let biased = ((na.abs().to_bits() >> 23) & 0xff) as f32;
    if a == 0.0 || biased == 255.0 {
        return (a, 0.0);
    }
    let m = f32::from_bits((na.to_bits() & !0x7f80_0000) | 0.5f32.to_bits());
    (m, biased + offset)
}

/// 192 bits of 2/pi, eight-bit aligned, for the Payne-Hanek reduction of huge arguments.
const TWO_OVER_PI: [u32; 26] = [
    0x00000028, 0x000028be, 0x0028be60, 0x28be60db, 0xbe60db93, 0x60db9391, 0xdb939105, 0x9391054a,
    0x91054a7f, 0x054a7f09, 0x4a7f09d5, 0x7f09d5f4, 0x09d5f47d, 0xd5f47d4d, 0xf47d4d37, 0x7d4d3770,
    0x4d377036, 0x377036d8, 0x7036d8a5, 0x36d8a566, 0xd8a5664f, 0xa5664f10, 0x664f10e4, 0x4f10e410,
    0x10e41000, 0xe4100000,
];

/// Reduces a huge |x| modulo pi/2: the remainder and the quadrant.
fn trig_reduce_huge(xf: f32) -> (f32, i32) {
    let pio2_62 = 3.4061215800865545e-19_f64;
    let half: u64 = 1 << 61;
    let mut xi = xf.to_bits();
    let e = (xi >> 23).wrapping_sub(118);
    xi = ((xi & 0x007f_ffff) | 0x0080_0000) << (e & 0x7);
    let i = (e >> 3) as usize;
    let (t1, t2, t3) = (TWO_OVER_PI[i - 1], TWO_OVER_PI[i + 3], TWO_OVER_PI[i + 7]);
    let mut p = (xi as u64) * (t3 as u64);
    p = (xi as u64) * (t2 as u64) + (p >> 32);
    p = ((xi.wrapping_mul(t1) as u64) << 32).wrapping_add(p);
    let q = p.wrapping_add(half) >> 62;
    p = p.wrapping_sub(q << 62);
    ((p as i64 as f64 * pio2_62) as f32, q as i32)
}

/// `sin` (SIN = true) or `cos` for f32, Eigen's packet path.
#[inline(always)]
pub fn sincos_f32<const SIN: bool>(input: f32) -> f32 {
    let ax = input.abs();
    let y = ax * 0.636619746685028076171875;
    let y_round = y + 12_582_912.0;
    let mut y_int = y_round.to_bits() as i32;
    let y = y_round - 12_582_912.0;
    let mut x = madd(y, -1.5703125, ax);
    x = madd(y, -0.000483989715576171875, x);
    x = madd(y, 1.62865035235881805419921875e-07, x);
    x = madd(y, 5.5644315544167710640977020375430583953857421875e-11, x);
    let huge = if SIN { 25966.0 } else { 18838.0 };
    if ax >= huge && ax.is_finite() {
        let (r, q) = trig_reduce_huge(ax);
        x = r;
        y_int = q;
    }
    let sign_bit = if SIN {
        input.to_bits() ^ ((y_int as u32) << 30)
    } else {
        (y_int.wrapping_add(1) as u32) << 30
    } & 0x8000_0000;
    let poly_mask = (y_int & 1) == 0;
    let x2 = x * x;
    let mut y1 = 2.4372266125283204019069671630859375e-05_f32;
    y1 = madd(y1, x2, -0.00138865201734006404876708984375);
    y1 = madd(y1, x2, 0.041666619479656219482421875);
    y1 = madd(y1, x2, -0.5);
    y1 = madd(y1, x2, 1.0);
    let mut y2 = -0.0001959234114083702898469196984621021329076029360294342041015625_f32;
    y2 = madd(
        y2,
        x2,
        0.0083326873655616851693794799871284340042620897293090820312500000,
    );
    y2 = madd(
        y2,
        x2,
        -0.1666666203982298255503735617821803316473960876464843750000000000,
    );
    y2 *= x2;
    y2 = madd(y2, x, x);
    let r = if SIN == poly_mask { y2 } else { y1 };
    f32::from_bits(r.to_bits() ^ sign_bit)
}

/// `tanh` for f32: Eigen's 13/6 rational approximation (both the packet and scalar path).
#[inline(always)]
pub fn tanh_f32(a: f32) -> f32 {
    const CLAMP: f32 = 7.90531110763549805;
    let x = a.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let mut p = madd(x2, -2.76076847742355e-16, 2.00018790482477e-13);
    p = madd(x2, p, -8.60467152213735e-11);
    p = madd(x2, p, 5.12229709037114e-08);
    p = madd(x2, p, 1.48572235717979e-05);
    p = madd(x2, p, 6.37261928875436e-04);
    p = madd(x2, p, 4.89352455891786e-03);
    p *= x;
    let mut q = madd(x2, 1.19825839466702e-06, 1.18534705686654e-04);
    q = madd(x2, q, 2.26843463243900e-03);
    q = madd(x2, q, 4.89352518554385e-03);
    let r = p / q;
    if a.is_nan() {
        a
    } else if a.abs() < 0.0004 {
        x
    } else {
        r
    }
}

/// `sigmoid` for f32 as TensorFlow computes it: e / (1 + e) with e = exp(x) from the
/// packet exp above (1 where e would overflow).
#[inline(always)]
pub fn sigmoid_f32(x: f32) -> f32 {
    if x > 80.0 {
        return 1.0;
    }
    let e = exp_f32(x);
    e / (1.0 + e)
}

/// `sigmoid` for f32, the scalar path (libm's exp).
#[inline(always)]
pub fn sigmoid_f32_scalar(x: f32) -> f32 {
    if x > 80.0 {
        return 1.0;
    }
    let e = x.exp();
    e / (1.0 + e)
}

/// `log1p` for f32, Eigen's generic packet path: `x * log(1 + x) / ((1 + x) - 1)`, and `x`
/// itself where `1 + x` rounds to 1 or to infinity.
#[inline(always)]
pub fn log1p_f32(x: f32) -> f32 {
    let xp1 = x + 1.0;
    let log1 = log_f32(xp1);
    if xp1 == 1.0 || xp1 == log1 {
        x
    } else {
        x * (log1 / (xp1 - 1.0))
    }
}

/// `log(epsilon) + 2`, softplus's threshold, for f32 and f64 (a literal: the compiler
/// does not fold the `ln`, and the loop would call it per element).
const SOFTPLUS_T32: f32 = -13.942385;
const SOFTPLUS_T64: f64 = -34.04365338911715;

/// `softplus` for f32 as TensorFlow's kernel selects it: `x` above `-t`, `exp(x)` below
/// `t`, `log1p(exp(x))` between, with `t = log(epsilon) + 2`; `exp` and `log1p` are the
/// packet functions here, `scalar` the libm ones of the tail.
#[inline(always)]
#[allow(clippy::redundant_closure)]
pub fn softplus_f32<const PACKET: bool>(x: f32) -> f32 {
    if PACKET {
        // A closure, not the function item: it must inline into the vector loop.
        softplus_select(x, SOFTPLUS_T32, exp_f32(x), |e| log1p_f32(e))
    } else {
        softplus_select(x, SOFTPLUS_T32, x.exp(), f32::ln_1p)
    }
}

/// TensorFlow's softplus select: `x` above `-t`, `e = exp(x)` below `t`, `log1p(e)`
/// between (all three computed, as Eigen evaluates a select).
#[inline(always)]
pub fn softplus_select<T: Copy + PartialOrd + std::ops::Neg<Output = T>>(
    x: T,
    t: T,
    e: T,
    log1p: impl Fn(T) -> T,
) -> T {
    if x > -t {
        x
    } else if x < t {
        e
    } else {
        log1p(e)
    }
}

/// `softplus` for f64, as `softplus_f32` computes it on scalars (libm's exp and log1p).
#[inline(always)]
pub fn softplus_f64(x: f64) -> f64 {
    softplus_select(x, SOFTPLUS_T64, x.exp(), f64::ln_1p)
}

#[inline(always)]
fn madd64(a: f64, b: f64, c: f64) -> f64 {
    a * b + c
}

#[inline(always)]
fn ldexp64(a: f64, e: f64) -> f64 {
    // As in `ldexp`, with 1.5 * 2^52.
    let e = ((e.clamp(-2099.0, 2099.0) + 6_755_399_441_055_744.0).to_bits() as i64)
        - 0x4338_0000_0000_0000;
    let b = e >> 2;
    let c = f64::from_bits(((b + 1023) as u64) << 52);
    let out = a * c * c * c;
    let b2 = e - 3 * b;
    out * f64::from_bits(((b2 + 1023) as u64) << 52)
}

/// `exp` for f64, Eigen's packet path (Cephes' rational approximation).
#[inline(always)]
pub fn exp_f64(input: f64) -> f64 {
    let x = if input > 709.784 { 709.784 } else { input };
    let fx = madd64(std::f64::consts::LOG2_E, x, 0.5).floor();
    let tmp = fx * 0.693145751953125;
    let z = fx * 1.42860682030941723212e-6;
    let x = x - tmp - z;
    let x2 = x * x;
    let mut px = 1.26177193074810590878e-4;
    px = madd64(px, x2, 3.02994407707441961300e-2);
    px = madd64(px, x2, 9.99999999999999999910e-1);
    px *= x;
    let mut qx = 3.00198505138664455042e-6;
    qx = madd64(qx, x2, 2.52448340349684104192e-3);
    qx = madd64(qx, x2, 2.27265548208155028766e-1);
    qx = madd64(qx, x2, 2.00000000000000000009e0);
    let r = madd64(2.0, px / (qx - px), 1.0);
    let v = ldexp64(r, fx);
    let v = if v > input || input.is_nan() {
        v
    } else {
        input
    };
    if input < -709.784 || v.is_subnormal() {
        0.0
    } else {
        v
    }
}

fn frexp64(a: f64) -> (f64, f64) {
    let denormal = a.abs() < f64::MIN_POSITIVE;
    let na = if denormal { a * 18014398509481984.0 } else { a };
    let offset = if denormal { -1022.0 - 54.0 } else { -1022.0 };
    let biased = ((na.abs().to_bits() >> 52) & 0x7ff) as f64;
    if a == 0.0 || biased == 2047.0 {
        return (a, 0.0);
    }
    let m = f64::from_bits((na.to_bits() & !0x7ff0_0000_0000_0000) | 0.5f64.to_bits());
    (m, biased + offset)
}

/// `log` for f64, Eigen's packet path (Cephes: x - x^2/2 + x^3 P(x)/Q(x)).
#[inline(always)]
pub fn log_f64(input: f64) -> f64 {
    let (mut x, mut e) = frexp64(input);
    let mask = x < std::f64::consts::FRAC_1_SQRT_2;
    let tmp = if mask { x } else { 0.0 };
    x -= 1.0;
    e -= if mask { 1.0 } else { 0.0 };
    x += tmp;
    let x2 = x * x;
    let x3 = x2 * x;
    let mut y = madd64(1.01875663804580931796e-4, x, 4.97494994976747001425e-1);
    let mut y1 = madd64(1.44989225341610930846e1, x, 1.79368678507819816313e1);
    y = madd64(y, x, 4.70579119878881725854e0);
    y1 = madd64(y1, x, 7.70838733755885391666e0);
    let y_ = madd64(y, x3, y1);
    y = madd64(1.0, x, 1.12873587189167450590e1);
    y1 = madd64(8.29875266912776603211e1, x, 7.11544750618563894466e1);
    y = madd64(y, x, 4.52279145837532221105e1);
    y1 = madd64(y1, x, 2.31251620126765340583e1);
    y = madd64(y, x3, y1);
    let mut r = (y_ * x3) / y;
    r = madd64(-0.5, x2, r);
    x += r;
    let v = madd64(e, std::f64::consts::LN_2, x);
    if input == 0.0 {
        f64::NEG_INFINITY
    } else if input == f64::INFINITY {
        f64::INFINITY
    } else if input < 0.0 || input.is_nan() {
        f64::NAN
    } else {
        v
    }
}

/// How many leading elements of `n` go through the packet path (whole packets of `lanes`).
#[inline(always)]
pub fn packet_split(n: usize, lanes: usize) -> usize {
    n / lanes * lanes
}

pub(crate) mod tests {
    fn softplus_thresholds_are_log_epsilon_plus_two() {
        assert_eq!(super::SOFTPLUS_T32, f32::EPSILON.ln() + 2.0);
        assert_eq!(super::SOFTPLUS_T64, f64::EPSILON.ln() + 2.0);
    }

    unit_cases!(softplus_thresholds_are_log_epsilon_plus_two);
}
