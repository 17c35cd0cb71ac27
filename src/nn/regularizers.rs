//! `tf.keras.regularizers` (`L1`, `L2`, `L1L2`, their aliases, `get`, `serialize`) and the
//! weight penalties and constraints a layer takes: [`LayerPenalties`] reads a layer's
//! `kernel_regularizer`, `bias_regularizer`, `activity_regularizer`, `kernel_constraint`
//! and `bias_constraint` arguments once for every layer kind, lists its `losses` (activity
//! penalties of the last call first, then the weight penalties, as Keras 2.15 lists them),
//! serializes them for `get_config`, and finds the constraint of a weight after an update.

use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::nn::constraints;
use crate::nn::initializers::dict_of;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::Tensor;
use std::any::Any;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

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
        let num = |v: f32| Value::NdArray(Tensor::scalar(v));
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
            None => Ok(regularizer),
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

/// One layer's regularizers and constraints, shared between its kind (which reads them)
/// and the registry that finds a weight's constraint after an optimizer step.
#[derive(Default)]
pub struct LayerPenalties {
    pub kernel_regularizer: Option<Regularizer>,
    pub bias_regularizer: Option<Regularizer>,
    pub activity_regularizer: Option<Regularizer>,
    /// Constraint callables (a constraint object or any Python callable).
    pub kernel_constraint: Option<Value>,
    pub bias_constraint: Option<Value>,
    /// The layer these belong to, once made.
    owner: RefCell<Option<Weak<dyn Object>>>,
    /// The activity penalties of the layer's last call.
    activity: RefCell<Vec<Tensor>>,
}

thread_local! {
    /// The layers with constraints, to find a variable's after an update.
    static CONSTRAINED: RefCell<Vec<Weak<LayerPenalties>>> = const { RefCell::new(Vec::new()) };
}

/// A regularizer argument of a layer: None, a name or a regularizer object.
fn regularizer_arg(it: &mut Interp, v: &Value) -> R<Option<Regularizer>> {
    let r = get_value(it, v)?;
    match &r {
        Value::None => Ok(None),
        _ => match r.as_object::<RegObject>() {
            Some(o) => Ok(Some(o.0.clone())),
            None => raise(
                crate::errors::ExcKind::NotImplementedError,
                format!(
                    "tensh supports the built-in regularizers (L1, L2, L1L2) only; got {}",
                    it.repr(&r)?
                ),
            ),
        },
    }
}

impl LayerPenalties {
    /// Reads a layer constructor's five arguments as Keras's `regularizers.get` and
    /// `constraints.get` do.
    pub fn from_args(
        it: &mut Interp,
        kernel_regularizer: &Value,
        bias_regularizer: &Value,
        activity_regularizer: &Value,
        kernel_constraint: &Value,
        bias_constraint: &Value,
    ) -> R<Rc<LayerPenalties>> {
        Ok(Rc::new(LayerPenalties {
            kernel_regularizer: regularizer_arg(it, kernel_regularizer)?,
            bias_regularizer: regularizer_arg(it, bias_regularizer)?,
            activity_regularizer: regularizer_arg(it, activity_regularizer)?,
            kernel_constraint: constraints::get_opt(it, kernel_constraint)?,
            bias_constraint: constraints::get_opt(it, bias_constraint)?,
            ..Default::default()
        }))
    }

    /// Ties these to the layer value made with them; returns the layer.
    pub fn attached(self: &Rc<Self>, layer: Value) -> R<Value> {
        if let Value::Object(o) = &layer {
            *self.owner.borrow_mut() = Some(Rc::downgrade(o));
        }
        if self.kernel_constraint.is_some() || self.bias_constraint.is_some() {
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

    /// The `get_config()` entries, in Keras's order.
    pub fn config(&self) -> Vec<(&'static str, Value)> {
        let r = |r: &Option<Regularizer>| r.as_ref().map(serialized).unwrap_or(Value::None);
        let c = |c: &Option<Value>| {
            c.as_ref()
                .map(constraints::serialized)
                .unwrap_or(Value::None)
        };
        vec![
            ("kernel_regularizer", r(&self.kernel_regularizer)),
            ("bias_regularizer", r(&self.bias_regularizer)),
            ("activity_regularizer", r(&self.activity_regularizer)),
            ("kernel_constraint", c(&self.kernel_constraint)),
            ("bias_constraint", c(&self.bias_constraint)),
        ]
    }

    /// The attributes `kernel_regularizer`, ..., `bias_constraint` and `losses`.
    pub fn attr(&self, name: &str) -> Option<Value> {
        let r = |r: &Option<Regularizer>| {
            r.as_ref()
                .map(|r| Value::Object(Rc::new(RegObject(r.clone()))))
                .unwrap_or(Value::None)
        };
        Some(match name {
            "kernel_regularizer" => r(&self.kernel_regularizer),
            "bias_regularizer" => r(&self.bias_regularizer),
            "activity_regularizer" => r(&self.activity_regularizer),
            "kernel_constraint" => self.kernel_constraint.clone().unwrap_or(Value::None),
            "bias_constraint" => self.bias_constraint.clone().unwrap_or(Value::None),
            "losses" => Value::list(self.losses().ok()?.into_iter().map(Value::Tensor).collect()),
            _ => return None,
        })
    }

    /// Records the activity penalty of a call's output: the penalty over the batch size,
    /// replacing the last call's.
    pub fn after_call(&self, y: &Tensor) -> R<()> {
        let Some(r) = &self.activity_regularizer else {
            return Ok(());
        };
        let p = r.penalty(y)?;
        let batch = y.shape().first().copied().unwrap_or(1) as f32;
        let p = ew::binary(Binary::Div, &p, &Tensor::scalar(batch))?;
        *self.activity.borrow_mut() = vec![p];
        Ok(())
    }

    /// The layer's losses: the last call's activity penalties, then the kernel's and the
    /// bias's penalties computed now.
    pub fn losses(&self) -> R<Vec<Tensor>> {
        let mut out = self.activity.borrow().clone();
        let weights = self
            .with_layer(|l| (l.weight("kernel"), l.weight("bias")))
            .unwrap_or((None, None));
        for (r, w) in [
            (&self.kernel_regularizer, weights.0),
            (&self.bias_regularizer, weights.1),
        ] {
            if let (Some(r), Some(w)) = (r, w) {
                out.push(r.penalty(&w.read())?);
            }
        }
        Ok(out)
    }
}

/// The constraint a layer gave the weight `var`, if any.
pub fn layer_constraint(var: &Rc<crate::eval::value::Variable>) -> Option<Value> {
    let all: Vec<Rc<LayerPenalties>> =
        CONSTRAINED.with(|c| c.borrow().iter().filter_map(|w| w.upgrade()).collect());
    for p in all {
        let found = p.with_layer(|l| {
            let is = |a: &str| l.weight(a).is_some_and(|w| Rc::ptr_eq(&w, var));
            if is("kernel") {
                p.kernel_constraint.clone()
            } else if is("bias") {
                p.bias_constraint.clone()
            } else {
                None
            }
        });
        if let Some(Some(c)) = found {
            return Some(c);
        }
    }
    None
}

/// The losses of a layer or model: each layer's (itself first, then the layers it holds,
/// depth first, each once), as `model.losses` lists them.
pub fn model_losses(v: &Value) -> R<Vec<Tensor>> {
    let mut out = Vec::new();
    collect(v, &mut out, &mut Vec::new())?;
    Ok(out)
}

fn collect(v: &Value, out: &mut Vec<Tensor>, seen: &mut Vec<usize>) -> R<()> {
    walk(v, seen, &mut |v| {
        if let Some(l) = crate::nn::layer_ref(v) {
            out.extend(added(v.identity()));
            if let Some(p) = l.kind.penalties() {
                out.extend(p.losses()?);
            }
        }
        Ok(())
    })
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

/// A training or test step's loss with the model's losses added, as Keras's compiled
/// loss adds them (`loss + add_n(model.losses)`).
pub fn with_model_losses(model: &Value, loss: Tensor) -> R<Tensor> {
    let losses = model_losses(model)?;
    let Some((first, rest)) = losses.split_first() else {
        return Ok(loss);
    };
    let mut sum = first.clone();
    for l in rest {
        sum = ew::binary(Binary::Add, &sum, l)?;
    }
    let sum = if sum.dtype() == loss.dtype() {
        sum
    } else {
        sum.cast(loss.dtype())
    };
    Ok(ew::binary(Binary::Add, &loss, &sum)?)
}

thread_local! {
    /// Losses user layers added with `self.add_loss(x)`, by native layer identity.
    static ADDED: RefCell<Vec<(usize, Vec<Tensor>)>> = const { RefCell::new(Vec::new()) };
    /// How many user layer calls are running (losses are cleared at the outermost).
    static DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// `self.add_loss(x)` in a user layer: a loss tensor listed in its `losses` until its next
/// outermost call.
pub fn add_loss(it: &mut Interp, native: &Value, x: &Value) -> R<()> {
    if it.is_callable(x) {
        return raise(
            crate::errors::ExcKind::NotImplementedError,
            "tensh takes loss tensors in add_loss, not callables",
        );
    }
    let t = crate::api::convert::to_tensor(it, x, None)?;
    let id = native.identity();
    ADDED.with(|a| {
        let mut a = a.borrow_mut();
        match a.iter_mut().find(|(i, _)| *i == id) {
            Some((_, v)) => v.push(t),
            None => a.push((id, vec![t])),
        }
    });
    Ok(())
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

/// Marks a user layer's call: the outermost clears the added losses of the layers it holds.
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
