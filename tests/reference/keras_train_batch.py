import tensorflow as tf
import numpy as np
import io, contextlib, re
def run(f):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        r = f()
    print(re.sub(r"[^\n]*\r", "", re.sub(r"\d+(ms|us|s)\b", "T", buf.getvalue())).strip())
    return r
x = tf.sin(tf.reshape(tf.range(36, dtype=tf.float32), [12, 3]) * 0.7)
y = tf.cast(tf.reduce_sum(x, axis=1) > 0.0, tf.float32)
def weights(shape, k):
    n = 1
    for d in shape:
        n *= d
    return tf.reshape(tf.cos(tf.range(n, dtype=tf.float32) * k), shape)
def make(metrics=None, loss='binary_crossentropy', opt=None):
    m = tf.keras.Sequential([tf.keras.layers.Dense(4, activation='relu', input_shape=(3,)), tf.keras.layers.Dense(1, activation='sigmoid')])
    m.set_weights([weights([3, 4], 1.3), weights([4], 0.7) * 0.1, weights([4, 1], 2.1), tf.zeros([1])])
    m.compile(optimizer=opt or tf.keras.optimizers.SGD(0.5), loss=loss, metrics=metrics)
    return m
m = make()
r = m.train_on_batch(x, y)
type(r).__name__
round(r, 5)
round(m.train_on_batch(x, y), 5)
round(m.test_on_batch(x, y), 5)
m.metrics_names
m2 = make(['accuracy'])
r2 = m2.train_on_batch(x[:6], y[:6])
type(r2).__name__
[round(v, 5) for v in r2]
m2.metrics_names
d = m2.train_on_batch(x[6:], y[6:], return_dict=True)
sorted(d)
{k: round(v, 5) for k, v in d.items()}
type(d['loss']).__name__
t = m2.test_on_batch(x, y)
[round(v, 5) for v in t]
t2 = m2.test_on_batch(x, y, return_dict=True)
{k: round(v, 5) for k, v in t2.items()}
m2.train_on_batch(x[:4], y[:4], reset_metrics=False)[1]
m2.train_on_batch(x[4:8], y[4:8], reset_metrics=False)[1]
m2.test_on_batch(x[:4], y[:4], reset_metrics=False)[1]
m2.test_on_batch(x[4:8], y[4:8], reset_metrics=False)[1]
m2.test_on_batch(x[4:8], y[4:8])[1]
p = m2.predict_on_batch(x[:3])
type(p).__name__
p.shape
[[round(v, 4) for v in row] for row in p.tolist()]
np.allclose(p, m2.predict(x[:3], verbose=0))
m2.optimizer.iterations.numpy()
sw = tf.constant([1.0, 0.5, 2.0, 0.0, 1.0, 1.0, 0.5, 0.5, 1.0, 3.0, 0.0, 1.0])
m3 = make(['accuracy'])
[round(v, 5) for v in m3.test_on_batch(x, y, sample_weight=sw)]
[round(v, 5) for v in m3.train_on_batch(x, y, sample_weight=sw)]
m4 = make(['accuracy'])
[round(v, 5) for v in m4.train_on_batch(x, y, class_weight={0: 0.25, 1: 2.0})]
[round(v, 5) for v in m4.train_on_batch(x, y, class_weight={0: 1.0, 1: 2.0}, sample_weight=sw)]
m4.train_on_batch(x, y, class_weight={1: 2.0, 2: 1.0})
m5 = make()
h = m5.fit(x, y, batch_size=4, epochs=2, sample_weight=sw, shuffle=False, verbose=0)
[round(v, 5) for v in h.history['loss']]
round(m5.evaluate(x, y, sample_weight=sw, verbose=0), 5)
round(m5.evaluate(x, y, verbose=0), 5)
m6 = make(['accuracy'])
h6 = m6.fit(x, y, batch_size=6, epochs=2, class_weight={0: 3.0, 1: 0.5}, shuffle=False, verbose=0)
{k: [round(v, 5) for v in vs] for k, vs in h6.history.items()}
m7 = make()
h7 = run(lambda: m7.fit(x, y, batch_size=4, epochs=5, initial_epoch=3, shuffle=False, verbose=2))
h7.epoch
h7.params
[round(v, 5) for v in h7.history['loss']]
m7.history is h7
h8 = m7.fit(x, y, batch_size=4, epochs=2, initial_epoch=2, shuffle=False, verbose=0)
h8.epoch
h8.history
m8 = make(['accuracy'])
h9 = run(lambda: m8.fit(x, y, batch_size=3, epochs=4, validation_data=(x[:6], y[:6]), validation_freq=2, shuffle=False, verbose=2))
sorted(h9.history)
len(h9.history['loss']), len(h9.history['val_loss'])
[round(v, 5) for v in h9.history['val_loss']]
h10 = m8.fit(x, y, batch_size=3, epochs=4, validation_split=0.25, validation_freq=[1, 4], shuffle=False, verbose=0)
len(h10.history['val_loss'])
h10.params
m9 = make()
h11 = run(lambda: m9.fit(x, y, batch_size=2, epochs=2, steps_per_epoch=3, shuffle=False, verbose=2))
h11.params
[round(v, 5) for v in h11.history['loss']]
m9.optimizer.iterations.numpy()
m10 = make()
m10.train_on_batch(x, y, sample_weight=sw[:5])
m10.fit(x, y, sample_weight=sw[:5], verbose=0)
m10.fit(x, y, class_weight={0: 1.0, 5: 1.0}, verbose=0)
type(m10.fit(x, y, validation_freq=0, epochs=2, verbose=0)).__name__
m11 = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])
m11.train_on_batch(x, y)
m11.test_on_batch(x, y)
m11.predict_on_batch(x[:1]).shape
m11.history
m12 = make(['accuracy'])
h12 = run(lambda: m12.fit(x, y, batch_size=5, epochs=3, steps_per_epoch=2, validation_split=0.25, validation_freq=[2, 3], shuffle=False, verbose=2))
{k: [round(v, 5) for v in vs] for k, vs in h12.history.items()}
m12.optimizer.iterations.numpy()
r13 = run(lambda: m12.evaluate(x, y, batch_size=12, verbose=1))
[round(v, 5) for v in r13]
r14 = run(lambda: m12.evaluate(x, y, sample_weight=sw, batch_size=12, verbose=2, return_dict=True))
{k: round(v, 5) for k, v in r14.items()}
m13 = make(['accuracy'], loss=tf.keras.losses.BinaryCrossentropy())
[round(v, 5) for v in m13.train_on_batch(x, y, sample_weight=sw)]
[round(v, 5) for v in m13.test_on_batch(x, y, sample_weight=sw)]
y2 = tf.one_hot(tf.cast(y, tf.int32), 2)
m14 = tf.keras.Sequential([tf.keras.layers.Dense(2, activation='softmax', input_shape=(3,))])
m14.set_weights([weights([3, 2], 0.9), tf.zeros([2])])
m14.compile(optimizer=tf.keras.optimizers.SGD(0.3), loss='categorical_crossentropy', metrics=['accuracy'])
[round(v, 5) for v in m14.train_on_batch(x, y2, class_weight={0: 0.5, 1: 1.5})]
h14 = m14.fit(x, y2, batch_size=4, epochs=2, class_weight={0: 2.0, 1: 1.0}, shuffle=False, verbose=0)
[round(v, 5) for v in h14.history['loss']]
m15 = tf.keras.Sequential([tf.keras.layers.Dense(3, input_shape=(3,))])
m15.set_weights([weights([3, 3], 0.4), tf.zeros([3])])
m15.compile(optimizer=tf.keras.optimizers.SGD(0.2), loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
labels = tf.constant([0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2])
round(m15.train_on_batch(x, labels, class_weight={0: 1.0, 1: 0.5, 2: 2.0}), 5)
round(m15.test_on_batch(x, labels), 5)
h15 = m15.fit(x, labels, batch_size=6, epochs=2, sample_weight=sw, class_weight={0: 1.0, 1: 0.5, 2: 2.0}, shuffle=False, verbose=0)
[round(v, 5) for v in h15.history['loss']]
