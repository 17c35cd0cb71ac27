//! Segment reductions: `tf.math.segment_*` (sorted ids), `tf.math.unsorted_segment_*`
//! (ids in any order, a given number of segments) and `tf.sparse.segment_*` (rows picked by
//! `indices`, reduced by sorted ids), declared once each over `tensor::ops::segment`.

use super::convert::to_tensor;
use crate::eval::value::given;
use crate::eval::{Interp, Value, R};
use crate::tensor::ops::segment::{
    require_float, segment, sparse_segment, unsorted_segment, SegOp,
};
use crate::tensor::{DType, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

fn sorted(it: &mut Interp, op: SegOp, data: &Value, segment_ids: &Value) -> R<Value> {
    let d = to_tensor(it, data, None)?;
    let ids = to_tensor(it, segment_ids, None)?;
    t(segment(op, &d, &ids)?)
}

/// The float types TensorFlow's `sqrt` takes (unsorted_segment_sqrt_n divides by one).
const SQRT_TYPES: &str = "bfloat16, half, float, double, complex64, complex128";

fn unsorted(
    it: &mut Interp,
    op: SegOp,
    data: &Value,
    segment_ids: &Value,
    num_segments: &Value,
) -> R<Value> {
    let mut d = to_tensor(it, data, None)?;
    let ids = to_tensor(it, segment_ids, None)?;
    let n = to_tensor(it, num_segments, None)?;
    match op {
        // The sum over the counts, divided as Python's `/` divides: ints give float64.
        SegOp::Mean if !d.dtype().is_float() && d.dtype() != DType::Bool => d = d.cast(DType::F64),
        SegOp::SqrtN => require_float(&d, SQRT_TYPES)?,
        _ => {}
    }
    t(unsorted_segment(op, &d, &ids, &n)?)
}

fn sparse(
    it: &mut Interp,
    op: SegOp,
    data: &Value,
    indices: &Value,
    segment_ids: &Value,
    num_segments: Value,
) -> R<Value> {
    let d = to_tensor(it, data, None)?;
    if op != SegOp::Sum {
        require_float(&d, "bfloat16, half, float, double")?;
    }
    let idx = to_tensor(it, indices, None)?;
    let ids = to_tensor(it, segment_ids, None)?;
    let n = match given(num_segments) {
        Some(v) => Some(super::convert::int_input(&v, "num_segments")?),
        None => None,
    };
    t(sparse_segment(op, &d, &idx, &ids, n)?)
}

crate::builtin! {
    /// Computes the sum along segments of a tensor.
    python ["tf.math.segment_sum"]
    fn segment_sum(it, data, segment_ids, name = None) {
        sorted(it, SegOp::Sum, &data, &segment_ids)
    }
}

crate::builtin! {
    /// Computes the mean along segments of a tensor.
    python ["tf.math.segment_mean"]
    fn segment_mean(it, data, segment_ids, name = None) {
        sorted(it, SegOp::Mean, &data, &segment_ids)
    }
}

crate::builtin! {
    /// Computes the maximum along segments of a tensor.
    python ["tf.math.segment_max"]
    fn segment_max(it, data, segment_ids, name = None) {
        sorted(it, SegOp::Max, &data, &segment_ids)
    }
}

crate::builtin! {
    /// Computes the minimum along segments of a tensor.
    python ["tf.math.segment_min"]
    fn segment_min(it, data, segment_ids, name = None) {
        sorted(it, SegOp::Min, &data, &segment_ids)
    }
}

crate::builtin! {
    /// Computes the product along segments of a tensor.
    python ["tf.math.segment_prod"]
    fn segment_prod(it, data, segment_ids, name = None) {
        sorted(it, SegOp::Prod, &data, &segment_ids)
    }
}

crate::builtin! {
    /// Computes the sum along segments of a tensor.
    python ["tf.math.unsorted_segment_sum"]
    fn unsorted_segment_sum(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::Sum, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the mean along segments of a tensor.
    python ["tf.math.unsorted_segment_mean"]
    fn unsorted_segment_mean(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::Mean, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the sum along segments of a tensor divided by the sqrt(N).
    python ["tf.math.unsorted_segment_sqrt_n"]
    fn unsorted_segment_sqrt_n(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::SqrtN, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the maximum along segments of a tensor.
    python ["tf.math.unsorted_segment_max"]
    fn unsorted_segment_max(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::Max, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the minimum along segments of a tensor.
    python ["tf.math.unsorted_segment_min"]
    fn unsorted_segment_min(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::Min, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the product along segments of a tensor.
    python ["tf.math.unsorted_segment_prod"]
    fn unsorted_segment_prod(it, data, segment_ids, num_segments, name = None) {
        unsorted(it, SegOp::Prod, &data, &segment_ids, &num_segments)
    }
}

crate::builtin! {
    /// Computes the sum along sparse segments of a tensor.
    python ["tf.sparse.segment_sum"]
    fn sparse_segment_sum_v2(
        it, data, indices, segment_ids, num_segments = None, name = None, sparse_gradient = False
    ) {
        sparse(it, SegOp::Sum, &data, &indices, &segment_ids, num_segments)
    }
}

crate::builtin! {
    /// Computes the mean along sparse segments of a tensor.
    python ["tf.sparse.segment_mean"]
    fn sparse_segment_mean_v2(
        it, data, indices, segment_ids, num_segments = None, name = None, sparse_gradient = False
    ) {
        sparse(it, SegOp::Mean, &data, &indices, &segment_ids, num_segments)
    }
}

crate::builtin! {
    /// Computes the sum along sparse segments of a tensor divided by the sqrt(N).
    python ["tf.sparse.segment_sqrt_n"]
    fn sparse_segment_sqrt_n_v2(
        it, data, indices, segment_ids, num_segments = None, name = None, sparse_gradient = False
    ) {
        sparse(it, SegOp::SqrtN, &data, &indices, &segment_ids, num_segments)
    }
}
