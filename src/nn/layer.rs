//! A Keras layer as a native object: its name, weights (in creation order), build state and
//! the attributes every layer has. What a layer computes is its kind's (`layers/`).

use super::layers::{autocast, LayerKind};
use crate::errors::ExcKind;
use crate::eval::error::{attr_err, raise, value_err, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Layer {
    /// The Keras class name: `Dense`, `BatchNormalization`, or a user class's name.
    pub class_name: String,
    pub name: String,
    pub kind: Box<dyn LayerKind>,
    pub built: Cell<bool>,
    /// Weights in creation order, with the attribute name each is reachable under.
    pub weights: RefCell<Vec<(String, Rc<Variable>)>>,
    /// The input shape of a layer given `input_shape=`, with the batch dim unknown.
    pub input_shape: RefCell<Option<Vec<Option<usize>>>>,
    /// The shape given to the constructor (`input_shape=`, `batch_input_shape=`), which
    /// `get_config` shows as `batch_input_shape`.
    pub batch_input_shape: RefCell<Option<Vec<Option<usize>>>>,
    /// The input shape the layer was built for, as `get_config`'s `build_config` shows it:
    /// a tuple, or a list of tuples for a layer taking a list.
    pub build_input: RefCell<Option<Value>>,
    /// Output shape for summaries, when the model knows its input shape.
    pub output_shape: RefCell<Option<Vec<Option<usize>>>>,
    pub trainable: Cell<bool>,
    /// Sublayers tracked through attributes (user subclasses).
    pub sublayers: RefCell<Vec<Value>>,
    /// What `compile` set (the native part of a `keras.Model` subclass).
    pub compiled: super::ModelState,
    /// Its calls on symbolic tensors (functional models).
    pub inbound: super::keras_tensor::Inbound,
    /// A checkpoint loaded before the model made its variables, restored after its first
    /// call (TensorFlow's deferred restoration).
    pub pending_restore: RefCell<Option<Rc<super::saving::checkpoint::Pending>>>,
    /// The layer's `dtype` (a subclass may give `dtype='string'` or `'int64'`).
    pub dtype: RefCell<String>,
}

impl Layer {
    pub fn new(
        it: &mut Interp,
        class_name: &str,
        kind: Box<dyn LayerKind>,
        name: Option<String>,
    ) -> Layer {
        let name = name.unwrap_or_else(|| it.unique_name(&super::snake_case(class_name)));
        Layer {
            class_name: class_name.to_string(),
            name,
            kind,
            built: Cell::new(false),
            weights: RefCell::new(Vec::new()),
            input_shape: RefCell::new(None),
            batch_input_shape: RefCell::new(None),
            build_input: RefCell::new(None),
            output_shape: RefCell::new(None),
            trainable: Cell::new(true),
            sublayers: RefCell::new(Vec::new()),
            compiled: Default::default(),
            inbound: Default::default(),
            pending_restore: RefCell::new(None),
            dtype: RefCell::new("float32".into()),
        }
    }

    /// Creates (or replaces, on a rebuild) the weight `attr`, named `scope/attr:0` when the
    /// layer is built inside its name scope (a call, or a model's build) and `attr:0` when
    /// built directly, as Keras 2.15 names them.
    pub fn set_weight(
        &self,
        it: &mut Interp,
        attr: &str,
        value: Tensor,
        trainable: bool,
        scoped: bool,
    ) -> Rc<Variable> {
        let name = if scoped {
            format!("{}{}/{}:0", scope_prefix(), self.name, attr)
        } else {
            format!("{}:0", attr)
        };
        let id = it.fresh_id();
        let var = Rc::new(Variable {
            name: RefCell::new(name),
            value: crate::tensor::compile::cell(value),
            trainable,
            id,
            autocast: super::mixed_precision::is_mixed(&self.dtype.borrow()),
        });
        let mut w = self.weights.borrow_mut();
        match w.iter_mut().find(|(a, _)| a == attr) {
            Some(slot) => slot.1 = var.clone(),
            None => w.push((attr.to_string(), var.clone())),
        }
        var
    }

    pub fn weight(&self, attr: &str) -> Option<Rc<Variable>> {
        self.weights
            .borrow()
            .iter()
            .find(|(a, _)| a == attr)
            .map(|(_, v)| v.clone())
    }

    /// All variables: own weights first, then tracked sublayers', without duplicates.
    pub fn all_weights(&self) -> Vec<Rc<Variable>> {
        let mut out: Vec<Rc<Variable>> = self
            .weights
            .borrow()
            .iter()
            .map(|(_, v)| v.clone())
            .collect();
        for sub in self.sublayers.borrow().iter() {
            for v in super::weights_of(sub) {
                if !out.iter().any(|w| Rc::ptr_eq(w, &v)) {
                    out.push(v);
                }
            }
        }
        out
    }

    pub fn trainable_weights(&self) -> Vec<Rc<Variable>> {
        if !self.trainable.get() {
            return vec![];
        }
        self.all_weights()
            .into_iter()
            .filter(|v| v.trainable)
            .collect()
    }

    pub fn non_trainable_weights(&self) -> Vec<Rc<Variable>> {
        let t = self.trainable.get();
        self.all_weights()
            .into_iter()
            .filter(|v| !v.trainable || !t)
            .collect()
    }

    /// Builds the layer for an input shape (`scoped`: inside its name scope, as in a call
    /// or a model build). A rebuild replaces the weights.
    pub fn build(&self, it: &mut Interp, shape: &[Option<usize>], scoped: bool) -> R<()> {
        let given = super::shape_tuple_value(shape);
        let shape = if self.kind.channels_first() {
            super::layers::channels::shape_to_last(shape)
        } else {
            shape.to_vec()
        };
        for w in self.kind.weights(&shape)? {
            let t = w.init.sample(it, &w.dims, DType::F32)?;
            self.set_weight(it, w.attr, t, w.trainable, scoped);
        }
        self.kind.build_inner(it, self, &shape, scoped)?;
        self.built.set(true);
        *self.build_input.borrow_mut() = Some(given);
        super::saving::checkpoint::after_build()
    }

    /// Calls a layer taking one tensor: cast to float32, checked, built on first use, then
    /// computed by its kind.
    pub fn call_tensor(&self, it: &mut Interp, x: &Value, training: bool) -> R<Value> {
        let mut x = autocast(tensor_arg(it, x)?);
        let first = self.kind.channels_first();
        if first {
            x = super::layers::channels::to_last(&x)?;
        }
        self.kind.check_input(self, &x)?;
        if !self.built.get() {
            let mut shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
            if first {
                // `build` takes the shape as the user gives it.
                shape = super::layers::channels::shape_to_first(&shape);
            }
            self.build(it, &shape, true)?;
        }
        let y = if self.is_mixed() {
            let d = self.compute_dtype();
            if x.dtype() != d {
                x = x.cast(d);
            }
            crate::eval::value::with_autocast(Some(d), || self.kind.call(it, self, x, training))?
        } else {
            self.kind.call(it, self, x, training)?
        };
        Ok(Value::Tensor(if first {
            super::layers::channels::to_first(&y)?
        } else {
            y
        }))
    }

    /// The dtype the layer computes in (its policy's).
    pub fn compute_dtype(&self) -> DType {
        super::mixed_precision::compute_dtype(&self.dtype.borrow())
    }

    /// Whether the layer runs under a mixed-precision policy.
    pub fn is_mixed(&self) -> bool {
        super::mixed_precision::is_mixed(&self.dtype.borrow())
    }

    /// The kind's output shape for an input shape, in the layer's data format.
    pub fn output_shape_of(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        if self.kind.channels_first() {
            let last = super::layers::channels::shape_to_last(shape);
            super::layers::channels::shape_to_first(&self.kind.output_shape(&last))
        } else {
            self.kind.output_shape(shape)
        }
    }

    pub fn count_params(&self) -> usize {
        self.all_weights()
            .iter()
            .map(|v| v.value.borrow().size())
            .sum()
    }
}

thread_local! {
    /// The name scopes of the user layers whose `call` is running (outermost first).
    static SCOPES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `outer/inner/` for weights created while user layers' calls run.
pub fn scope_prefix() -> String {
    SCOPES.with(|s| s.borrow().iter().map(|n| format!("{}/", n)).collect())
}

/// Runs `f` inside the name scope of layer `name`.
pub fn in_scope<T>(name: &str, f: impl FnOnce() -> T) -> T {
    SCOPES.with(|s| s.borrow_mut().push(name.to_string()));
    let r = f();
    SCOPES.with(|s| s.borrow_mut().pop());
    r
}

pub fn var_list(vs: Vec<Rc<Variable>>) -> Value {
    Value::list(vs.into_iter().map(Value::Variable).collect())
}

/// `get_weights()`: numpy arrays of every weight.
pub fn get_weights(vs: &[Rc<Variable>]) -> Value {
    Value::list(
        vs.iter()
            .map(|v| Value::ndarray(v.value.borrow().clone()))
            .collect(),
    )
}

/// `set_weights(list)` with Keras's checks on count and shapes.
pub fn set_weights(it: &mut Interp, owner: &str, vs: &[Rc<Variable>], new: &Value) -> R<()> {
    let items: Vec<Value> = it.collect_items(new)?;
    if items.len() != vs.len() {
        let provided = it.repr(new)?;
        return Err(value_err(format!(
            "You called `set_weights(weights)` on layer \"{}\" with a weight list of length {}, but the layer was expecting {} weights. Provided weights: {}",
            owner,
            items.len(),
            vs.len(),
            provided.lines().next().unwrap_or("")
        )));
    }
    let mut converted = Vec::new();
    for (v, x) in vs.iter().zip(&items) {
        let cur = v.value.borrow().clone();
        let t = crate::api::convert::to_tensor(it, x, None)?.cast(cur.dtype());
        if t.shape() != cur.shape() {
            return Err(value_err(format!(
                "Layer {} weight shape {} is not compatible with provided weight shape {}.",
                owner,
                crate::print::shape_tuple(cur.shape()),
                crate::print::shape_tuple(t.shape())
            )));
        }
        converted.push(t);
    }
    for (v, t) in vs.iter().zip(converted) {
        v.set(t);
    }
    Ok(())
}

/// A shape argument as a list of optional dims: `(None, 4)`, `[None, 3]`, TensorShape.
pub fn shape_arg(it: &mut Interp, v: &Value) -> R<Vec<Option<usize>>> {
    let s = crate::api::tf_core::shape_from(it, v)?;
    s.dims
        .ok_or_else(|| value_err("input_shape must have a known rank"))
}

pub fn tensor_arg(it: &mut Interp, v: &Value) -> R<Tensor> {
    crate::api::convert::to_tensor(it, v, None)
}

thread_local! {
    /// Whether the latest direct call of a layer or model left `training` unset.
    static TRAINING_UNSET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the call under way was made without `training` (Keras's random preprocessing
/// layers then augment, their `call`'s default being `training=True`).
pub fn training_unset() -> bool {
    TRAINING_UNSET.with(|c| c.get())
}

/// The `training` keyword of a call, if given.
pub fn training_arg(it: &mut Interp, args: &Args) -> R<bool> {
    let given = args.kw.iter().find(|(k, _)| k == "training");
    TRAINING_UNSET.with(|c| c.set(!matches!(given, Some((_, v)) if !matches!(v, Value::None))));
    match given {
        Some((_, v)) if !matches!(v, Value::None) => it.truthy(v),
        _ => Ok(false),
    }
}

impl Object for Layer {
    fn type_name(&self) -> String {
        self.class_name.clone()
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if let Some(v) = self.kind.attr(name) {
            return Ok(Some(v));
        }
        Ok(Some(match name {
            "name" => Value::str(&self.name),
            "built" => Value::Bool(self.built.get()),
            "trainable" => Value::Bool(self.trainable.get()),
            "dtype" | "variable_dtype" if self.is_mixed() => {
                Value::str(super::mixed_precision::variable_dtype(&self.dtype.borrow()).name())
            }
            "dtype" | "variable_dtype" => Value::str(&self.dtype.borrow()),
            "compute_dtype" => Value::str(self.compute_dtype().name()),
            "dtype_policy" => super::mixed_precision::policy_value(&self.dtype.borrow()),
            "losses" => {
                let losses = super::layer_losses::model_losses(it, this)?;
                Value::list(losses.into_iter().map(Value::Tensor).collect())
            }
            "weights" | "variables" => var_list(self.all_weights()),
            "trainable_weights" | "trainable_variables" => var_list(self.trainable_weights()),
            "non_trainable_weights" | "non_trainable_variables" => {
                var_list(self.non_trainable_weights())
            }
            "input_shape" => match &*self.input_shape.borrow() {
                Some(s) => super::shape_value_with_batch(s),
                None => {
                    return Err(attr_err(format!(
                    "The layer \"{}\" has never been called and thus has no defined input shape.",
                    self.name
                )))
                }
            },
            "output_shape" => match &*self.output_shape.borrow() {
                Some(s) => super::shape_tuple_value(s),
                None => {
                    return Err(attr_err(format!(
                    "The layer \"{}\" has never been called and thus has no defined output shape.",
                    self.name
                )))
                }
            },
            "input" | "output" => match self.inbound.first() {
                Some((i, o)) => {
                    let input_layer = self.class_name == "InputLayer";
                    let o = match &o {
                        Value::List(l) if input_layer => {
                            l.borrow().first().cloned().unwrap_or(Value::None)
                        }
                        _ => o,
                    };
                    if name == "output" || input_layer {
                        o
                    } else {
                        i
                    }
                }
                None if name == "input" => {
                    return Err(attr_err(format!(
                        "Layer {} is not connected, no input to return.",
                        self.name
                    )))
                }
                None => {
                    return Err(attr_err(format!(
                        "Layer {} has no inbound nodes.",
                        self.name
                    )))
                }
            },
            "build"
            | "get_weights"
            | "set_weights"
            | "count_params"
            | "__call__"
            | "get_config"
            | "compute_output_shape"
            | "compute_mask" => Value::method(this.clone(), super::static_name(name), layer_method),
            "reset_states" if self.kind.attr_names().contains(&"reset_states") => {
                Value::method(this.clone(), super::static_name(name), layer_method)
            }
            _ => {
                // A weight reachable as an attribute (kernel, bias, gamma, ...).
                if let Some(v) = self.weight(name) {
                    return Ok(Some(Value::Variable(v)));
                }
                let _ = it;
                return Ok(None);
            }
        }))
    }

    fn attr_names(&self) -> Vec<String> {
        let mut n: Vec<String> = [
            "name",
            "built",
            "trainable",
            "dtype",
            "weights",
            "variables",
            "trainable_weights",
            "trainable_variables",
            "non_trainable_weights",
            "non_trainable_variables",
            "input_shape",
            "output_shape",
            "build",
            "get_weights",
            "set_weights",
            "count_params",
            "get_config",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        n.extend(self.weights.borrow().iter().map(|(a, _)| a.clone()));
        n.extend(self.kind.attr_names().iter().map(|s| s.to_string()));
        n
    }

    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        match name {
            "trainable" => {
                self.trainable.set(matches!(value, Value::Bool(true)));
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn call(&self, this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        layer_method(it, this, "__call__", args)
    }

    fn class_path(&self) -> Option<String> {
        let m = self.kind.module();
        let package = if m.starts_with("engine.") {
            ""
        } else {
            "layers."
        };
        Some(format!("keras.src.{}{}.{}", package, m, self.class_name))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn layer_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(layer) = recv.as_object::<Layer>() else {
        return Ok(Value::None);
    };
    match name {
        "build" => {
            let [shape] = args.bind("build", ["input_shape"])?;
            let shape = shape.unwrap_or(Value::None);
            if layer.kind.list_masks() && is_shape_list(it, &shape)? {
                let mut shapes = Vec::new();
                for s in it.collect_items(&shape)? {
                    shapes.push(shape_arg(it, &s)?);
                }
                if let Some(v) = super::layers::dense_attention::value_shape(&shapes) {
                    layer.build(it, &v, false)?;
                }
                return Ok(Value::None);
            }
            let shape = shape_arg(it, &shape)?;
            layer.build(it, &shape, false)?;
            Ok(Value::None)
        }
        "get_weights" => Ok(get_weights(&layer.all_weights())),
        "set_weights" => {
            let [w] = args.bind("set_weights", ["weights"])?;
            set_weights(
                it,
                &layer.name,
                &layer.all_weights(),
                &w.unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        }
        "count_params" => {
            if !layer.built.get() {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "You tried to call `count_params` on layer {}, but the layer isn't built. You can build it manually via: `{}.build(batch_input_shape)`.",
                        layer.name, layer.name
                    ),
                );
            }
            Ok(Value::Int(layer.count_params() as i64))
        }
        "get_config" => super::saving::entry::layer_config(it, layer),
        "compute_mask" => {
            let [x, mask] = args.bind("compute_mask", ["inputs", "mask=None"])?;
            let mask = if layer.kind.list_masks() {
                super::layers::mask_flow::first_of_mask_list(it, mask)?
            } else {
                super::layers::mask_flow::mask_arg(it, mask)?
            };
            let x = x.unwrap_or(Value::None);
            Ok(match layer.kind.compute_mask(it, layer, &x, mask)? {
                Some(m) => Value::Tensor(m),
                None => Value::None,
            })
        }
        "reset_states" => {
            layer.kind.reset_states().unwrap_or(Ok(()))?;
            Ok(Value::None)
        }
        "compute_output_shape" => {
            if let Some(r) = layer.kind.compute_output_shape_call(it, &args) {
                return r;
            }
            let Some(shape) = args.pos.first() else {
                return raise(
                    ExcKind::TypeError,
                    "compute_output_shape() missing 1 required positional argument: 'input_shape'",
                );
            };
            let nested = is_shape_list(it, shape)?;
            if nested {
                return list_output_shape(it, layer, shape);
            }
            let dims = match shape {
                Value::List(_) | Value::Tuple(_) => it
                    .collect_items(shape)?
                    .iter()
                    .map(|d| match d {
                        Value::None => Ok(None),
                        other => Ok(Some(
                            crate::api::convert::i64_arg(other, "input_shape")?.max(0) as usize,
                        )),
                    })
                    .collect::<R<Vec<_>>>()?,
                other => shape_arg(it, other)?,
            };
            Ok(Value::Shape(Rc::new(crate::eval::value::Shape {
                dims: Some(layer.output_shape_of(&dims)),
            })))
        }
        _ => {
            if let Some(v) = super::keras_tensor::layer_call(it, recv, &args)? {
                return Ok(v);
            }
            let training = training_arg(it, &args)?;
            let Some(x) = args.pos.first() else {
                return raise(
                    ExcKind::TypeError,
                    "__call__() missing 1 required positional argument: 'inputs'",
                );
            };
            let mask = if layer.kind.list_masks() {
                None
            } else {
                super::layers::mask_flow::mask_kwarg(it, &args)?
            };
            layer.kind.call_masked(it, layer, x, mask, &args, training)
        }
    }
}

/// Whether a shape argument is a list of shapes (its first item a list, tuple or shape).
fn is_shape_list(it: &mut Interp, shape: &Value) -> R<bool> {
    Ok(match shape {
        Value::List(_) | Value::Tuple(_) => it
            .collect_items(shape)?
            .first()
            .is_some_and(|d| matches!(d, Value::List(_) | Value::Tuple(_) | Value::Shape(_))),
        _ => false,
    })
}

/// `compute_output_shape` of a layer taking a list of inputs (the merge layers): the layer
/// runs on ones of each shape, unknown dims 2 and then 3; output dims that differ between
/// the two runs are unknown.
fn list_output_shape(it: &mut Interp, layer: &Layer, shapes: &Value) -> R<Value> {
    let mut dims = Vec::new();
    for s in it.collect_items(shapes)? {
        dims.push(shape_arg(it, &s)?);
    }
    let mut outs = Vec::new();
    for fill in [2, 3] {
        let mut inputs = Vec::new();
        for d in &dims {
            let concrete: Vec<usize> = d.iter().map(|x| x.unwrap_or(fill)).collect();
            crate::tensor::alloc::check(&concrete, crate::tensor::DType::F32, "Fill")?;
            inputs.push(Value::Tensor(Tensor::full(
                crate::tensor::DType::F32,
                &concrete,
                1.0,
            )));
        }
        let y = layer
            .kind
            .call_value(it, layer, &Value::list(inputs), false)?;
        let Value::Tensor(t) = y else {
            return raise(
                ExcKind::NotImplementedError,
                "tensh computes list output shapes for layers with one output",
            );
        };
        outs.push(t.shape().to_vec());
    }
    let out: Vec<Option<usize>> = if outs[0].len() == outs[1].len() {
        outs[0]
            .iter()
            .zip(&outs[1])
            .map(|(a, b)| (a == b).then_some(*a))
            .collect()
    } else {
        outs[0].iter().map(|_| None).collect()
    };
    Ok(Value::Shape(Rc::new(crate::eval::value::Shape {
        dims: Some(out),
    })))
}
