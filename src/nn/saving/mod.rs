//! Model configs and saved models, interoperable with Keras 2.15's files.
//!
//! | file | owns |
//! |---|---|
//! | `entry.rs` | a layer's `get_config()` and its serialized entry in a model config |
//! | `model_config.rs` | `get_config` of Sequential and functional models, and `from_config` |
//! | `graph.rs` | a functional model rebuilt from its config |
//! | `h5.rs` | HDF5 files as a tree of groups, attributes and datasets |
//! | `weights_h5.rs` | the HDF5 weights layout (`save_weights('w.h5')`, `.h5` models) |
//! | `weights_v3.rs` | the v3 weights layout (`model.weights.h5` in `.keras`, `.weights.h5`) |
//! | `files.rs` | `model.save`, `load_model`, `save_weights`, `load_weights`: formats by path |
//! | `compile_config.rs` | the compile settings a saved model keeps, and compiling from them |
//! | `json.rs` | `to_json`, `model_from_json`, `clone_model` |
//! | `checkpoint/` | TensorFlow checkpoints of weights (`save_weights('cp.ckpt')`) |

pub(crate) mod checkpoint;
pub(crate) mod compile_config;
pub(crate) mod entry;
pub(crate) mod files;
pub(crate) mod graph;
pub(crate) mod h5;
pub(crate) mod json;
pub(crate) mod model_config;
pub(crate) mod weights_h5;
pub(crate) mod weights_v3;

use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};

/// The Keras version tensh's files say wrote them.
pub(crate) const KERAS_VERSION: &str = "2.15.0";

pub(crate) const METHODS: [&str; 5] = [
    "get_config",
    "to_json",
    "save",
    "save_weights",
    "load_weights",
];

/// A model's saving methods (Sequential, functional and subclassed models).
pub(crate) fn model_attr(model: &Value, name: &str) -> Option<Value> {
    let m = METHODS.iter().find(|m| **m == name)?;
    // A subclassed model's own `get_config` is its class's; Keras's base raises.
    if *m == "get_config" && model_config::model_class(model).is_none() {
        return None;
    }
    Some(Value::method(model.clone(), m, method))
}

fn method(it: &mut Interp, model: &Value, name: &'static str, args: Args) -> R<Value> {
    match name {
        "get_config" => {
            args.bind::<0>("get_config", [])?;
            Ok(model_config::model_config(it, model)?.unwrap_or(Value::None))
        }
        "to_json" => json::to_json(it, model, args),
        "save" => files::save(it, model, args),
        "save_weights" => files::save_weights(it, model, args),
        _ => files::load_weights(it, model, args),
    }
}

/// The entry `key` of a config dict, if the value is a dict that has it.
pub(crate) fn field(d: &Value, key: &str) -> Option<Value> {
    match d {
        Value::Dict(d) => d.borrow().get(&Value::str(key)).ok().flatten(),
        _ => None,
    }
}

/// A line TensorFlow logs through absl (`WARNING:absl:...`) on standard error.
pub(crate) fn log_warning(it: &mut Interp, message: &str) {
    use std::io::Write;
    let _ = it.io.out.flush();
    let _ = writeln!(it.io.err, "WARNING:absl:{}", message);
    let _ = it.io.err.flush();
}
