//! `tf.train.CheckpointManager`: numbered saves of a `tf.train.Checkpoint` in one
//! directory (`ckpt-3`, `ckpt-4`, ...), keeping the last `max_to_keep` and deleting older
//! ones, with the `checkpoint` file listing those kept and when each was saved. A new
//! manager over a directory picks up the checkpoints its file lists.

use super::train_checkpoint::TrainCheckpoint;
use super::{restore, state, write};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

pub(crate) struct Manager {
    checkpoint: Value,
    directory: String,
    prefix: String,
    max_to_keep: Option<usize>,
    init_fn: Value,
    /// The checkpoints kept, oldest first, with the time each was saved.
    kept: RefCell<Vec<(String, f64)>>,
    latest: RefCell<Option<String>>,
    last_preserved: f64,
}

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

impl Manager {
    fn save(&self, it: &mut Interp, number: Option<i64>) -> R<String> {
        let Some(c) = self.checkpoint.as_object::<TrainCheckpoint>() else {
            return Ok(String::new());
        };
        let count = c.bump(it);
        let path = format!("{}-{}", self.prefix, number.unwrap_or(count));
        write::write(&self.checkpoint, &path)?;
        let mut kept = self.kept.borrow_mut();
        kept.retain(|(p, _)| *p != path);
        kept.push((path.clone(), now()));
        if let Some(max) = self.max_to_keep {
            while kept.len() > max {
                let (old, _) = kept.remove(0);
                write::delete(&old);
            }
        }
        *self.latest.borrow_mut() = Some(path.clone());
        let st = state::State {
            latest: path.clone(),
            all: kept.iter().map(|(p, _)| p.clone()).collect(),
            timestamps: kept.iter().map(|(_, t)| *t).collect(),
            last_preserved: Some(self.last_preserved),
        };
        state::write(Path::new(&self.directory), &st)?;
        Ok(path)
    }
}

const METHODS: [&str; 2] = ["save", "restore_or_initialize"];

fn method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(m) = this.as_object::<Manager>() else {
        return Ok(Value::None);
    };
    if name == "save" {
        let [number, _check, _options] = args.bind(
            "save",
            [
                "checkpoint_number=None",
                "check_interval=True",
                "options=None",
            ],
        )?;
        let number = match number {
            None | Some(Value::None) => None,
            Some(v) => Some(crate::api::convert::i64_arg(&v, "checkpoint_number")?),
        };
        return Ok(Value::str(&m.save(it, number)?));
    }
    args.bind::<0>(name, [])?;
    let latest = m.latest.borrow().clone();
    match latest {
        Some(path) => {
            restore::load(&m.checkpoint, &path)?;
            Ok(Value::str(&path))
        }
        None => {
            if !matches!(m.init_fn, Value::None) {
                it.call(&m.init_fn, Args::new(vec![]))?;
            }
            Ok(Value::None)
        }
    }
}

impl Object for Manager {
    fn type_name(&self) -> String {
        "CheckpointManager".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(m) = METHODS.iter().find(|m| **m == name) {
            return Ok(Some(Value::method(this.clone(), m, method)));
        }
        Ok(Some(match name {
            "latest_checkpoint" => self
                .latest
                .borrow()
                .as_ref()
                .map_or(Value::None, |p| Value::str(p)),
            "checkpoints" => Value::list(
                self.kept
                    .borrow()
                    .iter()
                    .map(|(p, _)| Value::str(p))
                    .collect(),
            ),
            "directory" => Value::str(&self.directory),
            "checkpoint" => self.checkpoint.clone(),
            _ => return Ok(None),
        }))
    }
    fn attr_names(&self) -> Vec<String> {
        let mut names: Vec<String> = METHODS.iter().map(|s| s.to_string()).collect();
        for n in [
            "latest_checkpoint",
            "checkpoints",
            "directory",
            "checkpoint",
        ] {
            names.push(n.into());
        }
        names
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.checkpoint.checkpoint_management.CheckpointManager object at 0x{:x}>",
            self as *const Manager as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

crate::builtin! {
    /// Manages multiple checkpoints by keeping some and deleting unneeded ones.
    python ["tf.train.CheckpointManager"]
    fn CheckpointManager(it, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours = None, checkpoint_name = "ckpt", step_counter = None, checkpoint_interval = None, init_fn = None) {
        let _ = (keep_checkpoint_every_n_hours, step_counter, checkpoint_interval);
        if checkpoint.as_object::<TrainCheckpoint>().is_none() {
            let shown = it.repr(&checkpoint)?;
            return raise(
                ExcKind::TypeError,
                format!("Expected a tf.train.Checkpoint, got {}", shown),
            );
        }
        let directory = crate::pylib::oserror::fspath(it, &directory)?;
        let max_to_keep = match max_to_keep {
            Value::None => None,
            v => {
                let n = crate::api::convert::i64_arg(&v, "max_to_keep")?;
                Some(n.max(0) as usize)
            }
        };
        let name = crate::pylib::oserror::fspath(it, &checkpoint_name)?;
        let prefix = Path::new(&directory).join(&name).to_string_lossy().into_owned();
        let clock = now();
        let (kept, latest, preserved) = match state::read(&directory, "checkpoint") {
            Some(st) => {
                let preserved = st.last_preserved.filter(|t| *t <= clock).unwrap_or(clock);
                let stamps = if st.timestamps.len() == st.all.len() {
                    st.timestamps.clone()
                } else {
                    vec![preserved; st.all.len()]
                };
                (st.all.into_iter().zip(stamps).collect(), Some(st.latest), preserved)
            }
            None => (Vec::new(), None, clock),
        };
        Ok(Value::Object(Rc::new(Manager {
            checkpoint,
            directory,
            prefix,
            max_to_keep,
            init_fn,
            kept: RefCell::new(kept),
            latest: RefCell::new(latest),
            last_preserved: preserved,
        })))
    }
}
