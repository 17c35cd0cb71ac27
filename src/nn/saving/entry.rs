//! One layer's part of a model config: `layer.get_config()` (the entries every layer has,
//! then its kind's) and the entry Keras's `serialize_keras_object` makes of a layer:
//! `{'module': 'keras.layers', 'class_name': 'Dense', 'config': {...},
//! 'registered_name': None, 'build_config': {'input_shape': (None, 4)}}`.

use crate::eval::error::R;
use crate::eval::value::{Args, Dict};
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use crate::nn::layer::Layer;
use std::cell::RefCell;
use std::rc::Rc;

/// `layer.get_config()` of a built-in layer.
pub(crate) fn layer_config(it: &mut Interp, layer: &Layer) -> R<Value> {
    let mut d = Dict::default();
    let shape = layer.input_shape.borrow().clone();
    if layer.class_name == "InputLayer" {
        let shape = shape.unwrap_or_default();
        d.insert(
            Value::str("batch_input_shape"),
            crate::nn::shape_tuple_value(&shape),
        )?;
        d.insert(Value::str("dtype"), Value::str("float32"))?;
        d.insert(Value::str("sparse"), Value::Bool(false))?;
        d.insert(Value::str("ragged"), Value::Bool(false))?;
        d.insert(Value::str("name"), Value::str(&layer.name))?;
        return Ok(Value::Dict(Rc::new(RefCell::new(d))));
    }
    d.insert(Value::str("name"), Value::str(&layer.name))?;
    d.insert(Value::str("trainable"), Value::Bool(layer.trainable.get()))?;
    d.insert(Value::str("dtype"), Value::str(&layer.dtype.borrow()))?;
    if let Some(s) = layer.batch_input_shape.borrow().clone() {
        d.insert(
            Value::str("batch_input_shape"),
            crate::nn::shape_tuple_value(&s),
        )?;
    }
    for (k, v) in layer.kind.config() {
        let v = crate::nn::serial::resolve(it, v)?;
        d.insert(Value::str(k), v)?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// The module Keras files a built-in class under in a serialized entry.
fn module_of(class: &str) -> &'static str {
    match class {
        "Sequential" | "Functional" | "Model" => "keras",
        _ => "keras.layers",
    }
}

/// `serialize_keras_object(layer)` as a model config holds it, with the layer's
/// `build_config` when it is built.
pub(crate) fn serialize_layer(it: &mut Interp, layer: &Value) -> R<Value> {
    if let Value::Instance(_) = layer {
        // A user class: its own `get_config()`, under its class name.
        let entry = crate::nn::serial::serialize(it, layer)?;
        let native = crate::nn::native_layer(layer);
        if let (Value::Dict(d), Some(shape)) = (&entry, native.as_ref().and_then(build_shape)) {
            d.borrow_mut().insert(
                Value::str("build_config"),
                dict_of(vec![("input_shape", shape)]),
            )?;
        }
        return Ok(entry);
    }
    let class_name = match crate::nn::layer_ref(layer) {
        Some(l) => l.class_name.clone(),
        None => layer.type_name(),
    };
    let get_config = it.get_attr(layer, "get_config")?;
    let config = it.call(&get_config, Args::new(vec![]))?;
    let mut items = vec![
        ("module", Value::str(module_of(&class_name))),
        ("class_name", Value::str(&class_name)),
        ("config", config),
        ("registered_name", Value::None),
    ];
    if let Some(shape) = build_shape(layer) {
        items.push(("build_config", dict_of(vec![("input_shape", shape)])));
    }
    Ok(dict_of(items))
}

/// The shape a layer or model was built for, if it was.
pub(crate) fn build_shape(layer: &Value) -> Option<Value> {
    if let Some(l) = crate::nn::layer_ref(layer) {
        if l.class_name == "InputLayer" || !l.built.get() {
            return None;
        }
        return l.build_input.borrow().clone();
    }
    if let Some(s) = layer.as_object::<crate::nn::sequential::Sequential>() {
        let shape = s.input_shape.borrow().clone();
        let shape = shape.or_else(|| s.build_shape.borrow().clone());
        return shape.map(|d| crate::nn::shape_tuple_value(&d));
    }
    if let Some(f) = layer.as_object::<crate::nn::functional::Functional>() {
        return f.build_shape();
    }
    None
}
