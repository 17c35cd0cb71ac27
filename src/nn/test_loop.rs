//! The evaluation loop of `evaluate` and of `fit`'s validation: the model run over a
//! feed's batches without training, the loss and metrics averaged, the test hooks of the
//! callbacks called and the progress bar drawn after them, as Keras's ProgbarLogger does.
//! A model with its own `test_step` runs that on each batch. A stream of unknown length
//! runs until it ends.

use super::callbacks::{logs_dict, Callbacks};
use super::feed::Feed;
use super::metrics::Tracker;
use super::progress::Progbar;
use super::training::{default_logs, default_step, emit, Compiled};
use crate::eval::error::R;
use crate::eval::{Interp, Value};

/// Runs the model over `steps` batches of `feed` (all of them when None).
pub(crate) fn test_loop(
    it: &mut Interp,
    model: &Value,
    c: &Compiled,
    feed: &mut Feed,
    steps: Option<usize>,
    bar: Option<&mut Progbar>,
    cbs: Option<&Callbacks>,
) -> R<Vec<(String, f64)>> {
    let custom = super::train_step::overridden(model, "test_step");
    super::train_step::reset_metrics(it, model)?;
    let mut tracker = Tracker::start(it, &c.metrics, &c.built)?;
    let mut bar = bar;
    if let Some(bar) = bar.as_deref_mut() {
        bar.add_stateful(super::train_step::metric_names(it, model)?);
    }
    if let Some(cbs) = cbs {
        cbs.hook(it, "on_test_begin", vec![Value::None])?;
    }
    feed.start_epoch(it)?;
    let open = feed.batch_open();
    let mut last = Vec::new();
    let mut s = 0;
    while steps.is_none_or(|n| s < n) {
        it.check_interrupt()?;
        if let Some(cbs) = cbs {
            cbs.batch(it, "on_test_batch_begin", s, |_| Ok(Value::None))?;
        }
        let Some(d) = feed.next(it, s, None)? else {
            break;
        };
        if custom {
            last = super::train_step::run_step(it, model, "test_step", d.packed(), open)?;
        } else {
            default_step(it, model, c, &mut tracker, d, false, open)?;
        }
        if let Some(cbs) = cbs {
            cbs.batch(it, "on_test_batch_end", s, |it| {
                logs_dict(&match custom {
                    true => last.clone(),
                    false => default_logs(it, model, &tracker)?,
                })
            })?;
        }
        s += 1;
        if let Some(bar) = bar.as_deref_mut() {
            let more = steps.is_none_or(|n| s < n);
            if (more && bar.wants(false)) || (custom && bar.verbose() == 1) {
                bar.add_stateful(super::train_step::metric_names(it, model)?);
                let shown = match custom {
                    true => last.clone(),
                    false => default_logs(it, model, &tracker)?,
                };
                let text = bar.update(s, &shown, false);
                emit(it, text)?;
            }
        }
    }
    let logs = match custom {
        true => last,
        false => default_logs(it, model, &tracker)?,
    };
    feed.end_epoch(it)?;
    if let Some(cbs) = cbs {
        cbs.hook(it, "on_test_end", vec![logs_dict(&logs)?])?;
    }
    if let Some(bar) = bar {
        let text = bar.update(steps.unwrap_or(s), &logs, true);
        emit(it, text)?;
    }
    Ok(logs)
}
