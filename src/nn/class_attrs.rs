//! Class attributes of the built-in Keras classes. tensh declares a built-in class such as
//! `tf.keras.layers.Dense` as its constructor, so what Keras reaches through the class
//! itself is answered here: `Dense.from_config(config)` calls the constructor with the
//! config's entries as keywords, as Keras's `Layer.from_config` does, and wraps a failure
//! in Keras's "Error when deserializing class" message.

use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Flow, Interp, Value};

/// The evaluator's attribute hook: Keras class attributes of built-in constructors first,
/// then the tensor attributes `api` answers.
pub(crate) fn value_attr(it: &mut Interp, v: &Value, name: &str) -> R<Option<Value>> {
    if name == "from_config" && keras_class(v).is_some() {
        return Ok(Some(Value::method(v.clone(), "from_config", from_config)));
    }
    crate::api::attrs::value_attr(it, v, name)
}

/// The class name of a built-in Keras class (a constructor declared under `tf.keras`
/// whose name is capitalised), or None.
pub(crate) fn keras_class(v: &Value) -> Option<&'static str> {
    let decl = crate::eval::decl::decl_of(v)?;
    let keras = decl
        .paths
        .iter()
        .any(|p| p.starts_with("tf.keras.") || p.starts_with("keras."));
    let class = decl.name;
    (keras && class.starts_with(|c: char| c.is_ascii_uppercase())).then_some(class)
}

/// `Class.from_config(config)`: models rebuild their layers from the config, any other
/// class is its constructor called with the config as keywords.
fn from_config(it: &mut Interp, cls: &Value, _: &'static str, args: Args) -> R<Value> {
    let class = keras_class(cls).unwrap_or("object");
    let [config, custom_objects] = args.bind("from_config", ["config", "custom_objects=None"])?;
    let config = config.unwrap_or(Value::None);
    if matches!(class, "Sequential" | "Model" | "Functional") {
        let custom = custom_objects.unwrap_or(Value::None);
        return crate::nn::saving::model_config::model_from_config(it, class, &config, &custom);
    }
    let Value::Dict(d) = &config else {
        return Err(type_err(format!(
            "{}.from_config() argument after ** must be a mapping, not {}",
            class,
            config.type_name()
        )));
    };
    // A loss's config names its function (`'fn': 'mean_squared_error'`), which Keras's
    // `LossFunctionWrapper.from_config` takes out before calling the class.
    let loss = crate::eval::decl::decl_of(cls)
        .is_some_and(|d| d.paths.iter().any(|p| p.starts_with("tf.keras.losses.")));
    let mut kw = keywords(d)?;
    kw.retain(|(k, _)| !(loss && k == "fn"));
    // Keras's `RNN.from_config` and `Wrapper.from_config` rebuild the nested cell or layer
    // from its serialized entry first.
    let custom = custom_objects.unwrap_or(Value::None);
    for (k, v) in kw.iter_mut() {
        let nested = match class {
            "RNN" => k == "cell",
            "Bidirectional" | "TimeDistributed" => k == "layer" || k == "backward_layer",
            _ => false,
        };
        if nested && matches!(v, Value::Dict(_)) {
            *v = crate::nn::saving::model_config::deserialize_layer(it, v, &custom)?;
        }
    }
    match it.call(cls, Args { pos: vec![], kw }) {
        Ok(v) => Ok(v),
        Err(Flow::Error(e)) if e.is(ExcKind::Exception) => {
            let msg = e.message.clone();
            let shown = it.repr(&config)?;
            raise(
                ExcKind::TypeError,
                format!(
                    "Error when deserializing class '{}' using config={}.\n\nException encountered: {}",
                    class, shown, msg
                ),
            )
        }
        Err(other) => Err(other),
    }
}

/// `tf.keras.Model.from_config(config, custom_objects=None)`: a functional model.
pub(crate) fn model_from_config_method(
    it: &mut Interp,
    _cls: &Value,
    _: &'static str,
    args: Args,
) -> R<Value> {
    let [config, custom] = args.bind("from_config", ["config", "custom_objects=None"])?;
    crate::nn::saving::model_config::model_from_config(
        it,
        "Functional",
        &config.unwrap_or(Value::None),
        &custom.unwrap_or(Value::None),
    )
}

/// `from_config` of a user subclass of `Layer` or `Model` that does not define its own:
/// the class called with the config as keywords, failures worded as Keras words them.
pub(crate) fn user_from_config(
    it: &mut Interp,
    cls: &Value,
    _: &'static str,
    args: Args,
) -> R<Value> {
    let [config, _custom] = args.bind("from_config", ["config", "custom_objects=None"])?;
    let config = config.unwrap_or(Value::None);
    let Value::Class(c) = cls else {
        return Err(type_err("from_config needs a class"));
    };
    let is_model =
        matches!(c.native_base(), Some(b) if crate::nn::custom::native_name(&b) == Some("Model"));
    let Value::Dict(d) = &config else {
        return Err(type_err(format!(
            "{}() argument after ** must be a mapping, not {}",
            c.name,
            config.type_name()
        )));
    };
    let kw = keywords(d)?;
    match it.call(cls, Args { pos: vec![], kw }) {
        Err(Flow::Error(e))
            if e.is(ExcKind::Exception) && (!is_model || e.is(ExcKind::TypeError)) =>
        {
            let msg = e.message.clone();
            let shown = it.repr(&config)?;
            let text = if is_model {
                format!(
                    "Unable to revive model from config. When overriding the `get_config()` method, make sure that the returned config contains all items used as arguments in the  constructor to <class '__main__.{0}'>, which is the default behavior. You can override this default behavior by defining a `from_config(cls, config)` class method to specify how to create an instance of {0} from its config.\n\nReceived config={1}\n\nError encountered during deserialization: {2}",
                    c.name, shown, msg
                )
            } else {
                format!(
                    "Error when deserializing class '{}' using config={}.\n\nException encountered: {}",
                    c.name, shown, msg
                )
            };
            raise(ExcKind::TypeError, text)
        }
        other => other,
    }
}

/// A config dict's entries as keyword arguments (`cls(**config)`).
fn keywords(d: &std::cell::RefCell<crate::eval::value::Dict>) -> R<Vec<(String, Value)>> {
    let d = d.borrow();
    let mut kw = Vec::new();
    for (k, v) in d.keys.iter().zip(d.values.iter()) {
        let Value::Str(k) = k else {
            return Err(type_err("keywords must be strings"));
        };
        kw.push((k.to_string(), v.clone()));
    }
    Ok(kw)
}
