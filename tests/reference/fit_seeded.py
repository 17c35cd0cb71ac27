import numpy as np
import tensorflow as tf
tf.keras.utils.set_random_seed(1)
x = np.arange(10.).reshape(10, 1).astype('float32') / 10
y = x * 2 + 1
model = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(1,))])
model.compile(tf.keras.optimizers.SGD(0.5), 'mse')
model.layers[0].kernel
h = model.fit(x, y, epochs=3, batch_size=4, verbose=0)
[round(v, 4) for v in h.history['loss']]
tf.random.set_seed(5)
h = model.fit(x, y, epochs=2, batch_size=3, verbose=0)
[round(v, 4) for v in h.history['loss']]
tf.random.set_seed(0)
h = model.fit(x, y, epochs=2, batch_size=5, verbose=0)
[round(v, 4) for v in h.history['loss']]
h = model.fit(x, y, epochs=2, batch_size=5, verbose=0, shuffle=False)
[round(v, 4) for v in h.history['loss']]
tf.keras.utils.set_random_seed(7)
xs = np.linspace(-1, 1, 40).reshape(20, 2).astype('float32')
ys = (xs[:, :1] * 3 - xs[:, 1:] + 0.5).astype('float32')
net = tf.keras.Sequential([tf.keras.layers.Dense(4, activation='tanh', input_shape=(2,)), tf.keras.layers.Dense(1)])
net.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss='mse')
hist = net.fit(xs, ys, epochs=4, batch_size=6, verbose=0)
[round(v, 4) for v in hist.history['loss']]
net.layers[0].kernel.numpy().round(4)
hist = net.fit(xs, ys, epochs=3, batch_size=6, verbose=0, validation_split=0.25)
[round(v, 4) for v in hist.history['val_loss']]
tf.random.set_seed(1)
xd = np.linspace(0, 1, 12).reshape(4, 3).astype('float32')
yd = np.ones((4, 1), 'float32')
dm = tf.keras.Sequential([tf.keras.layers.Dense(3, kernel_initializer='ones', input_shape=(3,)), tf.keras.layers.Dropout(0.5), tf.keras.layers.Dense(1, kernel_initializer='ones')])
dm.compile(tf.keras.optimizers.SGD(0.01), 'mse')
[round(v, 4) for v in dm.fit(xd, yd, epochs=3, batch_size=4, verbose=0, shuffle=False).history['loss']]
[round(v, 4) for v in dm.fit(xd, yd, epochs=2, batch_size=4, verbose=0, shuffle=False).history['loss']]
round(float(dm.train_on_batch(xd, yd)), 4)
tf.random.uniform([2])
tf.random.set_seed(1)
[round(v, 4) for v in dm.fit(xd, yd, epochs=2, batch_size=2, verbose=0, shuffle=False).history['loss']]
tf.random.set_seed(3)
dm.compile(tf.keras.optimizers.SGD(0.01), 'mse')
[round(v, 4) for v in dm.fit(xd, yd, epochs=2, batch_size=3, verbose=0).history['loss']]
tf.random.normal([2])
