//! numpy 1.26's legacy `RandomState` over the shared Mersenne Twister: seeding by
//! `init_genrand` (an integer) or `init_by_array` (a sequence), 32-bit draws, 53-bit
//! doubles from two draws, and the legacy distributions built on them — the polar
//! Box-Muller normal with its cached second value, masked-rejection integers, and the
//! binomial (`binomial.rs`, shared with `Generator`) — so seeded draws equal numpy's bit
//! for bit.

use super::binomial::{Binomial, Doubles};
use crate::tensor::random::mt19937::Mt19937 as Core;

impl Doubles for Core {
    fn next_double(&mut self) -> f64 {
        Core::next_double(self)
    }
}

/// numpy's legacy generator: the shared Mersenne Twister plus the state numpy's legacy
/// samplers keep between calls.
#[derive(Clone)]
pub(crate) struct Mt19937 {
    core: Core,
    gauss: Option<f64>,
    binomial: Option<Binomial>,
}

impl Mt19937 {
    fn of(core: Core) -> Mt19937 {
        Mt19937 {
            core,
            gauss: None,
            binomial: None,
        }
    }

    /// `init_genrand(seed)`, as numpy seeds from an integer.
    pub fn from_seed(seed: u32) -> Mt19937 {
        Mt19937::of(Core::from_seed(seed))
    }

    /// `init_by_array(keys)`, as numpy seeds from a sequence of integers.
    pub fn from_array(init: &[u32]) -> Mt19937 {
        Mt19937::of(Core::from_array(init))
    }

    pub fn next_u32(&mut self) -> u32 {
        self.core.next_u32()
    }

    pub fn next_u64(&mut self) -> u64 {
        let hi = self.next_u32() as u64;
        (hi << 32) | self.next_u32() as u64
    }

    /// A double in [0, 1) with 53 random bits.
    pub fn next_double(&mut self) -> f64 {
        self.core.next_double()
    }

    /// The legacy standard normal: polar Box-Muller, the second value kept for next time.
    pub fn gauss(&mut self) -> f64 {
        if let Some(g) = self.gauss.take() {
            return g;
        }
        loop {
            let x1 = 2.0 * self.next_double() - 1.0;
            let x2 = 2.0 * self.next_double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// `off + [0, rng]` by masked rejection, as `randint` draws 64-bit integers.
    pub fn bounded_u64(&mut self, off: u64, rng: u64) -> u64 {
        if rng == 0 {
            return off;
        }
        if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                return off.wrapping_add(self.next_u32() as u64);
            }
            let mask = mask_of(rng) as u32;
            loop {
                let v = self.next_u32() & mask;
                if v as u64 <= rng {
                    return off.wrapping_add(v as u64);
                }
            }
        }
        if rng == u64::MAX {
            return off.wrapping_add(self.next_u64());
        }
        let mask = mask_of(rng);
        loop {
            let v = self.next_u64() & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    }

    /// `off + [0, rng]` for 8-bit dtypes: four draws from each 32-bit word.
    pub fn bounded_u8(&mut self, off: u8, rng: u8, buf: &mut (u32, u32)) -> u8 {
        if rng == 0 {
            return off;
        }
        let mask = mask_of(rng as u64) as u8;
        loop {
            if buf.1 == 0 {
                buf.0 = self.next_u32();
                buf.1 = 3;
            } else {
                buf.0 >>= 8;
                buf.1 -= 1;
            }
            let v = (buf.0 as u8) & mask;
            if v <= rng {
                return off.wrapping_add(v);
            }
        }
    }

    /// A bool for `randint(0, 2, dtype=bool)`: one bit of each 32-bit word at a time.
    pub fn bounded_bool(&mut self, off: bool, rng: bool, buf: &mut (u32, u32)) -> bool {
        if !rng {
            return off;
        }
        if buf.1 == 0 {
            buf.0 = self.next_u32();
            buf.1 = 31;
        } else {
            buf.0 >>= 1;
            buf.1 -= 1;
        }
        buf.0 & 1 != 0
    }

    /// The legacy standard exponential: `-log(1 - U)`.
    pub fn standard_exponential(&mut self) -> f64 {
        -(1.0 - self.next_double()).ln()
    }

    pub fn binomial(&mut self, n: i64, p: f64) -> i64 {
        super::binomial::binomial(&mut self.core, &mut self.binomial, n, p)
    }
}

/// The smallest all-ones bit mask covering `max`.
pub(super) fn mask_of(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

impl super::Bits for Mt19937 {
    fn next_u32(&mut self) -> u32 {
        Mt19937::next_u32(self)
    }

    fn next_u64(&mut self) -> u64 {
        Mt19937::next_u64(self)
    }
}

pub(crate) mod tests {
    use super::*;

    // Values numpy 1.26 gives: np.random.seed(0); np.random.rand(), np.random.randn().
    fn seeded_draws_match_numpy() {
        let mut r = Mt19937::from_seed(0);
        assert_eq!(r.next_double(), 0.5488135039273248);
        let mut r = Mt19937::from_seed(0);
        assert_eq!(r.gauss(), 1.764052345967664);
        let mut r = Mt19937::from_seed(42);
        assert_eq!(r.next_double(), 0.3745401188473625);
    }

    unit_cases!(seeded_draws_match_numpy);
}
