//! `tf.keras.utils.pad_sequences` (also `tf.keras.preprocessing.sequence.pad_sequences`):
//! a list of sequences (or an object array of them, as the imdb and reuters loaders
//! return) to one numpy array of shape `(len(sequences), maxlen) + sample_shape`,
//! padded and truncated at the front or back, with Keras 2.15's checks and numpy's
//! errors (a value that does not fit its slot is numpy's broadcast error).

use crate::api::convert::{dtype_arg, f64_arg, tensor_of, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::{Interp, Value};
use crate::print::shape_tuple;
use crate::tensor::{DType, Tensor};

/// One sequence as float64 values: its length, the shape of one step, the values.
struct Seq {
    len: usize,
    step: Vec<usize>,
    vals: Vec<f64>,
}

/// Whether Python's `hasattr(v, "__len__")` holds.
fn has_len(it: &mut Interp, v: &Value) -> bool {
    match v {
        Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Str(_)
        | Value::Bytes(_)
        | Value::Range(..) => true,
        Value::Tensor(t) => t.ndim() > 0,
        Value::NdArray(a) => a.ndim() > 0,
        Value::Variable(var) => var.value.borrow().ndim() > 0,
        Value::Instance(_) => it.get_attr(v, "__len__").is_ok(),
        Value::Object(_) => {
            crate::api::np_object::obj_array(v).is_some_and(|a| !a.shape.is_empty())
        }
        _ => false,
    }
}

/// A sequence's values; what has no length is Keras's "non-iterable" error.
fn seq_of(it: &mut Interp, x: &Value) -> R<Seq> {
    if !has_len(it, x) {
        return Err(value_err(format!(
            "`sequences` must be a list of iterables. Found non-iterable: {}",
            it.str_of(x)?
        )));
    }
    if matches!(x, Value::Str(_) | Value::Bytes(_) | Value::Dict(_)) {
        return Err(type_err(format!(
            "tensh's pad_sequences takes sequences of numbers, not {}",
            x.type_name()
        )));
    }
    let t = match tensor_of(x) {
        Some(t) => t.cast(DType::F64),
        None => {
            let items = it.collect_items(x)?;
            if items.is_empty() {
                return Ok(Seq {
                    len: 0,
                    step: vec![],
                    vals: vec![],
                });
            }
            to_tensor(it, &Value::list(items), Some(DType::F64))?
        }
    };
    let shape = t.shape().to_vec();
    Ok(Seq {
        len: shape.first().copied().unwrap_or(0),
        step: shape.get(1..).map(<[usize]>::to_vec).unwrap_or_default(),
        vals: t.to_f64_vec(),
    })
}

/// numpy's "interpreted as an integer" for `maxlen`.
fn maxlen_arg(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => match tensor_of(v) {
            Some(t) if t.size() == 1 && !t.dtype().is_float() => Ok(t.item_i64().unwrap_or(0)),
            _ => Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))),
        },
    }
}

crate::builtin! {
    /// Pads sequences to the same length.
    python ["tf.keras.utils.pad_sequences", "tf.keras.preprocessing.sequence.pad_sequences"]
    fn pad_sequences(it, sequences, maxlen = None, dtype = "int32", padding = "pre",
        truncating = "pre", value = 0.0) {
        if !has_len(it, &sequences) {
            return raise(ExcKind::ValueError, "`sequences` must be iterable.");
        }
        let items = it.collect_items(&sequences)?;
        let mut seqs = Vec::with_capacity(items.len());
        let mut sample: Option<Vec<usize>> = None;
        for x in &items {
            it.check_interrupt()?;
            let s = seq_of(it, x)?;
            if sample.is_none() && s.len > 0 {
                sample = Some(s.step.clone());
            }
            seqs.push(s);
        }
        let sample = sample.unwrap_or_default();
        let maxlen = match &maxlen {
            Value::None => match seqs.iter().map(|s| s.len).max() {
                Some(m) => m as i64,
                None => {
                    return raise(
                        ExcKind::ValueError,
                        "zero-size array to reduction operation maximum which has no identity",
                    )
                }
            },
            v => maxlen_arg(v)?,
        };
        let str_dtype = matches!(&dtype, Value::Str(s) if &**s == "str" || &**s == "object");
        if matches!(value, Value::Str(_)) && !str_dtype {
            return Err(value_err(format!(
                "`dtype` {} is not compatible with `value`'s type: <class 'str'>\nYou should set `dtype=object` for variable length strings.",
                it.str_of(&dtype)?
            )));
        }
        if maxlen < 0 {
            return raise(ExcKind::ValueError, "negative dimensions are not allowed");
        }
        let d = dtype_arg(&dtype)?;
        let fill = f64_arg(&value, "value")?;
        let maxlen = maxlen as usize;
        let step: usize = sample.iter().product();
        let mut dims = vec![seqs.len(), maxlen];
        dims.extend_from_slice(&sample);
        crate::tensor::alloc::check(&dims, d, "").map_err(crate::api::numpy::np_err)?;
        // Each sequence's place: (first output step, first source step, steps).
        let mut places = Vec::with_capacity(seqs.len());
        for (idx, s) in seqs.iter().enumerate() {
            if s.len == 0 {
                places.push((0, 0, 0));
                continue;
            }
            let (from, to) = match &truncating {
                Value::Str(t) if &**t == "pre" => {
                    (if maxlen == 0 { 0 } else { s.len.saturating_sub(maxlen) }, s.len)
                }
                Value::Str(t) if &**t == "post" => (0, s.len.min(maxlen)),
                other => {
                    return Err(value_err(format!(
                        "Truncating type \"{}\" not understood",
                        it.str_of(other)?
                    )))
                }
            };
            let n = to - from;
            if s.step != sample {
                return Err(value_err(format!(
                    "Shape of sample {} of sequence at position {} is different from expected shape {}",
                    shape_tuple(&s.step),
                    idx,
                    shape_tuple(&sample)
                )));
            }
            let start = match &padding {
                Value::Str(p) if &**p == "post" => 0,
                Value::Str(p) if &**p == "pre" => maxlen.saturating_sub(n),
                other => {
                    return Err(value_err(format!(
                        "Padding type \"{}\" not understood",
                        it.str_of(other)?
                    )))
                }
            };
            let slot = match &padding {
                Value::Str(p) if &**p == "pre" && n == 0 => maxlen,
                _ => n.min(maxlen),
            };
            if slot != n {
                let mut have = vec![n];
                have.extend_from_slice(&sample);
                let mut want = vec![slot];
                want.extend_from_slice(&sample);
                return Err(value_err(format!(
                    "could not broadcast input array from shape {} into shape {}",
                    shape_tuple(&have),
                    shape_tuple(&want)
                )));
            }
            places.push((start, from, n));
        }
        let row = maxlen * step;
        let mut i = 0usize;
        let out = Tensor::from_f64_fn(d, &dims, || {
            let (idx, pos) = (i / row, i % row);
            i += 1;
            let (start, from, n) = places[idx];
            let (lo, hi) = (start * step, (start + n) * step);
            if (lo..hi).contains(&pos) {
                seqs[idx].vals[from * step + pos - lo]
            } else {
                fill
            }
        });
        Ok(Value::ndarray(out))
    }
}
