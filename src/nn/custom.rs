//! User subclasses of `keras.layers.Layer` and `keras.Model`: the native base classes, the
//! native part each instance gets from `super().__init__()`, weight and sublayer tracking
//! through attributes, `add_weight`, and `__call__` (build once, then the user's `call`).

use super::layer::{get_weights, set_weights, Layer};
use super::layers::base::Base;
use crate::errors::ExcKind;
use crate::eval::error::{raise, runtime_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

/// `keras.layers.Layer` or `keras.Model` as a value: a base class for user classes.
pub struct NativeClass {
    pub name: &'static str,
}

/// The name of a native Keras class value (`Layer`, `Model`), if it is one.
pub(crate) fn native_name(v: &Value) -> Option<&'static str> {
    v.as_object::<NativeClass>().map(|c| c.name)
}

pub fn native_class(name: &'static str) -> Value {
    Value::Object(Rc::new(NativeClass { name }))
}

impl Object for NativeClass {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__name__" => Some(Value::str(self.name)),
            "from_config" if self.name == "Model" => Some(Value::method(
                this.clone(),
                "from_config",
                super::class_attrs::model_from_config_method,
            )),
            _ => None,
        })
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let graph =
            !args.pos.is_empty() || args.kw.iter().any(|(k, _)| k == "inputs" || k == "outputs");
        if self.name == "Model" && graph {
            return super::functional::model_from_graph(it, &args);
        }
        let name = name_kw(&args);
        let l = Layer::new(it, self.name, Box::new(Base), name);
        Ok(Value::Object(Rc::new(l)))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<class 'keras.src.engine.{}'>",
            if self.name == "Model" {
                "training.Model"
            } else {
                "base_layer.Layer"
            }
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn name_kw(args: &Args) -> Option<String> {
    args.kw
        .iter()
        .find(|(k, _)| k == "name")
        .and_then(|(_, v)| match v {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        })
}

fn is_native_class(v: &Value) -> bool {
    v.as_object::<NativeClass>().is_some()
}

/// Gives the instance its native layer (from `super().__init__()`, or at creation when the
/// class has no `__init__`).
fn attach(it: &mut Interp, inst: &Value, args: &Args) -> R<()> {
    let Value::Instance(i) = inst else {
        return Ok(());
    };
    if i.native.borrow().is_some() {
        return Ok(());
    }
    // `MyModel(inputs, outputs)`: a subclass of `keras.Model` built the functional way.
    let graph =
        !args.pos.is_empty() || args.kw.iter().any(|(k, _)| k == "inputs" || k == "outputs");
    if graph && is_model(inst) {
        let f = super::functional::model_from_graph(it, args)?;
        *i.native.borrow_mut() = Some(f);
        return Ok(());
    }
    let allowed: &[&str] = if is_model(inst) {
        &[
            "trainable",
            "dtype",
            "dynamic",
            "name",
            "autocast",
            "inputs",
            "outputs",
        ]
    } else {
        &[
            "trainable",
            "name",
            "dtype",
            "dynamic",
            "input_dim",
            "input_shape",
            "batch_input_shape",
            "batch_size",
            "weights",
            "activity_regularizer",
            "autocast",
            "implementation",
        ]
    };
    if let Some((k, _)) = args.kw.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        return Err(crate::eval::error::type_err(format!(
            "('Keyword argument not understood:', '{}')",
            k
        )));
    }
    let l = Layer::new(it, &i.class.name, Box::new(Base), name_kw(args));
    if let Some((_, v)) = args.kw.iter().find(|(k, _)| k == "trainable") {
        l.trainable.set(it.truthy(v)?);
    }
    match args.kw.iter().find(|(k, _)| k == "dtype").map(|(_, v)| v) {
        None | Some(Value::None) => {}
        Some(v) => match (crate::api::convert::dtype_arg(v), v) {
            (Ok(d), _) => *l.dtype.borrow_mut() = d.name().to_string(),
            // A policy name such as 'mixed_float16' is kept as given.
            (Err(_), Value::Str(s)) => *l.dtype.borrow_mut() = s.to_string(),
            (Err(e), _) => return Err(e),
        },
    }
    *i.native.borrow_mut() = Some(Value::Object(Rc::new(l)));
    Ok(())
}

pub fn init_native_base(it: &mut Interp, base: &Value, inst: &Value, args: Option<Args>) -> R<()> {
    if !is_native_class(base) {
        return Ok(());
    }
    match args {
        Some(a) => attach(it, inst, &a),
        None => Ok(()),
    }
}

pub fn native_super_attr(
    it: &mut Interp,
    base: &Value,
    receiver: &Value,
    name: &str,
) -> R<Option<Value>> {
    if !is_native_class(base) {
        return Ok(None);
    }
    if name == "from_config" {
        if let Value::Class(_) = receiver {
            return Ok(Some(Value::method(
                receiver.clone(),
                "from_config",
                super::class_attrs::user_from_config,
            )));
        }
    }
    if name == "get_config" {
        // `Layer.get_config()`: name, trainable and dtype of the native part.
        let Some(native) = super::native_layer(receiver) else {
            return Err(forgot(receiver));
        };
        let Some(l) = native.as_object::<Layer>() else {
            return Err(forgot(receiver));
        };
        return l.get_attr(&native, name, it);
    }
    // `super().train_step(data)`, `super().metrics`...: Keras's own.
    if is_model(receiver) {
        if let Some(v) = super::train_step::model_attr(it, receiver, name)? {
            return Ok(Some(v));
        }
    }
    Ok(match name {
        "__init__" => Some(Value::method(
            receiver.clone(),
            "__init__",
            |it, recv, _, args| {
                attach(it, recv, &args)?;
                Ok(Value::None)
            },
        )),
        "build" => Some(Value::method(receiver.clone(), "build", native_build)),
        "call" => Some(Value::method(receiver.clone(), "call", |_, _, _, args| {
            Ok(args.pos.first().cloned().unwrap_or(Value::None))
        })),
        _ => None,
    })
}

fn is_model(inst: &Value) -> bool {
    matches!(inst, Value::Instance(i) if matches!(i.class.native_base(), Some(b) if b.as_object::<NativeClass>().is_some_and(|n| n.name == "Model")))
}

/// `build(input_shape)` of the native base: a `keras.Model` subclass runs its `call` once on
/// inputs of that shape (unknown dims as 1, `training=False`) so its layers make their
/// weights, as Keras does on placeholders; a layer is only marked built.
fn native_build(it: &mut Interp, recv: &Value, _name: &'static str, args: Args) -> R<Value> {
    let [shape] = args.bind("build", ["input_shape=None"])?;
    if is_model(recv) && !native_built(recv) {
        let Some(shape) = shape.filter(|s| !matches!(s, Value::None)) else {
            return raise(
                ExcKind::ValueError,
                "Input shape must be defined when calling `build()` on a `Model` subclass.",
            );
        };
        let x = placeholder(it, &shape)?;
        let Value::Instance(i) = recv else {
            return Ok(Value::None);
        };
        if let Some(call) = i.class.lookup("call") {
            let f = it.get_attr(recv, "call")?;
            let mut a = Args::new(vec![x]);
            if accepts_training(&call) {
                a.kw.push(("training".into(), Value::Bool(false)));
            }
            it.call(&f, a)?;
        }
    }
    mark_built(recv);
    Ok(Value::None)
}

/// Ones of an `input_shape` (unknown dims as 1), or a list of them for a list of shapes.
fn placeholder(it: &mut Interp, shape: &Value) -> R<Value> {
    let items = match shape {
        Value::List(_) | Value::Tuple(_) => it.collect_items(shape)?,
        _ => vec![],
    };
    let nested = !items.is_empty()
        && items
            .iter()
            .all(|v| matches!(v, Value::List(_) | Value::Tuple(_) | Value::Shape(_)));
    if nested {
        let mut out = Vec::new();
        for s in &items {
            out.push(placeholder(it, s)?);
        }
        return Ok(Value::list(out));
    }
    let dims: Vec<usize> = super::layer::shape_arg(it, shape)?
        .iter()
        .map(|d| d.unwrap_or(1))
        .collect();
    crate::tensor::alloc::check(&dims, crate::tensor::DType::F32, "Fill")?;
    Ok(Value::Tensor(crate::tensor::Tensor::full(
        crate::tensor::DType::F32,
        &dims,
        1.0,
    )))
}

fn native_built(inst: &Value) -> bool {
    super::native_layer(inst)
        .and_then(|n| n.as_object::<Layer>().map(|l| l.built.get()))
        .unwrap_or(false)
}

/// Whether a user `call` takes a `training` argument.
fn accepts_training(call: &Value) -> bool {
    match call {
        Value::Function(f) => {
            f.def
                .params
                .positional
                .iter()
                .chain(&f.def.params.kwonly)
                .any(|p| p.name == "training")
                || f.def.params.kwargs.is_some()
        }
        _ => false,
    }
}

fn mark_built(inst: &Value) {
    if let Some(n) = super::native_layer(inst) {
        if let Some(l) = n.as_object::<Layer>() {
            l.built.set(true);
        }
    }
}

fn forgot(this: &Value) -> crate::eval::Flow {
    runtime_err(format!(
            "It looks like you are subclassing `Layer` and you forgot to call `super().__init__()`. Always start with this line. ({})",
            this.type_name()
        ),
    )
}

/// Attributes the native part provides to a user instance.
pub fn native_attr(it: &mut Interp, native: &Value, this: &Value, name: &str) -> R<Option<Value>> {
    if let Some(f) = native.as_object::<super::functional::Functional>() {
        // A functional model under a user class: training through the instance (its own
        // `train_step`...), everything else from the graph.
        if TRAINING_ATTRS.contains(&name) {
            return super::training::model_attr(it, this, name);
        }
        return f.get_attr(native, name, it);
    }
    let Some(l) = native.as_object::<Layer>() else {
        return Err(forgot(this));
    };
    Ok(Some(match name {
        "add_weight" | "add_variable" => {
            Value::method(this.clone(), super::static_name(name), add_weight)
        }
        "__call__" => Value::method(this.clone(), "__call__", custom_call),
        "add_loss" => Value::method(this.clone(), "add_loss", |it, recv, _, args| {
            let [x] = args.bind("add_loss", ["losses"])?;
            let native = super::native_layer(recv).unwrap_or(Value::None);
            super::layer_losses::add_loss(it, &native, &x.unwrap_or(Value::None))?;
            Ok(Value::None)
        }),
        "build" => Value::method(this.clone(), "build", native_build),
        "call" => Value::method(this.clone(), "call", |_, _, _, args| {
            Ok(args.pos.first().cloned().unwrap_or(Value::None))
        }),
        "layers" => Value::list(l.sublayers.borrow().clone()),
        n if TRAINING_ATTRS.contains(&n) => match super::training::model_attr(it, this, name)? {
            Some(v) => v,
            None => return Ok(None),
        },
        "summary" => Value::method(this.clone(), "summary", |it, recv, _, _| {
            let Some(n) = super::native_layer(recv) else {
                return Ok(Value::None);
            };
            let Some(l) = n.as_object::<Layer>() else {
                return Ok(Value::None);
            };
            if !l.built.get() {
                return raise(ExcKind::ValueError, "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.");
            }
            let subs = l.sublayers.borrow().clone();
            super::summary::print_summary(
                it,
                &l.name,
                &subs,
                l.trainable_weights(),
                l.non_trainable_weights(),
            )?;
            Ok(Value::None)
        }),
        "get_weights" => get_weights(&l.all_weights()),
        "set_weights" => Value::method(this.clone(), "set_weights", |it, recv, _, args| {
            let Some(n) = super::native_layer(recv) else {
                return Ok(Value::None);
            };
            let Some(l) = n.as_object::<Layer>() else {
                return Ok(Value::None);
            };
            let [w] = args.bind("set_weights", ["weights"])?;
            set_weights(it, &l.name, &l.all_weights(), &w.unwrap_or(Value::None))?;
            Ok(Value::None)
        }),
        "save" | "save_weights" | "load_weights" | "to_json" if is_model_instance(this) => {
            match super::saving::model_attr(this, name) {
                Some(v) => v,
                None => return Ok(None),
            }
        }
        // Everything else a layer has (name, weights, count_params, ...), bound to the
        // native part.
        _ => return l.get_attr(native, name, it),
    }))
}

/// The training attributes a user model takes from `training`.
const TRAINING_ATTRS: [&str; 25] = [
    "compile",
    "fit",
    "evaluate",
    "predict",
    "train_on_batch",
    "test_on_batch",
    "predict_on_batch",
    "optimizer",
    "loss",
    "losses",
    "metrics",
    "metrics_names",
    "stop_training",
    "history",
    "run_eagerly",
    "compiled_loss",
    "compiled_metrics",
    "train_step",
    "test_step",
    "predict_step",
    "compute_loss",
    "compute_metrics",
    "get_metrics_result",
    "reset_metrics",
    "add_metric",
];

/// The layers a value assigned to an attribute holds: itself, or those in a list, tuple
/// or dict (Keras tracks `self.blocks = [Dense(3), Dense(2)]`).
fn layers_in(v: &Value, out: &mut Vec<Value>, depth: usize) {
    let is_layer = super::layer_ref(v).is_some()
        || v.as_object::<super::sequential::Sequential>().is_some()
        || v.as_object::<super::functional::Functional>().is_some()
        || super::native_layer(v).is_some();
    if is_layer {
        out.push(v.clone());
        return;
    }
    if depth > 8 {
        return;
    }
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::Dict(d) => d.borrow().values.clone(),
        _ => return,
    };
    for x in &items {
        layers_in(x, out, depth + 1);
    }
}

/// Tracks sublayers and variables assigned to attributes; the value is stored as usual.
pub fn native_set_attr(
    _it: &mut Interp,
    native: &Value,
    _this: &Value,
    _name: &str,
    v: &Value,
) -> R<bool> {
    let Some(l) = native.as_object::<Layer>() else {
        return Ok(false);
    };
    let mut found = Vec::new();
    layers_in(v, &mut found, 0);
    for layer in found {
        if !l
            .sublayers
            .borrow()
            .iter()
            .any(|s| s.identity() == layer.identity())
        {
            l.sublayers.borrow_mut().push(layer);
        }
    }
    if let Value::Variable(var) = v {
        let mut w = l.weights.borrow_mut();
        if !w.iter().any(|(_, x)| Rc::ptr_eq(x, var)) {
            let key = format!("__attr_{}", w.len());
            w.push((key, var.clone()));
        }
    }
    Ok(false)
}

fn add_weight(it: &mut Interp, recv: &Value, _name: &'static str, args: Args) -> R<Value> {
    let Some(n) = super::native_layer(recv) else {
        return Err(forgot(recv));
    };
    let Some(l) = n.as_object::<Layer>() else {
        return Err(forgot(recv));
    };
    let [name, shape, dtype, init, reg, trainable, constraint, ..] = args.bind(
        "add_weight",
        [
            "name=None",
            "shape=None",
            "dtype=None",
            "initializer=None",
            "regularizer=None",
            "trainable=None",
            "constraint=None",
            "use_resource=None",
            "synchronization=None",
            "aggregation=None",
        ],
    )?;
    let name = match name {
        Some(Value::Str(s)) => s.to_string(),
        _ => "Variable".into(),
    };
    let dims = match shape {
        Some(s) => crate::api::tf_core::dims_arg(it, &s)?,
        None => vec![],
    };
    let d = crate::api::dtype_or(dtype, crate::tensor::DType::F32)?;
    let init = super::initializers::Init::from_value(init)?;
    let t = init.sample(it, &dims, d)?;
    let trainable = it.flag(trainable, true)?;
    let scoped = l.built.get() || IN_CALL.with(|c| c.get());
    let penalty = super::regularizers::Penalty::from_arg(it, &reg.unwrap_or(Value::None))?;
    let constraint = super::constraints::get_opt(it, &constraint.unwrap_or(Value::None))?;
    let var = l.set_weight(it, &name, t, trainable, scoped);
    if let Some(p) = penalty {
        super::layer_losses::add_weight_penalty(&n, var.clone(), p);
    }
    if let Some(c) = constraint {
        crate::api::variable_constraints::set(var.id, c);
    }
    Ok(Value::Variable(var))
}

thread_local! {
    /// Set while a user layer builds inside `__call__` (weights get the layer's name scope).
    static IN_CALL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Builds a user layer once, with its `build(input_shape)` if it has one.
pub fn build_instance(it: &mut Interp, inst: &Value, shape: &[Option<usize>]) -> R<()> {
    let Some(n) = super::native_layer(inst) else {
        return Err(forgot(inst));
    };
    let Some(l) = n.as_object::<Layer>() else {
        return Err(forgot(inst));
    };
    if l.built.get() {
        return Ok(());
    }
    if let Value::Instance(i) = inst {
        if i.class.lookup("build").is_some() {
            let f = it.get_attr(inst, "build")?;
            let shape_v = Value::Shape(Rc::new(crate::eval::value::Shape {
                dims: Some(shape.to_vec()),
            }));
            let prev = IN_CALL.with(|c| c.replace(true));
            let r = it.call(&f, Args::new(vec![shape_v]));
            IN_CALL.with(|c| c.set(prev));
            r?;
        }
    }
    l.built.set(true);
    *l.build_input.borrow_mut() = Some(super::shape_tuple_value(shape));
    super::saving::checkpoint::after_build()
}

/// `layer(inputs, training=...)`: build on first use, then the user's `call`.
fn custom_call(it: &mut Interp, recv: &Value, _name: &'static str, args: Args) -> R<Value> {
    if let Some(v) = super::keras_tensor::layer_call(it, recv, &args)? {
        return Ok(v);
    }
    let Some(x) = args.pos.first().cloned() else {
        return raise(
            ExcKind::TypeError,
            "__call__() missing 1 required positional argument: 'inputs'",
        );
    };
    let shape: Vec<Option<usize>> = match crate::api::convert::tensor_of(&x) {
        Some(t) => t.shape().iter().map(|&d| Some(d)).collect(),
        None => match it.collect_items(&x) {
            Ok(items) => {
                let first = items.into_iter().next();
                first
                    .and_then(|f| crate::api::convert::tensor_of(&f))
                    .map(|t| t.shape().iter().map(|&d| Some(d)).collect())
                    .unwrap_or_default()
            }
            Err(_) => vec![],
        },
    };
    build_instance(it, recv, &shape)?;
    let _losses = super::layer_losses::CallGuard::enter(recv);
    let Value::Instance(i) = recv else {
        return Ok(Value::None);
    };
    let Some(call) = i.class.lookup("call") else {
        return raise(
            ExcKind::NotImplementedError,
            format!(
                "Layer {} does not have a `call()` method implemented.",
                i.class.name
            ),
        );
    };
    let accepts_training = accepts_training(&call);
    let mut call_args = Args::new(args.pos.clone());
    for (k, v) in &args.kw {
        if k != "training" || accepts_training {
            call_args.kw.push((k.clone(), v.clone()));
        }
    }
    let f = it.get_attr(recv, "call")?;
    let name = super::native_layer(recv)
        .and_then(|n| n.as_object::<Layer>().map(|l| l.name.clone()))
        .unwrap_or_default();
    let _restore = super::saving::checkpoint::CallGuard::enter(recv);
    super::layer::in_scope(&name, || it.call(&f, call_args))
}

/// An instance of a user subclass of `keras.Model`.
pub fn is_model_instance(x: &Value) -> bool {
    matches!(x, Value::Instance(i) if matches!(i.class.native_base(), Some(b) if b.as_object::<NativeClass>().is_some_and(|n| n.name == "Model")))
}

/// `isinstance(x, keras.layers.Layer)` / `isinstance(x, keras.Model)`.
pub fn isinstance(x: &Value, class: &dyn Object) -> bool {
    let Some(c) = class.as_any().downcast_ref::<NativeClass>() else {
        return false;
    };
    let seq = x.as_object::<super::sequential::Sequential>().is_some()
        || x.as_object::<super::functional::Functional>().is_some();
    match c.name {
        "Model" => seq || is_model_instance(x),
        _ => seq || super::layer_ref(x).is_some() || super::native_layer(x).is_some(),
    }
}
