//! What decides whether a `tf.function` call can reuse a trace: the trace type of each
//! argument, as TensorFlow 2.15 computes it. Tensors and numpy arrays count by dtype and
//! shape (one variable is as good as another of the same dtype and shape); Python numbers
//! and strings by value (`1`, `1.0` and `True` are one value, as they hash alike); lists,
//! tuples and dicts by structure; any other object by identity. A `TensorSpec` of an
//! `input_signature` ([`Spec`]) fixes the type instead.

use super::symbolic::GraphTensor;
use crate::api::convert::dtype_arg;
use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::DType;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    Tensor(DType, Vec<Option<usize>>),
    /// A tensor of any shape (a `TensorSpec` of unknown rank).
    AnyTensor(DType),
    Variable(DType, Vec<usize>),
    Number(f64),
    Str(String),
    None,
    List(Vec<Key>),
    Tuple(Vec<Key>),
    Dict(Vec<(String, Key)>),
    Id(usize),
}

/// The trace type of an argument.
pub fn key_of(v: &Value, depth: u8) -> Key {
    if let Some(t) = tensor_arg(v) {
        return Key::Tensor(t.dtype(), t.shape().iter().map(|&d| Some(d)).collect());
    }
    if let Some(g) = v.as_object::<GraphTensor>() {
        return Key::Tensor(g.shadow.dtype(), g.shape.clone());
    }
    match v {
        Value::Variable(var) => {
            let t = var.value.borrow();
            Key::Variable(t.dtype(), t.shape().to_vec())
        }
        Value::Int(i) => Key::Number(*i as f64),
        Value::Float(f) => Key::Number(*f),
        Value::Bool(b) => Key::Number(*b as i64 as f64),
        Value::Str(s) => Key::Str(s.to_string()),
        Value::None => Key::None,
        Value::List(l) if depth > 0 => {
            Key::List(l.borrow().iter().map(|x| key_of(x, depth - 1)).collect())
        }
        Value::Tuple(t) if depth > 0 => {
            Key::Tuple(t.iter().map(|x| key_of(x, depth - 1)).collect())
        }
        Value::Dict(d) if depth > 0 => {
            let d = d.borrow();
            Key::Dict(
                d.keys
                    .iter()
                    .zip(d.values.iter())
                    .map(|(k, x)| (format!("{:?}", key_of(k, 0)), key_of(x, depth - 1)))
                    .collect(),
            )
        }
        Value::Object(o) => match o.as_tuple() {
            Some(items) if depth > 0 => {
                Key::Tuple(items.iter().map(|x| key_of(x, depth - 1)).collect())
            }
            _ => Key::Id(Rc::as_ptr(o) as *const () as usize),
        },
        Value::Instance(i) => Key::Id(Rc::as_ptr(i) as *const () as usize),
        Value::Function(f) => Key::Id(Rc::as_ptr(f) as *const () as usize),
        Value::Module(m) => Key::Id(Rc::as_ptr(m) as *const () as usize),
        other => Key::Str(format!("{:?}", std::mem::discriminant(other))),
    }
}

/// A tensor argument's value: tensors and numpy arrays (which a trace takes as tensors).
pub fn tensor_arg(v: &Value) -> Option<crate::tensor::Tensor> {
    match v {
        Value::Tensor(t) => Some(t.clone()),
        Value::NdArray(_) => v.as_ndarray(),
        _ => None,
    }
}

/// Whether a trace made for `traced` serves a call of type `call`: equal, except that a
/// dim the trace left open (None) takes any size.
pub fn serves(traced: &Key, call: &Key) -> bool {
    match (traced, call) {
        (Key::Tensor(d1, s1), Key::Tensor(d2, s2)) => {
            d1 == d2
                && s1.len() == s2.len()
                && s1.iter().zip(s2).all(|(a, b)| a.is_none() || a == b)
        }
        (Key::AnyTensor(d1), Key::Tensor(d2, _)) => d1 == d2,
        (Key::List(a), Key::List(b)) | (Key::Tuple(a), Key::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| serves(x, y))
        }
        (Key::Dict(a), Key::Dict(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((k1, x), (k2, y))| k1 == k2 && serves(x, y))
        }
        (a, b) => a == b,
    }
}

/// The type with the first dimension of every tensor in it unknown: what Keras's step
/// functions are traced on when batches differ in size.
pub fn open_batch(k: &Key) -> Key {
    match k {
        Key::Tensor(d, s) if !s.is_empty() => {
            let mut s = s.clone();
            s[0] = None;
            Key::Tensor(*d, s)
        }
        Key::List(x) => Key::List(x.iter().map(open_batch).collect()),
        Key::Tuple(x) => Key::Tuple(x.iter().map(open_batch).collect()),
        Key::Dict(x) => Key::Dict(x.iter().map(|(n, k)| (n.clone(), open_batch(k))).collect()),
        other => other.clone(),
    }
}

/// The most specific type serving both (for `reduce_retracing`): dims that differ open
/// up. None when the two differ in more than tensor dims.
pub fn generalize(a: &Key, b: &Key) -> Option<Key> {
    Some(match (a, b) {
        (Key::Tensor(d1, s1), Key::Tensor(d2, s2)) if d1 == d2 && s1.len() == s2.len() => {
            Key::Tensor(
                *d1,
                s1.iter()
                    .zip(s2)
                    .map(|(x, y)| if x == y { *x } else { None })
                    .collect(),
            )
        }
        (Key::List(x), Key::List(y)) if x.len() == y.len() => Key::List(
            x.iter()
                .zip(y)
                .map(|(p, q)| generalize(p, q))
                .collect::<Option<Vec<_>>>()?,
        ),
        (Key::Tuple(x), Key::Tuple(y)) if x.len() == y.len() => Key::Tuple(
            x.iter()
                .zip(y)
                .map(|(p, q)| generalize(p, q))
                .collect::<Option<Vec<_>>>()?,
        ),
        (x, y) if x == y => x.clone(),
        _ => return None,
    })
}

/// A call's arguments bound to the Python function's parameters, in order, with defaults
/// filled in (TensorFlow traces `f(x)`, `f(x=x)` and `f(x, b=2)` alike); the extra
/// positional arguments `*args` takes follow, named by `positional(i)`, then keyword-only
/// and `**kwargs` ones, named by `keyword(name)`. None when the function is not a Python
/// function or the call does not fit it (the call then raises as usual).
pub fn canonical(
    f: &Value,
    args: &Args,
    positional: impl Fn(usize) -> String,
    keyword: impl Fn(&str) -> String,
) -> Option<Vec<(String, Value)>> {
    let Value::Function(func) = f else {
        return None;
    };
    let p = &func.def.params;
    let n = p.positional.len();
    if args.pos.len() > n && p.varargs.is_none() {
        return None;
    }
    let first_default = n.checked_sub(func.defaults.len())?;
    let mut out = Vec::with_capacity(n);
    for (i, param) in p.positional.iter().enumerate() {
        let v = if i < args.pos.len() {
            if args.kw.iter().any(|(k, _)| k == &param.name) {
                return None;
            }
            args.pos[i].clone()
        } else if let Some((_, v)) = args.kw.iter().find(|(k, _)| k == &param.name) {
            v.clone()
        } else if i >= first_default {
            func.defaults[i - first_default].clone()
        } else {
            return None;
        };
        out.push((param.name.clone(), v));
    }
    for (i, v) in args.pos.iter().enumerate().skip(n) {
        out.push((positional(i - n), v.clone()));
    }
    for (k, v) in &args.kw {
        if p.positional.iter().any(|q| &q.name == k) {
            continue;
        }
        if p.kwargs.is_none() && !p.kwonly.iter().any(|q| &q.name == k) {
            return None;
        }
        out.push((keyword(k), v.clone()));
    }
    Some(out)
}

/// One `TensorSpec` of an `input_signature`.
#[derive(Clone)]
pub struct Spec {
    pub dims: Option<Vec<Option<usize>>>,
    pub dtype: DType,
    pub name: Option<String>,
}

impl Spec {
    pub fn repr(&self, name: Option<&str>) -> String {
        let shape = match &self.dims {
            Some(d) => crate::eval::repr::shape_str(&Some(d.clone())),
            None => "<unknown>".into(),
        };
        let name = match name.or(self.name.as_deref()) {
            Some(n) => format!("'{}'", n),
            None => "None".into(),
        };
        format!(
            "TensorSpec(shape={}, dtype=tf.{}, name={})",
            shape,
            self.dtype.name(),
            name
        )
    }

    pub(super) fn from_value(it: &mut Interp, v: &Value) -> R<Spec> {
        let dims = it.get_attr(v, "_dims")?;
        let dtype = dtype_arg(&it.get_attr(v, "_dtype")?)?;
        let name = match it.get_attr(v, "_name")? {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        };
        let dims = match dims {
            Value::None => None,
            Value::Tuple(t) => Some(
                t.iter()
                    .map(|d| match d {
                        Value::Int(n) if *n >= 0 => Some(*n as usize),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        };
        Ok(Spec { dims, dtype, name })
    }

    pub(super) fn key(&self) -> Key {
        match &self.dims {
            Some(d) => Key::Tensor(self.dtype, d.clone()),
            None => Key::AnyTensor(self.dtype),
        }
    }
}
