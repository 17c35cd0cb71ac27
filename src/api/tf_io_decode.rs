//! The decode ops: `tf.io.decode_image`, `decode_png`, `decode_jpeg`,
//! `decode_and_crop_jpeg` and `decode_gif`. As in TensorFlow, each reads data of the other
//! formats too, so they dispatch on the bytes' signature to the codecs in `tf_io_png.rs`,
//! `tf_io_bmp.rs`, `tf_io_gif.rs` and `tf_io_jpeg.rs`, which do not call each other.

use super::tf_io_gif as gif;
use super::tf_io_image::{channels_arg, contents, error_name, format_of, UNKNOWN_FORMAT};
use super::tf_io_jpeg::{self as jpeg, Settings, UNCOMPRESS_FAILED};
use super::tf_io_png::{decode_as, is_sixteen_bit, wide_dtype};
use crate::errors::ExcKind;
use crate::eval::error::{err, R};
use crate::eval::Value;
use crate::tensor::error::{op_error, TfError};
use crate::tensor::{DType, Tensor};

fn op_err(op: &str, msg: impl Into<String>) -> TfError {
    op_error(op, op, msg, Some(""))
}

/// `decode_jpeg` and `decode_and_crop_jpeg` on data of another format: PNG decodes as
/// `decode_png` would; others are for their own ops.
fn other_format(data: &[u8], s: &Settings, op: &str) -> R<Tensor> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(decode_as(data, s.channels, op, false)?);
    }
    if data.starts_with(b"GIF8") || data.starts_with(b"BM") {
        return Err(err(
            ExcKind::NotImplementedError,
            "tensh's decode_jpeg reads JPEG and PNG data; use decode_image for GIF and BMP",
        ));
    }
    Err(jpeg::op_err(op, UNKNOWN_FORMAT).into())
}

/// 8-bit pixels as uint16: libpng widens a PNG's samples by 257, and TensorFlow's
/// `convert_image_dtype` the other formats' by 256.
fn widen(img: &Tensor, by: f64) -> Tensor {
    crate::tensor::ops::elementwise::map_f64(&img.cast(DType::U16), move |v| v * by)
}

crate::builtin! {
    /// Decode a PNG-encoded image to a uint8 or uint16 tensor.
    dispatch ["tf.io.decode_png"]
    fn decode_png(it, contents, channels = 0, dtype = None, name = None) {
        let wide = wide_dtype(&dtype)?;
        let want = channels_arg(&channels, "DecodePng")?;
        let sfx = error_name(&contents, &name);
        let data = self::contents(it, &contents, "DecodePng", sfx.as_deref())?;
        // Like TensorFlow's, this op reads JPEG data too.
        if format_of(&data) == "jpeg" {
            let img = jpeg::decode_default(&data, want, "DecodePng")?;
            return Ok(Value::Tensor(if wide { widen(&img, 256.0) } else { img }));
        }
        Ok(Value::Tensor(decode_as(&data, want, "DecodePng", wide)?))
    }
}

crate::builtin! {
    /// Function for `decode_bmp`, `decode_gif`, `decode_jpeg`, and `decode_png`.
    dispatch ["tf.io.decode_image"]
    fn decode_image(it, contents, channels = None, dtype = "uint8", name = None, expand_animations = True) {
        let want = match &channels {
            Value::None => 0,
            v => channels_arg(v, "DecodeImage")?,
        };
        let data = self::contents(it, &contents, "DecodeImage", error_name(&contents, &name).as_deref())?;
        let out = super::convert::dtype_arg(&dtype)?;
        if !matches!(out, DType::U8 | DType::U16 | DType::F32) {
            return Err(err(
                ExcKind::NotImplementedError,
                format!("tensh decodes images to uint8, uint16 or float32, not {}", out.name()),
            ));
        }
        let img = match format_of(&data) {
            // A 16-bit file is read at 16 bits unless uint8 is asked for (TensorFlow then
            // converts its dtype, keeping the high byte).
            "png" => decode_as(&data, want, "DecodeImage", out != DType::U8 && is_sixteen_bit(&data))?,
            "bmp" => super::tf_io_bmp::decode(&data, want, "DecodeImage")?,
            "jpeg" => jpeg::decode_default(&data, want, "DecodeImage")?,
            "gif" => {
                let sfx = error_name(&contents, &name);
                if want != 0 && want != 3 {
                    let m = format!("channels must be 0 or 3 for GIF, got {}", want);
                    return Err(op_error("DecodeImage", "DecodeImage", m, sfx.as_deref()).into());
                }
                let all = it.truthy(&expand_animations)?;
                gif::decode(&data, all, "DecodeImage", sfx.as_deref())?
            }
            "unknown" => {
                return Err(op_err("DecodeImage", UNKNOWN_FORMAT).into())
            }
            other => {
                return Err(err(
                    ExcKind::NotImplementedError,
                    format!("tensh decodes PNG images; this one is {}", other.to_uppercase()),
                ))
            }
        };
        let scaled = |t: Tensor, by: f32| -> R<Value> {
            // tf.image.convert_image_dtype: x / max of the integer dtype.
            let f = t.cast(DType::F32);
            Ok(Value::Tensor(crate::tensor::ops::elementwise::binary(
                crate::tensor::ops::elementwise::Binary::Mul,
                &f,
                &Tensor::scalar(1.0f32 / by),
            )?))
        };
        match (out, img.dtype()) {
            (DType::F32, DType::U16) => scaled(img, 65535.0),
            (DType::F32, _) => scaled(img, 255.0),
            // An 8-bit PNG to uint16: libpng widens each sample by 257. Other formats
            // decode to uint8 and go through convert_image_dtype, which scales by 256.
            (DType::U16, DType::U8) => {
                let by = if format_of(&data) == "png" { 257.0 } else { 256.0 };
                Ok(Value::Tensor(widen(&img, by)))
            }
            _ => Ok(Value::Tensor(img)),
        }
    }
}

crate::builtin! {
    /// Decode the frame(s) of a GIF-encoded image to a uint8 tensor.
    dispatch ["tf.io.decode_gif"]
    fn decode_gif(it, contents, name = None) {
        const OP: &str = "DecodeGif";
        let suffix = error_name(&contents, &name);
        let sfx = suffix.as_deref();
        let data = self::contents(it, &contents, OP, sfx)?;
        let e = |m: &str| -> R<Value> { Err(op_error(OP, OP, m, sfx).into()) };
        if data.starts_with(b"GIF8") {
            Ok(Value::Tensor(gif::decode(&data, true, OP, sfx)?))
        } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
            // A PNG comes out as one RGB frame.
            let img = decode_as(&data, 3, OP, false)?;
            let s = img.shape().to_vec();
            Ok(Value::Tensor(Tensor::from_vec(
                &[1, s[0], s[1], 3],
                img.array::<u8>().map(|a| a.iter().copied().collect()).unwrap_or_default(),
            )))
        } else if data.starts_with(b"BM") {
            e("Trying to decode BMP format using a wrong op. Use `decode_bmp` or `decode_image` instead. Op used: DecodeGif")
        } else if data.starts_with(b"\xff\xd8\xff") {
            // A JPEG comes out as one RGB frame too.
            let img = jpeg::decode_default(&data, 3, OP)?;
            let s = img.shape().to_vec();
            Ok(Value::Tensor(crate::tensor::ops::shape::reshape_to(
                &img,
                &[1, s[0], s[1], s[2]],
            )))
        } else {
            e(UNKNOWN_FORMAT)
        }
    }
}

crate::builtin! {
    /// Decode a JPEG-encoded image to a uint8 tensor.
    dispatch ["tf.io.decode_jpeg"]
    fn decode_jpeg(it, contents, channels = 0, ratio = 1, fancy_upscaling = True,
                   try_recover_truncated = False, acceptable_fraction = 1, dct_method = "",
                   name = None) {
        let op = "DecodeJpeg";
        let s = jpeg::settings(it, op, &channels, &ratio, &fancy_upscaling, &try_recover_truncated,
                         &acceptable_fraction, &dct_method)?;
        let data = self::contents(it, &contents, op, None)?;
        if !jpeg::is_jpeg_data(&data) {
            return Ok(Value::Tensor(other_format(&data, &s, op)?));
        }
        Ok(Value::Tensor(jpeg::decode_with(&data, &s, None, op)?))
    }
}

crate::builtin! {
    /// Decode and Crop a JPEG-encoded image to a uint8 tensor.
    dispatch ["tf.io.decode_and_crop_jpeg"]
    fn decode_and_crop_jpeg(it, contents, crop_window, channels = 0, ratio = 1,
                            fancy_upscaling = True, try_recover_truncated = False,
                            acceptable_fraction = 1, dct_method = "", name = None) {
        let op = "DecodeAndCropJpeg";
        let s = jpeg::settings(it, op, &channels, &ratio, &fancy_upscaling, &try_recover_truncated,
                         &acceptable_fraction, &dct_method)?;
        let data = self::contents(it, &contents, op, None)?;
        let w = super::convert::to_tensor(it, &crop_window, Some(DType::I32))?;
        if w.ndim() != 1 {
            return Err(jpeg::op_err(op, format!("crop_window must be 1-D, got shape {}",
                crate::tensor::broadcast::shape_brackets(w.shape()))).into());
        }
        if w.shape()[0] != 4 {
            return Err(jpeg::op_err(op, format!("crop_size must have four elements {}",
                crate::tensor::broadcast::shape_brackets(w.shape()))).into());
        }
        let v: Vec<i64> = w.cast(DType::I64).array::<i64>().map(|a| a.iter().copied().collect()).unwrap_or_default();
        if !jpeg::is_jpeg_data(&data) {
            return Ok(Value::Tensor(other_format(&data, &s, op)?));
        }
        // A negative corner or size is an invalid window.
        if v.iter().any(|&d| d < 0) {
            return Err(jpeg::op_err(op, UNCOMPRESS_FAILED).into());
        }
        let crop = [v[0] as usize, v[1] as usize, v[2] as usize, v[3] as usize];
        Ok(Value::Tensor(jpeg::decode_with(&data, &s, Some(crop), op)?))
    }
}
