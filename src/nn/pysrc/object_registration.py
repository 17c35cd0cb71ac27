# Keras's registry of custom objects (keras.src.saving.object_registration): the objects
# `register_keras_serializable` registered, and those a `custom_object_scope` adds while
# it is active. Classes with a native Keras base (layers, models) have `get_config`.
# `_is_class` and `_native_based` are given by tensh (`registration.rs`).

_GLOBAL_CUSTOM_OBJECTS = {}
_GLOBAL_CUSTOM_NAMES = []
_THREAD_LOCAL_CUSTOM_OBJECTS = {}


class CustomObjectScope:
    def __init__(self, *args):
        self.custom_objects = args
        self.backup = None

    def __enter__(self):
        self.backup = dict(_THREAD_LOCAL_CUSTOM_OBJECTS)
        for objects in self.custom_objects:
            _THREAD_LOCAL_CUSTOM_OBJECTS.update(objects)
        return self

    def __exit__(self, *args, **kwargs):
        _THREAD_LOCAL_CUSTOM_OBJECTS.clear()
        _THREAD_LOCAL_CUSTOM_OBJECTS.update(self.backup)


custom_object_scope = CustomObjectScope


def get_custom_objects():
    return _GLOBAL_CUSTOM_OBJECTS


def register_keras_serializable(package="Custom", name=None):
    def decorator(arg):
        class_name = name if name is not None else arg.__name__
        registered_name = package + ">" + class_name
        if _is_class(arg) and not (
            hasattr(arg, "get_config") or _native_based(arg)
        ):
            raise ValueError(
                "Cannot register a class that does not have a "
                "get_config() method."
            )
        _GLOBAL_CUSTOM_OBJECTS[registered_name] = arg
        for i, (obj, _) in enumerate(_GLOBAL_CUSTOM_NAMES):
            if obj is arg:
                _GLOBAL_CUSTOM_NAMES[i] = (arg, registered_name)
                return arg
        _GLOBAL_CUSTOM_NAMES.append((arg, registered_name))
        return arg

    return decorator


def get_registered_name(obj):
    for known, registered in _GLOBAL_CUSTOM_NAMES:
        if known is obj:
            return registered
    return obj.__name__


def get_registered_object(name, custom_objects=None, module_objects=None):
    if name in _THREAD_LOCAL_CUSTOM_OBJECTS:
        return _THREAD_LOCAL_CUSTOM_OBJECTS[name]
    elif name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    elif custom_objects and name in custom_objects:
        return custom_objects[name]
    elif module_objects and name in module_objects:
        return module_objects[name]
    return None
