//! Whole-buffer loops: contiguous slices, split across both cores for large inputs, each
//! chunk compiled for the widest SIMD the CPU has (chosen at run time through pulp, so the
//! binary still runs on any x86-64; `TENSH_SIMD` picks a narrower width to compare).

use rayon::prelude::*;
use std::mem::MaybeUninit;

/// Inputs smaller than this run on one thread.
pub const PAR_MIN: usize = 1 << 16;
const CHUNK: usize = 1 << 14;

/// A buffer of `n` elements that `fill` writes every one of: the output of a kernel, without
/// first zeroing memory the kernel overwrites anyway (at memory bandwidth that pass costs a
/// fifth of an elementwise op).
///
/// # Safety
/// `fill` must write every element of the slice it is given.
pub unsafe fn filled<O: Copy>(n: usize, fill: impl FnOnce(&mut [MaybeUninit<O>])) -> Vec<O> {
    let mut v: Vec<O> = Vec::with_capacity(n);
    fill(&mut v.spare_capacity_mut()[..n]);
    // SAFETY: the caller's `fill` wrote all n elements; the capacity is at least n.
    unsafe { v.set_len(n) };
    v
}

/// A buffer of `n` elements, none written yet (for kernels that write it chunk by chunk,
/// each chunk on the thread that uses it).
pub fn uninit_vec<T>(n: usize) -> Vec<MaybeUninit<T>> {
    let mut v = Vec::with_capacity(n);
    // SAFETY: MaybeUninit needs no initialisation; the capacity is n.
    unsafe { v.set_len(n) };
    v
}

/// `v` once every element has been written.
///
/// # Safety
/// Every element of `v` must have been written.
pub unsafe fn assume_init<T>(v: Vec<MaybeUninit<T>>) -> Vec<T> {
    let mut v = std::mem::ManuallyDrop::new(v);
    // SAFETY: MaybeUninit<T> has T's layout, the caller wrote every element, and the
    // allocation is handed over whole (pointer, length, capacity) from a Vec that is not
    // dropped.
    unsafe { Vec::from_raw_parts(v.as_mut_ptr() as *mut T, v.len(), v.capacity()) }
}

/// `s` once every element has been written.
///
/// # Safety
/// Every element of `s` must have been written.
pub unsafe fn written<T>(s: &mut [MaybeUninit<T>]) -> &mut [T] {
    // SAFETY: MaybeUninit<T> has T's layout, and the caller wrote every element.
    unsafe { &mut *(s as *mut [MaybeUninit<T>] as *mut [T]) }
}

/// Zeroes `s` (writes `T::default()` to each element) and gives it back as written.
pub fn zeroed<T: Copy + Default>(s: &mut [MaybeUninit<T>]) -> &mut [T] {
    for v in s.iter_mut() {
        v.write(T::default());
    }
    // SAFETY: every element was just written.
    unsafe { written(s) }
}

/// `f` over `src` into a new buffer.
pub fn map_vec<A: Copy + Sync, O: Copy + Send>(
    src: &[A],
    f: impl Fn(A) -> O + Sync + Send,
) -> Vec<O> {
    // SAFETY: map_uninit writes every element of a destination as long as its source.
    unsafe { filled(src.len(), |d| map_uninit(src, d, f)) }
}

/// `dst[i] = f(src[i])`, writing every element of `dst`.
pub fn map_uninit<A: Copy + Sync, O: Copy + Send>(
    src: &[A],
    dst: &mut [MaybeUninit<O>],
    f: impl Fn(A) -> O + Sync + Send,
) {
    let run = |s: &[A], d: &mut [MaybeUninit<O>]| {
        vectorized(
            #[inline(always)]
            || {
                for (o, &x) in d.iter_mut().zip(s) {
                    o.write(f(x));
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

/// `f(a[i], b[i])` into a new buffer (`a` and `b` of one length).
pub fn zip_vec<A: Copy + Sync, B: Copy + Sync, O: Copy + Send>(
    a: &[A],
    b: &[B],
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Vec<O> {
    // SAFETY: zip_uninit writes every element of a destination no longer than its inputs.
    unsafe { filled(a.len().min(b.len()), |d| zip_uninit(a, b, d, f)) }
}

/// `dst[i] = f(a[i], b[i])`, writing every element of `dst` (of the inputs' length).
fn zip_uninit<A: Copy + Sync, B: Copy + Sync, O: Copy + Send>(
    a: &[A],
    b: &[B],
    dst: &mut [MaybeUninit<O>],
    f: impl Fn(A, B) -> O + Sync + Send,
) {
    let run = |x: &[A], y: &[B], d: &mut [MaybeUninit<O>]| {
        vectorized(
            #[inline(always)]
            || {
                for ((o, &p), &q) in d.iter_mut().zip(x).zip(y) {
                    o.write(f(p, q));
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

/// `f(a[i], row[i % row.len()])` into a new buffer: a whole buffer against one row repeated
/// over it, as a bias is added to every row of a batch (`a.len()` a non-zero multiple of
/// the row's).
pub fn rows_vec<A: Copy + Sync, B: Copy + Sync, O: Copy + Send>(
    a: &[A],
    row: &[B],
    f: impl Fn(A, B) -> O + Sync + Send,
) -> Vec<O> {
    let n = if row.is_empty() {
        0
    } else {
        a.len() - a.len() % row.len()
    };
    // SAFETY: rows_uninit writes every element of a destination as long as its input, a
    // whole number of rows.
    unsafe { filled(n, |d| rows_uninit(&a[..n], row, d, f)) }
}

fn rows_uninit<A: Copy + Sync, B: Copy + Sync, O: Copy + Send>(
    a: &[A],
    row: &[B],
    dst: &mut [MaybeUninit<O>],
    f: impl Fn(A, B) -> O + Sync + Send,
) {
    let cols = row.len();
    if cols == 0 {
        return;
    }
    let run = |x: &[A], d: &mut [MaybeUninit<O>]| {
        vectorized(
            #[inline(always)]
            || {
                for (dr, xr) in d.chunks_exact_mut(cols).zip(x.chunks_exact(cols)) {
                    for ((o, &p), &q) in dr.iter_mut().zip(xr).zip(row) {
                        o.write(f(p, q));
                    }
                }
            },
        )
    };
    // Whole rows per chunk, about CHUNK elements each.
    let per = (CHUNK / cols).max(1) * cols;
    if a.len() < PAR_MIN {
        run(a, dst);
    } else {
        dst.par_chunks_mut(per)
            .zip(a.par_chunks(per))
            .for_each(|(d, x)| run(x, d));
    }
}

/// The SIMD width tensh's own loops are compiled for, chosen once per process: the widest
/// the CPU has, or a narrower one named by `TENSH_SIMD` (`avx2`, `scalar`) to compare the
/// paths on one machine.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Level {
    Scalar,
    /// x86-64-v3: AVX2 and FMA, 256-bit vectors.
    Avx2,
    /// x86-64-v4: AVX-512 (F, BW, CD, DQ, VL), 512-bit vectors.
    Avx512,
}

/// The level the loops run at (see [`Level`]).
pub fn level() -> Level {
    static LEVEL: std::sync::OnceLock<Level> = std::sync::OnceLock::new();
    *LEVEL.get_or_init(|| {
        let have = available();
        let asked = match std::env::var("TENSH_SIMD").ok().as_deref() {
            Some("scalar") => Level::Scalar,
            Some("avx2") => Level::Avx2,
            _ => Level::Avx512,
        };
        have.min(asked)
    })
}

/// The widest level the CPU runs.
pub fn available() -> Level {
    #[cfg(target_arch = "x86_64")]
    {
        if pulp::x86::V4::try_new().is_some() {
            return Level::Avx512;
        }
        if pulp::x86::V3::try_new().is_some() {
            return Level::Avx2;
        }
    }
    Level::Scalar
}

/// Runs `op` compiled for the loops' SIMD level (see [`level`]).
#[inline(always)]
pub fn dispatch<Op: pulp::WithSimd>(op: Op) -> Op::Output {
    #[cfg(target_arch = "x86_64")]
    {
        match level() {
            Level::Avx512 => {
                if let Some(s) = pulp::x86::V4::try_new() {
                    return pulp::Simd::vectorize(s, op);
                }
            }
            Level::Avx2 => {
                if let Some(s) = pulp::x86::V3::try_new() {
                    return pulp::Simd::vectorize(s, op);
                }
            }
            Level::Scalar => {}
        }
    }
    pulp::Simd::vectorize(pulp::Scalar::new(), op)
}

/// Runs `f` compiled for the loops' SIMD level (mark the closure `#[inline(always)]`). The
/// closure goes in by reference: moved in, an `Fn` or `FnMut` closure is called through its
/// `FnOnce` shim, which the compiler may keep out of line, compiled for the baseline CPU,
/// so the SIMD path would only jump to baseline code.
#[inline(always)]
pub fn vectorized<R>(mut f: impl FnMut() -> R) -> R {
    dispatch(Run(&mut f))
}

/// A closure as pulp's unit of dispatch, called through `FnMut` directly (pulp's own
/// wrapping of a closure goes through the `FnOnce` shim of `&mut F`, which the compiler
/// keeps out of line, so the loop would run as baseline code).
struct Run<'a, F>(&'a mut F);

impl<R, F: FnMut() -> R> pulp::WithSimd for Run<'_, F> {
    type Output = R;
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) -> R {
        (self.0)()
    }
}
