# Python side effects of dataset functions: printed once, when TensorFlow would trace the function, not per element.
import tensorflow as tf
def f(x):
    print("tracing")
    return x * 2
ds = tf.data.Dataset.range(3).map(f)
print(list(ds.as_numpy_iterator()))
print(list(ds.as_numpy_iterator()))
def g(s, x):
    print("reducing")
    return s + x
print(tf.data.Dataset.range(4).reduce(tf.constant(0, tf.int64), g))
def keep(x):
    print("filter")
    return x > 1
print(list(tf.data.Dataset.range(4).filter(keep).as_numpy_iterator()))
print(list(tf.data.Dataset.range(2).batch(2).map(lambda v: v + 1).as_numpy_iterator()))
