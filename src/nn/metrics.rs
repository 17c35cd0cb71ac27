//! The metrics `compile(metrics=[...])` accepts, as Keras's MeanMetricWrapper keeps them:
//! per-sample values summed into float32 `total` and `count`, the result their quotient.
//! `'accuracy'` becomes binary, categorical or sparse categorical accuracy from the shapes
//! of the labels and predictions, as Keras decides it.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::reduce::{arg_reduce, reduce, Reduce};
use crate::tensor::{DType, Tensor};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    BinaryAccuracy,
    CategoricalAccuracy,
    SparseCategoricalAccuracy,
    Mae,
    Mse,
}

pub struct Metric {
    pub name: String,
    kind: Kind,
    total: f32,
    count: f32,
}

impl Metric {
    /// The metric `name` names, for labels and predictions of these shapes.
    pub fn resolve(name: &str, y_true: &[usize], y_pred: &[usize]) -> R<Metric> {
        let kind = match name {
            "accuracy" | "acc" => {
                let p_last = y_pred.last().copied().unwrap_or(1);
                let t_last = y_true.last().copied().unwrap_or(1);
                if p_last == 1 {
                    Kind::BinaryAccuracy
                } else if y_true.len() < y_pred.len() || (t_last == 1 && p_last > 1) {
                    Kind::SparseCategoricalAccuracy
                } else {
                    Kind::CategoricalAccuracy
                }
            }
            "binary_accuracy" => Kind::BinaryAccuracy,
            "categorical_accuracy" => Kind::CategoricalAccuracy,
            "sparse_categorical_accuracy" => Kind::SparseCategoricalAccuracy,
            "mae" | "mean_absolute_error" => Kind::Mae,
            "mse" | "mean_squared_error" => Kind::Mse,
            other => {
                return raise(
                    ExcKind::ValueError,
                    format!("Unknown metric function: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.", other),
                )
            }
        };
        Ok(Metric {
            name: name.to_string(),
            kind,
            total: 0.0,
            count: 0.0,
        })
    }

    /// The per-sample values of one batch.
    fn values(&self, yt: &Tensor, yp: &Tensor) -> R<Tensor> {
        let f = |t: Tensor| t.cast(DType::F32);
        Ok(match self.kind {
            Kind::BinaryAccuracy => {
                let yp = f(yp.clone());
                let hit =
                    ew::compare(Compare::Greater, &yp, &Tensor::scalar(0.5f32))?.cast(DType::F32);
                let eq = ew::compare(Compare::Equal, &f(yt.clone()), &hit)?.cast(DType::F32);
                reduce(Reduce::Mean, &eq, Some(&[-1]), false)?
            }
            Kind::CategoricalAccuracy => {
                let a = arg_reduce(true, yt, -1, DType::I64)?;
                let b = arg_reduce(true, yp, -1, DType::I64)?;
                ew::compare(Compare::Equal, &a, &b)?.cast(DType::F32)
            }
            Kind::SparseCategoricalAccuracy => {
                let labels = f(yt.clone());
                let labels = crate::tensor::ops::shape::reshape_to(&labels, &[labels.size()]);
                let b = arg_reduce(true, yp, -1, DType::I64)?.cast(DType::F32);
                let b = crate::tensor::ops::shape::reshape_to(&b, &[b.size()]);
                ew::compare(Compare::Equal, &labels, &b)?.cast(DType::F32)
            }
            Kind::Mae | Kind::Mse => {
                let d = ew::binary(Binary::Sub, &f(yp.clone()), &f(yt.clone()))?;
                let d = if self.kind == Kind::Mae {
                    ew::unary(Unary::Abs, &d)?
                } else {
                    ew::unary(Unary::Square, &d)?
                };
                reduce(Reduce::Mean, &d, Some(&[-1]), false)?
            }
        })
    }

    pub fn update(&mut self, yt: &Tensor, yp: &Tensor) -> R<()> {
        let v = self.values(yt, yp)?;
        let sum = reduce(Reduce::Sum, &v, None, false)?;
        self.total += sum.item_f64().unwrap_or(0.0) as f32;
        self.count += v.size() as f32;
        Ok(())
    }

    pub fn result(&self) -> f64 {
        if self.count == 0.0 {
            0.0
        } else {
            (self.total / self.count) as f64
        }
    }
}

/// Keras's running mean of batch losses, weighted by batch size, in float32.
#[derive(Default)]
pub struct MeanLoss {
    total: f32,
    count: f32,
}

impl MeanLoss {
    pub fn add(&mut self, loss: f32, batch: usize) {
        self.total += loss * batch as f32;
        self.count += batch as f32;
    }
    pub fn result(&self) -> f64 {
        if self.count == 0.0 {
            0.0
        } else {
            (self.total / self.count) as f64
        }
    }
}
