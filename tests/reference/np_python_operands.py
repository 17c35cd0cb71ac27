# numpy arrays with Python numbers and lists: the other operand converts as numpy converts it (a float keeps every digit).
import numpy as np
np.array([1.0]) * 3.3
np.ones(3, dtype=np.float32) * 3.3
np.ones(2, dtype=np.float32) + [1.5, 2.0]
np.arange(3) + [1, 2, 3]
np.arange(3) * 0.1
0.1 + np.arange(3)
2 ** np.arange(3)
np.arange(3) / 3
np.array([1, 2], dtype=np.int32) + 1
np.array([1, 2], dtype=np.uint8) + 1
np.array([1, 2], dtype=np.uint8) * 1.5
np.array([True, False]) + 1
np.array([True, False]) * 2.5
np.array([0.1, 0.2]) == 0.1
np.array([0.1, 0.2]) > [0.1, 0.15]
