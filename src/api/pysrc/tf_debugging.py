# tf.debugging's assertions as TensorFlow 2.15 runs them eagerly: each check runs at once
# and a failed one raises with TensorFlow's message, data summary included.
import tensorflow as _tf
import numpy as _np

_CHECK_NUMERICS = "{{function_node __wrapped__CheckNumerics_device_/job:localhost/replica:0/task:0/device:CPU:0}} "


def _invalid(message):
    return _tf.errors.InvalidArgumentError(None, None, message)


def _message_prefix(message):
    if message:
        return "%s.  " % message
    return ""


def _shape_and_dtype_str(t):
    return "shape=%s dtype=%s" % (t.shape, t.dtype.name)


def _flat(t):
    return t.numpy().reshape((-1,))


def _pretty_print(item, summarize):
    if isinstance(item, _tf.Tensor):
        arr = item.numpy()
        if item.shape.rank == 0:
            return str(arr)
        if isinstance(summarize, float):
            # TensorFlow's "everything" is 1e9, which numpy will not slice with.
            raise TypeError("slice indices must be integers or None or have an __index__ method")
        flat = arr.reshape((-1,))
        lst = [str(x) for x in flat[:summarize]]
        if len(lst) < flat.size:
            lst.append("...")
        return str(lst)
    return str(item)


def _summarize_eager(t, summarize):
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = int(_tf.size(t))
    if t.shape.rank:
        flat = _flat(t)
        lst = [str(x) for x in flat[:summarize]]
        if len(lst) < flat.size:
            lst.append("...")
    elif summarize != 0:
        lst = [str(t.numpy())]
    else:
        lst = []
    return ", ".join(lst)


def _summarize_item(item, summarize):
    # Strings become bytes scalars, whose str is b'...'.
    if isinstance(item, str):
        item = item.encode("utf-8")
    if isinstance(item, bytes):
        return str(item) if summarize != 0 else ""
    return _summarize_eager(_tf.convert_to_tensor(item), summarize)


def Assert(condition, data, summarize=None, name=None):
    if not condition:
        data_str = [_summarize_item(x, summarize) for x in data]
        raise _invalid("Expected '%s' to be true. Summarized data: %s"
                       % (condition, "\n".join(data_str)))


def _assert_msg_data(sym, x, y, summarize, test):
    data = ["Condition x %s y did not hold." % sym]
    if summarize > 0:
        if x.shape == y.shape and x.shape.as_list():
            mask = _tf.logical_not(test)
            indices = _tf.where(mask).numpy()
            x_vals = _tf.boolean_mask(x, mask)
            y_vals = _tf.boolean_mask(y, mask)
            n = min(summarize, indices.shape[0])
            data.append("Indices of first %d different values:" % n)
            data.append(indices[:n])
            data.append("Corresponding x values:")
            data.append(_flat(x_vals)[:n])
            data.append("Corresponding y values:")
            data.append(_flat(y_vals)[:n])
        x_np = _flat(x)
        y_np = _flat(y)
        x_sum = min(x_np.size, summarize)
        y_sum = min(y_np.size, summarize)
        data.append("First %d elements of x:" % x_sum)
        data.append(x_np[:x_sum])
        data.append("First %d elements of y:" % y_sum)
        data.append(y_np[:y_sum])
    return data


def _binary_assert(sym, op, x, y, data, summarize, message):
    x = _tf.convert_to_tensor(x)
    y = _tf.convert_to_tensor(y)
    test = op(x, y)
    if bool(_tf.reduce_all(test)):
        return None
    if summarize is None:
        summarize = 3
    elif summarize < 0:
        summarize = 1e9
    if data is None:
        data = _assert_msg_data(sym, x, y, summarize, test)
    if message is not None:
        data = [message] + list(data)
    raise _invalid("\n".join(_pretty_print(d, summarize) for d in data))


def assert_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert("==", _tf.equal, x, y, None, summarize, message)


def assert_none_equal(x, y, summarize=None, message=None, name=None):
    return _binary_assert("!=", _tf.not_equal, x, y, None, summarize, message)


def assert_less(x, y, message=None, summarize=None, name=None):
    return _binary_assert("<", _tf.less, x, y, None, summarize, message)


def assert_less_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert("<=", _tf.less_equal, x, y, None, summarize, message)


def assert_greater(x, y, message=None, summarize=None, name=None):
    return _binary_assert(">", _tf.greater, x, y, None, summarize, message)


def assert_greater_equal(x, y, message=None, summarize=None, name=None):
    return _binary_assert(">=", _tf.greater_equal, x, y, None, summarize, message)


def _unary_assert(x, message, summarize, sym, op, zero_first):
    message = _message_prefix(message)
    x = _tf.convert_to_tensor(x)
    cond = "Condition x %s 0 did not hold element-wise:" % sym
    head = "x (%s) = " % _shape_and_dtype_str(x)
    if sym == "<=":
        # TensorFlow's list for this one misses a comma: two strings run together.
        data = [message, cond + head, x]
    else:
        data = [message, cond, head, x]
    zero = _tf.convert_to_tensor(0, dtype=x.dtype)
    a, b = (zero, x) if zero_first else (x, zero)
    return _binary_assert(None, op, a, b, data, summarize, None)


def assert_positive(x, message=None, summarize=None, name=None):
    return _unary_assert(x, message, summarize, ">", _tf.less, True)


def assert_negative(x, message=None, summarize=None, name=None):
    return _unary_assert(x, message, summarize, "<", _tf.less, False)


def assert_non_negative(x, message=None, summarize=None, name=None):
    return _unary_assert(x, message, summarize, ">=", _tf.less_equal, True)


def assert_non_positive(x, message=None, summarize=None, name=None):
    return _unary_assert(x, message, summarize, "<=", _tf.less_equal, False)


_EPS = {"float16": 0.000977, "float32": 1.1920929e-07, "float64": 2.220446049250313e-16}


def assert_near(x, y, rtol=None, atol=None, message=None, summarize=None, name=None):
    message = _message_prefix(message)
    x = _tf.convert_to_tensor(x)
    y = _tf.convert_to_tensor(y, dtype=x.dtype)
    dtype = x.dtype
    if dtype.name not in _EPS:
        raise ValueError("data type <class 'numpy.%s'> not inexact" % dtype.name)
    eps = _EPS[dtype.name]
    rtol = _tf.convert_to_tensor(10 * eps if rtol is None else rtol, dtype=dtype)
    atol = _tf.convert_to_tensor(10 * eps if atol is None else atol, dtype=dtype)
    data = [
        message,
        "x and y not equal to tolerance rtol = %s, atol = %s" % (rtol, atol),
        "x (%s) = " % _shape_and_dtype_str(x), x,
        "y (%s) = " % _shape_and_dtype_str(y), y,
    ]
    tol = atol + rtol * _tf.abs(y)
    diff = _tf.abs(x - y)
    condition = _tf.reduce_all(_tf.less(diff, tol))
    return Assert(condition, data, summarize=summarize)


def assert_type(tensor, tf_type, message=None, name=None):
    tf_type = _tf.as_dtype(tf_type)
    tensor = _tf.convert_to_tensor(tensor)
    if tensor.dtype != tf_type:
        raise TypeError("%stensor must be of type %r; got %r"
                        % (_message_prefix(message), tf_type, tensor.dtype))
    return None


def assert_integer(x, message=None, name=None):
    x = _tf.convert_to_tensor(x)
    if not x.dtype.is_integer:
        raise TypeError('%sExpected "x" to be integer type.  Found: tensor of dtype %s'
                        % (_message_prefix(message), x.dtype))
    return None


def assert_scalar(tensor, message=None, name=None):
    tensor = _tf.convert_to_tensor(tensor)
    if tensor.shape.rank != 0:
        raise ValueError("%sExpected scalar shape, saw shape: %s."
                         % (_message_prefix(message), tensor.shape))
    return None


def _rank_of(rank):
    rank = _tf.convert_to_tensor(rank)
    assert_type(rank, _tf.int32)
    if rank.shape.rank != 0:
        raise ValueError("Rank must be a scalar.")
    return int(rank)


def assert_rank(x, rank, message=None, name=None):
    x = _tf.convert_to_tensor(x)
    want = _rank_of(rank)
    if x.shape.rank != want:
        raise ValueError("%sTensor  must have rank %d.  Received rank %d, shape %s"
                         % (_message_prefix(message), want, x.shape.rank, x.shape))
    return None


def assert_rank_at_least(x, rank, message=None, name=None):
    x = _tf.convert_to_tensor(x)
    want = _rank_of(rank)
    if x.shape.rank < want:
        raise ValueError("%sTensor  must have rank at least %d.  Received rank %d, shape %s"
                         % (_message_prefix(message), want, x.shape.rank, x.shape))
    return None


def assert_rank_in(x, ranks, message=None, name=None):
    x = _tf.convert_to_tensor(x)
    wanted = tuple(_rank_of(r) for r in ranks)
    if x.shape.rank not in wanted:
        raise ValueError("%sTensor  must have rank in %s.  Received rank %d, shape %s"
                         % (_message_prefix(message), wanted, x.shape.rank, x.shape))
    return None


def _iterable(x):
    try:
        iter(x)
        return True
    except TypeError:
        return False


def _has_known_value(size):
    if size is None:
        return False
    try:
        int(size)
        return True
    except (ValueError, TypeError):
        return False


def assert_shapes(shapes, data=None, summarize=None, message=None, name=None):
    if isinstance(shapes, dict):
        shapes = shapes.items()
    prefix = _message_prefix(message)
    constraints = [(_tf.convert_to_tensor(x), s) for x, s in shapes if s is not None]
    sizes_of = []
    for t, symbolic in constraints:
        if not _iterable(symbolic):
            raise ValueError(
                "%sTensor %s.  Specified shape must be an iterable.  An iterable has the "
                "attribute `__iter__` or `__getitem__`.  Received specified shape: %s"
                % (prefix, _shape_and_dtype_str(t), symbolic))
        symbolic = tuple(symbolic)
        innermost = False
        for i, symbol in enumerate(symbolic):
            if symbol is not Ellipsis and symbol != "*":
                continue
            if i != 0:
                raise ValueError(
                    "%sTensor %s specified shape index %d.  Symbol `...` or `*` for a "
                    "variable number of unspecified dimensions is only allowed as the "
                    "first entry" % (prefix, _shape_and_dtype_str(t), i))
            innermost = True
        actual = (1,) if t.shape.rank == 0 else tuple(t.shape.as_list())
        wanted = symbolic[1:] if innermost else symbolic
        if not wanted:
            wanted = (1,)
        sizes_of.append((t, innermost, actual, wanted))
    for t, innermost, actual, wanted in sizes_of:
        rank = len(wanted)
        if innermost:
            if rank in (0, 1):
                continue
            assert_rank_at_least(t, rank, message=message)
        elif rank in (0, 1):
            assert_rank_in(t, [0, 1], message=message)
        else:
            assert_rank(t, rank, message=message)
    specified = {}
    for t, innermost, actual, wanted in sizes_of:
        for i, symbol in enumerate(wanted):
            if symbol is None or symbol == ".":
                continue
            dim = i - len(wanted) if innermost else i
            if symbol in specified or _has_known_value(symbol):
                if _has_known_value(symbol):
                    size = int(symbol)
                    how = "Specified explicitly"
                else:
                    size, by, at = specified[symbol]
                    how = "Specified by tensor %s dimension %d" % (_shape_and_dtype_str(by), at)
                if actual[dim] != size:
                    raise ValueError(
                        "%s%s.  Tensor %s dimension %s must have size %d.  Received size %d, "
                        "shape %s" % (prefix, how, _shape_and_dtype_str(t), dim, size,
                                      actual[dim], t.shape))
            else:
                specified[symbol] = (actual[dim], t, dim)
    return None


def _op_suffix(value, x, floating):
    # TensorFlow's eager fast path leaves the trailing " name: " off for some inputs.
    if isinstance(value, (_tf.Tensor, _tf.Variable, int, float)):
        return " name: "
    if isinstance(value, (list, tuple)):
        return ""
    return "" if floating else " name: "


def _check_numerics_dtype(value, x):
    if x.dtype.name not in ("bfloat16", "float16", "float32", "float64"):
        raise _invalid(
            "Value for attr 'T' of %s is not in the list of allowed values: bfloat16, half, "
            "float, double\n\t; NodeDef: {{node CheckNumerics}}; Op<name=CheckNumerics; "
            "signature=tensor:T -> output:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, "
            "DT_FLOAT, DT_DOUBLE]; attr=message:string; is_stateful=true> "
            "[Op:CheckNumerics]%s" % (x.dtype.name, _op_suffix(value, x, False)))


def check_numerics(tensor, message, name=None):
    x = _tf.convert_to_tensor(tensor)
    _check_numerics_dtype(tensor, x)
    has_nan = bool(_tf.reduce_any(_tf.math.is_nan(x)))
    has_inf = bool(_tf.reduce_any(_tf.math.is_inf(x)))
    if has_nan or has_inf:
        what = "Inf and NaN" if has_nan and has_inf else ("NaN" if has_nan else "Inf")
        raise _invalid("%s%s : Tensor had %s values [Op:CheckNumerics]%s"
                       % (_CHECK_NUMERICS, message, what, _op_suffix(tensor, x, True)))
    return _tf.identity(x)


def assert_all_finite(x, message, name=None):
    return check_numerics(x, message)


def assert_proper_iterable(values):
    if isinstance(values, (_tf.Tensor, _np.ndarray, str, bytes)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: %s'
                        % type(values))
    if not _iterable(values):
        raise TypeError('Expected argument "values" to be iterable.  Found: %s'
                        % type(values))


def is_numeric_tensor(tensor):
    return isinstance(tensor, _tf.Tensor) and tensor.dtype.name in (
        "float16", "float32", "float64", "bfloat16", "int8", "int16", "int32", "int64",
        "uint8", "uint16", "uint32", "uint64", "complex64", "complex128", "qint8",
        "qint16", "qint32", "quint8", "quint16")


def assert_same_float_dtype(tensors=None, dtype=None):
    if tensors:
        expected = dtype
        first = None
        for item in tensors:
            if item is None:
                continue
            if not expected:
                expected = item.dtype
                first = item
            elif expected != item.dtype:
                raise ValueError("%s, type=%s, must be of the same type (%s)%s."
                                 % (item, item.dtype, expected,
                                    (" as %s" % first) if first is not None else ""))
        dtype = expected
    if not dtype:
        dtype = _tf.float32
    elif not dtype.is_floating:
        raise ValueError("Expected floating point type, got %s." % dtype)
    return dtype


_state = {"log_device_placement": False, "traceback_filtering": True}


def set_log_device_placement(enabled):
    _state["log_device_placement"] = bool(enabled)


def get_log_device_placement():
    return _state["log_device_placement"]


def enable_check_numerics(stack_height_limit=30, path_length_limit=50):
    return None


def disable_check_numerics():
    return None


def enable_traceback_filtering():
    _state["traceback_filtering"] = True


def disable_traceback_filtering():
    _state["traceback_filtering"] = False


def is_traceback_filtering_enabled():
    return _state["traceback_filtering"]


def enable_dump_debug_info(dump_root, tensor_debug_mode="NO_TENSOR", circular_buffer_size=1000,
                           op_regex=None, tensor_dtypes=None):
    return None


def disable_dump_debug_info():
    return None
