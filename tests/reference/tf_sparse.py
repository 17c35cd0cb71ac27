# tf.SparseTensor and tf.sparse: construction, printing, conversion, arithmetic, products,
# reductions, slicing and reshaping.
import tensorflow as tf
import numpy as np
st = tf.SparseTensor(indices=[[0, 0], [1, 2]], values=[1, 2], dense_shape=[3, 4])
st
print(st)
st.indices
st.values
st.dense_shape
st.shape
st.dtype
st.get_shape()
type(st)
isinstance(st, tf.SparseTensor)
isinstance(st, tf.sparse.SparseTensor)
tf.sparse.SparseTensor is tf.SparseTensor
st.values.numpy()
tf.sparse.to_dense(st)
tf.sparse.to_dense(st, default_value=-1)
sf = tf.SparseTensor(indices=[[0, 1], [2, 3]], values=[1.5, 2.5], dense_shape=[3, 4])
sf
tf.sparse.to_dense(sf)
tf.sparse.to_dense(tf.sparse.SparseTensor([[0]], [True], [3]))
# construction errors
tf.SparseTensor(indices=[[0, 0]], values=[1, 2], dense_shape=[3, 4])
tf.SparseTensor(indices=[0, 5], values=[1], dense_shape=[3, 4])
tf.SparseTensor(indices=tf.constant([[0, 0]]), values=[1], dense_shape=[2, 2])
tf.SparseTensor(indices=[[0, 0]], values=[1], dense_shape=[2, 2, 2])
tf.SparseTensor(indices=[[0, 0]], values=[[1]], dense_shape=[2, 2])
# to_dense checks its indices
tf.SparseTensor(indices=[[0, 5]], values=[1], dense_shape=[3, 4])
tf.sparse.to_dense(tf.SparseTensor(indices=[[0, 5]], values=[1], dense_shape=[3, 4]))
tf.sparse.to_dense(tf.SparseTensor(indices=[[1, 0], [0, 0]], values=[1, 2], dense_shape=[3, 4]))
tf.sparse.to_dense(tf.SparseTensor([[0, 0], [0, 0]], [1, 2], [2, 2]))
u = tf.SparseTensor(indices=[[1, 0], [0, 1]], values=[5, 6], dense_shape=[2, 2])
tf.sparse.to_dense(u)
tf.sparse.to_dense(u, validate_indices=False)
tf.sparse.reorder(u)
tf.sparse.reorder(tf.SparseTensor([[2, 1], [0, 3], [2, 0]], [1, 2, 3], [3, 4]))
tf.sparse.to_dense(tf.SparseTensor([[2, 1], [0, 3], [2, 0]], [1, 2, 3], [3, 4]), validate_indices=False)
# from_dense
tf.sparse.from_dense([[0, 1], [2, 0]])
tf.sparse.from_dense(tf.constant([[0., 1.5], [0., 0.]]))
tf.sparse.from_dense([[True, False]])
tf.sparse.from_dense(np.array([0, 3, 0]))
tf.sparse.to_dense(tf.sparse.from_dense([[0, 7], [8, 0]]))
# addition
tf.sparse.add(st, st)
tf.sparse.add(st, tf.ones([3, 4], tf.int32))
tf.sparse.add(tf.ones([3, 4], tf.int32), st)
n = tf.SparseTensor(indices=[[0, 0], [0, 2], [1, 2]], values=[-1, -3, -2], dense_shape=[3, 4])
tf.sparse.add(n, tf.SparseTensor([[0, 1]], [5], [3, 4]))
tf.sparse.add(n, tf.SparseTensor([[0, 0]], [1], [3, 4]))
tf.sparse.add(n, tf.SparseTensor([[0, 0]], [1.0], [3, 4]))
tf.sparse.add(n, tf.SparseTensor([[0, 0]], [1], [3, 5]))
tf.sparse.maximum(st, st)
tf.sparse.minimum(st, st)
tf.sparse.maximum(n, tf.SparseTensor([[0, 1]], [5], [3, 4]))
st + st
st + 1
2 * st
-st
abs(st)
# scaling
st * 2
st / 2
st * tf.constant([[1, 2, 3, 4]])
n * tf.constant([1, 2, 3, 4])
tf.abs(n)
tf.math.square(sf)
tf.cast(st, tf.float32)
tf.sparse.map_values(tf.multiply, st, 3)
tf.sparse.map_values(tf.ones_like, st)
st.with_values(st.values * 10)
# products
tf.sparse.sparse_dense_matmul(sf, tf.ones([4, 2]))
tf.sparse.sparse_dense_matmul(sf, tf.ones([3, 2]), adjoint_a=True)
tf.sparse.sparse_dense_matmul(sf, tf.ones([2, 4]), adjoint_b=True)
tf.sparse.sparse_dense_matmul(tf.ones([2, 3]), sf)
tf.sparse.sparse_dense_matmul(n, tf.ones([3, 2], tf.int32))
tf.sparse.sparse_dense_matmul(n, tf.ones([4, 2]))
tf.sparse.sparse_dense_matmul(tf.SparseTensor([[0, 0]], [1.0], [2, 2]), tf.ones([3, 2]))
a = tf.SparseTensor(indices=[[0, 0], [1, 1], [2, 0]], values=[2.0, 3.0, 4.0], dense_shape=[3, 2])
b = tf.constant([[1.0, 2.0], [3.0, 4.0]])
tf.sparse.sparse_dense_matmul(a, b)
tf.matmul(tf.sparse.to_dense(a), b)
# reductions
tf.sparse.reduce_sum(st)
tf.sparse.reduce_sum(st, axis=1)
tf.sparse.reduce_sum(st, axis=0, keepdims=True)
tf.sparse.reduce_sum(st, axis=1, output_is_sparse=True)
tf.sparse.reduce_max(st, axis=1)
tf.sparse.reduce_max(st)
tf.sparse.reduce_max(n, axis=1)
tf.sparse.reduce_max(n, axis=0)
tf.sparse.reduce_max(n)
tf.sparse.reduce_max(n, axis=1, output_is_sparse=True)
tf.sparse.reduce_sum(n, axis=1, output_is_sparse=True)
tf.sparse.reduce_sum(n, axis=-1, keepdims=True)
# slicing and reshaping
tf.sparse.slice(st, [0, 0], [2, 3])
tf.sparse.slice(n, [1, 1], [5, 5])
tf.sparse.retain(st, [True, False])
tf.sparse.retain(n, [True, False])
tf.sparse.reshape(st, [4, 3])
tf.sparse.reshape(st, [-1])
tf.sparse.reshape(n, [-1, 2])
tf.sparse.reshape(n, [5, 5])
tf.sparse.transpose(st)
tf.sparse.transpose(n, [1, 0])
tf.sparse.concat(0, [st, st])
tf.sparse.concat(1, [st, st])
tf.sparse.concat(axis=1, sp_inputs=[st, st])
tf.sparse.concat(0, [n, tf.SparseTensor([[0, 0]], [1], [3, 5])])
tf.sparse.fill_empty_rows(st, 0)
tf.sparse.fill_empty_rows(tf.SparseTensor([[1, 0], [3, 2]], [1.0, 2.0], [5, 3]), -1.0)
tf.sparse.expand_dims(st, 0)
tf.sparse.expand_dims(st, -1)
tf.sparse.expand_dims(n, 1)
tf.sparse.to_indicator(tf.SparseTensor([[0, 0], [1, 0]], [1, 3], [2, 2]), 4)
tf.sparse.eye(3)
# specs
tf.SparseTensorSpec(shape=[3, 4], dtype=tf.int32)
tf.SparseTensorSpec([None, 4], tf.float32)
tf.SparseTensorSpec()
# a bag-of-words example
words = tf.SparseTensor(indices=[[0, 1], [0, 3], [1, 0], [2, 2]], values=[1.0, 2.0, 1.0, 3.0], dense_shape=[3, 5])
embedding = tf.reshape(tf.range(10, dtype=tf.float32), [5, 2])
tf.sparse.sparse_dense_matmul(words, embedding)
tf.sparse.reduce_sum(words, axis=1)
tf.sparse.to_dense(words)

# more sparse tensors
st = tf.SparseTensor(indices=[[0, 3], [2, 4]], values=[10, 20], dense_shape=[3, 10])
st
tf.sparse.to_dense(st)
tf.sparse.reduce_sum(st, axis=0)
tf.sparse.slice(st, [0, 2], [3, 3])
tf.sparse.transpose(st)
tf.sparse.reorder(tf.sparse.concat(1, [st, st]))
tf.sparse.from_dense(tf.eye(3))
tf.sparse.to_dense(tf.sparse.eye(2, 3, dtype=tf.int32))
sp3 = tf.SparseTensor([[0, 0, 0], [1, 1, 2]], [1.0, 2.0], [2, 2, 3])
sp3
tf.sparse.to_dense(sp3)
tf.sparse.reduce_sum(sp3, axis=[1, 2])
tf.sparse.reduce_sum(sp3, axis=2)
tf.sparse.reshape(sp3, [2, 6])
tf.sparse.transpose(sp3, [2, 0, 1])
st2 = tf.sparse.SparseTensor(indices=[[0, 1], [1, 0]], values=[1.0, 2.0], dense_shape=[2, 2])
w = tf.Variable([[1.0, 2.0], [3.0, 4.0]])
with tf.GradientTape() as tape:
    y = tf.reduce_sum(tf.sparse.sparse_dense_matmul(st2, w))
tape.gradient(y, w)
