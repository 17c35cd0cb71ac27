//! `tf.keras.optimizers`: SGD (momentum, Nesterov), Adam, RMSprop and Adagrad with Keras
//! 2.15's update rules, step for step in the variable's dtype; `apply_gradients`,
//! `minimize`, a `learning_rate` variable and an `iterations` counter.

use crate::api::convert::{f64_arg, tensor_of};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Dict, Object, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape};
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{reduce, Reduce};
use crate::tensor::Tensor;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Copy)]
enum Kind {
    Sgd {
        momentum: f64,
        nesterov: bool,
    },
    Adam {
        beta_1: f64,
        beta_2: f64,
        epsilon: f64,
        amsgrad: bool,
    },
    RmsProp {
        rho: f64,
        momentum: f64,
        epsilon: f64,
        centered: bool,
    },
    Adagrad {
        initial: f64,
        epsilon: f64,
    },
}

pub struct Optimizer {
    kind: Kind,
    class: &'static str,
    pub learning_rate: Rc<Variable>,
    pub iterations: Rc<Variable>,
    /// Per-variable state (momentum, moments, accumulators), by variable id.
    slots: RefCell<HashMap<usize, Vec<Tensor>>>,
    clipnorm: Option<f64>,
    clipvalue: Option<f64>,
}

fn new_var(it: &mut Interp, name: &str, t: Tensor) -> Rc<Variable> {
    Rc::new(Variable {
        name: RefCell::new(format!("{}:0", name)),
        value: Rc::new(RefCell::new(t)),
        trainable: false,
        id: it.fresh_id(),
    })
}

fn b(op: Binary, x: &Tensor, y: &Tensor) -> R<Tensor> {
    Ok(ew::binary(op, x, y)?)
}

impl Optimizer {
    fn lr(&self) -> f64 {
        self.learning_rate.value.borrow().item_f64().unwrap_or(0.0)
    }

    fn step(&self) -> i64 {
        self.iterations.value.borrow().item_i64().unwrap_or(0)
    }

    /// Keras's per-variable `clipnorm` / `clipvalue`.
    fn clip(&self, g: Tensor) -> R<Tensor> {
        let dtype = g.dtype();
        let s = |v: f64| Tensor::from_f64s(dtype, &[], &[v]);
        let mut g = g;
        if let Some(c) = self.clipvalue {
            g = b(Binary::Minimum, &b(Binary::Maximum, &g, &s(-c))?, &s(c))?;
        }
        if let Some(c) = self.clipnorm {
            let norm = ew::unary(
                Unary::Sqrt,
                &reduce(Reduce::Sum, &ew::unary(Unary::Square, &g)?, None, false)?,
            )?;
            let n = norm.item_f64().unwrap_or(0.0);
            if n > c {
                g = b(Binary::Div, &b(Binary::Mul, &g, &s(c))?, &norm)?;
            }
        }
        Ok(g)
    }

    /// One update of `var` by gradient `g` (iterations not yet advanced).
    fn update(&self, var: &Variable, g: Tensor) -> R<()> {
        let w = var.value.borrow().clone();
        let g = self.clip(g.cast(w.dtype()))?;
        let s = |v: f64| Tensor::from_f64s(w.dtype(), &[], &[v]);
        let lr = s(self.lr());
        let zeros = || Tensor::zeros(w.dtype(), w.shape());
        let mut slots = self.slots.borrow_mut();
        let new = match self.kind {
            Kind::Sgd { momentum, nesterov } => {
                let step = b(Binary::Mul, &ew::unary(Unary::Neg, &g)?, &lr)?;
                if momentum == 0.0 {
                    b(Binary::Add, &w, &step)?
                } else {
                    let st = slots.entry(var.id).or_insert_with(|| vec![zeros()]);
                    let mom = s(momentum);
                    let m = b(Binary::Add, &step, &b(Binary::Mul, &st[0], &mom)?)?;
                    st[0] = m.clone();
                    if nesterov {
                        b(
                            Binary::Add,
                            &w,
                            &b(Binary::Add, &step, &b(Binary::Mul, &m, &mom)?)?,
                        )?
                    } else {
                        b(Binary::Add, &w, &m)?
                    }
                }
            }
            Kind::Adam {
                beta_1,
                beta_2,
                epsilon,
                amsgrad,
            } => {
                let st = slots
                    .entry(var.id)
                    .or_insert_with(|| vec![zeros(), zeros(), zeros()]);
                let t = s((self.step() + 1) as f64);
                let p1 = b(Binary::Pow, &s(beta_1), &t)?;
                let p2 = b(Binary::Pow, &s(beta_2), &t)?;
                let one = s(1.0);
                let alpha = b(
                    Binary::Div,
                    &b(
                        Binary::Mul,
                        &lr,
                        &ew::unary(Unary::Sqrt, &b(Binary::Sub, &one, &p2)?)?,
                    )?,
                    &b(Binary::Sub, &one, &p1)?,
                )?;
                let dm = b(Binary::Mul, &b(Binary::Sub, &g, &st[0])?, &s(1.0 - beta_1))?;
                st[0] = b(Binary::Add, &st[0], &dm)?;
                let g2 = ew::unary(Unary::Square, &g)?;
                let dv = b(Binary::Mul, &b(Binary::Sub, &g2, &st[1])?, &s(1.0 - beta_2))?;
                st[1] = b(Binary::Add, &st[1], &dv)?;
                let v = if amsgrad {
                    st[2] = b(Binary::Maximum, &st[2], &st[1])?;
                    st[2].clone()
                } else {
                    st[1].clone()
                };
                let den = b(Binary::Add, &ew::unary(Unary::Sqrt, &v)?, &s(epsilon))?;
                b(
                    Binary::Sub,
                    &w,
                    &b(Binary::Div, &b(Binary::Mul, &st[0], &alpha)?, &den)?,
                )?
            }
            Kind::RmsProp {
                rho,
                momentum,
                epsilon,
                centered,
            } => {
                let st = slots
                    .entry(var.id)
                    .or_insert_with(|| vec![zeros(), zeros(), zeros()]);
                let g2 = ew::unary(Unary::Square, &g)?;
                st[0] = b(
                    Binary::Add,
                    &b(Binary::Mul, &s(rho), &st[0])?,
                    &b(Binary::Mul, &s(1.0 - rho), &g2)?,
                )?;
                let den = if centered {
                    st[2] = b(
                        Binary::Add,
                        &b(Binary::Mul, &s(rho), &st[2])?,
                        &b(Binary::Mul, &s(1.0 - rho), &g)?,
                    )?;
                    let d = b(Binary::Sub, &st[0], &ew::unary(Unary::Square, &st[2])?)?;
                    b(Binary::Add, &d, &s(epsilon))?
                } else {
                    b(Binary::Add, &st[0], &s(epsilon))?
                };
                let inc = b(
                    Binary::Mul,
                    &b(Binary::Mul, &lr, &g)?,
                    &ew::unary(Unary::Rsqrt, &den)?,
                )?;
                if momentum > 0.0 {
                    st[1] = b(Binary::Add, &b(Binary::Mul, &s(momentum), &st[1])?, &inc)?;
                    b(Binary::Sub, &w, &st[1])?
                } else {
                    b(Binary::Sub, &w, &inc)?
                }
            }
            Kind::Adagrad { initial, epsilon } => {
                let st = slots
                    .entry(var.id)
                    .or_insert_with(|| vec![Tensor::full(w.dtype(), w.shape(), initial)]);
                st[0] = b(Binary::Add, &st[0], &b(Binary::Mul, &g, &g)?)?;
                let den = ew::unary(Unary::Sqrt, &b(Binary::Add, &st[0], &s(epsilon))?)?;
                b(
                    Binary::Sub,
                    &w,
                    &b(Binary::Div, &b(Binary::Mul, &lr, &g)?, &den)?,
                )?
            }
        };
        var.set(new);
        Ok(())
    }

    /// Applies (gradient, variable) pairs; None gradients are skipped, all None is an error.
    pub fn apply(&self, it: &mut Interp, pairs: &[(Value, Rc<Variable>)]) -> R<Value> {
        let present: Vec<(Tensor, &Rc<Variable>)> = pairs
            .iter()
            .filter_map(|(g, v)| tensor_of(g).map(|g| (g, v)))
            .collect();
        if present.is_empty() {
            let names: Vec<String> = pairs
                .iter()
                .map(|(_, v)| format!("'{}'", v.name.borrow()))
                .collect();
            let mut shown = Vec::new();
            for (g, v) in pairs {
                shown.push(format!(
                    "({}, {})",
                    it.repr(g)?,
                    it.repr(&Value::Variable(v.clone()))?
                ));
            }
            return Err(value_err(format!(
                "No gradients provided for any variable: ([{}],). Provided `grads_and_vars` is ({},).",
                names.join(", "),
                shown.join(", ")
            )));
        }
        for (g, v) in present {
            if g.shape() != v.value.borrow().shape() {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Shapes {} and {} are incompatible",
                        crate::print::shape_tuple(g.shape()),
                        crate::print::shape_tuple(v.value.borrow().shape())
                    ),
                );
            }
            self.update(v, g)?;
            crate::nn::constraints::apply_after_update(it, v)?;
        }
        let next = Tensor::scalar(self.step() + 1);
        self.iterations.set(next);
        Ok(Value::Variable(Rc::new(Variable {
            name: RefCell::new("UnreadVariable".into()),
            value: self.iterations.value.clone(),
            trainable: false,
            id: 0,
        })))
    }

    /// One training step: the gradients of `target` recorded on `tape` with respect to
    /// `vars`, applied.
    pub fn step_on(
        &self,
        it: &mut Interp,
        tape: &crate::tensor::autodiff::TapeRef,
        target: Tensor,
        vars: Vec<Rc<Variable>>,
    ) -> R<Value> {
        let srcs: Vec<Tensor> = vars.iter().map(|v| v.value.borrow().clone()).collect();
        let grads = tape::gradient(tape, &[(target, None)], &srcs)?;
        let pairs: Vec<(Value, Rc<Variable>)> = grads
            .into_iter()
            .zip(vars)
            .map(|(g, v)| (g.map(Value::Tensor).unwrap_or(Value::None), v))
            .collect();
        self.apply(it, &pairs)
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let f = Value::Float;
        let opt = |v: Option<f64>| v.map(f).unwrap_or(Value::None);
        let lr = Value::NdArray(Tensor::scalar(self.lr() as f32));
        let mut c = vec![
            ("name", Value::str(self.class)),
            ("weight_decay", Value::None),
            ("clipnorm", opt(self.clipnorm)),
            ("global_clipnorm", Value::None),
            ("clipvalue", opt(self.clipvalue)),
            ("use_ema", Value::Bool(false)),
            ("ema_momentum", f(0.99)),
            ("ema_overwrite_frequency", Value::None),
            ("jit_compile", Value::Bool(false)),
            ("is_legacy_optimizer", Value::Bool(false)),
            ("learning_rate", lr),
        ];
        match self.kind {
            Kind::Sgd { momentum, nesterov } => {
                c.push(("momentum", f(momentum)));
                c.push(("nesterov", Value::Bool(nesterov)));
            }
            Kind::Adam {
                beta_1,
                beta_2,
                epsilon,
                amsgrad,
            } => {
                c.push(("beta_1", f(beta_1)));
                c.push(("beta_2", f(beta_2)));
                c.push(("epsilon", f(epsilon)));
                c.push(("amsgrad", Value::Bool(amsgrad)));
            }
            Kind::RmsProp {
                rho,
                momentum,
                epsilon,
                centered,
            } => {
                c.push(("rho", f(rho)));
                c.push(("momentum", f(momentum)));
                c.push(("epsilon", f(epsilon)));
                c.push(("centered", Value::Bool(centered)));
            }
            Kind::Adagrad { initial, epsilon } => {
                c.push(("initial_accumulator_value", f(initial)));
                c.push(("epsilon", f(epsilon)));
            }
        }
        c
    }
}

/// The (gradient, variable) pairs of `grads_and_vars`.
fn pairs(it: &mut Interp, v: &Value) -> R<Vec<(Value, Rc<Variable>)>> {
    let mut out = Vec::new();
    for p in it.collect_items(v)? {
        let items: Vec<Value> = it.collect_items(&p)?;
        match items.as_slice() {
            [g, Value::Variable(var)] => out.push((g.clone(), var.clone())),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    "grads_and_vars must be (gradient, variable) pairs",
                )
            }
        }
    }
    Ok(out)
}

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
            let ps = pairs(it, &gv.unwrap_or(Value::None))?;
            o.apply(it, &ps)
        }
        "minimize" => {
            let [loss, var_list, tape_arg] =
                args.bind("minimize", ["loss", "var_list", "tape=None"])?;
            let vars: Vec<Rc<Variable>> = it
                .collect_items(&var_list.unwrap_or(Value::None))?
                .into_iter()
                .filter_map(|v| match v {
                    Value::Variable(v) => Some(v),
                    _ => None,
                })
                .collect();
            let loss = loss.unwrap_or(Value::None);
            let _ = tape_arg;
            let t = Tape::new(false, true);
            tape::push(&t);
            let value = it.call(&loss, Args::default());
            tape::pop(&t);
            let target = tensor_of(&value?).unwrap_or_else(|| Tensor::scalar(0f32));
            o.step_on(it, &t, target, vars)?;
            Ok(Value::None)
        }
        "get_config" => {
            let mut d = Dict::default();
            for (k, v) in o.config() {
                d.insert(Value::str(k), v)?;
            }
            Ok(Value::Dict(Rc::new(RefCell::new(d))))
        }
        _ => Ok(Value::None),
    }
}

impl Object for Optimizer {
    fn type_name(&self) -> String {
        self.class.into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "learning_rate" | "lr" => Some(Value::Variable(self.learning_rate.clone())),
            "iterations" => Some(Value::Variable(self.iterations.clone())),
            "name" => Some(Value::str(self.class)),
            "apply_gradients" => Some(Value::method(this.clone(), "apply_gradients", method)),
            "minimize" => Some(Value::method(this.clone(), "minimize", method)),
            "get_config" => Some(Value::method(this.clone(), "get_config", method)),
            _ => self
                .config()
                .into_iter()
                .find(|(k, _)| *k == name && !matches!(*k, "name" | "learning_rate"))
                .map(|(_, v)| v),
        })
    }
    fn set_attr(&self, name: &str, value: Value, _it: &mut Interp) -> R<bool> {
        if matches!(name, "learning_rate" | "lr") {
            let v = match &value {
                Value::Int(i) => *i as f64,
                Value::Float(f) => *f,
                other => tensor_of(other).and_then(|t| t.item_f64()).unwrap_or(0.0),
            };
            self.learning_rate.set(Tensor::scalar(v as f32));
            return Ok(true);
        }
        Ok(false)
    }
    fn attr_names(&self) -> Vec<String> {
        [
            "learning_rate",
            "iterations",
            "apply_gradients",
            "minimize",
            "get_config",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
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

/// The arguments every optimizer takes beside its own.
struct Common {
    learning_rate: Value,
    clipnorm: Value,
    clipvalue: Value,
    global_clipnorm: Value,
    kwargs: Value,
}

fn build(it: &mut Interp, class: &'static str, kind: Kind, c: Common) -> R<Value> {
    if let Value::Dict(d) = &c.kwargs {
        if let Some(Value::Str(k)) = d.borrow().keys.first() {
            return Err(type_err(format!(
                "{} is not a valid argument, kwargs should be empty  for `optimizer_experimental.Optimizer`.",
                k
            )));
        }
    }
    let opt = |v: &Value, what: &str| match v {
        Value::None => Ok(None),
        v => f64_arg(v, what).map(Some),
    };
    let clipnorm = opt(&c.clipnorm, "clipnorm")?;
    let clipvalue = opt(&c.clipvalue, "clipvalue")?;
    if clipnorm.is_some() && opt(&c.global_clipnorm, "global_clipnorm")?.is_some() {
        return raise(ExcKind::ValueError,
            format!(
                "At most one of `clipnorm` and `global_clipnorm` can be set. Received: clipnorm={}, global_clipnorm={}.",
                it.repr(&c.clipnorm)?,
                it.repr(&c.global_clipnorm)?
            ),
        );
    }
    let lr = f64_arg(&c.learning_rate, "learning_rate")?;
    let learning_rate = new_var(it, "learning_rate", Tensor::scalar(lr as f32));
    let iterations = new_var(it, "iteration", Tensor::scalar(0i64));
    Ok(Value::Object(Rc::new(Optimizer {
        kind,
        class,
        learning_rate,
        iterations,
        slots: RefCell::new(HashMap::new()),
        clipnorm,
        clipvalue,
    })))
}

crate::builtin! {
    /// Gradient descent (with momentum) optimizer.
    python ["tf.keras.optimizers.SGD"]
    fn SGD(it, learning_rate = 0.01, momentum = 0.0, nesterov = False, weight_decay = None,
        clipnorm = None, clipvalue = None, global_clipnorm = None, use_ema = False,
        ema_momentum = 0.99, ema_overwrite_frequency = None, jit_compile = True, name = "SGD",
        **kwargs) {
        let kind = Kind::Sgd {
            momentum: f64_arg(&momentum, "momentum")?,
            nesterov: it.truthy(&nesterov)?,
        };
        let c = Common { learning_rate, clipnorm, clipvalue, global_clipnorm, kwargs };
        build(it, "SGD", kind, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adam algorithm.
    python ["tf.keras.optimizers.Adam"]
    fn Adam(it, learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07,
        amsgrad = False, weight_decay = None, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = None, jit_compile = True, name = "Adam", **kwargs) {
        let kind = Kind::Adam {
            beta_1: f64_arg(&beta_1, "beta_1")?,
            beta_2: f64_arg(&beta_2, "beta_2")?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
            amsgrad: it.truthy(&amsgrad)?,
        };
        let c = Common { learning_rate, clipnorm, clipvalue, global_clipnorm, kwargs };
        build(it, "Adam", kind, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the RMSprop algorithm.
    python ["tf.keras.optimizers.RMSprop"]
    fn RMSprop(it, learning_rate = 0.001, rho = 0.9, momentum = 0.0, epsilon = 1e-07,
        centered = False, weight_decay = None, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = 100, jit_compile = True, name = "RMSprop", **kwargs) {
        let kind = Kind::RmsProp {
            rho: f64_arg(&rho, "rho")?,
            momentum: f64_arg(&momentum, "momentum")?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
            centered: it.truthy(&centered)?,
        };
        let c = Common { learning_rate, clipnorm, clipvalue, global_clipnorm, kwargs };
        build(it, "RMSprop", kind, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adagrad algorithm.
    python ["tf.keras.optimizers.Adagrad"]
    fn Adagrad(it, learning_rate = 0.001, initial_accumulator_value = 0.1, epsilon = 1e-07,
        weight_decay = None, clipnorm = None, clipvalue = None, global_clipnorm = None,
        use_ema = False, ema_momentum = 0.99, ema_overwrite_frequency = None,
        jit_compile = True, name = "Adagrad", **kwargs) {
        let kind = Kind::Adagrad {
            initial: f64_arg(&initial_accumulator_value, "initial_accumulator_value")?,
            epsilon: f64_arg(&epsilon, "epsilon")?,
        };
        let c = Common { learning_rate, clipnorm, clipvalue, global_clipnorm, kwargs };
        build(it, "Adagrad", kind, c)
    }
}

/// An optimizer from its name (`'adam'`) or the object itself (`compile`, `get`).
pub fn get(it: &mut Interp, v: &Value) -> R<Value> {
    if v.as_object::<Optimizer>().is_some() {
        return Ok(v.clone());
    }
    let name = match v {
        Value::Str(s) => s.to_lowercase(),
        other => {
            return raise(
                ExcKind::ValueError,
                format!(
                    "Could not interpret optimizer identifier: {}",
                    it.repr(other)?
                ),
            )
        }
    };
    let class = match name.as_str() {
        "sgd" => "SGD",
        "adam" => "Adam",
        "rmsprop" => "RMSprop",
        "adagrad" => "Adagrad",
        _ => {
            return raise(
                ExcKind::ValueError,
                format!("Could not interpret optimizer identifier: {}", name),
            )
        }
    };
    let ctor = super::declared(&format!("tf.keras.optimizers.{}", class));
    it.call(&ctor, Args::default())
}

crate::builtin! {
    /// Retrieves a Keras Optimizer instance.
    python ["tf.keras.optimizers.get"]
    fn get(it, identifier, **kwargs) {
        get(it, &identifier)
    }
}
