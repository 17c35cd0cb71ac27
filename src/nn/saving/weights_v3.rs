//! The weights file of Keras's v3 format (`model.weights.h5` inside a `.keras` file, and
//! `save_weights('x.weights.h5')`). Keras walks the model's objects and stores each one's
//! own variables under its path: `vars/` for the model itself, then
//! `layers/<class in snake case>[_n]/vars/<i>` for each layer (numbered per list by class,
//! not by layer name), a recurrent layer's `cell`, a wrapper's `layer`,
//! `forward_layer` and `backward_layer`, a nested model's own `layers/...`, and
//! `optimizer/vars/<i>` (its iteration count, then its slots in the order it made them).

use super::h5::H5Group;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::nn::functional::Functional;
use crate::nn::sequential::Sequential;
use std::collections::HashMap;
use std::rc::Rc;

/// One object of the model: its path in the file, its name for messages and its own
/// variables.
pub(crate) struct Slot {
    pub path: String,
    pub name: String,
    pub vars: Vec<Rc<Variable>>,
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{}/{}", a, b)
    }
}

/// The layers of a model, in `model.layers` order.
pub(crate) fn model_layers(model: &Value) -> Option<Vec<Value>> {
    if let Some(s) = model.as_object::<Sequential>() {
        return Some(s.layers.borrow().clone());
    }
    if let Some(f) = model.as_object::<Functional>() {
        return Some(f.layers.clone());
    }
    None
}

/// A layer's or model's own variables: trainable ones first, as Keras stores them.
fn own_vars(v: &Value) -> Vec<Rc<Variable>> {
    if let Some(n) = crate::nn::native_layer(v) {
        return own_vars(&n);
    }
    let Some(l) = crate::nn::layer_ref(v) else {
        return vec![];
    };
    let own: Vec<Rc<Variable>> = l.weights.borrow().iter().map(|(_, v)| v.clone()).collect();
    let trainable = l.trainable.get();
    let (mut t, n): (Vec<_>, Vec<_>) = own.into_iter().partition(|v| v.trainable && trainable);
    t.extend(n);
    t
}

fn walk(v: &Value, path: &str, out: &mut Vec<Slot>, seen: &mut Vec<usize>) {
    let id = v.identity();
    if seen.contains(&id) {
        return;
    }
    seen.push(id);
    out.push(Slot {
        path: join(path, "vars"),
        name: crate::nn::keras_tensor::layer_name(v),
        vars: own_vars(v),
    });
    if let Some(layers) = model_layers(v) {
        let mut used: HashMap<String, usize> = HashMap::new();
        for l in &layers {
            let base = crate::nn::snake_case(&class_of(l));
            let n = used.entry(base.clone()).or_insert(0);
            let name = if *n == 0 {
                base.clone()
            } else {
                format!("{}_{}", base, n)
            };
            *n += 1;
            walk(l, &join(path, &join("layers", &name)), out, seen);
        }
        return;
    }
    if let Value::Instance(inst) = v {
        walk_attributes(v, inst, path, out, seen);
        return;
    }
    if let Some(l) = crate::nn::layer_ref(v) {
        for attr in ["backward_layer", "cell", "forward_layer", "layer"] {
            if let Some(child) = l.kind.attr(attr) {
                if crate::nn::layer_ref(&child).is_some() || model_layers(&child).is_some() {
                    walk(&child, &join(path, attr), out, seen);
                }
            }
        }
    }
}

fn is_layer(v: &Value) -> bool {
    crate::nn::layer_ref(v).is_some()
        || model_layers(v).is_some()
        || crate::nn::native_layer(v).is_some()
}

/// A user layer's or model's attributes as Keras 2.15 walks them: in reverse `dir()`
/// order, a layer under the attribute's name, the layers of a list, tuple or dict as a
/// container; a model's `layers` takes its place in that order, so the attributes
/// sorting before `layers` are saved inside it (`layers/dense`, not `d1`).
fn walk_attributes(
    v: &Value,
    inst: &crate::eval::value::Instance,
    path: &str,
    out: &mut Vec<Slot>,
    seen: &mut Vec<usize>,
) {
    let mut names = inst.attr_order.borrow().clone();
    let model = crate::nn::custom::is_model_instance(v);
    if model && !names.iter().any(|n| n == "layers") {
        names.push("layers".into());
    }
    names.sort();
    names.reverse();
    for name in names {
        if name.starts_with("__") {
            continue;
        }
        if model && name == "layers" {
            let layers = crate::nn::native_layer(v)
                .and_then(|n| crate::nn::layer_ref(&n).map(|l| l.sublayers.borrow().clone()))
                .unwrap_or_default();
            container(&layers, &join(path, "layers"), out, seen);
            continue;
        }
        let Some(value) = inst.dict.borrow().get(&name).cloned() else {
            continue;
        };
        if is_layer(&value) {
            walk(&value, &join(path, &name), out, seen);
            continue;
        }
        let items: Vec<Value> = match &value {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            Value::Dict(d) => d.borrow().values.clone(),
            _ => continue,
        };
        container(&items, &join(path, &name), out, seen);
    }
}

/// The layers of a list under `path`, each as `<class in snake case>[_n]`, skipping those
/// already saved.
fn container(items: &[Value], path: &str, out: &mut Vec<Slot>, seen: &mut Vec<usize>) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for item in items.iter().filter(|x| is_layer(x)) {
        if seen.contains(&item.identity()) {
            continue;
        }
        let base = crate::nn::snake_case(&class_of(item));
        let n = used.entry(base.clone()).or_insert(0);
        let child = if *n == 0 {
            base.clone()
        } else {
            format!("{}_{}", base, n)
        };
        *n += 1;
        walk(item, &join(path, &child), out, seen);
    }
}

fn class_of(v: &Value) -> String {
    if let Some(l) = crate::nn::layer_ref(v) {
        return l.class_name.clone();
    }
    match super::model_config::model_class(v) {
        Some(c) => c.to_string(),
        None => v.type_name(),
    }
}

/// Every object of the model with its path, the optimizer's last when it has one.
pub(crate) fn slots(model: &Value, with_optimizer: bool) -> Vec<Slot> {
    let mut out = Vec::new();
    walk(model, "", &mut out, &mut Vec::new());
    if with_optimizer {
        if let Some(opt) = optimizer_of(model) {
            let vars = optimizer_vars(&opt);
            out.push(Slot {
                path: "optimizer/vars".into(),
                name: "optimizer".into(),
                vars,
            });
        }
    }
    out
}

/// The optimizer `compile` gave the model, if any.
pub(crate) fn optimizer_of(model: &Value) -> Option<Value> {
    let compiled = crate::nn::training::compiled(model)?;
    Some(compiled.optimizer.clone()).filter(|o| !matches!(o, Value::None))
}

/// The optimizer's variables (`optimizer.variables`); none for an optimizer of a user class.
pub(crate) fn optimizer_vars(opt: &Value) -> Vec<Rc<Variable>> {
    opt.as_object::<crate::nn::optimizers::Optimizer>()
        .map(|o| o.variables())
        .unwrap_or_default()
}

/// The weights file's tree for a model.
pub(crate) fn save(model: &Value, with_optimizer: bool) -> H5Group {
    let mut root = H5Group::default();
    for slot in slots(model, with_optimizer) {
        let mut g = &mut root;
        for p in slot.path.split('/') {
            g = g.group_mut(p);
        }
        for (i, v) in slot.vars.iter().enumerate() {
            g.datasets.push((i.to_string(), v.value.borrow().clone()));
        }
    }
    root
}

/// Assigns the variables a weights file holds. A layer whose count differs is an error
/// (Keras's), or with `lenient` a line on stderr, as `load_model` warns; the optimizer's
/// state is skipped with a warning when it does not match.
pub(crate) fn load(
    it: &mut Interp,
    model: &Value,
    root: &H5Group,
    with_optimizer: bool,
    lenient: bool,
) -> R<()> {
    if with_optimizer {
        if let Some(opt) = optimizer_of(model) {
            let build = it.get_attr(&opt, "build")?;
            let vars = crate::nn::trainable_of(model);
            let list = Value::list(vars.into_iter().map(Value::Variable).collect());
            it.call(&build, Args::new(vec![list]))?;
        }
    }
    let mut failed: Vec<String> = Vec::new();
    for slot in slots(model, with_optimizer) {
        let saved = root.at(&slot.path);
        let count = saved.map_or(0, |g| g.datasets.len());
        if slot.path == "optimizer/vars" {
            if count != slot.vars.len() {
                let msg = format!(
                    "Skipping variable loading for optimizer '{}', because it has {} variables whereas the saved optimizer has {} variables. ",
                    optimizer_name(it, model)?,
                    slot.vars.len(),
                    count
                );
                super::log_warning(it, &msg);
                continue;
            }
        } else if count != slot.vars.len() {
            let names: Vec<String> = slot
                .vars
                .iter()
                .map(|v| format!("'{}'", v.name.borrow()))
                .collect();
            let msg = format!(
                "Layer '{}' expected {} variables, but received {} variables during loading. Expected: [{}]",
                slot.name,
                slot.vars.len(),
                count,
                names.join(", ")
            );
            if lenient {
                failed.push(msg);
                continue;
            }
            return raise(ExcKind::ValueError, msg);
        }
        let Some(saved) = saved else { continue };
        for (i, v) in slot.vars.iter().enumerate() {
            let Some(t) = saved.dataset(&i.to_string()) else {
                continue;
            };
            super::weights_h5::assign(it, v, t)?;
        }
    }
    if let Some(first) = failed.first() {
        let msg = format!(
            "A total of {} objects could not be loaded. Example error message for object:\n\n{}",
            failed.len(),
            first
        );
        super::log_warning(it, &msg);
    }
    Ok(())
}

fn optimizer_name(it: &mut Interp, model: &Value) -> R<String> {
    let Some(opt) = optimizer_of(model) else {
        return Ok(String::new());
    };
    match it.get_attr(&opt, "name")? {
        Value::Str(s) => Ok(s.to_string()),
        other => it.str_of(&other),
    }
}
