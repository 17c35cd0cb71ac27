# Keras runs fit, evaluate and predict steps as tf.functions: the Python of a subclassed
# model (its call, its own train_step/test_step/predict_step) runs when a step is traced,
# with the batch dimension None when batches differ in size, twice on a first call that
# makes variables; run_eagerly=True runs it on every batch.
import tensorflow as tf
import numpy as np
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d1 = tf.keras.layers.Dense(4, activation='relu')
        self.drop = tf.keras.layers.Dropout(0.5)
        self.d2 = tf.keras.layers.Dense(1)
    def call(self, x, training=None):
        print("call", x.shape, training, tf.executing_eagerly())
        h = self.d1(x)
        h = self.drop(h, training=training)
        return self.d2(h)
x = np.random.rand(32, 3).astype(np.float32); y = np.random.rand(32, 1).astype(np.float32)
m = M()
m.compile(optimizer='adam', loss='mse', metrics=['mae'])
h = m.fit(x, y, batch_size=8, epochs=3, verbose=0, validation_split=0.25)
print(sorted(h.history.keys()), len(h.history['loss']))
h = m.fit(x, y, batch_size=8, epochs=1, verbose=0)
print("again")
m.compile(optimizer='adam', loss='mse')
h = m.fit(x, y, batch_size=10, epochs=1, verbose=0)
print(m.predict(x[:5], verbose=0).shape)
print(m.predict(x[:5], verbose=0).shape)
print(m.predict(x[:7], verbose=0).shape)
r = m.evaluate(x, y, verbose=0)
print(type(r).__name__)
ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(8)
h = m.fit(ds, epochs=2, verbose=0)
print(m.train_function is not None, m.test_function is not None)
class N(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(2)
    def call(self, x):
        print("N.call", x.shape)
        return self.d(x)
    def test_step(self, data):
        x, y = data
        print("test_step", x.shape)
        y_pred = self(x, training=False)
        self.compiled_loss(y, y_pred)
        return {m.name: m.result() for m in self.metrics}
    def predict_step(self, data):
        print("predict_step")
        return self(data, training=False) * 10.0
n = N()
n.compile(optimizer='sgd', loss='mse', run_eagerly=False)
h = n.fit(x, np.zeros((32, 2), np.float32), batch_size=16, epochs=2, verbose=0)
print(n.evaluate(x, np.zeros((32, 2), np.float32), batch_size=16, verbose=0) >= 0)
print(n.predict(x, batch_size=16, verbose=0).shape)
n.compile(optimizer='sgd', loss='mse', run_eagerly=True)
h = n.fit(x, np.zeros((32, 2), np.float32), batch_size=16, epochs=1, verbose=0)
print(n.train_on_batch(x[:3], np.zeros((3, 2), np.float32)) >= 0)
n2 = N()
n2.compile(optimizer='sgd', loss='mse')
print(n2.train_on_batch(x[:3], np.zeros((3, 2), np.float32)) >= 0)
print(n2.train_on_batch(x[:3], np.zeros((3, 2), np.float32)) >= 0)
print(n2.test_on_batch(x[:3], np.zeros((3, 2), np.float32)) >= 0)
m3 = M()
_ = m3(x[:2])
m3.compile(optimizer='sgd', loss='mse', metrics=['mae'])
print(type(m3.evaluate(x, y, batch_size=16, verbose=0)).__name__)
print(type(m3.evaluate(x, y, batch_size=16, verbose=0)).__name__)
h = m3.fit(x, y, batch_size=16, epochs=1, verbose=0)
opt = tf.keras.optimizers.SGD()
m3.compile(optimizer=opt, loss='mse')
h = m3.fit(x, y, batch_size=16, epochs=1, verbose=0)
m3.compile(optimizer=opt, loss='mse')
h = m3.fit(x, y, batch_size=16, epochs=1, verbose=0)
print("done")
