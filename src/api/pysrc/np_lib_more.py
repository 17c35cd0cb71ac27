# numpy functions that numpy itself writes in Python over its array operations (its
# lib.function_base, lib.shape_base, lib.twodim_base, lib.nanfunctions and core.numeric
# modules): append, roll, tril, triu, diag, fliplr, flipud, column_stack, atleast_1d/2d/3d,
# the nan-ignoring sum, mean, max and min, average, nan_to_num, shape, ndim, size, copy.

import numpy as np


def append(arr, values, axis=None):
    arr = np.asarray(arr)
    if axis is None:
        if arr.ndim != 1:
            arr = arr.ravel()
        values = np.ravel(values)
        axis = arr.ndim - 1
    return np.concatenate((arr, values), axis=axis)


def roll(a, shift, axis=None):
    a = np.asarray(a)
    if axis is None:
        return roll(a.ravel(), shift, 0).reshape(a.shape)
    shifts = shift if isinstance(shift, (list, tuple)) else (shift,)
    axes = axis if isinstance(axis, (list, tuple)) else (axis,)
    if len(shifts) == 1:
        shifts = shifts * len(axes)
    elif len(axes) == 1:
        axes = axes * len(shifts)
    if len(shifts) != len(axes):
        raise ValueError("'shift' and 'axis' should be scalars or 1D sequences")
    for s, ax in zip(shifts, axes):
        if ax < -a.ndim or ax >= a.ndim:
            raise np.AxisError("axis %d is out of bounds for array of dimension %d" % (ax, a.ndim))
        n = a.shape[ax]
        if n:
            a = np.take(a, (np.arange(n) - s) % n, axis=ax)
    return a


def _below(m, k):
    # True at (i, j) where j <= i + k, over the last two axes.
    rows, cols = (m.shape[-2], m.shape[-1]) if m.ndim >= 2 else (m.shape[0], m.shape[0])
    return np.arange(cols)[None, :] <= np.arange(rows)[:, None] + k


def tril(m, k=0):
    m = np.asarray(m)
    return np.where(_below(m, k), m, np.zeros(1, m.dtype))


def triu(m, k=0):
    m = np.asarray(m)
    return np.where(_below(m, k - 1), np.zeros(1, m.dtype), m)


def diag(v, k=0):
    v = np.asarray(v)
    if v.ndim == 1:
        n = v.shape[0] + abs(k)
        out = np.zeros((n, n), v.dtype)
        for i in range(v.shape[0]):
            if k >= 0:
                out[i, i + k] = v[i]
            else:
                out[i - k, i] = v[i]
        return out
    if v.ndim == 2:
        rows, cols = v.shape
        n = max(0, min(rows, cols - k) if k >= 0 else min(rows + k, cols))
        items = [v[i, i + k] if k >= 0 else v[i - k, i] for i in range(n)]
        return np.array(items, dtype=v.dtype) if items else np.zeros(0, v.dtype)
    raise ValueError("Input must be 1- or 2-d.")


def fliplr(m):
    m = np.asarray(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return m[:, ::-1]


def flipud(m):
    m = np.asarray(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return m[::-1, ...]


def column_stack(tup):
    cols = []
    for v in tup:
        arr = np.asarray(v)
        if arr.ndim < 2:
            arr = arr.reshape(-1, 1)
        cols.append(arr)
    return np.concatenate(cols, 1)


def _at_least(arys, shape_of):
    res = []
    for a in arys:
        a = np.asarray(a)
        res.append(shape_of(a))
    return res[0] if len(res) == 1 else res


def atleast_1d(*arys):
    return _at_least(arys, lambda a: a.reshape(1) if a.ndim == 0 else a)


def atleast_2d(*arys):
    return _at_least(arys, lambda a: a.reshape(1, 1) if a.ndim == 0
                     else a.reshape(1, -1) if a.ndim == 1 else a)


def atleast_3d(*arys):
    def three(a):
        if a.ndim == 0:
            return a.reshape(1, 1, 1)
        if a.ndim == 1:
            return a.reshape(1, -1, 1)
        if a.ndim == 2:
            return a.reshape(a.shape[0], a.shape[1], 1)
        return a
    return _at_least(arys, three)


def _floating(a):
    a = np.asarray(a)
    return a, a.dtype.kind in "fc"


def nansum(a, axis=None, dtype=None, out=None, keepdims=False):
    a, fl = _floating(a)
    if fl:
        a = np.where(np.isnan(a), np.zeros(1, a.dtype), a)
    return np.sum(a, axis=axis, keepdims=keepdims)


def nanmean(a, axis=None, dtype=None, out=None, keepdims=False):
    a, fl = _floating(a)
    if not fl:
        return np.mean(a, axis=axis, keepdims=keepdims)
    keep = ~np.isnan(a)
    total = np.sum(np.where(keep, a, np.zeros(1, a.dtype)), axis=axis, keepdims=keepdims)
    count = np.sum(keep, axis=axis, keepdims=keepdims)
    return (total / count).astype(a.dtype)


def _nan_extreme(a, axis, keepdims, pick, fill):
    a, fl = _floating(a)
    if not fl:
        return pick(a, axis=axis, keepdims=keepdims)
    nan = np.isnan(a)
    r = pick(np.where(nan, np.full(1, fill, a.dtype), a), axis=axis, keepdims=keepdims)
    none = np.sum(~nan, axis=axis, keepdims=keepdims) == 0
    if np.asarray(r).ndim == 0:
        return np.full(1, np.nan, a.dtype)[0] if none else r
    return np.where(none, np.full(1, np.nan, a.dtype), r)


def nanmax(a, axis=None, out=None, keepdims=False):
    return _nan_extreme(a, axis, keepdims, np.max, -np.inf)


def nanmin(a, axis=None, out=None, keepdims=False):
    return _nan_extreme(a, axis, keepdims, np.min, np.inf)


def average(a, axis=None, weights=None, returned=False, keepdims=False):
    a = np.asarray(a)
    if weights is None:
        avg = np.mean(a, axis=axis, keepdims=keepdims)
        scl = a.size / max(np.size(avg), 1)
    else:
        w = np.asarray(weights).astype("float64")
        x = a.astype("float64") if a.dtype.kind != "c" else a
        if a.shape != w.shape:
            if axis is None:
                raise TypeError("Axis must be specified when shapes of a and weights differ.")
            if w.ndim != 1:
                raise TypeError("1D weights expected when shapes of a and weights differ.")
            if w.shape[0] != a.shape[axis]:
                raise ValueError("Length of weights not compatible with specified axis.")
            shape = [1] * a.ndim
            shape[axis] = w.shape[0]
            w = np.ones(a.shape) * w.reshape(shape)
        scl = np.sum(w, axis=axis, keepdims=keepdims)
        if np.any(scl == 0.0):
            raise ZeroDivisionError("Weights sum to zero, can't be normalized")
        avg = np.sum(x * w, axis=axis, keepdims=keepdims) / scl
    if returned:
        return avg, scl
    return avg


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    x = np.asarray(x)
    if x.dtype.kind not in "fc":
        return x
    info = np.finfo(x.dtype)
    hi = info.max if posinf is None else posinf
    lo = -info.max if neginf is None else neginf
    x = np.where(np.isnan(x), np.full(1, nan, x.dtype), x)
    x = np.where(x == np.inf, np.full(1, hi, x.dtype), x)
    return np.where(x == -np.inf, np.full(1, lo, x.dtype), x)


def shape(a):
    return np.asarray(a).shape


def ndim(a):
    return np.asarray(a).ndim


def size(a, axis=None):
    a = np.asarray(a)
    return a.size if axis is None else a.shape[axis]


def copy(a, order="K", subok=False):
    return np.array(a)
