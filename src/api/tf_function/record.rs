//! Recording while a `tf.function` is traced: the hooks that route the evaluator's
//! native calls and tensor operators into the graph, and which calls belong there.

use super::graph::{
    args_live, collect_gts, decl_paths, dry, holds_tensor, invoke, is_tracked, mute_next, muted,
    name_outputs, record, recording, remember, saved, subst_args, track, with_depth, Call, Env,
    DEPTH,
};
use super::shapes::open_dims;
use super::symbolic::{op_name, GraphTensor};
use crate::eval::error::R;
use crate::eval::value::{Args, Callee};
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use std::collections::HashMap;

/// Runs one step of a graph on trace-time values while recording: the call's result with
/// its tensors named.
pub(super) fn run_traced(it: &mut Interp, call: Call, args: &Args, name: &str) -> R<Value> {
    if let Some(v) = mute_next() {
        return Ok(v);
    }
    let env = Env::default();
    let shadow = subst_args(args, &|g| Value::Tensor(g.shadow.clone()), &env)?;
    let out = with_depth(|| invoke(it, &call, shadow, &env))?;
    let named = name_outputs(&out, name, args);
    let named = open_dims(it, &call, args, named, true)?;
    record(call, args.clone(), &named);
    Ok(named)
}

/// Callees whose calls are recorded even without symbolic arguments: they act on the
/// world (print, draw random numbers) or make an object the graph uses afresh each run.
const STATEFUL: &[&str] = &["tf.print", "tf.GradientTape", "tf.timestamp"];

/// Whether calls of `v`'s methods belong in the graph: variables and native objects
/// (Keras layers, losses, metrics, optimizers, tapes), not Python containers.
fn is_tf_object(v: &Value) -> bool {
    match v {
        Value::Object(o) => !o.as_any().is::<GraphTensor>(),
        Value::Variable(_) => true,
        _ => false,
    }
}

/// The hook `Interp::call` consults while a trace records.
pub(super) fn traced_call(it: &mut Interp, f: &Value, args: &Args) -> R<Option<Value>> {
    if !recording() {
        return Ok(None);
    }
    let (call, name, stateful) = match f {
        Value::Builtin(_) => {
            let Some(paths) = decl_paths(f) else {
                if !args_live(args) {
                    return Ok(None);
                }
                return run_traced(it, Call::Value(f.clone()), args, "PartitionedCall").map(Some);
            };
            let cast = if paths.contains(&"builtins.float") {
                Some("float32")
            } else if paths.contains(&"builtins.int") {
                Some("int32")
            } else {
                None
            };
            if let (Some(dt), true) = (cast, args.pos.len() == 1 && args_live(args)) {
                // AutoGraph: `float(t)` and `int(t)` of a tensor are casts.
                let tf = it.import_module("tensorflow")?;
                let c = it.get_attr(&tf, "cast")?;
                let d = it.get_attr(&tf, dt)?;
                let a = Args::new(vec![args.pos[0].clone(), d]);
                return it.call(&c, a).map(Some);
            }
            if paths.contains(&"builtins.range") && args_live(args) {
                // AutoGraph: `range` of a tensor is `tf.range`.
                let tf = it.import_module("tensorflow")?;
                let r = it.get_attr(&tf, "range")?;
                return it.call(&r, args.clone()).map(Some);
            }
            if !paths.iter().any(|p| p.starts_with("tf.")) {
                if paths.iter().any(|p| p.starts_with("np.")) && args_live(args) {
                    return Err(numpy_error(args));
                }
                return Ok(None);
            }
            let stateful = paths.iter().any(|p| STATEFUL.contains(p));
            (Call::Value(f.clone()), op_name(paths), stateful)
        }
        Value::Bound(b) => match &b.callee {
            Callee::Native(name, _) => {
                if b.receiver.as_object::<GraphTensor>().is_some() {
                    return Ok(None);
                }
                let calls_model = matches!(*name, "__call__" | "call");
                if !calls_model
                    && matches!(&b.receiver, Value::Instance(i) if i.class.native_base().is_some())
                {
                    // A Keras method of a user's subclass (`self.compute_loss`,
                    // `super().train_step`): the bound method itself is the step, so that
                    // a run does not find the subclass's override by name.
                    (
                        Call::Value(f.clone()),
                        super::symbolic::method_op_name(name),
                        true,
                    )
                } else {
                    let recv_live = is_tracked(&b.receiver) || is_tf_object(&b.receiver);
                    if !recv_live && !args_live(args) {
                        return Ok(None);
                    }
                    if !recv_live {
                        // A Python container's method (list.append) stays Python.
                        return Ok(None);
                    }
                    (
                        Call::Method(b.receiver.clone(), name),
                        super::symbolic::method_op_name(name),
                        true,
                    )
                }
            }
            Callee::Value(_) => return Ok(None),
        },
        Value::Object(o) => {
            if !is_tf_object(f) || (!args_live(args) && o.class_path().is_none()) {
                return Ok(None);
            }
            let name = o.type_name();
            (Call::Value(f.clone()), name, false)
        }
        _ => return Ok(None),
    };
    let args = materialize(it, args)?;
    if dry() {
        if matches!(decl_paths(f), Some(p) if p.contains(&"tf.print")) {
            record(call, args, &Value::None);
            return Ok(Some(Value::None));
        }
        if let Value::Bound(b) = f {
            if let Value::Variable(v) = &b.receiver {
                remember(v);
            }
        }
    }
    let is_live = args_live(&args);
    if (is_live || stateful) && muted() {
        if let Some(v) = mute_next() {
            return Ok(Some(v));
        }
    }
    let env = Env::default();
    let shadow = subst_args(&args, &|g| Value::Tensor(g.shadow.clone()), &env)?;
    let out = with_depth(|| invoke(it, &call, shadow, &env))?;
    if !(is_live || stateful || holds_tensor(&out, DEPTH)) {
        return Ok(Some(out));
    }
    if muted() {
        if let Some(v) = mute_next() {
            return Ok(Some(v));
        }
    }
    let named = name_outputs(&out, &name, &args);
    let safe = !stateful
        && matches!(call, Call::Value(Value::Builtin(_)))
        && !matches!(decl_paths(f), Some(p) if p.iter().any(|p| p.starts_with("tf.random")));
    let named = open_dims(it, &call, &args, named, safe)?;
    if matches!(decl_paths(f), Some(p) if p.contains(&"tf.GradientTape")) {
        track(&named);
    }
    record(call, args, &named);
    Ok(Some(named))
}

/// Iterators among the arguments (`zip(grads, vars)`) become lists, so that the graph
/// can hand the same items to every run.
fn materialize(it: &mut Interp, args: &Args) -> R<Args> {
    let mut out = args.clone();
    for v in out.pos.iter_mut().chain(out.kw.iter_mut().map(|(_, v)| v)) {
        if let Value::Iterator(_) = v {
            let mut iter = it.iterate(v)?;
            let mut items = Vec::new();
            while let Some(x) = iter.next(it)? {
                items.push(x);
            }
            *v = Value::list(items);
        }
    }
    Ok(out)
}

fn numpy_error(args: &Args) -> crate::eval::Flow {
    let mut name = String::from("?");
    for v in args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)) {
        let mut found = HashMap::new();
        collect_gts(v, DEPTH, &mut found);
        if let Some(g) = found
            .values()
            .next()
            .and_then(|g| g.as_object::<GraphTensor>())
        {
            name = g.name.clone();
            break;
        }
    }
    crate::eval::error::raise::<()>(
        crate::errors::ExcKind::NotImplementedError,
        format!("Cannot convert a symbolic tf.Tensor ({}) to a numpy array. This error may indicate that you're trying to pass a Tensor to a NumPy call, which is not supported.", name),
    )
    .unwrap_err()
}

fn variable_operand(a: &Value, b: &Value) -> bool {
    matches!(a, Value::Variable(_)) || matches!(b, Value::Variable(_))
}

pub(super) fn traced_binary(it: &mut Interp, op: BinOp, a: &Value, b: &Value) -> R<Value> {
    if recording() && variable_operand(a, b) {
        let args = Args::new(vec![a.clone(), b.clone()]);
        return run_traced(
            it,
            Call::Binary(op),
            &args,
            super::symbolic::binary_name(op),
        );
    }
    (saved(it).tensor_binary)(it, op, a, b)
}

pub(super) fn traced_compare(it: &mut Interp, op: CmpOp, a: &Value, b: &Value) -> R<Value> {
    if recording() && variable_operand(a, b) {
        let args = Args::new(vec![a.clone(), b.clone()]);
        return run_traced(
            it,
            Call::Compare(op),
            &args,
            super::symbolic::compare_name(op),
        );
    }
    (saved(it).tensor_compare)(it, op, a, b)
}

pub(super) fn traced_unary(it: &mut Interp, op: UnaryOp, a: &Value) -> R<Value> {
    if op == UnaryOp::Not {
        if a.as_object::<GraphTensor>().is_none() {
            return Ok(Value::Bool(!it.truthy(a)?));
        }
        // AutoGraph: `not t` is `tf.logical_not(t)`.
        let tf = it.import_module("tensorflow")?;
        let f = it.get_attr(&tf, "logical_not")?;
        return it.call(&f, Args::new(vec![a.clone()]));
    }
    if recording() && matches!(a, Value::Variable(_)) {
        let args = Args::new(vec![a.clone()]);
        return run_traced(it, Call::Unary(op), &args, "Neg");
    }
    (saved(it).tensor_unary)(it, op, a)
}

pub(super) fn traced_item(it: &mut Interp, a: &Value, b: &Value) -> R<Value> {
    if recording() && matches!(a, Value::Variable(_)) {
        let args = Args::new(vec![a.clone(), b.clone()]);
        return run_traced(it, Call::Item, &args, "strided_slice");
    }
    (saved(it).value_item)(it, a, b)
}

/// A step on symbolic tensors (their Python operators): computed on the trace-time
/// values, recorded, and named.
pub fn symbolic_step(it: &mut Interp, call: Call, args: Vec<Value>, name: &str) -> R<Value> {
    run_traced(it, call, &Args::new(args), name)
}
