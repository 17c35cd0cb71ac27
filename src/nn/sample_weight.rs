//! Sample and class weights in training, as Keras 2.15's data adapter and loss container
//! apply them: `class_weight` (a dict from class index to weight) becomes per-sample
//! weights from the labels (their argmax, or the rounded label), multiplied with
//! `sample_weight`; a weighted loss is `sum(loss * weight) / number of loss values`.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{arg_reduce, reduce, Reduce};
use crate::tensor::ops::select::gather;
use crate::tensor::ops::shape::{expand_dims, squeeze};
use crate::tensor::{DType, Tensor};

/// `class_weight` as a float32 tensor indexed by class, refusing keys that are not
/// `0..n` (Keras's message shows the dict).
pub(crate) fn class_table(it: &mut Interp, cw: &Value) -> R<Option<Tensor>> {
    let Value::Dict(d) = cw else {
        return Ok(None);
    };
    let pairs: Vec<(Value, Value)> = {
        let d = d.borrow();
        d.keys
            .iter()
            .cloned()
            .zip(d.values.iter().cloned())
            .collect()
    };
    let mut keyed = Vec::with_capacity(pairs.len());
    for (k, v) in &pairs {
        let k = match k {
            Value::Int(i) => Some(*i),
            Value::Bool(b) => Some(*b as i64),
            _ => None,
        };
        keyed.push((k, v.clone()));
    }
    let mut ids: Vec<Option<i64>> = keyed.iter().map(|(k, _)| *k).collect();
    ids.sort();
    let expected: Vec<Option<i64>> = (0..ids.len() as i64).map(Some).collect();
    if ids != expected {
        let shown = it.repr(cw)?;
        return raise(
            ExcKind::ValueError,
            format!("Expected `class_weight` to be a dict with keys from 0 to one less than the number of classes, found {}", shown),
        );
    }
    let mut table = vec![0f32; ids.len()];
    for (k, v) in keyed {
        let w = crate::api::convert::f64_arg(&v, "class_weight")?;
        if let Some(k) = k {
            table[k as usize] = w as f32;
        }
    }
    Ok(Some(Tensor::from_vec(&[table.len()], table)))
}

/// The weight of each sample from its label: the class of a one-hot row is its argmax, of
/// a single label its rounded value; combined with `sw` by multiplication.
pub(crate) fn with_classes(table: &Tensor, y: &Tensor, sw: Option<&Tensor>) -> R<Tensor> {
    let classes = if y.ndim() >= 2 && y.shape().last().copied().unwrap_or(0) > 1 {
        arg_reduce(true, y, -1, DType::I64)?
    } else {
        let y = if y.ndim() >= 2 {
            squeeze(y, Some(&[-1]))?
        } else {
            y.clone()
        };
        let y = if y.dtype().is_float() {
            ew::unary(Unary::Round, &y)?
        } else {
            y
        };
        y.cast(DType::I64)
    };
    let n = table.shape()[0] as i64;
    if let Some(bad) = classes
        .to_f64_vec()
        .into_iter()
        .find(|&c| c < 0.0 || c >= n as f64)
    {
        return raise(
            ExcKind::InvalidArgumentError,
            format!(
                "indices[0] = {} is not in [0, {}) [Op:GatherV2]",
                bad as i64, n
            ),
        );
    }
    let cw = gather(table, &classes, 0)?;
    Ok(match sw {
        Some(sw) => {
            let sw = sw.cast(DType::F32);
            let mut sw2 = sw;
            while sw2.ndim() < cw.ndim() {
                sw2 = expand_dims(&sw2, -1)?;
            }
            ew::binary(Binary::Mul, &sw2, &cw)?
        }
        None => cw,
    })
}

/// `losses * sw`, the weights in the losses' dtype and brought to their rank (a trailing
/// axis of 1 dropped or added), as Keras's `compute_weighted_loss` does.
pub(crate) fn weigh(losses: &Tensor, sw: &Tensor) -> R<Tensor> {
    let mut sw = sw.cast(losses.dtype());
    if sw.ndim() == losses.ndim() + 1 && sw.shape().last() == Some(&1) {
        sw = squeeze(&sw, Some(&[-1]))?;
    } else if sw.ndim() + 1 == losses.ndim() {
        sw = expand_dims(&sw, -1)?;
    }
    Ok(ew::binary(Binary::Mul, losses, &sw)?)
}

/// Keras's weighted reduction of per-sample `losses` (SUM_OVER_BATCH_SIZE): the weights
/// brought to the losses' rank (a trailing axis added or dropped), then
/// `sum(losses * weights) / size(losses)`.
pub(crate) fn weighted_mean(losses: &Tensor, sw: &Tensor) -> R<Tensor> {
    let weighted = weigh(losses, sw)?;
    let total = reduce(Reduce::Sum, &weighted, None, false)?;
    let n = Tensor::full(losses.dtype(), &[], losses.size() as f64);
    if losses.size() == 0 {
        return Ok(Tensor::full(losses.dtype(), &[], 0.0));
    }
    Ok(ew::binary(Binary::Div, &total, &n)?)
}
