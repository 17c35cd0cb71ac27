//! A trace run as a compiled program: the kernels its first replay executed, captured
//! (`tensor::compile`) and run on later calls without the graph's Python-level steps, the
//! Keras objects or a gradient tape.
//!
//! A call made while a gradient tape records runs the replay, whose ops the tape sees.
//! A trace is compiled only when every step it recorded keeps what it changes in
//! variables: TensorFlow's functions and operators, gradient tapes, variable assignments,
//! and the Keras objects whose state is variables (layers, losses, optimizers; the Keras
//! side says which). Anything else (control flow, `tf.print`, random draws, metrics, a
//! value read into Rust) keeps the trace on its recorded replay. A call whose arguments
//! differ in shape or dtype from the captured run's, or whose program meets a shape that
//! depends on the values, or whose kernels raise, runs the replay too: it raises the
//! error with the replay's wording, and the program stores nothing before it has run to
//! its end.

use super::graph::{self, children, decl_paths, Call, Env, Graph, DEPTH};
use super::signature;
use super::symbolic::GraphTensor;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::compile::{capture, Plan, Stop};
use crate::tensor::Tensor;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Default)]
enum State {
    /// Not tried yet: the next replay is captured.
    #[default]
    Untried,
    Compiled(Rc<Plan>),
    /// Not compilable, or no longer (a shape that depends on values).
    Off,
}

/// A trace's compiled program, once there is one.
#[derive(Default)]
pub struct Compiled {
    state: RefCell<State>,
}

/// `TensorFlow` callables whose calls may be compiled: everything under `tf.` but these
/// (which draw random numbers, act on the world or hold state outside variables).
const NOT_COMPILED: &[&str] = &[
    "tf.random",
    "tf.print",
    "tf.timestamp",
    "tf.py_function",
    "tf.numpy_function",
    "tf.summary",
    "tf.io",
    "tf.data",
    "tf.config",
    "tf.saved_model",
    "tf.train",
    "tf.keras",
    "tf.Variable",
    "tf.experimental",
    "tf.function",
    "tf.debugging",
    "tf.image.random",
    "tf.nn.dropout",
    "tf.TensorArray",
    "tf.queue",
    "tf.strings",
];

/// Variable methods a compiled step may call.
const VARIABLE_METHODS: &[&str] = &["assign", "assign_add", "assign_sub", "read_value", "value"];

/// Why the steps of `graph` cannot be compiled, or None when they can.
fn obstacle(it: &Interp, graph: &Graph) -> Option<String> {
    for n in &graph.nodes {
        let ok = match &n.call {
            Call::Binary(_) | Call::Compare(_) | Call::Unary(_) | Call::Item | Call::Abs => true,
            Call::Cond(_) | Call::Loop(_) => false,
            Call::Value(f @ Value::Builtin(_)) => decl_paths(f).is_some_and(|paths| {
                paths
                    .iter()
                    .all(|p| p.starts_with("tf.") && !NOT_COMPILED.iter().any(|d| p.starts_with(d)))
                    || paths.contains(&"tf.GradientTape")
            }),
            Call::Value(obj) => (it.hooks.keeps_state_in_variables)(obj, "__call__"),
            Call::Method(recv, name) => match recv {
                Value::Variable(_) => VARIABLE_METHODS.contains(name),
                v if v.as_object::<crate::api::tf_grad::GradientTape>().is_some() => {
                    matches!(*name, "__enter__" | "__exit__" | "gradient" | "watch")
                }
                v => (it.hooks.keeps_state_in_variables)(v, name),
            },
        };
        if !ok {
            return Some(format!("step {} is not compiled", describe(&n.call)));
        }
        let Args { pos, kw, .. } = &n.args;
        if pos
            .iter()
            .chain(kw.iter().map(|(_, v)| v))
            .any(|v| python_callable(v, DEPTH))
        {
            // `tf.cond(p, f, g)`, `tf.map_fn(f, x)`: which Python runs depends on values.
            return Some(format!(
                "step {} takes a Python callable",
                describe(&n.call)
            ));
        }
    }
    None
}

/// Whether `v` holds a Python function, method, class or instance.
fn python_callable(v: &Value, depth: u8) -> bool {
    match v {
        Value::Function(_) | Value::Class(_) | Value::Instance(_) => true,
        Value::Bound(b) => matches!(b.callee, crate::eval::value::Callee::Value(_)),
        _ if depth == 0 => false,
        _ => children(v).is_some_and(|xs| xs.iter().any(|x| python_callable(x, depth - 1))),
    }
}

fn describe(c: &Call) -> String {
    match c {
        Call::Value(f) => match decl_paths(f) {
            Some(p) => p.first().copied().unwrap_or("?").to_string(),
            None => f.type_name(),
        },
        Call::Method(r, name) => format!("{}.{}", r.type_name(), name),
        Call::Cond(_) => "if".into(),
        Call::Loop(_) => "loop".into(),
        _ => "operator".into(),
    }
}

/// The argument tensors, in the order of the graph's inputs; None when one is not bound
/// to a tensor, or when a variable is an argument.
fn arguments(graph: &Graph, env: &Env) -> Option<Vec<Tensor>> {
    if !env.objects.is_empty() {
        return None;
    }
    graph
        .inputs
        .iter()
        .map(|g| {
            let g = g.as_object::<GraphTensor>()?;
            env.tensors.get(&g.id).and_then(signature::tensor_arg)
        })
        .collect()
}

/// The ids of the symbolic tensors among the outputs, in order.
fn output_ids(v: &Value, out: &mut Vec<u64>, depth: u8) {
    if let Some(g) = v.as_object::<GraphTensor>() {
        out.push(g.id);
        return;
    }
    if depth == 0 {
        return;
    }
    if let Some(xs) = children(v) {
        for x in &xs {
            output_ids(x, out, depth - 1);
        }
    }
}

/// The tensors the recorded steps were given as constants (a tensor the Python body
/// closed over stays the value it was, even when a variable holds it).
fn constants(graph: &Graph) -> Vec<Tensor> {
    let mut out = Vec::new();
    for n in &graph.nodes {
        let Args { pos, kw, .. } = &n.args;
        for v in pos.iter().chain(kw.iter().map(|(_, v)| v)) {
            out.extend(graph::leaf_tensors(v));
        }
    }
    out
}

/// `TENSH_COMPILE_LOG=1` prints why a trace was not compiled, or what it compiled to;
/// `=2` also lists the program's kernels; `=trace` also prints where a capture failed.
fn log(what: &str) {
    if std::env::var_os("TENSH_COMPILE_LOG").is_some() {
        eprintln!("tf.function: {}", what);
    }
}

/// Running the graph on the call's bound inputs: what it returned (before variables are
/// read), and the values of its symbolic tensors.
pub type Replay<'a> = dyn FnMut(&mut Interp, Env) -> R<(Value, Env)> + 'a;

impl Compiled {
    /// Runs a call whose inputs `env` binds: by the compiled program when there is one
    /// that serves them, else by `replay` (capturing it into a program the first time).
    pub fn run(
        &self,
        it: &mut Interp,
        graph: &Graph,
        env: Env,
        replay: &mut Replay<'_>,
    ) -> R<Value> {
        if crate::tensor::autodiff::tape::any_recording() {
            // A tape outside the call records what the call computes (Keras's `fit` step
            // around a model's traced `call`): only the replay's ops reach it.
            return Ok(replay(it, env)?.0);
        }
        let state = std::mem::take(&mut *self.state.borrow_mut());
        match state {
            State::Off => {
                *self.state.borrow_mut() = State::Off;
                Ok(replay(it, env)?.0)
            }
            State::Compiled(plan) => {
                let done = match arguments(graph, &env) {
                    Some(args) if plan.serves(&args) => match plan.run(&args) {
                        Ok(outs) => Some(outs),
                        Err(Stop::Stale) => {
                            log("a shape differs from the captured run's; replaying from now on");
                            *self.state.borrow_mut() = State::Off;
                            return Ok(replay(it, env)?.0);
                        }
                        // The replay raises it (an interrupt too) with the wording of the
                        // steps that raise.
                        Err(Stop::Failed) => None,
                    },
                    _ => None,
                };
                *self.state.borrow_mut() = State::Compiled(plan);
                match done {
                    Some(outs) => self.outputs(graph, outs),
                    None => Ok(replay(it, env)?.0),
                }
            }
            State::Untried => {
                let off = std::env::var_os("TENSH_COMPILE").is_some_and(|v| v == "0");
                if let Some(why) = off
                    .then(|| "off".to_string())
                    .or_else(|| obstacle(it, graph))
                {
                    log(&why);
                    *self.state.borrow_mut() = State::Off;
                    return Ok(replay(it, env)?.0);
                }
                let Some(args) = arguments(graph, &env) else {
                    log("an argument is not a tensor");
                    *self.state.borrow_mut() = State::Off;
                    return Ok(replay(it, env)?.0);
                };
                capture::begin(&args, &constants(graph));
                let (out, env) = match replay(it, env) {
                    Ok(r) => r,
                    Err(e) => {
                        capture::abandon();
                        *self.state.borrow_mut() = State::Off;
                        return Err(e);
                    }
                };
                let mut ids = Vec::new();
                output_ids(&graph.output, &mut ids, DEPTH);
                let outs: Option<Vec<Tensor>> = ids
                    .iter()
                    .map(|id| env.tensors.get(id).and_then(signature::tensor_arg))
                    .collect();
                let plan = match outs {
                    Some(outs) => capture::end(&outs),
                    None => {
                        capture::abandon();
                        Err("an output is not a tensor".into())
                    }
                };
                *self.state.borrow_mut() = match plan {
                    Ok(p) => {
                        log(&format!(
                            "compiled to {} kernels ({})",
                            p.kernels(),
                            graph
                                .nodes
                                .iter()
                                .map(|n| describe(&n.call))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                        if std::env::var_os("TENSH_COMPILE_LOG").is_some_and(|v| v != "1") {
                            eprint!("{}", p.listing());
                        }
                        State::Compiled(Rc::new(p))
                    }
                    Err(why) => {
                        log(&why);
                        State::Off
                    }
                };
                Ok(out)
            }
        }
    }

    /// The graph's output structure with the program's results in its tensors' places.
    fn outputs(&self, graph: &Graph, outs: Vec<Tensor>) -> R<Value> {
        let mut ids = Vec::new();
        output_ids(&graph.output, &mut ids, DEPTH);
        let mut env = Env::default();
        for (id, t) in ids.into_iter().zip(outs) {
            env.tensors.insert(id, Value::Tensor(t));
        }
        graph::output(&graph.output, &env)
    }
}
