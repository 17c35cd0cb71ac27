//! `Concatenate(axis=-1)`: joins a list of inputs along one axis.

use super::merge::{in_call, list_inputs, not_a_list, shapes_str};
use super::LayerKind;
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::print::shape_tuple;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct Concatenate {
    pub axis: i64,
}

crate::builtin! {
    /// Layer that concatenates a list of inputs.
    python ["tf.keras.layers.Concatenate"]
    fn Concatenate(it, axis = -1, **kwargs) {
        let axis = i64_arg(&axis, "axis")?;
        super::make(it, &kwargs, Concatenate { axis })
    }
}

/// Keras's first-call check: the shapes agree once the axis is taken out of each.
fn check(ts: &[Tensor], axis: i64) -> R<()> {
    let mismatch = || {
        value_err(format!(
            "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape={}",
            shapes_str(ts)
        ))
    };
    let mut reduced: Vec<Vec<usize>> = Vec::new();
    for t in ts {
        let mut s = t.shape().to_vec();
        // Python's `del shape[axis]`.
        let n = s.len() as i64;
        let i = if axis < 0 { axis + n } else { axis };
        if i < 0 || i >= n {
            return raise(ExcKind::IndexError, "list assignment index out of range");
        }
        s.remove(i as usize);
        reduced.push(s);
    }
    if reduced.windows(2).any(|w| w[0] != w[1]) {
        return Err(mismatch());
    }
    Ok(())
}

impl LayerKind for Concatenate {
    fn class_name(&self) -> &'static str {
        "Concatenate"
    }

    fn module(&self) -> &'static str {
        "merging.concatenate"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "axis").then_some(Value::Int(self.axis))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["axis"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("axis", Value::Int(self.axis))]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        let at_least_one = |s: String| {
            value_err(format!(
                "A `Concatenate` layer should be called on a list of at least 1 input. Received: input_shape={}",
                s
            ))
        };
        let Some(ts) = list_inputs(it, x)? else {
            if layer.built.get() {
                return Err(not_a_list(it, layer, x)?);
            }
            let t = tensor_arg(it, x)?;
            return Err(at_least_one(shape_tuple(t.shape())));
        };
        if ts.is_empty() {
            return Err(at_least_one("()".into()));
        }
        if !layer.built.get() {
            check(&ts, self.axis)?;
            layer.built.set(true);
        }
        match sh::concat(&ts, self.axis) {
            Ok(t) => Ok(Value::Tensor(t)),
            Err(e) => Err(in_call(layer, e.kind, e.message)),
        }
    }
}
