//! `train_on_batch`, `test_on_batch` and `predict_on_batch`: one step on one batch, as
//! Keras 2.15 runs them. The metrics start from zero unless `reset_metrics=False`; the
//! result is the loss alone, `[loss, metrics...]` in `metrics_names` order, or a dict.

use super::batches::{labels, weights_arg, Data};
use super::metrics::Tracker;
use super::train_step;
use super::training::{
    compiled, default_logs, default_step, input_tensor, not_compiled, predict_batch, results,
};
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};

pub(crate) fn method(it: &mut Interp, model: &Value, name: &'static str, a: Args) -> R<Value> {
    if name == "predict_on_batch" {
        let [x] = a.bind(name, ["x"])?;
        let x = input_tensor(it, &x.unwrap_or(Value::None))?;
        return Ok(Value::ndarray(predict_batch(it, model, x, false)?));
    }
    let train = name == "train_on_batch";
    let (x, y, sw, cw, reset, as_dict) = if train {
        let [x, y, sw, cw, reset, as_dict] = a.bind(
            name,
            [
                "x",
                "y=None",
                "sample_weight=None",
                "class_weight=None",
                "reset_metrics=True",
                "return_dict=False",
            ],
        )?;
        (x, y, sw, cw, reset, as_dict)
    } else {
        let [x, y, sw, reset, as_dict] = a.bind(
            name,
            [
                "x",
                "y=None",
                "sample_weight=None",
                "reset_metrics=True",
                "return_dict=False",
            ],
        )?;
        (x, y, sw, None, reset, as_dict)
    };
    let c = compiled(model).ok_or_else(not_compiled)?;
    let kind = if train { "train_step" } else { "test_step" };
    let custom = train_step::overridden(model, kind);
    let reset = it.flag(reset, true)?;
    let as_dict = it.flag(as_dict, false)?;
    let data = Data {
        x: input_tensor(it, &x.unwrap_or(Value::None))?,
        y: labels(it, y, custom)?,
        sw: weights_arg(it, sw)?,
    };
    let n = data.samples()?;
    let table = match cw {
        Some(v) if !matches!(v, Value::None) => super::sample_weight::class_table(it, &v)?,
        _ => None,
    };
    if reset {
        train_step::reset_metrics(it, model)?;
    }
    let d = data.batch(None, 0, n, table.as_ref())?;
    let run = |it: &mut Interp| {
        if custom {
            train_step::run_step(it, model, kind, d.packed(), false)
        } else {
            // The running state stays unless reset: a tracker that does not reset.
            let mut tracker = Tracker::resume(&c.metrics, &c.built);
            default_step(it, model, &c, &mut tracker, d, train, false)?;
            default_logs(it, model, &tracker)
        }
    };
    // train_on_batch runs the same traced function as fit.
    let logs = if train {
        c.train_step(it, run)?
    } else {
        run(it)?
    };
    results(it, model, logs, as_dict)
}
