//! Placing declared builtins at their module paths when a session starts.

use super::{Decl, BUILTINS};
use crate::eval::value::{Builtin, Module, Value};
use crate::eval::Interp;
use std::collections::HashMap;
use std::rc::Rc;

/// Puts the declared builtins whose paths start with one of `roots` at those paths.
/// `roots` maps a path's first segment to the module it names (`tf` → the `tensorflow`
/// module); the root `builtins` is Python's builtins. Missing intermediate modules are
/// created and registered for `import`.
pub fn install(it: &mut Interp, roots: &[(&str, &str)]) {
    let mut seen: HashMap<*const Decl, Value> = HashMap::new();
    for d in BUILTINS.iter() {
        for path in d.paths {
            let (parent, last) = path.rsplit_once('.').unwrap_or(("builtins", path));
            let root = parent.split('.').next().unwrap_or(parent);
            if !roots.iter().any(|(r, _)| *r == root) {
                continue;
            }
            let module = if parent == "builtins" {
                None
            } else {
                Some(module_at(it, parent, roots))
            };
            let v = seen
                .entry(d as *const Decl)
                .or_insert_with(|| {
                    let name = match &module {
                        Some(m) => format!("{}.{}", m.name, d.name),
                        None => d.name.to_string(),
                    };
                    Value::Builtin(Rc::new(Builtin::declared(name, d)))
                })
                .clone();
            match module {
                Some(m) => m.set(last, v),
                None => {
                    it.builtins.insert(last.to_string(), v);
                }
            }
        }
    }
}

/// The module at dotted `path` (`tf.keras.activations`), made if missing.
fn module_at(it: &mut Interp, path: &str, roots: &[(&str, &str)]) -> Rc<Module> {
    let mut segs = path.split('.');
    let first = segs.next().unwrap_or(path);
    let root_name = roots
        .iter()
        .find(|(a, _)| *a == first)
        .map(|(_, n)| *n)
        .unwrap_or(first);
    let mut cur = match it.modules.get(root_name) {
        Some(Value::Module(m)) => m.clone(),
        _ => {
            let m = Rc::new(Module::new(root_name));
            it.modules
                .insert(root_name.to_string(), Value::Module(m.clone()));
            m
        }
    };
    for seg in segs {
        cur = match cur.get(seg) {
            Some(Value::Module(m)) => m,
            _ => {
                let full = format!("{}.{}", cur.name, seg);
                let m = Rc::new(Module::new(&full));
                cur.set(seg, Value::Module(m.clone()));
                it.modules.insert(full, Value::Module(m.clone()));
                m
            }
        };
    }
    cur
}

/// The declaration behind a builtin value, if it has one.
pub fn decl_of(v: &Value) -> Option<&'static Decl> {
    match v {
        Value::Builtin(b) => b.decl.as_ref().map(|d| d.decl),
        _ => None,
    }
}
