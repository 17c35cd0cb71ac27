//! Sparse updates of variables: `v.scatter_update(tf.IndexedSlices(...))` and its add, sub,
//! mul, div, max and min forms (rows along the first axis), `v.scatter_nd_update(indices,
//! updates)` and its add, sub, max and min forms, `v.sparse_read(indices)`, the same as
//! `tf.compat.v1.scatter_*` functions, and `tf.IndexedSlices` itself (Python source,
//! `pysrc/tf_indexed_slices.py`, built on first use). Each update returns the variable
//! unread, as TensorFlow's do.

use super::convert::to_tensor;
use super::tf_variable_slices::unread;
use crate::eval::error::{type_err, R};
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

const SOURCE: &str = include_str!("pysrc/tf_indexed_slices.py");
const MODULE: &str = "tensorflow.python.framework.indexed_slices";

/// Registers `tf.IndexedSlices`, built on first use.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("tensorflow.IndexedSlices", build);
}

fn build(it: &mut Interp) {
    it.lazy_modules.remove("tensorflow.IndexedSlices");
    crate::pylib::pysource::load(it, MODULE, SOURCE, &[]);
    let Some(Value::Module(m)) = it.modules.get(MODULE).cloned() else {
        return;
    };
    let Some(Value::Module(tf)) = it.modules.get("tensorflow").cloned() else {
        return;
    };
    if let Some(v) = m.get("IndexedSlices") {
        tf.set("IndexedSlices", v);
    }
}

/// How an update combines with the element it lands on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combine {
    Update,
    Add,
    Sub,
    Mul,
    Div,
    Max,
    Min,
}

impl Combine {
    fn of(name: &str) -> Combine {
        match name.rsplit('_').next().unwrap_or("") {
            "add" => Combine::Add,
            "sub" => Combine::Sub,
            "mul" => Combine::Mul,
            "div" => Combine::Div,
            "max" => Combine::Max,
            "min" => Combine::Min,
            _ => Combine::Update,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Combine::Update => "Update",
            Combine::Add => "Add",
            Combine::Sub => "Sub",
            Combine::Mul => "Mul",
            Combine::Div => "Div",
            Combine::Max => "Max",
            Combine::Min => "Min",
        }
    }

    fn apply(self, old: f64, u: f64, int: bool) -> f64 {
        match self {
            Combine::Update => u,
            Combine::Add => old + u,
            Combine::Sub => old - u,
            Combine::Mul => old * u,
            Combine::Div if int => (old / u).trunc(),
            Combine::Div => old / u,
            Combine::Max => old.max(u),
            Combine::Min => old.min(u),
        }
    }
}

const METHODS: [&str; 14] = [
    "scatter_update",
    "scatter_add",
    "scatter_sub",
    "scatter_mul",
    "scatter_div",
    "scatter_max",
    "scatter_min",
    "scatter_nd_update",
    "scatter_nd_add",
    "scatter_nd_sub",
    "scatter_nd_max",
    "scatter_nd_min",
    "sparse_read",
    "batch_scatter_update",
];

/// A variable's scatter methods.
pub(crate) fn variable_attr(v: &Value, name: &str) -> Option<Value> {
    let name = METHODS.iter().find(|m| **m == name)?;
    Some(Value::method(v.clone(), name, variable_method))
}

fn variable_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::Variable(var) = recv else {
        return Ok(Value::None);
    };
    if name == "sparse_read" {
        let [indices, _name] = args.bind(name, ["indices", "name=None"])?;
        let idx = to_tensor(it, &indices.unwrap_or(Value::None), None)?;
        let t = var.read();
        return Ok(Value::Tensor(crate::tensor::ops::select::gather(
            &t, &idx, 0,
        )?));
    }
    if name.starts_with("scatter_nd") {
        let [indices, updates, _name] = args.bind(name, ["indices", "updates", "name=None"])?;
        let (i, u) = (
            indices.unwrap_or(Value::None),
            updates.unwrap_or(Value::None),
        );
        return scatter_nd(it, var, Combine::of(name), &i, &u);
    }
    let fname = format!("BaseResourceVariable.{}", name);
    let [delta, _locking, _name] =
        args.bind(&fname, ["sparse_delta", "use_locking=False", "name=None"])?;
    let delta = delta.unwrap_or(Value::None);
    if !is_indexed_slices(&delta) {
        let shown = it.str_of(&delta)?;
        return Err(type_err(format!(
            "Argument `sparse_delta` must be a `tf.IndexedSlices`. Received arg: {}",
            shown
        )));
    }
    let values = it.get_attr(&delta, "values")?;
    let indices = it.get_attr(&delta, "indices")?;
    if name == "batch_scatter_update" {
        return batch_scatter(it, var, &indices, &values);
    }
    scatter_rows(it, var, Combine::of(name), &indices, &values)
}

fn is_indexed_slices(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.class.name == "IndexedSlices")
}

fn int_indices(it: &mut Interp, v: &Value) -> R<Tensor> {
    let idx = to_tensor(it, v, None)?;
    if !matches!(idx.dtype(), DType::I32 | DType::I64) {
        return Err(invalid_arg(format!(
            "Value for attr 'Tindices' of {} is not in the list of allowed values: int32, int64",
            idx.dtype().kind_word()
        ))
        .into());
    }
    Ok(idx)
}

/// Updates whole rows: `var[indices[k]] = op(var[indices[k]], values[k])`.
fn scatter_rows(
    it: &mut Interp,
    var: &Rc<Variable>,
    op: Combine,
    indices: &Value,
    values: &Value,
) -> R<Value> {
    let cur = var.value.borrow().clone();
    let upd = to_tensor(it, values, Some(cur.dtype()))?;
    let idx = int_indices(it, indices)?;
    let kernel = format!("ResourceScatter{}", op.word());
    let fail = |m: String| op_error(&kernel, &kernel, m, Some(""));
    let (ish, ush, psh) = (idx.shape(), upd.shape(), cur.shape());
    if psh.is_empty() {
        return Err(fail("params must be at least 1 dimensional".into()).into());
    }
    let scalar = ush.is_empty();
    if !scalar && (ush.len() != ish.len() + psh.len() - 1 || ush[ish.len()..] != psh[1..]) {
        return Err(fail(format!(
            "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape {}, indices.shape {}, params.shape {}",
            shape_brackets(ush),
            shape_brackets(ish),
            shape_brackets(psh)
        ))
        .into());
    }
    if !scalar && ush[..ish.len()] != *ish {
        return Err(fail(format!(
            "The shape of indices ({}) must be a prefix of the shape of updates ({})",
            shape_brackets(ish),
            shape_brackets(ush)
        ))
        .into());
    }
    let rows = psh[0] as i64;
    let inner: usize = psh[1..].iter().product();
    let mut vals = cur.to_f64_vec();
    let u = upd.to_f64_vec();
    let int = !cur.dtype().is_float();
    for (k, &r) in idx.to_i64_vec().iter().enumerate() {
        if r < 0 || r >= rows {
            let at = if ish.is_empty() {
                String::new()
            } else {
                format!("[{}]", k)
            };
            // TensorFlow's kernel has written the updates before the bad index.
            var.set(Tensor::from_f64s(cur.dtype(), psh, &vals));
            return Err(fail(format!("indices{} = {} is not in [0, {})", at, r, rows)).into());
        }
        for j in 0..inner {
            let x = if scalar { u[0] } else { u[k * inner + j] };
            let slot = &mut vals[r as usize * inner + j];
            *slot = op.apply(*slot, x, int);
        }
    }
    var.set(Tensor::from_f64s(cur.dtype(), psh, &vals));
    Ok(unread(var))
}

/// Updates the elements or slices that rows of `indices` name, as `scatter_nd` places them.
fn scatter_nd(
    it: &mut Interp,
    var: &Rc<Variable>,
    op: Combine,
    indices: &Value,
    updates: &Value,
) -> R<Value> {
    let cur = var.value.borrow().clone();
    let idx = int_indices(it, indices)?;
    let upd = to_tensor(it, updates, Some(cur.dtype()))?;
    let kernel = format!("ResourceScatterNd{}", op.word());
    let fail = |m: String, name: Option<&str>| op_error(&kernel, &kernel, m, name);
    let (ish, ush, psh) = (idx.shape(), upd.shape(), cur.shape());
    let slice_dim = if ish.len() > 1 { ish[ish.len() - 1] } else { 1 };
    let batch_dim = if ish.len() > 1 { ish.len() - 1 } else { 1 };
    let join = |d: &[usize]| {
        d.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let prefix = || {
        format!(
            "Dimensions [0,{}) of indices[shape={}] = {} must match dimensions [0,{}) of updates[shape={}] = {}",
            batch_dim,
            shape_brackets(ish),
            join(&ish[..batch_dim.min(ish.len())]),
            batch_dim,
            shape_brackets(ush),
            join(&ush[..batch_dim.min(ush.len())])
        )
    };
    let suffix = || {
        format!(
            "Dimensions [{},{}) of input[shape={}] must match dimensions [{},{}) of updates[shape={}]",
            slice_dim,
            psh.len(),
            shape_brackets(psh),
            slice_dim,
            ush.len(),
            shape_brackets(ush)
        )
    };
    if ush.len() < batch_dim || (0..batch_dim).any(|d| ush[d] != ish.get(d).copied().unwrap_or(1)) {
        return Err(fail(prefix(), None).into());
    }
    if psh.len() < slice_dim
        || ush.len() != batch_dim + psh.len() - slice_dim
        || ush[batch_dim..] != psh[slice_dim..]
    {
        return Err(fail(suffix(), None).into());
    }
    let inner: usize = psh[slice_dim..].iter().product();
    let iv = idx.to_i64_vec();
    let count = iv.len().checked_div(slice_dim).unwrap_or(0);
    let mut vals = cur.to_f64_vec();
    let u = upd.to_f64_vec();
    let int = !cur.dtype().is_float();
    for c in 0..count {
        let here = &iv[c * slice_dim..(c + 1) * slice_dim];
        let mut off = 0usize;
        for (d, &i) in here.iter().enumerate() {
            if i < 0 || i as usize >= psh[d] {
                let shown: Vec<String> = here.iter().map(|v| v.to_string()).collect();
                var.set(Tensor::from_f64s(cur.dtype(), psh, &vals));
                return Err(fail(
                    format!(
                        "indices[{}] = [{}] does not index into shape {}",
                        c,
                        shown.join(", "),
                        shape_brackets(psh)
                    ),
                    None,
                )
                .into());
            }
            off = off * psh[d] + i as usize;
        }
        for j in 0..inner {
            let slot = &mut vals[off * inner + j];
            *slot = op.apply(*slot, u[c * inner + j], int);
        }
    }
    var.set(Tensor::from_f64s(cur.dtype(), psh, &vals));
    Ok(unread(var))
}

/// `batch_scatter_update`: `indices[..., k]` picks along the last index axis within each
/// batch of the leading dimensions.
fn batch_scatter(it: &mut Interp, var: &Rc<Variable>, indices: &Value, values: &Value) -> R<Value> {
    let idx = int_indices(it, indices)?;
    let ish = idx.shape().to_vec();
    if ish.is_empty() {
        return scatter_rows(it, var, Combine::Update, indices, values);
    }
    // Prepend each index with its batch position: indices of shape [..., n, depth].
    let batch = ish.len() - 1;
    let iv = idx.to_i64_vec();
    let mut nd = Vec::with_capacity(iv.len() * (batch + 1));
    for (flat, &i) in iv.iter().enumerate() {
        let mut rem = flat;
        let mut at = vec![0i64; ish.len()];
        for d in (0..ish.len()).rev() {
            at[d] = (rem % ish[d]) as i64;
            rem /= ish[d];
        }
        nd.extend_from_slice(&at[..batch]);
        nd.push(i);
    }
    let mut shape = ish.clone();
    shape.push(batch + 1);
    let nd = Value::Tensor(Tensor::from_vec(&shape, nd));
    scatter_nd(it, var, Combine::Update, &nd, values)
}

fn variable_arg(v: &Value) -> R<Rc<Variable>> {
    match v {
        Value::Variable(var) => Ok(var.clone()),
        // TensorFlow reads the ref's dtype, then its `_lazy_read`.
        Value::Tensor(_) => Err(crate::eval::error::attr_err(
            "'tensorflow.python.framework.ops.EagerTensor' object has no attribute '_lazy_read'",
        )),
        other => Err(crate::eval::error::attr_err(format!(
            "'{}' object has no attribute 'dtype'",
            other.type_name()
        ))),
    }
}

fn compat_rows(
    it: &mut Interp,
    op: Combine,
    r#ref: &Value,
    indices: &Value,
    updates: &Value,
) -> R<Value> {
    let var = variable_arg(r#ref)?;
    scatter_rows(it, &var, op, indices, updates)
}

fn compat_nd(
    it: &mut Interp,
    op: Combine,
    r#ref: &Value,
    indices: &Value,
    updates: &Value,
) -> R<Value> {
    let var = variable_arg(r#ref)?;
    scatter_nd(it, &var, op, indices, updates)
}

crate::builtin! {
    /// Applies sparse updates to a variable reference.
    python ["tf.compat.v1.scatter_update"]
    fn scatter_update(it, r#ref, indices, updates, use_locking = True, name = None) {
        compat_rows(it, Combine::Update, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Adds sparse updates to the variable referenced by `resource`.
    python ["tf.compat.v1.scatter_add"]
    fn scatter_add(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Add, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Subtracts sparse updates to a variable reference.
    python ["tf.compat.v1.scatter_sub"]
    fn scatter_sub(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Sub, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Multiplies sparse updates into a variable reference.
    python ["tf.compat.v1.scatter_mul"]
    fn scatter_mul(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Mul, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Divides a variable reference by sparse updates.
    python ["tf.compat.v1.scatter_div"]
    fn scatter_div(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Div, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Reduces sparse updates into a variable reference using the `max` operation.
    python ["tf.compat.v1.scatter_max"]
    fn scatter_max(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Max, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Reduces sparse updates into a variable reference using the `min` operation.
    python ["tf.compat.v1.scatter_min"]
    fn scatter_min(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_rows(it, Combine::Min, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Applies sparse `updates` to individual values or slices in a Variable.
    python ["tf.compat.v1.scatter_nd_update"]
    fn scatter_nd_update(it, r#ref, indices, updates, use_locking = True, name = None) {
        compat_nd(it, Combine::Update, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Applies sparse addition to individual values or slices in a Variable.
    python ["tf.compat.v1.scatter_nd_add"]
    fn scatter_nd_add(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_nd(it, Combine::Add, &r#ref, &indices, &updates)
    }
}

crate::builtin! {
    /// Applies sparse subtraction to individual values or slices in a Variable.
    python ["tf.compat.v1.scatter_nd_sub"]
    fn scatter_nd_sub(it, r#ref, indices, updates, use_locking = False, name = None) {
        compat_nd(it, Combine::Sub, &r#ref, &indices, &updates)
    }
}
