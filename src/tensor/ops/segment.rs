//! Segment reductions: `segment_*` (sorted ids), `unsorted_segment_*` (any order, negative
//! ids dropped) and `sparse_segment_*` (rows picked by `indices`, then reduced by sorted
//! ids). Each reduces rows of `data` into the segments the ids name, with TensorFlow's
//! kernel checks in its order and words; the reductions run in float64 and are cast back.

use crate::tensor::autodiff::record;
use crate::tensor::autodiff::segment::segment_grad;
use crate::tensor::error::{invalid_arg, op_error, TResult, TfError};
use crate::tensor::{DType, Tensor};

/// How a segment's rows combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegOp {
    Sum,
    Mean,
    /// The sum divided by the square root of the row count.
    SqrtN,
    Max,
    Min,
    Prod,
}

impl SegOp {
    fn word(self) -> &'static str {
        match self {
            SegOp::Sum => "Sum",
            SegOp::Mean => "Mean",
            SegOp::SqrtN => "SqrtN",
            SegOp::Max => "Max",
            SegOp::Min => "Min",
            SegOp::Prod => "Prod",
        }
    }
}

/// Rows of `data` assigned to segments: `pairs[k] = (row, segment)`; the output has `num`
/// segments, each of `inner` elements.
pub(crate) struct Plan {
    pub pairs: Vec<(usize, usize)>,
    /// How many rows the data has.
    pub rows: usize,
    pub num: usize,
    pub inner: usize,
    /// The shape of one output row (the data's shape after the id dimensions).
    pub row_shape: Vec<usize>,
}

impl Plan {
    /// How many rows each segment receives.
    pub fn counts(&self) -> Vec<usize> {
        let mut c = vec![0usize; self.num];
        for &(_, s) in &self.pairs {
            c[s] += 1;
        }
        c
    }
}

/// Where an empty segment starts from (and what it stays).
fn empty_value(op: SegOp, dtype: DType, unsorted: bool) -> f64 {
    match (op, unsorted) {
        (SegOp::Prod, _) => 1.0,
        (SegOp::Max, true) => lowest(dtype),
        (SegOp::Min, true) => -lowest(dtype),
        _ => 0.0,
    }
}

/// The dtype's lowest finite value; the highest is its negation but for ints (off by one).
fn lowest(dtype: DType) -> f64 {
    match dtype {
        DType::F32 => f32::MIN as f64,
        DType::F64 => f64::MIN,
        DType::I32 => i32::MIN as f64,
        DType::I64 => i64::MIN as f64,
        DType::F16 => half::f16::MIN.to_f64(),
        DType::BF16 => half::bf16::MIN.to_f64(),
        DType::I8 => i8::MIN as f64,
        DType::I16 => i16::MIN as f64,
        _ => 0.0,
    }
}

/// The reduction over a plan, in float64: the output rows and the count per segment.
fn reduce_plan(op: SegOp, data: &Tensor, plan: &Plan, unsorted: bool) -> Vec<f64> {
    let vals = data.to_f64_vec();
    let inner = plan.inner;
    let mut out = vec![0f64; plan.num * inner];
    let mut seen = vec![false; plan.num];
    for &(r, s) in &plan.pairs {
        let src = &vals[r * inner..(r + 1) * inner];
        let dst = &mut out[s * inner..(s + 1) * inner];
        if !seen[s] {
            dst.copy_from_slice(src);
            seen[s] = true;
            continue;
        }
        for (d, &x) in dst.iter_mut().zip(src) {
            *d = match op {
                SegOp::Sum | SegOp::Mean | SegOp::SqrtN => *d + x,
                SegOp::Prod => *d * x,
                SegOp::Max if x > *d || x.is_nan() => x,
                SegOp::Min if x < *d || x.is_nan() => x,
                _ => *d,
            };
        }
    }
    let counts = plan.counts();
    let empty = empty_value(op, data.dtype(), unsorted);
    let int = !data.dtype().is_float();
    for (s, row) in out.chunks_mut(inner.max(1)).enumerate().take(plan.num) {
        if !seen[s] {
            row.iter_mut().for_each(|v| *v = empty);
            continue;
        }
        let n = counts[s] as f64;
        let scale = match op {
            SegOp::Mean => n,
            SegOp::SqrtN => n.sqrt(),
            _ => continue,
        };
        for v in row.iter_mut() {
            *v /= scale;
            if int {
                *v = v.trunc();
            }
        }
    }
    out
}

/// Runs `op` over `plan` and records its gradient.
fn run(op: SegOp, data: &Tensor, plan: Plan, unsorted: bool) -> TResult<Tensor> {
    let mut shape = vec![plan.num];
    shape.extend_from_slice(&plan.row_shape);
    let kernel = format!(
        "{}Segment{}",
        if unsorted { "Unsorted" } else { "" },
        op.word()
    );
    crate::tensor::alloc::check(&shape, data.dtype(), &kernel)?;
    let out = reduce_plan(op, data, &plan, unsorted);
    let out = Tensor::from_f64s(data.dtype(), &shape, &out);
    let plan = std::rc::Rc::new(plan);
    Ok(record(&[data], out, move |x, y, g| {
        Ok(vec![Some(segment_grad(op, &x[0], &plan, y, g)?)])
    }))
}

/// Fails unless `data` has a float dtype (TensorFlow's mean and sqrt_n kernels).
pub fn require_float(data: &Tensor, list: &str) -> TResult<()> {
    if data.dtype().is_float() {
        return Ok(());
    }
    Err(invalid_arg(format!(
        "Value for attr 'T' of {} is not in the list of allowed values: {}",
        data.dtype().kind_word(),
        list
    )))
}

/// Fails unless `ids` hold integers (`attr` is TensorFlow's attribute name).
pub fn require_int_ids(ids: &Tensor, attr: &str) -> TResult<()> {
    require_int(ids, attr, "int32, int64")
}

/// Fails unless `ids` hold integers of the `allowed` types.
fn require_int(ids: &Tensor, attr: &str, allowed: &str) -> TResult<()> {
    if matches!(ids.dtype(), DType::I32 | DType::I64) {
        return Ok(());
    }
    Err(invalid_arg(format!(
        "Value for attr '{}' of {} is not in the list of allowed values: {}",
        attr,
        ids.dtype().kind_word(),
        allowed
    )))
}

fn no_bool(data: &Tensor) -> TResult<()> {
    if data.dtype() == DType::Bool {
        return Err(invalid_arg("Value for attr 'T' of bool is not in the list of allowed values: float, double, int32, uint8, int16, int8, complex64, int64, qint8, quint8, qint32, bfloat16, qint16, quint16, uint16, complex128, half, uint32, uint64"));
    }
    Ok(())
}

/// Walks sorted ids as TensorFlow's kernels do: each run of equal ids is one segment, ids
/// must grow from run to run and lie in `[0, rows)`.
fn sorted_runs(fail: &dyn Fn(String) -> TfError, ids: &[i64], rows: i64) -> TResult<()> {
    let n = ids.len();
    if n == 0 {
        return Ok(());
    }
    let mut end = 1usize;
    let mut out_index = ids[0];
    while end <= n {
        if end < n {
            let next = ids[end];
            if next == out_index {
                end += 1;
                continue;
            }
            if out_index >= next {
                return Err(fail("segment ids are not increasing".into()));
            }
        }
        if out_index < 0 || out_index >= rows {
            return Err(fail(format!(
                "Segment id {} out of range [0, {}), possibly because 'segment_ids' input is not sorted.",
                out_index, rows
            )));
        }
        if end >= n {
            break;
        }
        out_index = ids[end];
        end += 1;
    }
    Ok(())
}

/// `tf.math.segment_<op>(data, segment_ids)`.
pub fn segment(op: SegOp, data: &Tensor, ids: &Tensor) -> TResult<Tensor> {
    require_int_ids(ids, "Tindices")?;
    no_bool(data)?;
    let kernel = format!("Segment{}", op.word());
    let fail = |m: String| op_error(&kernel, &kernel, m, None);
    if data.ndim() < 1 {
        return Err(fail("input must be at least rank 1".into()));
    }
    if ids.ndim() != 1 {
        return Err(fail("segment_ids should be a vector.".into()));
    }
    let idv = ids.to_i64_vec();
    if idv.len() != data.shape()[0] {
        return Err(fail(
            "segment_ids should be the same size as dimension 0 of input.".into(),
        ));
    }
    let rows = idv.last().map(|&l| l.saturating_add(1)).unwrap_or(0);
    if idv.last().is_some_and(|&l| l < 0) {
        return Err(fail("segment ids must be >= 0".into()));
    }
    sorted_runs(&fail, &idv, rows)?;
    let plan = Plan {
        pairs: idv
            .iter()
            .enumerate()
            .map(|(r, &s)| (r, s as usize))
            .collect(),
        rows: idv.len(),
        num: rows as usize,
        inner: data.shape()[1..].iter().product(),
        row_shape: data.shape()[1..].to_vec(),
    };
    run(op, data, plan, false)
}

/// TensorFlow's `TensorShape::DebugString`: `[2,3]`.
fn dims(shape: &[usize]) -> String {
    let d: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("[{}]", d.join(","))
}

/// `tf.math.unsorted_segment_<op>(data, segment_ids, num_segments)` for sum, max, min and
/// prod; mean and sqrt_n divide the sum by the row counts (errors name the sum's kernel).
pub fn unsorted_segment(
    op: SegOp,
    data: &Tensor,
    ids: &Tensor,
    num_segments: &Tensor,
) -> TResult<Tensor> {
    require_int(ids, "Tindices", "int16, int32, int64")?;
    require_int_ids(num_segments, "Tnumsegments")?;
    no_bool(data)?;
    let word = match op {
        SegOp::Mean | SegOp::SqrtN => "Sum",
        o => o.word(),
    };
    let kernel = format!("UnsortedSegment{}", word);
    let fail = |m: String| op_error(&kernel, &kernel, m, None);
    if num_segments.ndim() != 0 {
        return Err(fail(format!(
            "num_segments should be a scalar, not shape {}",
            dims(num_segments.shape())
        )));
    }
    let ish = ids.shape();
    if data.ndim() < ids.ndim() || data.shape()[..ids.ndim()] != *ish {
        return Err(fail(format!(
            "data.shape = {} does not start with segment_ids.shape = {}",
            dims(data.shape()),
            dims(ish)
        )));
    }
    let num = num_segments.item_i64().unwrap_or(0);
    if num < 0 {
        return Err(fail(format!(
            "Input num_segments == {} must not be negative.",
            num
        )));
    }
    let idv = ids.to_i64_vec();
    let mut pairs = Vec::with_capacity(idv.len());
    for (r, &s) in idv.iter().enumerate() {
        if s < 0 {
            continue;
        }
        if s >= num {
            let mut at = vec![0usize; ish.len()];
            let mut rem = r;
            for d in (0..ish.len()).rev() {
                at[d] = rem % ish[d];
                rem /= ish[d];
            }
            return Err(fail(format!(
                "segment_ids{} = {} is out of range [0, {})",
                dims(&at),
                s,
                num
            )));
        }
        pairs.push((r, s as usize));
    }
    let row_shape = data.shape()[ids.ndim()..].to_vec();
    let plan = Plan {
        pairs,
        rows: idv.len(),
        num: num as usize,
        inner: row_shape.iter().product(),
        row_shape,
    };
    run(op, data, plan, true)
}

/// `tf.sparse.segment_<op>(data, indices, segment_ids, num_segments)` for sum, mean and
/// sqrt_n: the rows `indices` name, reduced by sorted `segment_ids`.
pub fn sparse_segment(
    op: SegOp,
    data: &Tensor,
    indices: &Tensor,
    ids: &Tensor,
    num_segments: Option<i64>,
) -> TResult<Tensor> {
    require_int_ids(indices, "Tidx")?;
    require_int_ids(ids, "Tsegmentids")?;
    let kernel = format!(
        "SparseSegment{}{}",
        op.word(),
        if num_segments.is_some() {
            "WithNumSegments"
        } else {
            ""
        }
    );
    let fail = |m: String| op_error(&kernel, &kernel, m, None);
    if indices.ndim() != 1 {
        return Err(fail("indices should be a vector.".into()));
    }
    if ids.ndim() != 1 {
        return Err(fail("segment_ids should be a vector.".into()));
    }
    if data.ndim() < 1 {
        return Err(fail("Shape must be at least rank 1 but is rank 0".into()));
    }
    let idx = indices.to_i64_vec();
    let idv = ids.to_i64_vec();
    if idx.len() != idv.len() {
        return Err(fail(
            "segment_ids and indices should have same size.".into(),
        ));
    }
    let last = idv.last().copied().unwrap_or(-1);
    let mut rows = last.saturating_add(1);
    if let Some(n) = num_segments {
        if n < rows {
            return Err(fail("segment ids must be < num_segments".into()));
        }
        rows = n;
    }
    if rows < 0 || (num_segments.is_none() && last < 0 && !idv.is_empty()) {
        return Err(fail("segment ids must be >= 0".into()));
    }
    sorted_runs(&fail, &idv, rows)?;
    let n = data.shape()[0] as i64;
    let mut pairs = Vec::with_capacity(idx.len());
    for (k, (&i, &s)) in idx.iter().zip(&idv).enumerate() {
        if i < 0 || i >= n {
            return Err(fail(format!(
                "Bad: indices[{}] == {} out of range [0, {})",
                k, i, n
            )));
        }
        pairs.push((i as usize, s as usize));
    }
    let row_shape = data.shape()[1..].to_vec();
    let plan = Plan {
        pairs,
        rows: n as usize,
        num: rows as usize,
        inner: row_shape.iter().product(),
        row_shape,
    };
    let mut shape = vec![plan.num];
    shape.extend_from_slice(&plan.row_shape);
    crate::tensor::alloc::check(&shape, data.dtype(), &kernel)?;
    let out = reduce_plan(op, data, &plan, false);
    let out = Tensor::from_f64s(data.dtype(), &shape, &out);
    let plan = std::rc::Rc::new(plan);
    Ok(record(&[data], out, move |x, _y, g| {
        Ok(vec![Some(
            crate::tensor::autodiff::segment::sparse_segment_grad(op, &x[0], &plan, g)?,
        )])
    }))
}
