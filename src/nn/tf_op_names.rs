//! The names Keras gives the `TFOpLambda` layer a TensorFlow function becomes when applied
//! to a symbolic tensor: the function's canonical TensorFlow name (`tf.reduce_mean` is
//! `tf.math.reduce_mean`). The table lists the paths whose canonical name differs, as
//! TensorFlow 2.15 reports them (`scripts/tf_op_names.py` regenerates it).

/// (path, canonical name) for every declared path that is not its function's canonical name.
const ALIASES: &[(&str, &str)] = &[
    ("tf.abs", "tf.math.abs"),
    ("tf.acos", "tf.math.acos"),
    ("tf.add", "tf.math.add"),
    ("tf.add_n", "tf.math.add_n"),
    ("tf.argmax", "tf.math.argmax"),
    ("tf.argmin", "tf.math.argmin"),
    ("tf.as_dtype", "tf.dtypes.as_dtype"),
    ("tf.asin", "tf.math.asin"),
    ("tf.atan", "tf.math.atan"),
    ("tf.cos", "tf.math.cos"),
    ("tf.cosh", "tf.math.cosh"),
    ("tf.cumsum", "tf.math.cumsum"),
    ("tf.divide", "tf.math.divide"),
    ("tf.dtypes.cast", "tf.cast"),
    ("tf.equal", "tf.math.equal"),
    ("tf.exp", "tf.math.exp"),
    ("tf.floor", "tf.math.floor"),
    ("tf.greater", "tf.math.greater"),
    ("tf.greater_equal", "tf.math.greater_equal"),
    ("tf.less", "tf.math.less"),
    ("tf.less_equal", "tf.math.less_equal"),
    ("tf.linalg.einsum", "tf.einsum"),
    ("tf.linalg.norm", "tf.norm"),
    ("tf.logical_and", "tf.math.logical_and"),
    ("tf.logical_not", "tf.math.logical_not"),
    ("tf.logical_or", "tf.math.logical_or"),
    ("tf.math.log_softmax", "tf.nn.log_softmax"),
    ("tf.math.mod", "tf.math.floormod"),
    ("tf.math.softmax", "tf.nn.softmax"),
    ("tf.matmul", "tf.linalg.matmul"),
    ("tf.maximum", "tf.math.maximum"),
    ("tf.minimum", "tf.math.minimum"),
    ("tf.multiply", "tf.math.multiply"),
    ("tf.negative", "tf.math.negative"),
    ("tf.nn.lrn", "tf.nn.local_response_normalization"),
    ("tf.nn.sigmoid", "tf.math.sigmoid"),
    ("tf.nn.softplus", "tf.math.softplus"),
    ("tf.nn.swish", "tf.nn.silu"),
    ("tf.nn.tanh", "tf.math.tanh"),
    ("tf.nn.top_k", "tf.math.top_k"),
    ("tf.not_equal", "tf.math.not_equal"),
    ("tf.pow", "tf.math.pow"),
    ("tf.reduce_all", "tf.math.reduce_all"),
    ("tf.reduce_any", "tf.math.reduce_any"),
    ("tf.reduce_max", "tf.math.reduce_max"),
    ("tf.reduce_mean", "tf.math.reduce_mean"),
    ("tf.reduce_min", "tf.math.reduce_min"),
    ("tf.reduce_prod", "tf.math.reduce_prod"),
    ("tf.reduce_sum", "tf.math.reduce_sum"),
    ("tf.round", "tf.math.round"),
    ("tf.shape", "tf.compat.v1.shape"),
    ("tf.sigmoid", "tf.math.sigmoid"),
    ("tf.sign", "tf.math.sign"),
    ("tf.sin", "tf.math.sin"),
    ("tf.sinh", "tf.math.sinh"),
    ("tf.sqrt", "tf.math.sqrt"),
    ("tf.square", "tf.math.square"),
    ("tf.subtract", "tf.math.subtract"),
    ("tf.tan", "tf.math.tan"),
    ("tf.tanh", "tf.math.tanh"),
    ("tf.truediv", "tf.math.truediv"),
];

/// Keras activations applied to a symbolic tensor run (and are named after) TensorFlow ops.
const ACTIVATIONS: &[(&str, &str)] = &[
    ("tf.keras.activations.relu", "tf.nn.relu"),
    ("tf.keras.activations.sigmoid", "tf.math.sigmoid"),
    ("tf.keras.activations.tanh", "tf.math.tanh"),
    ("tf.keras.activations.softmax", "tf.nn.softmax"),
    ("tf.keras.activations.elu", "tf.nn.elu"),
    ("tf.keras.activations.selu", "tf.nn.selu"),
    ("tf.keras.activations.softplus", "tf.math.softplus"),
    ("tf.keras.activations.softsign", "tf.nn.softsign"),
    ("tf.keras.activations.swish", "tf.nn.silu"),
    ("tf.keras.activations.gelu", "tf.nn.gelu"),
    ("tf.keras.activations.exponential", "tf.math.exp"),
];

/// The `TFOpLambda` name of a function declared at `paths`, or None when the function is
/// not a TensorFlow op (Python builtins, Keras objects).
pub fn keras_op_name(paths: &[&str]) -> Option<String> {
    for p in paths {
        if let Some((_, c)) = ACTIVATIONS.iter().find(|(a, _)| a == p) {
            return Some(c.to_string());
        }
    }
    let tf: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| p.starts_with("tf.") && !p.starts_with("tf.keras."))
        .collect();
    for p in &tf {
        if let Some((_, c)) = ALIASES.iter().find(|(a, _)| a == p) {
            return Some(c.to_string());
        }
    }
    tf.first().map(|p| p.to_string())
}

pub(crate) mod tests {
    use super::keras_op_name;

    fn aliases_take_the_canonical_name() {
        assert_eq!(
            keras_op_name(&["tf.reduce_mean", "tf.math.reduce_mean"]).as_deref(),
            Some("tf.math.reduce_mean")
        );
        assert_eq!(
            keras_op_name(&["tf.nn.relu"]).as_deref(),
            Some("tf.nn.relu")
        );
        assert_eq!(keras_op_name(&["builtins.len"]), None);
    }

    unit_cases!(aliases_take_the_canonical_name);
}
