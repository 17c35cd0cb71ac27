//! `model.fit`: epochs of mini-batches (shuffled per pass over the data, `steps_per_epoch`
//! batches drawn from the data repeated, as Keras's array adapter does), sample and class
//! weights, validation on `validation_split` or `validation_data` every `validation_freq`
//! epochs, epoch numbering from `initial_epoch`, the callbacks' hooks and progress lines,
//! and the `History` it returns. A model with its own `train_step` runs that on each batch.

use super::batches::{labels, weights_arg, Data};
use super::callbacks::{logs_dict, read_logs, stop_requested, Callbacks};
use super::feed::{ArrayFeed, Feed, Source, Stream};
use super::metrics::Tracker;
use super::progress::Progbar;
use super::test_loop::test_loop;
use super::train_step;
use super::training::{
    batch_arg, batch_or, compiled, default_logs, default_step, emit, input_tensor, int_or,
    not_compiled, steps_arg, verbosity,
};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};

/// `validation_freq`: every n-th epoch, or the (1-based) epochs listed.
enum Freq {
    Every(i64),
    At(Vec<i64>),
}

impl Freq {
    fn parse(it: &mut Interp, v: Option<Value>) -> R<Freq> {
        match v {
            None | Some(Value::Int(1)) => Ok(Freq::Every(1)),
            Some(Value::Int(n)) => Ok(Freq::Every(n)),
            Some(v @ Value::List(_)) => {
                let mut out = Vec::new();
                for x in it.collect_items(&v)? {
                    out.push(crate::api::convert::i64_arg(&x, "validation_freq")?);
                }
                Ok(Freq::At(out))
            }
            Some(v) => {
                let shown = it.str_of(&v)?;
                let ty = format!("<class '{}'>", v.type_name());
                raise(
                    ExcKind::ValueError,
                    format!(
                        "Expected `validation_freq` to be a list or int. Received: validation_freq={} of the type {}.",
                        shown, ty
                    ),
                )
            }
        }
    }

    /// Keras's `_should_eval` for the 0-based `epoch`.
    fn due(&self, epoch: usize) -> R<bool> {
        let e = epoch as i64 + 1;
        match self {
            Freq::Every(0) => raise(ExcKind::ZeroDivisionError, "integer modulo by zero"),
            Freq::Every(n) => Ok(e.rem_euclid(*n) == 0),
            Freq::At(list) => Ok(list.contains(&e)),
        }
    }
}

pub(crate) fn fit(it: &mut Interp, model: &Value, a: Args) -> R<Value> {
    let [x, y, batch_size, epochs, verbose, callbacks, vsplit, vdata, shuffle, cw, sw, initial_epoch, spe, vsteps, vbs, vfreq] =
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
    let custom = train_step::overridden(model, "train_step");
    let x = x.unwrap_or(Value::None);
    let epochs = int_or(epochs, "epochs", 1)?;
    let first_epoch = int_or(initial_epoch, "initial_epoch", 0)?;
    let verbose = verbosity(it, verbose)?;
    let shuffle = it.flag(shuffle, true)?;
    let table = match cw {
        Some(v) if !matches!(v, Value::None) => super::sample_weight::class_table(it, &v)?,
        _ => None,
    };
    let freq = Freq::parse(it, vfreq)?;
    let split = crate::api::convert::f64_or(vsplit, "validation_split", 0.0)?;
    let user_steps = steps_arg(spe, "steps_per_epoch")?;
    let vdata = vdata.filter(|v| !matches!(v, Value::None));
    let val_steps = steps_arg(vsteps, "validation_steps")?;
    let (mut feed, val) = match Source::of(it, &x)? {
        Some(source) => {
            source.refuse_arrays(it, &y, &sw, Some((split, &x)))?;
            let val = match vdata {
                Some(vd) => Some(validation_of(it, vd, None)?),
                None => None,
            };
            let stream = Stream::open(
                it,
                source,
                user_steps,
                epochs.saturating_sub(first_epoch),
                shuffle,
            )?;
            (Feed::Stream(stream), val)
        }
        None => {
            let data = Data {
                x: input_tensor(it, &x)?,
                y: labels(it, y, custom)?,
                sw: weights_arg(it, sw)?,
            };
            let n_all = data.samples()?;
            let batch = batch_arg(batch_or(batch_size)?, n_all)?;
            let val_batch = match vbs {
                Some(v) if !matches!(v, Value::None) => batch_arg(batch_or(Some(v))?, n_all)?,
                _ => batch,
            };
            let (data, val) = if let Some(vd) = vdata {
                (data, Some(validation_of(it, vd, Some(val_batch))?))
            } else if split < 0.0 {
                return raise(ExcKind::ValueError, "Unexpected result of `train_function` (Empty logs). This could be due to issues in input pipeline that resulted in an empty dataset. Otherwise, please use `Model.compile(..., run_eagerly=True)`, or `tf.config.run_functions_eagerly(True)` for more information of where went wrong, or file a issue/bug to `tf.keras`.");
            } else if split > 0.0 {
                let at = (n_all as f64 * (1.0 - split)).floor() as usize;
                if at == 0 || at >= n_all {
                    return raise(ExcKind::ValueError, format!("Training data contains {} samples, which is not sufficient to split it into a validation and training set as specified by `validation_split={}`. Either provide more data, or a different value for the `validation_split` argument.", n_all, it.repr(&Value::Float(split))?));
                }
                let (train, val) = data.split(at, n_all);
                (train, Some(Validation::Arrays(val, val_batch)))
            } else {
                (data, None)
            };
            // Keras shuffles each pass with `tf.random.shuffle` inside a traced function.
            let shuffler = shuffle.then(|| it.rng.graph_stream());
            (Feed::Arrays(ArrayFeed::new(data, batch, shuffler)?), val)
        }
    };
    let params = [
        ("verbose", Value::Int(verbose as i64)),
        ("epochs", Value::Int(epochs as i64)),
        (
            "steps",
            feed.steps(user_steps)
                .map_or(Value::None, |n| Value::Int(n as i64)),
        ),
    ];
    let cbs = Callbacks::new(it, model, callbacks, &params)?;
    it.set_attr(model, "stop_training", Value::Bool(false))?;
    cbs.hook(it, "on_train_begin", vec![Value::None])?;
    let live = it.io.tty;
    let mut training_logs = None;
    for epoch in first_epoch..epochs {
        if feed.ran_out() {
            break;
        }
        feed.start_epoch(it)?;
        train_step::reset_metrics(it, model)?;
        let mut tracker = Tracker::start(it, &c.metrics, &c.built)?;
        cbs.hook(it, "on_epoch_begin", vec![Value::Int(epoch as i64)])?;
        if verbose > 0 && epochs > 1 {
            emit(it, Some(format!("Epoch {}/{}\n", epoch + 1, epochs)))?;
        }
        let steps = feed.steps(user_steps);
        let open = feed.batch_open();
        let mut bar = Progbar::open(steps, verbose, live);
        bar.add_stateful(train_step::metric_names(it, model)?);
        let mut last: Vec<(String, f64)> = Vec::new();
        let mut s = 0;
        while steps.is_none_or(|n| s < n) {
            it.check_interrupt()?;
            cbs.batch(it, "on_train_batch_begin", s, |_| Ok(Value::None))?;
            let Some(d) = feed.next(it, s, table.as_ref())? else {
                break;
            };
            c.train_step(it, |it| {
                if custom {
                    last = train_step::run_step(it, model, "train_step", d.packed(), open)?;
                } else {
                    default_step(it, model, &c, &mut tracker, d, true, open)?;
                }
                Ok(())
            })?;
            cbs.batch(it, "on_train_batch_end", s, |it| {
                logs_dict(&match custom {
                    true => last.clone(),
                    false => default_logs(it, model, &tracker)?,
                })
            })?;
            s += 1;
            let more = steps.is_none_or(|n| s < n);
            if (more && bar.wants(false)) || (custom && verbose == 1) {
                bar.add_stateful(train_step::metric_names(it, model)?);
                let shown = match custom {
                    true => last.clone(),
                    false => default_logs(it, model, &tracker)?,
                };
                let text = bar.update(s, &shown, false);
                emit(it, text)?;
            }
            if cbs.wants_batches() && stop_requested(it, model)? {
                break;
            }
        }
        let mut logs = match custom {
            true => last,
            false => default_logs(it, model, &tracker)?,
        };
        if let Some(val) = &val {
            if freq.due(epoch)? {
                let mut vfeed = val.feed(it, val_steps)?;
                let vsteps = vfeed.steps(None);
                let vlogs = test_loop(it, model, &c, &mut vfeed, vsteps, None, Some(&cbs))?;
                logs.extend(vlogs.into_iter().map(|(k, v)| (format!("val_{}", k), v)));
            }
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
            let done = feed.steps(user_steps).unwrap_or(s);
            let text = bar.update(done, &shown, true);
            emit(it, text)?;
        }
        training_logs = Some(logs);
        if stop_requested(it, model)? {
            break;
        }
        feed.end_epoch(it)?;
    }
    let end_logs = match &training_logs {
        Some(l) => logs_dict(l)?,
        None => Value::None,
    };
    cbs.hook(it, "on_train_end", vec![end_logs])?;
    cbs.history(it)
}

/// What `fit` validates on: arrays in batches, or a stream.
enum Validation {
    Arrays(Data, usize),
    Stream(Source),
}

/// `validation_data`: a stream, or a tuple `(x_val, y_val[, sample_weight])`.
fn validation_of(it: &mut Interp, vd: Value, batch: Option<usize>) -> R<Validation> {
    if let Some(source) = Source::of(it, &vd)? {
        return Ok(Validation::Stream(source));
    }
    let parts: Vec<Value> = it.collect_items(&vd)?;
    if parts.len() < 2 {
        return raise(
            ExcKind::ValueError,
            "validation_data must be a tuple (x_val, y_val)",
        );
    }
    let data = Data {
        x: input_tensor(it, &parts[0])?,
        y: labels(it, Some(parts[1].clone()), false)?,
        sw: weights_arg(it, parts.get(2).cloned())?,
    };
    let batch = match batch {
        Some(b) => b,
        None => batch_arg(32, data.samples()?)?,
    };
    Ok(Validation::Arrays(data, batch))
}

impl Validation {
    /// A feed over the validation data for one evaluation.
    fn feed(&self, it: &mut Interp, steps: Option<usize>) -> R<Feed> {
        Ok(match self {
            Validation::Arrays(data, batch) => {
                Feed::Arrays(ArrayFeed::new(data.clone(), *batch, None)?)
            }
            Validation::Stream(source) => {
                Feed::Stream(Stream::open(it, source.clone(), steps, 1, false)?)
            }
        })
    }
}
