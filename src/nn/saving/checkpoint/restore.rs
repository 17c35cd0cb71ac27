//! Restoring a checkpoint: the saved object graph and the model's are walked together
//! from their roots, matching children by local name, and each variable found takes the
//! value saved under its node's key (in key order, so the first shape mismatch TensorFlow
//! reports is the one reported here). What is not there yet is restored when it is made,
//! as TensorFlow defers it: a subclassed model's variables as its layers build during its
//! first call, an optimizer's slots as it builds them.

use super::{bundle, objects, proto, status, write, GRAPH_KEY};
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, R};
use crate::eval::value::Variable;
use crate::eval::{Flow, Value};
use crate::nn::optimizers::Optimizer;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::rc::Rc;

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
pub(crate) fn open(prefix: &str) -> R<bundle::Bundle> {
    let ip = format!("{}.index", prefix);
    if !Path::new(&ip).is_file() {
        return Err(not_found(prefix));
    }
    let index = super::super::files::read_bytes(&ip)?;
    let mut b = bundle::Bundle::parse(&index, Vec::new()).map_err(|m| err(ExcKind::OpError, m))?;
    let dp = write::data_path(prefix);
    if !Path::new(&dp).is_file() {
        return Err(not_found(&dp));
    }
    b.data = super::super::files::read_bytes(&dp)?;
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

fn child_named(saved: &[proto::Node], node: usize, name: &str) -> Option<usize> {
    saved
        .get(node)?
        .children
        .iter()
        .find(|(c, n)| n == name && *c < saved.len())
        .map(|(c, _)| *c)
}

fn variable_key(node: &proto::Node) -> Option<&str> {
    node.attributes
        .iter()
        .find(|a| a.0 == "VARIABLE_VALUE")
        .map(|a| a.2.as_str())
}

/// A checkpoint loaded into a model that had not made all its variables yet.
pub(crate) struct Pending {
    bundle: Rc<bundle::Bundle>,
    saved: Rc<Vec<proto::Node>>,
    /// The model's node in the saved graph.
    root: usize,
    /// The variables already restored (by identity), which later passes leave alone.
    done: RefCell<Vec<usize>>,
}

/// Slot values for an optimizer's slots not made yet, by their index in `_variables`.
pub(crate) struct SlotRestore {
    bundle: Rc<bundle::Bundle>,
    keys: HashMap<usize, String>,
}

/// What one pass of restoring found.
struct Restored {
    count: usize,
    unresolved: Vec<(String, String)>,
    unbound: Vec<Rc<Variable>>,
    /// Saved and our node ids that matched.
    matched: Vec<(usize, usize)>,
    ours: Vec<objects::TNode>,
}

/// Assigns every variable of `root` whose route from it names a saved value below the
/// saved node `saved_root`, but those in `done`, which it extends.
fn restore(
    b: &bundle::Bundle,
    saved: &[proto::Node],
    saved_root: usize,
    root: &Value,
    done: &mut Vec<usize>,
) -> R<Restored> {
    let ours = objects::graph(root);
    let mut matched: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::new();
    if saved_root < saved.len() {
        matched.insert(saved_root, 0);
        queue.push_back((saved_root, 0usize));
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
    let below = descendants(saved, saved_root);
    for (i, node) in saved.iter().enumerate() {
        let Some(key) = variable_key(node) else {
            continue;
        };
        if !below.get(i).copied().unwrap_or(false) {
            continue;
        }
        match matched.get(&i).filter(|o| ours[**o].var.is_some()) {
            Some(o) => restores.push((key.to_string(), *o)),
            None => unresolved.push((paths[i].clone(), status::node_text(node))),
        }
    }
    restores.sort();
    for (key, o) in &restores {
        let Some(var) = &ours[*o].var else { continue };
        let id = Rc::as_ptr(var) as usize;
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
    let restored: Vec<usize> = restores.iter().map(|(_, o)| *o).collect();
    let unbound = ours
        .iter()
        .enumerate()
        .filter(|(i, n)| n.var.is_some() && !restored.contains(i))
        .filter_map(|(_, n)| n.var.clone())
        .collect();
    Ok(Restored {
        count: restores.len(),
        unresolved,
        unbound,
        matched: matched.into_iter().collect(),
        ours,
    })
}

/// The saved nodes reachable from `root`, itself included.
fn descendants(saved: &[proto::Node], root: usize) -> Vec<bool> {
    let mut seen = vec![false; saved.len()];
    if root >= saved.len() {
        return seen;
    }
    seen[root] = true;
    let mut queue = VecDeque::from([root]);
    while let Some(i) = queue.pop_front() {
        for (c, _) in &saved[i].children {
            if *c < saved.len() && !seen[*c] {
                seen[*c] = true;
                queue.push_back(*c);
            }
        }
    }
    seen
}

/// Restores `root` from the checkpoint at `prefix`, matching objects by their names in
/// the saved object graph; returns the load status. Values for what does not exist yet
/// wait for it (a subclassed model's first call, an optimizer's slots).
pub(crate) fn load(root: &Value, prefix: &str) -> R<Value> {
    let b = Rc::new(open(prefix)?);
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
    let saved = Rc::new(proto::decode_graph(&graph).map_err(|m| err(ExcKind::DataLossError, m))?);
    let mut done = Vec::new();
    let r = restore(&b, &saved, 0, root, &mut done)?;
    if !r.unresolved.is_empty() {
        defer(&b, &saved, &r, &done);
    }
    Ok(Value::Object(Rc::new(status::LoadStatus {
        unresolved: r.unresolved,
        unbound: r.unbound,
        restored: r.count,
    })))
}

/// Leaves what could not be restored yet with the objects that will make it.
fn defer(b: &Rc<bundle::Bundle>, saved: &Rc<Vec<proto::Node>>, r: &Restored, done: &[usize]) {
    for (s, o) in &r.matched {
        let Some(obj) = &r.ours[*o].obj else { continue };
        if let Some(opt) = obj.as_object::<Optimizer>() {
            let made = opt.variables().len();
            let mut keys = HashMap::new();
            if let Some(list) = child_named(saved, *s, "_variables") {
                for (c, name) in &saved[list].children {
                    let (Ok(i), Some(node)) = (name.parse::<usize>(), saved.get(*c)) else {
                        continue;
                    };
                    if let (true, Some(key)) = (i >= made, variable_key(node)) {
                        keys.insert(i, key.to_string());
                    }
                }
            }
            if !keys.is_empty() {
                *opt.pending_slots.borrow_mut() = Some(Rc::new(SlotRestore {
                    bundle: b.clone(),
                    keys,
                }));
            }
            continue;
        }
        let Some(native) = crate::nn::native_layer(obj) else {
            continue;
        };
        let Some(l) = crate::nn::layer_ref(&native) else {
            continue;
        };
        *l.pending_restore.borrow_mut() = Some(Rc::new(Pending {
            bundle: b.clone(),
            saved: saved.clone(),
            root: *s,
            done: RefCell::new(done.to_vec()),
        }));
    }
}

/// After an optimizer made slots: assigns those a checkpoint holds values for.
pub(crate) fn restore_slots(opt: &Optimizer) {
    let Some(p) = opt.pending_slots.borrow().clone() else {
        return;
    };
    let vars = opt.variables();
    let mut left = false;
    for (i, key) in &p.keys {
        let Some(var) = vars.get(*i) else {
            left = true;
            continue;
        };
        if let Ok(t) = p.bundle.tensor(key) {
            if t.shape() == var.value.borrow().shape() {
                let dtype = var.value.borrow().dtype();
                var.set(t.cast(dtype));
            }
        }
    }
    if !left {
        opt.pending_slots.borrow_mut().take();
    }
}

thread_local! {
    /// The calls under way of models with a checkpoint to restore.
    static ACTIVE: RefCell<Vec<(Value, Rc<Pending>)>> = const { RefCell::new(Vec::new()) };
}

/// Marks a model's call under way while it has a checkpoint to restore; dropping it ends
/// the call and the deferred restoration.
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
    let r = restore(&p.bundle, &p.saved, p.root, &model, &mut done);
    *p.done.borrow_mut() = done;
    r.map(|_| ())
}
