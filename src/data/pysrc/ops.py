# The transformations of tf.data.Dataset: batch, shuffle, map, filter, take, skip, repeat,
# cache, prefetch, window, flat_map, interleave, scan, shard, unique, take_while,
# enumerate, concatenate, reduce, apply, with_options. Each keeps TensorFlow's class name
# (its repr) and cardinality rule.


def _count(n, what):
    if isinstance(n, _tf.Tensor):
        n = int(n)
    if not isinstance(n, int):
        raise TypeError("Failed to convert elements of %r to Tensor." % (n,))
    return n


class _UnaryDataset(DatasetV2):
    def __init__(self, input):
        self._input = input
        self._spec = input.element_spec

    def _card(self):
        return self._input._card()


class _BatchDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.batch_op"

    def __init__(self, input, batch_size, drop_remainder):
        _UnaryDataset.__init__(self, input)
        self._size = _count(batch_size, "batch_size")
        if self._size <= 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Batch size must be greater than zero.")
        self._drop = bool(drop_remainder)
        dim = self._size if self._drop else None
        self._spec = map_structure(lambda s: _batched_spec(s, dim), input.element_spec)

    def _card(self):
        n = self._input._card()
        if n < 0:
            return n
        return n // self._size if self._drop else -(-n // self._size)

    def _elements(self):
        plan = self._input._indexed()
        if plan is not None:
            return _gathered(plan, self._size, self._drop)
        return _batches(self._input._elements(), self._size, self._drop, self._input.element_spec)


def _batched_spec(s, dim):
    if isinstance(s, DatasetSpec):
        return s
    if s._dims is None:
        return TensorSpec(None, s._dtype)
    return TensorSpec([dim] + list(s._dims), s._dtype)


def _gathered(plan, size, drop):
    # Rows of tensors batched by slicing (or gathering, in a shuffled order) each
    # component once per batch: the same batches as stacking the rows one by one.
    template, flat, order = plan
    n = flat[0].shape[0]
    single = len(flat) == 1 and not isinstance(template, (tuple, dict))
    for start in range(0, n, size):
        end = min(start + size, n)
        if drop and end - start < size:
            return
        if order is None:
            cols = [t[start:end] for t in flat]
        else:
            chunk = order[start:end]
            cols = [_tf.gather(t, chunk) for t in flat]
        yield cols[0] if single else pack_as(template, cols)


def _stack_component(parts, k):
    first = parts[0].shape
    for i, p in enumerate(parts):
        if p.shape != first:
            raise _tf.errors.InvalidArgumentError(None, None, "Cannot batch tensors with different shapes in component %d. First element had shape %s and element %d had shape %s." % (k, _dims_str(first), i, _dims_str(p.shape)))
    return _tf.stack(parts)


def _dims_str(shape):
    return "[" + ",".join(str(d) for d in shape.as_list()) + "]"


def _batches(src, size, drop, spec):
    buf = []
    for e in src:
        buf.append(e)
        if len(buf) == size:
            yield _stack_batch(buf, spec)
            buf = []
    if buf and not drop:
        yield _stack_batch(buf, spec)


def _stack_batch(buf, spec):
    if len(buf) and not isinstance(buf[0], (tuple, dict)):
        return _stack_component(buf, 0)
    flats = [flatten(e) for e in buf]
    cols = [_stack_component([f[k] for f in flats], k) for k in range(len(flats[0]))]
    return pack_as(buf[0], cols)


class _UnbatchDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.unbatch_op"

    def __init__(self, input):
        _UnaryDataset.__init__(self, input)

        def one(s):
            if s._dims is not None and len(s._dims) == 0:
                raise ValueError("Cannot unbatch an input with scalar components.")
            return TensorSpec(None if s._dims is None else s._dims[1:], s._dtype)

        self._spec = map_structure(one, input.element_spec)

    def _card(self):
        return INFINITE if self._input._card() == INFINITE else UNKNOWN

    def _elements(self):
        return _unbatch(self._input._elements())


def _unbatch(src):
    for e in src:
        flat = flatten(e)
        n = flat[0].shape[0]
        for i in range(n):
            yield pack_as(e, [t[i] for t in flat])


class _PaddedBatchDataset(_BatchDataset):
    __module__ = "tensorflow.python.data.ops.padded_batch_op"

    def __init__(self, input, batch_size, padded_shapes, padding_values, drop_remainder):
        _BatchDataset.__init__(self, input, batch_size, drop_remainder)
        dim = self._size if self._drop else None
        if padded_shapes is None:
            shapes = map_structure(lambda s: [None] * len(s._dims), input.element_spec)
        else:
            shapes = padded_shapes
        self._shapes = flatten(map_structure(lambda s: s, _as_struct(shapes))) if isinstance(shapes, (tuple, dict)) else [shapes]
        flat_specs = flatten(input.element_spec)
        if len(self._shapes) != len(flat_specs):
            self._shapes = [[None] * len(s._dims) for s in flat_specs]
        self._shapes = [list(_tf.TensorShape(s).as_list()) for s in self._shapes]
        self._values = padding_values
        self._spec = pack_as(input.element_spec,
                             [TensorSpec([dim] + [p for p in shp], s._dtype)
                              for shp, s in zip(self._shapes, flat_specs)])

    def _elements(self):
        return _padded_batches(self._input._elements(), self._size, self._drop, self._shapes, self._values)


def _padded_batches(src, size, drop, shapes, values):
    buf = []
    for e in src:
        buf.append(e)
        if len(buf) == size:
            yield _pad_batch(buf, shapes, values)
            buf = []
    if buf and not drop:
        yield _pad_batch(buf, shapes, values)


def _pad_batch(buf, shapes, values):
    flats = [flatten(e) for e in buf]
    flat_values = flatten(values) if isinstance(values, (tuple, dict)) else [values] * len(flats[0])
    cols = []
    for k in range(len(flats[0])):
        parts = [f[k] for f in flats]
        rank = len(parts[0].shape)
        target = []
        for d in range(rank):
            want = shapes[k][d] if d < len(shapes[k]) else None
            longest = max(p.shape[d] for p in parts)
            if want is not None and want < longest:
                raise _tf.errors.InvalidArgumentError(None, None, "Attempted to pad to a smaller size than the input element.")
            target.append(longest if want is None else want)
        value = flat_values[k] if k < len(flat_values) else None
        padded = []
        for p in parts:
            pads = [[0, target[d] - p.shape[d]] for d in range(rank)]
            if value is None:
                padded.append(_tf.pad(p, pads))
            else:
                padded.append(_tf.pad(p, pads, constant_values=_tf.cast(value, p.dtype)))
        cols.append(_tf.stack(padded))
    return pack_as(buf[0], cols)


class _RebatchDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.rebatch_op"

    def __init__(self, input, batch_size, drop_remainder):
        _UnaryDataset.__init__(self, input)
        self._size = _count(batch_size, "batch_size")
        self._drop = bool(drop_remainder)
        dim = self._size if self._drop else None
        self._spec = map_structure(lambda s: TensorSpec([dim] + list(s._dims[1:]), s._dtype), input.element_spec)

    def _card(self):
        return INFINITE if self._input._card() == INFINITE else UNKNOWN

    def _elements(self):
        return _batches(_unbatch(self._input._elements()), self._size, self._drop, None)


class _ShuffleDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.shuffle_op"

    def __init__(self, input, buffer_size, seed, reshuffle_each_iteration):
        _UnaryDataset.__init__(self, input)
        size = _count(buffer_size, "buffer_size")
        if size <= 0 and size != UNKNOWN:
            raise _tf.errors.InvalidArgumentError(None, None, "buffer_size must be greater than zero or UNKNOWN_CARDINALITY")
        self._size = size
        self._reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
        self._seeds = _shuffle_seeds(seed)

    def _pass_seeds(self):
        if self._reshuffle:
            return self._seeds.next_seeds()
        return self._seeds.fixed_seeds()

    def _indexed(self):
        plan = self._input._indexed()
        if plan is None or plan[2] is not None:
            return None
        template, flat, _ = plan
        s, s2 = self._pass_seeds()
        return template, flat, _shuffle_order(flat[0].shape[0], self._size, s, s2)

    def _elements(self):
        plan = self._indexed()
        if plan is not None:
            return _rows_in(*plan)
        s, s2 = self._pass_seeds()
        return _shuffled(self._input._elements(), self._size, _words(s, s2))


def _shuffled(src, size, words):
    # TensorFlow's ring buffer: a uniform pick among the buffered elements, the oldest
    # moving into the gap, one new element read in for each one given out.
    slots = []
    start = 0
    count = 0
    more = True
    while True:
        while more and (size == UNKNOWN or count < size):
            for e in src:
                pos = start + count if size == UNKNOWN else (start + count) % size
                if pos == len(slots):
                    slots.append(e)
                else:
                    slots[pos] = e
                count += 1
                break
            else:
                more = False
        if count == 0:
            return
        k = next(words) % count
        if size == UNKNOWN:
            i, j = start + k, start
        else:
            i, j = (start + k) % size, start % size
        e = slots[i]
        slots[i] = slots[j]
        slots[j] = None
        start += 1
        count -= 1
        yield e


class _MapDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.map_op"

    def __init__(self, input, map_func):
        _UnaryDataset.__init__(self, input)
        self._func = map_func
        self._spec = _traced_spec(input, lambda e: to_element(call(map_func, e)))

    def _elements(self):
        return _mapped(self._input._elements(), self._func)


class _ParallelMapDataset(_MapDataset):
    pass


def _mapped(src, f):
    # TensorFlow runs the function's Python once, when it traces it; per element only its
    # graph runs, so what the Python prints is not printed again.
    for e in src:
        yield to_element(_quiet(call, f, e))


def _traced_spec(input, apply):
    """The spec of what `apply` makes of the input's elements: TensorFlow learns it by
    tracing the function on symbolic tensors; this runs it, quietly, on zeros shaped as the input's
    spec (twice when some dims are unknown, to see which dims follow them), or on the
    first real element when zeros cannot stand in. Only the first run's prints show."""
    spec = input.element_spec
    try:
        # The first run prints what the function prints, as TensorFlow's trace does.
        a = spec_of(apply(placeholder(spec, 1)))
        if any(s._dims is None or None in s._dims for s in flatten(spec) if isinstance(s, TensorSpec)):
            b = spec_of(_quiet(apply, placeholder(spec, 2)))
            a = most_specific(a, b)
        return a
    except Exception:
        for e in input._elements():
            return spec_of(_quiet(apply, e))
        return spec


class _FilterDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.filter_op"

    def __init__(self, input, predicate):
        _UnaryDataset.__init__(self, input)
        self._pred = predicate
        _trace(input, predicate)

    def _card(self):
        return UNKNOWN

    def _elements(self):
        return _filtered(self._input._elements(), self._pred)


def _trace(input, f):
    """Runs `f` once on zeros shaped as the input's elements, for what it prints: the
    Python of a predicate runs once in TensorFlow, when it is traced."""
    try:
        call(f, placeholder(input.element_spec, 1))
    except Exception:
        pass


def _truth(v, what):
    t = _tf.convert_to_tensor(v)
    if t.dtype != _tf.bool or t.shape.rank != 0:
        raise ValueError("Invalid `%s`. `%s` must return a scalar boolean `tf.Tensor`, but its return type is %s." % (what, what, TensorSpec(t.shape, t.dtype)))
    return bool(t)


def _filtered(src, pred):
    for e in src:
        if _truth(_quiet(call, pred, e), "predicate"):
            yield e


class _CountedDataset(_UnaryDataset):
    # take and skip: an input and a count (-1: all).
    def __init__(self, input, count):
        _UnaryDataset.__init__(self, input)
        self._n = _count(count, "count")


class _TakeDataset(_CountedDataset):
    __module__ = "tensorflow.python.data.ops.take_op"

    def _card(self):
        n = self._input._card()
        if self._n < 0:
            return n
        if n == INFINITE:
            return self._n
        if n == UNKNOWN:
            return UNKNOWN
        return min(n, self._n)

    def _elements(self):
        return _take(self._input._elements(), self._n)


def _take(src, n):
    if n == 0:
        return
    i = 0
    for e in src:
        yield e
        i += 1
        if i == n:
            return


class _SkipDataset(_CountedDataset):
    __module__ = "tensorflow.python.data.ops.skip_op"

    def _card(self):
        n = self._input._card()
        if self._n < 0:
            return INFINITE if n == INFINITE else 0
        if n < 0:
            return n
        return max(0, n - self._n)

    def _elements(self):
        return _skip(self._input._elements(), self._n)


def _skip(src, n):
    i = 0
    for e in src:
        if n < 0 or i < n:
            i += 1
            continue
        yield e


class _RepeatDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.repeat_op"

    def __init__(self, input, count):
        _UnaryDataset.__init__(self, input)
        self._n = -1 if count is None else _count(count, "count")

    def _card(self):
        n = self._input._card()
        if self._n == 0 or n == 0:
            return 0
        if self._n < 0:
            return INFINITE
        if n < 0:
            return n
        return n * self._n

    def _elements(self):
        return _repeat(self._input, self._n)


def _repeat(input, n):
    done = 0
    while n < 0 or done < n:
        empty = True
        for e in input._elements():
            empty = False
            yield e
        done += 1
        if empty:
            return


class CacheDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.cache_op"

    def __init__(self, input, filename):
        _UnaryDataset.__init__(self, input)
        self._cache = None

    def _elements(self):
        if self._cache is not None:
            return iter(self._cache)
        return _caching(self, self._input._elements())


def _caching(ds, src):
    seen = []
    for e in src:
        seen.append(e)
        yield e
    ds._cache = seen


class _PrefetchDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.prefetch_op"

    def _elements(self):
        return self._input._elements()

    def _indexed(self):
        return self._input._indexed()


class _OptionsDataset(_PrefetchDataset):
    __module__ = "tensorflow.python.data.ops.options_op"


class _IgnoreErrorsDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.ignore_errors_op"

    def _elements(self):
        return _ignoring(self._input._elements())


def _ignoring(src):
    while True:
        try:
            e = next(src)
        except StopIteration:
            return
        except _tf.errors.OpError:
            continue
        yield e


class _ConcatenateDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.concatenate_op"

    def __init__(self, a, b):
        if not same_structure(a.element_spec, b.element_spec):
            raise TypeError("Incompatible dataset elements:\n  %r vs.   %r" % (a.element_spec, b.element_spec))
        for x, y in zip(flatten(a.element_spec), flatten(b.element_spec)):
            if x.dtype != y.dtype:
                raise TypeError("Incompatible dataset elements:\n  %r vs.   %r" % (a.element_spec, b.element_spec))
        self._a = a
        self._b = b
        self._spec = most_specific(a.element_spec, b.element_spec)

    def _card(self):
        x, y = self._a._card(), self._b._card()
        if x == INFINITE or y == INFINITE:
            return INFINITE
        if x == UNKNOWN or y == UNKNOWN:
            return UNKNOWN
        return x + y

    def _elements(self):
        return _chain(self._a._elements(), self._b)


def _chain(first, second):
    for e in first:
        yield e
    for e in second._elements():
        yield e
