//! `ListWrapper`: the list Keras tracks in a layer attribute (`bn.axis` once built,
//! `shared_axes`, list arguments kept in `get_config()`), printed as `ListWrapper([3])`.

use crate::eval::error::R;
use crate::eval::value::Object;
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

pub struct ListWrapper(pub Vec<Value>);

/// A `ListWrapper` value of `items`.
pub fn list_wrapper(items: Vec<Value>) -> Value {
    Value::Object(Rc::new(ListWrapper(items)))
}

/// A `ListWrapper` of ints.
pub fn int_list(items: &[i64]) -> Value {
    list_wrapper(items.iter().map(|&i| Value::Int(i)).collect())
}

impl Object for ListWrapper {
    fn type_name(&self) -> String {
        "ListWrapper".into()
    }

    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }

    fn repr(&self, it: &mut Interp) -> R<String> {
        let inner = it.repr(&Value::list(self.0.clone()))?;
        Ok(format!("ListWrapper({})", inner))
    }

    fn items(&self) -> Option<Vec<Value>> {
        Some(self.0.clone())
    }

    fn value_key(&self) -> Option<Value> {
        Some(Value::list(self.0.clone()))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
