//! The built-in Keras layers, one file per kind. Each file declares its constructor once
//! (with [`builtin!`](crate::builtin), at every path Keras exports it) and implements
//! [`LayerKind`]: what the generic [`Layer`] object needs to know about it. A new layer kind
//! is one new file here plus its `mod` line.
//!
//! | file | kind |
//! |---|---|
//! | `dense.rs` | `Dense` |
//! | `dropout.rs` | `Dropout` |
//! | `flatten.rs` | `Flatten` |
//! | `activation.rs` | `Activation` |
//! | `relu.rs` | `ReLU` |
//! | `leaky_relu.rs` | `LeakyReLU` |
//! | `softmax.rs` | `Softmax` |
//! | `batch_normalization.rs` | `BatchNormalization` |
//! | `merge.rs` | `Add`, `Subtract`, `Multiply`, `Average`, `Maximum`, `Minimum`; the merge layers' shared input and shape rules |
//! | `concatenate.rs` | `Concatenate` |
//! | `dot.rs` | `Dot` |
//! | `merge_functions.rs` | `add`, `subtract`, `multiply`, `average`, `maximum`, `minimum`, `concatenate`, `dot` |
//! | `input_layer.rs` | `InputLayer` and `Input` |
//! | `conv.rs` | `Conv1D`, `Conv2D` |
//! | `conv_transpose.rs` | `Conv1DTranspose`, `Conv2DTranspose` |
//! | `depthwise_conv.rs` | `DepthwiseConv1D`, `DepthwiseConv2D` |
//! | `separable_conv.rs` | `SeparableConv1D`, `SeparableConv2D` |
//! | `pooling.rs` | `MaxPooling1D/2D`, `AveragePooling1D/2D` |
//! | `global_pooling.rs` | `GlobalAveragePooling1D/2D`, `GlobalMaxPooling1D/2D` |
//! | `reshape.rs` | `Reshape` |
//! | `padding2d.rs` | `ZeroPadding2D`, `Cropping2D` |
//! | `upsampling2d.rs` | `UpSampling2D` |
//! | `permute.rs` | `Permute` |
//! | `repeat_vector.rs` | `RepeatVector` |
//! | `tf_op_lambda.rs` | `TFOpLambda` (a TensorFlow op in a functional model) |
//! | `lambda.rs` | `Lambda` |
//! | `rescaling.rs` | `Rescaling` |
//! | `resizing.rs` | `Resizing` |
//! | `center_crop.rs` | `CenterCrop` (and Keras's `smart_resize`) |
//! | `random_flip.rs` | `RandomFlip` |
//! | `random_crop.rs` | `RandomCrop` |
//! | `random_contrast.rs` | `RandomContrast` |
//! | `random_rotation.rs` | `RandomRotation` |
//! | `random_zoom.rs` | `RandomZoom` |
//! | `random_translation.rs` | `RandomTranslation` |
//! | `image_affine.rs` | the fill modes and projective transform the last three share |
//! | `random_brightness.rs` | `RandomBrightness` |
//! | `image_rng.rs` | the image layers' random generator and calls into `tf.image` |
//! | `normalization.rs` | `Normalization` (with `adapt`) |
//! | `layer_normalization.rs` | `LayerNormalization` |
//! | `norm_axes.rs` | the normalization layers' `axis` argument and shared arithmetic |
//! | `spatial_dropout.rs` | `SpatialDropout1D/2D/3D` |
//! | `gaussian_noise.rs` | `GaussianNoise` |
//! | `gaussian_dropout.rs` | `GaussianDropout` |
//! | `prelu.rs` | `PReLU` |
//! | `elu.rs` | `ELU` |
//! | `list_wrapper.rs` | `ListWrapper`, the tracked list some attributes print as |
//! | `channels.rs` | `channels_first` data: the transposes around a channels-last kernel |
//! | `base.rs` | the native part of a user subclass of `Layer` / `Model` |
//! | `embedding.rs` | `Embedding` |
//! | `masking.rs` | `Masking` |
//! | `mask_flow.rs` | the `mask=` keyword and the mask a `Sequential` carries between layers |
//! | `rnn_cell.rs` | `SimpleRNNCell`, `LSTMCell`, `GRUCell`: weights and one time step |
//! | `rnn.rs` | `SimpleRNN`, `LSTM`, `GRU`, `RNN(cell)`: the loop over time steps |
//! | `bidirectional.rs` | `Bidirectional` |
//! | `time_distributed.rs` | `TimeDistributed` |
//! | `dense_attention.rs` | what `Attention` and `AdditiveAttention` share: inputs, masks, applying scores |
//! | `attention.rs` | `Attention` |
//! | `additive_attention.rs` | `AdditiveAttention` |
//! | `multi_head_attention.rs` | `MultiHeadAttention` |
//! | `attention_heads.rs` | `MultiHeadAttention`'s projections, einsum equations and masked softmax |

pub(crate) mod activation;
pub(crate) mod additive_attention;
pub(crate) mod attention;
pub(crate) mod attention_heads;
pub(crate) mod base;
pub(crate) mod batch_normalization;
pub(crate) mod bidirectional;
pub(crate) mod center_crop;
pub(crate) mod channels;
pub(crate) mod concatenate;
pub(crate) mod conv;
pub(crate) mod conv_transpose;
pub(crate) mod dense;
pub(crate) mod dense_attention;
pub(crate) mod depthwise_conv;
pub(crate) mod dot;
pub(crate) mod dropout;
pub(crate) mod elu;
pub(crate) mod embedding;
pub(crate) mod flatten;
pub(crate) mod gaussian_dropout;
pub(crate) mod gaussian_noise;
pub(crate) mod global_pooling;
pub(crate) mod image_affine;
pub(crate) mod image_rng;
pub(crate) mod input_layer;
pub(crate) mod lambda;
pub(crate) mod layer_normalization;
pub(crate) mod leaky_relu;
pub(crate) mod list_wrapper;
pub(crate) mod mask_flow;
pub(crate) mod masking;
pub(crate) mod merge;
pub(crate) mod merge_functions;
pub(crate) mod multi_head_attention;
pub(crate) mod norm_axes;
pub(crate) mod normalization;
pub(crate) mod padding2d;
pub(crate) mod permute;
pub(crate) mod pooling;
pub(crate) mod prelu;
pub(crate) mod random_brightness;
pub(crate) mod random_contrast;
pub(crate) mod random_crop;
pub(crate) mod random_flip;
pub(crate) mod random_rotation;
pub(crate) mod random_translation;
pub(crate) mod random_zoom;
pub(crate) mod relu;
pub(crate) mod repeat_vector;
pub(crate) mod rescaling;
pub(crate) mod reshape;
pub(crate) mod resizing;
pub(crate) mod rnn;
pub(crate) mod rnn_cell;
pub(crate) mod separable_conv;
pub(crate) mod softmax;
pub(crate) mod spatial_dropout;
pub(crate) mod tf_op_lambda;
pub(crate) mod time_distributed;
pub(crate) mod upsampling2d;

use super::initializers::Init;
use super::layer::{shape_arg, Layer};
use crate::api::convert::i64_arg;
use crate::eval::error::{type_err, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// A weight a layer creates when built: attribute name, initializer, shape, trainable.
pub struct WeightSpec {
    pub attr: &'static str,
    pub init: Init,
    pub dims: Vec<usize>,
    pub trainable: bool,
}

/// What one kind of built-in layer is: its identity for reprs, its attributes, the weights
/// it builds and what it computes. The generic [`Layer`] holds one as a `Box<dyn LayerKind>`.
pub trait LayerKind {
    /// The Keras class name: `Dense`.
    fn class_name(&self) -> &'static str;

    /// The module under `keras.src.layers` the class lives in, for reprs: `core.dense`.
    fn module(&self) -> &'static str;

    /// An attribute particular to this kind (`units`, `rate`...).
    fn attr(&self, _name: &str) -> Option<Value> {
        None
    }

    /// The names [`attr`](Self::attr) answers (for completion).
    fn attr_names(&self) -> &'static [&'static str] {
        &[]
    }

    /// The kind's entries of `get_config()`, after `name`, `trainable` and `dtype`.
    fn config(&self) -> Vec<(&'static str, Value)> {
        vec![]
    }

    /// Whether the kind makes weights when built (a model's build rebuilds such layers).
    fn makes_weights(&self) -> bool {
        false
    }

    /// The weights to create for an input shape (batch dim may be None).
    fn weights(&self, _shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        Ok(vec![])
    }

    /// The output shape for an input shape, for `summary()`.
    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        shape.to_vec()
    }

    /// Checks an input before the layer builds on it.
    fn check_input(&self, _layer: &Layer, _x: &Tensor) -> R<()> {
        Ok(())
    }

    /// What the layer computes on one (float32) input, once built.
    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor>;

    /// Whether the layer takes `channels_first` data: the layer then transposes its input
    /// to channels last around the kind's checks, weights and call.
    fn channels_first(&self) -> bool {
        false
    }

    /// The regularizers and constraints of a kind that takes them.
    fn penalties(&self) -> Option<&crate::nn::penalties::LayerPenalties> {
        None
    }

    /// The TensorFlow operation a `TFOpLambda` layer stands for.
    fn op(&self) -> Option<&tf_op_lambda::Op> {
        None
    }

    /// Calls the layer on its argument; layers taking a list of inputs override this.
    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        layer.call_tensor(it, x, training)
    }

    /// Builds what the kind holds besides its own weights (an RNN's cell, a wrapper's
    /// layers), after [`weights`](Self::weights) are made.
    fn build_inner(
        &self,
        _it: &mut Interp,
        _layer: &Layer,
        _shape: &[Option<usize>],
        _scoped: bool,
    ) -> R<()> {
        Ok(())
    }

    /// Calls the layer with the input's mask and the call's keywords (`initial_state`);
    /// kinds that use a mask override this, the others ignore it.
    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
        _args: &Args,
        training: bool,
    ) -> R<Value> {
        self.call_value(it, layer, x, training)
    }

    /// Whether the layer takes one mask per input as a list (`mask=[query_mask, value_mask]`
    /// of the attention layers): its `mask=` keyword is left to the kind, `build` on a list
    /// of shapes builds on the value's, and a functional model passes it its inputs' masks.
    fn list_masks(&self) -> bool {
        false
    }

    /// `compute_output_shape(...)` of a kind whose method takes more than one shape
    /// (MultiHeadAttention's query, value and key shapes); None for the usual one.
    fn compute_output_shape_call(&self, _it: &mut Interp, _args: &Args) -> Option<R<Value>> {
        None
    }

    /// Whether the layer passes its input's mask on unchanged (Keras's `supports_masking`).
    fn supports_masking(&self) -> bool {
        false
    }

    /// The mask of the output (Keras's `compute_mask`): by default the input's mask when the
    /// layer supports masking, else None.
    fn compute_mask(
        &self,
        _it: &mut Interp,
        layer: &Layer,
        _x: &Value,
        mask: Option<Tensor>,
    ) -> R<Option<Tensor>> {
        let passes = self.supports_masking() || mask_flow::passes_mask(&layer.class_name);
        Ok(if passes { mask } else { None })
    }

    /// Resets a stateful layer's states (`reset_states()`, offered when
    /// [`attr_names`](Self::attr_names) lists it); None when the kind has none.
    fn reset_states(&self) -> Option<R<()>> {
        None
    }

    /// The kind as `Any`, for the kinds other kinds look into (an RNN's cell).
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
}

/// A layer's `get_config()` dict: `name`, `trainable`, `dtype`, then its kind's entries.
pub fn config_dict(layer: &Layer) -> Value {
    let mut items = vec![
        ("name", Value::str(&layer.name)),
        ("trainable", Value::Bool(layer.trainable.get())),
        ("dtype", Value::str(&layer.dtype.borrow())),
    ];
    items.extend(layer.kind.config());
    crate::nn::initializers::dict_of(items)
}

/// A layer serialized as a wrapper's config shows it:
/// `{'module': 'keras.layers', 'class_name': 'LSTM', 'config': {...}, 'registered_name': None}`.
pub fn serialized(layer: &Layer) -> Value {
    crate::nn::initializers::dict_of(vec![
        ("module", Value::str("keras.layers")),
        ("class_name", Value::str(&layer.class_name)),
        ("config", config_dict(layer)),
        ("registered_name", Value::None),
    ])
}

/// Keras casts layer inputs to the layer's float32 compute dtype.
pub fn autocast(x: Tensor) -> Tensor {
    if x.dtype() == DType::F32 {
        x
    } else {
        x.cast(DType::F32)
    }
}

/// `Input 0 of layer "dense" is incompatible with the layer: ...`.
pub fn incompatible(layer: &Layer, detail: String) -> crate::eval::Flow {
    value_err(format!(
        "Input 0 of layer \"{}\" is incompatible with the layer: {}",
        layer.name, detail
    ))
}

/// Keras's input check for layers of one rank: `expected ndim=4, found ndim=3. ...`.
pub fn expect_ndim(layer: &Layer, x: &Tensor, ndim: usize) -> R<()> {
    if x.ndim() == ndim {
        return Ok(());
    }
    Err(incompatible(
        layer,
        format!(
            "expected ndim={}, found ndim={}. Full shape received: {}",
            ndim,
            x.ndim(),
            crate::print::shape_tuple(x.shape())
        ),
    ))
}

/// An op's error inside a layer's call, as Keras wraps it:
/// `Exception encountered when calling layer 'conv2d' (type Conv2D).` and the op's message.
pub fn call_error(layer: &Layer, e: crate::tensor::TfError) -> crate::eval::Flow {
    crate::eval::error::err(
        e.kind,
        format!(
            "Exception encountered when calling layer '{}' (type {}).\n\n{}",
            layer.name, layer.class_name, e.message
        ),
    )
}

/// Whether a `data_format` argument asks for channels first (None and `channels_last` do
/// not), with Keras's error for anything else.
pub fn channels_first(v: &Value) -> R<bool> {
    match v {
        Value::None => Ok(false),
        Value::Str(s) if &**s == "channels_last" => Ok(false),
        Value::Str(s) if &**s == "channels_first" => Ok(true),
        other => Err(value_err(format!(
            "The `data_format` argument must be one of \"channels_first\", \"channels_last\". Received: {}",
            match other {
                Value::Str(s) => s.to_string(),
                _ => other.type_name(),
            }
        ))),
    }
}

/// A shape with unknown dims as Python shows it: `(None, 4)`.
pub fn dims_str(shape: &[Option<usize>]) -> String {
    crate::eval::repr::shape_str(&Some(shape.to_vec()))
}

/// The keyword arguments every layer takes (`name`, `input_shape` / `input_dim` /
/// `batch_input_shape`, `trainable`, `dtype`...), read from a constructor's `**kwargs`.
pub struct Common {
    pub name: Option<String>,
    pub input_shape: Option<Vec<Option<usize>>>,
    pub trainable: bool,
    /// The dtype policy given as `dtype=`; None takes the global policy.
    pub policy: Option<String>,
}

impl Common {
    /// Reads the common keywords of `class`'s `**kwargs`; any other keyword is an error.
    pub fn from_kwargs(it: &mut Interp, class: &str, kwargs: &Value) -> R<Common> {
        let mut c = Common {
            name: None,
            input_shape: None,
            trainable: true,
            policy: None,
        };
        let Value::Dict(d) = kwargs else {
            c.name = Some(it.unique_name(&crate::nn::snake_case(class)));
            return Ok(c);
        };
        let items: Vec<(Value, Value)> = {
            let d = d.borrow();
            d.keys
                .iter()
                .cloned()
                .zip(d.values.iter().cloned())
                .collect()
        };
        for (k, v) in items {
            let Value::Str(k) = k else { continue };
            match &*k {
                "name" => {
                    if let Value::Str(s) = &v {
                        c.name = Some(s.to_string());
                    }
                }
                "input_shape" => {
                    let mut s = vec![None];
                    s.extend(shape_arg(it, &v)?);
                    c.input_shape = Some(s);
                }
                "input_dim" => {
                    c.input_shape = Some(vec![None, Some(i64_arg(&v, "input_dim")? as usize)])
                }
                "batch_input_shape" => c.input_shape = Some(shape_arg(it, &v)?),
                "trainable" => c.trainable = it.truthy(&v)?,
                "dtype" if !matches!(v, Value::None) => {
                    c.policy = Some(crate::nn::mixed_precision::policy_name(&v)?)
                }
                "dtype" | "dynamic" | "autocast" | "implementation" => {}
                // Keras's `validate_kwargs` raises TypeError with two arguments.
                other => {
                    let shown = it.repr(&Value::str(other))?;
                    return Err(type_err(format!(
                        "('Keyword argument not understood:', {})",
                        shown
                    )));
                }
            }
        }
        // Keras names a layer first thing in its constructor, so a constructor that then
        // fails has still used the name.
        if c.name.is_none() {
            c.name = Some(it.unique_name(&crate::nn::snake_case(class)));
        }
        Ok(c)
    }

    /// Removes `key` from a layer's `**kwargs` when its value passes `accept` (an argument
    /// Keras's base class takes and the kind's own `get_config` shows, such as a
    /// convolution's `groups=1`), so rebuilding from a config accepts it.
    pub fn take_kwarg(kwargs: &Value, key: &str, accept: impl Fn(&Value) -> bool) -> R<()> {
        if let Value::Dict(d) = kwargs {
            let k = Value::str(key);
            let found = d.borrow().get(&k)?;
            if found.is_some_and(|v| accept(&v)) {
                d.borrow_mut().remove(&k)?;
            }
        }
        Ok(())
    }

    /// The layer value of kind `kind` with these settings.
    pub fn make(self, it: &mut Interp, kind: impl LayerKind + 'static) -> R<Value> {
        let l = Layer::new(it, kind.class_name(), Box::new(kind), self.name);
        l.trainable.set(self.trainable);
        *l.dtype.borrow_mut() = self
            .policy
            .unwrap_or_else(|| crate::nn::mixed_precision::global_name(it));
        *l.batch_input_shape.borrow_mut() = self.input_shape.clone();
        *l.input_shape.borrow_mut() = self.input_shape;
        Ok(Value::Object(Rc::new(l)))
    }
}

/// A constructor's `**kwargs` read as the common layer keywords, then the layer made.
pub fn make(it: &mut Interp, kwargs: &Value, kind: impl LayerKind + 'static) -> R<Value> {
    Common::from_kwargs(it, kind.class_name(), kwargs)?.make(it, kind)
}

pub(crate) mod tests {
    use crate::eval::decl::BUILTINS;

    fn every_layer_is_declared_at_its_keras_path_with_its_description() {
        for (path, summary) in [
            (
                "tf.keras.layers.Dense",
                "Just your regular densely-connected NN layer.",
            ),
            ("tf.keras.layers.Dropout", "Applies Dropout to the input."),
            (
                "tf.keras.layers.Flatten",
                "Flattens the input. Does not affect the batch size.",
            ),
            (
                "tf.keras.layers.Activation",
                "Applies an activation function to an output.",
            ),
            (
                "tf.keras.layers.ReLU",
                "Rectified Linear Unit activation function.",
            ),
            (
                "tf.keras.layers.LeakyReLU",
                "Leaky version of a Rectified Linear Unit.",
            ),
            ("tf.keras.layers.Softmax", "Softmax activation function."),
            (
                "tf.keras.layers.BatchNormalization",
                "Layer that normalizes its inputs.",
            ),
            ("tf.keras.layers.Add", "Layer that adds a list of inputs."),
            (
                "tf.keras.layers.Subtract",
                "Layer that subtracts two inputs.",
            ),
            (
                "tf.keras.layers.Concatenate",
                "Layer that concatenates a list of inputs.",
            ),
            (
                "tf.keras.layers.Dot",
                "Layer that computes a dot product between samples in two tensors.",
            ),
            (
                "tf.keras.layers.add",
                "Functional interface to the `tf.keras.layers.Add` layer.",
            ),
            (
                "tf.keras.layers.Lambda",
                "Wraps arbitrary expressions as a `Layer` object.",
            ),
            (
                "tf.keras.layers.experimental.preprocessing.Rescaling",
                "A preprocessing layer which rescales input values to a new range.",
            ),
            (
                "tf.keras.layers.Normalization",
                "A preprocessing layer which normalizes continuous features.",
            ),
            (
                "tf.keras.layers.LayerNormalization",
                "Layer normalization layer (Ba et al., 2016).",
            ),
            (
                "tf.keras.layers.SpatialDropout2D",
                "Spatial 2D version of Dropout.",
            ),
            (
                "tf.keras.layers.GaussianDropout",
                "Apply multiplicative 1-centered Gaussian noise.",
            ),
            ("tf.keras.layers.PReLU", "Parametric Rectified Linear Unit."),
            ("tf.keras.layers.ELU", "Exponential Linear Unit."),
            (
                "tf.keras.layers.Input",
                "`Input()` is used to instantiate a Keras tensor.",
            ),
            (
                "tf.keras.layers.Embedding",
                "Turns positive integers (indexes) into dense vectors of fixed size.",
            ),
            (
                "tf.keras.layers.LSTM",
                "Long Short-Term Memory layer - Hochreiter 1997.",
            ),
            (
                "tf.keras.layers.GRU",
                "Gated Recurrent Unit - Cho et al. 2014.",
            ),
            ("tf.keras.layers.RNN", "Base class for recurrent layers."),
            ("tf.keras.layers.LSTMCell", "Cell class for the LSTM layer."),
            (
                "tf.keras.layers.Bidirectional",
                "Bidirectional wrapper for RNNs.",
            ),
            (
                "tf.keras.layers.Attention",
                "Dot-product attention layer, a.k.a. Luong-style attention.",
            ),
            (
                "tf.keras.layers.AdditiveAttention",
                "Additive attention layer, a.k.a. Bahdanau-style attention.",
            ),
            (
                "tf.keras.layers.MultiHeadAttention",
                "MultiHeadAttention layer.",
            ),
            (
                "tf.keras.layers.Masking",
                "Masks a sequence by using a mask value to skip timesteps.",
            ),
        ] {
            let d = BUILTINS.iter().find(|d| d.paths.contains(&path));
            assert_eq!(d.map(|d| d.summary()), Some(summary), "{}", path);
        }
    }

    unit_cases!(every_layer_is_declared_at_its_keras_path_with_its_description);
}
