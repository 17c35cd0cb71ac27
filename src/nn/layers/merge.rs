//! The elementwise merge layers `Add`, `Subtract`, `Multiply`, `Average`, `Maximum` and
//! `Minimum`, and what every merge layer shares: reading the list of inputs (floats cast to
//! float32, other dtypes kept, as Keras autocasts), Keras's errors for a call on something
//! that is not a list, and the shape rules of the first call (equal batch sizes, trailing
//! dims equal or 1; inputs of lower rank get unit axes inserted after the batch axis).

use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, value_err, Flow, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::print::shape_tuple;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::shape as sh;
use crate::tensor::{DType, Tensor};

/// Which elementwise merge a layer computes.
#[derive(Clone, Copy, PartialEq)]
pub enum Op {
    Add,
    Subtract,
    Multiply,
    Average,
    Maximum,
    Minimum,
}

pub struct Merge {
    pub op: Op,
}

crate::builtin! {
    /// Layer that adds a list of inputs.
    python ["tf.keras.layers.Add"]
    fn Add(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Add })
    }
}

crate::builtin! {
    /// Layer that subtracts two inputs.
    python ["tf.keras.layers.Subtract"]
    fn Subtract(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Subtract })
    }
}

crate::builtin! {
    /// Layer that multiplies (element-wise) a list of inputs.
    python ["tf.keras.layers.Multiply"]
    fn Multiply(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Multiply })
    }
}

crate::builtin! {
    /// Layer that averages a list of inputs element-wise.
    python ["tf.keras.layers.Average"]
    fn Average(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Average })
    }
}

crate::builtin! {
    /// Layer that computes the maximum (element-wise) a list of inputs.
    python ["tf.keras.layers.Maximum"]
    fn Maximum(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Maximum })
    }
}

crate::builtin! {
    /// Layer that computes the minimum (element-wise) a list of inputs.
    python ["tf.keras.layers.Minimum"]
    fn Minimum(it, **kwargs) {
        super::make(it, &kwargs, Merge { op: Op::Minimum })
    }
}

/// A layer input as Keras casts it: floats to the float32 compute dtype, others kept.
pub fn keras_cast(t: Tensor) -> Tensor {
    if t.dtype().is_float() && t.dtype() != DType::F32 {
        t.cast(DType::F32)
    } else {
        t
    }
}

/// The tensors of a merge layer's list (or tuple) argument; None when it is not a list.
pub fn list_inputs(it: &mut Interp, x: &Value) -> R<Option<Vec<Tensor>>> {
    if !matches!(x, Value::List(_) | Value::Tuple(_)) {
        return Ok(None);
    }
    let items = it.collect_items(x)?;
    let mut out = Vec::with_capacity(items.len());
    for v in &items {
        out.push(keras_cast(tensor_arg(it, v)?));
    }
    Ok(Some(out))
}

/// Shapes as Keras prints a list of them: `[(2, 2), (2, 3)]`.
pub fn shapes_str(ts: &[Tensor]) -> String {
    let parts: Vec<String> = ts.iter().map(|t| shape_tuple(t.shape())).collect();
    format!("[{}]", parts.join(", "))
}

/// An error raised inside a layer's call, as Keras wraps it.
pub fn in_call(layer: &Layer, kind: ExcKind, message: String) -> Flow {
    err(
        kind,
        format!(
            "Exception encountered when calling layer '{}' (type {}).\n\n{}",
            layer.name, layer.class_name, message
        ),
    )
}

/// A built merge layer called on a single tensor.
pub fn not_a_list(it: &mut Interp, layer: &Layer, x: &Value) -> R<Flow> {
    let t = tensor_arg(it, x)?;
    Ok(in_call(
        layer,
        ExcKind::ValueError,
        format!(
            "A merge layer should be called on a list of inputs. Received: inputs={} (not a list of tensors)",
            crate::print::array_str(&t)
        ),
    ))
}

/// The error of the first call (the build) of a merge layer on a single tensor.
pub fn not_a_shape_list(it: &mut Interp, x: &Value) -> R<Flow> {
    let t = tensor_arg(it, x)?;
    Ok(value_err(format!(
        "A merge layer should be called on a list of inputs. Received: input_shape={} (not a list of shapes)",
        shape_tuple(t.shape())
    )))
}

/// The shape two inputs broadcast to (without their batch axes), Keras's check.
fn elemwise_shape(s1: &[usize], s2: &[usize]) -> R<Vec<usize>> {
    if s1.len() < s2.len() {
        return elemwise_shape(s2, s1);
    }
    let k = s1.len() - s2.len();
    let mut out = s1[..k].to_vec();
    for (&i, &j) in s1[k..].iter().zip(s2) {
        if i == 1 {
            out.push(j);
        } else if j == 1 || i == j {
            out.push(i);
        } else {
            return Err(value_err(format!(
                "Inputs have incompatible shapes. Received shapes {} and {}",
                shape_tuple(s1),
                shape_tuple(s2)
            )));
        }
    }
    Ok(out)
}

/// Keras's checks of the first call: one batch size, broadcastable trailing dims.
pub fn check_shapes(ts: &[Tensor]) -> R<()> {
    let mut batches: Vec<usize> = ts
        .iter()
        .filter_map(|t| t.shape().first().copied())
        .collect();
    batches.sort_unstable();
    batches.dedup();
    if batches.len() > 1 {
        return Err(value_err(format!(
            "Cannot merge tensors with different batch sizes. Got tensors with shapes {}",
            shapes_str(ts)
        )));
    }
    let Some(first) = ts.first() else {
        return raise(ExcKind::IndexError, "tuple index out of range");
    };
    let tail = |t: &Tensor| t.shape().get(1..).unwrap_or(&[]).to_vec();
    let mut out = tail(first);
    for t in &ts[1..] {
        out = elemwise_shape(&out, &tail(t))?;
    }
    Ok(())
}

/// Inputs of lower rank get unit axes after the batch axis until all ranks agree.
pub fn equalize_ranks(ts: Vec<Tensor>) -> R<Vec<Tensor>> {
    let max = ts.iter().map(|t| t.ndim()).max().unwrap_or(0);
    let mut out = Vec::with_capacity(ts.len());
    for mut t in ts {
        while t.ndim() < max {
            t = sh::expand_dims(&t, 1)?;
        }
        out.push(t);
    }
    Ok(out)
}

impl Merge {
    fn fold(&self, ts: &[Tensor]) -> crate::tensor::TResult<Tensor> {
        let op = match self.op {
            Op::Add | Op::Average => Binary::Add,
            Op::Subtract => Binary::Sub,
            Op::Multiply => Binary::Mul,
            Op::Maximum => Binary::Maximum,
            Op::Minimum => Binary::Minimum,
        };
        let mut acc = ts[0].clone();
        for t in &ts[1..] {
            acc = ew::binary(op, &acc, t)?;
        }
        if self.op == Op::Average {
            // `sum / len(inputs)`: a true division, so integer sums become float64.
            if !acc.dtype().is_float() {
                acc = acc.cast(DType::F64);
            }
            let n = Tensor::scalar(ts.len() as f32).cast(acc.dtype());
            acc = ew::binary(Binary::Div, &acc, &n)?;
        }
        Ok(acc)
    }
}

impl LayerKind for Merge {
    fn class_name(&self) -> &'static str {
        match self.op {
            Op::Add => "Add",
            Op::Subtract => "Subtract",
            Op::Multiply => "Multiply",
            Op::Average => "Average",
            Op::Maximum => "Maximum",
            Op::Minimum => "Minimum",
        }
    }

    fn module(&self) -> &'static str {
        match self.op {
            Op::Add => "merging.add",
            Op::Subtract => "merging.subtract",
            Op::Multiply => "merging.multiply",
            Op::Average => "merging.average",
            Op::Maximum => "merging.maximum",
            Op::Minimum => "merging.minimum",
        }
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        let Some(ts) = list_inputs(it, x)? else {
            if layer.built.get() {
                return Err(not_a_list(it, layer, x)?);
            }
            let t = tensor_arg(it, x)?;
            if self.op == Op::Subtract && t.ndim() != 2 {
                return Err(value_err(format!(
                    "A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape={}",
                    shape_tuple(t.shape())
                )));
            }
            return Err(not_a_shape_list(it, x)?);
        };
        if !layer.built.get() {
            if self.op == Op::Subtract && ts.len() != 2 {
                return Err(value_err(format!(
                    "A `Subtract` layer should be called on exactly 2 inputs. Received: input_shape={}",
                    shapes_str(&ts)
                )));
            }
            check_shapes(&ts)?;
            layer.built.set(true);
        }
        if ts.is_empty() {
            return raise(ExcKind::IndexError, "list index out of range");
        }
        if self.op == Op::Subtract && ts.len() != 2 {
            return Err(in_call(
                layer,
                ExcKind::ValueError,
                format!(
                    "A `Subtract` layer should be called on exactly 2 inputs. Received: inputs={}",
                    shapes_str(&ts)
                ),
            ));
        }
        let ts = equalize_ranks(ts)?;
        let out = self.fold(&ts).map_err(|e| super::call_error(layer, e))?;
        Ok(Value::Tensor(out))
    }
}
