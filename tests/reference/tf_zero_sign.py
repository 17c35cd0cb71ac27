import tensorflow as tf
import numpy as np
x = -0.0
print(tf.constant(x))
print(tf.constant(0.0))
print(tf.constant(x, dtype=tf.float64))
print(tf.constant(0.0, dtype=tf.float64))
print(tf.constant(0, dtype=tf.float16), tf.constant(-0.0, dtype=tf.float16))
print(tf.constant(x) + 0)
print(tf.ones([2]) * x)
print(tf.ones([2]) * 0.0)
print(np.array(-0.0), np.float64(-0.0), np.array([0.0, -0.0]))
print(np.array(0.0), np.array(-0.0))
print(tf.constant([-0.0, 0.0]))
