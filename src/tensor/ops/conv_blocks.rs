//! The convolution kernels over contiguous NHWC buffers. The patch matrix (im2col) is never
//! built whole: output rows are taken in blocks of a few hundred, each block's patches are
//! gathered into a buffer that stays in cache and multiplied by the filter through `gemm`
//! on one core, and the blocks run on both cores. A 1x1 convolution with stride 1 reads its
//! patches straight from the input. Every split depends only on the shapes, so results are
//! the same on any machine and any run. Depthwise convolutions go to `conv_depthwise`.

use super::conv::{Geometry, Real};
use super::parallel::{assume_init, uninit_vec, zeroed};
use crate::tensor::interrupt;
use rayon::prelude::*;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, Ordering};

/// Below this many multiply-adds a kernel runs on one thread.
const PAR_FLOPS: usize = 1 << 20;

/// Partial filter gradients summed at the end (a fixed number, so the order of additions
/// does not depend on the machine's thread count).
pub(crate) const PARTS: usize = 8;

/// The operand layout of one convolution: the geometry with its channel groups.
pub struct Plan<'a> {
    pub g: &'a Geometry,
    pub groups: usize,
    /// Input channels per group.
    pub fin: usize,
    /// Output channels per group.
    pub og: usize,
}

impl Plan<'_> {
    fn out(&self) -> usize {
        self.og * self.groups
    }

    /// Length of one patch row: kh * kw * fin.
    fn width(&self) -> usize {
        self.g.kh * self.g.kw * self.fin
    }

    /// Patch rows per block: a block's patches fill about 256 KB.
    fn block<T>(&self) -> usize {
        let bytes = self.width().max(1) * std::mem::size_of::<T>();
        ((1 << 18) / bytes).clamp(8, 4096)
    }

    /// True when the input's pixels are the patches themselves (1x1 window, stride 1, no
    /// padding): row r of the patch matrix is input pixel r.
    fn pointwise(&self) -> bool {
        let g = self.g;
        g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.oh == g.h && g.ow == g.w
    }

    /// True for a depthwise convolution (one input channel per group), which
    /// `conv_depthwise` runs without products.
    fn depthwise(&self) -> bool {
        self.fin == 1 && self.groups > 1
    }

    /// Calls `f(pixel, tap)` for each window element of output row `row` that lies inside
    /// the input: the input pixel (`(b * h + y) * w + x`) and the tap (`ky * kw + kx`).
    #[inline(always)]
    pub(crate) fn taps(&self, row: usize, mut f: impl FnMut(usize, usize)) {
        let g = self.g;
        let per_image = g.oh * g.ow;
        let (b, rest) = (row / per_image, row % per_image);
        let (oy, ox) = (rest / g.ow, rest % g.ow);
        for ky in 0..g.kh {
            let Some(y) = (oy * g.sh + ky * g.dh).checked_sub(g.top) else {
                continue;
            };
            if y >= g.h {
                continue;
            }
            for kx in 0..g.kw {
                let Some(x) = (ox * g.sw + kx * g.dw).checked_sub(g.left) else {
                    continue;
                };
                if x < g.w {
                    f((b * g.h + y) * g.w + x, ky * g.kw + kx);
                }
            }
        }
    }

    /// True when every window lies wholly inside the input (no padding reached).
    fn inside(&self) -> bool {
        let g = self.g;
        let last =
            |out: usize, s: usize, k: usize, d: usize| (out.max(1) - 1) * s + (k.max(1) - 1) * d;
        g.top == 0
            && g.left == 0
            && last(g.oh, g.sh, g.kh, g.dh) < g.h
            && last(g.ow, g.sw, g.kw, g.dw) < g.w
    }

    /// For output row `row` of a convolution over all channels with unit column dilation:
    /// calls `f(input_at, patch_at, len)` for each window row that lies inside the input,
    /// with the element offsets of its inside run in the input and in the patch row (the
    /// taps of one window row are adjacent pixels, so the run is contiguous in both).
    #[inline(always)]
    fn window_rows(&self, row: usize, mut f: impl FnMut(usize, usize, usize)) {
        let g = self.g;
        let per_image = g.oh * g.ow;
        let (b, rest) = (row / per_image, row % per_image);
        let (oy, ox) = (rest / g.ow, rest % g.ow);
        let x0 = ox * g.sw;
        // Taps kx0..kx1 land on input columns x0 + kx - left inside 0..w.
        let kx0 = g.left.saturating_sub(x0).min(g.kw);
        let kx1 = g.kw.min((g.w + g.left).saturating_sub(x0));
        if kx0 >= kx1 {
            return;
        }
        let len = (kx1 - kx0) * g.c;
        for ky in 0..g.kh {
            let Some(y) = (oy * g.sh + ky * g.dh).checked_sub(g.top) else {
                continue;
            };
            if y >= g.h {
                continue;
            }
            let at = ((b * g.h + y) * g.w + x0 + kx0 - g.left) * g.c;
            f(at, (ky * g.kw + kx0) * g.c, len);
        }
    }

    pub(crate) fn parallel(&self) -> bool {
        self.g.rows() * self.width() * self.out() >= PAR_FLOPS
    }
}

/// `c (m×n, rows ldc apart) = a · b`, or `c += a · b` when `accumulate`, on this thread;
/// `a` and `b` are addressed through (row, column) strides from their first elements.
/// Without `accumulate` C may start unwritten: every element of the m×n block is written.
#[allow(clippy::too_many_arguments)]
fn mm<T: Real>(
    (m, n, k): (usize, usize, usize),
    a: &[T],
    (a_rs, a_cs): (isize, isize),
    b: &[T],
    (b_rs, b_cs): (isize, isize),
    c: &mut [MaybeUninit<T>],
    ldc: usize,
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            for i in 0..m {
                c[i * ldc..i * ldc + n].iter_mut().for_each(|v| {
                    v.write(T::default());
                });
            }
        }
        return;
    }
    let last = |rows: usize, cols: usize, rs: isize, cs: isize| {
        ((rows - 1) as isize * rs + (cols - 1) as isize * cs) as usize
    };
    // The bounds the unsafe call relies on, checked once.
    assert!(last(m, k, a_rs, a_cs) < a.len() && last(k, n, b_rs, b_cs) < b.len());
    assert!((m - 1) * ldc + n <= c.len());
    // SAFETY: the assertions above keep every element `gemm` reads or writes inside the
    // three slices (all strides are non-negative), `T` is f32 or f64, which `gemm`
    // supports, and C is read only when `accumulate` (the caller's C is then written);
    // MaybeUninit<T> has T's layout.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr() as *mut T,
            1,
            ldc as isize,
            accumulate,
            a.as_ptr(),
            a_cs,
            a_rs,
            b.as_ptr(),
            b_cs,
            b_rs,
            T::from_f64(1.0),
            T::from_f64(1.0),
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

/// A written slice as the output of `mm`, which stores only written values into it.
fn as_out<T>(c: &mut [T]) -> &mut [MaybeUninit<T>] {
    // SAFETY: MaybeUninit<T> has T's layout, and every writer of the view (`mm`) stores
    // initialised values only, so `c` stays initialised.
    unsafe { &mut *(c as *mut [T] as *mut [MaybeUninit<T>]) }
}

/// Sets `buf`'s length to `len`, zeroing it all when `zero`; otherwise the caller writes
/// every element and old values may stay (a per-thread buffer grows once, not per block).
fn sized<T: Real>(buf: &mut Vec<T>, len: usize, zero: bool) {
    if zero {
        buf.clear();
    } else {
        buf.truncate(len);
    }
    buf.resize(len, T::default());
}

/// Patch rows `r0..r0 + nr` of channels `c0..c0 + fin` into `cols` (`nr × width`, padding
/// zero), in the (ky, kx, c) order an HWIO filter flattens.
fn gather<T: Real>(x: &[T], p: &Plan, r0: usize, nr: usize, c0: usize, cols: &mut Vec<T>) {
    let (c, fin, width) = (p.g.c, p.fin, p.width());
    // Without padding every window lies inside the input and writes its whole row.
    sized(cols, nr * width, !p.inside());
    if width == 0 {
        return;
    }
    if fin == c && p.g.dw == 1 {
        // All channels, taps side by side: a window row is one run of the input.
        for (i, row) in cols.chunks_mut(width).enumerate() {
            p.window_rows(r0 + i, |at, to, len| {
                copy(&mut row[to..to + len], &x[at..at + len])
            });
        }
        return;
    }
    for (i, row) in cols.chunks_mut(width).enumerate() {
        p.taps(r0 + i, |pix, tap| {
            let (at, to) = (pix * c + c0, tap * fin);
            copy(&mut row[to..to + fin], &x[at..at + fin]);
        });
    }
}

/// `dst = src`; short runs by a loop (a call to memcpy would cost more than the copy).
#[inline(always)]
fn copy<T: Copy>(dst: &mut [T], src: &[T]) {
    if dst.len() <= 16 {
        for (d, &s) in dst.iter_mut().zip(src) {
            *d = s;
        }
    } else {
        dst.copy_from_slice(src);
    }
}

/// The reverse of `gather` for rows `r0..` of one image (`r0` counted within the image):
/// adds each patch element back to the input element it came from, in `dx` (that image's
/// `h × w × c` pixels).
fn scatter<T: Real>(cols: &[T], p: &Plan, r0: usize, c0: usize, dx: &mut [T]) {
    let (c, fin, width) = (p.g.c, p.fin, p.width());
    if width == 0 {
        return;
    }
    for (i, row) in cols.chunks(width).enumerate() {
        p.taps(r0 + i, |pix, tap| {
            let (at, from) = (pix * c + c0, tap * fin);
            for (d, &s) in dx[at..at + fin].iter_mut().zip(&row[from..from + fin]) {
                *d += s;
            }
        });
    }
}

/// The sum of `parts` partial results of `size` elements each, added in order.
pub(crate) fn sum_parts<T: Real>(partial: &[T], size: usize) -> Vec<T> {
    let mut sum = partial[..size.min(partial.len())].to_vec();
    for part in partial[sum.len()..].chunks(size.max(1)) {
        for (d, &s) in sum.iter_mut().zip(part) {
            *d += s;
        }
    }
    sum
}

/// Runs `f(index, chunk, buffer)` over `data` in chunks of `len` (each thread reusing its
/// own scratch buffer), on both cores when `par`; false
/// when Ctrl-C stopped it (chunks not yet started are skipped).
pub(crate) fn chunks<T: Send, B: Default + Send>(
    data: &mut [T],
    len: usize,
    par: bool,
    f: impl Fn(usize, &mut [T], &mut B) + Sync + Send,
) -> bool {
    let stopped = AtomicBool::new(false);
    let run = |i: usize, chunk: &mut [T], buf: &mut B| {
        if stopped.load(Ordering::Relaxed) || interrupt::pending() {
            stopped.store(true, Ordering::Relaxed);
            return;
        }
        f(i, chunk, buf);
    };
    if par {
        data.par_chunks_mut(len.max(1))
            .enumerate()
            .for_each_init(B::default, |buf, (i, c)| run(i, c, buf));
    } else {
        let mut buf = B::default();
        for (i, c) in data.chunks_mut(len.max(1)).enumerate() {
            run(i, c, &mut buf);
        }
    }
    !stopped.load(Ordering::Relaxed)
}

/// The convolution `[n, oh, ow, out]` of input `x` `[n, h, w, c]` with filter `f`
/// `[kh, kw, fin, out]`; None when interrupted.
pub fn forward<T: Real>(x: &[T], f: &[T], p: &Plan) -> Option<Vec<T>> {
    if p.depthwise() {
        return super::conv_depthwise::forward(x, f, p);
    }
    let (out, width, fin, og) = (p.out(), p.width(), p.fin, p.og);
    // Unwritten at first: the groups' products write every column of every row.
    let mut y = uninit_vec::<T>(p.g.rows() * out);
    let block = p.block::<T>();
    let done = chunks(
        &mut y,
        block * out,
        p.parallel(),
        |bi, yb, cols: &mut Vec<T>| {
            let (r0, nr) = (bi * block, yb.len() / out);
            for gi in 0..p.groups {
                // Group gi's filter: rows of `width`, its columns gi*og.. of each `out`-long row.
                let w = &f[gi * og..];
                if p.pointwise() {
                    let a = &x[r0 * p.g.c + gi * fin..];
                    mm(
                        (nr, og, width),
                        a,
                        (p.g.c as isize, 1),
                        w,
                        (out as isize, 1),
                        &mut yb[gi * og..],
                        out,
                        false,
                    );
                } else {
                    gather(x, p, r0, nr, gi * fin, cols);
                    mm(
                        (nr, og, width),
                        cols,
                        (width as isize, 1),
                        w,
                        (out as isize, 1),
                        &mut yb[gi * og..],
                        out,
                        false,
                    );
                }
            }
        },
    );
    // SAFETY: `done` means every block ran, and each wrote all of its rows.
    done.then(|| unsafe { assume_init(y) })
}

/// The gradient with respect to the input (`[n, h, w, c]`) for output gradient `dy`: each
/// block's patch gradients `dy · filterᵀ`, scattered back; images run in parallel (their
/// input gradients are disjoint). None when interrupted.
pub fn input_grad<T: Real>(f: &[T], dy: &[T], p: &Plan) -> Option<Vec<T>> {
    if p.depthwise() {
        return super::conv_depthwise::input_grad(f, dy, p);
    }
    let g = p.g;
    let (out, width, fin, og) = (p.out(), p.width(), p.fin, p.og);
    let per_image = g.oh * g.ow;
    let mut dx = uninit_vec::<T>(g.n * g.h * g.w * g.c);
    let block = p.block::<T>();
    let done = chunks(
        &mut dx,
        g.h * g.w * g.c,
        p.parallel(),
        |b, dxb, cols: &mut Vec<T>| {
            // Each image is zeroed where it is scattered into: on both cores, and in cache.
            let dxb = zeroed(dxb);
            for gi in 0..p.groups {
                // filterᵀ of group gi: element (o, j) is f[j * out + gi * og + o].
                let wt = &f[gi * og..];
                let mut r = 0;
                while r < per_image {
                    let nr = block.min(per_image - r);
                    let gy = &dy[(b * per_image + r) * out + gi * og..];
                    if p.pointwise() {
                        mm(
                            (nr, fin, og),
                            gy,
                            (out as isize, 1),
                            wt,
                            (1, out as isize),
                            as_out(&mut dxb[r * g.c + gi * fin..]),
                            g.c,
                            false,
                        );
                    } else {
                        // The product below writes every element.
                        sized(cols, nr * width, false);
                        mm(
                            (nr, width, og),
                            gy,
                            (out as isize, 1),
                            wt,
                            (1, out as isize),
                            as_out(cols),
                            width,
                            false,
                        );
                        scatter(cols, p, r, gi * fin, dxb);
                    }
                    r += nr;
                }
            }
        },
    );
    // SAFETY: `done` means every image's chunk ran, and each zeroed its whole chunk.
    done.then(|| unsafe { assume_init(dx) })
}

/// The gradient with respect to the filter (`[kh, kw, fin, out]`): `patchesᵀ · dy`, summed
/// over PARTS fixed ranges of rows computed in parallel, then added in order. None when
/// interrupted.
pub fn filter_grad<T: Real>(x: &[T], dy: &[T], p: &Plan) -> Option<Vec<T>> {
    if p.depthwise() {
        return super::conv_depthwise::filter_grad(x, dy, p);
    }
    let (out, width, fin, og) = (p.out(), p.width(), p.fin, p.og);
    let rows = p.g.rows();
    let block = p.block::<T>();
    let parts = if p.parallel() { PARTS } else { 1 };
    let span = rows.div_ceil(parts).max(1);
    let size = width * out;
    let mut partial = vec![T::default(); size * parts];
    let done = chunks(&mut partial, size, parts > 1, |pi, acc, cols| {
        let (start, end) = (pi * span, ((pi + 1) * span).min(rows));
        let mut r = start;
        while r < end {
            if interrupt::pending() {
                return;
            }
            let nr = block.min(end - r);
            for gi in 0..p.groups {
                let gy = &dy[r * out + gi * og..];
                if p.pointwise() {
                    // patchesᵀ: element (i, k) of the [fin, nr] matrix is x[(r + k) * c + i].
                    mm(
                        (fin, og, nr),
                        &x[r * p.g.c + gi * fin..],
                        (1, p.g.c as isize),
                        gy,
                        (out as isize, 1),
                        as_out(&mut acc[gi * og..]),
                        out,
                        true,
                    );
                } else {
                    gather(x, p, r, nr, gi * fin, cols);
                    mm(
                        (width, og, nr),
                        cols,
                        (1, width as isize),
                        gy,
                        (out as isize, 1),
                        as_out(&mut acc[gi * og..]),
                        out,
                        true,
                    );
                }
            }
            r += nr;
        }
    });
    if !done || interrupt::pending() {
        return None;
    }
    Some(sum_parts(&partial, size))
}
