# numpy's shape and index functions that numpy writes in Python (lib.shape_base,
# lib.function_base, lib.arraypad, lib.index_tricks, lib.twodim_base, core.numeric):
# pad, insert, delete, array_split, hsplit, vsplit, dsplit, dstack, moveaxis, rollaxis,
# broadcast_to, take_along_axis, unravel_index, ravel_multi_index, indices, tri,
# tril_indices, triu_indices, diag_indices, vander, kron, cross, inner, tensordot,
# flatnonzero, resize, fromfunction, fromiter, ix_, apply_along_axis, vectorize, select,
# extract, compress, choose, isscalar, iscomplexobj, asanyarray, ascontiguousarray,
# ndindex, ndenumerate.

import numpy as np


def _axis(axis, ndim, prefix=""):
    if axis < -ndim or axis >= ndim:
        raise np.AxisError(prefix + "axis %d is out of bounds for array of dimension %d" % (axis, ndim))
    return axis % ndim


def _index_along(ndim, axis, index):
    key = [slice(None)] * ndim
    key[axis] = index
    return tuple(key)


def _ints(positions):
    return np.array(positions, dtype=np.int64)


def _pad_pairs(pad_width, ndim):
    pw = np.asarray(pad_width)
    if pw.dtype.kind not in "iu":
        raise TypeError("`pad_width` must be of integral type.")
    pw = np.broadcast_to(pw, (ndim, 2)) if pw.ndim <= 2 else pw
    pairs = [(int(pw[i][0]), int(pw[i][1])) for i in range(ndim)]
    for lo, hi in pairs:
        if lo < 0 or hi < 0:
            raise ValueError("index can't contain negative values")
    return pairs


def _value_pairs(v, ndim):
    v = np.asarray(v)
    v = np.broadcast_to(v, (ndim, 2)) if v.ndim <= 2 else v
    return [(v[i][0], v[i][1]) for i in range(ndim)]


def _reflect_index(n, count, side, mode):
    # Indices of the `count` values a reflect/symmetric/wrap pad takes on one side of an
    # axis of length n.
    out = []
    for j in range(1, count + 1):
        if mode == "wrap":
            i = (-j) % n if side == 0 else (n - 1 + j) % n
        else:
            period = 2 * n - 2 if mode == "reflect" else 2 * n
            if period == 0:
                i = 0
            else:
                k = (j if mode == "reflect" else j - 1) % period
                i = k if k < n else period - k - (0 if mode == "reflect" else 1)
                if side == 1:
                    i = n - 1 - i
        out.append(i)
    return out[::-1] if side == 0 else out


def pad(array, pad_width, mode="constant", **kwargs):
    array = np.asarray(array)
    pairs = _pad_pairs(pad_width, array.ndim)
    modes = ("constant", "edge", "reflect", "symmetric", "wrap", "maximum", "minimum", "mean")
    if mode not in modes:
        if mode in ("linear_ramp", "median", "empty"):
            raise NotImplementedError("np.pad mode '%s' is not supported by tensh" % mode)
        raise ValueError("mode '%s' is not supported" % mode)
    allowed = {"constant": ("constant_values",), "reflect": ("reflect_type",),
               "symmetric": ("reflect_type",), "maximum": ("stat_length",),
               "minimum": ("stat_length",), "mean": ("stat_length",)}.get(mode, ())
    bad = [k for k in kwargs if k not in allowed]
    if bad:
        raise ValueError("unsupported keyword arguments for mode '%s': %s" % (mode, set(bad)))
    out = array
    for ax, (lo, hi) in enumerate(pairs):
        n = out.shape[ax]
        if lo == 0 and hi == 0:
            continue
        if mode == "constant":
            cv = _value_pairs(kwargs.get("constant_values", 0), array.ndim)[ax]
            shape_lo = list(out.shape)
            shape_lo[ax] = lo
            shape_hi = list(out.shape)
            shape_hi[ax] = hi
            before = np.full(shape_lo, cv[0], dtype=out.dtype)
            after = np.full(shape_hi, cv[1], dtype=out.dtype)
        else:
            if n == 0:
                raise ValueError("can't extend empty axis %d using modes other than 'constant' or 'empty'" % ax)
            if mode == "edge":
                before = np.take(out, _ints([0] * lo), axis=ax)
                after = np.take(out, _ints([n - 1] * hi), axis=ax)
            elif mode in ("maximum", "minimum", "mean"):
                pick = {"maximum": np.max, "minimum": np.min, "mean": np.mean}[mode]
                stat = pick(out, axis=ax, keepdims=True)
                if mode == "mean" and out.dtype.kind in "iu":
                    stat = np.round(stat).astype(out.dtype)
                before = np.take(stat, _ints([0] * lo), axis=ax).astype(out.dtype)
                after = np.take(stat, _ints([0] * hi), axis=ax).astype(out.dtype)
            else:
                if mode == "reflect" and n == 1:
                    before = np.take(out, _ints([0] * lo), axis=ax)
                    after = np.take(out, _ints([0] * hi), axis=ax)
                else:
                    before = np.take(out, _ints(_reflect_index(n, lo, 0, mode)), axis=ax)
                    after = np.take(out, _ints(_reflect_index(n, hi, 1, mode)), axis=ax)
        out = np.concatenate([before, out, after], axis=ax)
    return out


def _positions(obj, n):
    if isinstance(obj, slice):
        return list(range(n))[obj]
    idx = np.asarray(obj)
    if idx.dtype == np.bool_:
        if idx.shape != (n,):
            raise ValueError("boolean array argument obj to delete must be one dimensional and match the axis length of %d" % n)
        return [i for i in range(n) if idx[i]]
    return idx


def _flat_or_axis(arr, axis):
    # insert/delete: the array raveled when no axis is given, else the axis checked.
    arr = np.asarray(arr)
    if axis is None:
        return arr.ravel(), 0
    return arr, _axis(axis, arr.ndim)


def insert(arr, obj, values, axis=None):
    arr, axis = _flat_or_axis(arr, axis)
    n = arr.shape[axis]
    scalar = not isinstance(obj, slice) and np.asarray(obj).ndim == 0
    idx = np.asarray(_positions(obj, n + 1) if isinstance(obj, slice) else obj)
    if idx.dtype.kind not in "iu":
        raise IndexError("index arrays to insert must be of integer type")
    flat = [int(i) for i in idx.ravel()]
    for i in flat:
        if i < -n or i > n:
            raise IndexError("index %d is out of bounds for axis %d with size %d" % (i, axis, n))
    flat = [i % (n + 1) if i < 0 else i for i in flat]
    # numpy: the values get arr's dimensions (ones in front); at one position their first
    # axis becomes the insertion axis and all of them go in there.
    values = np.array(values, dtype=arr.dtype, ndmin=arr.ndim)
    shape = list(arr.shape)
    if scalar:
        values = np.moveaxis(values, 0, axis)
        shape[axis] = values.shape[axis]
        vals = np.broadcast_to(values, shape)
        i = flat[0]
        return np.concatenate([arr[_index_along(arr.ndim, axis, slice(0, i))], vals,
                               arr[_index_along(arr.ndim, axis, slice(i, None))]], axis=axis)
    shape[axis] = len(flat)
    vals = np.broadcast_to(values, shape)
    # Stable: values for one position keep their order; numpy sorts positions stably.
    order = sorted(range(len(flat)), key=lambda j: flat[j])
    pieces, start = [], 0
    for j in order:
        pos = flat[j]
        pieces.append(arr[_index_along(arr.ndim, axis, slice(start, pos))])
        pieces.append(vals[_index_along(arr.ndim, axis, slice(j, j + 1))])
        start = pos
    pieces.append(arr[_index_along(arr.ndim, axis, slice(start, None))])
    return np.concatenate(pieces, axis=axis)


def delete(arr, obj, axis=None):
    arr, axis = _flat_or_axis(arr, axis)
    n = arr.shape[axis]
    pos = _positions(obj, n)
    idx = np.asarray(pos)
    if not isinstance(obj, slice) and idx.dtype.kind not in "iub" and idx.size:
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    gone = set()
    for i in [int(i) for i in np.asarray(pos).ravel()]:
        if i < -n or i >= n:
            raise IndexError("index %d is out of bounds for axis %d with size %d" % (i, axis, n))
        gone.add(i % n)
    keep = [i for i in range(n) if i not in gone]
    return np.take(arr, np.array(keep, dtype=np.int64), axis=axis)


def array_split(ary, indices_or_sections, axis=0):
    ary = np.asarray(ary)
    n = ary.shape[axis]
    if isinstance(indices_or_sections, (list, tuple)) or np.ndim(indices_or_sections) == 1:
        points = [0] + list(indices_or_sections) + [n]
    else:
        sections = int(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.")
        each, extra = divmod(n, sections)
        sizes = [0] + extra * [each + 1] + (sections - extra) * [each]
        points = []
        total = 0
        for s in sizes:
            total += s
            points.append(total)
    out = []
    for i in range(len(points) - 1):
        out.append(ary[_index_along(ary.ndim, axis % max(ary.ndim, 1), slice(points[i], points[i + 1]))])
    return out


def _split_checked(ary, indices_or_sections, axis):
    if np.ndim(indices_or_sections) == 0 and not isinstance(indices_or_sections, (list, tuple)):
        if ary.shape[axis] % indices_or_sections:
            raise ValueError("array split does not result in an equal division")
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    ary = np.asarray(ary)
    if ary.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return _split_checked(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    ary = np.asarray(ary)
    if ary.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return _split_checked(ary, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    ary = np.asarray(ary)
    if ary.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return _split_checked(ary, indices_or_sections, 2)


def dstack(tup):
    arrs = [np.atleast_3d(a) for a in tup]
    return np.concatenate(arrs, 2)


def moveaxis(a, source, destination):
    a = np.asarray(a)
    src = source if isinstance(source, (list, tuple)) else [source]
    dst = destination if isinstance(destination, (list, tuple)) else [destination]
    src = [_axis(s, a.ndim, "source: ") for s in src]
    dst = [_axis(d, a.ndim, "destination: ") for d in dst]
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [n for n in range(a.ndim) if n not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return a.transpose(order)


def rollaxis(a, axis, start=0):
    a = np.asarray(a)
    n = a.ndim
    axis = _axis(axis, n)
    if start < 0:
        start += n
    if not (0 <= start < n + 1):
        raise np.AxisError("'start' arg requires %d <= start < %d, but %d was passed in" % (-n, n + 1, start))
    if axis < start:
        start -= 1
    if axis == start:
        return a
    axes = list(range(n))
    axes.remove(axis)
    axes.insert(start, axis)
    return a.transpose(axes)


def broadcast_shapes(*args):
    shape = []
    for s in args:
        s = tuple(s) if isinstance(s, (list, tuple)) else (s,)
        if len(s) > len(shape):
            shape = [1] * (len(s) - len(shape)) + shape
        for i, d in enumerate(s):
            j = len(shape) - len(s) + i
            if shape[j] == 1:
                shape[j] = d
            elif d != 1 and d != shape[j]:
                raise ValueError("shape mismatch: objects cannot be broadcast to a single shape.  "
                                 "Mismatch is between arg 0 with shape %s and arg 1 with shape %s."
                                 % (tuple(args[0]), s))
    return tuple(shape)


def broadcast_to(array, shape, subok=False):
    array = np.asarray(array)
    shape = tuple(shape) if isinstance(shape, (list, tuple)) else (shape,)
    if any(s < 0 for s in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    ok = len(shape) >= array.ndim and all(
        a == 1 or a == s for a, s in zip(array.shape[::-1], shape[::-1]))
    if not ok:
        def t(s):
            return "(" + ",".join(str(d) for d in s) + ("," if len(s) == 1 else "") + ")"
        remapped = "(" + ",".join(str(d) for d in array.shape) + ("," if array.ndim == 1 else "") + ")"
        raise ValueError("operands could not be broadcast together with remapped shapes "
                         "[original->remapped]: %s  and requested shape %s" % (t(array.shape), t(shape)))
    return np.where(np.ones(shape, dtype=bool), array, array)


def take_along_axis(arr, indices, axis):
    arr = np.asarray(arr)
    indices = np.asarray(indices)
    if axis is None:
        arr = arr.ravel()
        axis = 0
    axis = _axis(axis, arr.ndim)
    if indices.ndim != arr.ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    if indices.dtype.kind not in "iu":
        raise IndexError("`indices` must be an integer array")
    grids = np.indices(indices.shape, sparse=True) if indices.ndim else []
    key = list(grids)
    key[axis] = indices
    return arr[tuple(key)]


def unravel_index(indices, shape, order="C"):
    idx = np.asarray(indices)
    shape = tuple(shape) if isinstance(shape, (list, tuple)) else (shape,)
    total = 1
    for s in shape:
        total *= s
    if idx.dtype.kind not in "iu":
        raise TypeError("only int indices permitted")
    flat = idx.ravel()
    for v in flat:
        if v < 0 or v >= total:
            raise ValueError("index %d is out of bounds for array with size %d" % (int(v), total))
    dims = shape if order == "C" else shape[::-1]
    out = []
    rest = flat.astype(np.int64)
    for s in dims[::-1]:
        out.append(rest % s)
        rest = rest // s
    out = out[::-1] if order == "C" else out
    if idx.ndim == 0:
        return tuple(o[0] for o in out)
    return tuple(o.reshape(idx.shape) for o in out)


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    arrs = [np.asarray(m) for m in multi_index]
    if len(arrs) != len(dims):
        raise ValueError("parameter multi_index must be a sequence of length %d" % len(dims))
    flat = np.zeros(np.broadcast_to(arrs[0], arrs[0].shape).shape, dtype=np.int64)
    axes = range(len(dims)) if order == "C" else range(len(dims) - 1, -1, -1)
    for k in axes:
        a = arrs[k]
        if mode == "raise" and (np.any(a < 0) or np.any(a >= dims[k])):
            raise ValueError("invalid entry in coordinates array")
        if mode == "wrap":
            a = a % dims[k]
        elif mode == "clip":
            a = np.clip(a, 0, dims[k] - 1)
        flat = flat * dims[k] + a
    return flat


def indices(dimensions, dtype=int, sparse=False):
    dimensions = tuple(dimensions)
    n = len(dimensions)
    out = []
    for i, d in enumerate(dimensions):
        shape = [1] * n
        shape[i] = d
        idx = np.arange(d, dtype=dtype).reshape(shape)
        out.append(idx if sparse else np.broadcast_to(idx, dimensions))
    if sparse:
        return tuple(out)
    return np.stack(out) if out else np.zeros((0,), dtype=dtype)


def tri(N, M=None, k=0, dtype=float):
    M = N if M is None else M
    m = np.arange(M)[None, :] <= np.arange(N)[:, None] + k
    return m.astype(dtype)


def tril_indices(n, k=0, m=None):
    return np.nonzero(tri(n, m, k=k, dtype=bool))


def triu_indices(n, k=0, m=None):
    return np.nonzero(~tri(n, m, k=k - 1, dtype=bool))


def diag_indices(n, ndim=2):
    idx = np.arange(n)
    return (idx,) * ndim


def vander(x, N=None, increasing=False):
    x = np.asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    N = len(x) if N is None else N
    powers = np.arange(N) if increasing else np.arange(N - 1, -1, -1)
    return x[:, None] ** powers[None, :]


def kron(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    nd = max(a.ndim, b.ndim)
    a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    b = b.reshape((1,) * (nd - b.ndim) + b.shape)
    out = a.reshape(a.shape + (1,) * nd) * b.reshape((1,) * nd + b.shape)
    axes = []
    for i in range(nd):
        axes += [i, nd + i]
    out = out.transpose(axes)
    return out.reshape([a.shape[i] * b.shape[i] for i in range(nd)])


def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    a = np.moveaxis(np.asarray(a), axisa if axis is None else axis, -1)
    b = np.moveaxis(np.asarray(b), axisb if axis is None else axis, -1)
    if a.shape[-1] not in (2, 3) or b.shape[-1] not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n(dimension must be 2 or 3)")
    a0, a1 = a[..., 0], a[..., 1]
    b0, b1 = b[..., 0], b[..., 1]
    a2 = a[..., 2] if a.shape[-1] == 3 else None
    b2 = b[..., 2] if b.shape[-1] == 3 else None
    if a2 is None and b2 is None:
        return np.array(a0 * b1 - a1 * b0)
    a2 = a2 if a2 is not None else np.zeros_like(a0)
    b2 = b2 if b2 is not None else np.zeros_like(b0)
    c = np.stack([a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0], -1)
    return np.moveaxis(c, -1, axisc if axis is None else axis)


def inner(a, b):
    a = np.asarray(a)
    b = np.asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.ndim == 1 and b.ndim == 1:
        return np.dot(a, b)
    return np.tensordot(a, b, axes=([-1], [-1]))


def tensordot(a, b, axes=2):
    a = np.asarray(a)
    b = np.asarray(b)
    if isinstance(axes, int):
        axes_a = list(range(a.ndim - axes, a.ndim))
        axes_b = list(range(axes))
    else:
        axes_a, axes_b = axes
        axes_a = list(axes_a) if isinstance(axes_a, (list, tuple)) else [axes_a]
        axes_b = list(axes_b) if isinstance(axes_b, (list, tuple)) else [axes_b]
    axes_a = [x % a.ndim for x in axes_a]
    axes_b = [x % b.ndim for x in axes_b]
    if len(axes_a) != len(axes_b) or any(a.shape[i] != b.shape[j] for i, j in zip(axes_a, axes_b)):
        raise ValueError("shape-mismatch for sum")
    free_a = [i for i in range(a.ndim) if i not in axes_a]
    free_b = [i for i in range(b.ndim) if i not in axes_b]
    k = 1
    for i in axes_a:
        k *= a.shape[i]
    at = a.transpose(free_a + axes_a).reshape(-1, k)
    bt = b.transpose(axes_b + free_b).reshape(k, -1)
    return np.dot(at, bt).reshape([a.shape[i] for i in free_a] + [b.shape[i] for i in free_b])


def flatnonzero(a):
    return np.nonzero(np.ravel(a))[0]


def resize(a, new_shape):
    a = np.asarray(a).ravel()
    shape = tuple(new_shape) if isinstance(new_shape, (list, tuple)) else (new_shape,)
    total = 1
    for s in shape:
        if s < 0:
            raise ValueError("all elements of `new_shape` must be non-negative")
        total *= s
    if a.size == 0 or total == 0:
        return np.zeros(shape, dtype=a.dtype)
    reps = -(-total // a.size)
    return np.concatenate([a] * reps)[:total].reshape(shape)


def fromfunction(function, shape, dtype=float, **kwargs):
    return function(*indices(shape, dtype=dtype), **kwargs)


def fromiter(iter, dtype, count=-1, like=None):
    items = []
    for x in iter:
        if count >= 0 and len(items) == count:
            break
        items.append(x)
    if count >= 0 and len(items) < count:
        raise ValueError("iterator too short: Expected %d but iterator had only %d items." % (count, len(items)))
    return np.array(items, dtype=dtype)


def ix_(*args):
    out = []
    nd = len(args)
    for k, new in enumerate(args):
        new = np.asarray(new)
        if new.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if new.dtype == np.bool_:
            new = np.nonzero(new)[0]
        out.append(new.reshape((1,) * k + (new.size,) + (1,) * (nd - k - 1)))
    return tuple(out)


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    arr = np.asarray(arr)
    axis = _axis(axis, arr.ndim)
    moved = np.moveaxis(arr, axis, -1)
    outer = moved.shape[:-1]
    results = [np.asarray(func1d(moved[i], *args, **kwargs)) for i in np.ndindex(*outer)]
    if not results:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    res = np.stack(results).reshape(outer + results[0].shape)
    if results[0].ndim == 0:
        return res
    # The function's axes take the place of the one consumed.
    k = results[0].ndim
    order = list(range(len(outer)))
    tail = list(range(len(outer), len(outer) + k))
    return res.transpose(order[:axis] + tail + order[axis:])


class vectorize:
    def __init__(self, pyfunc=None, otypes=None, doc=None, excluded=None, cache=False, signature=None):
        self.pyfunc = pyfunc
        self.otypes = otypes
        self.excluded = set(excluded) if excluded else set()
        self.__doc__ = pyfunc.__doc__ if doc is None else doc

    def __call__(self, *args, **kwargs):
        fixed = [i for i in range(len(args)) if i in self.excluded]
        arrays = [np.asarray(a) for i, a in enumerate(args) if i not in self.excluded]
        shape = ()
        for a in arrays:
            shape = np.broadcast_shapes(shape, a.shape)
        arrays = [np.broadcast_to(a, shape) for a in arrays]
        out = []
        for idx in np.ndindex(*shape):
            vals = iter([a[idx] for a in arrays])
            call = [args[i] if i in fixed else next(vals) for i in range(len(args))]
            out.append(self.pyfunc(*call, **kwargs))
        if self.otypes:
            dtype = self.otypes[0] if isinstance(self.otypes, (list, tuple)) else self.otypes
        else:
            if not out:
                raise ValueError("cannot call `vectorize` on size 0 inputs unless `otypes` is set")
            dtype = np.asarray(out[0]).dtype
        if out and isinstance(out[0], tuple):
            return tuple(np.array([o[k] for o in out]).reshape(shape) for k in range(len(out[0])))
        return np.array(out, dtype=dtype).reshape(shape)


def select(condlist, choicelist, default=0):
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if len(condlist) == 0:
        raise ValueError("select with an empty condition list is not possible")
    choices = [np.asarray(c) for c in choicelist]
    conds = [np.asarray(c) for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != np.bool_:
            raise TypeError("invalid entry %d in condlist: should be boolean ndarray" % i)
    result = np.asarray(default)
    dtype = result.dtype
    for c in choices:
        dtype = np.result_type(dtype, c.dtype)
    result = result.astype(dtype)
    for c, v in zip(conds[::-1], choices[::-1]):
        result = np.where(c, v.astype(dtype), result)
    return result


def extract(condition, arr):
    return np.ravel(arr)[np.nonzero(np.ravel(condition))[0]]


def compress(condition, a, axis=None):
    a = np.asarray(a)
    idx = np.nonzero(np.asarray(condition))[0]
    if axis is None:
        return a.ravel()[idx]
    return np.take(a, idx, axis=axis)


def choose(a, choices, out=None, mode="raise"):
    a = np.asarray(a)
    choices = [np.asarray(c) for c in choices]
    if mode == "raise" and (np.any(a < 0) or np.any(a >= len(choices))):
        raise ValueError("invalid entry in choice array")
    if mode == "wrap":
        a = a % len(choices)
    elif mode == "clip":
        a = np.clip(a, 0, len(choices) - 1)
    result = np.where(a == 0, choices[0], choices[0])
    for k in range(1, len(choices)):
        result = np.where(a == k, choices[k], result)
    return result


def isscalar(element):
    # numpy's scalar types (np.float64(1), an element read from an array) are not arrays.
    return isinstance(element, (int, float, complex, str, bytes, bool)) or (
        type(element).__module__ == "numpy" and not isinstance(element, np.ndarray)
        and hasattr(element, "dtype"))


def iscomplexobj(x):
    try:
        return np.asarray(x).dtype.kind == "c"
    except Exception:
        return False


def asanyarray(a, dtype=None, order=None):
    return np.asarray(a, dtype=dtype)


def ascontiguousarray(a, dtype=None):
    return np.array(a, dtype=dtype, ndmin=1) if np.ndim(a) == 0 else np.asarray(a, dtype=dtype)


class ndindex:
    """An iterator over the index tuples of an array of the given shape, last axis fastest."""

    def __init__(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], tuple):
            shape = shape[0]
        for s in shape:
            if s < 0:
                raise ValueError("negative dimensions are not allowed")
        self._shape = shape
        self._items = None
        self._at = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._items is None:
            items = [()]
            for s in self._shape:
                items = [t + (i,) for t in items for i in range(s)]
            self._items = items
        if self._at >= len(self._items):
            raise StopIteration
        self._at += 1
        return self._items[self._at - 1]


class ndenumerate:
    """Pairs of (index tuple, value) over an array, in row-major order."""

    def __init__(self, arr):
        self._arr = np.asarray(arr)
        self._idx = ndindex(*self._arr.shape)

    def __iter__(self):
        return self

    def __next__(self):
        i = next(self._idx)
        return i, self._arr[i]
