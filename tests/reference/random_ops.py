import tensorflow as tf
tf.random.set_seed(1)
tf.random.normal([2, 3])  # random
tf.random.normal([4], mean=10.0, stddev=0.1, dtype=tf.float64)  # random
tf.random.uniform([3], minval=-2, maxval=2)  # random
tf.random.uniform([2, 2], maxval=10, dtype=tf.int32)  # random
tf.random.uniform([2], dtype=tf.int32)
tf.random.truncated_normal([5])  # random
r = tf.random.shuffle(tf.range(6))
sorted(r.numpy().tolist()), r.shape
x = tf.random.normal([1000])
bool(tf.reduce_all(tf.abs(tf.random.truncated_normal([1000])) <= 2.0))
u = tf.random.uniform([1000], minval=3.0, maxval=4.0)
bool(tf.reduce_all((u >= 3.0) & (u < 4.0))), u.dtype, x.shape
tf.identity(tf.constant([1, 2])), tf.timestamp().dtype, tf.timestamp().shape
logits = tf.random.uniform([1, 10], minval=-2, maxval=2)
print("Logits : ", logits)  # random
print("Sum of probs :", tf.reduce_sum(tf.nn.softmax(logits, axis=1), axis=1))  # random
