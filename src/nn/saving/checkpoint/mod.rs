//! TensorFlow's checkpoint format, which `save_weights` writes for a path without an
//! HDF5 or Keras suffix (`'training_1/cp.ckpt'`): `PREFIX.index` and
//! `PREFIX.data-00000-of-00001`, with the `checkpoint` file beside them naming the
//! latest, as `tf.train.latest_checkpoint` reads it. Files written here load in
//! TensorFlow, and TensorFlow's load here.
//!
//! | file | owns |
//! |---|---|
//! | `proto.rs` | the protobuf messages: bundle header and entries, the object graph |
//! | `table.rs` | the sorted string table of the `.index` file |
//! | `bundle.rs` | the tensor bundle: tensors by key in the index and data files |
//! | `objects.rs` | the objects a model saves and their checkpoint names |
//! | `status.rs` | `CheckpointLoadStatus` and its assertions |

mod bundle;
mod objects;
mod proto;
mod status;
mod table;

use crate::errors::ExcKind;
use crate::eval::error::{err, raise, R};
use crate::eval::value::Args;
use crate::eval::{Flow, Interp, Value};
use std::collections::{HashMap, VecDeque};
use std::path::Path;

const GRAPH_KEY: &str = "_CHECKPOINTABLE_OBJECT_GRAPH";

fn data_path(prefix: &str) -> String {
    format!("{}.data-00000-of-00001", prefix)
}

fn io_err(e: std::io::Error, path: &str) -> Flow {
    crate::pylib::oserror::os_error(&e, path)
}

fn parent(prefix: &str) -> &Path {
    Path::new(prefix).parent().unwrap_or(Path::new(""))
}

/// Writes `model`'s variables (and its optimizer's) as a checkpoint at `prefix`.
pub(crate) fn save(model: &Value, prefix: &str) -> R<()> {
    let nodes = objects::graph(model);
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
    std::fs::write(&ip, index).map_err(|e| io_err(e, &ip))?;
    write_state(prefix)
}

/// The `checkpoint` file beside a checkpoint, naming it as the latest (relative to the
/// directory, as Keras writes it).
fn write_state(prefix: &str) -> R<()> {
    let name = Path::new(prefix)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = status::escape(&name);
    let text = format!(
        "model_checkpoint_path: \"{}\"\nall_model_checkpoint_paths: \"{}\"\n",
        name, name
    );
    let path = parent(prefix).join("checkpoint");
    std::fs::write(&path, text).map_err(|e| io_err(e, &path.to_string_lossy()))
}

fn unquote(s: &str) -> Option<String> {
    let s = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                c => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// `tf.train.latest_checkpoint`: the prefix the directory's `checkpoint` file names, if
/// its index file exists.
fn latest(dir: &str, state_name: &str) -> Option<String> {
    let text = std::fs::read_to_string(Path::new(dir).join(state_name)).ok()?;
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("model_checkpoint_path:"))?;
    let name = unquote(line)?;
    let prefix = if Path::new(&name).is_absolute() {
        name
    } else {
        Path::new(dir).join(&name).to_string_lossy().into_owned()
    };
    Path::new(&format!("{}.index", prefix))
        .is_file()
        .then_some(prefix)
}

fn not_found(prefix: &str) -> Flow {
    err(
        ExcKind::NotFoundError,
        format!(
            "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for {}",
            prefix
        ),
    )
}

/// Reads the bundle at `prefix`, its sizes checked against the memory budget.
fn open(prefix: &str) -> R<bundle::Bundle> {
    let ip = format!("{}.index", prefix);
    if !Path::new(&ip).is_file() {
        return Err(not_found(prefix));
    }
    let index = super::files::read_bytes(&ip)?;
    let mut b = bundle::Bundle::parse(&index, Vec::new()).map_err(|m| err(ExcKind::OpError, m))?;
    let dp = data_path(prefix);
    if !Path::new(&dp).is_file() {
        return Err(not_found(&dp));
    }
    b.data = super::files::read_bytes(&dp)?;
    Ok(b)
}

/// The dotted path TensorFlow names a saved object by: `(root).optimizer._iterations`.
fn saved_paths(nodes: &[proto::Node]) -> Vec<String> {
    let mut paths: Vec<Option<String>> = vec![None; nodes.len()];
    if nodes.is_empty() {
        return Vec::new();
    }
    paths[0] = Some("(root)".into());
    let mut queue = VecDeque::from([0usize]);
    while let Some(i) = queue.pop_front() {
        for (c, name) in &nodes[i].children {
            if *c < nodes.len() && paths[*c].is_none() {
                paths[*c] = Some(format!("{}.{}", paths[i].as_deref().unwrap_or(""), name));
                queue.push_back(*c);
            }
        }
    }
    paths.into_iter().map(|p| p.unwrap_or_default()).collect()
}

/// Builds a compiled model's optimizer before restoring it, when the checkpoint holds
/// its slots (TensorFlow restores them when the optimizer makes them; the values are
/// the same).
fn build_optimizer(it: &mut Interp, model: &Value, saved: &[proto::Node]) -> R<()> {
    let Some(opt) = super::weights_v3::optimizer_of(model) else {
        return Ok(());
    };
    let built = super::weights_v3::optimizer_vars(&opt).len() > 1;
    let child = |n: usize, name: &str| {
        saved.get(n).and_then(|node| {
            node.children
                .iter()
                .find(|(_, l)| l == name)
                .map(|(c, _)| *c)
        })
    };
    let slots = child(0, "optimizer")
        .and_then(|o| child(o, "_variables"))
        .map_or(0, |v| saved.get(v).map_or(0, |n| n.children.len()));
    if built || slots <= 1 {
        return Ok(());
    }
    let build = it.get_attr(&opt, "build")?;
    let vars = crate::nn::trainable_of(model);
    let list = Value::list(vars.into_iter().map(Value::Variable).collect());
    it.call(&build, Args::new(vec![list]))?;
    Ok(())
}

/// A checkpoint loaded into a model that had not made all its variables yet.
pub(crate) struct Pending {
    bundle: bundle::Bundle,
    saved: Vec<proto::Node>,
    /// The variables already restored (by identity), which later passes leave alone.
    done: std::cell::RefCell<Vec<usize>>,
}

/// What one pass of restoring found.
struct Restored {
    count: usize,
    unresolved: Vec<(String, String)>,
    unbound: Vec<std::rc::Rc<crate::eval::value::Variable>>,
}

/// Assigns every variable of `model` whose route from the root names a saved value,
/// but those in `done`, which it extends.
fn restore(
    b: &bundle::Bundle,
    saved: &[proto::Node],
    model: &Value,
    done: &mut Vec<usize>,
) -> R<Restored> {
    let ours = objects::graph(model);
    let mut matched: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::new();
    if !saved.is_empty() {
        matched.insert(0, 0);
        queue.push_back((0usize, 0usize));
    }
    while let Some((s, o)) = queue.pop_front() {
        for (c, name) in &saved[s].children {
            if *c >= saved.len() || matched.contains_key(c) {
                continue;
            }
            if let Some(oc) = ours[o].child(name) {
                matched.insert(*c, oc);
                queue.push_back((*c, oc));
            }
        }
    }
    let mut restores: Vec<(String, usize)> = Vec::new();
    let mut unresolved = Vec::new();
    let paths = saved_paths(saved);
    for (i, node) in saved.iter().enumerate() {
        let Some((_, _, key)) = node.attributes.iter().find(|a| a.0 == "VARIABLE_VALUE") else {
            continue;
        };
        match matched.get(&i).filter(|o| ours[**o].var.is_some()) {
            Some(o) => restores.push((key.clone(), *o)),
            None => unresolved.push((paths[i].clone(), status::node_text(node))),
        }
    }
    restores.sort();
    for (key, o) in &restores {
        let Some(var) = &ours[*o].var else { continue };
        let id = std::rc::Rc::as_ptr(var) as usize;
        if done.contains(&id) {
            continue;
        }
        done.push(id);
        let t = b.tensor(key).map_err(|m| err(ExcKind::DataLossError, m))?;
        let want = var.value.borrow().shape().to_vec();
        if t.shape() != want.as_slice() {
            return raise(
                ExcKind::ValueError,
                format!(
                    "Received incompatible tensor with shape {} when attempting to restore variable with shape {} and name {}.",
                    crate::print::shape_tuple(t.shape()),
                    crate::print::shape_tuple(&want),
                    var.name.borrow()
                ),
            );
        }
        let dtype = var.value.borrow().dtype();
        var.set(t.cast(dtype));
    }
    let restored_ids: Vec<usize> = restores.iter().map(|(_, o)| *o).collect();
    let unbound = ours
        .iter()
        .enumerate()
        .filter(|(i, n)| n.var.is_some() && !restored_ids.contains(i))
        .filter_map(|(_, n)| n.var.clone())
        .collect();
    Ok(Restored {
        count: restores.len(),
        unresolved,
        unbound,
    })
}

/// Restores `model` from the checkpoint at `prefix`, matching objects by their names in
/// the saved object graph; returns the load status. A subclassed model that has not
/// made its variables yet gets them at the end of its first call.
pub(crate) fn load(it: &mut Interp, model: &Value, prefix: &str) -> R<Value> {
    let b = open(prefix)?;
    if b.entry(GRAPH_KEY).is_none() {
        return raise(
            ExcKind::NotImplementedError,
            format!(
                "tensh restores object-based (TensorFlow 2) checkpoints; '{}' has no object graph",
                prefix
            ),
        );
    }
    let graph = b
        .string(GRAPH_KEY)
        .map_err(|m| err(ExcKind::DataLossError, m))?;
    let saved = proto::decode_graph(&graph).map_err(|m| err(ExcKind::DataLossError, m))?;
    build_optimizer(it, model, &saved)?;
    let mut done = Vec::new();
    let r = restore(&b, &saved, model, &mut done)?;
    if !r.unresolved.is_empty() {
        if let Some(n) = crate::nn::native_layer(model) {
            if let Some(l) = crate::nn::layer_ref(&n) {
                *l.pending_restore.borrow_mut() = Some(std::rc::Rc::new(Pending {
                    bundle: b,
                    saved,
                    done: std::cell::RefCell::new(done),
                }));
            }
        }
    }
    Ok(Value::Object(std::rc::Rc::new(status::LoadStatus {
        unresolved: r.unresolved,
        unbound: r.unbound,
        restored: r.count,
    })))
}

thread_local! {
    /// The calls under way of models with a checkpoint to restore.
    static ACTIVE: std::cell::RefCell<Vec<(Value, std::rc::Rc<Pending>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Marks a model's call under way while it has a checkpoint to restore; dropping it ends
/// the call and, for the outermost call, the deferred restoration.
pub(crate) struct CallGuard(bool);

impl CallGuard {
    pub fn enter(model: &Value) -> CallGuard {
        let pending = crate::nn::native_layer(model).and_then(|n| {
            crate::nn::layer_ref(&n).and_then(|l| l.pending_restore.borrow().clone())
        });
        match pending {
            Some(p) => {
                ACTIVE.with(|a| a.borrow_mut().push((model.clone(), p)));
                CallGuard(true)
            }
            None => CallGuard(false),
        }
    }
}

impl Drop for CallGuard {
    fn drop(&mut self) {
        if !self.0 {
            return;
        }
        if let Some((model, _)) = ACTIVE.with(|a| a.borrow_mut().pop()) {
            if let Some(n) = crate::nn::native_layer(&model) {
                if let Some(l) = crate::nn::layer_ref(&n) {
                    l.pending_restore.borrow_mut().take();
                }
            }
        }
    }
}

/// After a layer made its variables inside a model's call: restores those the model's
/// deferred checkpoint has values for, before the layer uses them (as TensorFlow
/// restores a variable when it is created).
pub(crate) fn after_build() -> R<()> {
    let Some((model, p)) = ACTIVE.with(|a| a.borrow().last().cloned()) else {
        return Ok(());
    };
    let mut done = p.done.borrow().clone();
    let r = restore(&p.bundle, &p.saved, &model, &mut done);
    *p.done.borrow_mut() = done;
    r.map(|_| ())
}

/// The variables a checkpoint holds, by key, with their shapes.
fn list(prefix: &str) -> R<Value> {
    let b = open(prefix)?;
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
        return latest(&p, "checkpoint").ok_or_else(|| {
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
        let state = match &latest_filename {
            Value::Str(s) => s.to_string(),
            _ => "checkpoint".to_string(),
        };
        Ok(latest(&dir, &state).map_or(Value::None, |s| Value::str(&s)))
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
