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

/// numpy's one-letter type code (`dtype.char`).
fn type_char(d: DType) -> &'static str {
    match d {
        DType::F16 => "e",
        DType::F32 => "f",
        DType::F64 => "d",
        DType::I8 => "b",
        DType::I16 => "h",
        DType::I32 => "i",
        DType::I64 => "l",
        DType::U8 => "B",
        DType::U16 => "H",
        DType::U32 => "I",
        DType::U64 => "L",
        DType::Bool => "?",
        DType::BF16 => "E",
        DType::C64 => "F",
        DType::C128 => "D",
        DType::Str => "O",
    }
}

/// numpy's kind letter (`dtype.kind`).
fn kind_char(d: DType) -> &'static str {
    match d {
        DType::Bool => "b",
        DType::Str => "O",
        DType::BF16 => "V",
        d if d.is_float() => "f",
        d if d.is_complex() => "c",
        d if d.is_unsigned() => "u",
        _ => "i",
    }
}

/// numpy's name of the dtype: strings are held as objects.
fn np_name(d: DType) -> &'static str {
    match d {
        DType::Str => "object",
        d => d.name(),
    }
}

impl Object for NpDType {
    fn type_name(&self) -> String {
        "dtype".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        let d = self.0;
        Ok(match name {
            "name" => Some(Value::str(np_name(d))),
            "itemsize" => Some(Value::Int(match d {
                DType::Str => 8,
                d => d.size_bytes() as i64,
            })),
            "kind" => Some(Value::str(kind_char(d))),
            "char" => Some(Value::str(type_char(d))),
            "str" => Some(Value::str(super::npy::descr(d))),
            "type" => Some(Value::Object(std::rc::Rc::new(NpType(d)))),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("dtype('{}')", np_name(self.0)))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok(np_name(self.0).to_string())
    }
    fn as_dtype(&self) -> Option<DType> {
        Some(self.0)
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::str(self.0.name()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A numpy scalar type (`np.float32`, `np.int8`, `tf.int8.as_numpy_dtype`): repr
/// `<class 'numpy.float32'>`; calling it makes a scalar or converts an array.
pub struct NpType(pub DType);

impl NpType {
    fn path(&self) -> String {
        match self.0 {
            DType::BF16 => "ml_dtypes.bfloat16".into(),
            DType::Str => "numpy.object_".into(),
            DType::Bool => "numpy.bool_".into(),
            d => format!("numpy.{}", d.name()),
        }
    }
}

impl Object for NpType {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__name__" => Some(Value::str(self.path().rsplit('.').next().unwrap_or(""))),
            "__module__" => Some(Value::str(
                self.path().rsplit_once('.').map(|p| p.0).unwrap_or(""),
            )),
            "dtype" => Some(Value::Object(std::rc::Rc::new(NpDType(self.0)))),
            _ => None,
        })
    }
    fn call(&self, _: &Value, it: &mut Interp, args: crate::eval::value::Args) -> R<Value> {
        super::numpy::dtype_call(it, &Value::DType(self.0), args)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<class '{}'>", self.path()))
    }
    fn instance_check(&self, x: &Value) -> Option<bool> {
        Some(match x {
            Value::NdArray(a) => a.tensor().ndim() == 0 && a.dtype() == self.0,
            _ => false,
        })
    }
    fn as_dtype(&self) -> Option<DType> {
        Some(self.0)
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::str(self.0.name()))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
