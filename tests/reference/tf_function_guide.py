import tensorflow as tf
@tf.function
def my_relu(x):
  return tf.maximum(0., x)
print(my_relu(tf.constant(5.5)))
print(my_relu([1, -1]))
print(my_relu(tf.constant([3., -3.])))
print(my_relu.pretty_printed_concrete_signatures())
@tf.function
def pw(a, b):
  return a ** b
square = pw.get_concrete_function(a=tf.TensorSpec(None, tf.float32), b=2)
print(square)
print(square(tf.constant(3.0)))
c = my_relu.get_concrete_function(tf.constant(1.0))
print(c.structured_input_signature)
print(c.structured_outputs)
print(c.inputs, c.outputs)
tf.config.run_functions_eagerly(True)
@tf.function
def get_MSE(y_true, y_pred):
  print("Calculating MSE!")
  return tf.reduce_mean(tf.pow(y_true - y_pred, 2))
print(get_MSE(tf.constant([1., 2.]), tf.constant([2., 2.])))
print(get_MSE(tf.constant([1., 2.]), tf.constant([2., 2.])))
tf.config.run_functions_eagerly(False)
print(get_MSE(tf.constant([1., 2.]), tf.constant([2., 2.])))
print(get_MSE(tf.constant([1., 2.]), tf.constant([2., 2.])))
def simple_relu(x):
  if tf.greater(x, 0):
    return x
  else:
    return 0
tf_simple_relu = tf.function(simple_relu)
print("First branch, with graph:", tf_simple_relu(tf.constant(1)).numpy())
print("Second branch, with graph:", tf_simple_relu(tf.constant(-1)).numpy())
@tf.function
def add(a, b):
  return a + b
v = tf.Variable(1.0)
with tf.GradientTape() as tape:
  result = add(v, 1.0)
print(tape.gradient(result, v))
@tf.function
def dense_layer(x, w, b):
  return add(tf.matmul(x, w), b)
print(dense_layer(tf.ones([3, 2]), tf.ones([2, 2]), tf.ones([2])))
f1 = add.get_concrete_function(1, 2)
f2 = add.get_concrete_function(2, 2)
print(f1 is f2)
print(f1())
@tf.function
def fizzcount(n):
  fizz = 0
  buzz = 0
  other = tf.constant(0)
  for i in tf.range(1, n + 1):
    print('Tracing for loop')
    if i % 15 == 0:
      print('Tracing fizzbuzz branch')
      fizz += 1
      buzz += 1
    elif i % 3 == 0:
      print('Tracing fizz branch')
      fizz += 1
    elif i % 5 == 0:
      print('Tracing buzz branch')
      buzz += 1
    else:
      print('Tracing default branch')
      other += i
  return fizz, buzz, other
print(fizzcount(tf.constant(5)))
print(fizzcount(tf.constant(20)))
print(fizzcount.experimental_get_tracing_count())

@tf.function
def early(x):
  if tf.reduce_max(x) > 10.0:
    return tf.constant(-1.0)
  return tf.reduce_sum(x)

print(early(tf.constant([1.0, 2.0])), early(tf.constant([11.0, 2.0])))

@tf.function
def clip_loop(x):
  while tf.reduce_sum(x) > 1.0:
    x = x / 2.0
  return x
print(clip_loop(tf.constant([4.0, 4.0])))
print(clip_loop(tf.constant([0.25, 0.25])))
@tf.function
def f(x):
    return tf.cond(x > 0, lambda: x * 2, lambda: -x)
print(f(tf.constant(3.0)), f(tf.constant(-4.0)))
@tf.function
def g(n):
    i, s = tf.while_loop(lambda i, s: i < n, lambda i, s: (i + 1, s + i), [0, 0])
    return s
print(g(tf.constant(5)), g(tf.constant(10)))
@tf.function
def h(xs):
    return tf.map_fn(lambda t: t * 2, xs)
print(h(tf.constant([1., 2.])))

@tf.function
def pair_loop(n):
    a, b = tf.constant(0), tf.constant(1)
    for _ in tf.range(n):
        a, b = b, a + b
    return a
print(pair_loop(tf.constant(10)), pair_loop(tf.constant(20)))
