//! The gradient tape: which tapes are recording, what each one recorded, and the reverse
//! sweep that turns a recording into gradients.
//!
//! A runtime op calls [`record`] with its inputs, its result and a backward function. When
//! no tape is recording that costs one thread-local read. Otherwise every recording tape that
//! tracks one of the inputs (a watched tensor, a variable read under it, or a result it
//! recorded earlier) keeps a node, and the result gets a fresh identity that the tape then
//! tracks. Backward functions are made of runtime ops themselves, so an outer tape records
//! the gradient computation of an inner one (higher-order gradients).

use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::{TResult, Tensor};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// Hashes a tensor identity (a counter, unique per tensor) with one multiply: the id maps
/// are probed for every input of every recorded op, where SipHash cost a few percent of a
/// training step. Identities are not chosen by users, so no flooding resistance is needed.
#[derive(Default)]
pub(crate) struct IdHash(u64);

impl Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, id: u64) {
        self.0 = id.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type IdSet = HashSet<u64, BuildHasherDefault<IdHash>>;
pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHash>>;

/// `(inputs, output, gradient of the output) -> gradient of each input` (None: no gradient).
pub type Backward = dyn Fn(&[Tensor], &Tensor, &Tensor) -> TResult<Vec<Option<Tensor>>>;

struct Node {
    inputs: Vec<Tensor>,
    output: Tensor,
    backward: Rc<Backward>,
}

/// One `tf.GradientTape`.
#[derive(Default)]
pub struct Tape {
    pub persistent: bool,
    pub watch_accessed_variables: bool,
    tracked: IdSet,
    nodes: Vec<Node>,
    /// A non-persistent tape has computed its one set of gradients.
    pub used: bool,
}

pub type TapeRef = Rc<RefCell<Tape>>;

thread_local! {
    static ACTIVE: RefCell<Vec<TapeRef>> = const { RefCell::new(Vec::new()) };
    static RECORDING: Cell<usize> = const { Cell::new(0) };
    /// For the backward function running in a sweep: which of its inputs lead to a source.
    static NEEDED: RefCell<Vec<bool>> = const { RefCell::new(Vec::new()) };
}

/// Inside a backward function: whether the sweep uses the gradient of input `i` (one that
/// no source leads to is dropped, so costly ops may skip computing it).
pub fn needs_grad(i: usize) -> bool {
    NEEDED.with(|n| n.borrow().get(i).copied().unwrap_or(true))
}

impl Tape {
    pub fn new(persistent: bool, watch_accessed_variables: bool) -> TapeRef {
        Rc::new(RefCell::new(Tape {
            persistent,
            watch_accessed_variables,
            ..Tape::default()
        }))
    }

    /// `tape.watch(t)`: gradients can now flow back to `t`.
    pub fn watch(&mut self, t: &Tensor) {
        if t.dtype().is_float() {
            self.tracked.insert(t.id());
        }
    }

    /// Drops the recording (`tape.reset()`).
    pub fn reset(&mut self) {
        self.tracked.clear();
        self.nodes.clear();
    }
}

/// Starts recording on `tape` (entering its `with` block).
/// Whether `tape` is recording now (inside its `with` block).
pub fn is_active(tape: &TapeRef) -> bool {
    ACTIVE.with(|a| a.borrow().iter().any(|t| Rc::ptr_eq(t, tape)))
}

pub fn push(tape: &TapeRef) {
    ACTIVE.with(|a| a.borrow_mut().push(tape.clone()));
    RECORDING.with(|r| r.set(r.get() + 1));
}

/// Stops recording on `tape` (leaving its `with` block); false when it was not recording.
pub fn pop(tape: &TapeRef) -> bool {
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        match a.iter().rposition(|t| Rc::ptr_eq(t, tape)) {
            Some(i) => {
                a.remove(i);
                RECORDING.with(|r| r.set(r.get() - 1));
                true
            }
            None => false,
        }
    })
}

/// How many tapes are recording.
pub fn depth() -> usize {
    ACTIVE.with(|a| a.borrow().len())
}

/// Stops the tapes entered after `depth` were (a graph run that raised inside a tape's
/// block: its `__exit__` step never ran).
pub fn unwind_to(depth: usize) {
    ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() > depth {
            a.truncate(depth);
            RECORDING.with(|r| r.set(depth));
        }
    });
}

/// Stops every tape (a session ending with a tape still entered).
pub fn stop_all() {
    ACTIVE.with(|a| a.borrow_mut().clear());
    RECORDING.with(|r| r.set(0));
}

/// Whether any tape is recording (ops may then take their unfused, recorded path).
pub fn any_recording() -> bool {
    RECORDING.with(|r| r.get() > 0)
}

/// A variable's value was read: tapes that watch accessed variables watch it.
pub fn variable_read(t: &Tensor, trainable: bool) {
    if !trainable || !any_recording() || !t.dtype().is_float() {
        return;
    }
    ACTIVE.with(|a| {
        for tape in a.borrow().iter() {
            let mut tape = tape.borrow_mut();
            if tape.watch_accessed_variables {
                tape.tracked.insert(t.id());
            }
        }
    });
}

/// Records `out = op(inputs)` on every recording tape that tracks one of the inputs and
/// returns `out` (with a fresh identity when recorded). Integer and bool results carry no
/// gradient and are never recorded.
pub fn record<F>(inputs: &[&Tensor], out: Tensor, backward: F) -> Tensor
where
    F: Fn(&[Tensor], &Tensor, &Tensor) -> TResult<Vec<Option<Tensor>>> + 'static,
{
    if !any_recording() || !(out.dtype().is_float() || out.dtype().is_complex()) {
        return out;
    }
    ACTIVE.with(|a| {
        let tapes = a.borrow();
        let hits: Vec<&TapeRef> = tapes
            .iter()
            .filter(|t| {
                let t = t.borrow();
                inputs.iter().any(|x| t.tracked.contains(&x.id()))
            })
            .collect();
        if hits.is_empty() {
            return out;
        }
        let out = out.renewed();
        let backward: Rc<Backward> = Rc::new(backward);
        let inputs: Vec<Tensor> = inputs.iter().map(|t| (*t).clone()).collect();
        for tape in hits {
            let mut tape = tape.borrow_mut();
            tape.tracked.insert(out.id());
            tape.nodes.push(Node {
                inputs: inputs.clone(),
                output: out.clone(),
                backward: backward.clone(),
            });
        }
        out
    })
}

fn accumulate(grads: &mut IdMap<Tensor>, id: u64, g: Tensor) -> TResult<()> {
    let sum = match grads.remove(&id) {
        Some(prev) => ew::binary(Binary::Add, &prev, &g)?,
        None => g,
    };
    grads.insert(id, sum);
    Ok(())
}

/// The gradients of the sum of `targets` (each with its output gradient, ones by default)
/// with respect to `sources`, by one reverse sweep over the recording. Sources the targets
/// do not depend on get None.
pub fn gradient(
    tape: &TapeRef,
    targets: &[(Tensor, Option<Tensor>)],
    sources: &[Tensor],
) -> TResult<Vec<Option<Tensor>>> {
    // Take the nodes out, so backward ops may record (on this tape too) while we sweep.
    let (nodes, tracked) = {
        let mut t = tape.borrow_mut();
        (std::mem::take(&mut t.nodes), t.tracked.clone())
    };
    // Forward reachability from the sources: only those nodes need a backward call.
    let mut reach: IdSet = sources
        .iter()
        .filter(|s| tracked.contains(&s.id()))
        .map(|s| s.id())
        .collect();
    for n in &nodes {
        if n.inputs.iter().any(|i| reach.contains(&i.id())) {
            reach.insert(n.output.id());
        }
    }
    let source_ids: IdSet = sources.iter().map(|s| s.id()).collect();
    let mut grads: IdMap<Tensor> = IdMap::default();
    let mut result = Ok(());
    for (t, seed) in targets {
        if !reach.contains(&t.id()) || !t.dtype().is_float() {
            continue;
        }
        let seed = match seed {
            Some(s) => s.clone(),
            None => Tensor::full(t.dtype(), t.shape(), 1.0),
        };
        if let Err(e) = accumulate(&mut grads, t.id(), seed) {
            result = Err(e);
        }
    }
    if result.is_ok() {
        result = sweep(&nodes, &reach, &source_ids, &mut grads);
    }
    {
        let mut t = tape.borrow_mut();
        if t.persistent {
            let recorded_meanwhile = std::mem::replace(&mut t.nodes, nodes);
            t.nodes.extend(recorded_meanwhile);
        } else {
            t.used = true;
        }
    }
    result?;
    Ok(sources
        .iter()
        .map(|s| grads.get(&s.id()).cloned())
        .collect())
}

fn sweep(nodes: &[Node], reach: &IdSet, sources: &IdSet, grads: &mut IdMap<Tensor>) -> TResult<()> {
    for n in nodes.iter().rev() {
        let out = n.output.id();
        if !reach.contains(&out) {
            continue;
        }
        let g = if sources.contains(&out) {
            grads.get(&out).cloned()
        } else {
            grads.remove(&out)
        };
        let Some(g) = g else { continue };
        let needed = n.inputs.iter().map(|i| reach.contains(&i.id())).collect();
        let outer = NEEDED.with(|s| s.replace(needed));
        let gs = (n.backward)(&n.inputs, &n.output, &g);
        NEEDED.with(|s| *s.borrow_mut() = outer);
        let gs = gs?;
        for (inp, gi) in n.inputs.iter().zip(gs) {
            if let Some(gi) = gi {
                if reach.contains(&inp.id()) {
                    accumulate(grads, inp.id(), gi)?;
                }
            }
        }
    }
    Ok(())
}
