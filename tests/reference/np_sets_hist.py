# numpy's set functions, unique, counting, searching and histograms, with numpy's errors.
import numpy as np
a = np.array([5, 1, 3, 3, 7, 1])
b = np.array([3, 4, 5, 9])
np.union1d(a, b)
np.union1d([1.5, 2], [2, 3])
np.intersect1d(a, b)
np.intersect1d(a, b, return_indices=True)
np.intersect1d([1, 2, 3], [3, 2, 1], assume_unique=True)
np.intersect1d([[1, 2], [3, 4]], [4, 1])
np.setdiff1d(a, b)
np.setdiff1d([1, 2, 3, 4], [2, 4], assume_unique=True)
np.setxor1d(a, b)
np.in1d(a, b)
np.in1d(a, b, invert=True)
np.isin(np.array([[1, 2], [3, 4]]), [2, 3])
np.isin([1, 2, 3], [2], invert=True)
np.isin([2], [1, 2])
np.unique(a)
np.unique(a, return_counts=True)
np.unique(a, return_index=True)
np.unique(a, return_inverse=True)
np.unique(a, return_index=True, return_inverse=True, return_counts=True)
np.unique(np.array([[1, 0], [1, 0], [2, 3]]), axis=0)
np.unique(np.array([[1, 0, 1], [2, 3, 2]]), axis=1, return_counts=True)
np.unique(np.array([[3, 1], [3, 1]]), return_inverse=True)
np.unique([2.5, np.nan, 1.0, np.nan])
np.unique([])
np.bincount([0, 1, 1, 3])
np.bincount(np.array([0, 1, 1, 3]), minlength=6)
np.bincount([0, 1, 1, 2], weights=[0.5, 1.0, 0.25, 2.0])
np.bincount([])
np.digitize([0.2, 6.4, 3.0, 1.6], [0.0, 1.0, 2.5, 4.0, 10.0])
np.digitize([1.0, 2.5, 4.0], [0.0, 1.0, 2.5, 4.0], right=True)
np.digitize([1, 5], [10, 5, 0])
np.searchsorted([1, 2, 3, 4, 5], 3)
np.searchsorted([1, 2, 3, 4, 5], 3, side='right')
np.searchsorted([1, 2, 3, 4, 5], [-10, 10, 2, 3])
np.histogram([1, 2, 1], bins=[0, 1, 2, 3])
np.histogram(np.arange(4), bins=np.arange(5), density=True)
np.histogram([1, 2, 1, 4, 7, 3.5])
np.histogram([1, 2, 1, 4, 7, 3.5], bins=3)
np.histogram([1, 2, 1, 4, 7, 3.5], bins=4, range=(0, 10))
np.histogram([0.1, 0.2, 0.3, 0.9], bins=3, weights=[1, 2, 3, 4])
np.histogram([0.1, 0.2, 0.3, 0.9], bins=3, weights=[1, 2, 3, 4], density=True)
np.histogram([5, 5, 5])
np.histogram([])
np.histogram(np.linspace(0, 1, 11), bins=7)
np.histogram_bin_edges([1, 2, 1, 4, 7, 3.5], bins=5)
np.histogram_bin_edges([0, 1], bins=3, range=(-1, 2))
np.histogram2d([1, 2, 3, 4], [1, 3, 2, 4], bins=2)
np.histogram2d([0.1, 0.5, 0.9], [0.2, 0.2, 0.8], bins=[2, 3], range=[[0, 1], [0, 1]])
try:
    np.bincount([-1, 2])
except ValueError as e:
    print(e)
try:
    np.bincount([[1, 2]])
except ValueError as e:
    print(e)
try:
    np.bincount([1, 2], weights=[1.0])
except ValueError as e:
    print(e)
try:
    np.histogram([1, 2], bins=0)
except ValueError as e:
    print(e)
try:
    np.histogram([1, 2], bins=[3, 1])
except ValueError as e:
    print(e)
try:
    np.histogram([1, 2], range=(3, 1))
except ValueError as e:
    print(e)
try:
    np.histogram([1, np.nan])
except ValueError as e:
    print(e)
try:
    np.digitize([1, 2], [1, 3, 2])
except ValueError as e:
    print(e)
np.unique(np.array([[1.5, 2.0], [1.5, 2.0]]), axis=0, return_index=True, return_inverse=True)
np.unique(np.arange(12).reshape(2, 3, 2) % 2, axis=2)
np.intersect1d([1.0, np.nan], [np.nan, 1.0])
np.setdiff1d([5.0, 1.0, 5.0], [1])
np.isin(np.arange(6).reshape(2, 3), np.array([[0, 5]]), invert=True)
np.searchsorted(np.array([3.0, 1.0, 2.0]), [2.5], sorter=np.array([1, 2, 0]))
np.digitize(np.array([[0.5, 1.5], [2.5, 3.5]]), np.array([1.0, 2.0, 3.0]))
np.digitize(2.5, [1, 2, 3])
np.histogram(np.array([0.5, 1.5, 2.5], dtype=np.float32), bins=2)
np.histogram(np.array([1, 2, 3, 4, 5]), bins=np.array([1.0, 2.5, 5.0]), weights=np.array([0.1, 0.2, 0.3, 0.4, 0.5]))
np.histogram([1.0, 2.0, 3.0, 10.0], bins=3, range=(0, 4))
np.histogram(np.arange(100) * 0.37, bins=13)[0]
np.histogram2d([0.0, 1.0, 1.0], [0.0, 0.0, 1.0], bins=2, density=True)
np.histogram2d([1, 2], [3, 4], bins=[np.array([0, 1.5, 3]), 2])
h, xe, ye = np.histogram2d([1, 2, 2], [1, 1, 2], bins=(2, 2), weights=[1.0, 2.0, 3.0])
h
try:
    np.searchsorted([1, 2], 1, side='middle')
except ValueError as e:
    print(e)
np.unique(np.array([], dtype=np.int64), return_counts=True, return_index=True)
np.unique(np.array([True, False, True]))
np.unique(np.array([1, 2, 2], dtype=np.uint8), return_inverse=True)
np.union1d(np.array([1, 2], dtype=np.int32), np.array([2.5]))
np.intersect1d([1, 1, 2], [1, 1], return_indices=True)
np.isin([[1.5, np.nan]], [np.nan, 1.5])
np.histogram([1, 2, 3], bins=1)
np.histogram(np.array([1, 2, 3], dtype=np.int32), bins=2, range=(1, 3), density=True)
np.histogram([1, 2, 3], weights=np.array([True, False, True]), bins=2)
np.bincount(np.array([True, False, True]))
np.bincount([1.0, 2.0])
np.searchsorted([1, 2, 3], [[0, 5], [2, 2]], side='right')
for bad in [dict(bins=np.array([[1, 2]])), dict(bins=2.0), dict(bins=3, weights=[1]), dict(range=(0, np.inf))]:
    try:
        np.histogram([1, 2], **bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for call in [lambda: np.bincount(3), lambda: np.bincount([1, 2], minlength=-1), lambda: np.bincount(np.array([1.5])), lambda: np.digitize([1, 2], [[1, 2]]), lambda: np.searchsorted([[1, 2]], 1)]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
np.random.seed(3)
x = np.random.randn(1000) * 2 + 1
for b in ['auto', 'fd', 'doane', 'rice', 'scott', 'sqrt', 'sturges']:
    h, e = np.histogram(x, bins=b)
    print(b, len(e), h.sum(), e[0], e[-1])
np.histogram_bin_edges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], bins='auto')
np.histogram_bin_edges(np.arange(5), bins='fd')
np.histogram([1, 1, 1, 1, 2], bins='fd')
np.histogram(np.arange(10), bins='sqrt', range=(2, 6))
np.histogram(np.array([0.1, 0.2, 0.25, 0.9]), bins='doane')
np.histogram([], bins='auto')
try:
    np.histogram([1, 2], bins='bogus')
except ValueError as e:
    print(e)
try:
    np.histogram([1, 2], bins='auto', weights=[1, 2])
except TypeError as e:
    print(e)
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: np.unique(np.zeros((2, 0)), axis=0))
t(lambda: np.histogram([[1, 2], [3, 4]], bins=2))
t(lambda: np.histogram([1, 2], bins=[]))
t(lambda: np.histogram2d([], [], bins=2))
t(lambda: np.histogram2d([1, 2], [1, 2], bins=[1, 2, 3]))
t(lambda: np.bincount([0, 1], weights=[[1, 2]]))
t(lambda: np.digitize([], [1, 2]))
t(lambda: np.searchsorted([1, 2], 1, side=3))
t(lambda: np.searchsorted([1, 2], 1, sorter=[5, 0]))
t(lambda: np.searchsorted([1, 2], 1, sorter=[0]))
t(lambda: np.intersect1d(5, [5]))
t(lambda: np.setdiff1d([[3, 1], [1, 2]], 1))
t(lambda: np.in1d([[1, 2]], 2))
np.unique([np.nan, 1.0, np.nan], equal_nan=False, return_counts=True)
np.unique([np.nan, 1.0, np.nan], return_index=True)
