import tensorflow as tf
R = tf.keras.regularizers
x = tf.constant([[1.0, -2.0], [3.0, 0.5]])
R.L2(0.1)(x)
R.L1(0.1)(x)
R.L1L2(0.1, 0.2)(x)
R.L1L2()(x)
R.l1_l2()(x)
R.L2()(x)
R.l2(0.5)(x)
R.l1(l1=0.25)(x)
R.L1(0.1)(tf.constant([1, -2, 3]))
R.L2(0.5)(tf.constant([1.0, -2.0], dtype=tf.float64))
R.L1L2(0.5, 0.5)(tf.constant([1.0, -2.0], dtype=tf.float64))
R.L2().get_config()
R.L1().get_config()
R.L1L2().get_config()
R.l1_l2().get_config()
R.l1_l2(l1=0.5).get_config()
R.L1L2(l2=0.1).get_config()
R.l2(0.5).get_config()
R.L2(2).get_config()
R.L2(None).get_config()
R.L1(l1=None).get_config()
R.L1(-1.0).get_config()
type(R.L2()).__name__
type(R.l1_l2())
float(R.L2(0.01).l2)
print(R.L2(0.01).l2)
float(R.L1L2(l1=0.1).l1), float(R.L1L2(l1=0.1).l2)
R.get('l2').get_config()
R.get('l1').get_config()
R.get('l1_l2').get_config()
R.get('L1L2').get_config()
R.get('L2').get_config()
R.get(None)
R.get({'class_name': 'L2', 'config': {'l2': 0.3}}).get_config()
R.get({'class_name': 'L1L2', 'config': {'l1': 0.5, 'l2': 0.25}}).get_config()
R.get('nope')
R.get(5)
R.get(R.L1(0.2)).get_config()
R.serialize(R.L2(0.2))
R.serialize(R.L1L2(0.5, 0.25))
R.deserialize({'class_name': 'L1', 'config': {'l1': 0.3}}).get_config()
R.L2('a')
R.L1([1])
R.L2(float('inf'))
d = tf.keras.layers.Dense(2, kernel_regularizer='l2', bias_regularizer=R.L1(0.5), activity_regularizer='l1', kernel_initializer='ones', bias_initializer='ones')
d.losses
d.build((None, 3))
d.losses
y = d(tf.ones((4, 3)))
d.losses
c = d.get_config()
c['kernel_regularizer']
c['bias_regularizer']
c['activity_regularizer']
c['kernel_constraint']
sorted(c.keys())
type(d.kernel_regularizer).__name__
d.activity_regularizer.get_config()
tf.keras.layers.Dense(2, kernel_regularizer=3)
tf.keras.layers.Dense(2).get_config()['kernel_regularizer']
conv = tf.keras.layers.Conv2D(2, 2, kernel_regularizer=R.L2(0.1), bias_regularizer='l1', kernel_initializer='ones', bias_initializer='ones')
conv(tf.ones((1, 3, 3, 1))).shape
conv.losses
conv.get_config()['kernel_regularizer']
conv1 = tf.keras.layers.Conv1D(1, 2, activity_regularizer=R.L2(0.5), kernel_initializer='ones', use_bias=False)
conv1(tf.reshape(tf.range(6, dtype=tf.float32), (2, 3, 1)))
conv1.losses
model = tf.keras.Sequential([tf.keras.layers.Dense(3, kernel_regularizer=R.L2(0.1), input_shape=(2,)), tf.keras.layers.Dense(1, kernel_regularizer=R.L1(0.05), bias_regularizer=R.L2(1.0))])
model.set_weights([tf.reshape(tf.range(6, dtype=tf.float32) / 10.0, (2, 3)), tf.constant([0.1, 0.0, -0.1]), tf.constant([[0.5], [-0.5], [0.25]]), tf.constant([0.2])])
model.losses
len(model.losses)
float(tf.add_n(model.losses))
xs = tf.reshape(tf.range(16, dtype=tf.float32) / 16.0, (8, 2))
ys = tf.reduce_sum(xs, axis=1, keepdims=True) * 2.0 - 1.0
model.compile(optimizer=tf.keras.optimizers.SGD(0.05), loss='mse')
h = model.fit(xs, ys, batch_size=4, epochs=3, verbose=0, shuffle=False)
[round(v, 4) for v in h.history['loss']]
[round(float(v), 4) for v in model.losses]
round(model.evaluate(xs, ys, verbose=0), 4)
round(float(tf.reduce_mean(tf.square(model(xs) - ys))) + float(tf.add_n(model.losses)), 4)
m2 = tf.keras.Sequential([tf.keras.layers.Dense(1, activity_regularizer=R.L2(0.5), kernel_initializer='ones', input_shape=(2,))])
m2.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss='mse')
h2 = m2.fit(xs, ys, batch_size=8, epochs=2, verbose=0, shuffle=False)
[round(v, 4) for v in h2.history['loss']]
[round(float(v), 4) for v in tf.reshape(m2.layers[0].kernel, [-1])]
inp = tf.keras.Input((2,))
out = tf.keras.layers.Dense(1, kernel_regularizer=R.L1(0.1), kernel_initializer='ones')(inp)
fm = tf.keras.Model(inp, out)
fm.losses
class Act(tf.keras.layers.Layer):
    def call(self, x):
        self.add_loss(tf.reduce_sum(x) * 0.1)
        return x * 2.0
a = Act()
a.losses
_ = a(tf.ones((2, 2)))
a.losses
_ = a(tf.ones((1, 2)))
a.losses
class M(tf.keras.Model):
    def __init__(self):
        super().__init__()
        self.d = tf.keras.layers.Dense(1, kernel_initializer='ones', kernel_regularizer=R.L2(0.1))
        self.a = Act()
    def call(self, x):
        return self.a(self.d(x))
m = M()
_ = m(tf.ones((2, 2)))
m.losses
len(m.losses)
m.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss='mse')
hm = m.fit(xs, ys, batch_size=4, epochs=2, verbose=0, shuffle=False)
[round(v, 4) for v in hm.history['loss']]
