//! `ConcreteFunction`: one trace of a `tf.function`, the graph it recorded, and running
//! that graph on new arguments.

use super::graph::{self, Env, Graph};
use super::signature::{self, Key};
use super::symbolic::GraphTensor;
use crate::eval::error::R;
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

pub struct Concrete {
    pub name: String,
    /// The parameter each bound argument went to.
    pub params: Vec<String>,
    /// The trace type of each bound argument.
    pub keys: Vec<Key>,
    /// What the body was given for each: placeholders where tensors were.
    pub placed: Vec<Value>,
    pub graph: Graph,
    /// The graph's kernels as a program, once a replay has been captured.
    pub compiled: super::compiled::Compiled,
}

impl Concrete {
    pub fn serves(&self, keys: &[Key]) -> bool {
        self.keys.len() == keys.len()
            && self
                .keys
                .iter()
                .zip(keys)
                .all(|(a, b)| signature::serves(a, b))
    }

    /// Runs the recorded graph on `bound` (arguments of the traced types).
    pub fn run(&self, it: &mut Interp, bound: &[(String, Value)]) -> R<Value> {
        let mut env = Env::default();
        for (placed, (_, actual)) in self.placed.iter().zip(bound) {
            bind_input(placed, actual, &mut env, 4);
        }
        let mut replay = |it: &mut Interp, mut env: Env| -> R<(Value, Env)> {
            let tapes = crate::tensor::autodiff::tape::depth();
            if let Err(e) = graph::run(it, &self.graph.nodes, &mut env) {
                // A tape the graph entered is left when a step inside its block raises,
                // as Python's `with` leaves it.
                crate::tensor::autodiff::tape::unwind_to(tapes);
                return Err(e);
            }
            let out = graph::output(&self.graph.output, &env)?;
            Ok((out, env))
        };
        let out = self.compiled.run(it, &self.graph, env, &mut replay)?;
        Ok(read_variables(&out, 4))
    }

    fn output_type(&self, v: &Value) -> String {
        if let Some(g) = v.as_object::<GraphTensor>() {
            return format!(
                "TensorSpec(shape={}, dtype=tf.{}, name=None)",
                spec_shape(g),
                g.shadow.dtype().name()
            );
        }
        match v {
            Value::List(l) => {
                let parts: Vec<String> = l.borrow().iter().map(|x| self.output_type(x)).collect();
                format!("List[{}]", parts.join(", "))
            }
            Value::Tuple(t) => {
                let parts: Vec<String> = t.iter().map(|x| self.output_type(x)).collect();
                format!("Tuple[{}]", parts.join(", "))
            }
            Value::None => "NoneTensorSpec()".into(),
            _ => "Any".into(),
        }
    }

    fn input_type(&self, v: &Value, it: &mut Interp) -> R<String> {
        if let Some(g) = v.as_object::<GraphTensor>() {
            return Ok(format!(
                "TensorSpec(shape={}, dtype=tf.{}, name=None)",
                spec_shape(g),
                g.shadow.dtype().name()
            ));
        }
        let items = |it: &mut Interp, xs: &[Value]| -> R<Vec<String>> {
            xs.iter().map(|x| self.input_type(x, it)).collect()
        };
        Ok(match v {
            Value::List(l) => {
                let xs = l.borrow().clone();
                format!("List[{}]", items(it, &xs)?.join(", "))
            }
            Value::Tuple(t) => format!("Tuple[{}]", items(it, t)?.join(", ")),
            Value::None => "None".into(),
            _ => format!("Literal[{}]", it.repr(v)?),
        })
    }

    /// The signature as `pretty_printed_concrete_signatures` shows it.
    pub fn signature_text(&self, it: &mut Interp) -> R<String> {
        let mut s = String::from("Input Parameters:\n");
        for (p, v) in self.params.iter().zip(&self.placed) {
            let t = self.input_type(v, it)?;
            s.push_str(&format!("  {} (POSITIONAL_OR_KEYWORD): {}\n", p, t));
        }
        s.push_str("Output Type:\n  ");
        s.push_str(&self.output_type(&self.graph.output));
        s.push_str("\nCaptures:\n  None");
        Ok(s)
    }

    /// The outputs as the concrete function's graph names them (`Identity:0`...).
    fn named_outputs(&self) -> Value {
        rename_outputs(&self.graph.output)
    }
}

/// A function's outputs as TensorFlow returns them: variables read into tensors.
pub fn read_variables(v: &Value, depth: u8) -> Value {
    match v {
        Value::Variable(x) => Value::Tensor(x.read()),
        Value::List(l) if depth > 0 => Value::list(
            l.borrow()
                .iter()
                .map(|x| read_variables(x, depth - 1))
                .collect(),
        ),
        Value::Tuple(t) if depth > 0 => {
            Value::tuple(t.iter().map(|x| read_variables(x, depth - 1)).collect())
        }
        other => other.clone(),
    }
}

/// Binds a placeholder (or a structure of them) to an argument of the same structure.
fn bind_input(placed: &Value, actual: &Value, env: &mut Env, depth: u8) {
    if let Some(g) = placed.as_object::<GraphTensor>() {
        if let Some(t) = signature::tensor_arg(actual) {
            env.tensors.insert(g.id, Value::Tensor(t));
        }
        return;
    }
    if let (Value::Variable(p), Value::Variable(_)) = (placed, actual) {
        env.objects
            .insert(Rc::as_ptr(p) as *const () as usize, actual.clone());
        return;
    }
    if depth == 0 {
        return;
    }
    if let (Some(p), Some(a)) = (graph::children(placed), graph::children(actual)) {
        for (x, y) in p.iter().zip(a.iter()) {
            bind_input(x, y, env, depth - 1);
        }
    }
}

fn concrete_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(c) = recv.as_object::<Concrete>() else {
        return Ok(Value::None);
    };
    match name {
        "__call__" => call(c, it, args),
        _ => Ok(Value::None),
    }
}

fn call(c: &Concrete, it: &mut Interp, args: Args) -> R<Value> {
    let mut bound: Vec<(String, Value)> = Vec::new();
    for (i, p) in c.params.iter().enumerate() {
        let v = match args.pos.get(i) {
            Some(v) => v.clone(),
            None => match args.kw.iter().find(|(k, _)| k == p) {
                Some((_, v)) => v.clone(),
                None => c.placed.get(i).cloned().unwrap_or(Value::None),
            },
        };
        bound.push((p.clone(), v));
    }
    c.run(it, &bound)
}

impl Object for Concrete {
    fn type_name(&self) -> String {
        "ConcreteFunction".into()
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "structured_input_signature" => {
                let mut specs = Vec::with_capacity(self.placed.len());
                for (p, v) in self.params.iter().zip(&self.placed) {
                    specs.push(input_spec(it, v, p)?);
                }
                Value::tuple(vec![
                    Value::tuple(specs),
                    Value::Dict(Rc::new(std::cell::RefCell::new(
                        crate::eval::value::Dict::default(),
                    ))),
                ])
            }
            "__call__" => Value::method(this.clone(), "__call__", concrete_method),
            "structured_outputs" => self.named_outputs(),
            "inputs" => Value::list(self.graph.inputs.clone()),
            "outputs" => {
                let mut out = Vec::new();
                flat(&self.named_outputs(), &mut out, 4);
                Value::list(out)
            }
            "name" => Value::str(&format!("__inference_{}", self.name)),
            _ => return Ok(None),
        }))
    }

    fn call(&self, _this: &Value, it: &mut Interp, args: Args) -> R<Value> {
        call(self, it, args)
    }

    fn repr(&self, it: &mut Interp) -> R<String> {
        Ok(format!("ConcreteFunction {}", self.signature_text(it)?))
    }

    fn class_path(&self) -> Option<String> {
        Some(
            "tensorflow.python.eager.polymorphic_function.concrete_function.ConcreteFunction"
                .into(),
        )
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The `TensorSpec` of a traced argument (named after its parameter); Python values
/// stand for themselves.
fn input_spec(it: &mut Interp, v: &Value, name: &str) -> R<Value> {
    let Some(g) = v.as_object::<GraphTensor>() else {
        return Ok(v.clone());
    };
    let tf = it.import_module("tensorflow")?;
    let class = it.get_attr(&tf, "TensorSpec")?;
    let shape = if g.unknown_rank {
        Value::None
    } else {
        Value::list(
            g.shape
                .iter()
                .map(|d| d.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                .collect(),
        )
    };
    let args = Args {
        pos: vec![shape, Value::DType(g.shadow.dtype())],
        kw: vec![("name".into(), Value::str(name))],
    };
    it.call(&class, args)
}

/// A symbolic tensor's shape as a spec prints it (`<unknown>` for an unknown rank).
fn spec_shape(g: &GraphTensor) -> String {
    if g.unknown_rank {
        return "<unknown>".into();
    }
    crate::eval::repr::shape_str(&Some(g.shape.clone()))
}

fn rename_outputs(v: &Value) -> Value {
    let mut i = 0;
    graph::map_gts(v, 4, &mut |_, g| {
        let name = if i == 0 {
            "Identity:0".to_string()
        } else {
            format!("Identity_{}:0", i)
        };
        i += 1;
        GraphTensor::renamed(g, name)
    })
}

fn flat(v: &Value, out: &mut Vec<Value>, depth: u8) {
    if v.as_object::<GraphTensor>().is_some() {
        out.push(v.clone());
        return;
    }
    if depth == 0 {
        return;
    }
    match v {
        Value::List(l) => l.borrow().iter().for_each(|x| flat(x, out, depth - 1)),
        Value::Tuple(t) => t.iter().for_each(|x| flat(x, out, depth - 1)),
        _ => {}
    }
}
