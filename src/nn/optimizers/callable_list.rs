//! `CallableList`: what Keras 2.15's `optimizer.variables` returns, a list that can also
//! be called (`optimizer.variables()`, the older spelling) and gives itself back.

use crate::eval::error::R;
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;

pub(crate) struct CallableList(pub Vec<Value>);

impl Object for CallableList {
    fn type_name(&self) -> String {
        "CallableList".into()
    }
    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }
    fn call(&self, _this: &Value, _it: &mut Interp, args: Args) -> R<Value> {
        args.bind::<0>("__call__", [])?;
        Ok(Value::list(self.0.clone()))
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        it.repr(&Value::list(self.0.clone()))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.0.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
