import numpy as np
import tensorflow as tf
a = np.array([1, 2, 3], dtype=np.int32)
print(a & 1, a | 4, a ^ 2, ~a, a << 1, a >> 1)
print(np.array([True, False]) & np.array([True, True]))
print(np.bitwise_and(a, 6), np.bitwise_or(a, 8), np.bitwise_xor(a, 3), np.invert(a), np.left_shift(a, 2), np.right_shift(a, 1))
print(np.invert(np.array([True, False])), np.bitwise_not(np.uint8(5)))
print(np.gcd(12, 18), np.lcm(np.array([4, 6]), 10))
x = tf.constant([1, 2, 3])
print(x & 1)
print(x | 4, x ^ 2, ~x)
try:
    x << 1
except TypeError as e:
    print(e)
try:
    np.array([1.0]) & 1
except TypeError as e:
    print(e)
try:
    ~np.array([1.5])
except TypeError as e:
    print(e)
~np.uint8(5), ~np.array([5], dtype=np.uint16), np.array([-8]) >> 1, np.array([1], np.uint8) << 9, np.array([3], np.int8) << 7
np.array([-8], np.int16) >> 20, np.array([255], np.uint8) >> 3, np.array([6, 3]) & np.array([[3], [5]])
a & True, a | np.int64(8)
np.lcm(-4, 6), np.gcd(np.array([0, 7, -14]), 21)
flags = np.array([0b1010, 0b0110], dtype=np.uint8)
(flags >> 1) & 1
