import tensorflow as tf
x = tf.reshape(tf.range(50, dtype=tf.float32), [2, 5, 5, 1]) / 10
x4 = tf.reshape(tf.range(32, dtype=tf.float32), [1, 4, 4, 2]) / 4
tf.nn.max_pool2d(x, ksize=2, strides=2, padding="VALID")
tf.nn.max_pool2d(x, ksize=2, strides=2, padding="SAME")
tf.nn.max_pool2d(x, ksize=3, strides=1, padding="SAME")[0, :, :, 0]
tf.nn.max_pool2d(x, ksize=[2, 3], strides=[1, 2], padding="VALID").shape
tf.nn.max_pool2d(x4, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")
tf.nn.max_pool2d(x4, ksize=3, strides=2, padding="SAME")
tf.nn.avg_pool2d(x, ksize=2, strides=2, padding="VALID")
tf.nn.avg_pool2d(x, ksize=2, strides=2, padding="SAME")
tf.nn.avg_pool2d(x, ksize=3, strides=1, padding="SAME")[1, :, :, 0]
tf.nn.avg_pool2d(tf.ones([1, 5, 5, 1]), ksize=3, strides=2, padding="SAME")
tf.nn.avg_pool2d(tf.ones([1, 4, 4, 1]), ksize=3, strides=2, padding="SAME")
tf.nn.avg_pool2d(x4, ksize=[2, 3], strides=[2, 1], padding="SAME")
tf.nn.avg_pool2d(x4, ksize=4, strides=4, padding="VALID")
tf.nn.max_pool2d(-x4, ksize=3, strides=3, padding="SAME")
tf.nn.max_pool2d(tf.constant([[[[1], [2]], [[3], [4]]]]), ksize=2, strides=1, padding="VALID")
tf.nn.avg_pool2d(tf.ones([1, 3, 3, 1], dtype=tf.float64), 2, 1, "SAME")
x1 = tf.reshape(tf.range(14, dtype=tf.float32), [2, 7, 1]) / 2
tf.nn.max_pool1d(x1, ksize=2, strides=2, padding="VALID")
tf.nn.max_pool1d(x1, ksize=2, strides=2, padding="SAME")
tf.nn.avg_pool1d(x1, ksize=3, strides=2, padding="SAME")
tf.nn.avg_pool1d(x1, ksize=3, strides=1, padding="VALID")
tf.nn.pool(x, window_shape=[2, 2], pooling_type="MAX", strides=[2, 2], padding="VALID")
tf.nn.pool(x, window_shape=[3, 3], pooling_type="AVG", padding="SAME")[0, :, :, 0]
tf.nn.pool(x1, window_shape=[3], pooling_type="MAX", padding="SAME")
tf.nn.pool(x, window_shape=[2, 2], pooling_type="MAX", padding="VALID", dilations=[2, 2]).shape
m = tf.constant([[1.0, 2.0, 3.0], [4.0, 6.0, 8.0]])
tf.nn.moments(m, axes=[0])
tf.nn.moments(m, axes=[1])
tf.nn.moments(m, axes=[0, 1])
tf.nn.moments(m, axes=[1], keepdims=True)
mean, var = tf.nn.moments(x, axes=[0, 1, 2])
mean, var
tf.nn.moments(x4, axes=[1, 2], keepdims=True)
tf.nn.batch_normalization(m, mean=tf.constant([2.0, 4.0, 5.5]), variance=tf.constant([2.25, 4.0, 6.25]), offset=tf.constant([0.0, 1.0, -1.0]), scale=tf.constant([1.0, 2.0, 0.5]), variance_epsilon=1e-3)
tf.nn.batch_normalization(m, 3.0, 4.0, None, None, 0.0)
mu, v = tf.nn.moments(m, axes=[0])
tf.nn.batch_normalization(m, mu, v, None, None, 1e-5)
lx = tf.reshape(tf.range(12, dtype=tf.float32), [1, 1, 2, 6]) / 3
tf.nn.local_response_normalization(lx)
tf.nn.local_response_normalization(lx, depth_radius=1, bias=1.0, alpha=0.5, beta=0.75)
tf.nn.lrn(lx, depth_radius=2, bias=2.0, alpha=1.0, beta=0.5)
t = tf.constant([[[[1.0], [3.0], [3.0]], [[2.0], [0.0], [3.0]], [[1.0], [1.0], [1.0]]]])
with tf.GradientTape() as g:
    g.watch(t)
    y = tf.nn.max_pool2d(t, ksize=2, strides=1, padding="VALID")
g.gradient(y, t)[0, :, :, 0]
with tf.GradientTape() as g:
    g.watch(t)
    y = tf.nn.max_pool2d(t, ksize=3, strides=3, padding="VALID")
g.gradient(y, t)[0, :, :, 0]
with tf.GradientTape() as g:
    g.watch(t)
    y = tf.nn.max_pool2d(t, ksize=2, strides=2, padding="SAME")
g.gradient(y, t)[0, :, :, 0]
with tf.GradientTape() as g:
    g.watch(x)
    y = tf.nn.avg_pool2d(x, ksize=3, strides=2, padding="SAME")
g.gradient(y, x)[0, :, :, 0]
with tf.GradientTape() as g:
    g.watch(x)
    y = tf.nn.avg_pool2d(x, ksize=2, strides=2, padding="VALID")
g.gradient(y, x)[0, :, :, 0]
with tf.GradientTape() as g:
    g.watch(m)
    mm, vv = tf.nn.moments(m, axes=[0])
    s = tf.reduce_sum(vv)
g.gradient(s, m)
tf.nn.max_pool2d(tf.ones([5, 5, 1]), 2, 2, "VALID")
tf.nn.max_pool2d(x, 2, 2, "same")
tf.nn.avg_pool2d(x, 6, 1, "VALID")
tf.nn.avg_pool2d(tf.ones([5, 5, 1]), 2, 2, "VALID")
tf.nn.max_pool2d(x, 0, 1, "VALID")
tf.nn.max_pool2d(x, 2, 0, "VALID")
tf.nn.max_pool2d(x, [2, 2, 2], 1, "VALID")
tf.nn.max_pool2d(x, 2, 2, "VALID", data_format="NCHW")
tf.nn.max_pool1d(x, 2, 2, "VALID")
tf.nn.avg_pool1d(x1, 2, 2, "FULL")
tf.nn.pool(x, window_shape=[2, 2], pooling_type="MIN", padding="VALID")
tf.nn.pool(x, window_shape=[2, 2], pooling_type="MAX", padding="VALID", strides=[2, 2], dilations=[2, 2])
tf.nn.moments(m, axes=[2])
tf.nn.avg_pool2d(tf.ones([1, 2, 2, 1], dtype=tf.int32), 2, 1, "VALID")
tf.nn.local_response_normalization(tf.ones([2, 3]))
