//! `tf.get_logger()` and `tf.compat.v1.logging`: TensorFlow's front end to Python's
//! `logging` (the `tensorflow` logger, `set_verbosity`, `info`, `warning`, ...), written in
//! Python (`pysrc/tf_logging.py`) over tensh's `logging` and built on first use; and
//! `tf.autograph.set_verbosity`.

use crate::builtin;
use crate::eval::value::Module;
use crate::eval::{Interp, Value};
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/tf_logging.py");
const MODULE: &str = "tensorflow.python.platform.tf_logging";
const LAZY: [&str; 2] = ["tensorflow.get_logger", "tensorflow.compat.v1.logging"];

/// The names of `tf.compat.v1.logging`.
const NAMES: [&str; 19] = [
    "DEBUG",
    "INFO",
    "WARN",
    "ERROR",
    "FATAL",
    "get_logger",
    "log",
    "debug",
    "info",
    "warning",
    "warn",
    "error",
    "fatal",
    "get_verbosity",
    "set_verbosity",
    "log_first_n",
    "log_every_n",
    "vlog",
    "flush",
];

/// Registers `tf.get_logger` and `tf.compat.v1.logging`, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &LAZY, build);
}

fn build(it: &mut Interp) {
    let Some(src) = crate::pylib::pysource::build_lazy(it, &LAZY, MODULE, SOURCE, &[]) else {
        return;
    };
    if let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() {
        if let Some(v) = src.get("get_logger") {
            tf.set("get_logger", v);
        }
    }
    let logging = Rc::new(Module::new("tensorflow.compat.v1.logging"));
    for name in NAMES {
        if let Some(v) = src.get(name) {
            logging.set(name, v);
        }
    }
    if let Some(Value::Module(v1)) = it.modules.get("tensorflow.compat.v1").cloned() {
        v1.set("logging", Value::Module(logging.clone()));
    }
    it.modules.insert(
        "tensorflow.compat.v1.logging".into(),
        Value::Module(logging),
    );
}

builtin! {
    /// Sets the AutoGraph verbosity level.
    python ["tf.autograph.set_verbosity"]
    fn set_verbosity(it, level, alsologtostdout = False) {
        // AutoGraph's own log: tensh's conversion writes none, so the level is accepted.
        let _ = (it, level, alsologtostdout);
        Ok(Value::None)
    }
}
