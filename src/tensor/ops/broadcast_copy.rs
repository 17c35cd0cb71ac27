//! The kernel of `broadcast_to` over a contiguous source: the output is runs of the source,
//! copied (the trailing axes the source has whole) or filled (the trailing axes it has as
//! 1), written on both cores for large outputs. A mean's gradient spreads one number over
//! its input this way; ndarray's broadcast view copied element by element on one thread.

use super::parallel::{assume_init, uninit_vec, PAR_MIN};
use rayon::prelude::*;
use std::mem::MaybeUninit;

/// `src` (contiguous, shape `from`) broadcast to `to`; None when `from` does not broadcast
/// to `to` (the caller raises).
pub fn broadcast<T: Copy + Send + Sync>(src: &[T], from: &[usize], to: &[usize]) -> Option<Vec<T>> {
    let nd = to.len();
    if from.len() > nd || src.len() != from.iter().product::<usize>() {
        return None;
    }
    let lead = nd - from.len();
    let dims: Vec<usize> = (0..nd)
        .map(|i| if i < lead { 1 } else { from[i - lead] })
        .collect();
    if dims.iter().zip(to).any(|(&d, &t)| d != 1 && d != t) {
        return None;
    }
    let total: usize = to.iter().product();
    if total == 0 {
        return Some(Vec::new());
    }
    // Source strides (elements) over the output's axes; 0 where the axis is broadcast.
    let mut strides = vec![0usize; nd];
    let mut s = 1;
    for i in (0..nd).rev() {
        strides[i] = if dims[i] == 1 { 0 } else { s };
        s *= dims[i];
    }
    // The longest trailing block that is one run of the output: copied whole from the
    // source, or one source element repeated.
    let same = (0..=nd)
        .rev()
        .take_while(|&j| j == nd || dims[j] == to[j])
        .last()
        .unwrap_or(nd);
    let ones = (0..=nd)
        .rev()
        .take_while(|&j| j == nd || dims[j] == 1)
        .last()
        .unwrap_or(nd);
    let (split, fill) =
        if to[ones..].iter().product::<usize>() > to[same..].iter().product::<usize>() {
            (ones, true)
        } else {
            (same, false)
        };
    let run: usize = to[split..].iter().product();
    let outer_shape = &to[..split];
    let start = |mut o: usize| {
        let mut at = 0;
        for i in (0..outer_shape.len()).rev() {
            at += (o % outer_shape[i]) * strides[i];
            o /= outer_shape[i];
        }
        at
    };
    // Elements `k..k + dst.len()` of run `o`.
    let write = |o: usize, k: usize, dst: &mut [MaybeUninit<T>]| {
        let at = start(o);
        if fill {
            let v = src[at];
            dst.iter_mut().for_each(|d| {
                d.write(v);
            });
        } else {
            let n = dst.len();
            for (d, &v) in dst.iter_mut().zip(&src[at + k..at + k + n]) {
                d.write(v);
            }
        }
    };
    let mut out = uninit_vec::<T>(total);
    if total < PAR_MIN {
        for (o, dst) in out.chunks_mut(run).enumerate() {
            write(o, 0, dst);
        }
    } else if run < PAR_MIN {
        out.par_chunks_mut(run)
            .enumerate()
            .for_each(|(o, dst)| write(o, 0, dst));
    } else {
        // Few long runs: each split in pieces, so both cores get work.
        out.par_chunks_mut(run).enumerate().for_each(|(o, dst)| {
            dst.par_chunks_mut(PAR_MIN)
                .enumerate()
                .for_each(|(i, d)| write(o, i * PAR_MIN, d));
        });
    }
    // SAFETY: the runs (and their pieces) cover the output, and each wrote all of its
    // elements.
    Some(unsafe { assume_init(out) })
}
