import numpy as np
import tensorflow as tf
x = np.float64(1.5)
type(x).__name__, type(x).__module__
type(np.array(1.0)).__name__, type(np.array([1])).__module__
type(np.zeros(3).sum()).__name__, type(np.arange(3)[0]).__name__
type(3).__name__, type(3).__module__, type("s").__name__, type([]).__module__
type(tf.constant(1.0)).__name__
isinstance(np.array(1.0), np.ndarray), isinstance(np.float32(2), np.ndarray)
isinstance(np.zeros((2, 2)).sum(), np.ndarray), isinstance(np.zeros(2), np.ndarray)
np.isscalar(np.float64(1.0)), np.isscalar(np.array(1.0)), np.isscalar(np.zeros(3)[0])
np.isscalar(1), np.isscalar(None), np.isscalar([1])
for idx in np.ndindex(2, 3):
    print(idx)
list(np.ndindex((2, 2)))
for i, v in np.ndenumerate(np.array([[1, 2], [3, 4]])):
    print(i, v)
