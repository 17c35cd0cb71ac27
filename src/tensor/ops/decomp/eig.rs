//! Eigenvalues and right eigenvectors of general real matrices, as numpy's `eig` computes
//! them with LAPACK's `dgeev`: balancing (`dgebal`, the permutation search of LAPACK 3.11
//! that OpenBLAS ships), Hessenberg reduction (`dgehd2`, `dorghr`), the double-shift QR
//! iteration `dlahqr` with `dlanv2`'s standardized 2x2 blocks, back substitution
//! (`dtrevc3`), undoing the balancing (`dgebak`) and unit 2-norm columns. Eigenvalues come
//! out in the order the iteration deflates them, as numpy prints them.
//!
//! Without a complex dtype only real spectra are returned; a complex pair is reported.

use super::qr::{dlapy2, dlarfg, dnrm2, lapack_apply_left, lapack_apply_right, Reflector};
use super::{sign, Mat};

/// The outcome of `lapack_eig`.
#[derive(Clone, Debug)]
pub enum Eig {
    /// Real eigenvalues and (when asked for) unit eigenvectors as columns.
    Real(Vec<f64>, Option<Mat<f64>>),
    /// At least one complex conjugate pair.
    Complex,
    /// The QR iteration did not converge.
    NoConvergence,
}

const ULP: f64 = f64::EPSILON;
const SAFMIN: f64 = f64::MIN_POSITIVE;

/// `dgebal('B')`: returns `(ilo, ihi, scale)` (1-based `ilo`/`ihi`, LAPACK's `scale`).
fn dgebal(a: &mut Mat<f64>) -> (usize, usize, Vec<f64>) {
    let n = a.rows;
    let mut scale = vec![1.0; n + 1];
    let at = |a: &Mat<f64>, i: usize, j: usize| a[(i - 1, j - 1)];
    let swap_cols = |a: &mut Mat<f64>, c1: usize, c2: usize, rows: usize| {
        for r in 0..rows {
            a.data.swap(r * n + c1 - 1, r * n + c2 - 1);
        }
    };
    let swap_rows = |a: &mut Mat<f64>, r1: usize, r2: usize, from: usize| {
        for c in from - 1..n {
            a.data.swap((r1 - 1) * n + c, (r2 - 1) * n + c);
        }
    };
    let (mut k, mut l) = (1usize, n);
    // Rows isolating an eigenvalue, pushed down (the search restarts after each swap).
    'rows: loop {
        for j in (1..=l).rev() {
            let isolated = (1..=l).all(|i| i == j || at(a, j, i) == 0.0);
            if isolated {
                scale[l] = j as f64;
                if j != l {
                    swap_cols(a, j, l, l);
                    swap_rows(a, j, l, k);
                }
                if l == 1 {
                    return (1, 1, scale);
                }
                l -= 1;
                continue 'rows;
            }
        }
        break;
    }
    // Columns isolating an eigenvalue, pushed left (the search restarts after each swap).
    while let Some(j) = (k..=l).find(|&j| (k..=l).all(|i| i == j || at(a, i, j) == 0.0)) {
        scale[k] = j as f64;
        if j != k {
            swap_cols(a, j, k, l);
            swap_rows(a, j, k, k);
        }
        k += 1;
    }
    for s in scale.iter_mut().take(l + 1).skip(k) {
        *s = 1.0;
    }
    let sclfac = 2.0;
    let sfmin1 = SAFMIN / ULP;
    let sfmax1 = 1.0 / sfmin1;
    let sfmin2 = sfmin1 * sclfac;
    let sfmax2 = 1.0 / sfmin2;
    let mut sweeps = 0;
    loop {
        let mut noconv = false;
        for i in k..=l {
            let col: Vec<f64> = (k..=l).map(|r| at(a, r, i)).collect();
            let row: Vec<f64> = (k..=l).map(|cidx| at(a, i, cidx)).collect();
            let mut c = dnrm2(&col);
            let mut r = dnrm2(&row);
            let mut ca = (1..=l).map(|rr| at(a, rr, i).abs()).fold(0.0, f64::max);
            let mut ra = (k..=n).map(|cc| at(a, i, cc).abs()).fold(0.0, f64::max);
            if c == 0.0 || r == 0.0 {
                continue;
            }
            if (c + ca + r + ra).is_nan() {
                return (k, l, scale);
            }
            let mut g = r / sclfac;
            let mut f = 1.0f64;
            let s = c + r;
            while !(c >= g || f.max(c).max(ca) >= sfmax2 || r.min(g).min(ra) <= sfmin2) {
                f *= sclfac;
                c *= sclfac;
                ca *= sclfac;
                r /= sclfac;
                g /= sclfac;
                ra /= sclfac;
            }
            g = c / sclfac;
            while !(g < r || r.max(ra) >= sfmax2 || f.min(c).min(g).min(ca) <= sfmin2) {
                f /= sclfac;
                c /= sclfac;
                g /= sclfac;
                ca /= sclfac;
                r *= sclfac;
                ra *= sclfac;
            }
            if c + r >= 0.95 * s {
                continue;
            }
            if f < 1.0 && scale[i] < 1.0 && f * scale[i] <= sfmin1 {
                continue;
            }
            if f > 1.0 && scale[i] > 1.0 && scale[i] >= sfmax1 / f {
                continue;
            }
            let g = 1.0 / f;
            scale[i] *= f;
            noconv = true;
            for cc in k..=n {
                a[(i - 1, cc - 1)] *= g;
            }
            for rr in 1..=l {
                a[(rr - 1, i - 1)] *= f;
            }
        }
        sweeps += 1;
        if !noconv || sweeps > 1000 {
            break;
        }
    }
    (k, l, scale)
}

/// `dlanv2`: the standardized Schur form of `[a b; c d]` →
/// `(a, b, c, d, rt1r, rt1i, rt2r, rt2i, cs, sn)`.
#[allow(clippy::type_complexity)]
fn dlanv2(mut a: f64, mut b: f64, mut c: f64, mut d: f64) -> ([f64; 4], [f64; 4], (f64, f64)) {
    let eps = ULP;
    let safmn2 = 2f64.powi(((SAFMIN / eps).ln() / 2f64.ln() / 2.0) as i32);
    let safmx2 = 1.0 / safmn2;
    let (mut cs, mut sn);
    if c == 0.0 {
        cs = 1.0;
        sn = 0.0;
    } else if b == 0.0 {
        cs = 0.0;
        sn = 1.0;
        std::mem::swap(&mut a, &mut d);
        b = -c;
        c = 0.0;
    } else if a - d == 0.0 && sign(1.0, b) != sign(1.0, c) {
        cs = 1.0;
        sn = 0.0;
    } else {
        let mut temp = a - d;
        let mut p = 0.5 * temp;
        let bcmax = b.abs().max(c.abs());
        let bcmis = b.abs().min(c.abs()) * sign(1.0, b) * sign(1.0, c);
        let mut scale = p.abs().max(bcmax);
        let mut z = (p / scale) * p + (bcmax / scale) * bcmis;
        if z >= 4.0 * eps {
            z = p + sign(scale.sqrt() * z.sqrt(), p);
            a = d + z;
            d -= (bcmax / z) * bcmis;
            let tau = dlapy2(c, z);
            cs = z / tau;
            sn = c / tau;
            b -= c;
            c = 0.0;
        } else {
            let mut count = 0;
            let mut sigma = b + c;
            loop {
                count += 1;
                scale = temp.abs().max(sigma.abs());
                if scale >= safmx2 {
                    sigma *= safmn2;
                    temp *= safmn2;
                    if count <= 20 {
                        continue;
                    }
                }
                if scale <= safmn2 {
                    sigma *= safmx2;
                    temp *= safmx2;
                    if count <= 20 {
                        continue;
                    }
                }
                break;
            }
            p = 0.5 * temp;
            let mut tau = dlapy2(sigma, temp);
            cs = (0.5 * (1.0 + sigma.abs() / tau)).sqrt();
            sn = -(p / (tau * cs)) * sign(1.0, sigma);
            let aa = a * cs + b * sn;
            let bb = -a * sn + b * cs;
            let cc = c * cs + d * sn;
            let dd = -c * sn + d * cs;
            a = aa * cs + cc * sn;
            b = (bb * cs) + (dd * sn);
            c = -(aa * sn) + (cc * cs);
            d = -bb * sn + dd * cs;
            temp = 0.5 * (a + d);
            a = temp;
            d = temp;
            if c != 0.0 {
                if b != 0.0 {
                    if sign(1.0, b) == sign(1.0, c) {
                        let sab = b.abs().sqrt();
                        let sac = c.abs().sqrt();
                        p = sign(sab * sac, c);
                        tau = 1.0 / (b + c).abs().sqrt();
                        a = temp + p;
                        d = temp - p;
                        b -= c;
                        c = 0.0;
                        let cs1 = sab * tau;
                        let sn1 = sac * tau;
                        let t = cs * cs1 - sn * sn1;
                        sn = cs * sn1 + sn * cs1;
                        cs = t;
                    }
                } else {
                    b = -c;
                    c = 0.0;
                    let t = cs;
                    cs = -sn;
                    sn = t;
                }
            }
        }
    }
    let (rt1i, rt2i) = if c == 0.0 {
        (0.0, 0.0)
    } else {
        let v = b.abs().sqrt() * c.abs().sqrt();
        (v, -v)
    };
    ([a, b, c, d], [a, rt1i, d, rt2i], (cs, sn))
}

/// `dlahqr` with `wantt` and `wantz` (1-based `ilo`, `ihi`); `wr`/`wi` are 1-based too.
fn dlahqr(
    h: &mut Mat<f64>,
    z: &mut Mat<f64>,
    ilo: usize,
    ihi: usize,
    wr: &mut [f64],
    wi: &mut [f64],
) -> bool {
    let n = h.rows;
    macro_rules! hh {
        ($i:expr, $j:expr) => {
            h[($i - 1, $j - 1)]
        };
    }
    if ilo == ihi {
        wr[ilo] = hh!(ilo, ilo);
        wi[ilo] = 0.0;
        return true;
    }
    for j in ilo..=ihi.saturating_sub(3) {
        if j + 3 > ihi {
            break;
        }
        hh!(j + 2, j) = 0.0;
        hh!(j + 3, j) = 0.0;
    }
    if ilo + 2 <= ihi {
        hh!(ihi, ihi - 2) = 0.0;
    }
    let nh = ihi - ilo + 1;
    let smlnum = SAFMIN * (nh as f64 / ULP);
    let (i1, i2) = (1usize, n);
    let itmax = 30 * nh.max(10);
    let mut kdefl = 0;
    let mut i = ihi;
    let (dat1, dat2) = (0.75, -0.4375);
    loop {
        let mut l = ilo;
        if i < ilo {
            return true;
        }
        let mut converged = false;
        for _its in 0..=itmax {
            // Look for a single small subdiagonal element.
            let mut k = i;
            while k > l {
                if hh!(k, k - 1).abs() <= smlnum {
                    break;
                }
                let mut tst = hh!(k - 1, k - 1).abs() + hh!(k, k).abs();
                if tst == 0.0 {
                    if k >= ilo + 2 {
                        tst += hh!(k - 1, k - 2).abs();
                    }
                    if k < ihi {
                        tst += hh!(k + 1, k).abs();
                    }
                }
                if hh!(k, k - 1).abs() <= ULP * tst {
                    let ab = hh!(k, k - 1).abs().max(hh!(k - 1, k).abs());
                    let ba = hh!(k, k - 1).abs().min(hh!(k - 1, k).abs());
                    let aa = hh!(k, k).abs().max((hh!(k - 1, k - 1) - hh!(k, k)).abs());
                    let bb = hh!(k, k).abs().min((hh!(k - 1, k - 1) - hh!(k, k)).abs());
                    let s = aa + ab;
                    if ba * (ab / s) <= smlnum.max(ULP * (bb * (aa / s))) {
                        break;
                    }
                }
                k -= 1;
            }
            l = k;
            if l > ilo {
                hh!(l, l - 1) = 0.0;
            }
            if l + 1 >= i {
                converged = true;
                break;
            }
            kdefl += 1;
            let (mut h11, mut h12, mut h21, mut h22);
            if kdefl % 20 == 0 {
                let s = hh!(i, i - 1).abs() + hh!(i - 1, i - 2).abs();
                h11 = dat1 * s + hh!(i, i);
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else if kdefl % 10 == 0 {
                let s = hh!(l + 1, l).abs() + hh!(l + 2, l + 1).abs();
                h11 = dat1 * s + hh!(l, l);
                h12 = dat2 * s;
                h21 = s;
                h22 = h11;
            } else {
                h11 = hh!(i - 1, i - 1);
                h21 = hh!(i, i - 1);
                h12 = hh!(i - 1, i);
                h22 = hh!(i, i);
            }
            let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
            let (rt1r, rt1i, rt2r, rt2i);
            if s == 0.0 {
                rt1r = 0.0;
                rt1i = 0.0;
                rt2r = 0.0;
                rt2i = 0.0;
            } else {
                h11 /= s;
                h21 /= s;
                h12 /= s;
                h22 /= s;
                let tr = (h11 + h22) / 2.0;
                let det = (h11 - tr) * (h22 - tr) - h12 * h21;
                let rtdisc = det.abs().sqrt();
                if det >= 0.0 {
                    rt1r = tr * s;
                    rt2r = rt1r;
                    rt1i = rtdisc * s;
                    rt2i = -rt1i;
                } else {
                    let a1 = tr + rtdisc;
                    let a2 = tr - rtdisc;
                    let v = if (a1 - h22).abs() <= (a2 - h22).abs() {
                        a1 * s
                    } else {
                        a2 * s
                    };
                    rt1r = v;
                    rt2r = v;
                    rt1i = 0.0;
                    rt2i = 0.0;
                }
            }
            // Look for two consecutive small subdiagonal elements.
            let mut v = [0.0f64; 3];
            let mut m = i - 2;
            loop {
                let h21s0 = hh!(m + 1, m);
                let s = (hh!(m, m) - rt2r).abs() + rt2i.abs() + h21s0.abs();
                let h21s = hh!(m + 1, m) / s;
                v[0] = h21s * hh!(m, m + 1) + (hh!(m, m) - rt1r) * ((hh!(m, m) - rt2r) / s)
                    - rt1i * (rt2i / s);
                v[1] = h21s * (hh!(m, m) + hh!(m + 1, m + 1) - rt1r - rt2r);
                v[2] = h21s * hh!(m + 2, m + 1);
                let s = v[0].abs() + v[1].abs() + v[2].abs();
                v[0] /= s;
                v[1] /= s;
                v[2] /= s;
                if m == l {
                    break;
                }
                let h00 = hh!(m - 1, m - 1).abs();
                if hh!(m, m - 1).abs() * (v[1].abs() + v[2].abs())
                    <= ULP * v[0].abs() * (h00 + hh!(m, m).abs() + hh!(m + 1, m + 1).abs())
                {
                    break;
                }
                m -= 1;
            }
            // The double-shift QR step.
            for k in m..i {
                let nr = 3.min(i - k + 1);
                if k > m {
                    for (q, slot) in v.iter_mut().enumerate().take(nr) {
                        *slot = hh!(k + q, k - 1);
                    }
                }
                let mut x = v[..nr].to_vec();
                let t1 = dlarfg(&mut x);
                v[..nr].copy_from_slice(&x);
                if k > m {
                    hh!(k, k - 1) = v[0];
                    hh!(k + 1, k - 1) = 0.0;
                    if k < i - 1 {
                        hh!(k + 2, k - 1) = 0.0;
                    }
                } else if m > l {
                    hh!(k, k - 1) *= 1.0 - t1;
                }
                let v2 = v[1];
                let t2 = t1 * v2;
                if nr == 3 {
                    let v3 = v[2];
                    let t3 = t1 * v3;
                    for j in k..=i2 {
                        let sum = hh!(k, j) + v2 * hh!(k + 1, j) + v3 * hh!(k + 2, j);
                        hh!(k, j) -= sum * t1;
                        hh!(k + 1, j) -= sum * t2;
                        hh!(k + 2, j) -= sum * t3;
                    }
                    for j in i1..=(k + 3).min(i) {
                        let sum = hh!(j, k) + v2 * hh!(j, k + 1) + v3 * hh!(j, k + 2);
                        hh!(j, k) -= sum * t1;
                        hh!(j, k + 1) -= sum * t2;
                        hh!(j, k + 2) -= sum * t3;
                    }
                    for j in ilo..=ihi {
                        let (z0, z1, z2) = (z[(j - 1, k - 1)], z[(j - 1, k)], z[(j - 1, k + 1)]);
                        let sum = z0 + v2 * z1 + v3 * z2;
                        z[(j - 1, k - 1)] = z0 - sum * t1;
                        z[(j - 1, k)] = z1 - sum * t2;
                        z[(j - 1, k + 1)] = z2 - sum * t3;
                    }
                } else if nr == 2 {
                    for j in k..=i2 {
                        let sum = hh!(k, j) + v2 * hh!(k + 1, j);
                        hh!(k, j) -= sum * t1;
                        hh!(k + 1, j) -= sum * t2;
                    }
                    for j in i1..=i {
                        let sum = hh!(j, k) + v2 * hh!(j, k + 1);
                        hh!(j, k) -= sum * t1;
                        hh!(j, k + 1) -= sum * t2;
                    }
                    for j in ilo..=ihi {
                        let (z0, z1) = (z[(j - 1, k - 1)], z[(j - 1, k)]);
                        let sum = z0 + v2 * z1;
                        z[(j - 1, k - 1)] = z0 - sum * t1;
                        z[(j - 1, k)] = z1 - sum * t2;
                    }
                }
            }
        }
        if !converged {
            return false;
        }
        if l == i {
            wr[i] = hh!(i, i);
            wi[i] = 0.0;
        } else if l + 1 == i {
            let (abcd, roots, (cs, sn)) =
                dlanv2(hh!(i - 1, i - 1), hh!(i - 1, i), hh!(i, i - 1), hh!(i, i));
            hh!(i - 1, i - 1) = abcd[0];
            hh!(i - 1, i) = abcd[1];
            hh!(i, i - 1) = abcd[2];
            hh!(i, i) = abcd[3];
            wr[i - 1] = roots[0];
            wi[i - 1] = roots[1];
            wr[i] = roots[2];
            wi[i] = roots[3];
            // Rows i-1, i right of the block; columns i-1, i above it; Z's columns.
            for j in i + 1..=i2 {
                let (x, y) = (hh!(i - 1, j), hh!(i, j));
                hh!(i - 1, j) = cs * x + sn * y;
                hh!(i, j) = cs * y - sn * x;
            }
            for j in i1..i - 1 {
                let (x, y) = (hh!(j, i - 1), hh!(j, i));
                hh!(j, i - 1) = cs * x + sn * y;
                hh!(j, i) = cs * y - sn * x;
            }
            for j in ilo..=ihi {
                let (x, y) = (z[(j - 1, i - 2)], z[(j - 1, i - 1)]);
                z[(j - 1, i - 2)] = cs * x + sn * y;
                z[(j - 1, i - 1)] = cs * y - sn * x;
            }
        }
        kdefl = 0;
        if l == 0 {
            return true;
        }
        i = l - 1;
    }
}

/// numpy's `eig` / `eigvals` in float64.
pub fn lapack_eig(mut a: Mat<f64>, vectors: bool) -> Eig {
    let n = a.rows;
    if n == 0 {
        return Eig::Real(vec![], vectors.then(|| Mat::zeros(0, 0)));
    }
    let (ilo, ihi, scale) = dgebal(&mut a);
    // Hessenberg reduction of rows and columns ilo..ihi.
    let mut hs = Vec::new();
    for i in ilo..ihi {
        let mut x: Vec<f64> = (i + 1..=ihi).map(|r| a[(r - 1, i - 1)]).collect();
        let tau = dlarfg(&mut x);
        for (q, &v) in x.iter().enumerate() {
            a[(i + q, i - 1)] = v;
        }
        let mut v = x;
        v[0] = 1.0;
        let h = Reflector { start: i, v, tau };
        lapack_apply_right(&h, &mut a, 0..ihi);
        lapack_apply_left(&h, &mut a, i..n);
        hs.push(h);
    }
    let mut z = Mat::eye(n, n);
    for h in hs.iter().rev() {
        lapack_apply_left(h, &mut z, h.start..n);
    }
    // The reflectors' tails below the subdiagonal are not part of H.
    for j in 0..n {
        for i in j + 2..n {
            a[(i, j)] = 0.0;
        }
    }
    let mut wr = vec![0.0; n + 1];
    let mut wi = vec![0.0; n + 1];
    for i in (1..ilo).chain(ihi + 1..=n) {
        wr[i] = a[(i - 1, i - 1)];
        wi[i] = 0.0;
    }
    if !dlahqr(&mut a, &mut z, ilo, ihi, &mut wr, &mut wi) {
        return Eig::NoConvergence;
    }
    if wi[1..].iter().any(|&v| v != 0.0) {
        return Eig::Complex;
    }
    let w = wr[1..].to_vec();
    if !vectors {
        return Eig::Real(w, None);
    }
    let t = a;
    let v = back_substitute(&t, &z);
    let mut v = v;
    // dgebak: undo the scaling, then the permutations.
    for i in ilo..=ihi {
        let s = scale[i];
        for c in 0..n {
            v[(i - 1, c)] *= s;
        }
    }
    for ii in 1..=n {
        let mut i = ii;
        if i >= ilo && i <= ihi {
            continue;
        }
        if i < ilo {
            i = ilo - ii;
        }
        let k = scale[i] as usize;
        if k != i && k >= 1 && k <= n {
            v.swap_rows(i - 1, k - 1);
        }
    }
    for c in 0..n {
        let col: Vec<f64> = (0..n).map(|r| v[(r, c)]).collect();
        let scl = 1.0 / dnrm2(&col);
        for r in 0..n {
            v[(r, c)] *= scl;
        }
    }
    Eig::Real(w, Some(v))
}

/// `dtrevc3`'s right eigenvectors of the upper triangular `t` (real spectrum), multiplied
/// by the Schur vectors `z`, each scaled to largest magnitude 1.
fn back_substitute(t: &Mat<f64>, z: &Mat<f64>) -> Mat<f64> {
    let n = t.rows;
    let smlnum = SAFMIN * (n as f64 / ULP);
    let bignum = (1.0 - ULP) / smlnum;
    let mut cnorm = vec![0.0; n];
    for (j, cn) in cnorm.iter_mut().enumerate().skip(1) {
        *cn = (0..j).map(|i| t[(i, j)].abs()).sum();
    }
    let mut out = Mat::zeros(n, n);
    for ki in (0..n).rev() {
        let wr = t[(ki, ki)];
        let smin = (ULP * wr.abs()).max(smlnum);
        let mut x = vec![0.0; n];
        x[ki] = 1.0;
        for k in 0..ki {
            x[k] = -t[(k, ki)];
        }
        for j in (0..ki).rev() {
            // dlaln2 for a 1x1 real system: (T[j][j] - wr)·X = scale·x[j].
            let mut csr = t[(j, j)] - wr;
            if csr.abs() < smin {
                csr = smin;
            }
            let mut scale = 1.0;
            let bnorm = x[j].abs();
            if csr.abs() < 1.0 && bnorm > 1.0 && bnorm > bignum * csr.abs() {
                scale = 1.0 / bnorm;
            }
            let mut xj = (x[j] * scale) / csr;
            let xnorm = xj.abs();
            if xnorm > 1.0 && cnorm[j] > bignum / xnorm {
                xj /= xnorm;
                scale /= xnorm;
            }
            if scale != 1.0 {
                for v in x.iter_mut().take(ki + 1) {
                    *v *= scale;
                }
            }
            x[j] = xj;
            for k in 0..j {
                x[k] += -xj * t[(k, j)];
            }
        }
        // Back-transform: Z[:, 0..=ki]·x, then scale to the largest magnitude.
        let mut col = vec![0.0; n];
        for (r, slot) in col.iter_mut().enumerate() {
            let mut s = 0.0;
            for (k, &xk) in x.iter().enumerate().take(ki + 1) {
                s += z[(r, k)] * xk;
            }
            *slot = s;
        }
        let mut ii = 0;
        for r in 1..n {
            if col[r].abs() > col[ii].abs() {
                ii = r;
            }
        }
        let remax = 1.0 / col[ii].abs();
        for (r, v) in col.iter().enumerate() {
            out[(r, ki)] = v * remax;
        }
    }
    out
}

pub(crate) mod tests {
    use super::*;

    fn numpy_eig_2x2() {
        // np.linalg.eig([[1., 2.], [3., 4.]]): eigenvalues [-0.37228132, 5.37228132],
        // vectors [[-0.82456484, -0.41597356], [0.56576746, -0.90937671]].
        let a = Mat::from_vec(2, 2, vec![1.0, 2., 3., 4.]);
        let Eig::Real(w, Some(v)) = lapack_eig(a, true) else {
            panic!("real spectrum expected");
        };
        let want_w = [-0.37228132, 5.37228132];
        let want_v = [-0.82456484, -0.41597356, 0.56576746, -0.90937671];
        for i in 0..2 {
            assert!((w[i] - want_w[i]).abs() < 1e-8, "{:?}", w);
        }
        for i in 0..4 {
            assert!((v.data[i] - want_v[i]).abs() < 1e-8, "{:?}", v);
        }
        let rot = Mat::from_vec(2, 2, vec![0.0, -1., 1., 0.]);
        assert!(matches!(lapack_eig(rot, false), Eig::Complex));
    }

    unit_cases!(numpy_eig_2x2);
}
