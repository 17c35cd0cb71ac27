# tf.data's element structures and specs (tensorflow.python.data.util.structure,
# tensorflow.python.framework.tensor_spec): nested tuples and dicts of tensors, their
# TensorSpecs, and the conversions every dataset applies to what it is given.

import tensorflow as _tf

INFINITE = -1
UNKNOWN = -2


class TensorSpec:
    __module__ = "tensorflow.python.framework.tensor_spec"

    def __init__(self, shape, dtype=_tf.float32, name=None):
        if shape is None:
            self._dims = None
        else:
            self._dims = tuple(None if d is None else int(d) for d in _tf.TensorShape(shape).as_list())
        self._dtype = _tf.as_dtype(dtype)
        self._name = name

    @property
    def shape(self):
        return _tf.TensorShape(None if self._dims is None else list(self._dims))

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    def __repr__(self):
        shown = "<unknown>" if self._dims is None else repr(self._dims)
        return "TensorSpec(shape=%s, dtype=%r, name=%r)" % (shown, self._dtype, self._name)

    def __eq__(self, other):
        return (type(other) is type(self) and self._dims == other._dims
                and self._dtype == other._dtype and self._name == other._name)

    def __hash__(self):
        return hash((self._dims, repr(self._dtype), self._name))

    def is_compatible_with(self, other):
        if isinstance(other, TensorSpec):
            dims, dtype = other._dims, other._dtype
        else:
            t = _tf.convert_to_tensor(other)
            dims, dtype = tuple(t.shape.as_list()), t.dtype
        if dtype != self._dtype:
            return False
        if self._dims is None or dims is None:
            return True
        if len(dims) != len(self._dims):
            return False
        return all(a is None or b is None or a == b for a, b in zip(self._dims, dims))

    @classmethod
    def from_tensor(cls, tensor, name=None):
        return cls(tensor.shape, tensor.dtype, name)


class DatasetSpec:
    __module__ = "tensorflow.python.data.ops.dataset_ops"

    def __init__(self, element_spec, dataset_shape=()):
        self._element_spec = element_spec
        self._dataset_shape = _tf.TensorShape(dataset_shape)

    @property
    def element_spec(self):
        return self._element_spec

    def __repr__(self):
        return "DatasetSpec(%r, %r)" % (self._element_spec, self._dataset_shape)


def _is_leaf(x):
    return not isinstance(x, (tuple, dict))


def map_structure(f, s):
    if isinstance(s, tuple):
        return tuple(map_structure(f, x) for x in s)
    if isinstance(s, dict):
        return {k: map_structure(f, s[k]) for k in s}
    return f(s)


def flatten(s):
    if isinstance(s, tuple):
        out = []
        for x in s:
            out.extend(flatten(x))
        return out
    if isinstance(s, dict):
        out = []
        for k in sorted(s):
            out.extend(flatten(s[k]))
        return out
    return [s]


def pack_as(template, flat):
    it = iter(flat)

    def build(t):
        if isinstance(t, tuple):
            return tuple(build(x) for x in t)
        if isinstance(t, dict):
            made = {k: build(t[k]) for k in sorted(t)}
            return {k: made[k] for k in t}
        return next(it)

    return build(template)


def to_element(value):
    """A value as a dataset element: lists become tuples at the top of what a function
    returns, everything else that is not a tuple or a dict becomes a tensor."""
    if isinstance(value, list) and value and not all(_is_scalar(v) for v in value):
        value = tuple(value)
    return normalize(value)


def _is_scalar(v):
    return isinstance(v, (int, float, bool))


def normalize(value):
    if isinstance(value, tuple):
        return tuple(normalize(x) for x in value)
    if isinstance(value, dict):
        return {k: normalize(value[k]) for k in value}
    if isinstance(value, _tf.Variable):
        return _tf.convert_to_tensor(value)
    if isinstance(value, _tf.Tensor):
        return value
    if isinstance(value, DatasetV2):
        return value
    return _tf.convert_to_tensor(value)


def spec_of(element):
    def one(t):
        if isinstance(t, DatasetV2):
            return DatasetSpec(t.element_spec)
        return TensorSpec(t.shape, t.dtype)

    return map_structure(one, element)


def most_specific(a, b):
    """The spec both elements fit: dims that differ become None."""
    def one(x, y):
        if isinstance(x, DatasetSpec):
            return x
        if x._dims is None or y._dims is None or len(x._dims) != len(y._dims):
            return TensorSpec(None, x._dtype)
        return TensorSpec([p if p == q else None for p, q in zip(x._dims, y._dims)], x._dtype)

    flat = [one(x, y) for x, y in zip(flatten(a), flatten(b))]
    return pack_as(a, flat)


def placeholder(spec, size):
    """A zero element of `spec` with unknown dims set to `size` (to learn a function's
    output spec, as TensorFlow learns it by tracing)."""
    def one(s):
        if isinstance(s, DatasetSpec):
            raise TypeError("nested datasets are traced from real elements")
        if s._dims is None:
            raise TypeError("unknown rank")
        return _tf.zeros([size if d is None else d for d in s._dims], s._dtype)

    return map_structure(one, spec)


def call(f, element):
    if isinstance(element, tuple):
        return f(*element)
    return f(element)


def same_structure(a, b):
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(same_structure(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and sorted(a) == sorted(b) and all(same_structure(a[k], b[k]) for k in a)
    return not isinstance(b, (tuple, dict))


class _SeedGenerator:
    """A shuffle's seeds: a stream that gives each new iterator the two words that seed
    its own Philox stream (reshuffling), or the same stream every time."""

    def __init__(self, seed, seed2):
        self._seeds = (seed, seed2)
        self._words = _words(seed, seed2)

    def next_seeds(self):
        s = next(self._words)
        s2 = next(self._words)
        return s, s2

    def fixed_seeds(self):
        return self._seeds


def _shuffle_seeds(seed):
    s, s2 = _op_seeds(seed)
    return _SeedGenerator(s, s2)
