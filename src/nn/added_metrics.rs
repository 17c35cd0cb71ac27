//! `add_metric(value, name=None, aggregation=None)` in a layer's or model's `call`: a
//! `keras.metrics.Mean` of that name, made on first use and updated with the value on each
//! call. A model lists the metrics of itself and the layers it holds after its compiled
//! ones (`model.metrics`), so they appear in `fit`'s logs and in `metrics_names`.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use std::cell::RefCell;

/// An owner (held, so its identity stays unique) and its metrics by name.
type Owned = (Value, Vec<(String, Value)>);

thread_local! {
    /// The metrics each layer or model added.
    static ADDED: RefCell<Vec<Owned>> = const { RefCell::new(Vec::new()) };
}

/// `owner.add_metric(value, name=None, aggregation=None)`.
pub(crate) fn add_metric(it: &mut Interp, owner: &Value, a: Args) -> R<Value> {
    let [value, name, _aggregation] =
        a.bind("add_metric", ["value", "name=None", "aggregation=None"])?;
    let value = value.unwrap_or(Value::None);
    let name = match name {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => {
            return raise(
                ExcKind::ValueError,
                "Please provide a name for your metric like `self.add_metric(tf.reduce_sum(inputs), name='mean_activation')`",
            )
        }
        Some(other) => it.str_of(&other)?,
    };
    if !super::layer_losses::in_call() {
        let shown = it.str_of(&value)?;
        return raise(
            ExcKind::ValueError,
            format!(
                "Expected a symbolic Tensor for the metric value, received: {}",
                shown
            ),
        );
    }
    let id = owner.identity();
    let existing = ADDED.with(|a| {
        a.borrow()
            .iter()
            .find(|(o, _)| o.identity() == id)
            .and_then(|(_, ms)| ms.iter().find(|(n, _)| *n == name).map(|(_, m)| m.clone()))
    });
    let metric = match existing {
        Some(m) => m,
        None => {
            let module = super::metrics::MODULE.get(it)?;
            let mean = it.get_attr(&module, "Mean")?;
            let mut args = Args::default();
            args.kw.push(("name".into(), Value::str(&name)));
            let m = it.call(&mean, args)?;
            ADDED.with(|a| {
                let mut a = a.borrow_mut();
                match a.iter_mut().find(|(o, _)| o.identity() == id) {
                    Some((_, ms)) => ms.push((name.clone(), m.clone())),
                    None => a.push((owner.clone(), vec![(name.clone(), m.clone())])),
                }
            });
            m
        }
    };
    let f = it.get_attr(&metric, "update_state")?;
    it.call(&f, Args::new(vec![value]))?;
    Ok(Value::None)
}

/// The metrics `model` and the layers it holds added, in layer order.
pub(crate) fn of_model(_it: &mut Interp, model: &Value) -> R<Vec<Value>> {
    let layers = super::layer_losses::layers_in(model);
    Ok(ADDED.with(|a| {
        let a = a.borrow();
        let mut out = Vec::new();
        for l in &layers {
            let id = l.identity();
            if let Some((_, ms)) = a.iter().find(|(o, _)| o.identity() == id) {
                out.extend(ms.iter().map(|(_, m)| m.clone()));
            }
        }
        out
    }))
}
