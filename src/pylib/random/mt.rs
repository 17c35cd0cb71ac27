//! The Mersenne Twister (MT19937) as CPython's `_random` module runs it: `init_by_array`
//! seeding from 32-bit words, `random()` from two outputs, `getrandbits` in 32-bit words.

use num_bigint::BigUint;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

#[derive(Clone)]
pub(crate) struct Mt {
    pub state: [u32; N],
    pub index: usize,
}

impl Default for Mt {
    fn default() -> Mt {
        Mt::new()
    }
}

impl Mt {
    pub fn new() -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N + 1,
        };
        mt.init_genrand(19_650_218);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Seeds from key words, least significant first (CPython's `init_by_array`).
    pub fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        let mut k = N.max(len);
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x8000_0000;
        self.index = N;
    }

    /// Seeds from a non-negative integer given as its magnitude.
    pub fn seed_uint(&mut self, n: &BigUint) {
        let mut words = n.to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mt = &mut self.state;
            for kk in 0..N {
                let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
                let mag = if y & 1 == 1 { MATRIX_A } else { 0 };
                mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// A float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `k` random bits, k > 0, as 32-bit words least significant first.
    pub fn bits_words(&mut self, k: u64) -> Vec<u32> {
        if k <= 32 {
            return vec![self.next_u32() >> (32 - k)];
        }
        let words = k.div_ceil(32);
        let mut out = Vec::with_capacity(words as usize);
        let mut left = k as i64;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left -= 32;
        }
        out
    }

    /// `k` random bits for k <= 64.
    pub fn bits_u64(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        let w = self.bits_words(k as u64);
        w.iter()
            .enumerate()
            .fold(0u64, |acc, (i, &x)| acc | ((x as u64) << (32 * i)))
    }

    /// A uniform integer in [0, n), n > 0 (CPython's `_randbelow_with_getrandbits`).
    pub fn below(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        let mut r = self.bits_u64(k);
        while r >= n {
            r = self.bits_u64(k);
        }
        r
    }
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
