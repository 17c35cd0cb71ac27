//! Python's `copy` module: `copy` (shallow) and `deepcopy` (recursive, with the memo that
//! keeps shared and cyclic structure). Immutable values come back as they are; instances
//! of user classes get a new instance with their `__dict__` copied, or their own
//! `__copy__`/`__deepcopy__`; variables get a new variable holding the same value.

use crate::builtin;
use crate::eval::error::R;
use crate::eval::value::{Args, Dict, Instance, Variable};
use crate::eval::{Interp, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

fn new_instance(inst: &Instance, dict: HashMap<String, Value>) -> Value {
    Value::Instance(Rc::new(Instance {
        class: inst.class.clone(),
        dict: RefCell::new(dict),
        attr_order: RefCell::new(inst.attr_order.borrow().clone()),
        native: RefCell::new(inst.native.borrow().clone()),
    }))
}

fn new_variable(it: &mut Interp, v: &Variable) -> Value {
    let t = v.value.borrow().clone();
    Value::Variable(Rc::new(Variable {
        name: RefCell::new(v.name.borrow().clone()),
        value: crate::tensor::compile::cell(t.renewed()),
        trainable: v.trainable,
        id: it.fresh_id(),
        autocast: v.autocast,
    }))
}

fn shallow(it: &mut Interp, x: &Value) -> R<Value> {
    Ok(match x {
        Value::List(l) => Value::list(l.borrow().clone()),
        Value::Set(s) => Value::Set(Rc::new(RefCell::new(s.borrow().clone()))),
        Value::Dict(d) => Value::Dict(Rc::new(RefCell::new(d.borrow().clone()))),
        Value::Instance(inst) => {
            if let Ok(f) = it.get_attr(x, "__copy__") {
                return it.call(&f, Args::default());
            }
            new_instance(inst, inst.dict.borrow().clone())
        }
        Value::Variable(v) => new_variable(it, v),
        other => other.clone(),
    })
}

builtin! {
    /// Shallow copy operation on arbitrary Python objects.
    python ["copy.copy"]
    fn copy(it, x) {
        shallow(it, &x)
    }
}

struct Deep {
    memo: HashMap<usize, Value>,
    /// Values kept alive while the memo holds their identities.
    keep: Vec<Value>,
}

impl Deep {
    fn copy(&mut self, it: &mut Interp, x: &Value) -> R<Value> {
        let id = x.identity();
        let container = matches!(
            x,
            Value::List(_)
                | Value::Set(_)
                | Value::Dict(_)
                | Value::Tuple(_)
                | Value::Instance(_)
                | Value::Variable(_)
        );
        if !container {
            return Ok(x.clone());
        }
        if let Some(v) = self.memo.get(&id) {
            return Ok(v.clone());
        }
        it.check_interrupt()?;
        if it.depth >= 1000 {
            return crate::eval::error::raise(
                crate::errors::ExcKind::RecursionError,
                "maximum recursion depth exceeded",
            );
        }
        it.depth += 1;
        let r = self.copy_container(it, x, id);
        it.depth -= 1;
        r
    }

    fn remember(&mut self, id: usize, orig: &Value, copy: &Value) {
        self.memo.insert(id, copy.clone());
        self.keep.push(orig.clone());
    }

    fn copy_container(&mut self, it: &mut Interp, x: &Value, id: usize) -> R<Value> {
        Ok(match x {
            Value::List(l) => {
                let out = Rc::new(RefCell::new(Vec::new()));
                self.remember(id, x, &Value::List(out.clone()));
                let items = l.borrow().clone();
                for v in items {
                    let c = self.copy(it, &v)?;
                    out.borrow_mut().push(c);
                }
                Value::List(out)
            }
            Value::Set(s) => {
                let items = s.borrow().clone();
                let mut out = Vec::with_capacity(items.len());
                for v in items {
                    out.push(self.copy(it, &v)?);
                }
                let v = Value::Set(Rc::new(RefCell::new(out)));
                self.remember(id, x, &v);
                v
            }
            Value::Dict(d) => {
                let out = Rc::new(RefCell::new(Dict::default()));
                self.remember(id, x, &Value::Dict(out.clone()));
                let (keys, values) = {
                    let d = d.borrow();
                    (d.keys.clone(), d.values.clone())
                };
                for (k, v) in keys.iter().zip(&values) {
                    let k = self.copy(it, k)?;
                    let v = self.copy(it, v)?;
                    out.borrow_mut().insert(k, v)?;
                }
                Value::Dict(out)
            }
            Value::Tuple(t) => {
                let mut out = Vec::with_capacity(t.len());
                for v in t.iter() {
                    out.push(self.copy(it, v)?);
                }
                // A tuple of the same objects is the tuple itself.
                if let Some(v) = self.memo.get(&id) {
                    return Ok(v.clone());
                }
                let same = out
                    .iter()
                    .zip(t.iter())
                    .all(|(a, b)| crate::eval::ops::same(a, b));
                let v = if same { x.clone() } else { Value::tuple(out) };
                self.remember(id, x, &v);
                v
            }
            Value::Instance(inst) => {
                if let Ok(f) = it.get_attr(x, "__deepcopy__") {
                    let v = it.call(&f, Args::new(vec![Value::Dict(Default::default())]))?;
                    self.remember(id, x, &v);
                    return Ok(v);
                }
                let copy = new_instance(inst, HashMap::new());
                self.remember(id, x, &copy);
                let entries: Vec<(String, Value)> = inst
                    .dict
                    .borrow()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut dict = HashMap::new();
                for (k, v) in entries {
                    dict.insert(k, self.copy(it, &v)?);
                }
                if let Value::Instance(c) = &copy {
                    *c.dict.borrow_mut() = dict;
                }
                copy
            }
            Value::Variable(v) => {
                let c = new_variable(it, v);
                self.remember(id, x, &c);
                c
            }
            other => other.clone(),
        })
    }
}

builtin! {
    /// Deep copy operation on arbitrary Python objects.
    python ["copy.deepcopy"]
    fn deepcopy(it, x, memo = None) {
        let mut d = Deep { memo: HashMap::new(), keep: Vec::new() };
        d.copy(it, &x)
    }
}

/// `copy` has no constants; `copy.Error` is its exception.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "copy");
    m.set("Error", Value::ExcClass(crate::errors::ExcKind::Exception));
}
