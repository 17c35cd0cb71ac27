# matplotlib's Figure, subplot grids (GridSpec, SubplotSpec), colorbars, and the numpy
# array of Axes that subplots returns. `_render` (native) writes a figure as PNG or SVG.
import numpy as np
from matplotlib.artist import (_SUBPLOTPARS, Text, AxesImage, Colorbar, _cmap, rcParams)
from matplotlib.axes import (Axes)


def _grid_pos(nrows, ncols, start, end, pars=_SUBPLOTPARS):
    # The box of cells start..end (0-based, row-major) of an nrows x ncols grid, within the
    # figure's subplot parameters (left, right, bottom, top, wspace, hspace).
    left, right, bottom, top, wspace, hspace = pars
    cw = (right - left) / (ncols + wspace * (ncols - 1))
    ch = (top - bottom) / (nrows + hspace * (nrows - 1))
    r0, c0 = divmod(start, ncols)
    r1, c1 = divmod(end, ncols)
    r0, r1 = min(r0, r1), max(r0, r1)
    c0, c1 = min(c0, c1), max(c0, c1)
    x0 = left + c0 * cw * (1 + wspace)
    x1 = left + c1 * cw * (1 + wspace) + cw
    y1 = top - r0 * ch * (1 + hspace)
    y0 = top - r1 * ch * (1 + hspace) - ch
    return [x0, y0, x1 - x0, y1 - y0]


def _subplot_args(args):
    if len(args) == 0:
        args = (1, 1, 1)
    if len(args) == 1:
        a = args[0]
        if isinstance(a, SubplotSpec):
            return a._nrows, a._ncols, a._start, a._end
        if not isinstance(a, int) or isinstance(a, bool):
            raise TypeError("subplot() takes 1 or 3 positional arguments but 1 were given")
        if a < 100 or a > 999:
            raise ValueError("Integer subplot specification must be a three-digit number, not "
                             + str(a))
        args = (a // 100, (a // 10) % 10, a % 10)
    if len(args) != 3:
        raise TypeError("subplot() takes 1 or 3 positional arguments but %d were given"
                        % len(args))
    rows, cols, num = args
    if not isinstance(rows, int) or rows <= 0:
        raise ValueError("Number of rows must be a positive integer, not " + repr(rows))
    if not isinstance(cols, int) or cols <= 0:
        raise ValueError("Number of columns must be a positive integer, not " + repr(cols))
    if isinstance(num, tuple) and len(num) == 2:
        i, j = num
    else:
        if not isinstance(num, int) or not 1 <= num <= rows * cols:
            raise ValueError("num must be an integer with 1 <= num <= %d, not %r"
                             % (rows * cols, num))
        i = j = num
    return rows, cols, i - 1, j - 1


class SubplotSpec:
    __module__ = 'matplotlib.gridspec'

    def __init__(self, nrows, ncols, start, end):
        self._nrows = nrows
        self._ncols = ncols
        self._start = start
        self._end = end


class GridSpec:
    __module__ = 'matplotlib.gridspec'

    def __init__(self, nrows, ncols, figure=None, **kwargs):
        self._nrows = nrows
        self._ncols = ncols

    def __getitem__(self, key):
        if not isinstance(key, tuple):
            key = divmod(key, self._ncols) if isinstance(key, int) else (key, slice(None))
        r, c = key

        def span(k, n):
            if isinstance(k, slice):
                a, b, _ = k.indices(n)
                return a, b - 1
            k = k + n if k < 0 else k
            return k, k
        r0, r1 = span(r, self._nrows)
        c0, c1 = span(c, self._ncols)
        return SubplotSpec(self._nrows, self._ncols, r0 * self._ncols + c0,
                           r1 * self._ncols + c1)


class _Canvas:
    def __init__(self, fig):
        self.figure = fig

    def draw(self):
        return None

    def draw_idle(self):
        return None


class Figure:
    __module__ = 'matplotlib.figure'

    def __init__(self, figsize=None, dpi=None, num=None):
        if figsize is None:
            figsize = rcParams['figure.figsize']
        w, h = figsize
        if not (w > 0 and h > 0) or w != w or h != h:
            raise ValueError("figure size must be positive finite not " + repr(tuple(figsize)))
        self._figsize = (float(w), float(h))
        self.dpi = float(rcParams['figure.dpi'] if dpi is None else dpi)
        self.axes = []
        self._suptitle = None
        self.number = num
        self.canvas = _Canvas(self)
        self._gca = None
        self._pars = tuple(_SUBPLOTPARS)

    def _px(self):
        return (int(round(self._figsize[0] * self.dpi)), int(round(self._figsize[1] * self.dpi)))

    def __str__(self):
        return "Figure(%gx%g)" % (self._figsize[0] * self.dpi, self._figsize[1] * self.dpi)

    def __repr__(self):
        return "<Figure size %gx%g with %d Axes>" % (
            self._figsize[0] * self.dpi, self._figsize[1] * self.dpi, len(self.axes))

    def get_size_inches(self):
        return np.array(self._figsize)

    def set_size_inches(self, w, h=None, forward=True):
        if h is None:
            w, h = w
        self._figsize = (float(w), float(h))

    def get_figwidth(self):
        return self._figsize[0]

    def get_figheight(self):
        return self._figsize[1]

    def get_dpi(self):
        return self.dpi

    def set_dpi(self, dpi):
        self.dpi = float(dpi)

    def get_axes(self):
        return list(self.axes)

    def _add(self, ax):
        self.axes.append(ax)
        self._gca = ax
        return ax

    def add_subplot(self, *args, **kwargs):
        rows, cols, i, j = _subplot_args(args)
        ax = Axes(self, _grid_pos(rows, cols, i, j, self._pars), (rows, cols, i, j))
        self._add(ax)
        _apply_axes_kwargs(ax, kwargs)
        return ax

    def add_axes(self, rect, **kwargs):
        ax = Axes(self, [float(v) for v in rect])
        self._add(ax)
        _apply_axes_kwargs(ax, kwargs)
        return ax

    def subplots(self, nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True,
                 subplot_kw=None, gridspec_kw=None):
        for n, what in ((nrows, 'rows'), (ncols, 'columns')):
            if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
                raise ValueError("Number of %s must be a positive integer, not %r" % (what, n))
        axs = []
        for k in range(nrows * ncols):
            ax = Axes(self, _grid_pos(nrows, ncols, k, k, self._pars), (nrows, ncols, k, k))
            self._add(ax)
            _apply_axes_kwargs(ax, subplot_kw or {})
            axs.append(ax)
        if squeeze and nrows == 1 and ncols == 1:
            return axs[0]
        if squeeze and (nrows == 1 or ncols == 1):
            return ndarray(axs, (nrows * ncols,))
        return ndarray(axs, (nrows, ncols))

    def gca(self):
        if self._gca is None:
            return self.add_subplot(1, 1, 1)
        return self._gca

    def sca(self, ax):
        self._gca = ax
        return ax

    def delaxes(self, ax):
        self.axes.remove(ax)
        if self._gca is ax:
            self._gca = self.axes[-1] if self.axes else None

    def suptitle(self, t, **kwargs):
        self._suptitle = Text(0.5, 0.98, t, **kwargs)
        return self._suptitle

    def tight_layout(self, *, pad=1.08, h_pad=None, w_pad=None, rect=None):
        return None

    def subplots_adjust(self, left=None, bottom=None, right=None, top=None, wspace=None,
                        hspace=None):
        # matplotlib's SubplotParams.update: the grid's axes move to the new boxes.
        l0, r0, b0, t0, w0, h0 = self._pars
        left = l0 if left is None else float(left)
        right = r0 if right is None else float(right)
        bottom = b0 if bottom is None else float(bottom)
        top = t0 if top is None else float(top)
        if left >= right:
            raise ValueError('left cannot be >= right')
        if bottom >= top:
            raise ValueError('bottom cannot be >= top')
        self._pars = (left, right, bottom, top,
                      w0 if wspace is None else float(wspace),
                      h0 if hspace is None else float(hspace))
        for ax in self.axes:
            if ax._spec_key is not None:
                ax._pos = _grid_pos(*ax._spec_key, self._pars)

    def colorbar(self, mappable, cax=None, ax=None, **kwargs):
        return _colorbar(self, mappable, ax)

    def clf(self, keep_observers=False):
        self.axes = []
        self._gca = None
        self._suptitle = None

    clear = clf

    def show(self, warn=True):
        return None

    def savefig(self, fname, *, transparent=None, dpi=None, format=None, **kwargs):
        if hasattr(fname, '__fspath__'):
            fname = fname.__fspath__()
        fname = str(fname)
        if format is None:
            dot = fname.rfind('.')
            format = fname[dot + 1:] if dot >= 0 and '/' not in fname[dot:] else 'png'
            if dot < 0:
                fname = fname + '.png'
        format = format.lower()
        supported = ['avif', 'eps', 'gif', 'jpeg', 'jpg', 'pdf', 'pgf', 'png', 'ps', 'raw', 'rgba', 'svg',
                     'svgz', 'tif', 'tiff', 'webp']
        if format not in supported:
            raise ValueError("Format %r is not supported (supported formats: %s)"
                             % (format, ", ".join(supported)))
        if format not in ('png', 'svg'):
            raise ValueError("Format %r is not supported by tensh (it writes png and svg)"
                             % format)
        _render(self._spec(dpi), fname, format)
        return None

    def _spec(self, dpi=None):
        d = self.dpi if dpi in (None, 'figure') else float(dpi)
        return {
            'size': (self._figsize[0], self._figsize[1]), 'dpi': d,
            'suptitle': None if self._suptitle is None else self._suptitle._text,
            'axes': [ax._render_spec() for ax in self.axes],
        }


def _apply_axes_kwargs(ax, kwargs):
    for k, v in kwargs.items():
        if k in ('projection', 'polar'):
            continue
        if k == 'label':
            ax._label = str(v)
            continue
        ax.set(**{k: v})


def _colorbar(fig, mappable, ax):
    if ax is None:
        ax = fig._gca if fig._gca is not None else fig.gca()
    if isinstance(ax, ndarray):
        ax = ax.flat[len(ax.flat) - 1]
    if isinstance(ax, (list, tuple)):
        ax = ax[-1]
    l, b, w, h = ax._pos
    ax._pos = [l, b, w * 0.8, h]
    cax = Axes(fig, [l + w * 0.8 + w * 0.05, b, w * 0.05, h], label='<colorbar>')
    fig.axes.append(cax)
    lo = 0.0 if mappable._vmin is None else float(mappable._vmin)
    hi = 1.0 if mappable._vmax is None else float(mappable._vmax)
    if lo == hi:
        hi = lo + 1.0
    grad = np.linspace(hi, lo, 256).reshape(256, 1)
    im = AxesImage(grad, mappable._cmap, lo, hi)
    im._extent = (0.0, 1.0, lo, hi)
    im._origin_lower = True
    cax._artists.append(im)
    cax._xticks = []
    cax._xlim = (0.0, 1.0)
    cax._ylim = (lo, hi)
    cax._colorbar = True
    cb = Colorbar(mappable, cax)
    return cb


class ndarray:
    # A numpy array of Axes objects (dtype=object), as plt.subplots returns.
    __module__ = 'numpy'

    def __init__(self, items, shape):
        self._items = list(items)
        self.shape = tuple(shape)

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def size(self):
        return len(self._items)

    @property
    def dtype(self):
        return np.dtype('O') if False else _ObjectDType()

    @property
    def flat(self):
        return flatiter(self._items)

    @property
    def T(self):
        if self.ndim < 2:
            return self
        r, c = self.shape
        return ndarray([self._items[i * c + j] for j in range(c) for i in range(r)], (c, r))

    def ravel(self):
        return ndarray(self._items, (len(self._items),))

    flatten = ravel

    def reshape(self, *shape):
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        n = 1
        for s in shape:
            if s != -1:
                n *= s
        shape = tuple(len(self._items) // n if s == -1 else s for s in shape)
        m = 1
        for s in shape:
            m *= s
        if m != len(self._items):
            raise ValueError("cannot reshape array of size %d into shape %s"
                             % (len(self._items), shape))
        return ndarray(self._items, shape)

    def tolist(self):
        if self.ndim == 1:
            return list(self._items)
        c = self.shape[1]
        return [self._items[i * c:(i + 1) * c] for i in range(self.shape[0])]

    def __len__(self):
        return self.shape[0]

    def _row(self, i):
        n = self.shape[0]
        if i < -n or i >= n:
            raise IndexError("index %d is out of bounds for axis 0 with size %d" % (i, n))
        i = i + n if i < 0 else i
        if self.ndim == 1:
            return self._items[i]
        c = self.shape[1]
        return ndarray(self._items[i * c:(i + 1) * c], (c,))

    def __iter__(self):
        return iter([self._row(i) for i in range(self.shape[0])])

    def __getitem__(self, key):
        if isinstance(key, tuple):
            if len(key) > self.ndim:
                raise IndexError("too many indices for array: array is %d-dimensional, but %d "
                                 "were indexed" % (self.ndim, len(key)))
            if len(key) == 1:
                return self[key[0]]
            r, c = key
            rows = self[r]
            if isinstance(r, int):
                return rows[c]
            cols = [row[c] for row in rows]
            if isinstance(c, int):
                return ndarray(cols, (len(cols),))
            items = []
            for row in cols:
                items.extend(row._items)
            return ndarray(items, (len(cols), len(cols[0]) if cols else 0))
        if isinstance(key, slice):
            rows = [self._row(i) for i in range(*key.indices(self.shape[0]))]
            if self.ndim == 1:
                return ndarray(rows, (len(rows),))
            items = []
            for row in rows:
                items.extend(row._items)
            return ndarray(items, (len(rows),) + self.shape[1:])
        if isinstance(key, int):
            return self._row(key)
        raise IndexError("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                         "(`None`) and integer or boolean arrays are valid indices")

    def _lines(self, sep, width, indent):
        # numpy's line wrapping of the elements' reprs.
        def row(items, ind, last_row):
            out = []
            line = ind
            for k, it in enumerate(items):
                s = repr(it) + (sep if k < len(items) - 1 else '')
                if len(line) + len(s.rstrip()) > width and line.strip():
                    out.append(line.rstrip())
                    line = ' ' * len(ind) + s
                else:
                    line = line + s
            out.append(line)
            return out
        return row

    def _fmt(self, sep, start, end):
        width = 75
        if self.ndim == 1:
            lines = self._lines(sep, width, '')(self._items, start + '[', True)
            return '\n'.join(lines) + ']' + end
        rows = self.tolist()
        parts = []
        for i, r in enumerate(rows):
            pre = start + '[[' if i == 0 else ' ' * len(start) + ' ['
            lines = self._lines(sep, width, '')(r, pre, True)
            tail = ']' + (sep.rstrip() if i < len(rows) - 1 else ']' + end)
            parts.append('\n'.join(lines) + tail)
        return '\n'.join(parts)

    def __str__(self):
        return self._fmt(' ', '', '')

    def __repr__(self):
        return self._fmt(', ', 'array(', ', dtype=object)')


class _ObjectDType:
    def __repr__(self):
        return "dtype('O')"

    def __str__(self):
        return "object"


class flatiter:
    __module__ = 'numpy'

    def __init__(self, items):
        self._items = items

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return ndarray(self._items[i], (len(self._items[i]),))
        return self._items[i]
