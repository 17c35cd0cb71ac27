# matplotlib.pyplot: the state machine (current figure, current axes) and its functions,
# which forward to the current Axes. `show` draws figures in a terminal through
# `_show_terminal` (native), hands them to a notebook through `_display_inline` (native;
# `_flush_inline` also runs when a cell ends), and does nothing when output is neither.
import numpy as np
from matplotlib.artist import (_array, Text, PathCollection, AxesImage, _cmap, get_cmap,
    rcParams)
from matplotlib.axes import (_finite_range, Axes, _num)
from matplotlib.figure import (_grid_pos, _subplot_args, Figure, GridSpec, _colorbar)


# --- the pyplot state machine -----------------------------------------------------------
_figs = {}
_state = {'current': None}


def get_fignums():
    return sorted(_figs)


def figure(num=None, figsize=None, dpi=None, *, facecolor=None, edgecolor=None,
           frameon=True, clear=False, **kwargs):
    if isinstance(num, Figure):
        _state['current'] = num.number
        return num
    if num is not None and num in _figs:
        _state['current'] = num
        fig = _figs[num]
        if clear:
            fig.clf()
        return fig
    if num is None or not isinstance(num, int):
        num = max(_figs) + 1 if _figs else 1
    fig = Figure(figsize, dpi, num)
    _figs[num] = fig
    _state['current'] = num
    return fig


def gcf():
    cur = _state['current']
    if cur is None or cur not in _figs:
        return figure()
    return _figs[cur]


def gca():
    return gcf().gca()


def sca(ax):
    figure(ax.figure)
    ax.figure.sca(ax)
    return None


def subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, width_ratios=None,
             height_ratios=None, subplot_kw=None, gridspec_kw=None, **fig_kw):
    fig = figure(**fig_kw)
    axs = fig.subplots(nrows, ncols, sharex=sharex, sharey=sharey, squeeze=squeeze,
                       subplot_kw=subplot_kw)
    return fig, axs


def subplot(*args, **kwargs):
    fig = gcf()
    key = _subplot_args(args)
    for ax in fig.axes:
        if ax._spec_key == key:
            fig.sca(ax)
            return ax
    return fig.add_subplot(*args, **kwargs)


def subplot2grid(shape, loc, rowspan=1, colspan=1, fig=None, **kwargs):
    fig = gcf() if fig is None else fig
    r, c = loc
    start = r * shape[1] + c
    end = (r + rowspan - 1) * shape[1] + c + colspan - 1
    ax = Axes(fig, _grid_pos(shape[0], shape[1], start, end, fig._pars), (shape[0], shape[1], start, end))
    return fig._add(ax)


def axes(arg=None, **kwargs):
    fig = gcf()
    if arg is None:
        return fig.add_subplot(1, 1, 1, **kwargs)
    return fig.add_axes(arg, **kwargs)


def close(fig=None):
    if fig is None:
        cur = _state['current']
        if cur is not None:
            _figs.pop(cur, None)
    elif fig == 'all':
        _figs.clear()
    elif isinstance(fig, Figure):
        _figs.pop(fig.number, None)
    elif isinstance(fig, int):
        _figs.pop(fig, None)
    else:
        raise TypeError("close() argument must be a Figure, an int, a string, or None, not " +
                        repr(type(fig)))
    cur = _state['current']
    if cur not in _figs:
        _state['current'] = max(_figs) if _figs else None
    return None


def clf():
    gcf().clf()
    return None


def cla():
    gca().cla()
    return None


def show(*args, **kwargs):
    figs = [_figs[n] for n in sorted(_figs)]
    if _inline():
        _flush_inline()
    elif _isatty():
        for fig in figs:
            _show_terminal(fig._spec())
        _figs.clear()
        _state['current'] = None
    return None


def _flush_inline():
    # The inline backend: each open figure is displayed as a PNG, then closed.
    for n in sorted(_figs):
        fig = _figs[n]
        _display_inline(fig._spec(), repr(fig))
    _figs.clear()
    _state['current'] = None
    return None


def savefig(*args, **kwargs):
    return gcf().savefig(*args, **kwargs)


def draw():
    return None


def pause(interval):
    return None


def ion():
    return None


def ioff():
    return None


def isinteractive():
    return False


def tight_layout(*, pad=1.08, h_pad=None, w_pad=None, rect=None):
    return gcf().tight_layout(pad=pad, h_pad=h_pad, w_pad=w_pad, rect=rect)


def subplots_adjust(left=None, bottom=None, right=None, top=None, wspace=None, hspace=None):
    gcf().subplots_adjust(left=left, bottom=bottom, right=right, top=top, wspace=wspace,
                          hspace=hspace)


def suptitle(t, **kwargs):
    return gcf().suptitle(t, **kwargs)


def colorbar(mappable=None, cax=None, ax=None, **kwargs):
    if mappable is None:
        mappable = _mappable()
    return _colorbar(gcf(), mappable, ax)


def _mappable():
    for ax in reversed(gcf().axes):
        for a in reversed(ax._artists):
            if isinstance(a, (AxesImage, PathCollection)):
                if isinstance(a, PathCollection):
                    vals = a._c if not isinstance(a._c, tuple) else _array([0.0, 1.0])
                    lo, hi = _finite_range([vals])
                    im = AxesImage(_array([[0.0]]), a._cmap,
                                   lo if a._vmin is None else a._vmin,
                                   hi if a._vmax is None else a._vmax)
                    return im
                return a
    raise RuntimeError("No mappable was found to use for colorbar creation. First define a "
                       "mappable such as an image (with imshow) or a contour set (with "
                       "contourf).")


def plot(*args, scalex=True, scaley=True, data=None, **kwargs):
    return gca().plot(*args, scalex=scalex, scaley=scaley, data=data, **kwargs)


def scatter(x, y, s=None, c=None, marker=None, cmap=None, norm=None, vmin=None, vmax=None,
            alpha=None, linewidths=None, *, edgecolors=None, label=None, **kwargs):
    return gca().scatter(x, y, s=s, c=c, marker=marker, cmap=cmap, norm=norm, vmin=vmin,
                         vmax=vmax, alpha=alpha, linewidths=linewidths,
                         edgecolors=edgecolors, label=label, **kwargs)


def bar(x, height, width=0.8, bottom=None, *, align='center', data=None, **kwargs):
    return gca().bar(x, height, width, bottom, align=align, **kwargs)


def barh(y, width, height=0.8, left=None, *, align='center', data=None, **kwargs):
    return gca().barh(y, width, height, left, align=align, **kwargs)


def hist(x, bins=None, range=None, density=False, weights=None, cumulative=False,
         bottom=None, histtype='bar', align='mid', orientation='vertical', rwidth=None,
         log=False, color=None, label=None, stacked=False, **kwargs):
    return gca().hist(x, bins=bins, range=range, density=density, weights=weights,
                      orientation=orientation, color=color, label=label, **kwargs)


def imshow(X, cmap=None, norm=None, *, aspect=None, interpolation=None, alpha=None, vmin=None,
           vmax=None, origin=None, extent=None, **kwargs):
    return gca().imshow(X, cmap=cmap, aspect=aspect, interpolation=interpolation, vmin=vmin,
                        vmax=vmax, origin=origin, extent=extent)


def matshow(A, fignum=None, **kwargs):
    return gca().imshow(A, **kwargs)


def text(x, y, s, fontdict=None, **kwargs):
    return gca().text(x, y, s, fontdict, **kwargs)


def axhline(y=0, xmin=0, xmax=1, **kwargs):
    return gca().axhline(y, xmin, xmax, **kwargs)


def axvline(x=0, ymin=0, ymax=1, **kwargs):
    return gca().axvline(x, ymin, ymax, **kwargs)


def fill_between(x, y1, y2=0, **kwargs):
    return gca().fill_between(x, y1, y2, **kwargs)


def title(label, fontdict=None, loc=None, pad=None, **kwargs):
    return gca().set_title(label, fontdict, loc, pad, **kwargs)


def xlabel(xlabel, fontdict=None, labelpad=None, **kwargs):
    return gca().set_xlabel(xlabel, fontdict, labelpad, **kwargs)


def ylabel(ylabel, fontdict=None, labelpad=None, **kwargs):
    return gca().set_ylabel(ylabel, fontdict, labelpad, **kwargs)


def legend(*args, **kwargs):
    return gca().legend(*args, **kwargs)


def grid(visible=None, which='major', axis='both', **kwargs):
    return gca().grid(visible, which, axis, **kwargs)


def xlim(*args, **kwargs):
    ax = gca()
    if not args and not kwargs:
        return ax.get_xlim()
    return ax.set_xlim(*args, **kwargs)


def ylim(*args, **kwargs):
    ax = gca()
    if not args and not kwargs:
        return ax.get_ylim()
    return ax.set_ylim(*args, **kwargs)


def _ticks_fn(ax, which, ticks, labels, kwargs):
    if ticks is None and labels is None:
        locs = ax.get_xticks() if which == 0 else ax.get_yticks()
        texts = [Text(_num(t), 0, '') if which == 0 else Text(0, _num(t), '')
                 for t in locs.tolist()]
        return locs, texts
    if ticks is not None:
        if which == 0:
            ax.set_xticks(ticks, labels)
        else:
            ax.set_yticks(ticks, labels)
    locs = ax._xticks if which == 0 else ax._yticks
    labs = ax._xticklabels if which == 0 else ax._yticklabels
    texts = []
    for k, t in enumerate(locs):
        s = labs[k] if labs is not None and k < len(labs) else ''
        texts.append(Text(_num(t), 0, s) if which == 0 else Text(0, _num(t), s))
    if not locs:
        return [], texts
    return np.array(locs), texts


def xticks(ticks=None, labels=None, *, minor=False, **kwargs):
    return _ticks_fn(gca(), 0, ticks, labels, kwargs)


def yticks(ticks=None, labels=None, *, minor=False, **kwargs):
    return _ticks_fn(gca(), 1, ticks, labels, kwargs)


def axis(arg=None, *, emit=True, **kwargs):
    return gca().axis(arg, emit=emit, **kwargs)


def get_cmap_names():
    return _cmap_names()


class _Style:
    available = ['default', 'classic', 'ggplot', 'seaborn-v0_8', 'fivethirtyeight', 'bmh',
                 'dark_background', 'grayscale']

    def use(self, style):
        return None

    def context(self, style, after_reset=False):
        return _NullContext()


class _NullContext:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


style = _Style()


class _CM:
    def __getattr__(self, name):
        if name.startswith('_'):
            raise AttributeError(name)
        try:
            return get_cmap(name)
        except ValueError:
            raise AttributeError("module 'matplotlib.cm' has no attribute " + repr(name))

    def get_cmap(self, name=None, lut=None):
        return get_cmap(name, lut)


cm = _CM()
