# More ragged tensors: reductions over the rows, in-row slicing, multi-dimensional values,
# integer and bool ops, and ranges.
import tensorflow as tf
import numpy as np
rt = tf.ragged.constant([[1.0, 2.0], [3.0, 4.0, 5.0], [6.0]])
tf.reduce_max(rt, axis=0)
tf.reduce_min(rt, axis=0)
tf.reduce_mean(rt, axis=0)
tf.reduce_mean(rt, axis=[0, 1])
tf.math.sqrt(rt)
tf.math.round(rt * 1.5)
tf.clip_by_value(rt, 2.0, 4.0)
tf.math.sigmoid(tf.ragged.constant([[0.0], [1.0, -1.0]]))
tf.nn.softplus(tf.ragged.constant([[0.0], [1.0, -1.0]]))
rt.to_tensor(default_value=-1.0)
rt[1]
rt[1][2]
rt[:2].to_list()
rt[-2:]
rt[:, -1:]
rt.with_row_splits_dtype(tf.int32).row_splits
tf.RaggedTensor.from_tensor(tf.constant([[[1, 1], [0, 0]], [[2, 2], [3, 3]]]), padding=[0, 0])
tf.RaggedTensor.from_tensor(tf.constant([[1, 2, 0, 0], [3, 0, 0, 0]]), padding=0).row_lengths()
tf.RaggedTensor.from_value_rowids(values=[3, 1, 4, 1, 5, 9, 2], value_rowids=[0, 0, 0, 0, 2, 2, 3])
x = tf.RaggedTensor.from_row_splits(values=[3, 1, 4, 1, 5, 9, 2, 6], row_splits=[0, 4, 4, 7, 8, 8])
x
print(x)
x.shape
x * 2 + 1
x.row_lengths()
tf.reduce_sum(x, axis=1)
tf.reduce_mean(tf.cast(x, tf.float32), axis=1)
tf.concat([x, x], axis=0).shape
tf.stack([x, x]).shape
tf.ragged.stack([x, x]).ragged_rank
tf.ragged.constant([[1, 2], [3, 4]]).to_tensor()
tf.ragged.constant([[[1.5, 2.5]], [[3.5, 4.5], [5.5, 6.5]]], ragged_rank=1)
tf.ragged.constant([[[1.5, 2.5]], [[3.5, 4.5], [5.5, 6.5]]], ragged_rank=1).to_tensor()
tf.ragged.constant([[1, 2], [3]], ragged_rank=1)
tf.ragged.constant([[1, 2], [3]], ragged_rank=2)
tf.ragged.constant([[[1, 2], [3]], [[4]]], ragged_rank=1)
tf.ragged.range(5, 0, -2)
tf.ragged.range([0, 5], [3, 0], [1, -2])
tf.ragged.range([1, 2], [4, 7], 0)
tf.ragged.constant([[10, 20], [30]]) // tf.ragged.constant([[3, 6], [7]])
tf.ragged.constant([[10, 20], [30]]) % 7
tf.ragged.constant([[True, False], [True]]) & tf.ragged.constant([[True, True], [False]])
~tf.ragged.constant([[True, False], [True]])
tf.logical_not(tf.ragged.constant([[True, False], [True]]))
tf.equal(x, 1)
tf.math.reduce_any(tf.ragged.constant([[True, False], [], [False]]), axis=1)
tf.math.reduce_all(tf.ragged.constant([[True, False], [], [False]]), axis=1)
# numpy() of rows of unequal length: an object array of rows
rn = tf.ragged.constant([[1, 2, 3], [4], [], [5, 6]])
a = rn.numpy()
a
print(a)
len(a)
a[0]
a[-1]
a.shape
a.tolist()
[x.sum() for x in a]
tf.ragged.constant([[1.5], [2.0, 3.0]]).numpy()
tf.ragged.constant([[[1, 2], [3]], [[4]]]).numpy()
tf.ragged.constant([[1, 2], [3, 4]]).numpy()
tf.ragged.constant([list(range(i)) for i in range(8)]).numpy()
type(a)
