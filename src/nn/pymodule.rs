//! Keras submodules written in Python (`keras.metrics`, `keras.callbacks`): their source is
//! run the first time they are reached, by attribute (`tf.keras.metrics.AUC`) or by import
//! (`from tensorflow.keras.callbacks import EarlyStopping`), so sessions that never touch
//! them pay nothing. User code subclasses their classes as it does Keras's.

use crate::eval::error::R;
use crate::eval::value::{NativeFn, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

/// A Python-source Keras submodule: its name (`keras.metrics`), its source and the natives
/// the source sees.
pub(crate) struct PySubmodule {
    pub name: &'static str,
    pub source: &'static str,
    pub natives: &'static [(&'static str, NativeFn)],
}

impl PySubmodule {
    /// The module, built on first use and registered under `NAME` and `tensorflow.NAME`.
    pub(crate) fn get(&'static self, it: &mut Interp) -> R<Value> {
        if let Some(m) = it.modules.get(self.name) {
            return Ok(m.clone());
        }
        crate::pylib::pysource::load(it, self.name, self.source, self.natives);
        let m = it.modules.get(self.name).cloned().unwrap_or(Value::None);
        it.modules
            .insert(format!("tensorflow.{}", self.name), m.clone());
        Ok(m)
    }

    /// The value the parent module holds until the first use.
    pub(crate) fn lazy_value(&'static self) -> Value {
        Value::Object(Rc::new(LazyModule(self)))
    }
}

/// A submodule not yet built, as its parent module's attribute: the first attribute read
/// builds it.
pub(crate) struct LazyModule(&'static PySubmodule);

impl Object for LazyModule {
    fn type_name(&self) -> String {
        "module".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(match self.0.get(it)? {
            Value::Module(m) => m.get(name),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<module '{}'>",
            crate::eval::value::Module::new(self.0.name).python_name()
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
