//! What Keras objects hold of the session's Python values, for the session's end to empty
//! (see `break_cycles` in the evaluator): a model's layers, its compile state (optimizer,
//! loss, metric objects, the last History), and a layer's tracked sublayers. A metric
//! object keeps itself alive through its `result` closure; held only by a model, it would
//! outlive the session without this.

use crate::eval::Value;

pub(crate) fn held_values(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(layers) = super::saving::weights_v3::model_layers(v) {
        out.extend(layers);
    }
    if let Some(l) = super::layer_ref(v) {
        out.extend(l.sublayers.borrow().iter().cloned());
        for attr in ["cell", "forward_layer", "backward_layer", "layer"] {
            if let Some(child) = l.kind.attr(attr) {
                out.push(child);
            }
        }
    }
    if let Some(state) = super::model_state(v) {
        if let Some(c) = state.borrow().clone() {
            out.push(c.optimizer.clone());
            out.push(c.loss.clone());
            out.push(c.loss_fn.clone());
            out.extend(c.metrics.iter().cloned());
            if let Some(built) = c.built.borrow().clone() {
                out.extend(built.into_iter().map(|(_, m)| m));
            }
            out.push(c.history.borrow().clone());
        }
    }
    if let Some(o) = v.as_object::<super::optimizers::Optimizer>() {
        if let Some(s) = o.schedule.borrow().clone() {
            out.push(s);
        }
    }
    out
}
