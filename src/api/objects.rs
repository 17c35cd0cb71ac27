//! Small native objects the API returns: named tuples (`TopKV2`, `Unique`), numpy dtypes,
//! and callable wrappers.

use crate::eval::error::R;
use crate::eval::value::Object;
use crate::eval::{Interp, Value};
use crate::tensor::DType;
use std::any::Any;

/// A `collections.namedtuple` instance: `TopKV2(values=..., indices=...)`.
pub struct NamedTuple {
    pub type_name: &'static str,
    pub fields: Vec<(&'static str, Value)>,
}

impl Object for NamedTuple {
    fn type_name(&self) -> String {
        self.type_name.to_string()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(self
            .fields
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone()))
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for (n, v) in &self.fields {
            parts.push(format!("{}={}", n, it.repr(v)?));
        }
        Ok(format!("{}({})", self.type_name, parts.join(", ")))
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.fields.iter().map(|(_, v)| v.clone()).collect())
    }
    fn attr_names(&self) -> Vec<String> {
        self.fields.iter().map(|(n, _)| n.to_string()).collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A numpy dtype (`x.numpy().dtype`): repr `dtype('float32')`, str `float32`.
pub struct NpDType(pub DType);

impl Object for NpDType {
    fn type_name(&self) -> String {
        "dtype".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(self.0.name())),
            "itemsize" => Some(Value::Int(self.0.size_bytes() as i64)),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("dtype('{}')", self.0.name()))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok(self.0.name().to_string())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
