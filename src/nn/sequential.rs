//! `tf.keras.Sequential`: a stack of layers with its own name counter, build, call and the
//! summary table in the seed notebook's format.

use super::layer::{get_weights, set_weights, var_list};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct Sequential {
    pub name: String,
    pub layers: RefCell<Vec<Value>>,
    pub built: Cell<bool>,
    /// Known when the first layer was given `input_shape=` (batch dim None).
    pub input_shape: RefCell<Option<Vec<Option<usize>>>>,
    /// The name of the `Input` or `InputLayer` the model was given, if any.
    pub input_name: RefCell<Option<String>>,
    /// The input shape `build()` or the first call built the layers for (batch dim None),
    /// which `get_config` shows as the model's input layer.
    pub build_shape: RefCell<Option<Vec<Option<usize>>>>,
    /// What `compile` set.
    pub compiled: super::ModelState,
    /// Its calls on symbolic tensors (as a layer of a functional model).
    pub inbound: super::keras_tensor::Inbound,
}

const NOT_BUILT: &str =
    "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.";

impl Sequential {
    pub fn all_weights(&self) -> Vec<Rc<Variable>> {
        super::weights_of_all(&self.layers.borrow())
    }

    fn trainable(&self) -> Vec<Rc<Variable>> {
        let mut out = Vec::new();
        for l in self.layers.borrow().iter() {
            out.extend(super::trainable_of(l));
        }
        out
    }

    fn non_trainable(&self) -> Vec<Rc<Variable>> {
        super::others(self.all_weights(), &self.trainable())
    }

    /// Adds a layer; with a known input shape the layer is built at once (Keras does).
    pub fn add(&self, it: &mut Interp, layer: Value) -> R<()> {
        // `tf.keras.Input(...)` or an `InputLayer` first only sets the input shape.
        let input = match layer.as_object::<super::keras_tensor::KerasTensor>() {
            Some(k) if k.node.is_input => Some((k.shape.clone(), k.layer_name())),
            _ => super::layer_ref(&layer)
                .filter(|l| l.class_name == "InputLayer")
                .map(|l| {
                    let shape = l.input_shape.borrow().clone().unwrap_or_default();
                    (shape, l.name.clone())
                }),
        };
        if let Some((shape, name)) = input {
            *self.input_name.borrow_mut() = Some(name);
            *self.input_shape.borrow_mut() = Some(shape.clone());
            if !self.layers.borrow().is_empty() {
                self.build_layers(it, &shape, true)?;
            }
            return Ok(());
        }
        if super::layer_ref(&layer).is_none()
            && !matches!(layer, Value::Object(_) | Value::Instance(_))
        {
            return Err(type_err(format!(
                "The added layer must be an instance of class Layer. Received: layer={} of type {}.",
                it.repr(&layer)?,
                layer.type_name()
            )));
        }
        // A first layer's own input shape counts unless an `Input` gave one already.
        if self.layers.borrow().is_empty() && self.input_shape.borrow().is_none() {
            if let Some(l) = super::layer_ref(&layer) {
                let shape = l.input_shape.borrow().clone();
                if let Some(s) = shape {
                    *self.input_shape.borrow_mut() = Some(s);
                }
            }
        }
        self.layers.borrow_mut().push(layer);
        if let Some(s) = self.input_shape.borrow().clone() {
            self.build_layers(it, &s, true)?;
        }
        Ok(())
    }

    /// Builds every layer in turn, feeding each the previous output shape.
    fn build_layers(&self, it: &mut Interp, shape: &[Option<usize>], known: bool) -> R<()> {
        let mut cur = shape.to_vec();
        let layers = self.layers.borrow().clone();
        for l in &layers {
            super::build_value(it, l, &cur, true)?;
            if let Some(layer) = super::layer_ref(l) {
                let out = layer.output_shape_of(&cur);
                *layer.output_shape.borrow_mut() = if known { Some(out.clone()) } else { None };
                cur = out;
            } else if let Some(out) = declared_output_shape(it, l, &cur)? {
                // A layer class written in Python: its native part keeps the shape.
                if let Some(native) = super::native_layer(l) {
                    if let Some(layer) = super::layer_ref(&native) {
                        *layer.output_shape.borrow_mut() = known.then(|| out.clone());
                    }
                }
                cur = out;
            }
        }
        self.built.set(!layers.is_empty());
        Ok(())
    }

    fn summary(&self, it: &mut Interp) -> R<()> {
        if !self.built.get() {
            return raise(ExcKind::ValueError, NOT_BUILT);
        }
        let layers = self.layers.borrow().clone();
        super::summary::print_summary(
            it,
            &self.name,
            &layers,
            self.trainable(),
            self.non_trainable(),
        )
    }
}

impl Object for Sequential {
    fn type_name(&self) -> String {
        "Sequential".into()
    }

    fn set_attr(&self, name: &str, value: Value, it: &mut Interp) -> R<bool> {
        super::training::set_model_attr(&self.compiled, name, value, it)
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "name" => Value::str(&self.name),
            "built" => Value::Bool(self.built.get()),
            "layers" => Value::list(self.layers.borrow().clone()),
            "weights" | "variables" if !self.built.get() => {
                return Err(value_err(format!(
                    "Weights for model '{}' have not yet been created. Weights are created when the model is first called on inputs or `build()` is called with an `input_shape`.",
                    self.name
                )))
            }
            "weights" | "variables" => var_list(self.all_weights()),
            "trainable_weights" | "trainable_variables" => var_list(self.trainable()),
            "non_trainable_weights" | "non_trainable_variables" => var_list(self.non_trainable()),
            "input_shape" => match &*self.input_shape.borrow() {
                Some(s) => super::shape_tuple_value(s),
                None => return Err(value_err("AttributeError: The model has not been built")),
            },
            "output_shape" => {
                let last = self.layers.borrow().last().cloned();
                match last.as_ref().and_then(super::layer_ref).and_then(|l| l.output_shape.borrow().clone()) {
                    Some(s) => super::shape_tuple_value(&s),
                    None => {
                        return Err(crate::eval::error::err(
                            ExcKind::AttributeError,
                            "The layer \"sequential\" has never been called and thus has no defined output shape.",
                        ))
                    }
                }
            }
            "add" | "build" | "summary" | "count_params" | "get_weights" | "set_weights"
            | "__call__" | "pop" | "get_layer" => {
                Value::method(this.clone(), super::static_name(name), seq_method)
            }
            _ => return super::training::model_attr(it, this, name),
        }))
    }

    fn call(&self, this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        seq_method(it, this, "__call__", args)
    }

    fn attr_names(&self) -> Vec<String> {
        [
            "name",
            "built",
            "layers",
            "weights",
            "variables",
            "trainable_weights",
            "trainable_variables",
            "non_trainable_weights",
            "non_trainable_variables",
            "input_shape",
            "output_shape",
            "add",
            "build",
            "summary",
            "count_params",
            "get_weights",
            "set_weights",
            "pop",
            "get_layer",
        ]
        .into_iter()
        .chain(super::training::model_attr_names())
        .map(|s| s.to_string())
        .collect()
    }

    fn class_path(&self) -> Option<String> {
        Some("keras.src.engine.sequential.Sequential".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn seq_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(m) = recv.as_object::<Sequential>() else {
        return Ok(Value::None);
    };
    match name {
        "add" => {
            let [layer] = args.bind("add", ["layer"])?;
            m.add(it, layer.unwrap_or(Value::None))?;
            Ok(Value::None)
        }
        "get_layer" => {
            let layers = m.layers.borrow().clone();
            super::functional::get_layer(&layers, args)
        }
        "pop" => {
            if m.layers.borrow_mut().pop().is_none() {
                return raise(ExcKind::TypeError, "There are no layers in the model.");
            }
            Ok(Value::None)
        }
        "build" => {
            let [shape] = args.bind("build", ["input_shape=None"])?;
            let shape = match shape {
                Some(s) => super::layer::shape_arg(it, &s)?,
                None => match m.input_shape.borrow().clone() {
                    Some(s) => s,
                    None => {
                        return raise(
                            ExcKind::ValueError,
                            "You must provide an `input_shape` argument.",
                        )
                    }
                },
            };
            let known = m.input_shape.borrow().is_some();
            m.build_layers(it, &shape, known)?;
            *m.build_shape.borrow_mut() = Some(shape);
            Ok(Value::None)
        }
        "summary" => {
            m.summary(it)?;
            Ok(Value::None)
        }
        "count_params" => {
            if !m.built.get() {
                return raise(
                    ExcKind::ValueError,
                    format!("You tried to call `count_params` on layer {}, but the layer isn't built. You can build it manually via: `{}.build(batch_input_shape)`.", m.name, m.name),
                );
            }
            Ok(Value::Int(
                m.all_weights()
                    .iter()
                    .map(|v| v.value.borrow().size())
                    .sum::<usize>() as i64,
            ))
        }
        "get_weights" => Ok(get_weights(&m.all_weights())),
        "set_weights" => {
            let [w] = args.bind("set_weights", ["weights"])?;
            set_weights(it, &m.name, &m.all_weights(), &w.unwrap_or(Value::None))?;
            Ok(Value::None)
        }
        _ => {
            if let Some(v) = super::keras_tensor::layer_call(it, recv, &args)? {
                return Ok(v);
            }
            let training = super::layer::training_arg(it, &args)?;
            let Some(x) = args.pos.first().cloned() else {
                return raise(
                    ExcKind::TypeError,
                    "__call__() missing 1 required positional argument: 'inputs'",
                );
            };
            if m.layers.borrow().is_empty() {
                return raise(ExcKind::ValueError, NOT_BUILT);
            }
            if !m.built.get() {
                let t = super::layer::tensor_arg(it, &x)?;
                let shape: Vec<Option<usize>> = t.shape().iter().map(|&d| Some(d)).collect();
                m.build_layers(it, &shape, false)?;
                let mut relaxed = shape;
                if let Some(b) = relaxed.first_mut() {
                    *b = None;
                }
                *m.build_shape.borrow_mut() = Some(relaxed);
            }
            let layers = m.layers.borrow().clone();
            let mut cur = x;
            let mut mask = None;
            for l in &layers {
                (cur, mask) =
                    super::layers::mask_flow::call_in_sequence(it, l, cur, mask, training)?;
            }
            Ok(cur)
        }
    }
}

crate::builtin! {
    /// `Sequential` groups a linear stack of layers into a `tf.keras.Model`.
    python ["tf.keras.Sequential", "tf.keras.models.Sequential"]
    fn Sequential(it, layers = None, name = None) {
        let name = match name {
            Value::Str(s) => s.to_string(),
            _ => it.unique_name("sequential"),
        };
        let m = Rc::new(Sequential {
            name,
            layers: RefCell::new(Vec::new()),
            built: Cell::new(false),
            input_shape: RefCell::new(None),
            input_name: RefCell::new(None),
            build_shape: RefCell::new(None),
            compiled: Default::default(),
            inbound: Default::default(),
        });
        let v = Value::Object(m.clone());
        if !matches!(layers, Value::None) {
            for l in it.collect_items(&layers)? {
                m.add(it, l)?;
            }
        }
        Ok(v)
    }
}

/// The output shape a layer class written in Python declares with `compute_output_shape`
/// (Keras's own Python layers, such as TextVectorization, and user classes that define it).
fn declared_output_shape(
    it: &mut Interp,
    l: &Value,
    shape: &[Option<usize>],
) -> R<Option<Vec<Option<usize>>>> {
    let Value::Instance(inst) = l else {
        return Ok(None);
    };
    let defined = matches!(
        it.class_getattr(&inst.class, "compute_output_shape"),
        Ok(Value::Function(_))
    );
    if !defined {
        return Ok(None);
    }
    let f = it.get_attr(l, "compute_output_shape")?;
    let out = it.call(
        &f,
        crate::eval::value::Args::new(vec![super::shape_tuple_value(shape)]),
    )?;
    Ok(super::layer::shape_arg(it, &out).ok())
}
