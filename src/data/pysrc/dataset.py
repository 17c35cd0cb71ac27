# tf.data.Dataset (tensorflow.python.data.ops.dataset_ops.DatasetV2) and its sources:
# from_tensor_slices, from_tensors, range, zip, from_generator. Each dataset knows its
# element_spec and cardinality; iterating one makes a fresh iterator over its inputs
# (`_elements`), created at once so that seeded shuffles number iterators as TF does.


class DatasetV2:
    __module__ = "tensorflow.python.data.ops.dataset_ops"

    @property
    def element_spec(self):
        return self._spec

    def _card(self):
        return UNKNOWN

    def __repr__(self):
        return "<%s element_spec=%r>" % (type(self).__name__, self.element_spec)

    def __iter__(self):
        return OwnedIterator(self)

    def __bool__(self):
        return True

    def __len__(self):
        n = self._card()
        if n == INFINITE:
            raise TypeError("The dataset is infinite.")
        if n == UNKNOWN:
            raise TypeError("The dataset length is unknown.")
        return n

    def cardinality(self):
        return _tf.constant(self._card(), dtype=_tf.int64)

    def as_numpy_iterator(self):
        return NumpyIterator(self)

    def _elements(self):
        raise NotImplementedError

    def _indexed(self):
        """(structure, component tensors, order) when the elements are rows of tensors
        (in `order`, or in order when it is None), so batches can be gathered at once;
        None otherwise. Calling it starts a pass, as `_elements` does."""
        return None

    # Transformations.
    def batch(self, batch_size, drop_remainder=False, num_parallel_calls=None,
              deterministic=None, name=None):
        return _BatchDataset(self, batch_size, drop_remainder)

    def unbatch(self, name=None):
        return _UnbatchDataset(self)

    def padded_batch(self, batch_size, padded_shapes=None, padding_values=None,
                     drop_remainder=False, name=None):
        return _PaddedBatchDataset(self, batch_size, padded_shapes, padding_values, drop_remainder)

    def rebatch(self, batch_size, drop_remainder=False, name=None):
        return _RebatchDataset(self, batch_size, drop_remainder)

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None, name=None):
        return _ShuffleDataset(self, buffer_size, seed, reshuffle_each_iteration)

    def map(self, map_func, num_parallel_calls=None, deterministic=None, name=None):
        if num_parallel_calls is None:
            return _MapDataset(self, map_func)
        return _ParallelMapDataset(self, map_func)

    def filter(self, predicate, name=None):
        return _FilterDataset(self, predicate)

    def take(self, count, name=None):
        return _TakeDataset(self, count)

    def skip(self, count, name=None):
        return _SkipDataset(self, count)

    def repeat(self, count=None, name=None):
        return _RepeatDataset(self, count)

    def cache(self, filename="", name=None):
        return CacheDataset(self, filename)

    def prefetch(self, buffer_size, name=None):
        _count(buffer_size, "buffer_size")
        return _PrefetchDataset(self)

    def concatenate(self, dataset, name=None):
        return _ConcatenateDataset(self, dataset)

    def enumerate(self, start=0, name=None):
        r = _RangeDataset((start, 9223372036854775807), _tf.int64)
        return _ZipDataset((r, self))

    def window(self, size, shift=None, stride=1, drop_remainder=False, name=None):
        return _WindowDataset(self, size, shift, stride, drop_remainder)

    def flat_map(self, map_func, name=None):
        return _FlatMapDataset(self, map_func)

    def interleave(self, map_func, cycle_length=None, block_length=None,
                   num_parallel_calls=None, deterministic=None, name=None):
        if num_parallel_calls is None:
            return _InterleaveDataset(self, map_func, cycle_length, block_length)
        return _ParallelInterleaveDataset(self, map_func, cycle_length, block_length)

    def scan(self, initial_state, scan_func, name=None):
        return _ScanDataset(self, initial_state, scan_func)

    def shard(self, num_shards, index, name=None):
        return _ShardDataset(self, num_shards, index)

    def unique(self, name=None):
        return _UniqueDataset(self)

    def take_while(self, predicate, name=None):
        return _TakeWhileDataset(self, predicate)

    def ignore_errors(self, log_warning=False, name=None):
        return _IgnoreErrorsDataset(self)

    def apply(self, transformation_func):
        out = transformation_func(self)
        if not isinstance(out, DatasetV2):
            raise TypeError("`transformation_func` must return a `tf.data.Dataset` object. Got %s." % type(out))
        return out

    def with_options(self, options, name=None):
        d = _OptionsDataset(self)
        d._options = options
        return d

    def options(self):
        return getattr(self, "_options", None) or Options()

    def reduce(self, initial_state, reduce_func, name=None):
        state = normalize(initial_state)
        traced = False
        for e in self._elements():
            args = (state,) + (e if isinstance(e, tuple) else (e,))
            # Only the first call prints, as only TensorFlow's trace runs the Python.
            new = to_element(_quiet(reduce_func, *args) if traced else reduce_func(*args))
            traced = True
            for a, b in zip(flatten(state), flatten(new)):
                if a.dtype != b.dtype:
                    raise TypeError("The element types for the new state must match the initial state. Expected %s; got %s." % (repr([x.dtype for x in flatten(state)]), repr([x.dtype for x in flatten(new)])))
            state = new
        return state

    def get_single_element(self, name=None):
        it = self._elements()
        for e in it:
            for _ in it:
                raise _tf.errors.InvalidArgumentError(None, None, "Dataset had more than one element.")
            return e
        raise _tf.errors.InvalidArgumentError(None, None, "Dataset was empty.")

    # Sources.
    @staticmethod
    def from_tensor_slices(tensors, name=None):
        return _TensorSliceDataset(tensors)

    @staticmethod
    def from_tensors(tensors, name=None):
        return _TensorDataset(tensors)

    @staticmethod
    def range(*args, output_type=_tf.int64, name=None):
        return _RangeDataset(args, output_type)

    @staticmethod
    def zip(*args, datasets=None, name=None):
        if datasets is None:
            if not args:
                raise TypeError("Must pass at least one dataset to `zip`.")
            datasets = args[0] if len(args) == 1 else args
        elif args:
            raise TypeError("Both `*args` and `datasets` cannot be set.")
        return _ZipDataset(datasets)

    @staticmethod
    def from_generator(generator, output_types=None, output_shapes=None, args=None,
                       output_signature=None, name=None):
        return _GeneratorDataset(generator, output_types, output_shapes, args, output_signature)


Dataset = DatasetV2


class OwnedIterator:
    __module__ = "tensorflow.python.data.ops.iterator_ops"

    def __init__(self, dataset):
        self._spec = dataset.element_spec
        self._it = dataset._elements()

    @property
    def element_spec(self):
        return self._spec

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def next(self):
        return next(self._it)

    def get_next(self):
        for e in self._it:
            return e
        raise _tf.errors.OutOfRangeError(None, None, "End of sequence")

    def get_next_as_optional(self):
        raise NotImplementedError("tf.experimental.Optional is not supported")


class NumpyIterator:
    __module__ = "tensorflow.python.data.ops.dataset_ops"

    def __init__(self, dataset):
        self._it = dataset._elements()

    def __iter__(self):
        return self

    def __next__(self):
        return map_structure(_to_numpy, next(self._it))

    def next(self):
        return self.__next__()


def _to_numpy(t):
    if isinstance(t, DatasetV2):
        return t.as_numpy_iterator()
    return t.numpy()


def _slices_of(tensors):
    element = normalize(tensors)
    flat = flatten(element)
    if not flat:
        raise ValueError("Invalid `tensors`. `tensors` should not be empty.")
    n = None
    for t in flat:
        if t.shape.rank == 0:
            raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        m = t.shape[0]
        if n is not None and m != n:
            raise ValueError("Dimensions %d and %d are not compatible" % (n, m))
        n = m
    return element, flat, n


class _TensorSliceDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.from_tensor_slices_op"

    def __init__(self, tensors):
        element, flat, n = _slices_of(tensors)
        self._template = element
        self._flat = flat
        self._n = n
        self._spec = map_structure(lambda t: TensorSpec(t.shape[1:], t.dtype), element)

    def _card(self):
        return self._n

    def _elements(self):
        return _slice_rows(self._template, self._flat, self._n)

    def _indexed(self):
        return self._template, self._flat, None


def _rows_in(template, flat, order):
    if len(flat) == 1 and not isinstance(template, (tuple, dict)):
        t = flat[0]
        for i in order:
            yield t[i]
    else:
        for i in order:
            yield pack_as(template, [t[i] for t in flat])


def _slice_rows(template, flat, n):
    if len(flat) == 1 and not isinstance(template, (tuple, dict)):
        t = flat[0]
        for i in range(n):
            yield t[i]
    else:
        for i in range(n):
            yield pack_as(template, [t[i] for t in flat])


class _TensorDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.from_tensors_op"

    def __init__(self, tensors):
        self._element = normalize(tensors)
        self._spec = spec_of(self._element)

    def _card(self):
        return 1

    def _elements(self):
        return iter([self._element])


class _RangeDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.range_op"

    def __init__(self, args, output_type):
        args = [int(a) for a in args]
        if len(args) == 1:
            start, stop, step = 0, args[0], 1
        elif len(args) == 2:
            start, stop, step = args[0], args[1], 1
        elif len(args) == 3:
            start, stop, step = args
        else:
            raise ValueError("Invalid `args`. The length of `args` should be between 1 and 3 but was %d." % len(args))
        if step == 0:
            raise _tf.errors.InvalidArgumentError(None, None, "step must be a non-zero integer.")
        self._range = range(start, stop, step)
        self._dtype = _tf.as_dtype(output_type)
        self._spec = TensorSpec([], self._dtype)

    def _card(self):
        return len(self._range)

    def _elements(self):
        return _range_gen(self._range, self._dtype)


def _range_gen(r, dtype):
    for i in r:
        yield _tf.constant(i, dtype=dtype)


class _ZipDataset(DatasetV2):
    __module__ = "tensorflow.python.data.ops.zip_op"

    def __init__(self, datasets):
        if isinstance(datasets, list):
            datasets = tuple(datasets)
        for d in flatten(datasets):
            if not isinstance(d, DatasetV2):
                raise TypeError("Invalid input to `zip`. Inputs are expected to be (nested) structures of `tf.data.Dataset` objects. Python `list` is not supported and you should use `tuple` instead.")
        self._datasets = datasets
        self._spec = map_structure(lambda d: d.element_spec, datasets)

    def _card(self):
        cards = [d._card() for d in flatten(self._datasets)]
        if UNKNOWN in cards:
            return UNKNOWN
        finite = [c for c in cards if c != INFINITE]
        return min(finite) if finite else INFINITE

    def _elements(self):
        its = [d._elements() for d in flatten(self._datasets)]
        return _zip_gen(self._datasets, its)


def _zip_gen(template, its):
    while True:
        parts = []
        for i in its:
            for e in i:
                parts.append(e)
                break
            else:
                return
        yield pack_as(template, parts)


class _GeneratorDataset(DatasetV2):
    # TensorFlow builds from_generator as range -> map -> flat_map.
    __module__ = "tensorflow.python.data.ops.flat_map_op"

    def __init__(self, generator, output_types, output_shapes, args, output_signature):
        if not callable(generator):
            raise TypeError("`generator` must be a Python callable.")
        if output_signature is not None:
            if output_types is not None:
                raise TypeError("The `output_types` argument can not be used together with the `output_signature` argument.")
            if output_shapes is not None:
                raise TypeError("The `output_shapes` argument can not be used together with the `output_signature` argument.")
            spec = output_signature
        else:
            if output_types is None:
                raise TypeError("To specify the output signature you need to provide either the `output_signature` argument or the `output_types` argument.")
            types = _as_struct(output_types)
            if output_shapes is None:
                spec = map_structure(lambda t: TensorSpec(None, t), types)
            else:
                spec = _specs_up_to(types, output_shapes)
        self._spec = spec
        self._generator = generator
        self._args = () if args is None else tuple(args)

    def _elements(self):
        return _from_generator(self._generator, self._args, self._spec)

    def __repr__(self):
        return "<_FlatMapDataset element_spec=%r>" % (self._spec,)


def _as_struct(x):
    if isinstance(x, list):
        return tuple(x)
    return x


def _specs_up_to(types, shapes):
    """TensorSpecs of `types` (a structure of dtypes) with `shapes` (the same structure,
    each leaf a shape)."""
    if isinstance(types, tuple):
        shapes = tuple(shapes)
        if len(shapes) != len(types):
            raise ValueError("The two structures don't have the same sequence length. Input structure has length %d, while shallow structure has length %d." % (len(shapes), len(types)))
        return tuple(_specs_up_to(t, s) for t, s in zip(types, shapes))
    if isinstance(types, dict):
        return {k: _specs_up_to(types[k], shapes[k]) for k in types}
    return TensorSpec(shapes, types)


def _from_generator(generator, args, spec):
    for value in generator(*args):
        if isinstance(spec, tuple) and isinstance(value, list):
            value = tuple(value)
        flat_spec = flatten(spec)
        if isinstance(spec, (tuple, dict)):
            if not same_structure(spec, value):
                raise TypeError("`generator` yielded an element that did not match the expected structure. The expected structure was %r, but the yielded element was %r." % (spec, value))
            flat = flatten(value)
        else:
            flat = [value]
        out = []
        for s, v in zip(flat_spec, flat):
            try:
                t = _tf.convert_to_tensor(v, dtype=s.dtype)
            except (TypeError, ValueError):
                raise TypeError("`generator` yielded an element that could not be converted to the expected type. The expected type was %s, but the yielded element was %r." % (s.dtype.name, v))
            if not s.is_compatible_with(TensorSpec(t.shape, t.dtype)):
                raise ValueError("`generator` yielded an element of shape %s where an element of shape %s was expected." % (_shape_str(t.shape), _shape_str(s.shape)))
            out.append(t)
        yield pack_as(spec, out)


def _shape_str(shape):
    dims = shape.as_list() if shape.rank is not None else None
    if dims is None:
        return "<unknown>"
    return "(" + ", ".join("None" if d is None else str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"
