//! Gradients of the ops that only move elements: slicing, gathering, transposing, joining,
//! splitting, tiling, padding, reversing, sorting. One rule covers them all: run the op
//! again on tensors of element numbers (an "iota" per input, numbered on from the previous
//! input's end), which says where each output element came from, then add the output
//! gradient back into those places. Elements that came from nowhere (padding) are -1.

use super::tape::record;
use crate::tensor::{DType, Elem, TResult, Tensor};
use crate::with_float;

/// The element numbers of tensors of these shapes, the k-th starting where the last ended.
fn iotas(shapes: &[Vec<usize>]) -> Vec<Tensor> {
    let mut start = 0i64;
    shapes
        .iter()
        .map(|s| {
            let n: usize = s.iter().product();
            let t = Tensor::from_vec(s, (start..start + n as i64).collect::<Vec<i64>>());
            start += n as i64;
            t
        })
        .collect()
}

/// Adds each element of `g` at the place `idx` names, in a flat buffer of `total` elements.
fn scatter_add(idx: &Tensor, g: &Tensor, total: usize) -> Tensor {
    fn go<T: Elem>(idx: &[i64], g: &ndarray::ArcArray<T, ndarray::IxDyn>, total: usize) -> Tensor {
        let mut acc = vec![0f64; total];
        let mut add = |i: i64, v: f64| {
            if i >= 0 && (i as usize) < total {
                acc[i as usize] += v;
            }
        };
        match g.as_slice() {
            Some(s) => idx.iter().zip(s).for_each(|(&i, v)| add(i, v.to_f64())),
            None => idx
                .iter()
                .zip(g.iter())
                .for_each(|(&i, v)| add(i, v.to_f64())),
        }
        Tensor::from_vec(&[total], acc.into_iter().map(T::from_f64).collect())
    }
    let idx = idx.to_i64_vec();
    with_float!(&g.data, a => go(&idx, a, total), Tensor::zeros(DType::F32, &[total]))
}

/// Records `out = op(inputs)` for an op that only moves elements; `op` recomputes it from
/// any tensors of the inputs' shapes (it is called on element numbers for the gradient).
pub fn record_moves<F>(inputs: &[&Tensor], out: Tensor, op: F) -> Tensor
where
    F: Fn(&[Tensor]) -> TResult<Tensor> + 'static,
{
    record(inputs, out, move |xs, _y, g| {
        let shapes: Vec<Vec<usize>> = xs.iter().map(|x| x.shape().to_vec()).collect();
        let idx = op(&iotas(&shapes))?;
        let sizes: Vec<usize> = shapes.iter().map(|s| s.iter().product()).collect();
        let flat = scatter_add(&idx, g, sizes.iter().sum());
        let mut start = 0;
        Ok(xs
            .iter()
            .zip(&sizes)
            .map(|(x, &n)| {
                let part = crate::tensor::ops::shape::slice_axis(&flat, 0, start, start + n);
                start += n;
                x.dtype()
                    .is_float()
                    .then(|| crate::tensor::ops::shape::reshape_to(&part, x.shape()))
            })
            .collect())
    })
}

/// Records an op that only moves the elements of its first input; the others (indices,
/// masks) pass through unchanged when it is recomputed.
pub fn record_moves_first<F>(inputs: &[&Tensor], out: Tensor, op: F) -> Tensor
where
    F: Fn(&Tensor) -> TResult<Tensor> + 'static,
{
    let moved = inputs[0];
    record(&[moved], out, move |xs, _y, g| {
        let shape = xs[0].shape().to_vec();
        let idx = op(&iotas(std::slice::from_ref(&shape))[0])?;
        let flat = scatter_add(&idx, g, shape.iter().product());
        Ok(vec![Some(crate::tensor::ops::shape::reshape_to(
            &flat, &shape,
        ))])
    })
}
