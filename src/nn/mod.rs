//! Keras: layers, Sequential, activations, losses, initializers. (Part 3 fills this in; the
//! hooks below are what the evaluator calls for user classes with native bases.)

use crate::eval::error::R;
use crate::eval::value::{Args, Module, Object};
use crate::eval::{Interp, Value};

pub fn install(_it: &mut Interp, _tf: &Module) {}

pub fn isinstance(_x: &Value, _class: &dyn Object) -> bool {
    false
}

pub fn native_attr(
    _it: &mut Interp,
    _native: &Value,
    _this: &Value,
    _name: &str,
) -> R<Option<Value>> {
    Ok(None)
}

pub fn native_set_attr(
    _it: &mut Interp,
    _native: &Value,
    _this: &Value,
    _name: &str,
    _v: &Value,
) -> R<bool> {
    Ok(false)
}

pub fn init_native_base(
    _it: &mut Interp,
    _base: &Value,
    _inst: &Value,
    _args: Option<Args>,
) -> R<()> {
    Ok(())
}

pub fn native_super_attr(
    _it: &mut Interp,
    _base: &Value,
    _receiver: &Value,
    _name: &str,
) -> R<Option<Value>> {
    Ok(None)
}
