//! Functional models: `tf.keras.Model(inputs, outputs)`. The graph of symbolic calls between
//! the inputs and the outputs is mapped once as Keras maps it (nodes by depth, layers by
//! depth then discovery order, "Graph disconnected" when an output needs an input the model
//! was not given), then replayed on real data at each call.

use super::keras_tensor::{layer_name, map_args, map_kts, Inbound, KerasTensor, Node};
use super::layer::{get_weights, set_weights, var_list};
use super::summary::{print_rows, row_of, Row};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::collections::HashMap;
use std::rc::Rc;

pub struct Functional {
    pub name: String,
    /// The inputs and outputs as given (a tensor, a list or a dict of them).
    pub inputs: Value,
    pub outputs: Value,
    input_kts: Vec<Value>,
    output_kts: Vec<Value>,
    /// Nodes grouped by depth, deepest (the inputs) first.
    by_depth: Vec<Vec<Rc<Node>>>,
    pub layers: Vec<Value>,
    pub compiled: super::ModelState,
    pub inbound: Inbound,
}

fn node_id(n: &Rc<Node>) -> usize {
    Rc::as_ptr(n) as usize
}

fn kt(v: &Value) -> Option<&KerasTensor> {
    v.as_object::<KerasTensor>()
}

/// The symbolic tensors of an inputs/outputs argument, in order, with Keras's errors for
/// anything else.
fn flat_kts(it: &mut Interp, v: &Value, outputs: bool) -> R<Vec<Value>> {
    let items: Vec<Value> = match v {
        Value::List(_) | Value::Tuple(_) => it.collect_items(v)?,
        Value::Dict(d) => d.borrow().values.clone(),
        other => vec![other.clone()],
    };
    for x in &items {
        if kt(x).is_none() {
            let r = it.repr(x)?;
            return Err(value_err(if outputs {
                format!("Output tensors of a Functional model must be the output of a TensorFlow `Layer` (thus holding past layer metadata). Found: {}", r)
            } else {
                format!("Found unexpected instance while processing input tensors for keras functional model. Expecting KerasTensor which is from tf.keras.Input() or output from keras layer call(). Got: {}", r)
            }));
        }
    }
    Ok(items)
}

impl Functional {
    /// Maps the graph between `inputs` and `outputs` as Keras's `_map_graph_network` does.
    pub fn new(it: &mut Interp, name: String, inputs: Value, outputs: Value) -> R<Functional> {
        let input_kts = flat_kts(it, &inputs, false)?;
        let output_kts = flat_kts(it, &outputs, true)?;
        // Depth-first from each output: nodes in finishing order and layers in discovery
        // order (iterative, so a long chain cannot exhaust the stack).
        let mut finished: Vec<Rc<Node>> = Vec::new();
        let mut done: HashMap<usize, ()> = HashMap::new();
        let mut layer_index: HashMap<usize, i64> = HashMap::new();
        let mut layer_of: HashMap<usize, Value> = HashMap::new();
        for o in &output_kts {
            let start = kt(o).map(|k| k.node.clone());
            let Some(start) = start else { continue };
            let mut stack: Vec<(Rc<Node>, bool)> = vec![(start, false)];
            while let Some((node, expanded)) = stack.pop() {
                it.check_interrupt()?;
                let id = node_id(&node);
                if done.contains_key(&id) {
                    continue;
                }
                if expanded {
                    done.insert(id, ());
                    finished.push(node);
                    continue;
                }
                let lid = node.layer.identity();
                if !layer_index.contains_key(&lid) {
                    layer_index.insert(lid, layer_index.len() as i64);
                    layer_of.insert(lid, node.layer.clone());
                }
                stack.push((node.clone(), true));
                if !node.is_input {
                    let parents: Vec<Rc<Node>> = node
                        .inputs()
                        .iter()
                        .filter_map(|x| kt(x).map(|k| k.node.clone()))
                        .collect();
                    for p in parents.into_iter().rev() {
                        if !done.contains_key(&node_id(&p)) {
                            stack.push((p, false));
                        }
                    }
                }
            }
        }
        // Depths: an output's node is 0, a node's parents one deeper than it.
        let mut order: Vec<Rc<Node>> = Vec::new();
        let mut depth: HashMap<usize, usize> = HashMap::new();
        let mut layer_depth: HashMap<usize, usize> = HashMap::new();
        let set = |order: &mut Vec<Rc<Node>>,
                   depth: &mut HashMap<usize, usize>,
                   n: &Rc<Node>,
                   d: usize| {
            if depth.insert(node_id(n), d).is_none() {
                order.push(n.clone());
            }
        };
        for node in finished.iter().rev() {
            let d0 = *depth.get(&node_id(node)).unwrap_or(&0);
            let lid = node.layer.identity();
            let d = d0.max(*layer_depth.get(&lid).unwrap_or(&0));
            layer_depth.insert(lid, d);
            set(&mut order, &mut depth, node, d);
            if !node.is_input {
                for x in node.inputs() {
                    if let Some(k) = kt(&x) {
                        let prev = *depth.get(&node_id(&k.node)).unwrap_or(&0);
                        set(&mut order, &mut depth, &k.node, (d + 1).max(prev));
                    }
                }
            }
        }
        for i in &input_kts {
            if let Some(k) = kt(i) {
                let lid = k.node.layer.identity();
                if let std::collections::hash_map::Entry::Vacant(e) = layer_depth.entry(lid) {
                    e.insert(0);
                    layer_index.insert(lid, -1);
                    layer_of.insert(lid, k.node.layer.clone());
                    set(&mut order, &mut depth, &k.node, 0);
                }
            }
        }
        let max_depth = depth.values().copied().max().unwrap_or(0);
        let mut by_depth: Vec<Vec<Rc<Node>>> = vec![Vec::new(); max_depth + 1];
        for n in &order {
            by_depth[max_depth - depth[&node_id(n)]].push(n.clone());
        }
        let mut layers: Vec<(usize, i64, Value)> = layer_depth
            .iter()
            .map(|(lid, d)| (*d, layer_index[lid], layer_of[lid].clone()))
            .collect();
        layers.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let layers: Vec<Value> = layers.into_iter().map(|(_, _, l)| l).collect();
        // Every node must be computable from the given inputs.
        let mut computable: HashMap<usize, ()> = input_kts
            .iter()
            .filter_map(|i| kt(i).map(|k| (node_id(&k.node), ())))
            .collect();
        let mut complete: Vec<String> = Vec::new();
        for group in &by_depth {
            for node in group {
                if node.is_input {
                    continue;
                }
                for x in node.inputs() {
                    let Some(k) = kt(&x) else { continue };
                    if !computable.contains_key(&node_id(&k.node)) {
                        let s = it.str_of(&x)?;
                        return Err(value_err(format!(
                            "Graph disconnected: cannot obtain value for tensor {} at layer \"{}\". The following previous layers were accessed without issue: {}",
                            s,
                            layer_name(&node.layer),
                            py_list(&complete)
                        )));
                    }
                }
                computable.insert(node_id(node), ());
                complete.push(layer_name(&node.layer));
            }
        }
        let names: Vec<String> = layers.iter().map(layer_name).collect();
        for n in &names {
            let count = names.iter().filter(|m| *m == n).count();
            if count > 1 {
                return Err(value_err(format!(
                    "The name \"{}\" is used {} times in the model. All layer names should be unique.",
                    n, count
                )));
            }
        }
        Ok(Functional {
            name,
            inputs,
            outputs,
            input_kts,
            output_kts,
            by_depth,
            layers,
            compiled: Default::default(),
            inbound: Inbound::default(),
        })
    }

    pub fn all_weights(&self) -> Vec<Rc<Variable>> {
        super::weights_of_all(&self.layers)
    }

    pub fn trainable(&self) -> Vec<Rc<Variable>> {
        super::trainable_of_all(&self.layers)
    }

    fn non_trainable(&self) -> Vec<Rc<Variable>> {
        super::others(self.all_weights(), &self.trainable())
    }

    fn nodes(&self) -> impl Iterator<Item = &Rc<Node>> {
        self.by_depth.iter().flatten()
    }

    /// The model's nodes, deepest (the inputs) first.
    pub(crate) fn graph_nodes(&self) -> Vec<Rc<Node>> {
        self.nodes().cloned().collect()
    }

    /// The symbolic inputs, in order.
    pub(crate) fn input_kts(&self) -> &[Value] {
        &self.input_kts
    }

    /// The symbolic outputs, in order.
    pub(crate) fn output_kts(&self) -> &[Value] {
        &self.output_kts
    }

    /// The input shape `build_config` shows: the input's shape, or a list of them.
    pub(crate) fn build_shape(&self) -> Option<Value> {
        let shapes: Vec<Value> = self
            .input_kts
            .iter()
            .filter_map(|k| kt(k).map(|k| super::shape_tuple_value(&k.shape)))
            .collect();
        match shapes.len() {
            1 => shapes.into_iter().next(),
            _ => Some(Value::list(shapes)),
        }
    }

    /// The real inputs matched to the model's inputs, converted and cast to their dtypes.
    fn feed(&self, it: &mut Interp, x: &Value) -> R<Vec<crate::tensor::Tensor>> {
        let n = self.input_kts.len();
        let given: Vec<Value> = match x {
            Value::Dict(d) => {
                let mut out = Vec::new();
                for k in &self.input_kts {
                    let name = kt(k).map(|k| k.layer_name()).unwrap_or_default();
                    match d.borrow().get(&Value::str(&name))? {
                        Some(v) => out.push(v),
                        None => {
                            let keys: Vec<String> = d
                                .borrow()
                                .keys
                                .iter()
                                .map(|k| it.repr(k))
                                .collect::<R<_>>()?;
                            return Err(value_err(format!(
                                "Missing data for input \"{}\". You passed a data dictionary with keys [{}]. Expected the following keys: {}",
                                name,
                                keys.join(", "),
                                py_list(&self.input_names())
                            )));
                        }
                    }
                }
                out
            }
            Value::List(_) | Value::Tuple(_) if n > 1 => it.collect_items(x)?,
            Value::List(_) | Value::Tuple(_) => {
                let items = it.collect_items(x)?;
                let tensorlike = |v: &Value| {
                    matches!(v, Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_))
                };
                if !items.is_empty() && items.iter().all(tensorlike) {
                    items
                } else {
                    vec![x.clone()]
                }
            }
            other => vec![other.clone()],
        };
        if given.len() != n {
            let mut shown = Vec::new();
            for v in &given {
                shown.push(it.repr(v)?);
            }
            return Err(value_err(format!(
                "Layer \"{}\" expects {} input(s), but it received {} input tensors. Inputs received: [{}]",
                self.name,
                n,
                given.len(),
                shown.join(", ")
            )));
        }
        let mut out = Vec::with_capacity(n);
        for (i, (v, k)) in given.iter().zip(&self.input_kts).enumerate() {
            let k = kt(k).expect("model inputs are symbolic tensors");
            let mut t = crate::api::convert::to_tensor(it, v, None)?;
            if t.dtype() != k.dtype {
                t = t.cast(k.dtype);
            }
            check_input(&self.name, i, &k.shape, t.shape())?;
            out.push(t);
        }
        Ok(out)
    }

    fn input_names(&self) -> Vec<String> {
        self.input_kts
            .iter()
            .filter_map(|k| kt(k).map(|k| k.layer_name()))
            .collect()
    }

    /// Runs the graph on real inputs.
    pub fn run(&self, it: &mut Interp, x: &Value, training: Option<bool>) -> R<Value> {
        let fed = self.feed(it, x)?;
        let mut values: HashMap<usize, Value> = HashMap::new();
        for (k, t) in self.input_kts.iter().zip(fed) {
            if let Some(k) = kt(k) {
                values.insert(node_id(&k.node), Value::list(vec![Value::Tensor(t)]));
            }
        }
        let nodes: Vec<Rc<Node>> = self.nodes().cloned().collect();
        let mut masks = super::layers::mask_flow::GraphMasks::default();
        for node in nodes {
            it.check_interrupt()?;
            if node.is_input {
                continue;
            }
            let ready = node
                .inputs()
                .iter()
                .all(|x| kt(x).is_some_and(|k| values.contains_key(&node_id(&k.node))));
            if !ready {
                continue;
            }
            let mut args = map_args(it, &node.args, &mut |_, k| output_of(&values, k))?;
            let out_mask = masks.before_call(it, &node, &mut args)?;
            let out = match super::layer_ref(&node.layer).and_then(|l| l.kind.op()) {
                Some(op) => op.apply(it, args)?,
                None => {
                    if let Some(t) = training {
                        if !args.kw.iter().any(|(k, _)| k == "training") {
                            args.kw.push(("training".into(), Value::Bool(t)));
                        }
                    }
                    it.call(&node.layer, args)?
                }
            };
            let flat = match &out {
                Value::List(l) if crate::eval::value::tensor_of(&out).is_none() => {
                    Value::list(l.borrow().clone())
                }
                Value::Tuple(t) => Value::list(t.to_vec()),
                other => Value::list(vec![other.clone()]),
            };
            masks.after_call(&node, out_mask);
            values.insert(node_id(&node), flat);
        }
        map_kts(it, &self.outputs, 3, &mut |_, k| output_of(&values, k))
    }
}

/// The computed value of a symbolic tensor.
fn output_of(values: &HashMap<usize, Value>, k: &KerasTensor) -> R<Value> {
    match values.get(&node_id(&k.node)) {
        Some(Value::List(l)) => l.borrow().get(k.index).cloned().ok_or_else(|| {
            value_err("a layer returned fewer outputs than when the model was built")
        }),
        _ => Err(value_err(format!(
            "Graph disconnected: cannot obtain value for tensor created by layer '{}'",
            k.layer_name()
        ))),
    }
}

/// Keras's input check for a functional model: known dims must match (a trailing 1 on
/// either side is ignored).
fn check_input(model: &str, i: usize, spec: &[Option<usize>], got: &[usize]) -> R<()> {
    let mut s: Vec<Option<usize>> = spec.to_vec();
    let mut g: Vec<usize> = got.to_vec();
    if g.last() == Some(&1) {
        g.pop();
    }
    if s.last() == Some(&Some(1)) {
        s.pop();
    }
    for (a, b) in s.iter().zip(&g) {
        if let Some(a) = a {
            if a != b {
                return Err(value_err(format!(
                    "Input {} of layer \"{}\" is incompatible with the layer: expected shape={}, found shape={}",
                    i,
                    model,
                    crate::eval::repr::shape_str(&Some(spec.to_vec())),
                    crate::print::shape_tuple(got)
                )));
            }
        }
    }
    Ok(())
}

fn py_list(names: &[String]) -> String {
    let parts: Vec<String> = names.iter().map(|n| format!("'{}'", n)).collect();
    format!("[{}]", parts.join(", "))
}

/// A structure of symbolic tensors as Keras reports `input_shape` / `output_shape`: one
/// shape, or a list of them.
fn shapes_value(kts: &[Value], single: bool) -> Value {
    let shapes: Vec<Value> = kts
        .iter()
        .filter_map(|k| kt(k).map(|k| super::shape_tuple_value(&k.shape)))
        .collect();
    if single {
        shapes.into_iter().next().unwrap_or(Value::None)
    } else {
        Value::list(shapes)
    }
}

/// `input_shape` / `output_shape` of a model: a dict of shapes for dict inputs or outputs,
/// else one shape or a list of them.
fn structure_shapes(given: &Value, kts: &[Value]) -> Value {
    if let Value::Dict(d) = given {
        let d = d.borrow();
        let mut out = crate::eval::value::Dict::default();
        for (k, v) in d.keys.iter().zip(d.values.iter()) {
            if let Some(t) = kt(v) {
                // Dict keys here are the user's keys, which already hashed once.
                let _ = out.insert(k.clone(), super::shape_tuple_value(&t.shape));
            }
        }
        return Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(out)));
    }
    shapes_value(kts, kts.len() == 1)
}

impl Functional {
    fn single_input(&self) -> bool {
        kt(&self.inputs).is_some()
    }

    fn single_output(&self) -> bool {
        kt(&self.outputs).is_some()
    }

    /// Whether Keras prints the model as a chain (three columns): one node per depth with
    /// one input, and no layer called twice.
    fn chain_like(&self) -> bool {
        let mut seen: HashMap<usize, ()> = HashMap::new();
        for group in &self.by_depth {
            if group.len() > 1 || group.first().is_some_and(|n| n.inputs().len() > 1) {
                return false;
            }
            for n in group {
                if seen.insert(n.layer.identity(), ()).is_some() {
                    return false;
                }
            }
        }
        true
    }

    fn summary(&self, it: &mut Interp) {
        let chain = self.chain_like();
        let mut rows: Vec<Row> = Vec::new();
        for l in &self.layers {
            let mut row = row_of(l);
            if !chain {
                let lid = l.identity();
                let mut nodes: Vec<&Rc<Node>> =
                    self.nodes().filter(|n| n.layer.identity() == lid).collect();
                nodes.sort_by_key(|n| n.index);
                for n in nodes {
                    if n.is_input {
                        continue;
                    }
                    for x in n.inputs() {
                        if let Some(k) = kt(&x) {
                            row.connections.push(format!(
                                "{}[{}][{}]",
                                k.layer_name(),
                                k.node.index,
                                k.index
                            ));
                        }
                    }
                }
            }
            rows.push(row);
        }
        print_rows(
            it,
            &self.name,
            &rows,
            self.trainable(),
            self.non_trainable(),
            !chain,
        );
    }
}

const ATTRS: &[&str] = &[
    "name",
    "built",
    "layers",
    "inputs",
    "outputs",
    "input",
    "output",
    "input_shape",
    "output_shape",
    "input_names",
    "output_names",
    "weights",
    "variables",
    "trainable_weights",
    "trainable_variables",
    "non_trainable_weights",
    "non_trainable_variables",
    "summary",
    "get_layer",
    "count_params",
    "get_weights",
    "set_weights",
];

impl Object for Functional {
    fn type_name(&self) -> String {
        "Functional".into()
    }

    fn set_attr(&self, name: &str, value: Value, it: &mut Interp) -> R<bool> {
        super::training::set_model_attr(&self.compiled, name, value, it)
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "name" => Value::str(&self.name),
            "built" => Value::Bool(true),
            "layers" => Value::list(self.layers.clone()),
            "inputs" => Value::list(self.input_kts.clone()),
            "outputs" => Value::list(self.output_kts.clone()),
            "input" => match self.single_input() {
                true => self.inputs.clone(),
                false => Value::list(self.input_kts.clone()),
            },
            "output" => match self.single_output() {
                true => self.outputs.clone(),
                false => Value::list(self.output_kts.clone()),
            },
            "input_shape" => structure_shapes(&self.inputs, &self.input_kts),
            "output_shape" => structure_shapes(&self.outputs, &self.output_kts),
            "input_names" => {
                Value::list(self.input_names().iter().map(|n| Value::str(n)).collect())
            }
            "output_names" => Value::list(
                self.output_kts
                    .iter()
                    .filter_map(|k| kt(k).map(|k| Value::str(&k.layer_name())))
                    .collect(),
            ),
            "weights" | "variables" => var_list(self.all_weights()),
            "trainable_weights" | "trainable_variables" => var_list(self.trainable()),
            "non_trainable_weights" | "non_trainable_variables" => var_list(self.non_trainable()),
            "summary" | "get_layer" | "count_params" | "get_weights" | "set_weights"
            | "__call__" => Value::method(this.clone(), super::static_name(name), method),
            _ => return super::training::model_attr(it, this, name),
        }))
    }

    fn call(&self, this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        method(it, this, "__call__", args)
    }

    fn attr_names(&self) -> Vec<String> {
        ATTRS
            .iter()
            .copied()
            .chain(super::training::model_attr_names())
            .map(|s| s.to_string())
            .collect()
    }

    fn class_path(&self) -> Option<String> {
        Some("keras.src.engine.functional.Functional".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `model.get_layer(name=None, index=None)` over a model's layers.
pub(crate) fn get_layer(layers: &[Value], args: Args) -> R<Value> {
    let [lname, index] = args.bind("get_layer", ["name=None", "index=None"])?;
    match (lname, index) {
        (Some(Value::Str(s)), _) => match layers.iter().find(|l| layer_name(l) == *s) {
            Some(l) => Ok(l.clone()),
            None => Err(value_err(format!(
                "No such layer: {}. Existing layers are: {}.",
                s,
                py_list(&layers.iter().map(layer_name).collect::<Vec<_>>())
            ))),
        },
        (_, Some(Value::Int(i))) => match usize::try_from(i).ok().and_then(|i| layers.get(i)) {
            Some(l) => Ok(l.clone()),
            None => Err(value_err(format!(
                "Was asked to retrieve layer at index {} but model only has {} layers.",
                i,
                layers.len()
            ))),
        },
        _ => Err(value_err(
            "Provide either a layer name or layer index at `get_layer`.",
        )),
    }
}

fn method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(m) = recv.as_object::<Functional>() else {
        return Ok(Value::None);
    };
    match name {
        "summary" => {
            m.summary(it);
            Ok(Value::None)
        }
        "get_layer" => get_layer(&m.layers, args),
        "count_params" => Ok(Value::Int(
            m.all_weights()
                .iter()
                .map(|v| v.value.borrow().size())
                .sum::<usize>() as i64,
        )),
        "get_weights" => Ok(get_weights(&m.all_weights())),
        "set_weights" => {
            let [w] = args.bind("set_weights", ["weights"])?;
            set_weights(it, &m.name, &m.all_weights(), &w.unwrap_or(Value::None))?;
            Ok(Value::None)
        }
        _ => {
            if let Some(v) = super::keras_tensor::layer_call(it, recv, &args)? {
                return Ok(v);
            }
            let training = match args.kw.iter().find(|(k, _)| k == "training") {
                Some((_, Value::None)) | None => None,
                Some((_, v)) => Some(it.truthy(v)?),
            };
            let Some(x) = args.pos.first().cloned() else {
                return raise(
                    ExcKind::TypeError,
                    "__call__() missing 1 required positional argument: 'inputs'",
                );
            };
            m.run(it, &x, training)
        }
    }
}

/// `tf.keras.Model(inputs, outputs, name=None)`: a functional model.
pub fn model_from_graph(it: &mut Interp, args: &Args) -> R<Value> {
    let [inputs, outputs, name, _trainable] = args.bind(
        "Model",
        ["inputs=None", "outputs=None", "name=None", "trainable=True"],
    )?;
    let name = match name {
        Some(Value::Str(s)) => s.to_string(),
        _ => it.unique_name("model"),
    };
    let (Some(inputs), Some(outputs)) = (inputs, outputs) else {
        return Err(type_err(
            "Functional.__init__() missing 1 required positional argument: 'outputs'",
        ));
    };
    // A one-element list stands for its element (Keras normalizes it so).
    let single = |v: Value| match &v {
        Value::List(l) if l.borrow().len() == 1 => l.borrow()[0].clone(),
        _ => v,
    };
    let f = Functional::new(it, name, single(inputs), single(outputs))?;
    Ok(Value::Object(Rc::new(f)))
}
