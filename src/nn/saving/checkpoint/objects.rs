//! The objects a Keras checkpoint saves, named as TensorFlow's object graph names them.
//! From the model, breadth first: a Sequential or functional model's layers as
//! `layer_with_weights-<k>` (counting layers that have weights) and `layer-<i>`, a
//! subclassed model's or user layer's attributes by name (lists as `0`, `1`, ...), a
//! layer's variables by attribute (`kernel`, `cell/recurrent_kernel`,
//! `_query_dense/bias`), and the optimizer's `_variables`, `_iterations` and learning
//! rate. Each object gets the path of the first route that reaches it, so a variable's
//! checkpoint key is `layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE`.

use super::train_checkpoint::TrainCheckpoint;
use crate::eval::value::Variable;
use crate::eval::Value;
use crate::nn::optimizers::Optimizer;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// One object of the graph: its children by local name, and its value if a variable.
pub(crate) struct TNode {
    pub children: Vec<(String, usize)>,
    pub var: Option<Rc<Variable>>,
    /// The object itself (none for a group).
    pub obj: Option<Value>,
    /// The local names from the root to this object along the route that found it.
    pub path: Vec<String>,
}

impl TNode {
    pub fn child(&self, name: &str) -> Option<usize> {
        self.children
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, i)| *i)
    }
}

/// An object: a Python value, or a group Keras keeps as an attribute of its own (the
/// `_variables` list, a multi-head attention layer's `_query_dense`).
enum Obj {
    Value(Value),
    Group(Vec<(String, Obj)>),
}

/// TensorFlow's attribute names for the weights of built-in layers whose weights live
/// in inner layers Keras tracks under other names.
fn weight_path(class: &str, attr: &str) -> String {
    if class == "MultiHeadAttention" {
        for (ours, keras) in [
            ("query/", "_query_dense/"),
            ("key/", "_key_dense/"),
            ("value/", "_value_dense/"),
            ("attention_output/", "_output_dense/"),
        ] {
            if let Some(rest) = attr.strip_prefix(ours) {
                return format!("{}{}", keras, rest);
            }
        }
    }
    attr.to_string()
}

/// Puts `obj` at `path` (split on `/`) in a list of children, grouping shared prefixes.
fn insert(children: &mut Vec<(String, Obj)>, path: &str, obj: Obj) {
    match path.split_once('/') {
        None => children.push((path.to_string(), obj)),
        Some((head, rest)) => {
            let pos = children
                .iter()
                .position(|(n, o)| n == head && matches!(o, Obj::Group(_)));
            let i = pos.unwrap_or_else(|| {
                children.push((head.to_string(), Obj::Group(Vec::new())));
                children.len() - 1
            });
            if let Obj::Group(g) = &mut children[i].1 {
                insert(g, rest, obj);
            }
        }
    }
}

fn is_layer(v: &Value) -> bool {
    crate::nn::layer_ref(v).is_some()
        || super::super::weights_v3::model_layers(v).is_some()
        || crate::nn::native_layer(v).is_some()
}

/// Whether `v` is an instance of a `tf.Module` subclass (a module tracks its attributes).
fn is_tf_module(v: &Value) -> bool {
    fn derives(c: &crate::eval::value::Class) -> bool {
        (c.name == "Module" && c.module_name() == "tensorflow.python.module.module")
            || c.bases
                .iter()
                .any(|b| matches!(b, Value::Class(b) if derives(b)))
    }
    matches!(v, Value::Instance(i) if derives(&i.class))
}

/// Whether a checkpoint can track the value (`tf.train.Checkpoint(x=...)` checks it).
pub(crate) fn is_trackable(v: &Value) -> bool {
    trackable(v).is_some()
}

/// The object for an attribute value, if it holds anything a checkpoint tracks.
fn trackable(v: &Value) -> Option<Obj> {
    if matches!(v, Value::Variable(_))
        || is_layer(v)
        || v.as_object::<Optimizer>().is_some()
        || v.as_object::<TrainCheckpoint>().is_some()
        || is_tf_module(v)
    {
        return Some(Obj::Value(v.clone()));
    }
    let items: Vec<(String, Value)> = match v {
        Value::List(l) => l
            .borrow()
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, x)| (i.to_string(), x))
            .collect(),
        Value::Tuple(t) => t
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, x)| (i.to_string(), x))
            .collect(),
        Value::Dict(d) => {
            let d = d.borrow();
            d.keys
                .iter()
                .zip(&d.values)
                .filter_map(|(k, x)| match k {
                    Value::Str(s) => Some((s.to_string(), x.clone())),
                    _ => None,
                })
                .collect()
        }
        _ => return None,
    };
    let group: Vec<(String, Obj)> = items
        .into_iter()
        .filter_map(|(n, x)| trackable(&x).map(|o| (n, o)))
        .collect();
    (!group.is_empty()).then_some(Obj::Group(group))
}

fn optimizer_children(o: &Optimizer) -> Vec<(String, Obj)> {
    let vars = o
        .variables()
        .into_iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), Obj::Value(Value::Variable(v))))
        .collect();
    let lr = if o.schedule.borrow().is_some() {
        "_current_learning_rate"
    } else {
        "_learning_rate"
    };
    vec![
        ("_variables".into(), Obj::Group(vars)),
        (
            "_iterations".into(),
            Obj::Value(Value::Variable(o.iterations.clone())),
        ),
        (
            lr.into(),
            Obj::Value(Value::Variable(o.lr_var.borrow().clone())),
        ),
    ]
}

/// A layer's own variables under their attribute names (a user layer's `add_weight`
/// names; the variables it assigned to attributes come with its attributes).
fn own_weights(l: &crate::nn::layer::Layer, out: &mut Vec<(String, Obj)>) {
    for (attr, var) in l.weights.borrow().iter() {
        if attr.starts_with("__attr_") {
            continue;
        }
        insert(
            out,
            &weight_path(&l.class_name, attr),
            Obj::Value(Value::Variable(var.clone())),
        );
    }
}

fn children(obj: &Obj) -> Vec<(String, Obj)> {
    let v = match obj {
        Obj::Group(g) => return g.iter().map(|(n, o)| (n.clone(), regroup(o))).collect(),
        Obj::Value(v) => v,
    };
    let mut out: Vec<(String, Obj)> = Vec::new();
    if let Some(o) = v.as_object::<Optimizer>() {
        return optimizer_children(o);
    }
    if let Some(c) = v.as_object::<TrainCheckpoint>() {
        if let Some(r) = &c.root {
            out.extend(children(&Obj::Value(r.clone())));
        }
        for (name, value) in c.children.iter() {
            if let Some(o) = trackable(value) {
                out.push((name.clone(), o));
            }
        }
        if let Some(counter) = c.save_counter.borrow().clone() {
            out.push(("save_counter".into(), Obj::Value(Value::Variable(counter))));
        }
        return out;
    }
    if let Some(layers) = super::super::weights_v3::model_layers(v) {
        let mut k = 0;
        for (i, l) in layers.iter().enumerate() {
            if !crate::nn::weights_of(l).is_empty() {
                out.push((format!("layer_with_weights-{}", k), Obj::Value(l.clone())));
                k += 1;
            }
            out.push((format!("layer-{}", i), Obj::Value(l.clone())));
        }
    } else if let Some(l) = crate::nn::layer_ref(v) {
        own_weights(l, &mut out);
        for attr in ["cell", "forward_layer", "backward_layer", "layer"] {
            if let Some(child) = l.kind.attr(attr).filter(is_layer) {
                out.push((attr.to_string(), Obj::Value(child)));
            }
        }
    } else if let Value::Instance(inst) = v {
        if let Some(n) = crate::nn::native_layer(v) {
            if let Some(l) = crate::nn::layer_ref(&n) {
                own_weights(l, &mut out);
            }
        }
        let dict = inst.dict.borrow();
        for name in inst.attr_order.borrow().iter() {
            if let Some(o) = dict.get(name).and_then(trackable) {
                out.push((name.clone(), o));
            }
        }
    }
    if let Some(opt) = super::super::weights_v3::optimizer_of(v) {
        if !out.iter().any(|(n, _)| n == "optimizer") {
            out.push(("optimizer".into(), Obj::Value(opt)));
        }
    }
    out
}

/// A copy of a group (groups have no identity: each route makes its own).
fn regroup(o: &Obj) -> Obj {
    match o {
        Obj::Value(v) => Obj::Value(v.clone()),
        Obj::Group(g) => Obj::Group(g.iter().map(|(n, x)| (n.clone(), regroup(x))).collect()),
    }
}

/// The graph of everything `root` saves, breadth first from the root (node 0).
pub(crate) fn graph(root: &Value) -> Vec<TNode> {
    let mut nodes = vec![TNode {
        children: Vec::new(),
        var: None,
        obj: Some(root.clone()),
        path: Vec::new(),
    }];
    let mut seen: HashMap<usize, usize> = HashMap::new();
    seen.insert(root.identity(), 0);
    let mut queue: VecDeque<(usize, Obj)> = VecDeque::from([(0, Obj::Value(root.clone()))]);
    while let Some((id, obj)) = queue.pop_front() {
        for (name, child) in children(&obj) {
            let known = match &child {
                Obj::Value(v) => seen.get(&v.identity()).copied(),
                Obj::Group(_) => None,
            };
            let cid = match known {
                Some(c) => c,
                None => {
                    let cid = nodes.len();
                    let mut path = nodes[id].path.clone();
                    path.push(name.clone());
                    let var = match &child {
                        Obj::Value(Value::Variable(v)) => Some(v.clone()),
                        _ => None,
                    };
                    if let Obj::Value(v) = &child {
                        seen.insert(v.identity(), cid);
                    }
                    let obj = match &child {
                        Obj::Value(v) => Some(v.clone()),
                        Obj::Group(_) => None,
                    };
                    nodes.push(TNode {
                        children: Vec::new(),
                        var,
                        obj,
                        path,
                    });
                    queue.push_back((cid, child));
                    cid
                }
            };
            nodes[id].children.push((name, cid));
        }
    }
    nodes
}

/// The checkpoint key of a variable at `path`.
pub(crate) fn key_of(path: &[String]) -> String {
    format!("{}/.ATTRIBUTES/VARIABLE_VALUE", path.join("/"))
}
