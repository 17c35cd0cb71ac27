//! `Embedding`: integer ids looked up as rows of an `[input_dim, output_dim]` table (a
//! recorded gather, so the table gets gradients); with `mask_zero` the ids that are 0 are
//! masked for the layers that follow.

use super::{call_error, LayerKind, WeightSpec};
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Compare};
use crate::tensor::ops::select;
use crate::tensor::{DType, Tensor};

pub struct Embedding {
    pub input_dim: usize,
    pub output_dim: usize,
    pub init: Init,
    pub mask_zero: bool,
    pub input_length: Option<usize>,
    /// `(None, input_length)` unless the constructor was given an input shape.
    pub batch_input_shape: Vec<Option<usize>>,
}

/// Regularizers and constraints are not supported on these layers: any given is an error
/// rather than silently ignored.
pub(crate) fn only_none(args: &[(&str, &Value)]) -> R<()> {
    for (name, v) in args {
        if !matches!(v, Value::None) {
            return raise(
                ExcKind::NotImplementedError,
                format!("tensh does not support `{}` on this layer yet", name),
            );
        }
    }
    Ok(())
}

crate::builtin! {
    /// Turns positive integers (indexes) into dense vectors of fixed size.
    python ["tf.keras.layers.Embedding"]
    fn Embedding(it, input_dim, output_dim, embeddings_initializer = "uniform",
        embeddings_regularizer = None, activity_regularizer = None,
        embeddings_constraint = None, mask_zero = False, input_length = None,
        sparse = False, **kwargs) {
        let input_dim_i = i64_arg(&input_dim, "input_dim")?;
        let output_dim_i = i64_arg(&output_dim, "output_dim")?;
        if input_dim_i <= 0 || output_dim_i <= 0 {
            return Err(value_err(format!(
                "Both `input_dim` and `output_dim` should be positive, Received input_dim = {} and output_dim = {}",
                it.repr(&input_dim)?,
                it.repr(&output_dim)?
            )));
        }
        only_none(&[
            ("embeddings_regularizer", &embeddings_regularizer),
            ("activity_regularizer", &activity_regularizer),
            ("embeddings_constraint", &embeddings_constraint),
        ])?;
        // Keras checks the sizes before it names the layer.
        let mut common = super::Common::from_kwargs(it, "Embedding", &kwargs)?;
        let input_length = match &input_length {
            Value::None => None,
            v => Some(i64_arg(v, "input_length")?.max(0) as usize),
        };
        let init = match &embeddings_initializer {
            Value::Str(s) if &**s == "uniform" => Init::RandomUniform {
                minval: -0.05,
                maxval: 0.05,
                seed: Default::default(),
            },
            _ => Init::from_value(Some(embeddings_initializer))?,
        };
        if common.input_shape.is_none() {
            common.input_shape = Some(vec![None, input_length]);
        }
        let kind = Embedding {
            input_dim: input_dim_i as usize,
            output_dim: output_dim_i as usize,
            init,
            mask_zero: it.truthy(&mask_zero)?,
            input_length,
            batch_input_shape: common.input_shape.clone().unwrap_or_default(),
        };
        let _ = sparse;
        common.make(it, kind)
    }
}

impl LayerKind for Embedding {
    fn class_name(&self) -> &'static str {
        "Embedding"
    }

    fn module(&self) -> &'static str {
        "core.embedding"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "input_dim" => Value::Int(self.input_dim as i64),
            "output_dim" => Value::Int(self.output_dim as i64),
            "mask_zero" => Value::Bool(self.mask_zero),
            "supports_masking" => Value::Bool(self.mask_zero),
            "input_length" => match self.input_length {
                Some(n) => Value::Int(n as i64),
                None => Value::None,
            },
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["input_dim", "output_dim", "mask_zero", "input_length"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![
            (
                "batch_input_shape",
                crate::nn::shape_tuple_value(&self.batch_input_shape),
            ),
            ("input_dim", Value::Int(self.input_dim as i64)),
            ("output_dim", Value::Int(self.output_dim as i64)),
            ("embeddings_initializer", self.init.config_value()),
            ("embeddings_regularizer", Value::None),
            ("activity_regularizer", Value::None),
            ("embeddings_constraint", Value::None),
            ("mask_zero", Value::Bool(self.mask_zero)),
            (
                "input_length",
                match self.input_length {
                    Some(n) => Value::Int(n as i64),
                    None => Value::None,
                },
            ),
        ]
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, _shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        Ok(vec![WeightSpec {
            attr: "embeddings",
            init: self.init.clone(),
            dims: vec![self.input_dim, self.output_dim],
            trainable: true,
        }])
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let mut s = shape.to_vec();
        s.push(Some(self.output_dim));
        s
    }

    fn call(&self, _it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        self.lookup(layer, &x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        // Ids are not cast to float first, as other layers' inputs are.
        let x = tensor_arg(it, x)?;
        if !layer.built.get() {
            let shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
            layer.build(it, &shape, true)?;
        }
        Ok(Value::Tensor(self.lookup(layer, &x)?))
    }

    fn compute_mask(
        &self,
        it: &mut Interp,
        _layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
    ) -> R<Option<Tensor>> {
        if !self.mask_zero {
            return Ok(None);
        }
        let x = tensor_arg(it, x)?;
        let zero = Tensor::zeros(x.dtype(), &[]);
        Ok(Some(ew::compare(Compare::NotEqual, &x, &zero)?))
    }
}

impl Embedding {
    /// `tf.nn.embedding_lookup(embeddings, ids)`, ids cast to int32 unless they are integers.
    fn lookup(&self, layer: &Layer, x: &Tensor) -> R<Tensor> {
        let Some(table) = layer.weight("embeddings").map(|v| v.read()) else {
            return raise(ExcKind::ValueError, "the layer has no embeddings");
        };
        let ids = match x.dtype() {
            DType::I32 | DType::I64 => x.clone(),
            _ => x.cast(DType::I32),
        };
        select::gather(&table, &ids, 0).map_err(|e| call_error(layer, e))
    }
}
