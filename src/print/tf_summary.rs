//! TensorFlow's own summary of a tensor's values (`Tensor::SummarizeValue` with print_v2):
//! what `tf.print` and `tf.strings.format` write. `[0 1 2 ... 17 18 19]`: at most
//! `summarize` items at each end of every axis, floats in the shortest of 6 or 9
//! significant digits (15 or 17 for doubles) that reads back exactly, bools as 1 and 0,
//! strings quoted and C-escaped.

use super::cfmt::general;
use crate::tensor::{DType, TStr, Tensor};

/// A float as TensorFlow's `FloatToBuffer`/`DoubleToBuffer` write it.
fn float_text(x: f64, double: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf" } else { "inf" }.into();
    }
    let (short, long) = if double { (15, 17) } else { (6, 9) };
    let s = general(x, short, false, false);
    let back_ok = if double {
        s.parse::<f64>().ok() == Some(x)
    } else {
        s.parse::<f32>().ok() == Some(x as f32)
    };
    if back_ok {
        s
    } else {
        general(x, long, false, false)
    }
}

/// absl's `Utf8SafeCEscape`: C escapes for quotes, backslashes, controls; UTF-8 kept.
fn c_escape(b: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    for &c in b {
        match c {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'"' | b'\'' | b'\\' => out.extend_from_slice(&[b'\\', c]),
            0x00..=0x1f | 0x7f => out.extend_from_slice(format!("\\{c:03o}").as_bytes()),
            c => out.push(c),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One element's text.
fn elements(t: &Tensor) -> Vec<String> {
    match t.dtype() {
        DType::F32 | DType::F64 => {
            let double = t.dtype() == DType::F64;
            t.to_f64_vec()
                .into_iter()
                .map(|x| float_text(x, double))
                .collect()
        }
        DType::Str => t
            .to_vec::<TStr>()
            .unwrap_or_default()
            .into_iter()
            .map(|s| format!("\"{}\"", c_escape(s.bytes())))
            .collect(),
        _ => t.to_i64_vec().into_iter().map(|v| v.to_string()).collect(),
    }
}

fn spacing(dim: usize, ndim: usize, out: &mut String) {
    if dim == ndim - 1 {
        out.push(' ');
        return;
    }
    out.extend(std::iter::repeat_n('\n', ndim - dim - 1));
    out.extend(std::iter::repeat_n(' ', dim + 1));
}

#[allow(clippy::too_many_arguments)]
fn one_dim(
    dim: usize,
    shape: &[usize],
    ends: usize,
    words: &[String],
    index: usize,
    out: &mut String,
) {
    let ndim = shape.len();
    if dim == ndim {
        if let Some(w) = words.get(index) {
            out.push_str(w);
        }
        return;
    }
    out.push('[');
    let count = shape[dim];
    let start_of_end = ends.max(count.saturating_sub(ends));
    let per: usize = shape[dim + 1..].iter().product();
    for i in 0..ends.min(count) {
        if i > 0 {
            spacing(dim, ndim, out);
        }
        one_dim(dim + 1, shape, ends, words, index + per * i, out);
    }
    if count > 2 * ends {
        spacing(dim, ndim, out);
        out.push_str("...");
    }
    for i in start_of_end..count {
        spacing(dim, ndim, out);
        one_dim(dim + 1, shape, ends, words, index + per * i, out);
    }
    out.push(']');
}

/// The summary with at most `summarize` items at each end of each axis (negative: all).
pub fn summarize(t: &Tensor, summarize: i64) -> String {
    let t = t.contiguous();
    let words = elements(&t);
    if t.ndim() == 0 {
        return words.into_iter().next().unwrap_or_default();
    }
    let n = t.size();
    let ends = if summarize < 0 {
        n
    } else {
        (summarize as usize).min(n)
    };
    let mut out = String::new();
    one_dim(0, t.shape(), ends, &words, 0, &mut out);
    out
}

pub(crate) mod tests {
    use super::*;

    fn floats_take_the_shortest_exact_precision() {
        // TensorFlow: tf.strings.format("{}", tf.constant(3.14159265)) is b'3.14159274'.
        // TensorFlow: tf.strings.format("{}", tf.constant(math.pi)) is b'3.14159274', and
        // of tf.constant(1/3, tf.float64) b'0.33333333333333331'.
        assert_eq!(float_text(std::f32::consts::PI as f64, false), "3.14159274");
        assert_eq!(float_text(1.0 / 3.0, true), "0.33333333333333331");
        assert_eq!(float_text(0.1, true), "0.1");
        assert_eq!(float_text(1e-7f32 as f64, false), "1e-07");
        assert_eq!(float_text(1e10, false), "1e+10");
        assert_eq!(float_text(123456789f32 as f64, false), "123456792");
    }

    fn long_axes_are_cut_at_each_end() {
        let t = Tensor::from_vec(&[20], (0..20).collect::<Vec<i32>>());
        assert_eq!(summarize(&t, 3), "[0 1 2 ... 17 18 19]");
        let t = Tensor::from_vec(&[3, 0], Vec::<i32>::new());
        assert_eq!(summarize(&t, 3), "[\n ...]");
    }

    unit_cases!(
        floats_take_the_shortest_exact_precision,
        long_axes_are_cut_at_each_end
    );
}
