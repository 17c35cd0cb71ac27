//! BMP into tensors: `tf.io.decode_bmp`, and `decode_image` for BMP data, as TensorFlow
//! 2.15's `DecodeBmp` reads them. The header gives the pixel offset (bytes 10-13), width,
//! height (negative for rows stored top-down) and bits per pixel; the file must be exactly
//! the offset plus its padded rows. 8-bit pixels are grey values (no palette is read),
//! 24- and 32-bit ones BGR(A), and compression is not looked at. `channels` 3 or 4 repeats
//! grey, drops alpha or adds it opaque.

use crate::eval::error::R;
use crate::eval::Value;
use crate::tensor::error::{op_error, TfError};
use crate::tensor::Tensor;

fn op_err(op: &str, msg: impl Into<String>) -> TfError {
    op_error(op, op, msg, Some(""))
}

/// The `channels` a BMP may be decoded to: 0 (the file's), 3 or 4.
pub(crate) fn check_channels(want: i64, op: &str) -> R<()> {
    if ![0, 3, 4].contains(&want) {
        return Err(op_err(
            op,
            format!("`channels` must be 0, 3 or 4 for BMP, but got {}", want),
        )
        .into());
    }
    Ok(())
}

fn i32_at(d: &[u8], at: usize) -> i32 {
    i32::from_le_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]])
}

/// The pixels of BMP bytes, `[height, width, channels]` uint8; `want` 0 keeps the file's.
pub(crate) fn decode(data: &[u8], want: usize, op: &str) -> R<Tensor> {
    check_channels(want as i64, op)?;
    if data.len() < 32 {
        return Err(op_err(op, format!("Incomplete bmp content, requires at least 32 bytes to find the header size, width, height, and bpp, got {} bytes", data.len())).into());
    }
    let offset = i32_at(data, 10) as i64;
    let width = i32_at(data, 18) as i64;
    let height = i32_at(data, 22) as i64;
    let bpp = u16::from_le_bytes([data[28], data[29]]) as i64;
    let inherent = bpp / 8;
    if ![1, 3, 4].contains(&inherent) {
        return Err(op_err(
            op,
            format!(
                "Number of channels inherent in the image must be 1, 3 or 4, was {}",
                inherent
            ),
        )
        .into());
    }
    if width <= 0 {
        return Err(op_err(op, "Width must be positive").into());
    }
    if height == 0 {
        return Err(op_err(op, "Height must be nonzero").into());
    }
    let rows = height.abs();
    let row_size = (8 * inherent * width + 31) / 32 * 4;
    let expected = offset + row_size * rows;
    if data.len() as i64 != expected {
        return Err(op_err(
            op,
            format!(
                "Input size should match (header_size + row_size * abs_height) but they differ by {}",
                data.len() as i64 - expected
            ),
        )
        .into());
    }
    let out_c = if want == 0 { inherent as usize } else { want };
    let (w, h, inh) = (width as usize, rows as usize, inherent as usize);
    crate::tensor::alloc::check(&[h, w, out_c], crate::tensor::DType::U8, op)?;
    let mut out = Vec::with_capacity(h * w * out_c);
    for y in 0..h {
        // Rows run bottom-up unless the height is negative.
        let src_row = if height > 0 { h - 1 - y } else { y };
        let start = offset as usize + src_row * row_size as usize;
        for x in 0..w {
            let p = &data[start + x * inh..start + (x + 1) * inh];
            let (r, g, b, a) = match inh {
                1 => (p[0], p[0], p[0], 255),
                3 => (p[2], p[1], p[0], 255),
                _ => (p[2], p[1], p[0], p[3]),
            };
            match out_c {
                1 => out.push(r),
                3 => out.extend([r, g, b]),
                _ => out.extend([r, g, b, a]),
            }
        }
    }
    Ok(Tensor::from_vec(&[h, w, out_c], out))
}

crate::builtin! {
    /// Decode the first frame of a BMP image.
    dispatch ["tf.io.decode_bmp"]
    fn decode_bmp(it, contents, channels = 0, name = None) {
        let want = super::convert::i64_arg(&channels, "channels")?;
        check_channels(want, "DecodeBmp")?;
        let sfx = super::tf_io_image::error_name(&contents, &name);
        let data = super::tf_io_image::contents(it, &contents, "DecodeBmp", sfx.as_deref())?;
        Ok(Value::Tensor(decode(&data, want as usize, "DecodeBmp")?))
    }
}
