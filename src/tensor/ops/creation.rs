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
    // TensorFlow accumulates in the element type: start + i * delta. The values are made
    // straight in the output dtype.
    let mut i = 0usize;
    let next = |i: &mut usize| {
        let k = *i;
        *i += 1;
        k
    };
    Ok(if dtype == DType::F32 {
        Tensor::from_f64_fn(dtype, &[n], || {
            (start as f32 + next(&mut i) as f32 * delta as f32) as f64
        })
    } else {
        Tensor::from_f64_fn(dtype, &[n], || start + next(&mut i) as f64 * delta)
    })
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
    if !dtype.is_float() {
        return Err(invalid_arg(format!(
            "linspace needs a float dtype, got {}",
            dtype.name()
        )));
    }
    // start + i * step in the element type, the last value exactly `stop`; made straight in
    // the output dtype.
    let last = num > 1;
    let mut i = 0usize;
    Ok(if dtype == DType::F32 {
        let (s, e) = (start as f32, stop as f32);
        let step = if last {
            (e - s) / (num - 1) as f32
        } else {
            0.0
        };
        Tensor::from_f64_fn(dtype, &[num], || {
            let k = i;
            i += 1;
            if last && k + 1 == num {
                e as f64
            } else {
                (s + step * k as f32) as f64
            }
        })
    } else {
        let step = if last {
            (stop - start) / (num - 1) as f64
        } else {
            0.0
        };
        Tensor::from_f64_fn(dtype, &[num], || {
            let k = i;
            i += 1;
            if last && k + 1 == num {
                stop
            } else {
                start + step * k as f64
            }
        })
    })
}

/// `tf.eye(num_rows, num_columns)`.
pub fn eye(rows: usize, cols: usize, dtype: DType) -> TResult<Tensor> {
    crate::tensor::alloc::check_as(
        &[rows, cols],
        dtype,
        "MatrixDiagV3",
        "MatrixDiagV3",
        Some("diag"),
    )?;
    let mut k = 0usize;
    Ok(Tensor::from_f64_fn(dtype, &[rows, cols], || {
        let (r, c) = (k / cols.max(1), k % cols.max(1));
        k += 1;
        (r == c) as i64 as f64
    }))
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
