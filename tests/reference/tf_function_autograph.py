# AutoGraph inside tf.function: break and continue in loops over tensors, `not`, `and`,
# `or` and conditional expressions on tensors, TensorArray carried through loops, and
# TensorFlow's error for a return inside such a loop.
import tensorflow as tf

@tf.function
def odd_sum(n):
    s = tf.constant(0)
    for i in tf.range(n):
        if i % 2 == 0:
            continue
        if i > 7:
            break
        s += i
    return s

print(odd_sum(tf.constant(20)))
print(odd_sum(tf.constant(5)))
print(odd_sum(tf.constant(0)))

@tf.function
def doubling(x):
    i = tf.constant(0)
    while i < 10:
        i += 1
        if tf.reduce_sum(x) > 100.0:
            break
        x = x * 2.0
    return x, i

print(doubling(tf.constant([1.0, 2.0])))
print(doubling(tf.constant([1000.0, 2.0])))

@tf.function
def capped(x):
    total = 0.0
    for v in x:
        if v < 0:
            continue
        total += v
        if total > 5:
            break
    return total

print(capped(tf.constant([1.0, -2.0, 3.0, 4.0, 5.0])))
print(capped(tf.constant([-1.0, -2.0])))

@tf.function
def logic(x):
    y = x if x > 0 else -x
    z = (x > 0) or (x < -5)
    w = (x > -10) and (x < 10) and (x != 0)
    return y, z, not z, w

print(logic(tf.constant(-3)))
print(logic(tf.constant(-7)))
print(logic(tf.constant(2)))
print(logic(tf.constant(0)))

@tf.function
def triangle(n):
    c = 0
    for i in tf.range(n):
        for j in tf.range(n):
            if j > i:
                break
            c += 1
    return c

print(triangle(tf.constant(4)))

@tf.function
def collatz(x):
    n = 0
    while x > 1:
        x = tf.where(x % 2 == 0, x // 2, 3 * x + 1)
        n += 1
    return n

print(collatz(tf.constant(27)))

@tf.function
def skip_python_flag(x, skip_negative=True):
    out = tf.constant(0.0)
    for v in x:
        if skip_negative:
            if v < 0:
                continue
        out += v
    return out

print(skip_python_flag(tf.constant([1.0, -2.0, 3.0])))
print(skip_python_flag(tf.constant([1.0, -2.0, 3.0]), False))

@tf.function
def doubled(x):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    for i in tf.range(tf.shape(x)[0]):
        ta = ta.write(i, x[i] * 2.0)
    return ta.stack()

print(doubled(tf.constant([1.0, 2.0, 3.0])))

@tf.function
def fib():
    ta = tf.TensorArray(tf.int32, size=10)
    a, b = 0, 1
    for i in range(10):
        ta = ta.write(i, a)
        a, b = b, a + b
    return ta.stack()

print(fib())

@tf.function
def rnn(xs):
    state = tf.zeros([2])
    outs = tf.TensorArray(tf.float32, size=tf.shape(xs)[0])
    for t in tf.range(tf.shape(xs)[0]):
        state = tf.tanh(xs[t] + state)
        outs = outs.write(t, state)
    return outs.stack(), state

print(rnn(tf.ones([3, 2])))

@tf.function
def squares(x):
    ta = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    i = 0
    while i < 4:
        ta = ta.write(i, i * i)
        i += 1
    return ta.stack(), ta.size()

print(squares(tf.constant(1)))

@tf.function
def parts(x):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.unstack(x)
    ta2 = tf.TensorArray(tf.float32, size=2, element_shape=[2])
    ta2 = ta2.write(0, [1.0, 2.0])
    return ta.size(), ta.read(1), ta2.stack(), ta.gather([0, 2]), ta.concat()

print(parts(tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])))

@tf.function
def until_negative(x):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    k = 0
    for v in x:
        if v < 0:
            break
        ta = ta.write(k, v)
        k += 1
    return ta.stack()

print(until_negative(tf.constant([3.0, 1.0, -1.0, 4.0])))

@tf.function
def too_many(n):
    ta = tf.TensorArray(tf.float32, size=3)
    for i in tf.range(n):
        ta = ta.write(i, tf.cast(i, tf.float32))
    return ta.stack()

print(too_many(tf.constant(3)))
try:
    too_many(tf.constant(5))
except tf.errors.InvalidArgumentError as e:
    print(type(e).__name__)

@tf.function
def first_negative(x):
    for v in x:
        if v < 0:
            return v
    return tf.constant(0.0)

try:
    first_negative(tf.constant([1.0, -2.0, 3.0]))
except NotImplementedError as e:
    print(type(e).__name__, 'a return statement cannot be placed inside this TensorFlow loop' in str(e))

ta = tf.TensorArray(tf.float32, size=2)
ta = ta.write(0, 1.0)
print(ta.stack())
print(ta.size())
