import tensorflow as tf
x = tf.constant([1, 2, 3])
print('total: {}'.format(tf.reduce_sum(x)))
print('v: {}'.format(x))
print(f'{tf.constant(2.5)}')
print(f'{tf.constant(2.5):.3f}')
print('{:>8}'.format(tf.constant(7)))
print('{}'.format(tf.Variable(1.5)))
print(f'{tf.Variable([1.0, 2.0])}')
try:
    print(f'{x:.2f}')
except TypeError as e:
    print(e)
print(tf.config.list_physical_devices('GPU'))
print(tf.config.list_physical_devices())
print(tf.config.list_physical_devices('CPU'))
print(tf.config.list_logical_devices())
print(tf.config.experimental.list_physical_devices('GPU'))
print(len(tf.config.list_physical_devices('GPU')) > 0)
gpus = tf.config.list_physical_devices('GPU')
for g in gpus:
    tf.config.experimental.set_memory_growth(g, True)
cpus = tf.config.list_physical_devices('CPU')
print(cpus[0].name, cpus[0].device_type)
print(repr(cpus[0]))
tf.config.set_visible_devices([], 'GPU')
print(tf.config.get_visible_devices())
print(tf.config.threading.get_inter_op_parallelism_threads())
try:
    tf.config.threading.set_intra_op_parallelism_threads(2)
except RuntimeError as e:
    print(e)
print(tf.config.threading.get_intra_op_parallelism_threads())
print(tf.test.is_built_with_cuda())
print(tf.test.gpu_device_name())
print(tf.__version__)
print(tf.executing_eagerly())
with tf.device('/CPU:0'):
    y = x + 1
print(y, y.device)
with tf.device('/GPU:0'):
    z = x * 2
print(z, z.device)
print(x.device)
print(tf.config.experimental.get_memory_growth(cpus[0]) if False else 'skip')
try:
    tf.config.experimental.set_memory_growth(cpus[0], True)
except ValueError as e:
    print(e)

print(tf.version.VERSION)
print(tf.sysconfig.get_build_info()['is_cuda_build'])
print(sorted(tf.sysconfig.get_build_info().items()))
print(tf.version.GIT_VERSION, tf.version.COMPILER_VERSION)
print(tf.config.experimental.enable_op_determinism())
print(tf.config.functions_run_eagerly())
tf.config.run_functions_eagerly(True)
print(tf.config.functions_run_eagerly())
tf.config.run_functions_eagerly(False)
print(tf.config.get_soft_device_placement())
d = tf.device('/GPU:0')
print(type(d).__name__)
try:
    with tf.device('nonsense'):
        pass
except Exception as e:
    print(type(e).__name__, e)
print(tf.config.list_physical_devices('TPU'))
try:
    tf.config.list_physical_devices('XPU2')
except Exception as e:
    print(type(e).__name__, e)
print(tf.config.list_logical_devices('GPU'))
p = tf.config.list_physical_devices('CPU')[0]
print(p == tf.config.list_physical_devices()[0], p[0], p[1], len(p), tuple(p))
print(tf.config.experimental.get_device_details(p))
tf.config.set_visible_devices(p, 'CPU')
print(tf.config.get_visible_devices('CPU'))
try:
    tf.config.set_visible_devices([], 'CPU')
except Exception as e:
    print(type(e).__name__, e)
try:
    tf.config.experimental.get_memory_growth(p)
except Exception as e:
    print(type(e).__name__, e)
print(tf.config.threading.get_inter_op_parallelism_threads())
print('{} and {}'.format(tf.constant([[1.5, 2.0], [3.0, 4.25]]), tf.constant(True)))
print(f'{tf.constant(3)}/{tf.constant(7):03d}/{tf.constant(0.1, tf.float64)}')
print('{:>10}|'.format(tf.constant(1.25)))
print('{:.1%}'.format(tf.constant(0.256)))
