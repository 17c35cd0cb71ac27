//! `tf.keras.regularizers` (`L1`, `L2`, `L1L2`, their aliases, `get`, `serialize`, the
//! `Regularizer` base class) and [`Penalty`], a layer's regularizer: a built-in one or any
//! Python callable.

use crate::eval::error::{value_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::Tensor;
use std::any::Any;
use std::rc::Rc;

/// A built-in regularizer: `l1 * sum(|x|) + l2 * sum(x**2)` under Keras's class name.
#[derive(Clone, Debug, PartialEq)]
pub struct Regularizer {
    /// `L1`, `L2` or `L1L2`.
    pub class: &'static str,
    pub l1: f32,
    pub l2: f32,
}

impl Regularizer {
    /// The penalty of `x` as Keras computes it (recorded on a running tape).
    pub fn penalty(&self, x: &Tensor) -> R<Tensor> {
        // The factor takes the tensor's dtype (an integer tensor truncates it, as TF does).
        let factor = |c: f32| Tensor::scalar(c).cast(x.dtype());
        let term = |c: f32, op: Unary| -> R<Tensor> {
            let s = reduce::reduce(Reduce::Sum, &ew::unary(op, x)?, None, false)?;
            Ok(ew::binary(Binary::Mul, &factor(c), &s)?)
        };
        Ok(match self.class {
            "L1" => term(self.l1, Unary::Abs)?,
            "L2" => term(self.l2, Unary::Square)?,
            _ => {
                let mut r = factor(0.0);
                if self.l1 != 0.0 {
                    r = ew::binary(Binary::Add, &r, &term(self.l1, Unary::Abs)?)?;
                }
                if self.l2 != 0.0 {
                    r = ew::binary(Binary::Add, &r, &term(self.l2, Unary::Square)?)?;
                }
                r
            }
        })
    }

    /// `get_config()`: the factors as Python floats of their float32 values.
    pub fn config(&self) -> Value {
        let f = |v: f32| Value::Float(v as f64);
        match self.class {
            "L1" => dict_of(vec![("l1", f(self.l1))]),
            "L2" => dict_of(vec![("l2", f(self.l2))]),
            _ => dict_of(vec![("l1", f(self.l1)), ("l2", f(self.l2))]),
        }
    }

    /// The regularizer a string names, as `regularizers.get` resolves it.
    pub fn by_name(name: &str) -> Option<Regularizer> {
        let r = |class, l1, l2| Regularizer { class, l1, l2 };
        Some(match name {
            "l1" | "L1" => r("L1", 0.01, 0.0),
            "l2" | "L2" => r("L2", 0.0, 0.01),
            "l1_l2" => r("L1L2", 0.01, 0.01),
            "L1L2" => r("L1L2", 0.0, 0.0),
            _ => return None,
        })
    }
}

/// A regularizer object: callable on a tensor, with `get_config` and its factors.
pub struct RegObject(pub Regularizer);

impl Object for RegObject {
    fn type_name(&self) -> String {
        self.0.class.into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        let num = |v: f32| Value::ndarray(Tensor::scalar(v));
        Ok(match (name, self.0.class) {
            ("l1", "L1" | "L1L2") => Some(num(self.0.l1)),
            ("l2", "L2" | "L1L2") => Some(num(self.0.l2)),
            ("get_config", _) => Some(Value::method(
                this.clone(),
                "get_config",
                |_, recv, _, a| {
                    a.bind::<0>("get_config", [])?;
                    Ok(recv
                        .as_object::<RegObject>()
                        .map(|r| r.0.config())
                        .unwrap_or(Value::None))
                },
            )),
            _ => None,
        })
    }
    fn attr_names(&self) -> Vec<String> {
        let mut n = vec!["get_config".to_string()];
        match self.0.class {
            "L1" => n.push("l1".into()),
            "L2" => n.push("l2".into()),
            _ => n.extend(["l1".into(), "l2".into()]),
        }
        n
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let [x] = args.bind("__call__", ["x"])?;
        let x = crate::api::convert::to_tensor(it, &x.unwrap_or(Value::None), None)?;
        Ok(Value::Tensor(self.0.penalty(&x)?))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<keras.src.regularizers.{} object at 0x{:x}>",
            self.0.class, self as *const RegObject as usize
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some(format!("keras.src.regularizers.{}", self.0.class))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Keras's `_check_penalty_number`: an int or a finite float; None is the default.
fn penalty_arg(it: &mut Interp, v: &Value, default: f32) -> R<f32> {
    let x = match v {
        Value::None => return Ok(default),
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        other => {
            return Err(value_err(format!(
                "Value {} is not a valid regularization penalty number, expected an int or float value.",
                it.str_of(other)?
            )))
        }
    };
    if !x.is_finite() {
        return Err(value_err(format!(
            "Value {} is not a valid regularization penalty number, an infinite number or NaN are not valid values.",
            it.str_of(v)?
        )));
    }
    Ok(x as f32)
}

fn reg(class: &'static str, l1: f32, l2: f32) -> R<Value> {
    Ok(Value::Object(Rc::new(RegObject(Regularizer {
        class,
        l1,
        l2,
    }))))
}

crate::builtin! {
    /// A regularizer that applies a L1 regularization penalty.
    python ["tf.keras.regularizers.L1", "tf.keras.regularizers.l1"]
    fn L1(it, l1 = 0.01, **kwargs) {
        let l1 = kwarg(&kwargs, "l").unwrap_or(l1);
        reg("L1", penalty_arg(it, &l1, 0.01)?, 0.0)
    }
}

crate::builtin! {
    /// A regularizer that applies a L2 regularization penalty.
    python ["tf.keras.regularizers.L2", "tf.keras.regularizers.l2"]
    fn L2(it, l2 = 0.01, **kwargs) {
        let l2 = kwarg(&kwargs, "l").unwrap_or(l2);
        reg("L2", 0.0, penalty_arg(it, &l2, 0.01)?)
    }
}

crate::builtin! {
    /// A regularizer that applies both L1 and L2 regularization penalties.
    python ["tf.keras.regularizers.L1L2"]
    fn L1L2(it, l1 = 0.0, l2 = 0.0) {
        let a = penalty_arg(it, &l1, 0.0)?;
        let b = penalty_arg(it, &l2, 0.0)?;
        reg("L1L2", a, b)
    }
}

crate::builtin! {
    /// Create a regularizer that applies both L1 and L2 penalties.
    python ["tf.keras.regularizers.l1_l2"]
    fn l1_l2(it, l1 = 0.01, l2 = 0.01) {
        let a = penalty_arg(it, &l1, 0.0)?;
        let b = penalty_arg(it, &l2, 0.0)?;
        reg("L1L2", a, b)
    }
}

crate::builtin! {
    /// Retrieve a regularizer instance from a config or identifier.
    python ["tf.keras.regularizers.get"]
    fn get(it, identifier) {
        get_value(it, &identifier)
    }
}

crate::builtin! {
    /// Serializes a regularizer to its config dict.
    python ["tf.keras.regularizers.serialize"]
    fn serialize(it, regularizer, use_legacy_format = False) {
        match regularizer.as_object::<RegObject>() {
            Some(r) => Ok(serialized(&r.0)),
            None => crate::nn::serial::serialize(it, &regularizer),
        }
    }
}

crate::builtin! {
    /// Deserializes a regularizer from its config dict or name.
    python ["tf.keras.regularizers.deserialize"]
    fn deserialize(it, config, custom_objects = None, use_legacy_format = False) {
        get_value(it, &config)
    }
}

/// The value of a string key of a dict (a `**kwargs` or a config).
fn kwarg(kwargs: &Value, key: &str) -> Option<Value> {
    let Value::Dict(d) = kwargs else { return None };
    let d = d.borrow();
    d.keys
        .iter()
        .position(|k| matches!(k, Value::Str(s) if &**s == key))
        .map(|i| d.values[i].clone())
}

/// `{'module': 'keras.regularizers', 'class_name': 'L2', 'config': {...}, 'registered_name': None}`.
pub fn serialized(r: &Regularizer) -> Value {
    dict_of(vec![
        ("module", Value::str("keras.regularizers")),
        ("class_name", Value::str(r.class)),
        ("config", r.config()),
        ("registered_name", Value::None),
    ])
}

/// A `{'class_name': ..., 'config': {...}}` dict read back: the class and its config.
pub(crate) fn class_and_config(it: &mut Interp, d: &Value) -> R<(String, Value)> {
    let class = match kwarg(d, "class_name") {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => it.str_of(&other)?,
        None => {
            return Err(value_err(format!(
                "Improper config format: {}",
                it.repr(d)?
            )))
        }
    };
    Ok((class, kwarg(d, "config").unwrap_or(Value::None)))
}

/// `regularizers.get`: None, a name, a config dict, a regularizer or any callable. An
/// unknown name comes back as the string, as Keras 2.15 returns it.
pub fn get_value(it: &mut Interp, v: &Value) -> R<Value> {
    match v {
        Value::None => Ok(Value::None),
        Value::Str(s) => match Regularizer::by_name(s) {
            Some(r) => Ok(Value::Object(Rc::new(RegObject(r)))),
            None => Ok(v.clone()),
        },
        Value::Dict(_) => {
            let (class, config) = class_and_config(it, v)?;
            let Some(base) = Regularizer::by_name(&class).filter(|_| class != "l1_l2") else {
                return Err(value_err(format!(
                    "Unknown regularizer: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
                    class
                )));
            };
            let mut r = Regularizer {
                l1: 0.0,
                l2: 0.0,
                ..base
            };
            if let Value::Dict(c) = &config {
                let items: Vec<(Value, Value)> = {
                    let c = c.borrow();
                    c.keys
                        .iter()
                        .cloned()
                        .zip(c.values.iter().cloned())
                        .collect()
                };
                for (k, val) in items {
                    match &k {
                        Value::Str(k) if &**k == "l1" => r.l1 = penalty_arg(it, &val, 0.01)?,
                        Value::Str(k) if &**k == "l2" => r.l2 = penalty_arg(it, &val, 0.01)?,
                        _ => {}
                    }
                }
            }
            if r.class == "L1" && r.l1 == 0.0 && !has_key(&config, "l1") {
                r.l1 = 0.01;
            }
            if r.class == "L2" && r.l2 == 0.0 && !has_key(&config, "l2") {
                r.l2 = 0.01;
            }
            Ok(Value::Object(Rc::new(RegObject(r))))
        }
        _ if v.as_object::<RegObject>().is_some() => Ok(v.clone()),
        _ if it.is_callable(v) => Ok(v.clone()),
        other => Err(value_err(format!(
            "Could not interpret regularizer identifier: {}",
            it.str_of(other)?
        ))),
    }
}

fn has_key(d: &Value, key: &str) -> bool {
    match d {
        Value::Dict(c) => c
            .borrow()
            .keys
            .iter()
            .any(|k| matches!(k, Value::Str(s) if &**s == key)),
        _ => false,
    }
}

/// A layer's regularizer: a built-in one, or any Python callable (a function, an instance of
/// a `Regularizer` subclass) called on the weight or the activity.
#[derive(Clone)]
pub enum Penalty {
    Builtin(Regularizer),
    Callable(Value),
}

impl Penalty {
    /// A regularizer argument of a layer, as `regularizers.get` reads it (None when not
    /// given).
    pub fn from_arg(it: &mut Interp, v: &Value) -> R<Option<Penalty>> {
        let r = get_value(it, v)?;
        Ok(match &r {
            Value::None => None,
            // What `get` passes through is called as it is (an unknown name fails when the
            // losses are read, as in Keras).
            _ => Some(match r.as_object::<RegObject>() {
                Some(o) => Penalty::Builtin(o.0.clone()),
                None => Penalty::Callable(r),
            }),
        })
    }

    /// The penalty of `x` (a weight variable or an activity tensor).
    pub fn apply(&self, it: &mut Interp, x: &Value) -> R<Tensor> {
        match self {
            Penalty::Builtin(r) => {
                let t = match x {
                    Value::Variable(v) => v.read(),
                    other => crate::api::convert::to_tensor(it, other, None)?,
                };
                r.penalty(&t)
            }
            Penalty::Callable(f) => {
                let out = it.call(f, Args::new(vec![x.clone()]))?;
                crate::api::convert::to_tensor(it, &out, None)
            }
        }
    }

    /// The regularizer as the layer's attribute returns it.
    pub fn value(&self) -> Value {
        match self {
            Penalty::Builtin(r) => Value::Object(Rc::new(RegObject(r.clone()))),
            Penalty::Callable(f) => f.clone(),
        }
    }

    /// Its `get_config()` entry (a user callable serialized when the dict is built).
    pub fn config(&self) -> Value {
        match self {
            Penalty::Builtin(r) => serialized(r),
            Penalty::Callable(f) => crate::nn::serial::pending(f),
        }
    }
}
