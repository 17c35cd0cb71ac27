# tf.data: cardinality rules, from_generator, windows, flat_map, interleave, scan, shard and friends.
import tensorflow as tf
import numpy as np
ds = tf.data.Dataset.range(10)
print(ds.repeat().filter(lambda x: x > 2).cardinality())
print(ds.batch(3).unbatch().cardinality())
print(ds.map(lambda x: x * 2, num_parallel_calls=tf.data.AUTOTUNE))
print(ds.take(-1).cardinality(), ds.skip(-1).cardinality(), ds.take(20).cardinality(), ds.skip(3).cardinality())
print(ds.repeat(3).cardinality(), ds.repeat(0).cardinality(), ds.repeat(-1).cardinality())
print(tf.data.Dataset.zip(ds, ds.take(3)).cardinality())
def g():
    for i in range(3):
        yield i, [i, i]
fg = tf.data.Dataset.from_generator(g, output_signature=(tf.TensorSpec(shape=(), dtype=tf.int32), tf.TensorSpec(shape=(2,), dtype=tf.int32)))
print(fg)
print(fg.cardinality())
for e in fg: print(e)
fg2 = tf.data.Dataset.from_generator(g, output_types=(tf.int64, tf.int64))
print(fg2)
print(list(fg2.as_numpy_iterator()))
def squares(n):
    for i in range(n):
        yield i * i
print(list(tf.data.Dataset.from_generator(squares, args=[4], output_types=tf.int32, output_shapes=()).as_numpy_iterator()))
try:
    len(ds.repeat())
except Exception as e:
    print(type(e).__name__, e)
try:
    len(ds.filter(lambda x: x > 1))
except Exception as e:
    print(type(e).__name__, e)
w = ds.window(4, shift=1, drop_remainder=True)
print(w.cardinality())
fm = w.flat_map(lambda w: w.batch(4))
print(fm)
print(fm.cardinality())
for e in fm.take(2): print(e)
print(ds.window(3).cardinality())
for win in tf.data.Dataset.range(6).window(4, shift=2):
    print([int(v) for v in win])
for win in tf.data.Dataset.range(10).window(3, shift=1, stride=2, drop_remainder=True).take(3):
    print(list(win.as_numpy_iterator()))
series = tf.data.Dataset.range(8).window(4, shift=1, drop_remainder=True).flat_map(lambda w: w.batch(4)).map(lambda w: (w[:-1], w[-1]))
print(series)
for xs, ys in series:
    print(xs.numpy(), ys.numpy())
t = tf.TensorSpec(shape=(None, 3), dtype=tf.float32)
print(t, repr(t), t.shape, t.dtype, t.name)
print(tf.TensorSpec([2]), tf.TensorSpec(None))
print(tf.TensorSpec([2], tf.int32) == tf.TensorSpec((2,), tf.int32), tf.TensorSpec([2]) == tf.TensorSpec([3]))
print(ds.shard(3, 1).cardinality(), list(ds.shard(3, 1).as_numpy_iterator()))
print(ds.scan(tf.constant(0, tf.int64), lambda s, x: (s + x, s)))
print(list(ds.scan(tf.constant(0, tf.int64), lambda s, x: (s + x, s)).as_numpy_iterator()))
print(ds.interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(2), cycle_length=2))
print(list(ds.take(4).interleave(lambda x: tf.data.Dataset.from_tensors(x).repeat(2), cycle_length=2).as_numpy_iterator()))
print(list(ds.take(3).interleave(lambda x: tf.data.Dataset.range(x + 1), cycle_length=2, block_length=2).as_numpy_iterator()))
def small(x):
    return x < 3
print(ds.take_while(small), list(ds.take_while(small).as_numpy_iterator()))
print(ds.unique(), list(tf.data.Dataset.from_tensor_slices([1, 1, 2, 3, 2]).unique().as_numpy_iterator()))
print(ds.apply(lambda d: d.take(2)))
print(ds.batch(3).rebatch(2))
try:
    bad = tf.data.Dataset.from_tensor_slices(([1, 2, 3], [1, 2]))
except Exception as e:
    print(type(e).__name__, e)
print(ds.map(lambda x: tf.fill([x], x)).padded_batch(3).element_spec)
for e in ds.take(4).map(lambda x: tf.fill([x], x)).padded_batch(2): print(e)
for e in ds.take(3).map(lambda x: tf.fill([x + 1], x)).padded_batch(2, padded_shapes=[4], padding_values=tf.constant(-1, tf.int64)): print(e.numpy())
print(tf.data.Dataset.zip((ds, (ds, ds))).element_spec)
print(ds.map(lambda x: {"v": x, "sq": x * x}).element_spec)
print(tf.data.Dataset.from_tensor_slices(np.zeros((4, 28, 28))).batch(2).map(lambda im: tf.reshape(im, [-1, 784])).element_spec)
print(ds.batch(4).map(lambda v: tf.cast(v, tf.float32) / 2.0).element_spec)
print(tf.data.Dataset.from_tensor_slices(([[1, 2], [3, 4]], ["a", "b"] and [0, 1])).element_spec)
print(ds.get_single_element() if False else tf.data.Dataset.from_tensors(7).get_single_element())
print(ds.reduce(tf.constant(0, tf.int64), lambda s, e: s + e))
print(ds.with_options(tf.data.Options()))
options = tf.data.Options()
options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.OFF
print(ds.with_options(options).cardinality())
