//! Assigning to a slice of a variable: `v[1:].assign(x)`, `v[0, ::2].assign(x)`. As in
//! TensorFlow, indexing a variable gives a plain tensor that also has an `assign(value,
//! name=None)` method writing `value` (broadcast to the slice's shape) back into the
//! variable's elements the slice came from.
//!
//! A tensor does not carry that method itself: the slices of variables made lately are
//! remembered here by tensor identity (a few dozen, the newest kept), which covers the
//! `v[...].assign(...)` idiom and a slice kept in a name for a while.

use super::convert::to_tensor;
use crate::eval::error::R;
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::op_error;
use crate::tensor::ops::index::{strided_slice, Index};
use crate::tensor::{Elem, Tensor};
use crate::with_data;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many recent slices keep their `assign`.
const REMEMBERED: usize = 32;

struct SliceOf {
    tensor_id: u64,
    var: Rc<Variable>,
    index: Vec<Index>,
}

thread_local! {
    static SLICES: RefCell<VecDeque<SliceOf>> = const { RefCell::new(VecDeque::new()) };
}

/// Notes that `out` is `var[index]`.
pub(crate) fn remember(var: &Rc<Variable>, index: &[Index], out: &Tensor) {
    SLICES.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= REMEMBERED {
            s.pop_front();
        }
        s.push_back(SliceOf {
            tensor_id: out.id(),
            var: var.clone(),
            index: index.to_vec(),
        });
    });
}

fn lookup(t: &Tensor) -> Option<(Rc<Variable>, Vec<Index>)> {
    SLICES.with(|s| {
        s.borrow()
            .iter()
            .rev()
            .find(|e| e.tensor_id == t.id())
            .map(|e| (e.var.clone(), e.index.clone()))
    })
}

/// A tensor's `assign`, when it is a remembered slice of a variable.
pub(crate) fn tensor_attr(v: &Value, t: &Tensor, name: &str) -> Option<Value> {
    if name != "assign" || lookup(t).is_none() {
        return None;
    }
    Some(Value::method(v.clone(), "assign", slice_assign))
}

/// `x` can broadcast to `shape` (without growing it).
fn broadcasts_to(x: &[usize], shape: &[usize]) -> bool {
    x.len() <= shape.len()
        && x.iter()
            .rev()
            .zip(shape.iter().rev())
            .all(|(&a, &b)| a == b || a == 1)
}

/// `cur` with the elements at flat positions `pos` replaced by `x`'s (same dtype, one each).
pub(crate) fn put_flat(cur: &Tensor, pos: &[i64], x: &Tensor) -> Tensor {
    fn go<T: Elem>(a: &ndarray::ArcArray<T, ndarray::IxDyn>, pos: &[i64], x: &Tensor) -> Tensor {
        let mut v: Vec<T> = a.iter().copied().collect();
        if let Some(xs) = x.array::<T>() {
            for (&p, &e) in pos.iter().zip(xs.iter()) {
                if let Some(slot) = v.get_mut(p as usize) {
                    *slot = e;
                }
            }
        }
        Tensor::from_vec(a.shape(), v)
    }
    with_data!(&cur.data, a => go(a, pos, x))
}

/// The flat positions of `var[index]`'s elements, in the slice's shape.
pub(crate) fn positions(cur: &Tensor, index: &[Index]) -> R<Tensor> {
    let n = cur.size() as i64;
    let iota = Tensor::from_vec(cur.shape(), (0..n).collect::<Vec<i64>>());
    Ok(strided_slice(&iota, index)?)
}

/// The variable an assignment returns: the same storage, read when shown.
pub(crate) fn unread(var: &Variable) -> Value {
    Value::Variable(Rc::new(Variable {
        name: RefCell::new("UnreadVariable".into()),
        value: var.value.clone(),
        trainable: var.trainable,
        id: 0,
        autocast: var.autocast,
    }))
}

/// `v[...].assign(value, name=None)`.
fn slice_assign(it: &mut Interp, recv: &Value, _name: &'static str, args: Args) -> R<Value> {
    let [value, _name] = args.bind("strided_slice.<locals>.assign", ["val", "name=None"])?;
    let Some((var, index)) = crate::eval::value::tensor_of(recv).and_then(|t| lookup(&t)) else {
        return Ok(Value::None);
    };
    let cur = var.value.borrow().clone();
    let x = to_tensor(it, &value.unwrap_or(Value::None), Some(cur.dtype()))?;
    let pos = positions(&cur, &index)?;
    if !broadcasts_to(x.shape(), pos.shape()) {
        return Err(op_error(
            "ResourceStridedSliceAssign",
            "ResourceStridedSliceAssign",
            format!(
                "Cannot broadcast input shape {} into final shape {}",
                shape_brackets(x.shape()),
                shape_brackets(pos.shape())
            ),
            Some("strided_slice/_assign"),
        )
        .into());
    }
    let x = crate::tensor::ops::shape::broadcast_to(&x, pos.shape())?;
    var.set(put_flat(&cur, &pos.to_i64_vec(), &x));
    Ok(unread(&var))
}
