//! Recording the kernels one run of a step executes.
//!
//! While a capture is on, each instrumented op ([`op`]) called from outside another
//! instrumented op is kept with its inputs and its result; every tensor is known by its
//! identity. An input of a kept op is the result of an earlier kept op, an argument of the
//! step, the value a variable held when the run began, or a constant: a tensor that existed
//! before the run and is no variable's value, or one an op made from constants alone
//! (which is how constant folding happens: such an op is not kept, its result is).
//!
//! What cannot be replayed makes the capture fail instead of giving a wrong program: a
//! tensor made outside every instrumented op and then used (a random draw, a glue
//! computation the recording cannot see into), a tensor made inside an op and used by a
//! later one (a value an op's gradient closed over), element data read outside any op (a
//! Rust-level decision on a value that may differ next time), or a variable created during
//! the run.

use super::plan::{Plan, Source, Step};
use crate::tensor::autodiff::tape::IdMap;
use crate::tensor::{TResult, Tensor};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// A kernel as a step keeps it: its inputs in order, its one result.
pub type Kernel = dyn Fn(&[&Tensor]) -> TResult<Tensor>;

/// A variable's storage (`Variable::value`).
pub type VarCell = Rc<RefCell<Tensor>>;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static STATE: RefCell<Option<Capture>> = const { RefCell::new(None) };
    /// Every variable storage made so far (weakly), so a capture can tell a variable's value
    /// from a constant.
    static CELLS: RefCell<(Vec<Weak<RefCell<Tensor>>>, usize)> = const { RefCell::new((Vec::new(), 64)) };
}

struct Capture {
    /// Tensors made from here on were made during the run.
    first_new: u64,
    /// Nesting of instrumented ops now running.
    depth: usize,
    /// Identity -> where its value comes from.
    known: IdMap<Source>,
    /// Tensors made outside every op: usable by nothing.
    opaque: IdMap<()>,
    /// Variable storages by the identity of the value they held when the run began.
    vars: IdMap<VarCell>,
    /// The variables whose value (when the run began) the program reads.
    reads: Vec<VarCell>,
    steps: Vec<Step>,
    inputs: Vec<(Vec<usize>, crate::tensor::DType)>,
    failed: Option<String>,
}

/// A variable storage holding `t`, known to captures.
pub fn cell(t: Tensor) -> VarCell {
    let c = Rc::new(RefCell::new(t));
    CELLS.with(|cells| {
        let (list, limit) = &mut *cells.borrow_mut();
        if list.len() >= *limit {
            list.retain(|w| w.strong_count() > 0);
            *limit = (list.len() * 2).max(64);
        }
        list.push(Rc::downgrade(&c));
    });
    if ON.with(|o| o.get()) {
        fail("a variable was created during the run");
    }
    c
}

/// Whether a capture is on (one thread-local read).
#[inline]
pub fn on() -> bool {
    ON.with(|o| o.get())
}

fn with<T>(f: impl FnOnce(&mut Capture) -> T) -> Option<T> {
    STATE.with(|s| s.borrow_mut().as_mut().map(f))
}

fn fail(why: &str) {
    with(|c| c.fail(why.to_string()));
}

/// Starts capturing a run whose arguments are `inputs` (in the order the program takes them).
/// `constants` are tensors the step holds as constants even when a variable holds them too.
pub fn begin(inputs: &[Tensor], constants: &[Tensor]) {
    let mut known = IdMap::default();
    for t in constants {
        known.insert(t.id(), Source::Const(t.clone()));
    }
    for (i, t) in inputs.iter().enumerate() {
        known.insert(t.id(), Source::Input(i));
    }
    let mut vars = IdMap::default();
    CELLS.with(|cells| {
        for w in cells.borrow().0.iter() {
            if let Some(c) = w.upgrade() {
                let id = c.borrow().id();
                vars.insert(id, c);
            }
        }
    });
    let cap = Capture {
        first_new: crate::tensor::data::tensors_made() + 1,
        depth: 0,
        known,
        opaque: IdMap::default(),
        vars,
        reads: Vec::new(),
        steps: Vec::new(),
        inputs: inputs
            .iter()
            .map(|t| (t.shape().to_vec(), t.dtype()))
            .collect(),
        failed: None,
    };
    STATE.with(|s| *s.borrow_mut() = Some(cap));
    ON.with(|o| o.set(true));
}

/// Ends the capture: the program whose result is `output`'s tensors, or why there is none.
pub fn end(outputs: &[Tensor]) -> Result<Plan, String> {
    ON.with(|o| o.set(false));
    let Some(mut c) = STATE.with(|s| s.borrow_mut().take()) else {
        return Err("no capture".into());
    };
    if let Some(why) = c.failed.take() {
        return Err(why);
    }
    let outs = outputs
        .iter()
        .map(|t| c.source(t))
        .collect::<Result<Vec<_>, _>>()?;
    // Variables whose value changed: the program stores what they hold now.
    let mut writes = Vec::new();
    let cells: Vec<(u64, VarCell)> = c.vars.iter().map(|(&k, v)| (k, v.clone())).collect();
    for (before, cell) in cells {
        let now = cell.borrow().clone();
        if now.id() != before {
            writes.push((cell.clone(), c.source(&now)?));
        }
    }
    Ok(Plan::new(c.inputs, c.reads, c.steps, outs, writes))
}

/// Abandons a capture (the run raised).
pub fn abandon() {
    ON.with(|o| o.set(false));
    STATE.with(|s| *s.borrow_mut() = None);
}

impl Capture {
    /// Records the first reason the capture cannot give a program.
    fn fail(&mut self, why: String) {
        trace(&why);
        if self.failed.is_none() {
            self.failed = Some(why);
        }
    }

    /// Where an input of a kept op comes from.
    fn source(&mut self, t: &Tensor) -> Result<Source, String> {
        let id = t.id();
        if let Some(s) = self.known.get(&id) {
            return Ok(s.clone());
        }
        if self.opaque.contains_key(&id) {
            return Err("a tensor made outside the recorded ops is used".into());
        }
        if id >= self.first_new {
            return Err("a value made inside a recorded op is used by a later one".into());
        }
        let s = match self.vars.get(&id) {
            Some(cell) => {
                self.reads.push(cell.clone());
                Source::Var(self.reads.len() - 1)
            }
            None => Source::Const(t.clone()),
        };
        self.known.insert(id, s.clone());
        Ok(s)
    }
}

/// A tensor was made (every new identity passes here while a capture is on).
pub fn made(id: u64) {
    with(|c| {
        if c.depth == 0 {
            c.opaque.insert(id, ());
        }
    });
}

/// `new` is the same value as `old` under a new identity (`renewed`).
pub fn alias(old: &Tensor, new: u64) {
    with(|c| {
        if c.depth > 0 {
            return;
        }
        c.opaque.remove(&new);
        match c.source(old) {
            Ok(s) => {
                c.known.insert(new, s);
            }
            Err(_) => {
                c.opaque.insert(new, ());
            }
        }
    });
}

/// `t`, just made outside every op, depends on nothing that can change: a constant.
pub fn constant(t: &Tensor) {
    with(|c| {
        if c.depth == 0 {
            c.opaque.remove(&t.id());
            c.known.insert(t.id(), Source::Const(t.clone()));
        }
    });
}

/// Runs `f`, whose tensors are made from Python values alone: what it makes is internal
/// to it, and the caller declares its results constants.
pub fn constant_scope<T>(f: impl FnOnce() -> T) -> T {
    with(|c| c.depth += 1);
    let r = f();
    with(|c| c.depth -= 1);
    r
}

/// Element data of `t` is being read by Rust code: outside an op, on a value that can
/// change between runs, the decision it feeds would not be replayed.
pub fn read(t: &Tensor) {
    with(|c| {
        if c.depth > 0 || c.failed.is_some() {
            return;
        }
        if !matches!(c.source(t), Ok(Source::Const(_))) {
            c.fail("element data is read outside the recorded ops".into());
        }
    });
}

/// Runs an instrumented op: `kernel(inputs)`. While a capture is on, an op called from
/// outside every other op is kept, unless its inputs are all constants (then its result
/// is one).
#[inline]
pub fn op<F>(inputs: &[&Tensor], kernel: F) -> TResult<Tensor>
where
    F: Fn(&[&Tensor]) -> TResult<Tensor> + 'static,
{
    if !on() {
        return kernel(inputs);
    }
    kept(inputs, Rc::new(kernel), std::any::type_name::<F>())
}

/// [`op`] for a kernel that cannot fail.
#[inline]
pub fn infallible<F>(inputs: &[&Tensor], kernel: F) -> Tensor
where
    F: Fn(&[&Tensor]) -> Tensor + 'static,
{
    if !on() {
        return kernel(inputs);
    }
    let name = std::any::type_name::<F>();
    match kept(inputs, Rc::new(move |x: &[&Tensor]| Ok(kernel(x))), name) {
        Ok(t) => t,
        // The kernel never fails; keep a defined result all the same.
        Err(_) => inputs
            .first()
            .map(|t| (*t).clone())
            .unwrap_or_else(|| Tensor::scalar(0f32)),
    }
}

fn kept(inputs: &[&Tensor], kernel: Rc<Kernel>, name: &'static str) -> TResult<Tensor> {
    let depth = with(|c| {
        c.depth += 1;
        c.depth
    })
    .unwrap_or(1);
    let out = kernel(inputs);
    with(|c| c.depth -= 1);
    let Ok(out) = out else {
        fail("an op raised");
        return out;
    };
    if depth != 1 || inputs.iter().any(|t| t.id() == out.id()) {
        return Ok(out);
    }
    with(|c| {
        if c.known.contains_key(&out.id()) {
            return;
        }
        let mut srcs = Vec::with_capacity(inputs.len());
        for t in inputs {
            match c.source(t) {
                Ok(s) => srcs.push(s),
                Err(why) => return c.fail(why),
            }
        }
        if srcs.iter().all(|s| matches!(s, Source::Const(_))) {
            c.known.insert(out.id(), Source::Const(out.clone()));
            return;
        }
        c.steps.push(Step {
            kernel: kernel.clone(),
            inputs: srcs,
            out: (out.shape().to_vec(), out.dtype()),
            name,
        });
        c.known.insert(out.id(), Source::Step(c.steps.len() - 1));
    });
    Ok(out)
}

/// With `TENSH_COMPILE_LOG=trace`, where a capture failed: the reason and the Rust stack.
fn trace(why: &str) {
    if std::env::var_os("TENSH_COMPILE_LOG").is_some_and(|v| v == "trace") {
        eprintln!("{}\n{}", why, std::backtrace::Backtrace::force_capture());
    }
}
