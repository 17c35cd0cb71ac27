import numpy as np
import tensorflow as tf
K = tf.keras.optimizers
def run(opt, steps=3, grads=((0.5, -0.25, 2.0), (0.1, 0.3, -1.0), (-0.4, 0.0, 0.5))):
    v = tf.Variable([1.0, -2.0, 0.5])
    for i in range(steps):
        opt.apply_gradients([(tf.constant(grads[i % len(grads)]), v)])
    return v.numpy()
def tape_run(opt, steps=4):
    v = tf.Variable([1.0, -2.0, 0.5])
    w = tf.Variable([[0.3], [-0.1]])
    for i in range(steps):
        with tf.GradientTape() as t:
            loss = tf.reduce_sum((v - 0.2) ** 2) + tf.reduce_sum(w ** 3) * 2.0
        grads = t.gradient(loss, [v, w])
        opt.apply_gradients(zip(grads, [v, w]))
    return v.numpy(), w.numpy()
run(K.Nadam(0.1))
tape_run(K.Nadam(0.05))
run(K.Nadam(0.1, beta_1=0.5, beta_2=0.9, epsilon=1e-3), steps=5)
run(K.Adamax(0.1))
tape_run(K.Adamax(0.05, beta_1=0.8))
run(K.Adadelta(1.0))
tape_run(K.Adadelta(0.5, rho=0.9, epsilon=1e-6))
run(K.AdamW(0.1))
tape_run(K.AdamW(0.05, weight_decay=0.1, amsgrad=True))
run(K.Ftrl(0.1))
run(K.Ftrl(0.1, l1_regularization_strength=0.01, l2_regularization_strength=0.1))
run(K.Ftrl(0.2, learning_rate_power=-0.7, initial_accumulator_value=0.3, l2_shrinkage_regularization_strength=0.05, beta=0.5))
tape_run(K.Ftrl(0.05, l1_regularization_strength=0.001))
run(K.Lion(0.1))
tape_run(K.Lion(0.01, beta_1=0.5, beta_2=0.9))
run(K.Adam(0.1, amsgrad=True), steps=4)
tape_run(K.Adam(0.05, amsgrad=True))
run(K.SGD(0.1, clipnorm=1.0))
run(K.SGD(0.1, clipnorm=5.0))
run(K.SGD(0.1, clipvalue=0.3))
run(K.SGD(0.1, clipnorm=1.0, clipvalue=0.3))
tape_run(K.SGD(0.1, global_clipnorm=1.0))
tape_run(K.Adam(0.1, clipnorm=0.5))
run(K.SGD(0.1, weight_decay=0.1))
run(K.Adam(0.1, weight_decay=0.05))
run(K.Nadam(0.1, weight_decay=0.05, clipvalue=1.0))
def decay_except(opt):
    a = tf.Variable([1.0, 2.0], name="kernel")
    b = tf.Variable([1.0, 2.0], name="bias")
    opt.exclude_from_weight_decay(var_names=["bias"])
    opt.apply_gradients([(tf.constant([0.1, 0.1]), a), (tf.constant([0.1, 0.1]), b)])
    return a.numpy(), b.numpy()
decay_except(K.SGD(0.1, weight_decay=0.5))
decay_except(K.AdamW(0.1, weight_decay=0.5))
run(K.SGD(0.1, use_ema=True, ema_momentum=0.5), steps=4)
run(K.SGD(0.1, use_ema=True, ema_momentum=0.5, ema_overwrite_frequency=2), steps=3)
def ema_final():
    opt = K.SGD(0.5, use_ema=True, ema_momentum=0.9)
    v = tf.Variable([1.0, -1.0])
    for i in range(3):
        opt.apply_gradients([(tf.constant([1.0, 2.0]), v)])
    before = v.numpy()
    opt.finalize_variable_values([v])
    return before, v.numpy()
ema_final()
def mini(opt, steps=3):
    w = tf.Variable([0.5, -1.5])
    for i in range(steps):
        opt.minimize(lambda: tf.reduce_sum(w ** 2 * tf.constant([1.0, 3.0])), [w])
    return w.numpy(), int(opt.iterations)
mini(K.Nadam(0.1))
mini(K.Adamax(0.2))
mini(K.Adadelta(2.0))
mini(K.AdamW(0.1, weight_decay=0.2))
mini(K.Ftrl(0.3))
mini(K.Lion(0.05))
def fit_with(opt, epochs=3):
    m = tf.keras.Sequential([tf.keras.layers.Dense(2, activation="relu", kernel_initializer=tf.keras.initializers.Constant(0.3), bias_initializer="zeros", input_shape=(2,)), tf.keras.layers.Dense(1, kernel_initializer="ones", bias_initializer=tf.keras.initializers.Constant(0.1))])
    m.compile(optimizer=opt, loss="mse")
    x = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0]], dtype=np.float32)
    y = np.array([[1.0], [2.0], [0.0], [-1.0]], dtype=np.float32)
    h = m.fit(x, y, epochs=epochs, batch_size=2, shuffle=False, verbose=0)
    return [round(l, 4) for l in h.history["loss"]], [w.round(4) for w in m.get_weights()]
fit_with("adamax")
fit_with("adadelta")
fit_with("ftrl")
fit_with("nadam")
fit_with(K.AdamW(0.05))
fit_with(K.Lion(0.01))
fit_with(K.SGD(0.05, clipnorm=0.5))
fit_with(K.Adam(0.05, global_clipnorm=0.5))
fit_with(K.Adam(0.01, amsgrad=True))
type(K.get("nadam")).__name__
type(K.get("Adamax")).__name__
type(K.get("adadelta")).__name__
type(K.get("ftrl")).__name__
type(K.Lion()).__name__
type(K.AdamW()).__name__
K.get("adamw")
K.get("lion")
K.Nadam().get_config()
K.Adamax(0.5, beta_1=0.8).get_config()
K.Adadelta().get_config()
K.AdamW(weight_decay=0.01, amsgrad=True).get_config()
K.Ftrl(l1_regularization_strength=0.1, beta=0.2).get_config()
K.Lion().get_config()
K.Adam(amsgrad=True).get_config()
K.SGD(0.2, clipnorm=1.0, weight_decay=0.01, use_ema=True, ema_momentum=0.9, ema_overwrite_frequency=5, name="my_sgd").get_config()
K.RMSprop(global_clipnorm=2, clipvalue=0.5).get_config()
K.Nadam(name="nad").name
K.Lion(clipnorm=2.0).clipnorm
K.Adam(weight_decay=0.1).weight_decay
K.Ftrl().learning_rate_power
K.Adadelta(rho=0.8).rho
K.SGD(clipnorm=1.0, global_clipnorm=1.0)
K.Adam(clipnorm=0.5, global_clipnorm=2)
K.AdamW(weight_decay=None)
K.Ftrl(initial_accumulator_value=-1.0)
K.Ftrl(learning_rate_power=0.5)
K.Ftrl(l1_regularization_strength=-0.1)
K.Ftrl(l2_regularization_strength=-0.1)
K.Ftrl(l2_shrinkage_regularization_strength=-0.1)
K.Lion(beta_1=0.0)
K.Lion(beta_1=1.5)
K.SGD(momentum=1.5)
K.SGD(decay=0.1)
K.Nadam(foo=1)
K.Adam(use_ema=True, ema_momentum=1.5)
K.Adam(use_ema=True, ema_overwrite_frequency=0.5)
def slot_names(opt):
    a = tf.Variable([1.0, 2.0], name="a")
    b = tf.Variable(3.0, name="b")
    opt.apply_gradients([(tf.constant([0.1, 0.2]), a), (tf.constant(0.3), b)])
    return [v.name for v in opt.variables()], [v.shape for v in opt.variables()]
slot_names(K.Nadam())
slot_names(K.Adamax())
slot_names(K.Adadelta())
slot_names(K.AdamW(amsgrad=True))
slot_names(K.Ftrl())
slot_names(K.Lion())
slot_names(K.SGD(momentum=0.9))
slot_names(K.SGD(use_ema=True))
slot_names(K.RMSprop(momentum=0.5, centered=True))
def lr_set():
    opt = K.Lion(0.1)
    opt.learning_rate = 0.5
    a = float(opt.learning_rate)
    opt.lr = 0.25
    return a, float(opt.lr), float(opt.get_config()["learning_rate"]), opt.iterations.numpy()
lr_set()
len(K.Ftrl().variables())
K.serialize(K.Adamax(0.5))
type(K.deserialize(K.serialize(K.Ftrl(0.2)))).__name__
K.deserialize(K.serialize(K.Nadam(0.3, beta_1=0.8))).get_config()
K.get(K.serialize(K.SGD(0.2, momentum=0.5))).get_config()["momentum"]
K.deserialize(K.serialize(K.SGD(learning_rate=K.schedules.ExponentialDecay(0.1, 2, 0.5)))).learning_rate
type(tf.keras.optimizers.experimental.AdamW(0.1)).__name__

