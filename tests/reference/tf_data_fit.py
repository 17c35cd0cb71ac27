# fit, evaluate and predict on tf.data pipelines and Python generators, as Keras reads them.
import tensorflow as tf
import numpy as np
tf.keras.utils.set_random_seed(1)
x = np.random.rand(64, 3).astype("float32")
y = (x[:, 0] > 0.5).astype("float32")
model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid", input_shape=(3,))])
model.compile(optimizer=tf.keras.optimizers.SGD(0.5), loss="binary_crossentropy", metrics=["accuracy"])
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(64).batch(16)
h = model.fit(ds, epochs=3, verbose=0)
print(h.history)
h = model.fit(ds, epochs=2, verbose=0, validation_data=ds)
print(h.history)
def gen():
    for i in range(0, 64, 16):
        yield x[i:i+16], y[i:i+16]
h = model.fit(gen(), epochs=1, verbose=0)
print(h.history)
ds2 = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
h = model.fit(ds2.repeat(), epochs=2, steps_per_epoch=3, verbose=0)
print(h.history)
try:
    model.fit(ds2.repeat(), epochs=1)
except Exception as e:
    print(type(e).__name__, e)
try:
    model.fit(ds2, y, epochs=1)
except Exception as e:
    print(type(e).__name__, e)
try:
    model.fit(ds2, epochs=1, validation_split=0.2, verbose=0)
except Exception as e:
    print(type(e).__name__, e)
try:
    model.fit(gen(), y, epochs=1)
except Exception as e:
    print(type(e).__name__, e)
print(model.evaluate(ds2.filter(lambda a, b: True), verbose=0))
print(model.evaluate(gen(), verbose=0))
print(model.predict(ds2.map(lambda a, b: a), verbose=0).shape)
print(model.predict(gen(), verbose=0).shape)
print(model.evaluate(ds2.repeat(), steps=2, verbose=0))
print(model.evaluate(ds2, return_dict=True, verbose=0))
h = model.fit(ds2.map(lambda a, b: (a, b, tf.ones_like(b))), epochs=1, verbose=0)
print(h.history)
h = model.fit(tf.data.Dataset.from_tensor_slices((x, y)).batch(16).filter(lambda a, b: True), epochs=2, verbose=0)
print(h.history)
h = model.fit(ds2, epochs=1, verbose=0, class_weight={0: 1.0, 1: 3.0})
print(h.history)
tf.keras.utils.set_random_seed(3)
xs = np.random.rand(200, 4).astype("float32")
ys = (xs.sum(axis=1) > 2).astype("int32")
train = tf.data.Dataset.from_tensor_slices((xs, ys)).shuffle(200).batch(32).prefetch(tf.data.AUTOTUNE)
m2 = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu", input_shape=(4,)), tf.keras.layers.Dense(2, activation="softmax")])
m2.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
h = m2.fit(train, epochs=3, verbose=0, validation_data=tf.data.Dataset.from_tensor_slices((xs[:50], ys[:50])).batch(25))
print(h.history)
print(m2.evaluate(train, verbose=0))
