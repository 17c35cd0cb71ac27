//! The compile settings a saved model keeps, and compiling a loaded model from them. A
//! `.keras` file keeps them as `compile_config` (the optimizer, loss and metrics
//! serialized as `{'module', 'class_name', 'config', 'registered_name'}` entries or as the
//! names given); a `.h5` file as `training_config` (`optimizer_config` under Keras 2.15's
//! registered name `Custom>Adam`, metrics as Keras compiled them).

use super::field;
use super::model_config::keras_attr;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use crate::nn::training::Compiled;

/// An optimizer, loss or metric as a config holds it: a name stays a name; an object with
/// `get_config` becomes its serialized entry; a function its name.
fn serialize(it: &mut Interp, v: &Value, module: &str) -> R<Value> {
    match v {
        Value::Str(_) | Value::None => return Ok(v.clone()),
        Value::Builtin(_) | Value::Function(_) => return it.get_attr(v, "__name__"),
        _ => {}
    }
    let Ok(get_config) = it.get_attr(v, "get_config") else {
        return Ok(Value::str(&v.type_name()));
    };
    let config = it.call(&get_config, Args::new(vec![]))?;
    Ok(dict_of(vec![
        ("module", Value::str(module)),
        ("class_name", Value::str(&v.type_name())),
        ("config", config),
        ("registered_name", Value::None),
    ]))
}

fn metrics_list(it: &mut Interp, c: &Compiled) -> R<Value> {
    if c.metrics_given().is_empty() {
        return Ok(Value::None);
    }
    let mut out = Vec::new();
    for m in c.metrics_given() {
        out.push(serialize(it, m, "keras.metrics")?);
    }
    Ok(Value::list(out))
}

/// `compile_config` of a `.keras` file's `config.json`.
pub(crate) fn compile_config(it: &mut Interp, c: &Compiled) -> R<Value> {
    let optimizer = serialize(it, &c.optimizer, "keras.optimizers")?;
    let loss = serialize(it, &c.loss, "keras.losses")?;
    let metrics = metrics_list(it, c)?;
    Ok(dict_of(vec![
        ("optimizer", optimizer),
        ("loss", loss),
        ("metrics", metrics),
        ("loss_weights", Value::None),
        ("weighted_metrics", Value::None),
        ("run_eagerly", Value::None),
        ("steps_per_execution", Value::None),
        ("jit_compile", Value::None),
    ]))
}

/// `training_config` of a `.h5` model file.
pub(crate) fn training_config(it: &mut Interp, c: &Compiled) -> R<Value> {
    let get_config = it.get_attr(&c.optimizer, "get_config")?;
    let opt_config = it.call(&get_config, Args::new(vec![]))?;
    let loss = serialize(it, &c.loss, "keras.losses")?;
    let metrics = metrics_list(it, c)?;
    Ok(dict_of(vec![
        ("loss", loss),
        ("metrics", metrics),
        ("weighted_metrics", Value::None),
        ("loss_weights", Value::None),
        (
            "optimizer_config",
            dict_of(vec![
                (
                    "class_name",
                    Value::str(&format!("Custom>{}", c.optimizer.type_name())),
                ),
                ("config", opt_config),
            ]),
        ),
    ]))
}

/// A serialized loss or metric made again: an entry's class from `keras.<module>` called
/// with its config; Keras's `MeanMetricWrapper` of a named metric is that name.
fn deserialize(it: &mut Interp, v: &Value, module: &str) -> R<Value> {
    let Value::Dict(_) = v else {
        return Ok(v.clone());
    };
    let class = match field(v, "class_name") {
        Some(Value::Str(s)) => s.trim_start_matches("Custom>").to_string(),
        _ => return Ok(v.clone()),
    };
    let config = field(v, "config").unwrap_or(Value::None);
    if class == "MeanMetricWrapper" {
        return Ok(field(&config, "name").unwrap_or(Value::None));
    }
    let Some(cls) = keras_attr(it, &format!("{}.{}", module, class))? else {
        return Ok(Value::str(&class));
    };
    let mut kw = Vec::new();
    if let Value::Dict(d) = &config {
        let d = d.borrow();
        for (k, x) in d.keys.iter().zip(&d.values) {
            if let Value::Str(k) = k {
                // The function a loss object wraps is its class's own.
                if &**k != "fn" {
                    kw.push((k.to_string(), x.clone()));
                }
            }
        }
    }
    it.call(&cls, Args { pos: vec![], kw })
}

fn flat_metrics(it: &mut Interp, v: &Value, out: &mut Vec<Value>) -> R<()> {
    match v {
        Value::List(_) | Value::Tuple(_) => {
            for x in it.collect_items(v)? {
                flat_metrics(it, &x, out)?;
            }
        }
        Value::None => {}
        other => out.push(deserialize(it, other, "metrics")?),
    }
    Ok(())
}

/// Compiles a loaded model from a saved `compile_config` or `training_config` (`h5`: a
/// loss named in a `.h5` file comes back as Keras's function of that name).
pub(crate) fn compile_from(it: &mut Interp, model: &Value, config: &Value, h5: bool) -> R<()> {
    let optimizer = match field(config, "optimizer_config").or_else(|| field(config, "optimizer")) {
        Some(Value::Dict(d)) => {
            let v = Value::Dict(d);
            let class = match field(&v, "class_name") {
                Some(Value::Str(s)) => s.trim_start_matches("Custom>").to_string(),
                _ => String::new(),
            };
            let inner = field(&v, "config").unwrap_or(Value::None);
            crate::nn::optimizers::get(
                it,
                &dict_of(vec![("class_name", Value::str(&class)), ("config", inner)]),
            )?
        }
        Some(other) => other,
        None => Value::str("rmsprop"),
    };
    let loss = match field(config, "loss") {
        Some(Value::Str(name)) if h5 => match keras_attr(it, &format!("losses.{}", name))? {
            Some(f) => f,
            None => Value::Str(name),
        },
        Some(l) => deserialize(it, &l, "losses")?,
        None => Value::None,
    };
    let mut metrics = Vec::new();
    if let Some(m) = field(config, "metrics") {
        flat_metrics(it, &m, &mut metrics)?;
    }
    let compile = it.get_attr(model, "compile")?;
    let mut kw = vec![
        ("optimizer".to_string(), optimizer),
        ("loss".to_string(), loss),
    ];
    if !metrics.is_empty() {
        kw.push(("metrics".to_string(), Value::list(metrics)));
    }
    it.call(&compile, Args { pos: vec![], kw })?;
    Ok(())
}
