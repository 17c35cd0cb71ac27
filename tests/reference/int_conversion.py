import tensorflow as tf
x = tf.constant(1)
x + 2**31
tf.add(x, 2**31)
tf.convert_to_tensor(2**31, dtype=tf.int32)
tf.constant(2**40, dtype=tf.int32)
tf.Variable(2**31, dtype=tf.int32)
tf.constant(3.7e9, dtype=tf.int32)
tf.cast(2**31, tf.int32)
tf.fill([2], 2**31)
tf.constant(256, dtype=tf.uint8)
