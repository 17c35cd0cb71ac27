//! `tf.keras.utils`: `to_categorical`, `to_ordinal`, `normalize`, `set_random_seed`,
//! `img_to_array` and `plot_model`, with Keras 2.15's numpy semantics and errors (numpy
//! arrays out); `array_to_img`, `load_img` and `plot_model` fail as Keras does without PIL,
//! pydot and graphviz. The other utilities live beside this file: `get_file.rs`,
//! `sequence_utils.rs` (`pad_sequences`) and `registration.rs` (the custom-object registry
//! and the `Sequence` class).
//!
//! [`install`] makes the `keras.utils`, `keras.backend`, `keras.saving` and
//! `keras.preprocessing.sequence` modules that the declarations are placed into.

use crate::api::convert::{dtype_arg, given, tensor_of, to_tensor};
use crate::api::new_module;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, value_err, R};
use crate::eval::value::{Args, Module};
use crate::eval::{Interp, Value};
use crate::tensor::ops::elementwise::{self as ew, Binary, Compare, Unary};
use crate::tensor::ops::reduce::{self, Reduce};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// Makes the utility modules under `keras` (and their `tensorflow.keras` names), the
/// backend's settings, and the classes written in Python.
pub(crate) fn install(it: &mut Interp, keras: &Rc<Module>) {
    let utils = new_module("keras.utils");
    let backend = new_module("keras.backend");
    let saving = new_module("keras.saving");
    let preprocessing = new_module("keras.preprocessing");
    let sequence = new_module("keras.preprocessing.sequence");
    preprocessing.set("sequence", Value::Module(sequence.clone()));
    for (n, m) in [
        ("utils", &utils),
        ("backend", &backend),
        ("saving", &saving),
        ("preprocessing", &preprocessing),
    ] {
        keras.set(n, Value::Module(m.clone()));
    }
    for (path, m) in [
        ("keras.utils", &utils),
        ("keras.backend", &backend),
        ("keras.saving", &saving),
        ("keras.preprocessing", &preprocessing),
        ("keras.preprocessing.sequence", &sequence),
    ] {
        it.modules.insert(path.into(), Value::Module(m.clone()));
        it.modules
            .insert(format!("tensorflow.{}", path), Value::Module(m.clone()));
    }
    super::backend::install(it);
    super::registration::install(it, &utils, &saving);
    super::text_tokenizer::install(it);
}

/// numpy's "interpreted as an integer" for a shape entry.
fn shape_int(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => match tensor_of(v) {
            Some(t) if t.size() == 1 && !t.dtype().is_float() => Ok(t.item_i64().unwrap_or(0)),
            _ => Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ))),
        },
    }
}

/// numpy's MemoryError for an array over tensh's memory budget.
fn budget(dims: &[usize], d: DType) -> R<()> {
    crate::tensor::alloc::check(dims, d, "").map_err(crate::api::numpy::np_err)
}

/// `np.array(y, dtype="int")` flattened, and the output shape before the class axis (a
/// trailing axis of 1 dropped).
fn class_labels(it: &mut Interp, y: &Value) -> R<(Vec<i64>, Vec<usize>)> {
    let t = match tensor_of(y) {
        Some(t) => t,
        None => to_tensor(it, y, None)?,
    };
    let mut shape = t.shape().to_vec();
    if shape.len() > 1 && shape.last() == Some(&1) {
        shape.pop();
    }
    Ok((t.cast(DType::I64).to_i64_vec(), shape))
}

/// `num_classes`, or `max(y) + 1` when it is falsy.
fn class_count(it: &mut Interp, num_classes: &Value, labels: &[i64]) -> R<i64> {
    if it.truthy(num_classes)? {
        return shape_int(num_classes);
    }
    match labels.iter().max() {
        Some(m) => Ok(m + 1),
        None => raise(
            ExcKind::ValueError,
            "zero-size array to reduction operation maximum which has no identity",
        ),
    }
}

/// A `(len(labels), width)` matrix of `dtype` reshaped to `shape + (width,)`, its element
/// `(row, col)` set where `hot(label, col)` holds; `check` runs once the matrix could be
/// made (numpy's errors for the shape and dtype come first).
fn label_matrix(
    labels: &[i64],
    mut shape: Vec<usize>,
    width: i64,
    dtype: &Value,
    check: impl FnOnce() -> R<()>,
    hot: impl Fn(i64, usize) -> bool,
) -> R<Value> {
    if width < 0 {
        return raise(ExcKind::ValueError, "negative dimensions are not allowed");
    }
    let d = dtype_arg(dtype)?;
    let w = width as usize;
    budget(&[labels.len(), w], d)?;
    check()?;
    shape.push(w);
    let mut i = 0usize;
    let out = Tensor::from_f64_fn(d, &shape, || {
        let on = hot(labels[i / w], i % w);
        i += 1;
        if on {
            1.0
        } else {
            0.0
        }
    });
    Ok(Value::ndarray(out))
}

crate::builtin! {
    /// Converts a class vector (integers) to binary class matrix.
    python ["tf.keras.utils.to_categorical"]
    fn to_categorical(it, y, num_classes = None, dtype = "float32") {
        let (labels, shape) = class_labels(it, &y)?;
        let classes = class_count(it, &num_classes, &labels)?;
        let check = || match labels.iter().find(|&&c| !(-classes..classes).contains(&c)) {
            Some(c) => raise(
                ExcKind::IndexError,
                format!("index {} is out of bounds for axis 1 with size {}", c, classes),
            ),
            None => Ok(()),
        };
        label_matrix(&labels, shape, classes, &dtype, check, |c, col| {
            c.rem_euclid(classes) as usize == col
        })
    }
}

crate::builtin! {
    /// Converts a class vector (integers) to an ordinal regression matrix.
    python ["tf.keras.utils.to_ordinal"]
    fn to_ordinal(it, y, num_classes = None, dtype = "float32") {
        let (labels, shape) = class_labels(it, &y)?;
        let classes = class_count(it, &num_classes, &labels)?;
        label_matrix(&labels, shape, classes - 1, &dtype, || Ok(()), |c, col| (col as i64) < c)
    }
}

/// `np.linalg.norm(x, order, axis)` of a float array along one axis.
fn vector_norm(x: &Tensor, order: f64, axis: i64) -> R<Tensor> {
    let ax = [axis];
    let d = x.dtype();
    let abs = || ew::unary(Unary::Abs, x);
    Ok(if order == 2.0 {
        let sq = ew::binary(Binary::Mul, x, x)?;
        ew::unary(
            Unary::Sqrt,
            &reduce::reduce(Reduce::Sum, &sq, Some(&ax), false)?,
        )?
    } else if order == f64::INFINITY {
        reduce::reduce(Reduce::Max, &abs()?, Some(&ax), false)?
    } else if order == f64::NEG_INFINITY {
        reduce::reduce(Reduce::Min, &abs()?, Some(&ax), false)?
    } else if order == 0.0 {
        let nz = ew::compare(Compare::NotEqual, x, &Tensor::full(d, &[], 0.0))?.cast(d);
        reduce::reduce(Reduce::Sum, &nz, Some(&ax), false)?
    } else if order == 1.0 {
        reduce::reduce(Reduce::Sum, &abs()?, Some(&ax), false)?
    } else {
        let p = ew::binary(Binary::Pow, &abs()?, &Tensor::full(d, &[], order))?;
        let s = reduce::reduce(Reduce::Sum, &p, Some(&ax), false)?;
        ew::binary(Binary::Pow, &s, &Tensor::full(d, &[], 1.0 / order))?
    })
}

crate::builtin! {
    /// Normalizes a Numpy array.
    python ["tf.keras.utils.normalize"]
    fn normalize(it, x, axis = -1, order = 2) {
        let tensor_in = matches!(x, Value::Tensor(_) | Value::Variable(_));
        let t = match tensor_of(&x) {
            Some(t) => t,
            None => to_tensor(it, &x, Some(DType::F64))?,
        };
        let t = if t.dtype().is_float() { t } else { t.cast(DType::F64) };
        let axis = crate::api::convert::i64_arg(&axis, "axis")?;
        let rank = t.ndim() as i64;
        if !(-rank..rank).contains(&axis) {
            return raise(
                ExcKind::ValueError,
                format!("axis {} is out of bounds for array of dimension {}", axis, rank),
            );
        }
        let order = crate::api::convert::f64_arg(&order, "ord")?;
        let norms = vector_norm(&t, order, axis)?;
        let d = norms.dtype();
        let zero = ew::compare(Compare::Equal, &norms, &Tensor::full(d, &[], 0.0))?.cast(d);
        let norms = ew::binary(Binary::Add, &norms, &zero)?;
        let mut shape = norms.shape().to_vec();
        if shape.is_empty() {
            shape.push(1);
        }
        let at = if axis < 0 {
            shape.len() as i64 + 1 + axis
        } else {
            axis
        };
        shape.insert((at.max(0) as usize).min(shape.len()), 1);
        let norms = crate::tensor::ops::shape::reshape_to(&norms, &shape);
        let out = ew::binary(Binary::Div, &t, &norms)?;
        Ok(if tensor_in { Value::Tensor(out) } else { Value::ndarray(out) })
    }
}

crate::builtin! {
    /// Sets all random seeds (Python, NumPy, and backend framework, e.g. TF).
    python ["tf.keras.utils.set_random_seed"]
    fn set_random_seed(it, seed) {
        if !matches!(seed, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) {
            let class = crate::eval::types::type_of(it, seed.clone())?;
            return Err(value_err(format!(
                "Expected `seed` argument to be an integer. Received: seed={} (of type {})",
                it.str_of(&seed)?,
                it.repr(&class)?
            )));
        }
        let random = it.import_module("random")?;
        let f = it.get_attr(&random, "seed")?;
        it.call(&f, Args::new(vec![seed.clone()]))?;
        super::backend::call_tf(it, "np.random.seed", vec![seed.clone()], vec![])?;
        super::backend::call_tf(it, "tf.random.set_seed", vec![seed.clone()], vec![])?;
        // Keras's own seed generator, `random.Random(seed)`, seeds unseeded initializers.
        if let Value::Int(s) = seed {
            it.rng.set_keras_seed(s);
        }
        Ok(Value::None)
    }
}

crate::builtin! {
    /// Converts a PIL Image instance to a Numpy array.
    python ["tf.keras.utils.img_to_array", "tf.keras.preprocessing.image.img_to_array"]
    fn img_to_array(it, img, data_format = None, dtype = None) {
        let first = match &data_format {
            Value::None => false,
            Value::Str(s) if &**s == "channels_last" => false,
            Value::Str(s) if &**s == "channels_first" => true,
            other => {
                return Err(value_err(format!("Unknown data_format: {}", it.str_of(other)?)))
            }
        };
        let d = match given(dtype) {
            Some(d) => dtype_arg(&d)?,
            None => super::backend::floatx_dtype(it),
        };
        let x = match tensor_of(&img) {
            Some(t) => t.cast(d),
            None => to_tensor(it, &img, Some(d))?,
        };
        let s = x.shape().to_vec();
        let out = match (s.len(), first) {
            (3, false) => x,
            (3, true) => crate::tensor::ops::shape::transpose(&x, Some(&[2, 0, 1]))?,
            (2, false) => crate::tensor::ops::shape::reshape_to(&x, &[s[0], s[1], 1]),
            (2, true) => crate::tensor::ops::shape::reshape_to(&x, &[1, s[0], s[1]]),
            _ => {
                return Err(value_err(format!(
                    "Unsupported image shape: {}",
                    crate::print::shape_tuple(&s)
                )))
            }
        };
        Ok(Value::ndarray(out))
    }
}

crate::builtin! {
    /// Converts a Keras model to dot format and save to a file.
    python ["tf.keras.utils.plot_model"]
    fn plot_model(it, model, to_file = "model.png", show_shapes = False, show_dtype = False,
        show_layer_names = True, rankdir = "TB", expand_nested = False, dpi = 96,
        layer_range = None, show_layer_activations = False, show_trainable = False) {
        let built = it.get_attr(&model, "built")?;
        if !it.truthy(&built)? {
            return raise(
                ExcKind::ValueError,
                "This model has not yet been built. Build the model first by calling `build()` or by calling the model on a batch of data.",
            );
        }
        raise(
            ExcKind::ImportError,
            "You must install pydot (`pip install pydot`) and install graphviz (see instructions at https://graphviz.gitlab.io/download/) for plot_model to work.",
        )
    }
}

crate::builtin! {
    /// Converts a 3D Numpy array to a PIL Image instance.
    python ["tf.keras.utils.array_to_img", "tf.keras.preprocessing.image.array_to_img"]
    fn array_to_img(it, x, data_format = None, scale = True, dtype = None) {
        raise(
            ExcKind::ImportError,
            "Could not import PIL.Image. The use of `array_to_img` requires PIL.",
        )
    }
}

crate::builtin! {
    /// Loads an image into PIL format.
    python ["tf.keras.utils.load_img", "tf.keras.preprocessing.image.load_img"]
    fn load_img(it, path, grayscale = False, color_mode = "rgb", target_size = None,
        interpolation = "nearest", keep_aspect_ratio = False) {
        raise(
            ExcKind::ImportError,
            "Could not import PIL.Image. The use of `load_img` requires PIL.",
        )
    }
}
