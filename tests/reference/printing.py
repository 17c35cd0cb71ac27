import tensorflow as tf
tf.constant([float("nan"), 1.0, float("-inf")]), tf.constant([float("inf"), -2.5])
print(tf.constant([[float("nan"), 1e10], [1e-10, float("inf")]]))
tf.constant([]), tf.zeros([0, 3]), tf.zeros([2, 0], dtype=tf.int32).numpy(), tf.constant([], dtype=tf.int64).numpy()
tf.constant(1e-5), tf.constant(123456789.0), tf.constant(1e16), tf.constant(-0.0001), tf.constant(0.1, dtype=tf.float64)
tf.constant([1e-5, 1.0]), tf.constant([1.0, 1001.0]), tf.constant([1.0, 999.0]), tf.constant([1.5, 1e8])
tf.constant([123456.789, 0.001]), tf.constant([0.1, 0.25, 1.0 / 3], dtype=tf.float64)
tf.constant([0.001953125, 1.0], dtype=tf.float64), tf.constant([0.123456785, 1.0], dtype=tf.float64)
tf.range(2000), tf.reshape(tf.range(2000, dtype=tf.float32), [40, 50]) / 7
print(tf.reshape(tf.range(3000), [10, 10, 30]))
tf.reshape(tf.range(1001), [7, 11, 13]) if False else tf.reshape(tf.range(1001 * 2), [2, 7, 11, 13])
tf.constant([[True, False], [False, True]]), tf.constant(True), print(tf.constant([True, False]))
tf.constant([255, 0, 17], dtype=tf.uint8), tf.constant([[-1, 100000], [3, -4]], dtype=tf.int64)
tf.constant([2147483647, -2147483648]), tf.constant(10 ** 12)
tf.reshape(tf.range(40, dtype=tf.float64), [2, 20]) / 3
tf.fill([3, 30], 0.5)
print(tf.fill([3, 30], -0.125), tf.fill([1, 26], 12345))
tf.reshape(tf.range(24, dtype=tf.float32), [2, 3, 4]) * 0.1
tf.constant([[1.0, -2.0], [3.0, 4.5]]).numpy(), tf.constant([1, 2]).numpy(), tf.constant(1.5).numpy(), tf.constant(7, dtype=tf.int64).numpy()
tf.constant([1e-9, 5.0]).numpy(), tf.constant([0.5]).numpy(), print(tf.constant([[0.5, 1e-9]]).numpy())
tf.constant(3.0) / 7, tf.constant(1.0) / 3 * 1e-5, tf.constant(2.0, dtype=tf.float64) / 3
