# tf.config, tf.device, tf.test, tf.sysconfig and tf.version: TensorFlow 2.15 on a machine
# with one CPU and no GPU, which is what tensh is. Natives: _initialized() tells whether
# the eager context has started (TensorFlow starts it at the first op or device listing),
# _start() starts it.


from collections import namedtuple

PhysicalDevice = namedtuple("PhysicalDevice", ["name", "device_type"])
LogicalDevice = namedtuple("LogicalDevice", ["name", "device_type"])


class LogicalDeviceConfiguration:
    def __init__(self, memory_limit=None, experimental_priority=None,
                 experimental_device_ordinal=None):
        self.memory_limit = memory_limit
        self.experimental_priority = experimental_priority
        self.experimental_device_ordinal = experimental_device_ordinal

    def __repr__(self):
        return ("LogicalDeviceConfiguration(memory_limit=%r, experimental_priority=%r, "
                "experimental_device_ordinal=%r)" % (self.memory_limit,
                self.experimental_priority, self.experimental_device_ordinal))


_CPU = PhysicalDevice('/physical_device:CPU:0', 'CPU')
_state = {'visible': [_CPU], 'inter': 0, 'intra': 0, 'eager_functions': False,
          'soft_placement': True}


def _of_type(devices, device_type):
    if device_type is None:
        return list(devices)
    return [d for d in devices if d.device_type == device_type]


def list_physical_devices(device_type=None):
    return _of_type([_CPU], device_type)


def list_logical_devices(device_type=None):
    _start()
    logical = [LogicalDevice('/device:CPU:0', 'CPU')]
    return _of_type(logical, device_type)


def get_visible_devices(device_type=None):
    return _of_type(_state['visible'], device_type)


def set_visible_devices(devices, device_type=None):
    if isinstance(devices, PhysicalDevice):
        devices = [devices]
    devices = list(devices)
    for d in devices:
        if d not in [_CPU]:
            raise ValueError("Unrecognized device: %s" % repr(d))
    kept = [d for d in _state['visible']
            if device_type is not None and d.device_type != device_type]
    wanted = kept + [d for d in devices if device_type is None or d.device_type == device_type]
    if sorted(wanted) == sorted(_state['visible']):
        return
    if _initialized():
        raise RuntimeError("Visible devices cannot be modified after being initialized")
    _state['visible'] = wanted


def get_memory_growth(device):
    if device not in [_CPU]:
        raise ValueError("Unrecognized device: %s" % repr(device))
    raise KeyError(device)


def set_memory_growth(device, enable):
    if device not in [_CPU]:
        raise ValueError("Unrecognized device: %s" % repr(device))
    raise ValueError("Cannot set memory growth on non-GPU and non-Pluggable devices")


def get_device_details(device):
    if device not in [_CPU]:
        raise ValueError("Unrecognized device: %s" % repr(device))
    return {}


def get_logical_device_configuration(device):
    return None


def set_logical_device_configuration(device, logical_devices):
    if _initialized():
        raise RuntimeError("Virtual devices cannot be modified after being initialized")


def enable_op_determinism():
    # tensh's ops are deterministic already.
    return None


def run_functions_eagerly(run_eagerly):
    _state['eager_functions'] = bool(run_eagerly)


def functions_run_eagerly():
    return _state['eager_functions']


def get_soft_device_placement():
    return _state['soft_placement']


def set_soft_device_placement(enabled):
    _state['soft_placement'] = bool(enabled)


def get_inter_op_parallelism_threads():
    return _state['inter']


def set_inter_op_parallelism_threads(num_threads):
    if _initialized():
        raise RuntimeError("Inter op parallelism cannot be modified after initialization.")
    _state['inter'] = num_threads


def get_intra_op_parallelism_threads():
    return _state['intra']


def set_intra_op_parallelism_threads(num_threads):
    if _initialized():
        raise RuntimeError("Intra op parallelism cannot be modified after initialization.")
    _state['intra'] = num_threads


def _check_device_spec(spec):
    # TensorFlow's DeviceSpec.from_string: '/job:x/replica:0/task:0/device:CPU:0',
    # '/CPU:0', 'GPU:1', 'cpu', '' ...
    for part in spec.split('/'):
        if not part:
            continue
        fields = part.split(':')
        key = fields[0].lower()
        if key in ('job', 'replica', 'task', 'device') and len(fields) >= 2:
            continue
        if key in ('cpu', 'gpu', 'tpu') and len(fields) <= 2:
            continue
        raise ValueError("Unknown attribute '%s' is encountered while parsing the device spec: '%s'." % (part, spec))


class _EagerDeviceContext:
    def __init__(self, name):
        self._name = name

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def device(device_name):
    if device_name is not None and not callable(device_name):
        _check_device_spec(str(device_name))
    return _EagerDeviceContext(device_name)


def executing_eagerly():
    return not _tracing()


def is_gpu_available(cuda_only=False, min_cuda_compute_capability=None):
    return False


def is_built_with_cuda():
    return False


def is_built_with_rocm():
    return False


def is_built_with_gpu_support():
    return False


def is_built_with_xla():
    return True


def gpu_device_name():
    return ''


def get_build_info():
    return {'is_cuda_build': False, 'is_rocm_build': False, 'is_tensorrt_build': False}
