//! `Lambda(function, output_shape=None, mask=None, arguments=None)`: a layer that calls a
//! Python callable on its inputs, with `arguments` as keywords (and `training` / `mask`
//! when the function takes them).

use super::merge::keras_cast;
use super::LayerKind;
use crate::eval::error::{type_err, Flow, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::{shape_arg, Layer};
use crate::tensor::Tensor;

pub struct Lambda {
    pub function: Value,
    pub output_shape: Option<Vec<Option<usize>>>,
    pub arguments: Value,
}

crate::builtin! {
    /// Wraps arbitrary expressions as a `Layer` object.
    op("Lambda.__init__") ["tf.keras.layers.Lambda"]
    fn Lambda(it, function, output_shape = None, mask = None, arguments = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "Lambda", &kwargs)?;
        if !it.is_callable(&function) {
            return Err(type_err("unsupported callable"));
        }
        let output_shape = match &output_shape {
            Value::None => None,
            v => Some(shape_arg(it, v)?),
        };
        common.make(it, Lambda { function, output_shape, arguments })
    }
}

/// Whether a Python function declares parameter `name` (or takes `**kwargs`).
fn takes(f: &Value, name: &str) -> bool {
    let Value::Function(f) = f else {
        return false;
    };
    let p = &f.def.params;
    p.kwargs.is_some()
        || p.positional.iter().any(|q| q.name == name)
        || p.kwonly.iter().any(|q| q.name == name)
}

/// A layer input converted as Keras converts it: tensors and arrays (floats cast to
/// float32), lists and tuples element by element, anything else as it is.
fn convert(it: &mut Interp, x: &Value) -> R<Value> {
    Ok(match x {
        Value::Tensor(t) => Value::Tensor(keras_cast(t.clone())),
        Value::NdArray(a) => Value::Tensor(keras_cast(a.tensor())),
        Value::Variable(v) => Value::Tensor(keras_cast(v.read())),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            Value::Tensor(keras_cast(crate::api::convert::to_tensor(it, x, None)?))
        }
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(x)?;
            let mut out = Vec::with_capacity(items.len());
            for v in &items {
                out.push(convert(it, v)?);
            }
            if matches!(x, Value::Tuple(_)) {
                Value::tuple(out)
            } else {
                Value::list(out)
            }
        }
        other => other.clone(),
    })
}

impl LayerKind for Lambda {
    fn class_name(&self) -> &'static str {
        "Lambda"
    }

    fn module(&self) -> &'static str {
        "core.lambda_layer"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "function" => Some(self.function.clone()),
            "arguments" => Some(match &self.arguments {
                Value::None => crate::nn::initializers::dict_of(vec![]),
                v => v.clone(),
            }),
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &["function", "arguments"]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        // Keras stores the function as its marshalled Python bytecode, which tensh has no
        // way to produce: `get_config()` says so rather than leave the entry out.
        vec![(
            "function",
            crate::nn::serial::refused(
                "tensh cannot serialize a Lambda layer's function: Keras stores its Python bytecode",
            ),
        )]
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        match &self.output_shape {
            Some(s) => {
                let mut out = vec![shape.first().copied().flatten()];
                out.extend(s.iter());
                out
            }
            None => shape.to_vec(),
        }
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        let x = convert(it, x)?;
        let mut kw: Vec<(String, Value)> = Vec::new();
        if let Value::Dict(d) = &self.arguments {
            let d = d.borrow();
            for (k, v) in d.keys.iter().zip(&d.values) {
                if let Value::Str(k) = k {
                    kw.push((k.to_string(), v.clone()));
                }
            }
        }
        if takes(&self.function, "training") && !kw.iter().any(|(k, _)| k == "training") {
            kw.push(("training".into(), Value::Bool(training)));
        }
        layer.built.set(true);
        let out = it.call(&self.function, Args { pos: vec![x], kw });
        out.map_err(|e| match e {
            Flow::Error(mut exc) => {
                exc.message = format!(
                    "Exception encountered when calling layer '{}' (type Lambda).\n\n{}",
                    layer.name, exc.message
                );
                Flow::Error(exc)
            }
            other => other,
        })
    }
}
