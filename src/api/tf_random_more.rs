//! `tf.random.categorical`, declared once: independent draws from each row's softmax.

use super::convert::{dtype_arg, int_input, to_tensor};
use crate::eval::error::value_err;
use crate::eval::Value;
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::op_error;
use crate::tensor::{DType, Tensor};

fn multinomial_err(message: String) -> crate::tensor::TfError {
    op_error("Multinomial", "Multinomial", message, Some(""))
}

crate::builtin! {
    /// Draws samples from a categorical distribution.
    dispatch ["tf.random.categorical"]
    fn categorical(it, logits, num_samples, dtype = None, seed = None, name = None) {
        let dtype = match &dtype {
            Value::None => DType::I64,
            v => dtype_arg(v)?,
        };
        if !matches!(dtype, DType::I32 | DType::I64) {
            return Err(value_err(format!(
                "Argument `dtype` got invalid value <dtype: '{}'>. Accepted dtypes are (tf.int32, tf.int64).",
                dtype.name()
            )));
        }
        let logits = to_tensor(it, &logits, None)?;
        let n = int_input(&num_samples, "num_samples")?;
        if logits.ndim() != 2 {
            return Err(multinomial_err(format!(
                "logits should be a matrix, got shape {}",
                shape_brackets(logits.shape())
            ))
            .into());
        }
        if n < 0 {
            return Err(multinomial_err(format!("num_samples should be nonnegative, got {}", n)).into());
        }
        let (rows, cols) = (logits.shape()[0], logits.shape()[1]);
        crate::tensor::alloc::check(&[rows, n as usize], dtype, "Multinomial")?;
        let vals = logits.to_f64_vec();
        let mut out = Vec::with_capacity(rows * n as usize);
        for r in 0..rows {
            let row = &vals[r * cols..(r + 1) * cols];
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let w: Vec<f64> = row.iter().map(|&x| (x - max).exp()).collect();
            let total: f64 = w.iter().sum();
            for j in 0..n {
                if j & 0xffff == 0xffff {
                    it.check_interrupt()?;
                }
                let mut u = it.rng.uniform01() * total;
                let mut pick = cols.saturating_sub(1);
                for (k, &p) in w.iter().enumerate() {
                    if u < p {
                        pick = k;
                        break;
                    }
                    u -= p;
                }
                out.push(pick as f64);
            }
        }
        Ok(Value::Tensor(Tensor::from_f64s(dtype, &[rows, n as usize], &out)))
    }
}
