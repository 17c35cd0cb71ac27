//! One optimizer step as Keras 2.15's base optimizer takes it: the schedule's rate for
//! this iteration, the slots made on first use, gradients clipped (`clipnorm`, else
//! `global_clipnorm`, else `clipvalue`), weight decay, each variable's update, the
//! moving averages (`use_ema`), the iteration count, then the variables' constraints.

use super::rules::{self, Step, UProduct};
use super::{new_var, schedules, Optimizer};
use crate::api::convert::tensor_of;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::{Args, Variable};
use crate::eval::{Interp, Value};
use crate::tensor::autodiff::tape::{self, Tape};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::Tensor;
use std::cell::RefCell;
use std::rc::Rc;

/// The (gradient, variable) pairs of `grads_and_vars`.
pub(super) fn pairs(it: &mut Interp, v: &Value) -> R<Vec<(Value, Rc<Variable>)>> {
    let mut out = Vec::new();
    for p in it.collect_items(v)? {
        let items: Vec<Value> = it.collect_items(&p)?;
        match items.as_slice() {
            [g, Value::Variable(var)] => out.push((g.clone(), var.clone())),
            _ => {
                return raise(
                    ExcKind::TypeError,
                    "grads_and_vars must be (gradient, variable) pairs",
                )
            }
        }
    }
    Ok(out)
}

/// The variables of a list (others are skipped).
pub(super) fn variables_of(it: &mut Interp, v: &Value) -> R<Vec<Rc<Variable>>> {
    Ok(it
        .collect_items(v)?
        .into_iter()
        .filter_map(|v| match v {
            Value::Variable(v) => Some(v),
            _ => None,
        })
        .collect())
}

/// A variable's name without its `:0` suffix.
fn shared_name(v: &Variable) -> String {
    let n = v.name.borrow();
    n.strip_suffix(":0").unwrap_or(&n).to_string()
}

fn b(op: Binary, x: &Tensor, y: &Tensor) -> R<Tensor> {
    Ok(ew::binary(op, x, y)?)
}

impl Optimizer {
    /// Makes the slots (and moving averages) of the variables not yet seen: all of them
    /// on the first call, in Keras's order.
    pub(super) fn build(&self, it: &mut Interp, vars: &[Rc<Variable>]) {
        let mut st = self.state.borrow_mut();
        let fresh: Vec<&Rc<Variable>> = vars
            .iter()
            .filter(|v| !st.slots.contains_key(&v.id))
            .collect();
        if fresh.is_empty() {
            return;
        }
        if !st.built {
            if let (rules::Kind::Nadam { .. }, Some(first)) = (&self.kind, vars.first()) {
                let dtype = first.value.borrow().dtype();
                st.u_product = Some(UProduct {
                    value: Tensor::from_f64s(dtype, &[], &[1.0]),
                    counter: 1,
                    traced_base: None,
                });
            }
        }
        st.built = true;
        for v in &fresh {
            let n = st.index.len();
            st.index.insert(v.id, n);
        }
        if self.base.use_ema {
            for v in &fresh {
                let name = format!("{}/average/{}", self.name, shared_name(v));
                let avg = new_var(it, &name, v.value.borrow().clone());
                st.averages.insert(v.id, avg.clone());
                st.variables.push(avg);
            }
        }
        for group in self.kind.slot_groups() {
            for v in &fresh {
                let (dtype, shape) = {
                    let w = v.value.borrow();
                    (w.dtype(), w.shape().to_vec())
                };
                for (slot, init) in &group {
                    let name = format!("{}/{}/{}", self.name, slot, shared_name(v));
                    let var = new_var(it, &name, Tensor::full(dtype, &shape, *init));
                    st.variables.push(var.clone());
                    st.slots.entry(v.id).or_default().push((*slot, var));
                }
            }
        }
        drop(st);
        crate::nn::saving::checkpoint::restore_slots(self);
    }

    /// The schedule's rate at the current iteration, kept in `current_learning_rate`.
    fn refresh_lr(&self, it: &mut Interp) -> R<()> {
        let Some(s) = self.schedule.borrow().clone() else {
            return Ok(());
        };
        let t = schedules::evaluate(it, &s, &self.iterations)?;
        self.lr_var.borrow().set(t);
        Ok(())
    }

    /// `clipnorm` (per gradient), else `global_clipnorm`, else `clipvalue`.
    fn clip(&self, it: &mut Interp, grads: Vec<Tensor>) -> R<Vec<Tensor>> {
        let base = &self.base;
        let call = |it: &mut Interp, path: &str, args: Vec<Value>| -> R<Value> {
            let f = crate::nn::declared(path);
            it.call(&f, Args::new(args))
        };
        let tensor = |v: Value| tensor_of(&v).ok_or_else(|| value_err("clipping gave no tensor"));
        if let Some(c) = base.clipnorm_f.filter(|c| *c > 0.0) {
            let mut out = Vec::with_capacity(grads.len());
            for g in grads {
                out.push(tensor(call(
                    it,
                    "tf.clip_by_norm",
                    vec![Value::Tensor(g), Value::Float(c)],
                )?)?);
            }
            return Ok(out);
        }
        if let Some(c) = base.global_f.filter(|c| *c > 0.0) {
            let list = Value::list(grads.into_iter().map(Value::Tensor).collect());
            let r = call(it, "tf.clip_by_global_norm", vec![list, Value::Float(c)])?;
            let parts = it.collect_items(&r)?;
            let first = parts.into_iter().next().unwrap_or(Value::None);
            return it.collect_items(&first)?.into_iter().map(tensor).collect();
        }
        if let Some(c) = base.clipvalue_f.filter(|c| *c > 0.0) {
            let mut out = Vec::with_capacity(grads.len());
            for g in grads {
                out.push(tensor(call(
                    it,
                    "tf.clip_by_value",
                    vec![Value::Tensor(g), Value::Float(-c), Value::Float(c)],
                )?)?);
            }
            return Ok(out);
        }
        Ok(grads)
    }

    fn decays(&self, v: &Variable) -> bool {
        let st = self.state.borrow();
        if st.exclude_ids.contains(&v.id) {
            return false;
        }
        let name = v.name.borrow();
        !st.exclude_names.iter().any(|n| name.contains(n.as_str()))
    }

    /// `variable -= variable * weight_decay * learning_rate`.
    fn weight_decay(&self, vars: &[Rc<Variable>]) -> R<()> {
        let Some(wd) = self.base.wd else {
            return Ok(());
        };
        for v in vars {
            if !self.decays(v) {
                continue;
            }
            let w = v.value.borrow().clone();
            let s = |x: f64| Tensor::from_f64s(w.dtype(), &[], &[x]);
            let dec = b(Binary::Mul, &b(Binary::Mul, &w, &s(wd))?, &s(self.lr()))?;
            v.set(b(Binary::Sub, &w, &dec)?);
        }
        Ok(())
    }

    /// The moving averages after a step, and their copy into the variables every
    /// `ema_overwrite_frequency` steps.
    fn moving_averages(&self, vars: &[Rc<Variable>], t: i64) -> R<()> {
        if !self.base.use_ema {
            return Ok(());
        }
        let m = self.base.ema_m;
        let averages: Vec<(Rc<Variable>, Rc<Variable>)> = {
            let st = self.state.borrow();
            vars.iter()
                .filter_map(|v| st.averages.get(&v.id).map(|a| (v.clone(), a.clone())))
                .collect()
        };
        for (v, a) in &averages {
            let w = v.value.borrow().clone();
            let s = |x: f64| Tensor::from_f64s(w.dtype(), &[], &[x]);
            let old = a.value.borrow().clone();
            let new = b(
                Binary::Add,
                &b(Binary::Mul, &s(m), &old)?,
                &b(Binary::Mul, &s(1.0 - m), &w)?,
            )?;
            a.set(new);
        }
        if let Some(freq) = self.base.ema_freq.filter(|f| *f != 0) {
            if (t + 1) % freq == 0 {
                for (v, a) in &averages {
                    v.set(a.value.borrow().clone());
                }
            }
        }
        Ok(())
    }

    /// `finalize_variable_values`: with `use_ema`, the variables take their averages.
    pub(super) fn finalize(&self, vars: &[Rc<Variable>]) {
        if !self.base.use_ema {
            return;
        }
        let st = self.state.borrow();
        for v in vars {
            if let Some(a) = st.averages.get(&v.id) {
                v.set(a.value.borrow().clone());
            }
        }
    }

    /// `exclude_from_weight_decay(var_list, var_names)`, before the first step only.
    pub(super) fn exclude(&self, it: &mut Interp, var_list: Value, var_names: Value) -> R<()> {
        if self.state.borrow().built {
            return raise(
                ExcKind::ValueError,
                "`exclude_from_weight_decay()` can only be configued before the optimizer is built.",
            );
        }
        let ids = match &var_list {
            Value::None => vec![],
            v => variables_of(it, v)?.iter().map(|v| v.id).collect(),
        };
        let mut names = Vec::new();
        if !matches!(var_names, Value::None) {
            for n in it.collect_items(&var_names)? {
                names.push(it.str_of(&n)?);
            }
        }
        let mut st = self.state.borrow_mut();
        st.exclude_ids = ids;
        st.exclude_names = names;
        Ok(())
    }

    /// Applies (gradient, variable) pairs; None gradients are skipped, all None is an
    /// error. `traced` marks a step of `fit`, which Keras runs as a traced graph.
    pub fn apply(
        &self,
        it: &mut Interp,
        pairs: &[(Value, Rc<Variable>)],
        traced: bool,
    ) -> R<Value> {
        self.refresh_lr(it)?;
        if pairs.is_empty() {
            return Ok(Value::Variable(self.iterations.clone()));
        }
        let all: Vec<Rc<Variable>> = pairs.iter().map(|(_, v)| v.clone()).collect();
        self.build(it, &all);
        let mut grads = Vec::new();
        let mut vars = Vec::new();
        for (g, v) in pairs {
            if let Some(g) = tensor_of(g) {
                grads.push(g);
                vars.push(v.clone());
            }
        }
        if grads.is_empty() {
            let names: Vec<String> = pairs
                .iter()
                .map(|(_, v)| format!("'{}'", v.name.borrow()))
                .collect();
            let mut shown = Vec::new();
            for (g, v) in pairs {
                shown.push(format!(
                    "({}, {})",
                    it.repr(g)?,
                    it.repr(&Value::Variable(v.clone()))?
                ));
            }
            return Err(value_err(format!(
                "No gradients provided for any variable: ([{}],). Provided `grads_and_vars` is ({},).",
                names.join(", "),
                shown.join(", ")
            )));
        }
        for (g, v) in grads.iter().zip(&vars) {
            if g.shape() != v.value.borrow().shape() {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Shapes {} and {} are incompatible",
                        crate::print::shape_tuple(g.shape()),
                        crate::print::shape_tuple(v.value.borrow().shape())
                    ),
                );
            }
        }
        let grads = self.clip(it, grads)?;
        self.weight_decay(&vars)?;
        // The count as a number only where a rule or the averages decide on it.
        let t = match (self.kind, self.base.use_ema) {
            (rules::Kind::Nadam { .. }, _) | (_, true) => self.step(),
            _ => 0,
        };
        let lr = self.lr_var.borrow().value.borrow().clone();
        let count_before = self.iterations.value.borrow().clone();
        for (g, v) in grads.into_iter().zip(&vars) {
            let w = v.value.borrow().clone();
            let g = g.cast(w.dtype());
            let (slots, index, count) = {
                let st = self.state.borrow();
                (
                    st.slots.get(&v.id).cloned().unwrap_or_default(),
                    st.index.get(&v.id).copied().unwrap_or(0),
                    st.index.len(),
                )
            };
            let mut st = self.state.borrow_mut();
            let step = Step {
                w,
                g,
                lr: lr.clone(),
                iterations: count_before.clone(),
                t,
                slots: &slots,
                index,
                count,
                traced,
            };
            let new = rules::update(&self.kind, step, st.u_product.as_mut())?;
            drop(st);
            v.set(new);
        }
        self.moving_averages(&vars, t)?;
        let one = Tensor::full(count_before.dtype(), &[], 1.0);
        self.iterations.set(crate::tensor::ops::elementwise::binary(
            Binary::Add,
            &count_before,
            &one,
        )?);
        for v in &vars {
            crate::nn::constraints::apply_after_update(it, v)?;
        }
        Ok(Value::Variable(Rc::new(Variable {
            name: RefCell::new("UnreadVariable".into()),
            value: self.iterations.value.clone(),
            trainable: false,
            id: 0,
            autocast: false,
        })))
    }

    /// One training step of `fit`: the gradients of `target` recorded on `tape` with
    /// respect to `vars`, applied.
    pub fn step_on(
        &self,
        it: &mut Interp,
        tape: &crate::tensor::autodiff::TapeRef,
        target: Tensor,
        vars: Vec<Rc<Variable>>,
    ) -> R<Value> {
        let srcs: Vec<Tensor> = vars.iter().map(|v| v.value.borrow().clone()).collect();
        let grads = tape::gradient(tape, &[(target, None)], &srcs)?;
        let pairs: Vec<(Value, Rc<Variable>)> = grads
            .into_iter()
            .zip(vars)
            .map(|(g, v)| (g.map(Value::Tensor).unwrap_or(Value::None), v))
            .collect();
        self.apply(it, &pairs, true)
    }

    /// `minimize(loss, var_list, tape=None)`: a callable loss is recorded on a tape of its
    /// own; a tensor loss needs the tape that recorded it.
    pub(super) fn minimize(
        &self,
        it: &mut Interp,
        loss: Value,
        var_list: Value,
        tape_arg: Value,
    ) -> R<()> {
        if !it.is_callable(&loss) {
            if matches!(tape_arg, Value::None) {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "`tape` is required when a `Tensor` loss is passed. Received: loss={}, tape=None.",
                        it.str_of(&loss)?
                    ),
                );
            }
            let var_list = if it.is_callable(&var_list) {
                it.call(&var_list, Args::default())?
            } else {
                var_list
            };
            let gradient = it.get_attr(&tape_arg, "gradient")?;
            let grads = it.call(&gradient, Args::new(vec![loss, var_list.clone()]))?;
            let grads = it.collect_items(&grads)?;
            let vars = variables_of(it, &var_list)?;
            let pairs: Vec<(Value, Rc<Variable>)> = grads.into_iter().zip(vars).collect();
            self.apply(it, &pairs, false)?;
            return Ok(());
        }
        let t = Tape::new(false, true);
        tape::push(&t);
        let value = it.call(&loss, Args::default());
        tape::pop(&t);
        let target = tensor_of(&value?).unwrap_or_else(|| Tensor::scalar(0f32));
        let var_list = if it.is_callable(&var_list) {
            it.call(&var_list, Args::default())?
        } else {
            var_list
        };
        let vars = variables_of(it, &var_list)?;
        let srcs: Vec<Tensor> = vars.iter().map(|v| v.value.borrow().clone()).collect();
        let grads = tape::gradient(&t, &[(target, None)], &srcs)?;
        let pairs: Vec<(Value, Rc<Variable>)> = grads
            .into_iter()
            .zip(vars)
            .map(|(g, v)| (g.map(Value::Tensor).unwrap_or(Value::None), v))
            .collect();
        self.apply(it, &pairs, false)?;
        Ok(())
    }
}
