//! How a Keras mask travels: the `mask=` keyword of a layer call, and the mask a
//! `Sequential` carries from each layer to the next (Keras's `_keras_mask`). A layer's
//! [`compute_mask`](super::LayerKind::compute_mask) gives the mask of its output; the next
//! built-in layer receives it through [`call_masked`](super::LayerKind::call_masked).

use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::tensor_arg;
use crate::tensor::{DType, Tensor};

/// The layers of other files that pass their input's mask on unchanged (Keras sets
/// `supports_masking` on them and keeps the default `compute_mask`).
const PASS_THROUGH: &[&str] = &[
    "Dense",
    "Dropout",
    "Activation",
    "ReLU",
    "LeakyReLU",
    "Softmax",
    "BatchNormalization",
    "LayerNormalization",
    "ELU",
    "PReLU",
    "GaussianNoise",
    "GaussianDropout",
    "SpatialDropout1D",
];

/// Whether a layer class passes its input's mask on unchanged.
pub fn passes_mask(class: &str) -> bool {
    PASS_THROUGH.contains(&class)
}

/// A mask argument: None, or a tensor-like value as a bool tensor.
pub fn mask_arg(it: &mut Interp, v: Option<Value>) -> R<Option<Tensor>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let t = tensor_arg(it, &v)?;
            Ok(Some(if t.dtype() == DType::Bool {
                t
            } else {
                t.cast(DType::Bool)
            }))
        }
    }
}

/// The `mask=` keyword of a layer call.
pub fn mask_kwarg(it: &mut Interp, args: &Args) -> R<Option<Tensor>> {
    let v = args
        .kw
        .iter()
        .find(|(k, _)| k == "mask")
        .map(|(_, v)| v.clone());
    mask_arg(it, v)
}

/// Calls one layer of a `Sequential` with the mask the previous layer produced; returns
/// the output and the mask of the output. Only built-in layers take part: any other
/// layer-like value is called as usual and ends the mask.
pub fn call_in_sequence(
    it: &mut Interp,
    l: &Value,
    x: Value,
    mask: Option<Tensor>,
    training: bool,
) -> R<(Value, Option<Tensor>)> {
    let Some(layer) = crate::nn::layer_ref(l) else {
        return Ok((crate::nn::call_layer(it, l, x, training)?, None));
    };
    let out_mask = layer.kind.compute_mask(it, layer, &x, mask.clone())?;
    if mask.is_none() {
        return Ok((crate::nn::call_layer(it, l, x, training)?, out_mask));
    }
    let y = layer
        .kind
        .call_masked(it, layer, &x, mask, &Args::default(), training)?;
    Ok((y, out_mask))
}

/// The output for masked steps: `where(mask, new, old)` with a `[batch]` mask broadcast
/// over the features of `[batch, features]` values.
pub fn keep_where(mask: &Tensor, new: &Tensor, old: &Tensor) -> R<Tensor> {
    let m = crate::tensor::ops::shape::expand_dims(mask, -1)?;
    Ok(crate::tensor::ops::select::select(&m, new, old)?)
}

/// The masks of a functional model's replay, by the node (and output index) that made
/// them: a built-in layer whose input carries a mask gets it as `mask=`, and its own
/// output mask is kept for the layers after it.
#[derive(Default)]
pub struct GraphMasks(std::collections::HashMap<(usize, usize), Tensor>);

impl GraphMasks {
    /// Adds the input's mask to a node's call arguments; returns the output's mask.
    pub fn before_call(
        &self,
        it: &mut Interp,
        node: &crate::nn::keras_tensor::Node,
        args: &mut Args,
    ) -> R<Option<Tensor>> {
        let Some(layer) = crate::nn::layer_ref(&node.layer) else {
            return Ok(None);
        };
        if layer.kind.op().is_some() {
            return Ok(None);
        }
        let input_mask = node
            .args
            .pos
            .first()
            .and_then(|v| v.as_object::<crate::nn::keras_tensor::KerasTensor>())
            .and_then(|k| {
                self.0
                    .get(&(std::rc::Rc::as_ptr(&k.node) as usize, k.index))
                    .cloned()
            });
        let x = args.pos.first().cloned().unwrap_or(Value::None);
        if layer.kind.list_masks() {
            let masks: Vec<Option<Tensor>> = mask_sources(&node.args)
                .iter()
                .map(|v| self.mask_of(v))
                .collect();
            let first = masks.first().cloned().flatten();
            let out_mask = layer.kind.compute_mask(it, layer, &x, first)?;
            if masks.iter().any(|m| m.is_some()) && !args.kw.iter().any(|(k, _)| k == "mask") {
                let list = masks
                    .into_iter()
                    .map(|m| m.map_or(Value::None, Value::Tensor))
                    .collect();
                args.kw.push(("mask".into(), Value::list(list)));
            }
            return Ok(out_mask);
        }
        let out_mask = layer.kind.compute_mask(it, layer, &x, input_mask.clone())?;
        if let Some(m) = input_mask {
            if !args.kw.iter().any(|(k, _)| k == "mask") {
                args.kw.push(("mask".into(), Value::Tensor(m)));
            }
        }
        Ok(out_mask)
    }

    /// The mask carried by a symbolic tensor, if any.
    fn mask_of(&self, v: &Value) -> Option<Tensor> {
        let k = v.as_object::<crate::nn::keras_tensor::KerasTensor>()?;
        self.0
            .get(&(std::rc::Rc::as_ptr(&k.node) as usize, k.index))
            .cloned()
    }

    /// Keeps a node's output mask.
    pub fn after_call(
        &mut self,
        node: &std::rc::Rc<crate::nn::keras_tensor::Node>,
        mask: Option<Tensor>,
    ) {
        if let Some(m) = mask {
            self.0.insert((std::rc::Rc::as_ptr(node) as usize, 0), m);
        }
    }
}

/// The inputs whose masks a layer taking a mask list receives, in order: the items of a
/// list input (`[query, value, key]`), else the `query`, `value` and `key` arguments.
pub fn mask_sources(args: &Args) -> Vec<Value> {
    let kw = |name: &str| {
        args.kw
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match args.pos.first() {
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(q) => {
            let mut out = vec![q.clone()];
            if let Some(v) = args.pos.get(1).cloned().or_else(|| kw("value")) {
                out.push(v);
            }
            if let Some(k) = args.pos.get(2).cloned().or_else(|| kw("key")) {
                out.push(k);
            }
            out
        }
        None => vec![],
    }
}

/// The first mask of a `[query_mask, value_mask]` list (a single mask stands for itself).
pub fn first_of_mask_list(it: &mut Interp, v: Option<Value>) -> R<Option<Tensor>> {
    match v {
        Some(Value::List(l)) => {
            let first = l.borrow().first().cloned();
            mask_arg(it, first)
        }
        Some(Value::Tuple(t)) => mask_arg(it, t.first().cloned()),
        other => mask_arg(it, other),
    }
}
