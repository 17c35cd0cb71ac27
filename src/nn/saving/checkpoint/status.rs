//! `CheckpointLoadStatus`, what `load_weights` and `Checkpoint.restore` return: which
//! saved values found no object and which variables found no saved value, checked by
//! `assert_consumed`, `assert_existing_objects_matched` and `assert_nontrivial_match`
//! with TensorFlow's messages; `expect_partial` accepts a partial match.
//! `InitializationOnlyStatus` is `restore(None)`'s: nothing to restore.

use super::proto::Node;
use super::state::escape;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object, Variable};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

pub(crate) struct LoadStatus {
    /// Saved values no object took: `(path, the node as protobuf text)`, by node id.
    pub unresolved: Vec<(String, String)>,
    /// Variables of the model the checkpoint had no value for.
    pub unbound: Vec<Rc<Variable>>,
    /// How many variables were restored.
    pub restored: usize,
}

/// A graph node in protobuf's text format, as `str(proto)` prints it.
pub(crate) fn node_text(n: &Node) -> String {
    let mut s = String::new();
    for (id, name) in &n.children {
        s.push_str("children {\n");
        if *id != 0 {
            s.push_str(&format!("  node_id: {}\n", id));
        }
        s.push_str(&format!("  local_name: \"{}\"\n}}\n", escape(name)));
    }
    for (name, full, key) in &n.attributes {
        s.push_str(&format!(
            "attributes {{\n  name: \"{}\"\n  full_name: \"{}\"\n  checkpoint_key: \"{}\"\n}}\n",
            escape(name),
            escape(full),
            escape(key)
        ));
    }
    for (orig, name, slot) in &n.slots {
        s.push_str("slot_variables {\n");
        if *orig != 0 {
            s.push_str(&format!("  original_variable_node_id: {}\n", orig));
        }
        s.push_str(&format!("  slot_name: \"{}\"\n", escape(name)));
        if *slot != 0 {
            s.push_str(&format!("  slot_variable_node_id: {}\n", slot));
        }
        s.push_str("}\n");
    }
    if n.has_values {
        s.push_str("has_checkpoint_values {\n  value: true\n}\n");
    } else {
        s.push_str("has_checkpoint_values {\n}\n");
    }
    s
}

fn var_list(it: &mut Interp, vars: &[Rc<Variable>]) -> R<String> {
    let items: Vec<Value> = vars.iter().cloned().map(Value::Variable).collect();
    it.repr(&Value::list(items))
}

const METHODS: [&str; 6] = [
    "assert_consumed",
    "assert_existing_objects_matched",
    "assert_nontrivial_match",
    "expect_partial",
    "run_restore_ops",
    "initialize_or_restore",
];

fn method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(s) = this.as_object::<LoadStatus>() else {
        return Ok(Value::None);
    };
    match name {
        "run_restore_ops" | "initialize_or_restore" => {
            args.bind::<1>(name, ["session=None"])?;
            return Ok(Value::None);
        }
        _ => args.bind::<0>(name, [])?,
    };
    match name {
        "assert_consumed" => {
            if let Some((path, text)) = s.unresolved.first() {
                return raise(
                    ExcKind::AssertionError,
                    format!("Unresolved object in checkpoint {}: {}", path, text),
                );
            }
            if let Some(v) = s.unbound.first() {
                let r = it.repr(&Value::Variable(v.clone()))?;
                return raise(
                    ExcKind::AssertionError,
                    format!("Object not assigned a value from checkpoint: {}", r),
                );
            }
        }
        "assert_existing_objects_matched" if !s.unbound.is_empty() => {
            let n = s.unbound.len();
            let shown = n.min(10);
            let list = var_list(it, &s.unbound[..shown])?;
            return raise(
                ExcKind::AssertionError,
                format!(
                    "Found {} Python objects that were not bound to checkpointed values, likely due to changes in the Python program. Showing {} of {} unmatched objects: {}",
                    n, shown, n, list
                ),
            );
        }
        "assert_nontrivial_match" if s.restored == 0 => {
            let list = var_list(it, &s.unbound)?;
            return raise(
                ExcKind::AssertionError,
                format!(
                    "Nothing except the root object matched a checkpointed value. Typically this means that the checkpoint does not match the Python program. The following objects have no matching checkpointed value: {}",
                    list
                ),
            );
        }
        _ => {}
    }
    Ok(this.clone())
}

impl Object for LoadStatus {
    fn type_name(&self) -> String {
        "CheckpointLoadStatus".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, method)))
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS.iter().map(|s| s.to_string()).collect()
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.checkpoint.checkpoint.CheckpointLoadStatus object at 0x{:x}>",
            self as *const LoadStatus as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Checkpoint.restore(None)`: nothing is restored; the assertions say so.
pub(crate) struct InitOnlyStatus;

fn init_method(_it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    match name {
        "run_restore_ops" | "initialize_or_restore" => {
            args.bind::<1>(name, ["session=None"])?;
            return Ok(Value::None);
        }
        _ => args.bind::<0>(name, [])?,
    };
    match name {
        "assert_consumed" | "assert_existing_objects_matched" | "assert_nontrivial_match" => raise(
            ExcKind::AssertionError,
            "No checkpoint specified (save_path=None); nothing is being restored.",
        ),
        _ => Ok(this.clone()),
    }
}

impl Object for InitOnlyStatus {
    fn type_name(&self) -> String {
        "InitializationOnlyStatus".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, init_method)))
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS.iter().map(|s| s.to_string()).collect()
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tensorflow.python.checkpoint.checkpoint.InitializationOnlyStatus object at 0x{:x}>",
            self as *const InitOnlyStatus as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
