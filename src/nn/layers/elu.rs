//! `ELU(alpha=1.0)`: `x` where positive, `alpha * (exp(x) - 1)` elsewhere.

use super::merge::{in_call, keras_cast};
use super::LayerKind;
use crate::api::convert::f64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::Tensor;

pub struct Elu {
    pub alpha: f64,
}

crate::builtin! {
    /// Exponential Linear Unit.
    python ["tf.keras.layers.ELU"]
    fn ELU(it, alpha = 1.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "ELU", &kwargs)?;
        if matches!(alpha, Value::None) {
            if common.name.is_none() {
                it.unique_name("elu");
            }
            return Err(value_err(
                "Alpha of an ELU layer cannot be None, expecting a float. Received: None",
            ));
        }
        let alpha = f64_arg(&alpha, "alpha")?;
        common.make(it, Elu { alpha })
    }
}

impl LayerKind for Elu {
    fn class_name(&self) -> &'static str {
        "ELU"
    }

    fn module(&self) -> &'static str {
        "activation.elu"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        // Keras keeps `backend.cast_to_floatx(alpha)`: a 0-d float32 array.
        (name == "alpha").then(|| Value::ndarray(Tensor::scalar(self.alpha as f32)))
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["alpha"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("alpha", Value::Float(self.alpha))]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        crate::api::tf_nn::elu(&x, self.alpha)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        let t = keras_cast(tensor_arg(it, x)?);
        if !t.dtype().is_float() {
            // tf.nn.elu has no integer kernel.
            return Err(in_call(
                layer,
                ExcKind::InvalidArgumentError,
                format!(
                    "Value for attr 'T' of {} is not in the list of allowed values: half, bfloat16, float, double\n\t; NodeDef: {{{{node Elu}}}}; Op<name=Elu; signature=features:T -> activations:T; attr=T:type,allowed=[DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE]> [Op:Elu] name: ",
                    t.dtype().name()
                ),
            ));
        }
        layer.built.set(true);
        Ok(Value::Tensor(self.call(it, layer, t, training)?))
    }
}
