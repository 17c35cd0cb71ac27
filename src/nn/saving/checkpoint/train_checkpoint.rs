//! `tf.train.Checkpoint`: saves and restores the objects given to it by keyword (models,
//! layers, optimizers, variables, other checkpoints), with a `save_counter` that numbers
//! `save()`'s files (`ckpt-1`, `ckpt-2`) and is saved with them.

use super::{restore, state, status, write};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Flow, Interp, Value};
use crate::tensor::Tensor;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) struct TrainCheckpoint {
    /// `root=`: the object whose children the checkpoint's root takes as its own.
    pub root: Option<Value>,
    /// The objects given, by keyword, in name order (as TensorFlow tracks them).
    pub children: Vec<(String, Value)>,
    pub save_counter: RefCell<Option<Rc<Variable>>>,
}

impl TrainCheckpoint {
    /// `save_counter`, made (at 0) the first time it is needed.
    pub fn counter(&self, it: &mut Interp) -> Rc<Variable> {
        if let Some(c) = self.save_counter.borrow().clone() {
            return c;
        }
        let c = crate::nn::optimizers::new_var(it, "save_counter", Tensor::scalar(0i64));
        *self.save_counter.borrow_mut() = Some(c.clone());
        c
    }

    /// Adds one to `save_counter`; the new count.
    pub fn bump(&self, it: &mut Interp) -> i64 {
        let c = self.counter(it);
        let n = c.value.borrow().item_i64().unwrap_or(0) + 1;
        c.set(Tensor::scalar(n));
        n
    }
}

fn path_arg(it: &mut Interp, v: &Value) -> R<String> {
    crate::pylib::oserror::fspath(it, v)
}

const METHODS: [&str; 4] = ["save", "write", "restore", "read"];

fn method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(c) = this.as_object::<TrainCheckpoint>() else {
        return Ok(Value::None);
    };
    match name {
        "save" | "write" => {
            let [prefix, _options] = args.bind(name, ["file_prefix", "options=None"])?;
            let prefix = path_arg(it, &prefix.unwrap_or(Value::None))?;
            if name == "write" {
                write::write(this, &prefix)?;
                return Ok(Value::str(&prefix));
            }
            let n = c.bump(it);
            let path = format!("{}-{}", prefix, n);
            write::write(this, &path)?;
            let st = state::State {
                latest: path.clone(),
                all: vec![path.clone()],
                ..state::State::default()
            };
            state::write(write::parent(&prefix), &st)?;
            Ok(Value::str(&path))
        }
        _ => {
            let [path, _options] = args.bind(name, ["save_path", "options=None"])?;
            let path = path.unwrap_or(Value::None);
            if matches!(path, Value::None) {
                return Ok(Value::Object(Rc::new(status::InitOnlyStatus)));
            }
            let path = path_arg(it, &path)?;
            if name == "read" {
                return restore::load(this, &path);
            }
            c.counter(it);
            restore::load(this, &path).map_err(|e| match e {
                Flow::Error(mut x) if x.kind == ExcKind::NotFoundError => {
                    x.message = format!(
                        "Error when restoring from checkpoint or SavedModel at {}: {}",
                        path, x.message
                    );
                    Flow::Error(x)
                }
                other => other,
            })
        }
    }
}

impl Object for TrainCheckpoint {
    fn type_name(&self) -> String {
        "Checkpoint".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        if name == "save_counter" {
            return Ok(Some(Value::Variable(self.counter(it))));
        }
        if let Some(v) = self.children.iter().find(|(n, _)| n == name) {
            return Ok(Some(v.1.clone()));
        }
        match &self.root {
            Some(r) => it.get_attr(r, name).map(Some),
            None => Ok(None),
        }
    }
    fn attr_names(&self) -> Vec<String> {
        let mut names: Vec<String> = METHODS.iter().map(|s| s.to_string()).collect();
        names.push("save_counter".into());
        names.extend(self.children.iter().map(|(n, _)| n.clone()));
        names
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.checkpoint.checkpoint.Checkpoint object at 0x{:x}>",
            self as *const TrainCheckpoint as usize
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some("tensorflow.python.checkpoint.checkpoint.Checkpoint".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

crate::builtin! {
    /// Manages saving/restoring trackable values to disk.
    python ["tf.train.Checkpoint"]
    fn Checkpoint(it, root = None, **kwargs) {
        let mut children: Vec<(String, Value)> = Vec::new();
        let root = match root {
            Value::None => None,
            r => {
                if !super::objects::is_trackable(&r) {
                    let shown = it.str_of(&r)?;
                    return raise(
                        ExcKind::ValueError,
                        format!("`Checkpoint` was expecting root to be a trackable object (an object derived from `Trackable`), got {}. If you believe this object should be trackable (i.e. it is part of the TensorFlow Python API and manages state), please open an issue.", shown),
                    );
                }
                Some(r)
            }
        };
        if let Value::Dict(d) = &kwargs {
            let d = d.borrow();
            for (k, v) in d.keys.iter().zip(&d.values) {
                let Value::Str(k) = k else { continue };
                children.push((k.to_string(), v.clone()));
            }
        }
        children.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in &children {
            if !super::objects::is_trackable(v) {
                let shown = it.str_of(v)?;
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "`Checkpoint` was expecting {} to be a trackable object (an object derived from `Trackable`), got {}. If you believe this object should be trackable (i.e. it is part of the TensorFlow Python API and manages state), please open an issue.",
                        k, shown
                    ),
                );
            }
        }
        Ok(Value::Object(Rc::new(TrainCheckpoint {
            root,
            children,
            save_counter: RefCell::new(None),
        })))
    }
}
