//! The graph a `tf.function` trace records, and running it again.
//!
//! A trace runs the Python body once with symbolic tensors ([`GraphTensor`]) in place of
//! the tensor arguments. Python code runs as Python does (its `print`s, list appends and
//! global counters happen once per trace); every TensorFlow call that meets a symbolic
//! tensor, a variable or a TensorFlow object made in the trace is computed on the
//! symbolic tensors' trace-time values and recorded as a [`Node`]. Later calls with a
//! matching signature run the nodes alone, on the new inputs, without the Python body.
//!
//! Values flow through a recording by identity: each symbolic tensor has an id, and each
//! object a recorded call returned (a `GradientTape`) is known by its address, so a node's
//! arguments name what earlier nodes made and the replay substitutes what they make now.

use super::symbolic::GraphTensor;
use crate::eval::error::R;
use crate::eval::value::{Args, Dict};
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// How deep a recorded argument is searched for symbolic tensors (a list may hold itself).
pub(super) const DEPTH: u8 = 5;

/// What a node calls.
#[derive(Clone)]
pub enum Call {
    /// A callable value: a TensorFlow function, a Keras object, a nested `tf.function`.
    Value(Value),
    /// A native method, looked up again on the (substituted) receiver.
    Method(Value, &'static str),
    /// A Python operator on tensors.
    Binary(BinOp),
    Compare(CmpOp),
    Unary(UnaryOp),
    /// `x[index]`.
    Item,
    /// `abs(x)`.
    Abs,
    /// An `if` on a symbolic tensor (AutoGraph's `tf.cond`).
    Cond(Rc<super::autograph::CondGraph>),
    /// A `for` or `while` loop on symbolic tensors (AutoGraph's `tf.while_loop`).
    Loop(Rc<super::autograph::LoopGraph>),
}

/// One recorded step: what was called, with which arguments (symbolic tensors in place),
/// and what it returned (symbolic tensors in place, for later nodes to name).
pub struct Node {
    pub call: Call,
    pub args: Args,
    pub out: Value,
}

/// A finished recording: the symbolic inputs in order, the steps, the structured output.
pub struct Graph {
    pub inputs: Vec<Value>,
    pub nodes: Vec<Node>,
    pub output: Value,
}

/// The recording in progress.
#[derive(Default)]
pub struct Frame {
    pub nodes: Vec<Node>,
    /// How many op names of each kind the graph has used (`add`, `add_1`...).
    names: HashMap<String, usize>,
    /// Objects the recording made (by address): they are replaced on replay.
    tracked: HashMap<usize, ()>,
    /// Nesting of recorded calls now running: their inner calls are theirs, not ours.
    depth: usize,
    /// A branch or loop body traced to be run later: its effects on variables are undone
    /// when it ends, and `tf.print` waits for the runs.
    dry: bool,
    /// The values variables had before a dry frame's first write to them.
    restore: Vec<(Rc<crate::eval::value::Variable>, crate::tensor::Tensor)>,
    /// A second trace made only for its Python effects (TensorFlow traces again after a
    /// first trace that created variables): each step it would record returns what the
    /// first trace's step returned, in order, and nothing runs.
    mute: Option<(Vec<Value>, usize)>,
}

thread_local! {
    static FRAMES: RefCell<Vec<Frame>> = const { RefCell::new(Vec::new()) };
    static SAVED: Cell<Option<crate::eval::hooks::Hooks>> = const { Cell::new(None) };
}

thread_local! {
    /// `tf.print` output of the outermost trace in progress, written when it ends: as in
    /// TensorFlow, a first call traces (both traces, when the first made variables)
    /// before the graph prints anything.
    static HELD: RefCell<Option<Vec<(bool, String)>>> = const { RefCell::new(None) };
}

/// Starts holding `tf.print` output; true when this call started it (the outermost).
pub fn hold_prints() -> bool {
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        if h.is_some() {
            return false;
        }
        *h = Some(Vec::new());
        true
    })
}

/// Stops holding: the held output (to stdout?, text), in order.
pub fn release_prints() -> Vec<(bool, String)> {
    HELD.with(|h| h.borrow_mut().take()).unwrap_or_default()
}

/// Keeps a `tf.print` text back while a trace is in progress; false when none is.
pub fn held_print(to_stdout: bool, text: &str) -> bool {
    HELD.with(|h| match h.borrow_mut().as_mut() {
        Some(v) => {
            v.push((to_stdout, text.to_string()));
            true
        }
        None => false,
    })
}

/// Whether a trace is recording now (and not inside a recorded call).
pub fn recording() -> bool {
    FRAMES.with(|f| f.borrow().last().map(|f| f.depth == 0).unwrap_or(false))
}

/// A graph-unique op name: `add`, then `add_1`, `add_2`...
pub fn unique_name(base: &str) -> String {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let Some(fr) = f.last_mut() else {
            return base.to_string();
        };
        let n = fr.names.entry(base.to_string()).or_insert(0);
        let name = if *n == 0 {
            base.to_string()
        } else {
            format!("{}_{}", base, n)
        };
        *n += 1;
        name
    })
}

/// Starts a recording; the evaluator's hooks now route TensorFlow calls through it.
pub fn begin(it: &mut Interp) {
    let first = FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        f.push(Frame::default());
        f.len() == 1
    });
    if first {
        SAVED.with(|s| s.set(Some(it.hooks)));
        it.hooks.traced_call = Some(super::record::traced_call);
        it.hooks.tensor_binary = super::record::traced_binary;
        it.hooks.tensor_compare = super::record::traced_compare;
        it.hooks.tensor_unary = super::record::traced_unary;
        it.hooks.value_item = super::record::traced_item;
        it.hooks.graph_control = Some(super::autograph::control);
        it.hooks.graph_pick = Some(super::logic::pick);
    }
}

/// Starts a second trace that replays the outputs of the first trace's steps, `outs`.
pub fn begin_mute(it: &mut Interp, outs: Vec<Value>) {
    begin(it);
    FRAMES.with(|f| {
        if let Some(fr) = f.borrow_mut().last_mut() {
            fr.mute = Some((outs, 0));
        }
    });
}

/// In a muted trace: the next step's output from the first trace.
pub fn mute_next() -> Option<Value> {
    FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let fr = f.last_mut()?;
        if fr.depth > 0 {
            return None;
        }
        let (outs, i) = fr.mute.as_mut()?;
        let v = outs.get(*i).cloned();
        *i += 1;
        v
    })
}

pub(super) fn muted() -> bool {
    FRAMES.with(|f| {
        f.borrow()
            .last()
            .map(|fr| fr.mute.is_some() && fr.depth == 0)
            .unwrap_or(false)
    })
}

/// Starts recording a branch or loop body (a graph of its own, with its own names).
pub fn begin_body() {
    FRAMES.with(|f| {
        f.borrow_mut().push(Frame {
            dry: true,
            ..Frame::default()
        })
    });
}

/// Ends a branch or loop body: its steps, with the variables it wrote restored.
pub fn end_body() -> Vec<Node> {
    let fr = FRAMES.with(|f| f.borrow_mut().pop().unwrap_or_default());
    for (var, old) in fr.restore.into_iter().rev() {
        *var.value.borrow_mut() = old;
    }
    fr.nodes
}

pub(super) fn dry() -> bool {
    FRAMES.with(|f| f.borrow().last().map(|f| f.dry).unwrap_or(false))
}

pub(super) fn remember(var: &Rc<crate::eval::value::Variable>) {
    let old = var.value.borrow().clone();
    FRAMES.with(|f| {
        if let Some(fr) = f.borrow_mut().last_mut() {
            fr.restore.push((var.clone(), old));
        }
    });
}

/// Ends the innermost recording and returns its steps.
pub fn end(it: &mut Interp) -> Vec<Node> {
    let (frame, last) = FRAMES.with(|f| {
        let mut f = f.borrow_mut();
        let fr = f.pop().unwrap_or_default();
        (fr, f.is_empty())
    });
    if last {
        if let Some(h) = SAVED.with(|s| s.take()) {
            it.hooks = h;
        }
    }
    frame.nodes
}

/// The evaluator's own hooks (those a recording replaced, or the current ones).
pub(super) fn saved(it: &Interp) -> crate::eval::hooks::Hooks {
    SAVED.with(|s| s.get()).unwrap_or(it.hooks)
}

pub(super) fn with_depth<T>(f: impl FnOnce() -> T) -> T {
    FRAMES.with(|fr| {
        if let Some(x) = fr.borrow_mut().last_mut() {
            x.depth += 1
        }
    });
    let out = f();
    FRAMES.with(|fr| {
        if let Some(x) = fr.borrow_mut().last_mut() {
            x.depth -= 1
        }
    });
    out
}

pub(super) fn push_node(node: Node) {
    FRAMES.with(|f| {
        if let Some(fr) = f.borrow_mut().last_mut() {
            fr.nodes.push(node)
        }
    });
}

pub(super) fn addr(v: &Value) -> Option<usize> {
    match v {
        Value::Object(o) => Some(Rc::as_ptr(o) as *const () as usize),
        Value::Variable(x) => Some(Rc::as_ptr(x) as *const () as usize),
        Value::Instance(x) => Some(Rc::as_ptr(x) as *const () as usize),
        _ => None,
    }
}

pub(super) fn is_tracked(v: &Value) -> bool {
    let Some(a) = addr(v) else { return false };
    FRAMES.with(|f| f.borrow().iter().any(|fr| fr.tracked.contains_key(&a)))
}

pub(super) fn track(v: &Value) {
    if let Some(a) = addr(v) {
        FRAMES.with(|f| {
            if let Some(fr) = f.borrow_mut().last_mut() {
                fr.tracked.insert(a, ());
            }
        })
    }
}

/// Whether `v` holds what a graph must read when it runs rather than when it is traced:
/// a symbolic tensor, a variable, or an object the trace made.
pub fn live(v: &Value, depth: u8) -> bool {
    if v.as_object::<GraphTensor>().is_some() || matches!(v, Value::Variable(_)) {
        return true;
    }
    if is_tracked(v) {
        return true;
    }
    if depth == 0 {
        return false;
    }
    match v {
        Value::List(l) => l.borrow().iter().any(|x| live(x, depth - 1)),
        Value::Tuple(t) => t.iter().any(|x| live(x, depth - 1)),
        Value::Dict(d) => d.borrow().values.iter().any(|x| live(x, depth - 1)),
        Value::Object(o) => o
            .as_tuple()
            .map(|t| t.iter().any(|x| live(x, depth - 1)))
            .unwrap_or(false),
        _ => false,
    }
}

pub(super) fn args_live(args: &Args) -> bool {
    args.pos.iter().any(|v| live(v, DEPTH)) || args.kw.iter().any(|(_, v)| live(v, DEPTH))
}

/// Whether `v` holds a tensor (a recorded call's result worth naming).
pub(super) fn holds_tensor(v: &Value, depth: u8) -> bool {
    match v {
        Value::Tensor(_) => true,
        Value::List(l) if depth > 0 => l.borrow().iter().any(|x| holds_tensor(x, depth - 1)),
        Value::Tuple(t) if depth > 0 => t.iter().any(|x| holds_tensor(x, depth - 1)),
        Value::Dict(d) if depth > 0 => d.borrow().values.iter().any(|x| holds_tensor(x, depth - 1)),
        Value::Object(o) if depth > 0 => o
            .as_tuple()
            .map(|t| t.iter().any(|x| holds_tensor(x, depth - 1)))
            .unwrap_or(false),
        _ => false,
    }
}

/// What symbolic tensors and tracked objects stand for while a graph runs.
#[derive(Default)]
pub struct Env {
    pub tensors: HashMap<u64, Value>,
    pub objects: HashMap<usize, Value>,
}

/// `v` with each symbolic tensor replaced by `f(tensor)` and each tracked object by what
/// `objects` maps it to; containers without either are kept as they are.
pub fn subst(
    v: &Value,
    depth: u8,
    f: &dyn Fn(&GraphTensor) -> Value,
    objects: &HashMap<usize, Value>,
) -> R<Value> {
    if let Some(g) = v.as_object::<GraphTensor>() {
        return Ok(f(g));
    }
    if let Some(a) = addr(v) {
        if let Some(x) = objects.get(&a) {
            return Ok(x.clone());
        }
    }
    if depth == 0 || !needs_subst(v, depth, objects) {
        return Ok(v.clone());
    }
    Ok(match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(subst(x, depth - 1, f, objects)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for x in t.iter() {
                out.push(subst(x, depth - 1, f, objects)?);
            }
            Value::tuple(out)
        }
        Value::Dict(d) => {
            let (keys, values) = {
                let d = d.borrow();
                (d.keys.clone(), d.values.clone())
            };
            let mut nd = Dict::default();
            for (k, x) in keys.into_iter().zip(values) {
                nd.insert(k, subst(&x, depth - 1, f, objects)?)?;
            }
            Value::Dict(Rc::new(RefCell::new(nd)))
        }
        Value::Object(o) => match o.as_tuple() {
            Some(items) => {
                let mut out = Vec::with_capacity(items.len());
                for x in &items {
                    out.push(subst(x, depth - 1, f, objects)?);
                }
                Value::tuple(out)
            }
            None => v.clone(),
        },
        other => other.clone(),
    })
}

fn needs_subst(v: &Value, depth: u8, objects: &HashMap<usize, Value>) -> bool {
    if v.as_object::<GraphTensor>().is_some() {
        return true;
    }
    if let Some(a) = addr(v) {
        if objects.contains_key(&a) {
            return true;
        }
    }
    if depth == 0 {
        return false;
    }
    match v {
        Value::List(l) => l
            .borrow()
            .iter()
            .any(|x| needs_subst(x, depth - 1, objects)),
        Value::Tuple(t) => t.iter().any(|x| needs_subst(x, depth - 1, objects)),
        Value::Dict(d) => d
            .borrow()
            .values
            .iter()
            .any(|x| needs_subst(x, depth - 1, objects)),
        Value::Object(o) => o
            .as_tuple()
            .map(|t| t.iter().any(|x| needs_subst(x, depth - 1, objects)))
            .unwrap_or(false),
        _ => false,
    }
}

pub(super) fn subst_args(args: &Args, f: &dyn Fn(&GraphTensor) -> Value, env: &Env) -> R<Args> {
    let mut out = Args::default();
    for v in &args.pos {
        out.pos.push(subst(v, DEPTH, f, &env.objects)?);
    }
    for (k, v) in &args.kw {
        out.kw.push((k.clone(), subst(v, DEPTH, f, &env.objects)?));
    }
    Ok(out)
}

/// The trace-time value of each symbolic tensor in `v`.
pub fn shadows(v: &Value) -> R<Value> {
    subst(
        v,
        DEPTH,
        &|g| Value::Tensor(g.shadow.clone()),
        &HashMap::new(),
    )
}

/// Replaces each tensor of a recorded call's result with a new symbolic tensor named
/// after the op (a tensor the call passed through unchanged keeps its symbolic name).
fn wrap(
    v: &Value,
    depth: u8,
    base: &str,
    index: &mut usize,
    passed: &HashMap<u64, Value>,
) -> Value {
    match v {
        Value::Tensor(t) => {
            if let Some(g) = passed.get(&t.id()) {
                return g.clone();
            }
            let i = *index;
            *index += 1;
            GraphTensor::output(t.clone(), base, i)
        }
        Value::List(l) if depth > 0 => Value::list(
            l.borrow()
                .iter()
                .map(|x| wrap(x, depth - 1, base, index, passed))
                .collect(),
        ),
        Value::Tuple(t) if depth > 0 => Value::tuple(
            t.iter()
                .map(|x| wrap(x, depth - 1, base, index, passed))
                .collect(),
        ),
        Value::Dict(d) if depth > 0 => {
            // A step's logs (`{'loss': ...}`): the same keys, the values named.
            let mut nd = d.borrow().clone();
            nd.values = nd
                .values
                .iter()
                .map(|x| wrap(x, depth - 1, base, index, passed))
                .collect();
            Value::Dict(Rc::new(RefCell::new(nd)))
        }
        _ => v.clone(),
    }
}

/// Names the tensors of a result: one op name for all of a call's outputs (`split:0`,
/// `split:1`), drawn once from the graph's counters.
pub fn name_outputs(v: &Value, base: &str, inputs: &Args) -> Value {
    if !holds_tensor(v, DEPTH) {
        return v.clone();
    }
    let mut passed = HashMap::new();
    for a in inputs.pos.iter().chain(inputs.kw.iter().map(|(_, v)| v)) {
        collect_gts(a, DEPTH, &mut passed);
    }
    let single = matches!(v, Value::Tensor(t) if passed.contains_key(&t.id()));
    let base = if single {
        String::new()
    } else {
        unique_name(base)
    };
    let mut index = 0;
    wrap(v, DEPTH, &base, &mut index, &passed)
}

pub(super) fn collect_gts(v: &Value, depth: u8, out: &mut HashMap<u64, Value>) {
    if let Some(g) = v.as_object::<GraphTensor>() {
        out.insert(g.shadow.id(), v.clone());
        return;
    }
    if depth == 0 {
        return;
    }
    match v {
        Value::List(l) => l
            .borrow()
            .iter()
            .for_each(|x| collect_gts(x, depth - 1, out)),
        Value::Tuple(t) => t.iter().for_each(|x| collect_gts(x, depth - 1, out)),
        Value::Dict(d) => d
            .borrow()
            .values
            .iter()
            .for_each(|x| collect_gts(x, depth - 1, out)),
        _ => {}
    }
}

/// Records the step `call(args) -> out` (out with symbolic tensors in place).
pub fn record(call: Call, args: Args, out: &Value) {
    push_node(Node {
        call,
        args,
        out: out.clone(),
    });
}

/// Calls what a step calls.
pub(super) fn invoke(it: &mut Interp, call: &Call, args: Args, env: &Env) -> R<Value> {
    let hooks = saved(it);
    let two = |args: &Args| -> (Value, Value) {
        (
            args.pos.first().cloned().unwrap_or(Value::None),
            args.pos.get(1).cloned().unwrap_or(Value::None),
        )
    };
    match call {
        Call::Value(f) => it.call(f, args),
        Call::Method(recv, name) => {
            let r = subst(
                recv,
                DEPTH,
                &|g| Value::Tensor(g.shadow.clone()),
                &env.objects,
            )?;
            let m = it.get_attr(&r, name)?;
            it.call(&m, args)
        }
        Call::Binary(op) => {
            let (a, b) = two(&args);
            if plain(&a) && plain(&b) {
                (hooks.tensor_binary)(it, *op, &a, &b)
            } else {
                it.binary(*op, &a, &b)
            }
        }
        Call::Compare(op) => {
            let (a, b) = two(&args);
            (hooks.tensor_compare)(it, *op, &a, &b)
        }
        Call::Unary(op) => {
            let (a, _) = two(&args);
            (hooks.tensor_unary)(it, *op, &a)
        }
        Call::Item => {
            let (a, b) = two(&args);
            (hooks.value_item)(it, &a, &b)
        }
        Call::Abs => {
            let (a, _) = two(&args);
            (hooks.tensor_abs)(it, a)
        }
        Call::Cond(c) => {
            let mut env = Env::default();
            c.run(it, &args, &mut env)
        }
        Call::Loop(l) => {
            let mut env = Env::default();
            l.run(it, &args, &mut env)
        }
    }
}

fn plain(v: &Value) -> bool {
    !matches!(v, Value::Object(_) | Value::Instance(_))
}

/// Runs a recorded graph on `env` (its inputs bound), binding every step's results.
pub fn run(it: &mut Interp, nodes: &[Node], env: &mut Env) -> R<()> {
    for node in nodes {
        it.check_interrupt()?;
        let args = {
            let e: &Env = env;
            subst_args(
                &node.args,
                &|g| {
                    e.tensors
                        .get(&g.id)
                        .cloned()
                        .unwrap_or(Value::Tensor(g.shadow.clone()))
                },
                e,
            )?
        };
        let call = match &node.call {
            Call::Method(recv, name) => {
                let e: &Env = env;
                let r = subst(
                    recv,
                    DEPTH,
                    &|g| {
                        e.tensors
                            .get(&g.id)
                            .cloned()
                            .unwrap_or(Value::Tensor(g.shadow.clone()))
                    },
                    &e.objects,
                )?;
                Call::Method(r, name)
            }
            other => other.clone(),
        };
        if dry() {
            // A body run while tracing another: it prints nothing and its writes to
            // variables are undone when the body ends.
            if matches!(&call, Call::Value(f) if matches!(decl_paths(f), Some(p) if p.contains(&"tf.print")))
            {
                bind(&node.out, &Value::None, DEPTH, env);
                continue;
            }
            if let Call::Method(Value::Variable(v), _) = &call {
                remember(v);
            }
        }
        // A TensorFlow function of Python values alone (`tf.zeros([4])`) makes constants
        // of a compiled step.
        let constant = crate::tensor::compile::capture::on()
            && matches!(&call, Call::Value(Value::Builtin(_)))
            && args
                .pos
                .iter()
                .chain(args.kw.iter().map(|(_, v)| v))
                .all(|v| crate::api::convert::python_data(v, DEPTH));
        // What a run calls is not part of any recording under way.
        let run_one = || {
            with_depth(|| match &call {
                Call::Cond(c) => c.run(it, &args, env),
                Call::Loop(l) => l.run(it, &args, env),
                _ => invoke(it, &call, args, env),
            })
        };
        let out = match constant {
            true => crate::tensor::compile::capture::constant_scope(run_one)?,
            false => run_one()?,
        };
        if constant {
            for t in leaf_tensors(&out) {
                crate::tensor::compile::capture::constant(&t);
            }
        }
        bind(&node.out, &out, DEPTH, env);
    }
    Ok(())
}

/// The tensors in `v` (a tensor, or containers of them).
pub(super) fn leaf_tensors(v: &Value) -> Vec<crate::tensor::Tensor> {
    fn walk(v: &Value, out: &mut Vec<crate::tensor::Tensor>, depth: u8) {
        match v {
            Value::Tensor(t) => out.push(t.clone()),
            _ if depth == 0 => {}
            _ => {
                if let Some(xs) = children(v) {
                    for x in &xs {
                        walk(x, out, depth - 1);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out, DEPTH);
    out
}

/// Matches a template (what the trace returned) against what a run returned, binding
/// each symbolic tensor and tracked object to its new value.
pub fn bind(template: &Value, actual: &Value, depth: u8, env: &mut Env) {
    if let Some(g) = template.as_object::<GraphTensor>() {
        env.tensors.insert(g.id, actual.clone());
        return;
    }
    if let Some(a) = addr(template) {
        if !matches!(template, Value::Variable(_)) {
            env.objects.insert(a, actual.clone());
        }
        return;
    }
    if depth == 0 {
        return;
    }
    if let (Some(t), Some(a)) = (children(template), children(actual)) {
        for (x, y) in t.iter().zip(a.iter()) {
            bind(x, y, depth - 1, env);
        }
    }
}

/// The output of a run: the template with every symbolic tensor replaced by its value.
pub fn output(template: &Value, env: &Env) -> R<Value> {
    subst(
        template,
        DEPTH,
        &|g| {
            env.tensors
                .get(&g.id)
                .cloned()
                .unwrap_or(Value::Tensor(g.shadow.clone()))
        },
        &env.objects,
    )
}

/// The Python paths a declared builtin is registered under.
pub(super) fn decl_paths(f: &Value) -> Option<&'static [&'static str]> {
    match f {
        Value::Builtin(b) => b.decl.as_ref().map(|d| d.decl.paths),
        _ => None,
    }
}

/// The items of a structure a recording walks: a list's, a tuple's (named tuples
/// included), a dict's values.
pub(super) fn children(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        Value::Object(o) => o.as_tuple(),
        Value::Dict(d) => Some(d.borrow().values.clone()),
        _ => None,
    }
}

/// `v` with each symbolic tensor replaced by `f(value, tensor)`, through lists and tuples.
pub(super) fn map_gts(
    v: &Value,
    depth: u8,
    f: &mut dyn FnMut(&Value, &GraphTensor) -> Value,
) -> Value {
    if let Some(g) = v.as_object::<GraphTensor>() {
        return f(v, g);
    }
    if depth == 0 {
        return v.clone();
    }
    match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            Value::list(items.iter().map(|x| map_gts(x, depth - 1, f)).collect())
        }
        Value::Tuple(t) => Value::tuple(t.iter().map(|x| map_gts(x, depth - 1, f)).collect()),
        other => other.clone(),
    }
}
