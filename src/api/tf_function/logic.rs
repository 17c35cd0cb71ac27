//! `a and b`, `a or b` and `x if c else y` where the deciding value is a symbolic tensor,
//! converted as AutoGraph converts them: into a conditional whose branches are traced
//! (`and` runs `b` only where `a` holds, and otherwise gives `a`), so a run picks the
//! branch its data says.

use super::autograph::{as_tensor, name_outputs, tensorish, CondGraph};
use super::graph::{self, Call, Env};
use super::symbolic::GraphTensor;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::hooks::Pick;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BoolOpKind, Expr, ExprKind};
use std::rc::Rc;

/// One side of the conditional: a value already known, or expressions to trace.
enum Side<'a> {
    Known(Value),
    Rest(BoolOpKind, &'a [Expr]),
    One(&'a Expr),
}

fn trace(it: &mut Interp, side: Side<'_>) -> (Vec<graph::Node>, R<Value>) {
    graph::begin_body();
    let v = match side {
        Side::Known(v) => Ok(v),
        Side::One(e) => it.eval(e),
        Side::Rest(_, [e]) => it.eval(e),
        Side::Rest(op, rest) => it.eval(&Expr {
            kind: ExprKind::BoolOp(op, rest.to_vec()),
            span: rest[0].span,
        }),
    };
    (graph::end_body(), v)
}

/// The hook the evaluator calls for `and`, `or` and conditional expressions on a native
/// object while tracing: the conditional's output, or None to evaluate as Python does.
pub fn pick(it: &mut Interp, first: &Value, p: Pick<'_>) -> R<Option<Value>> {
    if !graph::recording() || first.as_object::<GraphTensor>().is_none() {
        return Ok(None);
    }
    let (then, orelse) = match p {
        Pick::And(rest) => (
            Side::Rest(BoolOpKind::And, rest),
            Side::Known(first.clone()),
        ),
        Pick::Or(rest) => (Side::Known(first.clone()), Side::Rest(BoolOpKind::Or, rest)),
        Pick::IfExp { body, orelse } => (Side::One(body), Side::One(orelse)),
    };
    let (then_nodes, a) = trace(it, then);
    let (else_nodes, b) = trace(it, orelse);
    let (a, b) = (a?, b?);
    if !tensorish(&a) || !tensorish(&b) {
        return raise(
            ExcKind::NotImplementedError,
            "tensh converts `and`, `or` and conditional expressions on a tensor when both outcomes are tensors or numbers",
        );
    }
    let cg = Rc::new(CondGraph {
        then_nodes,
        else_nodes,
        then_out: Value::tuple(vec![a]),
        else_out: Value::tuple(vec![b]),
    });
    let first_of = |v: Value| match v {
        Value::Tuple(t) => t.first().cloned().unwrap_or(Value::None),
        other => other,
    };
    if let Some(out) = graph::mute_next() {
        return Ok(Some(first_of(out)));
    }
    let mut env = Env::default();
    let pred = Value::Tensor(as_tensor(it, first)?);
    let real = cg.run(it, &Args::new(vec![pred]), &mut env)?;
    let out = Value::tuple(name_outputs(it, real, "cond")?);
    graph::record(Call::Cond(cg), Args::new(vec![first.clone()]), &out);
    Ok(Some(first_of(out)))
}
