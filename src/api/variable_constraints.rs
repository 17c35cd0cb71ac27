//! The `constraint=` of variables made with `tf.Variable`, by variable id: optimizers
//! apply it after each update (`var.assign(constraint(var))`).

use crate::eval::Value;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static CONSTRAINTS: RefCell<HashMap<usize, Value>> = RefCell::new(HashMap::new());
}

/// Records the constraint of the variable `id`.
pub fn set(id: usize, constraint: Value) {
    CONSTRAINTS.with(|c| c.borrow_mut().insert(id, constraint));
}

/// The constraint of the variable `id`, if it was given one.
pub fn get(id: usize) -> Option<Value> {
    CONSTRAINTS.with(|c| c.borrow().get(&id).cloned())
}
