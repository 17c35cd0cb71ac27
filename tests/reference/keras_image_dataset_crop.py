import os
import numpy as np
import tensorflow as tf
root = '/tmp/tensh_imgds_crop'
for cls, n in [('a', 2), ('b', 2)]:
    os.makedirs(os.path.join(root, cls), exist_ok=True)
    for i in range(n):
        img = (np.arange(10 * 7 * 3).reshape(10, 7, 3) * (i + 2) % 256).astype(np.uint8)
        tf.io.write_file(os.path.join(root, cls, 'p%d.png' % i), tf.io.encode_png(img))
d = tf.keras.utils.image_dataset_from_directory(root, image_size=(4, 6), crop_to_aspect_ratio=True, shuffle=False, batch_size=4)
x, y = next(iter(d))
print(x.shape, np.round(x[0, :, :, 0].numpy(), 3).tolist())
d = tf.keras.utils.image_dataset_from_directory(root, image_size=(5, 3), interpolation='nearest', shuffle=False, color_mode='grayscale')
print(d.element_spec)
x, y = next(iter(d))
print(x.dtype, x[1, :, :, 0].numpy().tolist(), y.numpy())
d = tf.keras.utils.image_dataset_from_directory(root, image_size=(3, 3), interpolation='area', shuffle=False, color_mode='rgba', batch_size=None, label_mode='categorical')
print(d.element_spec, [np.round(im.numpy()[1, 1], 2).tolist() for im, _ in d.take(2)])
print(d.class_names, len(d.file_paths))
tf.keras.utils.image_dataset_from_directory(root, color_mode='cmyk')
tf.keras.utils.image_dataset_from_directory(root, labels=[0, 1, 0, 1], class_names=['a', 'b'])
tf.keras.utils.image_dataset_from_directory(root, labels='auto')
tf.keras.utils.image_dataset_from_directory(root, foo=1)
tf.keras.utils.image_dataset_from_directory(root, labels=[0] * 3)
print(tf.keras.utils.image_dataset_from_directory(root, labels=[0, 1, 0, 1], shuffle=False))
print(tf.keras.utils.image_dataset_from_directory(root, batch_size=None, seed=1))
print(tf.keras.utils.text_dataset_from_directory(root))
tf.keras.utils.text_dataset_from_directory(root, labels='auto')
