//! The pooling kernels over contiguous NHWC buffers, in the tensor's own float type: images
//! run in parallel, channels innermost (a window element is a contiguous row of channels),
//! each image's loop compiled for the widest SIMD the CPU has. Max pooling also notes where
//! each maximum came from (the first maximum of its window, NaN counting as the largest), so
//! its gradient is one scatter; average pooling sums in the float type, as TensorFlow's
//! float32 kernel does, and spreads its gradient over the window's real elements.

use super::parallel::{assume_init, uninit_vec, vectorized, zeroed};
use super::pool::Windows;
use crate::tensor::interrupt;
use crate::tensor::Elem;
use rayon::prelude::*;
use std::ops::{Add, AddAssign, Div};
use std::sync::atomic::{AtomicBool, Ordering};

/// The float element types pooling runs on.
pub(crate) trait Float: Elem + Add<Output = Self> + Div<Output = Self> + AddAssign {
    /// Whether `v` replaces `best` as a window's maximum: larger, or NaN over a number.
    fn beats(v: Self, best: Self) -> bool;
}

impl Float for f32 {
    #[inline(always)]
    fn beats(v: f32, best: f32) -> bool {
        v > best || (v.is_nan() && !best.is_nan())
    }
}

impl Float for f64 {
    #[inline(always)]
    fn beats(v: f64, best: f64) -> bool {
        v > best || (v.is_nan() && !best.is_nan())
    }
}

/// Where a window element has no source (a window entirely in the padding).
pub(crate) const NOWHERE: u32 = u32::MAX;

/// Window elements visited below which a pool runs on one thread.
const PAR_WORK: usize = 1 << 16;

/// The input range `[start, end)` each output row (or column) covers, clipped to the input;
/// its elements are `d` apart.
struct Spans {
    rows: Vec<(usize, usize)>,
    cols: Vec<(usize, usize)>,
}

impl Spans {
    /// Calls `f(o, window)` for each output position in row-major order: `o` the offset of
    /// its channels in the image's output, `window` its input pixels.
    #[inline(always)]
    fn each(&self, win: &Windows, mut f: impl FnMut(usize, Cells)) {
        let mut o = 0;
        for &(y, y1) in &self.rows {
            for &(x0, x1) in &self.cols {
                let step = [win.d[0].max(1), win.d[1].max(1)];
                f(
                    o,
                    Cells {
                        y,
                        y1,
                        x: x0,
                        x0,
                        x1,
                        step,
                        w: win.w,
                    },
                );
                o += win.c;
            }
        }
    }

    fn of(win: &Windows) -> Spans {
        let axis = |a: usize| -> Vec<(usize, usize)> {
            (0..win.out[a])
                .map(|o| {
                    let s = win.span(a, o);
                    let r = s.clone().next().unwrap_or(0);
                    let end = s.clone().next_back().map_or(r, |l| l + 1);
                    (r, end)
                })
                .collect()
        };
        Spans {
            rows: axis(0),
            cols: axis(1),
        }
    }
}

/// The pixels (`y * w + x` within an image) of one window, row by row.
#[derive(Clone)]
struct Cells {
    y: usize,
    y1: usize,
    x: usize,
    x0: usize,
    x1: usize,
    step: [usize; 2],
    w: usize,
}

impl Iterator for Cells {
    type Item = usize;
    #[inline(always)]
    fn next(&mut self) -> Option<usize> {
        if self.x >= self.x1 {
            self.y += self.step[0];
            self.x = self.x0;
        }
        if self.y >= self.y1 || self.x >= self.x1 {
            return None;
        }
        let p = self.y * self.w + self.x;
        self.x += self.step[1];
        Some(p)
    }
}

/// Runs `f(image, a, b)` over each image's chunk of `a` (length `alen`) and of `b` (length
/// `blen`), in parallel when the work is large; false when Ctrl-C stopped it.
fn images<A: Send, B: Send>(
    (a, alen): (&mut [A], usize),
    (b, blen): (&mut [B], usize),
    work: usize,
    f: impl Fn(usize, &mut [A], &mut [B]) + Sync,
) -> bool {
    let stopped = AtomicBool::new(false);
    let run = |i: usize, x: &mut [A], y: &mut [B]| {
        if stopped.load(Ordering::Relaxed) || interrupt::pending() {
            stopped.store(true, Ordering::Relaxed);
            return;
        }
        f(i, x, y);
    };
    let (alen, blen) = (alen.max(1), blen.max(1));
    if work >= PAR_WORK {
        a.par_chunks_mut(alen)
            .zip(b.par_chunks_mut(blen))
            .enumerate()
            .for_each(|(i, (x, y))| run(i, x, y));
    } else {
        for (i, (x, y)) in a.chunks_mut(alen).zip(b.chunks_mut(blen)).enumerate() {
            run(i, x, y);
        }
    }
    !stopped.load(Ordering::Relaxed)
}

/// Max pooling of `x` and, for each output, the input element (within its image) the
/// maximum came from; None when interrupted.
pub(crate) fn max_forward<T: Float>(x: &[T], win: &Windows) -> Option<(Vec<T>, Vec<u32>)> {
    let c = win.c;
    let (per_in, per_out) = (win.h * win.w * c, win.out[0] * win.out[1] * c);
    let spans = Spans::of(win);
    let mut y = vec![T::default(); win.n * per_out];
    let mut at = vec![NOWHERE; win.n * per_out];
    let work = y.len() * win.k[0] * win.k[1];
    let done = images((&mut y, per_out), (&mut at, per_out), work, |b, yb, ab| {
        let image = &x[b * per_in..(b + 1) * per_in];
        vectorized(
            #[inline(always)]
            || {
                spans.each(
                    win,
                    #[inline(always)]
                    |o, window| {
                        let (acc, arg) = (&mut yb[o..o + c], &mut ab[o..o + c]);
                        let mut first = true;
                        for pix in window {
                            let base = pix * c;
                            let row = &image[base..base + c];
                            if first {
                                acc.copy_from_slice(row);
                                for (ch, a) in arg.iter_mut().enumerate() {
                                    *a = (base + ch) as u32;
                                }
                                first = false;
                                continue;
                            }
                            // Selects rather than branches, so the loop runs in vectors.
                            for (ch, ((a, i), &v)) in
                                acc.iter_mut().zip(arg.iter_mut()).zip(row).enumerate()
                            {
                                let take = T::beats(v, *a);
                                *a = if take { v } else { *a };
                                *i = if take { (base + ch) as u32 } else { *i };
                            }
                        }
                        if first {
                            // A window only over padding: -inf, as TensorFlow's kernel gives.
                            acc.fill(T::from_f64(f64::NEG_INFINITY));
                        }
                    },
                );
            },
        )
    });
    done.then_some((y, at))
}

/// The gradient of max pooling: each output's gradient added to the element its maximum
/// came from.
pub(crate) fn max_backward<T: Float>(at: &[u32], g: &[T], win: &Windows) -> Option<Vec<T>> {
    let (per_in, per_out) = (win.h * win.w * win.c, win.out[0] * win.out[1] * win.c);
    let mut dx = uninit_vec::<T>(win.n * per_in);
    let mut marks = vec![(); win.n];
    let work = at.len() + dx.len();
    let done = images((&mut dx, per_in), (&mut marks, 1), work, |b, dxb, _| {
        // Each image is zeroed where it is scattered into: on both cores, and in cache.
        let dxb = zeroed(dxb);
        let (ab, gb) = (
            &at[b * per_out..(b + 1) * per_out],
            &g[b * per_out..(b + 1) * per_out],
        );
        for (&i, &gv) in ab.iter().zip(gb) {
            if i != NOWHERE {
                dxb[i as usize] += gv;
            }
        }
    });
    // SAFETY: `done` means every image's chunk ran, and each zeroed its whole chunk.
    done.then(|| unsafe { assume_init(dx) })
}

/// Average pooling: each window's real elements summed in `T`, over their count.
pub(crate) fn avg_forward<T: Float>(x: &[T], win: &Windows) -> Option<Vec<T>> {
    let c = win.c;
    let (per_in, per_out) = (win.h * win.w * c, win.out[0] * win.out[1] * c);
    let spans = Spans::of(win);
    let mut y = vec![T::default(); win.n * per_out];
    let mut marks = vec![(); win.n];
    let work = y.len() * win.k[0] * win.k[1];
    let done = images((&mut y, per_out), (&mut marks, 1), work, |b, yb, _| {
        let image = &x[b * per_in..(b + 1) * per_in];
        vectorized(
            #[inline(always)]
            || {
                spans.each(
                    win,
                    #[inline(always)]
                    |o, window| {
                        let acc = &mut yb[o..o + c];
                        let mut count = 0usize;
                        for pix in window {
                            for (a, &v) in acc.iter_mut().zip(&image[pix * c..pix * c + c]) {
                                *a += v;
                            }
                            count += 1;
                        }
                        let n = T::from_f64(count.max(1) as f64);
                        acc.iter_mut().for_each(|a| *a = *a / n);
                    },
                );
            },
        )
    });
    done.then_some(y)
}

/// The gradient of average pooling: each output's gradient over its window's count, added
/// to each of the window's real elements.
pub(crate) fn avg_backward<T: Float>(g: &[T], win: &Windows) -> Option<Vec<T>> {
    let c = win.c;
    let (per_in, per_out) = (win.h * win.w * c, win.out[0] * win.out[1] * c);
    let spans = Spans::of(win);
    let mut dx = uninit_vec::<T>(win.n * per_in);
    let mut marks = vec![(); win.n];
    let work = g.len() * win.k[0] * win.k[1] + dx.len();
    let done = images((&mut dx, per_in), (&mut marks, 1), work, |b, dxb, _| {
        let dxb = zeroed(dxb);
        let gb = &g[b * per_out..(b + 1) * per_out];
        vectorized(
            #[inline(always)]
            || {
                spans.each(
                    win,
                    #[inline(always)]
                    |o, window| {
                        let count = T::from_f64(window.clone().count().max(1) as f64);
                        let gw = &gb[o..o + c];
                        for pix in window {
                            for (d, &gv) in dxb[pix * c..pix * c + c].iter_mut().zip(gw) {
                                *d += gv / count;
                            }
                        }
                    },
                );
            },
        )
    });
    // SAFETY: `done` means every image's chunk ran, and each zeroed its whole chunk.
    done.then(|| unsafe { assume_init(dx) })
}
