import tensorflow as tf
import numpy as np
from tensorflow import keras
import io, contextlib, re
def run(f):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        r = f()
    print(re.sub(r"[^\n]*\r", "", re.sub(r"\d+(ms|us|s)\b", "T", buf.getvalue())).strip())
    return r
x = tf.sin(tf.reshape(tf.range(48, dtype=tf.float32), [16, 3]) * 0.9).numpy()
y = (x.sum(axis=1, keepdims=True) * 0.5).astype("float32")
class CustomModel(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
def build(cls, **kw):
    inputs = keras.Input(shape=(3,))
    outputs = keras.layers.Dense(1, kernel_initializer=keras.initializers.Constant(0.3), bias_initializer="zeros")(inputs)
    return cls(inputs, outputs, **kw)
model = build(CustomModel)
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
model.metrics_names
model.metrics
h = run(lambda: model.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h.history.items()}
model.metrics_names
[m.name for m in model.metrics]
[type(m).__name__ for m in model.metrics]
r = run(lambda: model.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=1))
[round(v, 5) for v in r.history['loss']]
[round(w, 5) for w in model.get_weights()[0].reshape(-1).tolist()]
loss_tracker = keras.metrics.Mean(name="loss")
mae_metric = keras.metrics.MeanAbsoluteError(name="mae")
class CustomModel2(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = keras.losses.mean_squared_error(y, y_pred)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        loss_tracker.update_state(loss)
        mae_metric.update_state(y, y_pred)
        return {"loss": loss_tracker.result(), "mae": mae_metric.result()}
    @property
    def metrics(self):
        return [loss_tracker, mae_metric]
m2 = build(CustomModel2)
m2.compile(optimizer=keras.optimizers.SGD(0.02))
[m.name for m in m2.metrics]
m2.metrics_names
h2 = run(lambda: m2.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h2.history.items()}
round(float(loss_tracker.result()), 5)
class CustomModel3(keras.Model):
    def train_step(self, data):
        if len(data) == 3:
            x, y, sample_weight = data
        else:
            sample_weight = None
            x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compiled_loss(y, y_pred, sample_weight=sample_weight, regularization_losses=self.losses)
        trainable_vars = self.trainable_variables
        gradients = tape.gradient(loss, trainable_vars)
        self.optimizer.apply_gradients(zip(gradients, trainable_vars))
        self.compiled_metrics.update_state(y, y_pred, sample_weight=sample_weight)
        return {m.name: m.result() for m in self.metrics}
m3 = build(CustomModel3)
m3.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
sw = tf.linspace(0.0, 1.5, 16).numpy()
h3 = run(lambda: m3.fit(x, y, sample_weight=sw, epochs=2, batch_size=4, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h3.history.items()}
class CustomModel4(keras.Model):
    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        self.compiled_loss(y, y_pred, regularization_losses=self.losses)
        self.compiled_metrics.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
m4 = build(CustomModel4)
m4.compile(loss="mse", metrics=["mae"])
r4 = run(lambda: m4.evaluate(x, y, batch_size=4, verbose=1))
[round(v, 5) for v in r4]
d4 = m4.evaluate(x, y, batch_size=4, verbose=0, return_dict=True)
{k: round(v, 5) for k, v in d4.items()}
class CustomModel5(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(y=y, y_pred=y_pred)
        self.optimizer.minimize(loss, self.trainable_variables, tape=tape)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
m5 = build(CustomModel5)
m5.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse", metrics=["mae"])
m5.metrics
h5 = run(lambda: m5.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h5.history.items()}
m5.metrics_names
class CustomModel6(keras.Model):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = tf.reduce_mean(tf.square(y - y_pred))
        grads = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
        return {"loss": loss, "scale": tf.constant(2.0)}
    def predict_step(self, data):
        return self(data, training=False) * 10.0
m6 = build(CustomModel6, name="six")
m6.compile(optimizer=keras.optimizers.SGD(0.1), run_eagerly=True)
m6.run_eagerly
m6.name
h6 = run(lambda: m6.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=1))
{k: [round(v, 5) for v in vs] for k, vs in h6.history.items()}
h6b = run(lambda: m6.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h6b.history.items()}
[[round(v, 4) for v in r] for r in m6.predict(x[:2], verbose=0).tolist()]
[[round(v, 4) for v in r] for r in m6.predict_on_batch(x[:2]).tolist()]
class CustomModel7(keras.Model):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.dense = keras.layers.Dense(1, kernel_initializer="ones")
        self.loss_tracker = keras.metrics.Mean(name="my_loss")
    def call(self, inputs):
        return self.dense(inputs)
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = tf.reduce_mean(tf.abs(y - y_pred))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        self.loss_tracker.update_state(loss)
        return {"my_loss": self.loss_tracker.result()}
    def test_step(self, data):
        x, y = data
        y_pred = self(x, training=False)
        self.loss_tracker.update_state(tf.reduce_mean(tf.abs(y - y_pred)))
        return {"my_loss": self.loss_tracker.result()}
    @property
    def metrics(self):
        return [self.loss_tracker]
m7 = CustomModel7()
m7.compile(optimizer=keras.optimizers.Adam(0.01))
h7 = run(lambda: m7.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=2, validation_data=(x[:4], y[:4])))
{k: [round(v, 5) for v in vs] for k, vs in h7.history.items()}
[round(v, 5) for v in [m7.evaluate(x, y, batch_size=8, verbose=0)]]
m7.train_on_batch(x[:4], y[:4]) > 0
m7.test_on_batch(x[:4], y[:4], return_dict=True).keys()
class Bad(keras.Model):
    def train_step(self, data):
        return 3
mb = build(Bad)
mb.compile(optimizer="sgd", loss="mse")
mb.fit(x, y, verbose=0)
class Activity(keras.layers.Layer):
    def call(self, inputs):
        self.add_metric(tf.reduce_mean(inputs), name="act_mean")
        return inputs
seq = keras.Sequential([keras.layers.Dense(2, kernel_initializer=keras.initializers.Constant(0.2), input_shape=(3,)), Activity(), keras.layers.Dense(1, kernel_initializer="ones")])
seq.compile(optimizer=keras.optimizers.SGD(0.05), loss="mse")
hs = run(lambda: seq.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in hs.history.items()}
seq.metrics_names
{k: round(v, 5) for k, v in seq.evaluate(x, y, verbose=0, return_dict=True).items()}
[round(v, 5) for v in seq.train_on_batch(x, y)]
class WithMetric(keras.Model):
    def __init__(self):
        super().__init__()
        self.d = keras.layers.Dense(1, kernel_initializer=keras.initializers.Constant(0.3))
    def call(self, inputs):
        out = self.d(inputs)
        self.add_metric(tf.reduce_sum(out), name="out_sum")
        return out
wm = WithMetric()
wm.compile(optimizer=keras.optimizers.SGD(0.05), loss="mae", metrics=["mse"])
hw = run(lambda: wm.fit(x, y, epochs=2, batch_size=16, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in hw.history.items()}
wm.metrics_names
class NoName(keras.layers.Layer):
    def call(self, inputs):
        self.add_metric(tf.reduce_mean(inputs))
        return inputs
NoName()(x)
class SuperStep(keras.Model):
    def train_step(self, data):
        logs = super().train_step(data)
        logs["extra"] = 1.5
        return logs
ss = build(SuperStep)
ss.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse", metrics=["mae"])
hss = run(lambda: ss.fit(x, y, epochs=2, batch_size=8, shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in hss.history.items()}
class Unsup(keras.Model):
    def train_step(self, data):
        with tf.GradientTape() as tape:
            out = self(data, training=True)
            loss = tf.reduce_mean(tf.square(out))
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
        return {"energy": loss}
un = build(Unsup)
un.compile(optimizer=keras.optimizers.SGD(0.1))
hu = run(lambda: un.fit(x, epochs=2, batch_size=16, verbose=2))
[round(v, 5) for v in hu.history["energy"]]
