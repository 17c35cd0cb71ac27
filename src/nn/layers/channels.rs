//! `data_format='channels_first'`: the layers compute on channels-last data, so a
//! channels-first layer's input is transposed to channels last before its kernel runs and
//! the result transposed back ([`super::super::layer::Layer`] does this for every kind that
//! says it is channels first).

use crate::tensor::error::TResult;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

fn to_last_perm(n: usize) -> Vec<i64> {
    let mut p = vec![0i64];
    p.extend((2..n as i64).chain([1]));
    p
}

fn to_first_perm(n: usize) -> Vec<i64> {
    let mut p = vec![0i64, n as i64 - 1];
    p.extend(1..n as i64 - 1);
    p
}

/// `[n, c, d1, d2]` to `[n, d1, d2, c]`.
pub fn to_last(x: &Tensor) -> TResult<Tensor> {
    if x.ndim() < 3 {
        return Ok(x.clone());
    }
    sh::transpose(x, Some(&to_last_perm(x.ndim())))
}

/// `[n, d1, d2, c]` to `[n, c, d1, d2]`.
pub fn to_first(x: &Tensor) -> TResult<Tensor> {
    if x.ndim() < 3 {
        return Ok(x.clone());
    }
    sh::transpose(x, Some(&to_first_perm(x.ndim())))
}

/// A shape's channels-first dims in channels-last order.
pub fn shape_to_last<T: Clone>(s: &[T]) -> Vec<T> {
    if s.len() < 3 {
        return s.to_vec();
    }
    to_last_perm(s.len())
        .iter()
        .map(|&i| s[i as usize].clone())
        .collect()
}

/// A shape's channels-last dims in channels-first order.
pub fn shape_to_first<T: Clone>(s: &[T]) -> Vec<T> {
    if s.len() < 3 {
        return s.to_vec();
    }
    to_first_perm(s.len())
        .iter()
        .map(|&i| s[i as usize].clone())
        .collect()
}
