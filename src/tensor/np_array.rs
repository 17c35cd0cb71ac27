//! numpy's array model: a mutable buffer that views share. An [`NpArray`] is a root buffer
//! and the view operations (basic slicing, axis permutation, reshaping) that lead from it
//! to this array's elements. Reading applies the operations to the root without copying;
//! writing applies the same operations to a mutable view of the root, so every array that
//! shares the root sees the change, as numpy's views do. Tensors read out earlier keep their
//! values: the root is copied on write while such a snapshot shares it.

use super::broadcast::broadcast_shapes;
use super::data::{Data, Tensor};
use super::dtype::Elem;
use super::error::{TResult, TfError};
use crate::errors::ExcKind;
use crate::with_data;
use ndarray::{ArcArray, ArrayViewMut, IxDyn, SliceInfo, SliceInfoElem};
use std::cell::RefCell;
use std::rc::Rc;

/// One step from a root buffer to a view of it.
#[derive(Clone, Debug)]
pub enum ViewOp {
    /// Basic indexing: ints, slices and new axes, resolved against the shape at that step.
    Slice(Rc<[SliceInfoElem]>),
    /// `transpose`: the new order of the axes.
    Permute(Rc<[usize]>),
    /// `reshape` of a C-contiguous view.
    Reshape(Rc<[usize]>),
}

/// A numpy array: its root buffer (always in C order) and the path to its elements.
#[derive(Debug)]
pub struct NpArray {
    root: Rc<RefCell<Data>>,
    ops: Vec<ViewOp>,
    /// A 0-d array made as an array (`np.array(5)`, repr `array(5)`); other 0-d results
    /// (reductions, indexing, `np.float32(2.5)`) are numpy scalars.
    array0: bool,
}

fn value_error(msg: String) -> TfError {
    TfError::new(ExcKind::ValueError, msg)
}

fn busy() -> TfError {
    TfError::new(
        ExcKind::RuntimeError,
        "the array is being written while it is read",
    )
}

/// A shape as numpy writes it in messages: `(3,)`, `(2,3)`.
pub(crate) fn shape_str(s: &[usize]) -> String {
    match s {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn apply<T: Elem>(mut a: ArcArray<T, IxDyn>, ops: &[ViewOp]) -> ArcArray<T, IxDyn> {
    for op in ops {
        a = match op {
            ViewOp::Slice(e) => match SliceInfo::<&[SliceInfoElem], IxDyn, IxDyn>::try_from(&e[..])
            {
                Ok(info) => a.slice_move(info),
                Err(_) => a,
            },
            ViewOp::Permute(p) => a.permuted_axes(IxDyn(p)),
            ViewOp::Reshape(s) => match a.clone().into_shape_with_order(IxDyn(s)) {
                Ok(r) => r,
                Err(_) => {
                    let v: Vec<T> = a.iter().copied().collect();
                    ArcArray::from_shape_vec(IxDyn(s), v).unwrap_or(a)
                }
            },
        };
    }
    a
}

fn apply_mut<'a, T: Elem>(
    mut a: ArrayViewMut<'a, T, IxDyn>,
    ops: &[ViewOp],
) -> TResult<ArrayViewMut<'a, T, IxDyn>> {
    for op in ops {
        a = match op {
            ViewOp::Slice(e) => {
                let info = SliceInfo::<&[SliceInfoElem], IxDyn, IxDyn>::try_from(&e[..])
                    .map_err(|_| value_error("invalid slice".into()))?;
                a.slice_move(info)
            }
            ViewOp::Permute(p) => a.permuted_axes(IxDyn(p)),
            ViewOp::Reshape(s) => a
                .into_shape_with_order(IxDyn(s))
                .map_err(|_| value_error("cannot reshape the view in place".into()))?,
        };
    }
    Ok(a)
}

/// The value to store, broadcast to `target` as numpy broadcasts an assigned value: leading
/// axes of length one beyond the target's rank are dropped first.
fn fit_value<T: Elem>(v: &ArcArray<T, IxDyn>, target: &[usize]) -> TResult<ArcArray<T, IxDyn>> {
    let mut v = v.clone();
    while v.ndim() > target.len() && v.shape()[0] == 1 {
        v = v.index_axis_move(ndarray::Axis(0), 0);
    }
    let ok =
        v.ndim() <= target.len() && broadcast_shapes(v.shape(), target).as_deref() == Some(target);
    if !ok {
        return Err(value_error(format!(
            "could not broadcast input array from shape {} into shape {}",
            shape_str(v.shape()),
            shape_str(target)
        )));
    }
    Ok(v)
}

impl NpArray {
    /// A new array owning `t`'s elements (shared until the first write).
    pub fn new(t: Tensor) -> NpArray {
        let data = if with_data!(&t.data, a => a.is_standard_layout()) {
            t.data.clone()
        } else {
            t.contiguous().data.clone()
        };
        NpArray {
            root: Rc::new(RefCell::new(data)),
            ops: Vec::new(),
            array0: false,
        }
    }

    /// A new array that stays an array when it has no dimensions (`np.array(5)`).
    pub fn new_array(t: Tensor) -> NpArray {
        let mut a = NpArray::new(t);
        a.array0 = true;
        a
    }

    /// Whether this is a 0-d array rather than a numpy scalar.
    pub fn is_array0(&self) -> bool {
        self.array0 && self.ndim() == 0
    }

    /// The elements now, as a tensor that keeps them whatever is written later.
    pub fn tensor(&self) -> Tensor {
        let data = match self.root.try_borrow() {
            Ok(d) => d.clone(),
            // Never borrowed mutably across a read; keep a defined result regardless.
            Err(_) => return Tensor::scalar(0f32),
        };
        if self.ops.is_empty() {
            return Tensor::from_data(data);
        }
        with_data!(data, a => Tensor::from_shared(apply(a, &self.ops)))
    }

    pub fn ndim(&self) -> usize {
        self.tensor().ndim()
    }

    pub fn dtype(&self) -> super::DType {
        self.tensor().dtype()
    }

    /// A view of this array one step further; it shares this array's buffer.
    pub fn view(&self, op: ViewOp) -> NpArray {
        // A view is an array, but integer indexing down to no dimensions is a scalar.
        let array0 = !matches!(op, ViewOp::Slice(_));
        let mut ops = self.ops.clone();
        ops.push(op);
        NpArray {
            root: self.root.clone(),
            ops,
            array0,
        }
    }

    /// This view as an array even with no dimensions left (`squeeze` gives `array(1.)`,
    /// where indexing gives the scalar `1.0`).
    pub fn into_array(mut self) -> NpArray {
        self.array0 = true;
        self
    }

    /// Whether the two arrays share a buffer (`np.shares_memory`, roughly).
    pub fn shares_root(&self, other: &NpArray) -> bool {
        Rc::ptr_eq(&self.root, &other.root)
    }

    /// Stores `value` (already of this array's dtype) into the part of the array that
    /// `elems` (resolved against this array's shape) selects, broadcasting it.
    pub fn assign(&self, elems: &[SliceInfoElem], value: &Tensor) -> TResult<()> {
        let mut root = self.root.try_borrow_mut().map_err(|_| busy())?;
        fn go<T: Elem>(
            a: &mut ArcArray<T, IxDyn>,
            ops: &[ViewOp],
            elems: &[SliceInfoElem],
            value: &Tensor,
        ) -> TResult<()> {
            let v = value
                .array::<T>()
                .ok_or_else(|| value_error("dtype mismatch in assignment".into()))?;
            let view = apply_mut(a.view_mut(), ops)?;
            let info = SliceInfo::<&[SliceInfoElem], IxDyn, IxDyn>::try_from(elems)
                .map_err(|_| value_error("invalid slice".into()))?;
            let mut target = view.slice_move(info);
            let v = fit_value(v, target.shape())?;
            target.assign(&v);
            Ok(())
        }
        with_data!(&mut *root, a => go(a, &self.ops, elems, value))
    }

    /// Stores `values[k]` at flat position `positions[k]` of the array in C order, in
    /// order, so that the last of repeated positions wins as in numpy.
    pub fn store_at(&self, positions: &[usize], values: &Tensor) -> TResult<()> {
        let mut root = self.root.try_borrow_mut().map_err(|_| busy())?;
        fn go<T: Elem>(
            a: &mut ArcArray<T, IxDyn>,
            ops: &[ViewOp],
            positions: &[usize],
            values: &Tensor,
        ) -> TResult<()> {
            let v = values
                .array::<T>()
                .ok_or_else(|| value_error("dtype mismatch in assignment".into()))?;
            let mut view = apply_mut(a.view_mut(), ops)?;
            let shape = view.shape().to_vec();
            let mut idx = vec![0usize; shape.len()];
            for (&p, &x) in positions.iter().zip(v.iter()) {
                let mut rest = p;
                for (d, n) in shape.iter().enumerate().rev() {
                    idx[d] = rest % n.max(&1);
                    rest /= n.max(&1);
                }
                if let Some(slot) = view.get_mut(IxDyn(&idx)) {
                    *slot = x;
                }
            }
            Ok(())
        }
        with_data!(&mut *root, a => go(a, &self.ops, positions, values))
    }
}
