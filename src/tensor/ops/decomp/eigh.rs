//! Eigenvalues and eigenvectors of symmetric matrices.
//!
//! numpy's `eigh` is LAPACK's `dsyevd`, which for matrices up to 25 rows reduces to
//! tridiagonal form (`dsytd2`), runs the implicit QL/QR iteration `dsteqr` from the
//! identity, and multiplies by the reduction's reflectors (`dormtr`). TensorFlow's, Eigen's
//! `SelfAdjointEigenSolver`, is in `eigh_eigen.rs`.

use super::qr::{dlapy2, dlarfg, lapack_apply_left, Reflector};
use super::{sign, Mat};

/// `(eigenvalues ascending, eigenvectors as columns)`; `None` when the iteration did not
/// converge.
pub type Eigh<T> = Option<(Vec<T>, Option<Mat<T>>)>;

/// LAPACK's `dlartg` (the 3.10 algorithm): `(c, s, r)` with `[c s; -s c]·[f; g] = [r; 0]`.
pub fn dlartg(f: f64, g: f64) -> (f64, f64, f64) {
    let safmin = f64::MIN_POSITIVE;
    let safmax = 1.0 / safmin;
    let rtmin = safmin.sqrt();
    let rtmax = (safmax / 2.0).sqrt();
    let (f1, g1) = (f.abs(), g.abs());
    if g == 0.0 {
        (1.0, 0.0, f)
    } else if f == 0.0 {
        (0.0, sign(1.0, g), g1)
    } else if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        let d = (f * f + g * g).sqrt();
        let cs = f1 / d;
        let r = sign(d, f);
        (cs, g / r, r)
    } else {
        let u = safmax.min(safmin.max(f1).max(g1));
        let (fs, gs) = (f / u, g / u);
        let d = (fs * fs + gs * gs).sqrt();
        let cs = fs.abs() / d;
        let r = sign(d, f);
        (cs, gs / r, r * u)
    }
}

/// LAPACK's `dlasr('R', 'V', direct)` on columns `col0..col0 + count` of `z`.
pub fn dlasr_right(z: &mut Mat<f64>, col0: usize, count: usize, cs: &[f64], sn: &[f64], fwd: bool) {
    let steps: Vec<usize> = if fwd {
        (0..count.saturating_sub(1)).collect()
    } else {
        (0..count.saturating_sub(1)).rev().collect()
    };
    for j in steps {
        let (ct, st) = (cs[j], sn[j]);
        if ct != 1.0 || st != 0.0 {
            for i in 0..z.rows {
                let temp = z[(i, col0 + j + 1)];
                z[(i, col0 + j + 1)] = ct * temp - st * z[(i, col0 + j)];
                z[(i, col0 + j)] = st * temp + ct * z[(i, col0 + j)];
            }
        }
    }
}

/// LAPACK's `dlaev2`: eigen decomposition of `[a b; b c]` → `(rt1, rt2, cs1, sn1)`.
fn dlaev2(a: f64, b: f64, cc: f64) -> (f64, f64, f64, f64) {
    let sm = a + cc;
    let df = a - cc;
    let adf = df.abs();
    let tb = b + b;
    let ab = tb.abs();
    let (acmx, acmn) = if a.abs() > cc.abs() { (a, cc) } else { (cc, a) };
    let rt = if adf > ab {
        adf * (1.0 + (ab / adf).powi(2)).sqrt()
    } else if adf < ab {
        ab * (1.0 + (adf / ab).powi(2)).sqrt()
    } else {
        ab * 2f64.sqrt()
    };
    let (rt1, rt2, sgn1) = if sm < 0.0 {
        let rt1 = 0.5 * (sm - rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, -1)
    } else if sm > 0.0 {
        let rt1 = 0.5 * (sm + rt);
        (rt1, (acmx / rt1) * acmn - (b / rt1) * b, 1)
    } else {
        (0.5 * rt, -0.5 * rt, 1)
    };
    let (cs, sgn2) = if df >= 0.0 {
        (df + rt, 1)
    } else {
        (df - rt, -1)
    };
    let acs = cs.abs();
    let (mut cs1, mut sn1);
    if acs > ab {
        let ct = -tb / cs;
        sn1 = 1.0 / (1.0 + ct * ct).sqrt();
        cs1 = ct * sn1;
    } else if ab == 0.0 {
        cs1 = 1.0;
        sn1 = 0.0;
    } else {
        let tn = -cs / tb;
        cs1 = 1.0 / (1.0 + tn * tn).sqrt();
        sn1 = tn * cs1;
    }
    if sgn1 == sgn2 {
        let tn = cs1;
        cs1 = -sn1;
        sn1 = tn;
    }
    (rt1, rt2, cs1, sn1)
}

/// LAPACK's `dsteqr` on the tridiagonal `(d, e)`; with `z`, the rotations are accumulated
/// into it (LAPACK's `compz = 'V'`). Returns false when it did not converge. Eigenvalues end
/// ascending, the columns of `z` following them.
pub fn dsteqr(d: &mut [f64], e: &mut [f64], mut z: Option<&mut Mat<f64>>) -> bool {
    let n = d.len();
    if n <= 1 {
        return true;
    }
    // 1-based views, as the routine is written.
    let mut dd = vec![0.0; n + 1];
    let mut ee = vec![0.0; n + 1];
    dd[1..].copy_from_slice(d);
    ee[1..n].copy_from_slice(&e[..n - 1]);
    let eps = f64::EPSILON / 2.0;
    let eps2 = eps * eps;
    let safmin = f64::MIN_POSITIVE;
    let nmaxit = n * 30;
    let mut jtot = 0;
    let mut l1 = 1;
    let nm1 = n - 1;
    let mut work = vec![0.0; 2 * n];
    'outer: loop {
        if l1 > n {
            break;
        }
        if l1 > 1 {
            ee[l1 - 1] = 0.0;
        }
        let mut m = n;
        if l1 <= nm1 {
            for mm in l1..=nm1 {
                let tst = ee[mm].abs();
                if tst == 0.0 {
                    m = mm;
                    break;
                }
                if tst <= (dd[mm].abs().sqrt() * dd[mm + 1].abs().sqrt()) * eps {
                    ee[mm] = 0.0;
                    m = mm;
                    break;
                }
            }
        }
        let mut l = l1;
        let lsv = l;
        let mut lend = m;
        let lendsv = lend;
        l1 = m + 1;
        if lend == l {
            continue;
        }
        let anorm = (l..=lend)
            .map(|i| dd[i].abs())
            .chain((l..lend).map(|i| ee[i].abs()))
            .fold(0.0f64, |a, b| if b > a || b.is_nan() { b } else { a });
        if anorm == 0.0 {
            continue;
        }
        if dd[lend].abs() < dd[l].abs() {
            lend = lsv;
            l = lendsv;
        }
        if lend > l {
            // QL iteration: look for a small subdiagonal element.
            loop {
                let mut m = lend;
                if l != lend {
                    for mm in l..lend {
                        let tst = ee[mm].abs().powi(2);
                        if tst <= (eps2 * dd[mm].abs()) * dd[mm + 1].abs() + safmin {
                            m = mm;
                            break;
                        }
                    }
                }
                if m < lend {
                    ee[m] = 0.0;
                }
                let mut p = dd[l];
                if m == l {
                    dd[l] = p;
                    l += 1;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if m == l + 1 {
                    let (rt1, rt2, cs, sn) = dlaev2(dd[l], ee[l], dd[l + 1]);
                    if let Some(z) = z.as_deref_mut() {
                        dlasr_right(z, l - 1, 2, &[cs], &[sn], false);
                    }
                    dd[l] = rt1;
                    dd[l + 1] = rt2;
                    ee[l] = 0.0;
                    l += 2;
                    if l <= lend {
                        continue;
                    }
                    break;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let mut g = (dd[l + 1] - p) / (2.0 * ee[l]);
                let mut r = dlapy2(g, 1.0);
                g = dd[m] - p + (ee[l] / (g + sign(r, g)));
                let (mut s, mut cc) = (1.0, 1.0);
                p = 0.0;
                for i in (l..m).rev() {
                    let f = s * ee[i];
                    let b = cc * ee[i];
                    let (c2, s2, r2) = dlartg(g, f);
                    cc = c2;
                    s = s2;
                    r = r2;
                    if i != m - 1 {
                        ee[i + 1] = r;
                    }
                    g = dd[i + 1] - p;
                    r = (dd[i] - g) * s + 2.0 * cc * b;
                    p = s * r;
                    dd[i + 1] = g + p;
                    g = cc * r - b;
                    work[i] = cc;
                    work[n - 1 + i] = -s;
                }
                if let Some(z) = z.as_deref_mut() {
                    let mm = m - l + 1;
                    let cs: Vec<f64> = (l..m).map(|i| work[i]).collect();
                    let sn: Vec<f64> = (l..m).map(|i| work[n - 1 + i]).collect();
                    dlasr_right(z, l - 1, mm, &cs, &sn, false);
                }
                dd[l] -= p;
                ee[l] = g;
            }
        } else {
            // QR iteration.
            loop {
                let mut m = lend;
                if l != lend {
                    let mut mm = l;
                    while mm > lend {
                        let tst = ee[mm - 1].abs().powi(2);
                        if tst <= (eps2 * dd[mm].abs()) * dd[mm - 1].abs() + safmin {
                            m = mm;
                            break;
                        }
                        mm -= 1;
                    }
                }
                if m > lend {
                    ee[m - 1] = 0.0;
                }
                let mut p = dd[l];
                if m == l {
                    dd[l] = p;
                    if l == 0 || l - 1 < lend {
                        break;
                    }
                    l -= 1;
                    continue;
                }
                if m + 1 == l {
                    let (rt1, rt2, cs, sn) = dlaev2(dd[l - 1], ee[l - 1], dd[l]);
                    if let Some(z) = z.as_deref_mut() {
                        dlasr_right(z, l - 2, 2, &[cs], &[sn], true);
                    }
                    dd[l - 1] = rt1;
                    dd[l] = rt2;
                    ee[l - 1] = 0.0;
                    if l < 2 || l - 2 < lend {
                        break;
                    }
                    l -= 2;
                    continue;
                }
                if jtot == nmaxit {
                    break;
                }
                jtot += 1;
                let mut g = (dd[l - 1] - p) / (2.0 * ee[l - 1]);
                let mut r = dlapy2(g, 1.0);
                g = dd[m] - p + (ee[l - 1] / (g + sign(r, g)));
                let (mut s, mut cc) = (1.0, 1.0);
                p = 0.0;
                for i in m..l {
                    let f = s * ee[i];
                    let b = cc * ee[i];
                    let (c2, s2, r2) = dlartg(g, f);
                    cc = c2;
                    s = s2;
                    r = r2;
                    if i != m {
                        ee[i - 1] = r;
                    }
                    g = dd[i] - p;
                    r = (dd[i + 1] - g) * s + 2.0 * cc * b;
                    p = s * r;
                    dd[i] = g + p;
                    g = cc * r - b;
                    work[i] = cc;
                    work[n - 1 + i] = s;
                }
                if let Some(z) = z.as_deref_mut() {
                    let mm = l - m + 1;
                    let cs: Vec<f64> = (m..l).map(|i| work[i]).collect();
                    let sn: Vec<f64> = (m..l).map(|i| work[n - 1 + i]).collect();
                    dlasr_right(z, m - 1, mm, &cs, &sn, true);
                }
                dd[l] -= p;
                ee[l - 1] = g;
            }
        }
        if jtot >= nmaxit {
            break 'outer;
        }
    }
    if jtot >= nmaxit && (1..n).any(|i| ee[i] != 0.0) {
        return false;
    }
    // Selection sort into increasing order, moving the vectors along.
    for ii in 2..=n {
        let i = ii - 1;
        let mut k = i;
        let mut p = dd[i];
        for (j, &v) in dd.iter().enumerate().skip(ii) {
            if v < p {
                k = j;
                p = v;
            }
        }
        if k != i {
            dd[k] = dd[i];
            dd[i] = p;
            if let Some(z) = z.as_deref_mut() {
                z.swap_cols(i - 1, k - 1);
            }
        }
    }
    d.copy_from_slice(&dd[1..]);
    true
}

/// numpy's `eigh` (`dsyevd` with `uplo`): `lower` reads the lower triangle.
pub fn lapack_eigh(mut a: Mat<f64>, lower: bool, vectors: bool) -> Eigh<f64> {
    let n = a.rows;
    if n == 0 {
        return Some((vec![], vectors.then(|| Mat::zeros(0, 0))));
    }
    if n == 1 {
        return Some((vec![a[(0, 0)]], vectors.then(|| Mat::eye(1, 1))));
    }
    // dsyevd scales a matrix whose largest entry is outside [rmin, rmax] (an infinite one
    // becomes NaN, as LAPACK's does).
    let (safmin, eps) = (f64::MIN_POSITIVE, f64::EPSILON);
    let smlnum = safmin / eps;
    let (rmin, rmax) = (smlnum.sqrt(), (1.0 / smlnum).sqrt());
    let anrm = a.data.iter().fold(0.0f64, |m, v| {
        if v.abs() > m || v.is_nan() {
            v.abs()
        } else {
            m
        }
    });
    let sigma = if anrm > 0.0 && anrm < rmin {
        Some(rmin / anrm)
    } else if anrm > rmax {
        Some(rmax / anrm)
    } else {
        None
    };
    if let Some(s) = sigma {
        a.data.iter_mut().for_each(|v| *v *= s);
    }
    let mut d = vec![0.0; n];
    let mut e = vec![0.0; n - 1];
    let mut hs = Vec::with_capacity(n - 1);
    if lower {
        for i in 0..n - 1 {
            let mut x: Vec<f64> = (i + 1..n).map(|r| a[(r, i)]).collect();
            let taui = dlarfg(&mut x);
            e[i] = x[0];
            let mut v = x;
            v[0] = 1.0;
            if taui != 0.0 {
                for (k, &vk) in v.iter().enumerate() {
                    a[(i + 1 + k, i)] = vk;
                }
                rank2_update(&mut a, i + 1, &v, taui, true);
            }
            d[i] = a[(i, i)];
            hs.push(Reflector {
                start: i + 1,
                v,
                tau: taui,
            });
        }
        d[n - 1] = a[(n - 1, n - 1)];
    } else {
        for i in (1..n).rev() {
            // alpha is A(i-1, i); the vector runs over rows 0..i of column i, ending in 1.
            let mut x: Vec<f64> = vec![a[(i - 1, i)]];
            x.extend((0..i - 1).map(|r| a[(r, i)]));
            let taui = dlarfg(&mut x);
            e[i - 1] = x[0];
            let mut v: Vec<f64> = x[1..].to_vec();
            v.push(1.0);
            if taui != 0.0 {
                rank2_update(&mut a, 0, &v, taui, false);
            }
            d[i] = a[(i, i)];
            hs.push(Reflector {
                start: 0,
                v,
                tau: taui,
            });
        }
        d[0] = a[(0, 0)];
    }
    let unscale = |d: &mut Vec<f64>| {
        if let Some(s) = sigma {
            d.iter_mut().for_each(|v| *v *= 1.0 / s);
        }
    };
    if !vectors {
        let ok = dsteqr(&mut d, &mut e, None);
        unscale(&mut d);
        return ok.then_some((d, None));
    }
    let mut z = Mat::eye(n, n);
    if !dsteqr(&mut d, &mut e, Some(&mut z)) {
        return None;
    }
    unscale(&mut d);
    // Z := Q·Z (`dormtr`): the reflectors were made first to last; the last is applied first.
    for h in hs.iter().rev() {
        lapack_apply_left(h, &mut z, 0..n);
    }
    Some((d, Some(z)))
}

/// `dsytd2`'s update of the trailing (lower) or leading (upper) block with reflector `v`:
/// `w = tau·A·v`, `w -= ½·tau·(wᵀv)·v`, `A -= v·wᵀ + w·vᵀ` on the stored triangle.
fn rank2_update(a: &mut Mat<f64>, off: usize, v: &[f64], tau: f64, lower: bool) {
    let k = v.len();
    let at = |a: &Mat<f64>, i: usize, j: usize| {
        let (i, j) = (off + i, off + j);
        if (i >= j) == lower {
            a[(i, j)]
        } else {
            a[(j, i)]
        }
    };
    let mut w = vec![0.0; k];
    for (j, &vj) in v.iter().enumerate() {
        let t1 = tau * vj;
        let mut t2 = 0.0;
        w[j] += t1 * at(a, j, j);
        let others: Vec<usize> = if lower {
            (j + 1..k).collect()
        } else {
            (0..j).collect()
        };
        for i in others {
            let aij = at(a, i, j);
            w[i] += t1 * aij;
            t2 += aij * v[i];
        }
        w[j] += tau * t2;
    }
    let dot: f64 = w.iter().zip(v).map(|(x, y)| x * y).sum();
    let alpha = -0.5 * tau * dot;
    for (wi, &vi) in w.iter_mut().zip(v) {
        *wi += alpha * vi;
    }
    for j in 0..k {
        let (t1, t2) = (-w[j], -v[j]);
        let rows: Vec<usize> = if lower {
            (j..k).collect()
        } else {
            (0..=j).collect()
        };
        for i in rows {
            let (r, cidx) = (off + i, off + j);
            a[(r, cidx)] = a[(r, cidx)] + v[i] * t1 + w[i] * t2;
        }
    }
}

pub(crate) mod tests {
    use super::*;

    fn numpy_eigh_vectors() {
        // np.linalg.eigh([[4, 1, 2], [1, 3, .5], [2, .5, 5]]).
        let a = Mat::from_vec(3, 3, vec![4.0, 1., 2., 1., 3., 0.5, 2., 0.5, 5.]);
        let (w, v) = lapack_eigh(a, true, true).unwrap();
        let v = v.unwrap();
        let want_w = [2.09652162, 3.07222395, 6.83125443];
        let want_v = [
            [-0.71674307, -0.32576727, -0.61656716],
            [0.57487262, -0.77650188, -0.25800444],
            [0.39471615, 0.53937048, -0.74382703],
        ];
        for i in 0..3 {
            assert!((w[i] - want_w[i]).abs() < 1e-8);
            for j in 0..3 {
                assert!((v[(i, j)] - want_v[i][j]).abs() < 1e-8, "{:?}", v);
            }
        }
    }

    unit_cases!(numpy_eigh_vectors);
}
