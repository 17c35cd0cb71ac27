import numpy as np
print(np.arange(0, -9, 1, dtype='int32'), np.arange(5, 2), np.arange(0, -3, -1), np.arange(3, 3.0))
r = np.arange(2.0, 1.0)
print(r, r.dtype, r.shape, np.arange(0, -3, 1).dtype, np.arange(-2).shape)
np.arange(0, 5, 0)
np.arange(0, float('nan'))
print(np.arange(10, 0, -3), np.arange(0, 1, 0.25), np.arange(1, 2, 0.5, dtype=np.float32))
