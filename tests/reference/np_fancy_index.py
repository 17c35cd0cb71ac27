# numpy advanced indexing when reading arrays: integer arrays and lists, broadcast, mixed with slices.
import numpy as np
a = np.arange(10) * 2
print(a[np.array([1, 3])])
print(a[[0, 2, -1]])
print(a[a > 5])
b = np.arange(12).reshape(3, 4)
print(b[[0, 2]])
print(b[:, [1, 3]])
print(b[b % 2 == 0])
print(b[[0, 1, 2], [3, 2, 1]])
print(b[1, [0, 2]])
print(b[[[0], [2]], [1, 3]])
print(b[np.array([[0, 1], [1, 2]])].shape)
c = np.arange(24).reshape(2, 3, 4)
print(c[:, [0, 2], :].shape, c[:, [0, 2]].sum())
print(c[[0, 1], :, [1, 2]])
print(c[..., [0, 3]].shape)
print(c[[1], 1:, ::2])
print(c[np.array([True, False])].shape)
print(c[0, np.array([True, False, True])])
idx = np.random.RandomState(0).permutation(10)
print(idx, a[idx])
x = np.arange(20.0).reshape(10, 2)
y = np.arange(10)
perm = np.array([3, 1, 4, 1, 5])
print(x[perm], y[perm])
print(x[perm].dtype, x[[]].shape)
try:
    a[[10]]
except IndexError as e:
    print(e)
try:
    b[[0, 1], [0, 1, 2]]
except IndexError as e:
    print(e)
try:
    a[np.array([1.5])]
except IndexError as e:
    print(e)
print(np.eye(4)[[2, 0, 1]])
labels = np.array([2, 0, 1, 2])
print(np.eye(3)[labels])
centers = np.array([[0.0, 1.0], [10.0, 11.0], [20.0, 21.0]])
print(centers[labels])
