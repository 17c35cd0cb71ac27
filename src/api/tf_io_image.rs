//! What the image codecs share: the format of encoded bytes by their signature, the
//! `channels` check, TensorFlow's error for an unknown format, and the rule for the
//! `name:` suffix of a decode op's error, and the checks of its `contents`. The codecs (`tf_io_png.rs`, `tf_io_bmp.rs`,
//! `tf_io_gif.rs`, `tf_io_jpeg.rs`) and the decode ops over them (`tf_io_decode.rs`) build on
//! this file, which builds on none of them.

use super::tf_strings::{str_input, strs};
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::tensor::error::op_error;

/// The eight bytes every PNG file starts with.
pub(crate) const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// TensorFlow's error for bytes of no image format it knows.
pub(crate) const UNKNOWN_FORMAT: &str =
    "Unknown image file format. One of JPEG, PNG, GIF, BMP required.";

/// The format of encoded image bytes, by their signature.
pub(crate) fn format_of(data: &[u8]) -> &'static str {
    if data.starts_with(PNG_SIGNATURE) {
        "png"
    } else if data.starts_with(b"\xff\xd8\xff") {
        "jpeg"
    } else if data.starts_with(b"GIF8") {
        "gif"
    } else if data.starts_with(b"BM") {
        "bmp"
    } else {
        "unknown"
    }
}

/// `channels` of a decode op: 0 (the file's), 1, 3 or 4.
pub(crate) fn channels_arg(v: &Value, op: &str) -> R<usize> {
    let c = super::convert::i64_arg(v, "channels")?;
    if ![0, 1, 3, 4].contains(&c) {
        return Err(op_error(
            op,
            op,
            format!("`channels` must be 0, 1, 3 or 4 but got {}", c),
            Some(""),
        )
        .into());
    }
    Ok(c as usize)
}

/// The `name:` suffix TensorFlow adds to an op's error: only when `contents` came in as a
/// tensor (bytes take another path that leaves it off).
pub(crate) fn error_name(contents: &Value, name: &Value) -> Option<String> {
    match contents {
        Value::Tensor(_) | Value::Variable(_) => Some(match name {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        }),
        _ => None,
    }
}

/// The bytes of a decode op's `contents`, with TensorFlow's checks: a scalar, and not
/// empty. `name` is the errors' `name:` suffix, if any.
pub(crate) fn contents(it: &mut Interp, v: &Value, op: &str, name: Option<&str>) -> R<Vec<u8>> {
    let x = str_input(it, v, op)?;
    if x.ndim() != 0 {
        let shape = crate::tensor::broadcast::shape_brackets(x.shape());
        let msg = format!("`contents` must be scalar but got shape{}", shape);
        return Err(op_error(op, op, msg, name).into());
    }
    let data = strs(&x)
        .iter()
        .next()
        .map(|s| s.bytes().to_vec())
        .unwrap_or_default();
    if data.is_empty() {
        return Err(op_error(op, op, "Input is empty.", name).into());
    }
    Ok(data)
}
