//! `tf.debugging`: the assertions (`assert_equal`, `assert_rank`, `assert_shapes`,
//! `Assert`, ...), `check_numerics` and the debugging switches, with the top-level aliases
//! TensorFlow 2.15 keeps (`tf.assert_equal`, `tf.assert_rank`, ...). TensorFlow writes them
//! in Python over its ops, raising as soon as a check fails in eager mode, so they are
//! written in Python (`pysrc/tf_debugging.py`) and built on first use.

use crate::eval::value::Module;
use crate::eval::{Interp, Value};
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/tf_debugging.py");

/// Where TensorFlow defines most of them.
const MODULE: &str = "tensorflow.python.ops.check_ops";

/// The names of `tf.debugging` (besides `experimental`).
const NAMES: [&str; 31] = [
    "Assert",
    "assert_all_finite",
    "assert_equal",
    "assert_greater",
    "assert_greater_equal",
    "assert_integer",
    "assert_less",
    "assert_less_equal",
    "assert_near",
    "assert_negative",
    "assert_non_negative",
    "assert_non_positive",
    "assert_none_equal",
    "assert_positive",
    "assert_proper_iterable",
    "assert_rank",
    "assert_rank_at_least",
    "assert_rank_in",
    "assert_same_float_dtype",
    "assert_scalar",
    "assert_shapes",
    "assert_type",
    "check_numerics",
    "disable_check_numerics",
    "disable_traceback_filtering",
    "enable_check_numerics",
    "enable_traceback_filtering",
    "get_log_device_placement",
    "is_numeric_tensor",
    "is_traceback_filtering_enabled",
    "set_log_device_placement",
];

/// The assertions `tf` itself has.
const TOP_LEVEL: [&str; 4] = [
    "assert_equal",
    "assert_greater",
    "assert_less",
    "assert_rank",
];

const LAZY: [&str; 6] = [
    "tensorflow.debugging",
    "tensorflow.assert_equal",
    "tensorflow.assert_greater",
    "tensorflow.assert_less",
    "tensorflow.assert_rank",
    "tensorflow.Assert",
];

/// Registers the module and aliases, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &LAZY, build);
}

fn build(it: &mut Interp) {
    let Some(ops) = crate::pylib::pysource::build_lazy(it, &LAZY, MODULE, SOURCE, &[]) else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    let experimental = Rc::new(Module::new("tensorflow.debugging.experimental"));
    for name in ["enable_dump_debug_info", "disable_dump_debug_info"] {
        if let Some(v) = ops.get(name) {
            experimental.set(name, v);
        }
    }
    let debugging = Rc::new(Module::new("tensorflow.debugging"));
    debugging.set("experimental", Value::Module(experimental.clone()));
    for name in NAMES {
        if let Some(v) = ops.get(name) {
            debugging.set(name, v);
        }
    }
    for name in TOP_LEVEL.iter().chain(&["Assert"]) {
        if let Some(v) = ops.get(name) {
            tf.set(name, v);
        }
    }
    tf.set("debugging", Value::Module(debugging.clone()));
    it.modules
        .insert("tensorflow.debugging".into(), Value::Module(debugging));
    it.modules.insert(
        "tensorflow.debugging.experimental".into(),
        Value::Module(experimental),
    );
}
