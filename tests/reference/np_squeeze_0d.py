import numpy as np
import math
np.__name__, math.__name__, np.linalg.__name__, np.random.__name__
np.ones((1, 1)).squeeze(), np.squeeze(np.ones((1, 1))), np.ones(1).reshape(())
np.ones((1, 1)).sum(), np.ones(3)[0], np.ones((2, 2))[1, 1]
np.array(5, ndmin=2), np.array([1, 2], ndmin=3).shape, np.array([[1]], ndmin=1)
try:
    raise np.AxisError("axis 3 is out of bounds for array of dimension 2")
except ValueError as e:
    print(type(e).__name__, e)
