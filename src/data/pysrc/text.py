

# Text sources: tf.data.TextLineDataset (one string per line of each file, the line
# ending removed) and Dataset.list_files (the files matching a pattern, shuffled unless
# told otherwise, as TensorFlow shuffles them with a buffer of all the names).


import os.path as _os_path


def _filenames(filenames, what):
    t = _tf.convert_to_tensor(filenames)
    if t.dtype != _tf.string:
        raise TypeError("The `%s` argument must contain `tf.string` elements. Got `%r` elements." % (what, t.dtype))
    if t.shape.rank > 1:
        raise TypeError("`%s` must be a `tf.Tensor` of rank 0 or 1, but got shape %s." % (what, t.shape))
    return _tf.reshape(t, [-1])


def _lines_of(data):
    b = data.numpy()
    if not b:
        return []
    lines = b.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return [l[:-1] if l.endswith(b"\r") else l for l in lines]


class TextLineDatasetV2(DatasetV2):
    __module__ = "tensorflow.python.data.ops.readers"

    def __init__(self, filenames, compression_type=None, buffer_size=None,
                 num_parallel_reads=None, name=None):
        if compression_type not in (None, "", "NONE"):
            raise NotImplementedError("tensh reads uncompressed text files only (compression_type=%r)" % (compression_type,))
        self._files = _filenames(filenames, "filenames")
        self._spec = TensorSpec([], _tf.string)

    def _elements(self):
        for f in self._files:
            path = f.numpy().decode()
            if not _os_path.isfile(path):
                raise _tf.errors.NotFoundError(
                    None, None,
                    "{{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:localhost/replica:0/task:0/device:CPU:0}} %s; No such file or directory [Op:IteratorGetNext] name:" % path)
            for line in _lines_of(_tf.io.read_file(f)):
                yield _tf.constant(line)


def _list_files(file_pattern, shuffle=None, seed=None, name=None):
    names = _tf.io.matching_files(file_pattern)
    if int(_tf.size(names)) == 0:
        pattern = _tf.convert_to_tensor(file_pattern)
        raise _tf.errors.InvalidArgumentError(
            None, None,
            "Expected 'tf.Tensor(False, shape=(), dtype=bool)' to be true. Summarized data: b'No files matched pattern: %s'"
            % ", ".join(p.decode() for p in _tf.reshape(pattern, [-1]).numpy()))
    ds = DatasetV2.from_tensor_slices(names)
    if shuffle is None or shuffle:
        ds = ds.shuffle(int(_tf.size(names)), seed=seed)
    return ds


DatasetV2.list_files = staticmethod(_list_files)
TextLineDataset = TextLineDatasetV2
