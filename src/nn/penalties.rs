//! The weight penalties and constraints a built-in layer takes: [`LayerPenalties`] reads a
//! layer's `<weight>_regularizer`, `activity_regularizer` and `<weight>_constraint`
//! arguments once for every layer kind (`kernel` and `bias` for most, `depthwise_kernel` and
//! `pointwise_kernel` for the depthwise and separable ones), lists its losses (the activity
//! penalty of the last call first, then each weight's penalty, as Keras 2.15 lists them),
//! gives the config entries and attributes, and finds the constraint of a weight after an
//! optimizer step.

use crate::eval::error::R;
use crate::eval::value::{Object, Variable};
use crate::eval::{Interp, Value};
use crate::nn::constraints;
use crate::nn::layer::Layer;
use crate::nn::regularizers::Penalty;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// One weight's regularizer and constraint.
struct Slot {
    /// The layer attribute holding the weight: `kernel`, `depthwise_kernel`...
    weight: &'static str,
    /// The argument prefix: `kernel` for `kernel_regularizer`, `depthwise` for
    /// `depthwise_regularizer`.
    prefix: &'static str,
    regularizer: Option<Penalty>,
    constraint: Option<Value>,
}

/// One layer's regularizers and constraints, shared between its kind (which reads them)
/// and the registry that finds a weight's constraint after an update.
#[derive(Default)]
pub struct LayerPenalties {
    slots: Vec<Slot>,
    activity_regularizer: Option<Penalty>,
    /// The layer these belong to, once made.
    owner: RefCell<Option<Weak<dyn Object>>>,
    /// The activity penalty of the layer's last call.
    activity: RefCell<Vec<Tensor>>,
}

thread_local! {
    /// The layers with constraints, to find a variable's after an update.
    static CONSTRAINED: RefCell<Vec<Weak<LayerPenalties>>> = const { RefCell::new(Vec::new()) };
}

/// A weight's arguments: (weight attribute, argument prefix, regularizer, constraint).
pub type WeightArgs<'a> = (&'static str, &'static str, &'a Value, &'a Value);

impl LayerPenalties {
    /// No regularizer and no constraint: a call changes nothing outside the variables.
    pub fn is_empty(&self) -> bool {
        self.activity_regularizer.is_none()
            && self
                .slots
                .iter()
                .all(|s| s.regularizer.is_none() && s.constraint.is_none())
    }

    /// Reads the usual five arguments (`kernel_*`, `bias_*`, `activity_regularizer`) as
    /// Keras's `regularizers.get` and `constraints.get` do.
    pub fn from_args(
        it: &mut Interp,
        kernel_regularizer: &Value,
        bias_regularizer: &Value,
        activity_regularizer: &Value,
        kernel_constraint: &Value,
        bias_constraint: &Value,
    ) -> R<Rc<LayerPenalties>> {
        LayerPenalties::new(
            it,
            &[
                ("kernel", "kernel", kernel_regularizer, kernel_constraint),
                ("bias", "bias", bias_regularizer, bias_constraint),
            ],
            activity_regularizer,
        )
    }

    /// Reads the arguments of the given weights and the activity regularizer.
    pub fn new(
        it: &mut Interp,
        weights: &[WeightArgs],
        activity_regularizer: &Value,
    ) -> R<Rc<LayerPenalties>> {
        let mut slots = Vec::new();
        for &(weight, prefix, reg, con) in weights {
            slots.push(Slot {
                weight,
                prefix,
                regularizer: Penalty::from_arg(it, reg)?,
                constraint: constraints::get_opt(it, con)?,
            });
        }
        Ok(Rc::new(LayerPenalties {
            slots,
            activity_regularizer: Penalty::from_arg(it, activity_regularizer)?,
            ..Default::default()
        }))
    }

    /// Ties these to the layer value made with them; returns the layer.
    pub fn attached(self: &Rc<Self>, layer: Value) -> R<Value> {
        if let Value::Object(o) = &layer {
            *self.owner.borrow_mut() = Some(Rc::downgrade(o));
        }
        if self.slots.iter().any(|s| s.constraint.is_some()) {
            CONSTRAINED.with(|c| {
                let mut c = c.borrow_mut();
                c.retain(|w| w.strong_count() > 0);
                c.push(Rc::downgrade(self));
            });
        }
        Ok(layer)
    }

    fn with_layer<T>(&self, f: impl FnOnce(&Layer) -> T) -> Option<T> {
        let o = self.owner.borrow().as_ref()?.upgrade()?;
        o.as_any().downcast_ref::<Layer>().map(f)
    }

    fn slot(&self, key: &str, suffix: &str) -> Option<&Slot> {
        let prefix = key.strip_suffix(suffix)?;
        self.slots.iter().find(|s| s.prefix == prefix)
    }

    /// The value of a `*_regularizer` or `*_constraint` argument as the layer holds it
    /// (None when the layer has no such weight).
    fn held(&self, key: &str) -> Option<Value> {
        if key == "activity_regularizer" {
            return self.activity_regularizer.as_ref().map(Penalty::value);
        }
        if let Some(s) = self.slot(key, "_regularizer") {
            return s.regularizer.as_ref().map(Penalty::value);
        }
        self.slot(key, "_constraint")?.constraint.clone()
    }

    /// The config entry of one argument: `kernel_regularizer`, `depthwise_constraint`...
    pub fn config_entry(&self, key: &str) -> Value {
        if key.ends_with("_constraint") {
            return self
                .slot(key, "_constraint")
                .and_then(|s| s.constraint.as_ref())
                .map(constraints::serialized)
                .unwrap_or(Value::None);
        }
        let p = if key == "activity_regularizer" {
            self.activity_regularizer.as_ref()
        } else {
            self.slot(key, "_regularizer")
                .and_then(|s| s.regularizer.as_ref())
        };
        p.map(Penalty::config).unwrap_or(Value::None)
    }

    /// The usual five `get_config()` entries, in Keras's order.
    pub fn config(&self) -> Vec<(&'static str, Value)> {
        [
            "kernel_regularizer",
            "bias_regularizer",
            "activity_regularizer",
            "kernel_constraint",
            "bias_constraint",
        ]
        .into_iter()
        .map(|k| (k, self.config_entry(k)))
        .collect()
    }

    /// The attributes `kernel_regularizer`, ..., `bias_constraint` (None when not given).
    pub fn attr(&self, name: &str) -> Option<Value> {
        let known = name == "activity_regularizer"
            || self.slot(name, "_regularizer").is_some()
            || self.slot(name, "_constraint").is_some();
        known.then(|| self.held(name).unwrap_or(Value::None))
    }

    /// Records the activity penalty of a call's output: the penalty over the batch size
    /// (`divide_no_nan`), replacing the last call's.
    pub fn after_call(&self, it: &mut Interp, y: &Tensor) -> R<()> {
        let Some(r) = &self.activity_regularizer else {
            return Ok(());
        };
        let p = r.apply(it, &Value::Tensor(y.clone()))?;
        let batch = y.shape().first().copied().unwrap_or(1);
        let p = if batch == 0 {
            Tensor::zeros(p.dtype(), p.shape())
        } else {
            ew::binary(
                Binary::Div,
                &p,
                &Tensor::scalar(batch as f32).cast(p.dtype()),
            )?
        };
        *self.activity.borrow_mut() = vec![p];
        Ok(())
    }

    /// The layer's losses: the last call's activity penalty, then each weight's penalty
    /// computed now.
    pub fn losses(&self, it: &mut Interp) -> R<Vec<Tensor>> {
        let mut out = self.activity.borrow().clone();
        let weights: Vec<Option<Rc<Variable>>> = self
            .with_layer(|l| self.slots.iter().map(|s| l.weight(s.weight)).collect())
            .unwrap_or_default();
        for (s, w) in self.slots.iter().zip(weights) {
            if let (Some(r), Some(w)) = (&s.regularizer, w) {
                out.push(r.apply(it, &Value::Variable(w))?);
            }
        }
        Ok(out)
    }
}

/// The constraint a layer gave the weight `var`, if any.
pub fn layer_constraint(var: &Rc<Variable>) -> Option<Value> {
    let all: Vec<Rc<LayerPenalties>> =
        CONSTRAINED.with(|c| c.borrow().iter().filter_map(|w| w.upgrade()).collect());
    for p in all {
        let found = p.with_layer(|l| {
            p.slots
                .iter()
                .find(|s| l.weight(s.weight).is_some_and(|w| Rc::ptr_eq(&w, var)))
                .and_then(|s| s.constraint.clone())
        });
        if let Some(Some(c)) = found {
            return Some(c);
        }
    }
    None
}
