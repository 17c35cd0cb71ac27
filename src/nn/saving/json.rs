//! `model.to_json()`, `tf.keras.models.model_from_json` and `tf.keras.models.clone_model`:
//! the model config as JSON (`{"class_name": ..., "config": ..., "keras_version": ...,
//! "backend": "tensorflow"}`), a model rebuilt from it, and a copy with fresh weights.

use super::field;
use super::model_config::{model_class, model_config, model_from_config};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::initializers::dict_of;
use crate::nn::layers::list_wrapper::ListWrapper;

/// Keras's `get_json_type`: what `json.dumps` cannot write itself, as Keras writes it
/// (numpy values as numbers and lists, dtypes and shapes, functions by name).
fn json_type(it: &mut Interp, args: Args) -> R<Value> {
    let v = args.pos.into_iter().next().unwrap_or(Value::None);
    match &v {
        Value::NdArray(t) if t.ndim() == 0 => {
            let item = it.get_attr(&v, "item")?;
            it.call(&item, Args::new(vec![]))
        }
        Value::NdArray(_) => {
            let tolist = it.get_attr(&v, "tolist")?;
            it.call(&tolist, Args::new(vec![]))
        }
        Value::DType(d) => Ok(Value::str(d.name())),
        _ if v.as_object::<ListWrapper>().is_some() => {
            // A tracked list is a list subclass in Keras: JSON writes it as a list.
            Ok(Value::list(
                v.as_object::<ListWrapper>()
                    .map(|l| l.0.clone())
                    .unwrap_or_default(),
            ))
        }
        Value::Shape(_) => {
            let as_list = it.get_attr(&v, "as_list")?;
            it.call(&as_list, Args::new(vec![]))
        }
        _ if it.is_callable(&v) => it.get_attr(&v, "__name__"),
        _ => {
            let shown = it.str_of(&v)?;
            raise(
                ExcKind::TypeError,
                format!(
                    "Unable to serialize {} to JSON. Unrecognized type <class '{}'>.",
                    shown,
                    v.type_name()
                ),
            )
        }
    }
}

/// `json.dumps(value, default=get_json_type, **kwargs)`.
pub(crate) fn dumps(it: &mut Interp, v: Value, mut kw: Vec<(String, Value)>) -> R<String> {
    let f = crate::nn::declared("json.dumps");
    if !kw.iter().any(|(k, _)| k == "default") {
        kw.push(("default".into(), Value::builtin("get_json_type", json_type)));
    }
    match it.call(&f, Args { pos: vec![v], kw })? {
        Value::Str(s) => Ok(s.to_string()),
        _ => Ok(String::new()),
    }
}

/// `json.loads(text)`.
pub(crate) fn loads(it: &mut Interp, text: &str) -> R<Value> {
    let f = crate::nn::declared("json.loads");
    it.call(&f, Args::new(vec![Value::str(text)]))
}

pub(super) fn to_json(it: &mut Interp, model: &Value, args: Args) -> R<Value> {
    let Some(class) = model_class(model) else {
        return raise(ExcKind::NotImplementedError, "");
    };
    let config = model_config(it, model)?.unwrap_or(Value::None);
    let v = dict_of(vec![
        ("class_name", Value::str(class)),
        ("config", config),
        ("keras_version", Value::str(super::KERAS_VERSION)),
        ("backend", Value::str("tensorflow")),
    ]);
    Ok(Value::str(&dumps(it, v, args.kw)?))
}

/// A model from a serialized `{"class_name": ..., "config": ...}`.
pub(crate) fn model_from_serialized(it: &mut Interp, v: &Value, custom: &Value) -> R<Value> {
    let class = match field(v, "class_name") {
        Some(Value::Str(s)) => s.to_string(),
        _ => return Err(value_err("Improper config format: no 'class_name'")),
    };
    let config = field(v, "config").unwrap_or(Value::None);
    match class.as_str() {
        "Sequential" | "Functional" | "Model" => model_from_config(it, &class, &config, custom),
        _ => super::model_config::deserialize_layer(it, v, custom),
    }
}

crate::builtin! {
    /// Parses a JSON model configuration string and returns a model instance.
    python ["tf.keras.models.model_from_json"]
    fn model_from_json(it, json_string, custom_objects = None) {
        let Value::Str(text) = &json_string else {
            return Err(crate::eval::error::type_err(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                json_string.type_name()
            )));
        };
        let v = loads(it, text)?;
        model_from_serialized(it, &v, &custom_objects)
    }
}

crate::builtin! {
    /// Clone a Functional or Sequential `Model` instance.
    python ["tf.keras.models.clone_model"]
    fn clone_model(it, model, input_tensors = None, clone_function = None) {
        if model_class(&model).is_none() {
            return Err(value_err(format!(
                "Expected `model` argument to be a `Model` instance. Received: model={}",
                it.repr(&model)?
            )));
        }
        if !matches!(input_tensors, Value::None) || !matches!(clone_function, Value::None) {
            return raise(
                ExcKind::NotImplementedError,
                "tensh's clone_model takes only the model (no input_tensors or clone_function)",
            );
        }
        let class = model_class(&model).unwrap_or("Sequential");
        let config = model_config(it, &model)?.unwrap_or(Value::None);
        model_from_config(it, class, &config, &Value::None)
    }
}
