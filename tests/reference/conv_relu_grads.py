import tensorflow as tf
import numpy as np
tf.keras.utils.set_random_seed(3)
# relu's gradient: a product by one or zero, so the sign of zero and NaN survive
y = tf.constant([-1.0, 0.0, 2.0, -0.0, 3.0, -2.0])
with tf.GradientTape() as t:
    t.watch(y)
    r = tf.nn.relu(y)
g = t.gradient(r, y, output_gradients=tf.constant([-1.0, -2.0, 3.0, np.nan, np.nan, -np.inf]))
g
print(1.0 / g[:2])
x64 = tf.constant([[-1.0, 0.5], [2.0, -3.0]], dtype=tf.float64)
with tf.GradientTape() as t:
    t.watch(x64)
    r = tf.nn.relu(x64) * tf.constant([[2.0, 3.0], [4.0, 5.0]], dtype=tf.float64)
t.gradient(r, x64)
# second derivative through relu's gradient
x = tf.constant([-1.0, 0.5, 2.0])
with tf.GradientTape() as outer:
    outer.watch(x)
    with tf.GradientTape() as inner:
        inner.watch(x)
        r = tf.reduce_sum(tf.nn.relu(x) ** 2)
    dx = inner.gradient(r, x)
dx
outer.gradient(dx, x)
# Conv2D with relu: output and gradients, valid and same padding, strides
x = tf.random.uniform([2, 7, 6, 3], -1, 1)
for pad, s in [('valid', 1), ('same', 1), ('same', 2), ('valid', 2)]:
    layer = tf.keras.layers.Conv2D(4, 3, strides=s, padding=pad, activation='relu', kernel_initializer='ones', bias_initializer=tf.keras.initializers.Constant(-1.5))
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        out = layer(x)
        loss = tf.reduce_sum(out * out)
    print(pad, s, out.shape, float(tf.reduce_sum(out)), int(tf.math.count_nonzero(out)))
    gx, gk, gb = t.gradient(loss, [x, layer.kernel, layer.bias])
    print(gx.shape, np.round(gx.numpy()[0, :, :, 0], 3))
    print(np.round(gk.numpy()[:, :, 0, 0], 3), np.round(gb.numpy(), 3))
# a one-channel input, as the first layer of an MNIST model
x1 = tf.constant(np.arange(2 * 5 * 5, dtype=np.float32).reshape(2, 5, 5, 1) / 10 - 2)
c1 = tf.keras.layers.Conv2D(2, 3, activation='relu', kernel_initializer='ones')
with tf.GradientTape() as t:
    t.watch(x1)
    o = c1(x1)
o[0, :, :, 0]
gx, gk = t.gradient(o, [x1, c1.kernel])
gx[1, :, :, 0]
gk[:, :, 0, 0]
# pooling gradients: odd sizes leave rows and columns in no window
p = tf.constant(np.arange(2 * 5 * 7 * 2, dtype=np.float32).reshape(2, 5, 7, 2) % 11)
for pool in [tf.keras.layers.MaxPooling2D(), tf.keras.layers.AveragePooling2D(), tf.keras.layers.MaxPooling2D(3, 2), tf.keras.layers.MaxPooling2D(2, padding='same'), tf.keras.layers.AveragePooling2D(2, 1)]:
    with tf.GradientTape() as t:
        t.watch(p)
        q = pool(p)
        loss = tf.reduce_sum(q * tf.range(1.0, 1.0 + tf.cast(tf.size(q), tf.float32))[:, None][:tf.size(q)].numpy().reshape(q.shape))
    gp = t.gradient(loss, p)
    print(q.shape, gp[1, :, :, 1].numpy())
# a small CNN trained two steps: its weights and loss
model = tf.keras.Sequential([tf.keras.layers.Conv2D(3, 3, activation='relu', input_shape=(8, 8, 1), kernel_initializer='glorot_uniform'), tf.keras.layers.MaxPooling2D(), tf.keras.layers.Conv2D(4, 2, activation='relu'), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3)])
xs = tf.random.uniform([6, 8, 8, 1])
ys = tf.constant([0, 1, 2, 0, 1, 2])
model.compile(optimizer=tf.keras.optimizers.SGD(0.1), loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
h = model.fit(xs, ys, epochs=2, batch_size=3, shuffle=False, verbose=0)
[round(v, 4) for v in h.history['loss']]
np.round(model.layers[0].bias.numpy(), 4)
np.round(model.layers[2].kernel.numpy()[0, 0, :, 0], 4)
# Conv1D and a depthwise convolution with relu
s1 = tf.random.uniform([2, 9, 3], -1, 1)
c1d = tf.keras.layers.Conv1D(2, 3, padding='same', activation='relu')
with tf.GradientTape() as t:
    t.watch(s1)
    o = c1d(s1)
np.round(t.gradient(o, s1).numpy()[0], 4)
dw = tf.keras.layers.DepthwiseConv2D(3, padding='same', activation='relu', depthwise_initializer='ones')
with tf.GradientTape() as t:
    t.watch(x)
    o = dw(x)
np.round(t.gradient(o, x).numpy()[0, :3, :3, 0], 3)
