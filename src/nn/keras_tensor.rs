//! Symbolic Keras tensors: what `tf.keras.Input` returns, and what a layer, a TensorFlow
//! function or an operator applied to one returns while a functional model is written down.
//!
//! A symbolic call records a [`Node`] (which layer, which of its calls, the arguments with
//! the symbolic tensors in place) and learns its output shapes by running the call on
//! probe tensors of ones: unknown dims (`None`) become 2, and when a shape could depend on
//! them a second run with 3 tells which output dims follow them. The model later replays
//! the nodes on real data ([`super::functional`]). A TensorFlow function or operator
//! becomes a `TFOpLambda` layer named as Keras names it (`tf.math.truediv`).

use super::layer::Layer;
use super::layers::tf_op_lambda::{Op, TfOpLambda};
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// One symbolic call of a layer.
pub struct Node {
    /// The layer called: an `InputLayer`, a built-in or user layer, a model, a `TFOpLambda`.
    pub layer: Value,
    /// Which call of `layer` this is: the `1` of `dense[1][0]`.
    pub index: usize,
    /// The call's arguments with the symbolic tensors in place; empty for an input.
    pub args: Args,
    pub is_input: bool,
}

impl Node {
    /// The symbolic tensors among the arguments, in argument order.
    pub fn inputs(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for v in self
            .args
            .pos
            .iter()
            .chain(self.args.kw.iter().map(|(_, v)| v))
        {
            collect_kts(v, 3, &mut out);
        }
        out
    }
}

fn collect_kts(v: &Value, depth: u8, out: &mut Vec<Value>) {
    match v {
        Value::Object(_) if v.as_object::<KerasTensor>().is_some() => out.push(v.clone()),
        Value::List(l) if depth > 0 => {
            for x in l.borrow().iter() {
                collect_kts(x, depth - 1, out);
            }
        }
        Value::Tuple(t) if depth > 0 => {
            for x in t.iter() {
                collect_kts(x, depth - 1, out);
            }
        }
        Value::Dict(d) if depth > 0 => {
            for x in d.borrow().values.iter() {
                collect_kts(x, depth - 1, out);
            }
        }
        _ => {}
    }
}

/// Whether a value holds a symbolic tensor (directly or inside lists, tuples, dicts).
pub fn holds_kt(v: &Value) -> bool {
    let mut out = Vec::new();
    collect_kts(v, 3, &mut out);
    !out.is_empty()
}

fn args_hold_kt(args: &Args) -> bool {
    args.pos.iter().any(holds_kt) || args.kw.iter().any(|(_, v)| holds_kt(v))
}

/// A symbolic tensor: shape (None where unknown), dtype and the node that made it.
pub struct KerasTensor {
    pub shape: Vec<Option<usize>>,
    pub dtype: DType,
    pub node: Rc<Node>,
    /// Its position among the node's outputs: the `0` of `dense[1][0]`.
    pub index: usize,
}

impl KerasTensor {
    /// The name of the layer that made it.
    pub fn layer_name(&self) -> String {
        layer_name(&self.node.layer)
    }

    pub fn value(self) -> Value {
        Value::Object(Rc::new(self))
    }
}

/// The name of a layer-like value (built-in or user layer, Sequential, functional model).
pub fn layer_name(v: &Value) -> String {
    if let Some(l) = super::layer_ref(v) {
        return l.name.clone();
    }
    if let Some(s) = v.as_object::<super::sequential::Sequential>() {
        return s.name.clone();
    }
    if let Some(f) = v.as_object::<super::functional::Functional>() {
        return f.name.clone();
    }
    match super::native_layer(v) {
        Some(n) => layer_name(&n),
        None => String::new(),
    }
}

/// The symbolic calls made of a layer: inputs and outputs of each, in call order.
#[derive(Default)]
pub struct Inbound(RefCell<Vec<(Value, Value)>>);

impl Inbound {
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    pub fn push(&self, inputs: Value, outputs: Value) {
        self.0.borrow_mut().push((inputs, outputs));
    }

    /// The inputs and outputs of the first call (`layer.input`, `layer.output`).
    pub fn first(&self) -> Option<(Value, Value)> {
        self.0.borrow().first().cloned()
    }

    /// The output shapes of every call, as Keras prints them in a summary.
    pub fn output_shapes(&self) -> Vec<String> {
        self.0.borrow().iter().map(|(_, o)| shape_text(o)).collect()
    }
}

/// The symbolic-call record of a layer-like value.
pub fn inbound_of(v: &Value) -> Option<&Inbound> {
    if let Some(l) = super::layer_ref(v) {
        return Some(&l.inbound);
    }
    if let Some(s) = v.as_object::<super::sequential::Sequential>() {
        return Some(&s.inbound);
    }
    if let Some(f) = v.as_object::<super::functional::Functional>() {
        return Some(&f.inbound);
    }
    None
}

fn with_inbound<T>(v: &Value, f: impl FnOnce(&Inbound) -> T) -> Option<T> {
    if let Some(i) = inbound_of(v) {
        return Some(f(i));
    }
    let n = super::native_layer(v)?;
    inbound_of(&n).map(f)
}

/// A node's output structure as Keras prints a shape: `(None, 4)`, `[(None, 2), (None, 2)]`.
pub fn shape_text(v: &Value) -> String {
    if let Some(k) = v.as_object::<KerasTensor>() {
        return crate::eval::repr::shape_str(&Some(k.shape.clone()));
    }
    match v {
        Value::List(l) => {
            let parts: Vec<String> = l.borrow().iter().map(shape_text).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(shape_text).collect();
            format!("[{}]", parts.join(", "))
        }
        _ => "multiple".into(),
    }
}

/// The symbolic tensor an `Input` call makes, with its `InputLayer`.
pub fn input_tensor(
    it: &mut Interp,
    layer: Value,
    shape: Vec<Option<usize>>,
    dtype: DType,
) -> Value {
    let node = Rc::new(Node {
        layer: layer.clone(),
        index: 0,
        args: Args::default(),
        is_input: true,
    });
    let kt = KerasTensor {
        shape,
        dtype,
        node,
        index: 0,
    }
    .value();
    if let Some(i) = inbound_of(&layer) {
        i.push(Value::list(vec![]), Value::list(vec![kt.clone()]));
    }
    // From now on TensorFlow functions may meet symbolic tensors.
    it.hooks.symbolic_call = Some(symbolic_builtin);
    kt
}

/// Replaces every symbolic tensor in `v` by `f(tensor)`, keeping the structure.
pub fn map_kts(
    it: &mut Interp,
    v: &Value,
    depth: u8,
    f: &mut dyn FnMut(&mut Interp, &KerasTensor) -> R<Value>,
) -> R<Value> {
    if let Some(k) = v.as_object::<KerasTensor>() {
        return f(it, k);
    }
    if depth == 0 {
        return Ok(v.clone());
    }
    Ok(match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(map_kts(it, x, depth - 1, f)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for x in t.iter() {
                out.push(map_kts(it, x, depth - 1, f)?);
            }
            Value::tuple(out)
        }
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = {
                let d = d.borrow();
                d.keys
                    .iter()
                    .cloned()
                    .zip(d.values.iter().cloned())
                    .collect()
            };
            let mut nd = crate::eval::value::Dict::default();
            for (k, x) in items {
                let x = map_kts(it, &x, depth - 1, f)?;
                nd.insert(k, x)?;
            }
            Value::Dict(Rc::new(RefCell::new(nd)))
        }
        other => other.clone(),
    })
}

/// The arguments with each symbolic tensor replaced by `f(tensor)`.
pub fn map_args(
    it: &mut Interp,
    args: &Args,
    f: &mut dyn FnMut(&mut Interp, &KerasTensor) -> R<Value>,
) -> R<Args> {
    let mut out = Args::default();
    for v in &args.pos {
        out.pos.push(map_kts(it, v, 3, f)?);
    }
    for (k, v) in &args.kw {
        out.kw.push((k.clone(), map_kts(it, v, 3, f)?));
    }
    Ok(out)
}

/// Ones in the tensor's dtype, unknown dims filled with `fill`.
fn probe(k: &KerasTensor, fill: usize) -> R<Value> {
    let dims: Vec<usize> = k.shape.iter().map(|d| d.unwrap_or(fill)).collect();
    crate::tensor::alloc::check(&dims, k.dtype, "Fill")?;
    Ok(Value::Tensor(Tensor::full(k.dtype, &dims, 1.0)))
}

/// What a symbolic call runs: a layer (called as usual) or a TensorFlow operation.
enum Callee<'a> {
    Layer(&'a Value),
    Op(&'a Op),
}

fn run(it: &mut Interp, callee: &Callee, args: Args) -> R<Value> {
    PROBES.with(|p| p.set(p.get() + 1));
    let out = match callee {
        Callee::Layer(l) => it.call(l, args),
        Callee::Op(op) => op.apply(it, args),
    };
    PROBES.with(|p| p.set(p.get() - 1));
    out
}

thread_local! {
    /// How many symbolic calls are probing now.
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether a layer runs as the probe of a symbolic call. Keras builds such a layer inside
/// a scratch graph, so the layers it makes internally take their names from that graph's
/// own counters, not the global ones.
pub fn probing() -> bool {
    PROBES.with(|p| p.get() > 0)
}

/// The concrete outputs of a probe run, flattened one level.
fn flat_outputs(v: &Value) -> Option<Vec<Tensor>> {
    if let Some(t) = crate::eval::value::tensor_of(v) {
        return Some(vec![t]);
    }
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return None,
    };
    items.iter().map(crate::eval::value::tensor_of).collect()
}

/// Runs a symbolic call: probes, records the node and returns its symbolic outputs.
/// The shapes of a call's first argument as `build_config` shows them: a symbolic
/// tensor's shape as a tuple, a list of them as a list of tuples.
fn symbolic_shapes(v: &Value) -> Option<Value> {
    if let Some(k) = v.as_object::<KerasTensor>() {
        return Some(super::shape_tuple_value(&k.shape));
    }
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return None,
    };
    let shapes: Option<Vec<Value>> = items.iter().map(symbolic_shapes).collect();
    shapes.map(Value::list)
}

fn symbolic(it: &mut Interp, layer: &Value, callee: Callee, args: &Args) -> R<Value> {
    let kts: Vec<Value> = {
        let mut v = Vec::new();
        for a in args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)) {
            collect_kts(a, 3, &mut v);
        }
        v
    };
    let shapes: Vec<Vec<Option<usize>>> = kts
        .iter()
        .filter_map(|k| k.as_object::<KerasTensor>().map(|k| k.shape.clone()))
        .collect();
    let batch_unknown = shapes.iter().any(|s| s.first() == Some(&None));
    let other_unknown = shapes.iter().any(|s| s.iter().skip(1).any(|d| d.is_none()));
    let is_op = matches!(callee, Callee::Op(_));
    let a2 = map_args(it, args, &mut |_, k| probe(k, 2))?;
    let out2 = run(it, &callee, a2)?;
    let Some(t2) = flat_outputs(&out2) else {
        return raise(
            ExcKind::TypeError,
            format!(
                "Keras symbolic call of layer '{}' returned a value that is not a tensor or a list of tensors",
                layer_name(layer)
            ),
        );
    };
    let mut dims: Vec<Vec<Option<usize>>> = t2
        .iter()
        .map(|t| t.shape().iter().map(|&d| Some(d)).collect())
        .collect();
    if other_unknown || (is_op && batch_unknown) {
        let a3 = map_args(it, args, &mut |_, k| probe(k, 3))?;
        let out3 = run(it, &callee, a3)?;
        if let Some(t3) = flat_outputs(&out3) {
            for (d, t) in dims.iter_mut().zip(&t3) {
                if d.len() == t.ndim() {
                    for (x, &y) in d.iter_mut().zip(t.shape()) {
                        if *x != Some(y) {
                            *x = None;
                        }
                    }
                }
            }
        }
    } else if batch_unknown {
        for d in dims.iter_mut() {
            if let Some(first) = d.first_mut() {
                *first = None;
            }
        }
    }
    let index = with_inbound(layer, |i| i.len()).unwrap_or(0);
    let node = Rc::new(Node {
        layer: layer.clone(),
        index,
        args: args.clone(),
        is_input: false,
    });
    let kts_out: Vec<Value> = dims
        .into_iter()
        .zip(&t2)
        .enumerate()
        .map(|(i, (shape, t))| {
            KerasTensor {
                shape,
                dtype: t.dtype(),
                node: node.clone(),
                index: i,
            }
            .value()
        })
        .collect();
    let out = match &out2 {
        Value::List(_) => Value::list(kts_out),
        Value::Tuple(_) => Value::tuple(kts_out),
        _ => kts_out.into_iter().next().unwrap_or(Value::None),
    };
    let inputs = match args.pos.first() {
        Some(v) => v.clone(),
        None => Value::None,
    };
    if index == 0 {
        if let Some(l) = super::layer_ref(layer) {
            // The probe runs built the layer for concrete shapes; Keras records the
            // symbolic ones.
            *l.build_input.borrow_mut() = symbolic_shapes(&inputs);
        }
    }
    with_inbound(layer, |i| i.push(inputs, out.clone()));
    if let Some(l) = super::layer_ref(layer) {
        note_shapes(l, &kts, &out);
    } else if let Some(n) = super::native_layer(layer) {
        if let Some(l) = super::layer_ref(&n) {
            note_shapes(l, &kts, &out);
        }
    }
    Ok(out)
}

/// A layer's `input_shape` / `output_shape` after its first symbolic call.
fn note_shapes(l: &Layer, kts: &[Value], out: &Value) {
    if l.inbound.len() != 1 {
        return;
    }
    if let Some(k) = kts.first().and_then(|k| k.as_object::<KerasTensor>()) {
        if l.input_shape.borrow().is_none() {
            *l.input_shape.borrow_mut() = Some(k.shape.clone());
        }
    }
    if let Some(k) = out.as_object::<KerasTensor>() {
        *l.output_shape.borrow_mut() = Some(k.shape.clone());
    }
}

/// A layer called on symbolic tensors: the symbolic outputs, or None when no argument is
/// symbolic.
pub fn layer_call(it: &mut Interp, layer: &Value, args: &Args) -> R<Option<Value>> {
    if !args_hold_kt(args) {
        return Ok(None);
    }
    symbolic(it, layer, Callee::Layer(layer), args).map(Some)
}

/// A TensorFlow operation applied to symbolic tensors: a new `TFOpLambda` layer's output.
pub fn op_call(it: &mut Interp, name: &str, op: Op, args: &Args) -> R<Value> {
    let lname = it.unique_name(name);
    let l = Layer::new(
        it,
        "TFOpLambda",
        Box::new(TfOpLambda {
            op: op.clone(),
            function: name.to_string(),
        }),
        Some(lname),
    );
    l.built.set(true);
    let layer = Value::Object(Rc::new(l));
    symbolic(it, &layer, Callee::Op(&op), args)
}

/// The hook for declared builtins called with native objects: a TensorFlow function given
/// a symbolic tensor becomes a `TFOpLambda` layer.
pub fn symbolic_builtin(it: &mut Interp, f: &Value, args: &Args) -> R<Option<Value>> {
    if !args_hold_kt(args) {
        return Ok(None);
    }
    let Value::Builtin(b) = f else {
        return Ok(None);
    };
    let Some(d) = &b.decl else {
        return Ok(None);
    };
    let paths = d.decl.paths;
    if paths.contains(&"builtins.abs") {
        return op_call(it, "tf.math.abs", Op::Abs, args).map(Some);
    }
    if paths.contains(&"builtins.len") {
        return Err(not_len());
    }
    let Some(name) = super::tf_op_names::keras_op_name(paths) else {
        return Ok(None);
    };
    op_call(it, &name, Op::Builtin(f.clone()), args).map(Some)
}

fn not_len() -> crate::eval::Flow {
    type_err("Keras symbolic inputs/outputs do not implement `__len__`. You may be trying to pass Keras symbolic inputs/outputs to a TF API that does not register dispatching, preventing Keras from automatically converting the API call to a lambda layer in the Functional Model. This error will also get raised if you try asserting a symbolic input/output directly.")
}

/// Python operators on a symbolic tensor and the `TFOpLambda` name Keras gives each.
const BINARY: &[(&str, &str, BinOp, bool)] = &[
    ("__add__", "tf.__operators__.add", BinOp::Add, false),
    ("__radd__", "tf.__operators__.add", BinOp::Add, true),
    ("__sub__", "tf.math.subtract", BinOp::Sub, false),
    ("__rsub__", "tf.math.subtract", BinOp::Sub, true),
    ("__mul__", "tf.math.multiply", BinOp::Mul, false),
    ("__rmul__", "tf.math.multiply", BinOp::Mul, true),
    ("__truediv__", "tf.math.truediv", BinOp::Div, false),
    ("__rtruediv__", "tf.math.truediv", BinOp::Div, true),
    (
        "__floordiv__",
        "tf.compat.v1.floor_div",
        BinOp::FloorDiv,
        false,
    ),
    (
        "__rfloordiv__",
        "tf.compat.v1.floor_div",
        BinOp::FloorDiv,
        true,
    ),
    ("__mod__", "tf.math.floormod", BinOp::Mod, false),
    ("__rmod__", "tf.math.floormod", BinOp::Mod, true),
    ("__pow__", "tf.math.pow", BinOp::Pow, false),
    ("__rpow__", "tf.math.pow", BinOp::Pow, true),
    ("__matmul__", "tf.linalg.matmul", BinOp::MatMul, false),
    ("__rmatmul__", "tf.linalg.matmul", BinOp::MatMul, true),
];

const COMPARE: &[(&str, &str, CmpOp)] = &[
    ("__gt__", "tf.math.greater", CmpOp::Gt),
    ("__ge__", "tf.math.greater_equal", CmpOp::GtE),
    ("__lt__", "tf.math.less", CmpOp::Lt),
    ("__le__", "tf.math.less_equal", CmpOp::LtE),
    ("__eq__", "tf.__operators__.eq", CmpOp::Eq),
    ("__ne__", "tf.__operators__.ne", CmpOp::NotEq),
];

fn kt_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let other = args.pos.first().cloned().unwrap_or(Value::None);
    if let Some(&(_, op_name, op, reflected)) = BINARY.iter().find(|b| b.0 == name) {
        let pos = if reflected {
            vec![other, recv.clone()]
        } else {
            vec![recv.clone(), other]
        };
        return op_call(it, op_name, Op::Binary(op), &Args::new(pos));
    }
    if let Some(&(_, op_name, op)) = COMPARE.iter().find(|b| b.0 == name) {
        return op_call(
            it,
            op_name,
            Op::Compare(op),
            &Args::new(vec![recv.clone(), other]),
        );
    }
    match name {
        "__neg__" => op_call(
            it,
            "tf.math.negative",
            Op::Unary(UnaryOp::Neg),
            &Args::new(vec![recv.clone()]),
        ),
        "__abs__" => op_call(it, "tf.math.abs", Op::Abs, &Args::new(vec![recv.clone()])),
        "__getitem__" => op_call(
            it,
            "tf.__operators__.getitem",
            Op::GetItem,
            &Args::new(vec![recv.clone(), other]),
        ),
        "__len__" => Err(not_len()),
        _ => Ok(Value::None),
    }
}

const METHODS: &[&str] = &[
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__rtruediv__",
    "__floordiv__",
    "__rfloordiv__",
    "__mod__",
    "__rmod__",
    "__pow__",
    "__rpow__",
    "__matmul__",
    "__rmatmul__",
    "__gt__",
    "__ge__",
    "__lt__",
    "__le__",
    "__eq__",
    "__ne__",
    "__neg__",
    "__abs__",
    "__getitem__",
    "__len__",
];

impl Object for KerasTensor {
    fn type_name(&self) -> String {
        "KerasTensor".into()
    }

    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, kt_method)));
        }
        Ok(Some(match name {
            "shape" => Value::Shape(Rc::new(crate::eval::value::Shape {
                dims: Some(self.shape.clone()),
            })),
            "dtype" => Value::DType(self.dtype),
            "ndim" => Value::Int(self.shape.len() as i64),
            "name" => Value::str(&self.layer_name()),
            "get_shape" => Value::method(this.clone(), "get_shape", |_, recv, _, _| {
                let dims = recv.as_object::<KerasTensor>().map(|k| k.shape.clone());
                Ok(Value::Shape(Rc::new(crate::eval::value::Shape { dims })))
            }),
            _ => return Ok(None),
        }))
    }

    fn attr_names(&self) -> Vec<String> {
        ["shape", "dtype", "ndim", "name", "get_shape"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<KerasTensor: shape={} dtype={} (created by layer '{}')>",
            crate::eval::repr::shape_str(&Some(self.shape.clone())),
            self.dtype.name(),
            self.layer_name()
        ))
    }

    fn str(&self, _it: &mut Interp) -> R<String> {
        let name = self.layer_name();
        let spec_name = if self.node.is_input {
            format!("'{}'", name)
        } else {
            "None".into()
        };
        Ok(format!(
            "KerasTensor(type_spec=TensorSpec(shape={}, dtype=tf.{}, name={}), name='{}', description=\"created by layer '{}'\")",
            crate::eval::repr::shape_str(&Some(self.shape.clone())),
            self.dtype.name(),
            spec_name,
            name,
            name
        ))
    }

    fn class_path(&self) -> Option<String> {
        Some("keras.src.engine.keras_tensor.KerasTensor".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
