# Elementwise kernels whose digits depend on TensorFlow's exact formulas, and Python's
# repr of floats that lie exactly between two shortest candidates.
import tensorflow as tf
import numpy as np

x = tf.concat([tf.random.normal([3000], stddev=8.0, seed=3), tf.constant([float('nan'), float('inf'), -float('inf'), -13.9, -13.95, 13.9, 13.95, 0.0, -0.0, 1e-8, 88.0, -88.0, -104.0, -200.0, 20.0, -20.0])], 0)
y32 = tf.nn.softplus(x).numpy()
[float(v) for v in y32[:200]]
[float(v) for v in y32[1000:1200]]
[float(v) for v in y32[-24:]]
y64 = tf.nn.softplus(tf.cast(x, tf.float64)).numpy()
[float(v) for v in y64[:200]]
[float(v) for v in y64[-24:]]
y16 = tf.nn.softplus(tf.cast(x, tf.float16)).numpy()
[float(v) for v in y16[:300]]
[float(v) for v in y16[-24:]]
yb = tf.nn.softplus(tf.cast(x, tf.bfloat16))
[float(v) for v in tf.cast(yb, tf.float32).numpy()[:300]]
tf.nn.softplus(tf.constant([5.25390625, 4.0, 6.0, 7.0, 7.5, 8.0, -4.0, -7.5, -8.0, 1.0], tf.float16))
tf.nn.softplus(tf.constant([4.0, 2.8, 2.9, -2.8, -2.9, 1.0], tf.bfloat16))
tf.math.softplus(tf.constant([[1.0, 2.0], [-30.0, 50.0]]))
tf.keras.activations.softplus(tf.constant([-1.0, 0.5, 3.0]))
tf.keras.layers.Activation('softplus')(tf.constant([[-2.0, 0.0, 2.0]]))
tf.exp(tf.constant([float('nan'), float('inf'), -float('inf'), 88.7, 88.8, -104.5, -87.3, 0.5]))
tf.exp(tf.constant([float('nan'), float('inf'), -float('inf'), 709.0, 710.0, -745.5, 0.5], tf.float64))
tf.exp(tf.constant([float('nan')] * 9))
tf.sigmoid(tf.constant([float('nan')] * 9))
e = tf.exp(tf.random.normal([5000], stddev=20.0, seed=1)).numpy()
[float(v) for v in e[:100]]
np.isfinite(np.array([1.0, np.nan, np.inf, -np.inf]))
np.isfinite(np.array([1, 2, 3]))
np.isfinite(e).sum()
np.isfinite(1.5)
21.0432281494140625
[21.0432281494140625, 0.0625, 2.5]
np.float64(21.0432281494140625)
repr(np.float32(21.043228149414062))
float(np.float32(21.043228149414062))
4.1000000000000005e-05
