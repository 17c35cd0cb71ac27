//! The machine the kernels run on: the CPU, the path each family of kernels takes on it
//! (chosen at run time, as the kernels choose), and the two bounds a kernel can reach —
//! memory bandwidth, measured with a STREAM-like copy, and the FMA peak, measured with
//! independent fused multiply-add chains on every core. `tensh info` prints them; the
//! benchmark divides each row's ideal time by its measured time.

use rayon::prelude::*;
use std::time::Instant;

/// The CPU's model name (Linux's `/proc/cpuinfo`), or the architecture.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

/// The SIMD path of tensh's own loops (elementwise, softmax, reductions, pooling).
pub fn loop_path() -> &'static str {
    use super::parallel::{available, level, Level};
    match (level(), available()) {
        (Level::Avx512, _) => "x86-64-v4 (AVX-512), 512-bit",
        (Level::Avx2, Level::Avx512) => "x86-64-v3 (AVX2, FMA), 256-bit (TENSH_SIMD=avx2)",
        (Level::Avx2, _) => "x86-64-v3 (AVX2, FMA), 256-bit",
        (Level::Scalar, Level::Scalar) => "scalar",
        (Level::Scalar, _) => "scalar (TENSH_SIMD=scalar)",
    }
}

/// The path of the matrix products (matmul, Dense, convolution, recurrent cells), as the
/// `gemm` crate chooses it.
pub fn gemm_path() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return "avx512f, 512-bit";
        }
        if std::arch::is_x86_feature_detected!("fma") {
            return "fma (AVX2), 256-bit";
        }
    }
    "scalar"
}

/// Copy bandwidth in GB/s (bytes read plus bytes written, as STREAM counts a copy), best
/// of a few passes over 256 MiB on every core.
pub fn copy_bandwidth() -> f64 {
    let n = 32 << 20; // f64s: 256 MiB each side
    let src = vec![1.0f64; n];
    let mut dst = vec![0.0f64; n];
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        dst.par_chunks_mut(1 << 16)
            .zip(src.par_chunks(1 << 16))
            .for_each(|(d, s)| d.copy_from_slice(s));
        best = best.min(t.elapsed().as_secs_f64());
    }
    std::hint::black_box(&dst);
    (2 * n * 8) as f64 / best / 1e9
}

/// Single-precision FMA peak in GFLOP/s (two flops per lane per FMA), every core running
/// independent chains long enough to hide the FMA latency.
pub fn fma_peak() -> f64 {
    let threads = rayon::current_num_threads().max(1);
    let reps: usize = 20_000_000;
    let mut best = f64::MAX;
    let mut lanes = 1usize;
    for _ in 0..3 {
        let t = Instant::now();
        let sums: Vec<(f32, usize)> = (0..threads)
            .into_par_iter()
            .map(|i| chains(reps, i as f32))
            .collect();
        best = best.min(t.elapsed().as_secs_f64());
        lanes = sums.first().map(|s| s.1).unwrap_or(1);
        std::hint::black_box(sums);
    }
    (threads * reps * CHAINS * lanes * 2) as f64 / best / 1e9
}

const CHAINS: usize = 12;

/// `reps` rounds of `CHAINS` independent FMAs at the widest vector width the CPU has (the
/// one the matrix products use); (a checksum, lanes per FMA).
fn chains(reps: usize, seed: f32) -> (f32, usize) {
    struct Op(usize, f32);
    impl pulp::WithSimd for Op {
        type Output = (f32, usize);
        #[inline(always)]
        fn with_simd<S: pulp::Simd>(self, s: S) -> (f32, usize) {
            let a = s.splat_f32s(0.999_999);
            let b = s.splat_f32s(1e-7);
            let mut acc = [s.splat_f32s(self.1); CHAINS];
            for _ in 0..self.0 {
                for x in acc.iter_mut() {
                    *x = s.mul_add_f32s(*x, a, b);
                }
            }
            let mut total = s.splat_f32s(0.0);
            for x in acc {
                total = s.add_f32s(total, x);
            }
            (s.reduce_sum_f32s(total), S::F32_LANES)
        }
    }
    #[cfg(target_arch = "x86_64")]
    {
        if let Some(s) = pulp::x86::V4::try_new() {
            return pulp::Simd::vectorize(s, Op(reps, seed));
        }
        if let Some(s) = pulp::x86::V3::try_new() {
            return pulp::Simd::vectorize(s, Op(reps, seed));
        }
    }
    let mut acc = [seed; CHAINS];
    for _ in 0..reps {
        for x in acc.iter_mut() {
            *x = x.mul_add(0.999_999, 1e-7);
        }
    }
    (acc.iter().sum(), 1)
}

/// The report `tensh info` prints.
pub fn report(bounds: bool) -> String {
    let mut out = format!(
        "cpu: {} ({} threads)\nloops (elementwise, softmax, reductions, pooling): {}\nmatrix products (matmul, Dense, convolution, recurrent cells): {}\n",
        cpu_model(),
        rayon::current_num_threads(),
        loop_path(),
        gemm_path()
    );
    if bounds {
        out.push_str(&format!(
            "copy bandwidth: {:.1} GB/s\nfloat32 FMA peak: {:.1} GFLOP/s\n",
            copy_bandwidth(),
            fma_peak()
        ));
    }
    out
}
