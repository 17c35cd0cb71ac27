# numpy object arrays: dtype=object construction, ragged lists, indexing, printing, concatenate, pad_sequences, np.save/np.load with pickles.
import os
import tensorflow as tf
import numpy as np
a = np.array([[1, 2], [3]], dtype=object)
a
print(a)
a.shape
a.dtype
print(a.dtype)
len(a)
a[0]
a[1]
a[-1]
a[::-1]
a[np.array([1, 0, 1])]
a[[1, 0]]
a[np.array([True, False])]
type(a)
isinstance(a, np.ndarray)
a.tolist()
list(a)
for x in a:
    print(x)
np.array([[1, 2], [3]])
np.array([1, [2, 3]])
b = np.array([[1, 2], [3, 4]], dtype=object)
b
b.shape
b[0]
b[0, 1]
b[:, 0]
c = np.array([1, 'a', None, 2.5], dtype=object)
c
print(c)
str(c)
np.concatenate([a, np.array([[5, 6, 7]] + [[8]], dtype=object)])
np.array([], dtype=object)
a.ndim
a.size
a[5]
a.dtype == object
a.dtype.name
a.dtype.kind
repr(a.dtype)
e = np.array([[1, 2], [3]], dtype='object')
e
a == e
d = np.array([[1,2],[3,4,5],[6]], dtype=object)
d[np.array([2, 0])]
d[1:]
print(d[1:])
a.copy()
np.array(a)
a[0].append(9)
a
seqs = np.array([[1, 5, 9], [2, 4], [7], [3, 3, 3, 3]], dtype=object)
seqs
[len(s) for s in seqs]
max(max(s) for s in seqs)
seqs[np.array([3, 0])]
seqs[[True, False, True, False]]
seqs[1:3]
seqs[-1]
seqs[::2]
tf.keras.preprocessing.sequence.pad_sequences(seqs)
tf.keras.utils.pad_sequences(seqs, maxlen=3, padding='post', truncating='post')
tf.keras.utils.pad_sequences(np.array([[1, 2], [3, 4]], dtype=object))
grid = np.array([[1, 2], [3, 4]], dtype=object)
tf.keras.utils.pad_sequences(grid, maxlen=3)
np.array([[1, 2, 3], [4, 5, 6]], dtype=object).T
np.array([[1, 2, 3], [4, 5, 6]], dtype=object).reshape(3, 2)
np.array([[1, 2, 3], [4, 5, 6]], dtype=object).reshape(-1)
np.array([1, 2, 3], dtype=object).astype(np.float32)
np.array([['a', 'b'], ['c']], dtype=object)
np.array([(1, 2), (3, 4)], dtype=object)
np.array([(1, 2), [3, 4, 5]], dtype=object)
np.array([{'a': 1}, None], dtype=object)
np.array(5, dtype=object)
np.array([[], []], dtype=object)
np.array([[], []], dtype=object).shape
np.array([np.arange(3), np.arange(2)], dtype=object)
np.array([[1, [2, 3]], [4, 5]], dtype=object)
long = np.array([list(range(30)), list(range(5))], dtype=object)
long
print(long)
big = np.array([[i] * (i % 3 + 1) for i in range(1200)], dtype=object)
big
big.shape
s2 = seqs.copy()
s2[0] = [100]
s2
seqs
s2[1:3] = None
s2
np.concatenate([seqs, seqs[:1]])
np.concatenate([seqs[:1], np.array([[9, 9]], dtype=object)], axis=0)
seqs == seqs
path = os.path.join('/tmp', 'tensh_objarr_ref2.npy')
np.save(path, seqs)
np.load(path)
np.load(path, allow_pickle=True)
np.save(path, seqs, allow_pickle=False)
zpath = os.path.join('/tmp', 'tensh_objarr_ref2.npz')
np.savez(zpath, x=seqs, y=np.array([1, 0, 1, 0]))
with np.load(zpath, allow_pickle=True) as f:
    print(f['x'])
    print(f['y'])
with np.load(zpath) as f:
    print(f['y'])
    f['x']
os.remove(path)
os.remove(zpath)
ppath = os.path.join('/tmp', 'tensh_objarr_ref2.pkl')
import pickle
with open(ppath, 'wb') as f:
    pickle.dump({'a': seqs, 'b': np.arange(4.0)}, f)
np.load(ppath)
np.load(ppath, allow_pickle=True)
os.remove(ppath)
