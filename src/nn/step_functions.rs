//! Keras runs the steps of `fit`, `evaluate` and `predict` as `tf.function`s
//! (`model.train_function`, `test_function`, `predict_function`). So the Python a
//! subclassed model holds (its `call`, its own `train_step`, `test_step` or
//! `predict_step`) runs when a step is traced: once per input signature, twice on the
//! first call that makes variables, not on every batch. A trace sees symbolic tensors
//! whose batch dimension is None when the batches differ in size, as the dataset Keras
//! builds describes them. `compile(run_eagerly=True)` and
//! `tf.config.run_functions_eagerly(True)` run the Python on every batch.
//!
//! Models made of Keras's own layers (Sequential, functional) run natively: there is no
//! Python of theirs to trace.

use crate::api::tf_function::Function;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use std::rc::Rc;

/// The attribute Keras keeps the step function of a step kind in.
fn attr_of(kind: &str) -> &'static str {
    match kind {
        "train" | "train_step" => "train_function",
        "test" | "test_step" => "test_function",
        _ => "predict_function",
    }
}

/// The step function of `kind`, made from `python` on first use; None when the model
/// runs its steps eagerly (it has no Python, or `compile(run_eagerly=True)`).
fn function(
    it: &mut Interp,
    model: &Value,
    kind: &str,
    python: impl FnOnce(&mut Interp) -> R<Value>,
) -> R<Option<Value>> {
    let Value::Instance(inst) = model else {
        return Ok(None);
    };
    if super::training::compiled(model).is_some_and(|c| c.run_eagerly) {
        return Ok(None);
    }
    let attr = attr_of(kind);
    let known = inst.dict.borrow().get(attr).cloned();
    if let Some(f) = known.filter(|f| f.as_object::<Function>().is_some()) {
        return Ok(Some(f));
    }
    let f = Value::Object(Rc::new(Function::new(python(it)?)));
    inst.dict.borrow_mut().insert(attr.into(), f.clone());
    Ok(Some(f))
}

/// Forgets a model's step functions (`compile` makes new ones, as Keras resets them).
pub(crate) fn reset(model: &Value) {
    if let Value::Instance(inst) = model {
        let mut d = inst.dict.borrow_mut();
        for kind in ["train", "test", "predict"] {
            if d.contains_key(attr_of(kind)) {
                d.insert(attr_of(kind).into(), Value::None);
            }
        }
    }
}

/// `model(x, training=...)` inside a default step of `kind` (`train`, `test`,
/// `predict`): through the model's step function when it has one.
pub(crate) fn forward(
    it: &mut Interp,
    model: &Value,
    kind: &str,
    x: Value,
    training: bool,
    open: bool,
) -> R<Value> {
    let mut args = Args::new(vec![x]);
    args.kw.push(("training".into(), Value::Bool(training)));
    let python_call = match model {
        Value::Instance(inst) => matches!(
            inst.class.lookup_owner("call"),
            Some((Value::Function(_), _))
        ),
        _ => false,
    };
    if !python_call {
        return it.call(model, args);
    }
    match function(it, model, kind, |_| Ok(model.clone()))? {
        Some(f) => {
            let makes = builds_variables(model, kind);
            call(it, &f, args, open, makes)
        }
        None => it.call(model, args),
    }
}

/// A model's own step (`train_step`, `test_step`, `predict_step`) on one batch.
pub(crate) fn own_step(
    it: &mut Interp,
    model: &Value,
    step: &str,
    data: Value,
    open: bool,
) -> R<Value> {
    let method = it.get_attr(model, step)?;
    let args = Args::new(vec![data]);
    match function(it, model, step, |_| Ok(method.clone()))? {
        Some(f) => call(it, &f, args, open, false),
        None => it.call(&method, args),
    }
}

/// The model a step function belongs to (the receiver of a bound step method).
fn model_of(f: &Value) -> Value {
    let Some(func) = f.as_object::<Function>() else {
        return f.clone();
    };
    match &func.python {
        Value::Bound(b) => b.receiver.clone(),
        other => other.clone(),
    }
}

/// Whether Keras's default step of `kind` makes variables on this call besides the
/// model's: a train step builds a new optimizer, and a step that first updates the
/// compiled metrics makes theirs.
fn builds_variables(model: &Value, kind: &str) -> bool {
    let Some(c) = super::training::compiled(model) else {
        return false;
    };
    let metrics_unbuilt = !c.metrics.is_empty() && c.built.borrow().is_none();
    match kind {
        "train" => {
            let opt_unbuilt = c
                .optimizer
                .as_object::<super::optimizers::Optimizer>()
                .is_some_and(|o| !o.state.borrow().built);
            opt_unbuilt || metrics_unbuilt
        }
        "test" => metrics_unbuilt,
        _ => false,
    }
}

fn call(it: &mut Interp, f: &Value, args: Args, open: bool, makes: bool) -> R<Value> {
    // A run replays the model's `add_loss` and `add_metric` calls: they belong to a call
    // of the model, as they did while it was traced.
    let _call = super::layer_losses::CallGuard::enter(&model_of(f));
    match f.as_object::<Function>() {
        Some(func) => func.call_steps(it, args, open, makes),
        None => it.call(f, args),
    }
}
