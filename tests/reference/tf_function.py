import tensorflow as tf
import numpy as np

@tf.function
def f(x):
    print("Traced with", x)
    return x + 1

print(f(1))
print(f(1))
print(f(2))
print(f(tf.constant(1)))
print(f(tf.constant(2)))
print(f(tf.constant(2.0)))
print(f(tf.constant([1, 2])))
print(f(np.array([1., 2.])))
print(f(np.array([3., 4.])))
print(f.experimental_get_tracing_count())
print(f.__name__, f.python_function.__name__)

@tf.function
def g(x, y):
    z = tf.matmul(x, y)
    print(z)
    print(z.shape, z.dtype, z.name)
    w = tf.nn.relu(z) * 2.0 + 1.0
    print(w)
    s = tf.reduce_sum(w, axis=1)
    print(repr(s))
    return w, s

print(g(tf.ones([2, 3]), tf.ones([3, 2])))
print(g(tf.fill([2, 3], 2.0), tf.ones([3, 2])))

@tf.function
def h(x):
    try:
        x.numpy()
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        np.sum(x)
    except NotImplementedError as e:
        print("NotImplementedError:", e)
    print(len(x), x.shape[0], x.ndim)
    print(float(x[0]), int(x[0]))
    return x
print(h(tf.constant([1., 2.])))

out = []
counter = 0
@tf.function
def side(x):
    global counter
    counter += 1
    out.append(x)
    return x * 2 + counter
print(side(tf.constant(1.0)), side(tf.constant(2.0)), counter)
print(out)

@tf.function(input_signature=[tf.TensorSpec(shape=[None], dtype=tf.float32)])
def k(x):
    print("tracing k", x)
    y = x * 2
    print(y)
    return y
print(k(tf.constant([1., 2.])))
print(k(tf.constant([1., 2., 3.])))
print(k([4., 5.]))
k(tf.constant([1, 2]))
print(k.experimental_get_tracing_count())

c = f.get_concrete_function(tf.TensorSpec(shape=[None], dtype=tf.int32))
print(c)
print(c(tf.constant([5, 6])))

@tf.function
def loop(n):
    s = tf.constant(0)
    for i in tf.range(n):
        s += i
    return s
print(loop(tf.constant(5)))
print(loop(tf.constant(10)))
print(loop.experimental_get_tracing_count())

@tf.function
def sign(x):
    if x > 0:
        y = x
    else:
        y = -x
    return y
print(sign(tf.constant(3)), sign(tf.constant(-3)))
print(sign.experimental_get_tracing_count())

@tf.function
def both(x):
    if tf.reduce_sum(x) > 0:
        print("then branch traced")
        return x * 10.0
    else:
        print("else branch traced")
        return x - 10.0
print(both(tf.constant([1., 2.])))
print(both(tf.constant([-1., -2.])))

@tf.function
def collatz(n):
    steps = 0
    while n > 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
print(collatz(tf.constant(6)), collatz(tf.constant(27)))

v = tf.Variable(1.0)
@tf.function
def bump(x):
    v.assign_add(x)
    return v * 2
print(bump(tf.constant(1.0)), bump(tf.constant(2.0)), v)
v.assign(10.0)
print(bump(tf.constant(0.5)))

@tf.function
def pyargs(a, b=2, *rest, **kw):
    print("pyargs", a, b, rest, kw)
    return a * b
print(pyargs(tf.constant(1)), pyargs(a=tf.constant(1)), pyargs(tf.constant(1), 3), pyargs(tf.constant(1), b=3))
print(pyargs.experimental_get_tracing_count())

@tf.function(reduce_retracing=True)
def relaxed(x):
    print("relaxed", x)
    return tf.reduce_sum(x)
print(relaxed(tf.ones([2])), relaxed(tf.ones([3])), relaxed(tf.ones([4])))
print(relaxed.experimental_get_tracing_count())

class Scale:
    def __init__(self, s):
        self.s = s
    @tf.function
    def __call__(self, x):
        print("Scale trace")
        return x * self.s
sc = Scale(3.0)
print(sc(tf.constant(2.0)), sc(tf.constant(4.0)))

@tf.function
def eager_inside(x):
    print("eager inside:", tf.executing_eagerly())
    return x
eager_inside(tf.constant(1))
print("eager outside:", tf.executing_eagerly())
