//! `tf.keras.losses` (also `tf.losses`): the loss functions with Keras's numerics
//! (probabilities clipped to [1e-7, 1 - 1e-7], logits through a stable log-softmax or
//! sigmoid cross entropy) and the loss classes with their reductions.

use crate::api::convert::{f64_arg, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{value_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::rc::Rc;

const EPSILON: f64 = 1e-7;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum LossKind {
    CategoricalCrossentropy,
    SparseCategoricalCrossentropy,
    BinaryCrossentropy,
    MeanSquaredError,
    MeanAbsoluteError,
}

impl LossKind {
    pub fn fn_name(self) -> &'static str {
        match self {
            LossKind::CategoricalCrossentropy => "categorical_crossentropy",
            LossKind::SparseCategoricalCrossentropy => "sparse_categorical_crossentropy",
            LossKind::BinaryCrossentropy => "binary_crossentropy",
            LossKind::MeanSquaredError => "mean_squared_error",
            LossKind::MeanAbsoluteError => "mean_absolute_error",
        }
    }
    fn class_name(self) -> &'static str {
        match self {
            LossKind::CategoricalCrossentropy => "CategoricalCrossentropy",
            LossKind::SparseCategoricalCrossentropy => "SparseCategoricalCrossentropy",
            LossKind::BinaryCrossentropy => "BinaryCrossentropy",
            LossKind::MeanSquaredError => "MeanSquaredError",
            LossKind::MeanAbsoluteError => "MeanAbsoluteError",
        }
    }
}

/// A scalar constant of `x`'s dtype.
fn s(x: &Tensor, v: f64) -> Tensor {
    let t = Tensor::from_f64s(x.dtype(), &[], &[v]);
    crate::tensor::compile::capture::constant(&t);
    t
}

fn clip01(p: &Tensor) -> R<Tensor> {
    let lo = ew::binary(Binary::Maximum, p, &s(p, EPSILON))?;
    Ok(ew::binary(Binary::Minimum, &lo, &s(p, 1.0 - EPSILON))?)
}

/// The labels, checked to lie in `[0, classes)` as TensorFlow's kernel checks them. It is
/// an op of its own, so that a compiled step checks every run's labels.
fn checked_labels(labels: &Tensor, classes: usize) -> crate::tensor::TResult<Tensor> {
    crate::tensor::compile::op(&[labels], move |x| {
        let bad = x[0]
            .to_i64_vec()
            .into_iter()
            .find(|&l| l < 0 || l as usize >= classes);
        match bad {
            Some(bad) => Err(crate::tensor::TfError::new(
                ExcKind::InvalidArgumentError,
                format!(
                    "Received a label value of {} which is outside the valid range of [0, {}).",
                    bad, classes
                ),
            )),
            None => Ok(x[0].clone().renewed()),
        }
    })
}

/// The per-sample loss (reduced over the last axis), as Keras's loss functions compute it.
pub fn per_sample(
    kind: LossKind,
    y_true: &Tensor,
    y_pred: &Tensor,
    from_logits: bool,
    smoothing: f64,
) -> R<Tensor> {
    let yp = if y_pred.dtype().is_float() {
        y_pred.clone()
    } else {
        y_pred.cast(DType::F32)
    };
    let last = [-1i64];
    Ok(match kind {
        LossKind::CategoricalCrossentropy => {
            let mut yt = y_true.cast(yp.dtype());
            if smoothing > 0.0 {
                let n = *yp.shape().last().unwrap_or(&1) as f64;
                yt = ew::binary(
                    Binary::Add,
                    &ew::binary(Binary::Mul, &yt, &s(&yp, 1.0 - smoothing))?,
                    &s(&yp, smoothing / n),
                )?;
            }
            if from_logits {
                let ls = crate::tensor::ops::nn::softmax(&yp, -1, true)?;
                ew::unary(
                    Unary::Neg,
                    &reduce::reduce(
                        Reduce::Sum,
                        &ew::binary(Binary::Mul, &yt, &ls)?,
                        Some(&last),
                        false,
                    )?,
                )?
            } else {
                let total = reduce::reduce(Reduce::Sum, &yp, Some(&last), true)?;
                let p = clip01(&ew::binary(Binary::Div, &yp, &total)?)?;
                let t = ew::binary(Binary::Mul, &yt, &ew::unary(Unary::Log, &p)?)?;
                ew::unary(
                    Unary::Neg,
                    &reduce::reduce(Reduce::Sum, &t, Some(&last), false)?,
                )?
            }
        }
        LossKind::SparseCategoricalCrossentropy => {
            let n = *yp.shape().last().unwrap_or(&1);
            let labels = y_true.cast(DType::I64);
            let labels = if labels.ndim() == yp.ndim() && labels.shape().last() == Some(&1) {
                crate::tensor::ops::shape::squeeze(&labels, Some(&[-1]))?
            } else {
                labels
            };
            let logp = if from_logits {
                crate::tensor::ops::nn::softmax(&yp, -1, true)?
            } else {
                crate::tensor::ops::nn::softmax(&ew::unary(Unary::Log, &clip01(&yp)?)?, -1, true)?
            };
            let labels = checked_labels(&labels, n)?;
            let oh = crate::tensor::ops::select::one_hot(&labels, n, 1.0, 0.0, -1, logp.dtype())?;
            ew::unary(
                Unary::Neg,
                &reduce::reduce(
                    Reduce::Sum,
                    &ew::binary(Binary::Mul, &oh, &logp)?,
                    Some(&last),
                    false,
                )?,
            )?
        }
        LossKind::BinaryCrossentropy => {
            let mut yt = y_true.cast(yp.dtype());
            if smoothing > 0.0 {
                yt = ew::binary(
                    Binary::Add,
                    &ew::binary(Binary::Mul, &yt, &s(&yp, 1.0 - smoothing))?,
                    &s(&yp, 0.5 * smoothing),
                )?;
            }
            let elem = if from_logits {
                // max(x, 0) - x * z + log(1 + exp(-|x|))
                let relu = ew::unary(Unary::Relu, &yp)?;
                let xz = ew::binary(Binary::Mul, &yp, &yt)?;
                let l = ew::unary(
                    Unary::Log1p,
                    &ew::unary(
                        Unary::Exp,
                        &ew::unary(Unary::Neg, &ew::unary(Unary::Abs, &yp)?)?,
                    )?,
                )?;
                ew::binary(Binary::Add, &ew::binary(Binary::Sub, &relu, &xz)?, &l)?
            } else {
                let p = clip01(&yp)?;
                let a = ew::binary(
                    Binary::Mul,
                    &yt,
                    &ew::unary(Unary::Log, &ew::binary(Binary::Add, &p, &s(&p, EPSILON))?)?,
                )?;
                let one_minus_t = ew::binary(Binary::Sub, &s(&yt, 1.0), &yt)?;
                let one_minus_p = ew::binary(
                    Binary::Add,
                    &ew::binary(Binary::Sub, &s(&p, 1.0), &p)?,
                    &s(&p, EPSILON),
                )?;
                let b = ew::binary(
                    Binary::Mul,
                    &one_minus_t,
                    &ew::unary(Unary::Log, &one_minus_p)?,
                )?;
                ew::unary(Unary::Neg, &ew::binary(Binary::Add, &a, &b)?)?
            };
            reduce::reduce(Reduce::Mean, &elem, Some(&last), false)?
        }
        LossKind::MeanSquaredError => {
            let yt = y_true.cast(yp.dtype());
            reduce::reduce(
                Reduce::Mean,
                &ew::binary(Binary::SquaredDifference, &yp, &yt)?,
                Some(&last),
                false,
            )?
        }
        LossKind::MeanAbsoluteError => {
            let yt = y_true.cast(yp.dtype());
            reduce::reduce(
                Reduce::Mean,
                &ew::unary(Unary::Abs, &ew::binary(Binary::Sub, &yp, &yt)?)?,
                Some(&last),
                false,
            )?
        }
    })
}

fn inputs(it: &mut Interp, t: Option<Value>, p: Option<Value>) -> R<(Tensor, Tensor)> {
    let p = to_tensor(it, &p.unwrap_or(Value::None), None)?;
    let p = if p.dtype().is_float() {
        p
    } else {
        p.cast(DType::F32)
    };
    let t = to_tensor(it, &t.unwrap_or(Value::None), None)?;
    Ok((t, p))
}

fn loss_fn(
    it: &mut Interp,
    kind: LossKind,
    (t, p): (Value, Value),
    from_logits: Value,
    label_smoothing: Value,
) -> R<Value> {
    let logits = it.truthy(&from_logits)?;
    let smoothing = f64_arg(&label_smoothing, "label_smoothing")?;
    let (t, p) = inputs(it, Some(t), Some(p))?;
    Ok(Value::Tensor(per_sample(kind, &t, &p, logits, smoothing)?))
}

crate::builtin! {
    /// Computes the categorical crossentropy loss.
    dispatch ["tf.keras.losses.categorical_crossentropy"]
    fn categorical_crossentropy(it, y_true, y_pred, from_logits = False, label_smoothing = 0.0,
        axis = -1) {
        let kind = LossKind::CategoricalCrossentropy;
        loss_fn(it, kind, (y_true, y_pred), from_logits, label_smoothing)
    }
}

crate::builtin! {
    /// Computes the sparse categorical crossentropy loss.
    dispatch ["tf.keras.losses.sparse_categorical_crossentropy"]
    fn sparse_categorical_crossentropy(it, y_true, y_pred, from_logits = False, axis = -1,
        ignore_class = None) {
        let kind = LossKind::SparseCategoricalCrossentropy;
        loss_fn(it, kind, (y_true, y_pred), from_logits, Value::Float(0.0))
    }
}

crate::builtin! {
    /// Computes the binary crossentropy loss.
    dispatch ["tf.keras.losses.binary_crossentropy"]
    fn binary_crossentropy(it, y_true, y_pred, from_logits = False, label_smoothing = 0.0,
        axis = -1) {
        let kind = LossKind::BinaryCrossentropy;
        loss_fn(it, kind, (y_true, y_pred), from_logits, label_smoothing)
    }
}

crate::builtin! {
    /// Computes the mean squared error between labels and predictions.
    dispatch ["tf.keras.losses.mean_squared_error", "tf.keras.losses.mse",
        "tf.keras.losses.MSE"]
    fn mean_squared_error(it, y_true, y_pred) {
        let kind = LossKind::MeanSquaredError;
        loss_fn(it, kind, (y_true, y_pred), Value::Bool(false), Value::Float(0.0))
    }
}

crate::builtin! {
    /// Computes the mean absolute error between labels and predictions.
    dispatch ["tf.keras.losses.mean_absolute_error", "tf.keras.losses.mae",
        "tf.keras.losses.MAE"]
    fn mean_absolute_error(it, y_true, y_pred) {
        let kind = LossKind::MeanAbsoluteError;
        loss_fn(it, kind, (y_true, y_pred), Value::Bool(false), Value::Float(0.0))
    }
}

/// A loss class instance: `tf.keras.losses.MeanSquaredError(reduction=...)`.
pub struct LossObject {
    pub kind: LossKind,
    pub from_logits: bool,
    pub smoothing: f64,
    pub reduction: String,
    pub name: String,
    /// The class's own `get_config()` entries, as given (`from_logits`, `axis`...).
    pub extra: Vec<(&'static str, Value)>,
}

impl LossObject {
    /// `get_config()`: reduction and name, the class's own entries, then the function.
    pub fn config(&self) -> Value {
        let mut items = vec![
            ("reduction", Value::str(&self.reduction)),
            ("name", Value::str(&self.name)),
        ];
        items.extend(self.extra.iter().cloned());
        items.push(("fn", Value::str(self.kind.fn_name())));
        crate::nn::initializers::dict_of(items)
    }

    /// `serialize_keras_object(loss)`.
    pub fn serialized(&self) -> Value {
        crate::nn::initializers::dict_of(vec![
            ("module", Value::str("keras.losses")),
            ("class_name", Value::str(self.kind.class_name())),
            ("config", self.config()),
            ("registered_name", Value::None),
        ])
    }

    /// The loss with each sample's value multiplied by its weight before the reduction.
    pub fn compute_weighted(&self, t: &Tensor, p: &Tensor, w: Option<&Tensor>) -> R<Tensor> {
        let mut per = per_sample(self.kind, t, p, self.from_logits, self.smoothing)?;
        if let Some(w) = w {
            per = super::sample_weight::weigh(&per, w)?;
        }
        Ok(match self.reduction.as_str() {
            "none" => per,
            "sum" => reduce::reduce(Reduce::Sum, &per, None, false)?,
            _ => {
                let n = per.size().max(1) as f64;
                let sum = reduce::reduce(Reduce::Sum, &per, None, false)?;
                ew::binary(Binary::Div, &sum, &s(&sum, n))?
            }
        })
    }
}

impl Object for LossObject {
    fn type_name(&self) -> String {
        self.kind.class_name().into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            "reduction" => Some(Value::str(&self.reduction)),
            "from_logits" => Some(Value::Bool(self.from_logits)),
            "get_config" => Some(Value::method(
                this.clone(),
                "get_config",
                |_, recv, _, a| {
                    a.bind::<0>("get_config", [])?;
                    Ok(recv
                        .as_object::<LossObject>()
                        .map(|l| l.config())
                        .unwrap_or(Value::None))
                },
            )),
            _ => None,
        })
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let [t, p, w] = args.bind("__call__", ["y_true", "y_pred", "sample_weight=None"])?;
        let (t, p) = inputs(it, t, p)?;
        let w = match w {
            None | Some(Value::None) => None,
            Some(w) => Some(crate::api::convert::to_tensor(it, &w, None)?),
        };
        Ok(Value::Tensor(self.compute_weighted(&t, &p, w.as_ref())?))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<keras.src.losses.{} object>",
            self.kind.class_name()
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A loss object of `kind` from its constructor's arguments.
fn construct(
    it: &mut Interp,
    kind: LossKind,
    from_logits: Value,
    label_smoothing: Value,
    reduction: Value,
    name: Value,
    extra: Vec<(&'static str, Value)>,
) -> R<Value> {
    let reduction = match reduction {
        Value::Str(r) => {
            let r = r.to_string();
            if !["auto", "none", "sum", "sum_over_batch_size"].contains(&r.as_str()) {
                return Err(value_err(format!(
                    "Invalid Reduction Key: {}. Expected keys are \"('auto', 'none', 'sum', 'sum_over_batch_size')\"",
                    r
                )));
            }
            r
        }
        _ => "auto".into(),
    };
    let name = match name {
        Value::Str(n) => n.to_string(),
        _ => kind.fn_name().into(),
    };
    Ok(Value::Object(Rc::new(LossObject {
        kind,
        from_logits: it.truthy(&from_logits)?,
        smoothing: f64_arg(&label_smoothing, "label_smoothing")?,
        reduction,
        name,
        extra,
    })))
}

crate::builtin! {
    /// Computes the crossentropy loss between the labels and predictions.
    python ["tf.keras.losses.CategoricalCrossentropy"]
    fn CategoricalCrossentropy(it, from_logits = False, label_smoothing = 0.0, axis = -1,
        reduction = "auto", name = "categorical_crossentropy") {
        let kind = LossKind::CategoricalCrossentropy;
        let extra = vec![("from_logits", from_logits.clone()),
            ("label_smoothing", label_smoothing.clone()), ("axis", axis)];
        construct(it, kind, from_logits, label_smoothing, reduction, name, extra)
    }
}

crate::builtin! {
    /// Computes the crossentropy loss between the labels and predictions.
    python ["tf.keras.losses.SparseCategoricalCrossentropy"]
    fn SparseCategoricalCrossentropy(it, from_logits = False, ignore_class = None,
        reduction = "auto", name = "sparse_categorical_crossentropy") {
        let kind = LossKind::SparseCategoricalCrossentropy;
        let extra = vec![("from_logits", from_logits.clone()), ("ignore_class", ignore_class)];
        construct(it, kind, from_logits, Value::Float(0.0), reduction, name, extra)
    }
}

crate::builtin! {
    /// Computes the cross-entropy loss between true labels and predicted labels.
    python ["tf.keras.losses.BinaryCrossentropy"]
    fn BinaryCrossentropy(it, from_logits = False, label_smoothing = 0.0, axis = -1,
        reduction = "auto", name = "binary_crossentropy") {
        let kind = LossKind::BinaryCrossentropy;
        let extra = vec![("from_logits", from_logits.clone()),
            ("label_smoothing", label_smoothing.clone()), ("axis", axis)];
        construct(it, kind, from_logits, label_smoothing, reduction, name, extra)
    }
}

crate::builtin! {
    /// Computes the mean of squares of errors between labels and predictions.
    python ["tf.keras.losses.MeanSquaredError"]
    fn MeanSquaredError(it, reduction = "auto", name = "mean_squared_error") {
        let kind = LossKind::MeanSquaredError;
        construct(it, kind, Value::Bool(false), Value::Float(0.0), reduction, name, vec![])
    }
}

crate::builtin! {
    /// Computes the mean of absolute difference between labels and predictions.
    python ["tf.keras.losses.MeanAbsoluteError"]
    fn MeanAbsoluteError(it, reduction = "auto", name = "mean_absolute_error") {
        let kind = LossKind::MeanAbsoluteError;
        construct(it, kind, Value::Bool(false), Value::Float(0.0), reduction, name, vec![])
    }
}
