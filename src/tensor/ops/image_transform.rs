//! TensorFlow's `ImageProjectiveTransformV3`: each output pixel `(x, y)` of each image
//! reads the input at `((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k)` with
//! `k = c0·x + c1·y + 1`. The input is extended past its edges by reflection, wrapping,
//! the nearest pixel or a constant, and sampled by the nearest pixel or bilinearly, in
//! float32 and in the order of TensorFlow's kernel (`core/kernels/image/image_ops.h`), so
//! rotations, zooms and translations match its pixels.

use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{DType, Tensor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillMode {
    Reflect,
    Wrap,
    Constant,
    Nearest,
}

impl FillMode {
    pub fn parse(s: &str) -> Option<FillMode> {
        Some(match s {
            "reflect" => FillMode::Reflect,
            "wrap" => FillMode::Wrap,
            "constant" => FillMode::Constant,
            "nearest" => FillMode::Nearest,
            _ => return None,
        })
    }

    /// An input coordinate outside `[0, len - 1]` mapped back inside (scipy's rules, as
    /// TensorFlow's `MapCoordinate`); `Constant` leaves it for the fill value.
    fn map(self, coord: f32, len: i64) -> f32 {
        let clamp = |c: f32| c.max(0.0).min((len - 1) as f32);
        match self {
            FillMode::Constant => coord,
            FillMode::Nearest => clamp(coord),
            FillMode::Reflect => {
                let mut c = coord;
                if c < 0.0 {
                    if len <= 1 {
                        c = 0.0;
                    } else {
                        let sz2 = 2 * len;
                        if c < sz2 as f32 {
                            c += (sz2 * ((-c / sz2 as f32) as i64)) as f32;
                        }
                        c = if c < -len as f32 {
                            c + sz2 as f32
                        } else {
                            -c - 1.0
                        };
                    }
                } else if c > (len - 1) as f32 {
                    if len <= 1 {
                        c = 0.0;
                    } else {
                        let sz2 = 2 * len;
                        c -= (sz2 * ((c / sz2 as f32) as i64)) as f32;
                        if c >= len as f32 {
                            c = sz2 as f32 - c - 1.0;
                        }
                    }
                }
                clamp(c)
            }
            FillMode::Wrap => {
                let mut c = coord;
                if c < 0.0 {
                    if len <= 1 {
                        c = 0.0;
                    } else {
                        let sz = len - 1;
                        c += (len * ((-c / sz as f32) as i64 + 1)) as f32;
                    }
                } else if c > (len - 1) as f32 {
                    if len <= 1 {
                        c = 0.0;
                    } else {
                        let sz = len - 1;
                        c -= (len * ((c / sz as f32) as i64)) as f32;
                    }
                }
                clamp(c)
            }
        }
    }
}

/// `[batch, out_h, out_w, channels]` float32 pixels of `images` (`[batch, h, w, c]`, any
/// real dtype, read as float32) under one transform per image (or one for all).
pub fn projective_transform(
    images: &Tensor,
    transforms: &[[f32; 8]],
    out_hw: (usize, usize),
    bilinear: bool,
    fill: FillMode,
    fill_value: f32,
) -> TResult<Tensor> {
    if images.ndim() != 4 {
        return Err(invalid_arg(format!(
            "Input images must be rank 4 [Op:ImageProjectiveTransformV3] (got rank {})",
            images.ndim()
        )));
    }
    let (b, h, w, c) = (
        images.shape()[0],
        images.shape()[1],
        images.shape()[2],
        images.shape()[3],
    );
    if transforms.len() != 1 && transforms.len() != b {
        return Err(invalid_arg(
            "Input transform should be num_images x 8 or 1 x 8 [Op:ImageProjectiveTransformV3]",
        ));
    }
    let (oh, ow) = out_hw;
    crate::tensor::alloc::check(&[b, oh, ow, c], DType::F32, "ImageProjectiveTransformV3")?;
    let src = images.cast(DType::F32).contiguous().to_vec::<f32>()?;
    let (hi, wi) = (h as i64, w as i64);
    let read = |n: usize, y: i64, x: i64, ch: usize| -> f32 {
        if (0..hi).contains(&y) && (0..wi).contains(&x) {
            src[((n * h + y as usize) * w + x as usize) * c + ch]
        } else {
            fill_value
        }
    };
    let mut out = vec![0f32; b * oh * ow * c];
    for n in 0..b {
        let t = if transforms.len() == 1 {
            &transforms[0]
        } else {
            &transforms[n]
        };
        for oy in 0..oh {
            for ox in 0..ow {
                let base = ((n * oh + oy) * ow + ox) * c;
                let (xf, yf) = (ox as f32, oy as f32);
                let projection = t[6] * xf + t[7] * yf + 1.0;
                if projection == 0.0 {
                    out[base..base + c].fill(fill_value);
                    continue;
                }
                let ix = (t[0] * xf + t[1] * yf + t[2]) / projection;
                let iy = (t[3] * xf + t[4] * yf + t[5]) / projection;
                // TensorFlow 2.15 samples a constant-mode point outside the image like any
                // other: its neighbours outside read as the fill value.
                let x = fill.map(ix, wi);
                let y = fill.map(iy, hi);
                for ch in 0..c {
                    out[base + ch] = if bilinear {
                        let (y0, x0) = (y.floor(), x.floor());
                        let (y1, x1) = (y0 + 1.0, x0 + 1.0);
                        let top = (x1 - x) * read(n, y0 as i64, x0 as i64, ch)
                            + (x - x0) * read(n, y0 as i64, x1 as i64, ch);
                        let bottom = (x1 - x) * read(n, y1 as i64, x0 as i64, ch)
                            + (x - x0) * read(n, y1 as i64, x1 as i64, ch);
                        (y1 - y) * top + (y - y0) * bottom
                    } else {
                        read(n, y.round() as i64, x.round() as i64, ch)
                    };
                }
            }
        }
        if crate::tensor::interrupt::pending() {
            break;
        }
    }
    let out = Tensor::from_vec(&[b, oh, ow, c], out);
    if !images.dtype().is_float() {
        return Ok(out);
    }
    // TensorFlow's gradient (`image_grad.py`): the output gradient transformed back by
    // the inverse transforms onto the input's size, constant parts filled with zero.
    let inverse: Vec<[f32; 8]> = transforms.iter().map(inverse_flat).collect();
    Ok(crate::tensor::autodiff::tape::record(
        &[images],
        out,
        move |xs, _, g| {
            let back = projective_transform(g, &inverse, (h, w), bilinear, fill, 0.0)?;
            Ok(vec![Some(back.cast(xs[0].dtype()))])
        },
    ))
}

/// The inverse of a flat transform as a flat transform: the 3x3 matrix
/// `[[a0, a1, a2], [b0, b1, b2], [c0, c1, 1]]` inverted and scaled so that its last entry
/// is 1.
fn inverse_flat(t: &[f32; 8]) -> [f32; 8] {
    let m: Vec<f64> = t.iter().map(|&v| v as f64).chain([1.0]).collect();
    let cof = |r0: usize, c0: usize, r1: usize, c1: usize| {
        m[r0 * 3 + c0] * m[r1 * 3 + c1] - m[r0 * 3 + c1] * m[r1 * 3 + c0]
    };
    // The adjugate (transposed cofactors); the determinant cancels in the scaling.
    let adj = [
        cof(1, 1, 2, 2),
        -cof(0, 1, 2, 2),
        cof(0, 1, 1, 2),
        -cof(1, 0, 2, 2),
        cof(0, 0, 2, 2),
        -cof(0, 0, 1, 2),
        cof(1, 0, 2, 1),
        -cof(0, 0, 2, 1),
        cof(0, 0, 1, 1),
    ];
    let k = adj[8];
    let mut out = [0f32; 8];
    for (o, a) in out.iter_mut().zip(adj.iter()) {
        *o = if k == 0.0 { 0.0 } else { (a / k) as f32 };
    }
    out
}
