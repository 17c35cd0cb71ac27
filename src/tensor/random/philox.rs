//! Philox4x32-10, the counter-based generator behind TensorFlow's random ops: ten rounds
//! over a 128-bit counter with a 64-bit key give four 32-bit words per step, and skipping
//! ahead is adding to the counter, so any stretch of a stream can be drawn on its own.
//! Seeding is TensorFlow's: `(seed, seed2)` for the stateful ops, and the scrambled key and
//! counter of a stateless op's `[seed0, seed1]`.

const MUL_A: u32 = 0xD251_1F53;
const MUL_B: u32 = 0xCD9E_8D57;
const KEY_A: u32 = 0x9E37_79B9;
const KEY_B: u32 = 0xBB67_AE85;

/// A Philox stream: where it is (`counter`) and which stream it is (`key`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Philox {
    counter: [u32; 4],
    key: [u32; 2],
}

impl Philox {
    /// The stream of a stateful op with attributes `seed` and `seed2`.
    pub fn new(seed: u64, seed2: u64) -> Philox {
        Philox {
            counter: [0, 0, seed2 as u32, (seed2 >> 32) as u32],
            key: [seed as u32, (seed >> 32) as u32],
        }
    }

    /// The stream of a stateless op seeded with `[seed0, seed1]` (each as 64 bits, negative
    /// ones sign-extended): one Philox step over the seeds under a fixed key gives the key
    /// and counter, so weak seeds still give unrelated streams.
    pub fn stateless(seed0: i64, seed1: i64) -> Philox {
        let (a, b) = (seed0 as u64, seed1 as u64);
        let mut mix = Philox {
            counter: [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32],
            key: [0x3ec8_f720, 0x0246_1e29],
        };
        let m = mix.next();
        Philox {
            counter: [0, 0, m[2], m[3]],
            key: [m[0], m[1]],
        }
    }

    /// The stream of a `tf.random.Generator`'s Philox state `[counter_lo, counter_hi, key]`.
    pub fn from_state(state: [u64; 3]) -> Philox {
        let [lo, hi, key] = state;
        Philox {
            counter: [lo as u32, (lo >> 32) as u32, hi as u32, (hi >> 32) as u32],
            key: [key as u32, (key >> 32) as u32],
        }
    }

    /// The counter as two 64-bit halves (low first), for writing a generator's state back.
    pub fn counter_halves(&self) -> [u64; 2] {
        let c = self.counter;
        [
            c[0] as u64 | (c[1] as u64) << 32,
            c[2] as u64 | (c[3] as u64) << 32,
        ]
    }

    /// The next four words; the counter moves on by one.
    pub fn next(&mut self) -> [u32; 4] {
        let mut c = self.counter;
        let mut k = self.key;
        for _ in 0..10 {
            let p0 = MUL_A as u64 * c[0] as u64;
            let p1 = MUL_B as u64 * c[2] as u64;
            c = [
                ((p1 >> 32) as u32) ^ c[1] ^ k[0],
                p1 as u32,
                ((p0 >> 32) as u32) ^ c[3] ^ k[1],
                p0 as u32,
            ];
            k = [k[0].wrapping_add(KEY_A), k[1].wrapping_add(KEY_B)];
        }
        self.skip(1);
        c
    }

    /// Moves the counter on by `n` steps (a 128-bit add).
    pub fn skip(&mut self, n: u64) {
        let lo = n as u32;
        let mut hi = (n >> 32) as u32;
        self.counter[0] = self.counter[0].wrapping_add(lo);
        if self.counter[0] < lo {
            hi = hi.wrapping_add(1);
        }
        self.counter[1] = self.counter[1].wrapping_add(hi);
        if self.counter[1] < hi {
            self.counter[2] = self.counter[2].wrapping_add(1);
            if self.counter[2] == 0 {
                self.counter[3] = self.counter[3].wrapping_add(1);
            }
        }
    }
}

/// Draws single words from a Philox stream, four per step, as TensorFlow's
/// `SingleSampleAdapter` does for samplers that take a varying number of words.
pub struct Words {
    gen: Philox,
    buf: [u32; 4],
    used: usize,
}

impl Words {
    pub fn new(gen: Philox) -> Words {
        Words {
            gen,
            buf: [0; 4],
            used: 4,
        }
    }

    pub fn next_word(&mut self) -> u32 {
        if self.used == 4 {
            self.buf = self.gen.next();
            self.used = 0;
        }
        self.used += 1;
        self.buf[self.used - 1]
    }
}

pub(crate) mod tests {
    use super::*;

    /// TensorFlow's `stateless_random_get_key_counter([1, 2])` and `([123456789, 0])`.
    fn stateless_key_and_counter_are_tensorflows() {
        let key = |p: &Philox| p.key[0] as u64 | (p.key[1] as u64) << 32;
        let ctr = |p: &Philox| p.counter[2] as u64 | (p.counter[3] as u64) << 32;
        let a = Philox::stateless(1, 2);
        assert_eq!(
            (key(&a), ctr(&a)),
            (10413732777507651514, 17830669156045600267)
        );
        let b = Philox::stateless(123456789, 0);
        assert_eq!(
            (key(&b), ctr(&b)),
            (14674590078619340604, 3951093538305074133)
        );
    }

    fn skip_carries_across_words() {
        let mut a = Philox::new(1, 2);
        a.counter[0] = u32::MAX;
        a.counter[1] = u32::MAX;
        a.skip(1);
        assert_eq!(a.counter, [0, 0, 3, 0]);
    }

    unit_cases!(
        stateless_key_and_counter_are_tensorflows,
        skip_carries_across_words
    );
}
