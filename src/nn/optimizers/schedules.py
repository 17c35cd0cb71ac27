import math
import tensorflow as tf


class LearningRateSchedule:
    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' must override "
            "`__call__(self, step)`."
        )

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{self.__class__.__name__}' must override "
            "`get_config()` in order to be serializable."
        )

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _start(lr):
    lr = tf.convert_to_tensor(lr)
    return lr, lr.dtype


class ExponentialDecay(LearningRateSchedule):
    def __init__(self, initial_learning_rate, decay_steps, decay_rate,
                 staircase=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        frac = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            frac = tf.floor(frac)
        return tf.multiply(lr, tf.pow(tf.cast(self.decay_rate, dtype), frac))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    def __init__(self, boundaries, values, name=None):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                "The length of boundaries should be 1 less than the length of "
                f"values. Received: boundaries={boundaries} of length "
                f"{len(boundaries)}, and values={values} of length {len(values)}."
            )
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        x = tf.convert_to_tensor(step)
        bounds = []
        for b in self.boundaries:
            b = tf.convert_to_tensor(b)
            if b.dtype != x.dtype:
                b = tf.cast(b, x.dtype)
            bounds.append(b)
        values = [tf.convert_to_tensor(v) for v in self.values]
        if bool(x <= bounds[0]):
            return values[0]
        if bool(x > bounds[-1]):
            return values[-1]
        for k in range(len(bounds) - 1):
            if bool(x > bounds[k]) and bool(x <= bounds[k + 1]):
                return values[k + 1]
        return values[0]

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values,
                "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    def __init__(self, initial_learning_rate, decay_steps,
                 end_learning_rate=0.0001, power=1.0, cycle=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        end = tf.cast(self.end_learning_rate, dtype)
        power = tf.cast(self.power, dtype)
        at = tf.cast(step, dtype)
        span = tf.cast(self.decay_steps, dtype)
        if self.cycle:
            if bool(tf.equal(at, 0)):
                times = tf.constant(1.0, dtype)
            else:
                times = tf.math.ceil(at / self.decay_steps)
            span = tf.multiply(span, times)
        else:
            at = tf.minimum(at, span)
        frac = tf.divide(at, span)
        return tf.add(tf.multiply(lr - end, tf.pow(1 - frac, power)), end)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps,
                "end_learning_rate": self.end_learning_rate, "power": self.power,
                "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    def __init__(self, initial_learning_rate, decay_steps, decay_rate,
                 staircase=False, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        frac = tf.cast(step, dtype) / tf.cast(self.decay_steps, dtype)
        if self.staircase:
            frac = tf.floor(frac)
        one = tf.cast(tf.constant(1), dtype)
        return tf.divide(lr, tf.add(one, tf.multiply(tf.cast(self.decay_rate, dtype), frac)))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class CosineDecay(LearningRateSchedule):
    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name=None,
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target

    def _decay(self, at, span, start, dtype):
        frac = at / span
        cosine = 0.5 * (1.0 + tf.cos(tf.constant(math.pi, dtype=dtype) * frac))
        return tf.multiply(start, (1 - self.alpha) * cosine + self.alpha)

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        span = tf.cast(self.decay_steps, dtype)
        at = tf.cast(step, dtype)
        if self.warmup_target is None:
            return self._decay(tf.minimum(at, span), span, lr, dtype)
        target = tf.cast(self.warmup_target, dtype)
        warm = tf.cast(self.warmup_steps, dtype)
        at = tf.minimum(at, span + warm)
        if bool(at < warm):
            return (target - lr) * (at / warm) + lr
        return self._decay(at - warm, span, target, dtype)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha,
                "name": self.name, "warmup_target": self.warmup_target,
                "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0,
                 m_mul=1.0, alpha=0.0, name=None):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name

    def __call__(self, step):
        lr, dtype = _start(self.initial_learning_rate)
        first = tf.cast(self.first_decay_steps, dtype)
        alpha = tf.cast(self.alpha, dtype)
        t_mul = tf.cast(self._t_mul, dtype)
        m_mul = tf.cast(self._m_mul, dtype)
        frac = tf.cast(step, dtype) / first
        if bool(tf.equal(t_mul, 1.0)):
            restart = tf.floor(frac)
            frac = frac - restart
        else:
            restart = tf.floor(
                tf.math.log(1.0 - frac * (1.0 - t_mul)) / tf.math.log(t_mul))
            done = (1.0 - t_mul ** restart) / (1.0 - t_mul)
            frac = (frac - done) / t_mul ** restart
        factor = m_mul ** restart
        cosine = 0.5 * factor * (
            1.0 + tf.cos(tf.constant(math.pi, dtype=dtype) * frac))
        return tf.multiply(lr, (1 - alpha) * cosine + alpha)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}


_BUILT_IN = {
    "ExponentialDecay": ExponentialDecay,
    "PiecewiseConstantDecay": PiecewiseConstantDecay,
    "PolynomialDecay": PolynomialDecay,
    "InverseTimeDecay": InverseTimeDecay,
    "CosineDecay": CosineDecay,
    "CosineDecayRestarts": CosineDecayRestarts,
}


def serialize(learning_rate_schedule, use_legacy_format=False):
    cls = type(learning_rate_schedule)
    if _BUILT_IN.get(cls.__name__) is cls:
        module, registered = "keras.optimizers.schedules", None
    else:
        module, registered = cls.__module__, cls.__name__
    return {"module": module, "class_name": cls.__name__,
            "config": learning_rate_schedule.get_config(),
            "registered_name": registered}


def deserialize(config, custom_objects=None, use_legacy_format=False):
    name = config["class_name"]
    cls = (custom_objects or {}).get(name) or _BUILT_IN.get(name)
    if cls is None:
        raise ValueError(
            f"Unknown decay: '{name}'. Please ensure you are using a "
            "`keras.utils.custom_object_scope` and that this object is included "
            "in the scope. See https://www.tensorflow.org/guide/keras/"
            "save_and_serialize#registering_the_custom_object for details.")
    return cls.from_config(config["config"])
