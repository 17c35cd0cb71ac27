//! `tf.keras.optimizers.schedules`: the `LearningRateSchedule` base class users subclass
//! and Keras's built-in schedules, written in Python (`schedules.py`) with TensorFlow ops
//! in Keras's order, so each returns the tensor (dtype and value) Keras returns. An
//! optimizer given a schedule evaluates it at its iteration count before every step.

use crate::api::convert::tensor_of;
use crate::api::new_module;
use crate::eval::error::{type_err, R};
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::Tensor;
use std::rc::Rc;

/// The module the source defines its classes in (their `__module__`).
const SOURCE_MODULE: &str = "keras.src.optimizers.schedules.learning_rate_schedule";

const SOURCE: &str = include_str!("schedules.py");

/// Builds the schedules from their source and places them at
/// `keras.optimizers.schedules` (also reached as `tf.keras.optimizers.schedules`).
pub(crate) fn install(it: &mut Interp, optimizers: &crate::eval::value::Module) {
    crate::pylib::pysource::load(it, SOURCE_MODULE, SOURCE, &[]);
    let public = new_module("keras.optimizers.schedules");
    if let Some(Value::Module(src)) = it.modules.get(SOURCE_MODULE) {
        let attrs: Vec<(String, Value)> = src
            .attrs
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in attrs {
            if !k.starts_with('_') && k != "math" && k != "tf" {
                public.set(&k, v);
            }
        }
    }
    optimizers.set("schedules", Value::Module(public.clone()));
    for path in [
        "keras.optimizers.schedules",
        "tensorflow.keras.optimizers.schedules",
    ] {
        it.modules
            .insert(path.into(), Value::Module(public.clone()));
    }
}

/// Whether `v` is an instance of a `LearningRateSchedule` subclass.
pub(crate) fn is_schedule(v: &Value) -> bool {
    let Value::Instance(i) = v else {
        return false;
    };
    crate::eval::dunder::mro(&i.class)
        .iter()
        .any(|c| c.name == "LearningRateSchedule" && c.module_name() == SOURCE_MODULE)
}

/// The schedule's learning rate at the optimizer's iteration count, as a tensor.
pub(crate) fn evaluate(it: &mut Interp, schedule: &Value, step: &Rc<Variable>) -> R<Tensor> {
    let v = it.call(schedule, Args::new(vec![Value::Variable(step.clone())]))?;
    match tensor_of(&v) {
        Some(t) => Ok(t),
        None => match v {
            Value::Float(f) => Ok(Tensor::scalar(f as f32)),
            Value::Int(i) => Ok(Tensor::scalar(i as i32)),
            other => Err(type_err(format!(
                "the learning rate schedule returned {}, not a number",
                other.type_name()
            ))),
        },
    }
}

fn function(it: &mut Interp, name: &str) -> Value {
    match it.modules.get(SOURCE_MODULE) {
        Some(Value::Module(m)) => m.get(name).unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// `schedules.serialize(schedule)`: the dict `get_config` holds for a schedule.
pub(crate) fn serialize(it: &mut Interp, schedule: &Value) -> R<Value> {
    let f = function(it, "serialize");
    it.call(&f, Args::new(vec![schedule.clone()]))
}

/// `schedules.deserialize(config)`: the schedule a serialized dict describes.
pub(crate) fn deserialize(it: &mut Interp, config: &Value) -> R<Value> {
    let f = function(it, "deserialize");
    it.call(&f, Args::new(vec![config.clone()]))
}
