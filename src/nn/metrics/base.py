# keras.metrics, part 1: the shape helpers Keras applies before reducing, the `Metric` base
# class users subclass, and the reducing metrics (`Reduce`, `Sum`, `Mean`,
# `MeanMetricWrapper`). Variables are float32 `tf.Variable`s updated with the same ops, in
# the same order, as Keras 2.15 updates them, so results agree to the last digit.
import tensorflow as tf


class ListWrapper:
    """A list attribute of a trackable object, as Keras keeps `thresholds`."""

    __module__ = "tensorflow.python.trackable.data_structures"

    def __init__(self, items):
        self._items = list(items)

    def __repr__(self):
        return "ListWrapper(" + repr(self._items) + ")"

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        return self._items[i]

    def __eq__(self, other):
        if isinstance(other, ListWrapper):
            other = other._items
        return self._items == other


def _tracked(value):
    if isinstance(value, list):
        return ListWrapper(value)
    return value


def _to_list(x):
    if isinstance(x, (list, tuple, ListWrapper)):
        return list(x)
    return [x]


def _dtype_name(dtype):
    if dtype is None:
        return "float32"
    if isinstance(dtype, str):
        return dtype
    return dtype.name


def _tensor(x):
    if isinstance(x, tf.Tensor):
        return x
    return tf.convert_to_tensor(x)


def _shape(t):
    return list(t.shape)


def _rank(t):
    return len(t.shape)


def remove_squeezable_dimensions(labels, predictions):
    labels = _tensor(labels)
    predictions = _tensor(predictions)
    rank_diff = _rank(predictions) - _rank(labels)
    if rank_diff == 1 and _shape(predictions)[-1] == 1:
        predictions = tf.squeeze(predictions, [-1])
    elif rank_diff == -1 and _shape(labels)[-1] == 1:
        labels = tf.squeeze(labels, [-1])
    return labels, predictions


def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    y_pred_rank = _rank(y_pred)
    if y_true is not None:
        y_true_rank = _rank(y_true)
        if (y_pred_rank - y_true_rank != 1) or (y_pred_rank > 0 and _shape(y_pred)[-1] == 1):
            y_true, y_pred = remove_squeezable_dimensions(y_true, y_pred)
    if sample_weight is None:
        return y_pred, y_true
    weights_rank = _rank(sample_weight)
    if weights_rank == 0:
        return y_pred, y_true, sample_weight
    if weights_rank - y_pred_rank == 1:
        sample_weight = tf.squeeze(sample_weight, [-1])
    elif y_pred_rank - weights_rank == 1:
        sample_weight = tf.expand_dims(sample_weight, -1)
    return y_pred, y_true, sample_weight


def broadcast_weights(weights, values):
    ws = _shape(weights)
    vs = _shape(values)
    if ws == vs:
        return weights
    if len(ws) != 0:
        if len(ws) != len(vs):
            raise ValueError("weights can not be broadcast to values.")
        for w, v in zip(ws, vs):
            if w != 1 and w != v:
                raise ValueError("weights can not be broadcast to values.")
    return tf.multiply(weights, tf.ones_like(values))


def _abstract_methods(obj):
    cls = type(obj)
    missing = []
    if getattr(cls, "result") is Metric.result:
        missing.append("result")
    if getattr(cls, "update_state") is Metric.update_state:
        missing.append("update_state")
    return missing


class Metric:
    __module__ = "keras.src.metrics.base_metric"

    def __init__(self, name=None, dtype=None, **kwargs):
        missing = _abstract_methods(self)
        if missing:
            word = "method" if len(missing) == 1 else "methods"
            raise TypeError(
                f"Can't instantiate abstract class {type(self).__name__} "
                f"with abstract {word} {', '.join(missing)}"
            )
        for k in kwargs:
            if k not in ("trainable", "autocast", "input_dim", "input_shape", "batch_input_shape"):
                raise TypeError(f"Keyword argument not understood: {k}")
        if not name:
            name = _unique_name(_snake_case(type(self).__name__))
        self._name = name
        self._dtype = _dtype_name(dtype)
        self._metric_variables = []
        self.stateful = True
        self.built = True
        cls_result = type(self).result
        me = self
        self.result = lambda: tf.identity(cls_result(me))

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def variables(self):
        return list(self._metric_variables)

    @property
    def weights(self):
        return list(self._metric_variables)

    @property
    def non_trainable_weights(self):
        return list(self._metric_variables)

    @property
    def trainable_weights(self):
        return []

    def add_weight(self, name, shape=(), aggregation=None, synchronization=None,
                   initializer=None, dtype=None):
        dtype = self._dtype if dtype is None else _dtype_name(dtype)
        if initializer is None or initializer == "zeros":
            value = tf.zeros(shape, dtype)
        elif initializer == "ones":
            value = tf.ones(shape, dtype)
        else:
            value = tf.keras.initializers.get(initializer)(shape, dtype=dtype)
        v = tf.Variable(value, trainable=False, name=name, dtype=dtype)
        self._metric_variables.append(v)
        return v

    def __call__(self, *args, **kwargs):
        self.update_state(*args, **kwargs)
        return self.result()

    def __repr__(self):
        cls = type(self)
        return f"<{cls.__module__}.{cls.__qualname__} object at {hex(id(self))}>"

    def __str__(self):
        args = ",".join(f"{k}={v}" for k, v in self.get_config().items())
        return f"{self.__class__.__name__}({args})"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def reset_state(self):
        for v in self._metric_variables:
            v.assign(tf.zeros_like(v))

    def reset_states(self):
        return self.reset_state()

    def get_weights(self):
        return [v.numpy() for v in self._metric_variables]

    def set_weights(self, weights):
        for v, w in zip(self._metric_variables, weights):
            v.assign(w)

    def merge_state(self, metrics):
        for metric in metrics:
            if len(self.weights) != len(metric.weights):
                raise ValueError(f"Metric {metric} is not compatible with {self}")
            for weight, weight_to_add in zip(self.weights, metric.weights):
                weight.assign_add(weight_to_add)

    def update_state(self, *args, **kwargs):
        raise NotImplementedError("Must be implemented in subclasses.")

    def result(self):
        raise NotImplementedError("Must be implemented in subclasses.")


class Reduce(Metric):
    __module__ = "keras.src.metrics.base_metric"

    def __init__(self, reduction, name, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.reduction = reduction
        self.total = self.add_weight("total", initializer="zeros")
        if reduction in ("sum_over_batch_size", "weighted_mean"):
            self.count = self.add_weight("count", initializer="zeros")

    def update_state(self, values, sample_weight=None):
        if isinstance(values, dict):
            raise RuntimeError(
                "The output of a metric function can only be a single Tensor. "
                f"Received: {values}. To return a dict of values, implement a "
                "custom Metric subclass."
            )
        values = tf.cast(values, self._dtype)
        if sample_weight is not None:
            sample_weight = tf.cast(sample_weight, self._dtype)
            values, _, sample_weight = squeeze_or_expand_dimensions(
                values, sample_weight=sample_weight
            )
            try:
                sample_weight = broadcast_weights(sample_weight, values)
            except ValueError:
                ndim = _rank(values)
                weight_ndim = _rank(sample_weight)
                axes = list(range(weight_ndim, ndim))
                if self.reduction == "sum":
                    values = tf.reduce_sum(values, axis=axes)
                else:
                    values = tf.reduce_mean(values, axis=axes)
            values = tf.multiply(values, sample_weight)
        value_sum = tf.reduce_sum(values)
        update_total_op = self.total.assign_add(value_sum)
        if self.reduction == "sum":
            return update_total_op
        if self.reduction == "sum_over_batch_size" or sample_weight is None:
            num_values = tf.cast(tf.size(values), self._dtype)
        else:
            num_values = tf.reduce_sum(sample_weight)
        return self.count.assign_add(num_values)

    def result(self):
        if self.reduction == "sum":
            return tf.identity(self.total)
        return tf.math.divide_no_nan(self.total, self.count)


class Sum(Reduce):
    __module__ = "keras.src.metrics.base_metric"

    def __init__(self, name="sum", dtype=None):
        super().__init__(reduction="sum", name=name, dtype=dtype)


class Mean(Reduce):
    __module__ = "keras.src.metrics.base_metric"

    def __init__(self, name="mean", dtype=None):
        super().__init__(reduction="weighted_mean", name=name, dtype=dtype)


class MeanMetricWrapper(Mean):
    __module__ = "keras.src.metrics.base_metric"

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = tf.cast(y_true, self._dtype)
        y_pred = tf.cast(y_pred, self._dtype)
        y_pred, y_true = squeeze_or_expand_dimensions(y_pred, y_true)
        matches = self._fn(y_true, y_pred, **self._fn_kwargs)
        return super().update_state(matches, sample_weight=sample_weight)

    def get_config(self):
        config = dict(self._fn_kwargs)
        if type(self) is MeanMetricWrapper:
            config["fn"] = self._fn
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        fn = config.pop("fn", None)
        if cls is MeanMetricWrapper:
            return cls(get(fn), **config)
        return cls(**config)
