//! `keras.callbacks`: the `Callback` base class users subclass and Keras's callbacks, written
//! in Python so user subclasses work as with Keras.
//!
//! | file | owns |
//! |---|---|
//! | `base.py` | `Callback`, `CallbackList`, `History`, `LambdaCallback`, `ProgbarLogger`, `TerminateOnNaN` |
//! | `monitors.py` | `EarlyStopping`, `ReduceLROnPlateau`, `LearningRateScheduler`, `CSVLogger`, `ModelCheckpoint` |
//!
//! This file registers the module and holds [`Callbacks`], through which `fit`, `evaluate`
//! and `predict` call the hooks.

use super::pymodule::PySubmodule;
use crate::eval::error::R;
use crate::eval::value::{Args, Dict};
use crate::eval::{Interp, Value};
use std::cell::RefCell;
use std::rc::Rc;

const SOURCE: &str = concat!(include_str!("base.py"), include_str!("monitors.py"));

/// The module `keras.callbacks`.
pub(crate) static MODULE: PySubmodule = PySubmodule {
    name: "keras.callbacks",
    source: SOURCE,
    natives: &[],
};

/// The callbacks of one `fit`, `evaluate` or `predict` call: the user's, then a History
/// (Keras's `CallbackList`). The progress bar is drawn by the caller after the hooks, where
/// Keras's ProgbarLogger (the last callback) draws it.
pub(crate) struct Callbacks {
    list: Value,
    /// Whether any callback may want the per-batch hooks (History does not).
    batch_hooks: bool,
}

impl Callbacks {
    /// The list for `model`, with `params` (`verbose`, `epochs`, `steps`) handed to each.
    pub(crate) fn new(
        it: &mut Interp,
        model: &Value,
        callbacks: Option<Value>,
        params: &[(&str, Value)],
    ) -> R<Callbacks> {
        let m = MODULE.get(it)?;
        let cls = it.get_attr(&m, "CallbackList")?;
        let mut a = Args::new(vec![callbacks.unwrap_or(Value::None)]);
        a.kw.push(("add_history".into(), Value::Bool(true)));
        a.kw.push(("model".into(), model.clone()));
        for (k, v) in params {
            a.kw.push((k.to_string(), v.clone()));
        }
        let list = it.call(&cls, a)?;
        let flag = it.get_attr(&list, "batch_hooks")?;
        let batch_hooks = it.truthy(&flag)?;
        Ok(Callbacks { list, batch_hooks })
    }

    /// Calls hook `name` of every callback with `args`.
    pub(crate) fn hook(&self, it: &mut Interp, name: &str, args: Vec<Value>) -> R<()> {
        let f = it.get_attr(&self.list, name)?;
        it.call(&f, Args::new(args))?;
        Ok(())
    }

    /// Calls a per-batch hook (`on_train_batch_end`...), if a callback may want it.
    pub(crate) fn batch(
        &self,
        it: &mut Interp,
        name: &str,
        batch: usize,
        logs: impl FnOnce(&mut Interp) -> R<Value>,
    ) -> R<()> {
        if !self.batch_hooks {
            return Ok(());
        }
        let logs = logs(it)?;
        self.hook(it, name, vec![Value::Int(batch as i64), logs])
    }

    /// Whether the per-batch hooks run.
    pub(crate) fn wants_batches(&self) -> bool {
        self.batch_hooks
    }

    /// The History of the run (what `fit` returns).
    pub(crate) fn history(&self, it: &mut Interp) -> R<Value> {
        it.get_attr(&self.list, "_history")
    }
}

/// Logs as the dict callbacks receive: names to Python floats.
pub(crate) fn logs_dict(logs: &[(String, f64)]) -> R<Value> {
    let mut d = Dict::default();
    for (k, v) in logs {
        d.insert(Value::str(k), Value::Float(*v))?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// A logs dict read back (callbacks may add entries, as ReduceLROnPlateau adds `lr`).
pub(crate) fn read_logs(it: &mut Interp, logs: &Value) -> R<Vec<(String, f64)>> {
    let items = it.get_attr(logs, "items")?;
    let items = it.call(&items, Args::new(vec![]))?;
    let mut out = Vec::new();
    for pair in it.collect_items(&items)? {
        let kv = it.collect_items(&pair)?;
        if let [k, v] = kv.as_slice() {
            let k = match k {
                Value::Str(s) => s.to_string(),
                other => it.repr(other)?,
            };
            out.push((k, super::metrics::first_f64(v)?));
        }
    }
    Ok(out)
}

/// Whether a callback asked training to stop (`model.stop_training`).
pub(crate) fn stop_requested(it: &mut Interp, model: &Value) -> R<bool> {
    match it.get_attr(model, "stop_training") {
        Ok(v) => it.truthy(&v),
        Err(_) => Ok(false),
    }
}
