import tensorflow as tf
import numpy as np
inputs = tf.keras.Input(shape=(8, 8, 1))
inputs
print(inputs)
type(inputs)
inputs.shape
inputs.dtype
inputs.name
type(inputs).__name__
x = tf.keras.layers.Conv2D(4, 3, padding='same')(inputs)
x
y = tf.keras.layers.Conv2D(4, 1)(inputs)
z = tf.keras.layers.Add()([x, y])
z = tf.keras.layers.ReLU()(z)
z2 = z / 2.0
z2
z3 = tf.nn.relu(z2)
z3
z4 = z3 + z2
z5 = tf.reduce_mean(z4, axis=[1, 2])
z5
out = tf.keras.layers.Dense(10, activation='softmax')(z5)
model = tf.keras.Model(inputs=inputs, outputs=out)
type(model)
model.summary()
model.name
[l.name for l in model.layers]
[type(l).__name__ for l in model.layers]
model.inputs
model.outputs
model.input_shape
model.output_shape
model.input
model.output
model.get_layer('conv2d').name
model.get_layer(index=1).name
len(model.weights)
[w.name for w in model.weights]
[w.shape for w in model.weights]
model.count_params()
len(model.trainable_weights), len(model.non_trainable_weights)
isinstance(model, tf.keras.Model)
isinstance(model, tf.keras.layers.Layer)
r = model(tf.ones([2, 8, 8, 1]))
r.shape
m2 = tf.keras.Model(inputs, [out, z5], name='two')
m2.summary()
o = m2(tf.ones([2, 8, 8, 1]))
type(o), len(o), o[1].shape
m2.output_shape
m2.outputs
a = tf.keras.Input(shape=(4,), name='a')
b = tf.keras.Input(shape=(4,))
b.name
c = tf.keras.Input((3,), batch_size=8, dtype='int32')
c
c.dtype
tf.keras.layers.InputLayer(input_shape=(2,)).name
a + b
a - b
a * 2
2 * a
a / 2
2 / a
a // 2
a ** 2
-a
abs(a)
a @ tf.ones([4, 4])
a[:, 0]
a[:, :2]
a > 0
a < 1
tf.concat([a, b], axis=1)
tf.reshape(a, [-1, 2, 2])
tf.expand_dims(a, 1)
tf.nn.softmax(a)
tf.sigmoid(a)
tf.matmul(a, tf.ones([4, 2]))
tf.square(a)
tf.add(a, b)
tf.math.sqrt(a)
tf.keras.activations.relu(a)
tf.cast(a, tf.int32)
len(a)
a.shape[1]
tf.split(a, 2, axis=1)
d = tf.keras.layers.Dense(3)
o1 = d(a)
o2 = d(b)
d.output
d.input
d.input_shape
d.output_shape
m = tf.keras.Model([a, b], o1 + o2)
m.summary()
m.name
[l.name for l in m.layers]
m.input_shape
m.input_names if hasattr(m, 'input_names') else None
m2 = tf.keras.Model(inputs=a, outputs=o1)
m2.name
tf.keras.Model(inputs=a, outputs=o2)
tf.keras.Model(inputs=[a], outputs=[o1])([tf.ones([1, 4])]).shape
s = tf.keras.Sequential([tf.keras.Input(shape=(4,)), tf.keras.layers.Dense(2)])
s.summary()
[l.name for l in s.layers]
s.input_shape
inner = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(4,))])
z = inner(a)
z
mm = tf.keras.Model(a, tf.keras.layers.Dense(1)(z))
mm.summary()
mm.get_layer('nope')
mm.get_layer(index=9)
mm.get_layer()
tf.keras.Model(a, 3)
tf.keras.Model(3, o1)
mm(tf.ones([2, 5]))
mm(tf.ones([2, 4])).shape
mm(np.ones([3, 4])).shape
mm([tf.ones([2, 4]), tf.ones([2, 4])])
m([tf.ones([2, 4]), tf.ones([2, 4])]).shape
m({'a': tf.ones([2, 4]), 'input_1': tf.ones([2, 4])}).shape
