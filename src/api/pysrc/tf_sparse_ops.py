# tf.sparse's products, reductions and reshaping functions, loaded after tf_sparse.py into
# the same module; and the TensorFlow functions that dispatch to sparse tensors.


def sparse_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """Multiplies a SparseTensor (of rank 2) by a dense matrix (or the other way)."""
    if not _is_sparse(sp_a) and _is_sparse(b):
        # a @ B = (B^T a^T)^T
        a = tf.convert_to_tensor(sp_a)
        a = tf.transpose(a) if not adjoint_a else tf.math.conj(a)
        return tf.transpose(sparse_dense_matmul(b, a, adjoint_a=not adjoint_b))
    sp = _sp(sp_a)
    d = tf.convert_to_tensor(b)
    if d.dtype != sp.dtype:
        _type_error("SparseTensorDenseMatMul", 3, sp.dtype.name,
                    d.dtype.name.replace("32", "").replace("64", ""))
    shape = sp._shape()
    if len(shape) != 2 or len(d.shape) != 2:
        raise ValueError("Shape must be rank 2")
    if adjoint_b:
        d = tf.transpose(d)
    rows_col, cols_col = (1, 0) if adjoint_a else (0, 1)
    m, k = shape[rows_col], shape[cols_col]
    if d.shape[0] != k:
        bshape = d.shape.as_list()
        _op_error("SparseTensorDenseMatMul", "SparseTensorDenseMatMul",
                  "Cannot multiply A and B because inner dimension does not match: %d vs. %d.  "
                  "Did you forget a transpose?  Dimensions of A: [%d, %d).  Dimensions of B: [%d,%d]"
                  % (k, bshape[0], m, k, bshape[0], bshape[1]))
    if sp._indices.shape[0] == 0:
        return tf.zeros([m, d.shape[1]], d.dtype)
    rows = sp._indices[:, rows_col]
    cols = sp._indices[:, cols_col]
    picked = tf.gather(d, cols) * tf.expand_dims(sp._values, 1)
    return tf.math.unsorted_segment_sum(picked, rows, m)


def _axes(axis, rank):
    if axis is None:
        return list(range(rank))
    if isinstance(axis, tf.Tensor):
        axis = axis.numpy().tolist()
    axes = axis if isinstance(axis, (list, tuple)) else [axis]
    out = []
    for a in axes:
        a = int(a)
        if a < -rank or a >= rank:
            _invalid("Invalid reduction dimension %d, for input with %d dimensions." % (a, rank))
        out.append(a % rank)
    return sorted(set(out))


def _reduce(sp, axis, keepdims, output_is_sparse, kind):
    shape = sp._shape()
    rank = len(shape)
    axes = _axes(axis, rank)
    kept = [k for k in range(rank) if k not in axes]
    out_shape = [shape[k] for k in kept]
    groups = {}
    ids = []
    for idx in sp._index_list():
        key = tuple(idx[k] for k in kept)
        if key not in groups:
            groups[key] = len(groups)
        ids.append(groups[key])
    present = sorted(groups)
    if output_is_sparse:
        order = [groups[k] for k in present]
        seg = [0] * len(order)
        for pos, g in enumerate(order):
            seg[g] = pos
        ids = [seg[i] for i in ids]
        n = len(present)
        vals = _segment(kind, sp._values, ids, n)
        if keepdims:
            present = [_keep(k, axes, rank) for k in present]
            out_shape = [1 if k in axes else shape[k] for k in range(rank)]
        return SparseTensor(_indices_tensor(present, len(out_shape)), vals,
                            tf.constant(out_shape, dtype=tf.int64))
    size = 1
    for d in out_shape:
        size *= d
    lin = {}
    for key in groups:
        p = 0
        for d, n in zip(key, out_shape):
            p = p * n + d
        lin[groups[key]] = p
    vals = _segment(kind, sp._values, [lin[i] for i in ids], size)
    if kind == "max":
        counts = tf.math.unsorted_segment_sum(tf.ones_like(sp._values, dtype=tf.int32),
                                              tf.constant([lin[i] for i in ids], dtype=tf.int64), size)
        vals = tf.where(counts > 0, vals, tf.zeros_like(vals))
    if keepdims:
        out_shape = [1 if k in axes else shape[k] for k in range(rank)]
    return tf.reshape(vals, out_shape)


def _keep(key, axes, rank):
    out = []
    it = iter(key)
    for k in range(rank):
        out.append(0 if k in axes else next(it))
    return tuple(out)


def _segment(kind, values, ids, n):
    ids = tf.constant(ids, dtype=tf.int64) if ids else tf.zeros([0], tf.int64)
    if kind == "sum":
        return tf.math.unsorted_segment_sum(values, ids, n)
    return tf.math.unsorted_segment_max(values, ids, n)


def reduce_sum(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Computes `tf.sparse.add` of elements across dimensions of a SparseTensor."""
    return _reduce(_sp(sp_input), axis, bool(keepdims), output_is_sparse, "sum")


def reduce_max(sp_input, axis=None, keepdims=None, output_is_sparse=False, name=None):
    """Computes `tf.sparse.maximum` of elements across dimensions of a SparseTensor."""
    return _reduce(_sp(sp_input), axis, bool(keepdims), output_is_sparse, "max")


def _int_list(v):
    if isinstance(v, tf.Tensor):
        v = v.numpy().tolist()
    return [int(x) for x in v]


def slice(sp_input, start, size, name=None):
    """Slice a `SparseTensor` based on the `start` and `size`."""
    sp = _sp(sp_input)
    shape = sp._shape()
    start = _int_list(start)
    size = _int_list(size)
    if len(start) != len(shape) or len(size) != len(shape):
        _op_error("SparseSlice", "SparseSlice", "Expected start and size to have %d entries"
                  % len(shape))
    new_shape = [max(0, min(z, n - s)) for s, z, n in zip(start, size, shape)]
    keep = []
    rows = []
    for i, idx in enumerate(sp._index_list()):
        if all(s <= d < s + z for d, s, z in zip(idx, start, new_shape)):
            keep.append(i)
            rows.append([d - s for d, s in zip(idx, start)])
    return _take(sp, keep, _indices_tensor(rows, len(shape)),
                 tf.constant(new_shape, dtype=tf.int64))


def reshape(sp_input, shape, name=None):
    """Reshapes a `SparseTensor` to represent values in a new dense shape."""
    sp = _sp(sp_input)
    old = sp._shape()
    new = _int_list(shape)
    total = 1
    for d in old:
        total *= d
    known = 1
    unknown = -1
    for k, d in enumerate(new):
        if d == -1:
            if unknown >= 0:
                _op_error("SparseReshape", "SparseReshape", "only one output dimension may be -1, "
                          "not both %d and %d" % (unknown, k))
            unknown = k
        else:
            known *= d
    if unknown >= 0:
        if known == 0 or total % known != 0:
            _op_error("SparseReshape", "SparseReshape", "Input to reshape is a SparseTensor with %d "
                      "dense values, but the requested shape requires a multiple of %d. "
                      "input_shape=[%s] output_shape=[%s]" % (
                          total, known, ",".join(str(d) for d in old), ",".join(str(d) for d in new)))
        new[unknown] = total // known
    elif known != total:
        _op_error("SparseReshape", "SparseReshape", "Input to reshape is a tensor with %d dense "
                  "values, but the requested shape has %d. input_shape=[%s] output_shape=[%s]" % (
                      total, known, ",".join(str(d) for d in old), ",".join(str(d) for d in new)))
    rows = []
    for idx in sp._index_list():
        p = 0
        for d, n in zip(idx, old):
            p = p * n + d
        r = []
        for n in reversed(new):
            r.insert(0, p % n if n else 0)
            p = p // n if n else 0
        rows.append(r)
    return SparseTensor(_indices_tensor(rows, len(new)), sp._values,
                        tf.constant(new, dtype=tf.int64))


def transpose(sp_input, perm=None, name=None):
    """Transposes a `SparseTensor`."""
    sp = _sp(sp_input)
    shape = sp._shape()
    rank = len(shape)
    perm = list(range(rank - 1, -1, -1)) if perm is None else _int_list(perm)
    if sorted(perm) != list(range(rank)):
        raise ValueError("perm %s is not a permutation of the dimensions of a rank-%d SparseTensor"
                         % (perm, rank))
    rows = [[idx[p] for p in perm] for idx in sp._index_list()]
    out = SparseTensor(_indices_tensor(rows, rank), sp._values,
                       tf.constant([shape[p] for p in perm], dtype=tf.int64))
    return reorder(out)


def concat(axis, sp_inputs, expand_nonconcat_dims=False, name=None):
    """Concatenates a list of `SparseTensor` along the specified dimension."""
    sps = [_sp(s) for s in sp_inputs]
    shapes = [s._shape() for s in sps]
    rank = len(shapes[0])
    axis = int(axis)
    if axis < -rank or axis >= rank:
        _op_error("SparseConcat_N_%d" % len(sps), "SparseConcat",
                  "Concat dimension must be in range [%d, %d), got %d" % (-rank, rank, axis))
    axis %= rank
    if expand_nonconcat_dims:
        out_shape = [max(s[k] for s in shapes) for k in range(rank)]
    else:
        out_shape = list(shapes[0])
        for pos, s in enumerate(shapes[1:]):
            for k in range(rank):
                if k != axis and s[k] != shapes[0][k]:
                    _op_error("SparseConcat_N_%d" % len(sps), "SparseConcat",
                              "Input shapes must match: expected %d for dimension %d but got %d "
                              "at position %d" % (shapes[0][k], k, s[k], pos + 1))
    out_shape[axis] = sum(s[axis] for s in shapes)
    rows = []
    offset = 0
    for s, shape in zip(sps, shapes):
        for idx in s._index_list():
            r = list(idx)
            r[axis] += offset
            rows.append(r)
        offset += shape[axis]
    order = sorted(range(len(rows)), key=lambda i: rows[i])
    values = tf.gather(tf.concat([s._values for s in sps], 0), tf.constant(order, dtype=tf.int64))
    return SparseTensor(_indices_tensor([rows[i] for i in order], rank), values,
                        tf.constant(out_shape, dtype=tf.int64))


def fill_empty_rows(sp_input, default_value, name=None):
    """Fills empty rows in the input 2-D `SparseTensor` with a default value."""
    sp = _sp(sp_input)
    shape = sp._shape()
    tf.zeros([shape[0]], tf.bool)  # within the memory budget before the loop
    idx = sp._index_list()
    used = set(i[0] for i in idx)
    empty = [r not in used for r in range(shape[0])]
    rows = list(idx) + [tuple([r] + [0] * (len(shape) - 1)) for r in range(shape[0]) if empty[r]]
    order = sorted(range(len(rows)), key=lambda i: (rows[i][0], i))
    extra = tf.fill([len(rows) - len(idx)], tf.cast(default_value, sp.dtype))
    values = tf.gather(tf.concat([sp._values, extra], 0), tf.constant(order, dtype=tf.int64))
    out = SparseTensor(_indices_tensor([rows[i] for i in order], len(shape)), values,
                       sp._dense_shape)
    return out, tf.constant(empty, dtype=tf.bool)


def expand_dims(sp_input, axis=None, name=None):
    """Returns a tensor with a length 1 axis inserted at index `axis`."""
    sp = _sp(sp_input)
    shape = sp._shape()
    rank = len(shape)
    axis = -1 if axis is None else int(axis)
    if axis < -rank - 1 or axis > rank:
        raise ValueError("Axis %d out of bounds for a SparseTensor of rank %d" % (axis, rank))
    if axis < 0:
        axis += rank + 1
    rows = [list(i[:axis]) + [0] + list(i[axis:]) for i in sp._index_list()]
    return SparseTensor(_indices_tensor(rows, rank + 1), sp._values,
                        tf.constant(shape[:axis] + [1] + shape[axis:], dtype=tf.int64))


def to_indicator(sp_input, vocab_size, name=None):
    """Converts a `SparseTensor` of ids into a dense bool indicator tensor."""
    sp = _sp(sp_input)
    shape = sp._shape()
    vocab_size = int(vocab_size)
    ids = [int(v) for v in sp._values.numpy().tolist()]
    rows = []
    for idx, v in zip(sp._index_list(), ids):
        if v < 0 or v >= vocab_size:
            continue
        rows.append(list(idx[:-1]) + [v])
    out_shape = shape[:-1] + [vocab_size]
    dense = tf.zeros(out_shape, tf.bool)
    if not rows:
        return dense
    return tf.tensor_scatter_nd_update(dense, tf.constant(rows, dtype=tf.int64),
                                       tf.ones([len(rows)], tf.bool))


def eye(num_rows, num_columns=None, dtype=tf.float32, name=None):
    """Creates a two-dimensional sparse tensor with ones along the diagonal."""
    n = int(num_rows)
    m = n if num_columns is None else int(num_columns)
    k = min(n, m)
    ones = tf.ones([k], dtype)  # within the memory budget before the loop
    return SparseTensor(_indices_tensor([[i, i] for i in range(k)], 2), ones,
                        tf.constant([n, m], dtype=tf.int64))


def map_values(op, *args, **kwargs):
    """Applies `op` to the `.values` tensor of one or more `SparseTensor`s."""
    found = []

    def swap(v):
        if _is_sparse(v):
            found.append(v)
            return v._values
        return v
    new_args = [swap(a) for a in args]
    new_kwargs = {}
    for k in kwargs:
        new_kwargs[k] = swap(kwargs[k])
    if not found:
        raise ValueError("No SparseTensor in argument list of map_values")
    for s in found[1:]:
        if s._index_list() != found[0]._index_list():
            _invalid("Condition x == y did not hold.")
    return found[0].with_values(op(*new_args, **new_kwargs))


class SparseTensorSpec:
    """Type specification for a `tf.sparse.SparseTensor`."""

    __module__ = "tensorflow.python.framework.sparse_tensor"

    def __init__(self, shape=None, dtype=tf.float32):
        self._shape = tf.TensorShape(shape)
        self._dtype = tf.as_dtype(dtype)

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def value_type(self):
        return SparseTensor

    @classmethod
    def from_value(cls, value):
        return cls(value.shape, value.dtype)

    def is_compatible_with(self, spec_or_value):
        other = spec_or_value
        if _is_sparse(other):
            other = SparseTensorSpec.from_value(other)
        if not isinstance(other, SparseTensorSpec):
            return False
        return self._dtype == other._dtype and self._shape.is_compatible_with(other._shape)

    def __repr__(self):
        return "SparseTensorSpec(%r, %r)" % (self._shape, self._dtype)


def _unary(op, *args, **kwargs):
    args = list(args)
    if args and _is_sparse(args[0]):
        x = args[0]
        return x.with_values(op(x._values, *args[1:], **kwargs))
    for k in ("x", "features", "input", "t", "tensor"):
        if _is_sparse(kwargs.get(k)):
            x = kwargs[k]
            kwargs[k] = x._values
            return x.with_values(op(*args, **kwargs))
    raise TypeError("%s got a SparseTensor where it takes none" % op.__name__)


def _register():
    table = {}
    for p in ["tf.abs", "tf.math.negative", "tf.math.sign", "tf.math.square", "tf.math.sqrt",
              "tf.math.sin", "tf.math.tan", "tf.asin", "tf.atan", "tf.math.sinh",
              "tf.math.tanh", "tf.floor", "tf.math.ceil", "tf.math.round", "tf.math.expm1",
              "tf.math.log1p", "tf.math.erf", "tf.nn.relu", "tf.nn.relu6", "tf.nn.elu",
              "tf.nn.selu", "tf.cast", "tf.identity", "tf.math.is_nan", "tf.math.is_inf",
              "tf.math.is_finite", "tf.logical_not"]:
        table[p] = _unary
    return table


SparseTensor._tf_dispatch = _register()
