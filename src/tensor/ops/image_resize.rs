//! Image resizing kernels on `[batch, height, width, channels]` tensors, computed in
//! float32 the way TensorFlow's CPU kernels compute them: `ResizeBilinear`,
//! `ResizeNearestNeighbor`, `ResizeBicubic` (each with `align_corners` and
//! `half_pixel_centers`), `ResizeArea`, and `ScaleAndTranslate` with its sampling kernels
//! (lanczos3/5, gaussian, box, triangle, keyscubic, mitchellcubic, with or without
//! antialiasing). Every method but `area` records its gradient: each output pixel is a
//! weighted sum of input pixels along each axis, so the gradient spreads the output
//! gradient back through the same weights.

use crate::tensor::alloc;
use crate::tensor::autodiff::{record, record_moves_first};
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{DType, Elem, Tensor};
use crate::with_data;

/// A resizing method and its options.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Method {
    Bilinear { align: bool, half: bool },
    Nearest { align: bool, half: bool },
    Bicubic { align: bool, half: bool },
    Area { align: bool },
    Scale { kernel: Sampler, antialias: bool },
}

/// `ScaleAndTranslate`'s sampling kernels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sampler {
    Lanczos1,
    Lanczos3,
    Lanczos5,
    Gaussian,
    Box,
    Triangle,
    KeysCubic,
    MitchellCubic,
}

impl Sampler {
    pub fn parse(s: &str) -> Option<Sampler> {
        Some(match s {
            "lanczos1" => Sampler::Lanczos1,
            "lanczos3" => Sampler::Lanczos3,
            "lanczos5" => Sampler::Lanczos5,
            "gaussian" => Sampler::Gaussian,
            "box" => Sampler::Box,
            "triangle" => Sampler::Triangle,
            "keyscubic" => Sampler::KeysCubic,
            "mitchellcubic" => Sampler::MitchellCubic,
            _ => return None,
        })
    }

    fn radius(self) -> f32 {
        match self {
            Sampler::Lanczos1 | Sampler::Box | Sampler::Triangle => 1.0,
            Sampler::Lanczos3 => 3.0,
            Sampler::Lanczos5 => 5.0,
            Sampler::Gaussian => 1.5,
            Sampler::KeysCubic | Sampler::MitchellCubic => 2.0,
        }
    }

    fn weight(self, x: f32) -> f32 {
        let x = x.abs();
        match self {
            Sampler::Lanczos1 | Sampler::Lanczos3 | Sampler::Lanczos5 => {
                let r = self.radius();
                // TensorFlow's 3.14159265359 as a float is PI.
                const PI: f32 = std::f32::consts::PI;
                if x > r {
                    0.0
                } else if x <= 1e-3 {
                    1.0
                } else {
                    r * (PI * x).sin() * (PI * x / r).sin() / (PI * PI * x * x)
                }
            }
            Sampler::Gaussian => {
                let (r, sigma) = (1.5f32, 1.5f32 / 3.0);
                if x >= r {
                    0.0
                } else {
                    let s = sigma as f64;
                    (-(x as f64) * x as f64 / (2.0 * s * s)).exp() as f32
                }
            }
            Sampler::Box => {
                if x < 0.5 {
                    1.0
                } else if x == 0.5 {
                    0.5
                } else {
                    0.0
                }
            }
            Sampler::Triangle => {
                if x < 1.0 {
                    1.0 - x
                } else {
                    0.0
                }
            }
            Sampler::KeysCubic => {
                if x >= 2.0 {
                    0.0
                } else if x >= 1.0 {
                    ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
                } else {
                    ((1.5 * x - 2.5) * x) * x + 1.0
                }
            }
            Sampler::MitchellCubic => {
                if x >= 2.0 {
                    0.0
                } else if x >= 1.0 {
                    (((-7.0f32 / 18.0) * x + 2.0) * x - 10.0f32 / 3.0) * x + 16.0f32 / 9.0
                } else {
                    (((7.0f32 / 6.0) * x - 2.0) * x) * x + 8.0f32 / 9.0
                }
            }
        }
    }
}

/// For each output position along one axis, the input positions it reads and their weights.
type Taps = Vec<Vec<(usize, f32)>>;

fn resize_scale(inp: usize, out: usize, align: bool) -> f32 {
    if align && out > 1 {
        (inp as f32 - 1.0) / (out - 1) as f32
    } else {
        inp as f32 / out as f32
    }
}

fn bound(v: i64, limit: usize) -> usize {
    v.clamp(0, limit as i64 - 1) as usize
}

/// Bilinear: `(lower, upper, lerp)` per output position.
fn linear_taps(inp: usize, out: usize, align: bool, half: bool) -> Vec<(usize, usize, f32)> {
    let scale = resize_scale(inp, out, align);
    (0..out)
        .map(|i| {
            let x = if half {
                (i as f32 + 0.5) * scale - 0.5
            } else {
                i as f32 * scale
            };
            let f = x.floor();
            let lo = (f as i64).max(0) as usize;
            let hi = (x.ceil() as i64).min(inp as i64 - 1).max(0) as usize;
            (lo, hi, x - f)
        })
        .collect()
}

fn nearest_index(inp: usize, out: usize, align: bool, half: bool) -> Vec<usize> {
    let scale = resize_scale(inp, out, align);
    (0..out)
        .map(|i| {
            let x = if half {
                (i as f32 + 0.5) * scale
            } else {
                i as f32 * scale
            };
            let v = if align { x.round() } else { x.floor() } as i64;
            let v = v.min(inp as i64 - 1);
            (if half { v.max(0) } else { v }) as usize
        })
        .collect()
}

const TABLE: usize = 1024;

fn coeffs_table(a: f64) -> Vec<f32> {
    let mut t = vec![0f32; (TABLE + 1) * 2];
    for i in 0..=TABLE {
        let x = (i as f64 / TABLE as f64) as f32;
        let xd = x as f64;
        t[i * 2] = (((a + 2.0) * xd - (a + 3.0)) * xd * xd + 1.0) as f32;
        let x1 = (x + 1.0) as f64;
        t[i * 2 + 1] = (((a * x1 - 5.0 * a) * x1 + 8.0 * a) * x1 - 4.0 * a) as f32;
    }
    t
}

fn cubic_taps(inp: usize, out: usize, align: bool, half: bool) -> Taps {
    let scale = resize_scale(inp, out, align);
    let table = coeffs_table(if half { -0.5 } else { -0.75 });
    (0..out)
        .map(|o| {
            let loc = if half {
                (o as f32 + 0.5) * scale - 0.5
            } else {
                o as f32 * scale
            };
            let il = loc.floor() as i64;
            let delta = loc - il as f32;
            let off = (delta * TABLE as f32).round_ties_even() as usize;
            let ws = [
                table[off * 2 + 1],
                table[off * 2],
                table[(TABLE - off) * 2],
                table[(TABLE - off) * 2 + 1],
            ];
            let mut taps: Vec<(usize, f32)> = (0..4)
                .map(|k| {
                    let want = il - 1 + k as i64;
                    let idx = bound(want, inp);
                    let w = if !half || idx as i64 == want {
                        ws[k]
                    } else {
                        0.0
                    };
                    (idx, w)
                })
                .collect();
            if half {
                let sum = taps[0].1 + taps[1].1 + taps[2].1 + taps[3].1;
                if sum.abs() >= 1000.0 * f32::MIN_POSITIVE {
                    let inv = 1.0 / sum;
                    for t in &mut taps {
                        t.1 *= inv;
                    }
                }
            }
            taps
        })
        .collect()
}

/// `ResizeArea`'s spans: input positions with their coverage (before the overall scale).
fn area_taps(inp: usize, out: usize, align: bool) -> (Taps, f32) {
    let scale = resize_scale(inp, out, align);
    let taps = (0..out)
        .map(|o| {
            let a = o as f32 * scale;
            let b = (o + 1) as f32 * scale;
            let (start, end) = (a.floor() as i64, b.ceil() as i64);
            (start..end)
                .map(|i| {
                    let w = if (i as f32) < a {
                        if (i + 1) as f32 > b {
                            scale
                        } else {
                            (i + 1) as f32 - a
                        }
                    } else if (i + 1) as f32 > b {
                        b - i as f32
                    } else {
                        1.0
                    };
                    (bound(i, inp), w)
                })
                .collect()
        })
        .collect();
    (taps, scale)
}

/// `ScaleAndTranslate`'s spans for one axis.
fn scale_taps(inp: usize, out: usize, kernel: Sampler, antialias: bool) -> Taps {
    let scale = out as f32 / inp as f32;
    let inv_scale = (1.0 / scale as f64) as f32;
    let inv_translate = -inv_scale * 0.0;
    let kscale = if antialias { inv_scale.max(1.0) } else { 1.0 };
    let radius = kernel.radius();
    let one_over = 1.0 / kscale;
    (0..out)
        .map(|x| {
            let sample = (x as f32 + 0.5) * inv_scale + inv_translate;
            if sample < 0.0 || sample > inp as f32 {
                return vec![];
            }
            let start = (sample - radius * kscale - 0.5).ceil() as i64;
            let end = (sample + radius * kscale - 0.5).floor() as i64;
            let start = bound(start, inp);
            let end = bound(end, inp) + 1;
            let ws: Vec<f32> = (start..end)
                .map(|s| kernel.weight((s as f32 + 0.5 - sample) * one_over))
                .collect();
            let total: f32 = ws.iter().fold(0.0, |a, &w| a + w);
            if total.abs() < 1000.0 * f32::MIN_POSITIVE {
                return vec![];
            }
            let inv = 1.0 / total;
            (start..end).zip(ws).map(|(s, w)| (s, w * inv)).collect()
        })
        .collect()
}

/// The input as float32 values in row-major order.
fn floats(t: &Tensor) -> Vec<f32> {
    with_data!(&t.data, a => a.iter().map(|x| x.to_f64() as f32).collect())
}

/// Applies row taps then column taps (`ScaleAndTranslate`'s order: rows into an
/// intermediate image, then columns), accumulating in float32.
fn separable(x: &[f32], dims: [usize; 4], rows: &Taps, cols: &Taps) -> Vec<f32> {
    let [b, h, w, c] = dims;
    let (oh, ow) = (rows.len(), cols.len());
    let mut mid = vec![0f32; b * oh * w * c];
    for bi in 0..b {
        for (y, taps) in rows.iter().enumerate() {
            let out = &mut mid[(bi * oh + y) * w * c..(bi * oh + y + 1) * w * c];
            for &(iy, wt) in taps {
                let src = &x[(bi * h + iy) * w * c..(bi * h + iy + 1) * w * c];
                for (o, &s) in out.iter_mut().zip(src) {
                    *o += wt * s;
                }
            }
        }
    }
    let mut res = vec![0f32; b * oh * ow * c];
    for r in 0..b * oh {
        for (xo, taps) in cols.iter().enumerate() {
            let o = (r * ow + xo) * c;
            for &(ix, wt) in taps {
                let s = (r * w + ix) * c;
                for ch in 0..c {
                    res[o + ch] += wt * mid[s + ch];
                }
            }
        }
    }
    res
}

fn bilinear(
    x: &[f32],
    dims: [usize; 4],
    ys: &[(usize, usize, f32)],
    xs: &[(usize, usize, f32)],
) -> Vec<f32> {
    let [b, h, w, c] = dims;
    let (oh, ow) = (ys.len(), xs.len());
    let mut res = Vec::with_capacity(b * oh * ow * c);
    for bi in 0..b {
        for &(yl, yh, ly) in ys {
            for &(xl, xh, lx) in xs {
                for ch in 0..c {
                    let at = |yy: usize, xx: usize| x[((bi * h + yy) * w + xx) * c + ch];
                    let (tl, tr) = (at(yl, xl), at(yl, xh));
                    let (bl, br) = (at(yh, xl), at(yh, xh));
                    let top = tl + (tr - tl) * lx;
                    let bottom = bl + (br - bl) * lx;
                    res.push(top + (bottom - top) * ly);
                }
            }
        }
    }
    res
}

fn bicubic(x: &[f32], dims: [usize; 4], ys: &Taps, xs: &Taps) -> Vec<f32> {
    let [b, h, w, c] = dims;
    let mut res = Vec::with_capacity(b * ys.len() * xs.len() * c);
    for bi in 0..b {
        for yt in ys {
            for xt in xs {
                for ch in 0..c {
                    let mut acc = 0f32;
                    for (k, &(ix, wx)) in xt.iter().enumerate() {
                        let mut col = 0f32;
                        for (j, &(iy, wy)) in yt.iter().enumerate() {
                            let v = x[((bi * h + iy) * w + ix) * c + ch] * wy;
                            col = if j == 0 { v } else { col + v };
                        }
                        let v = col * wx;
                        acc = if k == 0 { v } else { acc + v };
                    }
                    res.push(acc);
                }
            }
        }
    }
    res
}

fn area(x: &[f32], dims: [usize; 4], ys: &Taps, xs: &Taps, scale: f32) -> Vec<f32> {
    let [b, h, w, c] = dims;
    let mut res = Vec::with_capacity(b * ys.len() * xs.len() * c);
    for bi in 0..b {
        for yt in ys {
            for xt in xs {
                for ch in 0..c {
                    let mut sum = 0f32;
                    for &(iy, sy) in yt {
                        let at = |ix: usize| x[((bi * h + iy) * w + ix) * c + ch];
                        let n = xt.len();
                        let mut sum_y = at(xt[0].0) * xt[0].1;
                        if n > 1 {
                            for &(ix, _) in &xt[1..n - 1] {
                                sum_y += at(ix);
                            }
                            sum_y += at(xt[n - 1].0) * xt[n - 1].1;
                        }
                        sum += sum_y * sy;
                    }
                    res.push(sum * scale);
                }
            }
        }
    }
    res
}

/// The transpose of a separable weighting: the gradient of a linear resize.
fn spread(g: &[f32], dims: [usize; 4], rows: &Taps, cols: &Taps) -> Vec<f32> {
    let [b, h, w, c] = dims;
    let (oh, ow) = (rows.len(), cols.len());
    let mut out = vec![0f32; b * h * w * c];
    for bi in 0..b {
        for (y, yt) in rows.iter().enumerate() {
            for (xo, xt) in cols.iter().enumerate() {
                let go = ((bi * oh + y) * ow + xo) * c;
                for &(iy, wy) in yt {
                    for &(ix, wx) in xt {
                        let wgt = wy * wx;
                        let gi = ((bi * h + iy) * w + ix) * c;
                        for ch in 0..c {
                            out[gi + ch] += g[go + ch] * wgt;
                        }
                    }
                }
            }
        }
    }
    out
}

fn gather_rows<T: Elem>(
    a: &ndarray::ArcArray<T, ndarray::IxDyn>,
    idx: &[usize],
    shape: &[usize],
) -> Tensor {
    let flat: Vec<T> = a.iter().copied().collect();
    Tensor::from_vec(shape, idx.iter().map(|&i| flat[i]).collect())
}

/// Resizes a 4-D image batch to `oh` x `ow` (`op` names the kernel in errors).
pub fn resize(x: &Tensor, oh: usize, ow: usize, method: Method) -> TResult<Tensor> {
    let s = x.shape();
    if s.len() != 4 {
        return Err(invalid_arg(format!(
            "input must be 4-dimensional{}",
            crate::tensor::broadcast::shape_brackets(s)
        )));
    }
    let dims = [s[0], s[1], s[2], s[3]];
    let [b, h, w, c] = dims;
    let out_shape = [b, oh, ow, c];
    let out_dtype = match method {
        Method::Nearest { .. } => x.dtype(),
        _ => DType::F32,
    };
    alloc::check(&out_shape, out_dtype, "resize")?;
    // The per-axis sampling tables, even when the batch is empty.
    alloc::check(&[oh + ow, 16], DType::F32, "resize")?;
    let x = x.contiguous();
    if let Method::Nearest { align, half } = method {
        let ys = nearest_index(h, oh, align, half);
        let xs = nearest_index(w, ow, align, half);
        let mut idx = Vec::with_capacity(b * oh * ow * c);
        for bi in 0..b {
            for &iy in &ys {
                for &ix in &xs {
                    for ch in 0..c {
                        idx.push(((bi * h + iy) * w + ix) * c + ch);
                    }
                }
            }
        }
        if h == 0 || w == 0 {
            idx.clear();
        }
        let run = move |t: &Tensor| -> TResult<Tensor> {
            let t = t.contiguous();
            Ok(with_data!(&t.data, a => gather_rows(a, &idx, &out_shape)))
        };
        let out = run(&x)?;
        return Ok(record_moves_first(&[&x], out, run));
    }
    let v = floats(&x);
    let (vals, rows, cols): (Vec<f32>, Taps, Taps) = match method {
        Method::Bilinear { align, half } => {
            let ys = linear_taps(h, oh, align, half);
            let xs = linear_taps(w, ow, align, half);
            let out = bilinear(&v, dims, &ys, &xs);
            let to_taps = |t: &[(usize, usize, f32)]| -> Taps {
                t.iter()
                    .map(|&(l, u, f)| vec![(l, 1.0 - f), (u, f)])
                    .collect()
            };
            (out, to_taps(&ys), to_taps(&xs))
        }
        Method::Bicubic { align, half } => {
            let ys = cubic_taps(h, oh, align, half);
            let xs = cubic_taps(w, ow, align, half);
            (bicubic(&v, dims, &ys, &xs), ys, xs)
        }
        Method::Area { align } => {
            let (ys, sy) = area_taps(h, oh, align);
            let (xs, sx) = area_taps(w, ow, align);
            let scale = (1.0 / ((sy * sx) as f64)) as f32;
            let out = area(&v, dims, &ys, &xs, scale);
            return Ok(Tensor::from_vec(&out_shape, out));
        }
        Method::Scale { kernel, antialias } => {
            let ys = scale_taps(h, oh, kernel, antialias);
            let xs = scale_taps(w, ow, kernel, antialias);
            (separable(&v, dims, &ys, &xs), ys, xs)
        }
        Method::Nearest { .. } => unreachable!("handled above"),
    };
    let out = Tensor::from_vec(&out_shape, vals);
    if !x.dtype().is_float() {
        return Ok(out);
    }
    Ok(record(&[&x], out, move |xs, _y, g| {
        let gv = floats(&g.contiguous());
        let back = spread(&gv, dims, &rows, &cols);
        let gt = Tensor::from_vec(&[b, h, w, c], back);
        Ok(vec![Some(gt.cast(xs[0].dtype()))])
    }))
}
