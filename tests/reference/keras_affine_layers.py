import tensorflow as tf
import numpy as np
img = tf.reshape(tf.range(5 * 6 * 2, dtype=tf.float32), [1, 5, 6, 2])
batch = tf.reshape(tf.range(2 * 4 * 4 * 1, dtype=tf.float32), [2, 4, 4, 1])
rot = tf.keras.layers.RandomRotation(0.2, seed=3)
rot(img)
rot(img)
rot(batch)
tf.keras.layers.RandomRotation((-0.1, 0.3), fill_mode='constant', fill_value=-1.0, seed=7)(batch)
tf.keras.layers.RandomRotation(0.5, fill_mode='wrap', interpolation='nearest', seed=11)(img)
tf.keras.layers.RandomRotation(0.25, fill_mode='nearest', seed=5)(img[0])
rot(img, training=False)
rot.get_config()
zoom = tf.keras.layers.RandomZoom(0.3, seed=4)
zoom(img)
zoom(batch)
tf.keras.layers.RandomZoom((-0.5, -0.2), (0.1, 0.4), fill_mode='constant', seed=8)(batch)
tf.keras.layers.RandomZoom(0.9, fill_mode='reflect', interpolation='nearest', seed=12)(img)
tf.keras.layers.RandomZoom(0.2, seed=1).get_config()
tr = tf.keras.layers.RandomTranslation(0.3, 0.4, seed=6)
tr(img)
tr(batch)
tf.keras.layers.RandomTranslation((-0.5, 0.5), 0.2, fill_mode='wrap', seed=9)(batch)
tf.keras.layers.RandomTranslation(0.9, 0.9, fill_mode='constant', interpolation='nearest', seed=10)(img)
tf.keras.layers.RandomTranslation(0.1, 0.2).get_config()
u8 = tf.cast(tf.reshape(tf.range(16) * 10, [1, 4, 4, 1]), tf.uint8)
tf.keras.layers.RandomRotation(0.1, seed=2)(u8)
try:
    tf.keras.layers.RandomRotation(0.1, fill_mode='mirror')
except NotImplementedError as e:
    print(e)
try:
    tf.keras.layers.RandomRotation(0.1, interpolation='bicubic')
except NotImplementedError as e:
    print(e)
try:
    tf.keras.layers.RandomRotation((0.3, 0.1))
except ValueError as e:
    print(e)
try:
    tf.keras.layers.RandomZoom(1.5)
except ValueError as e:
    print(e)
try:
    tf.keras.layers.RandomZoom(0.2, -1.5)
except ValueError as e:
    print(e)
try:
    tf.keras.layers.RandomTranslation(0.2, 1.2)
except ValueError as e:
    print(e)
try:
    tf.keras.layers.RandomTranslation((0.3, 0.1), 0.2)
except ValueError as e:
    print(e)
aug = tf.keras.Sequential([
    tf.keras.layers.RandomFlip('horizontal', seed=1),
    tf.keras.layers.RandomRotation(0.1, seed=2),
    tf.keras.layers.RandomZoom(0.1, seed=3),
])
aug(batch, training=True)
model = tf.keras.Sequential([
    tf.keras.layers.Input((4, 4, 1)),
    tf.keras.layers.RandomRotation(0.1),
    tf.keras.layers.RandomZoom(0.1),
    tf.keras.layers.RandomTranslation(0.1, 0.1),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(2),
])
model.summary()
model.predict(batch, verbose=0).shape
