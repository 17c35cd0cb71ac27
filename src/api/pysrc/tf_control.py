# tf.cond, tf.case, tf.switch_case, tf.while_loop, tf.map_fn, tf.foldl, tf.foldr, tf.scan,
# tf.vectorized_map and tf.TensorArray as TensorFlow 2.15 runs them eagerly: the Python
# functions are called and their ops run (and are recorded on tapes) as they go.
import tensorflow as _tf


def _is_seq(x):
    return isinstance(x, (list, tuple))


def _map_structure(f, x):
    if isinstance(x, dict):
        return {k: _map_structure(f, v) for k, v in x.items()}
    if isinstance(x, tuple):
        return tuple(_map_structure(f, v) for v in x)
    if isinstance(x, list):
        return [_map_structure(f, v) for v in x]
    return f(x)


def _flatten(x):
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    if _is_seq(x):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _pack_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            return {k: build(s[k]) for k in sorted(s)}
        if isinstance(s, tuple):
            return tuple(build(v) for v in s)
        if isinstance(s, list):
            return [build(v) for v in s]
        return next(it)
    return build(structure)


def _same_structure(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return isinstance(a, dict) and isinstance(b, dict) and sorted(a) == sorted(b) and \
            all(_same_structure(a[k], b[k]) for k in a)
    if _is_seq(a) or _is_seq(b):
        return _is_seq(a) and _is_seq(b) and len(a) == len(b) and \
            all(_same_structure(x, y) for x, y in zip(a, b))
    return True


def _to_tensor(x):
    if isinstance(x, TensorArray):
        return x
    return _tf.convert_to_tensor(x)


def _truth(pred):
    return bool(_tf.convert_to_tensor(pred).numpy())


def _test(pred):
    # Inside a traced tf.function a symbolic condition stays a tensor: the `if` or
    # `while` testing it becomes graph control flow.
    if type(pred).__name__ == "SymbolicTensor":
        return pred
    return _truth(pred)


def cond(pred, true_fn=None, false_fn=None, name=None):
    if true_fn is None:
        raise TypeError("cond(): 'true_fn' argument required")
    if false_fn is None:
        raise TypeError("cond(): 'false_fn' argument required")
    if not callable(true_fn):
        raise TypeError("'true_fn' must be callable.")
    if not callable(false_fn):
        raise TypeError("'false_fn' must be callable.")
    if _test(pred):
        out = true_fn()
    else:
        out = false_fn()
    return out


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    if isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = list(pred_fn_pairs.items())
    if not _is_seq(pred_fn_pairs):
        raise TypeError("pred_fn_pairs must be a list, tuple, or dict")
    pairs = list(pred_fn_pairs)
    for pair in pairs:
        if not _is_seq(pair) or len(pair) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple")
        if not callable(pair[1]):
            raise TypeError("fn for pred %s must be callable." % pair[0].name)
    if default is None:
        if not pairs:
            raise ValueError("pred_fn_pairs must not be empty")
        default = pairs[-1][1]
    chosen = default
    for pred, fn in pairs:
        if _truth(pred):
            chosen = fn
            break
    result = chosen()
    if not strict and _is_seq(result) and len(result) == 1:
        return result[0]
    return result


def switch_case(branch_index, branch_fns, default=None, name="switch_case"):
    if not isinstance(branch_index, _tf.Tensor):
        raise TypeError("'branch_index' must be a Tensor, got %s" % type(branch_index))
    if isinstance(branch_fns, dict):
        branch_fns = sorted(branch_fns.items())
    fns = list(branch_fns)
    if not fns:
        raise ValueError("Must provide at least one item in `branch_fns`")
    if _is_seq(fns[0]):
        table = dict(fns)
    else:
        table = dict(enumerate(fns))
    for k, fn in table.items():
        if not callable(fn):
            raise TypeError("fn for key %d must be callable." % k)
    i = int(branch_index.numpy())
    if i in table:
        fn = table[i]
    elif default is not None:
        fn = default
    else:
        fn = table[max(table)]
    return fn()


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, maximum_iterations=None, name=None):
    if not callable(cond):
        raise TypeError("cond must be callable.")
    if not callable(body):
        raise TypeError("body must be callable.")
    if parallel_iterations < 1:
        raise TypeError("parallel_iterations must be a positive integer.")
    loop_vars = _map_structure(_to_tensor, loop_vars)
    if maximum_iterations is not None:
        limit = _tf.convert_to_tensor(maximum_iterations)
        if limit.shape.rank != 0:
            raise ValueError("maximum_iterations must be a scalar, saw shape: %s" % limit.shape)
        counter = _tf.constant(0, dtype=limit.dtype)
        inner_cond, inner_body = cond, body
        loop_vars = (counter, loop_vars)
        cond = lambda i, lv: _tf.logical_and(i < limit, inner_cond(*lv))
        body = lambda i, lv: (i + 1, inner_body(*lv))
    structure = list(loop_vars)
    while _test(cond(*loop_vars)):
        loop_vars = body(*loop_vars)
        if not _same_structure(structure, list(loop_vars)):
            raise ValueError("The two structures don't have the same nested structure.")
    if maximum_iterations is not None:
        return loop_vars[1]
    return loop_vars


def _rows(elems):
    flat = [_tf.convert_to_tensor(e) for e in _flatten(elems)]
    if not flat:
        raise ValueError("elems must be a Tensor or (possibly nested) sequence of Tensors. "
                         "Got %s" % (elems,))
    n = flat[0].shape[0]
    for t in flat:
        if t.shape.rank == 0:
            raise ValueError("Elements in elems must be 1+ dimensional Tensors, not scalars")
    rows = []
    for i in range(n):
        rows.append(_pack_as(elems, [t[i] for t in flat]))
    return rows


def _stack(results, signature=None):
    if not results:
        raise ValueError("No elements to stack.")
    first = results[0]
    flat = [_flatten(r) for r in results]
    cols = []
    for j in range(len(flat[0])):
        col = _tf.stack([_tf.convert_to_tensor(f[j]) for f in flat])
        cols.append(col)
    return _pack_as(first, cols)


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True,
           swap_memory=False, infer_shape=True, name=None, fn_output_signature=None):
    if not callable(fn):
        raise TypeError("fn must be callable.")
    results = [fn(row) for row in _rows(elems)]
    sig = fn_output_signature if fn_output_signature is not None else dtype
    out = _stack(results)
    if isinstance(sig, type(_tf.float32)):
        out = _map_structure(lambda t: _tf.cast(t, sig) if t.dtype != sig else t, out)
    return out


def vectorized_map(fn, elems, fallback_to_while_loop=True, warn=True):
    return map_fn(fn, elems)


def _fold(fn, rows, initializer):
    if not callable(fn):
        raise TypeError("fn must be callable.")
    if initializer is None:
        if not rows:
            raise ValueError("elems must not be empty when no initializer is given")
        acc, rows = rows[0], rows[1:]
    else:
        acc = _map_structure(_tf.convert_to_tensor, initializer)
    for row in rows:
        acc = fn(acc, row)
    return _map_structure(_tf.convert_to_tensor, acc)


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    return _fold(fn, _rows(elems), initializer)


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    return _fold(fn, _rows(elems)[::-1], initializer)


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
         swap_memory=False, infer_shape=True, reverse=False, name=None):
    if not callable(fn):
        raise TypeError("fn must be callable.")
    rows = _rows(elems)
    if reverse:
        rows = rows[::-1]
    outs = []
    if initializer is None:
        acc, rows = rows[0], rows[1:]
        outs.append(acc)
    else:
        acc = _map_structure(_tf.convert_to_tensor, initializer)
    for row in rows:
        acc = fn(acc, row)
        outs.append(acc)
    if reverse:
        outs = outs[::-1]
    return _stack(outs)


class TensorArray:
    # Eagerly the elements are a Python list. Made inside a tf.function, they are one
    # tensor whose rows are the elements (`_graph_value`), so that converted loops and
    # conditionals carry the array like a tensor; each write gives a new TensorArray.
    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        self._dtype = _tf.as_dtype(dtype)
        self._dynamic = bool(dynamic_size)
        self._element_shape = element_shape
        if _tf.executing_eagerly():
            self._size = 0 if size is None else int(size)
            self._items = [None] * self._size
            self._graph_value = None
        else:
            self._items = None
            n = 0 if size is None else size
            shape = None if element_shape is None else _tf.TensorShape(element_shape)
            if shape is not None and shape.rank is not None and shape.is_fully_defined():
                dims = _tf.concat([_tf.reshape(_tf.cast(n, _tf.int32), [1]),
                                   _tf.constant(shape.as_list(), dtype=_tf.int32)], 0)
            else:
                dims = _tf.reshape(_tf.cast(n, _tf.int32), [1])
            self._graph_value = _tf.zeros(dims, dtype=self._dtype)

    def _with_rows(self, rows):
        ta = TensorArray(self._dtype, 0, self._dynamic, element_shape=self._element_shape)
        ta._items = None
        ta._graph_value = rows
        return ta

    @property
    def dtype(self):
        return self._dtype

    @property
    def dynamic_size(self):
        return self._dynamic

    @property
    def element_shape(self):
        if self._items is None:
            return self._graph_value.shape[1:]
        for t in self._items:
            if t is not None:
                return t.shape
        return _tf.TensorShape(self._element_shape)

    def size(self, name=None):
        if self._items is None:
            return _tf.shape(self._graph_value)[0]
        return _tf.constant(len(self._items), dtype=_tf.int32)

    def write(self, index, value, name=None):
        if self._items is None:
            value = _tf.convert_to_tensor(value, dtype=self._dtype)
            return self._with_rows(_ta_write(self._graph_value, index, value, self._dynamic))
        i = int(index)
        value = _tf.convert_to_tensor(value, dtype=self._dtype)
        if i < 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Writing to negative indices (index %d) is not allowed." % i)
        if i >= len(self._items):
            if not self._dynamic:
                raise _tf.errors.InvalidArgumentError(None, None, "Tried to write to index %d but array is not resizeable and size is: %d" % (i, len(self._items)))
            self._items.extend([None] * (i + 1 - len(self._items)))
        self._items[i] = value
        return self

    def read(self, index, name=None):
        if self._items is None:
            return _tf.gather(self._graph_value, index)
        i = int(index)
        if i < 0:
            raise _tf.errors.InvalidArgumentError(None, None, "Reading from negative indices (index %d) is not allowed." % i)
        if i >= len(self._items):
            raise _tf.errors.InvalidArgumentError(None, None, "Tried to read from index %d but array size is: %d" % (i, len(self._items)))
        t = self._items[i]
        if t is None:
            return _tf.zeros(self.element_shape, dtype=self._dtype)
        return t

    def _filled(self):
        shape = self.element_shape
        return [t if t is not None else _tf.zeros(shape, dtype=self._dtype) for t in self._items]

    def stack(self, name=None):
        if self._items is None:
            return _tf.identity(self._graph_value)
        items = self._filled()
        if not items:
            return _tf.zeros([0], dtype=self._dtype)
        return _tf.stack(items)

    def gather(self, indices, name=None):
        if self._items is None:
            return _tf.gather(self._graph_value, indices)
        items = self._filled()
        return _tf.stack([items[int(i)] for i in _tf.convert_to_tensor(indices).numpy()])

    def concat(self, name=None):
        if self._items is None:
            rows = self._graph_value
            return _tf.reshape(rows, _tf.concat([[-1], _tf.shape(rows)[2:]], 0))
        return _tf.concat(self._filled(), 0)

    def unstack(self, value, name=None):
        value = _tf.convert_to_tensor(value, dtype=self._dtype)
        if self._items is None:
            return self._with_rows(value)
        rows = _tf.unstack(value)
        if not self._dynamic and self._size and len(rows) > self._size:
            raise _tf.errors.InvalidArgumentError(None, None, "Tried to write to index %d but array is not resizeable and size is: %d" % (self._size, self._size))
        self._items = list(rows) + self._items[len(rows):]
        return self

    def scatter(self, indices, value, name=None):
        value = _tf.convert_to_tensor(value, dtype=self._dtype)
        if self._items is None:
            rows = self._graph_value
            idx = _tf.reshape(_tf.cast(indices, _tf.int32), [-1, 1])
            return self._with_rows(_tf.tensor_scatter_nd_update(rows, idx, value))
        for k, i in enumerate(_tf.convert_to_tensor(indices).numpy()):
            self.write(int(i), value[k])
        return self

    def split(self, value, lengths, name=None):
        value = _tf.convert_to_tensor(value, dtype=self._dtype)
        if self._items is None:
            raise NotImplementedError("tensh splits a TensorArray eagerly, not inside a tf.function")
        parts = _tf.split(value, [int(n) for n in _tf.convert_to_tensor(lengths).numpy()])
        self._items = list(parts)
        return self

    def identity(self):
        return self

    def close(self, name=None):
        return None
