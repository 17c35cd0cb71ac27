//! Keras training for Sequential, functional and subclassed models: `compile`, `evaluate`
//! and `predict`, Keras's default train and test step (the forward pass recorded on a
//! gradient tape, the gradients of the weighted loss plus the model's losses handed to the
//! optimizer; layers in training mode), the arrays of a run split into batches, and the
//! training attributes of a model. `fit` is in `fit.rs`, the batch methods in
//! `train_batch.rs`, the overridable steps in `train_step.rs`. Metrics are
//! `keras.metrics` objects (`metrics/`), callbacks `keras.callbacks` objects
//! (`callbacks/`), their hooks called where Keras calls them.

use super::batches::{labels, weights_arg, Data};
use super::callbacks::Callbacks;
use super::feed::{one_pass, Source};
use super::metrics::{Built, Tracker};
use super::optimizers::{self, Optimizer};
use super::progress::Progbar;
use super::test_loop::test_loop;
use crate::api::convert::{tensor_of, to_tensor};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{Args, Dict, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::ops::shape::{concat, expand_dims};
use crate::tensor::random::GraphSeeds;
use crate::tensor::{DType, Tensor};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What `compile` set.
pub struct Compiled {
    pub optimizer: Value,
    /// The loss as given (`model.loss`).
    pub loss: Value,
    pub(crate) loss_fn: Value,
    sparse: bool,
    /// The metrics as given: names, functions or metric objects.
    pub(crate) metrics: Vec<Value>,
    /// The metric objects, once the first batch has resolved them (`model.metrics`).
    pub(crate) built: Built,
    /// Whether the loss tracker and the compiled metrics have been used (Keras lists them
    /// in `model.metrics` from then on).
    pub(crate) loss_used: Cell<bool>,
    pub(crate) metrics_used: Cell<bool>,
    /// `compile(run_eagerly=...)`.
    pub(crate) run_eagerly: bool,
    /// `model.stop_training`.
    stop_training: Cell<bool>,
    /// `model.history`: the History of the last `fit`.
    pub(crate) history: RefCell<Value>,
    /// The random state of the train function `fit` and `train_on_batch` run (traced at
    /// the first step; a new `compile` makes a new one).
    train_graph: RefCell<Option<GraphSeeds>>,
}

/// The methods a compiled (or compilable) model has.
pub const METHODS: [&str; 7] = [
    "compile",
    "fit",
    "evaluate",
    "predict",
    "train_on_batch",
    "test_on_batch",
    "predict_on_batch",
];

/// Every name `model_attr` answers, for `dir()` and completion (`model.<Tab>`).
pub fn model_attr_names() -> impl Iterator<Item = &'static str> {
    METHODS
        .iter()
        .chain(super::saving::METHODS.iter())
        .chain(super::train_step::STEP_METHODS.iter())
        .chain(
            [
                "losses",
                "add_loss",
                "metrics",
                "metrics_names",
                "compiled_loss",
                "compiled_metrics",
                "run_eagerly",
                "stop_training",
                "history",
                "optimizer",
                "loss",
            ]
            .iter(),
        )
        .copied()
}

impl Compiled {
    /// Runs one training step as TensorFlow runs its traced train function: random ops
    /// inside take the function's operation seeds and streams. `run_eagerly` steps draw as
    /// eager code does.
    pub(crate) fn train_step<T>(
        &self,
        it: &mut Interp,
        step: impl FnOnce(&mut Interp) -> R<T>,
    ) -> R<T> {
        if self.run_eagerly {
            return step(it);
        }
        let g = self.train_graph.borrow_mut().take();
        let g = g.unwrap_or_else(|| it.rng.trace());
        it.rng.enter_graph(g);
        let out = step(it);
        *self.train_graph.borrow_mut() = it.rng.leave_graph();
        out
    }

    /// The metrics as `compile` was given them, for the saved compile config.
    pub(crate) fn metrics_given(&self) -> &[Value] {
        &self.metrics
    }
}

pub(crate) fn compiled(model: &Value) -> Option<Rc<Compiled>> {
    super::model_state(model).and_then(|c| c.borrow().clone())
}

pub(crate) fn not_compiled() -> crate::eval::error::Flow {
    crate::eval::error::err(
        ExcKind::RuntimeError,
        "You must compile your model before training/testing. Use `model.compile(optimizer, loss)`.",
    )
}

/// The value a model method was called on and how it was called.
pub fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    match name {
        "compile" => compile(it, recv, args),
        "fit" => super::fit::fit(it, recv, args),
        "evaluate" => evaluate(it, recv, args),
        "train_on_batch" | "test_on_batch" | "predict_on_batch" => {
            super::train_batch::method(it, recv, name, args)
        }
        _ => predict(it, recv, args),
    }
}

fn compile(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    super::step_functions::reset(model);
    let [optimizer, loss, metrics, _lw, _wm, eager, _steps, _jit] = a.bind(
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
    let run_eagerly = it.flag(eager.filter(|v| !matches!(v, Value::None)), false)?;
    let state =
        super::model_state(model).ok_or_else(|| value_err("compile needs a Keras model"))?;
    *state.borrow_mut() = Some(Rc::new(Compiled {
        optimizer,
        loss,
        loss_fn,
        sparse,
        metrics: names,
        built: RefCell::new(None),
        loss_used: Cell::new(false),
        metrics_used: Cell::new(false),
        run_eagerly,
        stop_training: Cell::new(false),
        history: RefCell::new(Value::None),
        train_graph: RefCell::new(None),
    }));
    Ok(Value::None)
}

/// Model inputs as float32 (Keras casts floating inputs to the layer dtype).
pub(crate) fn input_tensor(it: &mut Interp, v: &Value) -> R<Tensor> {
    let t = to_tensor(it, v, None)?;
    Ok(if t.dtype().is_float() || t.dtype().is_int() {
        t.cast(DType::F32)
    } else {
        t
    })
}

/// Keras's `match_dtype_and_rank`: labels of rank 1 against predictions `[n, 1]` get the
/// missing axis; float labels take the predictions' dtype (int labels too, unless sparse).
pub(crate) fn align(c: &Compiled, yt: &Tensor, yp: &Tensor) -> R<Tensor> {
    let mut yt = yt.clone();
    if yt.ndim() + 1 == yp.ndim() && yp.shape().last() == Some(&1) {
        yt = expand_dims(&yt, -1)?;
    }
    if yt.dtype() != yp.dtype() && (yt.dtype().is_float() || !c.sparse) {
        yt = yt.cast(yp.dtype());
    }
    Ok(yt)
}

fn loss_value(
    it: &mut Interp,
    c: &Compiled,
    yt: &Tensor,
    yp: &Tensor,
    sw: Option<&Tensor>,
) -> R<Tensor> {
    if matches!(c.loss_fn, Value::None) {
        return raise(
            ExcKind::ValueError,
            "No loss to compute. Provide a `loss` argument in `compile()`.",
        );
    }
    let mut args = Args::new(vec![Value::Tensor(yt.clone()), Value::Tensor(yp.clone())]);
    // A `keras.losses.Loss` object weighs samples itself; a function's values are weighed
    // here, as Keras's wrapper does.
    let is_object = sw.is_some() && it.get_attr(&c.loss_fn, "reduction").is_ok();
    if let (true, Some(sw)) = (is_object, sw) {
        args.kw
            .push(("sample_weight".into(), Value::Tensor(sw.clone())));
    }
    let out = it.call(&c.loss_fn, args)?;
    let t = tensor_of(&out).ok_or_else(|| value_err("the loss did not return a tensor"))?;
    match sw {
        Some(sw) if !is_object => super::sample_weight::weighted_mean(&t, sw),
        _ => Ok(reduce(Reduce::Mean, &t, None, false)?),
    }
}

/// Sample weights as Keras's `match_dtype_and_rank` gives them to the loss: the
/// predictions' dtype, a trailing axis against predictions of rank 2.
fn align_weights(sw: &Tensor, yp: &Tensor) -> R<Tensor> {
    let mut sw = sw.cast(yp.dtype());
    if sw.ndim() == 1 && yp.ndim() == 2 {
        sw = expand_dims(&sw, -1)?;
    }
    Ok(sw)
}

/// `a + b` in `a`'s dtype.
fn add(a: &Tensor, b: &Tensor) -> R<Tensor> {
    let b = if b.dtype() == a.dtype() {
        b.clone()
    } else {
        b.cast(a.dtype())
    };
    Ok(crate::tensor::ops::elementwise::binary(
        crate::tensor::ops::elementwise::Binary::Add,
        a,
        &b,
    )?)
}

/// One batch's loss as Keras's compiled loss computes it: the compiled loss of the labels
/// (brought to the predictions' rank and dtype), weighted by `sw`, plus `extra` (the
/// regularization losses).
pub(crate) fn batch_loss(
    it: &mut Interp,
    c: &Compiled,
    yt: &Tensor,
    yp: &Tensor,
    sw: Option<&Tensor>,
    extra: Vec<Tensor>,
) -> R<Tensor> {
    let yt = align(c, yt, yp)?;
    let sw = sw.map(|s| align_weights(s, yp)).transpose()?;
    let mut loss = if matches!(c.loss_fn, Value::None) {
        None
    } else {
        Some(loss_value(it, c, &yt, yp, sw.as_ref())?)
    };
    if let Some((first, rest)) = extra.split_first() {
        let mut reg = first.clone();
        for e in rest {
            reg = add(&reg, e)?;
        }
        loss = Some(match loss {
            None => reg,
            Some(l) => add(&l, &reg)?,
        });
    }
    match loss {
        Some(l) => Ok(l),
        None => loss_value(it, c, &yt, yp, None),
    }
}

pub(crate) fn verbosity(it: &mut Interp, v: Option<Value>) -> R<u8> {
    Ok(match v {
        None | Some(Value::Str(_)) => 1,
        Some(v) => crate::api::convert::i64_arg(&v, "verbose")
            .or_else(|_| it.truthy(&v).map(|b| b as i64))?
            .clamp(0, 2) as u8,
    })
}

pub(crate) fn int_or(v: Option<Value>, what: &str, default: usize) -> R<usize> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => Ok(crate::api::convert::i64_arg(&v, what)?.max(0) as usize),
    }
}

/// `batch_size` as given (negative included), 32 when None.
pub(crate) fn batch_or(v: Option<Value>) -> R<i64> {
    match v {
        None | Some(Value::None) => Ok(32),
        Some(v) => crate::api::convert::i64_arg(&v, "batch_size"),
    }
}

/// Writes progress text where `print` writes: standard output, or what replaced
/// `sys.stdout` (`contextlib.redirect_stdout`).
pub(crate) fn emit(it: &mut Interp, s: Option<String>) -> R<()> {
    let Some(s) = s else {
        return Ok(());
    };
    if let Some(stream) = it.replaced_stdout() {
        let write = it.get_attr(&stream, "write")?;
        it.call(&write, Args::new(vec![Value::str(&s)]))?;
        return Ok(());
    }
    it.write_out(&s);
    it.flush();
    Ok(())
}

/// One batch of Keras's default train or test step: the forward pass (on a tape when
/// training, then the optimizer's step), the weighted loss plus the model's losses, the
/// loss tracker and compiled metrics updated.
pub(crate) fn default_step(
    it: &mut Interp,
    model: &Value,
    c: &Compiled,
    tracker: &mut Tracker,
    d: Data,
    train: bool,
    open: bool,
) -> R<()> {
    let n = d.x.shape().first().copied().unwrap_or(0);
    let yb = d.y.ok_or_else(|| value_err("labels are required"))?;
    let t = Tape::new(false, true);
    if train {
        tape::push(&t);
    }
    let fwd = (|| -> R<(Tensor, Tensor)> {
        let kind = if train { "train" } else { "test" };
        let yp = super::step_functions::forward(it, model, kind, Value::Tensor(d.x), train, open)?;
        let yp = tensor_of(&yp).ok_or_else(|| value_err("the model did not return a tensor"))?;
        let extra = super::layer_losses::model_losses(it, model)?;
        let l = batch_loss(it, c, &yb, &yp, d.sw.as_ref(), extra)?;
        Ok((yp, l))
    })();
    if train {
        tape::pop(&t);
    }
    let (yp, l) = fwd?;
    if train {
        let opt = c
            .optimizer
            .as_object::<Optimizer>()
            .ok_or_else(|| value_err("the optimizer is not a Keras optimizer"))?;
        // After the forward pass: a subclassed model makes its variables on first call.
        let vars: Vec<Rc<Variable>> = super::trainable_of(model);
        opt.step_on(it, &t, l.clone(), vars)?;
    }
    let yt = align(c, &yb, &yp)?;
    tracker.update(it, &yt, &yp, &l, n)?;
    c.loss_used.set(true);
    c.metrics_used.set(true);
    Ok(())
}

/// The logs of the default steps: the loss tracker and compiled metrics, then the metrics
/// of `add_metric`.
pub(crate) fn default_logs(
    it: &mut Interp,
    model: &Value,
    tracker: &Tracker,
) -> R<Vec<(String, f64)>> {
    let mut logs = tracker.logs(it)?;
    for m in super::added_metrics::of_model(it, model)? {
        let name = it.get_attr(&m, "name")?;
        let name = it.str_of(&name)?;
        let f = it.get_attr(&m, "result")?;
        let r = it.call(&f, Args::default())?;
        logs.push((name, super::metrics::first_f64(&r)?));
    }
    Ok(logs)
}

pub(crate) fn dict(items: impl Iterator<Item = (String, Value)>) -> R<Value> {
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
    let [x, y, batch_size, verbose, sw, steps, callbacks, _mq, _workers, _mp, return_dict] = a
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
    let custom = super::train_step::overridden(model, "test_step");
    let x = x.unwrap_or(Value::None);
    let verbose = verbosity(it, verbose)?;
    let source = Source::of(it, &x)?;
    if let Some(source) = &source {
        source.refuse_arrays(it, &y, &sw, None)?;
    }
    let arrays = |it: &mut Interp| {
        Ok(Data {
            x: input_tensor(it, &x)?,
            y: labels(it, y, custom)?,
            sw: weights_arg(it, sw)?,
        })
    };
    let mut feed = one_pass(it, source, arrays, batch_size, steps_arg(steps, "steps")?)?;
    let steps = feed.steps(None);
    let mut bar = Progbar::open(steps, verbose, it.io.tty);
    let cbs = user_callbacks(it, model, callbacks, verbose, steps)?;
    let logs = test_loop(
        it,
        model,
        &c,
        &mut feed,
        steps,
        Some(&mut bar),
        cbs.as_ref(),
    )?;
    let as_dict = it.flag(return_dict, false)?;
    results(it, model, logs, as_dict)
}

/// Logs as `evaluate` and the batch methods return them: a dict, or the values in the
/// order of `metrics_names` (others after, by name), one value alone.
pub(crate) fn results(
    it: &mut Interp,
    model: &Value,
    logs: Vec<(String, f64)>,
    as_dict: bool,
) -> R<Value> {
    if as_dict {
        return dict(logs.into_iter().map(|(k, v)| (k, Value::Float(v))));
    }
    let names = super::train_step::metric_names(it, model)?;
    let mut out: Vec<f64> = names
        .iter()
        .filter_map(|n| logs.iter().find(|(k, _)| k == n).map(|(_, v)| *v))
        .collect();
    let mut rest: Vec<&(String, f64)> = logs.iter().filter(|(k, _)| !names.contains(k)).collect();
    rest.sort_by(|a, b| a.0.cmp(&b.0));
    out.extend(rest.into_iter().map(|(_, v)| *v));
    if out.len() == 1 {
        return Ok(Value::Float(out[0]));
    }
    Ok(Value::list(out.into_iter().map(Value::Float).collect()))
}

fn predict(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let [x, batch_size, verbose, steps, callbacks, _mq, _workers, _mp] = a.bind(
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
    let x = x.unwrap_or(Value::None);
    let verbose = verbosity(it, verbose)?;
    let source = Source::of(it, &x)?;
    let arrays = |it: &mut Interp| {
        Ok(Data {
            x: input_tensor(it, &x)?,
            y: None,
            sw: None,
        })
    };
    let mut feed = one_pass(it, source, arrays, batch_size, steps_arg(steps, "steps")?)?;
    let steps = feed.steps(None);
    let mut bar = Progbar::open(steps, verbose, it.io.tty);
    let cbs = user_callbacks(it, model, callbacks, verbose, steps)?;
    if let Some(cbs) = &cbs {
        cbs.hook(it, "on_predict_begin", vec![Value::None])?;
    }
    feed.start_epoch(it)?;
    let open = feed.batch_open();
    let mut outs = Vec::new();
    let mut s = 0;
    while steps.is_none_or(|n| s < n) {
        it.check_interrupt()?;
        if let Some(cbs) = &cbs {
            cbs.batch(it, "on_predict_batch_begin", s, |_| Ok(Value::None))?;
        }
        let Some(d) = feed.next(it, s, None)? else {
            break;
        };
        let out = predict_batch(it, model, d.x, open)?;
        if let Some(cbs) = &cbs {
            let logs = || {
                dict(std::iter::once((
                    "outputs".to_string(),
                    Value::ndarray(out.clone()),
                )))
            };
            cbs.batch(it, "on_predict_batch_end", s, |_| logs())?;
        }
        outs.push(out);
        s += 1;
        if steps.is_none_or(|n| s < n) {
            let text = bar.update(s, &[], false);
            emit(it, text)?;
        }
    }
    feed.end_epoch(it)?;
    if let Some(cbs) = &cbs {
        cbs.hook(it, "on_predict_end", vec![Value::None])?;
    }
    let text = bar.update(steps.unwrap_or(s), &[], true);
    emit(it, text)?;
    if outs.is_empty() {
        return raise(
            ExcKind::ValueError,
            "Unexpected result of `predict_function` (Empty batch_outputs). Please use `Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` for more information of where went wrong, or file a issue/bug to `tf.keras`.",
        );
    }
    Ok(Value::ndarray(concat(&outs, 0)?))
}

/// `steps`, `steps_per_epoch`, `validation_steps`: a positive count, or None.
pub(crate) fn steps_arg(v: Option<Value>, name: &str) -> R<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(int_or(Some(v), name, 1)?.max(1))),
    }
}

/// The predictions for one batch: the model's `predict_step` when it has its own, else the
/// model called in inference mode.
pub(crate) fn predict_batch(it: &mut Interp, model: &Value, x: Tensor, open: bool) -> R<Tensor> {
    let x = Value::Tensor(x);
    let out = if super::train_step::overridden(model, "predict_step") {
        super::step_functions::own_step(it, model, "predict_step", x, open)?
    } else {
        super::step_functions::forward(it, model, "predict", x, false, open)?
    };
    to_tensor(it, &out, None)
}

/// The callbacks an `evaluate` or `predict` call was given (none: no hooks to call).
pub(crate) fn user_callbacks(
    it: &mut Interp,
    model: &Value,
    callbacks: Option<Value>,
    verbose: u8,
    steps: Option<usize>,
) -> R<Option<Callbacks>> {
    let Some(callbacks) = callbacks.filter(|v| !matches!(v, Value::None)) else {
        return Ok(None);
    };
    let params = [
        ("verbose", Value::Int(verbose as i64)),
        ("epochs", Value::Int(1)),
        ("steps", steps.map_or(Value::None, |n| Value::Int(n as i64))),
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
    if let Some(v) = super::train_step::model_attr(it, model, name)? {
        return Ok(Some(v));
    }
    if name == "metrics_names" {
        let names = super::train_step::metric_names(it, model)?;
        return Ok(Some(Value::list(
            names.iter().map(|n| Value::str(n)).collect(),
        )));
    }
    let Some(c) = compiled(model) else {
        return Ok(match name {
            "stop_training" => Some(Value::Bool(false)),
            "history" | "optimizer" => Some(Value::None),
            _ => None,
        });
    };
    Ok(match name {
        "optimizer" => Some(c.optimizer.clone()),
        "loss" => Some(c.loss.clone()),
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
pub(crate) fn batch_arg(batch: i64, n: usize) -> R<usize> {
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
