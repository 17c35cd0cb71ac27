import tensorflow as tf
x = tf.Variable([-1.0, 0.5, 2.0, 7.0])
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = tf.reduce_sum(tf.nn.relu(x) * x)
    g = t1.gradient(y, x)
print(g)
print(t2.gradient(g, x))
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = tf.nn.relu(x)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))
with tf.GradientTape() as t2:
    with tf.GradientTape() as t1:
        y = tf.nn.relu6(x)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))
with tf.GradientTape(persistent=True) as t2:
    with tf.GradientTape() as t1:
        y = tf.reduce_sum(tf.keras.activations.relu(x) ** 2)
    g = t1.gradient(y, x)
print(g, t2.gradient(g, x))
