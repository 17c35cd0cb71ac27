# More transformations: window, flat_map, interleave, scan, shard, unique, take_while;
# and `tf.data.Options`, AUTOTUNE and the `experimental` helpers.


class _WindowDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.window_op"

    def __init__(self, input, size, shift, stride, drop_remainder):
        _UnaryDataset.__init__(self, input)
        self._size = _count(size, "size")
        self._shift = self._size if shift is None else _count(shift, "shift")
        self._stride = _count(stride, "stride")
        if self._size <= 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Window size must be greater than zero, but got %d." % self._size)
        if self._shift <= 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Window shift must be greater than zero, but got %d." % self._shift)
        if self._stride <= 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Window stride must be greater than zero, but got %d." % self._stride)
        self._drop = bool(drop_remainder)
        self._spec = map_structure(lambda s: DatasetSpec(s, []), input.element_spec)

    def _card(self):
        n = self._input._card()
        if n < 0:
            return n
        if self._drop:
            span = (self._size - 1) * self._stride + 1
            return 0 if n < span else (n - span) // self._shift + 1
        return -(-n // self._shift)

    def _elements(self):
        return _windows(self._input._elements(), self)


def _windows(src, w):
    buf = []
    more = True
    span = (w._size - 1) * w._stride + 1
    while True:
        while more and len(buf) < span:
            for e in src:
                buf.append(e)
                break
            else:
                more = False
        if not buf:
            return
        picked = buf[0:span:w._stride]
        if len(buf) < span and (w._drop or not picked):
            return
        yield _window_of(picked, w._input.element_spec)
        if w._shift >= len(buf):
            skip = w._shift - len(buf)
            buf = []
            while skip > 0 and more:
                for e in src:
                    break
                else:
                    more = False
                skip -= 1
        else:
            buf = buf[w._shift:]
        if not more and not buf:
            return


def _window_of(elements, spec):
    if isinstance(spec, (tuple, dict)):
        flat_spec = flatten(spec)
        cols = [[flatten(e)[k] for e in elements] for k in range(len(flat_spec))]
        return pack_as(spec, [_ListDataset(c, s) for c, s in zip(cols, flat_spec)])
    return _ListDataset(elements, spec)


class _ListDataset(DatasetV2):
    # A window: a small dataset over elements already computed.
    __module__ = "tensorflow.python.data.ops.dataset_ops"

    def __init__(self, elements, spec):
        self._items = elements
        self._spec = spec

    def _card(self):
        return len(self._items)

    def _elements(self):
        return iter(self._items)

    def __repr__(self):
        return "<_VariantDataset element_spec=%r>" % (self._spec,)


def _dataset_result(v, what):
    if not isinstance(v, DatasetV2):
        raise TypeError("The `map_func` argument must return a `Dataset` object. Got %s." % _type_repr(v))
    return v


def _type_repr(v):
    return repr(type(v))


class _FlatMapDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.flat_map_op"

    def __init__(self, input, map_func):
        _UnaryDataset.__init__(self, input)
        self._func = map_func
        self._spec = _nested_spec(input, map_func)

    def _card(self):
        return UNKNOWN

    def _elements(self):
        return _flat_mapped(self._input._elements(), self._func)


def _nested_spec(input, f):
    for e in input._elements():
        return _dataset_result(call(f, e), "flat_map").element_spec
    try:
        return _quiet(lambda x: _dataset_result(call(f, x), "flat_map").element_spec,
                      placeholder(input.element_spec, 1))
    except Exception:
        return input.element_spec


def _flat_mapped(src, f):
    for e in src:
        for x in _dataset_result(_quiet(call, f, e), "flat_map")._elements():
            yield x


class _InterleaveDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.interleave_op"

    def __init__(self, input, map_func, cycle_length, block_length):
        _UnaryDataset.__init__(self, input)
        self._func = map_func
        self._cycle = None if cycle_length is None else _count(cycle_length, "cycle_length")
        self._block = 1 if block_length is None else _count(block_length, "block_length")
        self._spec = _nested_spec(input, map_func)

    def _card(self):
        return UNKNOWN

    def _elements(self):
        return _interleaved(self._input._elements(), self._func, self._cycle, self._block)


class _ParallelInterleaveDataset(_InterleaveDataset):
    pass


def _interleaved(src, f, cycle, block):
    if cycle is None or cycle <= 0:
        cycle = 2
    slots = []
    more = True
    while True:
        while more and len(slots) < cycle:
            for e in src:
                slots.append(_dataset_result(_quiet(call, f, e), "interleave")._elements())
                break
            else:
                more = False
        if not slots:
            return
        i = 0
        while i < len(slots):
            got = 0
            ended = False
            while got < block:
                for x in slots[i]:
                    yield x
                    got += 1
                    break
                else:
                    ended = True
                    break
            if ended:
                if more:
                    replaced = False
                    for e in src:
                        slots[i] = _dataset_result(_quiet(call, f, e), "interleave")._elements()
                        replaced = True
                        break
                    if not replaced:
                        more = False
                        del slots[i]
                        continue
                    continue
                del slots[i]
                continue
            i += 1


class _ScanDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.scan_op"

    def __init__(self, input, initial_state, scan_func):
        _UnaryDataset.__init__(self, input)
        self._state = normalize(initial_state)
        self._func = scan_func

        def apply(e):
            out = _scan_step(scan_func, self._state, e)
            return out[1]

        self._spec = _traced_spec(input, apply)

    def _elements(self):
        return _scanned(self._input._elements(), self._func, self._state)


def _scan_step(f, state, e):
    args = (state,) + (e if isinstance(e, tuple) else (e,))
    out = f(*args)
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise TypeError("The scan function must return a pair comprising the new state and the output value.")
    new_state = to_element(out[0])
    for a, b in zip(flatten(state), flatten(new_state)):
        if a.dtype != b.dtype:
            raise TypeError("The element types for the new state must match the initial state. Expected %s; got %s." % (repr([x.dtype for x in flatten(state)]), repr([x.dtype for x in flatten(new_state)])))
    return new_state, to_element(out[1])


def _scanned(src, f, state):
    for e in src:
        state, out = _quiet(_scan_step, f, state, e)
        yield out


class _ShardDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.shard_op"

    def __init__(self, input, num_shards, index):
        _UnaryDataset.__init__(self, input)
        self._n = _count(num_shards, "num_shards")
        self._i = _count(index, "index")
        if self._n <= 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Number of shards must be greater than zero (currently num_shards = %d)." % self._n)
        if self._i < 0 or self._i >= self._n:
            raise _tf.errors.InvalidArgumentError(None, None, "Index must be between 0 and %d (currently index = %d)." % (self._n - 1, self._i))

    def _card(self):
        n = self._input._card()
        if n < 0:
            return n
        return n // self._n + (1 if n % self._n > self._i else 0)

    def _elements(self):
        return _sharded(self._input._elements(), self._n, self._i)


def _sharded(src, n, i):
    k = 0
    for e in src:
        if k % n == i:
            yield e
        k += 1


class _UniqueDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.unique_op"

    def __init__(self, input):
        _UnaryDataset.__init__(self, input)
        s = input.element_spec
        if not isinstance(s, TensorSpec):
            raise TypeError("Unique is not supported for datasets with more than one component.")
        if s._dims is None or len(s._dims) != 0:
            raise TypeError("Unique does not support datasets with elements of non-scalar shape.")

    def _card(self):
        return INFINITE if self._input._card() == INFINITE else UNKNOWN

    def _elements(self):
        return _uniq(self._input._elements())


def _uniq(src):
    seen = set()
    for e in src:
        v = e.numpy()
        key = v.item() if hasattr(v, "item") else v
        if key in seen:
            continue
        seen.add(key)
        yield e


class _TakeWhileDataset(_UnaryDataset):
    __module__ = "tensorflow.python.data.ops.take_while_op"

    def __init__(self, input, predicate):
        _UnaryDataset.__init__(self, input)
        self._pred = predicate

    def _card(self):
        return UNKNOWN

    def _elements(self):
        return _taking_while(self._input._elements(), self._pred)


def _taking_while(src, pred):
    for e in src:
        if not _truth(_quiet(call, pred, e), "predicate"):
            return
        yield e


class _Namespace:
    def __init__(self, name):
        self._name = name

    def __repr__(self):
        return "<%s object>" % self._name


class Options:
    __module__ = "tensorflow.python.data.ops.options"

    def __init__(self):
        self.deterministic = None
        self.experimental_distribute = _Namespace("tensorflow.python.data.ops.options.DistributeOptions")
        self.experimental_distribute.auto_shard_policy = AutoShardPolicy.AUTO
        self.experimental_optimization = _Namespace("tensorflow.python.data.ops.options.OptimizationOptions")
        self.threading = _Namespace("tensorflow.python.data.ops.options.ThreadingOptions")
        self.experimental_threading = self.threading
        self.experimental_deterministic = None
        self.autotune = _Namespace("tensorflow.python.data.ops.options.AutotuneOptions")


class AutoShardPolicy:
    __module__ = "tensorflow.python.data.ops.options"
    OFF = -1
    AUTO = 0
    FILE = 1
    DATA = 2
    HINT = 3


AUTOTUNE = -1
