//! Every differentiable op's gradient against central finite differences in float64.
//!
//! The op table is what tensh itself exposes: every public callable of `tf`, `tf.math`,
//! `tf.nn`, `tf.linalg`, `tf.keras.activations`, `tf.keras.losses` and `tf.keras.layers`.
//! Each must have a row below: a gradient check, a check that the gradient is None (where
//! TensorFlow defines none), or a reason it takes no gradient. A new op without a row fails.
//!
//! A check differentiates `sum(f(x) * w)` (w fixed and uneven, so a transposed or misplaced
//! gradient shows) with `tf.GradientTape`, and compares each component with
//! `(F(x + h e_i) - F(x - h e_i)) / 2h`. Layers run in float32 (Keras layers are float32), so
//! their check uses a larger step and tolerance.

mod support;

use std::collections::HashSet;

/// How an op is checked.
enum Case {
    /// `f` and its float64 inputs (Python expressions).
    Grad(&'static str, &'static str),
    /// Like `Grad` for an `f` that computes in float32: a larger step and tolerance.
    Grad32(&'static str, &'static str),
    /// A layer (constructor expression), called on a float32 input; also checks its weights.
    Layer(&'static str, &'static str),
    /// The gradient through `f` is None, as in TensorFlow.
    NoGrad(&'static str, &'static str),
    /// Not differentiable: why.
    Skip(&'static str),
}
use Case::*;

const X: &str = "[[0.3, -1.2, 0.7], [1.5, -0.4, 2.2]]";
const X2: &str = "[[0.3, -1.2, 0.7], [1.5, -0.4, 2.2]], [[1.1, 0.5, -0.3], [0.2, -0.9, 1.7]]";
const P: &str = "[[0.3, 1.2, 0.7], [1.5, 0.4, 2.2]]";
const U: &str = "[[0.3, -0.5, 0.7], [0.1, -0.4, 0.2]]";
const XP: &str = "[[0.3, -1.2, 0.7], [1.5, -0.4, 2.2]], [[0.3, 1.2, 0.7], [1.5, 0.4, 2.2]]";
const MM: &str = "[[0.3, -1.2, 0.7], [1.5, -0.4, 2.2]], [[1.1, 0.5], [-0.3, 0.2], [-0.9, 1.7]]";
const MADE: &str = "creates a tensor from Python values";
const INT_OUT: &str = "integer or bool result";
const NOT_OP: &str = "not a tensor op";
const ASSERTION: &str = "an assertion: checks its inputs and returns None";

/// A divisor far from making any quotient of X whole (floor is discontinuous there).
const XD: &str = "[[0.3, -1.2, 0.7], [1.5, -0.4, 2.2]], [[0.7, 0.5, 0.4], [0.4, 0.3, 0.9]]";

fn table() -> Vec<(&'static str, Case)> {
    vec![
        // tf
        ("tf.Assert", Skip(ASSERTION)),
        ("tf.GradientTape", Skip(NOT_OP)),
        ("tf.Module", Skip(NOT_OP)),
        ("tf.Tensor", Skip(NOT_OP)),
        ("tf.TensorShape", Skip(NOT_OP)),
        ("tf.Variable", Skip("a variable is a source, checked by the layer rows")),
        ("tf.abs", Grad("lambda a: tf.abs(a)", X)),
        ("tf.acos", Grad("lambda a: tf.acos(a)", U)),
        ("tf.add", Grad("lambda a, b: tf.add(a, b)", X2)),
        ("tf.add_n", Grad("lambda a, b: tf.add_n([a, b, a])", X2)),
        ("tf.assert_equal", Skip(ASSERTION)),
        ("tf.assert_greater", Skip(ASSERTION)),
        ("tf.assert_less", Skip(ASSERTION)),
        ("tf.assert_rank", Skip(ASSERTION)),
        ("tf.argmax", Skip(INT_OUT)),
        ("tf.argmin", Skip(INT_OUT)),
        ("tf.argsort", Skip(INT_OUT)),
        ("tf.as_dtype", Skip(NOT_OP)),
        ("tf.as_string", Skip("a string result")),
        ("tf.asin", Grad("lambda a: tf.asin(a)", U)),
        ("tf.atan", Grad("lambda a: tf.atan(a)", X)),
        ("tf.boolean_mask", Grad("lambda a: tf.boolean_mask(a, [[True, False, True], [False, True, True]])", X)),
        ("tf.broadcast_to", Grad("lambda a: tf.broadcast_to(a[0], [4, 3])", X)),
        ("tf.cast", Grad32("lambda a: tf.cast(tf.cast(a, tf.float32), tf.float64)", "[[0.5, -1.25], [2.0, 0.125]]")),
        ("tf.math.ceil", NoGrad("lambda a: tf.math.ceil(a)", X)),
        ("tf.clip_by_norm", Grad("lambda a: tf.clip_by_norm(a, 1.5)", X)),
        ("tf.clip_by_value", Grad("lambda a: tf.clip_by_value(a, -1.0, 1.0)", X)),
        // Complex ops, checked through real inputs and outputs: |a + b·j| and the parts.
        ("tf.complex", Grad("lambda a, b: tf.abs(tf.complex(a, b) * tf.complex(b, a))", X2)),
        ("tf.math.real", Grad("lambda a: tf.math.real(tf.complex(a, a * a) * tf.complex(a, 1.0 + 0.0 * a))", X)),
        ("tf.math.imag", Grad("lambda a: tf.math.imag(tf.exp(tf.complex(a, a * a)))", X)),
        ("tf.math.conj", Grad("lambda a: tf.math.imag(tf.math.conj(tf.complex(a, a * a)) / tf.complex(1.0 + 0.0 * a, a))", X)),
        ("tf.math.angle", Grad("lambda a, b: tf.math.angle(tf.complex(a, b))", X2)),
        ("tf.concat", Grad("lambda a, b: tf.concat([a, b, a], axis=1)", X2)),
        ("tf.constant", Skip(MADE)),
        ("tf.convert_to_tensor", Grad("lambda a: tf.convert_to_tensor(a)", X)),
        ("tf.cos", Grad("lambda a: tf.cos(a)", X)),
        ("tf.cosh", Grad("lambda a: tf.cosh(a)", X)),
        ("tf.debugging.check_numerics", Grad("lambda a: tf.debugging.check_numerics(a, 'm')", X)),
        ("tf.math.cumprod", Grad("lambda a: tf.math.cumprod(a, axis=1, reverse=True)", X)),
        ("tf.cumsum", Grad("lambda a: tf.math.cumsum(a, axis=1, exclusive=True)", X)),
        ("tf.divide", Grad("lambda a, b: tf.divide(a, b)", XP)),
        ("tf.equal", Skip(INT_OUT)),
        ("tf.exp", Grad("lambda a: tf.exp(a)", X)),
        ("tf.expand_dims", Grad("lambda a: tf.expand_dims(a, 1) * a", X)),
        ("tf.eye", Skip(MADE)),
        ("tf.fill", Skip(MADE)),
        ("tf.floor", NoGrad("lambda a: tf.floor(a)", X)),
        ("tf.math.floordiv", NoGrad("lambda a, b: tf.math.floordiv(a, b)", XP)),
        ("tf.math.floormod", Grad("lambda a, b: tf.math.floormod(a, b)", XD)),
        ("tf.function", Skip(NOT_OP)),
        ("tf.gather", Grad("lambda a: tf.gather(a, [2, 0, 2], axis=1)", X)),
        ("tf.gather_nd", Grad("lambda a: tf.gather_nd(a, [[0, 1], [1, 2], [0, 1]])", X)),
        ("tf.greater", Skip(INT_OUT)),
        ("tf.greater_equal", Skip(INT_OUT)),
        ("tf.histogram_fixed_width", Skip(INT_OUT)),
        ("tf.histogram_fixed_width_bins", Skip(INT_OUT)),
        ("tf.identity", Grad("lambda a: tf.identity(a) * a", X)),
        ("tf.less", Skip(INT_OUT)),
        ("tf.less_equal", Skip(INT_OUT)),
        ("tf.linspace", Skip(MADE)),
        ("tf.logical_and", Skip(INT_OUT)),
        ("tf.logical_not", Skip(INT_OUT)),
        ("tf.logical_or", Skip(INT_OUT)),
        ("tf.math.logical_xor", Skip(INT_OUT)),
        ("tf.matmul", Grad("lambda a, b: tf.matmul(a, b)", MM)),
        ("tf.maximum", Grad("lambda a, b: tf.maximum(a, b)", X2)),
        ("tf.meshgrid", Grad("lambda a, b: tf.meshgrid(a[0], b[1])[0] * tf.meshgrid(a[0], b[1])[1]", X2)),
        ("tf.minimum", Grad("lambda a, b: tf.minimum(a, b)", X2)),
        ("tf.math.mod", Grad("lambda a, b: tf.math.mod(a, b)", XD)),
        ("tf.multiply", Grad("lambda a, b: tf.multiply(a, b)", X2)),
        ("tf.name_scope", Skip(NOT_OP)),
        ("tf.negative", Grad("lambda a: tf.negative(a)", X)),
        ("tf.norm", Grad("lambda a: tf.norm(a, axis=1)", X)),
        ("tf.not_equal", Skip(INT_OUT)),
        ("tf.one_hot", Skip(MADE)),
        ("tf.ones", Skip(MADE)),
        ("tf.ones_like", NoGrad("lambda a: tf.ones_like(a)", X)),
        ("tf.pad", Grad("lambda a: tf.pad(a, [[1, 0], [2, 2]], mode='REFLECT')", X)),
        ("tf.pow", Grad("lambda a, b: tf.pow(b, a)", XP)),
        ("tf.print", Skip(NOT_OP)),
        ("tf.range", Skip(MADE)),
        ("tf.rank", Skip(INT_OUT)),
        ("tf.realdiv", Grad("lambda a, b: tf.realdiv(a, b)", XP)),
        ("tf.reduce_all", Skip(INT_OUT)),
        ("tf.reduce_any", Skip(INT_OUT)),
        ("tf.reduce_max", Grad("lambda a: tf.reduce_max(a, axis=0)", X)),
        ("tf.reduce_mean", Grad("lambda a: tf.reduce_mean(a, axis=1, keepdims=True)", X)),
        ("tf.reduce_min", Grad("lambda a: tf.reduce_min(a)", X)),
        ("tf.reduce_prod", Grad("lambda a: tf.reduce_prod(a, axis=1)", X)),
        ("tf.reduce_sum", Grad("lambda a: tf.reduce_sum(a * a, axis=[0, 1])", X)),
        ("tf.reshape", Grad("lambda a: tf.reshape(a, [3, 2]) * [[1.0, 2.0]]", X)),
        ("tf.reverse", Grad("lambda a: tf.reverse(a, [1])", X)),
        ("tf.reverse_sequence", Grad("lambda a: tf.reverse_sequence(a, [2, 3], seq_axis=1)", X)),
        ("tf.round", NoGrad("lambda a: tf.round(a)", X)),
        ("tf.searchsorted", Skip(INT_OUT)),
        ("tf.scatter_nd", Grad("lambda u: tf.scatter_nd([[0], [2], [0]], u, [4, 2])", "[[0.3, -1.2], [0.7, 1.5], [-0.4, 2.2]]")),
        ("tf.shape", Skip(INT_OUT)),
        ("tf.sigmoid", Grad("lambda a: tf.sigmoid(a)", X)),
        ("tf.sign", Grad("lambda a: tf.sign(a) * a", X)),
        ("tf.sin", Grad("lambda a: tf.sin(a)", X)),
        ("tf.sinh", Grad("lambda a: tf.sinh(a)", X)),
        ("tf.size", Skip(INT_OUT)),
        ("tf.sort", Grad("lambda a: tf.sort(a, axis=1, direction='DESCENDING')", X)),
        ("tf.split", Grad("lambda a: tf.split(a, [1, 2], axis=1)[1]", X)),
        ("tf.sqrt", Grad("lambda a: tf.sqrt(a)", P)),
        ("tf.square", Grad("lambda a: tf.square(a)", X)),
        ("tf.math.squared_difference", Grad("lambda a, b: tf.math.squared_difference(a, b)", X2)),
        ("tf.squeeze", Grad("lambda a: tf.squeeze(tf.reshape(a, [1, 6, 1]))", X)),
        ("tf.stack", Grad("lambda a, b: tf.stack([a, b], axis=1)", X2)),
        ("tf.stop_gradient", NoGrad("lambda a: tf.stop_gradient(a)", X)),
        ("tf.subtract", Grad("lambda a, b: tf.subtract(a, b)", X2)),
        ("tf.tan", Grad("lambda a: tf.tan(a)", U)),
        ("tf.tanh", Grad("lambda a: tf.tanh(a)", X)),
        ("tf.tile", Grad("lambda a: tf.tile(a, [2, 3])", X)),
        ("tf.timestamp", Skip(NOT_OP)),
        ("tf.transpose", Grad("lambda a: tf.transpose(a)", X)),
        ("tf.truediv", Grad("lambda a, b: tf.truediv(a, b)", XP)),
        ("tf.unique", Skip("TensorFlow defines no gradient for Unique")),
        ("tf.unique_with_counts", Skip("TensorFlow defines no gradient for UniqueWithCounts")),
        ("tf.unstack", Grad("lambda a: tf.unstack(a, axis=1)[2]", X)),
        ("tf.where", Grad("lambda a, b: tf.where(a > 0.5, a, b)", X2)),
        ("tf.zeros", Skip(MADE)),
        ("tf.zeros_like", NoGrad("lambda a: tf.zeros_like(a)", X)),
        // tf.math (names shared with tf are the same functions; these are the rest)
        ("tf.math.count_nonzero", Skip(INT_OUT)),
        ("tf.math.divide_no_nan", Grad("lambda a, b: tf.math.divide_no_nan(a, b)", XP)),
        ("tf.math.erf", Grad("lambda a: tf.math.erf(a)", X)),
        ("tf.math.expm1", Grad("lambda a: tf.math.expm1(a)", X)),
        ("tf.math.is_finite", Skip(INT_OUT)),
        ("tf.math.is_inf", Skip(INT_OUT)),
        ("tf.math.is_nan", Skip(INT_OUT)),
        ("tf.math.log", Grad("lambda a: tf.math.log(a)", P)),
        ("tf.math.log1p", Grad("lambda a: tf.math.log1p(a)", P)),
        ("tf.math.log_softmax", Grad("lambda a: tf.math.log_softmax(a)", X)),
        ("tf.math.reciprocal", Grad("lambda a: tf.math.reciprocal(a)", P)),
        ("tf.math.reduce_logsumexp", Grad("lambda a: tf.math.reduce_logsumexp(a, axis=1)", X)),
        ("tf.math.reduce_std", Grad("lambda a: tf.math.reduce_std(a, axis=0)", X)),
        ("tf.math.reduce_variance", Grad("lambda a: tf.math.reduce_variance(a)", X)),
        ("tf.math.rsqrt", Grad("lambda a: tf.math.rsqrt(a)", P)),
        ("tf.math.softmax", Grad("lambda a: tf.math.softmax(a, axis=0)", X)),
        ("tf.math.softplus", Grad("lambda a: tf.math.softplus(a)", X)),
        ("tf.math.top_k", Grad("lambda a: tf.math.top_k(a, 2).values", X)),
        // tf.nn
        // set_seed restarts the op's stream, so every evaluation draws the same mask.
        ("tf.nn.dropout", Grad("lambda a: (tf.random.set_seed(3), tf.nn.dropout(a, 0.5, seed=1))[1]", X)),
        ("tf.nn.elu", Grad("lambda a: tf.nn.elu(a)", X)),
        ("tf.nn.gelu", Grad("lambda a: tf.nn.gelu(a)", X)),
        ("tf.nn.leaky_relu", Grad("lambda a: tf.nn.leaky_relu(a, 0.1)", X)),
        ("tf.nn.conv2d", Grad("lambda a, b: tf.nn.conv2d(tf.reshape(a, [1, 2, 3, 1]), tf.reshape(b[:, :2], [2, 2, 1, 1]), 1, 'SAME')", X2)),
        ("tf.nn.conv1d", Grad("lambda a, b: tf.nn.conv1d(tf.reshape(a, [1, 6, 1]), tf.reshape(b[0], [3, 1, 1]), 2, 'SAME')", X2)),
        ("tf.nn.conv2d_transpose", Grad("lambda a, b: tf.nn.conv2d_transpose(tf.reshape(a, [1, 2, 3, 1]), tf.reshape(b[:, :2], [2, 2, 1, 1]), [1, 4, 6, 1], 2, 'SAME')", X2)),
        ("tf.nn.depthwise_conv2d", Grad("lambda a, b: tf.nn.depthwise_conv2d(tf.reshape(a, [1, 3, 1, 2]), tf.reshape(b[:, :2], [2, 1, 2, 1]), [1, 1, 1, 1], 'SAME')", X2)),
        ("tf.nn.separable_conv2d", Grad("lambda a, b: tf.nn.separable_conv2d(tf.reshape(a, [1, 3, 1, 2]), tf.reshape(b[0, :2], [1, 1, 2, 1]), tf.reshape(b[1, :2], [1, 1, 2, 1]), [1, 1, 1, 1], 'VALID')", X2)),
        ("tf.nn.max_pool2d", Grad("lambda a: tf.nn.max_pool2d(tf.reshape(a, [1, 2, 3, 1]), 2, 1, 'SAME')", X)),
        ("tf.nn.avg_pool2d", Grad("lambda a: tf.nn.avg_pool2d(tf.reshape(a, [1, 2, 3, 1]), 2, 1, 'SAME')", X)),
        ("tf.nn.max_pool1d", Grad("lambda a: tf.nn.max_pool1d(tf.reshape(a, [1, 6, 1]), 2, 2, 'VALID')", X)),
        ("tf.nn.avg_pool1d", Grad("lambda a: tf.nn.avg_pool1d(tf.reshape(a, [1, 6, 1]), 3, 2, 'SAME')", X)),
        ("tf.nn.max_pool", Grad("lambda a: tf.nn.max_pool(tf.reshape(a, [1, 3, 2, 1]), [2, 1], 1, 'VALID')", X)),
        ("tf.nn.avg_pool", Grad("lambda a: tf.nn.avg_pool(tf.reshape(a, [2, 3, 1]), 2, 1, 'SAME')", X)),
        ("tf.nn.moments", Grad("lambda a: tf.nn.moments(a, axes=[0])[1] + tf.nn.moments(a, axes=[0])[0]", X)),
        ("tf.nn.batch_normalization", Grad("lambda a, b: tf.nn.batch_normalization(a, b[0], b[1] * b[1] + 0.5, None, b[0], 1e-3)", X2)),
        ("tf.nn.local_response_normalization", Grad("lambda a: tf.nn.local_response_normalization(tf.reshape(a, [1, 1, 2, 3]), depth_radius=1)", X)),
        ("tf.nn.lrn", Skip("an alias of tf.nn.local_response_normalization")),
        ("tf.nn.pool", Grad("lambda a: tf.nn.pool(tf.reshape(a, [1, 2, 3, 1]), [2, 2], 'AVG', padding='SAME')", X)),
        ("tf.nn.bias_add", Grad("lambda a, b: tf.nn.bias_add(a, b[0])", X2)),
        ("tf.nn.relu", Grad("lambda a: tf.nn.relu(a)", X)),
        ("tf.nn.relu6", Grad("lambda a: tf.nn.relu6(a * 3.0)", X)),
        ("tf.nn.selu", Grad("lambda a: tf.nn.selu(a)", X)),
        ("tf.nn.silu", Grad("lambda a: tf.nn.silu(a)", X)),
        ("tf.nn.softsign", Grad("lambda a: tf.nn.softsign(a)", X)),
        ("tf.nn.swish", Grad("lambda a: tf.nn.swish(a)", X)),
        // added as single declarations
        ("tf.broadcast_dynamic_shape", Skip(INT_OUT)),
        ("tf.broadcast_static_shape", Skip(NOT_OP)),
        ("tf.clip_by_global_norm", Grad("lambda a, b: tf.concat(tf.clip_by_global_norm([a, b], 2.0)[0], 0)", X2)),
        ("tf.einsum", Grad("lambda a, b: tf.einsum('ij,kj->ik', a, b) + tf.einsum('ij,ij,ij->i', a, b, a)[:, None] + tf.einsum('ii->i', a[:, :2])", X2)),
        ("tf.is_tensor", Skip(NOT_OP)),
        ("tf.roll", Grad("lambda a: tf.roll(a, [1, -1, 2], [0, 1, 1])", X)),
        ("tf.sequence_mask", Skip(INT_OUT)),
        ("tf.slice", Grad("lambda a: tf.slice(a, [0, 1], [2, -1])", X)),
        ("tf.tensor_scatter_nd_add", Grad("lambda a, u: tf.tensor_scatter_nd_add(a, [[1, 0], [0, 2], [1, 0]], u[0])", X2)),
        ("tf.tensor_scatter_nd_max", Grad("lambda a, u: tf.tensor_scatter_nd_max(a, [[1], [0]], u)", X2)),
        ("tf.tensor_scatter_nd_min", Grad("lambda a, u: tf.tensor_scatter_nd_min(a, [[1], [0]], u)", X2)),
        ("tf.tensor_scatter_nd_sub", Grad("lambda a, u: tf.tensor_scatter_nd_sub(a, [[1]], u[:1])", X2)),
        ("tf.tensor_scatter_nd_update", Grad("lambda a, u: tf.tensor_scatter_nd_update(a, [[1, 0], [0, 2]], u[0, :2])", X2)),
        ("tf.linalg.matvec", Grad("lambda a, b: tf.linalg.matvec(a, b[0]) + tf.linalg.matvec(a, b[1, :2], transpose_a=True)[:2]", X2)),
        ("tf.linalg.trace", Grad("lambda a: tf.linalg.trace(a) * tf.linalg.trace(tf.reshape(a, [3, 2]))", X)),
        ("tf.linalg.inv", Grad("lambda a: tf.linalg.inv(tf.matmul(a, a, transpose_b=True) + tf.eye(2, dtype=tf.float64))", X)),
        ("tf.linalg.det", Grad("lambda a: tf.linalg.det(tf.matmul(a, a, transpose_b=True) + tf.eye(2, dtype=tf.float64)) + tf.linalg.det(a[:, :2])", X)),
        ("tf.linalg.cholesky", Grad("lambda a: tf.linalg.cholesky(tf.matmul(a, a, transpose_b=True) + tf.eye(2, dtype=tf.float64))", X)),
        ("tf.linalg.diag", Grad("lambda a: tf.linalg.diag(a)", X)),
        ("tf.linalg.diag_part", Grad("lambda a: tf.linalg.diag_part(a)", X)),
        ("tf.linalg.set_diag", Grad("lambda a, b: tf.linalg.set_diag(a, b[:, 0])", X2)),
        ("tf.linalg.band_part", Grad("lambda a: tf.linalg.band_part(a, 0, 1)", X)),
        ("tf.linalg.matrix_transpose", Grad("lambda a: tf.linalg.matrix_transpose(a)", X)),
        ("tf.linalg.adjoint", Grad("lambda a: tf.linalg.adjoint(a)", X)),
        ("tf.tensordot", Grad("lambda a, b: tf.tensordot(a, b, axes=[[1], [1]])", X2)),
        ("tf.linalg.tensordot", Grad("lambda a, b: tf.linalg.tensordot(a, b, axes=1 - 1)", X2)),
        ("tf.linalg.cross", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.cholesky_solve", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.eig", Skip("complex results: tensh has no complex dtype")),
        ("tf.linalg.eigvals", Skip("complex results: tensh has no complex dtype")),
        ("tf.linalg.eigh", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.eigvalsh", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.logdet", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.lstsq", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.pinv", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.qr", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.slogdet", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.solve", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.svd", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.linalg.triangular_solve", Skip("tensh records no gradient for it yet (part 14)")),
        ("tf.math.bincount", Skip("TensorFlow defines no gradient for DenseBincount")),
        ("tf.math.confusion_matrix", Grad("lambda w: tf.math.confusion_matrix([0, 1, 1], [1, 1, 0], weights=w[0], dtype=tf.float64)", X)),
        // Segment reductions (on the transpose: three rows of two).
        ("tf.math.segment_sum", Grad("lambda a: tf.math.segment_sum(tf.transpose(a), [0, 0, 2])", X)),
        ("tf.math.segment_mean", Grad("lambda a: tf.math.segment_mean(tf.transpose(a), [0, 0, 1])", X)),
        ("tf.math.segment_max", Grad("lambda a: tf.math.segment_max(tf.transpose(a), [0, 1, 1])", X)),
        ("tf.math.segment_min", Grad("lambda a: tf.math.segment_min(tf.transpose(a), [0, 0, 1])", X)),
        ("tf.math.segment_prod", Grad("lambda a: tf.math.segment_prod(tf.transpose(a), [0, 0, 1])", X)),
        ("tf.math.unsorted_segment_sum", Grad("lambda a: tf.math.unsorted_segment_sum(a, [[1, -1, 0], [0, 2, 1]], 3)", X)),
        ("tf.math.unsorted_segment_mean", Grad("lambda a: tf.math.unsorted_segment_mean(tf.transpose(a), [1, 0, 1], 3)", X)),
        ("tf.math.unsorted_segment_sqrt_n", Grad("lambda a: tf.math.unsorted_segment_sqrt_n(tf.transpose(a), [1, 0, 1], 2)", X)),
        ("tf.math.unsorted_segment_max", Grad("lambda a: tf.math.unsorted_segment_max(tf.transpose(a), [1, 0, 1], 2)", X)),
        ("tf.math.unsorted_segment_min", Grad("lambda a: tf.math.unsorted_segment_min(a, [[0, 0, 1], [1, 1, 0]], 2)", X)),
        ("tf.math.unsorted_segment_prod", Grad("lambda a: tf.math.unsorted_segment_prod(tf.transpose(a), [1, 0, 1], 3)", X)),
        ("tf.nn.sigmoid_cross_entropy_with_logits", Grad("lambda a, b: tf.nn.sigmoid_cross_entropy_with_logits(tf.sigmoid(b), a)", X2)),
        ("tf.nn.softmax_cross_entropy_with_logits", Grad("lambda a, b: tf.nn.softmax_cross_entropy_with_logits(tf.nn.softmax(b, axis=0), a, axis=0)", X2)),
        ("tf.nn.sparse_softmax_cross_entropy_with_logits", Grad("lambda a: tf.nn.sparse_softmax_cross_entropy_with_logits([2, 0], a)", X)),
        ("tf.nn.l2_loss", Grad("lambda a: tf.nn.l2_loss(a)", X)),
        // tf.keras.activations
        ("tf.keras.activations.deserialize", Skip(NOT_OP)),
        ("tf.keras.activations.elu", Grad("lambda a: tf.keras.activations.elu(a, alpha=0.5)", X)),
        ("tf.keras.activations.exponential", Grad("lambda a: tf.keras.activations.exponential(a)", X)),
        ("tf.keras.activations.gelu", Grad("lambda a: tf.keras.activations.gelu(a, approximate=True)", X)),
        ("tf.keras.activations.get", Skip(NOT_OP)),
        ("tf.keras.activations.hard_sigmoid", Grad("lambda a: tf.keras.activations.hard_sigmoid(a * 2.0)", X)),
        ("tf.keras.activations.linear", Grad("lambda a: tf.keras.activations.linear(a) * a", X)),
        ("tf.keras.activations.relu", Grad("lambda a: tf.keras.activations.relu(a, alpha=0.2, max_value=1.0)", X)),
        ("tf.keras.activations.relu6", Grad("lambda a: tf.keras.activations.relu6(a * 3.0)", X)),
        ("tf.keras.activations.selu", Grad("lambda a: tf.keras.activations.selu(a)", X)),
        ("tf.keras.activations.serialize", Skip(NOT_OP)),
        ("tf.keras.activations.sigmoid", Grad("lambda a: tf.keras.activations.sigmoid(a)", X)),
        ("tf.keras.activations.silu", Grad("lambda a: tf.keras.activations.silu(a)", X)),
        ("tf.keras.activations.softmax", Grad("lambda a: tf.keras.activations.softmax(a)", X)),
        ("tf.keras.activations.softplus", Grad("lambda a: tf.keras.activations.softplus(a)", X)),
        ("tf.keras.activations.softsign", Grad("lambda a: tf.keras.activations.softsign(a)", X)),
        ("tf.keras.activations.swish", Grad("lambda a: tf.keras.activations.swish(a)", X)),
        ("tf.keras.activations.tanh", Grad("lambda a: tf.keras.activations.tanh(a)", X)),
        // tf.keras.losses: gradient with respect to the prediction
        ("tf.keras.losses.BinaryCrossentropy", Grad("lambda p: tf.keras.losses.BinaryCrossentropy(from_logits=True)(YT, p)", X)),
        ("tf.keras.losses.CategoricalCrossentropy", Grad("lambda p: tf.keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.1)(YT, p)", X)),
        ("tf.keras.losses.MAE", Grad("lambda p: tf.keras.losses.MAE(YT, p)", X)),
        ("tf.keras.losses.MSE", Grad("lambda p: tf.keras.losses.MSE(YT, p)", X)),
        ("tf.keras.losses.MeanAbsoluteError", Grad("lambda p: tf.keras.losses.MeanAbsoluteError()(YT, p)", X)),
        ("tf.keras.losses.MeanSquaredError", Grad("lambda p: tf.keras.losses.MeanSquaredError(reduction='sum')(YT, p)", X)),
        ("tf.keras.losses.SparseCategoricalCrossentropy", Grad("lambda p: tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)([1, 0], p)", X)),
        ("tf.keras.losses.binary_crossentropy", Grad("lambda p: tf.keras.losses.binary_crossentropy(YT, tf.sigmoid(p))", X)),
        ("tf.keras.losses.categorical_crossentropy", Grad("lambda p: tf.keras.losses.categorical_crossentropy(YT, tf.nn.softmax(p))", X)),
        ("tf.keras.losses.mae", Grad("lambda p: tf.keras.losses.mae(YT, p)", X)),
        ("tf.keras.losses.mean_absolute_error", Grad("lambda p: tf.keras.losses.mean_absolute_error(YT, p)", X)),
        ("tf.keras.losses.mean_squared_error", Grad("lambda p: tf.keras.losses.mean_squared_error(YT, p)", X)),
        ("tf.keras.losses.mse", Grad("lambda p: tf.keras.losses.mse(YT, p)", X)),
        ("tf.keras.losses.sparse_categorical_crossentropy", Grad("lambda p: tf.keras.losses.sparse_categorical_crossentropy([2, 1], tf.nn.softmax(p))", X)),
        // tf.keras.layers
        ("tf.keras.layers.ZeroPadding2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.ZeroPadding2D(1)])", "")),
        ("tf.keras.layers.Cropping2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.Cropping2D(((1, 0), (0, 0)))])", "")),
        ("tf.keras.layers.UpSampling2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.UpSampling2D(2, interpolation='bilinear')])", "")),
        ("tf.keras.layers.Permute", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.Permute((2, 1))])", "")),
        ("tf.keras.layers.RepeatVector", Layer("tf.keras.layers.RepeatVector(2)", "")),
        ("tf.keras.layers.Conv2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.Conv2D(2, (2, 1), padding='same', activation='tanh')])", "")),
        ("tf.keras.layers.Conv2DTranspose", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.Conv2DTranspose(2, (2, 1), strides=(2, 1), padding='same')])", "")),
        ("tf.keras.layers.Conv1DTranspose", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.Conv1DTranspose(2, 2, strides=2)])", "")),
        ("tf.keras.layers.DepthwiseConv2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.DepthwiseConv2D((2, 1), depth_multiplier=2, padding='same')])", "")),
        ("tf.keras.layers.DepthwiseConv1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.DepthwiseConv1D(2, depth_multiplier=2)])", "")),
        ("tf.keras.layers.SeparableConv2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.SeparableConv2D(2, (2, 1), depth_multiplier=2, padding='same')])", "")),
        ("tf.keras.layers.SeparableConv1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.SeparableConv1D(2, 2)])", "")),
        ("tf.keras.layers.Convolution2DTranspose", Skip("an alias of Conv2DTranspose")),
        ("tf.keras.layers.Convolution1DTranspose", Skip("an alias of Conv1DTranspose")),
        ("tf.keras.layers.SeparableConvolution2D", Skip("an alias of SeparableConv2D")),
        ("tf.keras.layers.SeparableConvolution1D", Skip("an alias of SeparableConv1D")),
        ("tf.keras.layers.Conv3D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1, 1)), tf.keras.layers.Conv3D(2, (2, 1, 1), padding='same')])", "")),
        ("tf.keras.layers.Convolution3D", Skip("an alias of Conv3D")),
        ("tf.keras.layers.Conv1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.Conv1D(2, 2, padding='causal')])", "")),
        ("tf.keras.layers.MaxPooling2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.MaxPooling2D((2, 1), padding='same')])", "")),
        ("tf.keras.layers.AveragePooling2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.AveragePooling2D((2, 1), strides=1, padding='same')])", "")),
        ("tf.keras.layers.MaxPooling1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.MaxPooling1D(2, padding='same')])", "")),
        ("tf.keras.layers.AveragePooling1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.AveragePooling1D(2, strides=1, padding='same')])", "")),
        ("tf.keras.layers.GlobalAveragePooling1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.GlobalAveragePooling1D()])", "")),
        ("tf.keras.layers.GlobalMaxPooling1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.GlobalMaxPooling1D()])", "")),
        ("tf.keras.layers.GlobalAveragePooling2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.GlobalAveragePooling2D()])", "")),
        ("tf.keras.layers.GlobalMaxPooling2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.GlobalMaxPooling2D()])", "")),
        ("tf.keras.layers.Reshape", Layer("tf.keras.layers.Reshape((1, 3))", "")),
        ("tf.keras.layers.Convolution2D", Skip("an alias of Conv2D")),
        ("tf.keras.layers.Convolution1D", Skip("an alias of Conv1D")),
        ("tf.keras.layers.MaxPool2D", Skip("an alias of MaxPooling2D")),
        ("tf.keras.layers.AvgPool2D", Skip("an alias of AveragePooling2D")),
        ("tf.keras.layers.MaxPool1D", Skip("an alias of MaxPooling1D")),
        ("tf.keras.layers.AvgPool1D", Skip("an alias of AveragePooling1D")),
        ("tf.keras.layers.GlobalAvgPool1D", Skip("an alias of GlobalAveragePooling1D")),
        ("tf.keras.layers.GlobalMaxPool1D", Skip("an alias of GlobalMaxPooling1D")),
        ("tf.keras.layers.GlobalAvgPool2D", Skip("an alias of GlobalAveragePooling2D")),
        ("tf.keras.layers.GlobalMaxPool2D", Skip("an alias of GlobalMaxPooling2D")),
        ("tf.keras.layers.Activation", Layer("tf.keras.layers.Activation('tanh')", "")),
        ("tf.keras.layers.Add", Grad32("lambda a, b: tf.keras.layers.Add()([a, b, a])", X2)),
        ("tf.keras.layers.Subtract", Grad32("lambda a, b: tf.keras.layers.Subtract()([a, b])", X2)),
        ("tf.keras.layers.Multiply", Grad32("lambda a, b: tf.keras.layers.Multiply()([a, b, a])", X2)),
        ("tf.keras.layers.Average", Grad32("lambda a, b: tf.keras.layers.Average()([a, b])", X2)),
        ("tf.keras.layers.Maximum", Grad32("lambda a, b: tf.keras.layers.Maximum()([a, b])", X2)),
        ("tf.keras.layers.Minimum", Grad32("lambda a, b: tf.keras.layers.Minimum()([a, b])", X2)),
        ("tf.keras.layers.Concatenate", Grad32("lambda a, b: tf.keras.layers.Concatenate(axis=0)([a, b])", X2)),
        ("tf.keras.layers.Dot", Grad32("lambda a, b: tf.keras.layers.Dot(axes=1, normalize=True)([a, b]) + tf.keras.layers.Dot(axes=(2, 1))([tf.reshape(a, (1, 2, 3)), tf.reshape(b, (1, 3, 2))])[:, :, :1]", X2)),
        ("tf.keras.layers.add", Grad32("lambda a, b: tf.keras.layers.add([a, b])", X2)),
        ("tf.keras.layers.subtract", Grad32("lambda a, b: tf.keras.layers.subtract([a, b])", X2)),
        ("tf.keras.layers.multiply", Grad32("lambda a, b: tf.keras.layers.multiply([a, b])", X2)),
        ("tf.keras.layers.average", Grad32("lambda a, b: tf.keras.layers.average([a, b, b])", X2)),
        ("tf.keras.layers.maximum", Grad32("lambda a, b: tf.keras.layers.maximum([a, b])", X2)),
        ("tf.keras.layers.minimum", Grad32("lambda a, b: tf.keras.layers.minimum([a, b])", X2)),
        ("tf.keras.layers.concatenate", Grad32("lambda a, b: tf.keras.layers.concatenate([a, b])", X2)),
        ("tf.keras.layers.dot", Grad32("lambda a, b: tf.keras.layers.dot([a, b], axes=1)", X2)),
        ("tf.keras.layers.Lambda", Layer("tf.keras.layers.Lambda(lambda t, k: tf.sin(t) * t * k, arguments={'k': 1.5})", "")),
        ("tf.keras.layers.Resizing", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.Resizing(5, 2)])", "")),
        ("tf.keras.layers.CenterCrop", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.CenterCrop(2, 1)])", "")),
        ("tf.keras.layers.RandomCrop", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomCrop(2, 1, seed=1)])", "training=False")),
        ("tf.keras.layers.RandomFlip", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomFlip(seed=1)])", "training=False")),
        ("tf.keras.layers.RandomContrast", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomContrast(0.5, seed=1)])", "training=False")),
        ("tf.keras.layers.RandomRotation", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomRotation(0.2, seed=1)])", "training=False")),
        ("tf.keras.layers.RandomZoom", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomZoom(0.2, seed=1)])", "training=False")),
        ("tf.keras.layers.RandomTranslation", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomTranslation(0.2, 0.2, seed=1)])", "training=False")),
        ("tf.keras.layers.RandomBrightness", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.RandomBrightness(0.5, seed=1)])", "training=False")),
        // tf.image (its kernels run in float32)
        ("tf.image.resize", Grad32("lambda a: tf.image.resize(tf.reshape(a, [2, 3, 1]), [3, 4]) + tf.image.resize(tf.reshape(a, [2, 3, 1]), [3, 4], method='bicubic') + tf.image.resize(tf.reshape(a, [2, 3, 1]), [3, 4], method='lanczos3', antialias=True) + tf.cast(tf.image.resize(tf.reshape(a, [2, 3, 1]), [3, 4], method='nearest'), tf.float32)", X)),
        ("tf.image.extract_patches", Grad("lambda a: tf.image.extract_patches(tf.reshape(a, [1, 2, 3, 1]), [1, 2, 2, 1], [1, 1, 1, 1], [1, 1, 1, 1], 'SAME')", X)),
        ("tf.image.flip_left_right", Grad("lambda a: tf.image.rot90(tf.image.flip_left_right(tf.reshape(a, [2, 3, 1])))", X)),
        ("tf.image.rgb_to_grayscale", Grad32("lambda a: tf.image.rgb_to_grayscale(a)", X)),
        ("tf.image.adjust_brightness", Grad32("lambda a: tf.image.adjust_gamma(tf.image.adjust_brightness(a, 0.5) + 2.0, 2.0)", X)),
        ("tf.image.rgb_to_hsv", Skip("tensh records no gradient for the HSV, hue, saturation and contrast kernels yet")),
        ("tf.keras.layers.Rescaling", Layer("tf.keras.layers.Rescaling([0.5, -1.0, 2.0], offset=0.2)", "")),
        ("tf.keras.layers.Normalization", Layer("tf.keras.layers.Normalization(mean=[0.1, 0.2, 0.3], variance=[1.0, 2.0, 4.0])", "")),
        ("tf.keras.layers.LayerNormalization", Layer("tf.keras.layers.LayerNormalization(beta_initializer='random_normal', gamma_initializer='random_normal')", "")),
        ("tf.keras.layers.SpatialDropout1D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.SpatialDropout1D(0.5)])", "training=False")),
        ("tf.keras.layers.SpatialDropout2D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.SpatialDropout2D(0.5)])", "training=False")),
        ("tf.keras.layers.SpatialDropout3D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1, 1)), tf.keras.layers.SpatialDropout3D(0.5)])", "training=False")),
        ("tf.keras.layers.GaussianNoise", Layer("tf.keras.layers.GaussianNoise(0.3)", "training=False")),
        ("tf.keras.layers.GaussianDropout", Layer("tf.keras.layers.GaussianDropout(0.3)", "training=False")),
        ("tf.keras.layers.PReLU", Layer("tf.keras.layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.25))", "")),
        ("tf.keras.layers.ELU", Layer("tf.keras.layers.ELU(0.7)", "")),
        ("tf.keras.layers.BatchNormalization", Layer("tf.keras.layers.BatchNormalization()", "training=True")),
        ("tf.keras.layers.BatchNormalization/4-D", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1, 1)), tf.keras.layers.BatchNormalization(axis=1)])", "training=True")),
        ("tf.keras.layers.Dense", Layer("tf.keras.layers.Dense(4, activation='tanh', kernel_initializer='glorot_normal', bias_initializer='ones')", "")),
        ("tf.keras.layers.Dropout", Layer("tf.keras.layers.Dropout(0.5)", "training=False")),
        ("tf.keras.layers.Flatten", Layer("tf.keras.layers.Flatten()", "")),
        ("tf.keras.layers.Input", Skip(NOT_OP)),
        ("tf.keras.layers.InputLayer", Skip(NOT_OP)),
        ("tf.keras.layers.Layer", Skip("the base class of user layers")),
        ("tf.keras.layers.LeakyReLU", Layer("tf.keras.layers.LeakyReLU(0.2)", "")),
        ("tf.keras.layers.ReLU", Layer("tf.keras.layers.ReLU(max_value=1.0)", "")),
        ("tf.keras.layers.Softmax", Layer("tf.keras.layers.Softmax()", "")),
        ("tf.keras.layers.Embedding", Layer("(lambda i: tf.keras.Model(i, tf.keras.layers.Add()([tf.keras.layers.Embedding(3, 1, embeddings_initializer='random_normal')(tf.keras.layers.Lambda(tf.abs)(i)), tf.keras.layers.Reshape((3, 1))(i)])))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.SimpleRNN", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.SimpleRNN(2, return_sequences=True, bias_initializer='random_normal')])", "")),
        ("tf.keras.layers.LSTM", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.LSTM(2, bias_initializer='random_normal')])", "")),
        ("tf.keras.layers.GRU", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.GRU(2, go_backwards=True, bias_initializer='random_normal')])", "")),
        ("tf.keras.layers.GRU/reset_before", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.GRU(2, reset_after=False, bias_initializer='random_normal')])", "")),
        ("tf.keras.layers.RNN", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.RNN(tf.keras.layers.LSTMCell(2), return_sequences=True)])", "")),
        ("tf.keras.layers.SimpleRNNCell", Skip("a cell takes (inputs, states): checked through the SimpleRNN row")),
        ("tf.keras.layers.LSTMCell", Skip("a cell takes (inputs, states): checked through the LSTM and RNN rows")),
        ("tf.keras.layers.GRUCell", Skip("a cell takes (inputs, states): checked through the GRU rows")),
        ("tf.keras.layers.Bidirectional", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(2, return_sequences=True), merge_mode='ave')])", "")),
        ("tf.keras.layers.TimeDistributed", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.TimeDistributed(tf.keras.layers.Dense(2, activation='tanh'))])", "")),
        ("tf.keras.layers.Attention", Layer("(lambda i: (lambda r: tf.keras.Model(i, tf.keras.layers.Attention(use_scale=True)([r, tf.keras.layers.Dense(2)(r), r], use_causal_mask=True)))(tf.keras.layers.Reshape((3, 1))(i)))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.Attention/concat", Layer("(lambda i: (lambda r: tf.keras.Model(i, tf.keras.layers.Attention(use_scale=True, score_mode='concat')([r, r, tf.keras.layers.Dense(1)(r)])))(tf.keras.layers.Reshape((3, 1))(i)))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.AdditiveAttention", Layer("(lambda i: (lambda r: tf.keras.Model(i, tf.keras.layers.AdditiveAttention()([r, r])))(tf.keras.layers.Reshape((3, 1))(i)))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.MultiHeadAttention", Layer("(lambda i: (lambda r: tf.keras.Model(i, tf.keras.layers.MultiHeadAttention(2, 2, bias_initializer='random_normal')(r, r, use_causal_mask=True)))(tf.keras.layers.Reshape((3, 1))(i)))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.MultiHeadAttention/2-D", Layer("(lambda i: (lambda r: tf.keras.Model(i, tf.keras.layers.MultiHeadAttention(1, 2, output_shape=(2,))(r, r)))(tf.keras.layers.Reshape((3, 1, 1))(i)))(tf.keras.Input((3,)))", "")),
        ("tf.keras.layers.Masking", Layer("tf.keras.Sequential([tf.keras.layers.Reshape((3, 1)), tf.keras.layers.Masking(5.0)])", "")),
        // ragged and sparse tensors: their ops are built on differentiable gathers,
        // scatters and segment sums, so the tape records them
        ("tf.RaggedTensor", Skip(NOT_OP)),
        ("tf.RaggedTensorSpec", Skip(NOT_OP)),
        ("tf.SparseTensor", Skip(NOT_OP)),
        ("tf.SparseTensorSpec", Skip(NOT_OP)),
        ("tf.RaggedTensor.to_tensor", Grad("lambda a: tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 0, 4]).to_tensor(default_value=1.0)", X)),
        ("tf.RaggedTensor.from_tensor", Grad("lambda a: tf.RaggedTensor.from_tensor(a, lengths=[1, 3]).flat_values", X)),
        ("tf.RaggedTensor/indexing", Grad("lambda a: tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 0, 4])[1:, 1:].flat_values", X)),
        ("tf.reduce_sum/ragged", Grad("lambda a: tf.reduce_sum(tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 0, 4]), axis=1)", X)),
        ("tf.reduce_mean/ragged", Grad("lambda a: tf.reduce_mean(tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 1, 3]), axis=1)", X)),
        ("tf.reduce_max/ragged", Grad("lambda a: tf.reduce_max(tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 1, 3]), axis=0)", X)),
        ("tf.multiply/ragged", Grad("lambda a, b: (tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 4]) * tf.RaggedTensor.from_row_lengths(tf.reshape(b, [-1]), [2, 4])).flat_values", X2)),
        ("tf.concat/ragged", Grad("lambda a: tf.concat([tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]), [2, 4]), tf.RaggedTensor.from_row_lengths(tf.reshape(a, [-1]) * 2.0, [3, 3])], axis=1).flat_values", X)),
        ("tf.sparse.to_dense", Grad("lambda v: tf.sparse.to_dense(tf.SparseTensor([[0, 1], [1, 0], [1, 2]], tf.reshape(v, [-1])[:3], [2, 3]))", X)),
        ("tf.sparse.sparse_dense_matmul", Grad("lambda v, b: tf.sparse.sparse_dense_matmul(tf.SparseTensor([[0, 0], [0, 2], [1, 1]], tf.reshape(v, [-1])[:3], [2, 3]), tf.transpose(b))", X2)),
        ("tf.sparse.sparse_dense_matmul/adjoint", Grad("lambda v, b: tf.sparse.sparse_dense_matmul(tf.SparseTensor([[0, 0], [0, 2], [1, 1]], tf.reshape(v, [-1])[:3], [2, 3]), b, adjoint_a=True)", X2)),
        ("tf.sparse.add", Grad("lambda v, d: tf.sparse.add(tf.SparseTensor([[0, 1], [1, 2]], tf.reshape(v, [-1])[:2], [2, 3]), d)", X2)),
        ("tf.sparse.add/sparse", Grad("lambda v, w: tf.sparse.to_dense(tf.sparse.add(tf.SparseTensor([[0, 1], [1, 2]], tf.reshape(v, [-1])[:2], [2, 3]), tf.SparseTensor([[0, 1], [1, 0]], tf.reshape(w, [-1])[:2], [2, 3])))", X2)),
        ("tf.sparse.reduce_sum", Grad("lambda v: tf.sparse.reduce_sum(tf.SparseTensor([[0, 1], [1, 0], [1, 2]], tf.reshape(v, [-1])[:3], [2, 3]), axis=1)", X)),
        ("tf.sparse.reduce_max", Grad("lambda v: tf.sparse.reduce_max(tf.SparseTensor([[0, 1], [1, 0], [1, 2]], tf.reshape(v, [-1])[:3], [2, 3]), axis=1)", X)),
        ("tf.SparseTensor/scale", Grad("lambda v, d: (tf.SparseTensor([[0, 1], [1, 0], [1, 2]], tf.reshape(v, [-1])[:3], [2, 3]) * d).values", X2)),
    ]
}

/// The checker, in tensh's own language. It runs with a fixed seed: layer weights are drawn
/// at random, and a draw could put a kink (relu at 0) within the finite-difference step.
const PRELUDE: &str = r#"
import tensorflow as tf
YT = tf.constant([[0., 1., 0.], [1., 0., 0.]], dtype=tf.float64)
def weights_like(y):
    return tf.reshape(tf.sin(tf.cast(tf.range(tf.size(y)), tf.float64) * 0.7) + 1.5, tf.shape(y))
def objective(f, xs):
    y = tf.cast(f(*xs), tf.float64)
    return tf.reduce_sum(y * weights_like(y))
def numeric(f, xs, k, i, h):
    n = int(tf.size(xs[k]))
    e = tf.reshape(tf.one_hot(i, n, dtype=xs[k].dtype), tf.shape(xs[k]))
    plus = list(xs)
    plus[k] = xs[k] + h * e
    minus = list(xs)
    minus[k] = xs[k] - h * e
    return (float(objective(f, plus)) - float(objective(f, minus))) / (2 * h), e
def worst(f, xs, gs, h):
    w = 0.0
    for k in range(len(xs)):
        if gs[k] is None:
            return 'NONE'
        for i in range(int(tf.size(xs[k]))):
            num, e = numeric(f, xs, k, i, h)
            ana = float(tf.reduce_sum(tf.cast(gs[k] * e, tf.float64)))
            w = max(w, abs(num - ana) / max(1.0, abs(num)))
    return w
def tape_grads(f, vals):
    xs = [tf.constant(v, dtype=tf.float64) for v in vals]
    with tf.GradientTape() as t:
        for x in xs:
            t.watch(x)
        s = objective(f, xs)
    return xs, t.gradient(s, xs)
def check(name, f, *vals, h=1e-6):
    xs, gs = tape_grads(f, vals)
    print('CHECK', name, worst(f, xs, gs, h))
def nograd(name, f, *vals):
    xs, gs = tape_grads(f, vals)
    print('NOGRAD', name, [g is None for g in gs])
def layer_check(name, layer, call):
    x = tf.constant([[0.3, -1.2, 0.7], [1.5, -0.4, 2.2], [0.9, 0.1, -0.6]])
    layer(x)
    f = lambda a: call(layer, a)
    with tf.GradientTape() as t:
        t.watch(x)
        s = objective(f, [x])
    vs = layer.trainable_variables
    gx, gv = t.gradient(s, [x, vs])
    w = worst(f, [x], [gx], 1e-2)
    for v, g in zip(vs, gv):
        if g is None:
            w = 'NONE'
            break
        n = int(tf.size(v))
        for i in range(n):
            e = tf.reshape(tf.one_hot(i, n), tf.shape(v))
            v.assign_add(1e-2 * e)
            up = float(objective(f, [x]))
            v.assign_sub(2e-2 * e)
            down = float(objective(f, [x]))
            v.assign_add(1e-2 * e)
            num = (up - down) / 2e-2
            w = max(w, abs(num - float(tf.reduce_sum(g * e))) / max(1.0, abs(num)))
    print('CHECK', name, w)
"#;

/// The public callables of each module, as tensh lists them.
fn op_names() -> Vec<String> {
    let script = r#"
import tensorflow as tf
mods = [('tf', tf), ('tf.math', tf.math), ('tf.nn', tf.nn), ('tf.linalg', tf.linalg),
        ('tf.keras.activations', tf.keras.activations), ('tf.keras.losses', tf.keras.losses),
        ('tf.keras.layers', tf.keras.layers)]
for name, m in mods:
    for n in dir(m):
        if not n.startswith('_') and callable(getattr(m, n)):
            print(name + '.' + n)
"#;
    let out = support::run(&[], script);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect()
}

/// The same function reached under two modules (`tf.math.sin` is `tf.sin`) needs one row.
fn canonical(name: &str, rows: &HashSet<&str>) -> Option<String> {
    if rows.contains(name) {
        return Some(name.to_string());
    }
    let short = name.rsplit('.').next().unwrap_or(name);
    ["tf.", "tf.math.", "tf.nn.", "tf.keras.activations."]
        .iter()
        .map(|m| format!("{}{}", m, short))
        .find(|n| rows.contains(n.as_str()))
}

#[test]
fn every_op_has_a_gradient_row() {
    let table = table();
    let rows: HashSet<&str> = table.iter().map(|(n, _)| *n).collect();
    for (name, case) in &table {
        if let Skip(reason) = case {
            assert!(!reason.is_empty(), "{} is skipped without a reason", name);
        }
    }
    let missing: Vec<String> = op_names()
        .into_iter()
        .filter(|n| canonical(n, &rows).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "ops without a gradient row in tests/gradients.rs: {:?}",
        missing
    );
}

#[test]
fn gradients_match_finite_differences() {
    let mut script = String::from(PRELUDE);
    let mut expected = Vec::new();
    let mut float32 = HashSet::new();
    for (name, case) in table() {
        let line = match case {
            Grad(f, args) => format!("check('{}', {}, {})", name, f, args),
            Grad32(f, args) => {
                float32.insert(name);
                format!("check('{}', {}, {}, h=1e-2)", name, f, args)
            }
            NoGrad(f, args) => format!("nograd('{}', {}, {})", name, f, args),
            Layer(ctor, kw) => {
                float32.insert(name);
                format!(
                    "layer_check('{}', {}, lambda l, a: l(a{}))",
                    name,
                    ctor,
                    if kw.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", kw)
                    }
                )
            }
            Skip(_) => continue,
        };
        script.push_str(&format!(
            "try:\n    {}\nexcept Exception as e:\n    print('ERROR', '{}', type(e).__name__, e)\n",
            line, name
        ));
        expected.push(name);
    }
    let out = support::run(&["--seed", "2"], script.as_str());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failures = Vec::new();
    let mut seen = HashSet::new();
    for line in stdout.lines() {
        let mut parts = line.splitn(3, ' ');
        let (kind, name, value) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
        let Some(name) = name else { continue };
        seen.insert(name.to_string());
        let float32 = float32.contains(name);
        let ok = match kind {
            Some("CHECK") => value
                .parse::<f64>()
                .map(|e| e < if float32 { 2e-2 } else { 1e-6 })
                .unwrap_or(false),
            Some("NOGRAD") => !value.contains("False"),
            _ => false,
        };
        if !ok {
            failures.push(line.to_string());
        }
    }
    for name in expected {
        if !seen.contains(name) {
            failures.push(format!("{}: no result", name));
        }
    }
    assert!(
        failures.is_empty(),
        "gradient checks failed:\n{}\nstderr:\n{}",
        failures.join("\n"),
        stderr
    );
}
