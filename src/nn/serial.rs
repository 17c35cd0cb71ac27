//! Keras's `serialize_keras_object` for the user's own objects in a config: a Python
//! function becomes `{'module': 'builtins', 'class_name': 'function', 'config': name, ...}`,
//! an instance of a user class its class name with its `get_config()`, and anything else
//! Keras's `TypeError`. Such values need the interpreter, which a layer kind's `config()`
//! does not have: the kind puts a [`Pending`] in its entry and `get_config` resolves it.
//! An entry tensh cannot produce at all (a Lambda layer's bytecode) is a [`Refused`].

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use std::any::Any;
use std::rc::Rc;

/// A user object in a config entry, serialized when `get_config()` builds its dict.
pub struct Pending(pub Value);

impl Object for Pending {
    fn type_name(&self) -> String {
        "object".into()
    }
    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        it.repr(&self.0)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A config entry tensh cannot produce: `get_config()` raises `NotImplementedError`.
pub struct Refused(pub &'static str);

impl Object for Refused {
    fn type_name(&self) -> String {
        "object".into()
    }
    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A config entry `get_config()` refuses with `reason`.
pub fn refused(reason: &'static str) -> Value {
    Value::Object(Rc::new(Refused(reason)))
}

/// A config entry for a user object.
pub fn pending(v: &Value) -> Value {
    Value::Object(Rc::new(Pending(v.clone())))
}

/// A config entry as `get_config()` returns it: a pending user object serialized.
pub fn resolve(it: &mut Interp, v: Value) -> R<Value> {
    if let Some(r) = v.as_object::<Refused>() {
        return raise(ExcKind::NotImplementedError, r.0);
    }
    match v.as_object::<Pending>() {
        Some(p) => {
            let inner = p.0.clone();
            serialize(it, &inner)
        }
        None => Ok(v),
    }
}

/// `serialize_keras_object` for a user function or a user class instance.
pub fn serialize(it: &mut Interp, v: &Value) -> R<Value> {
    let entry = |module: Value, class: &str, config: Value, registered: &str| {
        dict_of(vec![
            ("module", module),
            ("class_name", Value::str(class)),
            ("config", config),
            ("registered_name", Value::str(registered)),
        ])
    };
    match v {
        Value::Function(f) if f.def.is_lambda => raise(
            ExcKind::NotImplementedError,
            "tensh cannot serialize a lambda (Keras stores its bytecode); use a named function",
        ),
        Value::Function(f) => Ok(entry(
            Value::str("builtins"),
            "function",
            Value::str(&f.def.name),
            "function",
        )),
        Value::Instance(i) => {
            let class = i.class.name.clone();
            if i.class.lookup("get_config").is_none() {
                let type_repr = format!("<class '{}.{}'>", i.class.module_name(), class);
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "Cannot serialize object {} of type {}. To be serializable, a class must implement the `get_config()` method.",
                        it.repr(v)?,
                        type_repr
                    ),
                );
            }
            let get_config = it.get_attr(v, "get_config")?;
            let config = it.call(&get_config, Args::new(vec![]))?;
            Ok(entry(Value::None, &class, config, &class))
        }
        other => Ok(other.clone()),
    }
}
