//! The SVD of a bidiagonal matrix as LAPACK's `dbdsdc` computes it below 26 columns
//! (through `dlasdq`): `dbdsqr`'s implicit zero-shift and shifted QR sweeps with `dlas2`'s
//! shifts and `dlasv2`'s 2×2 steps, the rotations applied to the vectors by `dlasr`, then
//! the values made positive and sorted. Larger matrices take the same path here, where
//! LAPACK divides and conquers, and values alone are swept too, where LAPACK runs `dqds`;
//! both agree to rounding.

use super::eigh::{dlartg, dlasr_right};
use super::{sign, Mat};

/// LAPACK's `dlas2`: the singular values `(min, max)` of `[f g; 0 h]`.
fn dlas2(f: f64, g: f64, h: f64) -> (f64, f64) {
    let (fa, ga, ha) = (f.abs(), g.abs(), h.abs());
    let fhmn = fa.min(ha);
    let fhmx = fa.max(ha);
    if fhmn == 0.0 {
        let ssmax = if fhmx == 0.0 {
            ga
        } else {
            let (mx, mn) = (fhmx.max(ga), fhmx.min(ga));
            mx * (1.0 + (mn / mx).powi(2)).sqrt()
        };
        (0.0, ssmax)
    } else if ga < fhmx {
        let as_ = 1.0 + fhmn / fhmx;
        let at = (fhmx - fhmn) / fhmx;
        let au = (ga / fhmx).powi(2);
        let cc = 2.0 / ((as_ * as_ + au).sqrt() + (at * at + au).sqrt());
        (fhmn * cc, fhmx / cc)
    } else {
        let au = fhmx / ga;
        if au == 0.0 {
            ((fhmn * fhmx) / ga, ga)
        } else {
            let as_ = 1.0 + fhmn / fhmx;
            let at = (fhmx - fhmn) / fhmx;
            let cc = 1.0 / ((1.0 + (as_ * au).powi(2)).sqrt() + (1.0 + (at * au).powi(2)).sqrt());
            let ssmin = (fhmn * cc) * au;
            (ssmin + ssmin, ga / (cc + cc))
        }
    }
}

/// LAPACK's `dlasv2`: the SVD of `[f g; 0 h]` →
/// `(ssmin, ssmax, snr, csr, snl, csl)`.
fn dlasv2(f: f64, g: f64, h: f64) -> (f64, f64, f64, f64, f64, f64) {
    let mut ft = f;
    let mut fa = ft.abs();
    let mut ht = h;
    let mut ha = h.abs();
    let mut pmax = 1;
    let swap = ha > fa;
    if swap {
        pmax = 3;
        std::mem::swap(&mut ft, &mut ht);
        std::mem::swap(&mut fa, &mut ha);
    }
    let gt = g;
    let ga = gt.abs();
    let (mut ssmin, mut ssmax, clt, crt, slt, srt);
    if ga == 0.0 {
        ssmin = ha;
        ssmax = fa;
        clt = 1.0;
        crt = 1.0;
        slt = 0.0;
        srt = 0.0;
    } else {
        let mut gasmal = true;
        let (mut c_lt, mut c_rt, mut s_lt, mut s_rt) = (0.0, 0.0, 0.0, 0.0);
        ssmin = 0.0;
        ssmax = 0.0;
        if ga > fa {
            pmax = 2;
            if fa / ga < f64::EPSILON / 2.0 {
                gasmal = false;
                ssmax = ga;
                ssmin = if ha > 1.0 {
                    fa / (ga / ha)
                } else {
                    (fa / ga) * ha
                };
                c_lt = 1.0;
                s_lt = ht / gt;
                s_rt = 1.0;
                c_rt = ft / gt;
            }
        }
        if gasmal {
            let d = fa - ha;
            let mut l = if d == fa { 1.0 } else { d / fa };
            let m = gt / ft;
            let mut t = 2.0 - l;
            let mm = m * m;
            let tt = t * t;
            let s = (tt + mm).sqrt();
            let r = if l == 0.0 {
                m.abs()
            } else {
                (l * l + mm).sqrt()
            };
            let a = 0.5 * (s + r);
            ssmin = ha / a;
            ssmax = fa * a;
            if mm == 0.0 {
                if l == 0.0 {
                    t = sign(2.0, ft) * sign(1.0, gt);
                } else {
                    t = gt / sign(d, ft) + m / t;
                }
            } else {
                t = (m / (s + t) + m / (r + l)) * (1.0 + a);
            }
            l = (t * t + 4.0).sqrt();
            c_rt = 2.0 / l;
            s_rt = t / l;
            c_lt = (c_rt + s_rt * m) / a;
            s_lt = (ht / ft) * s_rt / a;
        }
        clt = c_lt;
        crt = c_rt;
        slt = s_lt;
        srt = s_rt;
    }
    let (csl, snl, csr, snr) = if swap {
        (srt, crt, slt, clt)
    } else {
        (clt, slt, crt, srt)
    };
    let tsign = match pmax {
        1 => sign(1.0, csr) * sign(1.0, csl) * sign(1.0, f),
        2 => sign(1.0, snr) * sign(1.0, csl) * sign(1.0, g),
        _ => sign(1.0, snr) * sign(1.0, snl) * sign(1.0, h),
    };
    ssmax = sign(ssmax, tsign);
    ssmin = sign(ssmin, tsign * sign(1.0, f) * sign(1.0, h));
    (ssmin, ssmax, snr, csr, snl, csl)
}

/// LAPACK's `dlasr('L', 'V', direct)` on rows `row0..row0 + count` of `a`.
fn dlasr_left(a: &mut Mat<f64>, row0: usize, count: usize, cs: &[f64], sn: &[f64], fwd: bool) {
    let steps: Vec<usize> = if fwd {
        (0..count.saturating_sub(1)).collect()
    } else {
        (0..count.saturating_sub(1)).rev().collect()
    };
    for j in steps {
        let (ct, st) = (cs[j], sn[j]);
        if ct != 1.0 || st != 0.0 {
            for i in 0..a.cols {
                let temp = a[(row0 + j + 1, i)];
                a[(row0 + j + 1, i)] = ct * temp - st * a[(row0 + j, i)];
                a[(row0 + j, i)] = st * temp + ct * a[(row0 + j, i)];
            }
        }
    }
}

/// LAPACK's `dbdsqr` on the upper bidiagonal `(d, e)`, rotating the rows of `vt` and the
/// columns of `u`. False when it did not converge.
fn dbdsqr(
    d: &mut [f64],
    e: &mut [f64],
    mut vt: Option<&mut Mat<f64>>,
    mut u: Option<&mut Mat<f64>>,
) -> bool {
    let n = d.len();
    if n == 0 {
        return true;
    }
    // 1-based copies.
    let mut dd = vec![0.0; n + 1];
    let mut ee = vec![0.0; n + 1];
    dd[1..].copy_from_slice(d);
    ee[1..n].copy_from_slice(&e[..n - 1]);
    let ok = n == 1 || sweeps(&mut dd, &mut ee, n, vt.as_deref_mut(), u.as_deref_mut());
    if !ok {
        return false;
    }
    // Make the values positive, then sort them decreasingly.
    for i in 1..=n {
        if dd[i] == 0.0 {
            dd[i] = 0.0;
        }
        if dd[i] < 0.0 {
            dd[i] = -dd[i];
            if let Some(vt) = vt.as_deref_mut() {
                for cidx in 0..vt.cols {
                    vt[(i - 1, cidx)] = -vt[(i - 1, cidx)];
                }
            }
        }
    }
    for i in 1..n {
        let mut isub = 1;
        let mut smin = dd[1];
        for (j, &v) in dd.iter().enumerate().take(n + 2 - i).skip(2) {
            if v <= smin {
                isub = j;
                smin = v;
            }
        }
        let last = n + 1 - i;
        if isub != last {
            dd[isub] = dd[last];
            dd[last] = smin;
            if let Some(vt) = vt.as_deref_mut() {
                vt.swap_rows(isub - 1, last - 1);
            }
            if let Some(u) = u.as_deref_mut() {
                u.swap_cols(isub - 1, last - 1);
            }
        }
    }
    d.copy_from_slice(&dd[1..]);
    e.iter_mut().for_each(|v| *v = 0.0);
    true
}

/// The QR sweeps of `dbdsqr` (labels 60 to 160), on 1-based arrays.
fn sweeps(
    dd: &mut [f64],
    ee: &mut [f64],
    n: usize,
    mut vt: Option<&mut Mat<f64>>,
    mut u: Option<&mut Mat<f64>>,
) -> bool {
    let eps = f64::EPSILON / 2.0;
    let unfl = f64::MIN_POSITIVE;
    let tolmul = 10f64.max(100f64.min(eps.powf(-0.125)));
    let tol = tolmul * eps;
    let maxitr = 6.0;
    let mut smax = 0.0f64;
    for i in 1..=n {
        smax = smax.max(dd[i].abs());
    }
    for i in 1..n {
        smax = smax.max(ee[i].abs());
    }
    let mut sminoa = dd[1].abs();
    if sminoa != 0.0 {
        let mut mu = sminoa;
        for i in 2..=n {
            mu = dd[i].abs() * (mu / (mu + ee[i - 1].abs()));
            sminoa = sminoa.min(mu);
            if sminoa == 0.0 {
                break;
            }
        }
    }
    sminoa /= (n as f64).sqrt();
    let thresh = (tol * sminoa).max(maxitr * (n as f64 * (n as f64 * unfl)));
    let maxitdivn = 6 * n;
    let mut iterdivn = 0;
    let mut iter: isize = -1;
    let (mut oldll, mut oldm): (isize, isize) = (-1, -1);
    let mut idir = 0;
    let mut m = n;
    let mut work = vec![0.0; 4 * n + 1];
    let (nm1, nm12, nm13) = (n - 1, 2 * (n - 1), 3 * (n - 1));
    let mut smin;
    'main: loop {
        if m <= 1 {
            return true;
        }
        if iter >= n as isize {
            iter -= n as isize;
            iterdivn += 1;
            if iterdivn >= maxitdivn {
                return false;
            }
        }
        // Find a diagonal block to work on.
        let mut smax = dd[m].abs();
        let mut ll = 0;
        let mut split = false;
        for lll in 1..m {
            ll = m - lll;
            let abss = dd[ll].abs();
            let abse = ee[ll].abs();
            if abse <= thresh {
                split = true;
                break;
            }
            smax = smax.max(abss).max(abse);
        }
        if split {
            ee[ll] = 0.0;
            if ll == m - 1 {
                m -= 1;
                continue 'main;
            }
        } else {
            ll = 0;
        }
        ll += 1;
        if ll == m - 1 {
            // A 2x2 block.
            let (sigmn, sigmx, sinr, cosr, sinl, cosl) = dlasv2(dd[m - 1], ee[m - 1], dd[m]);
            dd[m - 1] = sigmx;
            ee[m - 1] = 0.0;
            dd[m] = sigmn;
            if let Some(vt) = vt.as_deref_mut() {
                for cidx in 0..vt.cols {
                    let (x, y) = (vt[(m - 2, cidx)], vt[(m - 1, cidx)]);
                    vt[(m - 2, cidx)] = cosr * x + sinr * y;
                    vt[(m - 1, cidx)] = cosr * y - sinr * x;
                }
            }
            if let Some(u) = u.as_deref_mut() {
                for r in 0..u.rows {
                    let (x, y) = (u[(r, m - 2)], u[(r, m - 1)]);
                    u[(r, m - 2)] = cosl * x + sinl * y;
                    u[(r, m - 1)] = cosl * y - sinl * x;
                }
            }
            m -= 2;
            continue 'main;
        }
        if ll as isize > oldm || (m as isize) < oldll {
            idir = if dd[ll].abs() >= dd[m].abs() { 1 } else { 2 };
        }
        // Convergence tests.
        if idir == 1 {
            if ee[m - 1].abs() <= tol.abs() * dd[m].abs() {
                ee[m - 1] = 0.0;
                continue 'main;
            }
            let mut mu = dd[ll].abs();
            smin = mu;
            for lll in ll..m {
                if ee[lll].abs() <= tol * mu {
                    ee[lll] = 0.0;
                    continue 'main;
                }
                mu = dd[lll + 1].abs() * (mu / (mu + ee[lll].abs()));
                smin = smin.min(mu);
            }
        } else {
            if ee[ll].abs() <= tol.abs() * dd[ll].abs() {
                ee[ll] = 0.0;
                continue 'main;
            }
            let mut mu = dd[m].abs();
            smin = mu;
            for lll in (ll..m).rev() {
                if ee[lll].abs() <= tol * mu {
                    ee[lll] = 0.0;
                    continue 'main;
                }
                mu = dd[lll].abs() * (mu / (mu + ee[lll].abs()));
                smin = smin.min(mu);
            }
        }
        oldll = ll as isize;
        oldm = m as isize;
        // The shift.
        let mut shift;
        if n as f64 * tol * (smin / smax) <= eps.max(0.01 * tol) {
            shift = 0.0;
        } else {
            let sll;
            if idir == 1 {
                sll = dd[ll].abs();
                shift = dlas2(dd[m - 1], ee[m - 1], dd[m]).0;
            } else {
                sll = dd[m].abs();
                shift = dlas2(dd[ll], ee[ll], dd[ll + 1]).0;
            }
            if sll > 0.0 && (shift / sll).powi(2) < eps {
                shift = 0.0;
            }
        }
        iter += (m - ll) as isize;
        let cnt = m - ll + 1;
        if shift == 0.0 {
            if idir == 1 {
                let (mut cs, mut oldcs) = (1.0, 1.0);
                let mut oldsn = 0.0;
                for i in ll..m {
                    let (c1, s1, r) = dlartg(dd[i] * cs, ee[i]);
                    cs = c1;
                    let sn = s1;
                    if i > ll {
                        ee[i - 1] = oldsn * r;
                    }
                    let (c2, s2, r2) = dlartg(oldcs * r, dd[i + 1] * sn);
                    oldcs = c2;
                    oldsn = s2;
                    dd[i] = r2;
                    work[i - ll + 1] = cs;
                    work[i - ll + 1 + nm1] = sn;
                    work[i - ll + 1 + nm12] = oldcs;
                    work[i - ll + 1 + nm13] = oldsn;
                }
                let h = dd[m] * cs;
                dd[m] = h * oldcs;
                ee[m - 1] = h * oldsn;
                rotate_vectors(&mut vt, &mut u, ll, cnt, &work, nm1, nm12, nm13, true);
                if ee[m - 1].abs() <= thresh {
                    ee[m - 1] = 0.0;
                }
            } else {
                let (mut cs, mut oldcs) = (1.0, 1.0);
                let mut oldsn = 0.0;
                for i in (ll + 1..=m).rev() {
                    let (c1, s1, r) = dlartg(dd[i] * cs, ee[i - 1]);
                    cs = c1;
                    let sn = s1;
                    if i < m {
                        ee[i] = oldsn * r;
                    }
                    let (c2, s2, r2) = dlartg(oldcs * r, dd[i - 1] * sn);
                    oldcs = c2;
                    oldsn = s2;
                    dd[i] = r2;
                    work[i - ll] = cs;
                    work[i - ll + nm1] = -sn;
                    work[i - ll + nm12] = oldcs;
                    work[i - ll + nm13] = -oldsn;
                }
                let h = dd[ll] * cs;
                dd[ll] = h * oldcs;
                ee[ll] = h * oldsn;
                rotate_vectors(&mut vt, &mut u, ll, cnt, &work, nm1, nm12, nm13, false);
                if ee[ll].abs() <= thresh {
                    ee[ll] = 0.0;
                }
            }
        } else if idir == 1 {
            let mut f = (dd[ll].abs() - shift) * (sign(1.0, dd[ll]) + shift / dd[ll]);
            let mut g = ee[ll];
            for i in ll..m {
                let (cosr, sinr, r) = dlartg(f, g);
                if i > ll {
                    ee[i - 1] = r;
                }
                f = cosr * dd[i] + sinr * ee[i];
                ee[i] = cosr * ee[i] - sinr * dd[i];
                g = sinr * dd[i + 1];
                dd[i + 1] *= cosr;
                let (cosl, sinl, r) = dlartg(f, g);
                dd[i] = r;
                f = cosl * ee[i] + sinl * dd[i + 1];
                dd[i + 1] = cosl * dd[i + 1] - sinl * ee[i];
                if i < m - 1 {
                    g = sinl * ee[i + 1];
                    ee[i + 1] *= cosl;
                }
                work[i - ll + 1] = cosr;
                work[i - ll + 1 + nm1] = sinr;
                work[i - ll + 1 + nm12] = cosl;
                work[i - ll + 1 + nm13] = sinl;
            }
            ee[m - 1] = f;
            rotate_vectors(&mut vt, &mut u, ll, cnt, &work, nm1, nm12, nm13, true);
            if ee[m - 1].abs() <= thresh {
                ee[m - 1] = 0.0;
            }
        } else {
            let mut f = (dd[m].abs() - shift) * (sign(1.0, dd[m]) + shift / dd[m]);
            let mut g = ee[m - 1];
            for i in (ll + 1..=m).rev() {
                let (cosr, sinr, r) = dlartg(f, g);
                if i < m {
                    ee[i] = r;
                }
                f = cosr * dd[i] + sinr * ee[i - 1];
                ee[i - 1] = cosr * ee[i - 1] - sinr * dd[i];
                g = sinr * dd[i - 1];
                dd[i - 1] *= cosr;
                let (cosl, sinl, r) = dlartg(f, g);
                dd[i] = r;
                f = cosl * ee[i - 1] + sinl * dd[i - 1];
                dd[i - 1] = cosl * dd[i - 1] - sinl * ee[i - 1];
                if i > ll + 1 {
                    g = sinl * ee[i - 2];
                    ee[i - 2] *= cosl;
                }
                work[i - ll] = cosr;
                work[i - ll + nm1] = -sinr;
                work[i - ll + nm12] = cosl;
                work[i - ll + nm13] = -sinl;
            }
            ee[ll] = f;
            if ee[ll].abs() <= thresh {
                ee[ll] = 0.0;
            }
            rotate_vectors(&mut vt, &mut u, ll, cnt, &work, nm1, nm12, nm13, false);
        }
    }
}

/// The `dlasr` calls closing a sweep: `vt`'s rows and `u`'s columns `ll..ll + cnt` (1-based
/// `ll`), forward for a chase down the diagonal.
#[allow(clippy::too_many_arguments)]
fn rotate_vectors(
    vt: &mut Option<&mut Mat<f64>>,
    u: &mut Option<&mut Mat<f64>>,
    ll: usize,
    cnt: usize,
    work: &[f64],
    nm1: usize,
    nm12: usize,
    nm13: usize,
    fwd: bool,
) {
    let seg = |off: usize| -> Vec<f64> { work[off + 1..off + cnt].to_vec() };
    // Forward: VT gets (work, work+nm1) and U (nm12, nm13); backward the other way round.
    let (vc, vs, uc, us) = if fwd {
        (seg(0), seg(nm1), seg(nm12), seg(nm13))
    } else {
        (seg(nm12), seg(nm13), seg(0), seg(nm1))
    };
    if let Some(vt) = vt.as_deref_mut() {
        dlasr_left(vt, ll - 1, cnt, &vc, &vs, fwd);
    }
    if let Some(u) = u.as_deref_mut() {
        dlasr_right(u, ll - 1, cnt, &uc, &us, fwd);
    }
}

/// LAPACK's `dbdsdc` (through `dlasdq`): the SVD of a bidiagonal matrix, upper or lower,
/// with `(U, Vᵀ)` of its order when `vectors`.
pub(super) fn dbdsdc(
    lower: bool,
    d: &mut [f64],
    e: &mut [f64],
    vectors: bool,
) -> Option<(Mat<f64>, Mat<f64>)> {
    let n = d.len();
    if n == 0 {
        return Some((Mat::zeros(0, 0), Mat::zeros(0, 0)));
    }
    if n == 1 {
        let u = Mat::from_vec(1, 1, vec![sign(1.0, d[0])]);
        d[0] = d[0].abs();
        return Some((u, Mat::eye(1, 1)));
    }
    let mut rot_c = vec![0.0; n - 1];
    let mut rot_s = vec![0.0; n - 1];
    if lower {
        for i in 0..n - 1 {
            let (cs, sn, r) = dlartg(d[i], e[i]);
            d[i] = r;
            e[i] = sn * d[i + 1];
            d[i + 1] *= cs;
            rot_c[i] = cs;
            rot_s[i] = -sn;
        }
    }
    let (mut u, mut vt) = (Mat::eye(n, n), Mat::eye(n, n));
    let ok = if vectors {
        dbdsqr(d, e, Some(&mut vt), Some(&mut u))
    } else {
        dbdsqr(d, e, None, None)
    };
    if !ok {
        return None;
    }
    // dlasdq's ascending pass, then dbdsdc's descending selection sort.
    for i in 0..n {
        let mut isub = i;
        let mut smin = d[i];
        for (j, &v) in d.iter().enumerate().skip(i + 1) {
            if v < smin {
                isub = j;
                smin = v;
            }
        }
        if isub != i {
            d[isub] = d[i];
            d[i] = smin;
            vt.swap_rows(isub, i);
            u.swap_cols(isub, i);
        }
    }
    for i in 0..n - 1 {
        let mut kk = i;
        let mut p = d[i];
        for (j, &v) in d.iter().enumerate().skip(i + 1) {
            if v > p {
                kk = j;
                p = v;
            }
        }
        if kk != i {
            d[kk] = d[i];
            d[i] = p;
            u.swap_cols(i, kk);
            vt.swap_rows(i, kk);
        }
    }
    if lower && vectors {
        dlasr_left(&mut u, 0, n, &rot_c, &rot_s, false);
    }
    Some((u, vt))
}
