# tf.image: resizing with every method, flips, rotations, crops and pads, dtype conversion,
# color conversions and adjustments, and image measures, as course notebooks use them.
import tensorflow as tf
import numpy as np
img = tf.reshape(tf.range(4 * 5 * 3, dtype=tf.float32), [4, 5, 3]) / 60.0
batch = tf.stack([img, 1.0 - img])
u8 = tf.cast(tf.reshape(tf.range(4 * 5 * 3) * 4 % 256, [4, 5, 3]), tf.uint8)
tf.image.resize(img, [3, 3])
tf.image.resize(img, [6, 7])
tf.image.resize(batch, [2, 2]).shape
tf.image.resize(img, [6, 7], method='nearest')
tf.image.resize(u8, [3, 4], method='nearest')
tf.image.resize(u8, [3, 4])
tf.image.resize(img, [6, 7], method='bicubic')
tf.image.resize(img, [3, 3], method='bicubic')
tf.image.resize(img, [3, 3], method='area')
tf.image.resize(img, [7, 9], method='area')
tf.image.resize(img, [3, 3], method='lanczos3')
tf.image.resize(img, [6, 8], method='lanczos5')
tf.image.resize(img, [3, 3], method='gaussian')
tf.image.resize(img, [6, 8], method='mitchellcubic')
tf.image.resize(img, [2, 3], antialias=True)
tf.image.resize(img, [2, 3], method='bicubic', antialias=True)
tf.image.resize(img, [2, 3], method='lanczos3', antialias=True)
tf.image.resize(img, [2, 2], method=tf.image.ResizeMethod.NEAREST_NEIGHBOR)
tf.image.resize(img, [8, 8], preserve_aspect_ratio=True).shape
tf.image.resize(img, [2, 9], preserve_aspect_ratio=True)
tf.image.resize(np.ones([2, 2, 1]), [3, 3])
tf.image.resize(tf.ones([2, 2, 1], tf.float64), [3, 3], method='nearest').dtype
tf.image.resize(img, [3, 3], method='cubic')
tf.image.resize(tf.ones([4, 4]), [2, 2])
tf.image.resize(img, [3])
tf.image.resize(img, [0, 3])
tf.image.ResizeMethod.BILINEAR, tf.image.ResizeMethod.AREA, tf.image.ResizeMethod.LANCZOS3
tf.image.resize_with_pad(img, 6, 6)
tf.image.resize_with_pad(img, 2, 4, method='nearest')
tf.image.resize_with_crop_or_pad(img, 2, 7)
tf.image.resize_with_crop_or_pad(batch, 6, 3).shape
tf.image.central_crop(img, 0.5)
tf.image.central_crop(batch, 0.6).shape
tf.image.central_crop(img, 1.5)
tf.image.crop_to_bounding_box(img, 1, 1, 2, 3)
tf.image.crop_to_bounding_box(img, 3, 1, 2, 3)
tf.image.pad_to_bounding_box(u8[:, :, :1], 1, 2, 6, 8)[..., 0]
tf.image.pad_to_bounding_box(img, 1, 2, 4, 8)
tf.image.crop_and_resize(batch, [[0.0, 0.0, 1.0, 1.0], [0.2, 0.1, 0.7, 0.9]], [0, 1], [3, 2])
tf.image.crop_and_resize(batch, [[-0.5, 0.0, 0.5, 1.0]], [1], [3, 3], method='nearest', extrapolation_value=-1.0)
p = tf.reshape(tf.range(1, 26), [1, 5, 5, 1])
tf.image.extract_patches(p, [1, 3, 3, 1], [1, 2, 2, 1], [1, 1, 1, 1], 'VALID')
tf.image.extract_patches(p, sizes=[1, 2, 2, 1], strides=[1, 3, 3, 1], rates=[1, 1, 1, 1], padding='SAME')
tf.image.extract_patches(p, [1, 2, 2, 1], [1, 2, 2, 1], [1, 2, 2, 1], 'VALID')
tf.image.flip_left_right(u8)[0]
tf.image.flip_up_down(u8)[:, 0]
tf.image.flip_left_right(batch).shape
tf.image.flip_left_right(tf.ones([2, 2]))
tf.image.rot90(u8[:, :, 0:1])[..., 0]
tf.image.rot90(u8[:, :, 0:1], k=2)[..., 0]
tf.image.rot90(u8[:, :, 0:1], k=3)[..., 0]
tf.image.rot90(batch, k=-1).shape
tf.image.transpose(u8)[..., 0]
tf.image.transpose(batch).shape
tf.image.convert_image_dtype(u8, tf.float32)[0]
tf.image.convert_image_dtype(img, tf.uint8)[1]
tf.image.convert_image_dtype(img * 2, tf.uint8, saturate=True)[3]
tf.image.convert_image_dtype(img * 2, tf.uint8)[3]
tf.image.convert_image_dtype(u8, tf.int32)[0, 0]
tf.image.convert_image_dtype(tf.constant([2 ** 30, 2 ** 31 - 1]), tf.uint8)
tf.image.convert_image_dtype(img, tf.float64).dtype
tf.image.convert_image_dtype(tf.constant([True]), tf.float32)
tf.image.convert_image_dtype(img, tf.bool)
tf.image.rgb_to_grayscale(img)[..., 0]
tf.image.rgb_to_grayscale(u8)[..., 0]
tf.image.grayscale_to_rgb(tf.image.rgb_to_grayscale(u8)).shape
tf.image.grayscale_to_rgb(img)
hsv = tf.image.rgb_to_hsv(img)
hsv[1]
tf.image.hsv_to_rgb(hsv)[1]
tf.image.rgb_to_hsv(tf.constant([[[0.2, 0.2, 0.2], [1.0, 0.0, 0.5], [0.1, 0.9, 0.3], [0.0, 0.0, 0.0]]], tf.float64))
tf.image.rgb_to_hsv(u8)
tf.image.rgb_to_hsv(tf.ones([2, 2]))
tf.image.rgb_to_yuv(img)[0]
tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(img))[0]
tf.image.rgb_to_yiq(img)[0]
tf.image.adjust_brightness(img, 0.3)[0]
tf.image.adjust_brightness(u8, 0.3)[0]
tf.image.adjust_brightness(u8, -0.1)[0]
tf.image.adjust_contrast(img, 2.0)[0]
tf.image.adjust_contrast(u8, 0.5)[0]
tf.image.adjust_contrast(batch, 1.5)[1, 2]
tf.image.adjust_saturation(img, 0.5)[1]
tf.image.adjust_saturation(u8, 3.0)[1]
tf.image.adjust_hue(img, 0.2)[1]
tf.image.adjust_hue(u8, -0.4)[1]
tf.image.adjust_hue(img, 2.0)
tf.image.adjust_gamma(img, 2.0)[0]
tf.image.adjust_gamma(u8, 0.5, gain=1.2)[0]
tf.image.adjust_gamma(img, -1.0)
tf.image.per_image_standardization(img)[0]
tf.image.per_image_standardization(u8)[0]
tf.image.per_image_standardization(batch).shape
tf.image.per_image_standardization(tf.ones([2, 2, 1]))
tf.image.total_variation(img)
tf.image.total_variation(batch)
tf.image.psnr(img, img * 0.9, max_val=1.0)
tf.image.psnr(batch, batch[::-1], 1.0)
tf.image.psnr(u8, u8 // 2, 255)
big = tf.reshape(tf.range(16 * 16 * 3, dtype=tf.float32) % 17 / 17.0, [16, 16, 3])
tf.image.ssim(big, big * 0.8, max_val=1.0)
tf.image.ssim(big, tf.image.flip_left_right(big), 1.0, filter_size=5)
tf.image.ssim(tf.stack([big, big]), tf.stack([big, 1 - big]), 1.0)
bigger = tf.reshape(tf.range(48 * 48 * 1, dtype=tf.float32) % 23 / 23.0, [48, 48, 1])
tf.image.ssim_multiscale(bigger, bigger * 0.9, 1.0, filter_size=3)
dy, dx = tf.image.image_gradients(batch)
dy[0, :, :, 0]
dx[1, :, :, 1]
tf.image.image_gradients(img)
tf.image.sobel_edges(batch)[0, :, :, 0, :]
tf.image.sobel_edges(batch).shape
