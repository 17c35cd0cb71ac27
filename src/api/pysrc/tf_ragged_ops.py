# The functions of tf.ragged, and the TensorFlow functions that dispatch to ragged tensors
# (elementwise math, comparisons, reductions, concat and stack, where, size, rank), loaded
# after tf_ragged.py into the same module. Each dispatched version gets the builtin first.


def _kernel_type(dtype):
    """The name TensorFlow's kernels give a dtype in their errors."""
    return {"float32": "float", "float64": "double"}.get(dtype.name, dtype.name)


def _is_ragged(x):
    return isinstance(x, RaggedTensor)


def _same_partition(a, b):
    sa = a.nested_row_splits
    sb = b.nested_row_splits
    if len(sa) != len(sb):
        return False
    for x, y in zip(sa, sb):
        if _ints(x) != _ints(y):
            return False
    return True


def _rank(rt):
    return rt.ragged_rank + len(rt.flat_values.shape)


def _to_values(rt, y):
    """Dense `y` broadcast against the flat values of ragged `rt`."""
    if isinstance(y, (bool, int, float)):
        return y
    t = tf.convert_to_tensor(y)
    flat_rank = len(rt.flat_values.shape)
    if len(t.shape) <= flat_rank - 1:
        return t
    if rt.ragged_rank != 1:
        _invalid("Condition x == y did not hold.")
    shape = t.shape.as_list()
    shape = [1] * (_rank(rt) - len(shape)) + shape
    if shape[1] != 1:
        _invalid("Condition x == y did not hold.")
    t = tf.reshape(t, [shape[0]] + shape[2:])
    if shape[0] == 1:
        return t[0]
    if shape[0] != rt.nrows_int():
        _invalid("Condition x == y did not hold.")
    return tf.gather(t, rt.value_rowids())


def _binary(op, x, y, name=None):
    if _is_ragged(x) and _is_ragged(y):
        if not _same_partition(x, y):
            _invalid("Condition x == y did not hold.")
        return x.with_flat_values(op(x.flat_values, y.flat_values))
    if _is_ragged(x):
        return x.with_flat_values(op(x.flat_values, _to_values(x, y)))
    return y.with_flat_values(op(_to_values(y, x), y.flat_values))


_FIRST_ARG = ("x", "features", "input", "t", "tensor", "input_tensor", "a", "string_tensor")


def _unary(op, *args, **kwargs):
    args = list(args)
    if args and _is_ragged(args[0]):
        x = args[0]
        return x.with_flat_values(op(x.flat_values, *args[1:], **kwargs))
    for k in _FIRST_ARG:
        if _is_ragged(kwargs.get(k)):
            x = kwargs[k]
            kwargs[k] = x.flat_values
            return x.with_flat_values(op(*args, **kwargs))
    raise TypeError("%s got a RaggedTensor where it takes none" % op.__name__)


def _where(op, condition, x=None, y=None, name=None):
    if x is None and y is None:
        raise ValueError("tf.where with a ragged condition needs x and y here")
    parts = [v for v in (condition, x, y) if _is_ragged(v)]
    rt = parts[0]
    for p in parts[1:]:
        if not _same_partition(rt, p):
            _invalid("Condition x == y did not hold.")
    flat = [v.flat_values if _is_ragged(v) else _to_values(rt, v) for v in (condition, x, y)]
    return rt.with_flat_values(tf.where(flat[0], flat[1], flat[2]))


def _size(op, input, out_type=tf.int32, name=None):
    return tf.size(input.flat_values, out_type=out_type)


def _rank_fn(op, input, name=None):
    return tf.constant(_rank(input), dtype=tf.int32)


# ---- reductions ----

def _segment(kind, data, ids, n):
    ids = tf.constant(ids, dtype=tf.int64)
    if kind == "sum":
        return tf.math.unsorted_segment_sum(data, ids, n)
    if kind == "prod":
        return tf.math.unsorted_segment_prod(data, ids, n)
    if kind == "max":
        return tf.math.unsorted_segment_max(data, ids, n)
    if kind == "min":
        return tf.math.unsorted_segment_min(data, ids, n)
    if kind == "any":
        return tf.math.unsorted_segment_sum(tf.cast(data, tf.int32), ids, n) > 0
    return tf.cast(tf.math.unsorted_segment_min(tf.cast(data, tf.int32), ids, n), tf.bool)


_DENSE = {
    "sum": "reduce_sum", "prod": "reduce_prod", "max": "reduce_max", "min": "reduce_min",
    "any": "reduce_any", "all": "reduce_all", "mean": "reduce_mean",
}


def _reduce_axis(kind, x, axis):
    """Reduces one axis (non-negative) of `x`, ragged or dense."""
    if not _is_ragged(x):
        return getattr(tf, _DENSE[kind])(x, axis=axis)
    s = x._splits()
    if axis == 0:
        if x.ragged_rank != 1:
            raise ValueError("reducing axis 0 of a RaggedTensor with ragged_rank > 1 is not supported")
        cols = []
        for i in range(len(s) - 1):
            cols.extend(range(s[i + 1] - s[i]))
        width = max(cols) + 1 if cols else 0
        return _segment(kind, x._values, cols, width)
    if axis == 1:
        if x.ragged_rank == 1:
            return _segment(kind, x._values, x._rowids(), len(s) - 1)
        inner = x._values
        if inner.ragged_rank != 1:
            raise ValueError("reducing axis 1 of a RaggedTensor with ragged_rank > 2 is not supported")
        si = inner._splits()
        splits = [0]
        for i in range(len(s) - 1):
            w = 0
            for j in range(s[i], s[i + 1]):
                w = max(w, si[j + 1] - si[j])
            splits.append(splits[-1] + w)
        ids = []
        for i in range(len(s) - 1):
            for j in range(s[i], s[i + 1]):
                ids.extend([splits[i] + k for k in range(si[j + 1] - si[j])])
        vals = _segment(kind, inner._values, ids, splits[-1])
        return _partition(vals, splits, x._row_splits.dtype)
    return x.with_values(_reduce_axis(kind, x._values, axis - 1))


def _reduce(kind, x, axis, keepdims):
    if axis is None:
        if kind == "mean":
            return tf.reduce_mean(x.flat_values)
        return getattr(tf, _DENSE[kind])(x.flat_values)
    rank = _rank(x)
    if isinstance(axis, tf.Tensor):
        axis = axis.numpy().tolist()
    axes = list(axis) if isinstance(axis, (list, tuple)) else [axis]
    norm = []
    for a in axes:
        a = int(a)
        if a < -rank or a >= rank:
            raise ValueError("axis=%d out of bounds: expected %d<=axis<%d" % (a, -rank, rank))
        norm.append(a + rank if a < 0 else a)
    if kind == "mean":
        total = _reduce("sum", x, axis, keepdims)
        ones = x.with_flat_values(tf.ones_like(x.flat_values))
        count = _reduce("sum", ones, axis, keepdims)
        if _is_ragged(total):
            return total.with_flat_values(total.flat_values / count.flat_values)
        return total / count
    out = x
    for a in sorted(set(norm), reverse=True):
        out = _reduce_axis(kind, out, a)
    if keepdims:
        if _is_ragged(out):
            raise ValueError("keepdims=True with a ragged result is not supported")
        for a in sorted(set(norm)):
            out = tf.expand_dims(out, a)
    return out


def _reducer(kind):
    def reduce(op, input_tensor, axis=None, keepdims=False, name=None):
        return _reduce(kind, input_tensor, axis, keepdims)
    return reduce


# ---- concat and stack ----

def _as_ragged(v, ragged_rank):
    if _is_ragged(v):
        return v
    return RaggedTensor.from_tensor(v, ragged_rank=ragged_rank)


def _concat0(rts):
    splits = [0]
    for r in rts:
        s = r._splits()
        base = splits[-1]
        splits.extend([base + x for x in s[1:]])
    if _is_ragged(rts[0]._values):
        vals = _concat0([r._values for r in rts])
    else:
        for k in range(1, len(rts)):
            if rts[k].dtype != rts[0].dtype:
                _invalid("cannot compute ConcatV2 as input #%d(zero-based) was expected to be a %s "
                         "tensor but is a %s tensor [Op:ConcatV2] name: concat"
                         % (k, _kernel_type(rts[0].dtype), _kernel_type(rts[k].dtype)))
        vals = tf.concat([r._values for r in rts], 0)
    return _partition(vals, splits, rts[0]._row_splits.dtype)


def _concat_rows(rts):
    """Row i of the result is row i of each input, joined."""
    n = rts[0].nrows_int()
    for r in rts[1:]:
        if r.nrows_int() != n:
            _invalid("Input tensors at index 0 (=x) and 1 (=y) have incompatible shapes.")
    cat = _concat0(rts)
    cs = cat._splits()
    idx = []
    splits = [0]
    for i in range(n):
        for k in range(len(rts)):
            r = k * n + i
            idx.extend(range(cs[r], cs[r + 1]))
        splits.append(len(idx))
    return _partition(_gather_values(cat._values, idx), splits, cat._row_splits.dtype)


def _ragged_concat(values, axis):
    values = list(values)
    rr = max([v.ragged_rank for v in values if _is_ragged(v)])
    rts = [_as_ragged(v, rr) for v in values]
    rank = _rank(rts[0])
    if axis < 0:
        axis += rank
    if axis == 0:
        return _concat0(rts)
    if axis == 1:
        return _concat_rows(rts)
    for r in rts[1:]:
        if not _same_partition(rts[0], r):
            _invalid("Input tensors have incompatible shapes.")
    return rts[0].with_values(_ragged_concat([r._values for r in rts], axis - 1)
                              if _is_ragged(rts[0]._values)
                              else tf.concat([r._values for r in rts], axis - 1))


def _concat(op, values, axis, name="concat"):
    return _ragged_concat(values, int(axis))


def _ragged_stack(values, axis=0):
    values = list(values)
    if not any(_is_ragged(v) for v in values):
        return tf.stack(values, axis)
    rr = max([v.ragged_rank for v in values if _is_ragged(v)])
    rts = [_as_ragged(v, rr) for v in values]
    rank = _rank(rts[0])
    if axis < 0:
        axis += rank + 1
    if axis == 0:
        cat = _concat0(rts)
        splits = [0]
        for r in rts:
            splits.append(splits[-1] + r.nrows_int())
        return _partition(cat, splits, cat._row_splits.dtype)
    if axis == 1:
        n = rts[0].nrows_int()
        cat = _concat0(rts)
        order = []
        for i in range(n):
            for k in range(len(rts)):
                order.append(k * n + i)
        rows = _gather_values(cat, order)
        return _partition(rows, [i * len(rts) for i in range(n + 1)], cat._row_splits.dtype)
    raise ValueError("stacking RaggedTensors along axis %d is not supported" % axis)


def _stack(op, values, axis=0, name="stack"):
    return _ragged_stack(values, int(axis))


# ---- tf.ragged ----

def _depth(x):
    """The nesting depth of the scalars in `x`, or None when `x` holds no scalar."""
    if not isinstance(x, (list, tuple)):
        return 0
    found = None
    for item in x:
        d = _depth(item)
        if d is None:
            continue
        if found is not None and d != found:
            raise ValueError("all scalar values must have the same nesting depth")
        found = d
    return None if found is None else found + 1


def _nested_shape(x):
    if not isinstance(x, (list, tuple)):
        return ()
    if not x:
        return (0,)
    return (len(x),) + _nested_shape(x[0])


def _list_depth(x):
    if not isinstance(x, (list, tuple)):
        return 0
    return 1 + max([_list_depth(i) for i in x] + [0])


def constant(pylist, dtype=None, ragged_rank=None, inner_shape=None, name=None,
             row_splits_dtype=tf.int64):
    """Constructs a constant RaggedTensor from a nested Python list."""
    if not isinstance(pylist, (list, tuple)):
        return tf.constant(pylist, dtype=dtype)
    depth = _depth(pylist)
    if depth is None:
        depth = _list_depth(pylist)
    inner = 0 if inner_shape is None else len(inner_shape)
    if ragged_rank is None:
        ragged_rank = max(0, depth - 1 - inner)
    elif ragged_rank < 0:
        raise ValueError("Invalid ragged_rank=%s: must be nonnegative" % (ragged_rank,))
    elif ragged_rank >= depth:
        raise ValueError("pylist has scalar values depth %d, but ragged_rank=%d requires scalar "
                         "value depth greater than %d" % (depth, ragged_rank, ragged_rank))
    if ragged_rank == 0:
        return tf.constant(pylist, dtype=dtype)
    levels = []
    items = list(pylist)
    for _ in range(ragged_rank):
        splits = [0]
        flat = []
        for row in items:
            row = list(row)
            flat.extend(row)
            splits.append(splits[-1] + len(row))
        levels.append(splits)
        items = flat
    if items:
        shapes = set([_nested_shape(i) for i in items])
        if len(shapes) > 1:
            raise ValueError("inner values have inconsistent shape")
        values = tf.constant(items, dtype=dtype)
    else:
        shape = [0] + (list(inner_shape) if inner_shape is not None else [])
        values = tf.zeros(shape, tf.float32 if dtype is None else dtype)
    for splits in reversed(levels):
        values = _partition(values, splits, row_splits_dtype)
    return values


def ragged_range(starts, limits=None, deltas=1, dtype=None, name=None, row_splits_dtype=tf.int64):
    """A RaggedTensor whose rows are the ranges starts[i]:limits[i]:deltas[i]."""
    if limits is None:
        starts, limits = 0, starts
    s = tf.convert_to_tensor(starts)
    l = tf.convert_to_tensor(limits)
    d = tf.convert_to_tensor(deltas)
    n = 1
    for t in (s, l, d):
        if len(t.shape) > 1:
            raise ValueError("Shape %s must have rank at most 1" % (t.shape,))
        if len(t.shape) == 1:
            n = t.shape[0]
    def vec(t):
        v = t.numpy().tolist()
        return v if isinstance(v, list) else [v] * n
    sv, lv, dv = vec(s), vec(l), vec(d)
    if dtype is None:
        dtype = s.dtype
        for t in (l, d):
            if t.dtype.is_floating:
                dtype = t.dtype
    parts = []
    splits = [0]
    for a, b, c in zip(sv, lv, dv):
        if c == 0:
            _invalid("{{function_node __wrapped__RaggedRange_device_/job:localhost/replica:0/task:0/"
                     "device:CPU:0}} Requires delta != 0 [Op:RaggedRange] name:")
        r = tf.range(a, b, c, dtype=dtype)
        parts.append(r)
        splits.append(splits[-1] + r.shape[0])
    values = tf.concat(parts, 0) if parts else tf.zeros([0], dtype)
    return _partition(values, splits, row_splits_dtype)


def map_flat_values(op, *args, **kwargs):
    """Applies `op` to the `flat_values` of one or more RaggedTensors."""
    found = []

    def swap(v):
        if _is_ragged(v):
            found.append(v)
            return v.flat_values
        if isinstance(v, list):
            return [swap(x) for x in v]
        if isinstance(v, tuple):
            return tuple([swap(x) for x in v])
        return v
    new_args = [swap(a) for a in args]
    new_kwargs = {}
    for k in kwargs:
        new_kwargs[k] = swap(kwargs[k])
    if not found:
        return op(*args, **kwargs)
    for r in found[1:]:
        if not _same_partition(found[0], r):
            raise ValueError("Input RaggedTensors' flat_values must all have the same outer-dimension size.  Got sizes: %s"
                             % set([r.flat_values.shape[0] for r in found]))
    return found[0].with_flat_values(op(*new_args, **new_kwargs))


def stack(values, axis=0, name=None):
    """Stacks a list of rank-R tensors into one rank-(R+1) RaggedTensor."""
    values = list(values)
    if not any(_is_ragged(v) for v in values):
        values = [RaggedTensor.from_tensor(v) for v in values]
    return _ragged_stack(values, axis)


def boolean_mask(data, mask, name=None):
    """Applies a boolean mask to `data`, with rows of the masked values."""
    if _is_ragged(data) or _is_ragged(mask):
        if not (_is_ragged(data) and _is_ragged(mask)) or data.ragged_rank != 1:
            raise ValueError("boolean_mask of a RaggedTensor needs a ragged mask of ragged_rank 1 here")
        m = mask.flat_values.numpy().tolist()
        s = mask._splits()
        lens = [sum([1 for j in range(s[i], s[i + 1]) if m[j]]) for i in range(len(s) - 1)]
        vals = tf.boolean_mask(data.flat_values, mask.flat_values)
        return RaggedTensor.from_row_lengths(vals, lens)
    mask = tf.convert_to_tensor(mask)
    data = tf.convert_to_tensor(data)
    if len(mask.shape) == 1:
        return tf.boolean_mask(data, mask)
    if len(mask.shape) != 2:
        raise ValueError("boolean_mask with a mask of rank %d is not supported" % len(mask.shape))
    lens = tf.reduce_sum(tf.cast(mask, tf.int64), axis=1)
    return RaggedTensor.from_row_lengths(tf.boolean_mask(data, mask), lens)


def _reduce_join(op, inputs, axis=None, keepdims=False, separator="", name=None):
    sep = separator.encode() if isinstance(separator, str) else separator
    if axis is None:
        return tf.constant(sep.join(inputs.flat_values.numpy().tolist()))
    if axis in (1, -1) and inputs.ragged_rank == 1 and not keepdims:
        return tf.constant([sep.join(row) for row in inputs.to_list()], dtype=tf.string)
    raise ValueError("reduce_join of a ragged tensor along axis %r is not supported" % (axis,))


def _register():
    table = {}
    unary = [
        "tf.abs", "tf.math.negative", "tf.math.sign", "tf.math.square", "tf.math.sqrt",
        "tf.math.rsqrt", "tf.exp", "tf.math.expm1", "tf.math.log", "tf.math.log1p",
        "tf.math.sin", "tf.cos", "tf.math.tan", "tf.asin", "tf.acos", "tf.atan",
        "tf.math.sinh", "tf.cosh", "tf.math.tanh", "tf.math.sigmoid", "tf.floor",
        "tf.math.ceil", "tf.math.round", "tf.math.reciprocal", "tf.math.erf",
        "tf.math.is_nan", "tf.math.is_inf", "tf.math.is_finite", "tf.logical_not",
        "tf.math.softplus", "tf.nn.relu", "tf.nn.relu6", "tf.nn.elu", "tf.nn.selu",
        "tf.nn.leaky_relu", "tf.nn.gelu", "tf.cast", "tf.ones_like", "tf.zeros_like",
        "tf.identity", "tf.clip_by_value",
    ]
    unary += [
        "tf.strings.upper", "tf.strings.lower", "tf.strings.length", "tf.strings.strip",
        "tf.strings.substr", "tf.strings.regex_replace", "tf.strings.regex_full_match",
        "tf.strings.to_number", "tf.strings.as_string", "tf.strings.to_hash_bucket_fast",
        "tf.strings.to_hash_bucket_strong", "tf.strings.to_hash_bucket",
    ]
    for p in unary:
        table[p] = _unary
    table["tf.strings.reduce_join"] = _reduce_join
    binary = [
        "tf.add", "tf.math.subtract", "tf.math.multiply", "tf.divide", "tf.math.truediv",
        "tf.math.floordiv", "tf.math.floormod", "tf.math.pow", "tf.math.maximum",
        "tf.math.minimum", "tf.math.squared_difference", "tf.equal", "tf.math.not_equal",
        "tf.less", "tf.less_equal", "tf.greater", "tf.greater_equal", "tf.logical_and",
        "tf.logical_or", "tf.math.logical_xor", "tf.math.divide_no_nan",
    ]
    for p in binary:
        table[p] = _binary
    for kind in ("sum", "prod", "max", "min", "any", "all", "mean"):
        table["tf.reduce_" + kind] = _reducer(kind)
    table["tf.concat"] = _concat
    table["tf.stack"] = _stack
    table["tf.where"] = _where
    table["tf.size"] = _size
    table["tf.rank"] = _rank_fn
    return table


RaggedTensor._tf_dispatch = _register()


def _op(name, rname):
    f = getattr(tf.math, name)

    def forward(self, other):
        return f(self, other)

    def reflected(self, other):
        return f(other, self)
    setattr(RaggedTensor, "__%s__" % rname, forward)
    setattr(RaggedTensor, "__r%s__" % rname, reflected)


for _name, _rname in [("add", "add"), ("subtract", "sub"), ("multiply", "mul"),
                      ("truediv", "truediv"), ("floordiv", "floordiv"), ("floormod", "mod"),
                      ("pow", "pow"), ("logical_and", "and"), ("logical_or", "or"),
                      ("logical_xor", "xor")]:
    _op(_name, _rname)

RaggedTensor.__neg__ = lambda self: tf.math.negative(self)
RaggedTensor.__abs__ = lambda self: tf.abs(self)
RaggedTensor.__invert__ = lambda self: tf.logical_not(self)
RaggedTensor.__lt__ = lambda self, other: tf.less(self, other)
RaggedTensor.__le__ = lambda self, other: tf.less_equal(self, other)
RaggedTensor.__gt__ = lambda self, other: tf.greater(self, other)
RaggedTensor.__ge__ = lambda self, other: tf.greater_equal(self, other)
RaggedTensor.__eq__ = lambda self, other: tf.equal(self, other)
RaggedTensor.__ne__ = lambda self, other: tf.math.not_equal(self, other)
