# keras.utils.timeseries_dataset_from_array (also keras.preprocessing's): sliding windows
# over a series as a dataset. Window i holds rows start + p_i + k * sampling_rate
# (k < sequence_length) of `data`, and its target is row start + p_i of `targets`, where
# p_i = i * sequence_stride, shuffled by numpy's RandomState(seed) when asked. Windows
# are made as the dataset is iterated; like Keras's, their length is unknown to the spec.

import numpy as _np


class _WindowsDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.map_op"

    def __init__(self, rows, positions, width, step, single):
        self._rows = rows
        self._positions = positions
        self._width = width
        self._step = step
        self._single = single
        shape = list(rows.shape[1:]) if single else [None] + list(rows.shape[1:])
        self._spec = TensorSpec(shape, rows.dtype)

    def _card(self):
        return len(self._positions)

    def _elements(self):
        for p in self._positions:
            p = int(p)
            if self._single:
                yield _tf.gather(self._rows, p)
            else:
                stop = p + self._width * self._step
                yield _tf.gather(self._rows, _tf.range(p, stop, self._step))


def _window_checks(n, start_index, end_index, sampling_rate, sequence_stride):
    if start_index:
        if start_index < 0:
            raise ValueError("`start_index` must be 0 or greater. Received: "
                             "start_index=%s" % (start_index,))
        if start_index >= n:
            raise ValueError("`start_index` must be lower than the length of the data. "
                             "Received: start_index=%s, for data of length %s" % (start_index, n))
    if end_index:
        if start_index and end_index <= start_index:
            raise ValueError("`end_index` must be higher than `start_index`. Received: "
                             "start_index=%s, and end_index=%s " % (start_index, end_index))
        if end_index >= n:
            raise ValueError("`end_index` must be lower than the length of the data. "
                             "Received: end_index=%s, for data of length %s" % (end_index, n))
        if end_index <= 0:
            raise ValueError("`end_index` must be higher than 0. Received: "
                             "end_index=%s" % (end_index,))
    for name, v in (("sampling_rate", sampling_rate), ("sequence_stride", sequence_stride)):
        if v <= 0:
            raise ValueError("`%s` must be higher than 0. Received: %s=%s" % (name, name, v))
        if v >= n:
            raise ValueError("`%s` must be lower than the length of the data. Received: "
                             "%s=%s, for data of length %s" % (name, name, v, n))


def timeseries_dataset_from_array(data, targets, sequence_length, sequence_stride=1,
                                  sampling_rate=1, batch_size=128, shuffle=False, seed=None,
                                  start_index=None, end_index=None):
    n = len(data)
    _window_checks(n, start_index, end_index, sampling_rate, sequence_stride)
    start = start_index or 0
    end = n if end_index is None else end_index
    count = end - start - (sequence_length - 1) * sampling_rate
    if targets is not None:
        count = min(count, len(targets))
    positions = _np.arange(0, count, sequence_stride,
                           dtype="int32" if count < 2147483647 else "int64")
    if shuffle:
        if seed is None:
            seed = _np.random.randint(1000000)
        _np.random.RandomState(seed).shuffle(positions)
    rows = _tf.convert_to_tensor(data[start:end])
    ds = _WindowsDataset(rows, positions, sequence_length, sampling_rate, False)
    if targets is not None:
        labels = _WindowsDataset(_tf.convert_to_tensor(targets[start:end]), positions,
                                 1, 1, True)
        ds = DatasetV2.zip((ds, labels))
    return _batched(ds, batch_size, shuffle, seed, False)


def _batched(ds, batch_size, shuffle, seed, prefetch_last):
    # Keras's batching of its dataset utilities: a local shuffle of 8 batches (1024
    # elements unbatched); image datasets are prefetched after batching, the others before.
    if not prefetch_last:
        ds = ds.prefetch(AUTOTUNE)
    if batch_size is not None:
        if shuffle:
            ds = ds.shuffle(buffer_size=batch_size * 8, seed=seed)
        ds = ds.batch(batch_size)
    elif shuffle:
        ds = ds.shuffle(buffer_size=1024, seed=seed)
    return ds.prefetch(AUTOTUNE) if prefetch_last else ds
