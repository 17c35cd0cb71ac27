//! `AdditiveAttention(use_scale=True, dropout=0.0)`: Bahdanau-style attention. Scores are
//! `sum(scale * tanh(query + key))` over the features, `scale` a `[dim]` weight
//! (glorot-uniform) when `use_scale`; the rest is the shared dense-attention call
//! ([`super::dense_attention`]).

use super::dense_attention::{self as da, Call};
use super::{LayerKind, WeightSpec};
use crate::eval::error::{value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce;
use crate::tensor::{TResult, Tensor};

pub struct AdditiveAttention {
    pub use_scale: bool,
    pub dropout: f64,
    pub dropout_value: Value,
}

crate::builtin! {
    /// Additive attention layer, a.k.a. Bahdanau-style attention.
    op("AdditiveAttention.__init__") ["tf.keras.layers.AdditiveAttention"]
    fn AdditiveAttention(it, use_scale = True, dropout = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "AdditiveAttention", &kwargs)?;
        let rate = da::dropout_arg(&dropout).unwrap_or(0.0);
        let kind = AdditiveAttention {
            use_scale: it.truthy(&use_scale)?,
            dropout: rate,
            dropout_value: dropout.clone(),
        };
        common.make(it, kind)
    }
}

impl AdditiveAttention {
    /// The `[batch, Tq, Tv]` scores.
    fn scores(&self, layer: &Layer, call: &Call) -> TResult<Tensor> {
        let mut t = ew::unary(Unary::Tanh, &da::pair_sum(&call.query, &call.key)?)?;
        if let Some(s) = layer.weight("scale") {
            t = ew::binary(Binary::Mul, &s.read(), &t)?;
        }
        reduce::reduce(reduce::Reduce::Sum, &t, Some(&[-1]), false)
    }
}

impl LayerKind for AdditiveAttention {
    fn class_name(&self) -> &'static str {
        "AdditiveAttention"
    }

    fn module(&self) -> &'static str {
        "attention.additive_attention"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "use_scale" => Some(Value::Bool(self.use_scale)),
            "dropout" => Some(self.dropout_value.clone()),
            "causal" => Some(Value::Bool(false)),
            "supports_masking" => Some(Value::Bool(true)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["use_scale", "dropout", "causal", "supports_masking"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("dropout", self.dropout_value.clone()),
            ("use_scale", Value::Bool(self.use_scale)),
        ]
    }

    fn makes_weights(&self) -> bool {
        self.use_scale
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        if !self.use_scale {
            return Ok(vec![]);
        }
        let Some(last) = shape.last() else {
            return Err(crate::eval::error::err(
                crate::errors::ExcKind::IndexError,
                "tuple index out of range",
            ));
        };
        let dim = last.ok_or_else(|| {
            value_err("Shapes must be fully defined: the value's last dimension is None")
        })?;
        Ok(vec![WeightSpec {
            attr: "scale",
            init: Init::from_value(None)?,
            dims: vec![dim],
            trainable: true,
        }])
    }

    fn list_masks(&self) -> bool {
        true
    }

    fn supports_masking(&self) -> bool {
        true
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
        args: &Args,
        training: bool,
    ) -> R<Value> {
        let scores = |layer: &Layer, call: &Call| self.scores(layer, call);
        let dropout = (&self.dropout_value, self.dropout);
        da::call(it, layer, x, args, dropout, training, scores)
    }
}
