//! The one seedable generator behind every random op (`--seed`, `tf.random.set_seed`), and
//! the distributions TensorFlow offers: normal, uniform, truncated normal, shuffle.

use super::{DType, Tensor};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub struct Generator {
    rng: StdRng,
}

impl Generator {
    pub fn new(seed: Option<u64>) -> Generator {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Generator { rng }
    }

    pub fn reseed(&mut self, seed: u64) {
        self.rng = StdRng::seed_from_u64(seed);
    }

    /// A standard normal draw (Box-Muller on two uniforms).
    fn std_normal(&mut self) -> f64 {
        loop {
            let u1: f64 = self.rng.random();
            let u2: f64 = self.rng.random();
            if u1 > 0.0 {
                return (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            }
        }
    }

    pub fn normal(&mut self, shape: &[usize], mean: f64, std: f64, dtype: DType) -> Tensor {
        Tensor::from_f64_fn(dtype, shape, || mean + std * self.std_normal())
    }

    /// Normal draws, redrawn until within two standard deviations.
    pub fn truncated_normal(
        &mut self,
        shape: &[usize],
        mean: f64,
        std: f64,
        dtype: DType,
    ) -> Tensor {
        Tensor::from_f64_fn(dtype, shape, || loop {
            let z = self.std_normal();
            if z.abs() <= 2.0 {
                break mean + std * z;
            }
        })
    }

    /// Uniform in [min, max); integer dtypes draw integers.
    pub fn uniform(&mut self, shape: &[usize], min: f64, max: f64, dtype: DType) -> Tensor {
        if dtype.is_float() {
            Tensor::from_f64_fn(dtype, shape, || {
                let u: f64 = self.rng.random();
                let x = min + (max - min) * u;
                if x >= max {
                    min
                } else {
                    x
                }
            })
        } else {
            let (lo, hi) = (min as i64, max as i64);
            Tensor::from_f64_fn(dtype, shape, || {
                if hi > lo {
                    self.rng.random_range(lo..hi) as f64
                } else {
                    lo as f64
                }
            })
        }
    }

    /// A random permutation of 0..n.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = self.rng.random_range(0..=i);
            p.swap(i, j);
        }
        p
    }

    pub fn uniform01(&mut self) -> f64 {
        self.rng.random()
    }
}
