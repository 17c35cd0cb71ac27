import numpy as np
import tensorflow as tf
S = tf.keras.optimizers.schedules
def vals(s, steps):
    return [round(float(s(i)), 7) for i in steps]
e = S.ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)
e(0)
e(5)
e(tf.constant(25))
e(tf.Variable(7, dtype=tf.int64))
vals(e, range(0, 40, 7))
es = S.ExponentialDecay(0.1, 10, 0.5, staircase=True)
vals(es, [0, 9, 10, 19, 20, 35])
e.get_config()
es.get_config()
S.ExponentialDecay(tf.constant(0.1, tf.float64), 10, 0.5)(3)
S.ExponentialDecay(1.0, 3, 0.9, name="exp")(4)
p = S.PiecewiseConstantDecay([10, 20], [1.0, 0.5, 0.1])
p(5)
p(10)
p(11)
p(20)
p(21)
p(tf.constant(15))
p(tf.Variable(25, dtype=tf.int64))
vals(p, [0, 10, 15, 20, 100])
S.PiecewiseConstantDecay([3], [4, 2])(5)
S.PiecewiseConstantDecay([1.5, 2.5], [1.0, 2.0, 3.0])(2.0)
p.get_config()
S.PiecewiseConstantDecay([10, 20], [1.0, 0.5])
S.PiecewiseConstantDecay([10], [1.0, 0.5, 0.1])
d = S.PolynomialDecay(0.1, 10, end_learning_rate=0.01, power=2.0)
d(0)
d(3)
vals(d, [0, 3, 5, 10, 15])
dc = S.PolynomialDecay(0.1, 10, end_learning_rate=0.01, cycle=True)
vals(dc, [0, 5, 10, 11, 15, 25, 30])
S.PolynomialDecay(1.0, 4)(2)
d.get_config()
i = S.InverseTimeDecay(0.1, 5, 0.5)
i(0)
vals(i, [0, 1, 5, 7, 10, 23])
vals(S.InverseTimeDecay(0.1, 5, 0.5, staircase=True), [0, 4, 5, 9, 10, 23])
i.get_config()
c = S.CosineDecay(0.1, 100)
c(25)
vals(c, [0, 25, 50, 75, 100, 150])
vals(S.CosineDecay(0.1, 100, alpha=0.1), [0, 30, 100, 200])
cw = S.CosineDecay(0.0, 100, warmup_target=0.1, warmup_steps=10)
vals(cw, [0, 1, 5, 10, 11, 60, 110, 200])
cw(5)
cw.get_config()
S.CosineDecay(0.01, 20, alpha=0.5, name="cos").get_config()
r = S.CosineDecayRestarts(0.1, 10)
r(5)
vals(r, [0, 5, 9, 10, 15, 29, 30, 31, 70])
vals(S.CosineDecayRestarts(0.1, 10, t_mul=1.0, m_mul=0.5), [0, 5, 10, 15, 20, 25, 33])
vals(S.CosineDecayRestarts(0.1, 4, t_mul=3.0, m_mul=0.8, alpha=0.1), [0, 2, 4, 10, 16, 40])
r.get_config()
S.ExponentialDecay.from_config(e.get_config())(5)
S.CosineDecayRestarts.from_config(r.get_config())(15)
S.serialize(e)
S.deserialize(S.serialize(p))(12)
isinstance(e, S.LearningRateSchedule)
isinstance(p, S.LearningRateSchedule)
isinstance(0.1, S.LearningRateSchedule)
class MySched(S.LearningRateSchedule):
    def __init__(self, lr):
        self.lr = lr
    def __call__(self, step):
        return self.lr / (tf.cast(step, tf.float32) + 1.0)
    def get_config(self):
        return {"lr": self.lr}
m = MySched(0.5)
m(3)
isinstance(m, S.LearningRateSchedule)
MySched.from_config({"lr": 0.2})(1)
class NoCall(S.LearningRateSchedule):
    pass
NoCall()(1)
NoCall().get_config()
def sgd_steps(lr, steps=4, g=1.0):
    opt = tf.keras.optimizers.SGD(learning_rate=lr)
    v = tf.Variable(1.0)
    out = []
    for k in range(steps):
        opt.apply_gradients([(tf.constant(g), v)])
        out.append((round(float(v.numpy()), 6), round(float(opt.learning_rate.numpy()), 6), int(opt.iterations)))
    return out
sgd_steps(S.ExponentialDecay(0.1, 1, 0.5))
sgd_steps(S.PiecewiseConstantDecay([1, 2], [0.3, 0.2, 0.1]))
sgd_steps(MySched(0.4))
sgd_steps(S.CosineDecay(0.2, 3, warmup_target=0.4, warmup_steps=2), steps=6)
opt = tf.keras.optimizers.Adam(learning_rate=S.InverseTimeDecay(0.1, 2, 1.0))
opt.learning_rate
type(opt.learning_rate).__name__
opt.get_config()["learning_rate"]
opt.learning_rate = 0.5
opt.lr = 0.5
def adam_sched():
    v = tf.Variable([1.0, -1.0])
    for k in range(3):
        with tf.GradientTape() as t:
            loss = tf.reduce_sum(v ** 2)
        opt.apply_gradients([(t.gradient(loss, v), v)])
    return v.numpy(), float(opt.learning_rate)
adam_sched()
def fit_sched(lr):
    m = tf.keras.Sequential([tf.keras.layers.Dense(1, kernel_initializer="ones", bias_initializer="zeros", input_shape=(2,))])
    m.compile(optimizer=tf.keras.optimizers.SGD(learning_rate=lr), loss="mse")
    x = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0]], dtype=np.float32)
    y = np.array([[1.0], [2.0], [0.0], [-1.0]], dtype=np.float32)
    h = m.fit(x, y, epochs=3, batch_size=2, shuffle=False, verbose=0)
    return [round(l, 4) for l in h.history["loss"]], [w.round(5) for w in m.get_weights()], int(m.optimizer.iterations)
fit_sched(S.ExponentialDecay(0.01, 2, 0.5))
fit_sched(S.PiecewiseConstantDecay([2, 4], [0.02, 0.01, 0.005]))
fit_sched(S.PolynomialDecay(0.02, 5, end_learning_rate=0.001))
