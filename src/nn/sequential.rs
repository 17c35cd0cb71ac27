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
    /// What `compile` set.
    pub compiled: super::ModelState,
}

const NOT_BUILT: &str =
    "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.";

impl Sequential {
    pub fn all_weights(&self) -> Vec<Rc<Variable>> {
        let mut out: Vec<Rc<Variable>> = Vec::new();
        for l in self.layers.borrow().iter() {
            for v in super::weights_of(l) {
                if !out.iter().any(|w| Rc::ptr_eq(w, &v)) {
                    out.push(v);
                }
            }
        }
        out
    }

    fn trainable(&self) -> Vec<Rc<Variable>> {
        let mut out = Vec::new();
        for l in self.layers.borrow().iter() {
            out.extend(super::trainable_of(l));
        }
        out
    }

    fn non_trainable(&self) -> Vec<Rc<Variable>> {
        let t = self.trainable();
        self.all_weights()
            .into_iter()
            .filter(|v| !t.iter().any(|w| Rc::ptr_eq(w, v)))
            .collect()
    }

    /// Adds a layer; with a known input shape the layer is built at once (Keras does).
    pub fn add(&self, it: &mut Interp, layer: Value) -> R<()> {
        if super::layer_ref(&layer).is_none()
            && !matches!(layer, Value::Object(_) | Value::Instance(_))
        {
            return Err(type_err(format!(
                "The added layer must be an instance of class Layer. Received: layer={} of type {}.",
                it.repr(&layer)?,
                layer.type_name()
            )));
        }
        if self.layers.borrow().is_empty() {
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
                let out = layer.kind.output_shape(&cur);
                *layer.output_shape.borrow_mut() = if known { Some(out.clone()) } else { None };
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
        print_summary(
            it,
            &self.name,
            &layers,
            self.trainable(),
            self.non_trainable(),
        )
    }
}

/// The summary table in TF 2.0's format (the seed notebook's): 65 columns, fields at 0, 29
/// and 55, `_` rules between layers, `multiple` where the output shape is not known.
pub fn print_summary(
    it: &mut Interp,
    name: &str,
    layers: &[Value],
    trainable: Vec<Rc<Variable>>,
    non_trainable: Vec<Rc<Variable>>,
) -> R<()> {
    let positions = [29usize, 55, 65];
    let row = |fields: [String; 3]| -> String {
        let mut line = String::new();
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                line.pop();
                line.push(' ');
            }
            line.push_str(f);
            let cut: String = line.chars().take(positions[i]).collect();
            line = format!("{:<width$}", cut, width = positions[i]);
        }
        line
    };
    let mut out = format!("Model: \"{}\"\n", name);
    out.push_str(&format!("{}\n", "_".repeat(65)));
    out.push_str(&row([
        "Layer (type)".into(),
        "Output Shape".into(),
        "Param #".into(),
    ]));
    out.push('\n');
    out.push_str(&format!("{}\n", "=".repeat(65)));
    for (i, l) in layers.iter().enumerate() {
        let (lname, class, shape) = match super::layer_ref(l) {
            Some(layer) => (
                layer.name.clone(),
                layer.class_name.clone(),
                match &*layer.output_shape.borrow() {
                    Some(s) => crate::eval::repr::shape_str(&Some(s.clone())),
                    None => "multiple".into(),
                },
            ),
            None => {
                let n = match super::native_layer(l)
                    .as_ref()
                    .and_then(|n| n.as_object::<super::layer::Layer>().map(|x| x.name.clone()))
                {
                    Some(n) => n,
                    None => l
                        .as_object::<Sequential>()
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                };
                (n, l.type_name(), "multiple".into())
            }
        };
        let params: usize = super::weights_of(l)
            .iter()
            .map(|v| v.value.borrow().size())
            .sum();
        out.push_str(&row([
            format!("{} ({})", lname, class),
            shape,
            params.to_string(),
        ]));
        out.push('\n');
        out.push_str(&format!(
            "{}\n",
            if i + 1 == layers.len() { "=" } else { "_" }.repeat(65)
        ));
    }
    if layers.is_empty() {
        out.push_str(&format!("{}\n", "=".repeat(65)));
    }
    let count =
        |vs: Vec<Rc<Variable>>| -> usize { vs.iter().map(|v| v.value.borrow().size()).sum() };
    let (t, n) = (count(trainable), count(non_trainable));
    out.push_str(&format!("Total params: {}\n", thousands(t + n)));
    out.push_str(&format!("Trainable params: {}\n", thousands(t)));
    out.push_str(&format!("Non-trainable params: {}\n", thousands(n)));
    out.push_str(&format!("{}\n", "_".repeat(65)));
    it.write_out(&out);
    Ok(())
}

/// `{:,}`: 235146 -> 235,146.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Object for Sequential {
    fn type_name(&self) -> String {
        "Sequential".into()
    }

    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
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
            | "__call__" | "pop" => {
                Value::method(this.clone(), super::static_name(name), seq_method)
            }
            _ => return Ok(super::training::model_attr(this, name)),
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
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok("<keras.src.engine.sequential.Sequential object>".into())
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
            }
            let layers = m.layers.borrow().clone();
            let mut cur = x;
            for l in &layers {
                cur = super::call_layer(it, l, cur, training)?;
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
            compiled: Default::default(),
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
