//! numpy object arrays (`dtype=object`): arrays whose elements are arbitrary Python values,
//! as `np.array([[1, 2], [3]], dtype=object)` makes them and as Keras's imdb and reuters
//! loaders return them (arrays of lists). An [`ObjArray`] holds its elements in C order
//! with its shape; it is a `Value::Object`, an `np.ndarray` to `type` and `isinstance`.
//!
//! | file | owns |
//! |---|---|
//! | `mod.rs` | the array, its construction from nested sequences, its attributes and methods |
//! | `index.rs` | indexing: ints, slices, integer arrays and boolean masks; item assignment |
//! | `format.rs` | `repr`/`str` as numpy prints object arrays |
//! | `dtype.rs` | the `dtype('O')` value |

mod dtype;
mod format;
mod index;

pub(crate) use dtype::{is_object_dtype, object_dtype};

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{scalar_value, Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// numpy's limit on the number of dimensions.
const MAX_DIMS: usize = 32;

/// An object array: its elements in C order and its shape.
pub(crate) struct ObjArray {
    pub items: RefCell<Vec<Value>>,
    pub shape: Vec<usize>,
}

impl ObjArray {
    /// A new array value; `items.len()` must be the product of `shape`.
    pub(crate) fn value(shape: Vec<usize>, items: Vec<Value>) -> Value {
        Value::Object(Rc::new(ObjArray {
            items: RefCell::new(items),
            shape,
        }))
    }

    pub(crate) fn len(&self) -> usize {
        self.items.borrow().len()
    }

    /// The rows along the first axis: elements of a 1-D array, sub-arrays otherwise.
    pub(crate) fn rows(&self) -> Vec<Value> {
        let items = self.items.borrow();
        match self.shape.as_slice() {
            [] => vec![],
            [_] => items.clone(),
            [n, rest @ ..] => {
                let stride: usize = rest.iter().product();
                (0..*n)
                    .map(|i| {
                        ObjArray::value(rest.to_vec(), items[i * stride..(i + 1) * stride].to_vec())
                    })
                    .collect()
            }
        }
    }

    /// `tolist()`: nested lists of the elements.
    fn tolist(&self) -> Value {
        fn go(items: &[Value], shape: &[usize]) -> Value {
            match shape {
                [] => items.first().cloned().unwrap_or(Value::None),
                [n, rest @ ..] => {
                    let stride: usize = rest.iter().product();
                    Value::list(
                        (0..*n)
                            .map(|i| go(&items[i * stride..(i + 1) * stride], rest))
                            .collect(),
                    )
                }
            }
        }
        go(&self.items.borrow(), &self.shape)
    }
}

/// The object array a value is, if it is one.
pub(crate) fn obj_array(v: &Value) -> Option<&ObjArray> {
    v.as_object::<ObjArray>()
}

/// Whether a value is one level of nesting to numpy's shape discovery, and its items.
fn sequence_items(v: &Value) -> R<Option<Vec<Value>>> {
    Ok(match v {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some(t.to_vec()),
        Value::NdArray(a) if a.ndim() > 0 => Some(
            crate::api::tensor_iter(v)?
                .into_iter()
                .map(|r| match &r {
                    Value::NdArray(a) if a.ndim() == 0 => scalar_value(&a.tensor()),
                    _ => r,
                })
                .collect(),
        ),
        Value::Tensor(t) if t.ndim() > 0 => Some(crate::api::tensor_iter(v)?),
        Value::Object(_) => obj_array(v).map(|a| a.rows()),
        _ => None,
    })
}

/// `np.array(v, dtype=object)`: numpy's shape discovery goes down while every item at a
/// level is a sequence of one common length; what lies below becomes the elements.
pub(crate) fn from_nested(it: &mut Interp, v: &Value) -> R<Value> {
    if let Some(a) = obj_array(v) {
        return Ok(ObjArray::value(a.shape.clone(), a.items.borrow().clone()));
    }
    let mut shape = Vec::new();
    let mut level = vec![v.clone()];
    while shape.len() < MAX_DIMS {
        let mut children = Vec::new();
        let mut common: Option<usize> = None;
        let mut uniform = true;
        for x in &level {
            it.check_interrupt()?;
            match sequence_items(x)? {
                Some(items) if common.is_none_or(|n| n == items.len()) => {
                    common = Some(items.len());
                    children.extend(items);
                }
                _ => {
                    uniform = false;
                    break;
                }
            }
        }
        let Some(n) = common.filter(|_| uniform) else {
            break;
        };
        shape.push(n);
        level = children;
        if level.is_empty() {
            break;
        }
    }
    let size: usize = shape.iter().product();
    if level.len() != size {
        level.truncate(size);
    }
    Ok(ObjArray::value(shape, level))
}

/// One node of numpy's shape discovery: a Python value, or an array known by its shape.
enum Node {
    V(Value),
    Shape(Vec<usize>),
}

/// numpy's error for `np.array` of ragged nested sequences without `dtype=object`: None
/// when the nesting is regular. Arrays inside are looked at through their shapes only, and
/// equal nodes are counted rather than copied, so the walk costs what the Python values do.
pub(crate) fn ragged_error(it: &mut Interp, v: &Value) -> R<Option<String>> {
    let mut shape: Vec<usize> = Vec::new();
    let mut level: Vec<Node> = vec![Node::V(v.clone())];
    loop {
        it.check_interrupt()?;
        let mut children = Vec::new();
        let mut common: Option<usize> = None;
        let mut seqs = 0;
        let mut ragged = false;
        for x in &level {
            let len = match x {
                Node::V(Value::List(l)) => {
                    let l = l.borrow();
                    children.extend(l.iter().cloned().map(Node::V));
                    Some(l.len())
                }
                Node::V(Value::Tuple(t)) => {
                    children.extend(t.iter().cloned().map(Node::V));
                    Some(t.len())
                }
                Node::V(Value::NdArray(a)) if a.ndim() > 0 => {
                    let s = a.tensor().shape().to_vec();
                    children.push(Node::Shape(s[1..].to_vec()));
                    Some(s[0])
                }
                Node::Shape(s) if !s.is_empty() => {
                    children.push(Node::Shape(s[1..].to_vec()));
                    Some(s[0])
                }
                _ => None,
            };
            if let Some(n) = len {
                seqs += 1;
                if common.is_some_and(|c| c != n) {
                    ragged = true;
                }
                common = Some(n);
            }
        }
        if seqs == 0 {
            return Ok(None);
        }
        if seqs != level.len() || ragged {
            return Ok(Some(format!(
                "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
                shape.len(),
                crate::print::shape_tuple(&shape)
            )));
        }
        shape.push(common.unwrap_or(0));
        if children.is_empty() || shape.len() >= MAX_DIMS {
            return Ok(None);
        }
        level = children;
    }
}

/// `np.array(v, dtype=...)` when it makes an object array (`dtype=object`, or an object
/// array without a dtype), or numpy's error for ragged nesting; None: a numeric array.
pub(crate) fn array_of(it: &mut Interp, v: &Value, dtype: &Value) -> R<Option<Value>> {
    if is_object_dtype(dtype) || (matches!(dtype, Value::None) && obj_array(v).is_some()) {
        return from_nested(it, v).map(Some);
    }
    if let Some(a) = obj_array(v) {
        // An object array to a numeric dtype: its elements converted.
        let nested = a.tolist();
        return Ok(Some(Value::ndarray(crate::api::numpy::np_array(
            it,
            &nested,
            Some(dtype.clone()),
        )?)));
    }
    Ok(None)
}

/// numpy's error for `np.array` of ragged nested lists, before converting them.
pub(crate) fn check_ragged(it: &mut Interp, v: &Value) -> R<()> {
    if matches!(v, Value::List(_) | Value::Tuple(_)) {
        if let Some(msg) = ragged_error(it, v)? {
            return raise(ExcKind::ValueError, msg);
        }
    }
    Ok(())
}

/// `np.concatenate(arrays, axis)` when one of the arrays is an object array.
pub(crate) fn concatenate_of(it: &mut Interp, arrays: &Value, axis: &Value) -> R<Option<Value>> {
    if !matches!(arrays, Value::List(_) | Value::Tuple(_)) {
        return Ok(None);
    }
    let items = it.collect_items(arrays)?;
    if !items.iter().any(|a| obj_array(a).is_some()) {
        return Ok(None);
    }
    concatenate(it, &items, axis).map(Some)
}

/// `np.concatenate` of arrays some of which are object arrays: an object array.
pub(crate) fn concatenate(it: &mut Interp, arrays: &[Value], axis: &Value) -> R<Value> {
    let mut parts = Vec::new();
    for a in arrays {
        let v = from_nested(it, a)?;
        let Some(o) = obj_array(&v) else {
            continue;
        };
        parts.push((o.shape.clone(), o.items.borrow().clone()));
    }
    let flat = matches!(axis, Value::None);
    let axis = if flat {
        0
    } else {
        crate::api::convert::i64_arg(axis, "axis")?
    };
    if flat {
        for p in parts.iter_mut() {
            p.0 = vec![p.1.len()];
        }
    }
    let Some(first) = parts.first() else {
        return raise(
            ExcKind::ValueError,
            "need at least one array to concatenate",
        );
    };
    let ndim = first.0.len();
    if ndim == 0 {
        return raise(
            ExcKind::ValueError,
            "zero-dimensional arrays cannot be concatenated",
        );
    }
    let ax = if axis < 0 { axis + ndim as i64 } else { axis };
    if ax < 0 || ax >= ndim as i64 {
        return raise(
            ExcKind::AxisError,
            format!(
                "axis {} is out of bounds for array of dimension {}",
                axis, ndim
            ),
        );
    }
    let ax = ax as usize;
    for (i, (s, _)) in parts.iter().enumerate() {
        if s.len() != ndim {
            return raise(
                ExcKind::ValueError,
                format!(
                    "all the input arrays must have same number of dimensions, but the array at index 0 has {} dimension(s) and the array at index {} has {} dimension(s)",
                    ndim,
                    i,
                    s.len()
                ),
            );
        }
        for (d, (&mine, &theirs)) in s.iter().zip(&first.0).enumerate() {
            if d != ax && mine != theirs {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {}, the array at index 0 has size {} and the array at index {} has size {}",
                        d, theirs, i, mine
                    ),
                );
            }
        }
    }
    let outer: usize = first.0[..ax].iter().product();
    let mut shape = first.0.clone();
    shape[ax] = parts.iter().map(|p| p.0[ax]).sum();
    let mut items = Vec::new();
    for o in 0..outer {
        for (s, v) in &parts {
            let chunk: usize = s[ax..].iter().product();
            items.extend_from_slice(&v[o * chunk..(o + 1) * chunk]);
        }
    }
    Ok(ObjArray::value(shape, items))
}

const METHODS: [&str; 16] = [
    "__getitem__",
    "__setitem__",
    "__eq__",
    "__ne__",
    "__add__",
    "__radd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "tolist",
    "copy",
    "reshape",
    "flatten",
    "ravel",
    "astype",
];

fn method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(a) = obj_array(this) else {
        return Ok(Value::None);
    };
    match name {
        "__getitem__" => {
            let [key] = args.bind("__getitem__", ["key"])?;
            index::get(it, a, &key.unwrap_or(Value::None))
        }
        "__setitem__" => {
            let [key, value] = args.bind("__setitem__", ["key", "value"])?;
            index::set(
                it,
                a,
                &key.unwrap_or(Value::None),
                value.unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        }
        "__eq__" | "__ne__" => {
            let [other] = args.bind(name, ["other"])?;
            elementwise_eq(it, a, &other.unwrap_or(Value::None), name == "__ne__")
        }
        "__add__" | "__radd__" | "__sub__" | "__rsub__" | "__mul__" | "__rmul__" => {
            use crate::syntax::ast::BinOp;
            let [other] = args.bind(name, ["other"])?;
            let op = match &name[2..5] {
                "add" | "rad" => BinOp::Add,
                "sub" | "rsu" => BinOp::Sub,
                _ => BinOp::Mul,
            };
            let reflected = name.starts_with("__r");
            elementwise(it, a, &other.unwrap_or(Value::None), op, reflected)
        }
        "tolist" => Ok(a.tolist()),
        "copy" => Ok(ObjArray::value(a.shape.clone(), a.items.borrow().clone())),
        "flatten" | "ravel" => Ok(ObjArray::value(vec![a.len()], a.items.borrow().clone())),
        "reshape" => {
            let spec = match args.pos.as_slice() {
                [one] => one.clone(),
                many => Value::tuple(many.to_vec()),
            };
            let dims = crate::api::convert::int_list(it, &spec, "shape")?;
            let shape = resolve_shape(&dims, a.len())?;
            Ok(ObjArray::value(shape, a.items.borrow().clone()))
        }
        _ => {
            let [dt] = args.bind("astype", ["dtype"])?;
            let dt = dt.unwrap_or(Value::None);
            if is_object_dtype(&dt) {
                return Ok(ObjArray::value(a.shape.clone(), a.items.borrow().clone()));
            }
            let nested = a.tolist();
            let t = crate::api::numpy::np_array(it, &nested, Some(dt))?;
            Ok(Value::ndarray(t))
        }
    }
}

/// A reshape's target, with one `-1` inferred; numpy's error when the sizes differ.
fn resolve_shape(dims: &[i64], size: usize) -> R<Vec<usize>> {
    let known: i64 = dims.iter().filter(|&&d| d >= 0).product();
    let unknown = dims.iter().filter(|&&d| d < 0).count();
    let bad = || {
        let shown: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
        let shape = match shown.as_slice() {
            [one] => format!("({},)", one),
            many => format!("({})", many.join(", ")),
        };
        raise(
            ExcKind::ValueError,
            format!("cannot reshape array of size {} into shape {}", size, shape),
        )
    };
    if unknown > 1 {
        return raise(
            ExcKind::ValueError,
            "can only specify one unknown dimension",
        );
    }
    let out: Vec<usize> = if unknown == 1 {
        if known == 0 || size as i64 % known != 0 {
            return bad();
        }
        dims.iter()
            .map(|&d| {
                if d < 0 {
                    (size as i64 / known) as usize
                } else {
                    d as usize
                }
            })
            .collect()
    } else {
        dims.iter().map(|&d| d as usize).collect()
    };
    if out.iter().try_fold(1usize, |a, &d| a.checked_mul(d)) != Some(size) {
        return bad();
    }
    Ok(out)
}

/// The other operand's elements against `a`'s: an object array of the same shape (or of
/// one element), or one value for all; numpy's broadcast error otherwise.
fn operand(a: &ObjArray, other: &Value) -> R<Vec<Value>> {
    let n = a.len();
    match obj_array(other) {
        Some(o) if o.shape == a.shape => Ok(o.items.borrow().clone()),
        Some(o) if o.len() == 1 => Ok(vec![o.items.borrow()[0].clone(); n]),
        Some(o) => raise(
            ExcKind::ValueError,
            format!(
                "operands could not be broadcast together with shapes {} {} ",
                crate::tensor::np_array::shape_str(&a.shape),
                crate::tensor::np_array::shape_str(&o.shape)
            ),
        ),
        None => Ok(vec![other.clone(); n]),
    }
}

/// `a + b`, `a - b`, `a * b`: the operator applied to each pair of elements.
fn elementwise(
    it: &mut Interp,
    a: &ObjArray,
    other: &Value,
    op: crate::syntax::ast::BinOp,
    reflected: bool,
) -> R<Value> {
    let mine = a.items.borrow().clone();
    let theirs = operand(a, other)?;
    let mut out = Vec::with_capacity(mine.len());
    for (x, y) in mine.iter().zip(&theirs) {
        it.check_interrupt()?;
        out.push(if reflected {
            it.binary(op, y, x)?
        } else {
            it.binary(op, x, y)?
        });
    }
    Ok(ObjArray::value(a.shape.clone(), out))
}

/// `a == b` elementwise against another object array of the same shape or one value.
fn elementwise_eq(it: &mut Interp, a: &ObjArray, other: &Value, negate: bool) -> R<Value> {
    let mine = a.items.borrow().clone();
    let theirs = operand(a, other)?;
    let mut out = Vec::with_capacity(mine.len());
    for (x, y) in mine.iter().zip(&theirs) {
        let eq = it.compare(crate::syntax::ast::CmpOp::Eq, x, y)?;
        out.push(it.truthy(&eq)? != negate);
    }
    Ok(Value::ndarray(crate::tensor::Tensor::from_vec(
        &a.shape, out,
    )))
}

impl Object for ObjArray {
    fn type_name(&self) -> String {
        "ndarray".into()
    }

    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "shape" => Value::tuple(self.shape.iter().map(|&d| Value::Int(d as i64)).collect()),
            "dtype" => object_dtype(),
            "ndim" => Value::Int(self.shape.len() as i64),
            "size" => Value::Int(self.len() as i64),
            "itemsize" => Value::Int(8),
            "nbytes" => Value::Int(8 * self.len() as i64),
            "T" => {
                let rows = self.shape.len();
                if rows < 2 {
                    return Ok(Some(this.clone()));
                }
                let perm: Vec<usize> = (0..rows).rev().collect();
                index::permuted(self, &perm)
            }
            "__len__" if !self.shape.is_empty() => {
                Value::method(this.clone(), "__len__", |_, this, _, _| {
                    Ok(Value::Int(obj_array(this).map_or(0, |a| a.shape[0]) as i64))
                })
            }
            _ => match METHODS.iter().find(|m| **m == name) {
                Some(m) => Value::method(this.clone(), m, method),
                None => return Ok(None),
            },
        }))
    }

    fn repr(&self, it: &mut Interp) -> R<String> {
        format::repr(it, self)
    }

    fn str(&self, it: &mut Interp) -> R<String> {
        format::str(it, self)
    }

    fn items(&self) -> Option<Vec<Value>> {
        if self.shape.is_empty() {
            return None;
        }
        Some(self.rows())
    }

    fn attr_names(&self) -> Vec<String> {
        let mut v: Vec<String> = ["shape", "dtype", "ndim", "size", "T"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(
            METHODS
                .iter()
                .filter(|m| !m.starts_with("__"))
                .map(|m| m.to_string()),
        );
        v
    }

    fn class_path(&self) -> Option<String> {
        Some("numpy.ndarray".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
