//! The arrays of a training, evaluation or prediction run: inputs, labels and sample
//! weights checked for the same number of samples (Keras's cardinality message), cut into
//! batches alike (in a shuffled order when asked, class weights folded into the sample
//! weights), split for validation, and packed as the `data` a step method receives.

use crate::api::convert::to_tensor;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::{Interp, Value};
use crate::tensor::ops::select::gather;
use crate::tensor::ops::shape::slice_axis;
use crate::tensor::{DType, Tensor};

/// The rows `[start, end)` of `t`, or the rows `idx` names when shuffled.
pub(crate) fn rows(t: &Tensor, idx: Option<&Tensor>, start: usize, end: usize) -> R<Tensor> {
    Ok(match idx {
        Some(i) => gather(t, &slice_axis(i, 0, start, end), 0)?,
        None => slice_axis(t, 0, start, end),
    })
}

/// The arrays of a run: inputs, labels and sample weights, split into batches alike.
#[derive(Clone)]
pub(crate) struct Data {
    pub x: Tensor,
    pub y: Option<Tensor>,
    pub sw: Option<Tensor>,
}

impl Data {
    /// Checks that every array has the same number of samples (Keras's message lists the
    /// sizes) and returns it.
    pub(crate) fn samples(&self) -> R<usize> {
        let Some(&n) = self.x.shape().first() else {
            return raise(
                ExcKind::ValueError,
                "Expected the input data to have a batch dimension; got a scalar.",
            );
        };
        let size = |t: &Option<Tensor>| t.as_ref().map(|t| t.shape().first().copied().unwrap_or(0));
        let (ny, nw) = (size(&self.y), size(&self.sw));
        if ny.is_some_and(|m| m != n) || nw.is_some_and(|m| m != n) {
            let mut msg = format!("Data cardinality is ambiguous:\n  x sizes: {}\n", n);
            if let Some(m) = ny {
                msg.push_str(&format!("  y sizes: {}\n", m));
            }
            if let Some(m) = nw {
                msg.push_str(&format!("  sample_weight sizes: {}\n", m));
            }
            msg.push_str("Make sure all arrays contain the same number of samples.");
            return raise(ExcKind::ValueError, msg);
        }
        Ok(n)
    }

    /// The samples `[a, b)` (of the order `idx` when shuffled), with the class weights of
    /// `table` folded into the sample weights.
    pub(crate) fn batch(
        &self,
        idx: Option<&Tensor>,
        a: usize,
        b: usize,
        table: Option<&Tensor>,
    ) -> R<Data> {
        let y = self.y.as_ref().map(|t| rows(t, idx, a, b)).transpose()?;
        let mut sw = self.sw.as_ref().map(|t| rows(t, idx, a, b)).transpose()?;
        if let (Some(table), Some(y)) = (table, &y) {
            sw = Some(super::sample_weight::with_classes(table, y, sw.as_ref())?);
        }
        Ok(Data {
            x: rows(&self.x, idx, a, b)?,
            y,
            sw,
        })
    }

    /// The first `at` samples and the rest.
    pub(crate) fn split(&self, at: usize, n: usize) -> (Data, Data) {
        let part = |t: &Tensor, a: usize, b: usize| slice_axis(t, 0, a, b);
        (
            Data {
                x: part(&self.x, 0, at),
                y: self.y.as_ref().map(|t| part(t, 0, at)),
                sw: self.sw.as_ref().map(|t| part(t, 0, at)),
            },
            Data {
                x: part(&self.x, at, n),
                y: self.y.as_ref().map(|t| part(t, at, n)),
                sw: self.sw.as_ref().map(|t| part(t, at, n)),
            },
        )
    }

    /// The batch as a step's `data`: `x`, `(x, y)` or `(x, y, sample_weight)`, floating
    /// labels as float32.
    pub(crate) fn packed(self) -> Value {
        let y = self.y.map(|y| {
            if y.dtype() == DType::F64 {
                y.cast(DType::F32)
            } else {
                y
            }
        });
        super::train_step::pack(self.x, y, self.sw)
    }
}

/// Labels for a run: required unless the model's own step handles their absence.
pub(crate) fn labels(it: &mut Interp, y: Option<Value>, optional: bool) -> R<Option<Tensor>> {
    match y {
        Some(Value::None) | None if optional => Ok(None),
        y => Ok(Some(to_tensor(it, &y.unwrap_or(Value::None), None)?)),
    }
}

/// Sample weights as given (None: unweighted).
pub(crate) fn weights_arg(it: &mut Interp, sw: Option<Value>) -> R<Option<Tensor>> {
    match sw {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(to_tensor(it, &v, None)?.cast(DType::F32))),
    }
}
