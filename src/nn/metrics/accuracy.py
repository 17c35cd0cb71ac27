# keras.metrics, part 2: accuracy. The per-sample match functions Keras's metrics_utils
# defines, the accuracy metric classes built on them, and the functional forms
# (`binary_accuracy`, `categorical_accuracy`, ...) `tf.keras.metrics` exports.


def binary_matches(y_true, y_pred, threshold=0.5):
    y_pred = _tensor(y_pred)
    threshold = tf.cast(threshold, y_pred.dtype)
    y_pred = tf.cast(y_pred > threshold, y_pred.dtype)
    return tf.cast(tf.equal(y_true, y_pred), "float32")


def sparse_categorical_matches(y_true, y_pred):
    reshape_matches = False
    y_pred = _tensor(y_pred)
    y_true = _tensor(y_true)
    y_true_org_shape = tf.shape(y_true)
    if _rank(y_true) == _rank(y_pred):
        y_true = tf.squeeze(y_true, [-1])
        reshape_matches = True
    y_pred = tf.math.argmax(y_pred, axis=-1)
    if y_pred.dtype != y_true.dtype:
        y_pred = tf.cast(y_pred, y_true.dtype)
    matches = tf.cast(tf.equal(y_true, y_pred), "float32")
    if reshape_matches:
        matches = tf.reshape(matches, y_true_org_shape)
    return matches


def _in_top_k(predictions, targets, k):
    """tf.math.in_top_k: whether each target's prediction is among the k largest of its row
    (ties at the boundary count as in); rows with a non-finite value are never in."""
    n = _shape(predictions)[-1]
    picked = tf.one_hot(targets, n, dtype=predictions.dtype)
    target_values = tf.reduce_sum(predictions * picked, axis=-1)
    greater = tf.reduce_sum(
        tf.cast(predictions > tf.expand_dims(target_values, -1), "int32"), axis=-1
    )
    finite = tf.reduce_all(tf.math.is_finite(predictions), axis=-1)
    in_range = tf.logical_and(targets >= 0, targets < n)
    return tf.logical_and(tf.logical_and(greater < k, finite), in_range)


def sparse_top_k_categorical_matches(y_true, y_pred, k=5):
    reshape_matches = False
    y_true = _tensor(y_true)
    y_pred = _tensor(y_pred)
    y_true_org_shape = tf.shape(y_true)
    if _rank(y_pred) > 2:
        y_pred = tf.reshape(y_pred, [-1, _shape(y_pred)[-1]])
    if _rank(y_true) > 1:
        reshape_matches = True
        y_true = tf.reshape(y_true, [-1])
    matches = tf.cast(_in_top_k(y_pred, tf.cast(y_true, "int32"), k), "float32")
    if reshape_matches:
        return tf.reshape(matches, y_true_org_shape)
    return matches


def accuracy(y_true, y_pred):
    y_pred = _tensor(y_pred)
    y_true = _tensor(y_true)
    if _shape(y_true) != _shape(y_pred):
        raise ValueError(
            f"Shapes {tf.TensorShape(_shape(y_true))} and "
            f"{tf.TensorShape(_shape(y_pred))} are incompatible"
        )
    if y_true.dtype != y_pred.dtype:
        y_pred = tf.cast(y_pred, y_true.dtype)
    return tf.cast(tf.equal(y_true, y_pred), "float32")


def binary_accuracy(y_true, y_pred, threshold=0.5):
    y_pred = _tensor(y_pred)
    if not isinstance(y_true, tf.Tensor):
        y_true = tf.convert_to_tensor(y_true, dtype=y_pred.dtype)
    return tf.reduce_mean(binary_matches(y_true, y_pred, threshold), axis=-1)


def categorical_accuracy(y_true, y_pred):
    return sparse_categorical_matches(tf.math.argmax(y_true, axis=-1), y_pred)


def sparse_categorical_accuracy(y_true, y_pred):
    matches = sparse_categorical_matches(y_true, y_pred)
    if _rank(matches) > 1 and _shape(matches)[-1] == 1:
        matches = tf.squeeze(matches, [-1])
    return matches


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    return sparse_top_k_categorical_matches(tf.math.argmax(y_true, axis=-1), y_pred, k)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    return sparse_top_k_categorical_matches(y_true, y_pred, k)


def _categorical_matches_of(y_true, y_pred):
    return sparse_categorical_matches(tf.math.argmax(y_true, axis=-1), y_pred)


def _top_k_matches_of(yt, yp, k):
    return sparse_top_k_categorical_matches(tf.math.argmax(yt, axis=-1), yp, k)


class Accuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(accuracy, name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        super().__init__(binary_matches, name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(_categorical_matches_of, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(sparse_categorical_matches, name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        super().__init__(_top_k_matches_of, name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.accuracy_metrics"

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None):
        super().__init__(sparse_top_k_categorical_matches, name, dtype=dtype, k=k)
