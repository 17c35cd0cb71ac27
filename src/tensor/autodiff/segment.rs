//! Gradients of the segment reductions, TensorFlow's rules (`math_grad.py`): each data row
//! takes its segment's output gradient, scaled by a weight: 1 for sums, one over the count
//! for means, one over its root for sqrt_n, an equal share among the rows that tie for a
//! max or min, and the product of the others (with TensorFlow's care for zeros) for prod.
//! The sparse forms add each picked row's share back into the row it was picked from.

use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::segment::{unsorted_segment, Plan, SegOp};
use crate::tensor::ops::select::gather;
use crate::tensor::ops::shape::reshape_to;
use crate::tensor::{TResult, Tensor};

/// Each output segment's gradient spread back over the rows of `data`, times `weights`
/// (one per data element; rows in no segment weigh 0).
fn spread(
    data: &Tensor,
    plan: &Plan,
    g: &Tensor,
    seg_of_row: &[usize],
    weights: Vec<f64>,
) -> TResult<Tensor> {
    let rows = seg_of_row.len();
    if plan.num == 0 || rows == 0 {
        return Ok(Tensor::zeros(g.dtype(), data.shape()));
    }
    let g2 = reshape_to(g, &[plan.num, plan.inner]);
    let idx = Tensor::from_vec(
        &[rows],
        seg_of_row.iter().map(|&s| s as i64).collect::<Vec<i64>>(),
    );
    let picked = gather(&g2, &idx, 0)?;
    let w = Tensor::from_f64s(g.dtype(), &[rows, plan.inner], &weights);
    let out = ew::binary(Binary::Mul, &picked, &w)?;
    Ok(reshape_to(&out, data.shape()))
}

/// The gradient of `y = <op>_segment(data, ids)` (sorted or unsorted) for `data`.
pub fn segment_grad(
    op: SegOp,
    data: &Tensor,
    plan: &Plan,
    y: &Tensor,
    g: &Tensor,
) -> TResult<Tensor> {
    let inner = plan.inner;
    let rows = plan.rows;
    let mut seg_of_row = vec![0usize; rows];
    let mut in_seg = vec![false; rows];
    for &(r, s) in &plan.pairs {
        seg_of_row[r] = s;
        in_seg[r] = true;
    }
    let counts = plan.counts();
    let x = data.to_f64_vec();
    let yv = y.to_f64_vec();
    let mut w = vec![0f64; rows * inner];
    match op {
        SegOp::Sum | SegOp::Mean | SegOp::SqrtN => {
            for r in (0..rows).filter(|&r| in_seg[r]) {
                let n = counts[seg_of_row[r]] as f64;
                let v = match op {
                    SegOp::Sum => 1.0,
                    SegOp::Mean => 1.0 / n,
                    _ => 1.0 / n.sqrt(),
                };
                w[r * inner..(r + 1) * inner]
                    .iter_mut()
                    .for_each(|e| *e = v);
            }
        }
        SegOp::Max | SegOp::Min => {
            // The rows equal to their segment's result share its gradient equally.
            let mut ties = vec![0f64; plan.num * inner];
            for r in (0..rows).filter(|&r| in_seg[r]) {
                let s = seg_of_row[r];
                for j in 0..inner {
                    if x[r * inner + j] == yv[s * inner + j] {
                        w[r * inner + j] = 1.0;
                        ties[s * inner + j] += 1.0;
                    }
                }
            }
            for r in (0..rows).filter(|&r| in_seg[r]) {
                let s = seg_of_row[r];
                for j in 0..inner {
                    if w[r * inner + j] != 0.0 {
                        w[r * inner + j] /= ties[s * inner + j];
                    }
                }
            }
        }
        SegOp::Prod => {
            // Per segment and column: the zeros, and the product of the rest.
            let mut zeros = vec![0usize; plan.num * inner];
            let mut nonzero = vec![1f64; plan.num * inner];
            for r in (0..rows).filter(|&r| in_seg[r]) {
                let s = seg_of_row[r];
                for j in 0..inner {
                    let v = x[r * inner + j];
                    if v == 0.0 {
                        zeros[s * inner + j] += 1;
                    } else {
                        nonzero[s * inner + j] *= v;
                    }
                }
            }
            for r in (0..rows).filter(|&r| in_seg[r]) {
                let s = seg_of_row[r];
                for j in 0..inner {
                    let v = x[r * inner + j];
                    let k = s * inner + j;
                    w[r * inner + j] = match zeros[k] {
                        0 => nonzero[k] / v,
                        1 if v == 0.0 => nonzero[k],
                        _ => 0.0,
                    };
                }
            }
        }
    }
    spread(data, plan, g, &seg_of_row, w)
}

/// The gradient of `y = sparse_segment_<op>(data, indices, ids)` for `data`.
pub fn sparse_segment_grad(op: SegOp, data: &Tensor, plan: &Plan, g: &Tensor) -> TResult<Tensor> {
    let k = plan.pairs.len();
    if plan.num == 0 || k == 0 {
        return Ok(Tensor::zeros(g.dtype(), data.shape()));
    }
    let counts = plan.counts();
    let g2 = reshape_to(g, &[plan.num, plan.inner]);
    let segs = Tensor::from_vec(
        &[k],
        plan.pairs
            .iter()
            .map(|&(_, s)| s as i64)
            .collect::<Vec<i64>>(),
    );
    let weights: Vec<f64> = plan
        .pairs
        .iter()
        .map(|&(_, s)| {
            let n = counts[s] as f64;
            match op {
                SegOp::Mean => 1.0 / n,
                SegOp::SqrtN => 1.0 / n.sqrt(),
                _ => 1.0,
            }
        })
        .collect();
    let picked = gather(&g2, &segs, 0)?;
    let w = Tensor::from_f64s(g.dtype(), &[k, 1], &weights);
    let shares = ew::binary(Binary::Mul, &picked, &w)?;
    let rows = Tensor::from_vec(
        &[k],
        plan.pairs
            .iter()
            .map(|&(r, _)| r as i64)
            .collect::<Vec<i64>>(),
    );
    let n = Tensor::scalar(data.shape()[0] as i64);
    let back = unsorted_segment(SegOp::Sum, &shares, &rows, &n)?;
    Ok(reshape_to(&back, data.shape()))
}
