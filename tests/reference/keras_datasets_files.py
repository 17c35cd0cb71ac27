# tf.keras.datasets loaders: files looked for under ~/.keras/datasets, checked against Keras's hashes (an outdated file is re-downloaded, here in vain, and removed).
import os
import shutil
import numpy as np
import tensorflow as tf
home = "/tmp/tensh_keras_datasets_home"
shutil.rmtree(home, ignore_errors=True)
os.makedirs(os.path.join(home, ".keras", "datasets"))
os.environ["HOME"] = home
cache = os.path.join(home, ".keras", "datasets")
try:
    tf.keras.datasets.boston_housing.load_data()
except Exception as e:
    print(type(e).__name__)
rng = np.random.RandomState(5)
np.savez(os.path.join(cache, "mnist.npz"),
         x_train=rng.randint(0, 256, (6, 28, 28)).astype(np.uint8), y_train=np.array([5, 0, 4, 1, 9, 2], dtype=np.uint8),
         x_test=rng.randint(0, 256, (2, 28, 28)).astype(np.uint8), y_test=np.array([7, 2], dtype=np.uint8))
try:
    tf.keras.datasets.mnist.load_data()
except Exception as e:
    print(type(e).__name__)
print(sorted(os.listdir(cache)))
np.savez(os.path.join(cache, "boston_housing.npz"), x=np.arange(40.0).reshape(20, 2), y=np.arange(20.0) * 1.5)
try:
    tf.keras.datasets.boston_housing.load_data(test_split=0.25, seed=7)
except Exception as e:
    print(type(e).__name__)
print(sorted(os.listdir(cache)))
for name in ["fashion_mnist", "cifar10", "cifar100", "imdb", "reuters"]:
    try:
        getattr(tf.keras.datasets, name).load_data()
    except Exception as e:
        print(name, type(e).__name__)
try:
    tf.keras.datasets.boston_housing.load_data(test_split=1.5)
except Exception as e:
    print(type(e).__name__)
from tensorflow.keras.datasets import mnist
try:
    (p, q), _ = mnist.load_data()
except Exception as e:
    print(type(e).__name__)
print(tf.keras.datasets.mnist.load_data.__name__)
print(tf.keras.datasets.reuters.get_label_names()[:5])
shutil.rmtree(home)
