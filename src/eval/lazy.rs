//! The lazy iterators Python's builtins return: `enumerate`, `zip`, `map` and `filter`
//! pull from their inputs only when they are pulled themselves.

use super::error::{raise, R};
use super::iter::{Iter, PyIter};
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;

/// `enumerate(iterable, start)`.
pub struct Enumerate {
    pub inner: Iter,
    pub i: i64,
}

impl PyIter for Enumerate {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let Some(v) = self.inner.next(it)? else {
            return Ok(None);
        };
        let i = self.i;
        self.i = self.i.wrapping_add(1);
        Ok(Some(Value::tuple(vec![Value::Int(i), v])))
    }
    fn type_name(&self) -> String {
        "enumerate".into()
    }
}

/// `zip(*iterables, strict=)`.
pub struct Zip {
    pub inners: Vec<Iter>,
    pub strict: bool,
    pub done: bool,
}

impl PyIter for Zip {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.done || self.inners.is_empty() {
            return Ok(None);
        }
        let mut row = Vec::with_capacity(self.inners.len());
        for k in 0..self.inners.len() {
            match self.inners[k].next(it)? {
                Some(v) => row.push(v),
                None => {
                    self.done = true;
                    if self.strict {
                        return self.strict_end(it, k);
                    }
                    return Ok(None);
                }
            }
        }
        Ok(Some(Value::tuple(row)))
    }
    fn type_name(&self) -> String {
        "zip".into()
    }
}

impl Zip {
    /// Input `k` ran out: under `strict=True` every input must end together.
    fn strict_end(&mut self, it: &mut Interp, k: usize) -> R<Option<Value>> {
        if k > 0 {
            let plural = if k == 1 { "" } else { "s" };
            let which = if k == 1 {
                "1".to_string()
            } else {
                format!("1-{}", k)
            };
            return raise(
                ExcKind::ValueError,
                format!(
                    "zip() argument {} is shorter than argument{} {}",
                    k + 1,
                    plural,
                    which
                ),
            );
        }
        for j in 1..self.inners.len() {
            if self.inners[j].next(it)?.is_some() {
                let plural = if j == 1 { "" } else { "s" };
                let which = if j == 1 {
                    "1".to_string()
                } else {
                    format!("1-{}", j)
                };
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "zip() argument {} is longer than argument{} {}",
                        j + 1,
                        plural,
                        which
                    ),
                );
            }
        }
        Ok(None)
    }
}

/// `map(func, *iterables)`.
pub struct Map {
    pub f: Value,
    pub inners: Vec<Iter>,
}

impl PyIter for Map {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let mut row = Vec::with_capacity(self.inners.len());
        for inner in &mut self.inners {
            match inner.next(it)? {
                Some(v) => row.push(v),
                None => return Ok(None),
            }
        }
        it.call(&self.f, Args::new(row)).map(Some)
    }
    fn type_name(&self) -> String {
        "map".into()
    }
}

/// `filter(function or None, iterable)`.
pub struct Filter {
    pub f: Option<Value>,
    pub inner: Iter,
}

impl PyIter for Filter {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        while let Some(v) = self.inner.next(it)? {
            it.check_interrupt()?;
            let keep = match &self.f {
                None => it.truthy(&v)?,
                Some(f) => {
                    let r = it.call(f, Args::new(vec![v.clone()]))?;
                    it.truthy(&r)?
                }
            };
            if keep {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }
    fn type_name(&self) -> String {
        "filter".into()
    }
}
