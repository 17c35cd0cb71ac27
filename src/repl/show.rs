//! `:show x`: a terminal picture of a tensor. A 2-D tensor is a heatmap of Unicode
//! half-blocks in 256 colors (two rows per line, so a 28x28 image is 14 lines); a 1-D tensor
//! is a sparkline; without color, an ASCII ramp.

use crate::tensor::Tensor;

const SPARK: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII: &[u8] = b" .:-=+*#%@";
const MAX_COLS: usize = 100;

/// Resamples `v` (length n) to at most `max` points by averaging.
fn shrink(v: &[f64], max: usize) -> Vec<f64> {
    if v.len() <= max {
        return v.to_vec();
    }
    (0..max)
        .map(|i| {
            let (a, b) = (
                i * v.len() / max,
                ((i + 1) * v.len() / max).max(i * v.len() / max + 1),
            );
            v[a..b].iter().sum::<f64>() / (b - a) as f64
        })
        .collect()
}

fn normalize(v: &[f64]) -> Vec<f64> {
    let finite: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    v.iter()
        .map(|&x| {
            if !x.is_finite() || hi <= lo {
                0.0
            } else {
                (x - lo) / (hi - lo)
            }
        })
        .collect()
}

/// xterm-256 color for a level in [0, 1]: a dark-blue to yellow ramp through the color cube.
fn color(level: f64) -> u8 {
    const RAMP: [u8; 12] = [17, 18, 19, 25, 31, 37, 36, 72, 107, 149, 185, 226];
    RAMP[((level * (RAMP.len() - 1) as f64).round() as usize).min(RAMP.len() - 1)]
}

/// The picture of `t` as lines of text, or None when it is not 1-D or 2-D.
pub fn render(t: &Tensor, color_on: bool) -> Option<String> {
    let vals = t.to_f64_vec();
    let lo = vals
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(f64::INFINITY, f64::min);
    let hi = vals
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(f64::NEG_INFINITY, f64::max);
    let legend = format!(
        "{} {}  min {:.4}  max {:.4}",
        crate::print::shape_tuple(t.shape()),
        t.dtype().name(),
        lo,
        hi
    );
    match t.shape() {
        [_] => {
            let v = normalize(&shrink(&vals, MAX_COLS));
            let line: String = if color_on {
                v.iter()
                    .map(|&x| SPARK[((x * 7.0).round() as usize).min(7)])
                    .collect()
            } else {
                v.iter()
                    .map(|&x| ASCII[((x * 9.0).round() as usize).min(9)] as char)
                    .collect()
            };
            Some(format!("{}\n{}", line, legend))
        }
        [h, w] => {
            let (h, w) = (*h, *w);
            let rows: Vec<Vec<f64>> = (0..h)
                .map(|r| shrink(&vals[r * w..(r + 1) * w], MAX_COLS))
                .collect();
            let flat: Vec<f64> = rows.iter().flatten().copied().collect();
            let norm = normalize(&flat);
            let cols = rows.first().map(|r| r.len()).unwrap_or(0);
            let at = |r: usize, c: usize| norm[r * cols + c];
            let mut out = String::new();
            if color_on {
                for r in (0..h).step_by(2) {
                    for c in 0..cols {
                        let top = color(at(r, c));
                        if r + 1 < h {
                            out.push_str(&format!(
                                "\x1b[38;5;{}m\x1b[48;5;{}m▀",
                                top,
                                color(at(r + 1, c))
                            ));
                        } else {
                            out.push_str(&format!("\x1b[38;5;{}m\x1b[49m▀", top));
                        }
                    }
                    out.push_str("\x1b[0m\n");
                }
            } else {
                for r in 0..h {
                    for c in 0..cols {
                        out.push(ASCII[((at(r, c) * 9.0).round() as usize).min(9)] as char);
                    }
                    out.push('\n');
                }
            }
            out.push_str(&legend);
            Some(out)
        }
        _ => None,
    }
}
