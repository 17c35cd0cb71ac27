//! `PReLU(alpha_initializer='zeros', shared_axes=None)`: `x` where positive, `alpha * x`
//! elsewhere, with a learned `alpha` per input position (shared along `shared_axes`).

use super::list_wrapper::int_list;
use super::{LayerKind, WeightSpec};
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::Tensor;

pub struct PReLU {
    pub init: Init,
    pub shared_axes: Option<Vec<i64>>,
}

crate::builtin! {
    /// Parametric Rectified Linear Unit.
    python ["tf.keras.layers.PReLU"]
    fn PReLU(it, alpha_initializer = "zeros", alpha_regularizer = None,
        alpha_constraint = None, shared_axes = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "PReLU", &kwargs)?;
        let init = Init::from_value(Some(alpha_initializer))?;
        let shared_axes = match &shared_axes {
            Value::None => None,
            Value::Int(_) | Value::Bool(_) => {
                Some(vec![crate::api::convert::i64_arg(&shared_axes, "shared_axes")?])
            }
            // A list, tuple, or the ListWrapper `get_config` shows.
            _ => {
                let items = it.collect_items(&shared_axes)?;
                Some(
                    items
                        .iter()
                        .map(|v| crate::api::convert::i64_arg(v, "shared_axes"))
                        .collect::<R<Vec<i64>>>()?,
                )
            }
        };
        common.make(it, PReLU { init, shared_axes })
    }
}

impl LayerKind for PReLU {
    fn class_name(&self) -> &'static str {
        "PReLU"
    }

    fn module(&self) -> &'static str {
        "activation.prelu"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        (name == "shared_axes").then(|| match &self.shared_axes {
            Some(a) => int_list(a),
            None => Value::None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["shared_axes"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("alpha_initializer", self.init.config_value()),
            ("alpha_regularizer", Value::None),
            ("alpha_constraint", Value::None),
            (
                "shared_axes",
                self.attr("shared_axes").unwrap_or(Value::None),
            ),
        ]
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let mut dims: Vec<usize> = shape.iter().skip(1).map(|d| d.unwrap_or(1)).collect();
        for &a in self.shared_axes.iter().flatten() {
            if let Some(d) = usize::try_from(a - 1).ok().and_then(|i| dims.get_mut(i)) {
                *d = 1;
            }
        }
        Ok(vec![WeightSpec {
            attr: "alpha",
            init: self.init.clone(),
            dims,
            trainable: true,
        }])
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        // relu(x) - alpha * relu(-x), as Keras computes it.
        let pos = ew::unary(Unary::Relu, &x)?;
        let Some(alpha) = layer.weight("alpha").map(|v| v.read()) else {
            return Ok(pos);
        };
        let neg = ew::unary(Unary::Relu, &ew::unary(Unary::Neg, &x)?)?;
        let neg = ew::binary(Binary::Mul, &ew::unary(Unary::Neg, &alpha)?, &neg)?;
        Ok(ew::binary(Binary::Add, &pos, &neg)?)
    }
}
