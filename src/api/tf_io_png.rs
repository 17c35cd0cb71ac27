//! PNG in and out of tensors: `tf.io.decode_png`, `encode_png`, and `decode_image`, which
//! reads PNG here and hands BMP, GIF and JPEG data to `tf_io_bmp.rs`, `tf_io_gif.rs` and
//! `tf_io_jpeg.rs` (`tf.image` takes these names when it is built, see `tf_image.rs`). Decoding
//! follows TensorFlow's libpng set-up (`png_io.cc`): palettes and low bit depths expand to
//! 8 bits, `channels=0` keeps the file's channels (a
//! palette with transparency gives RGBA), alpha is added as opaque or dropped as asked, 16-bit
//! samples keep their high byte for uint8 and all 16 bits for uint16 (8-bit files scale by
//! 257), and colour turns grey with libpng's fixed-point weights for 0.299 and 0.587. The pixels are exact; the `png` crate does the decoding.

use super::tf_strings::from_bytes;
use crate::errors::ExcKind;
use crate::eval::error::{err, R};
use crate::eval::Value;
use crate::tensor::error::{invalid_arg, op_error, TfError};
use crate::tensor::{DType, Tensor};

use super::tf_io_image::{PNG_SIGNATURE, UNKNOWN_FORMAT};

/// TensorFlow's error of kernel `op`, as eager execution words it.
fn op_err(op: &str, msg: impl Into<String>) -> TfError {
    op_error(op, op, msg, Some(""))
}

/// `decode_png`'s `dtype`: uint8 (the default) or uint16; whether it is uint16.
pub(crate) fn wide_dtype(v: &Value) -> R<bool> {
    match v {
        Value::None => Ok(false),
        v => match super::convert::dtype_arg(v)? {
            DType::U8 => Ok(false),
            DType::U16 => Ok(true),
            d => Err(err(
                ExcKind::InvalidArgumentError,
                format!(
                    "Value for attr 'dtype' of {} is not in the list of allowed values: uint8, uint16 [Op:DecodePng]",
                    d.name()
                ),
            )),
        },
    }
}

/// libpng's `png_set_rgb_to_gray(png_ptr, 1, 0.299, 0.587)` on 8-bit samples: weights in
/// 1/32768 truncated from the thousandths, blue taking the rest, the sum truncated; a grey
/// pixel stays as it is.
fn gray_of(r: u8, g: u8, b: u8) -> u8 {
    const RC: u32 = 29_900 * 32_768 / 100_000;
    const GC: u32 = 58_700 * 32_768 / 100_000;
    const BC: u32 = 32_768 - RC - GC;
    if r == g && g == b {
        return r;
    }
    ((RC * r as u32 + GC * g as u32 + BC * b as u32) >> 15) as u8
}

/// The same conversion on 16-bit samples, which libpng rounds (`+ 16384` before the shift).
fn gray16_of(r: u16, g: u16, b: u16) -> u16 {
    const RC: u64 = 29_900 * 32_768 / 100_000;
    const GC: u64 = 58_700 * 32_768 / 100_000;
    const BC: u64 = 32_768 - RC - GC;
    if r == g && g == b {
        return r;
    }
    ((RC * r as u64 + GC * g as u64 + BC * b as u64 + 16_384) >> 15) as u16
}

/// Whether PNG bytes hold 16-bit samples.
pub(crate) fn is_sixteen_bit(data: &[u8]) -> bool {
    let dec = png::Decoder::new(std::io::Cursor::new(data));
    dec.read_info()
        .map(|r| r.info().bit_depth == png::BitDepth::Sixteen)
        .unwrap_or(false)
}

/// Decodes PNG bytes into uint8 pixels, or uint16 ones when `wide`: a 16-bit file's
/// samples are converted at 16 bits, an 8-bit file's at 8 bits and then scaled by 257, as
/// TensorFlow's decoder gives them.
pub(crate) fn decode_as(data: &[u8], want: usize, op: &str, wide: bool) -> Result<Tensor, TfError> {
    let bad = || {
        if data.starts_with(PNG_SIGNATURE) {
            op_err(op, format!("Invalid PNG data, size {}", data.len()))
        } else {
            op_err(op, UNKNOWN_FORMAT)
        }
    };
    // The session's memory budget is checked below; the crate's own limit is lifted.
    let limits = png::Limits { bytes: usize::MAX };
    let mut dec = png::Decoder::new_with_limits(std::io::Cursor::new(data), limits);
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().map_err(|_| bad())?;
    let info = reader.info();
    let (w, h) = (info.width as usize, info.height as usize);
    let has_trns = info.trns.is_some();
    // TensorFlow asks libpng for an alpha of (1 << bit_depth) - 1, taken before the samples
    // are expanded: 3 for a 2-bit file, 255 from 8 bits on.
    let filler = match info.bit_depth as u8 {
        d @ 1..=7 => (1u8 << d) - 1,
        _ => 255,
    };
    let file_channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => 3 + has_trns as usize,
    };
    let want = if want == 0 { file_channels } else { want };
    let size = reader.output_buffer_size().ok_or_else(bad)?;
    let out_dtype = if wide { DType::U16 } else { DType::U8 };
    crate::tensor::alloc::check(&[size.max(h * w * want)], out_dtype, op)?;
    let mut buf = vec![0u8; size];
    let frame = reader.next_frame(&mut buf).map_err(|_| bad())?;
    let (ct, depth) = (frame.color_type, frame.bit_depth);
    let src_channels = ct.samples();
    let step = if depth == png::BitDepth::Sixteen {
        2
    } else {
        1
    };
    // A 16-bit file is converted at 16 bits (libpng strips to 8 bits after the colour
    // conversions), an 8-bit one at 8 bits.
    let sixteen = step == 2;
    let filler = if sixteen { u16::MAX } else { filler as u16 };
    let mut out: Vec<u16> = Vec::with_capacity(h * w * want);
    for row in 0..h {
        let line = &buf[row * frame.line_size..(row + 1) * frame.line_size];
        for x in 0..w {
            let at = x * src_channels * step;
            let px = |c: usize| -> u16 {
                let hi = line[at + c * step] as u16;
                if sixteen {
                    hi << 8 | line[at + c * step + 1] as u16
                } else {
                    hi
                }
            };
            let (color, alpha): ([u16; 3], Option<u16>) = match src_channels {
                1 => ([px(0); 3], None),
                2 => ([px(0); 3], Some(px(1))),
                3 => ([px(0), px(1), px(2)], None),
                _ => ([px(0), px(1), px(2)], Some(px(3))),
            };
            if want < 3 {
                out.push(if src_channels < 3 {
                    color[0]
                } else if sixteen {
                    gray16_of(color[0], color[1], color[2])
                } else {
                    gray_of(color[0] as u8, color[1] as u8, color[2] as u8) as u16
                });
            } else {
                out.extend_from_slice(&color);
            }
            if want % 2 == 0 {
                out.push(alpha.unwrap_or(filler));
            }
        }
    }
    if !wide {
        let shift = if sixteen { 8 } else { 0 };
        let bytes: Vec<u8> = out.into_iter().map(|v| (v >> shift) as u8).collect();
        return Ok(Tensor::from_vec(&[h, w, want], bytes));
    }
    if !sixteen {
        for v in &mut out {
            *v *= 257;
        }
    }
    Ok(Tensor::from_vec(&[h, w, want], out))
}

/// Encodes `[height, width, channels]` uint8 or uint16 pixels as PNG bytes (8 or 16 bits).
pub(crate) fn encode(x: &Tensor, level: i64) -> Result<Vec<u8>, TfError> {
    if x.dtype() != DType::U8 && x.dtype() != DType::U16 {
        return Err(invalid_arg(format!(
            "Value for attr 'T' of {} is not in the list of allowed values: uint8, uint16\n\t; NodeDef: {{{{node EncodePng}}}}; Op<name=EncodePng; signature=image:T -> contents:string; attr=compression:int,default=-1; attr=T:type,default=DT_UINT8,allowed=[DT_UINT8, DT_UINT16]> [Op:EncodePng] name:",
            x.dtype().kind_word()
        )));
    }
    if x.ndim() < 3 {
        return Err(op_err(
            "EncodePng",
            format!(
                "images must be at least rank 3{}",
                crate::tensor::broadcast::shape_brackets(x.shape())
            ),
        ));
    }
    if x.ndim() > 3 {
        return Err(op_err(
            "EncodePng",
            format!(
                "image must be 3-dimensional{}",
                crate::tensor::broadcast::shape_brackets(x.shape())
            ),
        ));
    }
    let (h, w, c) = (x.shape()[0], x.shape()[1], x.shape()[2]);
    if !(1..=4).contains(&c) {
        return Err(op_err(
            "EncodePng",
            format!("image must have 1, 2, 3, or 4 channels, got {}", c),
        ));
    }
    let color = match c {
        1 => png::ColorType::Grayscale,
        2 => png::ColorType::GrayscaleAlpha,
        3 => png::ColorType::Rgb,
        _ => png::ColorType::Rgba,
    };
    let sixteen = x.dtype() == DType::U16;
    let bytes: Vec<u8> = if sixteen {
        // PNG keeps 16-bit samples big-endian.
        x.array::<u16>()
            .map(|a| a.iter().flat_map(|v| v.to_be_bytes()).collect())
            .unwrap_or_default()
    } else {
        x.array::<u8>()
            .map(|a| a.iter().copied().collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(color);
        enc.set_depth(if sixteen {
            png::BitDepth::Sixteen
        } else {
            png::BitDepth::Eight
        });
        enc.set_compression(match level {
            0 => png::Compression::NoCompression,
            1..=2 => png::Compression::Fast,
            7..=9 => png::Compression::High,
            _ => png::Compression::Balanced,
        });
        let fail = |e: png::EncodingError| invalid_arg(format!("PNG encoding failed: {}", e));
        let mut writer = enc.write_header().map_err(fail)?;
        writer.write_image_data(&bytes).map_err(fail)?;
    }
    Ok(out)
}

crate::builtin! {
    /// PNG-encode an image.
    dispatch ["tf.io.encode_png"]
    fn encode_png(it, image, compression = -1, name = None) {
        let x = super::convert::to_tensor(it, &image, None)?;
        let level = super::convert::i64_arg(&compression, "compression")?;
        if !(-1..=9).contains(&level) {
            return Err(op_err("EncodePng", format!("compression should be in [-1,9], got {}", level)).into());
        }
        let bytes = encode(&x, level)?;
        Ok(Value::Tensor(from_bytes(&[], vec![bytes])?))
    }
}
