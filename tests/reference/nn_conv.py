import tensorflow as tf
x = tf.reshape(tf.range(50, dtype=tf.float32), [2, 5, 5, 1]) / 10
f = tf.reshape(tf.range(9, dtype=tf.float32), [3, 3, 1, 1]) / 4
tf.nn.conv2d(x, f, strides=1, padding="VALID")
tf.nn.conv2d(x, f, strides=1, padding="SAME")
tf.nn.conv2d(x, f, strides=2, padding="SAME")
tf.nn.conv2d(x, f, strides=2, padding="VALID")
tf.nn.conv2d(x, f, strides=[1, 2, 1, 1], padding="SAME").shape
x6 = tf.reshape(tf.range(72, dtype=tf.float32), [1, 6, 6, 2]) / 8
f2 = tf.reshape(tf.range(24, dtype=tf.float32), [2, 2, 2, 3]) / 10
tf.nn.conv2d(x6, f2, strides=2, padding="SAME")
tf.nn.conv2d(x6, f2, strides=1, padding="SAME")[0, :, :, 0]
f3 = tf.reshape(tf.range(18, dtype=tf.float32), [3, 3, 2, 1]) / 10
tf.nn.conv2d(x6, f3, strides=2, padding="SAME")
tf.nn.conv2d(x6, f3, strides=[2, 2], padding="VALID")
tf.nn.conv2d(x, f, strides=1, padding=[[0, 0], [1, 1], [2, 0], [0, 0]])
tf.nn.conv2d(x6, f3, strides=1, padding=[[0, 0], [1, 1], [2, 0], [0, 0]]).shape
tf.nn.conv2d(x6, f3, strides=1, padding="VALID", dilations=2)
tf.nn.conv2d(x6, f3, strides=1, padding="SAME", dilations=2)[0, :, :, 0]
tf.nn.conv2d(x6, f3, strides=1, padding="SAME", dilations=[1, 2, 2, 1]).shape
tf.nn.conv2d(tf.ones([1, 4, 4, 3]), tf.ones([1, 1, 3, 2]), 1, "VALID")
tf.nn.conv2d(tf.ones([2, 3, 4, 1], dtype=tf.float64), tf.ones([2, 2, 1, 1], dtype=tf.float64), 1, "SAME")
x1 = tf.reshape(tf.range(14, dtype=tf.float32), [2, 7, 1]) / 2
k1 = tf.constant([[[1.0, 0.5]], [[0.0, -1.0]], [[2.0, 1.0]]])
tf.nn.conv1d(x1, k1, stride=1, padding="VALID")
tf.nn.conv1d(x1, k1, stride=2, padding="SAME")
tf.nn.conv1d(x1, k1, stride=3, padding="VALID").shape, tf.nn.conv1d(x1, k1, stride=3, padding="SAME").shape
tf.nn.conv1d(x1, k1, stride=1, padding="SAME", dilations=2)
xt = tf.reshape(tf.range(8, dtype=tf.float32), [1, 2, 2, 2]) / 4
ft = tf.reshape(tf.range(18, dtype=tf.float32), [3, 3, 1, 2]) / 10
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 4, 4, 1], strides=2, padding="SAME")
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 5, 5, 1], strides=2, padding="VALID")
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 3, 3, 1], strides=2, padding="SAME")
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 4, 4, 1], strides=1, padding="SAME").shape
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 7, 7, 1], strides=2, padding="VALID")
dw = tf.reshape(tf.range(24, dtype=tf.float32), [2, 2, 2, 3]) / 10
tf.nn.depthwise_conv2d(x6, dw, strides=[1, 1, 1, 1], padding="VALID").shape
tf.nn.depthwise_conv2d(x6, dw, strides=[1, 2, 2, 1], padding="SAME")
tf.nn.depthwise_conv2d(x6, tf.ones([3, 3, 2, 1]), strides=[1, 1, 1, 1], padding="SAME", dilations=[2, 2])[0, :, :, 1]
pw = tf.reshape(tf.range(12, dtype=tf.float32), [1, 1, 6, 2]) / 10
tf.nn.separable_conv2d(x6, dw, pw, strides=[1, 1, 1, 1], padding="VALID")
tf.nn.separable_conv2d(x6, dw, pw, strides=[1, 2, 2, 1], padding="SAME").shape
tf.nn.bias_add(tf.ones([2, 2, 3]), tf.constant([1.0, 2.0, 3.0]))
tf.nn.bias_add(tf.zeros([1, 2]), tf.constant([0.5, -0.5]))
tf.nn.bias_add(tf.ones([2, 3]), tf.constant([1.0, 2.0]))
tf.nn.bias_add(tf.ones([2, 3]), tf.constant([[1.0, 2.0, 3.0]]))
with tf.GradientTape(persistent=True) as g:
    g.watch(x)
    g.watch(f)
    y = tf.nn.conv2d(x, f, strides=1, padding="SAME")
gx, gf = g.gradient(y, [x, f])
gx[0, :, :, 0], gf[:, :, 0, 0]
with tf.GradientTape() as g2:
    g2.watch(x6)
    g2.watch(f3)
    y2 = tf.reduce_sum(tf.nn.conv2d(x6, f3, strides=2, padding="SAME") ** 2)
gx6, gf3 = g2.gradient(y2, [x6, f3])
gx6
gf3
with tf.GradientTape() as g3:
    g3.watch(x6)
    g3.watch(f3)
    y3 = tf.nn.conv2d(x6, f3, strides=1, padding="VALID", dilations=2)
g3.gradient(y3, [x6, f3])
tf.nn.conv2d(tf.ones([1, 2, 4, 4, 1]), tf.ones([2, 2, 1, 1]), 2, "VALID")
tf.nn.conv2d(x6, tf.reshape(tf.range(18, dtype=tf.float32), [3, 3, 1, 2]) / 10, 1, "VALID")
tf.nn.conv2d(x, tf.ones([3, 3, 1]), 1, "VALID")
tf.nn.conv2d(x6, tf.ones([3, 3, 3, 1]), 1, "VALID")
tf.nn.conv2d(x6, f, 1, "VALID")
tf.nn.conv2d(x, f, 1, "same")
tf.nn.conv2d(x, f, 1, "FULL")
tf.nn.conv2d(x, tf.ones([7, 7, 1, 1]), 1, "VALID")
tf.nn.conv1d(tf.ones([1, 3, 1]), tf.ones([5, 1, 1]), 1, "VALID")
tf.nn.conv2d(x, f, 1, "SAME", data_format="NCHW")
tf.nn.conv2d(x, f, strides=[1, 2, 2], padding="SAME")
tf.nn.conv2d(x, f, strides=0, padding="SAME")
tf.nn.conv2d(x, f, 1, [[0, 0], [1, 1], [2, 0]])
tf.nn.conv2d(x, f, 1, "VALID", dilations=0)
tf.nn.conv2d(x, tf.ones([3, 3, 1, 1], dtype=tf.float64), 1, "VALID")
tf.nn.conv2d(tf.ones([1, 3, 3, 1], dtype=tf.int32), tf.ones([2, 2, 1, 1], dtype=tf.int32), 1, "VALID")
tf.nn.conv2d_transpose(xt, ft, output_shape=[1, 9, 9, 1], strides=2, padding="SAME")
tf.nn.depthwise_conv2d(x6, tf.ones([2, 2, 3, 1]), strides=[1, 1, 1, 1], padding="SAME")
tf.nn.separable_conv2d(x6, tf.ones([2, 2, 2, 1]), tf.ones([1, 1, 3, 1]), strides=[1, 1, 1, 1], padding="SAME")
