//! numpy 1.26's array2string, array_str and array_repr for tensors of every dtype.
//!
//! Two passes, as numpy does: first the elements that will be shown (all of them, or the
//! three leading and trailing items of each long axis when the array has more than 1000
//! elements) decide one format for the whole array; then the nested brackets are laid out
//! with line wrapping at 75 columns. The cost is O(printed elements), not O(size).

use super::float::{fmt_positional, fmt_scientific, scalar_repr, FloatFmt, Trim};
pub use crate::tensor::broadcast::shape_tuple;
use crate::tensor::{DType, Elem, Tensor};
use crate::with_data;
use ndarray::{ArcArray, IxDyn};

const LINE_WIDTH: usize = 75;
const THRESHOLD: usize = 1000;
const EDGE: usize = 3;
const PRECISION: usize = 8;

/// An element type numpy can print: turns the shown elements into equal-width words.
pub trait PrintElem: Elem {
    fn words(vals: &[Self], zero_dim: bool) -> Vec<String>;
    fn scalar(v: Self) -> String;
}

fn float_words<T: FloatFmt>(vals: &[T]) -> Vec<String> {
    let finite: Vec<T> = vals.iter().copied().filter(|v| v.is_finite_()).collect();
    let abs_nz: Vec<f64> = finite
        .iter()
        .filter(|v| !v.is_zero_())
        .map(|v| v.abs_().to_f64_())
        .collect();
    let mut exp_format = false;
    if !abs_nz.is_empty() {
        let max = abs_nz.iter().cloned().fold(f64::MIN, f64::max);
        let min = abs_nz.iter().cloned().fold(f64::MAX, f64::min);
        exp_format = max >= 1e8 || min < 1e-4 || max / min > 1e3;
    }
    let (mut pad_left, mut pad_right, mut precision, mut min_digits, mut trim, mut exp_size) =
        (0usize, 0usize, PRECISION, 0usize, Trim::Point, 0usize);
    if finite.is_empty() {
        trim = Trim::Point;
    } else if exp_format {
        let strs: Vec<String> = finite
            .iter()
            .map(|&x| fmt_scientific(x, Some(PRECISION), 0, Trim::Point, 0, 2))
            .collect();
        let mut max_frac = 0;
        for s in &strs {
            let (mant, exp) = s.split_once('e').unwrap_or((s, ""));
            let (int_part, frac) = mant.split_once('.').unwrap_or((mant, ""));
            max_frac = max_frac.max(frac.len());
            pad_left = pad_left.max(int_part.len());
            exp_size = exp_size.max(exp.len().saturating_sub(1));
        }
        precision = max_frac;
        min_digits = max_frac;
        trim = Trim::Keep;
        pad_right = exp_size + 2 + precision;
    } else {
        for &x in &finite {
            let s = fmt_positional(x, Some(PRECISION), 0, Trim::Point, 0, 0);
            let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
            pad_left = pad_left.max(int_part.len());
            pad_right = pad_right.max(frac.len());
        }
    }
    if finite.len() != vals.len() {
        let neg_inf = vals
            .iter()
            .any(|v| !v.is_finite_() && !v.is_nan_() && v.is_sign_negative_());
        let offset = pad_right + 1;
        pad_left = pad_left
            .max(3usize.saturating_sub(offset))
            .max((3 + neg_inf as usize).saturating_sub(offset));
    }
    vals.iter()
        .map(|&x| {
            if !x.is_finite_() {
                let s = if x.is_nan_() {
                    "nan"
                } else if x.is_sign_negative_() {
                    "-inf"
                } else {
                    "inf"
                };
                let width = pad_left + pad_right + 1;
                format!("{:>width$}", s, width = width)
            } else if exp_format {
                fmt_scientific(x, Some(precision), min_digits, trim, pad_left, exp_size)
            } else {
                fmt_positional(x, Some(precision), min_digits, trim, pad_left, pad_right)
            }
        })
        .collect()
}

impl PrintElem for f32 {
    fn words(vals: &[Self], _: bool) -> Vec<String> {
        float_words(vals)
    }
    fn scalar(v: Self) -> String {
        scalar_repr(v)
    }
}

impl PrintElem for f64 {
    fn words(vals: &[Self], _: bool) -> Vec<String> {
        float_words(vals)
    }
    fn scalar(v: Self) -> String {
        scalar_repr(v)
    }
}

macro_rules! int_print {
    ($t:ty) => {
        impl PrintElem for $t {
            fn words(vals: &[Self], _: bool) -> Vec<String> {
                let width = vals.iter().map(|v| v.to_string().len()).max().unwrap_or(0);
                vals.iter()
                    .map(|v| format!("{:>width$}", v, width = width))
                    .collect()
            }
            fn scalar(v: Self) -> String {
                v.to_string()
            }
        }
    };
}
int_print!(i32);
int_print!(i64);
int_print!(u8);

impl PrintElem for bool {
    fn words(vals: &[Self], zero_dim: bool) -> Vec<String> {
        let t = if zero_dim { "True" } else { " True" };
        vals.iter()
            .map(|&v| {
                if v {
                    t.to_string()
                } else {
                    "False".to_string()
                }
            })
            .collect()
    }
    fn scalar(v: Self) -> String {
        if v { "True" } else { "False" }.to_string()
    }
}

/// The shown part of an array: its words in row-major order over the kept indices, the kept
/// length of each axis, and which axes were cut (and get a `...`).
struct Shown {
    words: Vec<String>,
    shape: Vec<usize>,
    cut: Vec<bool>,
}

fn shown<T: PrintElem>(a: &ArcArray<T, IxDyn>) -> Shown {
    let summarize = a.len() > THRESHOLD;
    let mut kept: Vec<Vec<usize>> = Vec::new();
    let mut cut = Vec::new();
    for &n in a.shape() {
        if summarize && n > 2 * EDGE {
            kept.push((0..EDGE).chain(n - EDGE..n).collect());
            cut.push(true);
        } else {
            kept.push((0..n).collect());
            cut.push(false);
        }
    }
    let shape: Vec<usize> = kept.iter().map(|k| k.len()).collect();
    let count: usize = shape.iter().product();
    let mut vals = Vec::with_capacity(count);
    let mut idx = vec![0usize; shape.len()];
    let mut full = vec![0usize; shape.len()];
    for _ in 0..count {
        for (d, &i) in idx.iter().enumerate() {
            full[d] = kept[d][i];
        }
        vals.push(a[IxDyn(&full)]);
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Shown {
        words: T::words(&vals, a.ndim() == 0),
        shape,
        cut,
    }
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    let needs_wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

fn recurse(
    sh: &Shown,
    axis: usize,
    offset: usize,
    hanging: &str,
    width: usize,
    sep: &str,
) -> String {
    let ndim = sh.shape.len();
    if axis == ndim {
        return sh.words[offset].clone();
    }
    let axes_left = ndim - axis;
    let next_hanging = format!("{} ", hanging);
    let next_width = width.saturating_sub(1);
    let len = sh.shape[axis];
    let stride: usize = sh.shape[axis + 1..].iter().product();
    let (leading, trailing) = if sh.cut[axis] { (EDGE, EDGE) } else { (0, len) };
    let child = |i: usize| {
        recurse(
            sh,
            axis + 1,
            offset + i * stride,
            &next_hanging,
            next_width,
            sep,
        )
    };
    let mut s = String::new();
    if axes_left == 1 {
        let elem_width = width.saturating_sub(sep.trim_end().len().max(1));
        let mut line = hanging.to_string();
        for i in 0..leading {
            extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
            line.push_str(sep);
        }
        if sh.cut[axis] {
            extend_line(&mut s, &mut line, "...", elem_width, hanging);
            line.push_str(sep);
        }
        for i in (2..=trailing).rev() {
            extend_line(&mut s, &mut line, &child(len - i), elem_width, hanging);
            line.push_str(sep);
        }
        extend_line(&mut s, &mut line, &child(len - 1), elem_width, hanging);
        s.push_str(&line);
    } else {
        let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(axes_left - 1));
        for i in 0..leading {
            s.push_str(hanging);
            s.push_str(&child(i));
            s.push_str(&line_sep);
        }
        if sh.cut[axis] {
            s.push_str(hanging);
            s.push_str("...");
            s.push_str(&line_sep);
        }
        for i in (2..=trailing).rev() {
            s.push_str(hanging);
            s.push_str(&child(len - i));
            s.push_str(&line_sep);
        }
        s.push_str(hanging);
        s.push_str(&child(len - 1));
    }
    format!("[{}]", &s[hanging.len()..])
}

fn array2string<T: PrintElem>(
    a: &ArcArray<T, IxDyn>,
    sep: &str,
    prefix: &str,
    suffix: &str,
) -> String {
    if a.is_empty() {
        return "[]".to_string();
    }
    let sh = shown(a);
    let width = LINE_WIDTH - suffix.len();
    recurse(&sh, 0, 0, &" ".repeat(prefix.len() + 1), width, sep)
}

/// numpy's `str(array)`.
pub fn array_str(t: &Tensor) -> String {
    fn go<T: PrintElem>(a: &ArcArray<T, IxDyn>) -> String {
        if a.ndim() == 0 {
            return a.iter().next().map(|&v| T::scalar(v)).unwrap_or_default();
        }
        array2string(a, " ", "", "")
    }
    with_data!(&t.data, a => go(a))
}

/// Whether numpy leaves the dtype out of the repr (float64, int64, bool).
fn dtype_implied(d: DType) -> bool {
    matches!(d, DType::F64 | DType::I64 | DType::Bool)
}

/// numpy's `repr(array)`: `array([...], dtype=float32)`.
pub fn array_repr(t: &Tensor) -> String {
    fn go<T: PrintElem>(a: &ArcArray<T, IxDyn>) -> String {
        let skip = dtype_implied(T::DTYPE) && !a.is_empty();
        let suffix = if skip { ")" } else { "," };
        let body = if !a.is_empty() || a.shape() == [0] {
            array2string(a, ", ", "array(", suffix)
        } else {
            format!("[], shape={}", shape_tuple(a.shape()))
        };
        let s = format!("array({}{}", body, suffix);
        if skip {
            return s;
        }
        let dtype = format!("dtype={})", T::DTYPE.name());
        let last_line = s.len() - s.rfind('\n').map(|p| p + 1).unwrap_or(0);
        if last_line + dtype.len() + 1 > LINE_WIDTH {
            format!("{}\n      {}", s, dtype)
        } else {
            format!("{} {}", s, dtype)
        }
    }
    with_data!(&t.data, a => go(a))
}

/// repr of a numpy scalar (what `.numpy()` gives for a 0-d tensor).
pub fn scalar_repr_of(t: &Tensor) -> String {
    fn go<T: PrintElem>(a: &ArcArray<T, IxDyn>) -> String {
        a.iter().next().map(|&v| T::scalar(v)).unwrap_or_default()
    }
    with_data!(&t.data, a => go(a))
}
