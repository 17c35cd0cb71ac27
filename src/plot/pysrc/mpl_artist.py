# matplotlib's artists as notebooks meet them (Text, Line2D, PathCollection, Rectangle,
# BarContainer, AxesImage, Legend, Colorbar), colors, colormaps and rcParams. Colors and
# colormap tables are native (`_color_native`, `_cmap_native`).
import numpy as np

_SUBPLOTPARS = (0.125, 0.9, 0.11, 0.88, 0.2, 0.2)  # left, right, bottom, top, wspace, hspace
_CYCLE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
          '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf']
_FMT_COLORS = {'b': 'b', 'g': 'g', 'r': 'r', 'c': 'c', 'm': 'm', 'y': 'y', 'k': 'k', 'w': 'w'}
_FMT_LINES = ['--', '-.', '-', ':']
_FMT_MARKERS = '.,ov^<>12348spP*hH+xXDd|_'
_LEGEND_LOCS = ['best', 'upper right', 'upper left', 'lower left', 'lower right', 'right',
                'center left', 'center right', 'lower center', 'upper center', 'center']


def _color_error(c):
    return ValueError(
        repr(c) + " is not a valid value for color: supported inputs are (r, g, b) and "
        "(r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; "
        "named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', "
        "... strings for colors of the color cycle; and pairs combining one of the above "
        "with an alpha value")


def _rgb(c):
    # A color as an (r, g, b) tuple of floats in [0, 1].
    if c is None:
        return None
    if isinstance(c, (tuple, list)):
        if len(c) in (3, 4) and all(isinstance(v, (int, float)) for v in c) and \
                all(0 <= v <= 1 for v in c):
            return (float(c[0]), float(c[1]), float(c[2]))
        raise _color_error(c)
    if not isinstance(c, str):
        raise _color_error(c)
    rgb = _color_native(c)
    if rgb is None:
        raise _color_error(c)
    return rgb


def _parse_fmt(fmt):
    # 'r--', 'bo', 'k:' as matplotlib's _process_plot_format reads them.
    linestyle = marker = color = None
    if fmt.startswith('C') and len(fmt) > 1 and fmt[1].isdigit():
        color = fmt[:2]
        fmt = fmt[2:]
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if fmt[i:i + 2] in _FMT_LINES:
            if linestyle is not None:
                raise ValueError(repr(fmt) + " is not a valid format string (two linestyle symbols)")
            linestyle = fmt[i:i + 2]
            i += 2
        elif c in _FMT_LINES:
            if linestyle is not None:
                raise ValueError(repr(fmt) + " is not a valid format string (two linestyle symbols)")
            linestyle = c
            i += 1
        elif c in _FMT_MARKERS:
            if marker is not None:
                raise ValueError(repr(fmt) + " is not a valid format string (two marker symbols)")
            marker = c
            i += 1
        elif c in _FMT_COLORS:
            if color is not None:
                raise ValueError(repr(fmt) + " is not a valid format string (two color symbols)")
            color = c
            i += 1
        else:
            raise ValueError(repr(fmt) + " is not a valid format string (unrecognized character " +
                             repr(c) + ")")
    if linestyle is None and marker is None:
        linestyle = '-'
    if linestyle is None:
        linestyle = 'None'
    return linestyle, marker, color


def _array(x):
    return np.asarray(x, dtype=np.float64)


class Text:
    __module__ = 'matplotlib.text'

    def __init__(self, x, y, text, **kwargs):
        self._x = x
        self._y = y
        self._text = '' if text is None else str(text)
        self._size = kwargs.get('fontsize', kwargs.get('size'))
        self._color = _rgb(kwargs.get('color', kwargs.get('c')))

    def __repr__(self):
        return "Text(%s, %s, %s)" % (self._x, self._y, repr(self._text))

    def get_text(self):
        return self._text

    def set_text(self, s):
        self._text = '' if s is None else str(s)

    def get_position(self):
        return (self._x, self._y)

    def set_fontsize(self, size):
        self._size = size


class Line2D:
    __module__ = 'matplotlib.lines'

    def __init__(self, x, y, color, linestyle, marker, linewidth, markersize, label):
        self._x = x
        self._y = y
        self._color = color
        self._linestyle = linestyle
        self._marker = marker
        self._linewidth = linewidth
        self._markersize = markersize
        self._label = label

    def __str__(self):
        return "Line2D(%s)" % self._label

    def get_label(self):
        return self._label

    def set_label(self, s):
        self._label = str(s)

    def get_xdata(self):
        return self._x

    def get_ydata(self):
        return self._y

    def get_color(self):
        return self._color_name

    def set_data(self, x, y):
        self._x = _array(x)
        self._y = _array(y)

    def _spec(self):
        ref = getattr(self, '_ref', None)
        if ref is not None:
            return ('ref', ref[0], ref[1], _rgb(self._color), self._linestyle, self._linewidth)
        return ('line', self._x, self._y, _rgb(self._color), self._linestyle, self._marker,
                self._linewidth, self._markersize)


class PathCollection:
    __module__ = 'matplotlib.collections'

    def __init__(self, x, y, c, s, cmap, marker, label, vmin, vmax):
        self._x = x
        self._y = y
        self._c = c
        self._s = s
        self._cmap = cmap
        self._marker = marker
        self._label = label
        self._vmin = vmin
        self._vmax = vmax

    def get_label(self):
        return self._label

    def _spec(self):
        return ('scatter', self._x, self._y, self._c, self._s, self._cmap, self._marker,
                self._vmin, self._vmax)


class Rectangle:
    __module__ = 'matplotlib.patches'

    def __init__(self, xy, width, height, color):
        self._xy = xy
        self._width = width
        self._height = height
        self._color = color

    def __str__(self):
        return "Rectangle(xy=(%g, %g), width=%g, height=%g, angle=0)" % (
            self._xy[0], self._xy[1], self._width, self._height)

    def get_height(self):
        return self._height

    def get_width(self):
        return self._width

    def get_x(self):
        return self._xy[0]

    def get_y(self):
        return self._xy[1]


class BarContainer:
    __module__ = 'matplotlib.container'

    def __init__(self, patches, color, label):
        self.patches = patches
        self._color = color
        self._label = label

    def __repr__(self):
        return "<BarContainer object of %d artists>" % len(self.patches)

    def __len__(self):
        return len(self.patches)

    def __iter__(self):
        return iter(self.patches)

    def __getitem__(self, i):
        return self.patches[i]

    def get_label(self):
        return self._label

    def _spec(self):
        rects = [(p._xy[0], p._xy[1], p._xy[0] + p._width, p._xy[1] + p._height)
                 for p in self.patches]
        return ('bars', rects, _rgb(self._color))


class AxesImage:
    __module__ = 'matplotlib.image'

    def __init__(self, data, cmap, vmin, vmax):
        self._A = data
        self._cmap = cmap
        self._vmin = vmin
        self._vmax = vmax

    def __str__(self):
        return "AxesImage(shape=%s)" % (self._A.shape[:2],)

    def get_array(self):
        return self._A

    def get_clim(self):
        return (self._vmin, self._vmax)

    def set_clim(self, vmin=None, vmax=None):
        if vmin is not None:
            self._vmin = vmin
        if vmax is not None:
            self._vmax = vmax

    def get_label(self):
        return '_nolegend_'

    def _spec(self):
        return ('image', self._A, self._cmap, self._vmin, self._vmax, self._extent,
                self._origin_lower)


class Legend:
    __module__ = 'matplotlib.legend'

    def __init__(self, entries, loc):
        self._entries = entries
        self._loc = loc

    def __str__(self):
        return "Legend"

    def get_texts(self):
        return [Text(0, 0, label) for label, _ in self._entries]


class Colorbar:
    __module__ = 'matplotlib.colorbar'

    def __init__(self, mappable, ax):
        self.mappable = mappable
        self.ax = ax

    def set_label(self, label, **kwargs):
        self.ax._ylabel = Text(0, 0.5, label)


class ListedColormap:
    __module__ = 'matplotlib.colors'

    def __init__(self, name):
        self.name = name
        self.N = 256

    def __call__(self, x, alpha=None, bytes=False):
        if isinstance(x, (int, float)):
            r, g, b = _cmap_native(self.name, float(x), isinstance(x, int))
            if bytes:
                return (int(r * 255), int(g * 255), int(b * 255), 255)
            return (r, g, b, 1.0 if alpha is None else float(alpha))
        return np.array([self(v, alpha, bytes) for v in _array(x).ravel().tolist()])


class LinearSegmentedColormap(ListedColormap):
    __module__ = 'matplotlib.colors'


def _cmap(c):
    if c is None:
        return 'viridis'
    if isinstance(c, ListedColormap):
        return c.name
    if isinstance(c, str) and _cmap_native(c, 0.0, False) is not None:
        return c
    if isinstance(c, str):
        raise ValueError(repr(c) + " is not a valid value for cmap; supported values are " +
                         ", ".join(repr(n) for n in _cmap_names()))
    raise TypeError("cmap must be a str or Colormap, not " + type(c).__name__)


def get_cmap(name=None, lut=None):
    name = _cmap(name)
    base = name[:-2] if name.endswith('_r') else name
    if base in ('viridis', 'plasma', 'inferno', 'magma', 'cividis', 'tab10', 'tab20',
                'Set1', 'Set2', 'Set3', 'Pastel1', 'Paired', 'Accent', 'Dark2'):
        return ListedColormap(name)
    return LinearSegmentedColormap(name)


rcParams = {'figure.figsize': [6.4, 4.8], 'figure.dpi': 100.0, 'font.size': 10.0,
            'axes.grid': False, 'image.cmap': 'viridis', 'lines.linewidth': 1.5,
            'savefig.dpi': 'figure', 'axes.titlesize': 'large', 'axes.labelsize': 'medium',
            'legend.fontsize': 'medium', 'xtick.labelsize': 'medium',
            'ytick.labelsize': 'medium', 'backend': 'agg'}
