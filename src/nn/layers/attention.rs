//! `Attention(use_scale=False, score_mode='dot', dropout=0.0)`: Luong-style attention.
//! Scores are `query @ key^T` (times `scale`) for `dot`, or
//! `concat_score_weight * sum(tanh(scale * (query + key)))` over the features for
//! `concat`; the rest is the shared dense-attention call ([`super::dense_attention`]).

use super::dense_attention::{self as da, Call};
use super::{LayerKind, WeightSpec};
use crate::eval::error::{value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{linalg, reduce};
use crate::tensor::{TResult, Tensor};

pub struct Attention {
    pub use_scale: bool,
    /// `concat` scores (else `dot`).
    pub concat: bool,
    pub dropout: f64,
    pub dropout_value: Value,
}

crate::builtin! {
    /// Dot-product attention layer, a.k.a. Luong-style attention.
    op("Attention.__init__") ["tf.keras.layers.Attention"]
    fn Attention(it, use_scale = False, score_mode = "dot", dropout = 0.0, **kwargs) {
        let common = super::Common::from_kwargs(it, "Attention", &kwargs)?;
        let concat = match &score_mode {
            Value::Str(s) if &**s == "dot" => false,
            Value::Str(s) if &**s == "concat" => true,
            other => {
                let shown = it.str_of(other)?;
                return Err(value_err(format!(
                    "Received: score_mode={}. Acceptable values are: [\"dot\", \"concat\"]",
                    shown
                )));
            }
        };
        let rate = da::dropout_arg(&dropout).unwrap_or(0.0);
        let kind = Attention {
            use_scale: it.truthy(&use_scale)?,
            concat,
            dropout: rate,
            dropout_value: dropout.clone(),
        };
        common.make(it, kind)
    }
}

impl Attention {
    /// The `[batch, Tq, Tv]` scores.
    fn scores(&self, layer: &Layer, call: &Call) -> TResult<Tensor> {
        let scale = layer.weight("scale").map(|v| v.read());
        if !self.concat {
            let s = linalg::matmul(&call.query, &call.key, false, true)?;
            return match scale {
                Some(c) => ew::binary(Binary::Mul, &s, &c),
                None => Ok(s),
            };
        }
        let mut pairs = da::pair_sum(&call.query, &call.key)?;
        if let Some(c) = scale {
            pairs = ew::binary(Binary::Mul, &c, &pairs)?;
        }
        let summed = reduce::reduce(
            reduce::Reduce::Sum,
            &ew::unary(Unary::Tanh, &pairs)?,
            Some(&[-1]),
            false,
        )?;
        match layer.weight("concat_score_weight") {
            Some(w) => ew::binary(Binary::Mul, &w.read(), &summed),
            None => Ok(summed),
        }
    }
}

impl LayerKind for Attention {
    fn class_name(&self) -> &'static str {
        "Attention"
    }

    fn module(&self) -> &'static str {
        "attention.attention"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "use_scale" => Some(Value::Bool(self.use_scale)),
            "score_mode" => Some(Value::str(if self.concat { "concat" } else { "dot" })),
            "dropout" => Some(self.dropout_value.clone()),
            "causal" => Some(Value::Bool(false)),
            "supports_masking" => Some(Value::Bool(true)),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "use_scale",
            "score_mode",
            "dropout",
            "causal",
            "supports_masking",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("dropout", self.dropout_value.clone()),
            ("use_scale", Value::Bool(self.use_scale)),
            (
                "score_mode",
                Value::str(if self.concat { "concat" } else { "dot" }),
            ),
        ]
    }

    fn makes_weights(&self) -> bool {
        self.use_scale || self.concat
    }

    fn weights(&self, _shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let mut w = Vec::new();
        if self.use_scale {
            w.push(WeightSpec {
                attr: "scale",
                init: Init::Ones,
                dims: vec![],
                trainable: true,
            });
        }
        if self.concat {
            w.push(WeightSpec {
                attr: "concat_score_weight",
                init: Init::Ones,
                dims: vec![],
                trainable: true,
            });
        }
        Ok(w)
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
