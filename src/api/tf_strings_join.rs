//! `tf.strings` that join or split strings: `join`, `reduce_join`, `split`, `bytes_split`,
//! `unicode_split`, `unicode_decode`, `unicode_encode`, `ngrams`. A split of more than one
//! string has a ragged result, built as TensorFlow builds it: flat values and row splits.

use super::convert::{int_list, tensor_of, to_tensor};
use super::tf_strings::{from_bytes, str_input, strs, text_arg};
use crate::errors::ExcKind;
use crate::eval::error::{err, value_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::ops::reduce::{norm_axes, reduce_with};
use crate::tensor::{DType, TStr, Tensor};
use ndarray::IxDyn;

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// A ragged tensor of one ragged dimension from its flat values and row splits, through
/// `tf.RaggedTensor.from_row_splits`.
pub(crate) fn ragged(it: &mut Interp, values: Tensor, splits: Vec<i64>) -> R<Value> {
    let tf = it.import_module("tensorflow")?;
    let cls = it.get_attr(&tf, "RaggedTensor").map_err(|_| {
        err(
            ExcKind::NotImplementedError,
            "this result is a tf.RaggedTensor, which tensh does not have yet",
        )
    })?;
    let f = it.get_attr(&cls, "from_row_splits")?;
    let n = splits.len();
    let splits = Value::Tensor(Tensor::from_vec(&[n], splits));
    it.call(
        &f,
        crate::eval::value::Args::new(vec![Value::Tensor(values), splits]),
    )
}

/// Pieces of each string: a dense result for a scalar input, ragged for a vector.
fn pieces_result(it: &mut Interp, x: &Tensor, rows: Vec<Vec<Vec<u8>>>) -> R<Value> {
    if x.ndim() == 0 {
        let row = rows.into_iter().next().unwrap_or_default();
        return t(from_bytes(&[row.len()], row)?);
    }
    if x.ndim() != 1 {
        return Err(value_err(format!(
            "input must have a statically-known rank; only rank 0 and 1 are supported here, got shape {}",
            shape_brackets(x.shape())
        )));
    }
    let (flat, splits) = flatten_rows(rows);
    let values = from_bytes(&[flat.len()], flat)?;
    ragged(it, values, splits)
}

/// Rows laid end to end, and the row splits that find them again.
fn flatten_rows<T>(rows: Vec<Vec<T>>) -> (Vec<T>, Vec<i64>) {
    let mut splits = vec![0i64];
    let mut flat = Vec::new();
    for r in rows {
        flat.extend(r);
        splits.push(flat.len() as i64);
    }
    (flat, splits)
}

fn join_tensors(it: &mut Interp, inputs: &Value, separator: &str) -> R<Tensor> {
    let items = it.collect_items(inputs)?;
    let mut ts = Vec::with_capacity(items.len());
    for v in &items {
        let x = match tensor_of(v) {
            Some(x) => x,
            None => to_tensor(it, v, Some(DType::Str))?,
        };
        if x.dtype() != DType::Str {
            return Err(invalid_arg(format!(
                "cannot compute StringJoin as input #0(zero-based) was expected to be a string tensor but is a {} tensor [Op:StringJoin] name: ",
                x.dtype().kind_word()
            ))
            .into());
        }
        ts.push(x);
    }
    let mut shape: Vec<usize> = Vec::new();
    for x in &ts {
        if x.ndim() == 0 {
            continue;
        }
        if !shape.is_empty() && shape != x.shape() {
            return Err(op_error(
                &format!("StringJoin_N_{}", ts.len()),
                "StringJoin",
                format!(
                    "Input shapes do not match: {} vs. {}",
                    shape_brackets(&shape),
                    shape_brackets(x.shape())
                ),
                None,
            )
            .into());
        }
        shape = x.shape().to_vec();
    }
    let n: usize = shape.iter().product();
    let cols: Vec<Vec<TStr>> = ts
        .iter()
        .map(|x| match strs(x).broadcast(IxDyn(&shape)) {
            Some(v) => v.iter().copied().collect(),
            None => vec![TStr::default(); n],
        })
        .collect();
    let rows = (0..n)
        .map(|i| {
            cols.iter()
                .map(|c| c[i].bytes())
                .collect::<Vec<_>>()
                .join(separator.as_bytes())
        })
        .collect();
    from_bytes(&shape, rows)
}

crate::builtin! {
    /// Perform element-wise concatenation of a list of string tensors.
    dispatch ["tf.strings.join"]
    fn join(it, inputs, separator = "", name = None) {
        let sep = text_arg(it, &separator)?;
        t(join_tensors(it, &inputs, &sep)?)
    }
}

crate::builtin! {
    /// Joins all strings into a single string, or joins along an axis.
    dispatch ["tf.strings.reduce_join"]
    fn reduce_join(it, inputs, axis = None, keepdims = False, separator = "", name = None) {
        let x = str_input(it, &inputs, "ReduceJoin")?;
        let sep = text_arg(it, &separator)?;
        let keep = it.truthy(&keepdims)?;
        let axes: Vec<i64> = match &axis {
            Value::None => (0..x.ndim() as i64).collect(),
            v => int_list(it, v, "axis")?,
        };
        let axes = norm_axes("ReduceJoin", &axes, x.ndim())?;
        let failed = std::sync::Mutex::new(None);
        let out = reduce_with(strs(&x), &axes, keep, |run: &[TStr]| {
            let joined = run.iter().map(|s| s.bytes()).collect::<Vec<_>>().join(sep.as_bytes());
            TStr::intern(&joined).unwrap_or_else(|e| {
                if let Ok(mut f) = failed.lock() {
                    *f = Some(e);
                }
                TStr::default()
            })
        });
        if let Some(e) = failed.into_inner().ok().flatten() {
            return Err(e.into());
        }
        t(out)
    }
}

/// Python's `str.split()` on ASCII whitespace, at most `max` splits (-1: no limit).
fn split_whitespace(b: &[u8], max: i64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    let ws = |c: u8| c.is_ascii_whitespace() || c == 0x0b;
    while i < b.len() {
        while i < b.len() && ws(b[i]) {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if max >= 0 && out.len() as i64 == max {
            let mut rest = &b[i..];
            while let [head @ .., last] = rest {
                if ws(*last) {
                    rest = head;
                } else {
                    break;
                }
            }
            out.push(rest.to_vec());
            return out;
        }
        let start = i;
        while i < b.len() && !ws(b[i]) {
            i += 1;
        }
        out.push(b[start..i].to_vec());
    }
    out
}

/// Python's `bytes.split(sep)`, at most `max` splits; an empty string gives one piece.
fn split_on(b: &[u8], sep: &[u8], max: i64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + sep.len() <= b.len() {
        if (max < 0 || (out.len() as i64) < max) && &b[i..i + sep.len()] == sep {
            out.push(b[start..i].to_vec());
            i += sep.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(b[start..].to_vec());
    out
}

crate::builtin! {
    /// Split elements of `input` based on `sep` into a `RaggedTensor`.
    dispatch ["tf.strings.split"]
    fn split(it, input, sep = None, maxsplit = -1, name = None) {
        let x = str_input(it, &input, "StringSplitV2")?;
        let sep = match &sep {
            Value::None => None,
            v => Some(text_arg(it, v)?),
        };
        let max = super::convert::i64_arg(&maxsplit, "maxsplit")?;
        let rows = strs(&x)
            .iter()
            .map(|s| match sep.as_deref() {
                None | Some("") => split_whitespace(s.bytes(), max),
                Some(p) => split_on(s.bytes(), p.as_bytes(), max),
            })
            .collect();
        pieces_result(it, &x, rows)
    }
}

crate::builtin! {
    /// Split string elements of `input` into bytes.
    dispatch ["tf.strings.bytes_split"]
    fn bytes_split(it, input, name = None) {
        let x = str_input(it, &input, "BytesSplit")?;
        let rows = strs(&x)
            .iter()
            .map(|s| s.bytes().iter().map(|&c| vec![c]).collect())
            .collect();
        pieces_result(it, &x, rows)
    }
}

/// How malformed UTF-8 is handled (`errors=`), and the replacement character.
#[derive(Clone, Copy, PartialEq)]
enum OnError {
    Strict,
    Replace(u32),
    Ignore,
}

fn on_error(it: &mut Interp, errors: &Value, replacement: &Value) -> R<OnError> {
    let e = text_arg(it, errors)?;
    let r = super::convert::i64_arg(replacement, "replacement_char")? as u32;
    match e.as_str() {
        "strict" => Ok(OnError::Strict),
        "replace" => Ok(OnError::Replace(r)),
        "ignore" => Ok(OnError::Ignore),
        _ => Err(value_err(format!(
            "Value for attr 'errors' of \"{e}\" is not in the list of allowed values: \"strict\", \"replace\", \"ignore\""
        ))),
    }
}

/// The code points of a UTF-8 string with their byte offsets; malformed bytes as `how` says.
fn decode_utf8(b: &[u8], how: OnError, op: &str) -> R<Vec<(u32, usize)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let valid = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
        };
        for (off, c) in valid.char_indices() {
            out.push((c as u32, i + off));
        }
        i += valid.len();
        if i < b.len() {
            match how {
                OnError::Strict => {
                    return Err(
                        op_error(op, op, "Invalid formatting on input string", Some("")).into(),
                    )
                }
                OnError::Replace(r) => out.push((r, i)),
                OnError::Ignore => {}
            }
            i += 1;
        }
    }
    Ok(out)
}

fn check_utf8(it: &mut Interp, encoding: &Value) -> R<()> {
    let e = text_arg(it, encoding)?;
    if !matches!(e.to_ascii_uppercase().as_str(), "UTF-8" | "UTF8") {
        return Err(value_err(format!(
            "tensh decodes and encodes UTF-8 only; got input_encoding={e}"
        )));
    }
    Ok(())
}

crate::builtin! {
    /// Splits each string in `input` into a sequence of Unicode code points.
    dispatch ["tf.strings.unicode_split"]
    fn unicode_split(it, input, input_encoding, errors = "replace", replacement_char = 65533, name = None) {
        check_utf8(it, &input_encoding)?;
        let how = on_error(it, &errors, &replacement_char)?;
        let x = str_input(it, &input, "UnicodeDecode")?;
        let mut rows = Vec::with_capacity(x.size());
        for s in strs(&x).iter() {
            let chars = decode_utf8(s.bytes(), how, "UnicodeDecode")?;
            rows.push(
                chars
                    .iter()
                    .map(|&(c, _)| char::from_u32(c).unwrap_or('\u{FFFD}').to_string().into_bytes())
                    .collect(),
            );
        }
        pieces_result(it, &x, rows)
    }
}

/// Code points per string: dense for a scalar, ragged for a vector.
fn code_points(it: &mut Interp, x: &Tensor, rows: Vec<Vec<i32>>) -> R<Value> {
    if x.ndim() == 0 {
        let row = rows.into_iter().next().unwrap_or_default();
        return t(Tensor::from_vec(&[row.len()], row));
    }
    let (flat, splits) = flatten_rows(rows);
    ragged(it, Tensor::from_vec(&[flat.len()], flat), splits)
}

crate::builtin! {
    /// Decodes each string in `input` into a sequence of Unicode code points.
    dispatch ["tf.strings.unicode_decode"]
    fn unicode_decode(it, input, input_encoding, errors = "replace", replacement_char = 65533, replace_control_characters = False, name = None) {
        check_utf8(it, &input_encoding)?;
        let how = on_error(it, &errors, &replacement_char)?;
        let x = str_input(it, &input, "UnicodeDecode")?;
        let mut rows = Vec::with_capacity(x.size());
        for s in strs(&x).iter() {
            rows.push(decode_utf8(s.bytes(), how, "UnicodeDecode")?.iter().map(|&(c, _)| c as i32).collect());
        }
        code_points(it, &x, rows)
    }
}

crate::builtin! {
    /// Decodes each string into a sequence of code points with start offsets.
    dispatch ["tf.strings.unicode_decode_with_offsets"]
    fn unicode_decode_with_offsets(it, input, input_encoding, errors = "replace", replacement_char = 65533, replace_control_characters = False, name = None) {
        check_utf8(it, &input_encoding)?;
        let how = on_error(it, &errors, &replacement_char)?;
        let x = str_input(it, &input, "UnicodeDecodeWithOffsets")?;
        if x.ndim() != 0 {
            return Err(err(
                ExcKind::NotImplementedError,
                "tensh decodes with offsets one string at a time (a scalar input)",
            ));
        }
        let s = strs(&x).iter().next().copied().unwrap_or_default();
        let chars = decode_utf8(s.bytes(), how, "UnicodeDecodeWithOffsets")?;
        let n = chars.len();
        let cps: Vec<i32> = chars.iter().map(|&(c, _)| c as i32).collect();
        let offs: Vec<i64> = chars.iter().map(|&(_, o)| o as i64).collect();
        Ok(Value::tuple(vec![
            Value::Tensor(Tensor::from_vec(&[n], cps)),
            Value::Tensor(Tensor::from_vec(&[n], offs)),
        ]))
    }
}

crate::builtin! {
    /// Encodes each sequence of Unicode code points in `input` into a string.
    dispatch ["tf.strings.unicode_encode"]
    fn unicode_encode(it, input, output_encoding, errors = "replace", replacement_char = 65533, name = None) {
        check_utf8(it, &output_encoding)?;
        let x = to_tensor(it, &input, None)?;
        if x.ndim() == 0 {
            return Err(value_err("Rank of input must be statically known and at least 1."));
        }
        let last = x.shape()[x.ndim() - 1];
        let cps = x.to_i64_vec();
        let rows: Vec<Vec<u8>> = if last == 0 {
            vec![Vec::new(); x.shape()[..x.ndim() - 1].iter().product()]
        } else {
            cps.chunks(last)
                .map(|c| {
                    c.iter()
                        .map(|&p| char::from_u32(p as u32).unwrap_or('\u{FFFD}'))
                        .collect::<String>()
                        .into_bytes()
                })
                .collect()
        };
        t(from_bytes(&x.shape()[..x.ndim() - 1], rows)?)
    }
}

/// The n-grams of one sequence of strings, padded as `pad_values` and `padding_width` say.
fn ngrams_of(
    items: &[&[u8]],
    width: usize,
    sep: &[u8],
    pad: Option<(&[u8], &[u8], usize)>,
    preserve_short: bool,
) -> Vec<Vec<u8>> {
    let mut seq: Vec<&[u8]> = Vec::new();
    if let Some((l, _, w)) = pad {
        seq.extend(std::iter::repeat_n(l, w.min(width.saturating_sub(1))));
    }
    seq.extend_from_slice(items);
    if let Some((_, r, w)) = pad {
        seq.extend(std::iter::repeat_n(r, w.min(width.saturating_sub(1))));
    }
    if seq.len() < width {
        if preserve_short && !seq.is_empty() {
            return vec![seq.join(sep)];
        }
        return Vec::new();
    }
    seq.windows(width).map(|w| w.join(sep)).collect()
}

crate::builtin! {
    /// Create a tensor of n-grams based on `data`.
    dispatch ["tf.strings.ngrams"]
    fn ngrams(it, data, ngram_width, separator = " ", pad_values = None, padding_width = None, preserve_short_sequences = False, name = None) {
        // A RaggedTensor of rank 2 gives a ragged result row by row; a dense [N, S] one a
        // dense result padded with b'' (TensorFlow's `to_tensor()` of the ragged one).
        let (x, splits, dense_rows) = match ragged_parts(it, &data)? {
            Some((values, splits)) => (values, Some(splits), false),
            None => {
                let x = str_input(it, &data, "StringNGrams")?;
                match x.ndim() {
                    0 => return Err(value_err("Data must have rank>0")),
                    1 => (x, None, false),
                    2 => {
                        let (n, s) = (x.shape()[0], x.shape()[1]);
                        let splits = (0..=n).map(|i| (i * s) as i64).collect();
                        (crate::tensor::ops::shape::reshape_to(&x.contiguous(), &[n * s]), Some(splits), true)
                    }
                    _ => {
                        return Err(err(
                            ExcKind::NotImplementedError,
                            "tensh makes n-grams of 1-D and 2-D string tensors and of ragged rows",
                        ))
                    }
                }
            }
        };        let widths: Vec<i64> = int_list(it, &ngram_width, "ngram_width")?;
        let sep = text_arg(it, &separator)?;
        let pads: Option<(Vec<u8>, Vec<u8>)> = match &pad_values {
            Value::None => None,
            Value::Tuple(p) if p.len() == 2 => Some((
                text_arg(it, &p[0])?.into_bytes(),
                text_arg(it, &p[1])?.into_bytes(),
            )),
            v => {
                let s = text_arg(it, v)?.into_bytes();
                Some((s.clone(), s))
            }
        };
        let pw = match &padding_width {
            Value::None => None,
            v => Some(super::convert::i64_arg(v, "padding_width")?.max(0) as usize),
        };
        let preserve = it.truthy(&preserve_short_sequences)?;
        for &w in &widths {
            if w <= 0 {
                return Err(invalid_arg(format!("ngram_widths must contain positive values, got {w}")).into());
            }
        }
        let items: Vec<&[u8]> = strs(&x).iter().map(|s| s.bytes()).collect();
        let whole = [0, items.len() as i64];
        let bounds = splits.as_deref().unwrap_or(&whole);
        let mut rows: Vec<Vec<Vec<u8>>> = Vec::with_capacity(bounds.len().saturating_sub(1));
        for pair in bounds.windows(2) {
            let row = &items[pair[0] as usize..pair[1] as usize];
            let mut out = Vec::new();
            for &w in &widths {
                let w = w as usize;
                let pad = pads.as_ref().map(|(l, r)| (l.as_slice(), r.as_slice(), pw.unwrap_or(w - 1)));
                out.extend(ngrams_of(row, w, sep.as_bytes(), pad, preserve));
            }
            rows.push(out);
        }
        if splits.is_none() {
            let out = rows.pop().unwrap_or_default();
            let n = out.len();
            return t(from_bytes(&[n], out)?);
        }
        if dense_rows {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let n = rows.len();
            let flat = rows
                .into_iter()
                .flat_map(|mut r| {
                    r.resize(width, Vec::new());
                    r
                })
                .collect();
            return t(from_bytes(&[n, width], flat)?);
        }
        let (flat, splits) = flatten_rows(rows);
        let values = from_bytes(&[flat.len()], flat)?;
        ragged(it, values, splits)
    }
}

/// The flat string values and row splits of a RaggedTensor of rank 2, or None when `v` is
/// not a RaggedTensor.
fn ragged_parts(it: &mut Interp, v: &Value) -> R<Option<(Tensor, Vec<i64>)>> {
    if v.type_name() != "RaggedTensor" {
        return Ok(None);
    }
    let values = it.get_attr(v, "values")?;
    if values.type_name() == "RaggedTensor" {
        return Err(err(
            ExcKind::NotImplementedError,
            "tensh makes n-grams of ragged rows of strings (ragged_rank 1)",
        ));
    }
    let values = str_input(it, &values, "StringNGrams")?;
    let splits = it.get_attr(v, "row_splits")?;
    let splits = to_tensor(it, &splits, None)?.to_i64_vec();
    Ok(Some((values, splits)))
}
