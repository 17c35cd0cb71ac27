//! A captured program: kernels over numbered results, run without the interpreter, the
//! objects that issued them or a gradient tape.
//!
//! Each step's result is dropped right after its last use, so its buffer goes back to the
//! allocator while later steps of the same size still need one and is handed to them.

use super::capture::{Kernel, VarCell};
use crate::errors::ExcKind;
use crate::tensor::{DType, TResult, Tensor, TfError};
use std::rc::Rc;

/// Where a step's input comes from.
#[derive(Clone)]
pub enum Source {
    /// The program's argument `i`.
    Input(usize),
    /// The value variable `i` held when the run began.
    Var(usize),
    Const(Tensor),
    /// The result of step `i`.
    Step(usize),
}

pub struct Step {
    pub kernel: Rc<Kernel>,
    pub inputs: Vec<Source>,
    /// The result's shape and dtype at capture.
    pub out: (Vec<usize>, DType),
    /// The op that kept it (its kernel's type name), for the program's listing.
    pub name: &'static str,
}

/// Why a run stopped.
pub enum Stop {
    /// A result's shape or dtype differs from the capture's (a shape that depends on the
    /// values): the program does not describe this run. Nothing was stored.
    Stale,
    /// A kernel raised (or an interrupt came): the caller replays the call, which raises
    /// it with the wording of the step that raises. Nothing was stored.
    Failed,
}

impl From<TfError> for Stop {
    fn from(_: TfError) -> Stop {
        Stop::Failed
    }
}

pub struct Plan {
    inputs: usize,
    reads: Vec<VarCell>,
    steps: Vec<Step>,
    /// For each step, the steps whose results die after it runs.
    frees: Vec<Vec<usize>>,
    outputs: Vec<Source>,
    writes: Vec<(VarCell, Source)>,
    /// The shape and dtype of each argument at capture: a call with others is not served.
    input_types: Vec<(Vec<usize>, DType)>,
}

impl Plan {
    pub(super) fn new(
        inputs: Vec<(Vec<usize>, DType)>,
        reads: Vec<VarCell>,
        steps: Vec<Step>,
        outputs: Vec<Source>,
        writes: Vec<(VarCell, Source)>,
    ) -> Plan {
        let mut last = vec![None; steps.len()];
        let mut used = |s: &Source, at: usize| {
            if let Source::Step(i) = s {
                last[*i] = Some(at);
            }
        };
        for (at, st) in steps.iter().enumerate() {
            for s in &st.inputs {
                used(s, at);
            }
        }
        // Results the program returns or stores live to the end.
        for s in outputs.iter().chain(writes.iter().map(|(_, s)| s)) {
            used(s, usize::MAX);
        }
        let mut frees = vec![Vec::new(); steps.len()];
        for (i, l) in last.iter().enumerate() {
            match l {
                Some(at) if *at != usize::MAX => frees[*at].push(i),
                // A result nothing uses dies as soon as it is made.
                None => frees[i].push(i),
                _ => {}
            }
        }
        Plan {
            inputs: inputs.len(),
            input_types: inputs,
            reads,
            steps,
            frees,
            outputs,
            writes,
        }
    }

    /// One line per step: the op, and the shape of its result.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (i, st) in self.steps.iter().enumerate() {
            let op = st.name.split("::{{closure}}").next().unwrap_or(st.name);
            let op = op.rsplit("::").next().unwrap_or(op);
            out.push_str(&format!("{:3} {} {:?}\n", i, op, st.out.0));
        }
        out
    }

    /// How many kernels a run executes.
    pub fn kernels(&self) -> usize {
        self.steps.len()
    }

    /// Whether the program takes arguments of these shapes and dtypes.
    pub fn serves(&self, args: &[Tensor]) -> bool {
        args.len() == self.inputs
            && args
                .iter()
                .zip(&self.input_types)
                .all(|(t, (s, d))| t.shape() == s.as_slice() && t.dtype() == *d)
    }

    /// Runs the program on `args`: its outputs, after the variables it writes are stored.
    pub fn run(&self, args: &[Tensor]) -> Result<Vec<Tensor>, Stop> {
        let vars: Vec<Tensor> = self.reads.iter().map(|c| c.borrow().clone()).collect();
        let mut results: Vec<Option<Tensor>> = vec![None; self.steps.len()];
        let get = |s: &Source, results: &[Option<Tensor>]| -> TResult<Tensor> {
            match s {
                Source::Input(i) => Ok(args[*i].clone()),
                Source::Var(i) => Ok(vars[*i].clone()),
                Source::Const(t) => Ok(t.clone()),
                Source::Step(i) => results[*i].clone().ok_or_else(|| {
                    TfError::new(ExcKind::RuntimeError, "a step's result was freed early")
                }),
            }
        };
        let mut ins: Vec<Tensor> = Vec::new();
        for (at, st) in self.steps.iter().enumerate() {
            if crate::tensor::interrupt::pending() {
                return Err(Stop::Failed);
            }
            ins.clear();
            for s in &st.inputs {
                ins.push(get(s, &results)?);
            }
            let refs: Vec<&Tensor> = ins.iter().collect();
            let out = (st.kernel)(&refs)?;
            if out.shape() != st.out.0.as_slice() || out.dtype() != st.out.1 {
                return Err(Stop::Stale);
            }
            results[at] = Some(out);
            for &d in &self.frees[at] {
                results[d] = None;
            }
        }
        ins.clear();
        let outs = self
            .outputs
            .iter()
            .map(|s| get(s, &results))
            .collect::<TResult<Vec<_>>>()?;
        // Every result is computed before any variable changes, so a stop leaves none
        // half-written.
        for (cell, s) in &self.writes {
            let v = get(s, &results)?;
            *cell.borrow_mut() = v.renewed();
        }
        Ok(outs)
    }
}
