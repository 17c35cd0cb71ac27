//! The Mersenne Twister (MT19937), the one copy behind Python's `random`, numpy's legacy
//! `RandomState` and TensorFlow's choice of operation seeds: `init_genrand` and
//! `init_by_array` seeding, 32-bit draws, 53-bit doubles, and CPython's way of drawing an
//! integer below a bound from whole 32-bit words.

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER: u32 = 0x8000_0000;
const LOWER: u32 = 0x7fff_ffff;

/// The generator's state: 624 words and the position of the next one to temper.
#[derive(Clone)]
pub struct Mt19937 {
    pub state: [u32; N],
    pub index: usize,
}

impl Default for Mt19937 {
    /// The state before any seeding, as CPython allocates it.
    fn default() -> Mt19937 {
        Mt19937::from_seed(19_650_218)
    }
}

impl Mt19937 {
    /// `init_genrand(seed)`: numpy's seeding from one integer.
    pub fn from_seed(seed: u32) -> Mt19937 {
        let mut state = [0u32; N];
        let mut s = seed;
        for (i, w) in state.iter_mut().enumerate() {
            *w = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(i as u32 + 1);
        }
        Mt19937 { state, index: N }
    }

    /// `init_by_array(key)`: seeding from 32-bit words, least significant first.
    pub fn from_array(key: &[u32]) -> Mt19937 {
        let mut g = Mt19937::from_seed(19_650_218);
        let mt = &mut g.state;
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
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
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        g
    }

    /// `random.Random(n)` for a Python int: the words of `|n|`.
    pub fn python_seeded(n: i64) -> Mt19937 {
        let m = n.unsigned_abs();
        if m >> 32 == 0 {
            Mt19937::from_array(&[m as u32])
        } else {
            Mt19937::from_array(&[m as u32, (m >> 32) as u32])
        }
    }

    fn generate(&mut self) {
        let k = &mut self.state;
        let twist = |y: u32| (y >> 1) ^ (if y & 1 == 1 { MATRIX_A } else { 0 });
        for i in 0..N - M {
            let y = (k[i] & UPPER) | (k[i + 1] & LOWER);
            k[i] = k[i + M] ^ twist(y);
        }
        for i in N - M..N - 1 {
            let y = (k[i] & UPPER) | (k[i + 1] & LOWER);
            k[i] = k[i + M - N] ^ twist(y);
        }
        let y = (k[N - 1] & UPPER) | (k[0] & LOWER);
        k[N - 1] = k[M - 1] ^ twist(y);
        self.index = 0;
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.generate();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A double in [0, 1) with 53 random bits (two draws).
    pub fn next_double(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `k` random bits, k > 0, as 32-bit words least significant first (CPython's
    /// `getrandbits`: the last word keeps its high bits).
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
