# numpy's index-trick objects as numpy 1.26 defines them in numpy/lib/index_tricks.py:
# `mgrid` and `ogrid` (dense and open grids from slices, a complex step being a count of
# points with the stop included), `r_` and `c_` (concatenation of slices, scalars and
# arrays along an axis, with the string directives 'r', 'c', 'axis', 'axis,ndmin' and
# 'axis,ndmin,trans1d'), and `s_`/`index_exp` (the index expression itself). Written
# over tensh's numpy functions. Natives: _kind(x) tells numpy's scalar types and slices
# apart ('c' for a complex scalar, 'f', 'i', 'b', 'U', 'S', 'slice'; None for anything
# else), _user_global(name) reads the program's global `name` as (found, value), and
# _axis_error(message) raises numpy's AxisError.
import math
import numpy as _nx


def _is_complex(x):
    return _kind(x) == 'c'


def _is_slice(x):
    return _kind(x) == 'slice'


def _repr(self):
    return '<%s.%s object at %s>' % (type(self).__module__, type(self).__qualname__, hex(id(self)))


def _arange(start, stop, step):
    # np.arange, with its error for a zero step (from the division that sizes the range)
    # and its empty result for a range that runs the wrong way
    real = ('i', 'b', 'f')
    for x in (start, stop, step):
        if _kind(x) in ('U', 'S'):
            raise TypeError('arange() not supported for inputs with DType '
                            "<class 'numpy.dtypes.%s'>." % ('StrDType' if _kind(x) == 'U' else 'BytesDType'))
    if stop is not None and _kind(start) in real and _kind(stop) in real:
        st = 1 if step is None else step
        if _kind(st) in real:
            if st == 0:
                if 'f' in (_kind(start), _kind(stop), _kind(st)):
                    raise ZeroDivisionError('float division by zero')
                raise ZeroDivisionError('division by zero')
            if (st > 0 and stop <= start) or (st < 0 and stop >= start):
                return _nx.arange(0, dtype=_nx.result_type(start, stop, st))
    return _nx.arange(start, stop, step)


def _concatenate(objs, axis):
    # np.concatenate, with numpy's checks of the arrays first
    if len(objs) == 0:
        raise ValueError('need at least one array to concatenate')
    ndim = objs[0].ndim
    if ndim == 0:
        raise ValueError('zero-dimensional arrays cannot be concatenated')
    if axis < -ndim or axis >= ndim:
        _axis_error('axis %d is out of bounds for array of dimension %d' % (axis, ndim))
    ax = axis % ndim
    first = objs[0].shape
    for i, a in enumerate(objs[1:], 1):
        if a.ndim != ndim:
            raise ValueError(
                'all the input arrays must have same number of dimensions, but the array at '
                'index 0 has %d dimension(s) and the array at index %d has %d dimension(s)'
                % (ndim, i, a.ndim))
        for d in range(ndim):
            if d != ax and a.shape[d] != first[d]:
                raise ValueError(
                    'all the input array dimensions except for the concatenation axis must '
                    'match exactly, but along dimension %d, the array at index 0 has size %d '
                    'and the array at index %d has size %d' % (d, first[d], i, a.shape[d]))
    return _nx.concatenate(tuple(objs), axis=axis)


def _ndmin(a, ndmin):
    # np.array(a, copy=False, ndmin=ndmin): ones put in front of the shape.
    a = _nx.asarray(a)
    if a.ndim < ndmin:
        a = a.reshape((1,) * (ndmin - a.ndim) + tuple(a.shape))
    return a


class nd_grid:
    """Construct a multi-dimensional "meshgrid"."""

    def __init__(self, sparse=False):
        self.sparse = sparse

    __repr__ = _repr

    def __getitem__(self, key):
        try:
            size = []
            # a dtype at least as large as the default integer, as np.arange picks
            num_list = [0]
            for k in range(len(key)):
                step = key[k].step
                start = key[k].start
                stop = key[k].stop
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if _is_complex(step):
                    step = abs(step)
                    size.append(int(step))
                else:
                    size.append(int(math.ceil((stop - start) / (step * 1.0))))
                num_list += [start, stop, step]
            typ = _nx.result_type(*num_list)
            if not self.sparse:
                for n in size:
                    if n < 0:
                        raise ValueError('negative dimensions are not allowed')
            nn = []
            for k, kk in enumerate(key):
                step = kk.step
                start = kk.start
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if _is_complex(step):
                    step = int(abs(step))
                    if step != 1:
                        step = (kk.stop - start) / float(step - 1)
                v = _nx.arange(max(size[k], 0), dtype=typ) * step + start
                shape = [1] * len(size)
                shape[k] = max(size[k], 0)
                if self.sparse:
                    nn.append(v.reshape(tuple(shape)))
                else:
                    # the indices array keeps its dtype when the values are stored
                    v = v.astype(typ).reshape(tuple(shape))
                    nn.append(v * _nx.ones(tuple(size), dtype=typ))
            if self.sparse:
                return nn
            if not nn:
                return _nx.zeros((0,), dtype=typ)
            return _nx.stack(nn)
        except (IndexError, TypeError):
            step = key.step
            stop = key.stop
            start = key.start
            if start is None:
                start = 0
            if _is_complex(step):
                # no integer arrays from a count of points
                step_float = abs(step)
                step = length = int(step_float)
                if step != 1:
                    step = (key.stop - start) / float(step - 1)
                typ = _nx.result_type(start, stop, step_float)
                return _nx.arange(0, length, 1, dtype=typ) * step + start
            else:
                return _arange(start, stop, step)


class MGridClass(nd_grid):
    """An instance which returns a dense multi-dimensional "meshgrid"."""

    def __init__(self):
        super().__init__(sparse=False)


class OGridClass(nd_grid):
    """An instance which returns an open multi-dimensional "meshgrid"."""

    def __init__(self):
        super().__init__(sparse=True)


class matrix:
    """The 2-D result of r_ and c_ under the 'r' and 'c' directives."""

    __module__ = 'numpy'

    def __init__(self, data):
        data = _nx.asarray(data)
        if data.ndim > 2:
            raise ValueError('shape too large to be a matrix.')
        if data.ndim < 2:
            data = data.reshape((1, -1) if data.ndim == 1 else (1, 1))
        self.A = data

    @property
    def shape(self):
        return self.A.shape

    @property
    def ndim(self):
        return 2

    @property
    def size(self):
        return self.A.size

    @property
    def dtype(self):
        return self.A.dtype

    @property
    def T(self):
        return matrix(self.A.T)

    def tolist(self):
        return self.A.tolist()

    def __array__(self):
        return self.A

    def __len__(self):
        return len(self.A)

    def __repr__(self):
        lines = repr(self.A).split('\n')
        out = ['matrix' + lines[0][5:]] + [' ' + line if line else line for line in lines[1:]]
        return '\n'.join(out)

    def __str__(self):
        return str(self.A)


def _bmat(text):
    # numpy.bmat of a string: names separated by ',' or spaces, rows by ';'
    rowtup = []
    for row in text.split(';'):
        coltup = []
        for part in row.split(','):
            for col in part.split():
                col = col.strip()
                found, value = _user_global(col)
                if not found:
                    raise NameError(f"name {col!r} is not defined")
                coltup.append(value)
        rowtup.append(_concatenate([_nx.asarray(c) for c in coltup], -1))
    return matrix(_concatenate(rowtup, 0))


class AxisConcatenator:
    """
    Translates slice objects to concatenation along an axis.

    For detailed documentation on usage, see `r_`.
    """

    def __init__(self, axis=0, matrix=False, ndmin=1, trans1d=-1):
        self.axis = axis
        self.matrix = matrix
        self.trans1d = trans1d
        self.ndmin = ndmin

    __repr__ = _repr

    def __getitem__(self, key):
        # the matrix builder: names of the caller's arrays
        if isinstance(key, str):
            return _bmat(key)

        if not isinstance(key, tuple):
            key = (key,)

        # the first entry may override these
        trans1d = self.trans1d
        ndmin = self.ndmin
        mat = self.matrix
        axis = self.axis
        col = False

        objs = []
        # dtypes, or the scalars themselves (weak in the promotion)
        result_type_objs = []
        for k, item in enumerate(key):
            scalar = False
            if _is_slice(item):
                step = item.step
                start = item.start
                stop = item.stop
                if start is None:
                    start = 0
                if step is None:
                    step = 1
                if _is_complex(step):
                    size = int(abs(step))
                    newobj = _nx.linspace(start, stop, num=size)
                else:
                    newobj = _arange(start, stop, step)
                if ndmin > 1:
                    newobj = _ndmin(newobj, ndmin)
                    if trans1d != -1:
                        newobj = newobj.swapaxes(-1, trans1d)
            elif isinstance(item, str):
                if k != 0:
                    raise ValueError('special directives must be the first entry.')
                if item in ('r', 'c'):
                    mat = True
                    col = item == 'c'
                    continue
                if ',' in item:
                    vec = item.split(',')
                    try:
                        axis, ndmin = [int(x) for x in vec[:2]]
                        if len(vec) == 3:
                            trans1d = int(vec[2])
                    except Exception as e:
                        raise ValueError('unknown special directive {!r}'.format(item)) from e
                    continue
                try:
                    axis = int(item)
                except (ValueError, TypeError) as e:
                    raise ValueError('unknown special directive') from e
                continue
            elif _kind(item) not in (None, 'slice'):
                scalar = True
                newobj = item
            else:
                newobj = _nx.asarray(item)
                item_ndim = newobj.ndim
                newobj = _ndmin(newobj, ndmin)
                if trans1d != -1 and item_ndim < ndmin:
                    k2 = ndmin - item_ndim
                    k1 = trans1d
                    if k1 < 0:
                        k1 += k2 + 1
                    defaxes = list(range(ndmin))
                    axes = defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2]
                    newobj = newobj.transpose(axes)
            objs.append(newobj)
            if scalar:
                result_type_objs.append(item)
            else:
                result_type_objs.append(newobj.dtype)

        # scalars do not up-cast unless warranted; nothing at all fails in concatenate
        if len(result_type_objs) != 0:
            final_dtype = _nx.result_type(*result_type_objs)
            objs = [_ndmin(_nx.asarray(obj, dtype=final_dtype), ndmin) for obj in objs]

        res = _concatenate(objs, axis)

        if mat:
            oldndim = res.ndim
            res = matrix(res)
            if oldndim == 1 and col:
                res = res.T
        return res

    def __len__(self):
        return 0


class RClass(AxisConcatenator):
    """Translates slice objects to concatenation along the first axis."""

    def __init__(self):
        AxisConcatenator.__init__(self, 0)


class CClass(AxisConcatenator):
    """Translates slice objects to concatenation along the second axis."""

    def __init__(self):
        AxisConcatenator.__init__(self, -1, ndmin=2, trans1d=0)


class IndexExpression:
    """A nicer way to build up index tuples for arrays."""

    def __init__(self, maketuple):
        self.maketuple = maketuple

    __repr__ = _repr

    def __getitem__(self, item):
        if self.maketuple and not isinstance(item, tuple):
            return (item,)
        else:
            return item


mgrid = MGridClass()
ogrid = OGridClass()
r_ = RClass()
c_ = CClass()
index_exp = IndexExpression(maketuple=True)
s_ = IndexExpression(maketuple=False)
