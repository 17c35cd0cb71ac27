//! `dict.keys()`, `dict.values()` and `dict.items()`: iterable views that print as Python
//! prints them (`dict_keys(['loss', 'accuracy'])`). tensh's views hold the entries as they
//! were when the view was made.

use super::error::R;
use super::value::Object;
use super::{Interp, Value};
use std::any::Any;

pub struct DictView {
    /// `dict_keys`, `dict_values` or `dict_items`.
    pub kind: &'static str,
    pub entries: Vec<Value>,
}

impl Object for DictView {
    fn type_name(&self) -> String {
        self.kind.into()
    }
    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let list = it.repr(&Value::list(self.entries.clone()))?;
        Ok(format!("{}({})", self.kind, list))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.entries.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
