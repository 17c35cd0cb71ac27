//! `InputLayer` and `Input`: the model's entry point; a Sequential reads its shape.

use super::{Common, LayerKind};
use crate::api::convert::i64_arg;
use crate::eval::error::{type_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{shape_arg, Layer};
use crate::tensor::Tensor;
use std::rc::Rc;

pub struct InputLayer;

crate::builtin! {
    /// Layer to be used as an entry point into a Network (a graph of layers).
    python ["tf.keras.layers.InputLayer"]
    fn InputLayer(it, input_shape = None, batch_size = None, dtype = None, input_tensor = None,
        sparse = None, name = None, ragged = None, type_spec = None, **kwargs) {
        let mut common = Common::from_kwargs(it, "InputLayer", &kwargs)?;
        if !matches!(input_shape, Value::None) {
            let mut d = vec![batch_dim(&batch_size)?];
            d.extend(shape_arg(it, &input_shape)?);
            common.input_shape = Some(d);
        }
        common.name = Some(match &name {
            Value::Str(s) => s.to_string(),
            _ => input_name(it),
        });
        common.make(it, InputLayer)
    }
}

crate::builtin! {
    /// `Input()` is used to instantiate a Keras tensor.
    python ["tf.keras.Input", "tf.keras.layers.Input"]
    fn Input(it, shape = None, batch_size = None, name = None, dtype = None, sparse = None,
        tensor = None, ragged = None, type_spec = None, **kwargs) {
        if let Value::Dict(d) = &kwargs {
            if let Some(Value::Str(k)) = d.borrow().keys.first() {
                return Err(type_err(format!(
                    "Input() got an unexpected keyword argument '{}'",
                    k
                )));
            }
        }
        let mut dims = vec![batch_dim(&batch_size)?];
        dims.extend(shape_arg(
            it,
            &match shape {
                Value::None => Value::tuple(vec![]),
                s => s,
            },
        )?);
        let name = match name {
            Value::Str(s) => s.to_string(),
            _ => input_name(it),
        };
        let dtype = match dtype {
            Value::None => crate::tensor::DType::F32,
            d => crate::api::convert::dtype_arg(&d)?,
        };
        let l = Layer::new(it, "InputLayer", Box::new(InputLayer), Some(name));
        *l.input_shape.borrow_mut() = Some(dims.clone());
        l.built.set(true);
        let layer = Value::Object(Rc::new(l));
        Ok(crate::nn::keras_tensor::input_tensor(it, layer, dims, dtype))
    }
}

/// `input_1`, `input_2`...: Keras numbers unnamed inputs from 1.
fn input_name(it: &mut Interp) -> String {
    let n = it.unique_name("input#uid");
    let k = n
        .rsplit_once('_')
        .and_then(|(_, k)| k.parse::<usize>().ok())
        .unwrap_or(0);
    format!("input_{}", k + 1)
}

fn batch_dim(b: &Value) -> R<Option<usize>> {
    Ok(match b {
        Value::None => None,
        b => Some(i64_arg(b, "batch_size")? as usize),
    })
}

impl LayerKind for InputLayer {
    fn class_name(&self) -> &'static str {
        "InputLayer"
    }

    fn module(&self) -> &'static str {
        "engine.input_layer"
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }
}
