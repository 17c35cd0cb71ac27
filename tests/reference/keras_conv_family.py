import tensorflow as tf
def init(shape, dtype=None):
    n = 1
    for d in shape:
        n *= d
    return tf.reshape(tf.sin(tf.range(n, dtype=tf.float32) * 0.9) * 0.5, shape)
x = tf.reshape(tf.cos(tf.range(2*5*5*3, dtype=tf.float32) * 0.3), [2, 5, 5, 3])
t = tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding='same', kernel_initializer=init, bias_initializer='ones')
y = t(x)
y.shape
y[0, :3, :3, 0]
[w.name for w in t.weights], [w.shape for w in t.weights]
tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding='same', name='ct').get_config()
t.output_padding
tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding='valid', kernel_initializer=init)(x)[1, -2:, -2:, 1]
tf.keras.layers.Conv2DTranspose(4, 3, strides=2, padding='same', output_padding=1, kernel_initializer=init)(x).shape
tf.keras.layers.Conv2DTranspose(4, (2, 3), strides=(2, 1), kernel_initializer=init, activation='relu')(x)[0, :2, :2]
tf.keras.layers.Conv2DTranspose(4, 3, strides=2, output_padding=2)
tf.keras.layers.Conv2DTranspose(2, 3, dilation_rate=2, kernel_initializer=init)(x)[0, 0, :4]
tf.keras.layers.Conv2DTranspose(4, 3)(tf.ones([2, 5, 3]))
tf.keras.layers.Conv2DTranspose(0, 3)
tf.keras.layers.Conv1DTranspose(2, 3, strides=2, kernel_initializer=init)(x[:, 0])
tf.keras.layers.Conv1DTranspose(2, 3, strides=2, padding='same', kernel_initializer=init).compute_output_shape((None, 7, 3))
tf.keras.layers.Conv2DTranspose(8, 4, strides=2, padding='same').compute_output_shape((None, 7, 7, 16))
d = tf.keras.layers.DepthwiseConv2D(3, depth_multiplier=2, padding='same', depthwise_initializer=init)
d(x).shape
d(x)[1, 2, :3]
[w.name for w in d.weights], [w.shape for w in d.weights]
tf.keras.layers.DepthwiseConv2D(3, depth_multiplier=2, name='dc').get_config()
d.depth_multiplier
tf.keras.layers.DepthwiseConv2D((2, 3), strides=2, depthwise_initializer=init, use_bias=False)(x)[0, 0]
tf.keras.layers.DepthwiseConv2D(3, depth_multiplier=0).depth_multiplier
tf.keras.layers.DepthwiseConv2D(3)(tf.ones([2, 5, 3]))
tf.keras.layers.DepthwiseConv1D(3, depthwise_initializer=init)(x[:, 0])
s = tf.keras.layers.SeparableConv2D(5, 3, depth_multiplier=2, depthwise_initializer=init, pointwise_initializer=init, activation='tanh')
s(x).shape
s(x)[0, 1]
[w.name for w in s.weights], [w.shape for w in s.weights]
tf.keras.layers.SeparableConv2D(5, 3, depth_multiplier=2, activation='tanh', name='sc').get_config()
s.count_params()
tf.keras.layers.SeparableConv1D(2, 3, depthwise_initializer=init, pointwise_initializer=init)(x[:, 1])
tf.keras.layers.SeparableConv2D(4, 3, padding='same', strides=2, depthwise_initializer=init, pointwise_initializer=init)(x).shape
m = tf.keras.Sequential([tf.keras.layers.SeparableConv2D(4, 3, input_shape=(5, 5, 3)), tf.keras.layers.Conv2DTranspose(2, 3), tf.keras.layers.DepthwiseConv2D(2)])
m.summary()
with tf.GradientTape() as tape:
    out = tf.reduce_sum(t(x) ** 2) + tf.reduce_sum(d(x) ** 2) + tf.reduce_sum(s(x))
grads = tape.gradient(out, t.trainable_weights + d.trainable_weights + s.trainable_weights)
[g.shape for g in grads]
grads[0][0, 0]
grads[2][1, 1]
grads[5][0, 0, :3]
