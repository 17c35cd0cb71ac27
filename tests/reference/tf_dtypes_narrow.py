import tensorflow as tf
import numpy as np
h = tf.constant([1.5, 2.25, -3.0], dtype=tf.float16)
h
print(h)
h.numpy()
h[0]
tf.constant(0.1, tf.float16)
tf.constant(0.1, tf.float16).numpy()
float(tf.constant(0.1, tf.float16))
tf.constant([0.1, 0.2, 0.3], dtype=tf.float16)
tf.constant(65504, dtype=tf.float16)
tf.cast(tf.constant(70000.0), tf.float16)
tf.constant(70000.0, dtype=tf.float16)
tf.constant([1e-7, 6e-8, 1e-8], dtype=tf.float16)
tf.constant([5.96e-8, 1e-4, 0.5], tf.float16)
tf.constant(1 / 3, dtype=tf.float16)
tf.constant([[1, 2], [3, 4]], dtype=tf.float16)
print(tf.constant([[0.5, 1.25], [-2.0, 1000.0]], dtype=tf.float16))
tf.constant([1.0, 2.0], dtype=tf.float16) + tf.constant([0.5, 0.25], dtype=tf.float16)
h * h
h / tf.constant([3.0, 3.0, 3.0], dtype=tf.float16)
h - 1
h * 2.5
h // tf.constant(2.0, dtype=tf.float16)
h % tf.constant(2.0, dtype=tf.float16)
-h
tf.reduce_sum(h)
tf.reduce_mean(h)
tf.constant([60000.0, 60000.0], dtype=tf.float16) + tf.constant([10000.0, -10000.0], dtype=tf.float16)
tf.reduce_sum(tf.constant([40000.0, 40000.0], dtype=tf.float16))
m = tf.constant([[1.0, 2.0], [3.0, 4.0]], dtype=tf.float16)
tf.matmul(m, m)
tf.nn.relu(h)
tf.sigmoid(h)
tf.exp(h)
tf.sqrt(tf.constant([2.0, 4.0, 10.0], dtype=tf.float16))
tf.math.log(tf.constant([1.0, 2.0, 0.0], dtype=tf.float16))
h > 0
tf.argmax(h)
tf.argmax(tf.constant([3, 9, 1], dtype=tf.int8))
tf.Variable([1.0, 2.0], dtype=tf.float16)
b = tf.constant([1.5, 0.1, 3.14159, 1000.5], dtype=tf.bfloat16)
b
print(b)
b.numpy()
tf.constant(0.1, dtype=tf.bfloat16)
float(tf.constant(0.1, tf.bfloat16))
tf.constant([123456.0, 1e-8], tf.bfloat16)
tf.constant([[1.5, 1e-8], [3e20, 1]], tf.bfloat16)
tf.cast(tf.constant([1.0, 2.0, 257.0]), tf.bfloat16)
tf.cast(b, tf.float32)
tf.constant(1.0, tf.bfloat16) / 3
tf.reduce_sum(b)
i8 = tf.constant([100, -100, 27], dtype=tf.int8)
i8
print(i8)
i8.numpy()
print(tf.constant([[1, 2], [3, 4]], tf.int8))
i8 + i8
i8 - tf.constant([100, 100, 100], tf.int8)
i8 // tf.constant(7, tf.int8)
i8 % tf.constant(7, tf.int8)
i8 / tf.constant(7, tf.int8)
tf.constant([7, -7], tf.int8) // tf.constant([2, 2], tf.int8)
tf.constant([7, -7], tf.int8) % tf.constant([-2, 2], tf.int8)
-tf.constant(-128, tf.int8)
tf.reduce_sum(i8)
tf.reduce_sum(tf.constant([100, 100, 100], tf.int8))
tf.reduce_mean(tf.constant([100, 101, 50], tf.int8))
tf.cast(tf.constant(300.0), tf.int8)
tf.cast(tf.constant([300.0, -300.0, 127.9, -128.9]), tf.int8)
tf.cast(tf.constant([1e10, -1e10, float('nan')]), tf.int8)
tf.cast(tf.constant([200, 255, 256, -1], tf.int32), tf.int8)
tf.cast(tf.constant([-1, -2], tf.int32), tf.uint8)
tf.cast(tf.constant([-1.0, -2.5]), tf.uint8)
tf.cast(tf.constant([70000.0, -1.0, 1e10]), tf.uint16)
tf.cast(tf.constant(1e10), tf.int32)
tf.cast(tf.constant([5e9, -5e9]), tf.uint32)
tf.cast(tf.constant([-1.0, 1e20, 3e9]), tf.uint64)
tf.cast(i8, tf.float16)
tf.cast(i8, tf.uint8)
i16 = tf.constant([30000, -30000, 5], dtype=tf.int16)
i16
i16 + i16
tf.reduce_sum(i16)
tf.constant([7, 9], tf.int16) / tf.constant(2, tf.int16)
u16 = tf.constant([1, 65535, 40000], dtype=tf.uint16)
u16
u16 + tf.constant(1, tf.uint16)
u16 - tf.constant([2, 0, 0], tf.uint16)
u32 = tf.constant([1, 4294967295], dtype=tf.uint32)
u32
u32 + tf.constant(1, tf.uint32)
u64 = tf.constant([1, 18446744073709551615], dtype=tf.uint64)
u64
print(u64)
tf.constant(3, tf.uint64) - tf.constant(5, tf.uint64)
tf.constant(-1, dtype=tf.uint8)
tf.constant(128, dtype=tf.int8)
tf.constant(1.5, dtype=tf.int8)
tf.math.sqrt(tf.constant([4, 9], tf.int8))
tf.float16.max
tf.float16.min
tf.float16.is_floating
tf.bfloat16.max
tf.int8.max
tf.uint64.max
tf.uint8.is_unsigned
tf.int8.is_unsigned
tf.int8.is_integer
tf.float16.size
tf.float16.name
repr(tf.int8)
tf.int8
str(tf.uint16)
tf.as_dtype('float16')
tf.as_dtype(np.int8)
tf.float16.as_numpy_dtype
tf.int8.as_numpy_dtype
tf.bfloat16.as_numpy_dtype
tf.int8 == np.int8
tf.int8.limits
tf.float16.limits
try:
    tf.constant(1, tf.int8) + tf.constant(1)
except Exception as e:
    print(type(e).__name__, e)
try:
    tf.constant([1.0], tf.float16) * tf.constant([2.0])
except Exception as e:
    print(type(e).__name__, e)
try:
    tf.add(tf.constant(1, tf.uint8), tf.constant(1, tf.int8))
except Exception as e:
    print(type(e).__name__, e)
tf.constant(1, tf.int8) + 1
tf.constant(2.0, tf.float16) * 3
tf.constant([np.int8(5), np.int8(6)])
tf.zeros([2, 2], dtype=tf.float16)
tf.ones([3], dtype=tf.int8)
tf.fill([2], tf.constant(7, tf.uint16))
tf.range(5, dtype=tf.int8)
tf.cast(tf.range(5), tf.int8)
tf.reshape(tf.constant([0, 1, 2, 3, 4, 5], tf.int16), [2, 3])
tf.transpose(tf.constant([[1, 2, 3], [4, 5, 6]], tf.uint8))
tf.concat([i8, i8], axis=0)
tf.gather(u16, [2, 0])
tf.reshape(h, [3, 1]).dtype
tf.keras.mixed_precision.set_global_policy('mixed_float16')
tf.keras.mixed_precision.global_policy()
layer = tf.keras.layers.Dense(3, kernel_initializer='ones')
out = layer(tf.ones([2, 4]))
out.dtype
layer.kernel.dtype
layer.compute_dtype
out
tf.keras.mixed_precision.set_global_policy('float32')
tf.keras.mixed_precision.global_policy()
tf.image.convert_image_dtype(tf.constant([0, 128, 255], tf.uint8), tf.float32)
tf.image.convert_image_dtype(tf.constant([0, 32768, 65535], tf.uint16), tf.float32)
tf.image.convert_image_dtype(tf.constant([0.0, 0.5, 1.0]), tf.uint8)
