//! `TimeDistributed(layer)`: applies a layer to every time step of a `[batch, time, ...]`
//! input (the steps folded into the batch, the layer called once, then unfolded).

use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::{scope_prefix, tensor_arg, Layer};
use crate::print::shape_tuple;
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

pub struct TimeDistributed {
    pub layer: Value,
}

crate::builtin! {
    /// This wrapper allows to apply a layer to every temporal slice of an input.
    python ["tf.keras.layers.TimeDistributed"]
    fn TimeDistributed(it, layer, **kwargs) {
        if crate::nn::layer_ref(&layer).is_none()
            && !matches!(layer, Value::Instance(_))
            && layer.as_object::<crate::nn::sequential::Sequential>().is_none()
            && layer.as_object::<crate::nn::functional::Functional>().is_none()
        {
            return Err(value_err(format!(
                "Please initialize `TimeDistributed` layer with a `tf.keras.layers.Layer` instance. Received: {}",
                it.str_of(&layer)?
            )));
        }
        let v = super::make(it, &kwargs, TimeDistributed { layer: layer.clone() })?;
        if let Some(l) = crate::nn::layer_ref(&v) {
            l.sublayers.borrow_mut().push(layer);
        }
        Ok(v)
    }
}

/// The shape of one time step: the batch dim followed by the dims after time.
fn child_shape(shape: &[Option<usize>]) -> Vec<Option<usize>> {
    let mut s = vec![shape.first().copied().flatten()];
    s.extend_from_slice(shape.get(2..).unwrap_or(&[]));
    s
}

fn too_few_dims(shape: &[Option<usize>]) -> crate::eval::Flow {
    value_err(format!(
        "`TimeDistributed` Layer should be passed an `input_shape ` with at least 3 dimensions, received: {}",
        super::dims_str(shape)
    ))
}

impl LayerKind for TimeDistributed {
    fn class_name(&self) -> &'static str {
        "TimeDistributed"
    }

    fn module(&self) -> &'static str {
        "rnn.time_distributed"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "layer" => Some(self.layer.clone()),
            "supports_masking" => Some(Value::Bool(true)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["layer"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        match crate::nn::layer_ref(&self.layer) {
            Some(l) => vec![("layer", super::serialized(l))],
            None => vec![],
        }
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn build_inner(
        &self,
        it: &mut Interp,
        layer: &Layer,
        shape: &[Option<usize>],
        scoped: bool,
    ) -> R<()> {
        if shape.len() < 3 {
            return Err(too_few_dims(shape));
        }
        let child = child_shape(shape);
        let fresh = crate::nn::layer_ref(&self.layer).is_some_and(|l| !l.built.get());
        if fresh {
            crate::nn::build_value(it, &self.layer, &child, false)?;
            if scoped {
                // Keras builds the inner layer inside the wrapper's name scope.
                let prefix = format!("{}{}/", scope_prefix(), layer.name);
                for v in crate::nn::weights_of(&self.layer) {
                    let name = v.name.borrow().clone();
                    *v.name.borrow_mut() = format!("{}{}", prefix, name);
                }
            }
        } else if crate::nn::layer_ref(&self.layer).is_none() {
            crate::nn::build_value(it, &self.layer, &child, false)?;
        }
        Ok(())
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        if shape.len() < 3 {
            return shape.to_vec();
        }
        let child = child_shape(shape);
        let out = match crate::nn::layer_ref(&self.layer) {
            Some(l) => l.output_shape_of(&child),
            None => child,
        };
        let mut s = vec![out.first().copied().flatten(), shape[1]];
        s.extend_from_slice(out.get(1..).unwrap_or(&[]));
        s
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        self.call_masked(it, layer, x, None, &Args::default(), training)
    }

    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
        _args: &Args,
        training: bool,
    ) -> R<Value> {
        let x = super::autocast(tensor_arg(it, x)?);
        let dims: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
        if x.ndim() < 3 {
            return Err(too_few_dims(&dims));
        }
        if !layer.built.get() {
            layer.build(it, &dims, true)?;
        }
        let (b, t) = (x.shape()[0], x.shape()[1]);
        let mut folded = vec![b * t];
        folded.extend_from_slice(&x.shape()[2..]);
        let inner_x = sh::reshape_to(&x.contiguous(), &folded);
        let y = crate::nn::call_layer(it, &self.layer, Value::Tensor(inner_x), training)?;
        let Some(y) = crate::eval::value::tensor_of(&y) else {
            return raise(
                ExcKind::TypeError,
                "TimeDistributed takes a layer with one output tensor",
            );
        };
        if y.ndim() == 0 || y.shape()[0] != b * t {
            return Err(value_err(format!(
                "The inner layer of TimeDistributed returned a tensor of shape {} for {} steps",
                shape_tuple(y.shape()),
                b * t
            )));
        }
        let mut out = vec![b, t];
        out.extend_from_slice(&y.shape()[1..]);
        Ok(Value::Tensor(sh::reshape_to(&y.contiguous(), &out)))
    }

    fn supports_masking(&self) -> bool {
        true
    }
}
