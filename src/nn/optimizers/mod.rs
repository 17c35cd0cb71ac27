//! `tf.keras.optimizers`: Keras 2.15's optimizers (SGD, Adam, AdamW, RMSprop, Adagrad,
//! Nadam, Adamax, Adadelta, Ftrl, Lion) and their learning-rate schedules.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the optimizer object: attributes, methods, `get_config`, repr |
//! | `apply.rs` | `apply_gradients` and `minimize`: slots, clipping, weight decay, EMA, schedules |
//! | `rules.rs` | each family's update rule and slot variables |
//! | `ctors.rs` | the declared constructors, their argument checks, `optimizers.get` |
//! | `callable_list.rs` | `CallableList`, what `optimizer.variables` is |
//! | `schedules.rs` | `keras.optimizers.schedules` (written in Python, `schedules.py`) |

mod apply;
mod callable_list;
mod ctors;
mod rules;
pub(crate) mod schedules;

pub(crate) use ctors::get;

use crate::api::convert::tensor_of;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Dict, Object, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::Tensor;
use rules::{Kind, Slots, UProduct};
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The arguments every optimizer takes, as given (for `get_config`) and as numbers.
pub(crate) struct Base {
    pub weight_decay: Value,
    pub clipnorm: Value,
    pub global_clipnorm: Value,
    pub clipvalue: Value,
    pub use_ema: bool,
    pub ema_momentum: Value,
    pub ema_overwrite_frequency: Value,
    pub wd: Option<f64>,
    pub clipnorm_f: Option<f64>,
    pub global_f: Option<f64>,
    pub clipvalue_f: Option<f64>,
    pub ema_m: f64,
    pub ema_freq: Option<i64>,
}

/// What the optimizer made on its first step: slots, moving averages, its variable list.
#[derive(Default)]
pub(crate) struct State {
    pub built: bool,
    /// Each variable's position among those the optimizer was built on, by variable id.
    pub index: HashMap<usize, usize>,
    pub slots: HashMap<usize, Slots>,
    pub averages: HashMap<usize, Rc<Variable>>,
    /// The optimizer's variables after `iterations`, in the order they were made.
    pub variables: Vec<Rc<Variable>>,
    pub exclude_ids: Vec<usize>,
    pub exclude_names: Vec<String>,
    pub u_product: Option<UProduct>,
}

pub struct Optimizer {
    pub(crate) kind: Kind,
    pub(crate) class: &'static str,
    pub(crate) name: String,
    /// `learning_rate:0`, or `current_learning_rate:0` when a schedule drives the rate.
    pub(crate) lr_var: RefCell<Rc<Variable>>,
    pub(crate) schedule: RefCell<Option<Value>>,
    pub iterations: Rc<Variable>,
    pub(crate) base: Base,
    /// The family's own hyperparameters as given, in `get_config` order.
    pub(crate) hyper: Vec<(&'static str, Value)>,
    pub(crate) state: RefCell<State>,
    /// Slot values a checkpoint holds for slots not made yet, assigned as `build` makes
    /// them (TensorFlow's deferred restoration).
    pub(crate) pending_slots: RefCell<Option<Rc<crate::nn::saving::checkpoint::SlotRestore>>>,
}

pub(crate) fn new_var(it: &mut Interp, name: &str, t: Tensor) -> Rc<Variable> {
    Rc::new(Variable {
        name: RefCell::new(format!("{}:0", name)),
        value: crate::tensor::compile::cell(t),
        trainable: false,
        id: it.fresh_id(),
        autocast: false,
    })
}

impl Optimizer {
    /// The learning rate now, as a float.
    pub(crate) fn lr(&self) -> f64 {
        self.lr_var
            .borrow()
            .value
            .borrow()
            .item_f64()
            .unwrap_or(0.0)
    }

    /// `optimizer.variables`: the iteration count, then what it made in the order it made
    /// them.
    pub(crate) fn variables(&self) -> Vec<Rc<Variable>> {
        let mut out = vec![self.iterations.clone()];
        out.extend(self.state.borrow().variables.iter().cloned());
        out
    }

    /// Whether a step changes nothing but variables and reads its rate from one: no
    /// schedule, no averages, and a rule without Rust-side state (Nadam counts in Rust).
    pub(crate) fn compiles(&self) -> bool {
        self.schedule.borrow().is_none()
            && !self.base.use_ema
            && !matches!(self.kind, rules::Kind::Nadam { .. })
    }

    pub(crate) fn step(&self) -> i64 {
        self.iterations.value.borrow().item_i64().unwrap_or(0)
    }

    /// `get_config()`: the base entries, the learning rate, then the family's own.
    fn config(&self, it: &mut Interp) -> R<Vec<(&'static str, Value)>> {
        let b = &self.base;
        let schedule = self.schedule.borrow().clone();
        let lr = match schedule {
            Some(s) => schedules::serialize(it, &s)?,
            None => Value::ndarray(Tensor::scalar(self.lr() as f32)),
        };
        let mut c = vec![
            ("name", Value::str(&self.name)),
            ("weight_decay", b.weight_decay.clone()),
            ("clipnorm", b.clipnorm.clone()),
            ("global_clipnorm", b.global_clipnorm.clone()),
            ("clipvalue", b.clipvalue.clone()),
            ("use_ema", Value::Bool(b.use_ema)),
            ("ema_momentum", b.ema_momentum.clone()),
            ("ema_overwrite_frequency", b.ema_overwrite_frequency.clone()),
            ("jit_compile", Value::Bool(false)),
            ("is_legacy_optimizer", Value::Bool(false)),
            ("learning_rate", lr),
        ];
        for (k, v) in &self.hyper {
            match c.iter_mut().find(|(n, _)| *n == *k) {
                Some(slot) => slot.1 = v.clone(),
                None => c.push((*k, v.clone())),
            }
        }
        Ok(c)
    }

    /// `get_config()` as a dict.
    pub(crate) fn config_dict(&self, it: &mut Interp) -> R<Value> {
        let mut d = Dict::default();
        for (k, v) in self.config(it)? {
            d.insert(Value::str(k), v)?;
        }
        Ok(Value::Dict(Rc::new(RefCell::new(d))))
    }

    /// Sets the learning rate (`opt.learning_rate = x`, `opt.lr = x`).
    fn set_lr(&self, it: &mut Interp, value: Value) -> R<()> {
        if schedules::is_schedule(&value) {
            let current = schedules::evaluate(it, &value, &self.iterations)?;
            *self.lr_var.borrow_mut() = new_var(it, "current_learning_rate", current);
            *self.schedule.borrow_mut() = Some(value);
            return Ok(());
        }
        if self.schedule.borrow().is_some() {
            return raise(
                ExcKind::TypeError,
                "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.",
            );
        }
        let v = match &value {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Bool(b) => *b as i64 as f64,
            other => match tensor_of(other).and_then(|t| t.item_f64()) {
                Some(v) => v,
                None => {
                    return raise(
                        ExcKind::TypeError,
                        format!(
                            "Cannot convert {} to EagerTensor of dtype float",
                            it.repr(other)?
                        ),
                    )
                }
            },
        };
        self.lr_var.borrow().set(Tensor::scalar(v as f32));
        Ok(())
    }
}

const METHODS: &[&str] = &[
    "apply_gradients",
    "minimize",
    "get_config",
    "build",
    "exclude_from_weight_decay",
    "finalize_variable_values",
];

fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(o) = recv.as_object::<Optimizer>() else {
        return Ok(Value::None);
    };
    match name {
        "apply_gradients" => {
            let [gv, _name, _skip] = args.bind(
                "apply_gradients",
                [
                    "grads_and_vars",
                    "name=None",
                    "skip_gradients_aggregation=False",
                ],
            )?;
            let ps = apply::pairs(it, &gv.unwrap_or(Value::None))?;
            o.apply(it, &ps, false)
        }
        "minimize" => {
            let [loss, var_list, tape] =
                args.bind("minimize", ["loss", "var_list", "tape=None"])?;
            o.minimize(
                it,
                loss.unwrap_or(Value::None),
                var_list.unwrap_or(Value::None),
                tape.unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        }
        "get_config" => o.config_dict(it),
        "build" => {
            let [var_list] = args.bind("build", ["var_list"])?;
            let vars = apply::variables_of(it, &var_list.unwrap_or(Value::None))?;
            o.build(it, &vars);
            Ok(Value::None)
        }
        "exclude_from_weight_decay" => {
            let [var_list, var_names] = args.bind(
                "exclude_from_weight_decay",
                ["var_list=None", "var_names=None"],
            )?;
            o.exclude(
                it,
                var_list.unwrap_or(Value::None),
                var_names.unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        }
        "finalize_variable_values" => {
            let [var_list] = args.bind("finalize_variable_values", ["var_list"])?;
            let vars = apply::variables_of(it, &var_list.unwrap_or(Value::None))?;
            o.finalize(&vars);
            Ok(Value::None)
        }
        _ => Ok(Value::None),
    }
}

impl Object for Optimizer {
    fn type_name(&self) -> String {
        self.class.into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        Ok(match name {
            "learning_rate" | "lr" => Some(Value::Variable(self.lr_var.borrow().clone())),
            "iterations" => Some(Value::Variable(self.iterations.clone())),
            "variables" => {
                let vars = self.variables().into_iter().map(Value::Variable).collect();
                Some(Value::Object(Rc::new(callable_list::CallableList(vars))))
            }
            "name" => Some(Value::str(&self.name)),
            "jit_compile" => Some(Value::Bool(false)),
            _ => self
                .config(it)?
                .into_iter()
                .find(|(k, _)| {
                    *k == name && !matches!(*k, "name" | "learning_rate" | "is_legacy_optimizer")
                })
                .map(|(_, v)| v),
        })
    }
    fn set_attr(&self, name: &str, value: Value, it: &mut Interp) -> R<bool> {
        if matches!(name, "learning_rate" | "lr") {
            self.set_lr(it, value)?;
            return Ok(true);
        }
        Ok(false)
    }
    fn attr_names(&self) -> Vec<String> {
        let mut names: Vec<String> = ["learning_rate", "lr", "iterations", "name", "variables"]
            .iter()
            .chain(METHODS.iter())
            .map(|s| s.to_string())
            .collect();
        names.extend(self.hyper.iter().map(|(k, _)| k.to_string()));
        names
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<keras.src.optimizers.{}.{} object at 0x{:x}>",
            self.class.to_lowercase(),
            self.class,
            self as *const Optimizer as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
