//! Whole-buffer loops: contiguous slices, split across both cores for large inputs, each
//! chunk compiled for the widest SIMD the CPU has (chosen at run time through pulp, so the
//! binary still runs on any x86-64).

use rayon::prelude::*;

/// Inputs smaller than this run on one thread.
pub const PAR_MIN: usize = 1 << 16;
const CHUNK: usize = 1 << 14;

/// `dst[i] = f(src[i])`.
pub fn map_into<A: Copy + Sync, O: Copy + Send>(
    src: &[A],
    dst: &mut [O],
    f: impl Fn(A) -> O + Sync + Send,
) {
    let run = |s: &[A], d: &mut [O]| {
        pulp::Arch::new().dispatch(
            #[inline(always)]
            || {
                for (o, &x) in d.iter_mut().zip(s) {
                    *o = f(x);
                }
            },
        )
    };
    if src.len() < PAR_MIN {
        run(src, dst);
    } else {
        dst.par_chunks_mut(CHUNK)
            .zip(src.par_chunks(CHUNK))
            .for_each(|(d, s)| run(s, d));
    }
}

/// `dst[i] = f(a[i], b[i])`.
pub fn zip_into<A: Copy + Sync, B: Copy + Sync, O: Copy + Send>(
    a: &[A],
    b: &[B],
    dst: &mut [O],
    f: impl Fn(A, B) -> O + Sync + Send,
) {
    let run = |x: &[A], y: &[B], d: &mut [O]| {
        pulp::Arch::new().dispatch(
            #[inline(always)]
            || {
                for ((o, &p), &q) in d.iter_mut().zip(x).zip(y) {
                    *o = f(p, q);
                }
            },
        )
    };
    if a.len() < PAR_MIN {
        run(a, b, dst);
    } else {
        dst.par_chunks_mut(CHUNK)
            .zip(a.par_chunks(CHUNK))
            .zip(b.par_chunks(CHUNK))
            .for_each(|((d, x), y)| run(x, y, d));
    }
}

/// Runs `f` over each of `rows` contiguous rows of `dst` (length `cols`), in parallel when
/// the whole is large.
pub fn rows_mut<T: Send>(dst: &mut [T], cols: usize, f: impl Fn(usize, &mut [T]) + Sync + Send) {
    if cols == 0 {
        return;
    }
    if dst.len() < PAR_MIN {
        for (i, row) in dst.chunks_mut(cols).enumerate() {
            f(i, row);
        }
    } else {
        dst.par_chunks_mut(cols)
            .enumerate()
            .for_each(|(i, row)| f(i, row));
    }
}
