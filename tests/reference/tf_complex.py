import tensorflow as tf
import numpy as np
z = tf.complex(tf.constant([1.0, 2.0]), tf.constant([3.0, -4.0]))
z
print(z)
z.numpy()
tf.complex(tf.constant(1.5, tf.float64), tf.constant(-0.5, tf.float64))
c = tf.constant([1 + 2j, 3 - 1j])
c
print(c)
c.dtype
tf.constant(1 + 2j)
tf.constant(2j)
tf.constant([[1 + 1j, 0], [0, 1 - 1j]])
tf.constant([1 + 2j], dtype=tf.complex64)
tf.cast(c, tf.complex64)
tf.cast(tf.constant([1.0, -2.5]), tf.complex64)
tf.math.real(z)
tf.math.imag(z)
tf.math.conj(z)
tf.math.angle(z)
tf.abs(z)
tf.math.imag(tf.constant(5.0))
z + z
z * z
z / tf.complex(tf.constant([1.0, 1.0]), tf.constant([1.0, 1.0]))
z - tf.constant(1, tf.complex64)
c * 2
c + 1j
z * tf.constant(2.0)
-z
tf.reduce_sum(z)
tf.reduce_mean(c)
tf.reduce_prod(c)
m = tf.constant([[1 + 1j, 2], [0, 1j]], dtype=tf.complex64)
m
tf.matmul(m, m)
tf.linalg.adjoint(m)
tf.exp(tf.constant(1j * np.pi))
tf.sqrt(tf.constant(-4 + 0j))
tf.abs(tf.constant(3 + 4j))
tf.signal.fft(tf.constant([1, 2, 3, 4], dtype=tf.complex64))
tf.signal.ifft(tf.signal.fft(tf.constant([1, 2, 3, 4], dtype=tf.complex64)))
tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0]))
tf.complex64.is_complex
tf.complex128.real_dtype
tf.complex64.name
complex(tf.constant(1 + 2j))
try:
    tf.complex(tf.constant([1.0]), tf.constant([1.0], tf.float64))
except Exception as e:
    print(type(e).__name__)
try:
    tf.constant([1 + 2j]) + tf.constant([1 + 2j], tf.complex64)
except Exception as e:
    print(type(e).__name__, e)
n = np.array([1 + 2j, 3 - 1j])
n
print(n)
n * n
n / 2
n.real
np.conj(n)
np.abs(n)
np.angle(n)
n.astype(np.complex64)
np.array([[1 + 1j, 0], [0, -1j]])
print(np.array([[1.5 + 1j, 0], [0, -1j]]))
np.array([0.1 + 0.2j], np.complex64)
np.fft.fft(np.array([1.0, 2.0, 3.0, 4.0]))
(1 + 2j) * (3 - 1j)
complex(1, -0.0)
