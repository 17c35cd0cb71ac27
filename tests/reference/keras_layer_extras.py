import tensorflow as tf
tf.keras.layers.Concatenate().compute_output_shape([(None, 3), (None, 4)])
tf.keras.layers.Add().compute_output_shape([(None, 3), (None, 3)])
tf.keras.layers.Dot(axes=1).compute_output_shape([(None, 3), (None, 3)])
tf.keras.layers.Concatenate(axis=1).compute_output_shape([[2, 3], [2, 4]])
tf.keras.layers.Add().compute_output_shape([tf.TensorShape([None, 3]), tf.TensorShape([None, 3])])
tf.keras.layers.Multiply().compute_output_shape([(None, 2, 5), (None, 2, 5)])
tf.keras.layers.Average().compute_output_shape([(4, 6), (4, 6), (4, 6)])
tf.keras.layers.Subtract().compute_output_shape([(None, 7), (None, 7)])
l3 = tf.keras.layers.Conv3D(4, 2, groups=2, kernel_initializer='ones')
l3(tf.ones([1, 3, 3, 3, 4])).shape
l3(tf.ones([1, 3, 3, 3, 4]))[0, 0, 0, 0]
l3.kernel.shape
l3.get_config()['groups']
x = tf.reshape(tf.range(2 * 5 * 5 * 3, dtype=tf.float32), [2, 5, 5, 3]) / 10.0
k = tf.reshape(tf.range(3 * 3 * 3 * 2, dtype=tf.float32), [3, 3, 3, 2]) / 7.0
tf.nn.depthwise_conv2d(x, k, strides=[1, 1, 1, 1], padding='SAME')[0, :2]
tf.nn.depthwise_conv2d(x, k, strides=[1, 2, 2, 1], padding='VALID')[1]
tf.nn.depthwise_conv2d(x, k, strides=[1, 1, 1, 1], padding='SAME', dilations=[2, 2])[1, 1]
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    tape.watch(k)
    y = tf.nn.depthwise_conv2d(x, k, strides=[1, 1, 1, 1], padding='SAME')
    s = tf.reduce_sum(y * y) / 100.0
tape.gradient(s, k)[1]
tape.gradient(s, x)[0, 2]
dw = tf.keras.layers.DepthwiseConv2D(3, depth_multiplier=2, padding='same', depthwise_initializer=tf.keras.initializers.Constant(0.5))
dw(x)[1, 4]
w = tf.reshape(tf.range(4 * 4 * 3 * 5, dtype=tf.float32), [4, 4, 3, 5]) / 50.0
with tf.GradientTape() as tape:
    tape.watch(x)
    y = tf.nn.conv2d(x, w, strides=2, padding='SAME')
    s = tf.reduce_sum(tf.sin(y))
tape.gradient(s, x)[1, 3]
w1 = tf.reshape(tf.range(3 * 4, dtype=tf.float32), [1, 1, 3, 4]) / 5.0
tf.nn.conv2d(x, w1, strides=1, padding='VALID')[0, 1]
with tf.GradientTape() as tape:
    tape.watch(w1)
    s = tf.reduce_sum(tf.nn.conv2d(x, w1, strides=1, padding='VALID') ** 2)
tape.gradient(s, w1)
mp = tf.nn.max_pool2d(x, 2, 2, 'SAME')
mp[1]
with tf.GradientTape() as tape:
    tape.watch(x)
    s = tf.reduce_sum(tf.nn.max_pool2d(x, 3, 2, 'SAME') * tf.nn.max_pool2d(x, 3, 2, 'SAME'))
tape.gradient(s, x)[0, :, :, 1]
with tf.GradientTape() as tape:
    tape.watch(x)
    s = tf.reduce_sum(tf.nn.avg_pool2d(x, 3, 1, 'SAME') ** 2)
tape.gradient(s, x)[1, 2]
tf.nn.avg_pool2d(tf.cast(x, tf.float64), 2, 1, 'VALID')[0, 0]
tf.nn.max_pool2d(tf.cast(x * 10, tf.int32), 2, 2, 'VALID')[1]
