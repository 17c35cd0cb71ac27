import numpy as np
a = np.array([1.0, np.inf, -np.inf, np.nan, -0.0], dtype=np.float32)
print(np.isposinf(a), np.isneginf(a))
print(np.isposinf(np.array([[np.inf, 2.0], [-np.inf, np.inf]])), np.isneginf(np.arange(3)))
print(np.isposinf(np.inf), np.isneginf(-np.inf), np.isposinf(3))
print(np.isposinf([1.0, float('inf')]), np.isneginf(np.float16(-np.inf)))
print(isinstance(slice(1, 2), slice), isinstance(slice(None), slice), isinstance(3, slice))
