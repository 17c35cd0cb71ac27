# numpy's layout for ragged tensors, loaded between tf_ragged.py and tf_ragged_ops.py into the
# same module: array2string's line filling (what a RaggedTensor's repr prints), and the object
# array RaggedTensor.numpy() returns for rows of unequal length.


class ndarray:
    """numpy's 1-D object array, as `RaggedTensor.numpy()` returns for rows of unequal
    length (tensh's arrays have no object dtype): its items, length, indexing and repr."""

    __module__ = "numpy"

    def __init__(self, items):
        self._items = list(items)

    def __len__(self):
        return len(self._items)

    def __getitem__(self, i):
        if _is_slice(i):
            return ndarray(self._items[i])
        return self._items[i]

    def __iter__(self):
        return iter(self._items)

    @property
    def shape(self):
        return (len(self._items),)

    @property
    def ndim(self):
        return 1

    @property
    def size(self):
        return len(self._items)

    def tolist(self):
        return list(self._items)

    def __repr__(self):
        if not self._items:
            return "array([], dtype=object)"
        body = _format_array((len(self._items),), [repr(x) for x in self._items],
                             74, " " * 7, ", ")
        text = "array(" + body + ","
        last = len(text) - (text.rfind("\n") + 1)
        spacer = "\n      " if last + len("dtype=object)") + 1 > 75 else " "
        return text + spacer + "dtype=object)"

    def __str__(self):
        if not self._items:
            return "[]"
        return _format_array((len(self._items),), [repr(x) for x in self._items], 75, " ", " ")


def _dense_struct(t):
    a = t.numpy()
    shape = tuple(a.shape)
    flat = a.reshape(-1)
    return shape, [str(x) for x in flat]


def _empty_list(shape):
    if not shape or shape[0] == 0:
        return []
    return [_empty_list(shape[1:]) for _ in range(shape[0])] if len(shape) > 1 else []


def _extend_line(s, line, word, width, prefix):
    needs_wrap = len(line) + len(word) > width
    if len(line) <= len(prefix):
        needs_wrap = False
    if needs_wrap:
        s += line.rstrip() + "\n"
        line = prefix
    line += word
    return s, line


def _extend_line_pretty(s, line, word, width, prefix):
    words = word.splitlines()
    if len(words) == 1:
        return _extend_line(s, line, word, width, prefix)
    longest = max(len(w) for w in words)
    if len(line) + longest > width and len(line) > len(prefix):
        s += line.rstrip() + "\n"
        line = prefix + words[0]
        indent = prefix
    else:
        indent = len(line) * " "
        line += words[0]
    for w in words[1:]:
        s += line.rstrip() + "\n"
        line = indent + w
    line += (longest - len(words[-1])) * " "
    return s, line


def _format_array(shape, items, line_width=75, prefix=" ", separator=", "):
    """numpy's array2string(a, separator=', ') for an array of `shape` whose elements
    print as `items` (numpy 1.26's layout: 75 columns, summarised past 1000 elements)."""
    size = 1
    for d in shape:
        size *= d
    if size == 0:
        return repr(_empty_list(list(shape)))
    if len(shape) == 0:
        return items[0]
    summary = size > 1000
    strides = []
    acc = 1
    for d in reversed(shape):
        strides.insert(0, acc)
        acc *= d

    def rec(offset, axis, hanging, width):
        if axis == len(shape):
            return items[offset]
        nxt = hanging + " "
        nwidth = width - 1
        n = shape[axis]
        stride = strides[axis]
        show = summary and 6 < n
        lead, trail = (3, 3) if show else (0, n)
        left = len(shape) - axis
        if left == 1:
            elem_width = width - 1
            s = ""
            line = hanging
            for i in range(lead):
                word = rec(offset + i * stride, axis + 1, nxt, nwidth)
                s, line = _extend_line_pretty(s, line, word, elem_width, hanging)
                line += separator
            if show:
                s, line = _extend_line(s, line, "...", elem_width, hanging)
                line += separator
            for i in range(trail, 1, -1):
                word = rec(offset + (n - i) * stride, axis + 1, nxt, nwidth)
                s, line = _extend_line_pretty(s, line, word, elem_width, hanging)
                line += separator
            word = rec(offset + (n - 1) * stride, axis + 1, nxt, nwidth)
            s, line = _extend_line_pretty(s, line, word, elem_width, hanging)
            s += line
        else:
            s = ""
            sep = separator.rstrip() + "\n" * (left - 1)
            for i in range(lead):
                s += hanging + rec(offset + i * stride, axis + 1, nxt, nwidth) + sep
            if show:
                s += hanging + "..." + sep
            for i in range(trail, 1, -1):
                s += hanging + rec(offset + (n - i) * stride, axis + 1, nxt, nwidth) + sep
            s += hanging + rec(offset + (n - 1) * stride, axis + 1, nxt, nwidth)
        return "[" + s[len(hanging):] + "]"

    return rec(0, 0, prefix, line_width)
