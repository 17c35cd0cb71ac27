//! `keras.metrics`: metric objects with Keras 2.15's semantics, written in Python so user
//! code can subclass `Metric` as it does Keras's, and so every update runs the same float32
//! ops in the same order as Keras (printed results agree to the last digit).
//!
//! | file | owns |
//! |---|---|
//! | `base.py` | the shape helpers, `Metric`, `Reduce`, `Sum`, `Mean`, `MeanMetricWrapper` |
//! | `accuracy.py` | the match functions, the accuracy metrics and their functional forms |
//! | `confusion.py` | confusion counts at thresholds: `TruePositives`.., `Precision`, `Recall`, `AUC` |
//! | `regression.py` | errors, cross-entropies, `MeanIoU`, `get`, and what `compile` makes of a metric |
//!
//! This file registers the module and holds [`Tracker`], through which `fit` and
//! `evaluate` update a compiled model's loss and metrics.

use super::pymodule::PySubmodule;
use crate::api::convert::f64_arg;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::Tensor;
use std::cell::RefCell;

const SOURCE: &str = concat!(
    include_str!("base.py"),
    include_str!("accuracy.py"),
    include_str!("confusion.py"),
    include_str!("regression.py"),
);

/// `_unique_name(base)`: Keras's session-wide name counter, shared with layers.
fn unique_name(it: &mut Interp, a: Args) -> R<Value> {
    let base = match a.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => "metric".to_string(),
    };
    Ok(Value::str(&it.unique_name(&base)))
}

/// `_snake_case(name)`: a class name as Keras turns it into an object name.
fn snake(_: &mut Interp, a: Args) -> R<Value> {
    let name = match a.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    Ok(Value::str(&super::snake_case(&name)))
}

/// The module `keras.metrics`.
pub(crate) static MODULE: PySubmodule = PySubmodule {
    name: "keras.metrics",
    source: SOURCE,
    natives: &[("_unique_name", unique_name), ("_snake_case", snake)],
};

fn call_method(it: &mut Interp, obj: &Value, name: &str, args: Args) -> R<Value> {
    let f = it.get_attr(obj, name)?;
    it.call(&f, args)
}

fn shape_value(s: &[usize]) -> Value {
    Value::tuple(s.iter().map(|&d| Value::Int(d as i64)).collect())
}

/// A compiled model's metric objects: the `loss` Mean first, then one per `compile`
/// metric. Resolved at the first batch, when the shapes of labels and predictions are
/// known (`'accuracy'` depends on them), and kept for the model's later runs.
pub(crate) type Built = RefCell<Option<Vec<(String, Value)>>>;

/// The running loss and metrics of one epoch or evaluation.
pub(crate) struct Tracker<'a> {
    specs: &'a [Value],
    built: &'a Built,
}

impl<'a> Tracker<'a> {
    /// Starts a run: metrics that earlier runs built are reset, as Keras's `reset_metrics`.
    pub(crate) fn start(it: &mut Interp, specs: &'a [Value], built: &'a Built) -> R<Tracker<'a>> {
        let objs = built.borrow().clone();
        for (_, m) in objs.unwrap_or_default() {
            call_method(it, &m, "reset_state", Args::new(vec![]))?;
        }
        Ok(Tracker { specs, built })
    }

    /// Continues from the metrics' current state.
    pub(crate) fn resume(specs: &'a [Value], built: &'a Built) -> Tracker<'a> {
        Tracker { specs, built }
    }

    fn objects(&self, it: &mut Interp, yt: &Tensor, yp: &Tensor) -> R<Vec<(String, Value)>> {
        Tracker::resolve_with(it, self.specs, self.built, yt, yp)
    }

    /// The metric objects of `specs`, made at the first batch (the shapes of labels and
    /// predictions decide what `'accuracy'` means) and kept in `built`.
    pub(crate) fn resolve_with(
        it: &mut Interp,
        specs: &[Value],
        built: &Built,
        yt: &Tensor,
        yp: &Tensor,
    ) -> R<Vec<(String, Value)>> {
        if let Some(objs) = built.borrow().clone() {
            return Ok(objs);
        }
        let m = MODULE.get(it)?;
        let make = it.get_attr(&m, "_compile_metrics")?;
        let specs = Value::list(specs.to_vec());
        let out = it.call(
            &make,
            Args::new(vec![
                specs,
                shape_value(yt.shape()),
                shape_value(yp.shape()),
            ]),
        )?;
        let mut objs = Vec::new();
        for m in it.collect_items(&out)? {
            let name = it.get_attr(&m, "name")?;
            let name = match &name {
                Value::Str(s) => s.to_string(),
                other => it.repr(other)?,
            };
            objs.push((name, m));
        }
        *built.borrow_mut() = Some(objs.clone());
        Ok(objs)
    }

    /// The loss tracker (the first object) given one batch's loss, weighted by its size.
    pub(crate) fn update_loss(
        it: &mut Interp,
        objs: &[(String, Value)],
        loss: &Tensor,
        batch: usize,
    ) -> R<()> {
        let Some((_, tracker)) = objs.first() else {
            return Ok(());
        };
        let mut a = Args::new(vec![Value::Tensor(loss.clone())]);
        a.kw.push(("sample_weight".into(), Value::Int(batch as i64)));
        call_method(it, tracker, "update_state", a)?;
        Ok(())
    }

    /// The compiled metrics (the objects after the loss tracker) given one batch.
    pub(crate) fn update_metrics(
        it: &mut Interp,
        objs: &[(String, Value)],
        yt: &Tensor,
        yp: &Tensor,
    ) -> R<()> {
        for (_, m) in objs.iter().skip(1) {
            let a = Args::new(vec![Value::Tensor(yt.clone()), Value::Tensor(yp.clone())]);
            call_method(it, m, "update_state", a)?;
        }
        Ok(())
    }

    /// Adds one batch: the loss weighted by the batch size, the metrics on `(yt, yp)`.
    pub(crate) fn update(
        &mut self,
        it: &mut Interp,
        yt: &Tensor,
        yp: &Tensor,
        loss: &Tensor,
        batch: usize,
    ) -> R<()> {
        let objs = self.objects(it, yt, yp)?;
        Tracker::update_loss(it, &objs, loss, batch)?;
        Tracker::update_metrics(it, &objs, yt, yp)
    }

    /// `[("loss", ...), (metric name, ...), ...]`: each object's name and result.
    pub(crate) fn logs(&self, it: &mut Interp) -> R<Vec<(String, f64)>> {
        let objs = self.built.borrow().clone().unwrap_or_default();
        if objs.is_empty() {
            return Ok(vec![("loss".to_string(), 0.0)]);
        }
        let mut out = Vec::with_capacity(objs.len());
        for (name, m) in &objs {
            let r = call_method(it, m, "result", Args::new(vec![]))?;
            out.push((name.clone(), first_f64(&r)?));
        }
        Ok(out)
    }
}

/// A logged value as a float: a number, or a tensor's (first) element.
pub(crate) fn first_f64(v: &Value) -> R<f64> {
    if let Some(t) = crate::api::convert::tensor_of(v) {
        if t.size() > 1 {
            let flat = crate::tensor::ops::shape::reshape_to(&t, &[t.size()]);
            let first = crate::tensor::ops::shape::slice_axis(&flat, 0, 0, 1);
            return Ok(first.item_f64().unwrap_or(0.0));
        }
    }
    f64_arg(v, "a metric result")
}
