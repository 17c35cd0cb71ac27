import tensorflow as tf
from tensorflow.keras import layers
x = tf.reshape(tf.range(50, dtype=tf.float32), [2, 5, 5, 1]) / 10
x4 = tf.reshape(tf.range(32, dtype=tf.float32), [1, 4, 4, 2]) / 4
x1 = tf.reshape(tf.range(14, dtype=tf.float32), [2, 7, 1]) / 2
mp = layers.MaxPooling2D()
mp(x)
mp.pool_size, mp.strides, mp.padding, mp.data_format, mp.name
mp.get_config()
layers.MaxPooling2D(pool_size=3, strides=2, padding="same")(x)[0, :, :, 0]
layers.MaxPooling2D((2, 3), strides=(1, 2))(x).shape
layers.MaxPooling2D(2, padding="same")(x4)
ap = layers.AveragePooling2D(pool_size=2)
ap(x)
ap.strides, ap.get_config()
layers.AveragePooling2D(pool_size=3, strides=2, padding="same")(x)[1, :, :, 0]
layers.AveragePooling2D(2, strides=1, padding="same")(x4)[0, :, :, 1]
layers.MaxPooling2D().compute_output_shape((None, 7, 7, 3)), layers.AveragePooling2D(3, padding="same").compute_output_shape((4, 7, 8, 2))
m1 = layers.MaxPooling1D()
m1(x1)
m1.pool_size, m1.strides, m1.get_config()
layers.MaxPooling1D(3, strides=2, padding="same")(x1)
layers.AveragePooling1D(pool_size=3, strides=1)(x1)
layers.AveragePooling1D(2, padding="same")(x1)
layers.AveragePooling1D().get_config()
ga = layers.GlobalAveragePooling2D()
ga(x4), ga(x)
layers.GlobalAveragePooling2D(keepdims=True)(x4)
layers.GlobalMaxPooling2D()(x4), layers.GlobalMaxPooling2D(keepdims=True)(x4).shape
ga.get_config(), layers.GlobalMaxPooling2D().get_config()
layers.GlobalAveragePooling1D()(x1), layers.GlobalMaxPooling1D()(x1)
layers.GlobalAveragePooling1D(keepdims=True)(x1), layers.GlobalMaxPooling1D(keepdims=True)(x1).shape
layers.GlobalAveragePooling2D().compute_output_shape((None, 5, 5, 3)), layers.GlobalMaxPooling1D(keepdims=True).compute_output_shape((2, 7, 4))
t = tf.reshape(tf.range(12, dtype=tf.float32), [1, 2, 3, 2])
layers.ZeroPadding2D()(t)[0, :, :, 0]
layers.ZeroPadding2D(padding=(1, 2))(t).shape, layers.ZeroPadding2D(((0, 1), (2, 0)))(t)[0, :, :, 1]
layers.ZeroPadding2D(((1, 0), (0, 2))).get_config(), layers.ZeroPadding2D(1).compute_output_shape((None, 4, 4, 3))
layers.Cropping2D(1)(x)[0, :, :, 0]
layers.Cropping2D(((1, 0), (0, 2)))(x)[1, :, :, 0], layers.Cropping2D(((1, 0), (0, 2))).get_config()
layers.Cropping2D((1, 2)).compute_output_shape((None, 5, 6, 3))
up = layers.UpSampling2D()
up(t)[0, :, :, 0]
up.get_config()
layers.UpSampling2D(size=(1, 3))(t).shape, layers.UpSampling2D(size=(2, 1))(t)[0, :, :, 1]
layers.UpSampling2D(interpolation="bilinear")(t)[0, :, :, 0]
layers.UpSampling2D(size=3, interpolation="bilinear")(tf.constant([[[[0.0], [3.0]]]]))
layers.Reshape((3, 4))(t)
layers.Reshape((-1, 2))(t).shape, layers.Reshape((2, -1, 3))(tf.ones([5, 12])).shape
layers.Reshape((3, 2)).get_config(), layers.Reshape((-1, 4)).compute_output_shape((None, 2, 6))
layers.Permute((2, 1, 3))(t)[0, :, :, 0], layers.Permute((3, 1, 2))(t).shape
layers.Permute((2, 1)).get_config()
rv = layers.RepeatVector(3)
rv(tf.constant([[1.0, 2.0], [3.0, 4.0]]))
rv.get_config(), rv.compute_output_shape((None, 5))
layers.Reshape((5, 5))(t)
layers.Reshape((-1, -1))(t)
layers.Reshape((5, -1))(t)
layers.MaxPooling2D()(tf.ones([4, 4, 1]))
layers.MaxPooling2D(padding="full")
layers.AveragePooling2D(pool_size=0)
layers.MaxPooling2D(6)(x)
layers.AveragePooling2D(2, data_format="channels_first")(tf.reshape(tf.range(16, dtype=tf.float32), [1, 1, 4, 4]))
layers.GlobalAveragePooling2D()(x1)
layers.GlobalMaxPooling1D()(x)
layers.Cropping2D(3)(x)
layers.UpSampling2D(interpolation="cubic")
layers.Permute((1, 3))
layers.Permute((0, 1, 2))
layers.RepeatVector(2)(x1)
layers.ZeroPadding2D((1, 2, 3))
