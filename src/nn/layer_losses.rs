//! The losses of layers and models, as Keras 2.15 collects them: `layer.losses` and
//! `model.losses` visit the layer or model and the layers it holds, each once, depth first,
//! itself first; each contributes the loss tensors added during its last call
//! (`self.add_loss(x)` in `call`, the activity penalty), then its weight penalties, then the
//! zero-argument callables given to `add_loss` and the penalties of weights made with
//! `add_weight(regularizer=)`, in the order they were added (evaluated each time).
//! Training adds the sum to the compiled loss.

use crate::eval::error::{value_err, R};
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::nn::regularizers::Penalty;
use crate::tensor::Tensor;
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// Losses added during a call with `self.add_loss(x)`, by layer identity.
    static ADDED: RefCell<Vec<(usize, Vec<Tensor>)>> = const { RefCell::new(Vec::new()) };
    /// Losses computed when read, with the layer or model they belong to (held, so its
    /// identity is not reused while they are listed), in the order they were added.
    static CALLABLES: RefCell<Vec<(Value, Vec<Deferred>)>> = const { RefCell::new(Vec::new()) };
    /// How many user layer calls are running (losses are cleared at the outermost).
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A loss computed each time the losses are read.
#[derive(Clone)]
enum Deferred {
    /// A zero-argument callable given to `add_loss`.
    Call(Value),
    /// The penalty of a weight made by `add_weight(regularizer=...)`.
    Weight(Rc<Variable>, Penalty),
}

/// The losses of a layer or model, as `losses` lists them.
pub fn model_losses(it: &mut Interp, v: &Value) -> R<Vec<Tensor>> {
    let mut visited = Vec::new();
    walk(v, &mut Vec::new(), &mut |v| {
        visited.push(v.clone());
        Ok(())
    })?;
    let mut out = Vec::new();
    for v in &visited {
        let id = v.identity();
        if let Some(l) = crate::nn::layer_ref(v) {
            out.extend(added(id));
            if let Some(p) = l.kind.penalties() {
                out.extend(p.losses(it)?);
            }
        }
        let callables = CALLABLES.with(|c| {
            c.borrow()
                .iter()
                .find(|(o, _)| o.identity() == id)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        });
        for d in callables {
            let loss = match d {
                Deferred::Call(f) => it.call(&f, Args::new(vec![]))?,
                Deferred::Weight(var, p) => Value::Tensor(p.apply(it, &Value::Variable(var))?),
            };
            if !matches!(loss, Value::None) {
                out.push(crate::api::convert::to_tensor(
                    it,
                    &loss,
                    Some(crate::tensor::DType::F32),
                )?);
            }
        }
    }
    Ok(out)
}

/// A layer or model and the layers it holds, depth first, each once.
pub(crate) fn layers_in(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let _ = walk(v, &mut Vec::new(), &mut |v| {
        out.push(v.clone());
        Ok(())
    });
    out
}

/// Whether a user layer's `call` is running.
pub(crate) fn in_call() -> bool {
    DEPTH.with(|d| d.get()) > 0
}

/// Visits a layer or model and the layers it holds, depth first, each once.
fn walk(v: &Value, seen: &mut Vec<usize>, f: &mut dyn FnMut(&Value) -> R<()>) -> R<()> {
    let id = v.identity();
    if seen.contains(&id) {
        return Ok(());
    }
    seen.push(id);
    f(v)?;
    let children: Vec<Value> = if let Some(l) = crate::nn::layer_ref(v) {
        l.sublayers.borrow().clone()
    } else if let Some(s) = v.as_object::<crate::nn::sequential::Sequential>() {
        s.layers.borrow().clone()
    } else if let Some(f) = v.as_object::<crate::nn::functional::Functional>() {
        f.layers.clone()
    } else {
        crate::nn::native_layer(v).into_iter().collect()
    };
    for c in &children {
        walk(c, seen, f)?;
    }
    Ok(())
}

/// `add_loss(losses)` on a layer or model (`owner`, the native layer of a user class): a
/// zero-argument callable is kept and evaluated whenever the losses are read; a tensor is
/// a loss of the running call, and outside a call it is Keras's error. A list adds each.
pub fn add_loss(it: &mut Interp, owner: &Value, x: &Value) -> R<()> {
    let items = match x {
        Value::List(_) | Value::Tuple(_) => it.collect_items(x)?,
        other => vec![other.clone()],
    };
    for x in items {
        if matches!(x, Value::None) {
            continue;
        }
        if it.is_callable(&x) {
            defer(owner, Deferred::Call(x));
            continue;
        }
        if DEPTH.with(|d| d.get()) == 0 {
            return Err(value_err(
                "Expected a symbolic Tensors or a callable for the loss value. Please wrap your loss computation in a zero argument `lambda`.",
            ));
        }
        let t = crate::api::convert::to_tensor(it, &x, Some(crate::tensor::DType::F32))?;
        push(owner.identity(), t);
    }
    Ok(())
}

/// `add_weight(regularizer=p)`: the weight's penalty joins the owner's losses.
pub fn add_weight_penalty(owner: &Value, var: Rc<Variable>, p: Penalty) {
    defer(owner, Deferred::Weight(var, p));
}

fn defer(owner: &Value, d: Deferred) {
    let id = owner.identity();
    CALLABLES.with(|c| {
        let mut c = c.borrow_mut();
        match c.iter_mut().find(|(o, _)| o.identity() == id) {
            Some((_, v)) => v.push(d),
            None => c.push((owner.clone(), vec![d])),
        }
    });
}

fn push(id: usize, item: Tensor) {
    ADDED.with(|a| {
        let mut a = a.borrow_mut();
        match a.iter_mut().find(|(i, _)| *i == id) {
            Some((_, v)) => v.push(item),
            None => a.push((id, vec![item])),
        }
    });
}

fn added(id: usize) -> Vec<Tensor> {
    ADDED.with(|a| {
        a.borrow()
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    })
}

/// Marks a user layer's call: the outermost clears the call losses of the layers it holds.
pub struct CallGuard;

impl CallGuard {
    pub fn enter(layer: &Value) -> CallGuard {
        if DEPTH.with(|d| d.get()) == 0 {
            let mut ids = Vec::new();
            let mut seen = Vec::new();
            let _ = walk(layer, &mut seen, &mut |v| {
                ids.push(v.identity());
                Ok(())
            });
            ADDED.with(|a| a.borrow_mut().retain(|(i, _)| !ids.contains(i)));
        }
        DEPTH.with(|d| d.set(d.get() + 1));
        CallGuard
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}
