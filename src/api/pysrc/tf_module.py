# tf.Module and tf.name_scope as TensorFlow 2.15 runs them eagerly. The eager context's
# scope name lives in the runtime (_get_scope/_set_scope), where tf.Variable reads it.
import tensorflow as _tf


class name_scope_v2:
    __module__ = "tensorflow.python.framework.ops"

    def __init__(self, name):
        if not isinstance(name, str):
            raise ValueError("name for name_scope must be a string.")
        self._name = name
        self._exit_fns = []

    @property
    def name(self):
        return self._name

    def __enter__(self):
        old = _get_scope()
        name = self._name
        if not name:
            scope_name = ""
        elif name[-1] == "/":
            scope_name = name
        elif old:
            scope_name = old + name + "/"
        else:
            scope_name = name + "/"
        _set_scope(scope_name)
        self._exit_fns.append(old)
        return scope_name

    def __exit__(self, type_arg, value_arg, traceback_arg):
        _set_scope(self._exit_fns.pop())
        return False


_IDENT_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_IDENT_REST = _IDENT_START + "0123456789"


def _valid_identifier(name):
    if not isinstance(name, (str, bytes)):
        raise TypeError("expected string or bytes-like object, got '%s'" % type(name).__name__)
    if isinstance(name, bytes):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    if name.endswith("\n"):
        name = name[:-1]
    if not name or name[0] not in _IDENT_START:
        return False
    return all(c in _IDENT_REST for c in name)


def _camel_to_snake(value):
    lower = "abcdefghijklmnopqrstuvwxyz"
    upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = []
    for i, c in enumerate(value):
        if c in upper and i > 0:
            after_lower_or_digit = value[i - 1] in lower or value[i - 1] in "0123456789"
            before_lower = i + 1 < len(value) and value[i + 1] in lower
            if after_lower_or_digit or before_lower:
                out.append("_")
        out.append(c)
    return "".join(out).lower()


def _is_keras_layer(x):
    return isinstance(x, _tf.keras.layers.Layer)


def _is_module(x):
    # Keras layers and models count as modules too.
    return isinstance(x, Module)


def _is_variable(x):
    return isinstance(x, _tf.Variable)


def _is_trainable_variable(x):
    return _is_variable(x) and x.trainable


def _is_non_trainable_variable(x):
    return _is_variable(x) and not x.trainable


def _leaves(value, path):
    # nest.flatten_with_tuple_paths: dicts by sorted key, sequences in order.
    if isinstance(value, dict):
        out = []
        for k in sorted(value):
            out.extend(_leaves(value[k], path + (k,)))
        return out
    if isinstance(value, (list, tuple)):
        out = []
        for i, v in enumerate(value):
            out.extend(_leaves(v, path + (i,)))
        return out
    return [(path, value)]


def _attributes(module):
    if not _is_keras_layer(module):
        return vars(module)
    # A Keras layer: its weights, then the layers it holds.
    return {"_self_tracked_trackables": list(getattr(module, "layers", [])),
            "_trainable_weights": list(module.weights)}


_IGNORED = ("_self_unconditional_checkpoint_dependencies",
            "_self_unconditional_dependency_names")


def _flatten_module(module, recursive, predicate, attribute_traversal_key, with_path,
                    module_path, seen, recursion_stack):
    module_id = id(module)
    if module_id in recursion_stack:
        recursive = False
    module_dict = _attributes(module)
    submodules = []
    out = []
    for key in sorted(module_dict, key=attribute_traversal_key):
        if key in _IGNORED:
            continue
        for leaf_path, leaf in _leaves(module_dict[key], (key,)):
            if not with_path:
                leaf_id = id(leaf)
                if leaf_id in seen:
                    continue
                seen.add(leaf_id)
            if predicate(leaf):
                out.append((module_path + leaf_path, leaf) if with_path else leaf)
            if recursive and _is_module(leaf):
                submodules.append((module_path + leaf_path, leaf))
    recursion_stack.append(module_id)
    for submodule_path, submodule in submodules:
        out.extend(_flatten_module(submodule, recursive, predicate, attribute_traversal_key,
                                   with_path, submodule_path, seen, recursion_stack))
    recursion_stack.pop()
    return out


class Module:
    __module__ = "tensorflow.python.module.module"

    def __init__(self, name=None):
        if name is None:
            name = _camel_to_snake(type(self).__name__)
        elif not _valid_identifier(name):
            raise ValueError(
                "%r is not a valid module name. Module names must be valid Python "
                "identifiers (e.g. a valid class name)." % name)
        self._name = name
        with name_scope_v2(name) as scope_name:
            self._name_scope = name_scope_v2(scope_name)

    @property
    def name(self):
        return self._name

    @property
    def name_scope(self):
        return self._name_scope

    @property
    def variables(self):
        return tuple(self._flatten(predicate=_is_variable, expand_composites=True))

    @property
    def trainable_variables(self):
        return tuple(self._flatten(predicate=_is_trainable_variable, expand_composites=True))

    @property
    def non_trainable_variables(self):
        return tuple(self._flatten(predicate=_is_non_trainable_variable,
                                   expand_composites=True))

    @property
    def submodules(self):
        return tuple(self._flatten(predicate=_is_module))

    def _flatten(self, recursive=True, predicate=None, attribute_traversal_key=None,
                 with_path=False, expand_composites=False):
        if predicate is None:
            predicate = lambda _: True
        return _flatten_module(self, recursive, predicate, attribute_traversal_key,
                               with_path, (), {id(self)}, [])

    @classmethod
    def with_name_scope(cls, method):
        def method_with_name_scope(self, *args, **kwargs):
            with self.name_scope:
                return method(self, *args, **kwargs)
        method_with_name_scope.__name__ = method.__name__
        method_with_name_scope.__qualname__ = method.__qualname__
        method_with_name_scope.__doc__ = method.__doc__
        return method_with_name_scope
