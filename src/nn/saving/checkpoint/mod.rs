//! TensorFlow's checkpoint format: what `save_weights` writes for a path without an HDF5
//! or Keras suffix (`'training_1/cp.ckpt'`), and `tf.train.Checkpoint` and
//! `CheckpointManager` write: `PREFIX.index` and `PREFIX.data-00000-of-00001`, with the
//! `checkpoint` file beside them naming the latest, as `tf.train.latest_checkpoint`
//! reads it. Files written here load in TensorFlow, and TensorFlow's load here.
//!
//! | file | owns |
//! |---|---|
//! | `proto.rs` | the protobuf messages: bundle header and entries, the object graph |
//! | `table.rs` | the sorted string table of the `.index` file |
//! | `bundle.rs` | the tensor bundle: tensors by key in the index and data files |
//! | `objects.rs` | the objects a root saves and their checkpoint names |
//! | `write.rs` | writing a checkpoint |
//! | `restore.rs` | restoring one, now or when the objects are made |
//! | `state.rs` | the `checkpoint` file |
//! | `status.rs` | `CheckpointLoadStatus` and its assertions |
//! | `train_checkpoint.rs` | `tf.train.Checkpoint` |
//! | `manager.rs` | `tf.train.CheckpointManager` |

mod bundle;
mod manager;
mod objects;
mod proto;
mod restore;
mod state;
mod status;
pub(crate) mod table;
mod train_checkpoint;
mod write;

pub(crate) use restore::{after_build, restore_slots, CallGuard, Pending, SlotRestore};

use crate::errors::ExcKind;
use crate::eval::error::{err, R};
use crate::eval::{Interp, Value};
use std::path::Path;

const GRAPH_KEY: &str = "_CHECKPOINTABLE_OBJECT_GRAPH";

/// `model.save_weights(prefix)` in TensorFlow's format: the checkpoint, and the
/// `checkpoint` file naming it as the only one.
pub(crate) fn save(model: &Value, prefix: &str) -> R<()> {
    write::write(model, prefix)?;
    let st = state::State {
        latest: prefix.to_string(),
        all: vec![prefix.to_string()],
        ..state::State::default()
    };
    state::write(write::parent(prefix), &st)
}

/// `model.load_weights(prefix)` from a TensorFlow checkpoint: the load status.
pub(crate) fn load(model: &Value, prefix: &str) -> R<Value> {
    restore::load(model, prefix)
}

/// The variables a checkpoint holds, by key, with their shapes.
fn list(prefix: &str) -> R<Value> {
    let b = restore::open(prefix)?;
    let items = b
        .entries
        .iter()
        .map(|(k, e)| {
            let dims = e.shape.iter().map(|&d| Value::Int(d)).collect();
            Value::tuple(vec![Value::str(k), Value::list(dims)])
        })
        .collect();
    Ok(Value::list(items))
}

/// A checkpoint prefix, or the latest checkpoint of a directory.
fn resolve(it: &mut Interp, path: &Value) -> R<String> {
    let p = crate::pylib::oserror::fspath(it, path)?;
    if Path::new(&p).is_dir() {
        return state::latest(&p, "checkpoint").ok_or_else(|| {
            err(
                ExcKind::ValueError,
                format!(
                    "Couldn't find 'checkpoint' file or checkpoints in given directory {}",
                    p
                ),
            )
        });
    }
    Ok(p)
}

crate::builtin! {
    /// Finds the filename of latest saved checkpoint file.
    python ["tf.train.latest_checkpoint"]
    fn latest_checkpoint(it, checkpoint_dir, latest_filename = None) {
        let dir = crate::pylib::oserror::fspath(it, &checkpoint_dir)?;
        let name = match &latest_filename {
            Value::Str(s) => s.to_string(),
            _ => "checkpoint".to_string(),
        };
        Ok(state::latest(&dir, &name).map_or(Value::None, |s| Value::str(&s)))
    }
}

crate::builtin! {
    /// Lists the checkpoint keys and shapes of variables in a checkpoint.
    python ["tf.train.list_variables"]
    fn list_variables(it, ckpt_dir_or_file) {
        let prefix = resolve(it, &ckpt_dir_or_file)?;
        list(&prefix)
    }
}
