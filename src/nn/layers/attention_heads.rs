//! The arithmetic of `MultiHeadAttention`: the dense projections (Keras's `EinsumDense`
//! sublayers `query`, `key`, `value`, `attention_output`), the einsum equations of the
//! query-key product and of the combination over any attention axes (built as Keras builds
//! them), and the masked softmax over the attention axes (`-1e9` added where masked).
//! Only recorded tensor ops, so gradients come from the tape.

use crate::tensor::error::invalid_arg;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::{einsum::einsum, linalg, nn, shape as sh};
use crate::tensor::{DType, TResult, Tensor};

const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

/// The einsum equations of one attention layout.
#[derive(Clone)]
pub struct Equations {
    /// `key, query -> scores`.
    pub dot: String,
    /// `scores, value -> output`.
    pub combine: String,
    /// The attention axes of the projected inputs (batch, ..., heads, channels).
    pub axes: Vec<usize>,
}

/// The equations for projected inputs of rank `rank` attending over `axes`.
pub fn equations(rank: usize, axes: &[usize]) -> Equations {
    let letter = |i: usize| LETTERS[i % LETTERS.len()] as char;
    let target: Vec<char> = (0..rank).map(letter).collect();
    let batch: Vec<usize> = (0..rank)
        .filter(|i| !axes.contains(i) && *i != rank - 1)
        .collect();
    let mut offset = rank;
    let mut source = Vec::with_capacity(rank);
    for (i, &t) in target.iter().enumerate() {
        if batch.contains(&i) || i == rank - 1 {
            source.push(t);
        } else {
            source.push(letter(offset));
            offset += 1;
        }
    }
    let product: String = batch
        .iter()
        .map(|&i| target[i])
        .chain(axes.iter().map(|&i| target[i]))
        .chain(axes.iter().map(|&i| source[i]))
        .collect();
    let source: String = source.into_iter().collect();
    let target: String = target.into_iter().collect();
    Equations {
        dot: format!("{},{}->{}", source, target, product),
        combine: format!("{},{}->{}", product, source, target),
        axes: axes.to_vec(),
    }
}

/// A dense projection contracting the last `bound` axes of `x` with the first `bound` of
/// `kernel`: `(..., bound dims) -> (..., kernel's other dims)`, plus `bias`.
pub fn project(
    x: &Tensor,
    kernel: &Tensor,
    bias: Option<&Tensor>,
    bound: usize,
) -> TResult<Tensor> {
    let xs = x.shape();
    let ks = kernel.shape();
    if xs.len() < bound || ks.len() < bound || xs[xs.len() - bound..] != ks[..bound] {
        return Err(invalid_arg(format!(
            "Expected dimension {} at axis 0 of the input shaped {} but got dimension {} [Op:Einsum]",
            ks.first().copied().unwrap_or(0),
            dims_list(ks),
            xs.last().copied().unwrap_or(0)
        )));
    }
    let free = &xs[..xs.len() - bound];
    let inner: usize = ks[..bound].iter().product();
    let outer: Vec<usize> = ks[bound..].to_vec();
    let n_out: usize = outer.iter().product();
    let flat = sh::reshape_to(&x.contiguous(), &[free.iter().product(), inner]);
    let k2 = sh::reshape_to(&kernel.contiguous(), &[inner, n_out]);
    let mut y = linalg::matmul(&flat, &k2, false, false)?;
    let mut shape = free.to_vec();
    shape.extend(&outer);
    y = sh::reshape_to(&y, &shape);
    if let Some(b) = bias {
        y = ew::binary(Binary::Add, &y, b)?;
    }
    Ok(y)
}

fn dims_list(d: &[usize]) -> String {
    let parts: Vec<String> = d.iter().map(|x| x.to_string()).collect();
    format!("[{}]", parts.join(","))
}

/// `einsum(dot, key, query)`: the raw scores.
pub fn dot_scores(eq: &Equations, key: &Tensor, query: &Tensor) -> TResult<Tensor> {
    einsum(&eq.dot, &[key.clone(), query.clone()])
}

/// `einsum(combine, scores, value)`.
pub fn combine(eq: &Equations, scores: &Tensor, value: &Tensor) -> TResult<Tensor> {
    einsum(&eq.combine, &[scores.clone(), value.clone()])
}

/// Keras's `_masked_softmax`: the mask gets the scores' rank by axes inserted before the
/// attention axes, masked positions get `-1e9`, then the softmax over the last
/// `n_axes` axes.
pub fn masked_softmax(scores: &Tensor, mask: Option<&Tensor>, n_axes: usize) -> TResult<Tensor> {
    let mut s = scores.clone();
    if let Some(m) = mask {
        let mut m = m.clone();
        let at = -(n_axes as i64) * 2 - 1;
        while m.ndim() < s.ndim() {
            m = sh::expand_dims(&m, at)?;
        }
        let keep = m.cast(DType::F32);
        let off = ew::binary(Binary::Sub, &Tensor::scalar(1.0f32), &keep)?;
        let adder = ew::binary(Binary::Mul, &off, &Tensor::scalar(-1.0e9f32))?;
        s = ew::binary(Binary::Add, &s, &adder)?;
    }
    if n_axes <= 1 {
        return nn::softmax(&s, -1, false);
    }
    let shape = s.shape().to_vec();
    let lead = shape.len() - n_axes;
    let mut flat: Vec<usize> = shape[..lead].to_vec();
    flat.push(shape[lead..].iter().product());
    let y = nn::softmax(&sh::reshape_to(&s.contiguous(), &flat), -1, false)?;
    Ok(sh::reshape_to(&y, &shape))
}

/// The `[1, Tq, Tv]` causal mask of MultiHeadAttention (lower triangle, query step i sees
/// value steps j <= i).
pub fn causal(tq: usize, tv: usize) -> Tensor {
    super::dense_attention::causal_mask(tq, tv)
}

/// `a & b` for optional bool masks (broadcasting).
pub fn and(a: Option<Tensor>, b: Tensor) -> TResult<Tensor> {
    match a {
        Some(a) => ew::logical(ew::Logical::And, &a, &b),
        None => Ok(b),
    }
}
