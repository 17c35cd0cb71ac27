import tensorflow as tf
import numpy as np
from tensorflow.keras import mixed_precision
mixed_precision.global_policy()
p = mixed_precision.Policy('mixed_float16')
p
p.name, p.compute_dtype, p.variable_dtype
mixed_precision.Policy('float64')
try:
    mixed_precision.Policy('float17')
except ValueError as e:
    print(e)
try:
    mixed_precision.set_global_policy('int32')
except ValueError as e:
    print(e)
mixed_precision.set_global_policy('mixed_float16')
mixed_precision.global_policy()
layer = tf.keras.layers.Dense(3, kernel_initializer='ones', bias_initializer='zeros')
layer.dtype, layer.compute_dtype, layer.variable_dtype
layer.dtype_policy
y = layer(tf.constant([[1.0, 2.0], [0.5, -1.0]]))
y
layer.kernel
layer.kernel.dtype
out = tf.keras.layers.Activation('softmax', dtype='float32')
out.dtype_policy
out(y)
model = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation='relu', input_shape=(3,), kernel_initializer='ones'),
    tf.keras.layers.Dense(2, kernel_initializer='ones'),
    tf.keras.layers.Activation('softmax', dtype='float32'),
])
[l.dtype_policy.name for l in model.layers]
model(tf.ones([2, 3])).dtype
model.layers[0](tf.ones([2, 3])).dtype
model.summary()
tf.keras.layers.Dense(1, dtype='float32').dtype_policy
tf.keras.layers.Dense(1, dtype='mixed_bfloat16').compute_dtype
mixed_precision.set_global_policy('float32')
mixed_precision.global_policy()
tf.keras.layers.Dense(1).dtype_policy
