# A tour of tensors: creation, printing, indexing, arithmetic and the errors on the way.
# %%
import tensorflow as tf
import numpy as np
# %%
x = tf.reshape(tf.range(12, dtype=tf.float32), [3, 4]) / 7
print(x)
x
# %%
x[1:, ::2], x[..., -1], x.shape, x.dtype
# %%
tf.reduce_sum(x, axis=0), tf.reduce_mean(x), tf.argmax(x, axis=1)
# %%
y = tf.constant([[1, 2], [3, 4]])
y @ y, y // 3, y % 3, y / 2
# %%
y + 0.5
# %%
tf.concat([y, y], axis=1), tf.stack([y, y]).shape, tf.transpose(y)
# %%
for row in tf.unstack(y):
    print(row.numpy(), int(tf.reduce_sum(row)))
# %%
tf.reshape(y, [3, -1])
# %%
z = tf.constant([1e-5, 1.0, 1e5])
z, z.numpy(), np.float32(1.5) if False else float(z[1])
# %%
v = tf.Variable([1.0, 2.0], name="w")
v.assign_add([0.5, 0.5])
print(v.name, v.numpy())
# %%
tf.sqrt(tf.constant([4.0, 2.0])), tf.exp(tf.constant([0.0, 1.0])), tf.nn.softmax(tf.constant([[1.0, 1.0, 1.0]]))
# %%
print(f"{float(tf.reduce_max(x)):.4f}", "{:>8.3f}".format(float(x[0, 1])), "%d items" % tf.size(x))
