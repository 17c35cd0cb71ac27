# tf.keras.datasets cifar10, cifar100, imdb and reuters on small files in Keras's formats (get_file stood in for, as the real files' hashes cannot match), and get_file's untar.
import os
import shutil
import tensorflow as tf
tmp = os.path.join('/tmp', 'tensh_untar_ref')
shutil.rmtree(tmp, ignore_errors=True)
os.makedirs(os.path.join(tmp, 'datasets'))


def field(s, n):
    b = s.encode() if isinstance(s, str) else s
    return b + b'\x00' * (n - len(b))


def tar_member(name, data):
    h = (field(name, 100) + field('0000644', 8) + field('0000000', 8) + field('0000000', 8)
         + field('%011o' % len(data), 12) + field('00000000000', 12) + b' ' * 8 + b'0'
         + field('', 100) + field('ustar', 6) + b'00' + field('', 247))
    chk = sum(h)
    h = h[:148] + field('%06o' % chk, 7) + b' ' + h[156:]
    return h + data + b'\x00' * ((512 - len(data) % 512) % 512)


tar = tar_member('mydata/a.txt', b'hello') + tar_member('mydata/sub/b.bin', b'\x00\x01\x02') + b'\x00' * 1024
with open(os.path.join(tmp, 'datasets', 'mydata.tar.gz'), 'wb') as f:
    f.write(tar)
p = tf.keras.utils.get_file('mydata', origin='http://example.com/mydata.tar.gz', untar=True, cache_dir=tmp)
p == os.path.join(tmp, 'datasets', 'mydata')
sorted(os.listdir(p))
open(os.path.join(p, 'a.txt')).read()
open(os.path.join(p, 'sub', 'b.bin'), 'rb').read()
shutil.rmtree(tmp)

import sys
import pickle
import numpy as np
import tensorflow as tf
root = os.path.join('/tmp', 'tensh_datasets_ref')
os.makedirs(root, exist_ok=True)


def fake_get_file(fname=None, origin=None, **kwargs):
    return os.path.join(root, fname)


tf.keras.utils.get_file = fake_get_file
for name in ['imdb', 'reuters', 'cifar10', 'cifar100']:
    m = sys.modules.get('keras.src.datasets.' + name)
    if m is not None:
        m.get_file = fake_get_file

rs = np.random.RandomState(7)
def seqs(lengths):
    return np.array([[int(v) for v in rs.randint(1, 40, size=n)] for n in lengths], dtype=object)

np.savez(os.path.join(root, 'imdb.npz'),
         x_train=seqs([5, 3, 8, 2, 6, 4, 7]), y_train=np.array([0, 1, 1, 0, 1, 0, 1]),
         x_test=seqs([4, 9, 2, 5]), y_test=np.array([1, 0, 0, 1]))
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.imdb.load_data()
x_train
y_train
x_test
y_test
x_train.dtype, x_train.shape, y_train.dtype
type(x_train[0])
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(num_words=20)
a
c
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(num_words=25, skip_top=5, seed=3)
a
b
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(maxlen=6)
a
b
c
d
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(start_char=None, oov_char=None, index_from=0, num_words=30)
a
c
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(start_char=None, index_from=0)
a
tf.keras.datasets.imdb.load_data(maxlen=2)
tf.keras.datasets.imdb.load_data(foo=1)
tf.keras.preprocessing.sequence.pad_sequences(x_train, maxlen=5)

np.savez(os.path.join(root, 'reuters.npz'),
         x=seqs([3, 6, 2, 8, 5, 4, 7, 3, 5, 6]), y=np.array([3, 4, 3, 19, 1, 4, 3, 8, 3, 4]))
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.reuters.load_data()
x_train
y_train
x_test
y_test
(a, b), (c, d) = tf.keras.datasets.reuters.load_data(test_split=0.5, num_words=15, seed=5)
a
b
c
d
(a, b), (c, d) = tf.keras.datasets.reuters.load_data(maxlen=6, skip_top=3)
a
b
tf.keras.datasets.reuters.load_data(bar=2)

# equal lengths: the loader's object arrays become 2-D
np.savez(os.path.join(root, 'imdb2.npz'),
         x_train=np.array([[1, 2], [3, 4], [5, 6]], dtype=object), y_train=np.array([0, 1, 0]),
         x_test=np.array([[7, 8]], dtype=object), y_test=np.array([1]))
(a, b), (c, d) = tf.keras.datasets.imdb.load_data(path='imdb2.npz')
a
a.shape
c


def le(n, width):
    return int(n).to_bytes(width, 'little')


def py2_pickle(d):
    # A dict pickled as Python 2 writes CIFAR's batches: str keys, a uint8 array.
    out = [b'\x80\x02}q\x00(']
    for k, v in d.items():
        out.append(b'U' + le(len(k), 1) + k)
        if isinstance(v, bytes):
            out.append(b'T' + le(len(v), 4) + v)
        elif isinstance(v, list):
            out.append(b']q\x01(' + b''.join(b'K' + le(x, 1) for x in v) + b'e')
        else:
            raw = bytes(v.reshape(-1).tolist())
            out.append(b'cnumpy.core.multiarray\n_reconstruct\nq\x02cnumpy\nndarray\nq\x03K\x00\x85U\x01b\x87R(K\x01'
                       + b'J' + le(v.shape[0], 4) + b'M' + le(v.shape[1], 2) + b'\x86'
                       + b'cnumpy\ndtype\nq\x04U\x02u1K\x00K\x01\x87R(K\x03U\x01|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb'
                       + b'\x89T' + le(len(raw), 4) + raw + b'tb')
    out.append(b'u.')
    return b''.join(out)


c100 = os.path.join(root, 'cifar-100-python')
os.makedirs(c100, exist_ok=True)
for part, n in [('train', 3), ('test', 2)]:
    data = rs.randint(0, 256, size=(n, 3072)).astype(np.uint8)
    batch = {b'filenames': b'x', b'batch_label': b'batch ' + part.encode(),
             b'fine_labels': [int(v) for v in rs.randint(0, 100, size=n)],
             b'coarse_labels': [int(v) for v in rs.randint(0, 20, size=n)], b'data': data}
    with open(os.path.join(c100, part), 'wb') as f:
        f.write(py2_pickle(batch))
with open(os.path.join(c100, 'train'), 'rb') as f:
    raw = pickle.load(f, encoding='bytes')
sorted(raw.keys())
raw[b'data'].shape, raw[b'data'].dtype
raw[b'fine_labels']
with open(os.path.join(c100, 'train'), 'rb') as f:
    pickle.load(f)
with open(os.path.join(c100, 'train'), 'rb') as f:
    sorted(pickle.load(f, encoding='latin1').keys())
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar100.load_data()
x_train.shape, x_train.dtype, y_train.shape, y_train.dtype
x_test.shape, y_test.shape
x_train[0, :2, :3]
x_train[2, 31, 30:]
y_train
y_test
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar100.load_data(label_mode='coarse')
y_train
x_test[1, 0, 0]
tf.keras.datasets.cifar100.load_data(label_mode='medium')

c10 = os.path.join(root, 'cifar-10-batches-py')
os.makedirs(c10, exist_ok=True)
for part in ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']:
    data = rs.randint(0, 256, size=(2, 3072)).astype(np.uint8)
    with open(os.path.join(c10, part), 'wb') as f:
        f.write(py2_pickle({b'labels': [1, 2], b'data': data}))
tf.keras.datasets.cifar10.load_data()
shutil.rmtree(root)
