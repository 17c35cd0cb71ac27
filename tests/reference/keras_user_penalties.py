import tensorflow as tf
def my_reg(w):
    return 0.01 * tf.reduce_sum(tf.abs(w))
class MyReg(tf.keras.regularizers.Regularizer):
    def __init__(self, s=0.5):
        self.s = s
    def __call__(self, x):
        return self.s * tf.reduce_sum(tf.square(x))
    def get_config(self):
        return {'s': self.s}
class Plain:
    def __call__(self, x):
        return tf.reduce_sum(x)
d = tf.keras.layers.Dense(2, kernel_initializer='ones', bias_initializer='ones', kernel_regularizer=my_reg, bias_regularizer=MyReg(0.25), activity_regularizer=Plain())
y = d(tf.ones([3, 4]))
d.losses
d.kernel_regularizer is my_reg
type(d.bias_regularizer).__name__
d.get_config()
d2 = tf.keras.layers.Dense(2, kernel_regularizer=my_reg, bias_regularizer=MyReg(0.25))
c = d2.get_config()
c['kernel_regularizer']
c['bias_regularizer']
c['activity_regularizer']
tf.keras.regularizers.serialize(my_reg)
tf.keras.regularizers.serialize(MyReg(2.0))
tf.keras.regularizers.get(my_reg) is my_reg
tf.keras.regularizers.Regularizer
tf.keras.regularizers.Regularizer().get_config()
tf.keras.regularizers.Regularizer()(tf.ones([2]))
MyReg.from_config({'s': 2.0}).s
isinstance(tf.keras.regularizers.L2(), tf.keras.regularizers.Regularizer)
isinstance(MyReg(), tf.keras.regularizers.Regularizer)
isinstance(my_reg, tf.keras.regularizers.Regularizer)
isinstance(tf.keras.constraints.MaxNorm(), tf.keras.constraints.Constraint)
isinstance(tf.keras.regularizers.L2(), tf.keras.constraints.Constraint)
dw = tf.keras.layers.DepthwiseConv2D(2, depthwise_initializer='ones', depthwise_regularizer='l2', bias_regularizer='l1', activity_regularizer='l1', depthwise_constraint='non_neg')
dw(tf.ones([1, 3, 3, 2]))
dw.losses
dw.get_config()
dw.depthwise_regularizer.get_config()
type(dw.depthwise_constraint).__name__
sc = tf.keras.layers.SeparableConv2D(2, 2, depthwise_initializer='ones', pointwise_initializer='ones', depthwise_regularizer='l2', pointwise_regularizer=tf.keras.regularizers.L1(0.5), depthwise_constraint='non_neg', pointwise_constraint=tf.keras.constraints.MaxNorm(1.0))
sc(tf.ones([1, 3, 3, 2]))
sc.losses
sc.get_config()
type(sc.pointwise_constraint).__name__
sc1 = tf.keras.layers.SeparableConv1D(2, 2, depthwise_initializer='ones', pointwise_initializer='ones', pointwise_regularizer=my_reg, activity_regularizer='l2')
sc1(tf.ones([2, 4, 3]))
sc1.losses
dw1 = tf.keras.layers.DepthwiseConv1D(2, depthwise_initializer='ones', depthwise_regularizer=MyReg(1.0))
dw1(tf.ones([1, 4, 2]))
dw1.losses
m = tf.keras.Sequential([tf.keras.Input((4,)), d])
m.add_loss(lambda: tf.reduce_mean(d.kernel))
m.losses
m.add_loss(tf.constant(1.0))
m.add_loss([lambda: tf.constant(1.0), lambda: tf.constant(2.0)])
len(m.losses)
class L(tf.keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.add_loss(lambda: tf.constant(3.0))
    def call(self, x):
        self.add_loss(tf.reduce_sum(x))
        return x
l = L()
l.losses
l(tf.ones([2]))
l.losses
l(tf.ones([3]))
l.losses
class Sub(tf.keras.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight(name='w', shape=(2,), initializer='ones', regularizer=tf.keras.regularizers.l2(0.5), constraint=tf.keras.constraints.NonNeg())
    def call(self, x):
        self.add_loss(0.5)
        return x * self.w
s = Sub()
s(tf.ones([1, 2]))
s.losses
tf.keras.layers.Flatten().losses
class C(tf.keras.constraints.Constraint):
    def __call__(self, w):
        return tf.clip_by_value(w, 0, 0.5)
C().get_config()
tf.keras.layers.Dense(1, kernel_constraint=C()).get_config()['kernel_constraint']
tf.keras.constraints.Constraint()(tf.ones([2]))
class MyInit(tf.keras.initializers.Initializer):
    def __init__(self, v=1.0):
        self.v = v
    def __call__(self, shape, dtype=None, **kw):
        return tf.fill(shape, self.v)
    def get_config(self):
        return {'v': self.v}
di = tf.keras.layers.Dense(2, kernel_initializer=MyInit(3.0))
di.build((None, 2))
di.kernel
di.get_config()['kernel_initializer']
tf.keras.initializers.Initializer
tf.keras.initializers.Initializer().get_config()
tf.keras.initializers.Initializer()((2,))
def winit(shape, dtype=None):
    return tf.ones(shape)
tf.keras.layers.Dense(2, kernel_initializer=winit).get_config()['kernel_initializer']
tf.keras.layers.Dense(2, kernel_regularizer=Plain()).get_config()
du = tf.keras.layers.Dense(2, kernel_regularizer='foo')
du.kernel_regularizer
du(tf.ones([1, 2])).shape
du.losses
tf.keras.layers.Dense(2, kernel_regularizer=3)
def cons(w):
    return w
tf.keras.layers.Dense(2, kernel_constraint=cons).get_config()['kernel_constraint']
tf.keras.constraints.serialize(cons)
tf.keras.regularizers.get('foo')
