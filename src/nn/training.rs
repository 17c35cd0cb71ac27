//! Keras training for Sequential and subclassed models: `compile`, `fit` (mini-batches,
//! shuffling, validation split or data, progress lines, a `History`), `evaluate` and
//! `predict`. A training step records the forward pass on a gradient tape, takes the
//! gradients of the loss with respect to the trainable variables and hands them to the
//! optimizer; layers run in training mode (Dropout drops, BatchNormalization uses batch
//! statistics). Metrics are `keras.metrics` objects (`metrics/`), callbacks
//! `keras.callbacks` objects (`callbacks/`), their hooks called where Keras calls them.

use super::callbacks::{logs_dict, read_logs, stop_requested, Callbacks};
use super::metrics::{Built, Tracker};
use super::optimizers::{self, Optimizer};
use super::progress::Progbar;
use crate::api::convert::{tensor_of, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{Args, Dict, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::ops::select::gather;
use crate::tensor::ops::shape::{concat, expand_dims, slice_axis};
use crate::tensor::{DType, Tensor};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What `compile` set.
pub struct Compiled {
    pub optimizer: Value,
    /// The loss as given (`model.loss`).
    pub loss: Value,
    loss_fn: Value,
    sparse: bool,
    /// The metrics as given: names, functions or metric objects.
    metrics: Vec<Value>,
    /// The metric objects, once the first batch has resolved them (`model.metrics`).
    built: Built,
    /// `model.stop_training`.
    stop_training: Cell<bool>,
    /// `model.history`: the History of the last `fit`.
    history: RefCell<Value>,
}

/// The methods a compiled (or compilable) model has.
pub const METHODS: [&str; 4] = ["compile", "fit", "evaluate", "predict"];

impl Compiled {
    /// The metrics as `compile` was given them, for the saved compile config.
    pub(crate) fn metrics_given(&self) -> &[Value] {
        &self.metrics
    }
}

fn compiled(model: &Value) -> Option<Rc<Compiled>> {
    super::model_state(model).and_then(|c| c.borrow().clone())
}

fn not_compiled() -> crate::eval::error::Flow {
    crate::eval::error::err(
        ExcKind::RuntimeError,
        "You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.",
    )
}

/// The value a model method was called on and how it was called.
pub fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    match name {
        "compile" => compile(it, recv, args),
        "fit" => fit(it, recv, args),
        "evaluate" => evaluate(it, recv, args),
        _ => predict(it, recv, args),
    }
}

fn compile(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let [optimizer, loss, metrics, _lw, _wm, _eager, _steps, _jit] = a.bind(
        "compile",
        [
            "optimizer='rmsprop'",
            "loss=None",
            "metrics=None",
            "loss_weights=None",
            "weighted_metrics=None",
            "run_eagerly=None",
            "steps_per_execution=None",
            "jit_compile=None",
        ],
    )?;
    let optimizer = optimizers::get(it, &optimizer.unwrap_or_else(|| Value::str("rmsprop")))?;
    let loss = loss.unwrap_or(Value::None);
    let (loss_fn, sparse) = match &loss {
        Value::Str(s) => {
            let losses = it.import_module("keras.losses")?;
            let f = it.get_attr(&losses, s).map_err(|_| {
                value_err(format!("Unknown loss function: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.", s))
            })?;
            (f, s.contains("sparse"))
        }
        Value::None => (Value::None, false),
        other => (other.clone(), other.type_name().contains("Sparse")),
    };
    let mut names = Vec::new();
    if let Some(m) = metrics.filter(|m| !matches!(m, Value::None)) {
        // A dict gives the metrics of each output by name; a model here has one output.
        let m = match &m {
            Value::Dict(d) => Value::list(d.borrow().values.clone()),
            _ => m,
        };
        let items = match &m {
            Value::List(_) | Value::Tuple(_) => it.collect_items(&m)?,
            other => vec![other.clone()],
        };
        for v in items {
            match &v {
                Value::List(_) | Value::Tuple(_) => names.extend(it.collect_items(&v)?),
                _ => names.push(v),
            }
        }
    }
    let state =
        super::model_state(model).ok_or_else(|| value_err("compile needs a Keras model"))?;
    *state.borrow_mut() = Some(Rc::new(Compiled {
        optimizer,
        loss,
        loss_fn,
        sparse,
        metrics: names,
        built: RefCell::new(None),
        stop_training: Cell::new(false),
        history: RefCell::new(Value::None),
    }));
    Ok(Value::None)
}

/// Model inputs as float32 (Keras casts floating inputs to the layer dtype).
fn input_tensor(it: &mut Interp, v: &Value) -> R<Tensor> {
    let t = to_tensor(it, v, None)?;
    Ok(if t.dtype().is_float() || t.dtype().is_int() {
        t.cast(DType::F32)
    } else {
        t
    })
}

/// Keras's `match_dtype_and_rank`: labels of rank 1 against predictions `[n, 1]` get the
/// missing axis; float labels take the predictions' dtype (int labels too, unless sparse).
fn align(c: &Compiled, yt: &Tensor, yp: &Tensor) -> R<Tensor> {
    let mut yt = yt.clone();
    if yt.ndim() + 1 == yp.ndim() && yp.shape().last() == Some(&1) {
        yt = expand_dims(&yt, -1)?;
    }
    if yt.dtype() != yp.dtype() && (yt.dtype().is_float() || !c.sparse) {
        yt = yt.cast(yp.dtype());
    }
    Ok(yt)
}

fn call_model(it: &mut Interp, model: &Value, x: Tensor, training: bool) -> R<Tensor> {
    let mut args = Args::new(vec![Value::Tensor(x)]);
    args.kw.push(("training".into(), Value::Bool(training)));
    let y = it.call(model, args)?;
    tensor_of(&y).ok_or_else(|| value_err("the model did not return a tensor"))
}

fn loss_value(it: &mut Interp, c: &Compiled, yt: &Tensor, yp: &Tensor) -> R<Tensor> {
    if matches!(c.loss_fn, Value::None) {
        return raise(
            ExcKind::ValueError,
            "No loss to compute. Provide a `loss` argument in `compile()`.",
        );
    }
    let out = it.call(
        &c.loss_fn,
        Args::new(vec![Value::Tensor(yt.clone()), Value::Tensor(yp.clone())]),
    )?;
    let t = tensor_of(&out).ok_or_else(|| value_err("the loss did not return a tensor"))?;
    Ok(reduce(Reduce::Mean, &t, None, false)?)
}

/// The rows `[start, end)` of `t`, or the rows `idx` names when shuffled.
fn rows(t: &Tensor, idx: Option<&Tensor>, start: usize, end: usize) -> R<Tensor> {
    Ok(match idx {
        Some(i) => gather(t, &slice_axis(i, 0, start, end), 0)?,
        None => slice_axis(t, 0, start, end),
    })
}

/// The number of samples: the first dimension, the same in `x` and `y` (Keras's check).
fn samples(x: &Tensor, y: Option<&Tensor>) -> R<usize> {
    let Some(&n) = x.shape().first() else {
        return raise(
            ExcKind::ValueError,
            "Expected the input data to have a batch dimension; got a scalar.",
        );
    };
    if let Some(y) = y {
        if y.shape().first() != Some(&n) {
            return raise(
                ExcKind::ValueError,
                format!(
                    "Data cardinality is ambiguous:\n  x sizes: {}\n  y sizes: {}\nMake sure all arrays contain the same number of samples.",
                    n,
                    y.shape().first().copied().unwrap_or(0)
                ),
            );
        }
    }
    Ok(n)
}

fn verbosity(it: &mut Interp, v: Option<Value>) -> R<u8> {
    Ok(match v {
        None | Some(Value::Str(_)) => 1,
        Some(v) => crate::api::convert::i64_arg(&v, "verbose")
            .or_else(|_| it.truthy(&v).map(|b| b as i64))?
            .clamp(0, 2) as u8,
    })
}

fn int_or(v: Option<Value>, what: &str, default: usize) -> R<usize> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => Ok(crate::api::convert::i64_arg(&v, what)?.max(0) as usize),
    }
}

/// `batch_size` as given (negative included), 32 when None.
fn batch_or(v: Option<Value>) -> R<i64> {
    match v {
        None | Some(Value::None) => Ok(32),
        Some(v) => crate::api::convert::i64_arg(&v, "batch_size"),
    }
}

fn emit(it: &mut Interp, s: Option<String>) {
    if let Some(s) = s {
        it.write_out(&s);
        it.flush();
    }
}

/// Runs the model over `(x, y)` without training: the averaged loss and metrics, calling
/// the test hooks of `cbs` and drawing `bar` after them, as Keras's ProgbarLogger does.
#[allow(clippy::too_many_arguments)]
fn test_loop(
    it: &mut Interp,
    model: &Value,
    c: &Compiled,
    x: &Tensor,
    y: &Tensor,
    batch: usize,
    bar: Option<&mut Progbar>,
    cbs: Option<&Callbacks>,
) -> R<Vec<(String, f64)>> {
    let n = samples(x, Some(y))?;
    let steps = n.div_ceil(batch).max(1);
    let mut tracker = Tracker::start(it, &c.metrics, &c.built)?;
    let mut bar = bar;
    if let Some(cbs) = cbs {
        cbs.hook(it, "on_test_begin", vec![Value::None])?;
    }
    for s in 0..steps {
        it.check_interrupt()?;
        if let Some(cbs) = cbs {
            cbs.batch(it, "on_test_batch_begin", s, |_| Ok(Value::None))?;
        }
        let (a, b) = (s * batch, ((s + 1) * batch).min(n));
        let xb = rows(x, None, a, b)?;
        let yb = rows(y, None, a, b)?;
        let yp = call_model(it, model, xb, false)?;
        let yt = align(c, &yb, &yp)?;
        let l = loss_value(it, c, &yt, &yp)?;
        let l = super::layer_losses::with_model_losses(it, model, l)?;
        tracker.update(it, &yt, &yp, &l, b - a)?;
        if let Some(cbs) = cbs {
            cbs.batch(it, "on_test_batch_end", s, |it| {
                logs_dict(&tracker.logs(it)?)
            })?;
        }
        if let Some(bar) = bar.as_deref_mut() {
            if s + 1 < steps && bar.wants(false) {
                let text = bar.update(s + 1, &tracker.logs(it)?, false);
                emit(it, text);
            }
        }
    }
    let logs = tracker.logs(it)?;
    if let Some(cbs) = cbs {
        cbs.hook(it, "on_test_end", vec![logs_dict(&logs)?])?;
    }
    if let Some(bar) = bar {
        let text = bar.update(steps, &logs, true);
        emit(it, text);
    }
    Ok(logs)
}

fn fit(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let [x, y, batch_size, epochs, verbose, callbacks, vsplit, vdata, shuffle, _cw, _sw, initial_epoch, _spe, _vs, _vbs, _vf] =
        a.bind(
            "fit",
            [
                "x=None",
                "y=None",
                "batch_size=None",
                "epochs=1",
                "verbose='auto'",
                "callbacks=None",
                "validation_split=0.0",
                "validation_data=None",
                "shuffle=True",
                "class_weight=None",
                "sample_weight=None",
                "initial_epoch=0",
                "steps_per_epoch=None",
                "validation_steps=None",
                "validation_batch_size=None",
                "validation_freq=1",
            ],
        )?;
    let c = compiled(model).ok_or_else(not_compiled)?;
    let x = input_tensor(it, &x.unwrap_or(Value::None))?;
    let y = to_tensor(it, &y.unwrap_or(Value::None), None)?;
    let n_all = samples(&x, Some(&y))?;
    let batch = batch_arg(batch_or(batch_size)?, n_all)?;
    let epochs = int_or(epochs, "epochs", 1)?;
    let first_epoch = int_or(initial_epoch, "initial_epoch", 0)?;
    let verbose = verbosity(it, verbose)?;
    let shuffle = it.flag(shuffle, true)?;
    let split = crate::api::convert::f64_or(vsplit, "validation_split", 0.0)?;
    let (x, y, val) = if let Some(vd) = vdata.filter(|v| !matches!(v, Value::None)) {
        let parts: Vec<Value> = it.collect_items(&vd)?;
        if parts.len() < 2 {
            return raise(
                ExcKind::ValueError,
                "validation_data must be a tuple (x_val, y_val)",
            );
        }
        let vx = input_tensor(it, &parts[0])?;
        let vy = to_tensor(it, &parts[1], None)?;
        (x, y, Some((vx, vy)))
    } else if split < 0.0 {
        return raise(ExcKind::ValueError, "Unexpected result of `train_function` (Empty logs). This could be due to issues in input pipeline that resulted in an empty dataset. Otherwise, please use `Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` for more information of where went wrong, or file a issue/bug to `tf.keras`.");
    } else if split > 0.0 {
        let at = (n_all as f64 * (1.0 - split)).floor() as usize;
        if at == 0 || at >= n_all {
            return raise(ExcKind::ValueError, format!("Training data contains {} samples, which is not sufficient to split it into a validation and training set as specified by `validation_split={}`. Either provide more data, or a different value for the `validation_split` argument.", n_all, it.repr(&Value::Float(split))?));
        }
        let val = (slice_axis(&x, 0, at, n_all), slice_axis(&y, 0, at, n_all));
        (
            slice_axis(&x, 0, 0, at),
            slice_axis(&y, 0, 0, at),
            Some(val),
        )
    } else {
        (x, y, None)
    };
    let n = samples(&x, Some(&y))?;
    let steps = n.div_ceil(batch).max(1);
    let opt_value = c.optimizer.clone();
    let opt = opt_value
        .as_object::<Optimizer>()
        .ok_or_else(|| value_err("the optimizer is not a Keras optimizer"))?;
    let params = [
        ("verbose", Value::Int(verbose as i64)),
        ("epochs", Value::Int(epochs as i64)),
        ("steps", Value::Int(steps as i64)),
    ];
    let cbs = Callbacks::new(it, model, callbacks, &params)?;
    it.set_attr(model, "stop_training", Value::Bool(false))?;
    cbs.hook(it, "on_train_begin", vec![Value::None])?;
    let live = it.io.tty;
    let mut training_logs = None;
    for epoch in first_epoch..epochs {
        let mut tracker = Tracker::start(it, &c.metrics, &c.built)?;
        cbs.hook(it, "on_epoch_begin", vec![Value::Int(epoch as i64)])?;
        if verbose > 0 && epochs > 1 {
            it.write_out(&format!("Epoch {}/{}\n", epoch + 1, epochs));
            it.flush();
        }
        let order = shuffle.then(|| {
            let p = it.rng.permutation(n);
            Tensor::from_vec(&[n], p.into_iter().map(|i| i as i64).collect())
        });
        let mut bar = Progbar::new(steps, verbose, live);
        for s in 0..steps {
            it.check_interrupt()?;
            cbs.batch(it, "on_train_batch_begin", s, |_| Ok(Value::None))?;
            let (a, b) = (s * batch, ((s + 1) * batch).min(n));
            let xb = rows(&x, order.as_ref(), a, b)?;
            let yb = rows(&y, order.as_ref(), a, b)?;
            let t = Tape::new(false, true);
            tape::push(&t);
            let fwd = (|| -> R<(Tensor, Tensor, Tensor)> {
                let yp = call_model(it, model, xb, true)?;
                let yt = align(&c, &yb, &yp)?;
                let l = loss_value(it, &c, &yt, &yp)?;
                let l = super::layer_losses::with_model_losses(it, model, l)?;
                Ok((yp, yt, l))
            })();
            tape::pop(&t);
            let (yp, yt, l) = fwd?;
            // After the forward pass: a subclassed model makes its variables on first call.
            let vars: Vec<Rc<Variable>> = super::trainable_of(model);
            opt.step_on(it, &t, l.clone(), vars)?;
            tracker.update(it, &yt, &yp, &l, b - a)?;
            cbs.batch(it, "on_train_batch_end", s, |it| {
                logs_dict(&tracker.logs(it)?)
            })?;
            if s + 1 < steps && bar.wants(false) {
                let text = bar.update(s + 1, &tracker.logs(it)?, false);
                emit(it, text);
            }
            if cbs.wants_batches() && stop_requested(it, model)? {
                break;
            }
        }
        let mut logs = tracker.logs(it)?;
        if let Some((vx, vy)) = &val {
            let vlogs = test_loop(it, model, &c, vx, vy, batch, None, Some(&cbs))?;
            logs.extend(vlogs.into_iter().map(|(k, v)| (format!("val_{}", k), v)));
        }
        // One dict for every callback, as Keras shares it: what one adds (ReduceLROnPlateau's
        // `lr`) the History records and the progress bar shows.
        let shared = logs_dict(&logs)?;
        cbs.hook(
            it,
            "on_epoch_end",
            vec![Value::Int(epoch as i64), shared.clone()],
        )?;
        if bar.wants(true) {
            let shown = read_logs(it, &shared)?;
            let text = bar.update(steps, &shown, true);
            emit(it, text);
        }
        training_logs = Some(logs);
        if stop_requested(it, model)? {
            break;
        }
    }
    let end_logs = match &training_logs {
        Some(l) => logs_dict(l)?,
        None => Value::None,
    };
    cbs.hook(it, "on_train_end", vec![end_logs])?;
    cbs.history(it)
}

fn dict(items: impl Iterator<Item = (String, Value)>) -> R<Value> {
    let mut d = Dict::default();
    for (k, v) in items {
        d.insert(Value::str(&k), v)?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// The keywords `evaluate` names; Keras takes any other into `**kwargs` and refuses it.
const EVALUATE_KEYWORDS: [&str; 11] = [
    "x",
    "y",
    "batch_size",
    "verbose",
    "sample_weight",
    "steps",
    "callbacks",
    "max_queue_size",
    "workers",
    "use_multiprocessing",
    "return_dict",
];

fn evaluate(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let unknown: Vec<String> =
        a.kw.iter()
            .filter(|(k, _)| !EVALUATE_KEYWORDS.contains(&k.as_str()))
            .map(|(k, _)| format!("'{}'", k))
            .collect();
    if !unknown.is_empty() {
        return raise(
            ExcKind::TypeError,
            format!("Invalid keyword arguments: [{}]", unknown.join(", ")),
        );
    }
    let [x, y, batch_size, verbose, _sw, _steps, callbacks, _mq, _workers, _mp, return_dict] = a
        .bind(
            "evaluate",
            [
                "x=None",
                "y=None",
                "batch_size=None",
                "verbose='auto'",
                "sample_weight=None",
                "steps=None",
                "callbacks=None",
                "max_queue_size=10",
                "workers=1",
                "use_multiprocessing=False",
                "return_dict=False",
            ],
        )?;
    let c = compiled(model).ok_or_else(not_compiled)?;
    let x = input_tensor(it, &x.unwrap_or(Value::None))?;
    let y = to_tensor(it, &y.unwrap_or(Value::None), None)?;
    let n = samples(&x, Some(&y))?;
    let batch = batch_arg(batch_or(batch_size)?, n)?;
    let verbose = verbosity(it, verbose)?;
    let steps = n.div_ceil(batch).max(1);
    let mut bar = Progbar::new(steps, verbose, it.io.tty);
    let cbs = user_callbacks(it, model, callbacks, verbose, steps)?;
    let logs = test_loop(it, model, &c, &x, &y, batch, Some(&mut bar), cbs.as_ref())?;
    let as_dict = it.flag(return_dict, false)?;
    if as_dict {
        return dict(logs.into_iter().map(|(k, v)| (k, Value::Float(v))));
    }
    if logs.len() == 1 {
        return Ok(Value::Float(logs[0].1));
    }
    Ok(Value::list(
        logs.into_iter().map(|(_, v)| Value::Float(v)).collect(),
    ))
}

fn predict(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let [x, batch_size, verbose, _steps, callbacks, _mq, _workers, _mp] = a.bind(
        "predict",
        [
            "x",
            "batch_size=None",
            "verbose='auto'",
            "steps=None",
            "callbacks=None",
            "max_queue_size=10",
            "workers=1",
            "use_multiprocessing=False",
        ],
    )?;
    let x = input_tensor(it, &x.unwrap_or(Value::None))?;
    let n = samples(&x, None)?;
    let batch = batch_arg(batch_or(batch_size)?, n)?;
    let verbose = verbosity(it, verbose)?;
    let steps = n.div_ceil(batch).max(1);
    let mut bar = Progbar::new(steps, verbose, it.io.tty);
    let cbs = user_callbacks(it, model, callbacks, verbose, steps)?;
    if let Some(cbs) = &cbs {
        cbs.hook(it, "on_predict_begin", vec![Value::None])?;
    }
    let mut outs = Vec::with_capacity(steps);
    for s in 0..steps {
        it.check_interrupt()?;
        if let Some(cbs) = &cbs {
            cbs.batch(it, "on_predict_batch_begin", s, |_| Ok(Value::None))?;
        }
        let (a, b) = (s * batch, ((s + 1) * batch).min(n));
        let out = call_model(it, model, slice_axis(&x, 0, a, b), false)?;
        if let Some(cbs) = &cbs {
            let logs = || {
                dict(std::iter::once((
                    "outputs".to_string(),
                    Value::NdArray(out.clone()),
                )))
            };
            cbs.batch(it, "on_predict_batch_end", s, |_| logs())?;
        }
        outs.push(out);
        if s + 1 < steps {
            let text = bar.update(s + 1, &[], false);
            emit(it, text);
        }
    }
    if let Some(cbs) = &cbs {
        cbs.hook(it, "on_predict_end", vec![Value::None])?;
    }
    let text = bar.update(steps, &[], true);
    emit(it, text);
    Ok(Value::NdArray(concat(&outs, 0)?))
}

/// The callbacks an `evaluate` or `predict` call was given (none: no hooks to call).
fn user_callbacks(
    it: &mut Interp,
    model: &Value,
    callbacks: Option<Value>,
    verbose: u8,
    steps: usize,
) -> R<Option<Callbacks>> {
    let Some(callbacks) = callbacks.filter(|v| !matches!(v, Value::None)) else {
        return Ok(None);
    };
    let params = [
        ("verbose", Value::Int(verbose as i64)),
        ("epochs", Value::Int(1)),
        ("steps", Value::Int(steps as i64)),
    ];
    Callbacks::new(it, model, Some(callbacks), &params).map(Some)
}

/// A model's training attributes: the methods, `losses` and `add_loss`, and `optimizer` /
/// `loss` once compiled.
pub fn model_attr(it: &mut Interp, model: &Value, name: &str) -> R<Option<Value>> {
    if let Some(v) = super::saving::model_attr(model, name) {
        return Ok(Some(v));
    }
    if let Some(m) = METHODS.iter().find(|m| **m == name) {
        return Ok(Some(Value::method(model.clone(), m, method)));
    }
    match name {
        "losses" => {
            let losses = super::layer_losses::model_losses(it, model)?;
            return Ok(Some(Value::list(
                losses.into_iter().map(Value::Tensor).collect(),
            )));
        }
        "add_loss" => {
            return Ok(Some(Value::method(
                model.clone(),
                "add_loss",
                |it, recv, _, args| {
                    let [x] = args.bind("add_loss", ["losses"])?;
                    let owner = super::native_layer(recv).unwrap_or_else(|| recv.clone());
                    super::layer_losses::add_loss(it, &owner, &x.unwrap_or(Value::None))?;
                    Ok(Value::None)
                },
            )))
        }
        _ => {}
    }
    let Some(c) = compiled(model) else {
        return Ok(match name {
            "metrics" | "metrics_names" => Some(Value::list(vec![])),
            "stop_training" => Some(Value::Bool(false)),
            "history" => Some(Value::None),
            _ => None,
        });
    };
    Ok(match name {
        "optimizer" => Some(c.optimizer.clone()),
        "loss" => Some(c.loss.clone()),
        "metrics" => Some(super::metrics::listed(&c.built, false)),
        "metrics_names" => Some(super::metrics::listed(&c.built, true)),
        "stop_training" => Some(Value::Bool(c.stop_training.get())),
        "history" => Some(c.history.borrow().clone()),
        _ => None,
    })
}

/// Sets a model's training attributes (`stop_training`, `history`); false for other names.
pub(crate) fn set_model_attr(
    state: &super::ModelState,
    name: &str,
    value: Value,
    it: &mut Interp,
) -> R<bool> {
    let c = state.borrow().clone();
    match name {
        "stop_training" => {
            let flag = it.truthy(&value)?;
            if let Some(c) = c {
                c.stop_training.set(flag);
            }
            Ok(true)
        }
        "history" => {
            if let Some(c) = c {
                *c.history.borrow_mut() = value;
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The batch size fit, evaluate and predict use, refusing what Keras refuses: empty data
/// and a batch size below 1 (Keras fails shaping the batches: `n // batch_size` of them).
fn batch_arg(batch: i64, n: usize) -> R<usize> {
    if n == 0 {
        return raise(ExcKind::ValueError, "Expected input data to be non-empty.");
    }
    if batch < 1 {
        let count = if batch == 0 {
            0
        } else {
            (n as i64).div_euclid(batch)
        };
        return raise(
            ExcKind::ValueError,
            format!("Invalid value in tensor used for shape: {}", count),
        );
    }
    Ok(batch as usize)
}
