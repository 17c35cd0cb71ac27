import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
x = tf.constant([[1., 2., 3.], [4., 5., 7.]])
x3 = tf.reshape(tf.range(12, dtype=tf.float32), (2, 3, 2))
e = layers.ELU()
e.get_config(), float(e.alpha)
e(tf.constant([-2., -0.5, 0., 1.5]))
layers.ELU(alpha=0.5)(tf.constant([-2., -0.5, 0., 1.5]))
layers.ELU(0.5).get_config()
layers.ELU(alpha=None)
layers.ELU(alpha=-1.)(tf.constant([-1.]))
layers.ELU().compute_output_shape((None, 3))
layers.ELU()(tf.constant([-1, 2]))
p = layers.PReLU()
p.get_config()
p(x - 3.)
[w.name for w in p.weights], [w.shape for w in p.weights], p.count_params()
layers.PReLU(alpha_initializer=tf.keras.initializers.Constant(0.25))(tf.constant([[-4., 2.], [1., -1.]]))
p3 = layers.PReLU(shared_axes=[1])
p3(x3 - 5.), [w.shape for w in p3.weights], p3.get_config()
p4 = layers.PReLU(shared_axes=[1, 2])
p4(x3).shape, [w.shape for w in p4.weights], p4.get_config()["shared_axes"], p4.shared_axes
p5 = layers.PReLU(shared_axes=2)
p5(x3).shape, [w.shape for w in p5.weights], p5.get_config()["shared_axes"], p5.shared_axes
p6 = layers.PReLU()
p6.build((None, 2))
p6.set_weights([np.array([0.1, 0.5])])
p6(tf.constant([[-1., -2.], [3., -4.]])), [w.name for w in p6.weights]
layers.PReLU(alpha_initializer="ones").get_config()["alpha_initializer"]
layers.PReLU().compute_output_shape((None, 3))
g = layers.GaussianNoise(0.1)
g.get_config(), g.stddev
g(x), g(x, training=False), g(x, training=True).shape
gd = layers.GaussianDropout(0.3)
gd.get_config(), gd.rate
gd(x), gd(x, training=True).shape
layers.GaussianDropout(0.)(x, training=True), layers.GaussianNoise(0.)(x, training=True)
type(layers.GaussianDropout(1.5)).__name__
layers.GaussianNoise()
layers.GaussianDropout(1.)(x, training=True)
layers.GaussianNoise(0.5, seed=3).get_config(), layers.GaussianDropout(0.5, seed=3).get_config()
layers.GaussianNoise(0.1).compute_output_shape((None, 3))
layers.GaussianNoise(0.1)(tf.constant([1, 2]), training=True)
layers.GaussianNoise(0.1)(tf.constant([1, 2]))
s1 = layers.SpatialDropout1D(0.5)
s1.get_config(), s1.rate
x3d = tf.ones((2, 4, 3))
s1(x3d)
o = s1(x3d, training=True).numpy()
o.shape, set(o.flatten().tolist()) <= {0.0, 2.0}
all(len(set(o[b, :, c].tolist())) == 1 for b in range(2) for c in range(3))
s1(tf.ones((2, 3)))
s2 = layers.SpatialDropout2D(0.5)
s2.get_config()
o = s2(tf.ones((2, 3, 3, 4)), training=True).numpy()
o.shape, set(o.flatten().tolist()) <= {0.0, 2.0}
all(len(set(o[b, :, :, c].flatten().tolist())) == 1 for b in range(2) for c in range(4))
o = layers.SpatialDropout2D(0.5, data_format="channels_first")(tf.ones((2, 3, 3, 4)), training=True).numpy()
all(len(set(o[b, c].flatten().tolist())) == 1 for b in range(2) for c in range(3))
s2(tf.ones((2, 3)))
layers.SpatialDropout1D(2.)
layers.SpatialDropout2D(0.5, data_format="x")
float(layers.SpatialDropout1D(0.)(x3d, training=True).numpy().sum())
layers.SpatialDropout1D(0.5)(tf.constant([[[1, 2]]]))
lam = layers.Lambda(lambda t: t * 2)
lam(x)
lam.name, lam.weights, lam.count_params(), lam.built
layers.Lambda(lambda t, k: t + k, arguments={"k": 10.})(x)
layers.Lambda(tf.reduce_sum)(x)
layers.Lambda(lambda ts: ts[0] + ts[1])([x, x])
layers.Lambda(lambda t: t * 2).compute_output_shape((None, 3))
layers.Lambda(lambda t: t * 2, output_shape=(4,)).compute_output_shape((None, 3))
layers.Lambda(lambda t: t, name="lll").name
layers.Lambda(lambda t: t / 0 + undefined_name)(x)
layers.Lambda(3)
def f(t, training=None):
    return t if not training else t * 0
layers.Lambda(f)(x, training=True), layers.Lambda(f)(x)
layers.Lambda(lambda t: t)(tf.constant([1, 2])), layers.Lambda(lambda t: t)(np.array([1, 2]))
layers.Lambda(lambda t: t.shape)(x)
layers.Lambda(lambda t: t)(np.array([1.5, 2.5]))
v = tf.Variable([[0.5, -1.5], [-2., 3.]])
with tf.GradientTape(persistent=True) as tape:
    outs = [layers.ELU()(v), layers.ELU(0.5)(v), p6(v), layers.Lambda(lambda t: t ** 2)(v),
            layers.GaussianNoise(0.3)(v), layers.GaussianDropout(0.3)(v),
            layers.SpatialDropout1D(0.5)(tf.reshape(v, (1, 2, 2)))]
    ys = [tf.reduce_sum(o * o) for o in outs]
[tape.gradient(y, v) for y in ys]
tape.gradient(ys[2], p6.alpha)
