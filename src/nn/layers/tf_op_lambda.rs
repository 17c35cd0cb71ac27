//! `TFOpLambda`: a TensorFlow function or Python operator applied to symbolic Keras tensors,
//! kept as a layer of the functional model (named `tf.math.truediv`, `tf.nn.relu`...).

use super::LayerKind;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::Layer;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::Tensor;

/// What a `TFOpLambda` computes.
#[derive(Clone)]
pub enum Op {
    /// A declared TensorFlow function, called with the node's arguments.
    Builtin(Value),
    Binary(BinOp),
    Compare(CmpOp),
    Unary(UnaryOp),
    Abs,
    GetItem,
}

impl Op {
    /// Applies the operation to concrete arguments.
    pub fn apply(&self, it: &mut Interp, args: Args) -> R<Value> {
        let arg = |i: usize| args.pos.get(i).cloned().unwrap_or(Value::None);
        match self {
            Op::Builtin(f) => it.call(f, args.clone()),
            Op::Binary(op) => it.binary(*op, &arg(0), &arg(1)),
            Op::Compare(op) => it.compare(*op, &arg(0), &arg(1)),
            Op::Unary(op) => it.unary(*op, &arg(0)),
            Op::Abs => {
                let abs = crate::nn::declared("tf.math.abs");
                it.call(&abs, Args::new(vec![arg(0)]))
            }
            Op::GetItem => it.get_item(&arg(0), &arg(1)),
        }
    }
}

pub struct TfOpLambda {
    pub op: Op,
    /// The TensorFlow name of the function: `tf.math.truediv`.
    pub function: String,
}

impl LayerKind for TfOpLambda {
    fn class_name(&self) -> &'static str {
        "TFOpLambda"
    }

    fn module(&self) -> &'static str {
        "core.tf_op_layer"
    }

    fn op(&self) -> Option<&Op> {
        Some(&self.op)
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![("function", Value::str(&self.function))]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    /// Called directly, the layer applies its operation with the input as first argument.
    fn call_value(&self, it: &mut Interp, _layer: &Layer, x: &Value, _training: bool) -> R<Value> {
        self.op.apply(it, Args::new(vec![x.clone()]))
    }
}
