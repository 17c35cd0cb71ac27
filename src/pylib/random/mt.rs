//! CPython's seeding of the Mersenne Twister (the shared one in `tensor::random::mt19937`)
//! from a Python int, and CPython's hash of a float, which float seeds go through.

use num_bigint::BigUint;

pub(crate) use crate::tensor::random::mt19937::Mt19937 as Mt;

/// Seeds from a non-negative integer given as its magnitude (`init_by_array` of its words).
pub(crate) fn seed_uint(mt: &mut Mt, n: &BigUint) {
    let mut words = n.to_u32_digits();
    if words.is_empty() {
        words.push(0);
    }
    *mt = Mt::from_array(&words);
}

/// CPython's hash of a float (`_Py_HashDouble`) for finite values, which seeds from floats.
pub(crate) fn hash_float(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1u64 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = crate::pylib::math::frexp_f(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        (e % BITS as i64) as u32
    } else {
        BITS - 1 - ((-1 - e) % BITS as i64) as u32
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64) * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}
