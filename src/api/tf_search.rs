//! `tf.searchsorted`, `tf.histogram_fixed_width`, `tf.histogram_fixed_width_bins` and
//! `tf.reverse_sequence`, declared once each over `tensor::ops::search`.

use super::convert::{dtype_arg, int_input, to_tensor};
use crate::eval::error::{value_err, R};
use crate::eval::Value;
use crate::tensor::error::invalid_arg;
use crate::tensor::ops::search;
use crate::tensor::ops::shape::reshape_to;
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// An integer output dtype (`attr` is TensorFlow's attribute name).
fn int_dtype(v: &Value, attr: &str) -> R<DType> {
    let d = dtype_arg(v)?;
    if !matches!(d, DType::I32 | DType::I64) {
        return Err(invalid_arg(format!(
            "Value for attr '{}' of {} is not in the list of allowed values: int32, int64",
            attr,
            d.kind_word()
        ))
        .into());
    }
    Ok(d)
}

/// The tensor as rows of its last axis: `[-1, shape[-1]]`.
fn rows(x: &Tensor) -> R<Tensor> {
    let Some(&n) = x.shape().last() else {
        return Err(crate::tensor::error::op_error(
            "StridedSlice",
            "StridedSlice",
            "slice index -1 of dimension 0 out of bounds.",
            Some("strided_slice/"),
        )
        .into());
    };
    let r = x.size().checked_div(n).unwrap_or(0);
    Ok(reshape_to(&x.contiguous(), &[r, n]))
}

crate::builtin! {
    /// Searches for where a value would go in a sorted sequence.
    dispatch ["tf.searchsorted"]
    fn searchsorted(it, sorted_sequence, values, side = "left", out_type = tf.int32, name = None) {
        let s = to_tensor(it, &sorted_sequence, None)?;
        let v = to_tensor(it, &values, None)?;
        let (s2, v2) = (rows(&s)?, rows(&v)?);
        let right = match &side {
            Value::Str(x) if x.as_ref() == "right" => true,
            Value::Str(x) if x.as_ref() == "left" => false,
            other => {
                let shown = it.str_of(other)?;
                return Err(value_err(format!(
                    "Argument `side` must be either 'right' or 'left'. Received: `side` = '{}'.",
                    shown
                )));
            }
        };
        let out = int_dtype(&out_type, "out_type")?;
        let r = search::search_rows(&s2, &v2, right, out)?;
        t(reshape_to(&r, v.shape()))
    }
}

crate::builtin! {
    /// Return histogram of values.
    dispatch ["tf.histogram_fixed_width"]
    fn histogram_fixed_width(it, values, value_range, nbins = 100, dtype = tf.int32, name = None) {
        let v = to_tensor(it, &values, None)?;
        let r = to_tensor(it, &value_range, Some(v.dtype()))?;
        let n = int_input(&nbins, "nbins")?;
        let d = int_dtype(&dtype, "dtype")?;
        t(search::histogram_fixed_width(&v, &r, n, d)?)
    }
}

crate::builtin! {
    /// Bins the given values for use in a histogram.
    dispatch ["tf.histogram_fixed_width_bins"]
    fn histogram_fixed_width_bins(it, values, value_range, nbins = 100, dtype = tf.int32, name = None) {
        let v = to_tensor(it, &values, None)?;
        let r = to_tensor(it, &value_range, None)?;
        let n = int_input(&nbins, "nbins")?;
        if n <= 0 {
            return Err(invalid_arg(format!(
                "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: b'nbins tf.Tensor({}, shape=(), dtype=int32) must > 0'",
                n
            ))
            .into());
        }
        if !v.dtype().is_float() {
            // The scaled values are float64 (true division) while nbins takes the values'
            // integer dtype: TensorFlow's multiply refuses the pair.
            return Err(invalid_arg(format!(
                "cannot compute Mul as input #1(zero-based) was expected to be a {} tensor but is a double tensor [Op:Mul] name:",
                v.dtype().kind_word()
            ))
            .into());
        }
        t(search::histogram_bins(&v, &r, n))
    }
}

crate::builtin! {
    /// Reverses variable length slices.
    dispatch ["tf.reverse_sequence"]
    fn reverse_sequence_v2(it, input, seq_lengths, seq_axis = None, batch_axis = None, name = None) {
        let x = to_tensor(it, &input, None)?;
        let l = to_tensor(it, &seq_lengths, None)?;
        if !matches!(l.dtype(), DType::I32 | DType::I64) {
            return Err(invalid_arg(format!(
                "Value for attr 'Tlen' of {} is not in the list of allowed values: int32, int64",
                l.dtype().kind_word()
            ))
            .into());
        }
        let seq = int_input(&seq_axis, "seq_axis")?;
        let batch = match &batch_axis {
            Value::None => 0,
            v => int_input(v, "batch_axis")?,
        };
        let nd = x.ndim() as i64;
        let norm = |a: i64| if a < 0 { a + nd } else { a };
        let (seq, batch) = (norm(seq), norm(batch));
        if seq < 0 || batch < 0 {
            return Err(value_err("seq_axis and batch_axis must be within the input's rank"));
        }
        t(search::reverse_sequence(&x, &l, seq as usize, batch as usize)?)
    }
}
