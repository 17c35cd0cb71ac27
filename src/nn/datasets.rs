//! `tf.keras.datasets`: `mnist`, `fashion_mnist`, `cifar10`, `cifar100`, `imdb`, `reuters`
//! and `boston_housing`, each a module with Keras's `load_data` (and `get_word_index`,
//! `get_label_names`). The loaders are Keras's, written in Python (`pysrc/datasets.py`)
//! and built on first use; they find their files through `get_file` in
//! `~/.keras/datasets`, as Keras does. What they need from the runtime is here: reading
//! a gzipped IDX file's bytes (`_gz_bytes`, numpy's `frombuffer` of `gzip.open(...).read()`).

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::io::Read;
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/datasets.py");
const LOADERS: &str = "keras.src.datasets";

/// Each dataset module and the loader functions it exports, by their names in the source.
const MODULES: &[(&str, &[(&str, &str)])] = &[
    ("mnist", &[("load_data", "mnist_load_data")]),
    ("fashion_mnist", &[("load_data", "fashion_mnist_load_data")]),
    ("cifar10", &[("load_data", "cifar10_load_data")]),
    ("cifar100", &[("load_data", "cifar100_load_data")]),
    (
        "imdb",
        &[
            ("load_data", "imdb_load_data"),
            ("get_word_index", "imdb_get_word_index"),
        ],
    ),
    (
        "reuters",
        &[
            ("load_data", "reuters_load_data"),
            ("get_word_index", "reuters_get_word_index"),
            ("get_label_names", "reuters_get_label_names"),
        ],
    ),
    (
        "boston_housing",
        &[("load_data", "boston_housing_load_data")],
    ),
];

const KEYS: [&str; 2] = ["keras.datasets", "tensorflow.keras.datasets"];

/// Registers `keras.datasets`, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &KEYS, build);
}

fn build(it: &mut Interp) {
    let natives = [("_gz_bytes", gz_bytes as crate::eval::value::NativeFn)];
    let Some(src) = crate::pylib::pysource::build_lazy(it, &KEYS, LOADERS, SOURCE, &natives) else {
        return;
    };
    let datasets = Rc::new(Module::new("keras.datasets"));
    for (name, funcs) in MODULES {
        let path = format!("keras.datasets.{}", name);
        let m = Rc::new(Module::new(&path));
        for (public, inner) in funcs.iter() {
            if let Some(f) = src.get(inner) {
                m.set(public, f);
            }
        }
        datasets.set(name, Value::Module(m.clone()));
        it.modules.insert(path.clone(), Value::Module(m.clone()));
        it.modules
            .insert(format!("tensorflow.{}", path), Value::Module(m));
    }
    if let Some(Value::Module(keras)) = it.modules.get("keras").cloned() {
        keras.set("datasets", Value::Module(datasets.clone()));
    }
    for key in KEYS {
        it.modules
            .insert(key.into(), Value::Module(datasets.clone()));
    }
}

/// `_gz_bytes(path, offset)`: the bytes of a gzipped file after `offset`, as a uint8 array.
fn gz_bytes(it: &mut Interp, a: Args) -> R<Value> {
    let [path, offset] = a.bind("_gz_bytes", ["path", "offset=0"])?;
    let path = crate::pylib::oserror::fspath(it, &path.unwrap_or(Value::None))?;
    let offset = match offset {
        Some(v) => crate::api::convert::i64_arg(&v, "offset")?.max(0) as usize,
        None => 0,
    };
    let file =
        std::fs::File::open(&path).map_err(|e| crate::pylib::oserror::os_error(&e, &path))?;
    let mut bytes = Vec::new();
    let limit = crate::tensor::alloc::limit() as u64;
    flate2::read::GzDecoder::new(file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| crate::eval::error::err(ExcKind::OSError, e.to_string()))?;
    if bytes.len() as u64 > limit {
        return raise(ExcKind::MemoryError, "");
    }
    if offset > bytes.len() {
        return raise(
            ExcKind::ValueError,
            "offset must be non-negative and no greater than buffer length",
        );
    }
    let data = bytes.split_off(offset);
    let n = data.len();
    crate::tensor::alloc::check(&[n], DType::U8, "frombuffer")?;
    Ok(Value::ndarray(Tensor::from_vec(&[n], data)))
}
