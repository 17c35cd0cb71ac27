# keras.utils.image_dataset_from_directory and text_dataset_from_directory (also under
# keras.preprocessing): a directory of class subdirectories as a labelled dataset. Files
# are listed as Keras lists them (class subdirectories in sorted order, each walked with
# its own subdirectories, files sorted, allowed extensions only), shuffled together with
# their labels by numpy's RandomState(seed), split by `validation_split`, then read,
# decoded and resized as the dataset is iterated.

import os as _os

import numpy as _np

_IMAGE_FORMATS = (".bmp", ".gif", ".jpeg", ".jpg", ".png")


def _listing(directory, labels, formats, class_names, shuffle, seed, follow_links):
    """(file paths, labels, class names) of `directory`, Keras's `index_directory`."""
    if labels is None:
        subdirs = [""]
        class_names = subdirs
    else:
        subdirs = [d.rstrip("/") for d in sorted(_tf.io.gfile.listdir(directory))
                   if _tf.io.gfile.isdir(_tf.io.gfile.join(directory, d))]
        if not class_names:
            class_names = subdirs
        elif set(class_names) != set(subdirs):
            raise ValueError("The `class_names` passed did not match the names of the "
                             "subdirectories of the target directory. Expected: %s, but "
                             "received: %s" % (subdirs, class_names))
    index = {name: i for i, name in enumerate(class_names)}
    names, found = [], []
    for sub in subdirs:
        top = _tf.io.gfile.join(directory, sub)
        label = index[_os.path.basename(top)]
        walk = _os.walk(top, followlinks=True) if follow_links else _tf.io.gfile.walk(top)
        for root, _, files in sorted(walk, key=lambda entry: entry[0]):
            for fname in sorted(files):
                if fname.lower().endswith(formats):
                    path = _tf.io.gfile.join(root, fname)
                    names.append(_tf.io.gfile.join(_os.path.basename(top),
                                                   _os.path.relpath(path, top)))
                    found.append(label)
    if labels not in ("inferred", None):
        if len(labels) != len(names):
            raise ValueError("Expected the lengths of `labels` to match the number of files "
                             "in the target directory. len(labels) is %s while we found %s "
                             "files in directory %s." % (len(labels), len(names), directory))
        class_names = sorted(set(labels))
    else:
        labels = _np.array(found, dtype="int32").reshape(len(found))
    print("Found %d files belonging to %d classes." % (len(names), len(class_names)))
    paths = [_tf.io.gfile.join(directory, n) for n in names]
    if shuffle:
        if seed is None:
            seed = _np.random.randint(1000000)
        _np.random.RandomState(seed).shuffle(paths)
        _np.random.RandomState(seed).shuffle(labels)
    return paths, labels, class_names


def _split_checks(validation_split, subset, shuffle, seed):
    if validation_split and not 0 < validation_split < 1:
        raise ValueError("`validation_split` must be between 0 and 1, received: %s"
                         % (validation_split,))
    if (validation_split or subset) and not (validation_split and subset):
        raise ValueError("If `subset` is set, `validation_split` must be set, and inversely.")
    if subset not in ("training", "validation", "both", None):
        raise ValueError('`subset` must be either "training", "validation" or "both", '
                         "received: %s" % (subset,))
    if validation_split and shuffle and seed is None:
        raise ValueError("If using `validation_split` and shuffling the data, you must "
                         "provide a `seed` argument, to make sure that there is no overlap "
                         "between the training and validation subset.")


def _split(paths, labels, validation_split, subset):
    if not validation_split:
        return paths, labels
    n_val = int(validation_split * len(paths))
    if subset == "training":
        print("Using %d files for training." % (len(paths) - n_val,))
        return paths[:-n_val], labels[:-n_val]
    print("Using %d files for validation." % (n_val,))
    return paths[-n_val:], labels[-n_val:]


class _FileMapDataset(DatasetV2):
    # Each path of a list read and converted by `load` into a tensor of spec `spec`.
    __module__ = "tensorflow.python.data.ops.map_op"

    def __init__(self, paths, load, spec):
        self._paths = list(paths)
        self._load = load
        self._spec = spec

    def _card(self):
        return len(self._paths)

    def _elements(self):
        for p in self._paths:
            yield self._load(p)


def _label_dataset(labels, label_mode, num_classes):
    ds = DatasetV2.from_tensor_slices(labels)
    if label_mode == "binary":
        return ds.map(lambda x: _tf.expand_dims(_tf.cast(x, "float32"), axis=-1))
    if label_mode == "categorical":
        return ds.map(lambda x: _tf.one_hot(x, num_classes))
    return ds


def _labels_check(labels, class_names, label_mode, files, samples):
    if labels not in ("inferred", None):
        if not isinstance(labels, (list, tuple)):
            raise ValueError("`labels` argument should be a list/tuple of integer labels, of "
                             "the same size as the number of %s in the target directory. "
                             "If you wish to infer the labels from the subdirectory names in "
                             'the target directory, pass `labels="inferred"`. If you wish to '
                             "get a dataset that only contains %s (no labels), pass "
                             "`labels=None`. Received: labels=%s" % (files, samples, labels))
        if class_names:
            raise ValueError('You can only pass `class_names` if `labels="inferred"`. '
                             "Received: labels=%s, and class_names=%s" % (labels, class_names))
    if label_mode not in {"int", "categorical", "binary", None}:
        raise ValueError('`label_mode` argument must be one of "int", "categorical", '
                         '"binary", or None. Received: label_mode=%s' % (label_mode,))


def _crop_to_aspect(img, size):
    # Keras's smart_resize before the resize: the largest centred box of the target's
    # aspect ratio.
    height, width = int(img.shape[0]), int(img.shape[1])
    th, tw = size
    ch = min(height, int(_np.float32(width * th) / _np.float32(tw)))
    cw = min(width, int(_np.float32(height * tw) / _np.float32(th)))
    top = int(_np.float32(height - ch) / _np.float32(2))
    left = int(_np.float32(width - cw) / _np.float32(2))
    return img[top:top + ch, left:left + cw, :]


def _make(directory, labels, label_mode, class_names, batch_size, shuffle, seed,
          validation_split, subset, follow_links, formats, load, spec, empty, keep_paths):
    _split_checks(validation_split, subset, shuffle, seed)
    if seed is None:
        seed = _np.random.randint(1000000)
    paths, labels, class_names = _listing(directory, labels, formats, class_names, shuffle,
                                          seed, follow_links)
    if label_mode == "binary" and len(class_names) != 2:
        raise ValueError('When passing `label_mode="binary"`, there must be exactly 2 '
                         "class_names. Received: class_names=%s" % (class_names,))

    def build(paths, labels):
        if not paths:
            raise ValueError(empty)
        ds = _FileMapDataset(paths, load, spec)
        if label_mode:
            ds = DatasetV2.zip((ds, _label_dataset(labels, label_mode, len(class_names))))
        ds = _batched(ds, batch_size, shuffle, seed, keep_paths)
        ds.class_names = class_names
        if keep_paths:
            ds.file_paths = paths
        return ds

    if subset == "both":
        train = build(*_split(paths, labels, validation_split, "training"))
        val = build(*_split(paths, labels, validation_split, "validation"))
        return [train, val]
    return build(*_split(paths, labels, validation_split, subset))


def image_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                 class_names=None, color_mode="rgb", batch_size=32,
                                 image_size=(256, 256), shuffle=True, seed=None,
                                 validation_split=None, subset=None, interpolation="bilinear",
                                 follow_links=False, crop_to_aspect_ratio=False, **kwargs):
    if "smart_resize" in kwargs:
        crop_to_aspect_ratio = kwargs.pop("smart_resize")
    if kwargs:
        raise TypeError("Unknown keywords argument(s): %s" % (tuple(kwargs.keys()),))
    _labels_check(labels, class_names, label_mode, "image files", "images")
    if labels is None or label_mode is None:
        labels = None
        label_mode = None
    channels = {"rgb": 3, "rgba": 4, "grayscale": 1}.get(color_mode)
    if channels is None:
        raise ValueError('`color_mode` must be one of {"rgb", "rgba", "grayscale"}. '
                         "Received: color_mode=%s" % (color_mode,))
    interpolation = interpolation.lower()
    size = tuple(image_size)

    def load(path):
        img = _tf.image.decode_image(_tf.io.read_file(path), channels=channels,
                                     expand_animations=False)
        if crop_to_aspect_ratio:
            img = _crop_to_aspect(img, size)
        return _tf.image.resize(img, size, method=interpolation)

    dtype = "uint8" if interpolation == "nearest" else "float32"
    spec = TensorSpec((size[0], size[1], channels), dtype)
    return _make(directory, labels, label_mode, class_names, batch_size, shuffle, seed,
                 validation_split, subset, follow_links, _IMAGE_FORMATS, load, spec,
                 "No images found in directory %s. Allowed formats: %s"
                 % (directory, _IMAGE_FORMATS), True)


def text_dataset_from_directory(directory, labels="inferred", label_mode="int",
                                class_names=None, batch_size=32, max_length=None,
                                shuffle=True, seed=None, validation_split=None, subset=None,
                                follow_links=False):
    _labels_check(labels, class_names, label_mode, "text files", "text samples")
    if labels is None or label_mode is None:
        labels = None
        label_mode = None

    def load(path):
        text = _tf.io.read_file(path)
        if max_length is not None:
            text = _tf.strings.substr(text, 0, max_length)
        return text

    return _make(directory, labels, label_mode, class_names, batch_size, shuffle, seed,
                 validation_split, subset, follow_links, (".txt",), load,
                 TensorSpec((), "string"),
                 "No text files found in directory %s. Allowed format: .txt" % (directory,),
                 False)
