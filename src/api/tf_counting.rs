//! `tf.math.bincount` and `tf.math.confusion_matrix`, declared once each.

use super::convert::{dtype_arg, i64_arg, int_input, to_tensor};
use crate::eval::error::{value_err, R};
use crate::eval::Value;
use crate::print::array::{array_str, shape_tuple};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::ops::select::scatter_nd;
use crate::tensor::ops::shape::stack;
use crate::tensor::{DType, Tensor};

fn bincount_err(message: String) -> crate::tensor::TfError {
    op_error("DenseBincount", "DenseBincount", message, Some(""))
}

crate::builtin! {
    /// Counts the number of occurrences of each value in an integer array.
    dispatch ["tf.math.bincount"]
    fn bincount(it, arr, weights = None, minlength = None, maxlength = None, dtype = tf.int32,
                name = None, axis = None, binary_output = False) {
        let arr = to_tensor(it, &arr, None)?;
        let arr = if arr.dtype().is_int() { arr } else { arr.cast(DType::I32) };
        let weights = match &weights {
            Value::None => None,
            w => Some(to_tensor(it, w, None)?),
        };
        let out_dtype = match &weights {
            Some(w) => w.dtype(),
            None => dtype_arg(&dtype)?,
        };
        let binary = it.truthy(&binary_output)?;
        let per_row = match &axis {
            Value::None => false,
            v => i64_arg(v, "axis")? == -1,
        };
        if per_row && arr.ndim() > 2 {
            return Err(bincount_err(format!(
                "Shape must be at most rank 2 but is rank {}",
                arr.ndim()
            ))
            .into());
        }
        let vals = arr.to_i64_vec();
        if vals.iter().any(|&v| v < 0) {
            return Err(bincount_err("Input arr must be non-negative!".into()).into());
        }
        if let Some(w) = &weights {
            if w.shape() != arr.shape() && w.size() != 0 {
                return Err(bincount_err(format!(
                    "`weights` must be the same shape as `arr` or a length-0 `Tensor`, in which case it acts as all weights equal to 1. Received {}",
                    shape_brackets(w.shape())
                ))
                .into());
            }
        }
        let mut size = vals.iter().max().map_or(0, |m| m + 1);
        if let Value::Int(_) | Value::Tensor(_) = &minlength {
            size = size.max(int_input(&minlength, "minlength")?);
        }
        if let Value::Int(_) | Value::Tensor(_) = &maxlength {
            size = size.min(int_input(&maxlength, "maxlength")?);
        }
        let size = size.max(0) as usize;
        let rows = if per_row && arr.ndim() == 2 { arr.shape()[0] } else { 1 };
        let out_shape: &[usize] = if per_row && arr.ndim() == 2 { &[rows, size] } else { &[size] };
        crate::tensor::alloc::check(out_shape, out_dtype, "DenseBincount")?;
        let per = vals.len().checked_div(rows).unwrap_or(0);
        let w = weights
            .as_ref()
            .filter(|w| w.size() != 0)
            .map(|w| w.to_f64_vec());
        let mut out = vec![0f64; rows * size];
        for (i, &v) in vals.iter().enumerate() {
            let v = v as usize;
            if v < size {
                let slot = &mut out[(i / per.max(1)) * size + v];
                if binary {
                    *slot = 1.0;
                } else {
                    *slot += w.as_ref().map_or(1.0, |w| w[i]);
                }
            }
        }
        let shape = if per_row && arr.ndim() == 2 { vec![rows, size] } else { vec![size] };
        Ok(Value::Tensor(Tensor::from_f64s(out_dtype, &shape, &out)))
    }
}

/// TensorFlow's assert messages: the first three elements of a failing tensor.
fn first_three(t: &Tensor) -> Tensor {
    let v: Vec<i64> = t.to_i64_vec().into_iter().take(3).collect();
    Tensor::from_vec(&[v.len()], v)
}

fn check_labels(what: &str, t: &Tensor, num_classes: Option<i64>) -> R<()> {
    let vals = t.to_i64_vec();
    if vals.iter().any(|&v| v < 0) {
        let shown: Vec<String> = vals.iter().take(3).map(|v| format!("'{}'", v)).collect();
        return Err(invalid_arg(format!(
            "`{}` contains negative values.  \nCondition x >= 0 did not hold element-wise:\nx (shape={} dtype=int64) = \n[{}]",
            what,
            shape_tuple(t.shape()),
            shown.join(", ")
        ))
        .into());
    }
    if let Some(n) = num_classes {
        if vals.iter().any(|&v| v >= n) {
            let x = first_three(t);
            return Err(invalid_arg(format!(
                "`{}` out of bound\nCondition x < y did not hold.\nFirst {} elements of x:\n{}\nFirst 1 elements of y:\n[{}]",
                what,
                x.size(),
                array_str(&x),
                n
            ))
            .into());
        }
    }
    Ok(())
}

crate::builtin! {
    /// Computes the confusion matrix from predictions and labels.
    dispatch ["tf.math.confusion_matrix"]
    fn confusion_matrix(it, labels, predictions, num_classes = None, weights = None,
                        dtype = tf.int32, name = None) {
        let labels = to_tensor(it, &labels, None)?.cast(DType::I64);
        let predictions = to_tensor(it, &predictions, None)?.cast(DType::I64);
        let dtype = dtype_arg(&dtype)?;
        let n = match &num_classes {
            Value::None => None,
            v => Some(i64_arg(v, "num_classes")?),
        };
        check_labels("labels", &labels, None)?;
        check_labels("predictions", &predictions, None)?;
        check_labels("labels", &labels, n)?;
        check_labels("predictions", &predictions, n)?;
        let values = match &weights {
            Value::None => Tensor::full(dtype, predictions.shape(), 1.0),
            w => {
                let w = to_tensor(it, w, None)?;
                if w.shape() != predictions.shape() {
                    return Err(value_err(format!(
                        "Shapes {} and {} are incompatible",
                        shape_tuple(predictions.shape()),
                        shape_tuple(w.shape())
                    )));
                }
                if w.dtype() == dtype { w } else { w.cast(dtype) }
            }
        };
        let indices = stack(&[labels.clone(), predictions.clone()], 1)?;
        let size = match n {
            Some(n) => n,
            None => {
                let m = |t: &Tensor| t.to_i64_vec().into_iter().max().unwrap_or(-1);
                m(&predictions).max(m(&labels)) + 1
            }
        }
        .max(0) as usize;
        Ok(Value::Tensor(scatter_nd(&indices, &values, &[size, size])?))
    }
}
