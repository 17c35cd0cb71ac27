//! Keras: layers, Sequential, activations, losses and initializers, reachable as
//! `tf.keras.*`, `keras.*` and `tensorflow.keras.*`.
//!
//! | file | owns |
//! |---|---|
//! | `layer.rs` | the layer object: name, weights, build state, common attributes |
//! | `kinds.rs` | what each built-in layer builds and computes |
//! | `fused.rs` | Dense's bias add and activation in one pass |
//! | `sequential.rs` | `Sequential` and its summary table |
//! | `custom.rs` | user subclasses of `keras.layers.Layer` and `keras.Model` |
//! | `activations.rs` | `keras.activations` |
//! | `losses.rs` | `keras.losses` |
//! | `initializers.rs` | `keras.initializers` |
//! | `optimizers.rs` | `keras.optimizers`: SGD, Adam, RMSprop, Adagrad |
//! | `training.rs` | `compile`, `fit`, `evaluate`, `predict`, `History` |
//! | `metrics.rs` | the metrics `compile` takes by name |
//! | `progress.rs` | Keras's progress bar |

pub mod activations;
pub mod custom;
pub mod fused;
pub mod initializers;
pub mod kinds;
pub mod layer;
pub mod losses;
pub mod metrics;
pub mod optimizers;
pub mod progress;
pub mod sequential;
pub mod training;

use crate::api::convert::{f64_arg, f64_or, i64_arg};
use crate::api::new_module;
use crate::eval::error::R;
use crate::eval::value::{Args, NativeFn, Object, Variable};
use crate::eval::{Interp, Value};
use activations::Act;
use initializers::Init;
use kinds::Kind;
use layer::Layer;
use std::rc::Rc;

/// Keras's class name to layer name: `BatchNormalization` -> `batch_normalization`,
/// `ReLU` -> `re_lu`, `MyDense` -> `my_dense`.
pub fn snake_case(name: &str) -> String {
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
pub fn static_name(name: &str) -> &'static str {
    const NAMES: &[&str] = &[
        "build",
        "get_weights",
        "set_weights",
        "count_params",
        "__call__",
        "get_config",
        "add",
        "summary",
        "pop",
        "add_weight",
        "add_variable",
        "call",
        "__init__",
    ];
    NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("method")
}

/// A model's compile state, shared so it can be handed out of a borrowed model.
pub type ModelState = Rc<std::cell::RefCell<Option<Rc<training::Compiled>>>>;

/// The compile state of a Sequential or of a `keras.Model` subclass instance.
pub fn model_state(v: &Value) -> Option<ModelState> {
    if let Some(s) = v.as_object::<sequential::Sequential>() {
        return Some(s.compiled.clone());
    }
    if let Some(l) = layer_ref(v) {
        return Some(l.compiled.clone());
    }
    native_layer(v).and_then(|n| model_state(&n))
}

/// The built-in layer behind a value (a layer object, or a user layer's native part).
pub fn layer_ref(v: &Value) -> Option<&Layer> {
    v.as_object::<Layer>()
}

/// A shared handle on the native layer of a user-class instance.
pub fn native_layer(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => i.native.borrow().clone(),
        _ => None,
    }
}

pub fn weights_of(v: &Value) -> Vec<Rc<Variable>> {
    if let Some(l) = layer_ref(v) {
        return l.all_weights();
    }
    if let Some(s) = v.as_object::<sequential::Sequential>() {
        return s.all_weights();
    }
    match native_layer(v) {
        Some(n) => weights_of(&n),
        None => vec![],
    }
}

pub fn trainable_of(v: &Value) -> Vec<Rc<Variable>> {
    if let Some(l) = layer_ref(v) {
        return l.trainable_weights();
    }
    match native_layer(v) {
        Some(n) => trainable_of(&n),
        None => weights_of(v).into_iter().filter(|w| w.trainable).collect(),
    }
}

/// Builds a layer value for an input shape inside its name scope.
pub fn build_value(it: &mut Interp, v: &Value, shape: &[Option<usize>], scoped: bool) -> R<()> {
    if let Some(l) = layer_ref(v) {
        if !l.built.get()
            || matches!(
                &*l.kind.borrow(),
                Kind::Dense { .. } | Kind::BatchNorm { .. }
            )
        {
            return kinds::build(it, l, shape, scoped);
        }
        return Ok(());
    }
    if matches!(v, Value::Instance(_)) {
        return custom::build_instance(it, v, shape);
    }
    Ok(())
}

/// Calls any layer-like value.
pub fn call_layer(it: &mut Interp, l: &Value, x: Value, training: bool) -> R<Value> {
    let mut args = Args::new(vec![x]);
    if training {
        args.kw.push(("training".into(), Value::Bool(true)));
    }
    it.call(l, args)
}

/// A tuple value for a shape with None dims: `(None, 4)`.
pub fn shape_tuple_value(s: &[Option<usize>]) -> Value {
    Value::tuple(
        s.iter()
            .map(|d| d.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
            .collect(),
    )
}

pub fn shape_value_with_batch(s: &[Option<usize>]) -> Value {
    shape_tuple_value(s)
}

/// Keyword arguments every layer takes: name, input_shape / input_dim, trainable, dtype.
struct Common {
    name: Option<String>,
    input_shape: Option<Vec<Option<usize>>>,
    trainable: bool,
}

fn split_common(it: &mut Interp, mut a: Args) -> R<(Args, Common)> {
    let mut c = Common {
        name: None,
        input_shape: None,
        trainable: true,
    };
    let mut rest = Vec::new();
    for (k, v) in std::mem::take(&mut a.kw) {
        match k.as_str() {
            "name" => {
                if let Value::Str(s) = &v {
                    c.name = Some(s.to_string());
                }
            }
            "input_shape" => {
                let mut s = vec![None];
                s.extend(layer::shape_arg(it, &v)?);
                c.input_shape = Some(s);
            }
            "input_dim" => {
                c.input_shape = Some(vec![None, Some(i64_arg(&v, "input_dim")? as usize)])
            }
            "batch_input_shape" => c.input_shape = Some(layer::shape_arg(it, &v)?),
            "trainable" => c.trainable = it.truthy(&v)?,
            "dtype" | "dynamic" | "autocast" => {}
            _ => rest.push((k, v)),
        }
    }
    a.kw = rest;
    Ok((a, c))
}

fn make(it: &mut Interp, class: &str, kind: Kind, c: Common) -> R<Value> {
    let l = Layer::new(it, class, kind, c.name);
    l.trainable.set(c.trainable);
    *l.input_shape.borrow_mut() = c.input_shape;
    Ok(Value::Object(Rc::new(l)))
}

fn dense(it: &mut Interp, a: Args) -> R<Value> {
    let (a, c) = split_common(it, a)?;
    let [units, act, use_bias, k_init, b_init, _kr, _br, _ar, _kc, _bc] = a.bind(
        "Dense",
        [
            "units",
            "activation=None",
            "use_bias=True",
            "kernel_initializer='glorot_uniform'",
            "bias_initializer='zeros'",
            "kernel_regularizer=None",
            "bias_regularizer=None",
            "activity_regularizer=None",
            "kernel_constraint=None",
            "bias_constraint=None",
        ],
    )?;
    let units = i64_arg(&units.unwrap_or(Value::None), "units")?;
    if units < 0 {
        return Err(crate::eval::error::value_err(format!(
            "Received an invalid value for `units`, expected a positive integer. Received: units={}",
            units
        )));
    }
    let use_bias = it.flag(use_bias, true)?;
    let kind = Kind::Dense {
        units: units as usize,
        activation: Act::from_value(act)?,
        use_bias,
        kernel_init: Init::from_value(k_init, "glorot_uniform")?,
        bias_init: Init::from_value(b_init, "zeros")?,
    };
    make(it, "Dense", kind, c)
}

fn simple_layer(it: &mut Interp, a: Args, class: &'static str) -> R<Value> {
    let (a, c) = split_common(it, a)?;
    let kind = match class {
        "Dropout" => {
            let [rate, _ns, _seed] =
                a.bind("Dropout", ["rate", "noise_shape=None", "seed=None"])?;
            Kind::Dropout {
                rate: f64_or(rate, "rate", 0.0)?,
            }
        }
        "Flatten" => {
            let [_df] = a.bind("Flatten", ["data_format=None"])?;
            Kind::Flatten
        }
        "Activation" => {
            let [act] = a.bind("Activation", ["activation"])?;
            Kind::Activation {
                activation: Act::from_value(act)?,
            }
        }
        "ReLU" => {
            let [mv, ns, th] = a.bind(
                "ReLU",
                ["max_value=None", "negative_slope=0.0", "threshold=0.0"],
            )?;
            Kind::ReLU {
                max_value: mv.map(|v| f64_arg(&v, "max_value")).transpose()?,
                negative_slope: f64_or(ns, "negative_slope", 0.0)?,
                threshold: f64_or(th, "threshold", 0.0)?,
            }
        }
        "LeakyReLU" => {
            let [alpha] = a.bind("LeakyReLU", ["alpha=0.3"])?;
            Kind::LeakyReLU {
                alpha: f64_or(alpha, "alpha", 0.3)?,
            }
        }
        "Softmax" => {
            let [axis] = a.bind("Softmax", ["axis=-1"])?;
            Kind::Softmax {
                axis: axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1),
            }
        }
        "BatchNormalization" => {
            let [axis, momentum, eps, center, scale, ..] = a.bind(
                "BatchNormalization",
                [
                    "axis=-1",
                    "momentum=0.99",
                    "epsilon=0.001",
                    "center=True",
                    "scale=True",
                    "beta_initializer='zeros'",
                    "gamma_initializer='ones'",
                    "moving_mean_initializer='zeros'",
                    "moving_variance_initializer='ones'",
                    "beta_regularizer=None",
                    "gamma_regularizer=None",
                    "beta_constraint=None",
                    "gamma_constraint=None",
                    "synchronized=False",
                ],
            )?;
            Kind::BatchNorm {
                axis: axis.map(|v| i64_arg(&v, "axis")).transpose()?.unwrap_or(-1),
                momentum: f64_or(momentum, "momentum", 0.99)?,
                epsilon: f64_or(eps, "epsilon", 0.001)?,
                center: it.flag(center, true)?,
                scale: it.flag(scale, true)?,
            }
        }
        "Add" => {
            let [] = a.bind("Add", [])?;
            Kind::Add
        }
        _ => Kind::InputLayer,
    };
    make(it, class, kind, c)
}

/// `tf.keras.Input(shape=...)`: stands for the model input; a Sequential reads its shape.
fn input(it: &mut Interp, a: Args) -> R<Value> {
    let [shape, batch, name, _dtype] = a.bind(
        "Input",
        ["shape=None", "batch_size=None", "name=None", "dtype=None"],
    )?;
    let mut dims = vec![batch
        .map(|b| i64_arg(&b, "batch_size"))
        .transpose()?
        .map(|b| b as usize)];
    dims.extend(layer::shape_arg(
        it,
        &shape.unwrap_or(Value::Tuple(Rc::new(vec![]))),
    )?);
    let name = match name {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => Some(it.unique_name("input")),
    };
    let l = Layer::new(it, "InputLayer", Kind::InputLayer, name);
    *l.input_shape.borrow_mut() = Some(dims);
    l.built.set(true);
    Ok(Value::Object(Rc::new(l)))
}

/// Installs Keras into a session that already has the `tf` tree (`api::install`): the
/// `keras` modules, `tf.keras`, and the hooks through which the evaluator reaches the native
/// part of user classes derived from Keras classes.
pub fn install(it: &mut Interp) {
    let tf = match it.modules.get("tensorflow") {
        Some(Value::Module(m)) => m.clone(),
        _ => panic!("nn::install runs after api::install"),
    };
    let hooks = &mut it.hooks;
    hooks.isinstance_object = custom::isinstance;
    hooks.native_attr = custom::native_attr;
    hooks.native_set_attr = custom::native_set_attr;
    hooks.init_native_base = custom::init_native_base;
    hooks.native_super_attr = custom::native_super_attr;
    let keras = new_module("keras");
    let layers_m = new_module("keras.layers");
    let acts = new_module("keras.activations");
    let losses_m = new_module("keras.losses");
    let inits = new_module("keras.initializers");
    let models = new_module("keras.models");
    let opts = new_module("keras.optimizers");
    optimizers::install(&opts);
    let simple: &[(&str, NativeFn)] = &[
        ("Dense", dense),
        ("Dropout", |it, a| simple_layer(it, a, "Dropout")),
        ("Flatten", |it, a| simple_layer(it, a, "Flatten")),
        ("Activation", |it, a| simple_layer(it, a, "Activation")),
        ("ReLU", |it, a| simple_layer(it, a, "ReLU")),
        ("LeakyReLU", |it, a| simple_layer(it, a, "LeakyReLU")),
        ("Softmax", |it, a| simple_layer(it, a, "Softmax")),
        ("BatchNormalization", |it, a| {
            simple_layer(it, a, "BatchNormalization")
        }),
        ("Add", |it, a| simple_layer(it, a, "Add")),
        ("InputLayer", |it, a| {
            let (a, mut c) = split_common(it, a)?;
            let [shape] = a.bind("InputLayer", ["input_shape=None"])?;
            if let Some(s) = shape {
                let mut d = vec![None];
                d.extend(layer::shape_arg(it, &s)?);
                c.input_shape = Some(d);
            }
            make(it, "InputLayer", Kind::InputLayer, c)
        }),
        ("Input", input),
    ];
    crate::api::add_all(&layers_m, simple);
    layers_m.set("Layer", custom::native_class("Layer"));
    activations::install(&acts);
    losses::install(&losses_m);
    initializers::install(&inits);
    crate::api::add_all(
        &keras,
        &[("Sequential", sequential::construct), ("Input", input)],
    );
    crate::api::add_all(&models, &[("Sequential", sequential::construct)]);
    keras.set("Model", custom::native_class("Model"));
    models.set("Model", custom::native_class("Model"));
    for (n, m) in [
        ("layers", &layers_m),
        ("activations", &acts),
        ("losses", &losses_m),
        ("initializers", &inits),
        ("models", &models),
        ("optimizers", &opts),
    ] {
        keras.set(n, Value::Module(m.clone()));
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
    ] {
        it.modules.insert(path.into(), Value::Module(m.clone()));
        it.modules
            .insert(format!("tensorflow.{}", path), Value::Module(m.clone()));
    }
    it.modules
        .insert("tensorflow.losses".into(), Value::Module(losses_m));
}

/// For `keras.layers.Layer` passed where an Object is expected.
pub fn object_is_native_class(o: &dyn Object) -> bool {
    o.as_any().is::<custom::NativeClass>()
}
