//! Weight initializers with Keras's formulas: Glorot (Xavier), He and LeCun in their uniform
//! and (truncated) normal forms, zeros, ones, constant, random normal and uniform, orthogonal.

use crate::api::convert::f64_arg;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::tensor::random::dists::{self, Affine};
use crate::tensor::random::philox::Philox;
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Init {
    Zeros,
    Ones,
    Constant(f64),
    /// Keras's VarianceScaling: scale, mode (fan_in/fan_out/fan_avg), uniform or truncated normal.
    Variance {
        scale: f64,
        mode: &'static str,
        uniform: bool,
        class: &'static str,
        seed: Seed,
    },
    RandomNormal {
        mean: f64,
        stddev: f64,
        seed: Seed,
    },
    RandomUniform {
        minval: f64,
        maxval: f64,
        seed: Seed,
    },
    TruncatedNormal {
        mean: f64,
        stddev: f64,
        seed: Seed,
    },
    /// A random orthogonal matrix (the QR factor of a normal draw) times `gain`.
    Orthogonal {
        gain: f64,
        seed: Seed,
    },
    /// Zeros of a fixed dtype, whatever dtype the layer asks for (an `int64` counter).
    ZerosOf(DType),
    /// A Python callable `f(shape, dtype=None)` given as the initializer.
    Callable(UserInit),
}

/// A random initializer's seed as Keras keeps it: the user's, else one drawn at the first
/// draw and kept, so an initializer object gives the same values every time it is called
/// (Keras warns about that), and layers sharing one object get equal weights. Copies of
/// one `Init` share the drawn seed, as they are one Keras object.
#[derive(Clone, Debug, Default)]
pub struct Seed {
    user: Option<i64>,
    drawn: Rc<Cell<Option<i64>>>,
}

impl PartialEq for Seed {
    fn eq(&self, other: &Seed) -> bool {
        self.user == other.user
    }
}

impl Seed {
    pub fn new(user: Option<i64>) -> Seed {
        Seed {
            user,
            drawn: Rc::default(),
        }
    }

    /// From a `seed=` argument or config entry.
    pub fn from_value(v: &Value) -> R<Seed> {
        Ok(Seed::new(match v {
            Value::None => None,
            v => Some(crate::api::convert::i64_arg(v, "seed")?),
        }))
    }

    fn config(&self) -> Value {
        self.user.map_or(Value::None, Value::Int)
    }

    /// Keras's `_create_seed`: the user's seed, else `randint(1, 1e9)` from the generator
    /// `keras.utils.set_random_seed` made, else from Python's `random` module.
    fn value(&self, it: &mut Interp) -> R<i64> {
        if let Some(s) = self.user.or(self.drawn.get()) {
            return Ok(s);
        }
        let s = match it.rng.keras_seed() {
            Some(s) => s,
            None => {
                let random = it.import_module("random")?;
                let randint = it.get_attr(&random, "randint")?;
                let v = it.call(
                    &randint,
                    Args::new(vec![Value::Int(1), Value::Int(1_000_000_000)]),
                )?;
                crate::api::convert::i64_arg(&v, "seed")?
            }
        };
        self.drawn.set(Some(s));
        Ok(s)
    }

    /// The stateless stream `[seed, 0]` Keras's initializers draw from.
    fn stream(&self, it: &mut Interp) -> R<Philox> {
        Ok(Philox::stateless(self.value(it)?, 0))
    }
}

/// A user function used as an initializer; equal when it is the same function.
#[derive(Clone)]
pub struct UserInit(pub Value);

impl std::fmt::Debug for UserInit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserInit")
    }
}

impl PartialEq for UserInit {
    fn eq(&self, other: &UserInit) -> bool {
        self.0.identity() == other.0.identity()
    }
}

/// A `{key: value}` dict in insertion order.
pub(crate) fn dict_of(items: Vec<(&str, Value)>) -> Value {
    let mut d = crate::eval::value::Dict::default();
    for (k, v) in items {
        // String keys always hash.
        let _ = d.insert(Value::str(k), v);
    }
    Value::Dict(Rc::new(std::cell::RefCell::new(d)))
}

impl Init {
    /// The serialized form Keras 2.15's `get_config` shows:
    /// `{'module': 'keras.initializers', 'class_name': 'Ones', 'config': {}, 'registered_name': None}`.
    pub fn config_value(&self) -> Value {
        if let Init::Callable(UserInit(func)) = self {
            // Serialized when the config dict is built (a user class's `get_config()`).
            return crate::nn::serial::pending(func);
        }
        let f = Value::Float;
        let (class, config): (&str, Vec<(&str, Value)>) = match self {
            Init::Zeros | Init::ZerosOf(_) => ("Zeros", vec![]),
            Init::Ones => ("Ones", vec![]),
            Init::Constant(v) => ("Constant", vec![("value", f(*v))]),
            Init::Variance {
                scale,
                mode,
                uniform,
                class,
                seed,
            } => {
                if *class == "VarianceScaling" {
                    let dist = if *uniform {
                        "uniform"
                    } else {
                        "truncated_normal"
                    };
                    (
                        "VarianceScaling",
                        vec![
                            ("scale", f(*scale)),
                            ("mode", Value::str(mode)),
                            ("distribution", Value::str(dist)),
                            ("seed", seed.config()),
                        ],
                    )
                } else {
                    (class, vec![("seed", seed.config())])
                }
            }
            Init::RandomNormal { mean, stddev, seed } => (
                "RandomNormal",
                vec![
                    ("mean", f(*mean)),
                    ("stddev", f(*stddev)),
                    ("seed", seed.config()),
                ],
            ),
            Init::RandomUniform {
                minval,
                maxval,
                seed,
            } => (
                "RandomUniform",
                vec![
                    ("minval", f(*minval)),
                    ("maxval", f(*maxval)),
                    ("seed", seed.config()),
                ],
            ),
            Init::TruncatedNormal { mean, stddev, seed } => (
                "TruncatedNormal",
                vec![
                    ("mean", f(*mean)),
                    ("stddev", f(*stddev)),
                    ("seed", seed.config()),
                ],
            ),
            Init::Orthogonal { gain, seed } => (
                "Orthogonal",
                vec![("gain", f(*gain)), ("seed", seed.config())],
            ),
            Init::Callable(_) => ("function", vec![]),
        };
        dict_of(vec![
            ("module", Value::str("keras.initializers")),
            ("class_name", Value::str(class)),
            ("config", dict_of(config)),
            ("registered_name", Value::None),
        ])
    }

    /// The TensorFlow op that draws this initializer's values (for OOM messages).
    fn op_name(&self) -> &'static str {
        match self {
            Init::Zeros | Init::Ones | Init::Constant(_) | Init::ZerosOf(_) => "Fill",
            Init::Variance { uniform: true, .. } | Init::RandomUniform { .. } => "RandomUniform",
            Init::Variance { .. } | Init::TruncatedNormal { .. } => "TruncatedNormal",
            _ => "RandomStandardNormal",
        }
    }

    pub fn by_name(name: &str) -> Option<Init> {
        let v = |scale, mode, uniform, class| Init::Variance {
            scale,
            mode,
            uniform,
            class,
            seed: Seed::default(),
        };
        Some(match name {
            "zeros" | "Zeros" => Init::Zeros,
            "ones" | "Ones" => Init::Ones,
            "glorot_uniform" | "GlorotUniform" => v(1.0, "fan_avg", true, "GlorotUniform"),
            "glorot_normal" | "GlorotNormal" => v(1.0, "fan_avg", false, "GlorotNormal"),
            "he_normal" | "HeNormal" => v(2.0, "fan_in", false, "HeNormal"),
            "he_uniform" | "HeUniform" => v(2.0, "fan_in", true, "HeUniform"),
            "lecun_normal" | "LecunNormal" => v(1.0, "fan_in", false, "LecunNormal"),
            "lecun_uniform" | "LecunUniform" => v(1.0, "fan_in", true, "LecunUniform"),
            "random_normal" | "RandomNormal" => Init::RandomNormal {
                mean: 0.0,
                stddev: 0.05,
                seed: Seed::default(),
            },
            "random_uniform" | "RandomUniform" => Init::RandomUniform {
                minval: -0.05,
                maxval: 0.05,
                seed: Seed::default(),
            },
            "truncated_normal" | "TruncatedNormal" => Init::TruncatedNormal {
                mean: 0.0,
                stddev: 0.05,
                seed: Seed::default(),
            },
            "orthogonal" | "Orthogonal" => Init::Orthogonal {
                gain: 1.0,
                seed: Seed::default(),
            },
            _ => return None,
        })
    }

    /// The same initializer with seed `s` (random kinds only).
    pub fn with_seed(mut self, s: Seed) -> Init {
        match &mut self {
            Init::Variance { seed, .. }
            | Init::RandomNormal { seed, .. }
            | Init::RandomUniform { seed, .. }
            | Init::TruncatedNormal { seed, .. }
            | Init::Orthogonal { seed, .. } => *seed = s,
            _ => {}
        }
        self
    }

    /// From an `initializer=` argument; None is glorot_uniform, as Keras's `add_weight`
    /// gives float weights without an initializer.
    pub(crate) fn from_value(v: Option<Value>) -> R<Init> {
        match v {
            None | Some(Value::None) => Ok(Init::by_name("glorot_uniform").unwrap_or(Init::Zeros)),
            Some(Value::Str(s)) => {
                Init::by_name(&s).ok_or_else(|| value_err(format!("Unknown initializer: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope.", s)))
            }
            Some(d @ Value::Dict(_)) => Init::from_config_dict(&d),
            Some(o) => match o.as_object::<InitObject>() {
                Some(i) => Ok(i.0.clone()),
                None if matches!(o, Value::Function(_) | Value::Bound(_) | Value::Instance(_)) => {
                    Ok(Init::Callable(UserInit(o)))
                }
                None => Err(type_err(format!("Could not interpret initializer identifier: {}", o.type_name()))),
            },
        }
    }

    /// A serialized initializer (`{'class_name': 'RandomNormal', 'config': {...}}`), as
    /// `initializers.get` reads one from a saved config.
    fn from_config_dict(d: &Value) -> R<Init> {
        let field = |d: &Value, k: &str| match d {
            Value::Dict(d) => d.borrow().get(&Value::str(k)).ok().flatten(),
            _ => None,
        };
        let class = match field(d, "class_name") {
            Some(Value::Str(s)) => s.to_string(),
            _ => {
                return Err(value_err(
                    "Improper config format: the initializer has no 'class_name'",
                ))
            }
        };
        let config = field(d, "config").unwrap_or(Value::None);
        let num = |k: &str, default: f64| -> R<f64> {
            match field(&config, k) {
                Some(Value::None) | None => Ok(default),
                Some(v) => f64_arg(&v, k),
            }
        };
        let seed = Seed::from_value(&field(&config, "seed").unwrap_or(Value::None))?;
        let init = match class.as_str() {
            "Constant" | "constant" => Init::Constant(num("value", 0.0)?),
            "RandomNormal" | "random_normal" => Init::RandomNormal {
                mean: num("mean", 0.0)?,
                stddev: num("stddev", 0.05)?,
                seed,
            },
            "RandomUniform" | "random_uniform" => Init::RandomUniform {
                minval: num("minval", -0.05)?,
                maxval: num("maxval", 0.05)?,
                seed,
            },
            "TruncatedNormal" | "truncated_normal" => Init::TruncatedNormal {
                mean: num("mean", 0.0)?,
                stddev: num("stddev", 0.05)?,
                seed,
            },
            "Orthogonal" | "orthogonal" => Init::Orthogonal {
                gain: num("gain", 1.0)?,
                seed,
            },
            "VarianceScaling" => {
                let text = |k: &str, default: &'static str| -> &'static str {
                    match field(&config, k) {
                        Some(Value::Str(s)) => ["fan_in", "fan_out", "fan_avg", "uniform", "truncated_normal", "normal", "untruncated_normal"]
                            .into_iter()
                            .find(|x| **x == *s)
                            .unwrap_or(default),
                        _ => default,
                    }
                };
                Init::Variance {
                    scale: num("scale", 1.0)?,
                    mode: text("mode", "fan_in"),
                    uniform: text("distribution", "truncated_normal") == "uniform",
                    class: "VarianceScaling",
                    seed,
                }
            }
            other => Init::by_name(other).ok_or_else(|| {
                value_err(format!("Unknown initializer: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.", other))
            })?
            .with_seed(seed),
        };
        Ok(init)
    }

    /// Draws a tensor of `shape`.
    pub fn sample(&self, it: &mut Interp, shape: &[usize], dtype: DType) -> R<Tensor> {
        crate::tensor::alloc::check(shape, dtype, self.op_name())?;
        Ok(match self {
            Init::Callable(f) => {
                let dims = Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect());
                let mut args = crate::eval::value::Args::new(vec![dims]);
                args.kw.push(("dtype".into(), Value::DType(dtype)));
                let v = it.call(&f.0, args)?;
                let t = crate::api::convert::to_tensor(it, &v, None)?.cast(dtype);
                if t.shape() != shape {
                    return Err(value_err(format!(
                        "The initializer returned a tensor of shape {} for a weight of shape {}",
                        crate::print::shape_tuple(t.shape()),
                        crate::print::shape_tuple(shape)
                    )));
                }
                t
            }
            Init::Zeros => Tensor::zeros(dtype, shape),
            Init::ZerosOf(d) => Tensor::zeros(*d, shape),
            Init::Ones => Tensor::full(dtype, shape, 1.0),
            Init::Constant(c) => Tensor::full(dtype, shape, *c),
            Init::RandomNormal { mean, stddev, seed } => {
                let a = Affine::new(*stddev, *mean);
                cast(
                    dists::normal(seed.stream(it)?, shape, float(dtype), a),
                    dtype,
                )
            }
            Init::RandomUniform {
                minval,
                maxval,
                seed,
            } => uniform(seed.stream(it)?, shape, dtype, *minval, *maxval),
            Init::TruncatedNormal { mean, stddev, seed } => {
                let a = Affine::new(*stddev, *mean);
                cast(
                    dists::truncated_normal(seed.stream(it)?, shape, float(dtype), a),
                    dtype,
                )
            }
            Init::Orthogonal { gain, seed } => orthogonal(it, shape, *gain, dtype, seed)?,
            Init::Variance {
                scale,
                mode,
                uniform: is_uniform,
                seed,
                ..
            } => {
                let (fan_in, fan_out) = fans(shape);
                let n = match *mode {
                    "fan_in" => fan_in,
                    "fan_out" => fan_out,
                    _ => (fan_in + fan_out) / 2.0,
                };
                let s = scale / n.max(1.0);
                let g = seed.stream(it)?;
                if *is_uniform {
                    let limit = (3.0 * s).sqrt();
                    uniform(g, shape, dtype, -limit, limit)
                } else {
                    // The stddev of a normal truncated at two deviations is 0.8796 of the untruncated.
                    let stddev = s.sqrt() / 0.879_625_661_034_239_8;
                    let a = Affine::new(stddev, 0.0);
                    cast(dists::truncated_normal(g, shape, float(dtype), a), dtype)
                }
            }
        })
    }
}

/// The float dtype a draw is made in (float64 stays; anything else draws float32).
fn float(dtype: DType) -> DType {
    if dtype == DType::F64 {
        DType::F64
    } else {
        DType::F32
    }
}

/// `t` as `dtype` (a float draw made for an integer weight).
fn cast(t: Tensor, dtype: DType) -> Tensor {
    if t.dtype() == dtype {
        t
    } else {
        t.cast(dtype)
    }
}

/// `stateless_uniform(shape, minval, maxval)`: `rnd * (maxval - minval) + minval`.
fn uniform(g: Philox, shape: &[usize], dtype: DType, lo: f64, hi: f64) -> Tensor {
    let d = float(dtype);
    let a = Affine::new(dists::difference(d, hi, lo), lo);
    cast(dists::uniform(g, shape, d, a), dtype)
}

/// Keras's `Orthogonal`: a `[max(r, c), min(r, c)]` standard normal draw (rows `r` the
/// product of all dims but the last, `c` the last), its QR factor `Q` with the signs of
/// `R`'s diagonal taken out (Gram-Schmidt gives them positive), transposed when `r < c`.
fn orthogonal(it: &mut Interp, shape: &[usize], gain: f64, dtype: DType, seed: &Seed) -> R<Tensor> {
    if shape.len() < 2 {
        return Err(value_err(format!(
            "The tensor to initialize must be at least two-dimensional. Received: shape={}",
            crate::print::shape_tuple(shape)
        )));
    }
    let cols = shape[shape.len() - 1];
    let rows: usize = shape[..shape.len() - 1].iter().product();
    let (n, k) = (rows.max(cols), rows.min(cols));
    let a = dists::normal(seed.stream(it)?, &[n, k], float(dtype), Affine::NONE).to_f64_vec();
    // Column j of the draw is a[i * k + j]; q holds the orthonormal columns the same way.
    let mut q = a;
    for j in 0..k {
        for p in 0..j {
            let dot: f64 = (0..n).map(|i| q[i * k + p] * q[i * k + j]).sum();
            for i in 0..n {
                q[i * k + j] -= dot * q[i * k + p];
            }
        }
        let norm = (0..n)
            .map(|i| q[i * k + j] * q[i * k + j])
            .sum::<f64>()
            .sqrt();
        for i in 0..n {
            q[i * k + j] /= norm.max(f64::MIN_POSITIVE);
        }
    }
    let out: Vec<f64> = if rows < cols {
        // The transpose: [k, n] = [rows, cols].
        (0..k)
            .flat_map(|r| (0..n).map(move |c| (r, c)))
            .map(|(r, c)| gain * q[c * k + r])
            .collect()
    } else {
        q.iter().map(|v| gain * v).collect()
    };
    Ok(Tensor::from_f64s(dtype, shape, &out))
}

/// Keras's fan computation: dense kernels (in, out); conv kernels multiply the receptive field.
pub fn fans(shape: &[usize]) -> (f64, f64) {
    match shape.len() {
        0 => (1.0, 1.0),
        1 => (shape[0] as f64, shape[0] as f64),
        2 => (shape[0] as f64, shape[1] as f64),
        n => {
            let rf: usize = shape[..n - 2].iter().product();
            ((shape[n - 2] * rf) as f64, (shape[n - 1] * rf) as f64)
        }
    }
}

/// An initializer object: `tf.keras.initializers.GlorotUniform()`, callable with a shape.
pub(crate) struct InitObject(pub Init);

impl Object for InitObject {
    fn type_name(&self) -> String {
        match &self.0 {
            Init::Zeros | Init::ZerosOf(_) => "Zeros".into(),
            Init::Ones => "Ones".into(),
            Init::Constant(_) => "Constant".into(),
            Init::Variance { class, .. } => class.to_string(),
            Init::RandomNormal { .. } => "RandomNormal".into(),
            Init::RandomUniform { .. } => "RandomUniform".into(),
            Init::TruncatedNormal { .. } => "TruncatedNormal".into(),
            Init::Orthogonal { .. } => "Orthogonal".into(),
            Init::Callable(_) => "function".into(),
        }
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if name != "get_config" {
            return Ok(None);
        }
        Ok(Some(Value::method(
            this.clone(),
            "get_config",
            |it, recv, _, a| {
                a.bind::<0>("get_config", [])?;
                let Some(i) = recv.as_object::<InitObject>() else {
                    return Ok(Value::None);
                };
                // The `config` part of the serialized entry.
                let entry = crate::nn::serial::resolve(it, i.0.config_value())?;
                Ok(match &entry {
                    Value::Dict(d) => d
                        .borrow()
                        .get(&Value::str("config"))?
                        .unwrap_or(Value::None),
                    _ => Value::None,
                })
            },
        )))
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let [shape, dtype] = args.bind("__call__", ["shape", "dtype=None"])?;
        let dims = crate::api::tf_core::dims_arg(it, &shape.unwrap_or(Value::None))?;
        let d = crate::api::dtype_or(dtype, DType::F32)?;
        Ok(Value::Tensor(self.0.sample(it, &dims, d)?))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<keras.src.initializers.initializers.{} object>",
            self.type_name()
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn obj(i: Init) -> R<Value> {
    Ok(Value::Object(Rc::new(InitObject(i))))
}

crate::builtin! {
    /// Initializer that generates tensors initialized to 0.
    python ["tf.keras.initializers.Zeros", "tf.keras.initializers.zeros"]
    fn Zeros(it) {
        obj(Init::Zeros)
    }
}

crate::builtin! {
    /// Initializer that generates tensors initialized to 1.
    python ["tf.keras.initializers.Ones", "tf.keras.initializers.ones"]
    fn Ones(it) {
        obj(Init::Ones)
    }
}

crate::builtin! {
    /// Initializer that generates tensors with constant values.
    python ["tf.keras.initializers.Constant", "tf.keras.initializers.constant"]
    fn Constant(it, value = 0) {
        obj(Init::Constant(f64_arg(&value, "value")?))
    }
}

crate::builtin! {
    /// The Glorot uniform initializer, also called Xavier uniform initializer.
    python ["tf.keras.initializers.GlorotUniform", "tf.keras.initializers.glorot_uniform"]
    fn GlorotUniform(it, seed = None) {
        obj(Init::by_name("glorot_uniform").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// The Glorot normal initializer, also called Xavier normal initializer.
    python ["tf.keras.initializers.GlorotNormal", "tf.keras.initializers.glorot_normal"]
    fn GlorotNormal(it, seed = None) {
        obj(Init::by_name("glorot_normal").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// He normal initializer.
    python ["tf.keras.initializers.HeNormal", "tf.keras.initializers.he_normal"]
    fn HeNormal(it, seed = None) {
        obj(Init::by_name("he_normal").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// He uniform variance scaling initializer.
    python ["tf.keras.initializers.HeUniform", "tf.keras.initializers.he_uniform"]
    fn HeUniform(it, seed = None) {
        obj(Init::by_name("he_uniform").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// Lecun normal initializer.
    python ["tf.keras.initializers.LecunNormal", "tf.keras.initializers.lecun_normal"]
    fn LecunNormal(it, seed = None) {
        obj(Init::by_name("lecun_normal").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// Lecun uniform initializer.
    python ["tf.keras.initializers.LecunUniform", "tf.keras.initializers.lecun_uniform"]
    fn LecunUniform(it, seed = None) {
        obj(Init::by_name("lecun_uniform").unwrap_or(Init::Zeros).with_seed(Seed::from_value(&seed)?))
    }
}

crate::builtin! {
    /// Initializer that generates tensors with a normal distribution.
    python ["tf.keras.initializers.RandomNormal", "tf.keras.initializers.random_normal"]
    fn RandomNormal(it, mean = 0.0, stddev = 0.05, seed = None) {
        obj(Init::RandomNormal {
            mean: f64_arg(&mean, "mean")?,
            stddev: f64_arg(&stddev, "stddev")?,
            seed: Seed::from_value(&seed)?,
        })
    }
}

crate::builtin! {
    /// Initializer that generates tensors with a uniform distribution.
    python ["tf.keras.initializers.RandomUniform", "tf.keras.initializers.random_uniform"]
    fn RandomUniform(it, minval = -0.05, maxval = 0.05, seed = None) {
        obj(Init::RandomUniform {
            minval: f64_arg(&minval, "minval")?,
            maxval: f64_arg(&maxval, "maxval")?,
            seed: Seed::from_value(&seed)?,
        })
    }
}

crate::builtin! {
    /// Initializer that generates a truncated normal distribution.
    python ["tf.keras.initializers.TruncatedNormal", "tf.keras.initializers.truncated_normal"]
    fn TruncatedNormal(it, mean = 0.0, stddev = 0.05, seed = None) {
        obj(Init::TruncatedNormal {
            mean: f64_arg(&mean, "mean")?,
            stddev: f64_arg(&stddev, "stddev")?,
            seed: Seed::from_value(&seed)?,
        })
    }
}

crate::builtin! {
    /// Initializer that generates an orthogonal matrix.
    python ["tf.keras.initializers.Orthogonal", "tf.keras.initializers.orthogonal"]
    fn Orthogonal(it, gain = 1.0, seed = None) {
        obj(Init::Orthogonal {
            gain: f64_arg(&gain, "gain")?,
            seed: Seed::from_value(&seed)?,
        })
    }
}
