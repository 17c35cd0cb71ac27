//! The object dtype: `dtype('O')` as an object array's `.dtype` (str `object`), equal to
//! `object`, `'O'` and `'object'`; and what a `dtype=` argument naming it looks like.

use crate::eval::error::R;
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use std::any::Any;
use std::rc::Rc;

/// numpy's `dtype('O')`.
pub(crate) struct ObjDType;

/// The `dtype('O')` value.
pub(crate) fn object_dtype() -> Value {
    Value::Object(Rc::new(ObjDType))
}

/// Whether a `dtype=` argument names the object dtype: `object`, `'O'`, `'object'`,
/// `np.object_` or `dtype('O')`.
pub(crate) fn is_object_dtype(v: &Value) -> bool {
    match v {
        Value::Builtin(b) => b.name == "object" || b.name == "object_",
        Value::Str(s) => matches!(&**s, "O" | "object" | "|O" | "O8" | "object_"),
        v => v.as_object::<ObjDType>().is_some(),
    }
}

fn eq(_: &mut Interp, _this: &Value, name: &'static str, args: Args) -> R<Value> {
    let same = args.pos.first().is_some_and(is_object_dtype);
    Ok(Value::Bool(same == (name == "__eq__")))
}

impl Object for ObjDType {
    fn type_name(&self) -> String {
        "dtype[object_]".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(Some(match name {
            "name" => Value::str("object"),
            "kind" | "char" => Value::str("O"),
            "str" => Value::str("|O"),
            "itemsize" => Value::Int(8),
            "__eq__" => Value::method(this.clone(), "__eq__", eq),
            "__ne__" => Value::method(this.clone(), "__ne__", eq),
            _ => return Ok(None),
        }))
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("dtype('O')".into())
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        Ok("object".into())
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::str("O"))
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.dtypes.ObjectDType".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
