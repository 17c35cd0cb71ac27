import tensorflow as tf
import numpy as np
import logging
fs = frozenset([3, 1, 2])
fs
print(fs)
frozenset()
len(fs), 2 in fs, 5 in fs
fs | {7}
fs & frozenset([1, 9])
fs - {1}
fs == {1, 2, 3}
frozenset([1, 2]) == frozenset([2, 1])
hash(frozenset([1, 2])) == hash(frozenset([2, 1]))
d = {frozenset([1, 2]): 'a'}
d[frozenset([2, 1])]
isinstance(fs, frozenset)
type(fs)
sorted(fs)
fs.union([4]), fs.issubset({1, 2, 3, 4}), fs.isdisjoint({8})
hash(frozenset())
hash(frozenset([1, 2, 3]))
logger = tf.get_logger()
logger
logger.name
logger.level
logger.setLevel('ERROR')
logger.level
logger
logger is logging.getLogger('tensorflow')
tf.compat.v1.logging.ERROR
tf.compat.v1.logging.set_verbosity(tf.compat.v1.logging.INFO)
tf.compat.v1.logging.get_verbosity()
tf.autograph.set_verbosity(0)
a = np.array(5)
a
print(a)
type(a)
a.shape, a.ndim
np.array(2.5)
np.array(True)
np.asarray(7)
np.zeros(())
np.ones((), dtype=np.int8)
s = np.sum(np.array([1, 2, 3]))
s
type(s)
a + 1
type(a + 1)
a[()]
np.float32(2.5)
np.array([1.5, 2.5])[0]
np.array(3.0) * np.array(2.0)
np.geterr()
old = np.seterr(all='ignore')
old
np.geterr()
with np.errstate(divide='raise'):
    print(np.geterr()['divide'])
np.geterr()['divide']
np.seterr(**old)
np.geterr()
print(np.finfo(np.float32))
print(np.iinfo(np.int16))
np.finfo(np.float64).eps
np.finfo(float).max
np.iinfo('uint8')
np.dtype('int16')
np.dtype(np.float32).kind, np.dtype('u2').char, np.dtype(float).name
np.float32 == np.dtype('float32')
np.float32
repr(np.int8)
np.array([1, 2], np.int8).dtype == np.int8
complex(1, 2)
complex(3)
complex('1+2j')
complex(' 2.5-1j ')
complex(1, -0.0)
1j * 1j
(1 + 2j).real if False else (1 + 2j) * (3 - 1j)
2j ** 2
abs(3 + 4j)
np.fft.fftfreq(8)
np.fft.fftfreq(5, d=0.1)
np.fft.ifft(np.fft.fft(np.array([1.0, 2.0, 1.0, -1.0])))
np.fft.rfft(np.array([1.0, 0.0, -1.0, 0.0, 2.0]))
tf.signal.irfft(tf.signal.rfft(tf.constant([1.0, 2.0, 3.0, 4.0])))
tf.signal.rfft(tf.constant([1.0, 2.0, 3.0]), fft_length=[4])
