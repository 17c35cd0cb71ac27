//! Writing a checkpoint: the object graph of everything the root saves, each variable's
//! value under its key, and the graph itself under `_CHECKPOINTABLE_OBJECT_GRAPH`.

use super::{bundle, objects, proto, GRAPH_KEY};
use crate::eval::error::R;
use crate::eval::{Flow, Value};
use std::path::Path;

pub(crate) fn data_path(prefix: &str) -> String {
    format!("{}.data-00000-of-00001", prefix)
}

fn io_err(e: std::io::Error, path: &str) -> Flow {
    crate::pylib::oserror::os_error(&e, path)
}

pub(crate) fn parent(prefix: &str) -> &Path {
    Path::new(prefix).parent().unwrap_or(Path::new(""))
}

/// Writes the checkpoint of `root` at `prefix` (`prefix.index`, `prefix.data-...`),
/// making the directory if needed.
pub(crate) fn write(root: &Value, prefix: &str) -> R<()> {
    let nodes = objects::graph(root);
    let mut values = Vec::new();
    let mut protos: Vec<proto::Node> = Vec::with_capacity(nodes.len());
    for n in &nodes {
        let mut p = proto::Node {
            children: n
                .children
                .iter()
                .map(|(name, id)| (*id, name.clone()))
                .collect(),
            ..proto::Node::default()
        };
        if let Some(v) = &n.var {
            let key = objects::key_of(&n.path);
            let full = v.name.borrow().trim_end_matches(":0").to_string();
            p.attributes
                .push(("VARIABLE_VALUE".into(), full, key.clone()));
            p.has_values = true;
            values.push((key, bundle::Saved::Tensor(v.value.borrow().clone())));
        }
        protos.push(p);
    }
    // An object has checkpoint values when anything below it does.
    loop {
        let mut changed = false;
        for i in 0..protos.len() {
            if !protos[i].has_values
                && protos[i]
                    .children
                    .iter()
                    .any(|(c, _)| protos[*c].has_values)
            {
                protos[i].has_values = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    values.push((
        GRAPH_KEY.into(),
        bundle::Saved::Bytes(proto::encode_graph(&protos)),
    ));
    let (index, data) = bundle::write(values);
    let dir = parent(prefix);
    if !dir.as_os_str().is_empty() {
        std::fs::create_dir_all(dir).map_err(|e| io_err(e, &dir.to_string_lossy()))?;
    }
    let dp = data_path(prefix);
    std::fs::write(&dp, data).map_err(|e| io_err(e, &dp))?;
    let ip = format!("{}.index", prefix);
    std::fs::write(&ip, index).map_err(|e| io_err(e, &ip))
}

/// Removes a checkpoint's files (a `CheckpointManager` dropping an old one).
pub(crate) fn delete(prefix: &str) {
    let _ = std::fs::remove_file(format!("{}.index", prefix));
    let _ = std::fs::remove_file(data_path(prefix));
}
