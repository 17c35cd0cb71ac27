//! `tf.keras.constraints`: `MaxNorm`, `NonNeg`, `UnitNorm`, `MinMaxNorm` (and their
//! snake-case aliases), `get` and `serialize`, with Keras 2.15's formulas; and
//! [`apply_after_update`], which an optimizer runs on each variable it updated:
//! `var.assign(constraint(var))` with the variable's own constraint or its layer's.

use crate::eval::error::{value_err, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::rc::Rc;

/// Keras's `backend.epsilon()`.
const EPSILON: f32 = 1e-7;

#[derive(Clone, Debug)]
pub enum Kind {
    MaxNorm,
    NonNeg,
    UnitNorm,
    MinMaxNorm,
}

/// A constraint object: the kind, its settings as given (for `get_config`) and as numbers.
pub struct ConstraintObject {
    pub kind: Kind,
    /// `(name, value as given)` in Keras's config order.
    pub settings: Vec<(&'static str, Value)>,
    axes: Vec<i64>,
    min_value: f32,
    max_value: f32,
    rate: f32,
}

impl ConstraintObject {
    fn class(&self) -> &'static str {
        match self.kind {
            Kind::MaxNorm => "MaxNorm",
            Kind::NonNeg => "NonNeg",
            Kind::UnitNorm => "UnitNorm",
            Kind::MinMaxNorm => "MinMaxNorm",
        }
    }

    fn config(&self) -> Value {
        dict_of(self.settings.iter().map(|(k, v)| (*k, v.clone())).collect())
    }

    /// The constrained value of `w`.
    pub fn apply(&self, w: &Tensor) -> R<Tensor> {
        let w = if w.dtype() == DType::F32 {
            w.clone()
        } else {
            w.cast(DType::F32)
        };
        let s = |v: f32| Tensor::scalar(v);
        let b = |op, x: &Tensor, y: &Tensor| ew::binary(op, x, y);
        let norms = || -> R<Tensor> {
            let sq = reduce::reduce(
                Reduce::Sum,
                &ew::unary(Unary::Square, &w)?,
                Some(&self.axes),
                true,
            )?;
            Ok(ew::unary(Unary::Sqrt, &sq)?)
        };
        let clip = |x: &Tensor, lo: f32, hi: f32| -> R<Tensor> {
            Ok(b(Binary::Minimum, &b(Binary::Maximum, x, &s(lo))?, &s(hi))?)
        };
        Ok(match self.kind {
            Kind::NonNeg => {
                let keep = ew::compare(Compare::GreaterEqual, &w, &s(0.0))?.cast(DType::F32);
                b(Binary::Mul, &w, &keep)?
            }
            Kind::UnitNorm => b(Binary::Div, &w, &b(Binary::Add, &s(EPSILON), &norms()?)?)?,
            Kind::MaxNorm => {
                let n = norms()?;
                let desired = clip(&n, 0.0, self.max_value)?;
                let scale = b(Binary::Div, &desired, &b(Binary::Add, &s(EPSILON), &n)?)?;
                b(Binary::Mul, &w, &scale)?
            }
            Kind::MinMaxNorm => {
                let n = norms()?;
                let c = clip(&n, self.min_value, self.max_value)?;
                let desired = b(
                    Binary::Add,
                    &b(Binary::Mul, &s(self.rate), &c)?,
                    &b(Binary::Mul, &s(1.0 - self.rate), &n)?,
                )?;
                let scale = b(Binary::Div, &desired, &b(Binary::Add, &s(EPSILON), &n)?)?;
                b(Binary::Mul, &w, &scale)?
            }
        })
    }
}

impl Object for ConstraintObject {
    fn type_name(&self) -> String {
        self.class().into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some((_, v)) = self.settings.iter().find(|(k, _)| *k == name) {
            return Ok(Some(v.clone()));
        }
        Ok(match name {
            "get_config" => Some(Value::method(
                this.clone(),
                "get_config",
                |_, recv, _, a| {
                    a.bind::<0>("get_config", [])?;
                    Ok(recv
                        .as_object::<ConstraintObject>()
                        .map(|c| c.config())
                        .unwrap_or(Value::None))
                },
            )),
            _ => None,
        })
    }
    fn attr_names(&self) -> Vec<String> {
        let mut n: Vec<String> = self.settings.iter().map(|(k, _)| k.to_string()).collect();
        n.push("get_config".into());
        n
    }
    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let [w] = args.bind("__call__", ["w"])?;
        let w = crate::api::convert::to_tensor(it, &w.unwrap_or(Value::None), None)?;
        Ok(Value::Tensor(self.apply(&w)?))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<keras.src.constraints.{} object at 0x{:x}>",
            self.class(),
            self as *const ConstraintObject as usize
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some(format!("keras.src.constraints.{}", self.class()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An `axis` argument: an int or a list/tuple of ints.
fn axes_arg(it: &mut Interp, v: &Value) -> R<Vec<i64>> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![crate::api::convert::i64_arg(v, "axis")?]),
        _ => it
            .collect_items(v)?
            .iter()
            .map(|x| crate::api::convert::i64_arg(x, "axis"))
            .collect(),
    }
}

fn num(v: &Value, what: &str) -> R<f32> {
    Ok(crate::api::convert::f64_arg(v, what)? as f32)
}

fn make(it: &mut Interp, kind: Kind, settings: Vec<(&'static str, Value)>) -> R<ConstraintObject> {
    let find = |k: &str| {
        settings
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.clone())
    };
    let axes = match find("axis") {
        Some(a) => axes_arg(it, &a)?,
        None => vec![],
    };
    let min_value = find("min_value")
        .map(|v| num(&v, "min_value"))
        .transpose()?;
    let max_value = find("max_value")
        .map(|v| num(&v, "max_value"))
        .transpose()?;
    let rate = find("rate").map(|v| num(&v, "rate")).transpose()?;
    Ok(ConstraintObject {
        kind,
        settings,
        axes,
        min_value: min_value.unwrap_or(0.0),
        max_value: max_value.unwrap_or(0.0),
        rate: rate.unwrap_or(1.0),
    })
}

fn obj(c: ConstraintObject) -> R<Value> {
    Ok(Value::Object(Rc::new(c)))
}

crate::builtin! {
    /// MaxNorm weight constraint.
    python ["tf.keras.constraints.MaxNorm", "tf.keras.constraints.max_norm"]
    fn MaxNorm(it, max_value = 2, axis = 0) {
        let c = make(it, Kind::MaxNorm, vec![("max_value", max_value), ("axis", axis)])?;
        obj(c)
    }
}

crate::builtin! {
    /// Constrains the weights to be non-negative.
    python ["tf.keras.constraints.NonNeg", "tf.keras.constraints.non_neg"]
    fn NonNeg(it) {
        let c = make(it, Kind::NonNeg, vec![])?;
        obj(c)
    }
}

crate::builtin! {
    /// Constrains the weights incident to each hidden unit to have unit norm.
    python ["tf.keras.constraints.UnitNorm", "tf.keras.constraints.unit_norm"]
    fn UnitNorm(it, axis = 0) {
        let c = make(it, Kind::UnitNorm, vec![("axis", axis)])?;
        obj(c)
    }
}

crate::builtin! {
    /// MinMaxNorm weight constraint.
    python ["tf.keras.constraints.MinMaxNorm", "tf.keras.constraints.min_max_norm"]
    fn MinMaxNorm(it, min_value = 0.0, max_value = 1.0, rate = 1.0, axis = 0) {
        let c = make(it, Kind::MinMaxNorm, vec![
            ("min_value", min_value),
            ("max_value", max_value),
            ("rate", rate),
            ("axis", axis),
        ])?;
        obj(c)
    }
}

crate::builtin! {
    /// Retrieves a Keras constraint function.
    python ["tf.keras.constraints.get"]
    fn get(it, identifier) {
        get_value(it, &identifier)
    }
}

crate::builtin! {
    /// Serializes a constraint to its config dict.
    python ["tf.keras.constraints.serialize"]
    fn serialize(it, constraint, use_legacy_format = False) {
        crate::nn::serial::resolve(it, serialized(&constraint))
    }
}

/// The default constraint a name stands for.
fn by_name(it: &mut Interp, name: &str) -> R<Option<ConstraintObject>> {
    let f = Value::Float;
    Ok(Some(match name {
        "max_norm" | "MaxNorm" => make(
            it,
            Kind::MaxNorm,
            vec![("max_value", Value::Int(2)), ("axis", Value::Int(0))],
        )?,
        "non_neg" | "NonNeg" => make(it, Kind::NonNeg, vec![])?,
        "unit_norm" | "UnitNorm" => make(it, Kind::UnitNorm, vec![("axis", Value::Int(0))])?,
        "min_max_norm" | "MinMaxNorm" => make(
            it,
            Kind::MinMaxNorm,
            vec![
                ("min_value", f(0.0)),
                ("max_value", f(1.0)),
                ("rate", f(1.0)),
                ("axis", Value::Int(0)),
            ],
        )?,
        _ => return Ok(None),
    }))
}

/// `constraints.get`: None, a name, a config dict, a constraint or any callable.
pub fn get_value(it: &mut Interp, v: &Value) -> R<Value> {
    match v {
        Value::None => Ok(Value::None),
        Value::Str(s) => match by_name(it, s)? {
            Some(c) => obj(c),
            None => Err(unknown(s)),
        },
        Value::Dict(_) => {
            let (class, config) = crate::nn::regularizers::class_and_config(it, v)?;
            let Some(mut c) = by_name(it, &class)? else {
                return Err(unknown(&class));
            };
            if let Value::Dict(d) = &config {
                let items: Vec<(Value, Value)> = {
                    let d = d.borrow();
                    d.keys
                        .iter()
                        .cloned()
                        .zip(d.values.iter().cloned())
                        .collect()
                };
                let mut settings = c.settings.clone();
                for (k, val) in items {
                    if let Value::Str(k) = k {
                        if let Some(slot) = settings.iter_mut().find(|(n, _)| **n == *k) {
                            slot.1 = val;
                        }
                    }
                }
                c = make(it, c.kind, settings)?;
            }
            obj(c)
        }
        _ if it.is_callable(v) => Ok(v.clone()),
        other => Err(value_err(format!(
            "Could not interpret constraint function identifier: {}",
            it.str_of(other)?
        ))),
    }
}

fn unknown(name: &str) -> crate::eval::Flow {
    value_err(format!(
        "Unknown constraint: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
        name
    ))
}

/// A layer's constraint argument: None or a callable.
pub fn get_opt(it: &mut Interp, v: &Value) -> R<Option<Value>> {
    let c = get_value(it, v)?;
    Ok((!matches!(c, Value::None)).then_some(c))
}

/// `{'module': 'keras.constraints', 'class_name': 'MaxNorm', 'config': {...}, ...}`; a
/// user callable is serialized when the config dict is built (`serial`).
pub fn serialized(c: &Value) -> Value {
    match c.as_object::<ConstraintObject>() {
        Some(o) => dict_of(vec![
            ("module", Value::str("keras.constraints")),
            ("class_name", Value::str(o.class())),
            ("config", o.config()),
            ("registered_name", Value::None),
        ]),
        None => crate::nn::serial::pending(c),
    }
}

/// After an optimizer updated `var`: `var.assign(constraint(var))` with the variable's
/// constraint (`tf.Variable(..., constraint=f)`) or its layer's.
pub fn apply_after_update(it: &mut Interp, var: &Rc<Variable>) -> R<()> {
    let c = crate::api::variable_constraints::get(var.id)
        .or_else(|| crate::nn::penalties::layer_constraint(var));
    let Some(c) = c else { return Ok(()) };
    let new = match c.as_object::<ConstraintObject>() {
        Some(o) => o.apply(&var.value.borrow().clone())?,
        None => {
            let out = it.call(&c, Args::new(vec![Value::Variable(var.clone())]))?;
            crate::api::convert::to_tensor(it, &out, None)?
        }
    };
    let cur = var.value.borrow().clone();
    if new.shape() != cur.shape() {
        return Err(value_err(format!(
            "Cannot assign value to variable ' {} ': Shape mismatch.The variable shape {}, and the assigned value shape {} are incompatible.",
            var.name.borrow().trim_end_matches(":0"),
            crate::print::shape_tuple(cur.shape()),
            crate::print::shape_tuple(new.shape())
        )));
    }
    var.set(new.cast(cur.dtype()));
    Ok(())
}
