import numpy as np
import tensorflow as tf
a = np.array([0.1, 1.5, 65504, -2.25], dtype=np.float16)
a
print(a)
a.itemsize
a.nbytes
a.tolist()
np.array([[1.5, 0.1], [1000, 2e-5]], np.float16)
print(np.array([[1.5, 0.1], [1000, 2e-5]], np.float16))
np.array([1e-8, 6e-8], np.float16)
np.float16(0.1)
print(np.float16(0.1))
float(np.float16(0.1))
str(np.float16(1 / 3))
np.float16(0.1) == 0.1
with np.errstate(all='ignore'):
    print(np.array([65504.0, 70000.0]).astype(np.float16))
with np.errstate(all='ignore'):
    print(np.float16(65504) * np.float16(2))
i8 = np.array([100, -100, 27], dtype=np.int8)
i8
print(i8)
i8 + i8
i8 // np.int8(7)
np.array([-7, 7], np.int8) % np.array([2, -2], np.int8)
i8 / np.int8(7)
np.negative(np.array([-128], np.int8))
np.array([1, 200], np.uint8) - np.array([2, 100], np.uint8)
print(np.array([[1, -2], [300, 4]], np.int16))
u16 = np.array([1, 65535, 40000], dtype=np.uint16)
u16
u16 + np.uint16(1)
np.array([1, 4294967295], np.uint32)
np.array([1, 18446744073709551615], np.uint64)
print(np.array([1, 18446744073709551615], np.uint64))
np.array([300, -1, 128]).astype(np.int8)
np.array([300.7, -1.5]).astype(np.uint8)
np.array([-1, 70000]).astype(np.uint16)
np.array([-1]).astype(np.uint64)
np.array([1.5, 2.75, -2.75], np.float16).astype(np.int8)
np.array([0.1, 0.2], np.float16).astype(np.float32)
np.array([0.1, 0.2], np.float16).astype(np.float64)
np.array([1, 2], np.int8) + np.array([1, 2], np.int16)
np.array([1, 2], np.int8) + 200
np.array([1, 2], np.int8) + 100
np.array([1, 2], np.uint8) + (-1)
np.array([1, 2], np.uint8) + 300
np.array([1.0], np.float16) + np.array([1.0], np.float32)
np.array([1], np.int8) + np.array([1.5], np.float16)
np.array([1], np.int16) + np.array([1.5], np.float16)
np.array([1], np.uint64) + np.array([1], np.int64)
np.array([1], np.uint64) + 1
np.uint64(1) + 1
np.array([1], np.float16) * 1.5
np.array([7, 9], np.int16) / 2
np.array([1], np.int8) + np.int16(1)
np.int8(1) + np.int16(1)
type(np.int8(1) + 1)
np.float16(1) + 1.0
type(np.float16(1) + 1.0)
np.int8(3) / np.int8(2)
with np.errstate(all='ignore'):
    print(np.int8(127) + np.int8(1))
with np.errstate(all='ignore'):
    print(np.uint8(0) - np.uint8(1))
np.result_type(np.int8, np.uint8)
np.result_type(np.uint64, np.int64)
np.result_type(np.int16, np.float16)
np.promote_types('uint32', 'int8')
np.iinfo(np.int8)
np.iinfo(np.int16).max
np.iinfo(np.uint32).max
np.iinfo(np.uint64).max
np.iinfo(np.uint64)
np.iinfo(np.int8).bits
np.finfo(np.float16)
np.finfo(np.float16).eps
np.finfo(np.float16).max
np.finfo(np.float16).tiny
np.finfo(np.float16).resolution
np.array([100, 100], np.int8).sum()
np.array([100, 100], np.int8).sum().dtype
np.array([100, 100], np.uint16).sum().dtype
np.array([100, 100], np.int8).mean()
np.array([1.5, 2.5], np.float16).mean()
np.array([1.5, 2.5], np.float16).sum().dtype
np.array([100, 100], np.int8).cumsum()
np.exp(np.array([1, 2], np.int8))
np.exp(np.array([1, 2], np.int16))
np.sqrt(np.array([4, 9], np.uint8))
np.arange(5, dtype=np.int8)
np.zeros(3, np.float16)
np.dtype('float16')
np.dtype(np.int8).name
np.array([255], np.uint8).view(np.int8)
tf.constant(np.array([1, 2, -3], np.int16))
tf.constant(np.array([1, 2], np.uint64))
tf.constant(np.array([0.1, 70.5], np.float16))
np.array(tf.constant([1.5, 0.1], tf.float16))
tf.constant([1, 2], tf.int8).numpy().dtype
np.array(tf.constant([[1, 2]], tf.uint16)) + 1
