//! Keras: layers, Sequential, activations, losses and initializers, reachable as
//! `tf.keras.*`, `keras.*` and `tensorflow.keras.*`.
//!
//! | file | owns |
//! |---|---|
//! | `layer.rs` | the layer object: name, weights, build state, common attributes |
//! | `layers/` | one file per built-in layer kind (the `LayerKind` trait): its declared constructor, weights and computation |
//! | `fused.rs` | Dense's bias add and activation in one pass |
//! | `compilable.rs` | which Keras objects a compiled `tf.function` step may call |
//! | `sequential.rs` | `Sequential` |
//! | `keras_tensor.rs` | symbolic Keras tensors: `Input`, layers and TF ops applied to them |
//! | `functional.rs` | functional models: `Model(inputs, outputs)`, its graph and its replay |
//! | `summary.rs` | `summary()` tables, three- and four-column |
//! | `tf_op_names.rs` | the names TF ops take as `TFOpLambda` layers |
//! | `custom.rs` | user subclasses of `keras.layers.Layer` and `keras.Model` |
//! | `activations.rs` | the `Activation` enum and the `keras.activations` functions |
//! | `losses.rs` | `keras.losses`: the functions and classes |
//! | `initializers.rs` | `keras.initializers` |
//! | `optimizers/` | `keras.optimizers`: the optimizers, their steps, `get`, and the learning-rate schedules |
//! | `regularizers.rs` | `keras.regularizers`, the `Regularizer` base class, a layer's regularizer |
//! | `constraints.rs` | `keras.constraints`, applied to variables after optimizer updates |
//! | `penalties.rs` | a built-in layer's regularizers and constraints, per weight |
//! | `layer_losses.rs` | `losses` and `add_loss` of layers and models |
//! | `bases.rs` | the Python base classes of user regularizers, constraints, initializers |
//! | `serial.rs` | serializing the user's functions and objects in configs |
//! | `training.rs` | `compile`, `evaluate`, `predict`, the default step, model training attributes |
//! | `fit.rs` | `fit`: epochs, batches, weights, validation, callbacks, progress |
//! | `train_batch.rs` | `train_on_batch`, `test_on_batch`, `predict_on_batch` |
//! | `step_functions.rs` | the steps of `fit`/`evaluate`/`predict` as traced `tf.function`s for models with Python |
//! | `train_step.rs` | overridable `train_step`/`test_step`/`predict_step`, `compiled_loss`, `compiled_metrics`, `model.metrics` |
//! | `batches.rs` | the arrays of a run, checked and cut into batches |
//! | `feed.rs` | where a run's batches come from: arrays, or a dataset, generator or `Sequence` |
//! | `test_loop.rs` | the evaluation loop of `evaluate` and of `fit`'s validation |
//! | `sample_weight.rs` | sample and class weights, weighted loss reduction |
//! | `added_metrics.rs` | `add_metric` |
//! | `mixed_precision.rs` | `keras.mixed_precision`: dtype policies and the global policy |
//! | `metrics/` | `keras.metrics` (Python source): metric objects, and what `compile` makes of names |
//! | `callbacks/` | `keras.callbacks` (Python source): `Callback`, History, EarlyStopping, ... |
//! | `pymodule.rs` | Keras submodules written in Python, built on first use |
//! | `progress.rs` | Keras's progress bar |
//! | `held.rs` | the Python values Keras objects hold, for a session's end to empty |
//! | `utils.rs` | `keras.utils`: `to_categorical`, `normalize`, `set_random_seed`, `plot_model`...; makes the utility modules |
//! | `get_file.rs` | `keras.utils.get_file`: the dataset cache |
//! | `datasets.rs` | `keras.datasets`: Keras's loaders (Python source, `pysrc/datasets.py`) |
//! | `sequence_utils.rs` | `pad_sequences` |
//! | `text_tokenizer.rs` | `keras.preprocessing.text`: the legacy `Tokenizer` (Python source, `pysrc/text_tokenizer.py`) |
//! | `untar.rs` | extracting the tar.gz archives `get_file(untar=True)` fetched |
//! | `registration.rs` | the custom-object registry and `Sequence`, written in Python (`pysrc/`) |
//! | `backend.rs` | `keras.backend`: settings, name counters, variables and tensor queries |
//! | `backend_ops.rs` | `keras.backend`'s math, shape and random functions |
//! | `backend_nn.rs` | `keras.backend`'s activations and crossentropies |
//!
//! Every Keras function and constructor here is one `builtin!` declaration (parameters,
//! defaults, error wording, description) next to its body; `decl::install` places it into
//! the modules [`install`] makes.

pub(crate) mod activations;
pub(crate) mod added_metrics;
pub(crate) mod backend;
pub(crate) mod backend_nn;
pub(crate) mod backend_ops;
pub(crate) mod bases;
pub(crate) mod batches;
pub(crate) mod callbacks;
pub(crate) mod class_attrs;
pub(crate) mod compilable;
pub(crate) mod constraints;
pub(crate) mod custom;
pub(crate) mod datasets;
pub(crate) mod feed;
pub(crate) mod fit;
pub(crate) mod functional;
pub(crate) mod fused;
pub(crate) mod get_file;
pub(crate) mod held;
pub mod initializers;
pub(crate) mod keras_serialize;
pub(crate) mod keras_tensor;
pub(crate) mod layer;
pub(crate) mod layer_losses;
pub(crate) mod layers;
pub(crate) mod losses;
pub(crate) mod metrics;
pub(crate) mod mixed_precision;
pub(crate) mod optimizers;
pub(crate) mod penalties;
pub(crate) mod progress;
pub(crate) mod pymodule;
pub(crate) mod registration;
pub(crate) mod regularizers;
pub(crate) mod sample_weight;
pub(crate) mod saving;
pub(crate) mod sequence_utils;
pub(crate) mod sequential;
pub(crate) mod serial;
pub(crate) mod step_functions;
pub(crate) mod summary;
pub(crate) mod test_loop;
pub(crate) mod text_layers;
pub(crate) mod text_tokenizer;
pub(crate) mod tf_op_names;
pub(crate) mod train_batch;
pub(crate) mod train_step;
pub(crate) mod training;
pub(crate) mod untar;
pub(crate) mod utils;

use crate::api::new_module;
use crate::eval::error::R;
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use layer::Layer;
use std::rc::Rc;

/// Keras's class name to layer name: `BatchNormalization` -> `batch_normalization`,
/// `ReLU` -> `re_lu`, `MyDense` -> `my_dense`.
pub(crate) fn snake_case(name: &str) -> String {
    let c: Vec<char> = name.chars().collect();
    // (.)([A-Z][a-z0-9]+) -> \1_\2
    let mut step1 = String::new();
    for i in 0..c.len() {
        if i > 0
            && c[i].is_ascii_uppercase()
            && c.get(i + 1)
                .is_some_and(|n| n.is_ascii_lowercase() || n.is_ascii_digit())
        {
            step1.push('_');
        }
        step1.push(c[i]);
    }
    // ([a-z])([A-Z]) -> \1_\2
    let d: Vec<char> = step1.chars().collect();
    let mut out = String::new();
    for i in 0..d.len() {
        out.push(d[i]);
        if d[i].is_ascii_lowercase() && d.get(i + 1).is_some_and(|n| n.is_ascii_uppercase()) {
            out.push('_');
        }
    }
    let out = out.to_lowercase().replace("__", "_");
    if out.starts_with('_') {
        format!("private{}", out)
    } else {
        out
    }
}

/// Method names kept as `'static` for bound methods.
pub(crate) fn static_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "build",
        "get_weights",
        "set_weights",
        "count_params",
        "__call__",
        "get_config",
        "compute_output_shape",
        "add",
        "summary",
        "pop",
        "add_weight",
        "add_variable",
        "call",
        "__init__",
        "get_layer",
        "compute_mask",
        "reset_states",
    ];
    NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("method")
}

/// The declared builtin at `path` (`tf.keras.optimizers.Adam`) as a value, named as
/// `decl::install` names it (`keras.optimizers.Adam`).
pub(crate) fn declared(path: &str) -> Value {
    let decl = crate::eval::decl::BUILTINS
        .iter()
        .find(|d| d.paths.contains(&path))
        .unwrap_or_else(|| panic!("no builtin is declared at {}", path));
    let module = path.rsplit_once('.').map_or("", |(m, _)| m);
    let name = format!(
        "{}.{}",
        module.strip_prefix("tf.").unwrap_or(module),
        decl.name
    );
    Value::Builtin(Rc::new(crate::eval::value::Builtin::declared(name, decl)))
}

/// A model's compile state, shared so it can be handed out of a borrowed model.
pub(crate) type ModelState = Rc<std::cell::RefCell<Option<Rc<training::Compiled>>>>;

/// The compile state of a Sequential or of a `keras.Model` subclass instance.
pub(crate) fn model_state(v: &Value) -> Option<ModelState> {
    if let Some(s) = v.as_object::<sequential::Sequential>() {
        return Some(s.compiled.clone());
    }
    if let Some(f) = v.as_object::<functional::Functional>() {
        return Some(f.compiled.clone());
    }
    if let Some(l) = layer_ref(v) {
        return Some(l.compiled.clone());
    }
    native_layer(v).and_then(|n| model_state(&n))
}

/// The built-in layer behind a value (a layer object, or a user layer's native part).
pub(crate) fn layer_ref(v: &Value) -> Option<&Layer> {
    v.as_object::<Layer>()
}

/// A shared handle on the native layer of a user-class instance.
pub(crate) fn native_layer(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => i.native.borrow().clone(),
        _ => None,
    }
}

pub(crate) fn weights_of(v: &Value) -> Vec<Rc<Variable>> {
    if let Some(l) = layer_ref(v) {
        return l.all_weights();
    }
    if let Some(s) = v.as_object::<sequential::Sequential>() {
        return s.all_weights();
    }
    if let Some(f) = v.as_object::<functional::Functional>() {
        return f.all_weights();
    }
    match native_layer(v) {
        Some(n) => weights_of(&n),
        None => vec![],
    }
}

/// The weights of a list of layers, each once, in layer order.
pub(crate) fn weights_of_all(layers: &[Value]) -> Vec<Rc<Variable>> {
    let mut out: Vec<Rc<Variable>> = Vec::new();
    for l in layers {
        for v in weights_of(l) {
            if !out.iter().any(|w| Rc::ptr_eq(w, &v)) {
                out.push(v);
            }
        }
    }
    out
}

/// The variables of `all` that are not among `trainable`: a model's non-trainable weights.
pub(crate) fn others(all: Vec<Rc<Variable>>, trainable: &[Rc<Variable>]) -> Vec<Rc<Variable>> {
    all.into_iter()
        .filter(|v| !trainable.iter().any(|w| Rc::ptr_eq(w, v)))
        .collect()
}

/// The trainable weights of a list of layers, each once, in layer order.
pub(crate) fn trainable_of_all(layers: &[Value]) -> Vec<Rc<Variable>> {
    let mut out: Vec<Rc<Variable>> = Vec::new();
    for l in layers {
        for v in trainable_of(l) {
            if !out.iter().any(|w| Rc::ptr_eq(w, &v)) {
                out.push(v);
            }
        }
    }
    out
}

pub(crate) fn trainable_of(v: &Value) -> Vec<Rc<Variable>> {
    if let Some(l) = layer_ref(v) {
        return l.trainable_weights();
    }
    if let Some(f) = v.as_object::<functional::Functional>() {
        return f.trainable();
    }
    match native_layer(v) {
        Some(n) => trainable_of(&n),
        None => weights_of(v).into_iter().filter(|w| w.trainable).collect(),
    }
}

/// Builds a layer value for an input shape inside its name scope.
pub(crate) fn build_value(
    it: &mut Interp,
    v: &Value,
    shape: &[Option<usize>],
    scoped: bool,
) -> R<()> {
    if let Some(l) = layer_ref(v) {
        if !l.built.get() || l.kind.makes_weights() {
            return l.build(it, shape, scoped);
        }
        return Ok(());
    }
    if matches!(v, Value::Instance(_)) {
        return custom::build_instance(it, v, shape);
    }
    Ok(())
}

/// Calls any layer-like value.
pub(crate) fn call_layer(it: &mut Interp, l: &Value, x: Value, training: bool) -> R<Value> {
    let mut args = Args::new(vec![x]);
    if training || !layer::training_unset() {
        // An explicit `training` of the outer call reaches the inner layers, as Keras's
        // call context passes it on.
        args.kw.push(("training".into(), Value::Bool(training)));
    }
    it.call(l, args)
}

/// A tuple value for a shape with None dims: `(None, 4)`.
pub(crate) fn shape_tuple_value(s: &[Option<usize>]) -> Value {
    Value::tuple(
        s.iter()
            .map(|d| d.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
            .collect(),
    )
}

pub(crate) fn shape_value_with_batch(s: &[Option<usize>]) -> Value {
    shape_tuple_value(s)
}

/// Makes the `tf.keras` module tree. What is declared with `builtin!` (layers, activations,
/// losses, initializers, optimizers, `Sequential`, `Input`) is placed into these modules by
/// `decl::install`, which runs after this. Also installs the hooks through which the
/// evaluator reaches the native part of user classes derived from Keras classes.
pub(crate) fn install(it: &mut Interp) {
    let tf = match it.modules.get("tensorflow") {
        Some(Value::Module(m)) => m.clone(),
        _ => panic!("nn::install runs after api::install"),
    };
    let hooks = &mut it.hooks;
    hooks.isinstance_object = custom::isinstance;
    hooks.isinstance_class = bases::isinstance;
    hooks.native_attr = custom::native_attr;
    hooks.native_set_attr = custom::native_set_attr;
    hooks.init_native_base = custom::init_native_base;
    hooks.native_super_attr = custom::native_super_attr;
    hooks.value_attr = class_attrs::value_attr;
    hooks.held_values = held::held_values;
    hooks.keeps_state_in_variables = compilable::keeps_state_in_variables;
    let keras = new_module("keras");
    let layers_m = new_module("keras.layers");
    let acts = new_module("keras.activations");
    let losses_m = new_module("keras.losses");
    let inits = new_module("keras.initializers");
    let models = new_module("keras.models");
    let opts = new_module("keras.optimizers");
    let regs = new_module("keras.regularizers");
    let cons = new_module("keras.constraints");
    layers_m.set("Layer", custom::native_class("Layer"));
    bases::install(it, &regs, &cons, &inits);
    keras.set("Model", custom::native_class("Model"));
    models.set("Model", custom::native_class("Model"));
    for (n, m) in [
        ("layers", &layers_m),
        ("activations", &acts),
        ("losses", &losses_m),
        ("initializers", &inits),
        ("models", &models),
        ("optimizers", &opts),
        ("regularizers", &regs),
        ("constraints", &cons),
    ] {
        keras.set(n, Value::Module(m.clone()));
    }
    optimizers::schedules::install(it, &opts);
    keras.set("metrics", metrics::MODULE.lazy_value());
    keras.set("callbacks", callbacks::MODULE.lazy_value());
    for name in ["keras.metrics", "tensorflow.keras.metrics"] {
        it.lazy_modules.insert(name, |it| {
            let _ = metrics::MODULE.get(it);
        });
    }
    for name in ["keras.callbacks", "tensorflow.keras.callbacks"] {
        it.lazy_modules.insert(name, |it| {
            let _ = callbacks::MODULE.get(it);
        });
    }
    tf.set("keras", Value::Module(keras.clone()));
    tf.set("losses", Value::Module(losses_m.clone()));
    tf.set("optimizers", Value::Module(opts.clone()));
    for (path, m) in [
        ("keras", &keras),
        ("keras.layers", &layers_m),
        ("keras.activations", &acts),
        ("keras.losses", &losses_m),
        ("keras.initializers", &inits),
        ("keras.models", &models),
        ("keras.optimizers", &opts),
        ("keras.regularizers", &regs),
        ("keras.constraints", &cons),
    ] {
        it.modules.insert(path.into(), Value::Module(m.clone()));
        it.modules
            .insert(format!("tensorflow.{}", path), Value::Module(m.clone()));
    }
    it.modules
        .insert("tensorflow.losses".into(), Value::Module(losses_m));
    utils::install(it, &keras);
    datasets::install(it);
    text_layers::install(it);
}
