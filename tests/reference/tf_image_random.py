# tf.image's random augmentations, seeded (global and op seeds) and stateless, drawing as
# TensorFlow's do.
import tensorflow as tf
img = tf.reshape(tf.range(3 * 4 * 3, dtype=tf.float32), [3, 4, 3]) / 36.0
batch = tf.stack([img, img * 0.5, 1.0 - img, img * img])
u8 = tf.cast(tf.reshape(tf.range(3 * 4 * 3) * 7 % 256, [3, 4, 3]), tf.uint8)
tf.random.set_seed(1)
tf.image.random_flip_left_right(img)[..., 0]
tf.image.random_flip_left_right(img)[..., 0]
tf.image.random_flip_left_right(batch, seed=3)[:, 0, :, 0]
tf.image.random_flip_up_down(batch, seed=4)[:, :, 0, 0]
tf.image.random_flip_up_down(img, seed=5)[..., 0]
tf.image.random_brightness(img, 0.2)[0]
tf.image.random_brightness(u8, 0.3, seed=2)[0]
tf.image.random_contrast(img, 0.2, 1.8, seed=3)[0]
tf.image.random_saturation(img, 0.5, 1.5, seed=4)[1]
tf.image.random_hue(img, 0.2, seed=5)[1]
tf.image.random_crop(img, [2, 2, 3], seed=6)
tf.image.random_crop(batch, [2, 2, 2, 3], seed=7)[..., 0]
tf.image.random_crop(img, [4, 2, 3])
tf.image.random_brightness(img, -0.1)
tf.image.random_contrast(img, 0.5, 0.2)
tf.image.random_contrast(img, -0.5, 0.2)
tf.image.random_hue(img, 0.7)
tf.image.random_saturation(img, 2.0, 1.0)
tf.image.stateless_random_flip_left_right(img, seed=(1, 2))[..., 0]
tf.image.stateless_random_flip_left_right(batch, seed=[3, 4])[:, 0, :, 0]
tf.image.stateless_random_flip_up_down(batch, seed=(5, 6))[:, :, 0, 0]
tf.image.stateless_random_brightness(img, 0.2, seed=(1, 2))[0]
tf.image.stateless_random_contrast(img, 0.2, 1.8, seed=(1, 2))[0]
tf.image.stateless_random_saturation(img, 0.2, 1.8, seed=(3, 2))[1]
tf.image.stateless_random_hue(img, 0.3, seed=(9, 9))[1]
tf.image.stateless_random_crop(img, [2, 3, 3], seed=(1, 2))[..., 0]
tf.image.stateless_random_crop(batch, size=[2, 2, 2, 3], seed=(4, 2))[..., 0]
ds = tf.data.Dataset.from_tensor_slices(batch).map(lambda x: tf.image.stateless_random_flip_left_right(x, seed=(1, 1)))
[x[0, :, 0].numpy().tolist() for x in ds]
