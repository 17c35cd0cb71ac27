//! Tick placement and tick labels as matplotlib's defaults make them: `MaxNLocator` with
//! `nbins='auto'` and steps 1, 2, 2.5, 5, 10 (the `AutoLocator`), and `ScalarFormatter`'s
//! choice of decimals and of a power-of-ten factor for very large or small values.

/// Ticks for the view interval `a..b` (either order) with at most `nbins` intervals;
/// like matplotlib, the first and last may lie just outside the interval.
pub(crate) fn locate(a: f64, b: f64, nbins: usize) -> Vec<f64> {
    if !a.is_finite() || !b.is_finite() {
        return vec![];
    }
    let (mut vmin, mut vmax) = if a <= b { (a, b) } else { (b, a) };
    let span_tiny = (vmax - vmin) <= 1e-14 * vmin.abs().max(vmax.abs()).max(1e-300);
    if vmin == vmax || span_tiny {
        if vmin == 0.0 {
            vmin = -1e-13;
            vmax = 1e-13;
        } else {
            vmin -= 1e-13 * vmin.abs();
            vmax += 1e-13 * vmax.abs();
        }
    }
    let nbins = nbins.max(1) as f64;
    let (scale, offset) = scale_range(vmin, vmax, nbins);
    let (lo, hi) = (vmin - offset, vmax - offset);
    let base = [0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0];
    let steps: Vec<f64> = base.iter().map(|s| s * scale).collect();
    let raw_step = (hi - lo) / nbins;
    let istep = steps
        .iter()
        .position(|&s| s >= raw_step)
        .unwrap_or(steps.len() - 1);
    let mut ticks = Vec::new();
    for &step in steps[..=istep].iter().rev() {
        let best_vmin = (lo / step).floor() * step;
        let tol = if offset > 0.0 {
            10f64
                .powf((offset / step).log10() - 12.0)
                .clamp(1e-10, 0.4999)
        } else {
            1e-10
        };
        let low = edge_le(lo - best_vmin, step, tol);
        let high = edge_ge(hi - best_vmin, step, tol);
        if high - low > 1000.0 {
            return vec![];
        }
        ticks = (low as i64..=high as i64)
            .map(|k| k as f64 * step + best_vmin)
            .collect();
        let shown = ticks.iter().filter(|&&t| t >= lo && t <= hi).count();
        if shown >= 2 {
            break;
        }
    }
    ticks.into_iter().map(|t| t + offset).collect()
}

fn scale_range(vmin: f64, vmax: f64, n: f64) -> (f64, f64) {
    let dv = (vmax - vmin).abs();
    let meanv = (vmax + vmin) / 2.0;
    let offset = if meanv.abs() / dv < 100.0 {
        0.0
    } else {
        10f64.powf(meanv.abs().log10().floor()).copysign(meanv)
    };
    let scale = 10f64.powf((dv / n).log10().floor());
    (scale, offset)
}

fn edge_le(x: f64, step: f64, tol: f64) -> f64 {
    let d = (x / step).floor();
    let m = x - d * step;
    if (m / step - 1.0).abs() < tol {
        d + 1.0
    } else {
        d
    }
}

fn edge_ge(x: f64, step: f64, tol: f64) -> f64 {
    let d = (x / step).floor();
    let m = x - d * step;
    if (m / step).abs() < tol {
        d
    } else {
        d + 1.0
    }
}

/// The labels of `ticks` within the view interval `a..b` and the axis's offset text
/// (`"1e6"`, or empty): ScalarFormatter's fixed-point labels with unicode minus signs.
pub(crate) fn labels(ticks: &[f64], a: f64, b: f64) -> (Vec<String>, String) {
    let (vmin, vmax) = if a <= b { (a, b) } else { (b, a) };
    let eps = (vmax - vmin).abs() * 1e-10;
    let shown: Vec<f64> = ticks
        .iter()
        .copied()
        .filter(|&t| t >= vmin - eps && t <= vmax + eps)
        .collect();
    let biggest = shown.iter().fold(0.0f64, |m, t| m.max(t.abs()));
    let oom = if biggest == 0.0 {
        0
    } else {
        biggest.log10().floor() as i32
    };
    let order = if oom <= -5 || oom >= 6 { oom } else { 0 };
    let scale = 10f64.powi(order);
    let mut locs: Vec<f64> = shown.iter().map(|t| t / scale).collect();
    if shown.len() < 2 {
        locs.push(vmin / scale);
        locs.push(vmax / scale);
    }
    let (mn, mx) = locs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let mut range = mx - mn;
    if range == 0.0 {
        range = mn.abs().max(mx.abs());
    }
    if range == 0.0 || !range.is_finite() {
        range = 1.0;
    }
    if shown.len() < 2 {
        locs.truncate(locs.len() - 2);
    }
    let range_oom = range.log10().floor() as i32;
    let mut sigfigs = (3 - range_oom).max(0);
    let thresh = 1e-3 * 10f64.powi(range_oom);
    while sigfigs >= 0 {
        let p = 10f64.powi(sigfigs);
        let worst = locs
            .iter()
            .fold(0.0f64, |m, &x| m.max((x - (x * p).round() / p).abs()));
        if worst < thresh {
            sigfigs -= 1;
        } else {
            break;
        }
    }
    sigfigs += 1;
    let out = ticks
        .iter()
        .map(|t| {
            let mut x = t / scale;
            if x.abs() < 1e-8 {
                x = 0.0;
            }
            minus(&format!("{:.*}", sigfigs as usize, x))
        })
        .collect();
    let offset = if order != 0 {
        minus(&format!("1e{}", order))
    } else {
        String::new()
    };
    (out, offset)
}

fn minus(s: &str) -> String {
    s.replace('-', "\u{2212}")
}

pub(crate) mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9)
    }

    fn ticks_match_matplotlib() {
        assert!(close(
            &locate(0.55, 10.45, 9),
            &[0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]
        ));
        assert!(close(
            &locate(0.102, 0.938, 9),
            &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
        ));
        assert!(close(&locate(0.0, 1.0, 9), &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]));
    }

    fn labels_match_matplotlib() {
        let t = locate(0.102, 0.938, 9);
        let (l, off) = labels(&t, 0.102, 0.938);
        assert_eq!(l[0], "0.1");
        assert_eq!(l[9], "1.0");
        assert_eq!(off, "");
        let (l, _) = labels(&[-2.0, 0.0, 2.0], -2.0, 2.0);
        assert_eq!(l, ["\u{2212}2", "0", "2"]);
    }

    unit_cases!(ticks_match_matplotlib, labels_match_matplotlib);
}
