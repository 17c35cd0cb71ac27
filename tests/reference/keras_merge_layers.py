import numpy as np
import tensorflow as tf
from tensorflow.keras import layers
a = tf.constant([[1., 2.], [3., 4.]])
b = tf.constant([[5., 6.], [7., 8.]])
c = tf.constant([[1., 2., 3.], [4., 5., 6.]])
layers.Add()([a, b]), layers.Subtract()([a, b]), layers.Multiply()([a, b])
layers.Average()([a, b]), layers.Maximum()([a, b]), layers.Minimum()([a, b])
layers.Add()([a, b, a]), layers.Multiply()([a, b, a]), layers.Average()([a, b, a])
layers.Maximum()([tf.constant([[1., 5.]]), tf.constant([[3., 4.]]), tf.constant([[0., 6.]])])
layers.Minimum()([tf.constant([[1., 5.]]), tf.constant([[3., 4.]]), tf.constant([[0., 6.]])])
layers.Add()([a]), layers.Multiply()((a, b))
add = layers.Add()
add.name, add.built, add.get_config()
add([a, b]).shape, add.built, add.count_params(), add.weights
add(a)
layers.Add()(a)
layers.Subtract()(a)
layers.Subtract()([a])
layers.Subtract()([a, b, a])
layers.Add()([a, c])
layers.Multiply()([a, tf.constant([1., 2.])])
layers.Maximum()([a, tf.constant([[1.], [2.]])])
layers.Add()([tf.ones((2, 3)), tf.ones((3, 3))])
layers.Add()([tf.ones((2, 3, 2)), tf.ones((2, 3))])
layers.Add()([tf.ones((2, 1, 3)), tf.ones((2, 4, 3))]).shape
layers.Add()([tf.ones((2, 3)), tf.ones((2, 4, 3))]).shape
layers.Add()([tf.ones((2, 1)), tf.ones((2, 3))])
layers.Add()([])
layers.Concatenate()([])
layers.Add()([np.array([1, 2]), np.array([3, 4])])
layers.Add()([tf.constant([1, 2]), tf.constant([1, 2])])
layers.Average()([np.array([1, 2]), np.array([3, 4])])
layers.Subtract()([tf.constant([[1, 5]]), tf.constant([[3, 4]])])
layers.Add()([a, tf.constant([1, 2])])
layers.Add()([tf.constant([[1., 2.]], dtype=tf.float64), tf.constant([[1., 2.]])])
cat = layers.Concatenate()
cat([a, b]), cat.get_config(), cat.axis
layers.Concatenate(axis=0)([a, c[:, :2]])
layers.Concatenate(axis=1)([a, c])
layers.Concatenate(axis=0)([a, c])
layers.Concatenate(axis=1)([tf.ones((2, 1)), tf.zeros((2, 2)), tf.ones((2, 1))])
layers.Concatenate(axis=-2)([tf.ones((1, 1, 2)), tf.zeros((1, 2, 2))])
layers.Concatenate(axis=3)([tf.ones((2, 1)), tf.zeros((2, 2))])
layers.Concatenate()(a)
layers.Concatenate()([tf.constant([1, 2]), tf.constant([1, 2])])
layers.Concatenate(axis=0, name="cat0").get_config()
layers.Dot(axes=1)([a, b])
layers.Dot(axes=1, normalize=True)([a, b])
layers.Dot(axes=(1, 1)).get_config(), layers.Dot(axes=1).get_config()
layers.Dot(1).axes, layers.Dot([1, 1]).axes, layers.Dot(2).normalize
x3 = tf.reshape(tf.range(12, dtype=tf.float32), (2, 3, 2))
y3 = tf.reshape(tf.range(12, dtype=tf.float32), (2, 2, 3))
layers.Dot(axes=(2, 1))([x3, y3])
layers.Dot(axes=(1, 2))([x3, y3])
layers.Dot(axes=2)([x3, x3])
layers.Dot(axes=-1)([tf.ones((2, 3)), tf.ones((2, 3))])
layers.Dot(axes=[-1, -1], normalize=True)([tf.constant([[3., 4.]]), tf.constant([[4., 3.]])])
layers.Dot(axes=1)([tf.ones((2, 3, 4)), tf.ones((2, 3))])
layers.Dot(axes=1)([tf.constant([[1, 2]]), tf.constant([[3, 4]])])
layers.Dot(axes=1)([a, c])
layers.Dot()
layers.Dot(axes=1)([a, b, a])
layers.Dot(axes=1)(a)
layers.Dot(axes="x")
layers.Dot(axes=[1, 2, 3])
layers.Dot(axes=(1, "a"))
d = layers.Dot(1)
d([a, b]).shape
d([tf.ones((2, 2)), tf.ones((3, 2))])
layers.add([a, b]), layers.subtract([a, b]), layers.multiply([a, b])
layers.average([a, b]), layers.maximum([a, b]), layers.minimum([a, b])
layers.concatenate([a, b]), layers.concatenate([a, b], axis=0), layers.concatenate([a, b], 0)
layers.dot([a, b], axes=1), layers.dot([a, b], 1, normalize=True)
layers.add([a, b], name="foo")
layers.add(a)
layers.Subtract(name="s").name, layers.Multiply().get_config()
type(layers.Maximum()).__name__, type(layers.Average()).__name__
m = layers.Multiply()
m.built, m([tf.ones((1, 2)), tf.ones((1, 2))]), m.built, m.count_params()
l2 = layers.Add()
l2([tf.ones((2, 3)), tf.ones((2, 3))]).shape, l2([tf.ones((2, 4)), tf.ones((2, 4))]).shape
x = tf.constant([[1., 2.], [3., 4.]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(x)
    outs = [layers.Add()([x, a]), layers.Subtract()([x, a]), layers.Multiply()([x, b]),
            layers.Average()([x, a]), layers.Maximum()([x, tf.fill((2, 2), 2.5)]),
            layers.Minimum()([x, tf.fill((2, 2), 2.5)]), layers.Concatenate()([x, x * 2.]),
            layers.Dot(1)([x, b]), layers.Dot(1, normalize=True)([x, b])]
    ys = [tf.reduce_sum(o * o) for o in outs]
[tape.gradient(y, x) for y in ys]
