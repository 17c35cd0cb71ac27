# Gradients of the image ops: RGB to HSV (TensorFlow's piecewise formula), HSV to RGB
# (none), AdjustHue and AdjustSaturation (no gradient registered: LookupError), and the
# projective transform under RandomRotation, RandomZoom and RandomTranslation.
import tensorflow as tf
import numpy as np

img = tf.constant([[[0.2, 0.5, 0.7], [0.9, 0.1, 0.3], [0.4, 0.4, 0.1]],
                   [[0.0, 0.0, 0.0], [0.5, 0.5, 0.5], [0.3, 0.8, 0.8]],
                   [[0.6, 0.2, 0.6], [0.0, 0.3, 0.9], [1.0, 0.0, 0.0]]])
with tf.GradientTape() as t:
    t.watch(img)
    hsv = tf.image.rgb_to_hsv(img)
print(t.gradient(hsv, img))
w = tf.constant([0.3, -1.2, 0.7])
with tf.GradientTape() as t:
    t.watch(img)
    loss = tf.reduce_sum(tf.image.rgb_to_hsv(img) * w)
print(t.gradient(loss, img))
img64 = tf.cast(img, tf.float64)
with tf.GradientTape() as t:
    t.watch(img64)
    hsv = tf.image.rgb_to_hsv(img64)
print(t.gradient(hsv, img64))
with tf.GradientTape() as t:
    t.watch(img)
    rgb = tf.image.hsv_to_rgb(img)
print(t.gradient(rgb, img))
for f in [lambda x: tf.image.adjust_hue(x, 0.2), lambda x: tf.image.adjust_saturation(x, 1.5)]:
    try:
        with tf.GradientTape() as t:
            t.watch(img)
            y = f(img)
        t.gradient(y, img)
    except LookupError as e:
        print(type(e).__name__, e)
with tf.GradientTape() as t:
    t.watch(img)
    y = tf.image.adjust_brightness(img, 0.1) * 2.0
print(t.gradient(y, img))

x = tf.reshape(tf.range(2 * 5 * 5, dtype=tf.float32), [2, 5, 5, 1]) / 10.0
weights = tf.reshape(tf.range(2 * 5 * 5, dtype=tf.float32) % 7.0, [2, 5, 5, 1])
for layer in [tf.keras.layers.RandomRotation(0.2, seed=3),
              tf.keras.layers.RandomRotation(0.3, fill_mode='constant', interpolation='nearest', seed=5),
              tf.keras.layers.RandomZoom(0.3, seed=7),
              tf.keras.layers.RandomZoom((-0.3, -0.1), fill_mode='wrap', seed=2),
              tf.keras.layers.RandomTranslation(0.2, 0.2, fill_mode='nearest', seed=11),
              tf.keras.layers.RandomTranslation(0.3, 0.1, fill_mode='constant', seed=4)]:
    tf.random.set_seed(1)
    with tf.GradientTape() as t:
        t.watch(x)
        out = layer(x, training=True)
        loss = tf.reduce_sum(out * weights)
    print(np.round(t.gradient(loss, x).numpy()[..., 0], 4))
