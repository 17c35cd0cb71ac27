//! JPEG in and out of tensors: the settings and errors of `tf.io.decode_jpeg` and
//! `decode_and_crop_jpeg` (whose ops are in `tf_io_decode.rs`), `encode_jpeg`,
//! `extract_jpeg_shape`, `is_jpeg`, and the JPEG arm of the other decode ops (the codec is in
//! `jpeg/`). The argument checks and messages are TensorFlow 2.15's `DecodeImageV2Op`:
//! attributes first (`ratio`, `dct_method`, `channels`), then the contents (a scalar, not
//! empty, of a known format). Like TensorFlow, `decode_jpeg` also decodes PNG data, and any
//! failure of libjpeg is the one "Invalid JPEG data or crop window" error.

use super::jpeg::decode::{self, Dct, Error, Options};
use super::jpeg::encode;
use super::tf_strings::{map_to, str_input, strs};
use crate::errors::ExcKind;
use crate::eval::error::{err, R};
use crate::eval::{Interp, Value};
use crate::tensor::error::{op_error, TfError};
use crate::tensor::{DType, Tensor};

/// An error of kernel `op`; the decode ops' Python wrappers add no `name:` to it.
pub(crate) fn op_err(op: &str, msg: impl Into<String>) -> TfError {
    op_error(op, op, msg, None)
}

/// libjpeg's failure, as TensorFlow reports it.
pub(crate) const UNCOMPRESS_FAILED: &str =
    "jpeg::Uncompress failed. Invalid JPEG data or crop window.";

/// The settings of a decode op, checked in TensorFlow's order.
pub(crate) struct Settings {
    /// 1, 2, 4 or 8: the image comes out at 1/ratio of its size.
    ratio: usize,
    pub(crate) channels: usize,
    fancy: bool,
    dct: Dct,
    recover: bool,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn settings(
    it: &mut Interp,
    op: &str,
    channels: &Value,
    ratio: &Value,
    fancy_upscaling: &Value,
    try_recover_truncated: &Value,
    acceptable_fraction: &Value,
    dct_method: &Value,
) -> R<Settings> {
    let ratio = super::convert::i64_arg(ratio, "ratio")?;
    if ![1, 2, 4, 8].contains(&ratio) {
        return Err(op_err(op, format!("ratio must be 1, 2, 4, or 8, got {}", ratio)).into());
    }
    let fancy = it.truthy(fancy_upscaling)?;
    let recover = it.truthy(try_recover_truncated)?;
    super::convert::f64_arg(acceptable_fraction, "acceptable_fraction")?;
    let dct = match dct_method {
        Value::None => "".to_string(),
        v => super::tf_strings::text_arg(it, v)?,
    };
    let dct = match dct.as_str() {
        "" | "INTEGER_FAST" => Dct::Fast,
        "INTEGER_ACCURATE" => Dct::Accurate,
        _ => {
            return Err(op_err(
                op,
                "dct_method must be one of {'', 'INTEGER_FAST', 'INTEGER_ACCURATE'}",
            )
            .into())
        }
    };
    let channels = super::tf_io_image::channels_arg(channels, op)?;
    Ok(Settings {
        ratio: ratio as usize,
        channels,
        fancy,
        dct,
        recover,
    })
}

pub(crate) fn is_jpeg_data(data: &[u8]) -> bool {
    data.starts_with(b"\xff\xd8\xff")
}

/// Decodes JPEG bytes to a `[height, width, channels]` uint8 tensor; `crop` is
/// `decode_and_crop_jpeg`'s window (y, x, height, width).
pub(crate) fn decode_with(
    data: &[u8],
    s: &Settings,
    crop: Option<[usize; 4]>,
    op: &str,
) -> R<Tensor> {
    if s.channels == 4 {
        return Err(op_err(op, "JPEG does not support 4 channels").into());
    }
    let opts = Options {
        channels: s.channels,
        fancy_upscaling: s.fancy,
        dct: s.dct,
        recover_truncated: s.recover,
        max_bytes: crate::tensor::alloc::limit(),
        interrupted: crate::tensor::interrupt::pending,
        crop,
        ratio: s.ratio,
    };
    match decode::decode(data, &opts) {
        Ok(img) => Ok(Tensor::from_vec(
            &[img.height, img.width, img.channels],
            img.pixels,
        )),
        Err(Error::Invalid(_)) | Err(Error::TooLarge(_)) => {
            Err(op_err(op, UNCOMPRESS_FAILED).into())
        }
        Err(Error::Memory(bytes)) => {
            crate::tensor::alloc::check(&[bytes], DType::U8, op)?;
            Err(op_err(op, UNCOMPRESS_FAILED).into())
        }
        Err(Error::Interrupted) => {
            crate::tensor::interrupt::take();
            Err(err(ExcKind::KeyboardInterrupt, ""))
        }
    }
}

/// `decode_image`'s JPEG arm: TensorFlow's default decoding settings.
pub(crate) fn decode_default(data: &[u8], channels: usize, op: &str) -> R<Tensor> {
    let s = Settings {
        ratio: 1,
        channels,
        fancy: true,
        dct: Dct::Fast,
        recover: false,
    };
    decode_with(data, &s, None, op)
}

crate::builtin! {
    /// Extract the shape information of a JPEG-encoded image.
    dispatch ["tf.io.extract_jpeg_shape"]
    fn extract_jpeg_shape(it, contents, output_type = None, name = None) {
        let op = "ExtractJpegShape";
        let out = match &output_type {
            Value::None => DType::I32,
            v => super::convert::dtype_arg(v)?,
        };
        if !matches!(out, DType::I32 | DType::I64) {
            return Err(err(ExcKind::TypeError, format!(
                "Value passed to parameter 'output_type' has DataType {} not in list of allowed values: int32, int64",
                out.name())));
        }
        let x = str_input(it, &contents, op)?;
        if x.ndim() != 0 {
            return Err(op_err(op, format!("contents must be scalar, got shape {}",
                crate::tensor::broadcast::shape_brackets(x.shape()))).into());
        }
        let data = strs(&x).iter().next().map(|s| s.bytes().to_vec()).unwrap_or_default();
        // This wrapper names the error when the contents came as a tensor.
        let sfx = super::tf_io_image::error_name(&contents, &name);
        let info = decode::info(&data).map_err(|_| {
            op_error(op, op, format!("Invalid JPEG data, size {}", data.len()), sfx.as_deref())
        })?;
        // The components libjpeg outputs by default: grey 1, YCbCr and RGB 3, CMYK 4.
        let c = info.components as i64;
        let dims = vec![info.height as i64, info.width as i64, c];
        Ok(Value::Tensor(Tensor::from_vec(&[3], dims).cast(out)))
    }
}

crate::builtin! {
    /// Convenience function to check if the 'contents' encodes a JPEG image.
    dispatch ["tf.io.is_jpeg"]
    fn is_jpeg(it, contents, name = None) {
        let x = str_input(it, &contents, "Substr")?;
        Ok(Value::Tensor(map_to(&x, |b| Ok(is_jpeg_data(b)))?))
    }
}

/// The op definition TensorFlow quotes when an attribute value is not allowed.
const ENCODE_JPEG_DEF: &str = r#"Op<name=EncodeJpeg; signature=image:uint8 -> contents:string; attr=format:string,default="",allowed=["", "grayscale", "rgb"]; attr=quality:int,default=95; attr=progressive:bool,default=false; attr=optimize_size:bool,default=false; attr=chroma_downsampling:bool,default=true; attr=density_unit:string,default="in",allowed=["in", "cm"]; attr=x_density:int,default=300; attr=y_density:int,default=300; attr=xmp_metadata:string,default="">"#;

fn not_allowed(attr: &str, value: &str, allowed: &str, tail: &str) -> crate::eval::error::Flow {
    err(
        ExcKind::InvalidArgumentError,
        format!(
            "Value for attr '{attr}' of \"{value}\" is not in the list of allowed values: {allowed}\n\t; NodeDef: {{{{node EncodeJpeg}}}}; {ENCODE_JPEG_DEF} [Op:EncodeJpeg]{tail}"
        ),
    )
}

/// An image argument of an encode op: a TensorFlow tensor must already be uint8, while
/// numpy arrays and lists are converted to it (numpy's `astype`).
fn image_arg(it: &mut Interp, v: &Value) -> R<Tensor> {
    match v {
        Value::Tensor(t) => Ok(t.clone()),
        v => {
            let t = super::convert::to_tensor(it, v, None)?;
            Ok(if t.dtype() == DType::U8 {
                t
            } else {
                t.cast(DType::U8)
            })
        }
    }
}

/// Encodes a `[height, width, channels]` uint8 tensor, as kernel `op` does; `format` is
/// "", "grayscale" or "rgb".
fn encode_with(x: &Tensor, format: &str, opts: &encode::Options, op: &str) -> R<Vec<u8>> {
    let shape = x.shape().to_vec();
    let dims = || {
        let d: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
        format!("[{}]", d.join(","))
    };
    if x.dtype() != DType::U8 {
        return Err(op_err(
            op,
            format!(
                "cannot compute {} as input #0(zero-based) was expected to be a uint8 tensor but is a {} tensor",
                op,
                x.dtype().kind_word()
            ),
        )
        .into());
    }
    if shape.len() != 3 {
        return Err(op_err(op, format!("image must be 3-dimensional{}", dims())).into());
    }
    let channels = shape[2];
    match format {
        "" => {
            if channels != 1 && channels != 3 {
                return Err(op_err(
                    op,
                    format!("image must have 1 or 3 channels, got {}", dims()),
                )
                .into());
            }
        }
        f => {
            let want = if f == "grayscale" { 1 } else { 3 };
            if channels != want {
                return Err(op_err(
                    op,
                    format!("format {} expects {} channels, got {}", f, want, dims()),
                )
                .into());
            }
        }
    }
    let pixels: Vec<u8> = x
        .array::<u8>()
        .map(|a| a.iter().copied().collect())
        .unwrap_or_default();
    encode::encode(&pixels, shape[1], shape[0], channels, opts)
        .map_err(|_| err(ExcKind::InternalError, format!("{{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} JPEG encoding failed [Op:{op}] name: ")))
}

crate::builtin! {
    /// JPEG-encode an image.
    dispatch ["tf.io.encode_jpeg"]
    fn encode_jpeg(it, image, format = "", quality = 95, progressive = False,
                   optimize_size = False, chroma_downsampling = True, density_unit = "in",
                   x_density = 300, y_density = 300, xmp_metadata = "", name = None) {
        let op = "EncodeJpeg";
        let format = super::tf_strings::text_arg(it, &format)?;
        if !["", "grayscale", "rgb"].contains(&format.as_str()) {
            return Err(not_allowed("format", &format, r#""", "grayscale", "rgb""#, ""));
        }
        let quality = super::convert::i64_arg(&quality, "quality")?;
        if !(0..=100).contains(&quality) {
            return Err(op_err(op, format!("quality must be in [0,100], got {}", quality)).into());
        }
        let progressive = it.truthy(&progressive)?;
        let optimize_size = it.truthy(&optimize_size)?;
        let chroma_downsampling = it.truthy(&chroma_downsampling)?;
        let unit = super::tf_strings::text_arg(it, &density_unit)?;
        let density_unit = match unit.as_str() {
            "in" => 1,
            "cm" => 2,
            u => return Err(not_allowed("density_unit", u, r#""in", "cm""#, " name: ")),
        };
        let x_density = super::convert::i64_arg(&x_density, "x_density")?;
        let y_density = super::convert::i64_arg(&y_density, "y_density")?;
        let xmp = match &xmp_metadata {
            Value::Str(s) => s.as_bytes().to_vec(),
            v => {
                let t = str_input(it, v, op)?;
                strs(&t).iter().next().map(|s| s.bytes().to_vec()).unwrap_or_default()
            }
        };
        let opts = encode::Options {
            quality: quality as i32,
            progressive,
            optimize_size,
            chroma_downsampling,
            density_unit,
            x_density: x_density as u16,
            y_density: y_density as u16,
            xmp_metadata: xmp,
        };
        let x = image_arg(it, &image)?;
        let bytes = encode_with(&x, &format, &opts, op)?;
        Ok(Value::Tensor(super::tf_strings::from_bytes(&[], vec![bytes])?))
    }
}

/// `EncodeJpegVariableQuality(images, quality)`, the kernel under
/// `tf.image.adjust_jpeg_quality`: TensorFlow's default settings at a quality given as a
/// scalar tensor.
pub(crate) fn encode_variable_quality(
    it: &mut Interp,
    images: &Value,
    quality: &Value,
) -> R<Value> {
    let op = "EncodeJpegVariableQuality";
    let q = super::convert::to_tensor(it, quality, Some(DType::I32))?;
    if q.ndim() != 0 {
        return Err(op_err(
            op,
            format!(
                "quality must be scalar: {}",
                crate::tensor::broadcast::shape_brackets(q.shape())
            ),
        )
        .into());
    }
    let quality = q
        .cast(DType::I64)
        .array::<i64>()
        .and_then(|a| a.iter().next().copied())
        .unwrap_or(0);
    if !(0..=100).contains(&quality) {
        return Err(op_err(op, format!("quality must be in [0,100], got {}", quality)).into());
    }
    let opts = encode::Options {
        quality: quality as i32,
        ..Default::default()
    };
    let x = image_arg(it, images)?;
    let bytes = encode_with(&x, "", &opts, op)?;
    Ok(Value::Tensor(super::tf_strings::from_bytes(
        &[],
        vec![bytes],
    )?))
}
