//! The overridable steps of Keras training, as the "customizing what happens in fit" guide
//! uses them: `train_step`, `test_step` and `predict_step` (Keras's defaults, which a
//! `keras.Model` subclass may replace), `compute_loss`, `compute_metrics`,
//! `get_metrics_result`, `reset_metrics`, `model.metrics` (the compiled loss tracker, the
//! compiled metrics once they have seen a batch, then the `add_metric` metrics), and the
//! `compiled_loss` / `compiled_metrics` objects a custom step calls.

use super::metrics::Tracker;
use super::optimizers::Optimizer;
use super::training::{compiled, Compiled};
use crate::api::convert::{tensor_of, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{Args, Dict, Object};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The methods a model has from this file.
pub(crate) const STEP_METHODS: [&str; 8] = [
    "train_step",
    "test_step",
    "predict_step",
    "compute_loss",
    "compute_metrics",
    "get_metrics_result",
    "reset_metrics",
    "add_metric",
];

/// Whether a user class replaces part of Keras's step `kind` (`train_step`, `test_step`,
/// `predict_step`): then `fit`, `evaluate` or `predict` call the model's step methods.
pub(crate) fn overridden(model: &Value, kind: &str) -> bool {
    let Value::Instance(i) = model else {
        return false;
    };
    let names: &[&str] = match kind {
        "predict_step" => &["predict_step"],
        _ => &[
            kind,
            "compute_loss",
            "compute_metrics",
            "get_metrics_result",
            "metrics",
        ],
    };
    names.iter().any(|n| i.class.lookup(n).is_some())
}

/// The attributes of this file, for any model.
pub(crate) fn model_attr(it: &mut Interp, model: &Value, name: &str) -> R<Option<Value>> {
    if let Some(m) = STEP_METHODS.iter().find(|m| **m == name) {
        return Ok(Some(Value::method(model.clone(), m, step_method)));
    }
    let c = compiled(model);
    Ok(match name {
        "compiled_loss" | "compiled_metrics" => Some(match c {
            Some(_) => Value::Object(Rc::new(Container {
                model: model.clone(),
                loss: name == "compiled_loss",
            })),
            None => Value::None,
        }),
        "run_eagerly" => Some(Value::Bool(c.is_some_and(|c| c.run_eagerly))),
        "metrics" => Some(Value::list(native_metrics(it, model)?)),
        _ => None,
    })
}

/// `model.metrics` as Keras lists it without an override: the compiled loss tracker, the
/// compiled metrics (each once they have been used), then the metrics of `add_metric`.
pub(crate) fn native_metrics(it: &mut Interp, model: &Value) -> R<Vec<Value>> {
    let mut out = Vec::new();
    if let Some(c) = compiled(model) {
        let objs = c.built.borrow().clone().unwrap_or_default();
        if c.loss_used.get() {
            out.extend(objs.first().map(|(_, m)| m.clone()));
        }
        if c.metrics_used.get() {
            out.extend(objs.iter().skip(1).map(|(_, m)| m.clone()));
        }
    }
    out.extend(super::added_metrics::of_model(it, model)?);
    Ok(out)
}

/// The model's metrics as its `metrics` attribute gives them (a subclass may list its own).
pub(crate) fn model_metrics(it: &mut Interp, model: &Value) -> R<Vec<Value>> {
    let m = it.get_attr(model, "metrics")?;
    it.collect_items(&m)
}

/// The names of the model's metrics (`metrics_names`).
pub(crate) fn metric_names(it: &mut Interp, model: &Value) -> R<Vec<String>> {
    let mut out = Vec::new();
    for m in model_metrics(it, model)? {
        let n = it.get_attr(&m, "name")?;
        out.push(match &n {
            Value::Str(s) => s.to_string(),
            other => it.str_of(other)?,
        });
    }
    Ok(out)
}

/// `reset_metrics()`: every metric of `model.metrics` back to its initial state.
pub(crate) fn reset_metrics(it: &mut Interp, model: &Value) -> R<()> {
    for m in model_metrics(it, model)? {
        let f = it.get_attr(&m, "reset_state")?;
        it.call(&f, Args::default())?;
    }
    Ok(())
}

/// `get_metrics_result()`: each metric's name and result, a dict result merged in.
fn metrics_result(it: &mut Interp, model: &Value) -> R<Value> {
    let mut d = Dict::default();
    for m in model_metrics(it, model)? {
        let f = it.get_attr(&m, "result")?;
        let r = it.call(&f, Args::default())?;
        if let Value::Dict(rd) = &r {
            let items: Vec<(Value, Value)> = rd
                .borrow()
                .keys
                .iter()
                .cloned()
                .zip(rd.borrow().values.iter().cloned())
                .collect();
            for (k, v) in items {
                d.insert(k, v)?;
            }
            continue;
        }
        let n = it.get_attr(&m, "name")?;
        d.insert(n, r)?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `(x, y, sample_weight)` of a step's `data`: a tuple of one to three, or `x` alone.
pub(crate) fn unpack(it: &mut Interp, data: &Value) -> R<(Value, Value, Value)> {
    let items = match data {
        Value::Tuple(_) => it.collect_items(data)?,
        _ => return Ok((data.clone(), Value::None, Value::None)),
    };
    let get = |i: usize| items.get(i).cloned().unwrap_or(Value::None);
    if items.is_empty() || items.len() > 3 {
        return raise(
            ExcKind::ValueError,
            format!(
                "Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, found: {}",
                it.repr(data)?
            ),
        );
    }
    Ok((get(0), get(1), get(2)))
}

/// A step's `data` as Keras packs it: `x` alone without labels, else a tuple.
pub(crate) fn pack(x: Tensor, y: Option<Tensor>, sw: Option<Tensor>) -> Value {
    match (y, sw) {
        (None, None) => Value::Tensor(x),
        (Some(y), None) => Value::tuple(vec![Value::Tensor(x), Value::Tensor(y)]),
        (y, Some(sw)) => Value::tuple(vec![
            Value::Tensor(x),
            y.map(Value::Tensor).unwrap_or(Value::None),
            Value::Tensor(sw),
        ]),
    }
}

fn call_model(it: &mut Interp, model: &Value, x: &Value, training: bool) -> R<Value> {
    let mut a = Args::new(vec![x.clone()]);
    a.kw.push(("training".into(), Value::Bool(training)));
    it.call(model, a)
}

fn call_method(it: &mut Interp, obj: &Value, name: &str, args: Vec<Value>) -> R<Value> {
    let f = it.get_attr(obj, name)?;
    it.call(&f, Args::new(args))
}

/// Keras's default steps and helpers, bound to a model.
fn step_method(it: &mut Interp, model: &Value, name: &'static str, a: Args) -> R<Value> {
    match name {
        "train_step" | "test_step" => {
            let [data] = a.bind(name, ["data"])?;
            let data = data.unwrap_or(Value::None);
            let (x, y, sw) = unpack(it, &data)?;
            if name == "test_step" {
                let yp = call_model(it, model, &x, false)?;
                call_method(
                    it,
                    model,
                    "compute_loss",
                    vec![x.clone(), y.clone(), yp.clone(), sw.clone()],
                )?;
                return call_method(it, model, "compute_metrics", vec![x, y, yp, sw]);
            }
            let t = Tape::new(false, true);
            tape::push(&t);
            let fwd = (|| -> R<(Value, Value)> {
                let yp = call_model(it, model, &x, true)?;
                let loss = call_method(
                    it,
                    model,
                    "compute_loss",
                    vec![x.clone(), y.clone(), yp.clone(), sw.clone()],
                )?;
                Ok((yp, loss))
            })();
            tape::pop(&t);
            let (yp, loss) = fwd?;
            let Some(loss_t) = tensor_of(&loss) else {
                return raise(
                    ExcKind::ValueError,
                    "No loss found. You may have forgotten to provide a `loss` argument in the `compile()` method.",
                );
            };
            let c = compiled(model).ok_or_else(super::training::not_compiled)?;
            let opt = c
                .optimizer
                .as_object::<Optimizer>()
                .ok_or_else(|| value_err("the optimizer is not a Keras optimizer"))?;
            let vars = super::trainable_of(model);
            opt.step_on(it, &t, loss_t, vars)?;
            call_method(it, model, "compute_metrics", vec![x, y, yp, sw])
        }
        "predict_step" => {
            let [data] = a.bind(name, ["data"])?;
            let (x, _, _) = unpack(it, &data.unwrap_or(Value::None))?;
            call_model(it, model, &x, false)
        }
        "compute_loss" => {
            let [_x, y, yp, sw] = a.bind(
                name,
                ["x=None", "y=None", "y_pred=None", "sample_weight=None"],
            )?;
            let losses = super::training::model_attr(it, model, "losses")?.unwrap_or(Value::None);
            let c = compiled(model).ok_or_else(super::training::not_compiled)?;
            compiled_loss(
                it,
                model,
                &c,
                &y.unwrap_or(Value::None),
                &yp.unwrap_or(Value::None),
                &sw.unwrap_or(Value::None),
                &losses,
            )
        }
        "compute_metrics" => {
            let [_x, y, yp, sw] = a.bind(name, ["x", "y", "y_pred", "sample_weight"])?;
            let c = compiled(model).ok_or_else(super::training::not_compiled)?;
            update_compiled_metrics(
                it,
                &c,
                &y.unwrap_or(Value::None),
                &yp.unwrap_or(Value::None),
                &sw.unwrap_or(Value::None),
            )?;
            metrics_result(it, model)
        }
        "get_metrics_result" => metrics_result(it, model),
        "reset_metrics" => {
            reset_metrics(it, model)?;
            Ok(Value::None)
        }
        _ => super::added_metrics::add_metric(it, model, a),
    }
}

/// Labels and predictions as tensors, labels float32 when floating (Keras's adapter).
fn pair(it: &mut Interp, y: &Value, yp: &Value) -> R<(Tensor, Tensor)> {
    let yp = to_tensor(it, yp, None)?;
    let mut yt = to_tensor(it, y, None)?;
    if yt.dtype() == DType::F64 {
        yt = yt.cast(DType::F32);
    }
    Ok((yt, yp))
}

fn opt_tensor(it: &mut Interp, v: &Value) -> R<Option<Tensor>> {
    match v {
        Value::None => Ok(None),
        v => Ok(Some(to_tensor(it, v, None)?)),
    }
}

/// `compiled_loss(y, y_pred, sample_weight, regularization_losses)`: the compiled loss
/// (plus the regularization losses), its batch value recorded by the `loss` tracker.
fn compiled_loss(
    it: &mut Interp,
    model: &Value,
    c: &Compiled,
    y: &Value,
    yp: &Value,
    sw: &Value,
    reg: &Value,
) -> R<Value> {
    let _ = model;
    let (yt, ypt) = pair(it, y, yp)?;
    let sw = opt_tensor(it, sw)?;
    let objs = Tracker::resolve_with(it, &c.metrics, &c.built, &yt, &ypt)?;
    c.loss_used.set(true);
    let regs = match reg {
        Value::None => vec![],
        v => it.collect_items(v)?,
    };
    let mut reg_ts = Vec::with_capacity(regs.len());
    for r in &regs {
        reg_ts.push(to_tensor(it, r, Some(DType::F32))?);
    }
    if matches!(c.loss_fn, Value::None) && reg_ts.is_empty() {
        return Ok(Value::None);
    }
    let total = super::training::batch_loss(it, c, &yt, &ypt, sw.as_ref(), reg_ts)?;
    let batch = yt.shape().first().copied().unwrap_or(1);
    Tracker::update_loss(it, &objs, &total, batch)?;
    Ok(Value::Tensor(total))
}

/// `compiled_metrics.update_state(y, y_pred, sample_weight)`: each compiled metric updated
/// (unweighted, as Keras's `metrics=`).
fn update_compiled_metrics(
    it: &mut Interp,
    c: &Compiled,
    y: &Value,
    yp: &Value,
    _sw: &Value,
) -> R<()> {
    if matches!(y, Value::None) {
        return Ok(());
    }
    let (yt, ypt) = pair(it, y, yp)?;
    let objs = Tracker::resolve_with(it, &c.metrics, &c.built, &yt, &ypt)?;
    c.metrics_used.set(true);
    let yt = super::training::align(c, &yt, &ypt)?;
    Tracker::update_metrics(it, &objs, &yt, &ypt)
}

/// `model.compiled_loss` or `model.compiled_metrics`.
struct Container {
    model: Value,
    loss: bool,
}

impl Object for Container {
    fn type_name(&self) -> String {
        if self.loss {
            "LossesContainer".into()
        } else {
            "MetricsContainer".into()
        }
    }
    fn class_path(&self) -> Option<String> {
        Some(format!(
            "keras.src.engine.compile_utils.{}",
            self.type_name()
        ))
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        let Some(c) = compiled(&self.model) else {
            return Ok(None);
        };
        Ok(Some(match name {
            "metrics" => {
                let objs = c.built.borrow().clone().unwrap_or_default();
                let used = if self.loss {
                    c.loss_used.get()
                } else {
                    c.metrics_used.get()
                };
                let picked: Vec<Value> = match (used, self.loss) {
                    (false, _) => vec![],
                    (true, true) => objs.iter().take(1).map(|(_, m)| m.clone()).collect(),
                    (true, false) => objs.iter().skip(1).map(|(_, m)| m.clone()).collect(),
                };
                Value::list(picked)
            }
            "built" => Value::Bool(if self.loss {
                c.loss_used.get()
            } else {
                c.metrics_used.get()
            }),
            "update_state" if !self.loss => {
                Value::method(this.clone(), "update_state", container_method)
            }
            "reset_state" => Value::method(this.clone(), "reset_state", container_method),
            _ => {
                let _ = it;
                return Ok(None);
            }
        }))
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        if !self.loss {
            return raise(
                ExcKind::TypeError,
                "'MetricsContainer' object is not callable",
            );
        }
        let [y, yp, sw, reg] = args.bind(
            "__call__",
            [
                "y_true",
                "y_pred",
                "sample_weight=None",
                "regularization_losses=None",
            ],
        )?;
        let c = compiled(&self.model).ok_or_else(super::training::not_compiled)?;
        compiled_loss(
            it,
            &self.model,
            &c,
            &y.unwrap_or(Value::None),
            &yp.unwrap_or(Value::None),
            &sw.unwrap_or(Value::None),
            &reg.unwrap_or(Value::None),
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn container_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let Some(cont) = recv.as_object::<Container>() else {
        return Ok(Value::None);
    };
    let c = compiled(&cont.model).ok_or_else(super::training::not_compiled)?;
    if name == "reset_state" {
        let objs = c.built.borrow().clone().unwrap_or_default();
        let picked: Vec<Value> = if cont.loss {
            objs.iter().take(1).map(|(_, m)| m.clone()).collect()
        } else {
            objs.iter().skip(1).map(|(_, m)| m.clone()).collect()
        };
        for m in picked {
            call_method(it, &m, "reset_state", vec![])?;
        }
        return Ok(Value::None);
    }
    let [y, yp, sw] = a.bind("update_state", ["y_true", "y_pred", "sample_weight=None"])?;
    update_compiled_metrics(
        it,
        &c,
        &y.unwrap_or(Value::None),
        &yp.unwrap_or(Value::None),
        &sw.unwrap_or(Value::None),
    )?;
    Ok(Value::None)
}

/// Runs a step method of the model on `data` and returns its logs as Keras's loop keeps
/// them: when the keys are those of the model's metrics, their results in metric order
/// (`_validate_and_get_metrics_result`), else the step's own dict; values as floats.
pub(crate) fn run_step(
    it: &mut Interp,
    model: &Value,
    kind: &str,
    data: Value,
    open: bool,
) -> R<Vec<(String, f64)>> {
    let out = super::step_functions::own_step(it, model, kind, data, open)?;
    logs_of(it, model, &out)
}

/// A step's returned logs as name/value pairs (see [`run_step`]).
pub(crate) fn logs_of(it: &mut Interp, model: &Value, out: &Value) -> R<Vec<(String, f64)>> {
    let mut logs = super::callbacks::read_logs(it, out)?;
    let from_metrics = metrics_result(it, model)?;
    let ordered = super::callbacks::read_logs(it, &from_metrics)?;
    let same = ordered.len() == logs.len()
        && logs
            .iter()
            .all(|(k, _)| ordered.iter().any(|(o, _)| o == k));
    if same {
        logs = ordered;
    }
    Ok(logs)
}
