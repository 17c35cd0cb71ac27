//! What Keras's image preprocessing layers share: their random generator (Keras's
//! `RandomGenerator` with `force_generator=True`, a `tf.random.Generator` seeded from the
//! layer's `seed`, drawn from exactly as TensorFlow's stateful Philox ops draw), and calls
//! into `tf.image`'s functions.

use crate::eval::value::Args;
use crate::eval::{Interp, Value, R};
use crate::tensor::random::dists::{self, Affine};
use crate::tensor::random::philox::Philox;
use crate::tensor::{DType, Tensor};
use std::cell::Cell;

/// A layer's generator: `None` until first drawn from, then the Philox state
/// `[counter_lo, counter_hi, key]` of `tf.random.Generator.from_seed(seed)`.
pub struct ImageRng {
    pub seed: Option<i64>,
    state: Cell<Option<[u64; 3]>>,
}

impl ImageRng {
    pub fn new(seed: Option<i64>) -> ImageRng {
        ImageRng {
            seed,
            state: Cell::new(None),
        }
    }

    /// The generator's stream, seeding it on first use as Keras does (the layer's seed, else
    /// Keras's seed generator, else a fresh random seed).
    fn stream(&self, it: &mut Interp) -> Philox {
        let state = match self.state.get() {
            Some(s) => s,
            None => {
                let seed = match self.seed.or_else(|| it.rng.keras_seed()) {
                    Some(s) => s,
                    None => 1 + (it.rng.uniform01() * 999_999_999.0) as i64,
                };
                [seed as u64, 0, 0]
            }
        };
        Philox::from_state(state)
    }

    /// Moves the state on past `n` drawn elements (TensorFlow skips 256 steps an element).
    fn advance(&self, mut g: Philox, key: u64, n: usize) {
        g.skip(n as u64 * 256);
        let [lo, hi] = g.counter_halves();
        self.state.set(Some([lo, hi, key]));
    }

    fn key(&self, it: &mut Interp) -> u64 {
        self.state.get().map_or(0, |s| {
            let _ = it;
            s[2]
        })
    }

    /// `generator.uniform(shape, minval, maxval)` in float32.
    pub fn uniform(&self, it: &mut Interp, shape: &[usize], lo: f64, hi: f64) -> Tensor {
        let key = self.key(it);
        let g = self.stream(it);
        let (lo32, hi32) = (lo as f32, hi as f32);
        let t = dists::uniform(
            g,
            shape,
            DType::F32,
            Affine::new((hi32 - lo32) as f64, lo32 as f64),
        );
        self.advance(g, key, shape.iter().product());
        t
    }

    /// `generator.uniform(shape, 0, maxval, dtype=int32)`.
    pub fn uniform_int(&self, it: &mut Interp, shape: &[usize], hi: i64) -> Tensor {
        let key = self.key(it);
        let g = self.stream(it);
        let t = dists::uniform_int(g, shape, DType::I32, 0, hi);
        self.advance(g, key, shape.iter().product());
        t
    }

    /// `generator.make_seeds()[:, 0]`: a seed for a stateless op, `[key, 0]` with the key
    /// one full 64-bit draw.
    pub fn make_seed(&self, it: &mut Interp) -> Tensor {
        let key = self.key(it);
        let g = self.stream(it);
        let w = { g }.next();
        let a = w[0] as u64 | (w[1] as u64) << 32;
        self.advance(g, key, 1);
        Tensor::from_vec(&[2], vec![a as i64, 0])
    }
}

/// Calls `tf.image`'s function `name` (or one of its private helpers) on `args`.
pub fn image_op(it: &mut Interp, name: &str, args: Vec<Value>) -> R<Tensor> {
    let Some(f) = crate::api::tf_image::function(it, name) else {
        return crate::eval::error::raise(
            crate::errors::ExcKind::AttributeError,
            format!("module 'tensorflow.image' has no attribute '{}'", name),
        );
    };
    let v = it.call(&f, Args::new(args))?;
    crate::nn::layer::tensor_arg(it, &v)
}

/// A layer's `seed=`: None or an integer.
pub fn seed_arg(v: &Value) -> R<Option<i64>> {
    match v {
        Value::None => Ok(None),
        other => Ok(Some(crate::api::convert::i64_arg(other, "seed")?)),
    }
}

/// `[h, w]` replaced in an image shape (`[..., h, w, c]`).
pub fn with_hw(shape: &[Option<usize>], h: usize, w: usize) -> Vec<Option<usize>> {
    let mut s = shape.to_vec();
    let n = s.len();
    if n >= 3 {
        s[n - 3] = Some(h);
        s[n - 2] = Some(w);
    }
    s
}

/// Whether a random layer augments: asked to train, or called without `training`.
pub fn augments(training: bool) -> bool {
    training || crate::nn::layer::training_unset()
}
