# matplotlib's Axes: the artists it holds, autoscaled limits (margins, sticky edges),
# ticks (`_ticks` is AutoLocator, native), labels, legends, and the description of itself
# that the native renderer draws.
import numpy as np
from matplotlib.artist import (_CYCLE, _LEGEND_LOCS, _rgb, _parse_fmt, _array, Text, Line2D,
    PathCollection, Rectangle, BarContainer, AxesImage, Legend, _cmap)


def _finite_range(arrays):
    lo = None
    hi = None
    for a in arrays:
        a = _array(a).ravel()
        if a.size == 0:
            continue
        ok = a[~(np.isnan(a) | np.isinf(a))]
        if ok.size == 0:
            continue
        m = float(ok.min())
        M = float(ok.max())
        lo = m if lo is None else min(lo, m)
        hi = M if hi is None else max(hi, M)
    return lo, hi


def _nonsingular(lo, hi):
    if lo == hi:
        if lo == 0:
            return -0.05, 0.05
        return lo - 0.05 * abs(lo), hi + 0.05 * abs(hi)
    return lo, hi


def _tick_space(length_inches, vertical):
    # How many ticks fit: matplotlib's Axis.get_tick_space with 10-point labels.
    n = int(np.floor(length_inches * 72 / (20 if vertical else 30)))
    return max(1, min(n, 9))


class Axes:
    __module__ = 'matplotlib.axes._axes'

    def __init__(self, fig, pos, spec=None, label=''):
        self.figure = fig
        self._pos = pos
        self._spec_key = spec
        self._label = label
        self.cla()

    def cla(self):
        self._artists = []
        self._title = Text(0.5, 1.0, '')
        self._xlabel = Text(0.5, 0, '')
        self._ylabel = Text(0, 0.5, '')
        self._xlim = None
        self._ylim = None
        self._xticks = None
        self._yticks = None
        self._xticklabels = None
        self._yticklabels = None
        self._axis_on = True
        self._grid = False
        self._legend = None
        self._texts = []
        self._cycle = 0
        self._aspect_equal = False
        self._yinverted = False
        self._colorbar = None

    clear = cla

    def __repr__(self):
        fields = []
        if self._label:
            fields.append("label=" + repr(self._label))
        if self._title._text:
            fields.append("title=" + repr({'center': self._title._text}))
        if self._xlabel._text:
            fields.append("xlabel=" + repr(self._xlabel._text))
        if self._ylabel._text:
            fields.append("ylabel=" + repr(self._ylabel._text))
        return "<Axes: " + ", ".join(fields) + ">"

    def __str__(self):
        return "Axes(%g,%g;%gx%g)" % tuple(self._pos)

    def get_position(self):
        return tuple(self._pos)

    def _nchildren(self):
        return sum(len(a.patches) if isinstance(a, BarContainer) else 1
                   for a in self._artists)

    def _next_color(self):
        c = _CYCLE[self._cycle % len(_CYCLE)]
        self._cycle += 1
        return c

    # --- artists ---------------------------------------------------------------------
    def plot(self, *args, scalex=True, scaley=True, data=None, **kwargs):
        lines = []
        args = list(args)
        while args:
            if len(args) >= 2 and not isinstance(args[1], str):
                x, y = args[0], args[1]
                args = args[2:]
                has_x = True
            else:
                x, y = None, args[0]
                args = args[1:]
                has_x = False
            fmt = ''
            if args and isinstance(args[0], str):
                fmt = args[0]
                args = args[1:]
            if isinstance(y, str):
                raise ValueError(repr(y) + " is not a valid format string (unrecognized character " +
                                 repr(y[0]) + ")")
            y = _array(y)
            if y.ndim == 0:
                y = y.reshape(1)
            if has_x:
                x = _array(x)
                if x.ndim == 0:
                    x = x.reshape(1)
            else:
                x = np.arange(y.shape[0]).astype(np.float64)
            if x.shape[0] != y.shape[0]:
                raise ValueError("x and y must have same first dimension, but have shapes %s and %s"
                                 % (x.shape, y.shape))
            if x.ndim > 2 or y.ndim > 2:
                raise ValueError("x and y can be no greater than 2D, but have shapes %s and %s"
                                 % (x.shape, y.shape))
            linestyle, marker, fcolor = _parse_fmt(fmt)
            ys = [y] if y.ndim == 1 else [y[:, j] for j in range(y.shape[1])]
            for yj in ys:
                color = kwargs.get('color', kwargs.get('c', fcolor))
                if color is None:
                    color = self._next_color()
                else:
                    _rgb(color)
                ls = kwargs.get('linestyle', kwargs.get('ls', linestyle))
                mk = kwargs.get('marker', marker)
                if ls not in ('-', '--', '-.', ':', 'None', 'none', ' ', '', 'solid', 'dashed',
                              'dashdot', 'dotted', None):
                    raise ValueError(repr(ls) + " is not a valid value for ls; supported values "
                                     "are '-', '--', '-.', ':', 'None', ' ', '', 'solid', "
                                     "'dashed', 'dashdot', 'dotted'")
                lw = float(kwargs.get('linewidth', kwargs.get('lw', 1.5)))
                ms = float(kwargs.get('markersize', kwargs.get('ms', 6.0)))
                label = kwargs.get('label')
                label = '_child%d' % self._nchildren() if label is None else str(label)
                line = Line2D(x, yj, color, ls, mk, lw, ms, label)
                line._color_name = color
                self._artists.append(line)
                lines.append(line)
        return lines

    def scatter(self, x, y, s=None, c=None, marker=None, cmap=None, norm=None, vmin=None,
                vmax=None, alpha=None, linewidths=None, *, edgecolors=None, label=None,
                **kwargs):
        x = _array(x).ravel()
        y = _array(y).ravel()
        if x.size != y.size:
            raise ValueError("x and y must be the same size")
        color = kwargs.get('color')
        if c is None:
            c = color
        if c is None:
            c = self._next_color()
        if isinstance(c, str) or (isinstance(c, tuple) and len(c) in (3, 4)):
            cspec = _rgb(c)
        else:
            cspec = _array(c).ravel()
            if cspec.size != x.size:
                raise ValueError("'c' argument has %d elements, which is inconsistent with "
                                 "'x' and 'y' with size %d." % (cspec.size, x.size))
        s = 36.0 if s is None else s
        sspec = float(s) if isinstance(s, (int, float)) else _array(s).ravel()
        label = '_child%d' % self._nchildren() if label is None else str(label)
        pc = PathCollection(x, y, cspec, sspec, _cmap(cmap), marker or 'o', label, vmin, vmax)
        self._artists.append(pc)
        return pc

    def _bars(self, pos, size, width, base, align, color, label, horizontal):
        given = list(size) if isinstance(size, (list, tuple)) else None
        pos = _array(pos).ravel()
        size = _array(size).ravel()
        n = max(pos.size, size.size)
        if pos.size == 1:
            pos = np.repeat(pos, n)
        if size.size == 1:
            size = np.repeat(size, n)
        if pos.size != size.size:
            raise ValueError("shape mismatch: objects cannot be broadcast to a single shape.  "
                             "Mismatch is between arg 0 with shape (%d,) and arg 1 with shape "
                             "(%d,)." % (pos.size, size.size))
        w = _array(width).ravel()
        w = np.repeat(w, n) if w.size == 1 else w
        b = _array(0.0 if base is None else base).ravel()
        b = np.repeat(b, n) if b.size == 1 else b
        if color is None:
            color = self._next_color()
        _rgb(color)
        patches = []
        for i in range(n):
            p0 = float(pos[i]) - (float(w[i]) / 2 if align == 'center' else 0.0)
            v = given[i] if given is not None and len(given) == n else float(size[i])
            if horizontal:
                patches.append(Rectangle((float(b[i]), p0), v, float(w[i]), color))
            else:
                patches.append(Rectangle((p0, float(b[i])), float(w[i]), v, color))
        label = '_nolegend_' if label is None else str(label)
        bc = BarContainer(patches, color, label)
        bc._horizontal = horizontal
        self._artists.append(bc)
        return bc

    def bar(self, x, height, width=0.8, bottom=None, *, align='center', data=None, **kwargs):
        if isinstance(x, (list, tuple)) and x and isinstance(x[0], str):
            self._xcat = True
            self._xticks = list(range(len(x)))
            self._xticklabels = [str(v) for v in x]
            x = self._xticks
        return self._bars(x, height, width, bottom, align, kwargs.get('color'),
                          kwargs.get('label'), False)

    def barh(self, y, width, height=0.8, left=None, *, align='center', data=None, **kwargs):
        if isinstance(y, (list, tuple)) and y and isinstance(y[0], str):
            self._yticks = list(range(len(y)))
            self._yticklabels = [str(v) for v in y]
            y = self._yticks
        return self._bars(y, width, height, left, align, kwargs.get('color'),
                          kwargs.get('label'), True)

    def hist(self, x, bins=None, range=None, density=False, weights=None, cumulative=False,
             bottom=None, histtype='bar', align='mid', orientation='vertical', rwidth=None,
             log=False, color=None, label=None, stacked=False, **kwargs):
        a = _array(x).ravel()
        a = a[~(np.isnan(a) | np.isinf(a))]
        n, edges = np.histogram(a, bins=10 if bins is None else bins, range=range,
                                density=density, weights=weights)
        n = n.astype(np.float64)
        widths = edges[1:] - edges[:-1]
        if color is None:
            color = self._next_color()
        alpha = kwargs.get('alpha')
        bc = self._bars(edges[:-1], n, widths, None, 'edge', color, label,
                        orientation == 'horizontal')
        bc._alpha = alpha
        return n, edges, bc

    def imshow(self, X, cmap=None, norm=None, *, aspect=None, interpolation=None, alpha=None,
               vmin=None, vmax=None, origin=None, extent=None, **kwargs):
        A = np.asarray(X)
        if A.ndim == 3 and A.shape[2] == 1:
            A = A[:, :, 0]
        if not (A.ndim == 2 or (A.ndim == 3 and A.shape[2] in (3, 4))):
            raise TypeError("Invalid shape %s for image data" % (A.shape,))
        if A.dtype == np.bool_:
            A = A.astype(np.float64)
        cm = _cmap(cmap)
        if A.ndim == 2:
            lo, hi = _finite_range([A])
            vmin = lo if vmin is None else vmin
            vmax = hi if vmax is None else vmax
        im = AxesImage(A, cm, vmin, vmax)
        h, w = A.shape[0], A.shape[1]
        im._extent = (-0.5, w - 0.5, h - 0.5, -0.5) if extent is None else tuple(
            float(v) for v in extent)
        if origin == 'lower' and extent is None:
            im._extent = (-0.5, w - 0.5, -0.5, h - 0.5)
        im._origin_lower = origin == 'lower'
        self._artists.append(im)
        if aspect is None or aspect == 'equal':
            self._aspect_equal = True
        elif aspect == 'auto':
            self._aspect_equal = False
        return im

    matshow = imshow

    def text(self, x, y, s, fontdict=None, **kwargs):
        t = Text(x, y, s, **kwargs)
        t._ha = kwargs.get('ha', kwargs.get('horizontalalignment', 'left'))
        t._va = kwargs.get('va', kwargs.get('verticalalignment', 'baseline'))
        t._transform_axes = kwargs.get('transform') is not None
        self._texts.append(t)
        return t

    def axhline(self, y=0, xmin=0, xmax=1, **kwargs):
        line = self._refline(kwargs, 'h', float(y))
        return line

    def axvline(self, x=0, ymin=0, ymax=1, **kwargs):
        return self._refline(kwargs, 'v', float(x))

    def _refline(self, kwargs, kind, v):
        color = kwargs.get('color', kwargs.get('c'))
        if color is None:
            color = self._next_color()
        label = kwargs.get('label')
        label = '_child%d' % self._nchildren() if label is None else str(label)
        line = Line2D(None, None, color, kwargs.get('linestyle', kwargs.get('ls', '-')), None,
                      float(kwargs.get('linewidth', kwargs.get('lw', 1.5))), 6.0, label)
        line._color_name = color
        line._ref = (kind, v)
        self._artists.append(line)
        return line

    def fill_between(self, x, y1, y2=0, **kwargs):
        color = kwargs.get('color')
        if color is None:
            color = self._next_color()
        x = _array(x).ravel()
        y1 = _array(y1).ravel() + np.zeros(x.shape)
        y2 = _array(y2).ravel() + np.zeros(x.shape)
        poly = FillBetween(x, y1, y2, color, kwargs.get('alpha'), kwargs.get('label'))
        self._artists.append(poly)
        return poly

    # --- labels ----------------------------------------------------------------------
    def set_title(self, label, fontdict=None, loc=None, pad=None, **kwargs):
        self._title = Text(0.5, 1.0, label, **kwargs)
        return self._title

    def get_title(self, loc='center'):
        return self._title._text

    def set_xlabel(self, xlabel, fontdict=None, labelpad=None, **kwargs):
        self._xlabel = Text(0.5, 0, xlabel, **kwargs)
        return self._xlabel

    def set_ylabel(self, ylabel, fontdict=None, labelpad=None, **kwargs):
        self._ylabel = Text(0, 0.5, ylabel, **kwargs)
        return self._ylabel

    def get_xlabel(self):
        return self._xlabel._text

    def get_ylabel(self):
        return self._ylabel._text

    def get_label(self):
        return self._label

    def set(self, **kwargs):
        out = []
        for k, v in kwargs.items():
            f = getattr(self, 'set_' + k, None)
            if f is None:
                raise AttributeError("Axes.set() got an unexpected keyword argument " + repr(k))
            r = f(*v) if k in ('xlim', 'ylim') and isinstance(v, (tuple, list)) else f(v)
            out.append(r)
        return out

    def legend(self, *args, loc=None, **kwargs):
        if loc is not None and isinstance(loc, str) and loc not in _LEGEND_LOCS:
            raise ValueError(repr(loc) + " is not a valid value for loc; supported values are " +
                             ", ".join(repr(v) for v in _LEGEND_LOCS))
        handles = [a for a in self._artists if not isinstance(a, AxesImage)]
        if args:
            labels = args[-1]
            if len(args) == 2:
                handles = list(args[0])
            if isinstance(labels, str):
                raise TypeError("The first argument to legend() must be a list of labels"
                                if False else "legend() labels must be a list")
            for h, lab in zip(handles, labels):
                h._label = str(lab)
            handles = handles[:len(labels)]
        elif 'labels' in kwargs:
            for h, lab in zip(handles, kwargs['labels']):
                h._label = str(lab)
        entries = [(h._label, h) for h in handles
                   if h._label and not h._label.startswith('_')]
        self._legend = Legend(entries, loc or 'best')
        return self._legend

    def get_legend(self):
        return self._legend

    def grid(self, visible=None, which='major', axis='both', **kwargs):
        self._grid = (not self._grid) if visible is None and not kwargs else (
            True if visible is None else bool(visible))
        return None

    # --- limits and ticks ------------------------------------------------------------
    def _data_lim(self, axis):
        arrays = []
        sticky = []
        images = []
        for a in self._artists:
            if isinstance(a, Line2D):
                if getattr(a, '_ref', None) is not None:
                    kind, v = a._ref
                    if (kind == 'h') == (axis == 1):
                        arrays.append([v])
                else:
                    arrays.append(a._x if axis == 0 else a._y)
            elif isinstance(a, PathCollection):
                arrays.append(a._x if axis == 0 else a._y)
            elif isinstance(a, FillBetween):
                arrays.extend([a._x] if axis == 0 else [a._y1, a._y2])
            elif isinstance(a, BarContainer):
                for p in a.patches:
                    if axis == 0:
                        arrays.append([p._xy[0], p._xy[0] + p._width])
                    else:
                        arrays.append([p._xy[1], p._xy[1] + p._height])
                    if (axis == 1) != a._horizontal:
                        sticky.append(p._xy[axis])
            elif isinstance(a, AxesImage):
                e = a._extent
                lims = [e[0], e[1]] if axis == 0 else [e[2], e[3]]
                arrays.append(lims)
                images.append(lims)
                sticky.extend(lims)
        lo, hi = _finite_range(arrays)
        if lo is None:
            return 0.0, 1.0
        lo, hi = _nonsingular(lo, hi)
        if images and len(arrays) == len(images):
            return lo, hi
        d = (hi - lo) * 0.05
        mlo, mhi = lo - d, hi + d
        below = [s for s in sticky if mlo < s <= lo]
        above = [s for s in sticky if hi <= s < mhi]
        if below:
            mlo = max(below)
        if above:
            mhi = min(above)
        return mlo, mhi

    def get_xlim(self):
        if self._xlim is not None:
            return self._xlim
        return self._data_lim(0)

    def get_ylim(self):
        if self._ylim is not None:
            return self._ylim
        lo, hi = self._data_lim(1)
        if any(isinstance(a, AxesImage) and not a._origin_lower for a in self._artists) or \
                self._yinverted:
            return hi, lo
        return lo, hi

    def _set_lim(self, which, left, right, kwargs):
        if isinstance(left, (tuple, list)):
            left, right = left
        if left is None or right is None:
            cur = self.get_xlim() if which == 0 else self.get_ylim()
            left = cur[0] if left is None else left
            right = cur[1] if right is None else right
        lim = (float(left), float(right))
        if which == 0:
            self._xlim = lim
        else:
            self._ylim = lim
        return lim

    def set_xlim(self, left=None, right=None, *, emit=True, auto=False, xmin=None, xmax=None):
        left = xmin if left is None else left
        right = xmax if right is None else right
        return self._set_lim(0, left, right, {})

    def set_ylim(self, bottom=None, top=None, *, emit=True, auto=False, ymin=None, ymax=None):
        bottom = ymin if bottom is None else bottom
        top = ymax if top is None else top
        return self._set_lim(1, bottom, top, {})

    def invert_yaxis(self):
        self._yinverted = not self._yinverted
        if self._ylim is not None:
            self._ylim = (self._ylim[1], self._ylim[0])

    def _size_inches(self):
        fw, fh = self.figure._figsize
        return self._pos[2] * fw, self._pos[3] * fh

    def get_xticks(self):
        if getattr(self, '_xcat', False):
            return list(self._xticks)
        if self._xticks is not None:
            return np.array(self._xticks, dtype=np.float64)
        lo, hi = self.get_xlim()
        return np.array(_ticks(lo, hi, _tick_space(self._size_inches()[0], False)))

    def get_yticks(self):
        if self._yticks is not None:
            return np.array(self._yticks, dtype=np.float64)
        lo, hi = self.get_ylim()
        return np.array(_ticks(lo, hi, _tick_space(self._size_inches()[1], True)))

    def set_xticks(self, ticks, labels=None, *, minor=False, **kwargs):
        self._xticks = [float(t) for t in _array(ticks).ravel().tolist()]
        if labels is not None:
            self._xticklabels = [str(v) for v in labels]
        else:
            self._xticklabels = None
        return [XTick() for _ in self._xticks]

    def set_yticks(self, ticks, labels=None, *, minor=False, **kwargs):
        self._yticks = [float(t) for t in _array(ticks).ravel().tolist()]
        if labels is not None:
            self._yticklabels = [str(v) for v in labels]
        else:
            self._yticklabels = None
        return [YTick() for _ in self._yticks]

    def set_xticklabels(self, labels, *, fontdict=None, minor=False, **kwargs):
        ticks = self.get_xticks().tolist()
        self._xticks = ticks[:len(labels)]
        self._xticklabels = [str(v) for v in labels][:len(ticks)]
        return [Text(_num(t), 0, s) for t, s in zip(self._xticks, self._xticklabels)]

    def set_yticklabels(self, labels, *, fontdict=None, minor=False, **kwargs):
        ticks = self.get_yticks().tolist()
        self._yticks = ticks[:len(labels)]
        self._yticklabels = [str(v) for v in labels][:len(ticks)]
        return [Text(0, _num(t), s) for t, s in zip(self._yticks, self._yticklabels)]

    def tick_params(self, *args, **kwargs):
        return None

    def label_outer(self):
        return None

    def set_aspect(self, aspect, adjustable=None, anchor=None, share=False):
        self._aspect_equal = aspect == 'equal' or aspect == 1
        return None

    def set_axis_off(self):
        self._axis_on = False

    def set_axis_on(self):
        self._axis_on = True

    def axis(self, arg=None, *, emit=True, **kwargs):
        if isinstance(arg, (tuple, list)):
            self.set_xlim(arg[0], arg[1])
            self.set_ylim(arg[2], arg[3])
        elif isinstance(arg, bool):
            self._axis_on = arg
        elif isinstance(arg, str):
            a = arg.lower()
            if a in ('on', 'off'):
                self._axis_on = a == 'on'
            elif a in ('equal', 'scaled', 'image', 'square'):
                self._aspect_equal = True
            elif a in ('tight', 'auto', 'normal'):
                pass
            else:
                raise ValueError("Unrecognized string " + repr(arg) +
                                 " to axis; try 'on' or 'off'")
        elif arg is not None:
            raise TypeError("The first argument to axis() must be an array-like or a string, "
                            "not " + type(arg).__name__)
        return self.get_xlim() + self.get_ylim()

    @property
    def lines(self):
        return [a for a in self._artists if isinstance(a, Line2D)]

    @property
    def images(self):
        return [a for a in self._artists if isinstance(a, AxesImage)]

    @property
    def patches(self):
        out = []
        for a in self._artists:
            if isinstance(a, BarContainer):
                out.extend(a.patches)
        return out

    @property
    def texts(self):
        return list(self._texts)

    # --- the description the native renderer draws -----------------------------------
    def _render_spec(self):
        xlo, xhi = self.get_xlim()
        ylo, yhi = self.get_ylim()
        xt = [float(t) for t in self.get_xticks()]
        yt = [float(t) for t in self.get_yticks()]
        legend = None
        if self._legend is not None:
            legend = [(label, _legend_style(h)) for label, h in self._legend._entries]
        texts = [(float(t._x), float(t._y), t._text, t._size, t._color, t._ha, t._va,
                  t._transform_axes) for t in self._texts]
        return {
            'pos': tuple(float(v) for v in self._pos),
            'xlim': (float(xlo), float(xhi)), 'ylim': (float(ylo), float(yhi)),
            'xticks': xt, 'yticks': yt,
            'xticklabels': self._xticklabels, 'yticklabels': self._yticklabels,
            'title': self._title._text, 'xlabel': self._xlabel._text,
            'ylabel': self._ylabel._text, 'axis_on': self._axis_on, 'grid': self._grid,
            'legend': legend, 'aspect_equal': self._aspect_equal,
            'colorbar': self._colorbar is not None,
            'artists': [a._spec() for a in self._artists], 'texts': texts,
        }


class FillBetween:
    __module__ = 'matplotlib.collections'

    def __init__(self, x, y1, y2, color, alpha, label):
        self._x = x
        self._y1 = y1
        self._y2 = y2
        self._color = color
        self._alpha = 0.3 if alpha is None else float(alpha)
        self._label = '_nolegend_' if label is None else str(label)

    def get_label(self):
        return self._label

    def _spec(self):
        return ('fill', self._x, self._y1, self._y2, _rgb(self._color), self._alpha)


class XTick:
    __module__ = 'matplotlib.axis'


class YTick:
    __module__ = 'matplotlib.axis'


def _num(t):
    return int(t) if float(t) == int(t) else t


def _legend_style(h):
    if isinstance(h, Line2D):
        return ('line', _rgb(h._color), h._linestyle, h._marker)
    if isinstance(h, BarContainer):
        return ('patch', _rgb(h._color))
    if isinstance(h, FillBetween):
        return ('patch', _rgb(h._color))
    if isinstance(h, PathCollection):
        c = h._c if isinstance(h._c, tuple) else (0.267, 0.005, 0.329)
        return ('line', c, 'None', 'o')
    return ('patch', (0.0, 0.0, 0.0))
