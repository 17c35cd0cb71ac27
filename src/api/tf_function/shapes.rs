//! Static shapes of recorded steps whose inputs are partly unknown (a signature's `None`
//! dims, a `TensorSpec` of unknown rank).

use super::graph::{invoke, map_gts, subst_args, with_depth, Call, Env, DEPTH};
use super::symbolic::GraphTensor;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use std::collections::HashMap;

/// The symbolic tensors among `v`, in order.
fn flat_gts(v: &Value, depth: u8, out: &mut Vec<Value>) {
    if v.as_object::<GraphTensor>().is_some() {
        out.push(v.clone());
        return;
    }
    if depth == 0 {
        return;
    }
    match v {
        Value::List(l) => l.borrow().iter().for_each(|x| flat_gts(x, depth - 1, out)),
        Value::Tuple(t) => t.iter().for_each(|x| flat_gts(x, depth - 1, out)),
        Value::Dict(d) => d
            .borrow()
            .values
            .iter()
            .for_each(|x| flat_gts(x, depth - 1, out)),
        _ => {}
    }
}

/// Static shapes for a step's outputs when an input's shape is partly unknown: the step
/// runs again on inputs of ones with each unknown dim one longer, and the output dims
/// that change are unknown too. Steps with effects (and Keras objects) are not run again;
/// their outputs' leading dim follows an unknown leading input dim.
pub(super) fn open_dims(
    it: &mut Interp,
    call: &Call,
    args: &Args,
    named: Value,
    safe: bool,
) -> R<Value> {
    let mut ins = Vec::new();
    for a in args.pos.iter().chain(args.kw.iter().map(|(_, v)| v)) {
        flat_gts(a, DEPTH, &mut ins);
    }
    let unranked = ins.iter().any(|g| {
        g.as_object::<GraphTensor>()
            .map(|g| g.unknown_rank)
            .unwrap_or(false)
    });
    if unranked {
        return Ok(unrank(&named, DEPTH));
    }
    let open = |g: &GraphTensor| g.shape.iter().any(|d| d.is_none());
    if !ins
        .iter()
        .any(|g| g.as_object::<GraphTensor>().map(open).unwrap_or(false))
    {
        return Ok(named);
    }
    let mut outs = Vec::new();
    flat_gts(&named, DEPTH, &mut outs);
    let fresh: Vec<&GraphTensor> = outs
        .iter()
        .filter_map(|v| v.as_object::<GraphTensor>())
        .filter(|g| {
            !ins.iter()
                .any(|i| i.as_object::<GraphTensor>().map(|x| x.id) == Some(g.id))
        })
        .collect();
    if fresh.is_empty() {
        return Ok(named);
    }
    let mut shapes: HashMap<u64, Vec<Option<usize>>> = HashMap::new();
    let probed = if safe {
        let env = Env::default();
        let probe = subst_args(
            args,
            &|g| {
                let dims: Vec<usize> = g
                    .shape
                    .iter()
                    .zip(g.shadow.shape())
                    .map(|(s, &d)| if s.is_none() { d + 1 } else { d })
                    .collect();
                Value::Tensor(crate::tensor::Tensor::full(g.shadow.dtype(), &dims, 1.0))
            },
            &env,
        )?;
        with_depth(|| invoke(it, call, probe, &env)).ok()
    } else {
        None
    };
    match probed {
        Some(p) => {
            let mut ts = Vec::new();
            flat_tensors(&p, DEPTH, &mut ts);
            for g in &fresh {
                let idx = outs
                    .iter()
                    .position(|v| v.as_object::<GraphTensor>().map(|x| x.id) == Some(g.id));
                if let Some(t) = idx.and_then(|i| ts.get(i)) {
                    if t.ndim() == g.shape.len() {
                        let dims = g
                            .shape
                            .iter()
                            .zip(t.shape())
                            .map(|(a, &b)| if *a == Some(b) { *a } else { None })
                            .collect();
                        shapes.insert(g.id, dims);
                    }
                }
            }
        }
        None => {
            let lead_open = ins.iter().any(|g| {
                g.as_object::<GraphTensor>()
                    .map(|g| g.shape.first() == Some(&None))
                    .unwrap_or(false)
            });
            if lead_open {
                for g in &fresh {
                    let mut d = g.shape.clone();
                    if let Some(f) = d.first_mut() {
                        *f = None;
                    }
                    shapes.insert(g.id, d);
                }
            }
        }
    }
    Ok(reshape(&named, &shapes, DEPTH))
}

/// Outputs of a step on a tensor of unknown rank: of unknown rank too.
fn unrank(v: &Value, depth: u8) -> Value {
    map_gts(v, depth, &mut |_, g| GraphTensor::unranked_like(g))
}

fn flat_tensors(v: &Value, depth: u8, out: &mut Vec<crate::tensor::Tensor>) {
    match v {
        Value::Tensor(t) => out.push(t.clone()),
        Value::List(l) if depth > 0 => l
            .borrow()
            .iter()
            .for_each(|x| flat_tensors(x, depth - 1, out)),
        Value::Tuple(t) if depth > 0 => t.iter().for_each(|x| flat_tensors(x, depth - 1, out)),
        _ => {}
    }
}

fn reshape(v: &Value, shapes: &HashMap<u64, Vec<Option<usize>>>, depth: u8) -> Value {
    map_gts(v, depth, &mut |x, g| match shapes.get(&g.id) {
        Some(d) => GraphTensor::with_shape(g, d.clone()),
        None => x.clone(),
    })
}
