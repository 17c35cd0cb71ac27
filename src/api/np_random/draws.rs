//! The samplers numpy's `Generator` runs on its bit generator (numpy/random/src/
//! distributions/distributions.c): the ziggurat normal and exponential in double and
//! float32, Lemire's bounded integers (a 64-bit draw, a 32-bit half, or 8 bits cut from a
//! 32-bit word kept for the rest of the fill), the masked `random_interval` that
//! `shuffle` uses, and the Poisson sampler (multiplication below 10, Hörmann's PTRS above).

use super::binomial::Doubles;
use super::pcg64::Pcg64;
use super::ziggurat::*;

impl Doubles for Pcg64 {
    fn next_double(&mut self) -> f64 {
        Pcg64::next_double(self)
    }
}

/// The 32-bit word numpy's 8-bit (and bool) draws are cut from, and how many cuts remain.
#[derive(Default)]
pub(crate) struct Buffer {
    word: u32,
    left: u32,
}

/// Largest `lam` numpy's Poisson sampler takes.
pub(super) fn poisson_lam_max() -> f64 {
    let max = i64::MAX as f64;
    max - max.sqrt() * 10.0
}

impl Pcg64 {
    pub fn standard_normal(&mut self) -> f64 {
        loop {
            let mut r = self.next_u64();
            let idx = (r & 0xff) as usize;
            r >>= 8;
            let sign = r & 1;
            let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
            let mut x = rabs as f64 * f64::from_bits(WI_DOUBLE[idx]);
            if sign == 1 {
                x = -x;
            }
            if rabs < KI_DOUBLE[idx] {
                return x;
            }
            if idx == 0 {
                let (r, inv_r) = (f64::from_bits(NOR_R), f64::from_bits(NOR_INV_R));
                loop {
                    let xx = -inv_r * (-self.next_double()).ln_1p();
                    let yy = -(-self.next_double()).ln_1p();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -(r + xx)
                        } else {
                            r + xx
                        };
                    }
                }
            }
            let (f0, f1) = (
                f64::from_bits(FI_DOUBLE[idx - 1]),
                f64::from_bits(FI_DOUBLE[idx]),
            );
            if (f0 - f1) * self.next_double() + f1 < (-0.5 * x * x).exp() {
                return x;
            }
        }
    }

    pub fn standard_normal_f32(&mut self) -> f32 {
        loop {
            let r = self.next_u32();
            let idx = (r & 0xff) as usize;
            let sign = (r >> 8) & 1;
            let rabs = (r >> 9) & 0x007f_ffff;
            let mut x = rabs as f32 * f32::from_bits(WI_FLOAT[idx]);
            if sign == 1 {
                x = -x;
            }
            if rabs < KI_FLOAT[idx] {
                return x;
            }
            if idx == 0 {
                let (r, inv_r) = (f32::from_bits(NOR_R_F), f32::from_bits(NOR_INV_R_F));
                loop {
                    let xx = -inv_r * (-self.next_float()).ln_1p();
                    let yy = -(-self.next_float()).ln_1p();
                    if yy + yy > xx * xx {
                        return if (rabs >> 8) & 1 == 1 {
                            -(r + xx)
                        } else {
                            r + xx
                        };
                    }
                }
            }
            let (f0, f1) = (
                f32::from_bits(FI_FLOAT[idx - 1]),
                f32::from_bits(FI_FLOAT[idx]),
            );
            // numpy compares the float with a double exp of the float promoted.
            let xd = x as f64;
            if (((f0 - f1) * self.next_float() + f1) as f64) < (-0.5 * xd * xd).exp() {
                return x;
            }
        }
    }

    pub fn standard_exponential(&mut self) -> f64 {
        loop {
            let mut ri = self.next_u64() >> 3;
            let idx = (ri & 0xff) as usize;
            ri >>= 8;
            let x = ri as f64 * f64::from_bits(WE_DOUBLE[idx]);
            if ri < KE_DOUBLE[idx] {
                return x;
            }
            if idx == 0 {
                return f64::from_bits(EXP_R) - (-self.next_double()).ln_1p();
            }
            let (f0, f1) = (
                f64::from_bits(FE_DOUBLE[idx - 1]),
                f64::from_bits(FE_DOUBLE[idx]),
            );
            if (f0 - f1) * self.next_double() + f1 < (-x).exp() {
                return x;
            }
        }
    }

    pub fn standard_exponential_f32(&mut self) -> f32 {
        loop {
            let mut ri = self.next_u32() >> 1;
            let idx = (ri & 0xff) as usize;
            ri >>= 8;
            let x = ri as f32 * f32::from_bits(WE_FLOAT[idx]);
            if ri < KE_FLOAT[idx] {
                return x;
            }
            if idx == 0 {
                return f32::from_bits(EXP_R_F) - (-self.next_float()).ln_1p();
            }
            let (f0, f1) = (
                f32::from_bits(FE_FLOAT[idx - 1]),
                f32::from_bits(FE_FLOAT[idx]),
            );
            if (f0 - f1) * self.next_float() + f1 < (-x).exp() {
                return x;
            }
        }
    }

    /// `off + [0, rng]` as numpy's `random_bounded_uint64` draws one (Lemire's method).
    pub fn bounded_u64(&mut self, off: u64, rng: u64) -> u64 {
        if rng == 0 {
            off
        } else if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                return off.wrapping_add(self.next_u32() as u64);
            }
            off.wrapping_add(self.lemire_u32(rng as u32) as u64)
        } else if rng == u64::MAX {
            off.wrapping_add(self.next_u64())
        } else {
            off.wrapping_add(self.lemire_u64(rng))
        }
    }

    fn lemire_u64(&mut self, rng: u64) -> u64 {
        let excl = rng + 1;
        let mut m = self.next_u64() as u128 * excl as u128;
        let mut leftover = m as u64;
        if leftover < excl {
            let threshold = (u64::MAX - rng) % excl;
            while leftover < threshold {
                m = self.next_u64() as u128 * excl as u128;
                leftover = m as u64;
            }
        }
        (m >> 64) as u64
    }

    fn lemire_u32(&mut self, rng: u32) -> u32 {
        let excl = rng + 1;
        let mut m = self.next_u32() as u64 * excl as u64;
        let mut leftover = m as u32;
        if leftover < excl {
            let threshold = (u32::MAX - rng) % excl;
            while leftover < threshold {
                m = self.next_u32() as u64 * excl as u64;
                leftover = m as u32;
            }
        }
        (m >> 32) as u32
    }

    /// `off + [0, rng]` for 32-bit dtypes (`random_buffered_bounded_uint32`).
    pub fn bounded_u32(&mut self, off: u32, rng: u32) -> u32 {
        match rng {
            0 => off,
            u32::MAX => off.wrapping_add(self.next_u32()),
            _ => off.wrapping_add(self.lemire_u32(rng)),
        }
    }

    fn buffered_u8(&mut self, b: &mut Buffer) -> u8 {
        if b.left == 0 {
            b.word = self.next_u32();
            b.left = 3;
        } else {
            b.word >>= 8;
            b.left -= 1;
        }
        b.word as u8
    }

    /// `off + [0, rng]` for 8-bit dtypes, cutting draws from `b`.
    pub fn bounded_u8(&mut self, off: u8, rng: u8, b: &mut Buffer) -> u8 {
        if rng == 0 {
            return off;
        }
        if rng == u8::MAX {
            return off.wrapping_add(self.buffered_u8(b));
        }
        let excl = rng as u32 + 1;
        let mut m = self.buffered_u8(b) as u32 * excl;
        let mut leftover = m & 0xff;
        if leftover < excl {
            let threshold = (u8::MAX as u32 - rng as u32) % excl;
            while leftover < threshold {
                m = self.buffered_u8(b) as u32 * excl;
                leftover = m & 0xff;
            }
        }
        off.wrapping_add((m >> 8) as u8)
    }

    /// A bool in `[off, off + rng]`: one bit of a 32-bit word at a time.
    pub fn bounded_bool(&mut self, off: bool, rng: bool, b: &mut Buffer) -> bool {
        if !rng {
            return off;
        }
        if b.left == 0 {
            b.word = self.next_u32();
            b.left = 31;
        } else {
            b.word >>= 1;
            b.left -= 1;
        }
        b.word & 1 != 0
    }

    pub fn poisson(&mut self, lam: f64) -> i64 {
        if lam >= 10.0 {
            self.poisson_ptrs(lam)
        } else if lam == 0.0 {
            0
        } else {
            let enlam = (-lam).exp();
            let mut x = 0;
            let mut prod = 1.0;
            loop {
                prod *= self.next_double();
                if prod > enlam {
                    x += 1;
                } else {
                    return x;
                }
            }
        }
    }

    fn poisson_ptrs(&mut self, lam: f64) -> i64 {
        let slam = lam.sqrt();
        let loglam = lam.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = self.next_double() - 0.5;
            let v = self.next_double();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
            if us >= 0.07 && v <= vr {
                return k;
            }
            if k < 0 || (us < 0.013 && v > us) {
                continue;
            }
            if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
                <= -lam + k as f64 * loglam - loggam((k + 1) as f64)
            {
                return k;
            }
        }
    }
}

/// `log(gamma(x))` as numpy's `random_loggam` computes it (Stirling's series).
fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333333333333333e-02,
        -2.777777777777778e-03,
        7.936507936507937e-04,
        -5.952380952380952e-04,
        8.417508417508418e-04,
        -1.917526917526918e-03,
        6.41025641025641e-03,
        -2.955065359477124e-02,
        1.796443723688307e-01,
        -1.39243221690590e+00,
    ];
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.8378770664093453e+00;
    let mut gl0 = A[9];
    for k in (0..9).rev() {
        gl0 *= x2;
        gl0 += A[k];
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 1..=n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

pub(crate) mod tests {
    use super::super::pcg64::{int_words, Pcg64};
    use super::Buffer;

    fn seeded(seed: u32) -> Pcg64 {
        Pcg64::from_entropy_words(&int_words(&[seed]))
    }

    // Values numpy 1.26.4 gives for np.random.default_rng(0).
    fn ziggurat_draws_match_numpy() {
        let mut g = seeded(0);
        let got: Vec<f64> = (0..3).map(|_| g.standard_normal()).collect();
        assert_eq!(
            got,
            [0.1257302210933933, -0.1321048632913019, 0.6404226504432821]
        );
        let mut g = seeded(0);
        let got: Vec<f64> = (0..3).map(|_| g.standard_exponential()).collect();
        assert_eq!(
            got,
            [0.6799319039689096, 1.0195971014658647, 0.019806662589055352]
        );
        let mut g = seeded(0);
        let got: Vec<f64> = (0..3).map(|_| g.standard_normal_f32() as f64).collect();
        assert_eq!(
            got,
            [1.1176220178604126, -1.3871248960494995, -0.4265716075897217]
        );
    }

    fn bounded_integers_match_numpy() {
        let mut g = seeded(0);
        let got: Vec<u32> = (0..6).map(|_| g.bounded_u32(0, 9)).collect();
        assert_eq!(got, [8, 6, 5, 2, 3, 0]);
        let mut g = seeded(0);
        let mut b = Buffer::default();
        let got: Vec<u8> = (0..6).map(|_| g.bounded_u8(0, 9, &mut b)).collect();
        assert_eq!(got, [3, 5, 7, 8, 8, 9]);
        let mut g = seeded(0);
        let got: Vec<u64> = (0..3).map(|_| g.bounded_u64(0, (1 << 40) - 1)).collect();
        assert_eq!(got, [700346781657, 296633628802, 45050865998]);
    }

    fn discrete_draws_match_numpy() {
        let mut g = seeded(0);
        let small: Vec<i64> = (0..4).map(|_| g.poisson(3.0)).collect();
        let large: Vec<i64> = (0..3).map(|_| g.poisson(300.0)).collect();
        assert_eq!((small, large), (vec![2, 0, 7, 1], vec![312, 322, 290]));
        let mut g = seeded(0);
        let mut cache = None;
        let mut draw = |n, p| super::super::binomial::binomial(&mut g, &mut cache, n, p);
        let small: Vec<i64> = (0..4).map(|_| draw(20, 0.3)).collect();
        let large: Vec<i64> = (0..3).map(|_| draw(2000, 0.3)).collect();
        assert_eq!((small, large), (vec![7, 5, 3, 2], vec![605, 593, 597]));
    }

    unit_cases!(
        ziggurat_draws_match_numpy,
        bounded_integers_match_numpy,
        discrete_draws_match_numpy,
    );
}
