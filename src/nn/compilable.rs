//! Which Keras objects a compiled `tf.function` step may call: those whose calls change
//! nothing but variables, so that the kernels one call ran, run again, do all it does.
//!
//! Layers of the kinds below without regularizers or constraints (an activity penalty is
//! a list of losses the call appends to), models made only of them, loss objects, and
//! optimizers whose rule keeps its state in slot variables and whose learning rate is a
//! variable. Metrics are not here: their `update_state` is Python.

use super::layer::Layer;
use super::losses::LossObject;
use super::optimizers::Optimizer;
use super::sequential::Sequential;
use crate::eval::Value;

/// Layer kinds whose call is a fixed sequence of kernels on its input and weights.
const LAYER_KINDS: &[&str] = &[
    "Dense",
    "Flatten",
    "Activation",
    "InputLayer",
    "Dropout",
    "Reshape",
    "Conv2D",
    "MaxPooling2D",
    "AveragePooling2D",
    "GlobalAveragePooling2D",
    "Embedding",
];

fn layer_ok(v: &Value, depth: u8) -> bool {
    let Value::Object(o) = v else {
        return false;
    };
    if let Some(l) = o.as_any().downcast_ref::<Layer>() {
        return LAYER_KINDS.contains(&l.kind.class_name())
            && l.kind.penalties().is_none_or(|p| p.is_empty())
            && l.sublayers.borrow().is_empty();
    }
    if let Some(s) = o.as_any().downcast_ref::<Sequential>() {
        return depth > 0 && s.layers.borrow().iter().all(|l| layer_ok(l, depth - 1));
    }
    false
}

/// The hook `tf.function` asks: whether calling `method` of `v` may be compiled.
pub(crate) fn keeps_state_in_variables(v: &Value, method: &str) -> bool {
    let Value::Object(o) = v else {
        return false;
    };
    let any = o.as_any();
    match method {
        "__call__" | "call" if any.is::<LossObject>() => true,
        "__call__" | "call" => layer_ok(v, 3),
        "apply_gradients" => any
            .downcast_ref::<Optimizer>()
            .is_some_and(|opt| opt.compiles()),
        _ => false,
    }
}
