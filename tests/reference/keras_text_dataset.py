import os
import tensorflow as tf
root = '/tmp/tensh_textds_case'
for cls, texts in [('pos', ['great movie', 'loved it!', 'a fine film']), ('neg', ['bad', 'awful plot twist'])]:
    os.makedirs(os.path.join(root, cls, 'more'), exist_ok=True)
    for i, t in enumerate(texts):
        with open(os.path.join(root, cls, 'r%d.txt' % i), 'w') as f:
            f.write(t)
    with open(os.path.join(root, cls, 'more', 'extra.txt'), 'w') as f:
        f.write(cls + ' extra')
    with open(os.path.join(root, cls, 'skip.md'), 'w') as f:
        f.write('no')
ds = tf.keras.utils.text_dataset_from_directory(root, batch_size=3, shuffle=False)
print(ds.class_names, ds.element_spec)
for x, y in ds:
    print(x.numpy(), y.numpy())
print(ds.file_paths)
d2 = tf.keras.utils.text_dataset_from_directory(root, batch_size=2, seed=3, max_length=4, label_mode='binary')
print(d2.element_spec)
for x, y in d2:
    print(x.numpy(), y.numpy().ravel())
tr, va = tf.keras.utils.text_dataset_from_directory(root, validation_split=0.4, subset='both', seed=2, batch_size=8)
print([list(x.numpy()) for x, _ in tr], [list(x.numpy()) for x, _ in va])
d3 = tf.keras.preprocessing.text_dataset_from_directory(root, labels=None, shuffle=False, batch_size=None)
print(d3.element_spec, [t.numpy() for t in d3])
try:
    tf.keras.utils.text_dataset_from_directory(root, validation_split=0.2, subset='training')
except ValueError as e:
    print(e)
try:
    tf.keras.utils.text_dataset_from_directory(root, label_mode='sparse')
except ValueError as e:
    print(e)
try:
    tf.keras.utils.text_dataset_from_directory(root, validation_split=1.5, subset='training', seed=1)
except ValueError as e:
    print(e)
