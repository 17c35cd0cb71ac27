//! TensorFlow's samplers over a Philox stream, bit for bit: uniform floats from the low
//! mantissa bits of a word, Box-Muller normals in the output's own precision, normals
//! truncated at two deviations (each output group drawing from its own stretch of the
//! stream, so the result does not depend on how the work is split), uniform integers by
//! remainder, and the Fisher-Yates shuffle `tf.random.shuffle` runs. Large outputs are
//! filled on all cores, in chunks that stop early when Ctrl-C is pressed (the caller then
//! raises it).

use super::philox::{Philox, Words};
use crate::tensor::interrupt;
use crate::tensor::{DType, Elem, Tensor};
use rayon::prelude::*;

/// Output groups per chunk of work (and between interrupt checks).
const CHUNK_GROUPS: usize = 1 << 14;

/// Philox steps a truncated-normal output group may use before the next group's stretch.
const TRUNCATED_STRIDE: u64 = 256;

/// `n` outputs made `K` at a time: group `g` starts `g * stride` steps into `gen`.
fn fill<T: Elem, const K: usize>(
    gen: Philox,
    n: usize,
    stride: u64,
    group: impl Fn(Philox) -> [T; K] + Sync,
) -> Vec<T> {
    let groups = n.div_ceil(K);
    let mut out = vec![T::default(); groups * K];
    let run = |start: usize, chunk: &mut [T]| {
        if interrupt::pending() {
            return;
        }
        let mut g = gen;
        g.skip(start as u64 * stride);
        for slot in chunk.chunks_mut(K) {
            slot.copy_from_slice(&group(g));
            g.skip(stride);
        }
    };
    if groups <= CHUNK_GROUPS {
        run(0, &mut out);
    } else {
        out.par_chunks_mut(CHUNK_GROUPS * K)
            .enumerate()
            .for_each(|(i, chunk)| run(i * CHUNK_GROUPS, chunk));
    }
    out.truncate(n);
    out
}

/// `x * scale (+ shift)`, which TensorFlow's Python wrappers apply to a standard draw as
/// two ops, each rounded in the output's precision; applied here as each value is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Affine {
    pub scale: f64,
    pub shift: Option<f64>,
}

impl Affine {
    /// The draw as it is (TensorFlow applies no op; multiplying by 1 changes nothing).
    pub const NONE: Affine = Affine {
        scale: 1.0,
        shift: None,
    };

    pub fn new(scale: f64, shift: f64) -> Affine {
        Affine {
            scale,
            shift: Some(shift),
        }
    }

    fn f32(self) -> impl Fn(f32) -> f32 + Copy {
        let (s, b) = (self.scale as f32, self.shift.map(|b| b as f32));
        move |x| match b {
            Some(b) => x * s + b,
            None => x * s,
        }
    }

    fn f64(self) -> impl Fn(f64) -> f64 + Copy {
        let (s, b) = (self.scale, self.shift);
        move |x| match b {
            Some(b) => x * s + b,
            None => x * s,
        }
    }
}

/// A float in [0, 1) from a word's low 23 bits.
fn unit_f32(x: u32) -> f32 {
    f32::from_bits(0x3f80_0000 | (x & 0x7f_ffff)) - 1.0
}

/// A double in [0, 1) from 52 bits of two words.
fn unit_f64(hi: u32, lo: u32) -> f64 {
    f64::from_bits((1023u64 << 52) | ((hi as u64 & 0xf_ffff) << 32) | lo as u64) - 1.0
}

fn box_muller_f32(x0: u32, x1: u32) -> [f32; 2] {
    let u1 = unit_f32(x0).max(1.0e-7);
    // TensorFlow writes `2.0f * M_PI * u`: the product is taken in double precision.
    let v1 = (2.0 * std::f64::consts::PI * unit_f32(x1) as f64) as f32;
    let u2 = (-2.0f32 * u1.ln()).sqrt();
    [v1.sin() * u2, v1.cos() * u2]
}

fn box_muller_f64(w: [u32; 4]) -> [f64; 2] {
    let u1 = unit_f64(w[0], w[1]).max(1.0e-7);
    let v1 = 2.0 * std::f64::consts::PI * unit_f64(w[2], w[3]);
    let u2 = (-2.0 * u1.ln()).sqrt();
    [v1.sin() * u2, v1.cos() * u2]
}

/// `RandomUniform`: floats in [0, 1) of `dtype` (float32 or float64), then `a`.
pub fn uniform(gen: Philox, shape: &[usize], dtype: DType, a: Affine) -> Tensor {
    let n = shape.iter().product();
    if dtype == DType::F64 {
        let a = a.f64();
        let v = fill(gen, n, 1, |mut g| {
            let w = g.next();
            [a(unit_f64(w[0], w[1])), a(unit_f64(w[2], w[3]))]
        });
        return Tensor::from_vec(shape, v);
    }
    let a = a.f32();
    let v = fill(gen, n, 1, |mut g| g.next().map(|x| a(unit_f32(x))));
    Tensor::from_vec(shape, v)
}

/// `RandomStandardNormal`: standard normal floats of `dtype`, then `a`.
pub fn normal(gen: Philox, shape: &[usize], dtype: DType, a: Affine) -> Tensor {
    let n = shape.iter().product();
    if dtype == DType::F64 {
        let a = a.f64();
        let v = fill(gen, n, 1, |mut g| box_muller_f64(g.next()).map(a));
        return Tensor::from_vec(shape, v);
    }
    let a = a.f32();
    let v = fill(gen, n, 1, |mut g| {
        let w = g.next();
        let [p, q] = box_muller_f32(w[0], w[1]);
        let [r, t] = box_muller_f32(w[2], w[3]);
        [a(p), a(q), a(r), a(t)]
    });
    Tensor::from_vec(shape, v)
}

/// `TruncatedNormal`: standard normals redrawn until within two deviations, then `a`.
pub fn truncated_normal(gen: Philox, shape: &[usize], dtype: DType, a: Affine) -> Tensor {
    let n = shape.iter().product();
    if dtype == DType::F64 {
        let a = a.f64();
        let v = fill(gen, n, TRUNCATED_STRIDE / 2, |g| {
            let mut words = Words::new(g);
            let mut out = [0.0f64; 2];
            let mut k = 0;
            loop {
                let w = [(); 4].map(|_| words.next_word());
                for d in box_muller_f64(w) {
                    if d.abs() < 2.0 {
                        out[k] = a(d);
                        k += 1;
                        if k == 2 {
                            return out;
                        }
                    }
                }
            }
        });
        return Tensor::from_vec(shape, v);
    }
    let a = a.f32();
    let v = fill(gen, n, TRUNCATED_STRIDE, |g| {
        let mut words = Words::new(g);
        let mut out = [0.0f32; 4];
        let mut k = 0;
        loop {
            let (x0, x1) = (words.next_word(), words.next_word());
            for f in box_muller_f32(x0, x1) {
                if f.abs() < 2.0 {
                    out[k] = a(f);
                    k += 1;
                    if k == 4 {
                        return out;
                    }
                }
            }
        }
    });
    Tensor::from_vec(shape, v)
}

/// `RandomUniformInt`: integers in [lo, hi) by remainder (int32 from one word, int64 from
/// two). The caller checks `lo < hi`.
pub fn uniform_int(gen: Philox, shape: &[usize], dtype: DType, lo: i64, hi: i64) -> Tensor {
    let n = shape.iter().product();
    if dtype == DType::I64 {
        let range = (hi as u64).wrapping_sub(lo as u64).max(1);
        let draw = |a: u32, b: u32| lo.wrapping_add(((a as u64 | (b as u64) << 32) % range) as i64);
        let v = fill(gen, n, 1, |mut g| {
            let w = g.next();
            [draw(w[0], w[1]), draw(w[2], w[3])]
        });
        return Tensor::from_vec(shape, v);
    }
    let (lo, range) = (lo as i32, (hi as u32).wrapping_sub(lo as u32).max(1));
    let v = fill(gen, n, 1, |mut g| {
        g.next().map(|x| lo.wrapping_add((x % range) as i32))
    });
    Tensor::from_vec(shape, v)
}

/// Philox steps `tf.random.shuffle` reserves for `n` rows (a word per swap).
pub fn shuffle_steps(n: usize) -> u64 {
    (n.saturating_sub(1) as u64).div_ceil(4)
}

/// `RandomShuffle`'s order of `n` rows: swap row `i` with a row drawn from `i..n`.
pub fn permutation(gen: Philox, n: usize) -> Vec<usize> {
    let mut words = Words::new(gen);
    let mut p: Vec<usize> = (0..n).collect();
    for i in 0..n.saturating_sub(1) {
        if i % (1 << 16) == 0 && interrupt::pending() {
            break;
        }
        let j = i + (words.next_word() % (n - i) as u32) as usize;
        p.swap(i, j);
    }
    p
}

/// `hi - lo` computed in `dtype`, as TensorFlow subtracts the two bound tensors.
pub fn difference(dtype: DType, hi: f64, lo: f64) -> f64 {
    match dtype {
        DType::F32 => (hi as f32 - lo as f32) as f64,
        _ => hi - lo,
    }
}

pub(crate) mod tests {
    use super::*;

    /// `tf.random.set_seed(42); tf.random.normal([3])` in TensorFlow 2.15: the op's seeds
    /// are (42, 478163327).
    fn normal_matches_tensorflow() {
        let t = normal(Philox::new(42, 478_163_327), &[3], DType::F32, Affine::NONE);
        let want = [0.327_468_5f32, -0.842_625_8, 0.319_433_7];
        for (a, b) in t.to_f64_vec().iter().map(|&x| x as f32).zip(want) {
            assert!((a - b).abs() < 1e-7, "{a} vs {b}");
        }
    }

    /// `tf.random.stateless_uniform([5], seed=[1, 2])`.
    fn stateless_uniform_matches_tensorflow() {
        let t = uniform(Philox::stateless(1, 2), &[5], DType::F32, Affine::NONE);
        let want = [
            0.844_060_4f32,
            0.192_045_33,
            0.996_223_2,
            0.160_387_4,
            0.271_990_18,
        ];
        for (a, b) in t.to_f64_vec().iter().map(|&x| x as f32).zip(want) {
            assert!((a - b).abs() < 1e-7, "{a} vs {b}");
        }
    }

    unit_cases!(
        normal_matches_tensorflow,
        stateless_uniform_matches_tensorflow
    );
}
