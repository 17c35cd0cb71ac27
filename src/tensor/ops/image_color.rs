//! Color kernels over images whose last axis holds RGB (or HSV) triples, computed as
//! TensorFlow's CPU kernels compute them: `RGBToHSV`, `HSVToRGB` (float32 or float64),
//! and the float32 `AdjustHue`, `AdjustSaturation` and `AdjustContrastv2`.

use crate::errors::ExcKind;
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::{DType, Tensor};

fn last3(t: &Tensor, op: &str) -> TResult<()> {
    let c = t.shape().last().copied().unwrap_or(0);
    if c == 3 && !t.shape().is_empty() {
        return Ok(());
    }
    Err(match op {
        "AdjustHue" | "AdjustSaturation" => op_error(
            op,
            op,
            format!("input must have 3 channels but instead has {} channels.", c),
            Some(""),
        ),
        _ => {
            let mut e = op_error(
                op,
                op,
                format!(
                    "input must have 3 channels but input only has {} channels.",
                    c
                ),
                Some(""),
            );
            e.kind = ExcKind::FailedPreconditionError;
            e
        }
    })
}

/// Runs a per-pixel map over triples in f64 or f32, keeping the dtype.
fn per_pixel(
    t: &Tensor,
    f32_map: &dyn Fn([f32; 3]) -> [f32; 3],
    f64_map: &dyn Fn([f64; 3]) -> [f64; 3],
) -> Tensor {
    let t = t.contiguous();
    let shape = t.shape().to_vec();
    if t.dtype() == DType::F64 {
        let v: Vec<f64> = t.to_vec().unwrap_or_default();
        let out: Vec<f64> = v
            .chunks(3)
            .flat_map(|p| f64_map([p[0], p[1], p[2]]))
            .collect();
        Tensor::from_vec(&shape, out)
    } else {
        let v: Vec<f32> = t.to_f64_vec().into_iter().map(|x| x as f32).collect();
        let out: Vec<f32> = v
            .chunks(3)
            .flat_map(|p| f32_map([p[0], p[1], p[2]]))
            .collect();
        Tensor::from_vec(&shape, out)
    }
}

macro_rules! hsv_fns {
    ($to:ident, $from:ident, $t:ty) => {
        fn $to(p: [$t; 3]) -> [$t; 3] {
            let [r, g, b] = p;
            let v = r.max(g).max(b);
            let range = v - r.min(g).min(b);
            let s = if v > 0.0 { range / v } else { 0.0 };
            let norm = (1.0 / range) * (1.0 as $t / 6.0);
            let mut h = if r == v {
                norm * (g - b)
            } else if g == v {
                norm * (b - r) + 2.0 as $t / 6.0
            } else {
                norm * (r - g) + 4.0 as $t / 6.0
            };
            if range.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
                h = 0.0;
            }
            if h < 0.0 {
                h += 1.0;
            }
            [h, s, v]
        }

        fn $from(p: [$t; 3]) -> [$t; 3] {
            let [h, s, v] = p;
            let dh = h * 6.0;
            let clamp = |x: $t| x.max(0.0).min(1.0);
            let dr = clamp((dh - 3.0).abs() - 1.0);
            let dg = clamp(-(dh - 2.0).abs() + 2.0);
            let db = clamp(-(dh - 4.0).abs() + 2.0);
            let one_s = -s + 1.0;
            [
                (one_s + s * dr) * v,
                (one_s + s * dg) * v,
                (one_s + s * db) * v,
            ]
        }
    };
}

hsv_fns!(rgb_hsv32, hsv_rgb32, f32);
hsv_fns!(rgb_hsv64, hsv_rgb64, f64);

/// `RGBToHSV`.
pub fn rgb_to_hsv(t: &Tensor) -> TResult<Tensor> {
    last3(t, "RGBToHSV")?;
    let out = per_pixel(t, &rgb_hsv32, &rgb_hsv64);
    Ok(super::image_color_grad::record_rgb_to_hsv(t, out))
}

/// `HSVToRGB`.
pub fn hsv_to_rgb(t: &Tensor) -> TResult<Tensor> {
    last3(t, "HSVToRGB")?;
    Ok(per_pixel(t, &hsv_rgb32, &hsv_rgb64))
}

fn at_least_3d(t: &Tensor, op: &str) -> TResult<()> {
    if t.ndim() < 3 {
        return Err(op_error(
            op,
            op,
            format!(
                "input must be at least 3-D, got shape{}",
                shape_brackets(t.shape())
            ),
            Some(""),
        ));
    }
    Ok(())
}

/// `AdjustHue` on float32 RGB: `delta` is a fraction of the hue circle.
pub fn adjust_hue(t: &Tensor, delta: f32) -> TResult<Tensor> {
    at_least_3d(t, "AdjustHue")?;
    last3(t, "AdjustHue")?;
    let f = move |p: [f32; 3]| {
        let [r, g, b] = p;
        let (vmax, vmid, vmin, cat) = if r < g {
            if b < r {
                (g, r, b, 1)
            } else if b > g {
                (b, g, r, 3)
            } else {
                (g, b, r, 2)
            }
        } else if b < g {
            (r, g, b, 0)
        } else if b > r {
            (b, r, g, 4)
        } else {
            (r, b, g, 5)
        };
        let mut h = if vmax == vmin {
            0.0
        } else {
            let ratio = (vmid - vmin) / (vmax - vmin);
            cat as f32 + if cat & 1 == 0 { ratio } else { 1.0 - ratio }
        };
        h += delta * 6.0;
        while h < 0.0 {
            h += 6.0;
        }
        while h >= 6.0 {
            h -= 6.0;
        }
        let cat = h as i32;
        let mut ratio = h - cat as f32;
        if cat & 1 != 0 {
            ratio = 1.0 - ratio;
        }
        let vmid = vmin + ratio * (vmax - vmin);
        match cat {
            0 => [vmax, vmid, vmin],
            1 => [vmid, vmax, vmin],
            2 => [vmin, vmax, vmid],
            3 => [vmin, vmid, vmax],
            4 => [vmid, vmin, vmax],
            _ => [vmax, vmin, vmid],
        }
    };
    let out = per_pixel(t, &f, &|p| p);
    Ok(super::image_color_grad::record_no_gradient(
        t,
        out,
        "AdjustHue",
    ))
}

/// `AdjustSaturation` on float32 RGB.
pub fn adjust_saturation(t: &Tensor, scale: f32) -> TResult<Tensor> {
    at_least_3d(t, "AdjustSaturation")?;
    last3(t, "AdjustSaturation")?;
    let f = move |p: [f32; 3]| {
        let [r, g, b] = p;
        let vv = r.max(g.max(b));
        let range = vv - r.min(g.min(b));
        let s = if vv > 0.0 { range / vv } else { 0.0 };
        let norm = 1.0f32 / (6.0 * range);
        let mut hh = if r == vv {
            norm * (g - b)
        } else if g == vv {
            ((norm * (b - r)) as f64 + 2.0 / 6.0) as f32
        } else {
            ((norm * (r - g)) as f64 + 4.0 / 6.0) as f32
        };
        if range <= 0.0 {
            hh = 0.0;
        }
        if hh < 0.0 {
            hh += 1.0;
        }
        // TensorFlow's std::min(1, std::max(0, x)): a NaN becomes 0, as `clamp` would not.
        #[allow(clippy::manual_clamp)]
        let s = (s * scale).max(0.0).min(1.0);
        let c = s * vv;
        let m = vv - c;
        let dh = hh * 6.0;
        let cat = dh as i32;
        let mut fm = dh;
        while fm <= 0.0 {
            fm += 2.0;
        }
        while fm >= 2.0 {
            fm -= 2.0;
        }
        let x = c * (1.0 - (fm - 1.0).abs());
        let (rr, gg, bb) = match cat {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            5 => (c, 0.0, x),
            _ => (0.0, 0.0, 0.0),
        };
        [rr + m, gg + m, bb + m]
    };
    let out = per_pixel(t, &f, &|p| p);
    Ok(super::image_color_grad::record_no_gradient(
        t,
        out,
        "AdjustSaturation",
    ))
}

/// `AdjustContrastv2` on float32 images: each channel of each image moves away from (or
/// toward) its mean by `factor`. The mean is summed by repeated halving, as TensorFlow's
/// kernel sums it.
pub fn adjust_contrast(t: &Tensor, factor: f32) -> TResult<Tensor> {
    let s = t.shape().to_vec();
    at_least_3d(t, "AdjustContrastv2")?;
    let n = s.len();
    let (h, w, c) = (s[n - 3], s[n - 2], s[n - 1]);
    let img = h * w;
    let v: Vec<f32> = t.contiguous().to_vec().unwrap_or_default();
    let mut out = v.clone();
    let plane = img * c;
    if plane == 0 {
        return Ok(Tensor::from_vec(&s, out));
    }
    for p in v.chunks(plane).zip(out.chunks_mut(plane)) {
        let (inp, o) = p;
        let mut sum = vec![0f32; plane];
        let mut remaining = img;
        let mut round = 0;
        loop {
            let right = remaining / 2;
            let left = remaining - right;
            if round == 0 {
                for k in 0..right * c {
                    sum[k] = inp[left * c + k] + inp[k];
                }
                if left > right {
                    sum[right * c..right * c + c].copy_from_slice(&inp[right * c..right * c + c]);
                }
            } else {
                for k in 0..right * c {
                    sum[k] += sum[left * c + k];
                }
            }
            remaining = left;
            round += 1;
            if remaining <= 1 {
                break;
            }
        }
        let scaling = 1.0f32 / img as f32;
        let means: Vec<f32> = sum[..c].iter().map(|x| x * scaling).collect();
        for (k, (ov, &iv)) in o.iter_mut().zip(inp).enumerate() {
            let m = means[k % c];
            *ov = m + factor * (iv - m);
        }
    }
    Ok(Tensor::from_vec(&s, out))
}
