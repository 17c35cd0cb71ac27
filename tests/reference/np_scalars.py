# numpy's scalar types called as constructors: np.float32(2.5) and friends.
import numpy as np
a = np.float32(2.5)
a
print(a, type(a).__name__)
print(np.float64(2), np.int64(3.7), np.int32(-3.7))
print(np.int64(7) // 2, np.float32(0.1) + np.float32(0.2))
print(np.float32([1, 2]))
np.float32([1, 2])
np.int64([1.9, -1.9])
print(np.uint8(200), np.bool_(1))
print(np.float32("1.5"), np.int64("12"))
print(np.float32(), np.int64())
print(float(np.float32(2.5)) == 2.5, int(np.int64(9)) + 1)
print(np.float32(3.0).dtype, np.int32(3).dtype)
x = np.float64(0.1) * 3
x
print(np.float32(2.5).item(), round(float(np.float64(1 / 3)), 4))
try:
    np.float32("abc")
except ValueError as e:
    print(e)
