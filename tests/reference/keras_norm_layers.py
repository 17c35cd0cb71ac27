import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
x = tf.constant([[1., 2., 3.], [4., 5., 7.]])
x3 = tf.reshape(tf.range(12, dtype=tf.float32), (2, 3, 2))
r = layers.Rescaling(1 / 255.)
r.get_config(), r.scale, r.offset
r(x)
r2 = layers.Rescaling(2.0, offset=-1)
r2.get_config(), r2(x), r2(tf.constant([1, 2]))
layers.Rescaling([1., 2., 3.], offset=[0., 1., 2.])(x)
layers.Rescaling([1., 2., 3.]).get_config()
layers.Rescaling(2).get_config()
layers.Rescaling()
r2.count_params(), r2.built, r2.weights
layers.Rescaling(0.5)(np.array([[2, 4]])), layers.Rescaling(0.5)(tf.constant([[2., 4.]], dtype=tf.float64))
layers.experimental.preprocessing.Rescaling is layers.Rescaling
n = layers.Normalization()
n.get_config()
n.adapt(np.array([[1., 2.], [3., 4.], [5., 9.]]))
n.get_config()
n.mean, n.variance, n.count
[w.name for w in n.weights], n.count_params(), n.built, n.trainable_weights
n.get_weights()
n(tf.constant([[1., 2.], [3., 4.]]))
n.adapt_mean, n.adapt_variance
n.adapt(tf.constant([[1., 2.], [3., 4.]]))
n.mean, n.variance, n.count
n.adapt([[1., 2.], [3., 6.]])
n.mean
n2 = layers.Normalization(axis=None)
n2.adapt(np.array([[1., 2.], [3., 4.]]))
n2.mean, n2.variance, n2.get_config(), [w.shape for w in n2.weights]
n2(tf.constant([[1., 2.], [3., 4.]]))
n3 = layers.Normalization(mean=2.0, variance=4.0)
n3.get_config(), n3.weights
n3(tf.constant([[1., 2.], [3., 4.]]))
n3.mean, n3.variance, n3.count_params()
layers.Normalization(mean=[1., 2.], variance=[1., 4.])(tf.constant([[1., 2.], [3., 4.]]))
layers.Normalization(mean=[1., 2.], variance=[1., 4.]).get_config()
layers.Normalization(mean=[1., 2.], variance=[1., 4.], invert=True)(tf.constant([[1., 2.], [3., 4.]]))
layers.Normalization(mean=1.0)
layers.Normalization(variance=1.0)
n6 = layers.Normalization(axis=1)
n6.adapt(np.arange(24, dtype="float32").reshape(2, 3, 4))
n6.mean, n6.variance, n6.count
n6b = layers.Normalization(axis=(1, 2))
n6b.adapt(np.arange(24, dtype="float32").reshape(2, 3, 4))
n6b.mean.shape, n6b.get_config()["axis"]
n7 = layers.Normalization()
n7(tf.constant([[1., 2.]]))
n7.weights
layers.Normalization(variance=[0., 4.], mean=[1., 1.])(tf.constant([[1., 2.], [3., 4.]]))
n10 = layers.Normalization(invert=True)
n10.adapt(np.array([[1., 2.], [3., 4.], [5., 9.]]))
n10(tf.constant([[0., 1.]])), n10.get_config()
n12 = layers.Normalization()
n12.build((None, 3))
n12.mean, n12.variance, n12.count, n12.weights
n12(tf.constant([[1., 2., 3.]]))
n13 = layers.Normalization()
n13.adapt(np.array([[1, 2], [3, 4]]))
n13.mean
n13.adapt(np.array([[5., 5.]]))
n13.mean, n13.variance, n13.count
layers.Normalization(axis=-1).axis, layers.Normalization(axis=None).axis, layers.Normalization(axis=(0, 1)).axis
big = layers.Normalization()
big.adapt(np.arange(200, dtype="float32").reshape(50, 4) ** 1.5)
big.mean, big.variance, big.count
layers.Normalization().mean
ln = layers.LayerNormalization()
ln.get_config()
ln(x)
[w.name for w in ln.weights], ln.count_params(), ln.axis, ln.epsilon, ln.get_config()["axis"]
ln2 = layers.LayerNormalization(axis=[1, 2], epsilon=1e-5, center=False)
ln2(x3), [w.shape for w in ln2.weights], ln2.get_config()
ln3 = layers.LayerNormalization(axis=1)
ln3(x3), [w.shape for w in ln3.weights], ln3.axis
ln4 = layers.LayerNormalization(scale=False, center=False)
ln4(x), ln4.weights
layers.LayerNormalization(beta_initializer="ones", gamma_initializer=tf.keras.initializers.Constant(2.))(x)
ln6 = layers.LayerNormalization()
ln6.build((None, 3))
ln6.set_weights([np.array([1., 2., 3.]), np.array([0., 1., 0.])])
ln6(x), ln6.axis, [w.name for w in ln6.weights]
layers.LayerNormalization(axis=3)(x)
layers.LayerNormalization(axis=-3)(x)
layers.LayerNormalization(axis="a")
layers.LayerNormalization(axis=-1).axis, layers.LayerNormalization(axis=(1,)).axis
layers.LayerNormalization()(tf.constant([[1., 1., 1.]]))
ln7 = layers.LayerNormalization(axis=-2)
ln7(tf.ones((2, 3, 4))).shape, ln7.axis, [w.shape for w in ln7.weights]
layers.LayerNormalization(gamma_initializer="zeros").get_config()["gamma_initializer"]
bn = layers.BatchNormalization()
bn.axis, bn.get_config()["axis"]
x4 = tf.reshape(tf.range(24, dtype=tf.float32), (2, 2, 3, 2)) / 10.
bn(x4, training=True)
bn.axis, bn.get_config()["axis"]
bn.moving_mean, bn.moving_variance
bn2 = layers.BatchNormalization()
bn2(tf.constant([[1., 2.], [3., 5.], [0., 1.]]), training=True)
bn2.moving_mean, bn2.moving_variance, bn2.axis
bn3 = layers.BatchNormalization(axis=1)
bn3.axis, bn3.get_config()["axis"]
bn3(x4, training=True)
bn3.axis, bn3.moving_variance
layers.BatchNormalization(axis=[1, 3]).axis
bn5 = layers.BatchNormalization()
bn5(x3 / 10., training=True)
bn5.moving_variance, bn5.axis
bn6 = layers.BatchNormalization()
bn6.build((None, 2, 3, 2))
bn6.axis, bn6.get_config()["axis"]
layers.BatchNormalization().get_config()
bn7 = layers.BatchNormalization(momentum=0.5, epsilon=0.01)
bn7(x4, training=True)
bn7(x4, training=True)
bn7.moving_mean, bn7.moving_variance
bn7(x4)
pn = layers.Normalization()
pn.adapt(np.array([[1., 2.], [3., 4.], [5., 9.]]))
pm = tf.keras.Sequential([tf.keras.Input(shape=(2,)), pn, layers.Dense(1, kernel_initializer="ones")])
pm(np.array([[1., 2.]])), pn.mean, pm.count_params()
