//! Iteration: what `for`, unpacking, `list()` and friends walk over.

use super::error::{raise, type_err, Flow, R};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;

pub type ValueIter = Box<dyn Iterator<Item = Value>>;

impl Interp {
    pub(crate) fn iterate(&mut self, v: &Value) -> R<ValueIter> {
        Ok(match v {
            Value::List(l) | Value::Set(l) => Box::new(l.borrow().clone().into_iter()),
            Value::Tuple(t) => Box::new(t.as_ref().clone().into_iter()),
            Value::Str(s) => {
                let chars: Vec<Value> = s.chars().map(|c| Value::str(&c.to_string())).collect();
                Box::new(chars.into_iter())
            }
            Value::Dict(d) => Box::new(d.borrow().keys.clone().into_iter()),
            &Value::Range(start, stop, step) => {
                let mut i = start;
                Box::new(std::iter::from_fn(move || {
                    if (step > 0 && i < stop) || (step < 0 && i > stop) {
                        let v = i;
                        i += step;
                        Some(Value::Int(v))
                    } else {
                        None
                    }
                }))
            }
            Value::Iterator(it) => {
                let it = it.clone();
                Box::new(std::iter::from_fn(move || it.borrow_mut().next()))
            }
            Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                Box::new((self.hooks.tensor_iter)(v)?.into_iter())
            }
            Value::Shape(s) => match &s.dims {
                Some(d) => Box::new(
                    d.iter()
                        .map(|x| x.map(|n| Value::Int(n as i64)).unwrap_or(Value::None))
                        .collect::<Vec<_>>()
                        .into_iter(),
                ),
                None => {
                    return raise(
                        ExcKind::ValueError,
                        "Cannot iterate over a shape with unknown rank.",
                    )
                }
            },
            Value::Object(o) => match o.items() {
                Some(items) => Box::new(items.into_iter()),
                None => {
                    return Err(type_err(format!(
                        "'{}' object is not iterable",
                        v.type_name()
                    )))
                }
            },
            Value::Instance(_) => {
                if let Ok(f) = self.get_attr(v, "__iter__") {
                    let it = self.call(&f, Args::default())?;
                    if let Value::Instance(_) = it {
                        return Ok(Box::new(self.drain(&it)?.into_iter()));
                    }
                    return self.iterate(&it);
                }
                return Err(type_err(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                )));
            }
            _ => {
                return Err(type_err(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                )))
            }
        })
    }

    /// The items of an instance iterator: `__next__` called until it raises StopIteration.
    /// An instance without `__next__` is not an iterator.
    fn drain(&mut self, iterator: &Value) -> R<Vec<Value>> {
        let Ok(next) = self.get_attr(iterator, "__next__") else {
            return Err(type_err(format!(
                "iter() returned non-iterator of type '{}'",
                iterator.type_name()
            )));
        };
        let mut items = Vec::new();
        loop {
            match self.call(&next, Args::default()) {
                Ok(v) => items.push(v),
                Err(Flow::Error(e)) if e.is(ExcKind::StopIteration) => return Ok(items),
                Err(e) => return Err(e),
            }
        }
    }
}
