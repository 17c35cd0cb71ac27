import tensorflow as tf
import numpy as np
import os
import random
U = tf.keras.utils
U.to_categorical([0, 1, 2, 3])
U.to_categorical([0, 2, 1], num_classes=4)
U.to_categorical([[1], [0], [2]])
U.to_categorical([[0, 1], [2, 0]])
U.to_categorical(np.array([3, 1]), 5, dtype='int32')
U.to_categorical([1, 0], dtype='float64')
U.to_categorical(2, num_classes=3)
U.to_categorical([1.7, 0.2])
U.to_categorical([-1, 0], num_classes=3)
U.to_categorical([0, 1], num_classes=0)
U.to_categorical(tf.constant([2, 0, 1]))
U.to_categorical([True, False])
U.to_categorical([1, 5], num_classes=3)
U.to_categorical([0, -4], num_classes=3)
U.to_categorical([], num_classes=2)
U.to_categorical([])
U.to_categorical([0, 1], num_classes=-2)
U.to_categorical([0, 2], dtype='bool')
U.to_categorical([0, 2], dtype='uint8')
y = U.to_categorical([0, 1, 1])
type(y).__name__, y.dtype, y.shape
U.to_categorical([[[1], [2]]]).shape
U.to_categorical()
U.to_categorical([[0], [1]], num_classes=3.0)
from tensorflow.keras.utils import to_categorical
to_categorical([1], 2)
import keras
keras.utils.to_categorical([0, 1])
U.normalize([[3.0, 4.0], [0.0, 0.0]])
U.normalize(np.array([[3.0, 4.0], [1.0, 1.0]]), axis=0)
U.normalize(np.array([1, 2, 2]))
U.normalize(np.array([[1.0, -3.0]], dtype='float32'), order=1)
U.normalize(np.array([[1.0, 2.0], [3.0, 4.0]], dtype='float32'))
U.normalize(np.array([[1.0, -5.0, 2.0]]), order=np.inf)
try:
    U.normalize(np.array([[1.0, 2.0]]), axis=2)
except ValueError as e:
    print(e)
U.pad_sequences([[1], [2, 3], [4, 5, 6]])
U.pad_sequences([[1], [2, 3], [4, 5, 6]], value=-1)
U.pad_sequences([[1], [2, 3], [4, 5, 6]], padding='post')
U.pad_sequences([[1], [2, 3], [4, 5, 6]], maxlen=2)
U.pad_sequences([[1, 2, 3, 4], [5]], maxlen=3, truncating='post')
U.pad_sequences([[1, 2, 3, 4], [5]], maxlen=3, truncating='post', padding='post')
U.pad_sequences([[1.5, 2.5], [3.5]], dtype='float32')
U.pad_sequences([[1.5, 2.5], [3.5]])
U.pad_sequences([[1, 2], []])
U.pad_sequences([[]], maxlen=2)
U.pad_sequences([[1, 2], [3]], maxlen=0)
U.pad_sequences([[1, 2], [3]], maxlen=0, truncating='post')
U.pad_sequences([[1, 2]], padding='middle')
U.pad_sequences([[1, 2]], truncating='middle')
U.pad_sequences([[]], truncating='middle', padding='x')
U.pad_sequences(5)
U.pad_sequences([1, 2])
U.pad_sequences([[1, 2]], value='x')
U.pad_sequences([[[1, 2], [3, 4]], [[5, 6]]])
U.pad_sequences([[1, 2], [[3, 4]]])
U.pad_sequences([np.array([1, 2]), np.array([3])])
U.pad_sequences(((1, 2), (3,)), maxlen=4)
U.pad_sequences([[1, 2]], maxlen=-1)
U.pad_sequences([[300, 2]], dtype='int64', value=7)
U.pad_sequences([[1, 2]], maxlen=4, value=0.5, dtype='float64')
p = U.pad_sequences([[1], [2, 3]])
type(p).__name__, p.dtype, p.shape
tf.keras.preprocessing.sequence.pad_sequences([[1], [2, 3]])
from tensorflow.keras.preprocessing.sequence import pad_sequences
pad_sequences([[7, 8, 9]], maxlen=5)
U.set_random_seed(42)
random.random()
U.set_random_seed(7)
random.randint(0, 1000), random.random()
U.set_random_seed(1.5)
U.set_random_seed('x')
U.set_random_seed(True)
d = '/tmp/tensh_ref_keras_cache'
os.makedirs(d + '/datasets', exist_ok=True)
os.makedirs(d + '/mine', exist_ok=True)
with open(d + '/datasets/data.txt', 'w') as f:
    f.write('hello')
with open(d + '/mine/x.csv', 'w') as f:
    f.write('1,2')
U.get_file('data.txt', origin='http://example.invalid/data.txt', cache_dir=d)
U.get_file(origin='http://example.invalid/files/data.txt', cache_dir=d)
U.get_file('x.csv', 'http://example.invalid/x.csv', cache_dir=d, cache_subdir='mine')
U.get_file(d + '/mine/x.csv', 'http://example.invalid/x.csv')
U.get_file('data.txt', 'http://example.invalid/data.txt', cache_dir=d, file_hash='2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')
U.get_file('data.txt')
U.get_file(origin='http://example.invalid/', cache_dir=d)
try:
    U.get_file('missing.txt', origin='http://example.invalid/missing.txt', cache_dir=d)
except Exception as e:
    print(type(e).__name__, os.path.exists(d + '/datasets/missing.txt'))
m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])
U.plot_model(m)
U.plot_model(m, to_file='/tmp/tensh_ref_model.png', show_shapes=True)
U.plot_model(tf.keras.Sequential())
U.img_to_array(np.ones((2, 2)))
U.img_to_array(np.ones((1, 2, 3)), dtype='float64').shape
U.img_to_array([[1, 2]], dtype='int32')
U.img_to_array(np.ones((2,)))
type(U.get_custom_objects()).__name__
@U.register_keras_serializable()
class MyLayer(tf.keras.layers.Layer):
    pass
MyLayer.__name__
'Custom>MyLayer' in U.get_custom_objects(), U.get_custom_objects()['Custom>MyLayer'] is MyLayer
U.get_registered_name(MyLayer)
U.get_registered_object('Custom>MyLayer') is MyLayer
@U.register_keras_serializable(package='pkg', name='fn')
def my_fn(x):
    return x * 2
my_fn(4)
U.get_registered_name(my_fn)
U.get_custom_objects()['pkg>fn'] is my_fn
U.get_registered_name(len)
with U.custom_object_scope({'foo': my_fn}) as s:
    print(U.get_registered_object('foo') is my_fn)
U.get_registered_object('foo')
U.get_registered_object('foo', custom_objects={'foo': 3})
type(s).__name__
U.CustomObjectScope is U.custom_object_scope
@U.register_keras_serializable()
class NoConfig:
    pass
tf.keras.saving.get_custom_objects() is U.get_custom_objects()
tf.keras.saving.register_keras_serializable is U.register_keras_serializable
@U.register_keras_serializable('mine')
class WithConfig:
    def get_config(self):
        return {}
U.get_registered_name(WithConfig)
U.get_registered_object('mine>WithConfig') is WithConfig
class Seq(U.Sequence):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return i * 10
s = Seq(3)
len(s), s[1]
list(s)
s.on_epoch_end()
isinstance(s, U.Sequence)
U.Sequence
U.Sequence()[0]
U.to_ordinal([0, 1, 2, 3], num_classes=4)
U.to_ordinal([[2], [0]])
U.to_ordinal([1, 2], dtype='int32')
U.to_ordinal([0], num_classes=-1)
U.array_to_img(np.ones((2, 2, 3)))
U.load_img('/tmp/tensh_ref_nothing.png')
tf.keras.preprocessing.image.img_to_array(np.ones((1, 1))).shape
