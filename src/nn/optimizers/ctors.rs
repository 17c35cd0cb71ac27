//! The optimizers' declared constructors (`tf.keras.optimizers.Adam(...)`), the base
//! class's argument checks and errors, and `optimizers.get` by name or config.

use super::rules::Kind;
use super::{new_var, schedules, Base, Optimizer, State};
use crate::api::convert::f64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::Tensor;
use std::cell::RefCell;
use std::rc::Rc;

/// The arguments every optimizer takes beside its own, as given.
struct Common {
    learning_rate: Value,
    weight_decay: Value,
    clipnorm: Value,
    clipvalue: Value,
    global_clipnorm: Value,
    use_ema: Value,
    ema_momentum: Value,
    ema_overwrite_frequency: Value,
    name: Value,
    kwargs: Value,
}

fn opt_f64(v: &Value, what: &str) -> R<Option<f64>> {
    match v {
        Value::None => Ok(None),
        v => f64_arg(v, what).map(Some),
    }
}

/// The base class's checks, in Keras's order: the EMA arguments, `clipnorm` with
/// `global_clipnorm`, then unknown or legacy keyword arguments.
fn base(it: &mut Interp, class: &str, c: &Common) -> R<Base> {
    let use_ema = it.truthy(&c.use_ema)?;
    let ema_m = f64_arg(&c.ema_momentum, "ema_momentum")?;
    let freq = &c.ema_overwrite_frequency;
    if use_ema {
        if !(0.0..=1.0).contains(&ema_m) {
            return raise(
                ExcKind::ValueError,
                format!(
                    "`ema_momentum` must be in the range [0, 1]. Received: ema_momentum={}",
                    it.str_of(&c.ema_momentum)?
                ),
            );
        }
        if it.truthy(freq)? && !matches!(freq, Value::Int(n) if *n >= 1) {
            return raise(
                ExcKind::ValueError,
                format!(
                    "`ema_overwrite_frequency` must be an integer > 1 or None. Received: ema_overwrite_frequency={}",
                    it.str_of(freq)?
                ),
            );
        }
    }
    if !matches!(c.clipnorm, Value::None) && !matches!(c.global_clipnorm, Value::None) {
        return raise(
            ExcKind::ValueError,
            format!(
                "At most one of `clipnorm` and `global_clipnorm` can be set. Received: clipnorm={}, global_clipnorm={}.",
                it.str_of(&c.clipnorm)?,
                it.str_of(&c.global_clipnorm)?
            ),
        );
    }
    if let Value::Dict(d) = &c.kwargs {
        let keys: Vec<Value> = d.borrow().keys.clone();
        for k in keys {
            let k = it.str_of(&k)?;
            match k.as_str() {
                "is_legacy_optimizer" | "lr" | "mesh" => {}
                "decay" | "gradient_aggregator" | "gradient_transformers" => {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "{} is deprecated in the new Keras optimizer, please check the docstring for valid arguments, or use the legacy optimizer, e.g., tf.keras.optimizers.legacy.{}.",
                            k, class
                        ),
                    )
                }
                _ => {
                    return Err(type_err(format!(
                        "{} is not a valid argument, kwargs should be empty  for `optimizer_experimental.Optimizer`.",
                        k
                    )))
                }
            }
        }
    }
    let ema_freq = match freq {
        Value::Int(n) => Some(*n),
        _ => None,
    };
    Ok(Base {
        weight_decay: c.weight_decay.clone(),
        clipnorm: c.clipnorm.clone(),
        global_clipnorm: c.global_clipnorm.clone(),
        clipvalue: c.clipvalue.clone(),
        use_ema,
        ema_momentum: c.ema_momentum.clone(),
        ema_overwrite_frequency: freq.clone(),
        wd: opt_f64(&c.weight_decay, "weight_decay")?,
        clipnorm_f: opt_f64(&c.clipnorm, "clipnorm")?,
        global_f: opt_f64(&c.global_clipnorm, "global_clipnorm")?,
        clipvalue_f: opt_f64(&c.clipvalue, "clipvalue")?,
        ema_m,
        ema_freq,
    })
}

/// The optimizer, its learning rate a variable or a schedule's current value.
fn finish(
    it: &mut Interp,
    class: &'static str,
    kind: Kind,
    hyper: Vec<(&'static str, Value)>,
    base: Base,
    c: Common,
) -> R<Value> {
    let name = match &c.name {
        Value::None => class.to_string(),
        v => it.str_of(v)?,
    };
    let iterations = new_var(it, "iteration", Tensor::scalar(0i64));
    let mut lr = c.learning_rate.clone();
    if matches!(lr, Value::Dict(_)) {
        lr = schedules::deserialize(it, &lr)?;
    }
    let (lr_var, schedule) = if schedules::is_schedule(&lr) {
        let t = schedules::evaluate(it, &lr, &iterations)?;
        (new_var(it, "current_learning_rate", t), Some(lr))
    } else {
        let v = f64_arg(&lr, "learning_rate")?;
        (new_var(it, "learning_rate", Tensor::scalar(v as f32)), None)
    };
    Ok(Value::Object(Rc::new(Optimizer {
        kind,
        class,
        name,
        lr_var: RefCell::new(lr_var),
        schedule: RefCell::new(schedule),
        iterations,
        base,
        hyper,
        state: RefCell::new(State::default()),
        pending_slots: RefCell::new(None),
    })))
}

fn f(v: &Value, what: &str) -> R<f64> {
    f64_arg(v, what)
}

crate::builtin! {
    /// Gradient descent (with momentum) optimizer.
    python ["tf.keras.optimizers.SGD", "tf.keras.optimizers.experimental.SGD"]
    fn SGD(it, learning_rate = 0.01, momentum = 0.0, nesterov = False, weight_decay = None,
        clipnorm = None, clipvalue = None, global_clipnorm = None, use_ema = False,
        ema_momentum = 0.99, ema_overwrite_frequency = None, jit_compile = True, name = "SGD",
        **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "SGD", &c)?;
        let m = f(&momentum, "momentum")?;
        if matches!(momentum, Value::Int(_) | Value::Float(_)) && !(0.0..=1.0).contains(&m) {
            return raise(ExcKind::ValueError, "`momentum` must be between [0, 1].");
        }
        let kind = Kind::Sgd { momentum: m, nesterov: it.truthy(&nesterov)? };
        finish(it, "SGD", kind, vec![("momentum", momentum), ("nesterov", nesterov)], b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adam algorithm.
    python ["tf.keras.optimizers.Adam", "tf.keras.optimizers.experimental.Adam"]
    fn Adam(it, learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07,
        amsgrad = False, weight_decay = None, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = None, jit_compile = True, name = "Adam", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Adam", &c)?;
        let kind = Kind::Adam {
            beta_1: f(&beta_1, "beta_1")?,
            beta_2: f(&beta_2, "beta_2")?,
            epsilon: f(&epsilon, "epsilon")?,
            amsgrad: it.truthy(&amsgrad)?,
        };
        let hyper = vec![("beta_1", beta_1), ("beta_2", beta_2), ("epsilon", epsilon),
            ("amsgrad", amsgrad)];
        finish(it, "Adam", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the AdamW algorithm.
    python ["tf.keras.optimizers.AdamW", "tf.keras.optimizers.experimental.AdamW"]
    fn AdamW(it, learning_rate = 0.001, weight_decay = 0.004, beta_1 = 0.9, beta_2 = 0.999,
        epsilon = 1e-07, amsgrad = False, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = None, jit_compile = True, name = "AdamW", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "AdamW", &c)?;
        if matches!(c.weight_decay, Value::None) {
            return raise(ExcKind::ValueError,
                "Missing value of `weight_decay` which is required and must be a float value.");
        }
        let kind = Kind::Adam {
            beta_1: f(&beta_1, "beta_1")?,
            beta_2: f(&beta_2, "beta_2")?,
            epsilon: f(&epsilon, "epsilon")?,
            amsgrad: it.truthy(&amsgrad)?,
        };
        let hyper = vec![("beta_1", beta_1), ("beta_2", beta_2), ("epsilon", epsilon),
            ("amsgrad", amsgrad)];
        finish(it, "AdamW", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the RMSprop algorithm.
    python ["tf.keras.optimizers.RMSprop", "tf.keras.optimizers.experimental.RMSprop"]
    fn RMSprop(it, learning_rate = 0.001, rho = 0.9, momentum = 0.0, epsilon = 1e-07,
        centered = False, weight_decay = None, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = 100, jit_compile = True, name = "RMSprop", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "RMSprop", &c)?;
        let kind = Kind::RmsProp {
            rho: f(&rho, "rho")?,
            momentum: f(&momentum, "momentum")?,
            epsilon: f(&epsilon, "epsilon")?,
            centered: it.truthy(&centered)?,
        };
        let hyper = vec![("rho", rho), ("momentum", momentum), ("epsilon", epsilon),
            ("centered", centered)];
        finish(it, "RMSprop", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adagrad algorithm.
    python ["tf.keras.optimizers.Adagrad", "tf.keras.optimizers.experimental.Adagrad"]
    fn Adagrad(it, learning_rate = 0.001, initial_accumulator_value = 0.1, epsilon = 1e-07,
        weight_decay = None, clipnorm = None, clipvalue = None, global_clipnorm = None,
        use_ema = False, ema_momentum = 0.99, ema_overwrite_frequency = None,
        jit_compile = True, name = "Adagrad", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Adagrad", &c)?;
        let kind = Kind::Adagrad {
            initial: f(&initial_accumulator_value, "initial_accumulator_value")?,
            epsilon: f(&epsilon, "epsilon")?,
        };
        let hyper = vec![("initial_accumulator_value", initial_accumulator_value),
            ("epsilon", epsilon)];
        finish(it, "Adagrad", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Nadam algorithm.
    python ["tf.keras.optimizers.Nadam", "tf.keras.optimizers.experimental.Nadam"]
    fn Nadam(it, learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07,
        weight_decay = None, clipnorm = None, clipvalue = None, global_clipnorm = None,
        use_ema = False, ema_momentum = 0.99, ema_overwrite_frequency = None,
        jit_compile = True, name = "Nadam", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Nadam", &c)?;
        let kind = Kind::Nadam {
            beta_1: f(&beta_1, "beta_1")?,
            beta_2: f(&beta_2, "beta_2")?,
            epsilon: f(&epsilon, "epsilon")?,
        };
        let hyper = vec![("beta_1", beta_1), ("beta_2", beta_2), ("epsilon", epsilon)];
        finish(it, "Nadam", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adamax algorithm.
    python ["tf.keras.optimizers.Adamax", "tf.keras.optimizers.experimental.Adamax"]
    fn Adamax(it, learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07,
        weight_decay = None, clipnorm = None, clipvalue = None, global_clipnorm = None,
        use_ema = False, ema_momentum = 0.99, ema_overwrite_frequency = None,
        jit_compile = True, name = "Adamax", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Adamax", &c)?;
        let kind = Kind::Adamax {
            beta_1: f(&beta_1, "beta_1")?,
            beta_2: f(&beta_2, "beta_2")?,
            epsilon: f(&epsilon, "epsilon")?,
        };
        let hyper = vec![("beta_1", beta_1), ("beta_2", beta_2), ("epsilon", epsilon)];
        finish(it, "Adamax", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Adadelta algorithm.
    python ["tf.keras.optimizers.Adadelta", "tf.keras.optimizers.experimental.Adadelta"]
    fn Adadelta(it, learning_rate = 0.001, rho = 0.95, epsilon = 1e-07, weight_decay = None,
        clipnorm = None, clipvalue = None, global_clipnorm = None, use_ema = False,
        ema_momentum = 0.99, ema_overwrite_frequency = None, jit_compile = True,
        name = "Adadelta", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Adadelta", &c)?;
        let kind = Kind::Adadelta { rho: f(&rho, "rho")?, epsilon: f(&epsilon, "epsilon")? };
        finish(it, "Adadelta", kind, vec![("rho", rho), ("epsilon", epsilon)], b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the FTRL algorithm.
    python ["tf.keras.optimizers.Ftrl", "tf.keras.optimizers.experimental.Ftrl"]
    fn Ftrl(it, learning_rate = 0.001, learning_rate_power = -0.5,
        initial_accumulator_value = 0.1, l1_regularization_strength = 0.0,
        l2_regularization_strength = 0.0, l2_shrinkage_regularization_strength = 0.0,
        beta = 0.0, weight_decay = None, clipnorm = None, clipvalue = None,
        global_clipnorm = None, use_ema = False, ema_momentum = 0.99,
        ema_overwrite_frequency = None, jit_compile = True, name = "Ftrl", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Ftrl", &c)?;
        let checks: [(&str, &Value, bool); 5] = [
            ("initial_accumulator_value", &initial_accumulator_value, false),
            ("learning_rate_power", &learning_rate_power, true),
            ("l1_regularization_strength", &l1_regularization_strength, false),
            ("l2_regularization_strength", &l2_regularization_strength, false),
            ("l2_shrinkage_regularization_strength", &l2_shrinkage_regularization_strength, false),
        ];
        for (what, v, negative) in checks {
            let x = f(v, what)?;
            if (negative && x > 0.0) || (!negative && x < 0.0) {
                let sign = if negative { "negative" } else { "positive" };
                return raise(ExcKind::ValueError, format!(
                    "`{}` needs to be {} or zero. Received: {}={}.",
                    what, sign, what, it.str_of(v)?
                ));
            }
        }
        let kind = Kind::Ftrl {
            power: f(&learning_rate_power, "learning_rate_power")?,
            initial: f(&initial_accumulator_value, "initial_accumulator_value")?,
            l1: f(&l1_regularization_strength, "l1_regularization_strength")?,
            l2: f(&l2_regularization_strength, "l2_regularization_strength")?,
            shrinkage: f(&l2_shrinkage_regularization_strength,
                "l2_shrinkage_regularization_strength")?,
            beta: f(&beta, "beta")?,
        };
        let hyper = vec![
            ("learning_rate_power", learning_rate_power),
            ("initial_accumulator_value", initial_accumulator_value),
            ("l1_regularization_strength", l1_regularization_strength),
            ("l2_regularization_strength", l2_regularization_strength),
            ("l2_shrinkage_regularization_strength", l2_shrinkage_regularization_strength),
            ("beta", beta),
        ];
        finish(it, "Ftrl", kind, hyper, b, c)
    }
}

crate::builtin! {
    /// Optimizer that implements the Lion algorithm.
    python ["tf.keras.optimizers.Lion"]
    fn Lion(it, learning_rate = 0.0001, beta_1 = 0.9, beta_2 = 0.99, weight_decay = None,
        clipnorm = None, clipvalue = None, global_clipnorm = None, use_ema = False,
        ema_momentum = 0.99, ema_overwrite_frequency = None, jit_compile = True,
        name = "Lion", **kwargs) {
        let c = Common { learning_rate, weight_decay, clipnorm, clipvalue, global_clipnorm,
            use_ema, ema_momentum, ema_overwrite_frequency, name, kwargs };
        let b = base(it, "Lion", &c)?;
        let b1 = f(&beta_1, "beta_1")?;
        if b1 <= 0.0 || b1 > 1.0 {
            return raise(ExcKind::ValueError, format!(
                "`beta_1`={} must be between ]0, 1]. Otherwise, the optimizer degenerates to SignSGD.",
                it.str_of(&beta_1)?
            ));
        }
        let kind = Kind::Lion { beta_1: b1, beta_2: f(&beta_2, "beta_2")? };
        finish(it, "Lion", kind, vec![("beta_1", beta_1), ("beta_2", beta_2)], b, c)
    }
}

/// The classes `optimizers.get` finds by (lower-cased) name.
const BY_NAME: &[(&str, &str)] = &[
    ("adadelta", "Adadelta"),
    ("adagrad", "Adagrad"),
    ("adam", "Adam"),
    ("adamax", "Adamax"),
    ("experimentaladadelta", "Adadelta"),
    ("experimentaladagrad", "Adagrad"),
    ("experimentaladam", "Adam"),
    ("experimentalsgd", "SGD"),
    ("nadam", "Nadam"),
    ("rmsprop", "RMSprop"),
    ("sgd", "SGD"),
    ("ftrl", "Ftrl"),
];

fn unknown(name: &str) -> R<Value> {
    raise(
        ExcKind::ValueError,
        format!(
            "Unknown optimizer: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
            name
        ),
    )
}

/// An optimizer from its name (`'adam'`), its config dict (`{'class_name': 'Adam',
/// 'config': {...}}`) or the object itself (`compile`, `get`).
pub(crate) fn get(it: &mut Interp, v: &Value) -> R<Value> {
    if v.as_object::<Optimizer>().is_some() {
        return Ok(v.clone());
    }
    let (name, config) = match v {
        Value::Str(s) => (s.to_string(), None),
        Value::Dict(d) => {
            let d = d.borrow();
            let field = |k: &str| {
                d.keys
                    .iter()
                    .position(|x| matches!(x, Value::Str(s) if &**s == k))
                    .map(|i| d.values[i].clone())
            };
            let name = match field("class_name") {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            (name, field("config"))
        }
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
    let lower = name.to_lowercase();
    let Some((_, class)) = BY_NAME.iter().find(|(n, _)| *n == lower) else {
        return unknown(&name);
    };
    let ctor = crate::nn::declared(&format!("tf.keras.optimizers.{}", class));
    let mut args = Args::default();
    if let Some(Value::Dict(c)) = config {
        let c = c.borrow();
        for (k, v) in c.keys.iter().zip(&c.values) {
            if let Value::Str(k) = k {
                args.kw.push((k.to_string(), v.clone()));
            }
        }
    }
    it.call(&ctor, args)
}

crate::builtin! {
    /// Retrieves a Keras Optimizer instance.
    python ["tf.keras.optimizers.get"]
    fn get(it, identifier, **kwargs) {
        get(it, &identifier)
    }
}

crate::builtin! {
    /// Serialize the optimizer configuration to JSON compatible python dict.
    python ["tf.keras.optimizers.serialize"]
    fn serialize(it, optimizer, use_legacy_format = False) {
        let Some(o) = optimizer.as_object::<Optimizer>() else {
            return Err(type_err(format!(
                "Cannot serialize {} as a Keras optimizer",
                it.repr(&optimizer)?
            )));
        };
        let config = o.config_dict(it)?;
        let mut d = crate::eval::value::Dict::default();
        // The first name Keras exports the class under.
        let module = if matches!(o.class, "Adam" | "AdamW" | "Lion") {
            "keras.optimizers"
        } else {
            "keras.optimizers.experimental"
        };
        d.insert(Value::str("module"), Value::str(module))?;
        d.insert(Value::str("class_name"), Value::str(o.class))?;
        d.insert(Value::str("config"), config)?;
        d.insert(Value::str("registered_name"), Value::None)?;
        Ok(Value::Dict(Rc::new(RefCell::new(d))))
    }
}

crate::builtin! {
    /// Inverse of the `serialize` function.
    python ["tf.keras.optimizers.deserialize"]
    fn deserialize(it, config, custom_objects = None, use_legacy_format = False, **kwargs) {
        get(it, &config)
    }
}
