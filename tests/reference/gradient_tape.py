import tensorflow as tf
x = tf.constant(3.0)
with tf.GradientTape() as t2:
    t2.watch(x)
    with tf.GradientTape() as t1:
        t1.watch(x)
        y = x ** 3
    dy = t1.gradient(y, x)
d2 = t2.gradient(dy, x)
print(dy, d2)
v = tf.Variable([1.0, 2.0, 3.0])
with tf.GradientTape() as t:
    z = tf.reduce_sum(v * v)
    w = v * 2.0
t.gradient(z, v)
with tf.GradientTape(persistent=True) as t:
    a = v * v
    b = tf.reduce_sum(a)
t.gradient(b, v)
t.gradient(a, v)
t.gradient([a, b], v)
t.gradient(a, v, output_gradients=tf.constant([1.0, 0.0, -1.0]))
t.gradient(b, [v, x])
t.gradient(b, {'v': v, 'x': x})
t.gradient(b, x, unconnected_gradients=tf.UnconnectedGradients.ZERO)
t.jacobian(a, v)
del t
nt = tf.Variable(2.0, trainable=False)
with tf.GradientTape() as t:
    q = nt * nt
print(t.gradient(q, nt))
with tf.GradientTape(watch_accessed_variables=False) as t:
    q = v * v
print(t.gradient(q, v))
with tf.GradientTape(watch_accessed_variables=False) as t:
    t.watch(v)
    q = tf.reduce_sum(v ** 2)
t.gradient(q, v)
with tf.GradientTape() as t:
    t.watch(x)
    with t.stop_recording():
        s = x * x
    r = x * s
t.gradient(r, x)
with tf.GradientTape() as t:
    t.watch(x)
t.gradient(x, x)
m = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as t:
    out = tf.reduce_sum(tf.nn.softmax(m) * tf.constant([[1.0, 0.0], [0.0, 2.0]]))
t.gradient(out, m)
with tf.GradientTape() as t:
    e = tf.reduce_mean(tf.keras.losses.sparse_categorical_crossentropy([1, 0], m, from_logits=True))
t.gradient(e, m)
with tf.GradientTape() as t:
    g = tf.reduce_sum(m[0] * m[:, 1])
t.gradient(g, m)
layer = tf.keras.layers.Dense(2, kernel_initializer='ones', bias_initializer='zeros')
xin = tf.constant([[1.0, -2.0, 0.5]])
with tf.GradientTape() as t:
    o = tf.reduce_sum(layer(xin) ** 2)
grads = t.gradient(o, layer.trainable_variables)
grads
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.where(x > 2.0, x * x, x)
t.gradient(y, x)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.math.maximum(x, 3.0)
t.gradient(y, x)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.abs(x - 3.0)
t.gradient(y, x)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.sqrt(x - 3.0)
t.gradient(y, x)
with tf.GradientTape() as t:
    t.watch(x)
    y = tf.nn.relu(x - 3.0)
t.gradient(y, x)
with tf.GradientTape() as t:
    y = x * x
t.gradient(y, x)
t.gradient(y, x)
