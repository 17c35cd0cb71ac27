# keras.callbacks, part 1: the `Callback` base class users subclass, `CallbackList` (what
# fit, evaluate and predict drive: the user's callbacks, then the History), `History`,
# `LambdaCallback`, `ProgbarLogger` and `TerminateOnNaN`. Messages go where Keras's go:
# stdout for what it prints, stderr for its logging warnings.
import math
import os
import sys

import tensorflow as tf


def _warn(message):
    print("WARNING:tensorflow:" + message, file=sys.stderr)


class _Ufunc:
    """np.less / np.greater as the callbacks keep them (`monitor_op`)."""

    def __init__(self, name, op):
        self._ufunc_name = name
        self._op = op

    def __call__(self, a, b):
        return self._op(a, b)

    def __repr__(self):
        return f"<ufunc '{self._ufunc_name}'>"

    def __eq__(self, other):
        return isinstance(other, _Ufunc) and other._ufunc_name == self._ufunc_name


_less = _Ufunc("less", lambda a, b: a < b)
_greater = _Ufunc("greater", lambda a, b: a > b)
_INF = float("inf")


class Callback:
    __module__ = "keras.src.callbacks"

    def __init__(self):
        self.validation_data = None
        self.model = None
        self._chief_worker_only = None
        self._supports_tf_logs = False

    def __repr__(self):
        cls = type(self)
        return f"<{cls.__module__}.{cls.__qualname__} object at {hex(id(self))}>"

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self.model = model

    def on_batch_begin(self, batch, logs=None):
        pass

    def on_batch_end(self, batch, logs=None):
        pass

    def on_epoch_begin(self, epoch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        pass

    def on_train_batch_begin(self, batch, logs=None):
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        pass

    def on_test_batch_end(self, batch, logs=None):
        pass

    def on_predict_batch_begin(self, batch, logs=None):
        pass

    def on_predict_batch_end(self, batch, logs=None):
        pass

    def on_train_begin(self, logs=None):
        pass

    def on_train_end(self, logs=None):
        pass

    def on_test_begin(self, logs=None):
        pass

    def on_test_end(self, logs=None):
        pass

    def on_predict_begin(self, logs=None):
        pass

    def on_predict_end(self, logs=None):
        pass


class History(Callback):
    __module__ = "keras.src.callbacks"

    def __init__(self):
        super().__init__()
        self.history = {}

    def on_train_begin(self, logs=None):
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.epoch.append(epoch)
        for k, v in logs.items():
            self.history.setdefault(k, []).append(v)
        self.model.history = self


class ProgbarLogger(Callback):
    """Accepted in `callbacks=`; fit, evaluate and predict draw their progress bar themselves
    (after the other callbacks' hooks, where Keras's own ProgbarLogger draws it)."""

    __module__ = "keras.src.callbacks"

    def __init__(self, count_mode="samples", stateful_metrics=None):
        super().__init__()
        self._supports_tf_logs = True
        if count_mode == "samples":
            self.use_steps = False
        elif count_mode == "steps":
            self.use_steps = True
        else:
            raise ValueError(
                f"Unknown `count_mode`: {count_mode}. "
                'Expected values are ["samples", "steps"]'
            )
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self.seen = 0
        self.progbar = None
        self.target = None
        self.verbose = 1
        self.epochs = 1

    def set_params(self, params):
        self.params = params
        self.verbose = params["verbose"]
        self.epochs = params["epochs"]
        if self.use_steps and "steps" in params:
            self.target = params["steps"]


class TerminateOnNaN(Callback):
    __module__ = "keras.src.callbacks"

    def __init__(self):
        super().__init__()
        self._supports_tf_logs = True

    def on_batch_end(self, batch, logs=None):
        logs = logs or {}
        loss = logs.get("loss")
        if loss is not None:
            loss = float(loss)
            if math.isnan(loss) or math.isinf(loss):
                print(f"Batch {batch}: Invalid loss, terminating training")
                self.model.stop_training = True


class LambdaCallback(Callback):
    __module__ = "keras.src.callbacks"

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_batch_begin=None,
                 on_batch_end=None, on_train_begin=None, on_train_end=None, **kwargs):
        super().__init__()
        for k, v in kwargs.items():
            setattr(self, k, v)
        if on_epoch_begin is not None:
            self.on_epoch_begin = on_epoch_begin
        if on_epoch_end is not None:
            self.on_epoch_end = on_epoch_end
        if on_batch_begin is not None:
            self.on_batch_begin = on_batch_begin
        if on_batch_end is not None:
            self.on_batch_end = on_batch_end
        if on_train_begin is not None:
            self.on_train_begin = on_train_begin
        if on_train_end is not None:
            self.on_train_end = on_train_end


def _flatten(items):
    if isinstance(items, (list, tuple)):
        out = []
        for x in items:
            out.extend(_flatten(x))
        return out
    return [items]


class CallbackList:
    """The callbacks of one fit, evaluate or predict call, each hook called on all of them
    in order with one shared logs dict (so what one adds, the next sees)."""

    __module__ = "keras.src.callbacks"

    def __init__(self, callbacks=None, add_history=False, model=None, **params):
        self.callbacks = _flatten(callbacks) if callbacks else []
        self._history = None
        for cb in self.callbacks:
            if isinstance(cb, History):
                self._history = cb
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        self.model = model
        if model is not None:
            for cb in self.callbacks:
                cb.set_model(model)
        if params:
            for cb in self.callbacks:
                cb.set_params(params)
        self.batch_hooks = any(
            not isinstance(cb, (History, ProgbarLogger)) for cb in self.callbacks
        )

    def _each(self, hook, *args):
        for cb in self.callbacks:
            getattr(cb, hook)(*args)

    def on_train_begin(self, logs=None):
        self._each("on_train_begin", {} if logs is None else dict(logs))

    def on_train_end(self, logs=None):
        self._each("on_train_end", {} if logs is None else dict(logs))

    def on_test_begin(self, logs=None):
        self._each("on_test_begin", {} if logs is None else dict(logs))

    def on_test_end(self, logs=None):
        self._each("on_test_end", {} if logs is None else dict(logs))

    def on_predict_begin(self, logs=None):
        self._each("on_predict_begin", {} if logs is None else dict(logs))

    def on_predict_end(self, logs=None):
        self._each("on_predict_end", {} if logs is None else dict(logs))

    def on_epoch_begin(self, epoch, logs=None):
        self._each("on_epoch_begin", epoch, {} if logs is None else dict(logs))

    def on_epoch_end(self, epoch, logs=None):
        self._each("on_epoch_end", epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._each("on_train_batch_begin", batch, {} if logs is None else dict(logs))

    def on_train_batch_end(self, batch, logs=None):
        self._each("on_train_batch_end", batch, {} if logs is None else dict(logs))

    def on_test_batch_begin(self, batch, logs=None):
        self._each("on_test_batch_begin", batch, {} if logs is None else dict(logs))

    def on_test_batch_end(self, batch, logs=None):
        self._each("on_test_batch_end", batch, {} if logs is None else dict(logs))

    def on_predict_batch_begin(self, batch, logs=None):
        self._each("on_predict_batch_begin", batch, {} if logs is None else dict(logs))

    def on_predict_batch_end(self, batch, logs=None):
        self._each("on_predict_batch_end", batch, {} if logs is None else dict(logs))
