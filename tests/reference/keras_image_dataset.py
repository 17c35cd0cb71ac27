import os
import numpy as np
import tensorflow as tf
root = '/tmp/tensh_imgds_case'
for cls, n in [('cats', 3), ('dogs', 4), ('birds', 2)]:
    os.makedirs(os.path.join(root, cls), exist_ok=True)
    for i in range(n):
        img = (np.arange(6 * 5 * 3).reshape(6, 5, 3) * (i + 1) % 256).astype(np.uint8)
        tf.io.write_file(os.path.join(root, cls, 'img%d.png' % i), tf.io.encode_png(img))
open(os.path.join(root, 'dogs', 'notes.txt'), 'w').write('not an image')
ds = tf.keras.utils.image_dataset_from_directory(root, image_size=(4, 4), batch_size=4, shuffle=False)
print(ds.class_names)
print(ds.element_spec)
for x, y in ds:
    print(x.shape, x.dtype, y.numpy())
print(ds.file_paths[:3] if hasattr(ds, 'file_paths') else None)
x0 = next(iter(ds))[0][0]
print(np.round(x0[:, :, 0].numpy(), 3))
d2 = tf.keras.utils.image_dataset_from_directory(root, image_size=(3, 3), batch_size=2, shuffle=True, seed=7, label_mode='categorical')
print(d2.element_spec)
print([y.numpy().argmax(-1).tolist() for _, y in d2])
tr = tf.keras.utils.image_dataset_from_directory(root, validation_split=0.3, subset='training', seed=1, image_size=(2, 2))
va = tf.keras.utils.image_dataset_from_directory(root, validation_split=0.3, subset='validation', seed=1, image_size=(2, 2))
print(len(list(tr.unbatch())), len(list(va.unbatch())))
d3 = tf.keras.preprocessing.image_dataset_from_directory(root, labels=None, image_size=(2, 2), color_mode='grayscale', batch_size=None, shuffle=False)
print(d3.element_spec, len(list(d3)))
d4 = tf.keras.utils.image_dataset_from_directory(root, label_mode='binary', image_size=(2, 2), class_names=['cats', 'dogs'], shuffle=False)
print(d4.element_spec, [y.numpy().ravel().tolist() for _, y in d4])
tf.keras.utils.image_dataset_from_directory('/tmp/no_such_dir_tensh')
