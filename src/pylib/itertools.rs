//! Python's `itertools` module as CPython 3.11 has it: every iterator lazy, pulling from
//! its inputs only when pulled itself (`count()` is infinite; `islice(count(), 5)` works).
//! The combinatoric iterators and `groupby`/`tee` are in `itertools/`.

mod combinatorics;
mod grouping;

use super::pyclass::{int_arg, module, PyClass};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::builtins::items;
use crate::eval::error::{raise, R};
use crate::eval::iter::{iter_object, Iter, PyIter};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use crate::syntax::ast::BinOp;

/// Sets `itertools.chain` (a class with `from_iterable`).
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "itertools");
    m.set(
        "chain",
        Value::Object(std::rc::Rc::new(PyClass {
            name: "chain",
            module: "itertools",
            new: Some(|_, _, args| {
                Ok(iter_object(Chain {
                    outer: Iter::Items(args.pos.into_iter()),
                    inner: None,
                }))
            }),
            is_instance: |v| v.type_name() == "chain",
            attr: |_, _, name| {
                Ok((name == "from_iterable").then(|| {
                    Value::builtin("from_iterable", |it, args| {
                        let [src] = args.bind("from_iterable", ["iterable"])?;
                        let outer = it.iterate(&src.unwrap_or(Value::None))?;
                        Ok(iter_object(Chain { outer, inner: None }))
                    })
                }))
            },
        })),
    );
}

/// A number's repr for the reprs of `count` and `repeat`.
fn num_repr(v: &Value) -> String {
    match v {
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::eval::repr::float_repr(*f),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Str(s) => format!("'{}'", s),
        Value::None => "None".into(),
        other => format!("<{} object>", other.type_name()),
    }
}

builtin! {
    /// Return a count object whose .__next__() method returns consecutive values.
    python ["itertools.count"]
    fn count(it, start = 0, step = 1) {
        for v in [&start, &step] {
            if !matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
                return raise(ExcKind::TypeError, "a number is required");
            }
        }
        let _ = it;
        Ok(iter_object(Count { cur: start, step }))
    }
}

struct Count {
    cur: Value,
    step: Value,
}

impl PyIter for Count {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        let v = self.cur.clone();
        self.cur = it.binary(BinOp::Add, &self.cur, &self.step)?;
        Ok(Some(v))
    }
    fn type_name(&self) -> String {
        "count".into()
    }
    fn repr(&self, _: usize) -> String {
        match &self.step {
            Value::Int(1) => format!("count({})", num_repr(&self.cur)),
            s => format!("count({}, {})", num_repr(&self.cur), num_repr(s)),
        }
    }
}

builtin! {
    /// Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.
    python ["itertools.cycle"]
    fn cycle(it, iterable) {
        let src = it.iterate(&iterable)?;
        Ok(iter_object(Cycle { src: Some(src), saved: Vec::new(), i: 0 }))
    }
}

struct Cycle {
    src: Option<Iter>,
    saved: Vec<Value>,
    i: usize,
}

impl PyIter for Cycle {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if let Some(src) = &mut self.src {
            if let Some(v) = src.next(it)? {
                self.saved.push(v.clone());
                return Ok(Some(v));
            }
            self.src = None;
        }
        if self.saved.is_empty() {
            return Ok(None);
        }
        let v = self.saved[self.i % self.saved.len()].clone();
        self.i = (self.i + 1) % self.saved.len();
        Ok(Some(v))
    }
    fn type_name(&self) -> String {
        "cycle".into()
    }
}

builtin! {
    /// repeat(object [,times]) -> create an iterator which returns the object for the specified number of times.
    python ["itertools.repeat"]
    fn repeat(it, object, times = None) {
        let _ = it;
        let times = match times {
            Value::None => None,
            t => Some(int_arg(&t)?.max(0)),
        };
        Ok(iter_object(Repeat { v: object, times }))
    }
}

struct Repeat {
    v: Value,
    times: Option<i64>,
}

impl PyIter for Repeat {
    fn next(&mut self, _: &mut Interp) -> R<Option<Value>> {
        match &mut self.times {
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(self.v.clone()))
            }
            None => Ok(Some(self.v.clone())),
        }
    }
    fn type_name(&self) -> String {
        "repeat".into()
    }
    fn len_hint(&self) -> Option<usize> {
        self.times.map(|n| n as usize)
    }
    fn repr(&self, _: usize) -> String {
        match self.times {
            Some(n) => format!("repeat({}, {})", num_repr(&self.v), n),
            None => format!("repeat({})", num_repr(&self.v)),
        }
    }
}

/// `chain(*iterables)` and `chain.from_iterable(iterable)`.
struct Chain {
    outer: Iter,
    inner: Option<Iter>,
}

impl PyIter for Chain {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        loop {
            if let Some(inner) = &mut self.inner {
                if let Some(v) = inner.next(it)? {
                    return Ok(Some(v));
                }
                self.inner = None;
            }
            match self.outer.next(it)? {
                Some(src) => self.inner = Some(it.iterate(&src)?),
                None => return Ok(None),
            }
        }
    }
    fn type_name(&self) -> String {
        "chain".into()
    }
}

/// An islice bound: None or a non-negative int.
fn islice_arg(v: &Value, what: &str) -> R<Option<usize>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) if *i >= 0 => Ok(Some(*i as usize)),
        Value::Bool(b) => Ok(Some(*b as usize)),
        _ => raise(
            ExcKind::ValueError,
            format!(
                "{} for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                what
            ),
        ),
    }
}

builtin! {
    /// islice(iterable, stop) --> islice object
    python ["itertools.islice"]
    fn islice(it, iterable, *args) {
        let a = items(&args);
        let (start, stop, step) = match a.as_slice() {
            [stop] => (0, islice_arg(stop, "Stop argument")?, 1),
            [start, stop] | [start, stop, Value::None] => (
                islice_arg(start, "Indices")?.unwrap_or(0),
                islice_arg(stop, "Indices")?,
                1,
            ),
            [start, stop, step] => {
                let start = islice_arg(start, "Indices")?.unwrap_or(0);
                let stop = islice_arg(stop, "Indices")?;
                let step = match step {
                    Value::Int(s) if *s > 0 => *s as usize,
                    _ => {
                        return raise(
                            ExcKind::ValueError,
                            "Step for islice() must be a positive integer or None.",
                        )
                    }
                };
                (start, stop, step)
            }
            [] => return raise(ExcKind::TypeError, "islice expected at least 2 arguments, got 1"),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    format!("islice expected at most 4 arguments, got {}", a.len() + 1),
                )
            }
        };
        let src = it.iterate(&iterable)?;
        Ok(iter_object(ISlice { src, pos: 0, next: start, stop, step, done: false }))
    }
}

struct ISlice {
    src: Iter,
    /// How many items were pulled from the source.
    pos: usize,
    /// The position of the next item to give.
    next: usize,
    stop: Option<usize>,
    step: usize,
    done: bool,
}

impl PyIter for ISlice {
    /// CPython's algorithm: skip to the next wanted position, stop at `stop`.
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.done {
            return Ok(None);
        }
        while self.pos < self.next {
            if self.src.next(it)?.is_none() {
                self.done = true;
                return Ok(None);
            }
            self.pos += 1;
        }
        if self.stop.is_some_and(|s| self.pos >= s) {
            self.done = true;
            return Ok(None);
        }
        let Some(v) = self.src.next(it)? else {
            self.done = true;
            return Ok(None);
        };
        self.pos += 1;
        self.next = self.next.saturating_add(self.step);
        if let Some(s) = self.stop {
            self.next = self.next.min(s);
        }
        Ok(Some(v))
    }
    fn type_name(&self) -> String {
        "islice".into()
    }
}

builtin! {
    /// zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object
    python ["itertools.zip_longest"]
    fn zip_longest(it, *iterables, fillvalue = None) {
        let mut srcs = Vec::new();
        for v in items(&iterables) {
            srcs.push(Some(it.iterate(&v)?));
        }
        Ok(iter_object(ZipLongest { srcs, fill: fillvalue }))
    }
}

struct ZipLongest {
    srcs: Vec<Option<Iter>>,
    fill: Value,
}

impl PyIter for ZipLongest {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.srcs.iter().all(|s| s.is_none()) {
            return Ok(None);
        }
        let mut row = Vec::with_capacity(self.srcs.len());
        for s in self.srcs.iter_mut() {
            let v = match s {
                Some(src) => match src.next(it)? {
                    Some(v) => v,
                    None => {
                        *s = None;
                        self.fill.clone()
                    }
                },
                None => self.fill.clone(),
            };
            row.push(v);
        }
        if self.srcs.iter().all(|s| s.is_none()) {
            return Ok(None);
        }
        Ok(Some(Value::tuple(row)))
    }
    fn type_name(&self) -> String {
        "zip_longest".into()
    }
}

/// The iterators that call a function per item: `starmap`, `takewhile`, `dropwhile`,
/// `filterfalse`, `accumulate`.
struct Mapped {
    kind: &'static str,
    func: Value,
    src: Iter,
    /// dropwhile: whether dropping is over; takewhile: whether taking is over.
    flag: bool,
    /// accumulate: the running total (and a pending `initial`).
    total: Option<Value>,
    pending: Option<Value>,
}

impl PyIter for Mapped {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if let Some(p) = self.pending.take() {
            self.total = Some(p.clone());
            return Ok(Some(p));
        }
        loop {
            if self.kind == "takewhile" && self.flag {
                return Ok(None);
            }
            let Some(v) = self.src.next(it)? else {
                return Ok(None);
            };
            match self.kind {
                "starmap" => {
                    let args = it.collect_items(&v)?;
                    return Ok(Some(it.call(&self.func, Args::new(args))?));
                }
                "takewhile" => {
                    let r = it.call(&self.func, Args::new(vec![v.clone()]))?;
                    if it.truthy(&r)? {
                        return Ok(Some(v));
                    }
                    self.flag = true;
                    return Ok(None);
                }
                "dropwhile" => {
                    if !self.flag {
                        let r = it.call(&self.func, Args::new(vec![v.clone()]))?;
                        if it.truthy(&r)? {
                            continue;
                        }
                        self.flag = true;
                    }
                    return Ok(Some(v));
                }
                "filterfalse" => {
                    let r = match &self.func {
                        Value::None => v.clone(),
                        f => it.call(f, Args::new(vec![v.clone()]))?,
                    };
                    if !it.truthy(&r)? {
                        return Ok(Some(v));
                    }
                }
                _ => {
                    let t = match self.total.take() {
                        None => v,
                        Some(t) => match &self.func {
                            Value::None => it.binary(BinOp::Add, &t, &v)?,
                            f => it.call(f, Args::new(vec![t, v]))?,
                        },
                    };
                    self.total = Some(t.clone());
                    return Ok(Some(t));
                }
            }
        }
    }
    fn type_name(&self) -> String {
        self.kind.into()
    }
}

fn mapped(it: &mut Interp, kind: &'static str, func: Value, src: &Value) -> R<Value> {
    let src = it.iterate(src)?;
    Ok(iter_object(Mapped {
        kind,
        func,
        src,
        flag: false,
        total: None,
        pending: None,
    }))
}

builtin! {
    /// Return an iterator whose values are computed from the argument iterable.
    python ["itertools.starmap"]
    fn starmap(it, function, iterable) {
        mapped(it, "starmap", function, &iterable)
    }
}

builtin! {
    /// Return successive entries from an iterable as long as the predicate evaluates to true for each entry.
    python ["itertools.takewhile"]
    fn takewhile(it, predicate, iterable) {
        mapped(it, "takewhile", predicate, &iterable)
    }
}

builtin! {
    /// Drop items from the iterable while predicate(item) is true.
    python ["itertools.dropwhile"]
    fn dropwhile(it, predicate, iterable) {
        mapped(it, "dropwhile", predicate, &iterable)
    }
}

builtin! {
    /// Return those items of iterable for which function(item) is false.
    python ["itertools.filterfalse"]
    fn filterfalse(it, function, iterable) {
        mapped(it, "filterfalse", function, &iterable)
    }
}

builtin! {
    /// Return series of accumulated sums (or other binary function results).
    python ["itertools.accumulate"]
    fn accumulate(it, iterable, func = None, *, initial = None) {
        let src = it.iterate(&iterable)?;
        let pending = match initial {
            Value::None => None,
            v => Some(v),
        };
        Ok(iter_object(Mapped { kind: "accumulate", func, src, flag: false, total: None, pending }))
    }
}

builtin! {
    /// Return data elements corresponding to true selector elements.
    python ["itertools.compress"]
    fn compress(it, data, selectors) {
        let data = it.iterate(&data)?;
        let sel = it.iterate(&selectors)?;
        Ok(iter_object(Compress { data, sel }))
    }
}

struct Compress {
    data: Iter,
    sel: Iter,
}

impl PyIter for Compress {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        loop {
            let Some(d) = self.data.next(it)? else {
                return Ok(None);
            };
            let Some(s) = self.sel.next(it)? else {
                return Ok(None);
            };
            if it.truthy(&s)? {
                return Ok(Some(d));
            }
        }
    }
    fn type_name(&self) -> String {
        "compress".into()
    }
}

builtin! {
    /// Return an iterator of overlapping pairs taken from the input iterator.
    python ["itertools.pairwise"]
    fn pairwise(it, iterable) {
        let src = it.iterate(&iterable)?;
        Ok(iter_object(Pairwise { src, last: None }))
    }
}

struct Pairwise {
    src: Iter,
    last: Option<Value>,
}

impl PyIter for Pairwise {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        if self.last.is_none() {
            match self.src.next(it)? {
                Some(v) => self.last = Some(v),
                None => return Ok(None),
            }
        }
        let Some(b) = self.src.next(it)? else {
            self.last = None;
            return Ok(None);
        };
        let a = self.last.replace(b.clone()).unwrap_or(Value::None);
        Ok(Some(Value::tuple(vec![a, b])))
    }
    fn type_name(&self) -> String {
        "pairwise".into()
    }
}
