import tensorflow as tf
from tensorflow.keras import layers
x = tf.reshape(tf.range(50, dtype=tf.float32), [2, 5, 5, 1]) / 10
c = layers.Conv2D(2, 3, kernel_initializer="ones")
y = c(x)
y[0, :, :, 0], y.shape
[w.name for w in c.weights], [w.shape for w in c.weights], c.count_params()
c.filters, c.kernel_size, c.strides, c.padding, c.dilation_rate, c.data_format, c.use_bias, c.name, c.built
c.get_config()
c.bias
c2 = layers.Conv2D(3, (2, 3), strides=2, padding="same", use_bias=False, kernel_initializer="ones")
c2(x)
[w.name for w in c2.weights], c2.count_params(), c2.kernel_size, c2.strides
c3 = layers.Conv2D(1, 3, padding="same", activation="relu", kernel_initializer=tf.keras.initializers.Constant(0.1), bias_initializer=tf.keras.initializers.Constant(-1.0))
c3(x)[0, :, :, 0]
c3.activation.__name__, c3.get_config()["activation"], c3.get_config()["bias_initializer"]
c4 = layers.Conv2D(2, 2, dilation_rate=2, kernel_initializer="ones")
c4(x).shape, c4(x)[1, :, :, 1]
x4 = tf.reshape(tf.range(64, dtype=tf.float32), [1, 4, 4, 4]) / 16
c5 = layers.Conv2D(2, 1, groups=2, kernel_initializer="ones", bias_initializer="ones")
c5(x4)
[w.shape for w in c5.weights], c5.count_params(), c5.groups
c6 = layers.Conv2D(2, 3)
c6.build((None, 5, 5, 1))
c6.set_weights([tf.reshape(tf.range(18, dtype=tf.float32), [3, 3, 1, 2]) / 10, tf.constant([0.5, -0.5])])
c6(x)
c6.kernel.shape, c6.bias.numpy(), c6.name
layers.Conv2D(4, 3, input_shape=(8, 8, 1)).name, layers.Conv2D(4, 3, name="my_conv").name
c1 = layers.Conv1D(2, 3, kernel_initializer="ones")
x1 = tf.reshape(tf.range(14, dtype=tf.float32), [2, 7, 1]) / 2
c1(x1)
[w.name for w in c1.weights], c1.kernel_size, c1.strides, c1.count_params()
cc = layers.Conv1D(1, 3, padding="causal", kernel_initializer="ones", use_bias=False)
cc(x1)
layers.Conv1D(1, 2, padding="causal", dilation_rate=2, kernel_initializer="ones", use_bias=False)(x1)
layers.Conv1D(2, 3, strides=2, padding="same", kernel_initializer="ones")(x1).shape
cc.get_config()
ct = layers.Conv2DTranspose(1, 3, strides=2, padding="same", kernel_initializer="ones")
xt = tf.reshape(tf.range(8, dtype=tf.float32), [1, 2, 2, 2]) / 4
ct(xt)
[w.name for w in ct.weights], [w.shape for w in ct.weights], ct.count_params()
layers.Conv2DTranspose(2, 3, strides=2, padding="valid", kernel_initializer="ones")(xt).shape
layers.Conv2DTranspose(1, 2, strides=2, kernel_initializer="ones", use_bias=False)(xt)
layers.Conv2DTranspose(1, 3, strides=2, padding="same", output_padding=1, kernel_initializer="ones")(xt).shape
ct.get_config()
dw = layers.DepthwiseConv2D(2, depth_multiplier=2, depthwise_initializer="ones")
dw(x4).shape, dw(x4)[0, :, :, 0]
[w.name for w in dw.weights], [w.shape for w in dw.weights], dw.count_params()
dw.get_config()
sc = layers.SeparableConv2D(3, 2, depthwise_initializer="ones", pointwise_initializer=tf.keras.initializers.Constant(0.5))
sc(x4)
[w.name for w in sc.weights], [w.shape for w in sc.weights], sc.count_params()
sc.get_config()
c3d = layers.Conv3D(2, 2, kernel_initializer="ones")
c3d(tf.ones([1, 3, 3, 3, 1])).shape, [w.shape for w in c3d.weights], c3d.count_params()
layers.Conv3D(1, (1, 2, 2), strides=(1, 2, 2), padding="same", kernel_initializer="ones")(tf.reshape(tf.range(16, dtype=tf.float32), [1, 1, 4, 4, 1]))
model = tf.keras.Sequential([layers.Conv2D(4, 3, input_shape=(8, 8, 1)), layers.MaxPooling2D(), layers.Flatten(), layers.Dense(10)])
model.summary()
model.output_shape, model.count_params(), [l.name for l in model.layers]
[w.shape for w in model.weights]
layers.Conv2D(2, 3)(tf.ones([5, 5, 1]))
layers.Conv2D(2, 3, padding="foo")
layers.Conv2D(0, 3)
layers.Conv2D(2, 0)
layers.Conv2D(2, 3, data_format="channels_first", kernel_initializer="ones")(tf.reshape(tf.range(25, dtype=tf.float32), [1, 1, 5, 5]))
layers.Conv2D(2, 3)(tf.ones([1, 2, 2, 1]))
layers.Conv2D(3, 3, groups=2)(tf.ones([1, 5, 5, 4]))
layers.Conv1D(1, 2, padding="causal", strides=2)(x1).shape
layers.Conv2D(1, 3, padding="causal")
c(tf.ones([1, 5, 5, 3]))
