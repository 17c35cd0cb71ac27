import tensorflow as tf
import numpy as np
tf.broadcast_to(tf.constant([1, 2, 3]), [2, 3])
tf.broadcast_to(tf.constant([[1.5], [2.5]]), [2, 3])
tf.broadcast_to(tf.constant(7.0), [2, 3])
tf.broadcast_to(tf.reshape(tf.range(3), [1, 3, 1]), [2, 3, 4])
tf.broadcast_to(tf.reshape(tf.range(8.0), [2, 1, 4]), [3, 2, 5, 4])[2, 1]
tf.broadcast_to(tf.constant([True, False]), [3, 2])
tf.broadcast_to(tf.constant([[1, 2]], dtype=tf.int64), [1, 1, 2])
tf.broadcast_to(tf.zeros([0, 1]), [0, 3])
tf.broadcast_to(tf.ones([2, 1]), [2, 0])
tf.broadcast_to(tf.constant([1, 2, 3]), [4, 2])
tf.broadcast_to(tf.ones([2, 3]), [3])
tf.broadcast_to(tf.ones([3]), [3, 3])[::2, 1:]
tf.broadcast_to(tf.transpose(tf.reshape(tf.range(6), [2, 3])), [2, 3, 2])
big = tf.broadcast_to(tf.reshape(tf.range(1000.0), [1000, 1]), [1000, 300])
print(big.shape, float(tf.reduce_sum(big)), float(big[999, 299]), float(big[500, 0]))
big2 = tf.broadcast_to(tf.range(70000.0), [3, 70000])
print(big2.shape, float(tf.reduce_sum(big2[2])), float(big2[1, 69999]))
big3 = tf.broadcast_to(tf.constant(0.25), [70, 1000, 3])
print(float(tf.reduce_sum(big3)), float(big3[69, 999, 2]))
x = tf.random.uniform([64, 16, 16, 8])
with tf.GradientTape() as t:
    t.watch(x)
    loss = tf.reduce_mean(x ** 2)
g = t.gradient(loss, x)
print(g.shape, float(tf.reduce_sum(tf.abs(g - x * (2.0 / 131072)))))
np.broadcast_to(np.arange(3), (2, 3))
