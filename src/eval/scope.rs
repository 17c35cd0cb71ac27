//! Name scopes: the module's globals, function locals that close over their defining
//! scope, and class bodies (which methods do not see, as in Python).

use super::value::{Str, Value};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

/// A hasher for variable names (rustc's Fx hash): names are short and chosen by the
/// program's author, so a multiply-rotate hash is much cheaper than SipHash on every access.
#[derive(Default, Clone, Copy)]
pub struct NameHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl NameHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by names, hashed with [`NameHasher`].
pub type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScopeKind {
    Module,
    Function,
    Class,
}

pub struct Scope {
    pub vars: NameMap<Str, Value>,
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
            vars: NameMap::default(),
            parent,
            kind,
            globals_decl: HashSet::new(),
            nonlocals: HashSet::new(),
            owner: None,
        }))
    }
}

/// Looks a name up as a load does: from `scope` outwards, then in `globals` when the chain
/// ended before the module scope (a function defined at module level closes over nothing).
/// Each scope is searched once.
#[inline]
pub fn lookup_var(
    scope: &Rc<RefCell<Scope>>,
    globals: &Rc<RefCell<Scope>>,
    name: &str,
) -> Option<Value> {
    let mut cur = {
        let b = scope.borrow();
        if let Some(v) = b.vars.get(name) {
            return Some(v.clone());
        }
        if b.kind == ScopeKind::Module && Rc::ptr_eq(scope, globals) {
            return None;
        }
        b.parent.clone()
    };
    while let Some(s) = cur {
        let b = s.borrow();
        if b.kind != ScopeKind::Class {
            if let Some(v) = b.vars.get(name) {
                return Some(v.clone());
            }
            if b.kind == ScopeKind::Module && Rc::ptr_eq(&s, globals) {
                return None;
            }
        }
        cur = b.parent.clone();
    }
    globals.borrow().vars.get(name).cloned()
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
