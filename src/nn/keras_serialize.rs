//! The module functions `serialize` / `deserialize` / `get` of `tf.keras.losses`,
//! `tf.keras.initializers` and `tf.keras.layers` (`layers` has no `get`), as TF 2.15
//! exports them. Optimizers, regularizers, constraints, metrics and activations keep
//! theirs beside their classes.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::initializers::{Init, InitObject};
use crate::nn::losses::LossObject;
use crate::nn::saving::model_config::{deserialize_layer, keras_attr};
use std::rc::Rc;

/// A dict entry under a string key.
fn entry(d: &Value, key: &str) -> Option<Value> {
    match d {
        Value::Dict(d) => d.borrow().get(&Value::str(key)).ok().flatten(),
        _ => None,
    }
}

/// A `{'class_name': ..., 'config': {...}}` entry: the class's `from_config(config)`.
fn from_entry(it: &mut Interp, module: &str, what: &str, d: &Value) -> R<Value> {
    let class = match entry(d, "class_name") {
        Some(Value::Str(s)) => s.to_string(),
        _ => {
            return raise(
                ExcKind::ValueError,
                format!("Improper config format for {}: {}", what, it.repr(d)?),
            )
        }
    };
    let Some(cls) = keras_attr(it, &format!("{}.{}", module, class))? else {
        return raise(
            ExcKind::ValueError,
            format!(
                "Unknown {}: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
                what, class
            ),
        );
    };
    let config = match entry(d, "config") {
        Some(c @ Value::Dict(_)) => c,
        _ => crate::nn::initializers::dict_of(vec![]),
    };
    let from_config = it.get_attr(&cls, "from_config")?;
    it.call(&from_config, Args::new(vec![config]))
}

/// A function of `tf.keras.<module>` by name.
fn named(it: &mut Interp, module: &str, what: &str, name: &str) -> R<Value> {
    let found = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        None
    } else {
        keras_attr(it, &format!("{}.{}", module, name))?
    };
    match found {
        Some(v) => Ok(v),
        None => raise(
            ExcKind::ValueError,
            format!(
                "Unknown {}: '{}'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
                what, name
            ),
        ),
    }
}

fn loss_deserialize(it: &mut Interp, v: &Value) -> R<Value> {
    match v {
        Value::Str(s) => named(it, "losses", "loss function", s),
        Value::Dict(_) => from_entry(it, "losses", "loss function", v),
        other => raise(
            ExcKind::ValueError,
            format!(
                "Could not interpret loss function identifier: {}",
                it.str_of(other)?
            ),
        ),
    }
}

fn init_value(i: Init) -> Value {
    Value::Object(Rc::new(InitObject(i)))
}

/// `tf.keras.losses`'s functions.
mod losses {
    use super::*;

    crate::builtin! {
        /// Serializes loss function or `Loss` instance.
        python ["tf.keras.losses.serialize"]
        fn serialize(it, loss, use_legacy_format = False) {
            match loss.as_object::<LossObject>() {
                Some(l) => Ok(l.serialized()),
                None => crate::nn::serial::serialize(it, &loss),
            }
        }
    }

    crate::builtin! {
        /// Deserializes a serialized loss class/function instance.
        python ["tf.keras.losses.deserialize"]
        fn deserialize(it, name, custom_objects = None, use_legacy_format = False) {
            loss_deserialize(it, &name)
        }
    }

    crate::builtin! {
        /// Retrieves a Keras loss as a `function`/`Loss` class instance.
        python ["tf.keras.losses.get"]
        fn get(it, identifier) {
            match &identifier {
                Value::None => Ok(Value::None),
                Value::Str(_) | Value::Dict(_) => loss_deserialize(it, &identifier),
                v if it.is_callable(v) => Ok(identifier.clone()),
                v => raise(
                    ExcKind::ValueError,
                    format!("Could not interpret loss function identifier: {}", it.str_of(v)?),
                ),
            }
        }
    }
}

/// `tf.keras.initializers`'s functions.
mod initializers {
    use super::*;

    crate::builtin! {
        /// Serializes an initializer to its config entry.
        python ["tf.keras.initializers.serialize"]
        fn serialize(it, initializer, use_legacy_format = False) {
            match initializer.as_object::<InitObject>() {
                Some(i) => crate::nn::serial::resolve(it, i.0.config_value()),
                None => crate::nn::serial::serialize(it, &initializer),
            }
        }
    }

    crate::builtin! {
        /// Return an `Initializer` object from its config.
        python ["tf.keras.initializers.deserialize"]
        fn deserialize(it, config, custom_objects = None, use_legacy_format = False) {
            Ok(init_value(Init::from_value(Some(config))?))
        }
    }

    crate::builtin! {
        /// Retrieve a Keras initializer by the identifier.
        python ["tf.keras.initializers.get"]
        fn get(it, identifier) {
            match &identifier {
                Value::None => Ok(Value::None),
                Value::Str(_) | Value::Dict(_) => Ok(init_value(Init::from_value(Some(identifier))?)),
                v if it.is_callable(v) => Ok(identifier.clone()),
                v => raise(
                    ExcKind::ValueError,
                    format!("Could not interpret initializer identifier: {}", it.str_of(v)?),
                ),
            }
        }
    }
}

/// `tf.keras.layers`'s functions.
mod layers {
    use super::*;

    crate::builtin! {
        /// Serializes a `Layer` object into a JSON-compatible representation.
        python ["tf.keras.layers.serialize"]
        fn serialize(it, layer, use_legacy_format = False) {
            let get_config = it.get_attr(&layer, "get_config")?;
            let config = it.call(&get_config, Args::new(vec![]))?;
            let class = match crate::nn::layer_ref(&layer) {
                Some(l) => l.class_name.clone(),
                None => layer.type_name(),
            };
            let user = matches!(layer, Value::Instance(_));
            Ok(crate::nn::initializers::dict_of(vec![
                ("module", if user { Value::None } else { Value::str("keras.layers") }),
                ("class_name", Value::str(&class)),
                ("config", config),
                ("registered_name", if user { Value::str(&class) } else { Value::None }),
            ]))
        }
    }

    crate::builtin! {
        /// Instantiates a layer from a config dictionary.
        python ["tf.keras.layers.deserialize"]
        fn deserialize(it, config, custom_objects = None, use_legacy_format = False) {
            deserialize_layer(it, &config, &custom_objects)
        }
    }
}
