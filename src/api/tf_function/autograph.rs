//! AutoGraph: Python `if`, `for` and `while` statements whose condition or iterable is a
//! symbolic tensor become graph control flow, as TensorFlow converts them.
//!
//! An `if` traces both branches (each once, as TensorFlow does) into graphs of their own;
//! the names they assign become the conditional's outputs, and a run takes the branch the
//! condition picks. A loop traces its body once, with the names it assigns (those bound
//! before the loop) carried from one iteration to the next; a run repeats the body as the
//! data says. Bodies are traced "dry": variable writes are undone and `tf.print` waits,
//! so that only the runs act on the world.

use super::graph::{self, Call, Env, Node};
use super::jumps;
use super::symbolic::GraphTensor;
use crate::errors::ExcKind;
use crate::eval::error::{raise, Flow, R};
use crate::eval::hooks::Control;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::collections::HashSet;
use std::rc::Rc;

/// The two branches of a converted `if`.
pub struct CondGraph {
    pub then_nodes: Vec<Node>,
    pub else_nodes: Vec<Node>,
    pub then_out: Value,
    pub else_out: Value,
}

/// A converted loop: over the first axis of a tensor, or while a condition holds.
pub struct LoopGraph {
    /// The placeholder of the loop target (`for`), or None (`while`).
    pub element: Option<Value>,
    /// The condition's steps and value (`while`).
    pub cond_nodes: Vec<Node>,
    pub cond_out: Value,
    /// Placeholders of the carried names, in order.
    pub carried: Vec<Value>,
    pub body: Vec<Node>,
    /// The carried names' values at the end of the body.
    pub body_out: Value,
    /// Which carried value is the `break` flag, when the body breaks.
    pub brk: Option<usize>,
}

const RETURN_IN_LOOP: &str = "a return statement cannot be placed inside this TensorFlow loop; this may happen if a return statement depends on a static Python condition such as a hyperparameter";

/// Row `i` of a tensor's first axis.
fn first_row(t: &crate::tensor::Tensor, i: usize) -> R<crate::tensor::Tensor> {
    use crate::tensor::ops::index::{strided_slice, Index};
    Ok(strided_slice(t, &[Index::Int(i as i64)])?)
}

fn truth(it: &mut Interp, v: &Value) -> R<bool> {
    match v {
        Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
            let t = crate::eval::value::tensor_of(v);
            match t {
                Some(t) if t.size() == 1 => Ok(t.item_f64().unwrap_or(0.0) != 0.0),
                _ => it.truthy(v),
            }
        }
        _ => it.truthy(v),
    }
}

impl CondGraph {
    /// Runs the branch the condition (the first argument) picks.
    pub fn run(&self, it: &mut Interp, args: &Args, env: &mut Env) -> R<Value> {
        let pred = args.pos.first().cloned().unwrap_or(Value::None);
        let (nodes, out) = if truth(it, &pred)? {
            (&self.then_nodes, &self.then_out)
        } else {
            (&self.else_nodes, &self.else_out)
        };
        graph::run(it, nodes, env)?;
        let out = graph::output(out, env)?;
        // A branch's Python numbers are tensors of the conditional's outputs.
        match out {
            Value::Tuple(t) => {
                let mut items = Vec::with_capacity(t.len());
                for v in t.iter() {
                    items.push(match v {
                        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                            Value::Tensor(crate::api::convert::to_tensor(it, v, None)?)
                        }
                        other => other.clone(),
                    });
                }
                Ok(Value::tuple(items))
            }
            other => Ok(other),
        }
    }
}

impl LoopGraph {
    /// Runs the loop: the arguments are the iterable (or None) and the carried values.
    pub fn run(&self, it: &mut Interp, args: &Args, env: &mut Env) -> R<Value> {
        let iter = args.pos.first().cloned().unwrap_or(Value::None);
        let mut carried: Vec<Value> = Vec::new();
        if let Some(Value::Tuple(t)) = args.pos.get(1) {
            for v in t.iter() {
                // Python numbers carried through a loop become tensors, as AutoGraph
                // makes them.
                carried.push(match v {
                    Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                        Value::Tensor(crate::api::convert::to_tensor(it, v, None)?)
                    }
                    other => other.clone(),
                });
            }
        }
        let set = |env: &mut Env, vals: &[Value]| {
            for (p, v) in self.carried.iter().zip(vals) {
                if let Some(g) = p.as_object::<GraphTensor>() {
                    env.tensors.insert(g.id, v.clone());
                }
            }
        };
        let items = match &self.element {
            Some(_) => {
                let t = crate::eval::value::tensor_of(&iter);
                let n = t
                    .as_ref()
                    .and_then(|t| t.shape().first().copied())
                    .unwrap_or(0);
                Some(n)
            }
            None => None,
        };
        let mut i = 0usize;
        loop {
            it.check_interrupt()?;
            set(env, &carried);
            match (items, &self.element) {
                (Some(n), Some(p)) => {
                    if i >= n {
                        break;
                    }
                    let Some(t) = crate::eval::value::tensor_of(&iter) else {
                        break;
                    };
                    let x = Value::Tensor(first_row(&t, i)?);
                    if let Some(g) = p.as_object::<GraphTensor>() {
                        env.tensors.insert(g.id, x);
                    }
                }
                _ => {
                    graph::run(it, &self.cond_nodes, env)?;
                    let c = graph::output(&self.cond_out, env)?;
                    if !truth(it, &c)? {
                        break;
                    }
                }
            }
            graph::run(it, &self.body, env)?;
            let out = graph::output(&self.body_out, env)?;
            carried = match out {
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            i += 1;
            if let Some(flag) = self.brk.and_then(|k| carried.get(k)) {
                if truth(it, flag)? {
                    break;
                }
            }
        }
        Ok(Value::tuple(carried))
    }
}

/// The hook the evaluator calls for control flow on a native object while tracing.
pub fn control(it: &mut Interp, c: Control<'_>) -> R<bool> {
    if !graph::recording() {
        return Ok(false);
    }
    match c {
        Control::If { test, body, orelse } => {
            if test.as_object::<GraphTensor>().is_none() {
                return Ok(false);
            }
            convert_if(it, test, body, orelse)?;
            Ok(true)
        }
        Control::For { target, iter, body } => {
            if iter.as_object::<GraphTensor>().is_none() {
                return Ok(false);
            }
            convert_loop(it, Some((target, iter)), None, body)?;
            Ok(true)
        }
        Control::While { test, body } => {
            convert_loop(it, None, Some(test), body)?;
            Ok(true)
        }
    }
}

type Vars = crate::eval::scope::NameMap<crate::eval::value::Str, Value>;

fn vars(it: &Interp) -> Vars {
    it.scope.borrow().vars.clone()
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => Rc::ptr_eq(x, y),
        (Value::Tensor(x), Value::Tensor(y)) => x.id() == y.id(),
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::None, Value::None) => true,
        (Value::Variable(x), Value::Variable(y)) => Rc::ptr_eq(x, y),
        (Value::List(x), Value::List(y)) => Rc::ptr_eq(x, y),
        (Value::Instance(x), Value::Instance(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}

pub(super) fn tensorish(v: &Value) -> bool {
    v.as_object::<GraphTensor>().is_some()
        || matches!(
            v,
            Value::Tensor(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::NdArray(_)
        )
}

/// The tensors of a value: itself, or those of a list or tuple of them (nested). None
/// when it holds anything else.
fn leaves(v: &Value, depth: u8) -> Option<Vec<Value>> {
    if tensorish(v) {
        return Some(vec![v.clone()]);
    }
    if let Some(rows) = graph_value(v) {
        return Some(vec![rows]);
    }
    if depth == 0 {
        return None;
    }
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        _ => return None,
    };
    let mut out = Vec::new();
    for x in &items {
        out.extend(leaves(x, depth - 1)?);
    }
    Some(out)
}

/// The tensor a Python object keeps its state in while traced (a `TensorArray`'s rows),
/// so that control flow carries the object as that tensor.
const GRAPH_VALUE: &str = "_graph_value";

fn graph_value(v: &Value) -> Option<Value> {
    let Value::Instance(inst) = v else {
        return None;
    };
    let rows = inst.dict.borrow().get(GRAPH_VALUE).cloned()?;
    tensorish(&rows).then_some(rows)
}

/// `template` with its tensors replaced, in order, by `values`.
fn rebuild(template: &Value, values: &mut std::slice::Iter<'_, Value>, depth: u8) -> Value {
    if let (Value::Instance(inst), Some(_)) = (template, graph_value(template)) {
        // A copy of the object holding the new state.
        let rows = values.next().cloned().unwrap_or(Value::None);
        let mut dict = inst.dict.borrow().clone();
        dict.insert(GRAPH_VALUE.into(), rows);
        return Value::Instance(Rc::new(crate::eval::value::Instance {
            class: inst.class.clone(),
            dict: std::cell::RefCell::new(dict),
            attr_order: std::cell::RefCell::new(inst.attr_order.borrow().clone()),
            native: std::cell::RefCell::new(inst.native.borrow().clone()),
        }));
    }
    if tensorish(template) || depth == 0 {
        return values.next().cloned().unwrap_or(Value::None);
    }
    match template {
        Value::List(l) => {
            let items = l.borrow().clone();
            Value::list(
                items
                    .iter()
                    .map(|x| rebuild(x, values, depth - 1))
                    .collect(),
            )
        }
        Value::Tuple(t) => Value::tuple(t.iter().map(|x| rebuild(x, values, depth - 1)).collect()),
        other => other.clone(),
    }
}

/// A value as a tensor (its trace-time value for a symbolic one).
pub(super) fn as_tensor(it: &mut Interp, v: &Value) -> R<crate::tensor::Tensor> {
    if let Some(g) = v.as_object::<GraphTensor>() {
        return Ok(g.shadow.clone());
    }
    crate::api::convert::to_tensor(it, v, None)
}

/// Whether a block has a `return` (outside nested definitions).
fn returns(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| {
        matches!(s.kind, StmtKind::Return(_)) || jumps::blocks(s, true).into_iter().any(returns)
    })
}

fn convert_if(it: &mut Interp, test: &Value, body: &[Stmt], orelse: &[Stmt]) -> R<()> {
    // `if c: return a` followed by more code: the code after the `if` belongs to the
    // branch that does not return, as AutoGraph arranges it.
    let rest = match it.if_rest.take() {
        Some((key, rest)) if key == body.as_ptr() as usize => rest,
        _ => Vec::new(),
    };
    let (then_ret, else_ret) = (returns(body), returns(orelse));
    let mut body_v = body.to_vec();
    let mut orelse_v = orelse.to_vec();
    if then_ret != else_ret && !rest.is_empty() {
        if then_ret {
            orelse_v.extend(rest);
        } else {
            body_v.extend(rest);
        }
    }
    let (body, orelse) = (&body_v[..], &orelse_v[..]);
    let before = vars(it);
    graph::begin_body();
    let r1 = it.exec_block(body);
    let then_nodes = graph::end_body();
    let after_t = vars(it);
    it.scope.borrow_mut().vars = before.clone();
    graph::begin_body();
    let r2 = it.exec_block(orelse);
    let else_nodes = graph::end_body();
    let after_f = vars(it);
    it.scope.borrow_mut().vars = before.clone();
    let (ret_t, ret_f) = match (r1, r2) {
        (Ok(()), Ok(())) => (None, None),
        (Err(Flow::Return(a)), Err(Flow::Return(b))) => (Some(a), Some(b)),
        (Err(Flow::Return(_)), Ok(())) | (Ok(()), Err(Flow::Return(_))) => {
            return raise(
                ExcKind::NotImplementedError,
                "tensh converts an `if` on a tensor when both branches return or neither does",
            )
        }
        (Err(e @ Flow::Error(_)), _) | (_, Err(e @ Flow::Error(_))) => return Err(e),
        _ => {
            return raise(
                ExcKind::NotImplementedError,
                "break and continue inside an `if` on a tensor are not converted by tensh",
            )
        }
    };
    let mut names: Vec<crate::eval::value::Str> = Vec::new();
    for side in [&after_t, &after_f] {
        for (k, v) in side.iter() {
            let changed = match before.get(k) {
                Some(b) => !same(b, v),
                None => true,
            };
            if changed && !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    names.sort();
    let mut outs_t = Vec::new();
    let mut outs_f = Vec::new();
    // Each merged name: its structure and how many outputs it takes.
    let mut merged: Vec<(crate::eval::value::Str, Value, usize)> = Vec::new();
    for n in &names {
        let t = after_t.get(n).or_else(|| before.get(n)).cloned();
        let f = after_f.get(n).or_else(|| before.get(n)).cloned();
        let (Some(t), Some(f)) = (t, f) else {
            // Defined in one branch only: undefined after the `if`, as AutoGraph
            // leaves it.
            continue;
        };
        match (leaves(&t, 4), leaves(&f, 4)) {
            (Some(lt), Some(lf)) if lt.len() == lf.len() && !same(&t, &f) => {
                merged.push((n.clone(), t.clone(), lt.len()));
                outs_t.extend(lt);
                outs_f.extend(lf);
            }
            _ => {
                // Python values (functions, lists) are the branch's own: the one the
                // trace took stays.
                let pred = Value::Tensor(as_tensor(it, test)?);
                let keep = if truth(it, &pred)? { t } else { f };
                it.scope.borrow_mut().vars.insert(n.clone(), keep);
            }
        }
    }
    let mut ret_shape = None;
    if let (Some(a), Some(b)) = (ret_t, ret_f) {
        match (leaves(&a, 4), leaves(&b, 4)) {
            (Some(la), Some(lb)) if la.len() == lb.len() => {
                ret_shape = Some((a.clone(), la.len()));
                outs_t.extend(la);
                outs_f.extend(lb);
            }
            _ => {
                return raise(
                    ExcKind::ValueError,
                    "the branches of an `if` on a tensor must return tensors of the same structure",
                )
            }
        }
    }
    let cg = Rc::new(CondGraph {
        then_nodes,
        else_nodes,
        then_out: Value::tuple(outs_t),
        else_out: Value::tuple(outs_f),
    });
    // The run on trace-time values gives the outputs' values; they are named as the
    // conditional's outputs.
    let args = Args::new(vec![test.clone()]);
    if let Some(out) = graph::mute_next() {
        return finish_if(it, &merged, out, ret_shape);
    }
    let mut env = Env::default();
    let pred = Value::Tensor(as_tensor(it, test)?);
    let real = cg.run(it, &Args::new(vec![pred]), &mut env)?;
    let named = name_outputs(it, real, "cond")?;
    let out = Value::tuple(named);
    graph::record(Call::Cond(cg), args, &out);
    finish_if(it, &merged, out, ret_shape)
}

/// A converted statement's outputs, from its run on trace-time values, named as the
/// outputs of its op (`cond:0`, `while:1`); Python numbers become tensors.
pub(super) fn name_outputs(it: &mut Interp, real: Value, op: &str) -> R<Vec<Value>> {
    let real = match real {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    let base = graph::unique_name(op);
    let mut named = Vec::with_capacity(real.len());
    for (i, v) in real.iter().enumerate() {
        named.push(match v {
            Value::Tensor(t) => GraphTensor::output(t.clone(), &base, i),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let t = crate::api::convert::to_tensor(it, v, None)?;
                GraphTensor::output(t, &base, i)
            }
            other => other.clone(),
        });
    }
    Ok(named)
}

/// Binds a converted `if`'s outputs to the names its branches assigned (and returns what
/// both branches returned).
fn finish_if(
    it: &mut Interp,
    merged: &[(crate::eval::value::Str, Value, usize)],
    out: Value,
    ret: Option<(Value, usize)>,
) -> R<()> {
    let named = match out {
        Value::Tuple(t) => t.to_vec(),
        _ => Vec::new(),
    };
    let mut values = named.iter();
    for (n, template, count) in merged {
        let part: Vec<Value> = values.by_ref().take(*count).cloned().collect();
        let v = rebuild(template, &mut part.iter(), 4);
        it.scope.borrow_mut().vars.insert(n.clone(), v);
    }
    if let Some((template, count)) = ret {
        let part: Vec<Value> = values.by_ref().take(count).cloned().collect();
        return Err(Flow::Return(rebuild(&template, &mut part.iter(), 4)));
    }
    Ok(())
}

/// The names a block assigns (targets of assignments, loops and `with`), nested blocks
/// included and nested functions excluded.
fn assigned(stmts: &[Stmt], out: &mut Vec<String>) {
    fn target(e: &Expr, out: &mut Vec<String>) {
        match &e.kind {
            ExprKind::Name(n) if !out.contains(n) => out.push(n.clone()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|x| target(x, out))
            }
            _ => {}
        }
    }
    for s in stmts {
        match &s.kind {
            StmtKind::Assign(targets, _) => targets.iter().for_each(|t| target(t, out)),
            StmtKind::AugAssign(t, _, _) | StmtKind::AnnAssign(t, _, _) => target(t, out),
            StmtKind::For {
                target: t,
                body,
                orelse,
                ..
            } => {
                target(t, out);
                assigned(body, out);
                assigned(orelse, out);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                assigned(body, out);
                assigned(orelse, out);
            }
            StmtKind::With { items, body } => {
                for (_, v) in items {
                    if let Some(v) = v {
                        target(v, out);
                    }
                }
                assigned(body, out);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                assigned(body, out);
                for h in handlers {
                    assigned(&h.body, out);
                }
                assigned(orelse, out);
                assigned(finalbody, out);
            }
            _ => {}
        }
    }
}

fn convert_loop(
    it: &mut Interp,
    over: Option<(&Expr, &Value)>,
    test: Option<&Expr>,
    body: &[Stmt],
) -> R<()> {
    if returns(body) {
        return raise(ExcKind::NotImplementedError, RETURN_IN_LOOP);
    }
    // `break` and `continue` become flags (AutoGraph); the break flag is carried.
    let (with_break, any_jump) = jumps::jumps(body);
    let lowered;
    let body: &[Stmt] = if any_jump {
        lowered = jumps::lower(body, with_break);
        &lowered
    } else {
        body
    };
    let flags_before = {
        let sc = it.scope.borrow();
        [jumps::JUMP, jumps::BREAK].map(|n| (n, sc.vars.get(n).cloned()))
    };
    if with_break {
        it.scope
            .borrow_mut()
            .vars
            .insert(jumps::BREAK.into(), Value::Bool(false));
    }
    let r = convert_loop_body(it, over, test, body);
    // The flags are the loop's own: the names hold what they held before it.
    let mut sc = it.scope.borrow_mut();
    for (n, v) in flags_before {
        match v {
            Some(v) => {
                sc.vars.insert(n.into(), v);
            }
            None => {
                sc.vars.remove(n);
            }
        }
    }
    r
}

fn convert_loop_body(
    it: &mut Interp,
    over: Option<(&Expr, &Value)>,
    test: Option<&Expr>,
    body: &[Stmt],
) -> R<()> {
    let before = vars(it);
    let mut names = Vec::new();
    assigned(body, &mut names);
    let mut skip: HashSet<String> = HashSet::new();
    if let Some((t, _)) = over {
        let mut tn = Vec::new();
        assigned(
            &[Stmt {
                kind: StmtKind::Assign(vec![t.clone()], t.clone()),
                span: t.span,
            }],
            &mut tn,
        );
        skip.extend(tn);
    }
    // Carried: assigned in the body, bound before the loop to tensors or numbers (or lists
    // and tuples of them): one placeholder per tensor.
    let mut carried_names: Vec<(crate::eval::value::Str, Value, usize)> = Vec::new();
    let mut placeholders = Vec::new();
    let mut initial = Vec::new();
    let mut brk = None;
    for n in &names {
        if skip.contains(n) {
            continue;
        }
        let key: crate::eval::value::Str = n.as_str().into();
        let Some(v) = before.get(&key).cloned() else {
            continue;
        };
        let Some(ls) = leaves(&v, 4) else {
            continue;
        };
        if ls.is_empty() {
            continue;
        }
        if n == jumps::BREAK {
            brk = Some(placeholders.len());
        }
        for x in &ls {
            let t = as_tensor(it, x)?;
            let shape = match x.as_object::<GraphTensor>() {
                Some(g) => g.shape.clone(),
                None => t.shape().iter().map(|&d| Some(d)).collect(),
            };
            let pname = graph::unique_name("Placeholder");
            placeholders.push(GraphTensor::make(t, shape, format!("while/{}:0", pname)));
            initial.push(x.clone());
        }
        carried_names.push((key, v, ls.len()));
    }
    let set_carried = |it: &mut Interp, vals: &[Value]| {
        let mut sc = it.scope.borrow_mut();
        let mut values = vals.iter();
        for (n, template, count) in &carried_names {
            let part: Vec<Value> = values.by_ref().take(*count).cloned().collect();
            sc.vars
                .insert(n.clone(), rebuild(template, &mut part.iter(), 4));
        }
    };
    // The condition of a `while`, traced on the carried placeholders.
    let (cond_nodes, cond_out) = match test {
        Some(test) => {
            set_carried(it, &placeholders);
            graph::begin_body();
            let c = it.eval(test);
            let nodes = graph::end_body();
            (nodes, c?)
        }
        None => (Vec::new(), Value::None),
    };
    // The body.
    let element = match over {
        Some((target, iter)) => {
            let g = iter.as_object::<GraphTensor>();
            let elem = match g {
                Some(g) if g.shadow.shape().first().copied().unwrap_or(0) > 0 => {
                    first_row(&g.shadow, 0)?
                }
                Some(g) => {
                    let dims: Vec<usize> = g.shadow.shape().iter().skip(1).copied().collect();
                    crate::tensor::Tensor::full(g.shadow.dtype(), &dims, 0.0)
                }
                None => crate::tensor::Tensor::scalar(0.0f32),
            };
            let shape = match g {
                Some(g) => g.shape.iter().skip(1).copied().collect(),
                None => Vec::new(),
            };
            let pname = graph::unique_name("Placeholder");
            let p = GraphTensor::make(elem, shape, format!("while/{}:0", pname));
            Some((target, p))
        }
        None => None,
    };
    set_carried(it, &placeholders);
    graph::begin_body();
    let r = match &element {
        Some((target, p)) => it
            .assign(target, p.clone())
            .and_then(|_| it.exec_block(body)),
        None => it.exec_block(body),
    };
    let body_nodes = graph::end_body();
    match r {
        Ok(()) => {}
        Err(Flow::Return(_)) => {
            it.scope.borrow_mut().vars = before;
            return raise(ExcKind::NotImplementedError, RETURN_IN_LOOP);
        }
        Err(Flow::Break) | Err(Flow::Continue) => {
            it.scope.borrow_mut().vars = before;
            return raise(
                ExcKind::NotImplementedError,
                "tensh does not convert this break or continue inside a loop over tensors",
            );
        }
        Err(e) => {
            it.scope.borrow_mut().vars = before;
            return Err(e);
        }
    }
    let after = vars(it);
    let mut body_out: Vec<Value> = Vec::with_capacity(placeholders.len());
    for (n, template, count) in &carried_names {
        let v = after.get(n).cloned().unwrap_or_else(|| template.clone());
        match leaves(&v, 4) {
            Some(ls) if ls.len() == *count => body_out.extend(ls),
            _ => {
                it.scope.borrow_mut().vars = before;
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "'{}' must keep its structure of tensors through the loop",
                        n
                    ),
                );
            }
        }
    }
    it.scope.borrow_mut().vars = before;
    let lg = Rc::new(LoopGraph {
        element: element.as_ref().map(|(_, p)| p.clone()),
        cond_nodes,
        cond_out,
        carried: placeholders,
        body: body_nodes,
        body_out: Value::tuple(body_out),
        brk,
    });
    let iter_v = over.map(|(_, v)| v.clone()).unwrap_or(Value::None);
    let args = Args::new(vec![iter_v.clone(), Value::tuple(initial.clone())]);
    if let Some(out) = graph::mute_next() {
        if let Value::Tuple(t) = out {
            set_carried(it, &t);
        }
        return Ok(());
    }
    // The run on trace-time values.
    let shadow_iter = graph::shadows(&iter_v)?;
    let mut shadow_init = Vec::with_capacity(initial.len());
    for v in &initial {
        shadow_init.push(Value::Tensor(as_tensor(it, v)?));
    }
    let mut env = Env::default();
    let real = lg.run(
        it,
        &Args::new(vec![shadow_iter, Value::tuple(shadow_init)]),
        &mut env,
    )?;
    let named = name_outputs(it, real, "while")?;
    graph::record(Call::Loop(lg), args, &Value::tuple(named.clone()));
    set_carried(it, &named);
    Ok(())
}
