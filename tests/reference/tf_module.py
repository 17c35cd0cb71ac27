# tf.Module as the "Introduction to modules" guide uses it: subclassing, variable and
# submodule tracking, names, name scopes, checkpoints.
import tensorflow as tf

class SimpleModule(tf.Module):
  def __init__(self, name=None):
    super().__init__(name=name)
    self.a_variable = tf.Variable(5.0, name="train_me")
    self.non_trainable_variable = tf.Variable(5.0, trainable=False, name="do_not_train_me")
  def __call__(self, x):
    return self.a_variable * x + self.non_trainable_variable

simple_module = SimpleModule(name="simple")
simple_module(tf.constant(5.0))
print("trainable variables:", simple_module.trainable_variables)
print("all variables:", simple_module.variables)
simple_module.non_trainable_variables
simple_module.name
simple_module.name_scope.name
SimpleModule().name

class Dense(tf.Module):
  def __init__(self, in_features, out_features, name=None):
    super().__init__(name=name)
    self.w = tf.Variable(tf.ones([in_features, out_features]), name='w')
    self.b = tf.Variable(tf.zeros([out_features]), name='b')
  def __call__(self, x):
    y = tf.matmul(x, self.w) + self.b
    return tf.nn.relu(y)

class SequentialModule(tf.Module):
  def __init__(self, name=None):
    super().__init__(name=name)
    self.dense_1 = Dense(in_features=3, out_features=3)
    self.dense_2 = Dense(in_features=3, out_features=2)
  def __call__(self, x):
    x = self.dense_1(x)
    return self.dense_2(x)

my_model = SequentialModule(name="the_model")
print("Model results:", my_model(tf.constant([[2.0, 2.0, 2.0]])))
print("Submodules:", [type(m).__name__ for m in my_model.submodules])
for var in my_model.variables:
  print(var, "\n")
[m.name for m in my_model.submodules]
my_model.submodules[0] is my_model.dense_1
len(my_model.trainable_variables)
isinstance(my_model, tf.Module)
isinstance(my_model.dense_1, SequentialModule)
type(my_model).__name__

class FlexibleDenseModule(tf.Module):
  def __init__(self, out_features, name=None):
    super().__init__(name=name)
    self.is_built = False
    self.out_features = out_features
  def __call__(self, x):
    if not self.is_built:
      self.w = tf.Variable(tf.ones([x.shape[-1], self.out_features]) * 0.5, name='w')
      self.b = tf.Variable(tf.zeros([self.out_features]), name='b')
      self.is_built = True
    y = tf.matmul(x, self.w) + self.b
    return tf.nn.relu(y)

class MySequentialModule(tf.Module):
  def __init__(self, name=None):
    super().__init__(name=name)
    self.dense_1 = FlexibleDenseModule(out_features=3)
    self.dense_2 = FlexibleDenseModule(out_features=2)
  def __call__(self, x):
    x = self.dense_1(x)
    return self.dense_2(x)

my_model = MySequentialModule(name="the_model")
my_model.variables
print("Model results:", my_model(tf.constant([[2.0, 2.0, 2.0]])))
[v.name for v in my_model.variables]
my_model.dense_1.name

# a training loop over a module's trainable variables
class Linear(tf.Module):
  def __init__(self):
    super().__init__()
    self.w = tf.Variable(2.0, name='w')
    self.b = tf.Variable(1.0, name='b')
  def __call__(self, x):
    return self.w * x + self.b

lin = Linear()
lin.name
xs = tf.constant([1.0, 2.0, 3.0, 4.0])
ys = 3.0 * xs - 1.0
opt = tf.keras.optimizers.SGD(learning_rate=0.05)
for step in range(50):
  with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(lin(xs) - ys))
  grads = tape.gradient(loss, lin.trainable_variables)
  opt.apply_gradients(zip(grads, lin.trainable_variables))
print(round(float(loss), 4), [round(float(v), 3) for v in lin.trainable_variables])

for step in range(3):
  with tf.GradientTape() as tape:
    loss = tf.reduce_mean(tf.square(lin(xs) - ys))
  dw, db = tape.gradient(loss, [lin.w, lin.b])
  lin.w.assign_sub(0.05 * dw)
  lin.b.assign_sub(0.05 * db)
print(round(float(loss), 4))

# names
tf.Module().name
tf.Module(name='pos_1').name
tf.Module('positional').name
tf.Module(name=None).name
tf.Module(name='my mod')
tf.Module(name='1abc')
tf.Module(name='a.b')
tf.Module(name='a/b')
tf.Module(name='')
tf.Module(name=5)
class MyModel(tf.Module): pass
MyModel().name
class HTTPServerX(tf.Module): pass
HTTPServerX().name
class ABC(tf.Module): pass
ABC().name
class conv2DNet(tf.Module): pass
conv2DNet().name
class Net_V2(tf.Module): pass
Net_V2().name
m = tf.Module(name='top')
m.name = 'x'
m.name_scope.name
tf.Module.__name__
tf.Module
type(tf.Module().name_scope).__name__

# attributes: lists, dicts and tuples are tracked
class M(tf.Module):
  def __init__(self):
    super().__init__()
    self.layers = [tf.Variable(1.0, name='a'), tf.Variable(2.0, name='b')]
    self.d = {'z': tf.Variable(3.0, name='z'), 'y': tf.Variable(4.0, name='y')}
    self.t = (tf.Variable(5.0, name='t'),)
m = M()
isinstance(m.layers, list)
len(m.layers)
m.layers.append(tf.Variable(9.0, name='c'))
[v.name for v in m.variables]
m.name

# nesting and order: attributes by name, each module's own first, then its submodules
class B(tf.Module):
  def __init__(self, name=None):
    super().__init__(name=name)
    with self.name_scope:
      self.w = tf.Variable(1.0, name='w')
  @tf.Module.with_name_scope
  def __call__(self, x):
    self.u = tf.Variable(2.0, name='u')
    return x * self.w
b = B(name='bb')
b.w.name
b(2.0)
b.u.name
class C(tf.Module):
  def __init__(self):
    super().__init__()
    self.b = B()
    self.bs = [B(name='b1'), B(name='b2')]
    self.x = tf.Variable(0.0, name='x', trainable=False)
c = C()
[s.name for s in c.submodules]
[v.name for v in c.variables]
[v.name for v in c.trainable_variables]
[v.name for v in c.non_trainable_variables]
c.submodules[0] is c.b
with tf.name_scope('outer'):
  b2 = B(name='inner')
b2.w.name
b2.name_scope.name
m2 = tf.Module(name='top')
m2.child = tf.Module(name='child')
m2.child.grand = tf.Module(name='grand')
m2.child.grand.v = tf.Variable(1.0, name='gv')
m2.v = tf.Variable(2.0, name='tv')
m2.child.v = tf.Variable(3.0, name='cv')
[s.name for s in m2.submodules]
[v.name for v in m2.variables]
m2.child.grand.parent = m2
[s.name for s in m2.submodules]
[v.name for v in m2.variables]
m3 = tf.Module()
m3.x = 5
m3.x
m3.s = 'str'
m3.none = None
m3.tensor = tf.constant(1.0)
m3.variables
m3.submodules
m5 = tf.Module()
m5.a = m5.b = tf.Variable(1.0, name='shared')
len(m5.variables)
class NoInit(tf.Module):
  def __init__(self):
    self.v = tf.Variable(1.0)
ni = NoInit()
ni.variables
ni.name

# Keras layers are modules
isinstance(tf.keras.layers.Dense(3), tf.Module)
isinstance(tf.keras.Sequential(), tf.Module)

# checkpointing a module, as the guide does
import os
import shutil
shutil.rmtree('/tmp/tensh_module_ckpt', ignore_errors=True)
my_model = MySequentialModule(name="the_model")
my_model(tf.constant([[2.0, 2.0, 2.0]]))
chkp_path = "/tmp/tensh_module_ckpt/my_checkpoint"
checkpoint = tf.train.Checkpoint(model=my_model)
checkpoint.write(chkp_path)
sorted(os.listdir('/tmp/tensh_module_ckpt'))
tf.train.list_variables(chkp_path)
new_model = MySequentialModule()
new_checkpoint = tf.train.Checkpoint(model=new_model)
status = new_checkpoint.restore("/tmp/tensh_module_ckpt/my_checkpoint")
new_model(tf.constant([[2.0, 2.0, 2.0]]))
my_model.dense_1.w.assign(tf.zeros([3, 3]))
status = checkpoint.restore(chkp_path)
my_model(tf.constant([[2.0, 2.0, 2.0]]))
type(tf.train.Checkpoint(model=tf.Module())).__name__
shutil.rmtree('/tmp/tensh_module_ckpt', ignore_errors=True)
