//! A session's randomness. TensorFlow's random ops draw from Philox streams seeded as
//! TensorFlow seeds them (`philox.rs`, samplers in `dists.rs`): the global seed of
//! `tf.random.set_seed`, an operation seed drawn from `random.Random(global seed)` when the
//! op has none, and one stream per op kernel (op, dtype and seeds), which later calls with
//! the same seeds continue, until the next `set_seed` resets them. Keras's initializers
//! take their seeds from the generator `keras.utils.set_random_seed` makes. Draws that
//! TensorFlow makes inside its own graphs (fit's shuffling, the toy datasets) come from a
//! plain seedable stream (`--seed`). `mt19937.rs` is the Mersenne Twister Python, numpy and
//! the operation seeds share.

pub mod dists;
pub mod mt19937;
pub mod philox;

use super::{DType, Tensor};
use mt19937::Mt19937;
use philox::Philox;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

const MAXINT32: i64 = (1 << 31) - 1;
/// The global seed TensorFlow pairs with an operation seed when no global seed is set.
const DEFAULT_GRAPH_SEED: i64 = 87_654_321;
/// Kernels kept (each op without its own seed makes a new one); beyond this the cache is
/// emptied, which only matters to ops called again with the same explicit seeds.
const KERNEL_LIMIT: usize = 1 << 16;

type KernelKey = (&'static str, DType, i64, i64);

/// The random state of one function TensorFlow traced (Keras's train function): the global
/// seed when it was traced, the operation seeds it hands out in order on each run (0, 1, ...
/// per run, as the graph numbered its ops), and its own kernels, whose streams run on from
/// run to run until `set_seed` resets them.
pub struct GraphSeeds {
    global: Option<i64>,
    next: i64,
    kernels: HashMap<KernelKey, Philox>,
    /// The generator's `set_seed` count when the kernels were made.
    resets: u64,
}

pub struct Generator {
    rng: StdRng,
    global_seed: Option<i64>,
    op_seeds: Mt19937,
    kernels: HashMap<KernelKey, Philox>,
    keras_seeds: Option<Mt19937>,
    /// The traced function running now, if any.
    graph: Option<GraphSeeds>,
    resets: u64,
}

impl Generator {
    pub fn new(seed: Option<u64>) -> Generator {
        let rng = match seed {
            Some(s) => StdRng::seed_from_u64(s),
            None => StdRng::from_os_rng(),
        };
        Generator {
            rng,
            global_seed: None,
            op_seeds: Mt19937::default(),
            kernels: HashMap::new(),
            keras_seeds: None,
            graph: None,
            resets: 0,
        }
    }

    /// The state of a function traced now (under the current global seed).
    pub fn trace(&self) -> GraphSeeds {
        GraphSeeds {
            global: self.global_seed,
            next: 0,
            kernels: HashMap::new(),
            resets: self.resets,
        }
    }

    /// Runs ops as part of traced function `g` until [`Generator::leave_graph`]: seedless
    /// ops take the graph's operation seeds, from 0 again on each run.
    pub fn enter_graph(&mut self, mut g: GraphSeeds) {
        if g.resets != self.resets {
            g.kernels.clear();
            g.resets = self.resets;
        }
        g.next = 0;
        self.graph = Some(g);
    }

    pub fn leave_graph(&mut self) -> Option<GraphSeeds> {
        self.graph.take()
    }

    /// `tf.random.set_seed(seed)`: the global seed, a new source of operation seeds, every
    /// kernel's stream reset; the plain stream is reseeded too. `None` unsets the seed.
    pub fn set_global_seed(&mut self, seed: Option<i64>) {
        self.global_seed = seed;
        self.kernels.clear();
        self.resets += 1;
        if let Some(seed) = seed {
            self.op_seeds = Mt19937::python_seeded(seed);
            self.reseed(seed as u64);
        }
    }

    /// The part of `keras.utils.set_random_seed` that seeds Keras's own seed generator.
    pub fn set_keras_seed(&mut self, seed: i64) {
        self.keras_seeds = Some(Mt19937::python_seeded(seed));
    }

    /// A seed for an unseeded Keras initializer from Keras's seed generator
    /// (`randint(1, 1e9)`), or None when `keras.utils.set_random_seed` was not called.
    pub fn keras_seed(&mut self) -> Option<i64> {
        self.keras_seeds
            .as_mut()
            .map(|g| 1 + g.below(1_000_000_000) as i64)
    }

    /// TensorFlow's `get_seed`: the (seed, seed2) pair an op uses, None for "random".
    /// Inside a traced function, a seedless op takes the graph's next operation seed.
    pub fn op_seeds(&mut self, op_seed: Option<i64>) -> Option<(i64, i64)> {
        let global = match &self.graph {
            Some(g) => g.global,
            None => self.global_seed,
        };
        let seeds = match (global, op_seed) {
            (Some(g), op) => {
                let op = op.unwrap_or_else(|| match &mut self.graph {
                    Some(graph) => {
                        graph.next += 1;
                        graph.next - 1
                    }
                    None => self.op_seeds.below(1 << 31) as i64,
                });
                (g.rem_euclid(MAXINT32), op.rem_euclid(MAXINT32))
            }
            (None, Some(op)) => (DEFAULT_GRAPH_SEED, op.rem_euclid(MAXINT32)),
            (None, None) => return None,
        };
        Some(if seeds == (0, 0) {
            (0, MAXINT32)
        } else {
            seeds
        })
    }

    /// The stream one call of a stateful op draws from: its kernel's stream, which moves
    /// on by `steps` Philox steps for the next call.
    pub fn stateful(
        &mut self,
        op: &'static str,
        dtype: DType,
        op_seed: Option<i64>,
        steps: u64,
    ) -> Philox {
        let seeds = self.op_seeds(op_seed);
        let (a, b) = seeds.unwrap_or((0, 0));
        let key = (op, dtype, a, b);
        let kernels = match &mut self.graph {
            Some(g) => &mut g.kernels,
            None => &mut self.kernels,
        };
        if kernels.len() >= KERNEL_LIMIT && !kernels.contains_key(&key) {
            kernels.clear();
        }
        let rng = &mut self.rng;
        let kernel = kernels.entry(key).or_insert_with(|| match seeds {
            Some((a, b)) => Philox::new(a as u64, b as u64),
            None => Philox::new(rng.random(), rng.random()),
        });
        let out = *kernel;
        kernel.skip(steps);
        out
    }

    /// Two random seeds, for a stream no seed fixes (TensorFlow's `random::New64`).
    pub fn fresh_seeds(&mut self) -> (u64, u64) {
        (self.rng.random(), self.rng.random())
    }

    /// The stream of the first seedless random op in a function graph TensorFlow traces: its
    /// operation seed is the graph's own counter, 0, not one from the eager source. Keras's
    /// `fit` shuffles each epoch's indices with such an op, whose stream runs on from epoch
    /// to epoch.
    pub fn graph_stream(&mut self) -> Philox {
        match self.global_seed {
            Some(g) => {
                let a = g.rem_euclid(MAXINT32);
                Philox::new(a as u64, if a == 0 { MAXINT32 as u64 } else { 0 })
            }
            None => {
                let (a, b) = self.fresh_seeds();
                Philox::new(a, b)
            }
        }
    }

    /// The steps a stateful op reserves for `n` outputs (TensorFlow reserves 256 each).
    pub fn output_steps(n: usize) -> u64 {
        (n as u64).saturating_mul(256)
    }

    /// `tf.random.uniform(shape, dtype=dtype, seed=op_seed)`: floats in [0, 1), as
    /// TensorFlow's dropout draws its mask.
    pub fn uniform_op(&mut self, shape: &[usize], dtype: DType, op_seed: Option<i64>) -> Tensor {
        let n = shape.iter().product();
        let g = self.stateful("RandomUniform", dtype, op_seed, Self::output_steps(n));
        dists::uniform(g, shape, dtype, dists::Affine::NONE)
    }

    /// `tf.random.normal(shape, mean, stddev, dtype, seed=op_seed)`.
    pub fn normal_op(
        &mut self,
        shape: &[usize],
        mean: f64,
        stddev: f64,
        dtype: DType,
        op_seed: Option<i64>,
    ) -> Tensor {
        let n = shape.iter().product();
        let g = self.stateful(
            "RandomStandardNormal",
            dtype,
            op_seed,
            Self::output_steps(n),
        );
        dists::normal(g, shape, dtype, dists::Affine::new(stddev, mean))
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
