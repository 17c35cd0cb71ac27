//! What the unpickler does with the globals it finds: numpy arrays rebuilt as numpy
//! pickles them (`numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')` and a
//! `BUILD` with `(version, shape, dtype, is_fortran, data)`; protocol 5's
//! `numpy.core.numeric._frombuffer`; scalars by `numpy.core.multiarray.scalar`), dtypes
//! (`numpy.dtype('f8', False, True)` and its `BUILD` with the byte order), `_codecs.encode`
//! (how protocol 2 writes bytes) and the builtin types, called. Anything else is a class
//! tensh's pickle does not rebuild, and the error says so.

use super::read::Item;
use super::{unpickling_error, Known};
use crate::api::np_object::{object_dtype, ObjArray};
use crate::errors::ExcKind;
use crate::eval::error::{raise, Flow, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::cell::RefCell;
use std::rc::Rc;

/// A numpy object between its `REDUCE` and its `BUILD`.
pub(crate) enum Pending {
    /// An array; `Some` once its state is set.
    Array(Option<Value>),
    /// A dtype: its type code (`f8`, `O8`) and, once built, its byte order.
    Dtype { code: String, order: char },
}

/// What a dtype code and byte order hold: a tensor dtype with its byte order (big
/// endian?), or the object dtype (None).
fn dtype_of(code: &str, order: char) -> R<Option<(DType, bool)>> {
    if code.starts_with('O') {
        return Ok(None);
    }
    let order = if order == '=' || order == '|' {
        '<'
    } else {
        order
    };
    match crate::api::npy::dtype_of(&format!("{}{}", order, code)) {
        Some(d) => Ok(Some(d)),
        None => raise(
            ExcKind::TypeError,
            format!("tensh cannot hold numpy arrays of dtype '{}'", code),
        ),
    }
}

/// A big-endian dtype read from a pickle: it says how the array's bytes that follow are
/// ordered (tensh's arrays are native, so the array itself is converted).
pub(crate) struct BigEndian(DType);

impl crate::eval::value::Object for BigEndian {
    fn type_name(&self) -> String {
        "dtype".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!(
            "dtype('>{}')",
            &crate::api::npy::descr(self.0)[1..]
        ))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A class a pickle names as a value (`numpy.ndarray` in `_reconstruct`'s arguments).
pub(crate) struct GlobalRef(String);

impl crate::eval::value::Object for GlobalRef {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, _: &Value, _: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<class '{}'>", self.0))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The error for a class whose instances tensh's pickle does not rebuild.
pub(super) fn instance_error(_it: &mut Interp, cls: &Item) -> Flow {
    let name = match cls {
        Item::Global(Known::Class(path)) => path.clone(),
        Item::Global(Known::Callable(path, _)) => path.clone(),
        _ => "an object".to_string(),
    };
    unpickling_error(format!(
        "tensh's pickle rebuilds builtin values and numpy arrays, not instances of {}",
        name
    ))
}

/// A stack item as a Python value.
pub(super) fn to_value(it: &mut Interp, item: Item) -> R<Value> {
    match item {
        Item::V(v) => Ok(v),
        Item::Pending(p) => match &*p.borrow() {
            Pending::Array(Some(v)) => Ok(v.clone()),
            Pending::Array(None) => Ok(Value::ndarray(Tensor::from_vec(&[0], Vec::<f64>::new()))),
            Pending::Dtype { code, order } => match dtype_of(code, *order)? {
                None => Ok(object_dtype()),
                Some((d, true)) if d.size_bytes() > 1 => Ok(Value::Object(Rc::new(BigEndian(d)))),
                Some((d, _)) => Ok(Value::Object(Rc::new(crate::api::objects::NpDType(d)))),
            },
        },
        Item::Global(Known::Callable(_, v)) => Ok(v),
        Item::Global(g) => {
            let _ = it;
            Ok(Value::Object(Rc::new(GlobalRef(g.path()))))
        }
    }
}

fn str_arg(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        Value::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

/// Raw array bytes from a state's data: bytes, a bytearray, or a `str` (a Python 2 string
/// read with `encoding='latin1'`, which numpy encodes back).
fn raw_bytes(v: &Value) -> R<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::ByteArray(b) => Ok(b.borrow().clone()),
        Value::Str(s) => s
            .chars()
            .map(|c| u8::try_from(c as u32).ok())
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| {
                crate::eval::error::err(
                    ExcKind::UnicodeEncodeError,
                    "'latin-1' codec can't encode characters: ordinal not in range(256)",
                )
            }),
        _ => Err(crate::eval::error::type_err(
            "a bytes-like object is required",
        )),
    }
}

fn shape_of(v: &Value) -> R<Vec<usize>> {
    let items = match v {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().clone(),
        Value::Int(_) => vec![v.clone()],
        _ => return Err(unpickling_error("a numpy array's shape must be a tuple")),
    };
    items
        .iter()
        .map(|d| match d {
            Value::Int(i) if *i >= 0 => Ok(*i as usize),
            _ => Err(unpickling_error("a numpy array's shape must hold sizes")),
        })
        .collect()
}

/// The number of elements of a shape, which must not overflow.
fn count(shape: &[usize]) -> R<usize> {
    shape
        .iter()
        .try_fold(1usize, |a, &d| a.checked_mul(d))
        .ok_or_else(|| crate::eval::error::err(ExcKind::ValueError, "array is too big."))
}

/// A numeric array of `shape` from raw bytes, in C or Fortran order.
fn array_from(shape: &[usize], d: DType, big: bool, fortran: bool, data: &[u8]) -> R<Value> {
    crate::tensor::alloc::check(shape, d, "pickle").map_err(crate::api::numpy::np_err)?;
    let n = count(shape)?;
    if Some(data.len()) != n.checked_mul(d.size_bytes()) {
        return raise(ExcKind::ValueError, "buffer size does not match array size");
    }
    if fortran && shape.len() > 1 {
        let rev: Vec<usize> = shape.iter().rev().copied().collect();
        let t = crate::tensor::bytes::from_bytes(d, &rev, data, big);
        let perm: Vec<i64> = (0..shape.len() as i64).rev().collect();
        let t = crate::tensor::ops::shape::transpose(&t, Some(&perm))?.contiguous();
        return Ok(Value::ndarray(t));
    }
    Ok(Value::ndarray(crate::tensor::bytes::from_bytes(
        d, shape, data, big,
    )))
}

/// An array from its state's parts.
fn make_array(
    it: &mut Interp,
    shape: &[usize],
    code: &str,
    order: char,
    fortran: bool,
    data: &Value,
) -> R<Value> {
    match dtype_of(code, order)? {
        None => {
            let items = match data {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.to_vec(),
                _ => return Err(unpickling_error("an object array's state must be a list")),
            };
            let n = count(shape)?;
            if items.len() != n {
                return raise(ExcKind::ValueError, "object pickle not returning list");
            }
            if fortran && shape.len() > 1 {
                // Fortran order: the items are the transpose's, in C order.
                let rev: Vec<usize> = shape.iter().rev().copied().collect();
                let a = ObjArray::value(rev, items);
                return it.get_attr(&a, "T");
            }
            Ok(ObjArray::value(shape.to_vec(), items))
        }
        Some((d, big)) => array_from(shape, d, big, fortran, &raw_bytes(data)?),
    }
}

/// `f(*args)` for a global found by the unpickler.
pub(super) fn call(it: &mut Interp, f: Item, args: Vec<Value>) -> R<Item> {
    let Item::Global(g) = f else {
        return Err(crate::eval::error::type_err(
            "the REDUCE callable is not callable",
        ));
    };
    match g {
        Known::Reconstruct => Ok(Item::Pending(Rc::new(RefCell::new(Pending::Array(None))))),
        Known::Dtype => {
            let code = args
                .first()
                .and_then(str_arg)
                .ok_or_else(|| unpickling_error("numpy.dtype needs a type code"))?;
            Ok(Item::Pending(Rc::new(RefCell::new(Pending::Dtype {
                code,
                order: '=',
            }))))
        }
        Known::Ndarray => Err(unpickling_error(
            "tensh's pickle rebuilds numpy arrays through _reconstruct only",
        )),
        Known::Scalar | Known::FromBuffer | Known::CodecsEncode => {
            // These take a dtype object; the REDUCE gives it converted, so look at the raw
            // values: the dtype arrives as a Value made from a pending dtype.
            call_values(it, g, args)
        }
        Known::Callable(_, v) => Ok(Item::V(it.call(&v, Args::new(args))?)),
        Known::Class(_) => Err(instance_error(it, &Item::Global(g))),
    }
}

/// The dtype code and order of a dtype value (as `to_value` made it).
fn dtype_value(v: &Value) -> R<(String, char)> {
    if crate::api::np_object::is_object_dtype(v) {
        return Ok(("O8".into(), '|'));
    }
    if let Some(b) = v.as_object::<BigEndian>() {
        let code = crate::api::npy::descr(b.0);
        return Ok((code[1..].to_string(), '>'));
    }
    match v.as_object::<crate::api::objects::NpDType>() {
        Some(d) => {
            let code = crate::api::npy::descr(d.0);
            Ok((code[1..].to_string(), code.chars().next().unwrap_or('<')))
        }
        None => Err(unpickling_error("expected a numpy dtype")),
    }
}

fn call_values(it: &mut Interp, g: Known, args: Vec<Value>) -> R<Item> {
    match g {
        Known::Scalar => {
            let (code, order) = dtype_value(args.first().unwrap_or(&Value::None))?;
            let data = args.get(1).cloned().unwrap_or(Value::None);
            if code.starts_with('O') {
                return Ok(Item::V(data));
            }
            Ok(Item::V(make_array(it, &[], &code, order, false, &data)?))
        }
        Known::FromBuffer => {
            let data = args.first().cloned().unwrap_or(Value::None);
            let (code, order) = dtype_value(args.get(1).unwrap_or(&Value::None))?;
            let shape = shape_of(args.get(2).unwrap_or(&Value::None))?;
            let fortran = matches!(args.get(3), Some(Value::Str(s)) if &**s == "F");
            Ok(Item::V(make_array(
                it, &shape, &code, order, fortran, &data,
            )?))
        }
        _ => {
            // _codecs.encode(text, 'latin1'): protocol 2's bytes.
            let text = match args.first() {
                Some(Value::Str(s)) => s.to_string(),
                _ => {
                    return Err(crate::eval::error::type_err(
                        "encode() argument must be str",
                    ))
                }
            };
            let codec = args
                .get(1)
                .and_then(str_arg)
                .unwrap_or_else(|| "utf-8".into());
            let bytes = match codec.to_ascii_lowercase().replace('_', "-").as_str() {
                "latin1" | "latin-1" | "iso-8859-1" => raw_bytes(&Value::str(&text))?,
                _ => text.into_bytes(),
            };
            Ok(Item::V(Value::Bytes(Rc::from(bytes.as_slice()))))
        }
    }
}

/// `BUILD`: a pending array's or dtype's state.
pub(super) fn build(it: &mut Interp, target: &Item, state: Value) -> R<()> {
    let Item::Pending(p) = target else {
        return Err(unpickling_error(
            "tensh's pickle sets the state of numpy arrays and dtypes only",
        ));
    };
    let parts = match &state {
        Value::Tuple(t) => t.to_vec(),
        _ => return Err(unpickling_error("a numpy state must be a tuple")),
    };
    let pending = std::mem::replace(&mut *p.borrow_mut(), Pending::Array(None));
    let done = match pending {
        Pending::Dtype { code, .. } => {
            let order = match parts.get(1) {
                Some(Value::Str(s)) => s.chars().next().unwrap_or('='),
                Some(Value::Bytes(b)) => b.first().map(|&c| c as char).unwrap_or('='),
                _ => '=',
            };
            if parts.get(3).is_some_and(|v| !matches!(v, Value::None)) {
                return raise(
                    ExcKind::TypeError,
                    "tensh cannot hold numpy arrays of structured dtypes",
                );
            }
            Pending::Dtype { code, order }
        }
        Pending::Array(_) => {
            // (version, shape, dtype, is_fortran, data), or the old form without version.
            let parts = if parts.len() == 5 {
                &parts[1..]
            } else {
                &parts[..]
            };
            let [shape, dtype, fortran, data] = parts else {
                return Err(unpickling_error("a numpy array's state has 4 or 5 parts"));
            };
            let shape = shape_of(shape)?;
            let (code, order) = dtype_value(dtype)?;
            let fortran = it.truthy(fortran)?;
            Pending::Array(Some(make_array(it, &shape, &code, order, fortran, data)?))
        }
    };
    *p.borrow_mut() = done;
    Ok(())
}
