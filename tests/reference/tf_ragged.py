# tf.RaggedTensor: construction, attributes, printing, indexing, conversion, and the
# TensorFlow functions that dispatch to ragged tensors.
import tensorflow as tf
import numpy as np
rt = tf.ragged.constant([[1, 2, 3], [4], [], [5, 6]])
rt
print(rt)
str(rt)
rt.shape
rt.dtype
rt.ragged_rank
rt.row_splits
rt.values
rt.flat_values
rt.row_lengths()
rt.nrows()
rt.value_rowids()
rt.bounding_shape()
rt.bounding_shape(axis=1)
rt.row_starts()
rt.row_limits()
rt.nested_row_lengths()
rt.nested_row_splits
rt.get_shape()
rt.row_splits.dtype
rt.flat_values.numpy()
rt.uniform_row_length is None
rt.to_tensor()
rt.to_tensor(default_value=-1)
rt.to_tensor(shape=[2, 2])
rt.to_tensor(shape=[5, 4], default_value=9)
rt.to_tensor(default_value=7, shape=[None, 5])
rt.to_list()
type(rt)
isinstance(rt, tf.RaggedTensor)
isinstance(rt, tf.Tensor)
len(rt)
bool(rt)
for row in rt: print(row)
# indexing
rt[0]
rt[1:]
rt[:, :2]
rt[-1]
rt[:, 0]
rt[0, 1]
rt[2:3]
rt[::2]
rt[:, 1:]
rt[:, ::-1]
rt[10]
rt[-5]
rt[1:, :1]
# dtypes and nesting
rf = tf.ragged.constant([[1.5, 2.0], [3.0]])
rf
rf.dtype
tf.ragged.constant([[1, 2], [3]], dtype=tf.float64)
tf.ragged.constant([[0.1, 0.25, 1e-5], [3.0, 100.5]])
tf.ragged.constant([[True], [False, True]])
tf.ragged.constant([])
tf.ragged.constant([[], []])
tf.ragged.constant([[], []]).dtype
tf.ragged.constant([[1, 2], [[3]]])
tf.ragged.constant([[1, 2], [3]], row_splits_dtype=tf.int32).row_splits
r3 = tf.ragged.constant([[[1, 2], [3]], [[4]]])
r3
r3.shape
r3.ragged_rank
r3.to_tensor()
r3.to_list()
r3.values
r3.flat_values
r3.row_lengths()
r3.nested_row_splits
r3.bounding_shape()
r3[0]
r3[0, 0]
r3[1:]
ru = tf.ragged.constant([[[1, 2], [3, 4]], [[5, 6]]], ragged_rank=1)
ru
ru.shape
ru.values
ru.to_tensor()
ru.bounding_shape()
# long rows wrap as numpy does
tf.ragged.constant([list(range(i)) for i in range(12)])
tf.ragged.constant([[1.0] * 30, [2.0]])
# factories
tf.RaggedTensor.from_row_lengths([1, 2, 3, 4], [2, 0, 2])
tf.RaggedTensor.from_row_splits([1, 2, 3, 4], [0, 1, 4])
tf.RaggedTensor.from_value_rowids([1, 2, 3, 4], [0, 0, 2, 2])
tf.RaggedTensor.from_value_rowids([1, 2, 3, 4], [0, 0, 2, 2], nrows=4)
tf.RaggedTensor.from_row_starts([1, 2, 3, 4], [0, 2])
tf.RaggedTensor.from_row_limits([1, 2, 3, 4], [1, 4])
tf.RaggedTensor.from_tensor([[1, 0, 0], [2, 3, 0]], padding=0)
tf.RaggedTensor.from_tensor([[1, 0, 0], [2, 3, 0]], lengths=[1, 3])
tf.RaggedTensor.from_tensor([[1, 0, 0], [2, 3, 0]])
tf.RaggedTensor.from_tensor(tf.constant([[1.0, 0.0], [2.0, 3.0]]), padding=0.0)
tf.RaggedTensor.from_tensor([[1, 0, 0], [2, 3, 0]]).numpy()
tf.RaggedTensor.from_nested_row_splits([1, 2, 3, 4, 5], ([0, 2, 3], [0, 1, 3, 5]))
tf.RaggedTensor.from_nested_row_lengths([1, 2, 3, 4, 5], ([2, 1], [1, 2, 2]))
tf.RaggedTensor.from_row_lengths(tf.constant([1.0, 2.0, 3.0]), [1, 2]).to_tensor()
tf.RaggedTensor.from_row_lengths(rt, [2, 2])
rt.with_flat_values(rt.flat_values * 10)
rt.with_values(rt.values + 1)
# invalid partitions
tf.RaggedTensor.from_row_splits([1, 2, 3], [1, 3])
tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 1, 3])
tf.RaggedTensor.from_row_splits([1, 2, 3], [0, 2, 4])
tf.RaggedTensor.from_row_lengths([1, 2, 3], [2, 2])
tf.RaggedTensor.from_row_lengths([1, 2, 3], [2, -1, 2])
tf.RaggedTensor.from_value_rowids([1, 2, 3], [0, 2, 1])
tf.RaggedTensor.from_value_rowids([1, 2, 3], [0, 1, 1], nrows=1)
tf.RaggedTensor([1], [0, 1])
# elementwise ops
tf.ragged.constant([[1, 2], [3]]) + 1
rt * 2
rt + rt
2 - rt
rt / 2
rt // 2
rt ** 2
-rt
abs(-rt)
rt > 2
rt == rt
rt != 1
tf.add(rt, 10)
tf.math.square(rt)
tf.abs(-rt)
tf.maximum(rt, 3)
tf.math.divide(rt, 2)
tf.cast(rt, tf.float32)
tf.ones_like(rt)
tf.zeros_like(rt, dtype=tf.float32)
tf.nn.relu(tf.ragged.constant([[-1.0, 2.0], [3.0]]))
tf.math.exp(tf.ragged.constant([[0.0], [1.0, 2.0]]))
tf.math.log(tf.ragged.constant([[1.0], [4.0, 2.0]]))
tf.where(rt > 2, rt, 0)
rt + tf.ragged.constant([[1, 1, 1], [2], [], [3, 4]])
rt + tf.constant([[10], [20], [30], [40]])
rt + tf.ragged.constant([[1], [2]])
rt + tf.constant([1, 2])
tf.size(rt)
tf.rank(rt)
# reductions
tf.reduce_sum(rt, axis=1)
tf.reduce_sum(rt, axis=0)
tf.reduce_sum(rt)
tf.reduce_sum(rt, axis=-1)
tf.reduce_sum(rt, axis=1, keepdims=True)
tf.reduce_sum(rt, axis=[0, 1])
tf.reduce_mean(rf, axis=1)
tf.reduce_mean(rt, axis=1)
tf.reduce_mean(tf.ragged.constant([[1.0, 2.0], [3.0]]))
tf.reduce_max(rt, axis=1)
tf.reduce_max(tf.ragged.constant([[1.0, 2.0], []]), axis=1)
tf.reduce_min(rt, axis=1)
tf.reduce_prod(rt, axis=1)
tf.reduce_any(rt > 3, axis=1)
tf.reduce_all(rt > 3, axis=1)
tf.reduce_sum(r3, axis=2)
tf.reduce_sum(r3, axis=-1)
tf.reduce_sum(r3, axis=1)
tf.math.reduce_sum(ru, axis=1)
# concat and stack
tf.concat([rt, rt], axis=0)
tf.concat([rt, rt], axis=1)
tf.concat([rt, tf.ragged.constant([[9]])], axis=0)
tf.concat([tf.ragged.constant([[1]]), tf.ragged.constant([[1.0]])], axis=0)
tf.stack([rf, rf], axis=0)
tf.stack([rt, rt], axis=1)
tf.ragged.stack([rt, rt])
# tf.ragged
tf.ragged.range([3, 0, 2])
tf.ragged.range([1, 2], [4, 7])
tf.ragged.range([1, 2], [4, 7], 2)
tf.ragged.range(3)
tf.ragged.range([2, 3], dtype=tf.float32)
tf.ragged.map_flat_values(tf.ones_like, rt)
tf.ragged.map_flat_values(lambda x: x * 3, rt)
tf.ragged.map_flat_values(tf.add, rt, rt)
tf.ragged.boolean_mask(tf.constant([[1, 2, 3], [4, 5, 6]]), tf.constant([[True, False, True], [False, False, True]]))
# specs
tf.RaggedTensorSpec(shape=[None, None], dtype=tf.int32)
spec = tf.RaggedTensorSpec([None, None], tf.float32)
spec.shape
spec.dtype
spec.ragged_rank
tf.RaggedTensorSpec([None, None, 3], tf.float32, ragged_rank=1)
tf.RaggedTensorSpec()
spec.is_compatible_with(tf.ragged.constant([[1.0]]))
# a word-length example, as notebooks write it
sentences = [[3, 7, 1], [4, 2], [9, 9, 9, 9]]
batch = tf.ragged.constant(sentences)
batch.row_lengths()
tf.reduce_mean(tf.cast(batch, tf.float32), axis=1)
batch.to_tensor(default_value=0, shape=[3, 5])
