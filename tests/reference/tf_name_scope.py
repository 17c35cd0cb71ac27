# tf.name_scope in eager mode: the scope names it returns and what it does to
# variable names; tf.Variable's name= rules.
import tensorflow as tf
ns = tf.name_scope('a')
ns.name
type(ns).__name__
with tf.name_scope('a') as s:
  print(repr(s))
  with tf.name_scope('b') as s2:
    print(repr(s2))
    v = tf.Variable(1.0, name='w')
    print(v.name)
    print(tf.add(tf.constant(1.0), 1.0, name='y'))
  with tf.name_scope('b/') as s3:
    print(repr(s3))
    print(tf.Variable(1.0, name='abs').name)
  print(tf.Variable(1.0).name)
with tf.name_scope('') as s5:
  print(repr(s5))
  print(tf.Variable(1.0, name='q').name)
with tf.name_scope('a'):
  with tf.name_scope(''):
    print(tf.Variable(1.0, name='r').name)
with tf.name_scope(None) as s4:
  print(repr(s4))
with tf.name_scope('a b') as s:
  print(s)
with tf.name_scope('-x') as s:
  print(s)
with tf.name_scope(5) as s:
  print(s)
tf.name_scope()
tf.name_scope(b'bytes')
with tf.name_scope('a'):
  with tf.name_scope('a'):
    print(tf.Variable(2, name='v').name)
with tf.name_scope('dense') as scope:
  pass
scope
ns = tf.name_scope('z')
ns.__enter__()
tf.Variable(3.0, name='k').name
ns.__exit__(None, None, None)
tf.Variable(3.0, name='k').name
with tf.name_scope('outer'):
  print(tf.Variable(1.0).name)
  print(tf.Variable(1.0, name='w/').name)
  print(tf.Variable(1.0, name='').name)
  try:
    with tf.name_scope('inner'):
      raise ValueError('inside')
  except ValueError as e:
    print('caught', e)
  print(tf.Variable(1.0, name='after').name)
tf.Variable(1.0, name='after').name
with tf.name_scope("ok") as s:
  m = tf.Module(name="mm")
  print(m.name_scope.name)
  print(m.name)
def layer(x, name=None):
  with tf.name_scope(name or 'layer') as scope:
    w = tf.Variable(tf.ones([2, 2]), name='kernel')
    return w.name, scope
layer(1)
layer(1, 'custom')
print(tf.name_scope.__name__)

# tf.Variable names
tf.Variable(1.0).name
tf.Variable(1.0, name='a b').name
tf.Variable(1.0, name='a/b').name
tf.Variable(1.0, name='a:0').name
tf.Variable(1.0, name='').name
tf.Variable(1.0, name=5).name
tf.Variable(1.0, name=None).name
tf.Variable([1, 2], name='ints')
tf.Variable(1.0, name='x').name
tf.Variable(1.0, name='x').name
