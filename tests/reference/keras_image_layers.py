# Keras's image preprocessing layers: Resizing, CenterCrop, RandomCrop, RandomFlip,
# RandomContrast, RandomBrightness, with seeds, training on and off, configs, and in a
# Sequential model with its summary.
import tensorflow as tf
import numpy as np
img = tf.reshape(tf.range(4 * 6 * 3, dtype=tf.float32), [4, 6, 3])
batch = tf.stack([img, img * 0.5, img + 1.0])
r = tf.keras.layers.Resizing(2, 3)
r(img)
r(batch).shape
tf.keras.layers.Resizing(3, 3, interpolation='nearest')(img)[..., 0]
tf.keras.layers.Resizing(5, 4, interpolation='bicubic')(batch).shape
tf.keras.layers.Resizing(2, 2, crop_to_aspect_ratio=True)(img)[..., 0]
r.get_config()
r.compute_output_shape((None, 10, 10, 3))
tf.keras.layers.Resizing(2, 2, interpolation='spline')
c = tf.keras.layers.CenterCrop(2, 4)
c(img)[..., 0]
c(batch).shape
tf.keras.layers.CenterCrop(6, 6)(img)[..., 0]
c.get_config()
f = tf.keras.layers.RandomFlip('horizontal', seed=3)
f(img)[..., 0]
f(img)[..., 0]
f(batch)[:, 0, :, 0]
f(batch, training=False)[:, 0, :, 0]
f.get_config()
fv = tf.keras.layers.RandomFlip('vertical', seed=11)
fv(batch)[:, :, 0, 0]
fb = tf.keras.layers.RandomFlip(seed=5)
fb(batch)[:, :, :, 0]
tf.keras.layers.RandomFlip('diagonal')
rc = tf.keras.layers.RandomCrop(2, 3, seed=7)
rc(img)[..., 0]
rc(batch)[:, :, :, 0]
rc(batch, training=False)[:, :, :, 0]
rc.get_config()
ct = tf.keras.layers.RandomContrast(0.5, seed=1)
ct(img)[..., 0]
ct(batch)[:, :, :, 1]
ct.get_config()
tf.keras.layers.RandomContrast(1.5)
tf.keras.layers.RandomContrast((0.1, 0.3), seed=2)(batch)[0, 0]
b = tf.keras.layers.RandomBrightness(0.2, seed=4)
b(img)[..., 0]
b(batch)[:, 0, :, 0]
b(batch, training=False)[:, 0, :, 0]
b.get_config()
tf.keras.layers.RandomBrightness((-0.1, 0.3), value_range=(0, 1), seed=9)(batch / 100.0)[:, 0, 0]
tf.keras.layers.RandomBrightness(2.0)
tf.keras.layers.RandomBrightness(0.1, value_range=5)
model = tf.keras.Sequential([tf.keras.Input((8, 8, 3)), tf.keras.layers.Resizing(6, 6), tf.keras.layers.Rescaling(1. / 255), tf.keras.layers.RandomFlip('horizontal', seed=1), tf.keras.layers.RandomContrast(0.2, seed=2), tf.keras.layers.CenterCrop(4, 4), tf.keras.layers.Conv2D(2, 3), tf.keras.layers.Flatten(), tf.keras.layers.Dense(1)])
model.summary()
[type(l).__name__ for l in model.layers]
x = tf.reshape(tf.range(2 * 8 * 8 * 3, dtype=tf.float32), [2, 8, 8, 3])
model(x).shape
aug = tf.keras.Sequential([tf.keras.layers.RandomFlip('horizontal', seed=8), tf.keras.layers.RandomBrightness(0.3, seed=6)])
aug(batch, training=True)[:, 0, :, 0]
aug(batch)[:, 0, :, 0]
aug.predict(batch, verbose=0)[:, 0, :, 0]
