# numpy's statistics, polynomial and calculus functions that numpy writes in Python
# (lib.nanfunctions, lib.function_base, lib.polynomial, core.numeric,
# core.function_base): nanstd, nanvar, nanargmax, nanargmin, nanprod, nancumsum,
# nanmedian, nanpercentile, quantile, nanquantile, cov, corrcoef, interp, trapz, gradient,
# polyfit, polyval, convolve, correlate, logspace, geomspace.

import numpy as np


def _nan_mask(a):
    a = np.asarray(a)
    if a.dtype.kind not in "fc":
        return a, None
    return a, np.isnan(a)


def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    a, nan = _nan_mask(a)
    if nan is None:
        return np.var(a, axis=axis, ddof=ddof, keepdims=keepdims)
    keep = ~nan
    zero = np.zeros(1, a.dtype)
    count = np.sum(keep, axis=axis, keepdims=True)
    mean = np.sum(np.where(keep, a, zero), axis=axis, keepdims=True) / count
    dev = np.where(keep, a - mean, zero)
    sq = np.sum(dev * dev, axis=axis, keepdims=keepdims)
    n = np.sum(keep, axis=axis, keepdims=keepdims) - ddof
    return (sq / np.maximum(n, 0)).astype(a.dtype)


def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
    return np.sqrt(nanvar(a, axis=axis, ddof=ddof, keepdims=keepdims))


def _nan_arg(a, axis, pick, fill):
    a, nan = _nan_mask(a)
    if nan is None:
        return pick(a, axis=axis)
    if np.any(np.all(nan, axis=axis)):
        raise ValueError("All-NaN slice encountered")
    return pick(np.where(nan, np.full(1, fill, a.dtype), a), axis=axis)


def nanargmax(a, axis=None, out=None, keepdims=False):
    return _nan_arg(a, axis, np.argmax, -np.inf)


def nanargmin(a, axis=None, out=None, keepdims=False):
    return _nan_arg(a, axis, np.argmin, np.inf)


def nanprod(a, axis=None, dtype=None, out=None, keepdims=False):
    a, nan = _nan_mask(a)
    if nan is not None:
        a = np.where(nan, np.ones(1, a.dtype), a)
    return np.prod(a, axis=axis, keepdims=keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    a, nan = _nan_mask(a)
    if nan is not None:
        a = np.where(nan, np.zeros(1, a.dtype), a)
    return np.cumsum(a, axis=axis)


def _quantile_1d(v, q, method):
    v = np.sort(v)
    n = v.shape[0]
    pos = q * (n - 1)
    if method == "linear":
        lo = int(np.floor(pos))
        hi = min(lo + 1, n - 1)
        g = pos - lo
        # numpy's _lerp: a + (b - a) * t, from the other end when t >= 0.5.
        d = v[hi] - v[lo]
        r = v[hi] - d * (1 - g) if g >= 0.5 else v[lo] + d * g
        return r
    if method == "lower":
        return v[int(np.floor(pos))]
    if method == "higher":
        return v[int(np.ceil(pos))]
    if method == "nearest":
        return v[int(np.round(pos))]
    if method == "midpoint":
        return (v[int(np.floor(pos))] + v[int(np.ceil(pos))]) / 2
    raise ValueError("'%s' is not a valid method." % method)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, interpolation=None):
    a = np.asarray(a)
    qs = np.asarray(q, dtype=np.float64)
    if np.any(qs < 0) or np.any(qs > 1):
        raise ValueError("Quantiles must be in the range [0, 1]")
    method = interpolation or method
    if axis is None:
        a = a.ravel()
        axis = 0
    moved = np.moveaxis(a, axis, -1)
    outer = moved.shape[:-1]
    if a.dtype.kind not in "fc":
        moved = moved.astype(np.float64)
    res = []
    for qv in qs.ravel():
        vals = [_quantile_1d(moved[i], float(qv), method) for i in np.ndindex(*outer)]
        res.append(np.array(vals, dtype=moved.dtype).reshape(outer))
    out = np.stack(res).reshape(qs.shape + outer)
    if keepdims:
        out = np.expand_dims(out, qs.ndim + (axis % a.ndim))
    if out.ndim == 0:
        return out[()]
    return out


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    a = np.asarray(a)
    if a.dtype.kind not in "fc" or not np.any(np.isnan(a)):
        return quantile(a, q, axis=axis, method=method, keepdims=keepdims)
    if axis is None:
        return quantile(a[~np.isnan(a)], q, method=method)
    moved = np.moveaxis(a, axis, -1)
    outer = moved.shape[:-1]
    qs = np.asarray(q, dtype=np.float64)
    res = []
    for i in np.ndindex(*outer):
        row = moved[i]
        row = row[~np.isnan(row)]
        res.append(quantile(row, q, method=method) if row.size else np.full(qs.shape, np.nan))
    out = np.stack(res).reshape(outer + qs.shape)
    return np.moveaxis(out, list(range(len(outer))), list(range(qs.ndim, qs.ndim + len(outer)))) if qs.ndim else out


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    return nanquantile(a, 0.5, axis=axis, keepdims=keepdims)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False):
    return nanquantile(a, np.asarray(q) / 100, axis=axis, method=method, keepdims=keepdims)


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, dtype=None):
    X = np.array(m, ndmin=2, dtype=np.result_type(m, np.float64))
    if X.ndim > 2:
        raise ValueError("m has more than 2 dimensions")
    if not rowvar and X.shape[0] != 1:
        X = X.T
    if y is not None:
        Y = np.array(y, ndmin=2, dtype=np.result_type(y, np.float64))
        if not rowvar and Y.shape[0] != 1:
            Y = Y.T
        X = np.concatenate((X, Y), axis=0)
    if ddof is None:
        ddof = 0 if bias else 1
    n = X.shape[1]
    avg = np.mean(X, axis=1)
    fact = n - ddof
    X = X - avg[:, None]
    c = np.dot(X, X.T.conj()) / fact
    return np.array(c.squeeze())


def corrcoef(x, y=None, rowvar=True, dtype=None):
    c = cov(x, y, rowvar)
    if np.ndim(c) == 0:
        return c / c
    d = np.diag(c)
    stddev = np.sqrt(d.real)
    c = c / stddev[:, None]
    c = c / stddev[None, :]
    return np.clip(c, -1, 1)


def interp(x, xp, fp, left=None, right=None, period=None):
    xs = np.asarray(x, dtype=np.float64)
    xp = np.asarray(xp, dtype=np.float64)
    fp = np.asarray(fp, dtype=np.float64)
    if xp.ndim != 1 or fp.ndim != 1:
        raise ValueError("Data points must be 1D sequences")
    if xp.shape[0] != fp.shape[0]:
        raise ValueError("fp and xp are not of the same length.")
    if xp.shape[0] == 0:
        raise ValueError("array of sample points is empty")
    if period is not None:
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = abs(period)
        xs = xs % period
        xp = xp % period
        order = np.argsort(xp)
        xp = xp[order]
        fp = fp[order]
        xp = np.concatenate((xp[-1:] - period, xp, xp[0:1] + period))
        fp = np.concatenate((fp[-1:], fp, fp[0:1]))
    lo = fp[0] if left is None else left
    hi = fp[-1] if right is None else right
    n = xp.shape[0]
    out = []
    for v in xs.ravel():
        v = float(v)
        if v != v:
            out.append(v)
        elif v < xp[0]:
            out.append(lo)
        elif v > xp[-1]:
            out.append(hi)
        elif v == xp[-1]:
            out.append(fp[-1])
        else:
            j = int(np.searchsorted(xp, v, side="right")) - 1
            if j >= n - 1:
                out.append(fp[-1])
            elif xp[j] == v:
                out.append(fp[j])
            else:
                slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
                r = slope * (v - xp[j]) + fp[j]
                if r != r:
                    r = slope * (v - xp[j + 1]) + fp[j + 1]
                    if r != r and fp[j] == fp[j + 1]:
                        r = fp[j]
                out.append(r)
    res = np.array(out, dtype=np.float64).reshape(xs.shape)
    return res[()] if res.ndim == 0 else res


def trapz(y, x=None, dx=1.0, axis=-1):
    y = np.asanyarray(y)
    nd = y.ndim
    axis = axis % nd
    lo = [slice(None)] * nd
    hi = [slice(None)] * nd
    lo[axis] = slice(None, -1)
    hi[axis] = slice(1, None)
    if x is None:
        d = dx
    else:
        x = np.asanyarray(x)
        if x.ndim == 1:
            d = np.diff(x)
            shape = [1] * nd
            shape[axis] = d.shape[0]
            d = d.reshape(shape)
        else:
            d = np.diff(x, axis=axis)
    return np.sum(d * (y[tuple(hi)] + y[tuple(lo)]) / 2.0, axis=axis)


def gradient(f, *varargs, axis=None, edge_order=1):
    f = np.asanyarray(f)
    N = f.ndim
    axes = list(range(N)) if axis is None else ([axis] if isinstance(axis, int) else list(axis))
    axes = [a % N for a in axes]
    n = len(axes)
    if len(varargs) == 0:
        dx = [1.0] * n
    elif len(varargs) == 1 and np.ndim(varargs[0]) == 0:
        dx = list(varargs) * n
    elif len(varargs) == n:
        dx = list(varargs)
    else:
        raise TypeError("invalid number of arguments")
    otype = f.dtype if f.dtype.kind in "fc" else np.float64
    f = f.astype(otype)
    outvals = []
    for ax, h in zip(axes, dx):
        if f.shape[ax] < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, "
                             "at least (edge_order + 1) elements are required.")
        m = np.moveaxis(f, ax, -1)
        if np.ndim(h) != 0:
            h = np.asarray(h, dtype=np.float64)
            if h.ndim != 1 or h.shape[0] != m.shape[-1]:
                raise ValueError("when 1d, distances must match the length of the corresponding dimension")
            hd = np.diff(h)
            dx1 = hd[:-1]
            dx2 = hd[1:]
            a = -(dx2) / (dx1 * (dx1 + dx2))
            b = (dx2 - dx1) / (dx1 * dx2)
            c = dx1 / (dx2 * (dx1 + dx2))
            inner = a * m[..., :-2] + b * m[..., 1:-1] + c * m[..., 2:]
            if edge_order == 1:
                first = (m[..., 1:2] - m[..., 0:1]) / hd[0]
                last = (m[..., -1:] - m[..., -2:-1]) / hd[-1]
            else:
                d1, d2 = hd[0], hd[1]
                first = (-(2. * d1 + d2) / (d1 * (d1 + d2)) * m[..., 0:1] + (d1 + d2) / (d1 * d2) * m[..., 1:2]
                         - d1 / (d2 * (d1 + d2)) * m[..., 2:3])
                d1, d2 = hd[-2], hd[-1]
                last = (d2 / (d1 * (d1 + d2)) * m[..., -3:-2] - (d2 + d1) / (d1 * d2) * m[..., -2:-1]
                        + (2. * d2 + d1) / (d2 * (d1 + d2)) * m[..., -1:])
        else:
            inner = (m[..., 2:] - m[..., :-2]) / (2. * h)
            if edge_order == 1:
                first = (m[..., 1:2] - m[..., 0:1]) / h
                last = (m[..., -1:] - m[..., -2:-1]) / h
            else:
                first = (-1.5 * m[..., 0:1] + 2. * m[..., 1:2] - 0.5 * m[..., 2:3]) / h
                last = (0.5 * m[..., -3:-2] - 2. * m[..., -2:-1] + 1.5 * m[..., -1:]) / h
        g = np.concatenate([first, inner, last], axis=-1).astype(otype)
        outvals.append(np.moveaxis(g, -1, ax))
    return outvals[0] if n == 1 else outvals


def polyval(p, x):
    p = np.asarray(p)
    x = np.asanyarray(x)
    y = np.zeros_like(x, dtype=np.result_type(p, x)) if x.ndim else np.zeros((), dtype=np.result_type(p, x))
    for pv in p:
        y = y * x + pv
    return y


def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    order = int(deg) + 1
    x = np.asarray(x) + 0.0
    y = np.asarray(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = len(x) * np.finfo(x.dtype).eps
    lhs = np.vander(x, order)
    rhs = y
    if w is not None:
        w = np.asarray(w) + 0.0
        lhs = lhs * w[:, None]
        rhs = rhs * w if rhs.ndim == 1 else rhs * w[:, None]
    scale = np.sqrt((lhs * lhs).sum(axis=0))
    lhs = lhs / scale
    c, resids, rank, s = np.linalg.lstsq(lhs, rhs, rcond)
    c = (c.T / scale).T
    if full:
        return c, resids, rank, s, rcond
    return c


def _conv_full(a, v):
    n, m = a.shape[0], v.shape[0]
    out = np.zeros(n + m - 1, dtype=np.result_type(a, v))
    for j in range(m):
        out[j:j + n] = out[j:j + n] + a * v[j]
    return out


def convolve(a, v, mode="full"):
    a = np.asarray(a).ravel()
    v = np.asarray(v).ravel()
    if a.shape[0] < v.shape[0]:
        a, v = v, a
    if v.shape[0] == 0:
        raise ValueError("v cannot be empty")
    full = _conv_full(a, v)
    n, m = a.shape[0], v.shape[0]
    if mode == "full":
        return full
    if mode == "same":
        start = (m - 1) // 2
        return full[start:start + n]
    if mode == "valid":
        return full[m - 1:n]
    raise ValueError("mode must be one of 'valid', 'same', or 'full' (got %r)" % (mode,))


def correlate(a, v, mode="valid"):
    a = np.asarray(a).ravel()
    v = np.asarray(v).ravel()
    if v.dtype.kind == "c":
        v = v.conj()
    if a.shape[0] >= v.shape[0]:
        return convolve(a, v[::-1], mode)
    return convolve(v, a[::-1], mode)[::-1]


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    if endpoint:
        y = np.linspace(start, stop, num)
    else:
        y = np.linspace(start, stop, num + 1)[:-1] if num > 0 else np.zeros(0)
    r = np.power(base, y)
    return r if dtype is None else r.astype(dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    if start == 0 or stop == 0:
        raise ValueError("Geometric sequence cannot include zero")
    flip = 1
    if start < 0 and stop < 0:
        start, stop, flip = -start, -stop, -1
    log_start = np.log10(start)
    log_stop = np.log10(stop)
    r = logspace(log_start, log_stop, num=num, endpoint=endpoint, base=10.0)
    if num > 0:
        r[0] = start
        if num > 1 and endpoint:
            r[-1] = stop
    r = r * flip
    return r if dtype is None else r.astype(dtype)
