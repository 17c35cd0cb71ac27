//! `groupby` (groups sharing their parent's iterator, as in CPython: advancing the parent
//! ends the current group) and `tee` (copies sharing one buffer).

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::iter::{iter_object, Iter, PyIter};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::int_arg;
use std::cell::RefCell;
use std::rc::Rc;

/// The state a groupby shares with its groups.
struct GroupState {
    src: Iter,
    key: Value,
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// Which group is current; older groups yield nothing more.
    group: usize,
}

impl GroupState {
    /// Pulls the next value and its key; false at the end.
    fn step(&mut self, it: &mut Interp) -> R<bool> {
        let Some(v) = self.src.next(it)? else {
            return Ok(false);
        };
        let k = match &self.key {
            Value::None => v.clone(),
            f => it.call(f, Args::new(vec![v.clone()]))?,
        };
        self.currvalue = Some(v);
        self.currkey = Some(k);
        Ok(true)
    }
}

builtin! {
    /// make an iterator that returns consecutive keys and groups from the iterable
    python ["itertools.groupby"]
    fn groupby(it, iterable, key = None) {
        let src = it.iterate(&iterable)?;
        Ok(iter_object(GroupBy(Rc::new(RefCell::new(GroupState {
            src,
            key,
            tgtkey: None,
            currkey: None,
            currvalue: None,
            group: 0,
        })))))
    }
}

struct GroupBy(Rc<RefCell<GroupState>>);

impl PyIter for GroupBy {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let mut s = self.0.borrow_mut();
        s.group += 1;
        loop {
            if let (Some(c), Some(t)) = (s.currkey.clone(), s.tgtkey.clone()) {
                if !it.equal(&t, &c)? {
                    break;
                }
            } else if s.currkey.is_some() {
                break;
            }
            if !s.step(it)? {
                return Ok(None);
            }
        }
        s.tgtkey = s.currkey.clone();
        let key = s.tgtkey.clone().unwrap_or(Value::None);
        let group = s.group;
        drop(s);
        let grouper = iter_object(Grouper {
            state: self.0.clone(),
            key: key.clone(),
            group,
        });
        Ok(Some(Value::tuple(vec![key, grouper])))
    }
    fn type_name(&self) -> String {
        "groupby".into()
    }
}

struct Grouper {
    state: Rc<RefCell<GroupState>>,
    key: Value,
    group: usize,
}

impl PyIter for Grouper {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let mut s = self.state.borrow_mut();
        if s.group != self.group {
            return Ok(None);
        }
        if s.currvalue.is_none() && !s.step(it)? {
            return Ok(None);
        }
        let c = s.currkey.clone().unwrap_or(Value::None);
        if !it.equal(&self.key, &c)? {
            return Ok(None);
        }
        Ok(s.currvalue.take())
    }
    fn type_name(&self) -> String {
        "_grouper".into()
    }
}

/// The buffer the copies of a `tee` share.
struct TeeState {
    src: Iter,
    buf: Vec<Value>,
    /// Items dropped from the front of `buf` (every copy is past them).
    base: usize,
    positions: Vec<usize>,
}

builtin! {
    /// Returns a tuple of n independent iterators.
    python ["itertools.tee"]
    fn tee(it, iterable, n = 2) {
        let n = int_arg(&n)?;
        if n < 0 {
            return raise(ExcKind::ValueError, "n must be >= 0");
        }
        let src = it.iterate(&iterable)?;
        let state = Rc::new(RefCell::new(TeeState {
            src,
            buf: Vec::new(),
            base: 0,
            positions: vec![0; n as usize],
        }));
        Ok(Value::tuple(
            (0..n as usize)
                .map(|i| iter_object(Tee { state: state.clone(), i }))
                .collect(),
        ))
    }
}

struct Tee {
    state: Rc<RefCell<TeeState>>,
    i: usize,
}

impl PyIter for Tee {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let mut s = self.state.borrow_mut();
        let pos = s.positions[self.i];
        if pos - s.base >= s.buf.len() {
            match s.src.next(it)? {
                Some(v) => s.buf.push(v),
                None => return Ok(None),
            }
        }
        let v = s.buf[pos - s.base].clone();
        s.positions[self.i] += 1;
        let min = s.positions.iter().copied().min().unwrap_or(0);
        if min > s.base {
            let drop_n = min - s.base;
            s.buf.drain(..drop_n);
            s.base = min;
        }
        Ok(Some(v))
    }
    fn type_name(&self) -> String {
        "_tee".into()
    }
}
