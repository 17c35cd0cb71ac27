//! The Python base classes users derive their own regularizers, constraints and initializers
//! from — `tf.keras.regularizers.Regularizer`, `tf.keras.constraints.Constraint`,
//! `tf.keras.initializers.Initializer` — written in Python as Keras 2.15 defines them, in
//! the modules Keras defines them in (so reprs name `keras.src.regularizers.Regularizer`).
//! The built-in regularizers and constraints count as their instances.

use crate::eval::value::Module;
use crate::eval::{Interp, Value};

const REGULARIZER: &str = "\
class Regularizer:
    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f\"{self} does not implement get_config()\")

    @classmethod
    def from_config(cls, config):
        return cls(**config)
";

const CONSTRAINT: &str = "\
class Constraint:
    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)
";

const INITIALIZER: &str = "\
class Initializer:
    def __call__(self, shape, dtype=None, **kwargs):
        raise NotImplementedError(
            \"Initializer subclasses must implement the `__call__()` method.\"
        )

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        config.pop(\"dtype\", None)
        return cls(**config)
";

/// Builds the three classes and sets each in its `tf.keras` module.
pub fn install(it: &mut Interp, regs: &Module, cons: &Module, inits: &Module) {
    for (module, src, class, target) in [
        ("keras.src.regularizers", REGULARIZER, "Regularizer", regs),
        ("keras.src.constraints", CONSTRAINT, "Constraint", cons),
        (
            "keras.src.initializers.initializers",
            INITIALIZER,
            "Initializer",
            inits,
        ),
    ] {
        crate::pylib::pysource::load(it, module, src, &[]);
        if let Some(Value::Module(m)) = it.modules.get(module) {
            if let Some(c) = m.get(class) {
                target.set(class, c);
            }
        }
    }
}

/// Whether a built-in object counts as an instance of one of these classes: the
/// built-in regularizers of `Regularizer`, the built-in constraints of `Constraint`, Keras
/// layers and models of `tf.Module`.
pub fn isinstance(v: &Value, class: &crate::eval::value::Class) -> bool {
    match (class.name.as_str(), class.module_name().as_str()) {
        ("Regularizer", "keras.src.regularizers") => v
            .as_object::<crate::nn::regularizers::RegObject>()
            .is_some(),
        ("Constraint", "keras.src.constraints") => v
            .as_object::<crate::nn::constraints::ConstraintObject>()
            .is_some(),
        // Keras layers and models are `tf.Module`s.
        ("Module", "tensorflow.python.module.module") => {
            crate::nn::layer_ref(v).is_some()
                || v.as_object::<crate::nn::sequential::Sequential>().is_some()
                || v.as_object::<crate::nn::functional::Functional>().is_some()
                || crate::nn::native_layer(v).is_some()
        }
        _ => false,
    }
}
