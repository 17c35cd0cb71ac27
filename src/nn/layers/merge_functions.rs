//! The functional forms of the merge layers: `tf.keras.layers.add(inputs, **kwargs)` makes
//! the layer with the keywords and calls it on the inputs.

use super::merge::{Merge, Op};
use super::LayerKind;
use crate::api::convert::i64_arg;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};

/// Makes the layer `kind` with the keywords and calls it on `inputs`.
fn apply(
    it: &mut Interp,
    kwargs: &Value,
    kind: impl LayerKind + 'static,
    inputs: Value,
) -> R<Value> {
    let layer = super::make(it, kwargs, kind)?;
    it.call(&layer, Args::new(vec![inputs]))
}

crate::builtin! {
    /// Functional interface to the `tf.keras.layers.Add` layer.
    python ["tf.keras.layers.add"]
    fn add(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Add }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `Subtract` layer.
    python ["tf.keras.layers.subtract"]
    fn subtract(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Subtract }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `Multiply` layer.
    python ["tf.keras.layers.multiply"]
    fn multiply(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Multiply }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `tf.keras.layers.Average` layer.
    python ["tf.keras.layers.average"]
    fn average(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Average }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to compute maximum (element-wise) list of `inputs`.
    python ["tf.keras.layers.maximum"]
    fn maximum(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Maximum }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `Minimum` layer.
    python ["tf.keras.layers.minimum"]
    fn minimum(it, inputs, **kwargs) {
        apply(it, &kwargs, Merge { op: Op::Minimum }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `Concatenate` layer.
    python ["tf.keras.layers.concatenate"]
    fn concatenate(it, inputs, axis = -1, **kwargs) {
        let axis = i64_arg(&axis, "axis")?;
        apply(it, &kwargs, super::concatenate::Concatenate { axis }, inputs)
    }
}

crate::builtin! {
    /// Functional interface to the `Dot` layer.
    python ["tf.keras.layers.dot"]
    fn dot(it, inputs, axes, normalize = False, **kwargs) {
        let kind = super::dot::Dot::new(it, &axes, &normalize)?;
        apply(it, &kwargs, kind, inputs)
    }
}
