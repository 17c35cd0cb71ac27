# Allocations no machine can make: each op and Python object fails at once with the
# reference's error (TensorFlow's ResourceExhaustedError with the op's kernel and name,
# numpy's and Python's MemoryError), before anything is allocated, and the session goes on.
import tensorflow as tf
import numpy as np
x = tf.ones([10**6])
tf.concat([x]*(10**6), 0)
tf.stack([x]*(10**6))
tf.where(tf.ones([10**6, 1]) > 0, tf.ones([1, 10**6]), 0.)
tf.gather(x, tf.zeros([10**12], tf.int32))
tf.gather(tf.ones([10, 10**6]), tf.zeros([10**6], tf.int32))
np.ones([10**6, 10**6])
np.zeros([10**6, 10**6])
tf.matmul(tf.ones([10**6, 1]), tf.ones([1, 10**6]))
tf.random.normal([10**6, 10**6])
tf.random.uniform([10**6, 10**6])
tf.random.truncated_normal([10**13])
tf.random.uniform([10**13], maxval=5, dtype=tf.int32)
tf.tile(x, [10**6])
tf.pad(x, [[0, 10**12]])
tf.broadcast_to(x, [10**6, 10**6])
tf.one_hot(tf.zeros([10**6], tf.int32), 10**6)
x[:, None] + x[None, :]
tf.math.maximum(tf.ones([10**7, 1]), tf.ones([1, 10**7]))
tf.range(10**13)
tf.eye(10**7)
tf.scatter_nd(tf.constant([[0]], tf.int64), [1.0], tf.constant([10**13], tf.int64))
tf.math.bincount([10**12])
tf.sequence_mask([10**13])
tf.zeros([10**13])
tf.fill([10**13], 1.0)
np.ones(10**6)[:, None] + np.ones(10**6)[None, :]
np.ones(10**6)[:, None] * np.ones(10**6)
np.linspace(0, 1, 10**13)
np.arange(10**13)
[0] * 10**13
list(range(10**18))
'a'.center(10**13)
f'{1:>{10**13}}'
'ab' * 10**13
b'ab' * 10**13
(1,) * 10**13
bytearray(10**13)
'x'.ljust(10**13)
'x'.zfill(10**13)
'{:>{}}'.format(1, 10**13)
'%*d' % (10**13, 1)
'a\tb'.expandtabs(10**13)
print('alive')
# numpy's @ with vectors, nested format fields and `*` widths, next to the cases above.
np.ones(3) @ np.ones(3)
np.arange(3) @ np.arange(3)
np.arange(6).reshape(2, 3) @ np.arange(3)
np.arange(3) @ np.arange(12).reshape(3, 4)
np.ones(3) @ np.ones(4)
np.ones((2, 3)) @ np.ones((2, 3))
np.ones(()) @ np.ones(3)
'{:>{}}|{:{}{}}|{}'.format(1, 5, 2, '<', 4, 3)
'%*d|%-*d|%.*f|%*.*f|%*s|' % (5, 1, 4, 2, 2, 3.14159, 8, 3, 2.5, -4, 'a')
'%*d' % ('a', 1)
'a\tbc\td'.expandtabs(3)
tf.zeros([2, 0, 3]).numpy().tolist()
tf.zeros([2, 3, 0]).numpy().tolist()
tf.reshape(tf.range(8), [2, 1, 2, 2]).numpy().tolist()
(tf.range(4, dtype=tf.float32) / 3).numpy().tolist()
