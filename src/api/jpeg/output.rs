//! From decoded component planes to pixels, as libjpeg-turbo's decompressor does it:
//! chroma upsampling (its "fancy" triangle filters for 2:1 ratios, sample replication
//! otherwise) and colour conversion with its fixed-point tables (YCbCr to RGB or grey, RGB
//! to grey, YCCK to CMYK).

use super::markers::Error;

/// One component's samples after the inverse DCT.
pub struct Plane {
    pub data: Vec<u8>,
    pub stride: usize,
    /// Samples a block gives along a side (8, or fewer when decoding scaled down).
    pub block: usize,
    /// The first column that belongs to the output (a cropped decode starts later).
    pub x0: usize,
    /// Samples that belong to the image (the rest pads out the last block).
    pub width: usize,
    /// Whether a 2:1 triangle filter may be used: libjpeg decides on the image's width
    /// (more than 2 samples) and keeps its choice for a crop unless that is 1 sample wide.
    pub smooth: bool,
    pub height: usize,
    /// Sampling factors, and the frame's largest ones.
    pub h: usize,
    pub v: usize,
}

/// How the components become output pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Convert {
    /// One component, copied (grey to grey, or Y of YCbCr to grey).
    First,
    /// Grey repeated into three channels.
    GreyToRgb,
    YccToRgb,
    RgbCopy,
    RgbToGrey,
    CmykCopy,
    YcckToCmyk,
}

impl Convert {
    /// How many components the conversion reads.
    pub fn inputs(self) -> usize {
        match self {
            Convert::First | Convert::GreyToRgb => 1,
            Convert::CmykCopy | Convert::YcckToCmyk => 4,
            _ => 3,
        }
    }

    /// Samples per output pixel.
    pub fn outputs(self) -> usize {
        match self {
            Convert::First | Convert::RgbToGrey => 1,
            Convert::CmykCopy | Convert::YcckToCmyk => 4,
            _ => 3,
        }
    }
}

const SCALEBITS: i64 = 16;
const ONE_HALF: i64 = 1 << (SCALEBITS - 1);

fn fix(x: f64) -> i64 {
    (x * (1i64 << SCALEBITS) as f64 + 0.5) as i64
}

/// The YCbCr tables: Cr to R, Cb to B, and the two green terms (with the rounding half).
struct Ycc {
    cr_r: [i32; 256],
    cb_b: [i32; 256],
    cr_g: [i64; 256],
    cb_g: [i64; 256],
}

impl Ycc {
    fn new() -> Ycc {
        let mut t = Ycc {
            cr_r: [0; 256],
            cb_b: [0; 256],
            cr_g: [0; 256],
            cb_g: [0; 256],
        };
        for i in 0..256 {
            let x = i as i64 - 128;
            t.cr_r[i] = ((fix(1.40200) * x + ONE_HALF) >> SCALEBITS) as i32;
            t.cb_b[i] = ((fix(1.77200) * x + ONE_HALF) >> SCALEBITS) as i32;
            t.cr_g[i] = -fix(0.71414) * x;
            t.cb_g[i] = -fix(0.34414) * x + ONE_HALF;
        }
        t
    }

    /// R, G and B before clamping.
    #[inline]
    fn rgb(&self, y: u8, cb: u8, cr: u8) -> [i32; 3] {
        let y = y as i32;
        let (cb, cr) = (cb as usize, cr as usize);
        [
            y + self.cr_r[cr],
            y + ((self.cb_g[cb] + self.cr_g[cr]) >> SCALEBITS) as i32,
            y + self.cb_b[cb],
        ]
    }
}

#[inline]
fn clamp(v: i32) -> u8 {
    v.clamp(0, 255) as u8
}

/// A component brought to `width` x `height` samples.
fn upsample(
    p: &Plane,
    hmax: usize,
    vmax: usize,
    fancy: bool,
    width: usize,
    height: usize,
) -> Result<Vec<u8>, Error> {
    let (hx, vx) = (hmax / p.h, vmax / p.v);
    if !hmax.is_multiple_of(p.h) || !vmax.is_multiple_of(p.v) {
        return Err(Error::Invalid(
            "Fractional sampling not implemented yet".into(),
        ));
    }
    // A row from the window's first column to the end of the decoded samples: the
    // triangle filters stop at `p.width`, replication reads what the output needs.
    let row = |r: usize| -> &[u8] {
        let r = r.min(p.height - 1);
        &p.data[r * p.stride + p.x0..(r + 1) * p.stride]
    };
    let need = width.div_ceil(hx);
    let mut out = vec![0u8; width * height];
    let mut line = vec![0u8; p.width.max(need) * hx + 8];
    for oy in 0..height {
        let iy = oy / vx;
        let fancy_v = fancy && vx == 2 && (hx == 1 || (hx == 2 && p.smooth));
        if fancy_v && hx == 2 {
            // h2v2: a triangle filter in both directions.
            let near = row(iy);
            let far = if oy % 2 == 0 {
                row(iy.saturating_sub(1))
            } else {
                row(iy + 1)
            };
            let sum = |c: usize| near[c] as i32 * 3 + far[c] as i32;
            let n = p.width;
            let mut this = sum(0);
            let mut next = sum(1);
            line[0] = ((this * 4 + 8) >> 4) as u8;
            line[1] = ((this * 3 + next + 7) >> 4) as u8;
            let mut last = this;
            this = next;
            for c in 1..n - 1 {
                next = sum(c + 1);
                line[2 * c] = ((this * 3 + last + 8) >> 4) as u8;
                line[2 * c + 1] = ((this * 3 + next + 7) >> 4) as u8;
                last = this;
                this = next;
            }
            line[2 * (n - 1)] = ((this * 3 + last + 8) >> 4) as u8;
            line[2 * (n - 1) + 1] = ((this * 4 + 7) >> 4) as u8;
        } else if fancy_v {
            // h1v2: vertical triangle, bias 1 for the upper output row and 2 for the lower.
            let near = row(iy);
            let (far, bias) = if oy % 2 == 0 {
                (row(iy.saturating_sub(1)), 1)
            } else {
                (row(iy + 1), 2)
            };
            for c in 0..p.width {
                line[c] = ((near[c] as i32 * 3 + far[c] as i32 + bias) >> 2) as u8;
            }
        } else if fancy && hx == 2 && vx == 1 && p.smooth {
            // h2v1: horizontal triangle.
            let s = row(iy);
            let n = p.width;
            line[0] = s[0];
            line[1] = ((s[0] as i32 * 3 + s[1] as i32 + 2) >> 2) as u8;
            for c in 1..n - 1 {
                let v = s[c] as i32 * 3;
                line[2 * c] = ((v + s[c - 1] as i32 + 1) >> 2) as u8;
                line[2 * c + 1] = ((v + s[c + 1] as i32 + 2) >> 2) as u8;
            }
            line[2 * (n - 1)] = ((s[n - 1] as i32 * 3 + s[n - 2] as i32 + 1) >> 2) as u8;
            line[2 * (n - 1) + 1] = s[n - 1];
        } else {
            let s = row(iy);
            for c in 0..need {
                line[c * hx..c * hx + hx].fill(s[c.min(s.len() - 1)]);
            }
        }
        out[oy * width..(oy + 1) * width].copy_from_slice(&line[..width]);
    }
    Ok(out)
}

/// The output pixels, `channels` per pixel, row-major.
pub fn pixels(
    planes: &[Plane],
    convert: Convert,
    fancy: bool,
    width: usize,
    height: usize,
    interrupted: fn() -> bool,
) -> Result<Vec<u8>, Error> {
    let hmax = planes.iter().map(|p| p.h).max().unwrap_or(1);
    let vmax = planes.iter().map(|p| p.v).max().unwrap_or(1);
    let mut full = Vec::with_capacity(convert.inputs());
    for p in planes.iter().take(convert.inputs()) {
        if interrupted() {
            return Err(Error::Interrupted);
        }
        full.push(upsample(p, hmax, vmax, fancy, width, height)?);
    }
    let mut out = vec![0u8; width * height * convert.outputs()];
    let ycc = Ycc::new();
    match convert {
        Convert::First => out.copy_from_slice(&full[0]),
        Convert::GreyToRgb => {
            for (o, &g) in out.chunks_exact_mut(3).zip(&full[0]) {
                o.fill(g);
            }
        }
        Convert::YccToRgb => {
            for (i, o) in out.chunks_exact_mut(3).enumerate() {
                let c = ycc.rgb(full[0][i], full[1][i], full[2][i]);
                o[0] = clamp(c[0]);
                o[1] = clamp(c[1]);
                o[2] = clamp(c[2]);
            }
        }
        Convert::RgbCopy => {
            for (i, o) in out.chunks_exact_mut(3).enumerate() {
                o.copy_from_slice(&[full[0][i], full[1][i], full[2][i]]);
            }
        }
        Convert::RgbToGrey => {
            let (r, g, b) = (fix(0.29900), fix(0.58700), fix(0.11400));
            for (i, o) in out.iter_mut().enumerate() {
                let y = r * full[0][i] as i64
                    + g * full[1][i] as i64
                    + b * full[2][i] as i64
                    + ONE_HALF;
                *o = (y >> SCALEBITS) as u8;
            }
        }
        Convert::CmykCopy => {
            for (i, o) in out.chunks_exact_mut(4).enumerate() {
                o.copy_from_slice(&[full[0][i], full[1][i], full[2][i], full[3][i]]);
            }
        }
        Convert::YcckToCmyk => {
            for (i, o) in out.chunks_exact_mut(4).enumerate() {
                let c = ycc.rgb(full[0][i], full[1][i], full[2][i]);
                o[0] = clamp(255 - c[0]);
                o[1] = clamp(255 - c[1]);
                o[2] = clamp(255 - c[2]);
                o[3] = full[3][i];
            }
        }
    }
    Ok(out)
}
