# Random draws: their layout is fixed, their values are not (wildcards in the transcript).
# %%
import tensorflow as tf
# %%
x = tf.random.normal([2, 3])
x
# %%
u = tf.random.uniform([4], minval=0, maxval=10, dtype=tf.int32)
u.shape, u.dtype
# %%
print("mean:", float(tf.reduce_mean(tf.random.normal([10]))))
