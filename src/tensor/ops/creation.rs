//! Ops that make tensors from numbers: range, linspace, eye, meshgrid.

use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{DType, Tensor};

/// `tf.range(start, limit, delta, dtype)`.
pub fn range(start: f64, limit: f64, delta: f64, dtype: DType) -> TResult<Tensor> {
    if delta == 0.0 {
        return Err(crate::tensor::error::op_error(
            "Range",
            "Range",
            "Requires delta != 0: 0",
            Some("range"),
        ));
    }
    // Written so that a NaN bound or step fails as in TensorFlow.
    let ordered = |a: f64, b: f64| matches!(a.partial_cmp(&b), Some(o) if o.is_le());
    let rising = delta > 0.0;
    if (rising && !ordered(start, limit)) || (!rising && !ordered(limit, start)) {
        let msg = if delta > 0.0 {
            format!(
                "Requires start <= limit when delta > 0: {}/{}",
                fmt_num(start, dtype),
                fmt_num(limit, dtype)
            )
        } else {
            format!(
                "Requires start >= limit when delta < 0: {}/{}",
                fmt_num(start, dtype),
                fmt_num(limit, dtype)
            )
        };
        return Err(crate::tensor::error::op_error(
            "Range",
            "Range",
            msg,
            Some("range"),
        ));
    }
    let n = if dtype.is_float() {
        ((limit - start) / delta).abs().ceil()
    } else {
        (((limit - start).abs() + delta.abs() - 1.0) / delta.abs()).floor()
    };
    if !matches!(n.partial_cmp(&(i64::MAX as f64)), Some(o) if o.is_le()) {
        return Err(crate::tensor::error::op_error(
            "Range",
            "Range",
            "Requires ((limit - start) / delta) <= 9223372036854775807",
            Some("range"),
        ));
    }
    let n = n as usize;
    crate::tensor::alloc::check(&[n], dtype, "Range")?;
    let vals: Vec<f64> = match dtype {
        // TensorFlow accumulates in the element type: start + i * delta.
        DType::F32 => (0..n)
            .map(|i| (start as f32 + i as f32 * delta as f32) as f64)
            .collect(),
        _ => (0..n).map(|i| start + i as f64 * delta).collect(),
    };
    Ok(Tensor::from_f64s(dtype, &[n], &vals))
}

fn fmt_num(v: f64, d: DType) -> String {
    if d.is_float() {
        format!("{}", v)
    } else {
        format!("{}", v as i64)
    }
}

/// `tf.linspace(start, stop, num)`: start + i * step in the element type, the last value
/// exactly `stop`.
pub fn linspace(start: f64, stop: f64, num: usize, dtype: DType) -> TResult<Tensor> {
    if num == 0 {
        return Ok(Tensor::zeros(dtype, &[0]));
    }
    crate::tensor::alloc::check(&[num], dtype, "LinSpace")?;
    let vals: Vec<f64> = match dtype {
        DType::F32 => {
            let (s, e) = (start as f32, stop as f32);
            let step = if num > 1 {
                (e - s) / (num - 1) as f32
            } else {
                0.0
            };
            (0..num)
                .map(|i| {
                    if i + 1 == num && num > 1 {
                        e as f64
                    } else {
                        (s + step * i as f32) as f64
                    }
                })
                .collect()
        }
        _ => {
            let step = if num > 1 {
                (stop - start) / (num - 1) as f64
            } else {
                0.0
            };
            (0..num)
                .map(|i| {
                    if i + 1 == num && num > 1 {
                        stop
                    } else {
                        start + step * i as f64
                    }
                })
                .collect()
        }
    };
    if !dtype.is_float() {
        return Err(invalid_arg(format!(
            "linspace needs a float dtype, got {}",
            dtype.name()
        )));
    }
    Ok(Tensor::from_f64s(dtype, &[num], &vals))
}

/// `tf.eye(num_rows, num_columns)`.
pub fn eye(rows: usize, cols: usize, dtype: DType) -> TResult<Tensor> {
    crate::tensor::alloc::check(&[rows, cols], dtype, "MatrixDiagV3")?;
    let mut v = vec![0.0; rows * cols];
    for i in 0..rows.min(cols) {
        v[i * cols + i] = 1.0;
    }
    Ok(Tensor::from_f64s(dtype, &[rows, cols], &v))
}

/// `tf.meshgrid(*xs, indexing='xy'|'ij')` for 1-D inputs.
pub fn meshgrid(xs: &[Tensor], ij: bool) -> TResult<Vec<Tensor>> {
    let mut lens: Vec<usize> = xs.iter().map(|x| x.size()).collect();
    if !ij && lens.len() >= 2 {
        lens.swap(0, 1);
    }
    let mut out = Vec::new();
    for (k, x) in xs.iter().enumerate() {
        let mut shape = vec![1usize; xs.len()];
        let pos = if !ij && xs.len() >= 2 && k < 2 {
            1 - k
        } else {
            k
        };
        shape[pos] = x.size();
        let r = super::shape::reshape_to(&x.contiguous(), &shape);
        out.push(super::shape::broadcast_to(&r, &lens)?);
    }
    Ok(out)
}
