# keras.metrics, part 4: regression and probabilistic metrics (mean squared and absolute
# error, their root, the cross-entropies), MeanIoU, the functional forms that are Keras's
# loss functions, and `get` / `serialize` / `deserialize`.

mean_squared_error = tf.keras.losses.mean_squared_error
mse = mean_squared_error
MSE = mean_squared_error
mean_absolute_error = tf.keras.losses.mean_absolute_error
mae = mean_absolute_error
MAE = mean_absolute_error
binary_crossentropy = tf.keras.losses.binary_crossentropy
categorical_crossentropy = tf.keras.losses.categorical_crossentropy
sparse_categorical_crossentropy = tf.keras.losses.sparse_categorical_crossentropy


def _squared_error(y_true, y_pred):
    return tf.reduce_mean(tf.math.squared_difference(y_pred, y_true), axis=-1)


def _absolute_error(y_true, y_pred):
    return tf.reduce_mean(tf.abs(y_pred - y_true), axis=-1)


class MeanSquaredError(MeanMetricWrapper):
    __module__ = "keras.src.metrics.regression_metrics"

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(_squared_error, name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    __module__ = "keras.src.metrics.regression_metrics"

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(_absolute_error, name, dtype=dtype)


class RootMeanSquaredError(Mean):
    __module__ = "keras.src.metrics.regression_metrics"

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = tf.cast(y_true, self._dtype)
        y_pred = tf.cast(y_pred, self._dtype)
        y_pred, y_true = squeeze_or_expand_dimensions(y_pred, y_true)
        error_sq = tf.math.squared_difference(y_pred, y_true)
        return super().update_state(error_sq, sample_weight=sample_weight)

    def result(self):
        return tf.sqrt(tf.math.divide_no_nan(self.total, self.count))


class BinaryCrossentropy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.probabilistic_metrics"

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(binary_crossentropy, name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.probabilistic_metrics"

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(categorical_crossentropy, name, dtype=dtype,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    __module__ = "keras.src.metrics.probabilistic_metrics"

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None,
                 from_logits=False, ignore_class=None, axis=-1):
        super().__init__(sparse_categorical_crossentropy, name, dtype=dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)


class MeanIoU(Metric):
    __module__ = "keras.src.metrics.iou_metrics"

    def __init__(self, num_classes, name=None, dtype=None, ignore_class=None,
                 sparse_y_true=True, sparse_y_pred=True, axis=-1):
        super().__init__(name=name, dtype=dtype)
        self.num_classes = num_classes
        self.ignore_class = ignore_class
        self.sparse_y_true = sparse_y_true
        self.sparse_y_pred = sparse_y_pred
        self.axis = axis
        self.target_class_ids = ListWrapper(range(num_classes))
        self.total_cm = self.add_weight(
            "total_confusion_matrix", shape=(num_classes, num_classes), initializer="zeros"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        if not self.sparse_y_true:
            y_true = tf.argmax(y_true, axis=self.axis)
        if not self.sparse_y_pred:
            y_pred = tf.argmax(y_pred, axis=self.axis)
        y_true = tf.cast(y_true, self._dtype)
        y_pred = tf.cast(y_pred, self._dtype)
        if _rank(y_pred) > 1:
            y_pred = tf.reshape(y_pred, [-1])
        if _rank(y_true) > 1:
            y_true = tf.reshape(y_true, [-1])
        if sample_weight is not None:
            sample_weight = tf.cast(sample_weight, self._dtype)
            if _rank(sample_weight) > 1:
                sample_weight = tf.reshape(sample_weight, [-1])
        if self.ignore_class is not None:
            valid_mask = tf.not_equal(y_true, tf.cast(self.ignore_class, y_true.dtype))
            y_true = tf.boolean_mask(y_true, valid_mask)
            y_pred = tf.boolean_mask(y_pred, valid_mask)
            if sample_weight is not None:
                sample_weight = tf.boolean_mask(sample_weight, valid_mask)
        current_cm = tf.math.confusion_matrix(
            y_true, y_pred, self.num_classes, weights=sample_weight, dtype=self._dtype
        )
        return self.total_cm.assign_add(current_cm)

    def result(self):
        n = self.num_classes
        cm = tf.convert_to_tensor(self.total_cm)
        sum_over_row = tf.cast(tf.reduce_sum(cm, axis=0), dtype=self._dtype)
        sum_over_col = tf.cast(tf.reduce_sum(cm, axis=1), dtype=self._dtype)
        diagonal = tf.gather(tf.reshape(cm, [-1]), [i * (n + 1) for i in range(n)])
        true_positives = tf.cast(diagonal, dtype=self._dtype)
        denominator = sum_over_row + sum_over_col - true_positives
        ids = list(self.target_class_ids)
        true_positives = tf.gather(true_positives, ids)
        denominator = tf.gather(denominator, ids)
        num_valid_entries = tf.reduce_sum(
            tf.cast(tf.not_equal(denominator, 0), dtype=self._dtype)
        )
        iou = tf.math.divide_no_nan(true_positives, denominator)
        return tf.math.divide_no_nan(tf.reduce_sum(iou), num_valid_entries)

    def get_config(self):
        return {
            "num_classes": self.num_classes,
            "name": self.name,
            "dtype": self._dtype,
            "ignore_class": self.ignore_class,
            "sparse_y_true": self.sparse_y_true,
            "sparse_y_pred": self.sparse_y_pred,
            "axis": self.axis,
        }


_UNKNOWN = (
    "Unknown metric function: '{}'. Please ensure you are using a "
    "`keras.utils.custom_object_scope` and that this object is included in the scope. "
    "See https://www.tensorflow.org/guide/keras/save_and_serialize"
    "#registering_the_custom_object for details."
)


def _named(name):
    return _REGISTRY.get(name)


def deserialize(config, custom_objects=None):
    if isinstance(config, str):
        found = _named(config)
        if found is None and custom_objects:
            found = custom_objects.get(config)
        if found is None:
            raise ValueError(_UNKNOWN.format(config))
        if isinstance(found, type):
            return found()
        return found
    if isinstance(config, dict):
        cls = _named(config["class_name"])
        if cls is None and custom_objects:
            cls = custom_objects.get(config["class_name"])
        if cls is None:
            raise ValueError(_UNKNOWN.format(config["class_name"]))
        return cls.from_config(config.get("config", {}))
    raise ValueError(f"Could not interpret metric identifier: {config}")


def serialize(metric):
    return {
        "module": "keras.metrics",
        "class_name": type(metric).__name__,
        "config": metric.get_config(),
        "registered_name": None,
    }


def get(identifier):
    if isinstance(identifier, (dict, str)):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(f"Could not interpret metric identifier: {identifier}")


_REGISTRY = {
    f.__name__: f
    for f in [
        Metric, Reduce, Sum, Mean, MeanMetricWrapper, Accuracy, BinaryAccuracy,
        CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
        SparseTopKCategoricalAccuracy, TruePositives, TrueNegatives, FalsePositives,
        FalseNegatives, Precision, Recall, AUC, MeanSquaredError, MeanAbsoluteError,
        RootMeanSquaredError, BinaryCrossentropy, CategoricalCrossentropy,
        SparseCategoricalCrossentropy, MeanIoU, accuracy, binary_accuracy,
        categorical_accuracy, sparse_categorical_accuracy, top_k_categorical_accuracy,
        sparse_top_k_categorical_accuracy,
    ]
}
_REGISTRY.update({
    "mean_squared_error": mean_squared_error, "mse": mean_squared_error,
    "MSE": mean_squared_error, "mean_absolute_error": mean_absolute_error,
    "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "binary_crossentropy": binary_crossentropy,
    "categorical_crossentropy": categorical_crossentropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
})


def _compile_metric(metric, y_t_shape, y_p_shape):
    """What `compile(metrics=[...])` makes of one entry, as Keras's MetricsContainer does:
    'accuracy' and 'crossentropy' chosen by the shapes, names and functions wrapped in a
    MeanMetricWrapper named after them, metric objects kept as they are."""
    if isinstance(metric, str) and metric in ("accuracy", "acc", "crossentropy", "ce"):
        is_binary = y_p_shape[-1] == 1
        is_sparse_categorical = len(y_t_shape) < len(y_p_shape) or (
            y_t_shape[-1] == 1 and y_p_shape[-1] > 1
        )
        if metric in ("accuracy", "acc"):
            if is_binary:
                obj = binary_accuracy
            elif is_sparse_categorical:
                obj = sparse_categorical_accuracy
            else:
                obj = categorical_accuracy
        elif is_binary:
            obj = binary_crossentropy
        elif is_sparse_categorical:
            obj = sparse_categorical_crossentropy
        else:
            obj = categorical_crossentropy
    else:
        obj = get(metric)
    if isinstance(obj, Metric):
        return obj
    name = metric if isinstance(metric, str) else obj.__name__.rsplit(".", 1)[-1]
    return MeanMetricWrapper(obj, name=name)


def _compile_metrics(metrics, y_t_shape, y_p_shape):
    """The loss tracker and the metric objects of a compiled model."""
    return [Mean(name="loss")] + [_compile_metric(m, y_t_shape, y_p_shape) for m in metrics]
