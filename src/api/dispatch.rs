//! TensorFlow's wording for argument errors. Most `tf.*` functions go through TF's API
//! dispatcher, which words a bad call its own way (`Missing required positional argument`,
//! `Too many arguments were given. Expected 3 but got 5.`, `Got an unexpected keyword
//! argument 'foo'`); generated ops keep Python's wording under their op's Python name
//! (`tf.negative` is `neg()`). Which is which was surveyed function by function with the
//! reference TensorFlow 2.15 (tests/reference/arg_errors.py holds the probes).
//!
//! Builtins bind their arguments with Python's wording; `reword` turns a builtin's own
//! binding error into TensorFlow's at the call.

use crate::errors::ExcKind;
use crate::eval::error::Flow;

/// The functions TF 2.15 checks through its dispatcher, by tensh's builtin name.
const DISPATCHED: &[&str] = &[
    "tensorflow.abs",
    "tensorflow.acos",
    "tensorflow.add",
    "tensorflow.add_n",
    "tensorflow.argmax",
    "tensorflow.argmin",
    "tensorflow.argsort",
    "tensorflow.boolean_mask",
    "tensorflow.cast",
    "tensorflow.clip_by_norm",
    "tensorflow.clip_by_value",
    "tensorflow.concat",
    "tensorflow.convert_to_tensor",
    "tensorflow.cumsum",
    "tensorflow.divide",
    "tensorflow.equal",
    "tensorflow.exp",
    "tensorflow.expand_dims",
    "tensorflow.eye",
    "tensorflow.fill",
    "tensorflow.floor",
    "tensorflow.gather",
    "tensorflow.gather_nd",
    "tensorflow.identity",
    "tensorflow.linalg.matmul",
    "tensorflow.linalg.norm",
    "tensorflow.linspace",
    "tensorflow.math.abs",
    "tensorflow.math.acos",
    "tensorflow.math.add",
    "tensorflow.math.add_n",
    "tensorflow.math.argmax",
    "tensorflow.math.argmin",
    "tensorflow.math.ceil",
    "tensorflow.math.count_nonzero",
    "tensorflow.math.cumprod",
    "tensorflow.math.cumsum",
    "tensorflow.math.divide",
    "tensorflow.math.divide_no_nan",
    "tensorflow.math.equal",
    "tensorflow.math.exp",
    "tensorflow.math.floor",
    "tensorflow.math.floordiv",
    "tensorflow.math.log_softmax",
    "tensorflow.math.logical_xor",
    "tensorflow.math.multiply",
    "tensorflow.math.not_equal",
    "tensorflow.math.pow",
    "tensorflow.math.reduce_all",
    "tensorflow.math.reduce_any",
    "tensorflow.math.reduce_logsumexp",
    "tensorflow.math.reduce_max",
    "tensorflow.math.reduce_mean",
    "tensorflow.math.reduce_min",
    "tensorflow.math.reduce_prod",
    "tensorflow.math.reduce_std",
    "tensorflow.math.reduce_sum",
    "tensorflow.math.reduce_variance",
    "tensorflow.math.round",
    "tensorflow.math.rsqrt",
    "tensorflow.math.sigmoid",
    "tensorflow.math.sign",
    "tensorflow.math.softmax",
    "tensorflow.math.softplus",
    "tensorflow.math.sqrt",
    "tensorflow.math.subtract",
    "tensorflow.math.top_k",
    "tensorflow.math.truediv",
    "tensorflow.matmul",
    "tensorflow.multiply",
    "tensorflow.nn.gelu",
    "tensorflow.nn.leaky_relu",
    "tensorflow.nn.log_softmax",
    "tensorflow.nn.relu6",
    "tensorflow.nn.sigmoid",
    "tensorflow.nn.silu",
    "tensorflow.nn.softmax",
    "tensorflow.nn.softplus",
    "tensorflow.nn.swish",
    "tensorflow.nn.top_k",
    "tensorflow.norm",
    "tensorflow.not_equal",
    "tensorflow.one_hot",
    "tensorflow.ones",
    "tensorflow.ones_like",
    "tensorflow.pad",
    "tensorflow.pow",
    "tensorflow.random.normal",
    "tensorflow.random.shuffle",
    "tensorflow.random.truncated_normal",
    "tensorflow.random.uniform",
    "tensorflow.range",
    "tensorflow.rank",
    "tensorflow.reduce_all",
    "tensorflow.reduce_any",
    "tensorflow.reduce_max",
    "tensorflow.reduce_mean",
    "tensorflow.reduce_min",
    "tensorflow.reduce_prod",
    "tensorflow.reduce_sum",
    "tensorflow.reshape",
    "tensorflow.round",
    "tensorflow.shape",
    "tensorflow.sigmoid",
    "tensorflow.sign",
    "tensorflow.size",
    "tensorflow.sort",
    "tensorflow.split",
    "tensorflow.sqrt",
    "tensorflow.squeeze",
    "tensorflow.stack",
    "tensorflow.stop_gradient",
    "tensorflow.subtract",
    "tensorflow.transpose",
    "tensorflow.truediv",
    "tensorflow.unique",
    "tensorflow.unique_with_counts",
    "tensorflow.unstack",
    "tensorflow.where",
    "tensorflow.zeros",
    "tensorflow.zeros_like",
];

/// Generated ops whose Python function has another name than the API symbol.
const PY_NAMES: &[(&str, &str)] = &[
    ("tensorflow.negative", "neg"),
    ("tensorflow.math.negative", "neg"),
    ("tensorflow.realdiv", "real_div"),
    ("tensorflow.reverse", "reverse_v2"),
    ("tensorflow.math.floormod", "floor_mod"),
    ("tensorflow.math.mod", "floor_mod"),
];

/// The largest positional count in Python's "takes ... positional arguments" message.
fn max_positional(msg: &str) -> Option<usize> {
    let rest = msg.split(" takes ").nth(1)?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let n = if words.first() == Some(&"from") {
        words.get(3)?
    } else {
        words.first()?
    };
    n.parse().ok()
}

/// `e` as TensorFlow words it, when it is the binding error of builtin `name` itself.
pub fn reword(name: &str, e: Flow) -> Flow {
    let Flow::Error(mut ex) = e else { return e };
    if ex.kind != ExcKind::TypeError {
        return Flow::Error(ex);
    }
    let short = name.rsplit('.').next().unwrap_or(name);
    let Some(rest) = ex
        .message
        .strip_prefix(short)
        .and_then(|r| r.strip_prefix("() "))
    else {
        return Flow::Error(ex);
    };
    if let Some((_, py)) = PY_NAMES.iter().find(|(n, _)| *n == name) {
        ex.message = format!("{}() {}", py, rest);
        return Flow::Error(ex);
    }
    if !DISPATCHED.contains(&name) {
        return Flow::Error(ex);
    }
    let new = if rest.starts_with("missing ") {
        Some("Missing required positional argument".to_string())
    } else if let Some(kw) = rest.strip_prefix("got an unexpected keyword argument ") {
        Some(format!("Got an unexpected keyword argument {}", kw))
    } else if rest.starts_with("takes ") {
        let given = rest
            .rsplit(" but ")
            .next()
            .and_then(|g| g.split_whitespace().next())
            .and_then(|g| g.parse::<usize>().ok());
        match (max_positional(&ex.message), given) {
            (Some(max), Some(got)) => Some(format!(
                "Too many arguments were given. Expected {} but got {}.",
                max, got
            )),
            _ => None,
        }
    } else {
        None
    };
    if let Some(m) = new {
        ex.message = m;
    }
    Flow::Error(ex)
}
