# tf.keras.datasets: the loaders of Keras 2.15, reading the files Keras keeps in
# ~/.keras/datasets (get_file fails as Keras's download fails when one is missing, saying
# where to put it). mnist and boston_housing read .npz archives, fashion_mnist gzipped IDX
# files; the loaders of pickled data (cifar10, cifar100, imdb, reuters) find their files
# the same way, but tensh cannot read pickles yet.

import os as _os
import numpy as _np
import tensorflow as _tf

_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"


def _get_file(fname, origin, **kwargs):
    return _tf.keras.utils.get_file(fname, origin=origin, **kwargs)


def mnist_load_data(path="mnist.npz"):
    path = _get_file(path, _ORIGIN + "mnist.npz",
                     file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1")
    with _np.load(path, allow_pickle=True) as f:
        x_train, y_train = f["x_train"], f["y_train"]
        x_test, y_test = f["x_test"], f["y_test"]
        return (x_train, y_train), (x_test, y_test)


def fashion_mnist_load_data():
    dirname = _os.path.join("datasets", "fashion-mnist")
    files = [
        "train-labels-idx1-ubyte.gz",
        "train-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz",
    ]
    paths = []
    for fname in files:
        paths.append(_get_file(fname, _ORIGIN + fname, cache_subdir=dirname))
    y_train = _gz_bytes(paths[0], 8)
    x_train = _gz_bytes(paths[1], 16).reshape(len(y_train), 28, 28)
    y_test = _gz_bytes(paths[2], 8)
    x_test = _gz_bytes(paths[3], 16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)


def boston_housing_load_data(path="boston_housing.npz", test_split=0.2, seed=113):
    assert 0 <= test_split < 1
    path = _get_file(path, _ORIGIN + "boston_housing.npz",
                     file_hash="f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5")
    with _np.load(path, allow_pickle=True) as f:
        x = f["x"]
        y = f["y"]
    rng = _np.random.RandomState(seed)
    indices = rng.permutation(len(x))
    x = x[indices]
    y = y[indices]
    cut = int(len(x) * (1 - test_split))
    return (_np.array(x[:cut]), _np.array(y[:cut])), (_np.array(x[cut:]), _np.array(y[cut:]))


def _pickled(what):
    raise NotImplementedError(
        "tensh cannot read the pickled files of %s yet (Keras stores it as Python pickles)" % what)


def cifar10_load_data():
    _get_file("cifar-10-batches-py", "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
              untar=True)
    _pickled("cifar10")


def cifar100_load_data(label_mode="fine"):
    if label_mode not in ["fine", "coarse"]:
        raise ValueError('`label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode=%s.' % label_mode)
    _get_file("cifar-100-python", "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz",
              untar=True)
    _pickled("cifar100")


def imdb_load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
                   start_char=1, oov_char=2, index_from=3, **kwargs):
    if kwargs:
        raise TypeError("Unrecognized keyword arguments: %s." % str(kwargs))
    _get_file(path, _ORIGIN + "imdb.npz")
    _pickled("imdb")


def _word_index(path, fname):
    import json
    path = _get_file(path, _ORIGIN + fname)
    with open(path) as f:
        return json.load(f)


def imdb_get_word_index(path="imdb_word_index.json"):
    return _word_index(path, "imdb_word_index.json")


def reuters_load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None,
                      test_split=0.2, seed=113, start_char=1, oov_char=2, index_from=3, **kwargs):
    if kwargs:
        raise TypeError("Unrecognized keyword arguments: %s." % str(kwargs))
    _get_file(path, _ORIGIN + "reuters.npz")
    _pickled("reuters")


def reuters_get_word_index(path="reuters_word_index.json"):
    return _word_index(path, "reuters_word_index.json")


def reuters_get_label_names():
    return ('cocoa', 'grain', 'veg-oil', 'earn', 'acq', 'wheat', 'copper', 'housing',
            'money-supply', 'coffee', 'sugar', 'trade', 'reserves', 'ship', 'cotton',
            'carcass', 'crude', 'nat-gas', 'cpi', 'money-fx', 'interest', 'gnp', 'meal-feed',
            'alum', 'oilseed', 'gold', 'tin', 'strategic-metal', 'livestock', 'retail', 'ipi',
            'iron-steel', 'rubber', 'heat', 'jobs', 'lei', 'bop', 'zinc', 'orange', 'pet-chem',
            'dlr', 'gas', 'silver', 'wpi', 'hog', 'lead')


for _f, _name in [(mnist_load_data, "load_data"), (fashion_mnist_load_data, "load_data"),
                  (boston_housing_load_data, "load_data"), (cifar10_load_data, "load_data"),
                  (cifar100_load_data, "load_data"), (imdb_load_data, "load_data"),
                  (imdb_get_word_index, "get_word_index"), (reuters_load_data, "load_data"),
                  (reuters_get_word_index, "get_word_index"),
                  (reuters_get_label_names, "get_label_names")]:
    _f.__name__ = _name
    _f.__qualname__ = _name
