# np.set_printoptions / get_printoptions / printoptions shaping numpy arrays and TF tensors alike.
import numpy as np
import tensorflow as tf
np.get_printoptions()
x = np.array([1.23456789, 2.5, -0.000123])
x
np.set_printoptions(precision=3)
x
print(x)
np.get_printoptions()['precision']
tf.constant([1.23456, 2.0])
print(tf.constant([1.23456, 2.0]))
np.array([1e-8, 1.0])
np.set_printoptions(suppress=True)
np.array([1e-8, 1.0, 1234.5])
print(tf.constant([1e-8, 1.0]))
np.set_printoptions(precision=8, suppress=False)
np.set_printoptions(threshold=5)
np.arange(10)
np.arange(4)
print(tf.range(10))
np.set_printoptions(edgeitems=2)
np.arange(10)
np.arange(30).reshape(6, 5)
np.set_printoptions(threshold=1000, edgeitems=3)
np.set_printoptions(linewidth=30)
np.arange(20)
print(np.arange(20.0))
np.set_printoptions(linewidth=75)
np.set_printoptions(floatmode='fixed', precision=4)
np.array([1.0, 2.5])
np.set_printoptions(floatmode='unique')
np.array([1.0, 0.1234567891234])
np.set_printoptions(floatmode='maxprec_equal', precision=3)
np.array([1.0, 2.5, 3.14159])
np.set_printoptions(floatmode='maxprec', precision=8)
np.array([1.0, 2.5, 3.14159])
np.set_printoptions(sign='+')
np.array([1.0, -2.5])
np.arange(3)
np.set_printoptions(sign=' ')
np.array([1.0, 2.5])
np.array([1.0, np.nan, np.inf])
np.set_printoptions(sign='+')
np.array([1.0, np.nan, np.inf])
np.set_printoptions(sign='-', nanstr='NaN', infstr='Inf')
np.array([1.0, np.nan, -np.inf])
np.set_printoptions(nanstr='nan', infstr='inf')
np.set_printoptions(linewidth=40)
np.arange(12, dtype=np.float32) / 7
np.set_printoptions(linewidth=75)
import sys
np.set_printoptions(threshold=sys.maxsize)
np.get_printoptions()['threshold']
np.arange(1200).reshape(2, 600)[:, -3:]
np.set_printoptions(threshold=np.inf)
np.get_printoptions()['threshold']
np.set_printoptions(threshold=1000)
with np.printoptions(edgeitems=1, threshold=2) as opts:
    print(opts['edgeitems'], np.arange(5))
    print(tf.reshape(tf.range(12), (3, 4)))
np.arange(5)
np.set_printoptions(formatter=None)
np.array([1.25, 2.0])
with np.printoptions(precision=2, suppress=True):
    print(np.array([3.14159, 1e-9]))
    print(np.get_printoptions()['precision'])
np.array([3.14159, 1e-9])
np.get_printoptions()['precision']
np.set_printoptions(precision=2)
np.float64(3.14159)
tf.constant(3.14159)
tf.Variable([1.23456, 2.0])
np.array([3.14159, np.nan, -np.inf])
print(np.array([3.14159]))
np.set_printoptions()
np.array([3.14159])
np.set_printoptions(precision=8)
try:
    np.set_printoptions(floatmode='weird')
except ValueError as e:
    print(e)
try:
    np.set_printoptions(sign='x')
except ValueError as e:
    print(e)
try:
    np.set_printoptions(threshold='a')
except TypeError as e:
    print(e)
try:
    np.set_printoptions(precision='a')
except TypeError as e:
    print(e)
try:
    np.set_printoptions(bogus=1)
except TypeError as e:
    print(e)
np.get_printoptions()
