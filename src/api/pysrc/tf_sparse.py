# tf.SparseTensor as TensorFlow 2.15 runs it eagerly: int64 indices [N, rank], values [N]
# and an int64 dense shape; tf.SparseTensorSpec; and the tf.sparse functions built on
# tensh's ops (gathers, scatters and segment sums, whose gradients the tapes record).
import tensorflow as tf


def _invalid(msg):
    raise tf.errors.InvalidArgumentError(None, None, msg)


def _op_error(kernel, op, msg):
    _invalid("{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/device:CPU:0}} "
             "%s [Op:%s] name:" % (kernel, msg, op))


def _type_error(op, k, want, got):
    _invalid("cannot compute %s as input #%d(zero-based) was expected to be a %s tensor but is "
             "a %s tensor [Op:%s] name:" % (op, k, want, got, op))


def _compatible(a, b):
    if a is not None and b is not None and a != b:
        raise ValueError("Dimensions %d and %d are not compatible" % (a, b))


def _is_sparse(x):
    return isinstance(x, SparseTensor)


class SparseTensor:
    """Represents a sparse tensor."""

    __module__ = "tensorflow.python.framework.sparse_tensor"

    def __init__(self, indices, values, dense_shape):
        try:
            indices = tf.convert_to_tensor(indices, dtype=tf.int64)
        except ValueError as e:
            raise ValueError("indices: %s" % (e,))
        values = tf.convert_to_tensor(values)
        try:
            dense_shape = tf.convert_to_tensor(dense_shape, dtype=tf.int64)
        except ValueError as e:
            raise ValueError("dense_shape: %s" % (e,))
        if len(indices.shape) != 2:
            raise ValueError("Shape %s must have rank 2" % (indices.shape,))
        if len(values.shape) != 1:
            raise ValueError("Shape %s must have rank 1" % (values.shape,))
        if len(dense_shape.shape) != 1:
            raise ValueError("Shape %s must have rank 1" % (dense_shape.shape,))
        _compatible(indices.shape[0], values.shape[0])
        _compatible(indices.shape[1], dense_shape.shape[0])
        self._indices = indices
        self._values = values
        self._dense_shape = dense_shape

    @property
    def indices(self):
        """The indices of non-zero values in the represented dense tensor."""
        return self._indices

    @property
    def values(self):
        """The non-zero values in the represented dense tensor."""
        return self._values

    @property
    def dense_shape(self):
        """A 1-D Tensor of int64 representing the shape of the dense tensor."""
        return self._dense_shape

    @property
    def dtype(self):
        """The `DType` of elements in this tensor."""
        return self._values.dtype

    @property
    def shape(self):
        """Get the `TensorShape` representing the shape of the dense tensor."""
        return tf.TensorShape(self._shape())

    def get_shape(self):
        return self.shape

    def _shape(self):
        return [int(d) for d in self._dense_shape.numpy().tolist()]

    def _index_list(self):
        return [tuple(r) for r in self._indices.numpy().tolist()]

    def with_values(self, new_values):
        return SparseTensor(self._indices, new_values, self._dense_shape)

    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
            self._indices, self._values, self._dense_shape)

    def __str__(self):
        return self.__repr__()

    def __mul__(self, other):
        return _cwise(self, other, tf.multiply)

    def __truediv__(self, other):
        return _cwise(self, other, tf.math.truediv)

    def __div__(self, other):
        return _cwise(self, other, tf.math.truediv)


def _cwise(sp, other, op):
    """A sparse tensor times (or over) a dense one broadcast to its shape: sparse again."""
    d = tf.convert_to_tensor(other, dtype=sp.dtype) if not isinstance(other, tf.Tensor) else other
    if len(d.shape) == 0:
        return sp.with_values(op(sp._values, d))
    dense = tf.broadcast_to(d, sp._dense_shape)
    return sp.with_values(op(sp._values, tf.gather_nd(dense, sp._indices)))


def _sp(x, what="sp_input"):
    if not _is_sparse(x):
        raise TypeError("Input must be a SparseTensor.")
    return x


def _check_order(sp, kernel, op, check_bounds=True):
    shape = sp._shape()
    prev = None
    for i, idx in enumerate(sp._index_list()):
        text = "[%s]" % ",".join(str(x) for x in idx)
        if check_bounds:
            for d, n in zip(idx, shape):
                if d < 0 or d >= n:
                    _op_error(kernel, op, "indices[%d] = %s is out of bounds: need 0 <= index < [%s]"
                              % (i, text, ",".join(str(n) for n in shape)))
        if prev is not None:
            if idx == prev:
                _op_error(kernel, op, "indices[%d] = %s is repeated" % (i, text))
            if idx < prev:
                _invalid("{{function_node __wrapped__%s_device_/job:localhost/replica:0/task:0/"
                         "device:CPU:0}} indices[%d] = %s is out of order. Many sparse ops require "
                         "sorted indices." % (kernel, i, text))
        prev = idx


def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    """Converts a `SparseTensor` into a dense tensor."""
    sp = _sp(sp_input)
    shape = sp._shape()
    if validate_indices:
        _check_order(sp, "SparseToDense", "SparseToDense")
    else:
        for i, idx in enumerate(sp._index_list()):
            for d, n in zip(idx, shape):
                if d < 0 or d >= n:
                    _op_error("SparseToDense", "SparseToDense",
                              "indices[%d] = [%s] is out of bounds: need 0 <= index < [%s]"
                              % (i, ",".join(str(x) for x in idx), ",".join(str(n) for n in shape)))
    if default_value is None:
        fill = tf.zeros(shape, sp.dtype)
    else:
        fill = tf.fill(shape, tf.cast(default_value, sp.dtype))
    if sp._indices.shape[0] == 0:
        return fill
    return tf.tensor_scatter_nd_update(fill, sp._indices, sp._values)


def from_dense(tensor, name=None):
    """Converts a dense tensor into a sparse tensor."""
    t = tf.convert_to_tensor(tensor)
    if len(t.shape) == 0:
        raise ValueError("Shape () must have rank at least 1")
    mask = tf.not_equal(t, tf.zeros_like(t))
    indices = tf.where(mask)
    return SparseTensor(indices, tf.gather_nd(t, indices), tf.shape(t, out_type=tf.int64))


def _take(sp, order, indices=None, shape=None):
    """The entries `order` of `sp` (new indices and shape when given)."""
    idx = tf.constant(order, dtype=tf.int64)
    if indices is None:
        indices = tf.gather(sp._indices, idx) if order else tf.zeros([0, len(sp._shape())], tf.int64)
    values = tf.gather(sp._values, idx)
    return SparseTensor(indices, values, sp._dense_shape if shape is None else shape)


def _indices_tensor(rows, rank):
    if not rows:
        return tf.zeros([0, rank], tf.int64)
    return tf.constant([list(r) for r in rows], dtype=tf.int64)


def reorder(sp_input, name=None):
    """Reorders a `SparseTensor` into the canonical, row-major ordering."""
    sp = _sp(sp_input)
    idx = sp._index_list()
    order = sorted(range(len(idx)), key=lambda i: idx[i])
    return _take(sp, order)


def retain(sp_input, to_retain):
    """Retains specified non-empty values within a `SparseTensor`."""
    sp = _sp(sp_input)
    keep = tf.convert_to_tensor(to_retain)
    if len(keep.shape) != 1:
        raise ValueError("Shape %s must have rank 1" % (keep.shape,))
    _compatible(sp._indices.shape[0], keep.shape[0])
    flags = keep.numpy().tolist()
    return _take(sp, [i for i in range(len(flags)) if flags[i]])


def _union(a, b, combine, what):
    """Entries of both sparse tensors, by index in row-major order; `combine` makes the
    values (from the segment ids of a's and b's values into the output)."""
    sa, sb = a._shape(), b._shape()
    if len(sa) != len(sb):
        _op_error("SparseAdd", "SparseAdd", "Operands' shapes do not match")
    for k in range(len(sa)):
        if sa[k] != sb[k]:
            _op_error(what, what, "Operands' shapes do not match: got %d and %d for dimension %d"
                      % (sa[k], sb[k], k))
    ia, ib = a._index_list(), b._index_list()
    seen = {}
    for k in ia + ib:
        seen[k] = True
    keys = sorted(seen)
    pos = {}
    for i, k in enumerate(keys):
        pos[k] = i
    ids = [pos[k] for k in ia] + [pos[k] for k in ib]
    return keys, ids


def add(a, b, threshold=0):
    """Adds two tensors, at least one of each is a `SparseTensor`."""
    if _is_sparse(a) and _is_sparse(b):
        if a.dtype != b.dtype:
            _type_error("SparseAdd", 4, a.dtype.name, b.dtype.name.replace("32", "").replace("64", ""))
        keys, ids = _union(a, b, None, "SparseAdd")
        vals = tf.math.unsorted_segment_sum(tf.concat([a._values, b._values], 0),
                                            tf.constant(ids, dtype=tf.int64), len(keys))
        out = SparseTensor(_indices_tensor(keys, len(a._shape())), vals, a._dense_shape)
        if threshold:
            flags = tf.greater_equal(tf.abs(vals), tf.cast(threshold, vals.dtype)).numpy().tolist()
            out = _take(out, [i for i in range(len(flags)) if flags[i]])
        return out
    if _is_sparse(b):
        a, b = b, a
    d = tf.convert_to_tensor(b, dtype=a.dtype)
    if a._indices.shape[0] == 0:
        return tf.broadcast_to(d, a._dense_shape)
    return tf.tensor_scatter_nd_add(tf.broadcast_to(d, a._dense_shape), a._indices, a._values)


def _extreme(a, b, op, name):
    keys, ids = _union(a, b, None, name)
    fill = tf.zeros([len(keys)], a.dtype)
    ida = tf.constant(ids[:len(a._index_list())], dtype=tf.int64)
    idb = tf.constant(ids[len(a._index_list()):], dtype=tf.int64)
    va = tf.tensor_scatter_nd_update(fill, tf.reshape(ida, [-1, 1]), a._values)
    vb = tf.tensor_scatter_nd_update(fill, tf.reshape(idb, [-1, 1]), b._values)
    return SparseTensor(_indices_tensor(keys, len(a._shape())), op(va, vb), a._dense_shape)


def maximum(sp_a, sp_b, name=None):
    """The max of two SparseTensors, element-wise."""
    return _extreme(_sp(sp_a), _sp(sp_b), tf.maximum, "SparseSparseMaximum")


def minimum(sp_a, sp_b, name=None):
    """The min of two SparseTensors, element-wise."""
    return _extreme(_sp(sp_a), _sp(sp_b), tf.minimum, "SparseSparseMinimum")
