//! `tf.GradientTape` and `tf.stop_gradient`: the Python face of `crate::tensor::autodiff`.
//! Sources and targets may be tensors, variables or nested lists, tuples and dicts of them;
//! gradients come back in the same structure, None where a source is not connected.

use super::convert::{tensor_of, to_tensor};
use crate::builtin;
use crate::eval::error::{runtime_err, type_err, value_err, R};
use crate::eval::value::{Args, Dict, Module, Object};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape, TapeRef};
use crate::tensor::ops::shape::{reshape_to, stack};
use crate::tensor::Tensor;
use std::any::Any;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

pub struct GradientTape {
    tape: TapeRef,
}

impl GradientTape {
    fn check_usable(&self) -> R<()> {
        let t = self.tape.borrow();
        if t.used && !t.persistent {
            return Err(runtime_err("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)",
            ));
        }
        Ok(())
    }
}

/// The tensors of a nested structure, in order (variables give their current value).
fn leaves(v: &Value, out: &mut Vec<Value>) -> R<()> {
    match v {
        Value::List(l) => {
            for x in l.borrow().iter() {
                leaves(x, out)?;
            }
        }
        Value::Tuple(t) => {
            for x in t.iter() {
                leaves(x, out)?;
            }
        }
        Value::Dict(d) => {
            for x in d.borrow().values.iter() {
                leaves(x, out)?;
            }
        }
        other => out.push(other.clone()),
    }
    Ok(())
}

/// The structure of `like` with its leaves replaced, in order, by `vals`.
fn rebuild(like: &Value, vals: &mut std::vec::IntoIter<Value>) -> R<Value> {
    Ok(match like {
        Value::List(l) => {
            let items = l.borrow().clone();
            Value::list(items.iter().map(|x| rebuild(x, vals)).collect::<R<_>>()?)
        }
        Value::Tuple(t) => Value::tuple(t.iter().map(|x| rebuild(x, vals)).collect::<R<_>>()?),
        Value::Dict(d) => {
            let d = d.borrow().clone();
            let mut out = Dict::default();
            for (k, x) in d.keys.iter().zip(&d.values) {
                out.insert(k.clone(), rebuild(x, vals)?)?;
            }
            Value::Dict(Rc::new(RefCell::new(out)))
        }
        _ => vals.next().unwrap_or(Value::None),
    })
}

/// The tensor a source or target stands for; variables are read without being watched.
fn leaf_tensor(it: &mut Interp, v: &Value, what: &str) -> R<Tensor> {
    match v {
        Value::Variable(var) => Ok(var.value.borrow().clone()),
        Value::Tensor(t) => Ok(t.clone()),
        Value::NdArray(a) => Ok(a.tensor()),
        Value::None => Err(type_err(format!(
            "Argument `{}` should be a list of tensors, got None",
            what
        ))),
        other => to_tensor(it, other, None),
    }
}

fn tape_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(gt) = recv.as_object::<GradientTape>() else {
        return Ok(Value::None);
    };
    let t = &gt.tape;
    match name {
        "__enter__" => {
            if tape::is_active(t) {
                return Err(value_err(
                    "Tape is still recording, This can happen if you try to re-enter an already-active tape.",
                ));
            }
            tape::push(t);
            Ok(recv.clone())
        }
        "__exit__" => {
            tape::pop(t);
            Ok(Value::Bool(false))
        }
        "watch" => {
            let [x] = args.bind("watch", ["tensor"])?;
            let mut xs = Vec::new();
            leaves(&x.unwrap_or(Value::None), &mut xs)?;
            for x in xs {
                if tensor_of(&x).is_none() {
                    return Err(value_err(format!(
                        "Passed in object {} of type '{}', not tf.Tensor or tf.Variable or ExtensionType.",
                        it.repr(&x)?,
                        x.type_name()
                    )));
                }
                if let Some(x) = tensor_of(&x) {
                    if !x.dtype().is_float() {
                        let _ = writeln!(
                            it.io.err,
                            "WARNING:tensorflow:The dtype of the watched tensor must be floating (e.g. tf.float32), got tf.{}",
                            x.dtype().name()
                        );
                    }
                    t.borrow_mut().watch(&x);
                }
            }
            Ok(Value::None)
        }
        "reset" => {
            t.borrow_mut().reset();
            Ok(Value::None)
        }
        "stop_recording" => Ok(Value::Object(Rc::new(StopRecording { tape: t.clone() }))),
        "gradient" | "jacobian" => {
            let [target, sources, seeds, unconnected] = args.bind(
                name,
                [
                    "target",
                    "sources",
                    if name == "gradient" {
                        "output_gradients=None"
                    } else {
                        "parallel_iterations=None"
                    },
                    "unconnected_gradients=None",
                ],
            )?;
            gt.check_usable()?;
            let zero = match &unconnected {
                Some(Value::Str(s)) => &**s == "zero",
                _ => false,
            };
            let target = target.unwrap_or(Value::None);
            let sources = sources.unwrap_or(Value::None);
            let mut tv = Vec::new();
            leaves(&target, &mut tv)?;
            let mut sv = Vec::new();
            leaves(&sources, &mut sv)?;
            let targets: Vec<Tensor> = tv
                .iter()
                .map(|v| leaf_tensor(it, v, "target"))
                .collect::<R<_>>()?;
            let srcs: Vec<Tensor> = sv
                .iter()
                .map(|v| leaf_tensor(it, v, "sources"))
                .collect::<R<_>>()?;
            let grads = if name == "gradient" {
                let mut sd = Vec::new();
                if let Some(s) = seeds.filter(|s| !matches!(s, Value::None)) {
                    leaves(&s, &mut sd)?;
                }
                let pairs: Vec<(Tensor, Option<Tensor>)> = targets
                    .into_iter()
                    .enumerate()
                    .map(|(i, t)| (t, sd.get(i).and_then(tensor_of)))
                    .collect();
                tape::gradient(t, &pairs, &srcs)?
            } else {
                jacobian(t, targets.first(), &srcs)?
            };
            let vals: Vec<Value> = grads
                .into_iter()
                .zip(&srcs)
                .map(|(g, s)| match g {
                    Some(g) => Value::Tensor(g),
                    None if zero => Value::Tensor(Tensor::zeros(s.dtype(), s.shape())),
                    None => Value::None,
                })
                .collect();
            rebuild(&sources, &mut vals.into_iter())
        }
        _ => Ok(Value::None),
    }
}

/// `tape.jacobian(target, sources)`: one gradient per element of the target, stacked into
/// `target.shape + source.shape`.
fn jacobian(t: &TapeRef, target: Option<&Tensor>, srcs: &[Tensor]) -> R<Vec<Option<Tensor>>> {
    let Some(target) = target else {
        return Ok(vec![None; srcs.len()]);
    };
    let persistent = t.borrow().persistent;
    t.borrow_mut().persistent = true;
    let n = target.size();
    let mut rows: Vec<Vec<Option<Tensor>>> = Vec::with_capacity(n);
    let mut result = Ok(());
    for i in 0..n {
        let mut seed = vec![0.0; n];
        seed[i] = 1.0;
        let seed = Tensor::from_f64s(target.dtype(), target.shape(), &seed);
        match tape::gradient(t, &[(target.clone(), Some(seed))], srcs) {
            Ok(g) => rows.push(g),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    {
        let mut tb = t.borrow_mut();
        tb.persistent = persistent;
        tb.used = !persistent;
    }
    result?;
    let mut out = Vec::new();
    for (k, s) in srcs.iter().enumerate() {
        let parts: Vec<Tensor> = rows
            .iter()
            .map(|r| {
                r[k].clone()
                    .unwrap_or_else(|| Tensor::zeros(s.dtype(), s.shape()))
            })
            .collect();
        let connected = rows.iter().any(|r| r[k].is_some());
        let mut shape = target.shape().to_vec();
        shape.extend_from_slice(s.shape());
        out.push(if connected && !parts.is_empty() {
            Some(reshape_to(&stack(&parts, 0)?, &shape))
        } else {
            None
        });
    }
    Ok(out)
}

const TAPE_METHODS: &[&str] = &[
    "__enter__",
    "__exit__",
    "watch",
    "gradient",
    "jacobian",
    "reset",
    "stop_recording",
];

impl Object for GradientTape {
    fn type_name(&self) -> String {
        "GradientTape".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = TAPE_METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, tape_method)));
        }
        Ok(match name {
            "persistent" => Some(Value::Bool(self.tape.borrow().persistent)),
            _ => None,
        })
    }
    fn attr_names(&self) -> Vec<String> {
        TAPE_METHODS[2..].iter().map(|s| s.to_string()).collect()
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.eager.backprop.GradientTape object at 0x{:x}>",
            Rc::as_ptr(&self.tape) as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `with tape.stop_recording():` pauses the tape for its block.
struct StopRecording {
    tape: TapeRef,
}

fn stop_method(_it: &mut Interp, recv: &Value, name: &'static str, _a: Args) -> R<Value> {
    if let Some(s) = recv.as_object::<StopRecording>() {
        if name == "__enter__" {
            tape::pop(&s.tape);
        } else {
            tape::push(&s.tape);
        }
    }
    Ok(Value::None)
}

impl Object for StopRecording {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(TAPE_METHODS[..2]
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, stop_method)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Record operations for automatic differentiation.
    python ["tf.GradientTape"]
    fn GradientTape(it, persistent = False, watch_accessed_variables = True) {
        let persistent = it.truthy(&persistent)?;
        let watch = it.truthy(&watch_accessed_variables)?;
        Ok(Value::Object(Rc::new(GradientTape {
            tape: Tape::new(persistent, watch),
        })))
    }
}

builtin! {
    /// Stops gradient computation.
    ///
    /// The result has the same values as `input` and is a tensor no tape tracks.
    dispatch ["tf.stop_gradient"]
    fn stop_gradient(it, input, name = None) {
        let t = to_tensor(it, &input, None)?;
        Ok(Value::Tensor(t.renewed()))
    }
}

pub fn install(tf: &Module) {
    let uc = super::new_module("tensorflow.UnconnectedGradients");
    uc.set("NONE", Value::str("none"));
    uc.set("ZERO", Value::str("zero"));
    tf.set("UnconnectedGradients", Value::Module(uc));
}
