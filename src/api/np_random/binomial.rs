//! numpy's binomial sampler (`random_binomial` in numpy's distributions.c), shared by the
//! legacy `RandomState` and the new `Generator`: inversion when `n * min(p, 1 - p) <= 30`,
//! Kachitvichyanukul and Schmeiser's BTPE otherwise, with the setup kept between calls
//! with the same `n` and `p` as numpy keeps it.

/// A source of doubles in [0, 1), each from one draw as its bit generator makes them.
pub(crate) trait Doubles {
    fn next_double(&mut self) -> f64;
}

/// The binomial sampler's setup, kept between calls with the same `n` and `p`.
#[derive(Clone, Default)]
pub(crate) struct Binomial {
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

/// One binomial draw of `n` trials with success probability `p` (numpy's
/// `random_binomial`), `cache` keeping the setup for the next call.
pub(crate) fn binomial<S: Doubles>(s: &mut S, cache: &mut Option<Binomial>, n: i64, p: f64) -> i64 {
    if n == 0 || p == 0.0 {
        return 0;
    }
    if p <= 0.5 {
        if p * n as f64 <= 30.0 {
            inversion(s, cache, n, p)
        } else {
            btpe(s, cache, n, p)
        }
    } else {
        let q = 1.0 - p;
        if q * n as f64 <= 30.0 {
            n - inversion(s, cache, n, q)
        } else {
            n - btpe(s, cache, n, q)
        }
    }
}

fn setup(cache: &Option<Binomial>, n: i64, p: f64) -> Option<Binomial> {
    cache.clone().filter(|b| b.n == n && b.p == p)
}

fn inversion<S: Doubles>(s: &mut S, cache: &mut Option<Binomial>, n: i64, p: f64) -> i64 {
    let b = match setup(cache, n, p) {
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
            *cache = Some(b.clone());
            b
        }
    };
    let (q, qn, bound) = (b.q, b.r, b.m);
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = s.next_double();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = s.next_double();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

fn btpe<S: Doubles>(s: &mut S, cache: &mut Option<Binomial>, n: i64, p: f64) -> i64 {
    let b = match setup(cache, n, p) {
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
            *cache = Some(b.clone());
            b
        }
    };
    let (r, q, m, p1, xm, xl, xr, c) = (b.r, b.q, b.m, b.p1, b.xm, b.xl, b.xr, b.c);
    let (laml, lamr, p2, p3, p4) = (b.laml, b.lamr, b.p2, b.p3, b.p4);
    let nf = n as f64;
    let y = 'draw: loop {
        let nrq = nf * r * q;
        let u = s.next_double() * p4;
        let mut v = s.next_double();
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
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
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
