//! JPEG bytes to pixels, as TensorFlow 2.15's `DecodeJpeg` gets them from libjpeg-turbo:
//! the markers (JFIF and Adobe colour hints, quantisation and Huffman tables, restart
//! intervals), sequential and progressive Huffman scans, the inverse DCT TensorFlow asks
//! for, upsampling and colour conversion; then TensorFlow's own CMYK-to-RGB step.
//!
//! The data is read the way TensorFlow's memory source feeds libjpeg: bytes that run out
//! in the middle are an error unless `recover_truncated` is set, in which case an end
//! marker is supplied and the missing blocks decode as zeros (mid grey). Damage libjpeg
//! only warns about (bad codes, a marker in the scan data) is decoded past.

use super::entropy::{self, Bits, Huffman, State};
use super::idct;
pub use super::markers::Error;
use super::markers::{bad, ceil_div, no_frame, Component, Next, Parser, Scan};
use super::output::{self, Convert, Plane};

/// Which inverse DCT to use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dct {
    /// `INTEGER_FAST` (TensorFlow's default).
    Fast,
    /// `INTEGER_ACCURATE`.
    Accurate,
}

/// What TensorFlow's decode op asks for.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// 0 (the file's, at most 3), 1 or 3.
    pub channels: usize,
    pub fancy_upscaling: bool,
    pub dct: Dct,
    pub recover_truncated: bool,
    /// Bytes of working memory the decoder may take.
    pub max_bytes: usize,
    /// Asked between rows of blocks; true stops the decoder with `Error::Interrupted`.
    pub interrupted: fn() -> bool,
    /// `decode_and_crop_jpeg`'s window: y, x, height, width.
    pub crop: Option<[usize; 4]>,
    /// 1, 2, 4 or 8: the image is decoded at 1/ratio of its size.
    pub ratio: usize,
}

/// A decoded image.
#[derive(Clone, Debug)]
pub struct Image {
    pub width: usize,
    pub height: usize,
    pub channels: usize,
    pub pixels: Vec<u8>,
}

/// The header's facts: size and component count.
#[derive(Clone, Copy, Debug)]
pub struct Info {
    pub width: usize,
    pub height: usize,
    pub components: usize,
}

/// The header's size and component count, as TensorFlow's `extract_jpeg_shape` reads it.
pub fn info(data: &[u8]) -> Result<Info, Error> {
    let mut p = start(data, false)?;
    if let Next::End = p.markers(None)? {
        return bad("JPEG datastream contains no image");
    }
    let f = p.frame.as_ref().ok_or_else(no_frame)?;
    Ok(Info {
        width: f.width,
        height: f.height,
        components: f.comps.len(),
    })
}

fn start(data: &[u8], recover: bool) -> Result<Parser<'_>, Error> {
    if data.len() < 2 || data[0] != 0xFF || data[1] != 0xD8 {
        return bad(format!(
            "Not a JPEG file: starts with 0x{:02x} 0x{:02x}",
            data.first().unwrap_or(&0),
            data.get(1).unwrap_or(&0)
        ));
    }
    Ok(Parser {
        data,
        pos: 2,
        recover,
        ..Default::default()
    })
}

/// Decodes JPEG bytes.
pub fn decode(data: &[u8], opts: &Options) -> Result<Image, Error> {
    let mut p = start(data, opts.recover_truncated)?;
    let mut next = p.markers(None)?;
    if matches!(next, Next::End) {
        return bad("JPEG datastream contains no image");
    }
    let (width, height, ncomp) = {
        let f = p.frame.as_ref().ok_or_else(no_frame)?;
        (f.width, f.height, f.comps.len())
    };
    // The colour space libjpeg assumes, and what TensorFlow asks to convert it to.
    let channels = if opts.channels == 0 {
        ncomp.min(3)
    } else {
        opts.channels
    };
    let convert = colour(
        ncomp,
        channels,
        p.jfif,
        p.adobe,
        &p.frame
            .as_ref()
            .map(|f| f.comps.iter().map(|c| c.id).collect::<Vec<_>>())
            .unwrap_or_default(),
    )?;
    let total = width * height * ncomp;
    if total >= 1 << 29 {
        return Err(Error::TooLarge(total));
    }
    // Decoding at 1/ratio scale: each block gives `scale` samples a side (libjpeg's
    // `jpeg_core_output_dimensions`).
    let scale = 8 / opts.ratio.clamp(1, 8);
    let (full_w, full_h) = (ceil_div(width * scale, 8), ceil_div(height * scale, 8));
    if let Some([y, x, h, w]) = opts.crop {
        if w == 0 || h == 0 || y + h > full_h || x + w > full_w {
            return bad("Invalid crop window");
        }
    }
    {
        let f = p.frame.as_mut().ok_or_else(no_frame)?;
        let coef_bytes: usize = f.comps.iter().map(|c| c.bw * c.bh * 128).sum();
        let need = coef_bytes + width * height * (ncomp + 4);
        if need > opts.max_bytes {
            return Err(Error::Memory(need));
        }
        for c in f.comps.iter_mut() {
            c.coefs = vec![0i16; c.bw * c.bh * 64];
        }
    }
    while let Next::Scan(scan) = next {
        let after = run_scan(&mut p, &scan, opts)?;
        next = p.markers(after)?;
    }
    let f = p.frame.take().ok_or_else(no_frame)?;
    let mut planes = Vec::with_capacity(convert.inputs());
    for c in f.comps.iter().take(convert.inputs()) {
        if (opts.interrupted)() {
            return Err(Error::Interrupted);
        }
        // A component smaller than the largest is brought up by a larger inverse DCT
        // where the ratios allow, rather than by upsampling.
        let mut size = scale;
        while size < 8
            && (f.hmax * scale).is_multiple_of(c.h * size * 2)
            && (f.vmax * scale).is_multiple_of(c.v * size * 2)
        {
            size *= 2;
        }
        let mut pl = samples(c, opts.dct, size, (width, height), (f.hmax, f.vmax));
        pl.h = c.h * size / scale;
        pl.v = c.v * size / scale;
        planes.push(pl);
    }
    let (width, height) = (full_w, full_h);
    // A crop narrower than the image decodes from the iMCU column at or left of its x, and
    // the upsampler sees that window's edges as the image's (libjpeg's
    // `jpeg_crop_scanline`).
    let align = if ncomp == 1 { scale } else { scale * f.hmax };
    let (ax, out_w) = match opts.crop {
        Some([_, x, _, w]) if w != width => (x / align * align, w + x - x / align * align),
        _ => (0, width),
    };
    if out_w != width {
        for (pl, c) in planes.iter_mut().zip(&f.comps) {
            let hsf = if ncomp == 1 { 1 } else { c.h };
            pl.x0 = ax * hsf / align * pl.block;
            pl.width = ceil_div(out_w * pl.h, f.hmax);
            if pl.width < 2 {
                pl.smooth = false;
            }
        }
    }
    let px = output::pixels(
        &planes,
        convert,
        opts.fancy_upscaling && scale > 1,
        out_w,
        height,
        opts.interrupted,
    )?;
    // TensorFlow turns CMYK into RGB itself.
    let (mut pixels, channels) = match convert.outputs() {
        4 => (cmyk_to_rgb(&px, p.adobe.is_some()), 3),
        n => (px, n),
    };
    let (mut width, mut height) = (out_w, height);
    if let Some([y, x, h, w]) = opts.crop {
        let mut cut = Vec::with_capacity(h * w * channels);
        for r in y..y + h {
            let at = (r * out_w + (x - ax)) * channels;
            cut.extend_from_slice(&pixels[at..at + w * channels]);
        }
        pixels = cut;
        width = w;
        height = h;
    }
    Ok(Image {
        width,
        height,
        channels,
        pixels,
    })
}

/// libjpeg's colour-space guess (`default_decompress_parms`) and the conversion to
/// TensorFlow's `channels`.
fn colour(
    n: usize,
    channels: usize,
    jfif: bool,
    adobe: Option<u8>,
    ids: &[u8],
) -> Result<Convert, Error> {
    #[derive(PartialEq)]
    enum Space {
        Grey,
        Ycc,
        Rgb,
        Cmyk,
        Ycck,
        Unknown,
    }
    let space = match n {
        1 => Space::Grey,
        3 => {
            if jfif {
                Space::Ycc
            } else if let Some(t) = adobe {
                if t == 0 {
                    Space::Rgb
                } else {
                    Space::Ycc
                }
            } else if ids == [82, 71, 66] {
                Space::Rgb
            } else {
                Space::Ycc
            }
        }
        4 => match adobe {
            Some(0) | None => Space::Cmyk,
            Some(_) => Space::Ycck,
        },
        _ => Space::Unknown,
    };
    let c = match (channels, space) {
        (1, Space::Grey | Space::Ycc) => Convert::First,
        (1, Space::Rgb) => Convert::RgbToGrey,
        (3, Space::Grey) => Convert::GreyToRgb,
        (3, Space::Ycc) => Convert::YccToRgb,
        (3, Space::Rgb) => Convert::RgbCopy,
        (3, Space::Cmyk) => Convert::CmykCopy,
        (3, Space::Ycck) => Convert::YcckToCmyk,
        _ => return bad("Unsupported color conversion request"),
    };
    Ok(c)
}

/// TensorFlow's CMYK to RGB: Adobe files store CMYK inverted.
fn cmyk_to_rgb(px: &[u8], adobe: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(px.len() / 4 * 3);
    for q in px.chunks_exact(4) {
        let (c, m, y, k) = (q[0] as u32, q[1] as u32, q[2] as u32, q[3] as u32);
        if adobe {
            out.extend_from_slice(&[
                (k * c / 255) as u8,
                (k * m / 255) as u8,
                (k * y / 255) as u8,
            ]);
        } else {
            let f = |v: u32| ((255 - k) * (255 - v) / 255) as u8;
            out.extend_from_slice(&[f(c), f(m), f(y)]);
        }
    }
    out
}

/// Decodes one scan's entropy-coded data; returns the marker that ended it, if one was
/// read.
fn run_scan(p: &mut Parser, scan: &Scan, opts: &Options) -> Result<Option<u8>, Error> {
    let band = scan.band;
    let mut dc = Vec::with_capacity(scan.comps.len());
    let mut ac = Vec::with_capacity(scan.comps.len());
    for &(_, td, ta) in &scan.comps {
        let need_dc = !band.progressive || (band.ss == 0 && band.ah == 0);
        let need_ac = !band.progressive || band.ss > 0;
        dc.push(if need_dc {
            Some(table(&p.dc[td], td, true)?)
        } else {
            None
        });
        ac.push(if need_ac {
            Some(table(&p.ac[ta], ta, false)?)
        } else {
            None
        });
    }
    let frame = p.frame.as_mut().ok_or_else(no_frame)?;
    let mut bits = Bits::new(p.data, p.pos);
    let mut st = State {
        last_dc: [0; 4],
        eobrun: 0,
    };
    // The MCUs: whole interleaved ones, or single blocks of the component's own size.
    let (mx, my) = if scan.comps.len() > 1 {
        (
            ceil_div(frame.width, 8 * frame.hmax),
            ceil_div(frame.height, 8 * frame.vmax),
        )
    } else {
        let c = &frame.comps[scan.comps[0].0];
        (ceil_div(c.dw, 8), ceil_div(c.dh, 8))
    };
    let mut next_rst = 0u8;
    let mut todo = p.restart;
    let mut short = false;
    for y in 0..my {
        if (opts.interrupted)() {
            return Err(Error::Interrupted);
        }
        for x in 0..mx {
            if p.restart > 0 {
                if todo == 0 {
                    restart(&mut bits, next_rst);
                    next_rst = (next_rst + 1) & 7;
                    st = State {
                        last_dc: [0; 4],
                        eobrun: 0,
                    };
                    todo = p.restart;
                    if bits.marker.is_none() {
                        short = false;
                        bits.short = false;
                    }
                }
                todo -= 1;
            }
            if short {
                continue;
            }
            for (k, &(i, _, _)) in scan.comps.iter().enumerate() {
                let c = &mut frame.comps[i];
                let (h, v) = if scan.comps.len() > 1 {
                    (c.h, c.v)
                } else {
                    (1, 1)
                };
                for by in 0..v {
                    for bx in 0..h {
                        let (row, col) = (y * v + by, x * h + bx);
                        let at = (row * c.bw + col) * 64;
                        entropy::block(
                            &mut bits,
                            &mut st,
                            &band,
                            k,
                            dc[k].as_ref(),
                            ac[k].as_ref(),
                            &mut c.coefs[at..at + 64],
                        );
                    }
                }
            }
            if bits.short {
                short = true;
            }
        }
    }
    let ended = bits.marker.is_none() && bits.pos >= p.data.len();
    if ended && !opts.recover_truncated {
        return bad("Premature end of JPEG file");
    }
    let m = bits.next_marker();
    p.pos = bits.pos;
    if m.is_none() && !opts.recover_truncated {
        return bad("Premature end of JPEG file");
    }
    Ok(Some(m.unwrap_or(0xD9)))
}

/// A Huffman table by number, which must have been defined.
fn table(t: &Option<([u8; 16], Vec<u8>)>, id: usize, dc: bool) -> Result<Huffman, Error> {
    match t {
        Some((counts, symbols)) => Huffman::new(counts, symbols, dc).map_err(Error::Invalid),
        None => bad(format!("Huffman table 0x{:02x} was not defined", id)),
    }
}

/// Finds the restart marker due, as libjpeg's `read_restart_marker` and
/// `jpeg_resync_to_restart` do.
fn restart(bits: &mut Bits, want: u8) {
    bits.align();
    let mut m = bits.next_marker();
    loop {
        let Some(code) = m else { return };
        let rst = |d: u8| 0xD0 + (d & 7);
        let ahead = code == rst(want.wrapping_add(1)) || code == rst(want.wrapping_add(2));
        let action = if code < 0xC0 {
            2
        } else if !(0xD0..=0xD7).contains(&code) || ahead {
            3
        } else if code == rst(want.wrapping_sub(1)) || code == rst(want.wrapping_sub(2)) {
            2
        } else {
            1
        };
        match action {
            1 => return,
            2 => m = bits.next_marker(),
            _ => {
                bits.marker = Some(code);
                return;
            }
        }
    }
}

/// A component's samples: each block through the inverse DCT, `size` samples a side.
fn samples(
    c: &Component,
    dct: Dct,
    size: usize,
    (w, h): (usize, usize),
    (hmax, vmax): (usize, usize),
) -> Plane {
    let dw = ceil_div(w * c.h * size, hmax * 8);
    let dh = ceil_div(h * c.v * size, vmax * 8);
    let (nbw, nbh) = (ceil_div(dw, size), ceil_div(dh, size));
    let stride = nbw * size;
    let mut data = vec![0u8; stride * nbh * size];
    let quant = c.quant.unwrap_or([0; 64]);
    let fast = idct::ifast_table(&quant);
    let mut block = [0i16; 64];
    for by in 0..nbh {
        for bx in 0..nbw {
            let at = (by * c.bw + bx) * 64;
            block.copy_from_slice(&c.coefs[at..at + 64]);
            let out = &mut data[by * size * stride + bx * size..];
            match (size, dct) {
                (8, Dct::Fast) => idct::ifast(&block, &fast, out, stride),
                (8, Dct::Accurate) => idct::islow(&block, &quant, out, stride),
                _ => idct::reduced(size, &block, &quant, out, stride),
            }
        }
    }
    Plane {
        data,
        stride,
        block: size,
        x0: 0,
        width: dw,
        smooth: dw > 2,
        height: dh,
        h: c.h,
        v: c.v,
    }
}
