//! Name scopes: the module's globals, function locals that close over their defining
//! scope, and class bodies (which methods do not see, as in Python).

use super::value::{Str, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

pub struct Scope {
    pub vars: HashMap<Str, Value>,
    pub parent: Option<Rc<RefCell<Scope>>>,
    pub kind: ScopeKind,
    pub globals_decl: HashSet<String>,
    pub nonlocals: HashSet<String>,
    /// Whose frame this is, for the qualified names of what is defined in it: the
    /// function of a call, or the qualified name (a `Str`) of a class body.
    pub owner: Option<Value>,
}

impl Scope {
    pub fn new(kind: ScopeKind, parent: Option<Rc<RefCell<Scope>>>) -> Rc<RefCell<Scope>> {
        Rc::new(RefCell::new(Scope {
            vars: HashMap::new(),
            parent,
            kind,
            globals_decl: HashSet::new(),
            nonlocals: HashSet::new(),
            owner: None,
        }))
    }
}

/// Looks a name up from `scope` outwards, skipping class bodies other than the first.
pub fn lookup(scope: &Rc<RefCell<Scope>>, name: &str) -> Option<Value> {
    if let Some(v) = scope.borrow().vars.get(name) {
        return Some(v.clone());
    }
    let mut cur = scope.borrow().parent.clone();
    while let Some(s) = cur {
        let b = s.borrow();
        if b.kind != ScopeKind::Class {
            if let Some(v) = b.vars.get(name) {
                return Some(v.clone());
            }
        }
        cur = b.parent.clone();
    }
    None
}

/// The scope a `nonlocal` name lives in.
pub fn find_enclosing(scope: &Rc<RefCell<Scope>>, name: &str) -> Option<Rc<RefCell<Scope>>> {
    let mut cur = scope.borrow().parent.clone();
    while let Some(s) = cur {
        if s.borrow().kind == ScopeKind::Function && s.borrow().vars.contains_key(name) {
            return Some(s);
        }
        cur = s.borrow().parent.clone();
    }
    None
}

/// The scope a function defined in `scope` closes over: the nearest non-class scope, or
/// none at module level (globals are reached directly).
pub fn closure_of(scope: &Rc<RefCell<Scope>>) -> Option<Rc<RefCell<Scope>>> {
    let mut cur = Some(scope.clone());
    while let Some(s) = cur {
        match s.borrow().kind {
            ScopeKind::Function => return Some(s.clone()),
            ScopeKind::Module => return None,
            ScopeKind::Class => {}
        }
        cur = s.borrow().parent.clone();
    }
    None
}
