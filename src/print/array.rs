//! numpy 1.26's array2string, array_str and array_repr for tensors of every dtype.
//!
//! Two passes, as numpy does: first the elements that will be shown (all of them, or the
//! `edgeitems` leading and trailing items of each long axis when the array has more than
//! `threshold` elements) decide one format for the whole array; then the nested brackets
//! are laid out with line wrapping at `linewidth` columns. The options are numpy's print
//! options in force (`options.rs`). The cost is O(printed elements), not O(size).

use super::float::{fmt_positional_signed, fmt_scientific_signed, scalar_repr, FloatFmt, Trim};
use super::options::{self, FloatMode, PrintOptions};
pub use crate::tensor::broadcast::shape_tuple;
use crate::tensor::tstr::bytes_repr;
use crate::tensor::{DType, Elem, TStr, Tensor};
use crate::with_data;
use ndarray::{ArcArray, IxDyn};

/// An element type numpy can print: turns the shown elements into equal-width words.
pub trait PrintElem: Elem {
    fn words(vals: &[Self], zero_dim: bool, opts: &PrintOptions) -> Vec<String>;
    fn scalar(v: Self) -> String;
}

fn float_words<T: FloatFmt>(vals: &[T], o: &PrintOptions) -> Vec<String> {
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
        exp_format = max >= 1e8 || (!o.suppress && (min < 1e-4 || max / min > 1e3));
    }
    let plus = o.sign == '+';
    let fixed = o.floatmode == FloatMode::Fixed;
    // numpy's `unique=False` (fixed mode) prints exactly `precision` digits.
    let first_precision = match o.floatmode {
        FloatMode::Unique => None,
        _ => Some(o.digits()),
    };
    let (first_min, first_trim) = match (fixed, first_precision) {
        (true, Some(p)) => (p, Trim::Keep),
        _ => (0, Trim::Point),
    };
    let (mut pad_left, mut pad_right, mut precision, mut min_digits, mut trim, mut exp_size) =
        (0usize, 0usize, first_precision, 0usize, Trim::Point, 0usize);
    if finite.is_empty() {
        trim = Trim::Point;
    } else if exp_format {
        let strs: Vec<String> = finite
            .iter()
            .map(|&x| fmt_scientific_signed(x, first_precision, first_min, first_trim, 0, 2, plus))
            .collect();
        let mut max_frac = 0;
        for s in &strs {
            let (mant, exp) = s.split_once('e').unwrap_or((s, ""));
            let (int_part, frac) = mant.split_once('.').unwrap_or((mant, ""));
            max_frac = max_frac.max(frac.len());
            pad_left = pad_left.max(int_part.len());
            exp_size = exp_size.max(exp.len().saturating_sub(1));
        }
        precision = Some(max_frac);
        min_digits = max_frac;
        trim = Trim::Keep;
        pad_right = exp_size + 2 + max_frac;
    } else {
        for &x in &finite {
            let s = fmt_positional_signed(x, first_precision, first_min, first_trim, 0, 0, plus);
            let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
            pad_left = pad_left.max(int_part.len());
            pad_right = pad_right.max(frac.len());
        }
        if matches!(o.floatmode, FloatMode::Fixed | FloatMode::MaxPrecEqual) {
            precision = Some(pad_right);
            min_digits = pad_right;
            trim = Trim::Keep;
        }
    }
    if o.sign == ' ' && !finite.iter().any(|v| v.is_sign_negative_()) {
        pad_left += 1;
    }
    if finite.len() != vals.len() {
        let neg_inf = o.sign != '-'
            || vals
                .iter()
                .any(|v| !v.is_finite_() && !v.is_nan_() && v.is_sign_negative_());
        let offset = pad_right + 1;
        pad_left = pad_left
            .max(o.nanstr.len().saturating_sub(offset))
            .max((o.infstr.len() + neg_inf as usize).saturating_sub(offset));
    }
    vals.iter()
        .map(|&x| {
            if !x.is_finite_() {
                let s = if x.is_nan_() {
                    format!("{}{}", if plus { "+" } else { "" }, o.nanstr)
                } else {
                    let sign = if x.is_sign_negative_() {
                        "-"
                    } else if plus {
                        "+"
                    } else {
                        ""
                    };
                    format!("{}{}", sign, o.infstr)
                };
                let width = pad_left + pad_right + 1;
                format!("{:>width$}", s, width = width)
            } else if exp_format {
                fmt_scientific_signed(x, precision, min_digits, trim, pad_left, exp_size, plus)
            } else {
                fmt_positional_signed(x, precision, min_digits, trim, pad_left, pad_right, plus)
            }
        })
        .collect()
}

impl PrintElem for f32 {
    fn words(vals: &[Self], _: bool, opts: &PrintOptions) -> Vec<String> {
        float_words(vals, opts)
    }
    fn scalar(v: Self) -> String {
        scalar_repr(v)
    }
}

impl PrintElem for f64 {
    fn words(vals: &[Self], _: bool, opts: &PrintOptions) -> Vec<String> {
        float_words(vals, opts)
    }
    fn scalar(v: Self) -> String {
        scalar_repr(v)
    }
}

macro_rules! int_print {
    ($t:ty) => {
        impl PrintElem for $t {
            fn words(vals: &[Self], _: bool, _: &PrintOptions) -> Vec<String> {
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
int_print!(i8);
int_print!(i16);
int_print!(u16);
int_print!(u32);
int_print!(u64);

impl PrintElem for half::f16 {
    fn words(vals: &[Self], _: bool, opts: &PrintOptions) -> Vec<String> {
        float_words(vals, opts)
    }
    fn scalar(v: Self) -> String {
        scalar_repr(v)
    }
}

/// numpy's complex format: the real parts formatted together as a float array, the
/// imaginary parts likewise with a sign always shown, then `j` before the padding.
fn complex_words<F: FloatFmt + PrintElem>(re: &[F], im: &[F], opts: &PrintOptions) -> Vec<String> {
    let r = float_words(re, opts);
    let mut signed = opts.clone();
    signed.sign = '+';
    let i = float_words(im, &signed);
    r.into_iter()
        .zip(i)
        .map(|(r, i)| {
            let end = i.trim_end().len();
            format!("{}{}j{}", r, &i[..end], &i[end..])
        })
        .collect()
}

/// Python's `repr(complex)`: `(1+2j)`, `2j`, `(1-0j)`; parts in their shortest digits
/// without a trailing `.0`.
fn complex_repr<F: FloatFmt + PrintElem>(re: F, im: F) -> String {
    let part = |x: F| {
        let s = F::scalar(x);
        match s.strip_suffix(".0") {
            Some(t) => t.to_string(),
            None => s,
        }
    };
    if re.is_zero_() && !re.is_sign_negative_() {
        return format!("{}j", part(im));
    }
    let sign = if im.is_sign_negative_() && !im.is_nan_() {
        '-'
    } else {
        '+'
    };
    format!("({}{}{}j)", part(re), sign, part(im.abs_()))
}

macro_rules! complex_print {
    ($f:ty) => {
        impl PrintElem for crate::tensor::complex::Complex<$f> {
            fn words(vals: &[Self], _: bool, opts: &PrintOptions) -> Vec<String> {
                let re: Vec<$f> = vals.iter().map(|z| z.re).collect();
                let im: Vec<$f> = vals.iter().map(|z| z.im).collect();
                complex_words(&re, &im, opts)
            }
            fn scalar(v: Self) -> String {
                complex_repr(v.re, v.im)
            }
        }
    };
}
complex_print!(f32);
complex_print!(f64);

/// ml_dtypes' bfloat16 is not a numpy float: numpy prints each element with its `str`,
/// C++'s default stream format (`%g`, six digits), unpadded.
impl PrintElem for half::bf16 {
    fn words(vals: &[Self], _: bool, _: &PrintOptions) -> Vec<String> {
        vals.iter().map(|&v| Self::scalar(v)).collect()
    }
    fn scalar(v: Self) -> String {
        let x = v.to_f64();
        if x.is_nan() {
            "nan".into()
        } else if x.is_infinite() {
            if x < 0.0 { "-inf" } else { "inf" }.into()
        } else {
            super::cfmt::general(x, 6, false, false)
        }
    }
}

impl PrintElem for bool {
    fn words(vals: &[Self], zero_dim: bool, _: &PrintOptions) -> Vec<String> {
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

/// numpy holds `tf.string` values as an object array of `bytes`: each element is its repr,
/// unpadded.
impl PrintElem for TStr {
    fn words(vals: &[Self], _: bool, _: &PrintOptions) -> Vec<String> {
        vals.iter().map(|v| bytes_repr(v.bytes())).collect()
    }
    fn scalar(v: Self) -> String {
        bytes_repr(v.bytes())
    }
}

/// The shown part of an array: its words in row-major order over the kept indices, the kept
/// length of each axis, and which axes were cut (and get a `...`).
pub(crate) struct Shown {
    pub(crate) words: Vec<String>,
    pub(crate) shape: Vec<usize>,
    pub(crate) cut: Vec<bool>,
    /// Items shown before the `...` of a cut axis; after it, at least one (numpy always
    /// shows an axis's last item).
    pub(crate) edge: usize,
}

fn shown<T: PrintElem>(a: &ArcArray<T, IxDyn>, o: &PrintOptions) -> Shown {
    let summarize = o.summarizes(a.len());
    let edge = o.edge();
    let mut kept: Vec<Vec<usize>> = Vec::new();
    let mut cut = Vec::new();
    for &n in a.shape() {
        if summarize && n > 2 * edge {
            kept.push((0..edge).chain(n - edge.max(1)..n).collect());
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
        words: T::words(&vals, a.ndim() == 0, o),
        shape,
        cut,
        edge,
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
    let (leading, trailing) = if sh.cut[axis] {
        (sh.edge, sh.edge.max(1))
    } else {
        (0, len)
    };
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

/// The nested brackets of shown words, wrapped at the print options' width less
/// `suffix`, continuation lines indented past `prefix` (numpy's `_formatArray`).
pub(crate) fn layout(sh: &Shown, sep: &str, prefix: &str, suffix: &str) -> String {
    let width = options::current().width().saturating_sub(suffix.len());
    recurse(sh, 0, 0, &" ".repeat(prefix.len() + 1), width, sep)
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
    let sh = shown(a, &options::current());
    layout(&sh, sep, prefix, suffix)
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
    matches!(d, DType::F64 | DType::I64 | DType::Bool | DType::C128)
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
        let name = match T::DTYPE {
            DType::Str => "object",
            d => d.name(),
        };
        let dtype = format!("dtype={})", name);
        let last_line = s.len() - s.rfind('\n').map(|p| p + 1).unwrap_or(0);
        if last_line + dtype.len() + 1 > options::current().width() {
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
