//! `tf.keras.mixed_precision`: dtype policies. A policy names the dtype a layer computes
//! in and the dtype of its weights: `'float32'` both float32, `'mixed_float16'` float16
//! computation over float32 weights (`'mixed_bfloat16'` likewise). Layers made while a
//! global policy is set take it unless given `dtype=`. A mixed layer casts its floating
//! inputs to the compute dtype and reads its weights cast to it (Keras's
//! `AutoCastVariable`), so its outputs are float16 while the weights stay float32.

use super::backend::{config, set_config};
use crate::builtin;
use crate::eval::error::{value_err, R};
use crate::eval::value::Object;
use crate::eval::{Interp, Value};
use crate::tensor::DType;
use std::any::Any;
use std::rc::Rc;

const KEY: &str = "_DTYPE_POLICY";

/// The global policy's name (`'float32'` until one is set).
pub(crate) fn global_name(it: &Interp) -> String {
    match config(it, KEY) {
        Value::Str(s) => s.to_string(),
        _ => "float32".into(),
    }
}

/// The dtype a layer of policy `name` computes in.
pub(crate) fn compute_dtype(name: &str) -> DType {
    match name {
        "mixed_float16" => DType::F16,
        "mixed_bfloat16" => DType::BF16,
        n => DType::from_name(n).unwrap_or(DType::F32),
    }
}

/// The dtype a layer of policy `name` keeps its weights in.
pub(crate) fn variable_dtype(name: &str) -> DType {
    match name {
        "mixed_float16" | "mixed_bfloat16" => DType::F32,
        n => DType::from_name(n).unwrap_or(DType::F32),
    }
}

/// Whether the policy computes in another dtype than its weights'.
pub(crate) fn is_mixed(name: &str) -> bool {
    compute_dtype(name) != variable_dtype(name)
}

/// A policy's name from a `dtype=`/policy argument: a name, a dtype or a `Policy`.
pub(crate) fn policy_name(v: &Value) -> R<String> {
    if let Some(p) = v.as_object::<Policy>() {
        return Ok(p.0.clone());
    }
    let invalid = |shown: String| {
        value_err(format!(
            "Cannot convert value {} to a mixed precision Policy. Valid policies include 'mixed_float16', 'mixed_bfloat16', and the name of any dtype such as 'float32'.",
            shown
        ))
    };
    match v {
        Value::Str(s) if matches!(&**s, "mixed_float16" | "mixed_bfloat16") => Ok(s.to_string()),
        Value::Str(s) => match DType::from_name(s) {
            Some(d) => Ok(d.name().to_string()),
            None => Err(invalid(s.to_string())),
        },
        v => crate::api::convert::dtype_arg(v)
            .map(|d| d.name().to_string())
            .map_err(|_| invalid(v.type_name())),
    }
}

/// `tf.keras.mixed_precision.Policy`.
pub(crate) struct Policy(pub String);

impl Object for Policy {
    fn type_name(&self) -> String {
        "Policy".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.0)),
            "compute_dtype" => Some(Value::str(compute_dtype(&self.0).name())),
            "variable_dtype" => Some(Value::str(variable_dtype(&self.0).name())),
            _ => None,
        })
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok(format!("<Policy \"{}\">", self.0))
    }
    fn attr_names(&self) -> Vec<String> {
        ["compute_dtype", "name", "variable_dtype"]
            .map(String::from)
            .to_vec()
    }
    fn value_key(&self) -> Option<Value> {
        Some(Value::str(&self.0))
    }
    fn class_path(&self) -> Option<String> {
        Some("keras.src.mixed_precision.policy.Policy".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A policy object of `name`.
pub(crate) fn policy_value(name: &str) -> Value {
    Value::Object(Rc::new(Policy(name.to_string())))
}

builtin! {
    /// A dtype policy for a Keras layer.
    python ["tf.keras.mixed_precision.Policy"]
    fn Policy(it, name) {
        let _ = it;
        Ok(policy_value(&policy_name(&name)?))
    }
}

builtin! {
    /// Sets the global dtype policy.
    python ["tf.keras.mixed_precision.set_global_policy"]
    fn set_global_policy(it, policy) {
        let name = match policy {
            Value::None => "float32".to_string(),
            v => policy_name(&v)?,
        };
        if !compute_dtype(&name).is_float() {
            return Err(value_err(format!(
                "set_global_policy can only be used to set the global policy to floating-point policies, such as \"float32\" and \"mixed_float16\", but got policy: {}",
                name
            )));
        }
        // TensorFlow's warning that mixed_float16 is slow without a GPU goes to the log
        // (stderr), not to the program's output.
        set_config(it, KEY, Value::str(&name));
        Ok(Value::None)
    }
}

builtin! {
    /// Returns the global dtype policy.
    python ["tf.keras.mixed_precision.global_policy"]
    fn global_policy(it) {
        Ok(policy_value(&global_name(it)))
    }
}
