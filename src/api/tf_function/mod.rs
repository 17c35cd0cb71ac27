//! `tf.function`: a Python function traced into a graph once per input signature, and the
//! graph run on later calls.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the `Function` object: the trace cache, retracing, `input_signature` |
//! | `signature.rs` | trace types of arguments, when a trace serves a call, `TensorSpec`s |
//! | `graph.rs` | the recording: frames, steps, substitution, running it again |
//! | `record.rs` | which calls a trace records, and the hooks that route them there |
//! | `shapes.rs` | static shapes of steps on partly unknown inputs |
//! | `symbolic.rs` | the symbolic tensors a traced body sees |
//! | `autograph.rs` | Python `if`, `for` and `while` on symbolic tensors, as graph control flow |
//! | `jumps.rs` | `break` and `continue` in those loops, lowered to flags |
//! | `logic.rs` | `and`, `or` and `x if c else y` on symbolic tensors, as conditionals |
//! | `concrete.rs` | `ConcreteFunction`: one trace, callable and printable |
//! | `compiled.rs` | a trace's kernels captured on its first replay and run as a program |
//!
//! As in TensorFlow, the Python body runs only while tracing: a `print` in it prints once
//! per trace, `tf.print` on every call. A later call runs the recorded TensorFlow calls on
//! its own arguments, reading variables as they are then.

pub mod autograph;
mod compiled;
pub mod concrete;
pub mod graph;
pub(crate) mod jumps;
mod logic;
mod record;
mod shapes;
pub mod signature;
pub mod symbolic;

use crate::api::convert::to_tensor;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use concrete::Concrete;
use signature::Key;
pub use signature::Spec;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use symbolic::GraphTensor;

/// Bound arguments (parameter, value) and their trace types.
type Binding = (Vec<(String, Value)>, Vec<Key>);

#[derive(Clone, Default)]
pub struct Options {
    pub input_signature: Option<Vec<Spec>>,
    pub reduce_retracing: bool,
    /// The signature nests structures of TensorSpecs, which tensh does not bind yet.
    pub nested_signature: bool,
}

/// `tf.function(f)`: the polymorphic function with its traces.
pub struct Function {
    pub python: Value,
    pub opts: Options,
    pub traces: RefCell<Vec<Rc<Concrete>>>,
    pub count: Cell<usize>,
    /// The first trace makes variables even if none is made while the Python runs (a
    /// Keras step whose optimizer or metrics the native step builds).
    makes_variables: Cell<bool>,
}

/// `tf.function(**options)` before it is given the function.
struct Decorator(Options);

impl Object for Decorator {
    fn type_name(&self) -> String {
        "function".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _this: &Value, _it: &mut Interp, args: Args) -> R<Value> {
        let f = args.pos.first().cloned().unwrap_or(Value::None);
        Ok(make(f, self.0.clone()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make(python: Value, opts: Options) -> Value {
    Value::Object(Rc::new(Function {
        opts,
        ..Function::new(python)
    }))
}

impl Function {
    fn name(&self, it: &mut Interp) -> String {
        match it.get_attr(&self.python, "__name__") {
            Ok(Value::Str(s)) => s.to_string(),
            _ => "function".into(),
        }
    }

    /// The call's arguments, named by parameter where the function allows it.
    fn bind(&self, it: &mut Interp, args: &Args) -> Vec<(String, Value)> {
        let _ = it;
        let canon = signature::canonical(
            &self.python,
            args,
            |i| format!("{}{}", POSITIONAL, i),
            |k| format!("{}{}", KEYWORD, k),
        );
        match canon {
            Some(v) => v,
            None => {
                let mut v: Vec<(String, Value)> = args
                    .pos
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (format!("{}{}", POSITIONAL, i), x.clone()))
                    .collect();
                v.extend(
                    args.kw
                        .iter()
                        .map(|(k, x)| (format!("{}{}", KEYWORD, k), x.clone())),
                );
                v
            }
        }
    }

    /// A `tf.function` of `python` with default options.
    pub fn new(python: Value) -> Function {
        Function {
            python,
            opts: Options::default(),
            traces: RefCell::new(Vec::new()),
            count: Cell::new(0),
            makes_variables: Cell::new(false),
        }
    }

    /// Calls the function as Keras calls its step functions: with `open_batch`, a trace
    /// takes every tensor argument's first dimension as unknown (the batch size of a
    /// dataset whose last batch is short). `makes_variables`: this call's step builds
    /// variables outside the Python (so a first trace is followed by a second).
    pub fn call_steps(
        &self,
        it: &mut Interp,
        args: Args,
        open_batch: bool,
        makes_variables: bool,
    ) -> R<Value> {
        self.makes_variables.set(makes_variables);
        if run_eagerly(it)? {
            return it.call(&self.python, args);
        }
        self.call_open(it, args, open_batch)
    }

    /// Calls the function: reuses a trace that serves the arguments, or traces anew.
    pub fn call_with(&self, it: &mut Interp, args: Args) -> R<Value> {
        if run_eagerly(it)? {
            return it.call(&self.python, args);
        }
        if self.opts.nested_signature {
            return raise(
                ExcKind::NotImplementedError,
                "tensh binds an input_signature of TensorSpecs, not nested structures of them",
            );
        }
        self.call_open(it, args, false)
    }

    /// Reuses a trace that serves the arguments (their batch dimension opened when asked),
    /// or traces anew.
    fn call_open(&self, it: &mut Interp, args: Args, open_batch: bool) -> R<Value> {
        let (bound, keys) = self.bound_and_keys(it, &args)?;
        let keys: Vec<Key> = match open_batch {
            true => keys.iter().map(signature::open_batch).collect(),
            false => keys,
        };
        let found = self
            .traces
            .borrow()
            .iter()
            .find(|c| c.serves(&keys))
            .cloned();
        if let Some(c) = found {
            return c.run(it, &bound);
        }
        let keys = if self.opts.reduce_retracing {
            let widened = self.traces.borrow().iter().find_map(|c| {
                c.keys
                    .iter()
                    .zip(&keys)
                    .map(|(a, b)| signature::generalize(a, b))
                    .collect::<Option<Vec<Key>>>()
                    .filter(|_| c.keys.len() == keys.len())
            });
            widened.unwrap_or(keys)
        } else {
            keys
        };
        let (c, out) = self.trace(it, &bound, keys)?;
        self.traces.borrow_mut().push(c);
        Ok(out)
    }

    /// The bound arguments (converted to the signature's tensors when there is one) and
    /// their trace types.
    fn bound_and_keys(&self, it: &mut Interp, args: &Args) -> R<Binding> {
        let bound = self.bind(it, args);
        let Some(specs) = &self.opts.input_signature else {
            let keys = bound.iter().map(|(_, v)| signature::key_of(v, 4)).collect();
            return Ok((bound, keys));
        };
        let fail = |it: &mut Interp, why: String| -> R<Binding> {
            let pos = it.repr(&Value::tuple(args.pos.clone()))?;
            let mut kw = crate::eval::value::Dict::default();
            for (k, v) in &args.kw {
                kw.insert(Value::str(k), v.clone())?;
            }
            let kw = it.repr(&Value::Dict(Rc::new(RefCell::new(kw))))?;
            let sig: Vec<String> = bound
                .iter()
                .zip(specs.iter())
                .map(|((n, _), s)| format!("{}: {}", display_name(n), s.repr(None)))
                .collect();
            raise(
                ExcKind::TypeError,
                format!(
                    "Binding inputs to tf.function failed due to `{}`. Received args: {} and kwargs: {} for signature: ({}).",
                    why, pos, kw, sig.join(", ")
                ),
            )
        };
        if bound.len() != specs.len() {
            let why = "too many positional arguments".to_string();
            if bound.len() > specs.len() {
                return fail(it, why);
            }
            return fail(
                it,
                format!(
                    "missing a required argument: '{}'",
                    bound
                        .get(bound.len())
                        .map(|b| b.0.clone())
                        .unwrap_or_default()
                ),
            );
        }
        let mut out = Vec::with_capacity(bound.len());
        for ((name, v), spec) in bound.iter().zip(specs) {
            let t = match signature::tensor_arg(v) {
                Some(t) => t,
                None => match to_tensor(it, v, Some(spec.dtype)) {
                    Ok(t) => t,
                    Err(_) => {
                        let r = it.repr(v)?;
                        return fail(it, format!("Can not cast {} to {}", r, spec.repr(None)));
                    }
                },
            };
            let dims: Vec<Option<usize>> = t.shape().iter().map(|&d| Some(d)).collect();
            let fits = t.dtype() == spec.dtype
                && match &spec.dims {
                    None => true,
                    Some(s) => {
                        s.len() == dims.len()
                            && s.iter().zip(&dims).all(|(a, b)| a.is_none() || a == b)
                    }
                };
            if !fits {
                let have = Spec {
                    dims: Some(dims),
                    dtype: t.dtype(),
                    name: None,
                };
                return fail(
                    it,
                    format!("Can not cast {} to {}", have.repr(None), spec.repr(None)),
                );
            }
            out.push((name.clone(), Value::Tensor(t)));
        }
        let keys = specs.iter().map(|s| s.key()).collect();
        Ok((out, keys))
    }

    /// Traces the Python body on symbolic versions of `bound` typed by `keys`.
    fn trace(
        &self,
        it: &mut Interp,
        bound: &[(String, Value)],
        keys: Vec<Key>,
    ) -> R<(Rc<Concrete>, Value)> {
        let outermost = graph::hold_prints();
        let r = self.trace_held(it, bound, keys);
        if outermost {
            let held = graph::release_prints();
            if r.is_ok() {
                use std::io::Write;
                it.flush();
                for (to_stdout, text) in held {
                    let stream = if to_stdout {
                        &mut it.io.out
                    } else {
                        &mut it.io.err
                    };
                    let _ = stream.write_all(text.as_bytes());
                    let _ = stream.flush();
                }
            }
        }
        r
    }

    fn trace_held(
        &self,
        it: &mut Interp,
        bound: &[(String, Value)],
        keys: Vec<Key>,
    ) -> R<(Rc<Concrete>, Value)> {
        graph::begin(it);
        let mut inputs = Vec::new();
        let mut placed = Vec::with_capacity(bound.len());
        for ((name, v), key) in bound.iter().zip(&keys) {
            placed.push(placeholder(v, key, &display_name(name), &mut inputs, 4));
        }
        let call_args = rebuild(bound, &placed);
        self.count.set(self.count.get() + 1);
        let made_before = it.next_id;
        let result = it.call(&self.python, call_args.clone());
        let nodes = graph::end(it);
        let result = result?;
        if (it.next_id != made_before || self.makes_variables.get()) && self.count.get() == 1 {
            // The first trace created variables: TensorFlow traces once more, now that
            // they exist. That trace runs nothing; only its Python effects show.
            self.count.set(self.count.get() + 1);
            let outs = nodes.iter().map(|n| n.out.clone()).collect();
            graph::begin_mute(it, outs);
            let again = it.call(&self.python, call_args);
            graph::end(it);
            again?;
        }
        let template = outputs_as_tensors(it, &result)?;
        let now = concrete::read_variables(&graph::shadows(&template)?, 4);
        let c = Concrete {
            name: self.name(it),
            params: bound.iter().map(|(n, _)| display_name(n)).collect(),
            keys,
            placed,
            graph: graph::Graph {
                inputs,
                nodes,
                output: template,
            },
            compiled: Default::default(),
        };
        Ok((Rc::new(c), now))
    }

    /// `get_concrete_function(*args)`: the trace for these arguments (TensorSpecs stand
    /// for tensors of their type), tracing if none serves them.
    fn concrete_for(&self, it: &mut Interp, args: Args) -> R<Rc<Concrete>> {
        let args = if args.pos.is_empty() && args.kw.is_empty() {
            match &self.opts.input_signature {
                Some(specs) => {
                    let mut pos = Vec::new();
                    for s in specs {
                        pos.push(spec_example(s)?);
                    }
                    Args::new(pos)
                }
                None => args,
            }
        } else {
            args
        };
        let mut open = Vec::new();
        let mut pos = Vec::new();
        for v in &args.pos {
            if is_spec(it, v) {
                let s = Spec::from_value(it, v)?;
                open.push(Some(s.clone()));
                pos.push(spec_example(&s)?);
            } else {
                open.push(None);
                pos.push(v.clone());
            }
        }
        let mut kw = Vec::with_capacity(args.kw.len());
        let mut kw_open = Vec::new();
        for (k, v) in &args.kw {
            if is_spec(it, v) {
                let s = Spec::from_value(it, v)?;
                kw.push((k.clone(), spec_example(&s)?));
                kw_open.push((k.clone(), s));
            } else {
                kw.push((k.clone(), v.clone()));
            }
        }
        let args = Args { pos, kw };
        let (bound, mut keys) = self.bound_and_keys(it, &args)?;
        for (k, s) in keys.iter_mut().zip(&open) {
            if let Some(s) = s {
                *k = s.key();
            }
        }
        for (name, s) in &kw_open {
            if let Some(i) = bound.iter().position(|(n, _)| display_name(n) == *name) {
                keys[i] = s.key();
            }
        }
        let found = self
            .traces
            .borrow()
            .iter()
            .find(|c| c.keys == keys)
            .cloned();
        if let Some(c) = found {
            return Ok(c);
        }
        let (c, _) = self.trace(it, &bound, keys)?;
        self.traces.borrow_mut().push(c.clone());
        Ok(c)
    }
}

/// `tf.config.run_functions_eagerly(True)` is in force.
fn run_eagerly(it: &mut Interp) -> R<bool> {
    let tf = it.import_module("tensorflow")?;
    let config = it.get_attr(&tf, "config")?;
    let f = it.get_attr(&config, "functions_run_eagerly")?;
    let v = it.call(&f, Args::default())?;
    it.truthy(&v)
}

/// The leaves of a signature that are not TensorSpecs (lists and tuples are searched).
fn collect_non_specs(it: &mut Interp, v: &Value, out: &mut Vec<Value>, depth: u8) {
    match v {
        Value::List(_) | Value::Tuple(_) if depth > 0 => {
            if let Ok(items) = it.collect_items(v) {
                for x in &items {
                    collect_non_specs(it, x, out, depth - 1);
                }
            }
        }
        _ if is_spec(it, v) => {}
        other => out.push(other.clone()),
    }
}

fn is_spec(it: &mut Interp, v: &Value) -> bool {
    matches!(v, Value::Instance(_))
        && it
            .get_attr(v, "__class__")
            .and_then(|c| it.get_attr(&c, "__name__"))
            .map(|n| matches!(n, Value::Str(s) if &*s == "TensorSpec"))
            .unwrap_or(false)
}

/// A tensor of a spec's type (open dims as 1), to trace with.
fn spec_example(s: &Spec) -> R<Value> {
    let dims: Vec<usize> = s
        .dims
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|d| d.unwrap_or(1))
        .collect();
    crate::tensor::alloc::check(&dims, s.dtype, "Placeholder")?;
    Ok(Value::Tensor(crate::tensor::Tensor::full(
        s.dtype, &dims, 0.0,
    )))
}

/// Marks the arguments of a function whose parameters the binding cannot name
/// (`*args`, `**kwargs`): positional ones by index, keyword ones by keyword.
const POSITIONAL: &str = "\u{0}";
const KEYWORD: &str = "\u{1}";

/// The name a bound argument's placeholders take.
fn display_name(n: &str) -> String {
    if let Some(i) = n.strip_prefix(POSITIONAL) {
        return format!("args_{}", i);
    }
    n.strip_prefix(KEYWORD).unwrap_or(n).to_string()
}

/// The call arguments for the traced body: named parameters positionally (the binding
/// put them in parameter order), then the extra positional ones, then keywords.
fn rebuild(bound: &[(String, Value)], placed: &[Value]) -> Args {
    let mut a = Args::default();
    for ((n, _), v) in bound.iter().zip(placed) {
        if n.starts_with(KEYWORD) {
            a.kw.push((display_name(n), v.clone()));
        } else {
            a.pos.push(v.clone());
        }
    }
    a
}

/// The symbolic stand-in for an argument: tensors become placeholders named after the
/// parameter (`x:0`, and `x_1:0`... for the tensors of a nested argument).
fn placeholder(v: &Value, key: &Key, name: &str, inputs: &mut Vec<Value>, depth: u8) -> Value {
    if let Some(t) = signature::tensor_arg(v) {
        if let Key::AnyTensor(_) = key {
            let base = graph::unique_name(name);
            let g = GraphTensor::unranked(t, format!("{}:0", base));
            inputs.push(g.clone());
            return g;
        }
        let dims = match key {
            Key::Tensor(_, d) if d.len() == t.ndim() => d.clone(),
            _ => t.shape().iter().map(|&d| Some(d)).collect(),
        };
        let base = graph::unique_name(name);
        let g = GraphTensor::make(t, dims, format!("{}:0", base));
        inputs.push(g.clone());
        return g;
    }
    if depth == 0 {
        return v.clone();
    }
    match (v, key) {
        (Value::List(l), Key::List(ks)) => {
            let items = l.borrow().clone();
            Value::list(
                items
                    .iter()
                    .zip(ks)
                    .map(|(x, k)| placeholder(x, k, name, inputs, depth - 1))
                    .collect(),
            )
        }
        (Value::Tuple(t), Key::Tuple(ks)) => Value::tuple(
            t.iter()
                .zip(ks)
                .map(|(x, k)| placeholder(x, k, name, inputs, depth - 1))
                .collect(),
        ),
        (Value::Dict(d), Key::Dict(ks)) => {
            let (keys, values) = {
                let d = d.borrow();
                (d.keys.clone(), d.values.clone())
            };
            let mut nd = crate::eval::value::Dict::default();
            for ((k, x), (_, kk)) in keys.into_iter().zip(values).zip(ks) {
                let _ = nd.insert(k, placeholder(&x, kk, name, inputs, depth - 1));
            }
            Value::Dict(Rc::new(RefCell::new(nd)))
        }
        _ => v.clone(),
    }
}

/// A traced function's outputs: Python numbers become tensors, as TensorFlow returns them.
fn outputs_as_tensors(it: &mut Interp, v: &Value) -> R<Value> {
    Ok(match v {
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => Value::Tensor(to_tensor(it, v, None)?),
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                out.push(outputs_as_tensors(it, x)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::with_capacity(t.len());
            for x in t.iter() {
                out.push(outputs_as_tensors(it, x)?);
            }
            Value::tuple(out)
        }
        other => other.clone(),
    })
}

fn function_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(f) = recv.as_object::<Function>() else {
        return Ok(Value::None);
    };
    match name {
        "experimental_get_tracing_count" => Ok(Value::Int(f.count.get() as i64)),
        "get_concrete_function" => {
            let c = f.concrete_for(it, args)?;
            Ok(Value::Object(c))
        }
        "pretty_printed_concrete_signatures" => {
            let traces = f.traces.borrow().clone();
            let mut parts = Vec::with_capacity(traces.len());
            for c in &traces {
                parts.push(c.signature_text(it)?);
            }
            Ok(Value::str(&parts.join("\n\n")))
        }
        _ => Ok(Value::None),
    }
}

impl Object for Function {
    fn type_name(&self) -> String {
        "Function".into()
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "experimental_get_tracing_count" => Value::method(
                this.clone(),
                "experimental_get_tracing_count",
                function_method,
            ),
            "get_concrete_function" => {
                Value::method(this.clone(), "get_concrete_function", function_method)
            }
            "pretty_printed_concrete_signatures" => Value::method(
                this.clone(),
                "pretty_printed_concrete_signatures",
                function_method,
            ),
            "python_function" => self.python.clone(),
            "input_signature" => match &self.opts.input_signature {
                None => Value::None,
                Some(_) => return Ok(None),
            },
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                return it.get_attr(&self.python, name).map(Some)
            }
            "__wrapped__" => self.python.clone(),
            _ => return Ok(None),
        }))
    }

    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        self.call_with(it, args)
    }

    fn binds_as_method(&self) -> bool {
        true
    }

    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.eager.polymorphic_function.polymorphic_function.Function object at 0x{:x}>",
            self as *const Function as usize
        ))
    }

    fn class_path(&self) -> Option<String> {
        Some("tensorflow.python.eager.polymorphic_function.polymorphic_function.Function".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::None | Value::Bool(false))
}

fn options(
    it: &mut Interp,
    input_signature: &Value,
    reduce_retracing: &Value,
    relax: &Value,
) -> R<Options> {
    let input_signature = match input_signature {
        Value::None => None,
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(input_signature)?;
            let mut bad = Vec::new();
            for s in &items {
                collect_non_specs(it, s, &mut bad, 4);
            }
            if !bad.is_empty() {
                let mut shown = Vec::with_capacity(bad.len());
                let mut types = Vec::with_capacity(bad.len());
                for b in &bad {
                    shown.push(it.repr(b)?);
                    types.push(format!("<class '{}'>", b.type_name()));
                }
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "input_signature must be a possibly nested sequence of TensorSpec objects, got invalid args [{}] with types [{}].",
                        shown.join(", "),
                        types.join(", ")
                    ),
                );
            }
            let mut specs = Vec::with_capacity(items.len());
            let mut nested = false;
            for s in &items {
                if is_spec(it, s) {
                    specs.push(Spec::from_value(it, s)?);
                } else {
                    nested = true;
                }
            }
            if nested {
                return Ok(Options {
                    nested_signature: true,
                    ..Options::default()
                });
            }
            Some(specs)
        }
        other => {
            let r = it.repr(other)?;
            return raise(
                ExcKind::TypeError,
                format!(
                    "input_signature must be either a tuple or a list, got {}.",
                    r
                ),
            );
        }
    };
    Ok(Options {
        input_signature,
        reduce_retracing: truthy(reduce_retracing) || truthy(relax),
        nested_signature: false,
    })
}

builtin! {
    /// Compiles a function into a callable TensorFlow graph.
    ///
    /// The body is traced once per input signature; later calls run the recorded graph.
    python ["tf.function"]
    fn function(
        it, func = None, input_signature = None, autograph = True, jit_compile = None,
        reduce_retracing = False, experimental_implements = None,
        experimental_autograph_options = None, experimental_attributes = None,
        experimental_relax_shapes = None, experimental_compile = None,
        experimental_follow_type_hints = None
    ) {
        let opts = options(it, &input_signature, &reduce_retracing, &experimental_relax_shapes)?;
        match func {
            Value::None => Ok(Value::Object(Rc::new(Decorator(opts)))),
            f => Ok(make(f, opts)),
        }
    }
}
