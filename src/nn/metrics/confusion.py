# keras.metrics, part 3: metrics over confusion-matrix counts at thresholds: TruePositives
# and its kin, Precision, Recall and AUC, with Keras's two ways of counting (one comparison
# per threshold, or bucketing predictions when the thresholds are evenly spaced) and its
# Riemann sums (interpolation, minoring, majoring; the PR curve's interpolation).

NEG_INF = -1e10


def assert_thresholds_range(thresholds):
    if thresholds is not None:
        invalid = [t for t in thresholds if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError(f"Threshold values must be in [0, 1]. Received: {invalid}")


def parse_init_thresholds(thresholds, default_threshold=0.5):
    if thresholds is not None:
        assert_thresholds_range(_to_list(thresholds))
    return _to_list(default_threshold if thresholds is None else thresholds)


def is_evenly_distributed_thresholds(thresholds):
    thresholds = list(thresholds)
    n = len(thresholds)
    if n < 3:
        return False
    for i in range(n):
        even = float(tf.cast(i, "float32") / tf.cast(n - 1, "float32"))
        if abs(thresholds[i] - even) > 1e-07 + 1e-05 * abs(even):
            return False
    return True


def _filter_top_k(x, k):
    _, top_k_idx = tf.math.top_k(x, k, sorted=False)
    top_k_mask = tf.reduce_sum(tf.one_hot(top_k_idx, _shape(x)[-1], axis=-1), axis=-2)
    return x * top_k_mask + NEG_INF * (1 - top_k_mask)


def _class_column(t, class_id):
    return tf.gather(t, [class_id], axis=_rank(t) - 1)


def _segment_sum(data, segment_ids, num_segments):
    """tf.math.unsorted_segment_sum over a vector, adding in input order."""
    picked = tf.one_hot(segment_ids, num_segments, dtype=data.dtype)
    return tf.reduce_sum(picked * tf.expand_dims(data, -1), axis=0)


def _update_optimized(variables, y_true, y_pred, num_thresholds, sample_weight,
                      label_weights, thresholds_with_epsilon):
    if sample_weight is None:
        sample_weights = 1.0
    else:
        sample_weights = broadcast_weights(tf.cast(sample_weight, y_pred.dtype), y_pred)
        sample_weights = tf.reshape(sample_weights, [-1])
    if label_weights is None:
        label_weights = 1.0
    else:
        label_weights = broadcast_weights(tf.expand_dims(label_weights, 0), y_pred)
        label_weights = tf.reshape(label_weights, [-1])
    weights = tf.cast(tf.multiply(sample_weights, label_weights), y_true.dtype)
    y_pred = tf.clip_by_value(y_pred, clip_value_min=0.0, clip_value_max=1.0)
    y_true = tf.cast(tf.cast(y_true, "bool"), y_true.dtype)
    y_true = tf.reshape(y_true, [-1])
    y_pred = tf.reshape(y_pred, [-1])
    true_labels = tf.multiply(y_true, weights)
    false_labels = tf.multiply((1.0 - y_true), weights)
    bucket_indices = tf.math.ceil(y_pred * (num_thresholds - 1)) - 1
    if thresholds_with_epsilon:
        bucket_indices = tf.nn.relu(bucket_indices)
    bucket_indices = tf.cast(bucket_indices, "int32")
    tp_bucket_v = _segment_sum(true_labels, bucket_indices, num_thresholds)
    fp_bucket_v = _segment_sum(false_labels, bucket_indices, num_thresholds)
    tp = tf.cumsum(tp_bucket_v, reverse=True)
    fp = tf.cumsum(fp_bucket_v, reverse=True)
    if "tn" in variables or "fn" in variables:
        total_true_labels = tf.reduce_sum(true_labels)
        total_false_labels = tf.reduce_sum(false_labels)
    if "tp" in variables:
        variables["tp"].assign_add(tp)
    if "fp" in variables:
        variables["fp"].assign_add(fp)
    if "tn" in variables:
        variables["tn"].assign_add(total_false_labels - fp)
    if "fn" in variables:
        variables["fn"].assign_add(total_true_labels - tp)


def update_confusion_matrix_variables(variables, y_true, y_pred, thresholds, top_k=None,
                                      class_id=None, sample_weight=None,
                                      label_weights=None,
                                      thresholds_distributed_evenly=False):
    """Adds the counts of one batch to `variables` ({'tp': var, 'fp': ...})."""
    y_true = tf.cast(y_true, "float32")
    y_pred = tf.cast(y_pred, "float32")
    thresholds = list(thresholds)
    if thresholds_distributed_evenly:
        thresholds_with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
    num_thresholds = len(thresholds)
    if sample_weight is None:
        y_pred, y_true = squeeze_or_expand_dimensions(y_pred, y_true)
    else:
        sample_weight = tf.cast(sample_weight, "float32")
        y_pred, y_true, sample_weight = squeeze_or_expand_dimensions(
            y_pred, y_true, sample_weight=sample_weight
        )
    if _shape(y_pred) != _shape(y_true):
        raise ValueError(
            f"Shapes {tf.TensorShape(_shape(y_pred))} and "
            f"{tf.TensorShape(_shape(y_true))} are incompatible"
        )
    if top_k is not None:
        y_pred = _filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = _class_column(y_true, class_id)
        y_pred = _class_column(y_pred, class_id)
    if thresholds_distributed_evenly:
        return _update_optimized(variables, y_true, y_pred, num_thresholds,
                                 sample_weight, label_weights, thresholds_with_epsilon)
    thresholds_t = tf.reshape(tf.convert_to_tensor(thresholds, dtype="float32"), [-1, 1])
    preds = tf.reshape(y_pred, [1, -1])
    labels = tf.reshape(tf.cast(y_true, "bool"), [1, -1])
    n = _shape(preds)[1]
    pred_is_pos = tf.greater(tf.tile(preds, [num_thresholds, 1]),
                             tf.tile(thresholds_t, [1, n]))
    label_is_pos = tf.tile(labels, [num_thresholds, 1])
    weights_tiled = None
    if sample_weight is not None:
        sw = broadcast_weights(tf.cast(sample_weight, "float32"), y_pred)
        weights_tiled = tf.tile(tf.reshape(sw, [1, -1]), [num_thresholds, 1])
    if label_weights is not None:
        lw = broadcast_weights(tf.expand_dims(label_weights, 0), y_pred)
        lw = tf.tile(tf.reshape(lw, [1, -1]), [num_thresholds, 1])
        weights_tiled = lw if weights_tiled is None else tf.multiply(weights_tiled, lw)

    def weighted_assign_add(label, pred, var):
        label_and_pred = tf.cast(tf.logical_and(label, pred), "float32")
        if weights_tiled is not None:
            label_and_pred = label_and_pred * weights_tiled
        var.assign_add(tf.reduce_sum(label_and_pred, 1))

    pred_is_neg = tf.logical_not(pred_is_pos)
    label_is_neg = tf.logical_not(label_is_pos)
    if "tp" in variables:
        weighted_assign_add(label_is_pos, pred_is_pos, variables["tp"])
    if "fn" in variables:
        weighted_assign_add(label_is_pos, pred_is_neg, variables["fn"])
    if "fp" in variables:
        weighted_assign_add(label_is_neg, pred_is_pos, variables["fp"])
    if "tn" in variables:
        weighted_assign_add(label_is_neg, pred_is_neg, variables["tn"])


class _ConfusionMatrixConditionCount(Metric):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, confusion_matrix_cond, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = _tracked(thresholds)
        self.thresholds = ListWrapper(parse_init_thresholds(thresholds, default_threshold=0.5))
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        self.accumulator = self.add_weight(
            "accumulator", shape=(len(self.thresholds),), initializer="zeros"
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator}, y_true, y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight,
        )

    def result(self):
        if len(self.thresholds) == 1:
            return self.accumulator[0]
        return tf.convert_to_tensor(self.accumulator)

    def get_config(self):
        config = {"thresholds": self.init_thresholds}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class FalsePositives(_ConfusionMatrixConditionCount):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__("fp", thresholds=thresholds, name=name, dtype=dtype)


class FalseNegatives(_ConfusionMatrixConditionCount):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__("fn", thresholds=thresholds, name=name, dtype=dtype)


class TrueNegatives(_ConfusionMatrixConditionCount):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__("tn", thresholds=thresholds, name=name, dtype=dtype)


class TruePositives(_ConfusionMatrixConditionCount):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__("tp", thresholds=thresholds, name=name, dtype=dtype)


class _PrecisionRecall(Metric):
    """What Precision and Recall share: thresholds, top_k, class_id and two counts."""

    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, other, thresholds=None, top_k=None, class_id=None, name=None,
                 dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = _tracked(thresholds)
        self.top_k = top_k
        self.class_id = class_id
        default_threshold = 0.5 if top_k is None else NEG_INF
        self.thresholds = ListWrapper(
            parse_init_thresholds(thresholds, default_threshold=default_threshold)
        )
        self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(self.thresholds)
        n = len(self.thresholds)
        self.true_positives = self.add_weight("true_positives", shape=(n,), initializer="zeros")
        self._other_key = other
        self._other = self.add_weight(
            "false_positives" if other == "fp" else "false_negatives",
            shape=(n,), initializer="zeros",
        )

    def update_state(self, y_true, y_pred, sample_weight=None):
        update_confusion_matrix_variables(
            {"tp": self.true_positives, self._other_key: self._other}, y_true, y_pred,
            thresholds=self.thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            top_k=self.top_k, class_id=self.class_id, sample_weight=sample_weight,
        )

    def result(self):
        result = tf.math.divide_no_nan(
            self.true_positives, tf.math.add(self.true_positives, self._other)
        )
        return result[0] if len(self.thresholds) == 1 else result

    def get_config(self):
        config = {"thresholds": self.init_thresholds, "top_k": self.top_k,
                  "class_id": self.class_id}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class Precision(_PrecisionRecall):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__("fp", thresholds=thresholds, top_k=top_k, class_id=class_id,
                         name=name, dtype=dtype)

    @property
    def false_positives(self):
        return self._other


class Recall(_PrecisionRecall):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__("fn", thresholds=thresholds, top_k=top_k, class_id=class_id,
                         name=name, dtype=dtype)

    @property
    def false_negatives(self):
        return self._other


def _curve(key):
    if key in ("pr", "PR"):
        return "PR"
    if key in ("roc", "ROC"):
        return "ROC"
    raise ValueError(f'Invalid AUC curve value: "{key}". Expected values are ["PR", "ROC"]')


def _summation(key):
    if key in ("interpolation", "Interpolation"):
        return "interpolation"
    if key in ("majoring", "Majoring"):
        return "majoring"
    if key in ("minoring", "Minoring"):
        return "minoring"
    raise ValueError(
        f'Invalid AUC summation method value: "{key}". '
        'Expected values are ["interpolation", "majoring", "minoring"]'
    )


class AUC(Metric):
    __module__ = "keras.src.metrics.confusion_metrics"

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False,
                 num_labels=None, label_weights=None, from_logits=False):
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
            self._thresholds_distributed_evenly = is_evenly_distributed_thresholds(
                [0.0] + thresholds + [1.0]
            )
        else:
            if num_thresholds <= 1:
                raise ValueError(
                    "Argument `num_thresholds` must be an integer > 1. "
                    f"Received: num_thresholds={num_thresholds}"
                )
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
            self._thresholds_distributed_evenly = True
        epsilon = 1e-07
        self._thresholds = [0.0 - epsilon] + thresholds + [1.0 + epsilon]
        self.curve = _curve(curve)
        self.summation_method = _summation(summation_method)
        super().__init__(name=name, dtype=dtype)
        if multi_label:
            raise ValueError("tensh does not support `multi_label=True` in AUC yet.")
        self.multi_label = multi_label
        self.num_labels = num_labels
        if num_labels:
            raise ValueError("`num_labels` is needed only when `multi_label` is True.")
        if label_weights is not None:
            label_weights = tf.constant(label_weights, dtype=self.dtype)
            if bool(tf.reduce_any(label_weights < 0)):
                raise ValueError("All values of `label_weights` must be non-negative.")
        self.label_weights = label_weights
        self._from_logits = from_logits
        n = self.num_thresholds
        self.true_positives = self.add_weight("true_positives", shape=(n,), initializer="zeros")
        self.true_negatives = self.add_weight("true_negatives", shape=(n,), initializer="zeros")
        self.false_positives = self.add_weight("false_positives", shape=(n,), initializer="zeros")
        self.false_negatives = self.add_weight("false_negatives", shape=(n,), initializer="zeros")

    @property
    def thresholds(self):
        return list(self._thresholds)

    def update_state(self, y_true, y_pred, sample_weight=None):
        if self._from_logits:
            y_pred = tf.sigmoid(y_pred)
        update_confusion_matrix_variables(
            {"tp": self.true_positives, "tn": self.true_negatives,
             "fp": self.false_positives, "fn": self.false_negatives},
            y_true, y_pred, self._thresholds,
            thresholds_distributed_evenly=self._thresholds_distributed_evenly,
            sample_weight=sample_weight, label_weights=self.label_weights,
        )

    def interpolate_pr_auc(self):
        n = self.num_thresholds
        tp = tf.convert_to_tensor(self.true_positives)
        fp = tf.convert_to_tensor(self.false_positives)
        fn = tf.convert_to_tensor(self.false_negatives)
        dtp = tp[: n - 1] - tp[1:]
        p = tf.math.add(tp, fp)
        dp = p[: n - 1] - p[1:]
        prec_slope = tf.math.divide_no_nan(dtp, tf.maximum(dp, 0))
        intercept = tp[1:] - tf.multiply(prec_slope, p[1:])
        safe_p_ratio = tf.where(
            tf.logical_and(p[: n - 1] > 0, p[1:] > 0),
            tf.math.divide_no_nan(p[: n - 1], tf.maximum(p[1:], 0)),
            tf.ones_like(p[1:]),
        )
        pr_auc_increment = tf.math.divide_no_nan(
            prec_slope * (dtp + intercept * tf.math.log(safe_p_ratio)),
            tf.maximum(tp[1:] + fn[1:], 0),
        )
        return tf.reduce_sum(pr_auc_increment)

    def result(self):
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = tf.convert_to_tensor(self.true_positives)
        fp = tf.convert_to_tensor(self.false_positives)
        fn = tf.convert_to_tensor(self.false_negatives)
        tn = tf.convert_to_tensor(self.true_negatives)
        recall = tf.math.divide_no_nan(tp, tf.math.add(tp, fn))
        if self.curve == "ROC":
            x = tf.math.divide_no_nan(fp, tf.math.add(fp, tn))
            y = recall
        else:
            x = recall
            y = tf.math.divide_no_nan(tp, tf.math.add(tp, fp))
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = tf.minimum(y[: n - 1], y[1:])
        else:
            heights = tf.maximum(y[: n - 1], y[1:])
        return tf.reduce_sum(tf.multiply(x[: n - 1] - x[1:], heights))

    def get_config(self):
        label_weights = self.label_weights
        if label_weights is not None:
            label_weights = label_weights.numpy()
        config = {
            "num_thresholds": self.num_thresholds,
            "curve": self.curve,
            "summation_method": self.summation_method,
            "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": label_weights,
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            config["thresholds"] = self.thresholds[1:-1]
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))
