//! A functional model rebuilt from its config, as Keras's `functional_from_config` does:
//! every layer made from its entry, inputs made from their `InputLayer` entries, then the
//! layers' calls (`inbound_nodes`) replayed on the symbolic tensors they name. A call whose
//! inputs are not made yet waits for a later pass; a pass that makes no call at all means
//! the config names tensors no call makes.

use super::field;
use super::model_config::{deserialize_layer, keras_attr};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use std::collections::HashMap;

fn items(it: &mut Interp, v: &Option<Value>) -> R<Vec<Value>> {
    match v {
        Some(v @ (Value::List(_) | Value::Tuple(_))) => it.collect_items(v),
        _ => Ok(vec![]),
    }
}

/// The outputs of each layer's calls so far, by layer name (a model keeps slot 0).
struct Made(HashMap<String, Vec<Value>>);

impl Made {
    /// The tensor `[layer, node, tensor]` names, once that call is made.
    fn tensor(&self, it: &mut Interp, coords: &[Value]) -> R<Option<Value>> {
        let (Some(Value::Str(layer)), Some(Value::Int(node)), Some(Value::Int(index))) =
            (coords.first(), coords.get(1), coords.get(2))
        else {
            return Err(value_err(
                "Improper config format: a node is not [layer, node, tensor]",
            ));
        };
        let Some(outs) = self.0.get(&**layer) else {
            return Ok(None);
        };
        let Some(out) = outs.get(*node as usize) else {
            return Ok(None);
        };
        let flat = match out {
            Value::List(_) | Value::Tuple(_) => it.collect_items(out)?,
            other => vec![other.clone()],
        };
        Ok(flat.get(*index as usize).cloned())
    }
}

/// Whether a config value is a `[layer, node, tensor]` reference to a symbolic tensor.
fn is_coords(v: &[Value]) -> bool {
    matches!(v, [Value::Str(_), Value::Int(_), Value::Int(_)])
}

/// The call keywords of a node, with tensor references replaced by the tensors.
fn keywords(it: &mut Interp, made: &Made, kw: &Value) -> R<Option<Vec<(String, Value)>>> {
    let Value::Dict(d) = kw else {
        return Ok(Some(vec![]));
    };
    let pairs: Vec<(Value, Value)> = {
        let d = d.borrow();
        d.keys
            .iter()
            .cloned()
            .zip(d.values.iter().cloned())
            .collect()
    };
    let mut out = Vec::new();
    for (k, v) in pairs {
        let Value::Str(k) = k else { continue };
        let v = match &v {
            Value::List(l) if is_coords(&l.borrow()) => {
                let coords = l.borrow().clone();
                match made.tensor(it, &coords)? {
                    Some(t) => t,
                    None => return Ok(None),
                }
            }
            _ => v,
        };
        out.push((k.to_string(), v));
    }
    Ok(Some(out))
}

/// Replays one call; false when its inputs are not made yet.
fn replay(it: &mut Interp, made: &mut Made, name: &str, layer: &Value, node: &Value) -> R<bool> {
    let refs = it.collect_items(node)?;
    let mut inputs = Vec::new();
    let mut kw = Value::None;
    for r in &refs {
        let parts = it.collect_items(r)?;
        if let Some(k) = parts.get(3) {
            kw = k.clone();
        }
        if matches!(parts.first(), Some(Value::Str(s)) if &**s == "_CONSTANT_VALUE") {
            inputs.push(parts.get(2).cloned().unwrap_or(Value::None));
            continue;
        }
        match made.tensor(it, &parts)? {
            Some(t) => inputs.push(t),
            None => return Ok(false),
        }
    }
    let Some(kwargs) = keywords(it, made, &kw)? else {
        return Ok(false);
    };
    let arg = match inputs.len() {
        1 => inputs.pop().unwrap_or(Value::None),
        _ => Value::list(inputs),
    };
    let out = it.call(
        layer,
        Args {
            pos: vec![arg],
            kw: kwargs,
        },
    )?;
    made.0.entry(name.to_string()).or_default().push(out);
    Ok(true)
}

/// The tensors a list of `[layer, node, tensor]` coordinates names, a single one unnested.
fn endpoints(it: &mut Interp, made: &Made, coords: &Option<Value>) -> R<Value> {
    let mut out = Vec::new();
    for c in items(it, coords)? {
        let parts = it.collect_items(&c)?;
        match made.tensor(it, &parts)? {
            Some(t) => out.push(t),
            None => {
                return Err(value_err(
                    "Improper config format: an input or output names no tensor",
                ))
            }
        }
    }
    Ok(match out.len() {
        1 => out.pop().unwrap_or(Value::None),
        _ => Value::list(out),
    })
}

/// `Functional.from_config`.
pub(crate) fn rebuild(
    it: &mut Interp,
    config: &Value,
    layers: &[Value],
    name: Value,
    custom: &Value,
) -> R<Value> {
    let mut made = Made(HashMap::new());
    let mut waiting: Vec<(String, Value, Vec<Value>)> = Vec::new();
    for entry in layers {
        let lname = match field(entry, "name").or_else(|| field(&field(entry, "config")?, "name")) {
            Some(Value::Str(s)) => s.to_string(),
            _ => return Err(value_err("Improper config format: a layer has no name")),
        };
        let is_input =
            matches!(field(entry, "class_name"), Some(Value::Str(c)) if &*c == "InputLayer");
        if is_input {
            let t = input_tensor(it, &field(entry, "config").unwrap_or(Value::None))?;
            made.0.insert(lname, vec![t]);
            continue;
        }
        let layer = deserialize_layer(it, entry, custom)?;
        let slots = if super::model_config::model_class(&layer).is_some() {
            vec![Value::None]
        } else {
            vec![]
        };
        made.0.insert(lname.clone(), slots);
        let nodes = items(it, &field(entry, "inbound_nodes"))?;
        waiting.push((lname, layer, nodes));
    }
    while waiting.iter().any(|(_, _, n)| !n.is_empty()) {
        it.check_interrupt()?;
        let mut progress = false;
        for (lname, layer, nodes) in waiting.iter_mut() {
            while let Some(node) = nodes.first().cloned() {
                if !replay(it, &mut made, lname, layer, &node)? {
                    break;
                }
                nodes.remove(0);
                progress = true;
            }
        }
        if !progress {
            return raise(
                ExcKind::ValueError,
                "Improper config format: some layer calls name tensors no call makes",
            );
        }
    }
    let inputs = endpoints(it, &made, &field(config, "input_layers"))?;
    let outputs = endpoints(it, &made, &field(config, "output_layers"))?;
    let Some(model_cls) = keras_attr(it, "Model")? else {
        return Err(value_err("tf.keras.Model is missing"));
    };
    it.call(
        &model_cls,
        Args {
            pos: vec![inputs, outputs],
            kw: vec![("name".into(), name)],
        },
    )
}

/// `tf.keras.Input` from an `InputLayer` config.
fn input_tensor(it: &mut Interp, config: &Value) -> R<Value> {
    let shape = field(config, "batch_input_shape").unwrap_or(Value::None);
    let dims = items(it, &Some(shape))?;
    let batch = dims.first().cloned().unwrap_or(Value::None);
    let rest = Value::tuple(dims.into_iter().skip(1).collect());
    let mut kw = vec![
        ("shape".to_string(), rest),
        ("batch_size".to_string(), batch),
    ];
    for key in ["name", "dtype"] {
        if let Some(v) = field(config, key) {
            kw.push((key.to_string(), v));
        }
    }
    let input = crate::nn::declared("tf.keras.Input");
    it.call(&input, Args { pos: vec![], kw })
}
