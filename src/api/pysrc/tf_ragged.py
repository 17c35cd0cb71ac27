# tf.RaggedTensor as TensorFlow 2.15 runs it eagerly: a tensor of values (dense, or itself
# ragged) cut into rows by int64 row splits; its factories, attributes, indexing, printing
# (numpy's array2string over the rows, as TensorFlow's repr does) and tf.RaggedTensorSpec.
# numpy's layout is in tf_ragged_format.py, and the functions TensorFlow dispatches to ragged
# tensors in tf_ragged_ops.py, both loaded after this file into the same module.
import tensorflow as tf


def _ints(t):
    """A 1-D int tensor (or list) as a Python list of ints."""
    if isinstance(t, (list, tuple)):
        return [int(x) for x in t]
    return [int(x) for x in t.numpy().tolist()]


def _splits_tensor(splits, dtype):
    return tf.constant(splits, dtype=dtype)


def _is_slice(x):
    return type(x).__name__ == "slice"


def _full_slice(x):
    return _is_slice(x) and x.start is None and x.stop is None and x.step is None


def _slice_indices(key, n):
    """Python's slice.indices(n): (start, stop, step) clamped to a length-n sequence."""
    step = 1 if key.step is None else int(key.step)
    if step == 0:
        raise ValueError("slice step cannot be zero")
    lo, hi = (0, n) if step > 0 else (-1, n - 1)

    def clamp(v, default):
        if v is None:
            return default
        v = int(v)
        if v < 0:
            v += n
            return max(v, lo)
        return min(v, hi)
    start = clamp(key.start, lo if step > 0 else hi)
    stop = clamp(key.stop, hi if step > 0 else lo)
    return start, stop, step


def _invalid(msg):
    raise tf.errors.InvalidArgumentError(None, None, msg)


def _as_values(values):
    if isinstance(values, RaggedTensor):
        return values
    return tf.convert_to_tensor(values)


def _partition(values, splits, dtype=tf.int64):
    return RaggedTensor(values, _splits_tensor(splits, dtype), internal=True)


def _nvals(values):
    if isinstance(values, RaggedTensor):
        return values.nrows_int()
    if len(values.shape) == 0:
        raise ValueError("Shape () must have rank at least 1")
    return values.shape[0]


def _vector(x, what):
    if isinstance(x, tf.Tensor):
        t = x
    elif isinstance(x, (list, tuple)):
        t = tf.constant(x, dtype=tf.int64)
    else:
        t = tf.convert_to_tensor(x)
    if len(t.shape) != 1:
        raise ValueError("Shape %s must have rank 1" % (t.shape,))
    if t.dtype not in (tf.int32, tf.int64):
        raise ValueError("%s must be an integer tensor; dtype=%s" % (what, t.dtype.name))
    return t


class RaggedTensor:
    """Represents a ragged tensor."""

    __module__ = "tensorflow.python.ops.ragged.ragged_tensor"

    def __init__(self, values, row_splits, cached_row_lengths=None, cached_value_rowids=None,
                 cached_nrows=None, internal=False, uniform_row_length=None):
        if not internal:
            raise ValueError("RaggedTensor constructor is private; please use one of the "
                             "factory methods instead (e.g., RaggedTensor.from_row_lengths())")
        self._values = values
        self._row_splits = row_splits

    # ---- factories ----

    @classmethod
    def from_row_splits(cls, values, row_splits, name=None, validate=True):
        values = _as_values(values)
        t = _vector(row_splits, "row_splits")
        splits = _ints(t)
        if validate:
            if not splits or splits[0] != 0:
                _invalid("Arguments to from_row_splits do not form a valid RaggedTensor:zero")
            for i in range(1, len(splits)):
                if splits[i] < splits[i - 1]:
                    _invalid("Arguments to from_row_splits do not form a valid RaggedTensor:monotonic.  ")
            if splits[-1] != _nvals(values):
                _invalid("Arguments to _from_row_partition do not form a valid RaggedTensor")
        return _partition(values, splits, t.dtype)

    @classmethod
    def from_row_lengths(cls, values, row_lengths, name=None, validate=True):
        values = _as_values(values)
        t = _vector(row_lengths, "row_lengths")
        lengths = _ints(t)
        splits = [0]
        for n in lengths:
            if n < 0 and validate:
                _invalid("Arguments to from_row_lengths do not form a valid RowPartition.  ")
            splits.append(splits[-1] + n)
        if validate and splits[-1] != _nvals(values):
            _invalid("Arguments to _from_row_partition do not form a valid RaggedTensor")
        return _partition(values, splits, t.dtype)

    @classmethod
    def from_value_rowids(cls, values, value_rowids, nrows=None, name=None, validate=True):
        values = _as_values(values)
        t = _vector(value_rowids, "value_rowids")
        ids = _ints(t)
        if nrows is None:
            n = ids[-1] + 1 if ids else 0
        else:
            n = int(nrows)
            if ids and n < ids[-1] + 1:
                raise ValueError("Expected nrows >= value_rowids[-1] + 1; got nrows=%d, "
                                 "value_rowids[-1]=%d" % (n, ids[-1]))
        if validate:
            for i in range(len(ids)):
                if ids[i] < 0 or (i > 0 and ids[i] < ids[i - 1]):
                    _invalid("Arguments to from_value_rowids do not form a valid RowPartition.  ")
            if len(ids) != _nvals(values):
                _invalid("Arguments to _from_row_partition do not form a valid RaggedTensor")
        counts = [0] * n
        for r in ids:
            counts[r] += 1
        splits = [0]
        for c in counts:
            splits.append(splits[-1] + c)
        return _partition(values, splits, t.dtype)

    @classmethod
    def from_row_starts(cls, values, row_starts, name=None, validate=True):
        values = _as_values(values)
        t = _vector(row_starts, "row_starts")
        return cls.from_row_splits(values, _ints(t) + [_nvals(values)], validate=validate)

    @classmethod
    def from_row_limits(cls, values, row_limits, name=None, validate=True):
        t = _vector(row_limits, "row_limits")
        return cls.from_row_splits(values, [0] + _ints(t), validate=validate)

    @classmethod
    def from_nested_row_splits(cls, flat_values, nested_row_splits, name=None, validate=True):
        if isinstance(nested_row_splits, tf.Tensor) or not isinstance(nested_row_splits, (list, tuple)):
            raise TypeError("nested_row_splits must be a list of Tensors")
        result = _as_values(flat_values)
        for splits in reversed(list(nested_row_splits)):
            result = cls.from_row_splits(result, splits, validate=validate)
        return result

    @classmethod
    def from_nested_row_lengths(cls, flat_values, nested_row_lengths, name=None, validate=True):
        if isinstance(nested_row_lengths, tf.Tensor) or not isinstance(nested_row_lengths, (list, tuple)):
            raise TypeError("nested_row_lengths must be a list of Tensors")
        result = _as_values(flat_values)
        for lengths in reversed(list(nested_row_lengths)):
            result = cls.from_row_lengths(result, lengths, validate=validate)
        return result

    @classmethod
    def from_nested_value_rowids(cls, flat_values, nested_value_rowids, nested_nrows=None,
                                 name=None, validate=True):
        result = _as_values(flat_values)
        ids = list(nested_value_rowids)
        nrows = [None] * len(ids) if nested_nrows is None else list(nested_nrows)
        for r, n in reversed(list(zip(ids, nrows))):
            result = cls.from_value_rowids(result, r, n, validate=validate)
        return result

    @classmethod
    def from_tensor(cls, tensor, lengths=None, padding=None, ragged_rank=1, name=None,
                    row_splits_dtype=tf.int64):
        if lengths is not None and padding is not None:
            raise ValueError("Specify argument `lengths` or `padding`, but not both.")
        t = tf.convert_to_tensor(tensor)
        if len(t.shape) < 2:
            raise ValueError("ragged_rank must be less than rank(tensor); got ragged_rank=%s, "
                             "rank(tensor)=%d" % (ragged_rank, len(t.shape)))
        if ragged_rank != 1:
            if not isinstance(ragged_rank, int) or ragged_rank < 1 or ragged_rank >= len(t.shape):
                raise ValueError("ragged_rank must be greater than 0; got %s" % (ragged_rank,))
        shape = t.shape.as_list()
        n, m = shape[0], shape[1]
        inner = shape[2:]
        if lengths is not None:
            lens = _ints(tf.convert_to_tensor(lengths))
            lens = [max(0, min(m, x)) for x in lens]
        elif padding is not None:
            pad = tf.cast(tf.convert_to_tensor(padding), t.dtype)
            eq = tf.equal(t, pad)
            if len(inner) > 0:
                eq = tf.reduce_all(tf.reshape(eq, [n, m, -1]), axis=2)
            rows = eq.numpy().tolist()
            lens = []
            for row in rows:
                k = m
                while k > 0 and row[k - 1]:
                    k -= 1
                lens.append(k)
        else:
            lens = [m] * n
        flat = []
        for i in range(n):
            for j in range(lens[i]):
                flat.append(i * m + j)
        values = tf.gather(tf.reshape(t, [n * m] + inner), tf.constant(flat, dtype=tf.int64))
        splits = [0]
        for x in lens:
            splits.append(splits[-1] + x)
        result = _partition(values, splits, row_splits_dtype)
        if ragged_rank > 1:
            inner_rt = cls.from_tensor(values, ragged_rank=ragged_rank - 1,
                                       row_splits_dtype=row_splits_dtype)
            result = _partition(inner_rt, splits, row_splits_dtype)
        return result

    # ---- structure ----

    @property
    def values(self):
        """The concatenated rows for this ragged tensor."""
        return self._values

    @property
    def row_splits(self):
        """The row-split indices for this ragged tensor's `values`."""
        return self._row_splits

    @property
    def flat_values(self):
        """The innermost `values` tensor for this ragged tensor."""
        v = self._values
        while isinstance(v, RaggedTensor):
            v = v._values
        return v

    @property
    def nested_row_splits(self):
        """A tuple containing the row_splits for all ragged dimensions."""
        out = [self._row_splits]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v._row_splits)
            v = v._values
        return tuple(out)

    @property
    def ragged_rank(self):
        """The number of times the RaggedTensor's flat_values is partitioned."""
        if isinstance(self._values, RaggedTensor):
            return self._values.ragged_rank + 1
        return 1

    @property
    def dtype(self):
        """The `DType` of values in this tensor."""
        return self.flat_values.dtype

    @property
    def row_splits_dtype(self):
        return self._row_splits.dtype

    @property
    def shape(self):
        """The statically known shape of this ragged tensor."""
        return tf.TensorShape([self.nrows_int(), None] + self._values.shape.as_list()[1:])

    def get_shape(self):
        return self.shape

    @property
    def uniform_row_length(self):
        return None

    def nrows_int(self):
        return self._row_splits.shape[0] - 1

    def _splits(self):
        return _ints(self._row_splits)

    def nrows(self, out_type=None, name=None):
        """The number of rows in this ragged tensor."""
        n = tf.constant(self.nrows_int(), dtype=self._row_splits.dtype)
        return n if out_type is None else tf.cast(n, out_type)

    def row_lengths(self, axis=1, name=None):
        """The lengths of the rows in this ragged tensor."""
        if axis < 0:
            axis += self.ragged_rank + len(self.flat_values.shape)
        if axis == 0:
            return self.nrows()
        if axis == 1:
            s = self._row_splits
            return s[1:] - s[:-1]
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.row_lengths(axis - 1))
        return tf.ones(self._values.shape[:axis - 1], self._row_splits.dtype) * self._values.shape[axis - 1]

    def nested_row_lengths(self, name=None):
        out = [self.row_lengths()]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v.row_lengths())
            v = v._values
        return tuple(out)

    def row_starts(self, name=None):
        return self._row_splits[:-1]

    def row_limits(self, name=None):
        return self._row_splits[1:]

    def _rowids(self):
        s = self._splits()
        ids = []
        for i in range(len(s) - 1):
            ids.extend([i] * (s[i + 1] - s[i]))
        return ids

    def value_rowids(self, name=None):
        """The row index for each value in this ragged tensor's `values`."""
        return tf.constant(self._rowids(), dtype=self._row_splits.dtype)

    def nested_value_rowids(self, name=None):
        out = [self.value_rowids()]
        v = self._values
        while isinstance(v, RaggedTensor):
            out.append(v.value_rowids())
            v = v._values
        return tuple(out)

    def _bounds(self):
        s = self._splits()
        width = max([s[i + 1] - s[i] for i in range(len(s) - 1)] + [0])
        if isinstance(self._values, RaggedTensor):
            inner = self._values._bounds()[1:]
        else:
            inner = self._values.shape.as_list()[1:]
        return [len(s) - 1, width] + inner

    def bounding_shape(self, axis=None, name=None, out_type=None):
        """The bounding box of this ragged tensor's shape."""
        dtype = self._row_splits.dtype if out_type is None else out_type
        b = tf.constant(self._bounds(), dtype=dtype)
        return b if axis is None else tf.gather(b, axis)

    def with_values(self, new_values):
        new_values = _as_values(new_values)
        return RaggedTensor(new_values, self._row_splits, internal=True)

    def with_flat_values(self, new_values):
        if isinstance(self._values, RaggedTensor):
            return self.with_values(self._values.with_flat_values(new_values))
        return self.with_values(new_values)

    def with_row_splits_dtype(self, dtype):
        v = self._values
        if isinstance(v, RaggedTensor):
            v = v.with_row_splits_dtype(dtype)
        return RaggedTensor(v, tf.cast(self._row_splits, dtype), internal=True)

    def merge_dims(self, outer_axis, inner_axis):
        if outer_axis == 0 and inner_axis in (1, -1) and self.ragged_rank == 1:
            return self._values
        if outer_axis == 0 and inner_axis == 1:
            return self._values
        raise ValueError("merge_dims only supports merging the two outermost dimensions here")

    # ---- conversion ----

    def to_tensor(self, default_value=None, name=None, shape=None):
        """Converts this `RaggedTensor` into a `tf.Tensor`."""
        bounds = self._bounds()
        if shape is not None:
            if isinstance(shape, tf.TensorShape):
                shape = shape.as_list()
            else:
                shape = [None if d is None or int(d) == -1 else int(d)
                         for d in (_ints(shape) if isinstance(shape, tf.Tensor) else shape)]
            if len(shape) != len(bounds):
                raise ValueError("Shape %s must have rank %d" % (tf.TensorShape(shape), len(bounds)))
            target = [b if d is None else d for b, d in zip(bounds, shape)]
        else:
            target = bounds
        dtype = self.dtype
        if default_value is None:
            fill = tf.zeros(target, dtype)
        else:
            fill = tf.fill(target, tf.cast(default_value, dtype))
        if isinstance(self._values, RaggedTensor):
            inner = self._values.to_tensor(default_value, shape=[None] + target[2:])
        else:
            inner = self._values
            if target[2:] != bounds[2:]:
                begin = [0] * len(bounds[1:])
                size = [-1] + [min(a, b) for a, b in zip(target[2:], bounds[2:])]
                inner = tf.slice(inner, begin, size)
                pads = [[0, 0]] + [[0, max(0, a - b)] for a, b in zip(target[2:], bounds[2:])]
                inner = tf.pad(inner, pads, constant_values=tf.cast(
                    0 if default_value is None else default_value, dtype))
        s = self._splits()
        idx = []
        keep = []
        for i in range(min(len(s) - 1, target[0])):
            for j in range(s[i], min(s[i + 1], s[i] + target[1])):
                idx.append([i, j - s[i]])
                keep.append(j)
        if not idx:
            return fill
        rows = tf.gather(inner, tf.constant(keep, dtype=tf.int64))
        return tf.tensor_scatter_nd_update(fill, tf.constant(idx, dtype=tf.int64), rows)

    def to_list(self):
        """A nested Python `list` with the values for this `RaggedTensor`."""
        if isinstance(self._values, RaggedTensor):
            vals = self._values.to_list()
        else:
            vals = self._values.numpy().tolist()
        s = self._splits()
        return [vals[s[i]:s[i + 1]] for i in range(len(s) - 1)]

    def numpy(self):
        """The values of this ragged tensor as a numpy array: rows of equal length make
        one array, others an object array of rows."""
        if self._is_uniform():
            return self.to_tensor().numpy()
        if isinstance(self._values, RaggedTensor):
            vals = self._values.numpy()
        else:
            vals = self._values.numpy()
        s = self._splits()
        return ndarray([vals[s[i]:s[i + 1]] for i in range(len(s) - 1)])

    def _is_uniform(self):
        s = self._splits()
        lens = set([s[i + 1] - s[i] for i in range(len(s) - 1)])
        if len(lens) > 1:
            return False
        if isinstance(self._values, RaggedTensor):
            return self._values._is_uniform()
        return True

    def _np_struct(self):
        """numpy()'s array as (shape, items): items are the strings of its elements in
        order; an element that is itself an array (numpy's object arrays, for ragged
        rows) is formatted already."""
        s = self._splits()
        if isinstance(self._values, RaggedTensor):
            vshape, vitems = self._values._np_struct()
        else:
            vshape, vitems = _dense_struct(self._values)
        inner = 1
        for d in vshape[1:]:
            inner *= d
        n = len(s) - 1
        if n == 0:
            return (0, 0) + tuple(vshape[1:]), []
        lens = [s[i + 1] - s[i] for i in range(n)]
        if all(x == lens[0] for x in lens):
            return (n, lens[0]) + tuple(vshape[1:]), vitems[s[0] * inner:s[n] * inner]
        items = []
        for i in range(n):
            items.append(_format_array((lens[i],) + tuple(vshape[1:]),
                                       vitems[s[i] * inner:s[i + 1] * inner]))
        return (n,), items

    def __repr__(self):
        shape, items = self._np_struct()
        return "<tf.RaggedTensor %s>" % _format_array(shape, items)

    def __str__(self):
        return self.__repr__()

    def __bool__(self):
        raise TypeError("RaggedTensor may not be used as a boolean.")

    def __iter__(self):
        return iter([self[i] for i in range(self.nrows_int())])

    # ---- indexing ----

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = (key,)
        return _getitem(self, list(key))


def _row(rt, i):
    """Row i of a ragged tensor: a tensor, or a ragged tensor when values are ragged."""
    n = rt.nrows_int()
    if i >= n:
        raise IndexError("Row key %d out of bounds" % i)
    if i < -n:
        _invalid("{{function_node __wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/"
                 "device:CPU:0}} slice index %d of dimension 0 out of bounds. [Op:StridedSlice] "
                 "name: strided_slice/" % (i + n))
    if i < 0:
        i += n
    s = rt._splits()
    return rt._values[s[i]:s[i + 1]]


def _rows(rt, key):
    """The rows `key` (a slice) of a ragged tensor."""
    n = rt.nrows_int()
    start, stop, step = _slice_indices(key, n)
    s = rt._splits()
    if step == 1:
        stop = max(start, stop)
        sub = s[start:stop + 1]
        vals = rt._values[sub[0]:sub[-1]]
        return _partition(vals, [x - sub[0] for x in sub], rt._row_splits.dtype)
    picks = list(range(start, stop, step))
    idx = []
    splits = [0]
    for r in picks:
        idx.extend(range(s[r], s[r + 1]))
        splits.append(splits[-1] + s[r + 1] - s[r])
    vals = _gather_values(rt._values, idx)
    return _partition(vals, splits, rt._row_splits.dtype)


def _gather_values(values, idx):
    if isinstance(values, RaggedTensor):
        s = values._splits()
        inner = []
        splits = [0]
        for r in idx:
            inner.extend(range(s[r], s[r + 1]))
            splits.append(splits[-1] + s[r + 1] - s[r])
        return _partition(_gather_values(values._values, inner), splits, values._row_splits.dtype)
    return tf.gather(values, tf.constant(idx, dtype=tf.int64))


def _slice_within_rows(rt, key, rest):
    """rt[:, key, ...rest] for a slice `key` of the ragged dimension."""
    s = rt._splits()
    idx = []
    splits = [0]
    for i in range(len(s) - 1):
        start, stop, step = _slice_indices(key, s[i + 1] - s[i])
        picks = list(range(start, stop, step))
        idx.extend([s[i] + p for p in picks])
        splits.append(splits[-1] + len(picks))
    vals = _gather_values(rt._values, idx)
    if rest:
        vals = _index_values(vals, rest)
    return _partition(vals, splits, rt._row_splits.dtype)


def _index_values(vals, rest):
    if isinstance(vals, RaggedTensor):
        return _getitem(vals, [slice(None)] + rest)
    return vals[tuple([slice(None)] + rest)]


def _getitem(rt, keys):
    if not keys:
        return rt
    if keys[0] is Ellipsis:
        if len(keys) == 1:
            return rt
        raise ValueError("Ellipsis not supported unless it is the last index here")
    first = keys[0]
    rest = keys[1:]
    if isinstance(first, (tf.Tensor, int)) and not isinstance(first, bool):
        row = _row(rt, int(first))
        if not rest:
            return row
        if isinstance(row, RaggedTensor):
            return _getitem(row, rest)
        return row[tuple(rest)]
    if _is_slice(first):
        sub = rt if _full_slice(first) else _rows(rt, first)
        if not rest:
            return sub
        second = rest[0]
        if _is_slice(second):
            if _full_slice(second):
                return _partition(_index_values(sub._values, rest[1:]) if rest[1:] else sub._values,
                                  sub._splits(), sub._row_splits.dtype)
            return _slice_within_rows(sub, second, rest[1:])
        if second is Ellipsis:
            return sub
        raise ValueError("Cannot index into an inner ragged dimension.")
    raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and "
                    "scalar tf.int32/tf.int64 tensors are valid indices, got %r" % (first,))


class RaggedTensorSpec:
    """Type specification for a `tf.RaggedTensor`."""

    __module__ = "tensorflow.python.ops.ragged.ragged_tensor"

    def __init__(self, shape=None, dtype=tf.float32, ragged_rank=None,
                 row_splits_dtype=tf.int64, flat_values_spec=None):
        shape = tf.TensorShape(shape)
        if ragged_rank is None:
            if shape.rank is None:
                raise ValueError("Must specify ragged_rank or a shape with a known rank.")
            ragged_rank = shape.rank - 1
        self._shape = shape
        self._dtype = tf.as_dtype(dtype)
        self._ragged_rank = ragged_rank
        self._row_splits_dtype = tf.as_dtype(row_splits_dtype)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def ragged_rank(self):
        return self._ragged_rank

    @property
    def row_splits_dtype(self):
        return self._row_splits_dtype

    @property
    def value_type(self):
        return RaggedTensor

    @classmethod
    def from_value(cls, value):
        return cls(value.shape, value.dtype, value.ragged_rank, value.row_splits_dtype)

    def is_compatible_with(self, spec_or_value):
        other = spec_or_value
        if isinstance(other, RaggedTensor):
            other = RaggedTensorSpec.from_value(other)
        if not isinstance(other, RaggedTensorSpec):
            return False
        return (self._dtype == other._dtype and self._ragged_rank == other._ragged_rank
                and self._shape.is_compatible_with(other._shape))

    def __eq__(self, other):
        return (isinstance(other, RaggedTensorSpec) and self._dtype == other._dtype
                and self._ragged_rank == other._ragged_rank
                and self._shape.as_list() == other._shape.as_list()
                if self._shape.rank is not None and other._shape.rank is not None
                else False)

    def __repr__(self):
        return "RaggedTensorSpec(%r, %r, %d, %r)" % (
            self._shape, self._dtype, self._ragged_rank, self._row_splits_dtype)
