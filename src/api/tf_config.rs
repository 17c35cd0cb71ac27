//! `tf.config`, `tf.device`, `tf.test`, `tf.sysconfig`, `tf.version`, `tf.__version__` and
//! `tf.executing_eagerly`: what TensorFlow 2.15 answers on a machine with one CPU and no
//! GPU, which is what tensh is. Device objects are tuples with a repr, as TensorFlow's
//! named tuples are, so they are written in Python (`pysrc/tf_config.py`) and built on
//! first use. The runtime supplies whether the eager context has started: TensorFlow
//! starts it at the first op (or device listing), after which thread counts and visible
//! devices can no longer change.

use crate::eval::error::R;
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use std::cell::Cell;
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/tf_config.py");

/// Where TensorFlow defines the device classes.
const CONTEXT_MODULE: &str = "tensorflow.python.eager.context";

/// The version of TensorFlow whose behaviour tensh follows.
pub(crate) const TF_VERSION: &str = "2.15.1";

const LAZY: [&str; 7] = [
    "tensorflow.config",
    "tensorflow.device",
    "tensorflow.test",
    "tensorflow.sysconfig",
    "tensorflow.version",
    "tensorflow.__version__",
    "tensorflow.executing_eagerly",
];

thread_local! {
    /// Tensors made before the session began (tensh's own), and whether a device listing
    /// started the context.
    static BASELINE: Cell<u64> = const { Cell::new(0) };
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

/// Registers the modules, built on first use.
pub(crate) fn install(it: &mut Interp) {
    BASELINE.with(|b| b.set(crate::tensor::data::tensors_made()));
    STARTED.with(|s| s.set(false));
    for key in LAZY {
        it.lazy_modules.insert(key, build);
    }
}

fn initialized(_: &mut Interp, _: Args) -> R<Value> {
    let made = crate::tensor::data::tensors_made() > BASELINE.with(|b| b.get());
    Ok(Value::Bool(made || STARTED.with(|s| s.get())))
}

fn start(_: &mut Interp, _: Args) -> R<Value> {
    STARTED.with(|s| s.set(true));
    Ok(Value::None)
}

fn module_of(ops: &Module, name: &str, names: &[(&str, &str)]) -> Rc<Module> {
    let m = Rc::new(Module::new(name));
    for (public, defined) in names {
        if let Some(v) = ops.get(defined) {
            m.set(public, v);
        }
    }
    m
}

fn same(names: &[&'static str]) -> Vec<(&'static str, &'static str)> {
    names.iter().map(|n| (*n, *n)).collect()
}

/// Whether a `tf.function` is being traced (its body is not running eagerly).
fn tracing(_: &mut Interp, _: crate::eval::value::Args) -> crate::eval::error::R<Value> {
    Ok(Value::Bool(super::tf_function::graph::recording()))
}

fn build(it: &mut Interp) {
    for key in LAZY {
        it.lazy_modules.remove(key);
    }
    crate::pylib::pysource::load(
        it,
        CONTEXT_MODULE,
        SOURCE,
        &[
            ("_initialized", initialized),
            ("_start", start),
            ("_tracing", tracing),
        ],
    );
    let Some(Value::Module(ops)) = it.modules.get(CONTEXT_MODULE).cloned() else {
        return;
    };
    let listing = [
        "list_physical_devices",
        "list_logical_devices",
        "get_visible_devices",
        "set_visible_devices",
    ];
    let mut config_names = same(&listing);
    config_names.extend(same(&[
        "get_logical_device_configuration",
        "set_logical_device_configuration",
        "run_functions_eagerly",
        "functions_run_eagerly",
        "get_soft_device_placement",
        "set_soft_device_placement",
        "LogicalDeviceConfiguration",
        "PhysicalDevice",
        "LogicalDevice",
    ]));
    let config = module_of(&ops, "tensorflow.config", &config_names);
    let mut exp_names = same(&listing);
    exp_names.extend(same(&[
        "get_memory_growth",
        "set_memory_growth",
        "get_device_details",
        "enable_op_determinism",
    ]));
    exp_names.push((
        "set_virtual_device_configuration",
        "set_logical_device_configuration",
    ));
    exp_names.push((
        "get_virtual_device_configuration",
        "get_logical_device_configuration",
    ));
    exp_names.push(("VirtualDeviceConfiguration", "LogicalDeviceConfiguration"));
    let experimental = module_of(&ops, "tensorflow.config.experimental", &exp_names);
    let threading = module_of(
        &ops,
        "tensorflow.config.threading",
        &same(&[
            "get_inter_op_parallelism_threads",
            "set_inter_op_parallelism_threads",
            "get_intra_op_parallelism_threads",
            "set_intra_op_parallelism_threads",
        ]),
    );
    config.set("experimental", Value::Module(experimental.clone()));
    config.set("threading", Value::Module(threading.clone()));
    let test = module_of(
        &ops,
        "tensorflow.test",
        &same(&[
            "is_gpu_available",
            "is_built_with_cuda",
            "is_built_with_rocm",
            "is_built_with_gpu_support",
            "is_built_with_xla",
            "gpu_device_name",
        ]),
    );
    let sysconfig = module_of(&ops, "tensorflow.sysconfig", &same(&["get_build_info"]));
    let version = Rc::new(Module::new("tensorflow.version"));
    version.set("VERSION", Value::str(TF_VERSION));
    version.set("GIT_VERSION", Value::str("v2.15.0-11-g63f5a65c7cd"));
    version.set(
        "COMPILER_VERSION",
        Value::str("Ubuntu Clang 17.0.2 (++20231003073124+b2417f51dbbd-1~exp1~20231003073217.50)"),
    );
    let modules = [
        ("config", config),
        ("config.experimental", experimental),
        ("config.threading", threading),
        ("test", test),
        ("sysconfig", sysconfig),
        ("version", version),
    ];
    let tf = match it.modules.get("tensorflow").cloned() {
        Some(Value::Module(tf)) => tf,
        _ => return,
    };
    for (name, m) in modules {
        if !name.contains('.') {
            tf.set(name, Value::Module(m.clone()));
        }
        it.modules
            .insert(format!("tensorflow.{name}"), Value::Module(m));
    }
    tf.set("__version__", Value::str(TF_VERSION));
    for name in ["device", "executing_eagerly"] {
        if let Some(v) = ops.get(name) {
            tf.set(name, v);
        }
    }
}
