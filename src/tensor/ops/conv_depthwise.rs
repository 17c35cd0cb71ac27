//! The depthwise convolution kernels (one input channel per group, `m` filters each, as
//! `DepthwiseConv2D` and the first half of `SeparableConv2D` run): a product per group would
//! be a matrix of one column, so these loop over the window directly, channels innermost
//! (contiguous in NHWC and in the filter), with fused multiply-adds as the GEMM kernels use,
//! compiled for the widest SIMD the CPU has and split over both cores like the other
//! convolution kernels.

use super::conv::Real;
use super::conv_blocks::{chunks, sum_parts, Plan, PARTS};
use super::parallel::vectorized;
use crate::tensor::interrupt;

/// `acc[ch * m + j] += xs[ch] * fs[ch * m + j]` for every channel and multiplier.
#[inline(always)]
fn madd<T: Real>(acc: &mut [T], xs: &[T], fs: &[T], m: usize) {
    if m == 1 {
        for ((a, &x), &f) in acc.iter_mut().zip(xs).zip(fs) {
            *a = x.fma(f, *a);
        }
    } else {
        for ((a, &x), f) in acc.chunks_mut(m).zip(xs).zip(fs.chunks(m)) {
            for (a, &f) in a.iter_mut().zip(f) {
                *a = x.fma(f, *a);
            }
        }
    }
}

fn rows_per_chunk(p: &Plan) -> usize {
    (1 << 14) / (p.g.c * p.og).max(1) + 1
}

/// The depthwise convolution `[n, oh, ow, c * m]`; None when interrupted.
pub fn forward<T: Real>(x: &[T], f: &[T], p: &Plan) -> Option<Vec<T>> {
    let (c, m) = (p.g.c, p.og);
    let out = c * m;
    let mut y = vec![T::default(); p.g.rows() * out];
    let rows = rows_per_chunk(p);
    let done = chunks(&mut y, rows * out, p.parallel(), |ci, yb, _: &mut ()| {
        vectorized(
            #[inline(always)]
            || {
                for (i, acc) in yb.chunks_mut(out).enumerate() {
                    p.taps(ci * rows + i, |pix, tap| {
                        madd(acc, &x[pix * c..pix * c + c], &f[tap * out..][..out], m);
                    });
                }
            },
        )
    });
    done.then_some(y)
}

/// The gradient with respect to the input: each output gradient times the filter, added to
/// the pixel it came from; images in parallel.
pub fn input_grad<T: Real>(f: &[T], dy: &[T], p: &Plan) -> Option<Vec<T>> {
    let g = p.g;
    let (c, m) = (g.c, p.og);
    let out = c * m;
    let per_image = g.oh * g.ow;
    let mut dx = vec![T::default(); g.n * g.h * g.w * c];
    if m == 0 {
        return Some(dx);
    }
    let done = chunks(
        &mut dx,
        g.h * g.w * c,
        p.parallel(),
        |b, dxb, _: &mut ()| {
            vectorized(
                #[inline(always)]
                || {
                    for r in 0..per_image {
                        let row = b * per_image + r;
                        let gy = &dy[row * out..(row + 1) * out];
                        p.taps(row, |pix, tap| {
                            let local = pix - b * g.h * g.w;
                            let fs = &f[tap * out..][..out];
                            let d = &mut dxb[local * c..local * c + c];
                            if m == 1 {
                                for ((d, &gv), &fv) in d.iter_mut().zip(gy).zip(fs) {
                                    *d = gv.fma(fv, *d);
                                }
                            } else {
                                for ((d, gv), fv) in
                                    d.iter_mut().zip(gy.chunks(m)).zip(fs.chunks(m))
                                {
                                    let mut s = T::default();
                                    for (&a, &b) in gv.iter().zip(fv) {
                                        s = a.fma(b, s);
                                    }
                                    *d += s;
                                }
                            }
                        });
                    }
                },
            )
        },
    );
    done.then_some(dx)
}

/// The gradient with respect to the filter `[kh, kw, 1, c * m]`: summed over PARTS fixed
/// ranges of output rows in parallel, then added in order.
pub fn filter_grad<T: Real>(x: &[T], dy: &[T], p: &Plan) -> Option<Vec<T>> {
    let g = p.g;
    let (c, m) = (g.c, p.og);
    let out = c * m;
    let size = g.kh * g.kw * out;
    let rows = g.rows();
    let parts = if p.parallel() { PARTS } else { 1 };
    let span = rows.div_ceil(parts).max(1);
    let mut partial = vec![T::default(); size * parts];
    let done = chunks(&mut partial, size, parts > 1, |pi, acc, _: &mut ()| {
        vectorized(
            #[inline(always)]
            || {
                for row in pi * span..((pi + 1) * span).min(rows) {
                    if row % 256 == 0 && interrupt::pending() {
                        return;
                    }
                    let gy = &dy[row * out..(row + 1) * out];
                    p.taps(row, |pix, tap| {
                        madd(
                            &mut acc[tap * out..][..out],
                            &x[pix * c..pix * c + c],
                            gy,
                            m,
                        );
                    });
                }
            },
        )
    });
    if !done || interrupt::pending() {
        return None;
    }
    Some(sum_parts(&partial, size))
}
