//! numpy 1.26's legacy `RandomState` over the shared Mersenne Twister: seeding by
//! `init_genrand` (an integer) or `init_by_array` (a sequence), 32-bit draws, 53-bit
//! doubles from two draws, and the legacy distributions built on them — the polar
//! Box-Muller normal with its cached second value, masked-rejection integers, and the
//! inversion and BTPE binomial samplers — so seeded draws equal numpy's bit for bit.

use crate::tensor::random::mt19937::Mt19937 as Core;

/// The binomial sampler's setup, kept between calls with the same `n` and `p`.
#[derive(Clone, Default)]
struct Binomial {
    n: i64,
    p: f64,
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
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

    /// A uniform integer in `[0, max]` (numpy's `random_interval`, used by `shuffle`).
    pub fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = mask_of(max);
        if max <= 0xffff_ffff {
            loop {
                let v = (self.next_u32() as u64) & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.next_u64() & mask;
            if v <= max {
                return v;
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
        if n == 0 || p == 0.0 {
            return 0;
        }
        if p <= 0.5 {
            if p * n as f64 <= 30.0 {
                self.binomial_inversion(n, p)
            } else {
                self.binomial_btpe(n, p)
            }
        } else {
            let q = 1.0 - p;
            if q * n as f64 <= 30.0 {
                n - self.binomial_inversion(n, q)
            } else {
                n - self.binomial_btpe(n, q)
            }
        }
    }

    fn setup(&mut self, n: i64, p: f64) -> Option<Binomial> {
        self.binomial.clone().filter(|b| b.n == n && b.p == p)
    }

    fn binomial_inversion(&mut self, n: i64, p: f64) -> i64 {
        let b = match self.setup(n, p) {
            Some(b) => b,
            None => {
                let q = 1.0 - p;
                let np = n as f64 * p;
                let b = Binomial {
                    n,
                    p,
                    q,
                    r: (n as f64 * q.ln()).exp(),
                    c: np,
                    m: (n as f64).min(np + 10.0 * (np * q + 1.0).sqrt()) as i64,
                    ..Binomial::default()
                };
                self.binomial = Some(b.clone());
                b
            }
        };
        let (q, qn, bound) = (b.q, b.r, b.m);
        let mut x: i64 = 0;
        let mut px = qn;
        let mut u = self.next_double();
        while u > px {
            x += 1;
            if x > bound {
                x = 0;
                px = qn;
                u = self.next_double();
            } else {
                u -= px;
                px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
            }
        }
        x
    }

    fn binomial_btpe(&mut self, n: i64, p: f64) -> i64 {
        let b = match self.setup(n, p) {
            Some(b) => b,
            None => {
                let r = p.min(1.0 - p);
                let q = 1.0 - r;
                let fm = n as f64 * r + r;
                let m = fm.floor() as i64;
                let p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
                let xm = m as f64 + 0.5;
                let xl = xm - p1;
                let xr = xm + p1;
                let c = 0.134 + 20.5 / (15.3 + m as f64);
                let a = (fm - xl) / (fm - xl * r);
                let laml = a * (1.0 + a / 2.0);
                let a = (xr - fm) / (xr * q);
                let lamr = a * (1.0 + a / 2.0);
                let p2 = p1 * (1.0 + 2.0 * c);
                let p3 = p2 + c / laml;
                let p4 = p3 + c / lamr;
                let b = Binomial {
                    n,
                    p,
                    r,
                    q,
                    m,
                    p1,
                    xm,
                    xl,
                    xr,
                    c,
                    laml,
                    lamr,
                    p2,
                    p3,
                    p4,
                };
                self.binomial = Some(b.clone());
                b
            }
        };
        let (r, q, m, p1, xm, xl, xr, c) = (b.r, b.q, b.m, b.p1, b.xm, b.xl, b.xr, b.c);
        let (laml, lamr, p2, p3, p4) = (b.laml, b.lamr, b.p2, b.p3, b.p4);
        let nf = n as f64;
        let y = 'draw: loop {
            let nrq = nf * r * q;
            let u = self.next_double() * p4;
            let mut v = self.next_double();
            let y: i64;
            if u <= p1 {
                break 'draw (xm - p1 * v + u).floor() as i64;
            } else if u <= p2 {
                let x = xl + (u - p1) / c;
                v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
                if v > 1.0 {
                    continue;
                }
                y = x.floor() as i64;
            } else if u <= p3 {
                y = (xl + v.ln() / laml).floor() as i64;
                if y < 0 || v == 0.0 {
                    continue;
                }
                v *= (u - p2) * laml;
            } else {
                y = (xr - v.ln() / lamr).floor() as i64;
                if y > n || v == 0.0 {
                    continue;
                }
                v *= (u - p3) * lamr;
            }
            let k = (y - m).abs();
            if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
                let s = r / q;
                let a = s * (nf + 1.0);
                let mut f = 1.0;
                if m < y {
                    for i in m + 1..=y {
                        f *= a / i as f64 - s;
                    }
                } else if m > y {
                    for i in y + 1..=m {
                        f /= a / i as f64 - s;
                    }
                }
                if v > f {
                    continue;
                }
                break 'draw y;
            }
            let kf = k as f64;
            let rho =
                (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
            let t = -kf * kf / (2.0 * nrq);
            let aa = v.ln();
            if aa < t - rho {
                break 'draw y;
            }
            if aa > t + rho {
                continue;
            }
            let x1 = (y + 1) as f64;
            let f1 = (m + 1) as f64;
            let z = (n + 1 - m) as f64;
            let w = (n - y + 1) as f64;
            let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
            let tail = |a2: f64, a1: f64| {
                (13680. - (462. - (132. - (99. - 140. / a2) / a2) / a2) / a2) / a1 / 166320.
            };
            let bound = xm * (f1 / x1).ln()
                + (nf - m as f64 + 0.5) * (z / w).ln()
                + (y - m) as f64 * (w * r / (x1 * q)).ln()
                + tail(f2, f1)
                + tail(z2, z)
                + tail(x2, x1)
                + tail(w2, w);
            if aa > bound {
                continue;
            }
            break 'draw y;
        };
        if p > 0.5 {
            n - y
        } else {
            y
        }
    }
}

/// The smallest all-ones bit mask covering `max`.
fn mask_of(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values numpy 1.26 gives: np.random.seed(0); np.random.rand(), np.random.randn().
    #[test]
    fn seeded_draws_match_numpy() {
        let mut r = Mt19937::from_seed(0);
        assert_eq!(r.next_double(), 0.5488135039273248);
        let mut r = Mt19937::from_seed(0);
        assert_eq!(r.gauss(), 1.764052345967664);
        let mut r = Mt19937::from_seed(42);
        assert_eq!(r.next_double(), 0.3745401188473625);
    }
}
