import tensorflow as tf
x = tf.reshape(tf.range(24), [2, 3, 4])
tf.reshape(x, [4, -1]), tf.reshape(x, (-1,)), tf.reshape(x, [2, -1, 2]).shape
tf.reshape(x, [5, 5])
tf.reshape(x, [-1, -1])
tf.transpose(x), tf.transpose(x, [0, 2, 1]).shape
tf.transpose(x, [0, 1])
tf.expand_dims(x, -1).shape, tf.expand_dims(x, 1).shape, tf.squeeze(tf.ones([1, 2, 1])).shape
tf.squeeze(x, 0)
tf.concat([x, x], -1).shape, tf.stack([x, x], axis=-1).shape, tf.stack([1, 2, 3])
tf.stack([tf.ones([2]), tf.ones([3])])
[t.shape for t in tf.unstack(x, axis=2)], len(tf.unstack(x))
tf.split(x, 2, axis=0)[1], [t.shape for t in tf.split(x, [1, -1], axis=2)]
tf.split(x, 5, axis=2)
tf.tile(tf.constant([[1, 2]]), [2, 2]), tf.pad(tf.constant([[1, 2], [3, 4]]), [[1, 0], [0, 1]], constant_values=9)
tf.pad(tf.constant([[1, 2, 3], [4, 5, 6]]), [[1, 1], [2, 2]], mode="SYMMETRIC")
tf.broadcast_to(tf.constant([[1], [2]]), [2, 3]), tf.reverse(tf.constant([[1, 2], [3, 4]]), [1])
tf.broadcast_to(tf.constant([1, 2]), [3, 3])
x[0, 1], x[:, -1], x[1, ::-1, ::2], x[..., 1:3].shape, x[:, None, 0].shape, x[-1, -1, -1]
x[0, 5]
x[0, 0, 0, 0]
x[::2, 1:-1, 3:0:-1]
tf.range(10)[2:8:3], tf.range(10)[8:2:-2], tf.range(10)[-3:], tf.range(10)[:-7:-1], tf.range(5)[10:]
tf.gather(x, [1, 0], axis=1).shape, tf.gather(tf.constant([5, 6, 7]), [[0, 2], [1, 1]])
tf.gather(tf.constant([5, 6, 7]), [3])
tf.gather_nd(x, [[0, 1, 2], [1, 2, 3]]), tf.gather_nd(x, [[1, 0]])
tf.boolean_mask(tf.constant([[1, 2], [3, 4], [5, 6]]), [True, False, True])
tf.where(tf.constant([[1, 0], [0, 2]]) > 0), tf.where(tf.constant([True, False]), tf.constant([1, 2]), tf.constant([3, 4]))
tf.where(tf.constant([[True], [False]]), tf.ones([2, 3]), tf.zeros([1, 3]))
tf.scatter_nd([[0], [2], [0]], [1.0, 2.0, 3.0], [4])
tf.one_hot([1, 0, 2], 3, axis=0), tf.one_hot([0, 5], 3), tf.one_hot([1], 2, dtype=tf.int64)
tf.meshgrid([1, 2], [3, 4, 5])
tf.sort(tf.constant([[3, 1, 2], [9, 8, 7]]), direction="DESCENDING"), tf.argsort(tf.constant([2.0, 1.0, 2.0, 0.5]))
tf.math.top_k(tf.constant([[1, 5, 3], [4, 2, 6]]), k=2)
tf.unique(tf.constant([1.5, 0.5, 1.5])), tf.unique_with_counts(tf.constant([2, 2, 2]))
tf.eye(3), tf.eye(2, 3, dtype=tf.int32), tf.linspace(1.0, 2.0, 4), tf.range(1, 2, 0.25), tf.range(5, 0, -2)
tf.range(0, 5, -1)
tf.zeros([2, 0]), tf.ones([0]), tf.fill([2, 2], 7.5), tf.zeros_like(tf.constant([1, 2])), tf.ones_like(x, dtype=tf.float64)[0, 0]
tf.constant(3, shape=[2, 2]), tf.constant([1, 2, 3, 4], shape=(2, 2)), tf.constant(2.5, dtype=tf.float64)
tf.constant([1, 2, 3], shape=[2, 2])
tf.constant([[1, 2], [3]])
tf.cast(tf.constant([1.9, -1.9]), tf.int32), tf.cast(tf.constant([0, 2]), tf.bool), tf.cast(tf.constant([True, False]), tf.float32)
tf.convert_to_tensor([1, 2], dtype=tf.float64), tf.convert_to_tensor(3.0), tf.convert_to_tensor([[True]])
tf.shape(x), tf.rank(x), tf.size(x), x.shape, x.shape[1], x.shape.as_list(), x.ndim, x.dtype, len(x)
tf.TensorShape([2, None]), str(tf.TensorShape([2, None])), tf.TensorShape(None), tf.TensorShape([]), tf.TensorShape([5])
v = tf.Variable([1.0, 2.0], name="v")
v, v.name, v.shape, v.dtype, v.trainable, v.numpy(), v + 1, v * v
v.assign([3.0, 4.0]), v.assign_add([1.0, 1.0]), v.assign_sub([0.5, 0.5]), v
v.assign([1.0])
tf.Variable(3), tf.Variable(tf.zeros([2]), trainable=False).trainable, tf.Variable(1.0, dtype=tf.float64)
tf.float32, tf.int64, tf.float32.name, tf.int32.is_integer, tf.bool.is_floating, tf.float64 == tf.float64, str(tf.uint8)
for row in tf.constant([[1, 2], [3, 4]]):
    print(row)
list(tf.constant([1.5, 2.5])), float(tf.constant(2.5)), int(tf.constant(7)), bool(tf.constant(0))
bool(tf.constant([1, 2]))
len(tf.constant(3))
tf.constant([1.0, 2.0]).numpy(), tf.constant(3).numpy(), tf.constant([[1]]).numpy().shape, tf.constant(2.5).numpy() * 2
