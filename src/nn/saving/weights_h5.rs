//! Keras's HDF5 weights layout (`save_weights('w.h5')`, and `model_weights` in a `.h5`
//! model file): the root lists `layer_names`; each layer's group lists its
//! `weight_names` (`dense/kernel:0`) and holds each weight at that path inside the group.
//! Loading matches the file's layers that have weights to the model's, in order (or by
//! name with `by_name=True`), with Keras's checks and messages.

use super::h5::{H5Attr, H5Group};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Variable;
use crate::eval::{Interp, Value};
use crate::tensor::Tensor;
use std::rc::Rc;

/// A layer's weights as Keras's legacy format lists them: trainable, then the others.
pub(crate) fn legacy_weights(layer: &Value) -> Vec<Rc<Variable>> {
    let mut out = crate::nn::trainable_of(layer);
    let all = crate::nn::weights_of(layer);
    out.extend(crate::nn::others(all, &out.clone()));
    out
}

fn strings_attr(v: Vec<String>) -> H5Attr {
    if v.is_empty() {
        // h5py stores an empty list as an empty float array.
        H5Attr::Floats(vec![])
    } else {
        H5Attr::Strings(v)
    }
}

/// The `model_weights` tree of a model's layers.
pub(crate) fn save_group(layers: &[Value]) -> H5Group {
    let mut root = H5Group::default();
    root.set_attr("backend", H5Attr::Str("tensorflow".into()));
    root.set_attr("keras_version", H5Attr::Str(super::KERAS_VERSION.into()));
    let names: Vec<String> = layers
        .iter()
        .map(crate::nn::keras_tensor::layer_name)
        .collect();
    root.set_attr("layer_names", strings_attr(names.clone()));
    for (l, name) in layers.iter().zip(&names) {
        let weights = legacy_weights(l);
        let g = root.group_mut(name);
        let wnames: Vec<String> = weights.iter().map(|w| w.name.borrow().clone()).collect();
        g.set_attr("weight_names", strings_attr(wnames.clone()));
        for (w, n) in weights.iter().zip(&wnames) {
            g.put(n, w.value.borrow().clone());
        }
    }
    root.group_mut("top_level_model_weights")
        .set_attr("weight_names", strings_attr(vec![]));
    root
}

/// An attribute holding a list of names, also when Keras split a long one into
/// `name0`, `name1`...
pub(crate) fn names_attr(g: &H5Group, name: &str) -> Vec<String> {
    match g.attr(name) {
        Some(H5Attr::Strings(v)) => return v.clone(),
        Some(H5Attr::Str(s)) => return vec![s.clone()],
        Some(_) => return vec![],
        None => {}
    }
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(H5Attr::Strings(v)) = g.attr(&format!("{}{}", name, i)) {
        out.extend(v.iter().cloned());
        i += 1;
    }
    out
}

/// Assigns a saved value to a variable, with the shape check `assign` makes.
pub(crate) fn assign(it: &mut Interp, v: &Rc<Variable>, t: &Tensor) -> R<()> {
    let cur_shape = v.value.borrow().shape().to_vec();
    if t.shape() != cur_shape.as_slice() {
        let _ = it;
        return raise(
            ExcKind::ValueError,
            format!(
                "Cannot assign value to variable ' {}': Shape mismatch.The variable shape {}, and the assigned value shape {} are incompatible.",
                v.name.borrow(),
                crate::print::shape_tuple(&cur_shape),
                crate::print::shape_tuple(t.shape())
            ),
        );
    }
    let dtype = v.value.borrow().dtype();
    v.set(t.cast(dtype));
    Ok(())
}

/// The saved values of a layer group, in `weight_names` order.
fn saved_values(g: &H5Group) -> Vec<Tensor> {
    names_attr(g, "weight_names")
        .iter()
        .filter_map(|n| g.dataset(n).cloned())
        .collect()
}

/// Loads a `model_weights` tree into a model's layers.
pub(crate) fn load_group(
    it: &mut Interp,
    layers: &[Value],
    root: &H5Group,
    by_name: bool,
    skip_mismatch: bool,
) -> R<()> {
    let saved: Vec<String> = names_attr(root, "layer_names")
        .into_iter()
        .filter(|n| {
            root.group(n)
                .is_some_and(|g| !names_attr(g, "weight_names").is_empty())
        })
        .collect();
    if by_name {
        return load_by_name(it, layers, root, &saved, skip_mismatch);
    }
    let with_weights: Vec<&Value> = layers
        .iter()
        .filter(|l| !legacy_weights(l).is_empty())
        .collect();
    if saved.len() != with_weights.len() {
        return raise(
            ExcKind::ValueError,
            format!(
                "Layer count mismatch when loading weights from file. Model expected {} layers, found {} saved layers.",
                with_weights.len(),
                saved.len()
            ),
        );
    }
    let mut pairs = Vec::new();
    for (k, (name, layer)) in saved.iter().zip(&with_weights).enumerate() {
        let values = root.group(name).map(saved_values).unwrap_or_default();
        let weights = legacy_weights(layer);
        if values.len() != weights.len() {
            return raise(
                ExcKind::ValueError,
                format!(
                    "Weight count mismatch for layer #{} (named {} in the current model, {} in the save file). Layer expects {} weight(s). Received {} saved weight(s)",
                    k,
                    crate::nn::keras_tensor::layer_name(layer),
                    name,
                    weights.len(),
                    values.len()
                ),
            );
        }
        pairs.extend(weights.into_iter().zip(values));
    }
    for (v, t) in &pairs {
        assign(it, v, t)?;
    }
    Ok(())
}

fn load_by_name(
    it: &mut Interp,
    layers: &[Value],
    root: &H5Group,
    saved: &[String],
    skip_mismatch: bool,
) -> R<()> {
    for (k, name) in saved.iter().enumerate() {
        let values = root.group(name).map(saved_values).unwrap_or_default();
        for layer in layers
            .iter()
            .filter(|l| crate::nn::keras_tensor::layer_name(l) == *name)
        {
            let weights = legacy_weights(layer);
            if values.len() != weights.len() {
                if skip_mismatch {
                    continue;
                }
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "Weight count mismatch for layer #{} (named {}). Layer expects {} weight(s). Received {} saved weight(s)",
                        k,
                        name,
                        weights.len(),
                        values.len()
                    ),
                );
            }
            for (v, t) in weights.iter().zip(&values) {
                if skip_mismatch && v.value.borrow().shape() != t.shape() {
                    continue;
                }
                assign(it, v, t)?;
            }
        }
    }
    Ok(())
}
