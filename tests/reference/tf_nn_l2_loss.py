import tensorflow as tf
tf.nn.l2_loss(tf.constant([1.0, 2.0, 3.0]))
tf.nn.l2_loss(tf.constant([[1.5, -2.0], [0.25, 3.0]], tf.float64))
tf.nn.l2_loss([1.0, 2.0])
tf.nn.l2_loss(tf.constant(3.0))
tf.nn.l2_loss(tf.constant([1, 2]))
v = tf.Variable([1.0, -2.0])
with tf.GradientTape() as g:
    l = tf.nn.l2_loss(v * 3.0)
g.gradient(l, v)
tf.nn.l2_loss(tf.random.stateless_normal([1000], seed=[1, 2]))
