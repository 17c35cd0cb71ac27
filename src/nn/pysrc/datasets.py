# tf.keras.datasets: the loaders of Keras 2.15, reading the files Keras keeps in
# ~/.keras/datasets (get_file fails as Keras's download fails when one is missing, saying
# where to put it). mnist and boston_housing read .npz archives, fashion_mnist gzipped IDX
# files; cifar10 and cifar100 read the pickled batches of the extracted tar.gz, imdb and
# reuters .npz archives of object arrays (pickled lists).

import os as _os
import pickle as _pickle
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


def _load_batch(fpath, label_key="labels"):
    with open(fpath, "rb") as f:
        d = _pickle.load(f, encoding="bytes")
        d_decoded = {}
        for k, v in d.items():
            d_decoded[k.decode("utf8")] = v
        d = d_decoded
    data = d["data"]
    labels = d[label_key]
    data = data.reshape(data.shape[0], 3, 32, 32)
    return data, labels


def cifar10_load_data():
    dirname = "cifar-10-batches-py"
    origin = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    path = _get_file(dirname, origin, untar=True,
                     file_hash="6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce")
    num_train_samples = 50000
    x_train = _np.empty((num_train_samples, 3, 32, 32), dtype="uint8")
    y_train = _np.empty((num_train_samples,), dtype="uint8")
    for i in range(1, 6):
        fpath = _os.path.join(path, "data_batch_" + str(i))
        (x_train[(i - 1) * 10000: i * 10000, :, :, :],
         y_train[(i - 1) * 10000: i * 10000]) = _load_batch(fpath)
    fpath = _os.path.join(path, "test_batch")
    x_test, y_test = _load_batch(fpath)
    y_train = _np.reshape(y_train, (len(y_train), 1))
    y_test = _np.reshape(y_test, (len(y_test), 1))
    if _tf.keras.backend.image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    x_test = x_test.astype(x_train.dtype)
    y_test = y_test.astype(y_train.dtype)
    return (x_train, y_train), (x_test, y_test)


def cifar100_load_data(label_mode="fine"):
    if label_mode not in ["fine", "coarse"]:
        raise ValueError('`label_mode` must be one of `"fine"`, `"coarse"`. Received: label_mode=%s.' % label_mode)
    dirname = "cifar-100-python"
    origin = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
    path = _get_file(dirname, origin, untar=True,
                     file_hash="85cd44d02ba6437773c5bbd22e183051d648de2e7d6b014e1ef29b855ba677a7")
    fpath = _os.path.join(path, "train")
    x_train, y_train = _load_batch(fpath, label_key=label_mode + "_labels")
    fpath = _os.path.join(path, "test")
    x_test, y_test = _load_batch(fpath, label_key=label_mode + "_labels")
    y_train = _np.reshape(y_train, (len(y_train), 1))
    y_test = _np.reshape(y_test, (len(y_test), 1))
    if _tf.keras.backend.image_data_format() == "channels_last":
        x_train = x_train.transpose(0, 2, 3, 1)
        x_test = x_test.transpose(0, 2, 3, 1)
    return (x_train, y_train), (x_test, y_test)


def _remove_long_seq(maxlen, seq, label):
    new_seq, new_label = [], []
    for x, y in zip(seq, label):
        if len(x) < maxlen:
            new_seq.append(x)
            new_label.append(y)
    return new_seq, new_label


def _sequences_kwargs(kwargs, num_words):
    if "nb_words" in kwargs:
        _tf.get_logger().warning(
            "The `nb_words` argument in `load_data` has been renamed `num_words`.")
        num_words = kwargs.pop("nb_words")
    return num_words


def imdb_load_data(path="imdb.npz", num_words=None, skip_top=0, maxlen=None, seed=113,
                   start_char=1, oov_char=2, index_from=3, **kwargs):
    num_words = _sequences_kwargs(kwargs, num_words)
    if kwargs:
        raise TypeError("Unrecognized keyword arguments: %s." % str(kwargs))
    path = _get_file(path, _ORIGIN + "imdb.npz",
                     file_hash="69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f")
    with _np.load(path, allow_pickle=True) as f:
        x_train, labels_train = f["x_train"], f["y_train"]
        x_test, labels_test = f["x_test"], f["y_test"]
    rng = _np.random.RandomState(seed)
    indices = _np.arange(len(x_train))
    rng.shuffle(indices)
    x_train = x_train[indices]
    labels_train = labels_train[indices]
    indices = _np.arange(len(x_test))
    rng.shuffle(indices)
    x_test = x_test[indices]
    labels_test = labels_test[indices]
    if start_char is not None:
        x_train = [[start_char] + [w + index_from for w in x] for x in x_train]
        x_test = [[start_char] + [w + index_from for w in x] for x in x_test]
    elif index_from:
        x_train = [[w + index_from for w in x] for x in x_train]
        x_test = [[w + index_from for w in x] for x in x_test]
    if maxlen:
        x_train, labels_train = _remove_long_seq(maxlen, x_train, labels_train)
        x_test, labels_test = _remove_long_seq(maxlen, x_test, labels_test)
        if not x_train or not x_test:
            raise ValueError("After filtering for sequences shorter than maxlen="
                             "%s, no sequence was kept. Increase maxlen." % str(maxlen))
    xs = x_train + x_test
    labels = _np.concatenate([labels_train, labels_test])
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    idx = len(x_train)
    x_train, y_train = _np.array(xs[:idx], dtype="object"), labels[:idx]
    x_test, y_test = _np.array(xs[idx:], dtype="object"), labels[idx:]
    return (x_train, y_train), (x_test, y_test)


def _word_index(path, fname):
    import json
    path = _get_file(path, _ORIGIN + fname)
    with open(path) as f:
        return json.load(f)


def imdb_get_word_index(path="imdb_word_index.json"):
    return _word_index(path, "imdb_word_index.json")


def reuters_load_data(path="reuters.npz", num_words=None, skip_top=0, maxlen=None,
                      test_split=0.2, seed=113, start_char=1, oov_char=2, index_from=3, **kwargs):
    num_words = _sequences_kwargs(kwargs, num_words)
    if kwargs:
        raise TypeError("Unrecognized keyword arguments: %s" % str(kwargs))
    path = _get_file(path, _ORIGIN + "reuters.npz",
                     file_hash="d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916")
    with _np.load(path, allow_pickle=True) as f:
        xs, labels = f["x"], f["y"]
    rng = _np.random.RandomState(seed)
    indices = _np.arange(len(xs))
    rng.shuffle(indices)
    xs = xs[indices]
    labels = labels[indices]
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    if maxlen:
        xs, labels = _remove_long_seq(maxlen, xs, labels)
    if not num_words:
        num_words = max(max(x) for x in xs)
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x] for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    idx = int(len(xs) * (1 - test_split))
    x_train, y_train = _np.array(xs[:idx], dtype="object"), _np.array(labels[:idx])
    x_test, y_test = _np.array(xs[idx:], dtype="object"), _np.array(labels[idx:])
    return (x_train, y_train), (x_test, y_test)


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
