//! What `Attention` and `AdditiveAttention` share (Keras's `BaseDenseAttention`): the
//! `[query, value]` / `[query, value, key]` input list and its checks, the
//! `mask=[query_mask, value_mask]` list, the causal mask, and applying scores: masked
//! positions get `-1e9` added before the softmax over the value steps, the distribution
//! (dropped out in training) weighs the values, and masked query steps give zeros.
//! Everything is recorded tensor ops, so gradients come from the tape.

use super::merge::{in_call, keras_cast};
use crate::errors::ExcKind;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::{linalg, nn, shape as sh};
use crate::tensor::{DType, TResult, Tensor};

/// One call's inputs and keywords, checked.
pub struct Call {
    pub query: Tensor,
    pub value: Tensor,
    pub key: Tensor,
    pub query_mask: Option<Tensor>,
    pub value_mask: Option<Tensor>,
    pub return_scores: bool,
    pub causal: bool,
}

/// A keyword argument of a call, if given.
pub fn kwarg<'a>(args: &'a Args, name: &str) -> Option<&'a Value> {
    args.kw.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// A boolean keyword argument (absent or None is false).
pub fn flag(it: &mut Interp, args: &Args, name: &str) -> R<bool> {
    match kwarg(args, name) {
        None | Some(Value::None) => Ok(false),
        Some(v) => it.truthy(v),
    }
}

/// A mask as a bool tensor.
pub fn bool_mask(it: &mut Interp, v: &Value) -> R<Option<Tensor>> {
    if matches!(v, Value::None) {
        return Ok(None);
    }
    let t = tensor_arg(it, v)?;
    Ok(Some(if t.dtype() == DType::Bool {
        t
    } else {
        t.cast(DType::Bool)
    }))
}

/// The items of a list or tuple; None for anything else.
fn items(it: &mut Interp, v: &Value) -> R<Option<Vec<Value>>> {
    match v {
        Value::List(_) | Value::Tuple(_) => Ok(Some(it.collect_items(v)?)),
        _ => Ok(None),
    }
}

/// Keras's `_validate_call_args`: the inputs list (2 or 3 tensors) and the mask list.
pub fn check_inputs(
    it: &mut Interp,
    layer: &Layer,
    x: &Value,
    mask: Option<&Value>,
) -> R<(Vec<Value>, Option<Vec<Value>>)> {
    let class = &layer.class_name;
    let fail = |msg: String| in_call(layer, ExcKind::ValueError, msg);
    let Some(inputs) = (if matches!(x, Value::List(_)) {
        items(it, x)?
    } else {
        None
    }) else {
        let shown = it.str_of(x)?;
        return Err(fail(format!(
            "{} layer must be called on a list of inputs, namely [query, value] or [query, value, key]. Received: {}.",
            class, shown
        )));
    };
    if inputs.len() < 2 || inputs.len() > 3 {
        return Err(fail(format!(
            "{} layer accepts inputs list of length 2 or 3, namely [query, value] or [query, value, key]. Received length: {}.",
            class,
            inputs.len()
        )));
    }
    let mask = match mask {
        None | Some(Value::None) => None,
        Some(m) => {
            let given = match m {
                Value::List(l) => !l.borrow().is_empty(),
                _ => it.truthy(m).unwrap_or(true),
            };
            if !given {
                None
            } else {
                let Some(ms) = (if matches!(m, Value::List(_)) {
                    items(it, m)?
                } else {
                    None
                }) else {
                    let shown = it.str_of(m)?;
                    return Err(fail(format!(
                        "{} layer mask must be a list, namely [query_mask, value_mask]. Received: {}.",
                        class, shown
                    )));
                };
                if ms.len() < 2 || ms.len() > inputs.len() {
                    return Err(fail(format!(
                        "{} layer mask must be a list of length 2, namely [query_mask, value_mask]. Received length: {}.",
                        class,
                        ms.len()
                    )));
                }
                Some(ms)
            }
        }
    };
    Ok((inputs, mask))
}

/// Reads one call: inputs, masks and the `return_attention_scores` / `use_causal_mask`
/// keywords.
pub fn read_call(it: &mut Interp, layer: &Layer, x: &Value, args: &Args) -> R<Call> {
    let (inputs, masks) = check_inputs(it, layer, x, kwarg(args, "mask"))?;
    let mut ts = Vec::with_capacity(inputs.len());
    for v in &inputs {
        ts.push(keras_cast(tensor_arg(it, v)?));
    }
    let (query_mask, value_mask) = match &masks {
        Some(ms) => (bool_mask(it, &ms[0])?, bool_mask(it, &ms[1])?),
        None => (None, None),
    };
    Ok(Call {
        query: ts[0].clone(),
        value: ts[1].clone(),
        key: ts.get(2).unwrap_or(&ts[1]).clone(),
        query_mask,
        value_mask,
        return_scores: flag(it, args, "return_attention_scores")?,
        causal: flag(it, args, "use_causal_mask")?,
    })
}

/// The lower-triangular `[1, Tq, Tv]` mask: query step i sees value steps j <= i.
pub fn causal_mask(tq: usize, tv: usize) -> Tensor {
    causal_mask_of_rank(tq, tv, 3)
}

/// The causal mask with ones before `[Tq, Tv]` up to rank `rank` (at least 2).
pub fn causal_mask_of_rank(tq: usize, tv: usize, rank: usize) -> Tensor {
    let v: Vec<bool> = (0..tq).flat_map(|i| (0..tv).map(move |j| j <= i)).collect();
    let mut shape = vec![1; rank.saturating_sub(2)];
    shape.extend([tq, tv]);
    Tensor::from_vec(&shape, v)
}

/// Scores `[batch, Tq, Tv]` applied to the value: the masks, the softmax, dropout when
/// training, the weighted sum and the query mask. Returns the output and the distribution.
pub fn apply_scores(
    it: &mut Interp,
    call: &Call,
    scores: Tensor,
    dropout: f64,
    training: bool,
) -> TResult<(Tensor, Tensor)> {
    let mut scores_mask = match &call.value_mask {
        Some(m) => Some(sh::expand_dims(m, -2)?),
        None => None,
    };
    if call.causal {
        let s = scores.shape();
        let n = s.len();
        let c = causal_mask_of_rank(s[n.saturating_sub(2)], s[n - 1], n);
        scores_mask = Some(match scores_mask {
            Some(m) => ew::logical(ew::Logical::And, &m, &c)?,
            None => c,
        });
    }
    let mut scores = scores;
    if let Some(m) = scores_mask {
        let padding = ew::binary(Binary::Sub, &Tensor::scalar(1.0f32), &m.cast(DType::F32))?;
        let bias = ew::binary(Binary::Mul, &Tensor::scalar(1.0e9f32), &padding)?;
        scores = ew::binary(Binary::Sub, &scores, &bias)?;
    }
    let mut weights = nn::softmax(&scores, -1, false)?;
    if training && dropout > 0.0 {
        weights = drop(it, &weights, dropout)?;
    }
    let mut out = linalg::matmul(&weights, &call.value, false, false)?;
    if let Some(qm) = &call.query_mask {
        let m = sh::expand_dims(qm, -1)?.cast(DType::F32);
        out = ew::binary(Binary::Mul, &out, &m)?;
    }
    Ok((out, weights))
}

/// Dropout of rate `rate` (kept values scaled by `1 / (1 - rate)`).
pub fn drop(it: &mut Interp, x: &Tensor, rate: f64) -> TResult<Tensor> {
    let keep = 1.0 - rate;
    if keep <= 0.0 {
        return Err(crate::tensor::error::value_error(format!(
            "rate must be a scalar tensor or a float in the range [0, 1), got {}",
            rate
        )));
    }
    let u = it.rng.uniform_op(x.shape(), DType::F32, None);
    let mask =
        ew::compare(ew::Compare::GreaterEqual, &u, &Tensor::scalar(rate as f32))?.cast(DType::F32);
    let scaled = ew::binary(Binary::Mul, x, &Tensor::scalar((1.0 / keep) as f32))?;
    ew::binary(Binary::Mul, &scaled, &mask)
}

/// The call's result: the output, or `(output, scores)` when asked for.
pub fn result(call: &Call, out: Tensor, scores: Tensor) -> Value {
    if call.return_scores {
        Value::tuple(vec![Value::Tensor(out), Value::Tensor(scores)])
    } else {
        Value::Tensor(out)
    }
}

/// `query[..., Tq, 1, dim] + key[..., 1, Tv, dim]`: the pairs the additive scores sum over.
pub fn pair_sum(query: &Tensor, key: &Tensor) -> TResult<Tensor> {
    let q = sh::expand_dims(query, -2)?;
    let k = sh::expand_dims(key, -3)?;
    ew::binary(Binary::Add, &q, &k)
}

/// The `dropout` argument as a float, with Python's error for other types.
pub fn dropout_arg(v: &Value) -> R<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        other => Err(crate::eval::error::type_err(format!(
            "'>' not supported between instances of '{}' and 'int'",
            other.type_name()
        ))),
    }
}

/// The value shape a list of input shapes builds the weights on (Keras's `build` reads
/// `input_shape[1]`).
pub fn value_shape(shapes: &[Vec<Option<usize>>]) -> Option<Vec<Option<usize>>> {
    shapes.get(1).or(shapes.first()).cloned()
}

/// A dense attention layer's call: its inputs read, the layer built on the value's shape
/// the first time, then `scores` (the kind's own) masked, softmaxed, dropped out and applied.
/// `dropout` is the argument as given (checked at build, as Keras's build does) and its
/// value.
pub fn call(
    it: &mut Interp,
    layer: &Layer,
    x: &Value,
    args: &Args,
    dropout: (&Value, f64),
    training: bool,
    scores: impl Fn(&Layer, &Call) -> TResult<Tensor>,
) -> R<Value> {
    let call = read_call(it, layer, x, args)?;
    if !layer.built.get() {
        dropout_arg(dropout.0)?;
        let shape: Vec<Option<usize>> = call.value.shape().iter().map(|&d| Some(d)).collect();
        layer.build(it, &shape, true)?;
    }
    let run = |it: &mut Interp| -> TResult<(Tensor, Tensor)> {
        let s = scores(layer, &call)?;
        apply_scores(it, &call, s, dropout.1, training)
    };
    let (out, s) = run(it).map_err(|e| super::call_error(layer, e))?;
    Ok(result(&call, out, s))
}
