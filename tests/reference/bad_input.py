# The bad-input reproducers of the robustness work, as single statements with TF's and
# Python's answers: wrong error classes, values where the reference raises, panics that must
# be errors. Budget, pipe and terminal cases are in tests/robustness.rs and tests/cli.rs.
import tensorflow as tf
import numpy as np
tf.zeros([-1, 2])
tf.ones([-1, 2])
tf.fill([-1, 2], 3.0)
tf.random.normal([-1, 2])
tf.random.uniform([-1, 2])
tf.eye(-1)
tf.random.uniform([2], minval=5, maxval=5, dtype=tf.int32)
tf.random.uniform([2], minval=6, maxval=5, dtype=tf.int32)
tf.math.top_k(tf.constant([1.0, 2.0]), k=-1)
tf.range(float('nan'))
tf.range(0., float('inf'))
tf.keras.layers.Dense('a')
tf.reduce_mean(tf.ones([2, 3]), axis=[0, 0])
tf.one_hot([1, 2], depth=-3)
tf.linspace(0., 1., num=-5)
np.zeros([-3])
np.ones([-3, 2])
tf.keras.layers.Dropout(1.5)
tf.keras.layers.Dropout(-1)
tf.keras.layers.Flatten()(tf.constant(1.0))
hash(tf.constant(1.0))
tf.eye(3, batch_shape=[2])
tf.eye(2, 3, batch_shape=[2, 1])
abs(-2**63)
len("\ud800")
'ab' * 2**62
np.zeros([2**40, 2**40])
tf.reverse(tf.ones([2]), [3])
(-9223372036854775807-1) // -1
(-9223372036854775807-1) % -1
tf.constant(-2**31) // -1
tf.constant(-2**63) // -1
tf.constant(-2**31, tf.int32) % -1
tf.math.erf(0.)
tf.math.erf([float('inf'), float('-inf'), 0.0, -0.0])
tf.nn.gelu(tf.constant([0.0, 1.0, -1.0]))
d = {}; d[0] = d; print(d)
a = []; a.append(a); print(a, a == a)
print(repr(d), str(a))
t = (1, [2]); t[1].append(t); print(t)
try:
    raise ValueError('x') from 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    with tf.GradientTape() as g:
        g.watch(5)
except Exception as e:
    print(type(e).__name__)
m = tf.keras.Sequential([tf.keras.layers.Dense(2)])
try:
    m.weights[0]
except Exception as e:
    print(type(e).__name__, e)
m.compile(loss='mse', optimizer='sgd')
try:
    m.fit(np.zeros([0, 3]), np.zeros([0, 2]), verbose=0)
except Exception as e:
    print(type(e).__name__)
try:
    m.fit(np.zeros([4, 3]), np.zeros([4, 2]), batch_size=-3, verbose=0)
except Exception as e:
    print(type(e).__name__)
try:
    m.fit(np.zeros([4, 3]), np.zeros([4, 2]), validation_split=-0.5, verbose=0)
except Exception as e:
    print(type(e).__name__)
try:
    m.fit(np.zeros([4, 3]), np.zeros([4, 5]), verbose=0)
except Exception as e:
    print(type(e).__name__)
try:
    m.predict(np.zeros([0, 3]), verbose=0)
except Exception as e:
    print(type(e).__name__)
