//! `tf.data`: the `Dataset` class and its transformations, `tf.TensorSpec`, `Options` and
//! the `experimental` helpers. Datasets are classes users pass around, subclass and call
//! with their own functions, so they are written in Python (`pysrc/*.py`) and built, on
//! first use of `tf.data` or `tf.TensorSpec`, into the module
//! `tensorflow.python.data.ops.dataset_ops`. What the Python needs from the runtime is
//! here: TensorFlow's seeds for a shuffle (`_op_seeds`), its Philox word stream
//! (`_words`), a shuffle's order of rows computed at once (`_shuffle_order`, so batches of
//! a shuffled `from_tensor_slices` are gathered, not stacked row by row), and calling a
//! function with its output muted (`_quiet`, for the runs that
//! learn a mapped function's element spec, which TensorFlow learns by tracing). Keras's
//! `timeseries_dataset_from_array`, `image_dataset_from_directory` and
//! `text_dataset_from_directory` are written over the same classes and set on
//! `keras.utils` and `keras.preprocessing` when first reached.

use crate::eval::error::{type_err, R};
use crate::eval::iter::{iter_object, PyIter};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::random::philox::{Philox, Words};
use std::rc::Rc;

const SOURCES: [&str; 7] = [
    include_str!("pysrc/structure.py"),
    include_str!("pysrc/dataset.py"),
    include_str!("pysrc/ops.py"),
    include_str!("pysrc/ops_more.py"),
    include_str!("pysrc/text.py"),
    include_str!("pysrc/timeseries.py"),
    include_str!("pysrc/from_directory.py"),
];

/// Keras's dataset utilities written over the same classes (`pysrc/timeseries.py`,
/// `pysrc/from_directory.py`), and the Keras modules that export them.
const KERAS_KEYS: [&str; 6] = [
    "keras.utils.timeseries_dataset_from_array",
    "keras.preprocessing.timeseries_dataset_from_array",
    "keras.utils.image_dataset_from_directory",
    "keras.preprocessing.image_dataset_from_directory",
    "keras.utils.text_dataset_from_directory",
    "keras.preprocessing.text_dataset_from_directory",
];

/// Where TensorFlow defines the dataset classes; tensh builds them all there.
const OPS_MODULE: &str = "tensorflow.python.data.ops.dataset_ops";

/// What `tf.data` exports.
const DATA_NAMES: &[&str] = &[
    "Dataset",
    "DatasetSpec",
    "Options",
    "AUTOTUNE",
    "TensorSpec",
    "TextLineDataset",
];

/// Registers `tf.data` and `tf.TensorSpec`, built on first use.
pub(crate) fn install(it: &mut Interp) {
    for key in ["tensorflow.data", "tensorflow.TensorSpec"] {
        it.lazy_modules.insert(key, build);
    }
    for key in KERAS_KEYS {
        it.lazy_modules.insert(key, build_keras);
    }
}

/// Builds `tf.data` if needed and sets Keras's dataset utilities on their modules.
fn build_keras(it: &mut Interp) {
    for key in KERAS_KEYS {
        it.lazy_modules.remove(key);
    }
    if it.lazy_modules.contains_key("tensorflow.data") {
        build(it);
    }
    let Some(Value::Module(ops)) = it.modules.get(OPS_MODULE).cloned() else {
        return;
    };
    for key in KERAS_KEYS {
        let (module, name) = key.rsplit_once('.').unwrap_or((key, key));
        if let (Some(Value::Module(m)), Some(f)) = (it.modules.get(module).cloned(), ops.get(name))
        {
            m.set(name, f);
        }
    }
}

fn build(it: &mut Interp) {
    it.lazy_modules.remove("tensorflow.data");
    it.lazy_modules.remove("tensorflow.TensorSpec");
    let source = SOURCES.concat();
    crate::pylib::pysource::load(
        it,
        OPS_MODULE,
        &source,
        &[
            ("_op_seeds", op_seeds),
            ("_words", words),
            ("_shuffle_order", shuffle_order),
            ("_quiet", quiet),
        ],
    );
    let Some(Value::Module(ops)) = it.modules.get(OPS_MODULE).cloned() else {
        return;
    };
    let data = Rc::new(Module::new("tensorflow.data"));
    let experimental = Rc::new(Module::new("tensorflow.data.experimental"));
    for name in DATA_NAMES {
        if let Some(v) = ops.get(name) {
            data.set(name, v);
        }
    }
    data.set("INFINITE_CARDINALITY", Value::Int(-1));
    data.set("UNKNOWN_CARDINALITY", Value::Int(-2));
    experimental.set("AUTOTUNE", Value::Int(-1));
    experimental.set("INFINITE_CARDINALITY", Value::Int(-1));
    experimental.set("UNKNOWN_CARDINALITY", Value::Int(-2));
    if let Some(v) = ops.get("AutoShardPolicy") {
        experimental.set("AutoShardPolicy", v);
    }
    experimental.set(
        "cardinality",
        Value::builtin("cardinality", |it, a| {
            let [ds] = a.bind("cardinality", ["dataset"])?;
            let f = it.get_attr(&ds.unwrap_or(Value::None), "cardinality")?;
            it.call(&f, Args::default())
        }),
    );
    experimental.set(
        "get_single_element",
        Value::builtin("get_single_element", |it, a| {
            let [ds] = a.bind("get_single_element", ["dataset"])?;
            let f = it.get_attr(&ds.unwrap_or(Value::None), "get_single_element")?;
            it.call(&f, Args::default())
        }),
    );
    data.set("experimental", Value::Module(experimental.clone()));
    if let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() {
        tf.set("data", Value::Module(data.clone()));
        if let Some(v) = ops.get("TensorSpec") {
            tf.set("TensorSpec", v);
        }
    }
    it.modules
        .insert("tensorflow.data".into(), Value::Module(data));
    it.modules.insert(
        "tensorflow.data.experimental".into(),
        Value::Module(experimental),
    );
}

/// `_op_seeds(seed)`: the (seed, seed2) of a shuffle, by TensorFlow's `get_seed`; a random
/// pair when neither a global nor an operation seed is set.
fn op_seeds(it: &mut Interp, a: Args) -> R<Value> {
    let [seed] = a.bind("_op_seeds", ["seed"])?;
    let op = match seed.unwrap_or(Value::None) {
        Value::None => None,
        v => Some(crate::api::convert::i64_arg(&v, "seed")?),
    };
    let (s, s2) = match it.rng.op_seeds(op) {
        Some(p) => p,
        None => {
            let (a, b) = it.rng.fresh_seeds();
            (a as i64, b as i64)
        }
    };
    Ok(Value::tuple(vec![Value::Int(s), Value::Int(s2)]))
}

/// The 32-bit words of the Philox stream `(seed, seed2)`, four per step.
struct WordIter(Words);

impl PyIter for WordIter {
    fn next(&mut self, _: &mut Interp) -> R<Option<Value>> {
        Ok(Some(Value::Int(self.0.next_word() as i64)))
    }
    fn type_name(&self) -> String {
        "philox_words".into()
    }
}

fn words(_: &mut Interp, a: Args) -> R<Value> {
    let [seed, seed2] = a.bind("_words", ["seed", "seed2"])?;
    let s = crate::api::convert::i64_arg(&seed.unwrap_or(Value::None), "seed")?;
    let s2 = crate::api::convert::i64_arg(&seed2.unwrap_or(Value::None), "seed2")?;
    Ok(iter_object(WordIter(Words::new(Philox::new(
        s as u64, s2 as u64,
    )))))
}

/// `_shuffle_order(n, buffer_size, seed, seed2)`: the order in which a shuffle of rows
/// `0..n` gives them out (the ring buffer of `_shuffled` in `ops.py`, one word of the
/// stream per row), as an int64 array.
fn shuffle_order(_: &mut Interp, a: Args) -> R<Value> {
    let [n, size, seed, seed2] = a.bind("_shuffle_order", ["n", "size", "seed", "seed2"])?;
    let int = |v: Option<Value>, what: &str| {
        crate::api::convert::i64_arg(&v.unwrap_or(Value::None), what)
    };
    let n = int(n, "n")?.max(0) as usize;
    let size = int(size, "size")?;
    let (s, s2) = (int(seed, "seed")?, int(seed2, "seed2")?);
    crate::tensor::alloc::check(&[n], crate::tensor::DType::I64, "shuffle")?;
    let cap = if size < 0 { n } else { (size as usize).min(n) }.max(1);
    let mut words = Words::new(Philox::new(s as u64, s2 as u64));
    let mut slots = vec![0usize; cap];
    let mut out: Vec<i64> = Vec::with_capacity(n);
    let (mut start, mut count, mut next_in) = (0usize, 0usize, 0usize);
    loop {
        while next_in < n && count < cap {
            slots[(start + count) % cap] = next_in;
            next_in += 1;
            count += 1;
        }
        if count == 0 {
            break;
        }
        let k = words.next_word() as usize % count;
        let (i, j) = ((start + k) % cap, start % cap);
        out.push(slots[i] as i64);
        slots[i] = slots[j];
        start += 1;
        count -= 1;
    }
    Ok(Value::ndarray(crate::tensor::Tensor::from_vec(&[n], out)))
}

/// `_quiet(f, *args)`: `f(*args)` with what it prints dropped.
fn quiet(it: &mut Interp, mut a: Args) -> R<Value> {
    if a.pos.is_empty() {
        return Err(type_err("_quiet() needs a function"));
    }
    let f = a.pos.remove(0);
    let saved = std::mem::replace(&mut it.io.out, Box::new(std::io::sink()));
    let r = it.call(&f, a);
    it.io.out = saved;
    r
}
