//! A model's config and the model rebuilt from one, as Keras 2.15 writes and reads them:
//! a `Sequential` is its layers in order (after an `InputLayer` when its input shape is
//! known); a functional model is its layers with the calls between them (`inbound_nodes`:
//! `[layer name, node index, tensor index, call keywords]`) and its input and output
//! coordinates. Rebuilding calls each layer on the symbolic tensors its nodes name, in an
//! order that has every input ready, then makes the model from the named inputs and outputs.

use super::entry::serialize_layer;
use super::field;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::functional::Functional;
use crate::nn::initializers::dict_of;
use crate::nn::keras_tensor::{KerasTensor, Node};
use crate::nn::sequential::Sequential;
use std::collections::HashMap;
use std::rc::Rc;

/// `model.get_config()` for a Sequential or functional model; None for anything else.
pub(crate) fn model_config(it: &mut Interp, model: &Value) -> R<Option<Value>> {
    if let Some(s) = model.as_object::<Sequential>() {
        return sequential_config(it, s).map(Some);
    }
    if let Some(f) = model.as_object::<Functional>() {
        return functional_config(it, f).map(Some);
    }
    Ok(None)
}

/// The class name a model's serialized form carries.
pub(crate) fn model_class(model: &Value) -> Option<&'static str> {
    if model.as_object::<Sequential>().is_some() {
        Some("Sequential")
    } else if model.as_object::<Functional>().is_some() {
        Some("Functional")
    } else {
        None
    }
}

fn sequential_config(it: &mut Interp, s: &Sequential) -> R<Value> {
    let layers = s.layers.borrow().clone();
    let mut entries = Vec::new();
    let shape = s
        .input_shape
        .borrow()
        .clone()
        .or_else(|| s.build_shape.borrow().clone());
    if let Some(shape) = shape {
        let name = match s.input_name.borrow().clone() {
            Some(n) => n,
            None => match layers.first() {
                Some(l) => format!("{}_input", crate::nn::keras_tensor::layer_name(l)),
                None => "input".into(),
            },
        };
        entries.push(input_layer_entry(&name, &shape));
    }
    for l in &layers {
        entries.push(serialize_layer(it, l)?);
    }
    Ok(dict_of(vec![
        ("name", Value::str(&s.name)),
        ("layers", Value::list(entries)),
    ]))
}

/// The entry of an `InputLayer` of shape `shape` (batch dim first).
fn input_layer_entry(name: &str, shape: &[Option<usize>]) -> Value {
    dict_of(vec![
        ("module", Value::str("keras.layers")),
        ("class_name", Value::str("InputLayer")),
        (
            "config",
            dict_of(vec![
                ("batch_input_shape", crate::nn::shape_tuple_value(shape)),
                ("dtype", Value::str("float32")),
                ("sparse", Value::Bool(false)),
                ("ragged", Value::Bool(false)),
                ("name", Value::str(name)),
            ]),
        ),
        ("registered_name", Value::None),
    ])
}

fn is_model(v: &Value) -> bool {
    model_class(v).is_some()
}

/// Keras renumbers a layer's calls to count only those inside the model; a model used
/// as a layer keeps node 0 for itself.
struct NodeNumbers(HashMap<(usize, usize), usize>);

impl NodeNumbers {
    fn new(nodes: &[Rc<Node>]) -> NodeNumbers {
        let mut by_layer: HashMap<usize, Vec<usize>> = HashMap::new();
        for n in nodes {
            by_layer
                .entry(n.layer.identity())
                .or_default()
                .push(n.index);
        }
        let mut map = HashMap::new();
        for n in nodes {
            let lid = n.layer.identity();
            let mut kept = by_layer.get(&lid).cloned().unwrap_or_default();
            kept.sort_unstable();
            kept.dedup();
            let offset = usize::from(is_model(&n.layer));
            let pos = kept.iter().position(|&i| i == n.index).unwrap_or(0);
            map.insert((lid, n.index), pos + offset);
        }
        NodeNumbers(map)
    }

    fn of(&self, k: &KerasTensor) -> usize {
        *self
            .0
            .get(&(k.node.layer.identity(), k.node.index))
            .unwrap_or(&0)
    }

    /// `[layer name, node index, tensor index]` of a symbolic tensor.
    fn coords(&self, k: &KerasTensor) -> Vec<Value> {
        vec![
            Value::str(&k.layer_name()),
            Value::Int(self.of(k) as i64),
            Value::Int(k.index as i64),
        ]
    }
}

fn functional_config(it: &mut Interp, f: &Functional) -> R<Value> {
    let nodes = f.graph_nodes();
    let numbers = NodeNumbers::new(&nodes);
    let mut entries = Vec::new();
    for l in &f.layers {
        let entry = serialize_layer(it, l)?;
        let mut mine: Vec<&Rc<Node>> = nodes
            .iter()
            .filter(|n| n.layer.identity() == l.identity() && !n.is_input)
            .collect();
        mine.sort_by_key(|n| n.index);
        let mut inbound = Vec::new();
        for n in mine {
            inbound.push(node_data(it, n, &numbers)?);
        }
        if let Value::Dict(d) = &entry {
            let mut d = d.borrow_mut();
            d.insert(
                Value::str("name"),
                Value::str(&crate::nn::keras_tensor::layer_name(l)),
            )?;
            d.insert(Value::str("inbound_nodes"), Value::list(inbound))?;
        }
        entries.push(entry);
    }
    let coords = |kts: &[Value]| {
        Value::list(
            kts.iter()
                .filter_map(|k| k.as_object::<KerasTensor>())
                .map(|k| Value::list(numbers.coords(k)))
                .collect(),
        )
    };
    Ok(dict_of(vec![
        ("name", Value::str(&f.name)),
        ("trainable", Value::Bool(true)),
        ("layers", Value::list(entries)),
        ("input_layers", coords(f.input_kts())),
        ("output_layers", coords(f.output_kts())),
    ]))
}

/// One call of a layer as `inbound_nodes` holds it: each symbolic tensor of the first
/// argument as `[layer, node, tensor, keywords]`.
fn node_data(it: &mut Interp, n: &Node, numbers: &NodeNumbers) -> R<Value> {
    let (first, rest): (Value, Vec<(String, Value)>) = match n.args.pos.first() {
        Some(v) => (v.clone(), n.args.kw.clone()),
        None => {
            let mut kw = n.args.kw.clone();
            match kw.iter().position(|(k, _)| k == "inputs") {
                Some(i) => (kw.remove(i).1, kw),
                None => (Value::None, kw),
            }
        }
    };
    let mut kwargs = Vec::new();
    for (k, v) in rest {
        kwargs.push((k, keyword_value(it, &v, numbers)?));
    }
    let mut kw = crate::eval::value::Dict::default();
    for (k, v) in kwargs {
        kw.insert(Value::str(&k), v)?;
    }
    let kw = Value::Dict(Rc::new(std::cell::RefCell::new(kw)));
    let one = |v: &Value| -> R<Value> {
        Ok(match v.as_object::<KerasTensor>() {
            Some(k) => {
                let mut c = numbers.coords(k);
                c.push(kw.clone());
                Value::list(c)
            }
            None => Value::list(vec![
                Value::str("_CONSTANT_VALUE"),
                Value::Int(-1),
                v.clone(),
                kw.clone(),
            ]),
        })
    };
    Ok(match &first {
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(&first)?;
            Value::list(items.iter().map(one).collect::<R<Vec<_>>>()?)
        }
        other => Value::list(vec![one(other)?]),
    })
}

/// A call keyword as a config holds it: a symbolic tensor by its coordinates, a tensor as
/// nested lists, anything else as given.
fn keyword_value(it: &mut Interp, v: &Value, numbers: &NodeNumbers) -> R<Value> {
    if let Some(k) = v.as_object::<KerasTensor>() {
        return Ok(Value::list(numbers.coords(k)));
    }
    match v {
        Value::Tensor(_) | Value::NdArray(_) => {
            let tolist = it.get_attr(v, "numpy");
            match tolist {
                Ok(f) => {
                    let a = it.call(&f, Args::new(vec![]))?;
                    let l = it.get_attr(&a, "tolist")?;
                    it.call(&l, Args::new(vec![]))
                }
                Err(_) => Ok(v.clone()),
            }
        }
        _ => Ok(v.clone()),
    }
}

/// An attribute of `tf.keras` by its dotted path below it (`layers.Dense`).
pub(crate) fn keras_attr(it: &mut Interp, path: &str) -> R<Option<Value>> {
    let Some(mut cur) = it.modules.get("tensorflow").cloned() else {
        return Ok(None);
    };
    for part in std::iter::once("keras").chain(path.split('.')) {
        match it.get_attr(&cur, part) {
            Ok(v) => cur = v,
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(cur))
}

thread_local! {
    /// Whether a `.keras` file is being loaded: Keras's v3 loader words an unknown class
    /// differently from the JSON and HDF5 ones.
    static V3: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with unknown classes reported as Keras's v3 loader reports them.
pub(crate) fn as_v3<T>(f: impl FnOnce() -> T) -> T {
    let before = V3.with(|v| v.replace(true));
    let r = f();
    V3.with(|v| v.set(before));
    r
}

/// The class an entry names: the custom objects given, the registered ones, then Keras's.
fn class_of(it: &mut Interp, entry: &Value, custom: &Value, module: &str) -> R<Value> {
    let (class, _) = crate::nn::regularizers::class_and_config(it, entry)?;
    let registered = match field(entry, "registered_name") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    for name in registered.iter().chain(std::iter::once(&class)) {
        if let Some(v) = registered_object(it, name, custom)? {
            return Ok(v);
        }
    }
    if let Some(v) = keras_attr(it, &format!("{}.{}", module, class))? {
        return Ok(v);
    }
    if matches!(class.as_str(), "Sequential" | "Functional" | "Model") {
        let path = if class == "Sequential" {
            "Sequential"
        } else {
            "Model"
        };
        if let Some(v) = keras_attr(it, path)? {
            return Ok(v);
        }
    }
    if V3.with(|v| v.get()) {
        return raise(
            ExcKind::TypeError,
            format!(
                "Cannot deserialize object of type `{0}`. If `{0}` is a custom class, please register it using the `@keras.saving.register_keras_serializable()` decorator.",
                class
            ),
        );
    }
    let what = if module == "layers" { "layer" } else { module };
    raise(
        ExcKind::ValueError,
        format!(
            "Unknown {}: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
            what, class
        ),
    )
}

/// `get_registered_object(name, custom_objects)`.
fn registered_object(it: &mut Interp, name: &str, custom: &Value) -> R<Option<Value>> {
    let Some(f) = keras_attr(it, "utils.get_registered_object")? else {
        return Ok(None);
    };
    let v = it.call(&f, Args::new(vec![Value::str(name), custom.clone()]))?;
    Ok((!matches!(v, Value::None)).then_some(v))
}

/// A layer (or nested model) from its serialized entry.
pub(crate) fn deserialize_layer(it: &mut Interp, entry: &Value, custom: &Value) -> R<Value> {
    let cls = class_of(it, entry, custom, "layers")?;
    let config = field(entry, "config").unwrap_or(Value::None);
    let from_config = it.get_attr(&cls, "from_config")?;
    let mut args = Args::new(vec![config]);
    if crate::nn::class_attrs::keras_class(&cls).is_some() {
        args.kw.push(("custom_objects".into(), custom.clone()));
    }
    it.call(&from_config, args)
}

/// `Sequential.from_config` / `Model.from_config`.
pub(crate) fn model_from_config(
    it: &mut Interp,
    class: &str,
    config: &Value,
    custom: &Value,
) -> R<Value> {
    let layers = match field(config, "layers") {
        Some(l) => it.collect_items(&l)?,
        None if matches!(config, Value::List(_)) => it.collect_items(config)?,
        None => {
            return Err(value_err(
                "Improper config format: the config has no 'layers'",
            ))
        }
    };
    let name = field(config, "name").unwrap_or(Value::None);
    let functional = field(config, "input_layers").is_some();
    if class == "Sequential" || !functional {
        let ctor = crate::nn::declared("tf.keras.Sequential");
        let model = it.call(
            &ctor,
            Args {
                pos: vec![],
                kw: vec![("name".into(), name)],
            },
        )?;
        let add = it.get_attr(&model, "add")?;
        for entry in &layers {
            let layer = deserialize_layer(it, entry, custom)?;
            it.call(&add, Args::new(vec![layer]))?;
        }
        return Ok(model);
    }
    super::graph::rebuild(it, config, &layers, name, custom)
}
