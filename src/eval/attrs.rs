//! Attribute access and subscripts for every value, and the attribute names completion
//! offers. The methods of Python's own containers are in `methods.rs`; tensor-like values go
//! through the hooks `api` installs.

use super::error::{attr_err, key_err, raise, type_err, R};
use super::methods::{
    dict_method, list_method, DICT_METHODS, LIST_METHODS, STR_METHODS, TUPLE_METHODS,
};
use super::sets::{set_method, SET_METHODS};
use super::value::{Args, Module, Value};
use super::Interp;
use crate::errors::ExcKind;

fn find_static(list: &[&'static str], name: &str) -> Option<&'static str> {
    list.iter().copied().find(|m| *m == name)
}

pub(crate) fn no_attr(v: &Value, name: &str) -> super::Flow {
    attr_err(format!(
        "'{}' object has no attribute '{}'",
        v.type_name(),
        name
    ))
}

/// A callable's name for error messages.
pub fn callable_name(v: &Value) -> String {
    match v {
        Value::Builtin(b) => b.name.rsplit('.').next().unwrap_or(&b.name).to_string(),
        Value::Class(c) => c.name.clone(),
        other => other.type_name(),
    }
}

/// Python's normalization of an index against a length.
pub fn norm_index(i: i64, len: usize, what: &str) -> R<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return raise(ExcKind::IndexError, format!("{} index out of range", what));
    }
    Ok(j as usize)
}

/// `slice.indices(len)`: start, stop, step clipped as Python does.
pub fn slice_indices(s: &[Value; 3], len: usize) -> R<(i64, i64, i64)> {
    let get = |v: &Value| -> R<Option<i64>> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(*i)),
            Value::Bool(b) => Ok(Some(*b as i64)),
            Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => Ok(Some(i64::MIN / 2)),
            Value::BigInt(_) => Ok(Some(i64::MAX / 2)),
            Value::Tensor(t) if t.size() == 1 && !t.dtype().is_float() => Ok(t.item_i64()),
            Value::NdArray(a) if a.tensor().size() == 1 && !a.dtype().is_float() => {
                Ok(a.tensor().item_i64())
            }
            _ => Err(type_err(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let n = len as i64;
    let step = get(&s[2])?.unwrap_or(1);
    if step == 0 {
        return raise(ExcKind::ValueError, "slice step cannot be zero");
    }
    let clip = |v: Option<i64>, default: i64, lo: i64, hi: i64| -> i64 {
        match v {
            None => default,
            Some(x) => {
                let x = if x < 0 { x + n } else { x };
                x.clamp(lo, hi)
            }
        }
    };
    if step > 0 {
        Ok((clip(get(&s[0])?, 0, 0, n), clip(get(&s[1])?, n, 0, n), step))
    } else {
        Ok((
            clip(get(&s[0])?, n - 1, -1, n - 1),
            clip(get(&s[1])?, -1, -1, n - 1),
            step,
        ))
    }
}

/// `range(...)[a:b:c]`: another range, as CPython computes it.
fn range_slice(r: &(i64, i64, i64), sl: &[Value; 3]) -> R<Value> {
    let n = super::sequences::range_count(r.0, r.1, r.2);
    let len = usize::try_from(n).unwrap_or(usize::MAX);
    let (a, b, c) = slice_indices(sl, len)?;
    let at = |k: i64| r.0 as i128 + k as i128 * r.2 as i128;
    let step = r.2 as i128 * c as i128;
    match (
        i64::try_from(at(a)),
        i64::try_from(at(b)),
        i64::try_from(step),
    ) {
        (Ok(start), Ok(stop), Ok(step)) => Ok(Value::Range(std::rc::Rc::new((start, stop, step)))),
        _ => raise(
            ExcKind::OverflowError,
            "Python int too large to convert to C ssize_t",
        ),
    }
}

pub fn slice_positions(s: &[Value; 3], len: usize) -> R<Vec<usize>> {
    let (start, stop, step) = slice_indices(s, len)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

impl Interp {
    /// A module attribute built on first use (`tf.data`): its builder runs once.
    pub(crate) fn lazy_attr(&mut self, m: &Module, name: &str) -> Option<Value> {
        let key = format!("{}.{}", m.name, name);
        let build = self.lazy_modules.remove(key.as_str())?;
        build(self);
        m.get(name)
    }

    pub fn get_attr(&mut self, v: &Value, name: &str) -> R<Value> {
        match v {
            Value::Module(m) => m
                .get(name)
                .or_else(|| self.lazy_attr(m, name))
                .or_else(|| (name == "__name__").then(|| Value::str(&m.python_name())))
                .ok_or_else(|| {
                    attr_err(format!(
                        "module '{}' has no attribute '{}'",
                        m.python_name(),
                        name
                    ))
                }),
            Value::Instance(inst) => {
                let inst = inst.clone();
                self.instance_getattr(v, &inst, name)
            }
            Value::Class(c) => {
                let c = c.clone();
                self.class_getattr(&c, name)
            }
            Value::Builtin(b)
                if b.name.rsplit('.').next() == Some("str") && name == "maketrans" =>
            {
                Ok(Value::builtin("maketrans", super::str_more::maketrans))
            }
            Value::Builtin(b) if super::unbound::descriptor(&b.name, name).is_some() => {
                // `str.upper("abc")`, `list.append(l, x)`: the method, receiver first.
                Ok(super::unbound::descriptor(&b.name, name).unwrap_or(Value::None))
            }
            Value::Builtin(b)
                if b.name.rsplit('.').next() == Some("object") && name != "__name__" =>
            {
                super::descr::object_method(name).ok_or_else(|| {
                    attr_err(format!("type object 'object' has no attribute '{}'", name))
                })
            }
            Value::ExcClass(k) if name == "__name__" => Ok(Value::str(k.name())),
            Value::ExcClass(k) if name == "__module__" => Ok(Value::str(k.module())),
            Value::Object(o) => match o.clone().get_attr(v, name, self)? {
                Some(x) => Ok(x),
                None => Err(no_attr(v, name)),
            },
            Value::Iterator(r) => self
                .iterator_attr(v, r, name)
                .ok_or_else(|| no_attr(v, name)),
            Value::Str(_) if name == "encode" => {
                Ok(Value::method(v.clone(), "encode", super::bytes::str_encode))
            }
            Value::Bytes(_) | Value::ByteArray(_) => {
                let extra = matches!(v, Value::ByteArray(_))
                    .then_some(super::bytes::BYTEARRAY_METHODS)
                    .unwrap_or(&[]);
                match find_static(super::bytes::BYTES_METHODS, name)
                    .or_else(|| find_static(extra, name))
                {
                    Some(m) => Ok(Value::method(v.clone(), m, super::bytes::bytes_method)),
                    None => Err(no_attr(v, name)),
                }
            }
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => {
                match super::num_methods::number_attr(v, name) {
                    Some(x) => Ok(x),
                    None => Err(no_attr(v, name)),
                }
            }
            Value::Builtin(b) if super::num_methods::type_attr(&b.name, name).is_some() => {
                Ok(super::num_methods::type_attr(&b.name, name).unwrap_or(Value::None))
            }
            Value::Str(_) => match find_static(STR_METHODS, name) {
                Some(m) => Ok(Value::method(v.clone(), m, super::str_methods::str_method)),
                None => Err(no_attr(v, name)),
            },
            Value::List(_) => match find_static(LIST_METHODS, name) {
                Some(m) => Ok(Value::method(v.clone(), m, list_method)),
                None => Err(no_attr(v, name)),
            },
            Value::Dict(_) if self.object_dunder(v, name)?.is_some() => {
                Ok(self.object_dunder(v, name)?.unwrap_or(Value::None))
            }
            Value::Dict(_) => match find_static(DICT_METHODS, name) {
                Some(m) => Ok(Value::method(v.clone(), m, dict_method)),
                None => Err(no_attr(v, name)),
            },
            Value::Tuple(_) => match find_static(TUPLE_METHODS, name) {
                Some(m) => Ok(Value::method(v.clone(), m, list_method)),
                None => Err(no_attr(v, name)),
            },
            Value::Set(_) => match find_static(SET_METHODS, name) {
                Some(m) => Ok(Value::method(v.clone(), m, set_method)),
                None => Err(no_attr(v, name)),
            },
            Value::Function(f) if f.attrs.borrow().contains_key(name) => {
                Ok(f.attrs.borrow()[name].clone())
            }
            Value::Function(f) => match name {
                "__name__" => Ok(Value::str(&f.def.name)),
                "__qualname__" => Ok(Value::str(&f.qualname)),
                "__doc__" => Ok(match f.def.body.first().map(|s| &s.kind) {
                    Some(crate::syntax::StmtKind::Expr(e)) if !f.def.is_lambda => match &e.kind {
                        crate::syntax::ast::ExprKind::Str(d) => Value::str(d),
                        _ => Value::None,
                    },
                    _ => Value::None,
                }),
                _ => Err(no_attr(v, name)),
            },
            Value::Builtin(b) if name == "__name__" => {
                Ok(Value::str(b.name.rsplit('.').next().unwrap_or(&b.name)))
            }
            // Python's own types and functions (`int`, `len`) live in `builtins`.
            Value::Builtin(b) if name == "__module__" && !b.name.contains('.') => {
                Ok(Value::str("builtins"))
            }
            Value::Slice(s) => match name {
                "start" => Ok(s[0].clone()),
                "stop" => Ok(s[1].clone()),
                "step" => Ok(s[2].clone()),
                _ => Err(no_attr(v, name)),
            },
            Value::Range(r) => match name {
                "start" => Ok(Value::Int(r.0)),
                "stop" => Ok(Value::Int(r.1)),
                "step" => Ok(Value::Int(r.2)),
                _ => Err(no_attr(v, name)),
            },
            _ => match (self.hooks.value_attr)(self, v, name)? {
                Some(x) => Ok(x),
                None => Err(no_attr(v, name)),
            },
        }
    }

    /// A dunder method (`__len__`, `__getitem__`, `__missing__`...) of a native object or
    /// of a dict subclass, if it has one.
    pub(crate) fn object_dunder(&mut self, v: &Value, name: &str) -> R<Option<Value>> {
        match v {
            Value::Instance(_) => Ok(None),
            _ => self.special_method(v, name),
        }
    }

    pub(crate) fn set_attr(&mut self, obj: &Value, name: &str, v: Value) -> R<()> {
        match obj {
            Value::Instance(inst) => {
                let inst = inst.clone();
                self.instance_setattr(obj, &inst, name, v)
            }
            Value::Class(c) => {
                c.dict.borrow_mut().insert(name.to_string(), v);
                Ok(())
            }
            Value::Module(m) => {
                m.set(name, v);
                Ok(())
            }
            Value::Object(o) => {
                if o.clone().set_attr(name, v, self)? {
                    Ok(())
                } else {
                    Err(attr_err(format!(
                        "'{}' object attribute '{}' is read-only",
                        obj.type_name(),
                        name
                    )))
                }
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().insert(name.to_string(), v);
                Ok(())
            }
            _ => Err(no_attr(obj, name)),
        }
    }

    pub(crate) fn get_item(&mut self, obj: &Value, index: &Value) -> R<Value> {
        match (obj, index) {
            (Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(..), _) => {
                self.seq_item(obj, index)
            }
            (Value::Bytes(_) | Value::ByteArray(_), _) => self.bytes_item(obj, index),
            (Value::Dict(d), _) => {
                let got = d.borrow().get(index)?;
                match got {
                    Some(v) => Ok(v),
                    None => match self.object_dunder(obj, "__missing__")? {
                        Some(f) => self.call(&f, Args::new(vec![index.clone()])),
                        None => Err(key_err(index.clone(), self.repr(index)?)),
                    },
                }
            }
            (Value::Instance(_), _) => {
                match self.call_special(obj, "__getitem__", vec![index.clone()])? {
                    Some(r) => Ok(r),
                    None => Err(type_err(format!(
                        "'{}' object is not subscriptable",
                        obj.type_name()
                    ))),
                }
            }
            (Value::Object(_), _) if self.object_dunder(obj, "__getitem__")?.is_some() => {
                let f = self
                    .object_dunder(obj, "__getitem__")?
                    .unwrap_or(Value::None);
                self.call(&f, Args::new(vec![index.clone()]))
            }
            (Value::Object(o), _) => match o.items() {
                Some(items) => self.seq_item(&Value::tuple(items), index),
                None => Err(type_err(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                ))),
            },
            // `C[int]`: a class's `__class_getitem__` (classes deriving `typing.Generic`).
            (Value::Class(c), _) if c.lookup("__class_getitem__").is_some() => {
                let f = c.lookup("__class_getitem__").unwrap_or(Value::None);
                self.call(&f, Args::new(vec![obj.clone(), index.clone()]))
            }
            // `list[int]`: builtin types make generic aliases.
            (Value::Builtin(_), _) => (self.hooks.type_item)(self, obj, index),
            _ => (self.hooks.value_item)(self, obj, index),
        }
    }

    /// `seq[i]` and `seq[a:b:c]` on lists, tuples, strings and ranges; an index touches one
    /// item, a slice only the items it picks.
    fn seq_item(&mut self, obj: &Value, index: &Value) -> R<Value> {
        let what = match obj {
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Str(_) => "string",
            _ => "range object",
        };
        if let Value::Slice(sl) = index {
            return match obj {
                Value::List(l) => {
                    let l = l.borrow();
                    let picked = slice_positions(sl, l.len())?;
                    Ok(Value::list(
                        picked.into_iter().map(|i| l[i].clone()).collect(),
                    ))
                }
                Value::Tuple(t) => {
                    let picked = slice_positions(sl, t.len())?;
                    Ok(Value::tuple(
                        picked.into_iter().map(|i| t[i].clone()).collect(),
                    ))
                }
                Value::Str(s) if s.is_ascii() => {
                    let b = s.as_bytes();
                    let picked = slice_positions(sl, b.len())?;
                    let out: String = picked.into_iter().map(|i| b[i] as char).collect();
                    Ok(Value::str(&out))
                }
                Value::Str(s) => {
                    let chars: Vec<char> = s.chars().collect();
                    let picked = slice_positions(sl, chars.len())?;
                    let out: String = picked.into_iter().map(|i| chars[i]).collect();
                    Ok(Value::str(&out))
                }
                Value::Range(r) => range_slice(r, sl),
                _ => Err(type_err(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                ))),
            };
        }
        let i = self.index_of(index, what)?;
        match obj {
            Value::List(l) => {
                let l = l.borrow();
                Ok(l[norm_index(i, l.len(), what)?].clone())
            }
            Value::Tuple(t) => Ok(t[norm_index(i, t.len(), what)?].clone()),
            Value::Str(s) if s.is_ascii() => {
                let c = s.as_bytes()[norm_index(i, s.len(), what)?] as char;
                Ok(Value::str(c.encode_utf8(&mut [0; 4])))
            }
            Value::Str(s) => {
                let n = s.chars().count();
                let c = s.chars().nth(norm_index(i, n, what)?).unwrap_or_default();
                Ok(Value::str(c.encode_utf8(&mut [0; 4])))
            }
            Value::Range(r) => {
                let n = super::sequences::range_count(r.0, r.1, r.2);
                let j = if i < 0 { i as i128 + n } else { i as i128 };
                if j < 0 || j >= n {
                    return raise(ExcKind::IndexError, "range object index out of range");
                }
                Ok(Value::Int((r.0 as i128 + j * r.2 as i128) as i64))
            }
            _ => Err(type_err(format!(
                "'{}' object is not subscriptable",
                obj.type_name()
            ))),
        }
    }

    /// An integer index from ints, bools and integer scalar tensors.
    pub(crate) fn index_of(&mut self, index: &Value, what: &str) -> R<i64> {
        match index {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => raise(
                ExcKind::IndexError,
                "cannot fit 'int' into an index-sized integer",
            ),
            Value::Tensor(t) if t.ndim() == 0 && !t.dtype().is_float() => {
                Ok(t.item_i64().unwrap_or(0))
            }
            Value::NdArray(a) if a.ndim() == 0 && !a.dtype().is_float() => {
                Ok(a.tensor().item_i64().unwrap_or(0))
            }
            _ if what == "string" => Err(type_err(format!(
                "string indices must be integers, not '{}'",
                index.type_name()
            ))),
            _ => Err(type_err(format!(
                "{} indices must be integers or slices, not {}",
                what.trim_end_matches(" object"),
                index.type_name()
            ))),
        }
    }

    pub(crate) fn set_item(&mut self, obj: &Value, index: &Value, v: Value) -> R<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    let (start, stop, step) = slice_indices(s, l.borrow().len())?;
                    let items: Vec<Value> = self.collect_items(&v)?;
                    if step != 1 {
                        let at = slice_positions(s, l.borrow().len())?;
                        if at.len() != items.len() {
                            return raise(
                                ExcKind::ValueError,
                                format!(
                                    "attempt to assign sequence of size {} to extended slice of size {}",
                                    items.len(),
                                    at.len()
                                ),
                            );
                        }
                        let mut l = l.borrow_mut();
                        for (i, x) in at.into_iter().zip(items) {
                            l[i] = x;
                        }
                        return Ok(());
                    }
                    let stop = stop.max(start);
                    l.borrow_mut().splice(start as usize..stop as usize, items);
                    return Ok(());
                }
                let i = self.index_of(index, "list")?;
                let len = l.borrow().len();
                let i = norm_index(i, len, "list assignment")?;
                l.borrow_mut()[i] = v;
                Ok(())
            }
            Value::Dict(d) => d.borrow_mut().insert(index.clone(), v),
            Value::ByteArray(a) => self.bytearray_set(a, index, v),
            Value::Instance(_) if self.special(obj, "__setitem__").is_some() => {
                self.call_special(obj, "__setitem__", vec![index.clone(), v])?;
                Ok(())
            }
            Value::Object(_) if self.special_method(obj, "__setitem__")?.is_some() => {
                let f = self.get_attr(obj, "__setitem__")?;
                self.call(&f, Args::new(vec![index.clone(), v]))?;
                Ok(())
            }
            Value::Tensor(_) => Err(type_err(
                "'tensorflow.python.framework.ops.EagerTensor' object does not support item assignment",
            )),
            Value::Variable(_) => Err(type_err("'ResourceVariable' object does not support item assignment")),
            Value::NdArray(_) => (self.hooks.array_set_item)(self, obj, index, v),
            Value::Object(_) if self.object_dunder(obj, "__setitem__")?.is_some() => {
                let f = self.object_dunder(obj, "__setitem__")?.unwrap_or(Value::None);
                self.call(&f, Args::new(vec![index.clone(), v]))?;
                Ok(())
            }
            _ => Err(type_err(format!("'{}' object does not support item assignment", obj.type_name()))),
        }
    }

    pub(crate) fn del_item(&mut self, obj: &Value, index: &Value) -> R<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    let len = l.borrow().len();
                    let mut pos = slice_positions(s, len)?;
                    pos.sort_unstable();
                    for p in pos.into_iter().rev() {
                        l.borrow_mut().remove(p);
                    }
                    return Ok(());
                }
                let i = self.index_of(index, "list")?;
                let len = l.borrow().len();
                let i = norm_index(i, len, "list assignment")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::ByteArray(a) => {
                if let Value::Slice(s) = index {
                    let len = a.borrow().len();
                    let mut pos = slice_positions(s, len)?;
                    pos.sort_unstable();
                    for p in pos.into_iter().rev() {
                        a.borrow_mut().remove(p);
                    }
                    return Ok(());
                }
                let i = self.index_of(index, "bytearray")?;
                let len = a.borrow().len();
                let i = norm_index(i, len, "bytearray")?;
                a.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => match d.borrow_mut().remove(index)? {
                Some(_) => Ok(()),
                None => Err(key_err(index.clone(), self.repr(index)?)),
            },
            Value::Object(_) if self.special_method(obj, "__delitem__")?.is_some() => {
                let f = self.get_attr(obj, "__delitem__")?;
                self.call(&f, Args::new(vec![index.clone()]))?;
                Ok(())
            }
            Value::Instance(_) if self.special(obj, "__delitem__").is_some() => {
                self.call_special(obj, "__delitem__", vec![index.clone()])?;
                Ok(())
            }
            _ => Err(type_err(format!(
                "'{}' object does not support item deletion",
                obj.type_name()
            ))),
        }
    }
}

/// Names of the attributes a value has, for completion (sorted, without duplicates).
pub fn attr_names(v: &Value) -> Vec<String> {
    let owned = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut names: Vec<String> = match v {
        Value::Module(m) => m.attrs.borrow().keys().cloned().collect(),
        Value::Instance(i) => {
            let mut n: Vec<String> = i.dict.borrow().keys().cloned().collect();
            let mut c = Some(i.class.clone());
            while let Some(cls) = c {
                n.extend(cls.dict.borrow().keys().cloned());
                c = cls.bases.iter().find_map(|b| {
                    if let Value::Class(b) = b {
                        Some(b.clone())
                    } else {
                        None
                    }
                });
            }
            if let Some(Value::Object(o)) = i.native.borrow().as_ref() {
                n.extend(o.attr_names());
            }
            n
        }
        Value::Class(c) => c.dict.borrow().keys().cloned().collect(),
        Value::Object(o) => o.attr_names(),
        Value::Str(_) => owned(STR_METHODS),
        Value::List(_) => owned(LIST_METHODS),
        Value::Dict(_) => owned(DICT_METHODS),
        Value::Tuple(_) => owned(TUPLE_METHODS),
        Value::Set(_) => owned(SET_METHODS),
        Value::Tensor(_) => owned(&["shape", "dtype", "ndim", "numpy", "device", "get_shape"]),
        Value::Variable(_) => owned(&[
            "name",
            "shape",
            "dtype",
            "ndim",
            "trainable",
            "numpy",
            "assign",
            "assign_add",
            "assign_sub",
            "read_value",
            "value",
            "device",
        ]),
        Value::NdArray(_) => owned(&[
            "shape", "dtype", "ndim", "size", "T", "tolist", "item", "astype", "reshape", "sum",
            "mean", "max", "min", "argmax", "argmin", "flatten", "copy", "round", "all", "any",
            "prod", "std",
        ]),
        Value::DType(_) => owned(&[
            "name",
            "is_floating",
            "is_integer",
            "is_bool",
            "size",
            "min",
            "max",
            "as_numpy_dtype",
        ]),
        Value::Shape(_) => owned(&[
            "as_list",
            "rank",
            "ndims",
            "dims",
            "num_elements",
            "is_fully_defined",
        ]),
        _ => vec![],
    };
    names.retain(|n| !n.starts_with("__attr_"));
    names.sort();
    names.dedup();
    names
}
